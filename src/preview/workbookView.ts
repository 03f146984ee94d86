/**
 * The preview's workbook view: formula bar, grid and sheet tabs over a SimWorkbook, drawn
 * the way Excel would show the sheet the task pane wrote: number formats, column widths,
 * role styles (header, input, total …), conditional-format tones, frozen panes, errors as
 * "#DIV/0!" with the reason on hover. Cells are editable; an edit goes through
 * SimWorkbook.setCellInput (data validation included) and the engine recalculates. Sheet tabs
 * rename (double-click or F2) and delete (× or Delete, after a confirm step) as in Excel: the
 * workbook rewrites every reference (SimWorkbook.renameSheet, removeSheet).
 *
 * Text reaches the DOM only as text (textContent, title and value properties): workbook
 * content can never become markup.
 */
import { h, replaceChildren } from "../taskpane/dom";
import { columnLetters, formatAddress } from "../excel-sim/a1";
import type { SimSheet, SimWorkbook } from "../excel-sim";
import type { EngineValue } from "./engine";
import { defaultAlignment, formatValue } from "./numberFormat";
import type { PreviewStrings } from "./strings";
import { formulaBarText, parseTyped } from "./typedInput";

/** Where the grid reads values from: the engine once loaded, the workbook's stored values before. */
export interface ValueSource {
  valueAt(sheetId: string, row: number, column: number): EngineValue;
  extent(sheetId: string): { rows: number; columns: number };
}

/** Before the engine arrives: constants as stored, formulas blank. */
export function storedValues(workbook: SimWorkbook): ValueSource {
  return {
    valueAt: (sheetId, row, column) => {
      const cell = workbook.sheet(sheetId)?.getCell(row, column);
      return { value: cell === undefined || cell.formula !== undefined ? null : cell.value };
    },
    extent: () => ({ rows: 0, columns: 0 }),
  };
}

const PX_PER_POINT = 96 / 72;
const ROW_HEADER_PX = 44;
const ROW_PX = 20;
const DEFAULT_WIDTH_PT = 48;
const MIN_ROWS = 30;
const MIN_COLUMNS = 10;
const EXTRA_ROWS = 8;
const EXTRA_COLUMNS = 2;

/** A tab being renamed: the sheet, and the text typed so far (kept across re-renders). */
interface Renaming {
  readonly sheetId: string;
  text: string;
}

interface Editing {
  readonly row: number;
  readonly column: number;
  readonly input: HTMLInputElement;
}

export class WorkbookView {
  readonly element: HTMLElement;
  private readonly nameBox: HTMLInputElement;
  private readonly formula: HTMLInputElement;
  private readonly gridWrap: HTMLDivElement;
  private readonly tabs: HTMLDivElement;
  private readonly message: HTMLDivElement;
  private readonly messageText: HTMLParagraphElement;
  private readonly messageClose: HTMLButtonElement;
  private readonly status: HTMLParagraphElement;
  private readonly confirm: HTMLDivElement;
  private readonly confirmText: HTMLParagraphElement;
  private readonly confirmYes: HTMLButtonElement;
  private readonly confirmNo: HTMLButtonElement;
  /** The sheet the confirm step asks about. */
  private deleting: string | undefined;
  private renaming: Renaming | undefined;
  private source: ValueSource;
  private strings: PreviewStrings;
  private scheduled = false;
  private editing: Editing | undefined;
  /** The formula bar's text was typed by the user (not yet committed). */
  private formulaDirty = false;
  private statusText = "";
  private editNote: { sheetId: string; text: string } | undefined;
  private rendered = { rows: 0, columns: 0 };

  constructor(
    private readonly workbook: SimWorkbook,
    strings: PreviewStrings
  ) {
    this.strings = strings;
    this.source = storedValues(workbook);
    this.nameBox = h("input", { class: "pv-namebox", attrs: { readonly: "", spellcheck: "false" } });
    this.formula = h("input", { class: "pv-formula", attrs: { spellcheck: "false", autocomplete: "off" } });
    this.gridWrap = h("div", { class: "pv-gridwrap", attrs: { tabindex: "0" } });
    this.tabs = h("div", { class: "pv-tabs", attrs: { role: "tablist" } });
    this.messageText = h("p", { class: "pv-message__text" });
    this.messageClose = h("button", { class: "pv-button", attrs: { type: "button" } });
    this.message = h("div", { class: "pv-message", attrs: { role: "alert" } }, this.messageText, this.messageClose);
    this.message.hidden = true;
    this.status = h("p", { class: "pv-status", attrs: { role: "status", "aria-live": "polite" } });
    this.confirmText = h("p", { class: "pv-message__text", id: "pv-confirm-text" });
    this.confirmYes = h("button", { class: "pv-button pv-button--danger", attrs: { type: "button" } });
    this.confirmNo = h("button", { class: "pv-button", attrs: { type: "button" } });
    this.confirm = h(
      "div",
      { class: "pv-confirm", attrs: { role: "alertdialog", "aria-labelledby": "pv-confirm-text" } },
      this.confirmText,
      this.confirmYes,
      this.confirmNo
    );
    this.confirm.hidden = true;
    this.element = h(
      "section",
      { class: "pv-book" },
      h("div", { class: "pv-fbar" }, this.nameBox, h("span", { class: "pv-fx", attrs: { "aria-hidden": "true" } }, "fx"), this.formula),
      this.gridWrap,
      this.message,
      this.confirm,
      h("div", { class: "pv-bottom" }, this.tabs, this.status)
    );
    this.applyStrings();
    this.wire();
    workbook.onChange(() => this.schedule());
    // A larger window shows more empty cells (never fewer: no re-render while shrinking).
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        const { rows, columns } = this.screenful();
        if (this.editing === undefined && (rows > this.rendered.rows || columns > this.rendered.columns)) this.schedule();
      }).observe(this.gridWrap);
    }
    this.render();
  }

  setSource(source: ValueSource): void {
    this.source = source;
    this.schedule();
  }

  setStrings(strings: PreviewStrings): void {
    this.strings = strings;
    this.applyStrings();
    this.render();
  }

  /** The status line's standing text (the engine's state). */
  setStatus(text: string): void {
    this.statusText = text;
    this.editNote = undefined;
    this.status.textContent = text;
  }

  /** A note about the last edit, shown while its sheet is the active one. */
  private noteEdit(text: string): void {
    this.editNote = { sheetId: this.sheet.id, text };
    this.status.textContent = text;
  }

  private applyStrings(): void {
    const s = this.strings;
    this.nameBox.setAttribute("aria-label", s.nameBoxLabel);
    this.formula.setAttribute("aria-label", s.formulaBarLabel);
    this.formula.placeholder = s.editHint;
    this.gridWrap.setAttribute("aria-label", s.gridLabel);
    this.tabs.setAttribute("aria-label", s.sheetTabsLabel);
    this.messageClose.textContent = s.dismiss;
    this.confirmYes.textContent = s.deleteConfirm;
    this.confirmNo.textContent = s.cancel;
    if (this.deleting !== undefined) {
      const sheet = this.workbook.sheet(this.deleting);
      if (sheet !== undefined) this.confirmText.textContent = s.deleteQuestion(sheet.name);
    }
    this.editNote = undefined;
    this.status.textContent = this.statusText;
  }

  // ---------------------------------------------------------------- rendering

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.render();
    });
  }

  private get sheet(): SimSheet {
    return this.workbook.activeSheet;
  }

  render(): void {
    this.editing = undefined;
    if (this.editNote !== undefined && this.editNote.sheetId !== this.sheet.id) {
      this.editNote = undefined;
      this.status.textContent = this.statusText;
    }
    this.renderTabs();
    this.renderGrid();
    this.showSelection(false);
  }

  private renderTabs(): void {
    const active = this.sheet;
    const s = this.strings;
    const deletable = this.workbook.sheets.length > 1;
    replaceChildren(
      this.tabs,
      ...this.workbook.sheets.map((sheet) => {
        const item = h("span", { class: "pv-tabitem", attrs: { role: "presentation" } });
        item.dataset.sheet = sheet.name;
        if (this.renaming?.sheetId === sheet.id) {
          item.appendChild(this.renameInput(sheet));
          return item;
        }
        const tab = h("button", { class: "pv-tab", attrs: { type: "button", role: "tab", "aria-selected": String(sheet === active) } }, sheet.name);
        tab.dataset.sheet = sheet.name;
        tab.title = s.tabHint;
        tab.tabIndex = sheet === active ? 0 : -1;
        tab.addEventListener("click", () => {
          if (sheet !== this.workbook.activeSheet) this.workbook.activate(sheet);
        });
        tab.addEventListener("dblclick", () => this.startRename(sheet));
        tab.addEventListener("keydown", (e) => {
          if (e.key === "F2") {
            e.preventDefault();
            this.startRename(sheet);
          } else if (e.key === "Delete") {
            e.preventDefault();
            this.askDelete(sheet);
          }
        });
        item.appendChild(tab);
        if (deletable) {
          const close = h("button", { class: "pv-tab-close", attrs: { type: "button", "aria-label": s.deleteSheet(sheet.name) } }, "×");
          close.title = s.deleteSheet(sheet.name);
          close.tabIndex = sheet === active ? 0 : -1;
          close.addEventListener("click", () => this.askDelete(sheet));
          item.appendChild(close);
        }
        return item;
      })
    );
  }

  // ---------------------------------------------------------------- sheets: rename and delete

  private startRename(sheet: SimSheet): void {
    this.cancelDelete();
    if (sheet !== this.workbook.activeSheet) this.workbook.activate(sheet);
    this.renaming = { sheetId: sheet.id, text: sheet.name };
    this.renderTabs();
  }

  /** The tab's editor: Enter renames (or says why not), Escape cancels, leaving it renames when the name is valid. */
  private renameInput(sheet: SimSheet): HTMLInputElement {
    const renaming = this.renaming as Renaming;
    const input = h("input", { class: "pv-tab-input", attrs: { spellcheck: "false", autocomplete: "off" } });
    input.setAttribute("aria-label", this.strings.renameLabel(sheet.name));
    input.value = renaming.text;
    input.size = Math.max(8, renaming.text.length + 2);
    input.addEventListener("input", () => {
      renaming.text = input.value;
      input.size = Math.max(8, input.value.length + 2);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.commitRename(false);
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.endRename();
      }
    });
    input.addEventListener("blur", () => {
      // A re-render replaces the input (and blurs it): only a real blur ends the rename.
      if (this.renaming === renaming && input.isConnected) this.commitRename(true);
    });
    queueMicrotask(() => {
      if (!input.isConnected) return;
      input.focus();
      input.select();
    });
    return input;
  }

  /** Renames the sheet being edited; refuses an invalid name with the reason (on blur: gives up instead). */
  private commitRename(leaving: boolean): void {
    const renaming = this.renaming;
    if (renaming === undefined) return;
    const sheet = this.workbook.sheet(renaming.sheetId);
    if (sheet === undefined) return this.endRename();
    const name = renaming.text;
    if (name === sheet.name) return this.endRename();
    const problem = this.workbook.sheetNameProblem(name, sheet);
    if (problem !== null) {
      this.showMessage(this.strings.badSheetName(name, problem));
      if (leaving) this.endRename(false);
      return;
    }
    const from = sheet.name;
    this.renaming = undefined;
    this.hideMessage();
    this.workbook.renameSheet(sheet.id, name);
    this.workbook.recalculate();
    this.render();
    this.noteEdit(this.strings.renamed(from, name));
    this.focusActiveTab();
  }

  private endRename(focus = true): void {
    if (this.renaming === undefined) return;
    this.renaming = undefined;
    this.renderTabs();
    if (focus) this.focusActiveTab();
  }

  private focusActiveTab(): void {
    this.tabs.querySelector<HTMLButtonElement>('.pv-tab[aria-selected="true"]')?.focus();
  }

  /** The confirm step before a sheet goes (Excel asks too); the last sheet is refused with the reason. */
  private askDelete(sheet: SimSheet): void {
    if (this.workbook.sheets.length <= 1) {
      this.showMessage(this.strings.lastSheet);
      return;
    }
    this.renaming = undefined;
    this.hideMessage();
    if (sheet !== this.workbook.activeSheet) this.workbook.activate(sheet);
    this.deleting = sheet.id;
    this.confirmText.textContent = this.strings.deleteQuestion(sheet.name);
    this.confirm.hidden = false;
    this.confirmNo.focus();
  }

  private cancelDelete(focus = false): void {
    if (this.deleting === undefined) return;
    this.deleting = undefined;
    this.confirm.hidden = true;
    if (focus) this.focusActiveTab();
  }

  private confirmDelete(): void {
    const sheet = this.deleting === undefined ? undefined : this.workbook.sheet(this.deleting);
    this.cancelDelete();
    if (sheet === undefined) return;
    if (this.workbook.sheets.length <= 1) {
      this.showMessage(this.strings.lastSheet);
      return;
    }
    const name = sheet.name;
    this.workbook.removeSheet(sheet.id);
    this.workbook.recalculate();
    this.render();
    this.noteEdit(this.strings.deleted(name));
    this.focusActiveTab();
  }

  /** At least a screenful of empty cells, as a new Excel sheet shows. */
  private screenful(): { rows: number; columns: number } {
    return {
      rows: Math.max(MIN_ROWS, Math.ceil(this.gridWrap.clientHeight / ROW_PX) + 1),
      columns: Math.max(MIN_COLUMNS, Math.ceil((this.gridWrap.clientWidth - ROW_HEADER_PX) / (DEFAULT_WIDTH_PT * PX_PER_POINT)) + 1),
    };
  }

  private renderGrid(): void {
    const sheet = this.sheet;
    const used = sheet.usedRect();
    const extent = this.source.extent(sheet.id);
    const screen = this.screenful();
    const rows = Math.max(screen.rows, (used?.rowCount ?? 0) + EXTRA_ROWS, extent.rows + EXTRA_ROWS, sheet.selection.row + 2);
    const columns = Math.max(screen.columns, (used?.columnCount ?? 0) + EXTRA_COLUMNS, extent.columns + EXTRA_COLUMNS, sheet.selection.column + 2);
    this.rendered = { rows, columns };
    const widths = Array.from({ length: columns }, (_, c) => Math.round(sheet.columnWidth(c) * PX_PER_POINT));
    const freeze = sheet.freeze;

    // Values first: a text cell may spill into the empty cells to its right, as in Excel.
    const values: EngineValue[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: EngineValue[] = [];
      for (let c = 0; c < columns; c++) row.push(this.source.valueAt(sheet.id, r, c));
      values.push(row);
    }
    const isEmpty = (r: number, c: number): boolean => c >= columns || values[r][c].value === null || values[r][c].value === "";

    const colgroup = h("colgroup", {}, h("col", { attrs: { style: `width:${ROW_HEADER_PX}px` } }));
    for (const w of widths) colgroup.appendChild(h("col", { attrs: { style: `width:${w}px` } }));
    const leftOf = (c: number): number => ROW_HEADER_PX + widths.slice(0, c).reduce((a, b) => a + b, 0);

    const headRow = h("tr", {}, h("th", { class: "pv-corner", attrs: { scope: "col" } }));
    for (let c = 0; c < columns; c++) {
      const th = h("th", { class: "pv-colhead", attrs: { scope: "col" } }, columnLetters(c));
      th.dataset.column = String(c);
      if (c < freeze.columns) {
        th.classList.add("pv-frozen-col");
        th.style.left = `${leftOf(c)}px`;
      }
      headRow.appendChild(th);
    }

    const body = h("tbody");
    for (let r = 0; r < rows; r++) {
      const tr = h("tr");
      const rowHead = h("th", { class: "pv-rowhead", attrs: { scope: "row" } }, String(r + 1));
      rowHead.dataset.row = String(r);
      tr.appendChild(rowHead);
      for (let c = 0; c < columns; c++) {
        const td = this.renderCell(sheet, r, c, values[r][c], isEmpty);
        if (r < freeze.rows) td.classList.add("pv-frozen-row");
        if (c < freeze.columns) {
          td.classList.add("pv-frozen-col");
          td.style.left = `${leftOf(c)}px`;
        }
        if (freeze.rows > 0 && r === freeze.rows - 1) td.classList.add("pv-freeze-bottom");
        if (freeze.columns > 0 && c === freeze.columns - 1) td.classList.add("pv-freeze-right");
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }

    const table = h("table", { class: "pv-grid" }, colgroup, h("thead", {}, headRow), body);
    table.style.width = `${leftOf(columns)}px`;
    replaceChildren(this.gridWrap, table);

    // Frozen rows stick below the column headers: their offsets need the rendered row heights.
    if (freeze.rows > 0) {
      let top = headRow.getBoundingClientRect().height;
      const trs = body.rows;
      for (let r = 0; r < freeze.rows && r < trs.length; r++) {
        const tr = trs[r];
        for (const cell of Array.from(tr.cells)) {
          if (cell.tagName === "TH") {
            cell.classList.add("pv-frozen-row");
          }
          cell.style.top = `${top}px`;
        }
        top += tr.getBoundingClientRect().height;
      }
    }
  }

  private renderCell(sheet: SimSheet, r: number, c: number, v: EngineValue, isEmpty: (r: number, c: number) => boolean): HTMLTableCellElement {
    const cell = sheet.getCell(r, c);
    const td = h("td");
    td.dataset.cell = formatAddress({ row: r, column: c, rowCount: 1, columnCount: 1 });
    const format = sheet.effectiveFormat(r, c);
    const rendered = v.error !== undefined ? { text: v.error.code } : formatValue(v.value, cell?.numberFormat);
    if (rendered.text !== "") td.appendChild(h("span", { class: "pv-text" }, rendered.text));
    if (v.error !== undefined) {
      td.classList.add("pv-error");
      // A property, never markup: the reason shows on hover.
      td.title = v.error.message;
    }
    const style = td.style;
    if (format.font.bold) style.fontWeight = "700";
    if (format.font.italic) style.fontStyle = "italic";
    if (format.font.size !== undefined) style.fontSize = `${format.font.size}pt`;
    const color = rendered.color ?? format.font.color;
    if (color !== undefined) style.color = color;
    if (format.fill !== undefined) {
      style.backgroundColor = format.fill;
      td.classList.add("pv-filled");
    }
    const horizontal = (format.horizontalAlignment ?? "General").toLowerCase();
    const align = horizontal === "left" || horizontal === "center" || horizontal === "right" ? horizontal : defaultAlignment(v.value, v.error !== undefined);
    style.textAlign = align;
    const vertical = (format.verticalAlignment ?? "Bottom").toLowerCase();
    style.verticalAlign = vertical === "top" ? "top" : vertical === "center" ? "middle" : "bottom";
    if (format.wrapText) td.classList.add("pv-wrap");
    else if (typeof v.value === "string" && v.error === undefined && align === "left" && rendered.text !== "" && isEmpty(r, c + 1)) {
      td.classList.add("pv-overflow");
    }
    if (cell?.formula !== undefined) td.classList.add("pv-formula-cell");
    if (sheet.validationAt(r, c) !== undefined) td.classList.add("pv-validated");
    td.addEventListener("mousedown", (e) => {
      if (this.editing !== undefined && this.editing.row === r && this.editing.column === c) return;
      e.preventDefault();
      this.select(r, c);
      this.gridWrap.focus({ preventScroll: true });
    });
    td.addEventListener("dblclick", () => this.startEdit(undefined));
    return td;
  }

  // ---------------------------------------------------------------- selection

  private cellElement(row: number, column: number): HTMLTableCellElement | null {
    const address = formatAddress({ row, column, rowCount: 1, columnCount: 1 });
    return this.gridWrap.querySelector<HTMLTableCellElement>(`td[data-cell="${address}"]`);
  }

  select(row: number, column: number): void {
    if (this.editing !== undefined) this.commitEdit("stay");
    const sheet = this.sheet;
    const r = Math.max(0, row);
    const c = Math.max(0, column);
    const grow = r >= this.gridWrap.querySelectorAll("tbody tr").length - 1 || this.cellElement(r, c) === null;
    sheet.selection = { row: r, column: c };
    if (grow) this.render();
    else this.showSelection(true);
  }

  private showSelection(scroll: boolean): void {
    const sheet = this.sheet;
    const { row, column } = sheet.selection;
    for (const el of Array.from(this.gridWrap.querySelectorAll(".pv-selected, .pv-head-selected"))) {
      el.classList.remove("pv-selected", "pv-head-selected");
    }
    const td = this.cellElement(row, column);
    td?.classList.add("pv-selected");
    this.gridWrap.querySelector(`th.pv-colhead[data-column="${column}"]`)?.classList.add("pv-head-selected");
    this.gridWrap.querySelector(`th.pv-rowhead[data-row="${row}"]`)?.classList.add("pv-head-selected");
    this.nameBox.value = formatAddress({ row, column, rowCount: 1, columnCount: 1 });
    const cell = sheet.getCell(row, column);
    this.formula.value = formulaBarText(sheet.input(row, column), cell?.numberFormat ?? "General");
    this.formulaDirty = false;
    if (scroll && td !== null) td.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  // ---------------------------------------------------------------- editing

  private startEdit(initial: string | undefined): void {
    const sheet = this.sheet;
    const { row, column } = sheet.selection;
    const td = this.cellElement(row, column);
    if (td === null) return;
    const input = h("input", { class: "pv-editor", attrs: { spellcheck: "false", autocomplete: "off" } });
    input.setAttribute("aria-label", `${this.nameBox.value}`);
    input.value = initial ?? this.formula.value;
    this.editing = { row, column, input };
    replaceChildren(td, input);
    td.classList.add("pv-editing");
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.addEventListener("input", () => {
      this.formula.value = input.value;
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.commitEdit(e.shiftKey ? "up" : "down");
      } else if (e.key === "Tab") {
        e.preventDefault();
        this.commitEdit(e.shiftKey ? "left" : "right");
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.cancelEdit();
      }
    });
    input.addEventListener("blur", () => {
      if (this.editing?.input === input) this.commitEdit("stay");
    });
  }

  private cancelEdit(): void {
    this.editing = undefined;
    this.render();
    this.gridWrap.focus({ preventScroll: true });
  }

  /** Writes typed text into the selected cell; false (and the validation message) when refused. */
  private commit(text: string): boolean {
    const sheet = this.sheet;
    const { row, column } = sheet.selection;
    const refused = this.workbook.setCellInput(sheet.id, row, column, parseTyped(text));
    const address = formatAddress({ row, column, rowCount: 1, columnCount: 1 });
    if (refused !== null) {
      this.showMessage(this.strings.refused(refused));
      return false;
    }
    this.hideMessage();
    this.noteEdit(this.strings.edited(address));
    return true;
  }

  private commitEdit(move: "up" | "down" | "left" | "right" | "stay"): void {
    const editing = this.editing;
    if (editing === undefined) return;
    const text = editing.input.value;
    this.editing = undefined;
    if (!this.commit(text)) {
      // Keep the typed text, as Excel's Retry does.
      this.editing = editing;
      editing.input.focus();
      editing.input.select();
      return;
    }
    this.moveAfterCommit(move);
  }

  private moveAfterCommit(move: "up" | "down" | "left" | "right" | "stay"): void {
    const { row, column } = this.sheet.selection;
    const next =
      move === "down" ? [row + 1, column] : move === "up" ? [row - 1, column] : move === "right" ? [row, column + 1] : move === "left" ? [row, column - 1] : [row, column];
    this.sheet.selection = { row: Math.max(0, next[0]), column: Math.max(0, next[1]) };
    this.render();
    this.showSelection(true);
    this.gridWrap.focus({ preventScroll: true });
  }

  private showMessage(text: string): void {
    this.messageText.textContent = text;
    this.message.hidden = false;
  }

  private hideMessage(): void {
    this.message.hidden = true;
  }

  private wire(): void {
    this.confirmYes.addEventListener("click", () => this.confirmDelete());
    this.confirmNo.addEventListener("click", () => this.cancelDelete(true));
    this.confirm.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.cancelDelete(true);
      }
    });
    this.messageClose.addEventListener("click", () => {
      this.hideMessage();
      if (this.editing !== undefined) this.editing.input.focus();
      else this.gridWrap.focus({ preventScroll: true });
    });
    this.formula.addEventListener("input", () => {
      this.formulaDirty = true;
    });
    this.formula.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        if (this.commit(this.formula.value)) this.moveAfterCommit("down");
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.showSelection(false);
        this.gridWrap.focus({ preventScroll: true });
      }
    });
    this.formula.addEventListener("blur", () => {
      if (this.formulaDirty) this.showSelection(false);
    });
    this.gridWrap.addEventListener("keydown", (e) => {
      if (e.target !== this.gridWrap) return;
      const { row, column } = this.sheet.selection;
      const moves: Record<string, [number, number]> = {
        ArrowUp: [row - 1, column],
        ArrowDown: [row + 1, column],
        ArrowLeft: [row, column - 1],
        ArrowRight: [row, column + 1],
        Enter: [row + (e.shiftKey ? -1 : 1), column],
        Tab: [row, column + (e.shiftKey ? -1 : 1)],
      };
      const move = moves[e.key];
      if (move !== undefined) {
        e.preventDefault();
        this.select(move[0], move[1]);
      } else if (e.key === "F2") {
        e.preventDefault();
        this.startEdit(undefined);
      } else if (e.key === "Delete") {
        e.preventDefault();
        this.commit("");
      } else if (e.key === "Backspace") {
        e.preventDefault();
        this.startEdit("");
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        this.startEdit(e.key);
      }
    });
  }
}

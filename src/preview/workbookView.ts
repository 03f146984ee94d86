/**
 * The preview's workbook view: formula bar, grid and sheet tabs over a SimWorkbook, drawn
 * the way Excel would show the sheet the task pane wrote: number formats, column widths,
 * role styles (header, input, total …), conditional-format tones, frozen panes, errors as
 * "#DIV/0!" with the reason on hover. Cells are editable; an edit goes through
 * SimWorkbook.setCellInput (data validation included) and the engine recalculates. Sheet tabs
 * rename (double-click or F2) and delete (× or Delete, after a confirm step) as in Excel: the
 * workbook rewrites every reference (SimWorkbook.renameSheet, removeSheet). A table's data
 * row has Excel's table commands in a context menu (right-click, Shift+F10 or the menu key):
 * insert a table row above or below, delete the table row (SimWorkbook.insertTableRows,
 * deleteTableRow), so the structured references of a team sheet's total row and ranks follow.
 *
 * Text reaches the DOM only as text (textContent, title and value properties): workbook
 * content can never become markup.
 */
import { h, replaceChildren } from "../taskpane/dom";
import { MAX_COLUMNS, MAX_ROWS, columnLetters, formatAddress, parseAddress } from "../excel-sim/a1";
import type { SimSheet, SimTable, SimWorkbook } from "../excel-sim";
import { tableParts } from "../excel-sim/structured";
import type { EngineValue } from "./engine";
import { defaultAlignment, formatValue } from "./numberFormat";
import { linkTarget } from "./links";
import { PREVIEW_STRINGS, PreviewStrings } from "./strings";
import { formulaBarText, parseTyped } from "./typedInput";
import { ChartLayer } from "./charts";

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
/** Rows rendered above and below the ones on screen (columns: a screen's width on each side). */
const OVERSCAN_ROWS = 12;

/** Excel's table commands on a data row (right-click > Insert > Table Rows Above …, Delete > Table Rows). */
export type TableRowCommand = "insertAbove" | "insertBelow" | "delete";

/** The table whose data body holds the cell (not its header or total row), and the cell's row in that body (0-based). */
export function tableBodyAt(workbook: SimWorkbook, sheetId: string, row: number, column: number): { table: SimTable; index: number } | undefined {
  for (const table of workbook.tables) {
    const r = table.rect;
    if (table.sheetId !== sheetId || column < r.column || column >= r.column + r.columnCount || row >= r.row + r.rowCount) continue;
    const parts = tableParts(table);
    if (row >= parts.bodyTop && row < parts.bodyTop + parts.bodyCount && row !== parts.total) return { table, index: row - parts.bodyTop };
  }
  return undefined;
}

export interface TableRowResult {
  readonly table: string;
  /** The sheet row (0-based) inserted, deleted or cleared. */
  readonly row: number;
  /** Deleting the only data row clears it instead (the simulator keeps one data row, as Excel does). */
  readonly cleared: boolean;
  /** The row the selection goes to: the new row, or the row that took the deleted one's place (still in the body). */
  readonly select: number;
}

/**
 * Runs a table command on the data row holding the cell, through the workbook (not Office.js):
 * undefined when the cell is in no table's data body; a refusal (another table in the way) is
 * the workbook's SimError, thrown, for the caller to show.
 */
export function runTableRowCommand(workbook: SimWorkbook, sheetId: string, row: number, column: number, command: TableRowCommand): TableRowResult | undefined {
  const at = tableBodyAt(workbook, sheetId, row, column);
  if (at === undefined) return undefined;
  const { table, index } = at;
  if (command !== "delete") {
    const rect = workbook.insertTableRows(table, command === "insertAbove" ? index : index + 1, 1);
    return { table: table.name, row: rect.row, cleared: false, select: rect.row };
  }
  const before = table.rect.rowCount;
  const rect = workbook.deleteTableRow(table, index);
  const parts = tableParts(table);
  return {
    table: table.name,
    row: rect.row,
    cleared: table.rect.rowCount === before,
    select: Math.min(rect.row, parts.bodyTop + parts.bodyCount - 1),
  };
}

/** The Name box's refusal, as Excel's "Reference isn't valid". */
const BAD_REFERENCE = {
  en: "That reference isn't valid: type a cell (A99990), a range (B2:D5), either with a sheet ('M1 (2)'!B5), or a workbook name.",
  zh: "引用无效：请输入单元格（A99990）、区域（B2:D5），可带工作表名（'M1 (2)'!B5），或工作簿名称。",
} as const;

/** What the grid rendered: the sheet's virtual size, column edges, and the rows and columns in the document. */
interface GridLayout {
  readonly sheetId: string;
  readonly rows: number;
  readonly columns: number;
  /** lefts[c]: the left edge of column c right of the row headers; lefts[columns] is the total width. */
  readonly lefts: readonly number[];
  readonly freezeRows: number;
  readonly freezeColumns: number;
  /** The rendered rows and columns beyond the frozen ones (inclusive; last < first when none). */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstColumn: number;
  readonly lastColumn: number;
}

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
  /**
   * The grid's keyboard focus target: a visually hidden textarea over the selected cell, as in
   * Google Sheets and Excel on the web. A focused div is no editable target, so an IME (Chinese
   * pinyin, Japanese, Korean) had nowhere to compose; the textarea is one, and the candidate window
   * opens at the selected cell. Keys are handled on it exactly as they were on the grid; text it
   * receives (an IME's commit, insertText) starts the edit of the selected cell with that text.
   */
  private readonly keys: HTMLTextAreaElement;
  /** An IME composition is under way in `keys` (its keys belong to the IME). */
  private composing = false;
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
  private layout: GridLayout | undefined;
  /** The column headers' rendered height. */
  private headerHeight = ROW_PX;
  private readonly rowHeights = new Map<string, Map<number, number>>();
  /** The scroll position of each sheet that is not shown, by sheet id. */
  private readonly scrolls = new Map<string, { top: number; left: number }>();
  /** The cell a rendered td shows (one mousedown listener for the grid). */
  private cellAt = new WeakMap<HTMLElement, { row: number; column: number }>();
  /** The active sheet's charts over the grid (issue 15). */
  private readonly charts: ChartLayer;
  /** The table-row context menu, and the cell it was opened on while open. */
  private readonly menu: HTMLDivElement;
  private readonly menuItems: readonly { readonly command: TableRowCommand; readonly button: HTMLButtonElement }[];
  private menuAt: { sheetId: string; row: number; column: number } | undefined;

  constructor(
    private readonly workbook: SimWorkbook,
    strings: PreviewStrings
  ) {
    this.strings = strings;
    this.source = storedValues(workbook);
    this.charts = new ChartLayer(workbook);
    this.charts.onReady = () => this.schedule();
    this.nameBox = h("input", { class: "pv-namebox", attrs: { spellcheck: "false", autocomplete: "off" } });
    this.formula = h("input", { class: "pv-formula", attrs: { spellcheck: "false", autocomplete: "off" } });
    // tabindex -1: a click on the grid's headers or margins focuses it, and it hands the focus on
    // to `keys` (the grid's one Tab stop, inside it); keys and contextmenu events bubble up to it.
    this.gridWrap = h("div", { class: "pv-gridwrap", attrs: { tabindex: "-1" } });
    // Accessibility: the focus target carries the grid's own label (set in applyStrings), so a
    // screen reader announces the grid as before ("Worksheet" / "工作表"), now as the text field
    // typing goes into. Not aria-hidden (it holds the focus); no role override (a textarea must
    // stay a textbox for the IME and the screen reader's typing echo).
    this.keys = h("textarea", {
      class: "pv-keys",
      attrs: { rows: "1", spellcheck: "false", autocomplete: "off", autocapitalize: "off", autocorrect: "off", "aria-multiline": "false" },
    });
    this.gridWrap.appendChild(this.keys);
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
    this.menuItems = (["insertAbove", "insertBelow", "delete"] as const).map((command) => {
      const button = h("button", { class: "pv-menu__item", attrs: { type: "button", role: "menuitem", tabindex: "-1" } });
      button.dataset.command = command;
      return { command, button };
    });
    this.menu = h(
      "div",
      { class: "pv-menu", attrs: { role: "menu" } },
      this.menuItems[0].button,
      this.menuItems[1].button,
      h("div", { class: "pv-menu__separator", attrs: { role: "separator" } }),
      this.menuItems[2].button
    );
    this.menu.hidden = true;
    this.element = h(
      "section",
      { class: "pv-book" },
      h("div", { class: "pv-fbar" }, this.nameBox, h("span", { class: "pv-fx", attrs: { "aria-hidden": "true" } }, "fx"), this.formula),
      this.gridWrap,
      this.message,
      this.confirm,
      h("div", { class: "pv-bottom" }, this.tabs, this.status),
      this.menu
    );
    this.applyStrings();
    this.wire();
    workbook.onChange(() => this.schedule());
    // A larger window shows more cells (never fewer: no re-render while shrinking).
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        const { rows, columns } = this.screenful();
        if (this.editing === undefined && (rows > this.rendered.rows || columns > this.rendered.columns || !this.covers())) this.schedule();
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
    this.keys.setAttribute("aria-label", s.gridLabel);
    this.tabs.setAttribute("aria-label", s.sheetTabsLabel);
    this.messageClose.textContent = s.dismiss;
    this.confirmYes.textContent = s.deleteConfirm;
    this.confirmNo.textContent = s.cancel;
    this.menuItems[0].button.textContent = s.insertRowAbove;
    this.menuItems[1].button.textContent = s.insertRowBelow;
    this.menuItems[2].button.textContent = s.deleteTableRow;
    const open = this.menuAt === undefined ? undefined : tableBodyAt(this.workbook, this.menuAt.sheetId, this.menuAt.row, this.menuAt.column);
    if (open !== undefined) this.menu.setAttribute("aria-label", s.tableRowMenuLabel(open.table.name));
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
      // A render since (after an edit, a sheet switch) already showed the change.
      if (!this.scheduled) return;
      this.scheduled = false;
      this.render();
    });
  }

  private get sheet(): SimSheet {
    return this.workbook.activeSheet;
  }

  render(): void {
    this.scheduled = false;
    this.editing = undefined;
    if (this.editNote !== undefined && this.editNote.sheetId !== this.sheet.id) {
      this.editNote = undefined;
      this.status.textContent = this.statusText;
    }
    // The menu belongs to a cell of the sheet it was opened on.
    if (this.menuAt !== undefined && this.menuAt.sheetId !== this.sheet.id) this.closeMenu(false);
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

  // ---------------------------------------------------------------- geometry (virtualized grid)

  /** Rows of a sheet measured taller than ROW_PX (a 14 pt title, wrapped text), by sheet id. */
  private tallRows(sheetId: string): Map<number, number> {
    let map = this.rowHeights.get(sheetId);
    if (map === undefined) this.rowHeights.set(sheetId, (map = new Map()));
    return map;
  }

  /** The top of row `row` below the column headers (rows above it at their measured or default height). */
  private rowTop(sheetId: string, row: number): number {
    let top = row * ROW_PX;
    for (const [r, height] of this.tallRows(sheetId)) if (r < row) top += height - ROW_PX;
    return top;
  }

  private rowHeight(sheetId: string, row: number): number {
    return this.tallRows(sheetId).get(row) ?? ROW_PX;
  }

  /** The row at `y` below the column headers (the last one when y is past the end). */
  private rowAt(sheetId: string, y: number, rows: number): number {
    let row = Math.min(rows - 1, Math.max(0, Math.floor(y / ROW_PX)));
    while (row > 0 && this.rowTop(sheetId, row) > y) row--;
    while (row < rows - 1 && this.rowTop(sheetId, row + 1) <= y) row++;
    return row;
  }

  /** The column at `x` right of the row headers, by its left edges (`lefts[c]`, lefts.length = columns + 1). */
  private static columnAt(lefts: readonly number[], x: number): number {
    let lo = 0;
    let hi = lefts.length - 2;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lefts[mid] <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The rows and columns on screen (frozen ones excepted) at a scroll position (the grid's own by default). */
  private visibleWindow(
    layout: GridLayout,
    scroll: { top: number; left: number } = { top: this.gridWrap.scrollTop, left: this.gridWrap.scrollLeft }
  ): { firstRow: number; lastRow: number; firstColumn: number; lastColumn: number } {
    const wrap = this.gridWrap;
    const height = wrap.clientHeight || 600;
    const width = wrap.clientWidth || 1000;
    const frozenHeight = this.rowTop(layout.sheetId, layout.freezeRows);
    const frozenWidth = layout.lefts[layout.freezeColumns];
    return {
      firstRow: Math.max(layout.freezeRows, this.rowAt(layout.sheetId, scroll.top + frozenHeight, layout.rows)),
      lastRow: this.rowAt(layout.sheetId, scroll.top + Math.max(0, height - this.headerHeight), layout.rows),
      firstColumn: Math.max(layout.freezeColumns, WorkbookView.columnAt(layout.lefts, scroll.left + frozenWidth)),
      lastColumn: WorkbookView.columnAt(layout.lefts, scroll.left + Math.max(0, width - ROW_HEADER_PX)),
    };
  }

  /** The rendered rows and columns cover what is on screen (and the sheet's size has not changed under them). */
  private covers(): boolean {
    const layout = this.layout;
    if (layout === undefined || layout.sheetId !== this.sheet.id) return false;
    const v = this.visibleWindow(layout);
    const rowsOk = v.lastRow < v.firstRow || (v.firstRow >= layout.firstRow && v.lastRow <= layout.lastRow);
    const columnsOk = v.lastColumn < v.firstColumn || (v.firstColumn >= layout.firstColumn && v.lastColumn <= layout.lastColumn);
    return rowsOk && columnsOk;
  }

  /** Scrolling: renders the rows and columns that came into view (not while a cell is being edited). */
  private onScroll(): void {
    const layout = this.layout;
    if (layout !== undefined) this.charts.clip(this.gridWrap.scrollTop, this.gridWrap.scrollLeft, this.frozenEdges(layout));
    // A frozen (sticky) cell moves in the scroll area as the grid scrolls: the focus target follows it.
    if (layout !== undefined && (this.sheet.selection.row < layout.freezeRows || this.sheet.selection.column < layout.freezeColumns)) this.placeKeys();
    if (this.editing !== undefined || this.covers()) return;
    this.renderGrid();
  }

  /** The bottom of the frozen rows and the right of the frozen columns, in the scroll area. */
  private frozenEdges(layout: GridLayout): { frozenBottom: number; frozenRight: number } {
    return { frozenBottom: this.headerHeight + this.rowTop(layout.sheetId, layout.freezeRows), frozenRight: ROW_HEADER_PX + layout.lefts[layout.freezeColumns] };
  }

  // ---------------------------------------------------------------- the grid

  /**
   * Renders the rows and columns on screen, OVERSCAN_ROWS rows and a screen's width of columns
   * beyond them, the frozen rows and columns, and spacers for the rest: the scroll area has
   * the sheet's full size while the document holds a few hundred cells, whatever the sheet's.
   */
  private renderGrid(): void {
    const sheet = this.sheet;
    const used = sheet.usedRect();
    const extent = this.source.extent(sheet.id);
    const screen = this.screenful();
    const chartExtent = this.charts.extent(sheet, (c) => sheet.columnWidth(c));
    const rows = Math.max(screen.rows, (used?.rowCount ?? 0) + EXTRA_ROWS, extent.rows + EXTRA_ROWS, chartExtent.rows, sheet.selection.row + 2);
    const columns = Math.max(screen.columns, (used?.columnCount ?? 0) + EXTRA_COLUMNS, extent.columns + EXTRA_COLUMNS, chartExtent.columns, sheet.selection.column + 2);
    const widths: number[] = [];
    const lefts: number[] = [0];
    for (let c = 0; c < columns; c++) {
      widths.push(Math.round(sheet.columnWidth(c) * PX_PER_POINT));
      lefts.push(lefts[c] + widths[c]);
    }
    const freezeRows = Math.min(sheet.freeze.rows, rows);
    const freezeColumns = Math.min(sheet.freeze.columns, columns);
    const base: GridLayout = { sheetId: sheet.id, rows, columns, lefts, freezeRows, freezeColumns, firstRow: 0, lastRow: -1, firstColumn: 0, lastColumn: -1 };
    // Each sheet keeps its own scroll position, as in Excel: another sheet's is saved, this one's restored.
    const previous = this.layout;
    let scroll = { top: this.gridWrap.scrollTop, left: this.gridWrap.scrollLeft };
    if (previous !== undefined && previous.sheetId !== sheet.id) {
      this.scrolls.set(previous.sheetId, scroll);
      scroll = this.scrolls.get(sheet.id) ?? { top: 0, left: 0 };
    }
    const v = this.visibleWindow(base, scroll);
    const overscanPx = this.gridWrap.clientWidth || 1000;
    const frozenWidth = lefts[freezeColumns];
    const layout: GridLayout = {
      ...base,
      firstRow: Math.max(freezeRows, v.firstRow - OVERSCAN_ROWS),
      lastRow: Math.min(rows - 1, v.lastRow + OVERSCAN_ROWS),
      firstColumn: Math.max(freezeColumns, WorkbookView.columnAt(lefts, scroll.left + frozenWidth - overscanPx)),
      lastColumn: Math.min(columns - 1, WorkbookView.columnAt(lefts, scroll.left + (this.gridWrap.clientWidth || 1000) - ROW_HEADER_PX + overscanPx)),
    };
    this.layout = layout;
    this.rendered = { rows, columns };

    const rowList: number[] = [];
    for (let r = 0; r < freezeRows; r++) rowList.push(r);
    for (let r = layout.firstRow; r <= layout.lastRow; r++) rowList.push(r);
    const columnList: number[] = [];
    for (let c = 0; c < freezeColumns; c++) columnList.push(c);
    for (let c = layout.firstColumn; c <= layout.lastColumn; c++) columnList.push(c);
    const leftGap = lefts[layout.firstColumn] - lefts[freezeColumns];
    const rightGap = lefts[columns] - lefts[layout.lastColumn + 1];
    const leftOf = (c: number): number => ROW_HEADER_PX + lefts[c];

    // Values first: a text cell may spill into the empty cells to its right, as in Excel.
    const values = new Map<number, EngineValue>();
    const valueOf = (r: number, c: number): EngineValue => {
      const k = r * (columns + 1) + c;
      let v = values.get(k);
      if (v === undefined) values.set(k, (v = this.source.valueAt(sheet.id, r, c)));
      return v;
    };
    const isEmpty = (r: number, c: number): boolean => {
      if (c >= columns) return true;
      const { value } = valueOf(r, c);
      return value === null || value === "";
    };

    const colgroup = h("colgroup", {}, h("col", { attrs: { style: `width:${ROW_HEADER_PX}px` } }));
    const spacerCol = (width: number): HTMLTableColElement => h("col", { class: "pv-hspacer-col", attrs: { style: `width:${width}px` } });
    const headRow = h("tr", {}, h("th", { class: "pv-corner", attrs: { scope: "col" } }));
    for (const c of columnList) {
      if (c === layout.firstColumn && leftGap > 0) {
        colgroup.appendChild(spacerCol(leftGap));
        headRow.appendChild(h("th", { class: "pv-hspacer", attrs: { "aria-hidden": "true" } }));
      }
      colgroup.appendChild(h("col", { attrs: { style: `width:${widths[c]}px` } }));
      const th = h("th", { class: "pv-colhead", attrs: { scope: "col" } }, columnLetters(c));
      th.dataset.column = String(c);
      if (c < freezeColumns) {
        th.classList.add("pv-frozen-col");
        th.style.left = `${leftOf(c)}px`;
      }
      headRow.appendChild(th);
    }
    if (rightGap > 0) colgroup.appendChild(spacerCol(rightGap));

    const cellsPerRow = 1 + columnList.length + (leftGap > 0 ? 1 : 0);
    const spacerRow = (height: number): HTMLTableRowElement => {
      const td = h("td", { attrs: { colspan: String(cellsPerRow) } });
      td.style.height = `${height}px`;
      return h("tr", { class: "pv-vspacer", attrs: { "aria-hidden": "true" } }, td);
    };
    const body = h("tbody");
    const trs: { row: number; tr: HTMLTableRowElement }[] = [];
    for (const r of rowList) {
      if (r === layout.firstRow) {
        const gap = this.rowTop(sheet.id, layout.firstRow) - this.rowTop(sheet.id, freezeRows);
        if (gap > 0) body.appendChild(spacerRow(gap));
      }
      const tr = h("tr");
      const rowHead = h("th", { class: "pv-rowhead", attrs: { scope: "row" } }, String(r + 1));
      rowHead.dataset.row = String(r);
      if (r < freezeRows) rowHead.classList.add("pv-frozen-row");
      tr.appendChild(rowHead);
      for (const c of columnList) {
        if (c === layout.firstColumn && leftGap > 0) tr.appendChild(h("td", { class: "pv-hspacer", attrs: { "aria-hidden": "true" } }));
        const td = this.renderCell(sheet, r, c, valueOf(r, c), isEmpty);
        if (r < freezeRows) td.classList.add("pv-frozen-row");
        if (c < freezeColumns) {
          td.classList.add("pv-frozen-col");
          td.style.left = `${leftOf(c)}px`;
        }
        if (freezeRows > 0 && r === freezeRows - 1) td.classList.add("pv-freeze-bottom");
        if (freezeColumns > 0 && c === freezeColumns - 1) td.classList.add("pv-freeze-right");
        tr.appendChild(td);
      }
      body.appendChild(tr);
      trs.push({ row: r, tr });
    }
    const bottomGap = this.rowTop(sheet.id, rows) - this.rowTop(sheet.id, Math.max(freezeRows, layout.lastRow + 1));
    if (bottomGap > 0) body.appendChild(spacerRow(bottomGap));

    const table = h("table", { class: "pv-grid" }, colgroup, h("thead", {}, headRow), body);
    table.style.width = `${ROW_HEADER_PX + lefts[columns]}px`;
    // Everything but the focus target goes (it keeps the focus, and an IME composition in it, across re-renders).
    for (const child of Array.from(this.gridWrap.childNodes)) if (child !== this.keys) this.gridWrap.removeChild(child);
    this.gridWrap.insertBefore(table, this.keys);
    this.gridWrap.scrollTop = scroll.top;
    this.gridWrap.scrollLeft = scroll.left;

    // Rows taller than the default (a title's font, wrapped text) keep their height for the spacers.
    this.headerHeight = headRow.getBoundingClientRect().height || ROW_PX;
    const tall = this.tallRows(sheet.id);
    for (const { row, tr } of trs) {
      const height = Math.round(tr.getBoundingClientRect().height);
      if (height > ROW_PX) tall.set(row, height);
      else tall.delete(row);
    }
    // The charts over the cells, at their anchors (their rows now measured).
    this.charts.render(
      this.gridWrap,
      sheet,
      {
        rowTop: (row) => this.headerHeight + this.rowTop(sheet.id, row),
        columnLeft: (column) => ROW_HEADER_PX + (lefts[column] ?? lefts[lefts.length - 1]),
        ...this.frozenEdges(layout),
      },
      (sheetId, row, column) => this.source.valueAt(sheetId, row, column),
      (sheetId, row, column) => this.workbook.sheet(sheetId)?.getCell(row, column)?.numberFormat
    );
    // Frozen rows stick below the column headers: their offsets need the rendered row heights.
    let top = this.headerHeight;
    for (let i = 0; i < trs.length && trs[i].row < freezeRows; i++) {
      for (const cell of Array.from(trs[i].tr.cells)) cell.style.top = `${top}px`;
      top += trs[i].tr.getBoundingClientRect().height;
    }
    this.markSelection();
  }

  private renderCell(sheet: SimSheet, r: number, c: number, v: EngineValue, isEmpty: (r: number, c: number) => boolean): HTMLTableCellElement {
    const cell = sheet.getCell(r, c);
    const td = h("td");
    td.dataset.cell = formatAddress({ row: r, column: c, rowCount: 1, columnCount: 1 });
    this.cellAt.set(td, { row: r, column: c });
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
    const link = cell?.formula !== undefined && rendered.text !== "" ? linkTarget(cell.formula) : undefined;
    if (link !== undefined) {
      // A link inside the workbook (=HYPERLINK("#'Benchmarks'!D13",…)): a click follows it, as in Excel.
      td.classList.add("pv-link");
      td.dataset.link = link;
    }
    return td;
  }

  // ---------------------------------------------------------------- selection

  private cellElement(row: number, column: number): HTMLTableCellElement | null {
    const address = formatAddress({ row, column, rowCount: 1, columnCount: 1 });
    return this.gridWrap.querySelector<HTMLTableCellElement>(`td[data-cell="${address}"]`);
  }

  select(row: number, column: number): void {
    if (this.editing !== undefined) this.commitEdit("stay");
    const r = Math.min(MAX_ROWS - 1, Math.max(0, row));
    const c = Math.min(MAX_COLUMNS - 1, Math.max(0, column));
    this.sheet.selection = { row: r, column: c };
    this.reveal(r, c);
    this.showSelection(false);
  }

  /**
   * Scrolls the cell into view (below the frozen rows, right of the frozen columns) and renders
   * what is then on screen; the grid grows first when the cell lies beyond it.
   */
  private reveal(row: number, column: number): void {
    const layout0 = this.layout;
    if (layout0 === undefined || layout0.sheetId !== this.sheet.id || row + 2 > layout0.rows || column + 2 > layout0.columns) this.renderGrid();
    const layout = this.layout as GridLayout;
    const wrap = this.gridWrap;
    if (row >= layout.freezeRows) {
      const frozenHeight = this.rowTop(layout.sheetId, layout.freezeRows);
      const top = this.rowTop(layout.sheetId, row);
      const bottom = top + this.rowHeight(layout.sheetId, row);
      const viewHeight = wrap.clientHeight - this.headerHeight;
      if (top - frozenHeight < wrap.scrollTop) wrap.scrollTop = top - frozenHeight;
      else if (bottom > wrap.scrollTop + viewHeight) wrap.scrollTop = Math.min(top - frozenHeight, bottom - viewHeight);
    }
    if (column >= layout.freezeColumns) {
      const frozenWidth = layout.lefts[layout.freezeColumns];
      const left = layout.lefts[column];
      const right = layout.lefts[column + 1];
      const viewWidth = wrap.clientWidth - ROW_HEADER_PX;
      if (left - frozenWidth < wrap.scrollLeft) wrap.scrollLeft = left - frozenWidth;
      else if (right > wrap.scrollLeft + viewWidth) wrap.scrollLeft = Math.min(left - frozenWidth, right - viewWidth);
    }
    if (!this.covers()) this.renderGrid();
  }

  /** The selection's highlight on the rendered cell and headers. */
  private markSelection(): void {
    const { row, column } = this.sheet.selection;
    for (const el of Array.from(this.gridWrap.querySelectorAll(".pv-selected, .pv-head-selected"))) {
      el.classList.remove("pv-selected", "pv-head-selected");
    }
    this.cellElement(row, column)?.classList.add("pv-selected");
    this.gridWrap.querySelector(`th.pv-colhead[data-column="${column}"]`)?.classList.add("pv-head-selected");
    this.gridWrap.querySelector(`th.pv-rowhead[data-row="${row}"]`)?.classList.add("pv-head-selected");
    this.placeKeys();
  }

  /** Puts the focus target over the selected cell (where an IME then shows its composition and candidates). */
  private placeKeys(): void {
    const { row, column } = this.sheet.selection;
    const td = this.cellElement(row, column);
    if (td === null) return;
    const wrap = this.gridWrap;
    const outer = wrap.getBoundingClientRect();
    const box = td.getBoundingClientRect();
    const style = this.keys.style;
    style.left = `${Math.round(box.left - outer.left - wrap.clientLeft + wrap.scrollLeft)}px`;
    style.top = `${Math.round(box.top - outer.top - wrap.clientTop + wrap.scrollTop)}px`;
    style.width = `${Math.round(box.width)}px`;
    style.height = `${Math.round(box.height)}px`;
  }

  /** Gives the grid the keyboard focus: to its focus target, without scrolling. */
  private focusGrid(): void {
    this.keys.focus({ preventScroll: true });
  }

  /** The selection's highlight, its address in the Name box and its input in the formula bar (scrolled into view on request). */
  private showSelection(scroll: boolean): void {
    const sheet = this.sheet;
    const { row, column } = sheet.selection;
    if (scroll) this.reveal(row, column);
    this.markSelection();
    if (document.activeElement !== this.nameBox) this.nameBox.value = formatAddress({ row, column, rowCount: 1, columnCount: 1 });
    const cell = sheet.getCell(row, column);
    this.formula.value = formulaBarText(sheet.input(row, column), cell?.numberFormat ?? "General");
    this.formulaDirty = false;
  }

  // ---------------------------------------------------------------- the Name box

  /**
   * Goes to what the Name box says, as Excel does: a cell ("A99990"), a range (its first cell),
   * either on another sheet ("'M1 (2)'!B5"), or a workbook name (CollectBenchmarks). Anything
   * else is refused with the reason, the text kept for correction.
   */
  private jump(text: string): void {
    const target = this.resolveReference(text.trim());
    if (target === undefined) {
      this.showMessage(this.strings === PREVIEW_STRINGS.zh ? BAD_REFERENCE.zh : BAD_REFERENCE.en);
      this.nameBox.select();
      return;
    }
    this.hideMessage();
    if (this.editing !== undefined) this.commitEdit("stay");
    target.sheet.selection = { row: target.row, column: target.column };
    if (target.sheet !== this.workbook.activeSheet) {
      this.workbook.activate(target.sheet);
      this.render();
    }
    this.focusGrid();
    this.reveal(target.row, target.column);
    this.showSelection(false);
  }

  private resolveReference(text: string): { sheet: SimSheet; row: number; column: number } | undefined {
    if (text === "") return undefined;
    try {
      const parsed = parseAddress(text);
      const sheet = parsed.sheet === undefined ? this.sheet : this.workbook.sheet(parsed.sheet);
      return sheet === undefined ? undefined : { sheet, row: parsed.row, column: parsed.column };
    } catch {
      const name = this.workbook.name(text);
      const range = name === undefined ? undefined : this.workbook.nameRange(name);
      return range === undefined ? undefined : { sheet: range.sheet, row: range.rect.row, column: range.rect.column };
    }
  }

  // ---------------------------------------------------------------- editing

  private startEdit(initial: string | undefined): void {
    const sheet = this.sheet;
    const { row, column } = sheet.selection;
    if (this.cellElement(row, column) === null) this.reveal(row, column);
    const td = this.cellElement(row, column);
    if (td === null) return;
    const input = h("input", { class: "pv-editor", attrs: { spellcheck: "false", autocomplete: "off" } });
    input.setAttribute("aria-label", `${this.nameBox.value}`);
    input.value = initial ?? this.formula.value;
    // The formula bar shows what the cell's editor holds, from the first character typed (or committed by an IME).
    this.formula.value = input.value;
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
    this.focusGrid();
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
    this.sheet.selection = { row: Math.min(MAX_ROWS - 1, Math.max(0, next[0])), column: Math.min(MAX_COLUMNS - 1, Math.max(0, next[1])) };
    this.render();
    this.showSelection(true);
    this.focusGrid();
  }

  // ---------------------------------------------------------------- table rows: the context menu

  /**
   * Opens the table-row menu on a cell of a table's data body (at the pointer, or under the cell
   * for the keyboard); false, and nothing shown, anywhere else.
   */
  private openMenu(row: number, column: number, point?: { x: number; y: number }): boolean {
    const sheet = this.sheet;
    const at = tableBodyAt(this.workbook, sheet.id, row, column);
    if (at === undefined) return false;
    this.cancelDelete();
    this.menuAt = { sheetId: sheet.id, row, column };
    this.menu.setAttribute("aria-label", this.strings.tableRowMenuLabel(at.table.name));
    let x = point?.x;
    let y = point?.y;
    if (x === undefined || y === undefined) {
      if (this.cellElement(row, column) === null) this.reveal(row, column);
      const box = this.cellElement(row, column)?.getBoundingClientRect() ?? this.gridWrap.getBoundingClientRect();
      x = box.left + Math.min(24, box.width / 2);
      y = box.bottom;
    }
    this.menu.hidden = false;
    // Inside the window, as a native menu: flipped left or up when it would run off an edge.
    const size = this.menu.getBoundingClientRect();
    const view = this.element.ownerDocument.documentElement;
    if (x + size.width > view.clientWidth) x = Math.max(0, x - size.width);
    if (y + size.height > view.clientHeight) y = Math.max(0, y - size.height);
    this.menu.style.left = `${Math.round(x)}px`;
    this.menu.style.top = `${Math.round(y)}px`;
    this.menuItems[0].button.focus();
    return true;
  }

  private closeMenu(focusGrid: boolean): void {
    if (this.menuAt === undefined && this.menu.hidden) return;
    this.menuAt = undefined;
    this.menu.hidden = true;
    if (focusGrid) this.focusGrid();
  }

  /** Runs the chosen command on the row the menu was opened on; a refusal shows in the message area. */
  private chooseMenu(command: TableRowCommand): void {
    const at = this.menuAt;
    this.closeMenu(false);
    if (at === undefined) return;
    if (this.editing !== undefined) this.commitEdit("stay");
    let result: TableRowResult | undefined;
    try {
      result = runTableRowCommand(this.workbook, at.sheetId, at.row, at.column, command);
    } catch (error) {
      this.showMessage(this.strings.tableRowRefused(error instanceof Error ? error.message : String(error)));
      this.focusGrid();
      return;
    }
    if (result === undefined) {
      // The table moved or went since the menu opened (the pane wrote meanwhile): nothing to do.
      this.focusGrid();
      return;
    }
    this.hideMessage();
    this.workbook.recalculate();
    const sheet = this.workbook.sheet(at.sheetId);
    if (sheet !== undefined) sheet.selection = { row: result.select, column: at.column };
    this.render();
    this.showSelection(true);
    const row = result.row + 1;
    this.noteEdit(result.cleared ? this.strings.rowCleared(result.table, row) : command === "delete" ? this.strings.rowDeleted(result.table, row) : this.strings.rowInserted(result.table, row));
    this.focusGrid();
  }

  /** The menu's keys, as a native menu's: arrows (wrapping), Home and End move; Enter or Space chooses; Escape and Tab close. */
  private onMenuKey(e: KeyboardEvent): void {
    const buttons = this.menuItems.map((item) => item.button);
    const current = buttons.indexOf(this.element.ownerDocument.activeElement as HTMLButtonElement);
    const focus = (i: number): void => buttons[(i + buttons.length) % buttons.length].focus();
    switch (e.key) {
      case "ArrowDown":
        focus(current + 1);
        break;
      case "ArrowUp":
        focus(current < 0 ? buttons.length - 1 : current - 1);
        break;
      case "Home":
        focus(0);
        break;
      case "End":
        focus(buttons.length - 1);
        break;
      case "Enter":
      case " ":
        if (current >= 0) this.chooseMenu(this.menuItems[current].command);
        break;
      case "Escape":
      case "Tab":
        this.closeMenu(true);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  }

  private wireMenu(): void {
    for (const { command, button } of this.menuItems) {
      button.addEventListener("click", () => this.chooseMenu(command));
      button.addEventListener("mouseenter", () => button.focus());
    }
    this.menu.addEventListener("keydown", (e) => this.onMenuKey(e));
    // The menu's own right-click shows no browser menu over it.
    this.menu.addEventListener("contextmenu", (e) => e.preventDefault());
    // A click anywhere else closes it (a right-click on another table row then opens it there).
    this.element.ownerDocument.addEventListener(
      "mousedown",
      (e) => {
        if (!this.menu.hidden && !this.menu.contains(e.target as Node)) this.closeMenu(false);
      },
      true
    );
    // Focus leaving it (the task pane's frame, another window) closes it too.
    this.menu.addEventListener("focusout", (e) => {
      const next = e.relatedTarget as Node | null;
      if (next === null || !this.menu.contains(next)) this.closeMenu(false);
    });
    this.gridWrap.addEventListener("wheel", () => this.closeMenu(false), { passive: true });
    this.gridWrap.addEventListener("contextmenu", (e) => {
      // The keyboard path (Shift+F10, the menu key) may have opened it already.
      if (!this.menu.hidden) {
        e.preventDefault();
        return;
      }
      const td = (e.target as Element | null)?.closest?.("td");
      const at = td instanceof HTMLElement ? this.cellAt.get(td) : undefined;
      let opened = false;
      if (at !== undefined) {
        // A cell being edited keeps the browser's menu (copy, paste).
        if (this.editing !== undefined && this.editing.row === at.row && this.editing.column === at.column) return;
        opened = this.openMenu(at.row, at.column, { x: e.clientX, y: e.clientY });
      } else if (e.target === this.gridWrap || e.target === this.keys) {
        // From the keyboard: on the selected cell.
        const { row, column } = this.sheet.selection;
        opened = this.openMenu(row, column);
      }
      if (opened) e.preventDefault();
    });
  }

  private showMessage(text: string): void {
    this.messageText.textContent = text;
    this.message.hidden = false;
  }

  private hideMessage(): void {
    this.message.hidden = true;
  }

  private wire(): void {
    this.wireMenu();
    this.gridWrap.addEventListener("scroll", () => this.onScroll(), { passive: true });
    // One listener for every cell (cells come and go as the grid scrolls).
    this.gridWrap.addEventListener("mousedown", (e) => {
      const td = (e.target as Element | null)?.closest?.("td");
      const at = td instanceof HTMLElement ? this.cellAt.get(td) : undefined;
      if (at === undefined) return;
      if (this.editing !== undefined && this.editing.row === at.row && this.editing.column === at.column) return;
      e.preventDefault();
      this.select(at.row, at.column);
      this.focusGrid();
      const link = (td as HTMLElement).dataset.link;
      if (link !== undefined && (e.target as Element).closest(".pv-text") !== null) this.jump(link);
    });
    this.gridWrap.addEventListener("dblclick", (e) => {
      const td = (e.target as Element | null)?.closest?.("td");
      if (td instanceof HTMLElement && this.cellAt.has(td) && this.editing === undefined) this.startEdit(undefined);
    });
    this.nameBox.addEventListener("focus", () => this.nameBox.select());
    this.nameBox.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.jump(this.nameBox.value);
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.hideMessage();
        this.focusGrid();
      }
    });
    // Leaving the Name box shows the selection's address again.
    this.nameBox.addEventListener("blur", () => {
      const { row, column } = this.sheet.selection;
      this.nameBox.value = formatAddress({ row, column, rowCount: 1, columnCount: 1 });
    });
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
      else this.focusGrid();
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
        this.focusGrid();
      }
    });
    this.formula.addEventListener("blur", () => {
      if (this.formulaDirty) this.showSelection(false);
    });
    this.wireKeys();
  }

  /**
   * The grid's keys and typed text, on its focus target. A key during an IME composition (isComposing,
   * or keyCode 229, which some browsers send for the composition's first key) belongs to the IME:
   * no arrow, Enter or printable-key handling then. The composition is shown in the focus target over
   * the cell; its commit (compositionend) starts the edit with the committed text, as does text
   * inserted without a composition (insertText: an IME's direct commit, Playwright's insertText).
   */
  private wireKeys(): void {
    this.gridWrap.addEventListener("focus", (e) => {
      if (e.target === this.gridWrap) this.focusGrid();
    });
    this.keys.addEventListener("compositionstart", () => {
      this.composing = true;
      const { row, column } = this.sheet.selection;
      if (this.cellElement(row, column) === null) this.reveal(row, column);
      this.placeKeys();
      this.keys.classList.add("pv-keys--composing");
    });
    this.keys.addEventListener("compositionend", (e) => {
      this.composing = false;
      this.keys.classList.remove("pv-keys--composing");
      // The committed text (empty when the composition was given up, whatever the pinyin left behind).
      const text = e.data;
      this.keys.value = "";
      // A composition given up (Escape in the IME) leaves the cell as it was; one ended by the focus leaving starts no edit.
      if (text !== "" && this.element.ownerDocument.activeElement === this.keys && this.editing === undefined) this.startEdit(text);
    });
    this.keys.addEventListener("input", (e) => {
      const input = e as InputEvent;
      // The composition's text stays in the focus target until compositionend.
      if (this.composing || input.isComposing) return;
      const text = this.keys.value;
      this.keys.value = "";
      // Typed text only: a paste or drop into the grid stays a no-op, as it was on the focused div.
      if (text !== "" && (input.inputType === "insertText" || input.inputType === "insertReplacementText") && this.editing === undefined) this.startEdit(text);
    });
    this.gridWrap.addEventListener("keydown", (e) => {
      if (e.target !== this.keys) return;
      if (this.composing || e.isComposing || e.keyCode === 229) return;
      const { row, column } = this.sheet.selection;
      const moves: Record<string, [number, number]> = {
        ArrowUp: [row - 1, column],
        ArrowDown: [row + 1, column],
        ArrowLeft: [row, column - 1],
        ArrowRight: [row, column + 1],
        Enter: [row + (e.shiftKey ? -1 : 1), column],
        Tab: [row, column + (e.shiftKey ? -1 : 1)],
      };
      if ((e.key === "F10" && e.shiftKey) || e.key === "ContextMenu") {
        // Excel's keyboard path to the right-click menu, on the selected cell (only in a table's data body).
        if (this.openMenu(row, column)) e.preventDefault();
        return;
      }
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

/**
 * The simulator's workbook: plain data that a browser preview can render and recalculate.
 *
 * - A workbook holds ordered sheets, workbook names and tables, and the active sheet.
 * - A sheet holds a sparse map of cells ({ formula or value, numberFormat, format }),
 *   column widths, freeze panes, data validations and conditional formats.
 * - Every change is reported to `onChange` listeners, coalesced per batch (one call per
 *   `context.sync()`), so a preview can re-render and a formula engine can recalculate.
 * - A formula cell's `value` is its last computed result: null until a calculator
 *   (`setCalculator`, e.g. a HyperFormula adapter) stores one with `setComputed`.
 *
 * No DOM and no Office at run time: the proxies in context.ts are what the writer talks to.
 */
import { MAX_COLUMNS, MAX_ROWS, Rect, contains, intersects, parseAddress } from "./a1";
import { SimError } from "./errors";
import { ExcelHostProfile, defaultExcelHost } from "../hosts/profiles";
import { benchmarksBody } from "../core/benchmarksName";
import { deleteSheetInFormula, hasRefError, renameSheetInFormula } from "./sheetRefs";
import { RowShift, adjustRows, relativeForm, shiftRect, structuredRangeOf, tableParts, translateRows } from "./structured";
import { SimChart, SimColorScaleCriteria, colorScaleFill, numbersOf } from "./charts";
import { renameTable as renameTableIn } from "../templates/sheet";

export type SimValue = string | number | boolean;

export interface SimFont {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
}

export interface SimCellFormat {
  font: SimFont;
  /** Fill colour ("#FFF2CC"); absent for no fill. */
  fill?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

/** A value a dynamic array spilled into a cell (0-based). */
export interface SpilledCell {
  readonly row: number;
  readonly column: number;
  readonly value: SimValue;
}

export interface SimCell {
  /** The formula text ("=COLLECT.GRADE(...)") when the cell holds one. */
  formula?: string;
  /** A typed constant, or the formula's last computed result (null until computed). */
  value: SimValue | null;
  numberFormat: string;
  format: SimCellFormat;
}

export interface SimValidation {
  readonly rect: Rect;
  rule?: Excel.DataValidationRule;
  errorAlert?: Excel.DataValidationErrorAlert;
}

export interface SimConditionalFormat {
  readonly rect: Rect;
  /** Excel.ConditionalFormatType: a cell-value rule, or a colour scale (a heat map, ExcelApi 1.6). */
  readonly type: "CellValue" | "ColorScale";
  rule?: Excel.ConditionalCellValueRule;
  format: { fill?: string; fontColor?: string; bold?: boolean };
  /** A ColorScale's criteria (ColorScaleConditionalFormat.criteria). */
  criteria?: SimColorScaleCriteria;
}

export interface SimTable {
  name: string;
  readonly sheetId: string;
  /** Header row included (when hasHeaders); Table.resize (ExcelApi 1.13) changes it. */
  rect: Rect;
  readonly hasHeaders: boolean;
  style: string;
  /**
   * [ExcelApi 1.3] Table.showTotals: the total row is shown; it is the last row of `rect`, below
   * the data body (Table.getRange covers "the header, data body and total row",
   * learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-getrange-member(1)).
   */
  showTotals: boolean;
  /** [ExcelApi 1.3] Table.showFilterButton: filter buttons at the top of each column header (Excel's default: on). */
  showFilterButton: boolean;
  /** [ExcelApi 1.3] Table.showBandedRows: odd rows highlighted by the style (Excel's default: on). */
  showBandedRows: boolean;
}

export interface SimName {
  readonly name: string;
  /** The sheet a range name refers to ("" for a constant). */
  readonly sheetId: string;
  readonly rect: Rect;
  readonly comment: string;
  /** A name that holds a constant (=0.85, ="text") instead of a range. */
  readonly constant?: SimValue;
  /** A name that holds a formula ("=INDEX(CollectBenchmarks,3,4)"), as Name Manager allows. */
  readonly formula?: string;
  /** Shown in Name Manager and the Name box; add-ins hide their helper names. */
  visible: boolean;
}

/** One write the API issued (a property set or a mutating call), in order. */
export interface SimWrite {
  /** "Sheet!A1:H4", "Sheet", "names", … */
  readonly target: string;
  /** "formulas", "format.fill.color", "tables.add", … */
  readonly member: string;
  readonly value?: unknown;
}

export type SimChange =
  /** Inputs (formulas or constants) changed: recalculate. */
  | { readonly kind: "cells"; readonly sheetId: string; readonly rect: Rect }
  /** A calculator stored computed values: re-render only. */
  | { readonly kind: "computed"; readonly sheetId: string; readonly rect: Rect }
  /** Number formats, fonts, fills, widths, freeze panes, validation or conditional formats. */
  | { readonly kind: "format"; readonly sheetId: string }
  /** Sheets added, removed, renamed or activated. */
  | { readonly kind: "sheets" }
  /** Workbook names or tables. */
  | { readonly kind: "names" };

export type SimListener = (changes: readonly SimChange[]) => void;

/** Recomputes formula cells; called when inputs changed and before values are read. */
export interface SimCalculator {
  recalculate(workbook: SimWorkbook): void;
  /**
   * Optional: told at once (inside a batch too, before listeners hear of it) which inputs
   * changed, so that a recalculation can send only those cells to its engine.
   */
  inputsChanged?(sheetId: string, rect: Rect): void;
  /** Optional: the workbook took this calculator (setCalculator); changes made before are unknown to it. */
  attached?(workbook: SimWorkbook): void;
}

/** A value a calculator reports for a cell without input of its own: spilled there, or gone (null). */
export interface SpillUpdate {
  readonly row: number;
  readonly column: number;
  readonly value: SimValue | null;
}

export interface SimStats {
  /** context.sync() calls, over all runs. */
  syncs: number;
  /** Property sets and mutating calls on ranges (formulas, numberFormat, format.*, dataValidation.*, conditionalFormats.add …). */
  rangeWrites: number;
  /** Excel.run-like batches. */
  runs: number;
}

const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_NUMBER_FORMAT = "General";
const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const key = (row: number, column: number): number => row * MAX_COLUMNS + column;

/** What Excel stores when a string is written to `values` or `formulas`, as typing would. */
export function coerceInput(input: SimValue): { formula?: string; value: SimValue | null } {
  if (typeof input !== "string") return { value: input };
  if (input === "") return { value: null };
  if (input.startsWith("=") && input.length > 1) return { formula: input, value: null };
  if (input.startsWith("'")) return { value: input.slice(1) };
  const trimmed = input.trim();
  if (NUMBER.test(trimmed)) return { value: Number(trimmed) };
  if (/^true$/i.test(trimmed)) return { value: true };
  if (/^false$/i.test(trimmed)) return { value: false };
  return { value: input };
}

export class SimSheet {
  private readonly cellMap = new Map<number, SimCell>();
  /** Values a dynamic array spilled into cells with no input of their own (key as cellMap's). */
  private readonly spilledValues = new Map<number, SimValue>();
  /** usedRect()'s answer, kept up to date by writeInputs; undefined when it must be recomputed (an input was cleared). */
  private usedCache: Rect | null | undefined = null;
  private readonly widths = new Map<number, number>();
  freeze = { rows: 0, columns: 0 };
  readonly validations: SimValidation[] = [];
  readonly conditionalFormats: SimConditionalFormat[] = [];
  /** Charts on the sheet, in the order they were added (Worksheet.charts). */
  readonly charts: SimChart[] = [];
  /** The selected cell (the active cell when this sheet is active). */
  selection = { row: 0, column: 0 };
  /** A selected range of several cells (SimWorkbook.selectRange); undefined: the selection is the one cell above. */
  selectedRect: Rect | undefined;

  constructor(
    private readonly book: SimWorkbook,
    readonly id: string,
    public name: string
  ) {}

  getCell(row: number, column: number): Readonly<SimCell> | undefined {
    return this.cellMap.get(key(row, column));
  }

  /** Every stored cell (blank cells with only a format included), in no particular order. */
  *cells(): IterableIterator<{ row: number; column: number; cell: Readonly<SimCell> }> {
    for (const [k, cell] of this.cellMap) yield { row: Math.floor(k / MAX_COLUMNS), column: k % MAX_COLUMNS, cell };
  }

  /**
   * Excel's used range: the smallest rectangle holding every cell with a formula, a value or a
   * value spilled into it, and (unless `valuesOnly`) every cell with a format; null when empty.
   */
  usedRange(valuesOnly = false): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (row: number, column: number): void => {
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    };
    for (const { row, column, cell } of this.cells()) {
      if (valuesOnly && cell.formula === undefined && cell.value === null) continue;
      take(row, column);
    }
    for (const k of this.spilledValues.keys()) take(Math.floor(k / MAX_COLUMNS), k % MAX_COLUMNS);
    return bottom < 0 ? null : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /** The smallest rectangle from A1 holding every cell with a formula or value; null when empty. */
  usedRect(): Rect | null {
    if (this.usedCache !== undefined) return this.usedCache;
    this.usedCache = this.computeUsedRect();
    return this.usedCache;
  }

  private computeUsedRect(): Rect | null {
    let rows = 0;
    let columns = 0;
    for (const { row, column, cell } of this.cells()) {
      if (cell.formula === undefined && cell.value === null) continue;
      rows = Math.max(rows, row + 1);
      columns = Math.max(columns, column + 1);
    }
    return rows === 0 ? null : { row: 0, column: 0, rowCount: rows, columnCount: columns };
  }

  /** The input as a user would see it in the formula bar: formula, constant or "". */
  input(row: number, column: number): SimValue {
    const cell = this.getCell(row, column);
    if (cell === undefined) return "";
    return cell.formula ?? cell.value ?? "";
  }

  /** The value Excel would return from `range.values` ("" for blank or not yet computed), spilled values included. */
  valueAt(row: number, column: number): SimValue {
    const k = key(row, column);
    return this.cellMap.get(k)?.value ?? this.spilledValues.get(k) ?? "";
  }

  /** True when a dynamic array spilled a value into this cell, "" (a blank element) included. */
  isSpilled(row: number, column: number): boolean {
    return this.spilledValues.has(key(row, column));
  }

  /**
   * Replaces the values that dynamic arrays spill into cells without input of their own
   * (a calculator's job, like storeComputed). Returns the box of the cells whose spilled
   * value changed (appeared, went or differs), or null when none did.
   */
  storeSpilled(cells: readonly SpilledCell[]): Rect | null {
    const next = new Map<number, SimValue>();
    for (const { row, column, value } of cells) {
      const k = key(row, column);
      const own = this.cellMap.get(k);
      if (own?.formula === undefined && (own?.value ?? null) === null) next.set(k, value);
    }
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    const take = (k: number): void => {
      const row = Math.floor(k / MAX_COLUMNS);
      const column = k % MAX_COLUMNS;
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    };
    for (const [k, v] of next) if (this.spilledValues.get(k) !== v) take(k);
    for (const k of this.spilledValues.keys()) if (!next.has(k)) take(k);
    if (bottom < 0) return null;
    this.spilledValues.clear();
    for (const [k, v] of next) this.spilledValues.set(k, v);
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  /**
   * Changes some spilled values and leaves the others (storeSpilled replaces them all): a value
   * for a cell without input of its own, or null where a spill went. Returns the box of the
   * cells that changed, or null when none did.
   */
  updateSpilled(cells: readonly SpillUpdate[]): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const { row, column, value } of cells) {
      const k = key(row, column);
      const own = this.cellMap.get(k);
      const next = own?.formula === undefined && (own?.value ?? null) === null ? value : null;
      const before = this.spilledValues.get(k);
      if ((before ?? null) === next) continue;
      if (next === null) this.spilledValues.delete(k);
      else this.spilledValues.set(k, next);
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    return bottom < 0 ? null : { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  columnWidth(column: number): number {
    return this.widths.get(column) ?? DEFAULT_COLUMN_WIDTH;
  }

  validationAt(row: number, column: number): SimValidation | undefined {
    return this.validations.find((v) => contains(v.rect, row, column));
  }

  /** The error alert a validated cell would show for `input`, or null when Excel accepts it. */
  check(row: number, column: number, input: SimValue | null): string | null {
    const validation = this.validationAt(row, column);
    const rule = validation?.rule?.decimal ?? validation?.rule?.wholeNumber;
    if (validation === undefined || rule === undefined || input === null || input === "") return null;
    const message = validation.errorAlert?.message || "The value doesn't match the data validation restrictions defined for this cell.";
    const value = typeof input === "number" ? input : typeof input === "string" && NUMBER.test(input.trim()) ? Number(input) : NaN;
    if (Number.isNaN(value)) return message;
    if (validation.rule?.wholeNumber !== undefined && !Number.isInteger(value)) return message;
    return compareNumbers(value, rule.operator, operand(rule.formula1), operand(rule.formula2)) ? null : message;
  }

  /**
   * The cell's format with matching conditional formats applied (first matching rule wins). A
   * colour scale fills every number of its block by where it sits among the block's numbers
   * (charts.ts colorScaleFill); text and blank cells keep their own fill.
   */
  effectiveFormat(row: number, column: number): SimCellFormat {
    const base = this.getCell(row, column)?.format ?? { font: {} };
    const value = this.valueAt(row, column);
    for (const cf of this.conditionalFormats) {
      if (!contains(cf.rect, row, column)) continue;
      if (cf.type === "ColorScale") {
        if (cf.criteria === undefined) continue;
        const fill = colorScaleFill(cf.criteria, value, this.blockNumbers(cf.rect));
        if (fill === undefined) continue;
        return { ...base, fill };
      }
      if (cf.rule === undefined || !matchesCellValueRule(value, cf.rule)) continue;
      return {
        ...base,
        fill: cf.format.fill ?? base.fill,
        font: { ...base.font, color: cf.format.fontColor ?? base.font.color, bold: cf.format.bold ?? base.font.bold },
      };
    }
    return base;
  }

  // ---- mutations used by the proxies (and by a preview for user edits, through the workbook) ----

  private cellFor(row: number, column: number): SimCell {
    const k = key(row, column);
    let cell = this.cellMap.get(k);
    if (cell === undefined) {
      cell = { value: null, numberFormat: DEFAULT_NUMBER_FORMAT, format: { font: {} } };
      this.cellMap.set(k, cell);
    }
    return cell;
  }

  /** Writes a grid of inputs at rect (null leaves a cell unchanged, as Office.js does). */
  writeInputs(rect: Rect, grid: readonly (readonly (SimValue | null)[])[]): void {
    checkShape(rect, grid, "values");
    let used = this.usedCache;
    for (let r = 0; r < rect.rowCount; r++) {
      for (let c = 0; c < rect.columnCount; c++) {
        const input = grid[r][c];
        if (input === null || input === undefined) continue;
        if (this.spilledValues.size > 0) this.spilledValues.delete(key(rect.row + r, rect.column + c));
        const cell = this.cellFor(rect.row + r, rect.column + c);
        const { formula, value } = coerceInput(input);
        cell.formula = formula;
        cell.value = value;
        // The used rectangle grows with a new input; a cleared one may shrink it: recompute on demand.
        if (used === undefined) continue;
        if (formula === undefined && value === null) used = undefined;
        else if (used === null) used = { row: 0, column: 0, rowCount: rect.row + r + 1, columnCount: rect.column + c + 1 };
        else if (rect.row + r >= used.rowCount || rect.column + c >= used.columnCount) {
          used = { row: 0, column: 0, rowCount: Math.max(used.rowCount, rect.row + r + 1), columnCount: Math.max(used.columnCount, rect.column + c + 1) };
        }
      }
    }
    this.usedCache = used;
    this.book.changed({ kind: "cells", sheetId: this.id, rect }, true);
  }

  writeNumberFormats(rect: Rect, grid: readonly (readonly (string | null)[])[]): void {
    checkShape(rect, grid, "numberFormat");
    for (let r = 0; r < rect.rowCount; r++) {
      for (let c = 0; c < rect.columnCount; c++) {
        const format = grid[r][c];
        if (format === null || format === undefined) continue;
        this.cellFor(rect.row + r, rect.column + c).numberFormat = String(format);
      }
    }
    this.book.changed({ kind: "format", sheetId: this.id });
  }

  /** Applies a format change to every cell of a bounded rect. */
  formatCells(rect: Rect, apply: (format: SimCellFormat) => void): void {
    if (rect.rowCount * rect.columnCount > 1_000_000) {
      throw new SimError("NotImplemented", "excel-sim formats at most a million cells at once (use a bounded range)");
    }
    for (let r = 0; r < rect.rowCount; r++) {
      for (let c = 0; c < rect.columnCount; c++) apply(this.cellFor(rect.row + r, rect.column + c).format);
    }
    this.book.changed({ kind: "format", sheetId: this.id });
  }

  setColumnWidth(rect: Rect, points: number): void {
    if (!(points >= 0 && points <= 255 * 7.5)) throw new SimError("InvalidArgument", `column width ${points} is outside 0–1912.5 points`);
    for (let c = rect.column; c < rect.column + rect.columnCount; c++) this.widths.set(c, points);
    this.book.changed({ kind: "format", sheetId: this.id });
  }

  setFreeze(rows: number, columns: number): void {
    this.freeze = { rows, columns };
    this.book.changed({ kind: "format", sheetId: this.id });
  }

  validationFor(rect: Rect): SimValidation {
    let v = this.validations.find((x) => sameRect(x.rect, rect));
    if (v === undefined) {
      this.clearValidation(rect);
      v = { rect };
      this.validations.push(v);
    }
    this.book.changed({ kind: "format", sheetId: this.id });
    return v;
  }

  /** Removes every validation touching rect (coarser than Excel, which splits them). */
  clearValidation(rect: Rect): void {
    for (let i = this.validations.length - 1; i >= 0; i--) {
      if (intersects(this.validations[i].rect, rect)) this.validations.splice(i, 1);
    }
    this.book.changed({ kind: "format", sheetId: this.id });
  }

  addConditionalFormat(rect: Rect, type: SimConditionalFormat["type"] = "CellValue"): SimConditionalFormat {
    const cf: SimConditionalFormat = { rect, type, format: {} };
    this.conditionalFormats.push(cf);
    this.book.changed({ kind: "format", sheetId: this.id });
    return cf;
  }

  /** The numbers in a block (what a colour scale ranks). */
  blockNumbers(rect: Rect): number[] {
    const values: SimValue[] = [];
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) values.push(this.valueAt(r, c));
    }
    return numbersOf(values);
  }

  /** Adds a chart (Worksheet.charts.add); reported as a format change, so a preview redraws. */
  addChart(chart: SimChart): SimChart {
    this.charts.push(chart);
    this.book.changed({ kind: "format", sheetId: this.id });
    return chart;
  }

  /** Something about a chart changed (its series, title, position): a preview redraws. */
  chartChanged(): void {
    this.book.changed({ kind: "format", sheetId: this.id });
  }

  /**
   * @internal Moves cells as a table's rows are inserted or deleted (SimWorkbook.insertTableRows,
   * deleteTableRow): in the shift's columns only, the cells at and below the insertion row move
   * down (or the deleted rows' cells go and the cells below move up), each with its number format
   * and format; validations and conditional formats in those columns move, grow or shrink the
   * same way (one that loses every cell goes). Formulas are not rewritten here (the workbook does
   * that for every sheet first). Returns the lowest row touched, for the change report.
   */
  shiftRows(shift: RowShift): number {
    const c0 = shift.column;
    const c1 = shift.column + shift.columnCount - 1;
    const moves: [number, number, SimCell | undefined][] = [];
    let bottom = shift.row + shift.count - 1;
    for (const [k, cell] of this.cellMap) {
      const row = Math.floor(k / MAX_COLUMNS);
      const column = k % MAX_COLUMNS;
      if (column < c0 || column > c1 || row < shift.row) continue;
      bottom = Math.max(bottom, row + (shift.kind === "insert" ? shift.count : 0));
      if (shift.kind === "insert") moves.push([k, key(row + shift.count, column), cell]);
      else if (row < shift.row + shift.count) moves.push([k, -1, undefined]);
      else moves.push([k, key(row - shift.count, column), cell]);
    }
    for (const [from] of moves) this.cellMap.delete(from);
    for (const [, to, cell] of moves) if (cell !== undefined) this.cellMap.set(to, cell);
    // Spilled values are the calculator's: it stores them again after the rebuild a table change causes.
    for (const k of [...this.spilledValues.keys()]) {
      const column = k % MAX_COLUMNS;
      if (column >= c0 && column <= c1 && Math.floor(k / MAX_COLUMNS) >= shift.row) this.spilledValues.delete(k);
    }
    for (const list of [this.validations, this.conditionalFormats] as { rect: Rect }[][]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const next = shiftRect(list[i].rect, shift);
        if (next === null) list.splice(i, 1);
        else (list[i] as { rect: Rect }).rect = next;
      }
    }
    this.usedCache = undefined;
    return bottom;
  }

  /** @internal A copy of a cell's number format and format (a new table row takes its neighbour's). */
  copyFormatFrom(fromRow: number, toRow: number, column: number): void {
    const source = this.getCell(fromRow, column);
    if (source === undefined) return;
    const cell = this.cellFor(toRow, column);
    cell.numberFormat = source.numberFormat;
    cell.format = { ...source.format, font: { ...source.format.font } };
  }

  /** A recalculated result for a formula cell; reported as "computed", never as an input change. */
  storeComputed(row: number, column: number, value: SimValue | null): boolean {
    const cell = this.cellMap.get(key(row, column));
    if (cell === undefined || cell.formula === undefined || cell.value === value) return false;
    cell.value = value;
    return true;
  }
}

export class SimWorkbook {
  private readonly sheetList: SimSheet[] = [];
  private readonly nameList: SimName[] = [];
  private readonly tableList: SimTable[] = [];
  private readonly listeners = new Set<SimListener>();
  private pending: SimChange[] | null = null;
  private calculator: SimCalculator | undefined;
  private dirty = false;
  private nextSheet = 1;
  private nextTable = 1;
  private nextId = 1;
  private activeId: string | undefined;

  readonly stats: SimStats = { syncs: 0, rangeWrites: 0, runs: 0 };
  /**
   * The Excel host this workbook behaves as (src/hosts/profiles.ts): what its calculator hands
   * the COLLECT functions for an empty cell, and how much one context.sync() may carry.
   * Set it before the first recalculation (the preview's ?excel=, a test's profile).
   */
  host: ExcelHostProfile = defaultExcelHost();
  /** Every write the API issued, in order (tests read it; a preview may ignore it). */
  readonly log: SimWrite[] = [];

  /** A workbook with the given sheets (default one sheet, "Sheet1"); the first is active. */
  constructor(sheetNames: readonly string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.addSheet(name);
  }

  get sheets(): readonly SimSheet[] {
    return this.sheetList;
  }
  get names(): readonly SimName[] {
    return this.nameList;
  }
  get tables(): readonly SimTable[] {
    return this.tableList;
  }
  get activeSheet(): SimSheet {
    const sheet = this.sheetList.find((s) => s.id === this.activeId) ?? this.sheetList[0];
    if (sheet === undefined) throw new SimError("ItemNotFound", "the workbook has no sheets");
    return sheet;
  }

  sheet(nameOrId: string): SimSheet | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheetList.find((s) => s.id === nameOrId) ?? this.sheetList.find((s) => s.name.toLowerCase() === lower);
  }

  /** The sheet with that name or id; throws when there is none (for tests and the preview). */
  requireSheet(nameOrId: string): SimSheet {
    const sheet = this.sheet(nameOrId);
    if (sheet === undefined) throw new SimError("ItemNotFound", `no sheet "${nameOrId}"`);
    return sheet;
  }

  name(name: string): SimName | undefined {
    const lower = name.toLowerCase();
    return this.nameList.find((n) => n.name.toLowerCase() === lower);
  }

  table(name: string): SimTable | undefined {
    const lower = name.toLowerCase();
    return this.tableList.find((t) => t.name.toLowerCase() === lower);
  }

  /**
   * The cells a name stands for: its range, or for CollectBenchmarks' =IF(body="","",body) the
   * body (core/benchmarksName.ts). Undefined for constants, other formulas and #REF!.
   */
  nameRange(name: SimName): { sheet: SimSheet; rect: Rect } | undefined {
    if (name.constant !== undefined) return undefined;
    if (name.formula === undefined) {
      const sheet = this.sheet(name.sheetId);
      return sheet === undefined ? undefined : { sheet, rect: name.rect };
    }
    const tableColumn = this.tableColumnOf(name.formula);
    if (tableColumn !== undefined) return tableColumn;
    const body = benchmarksBody(name.formula);
    if (body === undefined) return undefined;
    const parsed = parseAddress(body.ref.replace(/\$/g, ""));
    const sheet = parsed.sheet === undefined ? undefined : this.sheet(parsed.sheet);
    const { row, column, rowCount, columnCount } = parsed;
    return sheet === undefined ? undefined : { sheet, rect: { row, column, rowCount, columnCount } };
  }

  /**
   * The data body of one column of a table, for a structured reference "=Table[Column]" (as a
   * name's formula): it follows the table when the table grows or shrinks, as Excel's
   * structured references do ("Using structured references with Excel tables", support.microsoft.com:
   * "the references ... adjust automatically as data is added or removed"). Undefined when the
   * text is not such a reference or the table or column does not exist.
   */
  tableColumnOf(formula: string): { sheet: SimSheet; rect: Rect } | undefined {
    // One resolver for names and cells (structured.ts): T[Col], T[[Col]], T[[#Totals],[Col]] …;
    // the data body never includes the total row.
    return structuredRangeOf(this, formula);
  }

  /** "Range" while the sheet a name refers to exists, "Error" (#REF!) after it was deleted; a constant's type otherwise. */
  nameType(name: SimName): "Range" | "Error" | "Double" | "String" | "Boolean" | "Array" {
    // Excel reports a formula name by its result; the names excel-sim holds formulas for (CollectKPI.*) give arrays or numbers.
    // A formula that refers to a deleted sheet holds #REF! (removeSheet): Excel reports it as an error.
    if (name.formula !== undefined) {
      if (hasRefError(name.formula)) return "Error";
      return this.tableColumnOf(name.formula) !== undefined ? "Range" : "Array";
    }
    if (name.constant !== undefined) return typeof name.constant === "number" ? "Double" : typeof name.constant === "string" ? "String" : "Boolean";
    return this.sheet(name.sheetId) ? "Range" : "Error";
  }

  onChange(listener: SimListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setCalculator(calculator: SimCalculator | undefined): void {
    this.calculator = calculator;
    calculator?.attached?.(this);
    this.dirty = true;
    this.recalculate();
  }

  /** Runs the calculator when inputs changed since it last ran. */
  recalculate(): void {
    if (!this.dirty || this.calculator === undefined) return;
    this.dirty = false;
    this.calculator.recalculate(this);
  }

  /** Stores a calculator's result for a formula cell. */
  setComputed(sheetId: string, row: number, column: number, value: SimValue | null): void {
    const sheet = this.requireSheet(sheetId);
    if (sheet.storeComputed(row, column, value)) {
      this.changed({ kind: "computed", sheetId: sheet.id, rect: { row, column, rowCount: 1, columnCount: 1 } });
    }
  }

  /** Stores the values a calculator's dynamic arrays spilled on a sheet (cells without input of their own). */
  setSpilled(sheetId: string, cells: readonly SpilledCell[]): void {
    const sheet = this.requireSheet(sheetId);
    const rect = sheet.storeSpilled(cells);
    if (rect !== null) this.changed({ kind: "computed", sheetId: sheet.id, rect });
  }

  /** Changes some of a sheet's spilled values (null: the spill left that cell), keeping the others. */
  updateSpilled(sheetId: string, cells: readonly SpillUpdate[]): void {
    const sheet = this.requireSheet(sheetId);
    const rect = sheet.updateSpilled(cells);
    if (rect !== null) this.changed({ kind: "computed", sheetId: sheet.id, rect });
  }

  /** A user edit (the preview's grid): like typing into a cell. Returns the validation message when refused. */
  setCellInput(sheetId: string, row: number, column: number, input: SimValue | null): string | null {
    const sheet = this.requireSheet(sheetId);
    const refused = typeof input === "string" && input.startsWith("=") ? null : sheet.check(row, column, input);
    if (refused !== null) return refused;
    this.batch(() => sheet.writeInputs({ row, column, rowCount: 1, columnCount: 1 }, [[input === null ? "" : input]]));
    this.recalculate();
    return null;
  }

  /** Runs fn and reports its changes to listeners in one call. */
  batch<T>(fn: () => T): T {
    if (this.pending !== null) return fn();
    this.pending = [];
    try {
      return fn();
    } finally {
      const changes = coalesce(this.pending);
      this.pending = null;
      if (changes.length > 0) for (const listener of [...this.listeners]) listener(changes);
    }
  }

  /** @internal Records a change; `input` marks formulas for recalculation. */
  changed(change: SimChange, input = false): void {
    if (input) this.dirty = true;
    if (change.kind === "cells") this.calculator?.inputsChanged?.(change.sheetId, change.rect);
    if (this.pending !== null) this.pending.push(change);
    else for (const listener of [...this.listeners]) listener([change]);
  }

  // ---- structure ----

  addSheet(name?: string): SimSheet {
    let chosen = name;
    if (chosen === undefined) {
      do chosen = `Sheet${this.nextSheet++}`;
      while (this.sheet(chosen));
    }
    checkSheetName(chosen);
    if (this.sheetList.some((s) => s.name.toLowerCase() === chosen.toLowerCase())) {
      throw new SimError("ItemAlreadyExists", `A sheet named "${chosen}" already exists.`);
    }
    const sheet = new SimSheet(this, `{sheet-${this.nextId++}}`, chosen);
    this.sheetList.push(sheet);
    if (this.activeId === undefined) this.activeId = sheet.id;
    this.changed({ kind: "sheets" });
    return sheet;
  }

  /**
   * Why `name` cannot be the name of `sheet` (or of a new sheet), as Excel refuses it; null when
   * it can. Excel: 1 to 31 characters, none of : \ / ? * [ ], no apostrophe at either end, not
   * "History" (reserved), and no other sheet of that name, case ignored.
   */
  sheetNameProblem(name: string, sheet?: SimSheet): SheetNameProblem | null {
    if (name.trim() === "") return "blank";
    if (name.length > 31) return "tooLong";
    if (INVALID_SHEET_CHARS.test(name)) return "character";
    if (name.startsWith("'") || name.endsWith("'")) return "apostrophe";
    if (name.toLowerCase() === "history") return "reserved";
    if (this.sheetList.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase())) return "taken";
    return null;
  }

  /**
   * Renames a sheet as Excel does: every formula that refers to it, in the cells of every sheet
   * and in workbook names, follows the new name (quoted when it needs it); text inside string
   * literals stays as it is. Range names follow by themselves (they hold the sheet, not its name).
   */
  renameSheet(nameOrId: string, newName: string): void {
    const sheet = this.requireSheet(nameOrId);
    const problem = this.sheetNameProblem(newName, sheet);
    if (problem === "taken") throw new SimError("ItemAlreadyExists", `A sheet named "${newName}" already exists.`);
    if (problem !== null) throw new SimError("InvalidArgument", `"${newName}" is not a valid sheet name (${SHEET_NAME_RULES[problem]}).`);
    const old = sheet.name;
    if (old === newName) return;
    this.batch(() => {
      sheet.name = newName;
      this.rewriteFormulas((formula) => renameSheetInFormula(formula, old, newName));
      this.changed({ kind: "sheets" }, true);
    });
  }

  /**
   * Deletes a sheet as Excel does: its tables go with it; every reference to it in the cells of
   * the other sheets and in name formulas becomes #REF!, and so does every structured reference
   * to one of its tables; range names that referred to it report "Error" (#REF!).
   */
  removeSheet(nameOrId: string): void {
    const sheet = this.requireSheet(nameOrId);
    if (this.sheetList.length === 1) throw new SimError("InvalidOperation", "a workbook must keep at least one sheet");
    this.batch(() => {
      this.sheetList.splice(this.sheetList.indexOf(sheet), 1);
      const tables: string[] = [];
      for (let i = this.tableList.length - 1; i >= 0; i--) {
        if (this.tableList[i].sheetId !== sheet.id) continue;
        tables.push(this.tableList[i].name);
        this.tableList.splice(i, 1);
      }
      if (this.activeId === sheet.id) this.activeId = this.sheetList[0].id;
      this.rewriteFormulas((formula) => deleteSheetInFormula(formula, sheet.name, tables));
      this.changed({ kind: "sheets" }, true);
    });
  }

  /** Rewrites every formula of the workbook (cells of every sheet, formula names) that `rewrite` changes. */
  /** @internal `sheet`: the sheet of the cell the formula is in; undefined for a name's formula. */
  rewriteFormulas(rewrite: (formula: string, sheet: SimSheet | undefined) => string): void {
    for (const s of this.sheetList) {
      for (const { row, column, cell } of [...s.cells()]) {
        if (cell.formula === undefined) continue;
        const next = rewrite(cell.formula, s);
        if (next !== cell.formula) s.writeInputs({ row, column, rowCount: 1, columnCount: 1 }, [[next]]);
      }
    }
    let names = false;
    for (const item of this.nameList) {
      if (item.formula === undefined) continue;
      const next = rewrite(item.formula, undefined);
      if (next === item.formula) continue;
      (item as { formula?: string }).formula = next;
      names = true;
    }
    if (names) this.changed({ kind: "names" }, true);
  }

  activate(sheet: SimSheet): void {
    this.activeId = sheet.id;
    this.changed({ kind: "sheets" });
  }

  addName(name: string, sheet: SimSheet, rect: Rect, comment = ""): SimName {
    checkName(name);
    if (this.name(name) || this.table(name)) throw new SimError("ItemAlreadyExists", `The name "${name}" already exists.`);
    const item: SimName = { name, sheetId: sheet.id, rect, comment, visible: true };
    this.nameList.push(item);
    this.changed({ kind: "names" });
    return item;
  }

  /** A workbook name holding a constant, as Name Manager allows (=0.85). */
  addConstantName(name: string, value: SimValue): SimName {
    checkName(name);
    if (this.name(name) || this.table(name)) throw new SimError("ItemAlreadyExists", `The name "${name}" already exists.`);
    const item: SimName = { name, sheetId: "", rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 }, comment: "", constant: value, visible: true };
    this.nameList.push(item);
    this.changed({ kind: "names" });
    return item;
  }

  /** A workbook name holding a formula ("=IF(…)"), as names.add("x", "=formula") makes. */
  addFormulaName(name: string, formula: string, comment = ""): SimName {
    checkName(name);
    if (this.name(name) || this.table(name)) throw new SimError("ItemAlreadyExists", `The name "${name}" already exists.`);
    const text = formula.startsWith("=") ? formula : `=${formula}`;
    const item: SimName = { name, sheetId: "", rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 }, comment, formula: text, visible: true };
    this.nameList.push(item);
    this.changed({ kind: "names" });
    return item;
  }

  /**
   * NamedItem.formula = "=…" (ExcelApi 1.7): the name keeps its place, comment and visibility and
   * now holds that formula; the cells that use it keep using it (no #NAME? in between, as a
   * delete and add would risk).
   */
  setNameFormula(item: SimName, formula: string): SimName {
    const index = this.nameList.indexOf(item);
    if (index < 0) throw new SimError("ItemNotFound", `The name "${item.name}" does not exist.`);
    const text = formula.startsWith("=") ? formula : `=${formula}`;
    const next: SimName = { name: item.name, sheetId: "", rect: { row: 0, column: 0, rowCount: 1, columnCount: 1 }, comment: item.comment, formula: text, visible: item.visible };
    this.nameList[index] = next;
    this.changed({ kind: "names" });
    return next;
  }

  setNameVisible(item: SimName, visible: boolean): void {
    item.visible = visible;
    this.changed({ kind: "names" });
  }

  deleteName(name: string): void {
    const item = this.name(name);
    if (item === undefined) throw new SimError("ItemNotFound", `The name "${name}" does not exist.`);
    this.nameList.splice(this.nameList.indexOf(item), 1);
    this.changed({ kind: "names" });
  }

  addTable(sheet: SimSheet, rect: Rect, hasHeaders: boolean): SimTable {
    if (this.tableList.some((t) => t.sheetId === sheet.id && intersects(t.rect, rect))) {
      throw new SimError("InvalidOperation", "A table can't overlap another table.");
    }
    let name: string;
    do name = `Table${this.nextTable++}`;
    while (this.table(name) || this.name(name));
    if (hasHeaders) {
      // Excel turns header cells into text and names blank ones Column1, Column2, …
      const headers = [];
      for (let c = 0; c < rect.columnCount; c++) {
        const cell = sheet.getCell(rect.row, rect.column + c);
        const text = cell === undefined ? "" : String(cell.value ?? cell.formula ?? "");
        headers.push(text === "" ? `Column${c + 1}` : `'${text}`);
      }
      sheet.writeInputs({ ...rect, rowCount: 1 }, [headers]);
    }
    // Tables.add: filter buttons and banded rows on, no total row (Excel's defaults for a new table).
    const table: SimTable = { name, sheetId: sheet.id, rect, hasHeaders, style: "TableStyleMedium2", showTotals: false, showFilterButton: true, showBandedRows: true };
    this.tableList.push(table);
    this.changed({ kind: "names" });
    return table;
  }

  renameTable(table: SimTable, name: string): void {
    checkName(name);
    const other = this.table(name);
    if ((other !== undefined && other !== table) || this.name(name)) {
      throw new SimError("ItemAlreadyExists", `A table or name called "${name}" already exists.`);
    }
    const old = table.name;
    table.name = name;
    // "When you rename a table, Excel automatically changes the table name in all structured
    // references in the workbook" (support.microsoft.com, "Rename an Excel table").
    // Text inside a string literal is not a reference and stays as typed (renameTableIn).
    if (old.toLowerCase() !== name.toLowerCase()) this.rewriteFormulas((formula) => renameTableIn(formula, old, name));
    this.changed({ kind: "names" });
  }

  /**
   * Table.resize (ExcelApi 1.13): "The new range must overlap with the original table range
   * and the headers (or the top of the table) must be in the same row" (Excel.Table reference,
   * learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-resize-member(1)).
   * Cells the table leaves keep their contents, as in Excel; cells it takes keep theirs too.
   */
  resizeTable(table: SimTable, rect: Rect): void {
    if (rect.row !== table.rect.row || !intersects(rect, table.rect)) {
      throw new SimError("InvalidArgument", "The new range must overlap the table and keep its header row.");
    }
    if (this.tableList.some((t) => t !== table && t.sheetId === table.sheetId && intersects(t.rect, rect))) {
      throw new SimError("InvalidOperation", "A table can't overlap another table.");
    }
    table.rect = rect;
    // Structured references (table-column names) now cover other cells: recalculate.
    this.changed({ kind: "names" }, true);
  }

  /**
   * Table.showTotals (ExcelApi 1.3). On: the row below the data body becomes the table's total
   * row and part of its range (Table.getRange: "the header, data body and total row"). The
   * documentation does not say what Excel does when that row already holds data; the simulator
   * takes the row as it is (its cells keep their contents: they are the total row's cells now).
   * Off: the last row leaves the table and is plain cells again, contents kept. A row below the
   * sheet's end or inside another table is refused (InvalidOperation).
   */
  setTableTotals(table: SimTable, on: boolean): void {
    if (table.showTotals === on) return;
    const r = table.rect;
    if (on) {
      const grown: Rect = { ...r, rowCount: r.rowCount + 1 };
      if (r.row + r.rowCount >= MAX_ROWS) throw new SimError("InvalidOperation", "The total row would fall below the end of the sheet.");
      if (this.tableList.some((t) => t !== table && t.sheetId === table.sheetId && intersects(t.rect, grown))) {
        throw new SimError("InvalidOperation", "A table can't overlap another table.");
      }
      table.rect = grown;
    } else {
      // Keep one data row: a table with a header, one body row and a total row loses only the total row.
      table.rect = { ...r, rowCount: r.rowCount - 1 };
    }
    table.showTotals = on;
    // Structured references cover other cells now (#Data, #Totals, #All): recalculate.
    this.changed({ kind: "names" }, true);
  }

  /**
   * TableRowCollection.add (ExcelApi 1.1; learn.microsoft.com/javascript/api/excel/excel.tablerowcollection#excel-excel-tablerowcollection-add-member(1)):
   * `count` new data rows at body position `index` (0 … row count; the default, the end of the
   * body, is above the total row); returns "the top of the newly added row(s)". Which cells move
   * the reference does not say: the simulator moves the cells of the table's columns only (cells
   * beside the table stay), as Excel's Insert > Table Rows Above command does; every A1 reference in the workbook to a moved cell
   * follows it and a range spanning the insertion point grows (adjustRows); workbook range names,
   * validations and conditional formats move the same way; a table lower down in the same columns
   * moves with its cells, one only partly in them is refused (Excel: "This operation is not
   * allowed. The operation is attempting to shift cells in a table on your worksheet.").
   *
   * New rows: each cell takes the number format and format of the data row above it (the first
   * data row when inserting at 0), as Excel extends a table's formatting. A calculated column (a
   * column whose data cells all hold the same formula in R1C1 terms: writing formulas into a table
   * column makes it one, OfficeDev/office-js#5909) gets its formula in each new row ("Use
   * calculated columns in an Excel table", support.microsoft.com: a new row takes the calculated
   * column's formula), unless `values` gives a non-empty value for that cell; other cells take the
   * value given or stay blank. A string starting with "=" is a formula, as with Range.formulas.
   * Returns the rows' rectangle.
   */
  insertTableRows(table: SimTable, index: number | undefined, count: number, values?: readonly (readonly (SimValue | null)[])[]): Rect {
    const sheet = this.requireSheet(table.sheetId);
    const parts = tableParts(table);
    const at = index ?? parts.bodyCount;
    if (!Number.isInteger(at) || at < 0 || at > parts.bodyCount) throw new SimError("InvalidArgument", `Row index ${at} is outside the table's ${parts.bodyCount} data rows.`);
    if (!Number.isInteger(count) || count < 1) throw new SimError("InvalidArgument", "Add at least one row.");
    if (values !== undefined && values.some((line) => line.length !== table.rect.columnCount)) {
      throw new SimError("InvalidArgument", `Each row of values must have ${table.rect.columnCount} values (the table's columns).`);
    }
    const row = parts.bodyTop + at;
    const shift: RowShift = { sheet: sheet.name, kind: "insert", row, count, column: table.rect.column, columnCount: table.rect.columnCount };
    this.checkShift(table, shift);
    // Calculated columns, read before anything moves: the formula of one data cell per column, and where that cell will be.
    const calculated = new Map<number, number>();
    for (let c = table.rect.column; c < table.rect.column + table.rect.columnCount; c++) {
      let form: string | undefined;
      let same = true;
      for (let r = parts.bodyTop; r < parts.bodyTop + parts.bodyCount && same; r++) {
        const formula = sheet.getCell(r, c)?.formula;
        const relative = formula === undefined ? undefined : relativeForm(formula, r, c);
        if (relative === undefined || (form !== undefined && relative !== form)) same = false;
        form = relative;
      }
      if (same) {
        const source = at > 0 ? row - 1 : row; // the data row above, or the first one (which moves down)
        calculated.set(c, source >= row ? source + count : source);
      }
    }
    this.batch(() => {
      this.shiftWorkbook(table, shift);
      table.rect = { ...table.rect, rowCount: table.rect.rowCount + count };
      const template = at > 0 ? row - 1 : row + count;
      for (let i = 0; i < count; i++) {
        const r = row + i;
        const line: (SimValue | null)[] = [];
        for (let k = 0; k < table.rect.columnCount; k++) {
          const c = table.rect.column + k;
          sheet.copyFormatFrom(template, r, c);
          const given = values?.[i]?.[k];
          const from = calculated.get(c);
          const formula = from === undefined ? undefined : sheet.getCell(from, c)?.formula;
          if (given !== undefined && given !== null && given !== "") line.push(given);
          else if (formula !== undefined) line.push(translateRows(formula, r - (from as number)));
          else line.push(null);
        }
        sheet.writeInputs({ row: r, column: table.rect.column, rowCount: 1, columnCount: table.rect.columnCount }, [line]);
      }
      this.changed({ kind: "format", sheetId: sheet.id });
      this.changed({ kind: "names" }, true);
    });
    return { row, column: table.rect.column, rowCount: count, columnCount: table.rect.columnCount };
  }

  /**
   * TableRow.delete (ExcelApi 1.1; learn.microsoft.com/javascript/api/excel/excel.tablerow#excel-excel-tablerow-delete-member(1)):
   * the row's cells in the table's columns go and the cells below them (in those columns only)
   * move up, as Excel deletes table rows. A1 references to the deleted cells become #REF!, a
   * range that loses some of its rows shrinks, references below move up (adjustRows); names,
   * validations and conditional formats likewise. The documentation does not say what deleting
   * the only data row does; Excel keeps one (blank) data row in a table, so the simulator clears
   * that row's contents (formats kept) instead.
   */
  deleteTableRow(table: SimTable, index: number): Rect {
    const sheet = this.requireSheet(table.sheetId);
    const parts = tableParts(table);
    if (!Number.isInteger(index) || index < 0 || index >= parts.bodyCount) throw new SimError("ItemNotFound", `The table has no data row ${index}.`);
    const row = parts.bodyTop + index;
    const rect: Rect = { row, column: table.rect.column, rowCount: 1, columnCount: table.rect.columnCount };
    const blank = table.rect.rowCount - (table.hasHeaders ? 1 : 0) - (table.showTotals ? 1 : 0) <= 1;
    if (blank) {
      this.batch(() => sheet.writeInputs(rect, [Array.from({ length: rect.columnCount }, () => "")]));
      return rect;
    }
    const shift: RowShift = { sheet: sheet.name, kind: "delete", row, count: 1, column: table.rect.column, columnCount: table.rect.columnCount };
    this.checkShift(table, shift);
    this.batch(() => {
      this.shiftWorkbook(table, shift);
      table.rect = { ...table.rect, rowCount: table.rect.rowCount - 1 };
      this.changed({ kind: "format", sheetId: sheet.id });
      this.changed({ kind: "names" }, true);
    });
    return rect;
  }

  /** Refuses a shift that would move part of another table (Excel refuses to shift cells in a table). */
  private checkShift(table: SimTable, shift: RowShift): void {
    for (const t of this.tableList) {
      if (t === table || t.sheetId !== table.sheetId) continue;
      const columns = { row: 0, column: shift.column, rowCount: MAX_ROWS, columnCount: shift.columnCount };
      if (!intersects(t.rect, columns) || t.rect.row + t.rect.rowCount - 1 < shift.row) continue;
      const inside = t.rect.column >= shift.column && t.rect.column + t.rect.columnCount <= shift.column + shift.columnCount;
      if (!inside || (shift.kind === "delete" && t.rect.row < shift.row + shift.count)) {
        throw new SimError("InvalidOperation", "This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.");
      }
    }
  }

  /** Rewrites every formula's references, then moves the cells, names and other tables of a shift (the table itself is the caller's). */
  private shiftWorkbook(table: SimTable, shift: RowShift): void {
    const sheet = this.requireSheet(table.sheetId);
    this.rewriteFormulas((formula, own) => adjustRows(formula, own?.name, shift));
    const bottom = sheet.shiftRows(shift);
    let names = false;
    for (let i = 0; i < this.nameList.length; i++) {
      const item = this.nameList[i];
      if (item.formula !== undefined || item.constant !== undefined || item.sheetId !== sheet.id) continue;
      const next = shiftRect(item.rect, shift);
      if (next === item.rect) continue;
      // A name whose every cell was deleted refers to #REF!, as in Excel's Name Manager.
      this.nameList[i] = next === null ? { ...item, sheetId: "", formula: "=#REF!" } : { ...item, rect: next };
      names = true;
    }
    for (const t of this.tableList) {
      if (t === table || t.sheetId !== table.sheetId) continue;
      const next = shiftRect(t.rect, shift);
      if (next !== null && next !== t.rect) t.rect = next;
    }
    // A chart's series read ranges as formulas do (=SERIES(…) in Excel): they move, grow and shrink
    // the same way. One whose every cell was deleted keeps its old range (Excel would show #REF!
    // in the series formula; the simulator has no such state and the documentation is silent).
    for (const s of this.sheetList) {
      let charts = false;
      for (const chart of s.charts) {
        for (const series of chart.series) {
          for (const which of ["values", "xValues"] as const) {
            const ref = series[which];
            if (ref === undefined || ref.sheetId !== sheet.id) continue;
            const next = shiftRect(ref.rect, shift);
            if (next === null || next === ref.rect) continue;
            series[which] = { sheetId: ref.sheetId, rect: next };
            charts = true;
          }
        }
      }
      if (charts) s.chartChanged();
    }
    const top = shift.row;
    this.changed({ kind: "cells", sheetId: sheet.id, rect: { row: top, column: shift.column, rowCount: bottom - top + 1 + shift.count, columnCount: shift.columnCount } }, true);
    if (names) this.changed({ kind: "names" }, true);
  }

  /**
   * The add-in's settings stored in the workbook (Excel.SettingCollection, ExcelApi 1.4:
   * "Represents a collection of key-value pair setting objects ... saved with the workbook",
   * learn.microsoft.com/javascript/api/excel/excel.settingcollection). Values are kept as JSON,
   * as Excel serializes them.
   */
  readonly settings = new Map<string, string>();

  /** Test and preview convenience: selects a cell (and its sheet). */
  select(sheetNameOrId: string, address: string): void {
    const sheet = this.requireSheet(sheetNameOrId);
    const rect = parseAddress(address);
    sheet.selection = { row: rect.row, column: rect.column };
    sheet.selectedRect = undefined;
    this.activate(sheet);
  }

  /** Test convenience: selects a range ("A1:D9", whole columns "A:D"); its top-left cell is the active cell. */
  selectRange(sheetNameOrId: string, address: string): void {
    this.select(sheetNameOrId, address);
    const { row, column, rowCount, columnCount } = parseAddress(address);
    this.requireSheet(sheetNameOrId).selectedRect = { row, column, rowCount, columnCount };
  }
}

/** Why a sheet name is refused (SimWorkbook.sheetNameProblem); a UI says it in its own words. */
export type SheetNameProblem = "blank" | "tooLong" | "character" | "apostrophe" | "reserved" | "taken";

const SHEET_NAME_RULES: Record<SheetNameProblem, string> = {
  blank: "it is blank",
  tooLong: "more than 31 characters",
  character: "it holds one of : \\ / ? * [ ]",
  apostrophe: "it begins or ends with an apostrophe",
  reserved: "Excel reserves History",
  taken: "another sheet has it",
};

function checkSheetName(name: string): void {
  if (name.trim() === "" || name.length > 31 || INVALID_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new SimError("InvalidArgument", `"${name}" is not a valid sheet name (at most 31 characters, none of : \\ / ? * [ ]).`);
  }
}

function checkName(name: string): void {
  if (!/^[A-Za-z_\\\u0080-\uFFFF][A-Za-z0-9_.\\\u0080-\uFFFF]*$/.test(name) || isCellLike(name)) {
    throw new SimError("InvalidArgument", `"${name}" is not a valid name.`);
  }
}

function isCellLike(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.column === b.column && a.rowCount === b.rowCount && a.columnCount === b.columnCount;
}

function checkShape(rect: Rect, grid: readonly (readonly unknown[])[], what: string): void {
  if (grid.length !== rect.rowCount || grid.some((row) => row.length !== rect.columnCount)) {
    throw new SimError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rect.rowCount}×${rect.columnCount} expected).`
    );
  }
}

function operand(formula: unknown): number {
  if (typeof formula === "number") return formula;
  if (typeof formula === "string") {
    const text = formula.startsWith("=") ? formula.slice(1) : formula;
    if (NUMBER.test(text.trim())) return Number(text);
  }
  return NaN;
}

function compareNumbers(value: number, operator: string, a: number, b: number): boolean {
  switch (operator) {
    case "Between":
      return value >= a && value <= b;
    case "NotBetween":
      return value < a || value > b;
    case "EqualTo":
      return value === a;
    case "NotEqualTo":
      return value !== a;
    case "GreaterThan":
      return value > a;
    case "LessThan":
      return value < a;
    case "GreaterThanOrEqualTo":
    case "GreaterThanOrEqual":
      return value >= a;
    case "LessThanOrEqualTo":
    case "LessThanOrEqual":
      return value <= a;
    default:
      return true;
  }
}

/** A CellValue rule against a value: text operands are ="text", compared case-insensitively as Excel does. */
export function matchesCellValueRule(value: SimValue, rule: Excel.ConditionalCellValueRule): boolean {
  const text = /^="((?:[^"]|"")*)"$/.exec(rule.formula1);
  if (text !== null) {
    const wanted = text[1].replace(/""/g, '"').toLowerCase();
    const equal = typeof value === "string" && value.toLowerCase() === wanted;
    if (rule.operator === "EqualTo") return equal;
    if (rule.operator === "NotEqualTo") return !equal;
    return false;
  }
  if (typeof value !== "number") return false;
  return compareNumbers(value, rule.operator, operand(rule.formula1), operand(rule.formula2));
}

function coalesce(changes: readonly SimChange[]): SimChange[] {
  const out: SimChange[] = [];
  const seen = new Set<string>();
  for (const change of changes) {
    if (change.kind === "cells" || change.kind === "computed") {
      out.push(change);
      continue;
    }
    const id = change.kind === "format" ? `format:${change.sheetId}` : change.kind;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(change);
  }
  return out;
}

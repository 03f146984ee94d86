/**
 * The preview's formula engine: HyperFormula with the COLLECT plugin of src/engine (the same
 * core the Excel functions wrap), kept in step with the simulated workbook.
 *
 * Loaded only through `import("./engine")` from preview.ts, so HyperFormula (GPLv3, a dev
 * dependency) lands in its own chunk of the preview and never in functions.js or taskpane.js.
 *
 * - Sheets or workbook names changed: the engine is rebuilt from the workbook (templates are
 *   small; a rebuild takes milliseconds).
 * - Cells changed (a template's write, a user's edit): only the cells that differ from what
 *   the engine holds are sent, and it recalculates their dependents.
 * After either, every formula cell's result is stored back in the workbook (as Excel's
 * `range.values` would return it: errors as "#DIV/0!" text), so the task pane's reads and
 * the sheet's conditional formats see computed values.
 */
import { DetailedCellError, HyperFormula, RawCellContent } from "hyperformula";
import { WHOLE_COLUMN_CALC_MESSAGE, registerCollectFunctions, setEngineHost, setEngineMessageLanguage } from "../engine/hyperformula";
import type { Language } from "../core";
import { engineFormula } from "./literals";
import type { Rect, SimCalculator, SimSheet, SimValue, SimWorkbook, SpilledCell } from "../excel-sim";

/** A computed cell as the grid shows it. */
export interface EngineValue {
  readonly value: SimValue | null;
  /** Set when the value is an error: Excel's text ("#DIV/0!") and the reason. */
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * No smart rounding: values keep full precision, as Excel's do (the grid's number formats
 * round for display). Array arithmetic on: dynamic-array Excel evaluates every formula that
 * way, and the portable formulas (src/portable) rely on it inside SUMPRODUCT and names.
 */
const HF_CONFIG = { licenseKey: "gpl-v3", smartRounding: false, useArrayArithmetic: true, maxRows: 100_000, maxColumns: 1_000 } as const;

/** Quotes a sheet name for a formula reference: 'M1 (2)'!A1. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function columnLetters(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function absoluteRange(rect: Rect): string {
  const first = `$${columnLetters(rect.column)}$${rect.row + 1}`;
  const last = `$${columnLetters(rect.column + rect.columnCount - 1)}$${rect.row + rect.rowCount}`;
  return first === last ? first : `${first}:${last}`;
}

/** What the engine is given for a sim cell: the formula, or the constant as typed (text forced with '). */
function rawContent(sheet: SimSheet, row: number, column: number): RawCellContent {
  const cell = sheet.getCell(row, column);
  if (cell === undefined) return null;
  // As Excel reads it: 1.5E3 and bare TRUE/FALSE, which HyperFormula would not (literals.ts).
  if (cell.formula !== undefined) return engineFormula(cell.formula);
  const v = cell.value;
  if (v === null) return null;
  // A leading apostrophe makes HyperFormula keep text as text ("123", "TRUE", "#N/A", "1/2").
  return typeof v === "string" ? `'${v}` : v;
}

function toEngineValue(value: unknown): EngineValue {
  // HyperFormula has no #CALC!; the web profile's whole-column refusal is its generic error with our message.
  if (value instanceof DetailedCellError && value.message === WHOLE_COLUMN_CALC_MESSAGE) {
    return { value: "#CALC!", error: { code: "#CALC!", message: value.message } };
  }
  if (value instanceof DetailedCellError) {
    return { value: value.value, error: { code: value.value, message: value.message || defaultMessage(value.value) } };
  }
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return { value };
  return { value: String(value) };
}

/** Excel's own explanation when the engine gives none (e.g. a plain =1/0). */
function defaultMessage(code: string): string {
  switch (code) {
    case "#DIV/0!":
      return "Division by zero.";
    case "#N/A":
      return "A value is not available.";
    case "#VALUE!":
      return "A value has the wrong type.";
    case "#NAME?":
      return "Unknown function or name.";
    case "#REF!":
      return "The formula refers to a cell that is not valid.";
    case "#NUM!":
      return "A number is not valid here.";
    default:
      return code;
  }
}

/** Sheets (ids, names, order) and workbook names: what the engine's structure depends on. */
function structureOf(workbook: SimWorkbook): string {
  return JSON.stringify([
    // The host decides what the COLLECT functions receive for an empty cell: another host, another engine.
    workbook.host.id,
    workbook.sheets.map((s) => [s.id, s.name]),
    workbook.names.map((n) => [n.name, n.sheetId, n.rect, n.constant ?? null, n.formula ?? null]),
  ]);
}

export class HyperFormulaCalculator implements SimCalculator {
  private hf: HyperFormula | undefined;
  /** Sheets and names the engine was built from; a different one means a rebuild. */
  private signature = "";
  /** What the engine holds, per sim sheet id and cell key, so an update sends only the differences. */
  private readonly sent = new Map<string, Map<string, RawCellContent>>();
  /** sim sheet id → engine sheet id, for the current engine instance. */
  private readonly sheetIds = new Map<string, number>();
  /** Rebuilds and incremental updates, for tests and the page's status line. */
  readonly stats = { rebuilds: 0, updates: 0, cellsSent: 0 };

  constructor() {
    registerCollectFunctions();
  }

  /**
   * Brings the engine in step with the workbook. The workbook may call this in the middle of
   * a batch (before a read), so nothing here relies on change notifications: sheets and names
   * are compared as a whole, cells one by one against what the engine already holds.
   */
  recalculate(workbook: SimWorkbook): void {
    setEngineHost(workbook.host);
    const signature = structureOf(workbook);
    if (this.hf === undefined || signature !== this.signature) this.rebuild(workbook, signature);
    else this.update(workbook);
    this.storeResults(workbook);
  }

  private rebuild(workbook: SimWorkbook, signature: string): void {
    this.hf?.destroy();
    this.sheetIds.clear();
    this.sent.clear();
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const sheet of workbook.sheets) {
      const sent = new Map<string, RawCellContent>();
      const rows: RawCellContent[][] = [];
      for (const { row, column } of sheet.cells()) {
        const raw = rawContent(sheet, row, column);
        if (raw === null) continue;
        while (rows.length <= row) rows.push([]);
        rows[row][column] = raw;
        sent.set(`${row},${column}`, raw);
      }
      // Sparse rows from the loop above: fill the holes with blanks.
      sheets[sheet.name] = rows.map((r) => Array.from({ length: r.length }, (_, c) => r[c] ?? null));
      this.sent.set(sheet.id, sent);
    }
    const names = workbook.names.map((n) => {
      if (n.formula !== undefined) return { name: n.name, expression: engineFormula(n.formula) };
      if (n.constant !== undefined) {
        return { name: n.name, expression: typeof n.constant === "string" ? `="${n.constant.replace(/"/g, '""')}"` : `=${String(n.constant).toUpperCase()}` };
      }
      const sheet = workbook.sheet(n.sheetId);
      return { name: n.name, expression: sheet === undefined ? "=#REF!" : `=${quoteSheet(sheet.name)}!${absoluteRange(n.rect)}` };
    });
    this.hf = HyperFormula.buildFromSheets(sheets, { ...HF_CONFIG }, names);
    for (const sheet of workbook.sheets) {
      const id = this.hf.getSheetId(sheet.name);
      if (id !== undefined) this.sheetIds.set(sheet.id, id);
    }
    this.signature = signature;
    this.stats.rebuilds++;
  }

  private update(workbook: SimWorkbook): void {
    const hf = this.hf;
    if (hf === undefined) return;
    const changes: { sheet: number; row: number; col: number; raw: RawCellContent }[] = [];
    for (const sheet of workbook.sheets) {
      const hfSheet = this.sheetIds.get(sheet.id);
      const sent = this.sent.get(sheet.id);
      if (hfSheet === undefined || sent === undefined) continue;
      const seen = new Set<string>();
      for (const { row, column } of sheet.cells()) {
        const key = `${row},${column}`;
        const raw = rawContent(sheet, row, column);
        seen.add(key);
        if ((sent.get(key) ?? null) === raw) continue;
        changes.push({ sheet: hfSheet, row, col: column, raw });
        if (raw === null) sent.delete(key);
        else sent.set(key, raw);
      }
      for (const key of [...sent.keys()]) {
        if (seen.has(key)) continue;
        const [row, col] = key.split(",").map(Number);
        changes.push({ sheet: hfSheet, row, col, raw: null });
        sent.delete(key);
      }
    }
    if (changes.length === 0) return;
    hf.batch(() => {
      for (const c of changes) hf.setCellContents({ sheet: c.sheet, row: c.row, col: c.col }, [[c.raw]]);
    });
    this.stats.updates++;
    this.stats.cellsSent += changes.length;
  }

  /**
   * Every formula cell's result back into the workbook, and the values dynamic arrays spilled
   * into cells of no input of their own (what Excel's range.values returns there), reported
   * as one change batch.
   */
  private storeResults(workbook: SimWorkbook): void {
    workbook.batch(() => {
      for (const sheet of workbook.sheets) {
        for (const { row, column, cell } of [...sheet.cells()]) {
          if (cell.formula === undefined) continue;
          workbook.setComputed(sheet.id, row, column, this.valueAt(sheet.id, row, column).value);
        }
        workbook.setSpilled(sheet.id, this.spilledCells(sheet));
      }
    });
  }

  /** Cells of a sheet that hold a value in the engine but no input in the workbook: the spill areas. */
  private spilledCells(sheet: SimSheet): SpilledCell[] {
    const hfSheet = this.sheetIds.get(sheet.id);
    const hf = this.hf;
    if (hf === undefined || hfSheet === undefined) return [];
    const out: SpilledCell[] = [];
    const { width, height } = hf.getSheetDimensions(hfSheet);
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        if (!hf.isCellPartOfArray({ sheet: hfSheet, row, col: column })) continue;
        if (sheet.getCell(row, column)?.formula !== undefined) continue;
        const { value } = this.valueAt(sheet.id, row, column);
        if (value !== null) out.push({ row, column, value });
      }
    }
    return out;
  }

  /** The engine's value of a cell (spilled array cells included); blank when the engine does not know the sheet. */
  valueAt(sheetId: string, row: number, column: number): EngineValue {
    const hfSheet = this.sheetIds.get(sheetId);
    if (this.hf === undefined || hfSheet === undefined) return { value: null };
    return toEngineValue(this.hf.getCellValue({ sheet: hfSheet, row, col: column }));
  }

  /** Rows and columns holding anything in the engine (spills can reach past the written cells). */
  extent(sheetId: string): { rows: number; columns: number } {
    const hfSheet = this.sheetIds.get(sheetId);
    if (this.hf === undefined || hfSheet === undefined) return { rows: 0, columns: 0 };
    const d = this.hf.getSheetDimensions(hfSheet);
    return { rows: d.height, columns: d.width };
  }

  /**
   * Says the messages behind error cells in `language` (the preview's switch): the engine is
   * rebuilt, since it keeps each error with its message.
   */
  setLanguage(language: Language, workbook: SimWorkbook): void {
    setEngineMessageLanguage(language);
    this.signature = "";
    workbook.setCalculator(this);
  }

  /** Evaluates a formula on a sheet without writing it (tests and the console). */
  evaluate(sheetId: string, formula: string): EngineValue {
    const hfSheet = this.sheetIds.get(sheetId);
    if (this.hf === undefined || hfSheet === undefined) return { value: null };
    return toEngineValue(this.hf.calculateFormula(engineFormula(formula), hfSheet));
  }

  destroy(): void {
    this.hf?.destroy();
    this.hf = undefined;
  }
}

/** Creates the calculator and attaches it: the workbook is recalculated at once, with messages in `language`. */
export function attachEngine(workbook: SimWorkbook, language: Language = "en"): HyperFormulaCalculator {
  setEngineMessageLanguage(language);
  const calculator = new HyperFormulaCalculator();
  workbook.setCalculator(calculator);
  return calculator;
}

/**
 * The preview's formula engine: HyperFormula with the COLLECT plugin of src/engine (the same
 * core the Excel functions wrap), kept in step with the simulated workbook.
 *
 * Loaded only through `import("./engine")` from preview.ts, so HyperFormula (GPLv3, a dev
 * dependency) lands in its own chunk of the preview and never in functions.js or taskpane.js.
 *
 * - Sheets or workbook names changed (or more than REBUILD_ABOVE_CELLS cells at once): the
 *   engine is rebuilt from the workbook, and every formula cell's result is stored back.
 * - Cells changed (a template's write, a user's edit): the workbook tells the calculator which
 *   (SimCalculator.inputsChanged, at once, inside a batch too); only those cells are sent, and
 *   only the results HyperFormula reports as changed are stored back, spilled values included.
 *   An edit costs its own cells and their dependents, not the size of the sheet.
 * Results are stored as Excel's `range.values` would return them (errors as "#DIV/0!" text),
 * so the task pane's reads and the sheet's conditional formats see computed values.
 */
import { CellType, DetailedCellError, ExportedCellChange, ExportedChange, HyperFormula, RawCellContent } from "hyperformula";
import { WHOLE_COLUMN_CALC_MESSAGE, registerCollectFunctions, setEngineHost, setEngineMessageLanguage } from "../engine/hyperformula";
import type { Language } from "../core";
import { engineFormula } from "./literals";
import { MAX_COLUMNS } from "../excel-sim/a1";
import { Here, structuredToA1, tableColumnNames } from "../excel-sim/structured";
import type { Rect, SimCalculator, SimSheet, SimValue, SimWorkbook, SpilledCell, SpillUpdate } from "../excel-sim";

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

/** Cells past the engine's size (Excel's sheet is larger) stay out of it: their formulas show #REF! with this reason. */
const BEYOND_ENGINE_MESSAGE = `The preview's formula engine computes the first ${HF_CONFIG.maxRows.toLocaleString("en")} rows and ${HF_CONFIG.maxColumns.toLocaleString("en")} columns of a sheet; this cell lies beyond them.`;

function beyondEngine(row: number, column: number): boolean {
  return row >= HF_CONFIG.maxRows || column >= HF_CONFIG.maxColumns;
}

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

/** An A1 range as the engine reads it: 'Sheet'!$A$1:$B$2. */
function engineRange(sheet: SimSheet, rect: Rect): string {
  return `${quoteSheet(sheet.name)}!${absoluteRange(rect)}`;
}

/**
 * A formula as the engine reads it: structured references (T[[Col]], T[[#Totals],[Col]], [@Col] …)
 * become the A1 ranges they stand for as the tables stand now (HyperFormula has none; a table
 * change is a new structure, so the engine is rebuilt and they are translated again), then
 * 1.5E3 and bare TRUE/FALSE as HyperFormula reads them (literals.ts).
 */
function engineText(workbook: SimWorkbook, formula: string, here?: Here): string {
  return engineFormula(structuredToA1(workbook, formula, engineRange, here));
}

/** What the engine is given for a sim cell: the formula, or the constant as typed (text forced with '). */
function rawContent(workbook: SimWorkbook, sheet: SimSheet, row: number, column: number): RawCellContent {
  const cell = sheet.getCell(row, column);
  if (cell === undefined) return null;
  if (cell.formula !== undefined) return engineText(workbook, cell.formula, { sheet, row, column });
  const v = cell.value;
  if (v === null) return null;
  // A leading apostrophe makes HyperFormula keep text as text ("123", "TRUE", "#N/A", "1/2").
  return typeof v === "string" ? `'${v}` : v;
}

/** The language of the preview page: the engine's own messages follow it (the core's already do). */
let pageLanguage: Language = "en";

function toEngineValue(value: unknown): EngineValue {
  // HyperFormula has no #CALC!; the web profile's whole-column refusal is its generic error with our message.
  if (value instanceof DetailedCellError && value.message === WHOLE_COLUMN_CALC_MESSAGE) {
    return { value: "#CALC!", error: { code: "#CALC!", message: engineMessage("#CALC!", value.message) } };
  }
  if (value instanceof DetailedCellError) {
    return { value: value.value, error: { code: value.value, message: engineMessage(value.value, value.message) } };
  }
  if (value === null || value === undefined) return { value: null };
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return { value };
  return { value: String(value) };
}

/**
 * The reason behind an error cell. The COLLECT functions' messages come from the core in the
 * page's language already; HyperFormula's own (a plain =1/0, an unknown name) are English, so
 * on the Chinese page they are replaced by the Chinese explanation of their error code.
 */
function engineMessage(code: string, message: string): string {
  if (pageLanguage === "zh" && !/[\u4e00-\u9fff]/.test(message)) return ENGINE_MESSAGES.zh[code] ?? ENGINE_MESSAGES.zh.other;
  return message || (ENGINE_MESSAGES.en[code] ?? code);
}

/** Excel's own explanation of an error code, when the engine gives none (en) or gives it in English (zh). */
const ENGINE_MESSAGES: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en: {
    "#DIV/0!": "Division by zero.",
    "#N/A": "A value is not available.",
    "#VALUE!": "A value has the wrong type.",
    "#NAME?": "Unknown function or name.",
    "#REF!": "The formula refers to a cell that is not valid.",
    "#NUM!": "A number is not valid here.",
  },
  zh: {
    "#DIV/0!": "除数为零。",
    "#N/A": "值不可用。",
    "#VALUE!": "值的类型不对，例如需要数字的地方是文本。",
    "#NAME?": "无法识别的函数或名称。",
    "#REF!": "公式引用了无效的单元格。",
    "#NUM!": "此处的数字无效。",
    "#CYCLE!": "公式直接或间接引用了自身（循环引用）。",
    "#SPILL!": "数组结果要溢出到的单元格中已有内容。",
    "#CALC!": "Excel 网页版不会把整列引用（如 A:A）传给自定义函数（#CALC!）。请改用表格的列或有界区域，如 A2:A5000。",
    "#ERROR!": "公式无法计算。",
    other: "公式无法计算。",
  },
};

/** Sheets (ids, names, order) and workbook names: what the engine's structure depends on. */
function structureOf(workbook: SimWorkbook): string {
  return JSON.stringify([
    // The host decides what the COLLECT functions receive for an empty cell: another host, another engine.
    workbook.host.id,
    workbook.sheets.map((s) => [s.id, s.name]),
    workbook.names.map((n) => [n.name, n.sheetId, n.rect, n.constant ?? null, n.formula ?? null]),
    // Structured references ("=CK_Payments[Amount]" in a name, CK_M1[[Recovered]] in a cell) cover the
    // table's rows and columns by header: a resize, a row added or deleted, a total row shown, a
    // renamed column is a new structure (the engine is rebuilt and they are translated again).
    workbook.tables.map((t) => {
      const sheet = workbook.sheet(t.sheetId);
      return [t.name, t.sheetId, t.rect, t.showTotals, sheet === undefined ? [] : tableColumnNames(sheet, t)];
    }),
  ]);
}

/** Above this many changed cells, building the engine afresh beats sending them one by one. */
const REBUILD_ABOVE_CELLS = 20_000;

export class HyperFormulaCalculator implements SimCalculator {
  private hf: HyperFormula | undefined;
  /** Sheets and names the engine was built from; a different one means a rebuild. */
  private signature = "";
  /** sim sheet id → engine sheet id, and back, for the current engine instance. */
  private readonly sheetIds = new Map<string, number>();
  private readonly simIds = new Map<number, string>();
  /**
   * Inputs changed since the last recalculation, per sim sheet id (cell keys row * MAX_COLUMNS +
   * column), as the workbook reports them (SimCalculator.inputsChanged); `overflow` once there
   * are so many that a rebuild is cheaper, or when changes may have been missed.
   */
  private readonly pending = new Map<string, Set<number>>();
  private pendingCount = 0;
  private overflow = true;
  /** The workbook this engine mirrors. */
  private workbook: SimWorkbook | undefined;
  /** Rebuilds and incremental updates, for tests and the page's status line. */
  readonly stats = { rebuilds: 0, updates: 0, cellsSent: 0, valuesStored: 0 };

  constructor() {
    registerCollectFunctions();
  }

  /** The workbook took this calculator: whatever changed before is unknown, so the next recalculation rebuilds. */
  attached(workbook: SimWorkbook): void {
    this.workbook = workbook;
    this.signature = "";
    this.clearPending(true);
  }

  /** Inputs changed (told at once, inside a batch too): remembered until the next recalculation. */
  inputsChanged(sheetId: string, rect: Rect): void {
    if (this.overflow) return;
    const cells = rect.rowCount * rect.columnCount;
    if (this.pendingCount + cells > REBUILD_ABOVE_CELLS) {
      this.clearPending(true);
      return;
    }
    let set = this.pending.get(sheetId);
    if (set === undefined) this.pending.set(sheetId, (set = new Set()));
    for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
      for (let c = rect.column; c < rect.column + rect.columnCount; c++) set.add(r * MAX_COLUMNS + c);
    }
    this.pendingCount += cells;
  }

  private clearPending(overflow: boolean): void {
    this.pending.clear();
    this.pendingCount = 0;
    this.overflow = overflow;
  }

  /**
   * Brings the engine in step with the workbook. Sheets and names are compared as a whole (a
   * change rebuilds); cells are sent only where the workbook reported an input change, and
   * only the results the engine reports as changed are stored back: an edit costs its own
   * cells and their dependents, whatever the size of the sheet.
   */
  recalculate(workbook: SimWorkbook): void {
    setEngineHost(workbook.host);
    const signature = structureOf(workbook);
    if (this.hf === undefined || signature !== this.signature || this.overflow || workbook !== this.workbook) {
      this.workbook = workbook;
      this.rebuild(workbook, signature);
      this.clearPending(false);
      this.storeAll(workbook);
    } else {
      const changes = this.update(workbook);
      this.clearPending(false);
      this.storeChanges(workbook, changes);
    }
  }

  private rebuild(workbook: SimWorkbook, signature: string): void {
    this.hf?.destroy();
    this.sheetIds.clear();
    this.simIds.clear();
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const sheet of workbook.sheets) {
      const rows: RawCellContent[][] = [];
      for (const { row, column } of sheet.cells()) {
        if (beyondEngine(row, column)) continue;
        const raw = rawContent(workbook, sheet, row, column);
        if (raw === null) continue;
        while (rows.length <= row) rows.push([]);
        rows[row][column] = raw;
      }
      // Sparse rows from the loop above: fill the holes with blanks.
      for (let r = 0; r < rows.length; r++) {
        const line = rows[r];
        for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = null;
      }
      sheets[sheet.name] = rows;
    }
    const names = workbook.names.map((n) => {
      // HyperFormula has no structured references: a table-column name becomes the column's body range, as it stands now.
      const column = n.formula !== undefined ? workbook.tableColumnOf(n.formula) : undefined;
      if (column !== undefined) return { name: n.name, expression: `=${engineRange(column.sheet, column.rect)}` };
      if (n.formula !== undefined) return { name: n.name, expression: engineText(workbook, n.formula) };
      if (n.constant !== undefined) {
        return { name: n.name, expression: typeof n.constant === "string" ? `="${n.constant.replace(/"/g, '""')}"` : `=${String(n.constant).toUpperCase()}` };
      }
      const sheet = workbook.sheet(n.sheetId);
      return { name: n.name, expression: sheet === undefined ? "=#REF!" : `=${quoteSheet(sheet.name)}!${absoluteRange(n.rect)}` };
    });
    this.hf = HyperFormula.buildFromSheets(sheets, { ...HF_CONFIG }, names);
    for (const sheet of workbook.sheets) {
      const id = this.hf.getSheetId(sheet.name);
      if (id === undefined) continue;
      this.sheetIds.set(sheet.id, id);
      this.simIds.set(id, sheet.id);
    }
    this.signature = signature;
    this.stats.rebuilds++;
  }

  /**
   * Sends the cells the workbook reported changed; returns what the engine says changed, and
   * the formula cells sent (a formula written again holds no result in the workbook until one
   * is stored, even when the engine's value stays the same and it reports no change).
   */
  private update(workbook: SimWorkbook): { exported: ExportedChange[]; formulas: { sheetId: string; row: number; column: number }[] } {
    const hf = this.hf;
    const formulas: { sheetId: string; row: number; column: number }[] = [];
    if (hf === undefined || this.pendingCount === 0) return { exported: [], formulas };
    const changes: { sheet: number; row: number; col: number; raw: RawCellContent }[] = [];
    for (const [sheetId, keys] of this.pending) {
      const sheet = workbook.sheet(sheetId);
      const hfSheet = this.sheetIds.get(sheetId);
      if (sheet === undefined || hfSheet === undefined) continue;
      for (const k of keys) {
        const row = Math.floor(k / MAX_COLUMNS);
        const col = k % MAX_COLUMNS;
        if (beyondEngine(row, col)) continue;
        changes.push({ sheet: hfSheet, row, col, raw: rawContent(workbook, sheet, row, col) });
        if (sheet.getCell(row, col)?.formula !== undefined) formulas.push({ sheetId, row, column: col });
      }
    }
    if (changes.length === 0) return { exported: [], formulas };
    const exported = hf.batch(() => {
      for (const c of changes) hf.setCellContents({ sheet: c.sheet, row: c.row, col: c.col }, [[c.raw]]);
    });
    this.stats.updates++;
    this.stats.cellsSent += changes.length;
    return { exported, formulas };
  }

  /**
   * After a rebuild: every formula cell's result back into the workbook, and the values its
   * dynamic arrays spilled into cells of no input of their own (what Excel's range.values
   * returns there), reported as one change batch.
   */
  private storeAll(workbook: SimWorkbook): void {
    const hf = this.hf;
    if (hf === undefined) return;
    workbook.batch(() => {
      for (const sheet of workbook.sheets) {
        const hfSheet = this.sheetIds.get(sheet.id);
        const spilled: SpilledCell[] = [];
        for (const { row, column, cell } of sheet.cells()) {
          if (cell.formula === undefined) continue;
          this.store(workbook, sheet.id, row, column);
          if (hfSheet === undefined || hf.getCellType({ sheet: hfSheet, row, col: column }) !== CellType.ARRAYFORMULA) continue;
          // The array's area: its anchor, then the cells of the array to its right and below.
          const part = (r: number, c: number): boolean => hf.getCellType({ sheet: hfSheet, row: r, col: c }) === CellType.ARRAY;
          let width = 1;
          while (part(row, column + width)) width++;
          let height = 1;
          while (part(row + height, column)) height++;
          for (let r = row; r < row + height; r++) {
            for (let c = column; c < column + width; c++) {
              if ((r === row && c === column) || sheet.getCell(r, c)?.formula !== undefined) continue;
              const { value } = this.valueAt(sheet.id, r, c);
              if (value !== null) spilled.push({ row: r, column: c, value });
            }
          }
        }
        workbook.setSpilled(sheet.id, spilled);
      }
    });
  }

  /** After an update: only the cells the engine reported changed (results, spilled values, spills gone). */
  private storeChanges(workbook: SimWorkbook, { exported: changes, formulas }: { exported: readonly ExportedChange[]; formulas: readonly { sheetId: string; row: number; column: number }[] }): void {
    const hf = this.hf;
    if (hf === undefined || (changes.length === 0 && formulas.length === 0)) return;
    const spills = new Map<string, SpillUpdate[]>();
    workbook.batch(() => {
      for (const f of formulas) this.store(workbook, f.sheetId, f.row, f.column);
      for (const change of changes) {
        if (!(change instanceof ExportedCellChange)) continue;
        const { sheet: hfSheet, row, col } = change.address;
        const sheetId = this.simIds.get(hfSheet);
        const sheet = sheetId === undefined ? undefined : workbook.sheet(sheetId);
        if (sheet === undefined) continue;
        const cell = sheet.getCell(row, col);
        if (cell?.formula !== undefined) {
          this.store(workbook, sheet.id, row, col);
          continue;
        }
        if (cell !== undefined && cell.value !== null) continue; // a constant: the workbook has it already
        // No input of its own: a spilled value, or a spill that went.
        const value = hf.isCellPartOfArray(change.address) ? this.valueAt(sheet.id, row, col).value : null;
        let list = spills.get(sheet.id);
        if (list === undefined) spills.set(sheet.id, (list = []));
        list.push({ row, column: col, value });
      }
      for (const [sheetId, list] of spills) workbook.updateSpilled(sheetId, list);
    });
  }

  private store(workbook: SimWorkbook, sheetId: string, row: number, column: number): void {
    workbook.setComputed(sheetId, row, column, this.valueAt(sheetId, row, column).value);
    this.stats.valuesStored++;
  }

  /** The engine's value of a cell (spilled array cells included); blank when the engine does not know the sheet. */
  valueAt(sheetId: string, row: number, column: number): EngineValue {
    const hfSheet = this.sheetIds.get(sheetId);
    if (this.hf === undefined || hfSheet === undefined) return { value: null };
    if (beyondEngine(row, column)) {
      // The Name box reaches Excel's last row; the engine stops earlier: constants show, formulas say why they do not compute.
      const cell = this.workbook?.sheet(sheetId)?.getCell(row, column);
      if (cell?.formula === undefined) return { value: cell?.value ?? null };
      return { value: "#REF!", error: { code: "#REF!", message: BEYOND_ENGINE_MESSAGE } };
    }
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
    pageLanguage = language;
    this.signature = "";
    workbook.setCalculator(this);
  }

  /** Evaluates a formula on a sheet without writing it (tests and the console). */
  evaluate(sheetId: string, formula: string): EngineValue {
    const hfSheet = this.sheetIds.get(sheetId);
    if (this.hf === undefined || hfSheet === undefined) return { value: null };
    const text = this.workbook === undefined ? engineFormula(formula) : engineText(this.workbook, formula);
    return toEngineValue(this.hf.calculateFormula(text, hfSheet));
  }

  destroy(): void {
    this.hf?.destroy();
    this.hf = undefined;
  }
}

/** Creates the calculator and attaches it: the workbook is recalculated at once, with messages in `language`. */
export function attachEngine(workbook: SimWorkbook, language: Language = "en"): HyperFormulaCalculator {
  setEngineMessageLanguage(language);
  pageLanguage = language;
  const calculator = new HyperFormulaCalculator();
  workbook.setCalculator(calculator);
  return calculator;
}

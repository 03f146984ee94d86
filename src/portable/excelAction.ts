/**
 * "Make portable" in Excel: finds the COLLECT formulas of the active sheet (or of every sheet),
 * converts them (convert.ts) and writes back only the cells that change (null leaves a cell as
 * it is), plus the hidden CollectKPI.* names the native formulas read benchmarks through.
 *
 *   const summary = await makePortable((batch) => Excel.run(batch), {
 *     scope: "active", mode: "native", isSetSupported: (n, v) => Office.context.requirements.isSetSupported(n, v),
 *   });
 *
 * API sets: ExcelApi 1.12 is required (getSpillingToRangeOrNullObject: the cells a formula
 * spills into). Without it Make portable refuses before any request (PortableUnsupportedError):
 * `formulas` returns a spilled cell's value, as for a constant (Excel.Range.formulas: "If a
 * cell has no formula, its value is returned instead"), so nothing else tells a spilled cell
 * from a typed one. ExcelApi 1.9 (getSpecialCellsOrNullObject("Formulas")) lets a large sheet
 * be read through its formula cells only; every 1.12 host has it, and without it (a host that
 * reports 1.12 and not 1.9) every used range is read whole. 1.4 and 1.7: see the task pane's
 * requirements.ts.
 *
 * Syncs (every read and write within one budget):
 *   1  the used range of each sheet (with the workbook names; "all" lists the sheets first: +1)
 *   2  read: a used range of at most 5,000 cells whole, a larger one's formula areas
 *      (getSpecialCellsOrNullObject("Formulas"), then their cells: +1 for such a sheet)
 *   3  only with COLLECT formulas that can spill (ROLLRATES, LOSSFACTORS, METRICS) or that read
 *      cells not read yet: each one's spill area (getSpillingToRangeOrNullObject) and those cells
 *   4  write the names and the changed cells (none in a dry run, none when nothing changes)
 * So: the M1 sheet 3, the roll-rate sheet 4, every sheet 5; a dry run one less; a second run 2
 * (active) or 3 (all). Before ExcelApi 1.12 was required: 3 and 4.
 *
 * Byte budget: Excel on the web refuses a request or a response over 5 MB
 * (RequestPayloadSizeLimitExceeded, ResponsePayloadSizeLimitExceeded; hosts/profiles.ts). Each
 * sync carries at most BYTES_PER_SYNC (2.5 MB, half the limit: the JSON envelope and the
 * estimate's error stay inside) and CELLS_PER_SYNC cells. A write's bytes are counted exactly
 * (the JSON of its grid); a read's are estimated from the bytes per cell of the reads so far
 * (160 before the first). When Excel still refuses, the batch is halved and retried, down to
 * one row; a row that fails alone is reported in the summary, never thrown.
 *
 * Never touched: cells without a COLLECT call (text that reads "=COLLECT.…" included), the
 * Benchmarks table, the CollectBenchmarks name, and any name not starting with CollectKPI.
 *
 * Typed against structural interfaces that Excel.RequestContext satisfies (checked below by
 * the compiler), so the in-memory simulator can implement the same subset.
 */
import { WEB_PAYLOAD_LIMIT_BYTES } from "../hosts/profiles";
import { payloadBytes, utf8Bytes } from "../hosts/payload";
import { CATALOGUE, benchmarksBody } from "../core";
import { Node, Reference, columnIndex, columnName, parseFormula, quoteSheet, walk } from "./formula";
import { Constant, NATIVE, NATIVE_NAME_PREFIX } from "./native";
import { ConvertOptions, SheetCell, SheetConversion, collectFunction, convertSheet, mentionsCollect } from "./convert";
import { TableView, resolveIn, splitStructured } from "./tables";
import { Reason, reason, reasonText } from "./reasons";

export type PortableCell = string | number | boolean | null;

export interface PortableRange {
  /** "Sheet1!B2:H30" */
  readonly address: string;
  readonly isNullObject: boolean;
  /** What Office.js reads and writes: "=…" for formulas, else the value (a spilled cell's too); null in a written array leaves the cell unchanged. */
  formulas: PortableCell[][];
  readonly values: PortableCell[][];
  load(propertyNames: string): PortableRange;
  /** [ExcelApi 1.12] On an anchor cell: the range it spills into; else a null object. */
  getSpillingToRangeOrNullObject(): PortableRange;
  /** [ExcelApi 1.9] The cells holding formulas, as areas; a null object when there are none. */
  getSpecialCellsOrNullObject(cellType: "Formulas"): PortableRangeAreas;
}

export interface PortableRangeAreas {
  /** "Sheet1!A1:B4, Sheet1!D1:D4" */
  readonly address: string;
  readonly isNullObject: boolean;
  load(propertyNames: string): PortableRangeAreas;
}

export interface PortableWorksheet {
  readonly name: string;
  /** [ExcelApi 1.4] */
  getUsedRangeOrNullObject(valuesOnly?: boolean): PortableRange;
  getRange(address?: string): PortableRange;
  load(propertyNames: string): PortableWorksheet;
}

export interface PortableNamedItem {
  readonly name: string;
  /** "=Benchmarks!$A$5:$H$27" [ExcelApi 1.7] */
  readonly formula: unknown;
  visible: boolean;
  delete(): void;
}

/** [ExcelApi 1.1; showTotals, showHeaders 1.3] An Excel table, as Make portable reads it. */
export interface PortableTable {
  readonly name: string;
  readonly showTotals: boolean;
  readonly showHeaders: boolean;
  /** Header, body and total rows: "'M1'!A4:X13". */
  getRange(): PortableRange;
  getHeaderRowRange(): PortableRange;
}

export interface PortableContext {
  readonly workbook: {
    readonly worksheets: {
      readonly items: PortableWorksheet[];
      load(propertyNames: string): unknown;
      getActiveWorksheet(): PortableWorksheet;
    };
    readonly names: {
      readonly items: PortableNamedItem[];
      load(propertyNames: string): unknown;
      /** [ExcelApi 1.4] reference: "=formula" or an address. */
      add(name: string, reference: string, comment?: string): PortableNamedItem;
    };
    /** The workbook's tables, for the structured references a conversion must size (tables.ts). */
    readonly tables: {
      readonly items: PortableTable[];
      load(propertyNames: string): unknown;
    };
  };
  sync(): Promise<void>;
}

/** Excel.run, or a host's equivalent (the preview's simulator). */
export type PortableRun = <T>(batch: (context: PortableContext) => Promise<T>) => Promise<T>;

// The compiler proves that Excel's own request context has everything used here.
export const officeContextIsPortable = (context: Excel.RequestContext): PortableContext => context;

/** The ExcelApi versions Make portable checks before its first request. */
export const PORTABLE_API = {
  /** Range.getSpillingToRangeOrNullObject: required. */
  spills: "1.12",
  /** Range.getSpecialCellsOrNullObject: used when present. */
  formulaCells: "1.9",
} as const;

/** Thrown before any request when Excel lacks a required API set: nothing was read or written. */
export class PortableUnsupportedError extends Error {
  readonly name = "PortableUnsupportedError";
  constructor(
    readonly version: string,
    readonly feature: "spills"
  ) {
    super(`Make portable needs ExcelApi ${version} to find the cells a formula spills into.`);
  }
}

export interface MakePortableOptions {
  /** The active sheet only, or every sheet of the workbook. */
  readonly scope: "active" | "all";
  /** Rewrite into native formulas, or replace COLLECT cells with their current values. */
  readonly mode: "native" | "freeze";
  /** Read and plan only: the summary says what a real run would do, nothing is written. */
  readonly dryRun?: boolean;
  /** Office.context.requirements.isSetSupported (the task pane passes its host's). */
  readonly isSetSupported: (name: string, minVersion: string) => boolean;
  /** At most this many cells read or written per sync (default CELLS_PER_SYNC). */
  readonly cellsPerSync?: number;
  /** At most this many bytes (estimated) per request or response (default BYTES_PER_SYNC). */
  readonly bytesPerSync?: number;
  /** A used range of at most this many cells is read whole; a larger one through its formula cells (default WHOLE_SHEET_CELLS). */
  readonly wholeSheetCells?: number;
}

/** Cells per sync at most: Microsoft advises splitting large ranges whatever their bytes. */
export const CELLS_PER_SYNC = 50_000;
/** Bytes per sync at most: half of Excel on the web's 5 MB per request and per response. */
export const BYTES_PER_SYNC = WEB_PAYLOAD_LIMIT_BYTES / 2;
/** A used range this small is read whole in one go: cheaper than finding its formula cells first. */
export const WHOLE_SHEET_CELLS = 5_000;
/** Bytes per cell read (formula and value) before any read measured it. */
const READ_BYTES_PER_CELL = 160;
/** What one range call adds to a request (object path, method, address). */
const OP_BYTES = 150;
/** The largest reference the converter reads cell by cell as constants (SCORE's metric ids). */
const CONSTANT_REF_CELLS = 64;
const LIMIT_TEXT = "5 MB";

export interface PortableSummary {
  /** Formulas rewritten into native formulas (a spilled function counts once). */
  readonly converted: number;
  /** Cells replaced by their values (freeze). */
  readonly frozen: number;
  /** Cells left untouched, with the reason (English) and `why` (reasons.ts, for any language). */
  readonly skipped: readonly { readonly sheet: string; readonly address: string; readonly reason: string; readonly why: Reason }[];
  /** The CollectKPI.* names added or updated (to be, in a dry run). */
  readonly names: readonly string[];
  /** Sheets whose cells changed (would change, in a dry run). */
  readonly sheets: readonly string[];
  /** Every sheet read, in workbook order. */
  readonly scanned: readonly string[];
}

// ---------------------------------------------------------------- cells and boxes

interface Box {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

const COLUMNS = 16_384;
const keyOf = (row: number, column: number): number => row * COLUMNS + column;
const cellAddress = (row: number, column: number): string => `${columnName(column)}${row + 1}`;
const keyAddress = (k: number): string => cellAddress(Math.floor(k / COLUMNS), k % COLUMNS);
const boxAddress = (box: Box): string => `${cellAddress(box.row, box.column)}:${cellAddress(box.row + box.rows - 1, box.column + box.columns - 1)}`;
const cellsIn = (box: Box): number => box.rows * box.columns;
const inBox = (box: Box, row: number, column: number): boolean =>
  row >= box.row && row < box.row + box.rows && column >= box.column && column < box.column + box.columns;

/** "Sheet1!B2:H30", "'M1 (2)'!A1" → the rectangle (0-based). */
function boxOf(address: string): Box {
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const [a, b = a] = local.split(":");
  const corner = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(s);
    if (!m) throw new Error(`unexpected address ${address}`);
    return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
  };
  const p = corner(a);
  const q = corner(b);
  return { row: p.row, column: p.column, rows: q.row - p.row + 1, columns: q.column - p.column + 1 };
}

/** The areas of "Sheet1!A1:B4, 'a, b'!D1:D4" (RangeAreas.address); a comma inside a quoted sheet name belongs to it. */
function areasOf(address: string): Box[] {
  const out: Box[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= address.length; i++) {
    const ch = address[i];
    if (ch === "'") quoted = !quoted;
    else if (i === address.length || (ch === "," && !quoted)) {
      const part = address.slice(start, i).trim();
      if (part !== "") out.push(boxOf(part));
      start = i + 1;
    }
  }
  return out;
}

/** Each row's runs of cells as one-row boxes. */
function runsOf(keys: Iterable<number>): Box[] {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  const out: Box[] = [];
  for (const k of sorted) {
    const row = Math.floor(k / COLUMNS);
    const column = k % COLUMNS;
    const last = out[out.length - 1];
    if (last !== undefined && last.row === row && last.column + last.columns === column) out[out.length - 1] = { ...last, columns: last.columns + 1 };
    else out.push({ row, column, rows: 1, columns: 1 });
  }
  return out;
}

/**
 * Fewer, larger boxes: boxes in reading order are merged while the merged box holds at most
 * half again the cells of its parts (plus a little), so a block of cells becomes one range call
 * and cells far apart stay separate calls.
 */
function mergeBoxes(boxes: readonly Box[]): Box[] {
  const sorted = [...boxes].sort((a, b) => a.row - b.row || a.column - b.column);
  const out: Box[] = [];
  let current: Box | undefined;
  let parts = 0;
  for (const box of sorted) {
    if (current === undefined) {
      current = box;
      parts = cellsIn(box);
      continue;
    }
    const top = Math.min(current.row, box.row);
    const left = Math.min(current.column, box.column);
    const bottom = Math.max(current.row + current.rows, box.row + box.rows);
    const right = Math.max(current.column + current.columns, box.column + box.columns);
    const merged = { row: top, column: left, rows: bottom - top, columns: right - left };
    if (cellsIn(merged) <= (parts + cellsIn(box)) * 1.5 + 32) {
      current = merged;
      parts += cellsIn(box);
    } else {
      out.push(current);
      current = box;
      parts = cellsIn(box);
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** UTF-8 bytes of a string. */

// ---------------------------------------------------------------- what is known of a sheet

interface CellRead {
  readonly formula: PortableCell;
  readonly value: PortableCell;
}

type Skip = PortableSummary["skipped"][number];

class SheetState {
  /** Cells read that are not empty, by keyOf. */
  readonly cells = new Map<number, CellRead>();
  /** Boxes read (their empty cells are known to be empty). */
  readonly known: Box[] = [];
  /** Areas getSpecialCells reported formulas in, still to read. */
  readonly formulaAreas: Box[] = [];
  /** Spill areas of the COLLECT formulas that spill, by anchor key (getSpillingToRangeOrNullObject). */
  readonly spills = new Map<number, Box>();
  /** A row Excel could not read even alone: the sheet is left as it is. */
  unreadable: string | undefined;
  /** Cells Excel refused to write even one row at a time. */
  readonly failedWrites: number[] = [];

  constructor(
    readonly sheet: PortableWorksheet,
    readonly name: string,
    /** The used range; undefined for an empty sheet. Every cell outside it is empty. */
    readonly used: Box | undefined
  ) {}

  isKnown(row: number, column: number): boolean {
    if (this.used === undefined || !inBox(this.used, row, column)) return true;
    return this.known.some((b) => inBox(b, row, column));
  }

  take(box: Box, formulas: PortableCell[][], values: PortableCell[][]): void {
    for (let r = 0; r < box.rows; r++) {
      for (let c = 0; c < box.columns; c++) {
        const formula = formulas[r]?.[c] ?? "";
        const value = values[r]?.[c] ?? "";
        const k = keyOf(box.row + r, box.column + c);
        if ((formula === "" || formula === null) && (value === "" || value === null)) this.cells.delete(k);
        else this.cells.set(k, { formula, value });
      }
    }
    this.known.push(box);
  }

  /** Keys of the cells inside a COLLECT spill area other than its anchor. */
  spilledKeys(): Set<number> {
    const out = new Set<number>();
    for (const [anchor, area] of this.spills) {
      for (let r = area.row; r < area.row + area.rows; r++) for (let c = area.column; c < area.column + area.columns; c++) if (keyOf(r, c) !== anchor) out.add(keyOf(r, c));
    }
    return out;
  }

  /** The formula cells read, in reading order (spilled cells excluded once their area is known). */
  formulaKeys(): number[] {
    const spilled = this.spilledKeys();
    return [...this.cells]
      .filter(([k, c]) => !spilled.has(k) && isFormula(c))
      .map(([k]) => k)
      .sort((a, b) => a - b);
  }

  /**
   * The cells as the converter reads them, in reading order: a cell a COLLECT formula spills
   * into has no formula ("") and its value; any other cell what `formulas` gave (a formula, or
   * the value of a constant or of a cell another formula spills into, which blocks a spill).
   */
  sheetCells(exclude: ReadonlySet<number>): SheetCell[] {
    const spilled = this.spilledKeys();
    const out: SheetCell[] = [];
    for (const k of [...this.cells.keys()].sort((a, b) => a - b)) {
      if (exclude.has(k)) continue;
      const c = this.cells.get(k) as CellRead;
      const address = keyAddress(k);
      if (spilled.has(k)) out.push({ address, formula: "", value: c.value });
      // Office.js drops the apostrophe of text typed as '=COLLECT.… (office-js#6687): such a cell
      // reads as a formula whose value is its own text. It is the user's text, never a formula:
      // keep the apostrophe so the converter sees a constant and never rewrites it.
      else if (isText(c)) out.push({ address, formula: `'${c.formula as string}`, value: c.value });
      else out.push({ address, formula: c.formula ?? "", value: c.value });
    }
    return out;
  }

  /** A cell's constant for another sheet's formula: null when empty, undefined for a formula or a cell not read. */
  constantAt(address: string): Constant | undefined {
    const { row, column } = boxOf(address);
    const k = keyOf(row, column);
    const c = this.cells.get(k);
    if (c === undefined) return this.isKnown(row, column) ? null : undefined;
    if (this.spilledKeys().has(k)) return undefined;
    if (isText(c)) return c.formula as string;
    return isFormula(c) ? undefined : c.formula === "" ? null : c.formula;
  }
}

const isFormula = (c: CellRead): boolean => typeof c.formula === "string" && c.formula.startsWith("=") && !isText(c);
const isText = (c: CellRead): boolean => typeof c.formula === "string" && c.formula.startsWith("=") && c.value === c.formula;

/** True when a formula calls a COLLECT function that returns an array (or cannot be read to tell). */
function canSpill(formula: string): boolean {
  if (!mentionsCollect(formula)) return false;
  let node: Node;
  try {
    node = parseFormula(formula);
  } catch {
    return true;
  }
  let spills = false;
  walk(node, (n) => {
    if (n.type !== "call") return;
    const fn = collectFunction(n.name);
    const entry = fn === undefined ? undefined : NATIVE[fn];
    if (entry !== undefined && (entry.spill !== undefined || entry.scalar === undefined)) spills = true;
  });
  return spills;
}

/** The KPI functions (ratio of sums): their arguments are ranges of data, never read as constants. */
const KPI_FUNCTIONS = new Set(CATALOGUE.map((m) => m.fn).filter((fn): fn is string => fn !== undefined));

/**
 * The cells a COLLECT formula may have the converter read as constants (metric ids, languages,
 * levels, SCORE's ids): the cells of the references, of at most 64 cells, given directly as
 * arguments of a COLLECT function other than a KPI function.
 */
function constantRefs(formula: string): { sheet?: string; row: number; column: number }[] {
  let node: Node;
  try {
    node = parseFormula(formula);
  } catch {
    return [];
  }
  const refs: Reference[] = [];
  walk(node, (n) => {
    if (n.type !== "call") return;
    const fn = collectFunction(n.name);
    if (fn === undefined || KPI_FUNCTIONS.has(fn)) return;
    for (let arg of n.args) {
      while (arg.type === "paren") arg = arg.expr;
      if (arg.type === "ref") refs.push(arg.ref);
    }
  });
  const out: { sheet?: string; row: number; column: number }[] = [];
  for (const ref of refs) {
    const { start, end = start, sheet } = ref;
    if (start.row === undefined || start.column === undefined || end.row === undefined || end.column === undefined) continue;
    const top = Math.min(start.row, end.row);
    const left = Math.min(start.column, end.column);
    const rows = Math.abs(end.row - start.row) + 1;
    const columns = Math.abs(end.column - start.column) + 1;
    if (rows * columns > CONSTANT_REF_CELLS) continue;
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out.push({ sheet, row: top + r, column: left + c });
  }
  return out;
}

// ---------------------------------------------------------------- syncs within a byte budget

const PAYLOAD_ERRORS = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);

function isPayloadError(error: unknown): boolean {
  return typeof error === "object" && error !== null && PAYLOAD_ERRORS.has(String((error as { code?: unknown }).code));
}

class Budget {
  /** Bytes per sync: lowered (halved) each time Excel refuses a payload. */
  bytes: number;
  readonly cells: number;
  private perCell: number | undefined;

  constructor(options: MakePortableOptions) {
    this.bytes = Math.max(1, options.bytesPerSync ?? BYTES_PER_SYNC);
    this.cells = Math.max(1, options.cellsPerSync ?? CELLS_PER_SYNC);
  }

  /** Estimated bytes per cell read: the most any read measured so far, plus a quarter. */
  get readBytesPerCell(): number {
    return this.perCell ?? READ_BYTES_PER_CELL;
  }

  observe(bytes: number, cells: number): void {
    if (cells === 0) return;
    const estimate = (bytes / cells) * 1.25 + 2;
    this.perCell = Math.max(this.perCell ?? 0, estimate);
  }
}

/** One unit of work: the requests it queues, what it does with the answer, how to cut it smaller. */
interface Job {
  /** Cells read or written. */
  readonly cells: number;
  /** Estimated bytes of its request or its response, whichever is larger. */
  bytes(): number;
  queue(): void;
  /** After the sync: false when Excel answered without the data (a large read may give null), to retry smaller. */
  done(): boolean;
  /** The same work in parts that fit `bytes` and `cells`, or undefined for one row (or one call). */
  split(bytes: number, cells: number): Job[] | undefined;
  /** It failed alone and cannot be cut: record it for the summary. */
  fail(): void;
}

/** Rows per part so that each part fits (with a tenth to spare: rows differ); at least one. */
function rowsFitting(box: Box, bytesPerCell: number, bytes: number, cells: number): number {
  const byBytes = Math.floor((0.9 * bytes - OP_BYTES) / Math.max(1, box.columns * bytesPerCell));
  const byCells = Math.floor(cells / box.columns);
  return Math.max(1, Math.min(byBytes, byCells, Math.ceil(box.rows / 2)));
}

function rowParts(box: Box, rows: number): Box[] {
  const out: Box[] = [];
  for (let r = 0; r < box.rows; r += rows) out.push({ ...box, row: box.row + r, rows: Math.min(rows, box.rows - r) });
  return out;
}

/** Runs the jobs in as few syncs as the budget allows; on a payload error, halves and retries. */
async function runJobs(context: PortableContext, jobs: readonly Job[], budget: Budget): Promise<void> {
  const pending = [...jobs];
  while (pending.length > 0) {
    const batch: Job[] = [];
    let bytes = 0;
    let cells = 0;
    while (pending.length > 0) {
      const job = pending[0];
      if (job.bytes() > budget.bytes || job.cells > budget.cells) {
        const parts = job.split(budget.bytes, budget.cells);
        if (parts !== undefined) {
          pending.splice(0, 1, ...parts);
          continue;
        }
      }
      if (batch.length > 0 && (bytes + job.bytes() > budget.bytes || cells + job.cells > budget.cells)) break;
      pending.shift();
      batch.push(job);
      bytes += job.bytes();
      cells += job.cells;
    }
    for (const job of batch) job.queue();
    let answered: boolean;
    try {
      await context.sync();
      answered = batch.map((job) => job.done()).every((ok) => ok);
    } catch (error) {
      if (!isPayloadError(error)) throw error;
      answered = false;
    }
    if (answered) continue;
    if (batch.length === 1 && batch[0].split(Math.floor(bytes / 2), budget.cells) === undefined) {
      batch[0].fail();
      continue;
    }
    // Excel refused (or gave no data): half as much per sync from now on, and this batch again.
    budget.bytes = Math.max(1, Math.floor(Math.min(budget.bytes, bytes) / 2));
    pending.unshift(...batch);
  }
}

function readJob(state: SheetState, box: Box, budget: Budget): Job {
  let range: PortableRange | undefined;
  return {
    cells: cellsIn(box),
    bytes: () => OP_BYTES + cellsIn(box) * budget.readBytesPerCell,
    queue: () => {
      range = state.sheet.getRange(boxAddress(box)).load("formulas,values");
    },
    done: () => {
      const formulas = range?.formulas;
      const values = range?.values;
      if (!Array.isArray(formulas) || !Array.isArray(values) || formulas.length !== box.rows || values.length !== box.rows) return false;
      budget.observe(payloadBytes(formulas) + payloadBytes(values), cellsIn(box));
      state.take(box, formulas, values);
      return true;
    },
    split: (bytes, cells) => (box.rows === 1 ? undefined : rowParts(box, rowsFitting(box, budget.readBytesPerCell, bytes, cells)).map((b) => readJob(state, b, budget))),
    fail: () => {
      state.unreadable ??= boxAddress(box);
    },
  };
}

/** The formula areas of `box` (getSpecialCellsOrNullObject, ExcelApi 1.9): their addresses only; readJob reads them. */
function formulaAreasJob(state: SheetState, box: Box): Job {
  let areas: PortableRangeAreas | undefined;
  return {
    cells: 0,
    bytes: () => OP_BYTES + 200,
    queue: () => {
      areas = state.sheet.getRange(boxAddress(box)).getSpecialCellsOrNullObject("Formulas").load("address");
    },
    done: () => {
      if (areas === undefined) return false;
      if (!areas.isNullObject) state.formulaAreas.push(...areasOf(areas.address));
      return true;
    },
    split: () => (box.rows === 1 ? undefined : rowParts(box, Math.ceil(box.rows / 2)).map((b) => formulaAreasJob(state, b))),
    fail: () => {
      state.unreadable ??= boxAddress(box);
    },
  };
}

/** Where each of `anchors` spills (getSpillingToRangeOrNullObject, ExcelApi 1.12). */
function spillJob(state: SheetState, anchors: readonly number[]): Job {
  let ranges: PortableRange[] = [];
  return {
    cells: 0,
    bytes: () => anchors.length * OP_BYTES,
    queue: () => {
      ranges = anchors.map((k) => state.sheet.getRange(keyAddress(k)).getSpillingToRangeOrNullObject().load("address"));
    },
    done: () => {
      ranges.forEach((r, i) => {
        if (!r.isNullObject) state.spills.set(anchors[i], boxOf(r.address));
      });
      return true;
    },
    split: () => {
      if (anchors.length === 1) return undefined;
      const half = Math.ceil(anchors.length / 2);
      return [spillJob(state, anchors.slice(0, half)), spillJob(state, anchors.slice(half))];
    },
    fail: () => {
      state.unreadable ??= keyAddress(anchors[0]);
    },
  };
}

function writeJob(state: SheetState, box: Box, changes: ReadonlyMap<number, string | number | boolean>): Job {
  const grid: PortableCell[][] = Array.from({ length: box.rows }, (_, r) =>
    Array.from({ length: box.columns }, (_, c) => changes.get(keyOf(box.row + r, box.column + c)) ?? null)
  );
  const bytes = OP_BYTES + payloadBytes(grid);
  return {
    cells: cellsIn(box),
    bytes: () => bytes,
    queue: () => {
      state.sheet.getRange(boxAddress(box)).formulas = grid;
    },
    done: () => true,
    split: (most, cells) => (box.rows === 1 ? undefined : rowParts(box, rowsFitting(box, bytes / cellsIn(box), most, cells)).map((b) => writeJob(state, b, changes))),
    fail: () => {
      for (const k of changes.keys()) if (inBox(box, Math.floor(k / COLUMNS), k % COLUMNS)) state.failedWrites.push(k);
    },
  };
}

interface NameToDefine {
  readonly name: string;
  readonly formula: string;
  readonly current: PortableNamedItem | undefined;
}

function namesJob(context: PortableContext, list: readonly NameToDefine[]): Job {
  const bytes = list.reduce((n, x) => n + 2 * OP_BYTES + utf8Bytes(x.name) + utf8Bytes(x.formula), 0);
  return {
    cells: 0,
    bytes: () => bytes,
    queue: () => {
      for (const { name, formula, current } of list) {
        current?.delete();
        context.workbook.names.add(name, formula, "CollectKPI: a part shared by the portable formulas (a benchmark lookup, red lines, metric ids or range checks); delete it and they show #NAME?").visible = false;
      }
    },
    done: () => true,
    split: () => {
      if (list.length === 1) return undefined;
      const half = Math.ceil(list.length / 2);
      return [namesJob(context, list.slice(0, half)), namesJob(context, list.slice(half))];
    },
    fail: () => {
      // A single name over 5 MB cannot happen (a native name is at most 8,192 characters): stop before any formula that would read it.
      throw new Error(`Excel refused to define the name ${list[0].name}.`);
    },
  };
}

/** Read jobs for cells not read yet, per sheet, in few boxes. */
function cellReads(needed: ReadonlyMap<SheetState, ReadonlySet<number>>, budget: Budget): Job[] {
  const jobs: Job[] = [];
  for (const [state, keys] of needed) if (keys.size > 0) for (const box of mergeBoxes(runsOf(keys))) jobs.push(readJob(state, box, budget));
  return jobs;
}

// ---------------------------------------------------------------- tables

/** The sheet name of an address as Office.js returns it ("'M1 (2)'!A4:X13" → M1 (2)). */
function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = address.slice(0, bang);
  return sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet;
}

/**
 * ConvertOptions.structuredRef over the tables as Excel gave them after the sync: the cells a
 * reference stands for (a sheet-qualified range), for a formula in `address` of `sheet`
 * ([@…] is that cell's row); undefined when the table or column is not known.
 */
function tableResolver(reads: readonly { table: PortableTable; range: PortableRange; header: PortableRange | undefined }[]): NonNullable<ConvertOptions["structuredRef"]> {
  let views: TableView<string>[] | undefined;
  const tables = (): TableView<string>[] =>
    (views ??= reads.map(({ table, range, header }) => {
      const box = boxOf(range.address);
      const names = header === undefined ? Array.from({ length: box.columns }, (_, c) => `Column${c + 1}`) : header.values[0].map((v) => String(v ?? ""));
      return {
        name: table.name,
        sheet: sheetOfAddress(range.address),
        rect: { row: box.row, column: box.column, rowCount: box.rows, columnCount: box.columns },
        hasHeaders: header !== undefined,
        showTotals: table.showTotals,
        columnNames: () => names,
      };
    }));
  return (text, sheet, address) => {
    const bare = text.startsWith("[");
    const parts = bare ? { table: undefined, brackets: text } : splitStructured(text);
    if (parts === undefined) return undefined;
    const cell = address === undefined ? undefined : boxOf(address);
    const here = cell === undefined ? undefined : { row: cell.row, column: cell.column, same: (s: string) => s.toLowerCase() === sheet.toLowerCase() };
    const found = resolveIn(tables(), parts.table, parts.brackets, here);
    if ("error" in found) return undefined;
    const corner = (row: number, column: number) => ({ row, column, absRow: true, absColumn: true });
    const { row, column, rowCount, columnCount } = found.rect;
    return { sheet: found.sheet, start: corner(row, column), ...(rowCount * columnCount > 1 ? { end: corner(row + rowCount - 1, column + columnCount - 1) } : {}) };
  };
}

// ---------------------------------------------------------------- the action

export async function makePortable(run: PortableRun, options: MakePortableOptions): Promise<PortableSummary> {
  // Before any request: without 1.12 a spilled cell cannot be told from a typed one.
  if (!options.isSetSupported("ExcelApi", PORTABLE_API.spills)) throw new PortableUnsupportedError(PORTABLE_API.spills, "spills");
  const formulaCellsApi = options.isSetSupported("ExcelApi", PORTABLE_API.formulaCells);
  return run(async (context) => {
    const budget = new Budget(options);
    const { worksheets, names, tables } = context.workbook;
    names.load("items/name,items/formula");
    tables.load("items/name,items/showTotals,items/showHeaders");
    let sheets: PortableWorksheet[];
    if (options.scope === "active") {
      const active = worksheets.getActiveWorksheet();
      active.load("name");
      sheets = [active];
    } else {
      worksheets.load("items/name");
      await context.sync();
      sheets = worksheets.items;
    }
    const used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject().load("address"));
    await context.sync();
    const states = sheets.map((sheet, i) => new SheetState(sheet, sheet.name, used[i].isNullObject ? undefined : boxOf(used[i].address)));
    const byName = new Map(states.map((s) => [s.name.toLowerCase(), s]));

    // The formula cells: a small used range whole; a larger one through its formula areas.
    const whole = options.wholeSheetCells ?? WHOLE_SHEET_CELLS;
    const first: Job[] = [];
    for (const s of states) {
      if (s.used === undefined) continue;
      first.push(formulaCellsApi && cellsIn(s.used) > whole ? formulaAreasJob(s, s.used) : readJob(s, s.used, budget));
    }
    // Where each table is and its column names, read with the first cells (no sync of its own);
    // asked only when a structured reference's size matters (tables.ts, convert.ts structuredRef).
    const tableReads = first.length === 0 ? [] : tables.items.map((t) => ({ table: t, range: t.getRange().load("address"), header: t.showHeaders ? t.getHeaderRowRange().load("values") : undefined }));
    await runJobs(context, first, budget);
    const structuredRef = tableResolver(tableReads);
    await runJobs(
      context,
      states.flatMap((s) => mergeBoxes(s.formulaAreas).map((box) => readJob(s, box, budget))),
      budget
    );

    // Workbook names as the converter resolves them: CollectBenchmarks (=IF(body="","",body), or
    // the plain range of an older workbook) → its body range.
    const nameTargets: Record<string, string> = {};
    for (const item of names.items) {
      if (typeof item.formula !== "string") continue;
      nameTargets[item.name] = benchmarksBody(item.formula)?.ref ?? item.formula.replace(/^=/, "");
    }
    const constantAt = (sheetName: string, address: string): Constant | undefined => byName.get(sheetName.toLowerCase())?.constantAt(address);

    // Where the COLLECT formulas that can spill spill, and the cells a COLLECT formula may read
    // as constants (metric ids), when not read yet.
    let pending: Job[] = [];
    const refs = new Map<SheetState, Set<number>>();
    const need = (s: SheetState, row: number, column: number): void => {
      if (s.isKnown(row, column)) return;
      let set = refs.get(s);
      if (set === undefined) refs.set(s, (set = new Set()));
      set.add(keyOf(row, column));
    };
    for (const s of states) {
      if (s.unreadable !== undefined) continue;
      const anchors: number[] = [];
      for (const k of s.formulaKeys()) {
        const formula = s.cells.get(k)?.formula as string;
        if (!mentionsCollect(formula)) continue;
        if (canSpill(formula)) anchors.push(k);
        for (const ref of constantRefs(formula)) {
          const target = ref.sheet === undefined ? s : byName.get(ref.sheet.toLowerCase());
          if (target !== undefined && target.unreadable === undefined) need(target, ref.row, ref.column);
        }
      }
      if (anchors.length > 0) pending.push(spillJob(s, anchors));
    }
    pending.push(...cellReads(refs, budget));

    // Convert. The cells a conversion would write that were not read yet (the area a spilled
    // function fills) are read with the spills, and the sheet converted again with them.
    let results: { state: SheetState; result: SheetConversion; skipped: Skip[] }[] = [];
    for (let round = 0; ; round++) {
      results = states.filter((s) => s.used !== undefined && s.unreadable === undefined).map((s) => ({ state: s, ...convertState(s, options, nameTargets, constantAt, structuredRef) }));
      const missing = new Map<SheetState, Set<number>>();
      for (const { state, result } of results) {
        for (const c of result.converted) {
          const { row, column } = boxOf(c.address);
          if (state.isKnown(row, column)) continue;
          let set = missing.get(state);
          if (set === undefined) missing.set(state, (set = new Set()));
          set.add(keyOf(row, column));
        }
      }
      pending.push(...cellReads(missing, budget));
      if (pending.length === 0) break;
      // Each round reads what the last conversion needed; a read cell stays known, so this ends.
      if (round === 5) throw new Error("Make portable: the cells to convert kept changing while they were read.");
      await runJobs(context, pending, budget);
      pending = [];
    }

    let converted = 0;
    let frozen = 0;
    const skipped: Skip[] = [];
    const needed = new Map<string, string>();
    const changedSheets: string[] = [];
    const writes: Job[] = [];
    for (const s of states) {
      if (s.unreadable !== undefined) skipped.push({ sheet: s.name, address: s.unreadable, ...because(reason("tooLargeToRead", LIMIT_TEXT)) });
    }
    for (const { state, result, skipped: own } of results) {
      converted += result.summary.converted;
      frozen += result.summary.frozen;
      skipped.push(...result.skipped.map((x) => ({ sheet: state.name, ...x })), ...own);
      for (const n of result.names) needed.set(n.name, n.formula);
      if (result.converted.length === 0) continue;
      changedSheets.push(state.name);
      const changes = new Map<number, string | number | boolean>();
      for (const c of result.converted) {
        const { row, column } = boxOf(c.address);
        changes.set(keyOf(row, column), c.formula);
      }
      for (const box of mergeBoxes(runsOf(changes.keys()))) writes.push(writeJob(state, box, changes));
    }

    // Names first, so that the formulas that read them never show #NAME?.
    const existing = new Map(names.items.map((item) => [item.name.toLowerCase(), item]));
    const defined: NameToDefine[] = [];
    for (const [name, formula] of needed) {
      if (!name.startsWith(NATIVE_NAME_PREFIX)) continue;
      const current = existing.get(name.toLowerCase());
      if (current !== undefined && sameFormula(current.formula, formula)) continue;
      defined.push({ name, formula, current });
    }
    const scanned = states.map((s) => s.name);
    const summary = (): PortableSummary => ({ converted, frozen, skipped, names: defined.map((d) => d.name), sheets: changedSheets, scanned });
    if (options.dryRun === true) return summary();

    await runJobs(context, [...(defined.length > 0 ? [namesJob(context, defined)] : []), ...writes], budget);

    // A row Excel refused even alone stays as it was: say so, and do not count its formulas.
    for (const { state } of results) {
      for (const k of state.failedWrites) {
        const c = state.cells.get(k);
        if (c !== undefined && isFormula(c) && mentionsCollect(c.formula as string)) {
          if (options.mode === "native") converted--;
          else frozen--;
        }
        skipped.push({ sheet: state.name, address: keyAddress(k), ...because(reason("tooLargeToWrite", LIMIT_TEXT)) });
      }
    }
    return summary();
  });
}

const because = (why: Reason): { reason: string; why: Reason } => ({ reason: reasonText(why), why });

/**
 * One sheet's conversion. A COLLECT formula whose spill area (as Excel reports it) reaches
 * beyond the cells the conversion would write is left as it is: writing its anchor would end
 * the spill and lose the values of the cells beyond (a spilled function inside an expression,
 * frozen, would freeze its first cell only).
 */
function convertState(
  state: SheetState,
  options: MakePortableOptions,
  names: Record<string, string>,
  constantAt: (sheet: string, address: string) => Constant | undefined,
  structuredRef: ConvertOptions["structuredRef"]
): { result: SheetConversion; skipped: Skip[] } {
  const exclude = new Set<number>();
  const skipped: Skip[] = [];
  for (;;) {
    const result = convertSheet(state.sheetCells(exclude), { sheet: state.name, mode: options.mode, names, constantAt, structuredRef });
    const written = new Set(result.converted.map((c) => {
      const { row, column } = boxOf(c.address);
      return keyOf(row, column);
    }));
    let wider = false;
    for (const [anchor, area] of state.spills) {
      if (!written.has(anchor) || exclude.has(anchor)) continue;
      let inside = true;
      for (let r = area.row; r < area.row + area.rows && inside; r++) for (let c = area.column; c < area.column + area.columns && inside; c++) inside = written.has(keyOf(r, c));
      if (inside) continue;
      exclude.add(anchor);
      skipped.push({ sheet: state.name, address: keyAddress(anchor), ...because(reason("spillWider", boxAddress(area))) });
      wider = true;
    }
    if (!wider) return { result, skipped };
  }
}

const sameFormula = (a: unknown, b: string): boolean => String(a).replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

/** A one-line account of a summary for the task pane (English; the pane localizes its own copy). */
export function describeSummary(s: PortableSummary): string {
  const parts = [`${s.converted} converted`, `${s.frozen} frozen`, `${s.skipped.length} left as they are`];
  return `${parts.join(", ")}${s.skipped.length > 0 ? `: ${s.skipped.map((x) => `${quoteSheet(x.sheet)}!${x.address}`).join(", ")}` : ""}.`;
}

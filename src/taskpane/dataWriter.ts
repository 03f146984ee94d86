/**
 * The Data tab's Excel calls: read a range of the workbook, write an import (the owned data
 * sheet with its table and names, the template sheet, the saved import), and Refresh the
 * owned table. Everything here works on rows already typed and checked by the controller:
 * nothing is written unless every row passed.
 *
 * Syncs (each action one Excel.run; a "chunk" is only added when the rows exceed one sync's
 * byte budget, BYTES_PER_SYNC = 2.5 MB, half of Excel on the web's 5 MB request limit):
 *
 *   readSource        2 syncs: (1) the selection's (or the used range's) address and size, and
 *                                  the table under the active cell; a table: (1b) its range;
 *                              (2) its values (+1 per further 2.5 MB of values). A saved address
 *                              (Refresh): (1) its sheet's used range, so rows appended below
 *                              the data count; (2) the values from the saved header row down.
 *   writeImport       3 syncs: (1) read sheet, table and workbook names and the saved imports;
 *                              (2) the data sheet, its rows, table, names, the saved import AND
 *                                  the template's own first read (insertTemplate runs inside
 *                                  this same batch, so its read rides on this sync);
 *                              (3) the template sheet. +1 per further chunk of rows (written
 *                                  before (2)).
 *   readSavedImports  1 sync.
 *   refreshImport     3 syncs: (1) find the table; (2) its range and header, and its sheet's used
 *                              range; (3) resize, rows, clear what the table gave up. +1 per further
 *                                  chunk, +1 when the table grows and the sheet uses rows below
 *                                  it (those cells are read: they must be blank).
 *
 * Cancel: the controller checks `cancelled()` before every chunk of writeImport. The data sheet
 * is new, so a cancel (or any failure) after the first chunk deletes that sheet in one more
 * sync: the workbook is left as it was. A Refresh rewrites rows in place: its writes are not
 * cancellable once they start (the pane disables Cancel then), because half a refresh would
 * mix old and new rows.
 */
import type { DatasetKind, SavedImport } from "../data/model";
import { formatAddress, parseAddress, quoteSheetName } from "../excel-sim/a1";
import { payloadBytes } from "../hosts/payload";
import type { SheetSpec } from "../templates/types";
import type { XlCellValue, XlRequestContext } from "./excelApi";
import type { Host } from "./host";
import { Action, Feature, missingRequirement } from "./requirements";
import { InsertResult, insertTemplate, uniqueSheetName } from "./writer";

/** Half of Excel on the web's 5 MB: the JSON envelope and the estimate's error stay inside. */
export const BYTES_PER_SYNC = 2_500_000;
/** The grid's last row; the header takes one, so a table holds at most this many minus one rows. */
export const GRID_ROWS = 1_048_576;
/** The workbook setting that keeps the saved imports (SavedImport[]). */
export const SETTINGS_KEY = "CollectKPI.imports";

export type DataWriterProblem =
  | { readonly code: "unsupported"; readonly version: string; readonly feature: Feature }
  /** The table name the formulas rely on is taken (an import of this kind exists). */
  | { readonly code: "alreadyImported"; readonly table: string; readonly sheet: string }
  /** A saved import whose table is gone (its sheet was deleted). */
  | { readonly code: "tableGone"; readonly table: string }
  /** The owned table's header no longer matches the columns the import writes (a user edited it). */
  | { readonly code: "tableChanged"; readonly table: string }
  /** Refresh would grow the table over cells that hold something (row is 1-based). */
  | { readonly code: "blockedBelow"; readonly table: string; readonly address: string }
  /** More rows than the grid holds. */
  | { readonly code: "tooManyRows"; readonly rows: number }
  /** The selection or the sheet holds nothing to import. */
  | { readonly code: "emptySource" };

export class DataWriterError extends Error {
  readonly name = "DataWriterError";
  constructor(readonly problem: DataWriterProblem) {
    super(problem.code);
  }
}

function requireApi(host: Host, action: Action): void {
  const missing = missingRequirement(host, action);
  if (missing !== undefined) throw new DataWriterError({ code: "unsupported", version: missing.version, feature: missing.feature });
}

/** Counts syncs of one batch. */
function counter(context: XlRequestContext): { sync: () => Promise<void>; readonly count: number } {
  let count = 0;
  return {
    sync: async () => {
      count++;
      await context.sync();
    },
    get count() {
      return count;
    },
  };
}

/** Consecutive rows whose JSON stays within `budget` bytes (at least one row per part). */
export function rowChunks(rows: readonly (readonly XlCellValue[])[], budget = BYTES_PER_SYNC): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < rows.length; r++) {
    const b = payloadBytes(rows[r]) + 1;
    if (r > start && bytes + b > budget) {
      parts.push({ start, end: r });
      start = r;
      bytes = 0;
    }
    bytes += b;
  }
  if (rows.length > start) parts.push({ start, end: rows.length });
  return parts;
}

// ---------------------------------------------------------------- reading a range

export interface SourceGrid {
  /** "Sheet1!A1:F120" */
  readonly address: string;
  /** The table read, when the source is a table (the active cell's, or a saved one). */
  readonly table?: string;
  /** Every row, the header first, as Excel's `values` give them (dates as serial numbers). */
  readonly rows: readonly (readonly XlCellValue[])[];
  readonly syncs: number;
}

/** Rows of values per read so that one response stays within the budget (about 40 bytes a cell). */
function readRowsPerSync(columns: number, budget: number): number {
  return Math.max(1, Math.floor(budget / (Math.max(1, columns) * 40)));
}

/**
 * The range to import: the selection when it spans more than one row, else the used range of
 * the active sheet (values only), or a saved "range:Sheet!A1:F99" address. Read in row chunks
 * that keep each response under the budget.
 */
export async function readSource(host: Host, from?: { readonly address: string } | { readonly table: string }, budget = BYTES_PER_SYNC): Promise<SourceGrid> {
  requireApi(host, "readData");
  return host.run(async (context) => {
    const s = counter(context);
    const wb = context.workbook;
    let full: ReturnType<typeof parseAddress>;
    let read: string;
    let tableName: string | undefined;
    if (from !== undefined && "table" in from) {
      // A saved table (Refresh): wherever it is now, at its size now.
      const table = wb.tables.getItemOrNullObject(from.table);
      await s.sync(); // 1
      if (table.isNullObject) throw new DataWriterError({ code: "tableGone", table: from.table });
      const range = table.getRange().load("address");
      await s.sync(); // 2
      full = parseAddress(range.address);
      read = range.address;
      tableName = from.table;
    } else if (from !== undefined) {
      // A saved address (Refresh): the same columns from the same header row, down to the last
      // row the sheet uses now, so rows appended below the data are read too.
      const saved = parseAddress(from.address);
      if (saved.sheet === undefined) throw new DataWriterError({ code: "emptySource" });
      const used = wb.worksheets.getItem(saved.sheet).getUsedRangeOrNullObject(true).load("address");
      await s.sync(); // 1
      const usedRect = used.isNullObject ? undefined : parseAddress(used.address);
      const bottom = usedRect === undefined ? saved.row : Math.max(saved.row, usedRect.row + usedRect.rowCount - 1);
      full = { ...saved, rowCount: bottom - saved.row + 1 };
      read = `${quoteSheetName(saved.sheet)}!${formatAddress(full)}`;
    } else {
      const selected = (wb.getSelectedRange !== undefined ? wb.getSelectedRange() : wb.getActiveCell()).load("address,rowCount,columnCount");
      const used = wb.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true).load("address,rowCount,columnCount");
      // A table under the active cell (Range.getTables, ExcelApi 1.9) is the source when one cell is selected.
      const tables = host.isSetSupported("ExcelApi", "1.9") ? wb.getActiveCell().getTables(false).load("items/name") : undefined;
      await s.sync(); // 1
      const table = selected.rowCount <= 1 ? tables?.items[0] : undefined;
      if (table !== undefined) {
        const range = table.getRange().load("address");
        await s.sync(); // 2
        full = parseAddress(range.address);
        read = range.address;
        tableName = table.name;
      } else {
        const target = selected.rowCount > 1 ? selected : used.isNullObject ? undefined : used;
        if (target === undefined || used.isNullObject) throw new DataWriterError({ code: "emptySource" });
        full = parseAddress(target.address);
        // Whole columns selected (A:D): only the rows the sheet uses.
        const usedRect = parseAddress(used.address);
        const bottom = Math.min(full.row + full.rowCount, usedRect.row + usedRect.rowCount);
        const sheetName = full.sheet;
        if (sheetName === undefined || bottom <= full.row) throw new DataWriterError({ code: "emptySource" });
        full = { ...full, rowCount: bottom - full.row };
        read = `${quoteSheetName(sheetName)}!${formatAddress(full)}`;
      }
    }
    if (full.sheet === undefined) throw new DataWriterError({ code: "emptySource" });
    if (full.rowCount > GRID_ROWS) throw new DataWriterError({ code: "tooManyRows", rows: full.rowCount - 1 });
    const sheet = wb.worksheets.getItem(full.sheet);
    const step = readRowsPerSync(full.columnCount, budget);
    const rows: XlCellValue[][] = [];
    for (let r = 0; r < full.rowCount; r += step) {
      const part = sheet.getRange(formatAddress({ row: full.row + r, column: full.column, rowCount: Math.min(step, full.rowCount - r), columnCount: full.columnCount })).load("values");
      await s.sync(); // 2, …
      rows.push(...part.values);
    }
    // Trailing blank rows of a selection are not data.
    while (rows.length > 0 && rows[rows.length - 1].every((v) => v === "" || v === null)) rows.pop();
    if (rows.length === 0) throw new DataWriterError({ code: "emptySource" });
    return { address: read, ...(tableName !== undefined ? { table: tableName } : {}), rows, syncs: s.count };
  });
}

// ---------------------------------------------------------------- saved imports

/** The saved imports of a settings value (anything else: none). */
export function parseSavedImports(value: unknown): SavedImport[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (x): x is SavedImport =>
      typeof x === "object" && x !== null && (x as SavedImport).version === 1 && typeof (x as SavedImport).table === "string" && typeof (x as SavedImport).source === "string"
  );
}

/** The saved imports whose table is still in the workbook (a deleted data sheet took its table, and its import, with it); one sync. */
export async function readSavedImports(host: Host): Promise<readonly SavedImport[]> {
  if (!host.isSetSupported("ExcelApi", "1.4")) return [];
  return host.run(async (context) => {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load("value");
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    const present = new Set(tables.items.map((t) => t.name.toLowerCase()));
    return item.isNullObject ? [] : parseSavedImports(item.value).filter((x) => present.has(x.table.toLowerCase()));
  });
}

// ---------------------------------------------------------------- writing an import

export interface OwnedColumn {
  /** Header of the table column ("Amount", in Chinese 回款金额); the structured reference uses it. */
  readonly header: string;
  /**
   * The headers Refresh accepts in its place: the column's header in every language the pane
   * speaks, so a table imported in Chinese Excel refreshes in English Excel and back.
   */
  readonly accepts?: readonly string[];
  /** The workbook name over it ("CK_Payments_Amount"). */
  readonly name: string;
  /** Number format of its body ("yyyy-mm-dd", "#,##0.00", "General"). */
  readonly numberFormat: string;
  /** Column width in points, wide enough for the header and a typical value (Excel shows #### for a date that does not fit). */
  readonly width: number;
}

export interface OwnedTable {
  readonly kind: DatasetKind;
  /** Preferred sheet name ("Payments data" / "回款数据"); a taken one gets " (2)". */
  readonly sheet: string;
  /** "CK_Payments": fixed, since the template's formulas refer to the names over its columns. */
  readonly table: string;
  readonly columns: readonly OwnedColumn[];
  /** Typed, de-duplicated rows, one value per column. */
  readonly rows: readonly (readonly XlCellValue[])[];
}

export interface WriteControl {
  /** Rows written so far of all. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked before every chunk: true stops and removes what this import added. */
  readonly cancelled?: () => boolean;
  readonly budget?: number;
}

export interface ImportTemplate {
  readonly spec: SheetSpec;
  readonly benchmarks?: SheetSpec;
}

export type WriteImportResult =
  | {
      readonly cancelled: false;
      readonly dataSheet: string;
      readonly table: string;
      readonly template?: InsertResult;
      readonly syncs: number;
    }
  | { readonly cancelled: true; readonly syncs: number };

/** The formula of a name over a table column: =CK_Payments[Amount] (brackets and quotes escaped with '). */
export function columnReference(table: string, header: string): string {
  return `=${table}[${header.replace(/(['[\]#])/g, "'$1")}]`;
}

/**
 * Writes an import: a new data sheet holding the rows as an Excel table, a workbook name per
 * column over the table column (so it follows the table), the saved import, and the template
 * sheet built from the same data (when given). See the file comment for syncs and cancel.
 */
export async function writeImport(
  host: Host,
  data: OwnedTable,
  saved: Omit<SavedImport, "dataSheet" | "table">,
  template: ImportTemplate | undefined,
  control: WriteControl = {}
): Promise<WriteImportResult> {
  requireApi(host, "writeData");
  if (data.rows.length + 1 > GRID_ROWS) throw new DataWriterError({ code: "tooManyRows", rows: data.rows.length });
  const width = data.columns.length;
  return host.run(async (context) => {
    const s = counter(context);
    const wb = context.workbook;
    const sheets = wb.worksheets.load("items/name");
    const existing = wb.tables.getItemOrNullObject(data.table);
    const names = wb.names.load("items/name,items/type");
    const setting = wb.settings.getItemOrNullObject(SETTINGS_KEY).load("value");
    await s.sync(); // 1
    if (!existing.isNullObject) {
      const existingSheet = existing.worksheet.load("name");
      await s.sync();
      throw new DataWriterError({ code: "alreadyImported", table: data.table, sheet: existingSheet.name });
    }
    const nameTypes = new Map(names.items.map((n) => [n.name.toLowerCase(), n.type]));
    const sheetName = uniqueSheetName(data.sheet, sheets.items.map((x) => x.name));
    const total = data.rows.length;
    const chunks = rowChunks(data.rows, control.budget ?? BYTES_PER_SYNC);
    let sheetAdded = false;
    const sheet = wb.worksheets.add(sheetName);
    sheet.getRange(formatAddress({ row: 0, column: 0, rowCount: 1, columnCount: width })).values = [data.columns.map((c) => c.header)];
    const undo = async (): Promise<void> => {
      // The sheet is ours (added by this import): deleting it removes every cell we wrote.
      if (!sheetAdded) return;
      wb.worksheets.getItem(sheetName).delete();
      await s.sync();
    };
    try {
      let done = 0;
      for (const [i, chunk] of chunks.entries()) {
        if (control.cancelled?.() === true) {
          if (sheetAdded) await undo();
          return { cancelled: true, syncs: s.count };
        }
        sheet.getRange(formatAddress({ row: 1 + chunk.start, column: 0, rowCount: chunk.end - chunk.start, columnCount: width })).values = data.rows
          .slice(chunk.start, chunk.end)
          .map((row) => [...row]);
        done = chunk.end;
        // The last chunk rides on the sync below with the table, names and template.
        if (i < chunks.length - 1) {
          await s.sync();
          sheetAdded = true;
          control.onProgress?.(done, total);
        }
      }
      if (control.cancelled?.() === true) {
        if (sheetAdded) await undo();
        return { cancelled: true, syncs: s.count };
      }
      const bodyRows = Math.max(total, 1);
      // One format per column as a 1×1 array: "If the argument is a single value, it will be applied
      // to all cells in the range" (Excel.Range.numberFormat reference; as [[…]], office-js-docs-reference#578).
      data.columns.forEach((c, col) => {
        if (c.numberFormat !== "General") sheet.getRange(formatAddress({ row: 1, column: col, rowCount: bodyRows, columnCount: 1 })).numberFormat = [[c.numberFormat]];
      });
      data.columns.forEach((c, col) => {
        sheet.getRange(formatAddress({ row: 0, column: col, rowCount: GRID_ROWS, columnCount: 1 })).format.columnWidth = c.width;
      });
      const table = sheet.tables.add(formatAddress({ row: 0, column: 0, rowCount: bodyRows + 1, columnCount: width }), true);
      table.name = data.table;
      sheet.freezePanes.freezeRows(1);
      for (const c of data.columns) {
        const reference = columnReference(data.table, c.header);
        // A name left from an import whose sheet was deleted (#REF!) is pointed at the new table.
        if (nameTypes.has(c.name.toLowerCase())) wb.names.getItem(c.name).formula = reference;
        else wb.names.add(c.name, reference);
      }
      const savedList = (setting.isNullObject ? [] : parseSavedImports(setting.value)).filter((x) => x.table.toLowerCase() !== data.table.toLowerCase());
      savedList.push({ ...saved, dataSheet: sheetName, table: data.table });
      wb.settings.add(SETTINGS_KEY, savedList);
      sheetAdded = true;
      let inserted: InsertResult | undefined;
      if (template !== undefined) {
        // insertTemplate runs in this batch: its first read syncs the writes queued above.
        const inner: Host = { run: (batch) => batch(context), isSetSupported: (n, v) => host.isSetSupported(n, v), displayLanguage: host.displayLanguage };
        inserted = await insertTemplate(inner, template.spec, { benchmarks: template.benchmarks });
      } else {
        await s.sync();
      }
      control.onProgress?.(total, total);
      return { cancelled: false, dataSheet: sheetName, table: data.table, ...(inserted ? { template: inserted } : {}), syncs: s.count + (inserted?.syncs ?? 0) };
    } catch (e) {
      try {
        await undo();
      } catch {
        // The original error says more.
      }
      throw e;
    }
  });
}

// ---------------------------------------------------------------- refresh

export interface RefreshResult {
  readonly sheet: string;
  readonly table: string;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly syncs: number;
}

/**
 * Rewrites the rows of the owned table of `saved` with `rows` (typed as at import): the
 * table is resized to the new count, rows it gives up are cleared, nothing outside it is
 * touched. Refuses when the header changed or the table would grow over cells holding data.
 */
export async function refreshImport(host: Host, saved: SavedImport, columns: readonly OwnedColumn[], rows: readonly (readonly XlCellValue[])[], control: WriteControl = {}): Promise<RefreshResult> {
  const headers = columns.map((c) => c.header);
  requireApi(host, "refreshData");
  if (rows.length + 1 > GRID_ROWS) throw new DataWriterError({ code: "tooManyRows", rows: rows.length });
  return host.run(async (context) => {
    const s = counter(context);
    const table = context.workbook.tables.getItemOrNullObject(saved.table);
    await s.sync(); // 1: a null object's ranges cannot be asked for in the same sync
    if (table.isNullObject) throw new DataWriterError({ code: "tableGone", table: saved.table });
    const range = table.getRange();
    range.load("address,rowCount,columnCount");
    const header = table.getHeaderRowRange().load("values");
    const sheet = table.worksheet;
    const used = sheet.getUsedRangeOrNullObject(true).load("address");
    await s.sync(); // 2
    const rect = parseAddress(range.address);
    const sheetName = rect.sheet ?? saved.dataSheet;
    const width = rect.columnCount;
    const current = header.values[0].map((v) => String(v));
    const fits = (h: string, i: number): boolean => h === headers[i] || (columns[i].accepts ?? []).includes(h);
    if (width !== headers.length || !current.every(fits)) throw new DataWriterError({ code: "tableChanged", table: saved.table });
    const oldBody = rect.rowCount - 1;
    const newBody = Math.max(rows.length, 1);
    if (newBody > oldBody && !used.isNullObject) {
      // Growing takes the rows below the table: they must be blank. Only the rows the sheet uses
      // at all are read (usually none: nothing lies below the table).
      const usedRect = parseAddress(used.address);
      const top = rect.row + rect.rowCount;
      const bottom = Math.min(rect.row + newBody, usedRect.row + usedRect.rowCount - 1);
      if (bottom >= top) {
        const below = { row: top, column: rect.column, rowCount: bottom - top + 1, columnCount: width };
        const values = sheet.getRange(formatAddress(below)).load("values");
        await s.sync(); // 3 (only when growing over used rows)
        const blockedAt = firstFilled(values.values, below);
        if (blockedAt !== undefined) throw new DataWriterError({ code: "blockedBelow", table: saved.table, address: blockedAt });
      }
    }
    if (newBody !== oldBody) table.resize(formatAddress({ row: rect.row, column: rect.column, rowCount: newBody + 1, columnCount: width }));
    if (newBody < oldBody) {
      // The rows the table gave up were the import's own: cleared (contents only).
      sheet.getRange(formatAddress({ row: rect.row + 1 + newBody, column: rect.column, rowCount: oldBody - newBody, columnCount: width })).clear("Contents");
    }
    if (rows.length === 0) sheet.getRange(formatAddress({ row: rect.row + 1, column: rect.column, rowCount: 1, columnCount: width })).clear("Contents");
    // Rows the table grew into get the columns' formats too (a date stays a date).
    if (newBody > oldBody) {
      columns.forEach((c, col) => {
        if (c.numberFormat !== "General") sheet.getRange(formatAddress({ row: rect.row + 1 + oldBody, column: rect.column + col, rowCount: newBody - oldBody, columnCount: 1 })).numberFormat = [[c.numberFormat]];
      });
    }
    const chunks = rowChunks(rows, control.budget ?? BYTES_PER_SYNC);
    for (const chunk of chunks) {
      sheet.getRange(formatAddress({ row: rect.row + 1 + chunk.start, column: rect.column, rowCount: chunk.end - chunk.start, columnCount: width })).values = rows
        .slice(chunk.start, chunk.end)
        .map((row) => [...row]);
      await s.sync();
      control.onProgress?.(chunk.end, rows.length);
    }
    if (chunks.length === 0) await s.sync();
    return { sheet: sheetName, table: saved.table, rowsBefore: oldBody, rowsAfter: rows.length, syncs: s.count };
  });
}

/** The address of the first non-blank cell of a grid read at `at`, or undefined. */
function firstFilled(values: readonly (readonly XlCellValue[])[], at: { row: number; column: number }): string | undefined {
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r].length; c++) {
      const v = values[r][c];
      if (v !== "" && v !== null) return formatAddress({ row: at.row + r, column: at.column + c, rowCount: 1, columnCount: 1 });
    }
  }
  return undefined;
}

/**
 * "Make portable" in Excel: reads the used range of the active sheet (or of every sheet),
 * converts the COLLECT formulas (convert.ts) and writes back only the cells that change, one
 * range write over the changed cells of each sheet (null leaves a cell as it is), plus the
 * hidden CollectKPI.* names the native formulas read benchmarks through. Reads and writes go
 * in row blocks of at most `cellsPerSync` cells per sync, so a large data sheet in the
 * workbook stays within Excel's request limits.
 *
 *   const summary = await makePortable((batch) => Excel.run(batch), { scope: "active", mode: "native" });
 *
 * Syncs for a workbook within one budget: 3 for the active sheet (find the used range; read
 * it; write), 4 for all sheets (list sheets first); a dry run stops before the write; each
 * further 50,000 cells read or written adds one.
 * Never touched: cells without a COLLECT call, the Benchmarks table, the CollectBenchmarks
 * name, and any name not starting with CollectKPI.
 *
 * Typed against structural interfaces that Excel.RequestContext satisfies (checked below by
 * the compiler), so the in-memory simulator can implement the same subset.
 */
import { columnIndex, columnName, quoteSheet } from "./formula";
import { Constant, NATIVE_NAME_PREFIX } from "./native";
import { ConvertedCell, SheetCell, convertSheet } from "./convert";
import type { Reason } from "./reasons";

export type PortableCell = string | number | boolean | null;

export interface PortableRange {
  /** "Sheet1!B2:H30" */
  readonly address: string;
  readonly isNullObject: boolean;
  /** What Office.js reads and writes: "=…" for formulas, else the constant; null in a written array leaves the cell unchanged. */
  formulas: PortableCell[][];
  readonly values: PortableCell[][];
  load(propertyNames: string): PortableRange;
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
  };
  sync(): Promise<void>;
}

/** Excel.run, or a host's equivalent (the preview's simulator). */
export type PortableRun = <T>(batch: (context: PortableContext) => Promise<T>) => Promise<T>;

// The compiler proves that Excel's own request context has everything used here.
export const officeContextIsPortable = (context: Excel.RequestContext): PortableContext => context;

export interface MakePortableOptions {
  /** The active sheet only, or every sheet of the workbook. */
  readonly scope: "active" | "all";
  /** Rewrite into native formulas, or replace COLLECT cells with their current values. */
  readonly mode: "native" | "freeze";
  /** Read and plan only: the summary says what a real run would do, nothing is written. */
  readonly dryRun?: boolean;
  /**
   * At most this many cells read or written per sync (default 50,000). Microsoft advises
   * splitting large ranges, and Excel on the web refuses a request or response over its
   * payload limit: a call log of 200,000 rows beside the scorecard must not break the action.
   */
  readonly cellsPerSync?: number;
}

/** Cells per sync by default: about 2 MB of formulas and values, well inside Excel on the web's 5 MB. */
export const CELLS_PER_SYNC = 50_000;

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

interface LoadedSheet {
  readonly sheet: PortableWorksheet;
  /** The used range, read in row blocks; none for an empty sheet. */
  readonly blocks: { readonly box: Box; readonly range: PortableRange }[];
}

interface Box {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

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

const cellAddress = (row: number, column: number): string => `${columnName(column)}${row + 1}`;

/** The cells of a sheet's blocks with a formula or a value (a spilled value included). */
function cellsOf(blocks: LoadedSheet["blocks"]): SheetCell[] {
  const out: SheetCell[] = [];
  for (const { box, range } of blocks) {
    const values = range.values;
    range.formulas.forEach((row, r) =>
      row.forEach((formula, c) => {
        const value = values[r]?.[c] ?? null;
        // An empty formula with a value is a cell a dynamic array spills into: freeze needs its value.
        if ((formula === "" || formula === null) && (value === "" || value === null)) return;
        // Office.js drops the apostrophe of text typed as '=COLLECT.… (office-js#6687): such a cell
        // reads as a formula whose value is its own text. It is the user's text, never a formula:
        // keep the apostrophe so the converter sees a constant and never rewrites it.
        const text = typeof formula === "string" && formula.startsWith("=") && value === formula;
        out.push({ address: cellAddress(box.row + r, box.column + c), formula: text ? `'${formula}` : (formula ?? ""), value });
      })
    );
  }
  return out;
}

/** `box` cut into row blocks of at most `cells` cells (a whole row at least). */
function rowBlocks(box: Box, cells: number): Box[] {
  const rows = Math.max(1, Math.floor(cells / box.columns));
  const out: Box[] = [];
  for (let r = 0; r < box.rows; r += rows) out.push({ ...box, row: box.row + r, rows: Math.min(rows, box.rows - r) });
  return out;
}

const boxAddress = (box: Box): string => `${cellAddress(box.row, box.column)}:${cellAddress(box.row + box.rows - 1, box.column + box.columns - 1)}`;

/** The grid to write over `box`: the new content where a cell changes, null (unchanged) elsewhere. */
function gridFor(box: Box, changes: readonly ConvertedCell[]): PortableCell[][] {
  const grid: PortableCell[][] = Array.from({ length: box.rows }, () => Array<PortableCell>(box.columns).fill(null));
  for (const c of changes) {
    const { row, column } = boxOf(c.address);
    grid[row - box.row][column - box.column] = c.formula;
  }
  return grid;
}

/** The smallest box holding every change. */
function boundingBox(changes: readonly ConvertedCell[]): Box {
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const c of changes) {
    const b = boxOf(c.address);
    top = Math.min(top, b.row);
    left = Math.min(left, b.column);
    bottom = Math.max(bottom, b.row);
    right = Math.max(right, b.column);
  }
  return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

const sameFormula = (a: unknown, b: string): boolean => String(a).replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

export async function makePortable(run: PortableRun, options: MakePortableOptions): Promise<PortableSummary> {
  return run(async (context) => {
    const { worksheets, names } = context.workbook;
    names.load("items/name,items/formula");
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
    const budget = Math.max(1, options.cellsPerSync ?? CELLS_PER_SYNC);
    const used = sheets.map((sheet) => sheet.getUsedRangeOrNullObject().load("address"));
    await context.sync();

    // Read each used range in row blocks, syncing whenever the cells queued reach the budget.
    const loaded: LoadedSheet[] = [];
    let queued = 0;
    for (let i = 0; i < sheets.length; i++) {
      const blocks: { box: Box; range: PortableRange }[] = [];
      if (!used[i].isNullObject) {
        for (const box of rowBlocks(boxOf(used[i].address), budget)) {
          if (queued > 0 && queued + box.rows * box.columns > budget) {
            await context.sync();
            queued = 0;
          }
          blocks.push({ box, range: sheets[i].getRange(boxAddress(box)).load("formulas,values") });
          queued += box.rows * box.columns;
        }
      }
      loaded.push({ sheet: sheets[i], blocks });
    }
    if (queued > 0) await context.sync();

    // Workbook names as the converter resolves them (CollectBenchmarks → its range).
    const nameTargets: Record<string, string> = {};
    for (const item of names.items) if (typeof item.formula === "string") nameTargets[item.name] = item.formula.replace(/^=/, "");

    // Constants of every loaded sheet, for metric ids read from another sheet.
    const constants = new Map<string, Map<string, Constant>>();
    const cellsBySheet = loaded.map(({ blocks }) => cellsOf(blocks));
    loaded.forEach(({ sheet }, i) => {
      const map = new Map<string, Constant>();
      for (const c of cellsBySheet[i]) if (!(typeof c.formula === "string" && c.formula.startsWith("="))) map.set(c.address, c.formula);
      constants.set(sheet.name, map);
    });
    const constantAt = (sheetName: string, address: string): Constant | undefined => {
      const map = constants.get(sheetName);
      if (map === undefined) return undefined;
      const v = map.get(address);
      return v === undefined ? null : v;
    };

    let converted = 0;
    let frozen = 0;
    const skipped: PortableSummary["skipped"][number][] = [];
    const needed = new Map<string, string>();
    const changedSheets: string[] = [];
    const writes: { cells: number; write: () => void }[] = [];
    for (let i = 0; i < loaded.length; i++) {
      const { sheet, blocks } = loaded[i];
      if (blocks.length === 0) continue;
      const result = convertSheet(cellsBySheet[i], { sheet: sheet.name, mode: options.mode, names: nameTargets, constantAt });
      converted += result.summary.converted;
      frozen += result.summary.frozen;
      skipped.push(...result.skipped.map((x) => ({ sheet: sheet.name, ...x })));
      for (const n of result.names) needed.set(n.name, n.formula);
      if (result.converted.length === 0) continue;
      changedSheets.push(sheet.name);
      // Over the changed cells only (null leaves the others as they are), in blocks within the budget.
      const whole = boundingBox(result.converted);
      for (const box of rowBlocks(whole, budget)) {
        const inBox = result.converted.filter((c) => {
          const b = boxOf(c.address);
          return b.row >= box.row && b.row < box.row + box.rows;
        });
        if (inBox.length === 0) continue;
        const grid = gridFor(box, inBox);
        writes.push({ cells: box.rows * box.columns, write: () => (sheet.getRange(boxAddress(box)).formulas = grid) });
      }
    }

    // Names first, so that the formulas that read them never show #NAME?.
    const existing = new Map(names.items.map((item) => [item.name.toLowerCase(), item]));
    const defined: string[] = [];
    for (const [name, formula] of needed) {
      if (!name.startsWith(NATIVE_NAME_PREFIX)) continue;
      const current = existing.get(name.toLowerCase());
      if (current !== undefined && sameFormula(current.formula, formula)) continue;
      defined.push(name);
      if (options.dryRun === true) continue;
      current?.delete();
      names.add(name, formula, "CollectKPI: benchmark lookup used by the portable formulas").visible = false;
    }
    const scanned = loaded.map((l) => l.sheet.name);
    if (options.dryRun === true) return { converted, frozen, skipped, names: defined, sheets: changedSheets, scanned };
    // Writes after the names, synced whenever the cells written reach the budget.
    let written = 0;
    for (const { cells, write } of writes) {
      if (written > 0 && written + cells > budget) {
        await context.sync();
        written = 0;
      }
      write();
      written += cells;
    }
    if (writes.length > 0 || defined.length > 0) await context.sync();
    return { converted, frozen, skipped, names: defined, sheets: changedSheets, scanned };
  });
}

/** A one-line account of a summary for the task pane (English; the pane localizes its own copy). */
export function describeSummary(s: PortableSummary): string {
  const parts = [`${s.converted} converted`, `${s.frozen} frozen`, `${s.skipped.length} left as they are`];
  return `${parts.join(", ")}${s.skipped.length > 0 ? `: ${s.skipped.map((x) => `${quoteSheet(x.sheet)}!${x.address}`).join(", ")}` : ""}.`;
}

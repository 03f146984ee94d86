import { ErrorCode, MetricError } from "./errors";
import { detailedError } from "./messages";

/** A value as Excel hands it to a function: blanks arrive as null, "" or 0. */
export type Cell = number | string | boolean | null | undefined;
/** A range (or a single cell / constant wrapped as [[x]]). */
export type Grid = ReadonlyArray<ReadonlyArray<Cell>>;

export function isBlank(value: Cell): boolean {
  return value === null || value === undefined || value === "";
}

/**
 * Excel's error cell as a rich value ({ type: "Error", errorType: "Div0", … }). Excel hands
 * errors inside an `any` range over this way only while allowCustomDataForDataTypeAny is on
 * (office-js#4385); CollectKPI's build turns it off (#3504), but the core still answers with
 * the cell's own error rather than "not a number" should one arrive.
 */
const RICH_ERROR_CODES: Readonly<Record<string, ErrorCode>> = { Div0: "divisionByZero", NotAvailable: "notAvailable", Num: "invalidNumber" };

/** The error a rich error cell stands for (its own code, or #VALUE!), or undefined for any other value. */
export function errorOfCell(value: unknown, param: string, row = -1, col = 0): MetricError | undefined {
  if (typeof value !== "object" || value === null || (value as { type?: unknown }).type !== "Error") return undefined;
  const code = RICH_ERROR_CODES[String((value as { errorType?: unknown }).errorType)] ?? "invalidValue";
  return detailedError(code, "errorCell", param, row, col);
}

/**
 * Sums an amount or count range. Blanks count as 0; text and booleans are #VALUE!,
 * negatives #NUM!, a sum past the largest double #NUM!.
 *
 * This is the hot path for whole-column references (1,048,576 rows), so it is a plain
 * indexed loop that allocates nothing and checks the type of each cell once.
 */
export function sumAmount(grid: Grid, param: string): number {
  let total = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number") {
        // v >= 0 is false for NaN too, so NaN never reaches the sum.
        if (v >= 0) total += v;
        else if (v === v && v < 0) throw detailedError("invalidNumber", "negative", param, r, c);
        else throw detailedError("invalidValue", "notANumber", param, r, c);
      } else if (v !== null && v !== undefined && v !== "") {
        throw errorOfCell(v, param, r, c) ?? detailedError("invalidValue", "notANumber", param, r, c);
      }
    }
  }
  if (total === Infinity) throw detailedError("invalidNumber", "tooLarge", param);
  return total;
}

/** A single number argument (a threshold, a value to grade): blank or text is refused. */
export function toNumber(value: Cell | Grid, param: string): number {
  const v = Array.isArray(value) ? singleCell(value as Grid) : (value as Cell);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (isBlank(v)) throw detailedError("invalidValue", "valueMissing", param);
  if (typeof v === "number") throw detailedError("invalidNumber", "tooLarge", param);
  throw errorOfCell(v, param) ?? detailedError("invalidValue", "notANumber", param);
}

/** An optional number: blank means "use the default". */
export function optionalNumber(value: Cell | Grid, param: string, fallback: number): number {
  const v = Array.isArray(value) ? singleCell(value as Grid) : (value as Cell);
  return isBlank(v) ? fallback : toNumber(v, param);
}

/** Text argument (metric id, language), trimmed; blank gives undefined. */
export function optionalText(value: Cell | Grid): string | undefined {
  const v = Array.isArray(value) ? singleCell(value as Grid) : (value as Cell);
  if (isBlank(v)) return undefined;
  return String(v).trim();
}

function singleCell(grid: Grid): Cell {
  return grid.length > 0 && grid[0].length > 0 ? grid[0][0] : null;
}

/** The cells of a range in reading order (row by row). */
export function cellsOf(grid: Grid): Cell[] {
  const out: Cell[] = [];
  for (const row of grid) for (const v of row) out.push(v);
  return out;
}

export function cellCount(grid: Grid): number {
  let n = 0;
  for (const row of grid) n += row.length;
  return n;
}

export function sameShape(a: Grid, b: Grid): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) if (a[r].length !== b[r].length) return false;
  return true;
}

/** A finite result, or #NUM! (never Infinity or NaN in a cell). */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw detailedError("invalidNumber", "resultTooLarge", what);
  return value === 0 ? 0 : value; // -0 shows as 0 in Excel; keep it plain
}

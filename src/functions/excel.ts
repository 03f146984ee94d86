/**
 * The bridge between the core and Excel's custom-functions runtime: core errors become
 * `CustomFunctions.Error`, nothing else ever escapes to a cell.
 */
import { ErrorCode, MetricError, SpillCell, guard } from "../core";

// Excel shows a custom message only for #VALUE! and #N/A; the others refuse one.
const MESSAGE_ALLOWED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["invalidValue", "notAvailable"]);

export function toExcelError(error: MetricError): CustomFunctions.Error {
  const code = CustomFunctions.ErrorCode[error.code];
  return MESSAGE_ALLOWED.has(error.code) ? new CustomFunctions.Error(code, error.message) : new CustomFunctions.Error(code);
}

/** The Excel error for anything a computation threw: a core error as its code, else #VALUE!. */
export function excelErrorOf(thrown: unknown): CustomFunctions.Error {
  return toExcelError(guard(() => {
    throw thrown;
  }) as MetricError);
}

/** Runs one computation; a core error is thrown as the Excel error it stands for. */
export function run<T>(compute: () => T): T {
  const result = guard(compute);
  if (result instanceof MetricError) throw toExcelError(result);
  return result;
}

/** Runs a spilling computation: errors stay in their own cells. */
export function runSpill(compute: () => SpillCell[][]): (number | CustomFunctions.Error)[][] {
  const grid = run(compute);
  return grid.map((row) => row.map((cell) => (cell instanceof MetricError ? toExcelError(cell) : cell)));
}

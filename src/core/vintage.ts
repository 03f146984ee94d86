/**
 * VINTAGE: cohort (vintage) recovery curves, issue 15. A cohort is the accounts placed in one
 * month (with an agency, or into collection); its curve is the cumulative amount recovered by
 * month k after placement ÷ the amount placed, k = 1 … m. A ratio of sums, like every KPI.
 *
 * Which months a cohort has reached: Excel desktop hands an empty cell over as 0 and the web as
 * null (src/hosts/profiles.ts), so an empty cell can never be told from a typed 0. Hence:
 *  - with `months_observed` (one whole number per cohort, e.g. =COUNT of its row), the cohort
 *    has reached exactly that many months; later cells are not read;
 *  - without it, a cohort has reached month k when its row holds something other than blank or
 *    0 in month k or later: trailing blanks and zeros are months not reached yet.
 * A month not reached is blank (""), never 0 and never an error.
 *
 * Errors stay in their own cells, as ROLLRATES' do: a text or negative amount errors its own
 * month and every later month of that cohort (the cumulative sum includes it); a bad `placed`
 * or `months_observed` errors its cohort's row; a cohort whose `placed` is 0 is #DIV/0!. Shapes
 * that do not fit, and a `pooled` that is not TRUE/FALSE, are one error for the whole call.
 */
import { MetricError } from "./errors";
import { Cell, Grid, errorOfCell, isBlank } from "./grid";
import { detailedError } from "./messages";
import type { SpillCell } from "./portfolio";

/** A cell of VINTAGE's result: a number, the error of that cell alone, or "" for a month not reached. */
export type VintageCell = SpillCell | "";

/** An amount of a cohort: blank 0, text #VALUE!, negative #NUM! (the contract's errors table). */
function amountOf(v: Cell, param: string, r: number, c: number): number | MetricError {
  if (isBlank(v)) return 0;
  if (typeof v !== "number" || Number.isNaN(v)) return errorOfCell(v, param, r, c) ?? detailedError("invalidValue", "notANumber", param, r, c);
  if (v < 0) return detailedError("invalidNumber", "negative", param, r, c);
  if (v === Infinity) return detailedError("invalidNumber", "tooLarge", param);
  return v;
}

/** TRUE/FALSE for `pooled`: left out, blank or 0 (an empty cell on Excel desktop) is FALSE; 1 is TRUE. */
export function pooledFlag(value: unknown): boolean {
  if (value === null || value === undefined || value === "" || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  throw detailedError("invalidValue", "notABoolean", "pooled");
}

/** One cell per cohort: a single column of `rows` cells (one cell when there is one cohort). */
function column(grid: Grid, param: string, rows: number): readonly Cell[] {
  const single = grid.length === 1 && grid[0].length === 1;
  if (!single && !grid.every((row) => row.length === 1)) throw detailedError("invalidValue", "oneColumn", param, rows);
  if (grid.length !== rows) throw detailedError("invalidValue", "oneColumn", param, rows);
  return grid.map((row) => row[0]);
}

/** Months a cohort has reached when months_observed is left out: up to its last cell that is neither blank nor 0. */
function lastPresent(row: readonly Cell[], months: number): number {
  for (let k = months - 1; k >= 0; k--) {
    const v = row[k];
    if (!isBlank(v) && v !== 0) return k + 1;
  }
  return 0;
}

/** months_observed of one cohort: blank 0, a whole number ≥ 0 (more than the block's months is all of them). */
function observedOf(v: Cell, r: number): number | MetricError {
  if (isBlank(v)) return 0;
  if (typeof v !== "number") return errorOfCell(v, "months_observed", r, 0) ?? detailedError("invalidValue", "monthsObserved", r);
  if (!Number.isInteger(v) || v < 0) return detailedError("invalidNumber", "monthsObserved", r);
  return v;
}

interface Cohort {
  /** Months reached (capped at the block's width). */
  readonly reached: number;
  /** The error of the whole row (placed or months_observed), if any. */
  readonly rowError?: MetricError;
  readonly placed: number;
  /** Cumulative amount recovered by month k+1, or the error of that month (and every later one). */
  readonly cumulative: readonly (number | MetricError)[];
}

function cohortOf(placedCell: Cell, row: readonly Cell[], observedCell: Cell | undefined, r: number, months: number): Cohort {
  const observed = observedCell === undefined ? lastPresent(row, months) : observedOf(observedCell, r);
  const placed = amountOf(placedCell, "placed", r, 0);
  const rowError = placed instanceof MetricError ? placed : observed instanceof MetricError ? observed : undefined;
  const reached = observed instanceof MetricError ? 0 : Math.min(observed, months);
  const cumulative: (number | MetricError)[] = [];
  let sum: number | MetricError = 0;
  for (let k = 0; k < reached; k++) {
    if (!(sum instanceof MetricError)) {
      const amount = amountOf(row[k], "recovered", r, k);
      if (amount instanceof MetricError) sum = amount;
      else {
        const next: number = sum + amount;
        sum = next === Infinity ? detailedError("invalidNumber", "tooLarge", "recovered") : next;
      }
    }
    cumulative.push(sum);
  }
  return { reached: rowError !== undefined && observed instanceof MetricError ? months : reached, rowError, placed: placed instanceof MetricError ? 0 : placed, cumulative };
}

function ratio(numerator: number, denominator: number, zero: () => MetricError): number | MetricError {
  if (denominator === 0) return zero();
  const v = numerator / denominator;
  return Number.isFinite(v) ? (v === 0 ? 0 : v) : detailedError("invalidNumber", "resultTooLarge", "the recovery curve");
}

/**
 * VINTAGE(placed, recovered, [months_observed], [pooled]).
 *  - placed: one column, the amount placed per cohort (oldest first or any order);
 *  - recovered: cohorts × months, the amount recovered in month k after placement (not cumulative);
 *  - months_observed: one column, the months each cohort has reached (see the file comment);
 *  - pooled: FALSE (default) spills cohorts × months, cell (i, k) = Σ recovered[i][1..k] / placed[i];
 *    TRUE spills one row, cell k = Σ over the cohorts that reached month k of their cumulative
 *    recovered by month k / Σ of their placed: one curve for several cohorts, a ratio of sums.
 */
export function vintage(placed: Grid, recovered: Grid, monthsObserved?: Grid | null, pooled?: unknown): VintageCell[][] {
  const pool = pooledFlag(pooled);
  const cohorts = recovered.length;
  const months = cohorts === 0 ? 0 : Math.max(...recovered.map((row) => row.length));
  if (cohorts < 1 || months < 1) throw detailedError("invalidValue", "gridTooSmall", "recovered", 1, 1);
  const placedCells = column(placed, "placed", cohorts);
  const observedCells = monthsObserved === undefined || monthsObserved === null ? undefined : column(monthsObserved, "months_observed", cohorts);
  const rows = recovered.map((row, r) => cohortOf(placedCells[r], row, observedCells?.[r], r, months));

  if (!pool) {
    return rows.map((c, r) => {
      const out: VintageCell[] = [];
      for (let k = 0; k < months; k++) {
        if (k >= c.reached) out.push("");
        else if (c.rowError !== undefined) out.push(c.rowError);
        else {
          const cum = c.cumulative[k];
          out.push(cum instanceof MetricError ? cum : ratio(cum, c.placed, () => detailedError("divisionByZero", "zeroPlaced", r)));
        }
      }
      return out;
    });
  }

  const curve: VintageCell[] = [];
  for (let k = 0; k < months; k++) {
    let numerator = 0;
    let denominator = 0;
    let reached = 0;
    let error: MetricError | undefined;
    for (const c of rows) {
      if (k >= c.reached) continue;
      reached++;
      const cum = c.rowError ?? c.cumulative[k];
      if (cum instanceof MetricError) {
        error = cum;
        break;
      }
      numerator += cum;
      denominator += c.placed;
    }
    if (reached === 0) curve.push("");
    else if (error !== undefined) curve.push(error);
    else if (numerator === Infinity || denominator === Infinity) curve.push(detailedError("invalidNumber", "tooLarge", numerator === Infinity ? "recovered" : "placed"));
    else curve.push(ratio(numerator, denominator, () => detailedError("divisionByZero", "zeroPlacedPooled", k)));
  }
  return [curve];
}

import { Metric } from "./catalogue";
import { Cell, Grid, finite, sumAmount } from "./grid";
import { detailedError } from "./messages";

/** A KPI argument: a range, or a single value when a host passes one unwrapped. */
export type Amount = Grid | Cell;

// One reusable wrapper for scalars, so a per-cell call allocates nothing.
const scalarCell: Cell[] = [null];
const scalarGrid: Cell[][] = [scalarCell];

export function sumArgument(value: Amount, param: string): number {
  if (Array.isArray(value)) return sumAmount(value as Grid, param);
  scalarCell[0] = value as Cell;
  try {
    return sumAmount(scalarGrid, param);
  } finally {
    scalarCell[0] = null;
  }
}

/**
 * A KPI as a ratio of sums: every parameter but the last is summed into the numerator,
 * the last is the denominator. A team's rate is the ratio of its sums, never the mean of
 * the rows' rates.
 */
export function computeKpi(metric: Metric, args: readonly Amount[]): number {
  const params = metric.params;
  const last = params.length - 1;
  let numerator = 0;
  for (let i = 0; i < last; i++) numerator += sumArgument(args[i], params[i]);
  const denominator = sumArgument(args[last], params[last]);
  const rate = numerator / denominator;
  // The common case (a finite rate, within [0, 1] for a proportion) returns here; kpiResult
  // holds every check that can fail, so this stays small enough to inline per cell.
  if (numerator !== Infinity && denominator !== 0 && rate < Infinity && (rate <= 1 || metric.kind !== "P")) return rate;
  return kpiResult(metric, numerator, denominator);
}

/**
 * computeKpi for the two-argument KPIs (numerator, denominator) without an argument array:
 * Excel calls these once per cell, thousands of times per sheet, and the array was the
 * only allocation left per call.
 */
export function computeKpi2(metric: Metric, numeratorArg: Amount, denominatorArg: Amount): number {
  const params = metric.params;
  if (params.length !== 2) return computeKpi(metric, [numeratorArg, denominatorArg]);
  const numerator = sumArgument(numeratorArg, params[0]);
  const denominator = sumArgument(denominatorArg, params[1]);
  const rate = numerator / denominator;
  if (numerator !== Infinity && denominator !== 0 && rate < Infinity && (rate <= 1 || metric.kind !== "P")) return rate;
  return kpiResult(metric, numerator, denominator);
}

/** The checks of computeKpi in contract order: sum overflow, zero denominator, proportion above 1, finite result. */
function kpiResult(metric: Metric, numerator: number, denominator: number): number {
  const params = metric.params;
  const last = params.length - 1;
  if (numerator === Infinity) throw detailedError("invalidNumber", "tooLarge", params.slice(0, last).join(" + "));
  if (denominator === 0) throw detailedError("divisionByZero", "zeroDenominator", params[last]);
  const rate = numerator / denominator;
  if (metric.kind === "P" && rate > 1) {
    // Tolerate the last bit of floating-point noise (0.1 + 0.2 over 0.3), refuse real excess.
    if (rate > 1 + 1e-12) {
      throw detailedError("invalidNumber", "proportionAbove1", params.slice(0, last).join(" + "), params[last]);
    }
    return 1;
  }
  return finite(rate, metric.id);
}

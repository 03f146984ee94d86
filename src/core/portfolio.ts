import { MetricError } from "./errors";
import { Cell, Grid, isBlank } from "./grid";
import { detailedError } from "./messages";

/** A spilled result: each cell a number or the error of that cell alone. */
export type SpillCell = number | MetricError;

/** A balance or rate from a grid: blank is 0, text #VALUE!, negative #NUM!. */
function cellAmount(v: Cell, param: string, r: number, c: number): number | MetricError {
  if (isBlank(v)) return 0;
  if (typeof v !== "number" || Number.isNaN(v)) return detailedError("invalidValue", "notANumber", param, r, c);
  if (v < 0) return detailedError("invalidNumber", "negative", param, r, c);
  if (v === Infinity) return detailedError("invalidNumber", "tooLarge", param);
  return v;
}

/**
 * ROLLRATES(balances): month × bucket balances (oldest month first; current, M1, M2, …)
 * to a (months−1) × (buckets−1) grid, cell (t, n) = balances[t+1][n+1] / balances[t][n].
 * A bad or zero denominator errors only its own cell, so one empty bucket does not hide
 * the rest of the analysis.
 */
export function rollRates(balances: Grid): SpillCell[][] {
  const months = balances.length;
  const buckets = months === 0 ? 0 : Math.min(...balances.map((row) => row.length));
  if (months < 2 || buckets < 2) throw detailedError("invalidValue", "gridTooSmall", "balances", 2, 2);
  const out: SpillCell[][] = [];
  for (let t = 0; t < months - 1; t++) {
    const row: SpillCell[] = [];
    for (let n = 0; n < buckets - 1; n++) {
      const prior = cellAmount(balances[t][n], "balances", t, n);
      const next = cellAmount(balances[t + 1][n + 1], "balances", t + 1, n + 1);
      if (next instanceof MetricError) row.push(next);
      else if (prior instanceof MetricError) row.push(prior);
      else if (prior === 0) row.push(detailedError("divisionByZero", "zeroBalance", t, n));
      else {
        const rate = next / prior;
        row.push(Number.isFinite(rate) ? rate : detailedError("invalidNumber", "rollRateTooLarge"));
      }
    }
    out.push(row);
  }
  return out;
}

/**
 * LOSSFACTORS(roll_rates): one row (or column) of roll rates r1..rk to loss factors,
 * factor i = r_i × … × r_k, the share of bucket i expected to reach write-off. The result
 * keeps the orientation of the input. A bad rate errors its own factor and every factor
 * before it (their products include it), never the ones after.
 */
export function lossFactors(rollRatesGrid: Grid): SpillCell[][] {
  const isRow = rollRatesGrid.length === 1;
  const isColumn = rollRatesGrid.length > 1 && rollRatesGrid.every((row) => row.length === 1);
  if (!isRow && !isColumn) throw detailedError("invalidValue", "notARow", "roll_rates");
  const rates = isRow ? [...rollRatesGrid[0]] : rollRatesGrid.map((row) => row[0]);
  if (rates.length === 0) throw detailedError("invalidValue", "gridTooSmall", "roll_rates", 1, 1);
  const factors: SpillCell[] = new Array(rates.length);
  let product: number | MetricError = 1;
  for (let i = rates.length - 1; i >= 0; i--) {
    const rate = cellAmount(rates[i], "roll_rates", isRow ? 0 : i, isRow ? i : 0);
    if (!(product instanceof MetricError)) {
      if (rate instanceof MetricError) product = rate;
      else {
        const next: number = product * rate;
        product = Number.isFinite(next) ? next : detailedError("invalidNumber", "lossFactorTooLarge");
      }
    }
    factors[i] = product;
  }
  return isRow ? [factors] : factors.map((f) => [f]);
}

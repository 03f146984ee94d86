import { Benchmarks } from "./benchmarks";
import { Cell, Grid, isBlank, sameShape } from "./grid";
import { reaches, scoreAgainst } from "./grading";
import { detailedError } from "./messages";

/**
 * SCORE(metrics, values, weights, [benchmarks]): Σ wᵢ·KPISCOREᵢ / Σ wᵢ over same-shaped
 * ranges, with the red-line veto (一票否决): a red-line metric that misses its target
 * makes the composite 0, because a team that hits recovery by breaking the rules must
 * not score well. Cells whose metric is blank (empty, "" or 0) are skipped.
 */
export function score(metrics: Grid, values: Grid, weights: Grid, table?: Grid | null): number {
  if (!sameShape(metrics, values)) throw detailedError("invalidValue", "shapesDiffer", "metrics", "values");
  if (!sameShape(metrics, weights)) throw detailedError("invalidValue", "shapesDiffer", "metrics", "weights");
  const benchmarks = new Benchmarks(table);
  // Σ w·s / Σ w is the same when every weight is divided by the largest one; dividing keeps
  // tiny weights (5e-324) from losing their digits and huge ones (1e308 each) from overflowing.
  const scale = largestWeight(metrics, weights);
  let weighted = 0;
  let totalWeight = 0;
  let vetoed = false;
  for (let r = 0; r < metrics.length; r++) {
    const metricRow = metrics[r];
    for (let c = 0; c < metricRow.length; c++) {
      const id = metricRow[c];
      if (blankMetric(id)) continue;
      const b = benchmarks.ofId(id, "metrics");
      const value = values[r][c];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        if (isBlank(value)) throw detailedError("invalidValue", "scoreValueMissing", b.metric.id);
        throw typeof value !== "number" ? detailedError("invalidValue", "notANumber", "values", r, c) : detailedError("invalidNumber", "tooLarge", "values");
      }
      if (value < 0) throw detailedError("invalidNumber", "negative", "values", r, c);
      const w = weights[r][c];
      let weight = 0;
      if (typeof w === "number") weight = w;
      else if (!isBlank(w)) throw detailedError("invalidValue", "notANumber", "weights", r, c);
      if (!(weight >= 0) || !Number.isFinite(weight)) throw detailedError("invalidNumber", "weightNegative");
      weight /= scale;
      const s = scoreAgainst(b, value);
      if (b.redLine) {
        const target = b.meets ?? b.excellent;
        if (target !== undefined && !reaches(b, value, target)) vetoed = true;
      }
      weighted += weight * s;
      totalWeight += weight;
    }
  }
  if (totalWeight === 0) throw detailedError("divisionByZero", "weightsZero");
  if (!Number.isFinite(totalWeight) || !Number.isFinite(weighted)) throw detailedError("invalidNumber", "resultTooLarge", "SCORE");
  if (vetoed) return 0;
  const result = weighted / totalWeight;
  // Rounding noise must not push a composite of 120s above the cap.
  return Math.min(120, result);
}

/**
 * A metric id cell that is blank: empty, "", or 0. Excel desktop hands an empty cell inside
 * a range argument over as 0, where Excel on the web hands over null (OfficeDev/office-js
 * issues 4702, 5262, 1951); a metric id is never the number 0.
 */
function blankMetric(id: Cell): boolean {
  // By type first: `id === 0` on a string would be a generic comparison, once per cell.
  return typeof id === "string" ? id.length === 0 : id === null || id === undefined || id === 0;
}

/** The largest valid weight of a scored (non-blank metric) cell; 1 when there is none. */
function largestWeight(metrics: Grid, weights: Grid): number {
  let largest = 0;
  for (let r = 0; r < metrics.length; r++) {
    for (let c = 0; c < metrics[r].length; c++) {
      const w = weights[r][c];
      if (typeof w === "number" && w > largest && w !== Infinity && !blankMetric(metrics[r][c])) largest = w;
    }
  }
  return largest > 0 ? largest : 1;
}

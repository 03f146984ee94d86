/**
 * Item 2: per-cell calls. 100,000 calls with single-cell arguments ([[x]]), as a sheet of
 * per-collector formulas makes them, against a bare division.
 *
 * Excel's runtime calls every custom function through one generic dispatch path, so the
 * calls go through a call site that has seen every KPI function (megamorphic): the JIT
 * cannot inline our wrapper into the caller's loop and hide its cost. The "bare division"
 * is a custom function `(a, b) => a[0][0] / b[0][0]` called through the same site: the
 * least any function can cost per call.
 */
import type { ExcelFunction } from "./bundle";
import type { Grid } from "./data";
import { allocatedBytes, allocationBaseline, median, timeInterleaved } from "./measure";

function dispatch(f: ExcelFunction, a: Grid, b: Grid): number {
  return f(a, b);
}

function callAll(f: ExcelFunction, nums: Grid[], dens: Grid[], out: Float64Array): Float64Array {
  for (let i = 0; i < nums.length; i++) out[i] = dispatch(f, nums[i], dens[i]);
  return out;
}

const bareDivision: ExcelFunction = (a: Grid, b: Grid): number => a[0][0] / b[0][0];

export interface PerCellRow {
  readonly fn: string;
  readonly calls: number;
  readonly oursMs: number;
  readonly bareMs: number;
  readonly callsPerSecond: number;
  readonly bareCallsPerSecond: number;
  readonly oursPerBare: number;
  /** Heap bytes per call beyond what the bare division allocates (its result). */
  readonly extraBytesPerCall: number;
}

export function perCell(
  fns: Map<string, ExcelFunction>,
  data: { numerators: Grid[]; denominators: Grid[] },
  names: readonly string[],
  kpiNames: readonly string[],
  runs: number
): PerCellRow[] {
  const { numerators, denominators } = data;
  const calls = numerators.length;
  const out = new Float64Array(calls);
  // Make the dispatch site megamorphic, as it is in Excel's runtime.
  for (const name of kpiNames) for (let i = 0; i < 200; i++) dispatch(fns.get(name) as ExcelFunction, numerators[i], denominators[i]);
  for (let i = 0; i < 200; i++) dispatch(bareDivision, numerators[i], denominators[i]);

  const rows: PerCellRow[] = [];
  const baseline = allocationBaseline();
  for (const fn of names) {
    const f = fns.get(fn) as ExcelFunction;
    const t = timeInterleaved(
      { ours: () => callAll(f, numerators, denominators, out)[0], bare: () => callAll(bareDivision, numerators, denominators, out)[0] },
      runs
    );
    const allocation = (g: ExcelFunction): number => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) samples.push(allocatedBytes(() => callAll(g, numerators, denominators, out)[0]) - baseline);
      return median(samples);
    };
    const extra = (allocation(f) - allocation(bareDivision)) / calls;
    rows.push({
      fn,
      calls,
      oursMs: t.ours.ms,
      bareMs: t.bare.ms,
      callsPerSecond: calls / (t.ours.ms / 1000),
      bareCallsPerSecond: calls / (t.bare.ms / 1000),
      oursPerBare: t.ours.ms / t.bare.ms,
      extraBytesPerCall: Math.max(0, extra),
    });
  }
  return rows;
}

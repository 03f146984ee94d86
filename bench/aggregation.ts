/**
 * Items 1 and 4: whole-column aggregation. Every KPI function over 1,048,576 × 1 ranges,
 * against the limit (a bare loop summing the same arrays and dividing) and the peer
 * (HyperFormula recalculating =SUM(A1:A1048576)/SUM(B1:B1048576) over the same numbers).
 */
import { CATALOGUE } from "../src/core/catalogue";
import type { ExcelFunction } from "./bundle";
import type { ColumnData, Grid } from "./data";
import { allocatedBytes, allocationBaseline, median, timeInterleaved } from "./measure";

/** The limit: no checks, no blanks, just the sum. */
function bareSum(grid: Grid): number {
  let total = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < row.length; c++) total += row[c];
  }
  return total;
}

export interface AggregationRow {
  readonly fn: string;
  readonly args: number;
  readonly oursMs: number;
  readonly limitMs: number;
  readonly oursPerLimit: number;
  /** Filled in by the peer stage. */
  peerMs?: number;
  oursPerPeer?: number;
  readonly result: number;
}

/** KPI functions in catalogue order: the two-argument ones, then CUMRECOVERY. */
export function kpiFunctions(): { fn: string; args: number }[] {
  return CATALOGUE.filter((m) => m.fn !== undefined).map((m) => ({ fn: m.fn as string, args: m.params.length }));
}

function argumentsOf(args: number, data: ColumnData): Grid[] {
  return args === 2
    ? [data.numeratorRange, data.denominatorRange]
    : [data.numeratorRange, data.historicalRange, data.denominatorRange];
}

export function aggregation(fns: Map<string, ExcelFunction>, data: ColumnData, runs: number): AggregationRow[] {
  const rows: AggregationRow[] = [];
  const X = data.numeratorRange;
  const Y = data.denominatorRange;
  const H = data.historicalRange;
  const limit2 = (): number => bareSum(X) / bareSum(Y);
  const limit3 = (): number => (bareSum(X) + bareSum(H)) / bareSum(Y);
  for (const { fn, args } of kpiFunctions()) {
    const f = fns.get(fn);
    if (f === undefined) throw new Error(`functions.js did not register ${fn}`);
    const argv = argumentsOf(args, data);
    const ours = (): number => f(...argv);
    const t = timeInterleaved({ ours, limit: args === 2 ? limit2 : limit3 }, runs);
    rows.push({
      fn,
      args,
      oursMs: t.ours.ms,
      limitMs: t.limit.ms,
      oursPerLimit: t.ours.ms / t.limit.ms,
      result: ours(),
    });
  }
  return rows;
}

export interface MemoryResult {
  /** Bytes allocated during one whole-column call (an upper bound on its peak extra heap), by function. */
  readonly bytesByFunction: Record<string, number>;
  readonly maxBytes: number;
  /** The size of the input ranges, for scale: a copy would cost at least this much. */
  readonly inputBytesPerRange: number;
}

/** Item 4: heap allocated by one 1,048,576-row call, measuring overhead subtracted. */
export function memory(fns: Map<string, ExcelFunction>, data: ColumnData): MemoryResult {
  const baseline = allocationBaseline();
  const bytesByFunction: Record<string, number> = {};
  for (const { fn, args } of kpiFunctions().filter((k) => ["RECOVERYRATE", "COMPLIANCE", "CUMRECOVERY"].includes(k.fn))) {
    const f = fns.get(fn) as ExcelFunction;
    const argv = argumentsOf(args, data);
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) samples.push(Math.max(0, allocatedBytes(() => f(...argv)) - baseline));
    bytesByFunction[fn] = median(samples);
  }
  // The smallest copy of one column: one double per row.
  return { bytesByFunction, maxBytes: Math.max(...Object.values(bytesByFunction)), inputBytesPerRange: data.rows * 8 };
}

/**
 * Item 3: scorecards. SCORE over 10,000 collectors × 8 metrics, ROLLRATES over 120 months
 * × 8 buckets, CONTACTBREACHES over a 1,000,000-call log, each against its floor.
 */
import { findMetric } from "../src/core/catalogue";
import type { ExcelFunction } from "./bundle";
import type { CallLog, Grid, ScorecardData } from "./data";
import { timeInterleaved } from "./measure";

export interface ScorecardRow {
  readonly name: string;
  readonly what: string;
  readonly oursMs: number;
  readonly floorMs: number;
  readonly floor: string;
  readonly oursPerFloor: number;
  /** The target ratio, where the issue sets one. */
  readonly target?: number;
  readonly result?: unknown;
}

/** Same call site for every function, as in Excel's runtime (see percell.ts). */
function dispatch4(f: ExcelFunction, a: unknown, b: unknown, c: unknown, d: unknown): unknown {
  return d === undefined ? f(a, b, c) : f(a, b, c, d);
}

/**
 * The floor of SCORE: the same weighted sum of 完成率法 scores with the red-line veto,
 * thresholds looked up once in advance, no validation. Given `tables` (one Benchmarks copy
 * per collector), it also reads what any exact SCORE must read of each fresh copy: its row
 * count, and each row's length and Metric ID compared with the first copy's (ids decide which
 * row is whose, and which are duplicates), and nothing else.
 */
function bareScoreLoop(data: ScorecardData, tables?: Grid[]): (rows: Grid[]) => number {
  const ids = data.metricsRow[0] as string[];
  const weights = data.weightsRow[0] as number[];
  const targets = ids.map((id) => {
    const m = findMetric(id);
    if (!m) throw new Error(id);
    return (m.meets ?? m.excellent) as number;
  });
  const higher = ids.map((id) => findMetric(id)?.direction === "higher");
  const redLine = ids.map((id) => findMetric(id)?.redLine === true);
  const first = tables?.[0] ?? [];
  const widths = first.map((row) => row.length);
  const firstIds = first.map((row) => row[0]);
  return (rows) => {
    let total = 0;
    for (let r = 0; r < rows.length; r++) {
      if (tables !== undefined) {
        const table = tables[r];
        if (table.length !== firstIds.length) return NaN;
        for (let i = 0; i < firstIds.length; i++) if (table[i].length !== widths[i] || table[i][0] !== firstIds[i]) return NaN;
      }
      const values = rows[r][0];
      let weighted = 0;
      let weightSum = 0;
      let vetoed = false;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        const t = targets[c];
        let s = higher[c] ? (100 * v) / t : v === 0 ? 120 : (100 * t) / v;
        s = s > 120 ? 120 : s < 0 ? 0 : s;
        if (redLine[c] && (higher[c] ? v < t : v > t)) vetoed = true;
        weighted += weights[c] * s;
        weightSum += weights[c];
      }
      total += vetoed ? 0 : weighted / weightSum;
    }
    return total;
  };
}

export function scorecards(
  fns: Map<string, ExcelFunction>,
  score: ScorecardData,
  balances: Grid,
  makeLog: () => CallLog,
  runs: number,
  progress: (s: string) => void
): ScorecardRow[] {
  const rows: ScorecardRow[] = [];
  const SCORE = fns.get("SCORE") as ExcelFunction;
  const ROLLRATES = fns.get("ROLLRATES") as ExcelFunction;
  const CONTACTBREACHES = fns.get("CONTACTBREACHES") as ExcelFunction;
  // Excel hands every SCORE cell a fresh copy of the Benchmarks range (new arrays, equal
  // content, strings from a JSON message), so each collector gets its own deep copy, made
  // here, outside the timed runs: the same arrays twice can never be why a call is fast.
  const tables: Grid[] = [];
  const tableText = JSON.stringify(score.benchmarks);
  for (let r = 0; r < score.collectors; r++) tables.push(JSON.parse(tableText) as Grid);
  // Warm the shared call site with every shape it will see.
  for (let i = 0; i < 50; i++) {
    dispatch4(SCORE, score.metricsRow, score.valueRows[i], score.weightsRow, undefined);
    dispatch4(SCORE, score.metricsRow, score.valueRows[i], score.weightsRow, tables[i]);
    dispatch4((a: unknown, b: unknown, c: unknown) => [a, b, c], 1, 2, 3, undefined);
  }

  // SCORE, one call per collector (the scorecard template's column of SCORE formulas).
  // A sweep of 10,000 collectors takes about a millisecond, so each timed run is SWEEPS sweeps.
  const SWEEPS = 5;
  const bare = bareScoreLoop(score);
  const bareReadingIds = bareScoreLoop(score, tables);
  /** SWEEPS sweeps of one SCORE call per collector: collector r with `copies[r]`, or no table. */
  const perCollector = (copies: Grid[] | undefined) => (): number => {
    let total = 0;
    for (let k = 0; k < SWEEPS; k++) {
      for (let r = 0; r < score.collectors; r++) {
        total += dispatch4(SCORE, score.metricsRow, score.valueRows[r], score.weightsRow, copies === undefined ? undefined : copies[r]) as number;
      }
    }
    return total;
  };
  const sweeps = (f: () => unknown) => (): unknown => {
    let x: unknown;
    for (let k = 0; k < SWEEPS; k++) x = f();
    return x;
  };
  progress("SCORE");
  const s = timeInterleaved(
    {
      defaults: perCollector(undefined),
      table: perCollector(tables),
      grid: sweeps(() => SCORE(score.metricsGrid, score.valuesGrid, score.weightsGrid)),
      bare: sweeps(() => bare(score.valueRows)),
      bareIds: sweeps(() => bareReadingIds(score.valueRows)),
    },
    runs
  );
  for (const key of Object.keys(s)) (s as Record<string, { ms: number }>)[key] = { ms: s[key].ms / SWEEPS };
  const floor = "bare weighted-sum loop";
  rows.push({
    name: "SCORE",
    what: `${score.collectors.toLocaleString("en")} calls of 1 × 8 (one per collector), default benchmarks`,
    oursMs: s.defaults.ms, floorMs: s.bare.ms, floor, oursPerFloor: s.defaults.ms / s.bare.ms, target: 3,
    result: perCollector(undefined)() / SWEEPS,
  });
  rows.push({
    name: "SCORE",
    what: `${score.collectors.toLocaleString("en")} calls of 1 × 8, with the Benchmarks table (${score.benchmarks.length} rows)`,
    oursMs: s.table.ms, floorMs: s.bare.ms, floor, oursPerFloor: s.table.ms / s.bare.ms, target: 3,
    result: perCollector(tables)() / SWEEPS,
  });
  // No target: how far the table case is from the least any exact call must read of its copy.
  rows.push({
    name: "SCORE",
    what: "the same, against only reading each copy's row lengths and ids",
    oursMs: s.table.ms, floorMs: s.bareIds.ms, floor: "bare loop + each copy's row lengths and ids", oursPerFloor: s.table.ms / s.bareIds.ms,
    result: bareReadingIds(score.valueRows),
  });
  tables.length = 0; // 10,000 copies: let them go before the timings that collect garbage
  rows.push({
    name: "SCORE",
    what: `one call over ${score.collectors.toLocaleString("en")} × 8`,
    oursMs: s.grid.ms, floorMs: s.bare.ms, floor, oursPerFloor: s.grid.ms / s.bare.ms, target: 3,
    result: SCORE(score.metricsGrid, score.valuesGrid, score.weightsGrid),
  });

  // ROLLRATES: one small grid, so time a batch of calls.
  progress("ROLLRATES");
  const repeat = 200;
  const bareRoll = (b: Grid): number[][] => {
    const out: number[][] = [];
    for (let t = 0; t + 1 < b.length; t++) {
      const row: number[] = [];
      for (let n = 0; n + 1 < b[t].length; n++) row.push(b[t + 1][n + 1] / b[t][n]);
      out.push(row);
    }
    return out;
  };
  const rr = timeInterleaved(
    {
      ours: () => { let x: unknown; for (let i = 0; i < repeat; i++) x = ROLLRATES(balances); return x; },
      bare: () => { let x: unknown; for (let i = 0; i < repeat; i++) x = bareRoll(balances); return x; },
    },
    runs
  );
  rows.push({
    name: "ROLLRATES",
    what: `${balances.length} months × ${balances[0].length} buckets (per call)`,
    oursMs: rr.ours.ms / repeat, floorMs: rr.bare.ms / repeat, floor: "bare loop of divisions", oursPerFloor: rr.ours.ms / rr.bare.ms,
  });

  // CONTACTBREACHES against sorting the same (id, time) pairs: the n log n floor of grouping by debtor and day.
  progress("CONTACTBREACHES: generating the call log");
  const log = makeLog(); // only now, so the SCORE timings above collect garbage in a small heap
  progress("CONTACTBREACHES");
  const byDebtorThenTime = (p: { id: string; time: number }, q: { id: string; time: number }): number =>
    p.id < q.id ? -1 : p.id > q.id ? 1 : p.time - q.time;
  const cb = timeInterleaved(
    {
      ours: () => CONTACTBREACHES(log.debtorIds, log.callTimes),
      sort: () => log.pairs.slice().sort(byDebtorThenTime).length,
    },
    Math.max(3, Math.ceil(runs / 2)),
    1
  );
  rows.push({
    name: "CONTACTBREACHES",
    what: `${log.calls.toLocaleString("en")} calls in random order`,
    oursMs: cb.ours.ms, floorMs: cb.sort.ms, floor: "Array.prototype.sort of the (id, time) pairs", oursPerFloor: cb.ours.ms / cb.sort.ms, target: 3,
    result: CONTACTBREACHES(log.debtorIds, log.callTimes),
  });
  return rows;
}

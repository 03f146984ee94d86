/**
 * Bench data, deterministic (seeded) so that every run and every candidate sees the same
 * numbers. Ranges are made by JSON.parse of JSON text: the custom-functions runtime
 * receives its arguments as a JSON message, so these are arrays of the kind Excel hands
 * a function (one small array per row, numbers as SMIs or doubles as they come).
 */
import { CATALOGUE } from "../src/core/catalogue";

export type Grid = any[][];

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A column as Excel hands it over: number[][] with one cell per row. */
export function asColumn(values: ArrayLike<number | string>): Grid {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = `[${JSON.stringify(values[i])}]`;
  return JSON.parse(`[${parts.join(",")}]`) as Grid;
}

export const EXCEL_ROWS = 1_048_576;

/** Whole-column data: amounts in cents; numerator ≤ denominator row by row (valid for proportions). */
export interface ColumnData {
  readonly rows: number;
  /** Raw values, for the HyperFormula peer workbook. */
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
  readonly historical: Float64Array;
  /** The same values as Excel ranges. */
  readonly numeratorRange: Grid;
  readonly denominatorRange: Grid;
  readonly historicalRange: Grid;
}

export function columnData(rows = EXCEL_ROWS, seed = 7): ColumnData {
  const random = rng(seed);
  const numerator = new Float64Array(rows);
  const denominator = new Float64Array(rows);
  const historical = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const due = Math.round(random() * 5_000_000) / 100; // up to 50,000.00
    denominator[i] = due;
    numerator[i] = Math.floor(due * random() * 100) / 100;
    historical[i] = Math.floor((due - numerator[i]) * random() * 100) / 100;
  }
  return {
    rows,
    numerator,
    denominator,
    historical,
    numeratorRange: asColumn(numerator),
    denominatorRange: asColumn(denominator),
    historicalRange: asColumn(historical),
  };
}

/** Single-cell arguments ([[x]]), one fresh pair per call, as a sheet of per-row formulas passes them. */
export function perCellData(calls: number, seed = 11): { numerators: Grid[]; denominators: Grid[] } {
  const random = rng(seed);
  const nums: string[] = [];
  const dens: string[] = [];
  for (let i = 0; i < calls; i++) {
    const due = Math.round(1 + random() * 5_000_000) / 100;
    dens.push(`[[${due}]]`);
    nums.push(`[[${Math.floor(due * random() * 100) / 100}]]`);
  }
  return { numerators: JSON.parse(`[${nums.join(",")}]`), denominators: JSON.parse(`[${dens.join(",")}]`) };
}

/** The balanced scorecard's eight metrics (metrics.md section 5) and their weights. */
export const SCORECARD_METRICS = [
  "recovery_achievement",
  "cumulative_recovery",
  "effective_talk_ratio",
  "first_contact_timeliness",
  "compliance_pass_rate",
  "complaint_rate",
  "per_capita_recovery",
  "avg_handling_days",
] as const;
export const SCORECARD_WEIGHTS = [25, 10, 10, 10, 15, 10, 10, 10];

/** A plausible value of each metric around its benchmark; a few compliance misses trigger the veto. */
function sampleValue(metric: string, random: () => number): number {
  switch (metric) {
    case "recovery_achievement": return 0.5 + random() * 0.9;
    case "cumulative_recovery": return 0.3 + random() * 0.5;
    case "effective_talk_ratio": return 0.4 + random() * 0.4;
    case "first_contact_timeliness": return 0.9 + random() * 0.1;
    case "compliance_pass_rate": return 0.97 + random() * 0.03;
    case "complaint_rate": return random() * 0.006;
    case "per_capita_recovery": return Math.round(40_000 + random() * 150_000);
    case "avg_handling_days": return Math.round((2 + random() * 8) * 10) / 10;
    default: return random();
  }
}

export interface ScorecardData {
  readonly collectors: number;
  /** The header row of metric ids (1 × 8), shared by every collector's SCORE. */
  readonly metricsRow: Grid;
  readonly weightsRow: Grid;
  /** One 1 × 8 values row per collector. */
  readonly valueRows: Grid[];
  /** The same values as one collectors × 8 grid, with ids and weights repeated to match. */
  readonly valuesGrid: Grid;
  readonly metricsGrid: Grid;
  readonly weightsGrid: Grid;
  /** The Benchmarks table body with the built-in defaults (metrics.md section 3 columns). */
  readonly benchmarks: Grid;
}

export function scorecardData(collectors = 10_000, seed = 13): ScorecardData {
  const random = rng(seed);
  const rows: number[][] = [];
  for (let r = 0; r < collectors; r++) rows.push(SCORECARD_METRICS.map((m) => sampleValue(m, random)));
  const ids = JSON.stringify([...SCORECARD_METRICS]);
  const weights = JSON.stringify(SCORECARD_WEIGHTS);
  const benchmarks = CATALOGUE.map((m) => [
    m.id, m.name.en, m.direction, m.meets ?? "", m.excellent ?? "", m.unit.en, m.redLine, m.source.en,
  ]);
  return {
    collectors,
    metricsRow: JSON.parse(`[${ids}]`),
    weightsRow: JSON.parse(`[${weights}]`),
    valueRows: rows.map((row) => JSON.parse(`[${JSON.stringify(row)}]`)),
    valuesGrid: JSON.parse(JSON.stringify(rows)),
    metricsGrid: JSON.parse(`[${new Array(collectors).fill(ids).join(",")}]`),
    weightsGrid: JSON.parse(`[${new Array(collectors).fill(weights).join(",")}]`),
    benchmarks: JSON.parse(JSON.stringify(benchmarks)),
  };
}

/** Month-end balances, months × buckets (current, M1, …, write-off), oldest month first. */
export function balancesData(months = 120, buckets = 8, seed = 17): Grid {
  const random = rng(seed);
  const rows: number[][] = [];
  for (let t = 0; t < months; t++) {
    const row: number[] = [];
    let balance = 50_000_000 * (0.8 + random() * 0.4);
    for (let n = 0; n < buckets; n++) {
      row.push(Math.round(balance * 100) / 100);
      balance *= 0.05 + random() * 0.6;
    }
    rows.push(row);
  }
  return JSON.parse(JSON.stringify(rows));
}

export interface CallLog {
  readonly calls: number;
  readonly debtorIds: Grid;
  readonly callTimes: Grid;
  /** The same calls as (id, time) pairs, for the sorting floor. */
  readonly pairs: { id: string; time: number }[];
}

/**
 * A month of outbound calls in random order: 50,000 debtors, a fifth of the calls on 2,000
 * "hot" debtors (so many debtor-days exceed 3 calls), times spread over the whole day (so
 * a share falls in quiet hours). Times are Excel date-time serials.
 */
export function callLog(calls = 1_000_000, seed = 19): CallLog {
  const random = rng(seed);
  const ids: string[] = new Array(calls);
  const times: number[] = new Array(calls);
  const firstDay = 45_658; // 2025-01-01
  for (let i = 0; i < calls; i++) {
    const hot = random() < 0.2;
    const debtor = hot ? Math.floor(random() * 2_000) : 2_000 + Math.floor(random() * 48_000);
    const day = firstDay + Math.floor(random() * 30);
    const second = Math.floor(random() * 86_400);
    ids[i] = `D${String(debtor).padStart(6, "0")}`;
    times[i] = day + second / 86_400;
  }
  const debtorIds = asColumn(ids);
  const callTimes = asColumn(times);
  const pairs = ids.map((id, i) => ({ id: debtorIds[i][0] as string, time: times[i] }));
  return { calls, debtorIds, callTimes, pairs };
}

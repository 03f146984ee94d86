/**
 * Raw rows for the SQL engines and what the core says about them (issue 17).
 *
 * A dataset is typed twice through the import's own steps: row by row (every record, the
 * duplicates included, each with its source row as row_no) for the engines, which must drop the
 * duplicates themselves; and as a whole (typeRows drops them) for aggregate.ts. The expected KPIs
 * come from aggregate.ts's inputs through the core's computeKpi, grade, kpiScore and score: what
 * the COLLECT functions give on the same sums in the workbook.
 */
import { type AggregateOptions, type AggregateRow, type DatasetKind, type Datasets, type FieldId, type RawCell, type RawTable, type RecordOf, type TypedTable, aggregate, suggestMapping, typeRows } from "../../../src/data";
import { MetricError, computeKpi, grade, kpiScore, score, scoreGrade } from "../../../src/core";
import type { Cell } from "../../../src/core";
import { type BenchmarkSeed, type DialectName, PARAM_INPUT, type SqlOptions, type SqlOutput, type SqlValue, defaultBenchmarks, defaultWeights, rawColumns, serialToIso, sqlLiteral, sqlMetrics } from "../../../src/sql";
import { rawTable } from "../data/load";

export interface RawSet<K extends DatasetKind = DatasetKind> {
  readonly kind: K;
  /** Every row as typed on its own: duplicates kept, `row` is the source row. */
  readonly records: readonly RecordOf[K][];
  /** The import's result: duplicates dropped. */
  readonly typed: TypedTable<K>;
}

export type RawSets = { readonly [K in DatasetKind]?: RawSet<K> };

export function rawSet<K extends DatasetKind>(kind: K, table: RawTable): RawSet<K> {
  const mapping = suggestMapping(kind, table.headers);
  const whole = typeRows(kind, table, mapping);
  if (!whole.ok) throw new Error(`${kind}: ${JSON.stringify(whole.problems)}`);
  const records: RecordOf[K][] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const one = typeRows(kind, { headers: table.headers, rows: [table.rows[i]], sourceRows: [table.sourceRows[i]], blankLines: 0 }, mapping);
    if (one.ok && one.table.records.length === 1) records.push(one.table.records[0]);
  }
  return { kind, records, typed: whole.table };
}

/** The shipped English fixtures (test/fixtures/raw, written by scripts/fixtures.js). */
export async function fixtureSets(): Promise<RawSets> {
  return {
    cases: rawSet("cases", await rawTable("cases.en.csv")),
    payments: rawSet("payments", await rawTable("payments.en.csv")),
    calls: rawSet("calls", await rawTable("calls.en.csv")),
  };
}

/** The generator's options for these tables: their mapped fields, nothing else. */
export function sqlOptions(sets: RawSets, extra: SqlOptions = {}): SqlOptions {
  const fields: Partial<Record<DatasetKind, readonly FieldId[] | false>> = {};
  for (const kind of ["cases", "payments", "calls"] as const) fields[kind] = sets[kind]?.typed.mapped ?? false;
  return { ...extra, fields };
}

function recordValue(rec: Record<string, unknown>, field: FieldId): SqlValue {
  switch (field) {
    case "placedOn":
    case "paidOn":
      return { date: serialToIso(rec[field] as number).date };
    case "calledAt":
      return { timestamp: serialToIso(rec[field] as number).timestamp };
    case "balance":
    case "target":
    case "amount": {
      const cents = rec[`${field}Cents`] as number | undefined;
      return cents === undefined ? null : (cents / 100).toFixed(2) === "-0.00" ? 0 : Number((cents / 100).toFixed(2));
    }
    default:
      return rec[field] as SqlValue;
  }
}

/** INSERT statements (500 rows each) loading a set's records, duplicates included, into its raw table. */
export function insertStatements(dialect: DialectName, set: RawSet, options: SqlOptions): string[] {
  const cols = rawColumns(set.kind, options);
  const out: string[] = [];
  for (let i = 0; i < set.records.length; i += 500) {
    const rows = set.records.slice(i, i + 500).map((r) => {
      const rec = r as unknown as Record<string, unknown>;
      return `(${cols.map((c) => sqlLiteral(dialect, c.field === undefined ? rec.row as number : recordValue(rec, c.field))).join(", ")})`;
    });
    // One line for ClickHouse: clickhouse-client reads an INSERT's VALUES up to the end of the line.
    const nl = dialect === "clickhouse" ? " " : "\n";
    out.push(`INSERT INTO ${set.kind} (${cols.map((c) => c.name).join(", ")}) VALUES${nl}${rows.join(`,${nl}`)}`);
  }
  return out;
}

export function datasets(sets: RawSets): Datasets {
  return { cases: sets.cases?.typed, payments: sets.payments?.typed, calls: sets.calls?.typed };
}

// ---- what the core says ------------------------------------------------------------------------

export interface KpiRow {
  readonly collector: string;
  /** "YYYY-MM". */
  readonly month: string;
  readonly group?: string;
  readonly inputs: Readonly<Record<string, number>>;
  /** metric id → value (null when the function gives an error), its reason, grade and score. */
  readonly metrics: Readonly<Record<string, { value: number | null; reason: string | null; grade: string | null; score: number | null }>>;
  readonly score: number | null;
  readonly scoreGrade: string | null;
}

/** The SQL reason for a core error: the error table of metrics.md in words. */
function reasonOf(e: unknown): string {
  if (!(e instanceof MetricError)) throw e;
  if (e.code === "divisionByZero") return "zero denominator";
  if (e.detail?.key === "proportionAbove1") return "above 1";
  if (e.detail?.key === "negative") return "negative";
  return e.detail?.key ?? e.code;
}

const attempt = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch (e) {
    if (e instanceof MetricError) return null;
    throw e;
  }
};

const INPUT_SQL: Readonly<Record<string, string>> = {
  recovered: "recovered", assigned: "assigned", outstanding: "outstanding", target: "target", attempts: "attempts",
  contacted: "contacted", rightParty: "right_party", promises: "promises", totalTalk: "total_talk", effectiveTalk: "effective_talk",
};

/**
 * A team's own benchmarks and weights: contact coverage made a red line (so the composite is
 * vetoed where coverage misses 0.95), thresholds for the metrics the article gives none (one
 * direction written in Chinese, as the Benchmarks sheet allows), other weights.
 */
export const OVERRIDES: Required<Pick<SqlOptions, "benchmarks" | "weights">> = {
  benchmarks: defaultBenchmarks().map((b): BenchmarkSeed => {
    switch (b.metric) {
      case "contact_coverage": return { ...b, redLine: true };
      case "ptp_rate": return { ...b, meets: 0.5, excellent: 0.8 };
      case "rpc_rate": return { ...b, direction: "越高越好", meets: 0.3 };
      case "recovery_achievement": return { ...b, meets: 0.9, excellent: 1.1 };
      default: return b;
    }
  }),
  weights: [
    { metric: "recovery_achievement", weight: 40 }, { metric: "contact_coverage", weight: 20 }, { metric: "ptp_rate", weight: 20 },
    { metric: "rpc_rate", weight: 10 }, { metric: "effective_talk_ratio", weight: 10 },
  ],
};

/** Seed rows as the Benchmarks sheet's body, for the core. */
function benchmarkGrid(rows: readonly BenchmarkSeed[]): Cell[][] {
  return rows.map((b) => [b.metric, b.name ?? null, b.direction ?? null, b.meets ?? null, b.excellent ?? null, b.unit ?? null, b.redLine ?? null, b.source ?? null]);
}

/** aggregate.ts's rows with every computed metric through the core, for one output view of the generator. */
export function coreKpis(data: Datasets, out: SqlOutput, seed: Pick<SqlOptions, "benchmarks" | "weights"> = {}): KpiRow[] {
  const table = seed.benchmarks === undefined ? undefined : benchmarkGrid(seed.benchmarks);
  const rows: AggregateRow[] = [];
  if (out.group === "stage") {
    for (const [stage, label] of [["m1", "M1"], ["m2m3", "M2-M3"], ["m4plus", "M4+"]] as const) {
      rows.push(...aggregate(data, { stage }).rows.map((r) => ({ ...r, group: label })));
    }
  } else {
    const options: AggregateOptions = out.group === undefined ? {} : { by: out.group };
    rows.push(...aggregate(data, options).rows);
  }
  const metrics = sqlMetrics().filter((m) => out.metrics.includes(m.id));
  const weights = seed.weights ?? defaultWeights();
  return rows.map((r) => {
    const inputs: Record<string, number> = {};
    for (const i of out.inputs) inputs[INPUT_SQL[i]] = r.values[i] as number;
    const ms: Record<string, { value: number | null; reason: string | null; grade: string | null; score: number | null }> = {};
    for (const m of metrics) {
      let value: number | null = null;
      let reason: string | null = null;
      try {
        value = computeKpi(m, m.params.map((p) => r.values[PARAM_INPUT[p]] as number));
      } catch (e) {
        reason = reasonOf(e);
      }
      ms[m.id] = {
        value,
        reason,
        grade: value === null ? null : attempt(() => grade(m.id, value, table)),
        score: value === null ? null : attempt(() => kpiScore(m.id, value, table)),
      };
    }
    const w = weights.filter((x) => out.metrics.includes(x.metric));
    const composite = w.length < weights.length ? null : attempt(() => score([w.map((x) => x.metric)], [w.map((x) => ms[x.metric].value)], [w.map((x) => x.weight)], table));
    return {
      collector: r.collector,
      month: r.month,
      ...(r.group === undefined ? {} : { group: r.group }),
      inputs,
      metrics: ms,
      score: composite,
      scoreGrade: composite === null ? null : scoreGrade(composite),
    };
  });
}

/** An engine's rows of a KPI view, keyed as the core's: collector without case, "YYYY-MM", group without case. */
export function engineKpis(rows: readonly Record<string, unknown>[], out: SqlOutput): KpiRow[] {
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => {
    const inputs: Record<string, number> = {};
    for (const i of out.inputs) inputs[INPUT_SQL[i]] = Number(r[INPUT_SQL[i]]);
    const metrics: Record<string, KpiRow["metrics"][string]> = {};
    for (const id of out.metrics) {
      metrics[id] = { value: n(r[id]), reason: s(r[`${id}_reason`]), grade: s(r[`${id}_grade`]), score: n(r[`${id}_score`]) };
    }
    return {
      collector: String(r.collector),
      month: String(r.month).slice(0, 7),
      ...(out.group === undefined ? {} : { group: String(r[out.group]) }),
      inputs,
      metrics,
      score: n(r.score),
      scoreGrade: s(r.score_grade),
    };
  });
}

const keyOf = (r: KpiRow) => `${r.collector.toLowerCase()}|${r.month}|${(r.group ?? "").toLowerCase()}`;

/** Engine rows against core rows: same keys, same spelling, inputs and values to 12 digits, same reasons, grades and bands. */
export function expectSameKpis(engine: readonly KpiRow[], core: readonly KpiRow[]): void {
  const byKey = new Map(engine.map((r) => [keyOf(r), r]));
  expect([...byKey.keys()].sort()).toEqual(core.map(keyOf).sort());
  for (const c of core) {
    const e = byKey.get(keyOf(c)) as KpiRow;
    const where = keyOf(c);
    expect({ where, collector: e.collector, group: e.group }).toEqual({ where, collector: c.collector, group: c.group });
    for (const [k, v] of Object.entries(c.inputs)) {
      if (Math.abs(e.inputs[k] - v) > 1e-9 * Math.max(1, Math.abs(v))) throw new Error(`${where} ${k}: engine ${e.inputs[k]}, core ${v}`);
    }
    for (const [id, m] of Object.entries(c.metrics)) {
      const got = e.metrics[id];
      expect({ where, id, reason: got.reason, grade: got.grade, valueNull: got.value === null, scoreNull: got.score === null }).toEqual({
        where, id, reason: m.reason, grade: m.grade, valueNull: m.value === null, scoreNull: m.score === null,
      });
      if (m.value !== null) expect(got.value as number).toBeCloseTo(m.value, 12);
      if (m.score !== null) expect(got.score as number).toBeCloseTo(m.score, 9);
    }
    expect({ where, scoreNull: e.score === null, band: e.scoreGrade }).toEqual({ where, scoreNull: c.score === null, band: c.scoreGrade });
    if (c.score !== null) expect(e.score as number).toBeCloseTo(c.score, 9);
  }
}

/** The generated data must reach every branch: each reason, each SCOREGRADE band, a NULL composite. */
export function expectVariety(rows: readonly KpiRow[]): void {
  const reasons = new Set(rows.flatMap((r) => Object.values(r.metrics).map((m) => m.reason)));
  expect([...reasons].sort()).toEqual(["above 1", "negative", "zero denominator", null].sort());
  const bands = new Set(rows.map((r) => r.scoreGrade));
  expect([...bands].map(String).sort()).toEqual(["Excellent", "Fail", "Good", "Pass", "null"]);
}

// ---- a larger generated data set ----------------------------------------------------------------

// mulberry32 from scripts/rawdata.js (the fixtures' and the bench's): the same seed gives the same rows on every machine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prng } = require("../../../scripts/rawdata.js") as { prng: (seed: number) => () => number };

const csvTable = (headers: string[], rows: string[][]): RawTable => ({ headers, rows: rows as RawCell[][], sourceRows: rows.map((_, i) => i + 2), blankLines: 0 });
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Deterministic cases, payments and calls over 12 collectors (each spelled two ways: "Agent 03"
 * and "AGENT 03"), two months, stages from dpd, agencies and products with blanks, refunds,
 * repeated payment and call ids, repeated case rows, blank ids, ties in call time.
 */
export function generatedSets(calls: number, seed = 17, stageFrom: "dpd" | "bucket" = "dpd"): RawSets {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const agents = Array.from({ length: 12 }, (_, i) => `Agent ${pad(i + 1)}`);
  const spell = (a: string) => (rnd() < 0.2 ? a.toUpperCase() : a);
  const agencies = ["Huaxin", "huaxin", "Zhengyuan", ""];
  const products = ["Credit card", "Consumer loan", ""];
  const months = ["2026-10", "2026-11"];
  const accounts = Array.from({ length: 400 }, (_, i) => ({ id: `A${1000 + i}`, agent: agents[i % agents.length], dpd: Math.floor(rnd() * 150) }));
  // Bucket texts in the forms stageOf reads (and some it reads as no stage).
  const BUCKETS = ["M1", "m2", "M3阶段", "M4+", "M6+", "31-60", "90+", "1~30", "0-30", " M 2 ", "C", "M0", "", "current"];
  const stageCell = (dpd: number) => (stageFrom === "dpd" ? String(dpd) : BUCKETS[dpd % BUCKETS.length]);
  const caseRows: string[][] = [];
  for (const a of accounts) {
    for (const m of months) {
      if (rnd() < 0.3) continue;
      const row = [a.id, spell(a.agent), `${m}-${pad(1 + Math.floor(rnd() * 28))}`, (rnd() * 20000).toFixed(2), (rnd() * 4000).toFixed(2), stageCell(a.dpd), pick(agencies), pick(products)];
      caseRows.push(row);
      if (rnd() < 0.05) caseRows.push([...row.slice(0, 3), "1.00", "1.00", ...row.slice(5)]); // same account, collector, month: dropped
    }
  }
  const payRows: string[][] = [];
  for (let i = 0; i < calls / 10; i++) {
    const a = pick(accounts);
    const dup = rnd() < 0.05 && i > 0;
    const id = rnd() < 0.05 ? "" : `P${dup ? i - 1 : i}`;
    const refund = rnd() < 0.03;
    const amount = refund ? `-${(rnd() * 300).toFixed(2)}` : (rnd() * 3000).toFixed(2);
    // Refunds booked under their own product: that group's recovered is negative.
    payRows.push([id, a.id, spell(a.agent), amount, `${pick(months)}-${pad(1 + Math.floor(rnd() * 28))}`, stageCell(a.dpd), pick(agencies), refund ? "Write-back" : pick(products)]);
  }
  const callRows: string[][] = [];
  for (let i = 0; i < calls; i++) {
    // Mostly calls on an account placed with the collector that month; a few elsewhere, so some
    // collector-months reach more accounts than they were assigned (contact coverage above 1).
    const placed = rnd() < 0.97 ? pick(caseRows) : undefined;
    const a = placed === undefined ? pick(accounts) : (accounts.find((x) => x.id === placed[0]) as (typeof accounts)[number]);
    const month = placed === undefined ? pick(months) : placed[2].slice(0, 7);
    const dup = rnd() < 0.01 && i > 0;
    const id = rnd() < 0.02 ? "" : `C${dup ? i - 1 : i}`;
    const connected = rnd() < 0.12;
    const rpc = connected && rnd() < 0.6;
    const ptp = rpc && rnd() < 0.4;
    // Few distinct times, so an account's first connected call of a month often ties on time.
    const at = `${month}-${pad(1 + Math.floor(rnd() * 3))} ${pad(9 + Math.floor(rnd() * 2))}:00:00`;
    const dpd = rnd() < 0.05 ? "" : stageCell(a.dpd + Math.floor(rnd() * 5));
    callRows.push([id, spell(a.agent), a.id, at, connected ? String(5 + Math.floor(rnd() * 300)) : "0", connected ? "Y" : "N", rpc ? "Y" : "N", ptp ? "Y" : "N", dpd, pick(agencies), pick(products)]);
  }
  const stageHeader = stageFrom === "dpd" ? "DPD" : "Bucket";
  return {
    cases: rawSet("cases", csvTable(["Case ID", "Collector", "Placement Date", "Balance", "Target", stageHeader, "Agency", "Product"], caseRows)),
    payments: rawSet("payments", csvTable(["Payment ID", "Account", "Agent", "Payment Amount", "Payment Date", stageHeader, "Agency", "Product"], payRows)),
    calls: rawSet("calls", csvTable(["Call ID", "Agent", "Account", "Call Time", "Duration (s)", "Connected", "RPC", "PTP", stageHeader, "Agency", "Product"], callRows)),
  };
}

/**
 * The metric catalogue as SQL (issue 17): one script per dialect that takes the raw exports of
 * the Data import (cases, payments, calls, in canonical columns), drops duplicates and
 * aggregates them per collector × month (and per stage, agency, product) exactly as
 * src/data/aggregate.ts does, then computes every catalogue KPI those inputs can feed as a ratio
 * of sums, grades and scores it against a benchmarks table, and forms the composite SCORE.
 * Generated from the catalogue records (src/core), never written per metric. Core layer: no
 * Office, no DOM, no Node. docs/sql.md describes the schema and the conventions.
 */
import { CATALOGUE, type Metric } from "../core/catalogue";
import { SCORE_BANDS, SCORE_CAP } from "../core/grading";
import { type DataInput, INPUT_SOURCE, inputAvailable } from "../data/aggregate";
import type { DatasetKind, FieldId } from "../data/model";
import { DATASET_KINDS, FIELDS } from "../data/schema";
import { SCORECARD } from "../templates/teams";
import { type ClusterOptions, type ColumnType, DIALECT, type Dialect, type DialectName } from "./dialect";

export interface SqlOptions {
  /**
   * The optional columns each raw table has (as the import's FieldIds), like the mapped fields
   * of a TypedTable; required fields are always there. Default: every field of every dataset.
   * A dataset set to an empty list has only its required columns; `false` leaves it out.
   */
  readonly fields?: Partial<Record<DatasetKind, readonly FieldId[] | false>>;
  /** "create": CREATE TABLE IF NOT EXISTS for the raw tables (default); "expect": they exist. */
  readonly tables?: "create" | "expect";
  /** Recreate the benchmarks and weights tables with the catalogue defaults (default true). */
  readonly seed?: boolean;
  /** The benchmark rows to seed (default: the catalogue's defaults, one row per metric; blanks NULL). */
  readonly benchmarks?: readonly BenchmarkSeed[];
  /** The composite's metrics and weights to seed (default: defaultWeights()). */
  readonly weights?: readonly { readonly metric: string; readonly weight: number }[];
  /** ClickHouse: raw tables as <name>_local on every shard plus a Distributed <name> over them. */
  readonly cluster?: ClusterOptions;
}

/** One row of the benchmarks table, as the Benchmarks sheet has it. */
export interface BenchmarkSeed {
  readonly metric: string;
  readonly name?: string;
  readonly direction?: string;
  readonly meets?: number;
  readonly excellent?: number;
  readonly unit?: string;
  readonly redLine?: boolean;
  readonly source?: string;
}

/** The catalogue's default benchmarks as seed rows (metrics.md section 4; a blank stays NULL). */
export function defaultBenchmarks(): BenchmarkSeed[] {
  return CATALOGUE.map((m) => ({
    metric: m.id, name: m.name.en, direction: m.direction, ...(m.meets === undefined ? {} : { meets: m.meets }),
    ...(m.excellent === undefined ? {} : { excellent: m.excellent }), unit: m.unit.en, redLine: m.redLine, source: m.source.en,
  }));
}

/** The script in parts, so that a caller can run the raw-table DDL on every server of a cluster. */
export interface SqlScript {
  readonly dialect: DialectName;
  /** CREATE TABLE for cases, payments, calls (empty with tables: "expect"). */
  readonly tables: readonly string[];
  /** benchmarks and weights, recreated and seeded (empty with seed: false). */
  readonly seed: readonly string[];
  /** DROP VIEW … then CREATE VIEW … for every view, in dependency order. */
  readonly views: readonly string[];
  /** The KPI views: unsplit first ("kpi"), then per stage, agency, product where the data allows. */
  readonly outputs: readonly SqlOutput[];
}

export interface SqlOutput {
  readonly view: string;
  /** The split column after collector and month (absent for "kpi"). */
  readonly group?: "stage" | "agency" | "product";
  readonly inputs: readonly DataInput[];
  readonly metrics: readonly string[];
}

// ---- the raw tables ----------------------------------------------------------------------

/** Canonical column names of the raw tables (snake_case of the import's FieldIds). */
export const COLUMN: Readonly<Record<FieldId, string>> = {
  collector: "collector", account: "account", agency: "agency", product: "product", dpd: "dpd", bucket: "bucket",
  placedOn: "placed_on", balance: "balance", target: "target",
  paymentId: "payment_id", amount: "amount", paidOn: "paid_on",
  callId: "call_id", calledAt: "called_at", duration: "duration", connected: "connected", rightParty: "right_party", promise: "promise",
};

const FIELD_TYPE: Readonly<Record<FieldId, ColumnType>> = {
  collector: "text", account: "text", agency: "text", product: "text", dpd: "double", bucket: "text",
  placedOn: "date", balance: "money", target: "money",
  paymentId: "text", amount: "money", paidOn: "date",
  callId: "text", calledAt: "timestamp", duration: "double", connected: "flag", rightParty: "flag", promise: "flag",
};

/** The columns of a raw table under the options: row_no, then the fields in FIELDS order. */
export function rawColumns(kind: DatasetKind, options: SqlOptions = {}): { field?: FieldId; name: string; type: ColumnType; required: boolean }[] {
  const present = presentFields(options)[kind];
  if (present === undefined) return [];
  return [
    { name: "row_no", type: "bigint", required: true },
    ...FIELDS[kind].filter((d) => present.includes(d.id)).map((d) => ({ field: d.id, name: COLUMN[d.id], type: FIELD_TYPE[d.id], required: d.required })),
  ];
}

function presentFields(options: SqlOptions): Partial<Record<DatasetKind, readonly FieldId[]>> {
  const out: Partial<Record<DatasetKind, readonly FieldId[]>> = {};
  for (const kind of DATASET_KINDS) {
    const given = options.fields === undefined ? undefined : options.fields[kind];
    if (options.fields !== undefined && given === undefined) continue;
    if (given === false) continue;
    const all = FIELDS[kind];
    out[kind] = given === undefined ? all.map((d) => d.id) : all.filter((d) => d.required || given.includes(d.id)).map((d) => d.id);
  }
  return out;
}

// ---- which metrics the raw data feeds --------------------------------------------------------

/**
 * Catalogue parameter → the Data import input that supplies it. A metric is computed when
 * every one of its parameters has an input here; the others (cumulative_recovery needs
 * historical recoveries, compliance_pass_rate needs QA results, …) need typed inputs.
 */
export const PARAM_INPUT: Readonly<Record<string, DataInput>> = {
  recovered: "recovered",
  target: "target",
  contacted: "contacted",
  assigned: "assigned",
  promises: "promises",
  right_party_contacts: "rightParty",
  attempts: "attempts",
  effective_talk: "effectiveTalk",
  total_talk: "totalTalk",
};

/** SQL column of each input (money in yuan, talk in minutes, counts). */
export const INPUT_COLUMN: Readonly<Record<DataInput, string>> = {
  recovered: "recovered", assigned: "assigned", outstanding: "outstanding", target: "target", attempts: "attempts",
  contacted: "contacted", rightParty: "right_party", promises: "promises", totalTalk: "total_talk", effectiveTalk: "effective_talk",
};

/** The catalogue metrics the raw data model can feed, in catalogue order. */
export function sqlMetrics(): Metric[] {
  return CATALOGUE.filter((m) => m.fn !== undefined && m.params.length > 0 && m.params.every((p) => PARAM_INPUT[p] !== undefined));
}

/** Metrics with a KPI function that need inputs the raw exports do not carry. */
export function typedOnlyMetrics(): Metric[] {
  const computed = new Set(sqlMetrics());
  return CATALOGUE.filter((m) => m.fn !== undefined && !computed.has(m));
}

/**
 * The composite's default weights: the balanced scorecard's weight (src/templates/teams.ts
 * SCORECARD) for a computed metric on it, the scorecard's 10 for the others; only metrics with a
 * default threshold, since a composite over a metric without one has no score (KPISCORE #N/A).
 */
export function defaultWeights(): { metric: string; weight: number }[] {
  return sqlMetrics()
    .filter((m) => m.meets !== undefined || m.excellent !== undefined)
    .map((m) => {
      const i = SCORECARD.kpis.findIndex((k) => k.metric === m.id);
      return { metric: m.id, weight: i >= 0 && SCORECARD.weights !== undefined ? SCORECARD.weights[i] : 10 };
    });
}

// ---- generation --------------------------------------------------------------------------------

type Split = "none" | "stage" | "agency" | "product";
const SPLITS: readonly Split[] = ["none", "stage", "agency", "product"];
const STAGE = { m1: "M1", m2m3: "M2-M3", m4plus: "M4+" } as const;
/** Dataset order in the union: the first spelling of a collector is looked for in cases, then payments, then calls (as aggregate.ts meets them). */
const DATASET_ORDER: Readonly<Record<DatasetKind, number>> = { cases: 0, payments: 1, calls: 2 };
const ORD_STRIDE = "1000000000000"; // row_no below 10^12

export function generateSqlScript(dialectName: DialectName, options: SqlOptions = {}): SqlScript {
  const d = DIALECT[dialectName];
  if (d === undefined) throw new Error(`unknown SQL dialect "${String(dialectName)}" (duckdb, postgres, clickhouse, spark)`);
  if (options.cluster !== undefined && dialectName !== "clickhouse") throw new Error("cluster is a ClickHouse option");
  const present = presentFields(options);
  const has = (kind: DatasetKind, f: FieldId) => present[kind]?.includes(f) === true;

  // Raw tables.
  const tables: string[] = [];
  if ((options.tables ?? "create") === "create") {
    for (const kind of DATASET_KINDS) {
      const cols = rawColumns(kind, options);
      if (cols.length === 0) continue;
      tables.push(...d.createTable(kind, cols.map((c) => ({ name: c.name, type: d.type(c.type, !c.required) })), "collector, row_no", options.cluster));
    }
  }

  // Benchmarks and weights, seeded from the catalogue.
  const seed: string[] = [];
  if (options.seed ?? true) {
    seed.push(...d.createSmallTable("benchmarks", [
      { name: "metric_id", type: d.type("text", false) }, { name: "name", type: d.type("text", true) }, { name: "direction", type: d.type("text", true) },
      { name: "meets", type: d.type("double", true) }, { name: "excellent", type: d.type("double", true) }, { name: "unit", type: d.type("text", true) },
      { name: "red_line", type: d.type("flag", true) }, { name: "source", type: d.type("text", true) },
    ]));
    const num = (v: number | undefined) => (v === undefined ? "NULL" : String(v));
    const text = (v: string | undefined) => (v === undefined ? "NULL" : d.str(v));
    // clickhouse-client (multiquery) reads an INSERT's VALUES up to the end of its line: keep them on one line there.
    const sep = dialectName === "clickhouse" ? ", " : ",\n  ";
    const intro = dialectName === "clickhouse" ? " " : "\n  ";
    const rows = options.benchmarks ?? defaultBenchmarks();
    if (rows.length > 0) {
      seed.push(`INSERT INTO benchmarks (metric_id, name, direction, meets, excellent, unit, red_line, source) VALUES${intro}${rows.map((b) =>
        `(${d.str(b.metric)}, ${text(b.name)}, ${text(b.direction)}, ${num(b.meets)}, ${num(b.excellent)}, ${text(b.unit)}, ${b.redLine === undefined ? "NULL" : d.flagLiteral(b.redLine)}, ${text(b.source)})`).join(sep)}`);
    }
    seed.push(...d.createSmallTable("weights", [{ name: "metric_id", type: d.type("text", false) }, { name: "weight", type: d.type("double", false) }]));
    const weights = options.weights ?? defaultWeights();
    if (weights.length > 0) seed.push(`INSERT INTO weights (metric_id, weight) VALUES${intro}${weights.map((w) => `(${d.str(w.metric)}, ${w.weight})`).join(sep)}`);
  }

  // Views, created in dependency order; dropped in reverse order first so the script reruns.
  const created: { name: string; sql: string }[] = [];
  const view = (name: string, sql: string) => created.push({ name, sql });

  const ckey = (e = "collector") => d.lower(e);
  const stageOfNumber = (n: string) =>
    `CASE WHEN ${n} >= 1 AND ${n} <= 30 THEN ${d.str(STAGE.m1)} WHEN ${n} >= 31 AND ${n} <= 90 THEN ${d.str(STAGE.m2m3)} WHEN ${n} >= 91 THEN ${d.str(STAGE.m4plus)} END`;
  /** aggregate.ts stageOf(undefined, bucket): M<n>, <n>+, <lo>-<hi> (white space dropped, upper case; no NFKC folding in SQL). */
  const stageOfBucket = () => {
    const b = d.upper(d.regexReplace("COALESCE(bucket, '')", "\\s+", ""));
    const m = d.intOrNull(d.regexGroup(b, "^M([0-9]+)"));
    const plus = d.intOrNull(d.regexGroup(b, "^([0-9]+)\\+$"));
    const lo = d.intOrNull(d.regexGroup(b, "^([0-9]+)[-~–—至到][0-9]"));
    return `CASE WHEN ${m} IS NOT NULL THEN (CASE WHEN ${m} = 0 THEN NULL WHEN ${m} = 1 THEN ${d.str(STAGE.m1)} WHEN ${m} <= 3 THEN ${d.str(STAGE.m2m3)} ELSE ${d.str(STAGE.m4plus)} END)` +
      ` WHEN ${plus} IS NOT NULL THEN ${stageOfNumber(`(${plus} + 1)`)}` +
      ` WHEN ${lo} IS NOT NULL THEN ${stageOfNumber(`(CASE WHEN ${lo} = 0 THEN 1 ELSE ${lo} END)`)} END`;
  };
  /** The stage of a row as aggregate.ts recordStage: from dpd when the table has dpd, else from bucket. */
  const stageExpr = (kind: DatasetKind) => (has(kind, "dpd") ? stageOfNumber("dpd") : has(kind, "bucket") ? stageOfBucket() : "NULL");
  const shared = (kind: DatasetKind) => [
    "row_no", "collector", `${ckey()} AS ckey`,
    ...(["agency", "product"] as const).filter((f) => has(kind, f)).map((f) => `COALESCE(${f}, '') AS ${f}_v`),
    ...(has(kind, "dpd") || has(kind, "bucket") ? [`${stageExpr(kind)} AS stage`] : []),
  ];

  // De-duplicated rows, one view per table (typed.ts dedupKey: first row wins).
  if (present.cases) {
    const key = `account, ${ckey()}, ${d.month("placed_on")}`;
    view("kpi_cases", `SELECT ${[...shared("cases"), `${d.month("placed_on")} AS month`, "account",
      has("cases", "balance") ? `COALESCE(balance, ${d.cast("0", "money")}) AS balance_v` : null, has("cases", "target") ? `COALESCE(target, ${d.cast("0", "money")}) AS target_v` : null].filter(Boolean).join(", ")}
FROM cases
WHERE ${d.inSubquery("row_no", `SELECT min(row_no) FROM cases GROUP BY ${key}`)}`);
  }
  if (present.payments) {
    const dedup = has("payments", "paymentId")
      ? `\nWHERE payment_id IS NULL OR payment_id = '' OR ${d.inSubquery("row_no", `SELECT min(row_no) FROM payments WHERE payment_id IS NOT NULL AND payment_id <> '' GROUP BY payment_id`)}`
      : "";
    view("kpi_payments", `SELECT ${[...shared("payments"), `${d.month("paid_on")} AS month`, "amount"].join(", ")}
FROM payments${dedup}`);
  }
  if (present.calls) {
    const dedup = has("calls", "callId")
      ? `\nWHERE call_id IS NULL OR call_id = '' OR ${d.inSubquery("row_no", `SELECT min(row_no) FROM calls WHERE call_id IS NOT NULL AND call_id <> '' GROUP BY call_id`)}`
      : "";
    // Without a connected column, a call with talk time was answered (typed.ts).
    const connected = has("calls", "connected") ? d.isTrue("connected") : "duration > 0";
    const flag = (f: FieldId) => (has("calls", f) ? `CASE WHEN ${d.isTrue(COLUMN[f])} THEN 1 ELSE 0 END` : "0");
    const cols = [...shared("calls"), `${d.month("called_at")} AS month`, "account", "called_at", "duration",
      `CASE WHEN ${connected} THEN 1 ELSE 0 END AS connected_f`, `${flag("rightParty")} AS right_party_f`, `${flag("promise")} AS promise_f`];
    view("kpi_calls_dedup", `SELECT ${cols.join(", ")}
FROM calls${dedup}`);
    const names = cols.map((c) => c.replace(/^.* AS /, ""));
    // first_contact: 1 on the first connected call (earliest called_at, then row_no) of each
    // account in its collector-month: the import's FirstContact column (aggregate.ts firstContacts).
    const first = d.windows
      ? `CASE WHEN connected_f = 1 AND row_number() OVER (PARTITION BY ckey, month, account, connected_f ORDER BY called_at, row_no) = 1 THEN 1 ELSE 0 END`
      : `CASE WHEN connected_f = 1 AND ${d.inSubquery("row_no", `SELECT argMin(row_no, (called_at, row_no)) FROM kpi_calls_dedup WHERE connected_f = 1 GROUP BY ckey, month, account`)} THEN 1 ELSE 0 END`;
    view("kpi_calls", `SELECT ${names.join(", ")}, ${first} AS first_contact
FROM kpi_calls_dedup`);
  }

  const mapped: Partial<Record<DatasetKind, readonly FieldId[]>> = present;
  const metricsAll = sqlMetrics();
  const outputs: SqlOutput[] = [];
  const splitMetrics = new Map<Split, Metric[]>();
  for (const split of SPLITS) {
    const agg = split === "none" ? {} : split === "stage" ? { stage: "m1" as const } : { by: split };
    const inputs = (Object.keys(INPUT_SOURCE) as DataInput[]).filter((i) => inputAvailable(i, mapped, agg));
    if (inputs.length === 0) continue;
    const metrics = metricsAll.filter((m) => m.params.every((p) => inputs.includes(PARAM_INPUT[p])));
    splitMetrics.set(split, metrics);
    const suffix = split === "none" ? "" : `_by_${split}`;
    outputs.push({ view: `kpi${suffix}`, ...(split === "none" ? {} : { group: split }), inputs, metrics: metrics.map((m) => m.id) });
    unionView(d, split, inputs, `kpi_rows${suffix}`, view);
    inputsView(d, split, inputs, `kpi_rows${suffix}`, `kpi_inputs${suffix}`, view);
  }

  benchmarkView(d, metricsAll.filter((m) => [...splitMetrics.values()].some((ms) => ms.includes(m))), splitMetrics, view);
  for (const out of outputs) kpiView(d, out, metricsAll.filter((m) => out.metrics.includes(m.id)), view);

  const views = [...created.slice().reverse().map((v) => d.dropView(v.name)), ...created.map((v) => `CREATE VIEW ${v.name} AS\n${v.sql}`)];
  return { dialect: dialectName, tables, seed, views, outputs };
}

/** The whole script as one text, statements ended by ";". */
export function generateSql(dialect: DialectName, options: SqlOptions = {}): string {
  const s = generateSqlScript(dialect, options);
  const header = [
    `-- CollectKPI: the metric catalogue as SQL (${dialect}), generated by \`npm run sql -- --dialect ${dialect}\`; do not edit by hand.`,
    `-- Raw tables: cases, payments, calls (canonical columns, docs/sql.md). Views: ${s.outputs.map((o) => o.view).join(", ")}.`,
    `-- Computed metrics: ${sqlMetrics().map((m) => m.id).join(", ")}. A NULL value has its reason in <metric>_reason.`,
  ].join("\n");
  return `${header}\n\n${[...s.tables, ...s.seed, ...s.views].map((x) => `${x};`).join("\n\n")}\n`;
}

// ---- the views per split ----------------------------------------------------------------------

type ViewFn = (name: string, sql: string) => void;

function groupColumn(split: Split): string | undefined {
  return split === "none" ? undefined : split;
}

/** One row per kept raw row: the inputs it adds (0 elsewhere), typed alike so UNION ALL lines up. */
function unionView(d: Dialect, split: Split, inputs: readonly DataInput[], name: string, view: ViewFn): void {
  const g = groupColumn(split);
  const branches: string[] = [];
  const kinds = [...new Set(inputs.map((i) => INPUT_SOURCE[i].kind))].sort((a, b) => DATASET_ORDER[a] - DATASET_ORDER[b]);
  for (const kind of kinds) {
    const from = kind === "calls" ? "kpi_calls" : `kpi_${kind}`;
    const value = (i: DataInput): string => {
      if (INPUT_SOURCE[i].kind !== kind) return zero(d, i);
      switch (i) {
        case "recovered": return d.cast("amount", "money");
        case "assigned": return d.cast("1", "bigint");
        case "outstanding": return d.cast("balance_v", "money");
        case "target": return d.cast("target_v", "money");
        case "attempts": return d.cast("1", "bigint");
        case "contacted": return d.cast("first_contact", "bigint");
        case "rightParty": return d.cast("right_party_f", "bigint");
        case "promises": return d.cast("promise_f", "bigint");
        case "totalTalk": return d.cast("duration", "double");
        case "effectiveTalk": return d.cast("CASE WHEN right_party_f = 1 THEN duration ELSE 0 END", "double");
      }
    };
    const cols = [
      `${d.cast(`${DATASET_ORDER[kind]} * ${ORD_STRIDE} + row_no`, "bigint")} AS ord`, "collector", "ckey", "month",
      ...(g === undefined ? [] : [`${g === "stage" ? "stage" : `${g}_v`} AS grp`]),
      ...inputs.map((i) => `${value(i)} AS ${INPUT_COLUMN[i]}`),
    ];
    branches.push(`SELECT ${cols.join(", ")}\nFROM ${from}${split === "stage" ? "\nWHERE stage IS NOT NULL" : ""}`);
  }
  view(name, branches.join("\nUNION ALL\n"));
}

function zero(d: Dialect, i: DataInput): string {
  const t = i === "recovered" || i === "outstanding" || i === "target" ? "money" : i === "totalTalk" || i === "effectiveTalk" ? "double" : "bigint";
  return d.cast("0", t);
}

/**
 * Σ per collector (letter case ignored, shown as first spelled: across all months, and per stage
 * for the stage split, as aggregate.ts keeps one name per aggregate call) × month (× group,
 * compared without case, shown as first spelled in its collector-month).
 */
function inputsView(d: Dialect, split: Split, inputs: readonly DataInput[], rows: string, name: string, view: ViewFn): void {
  const g = groupColumn(split);
  const sums = inputs.map((i) => {
    const col = INPUT_COLUMN[i];
    if (i === "recovered" || i === "outstanding" || i === "target") return `${d.cast(`sum(${col})`, "double")} AS ${col}`;
    if (i === "totalTalk" || i === "effectiveTalk") return `sum(${col}) / 60 AS ${col}`;
    return `${d.cast(`sum(${col})`, "bigint")} AS ${col}`;
  });
  const grouped = `SELECT ckey, month${g === undefined ? "" : `, ${d.lower("grp")} AS gkey, ${d.argMin("grp", "ord")} AS ${g}`}, ${sums.join(", ")}
  FROM ${rows}
  GROUP BY ckey, month${g === undefined ? "" : `, ${d.lower("grp")}`}`;
  const nameKeys = split === "stage" ? ["ckey", "gkey"] : ["ckey"];
  const names = `SELECT ckey${split === "stage" ? `, ${d.lower("grp")} AS gkey` : ""}, ${d.argMin("collector", "ord")} AS collector
  FROM ${rows}
  GROUP BY ckey${split === "stage" ? `, ${d.lower("grp")}` : ""}`;
  view(name, `SELECT collector, month${g === undefined ? "" : `, ${g}`}, ${inputs.map((i) => INPUT_COLUMN[i]).join(", ")}, ckey
FROM (
  ${grouped}
) AS i
${d.joinUsing(`(\n  ${names}\n) AS n`, nameKeys)}`);
}

/** One row: every computed metric's benchmark as the core reads it (a row overrides the default), its weight, and a problem when the row is unusable. */
function benchmarkView(d: Dialect, metrics: readonly Metric[], splitMetrics: ReadonlyMap<Split, Metric[]>, view: ViewFn): void {
  const key = d.lower(d.trim("metric_id"));
  const num = (v: number | undefined) => (v === undefined ? "NULL" : String(v));
  const agg: string[] = [];
  const out: string[] = [];
  const lit = d.str;
  const HIGHER = ["higher", "high", "越高越好", "越高越好↑", "高"];
  const LOWER = ["lower", "low", "越低越好", "越低越好↓", "低"];
  for (const m of metrics) {
    const is = `${key} = ${lit(m.id)}`;
    const p = m.id;
    agg.push(
      `sum(CASE WHEN ${is} THEN 1 ELSE 0 END) AS ${p}__rows`,
      `max(CASE WHEN ${is} THEN COALESCE(${d.lower(d.trim("direction"))}, '') END) AS ${p}__dir_raw`,
      `max(CASE WHEN ${is} THEN meets END) AS ${p}__meets_raw`,
      `max(CASE WHEN ${is} THEN excellent END) AS ${p}__excellent_raw`,
      `max(CASE WHEN ${is} THEN ${d.flagToInt("red_line")} END) AS ${p}__red_raw`,
    );
    const dir = `(CASE WHEN ${p}__rows = 0 OR ${p}__dir_raw IS NULL OR ${p}__dir_raw = '' THEN ${lit(m.direction)} WHEN ${p}__dir_raw IN (${HIGHER.map(lit).join(", ")}) THEN 'higher' WHEN ${p}__dir_raw IN (${LOWER.map(lit).join(", ")}) THEN 'lower' END)`;
    const meets = `(CASE WHEN ${p}__rows = 0 THEN ${num(m.meets)} ELSE ${p}__meets_raw END)`;
    const exc = `(CASE WHEN ${p}__rows = 0 THEN ${num(m.excellent)} ELSE ${p}__excellent_raw END)`;
    out.push(
      `${dir} AS ${p}__direction`,
      `${d.cast(meets, "double")} AS ${p}__meets`,
      `${d.cast(exc, "double")} AS ${p}__excellent`,
      `(CASE WHEN ${p}__rows = 0 OR ${p}__red_raw IS NULL THEN ${m.redLine ? 1 : 0} ELSE ${p}__red_raw END) AS ${p}__red_line`,
      // benchmarks.ts parseRow: a duplicate row, an unknown direction, a negative threshold, thresholds the wrong way round.
      `(CASE WHEN ${p}__rows > 1 THEN 'duplicate benchmark row' WHEN ${dir} IS NULL THEN 'bad direction'` +
        ` WHEN ${meets} < 0 OR ${exc} < 0 THEN 'negative threshold'` +
        ` WHEN ${dir} = 'higher' AND ${exc} < ${meets} THEN 'thresholds out of order' WHEN ${dir} = 'lower' AND ${exc} > ${meets} THEN 'thresholds out of order' END) AS ${p}__problem`,
      `${p}__weight_raw AS ${p}__weight`,
    );
  }
  const weights = metrics.map((m) => `sum(CASE WHEN ${key} = ${lit(m.id)} THEN weight END) AS ${m.id}__weight_raw`);
  // A weighted metric this view does not compute makes the composite NULL: the first such id per split.
  for (const [split, ms] of splitMetrics) {
    const ids = ms.map((m) => lit(m.id)).join(", ");
    weights.push(`min(CASE WHEN ${ids.length === 0 ? "1 = 1" : `${key} NOT IN (${ids})`} THEN ${d.trim("metric_id")} END) AS uncomputed_${split}_raw`);
    out.push(`uncomputed_${split}_raw AS uncomputed_${split}`);
  }
  view("kpi_benchmark", `SELECT ${out.join(",\n  ")}
FROM (SELECT ${agg.join(", ")} FROM benchmarks) AS b
CROSS JOIN (SELECT ${weights.join(", ")} FROM weights) AS w`);
}

/** The KPI view of one split: inputs, each metric's value, reason, grade and score, then the composite. */
function kpiView(d: Dialect, out: SqlOutput, metrics: readonly Metric[], view: ViewFn): void {
  const split = (out.group ?? "none") as Split;
  const head = ["collector", "month", ...(out.group === undefined ? [] : [out.group]), ...out.inputs.map((i) => INPUT_COLUMN[i])];
  const inputsView = out.view.replace(/^kpi/, "kpi_inputs");
  const double = (c: string) => d.cast(c, "double");

  // Layer 1: value and reason (kpi.ts computeKpi, in its order of checks).
  const l1: string[] = [...head];
  for (const m of metrics) {
    const cols = m.params.map((p) => INPUT_COLUMN[PARAM_INPUT[p]]);
    const num = cols.slice(0, -1).map(double).join(" + ");
    const den = double(cols[cols.length - 1]);
    const ratio = `(${num}) / ${d.nullIf(den, "0")}`;
    const negative = cols.map((c) => `${c} < 0`).join(" OR ");
    const above = m.kind === "P" ? ` WHEN ${ratio} > 1 + 1e-12 THEN 'above 1'` : "";
    const reason = `CASE WHEN ${negative} THEN 'negative' WHEN ${den} = 0 THEN 'zero denominator'${above} END`;
    // A proportion within 1e-12 above 1 (floating-point noise) is 1, as in the core.
    const value = m.kind === "P" ? `least(${ratio}, 1.0)` : ratio;
    l1.push(`CASE WHEN (${reason}) IS NULL THEN ${value} END AS ${m.id}`, `${reason} AS ${m.id}_reason`);
  }

  // Layer 2: grade and score per metric (grading.ts levelOf, scoreAgainst), parts of the composite.
  // Unqualified names throughout (every name is unique here): ClickHouse 18.16 does not resolve
  // a qualified column of the right-hand table of a JOIN.
  const l2: string[] = [...head];
  const scoreOf: Record<string, string> = {};
  const reaches = (p: string, v: string, t: string) => `((${p}__direction = 'higher' AND ${v} >= ${t}) OR (${p}__direction = 'lower' AND ${v} <= ${t}))`;
  for (const m of metrics) {
    const p = m.id;
    const v = p;
    const meets = `${p}__meets`;
    const exc = `${p}__excellent`;
    const target = `COALESCE(${meets}, ${exc})`;
    const grade = `CASE WHEN ${v} IS NULL OR ${p}__problem IS NOT NULL OR (${meets} IS NULL AND ${exc} IS NULL) THEN NULL` +
      ` WHEN ${exc} IS NOT NULL AND ${reaches(p, v, exc)} THEN 'Excellent' WHEN ${meets} IS NOT NULL AND ${reaches(p, v, meets)} THEN 'Meets' ELSE 'Below' END`;
    const score = `CASE WHEN ${v} IS NULL OR ${p}__problem IS NOT NULL OR ${target} IS NULL THEN NULL` +
      ` WHEN ${p}__direction = 'higher' THEN (CASE WHEN ${target} = 0 THEN (CASE WHEN ${v} = 0 THEN 100 ELSE ${SCORE_CAP} END) ELSE least(${SCORE_CAP}, greatest(0, 100 * ${v} / ${d.nullIf(target, "0")})) END)` +
      ` ELSE (CASE WHEN ${v} = 0 THEN ${SCORE_CAP} ELSE least(${SCORE_CAP}, greatest(0, 100 * ${target} / ${d.nullIf(v, "0")})) END) END`;
    scoreOf[p] = score;
    l2.push(p, `${p}_reason`, `${grade} AS ${p}_grade`, `${double(`(${score})`)} AS ${p}_score`);
  }
  // The composite (scorecard.ts score): the weights table lists its metrics; a listed metric
  // without a value or a score makes it NULL (SCORE's error), a red-line metric below its target
  // makes it 0 (the veto), otherwise Σ w·s / Σ w, at most 120.
  const w = (p: string) => `${p}__weight`;
  const reasonParts: string[] = [`WHEN uncomputed_${split} IS NOT NULL THEN ${d.concat("uncomputed_" + split, "': not computed here'")}`];
  for (const m of metrics) {
    const p = m.id;
    reasonParts.push(`WHEN ${w(p)} < 0 THEN ${d.str(`${p}: negative weight`)}`);
    reasonParts.push(`WHEN ${w(p)} IS NOT NULL AND ${p} IS NULL THEN ${d.concat(d.str(`${p}: `), `${p}_reason`)}`);
    reasonParts.push(`WHEN ${w(p)} IS NOT NULL AND ${p}__problem IS NOT NULL THEN ${d.concat(d.str(`${p}: `), `${p}__problem`)}`);
    reasonParts.push(`WHEN ${w(p)} IS NOT NULL AND (${scoreOf[p]}) IS NULL THEN ${d.str(`${p}: no benchmark`)}`);
  }
  const totalWeight = metrics.length === 0 ? "0" : metrics.map((m) => `COALESCE(${w(m.id)}, 0)`).join(" + ");
  reasonParts.push(`WHEN ${totalWeight} = 0 THEN 'zero weights'`);
  const veto = metrics.map((m) => {
    const p = m.id;
    const target = `COALESCE(${p}__meets, ${p}__excellent)`;
    return `WHEN ${w(p)} IS NOT NULL AND ${p}__red_line = 1 AND ${target} IS NOT NULL AND ${p} IS NOT NULL AND NOT ${reaches(p, p, target)} THEN ${d.str(p)}`;
  });
  const weighted = metrics.length === 0 ? "0" : metrics.map((m) => `COALESCE(${w(m.id)}, 0) * COALESCE(${scoreOf[m.id]}, 0)`).join(" + ");
  l2.push(
    `CASE ${reasonParts.join(" ")} END AS score_reason`,
    veto.length === 0 ? `CAST(NULL AS ${d.name === "clickhouse" ? "Nullable(String)" : d.name === "spark" ? "STRING" : "VARCHAR"}) AS score_veto` : `CASE ${veto.join(" ")} END AS score_veto`,
    `${double(`(${weighted})`)} AS score_weighted`,
    `${double(`(${totalWeight})`)} AS score_weight`,
  );

  // Layer 3: the composite and its SCOREGRADE band.
  const l3: string[] = [...head, ...metrics.flatMap((m) => [m.id, `${m.id}_reason`, `${m.id}_grade`, `${m.id}_score`])];
  const score = `CASE WHEN score_reason IS NOT NULL THEN NULL WHEN score_veto IS NOT NULL THEN 0 ELSE least(${SCORE_CAP}, score_weighted / ${d.nullIf("score_weight", "0")}) END`;
  const bands = SCORE_BANDS.filter((b) => b.from > 0).map((b) => `WHEN score >= ${b.from} THEN ${d.str(b.band[0].toUpperCase() + b.band.slice(1))}`).join(" ");
  const fail = SCORE_BANDS[SCORE_BANDS.length - 1].band;
  view(out.view, `SELECT ${l3.join(", ")}, score, score_reason, score_veto,
  CASE WHEN score IS NULL THEN NULL ${bands} ELSE ${d.str(fail[0].toUpperCase() + fail.slice(1))} END AS score_grade
FROM (
  SELECT ${l3.join(", ")}, ${double(`(${score})`)} AS score, score_reason, score_veto
  FROM (
    SELECT ${l2.join(",\n      ")}
    FROM (
      SELECT ${l1.join(",\n        ")}
      FROM ${inputsView}
    ) AS v
    CROSS JOIN kpi_benchmark AS b
  ) AS g
) AS s`);
}

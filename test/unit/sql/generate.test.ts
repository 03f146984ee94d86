/**
 * The generated text itself: which metrics it computes (from the catalogue), the seeded
 * benchmarks and weights, and the constructs each dialect may use. Spark cannot run here: its
 * script is snapshot-tested and checked to use only the functions and clauses listed below, each
 * in the Spark SQL reference (https://spark.apache.org/docs/latest/api/sql/ and sql-ref-syntax).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CATALOGUE } from "../../../src/core";
import { DIALECTS, defaultBenchmarks, defaultWeights, generateSql, generateSqlScript, sqlMetrics, typedOnlyMetrics } from "../../../src/sql";

/** The text without comments and string literals (backslash escapes for Spark and ClickHouse). */
function code(sql: string): string {
  return sql.replace(/--[^\n]*/g, "").replace(/'(?:\\.|''|[^'\\])*'/g, "''");
}

/** Function-like names followed by "(", table and type names left out. */
function calls(sql: string): Set<string> {
  const text = code(sql)
    .replace(/CREATE TABLE (IF NOT EXISTS )?\w+ \(/g, "")
    .replace(/INSERT INTO \w+ \(/g, "")
    .replace(/DECIMAL\(18,2\)/g, "");
  const keywords = new Set(["SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "THEN", "ELSE", "WHEN", "BY", "USING", "JOIN", "VALUES", "AS", "EXISTS", "OVER"]);
  return new Set([...text.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1]).filter((w) => !keywords.has(w)));
}

const SPARK_FUNCTIONS = [
  "COALESCE", "CAST", "NULLIF", "least", "greatest", "lower", "upper", "trim", "concat", "sum", "max", "min", "min_by",
  "date_trunc", "row_number", "regexp_extract", "regexp_replace",
];
const SPARK_CLAUSES = /\b(SELECT|FROM|WHERE|GROUP BY|UNION ALL|CROSS JOIN|JOIN|USING|IN|CASE|WHEN|THEN|ELSE|END|AS|AND|OR|NOT|IS|NULL|OVER|PARTITION BY|ORDER BY|CREATE TABLE IF NOT EXISTS|CREATE TABLE|DROP TABLE IF EXISTS|DROP VIEW IF EXISTS|CREATE VIEW|INSERT INTO|VALUES|TRUE|FALSE|STRING|BIGINT|DOUBLE|DATE|TIMESTAMP|BOOLEAN|DECIMAL)\b/g;

describe("the generated SQL", () => {
  test("computes the catalogue metrics the raw exports can feed, and says which need typed inputs", () => {
    // contact_coverage = contacted / assigned, ptp_rate = promises / contacted, rpc_rate = right-party calls / attempts,
    // effective_talk_ratio = right-party talk / talk, recovery_achievement = recovered / target: all five from cases, payments, calls.
    expect(sqlMetrics().map((m) => m.id)).toEqual(["recovery_achievement", "effective_talk_ratio", "contact_coverage", "ptp_rate", "rpc_rate"]);
    expect(typedOnlyMetrics().map((m) => m.id)).toEqual(
      CATALOGUE.filter((m) => m.fn !== undefined && !["recovery_achievement", "effective_talk_ratio", "contact_coverage", "ptp_rate", "rpc_rate"].includes(m.id)).map((m) => m.id)
    );
    expect(typedOnlyMetrics().map((m) => m.id)).toContain("cumulative_recovery"); // needs historical recoveries
    for (const dialect of DIALECTS) {
      const script = generateSqlScript(dialect);
      for (const out of script.outputs) {
        const text = script.views.find((v) => v.startsWith(`CREATE VIEW ${out.view} AS`)) as string;
        for (const id of out.metrics) for (const col of [id, `${id}_reason`, `${id}_grade`, `${id}_score`]) expect(text).toMatch(new RegExp(`\\b${col}\\b`));
      }
      expect(script.outputs.map((o) => o.view)).toEqual(["kpi", "kpi_by_stage", "kpi_by_agency", "kpi_by_product"]);
    }
  });

  test("seeds one benchmark row per catalogue metric (blanks NULL) and the scorecard's weights", () => {
    expect(defaultBenchmarks()).toHaveLength(CATALOGUE.length);
    const sql = generateSql("postgres");
    // cumulative_recovery: no Meets in the article, Excellent 0.65.
    expect(sql).toContain("('cumulative_recovery', 'Cumulative recovery rate', 'higher', NULL, 0.65, '%', FALSE,");
    expect(sql).toContain("('compliance_pass_rate', 'Compliance QA pass rate', 'higher', 0.98, NULL, '%', TRUE,");
    // recovery_achievement 30 and effective_talk_ratio 10 as on the balanced scorecard; contact_coverage 10;
    // ptp_rate and rpc_rate have no default threshold, so no score, so no weight.
    expect(defaultWeights()).toEqual([
      { metric: "recovery_achievement", weight: 30 },
      { metric: "effective_talk_ratio", weight: 10 },
      { metric: "contact_coverage", weight: 10 },
    ]);
    expect(generateSqlScript("duckdb", { seed: false }).seed).toEqual([]);
  });

  test("only the raw columns that exist: a call log alone gives the call metrics, no stage without dpd or bucket", () => {
    const script = generateSqlScript("duckdb", { fields: { calls: ["connected", "rightParty", "promise"] } });
    expect(script.tables).toHaveLength(1);
    expect(script.tables[0]).toContain("CREATE TABLE IF NOT EXISTS calls");
    expect(script.tables[0]).not.toMatch(/\bdpd\b|\bcall_id\b/);
    expect(script.outputs).toEqual([
      { view: "kpi", inputs: ["attempts", "contacted", "rightParty", "promises", "totalTalk", "effectiveTalk"], metrics: ["effective_talk_ratio", "ptp_rate", "rpc_rate"] },
    ]);
    // Without a call id, no duplicate rule for calls (typed.ts: every row counts).
    expect(script.views.join("\n")).not.toContain("call_id");
  });

  test("refuses an unknown dialect and a cluster outside ClickHouse", () => {
    expect(() => generateSql("oracle" as never)).toThrow(/unknown SQL dialect/);
    expect(() => generateSql("duckdb", { cluster: { cluster: "c" } })).toThrow(/ClickHouse/);
  });

  test("ClickHouse 18.16: no window functions, GLOBAL IN for every subquery over the raw tables, Distributed tables on a cluster", () => {
    const sql = generateSql("clickhouse", { cluster: { cluster: "kpi", database: "db" } });
    expect(code(sql)).not.toMatch(/\bOVER\b|row_number/);
    expect(code(sql)).not.toMatch(/[^L] IN \(SELECT/); // every IN (SELECT …) is GLOBAL IN
    expect(sql).toContain("ENGINE = Distributed(kpi, db, calls_local, row_no)");
    expect(calls(sql)).toEqual(
      new Set(["MergeTree", "Distributed", "Nullable", "Decimal", "COALESCE", "toStartOfMonth", "lowerUTF8", "upperUTF8", "argMin", "ifNull", "extract", "toInt64OrNull", "min", "max", "sum", "toInt64", "toFloat64", "toDecimal64", "nullIf", "least", "greatest", "concat", "replaceRegexpAll", "CAST"].filter((f) => code(sql).includes(`${f}(`)))
    );
  });

  test("Spark: only the functions and clauses listed, also with the bucket-text stage; the text is the snapshot", () => {
    for (const options of [{}, { fields: { cases: ["bucket" as const, "agency" as const], calls: ["bucket" as const] } }]) {
      const sql = generateSql("spark", options);
      const used = calls(sql);
      for (const f of used) expect({ f, listed: SPARK_FUNCTIONS.includes(f) }).toEqual({ f, listed: true });
      // Nothing but listed keywords in upper case.
      const upper = new Set([...code(sql).replace(SPARK_CLAUSES, "").matchAll(/\b[A-Z][A-Z_]{2,}\b/g)].map((m) => m[0]));
      for (const w of upper) expect({ w, listed: SPARK_FUNCTIONS.includes(w) }).toEqual({ w, listed: true });
      // Backslash-escaped literals (Spark reads \ as an escape): the bucket regexes carry \\s and \\+.
      if (options !== undefined && "fields" in options) expect(sql).toContain("'^([0-9]+)\\\\+$'");
    }
    // Without the seed: the seed carries every catalogue metric's wording, which others edit; the
    // views carry only the computed metrics' ids, directions and default thresholds.
    expect(generateSql("spark", { seed: false })).toMatchSnapshot();
  });

  test("npm run sql (scripts/sql.js) writes the generator's text to stdout or --out, and refuses a bad dialect with its usage", () => {
    const script = join(__dirname, "..", "..", "..", "scripts", "sql.js");
    const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: "utf8" });
    const out = run("--dialect", "postgres");
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(generateSql("postgres"));
    const dir = mkdtempSync(join(tmpdir(), "collectkpi-sql-cli-"));
    try {
      const file = join(dir, "kpi.sql");
      expect(run("--dialect", "clickhouse", "--cluster", "kpi", "--database", "db", "--no-seed", "--out", file).status).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(generateSql("clickhouse", { cluster: { cluster: "kpi", database: "db" }, seed: false }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const bad = run("--dialect", "oracle");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown dialect "oracle"');
    expect(bad.stderr).toContain("usage: npm run sql -- --dialect <duckdb|postgres|clickhouse|spark>");
  });
});

/**
 * What differs between the SQL engines the catalogue is compiled for. Everything else in
 * generate.ts is plain SQL all four document (SELECT, GROUP BY, UNION ALL, CASE, COALESCE,
 * CREATE VIEW, an uncorrelated IN subquery).
 *
 * References (checked for each construct used here):
 * - DuckDB: https://duckdb.org/docs/sql/functions/aggregates (arg_min), /sql/functions/regular_expressions
 *   (regexp_extract gives '' without a match, regexp_replace with 'g'), /sql/functions/date (date_trunc),
 *   /sql/functions/window_functions (row_number).
 * - PostgreSQL 15: https://www.postgresql.org/docs/15/functions-aggregate.html (array_agg with ORDER BY
 *   inside the call, "4.2.7 Aggregate Expressions"), /functions-matching.html (substring(s from pattern)
 *   returns the first parenthesized group, NULL without a match; regexp_replace with 'g'),
 *   /functions-datetime.html (date_trunc), /functions-window.html (row_number).
 * - ClickHouse 18.16 (no window functions, no trim, case-sensitive function names):
 *   https://clickhouse.com/docs/en/sql-reference/aggregate-functions/reference/argmin (argMin, a tuple
 *   as val; skips NULL, so only non-NULL args are passed to it), /sql-reference/operators/in
 *   ("Distributed subqueries": GLOBAL IN runs the subquery once on the initiator and ships the set to
 *   every shard, so a shard sees the whole data set's first rows, not only its own),
 *   /sql-reference/functions/date-time-functions (toStartOfMonth), /string-search-functions (extract:
 *   '' without a match), /string-replace-functions (replaceRegexpAll), /type-conversion-functions
 *   (toInt64OrNull, toFloat64, toDecimal64), /functions/conditional-functions (if, multiIf: CASE is
 *   rewritten to it and every branch is evaluated, so nothing here may throw in an untaken branch).
 *   Checked on the Debian package (18.16.1): Decimal(18,2) without the experimental setting, argMin with
 *   a tuple, CROSS JOIN, lowerUTF8 of non-ASCII letters.
 * - Spark SQL 3.3+: https://spark.apache.org/docs/latest/api/sql/ (min_by "new in 3.3.0" in pyspark,
 *   3.0 in SQL; date_trunc; regexp_extract returns '' without a match; regexp_replace replaces all;
 *   row_number; nullif), string literals take backslash escapes (sql-ref-literals.html), and under
 *   ANSI mode (the default from Spark 4) a division by zero throws, hence NULLIF on every denominator.
 */

export type DialectName = "duckdb" | "postgres" | "clickhouse" | "spark";
export const DIALECTS: readonly DialectName[] = ["duckdb", "postgres", "clickhouse", "spark"];

export type ColumnType = "text" | "money" | "double" | "bigint" | "date" | "timestamp" | "flag";

export interface Dialect {
  readonly name: DialectName;
  /** A string literal. */
  str(s: string): string;
  /** A column type in CREATE TABLE; nullable says whether NULL is allowed (ClickHouse must be told). */
  type(t: ColumnType, nullable: boolean): string;
  /** CAST to the type used for sums (bigint, double, money). */
  cast(expr: string, t: "bigint" | "double" | "money"): string;
  /** The first day of the month of a DATE or TIMESTAMP, as a DATE. */
  month(expr: string): string;
  lower(expr: string): string;
  upper(expr: string): string;
  trim(expr: string): string;
  /** x of the row with the smallest ord (a BIGINT; unique within the group). */
  argMin(x: string, ord: string): string;
  /** expr IN (subquery), distributed-safe. */
  inSubquery(expr: string, subquery: string): string;
  /** The first parenthesized group of a regex match, '' or NULL when none. */
  regexGroup(expr: string, pattern: string): string;
  /** All matches of pattern replaced by replacement. */
  regexReplace(expr: string, pattern: string, replacement: string): string;
  /** Text → BIGINT, NULL for '' or NULL. */
  intOrNull(expr: string): string;
  nullIf(a: string, b: string): string;
  concat(...parts: string[]): string;
  /** A flag column read as a condition (NULL is false). */
  isTrue(col: string): string;
  /** A condition as 1/0. */
  flagLiteral(b: boolean): string;
  /** How a flag column is turned into 0/1 (its SQL type is dialect-specific). */
  flagToInt(col: string): string;
  /** The statement(s) creating a raw table. */
  createTable(name: string, columns: readonly { name: string; type: string }[], orderBy: string, cluster?: ClusterOptions): string[];
  dropView(name: string): string;
  /** A lookup table (benchmarks, weights) that the script recreates. */
  createSmallTable(name: string, columns: readonly { name: string; type: string }[]): string[];
  /** INNER JOIN on equal keys, written as each engine documents it (ClickHouse 18: ANY INNER JOIN … USING). */
  joinUsing(right: string, keys: readonly string[]): string;
  /** Whether row_number() OVER (…) is available (ClickHouse 18.16 has no window functions). */
  readonly windows: boolean;
}

export interface ClusterOptions {
  /** The remote_servers cluster name. */
  readonly cluster: string;
  /** The database holding the local tables (default "default"). */
  readonly database?: string;
}

const standardStr = (s: string): string => `'${s.replace(/'/g, "''")}'`;
// ClickHouse and Spark read a backslash in a literal as an escape.
const backslashStr = (s: string): string => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** CREATE TABLE IF NOT EXISTS as DuckDB, PostgreSQL and Spark write it (no engine clause, no cluster). */
const ansiCreate: Dialect["createTable"] = (name, columns) => [`CREATE TABLE IF NOT EXISTS ${name} (\n  ${columns.map((c) => `${c.name} ${c.type}`).join(",\n  ")}\n)`];

const duckdb: Dialect = {
  name: "duckdb",
  str: standardStr,
  type: (t, nullable) => ({ text: "VARCHAR", money: "DECIMAL(18,2)", double: "DOUBLE", bigint: "BIGINT", date: "DATE", timestamp: "TIMESTAMP", flag: "BOOLEAN" })[t] + (nullable ? "" : " NOT NULL"),
  cast: (e, t) => `CAST(${e} AS ${{ bigint: "BIGINT", double: "DOUBLE", money: "DECIMAL(18,2)" }[t]})`,
  month: (e) => `CAST(date_trunc('month', ${e}) AS DATE)`,
  lower: (e) => `lower(${e})`,
  upper: (e) => `upper(${e})`,
  trim: (e) => `trim(${e})`,
  argMin: (x, ord) => `arg_min(${x}, ${ord})`,
  inSubquery: (e, q) => `${e} IN (${q})`,
  regexGroup: (e, p) => `regexp_extract(${e}, ${standardStr(p)}, 1)`,
  regexReplace: (e, p, r) => `regexp_replace(${e}, ${standardStr(p)}, ${standardStr(r)}, 'g')`,
  intOrNull: (e) => `CAST(NULLIF(${e}, '') AS BIGINT)`,
  nullIf: (a, b) => `NULLIF(${a}, ${b})`,
  concat: (...p) => p.join(" || "),
  isTrue: (c) => `COALESCE(${c}, FALSE)`,
  flagLiteral: (b) => (b ? "TRUE" : "FALSE"),
  flagToInt: (c) => `CASE WHEN ${c} THEN 1 WHEN NOT ${c} THEN 0 END`,
  createTable: ansiCreate,
  dropView: (n) => `DROP VIEW IF EXISTS ${n}`,
  createSmallTable: (n, cols) => [`DROP TABLE IF EXISTS ${n}`, `CREATE TABLE ${n} (\n  ${cols.map((c) => `${c.name} ${c.type}`).join(",\n  ")}\n)`],
  joinUsing: (r, keys) => `JOIN ${r} USING (${keys.join(", ")})`,
  windows: true,
};

const postgres: Dialect = {
  ...duckdb,
  name: "postgres",
  type: (t, nullable) => ({ text: "TEXT", money: "NUMERIC(18,2)", double: "DOUBLE PRECISION", bigint: "BIGINT", date: "DATE", timestamp: "TIMESTAMP", flag: "BOOLEAN" })[t] + (nullable ? "" : " NOT NULL"),
  cast: (e, t) => `CAST(${e} AS ${{ bigint: "BIGINT", double: "DOUBLE PRECISION", money: "NUMERIC(18,2)" }[t]})`,
  // PostgreSQL has no arg_min: the first element of an array aggregated in ord order.
  argMin: (x, ord) => `(array_agg(${x} ORDER BY ${ord}))[1]`,
  regexGroup: (e, p) => `substring(${e} from ${standardStr(p)})`,
};

const spark: Dialect = {
  ...duckdb,
  name: "spark",
  str: backslashStr,
  type: (t, nullable) => ({ text: "STRING", money: "DECIMAL(18,2)", double: "DOUBLE", bigint: "BIGINT", date: "DATE", timestamp: "TIMESTAMP", flag: "BOOLEAN" })[t] + (nullable ? "" : " NOT NULL"),
  month: (e) => `CAST(date_trunc('MONTH', ${e}) AS DATE)`,
  argMin: (x, ord) => `min_by(${x}, ${ord})`,
  regexGroup: (e, p) => `regexp_extract(${e}, ${backslashStr(p)}, 1)`,
  regexReplace: (e, p, r) => `regexp_replace(${e}, ${backslashStr(p)}, ${backslashStr(r)})`,
  concat: (...p) => `concat(${p.join(", ")})`,
  createSmallTable: (n, cols) => [`DROP TABLE IF EXISTS ${n}`, `CREATE TABLE ${n} (\n  ${cols.map((c) => `${c.name} ${c.type}`).join(",\n  ")}\n)`],
};

const clickhouse: Dialect = {
  name: "clickhouse",
  str: backslashStr,
  type: (t, nullable) => {
    const base = { text: "String", money: "Decimal(18,2)", double: "Float64", bigint: "Int64", date: "Date", timestamp: "DateTime", flag: "UInt8" }[t];
    return nullable ? `Nullable(${base})` : base;
  },
  cast: (e, t) => (t === "bigint" ? `toInt64(${e})` : t === "double" ? `toFloat64(${e})` : `toDecimal64(${e}, 2)`),
  month: (e) => `toStartOfMonth(${e})`,
  lower: (e) => `lowerUTF8(${e})`,
  upper: (e) => `upperUTF8(${e})`,
  // 18.16 has no trim(): strip leading and trailing white space with a regex.
  trim: (e) => `replaceRegexpAll(${e}, '^\\\\s+|\\\\s+$', '')`,
  argMin: (x, ord) => `argMin(${x}, ${ord})`,
  inSubquery: (e, q) => `${e} GLOBAL IN (${q})`,
  regexGroup: (e, p) => `extract(${e}, ${backslashStr(p)})`,
  regexReplace: (e, p, r) => `replaceRegexpAll(${e}, ${backslashStr(p)}, ${backslashStr(r)})`,
  intOrNull: (e) => `toInt64OrNull(${e})`,
  nullIf: (a, b) => `nullIf(${a}, ${b})`,
  concat: (...p) => `concat(${p.join(", ")})`,
  isTrue: (c) => `(ifNull(${c}, 0) = 1)`,
  flagLiteral: (b) => (b ? "1" : "0"),
  flagToInt: (c) => `toInt64(${c})`,
  createTable: (name, columns, orderBy, cluster) => {
    const cols = `(\n  ${columns.map((c) => `${c.name} ${c.type}`).join(",\n  ")}\n)`;
    if (cluster === undefined) return [`CREATE TABLE IF NOT EXISTS ${name} ${cols} ENGINE = MergeTree() ORDER BY (${orderBy})`];
    // Each server holds its part in <name>_local; <name> is the Distributed table over the
    // cluster's shards, sharded by row_no, through which rows are inserted and queried.
    return [
      `CREATE TABLE IF NOT EXISTS ${name}_local ${cols} ENGINE = MergeTree() ORDER BY (${orderBy})`,
      `CREATE TABLE IF NOT EXISTS ${name} ${cols} ENGINE = Distributed(${cluster.cluster}, ${cluster.database ?? "default"}, ${name}_local, row_no)`,
    ];
  },
  dropView: (n) => `DROP TABLE IF EXISTS ${n}`,
  createSmallTable: (n, cols) => [`DROP TABLE IF EXISTS ${n}`, `CREATE TABLE ${n} (\n  ${cols.map((c) => `${c.name} ${c.type}`).join(",\n  ")}\n) ENGINE = TinyLog`],
  joinUsing: (r, keys) => `ANY INNER JOIN ${r} USING (${keys.join(", ")})`,
  windows: false,
};

export const DIALECT: Readonly<Record<DialectName, Dialect>> = { duckdb, postgres, clickhouse, spark };

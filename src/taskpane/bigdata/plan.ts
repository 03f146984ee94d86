/**
 * Files beyond the grid (issue 17, item 2), the pure part: when a CSV goes to the engine instead
 * of the workbook, the SQL that reads it there with the pane's column mapping, and DuckDB's
 * errors as the pane's problems. No DOM, no Office, no DuckDB: unit-tested in Node
 * (test/unit/taskpane/bigdata.test.ts) and run by engine.ts in DuckDB-Wasm.
 *
 * The SQL is the generated DuckDB script (src/sql, docs/sql.md) over a raw table this file
 * fills from read_csv: every column read as text (so DuckDB never guesses a type), each mapped
 * column typed in SQL by the same rules as src/data/typed.ts (dates, amounts, durations, yes/no
 * words), the first problem of each row kept in a `problem` column. Nothing is aggregated while
 * a row has a problem, and nothing is written: the pane lists the first ones, row and column named.
 */
import type { DataProblem, DataProblemCode, DatasetKind, FieldId, FieldType } from "../../data/model";
import { MAX_DATA_ROWS, MAX_PROBLEMS, shorten } from "../../data/limits";
import { FIELDS } from "../../data/schema";
import { COLUMN, type SqlOutput, generateSqlScript } from "../../sql/generate";

/**
 * Files larger than this go to the engine, whatever their row count. Measured in the pane
 * (README, "Files beyond the grid"): the workbook path reads, checks and holds every row in the
 * pane and then writes them into a table, 2.5 MB per sync; past about 48 MiB a call log is a
 * million rows, the grid's limit is in sight, and reading and checking alone took longer than the
 * engine's whole aggregation of the same file.
 */
export const BIG_FILE_BYTES = 48 * 1024 * 1024;

/** Bytes of the file's start the pane reads to check its header and encoding before the engine starts. */
export const HEAD_BYTES = 1 << 20;

export type Route = { readonly engine: false } | { readonly engine: true; readonly reason: "size" | "rows" };

/**
 * Workbook or engine: by size before reading (a file of more than BIG_FILE_BYTES is never read
 * whole into the pane), by rows after (more data rows than the grid holds).
 */
export function route(bytes: number, rows?: number): Route {
  if (bytes > BIG_FILE_BYTES) return { engine: true, reason: "size" };
  if (rows !== undefined && rows > MAX_DATA_ROWS) return { engine: true, reason: "rows" };
  return { engine: false };
}

/** The mapped fields of a kind in FIELDS order, each with its column index. */
export function mappedColumns(kind: DatasetKind, mapping: Readonly<Partial<Record<FieldId, number>>>, headerCount: number): { field: FieldId; index: number; type: FieldType; required: boolean }[] {
  return FIELDS[kind]
    .filter((d) => {
      const i = mapping[d.id];
      return i !== undefined && Number.isInteger(i) && i >= 0 && i < headerCount;
    })
    .map((d) => ({ field: d.id, index: mapping[d.id] as number, type: d.type, required: d.required }));
}

/** The SQL's canonical column for each mapped field: "Agent" (column 1) → collector, … (what the unit tests read). */
export function sqlColumnList(kind: DatasetKind, mapping: Readonly<Partial<Record<FieldId, number>>>, headers: readonly string[]): { column: string; header: string; field: FieldId }[] {
  return mappedColumns(kind, mapping, headers.length).map((c) => ({ column: COLUMN[c.field], header: headers[c.index], field: c.field }));
}

const str = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The column name read_csv gives column i (names = [...] overrides the header's own text, which may be blank or repeated). */
export const rawName = (i: number): string => `c${i}`;

// typed.ts's words and forms, as SQL.
const TRUE_WORDS = ["是", "y", "yes", "true", "1", "接通", "已接通", "本人", "t"];
const FALSE_WORDS = ["否", "n", "no", "false", "0", "未接通", "非本人", "f"];
const DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y年%m月%d"];
const TIME_FORMATS = DATE_FORMATS.slice(0, 3).flatMap((d) => [`${d} %H:%M:%S`, `${d} %H:%M`, `${d}T%H:%M:%S`, `${d}T%H:%M`]).concat(["%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M"]);

/** A typed value of column `v` (trimmed text, NULL when blank) by its field type; NULL when it does not parse. */
function typedExpr(type: FieldType, v: string, timestamp: boolean): string {
  switch (type) {
    case "text":
      return v;
    case "amount": {
      // ¥ / CNY / RMB before, 元 / CNY / RMB after, thousands commas; cents rounded half away from zero, as typed.ts.
      const bare = `replace(regexp_replace(regexp_replace(${v}, '^([-+]?)\\s*(¥|￥|CNY|RMB)?\\s*', '\\1', 'i'), '\\s*(元|CNY|RMB)$', '', 'i'), ',', '')`;
      return `CASE WHEN regexp_full_match(${bare}, '[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)') THEN TRY_CAST(${bare} AS DECIMAL(18,2)) END`;
    }
    case "number":
      return `CASE WHEN regexp_full_match(replace(${v}, ',', ''), '[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)') THEN TRY_CAST(replace(${v}, ',', '') AS DOUBLE) END`;
    case "duration": {
      // seconds ("95", "95s", "95秒"), mm:ss or hh:mm:ss.
      const secs = `regexp_extract(${v}, '^([0-9]+(\\.[0-9]+)?)\\s*(s|sec|秒)?$', 1, 'i')`;
      const clock = `regexp_extract_all(${v}, '[0-9]+')`;
      // The common case, a plain number of seconds, without a regular expression.
      return `CASE WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL THEN TRY_CAST(${v} AS DOUBLE) WHEN ${secs} <> '' THEN TRY_CAST(${secs} AS DOUBLE)` +
        ` WHEN regexp_full_match(${v}, '[0-9]{1,2}:[0-5][0-9]') THEN CAST(${clock}[1] AS DOUBLE) * 60 + CAST(${clock}[2] AS DOUBLE)` +
        ` WHEN regexp_full_match(${v}, '[0-9]+:[0-5][0-9]:[0-5][0-9]') THEN CAST(${clock}[1] AS DOUBLE) * 3600 + CAST(${clock}[2] AS DOUBLE) * 60 + CAST(${clock}[3] AS DOUBLE) END`;
    }
    case "flag":
      return `CASE WHEN lower(${v}) IN (${TRUE_WORDS.map(str).join(", ")}) THEN TRUE WHEN lower(${v}) IN (${FALSE_WORDS.map(str).join(", ")}) THEN FALSE END`;
    case "date": {
      // Any date field may carry a time (typed.ts keeps the day of a placement or payment).
      const ts = `try_strptime(${v}, [${[...TIME_FORMATS, ...DATE_FORMATS].map(str).join(", ")}])`;
      // typed.ts's years: 1900–9999.
      // ISO text (2026-10-03, 2026-10-03 09:15:00) by a plain cast first: CASE evaluates the list of formats only for the rest.
      const iso = `TRY_CAST(${v} AS TIMESTAMP)`;
      const any = `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?') AND ${iso} IS NOT NULL THEN ${iso} ELSE ${ts} END`;
      const ok = `CASE WHEN year(${any}) BETWEEN 1900 AND 9999 THEN ${any} END`;
      return timestamp ? ok : `CAST(${ok} AS DATE)`;
    }
  }
}

/** The problem code a non-blank value that typed to NULL (or to a negative number) has. */
function badCode(type: FieldType): DataProblemCode {
  return type === "date" ? "bad-date" : type === "flag" ? "bad-flag" : "not-a-number";
}

/** A problem cell: code, then the header, then the value, separated by U+001F (no header or CSV value holds it after trim). */
const SEP = "\u001f";

export interface EnginePlan {
  /** CREATE TABLE <kind>_all AS …: the typed rows with row_no, blank and problem; then the view <kind>. */
  readonly load: readonly string[];
  /** The first MAX_PROBLEMS problems: row_no (data row, 1 = the line after the header), problem. */
  readonly problems: string;
  /** rows (data rows read, blank ones included), blank, kept (after duplicates): one row. */
  readonly stats: string;
  /** The generated script's statements (seed and views), run after the load. */
  readonly script: readonly string[];
  /** The per collector × month KPIs. */
  readonly query: string;
  /** What the query gives: the inputs and metrics of the generated kpi view. */
  readonly output: SqlOutput;
}

/**
 * The statements for one file already registered in DuckDB as `fileName`, with `headers` (as
 * the pane read them; only their count and position matter), `delimiter`, and the pane's mapping.
 */
export function enginePlan(kind: DatasetKind, headers: readonly string[], mapping: Readonly<Partial<Record<FieldId, number>>>, fileName: string, delimiter: string): EnginePlan {
  const cols = mappedColumns(kind, mapping, headers.length);
  const optional = cols.filter((c) => !c.required).map((c) => c.field);
  const generated = generateSqlScript("duckdb", { fields: { [kind]: optional }, tables: "expect" });
  const output = generated.outputs.find((o) => o.view === "kpi");
  if (output === undefined) throw new Error(`no kpi view for ${kind}`);

  const names = headers.map((_, i) => rawName(i));
  const read = `read_csv(${str(fileName)}, header = true, auto_detect = false, delim = ${str(delimiter)}, quote = '"', escape = '"', strict_mode = true, ` +
    `columns = {${names.map((n) => `${str(n)}: 'VARCHAR'`).join(", ")}})`;
  // Every cell trimmed, blank as NULL, once.
  const trimmed = names.map((n) => `NULLIF(trim(${n}), '') AS ${n}`).join(", ");
  const anyCell = names.map((n) => `${n} IS NOT NULL`).join(" OR ");

  const typed = cols.map((c) => `${typedExpr(c.type, rawName(c.index), c.field === "calledAt")} AS ${COLUMN[c.field]}`);
  const problemCases: string[] = [];
  for (const c of cols) {
    const v = rawName(c.index);
    const h = headers[c.index];
    const cell = (code: DataProblemCode, value: string) => `${str(code + SEP + h + SEP)} || ${value}`;
    problemCases.push(`WHEN strpos(${v}, chr(10)) > 0 OR strpos(${v}, chr(13)) > 0 THEN ${cell("quoted-newline", "''")}`);
    if (c.required) problemCases.push(`WHEN ${v} IS NULL THEN ${cell("blank-required", "''")}`);
    if (c.type !== "text") problemCases.push(`WHEN ${v} IS NOT NULL AND ${COLUMN[c.field]} IS NULL THEN ${cell(badCode(c.type), v)}`);
    if (c.type === "number" || c.type === "duration") problemCases.push(`WHEN ${COLUMN[c.field]} < 0 THEN ${cell("out-of-range", v)}`);
  }
  const problem = problemCases.length === 0 ? "NULL" : `CASE ${problemCases.join(" ")} END`;
  const out = cols.map((c) => COLUMN[c.field]);
  // <kind>_all holds every data row (a blank one has blank = TRUE and nothing else); the view
  // <kind>, which the generated script reads, the others.
  const load = [
    `CREATE OR REPLACE TABLE ${kind}_all AS
SELECT row_no, NOT (${anyCell}) AS blank, ${out.join(", ")}, CASE WHEN ${anyCell} THEN ${problem} END AS problem
FROM (SELECT row_no, ${names.join(", ")}, ${typed.join(", ")}
      FROM (SELECT row_number() OVER () AS row_no, ${trimmed} FROM ${read}))`,
    `CREATE OR REPLACE VIEW ${kind} AS SELECT row_no, ${out.join(", ")} FROM ${kind}_all WHERE NOT blank`,
  ];
  const problems = `SELECT row_no, problem FROM ${kind}_all WHERE problem IS NOT NULL ORDER BY row_no LIMIT ${MAX_PROBLEMS}`;
  const dedup = kind === "calls" ? "kpi_calls_dedup" : `kpi_${kind}`;
  const stats = `SELECT (SELECT count(*) FROM ${kind}_all) AS rows, (SELECT count(*) FROM ${kind}_all WHERE blank) AS blank, (SELECT count(*) FROM ${dedup}) AS kept`;
  const metricCols = output.metrics.flatMap((m) => [m, `${m}_grade`]);
  // Payments or cases alone feed no KPI (recovery needs the cases' targets, coverage the calls):
  // then the per collector × month inputs are the result, and the views over no metric
  // (kpi_benchmark, kpi, kpi_by_…: src/sql generates an empty select list for them) are left out.
  const noMetric = output.metrics.length === 0;
  const views = noMetric ? generated.views.filter((v) => !/^(DROP VIEW IF EXISTS|CREATE VIEW) (kpi|kpi_by_[a-z]+|kpi_benchmark)(\s|$)/.test(v)) : generated.views;
  const query = `SELECT collector, strftime(month, '%Y-%m') AS month, ${[...output.inputs.map((i) => `CAST(${INPUT_SQL[i]} AS DOUBLE) AS ${INPUT_SQL[i]}`), ...metricCols].join(", ")} FROM ${noMetric ? "kpi_inputs" : "kpi"} ORDER BY lower(collector), month`;
  return { load, problems, stats, script: [...generated.seed, ...views], query, output };
}

/** The SQL column of each input in the kpi view (generate.ts INPUT_COLUMN). */
const INPUT_SQL: Readonly<Record<string, string>> = {
  recovered: "recovered", assigned: "assigned", outstanding: "outstanding", target: "target", attempts: "attempts",
  contacted: "contacted", rightParty: "right_party", promises: "promises", totalTalk: "total_talk", effectiveTalk: "effective_talk",
};
export const inputSqlColumn = (input: string): string => INPUT_SQL[input] ?? input;

/** A `problem` cell and its row_no as the pane's problem; the row is the file's line (the header is line 1). */
export function problemOf(rowNo: number, cell: string): DataProblem {
  const [code, column, value] = cell.split(SEP);
  return { code: code as DataProblemCode, row: rowNo + 1, column, value: shorten(value ?? "") };
}

/**
 * A DuckDB error as the pane's problem, when it is about the file: read_csv names the line
 * ("CSV Error on Line: 4", counting the header as line 1) and what is wrong with it. Anything
 * else (out of memory, an engine fault) is undefined: the pane shows DuckDB's own first line.
 */
export function problemFromDuckDb(message: string): DataProblem | undefined {
  const line = /CSV Error on Line:\s*(\d+)/i.exec(message);
  const row = line === null ? undefined : Number(line[1]);
  const at = row === undefined ? {} : { row };
  if (/invalid unicode|not utf-8 encoded|byte sequence mismatch/i.test(message)) return { code: "unknown-encoding", ...at, value: "" };
  const columns = /Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)/i.exec(message);
  if (columns !== null) return { code: "ragged-row", ...at, value: columns[2] };
  if (/unterminated quote|quote.*not.*closed|unquoted/i.test(message)) return { code: "quoted-newline", ...at };
  if (/too (few|many) columns|Expected Number of Columns/i.test(message)) return { code: "ragged-row", ...at, value: "" };
  if (row !== undefined) return { code: "ragged-row", row, value: "" };
  return undefined;
}

/** DuckDB's message without its hints and the SQL it ran: the first line. */
export function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}

/** The delimiter of a CSV's header line, as csv.ts would choose: the most frequent of , tab ;. */
export function headerDelimiter(headerLine: string): string {
  let best = ",";
  let most = -1;
  for (const d of [",", "\t", ";"]) {
    const n = headerLine.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** The first bytes of a file, cut at the last line break so no row (or UTF-8 character) is cut in two. */
export function headSlice(bytes: Uint8Array): Uint8Array {
  const lf = bytes.lastIndexOf(0x0a);
  return lf < 0 ? bytes : bytes.subarray(0, lf + 1);
}

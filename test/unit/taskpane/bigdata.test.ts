/**
 * Files beyond the grid (issue 17, item 2), the pure parts: which files go to the engine, the
 * pane's mapping → the SQL's canonical columns, DuckDB's errors → the pane's problems, the
 * sheet of values; and the plan's SQL itself on DuckDB (@duckdb/node-api, the engine DuckDB-Wasm
 * compiles; the same SQL text runs in the pane): over the shipped fixtures it gives aggregate()'s
 * numbers, and over the bad fixtures the problems the workbook path names, row and column.
 * The browser run (DuckDB-Wasm in a worker, Cancel) is test/e2e/bigdata.e2e.test.ts.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import iconv from "iconv-lite";
import { tmpdir } from "os";
import { join } from "path";
import { type DataProblem, type DatasetKind, MAX_DATA_ROWS, aggregate, decodeBytes, parseCsv, suggestMapping, typeRows } from "../../../src/data";
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { BIG_FILE_BYTES, HEAD_BYTES, enginePlan, headSlice, headerDelimiter, problemFromDuckDb, problemOf, route, sqlColumnList } from "../../../src/taskpane/bigdata/plan";
import { BIG_STRINGS } from "../../../src/taskpane/bigdata/strings";
import { aggregateSheet } from "../../../src/taskpane/bigdata/writer";
import { DataController } from "../../../src/taskpane/dataController";
import { TEMPLATES } from "../../../src/templates";

jest.setTimeout(60_000);

const RAW = join(__dirname, "..", "..", "fixtures", "raw");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "collectkpi-bigdata-unit-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("which files go to the engine", () => {
  test("by size before reading: more than 48 MiB", () => {
    expect(BIG_FILE_BYTES).toBe(48 * 1024 * 1024);
    expect(route(BIG_FILE_BYTES)).toEqual({ engine: false });
    expect(route(BIG_FILE_BYTES + 1)).toEqual({ engine: true, reason: "size" });
    expect(route(300e6)).toEqual({ engine: true, reason: "size" });
  });

  test("by rows after reading: more data rows than the grid holds (1,048,575)", () => {
    expect(route(40e6, MAX_DATA_ROWS)).toEqual({ engine: false });
    expect(route(40e6, MAX_DATA_ROWS + 1)).toEqual({ engine: true, reason: "rows" });
  });

  test("the head the pane reads is cut at a line end, so no row or UTF-8 character is cut in two", () => {
    const bytes = new TextEncoder().encode("催收员,金额\n张伟,1\n李娜,2");
    expect(new TextDecoder().decode(headSlice(bytes))).toBe("催收员,金额\n张伟,1\n");
    expect(HEAD_BYTES).toBe(1 << 20);
    expect(headerDelimiter("a;b;c")).toBe(";");
    expect(headerDelimiter("a\tb\tc")).toBe("\t");
    expect(headerDelimiter("a,b")).toBe(",");
  });
});

describe("the pane's mapping → the SQL's canonical columns", () => {
  test("the call log of scripts/rawdata.js, as the pane suggests it", () => {
    const headers = "Call ID,Agent,Account,Call Time,Duration (s),Connected,RPC,PTP".split(",");
    expect(sqlColumnList("calls", suggestMapping("calls", headers), headers)).toEqual([
      { column: "collector", header: "Agent", field: "collector" },
      { column: "account", header: "Account", field: "account" },
      { column: "called_at", header: "Call Time", field: "calledAt" },
      { column: "duration", header: "Duration (s)", field: "duration" },
      { column: "call_id", header: "Call ID", field: "callId" },
      { column: "connected", header: "Connected", field: "connected" },
      { column: "right_party", header: "RPC", field: "rightParty" },
      { column: "promise", header: "PTP", field: "promise" },
    ]);
  });

  test("a column the user unmapped is not read; the script is generated for the columns there are", () => {
    const headers = ["坐席", "回款金额", "还款日期", "备注"];
    const mapping = { collector: 0, amount: 1, paidOn: 2 };
    expect(sqlColumnList("payments", mapping, headers).map((c) => c.column)).toEqual(["collector", "amount", "paid_on"]);
    const plan = enginePlan("payments", headers, mapping, "input.csv", ",");
    expect(plan.load[0]).toContain("columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR', 'c3': 'VARCHAR'}");
    expect(plan.load[1]).toBe("CREATE OR REPLACE VIEW payments AS SELECT row_no, collector, amount, paid_on FROM payments_all WHERE NOT blank");
    expect(plan.output.inputs).toEqual(["recovered"]);
    expect(plan.script.join("\n")).not.toMatch(/FROM (calls|cases)\b/);
    expect(plan.query).toBe("SELECT collector, strftime(month, '%Y-%m') AS month, CAST(recovered AS DOUBLE) AS recovered FROM kpi_inputs ORDER BY lower(collector), month");
  });
});

describe("DuckDB's errors → the pane's problems", () => {
  // Messages as DuckDB (1.4/1.5, native and Wasm) writes them for read_csv with strict_mode.
  test.each<[string, string, DataProblem | undefined]>([
    ["a ragged row", "Invalid Input Error: CSV Error on Line: 4\nOriginal Line: 3,20261003,z,extra\nExpected Number of Columns: 3 Found: 4\nPossible fixes:", { code: "ragged-row", row: 4, value: "4" }],
    ["an unterminated quote", "Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,2,\"unterminated\n\nValue with unterminated quote found.", { code: "quoted-newline", row: 2 }],
    ["bytes that are not UTF-8", "Invalid Input Error: CSV Error on Line: 2\nOriginal Line: 1,??\nInvalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.", { code: "unknown-encoding", row: 2, value: "" }],
    ["another line error", "Invalid Input Error: CSV Error on Line: 9\nsomething new", { code: "ragged-row", row: 9, value: "" }],
    ["not about the file", "Out of Memory Error: failed to allocate data of size 64 MiB", undefined],
  ])("%s", (_, message, problem) => {
    expect(problemFromDuckDb(message)).toEqual(problem);
  });

  test("a problem cell of the typed table names the file's line, the header and the value", () => {
    expect(problemOf(3, "not-a-number\u001fAmount\u001f12O0.00")).toEqual({ code: "not-a-number", row: 4, column: "Amount", value: "12O0.00" });
  });
});

/** The plan run on native DuckDB over a file: problems, or stats and rows. */
async function runPlan(kind: DatasetKind, path: string): Promise<{ problems: DataProblem[]; rows: Record<string, unknown>[]; stats?: Record<string, unknown>; error?: string; output: ReturnType<typeof enginePlan>["output"] }> {
  const decoded = decodeBytes(new Uint8Array(readFileSync(path)));
  if (!decoded.ok) throw new Error("decode");
  const parsed = await parseCsv(decoded.text.split("\n")[0] + "\n");
  if (!parsed.ok) throw new Error("header");
  const headers = parsed.table.headers;
  const plan = enginePlan(kind, headers, suggestMapping(kind, headers), path, headerDelimiter(decoded.text.split("\n")[0]));
  const c = await (await DuckDBInstance.create(":memory:")).connect();
  const rows = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  try {
    for (const s of plan.load) await c.run(s);
  } catch (e) {
    const p = problemFromDuckDb((e as Error).message);
    return { problems: p ? [p] : [], rows: [], error: (e as Error).message, output: plan.output };
  }
  const problems = (await rows(plan.problems)).map((r) => problemOf(Number(r.row_no), String(r.problem)));
  if (problems.length > 0) return { problems, rows: [], output: plan.output };
  for (const s of plan.script) await c.run(s);
  const [stats] = await rows(plan.stats);
  return { problems: [], rows: await rows(plan.query), stats, output: plan.output };
}

/** The workbook path over the same file: typeRows + aggregate(), or its problems. */
async function workbookPath(kind: DatasetKind, path: string) {
  const decoded = decodeBytes(new Uint8Array(readFileSync(path)));
  if (!decoded.ok) return { problems: [decoded.problem] };
  const parsed = await parseCsv(decoded.text);
  if (!parsed.ok) return { problems: parsed.problems };
  const typed = typeRows(kind, parsed.table, suggestMapping(kind, parsed.table.headers));
  if (!typed.ok) return { problems: typed.problems };
  return { problems: [], table: typed.table, rows: aggregate({ [kind]: typed.table }).rows };
}

const INPUT_SQL: Record<string, string> = { rightParty: "right_party", totalTalk: "total_talk", effectiveTalk: "effective_talk" };

describe("the plan's SQL on DuckDB gives aggregate()'s numbers", () => {
  test.each<[DatasetKind, string]>([
    ["calls", "calls.en.csv"],
    ["payments", "payments.en.csv"],
    ["cases", "cases.en.csv"],
  ])("%s: %s", async (kind, name) => {
    const engine = await runPlan(kind, join(RAW, name));
    const want = await workbookPath(kind, join(RAW, name));
    expect(engine.problems).toEqual([]);
    expect(want.problems).toEqual([]);
    expect(engine.rows.length).toBe(want.rows!.length);
    expect(Number(engine.stats!.kept)).toBe(want.table!.records.length);
    for (const w of want.rows!) {
      const r = engine.rows.find((x) => String(x.collector).toLowerCase() === w.collector.toLowerCase() && x.month === w.month);
      expect(r).toBeDefined();
      for (const [input, value] of Object.entries(w.values)) expect(Number(r![INPUT_SQL[input] ?? input])).toBeCloseTo(value as number, 6);
    }
  });

  test("a generated call log (scripts/rawdata.js, 20,000 rows with repeated call ids)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateCallLog } = require("../../../scripts/rawdata.js") as { generateCallLog: (rows: number, seed?: number) => string };
    const path = join(dir, "generated.csv");
    writeFileSync(path, generateCallLog(20_000, 5));
    const engine = await runPlan("calls", path);
    const want = await workbookPath("calls", path);
    expect(Number(engine.stats!.rows)).toBe(20_000);
    expect(Number(engine.stats!.kept)).toBe(want.table!.records.length);
    expect(Number(engine.stats!.kept)).toBeLessThan(20_000);
    for (const w of want.rows!) {
      const r = engine.rows.find((x) => x.collector === w.collector && x.month === w.month)!;
      expect([Number(r.attempts), Number(r.contacted), Number(r.right_party), Number(r.promises)]).toEqual([w.values.attempts, w.values.contacted, w.values.rightParty, w.values.promises]);
      expect(Number(r.total_talk)).toBeCloseTo(w.values.totalTalk as number, 9);
    }
  });

  test("the forms typed.ts reads: 2026/10/3, 20261003, 2026年10月3日, ¥1,234.50, 元, mm:ss, 95秒, 是/否, a blank row", async () => {
    const path = join(dir, "forms.csv");
    writeFileSync(path, ["催收员,账户,呼叫时间,通话时长,是否接通,本人,承诺还款", "张伟,A1,2026/10/3 9:05,1:05,是,是,否", "张伟,A2,20261004,95秒,否,否,否", ",,,,,,", "李娜,A3,2026年10月5日 10:00,00:01:40,Y,N,N", ""].join("\n"));
    const engine = await runPlan("calls", path);
    const want = await workbookPath("calls", path);
    expect(engine.problems).toEqual([]);
    expect(Number(engine.stats!.blank)).toBe(1);
    for (const w of want.rows!) {
      const r = engine.rows.find((x) => x.collector === w.collector && x.month === w.month)!;
      expect(Number(r.attempts)).toBe(w.values.attempts);
      expect(Number(r.contacted)).toBe(w.values.contacted);
      expect(Number(r.total_talk)).toBeCloseTo(w.values.totalTalk as number, 9);
    }
  });
});

describe("bad input: the problem names the row and column, as the workbook path does", () => {
  test("a non-numeric amount (12O0.00 with a letter O)", async () => {
    const engine = await runPlan("payments", join(RAW, "bad-amount.csv"));
    const want = await workbookPath("payments", join(RAW, "bad-amount.csv"));
    expect(engine.problems[0]).toEqual({ code: "not-a-number", row: 4, column: "Amount", value: "12O0.00" });
    expect(want.problems[0]).toMatchObject({ code: "not-a-number", row: 4, column: "Amount", value: "12O0.00" });
  });

  test("a date that does not parse", async () => {
    const engine = await runPlan("payments", join(RAW, "bad-date.csv"));
    expect(engine.problems[0]).toEqual({ code: "bad-date", row: 3, column: "Payment Date", value: "2026-13-01" });
  });

  test("a malformed line: more cells than the header (DuckDB names the line)", async () => {
    const engine = await runPlan("payments", join(RAW, "ragged.csv"));
    expect(engine.problems[0]).toMatchObject({ code: "ragged-row", value: "5" });
    expect(engine.problems[0].row).toBeGreaterThanOrEqual(4);
  });

  test("a quoted value over a line break", async () => {
    const engine = await runPlan("payments", join(RAW, "quoted-newline.csv"));
    expect(engine.problems[0]).toMatchObject({ code: "quoted-newline", column: "Agent" });
  });
});

describe("the Data tab with a file beyond the grid", () => {
  const big = (name: string, head: Uint8Array) => ({ name, bytes: head, file: new Blob([head as BlobPart]), size: BIG_FILE_BYTES + 1 });

  test("its header is read from the head, the mapping suggested, and the tab offers the engine; nothing is written", async () => {
    const { host: h, workbook } = simHost();
    const c = new DataController(h, TEMPLATES, "en");
    const status = await c.readFile(big("calls.csv", new TextEncoder().encode("Call ID,Agent,Account,Call Time,Duration (s),Connected,RPC,PTP\nC1,Agent 01,A1,2026-10-01 09:00:00,5,Y,Y,N\n")));
    expect(status.text).toContain("too large to import into the workbook");
    expect(c.isBig).toBe(true);
    expect(c.kind).toBe("calls");
    expect(c.mappingRows().filter((r) => r.column !== undefined)).toHaveLength(8);
    expect(workbook.sheetNames()).toEqual(["Sheet1"]);
  });

  test("a smaller file with more rows than the grid holds goes to the engine too (found while reading it)", async () => {
    const { host: h, workbook } = simHost();
    const c = new DataController(h, TEMPLATES, "en");
    const text = "Agent,Account,Call Time,Duration\n" + "A,B,2026-10-01,1\n".repeat(MAX_DATA_ROWS + 1);
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeLessThan(BIG_FILE_BYTES);
    const status = await c.readFile({ name: "long.csv", bytes, file: new Blob([bytes as BlobPart]), size: bytes.length });
    expect(status.text).toBe(BIG_STRINGS.en.routed("long.csv", 18, "rows", MAX_DATA_ROWS));
    expect(status.text).toContain("more than 1,048,575 data rows");
    expect(c.isBig).toBe(true);
    expect(workbook.sheetNames()).toEqual(["Sheet1"]);
  });

  test("GBK (Chinese Excel's CSV) is refused before the engine starts: the engine reads UTF-8 only", async () => {
    const { host: h } = simHost();
    const c = new DataController(h, TEMPLATES, "zh");
    const status = await c.readFile(big("通话.csv", new Uint8Array(iconv.encode("催收员,账户,呼叫时间,通话时长\n张伟,A1,2026-10-01,5\n", "gbk"))));
    expect(status).toEqual({ tone: "error", text: BIG_STRINGS.zh.notUtf8 });
    expect(c.isBig).toBe(false);
  });

  test("a missing mapped column stops it before the engine loads", async () => {
    const { host: h, workbook } = simHost();
    const c = new DataController(h, TEMPLATES, "en");
    await c.readFile(big("calls.csv", new TextEncoder().encode("Agent,Account,Call Time\nAgent 01,A1,2026-10-01\n")));
    const status = await c.aggregateOutside();
    expect(status).toEqual({ tone: "warning", text: "Map a column to Duration (s) first (required)." });
    expect(workbook.sheetNames()).toEqual(["Sheet1"]);
  });

  test("an XLSX that large is refused (only a CSV can go to the engine)", async () => {
    const { host: h } = simHost();
    const c = new DataController(h, TEMPLATES, "en");
    expect(await c.readFile(big("calls.xlsx", new Uint8Array([0x50, 0x4b])))).toEqual({ tone: "error", text: BIG_STRINGS.en.xlsxTooLarge });
  });
});

function simHost() {
  const book = new SimWorkbook(["Sheet1"]);
  return { host: createSimHost(book), workbook: { sheetNames: () => book.sheets.map((s) => s.name) } };
}

describe("the sheet of values", () => {
  test("title, stamp, header; inputs and KPIs with their grades; text kept as text", () => {
    const plan = enginePlan("calls", ["Agent", "Account", "Call Time", "Duration", "RPC", "PTP"], { collector: 0, account: 1, calledAt: 2, duration: 3, rightParty: 4, promise: 5 }, "input.csv", ",");
    const sheet = aggregateSheet(
      "calls",
      plan.output,
      [{ collector: "00123", month: "2026-10", attempts: 10, contacted: 4, right_party: 5, promises: 2, total_talk: 12.5, effective_talk: 10, effective_talk_ratio: 0.8, effective_talk_ratio_grade: "Meets", ptp_rate: 0.5, ptp_rate_grade: null, rpc_rate: 0.5, rpc_rate_grade: null }],
      { file: "calls.csv", rows: 1_100_000, kept: 1_094_511, blank: 0, when: "2026-11-30 19:40" },
      "en"
    );
    expect(sheet.name).toBe("Calls KPIs");
    expect(sheet.stamp).toBe("Source: calls.csv · 1,100,000 rows read, 1,094,511 kept, 5,489 duplicates dropped · 2026-11-30 19:40");
    expect(sheet.header).toEqual([
      "Collector", "Month", "Call attempts", "Accounts contacted", "Right-party contacts", "Promises to pay", "Talk time (min)", "Effective talk (min)",
      "Effective talk-time ratio", "Effective talk-time ratio — grade", "Promise-to-pay rate", "Promise-to-pay rate — grade", "Right-party contact rate", "Right-party contact rate — grade",
    ]);
    expect(sheet.rows[0]).toEqual(["'00123", "'2026-10", 10, 4, 5, 2, 12.5, 10, 0.8, "Meets", 0.5, "", 0.5, ""]);
    expect(sheet.formats.slice(2, 9)).toEqual(["#,##0", "#,##0", "#,##0", "#,##0", "#,##0.0", "#,##0.0", "0.0%"]);
  });
});

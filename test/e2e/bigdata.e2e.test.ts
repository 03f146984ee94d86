/**
 * Issue 17, item 2 end to end: a call log too large for the workbook (1,100,000 rows, about 63 MB,
 * over BIG_FILE_BYTES and over the grid's 1,048,575 data rows) chosen in the Data tab of the
 * browser preview. The pane reads only its first megabyte, offers "Aggregate outside the
 * workbook", runs the generated DuckDB SQL in DuckDB-Wasm (a Web Worker, the engine's files
 * from the preview's own origin), and writes one sheet of values; the numbers equal aggregate()
 * of the same file, computed here. Cancel during the run leaves every sheet as it was, and a
 * bad value stops the run with its row and column named, nothing written.
 *
 * BIGDATA_DIST=<dir> serves another build than dist/ (a build of one's own while dist/ is
 * being rebuilt by someone else: `npx webpack --mode production --output-path <dir>`).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { BrowserContext, Page, chromium } from "playwright-core";
import { serve, type PreviewServer } from "../../scripts/preview-server";
import { type CallRecord, type TypedTable, aggregate, decodeBytes, parseCsv, suggestMapping, typeRows } from "../../src/data";
import { BIG_FILE_BYTES } from "../../src/taskpane/bigdata/plan";
import { BIG_STRINGS } from "../../src/taskpane/bigdata/strings";
import { DATA_STRINGS } from "../../src/taskpane/dataStrings";
import { CHROMIUM, CHROMIUM_ARGS, DIST } from "./browser";
import { previewPage } from "./previewPage";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCallLog } = require("../../scripts/rawdata.js") as { generateCallLog: (rows: number, seed?: number) => string };

jest.setTimeout(900_000);

const ROOT_DIST = process.env.BIGDATA_DIST || DIST;
const ROWS = 1_100_000;
const s = DATA_STRINGS.en;
const b = BIG_STRINGS.en;

let server: PreviewServer;
let context: BrowserContext;
let page: Page;
let dir: string;
let csvPath: string;
let text: string;
const requests: string[] = [];
const pageErrors: string[] = [];
const { pane, open } = previewPage(() => page);

beforeAll(async () => {
  if (!existsSync(join(ROOT_DIST, "preview.html")) || !existsSync(join(ROOT_DIST, "duckdb", "duckdb-eh.wasm"))) throw new Error(`${ROOT_DIST} holds no build with the engine: run npx webpack --mode production (--output-path <dir> and BIGDATA_DIST=<dir>).`);
  dir = mkdtempSync(join(tmpdir(), "collectkpi-bigdata-"));
  text = generateCallLog(ROWS, 17);
  csvPath = join(dir, "calls-big.csv");
  writeFileSync(csvPath, text);
  server = await serve({ root: ROOT_DIST, port: 0 });
  context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 }, locale: "en-US" });
  context.on("request", (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** aggregate() of the file: parseCsv stops at the grid's rows, so the file is typed in two parts split between two calls (a duplicate call id repeats the id just before it, so no duplicate pair is split) and the records joined. */
async function expected(csv: string): Promise<{ rows: ReturnType<typeof aggregate>["rows"]; kept: number }> {
  const lines = csv.split("\n");
  let cut = 600_000;
  while (lines[cut].split(",")[0] === lines[cut + 1].split(",")[0]) cut++;
  const header = lines[0];
  const parts = [lines.slice(1, cut + 1), lines.slice(cut + 1).filter((l) => l !== "")];
  const records: CallRecord[] = [];
  let typed: TypedTable<"calls"> | undefined;
  for (const part of parts) {
    const decoded = decodeBytes(new Uint8Array(Buffer.from([header, ...part].join("\n") + "\n")));
    if (!decoded.ok) throw new Error("decode");
    const parsed = await parseCsv(decoded.text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const t = typeRows("calls", parsed.table, suggestMapping("calls", parsed.table.headers));
    if (!t.ok) throw new Error(JSON.stringify(t.problems));
    for (const r of t.table.records) records.push(r);
    typed = t.table;
  }
  const all = { ...(typed as TypedTable<"calls">), records };
  return { rows: aggregate({ calls: all }).rows, kept: records.length };
}

/** Every sheet's name and values, through the bridge the preview publishes for the pane's frame. */
function workbook(): Promise<{ name: string; values: unknown[][] }[]> {
  return page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const bridge = (window as unknown as { collectPreview: { run: (batch: (context: any) => Promise<unknown>) => Promise<unknown> } }).collectPreview;
    return (await bridge.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      await context.sync();
      const used = sheets.items.map((sh: { getUsedRangeOrNullObject(v: boolean): { load(p: string): unknown } }) => sh.getUsedRangeOrNullObject(false).load("values"));
      await context.sync();
      return sheets.items.map((sh: { name: string }, i: number) => ({ name: sh.name, values: (used[i] as { isNullObject: boolean; values: unknown[][] }).isNullObject ? [] : (used[i] as { values: unknown[][] }).values }));
    })) as { name: string; values: unknown[][] }[];
  });
}

async function choose(path: string): Promise<void> {
  const panel = pane().getByRole("tabpanel", { name: s.tab });
  await panel.locator('input[type="file"]').first().setInputFiles(path);
  await panel.getByRole("button", { name: b.run }).waitFor({ timeout: 60_000 });
}

/** Waits for the check step's final message (the engine can take minutes on a busy machine). */
async function finalStatus(): Promise<{ tone: string; text: string }> {
  const status = pane().getByRole("tabpanel", { name: s.tab }).locator(".ck-status").nth(1);
  const final = status.locator("xpath=self::*[contains(@class,'ck-status--success') or contains(@class,'ck-status--warning') or contains(@class,'ck-status--error') or contains(@class,'ck-status--info')]");
  await final.waitFor({ timeout: 600_000 });
  return { tone: ((await status.getAttribute("class")) ?? "").replace("ck-status ck-status--", ""), text: (await status.textContent()) ?? "" };
}

describe("a file beyond the grid, aggregated in the pane by DuckDB-Wasm", () => {
  test("the threshold: this file goes to the engine by its size", () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(BIG_FILE_BYTES);
  });

  test("Cancel during the run terminates the engine and leaves the workbook as it was", async () => {
    await open(server.url, "en");
    await pane().getByRole("tab", { name: s.tab }).click();
    expect(requests.some((u) => /duckdb/.test(u))).toBe(false);
    const before = await workbook();
    await choose(csvPath);
    const source = pane().getByRole("tabpanel", { name: s.tab }).locator(".ck-status").first();
    expect(await source.textContent()).toContain("too large to import into the workbook");
    const panel = pane().getByRole("tabpanel", { name: s.tab });
    await panel.getByRole("button", { name: b.run }).click();
    // Cancel once the engine reads the file (the worker has been started).
    await panel.locator(".ck-progress__text", { hasText: "Reading and checking" }).waitFor({ timeout: 120_000 });
    await panel.getByRole("button", { name: s.cancel }).click();
    const status = await finalStatus();
    expect(status).toEqual({ tone: "info", text: s.cancelled });
    expect(await workbook()).toEqual(before);
    // The engine came from this origin only.
    const engine = requests.filter((u) => /duckdb/.test(u));
    expect(engine.length).toBeGreaterThan(0);
    expect(engine.every((u) => u.startsWith(server.url))).toBe(true);
  });

  test("the aggregates are written as values, stamped, and equal aggregate() of the same file", async () => {
    const want = await expected(text);
    await open(server.url, "en");
    await pane().getByRole("tab", { name: s.tab }).click();
    await choose(csvPath);
    const panel = pane().getByRole("tabpanel", { name: s.tab });
    await panel.getByRole("button", { name: b.run }).click();
    const status = await finalStatus();
    expect(status.tone).toBe("success");
    expect(status.text).toContain("Wrote 'Calls KPIs'");
    const sheet = (await workbook()).find((w) => w.name === "Calls KPIs");
    expect(sheet).toBeDefined();
    const values = sheet!.values;
    expect(String(values[1][0])).toMatch(new RegExp(`^Source: calls-big\\.csv · 1,100,000 rows read, ${want.kept.toLocaleString("en-US")} kept, ${(ROWS - want.kept).toLocaleString("en-US")} duplicates dropped · \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$`));
    const header = values[3] as string[];
    expect(header.slice(0, 8)).toEqual(["Collector", "Month", "Call attempts", "Accounts contacted", "Right-party contacts", "Promises to pay", "Talk time (min)", "Effective talk (min)"]);
    const body = values.slice(4).filter((r) => r[0] !== "");
    expect(body.length).toBe(want.rows.length);
    const byKey = new Map(body.map((r) => [`${r[0]}|${r[1]}`, r]));
    for (const w of want.rows) {
      const r = byKey.get(`${w.collector}|${w.month}`);
      expect(r).toBeDefined();
      const got = { attempts: r![2], contacted: r![3], rightParty: r![4], promises: r![5], totalTalk: r![6], effectiveTalk: r![7] };
      expect(got.attempts).toBe(w.values.attempts);
      expect(got.contacted).toBe(w.values.contacted);
      expect(got.rightParty).toBe(w.values.rightParty);
      expect(got.promises).toBe(w.values.promises);
      expect(got.totalTalk as number).toBeCloseTo(w.values.totalTalk as number, 6);
      expect(got.effectiveTalk as number).toBeCloseTo(w.values.effectiveTalk as number, 6);
      // The KPIs beside them: ratios of those sums (RPC = right-party / attempts, PTP = promises / contacted).
      const rpc = header.indexOf("Right-party contact rate");
      if (rpc >= 0) expect(r![rpc] as number).toBeCloseTo((w.values.rightParty as number) / (w.values.attempts as number), 12);
    }
    // Values, not formulas, and nothing left the machine.
    expect(requests.every((u) => u.startsWith(server.url) || u.startsWith("data:") || u.startsWith("blob:"))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  test("a bad value stops the run before anything is written: its row and column named", async () => {
    const lines = text.split("\n");
    // Line 700,001 of the file (data row 700,000): a duration that is not a number.
    const cells = lines[700_000].split(",");
    cells[4] = "12x";
    lines[700_000] = cells.join(",");
    const bad = join(dir, "calls-bad.csv");
    writeFileSync(bad, lines.join("\n"));
    await open(server.url, "en");
    await pane().getByRole("tab", { name: s.tab }).click();
    const before = await workbook();
    await choose(bad);
    await pane().getByRole("tabpanel", { name: s.tab }).getByRole("button", { name: b.run }).click();
    const status = await finalStatus();
    expect(status.tone).toBe("error");
    expect(status.text).toContain("Row 700,001, column Duration (s): '12x' is not a number");
    expect(await workbook()).toEqual(before);
  });
});

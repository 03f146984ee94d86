/**
 * Item 8 (issue 14's Performance): importing a 1,000,000-row call log, in headless Chromium,
 * against DuckDB reading the same file in the same run; and the SUMIFS of an imported
 * scorecard over 100,000 raw rows in the built preview.
 *
 * The import: scripts/rawdata.js generateCallLog(1,000,000) written to a temporary file, served
 * by a local server and fetched by a page as bytes (the fetch is not timed). The page runs the
 * import's own modules — decodeBytes → parseCsv → suggestMapping + typeRows → aggregate, the
 * src/data code the task pane bundles — from a small bench bundle webpack builds in production
 * mode from a bench entry (the taskpane's data chunk does not expose the functions to a page;
 * a bundle of our own also lets the same run load the data core of an older commit, the
 * "before" of a change, beside the working tree's). Each step is timed with performance.now();
 * peak JS heap is the largest of performance.memory.usedJSHeapSize (precise-memory-info,
 * sampled between steps and at every parse slice) and CDP Runtime.getHeapUsage sampled every
 * 20 ms; the heap is collected (CDP HeapProfiler.collectGarbage) before each run. Runs are
 * interleaved: before, after, DuckDB; medians are reported.
 *
 * DuckDB (@duckdb/node-api, in a child process of its own so its peak RSS is its own) reads the
 * same file with read_csv and computes the same aggregates: per collector (case-insensitive, as
 * SUMIFS) × month, after dropping repeated call ids (the first in file order is kept):
 * calls, distinct accounts among connected calls, right-party calls, promises, Σ duration / 60,
 * Σ right-party duration / 60. Its numbers must equal ours, every collector-month, or the item
 * fails. DuckDB uses every core; the page's import runs on one thread.
 *
 * The SUMIFS: a 100,000-row call log (the same generator, plus a DPD column so that M1 has a
 * stage) goes through the Data tab of the built preview as a user takes it — the file input,
 * the suggested mapping confirmed, M1 built for 2026-10 — timed from the Build click until an
 * M1 cell shows its SUMIFS value; then one raw cell (a row's days past due) is changed through
 * the Excel API and timed until the dependent COUNTIFS shows the new count. No target.
 */
import { type ChildProcess, execFileSync, spawn } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { ROOT } from "./bundle";

export const IMPORT_ROWS = 1_000_000;
export const SUMIFS_ROWS = 100_000;
/** The data core before the speed work of issue 14's item 8 (the parent of its commit). */
export const DATA_BEFORE = "f9e29de^";
const MONTH = "2026-10";

/** Milliseconds of each step of one import run. */
export interface StepTimes {
  decodeMs: number;
  parseMs: number;
  typeMs: number;
  aggregateMs: number;
  totalMs: number;
  /** Peak JS heap during the run, bytes. */
  peakHeapBytes: number;
}

export interface ImportSide {
  readonly label: string;
  /** Medians over the runs. */
  readonly median: StepTimes;
  readonly samples: StepTimes[];
  readonly rowsPerSecond: number;
  readonly kept: number;
  readonly duplicates: number;
}

export interface DuckResult {
  readonly medianMs: number;
  readonly samples: number[];
  readonly peakRssBytes: number | null;
  readonly version: string;
  readonly threads: number | null;
}

export interface SumifsResult {
  readonly rows: number;
  readonly buildMs: number | null;
  readonly recalcMs: number | null;
  readonly formula: string | null;
  readonly notes: string[];
}

export interface DataImportResult {
  readonly available: boolean;
  readonly reason?: string;
  readonly rows?: number;
  readonly fileBytes?: number;
  readonly runs?: number;
  readonly after?: ImportSide;
  readonly before?: ImportSide | null;
  readonly beforeRevision?: string | null;
  readonly duckdb?: DuckResult;
  /** Collector-months compared with DuckDB and what differed (empty: equal). */
  readonly check?: { readonly groups: number; readonly mismatches: string[]; readonly beforeMismatches: string[] };
  readonly sumifs?: SumifsResult | null;
  readonly notes?: string[];
}

/** One aggregate row as both sides report it. */
interface Group {
  collector: string;
  month: string;
  attempts: number;
  contacted: number;
  rightParty: number;
  promises: number;
  totalTalk: number;
  effectiveTalk: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- the bench bundles --------------------------------------------------------------------

/**
 * Builds the data core in `srcDir` (a src/data folder) into `outDir/<name>.js` with webpack in
 * production mode: a classic script that sets window[name] to the import's functions.
 */
export async function buildImportBundle(srcDir: string, outDir: string, name: string, minimize = true): Promise<void> {
  const entry = join(outDir, `${name}.entry.ts`);
  const from = (m: string): string => JSON.stringify(join(srcDir, m));
  writeFileSync(
    entry,
    `import { decodeBytes } from ${from("decode")};\n` +
      `import { parseCsv } from ${from("csv")};\n` +
      `import { typeRows } from ${from("typed")};\n` +
      `import { aggregate } from ${from("aggregate")};\n` +
      `import { suggestMapping } from ${from("schema")};\n` +
      `(globalThis as any)[${JSON.stringify(name)}] = { decodeBytes, parseCsv, typeRows, aggregate, suggestMapping };\n`
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require(join(ROOT, "node_modules", "webpack")) as typeof import("webpack");
  const compiler = webpack({
    mode: "production",
    target: ["web", "es2020"],
    devtool: false,
    entry,
    output: { path: outDir, filename: `${name}.js` },
    resolve: { extensions: [".ts", ".js"], modules: [join(ROOT, "node_modules")] },
    resolveLoader: { modules: [join(ROOT, "node_modules")] },
    module: { rules: [{ test: /\.ts$/, use: { loader: "ts-loader", options: { transpileOnly: true, configFile: join(ROOT, "tsconfig.json") } } }] },
    performance: { hints: false },
    optimization: { minimize },
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    })
  );
}

/** src/data of `revision` extracted into `dir` (git archive); undefined when git cannot. */
function extractRevision(revision: string, dir: string): string | undefined {
  try {
    const tar = execFileSync("git", ["archive", revision, "src/data"], { cwd: ROOT, maxBuffer: 64 << 20 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
    return join(dir, "src", "data");
  } catch {
    return undefined;
  }
}

// ---- the page -----------------------------------------------------------------------------

export const PAGE = `<!doctype html><meta charset="utf-8"><title>import bench</title>
<script src="after.js"></script><script src="before.js" onerror="void 0"></script>
<script>
window.benchBytes = null;
window.benchLoad = async () => {
  const response = await fetch("calls.csv");
  window.benchBytes = new Uint8Array(await response.arrayBuffer());
  return window.benchBytes.length;
};
window.benchRun = async (name, wantGroups) => {
  const lib = window[name];
  // Heap samples between steps and at each parse slice; their own time is taken out of the steps.
  let peak = performance.memory.usedJSHeapSize;
  let sampling = 0;
  const sample = () => {
    const s0 = performance.now();
    const h = performance.memory.usedJSHeapSize;
    if (h > peak) peak = h;
    sampling += performance.now() - s0;
  };
  const t0 = performance.now();
  const decoded = lib.decodeBytes(window.benchBytes);
  const t1 = performance.now();
  sample();
  const s1 = sampling;
  const t1b = performance.now();
  const parsed = await lib.parseCsv(decoded.text, { onProgress: sample });
  const t2 = performance.now();
  const s2 = sampling;
  sample();
  if (!parsed.ok) throw new Error("parse: " + JSON.stringify(parsed.problems));
  const t2b = performance.now();
  const mapping = lib.suggestMapping("calls", parsed.table.headers);
  const typed = lib.typeRows("calls", parsed.table, mapping);
  const t3 = performance.now();
  sample();
  if (!typed.ok) throw new Error("typeRows: " + JSON.stringify(typed.problems));
  const t3b = performance.now();
  const agg = lib.aggregate({ calls: typed.table });
  const t4 = performance.now();
  sample();
  const decodeMs = t1 - t0, parseMs = t2 - t1b - (s2 - s1), typeMs = t3 - t2b, aggregateMs = t4 - t3b;
  const groups = wantGroups ? agg.rows.map((r) => ({ collector: r.collector, month: r.month, attempts: r.values.attempts, contacted: r.values.contacted,
    rightParty: r.values.rightParty, promises: r.values.promises, totalTalk: r.values.totalTalk, effectiveTalk: r.values.effectiveTalk })) : null;
  return { decodeMs, parseMs, typeMs, aggregateMs, totalMs: decodeMs + parseMs + typeMs + aggregateMs, peakHeapBytes: peak, samplingMs: sampling,
    kept: typed.table.stats.kept, duplicates: typed.table.stats.duplicates, groups };
};
</script>`;

interface PageRun extends StepTimes {
  kept: number;
  duplicates: number;
  groups: Group[] | null;
}

async function timedRun(page: Page, cdp: CDPSession, name: string, wantGroups: boolean): Promise<PageRun> {
  await cdp.send("HeapProfiler.collectGarbage");
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { usedSize } = await cdp.send("Runtime.getHeapUsage");
        if (usedSize > peak) peak = usedSize;
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const run = (await page.evaluate(({ name, wantGroups }) => (window as any).benchRun(name, wantGroups), { name, wantGroups })) as PageRun;
    run.peakHeapBytes = Math.max(run.peakHeapBytes, peak);
    return run;
  } finally {
    sampling = false;
    await sampler;
  }
}

// ---- DuckDB ---------------------------------------------------------------------------------

/** The DuckDB side: a child process that answers each "run" line on stdin with one JSON line. */
const DUCK_CHILD = String.raw`
const { DuckDBInstance, version } = require("@duckdb/node-api");
const readline = require("readline");
const file = process.argv[1];
const src = "read_csv('" + file.replace(/'/g, "''") + "', header = true, delim = ',', quote = '\"', " +
  "columns = {'call_id': 'VARCHAR', 'agent': 'VARCHAR', 'account': 'VARCHAR', 'call_time': 'TIMESTAMP', 'duration': 'DOUBLE', 'connected': 'VARCHAR', 'rpc': 'VARCHAR', 'ptp': 'VARCHAR'})";
// rn: the row's place in the file (read_csv keeps the file's order: preserve_insertion_order);
// a repeated call id keeps its first row, as typeRows does.
const SQL = "WITH raw AS (SELECT *, row_number() OVER () AS rn FROM " + src + "), " +
  "calls AS (SELECT call_id, arg_min({agent: agent, account: account, call_time: call_time, duration: duration, connected: connected, rpc: rpc, ptp: ptp}, rn) AS r FROM raw GROUP BY call_id), " +
  "flat AS (SELECT unnest(r) FROM calls) " +
  "SELECT lower(agent) AS collector, strftime(call_time, '%Y-%m') AS month, count(*) AS attempts, " +
  "count(DISTINCT account) FILTER (WHERE connected = 'Y') AS contacted, count(*) FILTER (WHERE rpc = 'Y') AS rightParty, " +
  "count(*) FILTER (WHERE ptp = 'Y') AS promises, sum(duration) / 60 AS totalTalk, coalesce(sum(duration) FILTER (WHERE rpc = 'Y'), 0) / 60 AS effectiveTalk " +
  "FROM flat GROUP BY ALL ORDER BY collector, month";
(async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const threads = (await connection.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects()[0].t;
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line !== "run" && line !== "run+groups") break;
    const t0 = performance.now();
    const reader = await connection.runAndReadAll(SQL);
    const rows = reader.getRowObjects();
    const ms = performance.now() - t0;
    const groups = line === "run+groups" ? rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))) : null;
    process.stdout.write(JSON.stringify({ ms, groups, version: version(), threads: Number(threads), maxRssKiB: process.resourceUsage().maxRSS }) + "\n");
  }
})().catch((e) => { process.stderr.write(String(e && e.stack || e) + "\n"); process.exit(1); });
`;

class DuckChild {
  private readonly child: ChildProcess;
  private buffer = "";
  private waiting: ((line: string) => void) | undefined;
  private readonly lines: string[] = [];
  stderr = "";
  constructor(file: string) {
    this.child = spawn(process.execPath, ["-e", DUCK_CHILD, file], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w(line);
        } else this.lines.push(line);
      }
    });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (this.stderr += chunk));
  }
  run(groups: boolean): Promise<{ ms: number; groups: Group[] | null; version: string; threads: number; maxRssKiB: number }> {
    return new Promise((resolve, reject) => {
      const done = (line: string): void => resolve(JSON.parse(line));
      this.child.once("exit", (code) => reject(new Error(`DuckDB child exited (${code}): ${this.stderr.trim()}`)));
      if (this.lines.length > 0) done(this.lines.shift() as string);
      else this.waiting = done;
      this.child.stdin?.write(groups ? "run+groups\n" : "run\n");
    });
  }
  close(): void {
    this.child.stdin?.end("quit\n");
    this.child.kill();
  }
}

/** Where ours and DuckDB's collector-months differ (collector compared without case, as SUMIFS). */
function compare(ours: Group[], theirs: Group[]): string[] {
  const key = (g: Group): string => `${g.collector.toLowerCase()} ${g.month}`;
  const map = new Map(theirs.map((g) => [key(g), g]));
  const out: string[] = [];
  if (ours.length !== theirs.length) out.push(`${ours.length} collector-months against ${theirs.length}`);
  const fields: (keyof Group)[] = ["attempts", "contacted", "rightParty", "promises", "totalTalk", "effectiveTalk"];
  for (const g of ours) {
    const t = map.get(key(g));
    if (t === undefined) {
      out.push(`${key(g)} missing`);
      continue;
    }
    for (const f of fields) {
      const a = g[f] as number;
      const b = t[f] as number;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) out.push(`${key(g)} ${f}: ${a} against ${b}`);
    }
  }
  return out.slice(0, 20);
}

// ---- SUMIFS in the preview ------------------------------------------------------------------

/** generateCallLog plus a DPD column (1–120 days, so M1 keeps about a quarter of the rows). */
function callLogWithDpd(rows: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCallLog } = require("../scripts/rawdata") as { generateCallLog: (rows: number, seed: number) => string };
  const lines = generateCallLog(rows, 2).split("\n");
  const out: string[] = [`${lines[0]},DPD`];
  for (let i = 1; i < lines.length; i++) if (lines[i] !== "") out.push(`${lines[i]},${1 + ((i * 37) % 120)}`);
  return out.join("\n") + "\n";
}

async function sumifsInPreview(browser: Browser, distDir: string, rows: number, timeoutMs: number, progress: (s: string) => void): Promise<SumifsResult> {
  const notes: string[] = [];
  const text = callLogWithDpd(rows);
  // What the pane will lay out and compute, from the data core in this process.
  const data = await import("../src/data");
  const { TEMPLATES } = await import("../src/templates");
  const { DATA_STRINGS } = await import("../src/taskpane/dataStrings");
  const { STRINGS: PANE } = await import("../src/taskpane/strings");
  const { formatValue } = await import("../src/preview/numberFormat");
  const { columnLetters } = await import("../src/excel-sim/a1");
  const parsed = await data.parseCsv(text);
  if (!parsed.ok) throw new Error("the SUMIFS call log does not parse");
  const typed = data.typeRows("calls", parsed.table, data.suggestMapping("calls", parsed.table.headers));
  if (!typed.ok) throw new Error("the SUMIFS call log does not type");
  const records = typed.table.records;
  const collectors = [...new Set(records.filter((r) => r.month === MONTH).map((r) => r.collector))].sort((a, b) => a.localeCompare(b, "en"));
  const agent = collectors[0];
  const m1 = data.aggregate({ calls: typed.table }, { stage: "m1" }).rows.find((r) => r.collector === agent && r.month === MONTH);
  if (m1 === undefined) throw new Error(`no M1 calls of ${agent} in ${MONTH}`);
  const attempts = m1.values.attempts as number;
  // The template's cell of the agent's attempts (the e2e test finds it the same way).
  const spec = TEMPLATES.find((t) => t.id === "m1")!.build({ language: "en", sample: false, data: { rows: collectors, monthStart: data.monthStart(MONTH), inputFormula: (k) => (k === "attempts" ? "MARKER()" : undefined) } });
  let target: { address: string; format: string | undefined } | undefined;
  for (let r = 0; r < spec.cells.length && target === undefined; r++) {
    if (spec.cells[r][0] !== agent) continue;
    const c = spec.cells[r].findIndex((v) => typeof v === "string" && v.includes("MARKER()"));
    if (c >= 0) target = { address: `${columnLetters(c)}${r + 1}`, format: spec.numberFormats[r][c] };
  }
  if (target === undefined) throw new Error("M1 has no attempts cell");
  const shows = (n: number): string => formatValue(n, target!.format).text;
  // The raw row to change: the agent's first kept M1 call of the month; its DPD becomes 200 (M4+).
  const k = records.findIndex((r) => r.collector === agent && r.month === MONTH && r.dpd !== undefined && r.dpd >= 1 && r.dpd <= 30);
  const dpdColumn = data.tableColumns("calls", typed.table.mapped).findIndex((c) => c.key === "dpd");
  const rawCell = `${columnLetters(dpdColumn)}${k + 2}`;

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { serve } = require("../scripts/preview-server") as typeof import("../scripts/preview-server");
  const server = await serve({ root: distDir, port: 0 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" });
  const page = await context.newPage();
  page.on("pageerror", (e) => notes.push(`page error: ${e.message}`));
  let buildMs: number | null = null;
  let recalcMs: number | null = null;
  let formula: string | null = null;
  const cellText = async (address: string, test: (text: string) => boolean): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await page.evaluate((a) => document.querySelector(`.pv-grid td[data-cell="${a}"]`)?.textContent ?? null, address);
      if (text !== null && test(text)) return;
      if (Date.now() > deadline) throw new Error(`${address} never showed the value (last: ${text})`);
      await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => r())));
    }
  };
  try {
    const s = DATA_STRINGS.en;
    await page.goto(`${server.url}preview.html?lang=en`);
    await page.waitForSelector('body[data-engine="ready"]', { timeout: 60_000 });
    const pane = page.frameLocator("iframe.pv-pane");
    await pane.getByRole("tab", { name: PANE.en.tabTemplates }).waitFor();
    await pane.getByRole("tab", { name: s.tab }).click();
    const panel = pane.getByRole("tabpanel", { name: s.tab });
    progress(`  reading and checking ${rows.toLocaleString("en")} rows in the pane`);
    await panel.locator('input[type="file"]').first().setInputFiles({ name: "calls.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
    await panel.getByRole("button", { name: s.confirm }).click({ timeout: timeoutMs });
    const finalStatus = (i: number) => panel.locator(".ck-status").nth(i).locator("xpath=self::*[contains(@class,'ck-status--success') or contains(@class,'ck-status--warning') or contains(@class,'ck-status--error')]");
    await finalStatus(1).waitFor({ timeout: timeoutMs });
    await panel.getByLabel(s.templateLabel, { exact: true }).selectOption("m1");
    await panel.getByLabel(s.monthLabel, { exact: true }).selectOption(MONTH);
    progress("  building M1 (the table, its names and the SUMIFS sheet)");
    const t0 = performance.now();
    await panel.getByRole("button", { name: s.build }).click({ timeout: timeoutMs });
    await finalStatus(2).waitFor({ timeout: timeoutMs });
    const status = await panel.locator(".ck-status").nth(2).getAttribute("class");
    if (!status?.includes("success")) throw new Error(`the build failed: ${await panel.locator(".ck-status").nth(2).textContent()}`);
    await cellText(target.address, (t) => t === shows(attempts));
    buildMs = performance.now() - t0;
    formula = await page.evaluate(async (a) => {
      const bridge = (window as any).collectPreview;
      let f = "";
      await bridge.run(async (ctx: any) => {
        const r = ctx.workbook.worksheets.getActiveWorksheet().getRange(a).load("formulas");
        await ctx.sync();
        f = r.formulas[0][0];
      });
      return f;
    }, target.address);
    progress("  one raw cell changed: until the COUNTIFS shows the new count");
    const t1 = performance.now();
    await page.evaluate(
      async ({ cell }) => {
        const bridge = (window as any).collectPreview;
        await bridge.run(async (ctx: any) => {
          ctx.workbook.worksheets.getItem("Calls data").getRange(cell).values = [[200]];
          await ctx.sync();
        });
      },
      { cell: rawCell }
    );
    await cellText(target.address, (t) => t === shows(attempts - 1));
    recalcMs = performance.now() - t1;
  } catch (e) {
    notes.push((e as Error).message);
  } finally {
    await context.close();
    await server.close();
  }
  return { rows, buildMs, recalcMs, formula, notes };
}

// ---- item 8 -----------------------------------------------------------------------------------

export interface DataImportOptions {
  readonly runs: number;
  /** The revision whose src/data is the "before" (null: none). */
  readonly before: string | null;
  /** The built preview for the SUMIFS part (null: skip it). */
  readonly distDir: string | null;
  readonly timeoutMs: number;
  readonly rows?: number;
  readonly progress: (s: string) => void;
}

export async function dataImportBench(options: DataImportOptions): Promise<DataImportResult> {
  const { CHROMIUM, CHROMIUM_ARGS } = await import("../test/e2e/browser");
  if (!existsSync(CHROMIUM)) return { available: false, reason: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` };
  const { progress } = options;
  const rows = options.rows ?? IMPORT_ROWS;
  const dir = mkdtempSync(join(tmpdir(), "collectkpi-import-"));
  const notes: string[] = [];
  let duck: DuckChild | undefined;
  let browser: Browser | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  try {
    progress(`generating a ${rows.toLocaleString("en")}-row call log`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateCallLog } = require("../scripts/rawdata") as { generateCallLog: (rows: number, seed: number) => string };
    const file = join(dir, "calls.csv");
    const text = generateCallLog(rows, 1);
    writeFileSync(file, text);
    const fileBytes = Buffer.byteLength(text);

    progress("building the bench bundles of the data core (webpack, production)");
    await buildImportBundle(join(ROOT, "src", "data"), dir, "after");
    let beforeRevision: string | null = null;
    if (options.before !== null) {
      const old = join(dir, "before-src");
      mkdirSync(old);
      const srcDir = extractRevision(options.before, old);
      if (srcDir === undefined) notes.push(`no "before": git archive ${options.before} failed`);
      else {
        await buildImportBundle(srcDir, dir, "before");
        beforeRevision = execFileSync("git", ["rev-parse", "--short", options.before], { cwd: ROOT, encoding: "utf8" }).trim();
      }
    }
    writeFileSync(join(dir, "bench.html"), PAGE);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serve } = require("../scripts/preview-server") as typeof import("../scripts/preview-server");
    server = await serve({ root: dir, port: 0, index: "bench.html" });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"] });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}bench.html`);
    await page.evaluate(() => (window as any).benchLoad());
    const cdp = await page.context().newCDPSession(page);
    const sides: { name: string; runs: PageRun[] }[] = [{ name: "after", runs: [] }];
    if (beforeRevision !== null) sides.unshift({ name: "before", runs: [] });
    duck = new DuckChild(file);
    const duckRuns: { ms: number; groups: Group[] | null; version: string; threads: number; maxRssKiB: number }[] = [];
    for (let run = 0; run < options.runs; run++) {
      for (const side of sides) {
        progress(`  run ${run + 1}/${options.runs}: ours (${side.name === "after" ? "working tree" : beforeRevision})`);
        side.runs.push(await timedRun(page, cdp, side.name, run === 0));
      }
      progress(`  run ${run + 1}/${options.runs}: DuckDB`);
      duckRuns.push(await duck.run(run === 0));
    }
    const sideResult = (name: string, label: string): ImportSide | null => {
      const side = sides.find((s) => s.name === name);
      if (side === undefined) return null;
      const pick = (f: keyof StepTimes): number => median(side.runs.map((r) => r[f]));
      const m: StepTimes = { decodeMs: pick("decodeMs"), parseMs: pick("parseMs"), typeMs: pick("typeMs"), aggregateMs: pick("aggregateMs"), totalMs: pick("totalMs"), peakHeapBytes: pick("peakHeapBytes") };
      const samples = side.runs.map(({ decodeMs, parseMs, typeMs, aggregateMs, totalMs, peakHeapBytes }) => ({ decodeMs, parseMs, typeMs, aggregateMs, totalMs, peakHeapBytes }));
      return { label, median: m, samples, rowsPerSecond: rows / (m.totalMs / 1000), kept: side.runs[0].kept, duplicates: side.runs[0].duplicates };
    };
    const after = sideResult("after", "working tree") as ImportSide;
    const before = sideResult("before", beforeRevision ?? "");
    const ourGroups = sides.find((s) => s.name === "after")!.runs[0].groups as Group[];
    const beforeGroups = sides.find((s) => s.name === "before")?.runs[0].groups ?? null;
    const duckGroups = duckRuns[0].groups as Group[];
    const check = {
      groups: ourGroups.length,
      mismatches: compare(ourGroups, duckGroups),
      beforeMismatches: beforeGroups === null ? [] : compare(beforeGroups, duckGroups),
    };
    const duckdb: DuckResult = {
      medianMs: median(duckRuns.map((r) => r.ms)),
      samples: duckRuns.map((r) => r.ms),
      peakRssBytes: Math.max(...duckRuns.map((r) => r.maxRssKiB)) * 1024,
      version: duckRuns[0].version,
      threads: duckRuns[0].threads,
    };
    duck.close();
    duck = undefined;
    await page.close();

    let sumifs: SumifsResult | null = null;
    if (options.distDir !== null) {
      if (!existsSync(join(options.distDir, "preview.html"))) notes.push(`no preview.html in ${options.distDir}: SUMIFS not measured`);
      else {
        progress(`SUMIFS of M1 over ${SUMIFS_ROWS.toLocaleString("en")} raw rows in the preview`);
        sumifs = await sumifsInPreview(browser, options.distDir, SUMIFS_ROWS, options.timeoutMs, progress);
      }
    }
    return { available: true, rows, fileBytes, runs: options.runs, after, before, beforeRevision, duckdb, check, sumifs, notes };
  } finally {
    duck?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- report -----------------------------------------------------------------------------------

const fms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
const int = (x: number): string => Math.round(x).toLocaleString("en");

/** Item 8's targets, in bench/main.ts's shape. */
export function dataImportTargets(result: DataImportResult): { item: string; target: string; measured: string; pass: boolean | null }[] {
  if (!result.available || !result.after || !result.duckdb || !result.check) {
    return [{ item: "8. import 1,000,000-row call log vs DuckDB", target: "≤ 3×", measured: `n/a: ${result.reason ?? "not run"}`, pass: null }];
  }
  const r = result.after.median.totalMs / result.duckdb.medianMs;
  const equal = result.check.mismatches.length === 0;
  const out = [
    {
      item: `8. import ${int(result.rows as number)} calls (parse + aggregate) vs DuckDB`,
      target: "≤ 3×",
      measured: `${r.toFixed(2)}× (${fms(result.after.median.totalMs)} / ${fms(result.duckdb.medianMs)} ms)`,
      pass: r <= 3,
    },
    {
      item: "8. our aggregates = DuckDB's, every collector-month",
      target: "equal",
      measured: equal ? `equal (${result.check.groups})` : `DIFFER: ${result.check.mismatches.slice(0, 3).join("; ")}`,
      pass: equal,
    },
  ];
  return out;
}

/** Item 8's lines of the bench report. */
export function dataImportReport(result: DataImportResult): string[] {
  if (!result.available || !result.after || !result.duckdb || !result.check) return [`8. Data import: n/a: ${result.reason ?? "not run"}`];
  const { after, before, duckdb, check } = result;
  const lines = [
    `8. Data import: a ${int(result.rows as number)}-row call log (${(((result.fileBytes as number) / 1e6) as number).toFixed(1)} MB, 8 columns) in headless Chromium against DuckDB ${duckdb.version} (${duckdb.threads} threads) on the same file, medians of ${result.runs} interleaved runs`,
    `| step | ${before ? `before (${result.beforeRevision}) ms | ` : ""}ours ms |`,
    `| --- | ${before ? "---: | " : ""}---: |`,
  ];
  const row = (what: string, f: keyof StepTimes, format: (x: number) => string = fms): string => `| ${what} | ${before ? `${format(before.median[f])} | ` : ""}${format(after.median[f])} |`;
  lines.push(row("decode (UTF-8 bytes → text)", "decodeMs"));
  lines.push(row("parseCsv", "parseMs"));
  lines.push(row("suggestMapping + typeRows (dedup)", "typeMs"));
  lines.push(row("aggregate (collector × month)", "aggregateMs"));
  lines.push(row("total", "totalMs"));
  lines.push(`| rows/s | ${before ? `${int(before.rowsPerSecond)} | ` : ""}${int(after.rowsPerSecond)} |`);
  lines.push(row("peak JS heap", "peakHeapBytes", mib));
  lines.push(`| DuckDB read_csv + the same aggregates | ${before ? `${fms(duckdb.medianMs)} | ` : ""}${fms(duckdb.medianMs)} |`);
  lines.push(`| ours / DuckDB | ${before ? `${(before.median.totalMs / duckdb.medianMs).toFixed(2)}× | ` : ""}${(after.median.totalMs / duckdb.medianMs).toFixed(2)}× |`);
  lines.push(
    `Kept ${int(after.kept)} calls, ${int(after.duplicates)} repeated call ids dropped; ${check.groups} collector-months, ` +
      (check.mismatches.length === 0 ? "equal to DuckDB's" : `DIFFERENT from DuckDB's: ${check.mismatches.join("; ")}`) +
      (before ? (check.beforeMismatches.length === 0 ? " (the before's too)" : `; before: ${check.beforeMismatches.join("; ")}`) : "") +
      `. DuckDB peak RSS ${duckdb.peakRssBytes === null ? "n/a" : mib(duckdb.peakRssBytes)} (its own process).`
  );
  if (result.sumifs) {
    const s = result.sumifs;
    lines.push(
      `SUMIFS in the preview, ${int(s.rows)} raw calls through the Data tab: Build M1 until its first COUNTIFS shows ${s.buildMs === null ? "n/a" : `${fms(s.buildMs)} ms`}; ` +
        `one raw cell changed until the COUNTIFS shows the new count ${s.recalcMs === null ? "n/a" : `${fms(s.recalcMs)} ms`}` +
        (s.formula ? ` (${s.formula.length > 120 ? s.formula.slice(0, 117) + "…" : s.formula})` : "") +
        (s.notes.length ? `; notes: ${s.notes.join("; ")}` : "")
    );
  }
  if (result.notes && result.notes.length) lines.push(`Notes: ${result.notes.join("; ")}`);
  return lines;
}

/** `node -r ./bench/register -e 'require("./bench/dataImport").cli()' -- [--runs N] [--rows N] [--dist DIR] [--before REV|none]`: item 8 alone. */
export async function cli(argv: string[] = process.argv.slice(1)): Promise<void> {
  let runs = 3;
  let rows = IMPORT_ROWS;
  let distDir: string | null = null;
  let before: string | null = DATA_BEFORE;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--rows") rows = Number(argv[++i]);
    else if (argv[i] === "--dist") distDir = argv[++i];
    else if (argv[i] === "--before") before = argv[++i] === "none" ? null : argv[i];
  }
  const result = await dataImportBench({ runs, rows, before, distDir, timeoutMs: 300_000, progress: (s) => void process.stderr.write(`[bench] ${s}\n`) });
  process.stderr.write(dataImportReport(result).join("\n") + "\n");
  for (const t of dataImportTargets(result)) process.stderr.write(`${t.item}: ${t.measured} (target ${t.target}) ${t.pass === null ? "n/a" : t.pass ? "pass" : "MISS"}\n`);
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

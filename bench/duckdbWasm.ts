/**
 * Bench item 9 (issue 17): a 5,000,000-row call log (about 300 MB of CSV, scripts/rawdata.js)
 * aggregated per collector × month by the task pane's own path, DuckDB-Wasm in a Web Worker of the
 * preview in headless Chromium (choose the file in the Data tab, "Aggregate outside the
 * workbook", until the sheet of values is written), and by DuckDB's native engine
 * (@duckdb/node-api, in a child process of its own) running the very same SQL
 * (src/taskpane/bigdata/plan.ts: load, check, the generated script, the query) over the same
 * file, in the same run. Target: the pane within 3× of the native engine.
 *
 * Peak memory: the native side's peak RSS (its process alone); the pane's, the peak of the summed
 * RSS of every Chromium process (browser, renderer, the worker's, GPU …), sampled from /proc every
 * 100 ms, and that sum just before the click (the baseline of a page with the preview loaded).
 *
 *   node -r ./bench/register.js -e 'require("./bench/duckdbWasm.ts").cli()' -- --rows 5000000 --dist <dir>
 */
import { spawn } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

export const WASM_ROWS = 5_000_000;

export interface WasmBenchOptions {
  readonly rows?: number;
  /** A production build with preview.html and duckdb/ (scripts/bench.js builds one). */
  readonly distDir: string;
  readonly timeoutMs?: number;
  readonly progress?: (s: string) => void;
}

export interface WasmBenchResult {
  readonly available: boolean;
  readonly reason?: string;
  readonly rows?: number;
  readonly fileBytes?: number;
  /** Click → the sheet written, in the pane (engine start, read, check, aggregate, write). */
  readonly paneMs?: number;
  readonly paneMessage?: string;
  readonly panePeakRssBytes?: number;
  readonly paneBaselineRssBytes?: number;
  readonly nativeMs?: number;
  readonly nativePeakRssBytes?: number;
  readonly nativeThreads?: number;
  readonly nativeVersion?: string;
  /** Σ attempts over every collector × month: the same on both sides. */
  readonly nativeAttempts?: number;
  readonly paneAttempts?: number;
  readonly groups?: number;
}

/** Summed RSS (bytes) of `pid` and its descendants, from /proc. */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      const pages = Number(fields[21]);
      rss.set(Number(name), pages * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** The native side, in a child process: the plan's SQL over the file; prints one JSON line. */
const NATIVE_CHILD = `
require("./bench/register.js");
const { DuckDBInstance } = require("@duckdb/node-api");
const { enginePlan } = require("./src/taskpane/bigdata/plan.ts");
const { suggestMapping } = require("./src/data/index.ts");
(async () => {
  const file = process.argv[1];
  const headers = require("fs").readFileSync(file, "utf8").slice(0, 4096).split("\\n")[0].split(",");
  const plan = enginePlan("calls", headers, suggestMapping("calls", headers), file, ",");
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const t0 = performance.now();
  for (const s of plan.load) await c.run(s);
  const problems = (await c.runAndReadAll(plan.problems)).getRowObjectsJson();
  for (const s of plan.script) await c.run(s);
  await c.runAndReadAll(plan.stats);
  const rows = (await c.runAndReadAll(plan.query)).getRowObjectsJson();
  const ms = performance.now() - t0;
  const threads = (await c.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJson()[0].t;
  const version = (await c.runAndReadAll("SELECT version() AS v")).getRowObjectsJson()[0].v;
  const attempts = rows.reduce((s, r) => s + Number(r.attempts), 0);
  process.stdout.write(JSON.stringify({ ms, problems: problems.length, groups: rows.length, attempts, threads: Number(threads), version, maxRssKiB: process.resourceUsage().maxRSS }) + "\\n");
})().catch((e) => { console.error(e && e.message ? e.message : e); process.exit(1); });
`;

function native(file: string): Promise<{ ms: number; problems: number; groups: number; attempts: number; threads: number; version: string; maxRssKiB: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["-e", NATIVE_CHILD, file], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (err += c));
    child.on("exit", (code) => (code === 0 ? done(JSON.parse(out.trim().split("\n").pop() as string)) : fail(new Error(`native DuckDB exited ${code}: ${err.trim()}`))));
  });
}

export async function duckdbWasmBench(options: WasmBenchOptions): Promise<WasmBenchResult> {
  const rows = options.rows ?? WASM_ROWS;
  const progress = options.progress ?? (() => undefined);
  const timeout = options.timeoutMs ?? 1_200_000;
  if (!existsSync(join(options.distDir, "preview.html")) || !existsSync(join(options.distDir, "duckdb"))) return { available: false, reason: `no preview with duckdb/ in ${options.distDir}` };
  if (!existsSync(CHROMIUM)) return { available: false, reason: `no Chromium at ${CHROMIUM}` };
  const dir = mkdtempSync(join(tmpdir(), "collectkpi-bench9-"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCallLog } = require("../scripts/rawdata.js") as { generateCallLog: (n: number, seed?: number) => string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { serve } = require("../scripts/preview-server.js") as typeof import("../scripts/preview-server");
  const file = join(dir, "calls-5m.csv");
  progress(`writing a ${rows.toLocaleString("en")}-row call log`);
  writeFileSync(file, generateCallLog(rows, 9));
  const fileBytes = statSync(file).size;
  const server = await serve({ root: options.distDir, port: 0 });
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    // The native engine first, alone on the machine.
    progress("native DuckDB (@duckdb/node-api) over the same file");
    const n = await native(file);

    progress("DuckDB-Wasm in the preview's task pane");
    const page = await browser.newPage();
    await page.goto(`${server.url}preview.html?lang=en`);
    const pane = page.frameLocator("iframe.pv-pane");
    await pane.getByRole("tab", { name: "Data" }).click();
    const panel = pane.getByRole("tabpanel", { name: "Data" });
    await panel.locator('input[type="file"]').first().setInputFiles(file);
    const run = panel.getByRole("button", { name: "Aggregate outside the workbook" });
    await run.waitFor({ timeout: 120_000 });
    const pid = (browser as unknown as { process?: () => { pid: number } }).process?.()?.pid;
    // playwright's Browser has no pid: find the Chromium launched for this bench as the newest chromium child of this process.
    const root = pid ?? chromiumPid();
    const baseline = root === undefined ? 0 : treeRss(root);
    let peak = baseline;
    const sampler = setInterval(() => {
      if (root !== undefined) peak = Math.max(peak, treeRss(root));
    }, 100);
    const t0 = Date.now();
    await run.click();
    const status = panel.locator(".ck-status").nth(1);
    const deadline = Date.now() + timeout;
    let cls = "";
    while (Date.now() < deadline && !/success|error|warning|info/.test((cls = (await status.getAttribute("class")) ?? ""))) await page.waitForTimeout(100);
    const paneMs = Date.now() - t0;
    clearInterval(sampler);
    const message = (await status.textContent()) ?? "";
    if (!/success/.test(cls)) return { available: false, reason: `the pane said: ${message}` };
    // Σ attempts from the written sheet, through the preview's bridge.
    const paneAttempts = await page.evaluate(async () => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const bridge = (window as any).collectPreview;
      return bridge.run(async (context: any) => {
        const range = context.workbook.worksheets.getItem("Calls KPIs").getUsedRangeOrNullObject(false).load("values");
        await context.sync();
        return (range.values as unknown[][]).slice(4).reduce((s: number, r: unknown[]) => s + (typeof r[2] === "number" ? r[2] : 0), 0);
      });
    });
    return {
      available: true,
      rows,
      fileBytes,
      paneMs,
      paneMessage: message,
      panePeakRssBytes: peak,
      paneBaselineRssBytes: baseline,
      nativeMs: n.ms,
      nativePeakRssBytes: n.maxRssKiB * 1024,
      nativeThreads: n.threads,
      nativeVersion: n.version,
      nativeAttempts: n.attempts,
      paneAttempts: paneAttempts as number,
      groups: n.groups,
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pid of the newest Chromium whose parent is this process (playwright's launch). */
function chromiumPid(): number | undefined {
  let best: { pid: number; start: number } | undefined;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) !== process.pid || !/chrom/i.test(comm)) continue;
      const start = Number(fields[19]);
      if (best === undefined || start > best.start) best = { pid: Number(name), start };
    } catch {
      // gone meanwhile
    }
  }
  return best?.pid;
}

const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Item 9's target, in bench/main.ts's shape. */
export function duckdbWasmTargets(r: WasmBenchResult): { item: string; target: string; measured: string; pass: boolean | null }[] {
  if (!r.available || r.paneMs === undefined || r.nativeMs === undefined) return [{ item: "9. DuckDB-Wasm in the pane vs native DuckDB", target: "≤ 3×", measured: `n/a: ${r.reason ?? "not run"}`, pass: null }];
  const ratio = r.paneMs / r.nativeMs;
  return [
    { item: `9. ${(r.rows as number).toLocaleString("en")} calls: DuckDB-Wasm in the pane vs native DuckDB`, target: "≤ 3×", measured: `${ratio.toFixed(2)}× (${sec(r.paneMs)} / ${sec(r.nativeMs)})`, pass: ratio <= 3 },
    { item: "9. the same numbers on both sides (Σ attempts)", target: "equal", measured: `${r.paneAttempts} / ${r.nativeAttempts}`, pass: r.paneAttempts === r.nativeAttempts },
  ];
}

export function duckdbWasmReport(r: WasmBenchResult): string[] {
  if (!r.available) return [`9. DuckDB-Wasm: not measured (${r.reason})`];
  return [
    `9. A ${(r.rows as number).toLocaleString("en")}-row call log (${((r.fileBytes as number) / 1e6).toFixed(0)} MB CSV), ${r.groups} collector × month rows:`,
    `   the pane (DuckDB-Wasm in a Web Worker, click → sheet written): ${sec(r.paneMs as number)}; Chromium's processes peak ${mib(r.panePeakRssBytes as number)} RSS (${mib(r.paneBaselineRssBytes as number)} before the click)`,
    `   native DuckDB ${r.nativeVersion} (@duckdb/node-api, ${r.nativeThreads} threads, the same SQL): ${sec(r.nativeMs as number)}; peak RSS ${mib(r.nativePeakRssBytes as number)}`,
    `   ratio ${((r.paneMs as number) / (r.nativeMs as number)).toFixed(2)}×; Σ attempts ${r.paneAttempts} (pane) / ${r.nativeAttempts} (native)`,
  ];
}

/** Standalone: --rows N --dist DIR [--json]. */
export async function cli(argv: string[] = process.argv.slice(1)): Promise<void> {
  const at = (flag: string) => argv.indexOf(flag);
  const rows = at("--rows") >= 0 ? Number(argv[at("--rows") + 1]) : WASM_ROWS;
  const distDir = at("--dist") >= 0 ? argv[at("--dist") + 1] : join(ROOT, "dist");
  const result = await duckdbWasmBench({ rows, distDir, progress: (s) => process.stderr.write(`[9] ${s}\n`) });
  if (argv.includes("--json")) process.stdout.write(JSON.stringify(result) + "\n");
  else process.stdout.write([...duckdbWasmReport(result), ...duckdbWasmTargets(result).map((t) => `${t.item}: ${t.measured} (target ${t.target})`)].join("\n") + "\n");
}

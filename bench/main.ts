/**
 * The bench of issue 7 (run by scripts/bench.js; see there for the options). Every figure
 * that has a target is a ratio of two numbers measured in this run on the same data.
 */
import { rmSync } from "fs";
import * as os from "os";
import { aggregation, AggregationRow, kpiFunctions, memory, MemoryResult } from "./aggregation";
import { buildProduction, loadFunctions } from "./bundle";
import { balancesData, callLog, columnData, EXCEL_ROWS, perCellData, scorecardData } from "./data";
import { DATA_BEFORE, dataImportBench, dataImportReport, dataImportTargets, DataImportResult } from "./dataImport";
import { duckdbWasmBench, duckdbWasmReport, duckdbWasmTargets, WasmBenchResult } from "./duckdbWasm";
import { load, LoadResult } from "./load";
import { sink } from "./measure";
import { perCell, PerCellRow } from "./percell";
import { previewBench, previewReport, previewTargets, PreviewResult } from "./preview";
import { peer, PeerResult } from "./peer";
import { scorecards, ScorecardRow } from "./scorecards";
import { taskpaneWrites, TaskpaneResult } from "./taskpane";

interface Options {
  json: boolean;
  peer: boolean;
  dist?: string;
  runs: number;
  /** Items to run (1–6 of issue 7, 7: the preview of issue 16, 8: the data import of issue 14, 9: DuckDB-Wasm in the pane, issue 17); all by default. */
  only: Set<number>;
  /** Item 8's "before": the revision whose src/data is measured beside the working tree's (null: none). */
  dataBefore: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { json: false, peer: true, runs: 9, only: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]), dataBefore: DATA_BEFORE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") options.json = true;
    else if (a === "--no-peer") options.peer = false;
    else if (a === "--dist") options.dist = argv[++i];
    else if (a === "--runs") options.runs = Math.max(3, Number(argv[++i]) | 0);
    else if (a === "--only") options.only = new Set(argv[++i].split(",").map(Number));
    else if (a === "--data-before") options.dataBefore = argv[++i] === "none" ? null : argv[i];
    else throw new Error(`unknown option ${a} (use --json, --no-peer, --dist DIR, --runs N, --only 1,2,…, --data-before REV|none)`);
  }
  return options;
}

interface Target {
  readonly item: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | null;
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}

// ---- formatting ---------------------------------------------------------------------------

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const ratio = (x: number): string => (x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)) + "×";
const kib = (bytes: number): string => (bytes / 1024).toFixed(1) + " KiB";
const int = (x: number): string => Math.round(x).toLocaleString("en");

/** A Markdown table; columns whose cells all start with a digit (or are "-") are right-aligned. */
function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => i > 0 && rows.every((r) => /^([0-9]|-$)/.test(r[i])));
  const line = (cells: string[]): string =>
    "| " + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ") + " |";
  const rule = "| " + widths.map((w, i) => (numeric[i] ? "-".repeat(w - 1) + ":" : "-".repeat(w))).join(" | ") + " |";
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

const mark = (pass: boolean | null): string => (pass === null ? "n/a" : pass ? "pass" : "MISS");

// ---- the run ------------------------------------------------------------------------------

export async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const progress = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);
  const info = machine();

  let distDir = options.dist;
  if (distDir === undefined) {
    progress("building the production bundle (webpack --mode production)…");
    distDir = buildProduction();
    const built = distDir;
    process.on("exit", () => rmSync(built, { recursive: true, force: true })); // the bench's own temporary build
  }
  progress(`measuring the bundle in ${distDir}`);
  const fns = loadFunctions(distDir);

  const want = (item: number): boolean => options.only.has(item);
  const started = performance.now();
  const stage = (s: string): void => progress(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${s}`);

  let loadResult: LoadResult | undefined;
  if (want(6)) {
    stage("6. load: sizes and cold registration time");
    loadResult = load(distDir, 7);
  }
  let columns = want(1) || want(4) ? (stage("generating 1,048,576-row columns"), columnData(EXCEL_ROWS)) : undefined;

  let agg: AggregationRow[] = [];
  if (want(1) && columns) {
    stage("1. whole-column aggregation: ours vs the bare loop");
    agg = aggregation(fns, columns, options.runs);
  }
  let mem: MemoryResult | undefined;
  if (want(4) && columns) {
    stage("4. memory of one 1,048,576-row call");
    mem = memory(fns, columns);
  }
  // The peer next: its workbook is the biggest thing in the heap, and the rest runs after it is gone.
  let peerResult: PeerResult | undefined;
  if (options.peer && want(1) && columns) {
    stage("1. the HyperFormula peer (builds a 1,048,576 × 3 workbook, ~30 s)…");
    peerResult = peer(columns, Math.max(5, Math.ceil(options.runs / 2)), stage);
    for (const row of agg) {
      row.peerMs = row.args === 2 ? peerResult.twoArgMs : peerResult.threeArgMs;
      row.oursPerPeer = row.oursMs / row.peerMs;
    }
  }
  columns = undefined; // let the 1,048,576-row data go before the timings that collect garbage between runs

  let cell: PerCellRow[] = [];
  if (want(2)) {
    stage("2. per-cell calls");
    const kpiNames = kpiFunctions().map((k) => k.fn).filter((fn) => fn !== "CUMRECOVERY");
    cell = perCell(fns, perCellData(100_000), ["RECOVERYRATE", "COMPLIANCE"], kpiNames, options.runs);
  }
  let cards: ScorecardRow[] = [];
  if (want(3)) {
    stage("3. scorecards: generating data");
    cards = scorecards(fns, scorecardData(10_000), balancesData(120, 8), () => callLog(1_000_000), options.runs, (s) => stage(`3. ${s}`));
  }
  let writes: TaskpaneResult | undefined;
  if (want(5)) {
    stage("5. task pane writes");
    writes = await taskpaneWrites();
  }
  let previewResult: PreviewResult | undefined;
  if (want(7)) {
    stage("7. the preview in headless Chromium: a 100,000 × 10 sheet and a 20 × 10 one");
    previewResult = await previewBench(distDir, { runs: 3, timeoutMs: 120_000, progress: (s) => stage(`7. ${s.trim()}`) });
  }

  let importResult: DataImportResult | undefined;
  if (want(8)) {
    stage("8. data import of a 1,000,000-row call log in headless Chromium against DuckDB; SUMIFS over 100,000 rows in the preview");
    // 3 runs at most: each import run builds a million records (~400 MiB of heap in the page, ~10 s before the speed work).
    importResult = await dataImportBench({ runs: Math.min(options.runs, 3), before: options.dataBefore, distDir, timeoutMs: 300_000, progress: (s) => stage(`8. ${s.trim()}`) });
    const differ = importResult.check?.mismatches ?? [];
    if (differ.length > 0) progress(`8. FAILED: our aggregates differ from DuckDB's: ${differ.join("; ")}`);
  }

  let wasmResult: WasmBenchResult | undefined;
  if (want(9)) {
    stage("9. a 5,000,000-row call log: DuckDB-Wasm in the preview's pane vs native DuckDB, the same SQL");
    wasmResult = await duckdbWasmBench({ distDir, progress: (s) => stage(`9. ${s.trim()}`) });
  }

  stage("done");

  // ---- targets ----
  const targets: Target[] = [];
  if (agg.length > 0) {
    const worstLimit = agg.reduce((a, b) => (b.oursPerLimit > a.oursPerLimit ? b : a));
    targets.push({
      item: "1. whole column vs bare loop",
      target: "≤ 1.5×",
      measured: `worst ${ratio(worstLimit.oursPerLimit)} (${worstLimit.fn})`,
      pass: worstLimit.oursPerLimit <= 1.5,
    });
    if (peerResult) {
      const worstPeer = agg.reduce((a, b) => ((b.oursPerPeer ?? 0) > (a.oursPerPeer ?? 0) ? b : a));
      targets.push({
        item: "1. whole column vs HyperFormula",
        target: "≥ 5× faster (ours/peer ≤ 0.2×)",
        measured: `worst ${ratio(worstPeer.oursPerPeer as number)} (${worstPeer.fn})`,
        pass: (worstPeer.oursPerPeer as number) <= 0.2,
      });
    } else {
      targets.push({ item: "1. whole column vs HyperFormula", target: "≥ 5× faster", measured: "skipped (--no-peer)", pass: null });
    }
  }
  for (const c of cell) {
    targets.push({ item: `2. per-cell ${c.fn} vs bare division`, target: "≤ 3×", measured: ratio(c.oursPerBare), pass: c.oursPerBare <= 3 });
    targets.push({
      item: `2. per-cell ${c.fn} allocation`,
      target: "none per call beyond the result",
      measured: `${c.extraBytesPerCall.toFixed(1)} B/call extra`,
      pass: c.extraBytesPerCall < 1,
    });
  }
  for (const s of cards) {
    if (s.target === undefined) continue;
    targets.push({ item: `3. ${s.name}: ${s.what}`, target: `≤ ${s.target}× ${s.floor}`, measured: ratio(s.oursPerFloor), pass: s.oursPerFloor <= s.target });
  }
  if (mem) {
    targets.push({ item: "4. extra heap, 1,048,576-row call", target: "< 1 MiB", measured: `${int(mem.maxBytes)} B`, pass: mem.maxBytes < 2 ** 20 });
  }
  if (writes?.available) {
    const worst = Math.max(...writes.templates.map((t) => t.syncs));
    targets.push({ item: "5. syncs per template insertion", target: "≤ 3", measured: `worst ${worst}`, pass: worst <= 3 });
  } else if (writes) {
    targets.push({ item: "5. syncs per template insertion", target: "≤ 3", measured: `n/a: ${writes.reason}`, pass: null });
  }
  if (previewResult) targets.push(...previewTargets(previewResult));
  if (importResult) targets.push(...dataImportTargets(importResult));
  if (wasmResult) targets.push(...duckdbWasmTargets(wasmResult));
  if (loadResult) {
    targets.push({ item: "6. functions.js minified", target: "≤ 60 KB", measured: kib(loadResult.functionsJsBytes), pass: loadResult.functionsJsBytes <= 60 * 1024 });
    targets.push({ item: "6. task pane JavaScript minified", target: "≤ 300 KB", measured: kib(loadResult.taskpaneJsBytes), pass: loadResult.taskpaneJsBytes <= 300 * 1024 });
    targets.push({
      item: "6. functions.js registers every function",
      target: "all of functions.json",
      measured: `${loadResult.registered}/${loadResult.declared}`,
      pass: loadResult.missing.length === 0,
    });
  }

  // ---- report ----
  const out: string[] = [];
  out.push(`CollectKPI bench: ${info.cpu} × ${info.cores}, ${info.memoryGiB} GiB, Node ${info.node}, ${info.platform}, load ${(info.loadAverage as number[]).join(" ")}`);
  out.push(`Medians of ${options.runs} interleaved runs; ratios are of numbers measured in this run. Absolute ms are noise on a shared machine.`);
  if (agg.length > 0) {
    out.push("");
    out.push(`1. Whole-column aggregation: ${int(EXCEL_ROWS)} × 1 per argument (limit: bare loop; peer: HyperFormula recalculating SUM/SUM after an edit)`);
    out.push(
      table(
        ["function", "ours ms", "limit ms", "peer ms", "ours/limit", "ours/peer"],
        agg.map((r) => [
          r.args === 2 ? r.fn : `${r.fn} (3 ranges)`,
          ms(r.oursMs),
          ms(r.limitMs),
          r.peerMs === undefined ? "-" : ms(r.peerMs),
          ratio(r.oursPerLimit),
          r.oursPerPeer === undefined ? "-" : ratio(r.oursPerPeer),
        ])
      )
    );
    if (peerResult) out.push(`(peer workbook build: ${(peerResult.buildMs / 1000).toFixed(1)} s, not counted)`);
  }
  if (cell.length > 0) {
    out.push("");
    out.push(`2. Per-cell calls: ${int(cell[0].calls)} calls with [[x]] arguments through one generic call site`);
    out.push(
      table(
        ["function", "ours ms", "bare ms", "calls/s", "bare calls/s", "ours/bare", "extra B/call"],
        cell.map((c) => [c.fn, ms(c.oursMs), ms(c.bareMs), int(c.callsPerSecond), int(c.bareCallsPerSecond), ratio(c.oursPerBare), c.extraBytesPerCall.toFixed(1)])
      )
    );
  }
  if (cards.length > 0) {
    out.push("");
    out.push("3. Scorecards");
    out.push(
      table(
        ["function", "input", "ours ms", "floor ms", "ours/floor", "floor"],
        cards.map((s) => [s.name, s.what, ms(s.oursMs), ms(s.floorMs), ratio(s.oursPerFloor), s.floor])
      )
    );
  }
  if (mem) {
    out.push("");
    out.push(
      `4. Memory: heap allocated by one ${int(EXCEL_ROWS)}-row call (an upper bound on its peak extra heap): ` +
        Object.entries(mem.bytesByFunction).map(([fn, b]) => `${fn} ${int(b)} B`).join(", ") +
        ` (a copy of one input column would be ≥ ${int(mem.inputBytesPerRange)} B)`
    );
  }
  if (writes) {
    out.push("");
    out.push("5. Task pane writes (fake Excel)");
    if (writes.available) {
      out.push(
        table(
          ["template", "workbook", "context.sync()", "range writes", "Excel.run"],
          writes.templates.map((t) => [t.template, t.workbook, String(t.syncs), String(t.rangeWrites), String(t.runs)])
        )
      );
    } else {
      out.push(`n/a: ${writes.reason}`);
    }
  }
  if (loadResult) {
    out.push("");
    out.push("6. Load (production build, minified; office.js from its CDN excluded)");
    out.push(
      table(
        ["what", "bytes", "gzip"],
        [
          ["functions.js", `${int(loadResult.functionsJsBytes)} (${kib(loadResult.functionsJsBytes)})`, int(loadResult.functionsJsGzipBytes)],
          [
            `task pane page JS (${loadResult.taskpaneScripts.map((s) => s.src).join(" + ")}${loadResult.inlineScriptBytes ? " + inline" : ""})`,
            `${int(loadResult.taskpaneJsBytes)} (${kib(loadResult.taskpaneJsBytes)})`,
            int(loadResult.taskpaneJsGzipBytes),
          ],
        ]
      )
    );
    out.push(
      `Evaluate functions.js and register ${loadResult.registered}/${loadResult.declared} functions: ${ms(loadResult.registerMs)} ms ` +
        `(median of ${loadResult.registerSamples.length} cold loads, each in a fresh process)` +
        (loadResult.missing.length ? `; NOT registered: ${loadResult.missing.join(", ")}` : "")
    );
  }
  if (previewResult) {
    out.push("");
    out.push(...previewReport(previewResult));
  }
  if (importResult) {
    out.push("");
    out.push(...dataImportReport(importResult));
  }
  if (wasmResult) {
    out.push("");
    out.push(...duckdbWasmReport(wasmResult));
  }
  out.push("");
  out.push("Targets");
  out.push(table(["item", "target", "measured", "result"], targets.map((t) => [t.item, t.target, t.measured, mark(t.pass)])));
  const text = out.join("\n") + "\n";

  const missed = targets.filter((t) => t.pass === false).length;
  if (options.json) {
    process.stderr.write(text);
    const result = {
      machine: info,
      options: { runs: options.runs, peer: options.peer, dist: distDir, only: [...options.only] },
      aggregation: agg,
      peer: peerResult ?? null,
      perCell: cell,
      scorecards: cards,
      memory: mem ?? null,
      taskpane: writes ?? null,
      load: loadResult ?? null,
      preview: previewResult ?? null,
      dataImport: importResult ?? null,
      duckdbWasm: wasmResult ?? null,
      targets,
      missed,
      sink,
    };
    process.stdout.write(JSON.stringify(result) + "\n");
  } else {
    process.stdout.write(text);
  }
  // A bench reports; it does not fail a build on a shared machine's noise.
  return 0;
}

/**
 * Item 7: the browser preview at the size of real work (issue 16), in headless Chromium
 * (playwright-core with the system browser, the flags of the end-to-end tests).
 *
 * Two pages of the built preview (dist/preview.html) in one browser: one gets a 100,000 × 10
 * numeric sheet, the other a 20 × 10 sheet of the same kind, and each action is timed on both,
 * interleaved (small, large, small, large …), so every ratio compares numbers of this run:
 *
 * - first paint: the data goes into the workbook on a sheet that is not active, through the
 *   Excel API the task pane uses (the bridge preview.ts publishes for the pane's frame; no
 *   test-only hook), and the engine computes it; then the sheet's tab is clicked and the clock
 *   runs until the grid shows its first and last visible values and a frame has been painted;
 * - typing a formula into an empty cell (select, type 39 characters, Enter) until its result shows;
 * - editing one input of that formula until the formula's cell shows the new result;
 * - the Name box: typing A99990 and Enter until that cell shows its value (on the 20-row
 *   sheet: until the empty cell is there).
 *
 * The typed formula is the same text on both sheets (it reads rows 1–20), so the ratio is the
 * cost of the sheet's size alone. An action that takes longer than --preview-timeout (default
 * 120 s) is reported as "> timeout" and ends that page's measures.
 */
import { existsSync } from "fs";
import { join } from "path";
import type { Browser, Page } from "playwright-core";

export const LARGE_ROWS = 100_000;
export const SMALL_ROWS = 20;
export const COLUMNS = 10;
/** 39 characters, the same on both sheets; its result depends on A1:A20, B1:B20 and C1. */
export const FORMULA = "=COLLECT.RECOVERYRATE(A1:A20,B1:B20)+C1";
const FORMULA_CELLS = ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"];

export interface PreviewTimings {
  readonly rows: number;
  /** Writing the data through the Excel API until the sync (and the engine) finished: not a target. */
  loadMs: number | null;
  firstPaintMs: number | null;
  /** Medians over the runs; null when an action timed out (see `timedOut`). */
  typeEnterMs: number | null;
  /** Of typeEnterMs: from Enter to the result (the typing itself is the rest). */
  enterMs: number | null;
  editMs: number | null;
  jumpMs: number | null;
  samples: { typeEnter: number[]; enter: number[]; edit: number[]; jump: number[] };
  /** What failed or timed out, if anything. */
  notes: string[];
}

export interface PreviewResult {
  readonly available: boolean;
  readonly reason?: string;
  readonly small?: PreviewTimings;
  readonly large?: PreviewTimings;
  readonly runs?: number;
  readonly timeoutMs?: number;
}

/** The value of the data sheet at (row, column), both 0-based: positive integers, B above A. */
function dataValue(row: number, column: number): number {
  if (column === 1) return dataValue(row, 0) + 100 + (row % 50);
  return ((row * 7919 + column * 104729) % 1000) + 1;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

class Timeout extends Error {}

async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`${what}: > ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after the next two animation frames: what changed before it has been painted. */
const painted = (page: Page): Promise<void> => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Waits (polling every frame) until the cell is in the grid and its text satisfies `test`. */
async function cellText(page: Page, address: string, test: { not?: string; is?: string; nonEmpty?: boolean }, timeoutMs: number): Promise<string> {
  const handle = await page.waitForFunction(
    ({ a, t }) => {
      const td = document.querySelector(`.pv-grid td[data-cell="${a}"]`);
      if (td === null) return false;
      const text = td.textContent ?? "";
      if (t.is !== undefined && text !== t.is) return false;
      if (t.not !== undefined && text === t.not) return false;
      if (t.nonEmpty && text === "") return false;
      return { text };
    },
    { a: address, t: test },
    { polling: "raf", timeout: timeoutMs }
  );
  const value = (await handle.jsonValue()) as { text: string };
  return value.text;
}

interface Side {
  readonly page: Page;
  readonly timings: PreviewTimings;
  dead: boolean;
}

async function openSide(browser: Browser, url: string, rows: number, timeoutMs: number, progress: (s: string) => void): Promise<Side> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "en-US" });
  const page = await context.newPage();
  const timings: PreviewTimings = {
    rows,
    loadMs: null,
    firstPaintMs: null,
    typeEnterMs: null,
    enterMs: null,
    editMs: null,
    jumpMs: null,
    samples: { typeEnter: [], enter: [], edit: [], jump: [] },
    notes: [],
  };
  page.on("pageerror", (e) => timings.notes.push(`page error: ${e.message}`));
  await page.goto(`${url}preview.html?lang=en`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 60_000 });
  progress(`  ${rows} rows: loading the data through the Excel API`);
  try {
    timings.loadMs = await within(
      timeoutMs * 3,
      "load",
      page.evaluate(
        async ({ rows, columns, fn }) => {
          const value = new Function("row", "column", `const f = ${fn}; return f(row, column);`) as (r: number, c: number) => number;
          const grid: number[][] = [];
          for (let r = 0; r < rows; r++) {
            const line: number[] = [];
            for (let c = 0; c < columns; c++) line.push(value(r, c));
            grid.push(line);
          }
          const bridge = (window as unknown as { collectPreview: { run: (batch: (context: any) => Promise<unknown>) => Promise<unknown> } }).collectPreview;
          const t0 = performance.now();
          await bridge.run(async (context) => {
            const sheet = context.workbook.worksheets.add("Data");
            sheet.getRange(`A1:J${rows}`).values = grid;
            await context.sync();
          });
          return performance.now() - t0;
        },
        { rows, columns: COLUMNS, fn: dataValue.toString() }
      )
    );
  } catch (e) {
    timings.notes.push(`load: ${(e as Error).message}`);
    return { page, timings, dead: true };
  }
  return { page, timings, dead: false };
}

async function firstPaint(side: Side, timeoutMs: number): Promise<void> {
  const { page, timings } = side;
  await page.bringToFront();
  const t0 = performance.now();
  try {
    await within(
      timeoutMs,
      "first paint",
      (async () => {
        await page.locator('.pv-tab[data-sheet="Data"]').click({ timeout: timeoutMs });
        await cellText(page, "A1", { is: String(dataValue(0, 0)) }, timeoutMs);
        await cellText(page, "J20", { is: String(dataValue(19, 9)) }, timeoutMs);
        await painted(page);
      })()
    );
    timings.firstPaintMs = performance.now() - t0;
  } catch (e) {
    timings.notes.push((e as Error).message);
    side.dead = true;
  }
}

/** Selects a cell by clicking it (it is on the first screen). */
async function clickCell(page: Page, address: string, timeoutMs: number): Promise<void> {
  await page.locator(`.pv-grid td[data-cell="${address}"]`).click({ timeout: timeoutMs });
}

async function typeFormula(side: Side, run: number, timeoutMs: number): Promise<void> {
  const { page, timings } = side;
  const address = FORMULA_CELLS[run % FORMULA_CELLS.length];
  await page.bringToFront();
  try {
    await within(timeoutMs, "type a formula", clickCell(page, address, timeoutMs));
    await painted(page);
    const t0 = performance.now();
    let t1 = t0;
    await within(
      timeoutMs,
      "type a formula and Enter",
      (async () => {
        await page.keyboard.type(FORMULA);
        t1 = performance.now();
        await page.keyboard.press("Enter");
        await cellText(page, address, { nonEmpty: true }, timeoutMs);
        await painted(page);
      })()
    );
    const t2 = performance.now();
    timings.samples.typeEnter.push(t2 - t0);
    timings.samples.enter.push(t2 - t1);
  } catch (e) {
    timings.notes.push((e as Error).message);
    side.dead = true;
  }
}

async function editInput(side: Side, run: number, timeoutMs: number): Promise<void> {
  const { page, timings } = side;
  const formulaCell = FORMULA_CELLS[0];
  await page.bringToFront();
  try {
    const before = await within(timeoutMs, "edit an input", cellText(page, formulaCell, { nonEmpty: true }, timeoutMs));
    await within(timeoutMs, "edit an input", clickCell(page, "A3", timeoutMs));
    await painted(page);
    const t0 = performance.now();
    await within(
      timeoutMs,
      "edit an input",
      (async () => {
        await page.keyboard.type(String(2000 + run));
        await page.keyboard.press("Enter");
        await cellText(page, formulaCell, { not: before }, timeoutMs);
        await painted(page);
      })()
    );
    timings.samples.edit.push(performance.now() - t0);
  } catch (e) {
    timings.notes.push((e as Error).message);
    side.dead = true;
  }
}

async function jump(side: Side, timeoutMs: number): Promise<void> {
  const { page, timings } = side;
  const target = "A99990";
  const expected = timings.rows >= 99_990 ? String(dataValue(99_989, 0)) : "";
  await page.bringToFront();
  const nameBox = page.locator(".pv-namebox");
  if ((await nameBox.getAttribute("readonly")) !== null) {
    timings.notes.push("Name box jump: not supported (the Name box is read-only)");
    return;
  }
  try {
    await nameBox.click({ timeout: timeoutMs });
    await nameBox.fill(target);
    const t0 = performance.now();
    await within(
      timeoutMs,
      "Name box jump",
      (async () => {
        await nameBox.press("Enter");
        await cellText(page, target, { is: expected }, timeoutMs);
        // The cell must be on screen, not merely in the document.
        await page.waitForFunction(
          (a) => {
            const td = document.querySelector(`.pv-grid td[data-cell="${a}"]`) as HTMLElement | null;
            const wrap = document.querySelector(".pv-gridwrap") as HTMLElement | null;
            if (td === null || wrap === null) return false;
            const r = td.getBoundingClientRect();
            const w = wrap.getBoundingClientRect();
            return r.top >= w.top && r.bottom <= w.bottom && r.left >= w.left && r.right <= w.right;
          },
          target,
          { polling: "raf", timeout: timeoutMs }
        );
        await painted(page);
      })()
    );
    timings.samples.jump.push(performance.now() - t0);
    // Back to the top for the next run.
    await nameBox.click();
    await nameBox.fill("A1");
    await nameBox.press("Enter");
    await cellText(page, "A1", { nonEmpty: true }, timeoutMs);
  } catch (e) {
    timings.notes.push((e as Error).message);
    side.dead = true;
  }
}

/**
 * Runs item 7 against the built preview in `distDir`. Needs Chromium (CHROMIUM_PATH or
 * /usr/bin/chromium); reports unavailable without it.
 */
export async function previewBench(distDir: string, options: { runs: number; timeoutMs: number; largeRows?: number; progress: (s: string) => void }): Promise<PreviewResult> {
  const { CHROMIUM, CHROMIUM_ARGS } = await import("../test/e2e/browser");
  if (!existsSync(join(distDir, "preview.html"))) return { available: false, reason: `no preview.html in ${distDir}` };
  if (!existsSync(CHROMIUM)) return { available: false, reason: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` };
  const { chromium } = await import("playwright-core");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { serve } = require("../scripts/preview-server") as typeof import("../scripts/preview-server");
  const server = await serve({ root: distDir, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const { runs, timeoutMs, progress } = options;
  try {
    const small = await openSide(browser, server.url, SMALL_ROWS, timeoutMs, progress);
    const large = await openSide(browser, server.url, options.largeRows ?? LARGE_ROWS, timeoutMs, progress);
    const sides = [small, large];
    const each = async (what: string, fn: (side: Side) => Promise<void>): Promise<void> => {
      for (const side of sides) {
        if (side.dead) continue;
        progress(`  ${side.timings.rows} rows: ${what}`);
        await fn(side);
      }
    };
    await each("first paint", (s) => firstPaint(s, timeoutMs));
    for (let run = 0; run < runs; run++) await each(`type a formula and Enter (${run + 1}/${runs})`, (s) => typeFormula(s, run, timeoutMs));
    for (let run = 0; run < runs; run++) await each(`edit an input (${run + 1}/${runs})`, (s) => editInput(s, run, timeoutMs));
    for (let run = 0; run < runs; run++) await each(`Name box jump (${run + 1}/${runs})`, (s) => jump(s, timeoutMs));
    for (const { timings: t } of sides) {
      t.typeEnterMs = median(t.samples.typeEnter);
      t.enterMs = median(t.samples.enter);
      t.editMs = median(t.samples.edit);
      t.jumpMs = median(t.samples.jump);
    }
    return { available: true, small: small.timings, large: large.timings, runs, timeoutMs };
  } finally {
    await browser.close();
    await server.close();
  }
}

const fmtMs = (x: number | null, timeoutMs: number): string => (x === null ? `> ${Math.round(timeoutMs / 1000)} s or n/a` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const fmtRatio = (a: number | null, b: number | null): string => (a === null || b === null ? "-" : `${(a / b).toFixed(2)}×`);

/** The targets of item 7 (issue 16), in bench/main.ts's shape. */
export function previewTargets(result: PreviewResult): { item: string; target: string; measured: string; pass: boolean | null }[] {
  if (!result.available || result.small === undefined || result.large === undefined) {
    return [{ item: "7. preview, 100,000 × 10 sheet", target: "see below", measured: `n/a: ${result.reason ?? "not run"}`, pass: null }];
  }
  const { small, large } = result;
  const t = result.timeoutMs ?? 120_000;
  const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a / b);
  const typeRatio = ratio(large.typeEnterMs, small.typeEnterMs);
  const editRatio = ratio(large.editMs, small.editMs);
  return [
    { item: `7. preview first paint, ${large.rows.toLocaleString("en")} × ${COLUMNS}`, target: "< 1.5 s", measured: fmtMs(large.firstPaintMs, t), pass: large.firstPaintMs !== null && large.firstPaintMs < 1500 },
    {
      item: "7. preview type a formula + Enter, large / small",
      target: "≤ 2×",
      measured: `${fmtRatio(large.typeEnterMs, small.typeEnterMs)} (${fmtMs(large.typeEnterMs, t)} / ${fmtMs(small.typeEnterMs, t)})`,
      pass: typeRatio !== null && typeRatio <= 2,
    },
    {
      item: "7. preview edit an input → dependants, large / small",
      target: "≤ 2×",
      measured: `${fmtRatio(large.editMs, small.editMs)} (${fmtMs(large.editMs, t)} / ${fmtMs(small.editMs, t)})`,
      pass: editRatio !== null && editRatio <= 2,
    },
    { item: "7. preview Name box → A99990 shows its value", target: "works", measured: large.jumpMs === null ? "no" : fmtMs(large.jumpMs, t), pass: large.jumpMs !== null },
  ];
}

/** Item 7's lines of the bench report. */
export function previewReport(result: PreviewResult): string[] {
  if (!result.available || result.small === undefined || result.large === undefined) return [`7. Preview: n/a: ${result.reason ?? "not run"}`];
  const { small, large } = result;
  const t = result.timeoutMs ?? 120_000;
  const row = (what: string, a: number | null, b: number | null): string =>
    `| ${what} | ${fmtMs(a, t)} | ${fmtMs(b, t)} | ${fmtRatio(a, b)} |`;
  const lines = [
    `7. Preview in headless Chromium: a ${large.rows.toLocaleString("en")} × ${COLUMNS} sheet against a ${small.rows} × ${COLUMNS} one, same run (medians of ${result.runs} runs; first paint once)`,
    "| action | large | small | large / small |",
    "| --- | ---: | ---: | ---: |",
    row("data written through the Excel API and computed (not a target)", large.loadMs, small.loadMs),
    row("first paint after the data is in the engine", large.firstPaintMs, small.firstPaintMs),
    row(`type ${FORMULA.length} characters + Enter until the result shows`, large.typeEnterMs, small.typeEnterMs),
    row("  of which Enter until the result shows", large.enterMs, small.enterMs),
    row("edit one input until its dependant updates", large.editMs, small.editMs),
    row("Name box → A99990 until its value shows", large.jumpMs, small.jumpMs),
  ];
  const notes = [...new Set([...large.notes.map((n) => `large: ${n}`), ...small.notes.map((n) => `small: ${n}`)])];
  if (notes.length > 0) lines.push(`Notes: ${notes.join("; ")}`);
  return lines;
}

/** `node -r ./bench/register -e 'require("./bench/preview").cli()' -- --dist DIR`: item 7 alone, as JSON. */
export async function cli(argv: string[] = process.argv.slice(1)): Promise<void> {
  let dist = join(__dirname, "..", "dist");
  let runs = 3;
  let timeoutMs = 120_000;
  let largeRows = LARGE_ROWS;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dist") dist = argv[++i];
    else if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--preview-timeout") timeoutMs = Number(argv[++i]) * 1000;
    else if (argv[i] === "--rows") largeRows = Number(argv[++i]);
  }
  const result = await previewBench(dist, { runs, timeoutMs, largeRows, progress: (s) => void process.stderr.write(`[bench] ${s}\n`) });
  process.stderr.write(previewReport(result).join("\n") + "\n");
  for (const t of previewTargets(result)) process.stderr.write(`${t.item}: ${t.measured} (target ${t.target}) ${t.pass === null ? "n/a" : t.pass ? "pass" : "MISS"}\n`);
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
}

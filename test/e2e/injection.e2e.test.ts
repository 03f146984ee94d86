/**
 * Issue 8, no injection, in a real browser: markup typed into the workbook (a benchmark
 * name, a template cell, sheet names) is shown literally by the grid, the formula bar, the
 * sheet tabs and the task pane, and never runs. Every payload would open a dialog or set a
 * flag if it were parsed as HTML.
 */
import type { Page } from "playwright-core";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { Session, startSession } from "./browser";
import { previewPage } from "./previewPage";

// Sheet names are at most 31 characters in Excel, so the sheet payloads are short.
const SHEET_IMG = "<img src=x onerror=alert(1)>";
const SHEET_SVG = "<svg onload=alert(2)>";
const CELL_IMG = '<img src=x onerror="window.__pwned=1">';
const CELL_SCRIPT = "<script>window.__pwned=2</script>";
const CELL_BREAKOUT = '"><svg onload="window.__pwned=3">';

let session: Session;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

const preview = previewPage(() => page);
const { pane, cell, typeInto } = preview;

/** Elements the payloads would create if any of them were parsed, in the page and the pane. */
async function injectedElements(): Promise<number> {
  const selector = "img[src='x'], svg[onload], script:not([src])";
  const inPage = await page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
  const inPane = await pane()
    .locator("body")
    .evaluate((body, sel) => body.ownerDocument.querySelectorAll(sel).length, selector);
  return inPage + inPane;
}

async function pwned(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

beforeAll(async () => {
  session = await startSession();
  page = await session.context.newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${session.server.url}preview.html?lang=en`);
  await page.waitForSelector('body[data-engine="ready"]');
  await pane().getByRole("tab", { name: PANE.en.tabTemplates }).waitFor();
});

afterAll(async () => {
  await session?.close();
});

test("markup in sheet names shows literally in the tabs and runs nothing", async () => {
  // Sheets added through the same Excel API the task pane uses (the preview's bridge).
  await page.evaluate(
    async ([a, b]) => {
      const bridge = (window as unknown as { collectPreview: { run: (f: (c: any) => Promise<void>) => Promise<void> } }).collectPreview;
      await bridge.run(async (context) => {
        context.workbook.worksheets.add(a);
        context.workbook.worksheets.add(b);
        await context.sync();
      });
    },
    [SHEET_IMG, SHEET_SVG]
  );
  await page.locator(".pv-tab", { hasText: SHEET_SVG }).waitFor();
  expect(await page.locator(".pv-tab").allTextContents()).toEqual(["Sheet1", SHEET_IMG, SHEET_SVG]);
  await page.locator(".pv-tab", { hasText: SHEET_IMG }).click();
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await injectedElements()).toBe(0);
});

test("markup in a benchmark name and in template cells shows literally in the grid, the formula bar and the pane", async () => {
  const s = PANE.en;
  const card = pane().locator("li.ck-card").filter({ has: pane().getByRole("heading", { name: "M1", exact: false }) }).first();
  await card.getByRole("button", { name: s.insert, exact: true }).click();
  await page.locator(".pv-tab", { hasText: "Benchmarks" }).waitFor();

  // The benchmark name of recovery_achievement (Benchmarks!B5) and two cells of M1.
  await page.locator(".pv-tab", { hasText: "Benchmarks" }).click();
  await typeInto("B5", CELL_IMG);
  await typeInto("H5", CELL_BREAKOUT);
  await preview.reveal("B5");
  await cell("B5").click();
  expect(await cell("B5").textContent()).toBe(CELL_IMG);
  await preview.reveal("H5");
  expect(await cell("H5").textContent()).toBe(CELL_BREAKOUT);
  // The formula bar shows the selected cell's text as typed.
  expect(await page.locator("input.pv-formula").inputValue()).toBe(CELL_IMG);

  await page.locator(".pv-tab", { hasText: /^M1$/ }).click();
  await typeInto("A5", CELL_SCRIPT);
  expect(await cell("A5").textContent()).toBe(CELL_SCRIPT);

  // The pane reads the Benchmarks table: its check lists problems and reads every row.
  await pane().getByRole("tab", { name: s.tabBenchmarks }).click();
  await pane().getByRole("button", { name: s.checkBenchmarks }).click();
  await page.waitForTimeout(500);

  // Hover the edited cells, where error notes would show.
  await cell("A5").hover();
  await page.waitForTimeout(200);

  expect(await pwned()).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(await injectedElements()).toBe(0);
  expect(pageErrors).toEqual([]);
});

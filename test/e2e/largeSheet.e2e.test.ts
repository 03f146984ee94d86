/**
 * The preview with a sheet of real size (issue 16): 100,000 rows × 10 columns written through
 * the Excel API the task pane uses (the bridge the page publishes for the pane's frame). The
 * grid renders what is on screen, so the document stays small; the Name box jumps to row
 * 99,990; typing, editing and the keyboard work there as on a small sheet. Nothing here is
 * timed (the timings are `npm run bench`, item 7); the checks are about behaviour and size.
 */
import type { Page } from "playwright-core";
import { Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const ROWS = 100_000;

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const preview = previewPage(() => page);
const { cell, expectCell } = preview;

const nameBox = () => page.locator(".pv-namebox");
const formulaBar = () => page.locator(".pv-formula");

/** Cells in the document. */
function renderedCells(): Promise<number> {
  return page.evaluate(() => document.querySelectorAll(".pv-grid td[data-cell]").length);
}

/** The cell lies inside the grid's visible area (below the headers). */
function onScreen(address: string): Promise<boolean> {
  return page.evaluate((a) => {
    const td = document.querySelector(`.pv-grid td[data-cell="${a}"]`);
    const wrap = document.querySelector(".pv-gridwrap");
    if (td === null || wrap === null) return false;
    const r = td.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    return r.top >= w.top + 18 && r.bottom <= w.bottom && r.left >= w.left && r.right <= w.right;
  }, address);
}

async function jump(text: string): Promise<void> {
  await nameBox().click();
  await nameBox().fill(text);
  await nameBox().press("Enter");
}

beforeAll(async () => {
  session = await startSession();
  page = await newPage(session, pageErrors);
  await preview.open(session.server.url, "en");
  // Column A holds the row number, B twice it, …, J ten times it.
  await page.evaluate(async (rows) => {
    const grid: number[][] = [];
    for (let r = 1; r <= rows; r++) grid.push([r, 2 * r, 3 * r, 4 * r, 5 * r, 6 * r, 7 * r, 8 * r, 9 * r, 10 * r]);
    const bridge = (window as unknown as { collectPreview: { run: (batch: (context: any) => Promise<unknown>) => Promise<unknown> } }).collectPreview;
    await bridge.run(async (context) => {
      const sheet = context.workbook.worksheets.add("Data");
      sheet.getRange(`A1:J${rows}`).values = grid;
      await context.sync();
    });
  }, ROWS);
  await page.locator('.pv-tab[data-sheet="Data"]').click();
}, 120_000);

afterAll(async () => {
  await session?.close();
});

test("the grid renders a screenful of a 100,000-row sheet, with the scroll height of all of it", async () => {
  await expectCell("A1", "1");
  await expectCell("J20", "200");
  expect(await renderedCells()).toBeLessThan(2_000);
  const { scrollHeight, clientHeight } = await page.locator(".pv-gridwrap").evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
  // 100,008 rows of 20 px.
  expect(scrollHeight).toBeGreaterThan(ROWS * 20);
  expect(clientHeight).toBeLessThan(2_000);
});

test("the Name box jumps to A99990 and shows its value on screen", async () => {
  await jump("A99990");
  await expectCell("A99990", "99990");
  expect(await onScreen("A99990")).toBe(true);
  await expect(nameBox().inputValue()).resolves.toBe("A99990");
  await expect(formulaBar().inputValue()).resolves.toBe("99990");
  await expect(page.locator(".pv-grid td.pv-selected").getAttribute("data-cell")).resolves.toBe("A99990");
  // The grid still holds a screenful, not the rows in between.
  expect(await renderedCells()).toBeLessThan(2_000);
  // Focus is back in the grid: the keyboard moves the selection, and the grid follows.
  for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowDown");
  await expect(nameBox().inputValue()).resolves.toBe("A100020");
  expect(await onScreen("A100020")).toBe(true);
  await expectCell("A100000", "100000");
  await expectCell("A100001", "");
  // Each sheet keeps its scroll position, as in Excel.
  await page.locator('.pv-tab[data-sheet="Sheet1"]').click();
  await expectCell("A1", "");
  expect(await onScreen("A1")).toBe(true);
  await page.locator('.pv-tab[data-sheet="Data"]').click();
  await expectCell("A100000", "100000");
  expect(await onScreen("A100020")).toBe(true);
});

test("typing a formula down there computes it, and editing an input updates it", async () => {
  await jump("L99990");
  await page.keyboard.type("=SUM(A99980:B99990)");
  await page.keyboard.press("Enter");
  // 3 × (99,980 + … + 99,990) = 3 × 11 × 99,985 = 3,299,505.
  await expectCell("L99990", "3299505");
  await expect(nameBox().inputValue()).resolves.toBe("L99991");
  await jump("A99985");
  await page.keyboard.type("0");
  await page.keyboard.press("Enter");
  // A99985 counts 0 instead of 99,985: 3,299,505 − 99,985 = 3,199,520.
  await expectCell("L99990", "3199520");
  await jump("L99990");
  await expect(formulaBar().inputValue()).resolves.toBe("=SUM(A99980:B99990)");
});

test("back to the top, other sheets and names, and a reference that is not one", async () => {
  await jump("A1");
  await expectCell("A1", "1");
  expect(await onScreen("A1")).toBe(true);
  await expect(page.locator(".pv-gridwrap").evaluate((el) => el.scrollTop)).resolves.toBe(0);
  // Another sheet, as Excel's Name box takes it.
  await jump("Sheet1!C3");
  await expect(page.locator('.pv-tab[aria-selected="true"]').textContent()).resolves.toBe("Sheet1");
  await expect(nameBox().inputValue()).resolves.toBe("C3");
  await page.locator('.pv-tab[data-sheet="Data"]').click();
  // Not a reference: the reason shows and the text stays for correction.
  await jump("row 5");
  await expect(page.locator(".pv-message").isVisible()).resolves.toBe(true);
  await expect(page.locator(".pv-message .pv-message__text").textContent()).resolves.toMatch(/^That reference isn't valid/);
  await expect(nameBox().inputValue()).resolves.toBe("row 5");
  await nameBox().press("Escape");
  await expect(page.locator(".pv-message").isVisible()).resolves.toBe(false);
  await expect(cell("A1").isVisible()).resolves.toBe(true);
  expect(pageErrors).toEqual([]);
});

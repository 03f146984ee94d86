/**
 * Adding and removing a collector with Excel's table commands in the preview's grid: M1 (sample
 * data, inserted from the task pane) is an Excel table (CK_M1: header row 4, collectors in rows
 * 5–12, TEAM TOTAL its total row 13). Right-click a collector's row (or Shift+F10 / the menu key on
 * the selected cell) → "Insert table row above" (Chinese Excel: 在上方插入表格行), type a
 * collector with a target and a recovery, and TEAM TOTAL and the ranks count the new row; "Delete
 * table row" (删除表格行) puts everything back. Outside a table's data body the grid leaves the
 * browser's own menu alone; a refused command (another table in the way) shows in the message area.
 *
 * The sample sums, by hand from src/templates/teams.ts (M1, eight collectors):
 *   Σ target    180,000+170,000+190,000+160,000+175,000+165,000+90,000+185,000 = 1,315,000
 *   Σ recovered 171,000+176,800+168,000+158,500+193,000+131,000+62,000+190,500 = 1,250,800
 *   recovery achievement 1,250,800 / 1,315,000 = 0.951179 → 95.1%
 * With a ninth collector, target 1,000 and recovered 500 (500 / 1,000 = 50.0%):
 *   Σ target 1,315,000 + 1,000 = 1,316,000; Σ recovered 1,250,800 + 500 = 1,251,300
 *   achievement 1,251,300 / 1,316,000 = 0.950836 → still 95.1% at one decimal, so the exact value is
 *   read through the preview's Excel bridge as well (0.951179 → 0.950836).
 *   Rank: the eight rates are 95.0%, 104.0%, 88.4%, 99.1%, 110.3%, 79.4%, 68.9%, 103.0%, all above
 *   50.0%, so the new collector ranks 9th; Chen Jing (193,000 / 175,000 = 110.3%) stays 1st.
 *
 * Screenshots (docs/screenshots/): tablerow-menu-en.png and tablerow-menu-zh.png, the menu open on
 * Chen Jing's row.
 */
import { join } from "path";
import type { Page } from "playwright-core";
import type { Language } from "../../src/core";
import { PREVIEW_STRINGS } from "../../src/preview/strings";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const SHOTS = join(ROOT, "docs", "screenshots");

const SUM_TARGET = 1_315_000;
const SUM_RECOVERED = 1_250_800;

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const preview = previewPage(() => page);
const { cell, expectCell, insert, typeInto } = preview;

const menu = () => page.getByRole("menu");
const item = (name: string) => page.getByRole("menuitem", { name, exact: true });
const status = () => page.locator(".pv-status");
const message = () => page.locator(".pv-message");

/** A cell's calculated value on the active sheet, read through the preview's Excel bridge (as the task pane reads it). */
async function valueOf(address: string): Promise<unknown> {
  return page.evaluate(async (a) => {
    const bridge = (window as unknown as Record<string, { run: (batch: (context: any) => Promise<unknown>) => Promise<unknown> }>).collectPreview;
    return bridge.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange(a).load("values");
      await context.sync();
      return range.values[0][0];
    });
  }, address);
}

/** What the grid shows for TEAM TOTAL's target, recovered and achievement on `row`, and the exact achievement. */
async function expectTotal(row: number, target: number, recovered: number, label: string): Promise<void> {
  await expectCell(`A${row}`, label);
  await expectCell(`J${row}`, `¥${target.toLocaleString("en-US")}`);
  await expectCell(`K${row}`, `¥${recovered.toLocaleString("en-US")}`);
  await expectCell(`Q${row}`, "95.1%");
  expect(await valueOf(`Q${row}`)).toBeCloseTo(recovered / target, 12);
}

/** True when the browser's own context menu was left alone (the event reached the window not cancelled). */
async function rightClickLeavesBrowserMenu(address: string): Promise<boolean> {
  await page.evaluate(() => {
    (window as unknown as { lastMenuPrevented?: boolean }).lastMenuPrevented = undefined;
    window.addEventListener("contextmenu", (e) => ((window as unknown as { lastMenuPrevented?: boolean }).lastMenuPrevented = e.defaultPrevented), { once: true });
  });
  await preview.reveal(address);
  await cell(address).click({ button: "right" });
  return page.evaluate(() => (window as unknown as { lastMenuPrevented?: boolean }).lastMenuPrevented === false);
}

async function openM1(language: Language): Promise<void> {
  await preview.open(session.server.url, language);
  await insert("m1", language, true);
  // TEAM TOTAL as inserted (the sample sums above).
  await expectTotal(13, SUM_TARGET, SUM_RECOVERED, language === "zh" ? "团队合计" : "TEAM TOTAL");
}

beforeAll(async () => {
  session = await startSession();
  page = await newPage(session, pageErrors);
});

afterAll(async () => {
  await session?.close();
});

describe("English: right-click a collector's row", () => {
  const S = PREVIEW_STRINGS.en;

  beforeAll(async () => {
    await openM1("en");
  });

  test("outside a table's data body (instructions, header, TEAM TOTAL, benchmark rows) the grid leaves the browser's menu alone", async () => {
    for (const address of ["A2", "B4", "K13", "A14"]) {
      expect(`${address}: ${await rightClickLeavesBrowserMenu(address)}`).toBe(`${address}: true`);
      expect(await menu().isHidden()).toBe(true);
    }
  });

  test("Insert table row above, type a collector: TEAM TOTAL and the ranks count the row; the KPI and rank fill in", async () => {
    await expectCell("A9", "Chen Jing");
    await cell("A9").click({ button: "right" });
    await menu().waitFor();
    expect(await menu().getAttribute("aria-label")).toBe(S.tableRowMenuLabel("CK_M1"));
    expect(await page.getByRole("menuitem").allTextContents()).toEqual(["Insert table row above", "Insert table row below", "Delete table row"]);
    // Focus is in the menu, on its first item.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("menuitem");
    await page.screenshot({ path: join(SHOTS, "tablerow-menu-en.png") });
    await item("Insert table row above").click();
    await menu().waitFor({ state: "hidden" });
    expect(await status().textContent()).toBe(S.rowInserted("CK_M1", 9));
    // The new row 9 is blank (Chen Jing moved to row 10, TEAM TOTAL to row 14); its formulas are the calculated columns'.
    await expectCell("A9", "");
    await expectCell("A10", "Chen Jing");
    expect(await page.locator(".pv-namebox").inputValue()).toBe("A9");
    await typeInto("A9", "Sun Li");
    await typeInto("J9", "1000");
    await typeInto("K9", "500");
    // 500 / 1,000 = 50.0%; below the 85% Meets threshold → Below; ranked 9th of nine (all eight others are higher).
    await expectCell("Q9", "50.0%");
    await expectCell("W9", "Below");
    await expectCell("X9", "9");
    await expectCell("X10", "1");
    await cell("Q9").click();
    expect(await page.locator(".pv-formula").inputValue()).toBe('=IF(J9="","",COLLECT.RECOVERYRATE(K9,J9))');
    // TEAM TOTAL, now row 14: 1,316,000 and 1,251,300; 1,251,300 / 1,316,000 = 0.950836 → 95.1%.
    await expectTotal(14, SUM_TARGET + 1000, SUM_RECOVERED + 500, "TEAM TOTAL");
  });

  test("Delete table row from the keyboard (Shift+F10, arrows, Enter): TEAM TOTAL back to the sample sums", async () => {
    await cell("A9").click();
    await page.keyboard.press("Shift+F10");
    await menu().waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Delete table row");
    await page.keyboard.press("Enter");
    await menu().waitFor({ state: "hidden" });
    expect(await status().textContent()).toBe(S.rowDeleted("CK_M1", 9));
    await expectCell("A9", "Chen Jing");
    await expectCell("X9", "1");
    await expectTotal(13, SUM_TARGET, SUM_RECOVERED, "TEAM TOTAL");
    expect(await preview.gridHasFocus()).toBe(true);
  });

  test("the menu key opens it on the selected cell; arrows wrap; Escape closes it and gives the grid its focus back", async () => {
    await cell("B6").click();
    await page.keyboard.press("ContextMenu");
    await menu().waitFor();
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Delete table row");
    await page.keyboard.press("Escape");
    await menu().waitFor({ state: "hidden" });
    expect(await preview.gridHasFocus()).toBe(true);
    // Nothing changed.
    await expectTotal(13, SUM_TARGET, SUM_RECOVERED, "TEAM TOTAL");
    // On a cell outside the table the keys open nothing.
    await cell("A14").click();
    await page.keyboard.press("Shift+F10");
    await page.waitForTimeout(100);
    expect(await menu().isHidden()).toBe(true);
  });

  test("another table in the way: the refusal shows in the message area, the workbook unchanged, no script error", async () => {
    // A second table at W20:Z21 lies partly in CK_M1's columns (A–X): moving its cells down is refused, as in Excel.
    await page.evaluate(async () => {
      const bridge = (window as unknown as Record<string, { run: (batch: (context: any) => Promise<unknown>) => Promise<unknown> }>).collectPreview;
      await bridge.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.getRange("W20:Z21").values = [["K1", "K2", "K3", "K4"], [1, 2, 3, 4]];
        sheet.tables.add("W20:Z21", true);
        await context.sync();
      });
    });
    await cell("A6").click({ button: "right" });
    await item("Insert table row above").click();
    await message().waitFor();
    expect(await message().locator(".pv-message__text").textContent()).toBe(
      S.tableRowRefused("This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.")
    );
    await expectCell("A6", "Li Na");
    await expectTotal(13, SUM_TARGET, SUM_RECOVERED, "TEAM TOTAL");
    expect(pageErrors).toEqual([]);
  });
});

describe("Chinese: the same with Excel's Chinese words", () => {
  const S = PREVIEW_STRINGS.zh;

  beforeAll(async () => {
    page = await newPage(session, pageErrors);
    await openM1("zh");
  });

  test("在上方插入表格行 (Shift+F10), type a collector, then 删除表格行 (right-click): TEAM TOTAL follows and comes back", async () => {
    await expectCell("A9", "陈静");
    await cell("A9").click();
    await page.keyboard.press("Shift+F10");
    await menu().waitFor();
    expect(await page.getByRole("menuitem").allTextContents()).toEqual(["在上方插入表格行", "在下方插入表格行", "删除表格行"]);
    expect(await menu().getAttribute("aria-label")).toBe(S.tableRowMenuLabel("CK_M1"));
    await page.screenshot({ path: join(SHOTS, "tablerow-menu-zh.png") });
    await page.keyboard.press("Enter");
    await menu().waitFor({ state: "hidden" });
    expect(await status().textContent()).toBe(S.rowInserted("CK_M1", 9));
    await expectCell("A10", "陈静");
    await typeInto("A9", "孙丽");
    await typeInto("J9", "1000");
    await typeInto("K9", "500");
    // 500 / 1,000 = 50.0% → 未达标 (Below); 9th of nine.
    await expectCell("Q9", "50.0%");
    await expectCell("W9", "未达标");
    await expectCell("X9", "9");
    await expectTotal(14, SUM_TARGET + 1000, SUM_RECOVERED + 500, "团队合计");
    await cell("A9").click({ button: "right" });
    await item("删除表格行").click();
    await menu().waitFor({ state: "hidden" });
    expect(await status().textContent()).toBe(S.rowDeleted("CK_M1", 9));
    await expectCell("A9", "陈静");
    await expectTotal(13, SUM_TARGET, SUM_RECOVERED, "团队合计");
  });

  test("no script error on any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

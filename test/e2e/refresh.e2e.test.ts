/**
 * Refresh of a saved range import in the browser preview, as an analyst uses it: payments typed
 * into Sheet1, read with the Data tab's "Use the selected range or table", checked, M1 built for
 * 2026-10; then one more payment typed below the range for a collector new in the data, and
 * Refresh (under "Saved imports"). The pane says the team sheet got a row for the new collector;
 * on M1 the row is above TEAM TOTAL with its own SUMIFS, TEAM TOTAL counts it, and the benchmark
 * rows under the table moved down one.
 *
 * The preview's grid selects one cell at a time (no Shift+click or drag range, and the Name box
 * takes A1:E3 to its first cell), so the range is "selected" as the pane's hint allows: one cell
 * of it, the rest of the sheet empty, and the sheet's used range (A1:E3) is read. The saved
 * source is that address; Refresh reads it down to the sheet's last used row (dataWriter
 * readSource), so the row typed below is read too.
 *
 * M1 built from two collectors (templates/team.ts): header row 4, the collectors in rows 5–6,
 * TEAM TOTAL row 7 (the table's total row), the benchmark rows 8–9. After Refresh: the new
 * collector row 7, TEAM TOTAL row 8, the benchmark rows 9–10.
 *
 * Screenshot: docs/screenshots/refresh-zh.png (the Chinese M1 after Refresh, the pane's status beside it).
 */
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import type { Language } from "../../src/core";
import { columnLetters } from "../../src/excel-sim/a1";
import { DATA_STRINGS } from "../../src/taskpane/dataStrings";
import { TEMPLATES } from "../../src/templates";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const SHOTS = join(ROOT, "docs", "screenshots");

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const { pane, open, cell, expectCell, typeInto, reveal, waitForStatus } = previewPage(() => page);

beforeAll(async () => {
  // Wide enough for M1's columns A–K (collector to recovered) beside the pane in the screenshot.
  session = await startSession({ width: 1920, height: 900 });
  page = await newPage(session, pageErrors);
});

afterAll(async () => {
  await session?.close();
});

/** M1's column of the recovered input and its header in `language` (the same column in both languages). */
function recoveredColumn(language: Language): { letter: string; header: string } {
  const header = (lang: Language): readonly unknown[] =>
    TEMPLATES.find((t) => t.id === "m1")!.build({ language: lang, sample: false, data: { rows: ["x"], monthStart: 46296, inputFormula: () => undefined } }).cells[3];
  const c = header("en").indexOf("Recovered this month (¥)");
  if (c < 0) throw new Error("M1 has no 'Recovered this month (¥)' column");
  return { letter: columnLetters(c), header: String(header(language)[c]) };
}

async function showSheet(name: string): Promise<void> {
  await page.locator(".pv-tabs .pv-tab", { hasText: name }).click();
  await expect(page.locator('.pv-tabs .pv-tab[aria-selected="true"]').textContent()).resolves.toBe(name);
}

/**
 * Types rows into the active sheet from A`top`, one cell at a time, as a user would. Chinese text
 * is typed after F2 (edit mode): the grid starts editing a selected cell only on a one-character
 * keydown, and Chinese arrives as text input without one (an IME's keydown is "Process"; the
 * browser's insertText has none), so typed on the selected cell it is lost (see the report).
 */
async function typeRows(top: number, rows: readonly (readonly string[])[]): Promise<void> {
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r].length; c++) {
      const address = `${columnLetters(c)}${top + r}`;
      const text = rows[r][c];
      if (/^[\x20-\x7e]/.test(text)) {
        await typeInto(address, text);
        continue;
      }
      await reveal(address);
      await cell(address).click();
      await page.keyboard.press("F2");
      await page.keyboard.type(text);
      await page.keyboard.press("Enter");
      await expectCell(address, text);
    }
  }
}

interface Case {
  readonly language: Language;
  readonly header: readonly string[];
  /** Two payments by two collectors, October 2026, DPD 10 (M1's 1–30). */
  readonly first: readonly [readonly string[], readonly string[]];
  /** The third payment, by a collector new in the data. */
  readonly added: readonly string[];
  readonly teamTotal: string;
}

/**
 * Types the payments, imports them through the pane and builds M1 for 2026-10; types the third
 * payment below and presses Refresh; checks the pane's sentence and the M1 sheet. Returns the
 * Refresh status region.
 */
async function importBuildAndRefresh(k: Case): Promise<{ status: Locator; sheet: string }> {
  const s = DATA_STRINGS[k.language];
  await open(session.server.url, k.language);
  const sheet1 = (await page.locator(".pv-tabs .pv-tab").allTextContents())[0];
  await typeRows(1, [k.header, ...k.first]);
  // One cell of the range selected: the sheet's used range (A1:E3) is the source.
  await cell("A1").click();

  await pane().getByRole("tab", { name: s.tab }).click();
  const panel = pane().getByRole("tabpanel", { name: s.tab });
  const sourceStatus = panel.locator(".ck-status").first();
  await panel.getByRole("button", { name: s.useRange }).click();
  expect(await waitForStatus(sourceStatus, null)).toContain(`${sheet1}!A1:E3`);
  // The mapping suggested from the headers: payments, every column mapped.
  await panel.getByRole("button", { name: s.confirm }).waitFor();
  const mapped = await panel.locator("table.ck-map select").evaluateAll((selects) => selects.map((el) => `${(el as HTMLSelectElement).dataset.field}=${(el as HTMLSelectElement).value}`));
  expect(mapped).toEqual(expect.arrayContaining(["collector=0", "amount=1", "paidOn=2", "paymentId=3", "dpd=4"]));
  const checkStatus = panel.locator(".ck-status").nth(1);
  await panel.getByRole("button", { name: s.confirm }).click();
  expect(await waitForStatus(checkStatus, null)).toContain(s.summaryTitle);
  await panel.getByLabel(s.templateLabel, { exact: true }).selectOption("m1");
  await panel.getByLabel(s.monthLabel, { exact: true }).selectOption("2026-10");
  const buildStatus = panel.locator(".ck-status").nth(2);
  await panel.getByRole("button", { name: s.build }).click();
  await waitForStatus(buildStatus, null);
  expect(await buildStatus.getAttribute("class")).toBe("ck-status ck-status--success");

  // The team sheet: the tab that is neither the typed sheet nor the data sheet nor a benchmarks sheet.
  const tabs = await page.locator(".pv-tabs .pv-tab").allTextContents();
  const m1 = tabs.find((t) => t !== sheet1 && t !== s.dataSheet.payments && !/bench|基准/i.test(t));
  if (m1 === undefined) throw new Error(`no team sheet among ${tabs.join(", ")}`);
  await showSheet(m1);
  const { letter: K, header } = recoveredColumn(k.language);
  await expectCell(`${K}4`, header);
  const [a, b] = [k.first[0][0], k.first[1][0]];
  expect([await cell("A5").textContent(), await cell("A6").textContent()].sort()).toEqual([a, b].sort());
  await expectCell("A7", k.teamTotal);
  await reveal("A8");
  const benchmarks = [(await cell("A8").textContent()) ?? "", (await cell("A9").textContent()) ?? ""];
  expect(benchmarks.every((t) => t !== "")).toBe(true);
  const benchmarkValue = (await cell(`L8`).textContent()) ?? "";

  // Next export: one more payment below the range, by a collector new in the data.
  await showSheet(sheet1);
  await typeRows(4, [k.added]);
  const saved = panel.locator(".ck-saved__item");
  await expect(saved.count()).resolves.toBe(1);
  const status = panel.locator("fieldset:has(.ck-saved) .ck-status");
  await saved.getByRole("button", { name: s.refresh }).click();
  const text = await waitForStatus(status, null);
  expect(await status.getAttribute("class")).toBe("ck-status ck-status--success");
  expect(text).toContain(s.refreshed(s.dataSheet.payments, 2, 3));
  expect(text).toContain(s.collectorsAdded(m1, [k.added[0]]));

  // M1: the new collector's row above TEAM TOTAL; the benchmark rows one lower.
  await showSheet(m1);
  await expectCell("A7", k.added[0]);
  await expectCell("A8", k.teamTotal);
  await expectCell("A9", benchmarks[0]);
  await expectCell("A10", benchmarks[1]);
  await expectCell("L9", benchmarkValue);
  await status.scrollIntoViewIfNeeded();
  return { status, sheet: m1 };
}

describe("Refresh of a saved range import adds a row for a collector new in the data", () => {
  test("English: Zhao Min typed below the range → 'M1' has a row for her above TEAM TOTAL; TEAM TOTAL counts her ¥300", async () => {
    await importBuildAndRefresh({
      language: "en",
      header: ["Collector", "Amount", "Payment date", "Payment ID", "DPD"],
      first: [
        ["Li Na", "1200", "2026-10-05", "P1", "10"],
        ["Wang Wei", "2500", "2026-10-12", "P2", "10"],
      ],
      added: ["Zhao Min", "300", "2026-10-20", "P3", "10"],
      teamTotal: "TEAM TOTAL",
    });
    const { letter: K } = recoveredColumn("en");
    // Li Na 1,200 (row 5) and Wang Wei 2,500 (row 6), sorted; Zhao Min 300 (row 7).
    await expectCell(`${K}5`, "¥1,200");
    await expectCell(`${K}6`, "¥2,500");
    await expectCell(`${K}7`, "¥300");
    // TEAM TOTAL: 1,200 + 2,500 + 300 = 4,000.
    await expectCell(`${K}8`, "¥4,000");
    expect(pageErrors).toEqual([]);
  });

  test("Chinese: 赵敏 typed below the range → “M1”为数据中新出现的催收员新增了 1 行；团队合计 counts her ¥300", async () => {
    page = await newPage(session, pageErrors);
    const { status } = await importBuildAndRefresh({
      language: "zh",
      header: ["催收员", "回款金额", "回款日期", "回款流水号", "逾期天数"],
      first: [
        ["李娜", "1200", "2026-10-05", "P1", "10"],
        ["王伟", "2500", "2026-10-12", "P2", "10"],
      ],
      added: ["赵敏", "300", "2026-10-20", "P3", "10"],
      teamTotal: "团队合计",
    });
    expect(await status.textContent()).toContain("为数据中新出现的催收员新增了 1 行：赵敏；团队合计和排名已计入。");
    const { letter: K } = recoveredColumn("zh");
    await expectCell(`${K}7`, "¥300");
    // 团队合计: 1,200 + 2,500 + 300 = 4,000.
    await expectCell(`${K}8`, "¥4,000");
    // The screenshot: M1 from its top (the new row, 团队合计 and the benchmark rows), 赵敏's recovered
    // selected (its SUMIFS in the formula bar), the pane's status beside it.
    await reveal("A1");
    await cell(`${K}7`).click();
    expect(await page.locator(".pv-formula").inputValue()).toMatch(/^=SUMIFS\(CK_Payments_Amount,CK_Payments_Collector,\$A7,/);
    await page.screenshot({ path: join(SHOTS, "refresh-zh.png") });
    expect(pageErrors).toEqual([]);
  });
});

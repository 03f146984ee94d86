/**
 * Issue 14 end to end: the task pane's Data tab in the browser preview, as an analyst uses it.
 * A GBK CSV with Chinese headers (the Chinese pane) and a UTF-8 CSV with English headers are
 * chosen through the pane's file input, the suggested mapping is confirmed, every row checked,
 * and M1 is built: the data sheet holds the table, and the grid shows the SUMIFS results.
 *
 * Screenshots: docs/screenshots/data-en.png and data-zh.png (the pane after the build, the M1
 * sheet beside it).
 */
import iconv from "iconv-lite";
import { mkdirSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import type { Language } from "../../src/core";
import { columnLetters } from "../../src/excel-sim/a1";
import { formatValue } from "../../src/preview/numberFormat";
import { DATA_STRINGS } from "../../src/taskpane/dataStrings";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { TEMPLATES } from "../../src/templates";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const SHOTS = join(ROOT, "docs", "screenshots");

/** October and November payments; a duplicate P1, a blank line; Zhao Min's P5 is M2–M3 (45 days past due). */
const PAYMENTS_EN = [
  "Collector,Payment ID,Amount,Payment date,DPD",
  "Li Na,P1,1000.50,2026-10-03,12",
  "Li Na,P2,200,2026-10-15,25",
  "Wang Wei,P3,300,2026-10-20,5",
  "Li Na,P1,1000.50,2026-10-03,12",
  "",
  "Wang Wei,P4,50,2026-11-02,10",
  "Zhao Min,P5,400,2026-10-09,45",
  "",
].join("\r\n");

const PAYMENTS_ZH = [
  "催收员,回款流水号,回款金额,还款日期,逾期天数",
  "李娜,P1,1000.50,2026/10/03,12",
  "李娜,P2,200,2026/10/15,25",
  "王伟,P3,300,2026/10/20,5",
  "李娜,P1,1000.50,2026/10/03,12",
  "王伟,P4,50,2026/11/02,10",
  "赵敏,P5,400,2026/10/09,45",
  "",
].join("\r\n");

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const { pane, open, expectCell, waitForStatus, reveal, cell } = previewPage(() => page);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await startSession();
  page = await newPage(session, pageErrors);
});

afterAll(async () => {
  await session?.close();
});

/** Where the M1 sheet built from `rows` shows each collector's recovered amount, and how the grid formats it. */
function recoveredCells(language: Language, rows: readonly string[], values: readonly number[]): { address: string; text: string }[] {
  const spec = TEMPLATES.find((t) => t.id === "m1")!.build({
    language,
    sample: false,
    data: { rows, monthStart: 46296, inputFormula: (key) => (key === "recovered" ? "SUMIFS(CK_Payments_Amount)" : undefined) },
  });
  const out: { address: string; text: string }[] = [];
  spec.cells.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === "string" && v.includes("CK_Payments_Amount")) {
        out.push({ address: `${columnLetters(c)}${r + 1}`, text: formatValue(values[out.length], spec.numberFormats[r][c]).text });
      }
    })
  );
  return out;
}

async function importAndBuild(language: Language, file: { name: string; mimeType: string; buffer: Buffer }): Promise<Locator> {
  const s = DATA_STRINGS[language];
  await pane().getByRole("tab", { name: s.tab }).click();
  const panel = pane().getByRole("tabpanel", { name: s.tab });
  await panel.locator('input[type="file"]').first().setInputFiles(file);
  // The mapping appears with the suggested columns.
  await panel.getByRole("button", { name: s.confirm }).waitFor();
  await expect(panel.getByLabel(s.fields.amount, { exact: true }).inputValue()).resolves.toBe("2");
  const checkStatus = panel.locator(".ck-status").nth(1);
  await panel.getByRole("button", { name: s.confirm }).click();
  expect(await waitForStatus(checkStatus, null)).toContain(s.summaryTitle);
  await panel.getByLabel(s.templateLabel, { exact: true }).selectOption("m1");
  await panel.getByLabel(s.monthLabel, { exact: true }).selectOption("2026-10");
  const buildStatus = panel.locator(".ck-status").nth(2);
  await panel.getByRole("button", { name: s.build }).click();
  const text = await waitForStatus(buildStatus, null);
  expect(await buildStatus.getAttribute("class")).toBe("ck-status ck-status--success");
  expect(text).toContain(s.dataSheet.payments);
  // The screenshot shows the result: the pane scrolled to its last message.
  await buildStatus.scrollIntoViewIfNeeded();
  return panel;
}

/** Selects a cell as a user clicks it: the formula bar then shows its formula. */
async function select(address: string): Promise<string> {
  await reveal(address);
  await cell(address).click();
  return page.locator(".pv-formula").inputValue();
}

describe("the Data tab", () => {
  test("English: a UTF-8 CSV → M1 with SUMIFS over the table; the XLSX reader is never fetched", async () => {
    await open(session.server.url, "en");
    const tabs = await pane().getByRole("tab").allTextContents();
    expect(tabs).toContain("Data");
    await importAndBuild("en", { name: "payments.csv", mimeType: "text/csv", buffer: Buffer.from(PAYMENTS_EN, "utf8") });
    // Li Na 1000.50 + 200 = 1200.50 (the repeated P1 dropped), Wang Wei 300 (P4 is November),
    // Zhao Min 0 (P5 is M2–M3).
    const cells = recoveredCells("en", ["Li Na", "Wang Wei", "Zhao Min"], [1200.5, 300, 0]);
    for (const c of cells) await expectCell(c.address, c.text);
    expect(await select(cells[0].address)).toMatch(/^=SUMIFS\(CK_Payments_Amount,CK_Payments_Collector,\$A\d+,/);
    const tabsText = await page.locator(".pv-tabs .pv-tab").allTextContents();
    expect(tabsText.join(" ")).toContain("Payments data");
    const scripts = session.requests.filter((u) => u.endsWith(".js"));
    expect(scripts.some((u) => u.endsWith("/xlsx.js"))).toBe(false);
    await page.screenshot({ path: join(SHOTS, "data-en.png") });
    expect(pageErrors).toEqual([]);
  });

  test("Chinese: a GBK CSV with Chinese headers → M1 (回款数据), the same numbers", async () => {
    await open(session.server.url, "zh");
    await importAndBuild("zh", { name: "回款.csv", mimeType: "text/csv", buffer: iconv.encode(PAYMENTS_ZH, "gbk") });
    const rows = ["李娜", "王伟", "赵敏"].sort((a, b) => a.localeCompare(b, "zh-CN"));
    const values = rows.map((r) => (r === "李娜" ? 1200.5 : r === "王伟" ? 300 : 0));
    const cells = recoveredCells("zh", rows, values);
    for (const c of cells) await expectCell(c.address, c.text);
    expect(await select(cells[0].address)).toMatch(/^=SUMIFS\(CK_Payments_Amount,/);
    await page.screenshot({ path: join(SHOTS, "data-zh.png") });
    expect(pageErrors).toEqual([]);
  });

  test("a file with text in an amount: the pane names row and column, nothing is written", async () => {
    await open(session.server.url, "en");
    const s = DATA_STRINGS.en;
    await pane().getByRole("tab", { name: s.tab }).click();
    const panel = pane().getByRole("tabpanel", { name: s.tab });
    await panel.locator('input[type="file"]').first().setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("Collector,Amount,Payment date\nLi Na,12.3a,2026-10-01\n") });
    await panel.getByRole("button", { name: s.confirm }).click();
    const text = await waitForStatus(panel.locator(".ck-status").nth(1), null);
    expect(text).toContain("Row 2, column Amount: '12.3a' is not a number");
    const sheets = await page.locator(".pv-tabs .pv-tab").allTextContents();
    expect(sheets.join(" ")).not.toContain("Payments data");
    expect(PANE.en.tabTemplates).toBe("Templates");
  });
});

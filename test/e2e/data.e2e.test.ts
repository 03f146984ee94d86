/**
 * Issue 14 end to end: the task pane's Data tab in the browser preview, as an analyst uses it.
 * A GBK CSV with Chinese headers (the Chinese pane) and a UTF-8 CSV with English headers are
 * chosen through the pane's file input, the suggested mapping is confirmed, every row checked,
 * and M1 is built: the data sheet holds the table, and the grid shows the SUMIFS results.
 *
 * Screenshots: docs/screenshots/data-en.png and data-zh.png (the pane after the build, the M1
 * sheet beside it).
 */
import { mkdirSync, readFileSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import type { Language } from "../../src/core";
import { columnLetters } from "../../src/excel-sim/a1";
import { formatValue } from "../../src/preview/numberFormat";
import { DataController } from "../../src/taskpane/dataController";
import { DATA_STRINGS } from "../../src/taskpane/dataStrings";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { TEMPLATES } from "../../src/templates";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const SHOTS = join(ROOT, "docs", "screenshots");

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

const RAW = join(ROOT, "test", "fixtures", "raw");
const fixture = (name: string): { name: string; mimeType: string; buffer: Buffer } => ({
  name,
  mimeType: name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
  buffer: readFileSync(join(RAW, name)),
});

/** The collectors of October in a fixture, in the order the pane lays them out (the pane's own logic, run here). */
async function octoberRows(language: Language, name: string): Promise<string[]> {
  const controller = new DataController({ run: () => Promise.reject(new Error("no workbook")), isSetSupported: () => true, displayLanguage: "en-US" }, TEMPLATES, language);
  await controller.readFile({ name, bytes: new Uint8Array(readFileSync(join(RAW, name))) });
  await controller.check();
  return controller.collectors(undefined, "2026-10");
}

/** Where a team sheet built from `rows` shows input `key` on the row labelled `label`, and how the grid formats `value`. */
function inputCell(templateId: string, language: Language, rows: readonly string[], label: string, key: string, value: number): { address: string; text: string } {
  const spec = TEMPLATES.find((t) => t.id === templateId)!.build({
    language,
    sample: false,
    data: { rows, monthStart: 46296, inputFormula: (k) => (k === key ? "MARKER()" : undefined) },
  });
  for (let r = 0; r < spec.cells.length; r++) {
    if (spec.cells[r][0] !== label) continue;
    const c = spec.cells[r].findIndex((v) => typeof v === "string" && v.includes("MARKER()"));
    if (c >= 0) return { address: `${columnLetters(c)}${r + 1}`, text: formatValue(value, spec.numberFormats[r][c]).text };
  }
  throw new Error(`${templateId} has no ${key} for ${label}`);
}

async function importAndBuild(language: Language, file: { name: string; mimeType: string; buffer: Buffer }, templateId: string, kind: "payments" | "calls", amountColumn?: string): Promise<Locator> {
  const s = DATA_STRINGS[language];
  await pane().getByRole("tab", { name: s.tab }).click();
  const panel = pane().getByRole("tabpanel", { name: s.tab });
  await panel.locator('input[type="file"]').first().setInputFiles(file);
  // The mapping appears with the suggested columns.
  await panel.getByRole("button", { name: s.confirm }).waitFor();
  if (amountColumn !== undefined) await expect(panel.getByLabel(s.fields.amount, { exact: true }).inputValue()).resolves.toBe(amountColumn);
  const checkStatus = panel.locator(".ck-status").nth(1);
  await panel.getByRole("button", { name: s.confirm }).click();
  expect(await waitForStatus(checkStatus, null)).toContain(s.summaryTitle);
  await panel.getByLabel(s.templateLabel, { exact: true }).selectOption(templateId);
  await panel.getByLabel(s.monthLabel, { exact: true }).selectOption("2026-10");
  const buildStatus = panel.locator(".ck-status").nth(2);
  await panel.getByRole("button", { name: s.build }).click();
  const text = await waitForStatus(buildStatus, null);
  expect(await buildStatus.getAttribute("class")).toBe("ck-status ck-status--success");
  expect(text).toContain(s.dataSheet[kind]);
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
  // By hand (test/unit/data/aggregate.test.ts): Zhang Wei's October calls at 1–30 days past due
  // are C0001, C0002, C0004 (A1001, dpd 15): 3 attempts, 1 account contacted (A1001), 2
  // right-party calls (C0002, C0004), 1 promise (C0002).
  const M1_BY_HAND: readonly [string, number][] = [
    ["attempts", 3],
    ["contacted", 1],
    ["rightParty", 2],
    ["promises", 1],
  ];

  test("English: a UTF-8 call log → M1 with COUNTIFS/SUMIFS over the table; the XLSX reader is never fetched", async () => {
    await open(session.server.url, "en");
    const tabs = await pane().getByRole("tab").allTextContents();
    expect(tabs).toEqual(["Templates", "Data", "Functions", "Benchmarks", "Share"]);
    // The Data tab's code is its own chunk, fetched when the tab is first opened.
    expect(session.requests.some((u) => u.endsWith("/taskpane-data.js"))).toBe(false);
    await importAndBuild("en", fixture("calls.en.csv"), "m1", "calls");
    expect(session.requests.some((u) => u.endsWith("/taskpane-data.js"))).toBe(true);
    const rows = await octoberRows("en", "calls.en.csv");
    const cells = M1_BY_HAND.map(([key, value]) => inputCell("m1", "en", rows, "Zhang Wei", key, value));
    for (const c of cells) await expectCell(c.address, c.text);
    expect(await select(cells[1].address)).toMatch(/^=SUMIFS\(CK_Calls_FirstContact,CK_Calls_Collector,\$A\d+,CK_Calls_CalledAt,">="&\$B\$\d+,.*CK_Calls_Dpd,">=1",CK_Calls_Dpd,"<=30"\)$/);
    const sheets = await page.locator(".pv-tabs .pv-tab").allTextContents();
    expect(sheets).toContain("Calls data");
    const scripts = session.requests.filter((u) => u.endsWith(".js"));
    expect(scripts.some((u) => u.endsWith("/xlsx.js"))).toBe(false);
    await page.screenshot({ path: join(SHOTS, "data-en.png") });
    expect(pageErrors).toEqual([]);
  });

  test("Chinese: a GBK call log with Chinese headers → M1 (通话数据), the same numbers", async () => {
    await open(session.server.url, "zh");
    await importAndBuild("zh", fixture("calls.zh.gbk.csv"), "m1", "calls");
    const rows = await octoberRows("zh", "calls.zh.gbk.csv");
    const cells = M1_BY_HAND.map(([key, value]) => inputCell("m1", "zh", rows, "张伟", key, value));
    for (const c of cells) await expectCell(c.address, c.text);
    await select(cells[1].address);
    await page.screenshot({ path: join(SHOTS, "data-zh.png") });
    expect(pageErrors).toEqual([]);
  });

  test("an XLSX: its reader is fetched as its own chunk only now; payments → the scorecard's recovered", async () => {
    await open(session.server.url, "en");
    const before = session.requests.length;
    await importAndBuild("en", fixture("payments.en.xlsx"), "scorecard", "payments");
    expect(session.requests.slice(before).some((u) => u.endsWith("/xlsx.js"))).toBe(true);
    // Zhang Wei's October: 1,200.00 + 3,450.50 + 800.00 = 5,450.50 (the repeated P0003 dropped).
    const rows = await octoberRows("en", "payments.en.xlsx");
    const c = inputCell("scorecard", "en", rows, "Zhang Wei", "recovered", 5450.5);
    await expectCell(c.address, c.text);
    expect(pageErrors).toEqual([]);
  });

  test("Refresh asks for the file again, checks its headers, and rewrites the table's rows", async () => {
    await open(session.server.url, "en");
    const s = DATA_STRINGS.en;
    const panel = await importAndBuild("en", fixture("calls.en.csv"), "m1", "calls");
    const saved = panel.locator(".ck-saved__item");
    await expect(saved.count()).resolves.toBe(1);
    await saved.getByRole("button", { name: s.refresh }).click();
    const status = panel.locator(".ck-status").last();
    const asked = (await status.textContent()) ?? "";
    expect(asked).toContain("calls.en.csv");
    // A re-export with one more October call by Zhang Wei (a new account, connected, dpd 10).
    const more = Buffer.concat([readFileSync(join(RAW, "calls.en.csv")), Buffer.from("C9999,Zhang Wei,A1999,2026-10-30 10:00:00,60,Y,N,N,10\r\n")]);
    await panel.locator('input[type="file"]').last().setInputFiles({ name: "calls.en.csv", mimeType: "text/csv", buffer: more });
    const text = await waitForStatus(status, asked);
    expect(text).toContain("39 → 40 rows");
    // Zhang Wei now has 4 attempts and 2 accounts contacted in October at 1–30 days past due.
    const rows = await octoberRows("en", "calls.en.csv");
    for (const [key, value] of [["attempts", 4], ["contacted", 2]] as const) {
      const c = inputCell("m1", "en", rows, "Zhang Wei", key, value);
      await expectCell(c.address, c.text);
    }
    expect(pageErrors).toEqual([]);
  });

  test("a long file shows a progress bar; Cancel stops it and nothing is written", async () => {
    await open(session.server.url, "en");
    const s = DATA_STRINGS.en;
    await pane().getByRole("tab", { name: s.tab }).click();
    const panel = pane().getByRole("tabpanel", { name: s.tab });
    const line = "C0001,Zhang Wei,A1001,2026-10-02 09:15:00,0,N,N,N,15\n";
    const big = Buffer.from(`Call ID,Agent,Account,Call Time,Duration (s),Connected,RPC,PTP,DPD\n${line.repeat(400_000)}`);
    // As a user would, Cancel is pressed while the bar moves: the moment it first shows a value
    // above 0 (watched inside the pane, so the click does not race the parse).
    const frame = page.frame({ name: "collectkpi-pane" });
    if (frame === null) throw new Error("no pane frame");
    const seen = frame.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const observer = new MutationObserver(() => {
            const bar = document.querySelector('[role="progressbar"]');
            const value = bar?.getAttribute("aria-valuenow");
            const cancel = document.querySelector<HTMLButtonElement>(".ck-progress__cancel");
            if (value !== null && value !== undefined && Number(value) > 0 && cancel !== null && !cancel.disabled) {
              observer.disconnect();
              cancel.click();
              resolve(value);
            }
          });
          observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });
        })
    );
    await panel.locator('input[type="file"]').first().setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: big });
    const value = await seen;
    expect(Number(value)).toBeGreaterThan(0);
    expect(Number(value)).toBeLessThan(100);
    const status = panel.locator(".ck-status").first();
    expect(await waitForStatus(status, null)).toBe(s.cancelled);
    await expect(panel.locator(".ck-progress").isHidden()).resolves.toBe(true);
    expect(await page.locator(".pv-tabs .pv-tab").allTextContents()).toEqual(["Sheet1"]);
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

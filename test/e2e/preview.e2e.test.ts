/**
 * The browser preview end to end, in headless Chromium: the real task pane inserts templates
 * into the simulated workbook, HyperFormula (with the COLLECT plugin) computes them, and the
 * grid shows Excel's text. Every expected value is worked out by hand from the template's
 * sample data (src/templates/teams.ts), not by calling the core, so a wrong formula, a wrong
 * argument order or a wrong number format each fail here; the checks right after insertion
 * are shared with hosts.e2e.test.ts (sampleChecks.ts), which runs them on each Excel host.
 *
 * Screenshots of the preview and of the task pane (en, zh) go to docs/screenshots/.
 */
import { mkdirSync } from "fs";
import { join } from "path";
import type { Page } from "playwright-core";
import { type Language, findMetric } from "../../src/core";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { templateById } from "../../src/templates";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";
import { BAD, GOOD, OK, expectM1Sample, expectScorecardSample } from "./sampleChecks";

const SHOTS = join(ROOT, "docs", "screenshots");


let session: Session;
let page: Page;
const pageErrors: string[] = [];

const preview = previewPage(() => page);
const { pane, cell, expectCell, fillOf, insert, typeInto, reveal, boxOf, waitForStatus } = preview;

async function sheetTabs(): Promise<string[]> {
  return page.locator(".pv-tab").allTextContents();
}

async function activeSheet(): Promise<string> {
  return (await page.locator('.pv-tab[aria-selected="true"]').textContent()) ?? "";
}

async function openPreview(language: Language): Promise<void> {
  await previewPage(() => page).open(session.server.url, language);
}

/** Scrolls the grid so that `address`'s column sits right of the frozen columns. */
async function scrollGridTo(address: string): Promise<void> {
  await reveal(address);
  await page.evaluate((a) => {
    const wrap = document.querySelector(".pv-gridwrap") as HTMLElement;
    const td = document.querySelector(`.pv-grid td[data-cell="${a}"]`) as HTMLElement;
    const frozen = Array.from(document.querySelectorAll(".pv-grid tbody tr:first-child td.pv-frozen-col")) as HTMLElement[];
    const left = wrap.getBoundingClientRect().left;
    // On screen, the frozen columns end at the same place whatever the scroll.
    const frozenRight = frozen.reduce((x, el) => Math.max(x, el.getBoundingClientRect().right - left), 44);
    wrap.scrollLeft = td.getBoundingClientRect().left - left + wrap.scrollLeft - frozenRight;
  }, address);
}

/**
 * Saves a screenshot of the whole page (1600 × 900) with `select` selected and the grid
 * scrolled so that `scrollTo`'s column is the first one right of the frozen columns.
 */
async function screenshot(name: string, select: string, scrollTo: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1600, height: 900 });
  await reveal(select);
  // Selected through the Name box: a click on a link cell's text would follow the link.
  await page.locator(".pv-namebox").fill(select);
  await page.locator(".pv-namebox").press("Enter");
  await scrollGridTo(scrollTo);
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(SHOTS, name) });
  if (viewport !== null) await page.setViewportSize(viewport);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await startSession();
  page = await newPage(session, pageErrors);
  await openPreview("en");
});

afterAll(async () => {
  await session?.close();
});

describe("the preview page", () => {
  test("opens on an empty workbook beside the real task pane, with the engine loaded lazily", async () => {
    expect(await sheetTabs()).toEqual(["Sheet1"]);
    await expect(pane().getByRole("tab").allTextContents()).resolves.toEqual(["Templates", "Data", "Functions", "Benchmarks", "Share"]);
    // The engine is its own chunk, fetched by the page after it started; the pane never loads it.
    const scripts = session.requests.filter((u) => u.endsWith(".js")).map((u) => u.slice(session.server.url.length));
    expect(scripts).toEqual(expect.arrayContaining(["preview.js", "preview-engine.js", "preview-office.js", "taskpane.js"]));
    expect(scripts.indexOf("preview-engine.js")).toBeGreaterThan(scripts.indexOf("preview.js"));
    expect(scripts).not.toContain("functions.js");
  });

  test("the header and the Functions tab link the function reference page, which the server serves (issue 16)", async () => {
    const header = page.locator("header a.pv-reference");
    await expect(header.textContent()).resolves.toBe("Function reference");
    await expect(header.getAttribute("href")).resolves.toBe("functions.html");
    await expect(header.getAttribute("target")).resolves.toBe("_blank");
    await pane().getByRole("tab", { name: PANE.en.tabFunctions }).click();
    const link = pane().getByRole("link", { name: PANE.en.referenceLink });
    await expect(link.getAttribute("href")).resolves.toBe("functions.html");
    await pane().getByRole("button", { name: /Recovery achievement/ }).first().click();
    const one = pane().getByRole("link", { name: PANE.en.referenceFor("RECOVERYRATE") });
    await expect(one.getAttribute("href")).resolves.toBe("functions.html#RECOVERYRATE");
    for (const [file, text] of [["functions.html", "COLLECT.RECOVERYRATE"], ["functions.zh-cn.html", "COLLECT.RECOVERYRATE"]]) {
      const res = await page.request.get(`${session.server.url}${file}`);
      expect([file, res.status()]).toEqual([file, 200]);
      expect(await res.text()).toContain(text);
    }
    await pane().getByRole("tab", { name: PANE.en.tabTemplates }).click();
  });

  test("Insert into active cell takes its arguments from the selection or the keyboard, never writes #NAME? (issue 16)", async () => {
    await typeInto("A1", "50");
    await typeInto("B1", "80");
    await pane().getByRole("tab", { name: PANE.en.tabFunctions }).click();
    await pane().getByRole("button", { name: /Recovery achievement/ }).first().click();
    const status = pane().locator(".ck-details .ck-status");
    // Nothing given: nothing written, the pane says what to do.
    await cell("C1").click();
    await pane().getByRole("button", { name: PANE.en.insertIntoCell }).click();
    expect(await waitForStatus(status, null)).toBe(PANE.en.argumentMissing("recovered"));
    // "Use selection" fills the first argument with the selected cell; the second is typed.
    await cell("A1").click();
    await pane().getByRole("button", { name: PANE.en.useSelectionFor("recovered") }).click();
    await expect(pane().getByRole("textbox", { name: "recovered", exact: true }).inputValue()).resolves.toBe("Sheet1!A1");
    await pane().getByRole("textbox", { name: "target", exact: true }).fill("B1");
    await cell("C1").click();
    await pane().getByRole("button", { name: PANE.en.insertIntoCell }).click();
    expect(await waitForStatus(status, PANE.en.argumentMissing("recovered"))).toBe(PANE.en.formulaWritten("C1", "=COLLECT.RECOVERYRATE(A1,B1)"));
    await expectCell("C1", "0.625");
    await pane().getByRole("tab", { name: PANE.en.tabTemplates }).click();
  });

  test("screenshot: the Functions tab with its arguments and the reference links", async () => {
    await pane().getByRole("tab", { name: PANE.en.tabFunctions }).click();
    await pane().locator(".ck-details .ck-status").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "functions-args-en.png") });
    await pane().getByRole("tab", { name: PANE.en.tabTemplates }).click();
  });
});

describe("M1 with sample data", () => {
  // M1 sheet layout: see sampleChecks.ts (header row 4, collectors rows 5–12, TEAM TOTAL row 13).
  test("inserting it adds the Benchmarks sheet and computes the KPIs and grades", async () => {
    const message = await insert("m1", "en", true);
    expect(message).toBe(PANE.en.createdWithBenchmarks("M1", "Benchmarks"));
    expect(await sheetTabs()).toEqual(["Sheet1", "Benchmarks", "M1"]);
    expect(await activeSheet()).toBe("M1");
    await expectM1Sample(preview);
  });

  test("grades are coloured by the sheet's conditional formats, styles and widths follow the spec", async () => {
    expect(await fillOf("R5")).toBe(OK); // Meets
    expect(await fillOf("R13")).toBe(BAD); // Below
    // Header: Excel green with white bold text; inputs yellow; TEAM TOTAL bold.
    await reveal("B4");
    const header = await cell("B4").evaluate((td) => {
      const s = getComputedStyle(td);
      return [s.backgroundColor, s.color, s.fontWeight];
    });
    expect(header).toEqual(["rgb(16, 124, 65)", "rgb(255, 255, 255)", "700"]);
    expect(await fillOf("B5")).toBe("rgb(255, 242, 204)");
    // Column A is 120 pt wide = 160 px.
    expect(Math.round((await boxOf("A5")).width)).toBe(160);
  });

  test("a grade without a benchmark says why under it, with a HYPERLINK to its Benchmarks row (issue 16)", async () => {
    // The first of M1's metrics for which the source gives no figure.
    const m1 = templateById("m1")!;
    const metric = m1.metrics.map((id) => findMetric(id)!).find((m) => m.meets === undefined && m.excellent === undefined)!;
    const headers = m1.build({ language: "en", sample: false });
    const g = headers.cells[3].indexOf(`${metric.name.en}: grade`);
    expect(g).toBeGreaterThan(0);
    const col = String.fromCharCode(65 + g);
    await expectCell(`${col}5`, "No benchmark");
    await expectCell(`${col}14`, "Source: no figure");
    await expectCell(`${col}15`, "Set threshold ›");
    // Selected without following it (a click on its text follows the link, as in Excel: sheets.e2e.test.ts).
    await page.locator(".pv-namebox").fill(`${col}15`);
    await page.locator(".pv-namebox").press("Enter");
    await expect(page.locator(".pv-formula").inputValue()).resolves.toMatch(/HYPERLINK\("#'Benchmarks'!D\d+","Set threshold ›"\)/);
  });

  test("screenshot: M1 in English, KPIs and grades", async () => {
    await screenshot("preview-en.png", "L5", "L5");
    await screenshot("preview-nobenchmark-en.png", "R15", "R5");
  });

  test("the formula bar shows the selected cell's formula", async () => {
    await reveal("L5");
    await cell("L5").click();
    await expect(page.locator(".pv-namebox").inputValue()).resolves.toBe("L5");
    await expect(page.locator(".pv-formula").inputValue()).resolves.toBe('=IF(B5="","",COLLECT.CONTACTCOVERAGE(C5,B5))');
  });

  test("the header rows and the name column stay frozen while the grid scrolls", async () => {
    await page.locator(".pv-gridwrap").evaluate((el) => {
      el.scrollLeft = 0;
      el.scrollTop = 0;
    });
    await reveal("M4");
    const before = { a: await boxOf("A5"), h: await boxOf("M4") };
    await page.locator(".pv-gridwrap").evaluate((el) => {
      el.scrollLeft = 600;
      el.scrollTop = 200;
    });
    const after = { a: await boxOf("A5"), h: await boxOf("M4") };
    expect(after.a.x).toBe(before.a.x); // column A frozen
    expect(after.h.y).toBe(before.h.y); // header row frozen
    expect(after.h.x).toBeLessThan(before.h.x); // the rest scrolled
    await page.locator(".pv-gridwrap").evaluate((el) => {
      el.scrollLeft = 0;
      el.scrollTop = 0;
    });
  });

  test("typing an input recalculates the cells that depend on it", async () => {
    // Wang Fang reaches all 620 accounts: 620 / 620 = 100.0%.
    // Team: 4,235 − 596 + 620 = 4,259 contacted; 4,259 / 4,460 = 0.954933 → 95.5%, now Meets.
    await typeInto("C5", "620");
    await expectCell("C5", "620");
    await expectCell("L5", "100.0%");
    await expectCell("C13", "4,259");
    await expectCell("L13", "95.5%");
    await expectCell("R13", "Meets");
    expect(await fillOf("R13")).toBe(OK);
  });

  test("data validation refuses a negative count, as Excel does", async () => {
    await typeInto("B6", "-5");
    await expect(page.locator(".pv-message").isVisible()).resolves.toBe(true);
    await page.keyboard.press("Escape");
    await expectCell("B6", "580");
  });

  test("zeroing a denominator shows #DIV/0! with the reason on hover", async () => {
    await typeInto("J5", "0");
    await expectCell("Q5", "#DIV/0!");
    await expect(cell("Q5").getAttribute("title")).resolves.toBe("target adds up to 0, so the rate cannot be computed. Fill in target.");
    // The grade of an error is the error.
    await expectCell("W5", "#DIV/0!");
    // The total still computes: 1,250,800 / (1,315,000 − 180,000 = 1,135,000) = 1.102026 → 110.2%.
    await expectCell("J13", "¥1,135,000");
    await expectCell("Q13", "110.2%");
  });

  test("inserting the same template again adds 'M1 (2)' and keeps the first sheet", async () => {
    const message = await insert("m1", "en", false);
    expect(message).toBe(PANE.en.created("M1 (2)"));
    expect(await sheetTabs()).toEqual(["Sheet1", "Benchmarks", "M1", "M1 (2)"]);
    expect(await activeSheet()).toBe("M1 (2)");
    // Without sample data the sheet is clean: no inputs, formulas blank, labels in place.
    await expectCell("A4", "Collector");
    await expectCell("B5", "");
    await expectCell("L5", "");
    await expectCell("A13", "TEAM TOTAL");
    // The first M1 still holds the user's edits.
    await page.locator('.pv-tab[data-sheet="M1"]').click();
    await expectCell("C5", "620");
    await expectCell("Q5", "#DIV/0!");
  });
});

describe("balanced scorecard with sample data", () => {
  // Scorecard layout: see sampleChecks.ts (ids row 3, weights row 4, collectors rows 6–13, TEAM TOTAL row 14).
  test("inserting it computes KPIs, scores and the composite", async () => {
    const message = await insert("scorecard", "en", true);
    expect(message).toBe(PANE.en.created("Scorecard"));
    expect(await activeSheet()).toBe("Scorecard");
    await expectScorecardSample(preview);
  });

  test("screenshots: the scorecard's composite (Zhang Wei vetoed), and the task pane, in English", async () => {
    await screenshot("preview-scorecard-en.png", "B6", "AC6");
    await page.locator("iframe.pv-pane").screenshot({ path: join(SHOTS, "taskpane-en.png") });
  });

  test("fixing the red-line input lifts the veto", async () => {
    // Zhang Wei passes 128 of 130: 0.98462 ≥ 98%. Scores: recovery 143,000/130,000 = 1.1 →
    // 129.4 → 120; cumulative (143,000+180,000)/500,000 = 0.646 → 99.385; talk 1,430/2,600 = 0.55
    // → 91.667; first contact 441/450 = 0.98 → 98.0; compliance 0.98462/0.98 → 100.471;
    // complaints 6/1,320 = 0.0045455 → 100×0.003/0.0045455 = 66.0; per collector 143,000 → 120;
    // days 590/92 = 6.4130 → 100×5/6.4130 = 77.966.
    // (30×120 + 10×(99.385+91.667+98.0+100.471+66.0+120+77.966)) / 100 = 101.35 → 101.3, Excellent.
    await typeInto("N8", "128");
    await expectCell("X8", "98.5%");
    await expectCell("B8", "101.3");
    await expectCell("C8", "Excellent");
    expect(await fillOf("C8")).toBe(GOOD);
  });
});

describe("the Benchmarks tab's reset asks first", () => {
  test("Reset… opens the question with the focus on Cancel; Escape cancels; confirming resets", async () => {
    const s = PANE.en;
    await pane().getByRole("tab", { name: s.tabBenchmarks }).click();
    const panel = pane().getByRole("tabpanel", { name: s.tabBenchmarks });
    const status = panel.locator(".ck-status").last();
    await panel.getByRole("button", { name: s.resetButton }).click();
    const question = panel.getByRole("group", { name: s.resetQuestion });
    await question.waitFor({ state: "visible" });
    await expect(panel.getByRole("button", { name: s.resetCancel }).evaluate((b) => b === b.ownerDocument.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Escape");
    await expect(question.isVisible()).resolves.toBe(false);
    expect(await status.textContent()).toBe(s.resetCancelled);
    await panel.getByRole("button", { name: s.resetButton }).click();
    await question.waitFor({ state: "visible" });
    await panel.getByRole("button", { name: s.resetConfirm, exact: true }).click();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && !/^Reset \d+ rows to the defaults\./.test((await status.textContent()) ?? "")) await page.waitForTimeout(50);
    // The thresholds were the defaults already, so the sheet's grades do not move.
    expect(await status.textContent()).toMatch(/^Reset \d+ rows to the defaults\./);
    await expect(question.isVisible()).resolves.toBe(false);
  });
});

describe("in Chinese", () => {
  test("the language switch turns the page and the task pane Chinese and keeps the workbook", async () => {
    await page.getByRole("button", { name: "中文" }).click();
    await pane().getByRole("tab", { name: PANE.zh.tabTemplates }).waitFor();
    await expect(page.locator(".pv-title").textContent()).resolves.toBe("CollectKPI 预览");
    await expect(page.locator("header a.pv-reference").getAttribute("href")).resolves.toBe("functions.zh-cn.html");
    await expect(page.locator("header a.pv-reference").textContent()).resolves.toBe("函数参考");
    expect(await sheetTabs()).toEqual(["Sheet1", "Benchmarks", "M1", "M1 (2)", "Scorecard"]);
    // The reasons behind error cells follow the language too: M1's target J5 was zeroed above.
    await page.locator(".pv-tab", { hasText: /^M1$/ }).click();
    await expectCell("Q5", "#DIV/0!");
    await expect(cell("Q5").getAttribute("title")).resolves.toBe("target 的合计为 0，无法计算比率。请填写 target。");
  });

  test("a Chinese scorecard grades in Chinese; screenshots in Chinese", async () => {
    await openPreview("zh");
    expect(await sheetTabs()).toEqual(["Sheet1"]);
    const message = await insert("scorecard", "zh", true);
    expect(message).toBe(PANE.zh.createdWithBenchmarks(templateById("scorecard")!.build({ language: "zh", sample: false }).name, "基准"));
    // The same sample numbers as in English: the same values, Chinese labels.
    await expectCell("A6", "王芳");
    await expectCell("B6", "105.5");
    await expectCell("C6", "优秀");
    await expectCell("C8", "不合格");
    await expectCell("AA14", "5.9天");
    await screenshot("preview-zh.png", "B6", "AC6");
    await page.locator("iframe.pv-pane").screenshot({ path: join(SHOTS, "taskpane-zh.png") });
    // Issue 16: the headers break only at chosen points, the metric ids fit their columns.
    await screenshot("preview-headers-zh.png", "T6", "T6");
    await pane().getByRole("tab", { name: PANE.zh.tabFunctions }).click();
    await pane().getByRole("button", { name: /回收金额达成率/ }).first().click();
    await pane().locator(".ck-args").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "functions-args-zh.png") });
    await pane().getByRole("tab", { name: PANE.zh.tabTemplates }).click();
    // M1 in Chinese: the grades without a benchmark, why, and the link under them.
    await insert("m1", "zh", true);
    const m1 = templateById("m1")!;
    const metric = m1.metrics.map((id) => findMetric(id)!).find((m) => m.meets === undefined && m.excellent === undefined)!;
    const g = m1.build({ language: "zh", sample: false }).cells[3].map((c) => String(c ?? "").replace(/\n/g, "")).indexOf(`${metric.name.zh}评级`);
    const col = String.fromCharCode(65 + g);
    await expectCell(`${col}14`, "来源未给数值");
    await expectCell(`${col}15`, "设置阈值 ›");
    await screenshot("preview-nobenchmark-zh.png", `${col}15`, "R5");
  });
});

describe("privacy and health", () => {
  test("no request left the local server", () => {
    const origin = session.server.url; // http://127.0.0.1:<port>/
    const outside = session.requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
    expect(outside).toEqual([]);
    expect(session.requests.length).toBeGreaterThan(5);
  });

  test("no script error on any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

/**
 * The Data tab's Monthly trend: offered among the sheets the data feeds, built with every month
 * of the data (no month chosen) through the same insertTemplate path as the team sheets, its
 * recovered column the whole team's SUMIFS per month, which the preview's engine computes to the
 * sums added up by hand from test/fixtures/raw/payments.en.csv.
 */
import { fixtureFile } from "../data/load";
import { SimSheet, SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { DataController, TREND_TEMPLATE } from "../../../src/taskpane/dataController";
import { STRINGS, TEMPLATES } from "../../../src/templates";
import { TREND_INPUTS } from "../../../src/templates/monthly";


function setup(language: "en" | "zh" = "en") {
  const book = new SimWorkbook(["Sheet1"]);
  const host = createSimHost(book);
  attachEngine(book, language);
  return { book, controller: new DataController(host, TEMPLATES, language) };
}

async function load(controller: DataController, name: string): Promise<void> {
  expect((await controller.readFile(fixtureFile(name))).tone).not.toBe("error");
  expect((await controller.check()).tone).toBe("success");
}

/** The sheet the build added, other than the data sheet and Benchmarks. */
function builtSheet(book: SimWorkbook, before: readonly string[]): SimSheet {
  const sheet = book.sheets.find((s) => !before.includes(s.name) && !/data|数据|bench|基准/i.test(s.name));
  if (sheet === undefined) throw new Error("no sheet was built");
  return sheet;
}

describe.each(["en", "zh"] as const)("Monthly trend from the payments fixture (%s)", (language) => {
  const name = language === "zh" ? "payments.zh.gbk.csv" : "payments.en.csv";

  test("offered after the team sheets, 1 of its 9 inputs from the data, with every month and no month to choose", async () => {
    const { controller } = setup(language);
    await load(controller, name);
    const options = controller.buildOptions();
    expect(options.map((o) => o.id).slice(-1)).toEqual([TREND_TEMPLATE]);
    const trend = options.find((o) => o.id === TREND_TEMPLATE)!;
    expect(trend.label).toBe(TEMPLATES.find((t) => t.id === "monthly")!.title[language]);
    expect(trend.hint).toContain(controller.strings.templateInputs(1, TREND_INPUTS.length));
    expect(trend.hint).toContain(controller.strings.trendMonths("2026-09", "2026-10", 2, 2));
    expect(controller.needsMonth(TREND_TEMPLATE)).toBe(false);
    expect(controller.needsMonth("m1")).toBe(true);
  });

  test("built with the data's months, oldest first: each month's recovered = the fixture's payments of that month added up by hand", async () => {
    const { book, controller } = setup(language);
    await load(controller, name);
    const before = book.sheets.map((s) => s.name);
    // The month argument is ignored for the trend.
    const built = await controller.build(TREND_TEMPLATE, "");
    expect(built.tone).toBe("success");
    const sheet = builtSheet(book, before);
    // Row 2 says where the data came from, then what the formulas do.
    expect(String(sheet.input(1, 0))).toMatch(language === "zh" ? /^数据来源：payments\.zh\.gbk\.csv/ : /^Data: payments\.en\.csv/);
    expect(String(sheet.input(1, 0)).endsWith(STRINGS[language].data.trendNote(undefined))).toBe(true);

    const recovered = 1 + TREND_INPUTS.findIndex((i) => i.key === "recovered");
    const target = 1 + TREND_INPUTS.findIndex((i) => i.key === "target");
    // Rows 5 and 6 (0-based 4 and 5): 2026-09-01 = 46296 − 30 = 46266, then 2026-10-01 = 46296.
    expect([sheet.input(4, 0), sheet.input(5, 0), sheet.input(6, 0)]).toEqual([46266, 46296, ""]); // row 7 blank, the charts note below it
    expect(sheet.getCell(5, recovered)?.formula).toBe('=SUMIFS(CK_Payments_Amount,CK_Payments_PaidOn,">="&$A6,CK_Payments_PaidOn,"<"&EDATE($A6,1))');
    expect(sheet.getCell(4, target)?.formula).toBeUndefined(); // typed: no case list imported
    // By hand from payments.en.csv (the repeated P0003 and P0103 counted once; 2026-09-30 23:59 is September's):
    // September: Zhang Wei 2,000.00 + 150.25 = 2,150.25; Li Na 2,086.70 + 3,626.25 + 3,905.50 + 4,742.97
    //   + 2,331.91 = 16,693.33; Wang Fang 4,940.49 + 4,282.64 + 755.06 + 2,462.03 + 799.73 = 13,239.95;
    //   the team 2,150.25 + 16,693.33 + 13,239.95 = 32,083.53.
    // October: Zhang Wei 1,200.00 + 3,450.50 + 800.00 = 5,450.50; Li Na 635.75 + 4,790.69 + 596.50
    //   + 2,869.79 + 3,666.76 − 200.00 = 12,359.49; Wang Fang 1,693.92 + 4,843.22 + 2,337.32 + 3,628.62
    //   + 2,481.17 = 14,984.25; the team 5,450.50 + 12,359.49 + 14,984.25 = 32,794.24.
    expect(sheet.valueAt(4, recovered)).toBeCloseTo(32083.53, 6);
    expect(sheet.valueAt(5, recovered)).toBeCloseTo(32794.24, 6);
  });
});

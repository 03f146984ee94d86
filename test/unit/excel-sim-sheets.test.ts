/**
 * Renaming and deleting sheets in the simulated workbook, as Excel does: references follow a
 * renamed sheet (cell formulas of every sheet and workbook-name formulas, quoted when needed,
 * never inside strings), and turn into #REF! when it is deleted. Through the model, through the
 * Office.js-style proxies (queued until sync), and through the task pane with the preview's
 * engine: the grades of an inserted template survive a renamed Benchmarks sheet, a deleted one
 * is recreated, and a renamed one is never duplicated.
 */
import { SimError, SimRequestContext, SimWorkbook, createSimHost, runSim } from "../../src/excel-sim";
import { CATALOGUE } from "../../src/core";
import { deleteSheetInFormula, hasRefError, renameSheetInFormula } from "../../src/excel-sim/sheetRefs";
import { quoteSheet } from "../../src/portable/formula";
import { attachEngine } from "../../src/preview/engine";
import { PaneController } from "../../src/taskpane/controller";
import { STRINGS } from "../../src/taskpane/strings";
import { TEMPLATES } from "../../src/templates";
import { BENCHMARKS_NAME } from "../../src/templates/types";

describe("formula rewriting", () => {
  test.each([
    ["=Benchmarks!A1", "Benchmarks", "My bench", "='My bench'!A1"],
    ["=IF(Benchmarks!$A$5:$H$27=\"\",\"\",Benchmarks!$A$5:$H$27)", "Benchmarks", "My bench", "=IF('My bench'!$A$5:$H$27=\"\",\"\",'My bench'!$A$5:$H$27)"],
    ["='M1 (2)'!B5+benchmarks!C:C", "benchmarks", "Bench", "='M1 (2)'!B5+Bench!C:C"],
    ["='My bench'!A1", "My bench", "Plain", "=Plain!A1"],
    ["=SUM(Old!1:2)", "Old", "It's", "=SUM('It''s'!1:2)"],
    ["=Old!Rate*2", "Old", "基准", "='基准'!Rate*2"],
    // Strings, other sheets, other workbooks and unqualified references stay.
    ['=INDIRECT("Old!A1")&Older!A1&[1]Old!A1&A1', "Old", "New", '=INDIRECT("Old!A1")&Older!A1&[1]Old!A1&A1'],
  ])("rename: %s with %s → %s", (formula, from, to, expected) => {
    expect(renameSheetInFormula(formula, from, to)).toBe(expected);
  });

  test.each([
    ["=Gone!A1+B1", "=#REF!+B1"],
    ["=IF('Gone'!$A$5:$H$27=\"\",\"\",Gone!$A$5:$H$27)", "=IF(#REF!=\"\",\"\",#REF!)"],
    ['=SUM(Sales[Amount])&"Gone!A1"&Kept!A1&Other[Amount]', '=SUM(#REF!)&"Gone!A1"&Kept!A1&Other[Amount]'],
    ["=Gone!Rate", "=#REF!"],
  ])("delete: %s → %s", (formula, expected) => {
    expect(deleteSheetInFormula(formula, "Gone", ["sales"])).toBe(expected);
  });

  test("#REF! is found outside strings only", () => {
    expect(hasRefError("=IF(#REF!=\"\",\"\",#REF!)")).toBe(true);
    expect(hasRefError('="#REF!"')).toBe(false);
    expect(hasRefError("=A1")).toBe(false);
  });
});

describe("the model", () => {
  function book(): SimWorkbook {
    const wb = new SimWorkbook(["Data", "Benchmarks", "Report"]);
    wb.setCellInput("Benchmarks", 4, 0, 0.9);
    wb.setCellInput("Data", 0, 0, "=Benchmarks!A5*2");
    wb.setCellInput("Report", 0, 0, '="Benchmarks!A5 is "&Benchmarks!A5');
    wb.setCellInput("Benchmarks", 0, 0, "=A5+Data!A1");
    wb.addFormulaName(BENCHMARKS_NAME, '=IF(Benchmarks!$A$5:$H$27="","",Benchmarks!$A$5:$H$27)');
    wb.addName("Thresholds", wb.requireSheet("Benchmarks"), { row: 4, column: 0, rowCount: 1, columnCount: 1 });
    return wb;
  }

  test("a rename rewrites every reference, in cells of every sheet and in name formulas, quoted when needed", () => {
    const wb = book();
    const bench = wb.requireSheet("Benchmarks");
    wb.renameSheet("Benchmarks", "My bench");
    expect(bench.name).toBe("My bench");
    expect(wb.requireSheet("Data").input(0, 0)).toBe("='My bench'!A5*2");
    expect(wb.requireSheet("Report").input(0, 0)).toBe('="Benchmarks!A5 is "&\'My bench\'!A5');
    expect(bench.input(0, 0)).toBe("=A5+Data!A1");
    expect(wb.name(BENCHMARKS_NAME)!.formula).toBe('=IF(\'My bench\'!$A$5:$H$27="","",\'My bench\'!$A$5:$H$27)');
    expect(wb.nameType(wb.name(BENCHMARKS_NAME)!)).toBe("Array");
    expect(wb.nameType(wb.name("Thresholds")!)).toBe("Range");
    // A case-only rename is allowed; the sheet is found under its new name.
    wb.renameSheet("my bench", "MY BENCH");
    expect(wb.requireSheet("Data").input(0, 0)).toBe("='MY BENCH'!A5*2");
  });

  test("invalid and taken names are refused with the reason, and change nothing", () => {
    const wb = book();
    expect(wb.sheetNameProblem("", undefined)).toBe("blank");
    expect(wb.sheetNameProblem("a".repeat(32))).toBe("tooLong");
    expect(wb.sheetNameProblem("a/b")).toBe("character");
    expect(wb.sheetNameProblem("'quoted")).toBe("apostrophe");
    expect(wb.sheetNameProblem("history")).toBe("reserved");
    expect(wb.sheetNameProblem("report")).toBe("taken");
    expect(wb.sheetNameProblem("report", wb.requireSheet("Report"))).toBeNull();
    expect(() => wb.renameSheet("Benchmarks", "Data")).toThrow(expect.objectContaining({ code: "ItemAlreadyExists" }));
    expect(() => wb.renameSheet("Benchmarks", "a[1]")).toThrow(SimError);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Data", "Benchmarks", "Report"]);
    expect(wb.requireSheet("Data").input(0, 0)).toBe("=Benchmarks!A5*2");
  });

  test("a delete turns references into #REF!, formula names report Error, and the last sheet stays", () => {
    const wb = book();
    wb.removeSheet("Benchmarks");
    expect(wb.sheets.map((s) => s.name)).toEqual(["Data", "Report"]);
    expect(wb.requireSheet("Data").input(0, 0)).toBe("=#REF!*2");
    expect(wb.requireSheet("Report").input(0, 0)).toBe('="Benchmarks!A5 is "&#REF!');
    expect(wb.name(BENCHMARKS_NAME)!.formula).toBe('=IF(#REF!="","",#REF!)');
    expect(wb.nameType(wb.name(BENCHMARKS_NAME)!)).toBe("Error");
    expect(wb.nameType(wb.name("Thresholds")!)).toBe("Error");
    wb.removeSheet("Data");
    expect(() => wb.removeSheet("Report")).toThrow(expect.objectContaining({ code: "InvalidOperation" }));
  });

  test("the engine recalculates after a rename and after a delete", () => {
    const wb = book();
    const engine = attachEngine(wb);
    const data = wb.requireSheet("Data");
    expect(engine.valueAt(data.id, 0, 0).value).toBe(1.8);
    wb.renameSheet("Benchmarks", "My bench");
    wb.recalculate();
    expect(engine.valueAt(data.id, 0, 0).value).toBe(1.8);
    expect(engine.evaluate(data.id, "=COLUMNS(CollectBenchmarks)").value).toBe(8);
    wb.removeSheet("My bench");
    wb.recalculate();
    expect(engine.valueAt(data.id, 0, 0).error?.code).toBe("#REF!");
    expect(data.valueAt(0, 0)).toBe("#REF!");
  });
});

describe("through the Excel API proxies", () => {
  test("worksheet.name = … and worksheet.delete() are queued until sync, like Office.js", async () => {
    const wb = new SimWorkbook(["Sheet1", "Benchmarks"]);
    wb.setCellInput("Sheet1", 0, 0, "=Benchmarks!B2");
    wb.addFormulaName(BENCHMARKS_NAME, '=IF(Benchmarks!$A$5:$H$27="","",Benchmarks!$A$5:$H$27)');
    await runSim(wb, async (context) => {
      const sheet = context.workbook.worksheets.getItem("Benchmarks");
      sheet.name = "Our thresholds";
      // Set on the proxy: readable at once, as Office.js allows; the workbook waits for the sync.
      expect(sheet.name).toBe("Our thresholds");
      expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Benchmarks"]);
      await context.sync();
      expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Our thresholds"]);
      const names = context.workbook.names.load("items/name,items/formula,items/type");
      await context.sync();
      expect(names.items.map((n) => [n.formula, n.type])).toEqual([['=IF(\'Our thresholds\'!$A$5:$H$27="","",\'Our thresholds\'!$A$5:$H$27)', "Array"]]);
    });
    expect(wb.requireSheet("Sheet1").input(0, 0)).toBe("='Our thresholds'!B2");

    await runSim(wb, async (context) => {
      context.workbook.worksheets.getItem("Our thresholds").delete();
      expect(wb.sheets).toHaveLength(2);
      await context.sync();
      expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
      const item = context.workbook.names.getItem(BENCHMARKS_NAME).load("type,formula");
      await context.sync();
      expect([item.type, item.formula]).toEqual(["Error", '=IF(#REF!="","",#REF!)']);
    });
    expect(wb.requireSheet("Sheet1").input(0, 0)).toBe("=#REF!");
    expect(wb.log.filter((w) => w.member === "name" || w.member === "delete").map((w) => [w.target, w.member, w.value])).toEqual([
      ["Benchmarks", "name", "Our thresholds"],
      ["Our thresholds", "delete", undefined],
    ]);
  });

  test("an invalid name, a taken name and the last sheet reject their sync", async () => {
    const wb = new SimWorkbook(["Sheet1", "Sheet2"]);
    const context = new SimRequestContext(wb);
    context.workbook.worksheets.getItem("Sheet2").name = "Sheet1";
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    context.workbook.worksheets.getItem("Sheet2").name = "a:b";
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    context.workbook.worksheets.getItem("Sheet2").delete();
    await context.sync();
    context.workbook.worksheets.getItem("Sheet1").delete();
    await expect(context.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

describe("the task pane and the preview's engine around a renamed or deleted Benchmarks sheet", () => {
  /** Every GRADE cell of a sheet: address → value. */
  function grades(wb: SimWorkbook, sheetName: string): Map<string, unknown> {
    const sheet = wb.requireSheet(sheetName);
    const out = new Map<string, unknown>();
    for (const { row, column, cell } of sheet.cells()) {
      if (cell.formula?.includes("COLLECT.GRADE")) out.set(`${row},${column}`, sheet.valueAt(row, column));
    }
    return out;
  }

  async function m1Workbook(language: "en" | "zh" = "en") {
    const wb = new SimWorkbook();
    attachEngine(wb, language);
    const host = createSimHost(wb);
    const pane = new PaneController(host, TEMPLATES, language);
    expect((await pane.insertTemplate("m1", true)).text).toBe(STRINGS[language].createdWithBenchmarks("M1", language === "en" ? "Benchmarks" : "基准"));
    return { wb, host, pane };
  }

  test("renaming Benchmarks keeps every grade of the M1 sheet, through the name's rewritten formula", async () => {
    const { wb } = await m1Workbook();
    const before = grades(wb, "M1");
    expect(before.size).toBeGreaterThan(20);
    expect([...before.values()]).toEqual(expect.arrayContaining(["Meets", "Below"]));
    expect([...before.values()].filter((v) => typeof v !== "string" || v.startsWith("#"))).toEqual([]);
    await runSim(wb, async (context) => {
      context.workbook.worksheets.getItem("Benchmarks").name = "My bench";
      await context.sync();
    });
    const last = 4 + CATALOGUE.length; // the Benchmarks body: one row per catalogue metric
    expect(wb.name(BENCHMARKS_NAME)!.formula).toBe(`=IF('My bench'!$A$5:$H$${last}="","",'My bench'!$A$5:$H$${last})`);
    expect(grades(wb, "M1")).toEqual(before);
    // An edited threshold on the renamed sheet still grades: contact coverage meets 0.95 → 0.97
    // turns Wang Fang's 96.1% (R5) from Meets to Below.
    const bench = wb.requireSheet("My bench");
    const row = [...bench.cells()].find(({ column, cell }) => column === 0 && cell.value === "contact_coverage")!.row;
    expect(wb.requireSheet("M1").valueAt(4, 17)).toBe("Meets");
    expect(wb.setCellInput(bench.id, row, 3, 0.97)).toBeNull();
    expect(wb.requireSheet("M1").valueAt(4, 17)).toBe("Below");
  });

  test("after deleting Benchmarks the grades show #REF!, and inserting a template recreates it and says so", async () => {
    for (const language of ["en", "zh"] as const) {
      const { wb, pane } = await m1Workbook(language);
      const benchName = language === "en" ? "Benchmarks" : "基准";
      wb.removeSheet(benchName);
      wb.recalculate();
      expect(wb.nameType(wb.name(BENCHMARKS_NAME)!)).toBe("Error");
      expect(new Set(grades(wb, "M1").values())).toEqual(new Set(["#REF!"]));
      const status = await pane.insertTemplate("scorecard", true);
      const scorecard = wb.sheets[wb.sheets.length - 1].name;
      expect(status).toMatchObject({ tone: "success", text: STRINGS[language].createdWithBenchmarks(scorecard, benchName) });
      expect(wb.sheets.filter((s) => s.name === benchName)).toHaveLength(1);
      const name = wb.name(BENCHMARKS_NAME)!;
      expect(wb.nameType(name)).toBe("Array");
      expect(name.formula).toContain(`${quoteSheet(benchName)}!$A$5`);
      // The new sheet grades; the old M1 still points at #REF! (Excel does not re-link it either).
      expect([...grades(wb, scorecard).values()].filter((v) => typeof v === "string" && v.startsWith("#"))).toEqual([]);
    }
  });

  test("a renamed Benchmarks sheet with the user's thresholds is used by the next template, never duplicated", async () => {
    const { wb, pane } = await m1Workbook();
    await runSim(wb, async (context) => {
      context.workbook.worksheets.getItem("Benchmarks").name = "Our thresholds";
      await context.sync();
    });
    const bench = wb.requireSheet("Our thresholds");
    const row = [...bench.cells()].find(({ column, cell }) => column === 0 && cell.value === "compliance_pass_rate")!.row;
    // The user edits the compliance threshold on the renamed sheet: 0.98 → 0.995.
    expect(wb.setCellInput(bench.id, row, 3, 0.995)).toBeNull();
    const status = await pane.insertTemplate("scorecard", true);
    expect(status).toMatchObject({ tone: "success", text: STRINGS.en.created("Scorecard") });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", "Our thresholds", "M1", "Scorecard"]);
    expect(wb.name(BENCHMARKS_NAME)!.formula).toContain(`'Our thresholds'!$A$5:$H$${4 + CATALOGUE.length}`);
    // The scorecard grades against the edited threshold. Wang Fang (row 6) passes 119 of 120 calls,
    // 99.2%: above the default 98% her composite is 105.5 (test/e2e/preview.e2e.test.ts), below
    // the user's 99.5% her red-line metric vetoes it to 0. The composite is in column B, beside the collector.
    expect(wb.requireSheet("Scorecard").valueAt(5, 1)).toBe(0);
    // Opening the Benchmarks template opens the renamed sheet, with the user's value.
    expect((await pane.openBenchmarks()).text).toBe(STRINGS.en.openedBenchmarks("Our thresholds"));
    expect(bench.input(row, 3)).toBe(0.995);
  });
});

/**
 * The preview's engine over the simulated workbook: templates written by the task pane's
 * own writer compute in HyperFormula with the COLLECT plugin, edits recalculate, and errors
 * carry the core's message.
 */
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { insertTemplate } from "../../../src/taskpane/writer";
import { TEMPLATES, templateById } from "../../../src/templates";
import { benchmarksSpec, m1Spec } from "../taskpane/fixtures";
import { inChartGaps, letters } from "../templates/support";

async function workbookWith(ids: string[], language: "en" | "zh" = "en") {
  const workbook = new SimWorkbook(["Sheet1"]);
  const host = createSimHost(workbook);
  const engine = attachEngine(workbook);
  const benchmarks = templateById("benchmarks")!.build({ language, sample: false });
  const names: string[] = [];
  for (const id of ids) {
    const result = await insertTemplate(host, templateById(id)!.build({ language, sample: true }), { benchmarks });
    names.push(result.sheet);
  }
  return { workbook, engine, names };
}

test("a sheet written through the task pane's writer computes, and stores results for Excel-like reads", async () => {
  const workbook = new SimWorkbook(["Sheet1"]);
  const engine = attachEngine(workbook);
  await insertTemplate(createSimHost(workbook), m1Spec({ sample: true }), { benchmarks: benchmarksSpec() });
  const m1 = workbook.requireSheet("M1");
  expect(engine.valueAt(m1.id, 0, 0).value).toBe("M1 (1–30 dpd)");
  // 90 contacted of 100 assigned.
  expect(engine.valueAt(m1.id, 4, 3).value).toBeCloseTo(0.9, 12);
  expect(m1.valueAt(4, 3)).toBeCloseTo(0.9, 12);
});

test.each(TEMPLATES.map((t) => t.id))("template %s with sample data computes without an error value", async (id) => {
  const { workbook, engine, names } = await workbookWith([id]);
  const sheet = workbook.requireSheet(names[0]);
  // A chart's #N/A gaps are there by design (SheetLayout.chartGaps: a line chart skips #N/A).
  const spec = TEMPLATES.find((t) => t.id === id)!.build({ language: "en", sample: true });
  const errors: string[] = [];
  for (const { row, column, cell } of sheet.cells()) {
    const v = engine.valueAt(sheet.id, row, column);
    if (v.error?.code === "#N/A" && inChartGaps(spec, `${letters(column)}${row + 1}`)) continue;
    if (cell.formula !== undefined && v.error !== undefined) errors.push(`${row},${column} ${cell.formula} → ${v.error.code} ${v.error.message}`);
  }
  expect(errors).toEqual([]);
});

test("an edit recalculates dependents; a zero denominator is #DIV/0! with the core's message", async () => {
  const { workbook, engine } = await workbookWith(["m1"]);
  const m1 = workbook.requireSheet("M1");
  const rebuilds = engine.stats.rebuilds;
  // J5 target, K5 recovered, Q5 recovery achievement = K5 / J5.
  expect(engine.valueAt(m1.id, 4, 16).value).toBeCloseTo(171000 / 180000, 12);
  expect(workbook.setCellInput(m1.id, 4, 9, 0)).toBeNull();
  expect(engine.valueAt(m1.id, 4, 16)).toEqual({
    value: "#DIV/0!",
    error: { code: "#DIV/0!", message: "target adds up to 0, so the rate cannot be computed. Fill in target." },
  });
  // As Excel's range.values would return it.
  expect(m1.valueAt(4, 16)).toBe("#DIV/0!");
  expect(workbook.setCellInput(m1.id, 4, 9, 190000)).toBeNull();
  expect(engine.valueAt(m1.id, 4, 16).value).toBeCloseTo(171000 / 190000, 12);
  // Edits are sent cell by cell; the engine is not rebuilt.
  expect(engine.stats.rebuilds).toBe(rebuilds);
  expect(engine.stats.cellsSent).toBe(2);
});

test("a refused input changes nothing", async () => {
  const { workbook, engine } = await workbookWith(["m1"]);
  const m1 = workbook.requireSheet("M1");
  expect(workbook.setCellInput(m1.id, 4, 1, -5)).not.toBeNull();
  expect(engine.valueAt(m1.id, 4, 1).value).toBe(620);
});

test("renaming and adding sheets rebuilds the engine; names follow the Benchmarks sheet", async () => {
  const { workbook, engine, names } = await workbookWith(["m1", "m1"]);
  expect(names).toEqual(["M1", "M1 (2)"]);
  const second = workbook.requireSheet("M1 (2)");
  expect(engine.valueAt(second.id, 4, 11).value).toBeCloseTo(596 / 620, 12);
  expect(engine.evaluate(second.id, '=COLLECT.BENCHMARK("contact_coverage","meets",CollectBenchmarks)').value).toBe(0.95);
});

test("text that looks like a number, a boolean or an error stays text", () => {
  const workbook = new SimWorkbook(["S"]);
  const engine = attachEngine(workbook);
  const s = workbook.requireSheet("S");
  workbook.setCellInput(s.id, 0, 0, "'123");
  workbook.setCellInput(s.id, 0, 1, "'#N/A");
  workbook.setCellInput(s.id, 0, 2, "=ISTEXT(A1)");
  expect(engine.valueAt(s.id, 0, 0).value).toBe("123");
  expect(engine.valueAt(s.id, 0, 1)).toEqual({ value: "#N/A" });
  expect(engine.valueAt(s.id, 0, 2).value).toBe(true);
});

test("spilled values are readable as Excel's range.values reads them, and follow the spill when it moves", () => {
  const workbook = new SimWorkbook(["Sheet1"]);
  attachEngine(workbook);
  const sheet = workbook.requireSheet("Sheet1");
  workbook.setCellInput(sheet.id, 0, 0, 10);
  workbook.setCellInput(sheet.id, 0, 1, 20);
  // Array arithmetic, as dynamic-array Excel: A1:B1*2 spills {20, 40} from A3 into B3.
  workbook.setCellInput(sheet.id, 2, 0, "=A1:B1*2");
  expect([sheet.valueAt(2, 0), sheet.valueAt(2, 1)]).toEqual([20, 40]);
  expect(sheet.getCell(2, 1)).toBeUndefined(); // no input of its own
  expect(sheet.usedRange(true)).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 2 });
  // The spill moves down: B3 is empty again, B4 holds 40.
  workbook.setCellInput(sheet.id, 2, 0, null);
  workbook.setCellInput(sheet.id, 3, 0, "=A1:B1*2");
  expect([sheet.valueAt(2, 1), sheet.valueAt(3, 1)]).toEqual(["", 40]);
});

test("a workbook name that holds a formula evaluates, arrays included (the portable helper names)", () => {
  const workbook = new SimWorkbook(["Sheet1"]);
  attachEngine(workbook);
  const sheet = workbook.requireSheet("Sheet1");
  workbook.setCellInput(sheet.id, 0, 0, 0.85);
  workbook.addFormulaName("CollectKPI.test", "=IF(ISNUMBER(Sheet1!$A$1),{1;2;3}*Sheet1!$A$1,NA())");
  workbook.setCellInput(sheet.id, 1, 0, "=INDEX(CollectKPI.test,3)");
  // 3 × 0.85 = 2.55
  expect(sheet.valueAt(1, 0)).toBeCloseTo(2.55, 12);
  workbook.setCellInput(sheet.id, 0, 0, "text");
  expect(sheet.valueAt(1, 0)).toBe("#N/A");
});

test("the messages behind error cells follow the preview's language, and switch with it", async () => {
  const workbook = new SimWorkbook(["Sheet1"]);
  const engine = attachEngine(workbook, "zh");
  const sheet = workbook.requireSheet("Sheet1");
  workbook.setCellInput(sheet.id, 0, 0, 5);
  workbook.setCellInput(sheet.id, 0, 1, 0);
  workbook.setCellInput(sheet.id, 1, 0, "=COLLECT.RECOVERYRATE(A1,B1)");
  expect(engine.valueAt(sheet.id, 1, 0).error).toEqual({ code: "#DIV/0!", message: "target 的合计为 0，无法计算比率。请填写 target。" });
  engine.setLanguage("en", workbook);
  expect(engine.valueAt(sheet.id, 1, 0).error).toEqual({ code: "#DIV/0!", message: "target adds up to 0, so the rate cannot be computed. Fill in target." });
});

/**
 * The preview engine recalculates what an edit touches (issue 16): the cells the workbook
 * reports changed go to HyperFormula, and only the results it reports changed come back.
 * Counted, never timed: stats.cellsSent and stats.valuesStored, and the workbook's own change
 * notifications.
 */
import { SimChange, SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";

/** A sheet of `rows` × 3 numbers with a formula per row in D (=A*B) and one total in F1. */
function bigSheet(rows: number) {
  const workbook = new SimWorkbook(["Sheet1"]);
  const sheet = workbook.requireSheet("Sheet1");
  const grid: (number | string)[][] = [];
  for (let r = 0; r < rows; r++) grid.push([r + 1, 2, 3, `=A${r + 1}*B${r + 1}`]);
  sheet.writeInputs({ row: 0, column: 0, rowCount: rows, columnCount: 4 }, grid);
  sheet.writeInputs({ row: 0, column: 5, rowCount: 1, columnCount: 1 }, [[`=SUM(D1:D${rows})`]]);
  const engine = attachEngine(workbook);
  return { workbook, sheet, engine };
}

test("one edit on a 20,000-row sheet sends one cell and stores only its dependents", () => {
  const rows = 20_000;
  const { workbook, sheet, engine } = bigSheet(rows);
  expect(sheet.valueAt(rows - 1, 3)).toBe(rows * 2);
  expect(sheet.valueAt(0, 5)).toBe(rows * (rows + 1));
  const before = { ...engine.stats };
  const computed: SimChange[] = [];
  workbook.onChange((changes) => computed.push(...changes.filter((c) => c.kind === "computed")));

  expect(workbook.setCellInput(sheet.id, 9, 0, 1000)).toBeNull();
  // D10 = 1000 × 2; F1 = the old total − 20 + 2000.
  expect(sheet.valueAt(9, 3)).toBe(2000);
  expect(sheet.valueAt(0, 5)).toBe(rows * (rows + 1) - 20 + 2000);
  expect(engine.stats.rebuilds).toBe(before.rebuilds);
  expect(engine.stats.cellsSent - before.cellsSent).toBe(1);
  // D10 and F1, not the 20,001 formulas of the sheet.
  expect(engine.stats.valuesStored - before.valuesStored).toBe(2);
  expect(computed.map((c) => (c.kind === "computed" ? [c.rect.row, c.rect.column] : null)).sort()).toEqual([
    [0, 5],
    [9, 3],
  ]);
});

test("a change inside a batch reaches the engine before a read in the same batch", async () => {
  const { workbook, sheet } = bigSheet(100);
  const host = createSimHost(workbook);
  const read = await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem("Sheet1");
    ws.getRange("A1").values = [[50]];
    const total = ws.getRange("D1:F1");
    total.load("values");
    await context.sync();
    return total.values;
  });
  expect(read).toEqual([[100, "", 100 * 101 - 2 + 100]]);
  expect(sheet.valueAt(0, 3)).toBe(100);
});

test("writing a formula again stores its result even when the engine's value did not change", () => {
  const { workbook, sheet } = bigSheet(10);
  expect(sheet.valueAt(4, 3)).toBe(10);
  sheet.writeInputs({ row: 4, column: 3, rowCount: 1, columnCount: 1 }, [["=A5*B5"]]);
  // writeInputs leaves a formula without a result until the calculator stores one.
  workbook.recalculate();
  expect(sheet.valueAt(4, 3)).toBe(10);
});

test("a large write rebuilds the engine once instead of sending every cell", () => {
  const { workbook, sheet, engine } = bigSheet(10);
  const rebuilds = engine.stats.rebuilds;
  const rows = 30_000;
  const grid: number[][] = [];
  for (let r = 0; r < rows; r++) grid.push([1]);
  workbook.batch(() => sheet.writeInputs({ row: 0, column: 0, rowCount: rows, columnCount: 1 }, grid));
  workbook.recalculate();
  expect(engine.stats.rebuilds).toBe(rebuilds + 1);
  expect(sheet.valueAt(9, 3)).toBe(2);
  expect(sheet.valueAt(0, 5)).toBe(20);
  // Edits after the rebuild are incremental again.
  const sent = engine.stats.cellsSent;
  workbook.setCellInput(sheet.id, 0, 0, 4);
  expect(engine.stats.cellsSent - sent).toBe(1);
  expect(sheet.valueAt(0, 5)).toBe(26);
});

test("spill areas follow an edit incrementally: they grow, shrink, and give way to a typed value", () => {
  const workbook = new SimWorkbook(["Sheet1"]);
  attachEngine(workbook);
  const sheet = workbook.requireSheet("Sheet1");
  for (let c = 0; c < 3; c++) workbook.setCellInput(sheet.id, 0, c, c + 1);
  workbook.setCellInput(sheet.id, 2, 0, "=A1:B1*10");
  expect([sheet.valueAt(2, 0), sheet.valueAt(2, 1), sheet.valueAt(2, 2)]).toEqual([10, 20, ""]);
  // Grows: A1:C1.
  workbook.setCellInput(sheet.id, 2, 0, "=A1:C1*10");
  expect([sheet.valueAt(2, 0), sheet.valueAt(2, 1), sheet.valueAt(2, 2)]).toEqual([10, 20, 30]);
  // An input of a spilled cell changes: the spilled value follows.
  workbook.setCellInput(sheet.id, 0, 2, 7);
  expect(sheet.valueAt(2, 2)).toBe(70);
  // Shrinks back: C3 is empty again.
  workbook.setCellInput(sheet.id, 2, 0, "=A1:A1*10");
  expect([sheet.valueAt(2, 0), sheet.valueAt(2, 1), sheet.valueAt(2, 2)]).toEqual([10, "", ""]);
  expect(sheet.usedRange(true)).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 3 });
  // A value typed into the spill area blocks it: the anchor shows the engine's error, the typed value stays.
  workbook.setCellInput(sheet.id, 2, 0, "=A1:C1*10");
  workbook.setCellInput(sheet.id, 2, 1, 5);
  expect(sheet.valueAt(2, 1)).toBe(5);
  expect(sheet.valueAt(2, 2)).toBe("");
  expect(sheet.valueAt(2, 0)).toBe("#SPILL!");
  // (Cleared again, Excel spills once more; HyperFormula 3.5 keeps #SPILL! until the formula is entered again.)
  workbook.setCellInput(sheet.id, 2, 1, null);
  workbook.setCellInput(sheet.id, 2, 0, "=A1:C1*10");
  expect([sheet.valueAt(2, 0), sheet.valueAt(2, 1), sheet.valueAt(2, 2)]).toEqual([10, 20, 70]);
});

test("the used rectangle follows writes and clears without scanning the sheet", () => {
  const workbook = new SimWorkbook(["Sheet1"]);
  const sheet = workbook.requireSheet("Sheet1");
  expect(sheet.usedRect()).toBeNull();
  workbook.setCellInput(sheet.id, 4, 2, 1);
  expect(sheet.usedRect()).toEqual({ row: 0, column: 0, rowCount: 5, columnCount: 3 });
  workbook.setCellInput(sheet.id, 9, 0, "=1");
  expect(sheet.usedRect()).toEqual({ row: 0, column: 0, rowCount: 10, columnCount: 3 });
  workbook.setCellInput(sheet.id, 9, 0, null);
  expect(sheet.usedRect()).toEqual({ row: 0, column: 0, rowCount: 5, columnCount: 3 });
  workbook.setCellInput(sheet.id, 4, 2, null);
  expect(sheet.usedRect()).toBeNull();
});

test("a cell past the engine's 100,000 rows (the Name box reaches Excel's last row) keeps its constant; a formula there says why it does not compute", () => {
  const { workbook, sheet, engine } = bigSheet(10);
  expect(workbook.setCellInput(sheet.id, 150_000, 0, 5)).toBeNull();
  expect(engine.valueAt(sheet.id, 150_000, 0)).toEqual({ value: 5 });
  expect(workbook.setCellInput(sheet.id, 150_001, 0, "=1+1")).toBeNull();
  expect(engine.valueAt(sheet.id, 150_001, 0).error?.code).toBe("#REF!");
  // The rest of the workbook computes as before, edits and rebuilds alike.
  workbook.setCellInput(sheet.id, 0, 0, 4);
  expect(sheet.valueAt(0, 3)).toBe(8);
  workbook.addSheet("Other");
  workbook.recalculate();
  expect(sheet.valueAt(0, 3)).toBe(8);
  expect(engine.valueAt(sheet.id, 150_000, 0)).toEqual({ value: 5 });
});

/**
 * The preview's table-row commands (workbookView.ts: tableBodyAt, runTableRowCommand), the logic
 * behind the grid's context menu, without a browser: which cells open the menu (a table's data
 * body only), what each command does to the workbook through the simulator, and the refusals
 * (thrown as the simulator's SimError, for the view's message area). The menu itself (right-click,
 * Shift+F10, keys, focus) is tested in the browser: test/e2e/tablerows.e2e.test.ts.
 * Every expected number is worked out by hand in the comment next to it.
 */
import { SimError, SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { runTableRowCommand, tableBodyAt } from "../../../src/preview/workbookView";

const RANK = (row: number): string => `=IF(B${row}="","",SUMPRODUCT(ISNUMBER(T[[Amt]])*(T[[Amt]]>B${row}))+1)`;

/**
 * Sheet "Team": table T over A1:C5 (header row 1; Li 10, Wang 30, Zhao 20 in rows 2–4; total row 5
 * =SUM(T[[Amt]])); C is a calculated rank column; E1 "beside" sits outside the table's columns.
 */
async function teamBook(): Promise<{ book: SimWorkbook; host: ReturnType<typeof createSimHost>; id: string }> {
  const book = new SimWorkbook(["Team"]);
  attachEngine(book);
  const host = createSimHost(book);
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Team");
    sheet.getRange("A1:C1").values = [["Name", "Amt", "Rank"]];
    const t = sheet.tables.add("A1:C4", true);
    t.name = "T";
    t.showTotals = true;
    sheet.getRange("A2:C5").formulas = [
      ["Li", 10, RANK(2)],
      ["Wang", 30, RANK(3)],
      ["Zhao", 20, RANK(4)],
      ["TOTAL", "=SUM(T[[Amt]])", ""],
    ];
    sheet.getRange("E1").values = [["beside"]];
    await context.sync();
  });
  return { book, host, id: book.requireSheet("Team").id };
}

/** A column's values after the recalculation the view runs after each command. */
const column = (book: SimWorkbook, c: number, rows: number): unknown[] => {
  book.recalculate();
  const sheet = book.requireSheet("Team");
  return Array.from({ length: rows }, (_, r) => sheet.valueAt(r, c));
};

describe("tableBodyAt: the cells that open the table-row menu", () => {
  test("a data row's cells, not the header, the total row, a cell beside or below the table, nor another sheet", async () => {
    const { book, id } = await teamBook();
    expect(tableBodyAt(book, id, 1, 0)).toMatchObject({ table: { name: "T" }, index: 0 }); // A2: Li
    expect(tableBodyAt(book, id, 3, 2)).toMatchObject({ table: { name: "T" }, index: 2 }); // C4: Zhao's rank
    expect(tableBodyAt(book, id, 0, 1)).toBeUndefined(); // B1: header
    expect(tableBodyAt(book, id, 4, 1)).toBeUndefined(); // B5: total row
    expect(tableBodyAt(book, id, 1, 3)).toBeUndefined(); // D2: right of the table
    expect(tableBodyAt(book, id, 5, 0)).toBeUndefined(); // A6: below it
    expect(tableBodyAt(book, "no-such-sheet", 1, 0)).toBeUndefined();
    expect(runTableRowCommand(book, id, 0, 0, "delete")).toBeUndefined(); // the header: nothing happens
    expect(column(book, 0, 5)).toEqual(["Name", "Li", "Wang", "Zhao", "TOTAL"]);
  });
});

describe("runTableRowCommand", () => {
  test("insert above: a blank row at the clicked row, the rank filled, the total and ranks include the value typed into it", async () => {
    const { book, id } = await teamBook();
    // Clicked Wang (B3, body index 1): the new row is row 3 (index 2 0-based), Wang moves to row 4, the total to row 6.
    expect(runTableRowCommand(book, id, 2, 1, "insertAbove")).toEqual({ table: "T", row: 2, cleared: false, select: 2 });
    expect(book.table("T")?.rect).toEqual({ row: 0, column: 0, rowCount: 6, columnCount: 3 });
    const sheet = book.requireSheet("Team");
    expect(sheet.input(2, 2)).toBe(RANK(3)); // the calculated column filled into the new row
    expect(book.setCellInput(id, 2, 0, "Qian")).toBeNull();
    expect(book.setCellInput(id, 2, 1, 25)).toBeNull();
    // Amounts 10, 25, 30, 20: ranks Li 4, Qian 2 (only 30 larger), Wang 1, Zhao 3; total 10+25+30+20 = 85.
    expect(column(book, 1, 6)).toEqual(["Amt", 10, 25, 30, 20, 85]);
    expect(column(book, 2, 5)).toEqual(["Rank", 4, 2, 1, 3]);
    expect(sheet.valueAt(0, 4)).toBe("beside"); // outside the table's columns: stays
  });

  test("insert below: the new row under the clicked one (the last data row's goes above the total row)", async () => {
    const { book, id } = await teamBook();
    // Clicked Zhao (A4, the last data row): the new row is row 5, the total moves to row 6.
    expect(runTableRowCommand(book, id, 3, 0, "insertBelow")).toEqual({ table: "T", row: 4, cleared: false, select: 4 });
    expect(column(book, 0, 6)).toEqual(["Name", "Li", "Wang", "Zhao", "", "TOTAL"]);
    expect(book.requireSheet("Team").input(5, 1)).toBe("=SUM(T[[Amt]])");
  });

  test("delete: the row goes, the cells below move up, the total and ranks recompute; the last data row's selection stays in the body", async () => {
    const { book, id } = await teamBook();
    // Delete Wang (row 3): Li 10 and Zhao 20 remain; total 30; ranks Li 2, Zhao 1.
    expect(runTableRowCommand(book, id, 2, 0, "delete")).toEqual({ table: "T", row: 2, cleared: false, select: 2 });
    expect(column(book, 0, 4)).toEqual(["Name", "Li", "Zhao", "TOTAL"]);
    expect(column(book, 1, 4)).toEqual(["Amt", 10, 20, 30]);
    expect(column(book, 2, 3)).toEqual(["Rank", 2, 1]);
    // Delete Zhao, now the last data row (row 3): the selection goes to Li's row (row 2), not the total row.
    expect(runTableRowCommand(book, id, 2, 0, "delete")).toEqual({ table: "T", row: 2, cleared: false, select: 1 });
    expect(column(book, 1, 3)).toEqual(["Amt", 10, 10]);
  });

  test("deleting the only data row clears it, as the simulator does (a table keeps one data row)", async () => {
    const { book, id } = await teamBook();
    runTableRowCommand(book, id, 1, 0, "delete");
    runTableRowCommand(book, id, 1, 0, "delete");
    expect(column(book, 0, 3)).toEqual(["Name", "Zhao", "TOTAL"]);
    expect(runTableRowCommand(book, id, 1, 0, "delete")).toEqual({ table: "T", row: 1, cleared: true, select: 1 });
    expect(book.table("T")?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 3 });
    expect(column(book, 0, 3)).toEqual(["Name", "", "TOTAL"]);
    expect(column(book, 1, 3)).toEqual(["Amt", "", 0]); // its contents cleared; SUM of a blank column: 0
  });

  test("another table partly in the columns that would move: refused with the simulator's SimError, nothing changed", async () => {
    const { book, host, id } = await teamBook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Team");
      sheet.getRange("C10:D11").values = [["K", "V"], ["a", 1]];
      sheet.tables.add("C10:D11", true).name = "Across";
      await context.sync();
    });
    let thrown: unknown;
    try {
      runTableRowCommand(book, id, 1, 0, "insertAbove");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SimError);
    expect((thrown as SimError).message).toMatch(/shift cells in a table/);
    expect(() => runTableRowCommand(book, id, 1, 0, "delete")).toThrow(SimError);
    expect(book.table("T")?.rect).toEqual({ row: 0, column: 0, rowCount: 5, columnCount: 3 });
    expect(column(book, 0, 5)).toEqual(["Name", "Li", "Wang", "Zhao", "TOTAL"]);
  });
});

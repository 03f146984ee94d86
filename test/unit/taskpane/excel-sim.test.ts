/**
 * excel-sim behaves like Office.js where the writer depends on it: queued writes, loads
 * readable only after sync, null objects, failing requests, and a data model a preview can
 * render (cells, change events, a calculator hook).
 */
import {
  SimChange,
  SimError,
  SimWorkbook,
  columnIndex,
  columnLetters,
  createSimHost,
  formatAddress,
  parseAddress,
  qualifiedAddress,
  runSim,
  versionAtLeast,
} from "../../../src/excel-sim";

describe("A1 addresses", () => {
  test("columns and ranges round-trip", () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
    expect(["A", "Z", "AA", "XFD"].map(columnIndex)).toEqual([0, 25, 26, 16383]);
    expect(parseAddress("$B$4:$A$2")).toEqual({ row: 1, column: 0, rowCount: 3, columnCount: 2 });
    expect(formatAddress(parseAddress("B:D"))).toBe("B:D");
    expect(formatAddress(parseAddress("3:5"))).toBe("3:5");
    expect(parseAddress("'It''s'!C3")).toMatchObject({ sheet: "It's", row: 2, column: 2 });
    expect(qualifiedAddress("M1 (2)", parseAddress("A1:B2"))).toBe("'M1 (2)'!A1:B2");
    expect(qualifiedAddress("Benchmarks", parseAddress("A1"))).toBe("Benchmarks!A1");
    expect(() => parseAddress("A0")).toThrow(RangeError);
    expect(() => parseAddress("hello")).toThrow(RangeError);
  });
});

describe("Office.js proxy semantics", () => {
  test("a loaded property is readable only after sync; an unloaded one throws PropertyNotLoaded", async () => {
    const book = new SimWorkbook();
    await runSim(book, async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load("name");
      expect(() => sheet.name).toThrow(/not available/);
      await context.sync();
      expect(sheet.name).toBe("Sheet1");
      const range = sheet.getRange("A1");
      expect(() => range.values).toThrow(SimError);
      try {
        void range.formulas;
      } catch (e) {
        expect((e as SimError).code).toBe("PropertyNotLoaded");
      }
    });
  });

  test("writes reach the workbook only at sync, in order", async () => {
    const book = new SimWorkbook();
    await runSim(book, async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      range.formulas = [[1, "=A1*2"]];
      expect(book.requireSheet("Sheet1").input(0, 0)).toBe("");
      // A value set on a proxy reads back before any sync, as in Office.js.
      expect(range.formulas).toEqual([[1, "=A1*2"]]);
      await context.sync();
      expect(book.requireSheet("Sheet1").input(0, 1)).toBe("=A1*2");
    });
    expect(book.stats).toMatchObject({ syncs: 1, rangeWrites: 1, runs: 1 });
  });

  test("run syncs pending requests at the end, like Excel.run", async () => {
    const book = new SimWorkbook();
    await runSim(book, async (context) => {
      context.workbook.worksheets.add("Later");
    });
    expect(book.sheet("Later")).toBeDefined();
    expect(book.stats.syncs).toBe(1);
  });

  test("getItemOrNullObject: isNullObject after sync; using a null object fails the sync", async () => {
    const book = new SimWorkbook();
    await runSim(book, async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const name = context.workbook.names.getItemOrNullObject("Nope");
      expect(() => missing.isNullObject).toThrow(/not available/);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(name.isNullObject).toBe(true);
      missing.getRange("A1").values = [[1]];
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  test("a failing request rejects the sync; requests before it stay applied, later ones are dropped", async () => {
    const book = new SimWorkbook();
    await expect(
      runSim(book, async (context) => {
        context.workbook.worksheets.add("A");
        context.workbook.worksheets.add("a"); // names are case-insensitive
        context.workbook.worksheets.add("B");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "A"]);
  });

  test("shape mismatches, long sheet names and overlapping tables fail as in Excel", async () => {
    const book = new SimWorkbook();
    const attempt = (batch: Parameters<typeof runSim>[1]) => runSim(book, batch);
    await expect(
      attempt(async (c) => {
        c.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").formulas = [[1, 2, 3]];
        await c.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      attempt(async (c) => {
        c.workbook.worksheets.add("x".repeat(32));
        await c.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      attempt(async (c) => {
        const ws = c.workbook.worksheets.getItem("Sheet1");
        ws.tables.add("A1:B3", true);
        ws.tables.add("B2:C4", true);
        await c.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  test("collections load their items with the requested properties", async () => {
    const book = new SimWorkbook(["One", "Two"]);
    await runSim(book, async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      expect(() => sheets.items).toThrow(/not available/);
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["One", "Two"]);
    });
  });

  test("the error alert message is limited to 225 characters, as in Excel", () => {
    const book = new SimWorkbook();
    return expect(
      runSim(book, async (context) => {
        const v = context.workbook.worksheets.getItem("Sheet1").getRange("A1").dataValidation;
        v.errorAlert = { message: "x".repeat(226), showAlert: true, style: "Stop", title: "t" };
      })
    ).rejects.toThrow(/225/);
  });
});

describe("what make portable uses (src/portable/excelAction.ts)", () => {
  test("getUsedRangeOrNullObject: a null object on an empty sheet; else the box from the first used cell", async () => {
    const book = new SimWorkbook();
    const sheet = book.activeSheet;
    await runSim(book, async (context) => {
      const used = context.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject().load("address,formulas,values");
      await context.sync();
      expect(used.isNullObject).toBe(true);
      expect(used.address).toBeNull();
    });
    book.setCellInput(sheet.id, 2, 1, 5); // B3
    book.setCellInput(sheet.id, 4, 3, "=B3*2"); // D5
    await runSim(book, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const used = ws.getUsedRangeOrNullObject().load("address,formulas");
      // A formatted blank cell counts unless valuesOnly, as in Excel.
      ws.getRange("F7").format.fill.color = "#FFFF00";
      await context.sync();
      expect(used.isNullObject).toBe(false);
      expect(used.address).toBe("Sheet1!B3:D5");
      expect(used.formulas).toEqual([
        [5, "", ""],
        ["", "", ""],
        ["", "", "=B3*2"],
      ]);
      const all = ws.getUsedRangeOrNullObject().load("address");
      const values = ws.getUsedRangeOrNullObject(true).load("address");
      await context.sync();
      expect(all.address).toBe("Sheet1!B3:F7");
      expect(values.address).toBe("Sheet1!B3:D5");
    });
  });

  test("a formulas write with null leaves those cells as they are", async () => {
    const book = new SimWorkbook();
    const sheet = book.activeSheet;
    book.setCellInput(sheet.id, 0, 0, "keep");
    book.setCellInput(sheet.id, 0, 1, "=1+1");
    await runSim(book, async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A1:C1").formulas = [[null, "=2+2", 7]];
    });
    expect([sheet.input(0, 0), sheet.input(0, 1), sheet.input(0, 2)]).toEqual(["keep", "=2+2", 7]);
  });

  test("names.add with a formula, NamedItem.formula and visible, delete", async () => {
    const book = new SimWorkbook();
    await runSim(book, async (context) => {
      context.workbook.names.add("Rate", "=Sheet1!$A$1:$B$2");
      context.workbook.names.add("CollectKPI.Row.x", '=IF(1>0,2,"three, (four)")', "helper").visible = false;
    });
    expect(book.name("Rate")).toMatchObject({ sheetId: book.activeSheet.id, visible: true });
    expect(book.name("CollectKPI.Row.x")).toMatchObject({ formula: '=IF(1>0,2,"three, (four)")', comment: "helper", visible: false });
    await runSim(book, async (context) => {
      const names = context.workbook.names.load("items/name,items/formula,items/visible,items/type");
      await context.sync();
      expect(names.items.map((n) => [n.name, n.formula, n.visible, n.type])).toEqual([
        ["Rate", "=Sheet1!$A$1:$B$2", true, "Range"],
        ["CollectKPI.Row.x", '=IF(1>0,2,"three, (four)")', false, "Array"],
      ]);
      names.items[1].delete();
    });
    expect(book.names.map((n) => n.name)).toEqual(["Rate"]);
    expect(book.log.filter((w) => w.target === "names").map((w) => w.member)).toEqual(["add", "add", "visible", "delete"]);
  });
});

describe("data model for the preview", () => {
  test("inputs are coerced like typing: numbers, booleans, formulas, apostrophe text", () => {
    const book = new SimWorkbook();
    const id = book.activeSheet.id;
    book.setCellInput(id, 0, 0, "0.85");
    book.setCellInput(id, 0, 1, "TRUE");
    book.setCellInput(id, 0, 2, "=A1*2");
    book.setCellInput(id, 0, 3, "'001");
    const sheet = book.activeSheet;
    expect(sheet.getCell(0, 0)?.value).toBe(0.85);
    expect(sheet.getCell(0, 1)?.value).toBe(true);
    expect(sheet.getCell(0, 2)).toMatchObject({ formula: "=A1*2", value: null });
    expect(sheet.getCell(0, 3)?.value).toBe("001");
  });

  test("changes are reported once per sync, and a calculator fills formula values before reads", async () => {
    const book = new SimWorkbook();
    const seen: SimChange[][] = [];
    book.onChange((changes) => seen.push([...changes]));
    // A toy calculator: every formula "=A1*2" is twice A1.
    book.setCalculator({
      recalculate(wb) {
        for (const sheet of wb.sheets) {
          for (const { row, column, cell } of sheet.cells()) {
            if (cell.formula === "=A1*2") wb.setComputed(sheet.id, row, column, Number(sheet.valueAt(0, 0)) * 2);
          }
        }
      },
    });
    seen.length = 0;
    const host = createSimHost(book);
    const values = await host.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B1");
      range.formulas = [[21, "=A1*2"]];
      range.format.fill.color = "#FFF2CC";
      range.load("values");
      await context.sync();
      return range.values;
    });
    expect(values).toEqual([[21, 42]]);
    // One notification for the sync: the inputs, the format, then the recalculated value.
    expect(seen).toHaveLength(1);
    expect(seen[0].map((c) => c.kind)).toEqual(["cells", "format", "computed"]);
  });

  test("a sim host reports ExcelApi versions numerically and the display language it was given", () => {
    expect(versionAtLeast("1.10", "1.9")).toBe(true);
    expect(versionAtLeast("1.8", "1.10")).toBe(false);
    const host = createSimHost(new SimWorkbook(), { excelApi: "1.8", displayLanguage: "zh-CN" });
    expect(host.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(host.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(host.displayLanguage).toBe("zh-CN");
  });
});

/**
 * excel-sim: what the Data tab needs beyond the templates — table lookup, parts and resize
 * (ExcelApi 1.1/1.4/1.13), names over a table column that follow the table, workbook
 * settings (ExcelApi 1.4) and Range.clear("Contents").
 */
import { SimError, SimWorkbook, createSimHost } from "../../src/excel-sim";

async function bookWithTable(): Promise<{ book: SimWorkbook; host: ReturnType<typeof createSimHost> }> {
  const book = new SimWorkbook(["Data"]);
  const host = createSimHost(book);
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Data");
    sheet.getRange("A1:B4").values = [["Collector", "Amount"], ["Li", 10], ["Wang", 20], ["Li", 5]];
    sheet.getRange("D2").values = [["my note"]];
    const table = sheet.tables.add("A1:B4", true);
    table.name = "CK_Payments";
    context.workbook.names.add("CK_Payments_Amount", "=CK_Payments[Amount]");
    await context.sync();
  });
  return { book, host };
}

describe("tables", () => {
  test("a name over a table column is the column's body, and follows a resize", async () => {
    const { book, host } = await bookWithTable();
    const item = book.name("CK_Payments_Amount");
    expect(item && book.nameRange(item)?.rect).toEqual({ row: 1, column: 1, rowCount: 3, columnCount: 1 });
    expect(item && book.nameType(item)).toBe("Range");
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem("CK_Payments");
      table.resize("A1:B6");
      const body = table.getDataBodyRange().load("address");
      const header = table.getHeaderRowRange().load("values");
      const named = context.workbook.names.getItem("CK_Payments_Amount").getRange().load("address");
      await context.sync();
      expect(body.address).toBe("Data!A2:B6");
      expect(header.values).toEqual([["Collector", "Amount"]]);
      expect(named.address).toBe("Data!B2:B6");
    });
    expect(book.requireSheet("Data").input(1, 3)).toBe("my note");
  });

  test("resize keeps the header row and needs ExcelApi 1.13", async () => {
    const { book } = await bookWithTable();
    await expect(
      createSimHost(book).run(async (context) => {
        context.workbook.tables.getItem("CK_Payments").resize("A2:B6");
        await context.sync();
      })
    ).rejects.toBeInstanceOf(SimError);
    await expect(
      createSimHost(book, { excelApi: "1.12" }).run(async (context) => {
        context.workbook.tables.getItem("CK_Payments").resize("A1:B6");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("renaming a table renames it in every structured reference (names and cells)", async () => {
    const { book, host } = await bookWithTable();
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Data").getRange("F1").formulas = [["=SUM(CK_Payments[Amount])+SUM(XCK_Payments[Amount])"]];
      context.workbook.tables.getItem("CK_Payments").name = "Payments2026";
      await context.sync();
    });
    expect(book.name("CK_Payments_Amount")?.formula).toBe("=Payments2026[Amount]");
    expect(book.requireSheet("Data").input(0, 5)).toBe("=SUM(Payments2026[Amount])+SUM(XCK_Payments[Amount])");
    const item = book.name("CK_Payments_Amount");
    expect(item && book.nameRange(item)?.rect).toEqual({ row: 1, column: 1, rowCount: 3, columnCount: 1 });
  });

  test("getItemOrNullObject", async () => {
    const { host } = await bookWithTable();
    await host.run(async (context) => {
      const missing = context.workbook.tables.getItemOrNullObject("Nope");
      const found = context.workbook.tables.getItemOrNullObject("ck_payments").load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(found.isNullObject).toBe(false);
      expect(found.name).toBe("CK_Payments");
    });
  });

  test("deleting the sheet takes the table with it; its column names become #REF!", async () => {
    const { book, host } = await bookWithTable();
    book.addSheet("Other");
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Data").delete();
      await context.sync();
    });
    expect(book.table("CK_Payments")).toBeUndefined();
    const item = book.name("CK_Payments_Amount");
    expect(item && book.nameType(item)).toBe("Error");
  });
});

describe("settings and clear", () => {
  test("settings round-trip as JSON; a missing key is a null object", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await host.run(async (context) => {
      context.workbook.settings.add("CollectKPI.imports", [{ kind: "payments", n: 1 }]);
      await context.sync();
    });
    await host.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject("CollectKPI.imports").load("value");
      const missing = context.workbook.settings.getItemOrNullObject("nope").load("value");
      await context.sync();
      expect(item.isNullObject).toBe(false);
      expect(item.value).toEqual([{ kind: "payments", n: 1 }]);
      expect(missing.isNullObject).toBe(true);
      item.delete();
      await context.sync();
    });
    expect(book.settings.size).toBe(0);
  });

  test("clear('Contents') empties values and keeps number formats", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await host.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      r.values = [[1, 2], [3, "=A1"]];
      r.numberFormat = [["0.0", "0.0"], ["0.0", "0.0"]];
      await context.sync();
      context.workbook.worksheets.getItem("Sheet1").getRange("A2:B2").clear("Contents");
      await context.sync();
    });
    const sheet = book.requireSheet("Sheet1");
    expect([sheet.input(0, 0), sheet.input(1, 0), sheet.input(1, 1)]).toEqual([1, "", ""]);
    expect(sheet.getCell(1, 0)?.numberFormat).toBe("0.0");
  });
});

/**
 * excel-sim's ranges as the documented Excel hosts behave (src/hosts/profiles.ts, research in
 * host-behaviours.md §3, §4, §7), on both profiles:
 *
 * - `formulas` of a cell without a formula of its own is its value, a spilled cell's included
 *   (Excel.Range.formulas: "If a cell has no formula, its value is returned instead"); text
 *   typed with an apostrophe comes back without it (office-js#6687);
 * - getSpillParentOrNullObject / getSpillingToRangeOrNullObject (ExcelApi 1.12), null objects
 *   for several cells; getSpecialCellsOrNullObject (ExcelApi 1.9) as RangeAreas;
 * - an API above createSimHost's excelApi fails its sync (ApiNotFound);
 * - Excel on the web: a request or a response over 5 MB per sync fails with the RichApi codes,
 *   and a failed request changes nothing. Desktop has no limit.
 */
import { EXCEL_HOSTS, ExcelHostId, WEB_PAYLOAD_LIMIT_BYTES } from "../../src/hosts/profiles";
import { SimError, SimWorkbook, createSimHost, parseAreas, rectsOfCells, runSim, splitAreas } from "../../src/excel-sim";
import { attachEngine } from "../../src/preview/engine";
import { PaneController } from "../../src/taskpane/controller";
import { TEMPLATES } from "../../src/templates";

const HOSTS: ExcelHostId[] = ["desktop", "web"];

/** The roll-rate template with sample data and the preview's engine: ROLLRATES spills from B15 (6 × 6), LOSSFACTORS from B25 (1 × 6). */
async function rollRateBook(host: ExcelHostId): Promise<SimWorkbook> {
  const book = new SimWorkbook();
  book.host = EXCEL_HOSTS[host];
  attachEngine(book);
  await new PaneController(createSimHost(book), TEMPLATES, "en").insertTemplate("rollrate", true);
  return book;
}

describe.each(HOSTS)("formulas and values (%s)", (host) => {
  test("a cell a dynamic array spills into gives its value from formulas, never \"\"; the anchor gives its formula", async () => {
    const book = await rollRateBook(host);
    const sheet = book.activeSheet;
    const anchor = sheet.getCell(14, 1)?.formula as string; // B15
    expect(anchor).toMatch(/COLLECT\.ROLLRATES/);
    await runSim(book, async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("B15:C16").load("formulas,values");
      await context.sync();
      expect(range.formulas[0][0]).toBe(anchor);
      // C15, B16, C16 are spilled: their value, as a number, from both properties.
      for (const [r, c] of [[0, 1], [1, 0], [1, 1]]) {
        expect(typeof range.values[r][c]).toBe("number");
        expect(range.formulas[r][c]).toBe(range.values[r][c]);
      }
    });
  });

  test("text typed with a leading apostrophe comes back without it from formulas and values; a constant gives itself, an empty cell \"\"", async () => {
    const book = new SimWorkbook();
    book.host = EXCEL_HOSTS[host];
    const id = book.activeSheet.id;
    book.setCellInput(id, 0, 0, "'=COLLECT.GRADE(\"x\",1)");
    book.setCellInput(id, 0, 1, "'0.9");
    book.setCellInput(id, 0, 2, 42);
    await runSim(book, async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:D1").load("formulas,values");
      await context.sync();
      expect(range.formulas).toEqual([['=COLLECT.GRADE("x",1)', "0.9", 42, ""]]);
      expect(range.values).toEqual([['=COLLECT.GRADE("x",1)', "0.9", 42, ""]]);
    });
  });
});

describe.each(HOSTS)("spills (ExcelApi 1.12, %s)", (host) => {
  test("getSpillingToRangeOrNullObject on the anchor gives the area; getSpillParentOrNullObject on a spilled cell gives the anchor", async () => {
    const book = await rollRateBook(host);
    await runSim(book, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const area = ws.getRange("B15").getSpillingToRangeOrNullObject().load("address");
      const losses = ws.getRange("B25").getSpillingToRangeOrNullObject().load("address");
      const parent = ws.getRange("E18").getSpillParentOrNullObject().load("address");
      const own = ws.getRange("B15").getSpillParentOrNullObject().load("address");
      // The month labels in column A are formulas beside the spill: neither anchors nor spilled.
      const label = ws.getRange("A16").getSpillingToRangeOrNullObject().load("address");
      const labelParent = ws.getRange("A16").getSpillParentOrNullObject().load("address");
      const spilledNotAnchor = ws.getRange("C15").getSpillingToRangeOrNullObject().load("address");
      const constant = ws.getRange("B5").getSpillParentOrNullObject().load("address");
      await context.sync();
      expect(area.address).toBe("'Roll rates'!B15:G20");
      expect(losses.address).toBe("'Roll rates'!B25:G25");
      expect(parent.address).toBe("'Roll rates'!B15");
      expect(own.address).toBe("'Roll rates'!B15");
      for (const r of [label, labelParent, spilledNotAnchor, constant]) {
        expect(r.isNullObject).toBe(true);
        expect(r.address).toBeNull();
      }
    });
  });

  test("several cells: a null object, as documented", async () => {
    const book = await rollRateBook(host);
    await runSim(book, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const a = ws.getRange("B15:C15").getSpillingToRangeOrNullObject().load("address");
      const b = ws.getRange("C16:D17").getSpillParentOrNullObject().load("address");
      await context.sync();
      expect([a.isNullObject, b.isNullObject]).toEqual([true, true]);
    });
  });

  test("a spill follows the workbook: a value typed into its area blocks it (#SPILL!), and neither API reports it", async () => {
    const book = await rollRateBook(host);
    book.setCellInput(book.activeSheet.id, 16, 3, 5); // D17, inside B15:G20
    await runSim(book, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const area = ws.getRange("B15").getSpillingToRangeOrNullObject().load("address");
      const parent = ws.getRange("C16").getSpillParentOrNullObject().load("address");
      const anchor = ws.getRange("B15").load("values");
      await context.sync();
      expect(anchor.values[0][0]).toBe("#SPILL!");
      expect(area.isNullObject).toBe(true);
      expect(parent.isNullObject).toBe(true);
    });
  });
});

describe("special cells (ExcelApi 1.9)", () => {
  test("Formulas: the cells with a formula of their own, as areas; spilled cells and constants are not among them", async () => {
    const book = await rollRateBook("desktop");
    await runSim(book, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const formulas = ws.getRange("A13:H25").getSpecialCellsOrNullObject("Formulas").load("address,areaCount,cellCount");
      formulas.areas.load("items/address,items/formulas,items/values");
      const none = ws.getRange("A1:H3").getSpecialCellsOrNullObject("Formulas").load("address");
      await context.sync();
      // A15:B15 (month label and the anchor), A16:A20 (labels), B21:G21 (weighted rates), B25 (losses).
      expect(formulas.address).toBe("'Roll rates'!A15:B15, 'Roll rates'!A16:A20, 'Roll rates'!B21:G21, 'Roll rates'!B25");
      expect(formulas.areaCount).toBe(4);
      expect(formulas.cellCount).toBe(2 + 5 + 6 + 1);
      expect(formulas.areas.items.map((r) => r.address)).toEqual(splitAreas(formulas.address));
      expect(formulas.areas.items[0].formulas[0][1]).toMatch(/COLLECT\.ROLLRATES/);
      expect(typeof formulas.areas.items[0].values[0][1]).toBe("number");
      expect(none.isNullObject).toBe(true);
      expect(none.address).toBeNull();
    });
  });

  test("Constants, with a value type: numbers, text, logical, errors", async () => {
    const book = new SimWorkbook();
    const id = book.activeSheet.id;
    book.setCellInput(id, 0, 0, 1);
    book.setCellInput(id, 0, 1, "text");
    book.setCellInput(id, 1, 0, true);
    book.setCellInput(id, 1, 1, "=1+1");
    book.setCellInput(id, 2, 2, 3);
    await runSim(book, async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      const all = ws.getRange("A1:C3").getSpecialCellsOrNullObject("Constants").load("address");
      const numbers = ws.getRange("A1:C3").getSpecialCellsOrNullObject("Constants", "Numbers").load("address");
      const text = ws.getRange("A1:C3").getSpecialCellsOrNullObject("Constants", "Text").load("address");
      const logical = ws.getRange().getSpecialCellsOrNullObject("Constants", "LogicalNumbers").load("address");
      const errors = ws.getRange("A1:C3").getSpecialCellsOrNullObject("Constants", "Errors").load("address");
      await context.sync();
      expect(all.address).toBe("Sheet1!A1:B1, Sheet1!A2, Sheet1!C3");
      expect(numbers.address).toBe("Sheet1!A1, Sheet1!C3");
      expect(text.address).toBe("Sheet1!B1");
      expect(logical.address).toBe("Sheet1!A1:A2, Sheet1!C3");
      expect(errors.isNullObject).toBe(true);
    });
  });

  test("areas: rows of runs, merged down where the same columns follow; a comma in a quoted sheet name stays in it", () => {
    const cells = [
      { row: 0, column: 0 },
      { row: 0, column: 1 },
      { row: 1, column: 0 },
      { row: 1, column: 1 },
      { row: 1, column: 3 },
      { row: 3, column: 0 },
    ];
    expect(rectsOfCells(cells)).toEqual([
      { row: 0, column: 0, rowCount: 2, columnCount: 2 },
      { row: 1, column: 3, rowCount: 1, columnCount: 1 },
      { row: 3, column: 0, rowCount: 1, columnCount: 1 },
    ]);
    expect(splitAreas("'a, b'!A1:B2, 'a, b'!D4,Sheet1!C3")).toEqual(["'a, b'!A1:B2", "'a, b'!D4", "Sheet1!C3"]);
    expect(parseAreas("'a, b'!A1:B2, 'a, b'!D4").map((a) => [a.sheet, a.row, a.rowCount])).toEqual([
      ["a, b", 0, 2],
      ["a, b", 3, 1],
    ]);
  });
});

describe("requirement sets: createSimHost's excelApi", () => {
  test.each([
    ["1.11", "getSpillingToRangeOrNullObject"],
    ["1.11", "getSpillParentOrNullObject"],
    ["1.8", "getSpecialCellsOrNullObject"],
  ])("ExcelApi %s: %s fails its sync with ApiNotFound; one version up it works", async (api, method) => {
    const call = (host: ReturnType<typeof createSimHost>) =>
      host.run(async (context) => {
        const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1");
        const result = method === "getSpecialCellsOrNullObject" ? range.getSpecialCellsOrNullObject("Formulas") : method === "getSpillParentOrNullObject" ? range.getSpillParentOrNullObject() : range.getSpillingToRangeOrNullObject();
        result.load("address");
        await context.sync();
        return result.isNullObject;
      });
    const book = new SimWorkbook();
    const old = createSimHost(book, { excelApi: api });
    expect(old.isSetSupported("ExcelApi", method === "getSpecialCellsOrNullObject" ? "1.9" : "1.12")).toBe(false);
    await expect(call(old)).rejects.toMatchObject({ code: "ApiNotFound" });
    const next = api === "1.11" ? "1.12" : "1.9";
    await expect(call(createSimHost(book, { excelApi: next }))).resolves.toBe(true);
  });
});

describe("payload limits per context.sync()", () => {
  /** Strings of 100 characters: rows × columns × ~103 bytes in the JSON. */
  const grid = (rows: number, columns: number, fill = "x".repeat(100)) => Array.from({ length: rows }, () => Array.from({ length: columns }, () => fill));

  test("web: a request over 5 MB fails with RequestPayloadSizeLimitExceeded and changes nothing, earlier writes in it included", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book, { excel: "web" });
    expect(book.host.payloadLimitBytes).toBe(WEB_PAYLOAD_LIMIT_BYTES);
    const before = book.stats.rangeWrites;
    await expect(
      host.run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        ws.getRange("Z1").values = [["written first"]];
        ws.getRange("A1:J5000").values = grid(5000, 10); // ~5.2 MB
        await context.sync();
      })
    ).rejects.toMatchObject({ name: "SimError", code: "RequestPayloadSizeLimitExceeded" });
    expect(book.stats.rangeWrites).toBe(before);
    expect(book.activeSheet.input(0, 25)).toBe("");
    expect(book.activeSheet.usedRange()).toBeNull();
    // The same in two syncs of 2.6 MB passes.
    await host.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.getRange("A1:J2500").values = grid(2500, 10);
      await context.sync();
      ws.getRange("A2501:J5000").values = grid(2500, 10);
      await context.sync();
    });
    expect(book.activeSheet.input(4999, 9)).toBe("x".repeat(100));
  });

  test("web: a response over 5 MB fails with ResponsePayloadSizeLimitExceeded, none of its loads delivered; half of it passes", async () => {
    const book = new SimWorkbook();
    book.activeSheet.writeInputs({ row: 0, column: 0, rowCount: 5000, columnCount: 10 }, grid(5000, 10));
    const host = createSimHost(book, { excel: "web" });
    let small: { values: unknown } | undefined;
    const failure = await host
      .run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        small = ws.getRange("A1").load("values");
        ws.getRange("A1:J5000").load("values");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SimError);
    expect((failure as SimError).code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(() => small?.values).toThrow(/not available/);
    await host.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:J2500").load("values");
      await context.sync();
      expect(range.values).toHaveLength(2500);
    });
  });

  test("desktop: no limit", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book, { excel: "desktop" });
    expect(book.host.payloadLimitBytes).toBeUndefined();
    await host.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet();
      ws.getRange("A1:J6000").values = grid(6000, 10);
      await context.sync();
      const back = ws.getRange("A1:J6000").load("values");
      await context.sync();
      expect(back.values[5999][9]).toBe("x".repeat(100));
    });
  });
});

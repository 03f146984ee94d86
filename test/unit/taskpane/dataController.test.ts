/**
 * The Data tab end to end through the simulator: a raw export (file or range) → mapping →
 * check → the owned data table with its names → a team sheet whose inputs are SUMIFS over
 * it, computed by the preview's engine and compared with the same numbers typed by hand;
 * Refresh that touches only the table; cancel and bad input that write nothing.
 */
import iconv from "iconv-lite";
import { SimWorkbook, createSimHost, parseAddress } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { DataController, FileInput, Progress } from "../../../src/taskpane/dataController";
import { SETTINGS_KEY, rowChunks, writeImport } from "../../../src/taskpane/dataWriter";
import { TEMPLATES } from "../../../src/templates";

const utf8 = (name: string, text: string): FileInput => ({ name, bytes: new TextEncoder().encode(text) });
const gbk = (name: string, text: string): FileInput => ({ name, bytes: new Uint8Array(iconv.encode(text, "gbk")) });

/**
 * Payments, October and November 2026. Li Na's P1 appears twice (one dropped), a blank line,
 * Zhao Min's P5 is 45 days past due (M2–M3, not M1), Wang Wei's P4 is in November.
 */
const PAYMENTS_EN = [
  "Collector,Payment ID,Amount,Payment date,DPD",
  "Li Na,P1,1000.50,2026-10-03,12",
  "Li Na,P2,200,2026-10-15,25",
  "Wang Wei,P3,300,2026-10-20,5",
  "Li Na,P1,1000.50,2026-10-03,12",
  "",
  "Wang Wei,P4,50,2026-11-02,10",
  "Zhao Min,P5,400,2026-10-09,45",
  "",
].join("\r\n");

/** The same payments with Chinese headers, saved by Chinese Excel (GBK). */
const PAYMENTS_ZH = [
  "催收员,回款流水号,回款金额,还款日期,逾期天数",
  "李娜,P1,1000.50,2026/10/03,12",
  "李娜,P2,200,2026/10/15,25",
  "王伟,P3,300,2026/10/20,5",
  "李娜,P1,1000.50,2026/10/03,12",
  "王伟,P4,50,2026/11/02,10",
  "赵敏,P5,400,2026/10/09,45",
].join("\r\n");

function setup(excel: "desktop" | "web" = "desktop", language: "en" | "zh" = "en") {
  const book = new SimWorkbook(["Sheet1"]);
  const host = createSimHost(book, { excel });
  const controller = new DataController(host, TEMPLATES, language);
  const progress: Progress[] = [];
  controller.onProgress = (p) => {
    if (p !== undefined) progress.push(p);
  };
  return { book, host, controller, progress };
}

/** Every input of every sheet, for before/after comparisons. */
function snapshot(book: SimWorkbook): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const sheet of book.sheets) {
    const cells: Record<string, unknown> = {};
    for (const { row, column, cell } of sheet.cells()) if (cell.formula !== undefined || cell.value !== null) cells[`${row},${column}`] = cell.formula ?? cell.value;
    out[sheet.name] = cells;
  }
  return out;
}

/** The cells of a sheet whose formula mentions `text`, as [row, column, value]. */
function cellsUsing(book: SimWorkbook, sheetName: string, text: string): { row: number; column: number; formula: string; value: unknown }[] {
  const sheet = book.requireSheet(sheetName);
  const out: { row: number; column: number; formula: string; value: unknown }[] = [];
  for (const { row, column, cell } of sheet.cells()) if (cell.formula?.includes(text)) out.push({ row, column, formula: cell.formula, value: sheet.valueAt(row, column) });
  return out.sort((a, b) => a.row - b.row || a.column - b.column);
}

async function importPayments(controller: DataController, file: FileInput = utf8("payments.csv", PAYMENTS_EN)) {
  const read = await controller.readFile(file);
  expect(read.tone).toBe("info");
  expect(controller.kind).toBe("payments");
  const checked = await controller.check();
  expect(checked.tone).toBe("success");
  return checked;
}

describe("a payments file → data table → M1 sheet", () => {
  test("mapping, summary, templates and months", async () => {
    const { controller } = setup();
    const checked = await importPayments(controller);
    const rows = controller.mappingRows();
    const columnOf = (field: string) => rows.find((r) => r.field === field)?.column;
    expect([columnOf("collector"), columnOf("paymentId"), columnOf("amount"), columnOf("paidOn"), columnOf("dpd")]).toEqual([0, 1, 2, 3, 4]);
    // 6 data rows (the blank line is not a row), 5 kept, 1 duplicate (P1), 3 collectors.
    expect(checked.details).toEqual(["6 rows read, 5 kept.", expect.stringMatching(/blank rows? skipped, 1 duplicate dropped/), "3 collectors; months: 2026-10, 2026-11."]);
    expect(controller.months()).toEqual(["2026-10", "2026-11"]);
    const ids = controller.buildOptions().map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(["scorecard", "m1", "m2m3", "m4plus"]));
    expect(controller.definitions()).toContain("A payment id is counted once: repeated rows are dropped.");
  });

  test.each(["desktop", "web"] as const)("builds M1 for October (%s): table, names, SUMIFS equal to the hand-typed numbers, 3 syncs", async (excel) => {
    const { book, host, controller } = setup(excel);
    attachEngine(book);
    await importPayments(controller);
    const syncsBefore = book.stats.syncs;
    const built = await controller.build("m1", "2026-10");
    expect(built.tone).toBe("success");
    // (1) read names, tables, settings; (2) data sheet + table + names + settings, with the template's read; (3) the template.
    expect(book.stats.syncs - syncsBefore - 1).toBe(3); // minus the saved-imports read after the build

    const data = book.requireSheet("Payments data");
    const table = book.table("CK_Payments");
    expect(table && { sheet: table.sheetId, rect: table.rect }).toEqual({ sheet: data.id, rect: { row: 0, column: 0, rowCount: 6, columnCount: 5 } });
    expect([0, 1, 2, 3, 4].map((c) => data.input(0, c))).toEqual(["Collector", "Amount", "PaidOn", "PaymentId", "Dpd"]);
    // 5 kept rows, in file order; the duplicate P1 is gone; dates are serials (2026-10-03 = 46298), text stays text.
    expect([0, 1, 2, 3, 4].map((c) => data.input(1, c))).toEqual(["Li Na", 1000.5, 46298, "P1", 12]);
    expect(data.getCell(1, 2)?.numberFormat).toBe("yyyy-mm-dd");
    // Wide enough for a date (Excel shows #### for one that does not fit) and for each header.
    expect([0, 1, 2, 3, 4].map((c) => data.columnWidth(c))).toEqual([90, 80, 72, 90, 56]);
    const amountName = book.name("CK_Payments_Amount");
    expect(amountName?.formula).toBe("=CK_Payments[Amount]");
    expect(amountName && book.nameRange(amountName)?.rect).toEqual({ row: 1, column: 1, rowCount: 5, columnCount: 1 });
    expect(JSON.parse(book.settings.get(SETTINGS_KEY) ?? "[]")).toEqual([
      { version: 1, kind: "payments", source: "file:payments.csv", mapping: { collector: "Collector", amount: "Amount", paidOn: "Payment date", paymentId: "Payment ID", dpd: "DPD" }, dataSheet: "Payments data", table: "CK_Payments" },
    ]);

    // The M1 sheet: recovered is SUMIFS over the names, for M1's days past due, in October.
    const m1 = book.sheets.find((s) => s !== data && s.name !== "Sheet1" && !/bench|基准/i.test(s.name));
    expect(m1).toBeDefined();
    const recovered = cellsUsing(book, m1!.name, "SUMIFS(CK_Payments_Amount");
    expect(recovered.length).toBe(3);
    expect(recovered[0].formula).toMatch(/CK_Payments_Collector,\$A\d+,CK_Payments_PaidOn,">="&\$B\$\d+/);
    // By hand: Li Na P1 1000.50 + P2 200 = 1200.50 (the second P1 dropped); Wang Wei P3 300 (P4 is
    // November); Zhao Min 0 (P5 is 45 days past due: M2–M3). Rows sorted by name.
    expect(recovered.map((c) => m1!.input(c.row, 0))).toEqual(["Li Na", "Wang Wei", "Zhao Min"]);
    expect(recovered.map((c) => c.value)).toEqual([1200.5, 300, 0]);

    // The same sheet typed by hand (each input a constant) computes the same in every cell.
    const hand = new Map([["Li Na", 1200.5], ["Wang Wei", 300], ["Zhao Min", 0]]);
    const handSpec = TEMPLATES.find((t) => t.id === "m1")!.build({
      language: "en",
      sample: false,
      data: { rows: ["Li Na", "Wang Wei", "Zhao Min"], monthStart: 46296, inputFormula: (key, cells) => (key === "recovered" ? `0+IF(${cells.rowLabel}="Li Na",${hand.get("Li Na")},IF(${cells.rowLabel}="Wang Wei",300,0))` : undefined) },
    });
    const { insertTemplate } = await import("../../../src/taskpane/writer");
    const typed = await insertTemplate(host, handSpec, {});
    const other = book.requireSheet(typed.sheet);
    const rect = m1!.usedRect()!;
    for (let r = 0; r < rect.rowCount; r++) {
      for (let c = 0; c < rect.columnCount; c++) {
        const cell = m1!.getCell(r, c);
        if (cell?.formula === undefined) continue;
        expect([r, c, other.valueAt(r, c)]).toEqual([r, c, m1!.valueAt(r, c)]);
      }
    }
  });

  test("a GBK file with Chinese headers gives the same table, in the Chinese pane", async () => {
    const { book, controller } = setup("desktop", "zh");
    attachEngine(book);
    const read = await controller.readFile(gbk("回款.csv", PAYMENTS_ZH));
    expect(read.tone).toBe("info");
    expect(controller.headers).toEqual(["催收员", "回款流水号", "回款金额", "还款日期", "逾期天数"]);
    expect((await controller.check()).tone).toBe("success");
    const built = await controller.build("m1", "2026-10");
    expect(built.tone).toBe("success");
    const data = book.requireSheet("回款数据");
    expect(data.input(1, 0)).toBe("李娜");
    // The table's headers are Chinese (the fields' names); the workbook names stay ASCII, over them.
    expect([0, 1, 2, 3, 4].map((c) => data.input(0, c))).toEqual(["催收员", "回款金额", "还款日期", "回款流水号", "逾期天数"]);
    expect(book.name("CK_Payments_Amount")?.formula).toBe("=CK_Payments[回款金额]");
    // Two Chinese characters are about as wide as four Latin ones: 催收员 needs 3 × 2 × 7 + 24 = 66 points, under the 90 of a text column.
    expect(data.columnWidth(0)).toBe(90);
    const m1 = book.sheets.find((s) => s.name !== "Sheet1" && s !== data && !/bench|基准/i.test(s.name))!;
    const recovered = cellsUsing(book, m1.name, "SUMIFS(CK_Payments_Amount");
    // 李娜 1000.50 + 200 = 1200.50; 王伟 300; 赵敏 0 (M2–M3).
    expect(recovered.map((c) => [m1.input(c.row, 0), c.value])).toEqual(
      expect.arrayContaining([
        ["李娜", 1200.5],
        ["王伟", 300],
        ["赵敏", 0],
      ])
    );
  });

  test("an import made in the Chinese pane refreshes in the English pane, and back: the headers of either language are the same columns", async () => {
    const zh = setup("desktop", "zh");
    attachEngine(zh.book);
    await zh.controller.readFile(gbk("回款.csv", PAYMENTS_ZH));
    expect((await zh.controller.check()).tone).toBe("success");
    expect((await zh.controller.build("m1", "2026-10")).tone).toBe("success");
    const en = new DataController(zh.host, TEMPLATES, "en");
    const saved = (await en.loadSaved())[0];
    // The same file again, one payment more: 赵敏 P9 10 yuan on 2026-10-30, 3 days past due (M1).
    const more = `${PAYMENTS_ZH}\r\n赵敏,P9,10,2026/10/30,3`;
    const refreshed = await en.refresh(saved, gbk("回款.csv", more));
    expect(refreshed).toMatchObject({ tone: "success", text: expect.stringContaining("5 → 6 rows") });
    // The headers stay as written (Chinese); 赵敏's M1 recovered is now 10.
    const data = zh.book.requireSheet("回款数据");
    expect(data.input(0, 1)).toBe("回款金额");
    const m1 = zh.book.sheets.find((s) => s.name !== "Sheet1" && s !== data && !/bench|基准/i.test(s.name))!;
    const recovered = cellsUsing(zh.book, m1.name, "SUMIFS(CK_Payments_Amount");
    expect(recovered.map((c) => [m1.input(c.row, 0), c.value])).toEqual(expect.arrayContaining([["赵敏", 10]]));
    // And back: the Chinese pane refreshes it too.
    expect(await zh.controller.refresh((await zh.controller.loadSaved())[0], gbk("回款.csv", more))).toMatchObject({ tone: "success" });
  });

  test("a second import of the same kind is refused with what to do; nothing written", async () => {
    const { book, controller } = setup();
    await importPayments(controller);
    expect((await controller.build("", "2026-10")).tone).toBe("success");
    const before = snapshot(book);
    const again = await controller.build("m1", "2026-10");
    expect(again).toMatchObject({ tone: "warning", text: expect.stringContaining("Refresh") });
    expect(snapshot(book)).toEqual(before);
  });
});

test("after the data sheet is deleted, its import is gone from the list, and importing again repoints the names", async () => {
  const { book, host, controller } = setup();
  attachEngine(book);
  await importPayments(controller);
  expect((await controller.build("m1", "2026-10")).tone).toBe("success");
  expect(await controller.loadSaved()).toHaveLength(1);
  await host.run(async (context) => {
    context.workbook.worksheets.getItem("Payments data").delete();
    await context.sync();
  });
  expect(book.nameType(book.name("CK_Payments_Amount")!)).toBe("Error");
  expect(await controller.loadSaved()).toEqual([]);
  await importPayments(controller);
  expect((await controller.build("", "2026-10")).tone).toBe("success");
  // The M1 sheet built before reads the new table through the same names: Li Na 1200.50 again.
  expect(book.name("CK_Payments_Amount")?.formula).toBe("=CK_Payments[Amount]");
  const m1 = book.sheets.find((x) => /^M1/.test(x.name))!;
  expect(cellsUsing(book, m1.name, "SUMIFS(CK_Payments_Amount").map((c) => c.value)).toEqual([1200.5, 300, 0]);
});

describe("bad input: a message naming row and column, nothing written", () => {
  const cases: [string, FileInput, RegExp][] = [
    ["text in an amount", utf8("p.csv", "Collector,Amount,Payment date\nLi Na,100,2026-10-01\nWang Wei,12.3a,2026-10-02\n"), /^Row 3, column Amount: '12\.3a' is not a number — fix it in the file and choose it again\.$/],
    ["a date that does not parse", utf8("p.csv", "Collector,Amount,Payment date\nLi Na,100,2026-13-45\n"), /^Row 2, column Payment date: '2026-13-45' is not a date/],
    ["a ragged row", utf8("p.csv", "Collector,Amount,Payment date\nLi Na,100,2026-10-01,extra\n"), /^Row 2.*cells, unlike the header/],
    ["a quoted newline", utf8("p.csv", 'Collector,Amount,Payment date\n"Li\nNa",100,2026-10-01\n'), /^Row 2.*quoted value runs over a line break/],
  ];
  test.each(cases)("%s", async (_, file, message) => {
    const { book, controller } = setup();
    const before = snapshot(book);
    const read = await controller.readFile(file);
    const status = read.tone === "error" ? read : await controller.check();
    expect(status.tone).toBe("error");
    expect(status.details?.[0] ?? status.text).toMatch(message);
    expect((await controller.build("m1", "2026-10")).tone).not.toBe("success");
    expect(snapshot(book)).toEqual(before);
  });

  test("a 0-byte file and a binary file", async () => {
    const { controller } = setup();
    expect(await controller.readFile({ name: "empty.csv", bytes: new Uint8Array() })).toMatchObject({ tone: "error", text: expect.stringContaining("0 bytes") });
    const binary = new Uint8Array(256).map((_, i) => i);
    expect(await controller.readFile({ name: "x.csv", bytes: binary })).toMatchObject({ tone: "error", text: expect.stringContaining("not UTF-8 or GBK") });
    expect(controller.hasData).toBe(false);
  });

  test("a required field without a column is named before anything is checked", async () => {
    const { controller } = setup();
    await controller.readFile(utf8("p.csv", PAYMENTS_EN));
    controller.setColumn("amount", undefined);
    expect(await controller.check()).toMatchObject({ tone: "warning", text: "Map a column to Amount first (required)." });
  });
});

describe("a range of the workbook, and Refresh", () => {
  async function rangeBook(rows: (string | number)[][]) {
    const ctx = setup();
    await ctx.host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`A1:${String.fromCharCode(64 + rows[0].length)}${rows.length}`).values = rows;
      await context.sync();
    });
    return ctx;
  }
  const header = ["Collector", "Amount", "Payment date", "Payment ID"];

  test("reads the used range (2 syncs), builds, then Refresh rewrites only the table's rows; a note beside it survives", async () => {
    const { book, host, controller } = await rangeBook([header, ["Li Na", 100, 46298, "P1"], ["Wang Wei", 50, 46299, "P2"]]);
    attachEngine(book);
    const syncs = book.stats.syncs;
    const read = await controller.readRange();
    expect(read.tone).toBe("info");
    expect(book.stats.syncs - syncs).toBe(2);
    expect((await controller.check()).tone).toBe("success");
    expect((await controller.build("scorecard", "2026-10")).tone).toBe("success");
    const data = book.requireSheet("Payments data");
    const card = book.sheets.find((s) => s.name !== "Sheet1" && s !== data && !/bench/i.test(s.name))!;
    const recovered = () => cellsUsing(book, card.name, "SUMIFS(CK_Payments_Amount").map((c) => c.value);
    expect(recovered()).toEqual([100, 50]);

    // The user writes notes beside and below... beside the table (column G) and on the scorecard.
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Payments data");
      sheet.getRange("G1:G3").values = [["note"], ["checked"], ["=B2*2"]];
      await context.sync();
    });
    // The source grows by two rows and changes a value.
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2:D5").values = [["Li Na", 120, 46298, "P1"], ["Wang Wei", 50, 46299, "P2"], ["Li Na", 30, 46300, "P3"], ["Wang Wei", 5, 46301, "P4"]];
      await context.sync();
    });
    const outside = (): Record<string, unknown> => {
      const all = snapshot(book);
      const t = book.table("CK_Payments")!.rect;
      return Object.fromEntries(
        Object.entries(all).map(([name, cells]) => [
          name,
          name === "Payments data"
            ? Object.fromEntries(Object.entries(cells).filter(([k]) => !(Number(k.split(",")[1]) < t.columnCount && Number(k.split(",")[0]) < 7)))
            : name === "Sheet1"
              ? {}
              : // The scorecard's note in C2 is the template's own, rewritten to name the refreshed data (checked below).
                Object.fromEntries(Object.entries(cells).filter(([k]) => !(name === card.name && k === "1,2"))),
        ])
      );
    };
    const before = outside();
    await controller.loadSaved();
    const saved = controller.savedImports[0];
    expect(saved.source).toBe("range:Sheet1!A1:D3");
    // Refresh reads the same columns from the same header row down to the sheet's last used row: the appended rows count.
    const refreshSyncs = book.stats.syncs;
    const refreshed = await controller.refresh(saved);
    expect(refreshed).toMatchObject({ tone: "success", text: expect.stringContaining("2 → 4 rows") });
    // read: (1) the used range (2) the values; write: (1) find the table (2) its range, header, the used range (3) resize + rows;
    // new collectors: (1) the workbook's tables (2) the scorecard table's rows, month and note; (3) the note says 4 rows now
    // (no collector is new, so no row is added).
    expect(book.stats.syncs - refreshSyncs).toBe(8);
    expect(book.table("CK_Payments")!.rect).toEqual({ row: 0, column: 0, rowCount: 5, columnCount: 4 });
    // Li Na 120 + 30 = 150, Wang Wei 50 + 5 = 55: the scorecard followed the table.
    expect(recovered()).toEqual([150, 55]);
    expect(outside()).toEqual(before);
    expect(card.input(1, 2)).toMatch(/^Data: Sheet1!A1:D3 · 4 rows · /);
    expect(data.input(0, 6)).toBe("note");
    expect(data.input(2, 6)).toBe("=B2*2");
    // The rows the table grew into are formatted as its columns (a date stays a date).
    expect([data.getCell(4, 1)?.numberFormat, data.getCell(4, 2)?.numberFormat]).toEqual(["#,##0.00", "yyyy-mm-dd"]);

    // Shrinking: the rows the table gives up are cleared, the notes stay.
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:D5").values = [header, ["Li Na", 7, 46298, "P1"], ["", "", "", ""], ["", "", "", ""], ["", "", "", ""]];
      await context.sync();
    });
    const shrunk = await controller.refresh(saved);
    expect(shrunk).toMatchObject({ tone: "success", text: expect.stringContaining("4 → 1 rows") });
    expect(book.table("CK_Payments")!.rect.rowCount).toBe(2);
    expect([2, 3, 4].map((r) => [0, 1, 2, 3].map((c) => data.input(r, c)))).toEqual([["", "", "", ""], ["", "", "", ""], ["", "", "", ""]]);
    expect([0, 1, 2].map((r) => data.input(r, 6))).toEqual(["note", "checked", "=B2*2"]);
    expect(recovered()).toEqual([7, 0]);
  });

  test("Refresh adds a row for each collector new in the data to the team sheet; TEAM TOTAL and the ranks count them; typed cells stay", async () => {
    // Days past due 10: every payment is M1's (1–30).
    const withDpd = [...header, "DPD"];
    const { book, host, controller } = await rangeBook([withDpd, ["Li Na", 100, 46298, "P1", 10], ["Wang Wei", 50, 46299, "P2", 10]]);
    attachEngine(book);
    book.selectRange("Sheet1", "A1:E3");
    await controller.readRange();
    expect((await controller.check()).tone).toBe("success");
    expect((await controller.build("m1", "2026-10")).tone).toBe("success");
    const m1 = book.sheets.find((s) => s.name !== "Sheet1" && s.name !== "Payments data" && !/bench/i.test(s.name))!;
    const table = (): { row: number; rowCount: number } => book.tables.find((t) => t.sheetId === m1.id)!.rect;
    // M1: header row 4 (index 3), Li Na and Wang Wei (sorted) in rows 5–6, TEAM TOTAL row 7 (index 6).
    expect(table()).toMatchObject({ row: 3, rowCount: 4 });
    const header4 = (text: string): number => Array.from({ length: 30 }, (_, c) => String(m1.input(3, c))).indexOf(text);
    const recoveredCol = header4("Recovered this month (¥)");
    const targetCol = header4("Target (¥)");
    const rankCol = header4("Rank");
    expect([recoveredCol, targetCol, rankCol].every((c) => c > 0)).toBe(true);
    expect(m1.input(1, 2)).toMatch(/^Data: Sheet1!A1:E3 · 2 rows · /);
    // The analyst types targets (not in the payments data) and a note under the sheet.
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(m1.name);
      sheet.getRange(`${String.fromCharCode(65 + targetCol)}5:${String.fromCharCode(65 + targetCol)}6`).values = [[200], [100]];
      sheet.getRange("A12").values = [["checked by Chen"]];
      await context.sync();
    });
    // Li Na 100 / 200 = 0.5, Wang Wei 50 / 100 = 0.5: both rank 1; TEAM TOTAL 150.
    expect([m1.valueAt(4, rankCol), m1.valueAt(5, rankCol), m1.valueAt(6, recoveredCol)]).toEqual([1, 1, 150]);

    // Next export: Zhao Min and LI NA (Li Na in capitals: the same collector for SUMIFS) appear.
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A2:E5").values = [["Li Na", 100, 46298, "P1", 10], ["Wang Wei", 50, 46299, "P2", 10], ["Zhao Min", 300, 46300, "P3", 10], ["LI NA", 20, 46301, "P4", 10]];
      await context.sync();
    });
    const saved = (await controller.loadSaved())[0];
    const status = await controller.refresh(saved);
    expect(status).toMatchObject({ tone: "success", text: expect.stringContaining(`'${m1.name}' has a row for a collector new in the data: Zhao Min`) });
    // One row added above TEAM TOTAL: rows 5–7 collectors, TEAM TOTAL row 8, the benchmark rows and the note moved down one.
    expect(table()).toMatchObject({ row: 3, rowCount: 5 });
    expect([4, 5, 6, 7].map((r) => m1.input(r, 0))).toEqual(["Li Na", "Wang Wei", "Zhao Min", m1.input(7, 0)]);
    expect(m1.input(12, 0)).toBe("checked by Chen");
    // The new row's inputs are the same SUMIFS on its own row: Zhao Min 300; Li Na 100 + 20 = 120.
    expect([m1.valueAt(4, recoveredCol), m1.valueAt(5, recoveredCol), m1.valueAt(6, recoveredCol)]).toEqual([120, 50, 300]);
    // TEAM TOTAL 120 + 50 + 300 = 470; the typed targets stay, Zhao Min's is blank to type.
    expect(m1.valueAt(7, recoveredCol)).toBe(470);
    expect([m1.input(4, targetCol), m1.input(5, targetCol), m1.input(6, targetCol)]).toEqual([200, 100, ""]);
    // Zhao Min has no target yet, so no achievement and no rank; Li Na 120/200 = 0.6 ranks 1, Wang Wei 0.5 ranks 2.
    expect([m1.valueAt(4, rankCol), m1.valueAt(5, rankCol), m1.valueAt(6, rankCol)]).toEqual([1, 2, ""]);
    // C2's note names the refreshed data: the range and its 4 rows (it said 2 at the build).
    expect(m1.input(1, 2)).toMatch(/^Data: Sheet1!A1:E3 · 4 rows · \d{4}-\d\d-\d\d \d\d:\d\d\. Inputs with formulas/);
    // A second Refresh with nothing new adds nothing; a note the analyst wrote in C2 stays.
    await host.run(async (context) => {
      context.workbook.worksheets.getItem(m1.name).getRange("C2").values = [["Targets from the October plan"]];
      await context.sync();
    });
    const again = await controller.refresh(saved);
    expect(again.text).not.toContain("new in the data");
    expect(table().rowCount).toBe(5);
    expect(m1.input(1, 2)).toBe("Targets from the October plan");
  });

  test("a selection of whole columns reads only the rows the sheet uses; a selection of rows reads just those", async () => {
    const { book, controller } = await rangeBook([header, ["Li Na", 100, 46298, "P1"], ["Wang Wei", 50, 46299, "P2"]]);
    book.selectRange("Sheet1", "A:D");
    expect(await controller.readRange()).toMatchObject({ tone: "info", text: "Sheet1!A1:D3: 2 rows, 4 columns." });
    book.selectRange("Sheet1", "A1:D2");
    expect(await controller.readRange()).toMatchObject({ tone: "info", text: "Sheet1!A1:D2: 1 row, 4 columns." });
  });

  test("the table under the active cell is the source (3 syncs), and Refresh reads it at its new size", async () => {
    const { book, host, controller } = setup();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["Month-end export — see the table below"]];
      sheet.getRange("B3:E5").values = [header, ["Li Na", 100, 46298, "P1"], ["Wang Wei", 50, 46299, "P2"]];
      sheet.tables.add("B3:E5", true).name = "Export";
      sheet.getRange("H1").values = [["unrelated"]];
      await context.sync();
    });
    book.select("Sheet1", "C4");
    const syncs = book.stats.syncs;
    expect(await controller.readRange()).toMatchObject({ tone: "info", text: "Export: 2 rows, 4 columns." });
    expect(book.stats.syncs - syncs).toBe(3);
    expect((await controller.check()).tone).toBe("success");
    expect((await controller.build("", "2026-10")).tone).toBe("success");
    const saved = (await controller.loadSaved())[0];
    expect(saved.source).toBe("table:Export");
    await host.run(async (context) => {
      const table = context.workbook.tables.getItem("Export");
      context.workbook.worksheets.getItem("Sheet1").getRange("B6:E6").values = [["Li Na", 30, 46300, "P3"]];
      table.resize("B3:E6");
      await context.sync();
    });
    expect(await controller.refresh(saved)).toMatchObject({ tone: "success", text: expect.stringContaining("2 → 3 rows") });
  });

  test("Refresh refuses to grow over a cell below the table, and a source without a mapped column", async () => {
    const { book, host, controller } = await rangeBook([header, ["Li Na", 100, 46298, "P1"]]);
    await controller.readRange();
    await controller.check();
    await controller.build("", "2026-10");
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Payments data").getRange("B4").values = [["total?"]];
      context.workbook.worksheets.getItem("Sheet1").getRange("A3:D4").values = [["Wang Wei", 5, 46301, "P4"], ["Wang Wei", 6, 46301, "P5"]];
      await context.sync();
    });
    const saved = (await controller.loadSaved())[0];
    const before = snapshot(book);
    expect(await controller.refresh(saved)).toMatchObject({ tone: "warning", text: expect.stringContaining("B4") });
    expect(snapshot(book)).toEqual(before);
    await host.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B1").values = [["Sum"]];
      await context.sync();
    });
    expect(await controller.refresh(saved)).toMatchObject({ tone: "error", text: expect.stringContaining("Amount") });
  });

  test("Refresh of a file asks for the file and checks its headers", async () => {
    const { book, controller } = setup();
    await importPayments(controller);
    await controller.build("", "2026-10");
    const saved = (await controller.loadSaved())[0];
    expect(controller.needsFile(saved)).toBe(true);
    expect(await controller.refresh(saved)).toMatchObject({ tone: "info", text: expect.stringContaining("payments.csv") });
    const before = snapshot(book);
    expect(await controller.refresh(saved, utf8("payments.csv", "Agent,Amount,Payment date\nLi Na,1,2026-10-01\n"))).toMatchObject({ tone: "error", text: expect.stringContaining("Collector") });
    expect(snapshot(book)).toEqual(before);
    const more = `${PAYMENTS_EN}Zhao Min,P9,10,2026-10-30,3\r\n`;
    const syncs = book.stats.syncs;
    expect(await controller.refresh(saved, utf8("payments.csv", more))).toMatchObject({ tone: "success", text: expect.stringContaining("5 → 6 rows") });
    // (1) find the table (2) its range, header and the sheet's used range (3) resize, rows, formats;
    // (4) the workbook's tables: no team sheet was built from this import, so nothing more.
    expect(book.stats.syncs - syncs).toBe(4);
  });
});

describe("large imports: chunks under the payload limit, cancel leaves nothing", () => {
  const columns = [
    { header: "Collector", name: "CK_Payments_Collector", numberFormat: "General", width: 90 },
    { header: "Amount", name: "CK_Payments_Amount", numberFormat: "#,##0.00", width: 80 },
  ];
  const rows = Array.from({ length: 3000 }, (_, i) => [`'Collector ${i % 40}`, i]);

  test("rows are cut into parts under the byte budget", () => {
    const parts = rowChunks(rows, 20_000);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0].start).toBe(0);
    expect(parts[parts.length - 1].end).toBe(3000);
  });

  test("a chunked write takes one sync per further chunk, and a cancel after the first chunk removes the sheet", async () => {
    const book = new SimWorkbook(["Sheet1"]);
    const host = createSimHost(book, { excel: "web" });
    const saved = { version: 1 as const, kind: "payments" as const, source: "file:big.csv", mapping: {} };
    const data = { kind: "payments" as const, sheet: "Payments data", table: "CK_Payments", columns, rows };
    const parts = rowChunks(rows, 20_000).length;
    const done = await writeImport(host, data, saved, undefined, { budget: 20_000 });
    expect(done).toMatchObject({ cancelled: false, syncs: 1 + parts });
    expect(book.table("CK_Payments")?.rect.rowCount).toBe(3001);

    const book2 = new SimWorkbook(["Sheet1"]);
    const host2 = createSimHost(book2);
    const before = snapshot(book2);
    let cancelled = false;
    const result = await writeImport(host2, data, saved, undefined, { budget: 20_000, cancelled: () => cancelled, onProgress: () => (cancelled = true) });
    expect(result.cancelled).toBe(true);
    expect(snapshot(book2)).toEqual(before);
    expect(book2.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(book2.names.length + book2.tables.length + book2.settings.size).toBe(0);
  });

  test("on Excel on the web, 60,000 payments go in chunks under the 5 MB request limit; the build is 3 syncs + 1 per further chunk", async () => {
    const { book, controller } = setup("web");
    const lines = ["Collector,Payment ID,Amount,Payment date,DPD"];
    for (let i = 0; i < 60_000; i++) lines.push(`Collector number ${i % 50},PAYMENT-${String(i).padStart(8, "0")},${(i % 997) + 0.25},2026-10-${String((i % 28) + 1).padStart(2, "0")},${(i % 30) + 1}`);
    await controller.readFile(utf8("big.csv", lines.join("\n")));
    expect((await controller.check()).tone).toBe("success");
    const syncs = book.stats.syncs;
    const built = await controller.build("m1", "2026-10");
    expect(built.tone).toBe("success");
    const table = book.table("CK_Payments")!;
    expect(table.rect.rowCount).toBe(60_001);
    const made = book.stats.syncs - syncs - 1; // minus the saved-imports read after the build
    // One "values" write per chunk of rows (the header is one more write).
    const chunks = book.log.filter((w) => w.target.startsWith("'Payments data'!A") && w.member === "values").length - 1;
    expect(chunks).toBeGreaterThan(1);
    expect(made).toBe(3 + chunks - 1);
  });

  test("cancel while parsing: nothing read, nothing written", async () => {
    const { book, controller } = setup();
    const big = `Collector,Amount,Payment date\n${"Li Na,1,2026-10-01\n".repeat(200_000)}`;
    controller.onProgress = (p) => {
      if (p?.value !== undefined && p.value > 0) controller.cancel();
    };
    const status = await controller.readFile(utf8("big.csv", big));
    expect(status).toMatchObject({ tone: "info", text: "Import cancelled. Nothing was written." });
    expect(controller.hasData).toBe(false);
    expect(book.sheets.length).toBe(1);
  });
});

test("addresses used in the test are real", () => {
  expect(parseAddress("Sheet1!A1:D5").rowCount).toBe(5);
});

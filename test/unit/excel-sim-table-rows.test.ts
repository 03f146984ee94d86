/**
 * excel-sim: a table with a total row (Table.showTotals, ExcelApi 1.3) that gains and loses data
 * rows (TableRowCollection.add, TableRow.delete), with totals and ranks written as structured
 * references and evaluated by the preview's engine (HyperFormula, structured references
 * translated to A1 ranges). Every expected number is worked out by hand in the comment next to it.
 */
import { SimError, SimWorkbook, createSimHost } from "../../src/excel-sim";
import { attachEngine } from "../../src/preview/engine";

const RANK = (row: number): string => `=IF(B${row}="","",SUMPRODUCT(ISNUMBER(T[[Amt]])*(T[[Amt]]>B${row}))+1)`;

/**
 * Sheet "Team", as the task pane's writer builds a team sheet: header row 1, then tables.add over
 * A1:D4 (header + 3 data rows), showTotals (row 5 joins as the total row), then the body and total
 * rows are written.
 *   A Name | B Amt | C Rank (calculated) | D Double (calculated, =B*2)
 *   Li 10, Wang 30, Zhao 20; row 5: TOTAL | =SUM(T[[Amt]]) | "" | =SUM(T[[Double]])
 * Around it: F1 =B5 (the total), F2 =B3 (Wang), F3 =SUM(B2:B4) (the body), F4 =SUM(B4:B5)
 * (Zhao and the total: spans the insertion row), G1 =B2 (Li), A7 =B5*10 (below the table, in its
 * columns), F7 "note" (below, outside its columns), B2:B4 number format "0.00", B5 "#,##0".
 */
async function teamBook(): Promise<{ book: SimWorkbook; host: ReturnType<typeof createSimHost> }> {
  const book = new SimWorkbook(["Team"]);
  attachEngine(book);
  const host = createSimHost(book);
  await host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem("Team");
    sheet.getRange("A1:D1").values = [["Name", "Amt", "Rank", "Double"]];
    const t = sheet.tables.add("A1:D4", true);
    t.name = "T";
    t.showTotals = true;
    t.showFilterButton = false;
    t.showBandedRows = false;
    sheet.getRange("A2:D5").formulas = [
      ["Li", 10, RANK(2), "=B2*2"],
      ["Wang", 30, RANK(3), "=B3*2"],
      ["Zhao", 20, RANK(4), "=B4*2"],
      ["TOTAL", "=SUM(T[[Amt]])", "", "=SUM(T[[Double]])"],
    ];
    sheet.getRange("B2:B4").numberFormat = [["0.00"], ["0.00"], ["0.00"]];
    sheet.getRange("B5").numberFormat = [["#,##0"]];
    sheet.getRange("F1:G4").formulas = [
      ["=B5", "=B2"],
      ["=B3", ""],
      ["=SUM(B2:B4)", ""],
      ["=SUM(B4:B5)", ""],
    ];
    sheet.getRange("A7").formulas = [["=B5*10"]];
    sheet.getRange("F7").values = [["note"]];
    await context.sync();
  });
  return { book, host };
}

const values = (book: SimWorkbook, address: string): unknown[][] => {
  const sheet = book.requireSheet("Team");
  const m = /^([A-Z])(\d+):([A-Z])(\d+)$/.exec(address);
  if (m === null) throw new Error(address);
  const out: unknown[][] = [];
  for (let r = Number(m[2]) - 1; r < Number(m[4]); r++) {
    const line: unknown[] = [];
    for (let c = m[1].charCodeAt(0) - 65; c <= m[3].charCodeAt(0) - 65; c++) line.push(sheet.valueAt(r, c));
    out.push(line);
  }
  return out;
};

describe("a table with a total row", () => {
  test("totals and ranks by structured references; formulas read back as written", async () => {
    const { book, host } = await teamBook();
    // Ranks: Li 10 has 2 larger (30, 20) → 3; Wang 30 has none → 1; Zhao 20 has one (30) → 2.
    // Total Amt 10+30+20 = 60; Double 20+60+40 = 120.
    expect(values(book, "A2:D5")).toEqual([
      ["Li", 10, 3, 20],
      ["Wang", 30, 1, 60],
      ["Zhao", 20, 2, 40],
      ["TOTAL", 60, "", 120],
    ]);
    // F1 =B5 → 60; F2 =B3 → 30; F3 =SUM(B2:B4) → 60; F4 =SUM(B4:B5) → 20+60 = 80; G1 =B2 → 10; A7 =B5*10 → 600.
    expect(values(book, "F1:F4")).toEqual([[60], [30], [60], [80]]);
    expect(values(book, "G1:G1")).toEqual([[10]]);
    expect(values(book, "A7:A7")).toEqual([[600]]);
    await host.run(async (context) => {
      const t = context.workbook.tables.getItem("T").load("showTotals,showFilterButton,showBandedRows");
      const all = t.getRange().load("address");
      const body = t.getDataBodyRange().load("address");
      const total = t.getTotalRowRange().load("address,formulas");
      const count = t.rows.getCount();
      await context.sync();
      expect([t.showTotals, t.showFilterButton, t.showBandedRows]).toEqual([true, false, false]);
      expect(all.address).toBe("Team!A1:D5");
      expect(body.address).toBe("Team!A2:D4");
      expect(total.address).toBe("Team!A5:D5");
      expect(total.formulas).toEqual([["TOTAL", "=SUM(T[[Amt]])", "", "=SUM(T[[Double]])"]]);
      expect(count.value).toBe(3);
    });
  });

  test("rows.add: totals and every rank recompute, calculated columns fill, cells below move only in the table's columns", async () => {
    const { book, host } = await teamBook();
    const logged = book.log.length;
    await host.run(async (context) => {
      context.workbook.tables.getItem("T").rows.add(null, [["Qian", 40, "", ""]]);
      await context.sync();
    });
    const sheet = book.requireSheet("Team");
    // The new row is row 5 (after the last data row, above the total row, which is now row 6).
    // Calculated columns: C5 and D5 take the column's formula written for row 5.
    expect(sheet.input(4, 2)).toBe(RANK(5));
    expect(sheet.input(4, 3)).toBe("=B5*2");
    // Ranks over 10, 30, 20, 40: Li has 3 larger → 4; Wang 1 larger (40) → 2; Zhao 2 larger → 3; Qian none → 1.
    // Total Amt 10+30+20+40 = 100; Double 2×100 = 200.
    expect(values(book, "A2:D6")).toEqual([
      ["Li", 10, 4, 20],
      ["Wang", 30, 2, 60],
      ["Zhao", 20, 3, 40],
      ["Qian", 40, 1, 80],
      ["TOTAL", 100, "", 200],
    ]);
    // The total row's formulas stay as written (structured references need no rewriting).
    expect(sheet.input(5, 1)).toBe("=SUM(T[[Amt]])");
    // F1 followed the total (B5 → B6): 100. F2 =B3 (Wang, not moved): 30. F3 =SUM(B2:B4) ends above
    // the insertion row: unchanged, 10+30+20 = 60. F4 =SUM(B4:B5) spans it and grows to B4:B6:
    // 20+40+100 = 160. G1 =B2: 10.
    expect([sheet.input(0, 5), sheet.input(1, 5), sheet.input(2, 5), sheet.input(3, 5), sheet.input(0, 6)]).toEqual(["=B6", "=B3", "=SUM(B2:B4)", "=SUM(B4:B6)", "=B2"]);
    expect(values(book, "F1:F4")).toEqual([[100], [30], [60], [160]]);
    // A7 (in the table's columns) moved to A8 and follows the total: =B6*10 → 1000; A7 is empty.
    // F7 (outside the table's columns) did not move.
    expect(sheet.input(7, 0)).toBe("=B6*10");
    expect(sheet.input(6, 0)).toBe("");
    expect(values(book, "A8:A8")).toEqual([[1000]]);
    expect(sheet.input(6, 5)).toBe("note");
    // Number formats move with their cells; the new row takes the data row's above.
    expect(sheet.getCell(4, 1)?.numberFormat).toBe("0.00");
    expect(sheet.getCell(5, 1)?.numberFormat).toBe("#,##0");
    // Logged like every other write.
    expect(book.log.slice(logged)).toContainEqual({ target: "Team!A5:D5", member: "rows.add", value: [["Qian", 40, "", ""]] });
    await host.run(async (context) => {
      const t = context.workbook.tables.getItem("T");
      const all = t.getRange().load("address");
      const total = t.getTotalRowRange().load("address");
      const count = t.rows.getCount();
      await context.sync();
      expect(all.address).toBe("Team!A1:D6");
      expect(total.address).toBe("Team!A6:D6");
      expect(count.value).toBe(4);
    });
  });

  test("rows.add at index 0 with a formula value; a given value beats the calculated column", async () => {
    const { book, host } = await teamBook();
    await host.run(async (context) => {
      context.workbook.tables.getItem("T").rows.add(0, [["Sun", "=5*1", 99, ""]]);
      await context.sync();
    });
    const sheet = book.requireSheet("Team");
    // New row 2; Li moves to row 3 with its formulas adjusted (=B2*2 → =B3*2).
    expect(sheet.input(1, 1)).toBe("=5*1");
    expect(sheet.input(1, 2)).toBe(99);
    expect(sheet.input(1, 3)).toBe("=B2*2");
    expect(sheet.input(2, 3)).toBe("=B3*2");
    // Amounts 5, 10, 30, 20: total 65. Double: 10+20+60+40 = 130. Ranks: Li 10 → 3 larger? 30, 20 → 3;
    // Wang → 1; Zhao → 2 (30); Sun's rank cell holds 99 as given.
    expect(values(book, "A2:D6")).toEqual([
      ["Sun", 5, 99, 10],
      ["Li", 10, 3, 20],
      ["Wang", 30, 1, 60],
      ["Zhao", 20, 2, 40],
      ["TOTAL", 65, "", 130],
    ]);
    // F2 =B3 (Wang) followed Wang to B4: 30.
    expect(sheet.input(1, 5)).toBe("=B4");
  });

  test("delete a row: totals shrink, references below move up, a reference into the deleted row is #REF!", async () => {
    const { book, host } = await teamBook();
    const logged = book.log.length;
    await host.run(async (context) => {
      context.workbook.tables.getItem("T").rows.getItemAt(0).delete();
      await context.sync();
    });
    const sheet = book.requireSheet("Team");
    // Li (row 2) went: Wang row 2, Zhao row 3, total row 4. Ranks over 30, 20: Wang 1, Zhao 2.
    // Total 30+20 = 50; Double 60+40 = 100.
    expect(values(book, "A2:D4")).toEqual([
      ["Wang", 30, 1, 60],
      ["Zhao", 20, 2, 40],
      ["TOTAL", 50, "", 100],
    ]);
    // F1 =B5 → =B4 (the total): 50. F2 =B3 (Wang) → =B2: 30. F3 =SUM(B2:B4) lost its first row: =SUM(B2:B3) = 50.
    // F4 =SUM(B4:B5) (Zhao, total) moved up: =SUM(B3:B4) = 20+50 = 70. G1 =B2 pointed at Li's amount: #REF!.
    expect([sheet.input(0, 5), sheet.input(1, 5), sheet.input(2, 5), sheet.input(3, 5), sheet.input(0, 6)]).toEqual(["=B4", "=B2", "=SUM(B2:B3)", "=SUM(B3:B4)", "=#REF!"]);
    expect(values(book, "F1:F4")).toEqual([[50], [30], [50], [70]]);
    expect(values(book, "G1:G1")).toEqual([["#REF!"]]);
    // A7 (in the table's columns) moved up to A6: =B4*10 = 500; F7 stayed.
    expect(sheet.input(5, 0)).toBe("=B4*10");
    expect(values(book, "A6:A6")).toEqual([[500]]);
    expect(sheet.input(6, 5)).toBe("note");
    expect(book.log.slice(logged)).toContainEqual({ target: "Team!A2:D2", member: "rows.delete", value: undefined });
    await host.run(async (context) => {
      const count = context.workbook.tables.getItem("T").rows.getCount();
      await context.sync();
      expect(count.value).toBe(2);
    });
  });

  test("deleting the only data row keeps one blank data row", async () => {
    const { book, host } = await teamBook();
    await host.run(async (context) => {
      const rows = context.workbook.tables.getItem("T").rows;
      rows.getItemAt(2).delete();
      rows.getItemAt(1).delete();
      rows.getItemAt(0).delete();
      const count = rows.getCount();
      await context.sync();
      expect(count.value).toBe(1);
    });
    const sheet = book.requireSheet("Team");
    // Row 2 is blank, the total row is row 3: SUM over one blank cell = 0.
    expect(sheet.input(1, 0)).toBe("");
    expect(values(book, "B3:B3")).toEqual([[0]]);
    expect(book.table("T")?.rect).toEqual({ row: 0, column: 0, rowCount: 3, columnCount: 4 });
  });

  test("getItemAt past the last row and a row index past the end are ItemNotFound / InvalidArgument", async () => {
    const { host } = await teamBook();
    await expect(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.getItemAt(3).delete();
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await expect(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(4, [["x", 1, "", ""]]);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(null, [["x", 1]]);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});

describe("showTotals and getTotalRowRange", () => {
  test("getTotalRowRange is ItemNotFound until showTotals; turning it off gives the row back", async () => {
    const book = new SimWorkbook(["S"]);
    attachEngine(book);
    const host = createSimHost(book);
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      sheet.getRange("A1:B3").values = [["K", "V"], ["a", 1], ["b", 2]];
      sheet.getRange("A4:B4").formulas = [["Sum", "=SUM(Tb[V])"]];
      sheet.tables.add("A1:B3", true).name = "Tb";
      await context.sync();
    });
    await expect(
      host.run(async (context) => {
        context.workbook.tables.getItem("Tb").getTotalRowRange().load("address");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await host.run(async (context) => {
      const t = context.workbook.tables.getItem("Tb");
      t.showTotals = true;
      const total = t.getTotalRowRange().load("address,values");
      const body = t.getDataBodyRange().load("address");
      await context.sync();
      // The row below the body (A4:B4) is taken as it is: it already held Sum | =SUM(Tb[V]) = 1+2 = 3.
      expect(total.address).toBe("S!A4:B4");
      expect(total.values).toEqual([["Sum", 3]]);
      expect(body.address).toBe("S!A2:B3");
      t.showTotals = false;
      const all = t.getRange().load("address");
      await context.sync();
      expect(all.address).toBe("S!A1:B3");
    });
    expect(book.requireSheet("S").input(3, 1)).toBe("=SUM(Tb[V])");
  });

  test("requirement sets: showTotals and friends 1.3, rows.getCount 1.4, alwaysInsert 1.15", async () => {
    const { book } = await teamBook();
    await expect(
      createSimHost(book, { excelApi: "1.2" }).run(async (context) => {
        context.workbook.tables.getItem("T").showTotals = false;
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(
      createSimHost(book, { excelApi: "1.2" }).run(async (context) => {
        context.workbook.tables.getItem("T").load("showBandedRows");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(
      createSimHost(book, { excelApi: "1.3" }).run(async (context) => {
        context.workbook.tables.getItem("T").rows.getCount();
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    await expect(
      createSimHost(book, { excelApi: "1.14" }).run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(null, [["x", 1, "", ""]], true);
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    // Refused before any change: the table still has its 3 data rows and its total row.
    expect(book.table("T")?.showTotals).toBe(true);
    expect(book.table("T")?.rect.rowCount).toBe(5);
    // ExcelApi 1.1 is enough for rows.add without alwaysInsert.
    await createSimHost(book, { excelApi: "1.1" }).run(async (context) => {
      context.workbook.tables.getItem("T").rows.add(null, [["x", 1, "", ""]]);
      await context.sync();
    });
    expect(book.table("T")?.rect.rowCount).toBe(6);
  });
});

describe("structured references in cells", () => {
  async function sheetWith(headers: string[], body: (string | number)[][], formulas: Record<string, string>): Promise<SimWorkbook> {
    const book = new SimWorkbook(["S"]);
    attachEngine(book);
    await createSimHost(book).run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("S");
      const last = String.fromCharCode(64 + headers.length);
      sheet.getRange(`A1:${last}${body.length + 1}`).values = [headers, ...body];
      const t = sheet.tables.add(`A1:${last}${body.length + 1}`, true);
      t.name = "CK_M1";
      t.showTotals = true;
      for (const [address, formula] of Object.entries(formulas)) sheet.getRange(address).formulas = [[formula]];
      await context.sync();
    });
    return book;
  }

  test("a Chinese header with a line feed, and ' escapes of # ' [ ]", async () => {
    const book = await sheetWith(
      ["回收金额\n（元）", "No. #1", "it's", "[x]"],
      [
        [100, 1, 7, 1000],
        [250, 2, 8, 2000],
      ],
      {
        // Total row is row 4.
        A4: "=SUM(CK_M1[[回收金额\n（元）]])",
        B4: "=SUM(CK_M1[[No. '#1]])",
        C4: "=SUM(CK_M1[[it''s]])",
        D4: "=SUM(CK_M1[['[x']]])",
        F1: '=SUM(CK_M1[[回收金额\n（元）]])&"CK_M1[[Nope]]"',
        F2: "=CK_M1[[#Totals],[回收金额\n（元）]]",
        F3: "=ROWS(CK_M1[#All])*10+ROWS(CK_M1[#Data])",
        F4: "=COLUMNS(CK_M1[[No. '#1]:['[x']]])",
        F5: "=CK_M1[[#Headers],[it''s]]",
      }
    );
    const sheet = book.requireSheet("S");
    // 100+250 = 350; 1+2 = 3; 7+8 = 15; 1000+2000 = 3000.
    expect([0, 1, 2, 3].map((c) => sheet.valueAt(3, c))).toEqual([350, 3, 15, 3000]);
    // The string literal is text, untouched: "350" & "CK_M1[[Nope]]".
    expect(sheet.valueAt(0, 5)).toBe("350CK_M1[[Nope]]");
    // The total cell of the first column: 350.
    expect(sheet.valueAt(1, 5)).toBe(350);
    // #All: header + 2 data + total = 4 rows; #Data: 2 rows → 4*10+2 = 42.
    expect(sheet.valueAt(2, 5)).toBe(42);
    // Columns B ("No. #1") to D ("[x]"): 3.
    expect(sheet.valueAt(3, 5)).toBe(3);
    expect(sheet.valueAt(4, 5)).toBe("it's");
    // The formula reads back as written.
    expect(sheet.input(0, 0)).toBe("回收金额\n（元）");
    expect(sheet.input(3, 0)).toBe("=SUM(CK_M1[[回收金额\n（元）]])");
  });

  test("[@Col], T[@Col], T[[#This Row],[Col]] and case-insensitive names; unknown column or table → #REF!", async () => {
    const book = await sheetWith(
      ["Amt", "X", "Y", "Z"],
      [
        [3, "", "", ""],
        [4, "", "", ""],
      ],
      {
        B2: "=[@Amt]*2",
        B3: "=[@Amt]*2",
        C2: "=ck_m1[@amt]+1",
        C3: "=CK_M1[[#This Row],[Amt]]+1",
        D2: "=[[#This Row],[AMT]]*10",
        F1: "=SUM(CK_M1[[Nope]])",
        F2: "=SUM(Nope[[Amt]])",
        F3: "=CK_M1[@Amt]",
        F5: "=CK_M1[@Amt]",
      }
    );
    const sheet = book.requireSheet("S");
    // B: 3*2 = 6, 4*2 = 8; C: 3+1 = 4, 4+1 = 5; D2: 3*10 = 30.
    expect([sheet.valueAt(1, 1), sheet.valueAt(2, 1), sheet.valueAt(1, 2), sheet.valueAt(2, 2), sheet.valueAt(1, 3)]).toEqual([6, 8, 4, 5, 30]);
    expect(sheet.valueAt(0, 5)).toBe("#REF!");
    expect(sheet.valueAt(1, 5)).toBe("#REF!");
    // "This row" from a cell beside the table, on its data row 3: that row's Amt, 4 (the row is
    // intersected, as Excel's implicit intersection does). From row 5, below the table: #VALUE!.
    expect(sheet.valueAt(2, 5)).toBe(4);
    expect(sheet.valueAt(4, 5)).toBe("#VALUE!");
  });

  test("[@Col] in a calculated column follows rows.add; a name over a column excludes the total row", async () => {
    const book = await sheetWith(
      ["Amt", "Twice"],
      [
        [3, "=[@Amt]*2"],
        [4, "=[@Amt]*2"],
      ],
      { A4: "=SUM(CK_M1[Amt])", B4: "=SUM(CK_M1[[Twice]])" }
    );
    const host = createSimHost(book);
    await host.run(async (context) => {
      context.workbook.names.add("Amounts", "=CK_M1[[Amt]]");
      context.workbook.tables.getItem("CK_M1").rows.add(undefined, [[5, ""]]);
      await context.sync();
    });
    const sheet = book.requireSheet("S");
    expect(sheet.input(3, 1)).toBe("=[@Amt]*2");
    // Twice: 6, 8, 10; totals on row 5: 3+4+5 = 12 and 6+8+10 = 24.
    expect([sheet.valueAt(3, 1), sheet.valueAt(4, 0), sheet.valueAt(4, 1)]).toEqual([10, 12, 24]);
    const item = book.name("Amounts");
    // A2:A4, the data body only (the total row A5 is not part of [Amt]).
    expect(item && book.nameRange(item)?.rect).toEqual({ row: 1, column: 0, rowCount: 3, columnCount: 1 });
  });

  test("deleting the table's sheet turns structured references in cells into #REF!, escaped ones included", async () => {
    const book = await sheetWith(["Amt", "it's"], [[3, 1]], {});
    const other = book.addSheet("Other");
    await createSimHost(book).run(async (context) => {
      context.workbook.worksheets.getItem("Other").getRange("A1:B1").formulas = [["=SUM(CK_M1[[it''s]])", '=SUM(CK_M1[Amt])&"CK_M1[Amt]"']];
      context.workbook.worksheets.getItem("S").delete();
      await context.sync();
    });
    expect(other.input(0, 0)).toBe("=SUM(#REF!)");
    expect(other.input(0, 1)).toBe('=SUM(#REF!)&"CK_M1[Amt]"');
  });
});

describe("shifting", () => {
  test("range names, validations, conditional formats and chart series in the table's columns follow an added and a deleted row", async () => {
    const { book, host } = await teamBook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Team");
      context.workbook.names.add("Amounts", sheet.getRange("B2:B4"));
      context.workbook.names.add("Beside", sheet.getRange("F2:F4"));
      sheet.getRange("B2:B4").dataValidation.rule = { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
      sheet.getRange("C2:C4").conditionalFormats.add("CellValue");
      sheet.charts.add("ColumnClustered", sheet.getRange("B2:B4"), "Columns");
      await context.sync();
      // Inserted at index 1 (row 3): every rectangle spanning it grows by one row.
      context.workbook.tables.getItem("T").rows.add(1, [["Qian", 40, "", ""]]);
      await context.sync();
    });
    const sheet = book.requireSheet("Team");
    const grown = { row: 1, column: 1, rowCount: 4, columnCount: 1 };
    expect(book.name("Amounts")?.rect).toEqual(grown);
    // F2:F4 is beside the table: nothing moved there, the name stays.
    expect(book.name("Beside")?.rect).toEqual({ row: 1, column: 5, rowCount: 3, columnCount: 1 });
    expect(sheet.validations.map((v) => v.rect)).toEqual([grown]);
    expect(sheet.conditionalFormats.map((c) => c.rect)).toEqual([{ ...grown, column: 2 }]);
    expect(sheet.charts[0].series[0].values?.rect).toEqual(grown);
    await host.run(async (context) => {
      context.workbook.tables.getItem("T").rows.getItemAt(0).delete();
      await context.sync();
    });
    // Row 2 deleted: B2:B5 loses its first row → B2:B4.
    const shrunk = { row: 1, column: 1, rowCount: 3, columnCount: 1 };
    expect(book.name("Amounts")?.rect).toEqual(shrunk);
    expect(sheet.validations.map((v) => v.rect)).toEqual([shrunk]);
    expect(sheet.charts[0].series[0].values?.rect).toEqual(shrunk);
  });

  test("a table below in the same columns moves with its cells; one partly in them refuses the insert", async () => {
    const { book, host } = await teamBook();
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Team");
      sheet.getRange("A10:B11").values = [["K", "V"], ["a", 1]];
      sheet.tables.add("A10:B11", true).name = "Below";
      await context.sync();
      context.workbook.tables.getItem("T").rows.add(null, [["Qian", 40, "", ""]]);
      await context.sync();
    });
    expect(book.table("Below")?.rect).toEqual({ row: 10, column: 0, rowCount: 2, columnCount: 2 });
    await host.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Team");
      sheet.getRange("D20:E21").values = [["K2", "V2"], ["a", 1]];
      sheet.tables.add("D20:E21", true).name = "Across";
      await context.sync();
    });
    await expect(
      host.run(async (context) => {
        context.workbook.tables.getItem("T").rows.add(null, [["Sun", 1, "", ""]]);
        await context.sync();
      })
    ).rejects.toBeInstanceOf(SimError);
  });
});

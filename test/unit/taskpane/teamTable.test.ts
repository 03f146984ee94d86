/**
 * Team sheets as Excel tables through the task pane's writer (issue 14, item 3): what the
 * writer creates, and what happens when a collector is added or removed with the table's own
 * commands (TableRowCollection.add, TableRow.delete). Values are computed by the preview's
 * engine in the simulator; every expected number is worked out by hand from the sample data in
 * src/templates/teams.ts.
 */
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { insertTemplate } from "../../../src/taskpane/writer";
import { TEMPLATES } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";

const spec = (id: string, language: "en" | "zh" = "en"): SheetSpec => TEMPLATES.find((t) => t.id === id)!.build({ language, sample: true });
const benchmarks = (language: "en" | "zh" = "en"): SheetSpec => spec("benchmarks", language);

async function inserted(id: string, language: "en" | "zh" = "en") {
  const book = new SimWorkbook(["Sheet1"]);
  const host = createSimHost(book);
  attachEngine(book);
  const s = spec(id, language);
  const result = await insertTemplate(host, s, { benchmarks: benchmarks(language) });
  const sheet = book.requireSheet(result.sheet);
  return { book, host, s, sheet, result };
}

/** Column index of an A1 column's letters (A → 0). */
const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

describe("the writer makes each team sheet a table", () => {
  test("M1: table CK_M1 over header, 8 collectors and TEAM TOTAL (its total row), no filter buttons or banding; made before the cells that name it", async () => {
    const { book, sheet, s, result } = await inserted("m1");
    expect(result.syncs).toBe(2);
    const table = book.table("CK_M1")!;
    // Header row 4 (index 3) to TEAM TOTAL row 13: 10 rows, A:X (24 columns).
    expect(table.rect).toEqual({ row: 3, column: 0, rowCount: 10, columnCount: 24 });
    expect(table).toMatchObject({ sheetId: sheet.id, hasHeaders: true, showTotals: true, showFilterButton: false, showBandedRows: false });
    // The table is added after the header is written and before any cell that names it.
    const order = book.log.filter((w) => w.target.startsWith("'M1'!"));
    const added = order.findIndex((w) => w.member === "tables.add");
    const firstStructured = order.findIndex((w) => w.member === "formulas" && JSON.stringify(w.value).includes("CK_M1[["));
    expect([added >= 0, firstStructured > added]).toEqual([true, true]);
    // TEAM TOTAL: every cell as the spec has it; the rank column's total cell is cleared, not Excel's default SUBTOTAL.
    expect(Array.from({ length: 24 }, (_, c) => sheet.input(12, c))).toEqual(s.cells[12].map((v) => v ?? ""));
  });

  test("a second M1 gets CK_M1_2, and its formulas name it; both compute the same", async () => {
    const { book, host, sheet } = await inserted("m1");
    const again = await insertTemplate(host, spec("m1"), { benchmarks: benchmarks() });
    const second = book.requireSheet(again.sheet);
    expect(book.tables.map((t) => t.name)).toEqual(["CollectBenchmarksTable", "CK_M1", "CK_M1_2"]);
    expect(second.input(12, col("K"))).toBe("=SUM(CK_M1_2[[Recovered this month (¥)]])");
    expect(second.input(4, col("X"))).toBe('=IF(Q5="","",SUMPRODUCT(ISNUMBER(CK_M1_2[[Recovery achievement rate]])*(CK_M1_2[[Recovery achievement rate]]>Q5))+1)');
    for (let c = 1; c < 24; c++) expect([c, second.valueAt(12, c)]).toEqual([c, sheet.valueAt(12, c)]);
  });
});

describe("a collector added or removed with the table's commands is counted, ranked and scored", () => {
  test("M1: add Chen Jie (target 100,000, recovered 120,000), then delete the row", async () => {
    const { book, host, sheet } = await inserted("m1");
    // Samples: Σ target 180,000 + 170,000 + 190,000 + 160,000 + 175,000 + 165,000 + 90,000 + 185,000 = 1,315,000;
    // Σ recovered 171,000 + 176,800 + 168,000 + 158,500 + 193,000 + 131,000 + 62,000 + 190,500 = 1,250,800.
    expect([sheet.valueAt(12, col("J")), sheet.valueAt(12, col("K"))]).toEqual([1_315_000, 1_250_800]);
    expect(sheet.valueAt(12, col("Q"))).toBeCloseTo(1_250_800 / 1_315_000, 12);
    // Ranks of recovery achievement: 0.950, 1.040, 0.884, 0.991, 1.103, 0.794, 0.689, 1.030 → 5, 2, 6, 4, 1, 7, 8, 3.
    const ranks = (n: number): unknown[] => Array.from({ length: n }, (_, i) => sheet.valueAt(4 + i, col("X")));
    expect(ranks(8)).toEqual([5, 2, 6, 4, 1, 7, 8, 3]);

    // Excel's "Insert table row" then typing: the label and the ten inputs; the KPI, grade and rank cells left to the calculated columns.
    const typed = ["Chen Jie", 600, 580, 600, 3000, 1200, 400, 380, 300, 100_000, 120_000];
    await host.run(async (context) => {
      context.workbook.tables.getItem("CK_M1").rows.add(null, [[...typed, ...Array<string>(24 - typed.length).fill("")]]);
      await context.sync();
    });
    // The new row is row 13 (index 12); TEAM TOTAL moved to row 14 and the benchmark rows below it.
    expect(book.table("CK_M1")!.rect.rowCount).toBe(11);
    expect([sheet.input(12, 0), sheet.input(13, 0)]).toEqual(["Chen Jie", "TEAM TOTAL"]);
    expect(sheet.input(12, col("Q"))).toBe('=IF(J13="","",COLLECT.RECOVERYRATE(K13,J13))');
    // Chen Jie: 120,000 / 100,000 = 1.2, above everyone: rank 1; the others move down one.
    expect(sheet.valueAt(12, col("Q"))).toBeCloseTo(1.2, 12);
    expect(ranks(9)).toEqual([6, 3, 7, 5, 2, 8, 9, 4, 1]);
    // TEAM TOTAL: Σ target 1,315,000 + 100,000 = 1,415,000; Σ recovered 1,250,800 + 120,000 = 1,370,800; 1,370,800 / 1,415,000.
    expect([sheet.valueAt(13, col("J")), sheet.valueAt(13, col("K"))]).toEqual([1_415_000, 1_370_800]);
    expect(sheet.valueAt(13, col("Q"))).toBeCloseTo(1_370_800 / 1_415_000, 12);
    // Contact coverage: Σ contacted (596 + 549 + 612 + 520 + 585 + 521 + 262 + 590 = 4,235) + 580 = 4,815
    // over Σ assigned (620 + 580 + 650 + 540 + 600 + 560 + 300 + 610 = 4,460) + 600 = 5,060.
    expect(sheet.valueAt(13, col("L"))).toBeCloseTo(4_815 / 5_060, 12);
    // The benchmark rows moved with the table and still read their own row.
    expect(sheet.input(14, col("Q"))).toBe('=IFNA(COLLECT.BENCHMARK("recovery_achievement","meets",CollectBenchmarks),"")');

    // Delete the row again: everything as before.
    await host.run(async (context) => {
      context.workbook.tables.getItem("CK_M1").rows.getItemAt(8).delete();
      await context.sync();
    });
    expect(book.table("CK_M1")!.rect.rowCount).toBe(10);
    expect([sheet.valueAt(12, col("J")), sheet.valueAt(12, col("K"))]).toEqual([1_315_000, 1_250_800]);
    expect(ranks(8)).toEqual([5, 2, 6, 4, 1, 7, 8, 3]);
  });

  test("scorecard: a row typed with the first collector's numbers gets their KPIs, scores and composite, and shares their rank; TEAM TOTAL counts it", async () => {
    const { host, sheet } = await inserted("scorecard");
    // Scorecard: header row 5 (index 4), collectors rows 6–13 (indices 5–12), TEAM TOTAL row 14 (index 13). A collector, B composite,
    // C grade, D rank, E–S the 15 inputs, T–AA the KPIs, AB complaint ‰, AC–AJ the KPI scores.
    const first = Array.from({ length: 15 }, (_, i) => sheet.input(5, col("E") + i)) as (number | string)[];
    const firstComposite = sheet.valueAt(5, col("B"));
    expect(typeof firstComposite).toBe("number");
    // Σ target 120,000 + 110,000 + 130,000 + 100,000 + 120,000 + 105,000 + 60,000 + 125,000 = 870,000.
    expect(sheet.valueAt(13, col("E"))).toBe(870_000);
    await host.run(async (context) => {
      context.workbook.tables.getItem("CK_Scorecard").rows.add(null, [["Copy of row 1", "", "", "", ...first, ...Array<string>(36 - 19).fill("")]]);
      await context.sync();
    });
    // The new row 14 (index 13): the same KPIs, KPI scores and composite as row 6 (index 5).
    for (const c of [col("T"), col("Z"), col("AC"), col("AJ"), col("B"), col("C")]) expect([c, sheet.valueAt(13, c)]).toEqual([c, sheet.valueAt(5, c)]);
    expect(sheet.valueAt(13, col("D"))).toBe(sheet.valueAt(5, col("D")));
    // TEAM TOTAL (now index 14): Σ target 870,000 + 120,000 = 990,000.
    expect(sheet.valueAt(14, col("E"))).toBe(990_000);
    expect(typeof sheet.valueAt(14, col("B"))).toBe("number");
  });

  test("Chinese M1: the column names hold the Chinese headers, and a row added is counted the same way", async () => {
    const { host, sheet } = await inserted("m1", "zh");
    // 回收金额 column K: Σ 1,250,800 + 120,000 = 1,370,800, as in English.
    await host.run(async (context) => {
      context.workbook.tables.getItem("CK_M1").rows.add(null, [["陈杰", 600, 580, 600, 3000, 1200, 400, 380, 300, 100_000, 120_000, ...Array<string>(13).fill("")]]);
      await context.sync();
    });
    expect(String(sheet.input(13, col("K")))).toMatch(/^=SUM\(CK_M1\[\[.+\]\]\)$/s);
    expect(sheet.valueAt(13, col("K"))).toBe(1_370_800);
  });
});

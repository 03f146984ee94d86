/**
 * The writer against the in-memory workbook: what it writes, how many syncs it takes,
 * and what it never overwrites.
 */
import { BENCHMARKS_NAME, SheetSpec } from "../../../src/templates/types";
import { SimWorkbook, createSimHost, parseAddress } from "../../../src/excel-sim";
import {
  WriterError,
  checkSpec,
  insertFunctionCall,
  parseArgument,
  readSelection,
  insertTemplate,
  needsBenchmarks,
  readBenchmarkProblems,
  resetBenchmarks,
  uniqueSheetName,
  uniqueTableName,
} from "../../../src/taskpane/writer";
import { ROLE_STYLES, TONE_STYLES } from "../../../src/taskpane/sheetStyles";
import { benchmarksSpec, m1Spec, rollRateSpec } from "./fixtures";
import { CATALOGUE } from "../../../src/core";

/** The Benchmarks body: row 5 to one row per catalogue metric (26 since issue 15's agency metrics). */
const BODY_LAST = 4 + CATALOGUE.length;

/** Every input of every sheet, for before/after comparisons. */
function snapshot(book: SimWorkbook): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const sheet of book.sheets) {
    const cells: Record<string, unknown> = {};
    for (const { row, column, cell } of sheet.cells()) cells[`${row},${column}`] = { ...cell, format: JSON.parse(JSON.stringify(cell.format)) };
    out[sheet.name] = { cells, validations: sheet.validations.length, cfs: sheet.conditionalFormats.length, freeze: { ...sheet.freeze } };
  }
  return out;
}

function inputs(book: SimWorkbook, sheetName: string, address: string): unknown[][] {
  const sheet = book.requireSheet(sheetName);
  const rect = parseAddress(address);
  return Array.from({ length: rect.rowCount }, (_, r) => Array.from({ length: rect.columnCount }, (_, c) => sheet.input(rect.row + r, rect.column + c)));
}

/** What Excel keeps of a spec cell: null leaves the cell blank (""). */
const expectedInputs = (spec: SheetSpec): unknown[][] => spec.cells.map((row) => row.map((v) => (v === null ? "" : v)));

describe("insertTemplate into an empty workbook", () => {
  test("writes the benchmarks sheet: grid from A1, formats, widths, styles, validation, table, name, freeze", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    const spec = benchmarksSpec();
    const result = await insertTemplate(host, spec);

    expect(result).toMatchObject({ sheet: "Benchmarks", opened: false, syncs: 2 });
    const sheet = book.requireSheet("Benchmarks");
    expect(sheet.usedRect()).toEqual({ row: 0, column: 0, rowCount: spec.cells.length, columnCount: 8 });
    expect(inputs(book, "Benchmarks", `A5:H${spec.cells.length}`)).toEqual(expectedInputs(spec).slice(4));
    expect(sheet.getCell(4, 3)?.numberFormat).toBe("0.0%");
    expect(sheet.getCell(0, 0)?.numberFormat).toBe("General");
    spec.columnWidths.forEach((w, c) => expect(sheet.columnWidth(c)).toBe(w));
    expect(sheet.freeze).toEqual({ rows: 4, columns: 1 });

    const header = sheet.getCell(3, 0)?.format;
    expect(header).toMatchObject({ fill: ROLE_STYLES.header.fill, font: { bold: true, color: ROLE_STYLES.header.fontColor } });
    expect(sheet.getCell(0, 0)?.format.font).toMatchObject({ bold: true, size: 14 });

    expect(sheet.validations).toHaveLength(1);
    expect(sheet.validations[0].rule).toEqual({ decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } });
    expect(sheet.validations[0].errorAlert).toMatchObject({ message: "A threshold is a number of 0 or more.", showAlert: true, style: "Stop" });
    expect(sheet.check(4, 3, -1)).toBe("A threshold is a number of 0 or more.");
    expect(sheet.check(4, 3, 0.5)).toBeNull();

    expect(book.tables.map((t) => ({ name: t.name, sheet: t.sheetId }))).toEqual([{ name: "CollectBenchmarksTable", sheet: sheet.id }]);
    expect(book.tables[0].rect).toEqual(parseAddress(spec.table!.range));
    const name = book.name(BENCHMARKS_NAME)!;
    // =IF(body="","",body): an empty threshold reaches the functions as "" on every host.
    expect(name.formula).toBe(`=IF(Benchmarks!$A$5:$H$${BODY_LAST}="","",Benchmarks!$A$5:$H$${BODY_LAST})`);
    expect(book.nameRange(name)?.sheet).toBe(sheet);
    expect(book.nameRange(name)?.rect).toEqual(parseAddress(spec.names[0].range));
    expect(book.activeSheet.name).toBe("Benchmarks");
  });

  test("the whole grid is one formulas write and one numberFormat write at A1 of the spec's size", async () => {
    const book = new SimWorkbook();
    await insertTemplate(createSimHost(book), rollRateSpec());
    const grids = book.log.filter((w) => w.member === "formulas" || w.member === "numberFormat");
    expect(grids.map((w) => [w.target, w.member])).toEqual([
      ["'Roll rates'!A1:C5", "formulas"],
      ["'Roll rates'!A1:C5", "numberFormat"],
    ]);
    expect(grids[0].value).toEqual(rollRateSpec().cells);
    // Column widths in runs of equal width: A, then B:C.
    expect(book.log.filter((w) => w.member === "format.columnWidth").map((w) => [w.target, w.value])).toEqual([
      ["'Roll rates'!A:A", 80],
      ["'Roll rates'!B:C", 90],
    ]);
    const sheet = book.requireSheet("Roll rates");
    expect(sheet.freeze).toEqual({ rows: 2, columns: 0 });
    expect(sheet.validations[0].rule).toEqual({ decimal: { formula1: 0, formula2: 1e12, operator: "Between" } });
    expect(book.name("CollectBalances")?.sheetId).toBe(sheet.id);
    // It needs no benchmarks, so none were created.
    expect(book.sheet("Benchmarks")).toBeUndefined();
  });

  test("a stage template also inserts the Benchmarks sheet first, in the same batch (2 syncs)", async () => {
    const book = new SimWorkbook();
    const result = await insertTemplate(createSimHost(book), m1Spec(), { benchmarks: benchmarksSpec() });
    expect(result).toEqual({ sheet: "M1", opened: false, benchmarksSheet: "Benchmarks", keptNames: [], syncs: 2 });
    expect(book.stats.syncs).toBe(2);
    expect(book.stats.runs).toBe(1);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", "Benchmarks", "M1"]);
    expect(book.nameRange(book.name(BENCHMARKS_NAME)!)?.sheet).toBe(book.requireSheet("Benchmarks"));
    expect(book.activeSheet.name).toBe("M1");

    const m1 = book.requireSheet("M1");
    expect(m1.input(4, 4)).toBe('=IF(D5="","",COLLECT.GRADE("contact_coverage",D5,CollectBenchmarks))');
    expect(m1.getCell(4, 3)?.numberFormat).toBe("0.0%");
    expect(m1.getCell(4, 1)?.format.fill).toBe(ROLE_STYLES.input.fill);
    expect(m1.freeze).toEqual({ rows: 4, columns: 1 });
  });

  test("conditional formats colour each grade label with its tone", async () => {
    const book = new SimWorkbook();
    await insertTemplate(createSimHost(book), m1Spec(), { benchmarks: benchmarksSpec() });
    const m1 = book.requireSheet("M1");
    expect(m1.conditionalFormats.map((cf) => [cf.rule, cf.format])).toEqual([
      [{ formula1: '="Excellent"', operator: "EqualTo" }, { fill: TONE_STYLES.good.fill, fontColor: TONE_STYLES.good.fontColor }],
      [{ formula1: '="Meets"', operator: "EqualTo" }, { fill: TONE_STYLES.ok.fill, fontColor: TONE_STYLES.ok.fontColor }],
      [{ formula1: '="Below"', operator: "EqualTo" }, { fill: TONE_STYLES.bad.fill, fontColor: TONE_STYLES.bad.fontColor }],
    ]);
    expect(m1.conditionalFormats.every((cf) => cf.rect.column === 4 && cf.rect.rowCount === 3)).toBe(true);
    // A computed grade picks up its tone (the preview renders this).
    book.setCalculator({ recalculate: (wb) => wb.setComputed(m1.id, 4, 4, "Below") });
    expect(m1.effectiveFormat(4, 4).fill).toBe(TONE_STYLES.bad.fill);
    expect(m1.effectiveFormat(5, 4).fill).toBe(ROLE_STYLES.computed.fill);
  });

  test("an equality rule is exact: 达标 does not colour 未达标", async () => {
    const book = new SimWorkbook();
    const spec: SheetSpec = {
      ...m1Spec(),
      conditionalFormats: [{ range: "E5:E7", rules: [{ equals: "达标", tone: "ok" }, { equals: "未达标", tone: "bad" }] }],
    };
    await insertTemplate(createSimHost(book), spec, { benchmarks: benchmarksSpec("zh") });
    const m1 = book.requireSheet("M1");
    book.setCalculator({ recalculate: (wb) => wb.setComputed(m1.id, 4, 4, "未达标") });
    expect(m1.effectiveFormat(4, 4).fill).toBe(TONE_STYLES.bad.fill);
  });
});

describe("sync counts", () => {
  test.each([
    ["benchmarks", () => benchmarksSpec()],
    ["m1 (with benchmarks created)", () => m1Spec()],
    ["rollrate", () => rollRateSpec()],
  ])("%s: at most 3 syncs, and the same on a second insertion", async (_, make) => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    for (let i = 0; i < 2; i++) {
      const before = book.stats.syncs;
      const result = await insertTemplate(host, make(), { benchmarks: benchmarksSpec() });
      expect(book.stats.syncs - before).toBe(result.syncs);
      expect(result.syncs).toBeLessThanOrEqual(3);
      expect(result.syncs).toBe(2);
    }
  });

  // Issue 15: every template, charts and heat maps included, in both languages, with and without
  // sample data: the sheet in 2 syncs, its charts (however many) in a third, never more.
  const { TEMPLATES } = jest.requireActual<typeof import("../../../src/templates")>("../../../src/templates");
  test.each(TEMPLATES.flatMap((t) => (["en", "zh"] as const).flatMap((language) => [true, false].map((sample) => [t.id, language, sample] as const))))(
    "template %s (%s, sample %s): at most 3 syncs, charts included",
    async (id, language, sample) => {
      const def = TEMPLATES.find((t) => t.id === id);
      if (def === undefined) throw new Error(id);
      const spec = def.build({ language, sample });
      const book = new SimWorkbook();
      const host = createSimHost(book);
      const benchmarks = TEMPLATES.find((t) => t.id === "benchmarks")?.build({ language, sample: false });
      const result = await insertTemplate(host, spec, { benchmarks });
      expect(book.stats.syncs).toBe(result.syncs);
      expect(result.syncs).toBeLessThanOrEqual(3);
      const charts = spec.charts ?? [];
      expect(result.syncs).toBe(charts.length > 0 ? 3 : 2);
      expect(book.requireSheet(result.sheet).charts).toHaveLength(charts.length);
      if (charts.length > 0) expect(result.charts).toEqual({ drawn: charts.length });
      else expect(result.charts).toBeUndefined();
    }
  );

  test("the number of syncs does not grow with the size of the sheet", async () => {
    const big = m1Spec();
    const rows = Array.from({ length: 500 }, (_, i) => [`Agent ${i}`, 1, 2, null, null]);
    const spec: SheetSpec = {
      ...big,
      cells: [...big.cells, ...rows],
      numberFormats: [...big.numberFormats, ...rows.map(() => ["General", "General", "General", "General", "General"])],
    };
    const book = new SimWorkbook();
    const result = await insertTemplate(createSimHost(book), spec, { benchmarks: benchmarksSpec() });
    expect(result.syncs).toBe(2);
    expect(book.log.filter((w) => w.member === "formulas")).toHaveLength(2); // one per sheet
  });
});

describe("nothing is lost", () => {
  test("a taken sheet name gives 'M1 (2)', and the old sheet's cells are untouched", async () => {
    const book = new SimWorkbook(["Sheet1", "M1"]);
    book.setCellInput("M1", 0, 0, "my own notes");
    book.setCellInput("M1", 4, 1, 123);
    const host = createSimHost(book);
    await insertTemplate(host, benchmarksSpec());
    const before = snapshot(book);

    const result = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(result.sheet).toBe("M1 (2)");
    expect((snapshot(book) as Record<string, unknown>).M1).toEqual(before.M1);
    expect(book.requireSheet("M1").input(0, 0)).toBe("my own notes");

    const third = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(third.sheet).toBe("M1 (3)");
  });

  test("sheet names: case-insensitive clashes, 31 characters, invalid characters", () => {
    expect(uniqueSheetName("M1", ["m1"])).toBe("M1 (2)");
    expect(uniqueSheetName("M1", ["M1", "M1 (2)"])).toBe("M1 (3)");
    const long = "A very long sheet name that is longer";
    const first = uniqueSheetName(long, []);
    expect(first).toBe(long.slice(0, 31).trim());
    const second = uniqueSheetName(long, [first]);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(second.endsWith(" (2)")).toBe(true);
    expect(uniqueSheetName("M2/M3: mid", [])).toBe("M2-M3- mid");
    expect(uniqueSheetName("History", [])).toBe("History (2)");
    expect(uniqueTableName("T", ["t", "T_2"])).toBe("T_3");
  });

  test("the active sheet's content is never touched", async () => {
    const book = new SimWorkbook();
    book.setCellInput("Sheet1", 0, 0, "keep me");
    book.setCellInput("Sheet1", 1, 1, "=A1");
    book.select("Sheet1", "B2");
    const before = snapshot(book).Sheet1;
    const host = createSimHost(book);
    await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    await insertTemplate(host, rollRateSpec());
    expect(snapshot(book).Sheet1).toEqual(before);
    expect(book.log.some((w) => w.target.startsWith("Sheet1!"))).toBe(false);
  });

  test("existing Benchmarks values survive inserting any template, including Benchmarks itself", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, benchmarksSpec());
    const bench = book.requireSheet("Benchmarks");
    book.setCellInput(bench.id, 4, 3, 0.9); // recovery_achievement meets: 0.85 → 0.9
    book.setCellInput(bench.id, 0, 0, "Our thresholds");
    const before = snapshot(book).Benchmarks;

    const m1 = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(m1.benchmarksSheet).toBeUndefined();
    await insertTemplate(host, rollRateSpec());
    const again = await insertTemplate(host, benchmarksSpec());
    expect(again).toMatchObject({ sheet: "Benchmarks", opened: true, keptNames: [BENCHMARKS_NAME], syncs: 2 });

    expect(snapshot(book).Benchmarks).toEqual(before);
    expect(book.sheets.filter((s) => s.name.startsWith("Benchmarks"))).toHaveLength(1);
    expect(book.tables).toHaveLength(1);
    expect(book.activeSheet.name).toBe("Benchmarks");
  });

  test("the Benchmarks sheet renamed by the user is still found (by its name, not its sheet name)", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, benchmarksSpec());
    book.renameSheet("Benchmarks", "Our thresholds"); // as Excel does, CollectBenchmarks follows the rename
    const result = await insertTemplate(host, benchmarksSpec());
    expect(result).toMatchObject({ sheet: "Our thresholds", opened: true });
    const m1 = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(m1.benchmarksSheet).toBeUndefined();
  });

  test("a workbook from before (CollectBenchmarks a plain range) gets the =IF(body=\"\",\"\",body) form on the next insertion, same cells, in place", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    // As an older CollectKPI wrote it: the name over the body itself, an edited threshold in it.
    const bench = book.requireSheet("Benchmarks");
    const wrapped = book.name(BENCHMARKS_NAME)!;
    const plain = book.setNameFormula(wrapped, "=Benchmarks!$A$5:$H$27");
    expect(book.nameRange(plain)?.rect).toEqual(parseAddress("A5:H27"));
    book.setCellInput(bench.id, 4, 3, 0.8);
    const before = bench.input(4, 3);

    const result = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(result).toMatchObject({ sheet: "M1 (2)", upgradedBenchmarksName: true, syncs: 2 });
    expect(result.benchmarksSheet).toBeUndefined();
    expect(book.name(BENCHMARKS_NAME)!.formula).toBe('=IF(Benchmarks!$A$5:$H$27="","",Benchmarks!$A$5:$H$27)');
    expect(book.names.filter((n) => n.name === BENCHMARKS_NAME)).toHaveLength(1);
    expect(bench.input(4, 3)).toBe(before); // the user's threshold, untouched
    // Redefined in place, never deleted and added again.
    const nameWrites = book.log.filter((w) => w.target === "names").map((w) => w.member);
    expect(nameWrites).toContain("formula");
    expect(nameWrites).not.toContain("delete");
    // A second insertion finds the new form and changes nothing more.
    const again = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(again.upgradedBenchmarksName).toBeUndefined();
  });

  test("a CollectBenchmarks broken by deleting its sheet (#REF!) is repaired by the next insertion", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    book.removeSheet("Benchmarks");
    expect(book.nameType(book.name(BENCHMARKS_NAME)!)).toBe("Error");

    const result = await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    expect(result).toMatchObject({ sheet: "M1 (2)", benchmarksSheet: "Benchmarks", syncs: 2 });
    expect(book.nameRange(book.name(BENCHMARKS_NAME)!)?.sheet).toBe(book.requireSheet("Benchmarks"));
    expect(book.names.filter((n) => n.name === BENCHMARKS_NAME)).toHaveLength(1);
  });

  test("a name the spec defines that already exists is kept, not redefined", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, rollRateSpec());
    const original = book.name("CollectBalances");
    const second = await insertTemplate(host, rollRateSpec());
    expect(second).toMatchObject({ sheet: "Roll rates (2)", keptNames: ["CollectBalances"] });
    expect(book.name("CollectBalances")).toBe(original);
  });

  test("a table name that is taken gets a suffix", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, benchmarksSpec());
    // The user deletes the name but keeps the table: a new Benchmarks sheet must not clash with it.
    book.deleteName(BENCHMARKS_NAME);
    const result = await insertTemplate(host, benchmarksSpec());
    expect(result.sheet).toBe("Benchmarks (2)");
    expect(book.tables.map((t) => t.name)).toEqual(["CollectBenchmarksTable", "CollectBenchmarksTable_2"]);
  });

  test("a CollectBenchmarks that is not a range (a constant of the user's) is reported, nothing written", async () => {
    const book = new SimWorkbook();
    book.addConstantName(BENCHMARKS_NAME, 0.85);
    const host = createSimHost(book);
    await expect(insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() })).rejects.toMatchObject({
      problem: { code: "benchmarksNameTaken" },
    });
    await expect(insertTemplate(host, benchmarksSpec())).rejects.toMatchObject({ problem: { code: "benchmarksNameTaken" } });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
    expect(book.stats.rangeWrites).toBe(0);
    // A template that does not use benchmarks is unaffected.
    await expect(insertTemplate(host, rollRateSpec())).resolves.toMatchObject({ sheet: "Roll rates" });
  });
});

describe("spec checks before any Excel call", () => {
  test("a ragged grid, mismatched formats or a bad address are refused with nothing written", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    const ragged: SheetSpec = { ...rollRateSpec(), cells: [["a", "b"], ["c"]] };
    await expect(insertTemplate(host, ragged)).rejects.toBeInstanceOf(WriterError);
    const formats: SheetSpec = { ...rollRateSpec(), numberFormats: [["General"]] };
    await expect(insertTemplate(host, formats)).rejects.toThrow(/numberFormats/);
    const address: SheetSpec = { ...rollRateSpec(), styles: [{ range: "A1:??", role: "title" }] };
    expect(() => checkSpec(address)).toThrow(/not an A1 address/);
    expect(book.stats.syncs).toBe(0);
    expect(book.sheets).toHaveLength(1);
  });

  test("a stage template without a Benchmarks spec in a workbook without benchmarks is refused", async () => {
    const book = new SimWorkbook();
    await expect(insertTemplate(createSimHost(book), m1Spec())).rejects.toThrow(/needs the Benchmarks template/);
    expect(book.sheets).toHaveLength(1);
  });

  test("needsBenchmarks finds CollectBenchmarks in formulas only, as a whole word", () => {
    expect(needsBenchmarks(m1Spec())).toBe(true);
    expect(needsBenchmarks(benchmarksSpec())).toBe(false);
    expect(needsBenchmarks(rollRateSpec())).toBe(false);
    const text: SheetSpec = { ...rollRateSpec(), cells: [["CollectBenchmarks is a name", "=CollectBenchmarksX", null]] , numberFormats: [["General", "General", "General"]] };
    expect(needsBenchmarks(text)).toBe(false);
  });
});

describe("unsupported API sets", () => {
  test.each([
    ["1.7", "1.8", "dataValidation"],
    ["1.5", "1.6", "conditionalFormats"],
    ["1.3", "1.4", "names"],
  ])("ExcelApi %s: insertion refused naming %s (%s), before any sync", async (api, version, feature) => {
    const book = new SimWorkbook();
    const host = createSimHost(book, { excelApi: api });
    await expect(insertTemplate(host, rollRateSpec())).rejects.toMatchObject({ problem: { code: "unsupported", version, feature } });
    expect(book.stats.syncs).toBe(0);
  });

  test("skeleton insertion needs 1.7 (active cell)", async () => {
    const book = new SimWorkbook();
    await expect(insertFunctionCall(createSimHost(book, { excelApi: "1.6" }), "RECOVERYRATE", [])).rejects.toMatchObject({
      problem: { code: "unsupported", version: "1.7", feature: "activeCell" },
    });
  });
});

describe("benchmarks: check and reset", () => {
  async function withBenchmarks(): Promise<{ book: SimWorkbook; host: ReturnType<typeof createSimHost> }> {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    await insertTemplate(host, m1Spec(), { benchmarks: benchmarksSpec() });
    return { book, host };
  }

  test("check lists bad rows and writes nothing", async () => {
    const { book, host } = await withBenchmarks();
    const bench = book.requireSheet("Benchmarks");
    // Validation refuses text where a threshold goes (as Excel's error alert would)…
    expect(book.setCellInput(bench.id, 4, 3, "lots")).toBe("A threshold is a number of 0 or more.");
    // …but the rows can still be inconsistent: Excellent below Meets, an unknown direction.
    expect(book.setCellInput(bench.id, 4, 4, 0.5)).toBeNull(); // recovery_achievement excellent < meets
    book.setCellInput(bench.id, 9, 2, "sideways"); // complaint_rate direction
    const before = snapshot(book);
    const writes = book.stats.rangeWrites;

    const check = await readBenchmarkProblems(host);
    expect(check.syncs).toBe(2);
    expect(check.address).toBe(`Benchmarks!A5:H${BODY_LAST}`);
    expect(check.problems.map((p) => p.metric)).toEqual(["recovery_achievement", "complaint_rate"]);
    expect(check.problems[0].message).toMatch(/Excellent is lower than Meets/);
    expect(book.stats.rangeWrites).toBe(writes);
    expect(snapshot(book)).toEqual(before);
  });

  test("reset never writes a kept row back: the user's text '0.9 stays text (office-js#6687)", async () => {
    // Office.js returns text typed as '0.9 without its apostrophe, from `values` and from
    // `formulas`. The reset used to write the whole body back from `formulas`, turning the text
    // of a row it kept into the number 0.9. It now writes only the rows it resets.
    const { book, host } = await withBenchmarks();
    const bench = book.requireSheet("Benchmarks");
    const last = BODY_LAST - 1;
    book.setCellInput(bench.id, last, 0, "my_metric");
    book.setCellInput(bench.id, last, 7, "'0.9"); // Source: text that looks like a number
    expect(bench.input(last, 7)).toBe("0.9");
    book.setCellInput(bench.id, 5, 4, "'1.5"); // a default row's Excellent as text: reset to the default
    await resetBenchmarks(host, benchmarksSpec(), { confirmed: true });
    expect(bench.input(last, 7)).toBe("0.9"); // still the text "0.9", not the number
    expect(typeof bench.input(last, 7)).toBe("string");
    expect(bench.input(5, 4)).toBe(0.65); // cumulative_recovery's Excellent from metrics.md section 4
  });

  test("check without benchmarks says so", async () => {
    const book = new SimWorkbook();
    await expect(readBenchmarkProblems(createSimHost(book))).rejects.toMatchObject({ problem: { code: "noBenchmarks" } });
  });

  test("reset rewrites only the benchmark rows of the table body, in one write per run of rows and 3 syncs", async () => {
    const { book, host } = await withBenchmarks();
    const bench = book.requireSheet("Benchmarks");
    book.setCellInput(bench.id, 4, 3, 0.5); // edited threshold: reset
    book.setCellInput(bench.id, 0, 0, "Our thresholds"); // title, outside the body: kept
    book.setCellInput(bench.id, 1, 9, "a note beside the table"); // outside: kept
    // The user turned the last row into a metric of their own: kept.
    const last = BODY_LAST - 1;
    book.setCellInput(bench.id, last, 0, "my_metric");
    book.setCellInput(bench.id, last, 3, 0.7);
    const writes = book.log.length;

    const result = await resetBenchmarks(host, benchmarksSpec(), { confirmed: true });
    expect(result).toMatchObject({ address: `Benchmarks!A5:H${BODY_LAST}`, rowsReset: CATALOGUE.length - 1, rowsKept: 1, missing: [CATALOGUE[CATALOGUE.length - 1].id], syncs: 3 });
    expect(bench.input(4, 3)).toBe(0.85);
    expect(bench.input(0, 0)).toBe("Our thresholds");
    expect(bench.input(1, 9)).toBe("a note beside the table");
    expect(bench.input(last, 0)).toBe("my_metric");
    expect(bench.input(last, 3)).toBe(0.7);
    const resetWrites = book.log.slice(writes);
    // Rows 5 to the one before last are reset in one write; the last, the user's own metric, is not written at all.
    expect(resetWrites.map((w) => [w.target, w.member])).toEqual([[`Benchmarks!A5:H${BODY_LAST - 1}`, "formulas"]]);
    // Number formats of the body are untouched.
    expect(bench.getCell(4, 3)?.numberFormat).toBe("0.0%");
  });

  test("reset refuses a body with other columns", async () => {
    const { host } = await withBenchmarks();
    const narrow: SheetSpec = { ...benchmarksSpec(), names: [{ name: BENCHMARKS_NAME, range: "A5:G27" }] };
    await expect(resetBenchmarks(host, narrow, { confirmed: true })).rejects.toMatchObject({
      problem: { code: "benchmarksShape", columns: 8, expected: 7 },
    });
  });
});

describe("insertFunctionCall: a formula with the user's arguments, never placeholders (issue 16)", () => {
  const args = (...texts: string[]) => texts.map((t) => parseArgument(t) as Exclude<ReturnType<typeof parseArgument>, "" | undefined>);

  test("parseArgument: references, numbers and quoted texts; nothing Excel would show as #NAME? or #CALC!", () => {
    expect(parseArgument("  ")).toBe("");
    expect(parseArgument("b2:b40")).toMatchObject({ kind: "reference", text: "B2:B40", rect: { row: 1, column: 1, rowCount: 39, columnCount: 1 } });
    expect(parseArgument("$C$5")).toMatchObject({ kind: "reference", text: "$C$5" });
    expect(parseArgument("'M1 (2)'!B5:B12")).toMatchObject({ kind: "reference", sheet: "M1 (2)", text: "B5:B12" });
    expect(parseArgument("Sheet1!A1")).toMatchObject({ kind: "reference", sheet: "Sheet1", text: "A1" });
    expect(parseArgument("0.9")).toEqual({ kind: "number", text: "0.9" });
    expect(parseArgument("85%")).toEqual({ kind: "number", text: "85%" });
    expect(parseArgument('"complaint_rate"')).toEqual({ kind: "text", text: '"complaint_rate"' });
    for (const bad of ["recovered", "target", "B:B", "3:5", "B2:B40,C2:C40", "=B2", "SUM(B2:B4)", '"open', "CollectBenchmarks", "XFE1"]) {
      expect([bad, parseArgument(bad)]).toEqual([bad, undefined]);
    }
  });

  test("writes the call into an empty active cell (2 syncs); a reference to its own sheet loses the sheet name", async () => {
    const book = new SimWorkbook();
    book.select("Sheet1", "D2");
    const result = await insertFunctionCall(createSimHost(book), "RECOVERYRATE", args("Sheet1!B2:B9", "c2:c9"));
    expect(result).toEqual({ written: true, address: "D2", formula: "=COLLECT.RECOVERYRATE(B2:B9,C2:C9)", syncs: 2 });
    expect(book.requireSheet("Sheet1").input(1, 3)).toBe("=COLLECT.RECOVERYRATE(B2:B9,C2:C9)");
  });

  test("another sheet keeps its (quoted) name; a sheet that does not exist is refused", async () => {
    const book = new SimWorkbook(["Sheet1", "M1 (2)"]);
    book.select("Sheet1", "A1");
    const result = await insertFunctionCall(createSimHost(book), "GRADE", args('"complaint_rate"', "'m1 (2)'!R13"));
    expect(result).toMatchObject({ written: true, formula: "=COLLECT.GRADE(\"complaint_rate\",'M1 (2)'!R13)" });
    book.select("Sheet1", "A2");
    const writes = book.stats.rangeWrites;
    expect(await insertFunctionCall(createSimHost(book), "PTPRATE", args("Nowhere!B2", "C2"))).toEqual({
      written: false, address: "A2", reason: "noSheet", argument: 0, sheet: "Nowhere", syncs: 1,
    });
    expect(book.stats.rangeWrites).toBe(writes);
  });

  test("refuses a non-empty cell, and a cell inside an argument's range (a circular reference), writing nothing", async () => {
    const book = new SimWorkbook();
    book.setCellInput("Sheet1", 3, 1, 42);
    book.select("Sheet1", "B4");
    const writes = book.stats.rangeWrites;
    expect(await insertFunctionCall(createSimHost(book), "PTPRATE", args("C2", "D2"))).toEqual({ written: false, address: "B4", reason: "notEmpty", syncs: 1 });
    book.select("Sheet1", "C5");
    expect(await insertFunctionCall(createSimHost(book), "PTPRATE", args("B2:B9", "C2:C9"))).toEqual({
      written: false, address: "C5", reason: "circular", argument: 1, syncs: 1,
    });
    expect(book.requireSheet("Sheet1").input(3, 1)).toBe(42);
    expect(book.requireSheet("Sheet1").input(4, 2)).toBe("");
    expect(book.stats.rangeWrites).toBe(writes);
  });

  test("readSelection: the simulator's selection is its active cell, sheet-qualified", async () => {
    const book = new SimWorkbook(["Sheet1", "M1 (2)"]);
    book.select("M1 (2)", "C7");
    expect(await readSelection(createSimHost(book))).toBe("'M1 (2)'!C7");
  });
});


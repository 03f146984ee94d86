/**
 * Make portable as the task pane runs it (issue 6): the Share tab's two steps through
 * PaneController, against the simulated workbook recalculated by the preview's HyperFormula
 * engine, with the real templates. A review writes nothing; a confirmed run rewrites only the
 * COLLECT cells, every value stays what it was, and the converted sheets still grade against
 * the workbook's own Benchmarks table.
 */
import { SimSheet, SimValue, SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { EXCEL_HOSTS } from "../../../src/hosts/profiles";
import { PaneController } from "../../../src/taskpane/controller";
import type { Host } from "../../../src/taskpane/host";
import { BENCHMARKS_NAME, TEMPLATES } from "../../../src/templates";

const COLLECT = /COLLECT\./i;

function pane(options: { excelApi?: string; language?: "en" | "zh" } = {}) {
  const book = new SimWorkbook();
  attachEngine(book);
  const host = createSimHost(book, { excelApi: options.excelApi });
  return { book, controller: new PaneController(host, TEMPLATES, options.language ?? "en") };
}

/** The COLLECT formulas of a sheet, by "row,column", read from its inputs (not from the converter). */
function collectCells(sheet: SimSheet): string[] {
  const out: string[] = [];
  for (const { row, column, cell } of sheet.cells()) if (cell.formula !== undefined && COLLECT.test(cell.formula)) out.push(`${row},${column}`);
  return out.sort();
}

/** Every value of the sheet's used range (spilled values included), by "row,column". */
function values(sheet: SimSheet): Map<string, SimValue> {
  const out = new Map<string, SimValue>();
  const used = sheet.usedRange(true);
  if (used === null) return out;
  for (let r = used.row; r < used.row + used.rowCount; r++) {
    for (let c = used.column; c < used.column + used.columnCount; c++) {
      const v = sheet.valueAt(r, c);
      if (v !== "") out.set(`${r},${c}`, v);
    }
  }
  return out;
}

function expectSameValues(after: Map<string, SimValue>, before: Map<string, SimValue>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [k, v] of before) {
    const w = after.get(k);
    if (typeof v === "number" && typeof w === "number") expect(Math.abs(w - v)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
    else expect([k, w]).toEqual([k, v]);
  }
}

/** Everything the API wrote so far, for "nothing was written" checks. */
const writes = (book: SimWorkbook) => ({ rangeWrites: book.stats.rangeWrites, log: book.log.length });

describe("Share tab: make portable, native formulas", () => {
  test("review asks with the count of COLLECT formulas and writes nothing; confirm rewrites them with the same values", async () => {
    const { book, controller } = pane();
    await controller.insertTemplate("m1", true);
    const m1 = book.activeSheet;
    const bench = book.requireSheet("Benchmarks");
    const formulas = collectCells(m1);
    expect(formulas.length).toBeGreaterThan(5);
    const before = values(m1);
    const benchBefore = JSON.stringify([...bench.cells()]);
    const collectBenchmarks = JSON.stringify(book.name(BENCHMARKS_NAME));

    const written = writes(book);
    const review = await controller.reviewPortable({ scope: "active", mode: "native" });
    expect(review.status).toBeUndefined();
    expect(review.question?.text).toBe(
      `Rewrite ${formulas.length} COLLECT formulas on '${m1.name}' into native Excel formulas? They give the same results without the add-in and still grade against this workbook's Benchmarks table. Every other cell stays as it is.`
    );
    expect(review.question?.details).toEqual([]);
    expect(review.question?.confirmLabel).toBe("Rewrite formulas");
    expect(controller.portableState).toBe("confirming");
    expect(writes(book)).toEqual(written);

    const done = await controller.confirmPortable();
    const added = book.names.filter((n) => n.name.startsWith("CollectKPI."));
    expect(added.length).toBeGreaterThan(0);
    expect(done).toEqual({
      tone: "success",
      text: `Rewrote ${formulas.length} formulas on '${m1.name}' into native Excel formulas. Added ${added.length} hidden names that read the Benchmarks table.`,
    });
    expect(controller.portableState).toBe("idle");
    expect(collectCells(m1)).toEqual([]);
    // The rewritten cells are exactly the ones that held COLLECT formulas.
    for (const k of formulas) {
      const [r, c] = k.split(",").map(Number);
      expect(m1.getCell(r, c)?.formula).toMatch(/^=/);
    }
    expectSameValues(values(m1), before);
    // The helper names hold formulas and are hidden; the Benchmarks table and its name are untouched.
    for (const n of added) {
      expect(n.formula).toMatch(/^=/);
      expect(n.visible).toBe(false);
    }
    expect(JSON.stringify([...bench.cells()])).toBe(benchBefore);
    expect(JSON.stringify(book.name(BENCHMARKS_NAME))).toBe(collectBenchmarks);

    // A second look finds nothing left to do.
    expect(await controller.reviewPortable({ scope: "active", mode: "native" })).toEqual({
      status: { tone: "info", text: `There are no COLLECT formulas on '${m1.name}'. Nothing to change.` },
    });
  });

  test("converted sheets still grade against the workbook's own thresholds: an edited benchmark moves both alike", async () => {
    const converted = pane();
    const original = pane();
    for (const p of [converted, original]) await p.controller.insertTemplate("scorecard", true);
    await converted.controller.reviewPortable({ scope: "all", mode: "native" });
    await converted.controller.confirmPortable();
    expect(collectCells(converted.book.activeSheet)).toEqual([]);

    // Raise Meets and Excellent of every higher-is-better percentage metric, in both workbooks:
    // grades and scores must move the same way in the rewritten sheet as under the add-in.
    for (const { book } of [converted, original]) {
      const bench = book.requireSheet("Benchmarks");
      const used = bench.usedRange(true);
      if (used === null) throw new Error("no Benchmarks");
      for (let r = 4; r < used.rowCount; r++) {
        if (bench.valueAt(r, 2) !== "higher" || typeof bench.valueAt(r, 3) !== "number" || Number(bench.valueAt(r, 4)) > 1) continue;
        book.setCellInput(bench.id, r, 3, 0.97);
        book.setCellInput(bench.id, r, 4, 0.99);
      }
    }
    const a = values(converted.book.activeSheet);
    const b = values(original.book.activeSheet);
    expectSameValues(a, b);
    // The edit mattered: some grade or score differs from before the edit.
    const fresh = pane();
    await fresh.controller.insertTemplate("scorecard", true);
    expect(JSON.stringify([...values(fresh.book.activeSheet)])).not.toBe(JSON.stringify([...b]));
  });

  test("every sheet: lists each sheet that changes, and the roll-rate spill becomes one formula per cell", async () => {
    const { book, controller } = pane();
    await controller.insertTemplate("m1", true);
    await controller.insertTemplate("rollrate", true);
    const m1 = book.requireSheet("M1");
    const roll = book.activeSheet;
    const before = [values(m1), values(roll)];
    const n = collectCells(m1).length + collectCells(roll).length;
    const review = await controller.reviewPortable({ scope: "all", mode: "native" });
    expect(review.question?.text).toBe(
      `Rewrite ${n} COLLECT formulas on '${m1.name}' and '${roll.name}' into native Excel formulas? They give the same results without the add-in and still grade against this workbook's Benchmarks table. Every other cell stays as it is.`
    );
    const done = await controller.confirmPortable();
    expect(done.tone).toBe("success");
    expect(done.text).toMatch(new RegExp(`^Rewrote ${n} formulas on '${m1.name}' and '${roll.name}' into native Excel formulas\\.`));
    expectSameValues(values(m1), before[0]);
    expectSameValues(values(roll), before[1]);
    // The spill area now holds formulas of its own (the template spilled ROLLRATES from B15, 6 × 6).
    expect(roll.getCell(14, 1)?.formula).toMatch(/^=/);
    expect(roll.getCell(19, 6)?.formula).toMatch(/^=/);
    expect(collectCells(roll)).toEqual([]);
  });
});

describe("Share tab: freeze to values", () => {
  test("replaces every COLLECT cell, spilled cells included, with its current value", async () => {
    const { book, controller } = pane();
    await controller.insertTemplate("rollrate", true);
    const roll = book.activeSheet;
    const before = values(roll);
    const anchors = collectCells(roll).length;
    const review = await controller.reviewPortable({ scope: "active", mode: "freeze" });
    expect(review.question?.text).toBe(
      `Replace ${anchors} COLLECT formulas on '${roll.name}', and the cells they spill into, with the current values? They will no longer recalculate. Every other cell stays as it is.`
    );
    expect(review.question?.confirmLabel).toBe("Replace with values");
    expect(await controller.confirmPortable()).toEqual({ tone: "success", text: `Replaced ${anchors} formulas on '${roll.name}' with their values.` });
    expect(collectCells(roll)).toEqual([]);
    expectSameValues(values(roll), before);
    // A frozen spill cell is a constant now, not a formula.
    expect(roll.getCell(15, 2)?.formula).toBeUndefined();
    expect(typeof roll.getCell(15, 2)?.value).toBe("number");
  });
});

describe("Share tab: the confirm step", () => {
  test("cancel after a review writes nothing, and a confirm without a review does nothing", async () => {
    const { book, controller } = pane();
    await controller.insertTemplate("m1", true);
    const m1 = book.activeSheet;
    const formulas = collectCells(m1);
    const written = writes(book);

    expect(await controller.confirmPortable()).toEqual({ tone: "info", text: "Cancelled. Nothing was changed." });
    await controller.reviewPortable({ scope: "all", mode: "freeze" });
    expect(controller.cancelPortable()).toEqual({ tone: "info", text: "Cancelled. Nothing was changed." });
    expect(controller.portableState).toBe("idle");
    expect(await controller.confirmPortable()).toEqual({ tone: "info", text: "Cancelled. Nothing was changed." });
    expect(writes(book)).toEqual(written);
    expect(collectCells(m1)).toEqual(formulas);
  });

  test("what is confirmed is what was reviewed: the mode of the review is the mode run", async () => {
    const { book, controller } = pane();
    await controller.insertTemplate("m1", true);
    await controller.reviewPortable({ scope: "active", mode: "freeze" });
    const done = await controller.confirmPortable();
    expect(done.text).toMatch(/^Replaced \d+ formulas on 'M1' with their values\.$/);
    expect(book.names.filter((n) => n.name.startsWith("CollectKPI."))).toEqual([]);
  });

  test("an empty sheet: nothing to change, no question", async () => {
    const { book, controller } = pane();
    expect(await controller.reviewPortable({ scope: "active", mode: "native" })).toEqual({
      status: { tone: "info", text: "There are no COLLECT formulas on 'Sheet1'. Nothing to change." },
    });
    expect(await controller.reviewPortable({ scope: "all", mode: "freeze" })).toEqual({
      status: { tone: "info", text: "There are no COLLECT formulas in this workbook. Nothing to change." },
    });
    expect(controller.portableState).toBe("idle");
    expect(book.stats.rangeWrites).toBe(0);
  });

  test("cells that cannot be rewritten are listed by address with the reason, and never asked about alone", async () => {
    const { book, controller } = pane();
    const sheet = book.activeSheet;
    // CONTACTBREACHES has no native equivalent (src/portable/README.md): only Freeze handles it.
    book.setCellInput(sheet.id, 0, 0, "debtor");
    book.setCellInput(sheet.id, 1, 0, "D1");
    book.setCellInput(sheet.id, 1, 1, 46000);
    book.setCellInput(sheet.id, 1, 2, 46000.4);
    book.setCellInput(sheet.id, 3, 4, "=COLLECT.CONTACTBREACHES(A2:A2,B2:B2,C2:C2,3)");
    const review = await controller.reviewPortable({ scope: "active", mode: "native" });
    expect(review.question).toBeUndefined();
    expect(review.status?.tone).toBe("warning");
    expect(review.status?.text).toBe("No COLLECT cell can be rewritten, so nothing will change. These cells stay as they are:");
    expect(review.status?.details).toHaveLength(1);
    expect(review.status?.details?.[0]).toMatch(/^Sheet1!E4: \S/);

    // With a formula that converts beside it, the question lists the one that does not.
    book.setCellInput(sheet.id, 5, 4, "=COLLECT.RECOVERYRATE(B2,C2)");
    const mixed = await controller.reviewPortable({ scope: "active", mode: "native" });
    expect(mixed.question?.text).toMatch(/^Rewrite 1 COLLECT formula on 'Sheet1' into native Excel formulas\?/);
    expect(mixed.question?.details[0]).toBe("1 cell cannot be rewritten and stays as it is:");
    expect(mixed.question?.details[1]).toMatch(/^Sheet1!E4: /);
    const done = await controller.confirmPortable();
    expect(done.tone).toBe("warning");
    expect(done.text).toBe("Rewrote 1 formula on 'Sheet1' into native Excel formulas.");
    expect(done.details?.[0]).toBe("1 cell was left as it is:");
    expect(sheet.getCell(3, 4)?.formula).toBe("=COLLECT.CONTACTBREACHES(A2:A2,B2:B2,C2:C2,3)");
    // recovered / target = 46000 / 46000.4
    expect(sheet.valueAt(5, 4)).toBeCloseTo(46000 / 46000.4, 12);
  });

  test("in Chinese, the reason a cell is left as it is is Chinese too", async () => {
    const { book, controller } = pane({ language: "zh" });
    const sheet = book.activeSheet;
    book.setCellInput(sheet.id, 3, 4, "=COLLECT.CONTACTBREACHES(A2:A2,B2:B2,C2:C2,3)");
    book.setCellInput(sheet.id, 4, 4, "=COLLECT.GRADE(A1&\"x\",0.5)");
    const review = await controller.reviewPortable({ scope: "active", mode: "native" });
    expect(review.status?.text).toBe("没有可以改写的 COLLECT 单元格，不会做任何更改。以下单元格保持不变：");
    expect(review.status?.details).toEqual([
      "Sheet1!E4: CONTACTBREACHES 按债务人和自然日分组并按时间排序，电子表格没有能在一个单元格内完成此计算的函数。请对此单元格使用“数值”方式",
      "Sheet1!E5: 指标 ID 是计算出来的；原生公式需要带引号的 ID 或存放 ID 的单元格",
    ]);
  });

  test("an Excel without ExcelApi 1.7 is told which feature is missing, before any request", async () => {
    const { book, controller } = pane({ excelApi: "1.6" });
    const review = await controller.reviewPortable({ scope: "active", mode: "native" });
    expect(review.status).toEqual({
      tone: "error",
      text: "This version of Excel does not support reading the formulas of workbook names (ExcelApi 1.7), which this action needs. Nothing was changed. Update Excel, or use Excel on the web.",
    });
    expect(book.stats.syncs).toBe(0);
  });

  test("in Chinese: the question, the sheets and the summary", async () => {
    const { book, controller } = pane({ language: "zh" });
    await controller.insertTemplate("m1", true);
    const m1 = book.activeSheet;
    const n = collectCells(m1).length;
    const review = await controller.reviewPortable({ scope: "active", mode: "freeze" });
    expect(review.question?.text).toMatch(new RegExp(`^将工作表“${m1.name}”中的 ${n} 个 COLLECT 公式（及其溢出区域）替换为当前数值吗？`));
    expect(review.question?.confirmLabel).toBe("替换为数值");
    const done = await controller.confirmPortable();
    expect(done.text).toBe(`已将工作表“${m1.name}”中的 ${n} 个公式替换为数值。`);
    expect(n).toBeGreaterThan(0);
    expect(collectCells(m1)).toEqual([]);
  });
});

describe("Share tab: a large data sheet in the workbook", () => {
  /** M1 and a call log of `rows` rows × 2 columns of constants, no formula engine (HyperFormula would take long over a large sheet; a native rewrite needs formulas, not values). */
  async function withCallLog(rows: number, host: (book: SimWorkbook) => Host) {
    const book = new SimWorkbook();
    const controller = new PaneController(host(book), TEMPLATES, "en");
    await controller.insertTemplate("m1", true);
    const m1 = book.activeSheet;
    const log = book.addSheet("Call log");
    log.writeInputs(
      { row: 0, column: 0, rowCount: rows, columnCount: 2 },
      Array.from({ length: rows }, (_, r) => [`D${r % 9000}`, 46000 + r / 1000])
    );
    return { book, controller, m1, log };
  }

  test("a call log of 130,000 rows beside the M1 sheet: only formula cells are read, so it costs no read at all; the log untouched", async () => {
    const rows = 130_000;
    const { book, controller, m1, log } = await withCallLog(rows, (b) => createSimHost(b));
    // Excel on the web, with a limit far below the log's 3 MB of constants: reading the log even
    // once in blocks of 300 KB would take ten syncs; reading it whole would fail.
    book.host = { ...EXCEL_HOSTS.web, payloadLimitBytes: 300_000 };
    const n = collectCells(m1).length;
    const review = await controller.reviewPortable({ scope: "all", mode: "native" });
    expect(review.question?.text).toBe(
      `Rewrite ${n} COLLECT formulas on '${m1.name}' into native Excel formulas? They give the same results without the add-in and still grade against this workbook's Benchmarks table. Every other cell stays as it is.`
    );
    const syncs = book.stats.syncs;
    const logged = book.log.length;
    expect((await controller.confirmPortable()).tone).toBe("success");
    // List the sheets; their used ranges; M1 and Benchmarks whole, the log's formula areas (none:
    // getSpecialCellsOrNullObject gives a null object); write. Before: 6 to 15 syncs, reading all 260,000 cells.
    expect(book.stats.syncs - syncs).toBe(4);
    expect(collectCells(m1)).toEqual([]);
    expect(log.input(0, 0)).toBe("D0");
    expect(log.input(rows - 1, 1)).toBe(46000 + (rows - 1) / 1000);
    // Only the M1 sheet was written.
    const writes = book.log.slice(logged).filter((w) => w.member === "formulas");
    expect(writes.length).toBeGreaterThan(0);
    // "M1" looks like a cell address, so Excel quotes the sheet name: 'M1'!L5:W15.
    expect(writes.map((w) => w.target).filter((t) => !t.startsWith(`'${m1.name}'!`))).toEqual([]);
  }, 60_000);

  test("without ExcelApi 1.9 (a host reporting 1.12 but not 1.9), the used ranges are read whole, in blocks within the budget", async () => {
    const rows = 130_000;
    const { book, controller, m1, log } = await withCallLog(rows, (b) => ({
      ...createSimHost(b),
      isSetSupported: (name: string, version: string) => name === "ExcelApi" && version !== "1.9",
    }));
    const syncs = book.stats.syncs;
    expect((await controller.reviewPortable({ scope: "all", mode: "native" })).question).toBeDefined();
    expect((await controller.confirmPortable()).tone).toBe("success");
    // 260,000 cells of the log at most 50,000 per sync (CELLS_PER_SYNC), twice (review, confirm): never one per row.
    const used = book.stats.syncs - syncs;
    expect(used).toBeGreaterThanOrEqual(2 * 6);
    expect(used).toBeLessThan(2 * 15);
    expect(collectCells(m1)).toEqual([]);
    expect(log.input(rows - 1, 0)).toBe(`D${(rows - 1) % 9000}`);
  }, 60_000);
});

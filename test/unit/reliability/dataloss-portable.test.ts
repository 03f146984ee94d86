/**
 * Issue 8, no data loss, for the Share tab's Make portable (issue 6): on a workbook that holds
 * the user's own sheets, cells, formulas and names beside inserted templates, a confirmed run
 * changes only the COLLECT cells of the sheets it was asked to (and, for a spilled function
 * rewritten into native formulas, the empty cells it spilled into), in both modes and both
 * scopes. The Benchmarks table, the CollectBenchmarks name and the user's names are never
 * touched. A review, a cancel, or a confirm without a review writes nothing at all.
 */
import { SimSheet, SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { PaneController } from "../../../src/taskpane/controller";
import { BENCHMARKS_NAME, TEMPLATES } from "../../../src/templates";

const COLLECT = /COLLECT\./i;

interface CellRecord {
  readonly input: string;
  readonly format: string;
}

/** Every stored cell of every sheet: input (formula or constant) and its formats, by "Sheet!r,c". */
function snapshot(book: SimWorkbook): Map<string, CellRecord> {
  const out = new Map<string, CellRecord>();
  for (const sheet of book.sheets) {
    for (const { row, column, cell } of sheet.cells()) {
      out.set(`${sheet.name}!${row},${column}`, {
        input: JSON.stringify(cell.formula ?? cell.value),
        format: JSON.stringify([cell.numberFormat, cell.format]),
      });
    }
  }
  return out;
}

function namesOf(book: SimWorkbook): string[] {
  return book.names.map((n) => JSON.stringify(n));
}

/**
 * A user's workbook: a notes sheet of their own (text, numbers, a formula, a far-away cell),
 * their own names, the M1 and roll-rate templates with sample data, and notes typed beside
 * the template on its own sheet. M1 is the active sheet.
 */
async function usersWorkbook(language: "en" | "zh") {
  const book = new SimWorkbook(["My notes"]);
  attachEngine(book);
  const notes = book.requireSheet("My notes");
  book.setCellInput(notes.id, 0, 0, "Q3 plan: call every M1 account twice");
  book.setCellInput(notes.id, 1, 1, 1234.5);
  book.setCellInput(notes.id, 2, 2, "=B2*2");
  // Text that reads like a formula, and a formula Excel could not parse, both mentioning COLLECT.
  book.setCellInput(notes.id, 3, 3, "'=COLLECT.RECOVERYRATE(K5,J5)");
  book.setCellInput(notes.id, 4, 3, "=COLLECT is only a word here");
  book.setCellInput(notes.id, 40, 20, "far away");
  book.addName("MyTarget", notes, { row: 1, column: 1, rowCount: 1, columnCount: 1 });
  book.addConstantName("MyRate", 0.85);
  const controller = new PaneController(createSimHost(book), TEMPLATES, language);
  expect((await controller.insertTemplate("rollrate", true)).tone).toBe("success");
  expect((await controller.insertTemplate("m1", true)).tone).toBe("success");
  const m1 = book.activeSheet;
  book.setCellInput(m1.id, 39, 0, "my own remark under the team");
  book.setCellInput(m1.id, 40, 1, "=SUM(B5:B12)");
  // How-to text on the template's own sheet: Office.js reads it back without its apostrophe.
  book.setCellInput(m1.id, 41, 0, "'=COLLECT.CONTACTCOVERAGE(C5,B5)");
  return { book, controller, m1 };
}

/** Cells whose input is a COLLECT formula, by snapshot key. */
function collectKeys(book: SimWorkbook, sheets: readonly SimSheet[]): Set<string> {
  const out = new Set<string>();
  for (const sheet of sheets) {
    for (const { row, column, cell } of sheet.cells()) if (cell.formula !== undefined && COLLECT.test(cell.formula)) out.add(`${sheet.name}!${row},${column}`);
  }
  return out;
}

/** Cells that show a value spilled by a dynamic array and hold no input of their own. */
function spilledKeys(sheets: readonly SimSheet[]): Set<string> {
  const out = new Set<string>();
  for (const sheet of sheets) {
    const used = sheet.usedRange(true);
    if (used === null) continue;
    for (let r = used.row; r < used.row + used.rowCount; r++) {
      for (let c = used.column; c < used.column + used.columnCount; c++) {
        const cell = sheet.getCell(r, c);
        if (cell?.formula === undefined && (cell?.value ?? null) === null && sheet.valueAt(r, c) !== "") out.add(`${sheet.name}!${r},${c}`);
      }
    }
  }
  return out;
}

describe.each(["en", "zh"] as const)("make portable keeps everything the user wrote (%s)", (language) => {
  test.each([
    ["active", "native"],
    ["active", "freeze"],
    ["all", "native"],
    ["all", "freeze"],
  ] as const)("scope %s, mode %s: only COLLECT cells of the sheets in scope change", async (scope, mode) => {
    const { book, controller, m1 } = await usersWorkbook(language);
    const inScope = scope === "active" ? [m1] : book.sheets;
    const collect = collectKeys(book, inScope);
    expect(collect.size).toBeGreaterThan(10);
    const spilled = spilledKeys(inScope);
    expect(spilled.size).toBe(scope === "all" ? 6 * 6 - 1 + 6 - 1 : 0); // ROLLRATES 6 × 6 and LOSSFACTORS 1 × 6, less their anchors
    const before = snapshot(book);
    const names = namesOf(book);
    const benchmarks = book.name(BENCHMARKS_NAME);
    expect(benchmarks).toBeDefined();

    const review = await controller.reviewPortable({ scope, mode });
    expect(review.question).toBeDefined();
    expect(snapshot(book)).toEqual(before);
    const done = await controller.confirmPortable();
    expect(done.tone).toBe("success");

    const after = snapshot(book);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
    // Besides the COLLECT cells, only the cells their arrays spilled into (no input of their own) may change.
    expect(changed.filter((k) => !collect.has(k) && !spilled.has(k))).toEqual([]);
    // Formats of every cell that existed are kept, COLLECT cells included.
    for (const [k, record] of before) expect([k, after.get(k)?.format]).toEqual([k, record.format]);
    // Every COLLECT cell in scope was rewritten; none outside it was.
    for (const k of collect) expect([k, COLLECT.test(JSON.parse(after.get(k)?.input ?? "null") ?? "")]).toEqual([k, false]);
    // Text that looks like a COLLECT formula stays text.
    expect(m1.getCell(41, 0)).toMatchObject({ formula: undefined, value: "=COLLECT.CONTACTCOVERAGE(C5,B5)" });
    // Out of scope, the roll-rate sheet keeps its COLLECT formulas.
    if (scope === "active") expect(book.sheets.some((s) => s !== m1 && collectKeys(book, [s]).size > 0)).toBe(true);
    // Names: the user's and CollectBenchmarks exactly as they were; only hidden CollectKPI.* helpers added.
    const added = namesOf(book).filter((n) => !names.includes(n));
    expect(names.every((n) => namesOf(book).includes(n))).toBe(true);
    for (const n of added) expect(JSON.parse(n)).toMatchObject({ visible: false, name: expect.stringMatching(/^CollectKPI\./) });
    if (mode === "freeze") expect(added).toEqual([]);
    expect(book.name(BENCHMARKS_NAME)).toEqual(benchmarks);
  });
});

describe("nothing is written without the confirmed action", () => {
  test("a review, a cancel, and a confirm after the cancel write nothing", async () => {
    const { book, controller } = await usersWorkbook("en");
    const before = snapshot(book);
    const names = namesOf(book);
    const log = book.log.length;
    for (const scope of ["active", "all"] as const) {
      for (const mode of ["native", "freeze"] as const) {
        expect((await controller.reviewPortable({ scope, mode })).question).toBeDefined();
        controller.cancelPortable();
        expect((await controller.confirmPortable()).tone).toBe("info");
      }
    }
    expect(book.log.length).toBe(log);
    expect(snapshot(book)).toEqual(before);
    expect(namesOf(book)).toEqual(names);
  });

  test("a confirm that was never asked for writes nothing", async () => {
    const { book, controller } = await usersWorkbook("zh");
    const log = book.log.length;
    expect(await controller.confirmPortable()).toEqual({ tone: "info", text: "已取消，未做任何更改。" });
    expect(book.log.length).toBe(log);
  });
});

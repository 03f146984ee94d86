/**
 * Issue 8, no data loss: every task-pane action that writes (insert, insert twice, reset
 * benchmarks) on a workbook that already holds the user's work in sheets with the template's
 * own names, in the active sheet and in CollectBenchmarks. Nothing the user wrote changes
 * unless the user confirmed that exact action, and then only what that action names.
 * Make portable (the Share tab) has its own file: dataloss-portable.test.ts.
 */
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { PaneController } from "../../../src/taskpane/controller";
import { BENCHMARKS_NAME, TEMPLATES } from "../../../src/templates";

type Snapshot = Record<string, string>;

/** Every cell (formula or value, number format, fill) of the given sheets, by "Sheet!r,c". */
function snapshot(book: SimWorkbook, sheetIds: readonly string[]): Snapshot {
  const out: Snapshot = {};
  for (const id of sheetIds) {
    const sheet = book.requireSheet(id);
    const used = sheet.usedRect();
    if (used === null) continue;
    for (let r = used.row; r < used.row + used.rowCount; r++) {
      for (let c = used.column; c < used.column + used.columnCount; c++) {
        const cell = sheet.getCell(r, c);
        if (cell === undefined) continue;
        out[`${sheet.name}!${r},${c}`] = JSON.stringify([cell.formula ?? sheet.input(r, c), cell.numberFormat, cell.format.fill ?? null]);
      }
    }
  }
  return out;
}

function names(book: SimWorkbook): string[] {
  return book.names.map((n) => `${n.name}=${n.sheetId}:${JSON.stringify(n.rect)}:${JSON.stringify(n.constant ?? null)}`);
}

/**
 * A workbook as a user left it: their own figures in the active sheet (Sheet1, active cell B2),
 * and sheets already named like the template's sheet and like the Benchmarks sheet, full of
 * their own text, numbers and formulas.
 */
function usersWorkbook(language: "en" | "zh", templateSheet: string): SimWorkbook {
  const benchmarks = language === "zh" ? "基准" : "Benchmarks";
  const book = new SimWorkbook(["Sheet1"]);
  const fill = (sheetName: string): void => {
    const sheet = book.sheet(sheetName) ?? book.addSheet(sheetName);
    book.setCellInput(sheet.id, 0, 0, `${sheetName}: my notes`);
    book.setCellInput(sheet.id, 1, 1, 1234.5);
    book.setCellInput(sheet.id, 2, 2, "=B2*2");
    book.setCellInput(sheet.id, 4, 3, true);
    book.setCellInput(sheet.id, 30, 20, "far away");
  };
  fill("Sheet1");
  for (const name of new Set([templateSheet, benchmarks])) fill(name);
  book.activate(book.requireSheet("Sheet1"));
  book.select("Sheet1", "B2");
  return book;
}

const teamTemplates = TEMPLATES.filter((t) => t.id !== "benchmarks");

describe.each(["en", "zh"] as const)("insert and insert twice keep every user cell (%s)", (language) => {
  test.each(teamTemplates.flatMap((t) => [[t.id, true], [t.id, false]] as [string, boolean][]))("%s, sample data %s", async (id, sample) => {
    const template = TEMPLATES.find((t) => t.id === id)!;
    const sheetName = template.build({ language, sample }).name;
    const book = usersWorkbook(language, sheetName);
    const userSheets = book.sheets.map((s) => s.id);
    const before = snapshot(book, userSheets);
    // Sheet1, the template's name and the Benchmarks name: 3 sheets × 5 cells of the user's.
    expect(Object.keys(before).length).toBe(3 * 5);
    const controller = new PaneController(createSimHost(book), TEMPLATES, language);

    const first = await controller.insertTemplate(id, sample);
    const second = await controller.insertTemplate(id, sample);
    expect([first.tone, second.tone]).toEqual(["success", "success"]);
    // The user's sheets are untouched, cell for cell; the template went to new sheets.
    expect(snapshot(book, userSheets)).toEqual(before);
    expect(book.sheets.length).toBeGreaterThanOrEqual(userSheets.length + 2);
    expect(book.sheet(`${sheetName} (2)`)).toBeDefined();
    // The user's own sheet named like the Benchmarks sheet was not taken for the benchmarks:
    // CollectBenchmarks points into a sheet the add-in created.
    // (Roll rates and the cohort curves grade nothing, so those templates add no Benchmarks sheet at all.)
    const name = book.name(BENCHMARKS_NAME);
    expect(name === undefined).toBe(id === "rollrate" || id === "vintage");
    if (name !== undefined) expect(userSheets).not.toContain(book.nameRange(name)?.sheet.id);
  });
});

describe("a workbook whose CollectBenchmarks the user has edited", () => {
  async function withEditedBenchmarks(language: "en" | "zh") {
    const book = new SimWorkbook(["Sheet1"]);
    const controller = new PaneController(createSimHost(book), TEMPLATES, language);
    await controller.insertTemplate("m1", true);
    // CollectBenchmarks holds =IF(body="","",body); nameRange gives the body it stands for.
    const { sheet: bench, rect } = book.nameRange(book.name(BENCHMARKS_NAME)!)!;
    const name = { rect };
    // Row 0 of the body is recovery_achievement: Meets (column 3) 0.85 → 0.8, a note in Source
    // (column 7); and a row of the user's own below the table's defaults is left alone by reset.
    book.setCellInput(bench.id, name.rect.row, 3, 0.8);
    book.setCellInput(bench.id, name.rect.row, 7, "our board, 2026");
    book.setCellInput(bench.id, name.rect.row + name.rect.rowCount + 3, 0, "my own note under the table");
    return { book, controller, bench, name };
  }

  test.each(["en", "zh"] as const)("inserting more templates keeps the edited thresholds (%s)", async (language) => {
    const { book, controller, bench, name } = await withEditedBenchmarks(language);
    const before = snapshot(book, [bench.id]);
    for (const t of teamTemplates) expect((await controller.insertTemplate(t.id, false)).tone).toBe("success");
    expect(snapshot(book, [bench.id])).toEqual(before);
    expect(book.requireSheet(bench.id).input(name.rect.row, 3)).toBe(0.8);
  });

  test("reset asked for and then cancelled writes nothing", async () => {
    const { book, controller, bench } = await withEditedBenchmarks("en");
    const before = snapshot(book, book.sheets.map((s) => s.id));
    const writes = book.log.length;
    controller.requestReset();
    controller.cancelReset();
    // Confirming after a cancel is refused too: the confirmation was for that request.
    expect((await controller.confirmReset()).tone).toBe("info");
    expect(book.log.length).toBe(writes);
    expect(snapshot(book, book.sheets.map((s) => s.id))).toEqual(before);
    expect(book.requireSheet(bench.id).input(book.nameRange(book.name(BENCHMARKS_NAME)!)!.rect.row, 3)).toBe(0.8);
  });

  test("confirm without a request writes nothing", async () => {
    const { book, controller } = await withEditedBenchmarks("en");
    const writes = book.log.length;
    expect((await controller.confirmReset()).tone).toBe("info");
    expect(book.log.length).toBe(writes);
  });

  test("a confirmed reset restores the default threshold and changes nothing outside the CollectBenchmarks body", async () => {
    const { book, controller, bench, name } = await withEditedBenchmarks("en");
    const everything = book.sheets.map((s) => s.id);
    const before = snapshot(book, everything);
    controller.requestReset();
    expect((await controller.confirmReset()).tone).toBe("success");
    const after = snapshot(book, everything);
    const inBody = (key: string): boolean => {
      const [sheet, rc] = key.split("!");
      const [r, c] = rc.split(",").map(Number);
      return sheet === bench.name && r >= name.rect.row && r < name.rect.row + name.rect.rowCount && c >= name.rect.column && c < name.rect.column + name.rect.columnCount;
    };
    const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
    expect(changed.filter((k) => !inBody(k))).toEqual([]);
    // recovery_achievement's default Meets is 0.85 (metrics.md section 4).
    expect(book.requireSheet(bench.id).input(name.rect.row, 3)).toBe(0.85);
    expect(book.requireSheet(bench.id).input(name.rect.row + name.rect.rowCount + 3, 0)).toBe("my own note under the table");
    expect(names(book).length).toBeGreaterThan(0);
  });
});

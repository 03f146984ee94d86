/**
 * Every real template (src/templates, when present) through the one writer into the
 * simulated workbook: within the sync budget, nothing of the user's overwritten, and every
 * formula that needs benchmarks finds CollectBenchmarks. Skipped until src/templates/index.ts exists.
 */
import { existsSync } from "fs";
import { join } from "path";
import { SimWorkbook, createSimHost, parseAddress } from "../../../src/excel-sim";
import { BENCHMARKS_NAME, TemplateDef } from "../../../src/templates/types";
import { PaneController } from "../../../src/taskpane/controller";
import { checkSpec, insertTemplate, needsBenchmarks, readBenchmarkProblems } from "../../../src/taskpane/writer";

const available = existsSync(join(__dirname, "../../../src/templates/index.ts"));
const templates = (): readonly TemplateDef[] =>
  // Loaded lazily so this file compiles and skips while the templates are being written.
  (require("../../../src/templates") as { TEMPLATES: readonly TemplateDef[] }).TEMPLATES;

(available ? describe : describe.skip)("real templates through the writer", () => {
  test("there is a Benchmarks template that defines CollectBenchmarks", () => {
    const bench = templates().find((t) => t.id === "benchmarks");
    expect(bench).toBeDefined();
    expect(bench!.build({ language: "en", sample: false }).names.map((n) => n.name)).toContain(BENCHMARKS_NAME);
  });

  const cases = (): [string, "en" | "zh", boolean][] =>
    templates().flatMap((t) => (["en", "zh"] as const).flatMap((lang) => [true, false].map((sample): [string, "en" | "zh", boolean] => [t.id, lang, sample])));

  test("each template, language and sample choice: valid spec, ≤ 3 syncs, grid at A1, benchmarks found", async () => {
    for (const [id, language, sample] of cases()) {
      const def = templates().find((t) => t.id === id)!;
      const spec = def.build({ language, sample });
      const shape = checkSpec(spec);
      const book = new SimWorkbook();
      book.setCellInput("Sheet1", 0, 0, "the user's");
      const bench = templates().find((t) => t.id === "benchmarks")!.build({ language, sample: false });
      const result = await insertTemplate(createSimHost(book), spec, { benchmarks: bench });
      expect([id, language, sample, result.syncs <= 3]).toEqual([id, language, sample, true]);
      const sheet = book.requireSheet(result.sheet);
      const used = sheet.usedRect();
      expect(used === null ? null : [used.row, used.column]).toEqual([0, 0]);
      expect(used!.rowCount).toBeLessThanOrEqual(shape.rows);
      expect(used!.columnCount).toBeLessThanOrEqual(shape.columns);
      expect(book.requireSheet("Sheet1").input(0, 0)).toBe("the user's");
      if (needsBenchmarks(spec) || id === "benchmarks") expect(book.name(BENCHMARKS_NAME)).toBeDefined();
      if (spec.table !== undefined) expect(book.tables.some((t) => t.rect.row === parseAddress(spec.table!.range).row)).toBe(true);
    }
  });

  test("the default Benchmarks sheet has no problems, and the pane lists every other template", async () => {
    for (const language of ["en", "zh"] as const) {
      const book = new SimWorkbook();
      const host = createSimHost(book);
      const pane = new PaneController(host, templates(), language);
      expect((await pane.openBenchmarks()).tone).toBe("success");
      expect((await readBenchmarkProblems(host)).problems).toEqual([]);
      expect(pane.cards().map((c) => c.id)).toEqual(templates().filter((t) => t.id !== "benchmarks").map((t) => t.id));
    }
  });

  test("reset after confirm restores an edited threshold of the real Benchmarks sheet, and only the body", async () => {
    const book = new SimWorkbook();
    const host = createSimHost(book);
    const pane = new PaneController(host, templates(), "en");
    await pane.insertTemplate("m1", true);
    const { sheet, rect } = book.nameRange(book.name(BENCHMARKS_NAME)!)!;
    const { row, column } = rect;
    const original = sheet.input(row, column + 3);
    book.setCellInput(sheet.id, row, column + 3, 0.5);
    book.setCellInput(sheet.id, 0, 0, "Our own title");
    pane.requestReset();
    const status = await pane.confirmReset();
    expect(status.tone).toBe("success");
    expect(sheet.input(row, column + 3)).toBe(original);
    expect(sheet.input(0, 0)).toBe("Our own title");
    expect((await readBenchmarkProblems(host)).problems).toEqual([]);
  });
});

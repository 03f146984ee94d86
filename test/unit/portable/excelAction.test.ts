/**
 * makePortable through an Office.js-like context: what it reads, what it writes (only the
 * COLLECT cells, one range write per sheet, in three to five syncs, or in blocks within a
 * budget of cells per sync), the names it adds, and that the workbook it leaves computes what
 * the original computed. The context returns a spilled cell's value from `formulas`, as Excel
 * does, and reports spill areas only through getSpillingToRangeOrNullObject.
 */
import { HyperFormula, RawCellContent } from "hyperformula";
import { columnIndex, columnName } from "../../../src/portable/formula";
import { describeSummary, makePortable } from "../../../src/portable/excelAction";
import { TEMPLATES } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";
import { FakeCell, FakeWorkbook } from "./fakeExcel";
import { engine, outcome, same, show } from "./hf";

const SHEETS = ["benchmarks", "m1", "scorecard", "rollrate"];

/** An Excel with every API set Make portable uses (ExcelApi 1.12). */
const API = { isSetSupported: () => true };

function specs(): SheetSpec[] {
  return TEMPLATES.filter((t) => SHEETS.includes(t.id)).map((t) => t.build({ language: "en", sample: true }));
}

function qualified(sheet: string, range: string): string {
  return `'${sheet}'!${range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
}

/** HyperFormula over sheets of formulas (with the workbook's names). */
function evaluate(sheets: Map<string, Map<string, FakeCell>>, names: { name: string; formula: string }[]): HyperFormula {
  const content: Record<string, RawCellContent[][]> = {};
  for (const [name] of sheets) content[name] = [];
  const hf = engine(content);
  for (const n of names) hf.addNamedExpression(n.name, n.formula);
  hf.batch(() => {
    for (const [name, cells] of sheets) {
      const id = hf.getSheetId(name) as number;
      for (const [address, cell] of cells) {
        const a = hf.simpleCellAddressFromString(address, id);
        if (a === undefined) throw new Error(address);
        const f = cell.formula;
        // The LOSSFACTORS cell is evaluated as …*1: the engine adapter cannot spill it (see spill.test.ts).
        const text = typeof f === "string" && /^=COLLECT\.LOSSFACTORS\(/.test(f) ? `${f}*1` : f;
        hf.setCellContents(a, typeof text === "string" && !text.startsWith("=") && text !== "" ? `'${text}` : (text as RawCellContent));
      }
    }
  });
  return hf;
}

/** A fake workbook holding the templates, with the values HyperFormula computes for them. */
function workbook(): FakeWorkbook {
  const book = new FakeWorkbook();
  const all = specs();
  const sheets = new Map<string, Map<string, FakeCell>>();
  for (const s of all) {
    const cells = new Map<string, FakeCell>();
    s.cells.forEach((row, r) => row.forEach((v, c) => v !== null && v !== "" && cells.set(`${columnName(c)}${r + 1}`, { formula: v, value: null })));
    sheets.set(s.name, cells);
  }
  const names = all.flatMap((s) => s.names.map((n) => ({ name: n.name, formula: `=${qualified(s.name, n.range)}`, visible: true })));
  const hf = evaluate(sheets, names);
  for (const [name, cells] of sheets) {
    const id = hf.getSheetId(name) as number;
    const { height, width } = hf.getSheetDimensions(id);
    for (let r = 0; r < height; r++)
      for (let c = 0; c < width; c++) {
        const address = `${columnName(c)}${r + 1}`;
        const o = outcome(hf.getCellValue({ sheet: id, row: r, col: c }));
        const value = o.kind === "error" ? `#${o.type}` : o.kind === "empty" ? null : o.value;
        const cell = cells.get(address);
        if (cell !== undefined) cell.value = value;
        else if (value !== null) cells.set(address, { formula: "", value }); // a spilled value
      }
    book.addSheet(name, Object.fromEntries(cells));
    // Where the spilled COLLECT functions spill, as getSpillingToRangeOrNullObject reports it.
    for (const [address, cell] of cells) if (typeof cell.formula === "string" && /COLLECT\.(ROLLRATES|LOSSFACTORS|METRICS)\(/.test(cell.formula)) book.spillFrom(name, address);
  }
  book.names = names;
  book.active = all.find((s) => s.templateId === "scorecard")?.name as string;
  return book;
}

function valuesOf(book: FakeWorkbook): Map<string, ReturnType<typeof outcome>> {
  const sheets = new Map([...book.sheets].map(([n, cells]) => [n, new Map([...cells].filter(([, c]) => c.formula !== ""))]));
  const hf = evaluate(sheets, book.names);
  const out = new Map<string, ReturnType<typeof outcome>>();
  for (const [name] of sheets) {
    const id = hf.getSheetId(name) as number;
    const { height, width } = hf.getSheetDimensions(id);
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) out.set(`${name}!${columnName(c)}${r + 1}`, outcome(hf.getCellValue({ sheet: id, row: r, col: c })));
  }
  return out;
}

function snapshotFormulas(book: FakeWorkbook): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, cells] of book.sheets) for (const [a, c] of cells) out.set(`${name}!${a}`, c.formula);
  return out;
}

describe("makePortable", () => {
  it("converts the active sheet in three syncs (find the used range, read it, write), writing only its COLLECT cells", async () => {
    const book = workbook();
    const before = snapshotFormulas(book);
    const summary = await makePortable((batch) => book.run(batch), { scope: "active", mode: "native", ...API });
    expect(book.syncs).toBe(3);
    expect(summary.sheets).toEqual([book.active]);
    expect(summary.skipped).toEqual([]);
    expect(summary.converted).toBeGreaterThan(30);
    // One write sync; since issue 13 the threshold rows convert too, so the changed cells are
    // written as a few range writes (boxes of changed cells) inside that sync.
    expect(book.writes.length).toBeGreaterThan(0);
    expect(book.writes.length).toBeLessThanOrEqual(12);
    // Every non-null entry written was a COLLECT cell; every other cell is as it was.
    const after = snapshotFormulas(book);
    for (const [cell, formula] of before) {
      const isCollect = typeof formula === "string" && /COLLECT\./.test(formula) && cell.startsWith(`${book.active}!`);
      if (!isCollect) expect(after.get(cell)).toEqual(formula);
      else expect(after.get(cell)).not.toMatch(/COLLECT[._]/);
    }
    const written = book.writes.flatMap((w) => w.grid.flat()).filter((v) => v !== null);
    expect(written).toHaveLength(summary.converted);
  });

  it("adds hidden CollectKPI names and leaves CollectBenchmarks alone", async () => {
    const book = workbook();
    const benchmarks = book.names.find((n) => n.name === "CollectBenchmarks");
    await makePortable((batch) => book.run(batch), { scope: "active", mode: "native", ...API });
    expect(book.names.find((n) => n.name === "CollectBenchmarks")).toEqual(benchmarks);
    const added = book.names.filter((n) => n.name.startsWith("CollectKPI."));
    // 8 metrics of the scorecard × Dir, Meets, Excellent, Target and Red (issue 13's short names,
    // src/portable/README.md), and the composite's two: the ids guard and the red-line flags.
    expect(added.length).toBe(42);
    expect(added.every((n) => !n.visible && n.formula.startsWith("="))).toBe(true);
  });

  it("converts every sheet in five syncs (list, used ranges, read, where the roll rates spill, write), and the workbook computes what it did", async () => {
    const book = workbook();
    const expected = valuesOf(book);
    const benchmarksSheet = new Map(book.sheets.get("Benchmarks"));
    const summary = await makePortable((batch) => book.run(batch), { scope: "all", mode: "native", ...API });
    // One more than before ExcelApi 1.12 was required: the spilled COLLECT cells' areas (getSpillingToRangeOrNullObject).
    expect(book.syncs).toBe(5);
    expect(book.calls.filter((c) => c.method === "getSpillingToRangeOrNullObject").map((c) => c.address)).toEqual(["B15", "B25"]);
    expect(summary.skipped).toEqual([]);
    expect(book.sheets.get("Benchmarks")).toEqual(benchmarksSheet);
    const actual = valuesOf(book);
    const diffs = [...expected].filter(([cell, v]) => !same(v, actual.get(cell) ?? { kind: "empty" })).map(([cell, v]) => `${cell}: ${show(v)} → ${show(actual.get(cell) ?? { kind: "empty" })}`);
    expect(diffs).toEqual([]);
  });

  it("does nothing the second time", async () => {
    const book = workbook();
    await makePortable((batch) => book.run(batch), { scope: "all", mode: "native", ...API });
    const names = JSON.stringify(book.names);
    book.syncs = 0;
    book.writes.length = 0;
    const again = await makePortable((batch) => book.run(batch), { scope: "all", mode: "native", ...API });
    expect(again).toEqual({ converted: 0, frozen: 0, skipped: [], names: [], sheets: [], scanned: ["Scorecard", "M1", "Roll rates", "Benchmarks"] });
    expect(book.writes).toEqual([]);
    // List the sheets, find their used ranges, read them: nothing to write.
    expect(book.syncs).toBe(3);
    expect(JSON.stringify(book.names)).toBe(names);
  });

  it("reads and writes in row blocks within the budget of cells per sync, with the same result", async () => {
    const whole = workbook();
    await makePortable((batch) => whole.run(batch), { scope: "all", mode: "native", ...API });
    const book = workbook();
    const budget = 40;
    const summary = await makePortable((batch) => book.run(batch), { scope: "all", mode: "native", cellsPerSync: budget, ...API });
    // The same cells and names as in one go.
    expect(snapshotFormulas(book)).toEqual(snapshotFormulas(whole));
    expect(JSON.stringify(book.names)).toBe(JSON.stringify(whole.names));
    expect(summary.skipped).toEqual([]);
    // Every block read or written holds at most `budget` cells, or one whole row when a row is wider.
    const cellsOf = (address: string): { cells: number; columns: number } => {
      const [a, b = a] = address.split(":");
      const p = /^([A-Z]+)(\d+)$/.exec(a) as RegExpExecArray;
      const q = /^([A-Z]+)(\d+)$/.exec(b) as RegExpExecArray;
      const columns = columnIndex(q[1]) - columnIndex(p[1]) + 1;
      return { cells: (Number(q[2]) - Number(p[2]) + 1) * columns, columns };
    };
    const blocks = book.reads.filter((r) => r.address !== "(used range)");
    expect(blocks.length).toBeGreaterThan(4);
    for (const r of blocks) {
      const { cells, columns } = cellsOf(r.address);
      expect(cells <= budget || cells === columns).toBe(true);
    }
    for (const w of book.writes) {
      const { cells, columns } = cellsOf(w.address);
      expect(cells <= budget || cells === columns).toBe(true);
    }
    // More syncs than in one go, but never a sync per cell.
    expect(book.syncs).toBeGreaterThan(whole.syncs);
    expect(book.syncs).toBeLessThan(blocks.length + book.writes.length + 4);
  });

  it("freezes COLLECT cells to their values, spilled cells included", async () => {
    const book = workbook();
    const expected = valuesOf(book);
    const summary = await makePortable((batch) => book.run(batch), { scope: "all", mode: "freeze", ...API });
    expect(summary.converted).toBe(0);
    expect(summary.frozen).toBeGreaterThan(50);
    expect(book.names.some((n) => n.name.startsWith("CollectKPI."))).toBe(false);
    for (const cells of book.sheets.values()) for (const c of cells.values()) expect(String(c.formula)).not.toMatch(/COLLECT\./);
    const rollrate = [...book.sheets.keys()].find((n) => /roll/i.test(n)) as string;
    const actual = valuesOf(book);
    for (const [cell, v] of expected) if (cell.startsWith(`${rollrate}!`)) expect(show(actual.get(cell) ?? { kind: "empty" })).toBe(show(v));
    expect(describeSummary(summary)).toMatch(/^0 converted, \d+ frozen, 0 left as they are\.$/);
  });

  it("reports the cells it leaves alone", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Log", {
      A1: { formula: "=COLLECT.CONTACTBREACHES(B1:B9,C1:C9)", value: 2 },
      A2: { formula: "=COLLECT.RECOVERYRATE(B1,C1)", value: 0.5 },
      B1: { formula: 1, value: 1 },
      C1: { formula: 2, value: 2 },
    });
    const summary = await makePortable((batch) => book.run(batch), { scope: "active", mode: "native", ...API });
    expect(summary.converted).toBe(1);
    expect(summary.skipped).toEqual([{ sheet: "Log", address: "A1", reason: expect.stringMatching(/CONTACTBREACHES/), why: { key: "contactBreaches", args: [] } }]);
    expect(book.sheets.get("Log")?.get("A1")?.formula).toBe("=COLLECT.CONTACTBREACHES(B1:B9,C1:C9)");
    expect(describeSummary(summary)).toBe("1 converted, 0 frozen, 1 left as they are: Log!A1.");
  });
});

/**
 * VINTAGE made portable (issue 15): one native formula per output cell, each showing what the
 * spilled function shows there, in HyperFormula with the COLLECT functions registered. Random
 * cohorts × months of clean amounts (numbers, blanks, zeros; trailing months not reached), with
 * and without months_observed, pooled and not; then one invalid input at a time (text, a
 * negative amount, placed 0), where the function's error and the native one must agree.
 */
import fc from "fast-check";
import { RawCellContent } from "hyperformula";
import { columnName } from "../../../src/portable/formula";
import { SheetCell, convertSheet } from "../../../src/portable/convert";
import { TEMPLATES } from "../../../src/templates";
import { BookCell, Result, WRONG, agree, readResults, recalculate, showResult, soffice, writeBook } from "../../helpers/libreoffice";
import { Input, RUNS, cleanAmount, engine, outcome, raw, same, show } from "./hf";

const hf = engine({ S: [[]] });
const S = hf.getSheetId("S") as number;

function nativeCells(formula: string, row: number, column: number): { row: number; column: number; content: string | number | boolean }[] {
  const result = convertSheet([{ address: `${columnName(column)}${row + 1}`, formula }], { sheet: "S" });
  if (result.skipped.length > 0) throw new Error(`${formula}: ${result.skipped[0].reason}`);
  // The checks every output cell shares are workbook names (CollectKPI.Err.<hash>): defined first,
  // once (the hash is of the name's formula, so a name already there holds the same formula).
  for (const n of result.names) if (hf.getNamedExpression(n.name) === undefined) hf.addNamedExpression(n.name, n.formula);
  return result.converted.map((c) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c.address) as RegExpExecArray;
    return { row: Number(m[2]) - 1, column: m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1, content: c.formula };
  });
}

/** Writes the inputs at A1 (placed), B1 (months observed), C1… (recovered); compares the function at row 20 with its native cells at row 40. */
function compare(placed: readonly Input[], observed: readonly Input[] | undefined, recovered: readonly (readonly Input[])[], pooled: boolean): void {
  const n = placed.length;
  const m = recovered[0].length;
  const block = `C1:${columnName(1 + m)}${n}`;
  const args = [`A1:A${n}`, block, observed ? `B1:B${n}` : "", ...(pooled ? ["TRUE()"] : [])].join(",").replace(/,$/, "");
  const formula = `=COLLECT.VINTAGE(${args})`;
  hf.batch(() => {
    placed.forEach((v, i) => hf.setCellContents({ sheet: S, row: i, col: 0 }, raw(v)));
    (observed ?? []).forEach((v, i) => hf.setCellContents({ sheet: S, row: i, col: 1 }, raw(v)));
    recovered.forEach((r, i) => r.forEach((v, k) => hf.setCellContents({ sheet: S, row: i, col: 2 + k }, raw(v))));
  });
  const cells = nativeCells(formula, 20, 0);
  hf.batch(() => {
    hf.setCellContents({ sheet: S, row: 20, col: 0 }, formula);
    for (const c of cells) hf.setCellContents({ sheet: S, row: c.row + 20, col: c.column }, c.content as string);
  });
  const label = JSON.stringify({ placed, observed, recovered, pooled });
  const anchor = outcome(hf.getCellValue({ sheet: S, row: 20, col: 0 }));
  const whole = anchor.kind === "error" && cells.length > 1 && outcome(hf.getCellValue({ sheet: S, row: 20 + cells[1].row - 20, col: cells[1].column })).kind === "empty";
  for (const c of whole ? cells.slice(0, 1) : cells) {
    const expected = outcome(hf.getCellValue({ sheet: S, row: c.row, col: c.column }));
    const actual = outcome(hf.getCellValue({ sheet: S, row: c.row + 20, col: c.column }));
    if (!same(expected, actual)) throw new Error(`${label} at (${c.row - 20}, ${c.column}): function ${show(expected)}, native ${show(actual)}\n${c.content}`);
  }
  hf.setCellContents({ sheet: S, row: 0, col: 0 }, Array.from({ length: 50 }, () => Array<null>(12).fill(null)));
}

/** A triangle of clean amounts: cohort i has reached `reach[i]` months; later cells blank. */
const triangle = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.integer({ min: 1, max: 4 }).chain((m) =>
    fc.record({
      placed: fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 100000 }) }, { weight: 1, arbitrary: fc.constantFrom<Input>(null, 0) }), { minLength: n, maxLength: n }),
      reach: fc.array(fc.integer({ min: 0, max: m }), { minLength: n, maxLength: n }),
      amounts: fc.array(fc.array(cleanAmount, { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
      withObserved: fc.boolean(),
      pooled: fc.boolean(),
    })
  )
);

describe("VINTAGE, made portable", () => {
  it("gives the function's value in every output cell, on random triangles", () => {
    fc.assert(
      fc.property(triangle, ({ placed, reach, amounts, withObserved, pooled }) => {
        const recovered = amounts.map((row, i) => row.map((v, k) => (k < reach[i] ? v : null)));
        compare(placed, withObserved ? reach : undefined, recovered, pooled);
      }),
      { numRuns: RUNS }
    );
  });

  const PLACED: Input[] = [1000, 2000, 2000];
  const TRIANGLE: Input[][] = [
    [100, 150, 50],
    [300, 200, null],
    [300, null, null],
  ];
  it.each([
    ["the reference example", PLACED, undefined, TRIANGLE],
    ["with months observed", PLACED, [3, 2, 1], TRIANGLE],
    ["text in a reached month", PLACED, undefined, [[100, { text: "n/a" }, 50], [300, 200, null], [300, null, null]]],
    ["a negative amount", PLACED, [3, 2, 1], [[100, -5, 50], [300, 200, null], [300, null, null]]],
    ["placed 0", [1000, 0, 2000], undefined, TRIANGLE],
    ["placed as text", [1000, { text: "x" }, 2000], [3, 2, 1], TRIANGLE],
    ["months observed not whole", PLACED, [3, 1.5, 1], TRIANGLE],
    ["an error value", PLACED, undefined, [[100, { formula: "=1/0" }, 50], [300, 200, null], [300, null, null]]],
  ] as [string, Input[], Input[] | undefined, Input[][]][])("%s, curves and pooled", (_label, placed, observed, recovered) => {
    compare(placed, observed, recovered, false);
    compare(placed, observed, recovered, true);
  });

  it("is left as it is when pooled is read from a cell (the size of the result depends on it)", () => {
    const r = convertSheet([{ address: "A20", formula: "=COLLECT.VINTAGE(A1:A3,C1:E3,B1:B3,H1)" }], { sheet: "S" });
    expect(r.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/size/)]);
  });
});

// ---------------------------------------------------------------- LibreOffice

/**
 * The cohort-curves template, converted (the cells as the sheet spec writes them, not through the
 * simulator) and recalculated in LibreOffice Calc: every cell of the triangle and the pooled
 * curve shows what COLLECT.VINTAGE shows in HyperFormula, blanks included.
 */
const describeLo = soffice() !== undefined || process.env.CI === "true" ? describe : describe.skip;

describeLo("VINTAGE made portable, recalculated in LibreOffice Calc", () => {
  it("the cohort-curves template: every curve cell and the pooled curve agree with the function", async () => {
    const spec = TEMPLATES.find((t) => t.id === "vintage")!.build({ language: "en", sample: true });
    const sheet = "Curves";
    const hfBook = engine({ [sheet]: spec.cells.map((row) => row.map((v): RawCellContent => v)) });
    const id = hfBook.getSheetId(sheet) as number;
    const cells: SheetCell[] = [];
    spec.cells.forEach((row, r) => row.forEach((v, c) => cells.push({ address: `${columnName(c)}${r + 1}`, formula: v })));
    const converted = convertSheet(cells, { sheet });
    expect(converted.skipped).toEqual([]);
    const inputs = new Map<string, BookCell>();
    spec.cells.forEach((row, r) => row.forEach((v, c) => inputs.set(`${columnName(c)}${r + 1}`, { address: `${columnName(c)}${r + 1}`, input: v })));
    for (const c of converted.converted) inputs.set(c.address, { address: c.address, input: c.formula as string });
    const wanted = new Map<string, Result>();
    for (let r = 20; r <= 32; r++)
      for (let c = 3; c <= 14; c++) wanted.set(`${sheet}!${columnName(c)}${r + 1}`, expectedOf(outcome(hfBook.getCellValue({ sheet: id, row: r, col: c }))));
    // Every converted cell and name within 300 characters (README, Length).
    expect([...converted.converted.map((c) => String(c.formula)), ...converted.names.map((n) => n.formula)].filter((t) => t.length > 300)).toEqual([]);
    expect(converted.names.map((n) => n.name)).toEqual([expect.stringMatching(/^CollectKPI\.Err\.\w+$/), expect.stringMatching(/^CollectKPI\.Err\./), expect.stringMatching(/^CollectKPI\.Err\./)]);
    const file = await writeBook({ sheets: [{ name: sheet, cells: [...inputs.values()] }], names: converted.names });
    const got = await readResults(recalculate(new Map([["curves", file]])).get("curves") as Buffer);
    const problems: string[] = [];
    for (const [cell, want] of wanted) {
      const have = got.get(cell) ?? { kind: "empty" };
      if (have.kind === "number" && have.value === WRONG) problems.push(`${cell}: not recalculated`);
      else if (!agree(want, have)) problems.push(`${cell}: function ${showResult(want)}, LibreOffice ${showResult(have)}`);
    }
    expect(problems).toEqual([]);
    // 78 numbers in the triangle (12 + 11 + … + 1), 66 blanks, 12 pooled numbers.
    expect([...wanted.values()].filter((w) => w.kind === "number").length).toBe(78 + 12);
  }, 120_000);
});

/** The invalid inputs above, and a few more, converted and recalculated in LibreOffice: each native cell shows the function's value or error. */
const INVALID: [string, Input[], Input[] | undefined, Input[][]][] = [
  ["text in a reached month", [1000, 2000, 2000], undefined, [[100, { text: "n/a" }, 50], [300, 200, null], [300, null, null]]],
  ["a negative amount", [1000, 2000, 2000], [3, 2, 1], [[100, -5, 50], [300, 200, null], [300, null, null]]],
  ["placed 0", [1000, 0, 2000], [3, 2, 1], [[100, 150, 50], [300, 200, null], [300, null, null]]],
  ["placed as text", [1000, { text: "x" }, 2000], [3, 2, 1], [[100, 150, 50], [300, 200, null], [300, null, null]]],
  // Not TRUE/FALSE: LibreOffice has no logical cell type (TRUE is the number 1 there), so it adds them.
  ["placed negative, text in a month", [1000, -1, 2000], [3, 2, 1], [[100, { text: "n/a" }, 50], [300, 200, null], [300, null, null]]],
  ["a month holding \"\"", [1000, 2000, 2000], [3, 2, 1], [[100, { formula: '=""' }, 50], [300, 200, null], [300, null, null]]],
  ["months observed not whole", [1000, 2000, 2000], [3, 1.5, 1], [[100, 150, 50], [300, 200, null], [300, null, null]]],
  ["months observed as text", [1000, 2000, 2000], [3, { text: "two" }, 1], [[100, 150, 50], [300, 200, null], [300, null, null]]],
  ["an error value", [1000, 2000, 2000], [3, 2, 1], [[100, { formula: "=1/0" }, 50], [300, 200, null], [300, null, null]]],
  ["text in months a cohort has not reached", [1000, 2000, 2000], [3, 1, 1], [[100, 150, 50], [300, { text: "n/a" }, { text: "n/a" }], [300, null, { text: "n/a" }]]],
  ["placed 0 where only it reached a month, text after", [1000, 0, 2000], [1, 3, 1], [[100, { text: "n/a" }, null], [0, 20, 30], [300, null, null]]],
];

describeLo("VINTAGE made portable, invalid inputs recalculated in LibreOffice Calc", () => {
  it("every native cell shows the function's value or error, curves and pooled", async () => {
    const files = new Map<string, Buffer>();
    const wanted = new Map<string, Map<string, Result>>();
    const constant = (v: Input): string | number | boolean | null => (v !== null && typeof v === "object" ? ("text" in v ? v.text : v.formula) : v);
    for (const [label, placed, observed, recovered] of INVALID)
      for (const pooled of [false, true]) {
        const hfBook = engine({ S: [[]] });
        const id = hfBook.getSheetId("S") as number;
        const inputs: BookCell[] = [];
        const put = (row: number, col: number, v: Input): void => {
          hfBook.setCellContents({ sheet: id, row, col }, raw(v));
          if (v !== null) inputs.push({ address: `${columnName(col)}${row + 1}`, input: constant(v) });
        };
        placed.forEach((v, i) => put(i, 0, v));
        (observed ?? []).forEach((v, i) => put(i, 1, v));
        recovered.forEach((r, i) => r.forEach((v, k) => put(i, 2 + k, v)));
        const n = placed.length;
        const args = [`A1:A${n}`, `C1:${columnName(1 + recovered[0].length)}${n}`, observed ? `B1:B${n}` : "", ...(pooled ? ["TRUE()"] : [])].join(",").replace(/,$/, "");
        const formula = `=COLLECT.VINTAGE(${args})`;
        hfBook.setCellContents({ sheet: id, row: 20, col: 0 }, formula);
        const converted = convertSheet([{ address: "A21", formula }], { sheet: "S" });
        expect(converted.skipped).toEqual([]);
        const whole = outcome(hfBook.getCellValue({ sheet: id, row: 20, col: 0 })).kind === "error" && outcome(hfBook.getCellValue({ sheet: id, row: 20, col: 1 })).kind === "empty";
        const want = new Map<string, Result>();
        for (const c of whole ? converted.converted.slice(0, 1) : converted.converted) {
          const m = /^([A-Z]+)(\d+)$/.exec(c.address) as RegExpExecArray;
          want.set(`S!${c.address}`, expectedOf(outcome(hfBook.getCellValue({ sheet: id, row: Number(m[2]) - 1, col: m[1].charCodeAt(0) - 65 }))));
        }
        const key = `${label}${pooled ? " (pooled)" : ""}`;
        wanted.set(key, want);
        files.set(key, await writeBook({ sheets: [{ name: "S", cells: [...inputs, ...converted.converted.map((c) => ({ address: c.address, input: c.formula as string }))] }], names: converted.names }));
      }
    const results = recalculate(files);
    const problems: string[] = [];
    for (const [key, want] of wanted) {
      const got = await readResults(results.get(key) as Buffer);
      for (const [cell, w] of want) {
        const have = got.get(cell) ?? { kind: "empty" };
        if (have.kind === "number" && have.value === WRONG) problems.push(`${key} ${cell}: not recalculated`);
        else if (!agree(w, have)) problems.push(`${key} ${cell}: function ${showResult(w)}, LibreOffice ${showResult(have)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

function expectedOf(o: ReturnType<typeof outcome>): Result {
  if (o.kind === "error") return { kind: "error", code: { NA: "#N/A", VALUE: "#VALUE!", DIV_BY_ZERO: "#DIV/0!", NUM: "#NUM!" }[o.type] ?? `#${o.type}` };
  // "" reads back as an empty cell, as the main LibreOffice test reads it (helpers/libreoffice.ts expected()).
  if (o.kind === "text" && o.value === "") return { kind: "empty" };
  return o;
}

/**
 * ROLLRATES, LOSSFACTORS and METRICS spill several cells. The converter writes one native
 * formula (or, for the fixed METRICS table, one constant) into each output cell; each must
 * show what the spilled function shows there.
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { columnName, parseFormula } from "../../../src/portable/formula";
import { lossFactorsNative } from "../../../src/portable/native";
import { convertSheet } from "../../../src/portable/convert";
import { Input, RUNS, amount, cleanAmount, engine, outcome, raw, same, show } from "./hf";

/** Writes the converted cells of `formula` (anchored at `anchor`) `shift` columns to the right of it. */
function nativeCells(formula: string, anchorRow: number, anchorColumn: number): { row: number; column: number; content: string | number | boolean }[] {
  const address = `${columnName(anchorColumn)}${anchorRow + 1}`;
  const result = convertSheet([{ address, formula }], { sheet: "S" });
  if (result.skipped.length > 0) throw new Error(`${formula}: ${result.skipped[0].reason}`);
  return result.converted.map((c) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c.address) as RegExpExecArray;
    const column = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(m[2]) - 1, column, content: c.formula };
  });
}

/** Compares a spilled formula at (row, col) with its converted cells written at (row, col + shift). */
function compareSpill(hf: HyperFormula, S: number, formula: string, row: number, column: number, shift: number, label: string, evaluateAs = formula): void {
  const cells = nativeCells(formula, row, column);
  hf.batch(() => {
    hf.setCellContents({ sheet: S, row, col: column }, evaluateAs);
    for (const c of cells) hf.setCellContents({ sheet: S, row: c.row, col: c.column + shift }, typeof c.content === "string" && !c.content.startsWith("=") ? `'${c.content.replace(/^'/, "")}` : c.content);
  });
  const anchor = outcome(hf.getCellValue({ sheet: S, row, col: column }));
  const wholeError = anchor.kind === "error" && cells.length > 1 && outcome(hf.getCellValue({ sheet: S, row: cells[1].row, col: cells[1].column })).kind === "empty";
  for (const c of wholeError ? cells.slice(0, 1) : cells) {
    const expected = outcome(hf.getCellValue({ sheet: S, row: c.row, col: c.column }));
    const actual = outcome(hf.getCellValue({ sheet: S, row: c.row, col: c.column + shift }));
    if (!same(expected, actual)) throw new Error(`${label}: ${formula} at offset (${c.row - row}, ${c.column - column}): function ${show(expected)}, native ${show(actual)}\n${c.content}`);
  }
  // Clean up, so that the next run spills into empty cells again.
  hf.batch(() => {
    hf.setCellContents({ sheet: S, row, col: column }, null);
    for (const c of cells) hf.setCellContents({ sheet: S, row: c.row, col: c.column + shift }, null);
  });
}

// LOSSFACTORS is evaluated as `…*1`: the engine adapter sizes its result as a reference
// (sameSize in src/engine/hyperformula.ts keeps isRef), so HyperFormula refuses to spill
// =COLLECT.LOSSFACTORS(range) itself ("Cell range not allowed"); ×1 changes no value.
describe("spilled functions", () => {
  const hf = engine({ S: [[]] });
  const S = hf.getSheetId("S") as number;

  it("ROLLRATES: one formula per roll rate, each cell's own #DIV/0!, #VALUE! and #NUM!", () => {
    const grid = fc.integer({ min: 1, max: 5 }).chain((months) =>
      fc.integer({ min: 1, max: 5 }).chain((buckets) =>
        fc.array(fc.array(fc.oneof({ weight: 5, arbitrary: cleanAmount }, { weight: 1, arbitrary: amount }), { minLength: buckets, maxLength: buckets }), { minLength: months, maxLength: months })
      )
    );
    fc.assert(
      fc.property(grid, (balances) => {
        hf.setCellContents({ sheet: S, row: 0, col: 0 }, balances.map((r) => r.map(raw)));
        const last = `${columnName(balances[0].length - 1)}${balances.length}`;
        compareSpill(hf, S, `=COLLECT.ROLLRATES(A1:${last})`, 10, 0, 8, JSON.stringify(balances));
        hf.setCellContents({ sheet: S, row: 0, col: 0 }, balances.map((r) => r.map(() => null)));
      }),
      { numRuns: RUNS }
    );
  });

  it("LOSSFACTORS: products of the remaining roll rates, in the input's orientation", () => {
    const rate: fc.Arbitrary<Input> = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: 0, max: 1.5, noNaN: true, noDefaultInfinity: true }) },
      { weight: 1, arbitrary: fc.constantFrom<Input>(null, 0, -0.1, { text: "x" }, true, { formula: "=NA()" }, 1e200) }
    );
    fc.assert(
      fc.property(fc.array(rate, { minLength: 1, maxLength: 6 }), fc.boolean(), (rates, asColumn) => {
        // A text (or TRUE) rate and a negative one together: the documented difference, tested below.
        fc.pre(!(rates.some((r) => r === true || (r !== null && typeof r === "object" && "text" in r)) && rates.some((r) => typeof r === "number" && r < 0)));
        const input = asColumn ? rates.map((r) => [raw(r)]) : [rates.map(raw)];
        hf.setCellContents({ sheet: S, row: 0, col: 0 }, input);
        const end = asColumn ? `A${rates.length}` : `${columnName(rates.length - 1)}1`;
        const f = `=COLLECT.LOSSFACTORS(A1:${end})`;
        compareSpill(hf, S, f, 10, 0, 8, JSON.stringify(rates), `${f}*1`);
        hf.setCellContents({ sheet: S, row: 0, col: 0 }, input.map((r) => r.map(() => null)));
      }),
      { numRuns: RUNS }
    );
  });

  it("LOSSFACTORS with a text rate and a negative one: #VALUE! where the function may say #NUM! (README, rule 3)", () => {
    // Rates 0.5, "x", -0.1: the function checks from the end, meets -0.1 first and says #NUM! in
    // every factor that reaches it (all three); the native formula checks the range for text first.
    hf.setCellContents({ sheet: S, row: 0, col: 0 }, [[0.5, "'x", -0.1]]);
    const cells = lossFactorsNative([parseFormula("A1:C1")]);
    cells.forEach((c, i) => hf.setCellContents({ sheet: S, row: 12, col: i }, c.content as string));
    hf.setCellContents({ sheet: S, row: 13, col: 0 }, "=COLLECT.LOSSFACTORS(A1:C1)*1");
    const errorAt = (row: number, col: number): string => (hf.getCellValue({ sheet: S, row, col }) as { type: string }).type;
    expect([0, 1, 2].map((c) => errorAt(13, c))).toEqual(["NUM", "NUM", "NUM"]);
    expect([0, 1, 2].map((c) => errorAt(12, c))).toEqual(["VALUE", "VALUE", "NUM"]);
    hf.setCellContents({ sheet: S, row: 0, col: 0 }, [[null, null, null]]);
    hf.setCellContents({ sheet: S, row: 12, col: 0 }, [[null, null, null], [null, null, null]]);
  });

  it("LOSSFACTORS over a block that is not one row or column is #VALUE!", () => {
    hf.setCellContents({ sheet: S, row: 0, col: 0 }, [[0.5, 0.4], [0.3, 0.2]]);
    compareSpill(hf, S, "=COLLECT.LOSSFACTORS(A1:B2)", 10, 0, 8, "2x2", "=COLLECT.LOSSFACTORS(A1:B2)*1");
  });

  it.each(["=COLLECT.METRICS()", '=COLLECT.METRICS("zh-CN")', '=COLLECT.METRICS("en")', '=COLLECT.METRICS("fr")'])("%s becomes the catalogue table as constants", (formula) => {
    compareSpill(hf, S, formula, 40, 0, 10, "metrics");
  });
});

/**
 * Every KPI function's native equivalent against the function itself, both evaluated by
 * HyperFormula in the same workbook, for random amounts (blanks, zeros, zero denominators,
 * text, TRUE/FALSE, negatives, error cells, numerators above denominators).
 */
import fc from "fast-check";
import { CATALOGUE, Metric } from "../../../src/core";
import { convertFormula } from "../../../src/portable/convert";
import { RUNS, amount, engine, outcome, raw, same, show } from "./hf";

const KPIS = CATALOGUE.filter((m) => m.fn !== undefined);
const ROWS = 4;
const COLUMN = ["A", "B", "C"];

/** The native text of a formula (the test fails when it is not converted). */
function native(formula: string): string {
  const r = convertFormula(formula, { sheet: "S" });
  if (r.kind !== "converted") throw new Error(`${formula} was not converted: ${JSON.stringify(r)}`);
  return r.formula;
}

/** Argument layouts: whole columns of the block, single cells, a mix, literals. */
function layouts(m: Metric): string[][] {
  const n = m.params.length;
  const cols = m.params.map((_, i) => `${COLUMN[i]}1:${COLUMN[i]}${ROWS}`);
  const cells = m.params.map((_, i) => `${COLUMN[i]}1`);
  const mixed = m.params.map((_, i) => (i === n - 1 ? `${COLUMN[i]}1:${COLUMN[i]}${ROWS}` : `${COLUMN[i]}2`));
  return [cols, cells, mixed];
}

describe.each(KPIS.map((m) => [m.fn as string, m] as const))("COLLECT.%s native equivalent", (fn, m) => {
  const formulas = layouts(m).map((args) => `=COLLECT.${fn}(${args.join(",")})`);
  const hf = engine({ S: [[]] });
  const S = hf.getSheetId("S") as number;
  formulas.forEach((f, i) => {
    hf.setCellContents({ sheet: S, row: 10 + i, col: 0 }, f);
    hf.setCellContents({ sheet: S, row: 10 + i, col: 1 }, native(f));
  });

  it("gives the same value or error class for random amounts", () => {
    const block = fc.array(fc.array(amount, { minLength: m.params.length, maxLength: m.params.length }), { minLength: ROWS, maxLength: ROWS });
    fc.assert(
      fc.property(block, (rows) => {
        hf.setCellContents({ sheet: S, row: 0, col: 0 }, rows.map((r) => r.map(raw)));
        formulas.forEach((f, i) => {
          const expected = outcome(hf.getCellValue({ sheet: S, row: 10 + i, col: 0 }));
          const actual = outcome(hf.getCellValue({ sheet: S, row: 10 + i, col: 1 }));
          if (!same(expected, actual)) throw new Error(`${f} over ${JSON.stringify(rows)}: function ${show(expected)}, native ${show(actual)}`);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("gives the same result for literal arguments", () => {
    const literal = fc.array(fc.oneof(fc.integer({ min: -3, max: 50 }).map(String), fc.constantFrom('"x"', '""', '"5"', "TRUE()", "0", "#N/A", "2.5")), {
      minLength: m.params.length,
      maxLength: m.params.length,
    });
    fc.assert(
      fc.property(literal, (args) => {
        const f = `=COLLECT.${fn}(${args.join(",")})`;
        hf.setCellContents({ sheet: S, row: 20, col: 0 }, f);
        hf.setCellContents({ sheet: S, row: 20, col: 1 }, native(f));
        const expected = outcome(hf.getCellValue({ sheet: S, row: 20, col: 0 }));
        const actual = outcome(hf.getCellValue({ sheet: S, row: 20, col: 1 }));
        if (!same(expected, actual)) throw new Error(`${f}: function ${show(expected)}, native ${show(actual)} (${native(f)})`);
      }),
      { numRuns: 40 }
    );
  });
});

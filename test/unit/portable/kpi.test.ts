/**
 * Every KPI function's native equivalent (=SUM(num)/SUM(den), src/portable/README.md) against
 * the function itself, both evaluated by HyperFormula in the same workbook. Valid amounts
 * (numbers ≥ 0, blanks, "" from a formula; zero denominators, numerators above denominators):
 * the same value or error. Invalid amounts (text, TRUE/FALSE, negatives, error cells): the
 * documented rule — SUM skips text and TRUE/FALSE and adds negatives, an error cell shows an
 * error.
 */
import fc from "fast-check";
import { CATALOGUE, Metric } from "../../../src/core";
import { convertFormula } from "../../../src/portable/convert";
import { Input, Outcome, RUNS, amount, engine, outcome, raw, same, show } from "./hf";

/** Numbers ≥ 0, blanks, "" from a formula: the inputs on which native and function agree exactly. */
const validAmount: fc.Arbitrary<Input> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.constant<Input>(null) },
  { weight: 3, arbitrary: fc.constant<Input>(0) },
  { weight: 1, arbitrary: fc.constant<Input>({ formula: '=""' }) }
);

const isValid = (i: Input): boolean => i === null || (typeof i === "number" && i >= 0) || (typeof i === "object" && "formula" in i && i.formula === '=""');

/** The documented rule for any amounts: SUM of the numbers (text, TRUE/FALSE skipped; negatives added). */
function documented(m: Metric, columns: Input[][]): Outcome | "some error" {
  if (columns.some((c) => c.some((i) => typeof i === "object" && i !== null && "formula" in i && i.formula !== '=""'))) return "some error";
  const sums = columns.map((c) => c.reduce((s: number, i) => s + (typeof i === "number" ? i : 0), 0));
  const top = sums.slice(0, -1).reduce((a, b) => a + b, 0);
  const bottom = sums[sums.length - 1];
  if (bottom === 0) return { kind: "error", type: "DIV_BY_ZERO" };
  const r = top / bottom;
  if (!Number.isFinite(r)) return { kind: "error", type: "NUM" };
  if (m.kind === "P" && r > 1 + 1e-12) return { kind: "error", type: "NUM" };
  return { kind: "number", value: m.kind === "P" ? Math.min(1, r) : r };
}

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

  it("gives the same value or error class for valid amounts", () => {
    const block = fc.array(fc.array(validAmount, { minLength: m.params.length, maxLength: m.params.length }), { minLength: ROWS, maxLength: ROWS });
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

  it("follows the documented rule for invalid amounts (text, TRUE/FALSE, negatives, error cells), where the function refuses", () => {
    const block = fc.array(fc.array(amount, { minLength: m.params.length, maxLength: m.params.length }), { minLength: ROWS, maxLength: ROWS });
    fc.assert(
      fc.property(block, (rows) => {
        hf.setCellContents({ sheet: S, row: 0, col: 0 }, rows.map((r) => r.map(raw)));
        const valid = rows.every((r) => r.every(isValid));
        // Layout 0: whole columns (A1:A4, B1:B4, …).
        const columns = m.params.map((_, c) => rows.map((r) => r[c]));
        const expected = documented(m, columns);
        const fn = outcome(hf.getCellValue({ sheet: S, row: 10, col: 0 }));
        const actual = outcome(hf.getCellValue({ sheet: S, row: 10, col: 1 }));
        if (valid && !same(fn, actual)) throw new Error(`${formulas[0]} over ${JSON.stringify(rows)}: function ${show(fn)}, native ${show(actual)}`);
        if (expected === "some error") {
          if (actual.kind !== "error") throw new Error(`${formulas[0]} over ${JSON.stringify(rows)}: an error cell, native ${show(actual)}`);
        } else if (!same(expected, actual)) throw new Error(`${formulas[0]} over ${JSON.stringify(rows)}: documented ${show(expected)}, native ${show(actual)}`);
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

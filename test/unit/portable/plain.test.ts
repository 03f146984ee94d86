/**
 * The catalogue's plain-Excel formula of each KPI (plainExcelFormula, shown in the function
 * reference and the task pane): the text is the ratio of sums, and on clean inputs it gives
 * the function's number in HyperFormula, or the same #DIV/0! when the denominator is 0.
 */
import fc from "fast-check";
import { CATALOGUE, plainExcelFormula } from "../../../src/core";
import { columnName } from "../../../src/portable/formula";
import { RUNS, engine, outcome, same, show } from "./hf";

const KPIS = CATALOGUE.filter((m) => m.fn !== undefined);

describe("plainExcelFormula", () => {
  test("reads as a ratio of sums with the function's parameter names", () => {
    const byId = (id: string) => plainExcelFormula(CATALOGUE.find((m) => m.id === id)!);
    expect(byId("recovery_achievement")).toBe("=SUM(recovered)/SUM(target)");
    expect(byId("cumulative_recovery")).toBe("=(SUM(current)+SUM(historical))/SUM(outstanding)");
    // A typed-in metric has no function, so no formula.
    const typedIn = CATALOGUE.find((m) => m.fn === undefined);
    if (typedIn !== undefined) expect(plainExcelFormula(typedIn)).toBeUndefined();
  });

  // Clean inputs: amounts of 0 or more; for a proportion, every numerator row at most its
  // denominator row (more contacted than assigned cannot happen), so the function never refuses.
  const ROWS = 5;
  test.each(KPIS.map((m) => [m.fn as string, m] as const))("%s: the plain formula gives the function's number", (fn, metric) => {
    const params = metric.params;
    const column = fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(0)), { minLength: ROWS, maxLength: ROWS });
    fc.assert(
      fc.property(fc.array(column, { minLength: params.length, maxLength: params.length }), fc.boolean(), (columns, zeroDenominator) => {
        const denominator = columns[columns.length - 1].map((v, r) => {
          if (zeroDenominator) return 0;
          if (metric.kind !== "P") return v;
          // A proportion's denominator holds at least the numerators' sum in each row.
          return v + columns.slice(0, -1).reduce((sum, c) => sum + c[r], 0);
        });
        const data = [...columns.slice(0, -1), denominator];
        const sheet = Array.from({ length: ROWS }, (_, r) => data.map((c) => c[r]));
        const ranges = params.map((_, i) => `${columnName(i)}1:${columnName(i)}${ROWS}`);
        let plain = plainExcelFormula(metric) as string;
        params.forEach((p, i) => (plain = plain.replace(`SUM(${p})`, `SUM(${ranges[i]})`)));
        const hf = engine({ S: [...sheet, [`=COLLECT.${fn}(${ranges.join(",")})`, plain]] });
        const ours = outcome(hf.getCellValue({ sheet: 0, row: ROWS, col: 0 }));
        const theirs = outcome(hf.getCellValue({ sheet: 0, row: ROWS, col: 1 }));
        hf.destroy();
        if (!same(ours, theirs)) throw new Error(`${plain}: ${show(theirs)}, COLLECT.${fn}: ${show(ours)}`);
      }),
      { numRuns: Math.min(RUNS, 100) }
    );
  });
});

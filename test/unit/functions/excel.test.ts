/**
 * src/functions/excel.ts: the bridge from core errors to CustomFunctions.Error, with the
 * fake runtime of test/helpers/customFunctions.ts.
 */
import "../../helpers/customFunctions";
import { MetricError, type ErrorCode } from "../../../src/core";
import { run, runSpill, toExcelError } from "../../../src/functions/excel";
import { ErrorCode as Excel, isExcelError } from "../../helpers/customFunctions";

const CASES: [ErrorCode, string, boolean][] = [
  // core code, what Excel shows, whether Excel accepts a custom message for it
  ["invalidValue", Excel.invalidValue, true],
  ["notAvailable", Excel.notAvailable, true],
  ["invalidNumber", Excel.invalidNumber, false],
  ["divisionByZero", Excel.divisionByZero, false],
];

describe("toExcelError", () => {
  for (const [code, shown, withMessage] of CASES) {
    it(`${code} becomes ${shown}${withMessage ? " with the core's message" : " without a message (Excel cannot show one)"}`, () => {
      const e = toExcelError(new MetricError(code, "target adds up to 0"));
      expect(isExcelError(e)).toBe(true);
      expect(e.code).toBe(shown);
      expect(e.message).toBe(withMessage ? "target adds up to 0" : undefined);
    });
  }
});

describe("run", () => {
  it("returns the value", () => {
    expect(run(() => 0.5)).toBe(0.5);
  });

  it("throws a core error as the Excel error it stands for", () => {
    expect(() => run(() => { throw new MetricError("notAvailable", "x is not a metric"); })).toThrow(
      expect.objectContaining({ code: "#N/A", message: "x is not a metric" })
    );
  });

  it("turns a raw exception (a bug) into #VALUE! with a message, never lets it escape", () => {
    let thrown: unknown;
    try {
      run(() => {
        throw new TypeError("cannot read properties of undefined");
      });
    } catch (e) {
      thrown = e;
    }
    expect(isExcelError(thrown)).toBe(true);
    expect((thrown as { code: string }).code).toBe("#VALUE!");
    expect((thrown as Error).message).toMatch(/could not compute this cell/);
  });
});

describe("runSpill", () => {
  it("keeps an error in its own cell and numbers elsewhere", () => {
    const out = runSpill(() => [[0.5, new MetricError("divisionByZero", "balances … is 0")], [0.25, 1]]);
    expect(out[0][0]).toBe(0.5);
    expect(isExcelError(out[0][1])).toBe(true);
    expect((out[0][1] as { code: string }).code).toBe("#DIV/0!");
    expect(out[1]).toEqual([0.25, 1]);
  });

  it("throws when the whole computation fails", () => {
    expect(() => runSpill(() => { throw new MetricError("invalidValue", "balances needs at least 2 rows"); })).toThrow(
      expect.objectContaining({ code: "#VALUE!" })
    );
  });
});

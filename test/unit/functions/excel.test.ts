/**
 * src/functions/excel.ts: the bridge from core errors to CustomFunctions.Error, with the
 * fake runtime of test/helpers/customFunctions.ts.
 */
import "../../helpers/customFunctions";
import { MetricError, type ErrorCode } from "../../../src/core";
import { recoveryRate } from "../../../src/functions/functions";
import { run, runSpill, setMessageLanguage, toExcelError } from "../../../src/functions/excel";
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

describe("the message language follows Excel's display language", () => {
  afterEach(() => setMessageLanguage(null));

  it("says a #VALUE! in Chinese in Chinese Excel, and in English otherwise", () => {
    const call = (): unknown => {
      try {
        // Excel hands the wrapper what the cells hold, text included, whatever the declared type.
        return recoveryRate([[100, "abc" as unknown as number]], [[200]]);
      } catch (e) {
        return e;
      }
    };
    setMessageLanguage("zh-CN");
    // The text "abc" is the second cell of the first row of recovered.
    expect(call()).toEqual(expect.objectContaining({ code: "#VALUE!", message: "recovered 必须是数字（区域第 1 行第 2 列），但其中有文本或 TRUE/FALSE。请清空该单元格或填写数字。" }));
    setMessageLanguage("zh-TW");
    expect((call() as Error).message).toMatch(/^recovered 必须是数字/);
    setMessageLanguage("en-US");
    expect(call()).toEqual(
      expect.objectContaining({ code: "#VALUE!", message: "recovered must be numbers (row 1, column 2 of the range); it holds text or TRUE/FALSE. Clear the cell or type a number." })
    );
    expect((call() as Error).message).toMatch(/^recovered must be numbers/);
  });

  it("without a language set, reads Office's display language when an error needs it (English before Office is ready)", () => {
    const global = globalThis as { Office?: unknown };
    setMessageLanguage(null);
    try {
      global.Office = { context: undefined };
      const unknown = (): Error => {
        try {
          run(() => {
            throw new MetricError("notAvailable", "x is not a metric", { key: "unknownMetric", args: ["x"] });
          });
        } catch (e) {
          return e as Error;
        }
        throw new Error("no error");
      };
      expect(unknown().message).toBe("x is not a metric");
      global.Office = { context: { displayLanguage: "zh-CN" } };
      expect(unknown().message).toBe("“x”不是 CollectKPI 的指标 ID。指标列表见 =COLLECT.METRICS()（例如 recovery_achievement）。");
    } finally {
      delete global.Office;
    }
  });

  it("an error without a Chinese text (a bug caught by guard) keeps its English message", () => {
    setMessageLanguage("zh-CN");
    expect(() => run(() => { throw new TypeError("boom"); })).toThrow(expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/could not compute this cell/) }));
  });
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

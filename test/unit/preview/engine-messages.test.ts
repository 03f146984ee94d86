/**
 * The reasons behind error cells in the preview follow the page's language: the COLLECT
 * functions' from the core, and the formula engine's own (a plain =1/0, an unknown name),
 * which HyperFormula gives in English, as Chinese on the Chinese page (issue 16).
 */
import { SimWorkbook } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";

const CJK = /[\u4e00-\u9fff]/;

function errorOf(language: "en" | "zh", formula: string): { code: string; message: string } | undefined {
  const book = new SimWorkbook(["Data"]);
  const engine = attachEngine(book, language);
  const sheet = book.requireSheet("Data");
  book.setCellInput(sheet.id, 0, 0, formula);
  book.recalculate();
  return engine.valueAt(sheet.id, 0, 0).error;
}

describe.each([
  ["=1/0", "#DIV/0!"],
  ["=NOSUCHFUNCTION(1)", "#NAME?"],
  ["=COLLECT.RECOVERYRATE(50,0)", "#DIV/0!"],
  ['=COLLECT.GRADE("recovery_rate",0.9)', "#N/A"],
])("%s", (formula, code) => {
  test("Chinese page: a Chinese reason", () => {
    const e = errorOf("zh", formula);
    expect(e?.code).toBe(code);
    expect(e?.message).toMatch(CJK);
  });

  test("English page: an English reason", () => {
    const e = errorOf("en", formula);
    expect(e?.code).toBe(code);
    expect(e?.message).not.toMatch(CJK);
    expect(e?.message.length).toBeGreaterThan(5);
  });
});

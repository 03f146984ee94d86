import { linkTarget } from "../../../src/preview/links";

describe("HYPERLINK targets the preview follows", () => {
  test.each([
    ['=HYPERLINK("#\'Benchmarks\'!D13","Set threshold ›")', "'Benchmarks'!D13"],
    ['=IF(AND(D15="",D16=""),HYPERLINK("#\'基准\'!D9","设置阈值 ›"),"")', "'基准'!D9"],
    ['=hyperlink( "#Sheet1!A1" )', "Sheet1!A1"],
  ])("%s → %s", (formula, target) => {
    expect(linkTarget(formula)).toBe(target);
  });

  test.each(['=HYPERLINK("https://example.com","out")', "=SUM(A1:A3)", '="#Sheet1!A1"'])("%s is not followed", (formula) => {
    expect(linkTarget(formula)).toBeUndefined();
  });
});

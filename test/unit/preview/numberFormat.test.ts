/** The preview's number-format renderer against what Excel shows for the same value and format. */
import { defaultAlignment, formatGeneral, formatValue } from "../../../src/preview/numberFormat";

const cases: [number | string | boolean | null, string, string][] = [
  // value, format, Excel's text
  [0.8512, "0.0%", "85.1%"],
  [0.8512, "0.00%", "85.12%"],
  [1, "0%", "100%"],
  [-0.05, "0.0%", "-5.0%"],
  [-0.0001, "0.0%", "-0.0%"],
  [1234567.891, "#,##0", "1,234,568"],
  [1234567.891, "#,##0.00", "1,234,567.89"],
  [999.5, "#,##0", "1,000"],
  [0, "#,##0", "0"],
  [85000, '"¥"#,##0', "¥85,000"],
  [-85000, '"¥"#,##0', "-¥85,000"],
  [85000, "[$¥-804]#,##0", "¥85,000"],
  [85000, "¥#,##0", "¥85,000"],
  [12.34, '0.0"天"', "12.3天"],
  [12.34, '0.0" days"', "12.3 days"],
  [3.2, '0.00"‰"', "3.20‰"],
  [3.2, "0.00‰", "3.20‰"],
  [1.005, "0.00", "1.01"],
  [2.5, "0", "3"],
  [-2.5, "0", "-3"],
  [0.5, "#", "1"],
  [0.4, "#", ""],
  [0.25, "0.##", "0.25"],
  [1, "0.##", "1."],
  [1.5, "0.0#", "1.5"],
  [1234.5, "#,##0.0,", "1.2"],
  [1500000, '#,##0.0,,"M"', "1.5M"],
  [12345, "0.00E+00", "1.23E+04"],
  [0.00012, "0.0E+00", "1.2E-04"],
  [5, "0.00;(0.00)", "5.00"],
  [-5, "0.00;(0.00)", "(5.00)"],
  [0, '0.00;(0.00);"-"', "-"],
  [-5, "0.00;[Red]-0.00", "-5.00"],
  ["text", '0;0;0;"<"@">"', "<text>"],
  ["plain", "0.0%", "plain"],
  [150, '[>=100]"big";"small"', "big"],
  [15, '[>=100]"big";"small"', "small"],
  [0.123456789012, "General", "0.123456789"],
  [123456789012, "General", "1.23457E+11"],
  [42, "General", "42"],
  [-1.5, "General", "-1.5"],
  [1 / 3, "General", "0.333333333"],
  [42, 'General" pts"', "42 pts"],
  [42, "", "42"],
  [true, "General", "TRUE"],
  [false, "0.0%", "FALSE"],
  [null, "0.0%", ""],
  ["#DIV/0!", "0.0%", "#DIV/0!"],
];

describe("formatValue", () => {
  test.each(cases)("%p with %p shows %p", (value, format, expected) => {
    expect(formatValue(value, format).text).toBe(expected);
  });

  test("a [Red] section colours the text", () => {
    expect(formatValue(-5, "0.00;[Red]-0.00")).toEqual({ text: "-5.00", color: "#FF0000" });
    expect(formatValue(5, "0.00;[Red]-0.00").color).toBeUndefined();
  });
});

test("General keeps ten significant digits", () => {
  expect(formatGeneral(2 / 3)).toBe("0.666666667");
  expect(formatGeneral(1e-10)).toBe("1E-10");
});

test("default alignment follows Excel", () => {
  expect(defaultAlignment(1, false)).toBe("right");
  expect(defaultAlignment("a", false)).toBe("left");
  expect(defaultAlignment(true, false)).toBe("center");
  expect(defaultAlignment("#N/A", true)).toBe("center");
});

import { formulaBarText, parseTyped } from "../../../src/preview/typedInput";

describe("typed input", () => {
  test.each([
    ["85%", 0.85],
    ["12.5 %", 0.125],
    ["1,200", 1200],
    ["¥1,200", 1200],
    ["-¥50", -50],
    ["42", 42],
    ["", null],
    ["  ", null],
    ["=A1+1", "=A1+1"],
    ["abc", "abc"],
    ["1,20", "1,20"],
  ] as [string, unknown][])("%p is stored as %p", (typed, stored) => {
    expect(parseTyped(typed)).toBe(stored);
  });

  test("the formula bar shows percent inputs as typed", () => {
    expect(formulaBarText(0.85, "0.0%")).toBe("85%");
    expect(formulaBarText(0.07, '0.0"%"')).toBe("0.07");
    expect(formulaBarText(1200, "#,##0")).toBe("1200");
    expect(formulaBarText("=SUM(A1:A3)", "0.0%")).toBe("=SUM(A1:A3)");
  });
});

/**
 * The preview's grid renders the Data tab's date formats (its own number-format module): the
 * owned table's dates and call times, and the reporting month of a data-bound sheet.
 */
import { formatValue } from "../../../src/preview/numberFormat";

describe("date and time formats in the preview", () => {
  // 46296 = 2026-10-01 (src/data/typed.ts serialOf works it out by hand); 0.5 = noon.
  test.each([
    [46296, "yyyy-mm-dd", "2026-10-01"],
    [46298, "yyyy-mm-dd", "2026-10-03"],
    [46296, "yyyy-mm", "2026-10"],
    [46296, 'yyyy"年"m"月"', "2026年10月"],
    [46296.5, "yyyy-mm-dd hh:mm:ss", "2026-10-01 12:00:00"],
    [46296 + (9 * 3600 + 5 * 60 + 7) / 86400, "yyyy-mm-dd hh:mm:ss", "2026-10-01 09:05:07"],
    [45351, "d/m/yy", "29/2/24"],
    [61, "yyyy-mm-dd", "1900-03-01"],
    [1, "yyyy-mm-dd", "1900-01-01"],
    [-1, "yyyy-mm-dd", "#######"],
  ])("%p as %s → %s", (value, format, text) => {
    expect(formatValue(value, format).text).toBe(text);
  });

  test("elapsed time ([h]) and plain numbers are unchanged", () => {
    expect(formatValue(1.5, "[h]:mm").text).toBe("1.5");
    expect(formatValue(1234.5, "#,##0.00").text).toBe("1,234.50");
  });
});

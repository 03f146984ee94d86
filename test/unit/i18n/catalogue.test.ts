/**
 * Every catalogue metric speaks both languages: the functions' Chinese help, METRICS("zh-CN"),
 * the templates and the reference pages all take their words from these records.
 */
import { CATALOGUE, Localized, Metric } from "../../../src/core";
import { hasChinese } from "./text";

const FIELDS = ["name", "formula", "unit", "source", "area"] as const;
/** Fields whose Chinese text is words (a unit may be "%" or "‰" in both languages; an area may be "M1"). */
const WORDS = ["name", "formula", "source"] as const;

const rows = CATALOGUE.map((m) => [m.id, m] as [string, Metric]);

describe.each(rows)("%s", (_id, metric) => {
  test.each(FIELDS)("%s has non-empty English and Chinese text", (field) => {
    const text: Localized = metric[field];
    expect(text.en.trim()).not.toBe("");
    expect(text.zh.trim()).not.toBe("");
  });

  test.each(WORDS)("%s: the Chinese is Chinese, the English has no Chinese", (field) => {
    expect(hasChinese(metric[field].zh)).toBe(true);
    expect(hasChinese(metric[field].en)).toBe(false);
  });

  test("unit and area: no Chinese in the English", () => {
    expect(hasChinese(metric.unit.en)).toBe(false);
    expect(hasChinese(metric.area.en)).toBe(false);
  });
});

test("metric names are distinct in each language", () => {
  for (const language of ["en", "zh"] as const) {
    const names = CATALOGUE.map((m) => m.name[language]);
    expect(new Set(names).size).toBe(names.length);
  }
});

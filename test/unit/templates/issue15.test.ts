/**
 * The sheets of issue 15, computed in HyperFormula beside the Benchmarks sheet: outsourced
 * agencies, the monthly trend, cohort recovery curves, and the roll-rate sheet's heat map and
 * chart. Cells are checked against sums done by hand from the sample data (arithmetic in the
 * comments); every chart and heat map refers to cells of its own sheet that hold numbers.
 */
import { CellValue, DetailedCellError } from "hyperformula";
import { LEVEL_LABELS } from "../../../src/core";
import { STRINGS, TEMPLATES } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";
import { TREND_SAMPLE_MONTHS } from "../../../src/templates/monthly";
import { LANGUAGES, cellsOf, headerTexts, letters, metricColumn, template, workbookOf } from "./support";

const num = (v: CellValue): number => {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};

describe.each(LANGUAGES)("outsourced agencies (%s)", (language) => {
  const spec = template("agencies").build({ language, sample: true });
  const wb = workbookOf(spec);
  const { firstRow, totalRow } = spec.layout!;
  const total = (metric: string): number => num(wb.value(spec.name, `${metricColumn(spec, metric)}${totalRow}`));

  test("the total over all agencies is the ratio of sums", () => {
    // Σrecovered 1,380,000+1,105,000+920,000+810,000+1,012,000+432,000 = 5,659,000
    // Σplaced 12,000,000+8,500,000+10,000,000+6,000,000+9,200,000+4,800,000 = 50,500,000
    expect(total("agency_recovery_rate")).toBeCloseTo(5659000 / 50500000, 12); // 0.11206
    // Σcommission 331,200+243,100+248,400+170,100+253,000+125,280 = 1,371,080 over Σrecovered 5,659,000
    expect(total("commission_cost_ratio")).toBeCloseTo(1371080 / 5659000, 12); // 0.24228
    // Σbreaches 6+2+15+1+9+8 = 41; Σhandled 4,200+3,100+3,600+2,300+3,400+1,900 = 18,500
    expect(total("contact_breach_rate")).toBeCloseTo(41 / 18500, 12); // 2.22‰
    // Σcomplaints 9+4+11+3+7+6 = 40 over 18,500
    expect(total("complaint_rate")).toBeCloseTo(40 / 18500, 12); // 2.16‰
    expect(spec.cells[totalRow! - 1][0]).toBe(STRINGS[language].agencyTotal);
  });

  test("each agency's own rates, its grades and its rank by recovery on the placed amount", () => {
    const col = metricColumn(spec, "agency_recovery_rate");
    // A 1,380,000 / 12,000,000 = 0.115; D 810,000 / 6,000,000 = 0.135; F 432,000 / 4,800,000 = 0.09
    expect(num(wb.value(spec.name, `${col}${firstRow}`))).toBeCloseTo(0.115, 12);
    expect(num(wb.value(spec.name, `${col}${firstRow + 3}`))).toBeCloseTo(0.135, 12);
    // C's commission 248,400 / 920,000 = 0.27
    expect(num(wb.value(spec.name, `${metricColumn(spec, "commission_cost_ratio")}${firstRow + 2}`))).toBeCloseTo(0.27, 12);
    // Ranks: 0.115, 0.13, 0.092, 0.135, 0.11, 0.09 → 3, 2, 5, 1, 4, 6
    const [from] = spec.layout!.rank!.split(":");
    const rankColumn = from.replace(/\d+/g, "");
    expect([0, 1, 2, 3, 4, 5].map((i) => wb.value(spec.name, `${rankColumn}${firstRow + i}`))).toEqual([3, 2, 5, 1, 4, 6]);
    // No source gives an agency threshold: "No benchmark"; the complaint rate is graded:
    // A 9 / 4,200 = 2.14‰, within 3‰ but above 1‰ → Meets.
    const header = headerTexts(spec);
    const S = STRINGS[language];
    const gradeOf = (metric: string, name: string): CellValue => wb.value(spec.name, `${letters(header.indexOf(S.gradeHeader(name)))}${firstRow}`);
    const name = (id: string): string => spec.cells[spec.layout!.headerRow - 1][spec.cells[2].indexOf(id)]!.toString().replace(/\n/g, "");
    expect(gradeOf("agency_recovery_rate", name("agency_recovery_rate"))).toBe(S.noBenchmark);
    expect(gradeOf("commission_cost_ratio", name("commission_cost_ratio"))).toBe(S.noBenchmark);
    expect(gradeOf("complaint_rate", name("complaint_rate"))).toBe(LEVEL_LABELS[language].meets);
  });
});

describe.each(LANGUAGES)("monthly trend (%s)", (language) => {
  const spec = template("monthly").build({ language, sample: true });
  const wb = workbookOf(spec);
  const { firstRow, lastRow } = spec.layout!;
  const headers = headerTexts(spec);
  const S = STRINGS[language];
  const nameOf = (id: string): string => String(spec.cells[spec.layout!.headerRow - 1][spec.cells[2].indexOf(id)]).replace(/\n/g, "");
  const at = (header: string, row: number): CellValue => wb.value(spec.name, `${letters(headers.indexOf(header))}${row}`);

  test("12 months, the month as its first day, each KPI the ratio of that month's totals", () => {
    expect(lastRow - firstRow + 1).toBe(12);
    // 2025-11-01 is serial 45962 (2026-01-01 is 46023, less 31 + 30 days); 2026-10-01 is 46296.
    expect([spec.cells[firstRow - 1][0], spec.cells[lastRow - 1][0]]).toEqual([45962, 46296]);
    expect(TREND_SAMPLE_MONTHS[3]).toBe(46054); // 2026-02-01
    const recovery = metricColumn(spec, "recovery_achievement");
    // February 2026 (row 4 of the months): 1,012,500 / 1,350,000 = 0.75, the Chinese New Year dip
    expect(num(wb.value(spec.name, `${recovery}${firstRow + 3}`))).toBeCloseTo(0.75, 12);
    // March 2026: compliance 917 / 940 = 0.97553, below its 98%
    expect(num(wb.value(spec.name, `${metricColumn(spec, "compliance_pass_rate")}${firstRow + 4}`))).toBeCloseTo(917 / 940, 12);
    // October 2026: 1,500,000 / 9 FTE = 166,666.67 per collector
    expect(num(wb.value(spec.name, `${metricColumn(spec, "per_capita_recovery")}${lastRow}`))).toBeCloseTo(1500000 / 9, 6);
  });

  test("the change from the previous month, blank for the first month", () => {
    const change = S.monthly.change(nameOf("recovery_achievement"));
    expect(at(change, firstRow)).toBe(null);
    // February 0.75 − January 1,161,000 / 1,350,000 = 0.86 → −0.11
    expect(num(at(change, firstRow + 3))).toBeCloseTo(0.75 - 0.86, 12);
    // complaint rate, October 12 / 10,000 − September 14 / 9,900
    expect(num(at(S.monthly.change(nameOf("complaint_rate")), lastRow))).toBeCloseTo(12 / 10000 - 14 / 9900, 14);
  });

  test("thresholds read from CollectBenchmarks, repeated per month; blank where the catalogue has none", () => {
    for (let r = firstRow; r <= lastRow; r++) {
      expect(at(S.monthly.threshold(nameOf("recovery_achievement"), "meets"), r)).toBe(0.85);
      expect(at(S.monthly.threshold(nameOf("recovery_achievement"), "excellent"), r)).toBe(1.2);
      expect(at(S.monthly.threshold(nameOf("compliance_pass_rate"), "excellent"), r)).toBe("");
    }
  });

  test("one line chart per KPI: the KPI, and its thresholds as threshold lines where they are set", () => {
    const charts = spec.charts!;
    expect(charts.map((c) => c.id)).toEqual(template("monthly").metrics.map((m) => `trend-${m}`));
    const recovery = charts[0];
    expect(recovery.series.map((s) => s.role)).toEqual(["value", "threshold", "threshold"]);
    expect(recovery.series.map((s) => s.name)).toEqual([nameOf("recovery_achievement"), S.monthly.meets, S.monthly.excellent]);
    // Compliance has no Excellent default: only its Meets line.
    expect(charts[2].series.map((s) => s.role)).toEqual(["value", "threshold"]);
    for (const c of charts) {
      expect(c.kind).toBe("line");
      expect(c.categories).toBe(`A${firstRow}:A${lastRow}`);
      // Below the table and its note, never over a cell that holds something.
      expect(Number(/\d+$/.exec(c.at)![0])).toBeGreaterThan(spec.cells.length);
    }
  });
});

describe.each(LANGUAGES)("cohort recovery curves (%s)", (language) => {
  const spec = template("vintage").build({ language, sample: true });
  const wb = workbookOf(spec);
  const v = (a1: string): CellValue => wb.value(spec.name, a1);

  test("months observed are counted from each cohort's row", () => {
    // November 2025 has 12 months typed, October 2026 one.
    expect([v("C6"), v("C17")]).toEqual([12, 1]);
  });

  test("the triangle: cumulative recovered / placed, blank where a cohort has not reached the month", () => {
    // November 2025, month 1: 322,400 / 5,200,000 = 0.062
    expect(num(v("D21"))).toBeCloseTo(0.062, 12);
    // month 12: (322,400+249,600+192,400+150,800+119,600+93,600+78,000+62,400+52,000+41,600+36,400+31,200) = 1,430,000 / 5,200,000 = 0.275
    expect(num(v("O21"))).toBeCloseTo(0.275, 12);
    // October 2026, month 1: 451,400 / 6,500,000; month 2 not reached
    expect(num(v("D32"))).toBeCloseTo(451400 / 6500000, 12);
    expect(v("E32")).toBe("");
    // Every curve rises month by month (recoveries are not negative).
    for (let r = 21; r <= 32; r++) {
      const row = Array.from({ length: 12 }, (_, k) => v(`${letters(3 + k)}${r}`)).filter((x): x is number => typeof x === "number");
      expect(row.length).toBe(12 - (r - 21));
      for (let k = 1; k < row.length; k++) expect(row[k]).toBeGreaterThanOrEqual(row[k - 1]);
    }
  });

  test("the pooled curve: Σ cumulative / Σ placed over the cohorts that reached each month", () => {
    // Month 1, all twelve: Σ month 1 = 4,449,400; Σ placed 5.2+4.8+5.5+4.3+5.9+6.1+5.6+6.4+6.0+6.3+6.8+6.5 = 69.4 M
    expect(num(v("D33"))).toBeCloseTo(4449400 / 69400000, 12);
    // Month 12, November 2025 alone: 0.275
    expect(num(v("O33"))).toBeCloseTo(0.275, 12);
    // Month 11, November and December 2025: (1,430,000 − 31,200) + Σ December's 11 months over 5.2 M + 4.8 M
    // December: 282,700+218,900+168,700+132,200+104,900+82,100+68,400+54,700+45,600+36,500+31,900 = 1,226,600
    expect(num(v("N33"))).toBeCloseTo((1430000 - 31200 + 1226600) / 10000000, 12);
  });

  test("a heat map over the triangle (higher is better) and a chart of a few curves and the pooled one", () => {
    expect(spec.colorScales).toEqual([{ range: "D21:O32", better: "higher" }]);
    const chart = spec.charts![0];
    expect(chart.categories).toBe("D20:O20");
    // The charted cohorts (1st, 4th, 7th, 10th) read the chart's copy of their curves in rows 36–39.
    expect(chart.series.map((s) => s.values)).toEqual(["D36:O36", "D37:O37", "D38:O38", "D39:O39", "D33:O33"]);
    expect(spec.layout?.chartGaps).toBe("D36:O39");
    expect(chart.at).toBe("A41");
    expect(chart.series[4].name).toBe(STRINGS[language].vintage.pooled);
    expect(chart.series[0].name).toBe(language === "zh" ? "2025年11月" : "Nov 2025");
  });

  test("the chart's copy of a curve: the triangle's value, #N/A where the cohort has not reached the month (a line chart skips it)", () => {
    // Row 37 copies the 4th cohort (row 24, February 2026: 9 months): months 1–9 as in the triangle, 10–12 #N/A.
    expect(v("D37")).toBe(v("D24"));
    expect(v("L37")).toBe(v("L24"));
    expect(v("L24")).toBeGreaterThan(0);
    expect(v("M24")).toBe("");
    expect(v("M37")).toBeInstanceOf(DetailedCellError);
    expect((v("M37") as DetailedCellError).value).toBe("#N/A");
    // The 1st cohort reached all 12 months: no gap.
    expect(v("O36")).toBe(v("O21"));
  });
});

describe.each(LANGUAGES)("roll rates: heat map and trend chart (%s)", (language) => {
  const spec = template("rollrate").build({ language, sample: true });
  test("a heat map over the monthly roll rates, lower is better", () => {
    expect(spec.colorScales).toEqual([{ range: "B15:G20", better: "lower" }]);
  });
  test("one line per transition over the six months of roll rates, below the loss factors", () => {
    const chart = spec.charts![0];
    expect(chart.categories).toBe("A15:A20");
    expect(chart.series.map((s) => s.values)).toEqual(["B15:B20", "C15:C20", "D15:D20", "E15:E20", "F15:F20", "G15:G20"]);
    expect(chart.series[0].name).toBe(`${STRINGS[language].rollrate.buckets[0]}→M1`);
    expect(chart.at).toBe("A27");
  });
});

/** Every chart and heat map of every template, with sample data. */
describe.each(TEMPLATES.flatMap((t) => LANGUAGES.map((language) => [t.id, language] as const)))("charts of %s (%s)", (id, language) => {
  const spec: SheetSpec = template(id).build({ language, sample: true });
  const wb = workbookOf(spec);
  const inside = (range: string): boolean => cellsOf(range).every(([r, c]) => r < spec.cells.length && c < spec.cells[0].length);

  test("refer to cells of the sheet; series hold numbers, one per category", () => {
    const ids = new Set<string>();
    for (const chart of spec.charts ?? []) {
      expect(ids.has(chart.id)).toBe(false);
      ids.add(chart.id);
      expect([chart.id, inside(chart.categories)]).toEqual([chart.id, true]);
      const n = cellsOf(chart.categories).length;
      for (const s of chart.series) {
        expect([chart.id, s.values, inside(s.values), cellsOf(s.values).length]).toEqual([chart.id, s.values, true, n]);
        const values = cellsOf(s.values).map(([r, c]) => wb.value(spec.name, `${letters(c)}${r + 1}`));
        // A cohort's months not reached are blank; every other point is a number.
        const numbers = values.filter((x) => typeof x === "number").length;
        expect([chart.id, s.name, numbers]).toEqual([chart.id, s.name, id === "vintage" ? expect.any(Number) : n]);
        // A point is a number, a blank, or #N/A in the sheet's chart gaps (a break in the line).
        const gap = (x: unknown): boolean => x instanceof DetailedCellError && x.value === "#N/A" && spec.layout?.chartGaps !== undefined;
        expect(values.every((x) => typeof x === "number" || x === "" || gap(x))).toBe(true);
        expect(numbers).toBeGreaterThan(0);
      }
      // The chart's corner is below every cell that holds something.
      expect(Number(/\d+$/.exec(chart.at)![0])).toBeGreaterThan(spec.cells.length);
    }
    for (const scale of spec.colorScales ?? []) expect(inside(scale.range)).toBe(true);
  });
});

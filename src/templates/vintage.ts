/**
 * Cohort recovery curves 回收曲线 (vintage), issue 15: placements by month, what each cohort
 * recovered in each month after placement, and COLLECT.VINTAGE's triangle of cumulative
 * recovery rates (recovered so far ÷ placed) with a heat map, the pooled curve, and a line
 * chart of a few cohorts' curves and the pooled one.
 *
 *   1 title, 2 instructions
 *   4 section note; 5 header (placement month, placed, months observed, month 1 … 12)
 *   6–17   one row per cohort (12, oldest first): A month (first day), B placed, C months
 *          observed =COUNT of the row's months (computed), D–O recovered in month k (inputs)
 *   19 section note; 20 header (placement month, months 1 … 12 over D–O)
 *   21–32  A the cohort's month; D21 =COLLECT.VINTAGE(B6:B17,D6:O17,C6:C17) spilled 12 × 12
 *   33     the pooled curve: D33 =COLLECT.VINTAGE(…,TRUE()) spilled 1 × 12
 *   35 note; 36–39 the charted cohorts' curves again, #N/A for months not reached
 *   41…    the chart, below
 *
 * A line chart draws a text cell ("", a month not reached) as 0, so a young cohort's curve
 * would fall to 0 after its last month; #N/A is the one value Excel's line charts skip (Jon
 * Peltier, "Plot Blank Cells and #N/A in Excel Charts"). The chart reads its own copy of the
 * curves, where a month not reached is #N/A; the triangle above stays blank there.
 *
 * Months observed are counted, not inferred: a month typed as 0 (nothing recovered) is a month
 * observed, and every host reads the same (Excel desktop passes an empty cell to a function as
 * 0). TRUE() rather than TRUE: the preview's engine (HyperFormula) knows TRUE only as a function.
 */
import { area, cell, numberFormat, SheetBuilder } from "./sheet";
import { monthSerial } from "./monthly";
import { STRINGS, templateTexts } from "./strings";
import type { ChartSpec, SheetSpec, TemplateDef, TemplateOptions } from "./types";

export const VINTAGE_MONTHS = 12;

/** Placement months of the sample: November 2025 … October 2026. */
export const VINTAGE_SAMPLE_MONTHS: readonly number[] = Array.from({ length: VINTAGE_MONTHS }, (_, i) => monthSerial(2025, 11 + i));

/** Amount placed per cohort (CNY). */
export const VINTAGE_PLACED: readonly number[] = [5200000, 4800000, 5500000, 4300000, 5900000, 6100000, 5600000, 6400000, 6000000, 6300000, 6800000, 6500000];

/**
 * Recovered in month 1, 2, … after placement (CNY, not cumulative): falling month by month,
 * about 6% of the placed amount in month 1 to 0.6% in month 12, each cohort a little better or
 * worse; cohort i has reached 12 − i months (the latest placement, one).
 */
export const VINTAGE_RECOVERED: readonly (readonly number[])[] = [
  [322400, 249600, 192400, 150800, 119600, 93600, 78000, 62400, 52000, 41600, 36400, 31200],
  [282700, 218900, 168700, 132200, 104900, 82100, 68400, 54700, 45600, 36500, 31900],
  [354600, 274600, 211600, 165900, 131600, 103000, 85800, 68600, 57200, 45800],
  [239900, 185800, 143200, 112200, 89000, 69700, 58000, 46400, 38700],
  [373100, 288900, 222700, 174500, 138400, 108300, 90300, 72200],
  [400900, 310400, 239200, 187500, 148700, 116400, 97000],
  [340300, 263400, 203100, 159200, 126200, 98800],
  [428500, 331800, 255700, 200400, 159000],
  [383200, 296600, 228700, 179200],
  [429700, 332600, 256400],
  [442700, 342700],
  [451400],
];

/** The cohorts the chart draws (every third, so it stays readable), with the pooled curve. */
export const VINTAGE_CHART_COHORTS: readonly number[] = [0, 3, 6, 9];

export function buildVintageSheet(options: TemplateOptions): SheetSpec {
  const { language, sample } = options;
  const S = STRINGS[language];
  const V = S.vintage;
  const text = S.templates.vintage;
  const n = VINTAGE_PLACED.length;
  const m = VINTAGE_MONTHS;

  const inputsNote = 4;
  const headerRow = 5;
  const first = headerRow + 1; // 6
  const last = first + n - 1; // 17
  const curvesNote = last + 2; // 19
  const curvesHeader = curvesNote + 1; // 20
  const curvesFirst = curvesHeader + 1; // 21
  const curvesLast = curvesFirst + n - 1; // 32
  const pooledRow = curvesLast + 1; // 33
  const chartNote = pooledRow + 2; // 35
  const chartFirst = chartNote + 1; // 36
  const chartLast = chartFirst + VINTAGE_CHART_COHORTS.length - 1; // 39
  const chartRow = chartLast + 2; // 41
  const monthFirst = 3; // D
  const monthLast = monthFirst + m - 1; // O
  const columns = monthLast + 1;

  const pct = numberFormat("percent", language);
  const money = numberFormat("currency", language);
  const monthFormat = numberFormat("month", language);
  const b = new SheetBuilder(chartLast, columns);
  b.set(1, 0, text.title);
  b.set(2, 0, text.instructions);
  b.style("A1", "title");
  b.style("A2", "instructions");

  // Inputs: placements and what each recovered month by month.
  b.set(inputsNote, monthFirst, V.inputsSection);
  b.style(cell(inputsNote, monthFirst), "note");
  b.set(headerRow, 0, V.cohort);
  b.set(headerRow, 1, V.placed);
  b.set(headerRow, 2, V.observed);
  for (let k = 0; k < m; k++) b.set(headerRow, monthFirst + k, V.monthAfter(k + 1));
  b.style(area(headerRow, 0, headerRow, monthLast), "header");
  for (let i = 0; i < n; i++) {
    const r = first + i;
    b.set(r, 0, sample ? VINTAGE_SAMPLE_MONTHS[i] : null, monthFormat);
    b.set(r, 1, sample ? VINTAGE_PLACED[i] : null, money);
    const months = area(r, monthFirst, r, monthLast);
    // Months observed: the months typed (a typed 0 counts), blank with the placed amount.
    b.set(r, 2, `=IF(${cell(r, 1)}="","",COUNT(${months}))`, numberFormat("count", language));
    for (let k = 0; k < m; k++) b.set(r, monthFirst + k, sample && k < VINTAGE_RECOVERED[i].length ? VINTAGE_RECOVERED[i][k] : null, money);
  }
  const labelsAndPlaced = area(first, 0, last, 1);
  const recovered = area(first, monthFirst, last, monthLast);
  b.style(labelsAndPlaced, "input");
  b.style(area(first, 2, last, 2), "computed");
  b.style(recovered, "input");
  b.validations.push({ range: area(first, 0, last, 0), min: 1, max: 2958465, message: S.validation.month });
  b.validations.push({ range: area(first, 1, last, 1), min: 0, message: S.validation.amount });
  b.validations.push({ range: recovered, min: 0, message: S.validation.amount });

  // The triangle of cumulative recovery rates, and the pooled curve.
  b.set(curvesNote, 0, V.curvesSection);
  b.style(cell(curvesNote, 0), "note");
  b.set(curvesHeader, 0, V.cohort);
  for (let k = 0; k < m; k++) b.set(curvesHeader, monthFirst + k, V.monthAfter(k + 1));
  b.style(area(curvesHeader, 0, curvesHeader, monthLast), "header");
  const placed = area(first, 1, last, 1);
  const observed = area(first, 2, last, 2);
  const args = `${placed},${recovered},${observed}`;
  for (let i = 0; i < n; i++) {
    const label = cell(first + i, 0);
    b.set(curvesFirst + i, 0, `=IF(${label}="","",${label})`, monthFormat);
    for (let k = 0; k < m; k++) b.format(curvesFirst + i, monthFirst + k, pct);
  }
  // Blank until amounts are placed, like every template; then the spill, as dynamic-array Excel hands it on.
  b.set(curvesFirst, monthFirst, `=IF(COUNT(${placed})=0,"",COLLECT.VINTAGE(${args}))`);
  b.set(pooledRow, 0, V.pooled);
  b.set(pooledRow, monthFirst, `=IF(COUNT(${placed})=0,"",COLLECT.VINTAGE(${args},TRUE()))`);
  for (let k = 0; k < m; k++) b.format(pooledRow, monthFirst + k, pct);
  b.style(area(curvesFirst, 0, curvesLast, monthLast), "computed");
  b.style(area(pooledRow, 0, pooledRow, monthLast), "total");
  const triangle = area(curvesFirst, monthFirst, curvesLast, monthLast);

  // The chart's copy of the charted cohorts' curves: #N/A where the triangle is blank, once amounts are placed.
  b.set(chartNote, 0, V.chartData);
  b.style(cell(chartNote, 0), "note");
  VINTAGE_CHART_COHORTS.forEach((i, j) => {
    const r = chartFirst + j;
    b.set(r, 0, `=${cell(curvesFirst + i, 0)}`, monthFormat);
    for (let k = 0; k < m; k++) {
      const source = cell(curvesFirst + i, monthFirst + k);
      b.set(r, monthFirst + k, `=IF(${source}="",IF(COUNT(${placed})=0,"",NA()),${source})`, pct);
    }
  });
  b.style(area(chartFirst, 0, chartLast, monthLast), "note");

  const series: ChartSpec["series"][number][] = VINTAGE_CHART_COHORTS.map((i, j) => ({
    // The legend: the sample cohort's month, or "Placement month 4" on a blank sheet.
    name: sample ? cohortName(VINTAGE_SAMPLE_MONTHS[i], language) : `${V.cohort} ${i + 1}`,
    values: area(chartFirst + j, monthFirst, chartFirst + j, monthLast),
    role: "value",
  }));
  series.push({ name: V.pooled, values: area(pooledRow, monthFirst, pooledRow, monthLast), role: "value" });
  const chart: ChartSpec = {
    id: "vintage-curves",
    kind: "line",
    title: V.chartTitle,
    categories: area(curvesHeader, monthFirst, curvesHeader, monthLast),
    series,
    at: cell(chartRow, 0),
    width: 620,
    height: 300,
    numberFormat: "0%",
  };

  return b.build({
    templateId: "vintage",
    name: text.sheet,
    language,
    columnWidths: [language === "zh" ? 110 : 130, 110, 90, ...Array<number>(m).fill(language === "zh" ? 84 : 80)],
    freeze: { rows: headerRow, columns: 1 },
    layout: { headerRow, firstRow: first, lastRow: last, inputs: [labelsAndPlaced, recovered], chartGaps: area(chartFirst, monthFirst, chartLast, monthLast) },
    colorScales: [{ range: triangle, better: "higher" }],
    charts: [chart],
  });
}

/** "Nov 2025" / "2025年11月": a sample cohort's name in the chart's legend. */
function cohortName(serial: number, language: "en" | "zh"): string {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  if (language === "zh") return `${year}年${month + 1}月`;
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month]} ${year}`;
}

export const VINTAGE_TEMPLATE: TemplateDef = {
  id: "vintage",
  ...templateTexts("vintage"),
  metrics: [],
  build: buildVintageSheet,
};

/**
 * Monthly trend 月度趋势 (issue 15): a team's KPIs month by month from typed monthly totals,
 * each a ratio of that month's totals computed by its COLLECT function, with the change from
 * the previous month, its Meets and Excellent thresholds read from CollectBenchmarks and
 * repeated per month (so a chart draws them as lines), and one line chart per KPI.
 *
 *   1 title, 2 instructions, 3 metric ids over the KPI columns, 4 header
 *   5–16  one row per month (12), oldest first: A the month (first day, shown 2026-01),
 *         inputs, KPIs, changes, thresholds
 *   18    a note on the charts; 19… the charts, two side by side, below the table
 *
 * Columns: A month | inputs (monthly totals) | KPIs | change from the previous month (one per
 * KPI, in the KPI's unit: percentage points for a rate) | thresholds (Meets, Excellent per KPI).
 *
 * The KPIs are the balanced scorecard's whose inputs a team totals every month: recovery
 * achievement, effective talk ratio, compliance pass rate, complaint rate and recovery per
 * collector. A chart draws a threshold only where the catalogue has a default for it: a blank
 * threshold is "" in its cells, and Excel draws text in a line as 0.
 */
import { Language, Metric, findMetric } from "../core";
import { InputColumn, chineseHeader, metricIdWidth, twoLineWidth } from "./team";
import { SheetBuilder, area, cell, numberFormat } from "./sheet";
import { STRINGS } from "./strings";
import { BENCHMARKS_NAME, ChartSpec, SheetSpec, TemplateDef, TemplateOptions } from "./types";

export const TREND_MONTHS = 12;

/** The Excel serial of the first day of a month (1900 date system): 2026-10-01 is 46296. */
export function monthSerial(year: number, month: number): number {
  return Math.round((Date.UTC(year, month - 1, 1) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** The sample's months: November 2025 … October 2026. */
export const TREND_SAMPLE_MONTHS: readonly number[] = Array.from({ length: TREND_MONTHS }, (_, i) => monthSerial(2025, 11 + i));

const money = (key: InputColumn["key"], sample: number[]): InputColumn => ({ key, format: "currency", sample });
const count = (key: InputColumn["key"], sample: number[]): InputColumn => ({ key, format: "count", sample });

/**
 * The monthly totals of an 8-collector M1 team over 12 months (November 2025 first): recovery
 * climbs after a weak Chinese New Year month (February 2026), compliance dips below 98% in
 * March and recovers, complaints fall.
 */
export const TREND_INPUTS: readonly InputColumn[] = [
  money("target", [1300000, 1300000, 1350000, 1350000, 1350000, 1400000, 1400000, 1400000, 1450000, 1450000, 1450000, 1500000]),
  money("recovered", [1118000, 1157000, 1161000, 1012500, 1147500, 1218000, 1260000, 1288000, 1348500, 1377500, 1421000, 1500000]),
  { key: "totalTalk", format: "minutes", sample: [18500, 18200, 18800, 15600, 18900, 19100, 19000, 19300, 19500, 19400, 19800, 20000] },
  { key: "effectiveTalk", format: "minutes", sample: [10360, 10374, 10904, 8580, 10773, 11269, 11400, 11580, 11895, 11834, 12276, 12600] },
  count("inspected", [900, 880, 920, 760, 940, 950, 960, 960, 980, 970, 990, 1000]),
  count("passed", [886, 867, 906, 746, 917, 935, 946, 947, 967, 958, 979, 990]),
  count("handled", [9300, 9150, 9400, 8100, 9500, 9600, 9650, 9700, 9800, 9750, 9900, 10000]),
  count("complaints", [28, 25, 27, 24, 22, 21, 19, 18, 17, 15, 14, 12]),
  { key: "fte", format: "fte", sample: [8, 8, 8, 7.5, 8, 8, 8, 8, 8.5, 8.5, 8.5, 9] },
];

/** The KPIs and the inputs each takes, in the catalogue's parameter order. */
export const TREND_KPIS: readonly { readonly metric: string; readonly args: readonly InputColumn["key"][] }[] = [
  { metric: "recovery_achievement", args: ["recovered", "target"] },
  { metric: "effective_talk_ratio", args: ["effectiveTalk", "totalTalk"] },
  { metric: "compliance_pass_rate", args: ["passed", "inspected"] },
  { metric: "complaint_rate", args: ["complaints", "handled"] },
  { metric: "per_capita_recovery", args: ["recovered", "fte"] },
];

const LEVELS = ["meets", "excellent"] as const;

function metricOf(id: string): Metric {
  const m = findMetric(id);
  if (m === undefined) throw new Error(`unknown metric ${id}`);
  return m;
}

/** A KPI's change from the previous month: signed, in the KPI's own format. */
function changeFormat(m: Metric, language: Language): string {
  const base = numberFormat(m.format, language);
  return `+${base};-${base};${base}`;
}

/** The value axis of a KPI's chart: whole percents for rates, the unit's format otherwise. */
function axisFormat(m: Metric, language: Language): string {
  return m.format === "percent" ? "0%" : m.format === "permille" ? "0.0%" : numberFormat(m.format, language);
}

const WIDTH = { month: 90, kpi: 96, change: 96, threshold: 96 } as const;
const INPUT_WIDTH = { currency: 100, count: 84, minutes: 92, fte: 76 } as const;
export const TREND_CHART = { width: 420, height: 230, rowsApart: 17 } as const;

export function buildMonthlySheet(options: TemplateOptions): SheetSpec {
  const { language, sample } = options;
  const S = STRINGS[language];
  const M = S.monthly;
  const text = S.templates.monthly;
  const metrics = TREND_KPIS.map((k) => metricOf(k.metric));
  for (const [i, k] of TREND_KPIS.entries()) {
    if (k.args.length !== metrics[i].params.length) throw new Error(`monthly: ${k.metric} takes ${metrics[i].params.length} arguments`);
  }

  const idRow = 3;
  const headerRow = 4;
  const first = headerRow + 1;
  const last = first + TREND_MONTHS - 1; // 16
  const noteRow = last + 2; // 18
  const chartRow = noteRow + 1; // 19

  const inputFirst = 1;
  const inputColumn = new Map(TREND_INPUTS.map((input, i) => [input.key, inputFirst + i]));
  const kpiFirst = inputFirst + TREND_INPUTS.length;
  const changeFirst = kpiFirst + metrics.length;
  const thresholdFirst = changeFirst + metrics.length;
  const thresholdColumn = (i: number, level: (typeof LEVELS)[number]): number => thresholdFirst + 2 * i + (level === "meets" ? 0 : 1);
  const columns = thresholdFirst + 2 * metrics.length;
  const lastColumn = columns - 1;

  const b = new SheetBuilder(noteRow, columns);
  const widths: number[] = Array<number>(columns).fill(WIDTH.kpi);
  widths[0] = WIDTH.month;
  b.set(1, 0, text.title);
  b.set(2, 0, text.instructions);
  b.style("A1", "title");
  b.style("A2", "instructions");

  // Metric ids above the KPI columns, as on the team sheets.
  b.set(idRow, 0, S.metricIdRow);
  metrics.forEach((m, i) => b.set(idRow, kpiFirst + i, m.id));
  b.style(area(idRow, 0, idRow, kpiFirst + metrics.length - 1), "note");

  // Header.
  b.set(headerRow, 0, M.month);
  TREND_INPUTS.forEach((input, i) => b.set(headerRow, inputFirst + i, S.inputs[input.key]));
  metrics.forEach((m, i) => {
    b.set(headerRow, kpiFirst + i, m.name[language]);
    b.set(headerRow, changeFirst + i, M.change(m.name[language]));
    for (const level of LEVELS) b.set(headerRow, thresholdColumn(i, level), M.threshold(m.name[language], level));
  });
  b.style(area(headerRow, 0, headerRow, lastColumn), "header");

  // Months and inputs.
  const monthFormat = numberFormat("month", language);
  TREND_INPUTS.forEach((input, i) => {
    const c = inputFirst + i;
    widths[c] = INPUT_WIDTH[input.format];
    const fmt = input.format === "currency" ? numberFormat("currency", language) : input.format === "fte" ? numberFormat("fte", language) : numberFormat("count", language);
    for (let t = 0; t < TREND_MONTHS; t++) b.set(first + t, c, sample ? input.sample[t] : null, fmt);
  });
  for (let t = 0; t < TREND_MONTHS; t++) b.set(first + t, 0, sample ? TREND_SAMPLE_MONTHS[t] : null, monthFormat);
  const inputs = area(first, 0, last, kpiFirst - 1);
  b.style(inputs, "input");
  b.validations.push({ range: area(first, 0, last, 0), min: 1, max: 2958465, message: S.validation.month });
  b.validations.push({ range: area(first, inputFirst, last, kpiFirst - 1), min: 0, message: S.validation.amount });

  // KPIs, changes and thresholds, month by month.
  metrics.forEach((m, i) => {
    const fmt = numberFormat(m.format, language);
    const cols = TREND_KPIS[i].args.map((a) => inputColumn.get(a) as number);
    for (let t = 0; t < TREND_MONTHS; t++) {
      const r = first + t;
      const kpi = cell(r, kpiFirst + i);
      b.set(r, kpiFirst + i, `=IF(${cell(r, cols[cols.length - 1])}="","",COLLECT.${m.fn}(${cols.map((c) => cell(r, c)).join(",")}))`, fmt);
      // The change from the previous month; the first month has none.
      const previous = cell(r - 1, kpiFirst + i);
      b.set(r, changeFirst + i, t === 0 ? null : `=IF(OR(${kpi}="",${previous}=""),"",${kpi}-${previous})`, changeFormat(m, language));
      for (const level of LEVELS) {
        b.set(r, thresholdColumn(i, level), `=IFNA(COLLECT.BENCHMARK("${m.id}","${level}",${BENCHMARKS_NAME}),"")`, fmt);
      }
    }
  });
  b.style(area(first, kpiFirst, last, lastColumn), "computed");
  b.style(area(first, thresholdFirst, last, lastColumn), "benchmark");
  b.set(noteRow, 0, M.chartsNote);
  b.style(cell(noteRow, 0), "note");

  // Header widths as on the team sheets: a metric id fits on one line above its KPI; an English
  // header wraps at spaces onto two lines at most, a Chinese one breaks only at a chosen point.
  metrics.forEach((m, i) => (widths[kpiFirst + i] = Math.max(widths[kpiFirst + i], metricIdWidth(m.id))));
  for (let c = 1; c < columns; c++) {
    const header = String(b.cellAt(headerRow, c) ?? "");
    const i = (c - changeFirst) >= 0 && c < thresholdFirst ? c - changeFirst : c >= thresholdFirst ? Math.floor((c - thresholdFirst) / 2) : -1;
    const nameLength = i >= 0 ? metrics[i].name[language].length : undefined;
    if (language === "zh" && /[\u2e80-\u9fff]/.test(header)) {
      const laid = chineseHeader(header, widths[c], nameLength !== undefined ? [nameLength] : []);
      widths[c] = laid.width;
      b.set(headerRow, c, laid.text);
    } else widths[c] = Math.max(widths[c], twoLineWidth(header));
  }

  // One chart per KPI, two side by side below the table, never over a cell that holds data.
  const categories = area(first, 0, last, 0);
  const secondColumn = columnAtOffset(widths, TREND_CHART.width + 12);
  const charts: ChartSpec[] = metrics.map((m, i) => {
    const series: ChartSpec["series"][number][] = [{ name: m.name[language], values: area(first, kpiFirst + i, last, kpiFirst + i), role: "value" }];
    for (const level of LEVELS) {
      // Only thresholds the catalogue sets: a blank one is "" per month, which Excel would draw as 0.
      if ((level === "meets" ? m.meets : m.excellent) === undefined) continue;
      const c = thresholdColumn(i, level);
      series.push({ name: level === "meets" ? M.meets : M.excellent, values: area(first, c, last, c), role: "threshold" });
    }
    return {
      id: `trend-${m.id}`,
      kind: "line",
      title: m.name[language],
      categories,
      series,
      at: cell(chartRow + Math.floor(i / 2) * TREND_CHART.rowsApart, i % 2 === 0 ? 0 : secondColumn),
      width: TREND_CHART.width,
      height: TREND_CHART.height,
      numberFormat: axisFormat(m, language),
    };
  });

  return b.build({
    templateId: "monthly",
    name: text.sheet,
    language,
    columnWidths: widths,
    freeze: { rows: headerRow, columns: 1 },
    layout: { headerRow, firstRow: first, lastRow: last, inputs: [inputs] },
    charts,
  });
}

/** The first column whose left edge is at least `points` from the sheet's left edge. */
export function columnAtOffset(widths: readonly number[], points: number): number {
  let left = 0;
  for (let c = 0; c < widths.length; c++) {
    if (left >= points) return c;
    left += widths[c];
  }
  return widths.length;
}

export const MONTHLY_TEMPLATE: TemplateDef = {
  id: "monthly",
  title: { en: STRINGS.en.templates.monthly.title, zh: STRINGS.zh.templates.monthly.title },
  description: { en: STRINGS.en.templates.monthly.description, zh: STRINGS.zh.templates.monthly.description },
  metrics: TREND_KPIS.map((k) => k.metric),
  build: buildMonthlySheet,
};

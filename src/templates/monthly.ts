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
 *
 * Bound to imported data (TemplateOptions.data, the Data tab): one row per month of the data
 * (data.rows, "YYYY-MM", oldest first, 1…TREND_MAX_MONTHS), column A their first days; each
 * input the data gives is the whole team's formula for the row's month (inputFormula with
 * rowLabel "" and monthStart $A5 …), the others stay typed and blank; row 2 says where the data
 * came from instead of the instructions.
 */
import { Language, Metric, findMetric } from "../core";
import { InputColumn, chineseHeader, metricIdWidth, twoLineWidth } from "./team";
import { SheetBuilder, area, cell, numberFormat } from "./sheet";
import { STRINGS, templateTexts } from "./strings";
import { BENCHMARKS_NAME, ChartSpec, SheetSpec, TemplateData, TemplateDef, TemplateOptions } from "./types";

export const TREND_MONTHS = 12;

/** The most months a data-bound trend sheet takes (TemplateOptions.data.rows). */
export const TREND_MAX_MONTHS = 24;

/** The months of a data-bound trend sheet as serials of their first days: "YYYY-MM", ascending, 1…TREND_MAX_MONTHS. */
function dataMonths(data: TemplateData): number[] {
  const n = data.rows.length;
  if (n < 1 || n > TREND_MAX_MONTHS) throw new RangeError(`monthly: the data has ${n} months; the trend sheet takes 1 to ${TREND_MAX_MONTHS}`);
  return data.rows.map((label, i) => {
    const m = /^(\d{4})-(\d{2})$/.exec(label);
    if (m === null || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`monthly: the month ${JSON.stringify(label)} is not YYYY-MM`);
    if (i > 0 && label <= data.rows[i - 1]) throw new Error(`monthly: the months are not oldest first without repeats (${data.rows[i - 1]}, ${label})`);
    return monthSerial(Number(m[1]), Number(m[2]));
  });
}

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
  const { language, data } = options;
  // Data wins over sample, as on the team sheets.
  const sample = options.sample && data === undefined;
  const months: readonly (number | null)[] = data !== undefined ? dataMonths(data) : Array.from({ length: TREND_MONTHS }, (_, t) => (sample ? TREND_SAMPLE_MONTHS[t] : null));
  const monthCount = months.length;
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
  const last = first + monthCount - 1; // 16 with 12 months
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
  b.set(2, 0, data === undefined ? text.instructions : S.data.trendNote(data.source));
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

  // Months and inputs: sample, blank, or (bound to data) the team's formula for the row's month.
  const monthFormat = numberFormat("month", language);
  /** Input columns whose cells are formulas over the imported data. */
  const fromData = new Set<number>();
  TREND_INPUTS.forEach((input, i) => {
    const c = inputFirst + i;
    widths[c] = INPUT_WIDTH[input.format];
    const fmt = input.format === "currency" ? numberFormat("currency", language) : input.format === "fte" ? numberFormat("fte", language) : numberFormat("count", language);
    for (let t = 0; t < monthCount; t++) {
      const r = first + t;
      let value: number | string | null = sample ? input.sample[t] : null;
      if (data !== undefined) {
        const body = data.inputFormula(input.key, { rowLabel: "", monthStart: `$A${r}` });
        if (body !== undefined && body.startsWith("=")) throw new Error(`monthly: the formula for ${input.key} starts with "=" (give the body only): ${body}`);
        if (t > 0 && (body !== undefined) !== fromData.has(c)) throw new Error(`monthly: the data gives ${input.key} in some months only`);
        if (body !== undefined) {
          fromData.add(c);
          value = `=${body}`;
        }
      }
      b.set(r, c, value, fmt);
    }
  });
  months.forEach((m, t) => b.set(first + t, 0, m, monthFormat));
  /** The typed cells: the months, and the input columns not from data as ranges of contiguous columns. */
  const typedInputs: string[] = [];
  for (let c = inputFirst; c < kpiFirst; c++) {
    if (fromData.has(c)) continue;
    let end = c;
    while (end + 1 < kpiFirst && !fromData.has(end + 1)) end++;
    typedInputs.push(area(first, c, last, end));
    c = end;
  }
  const inputs = fromData.size === 0 ? [area(first, 0, last, kpiFirst - 1)] : [area(first, 0, last, 0), ...typedInputs];
  for (const range of inputs) b.style(range, "input");
  b.validations.push({ range: area(first, 0, last, 0), min: 1, max: 2958465, message: S.validation.month });
  for (const range of typedInputs) b.validations.push({ range, min: 0, message: S.validation.amount });

  // KPIs, changes and thresholds, month by month.
  metrics.forEach((m, i) => {
    const fmt = numberFormat(m.format, language);
    const cols = TREND_KPIS[i].args.map((a) => inputColumn.get(a) as number);
    for (let t = 0; t < monthCount; t++) {
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
    layout: { headerRow, firstRow: first, lastRow: last, inputs, ...(data !== undefined ? { sourceCell: "A2" } : {}) },
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
  ...templateTexts("monthly"),
  metrics: TREND_KPIS.map((k) => k.metric),
  build: buildMonthlySheet,
};

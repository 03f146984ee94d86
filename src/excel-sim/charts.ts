/**
 * Charts and colour scales of the simulated workbook (issue 15): plain data that the proxies
 * in context.ts fill in as Excel would, that tests assert on and that the browser preview draws.
 *
 * Charts follow Excel.Chart (learn.microsoft.com/javascript/api/excel/excel.chart): a chart
 * has a name, a type, a title, a position (top/left/width/height in points, or placed at a cell
 * with setPosition), series each with its values and x-axis values as ranges of the workbook,
 * and a value axis with a number format. Colour scales follow
 * Excel.ColorScaleConditionalFormat (…/excel.colorscaleconditionalformat): criteria minimum,
 * optional midpoint and maximum, each a type (lowestValue, percentile …), a formula and a colour.
 */
import type { Rect } from "./a1";
import type { SimValue } from "./model";

/** A range of the workbook a series reads: the sheet by id (it survives renames) and the cells. */
export interface SimChartRef {
  readonly sheetId: string;
  readonly rect: Rect;
}

export interface SimChartSeries {
  name: string;
  /** ChartSeries.setValues (ExcelApi 1.7). */
  values?: SimChartRef;
  /** ChartSeries.setXAxisValues (ExcelApi 1.7). */
  xValues?: SimChartRef;
  /** ChartSeries.chartType (ExcelApi 1.7): a series drawn as another type than its chart (a threshold line on a column chart). */
  chartType?: string;
  /** ChartSeries.markerStyle (ExcelApi 1.7). */
  markerStyle?: string;
  /** ChartSeries.format.line (ChartLineFormat: color 1.1, lineStyle and weight 1.7). */
  line: { color?: string; lineStyle?: string; weight?: number };
}

export interface SimChart {
  name: string;
  /** Excel.ChartType as given to charts.add ("Line", "ColumnClustered" …). */
  readonly type: string;
  title: string;
  /** Points from the sheet's top-left corner. */
  top: number;
  left: number;
  width: number;
  height: number;
  /** The cell setPosition placed the chart's top-left corner at (0-based), when it was placed at a cell. */
  anchor?: { row: number; column: number };
  readonly series: SimChartSeries[];
  /** ChartAxis.numberFormat of the value axis (ExcelApi 1.8); undefined: linked to the source cells. */
  valueAxisNumberFormat?: string;
  /** ChartLegend.position (ExcelApi 1.1). */
  legendPosition?: string;
}

/** Excel's default chart size (Excel.ChartCollection.add places a 360 × 216 point chart). */
export const DEFAULT_CHART_SIZE = { width: 360, height: 216 } as const;

export interface SimColorScaleCriterion {
  /** Excel.ConditionalFormatColorCriterionType: "LowestValue", "HighestValue", "Number", "Percent", "Percentile", "Formula". */
  readonly type: string;
  readonly formula?: string | null;
  /** "#63BE7B" */
  readonly color: string;
}

export interface SimColorScaleCriteria {
  readonly minimum: SimColorScaleCriterion;
  readonly midpoint?: SimColorScaleCriterion;
  readonly maximum: SimColorScaleCriterion;
}

/** The numbers of a colour-scale block: text, blanks and booleans are left out, as Excel does. */
export function numbersOf(values: readonly SimValue[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

/** PERCENTILE.INC of sorted numbers (0 ≤ p ≤ 1). */
function percentile(sorted: readonly number[], p: number): number {
  const x = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - lo);
}

/** Where a criterion sits among the block's numbers (sorted ascending). */
function criterionValue(c: SimColorScaleCriterion, sorted: readonly number[]): number {
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const n = Number(c.formula);
  switch (c.type.toLowerCase()) {
    case "lowestvalue":
      return lowest;
    case "highestvalue":
      return highest;
    case "number":
      return n;
    case "percent":
      return lowest + ((highest - lowest) * n) / 100;
    case "percentile":
      return percentile(sorted, n / 100);
    default:
      throw new Error(`excel-sim: colour scale criterion type ${c.type} is not modelled`);
  }
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (m === null) throw new Error(`excel-sim: colour ${hex} is not #RRGGBB`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function mix(a: string, b: string, t: number): string {
  const x = rgb(a);
  const y = rgb(b);
  return `#${x.map((v, i) => Math.round(v + (y[i] - v) * t).toString(16).padStart(2, "0")).join("").toUpperCase()}`;
}

/**
 * The fill a colour scale gives `value` among the block's numbers: the criterion's colour at
 * or beyond it, and between two criteria their colours mixed in proportion (each RGB channel
 * linearly), as Excel's "Format all cells based on their values" does. Undefined for a cell
 * that is not a number (Excel leaves text and blanks unfilled) or a block without numbers.
 */
export function colorScaleFill(criteria: SimColorScaleCriteria, value: SimValue, block: readonly number[]): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || block.length === 0) return undefined;
  const sorted = [...block].sort((a, b) => a - b);
  const stops = [criteria.minimum, ...(criteria.midpoint ? [criteria.midpoint] : []), criteria.maximum].map((c) => ({ at: criterionValue(c, sorted), color: c.color.toUpperCase() }));
  if (value <= stops[0].at) return stops[0].color;
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1];
    const b = stops[i];
    if (value <= b.at) return b.at === a.at ? b.color : mix(a.color, b.color, (value - a.at) / (b.at - a.at));
  }
  return stops[stops.length - 1].color;
}

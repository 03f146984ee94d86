/**
 * The Excel API sets each task pane action needs, checked with isSetSupported before the
 * action touches the workbook (as Script Lab's helpers do), so an older Excel gets a plain
 * message instead of a failure halfway through a batch.
 */
import type { Host } from "./host";

/** A feature the pane uses, named in the message when Excel lacks it. */
export type Feature = "names" | "conditionalFormats" | "freezePanes" | "dataValidation" | "activeCell" | "nameFormulas" | "settings" | "tableResize" | "charts" | "chartAxisFormat";

export interface Requirement {
  /** ExcelApi version, e.g. "1.8". */
  readonly version: string;
  readonly feature: Feature;
}

const req = (version: string, feature: Feature): Requirement => ({ version, feature });

/**
 * Highest first within each action does not matter: every entry is checked and the lowest
 * missing one is reported. Tables (1.1), column widths (1.2) and plain range writes (1.1)
 * are implied by any of these.
 */
export const NEEDS = {
  /** names.add / getItemOrNullObject / NamedItem.getRange 1.4, conditional formats 1.6, freezePanes 1.7, data validation 1.8; a team sheet's table total row (Table.showTotals) 1.3. */
  insertTemplate: [req("1.4", "names"), req("1.6", "conditionalFormats"), req("1.7", "freezePanes"), req("1.8", "dataValidation")],
  /** workbook.getActiveCell 1.7. */
  insertFunction: [req("1.7", "activeCell")],
  /** getItemOrNullObject 1.4; NamedItem.formula 1.7, where the Benchmarks body is found (CollectBenchmarks holds =IF(body="","",body)). */
  readBenchmarks: [req("1.4", "names"), req("1.7", "nameFormulas")],
  resetBenchmarks: [req("1.4", "names"), req("1.7", "nameFormulas")],
  /** getUsedRangeOrNullObject and names.add with a formula 1.4, NamedItem.formula 1.7. */
  makePortable: [req("1.4", "names"), req("1.7", "nameFormulas")],
  /** Data tab, reading a range: getActiveWorksheet, getUsedRangeOrNullObject 1.4 (workbook.getSelectedRange is 1.1). */
  readData: [req("1.4", "names")],
  /**
   * Data tab, writing an import: names.add over a table column, settings.add, tables.getItemOrNullObject 1.4;
   * NamedItem.formula 1.7 (a name left from a deleted import is redefined); freezePanes 1.7; then
   * the template's own needs (insertTemplate: up to 1.8).
   */
  writeData: [req("1.4", "names"), req("1.4", "settings"), req("1.7", "nameFormulas"), req("1.7", "freezePanes"), req("1.6", "conditionalFormats"), req("1.8", "dataValidation")],
  /**
   * A template's charts (issue 15), drawn after its sheet is written; without them the sheet
   * is still written and the pane says the charts were left out. Per the Excel JavaScript API
   * reference (learn.microsoft.com/javascript/api/excel/…): worksheet.charts.add, Chart.title,
   * setPosition, top/left/width/height, legend and ChartSeriesCollection.getItemAt are
   * ExcelApi 1.1 (excel.chartcollection, excel.chart); ChartSeriesCollection.add,
   * ChartSeries.setValues / setXAxisValues / chartType / markerStyle and ChartLineFormat.lineStyle
   * / weight are ExcelApi 1.7 (excel.chartseriescollection, excel.chartseries,
   * excel.chartlineformat: "lineStyle … [API set: ExcelApi 1.7]"); ChartAxis.numberFormat is
   * ExcelApi 1.8 (excel.chartaxis). Heat maps (a ColorScale conditional format, ExcelApi 1.6)
   * are part of insertTemplate's conditional formats.
   */
  charts: [req("1.7", "charts"), req("1.8", "chartAxisFormat")],
  /** Data tab, Refresh: settings 1.4, Table.resize 1.13. */
  refreshData: [req("1.4", "settings"), req("1.13", "tableResize")],
} as const satisfies Record<string, readonly Requirement[]>;

export type Action = keyof typeof NEEDS;

/** The first (lowest) requirement of `action` that this Excel lacks, or undefined when all are met. */
export function missingRequirement(host: Host, action: Action): Requirement | undefined {
  return [...NEEDS[action]]
    .sort((a, b) => Number(a.version.split(".")[1]) - Number(b.version.split(".")[1]))
    .find((r) => !host.isSetSupported("ExcelApi", r.version));
}

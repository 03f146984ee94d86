/**
 * The subset of the Excel JavaScript API that CollectKPI writes with, as structural
 * interfaces. Excel's own classes satisfy them (host.ts hands an Excel.RequestContext to a
 * batch that expects an XlRequestContext, so tsc checks that on every build), and so does
 * the in-memory simulator in src/excel-sim. Leaf types are Excel's own, so nothing is
 * loosened. Anything the writer starts using must be added here first, then to excel-sim.
 *
 * API sets: see requirements.ts.
 */

/** A cell as `values` / `formulas` carry it; null in a written array leaves the cell unchanged. */
export type XlCellValue = string | number | boolean | null;

export interface XlRequestContext {
  readonly workbook: XlWorkbook;
  sync(): Promise<void>;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  readonly names: XlNamedItemCollection;
  readonly tables: XlTableCollection;
  /** [ExcelApi 1.4] Key-value settings saved with the workbook (the Data tab's saved imports). */
  readonly settings: XlSettingCollection;
  /** [ExcelApi 1.7] */
  getActiveCell(): XlRange;
  /** [ExcelApi 1.1] The selection (one area; Excel refuses a multi-area selection). Optional: the simulator selects one cell and has none. */
  getSelectedRange?(): XlRange;
}

export interface XlWorksheetCollection {
  readonly items: XlWorksheet[];
  load(propertyNames: string): XlWorksheetCollection;
  add(name?: string): XlWorksheet;
  getItem(key: string): XlWorksheet;
  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: string): XlWorksheet;
  getActiveWorksheet(): XlWorksheet;
}

export interface XlWorksheet {
  readonly name: string;
  readonly isNullObject: boolean;
  readonly tables: XlTableCollection;
  /** [ExcelApi 1.7] */
  readonly freezePanes: XlFreezePanes;
  /** [ExcelApi 1.1] The sheet's charts (issue 15). */
  readonly charts: XlChartCollection;
  getRange(address?: string): XlRange;
  /** [ExcelApi 1.4] A null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
  /** [ExcelApi 1.1] */
  delete(): void;
  load(propertyNames: string): XlWorksheet;
}

export interface XlTableCollection {
  readonly items: XlTable[];
  load(propertyNames: string): XlTableCollection;
  add(address: string, hasHeaders: boolean): XlTable;
  /** [ExcelApi 1.1] */
  getItem(key: string): XlTable;
  /** [ExcelApi 1.4] */
  getItemOrNullObject(key: string): XlTable;
}

export interface XlTable {
  name: string;
  readonly isNullObject: boolean;
  /** [ExcelApi 1.2] */
  readonly worksheet: XlWorksheet;
  /** [ExcelApi 1.1] Header, body and total rows. */
  getRange(): XlRange;
  /** [ExcelApi 1.1] */
  getHeaderRowRange(): XlRange;
  /** [ExcelApi 1.1] */
  getDataBodyRange(): XlRange;
  /** [ExcelApi 1.13] Same header row, overlapping the old range. */
  resize(newRange: XlRange | string): void;
  /** [ExcelApi 1.3] The total row (Excel.Table.showTotals): shown, it is the row below the data body and part of getRange(). */
  showTotals: boolean;
  /** [ExcelApi 1.3] Whether the table shows its header row (its column names are the header texts). */
  readonly showHeaders: boolean;
  /** [ExcelApi 1.3] The header row's filter buttons. */
  showFilterButton: boolean;
  /** [ExcelApi 1.3] Banded rows of the table style. */
  showBandedRows: boolean;
  /** [ExcelApi 1.1] The total row (ItemNotFound while showTotals is false). */
  getTotalRowRange(): XlRange;
  /** [ExcelApi 1.1] The data rows. */
  readonly rows: XlTableRowCollection;
  load(propertyNames: string): XlTable;
}

/** [ExcelApi 1.1] Table.rows (Excel.TableRowCollection). */
export interface XlTableRowCollection {
  /** [ExcelApi 1.4] */
  getCount(): { readonly value: number };
  /**
   * [ExcelApi 1.1] New data rows at `index` (0-based; null or undefined: after the last, above
   * the total row), `values` one array per row, a string starting with "=" a formula;
   * `alwaysInsert` [ExcelApi 1.15]: insert into the table (true, Excel's default) rather than below it.
   * No null in `values`: Excel.TableRowCollection.add takes (boolean | string | number)[][], and
   * Excel's own class must satisfy this interface (a blank cell is "").
   */
  add(index?: number | null, values?: (string | number | boolean)[][], alwaysInsert?: boolean): XlTableRow;
  /** [ExcelApi 1.1] A data row by its 0-based position. */
  getItemAt(index: number): XlTableRow;
}

/** [ExcelApi 1.1] Excel.TableRow: a row has no id, only its position. */
export interface XlTableRow {
  getRange(): XlRange;
  /** [ExcelApi 1.1] Deletes the row; the cells below it in the table's columns move up. */
  delete(): void;
}

/** [ExcelApi 1.9] Range.getTables. */
export interface XlTableScopedCollection {
  readonly items: XlTable[];
  load(propertyNames: string): XlTableScopedCollection;
}

/** [ExcelApi 1.4] */
export interface XlSettingCollection {
  add(key: string, value: string | number | boolean | Date | unknown[] | object): XlSetting;
  getItemOrNullObject(key: string): XlSetting;
}

export interface XlSetting {
  readonly key: string;
  readonly value: unknown;
  readonly isNullObject: boolean;
  delete(): void;
  load(propertyNames: string): XlSetting;
}

export interface XlNamedItemCollection {
  readonly items: XlNamedItem[];
  load(propertyNames: string): XlNamedItemCollection;
  /** [ExcelApi 1.4] */
  add(name: string, reference: XlRange | string, comment?: string): XlNamedItem;
  getItem(name: string): XlNamedItem;
  /** [ExcelApi 1.4] */
  getItemOrNullObject(name: string): XlNamedItem;
}

export interface XlNamedItem {
  readonly name: string;
  readonly type: Excel.NamedItem["type"];
  readonly isNullObject: boolean;
  /** [ExcelApi 1.7] "=Benchmarks!$A$5:$H$27", or the formula a name holds; settable. */
  formula: unknown;
  visible: boolean;
  /** [ExcelApi 1.4] */
  getRange(): XlRange;
  /** [ExcelApi 1.4] */
  delete(): void;
  load(propertyNames: string): XlNamedItem;
}

export interface XlRange {
  /** "Sheet1!A1:H4" */
  readonly address: string;
  readonly isNullObject: boolean;
  readonly rowCount: number;
  readonly columnCount: number;
  formulas: XlCellValue[][];
  values: XlCellValue[][];
  numberFormat: (string | null)[][];
  readonly format: XlRangeFormat;
  /** [ExcelApi 1.8] */
  readonly dataValidation: XlDataValidation;
  /** [ExcelApi 1.6] */
  readonly conditionalFormats: XlConditionalFormatCollection;
  readonly worksheet: XlWorksheet;
  load(propertyNames: string): XlRange;
  /** [ExcelApi 1.9] The tables that overlap the range (all of them within it, with fullyContained). */
  getTables(fullyContained?: boolean): XlTableScopedCollection;
  /** [ExcelApi 1.1] "Contents": values and formulas, formats kept. */
  clear(applyTo?: "Contents" | "All"): void;
  /** [ExcelApi 1.12] The anchor of the dynamic array spilling into this one cell; else a null object. */
  getSpillParentOrNullObject(): XlRange;
  /** [ExcelApi 1.12] On an anchor cell: the range it spills into; else a null object. */
  getSpillingToRangeOrNullObject(): XlRange;
  /** [ExcelApi 1.9] The cells holding formulas (or constants), as areas; a null object when there are none. */
  getSpecialCellsOrNullObject(cellType: XlSpecialCellType, cellValueType?: XlSpecialCellValueType): XlRangeAreas;
}

/** The special-cell kinds CollectKPI asks for (Excel.SpecialCellType has more). */
export type XlSpecialCellType = "Formulas" | "Constants";
export type XlSpecialCellValueType = `${Excel.SpecialCellValueType}`;

/** [ExcelApi 1.9] Rectangles of one sheet. */
export interface XlRangeAreas {
  /** "Sheet1!A1:B4, Sheet1!D1:D4" */
  readonly address: string;
  readonly areaCount: number;
  readonly cellCount: number;
  readonly isNullObject: boolean;
  readonly areas: XlRangeCollection;
  load(propertyNames: string): XlRangeAreas;
}

export interface XlRangeCollection {
  readonly items: XlRange[];
  load(propertyNames: string): XlRangeCollection;
}

export interface XlRangeFormat {
  /** Points. [ExcelApi 1.2] */
  columnWidth: number;
  wrapText: boolean;
  horizontalAlignment: Excel.RangeFormat["horizontalAlignment"];
  verticalAlignment: Excel.RangeFormat["verticalAlignment"];
  readonly font: XlRangeFont;
  readonly fill: XlRangeFill;
}

export interface XlRangeFont {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
}

export interface XlRangeFill {
  color: string;
}

export interface XlDataValidation {
  rule: Excel.DataValidationRule;
  errorAlert: Excel.DataValidationErrorAlert;
}

export interface XlConditionalFormatCollection {
  /** [ExcelApi 1.6] A cell-value rule, or a colour scale (a heat map). */
  add(type: "CellValue" | "ColorScale"): XlConditionalFormat;
}

export interface XlConditionalFormat {
  readonly cellValue: XlCellValueConditionalFormat;
  /** [ExcelApi 1.6] The colour scale, when the format was added as "ColorScale". */
  readonly colorScale: XlColorScaleConditionalFormat;
}

/** [ExcelApi 1.6] Excel.ColorScaleConditionalFormat: criteria minimum, midpoint (a 3-colour scale) and maximum. */
export interface XlColorScaleConditionalFormat {
  criteria: Excel.ConditionalColorScaleCriteria;
}

export interface XlCellValueConditionalFormat {
  rule: Excel.ConditionalCellValueRule;
  readonly format: {
    readonly fill: { color: string };
    readonly font: { color: string; bold: boolean };
  };
}

export interface XlFreezePanes {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  freezeAt(frozenRange: XlRange | string): void;
}

// ---------------------------------------------------------------- charts (issue 15)

/** The chart types the templates draw (Excel.ChartType has many more). */
export type XlChartType = "Line" | "ColumnClustered";

/** [ExcelApi 1.1] Worksheet.charts. */
export interface XlChartCollection {
  readonly items: XlChart[];
  /** [ExcelApi 1.1] A chart of `type` over `sourceData`, its series by rows or columns. */
  add(type: XlChartType, sourceData: XlRange, seriesBy?: "Auto" | "Columns" | "Rows"): XlChart;
  load(propertyNames: string): XlChartCollection;
}

export interface XlChart {
  /** [ExcelApi 1.1] */
  name: string;
  /** [ExcelApi 1.1] Points. */
  top: number;
  left: number;
  width: number;
  height: number;
  /** [ExcelApi 1.1] */
  readonly title: { text: string };
  /** [ExcelApi 1.1] */
  readonly legend: { position: Excel.ChartLegend["position"] };
  /** [ExcelApi 1.1] Axes; ChartAxis.numberFormat is ExcelApi 1.8. */
  readonly axes: { readonly valueAxis: { numberFormat: string } };
  /** [ExcelApi 1.1] */
  readonly series: XlChartSeriesCollection;
  /** [ExcelApi 1.1] The chart's top-left corner at `startCell` (its size kept unless `endCell` is given). */
  setPosition(startCell: XlRange | string, endCell?: XlRange | string): void;
  load(propertyNames: string): XlChart;
}

export interface XlChartSeriesCollection {
  /** [ExcelApi 1.1] */
  getItemAt(index: number): XlChartSeries;
  /** [ExcelApi 1.7] */
  add(name?: string, index?: number): XlChartSeries;
}

export interface XlChartSeries {
  /** [ExcelApi 1.1] */
  name: string;
  /** [ExcelApi 1.7] A series drawn as another type than its chart. */
  chartType: Excel.ChartSeries["chartType"];
  /** [ExcelApi 1.7] */
  markerStyle: Excel.ChartSeries["markerStyle"];
  /** [ExcelApi 1.7] */
  setValues(sourceData: XlRange): void;
  /** [ExcelApi 1.7] */
  setXAxisValues(sourceData: XlRange): void;
  /** [ExcelApi 1.1] ChartLineFormat: color 1.1, lineStyle and weight 1.7. */
  readonly format: { readonly line: { color: string; lineStyle: Excel.ChartLineFormat["lineStyle"]; weight: number } };
}

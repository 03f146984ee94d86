/**
 * A sheet spec: everything one template writes, as plain data. The task pane's Excel
 * writer and the browser preview both render exactly this, so they cannot drift apart.
 */
import type { Language, Localized } from "../core";
import type { InputKey } from "./strings";

/** A cell as written: a formula is a string starting with "=" (English names, comma separators). */
export type CellInput = string | number | boolean | null;

/** A style role; each host maps roles to its own fonts and fills. */
export type StyleRole = "title" | "instructions" | "header" | "input" | "computed" | "total" | "weight" | "benchmark" | "note";

export interface StyledRange {
  /** A1 range on this sheet, e.g. "A4:H4". */
  readonly range: string;
  readonly role: StyleRole;
}

/** Input cells accept only numbers ≥ min (and ≤ max when given). */
export interface ValidationSpec {
  readonly range: string;
  readonly min: number;
  readonly max?: number;
  /** Shown when the user types something else. */
  readonly message: string;
}

export type Tone = "good" | "ok" | "bad";

/** Colour a cell whose text equals one of the labels (grades, score bands). */
export interface ConditionalFormatSpec {
  readonly range: string;
  readonly rules: readonly { readonly equals: string; readonly tone: Tone }[];
}

/**
 * A heat map: a three-colour scale over a block (Excel's ColorScale conditional format,
 * ExcelApi 1.6), lowest value `low`, highest `high`, the midpoint (50th percentile) `mid`.
 * `better` says which end is good, so a roll rate (lower is better) is green when low.
 */
export interface ColorScaleSpec {
  readonly range: string;
  readonly better: "higher" | "lower";
}

/**
 * An Excel chart (Worksheet.charts.add, ExcelApi 1.1), as data: the pane writes it with the
 * Excel charts API, the preview draws the same series with a chart library.
 * Series are one row or one column each, all of the same length as `categories`.
 */
export interface ChartSpec {
  /** Unique on the sheet; the writer names the Excel chart with it. */
  readonly id: string;
  readonly kind: "line" | "column";
  readonly title: string;
  /** The x-axis labels (months, months since placement …): an A1 range on this sheet. */
  readonly categories: string;
  readonly series: readonly {
    /** Shown in the legend. */
    readonly name: string;
    /** An A1 range on this sheet, one row or one column. */
    readonly values: string;
    /** "threshold": drawn as a thin dashed line (Meets, Excellent), whatever the chart's kind. */
    readonly role?: "value" | "threshold";
  }[];
  /** Where the chart's top-left corner sits (a cell) and its size in points. */
  readonly at: string;
  readonly width: number;
  readonly height: number;
  /** The value axis' number format (e.g. "0%"); General when absent. */
  readonly numberFormat?: string;
}

export interface SheetSpec {
  readonly templateId: string;
  /** Preferred sheet name; the writer picks "Name (2)" when it is taken. */
  readonly name: string;
  readonly language: Language;
  /** Rectangular grid from A1. */
  readonly cells: readonly (readonly CellInput[])[];
  /** Same shape as cells; "General" where nothing special applies. */
  readonly numberFormats: readonly (readonly string[])[];
  /** Column widths in points, one per column of cells. */
  readonly columnWidths: readonly number[];
  readonly freeze: { readonly rows: number; readonly columns: number };
  readonly styles: readonly StyledRange[];
  readonly validations: readonly ValidationSpec[];
  readonly conditionalFormats: readonly ConditionalFormatSpec[];
  /** Heat maps (issue 15); absent: none. */
  readonly colorScales?: readonly ColorScaleSpec[];
  /** Charts (issue 15); absent: none. */
  readonly charts?: readonly ChartSpec[];
  /**
   * An Excel table over a range of this sheet: the Benchmarks table, or a team sheet's collector
   * rows (issue 14). `range` runs from the header row to the last row of the table, the total row
   * included when `showTotals`. Formulas may refer to the table by `name` in structured references
   * (`name[[Column]]`); a writer that must pick another name (taken) renames them (renameTable).
   */
  readonly table?: { readonly name: string; readonly range: string; readonly showTotals?: boolean };
  /** Workbook names this sheet defines, e.g. CollectBenchmarks over the table body. */
  readonly names: readonly NameSpec[];
  /** Where the parts of the sheet are, for hosts and tests that need more than the grid. Optional: a writer may ignore it. */
  readonly layout?: SheetLayout;
}

/**
 * A workbook name over a range of the sheet. `blanksAsEmpty`: the name holds
 * =IF(range="","",range) instead of the range, so an empty cell reaches a custom function as
 * "" on every Excel host (desktop would pass 0; see core/benchmarksName.ts).
 */
export interface NameSpec {
  readonly name: string;
  readonly range: string;
  readonly blanksAsEmpty?: boolean;
}

/** The landmarks of a template sheet; rows are 1-based like Excel's, ranges are A1 on this sheet. */
export interface SheetLayout {
  /** The column-header row (the freeze line is below it). */
  readonly headerRow: number;
  /** The data rows (one per collector, campaign, leader, month or metric), first and last. */
  readonly firstRow: number;
  readonly lastRow: number;
  /** The TEAM TOTAL row (ratios of sums over the data rows), when the sheet has one. */
  readonly totalRow?: number;
  /** The cells a user types into; the sample data goes exactly here. */
  readonly inputs: readonly string[];
  /**
   * Cells that show #N/A by design: a chart's copy of values where a line must break (Excel's
   * line charts skip #N/A and draw a text "" as 0). Every other formula cell computes without
   * an error on sample data.
   */
  readonly chartGaps?: string;
  /** A data-bound sheet (TemplateOptions.data): the cell holding the reported month's first day, which every input formula references absolutely. */
  readonly monthCell?: string;
  /** A data-bound sheet: the cell showing where the data came from, with the instructions. */
  readonly sourceCell?: string;
  /** The rank cells over the data rows (one column), when the sheet ranks its rows. */
  readonly rank?: string;
}

export interface TemplateOptions {
  readonly language: Language;
  /** Fill the input cells with realistic sample data, so a newcomer sees numbers at once. Sample team sheets have TEAM_ROWS (8) rows, whatever rowCount says. */
  readonly sample: boolean;
  /** A blank team sheet (sample false, no data): how many data rows, 1…500 (MAX_TEAM_ROWS); default 8. Other templates ignore it. */
  readonly rowCount?: number;
  /**
   * A sheet bound to imported data, inputs as formulas over the data; sample and rowCount are then
   * ignored. A team sheet: one row per label (collector). The Monthly trend: one row per label as
   * "YYYY-MM", oldest first, and `inputFormula` gets that row's month cell as `monthStart` and ""
   * as `rowLabel` (the whole team). Other templates ignore it.
   */
  readonly data?: TemplateData;
}

/**
 * What a team sheet needs to take its inputs from imported raw data (issue 14): the rows, the
 * month, and a formula per input column. The Data tab builds it; the template lays it out.
 */
export interface TemplateData {
  /** Row labels (collectors), one data row each, in this order. */
  readonly rows: readonly string[];
  /** The month the sheet reports, as the Excel serial of its first day (e.g. 46296 = 2026-10-01). */
  readonly monthStart: number;
  /** A formula body (no "=") for an input column on a row, given the A1 references (absolute where they should be) of the row's label cell and of the month-start cell; undefined: the data cannot give that input, so it stays a typed input, blank. */
  readonly inputFormula: (key: InputKey, cells: { readonly rowLabel: string; readonly monthStart: string }) => string | undefined;
  /** Where the data came from, shown on the sheet (e.g. "payments.csv · 12,345 rows · 2026-11-30 14:05"). */
  readonly source?: string;
}

export interface TemplateDef {
  readonly id: string;
  readonly title: Localized;
  /** Who it is for and which metrics, for the task pane's gallery. */
  readonly description: Localized;
  /** Metric ids the sheet computes (from the catalogue). */
  readonly metrics: readonly string[];
  build(options: TemplateOptions): SheetSpec;
}

/** The workbook name over the Benchmarks table body that every template formula references (core/benchmarksName.ts). */
import { BENCHMARKS_NAME } from "../core";
export { BENCHMARKS_NAME };

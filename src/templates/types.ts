/**
 * A sheet spec: everything one template writes, as plain data. The task pane's Excel
 * writer and the browser preview both render exactly this, so they cannot drift apart.
 */
import type { Language, Localized } from "../core";

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
  /** An Excel table over a range of this sheet (the Benchmarks sheet has one). */
  readonly table?: { readonly name: string; readonly range: string };
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
}

export interface TemplateOptions {
  readonly language: Language;
  /** Fill the input cells with realistic sample data, so a newcomer sees numbers at once. */
  readonly sample: boolean;
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

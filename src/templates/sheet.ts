/**
 * A small grid builder the templates share: A1 addresses, a rectangular cells/format grid
 * filled by 1-based row and 0-based column, and the SheetSpec it becomes.
 */
import type { DisplayFormat, Language } from "../core";
import type { CellInput, ChartSpec, ColorScaleSpec, ConditionalFormatSpec, NameSpec, SheetLayout, SheetSpec, StyleRole, StyledRange, ValidationSpec } from "./types";

/** Column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "B5" from a 1-based row and 0-based column. */
export function cell(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "B5:B12", or "B5" when the range is one cell. */
export function area(row1: number, column1: number, row2: number, column2: number): string {
  const a = cell(row1, column1);
  const b = cell(row2, column2);
  return a === b ? a : `${a}:${b}`;
}

/** "$B$3:$I$3": an absolute range, for rows every data row shares (metric ids, weights). */
export function absoluteArea(row1: number, column1: number, row2: number, column2: number): string {
  return `$${columnLetter(column1)}$${row1}:$${columnLetter(column2)}$${row2}`;
}

/** Excel number formats of the catalogue's display formats; the value always stays the fraction or amount. */
export function numberFormat(format: DisplayFormat | "score" | "fte" | "weight" | "rank" | "month", language: Language): string {
  switch (format) {
    case "percent":
      return "0.0%";
    case "permille":
      // Excel has no per-mille scaling code (‰ is a literal), so the fraction is shown as a
      // percent with two decimals and a display column beside it shows value × 1000 as ‰.
      return "0.00%";
    case "currency":
      return '"¥"#,##0';
    case "days":
      return language === "zh" ? '0.0"天"' : '0.0" days"';
    case "count":
      return "#,##0";
    case "score":
      return "0.0";
    case "fte":
      return "0.0";
    case "weight":
    case "rank":
      return "0";
    case "month":
      // A date serial shown as its month: 2026-10 (Chinese Excel's own 2026年10月 in Chinese).
      return language === "zh" ? 'yyyy"年"m"月"' : "yyyy-mm";
  }
}

/**
 * Text written so that it stays the same text. A cell's input is read as typing would read it:
 * "=…" (and "+…", "-…", "@…") as a formula, "00123", "1/2", "(5)", "$5", "TRUE", "#N/A" or
 * "Jan 5" as a number, date, boolean or error. Such text (a collector's id or name from
 * imported data) gets a leading apostrophe, which Excel, the simulator and HyperFormula take as
 * "this is text" and do not keep in the value; any other text is written as it is.
 */
export function literalText(text: string): string {
  const t = text.trim();
  const risky =
    /^[=+\-@'#]/.test(t) ||
    /^[\d.,$¥€£(%]/.test(t) ||
    /^(true|false)$/i.test(t) ||
    /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/]*\d/i.test(t);
  return risky ? `'${text}` : text;
}

/**
 * A structured reference to the data body of one column of a table: `Team[[Recovered]]`. The
 * column is always in the double brackets, which every column name may take (one with a space,
 * a line feed or an operator must); inside them ', [, ] and # are escaped with a ' ("Using
 * structured references with Excel tables", support.microsoft.com, "Use an escape character
 * for some special characters in column headers").
 */
export function structuredColumn(table: string, header: string): string {
  return `${table}[[${header.replace(/['#[\]]/g, "'$&")}]]`;
}

/**
 * The formula with every structured reference to table `from` naming `to` instead (a writer that
 * had to pick another table name). Only text right before a "[" and not inside a string literal
 * is a table name.
 */
export function renameTable(formula: string, from: string, to: string): string {
  if (from.toLowerCase() === to.toLowerCase() || !formula.startsWith("=")) return formula;
  const escaped = from.replace(/[.\\]/g, "\\$&");
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.\\\\])${escaped}\\[`, "gi");
  // Split on string literals ("…", "" inside is a quote) and rename outside them only.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(pattern, (_, before: string) => `${before}${to}[`)))
    .join("");
}

/** The ‰ display of a per-mille fraction that a formula multiplied by 1000. */
export const PERMILLE_DISPLAY_FORMAT = '0.00"‰"';

export class SheetBuilder {
  private readonly cells: CellInput[][];
  private readonly formats: string[][];
  readonly styles: StyledRange[] = [];
  readonly validations: ValidationSpec[] = [];
  readonly conditionalFormats: ConditionalFormatSpec[] = [];

  constructor(readonly rows: number, readonly columns: number) {
    this.cells = Array.from({ length: rows }, () => Array<CellInput>(columns).fill(null));
    this.formats = Array.from({ length: rows }, () => Array<string>(columns).fill("General"));
  }

  /** Writes a value (and optionally its format) at a 1-based row and 0-based column. */
  set(row: number, column: number, value: CellInput, format?: string): void {
    if (row < 1 || row > this.rows || column < 0 || column >= this.columns) {
      throw new Error(`cell ${cell(row, column)} lies outside the ${this.rows}×${this.columns} grid`);
    }
    this.cells[row - 1][column] = value;
    if (format !== undefined) this.formats[row - 1][column] = format;
  }

  /** What a cell holds so far (1-based row, 0-based column). */
  cellAt(row: number, column: number): CellInput {
    return this.cells[row - 1][column];
  }

  format(row: number, column: number, format: string): void {
    this.formats[row - 1][column] = format;
  }

  style(range: string, role: StyleRole): void {
    this.styles.push({ range, role });
  }

  build(base: {
    templateId: string;
    name: string;
    language: Language;
    columnWidths: readonly number[];
    freeze: { rows: number; columns: number };
    table?: { name: string; range: string; showTotals?: boolean };
    names?: readonly NameSpec[];
    layout: SheetLayout;
    /** Heat maps and charts (issue 15): declared here, drawn by the writer and the preview. */
    colorScales?: readonly ColorScaleSpec[];
    charts?: readonly ChartSpec[];
  }): SheetSpec {
    if (base.columnWidths.length !== this.columns) throw new Error(`${base.templateId}: ${base.columnWidths.length} widths for ${this.columns} columns`);
    return {
      templateId: base.templateId,
      name: base.name,
      language: base.language,
      cells: this.cells.map((row) => [...row]),
      numberFormats: this.formats.map((row) => [...row]),
      columnWidths: [...base.columnWidths],
      freeze: base.freeze,
      styles: [...this.styles],
      validations: [...this.validations],
      conditionalFormats: [...this.conditionalFormats],
      ...(base.table !== undefined ? { table: base.table } : {}),
      names: [...(base.names ?? [])],
      ...(base.colorScales !== undefined ? { colorScales: [...base.colorScales] } : {}),
      ...(base.charts !== undefined ? { charts: [...base.charts] } : {}),
      layout: base.layout,
    };
  }
}

/** Excel's rules for a sheet name: 1–31 characters, none of []:*?/\, not starting or ending with '. */
export function isValidSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !name.startsWith("'") && !name.endsWith("'");
}

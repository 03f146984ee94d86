/**
 * The Benchmarks sheet: the catalogue's default thresholds as an Excel table (the columns
 * of metrics.md section 3, in that order), with the workbook name CollectBenchmarks over
 * its body. Every template formula grades against that name, so the thresholds travel
 * with the workbook and a colleague can edit them.
 *
 *   1 title, 2 instructions, 4 table header, 5 … 4 + N one row per catalogue metric.
 *
 * Direction is written in the sheet's language (higher / 越高越好; the core reads both),
 * Red line as TRUE/FALSE, blank thresholds stay blank (the article gives no figure).
 */
import { BENCHMARK_COLUMNS, CATALOGUE } from "../core";
import { DIRECTION_LABELS } from "../core";
import { SheetBuilder, area, numberFormat } from "./sheet";
import { STRINGS, templateTexts } from "./strings";
import { BENCHMARKS_NAME, SheetSpec, TemplateDef, TemplateOptions } from "./types";

export const BENCHMARKS_TABLE = "CollectBenchmarksTable";

/** The Benchmarks sheet's layout: header row 4, then one row per catalogue metric in catalogue order. */
const BENCHMARKS_HEADER_ROW = 4;

/**
 * Where a metric's Meets threshold sits in a Benchmarks sheet as this template writes it:
 * "#'Benchmarks'!D12", the target of a HYPERLINK in the same workbook. Undefined for an id
 * the catalogue does not have.
 */
export function meetsLink(metricId: string, language: TemplateOptions["language"]): string | undefined {
  const i = CATALOGUE.findIndex((m) => m.id === metricId);
  if (i < 0) return undefined;
  const sheet = STRINGS[language].templates.benchmarks.sheet.replace(/'/g, "''");
  return `#'${sheet}'!D${BENCHMARKS_HEADER_ROW + 1 + i}`;
}

export function buildBenchmarksSheet(options: TemplateOptions): SheetSpec {
  const { language } = options;
  const S = STRINGS[language];
  const text = S.templates.benchmarks;
  const headerRow = BENCHMARKS_HEADER_ROW;
  const first = headerRow + 1;
  const last = first + CATALOGUE.length - 1;
  const lastColumn = BENCHMARK_COLUMNS.length - 1;
  if (S.benchmarkColumns.length !== BENCHMARK_COLUMNS.length) throw new Error("benchmarks: one header per column");

  const b = new SheetBuilder(last, BENCHMARK_COLUMNS.length);
  b.set(1, 0, text.title);
  b.set(2, 0, text.instructions);
  b.style("A1", "title");
  b.style("A2", "instructions");
  S.benchmarkColumns.forEach((h, c) => b.set(headerRow, c, h));
  b.style(area(headerRow, 0, headerRow, lastColumn), "header");

  CATALOGUE.forEach((m, i) => {
    const r = first + i;
    const fmt = numberFormat(m.format, language);
    b.set(r, 0, m.id);
    b.set(r, 1, m.name[language]);
    b.set(r, 2, DIRECTION_LABELS[language][m.direction]);
    b.set(r, 3, m.meets ?? null, fmt);
    b.set(r, 4, m.excellent ?? null, fmt);
    b.set(r, 5, m.unit[language]);
    b.set(r, 6, m.redLine);
    b.set(r, 7, m.source[language]);
  });
  const thresholds = area(first, 3, last, 4);
  b.style(thresholds, "benchmark");
  b.validations.push({ range: thresholds, min: 0, message: S.validation.amount });

  return b.build({
    templateId: "benchmarks",
    name: text.sheet,
    language,
    columnWidths: [150, 190, 70, 80, 80, 110, 60, 360],
    freeze: { rows: headerRow, columns: 1 },
    table: { name: BENCHMARKS_TABLE, range: area(headerRow, 0, last, lastColumn) },
    // =IF(body="","",body): a blank threshold reaches the functions as "" on every host (core/benchmarksName.ts).
    names: [{ name: BENCHMARKS_NAME, range: area(first, 0, last, lastColumn), blanksAsEmpty: true }],
    layout: { headerRow, firstRow: first, lastRow: last, inputs: [thresholds, area(first, 6, last, 6)] },
  });
}

export const BENCHMARKS_TEMPLATE: TemplateDef = {
  id: "benchmarks",
  ...templateTexts("benchmarks"),
  metrics: [],
  build: buildBenchmarksSheet,
};

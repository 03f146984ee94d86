/**
 * The one writer: turns a SheetSpec into Excel calls. Each action is one Excel.run batch
 * with a fixed, small number of syncs (never one per row or per cell):
 *
 *   insertTemplate        2 syncs: (1) read sheet, table and workbook names;
 *                                  (2) write everything (and the Benchmarks sheet first when
 *                                      the workbook has none), heat maps included, activate,
 *                                      read the new name;
 *                         3 with charts: (3) draw the template's charts (issue 15), however
 *                                      many. Apart from the sheet, so that an Excel without
 *                                      the chart APIs, or one that refuses a chart, still gets
 *                                      the whole sheet; the result says the charts were left out.
 *   readBenchmarkProblems 2 syncs: (1) find CollectBenchmarks; (2) read its values.
 *   resetBenchmarks       3 syncs: (1) find CollectBenchmarks; (2) read its body; (3) write it.
 *   insertFunctionCall    2 syncs: (1) read the active cell and the sheet names; (2) write it if it was empty
 *                         and every argument is a cell, a range, a number or a text on a sheet that exists.
 *   readSelection         1 sync: the selected range's address (the active cell where the host has no selected range).
 *
 * Nothing is lost: a template always goes to a new sheet (a taken name becomes "M1 (2)"),
 * an existing Benchmarks table keeps the user's values, and only the explicit reset
 * (after the pane's confirm step) rewrites the benchmark rows.
 */
import { BENCHMARK_COLUMNS, BenchmarkProblem, Benchmarks, BenchmarksBody, benchmarksBody, benchmarksNameFormula } from "../core";
import { Rect, contains, formatAddress, parseAddress, quoteSheetName } from "../excel-sim/a1";
import { quoteSheet } from "../portable/formula";
import { renameTable } from "../templates/sheet";
import { BENCHMARKS_NAME, ChartSpec, ColorScaleSpec, NameSpec, SheetSpec, StyleRole } from "../templates/types";
import type { XlCellValue, XlRange, XlRequestContext, XlWorksheet } from "./excelApi";
import type { Host } from "./host";
import { Action, Feature, missingRequirement } from "./requirements";
import { ROLE_STYLES, TONE_STYLES } from "./sheetStyles";

// ---------------------------------------------------------------- errors

/** Why the writer refused; the pane turns each into a sentence in the user's language. */
export type WriterProblem =
  | { readonly code: "unsupported"; readonly version: string; readonly feature: Feature }
  /** The workbook has no usable CollectBenchmarks range. */
  | { readonly code: "noBenchmarks" }
  /** CollectBenchmarks exists but is not a range (a constant or formula the user defined). */
  | { readonly code: "benchmarksNameTaken" }
  /** The Benchmarks body does not have the expected columns. */
  | { readonly code: "benchmarksShape"; readonly columns: number; readonly expected: number }
  /** A template produced a spec the writer cannot write (a programming error, caught before any call). */
  | { readonly code: "badSpec"; readonly detail: string };

export class WriterError extends Error {
  readonly name = "WriterError";
  constructor(readonly problem: WriterProblem) {
    super(problem.code === "badSpec" ? `bad sheet spec: ${problem.detail}` : problem.code);
  }
}

function requireApi(host: Host, action: Action): void {
  const missing = missingRequirement(host, action);
  if (missing !== undefined) throw new WriterError({ code: "unsupported", version: missing.version, feature: missing.feature });
}

// ---------------------------------------------------------------- names

const SHEET_NAME_MAX = 31;
/** Excel reserves "History" (the shared-workbook change log). */
const RESERVED_SHEET_NAMES = ["history"];

/** A sheet name that is not taken (case-insensitive): "M1", then "M1 (2)", "M1 (3)", … within 31 characters. */
export function uniqueSheetName(preferred: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  for (const r of RESERVED_SHEET_NAMES) used.add(r);
  let base = preferred.replace(/[:\\/?*[\]]/g, "-").replace(/^'+|'+$/g, "").trim();
  if (base === "") base = "Sheet";
  base = base.slice(0, SHEET_NAME_MAX).trim();
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** A table name that no table or workbook name uses (they share one namespace): "X", "X_2", … */
export function uniqueTableName(preferred: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(preferred.toLowerCase())) return preferred;
  for (let n = 2; ; n++) {
    const name = `${preferred}_${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

// ---------------------------------------------------------------- spec checks

interface Checked {
  readonly rows: number;
  readonly columns: number;
}

function bad(detail: string): never {
  throw new WriterError({ code: "badSpec", detail });
}

function checkAddress(spec: SheetSpec, address: string, what: string): Rect {
  try {
    const rect = parseAddress(address);
    if (rect.sheet !== undefined) bad(`${what} "${address}" must not name a sheet`);
    return rect;
  } catch (e) {
    if (e instanceof WriterError) throw e;
    return bad(`${spec.templateId}: ${what} "${address}" is not an A1 address`);
  }
}

/** Validates the whole spec before the first Excel call, so a template bug never leaves half a sheet. */
export function checkSpec(spec: SheetSpec): Checked {
  const rows = spec.cells.length;
  const columns = rows > 0 ? spec.cells[0].length : 0;
  if (rows === 0 || columns === 0) bad(`${spec.templateId}: cells is empty`);
  if (spec.cells.some((row) => row.length !== columns)) bad(`${spec.templateId}: cells is not rectangular`);
  if (spec.numberFormats.length !== rows || spec.numberFormats.some((row) => row.length !== columns)) {
    bad(`${spec.templateId}: numberFormats is not ${rows}×${columns} like cells`);
  }
  for (const row of spec.cells) {
    for (const v of row) {
      if (typeof v === "number" && !Number.isFinite(v)) bad(`${spec.templateId}: a cell holds ${v}`);
    }
  }
  if (spec.columnWidths.length > columns) bad(`${spec.templateId}: more column widths than columns`);
  if (spec.columnWidths.some((w) => !(w >= 0 && w <= 1912.5))) bad(`${spec.templateId}: a column width is outside 0–1912.5 points`);
  if (spec.freeze.rows < 0 || spec.freeze.columns < 0) bad(`${spec.templateId}: negative freeze`);
  for (const s of spec.styles) checkAddress(spec, s.range, "style range");
  for (const v of spec.validations) checkAddress(spec, v.range, "validation range");
  for (const c of spec.conditionalFormats) checkAddress(spec, c.range, "conditional format range");
  if (spec.table !== undefined) {
    const t = checkAddress(spec, spec.table.range, "table range");
    // A header, at least one data row (Excel keeps one) and, shown, the total row.
    if (spec.table.showTotals === true && t.rowCount < 3) bad(`${spec.templateId}: a table with a total row needs at least 3 rows`);
  }
  for (const n of spec.names) checkAddress(spec, n.range, `name ${n.name}`);
  for (const c of spec.colorScales ?? []) checkAddress(spec, c.range, "colour scale range");
  checkCharts(spec);
  return { rows, columns };
}

/** Each chart: a unique id, at least one series, every series one row or column as long as the categories, a size in points. */
function checkCharts(spec: SheetSpec): void {
  const ids = new Set<string>();
  for (const chart of spec.charts ?? []) {
    const what = `chart ${chart.id}`;
    if (chart.id.trim() === "" || ids.has(chart.id.toLowerCase())) bad(`${spec.templateId}: ${what} needs a unique id`);
    ids.add(chart.id.toLowerCase());
    if (chart.series.length === 0) bad(`${spec.templateId}: ${what} has no series`);
    if (!(chart.width > 0 && chart.height > 0)) bad(`${spec.templateId}: ${what} has no size`);
    const at = checkAddress(spec, chart.at, `${what} position`);
    if (at.rowCount !== 1 || at.columnCount !== 1) bad(`${spec.templateId}: ${what} is placed at a range, not a cell`);
    const length = lineLength(checkAddress(spec, chart.categories, `${what} categories`), spec, `${what} categories`);
    for (const series of chart.series) {
      const n = lineLength(checkAddress(spec, series.values, `${what} series ${series.name}`), spec, `${what} series ${series.name}`);
      if (n !== length) bad(`${spec.templateId}: ${what} series ${series.name} has ${n} values for ${length} categories`);
    }
  }
}

function lineLength(rect: Rect, spec: SheetSpec, what: string): number {
  if (rect.rowCount !== 1 && rect.columnCount !== 1) bad(`${spec.templateId}: ${what} is not one row or one column`);
  return rect.rowCount * rect.columnCount;
}

/** True when the spec defines the CollectBenchmarks name (the Benchmarks template). */
export function definesBenchmarks(spec: SheetSpec): boolean {
  return spec.names.some((n) => n.name.toLowerCase() === BENCHMARKS_NAME.toLowerCase());
}

const BENCHMARKS_REF = new RegExp(`(^|[^A-Za-z0-9_.])${BENCHMARKS_NAME}($|[^A-Za-z0-9_.])`, "i");

/** True when a formula of the spec refers to CollectBenchmarks (and the spec does not define it). */
export function needsBenchmarks(spec: SheetSpec): boolean {
  if (definesBenchmarks(spec)) return false;
  return spec.cells.some((row) => row.some((v) => typeof v === "string" && v.startsWith("=") && BENCHMARKS_REF.test(v)));
}

// ---------------------------------------------------------------- writing one sheet

const ALERT_MESSAGE_MAX = 225;
const ALERT_TITLE = "CollectKPI";

function applyRole(range: XlRange, role: StyleRole): void {
  const style = ROLE_STYLES[role];
  const format = range.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.size !== undefined) format.font.size = style.size;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill !== undefined) format.fill.color = style.fill;
  if (style.wrapText !== undefined) format.wrapText = style.wrapText;
  if (style.horizontalAlignment !== undefined) format.horizontalAlignment = style.horizontalAlignment;
  if (style.verticalAlignment !== undefined) format.verticalAlignment = style.verticalAlignment;
}

/** `="Excellent"`: a text operand for a CellValue rule. */
function textOperand(label: string): string {
  return `="${label.replace(/"/g, '""')}"`;
}

/** Consecutive columns of equal width, so "B:D" is one call rather than three. */
function widthRuns(widths: readonly number[]): { first: number; last: number; width: number }[] {
  const runs: { first: number; last: number; width: number }[] = [];
  widths.forEach((width, c) => {
    const run = runs[runs.length - 1];
    if (run !== undefined && run.width === width && run.last === c - 1) run.last = c;
    else runs.push({ first: c, last: c, width });
  });
  return runs;
}

interface SheetPlan {
  readonly spec: SheetSpec;
  readonly shape: Checked;
  readonly sheetName: string;
  readonly tableName?: string;
  /** Names to add (those that exist already are kept, not redefined). */
  readonly names: readonly NameSpec[];
}

/** "A5:H27" → "$A$5:$H$27": a name's reference must not move with the cell it is used in. */
function absolute(range: string): string {
  return range.replace(/([A-Za-z]{1,3})(\d+)/g, "$$$1$$$2");
}

/** What a name of the spec refers to: the range, or =IF(range="","",range) (core/benchmarksName.ts). */
function nameReference(sheet: XlWorksheet, sheetName: string, n: NameSpec): XlRange | string {
  return n.blanksAsEmpty === true ? benchmarksNameFormula(`${quoteSheet(sheetName)}!${absolute(n.range)}`) : sheet.getRange(n.range);
}

/** Queues every write of one sheet (no sync here). */
function queueSheet(context: XlRequestContext, plan: SheetPlan): XlWorksheet {
  const { spec, shape } = plan;
  const sheet = context.workbook.worksheets.add(plan.sheetName);
  const all = sheet.getRange(formatAddress({ row: 0, column: 0, rowCount: shape.rows, columnCount: shape.columns }));
  const table = spec.table;
  // The spec's formulas name its table; a taken name was replaced by another (plan.tableName).
  const cells = spec.cells.map((row) =>
    row.map((v): XlCellValue => (table !== undefined && plan.tableName !== undefined && typeof v === "string" ? renameTable(v, table.name, plan.tableName) : v))
  );
  if (table !== undefined && table.showTotals === true && plan.tableName !== undefined) {
    // A team sheet (issue 14): the table is made before the cells that refer to it by name (a
    // structured reference to a table that does not exist yet is no formula), and before its
    // total row is written, so the row it takes as its total row is still empty: the docs do
    // not say what showTotals does to a row below the table that holds data. The body's
    // formulas, written into the table, become calculated columns (OfficeDev/office-js#5909),
    // which Excel fills into every row a user adds ("Use calculated columns in an Excel
    // table", support.microsoft.com).
    const rect = parseAddress(table.range);
    const headerRows = rect.row + 1;
    sheet.getRange(formatAddress({ row: 0, column: 0, rowCount: headerRows, columnCount: shape.columns })).formulas = cells.slice(0, headerRows);
    const listObject = sheet.tables.add(formatAddress({ ...rect, rowCount: rect.rowCount - 1 }), true);
    listObject.name = plan.tableName;
    listObject.showTotals = true;
    // The header's filter buttons would cover the two-line headers; banding would fight the role fills.
    listObject.showFilterButton = false;
    listObject.showBandedRows = false;
    // Excel fills a new total row with a label and a SUBTOTAL in its last column ("Total the
    // data in an Excel table", support.microsoft.com); a null in `formulas` leaves a cell as it
    // is (Range.formulas reference), so the total row's blanks are written as "" to clear them.
    const totalIndex = rect.row + rect.rowCount - 1;
    const rest = cells.slice(headerRows).map((row, i) => (headerRows + i === totalIndex ? row.map((v) => v ?? "") : row));
    sheet.getRange(formatAddress({ row: headerRows, column: 0, rowCount: shape.rows - headerRows, columnCount: shape.columns })).formulas = rest;
  } else {
    all.formulas = cells;
  }
  all.numberFormat = spec.numberFormats.map((row) => [...row]);

  for (const run of widthRuns(spec.columnWidths)) {
    sheet.getRange(formatAddress({ row: 0, column: run.first, rowCount: 1_048_576, columnCount: run.last - run.first + 1 })).format.columnWidth = run.width;
  }

  if (table !== undefined && table.showTotals !== true && plan.tableName !== undefined) {
    const listObject = sheet.tables.add(table.range, true);
    listObject.name = plan.tableName;
  }

  for (const styled of spec.styles) applyRole(sheet.getRange(styled.range), styled.role);

  for (const v of spec.validations) {
    const validation = sheet.getRange(v.range).dataValidation;
    validation.rule = {
      decimal:
        v.max === undefined
          ? { formula1: v.min, operator: "GreaterThanOrEqualTo" }
          : { formula1: v.min, formula2: v.max, operator: "Between" },
    };
    validation.errorAlert = { message: v.message.slice(0, ALERT_MESSAGE_MAX), showAlert: true, style: "Stop", title: ALERT_TITLE };
  }

  for (const cf of spec.conditionalFormats) {
    const range = sheet.getRange(cf.range);
    for (const rule of cf.rules) {
      const format = range.conditionalFormats.add("CellValue").cellValue;
      format.rule = { formula1: textOperand(rule.equals), operator: "EqualTo" };
      format.format.fill.color = TONE_STYLES[rule.tone].fill;
      format.format.font.color = TONE_STYLES[rule.tone].fontColor;
    }
  }

  for (const scale of spec.colorScales ?? []) queueColorScale(sheet.getRange(scale.range), scale);

  const { rows, columns } = spec.freeze;
  if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(formatAddress({ row: 0, column: 0, rowCount: rows, columnCount: columns }));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (columns > 0) sheet.freezePanes.freezeColumns(columns);

  for (const n of plan.names) context.workbook.names.add(n.name, nameReference(sheet, plan.sheetName, n));
  return sheet;
}

// ---------------------------------------------------------------- heat maps and charts (issue 15)

/**
 * Excel's own "Green - Yellow - Red" colour scale (Home > Conditional Formatting > Color
 * Scales): the good end green, the midpoint yellow, the bad end red.
 */
export const HEAT_COLORS = { good: "#63BE7B", mid: "#FFEB84", bad: "#F8696B" } as const;

/**
 * A heat map: a three-colour scale (ConditionalFormatCollection.add("ColorScale"),
 * ColorScaleConditionalFormat.criteria, ExcelApi 1.6): the lowest value, the 50th percentile
 * and the highest value, green at the end `better` says is good.
 */
function queueColorScale(range: XlRange, scale: ColorScaleSpec): void {
  const [low, high] = scale.better === "higher" ? [HEAT_COLORS.bad, HEAT_COLORS.good] : [HEAT_COLORS.good, HEAT_COLORS.bad];
  range.conditionalFormats.add("ColorScale").colorScale.criteria = {
    minimum: { type: "LowestValue", color: low },
    midpoint: { type: "Percentile", formula: "50", color: HEAT_COLORS.mid },
    maximum: { type: "HighestValue", color: high },
  };
}

/**
 * Threshold lines, in the order a chart lists them (Meets, then Excellent): amber and green,
 * dashed and thin, so they read as lines to reach rather than as data.
 */
export const THRESHOLD_LINE = { colors: ["#BF9000", "#548235"], lineStyle: "Dash", weight: 1.25 } as const;

/**
 * Queues one chart: charts.add over the first series' cells (one row or column, so Excel makes
 * exactly one series of it), then each series' values, x-axis values (the categories) and name
 * set explicitly, so nothing depends on how Excel would guess series from a block. A threshold
 * series is a thin dashed line without markers (drawn as a line on a column chart too). Title,
 * legend at the bottom, the value axis' number format, and the top-left corner at the spec's
 * cell with its size in points. API sets: requirements.ts NEEDS.charts.
 */
function queueChart(sheet: XlWorksheet, spec: ChartSpec): void {
  const first = parseAddress(spec.series[0].values);
  const chart = sheet.charts.add(spec.kind === "line" ? "Line" : "ColumnClustered", sheet.getRange(spec.series[0].values), first.columnCount === 1 ? "Columns" : "Rows");
  chart.name = spec.id;
  chart.title.text = spec.title;
  chart.legend.position = "Bottom";
  if (spec.numberFormat !== undefined) chart.axes.valueAxis.numberFormat = spec.numberFormat;
  let thresholds = 0;
  spec.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    series.setValues(sheet.getRange(s.values));
    series.setXAxisValues(sheet.getRange(spec.categories));
    if (s.role === "threshold") {
      if (spec.kind !== "line") series.chartType = "Line";
      series.markerStyle = "None";
      series.format.line.lineStyle = THRESHOLD_LINE.lineStyle;
      series.format.line.weight = THRESHOLD_LINE.weight;
      series.format.line.color = THRESHOLD_LINE.colors[Math.min(thresholds++, THRESHOLD_LINE.colors.length - 1)];
    }
  });
  chart.setPosition(spec.at);
  chart.width = spec.width;
  chart.height = spec.height;
}

/** What became of a template's charts. */
export type ChartsOutcome =
  | { readonly drawn: number }
  /** None drawn: Excel lacks an API set they need, or refused one while drawing (its message). */
  | {
      readonly drawn: 0;
      readonly leftOut: number;
      readonly reason: { readonly code: "unsupported"; readonly version: string; readonly feature: Feature } | { readonly code: "refused"; readonly message: string };
    };

// ---------------------------------------------------------------- insertTemplate

export interface InsertOptions {
  /** The Benchmarks spec, written first when `spec` needs CollectBenchmarks and the workbook has none. */
  readonly benchmarks?: SheetSpec;
}

export interface InsertResult {
  /** The sheet created (or, for the Benchmarks template when one exists, the sheet opened). */
  readonly sheet: string;
  /** True when nothing was written: the existing Benchmarks sheet was opened instead. */
  readonly opened: boolean;
  /** The Benchmarks sheet created in the same batch, when the workbook had none. */
  readonly benchmarksSheet?: string;
  /** Workbook names the spec defines that already existed, kept as they were. */
  readonly keptNames: readonly string[];
  /** context.sync() calls made. */
  readonly syncs: number;
  /** CollectBenchmarks was a plain range (a workbook from before) and now hands blanks on as "" (same cells). */
  readonly upgradedBenchmarksName?: true;
  /** The template's charts, when it has any: how many were drawn, or why they were left out. */
  readonly charts?: ChartsOutcome;
}

/** Inserts a template as a new sheet; see the file comment for what is never overwritten. */
export async function insertTemplate(host: Host, spec: SheetSpec, options: InsertOptions = {}): Promise<InsertResult> {
  requireApi(host, "insertTemplate");
  const shape = checkSpec(spec);
  const needs = needsBenchmarks(spec);
  const benchShape = needs && options.benchmarks !== undefined ? checkSpec(options.benchmarks) : undefined;
  if (needs && options.benchmarks !== undefined && !definesBenchmarks(options.benchmarks)) {
    bad(`${options.benchmarks.templateId} does not define ${BENCHMARKS_NAME}`);
  }

  return host.run(async (context) => {
    let syncs = 0;
    const sync = async (): Promise<void> => {
      syncs++;
      await context.sync();
    };
    const wb = context.workbook;
    const sheets = wb.worksheets.load("items/name");
    const tables = wb.tables.load("items/name");
    const names = wb.names.load("items/name,items/type,items/formula");
    await sync(); // 1

    const sheetNames = sheets.items.map((s) => s.name);
    const nameTypes = new Map(names.items.map((n) => [n.name.toLowerCase(), n.type]));
    const takenIds = [...tables.items.map((t) => t.name), ...names.items.map((n) => n.name)];
    const bench = benchmarksState(names.items.find((n) => n.name.toLowerCase() === BENCHMARKS_NAME.toLowerCase()));
    const hasBenchmarks = bench.state === "ok";
    const brokenBenchmarks = bench.state === "broken";
    if (bench.state === "taken" && (needs || definesBenchmarks(spec))) {
      throw new WriterError({ code: "benchmarksNameTaken" });
    }
    // A workbook made before CollectBenchmarks handed blanks on as "" (a plain range): give the
    // name the =IF(body="","",body) form over the same cells, so a blank threshold stays "not
    // set" on Excel desktop too. The cells themselves are not touched.
    const upgrade = bench.state === "ok" && !bench.body.blanksAsEmpty && (needs || definesBenchmarks(spec));
    // NamedItem.formula is settable (ExcelApi 1.7): the name is redefined in place, so the
    // formulas that use it never see it missing.
    if (upgrade) wb.names.getItem(BENCHMARKS_NAME).formula = benchmarksNameFormula(bench.body.ref);

    // The Benchmarks template over an existing Benchmarks table: open it, keep every value.
    if (definesBenchmarks(spec) && bench.state === "ok") {
      const existing = bodyRange(context, bench.body).worksheet;
      existing.activate();
      existing.load("name");
      await sync(); // 2
      return { sheet: existing.name, opened: true, keptNames: [BENCHMARKS_NAME], syncs, ...(upgrade ? { upgradedBenchmarksName: true } : {}) };
    }

    const plan = (s: SheetSpec, checked: Checked): { plan: SheetPlan; kept: string[] } => {
      const kept: string[] = [];
      const toAdd = s.names.filter((n) => {
        const type = nameTypes.get(n.name.toLowerCase());
        const repair = type === "Error" && n.name.toLowerCase() === BENCHMARKS_NAME.toLowerCase();
        if (type !== undefined && !repair) kept.push(n.name);
        return type === undefined || repair;
      });
      const sheetName = uniqueSheetName(s.name, sheetNames);
      sheetNames.push(sheetName);
      const tableName = s.table !== undefined ? uniqueTableName(s.table.name, takenIds) : undefined;
      if (tableName !== undefined) takenIds.push(tableName);
      return { plan: { spec: s, shape: checked, sheetName, tableName, names: toAdd }, kept };
    };

    // A CollectBenchmarks that refers to a deleted sheet (#REF!) is repaired, not duplicated.
    if (brokenBenchmarks && (definesBenchmarks(spec) || needs)) wb.names.getItem(BENCHMARKS_NAME).delete();

    let benchmarksSheet: string | undefined;
    const keptNames: string[] = [];
    if (needs && !hasBenchmarks) {
      if (options.benchmarks === undefined || benchShape === undefined) bad(`${spec.templateId} needs the Benchmarks template`);
      const b = plan(options.benchmarks, benchShape);
      queueSheet(context, b.plan);
      benchmarksSheet = b.plan.sheetName;
      keptNames.push(...b.kept);
    }
    const main = plan(spec, shape);
    keptNames.push(...main.kept);
    const sheet = queueSheet(context, main.plan);
    sheet.activate();
    sheet.load("name");
    await sync(); // 2

    let charts: ChartsOutcome | undefined;
    const chartSpecs = spec.charts ?? [];
    if (chartSpecs.length > 0) {
      const missing = missingRequirement(host, "charts");
      if (missing !== undefined) {
        charts = { drawn: 0, leftOut: chartSpecs.length, reason: { code: "unsupported", version: missing.version, feature: missing.feature } };
      } else {
        for (const chart of chartSpecs) queueChart(sheet, chart);
        try {
          await sync(); // 3
          charts = { drawn: chartSpecs.length };
        } catch (e) {
          // The sheet is written (sync 2); only the charts are missing, and the pane says so.
          charts = { drawn: 0, leftOut: chartSpecs.length, reason: { code: "refused", message: e instanceof Error ? e.message : String(e) } };
        }
      }
    }

    return {
      sheet: sheet.name,
      opened: false,
      ...(benchmarksSheet !== undefined ? { benchmarksSheet } : {}),
      keptNames,
      syncs,
      ...(upgrade ? { upgradedBenchmarksName: true } : {}),
      ...(charts !== undefined ? { charts } : {}),
    };
  });
}

// ---------------------------------------------------------------- benchmarks

type BenchmarksState =
  | { readonly state: "none" | "broken" | "taken" }
  | { readonly state: "ok"; readonly body: BenchmarksBody };

/**
 * What the workbook's CollectBenchmarks is: missing, a body reference (=IF(body="","",body),
 * or a plain range from before), broken (its sheet was deleted: #REF!), or a name the user
 * gave something else. Excel's docs do not say which NamedItem.type a formula name reports
 * ("Array" is likely), so the formula decides, not the type; "Error" always means broken.
 */
function benchmarksState(item: { readonly type: string; readonly formula: unknown } | undefined): BenchmarksState {
  if (item === undefined) return { state: "none" };
  if (item.type === "Error" || (typeof item.formula === "string" && item.formula.includes("#REF!"))) return { state: "broken" };
  const body = benchmarksBody(item.formula);
  return body === undefined ? { state: "taken" } : { state: "ok", body };
}

/** The Benchmarks body as a range: "'My bench'!$A$5:$H$27" → that sheet's A5:H27. */
function bodyRange(context: XlRequestContext, body: BenchmarksBody): XlRange {
  const bang = body.ref.lastIndexOf("!");
  const quoted = body.ref.slice(0, bang);
  const sheet = quoted.startsWith("'") ? quoted.slice(1, -1).replace(/''/g, "'") : quoted;
  return context.workbook.worksheets.getItem(sheet).getRange(body.ref.slice(bang + 1).replace(/\$/g, ""));
}

/** Finds the CollectBenchmarks body in its own sync; throws noBenchmarks when the name is missing, broken or not ours. */
async function benchmarksRange(context: XlRequestContext, sync: () => Promise<void>): Promise<XlRange> {
  const item = context.workbook.names.getItemOrNullObject(BENCHMARKS_NAME);
  item.load("type,formula");
  await sync();
  const bench = item.isNullObject ? ({ state: "none" } as const) : benchmarksState(item);
  if (bench.state !== "ok") throw new WriterError({ code: "noBenchmarks" });
  return bodyRange(context, bench.body);
}

export interface BenchmarkCheck {
  /** Where the body was read, e.g. "Benchmarks!A5:H28". */
  readonly address: string;
  readonly problems: readonly BenchmarkProblem[];
  readonly syncs: number;
}

/** Reads the CollectBenchmarks body and lists its bad rows (Benchmarks.problems); writes nothing. */
export async function readBenchmarkProblems(host: Host): Promise<BenchmarkCheck> {
  requireApi(host, "readBenchmarks");
  return host.run(async (context) => {
    let syncs = 0;
    const sync = async (): Promise<void> => {
      syncs++;
      await context.sync();
    };
    const range = (await benchmarksRange(context, sync)).load("values,address");
    await sync();
    return { address: range.address, problems: Benchmarks.problems(range.values), syncs };
  });
}

/** Proof that the user confirmed the reset in the pane; only the confirm step creates it. */
export interface ResetConfirmation {
  readonly confirmed: true;
}

export interface ResetResult {
  readonly address: string;
  /** Rows whose metric id is in the defaults: rewritten. */
  readonly rowsReset: number;
  /** Rows with other ids (the user's own metrics): left as they were. */
  readonly rowsKept: number;
  /** Default metrics with no row in the table (not added: the table keeps its size). */
  readonly missing: readonly string[];
  readonly syncs: number;
}

/** The default body rows of the Benchmarks spec, by lower-case metric id. */
function defaultRows(spec: SheetSpec): { width: number; rows: Map<string, XlCellValue[]> } {
  const name = spec.names.find((n) => n.name.toLowerCase() === BENCHMARKS_NAME.toLowerCase());
  if (name === undefined) bad(`${spec.templateId} does not define ${BENCHMARKS_NAME}`);
  const rect = parseAddress(name.range);
  const rows = new Map<string, XlCellValue[]>();
  for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
    const row = spec.cells[r]?.slice(rect.column, rect.column + rect.columnCount);
    if (row === undefined || row.length !== rect.columnCount) bad(`${spec.templateId}: ${BENCHMARKS_NAME} lies outside the cells`);
    const id = row[0];
    if (typeof id === "string" && id.trim() !== "") rows.set(id.trim().toLowerCase(), row.map((v) => (v === null ? "" : v)));
  }
  return { width: rect.columnCount, rows };
}

/**
 * Rewrites the benchmark rows of the workbook's table with the defaults of `benchmarksSpec`,
 * matched by metric id; other rows (the user's own metrics) and every cell outside the
 * CollectBenchmarks body stay as they are. Only the pane's confirm step calls this.
 */
export async function resetBenchmarks(host: Host, benchmarksSpec: SheetSpec, confirmation: ResetConfirmation): Promise<ResetResult> {
  if (confirmation.confirmed !== true) throw new Error("resetBenchmarks needs the user's confirmation");
  requireApi(host, "resetBenchmarks");
  checkSpec(benchmarksSpec);
  const defaults = defaultRows(benchmarksSpec);
  return host.run(async (context) => {
    let syncs = 0;
    const sync = async (): Promise<void> => {
      syncs++;
      await context.sync();
    };
    const range = (await benchmarksRange(context, sync)).load("values,address,columnCount");
    await sync();
    if (range.columnCount !== defaults.width || defaults.width < BENCHMARK_COLUMNS.length) {
      throw new WriterError({ code: "benchmarksShape", columns: range.columnCount, expected: defaults.width });
    }
    // Only the rows being reset are written, in runs of consecutive rows. A kept row is never
    // written back: `values` and `formulas` drop the apostrophe of text typed as '0.9
    // (office-js#6687), so writing back what was read would turn the user's text into a number.
    const body = parseAddress(range.address.slice(range.address.lastIndexOf("!") + 1));
    const seen = new Set<string>();
    const fresh: (XlCellValue[] | undefined)[] = range.values.map((row) => {
      const id = typeof row[0] === "string" ? row[0].trim().toLowerCase() : "";
      const defaultsRow = defaults.rows.get(id);
      if (defaultsRow === undefined) return undefined;
      seen.add(id);
      return [...defaultsRow];
    });
    const sheet = range.worksheet;
    for (let r = 0; r < fresh.length; ) {
      if (fresh[r] === undefined) {
        r++;
        continue;
      }
      const start = r;
      while (r < fresh.length && fresh[r] !== undefined) r++;
      const block = sheet.getRange(formatAddress({ row: body.row + start, column: body.column, rowCount: r - start, columnCount: body.columnCount }));
      block.formulas = fresh.slice(start, r) as XlCellValue[][];
    }
    await sync();
    const rowsReset = fresh.filter((row) => row !== undefined).length;
    return {
      address: range.address,
      rowsReset,
      rowsKept: fresh.length - rowsReset,
      missing: [...defaults.rows.keys()].filter((id) => !seen.has(id)),
      syncs,
    };
  });
}

// ---------------------------------------------------------------- a function call with its arguments

/** What a typed argument is: a reference (with its sheet when it names one), a number or a quoted text. */
export type ParsedArgument =
  | { readonly kind: "reference"; readonly sheet?: string; readonly rect: Rect; readonly text: string }
  | { readonly kind: "number" | "text"; readonly text: string };

/**
 * An argument as the user typed it or "Use selection" filled it in: "B2:B40", "$B$2",
 * "'M1 (2)'!B2:B9", "0.9", "\"complaint_rate\"". Undefined for anything else — a name, a word, a
 * whole column (Excel on the web refuses those in custom functions) — because Excel would show
 * #NAME? or #CALC! for it; "" when blank.
 */
export function parseArgument(input: string): ParsedArgument | "" | undefined {
  const text = input.trim();
  if (text === "") return "";
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?$/.test(text)) return { kind: "number", text };
  if (/^"([^"]|"")*"$/.test(text)) return { kind: "text", text };
  if (!/^(('([^']|'')+'|[^'!:\s,()]+)!)?\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$/.test(text)) return undefined;
  try {
    const parsed = parseAddress(text);
    if (parsed.whole !== undefined) return undefined;
    const { sheet, ...rect } = parsed;
    const ref = text.slice(text.lastIndexOf("!") + 1).toUpperCase();
    return { kind: "reference", ...(sheet !== undefined ? { sheet } : {}), rect: { row: rect.row, column: rect.column, rowCount: rect.rowCount, columnCount: rect.columnCount }, text: ref };
  } catch {
    return undefined;
  }
}

export type CallResult =
  | { readonly written: true; readonly address: string; readonly formula: string; readonly syncs: number }
  | { readonly written: false; readonly address: string; readonly reason: "notEmpty"; readonly syncs: number }
  /** An argument names a sheet the workbook does not have (Excel would show #REF!). */
  | { readonly written: false; readonly address: string; readonly reason: "noSheet"; readonly argument: number; readonly sheet: string; readonly syncs: number }
  /** The active cell lies inside an argument's range: the formula would refer to itself. */
  | { readonly written: false; readonly address: string; readonly reason: "circular"; readonly argument: number; readonly syncs: number };

/**
 * Writes =COLLECT.<fn>(arguments) into the active cell, only when that cell is empty, every
 * argument's sheet exists and no argument's range holds the cell itself. The arguments are
 * parsed already (parseArgument: references, numbers, quoted texts only), so the formula never
 * shows #NAME?. A reference to the active cell's own sheet loses its sheet name.
 */
export async function insertFunctionCall(host: Host, fn: string, args: readonly ParsedArgument[]): Promise<CallResult> {
  requireApi(host, "insertFunction");
  if (!/^[A-Z][A-Z0-9.]*$/.test(fn)) throw new WriterError({ code: "badSpec", detail: `"${fn}" is not a function name` });
  return host.run(async (context) => {
    let syncs = 0;
    const sync = async (): Promise<void> => {
      syncs++;
      await context.sync();
    };
    const cell = context.workbook.getActiveCell().load("address,formulas,values");
    // The sheet names only when an argument names a sheet.
    const sheets = args.some((a) => a.kind === "reference" && a.sheet !== undefined) ? context.workbook.worksheets.load("items/name") : undefined;
    await sync();
    const { sheet: here = "", ...at } = parseAddress(cell.address);
    const address = cellPart(cell.address);
    const empty = cell.formulas[0][0] === "" && cell.values[0][0] === "";
    if (!empty) return { written: false, address, reason: "notEmpty", syncs };
    const names = new Map((sheets?.items ?? []).map((w) => [w.name.toLowerCase(), w.name]));
    const texts: string[] = [];
    for (const [i, arg] of args.entries()) {
      if (arg.kind !== "reference") {
        texts.push(arg.text);
        continue;
      }
      const sheet = arg.sheet === undefined ? here : names.get(arg.sheet.toLowerCase());
      if (sheet === undefined) return { written: false, address, reason: "noSheet", argument: i, sheet: arg.sheet ?? "", syncs };
      if (sheet.toLowerCase() === here.toLowerCase() && contains(arg.rect, at.row, at.column)) return { written: false, address, reason: "circular", argument: i, syncs };
      texts.push(sheet.toLowerCase() === here.toLowerCase() ? arg.text : `${quoteSheetName(sheet)}!${arg.text}`);
    }
    const formula = `=COLLECT.${fn}(${texts.join(",")})`;
    cell.formulas = [[formula]];
    await sync();
    return { written: true, address, formula, syncs };
  });
}

/**
 * The selected range's sheet-qualified address ("Sheet1!B2:B9"), for the pane's "Use selection".
 * Excel has getSelectedRange (ExcelApi 1.1); a host without it (the simulator selects one cell)
 * gives the active cell.
 */
export async function readSelection(host: Host): Promise<string> {
  requireApi(host, "insertFunction");
  return host.run(async (context) => {
    const wb = context.workbook;
    const range = (wb.getSelectedRange !== undefined ? wb.getSelectedRange() : wb.getActiveCell()).load("address");
    await context.sync();
    return range.address;
  });
}

/** "Sheet1!B4" → "B4" */
function cellPart(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}

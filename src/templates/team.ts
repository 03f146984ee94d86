/**
 * The one builder behind every team sheet (the scorecard and the stage, channel and role
 * sheets): one row per collector, input columns, KPI columns computed by COLLECT.* on that
 * row, grades or scores against CollectBenchmarks, a rank, a TEAM TOTAL row of ratios of sums
 * and the benchmark rows. Each template is a TeamSheetDef (data); this file is the layout.
 *
 * Stage sheet (no weights):              Scorecard (weights):
 *   1 title                                1 title
 *   2 instructions                         2 instructions
 *   3 metric ids over the KPI columns      3 metric ids over the KPI columns (SCORE's metrics)
 *   4 header                               4 weights over the KPI columns (SCORE's weights)
 *   5… one row per collector (n)           5 header
 *   then TEAM TOTAL                        6… one row per collector (n)
 *   benchmark: meets                       then TEAM TOTAL
 *   benchmark: excellent                   benchmark: meets, benchmark: excellent
 * n is 8 with sample data, TemplateOptions.rowCount (1…500, default 8) when blank, and one row
 * per label when bound to imported data (TemplateOptions.data). A data-bound sheet has the
 * reporting month in B2 (label in A2; every input formula references $B$2) and, in C2, where
 * the data came from and what to type; its inputs the data gives are formulas, the others blank.
 *
 * Columns: A row label | (scorecard: B composite score, C score grade, D rank of the composite,
 *          frozen with A) | inputs | KPIs (contiguous) | ‰ display of per-mille KPIs |
 *          grades (stage; the rank of the headline KPI right after its grade) or KPI scores (scorecard).
 *
 * A formula shows blank while the inputs it divides by are blank (so an empty template is
 * clean), and computes — errors and their messages included — as soon as one is typed.
 * Nothing is wrapped in IFERROR: a wrong input must show its error, not hide it.
 */
import { BAND_LABELS, LEVEL_LABELS, Language, Metric, findMetric } from "../core";
import { meetsLink } from "./benchmarks";
import { PERMILLE_DISPLAY_FORMAT, SheetBuilder, absoluteArea, area, cell, columnLetter, literalText, numberFormat, structuredColumn } from "./sheet";
import { GRADE_LANGUAGE, InputKey, RowKind, STRINGS, TemplateId, templateTexts } from "./strings";
import { BENCHMARKS_NAME, SheetSpec, TemplateData, TemplateDef, TemplateOptions } from "./types";

/**
 * The Excel table (ListObject) over each team sheet's header, collector rows and TEAM TOTAL (its
 * total row). The total row and the rank refer to the rows through it (`CK_M1[[Recovered]]`), so
 * a collector added or removed with Excel's table commands is counted, ranked and scored: "the
 * references ... adjust automatically as data is added or removed" (support.microsoft.com,
 * "Using structured references with Excel tables"). ASCII names, so a formula reads the same in
 * every language; the writer adds a suffix when the name is taken (a second copy of the sheet).
 * Every cell of the table is one value: "Spilled array formulas aren't supported in Excel
 * tables" (support.microsoft.com, "How to correct a #SPILL! error").
 */
export const TEAM_TABLE_NAMES: Readonly<Partial<Record<TemplateId, string>>> = {
  scorecard: "CK_Scorecard",
  m1: "CK_M1",
  m2m3: "CK_M2M3",
  m4plus: "CK_M4Plus",
  robot: "CK_Robot",
  field: "CK_Field",
  leader: "CK_Leader",
  agencies: "CK_Agencies",
};

/** The sample size: a sample team sheet has 8 rows (the sample data of teams.ts), and a blank one has 8 unless TemplateOptions.rowCount says otherwise. */
export const TEAM_ROWS = 8;
/** The most data rows a team sheet takes (TemplateOptions.rowCount, or the labels of TemplateOptions.data). */
export const MAX_TEAM_ROWS = 500;

export type InputFormat = "currency" | "count" | "minutes" | "fte";

export interface InputColumn {
  readonly key: InputKey;
  readonly format: InputFormat;
  /** One sample value per data row. */
  readonly sample: readonly number[];
}

export interface KpiColumn {
  readonly metric: string;
  /** The input columns passed to the metric's function, in the catalogue's parameter order. */
  readonly args?: readonly InputKey[];
  /** A metric typed in directly (no function, e.g. optimization_suggestions): its sample per row. */
  readonly typed?: readonly number[];
}

export interface TeamSheetDef {
  readonly id: TemplateId;
  readonly rowKind: RowKind;
  readonly inputs: readonly InputColumn[];
  readonly kpis: readonly KpiColumn[];
  /** Scorecard only: one default weight per KPI; adds the weights row, KPI scores, SCORE and SCOREGRADE (and ranks the composite). */
  readonly weights?: readonly number[];
  /** Not on the scorecard: the metric id of the KPI the sheet ranks its rows by (a rank column right after that KPI's grade). */
  readonly headline?: string;
  /** Rows of sample data (each input's sample has this many values); TEAM_ROWS when absent. The agency sheet has 6. */
  readonly sampleRows?: number;
}

/** How many sample rows a definition has. */
export function sampleRowsOf(def: TeamSheetDef): number {
  return def.sampleRows ?? TEAM_ROWS;
}

const INPUT_WIDTH: Readonly<Record<InputFormat, number>> = { currency: 92, count: 78, minutes: 84, fte: 70 };
const WIDTH = { label: 120, kpi: 90, permille: 78, grade: 86, score: 74, composite: 80, band: 80, rank: 56 } as const;

/** Widest column (points) a header may ask for; past it, a third line is better than a huge column. */
const MAX_HEADER_WIDTH = 150;

const isCjk = (ch: string): boolean => /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch);
/** Width (points) of text on one line in the 11 pt bold header font: a CJK character about 1 em (11.5 pt), a Latin one about 0.6 em. */
const lineWidth = (t: string): number => [...t].reduce((sum, ch) => sum + (isCjk(ch) ? 11.5 : 6.6), 0);
const HEADER_PADDING = 10;

/**
 * The column width (points) at which `text`, in the 11 pt bold header font, fits on two
 * lines: a CJK character is about 1 em (11.5 pt with bold), a Latin one about 0.6 em.
 * Latin text wraps at spaces, so its longest word must fit on a line too.
 */
export function twoLineWidth(text: string): number {
  const cjk = /[\u2e80-\u9fff]/.test(text);
  const longestWord = cjk ? 0 : Math.max(0, ...text.split(/\s+/).map(lineWidth));
  return Math.min(MAX_HEADER_WIDTH, Math.ceil(Math.max(lineWidth(text) / 2, longestWord) + HEADER_PADDING));
}

/**
 * A Chinese header laid out so that it never breaks inside a word (Excel and browsers break
 * CJK text between any two characters): on one line when it fits `width`, else on two lines
 * split with a line feed (Excel's Alt+Enter) at the chosen point — before a full-width
 * parenthesis or before a suffix the template added (得分, 评级, ‰) — that makes the wider line
 * narrowest; without such a point, on one line in a wider column. Returns the text and the
 * width its column needs (at least `width`).
 */
export function chineseHeader(text: string, width: number, breaks: readonly number[] = []): { text: string; width: number } {
  const one = Math.ceil(lineWidth(text) + HEADER_PADDING);
  if (one <= width) return { text, width };
  const points = new Set<number>(breaks.filter((i) => i > 0 && i < text.length));
  [...text].forEach((ch, i) => {
    if ((ch === "（" || ch === "(") && i > 0) points.add(i);
  });
  let best: { text: string; width: number } | undefined;
  for (const i of points) {
    // Nothing is dropped: without the line feed the header reads exactly as before.
    const first = text.slice(0, i);
    const second = text.slice(i);
    const need = Math.ceil(Math.max(lineWidth(first.trimEnd()), lineWidth(second.trimStart())) + HEADER_PADDING);
    if (best === undefined || need < best.width) best = { text: `${first}\n${second}`, width: need };
  }
  if (best === undefined || best.width >= one) return { text, width: Math.max(width, one) };
  return { text: best.text, width: Math.max(width, best.width) };
}

/** Width (points) a metric id needs on one line in the 9 pt italic note font (about 0.6 em a character, with padding). */
export function metricIdWidth(id: string): number {
  return Math.ceil(id.length * 5.4 + 8);
}

function inputFormat(format: InputFormat, language: Language): string {
  return format === "currency" ? numberFormat("currency", language) : format === "fte" ? numberFormat("fte", language) : numberFormat("count", language);
}

function metricOf(id: string): Metric {
  const m = findMetric(id);
  if (m === undefined) throw new Error(`unknown metric ${id}`);
  return m;
}

/** Checks a definition against the catalogue, so a template cannot call a function with the wrong arguments. */
export function checkTeamDef(def: TeamSheetDef): void {
  const keys = new Set(def.inputs.map((i) => i.key));
  if (keys.size !== def.inputs.length) throw new Error(`${def.id}: an input column appears twice`);
  const samples = sampleRowsOf(def);
  for (const i of def.inputs) if (i.sample.length !== samples) throw new Error(`${def.id}: ${i.key} needs ${samples} samples`);
  for (const k of def.kpis) {
    const m = metricOf(k.metric);
    if (k.typed !== undefined) {
      if (m.fn !== undefined) throw new Error(`${def.id}: ${m.id} has a function; compute it`);
      if (k.typed.length !== samples) throw new Error(`${def.id}: ${m.id} needs ${samples} samples`);
      continue;
    }
    if (m.fn === undefined) throw new Error(`${def.id}: ${m.id} has no function; type it in`);
    if (k.args === undefined || k.args.length !== m.params.length) throw new Error(`${def.id}: ${m.id} takes ${m.params.length} arguments`);
    for (const a of k.args) if (!keys.has(a)) throw new Error(`${def.id}: ${m.id} uses the missing input ${a}`);
  }
  if (def.weights !== undefined && def.weights.length !== def.kpis.length) throw new Error(`${def.id}: one weight per KPI`);
  if (def.headline !== undefined) {
    if (def.weights !== undefined) throw new Error(`${def.id}: the scorecard ranks its composite score, not a headline KPI`);
    if (!def.kpis.some((k) => k.metric === def.headline)) throw new Error(`${def.id}: the headline ${def.headline} is not one of its KPIs`);
  }
}

/** The data rows of a team sheet: their labels (null: blank, to be typed) and, bound to data, the data. */
function teamRows(def: TeamSheetDef, options: TemplateOptions): { labels: readonly (string | null)[]; data?: TemplateData } {
  const { data, sample, rowCount, language } = options;
  if (data !== undefined) {
    const n = data.rows.length;
    if (n < 1 || n > MAX_TEAM_ROWS) throw new RangeError(`${def.id}: the data has ${n} rows; a team sheet takes 1 to ${MAX_TEAM_ROWS}`);
    // SUMIFS and COUNTIFS match text without case: "Li Na" and "LI NA" would each count both.
    const seen = new Set<string>();
    for (const label of data.rows) {
      if (label.trim() === "") throw new Error(`${def.id}: a row label of the data is blank`);
      const key = label.toUpperCase();
      if (seen.has(key)) throw new Error(`${def.id}: the row label ${JSON.stringify(label)} appears twice in the data (Excel matches labels without case)`);
      seen.add(key);
    }
    if (!Number.isInteger(data.monthStart) || data.monthStart < 1) throw new RangeError(`${def.id}: monthStart ${data.monthStart} is not the serial of a day`);
    return { labels: data.rows, data };
  }
  if (sample) return { labels: STRINGS[language].sampleRows[def.rowKind].slice(0, sampleRowsOf(def)) };
  const n = rowCount ?? TEAM_ROWS;
  if (!Number.isInteger(n) || n < 1 || n > MAX_TEAM_ROWS) throw new RangeError(`${def.id}: rowCount ${n} is not a whole number from 1 to ${MAX_TEAM_ROWS}`);
  return { labels: Array<null>(n).fill(null) };
}

export function buildTeamSheet(def: TeamSheetDef, options: TemplateOptions): SheetSpec {
  checkTeamDef(def);
  const { language, sample } = options;
  const S = STRINGS[language];
  const text = S.templates[def.id];
  const gradeLanguage = GRADE_LANGUAGE[language];
  const scorecard = def.weights !== undefined;
  const { labels, data } = teamRows(def, options);
  const rowCount = labels.length;
  // Data wins over sample: a data-bound sheet has its own labels and no sample numbers.
  const withSample = sample && data === undefined;

  // Rows (1-based).
  const monthRow = 2;
  const idRow = 3;
  const weightRow = scorecard ? 4 : undefined;
  const headerRow = scorecard ? 5 : 4;
  const first = headerRow + 1;
  const last = first + rowCount - 1;
  const totalRow = last + 1;
  const meetsRow = totalRow + 1;
  const excellentRow = totalRow + 2;
  const dataRows = Array.from({ length: rowCount }, (_, i) => first + i);

  // Columns (0-based).
  const inputColumn = new Map<InputKey, number>();
  // Scorecard: the composite, its grade and its rank sit right of the collector, frozen with
  // it, so the result is where the eye is (issue 16); the inputs follow them.
  const compositeColumn = scorecard ? 1 : -1;
  const bandColumn = scorecard ? 2 : -1;
  const scorecardRankColumn = scorecard ? 3 : -1;
  const inputFirst = scorecard ? 4 : 1;
  def.inputs.forEach((input, i) => inputColumn.set(input.key, inputFirst + i));
  const kpiFirst = inputFirst + def.inputs.length;
  const kpiLast = kpiFirst + def.kpis.length - 1;
  const metrics = def.kpis.map((k) => metricOf(k.metric));
  const permille = metrics.map((m, i) => ({ m, kpi: kpiFirst + i })).filter((p) => p.m.format === "permille");
  const permilleFirst = kpiLast + 1;
  const afterPermille = permilleFirst + permille.length;
  // Stage: one grade column per KPI, with the headline KPI's rank right after its grade.
  // Scorecard: one KPI score per KPI (the composite, its grade and rank are in B–D).
  const headlineIndex = def.headline === undefined ? -1 : def.kpis.findIndex((k) => k.metric === def.headline);
  const gradeColumn = (i: number): number => afterPermille + i + (headlineIndex >= 0 && i > headlineIndex ? 1 : 0);
  const headlineRankColumn = headlineIndex >= 0 ? gradeColumn(headlineIndex) + 1 : -1;
  const rankColumn = scorecard ? scorecardRankColumn : headlineRankColumn;
  const columns = afterPermille + def.kpis.length + (headlineIndex >= 0 ? 1 : 0);
  const lastColumn = columns - 1;

  const b = new SheetBuilder(excellentRow, columns);
  const tableName = TEAM_TABLE_NAMES[def.id];
  if (tableName === undefined) throw new Error(`${def.id}: no table name for this team sheet (TEAM_TABLE_NAMES)`);
  /**
   * Cells whose formulas name a column of the table (the total row, the rank): set once the
   * headers are laid out (a Chinese header may gain a line feed), since the header is the name.
   */
  const deferred: (() => void)[] = [];
  /** The body of one column of the table, as a structured reference: CK_M1[[Recovered]]. */
  const column = (c: number): string => structuredColumn(tableName, headers[c]);
  const widths: number[] = Array<number>(columns).fill(WIDTH.kpi);
  widths[0] = WIDTH.label;

  b.set(1, 0, text.title);
  b.style("A1", "title");
  const monthCell = cell(monthRow, 1);
  const sourceCell = cell(monthRow, 2);
  if (data === undefined) {
    b.set(monthRow, 0, text.instructions);
    b.style(cell(monthRow, 0), "instructions");
  } else {
    // The reporting month, where the analyst sees and changes it; the note beside it says where
    // the data came from (and overflows to the right, as the instructions do on other sheets).
    b.set(monthRow, 0, S.data.month);
    b.set(monthRow, 1, data.monthStart, numberFormat("month", language));
    b.set(monthRow, 2, S.data.note(data.source));
    b.style(cell(monthRow, 0), "instructions");
    b.style(monthCell, "input");
    b.style(sourceCell, "instructions");
    // 1 = 1900-01-01 … 2958465 = 9999-12-31, Excel's dates.
    b.validations.push({ range: monthCell, min: 1, max: 2958465, message: S.validation.month });
  }

  // Metric ids (and weights) above the KPI columns.
  b.set(idRow, 0, S.metricIdRow);
  metrics.forEach((m, i) => b.set(idRow, kpiFirst + i, m.id));
  b.style(area(idRow, 0, idRow, kpiLast), "note");
  if (weightRow !== undefined && def.weights !== undefined) {
    b.set(weightRow, 0, S.weightRow);
    def.weights.forEach((w, i) => b.set(weightRow, kpiFirst + i, w, numberFormat("weight", language)));
    b.style(area(weightRow, 0, weightRow, kpiLast), "weight");
    b.validations.push({ range: area(weightRow, kpiFirst, weightRow, kpiLast), min: 0, max: 100, message: S.validation.weight });
  }

  // Header.
  const headers: string[] = Array<string>(columns).fill("");
  /** Where a header may break besides a full-width parenthesis: after the metric name a suffix follows. */
  const headerBreaks: number[][] = Array.from({ length: columns }, () => []);
  const header = (c: number, text: string, nameLength?: number): void => {
    headers[c] = text;
    if (nameLength !== undefined) headerBreaks[c] = [nameLength];
  };
  header(0, S.rowKinds[def.rowKind]);
  def.inputs.forEach((input, i) => header(inputFirst + i, S.inputs[input.key]));
  metrics.forEach((m, i) => header(kpiFirst + i, m.name[language]));
  permille.forEach((p, i) => header(permilleFirst + i, S.permilleHeader(p.m.name[language]), p.m.name[language].length));
  if (scorecard) {
    metrics.forEach((m, i) => header(gradeColumn(i), S.scoreHeader(m.name[language]), m.name[language].length));
    header(compositeColumn, S.composite);
    header(bandColumn, S.compositeGrade);
  } else {
    metrics.forEach((m, i) => header(gradeColumn(i), S.gradeHeader(m.name[language]), m.name[language].length));
  }
  if (rankColumn >= 0) header(rankColumn, S.rank);
  b.style(area(headerRow, 0, headerRow, lastColumn), "header");

  // Row labels.
  // A label from imported data is written as text, whatever it looks like ("=…", "00123", "TRUE").
  dataRows.forEach((r, i) => {
    const label = labels[i];
    b.set(r, 0, label === null || data === undefined ? label : literalText(label));
  });
  b.set(totalRow, 0, def.rowKind === "agency" ? S.agencyTotal : S.total);
  b.set(meetsRow, 0, S.benchmarkMeets);
  b.set(excellentRow, 0, S.benchmarkExcellent);

  // Inputs: sample, blank, or (bound to data) the formula the data gives; the total row sums them.
  /** Input columns whose cells are formulas over the imported data. */
  const fromData = new Set<number>();
  def.inputs.forEach((input, i) => {
    const c = inputFirst + i;
    const fmt = inputFormat(input.format, language);
    widths[c] = INPUT_WIDTH[input.format];
    dataRows.forEach((r, n) => {
      let value: number | string | null = withSample ? input.sample[n] : null;
      if (data !== undefined) {
        const body = data.inputFormula(input.key, { rowLabel: `$A${r}`, monthStart: `$${columnLetter(1)}$${monthRow}` });
        if (body !== undefined && body.startsWith("=")) throw new Error(`${def.id}: the formula for ${input.key} starts with "=" (give the body only): ${body}`);
        const given = body !== undefined;
        if (n > 0 && given !== fromData.has(c)) throw new Error(`${def.id}: the data gives ${input.key} on some rows only`);
        if (given) {
          fromData.add(c);
          value = `=${body}`;
        }
      }
      b.set(r, c, value, fmt);
    });
    deferred.push(() => b.set(totalRow, c, `=SUM(${column(c)})`, fmt));
  });
  /** The typed input columns (not from data), as ranges of contiguous columns over the data rows. */
  const inputRanges: string[] = [];
  for (let c = inputFirst; c < kpiFirst; c++) {
    if (fromData.has(c)) continue;
    let end = c;
    while (end + 1 < kpiFirst && !fromData.has(end + 1)) end++;
    inputRanges.push(area(first, c, last, end));
    c = end;
  }

  // KPIs.
  const kpiCells = (r: number, i: number): string => cell(r, kpiFirst + i);
  def.kpis.forEach((k, i) => {
    const m = metrics[i];
    const c = kpiFirst + i;
    const fmt = numberFormat(m.format, language);
    const letter = columnLetter(c);
    if (k.typed !== undefined) {
      const typed = k.typed;
      dataRows.forEach((r, n) => b.set(r, c, withSample ? typed[n] : null, fmt));
      // Per row the benchmark is per person, so the team's figure is the mean per row (Σ count / rows).
      deferred.push(() => b.set(totalRow, c, `=IF(COUNT(${column(c)})=0,"",AVERAGE(${column(c)}))`, numberFormat("score", language)));
      inputRanges.push(area(first, c, last, c));
    } else {
      const args = k.args as readonly InputKey[];
      const cols = args.map((a) => inputColumn.get(a) as number);
      const denominator = cols[cols.length - 1];
      dataRows.forEach((r) => {
        const refs = cols.map((col) => cell(r, col)).join(",");
        b.set(r, c, `=IF(${cell(r, denominator)}="","",COLLECT.${m.fn}(${refs}))`, fmt);
      });
      deferred.push(() => {
        const ranges = cols.map(column);
        b.set(totalRow, c, `=IF(COUNT(${ranges[ranges.length - 1]})=0,"",COLLECT.${m.fn}(${ranges.join(",")}))`, fmt);
      });
    }
    b.set(meetsRow, c, `=IFNA(COLLECT.BENCHMARK("${m.id}","meets",${BENCHMARKS_NAME}),"")`, fmt);
    b.set(excellentRow, c, `=IFNA(COLLECT.BENCHMARK("${m.id}","excellent",${BENCHMARKS_NAME}),"")`, fmt);
  });

  // ‰ display columns: the fraction × 1000, shown with a literal ‰.
  permille.forEach((p, i) => {
    const c = permilleFirst + i;
    widths[c] = WIDTH.permille;
    for (const r of [...dataRows, totalRow, meetsRow, excellentRow]) {
      const source = cell(r, p.kpi);
      b.set(r, c, `=IF(${source}="","",${source}*1000)`, PERMILLE_DISPLAY_FORMAT);
    }
  });

  // Grades, or KPI scores with the composite.
  const gradeRows = [...dataRows, totalRow];
  metrics.forEach((m, i) => {
    const c = gradeColumn(i);
    for (const r of gradeRows) {
      const kpi = kpiCells(r, i);
      if (scorecard) {
        widths[c] = WIDTH.score;
        b.set(r, c, `=IF(${kpi}="","",COLLECT.KPISCORE("${m.id}",${kpi},${BENCHMARKS_NAME}))`, numberFormat("score", language));
      } else {
        widths[c] = WIDTH.grade;
        b.set(r, c, `=IF(${kpi}="","",IFNA(COLLECT.GRADE("${m.id}",${kpi},${BENCHMARKS_NAME},"${gradeLanguage}"),"${S.noBenchmark}"))`);
      }
    }
    if (!scorecard) {
      // Under a grade that says "No benchmark" (both thresholds blank: the source gives no
      // figure), the benchmark rows say why and link to the metric's Meets cell in Benchmarks.
      // Both follow the KPI's own benchmark cells, so they disappear once a threshold is set.
      const none = `AND(${cell(meetsRow, kpiFirst + i)}="",${cell(excellentRow, kpiFirst + i)}="")`;
      const link = meetsLink(m.id, language);
      b.set(meetsRow, c, `=IF(${none},"${S.noFigure}","")`);
      if (link !== undefined) b.set(excellentRow, c, `=IF(${none},HYPERLINK("${link}","${S.setThreshold}"),"")`);
      // Out of the box (no default threshold) the two lines show: the column fits them.
      if (m.meets === undefined && m.excellent === undefined) {
        widths[c] = Math.max(widths[c], ...[S.noFigure, S.setThreshold].map((t) => Math.ceil(lineWidth(t) + HEADER_PADDING)));
      }
    }
  });
  if (scorecard && weightRow !== undefined) {
    widths[compositeColumn] = WIDTH.composite;
    widths[bandColumn] = WIDTH.band;
    const ids = absoluteArea(idRow, kpiFirst, idRow, kpiLast);
    const weights = absoluteArea(weightRow, kpiFirst, weightRow, kpiLast);
    for (const r of gradeRows) {
      const values = area(r, kpiFirst, r, kpiLast);
      b.set(r, compositeColumn, `=IF(COUNT(${values})=0,"",COLLECT.SCORE(${ids},${values},${weights},${BENCHMARKS_NAME}))`, numberFormat("score", language));
      const composite = cell(r, compositeColumn);
      b.set(r, bandColumn, `=IF(${composite}="","",COLLECT.SCOREGRADE(${composite},"${gradeLanguage}"))`);
    }
    const bands = BAND_LABELS[language];
    b.conditionalFormats.push({
      range: area(first, bandColumn, totalRow, bandColumn),
      rules: [
        { equals: bands.excellent, tone: "good" },
        { equals: bands.good, tone: "good" },
        { equals: bands.pass, tone: "ok" },
        { equals: bands.fail, tone: "bad" },
      ],
    });
  } else {
    const levels = LEVEL_LABELS[language];
    const rules = [
      { equals: levels.excellent, tone: "good" as const },
      { equals: levels.meets, tone: "ok" as const },
      { equals: levels.below, tone: "bad" as const },
    ];
    // The grade columns, the rank column left out (one range each side of it).
    const gradeFirst = gradeColumn(0);
    const gradeLast = gradeColumn(metrics.length - 1);
    if (rankColumn < 0 || rankColumn > gradeLast) b.conditionalFormats.push({ range: area(first, gradeFirst, totalRow, gradeLast), rules });
    else {
      b.conditionalFormats.push({ range: area(first, gradeFirst, totalRow, rankColumn - 1), rules });
      b.conditionalFormats.push({ range: area(first, rankColumn + 1, totalRow, gradeLast), rules });
    }
  }

  // Rank: of the composite (scorecard) or of the headline KPI, among the data rows only; ties
  // share a rank. RANK is not in HyperFormula (the preview's and the tests' engine), and
  // COUNTIF(range,">"&X6) compares with X6 turned into text of 15 digits, which LibreOffice
  // (and Excel) then find below X6 itself, so a leader would rank 2nd. SUMPRODUCT compares the
  // numbers themselves, in Excel 2010, LibreOffice, WPS and HyperFormula alike; ISNUMBER leaves
  // out blank rows (a "" is greater than any number in a comparison).
  let rankRange: string | undefined;
  if (rankColumn >= 0) {
    const source = scorecard ? compositeColumn : kpiFirst + headlineIndex;
    const higher = scorecard || metrics[headlineIndex].direction === "higher";
    widths[rankColumn] = WIDTH.rank;
    deferred.push(() => {
      const range = column(source);
      for (const r of dataRows) {
        const own = cell(r, source);
        b.set(r, rankColumn, `=IF(${own}="","",SUMPRODUCT(ISNUMBER(${range})*(${range}${higher ? ">" : "<"}${own}))+1)`, numberFormat("rank", language));
      }
    });
    rankRange = area(first, rankColumn, last, rankColumn);
  }

  // Styles of the body: inputs, computed cells, total and benchmark rows.
  for (const range of inputRanges) b.style(range, "input");
  for (const c of fromData) b.style(area(first, c, last, c), "computed");
  def.kpis.forEach((k, i) => {
    if (k.typed === undefined) b.style(area(first, kpiFirst + i, last, kpiFirst + i), "computed");
  });
  if (permilleFirst <= lastColumn) b.style(area(first, permilleFirst, last, lastColumn), "computed");
  if (scorecard) b.style(area(first, compositeColumn, last, scorecardRankColumn), "computed");
  b.style(area(totalRow, 0, totalRow, lastColumn), "total");
  b.style(area(meetsRow, 0, excellentRow, lastColumn), "benchmark");
  for (const range of inputRanges) b.validations.push({ range, min: 0, message: S.validation.amount });

  // A metric id is one word and a SCORE argument: its column is as wide as the id (never clipped).
  metrics.forEach((m, i) => (widths[kpiFirst + i] = Math.max(widths[kpiFirst + i], metricIdWidth(m.id))));
  // A long English header widens its column so that it wraps at spaces onto two lines at most;
  // a Chinese one (names run to 13 characters) is split only at a chosen point (chineseHeader).
  headers.forEach((text, c) => {
    if (language === "zh" && /[\u2e80-\u9fff]/.test(text)) {
      const laid = chineseHeader(text, widths[c], headerBreaks[c]);
      widths[c] = laid.width;
      b.set(headerRow, c, laid.text);
    } else {
      widths[c] = Math.max(widths[c], twoLineWidth(text));
      b.set(headerRow, c, text);
    }
  });
  // Excel names a table's columns by their headers and renames a repeated one ("Rank2"): each must be unique.
  const seenHeaders = new Set<string>();
  headers.forEach((_, c) => {
    const name = String(b.cellAt(headerRow, c));
    headers[c] = name;
    if (name.trim() === "" || seenHeaders.has(name.toLowerCase())) throw new Error(`${def.id}: the header ${JSON.stringify(name)} is blank or repeated; a table column needs a unique name`);
    seenHeaders.add(name.toLowerCase());
  });
  for (const set of deferred) set();

  return b.build({
    templateId: def.id,
    name: text.sheet,
    language,
    columnWidths: widths,
    table: { name: tableName, range: area(headerRow, 0, totalRow, lastColumn), showTotals: true },
    // Scorecard: the collector with the composite, its grade and rank stay in view.
    freeze: { rows: headerRow, columns: scorecard ? scorecardRankColumn + 1 : 1 },
    layout: {
      headerRow,
      firstRow: first,
      lastRow: last,
      totalRow,
      inputs: inputRanges,
      ...(data !== undefined ? { monthCell, sourceCell } : {}),
      ...(rankRange !== undefined ? { rank: rankRange } : {}),
    },
  });
}

/** The TemplateDef of a team sheet: title and description from the strings, metrics from the definition. */
export function teamTemplate(def: TeamSheetDef): TemplateDef {
  checkTeamDef(def);
  return {
    id: def.id,
    ...templateTexts(def.id),
    metrics: def.kpis.map((k) => k.metric),
    build: (options) => buildTeamSheet(def, options),
  };
}

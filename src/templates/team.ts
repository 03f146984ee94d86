/**
 * The one builder behind every team sheet (the scorecard and the stage, channel and role
 * sheets): one row per collector, input columns, KPI columns computed by COLLECT.* on that
 * row, grades or scores against CollectBenchmarks, a TEAM TOTAL row of ratios of sums and
 * the benchmark rows. Each template is a TeamSheetDef (data); this file is the layout.
 *
 * Stage sheet (no weights):              Scorecard (weights):
 *   1 title                                1 title
 *   2 instructions                         2 instructions
 *   3 metric ids over the KPI columns      3 metric ids over the KPI columns (SCORE's metrics)
 *   4 header                               4 weights over the KPI columns (SCORE's weights)
 *   5–12 one row per collector (8)         5 header
 *   13 TEAM TOTAL                          6–13 one row per collector (8)
 *   14 benchmark: meets                    14 TEAM TOTAL
 *   15 benchmark: excellent                15 benchmark: meets
 *                                          16 benchmark: excellent
 * Columns: A row label | (scorecard: B composite score, C score grade, frozen with A) | inputs |
 *          KPIs (contiguous) | ‰ display of per-mille KPIs | grades (stage) or KPI scores (scorecard).
 *
 * A formula shows blank while the inputs it divides by are blank (so an empty template is
 * clean), and computes — errors and their messages included — as soon as one is typed.
 * Nothing is wrapped in IFERROR: a wrong input must show its error, not hide it.
 */
import { BAND_LABELS, LEVEL_LABELS, Language, Metric, findMetric } from "../core";
import { meetsLink } from "./benchmarks";
import { PERMILLE_DISPLAY_FORMAT, SheetBuilder, absoluteArea, area, cell, columnLetter, numberFormat } from "./sheet";
import { GRADE_LANGUAGE, InputKey, RowKind, STRINGS, TemplateId } from "./strings";
import { BENCHMARKS_NAME, SheetSpec, TemplateDef, TemplateOptions } from "./types";

export const TEAM_ROWS = 8;

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
  /** Scorecard only: one default weight per KPI; adds the weights row, KPI scores, SCORE and SCOREGRADE. */
  readonly weights?: readonly number[];
}

const INPUT_WIDTH: Readonly<Record<InputFormat, number>> = { currency: 92, count: 78, minutes: 84, fte: 70 };
const WIDTH = { label: 120, kpi: 90, permille: 78, grade: 86, score: 74, composite: 80, band: 80 } as const;

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
  for (const i of def.inputs) if (i.sample.length !== TEAM_ROWS) throw new Error(`${def.id}: ${i.key} needs ${TEAM_ROWS} samples`);
  for (const k of def.kpis) {
    const m = metricOf(k.metric);
    if (k.typed !== undefined) {
      if (m.fn !== undefined) throw new Error(`${def.id}: ${m.id} has a function; compute it`);
      if (k.typed.length !== TEAM_ROWS) throw new Error(`${def.id}: ${m.id} needs ${TEAM_ROWS} samples`);
      continue;
    }
    if (m.fn === undefined) throw new Error(`${def.id}: ${m.id} has no function; type it in`);
    if (k.args === undefined || k.args.length !== m.params.length) throw new Error(`${def.id}: ${m.id} takes ${m.params.length} arguments`);
    for (const a of k.args) if (!keys.has(a)) throw new Error(`${def.id}: ${m.id} uses the missing input ${a}`);
  }
  if (def.weights !== undefined && def.weights.length !== def.kpis.length) throw new Error(`${def.id}: one weight per KPI`);
}

export function buildTeamSheet(def: TeamSheetDef, options: TemplateOptions): SheetSpec {
  checkTeamDef(def);
  const { language, sample } = options;
  const S = STRINGS[language];
  const text = S.templates[def.id];
  const gradeLanguage = GRADE_LANGUAGE[language];
  const scorecard = def.weights !== undefined;

  // Rows (1-based).
  const idRow = 3;
  const weightRow = scorecard ? 4 : undefined;
  const headerRow = scorecard ? 5 : 4;
  const first = headerRow + 1;
  const last = first + TEAM_ROWS - 1;
  const totalRow = last + 1;
  const meetsRow = totalRow + 1;
  const excellentRow = totalRow + 2;
  const dataRows = Array.from({ length: TEAM_ROWS }, (_, i) => first + i);

  // Columns (0-based).
  const inputColumn = new Map<InputKey, number>();
  // Scorecard: the composite and its grade sit right of the collector, frozen with it, so the
  // result is where the eye is (issue 16); the inputs follow them.
  const compositeColumn = scorecard ? 1 : -1;
  const bandColumn = scorecard ? 2 : -1;
  const inputFirst = scorecard ? 3 : 1;
  def.inputs.forEach((input, i) => inputColumn.set(input.key, inputFirst + i));
  const kpiFirst = inputFirst + def.inputs.length;
  const kpiLast = kpiFirst + def.kpis.length - 1;
  const metrics = def.kpis.map((k) => metricOf(k.metric));
  const permille = metrics.map((m, i) => ({ m, kpi: kpiFirst + i })).filter((p) => p.m.format === "permille");
  const permilleFirst = kpiLast + 1;
  const afterPermille = permilleFirst + permille.length;
  // Stage: one grade column per KPI. Scorecard: one KPI score per KPI, then the composite and its grade.
  const gradeFirst = afterPermille;
  const columns = gradeFirst + def.kpis.length;
  const lastColumn = columns - 1;

  const b = new SheetBuilder(excellentRow, columns);
  const widths: number[] = Array<number>(columns).fill(WIDTH.kpi);
  widths[0] = WIDTH.label;

  b.set(1, 0, text.title);
  b.set(2, 0, text.instructions);
  b.style("A1", "title");
  b.style("A2", "instructions");

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
    metrics.forEach((m, i) => header(gradeFirst + i, S.scoreHeader(m.name[language]), m.name[language].length));
    header(compositeColumn, S.composite);
    header(bandColumn, S.compositeGrade);
  } else {
    metrics.forEach((m, i) => header(gradeFirst + i, S.gradeHeader(m.name[language]), m.name[language].length));
  }
  b.style(area(headerRow, 0, headerRow, lastColumn), "header");

  // Row labels.
  dataRows.forEach((r, i) => b.set(r, 0, sample ? S.sampleRows[def.rowKind][i] : null));
  b.set(totalRow, 0, S.total);
  b.set(meetsRow, 0, S.benchmarkMeets);
  b.set(excellentRow, 0, S.benchmarkExcellent);

  // Inputs: sample or blank; the total row sums them.
  def.inputs.forEach((input, i) => {
    const c = inputFirst + i;
    const fmt = inputFormat(input.format, language);
    widths[c] = INPUT_WIDTH[input.format];
    dataRows.forEach((r, n) => b.set(r, c, sample ? input.sample[n] : null, fmt));
    const letter = columnLetter(c);
    b.set(totalRow, c, `=SUM(${letter}${first}:${letter}${last})`, fmt);
  });
  const inputRanges: string[] = [];
  if (def.inputs.length > 0) inputRanges.push(area(first, inputFirst, last, inputFirst + def.inputs.length - 1));

  // KPIs.
  const kpiCells = (r: number, i: number): string => cell(r, kpiFirst + i);
  def.kpis.forEach((k, i) => {
    const m = metrics[i];
    const c = kpiFirst + i;
    const fmt = numberFormat(m.format, language);
    const letter = columnLetter(c);
    if (k.typed !== undefined) {
      const typed = k.typed;
      dataRows.forEach((r, n) => b.set(r, c, sample ? typed[n] : null, fmt));
      // Per row the benchmark is per person, so the team's figure is the mean per row (Σ count / rows).
      const range = `${letter}${first}:${letter}${last}`;
      b.set(totalRow, c, `=IF(COUNT(${range})=0,"",AVERAGE(${range}))`, numberFormat("score", language));
      inputRanges.push(area(first, c, last, c));
    } else {
      const args = k.args as readonly InputKey[];
      const cols = args.map((a) => inputColumn.get(a) as number);
      const denominator = cols[cols.length - 1];
      dataRows.forEach((r) => {
        const refs = cols.map((col) => cell(r, col)).join(",");
        b.set(r, c, `=IF(${cell(r, denominator)}="","",COLLECT.${m.fn}(${refs}))`, fmt);
      });
      const ranges = cols.map((col) => area(first, col, last, col));
      b.set(totalRow, c, `=IF(COUNT(${ranges[ranges.length - 1]})=0,"",COLLECT.${m.fn}(${ranges.join(",")}))`, fmt);
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
    const c = gradeFirst + i;
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
    b.conditionalFormats.push({
      range: area(first, gradeFirst, totalRow, lastColumn),
      rules: [
        { equals: levels.excellent, tone: "good" },
        { equals: levels.meets, tone: "ok" },
        { equals: levels.below, tone: "bad" },
      ],
    });
  }

  // Styles of the body: inputs, computed cells, total and benchmark rows.
  for (const range of inputRanges) b.style(range, "input");
  def.kpis.forEach((k, i) => {
    if (k.typed === undefined) b.style(area(first, kpiFirst + i, last, kpiFirst + i), "computed");
  });
  if (permilleFirst <= lastColumn) b.style(area(first, permilleFirst, last, lastColumn), "computed");
  if (scorecard) b.style(area(first, compositeColumn, last, bandColumn), "computed");
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

  return b.build({
    templateId: def.id,
    name: text.sheet,
    language,
    columnWidths: widths,
    freeze: { rows: headerRow, columns: scorecard ? bandColumn + 1 : 1 },
    layout: { headerRow, firstRow: first, lastRow: last, totalRow, inputs: inputRanges },
  });
}

/** The TemplateDef of a team sheet: title and description from the strings, metrics from the definition. */
export function teamTemplate(def: TeamSheetDef): TemplateDef {
  checkTeamDef(def);
  return {
    id: def.id,
    title: { en: STRINGS.en.templates[def.id].title, zh: STRINGS.zh.templates[def.id].title },
    description: { en: STRINGS.en.templates[def.id].description, zh: STRINGS.zh.templates[def.id].description },
    metrics: def.kpis.map((k) => k.metric),
    build: (options) => buildTeamSheet(def, options),
  };
}

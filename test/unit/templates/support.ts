/** Shared bits of the template tests: every build, formula parsing, addresses, language rules. */
import { DetailedCellError } from "hyperformula";
import { CATALOGUE, Language } from "../../../src/core";
import { STRINGS, TEMPLATES, templateById } from "../../../src/templates";
import type { InputKey } from "../../../src/templates/strings";
import { TEAM_SHEETS } from "../../../src/templates/teams";
import type { CellInput, SheetSpec, TemplateData, TemplateDef, TemplateOptions } from "../../../src/templates/types";
import { buildWorkbook, HfWorkbook } from "../../helpers/hfWorkbook";

export const LANGUAGES: readonly Language[] = ["en", "zh"];

export function template(id: string): TemplateDef {
  const t = templateById(id);
  if (t === undefined) throw new Error(`no template ${id}`);
  return t;
}

export const benchmarksSpec = (language: Language): SheetSpec => template("benchmarks").build({ language, sample: false });

export const TEAM_IDS: readonly string[] = TEAM_SHEETS.map((d) => d.id);

/**
 * How a build was asked for: with sample data; blank (8 rows); blank with a row count (team
 * sheets only); bound to imported data (team sheets only, rawData below).
 */
export type Variant = "sample" | "blank" | "rows" | "data";

/** Every template, language and sample choice, and the team sheets with 3 blank rows and bound to data, as [label, spec, variant, options]. */
export function allBuilds(): [string, SheetSpec, Variant, TemplateOptions][] {
  return TEMPLATES.flatMap((t) =>
    LANGUAGES.flatMap((language) => {
      const variants: [Variant, TemplateOptions][] = [
        ["sample", { language, sample: true }],
        ["blank", { language, sample: false }],
      ];
      if (TEAM_IDS.includes(t.id)) {
        variants.push(["rows", { language, sample: false, rowCount: 3 }]);
        variants.push(["data", { language, sample: false, data: rawData(language, STRINGS[language].sampleRows.collector.slice(0, 5)) }]);
      }
      return variants.map(([variant, options]): [string, SheetSpec, Variant, TemplateOptions] => [`${t.id} ${language} ${variant}`, t.build(options), variant, options]);
    })
  );
}

// ------------------------------------------------------------------ imported data

/** The raw data sheet of the data-bound tests: A collector, B date (a serial), then one column per input key (RAW_KEYS). */
export const RAW_SHEET = "Raw";

/** Every input key of the team sheets, once: the columns C… of the raw sheet. */
export const RAW_KEYS: readonly InputKey[] = [...new Set(TEAM_SHEETS.flatMap((d) => d.inputs.map((i) => i.key)))];

/** Inputs no collection-system export holds (targets, balances, headcount, hires): typed by hand on a data-bound sheet. */
export const TYPED_KEYS: ReadonlySet<InputKey> = new Set<InputKey>(["target", "historical", "outstanding", "fte", "teamTarget", "hired"]);

/** 2026-10-01 as an Excel serial: 45658 is 2025-01-01, + 365 days of 2025 = 46023 (2026-01-01), + 273 days of January–September = 46296. */
export const OCTOBER_2026 = 46296;

/** The raw sheet's rows used by formulas: 2…RAW_LAST. */
export const RAW_LAST = 60;

/**
 * What the Data tab would hand a template: the labels, October 2026, and for each key the
 * raw sheet holds a SUMIFS over its column for the row's collector and the month's dates
 * (month start ≤ date < the next month's start).
 */
export function rawData(language: Language, rows: readonly string[], monthStart = OCTOBER_2026): TemplateData {
  const range = (c: number): string => `${RAW_SHEET}!$${letters(c)}$2:$${letters(c)}$${RAW_LAST}`;
  return {
    rows,
    monthStart,
    source: language === "zh" ? "还款明细 · 24行" : "payments.csv · 24 rows · 2026-11-30 14:05",
    inputFormula: (key, { rowLabel, monthStart: month }) =>
      TYPED_KEYS.has(key) ? undefined : `SUMIFS(${range(2 + RAW_KEYS.indexOf(key))},${range(0)},${rowLabel},${range(1)},">="&${month},${range(1)},"<"&EDATE(${month},1))`,
  };
}

/** A raw data sheet as a SheetSpec (for buildWorkbook): a header row, then `rows` ([collector, date serial, values by RAW_KEYS]). */
export function rawSheet(rows: readonly (readonly CellInput[])[]): SheetSpec {
  const width = 2 + RAW_KEYS.length;
  const cells = [["collector", "date", ...RAW_KEYS], ...rows.map((r) => [...r, ...Array<CellInput>(width - r.length).fill(null)])];
  return {
    templateId: "raw",
    name: RAW_SHEET,
    language: "en",
    cells,
    numberFormats: cells.map((r) => r.map(() => "General")),
    columnWidths: cells[0].map(() => 80),
    freeze: { rows: 1, columns: 0 },
    styles: [],
    validations: [],
    conditionalFormats: [],
    names: [],
  };
}

/** The Benchmarks sheet and `spec` in one HyperFormula workbook (just the Benchmarks sheet for itself). */
export function workbookOf(spec: SheetSpec): HfWorkbook {
  return spec.templateId === "benchmarks" ? buildWorkbook([spec]) : buildWorkbook([benchmarksSpec(spec.language), spec]);
}

// ------------------------------------------------------------------ addresses

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function letters(column: number): string {
  let n = column + 1;
  let out = "";
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Every cell of "B5:K12" (or "B5") as [row0, col0]. */
export function cellsOf(range: string): [number, number][] {
  const [a, b = a] = range.split(":");
  const parse = (ref: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (m === null) throw new Error(`bad ref ${ref}`);
    return [Number(m[2]) - 1, columnIndex(m[1])];
  };
  const [r1, c1] = parse(a);
  const [r2, c2] = parse(b);
  const out: [number, number][] = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push([r, c]);
  return out;
}

/** The column (letters) whose metric-id row (row 3 of a team sheet) holds `metric`. */
export function metricColumn(spec: SheetSpec, metric: string): string {
  const c = spec.cells[2].indexOf(metric);
  if (c < 0) throw new Error(`${spec.templateId}: no column for ${metric}`);
  return letters(c);
}

export function formulas(spec: SheetSpec): { at: string; formula: string }[] {
  const out: { at: string; formula: string }[] = [];
  spec.cells.forEach((row, r) =>
    row.forEach((v, c) => {
      if (typeof v === "string" && v.startsWith("=")) out.push({ at: `${letters(c)}${r + 1}`, formula: v });
    })
  );
  return out;
}

export function isFormula(v: CellInput): v is string {
  return typeof v === "string" && v.startsWith("=");
}

// ------------------------------------------------------------------ formula parsing

/** Every call of `name(` in a formula with its top-level arguments, as written. */
export function callsOf(formula: string, name: string): string[][] {
  const out: string[][] = [];
  const needle = `${name}(`;
  let from = 0;
  for (;;) {
    const at = formula.indexOf(needle, from);
    if (at < 0) return out;
    // COLLECT.SCORE( must not match COLLECT.SCOREGRADE(: the character before "(" is checked by the needle itself.
    let depth = 0;
    let quoted = false;
    let current = "";
    const args: string[] = [];
    for (let i = at + needle.length; i < formula.length; i++) {
      const ch = formula[i];
      if (ch === '"') quoted = !quoted;
      if (!quoted && ch === "(") depth++;
      if (!quoted && ch === ")") {
        if (depth === 0) {
          args.push(current);
          break;
        }
        depth--;
      }
      if (!quoted && ch === "," && depth === 0) {
        args.push(current);
        current = "";
      } else current += ch;
    }
    out.push(args);
    from = at + needle.length;
  }
}

/** The "…" literals of a formula. */
export function literals(formula: string): string[] {
  return [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
}

// ------------------------------------------------------------------ language rules

/** Chinese: CJK ideographs, CJK punctuation (、。「」) and full-width forms (（）：，￥). */
export const CHINESE = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export const METRIC_IDS: readonly string[] = CATALOGUE.map((m) => m.id);

/**
 * ASCII words a Chinese sheet may show: the metric ids (the Benchmarks table's key and the
 * row above the KPI columns) and the delinquency-stage terms collectors use in Chinese
 * (M1 … M6, M3+, M4+, M6+). Nothing else: no "KPI", "ID", "AI", "TEAM TOTAL".
 */
export const ZH_DISPLAY_ALLOW: readonly string[] = [...METRIC_IDS, "M1", "M2", "M3", "M4", "M5", "M6"];

/**
 * Literals a Chinese sheet's formulas may hold besides Chinese text: metric ids, the level
 * and language arguments (the formula contract, identical in both languages; never displayed).
 */
export const ZH_FORMULA_LITERAL_ALLOW: readonly string[] = [...METRIC_IDS, "meets", "excellent", "zh-CN"];

/** The ASCII letters left in a displayed Chinese text once the allowed words are taken out. */
export function strayLatin(text: string): string | undefined {
  let rest = text;
  for (const id of METRIC_IDS) rest = rest.split(id).join(" ");
  // The stage terms of ZH_DISPLAY_ALLOW, with the "+" of M3+ / M4+ / M6+, never inside a longer word.
  rest = rest.replace(/(?<![A-Za-z])M[1-6]\+?(?![A-Za-z])/g, " ");
  // Error values read the same in Chinese Excel (#N/A, #VALUE! …): a note may name one.
  rest = rest.replace(/#(N\/A|VALUE!|DIV\/0!|NUM!|REF!|NAME\?)/g, " ");
  const m = /[A-Za-z]+/.exec(rest);
  return m === null ? undefined : m[0];
}

/** The header row's texts as read (a Chinese header's chosen line feed removed): find a column by its header. */
export function headerTexts(spec: SheetSpec): string[] {
  return spec.cells[spec.layout!.headerRow - 1].map((c) => (typeof c === "string" ? c.replace(/\n/g, "") : String(c ?? "")));
}

/** True when the A1 address lies in the sheet's chart gaps (layout.chartGaps: #N/A by design). */
export function inChartGaps(spec: SheetSpec, at: string): boolean {
  const gaps = spec.layout?.chartGaps;
  if (gaps === undefined) return false;
  const m = /^([A-Z]+)(\d+)$/.exec(at.replace(/\$/g, ""));
  if (m === null) return false;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  return cellsOf(gaps).some(([r, c]) => r === row && c === col);
}

/** The formula cells of a sheet that compute an error, "A5 #VALUE! why"; a chart's #N/A gaps (layout.chartGaps) are by design. */
export function errorsOf(wb: HfWorkbook, spec: SheetSpec): string[] {
  return formulas(spec).flatMap(({ at }) => {
    const v = wb.value(spec.name, at);
    if (v instanceof DetailedCellError && v.value === "#N/A" && inChartGaps(spec, at)) return [];
    return v instanceof DetailedCellError ? [`${at} ${v.value} ${v.message}`] : [];
  });
}

/**
 * Compares every cell of `spec` (data-bound) from row 3 down with the same cell of `sample` (the
 * same sheet typed by hand): numbers to 9 digits, anything else exactly. Returns how many cells.
 */
export function expectSameCells(wb: HfWorkbook, spec: SheetSpec, sample: SheetSpec): number {
  const typed = workbookOf(sample);
  let compared = 0;
  for (let r = 3; r <= spec.cells.length; r++) {
    for (let c = 0; c < spec.cells[0].length; c++) {
      const a1 = `${letters(c)}${r}`;
      const got = wb.value(spec.name, a1);
      const want = typed.value(sample.name, a1);
      if (typeof want === "number") expect([a1, got]).toEqual([a1, expect.closeTo(want, 9)]);
      else expect([a1, got]).toEqual([a1, want]);
      compared++;
    }
  }
  return compared;
}

/**
 * The Data tab's logic without the DOM: read a source (a file's bytes, or a range of the
 * workbook), suggest what it is and which column is which field, check every row, then write
 * the owned data table and a team sheet whose inputs are SUMIFS over it (dataWriter.ts), and
 * Refresh a saved import. ui.ts renders what this returns; the unit tests drive it directly.
 *
 * Nothing is written before the user has confirmed the mapping and every row has passed: a
 * problem anywhere stops the import with the first problems listed, row and column named.
 * Cancel: parsing stops at its next slice; writing stops before its next chunk and deletes the
 * data sheet it had started (dataWriter.ts), so a cancelled import leaves nothing behind.
 */
import type { Language } from "../core";
import { DATA_INPUTS, type DataInput, type Stage } from "../data/aggregate";
import { parseCsv } from "../data/csv";
import { decodeBytes } from "../data/decode";
import { type OwnedKey, dataInputFormula, ownedRows, tableColumns } from "../data/formulas";
import type { ColumnMapping, DataProblem, DatasetKind, FieldId, RawCell, RawTable, SavedImport } from "../data/model";
import { DATASET_KINDS, FIELDS, guessKind, missingRequired, suggestMapping } from "../data/schema";
import { type TypedTable, collectorKey, monthStart, typeRows } from "../data/typed";
import { MAX_TEAM_ROWS } from "../templates";
import { TREND_INPUTS, TREND_MAX_MONTHS } from "../templates/monthly";
import { TEAM_SHEETS } from "../templates/teams";
import type { SheetSpec, TemplateDef } from "../templates/types";
import type { Status } from "./controller";
import { DATA_STRINGS, DataStrings } from "./dataStrings";
import { addNewCollectors } from "./teamRows";
import { DataWriterError, GRID_ROWS, OwnedColumn, OwnedTable, readSavedImports, readSource, refreshImport, writeImport } from "./dataWriter";
import type { XlCellValue } from "./excelApi";
import type { Host } from "./host";
import { STRINGS } from "./strings";
import { WriterError } from "./writer";
import { BIG_STRINGS, type BigDataStrings } from "./bigdata/strings";
import { HEAD_BYTES, enginePlan, headSlice, headerDelimiter, route } from "./bigdata/plan";
import type { EngineRun } from "./bigdata/engine";
import { aggregateSheet, writeAggregateSheet } from "./bigdata/writer";

/** A file as the pane read it (FileReader / file.arrayBuffer()). */
export interface FileInput {
  readonly name: string;
  /** The whole file; or, for a file larger than BIG_FILE_BYTES, only its first HEAD_BYTES (the engine reads the rest from `file`). */
  readonly bytes: Uint8Array;
  /** The File itself, when the pane has it: what the engine reads a file beyond the grid from. */
  readonly file?: Blob;
  /** Its size in bytes (bytes.length when absent). */
  readonly size?: number;
}

/** A file that goes to the engine (issue 17): aggregated outside the workbook, only the results written. */
interface BigFile {
  readonly name: string;
  readonly file: Blob;
  readonly size: number;
  readonly delimiter: string;
  readonly reason: "size" | "rows";
}

/** What the progress bar shows; undefined hides it. */
export interface Progress {
  readonly text: string;
  /** 0–1; undefined: indeterminate. */
  readonly value?: number;
  /** Whether Cancel does something now (a Refresh's writes cannot be cancelled). */
  readonly cancellable: boolean;
}

export interface MappingRow {
  readonly field: FieldId;
  readonly label: string;
  readonly required: boolean;
  /** The header index chosen, or undefined for "not mapped". */
  readonly column: number | undefined;
}

export interface BuildOption {
  readonly id: string;
  /** The template's title. */
  readonly label: string;
  /** How many of its inputs this data gives, in words. */
  readonly hint: string;
}

/** At most this many problems are listed; the rest are counted. */
export const LISTED_PROBLEMS = 10;

/** Stage sheets count only rows of their stage. */
const STAGE_OF: Readonly<Record<string, Stage>> = { m1: "m1", m2m3: "m2m3", m4plus: "m4plus" };

const BENCHMARKS_TEMPLATE = "benchmarks";

/** The Monthly trend sheet: one row per month of the data (the team's totals), not per collector; built without a month choice. */
export const TREND_TEMPLATE = "monthly";

/** The source of the current data, as SavedImport.source writes it. */
type Source = { readonly type: "file"; readonly name: string } | { readonly type: "range"; readonly address: string } | { readonly type: "table"; readonly name: string };

function sourceKey(source: Source): string {
  return source.type === "file" ? `file:${source.name}` : source.type === "table" ? `table:${source.name}` : `range:${source.address}`;
}

function sourceLabel(saved: string): string {
  return saved.replace(/^(file|range|table):/, "");
}

/**
 * The header of an owned table column: "CK_Payments_Amount" → "Amount", in Chinese the field's
 * name (回款金额). The workbook names stay ASCII (CK_Payments_Amount = CK_Payments[回款金额]), so the
 * sheet's formulas read the same in both languages; the header is what the analyst sees.
 */
export function ownedHeader(name: string, key: OwnedKey, language: Language = "en"): string {
  return language === "zh" ? OWNED_HEADERS_ZH[key] : name.split("_").slice(2).join("_");
}

/** Chinese headers of the owned tables: the Data tab's field names (short forms where the field's label explains), and the two columns the import adds. */
const OWNED_HEADERS_ZH: Readonly<Record<OwnedKey, string>> = {
  ...DATA_STRINGS.zh.fields,
  bucket: "账龄",
  duration: "通话时长秒",
  firstContact: "首次接通",
  stage: "阶段",
};

const NUMBER_FORMATS: Readonly<Record<ReturnType<typeof tableColumns>[number]["format"], string>> = {
  text: "General",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm:ss",
  money: "#,##0.00",
  number: "General",
  flag: "0",
};

/**
 * A cell as written to `values`: text behind an apostrophe, so Excel keeps it as typed (an
 * account "00123" keeps its zeros, "=1+1" stays text, never a formula); a blank as "" (null
 * would leave the cell unchanged, which a Refresh must not).
 */
export function cellToWrite(v: string | number | null): XlCellValue {
  if (v === null) return "";
  if (typeof v === "string") return v === "" ? "" : `'${v}`;
  return v;
}

/** Range values → the reader's table: the first row is the header; rows keep their sheet row numbers. */
export function rawFromGrid(rows: readonly (readonly XlCellValue[])[], firstRow: number): RawTable {
  const headers = (rows[0] ?? []).map((v) => String(v ?? "").trim());
  const body: RawCell[][] = [];
  const sourceRows: number[] = [];
  for (let r = 1; r < rows.length; r++) {
    body.push(rows[r].map((v) => (v === "" ? null : v)));
    sourceRows.push(firstRow + r);
  }
  return { headers, rows: body, sourceRows, blankLines: 0 };
}

export class DataController {
  readonly strings: DataStrings;
  /** Told whenever the progress changes (undefined: done). */
  onProgress: (progress: Progress | undefined) => void = () => undefined;

  private raw: RawTable | undefined;
  private source: Source | undefined;
  private kindValue: DatasetKind | undefined;
  private mapping: Partial<Record<FieldId, number>> = {};
  private typed: TypedTable | undefined;
  private abort = { aborted: false };
  private saved: readonly SavedImport[] = [];
  private big: BigFile | undefined;
  private engineRun: EngineRun | undefined;
  readonly bigStrings: BigDataStrings;

  constructor(
    readonly host: Host,
    readonly templates: readonly TemplateDef[],
    readonly language: Language
  ) {
    this.strings = DATA_STRINGS[language];
    this.bigStrings = BIG_STRINGS[language];
  }

  // ---------------------------------------------------------------- progress and cancel

  private progress(text: string, value?: number, cancellable = true): void {
    this.onProgress({ text, ...(value !== undefined ? { value } : {}), cancellable });
  }

  /** Stops the running read, check or write at its next step. */
  cancel(): void {
    this.abort.aborted = true;
    this.engineRun?.cancel();
  }

  private fresh(): { aborted: boolean } {
    this.abort = { aborted: false };
    return this.abort;
  }

  // ---------------------------------------------------------------- source

  get headers(): readonly string[] {
    return this.raw?.headers ?? [];
  }
  get hasData(): boolean {
    return this.raw !== undefined;
  }
  get kind(): DatasetKind | undefined {
    return this.kindValue;
  }
  get checked(): TypedTable | undefined {
    return this.typed;
  }

  /** Whether the current file goes to the engine (the Data tab then offers "Aggregate outside the workbook" instead of the check). */
  get isBig(): boolean {
    return this.big !== undefined;
  }

  /**
   * Reads a CSV (UTF-8, GBK) or XLSX file's bytes into rows; the kind and mapping are guessed.
   * A CSV beyond the grid (larger than BIG_FILE_BYTES, of which the pane then has only the
   * first HEAD_BYTES; or with more rows than the grid holds) goes to the engine: its header is
   * checked here, the mapping confirmed as usual, and aggregateOutside() does the rest.
   */
  async readFile(file: FileInput): Promise<Status> {
    const size = file.size ?? file.bytes.length;
    const routed = route(size);
    if (routed.engine && file.file !== undefined) {
      const b = this.bigStrings;
      if (/\.xlsx$/i.test(file.name)) {
        this.reset();
        return { tone: "error", text: b.xlsxTooLarge };
      }
      return this.readHead(file, file.file, size, "size");
    }
    const result = await this.parseFile(file);
    if ("status" in result) {
      // More rows than the grid: the engine can still aggregate it.
      if (result.tooManyRows !== undefined && file.file !== undefined) return this.readHead({ ...file, bytes: file.bytes.subarray(0, HEAD_BYTES) }, file.file, size, "rows", GRID_ROWS - 1);
      return result.status;
    }
    return this.take(result.raw, { type: "file", name: file.name });
  }

  /** The header and first rows of a file the engine will read: its encoding and header checked before the engine starts. */
  private async readHead(file: FileInput, blob: Blob, size: number, reason: "size" | "rows", rows?: number): Promise<Status> {
    this.fresh();
    this.reset();
    const head = headSlice(file.bytes);
    const decoded = decodeBytes(head);
    if (!decoded.ok) return this.problems([decoded.problem], true);
    if (decoded.encoding !== "utf-8") return { tone: "error", text: this.bigStrings.notUtf8 };
    const parsed = await parseCsv(decoded.text);
    if (!parsed.ok) return this.problems(parsed.problems, true);
    const status = this.take(parsed.table, { type: "file", name: file.name });
    if (status.tone === "error") return status;
    this.big = { name: file.name, file: blob, size, delimiter: parsed.delimiter, reason };
    const text = this.bigStrings.routed(file.name, Math.round(size / 1e6), reason, rows);
    return { tone: status.tone === "warning" ? "warning" : "info", text, ...(status.details ? { details: status.details } : {}) };
  }

  /**
   * Runs the generated DuckDB SQL over the file in DuckDB-Wasm (a Web Worker of this pane) with
   * the confirmed mapping, and writes only the aggregates, as values, into a new sheet stamped
   * with the file, its rows and the time. A problem in any row stops it before anything is
   * written; Cancel terminates the worker and leaves the workbook untouched.
   */
  async aggregateOutside(base = typeof document === "undefined" ? "http://localhost/" : document.baseURI): Promise<Status> {
    const s = this.strings;
    const b = this.bigStrings;
    const big = this.big;
    const raw = this.raw;
    const kind = this.kindValue;
    if (big === undefined || raw === undefined || kind === undefined) return { tone: "warning", text: s.emptySource };
    const missing = missingRequired(kind, this.mapping, raw.headers.length);
    if (missing.length > 0) return { tone: "warning", text: s.missingRequired(missing.map((f) => s.fields[f]).join(", ")) };
    const signal = this.fresh();
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 1000);
    let phase: () => string = () => b.loading();
    const timer = setInterval(() => this.progress(phase()), 1000);
    try {
      this.progress(b.loading());
      const { runEngine } = await import(/* webpackChunkName: "duckdb" */ "./bigdata/engine");
      if (signal.aborted) return { tone: "info", text: s.cancelled };
      const plan = enginePlan(kind, raw.headers, this.mapping, ENGINE_FILE, big.delimiter);
      const run = (this.engineRun = runEngine(big.file, ENGINE_FILE, plan, base, (p, fraction) => {
        phase = p === "loading" ? () => b.loading(fraction === undefined ? undefined : Math.round(fraction * 100)) : p === "reading" ? () => b.reading(seconds()) : () => b.aggregating(seconds());
        this.progress(phase(), p === "loading" ? fraction : undefined);
      }));
      const result = await run.done;
      this.engineRun = undefined;
      if (!result.ok) {
        if ("cancelled" in result) return { tone: "info", text: s.cancelled };
        if ("problems" in result) return this.problems(result.problems, true);
        return { tone: "error", text: b.engineFailed(result.error) };
      }
      if (signal.aborted) return { tone: "info", text: s.cancelled };
      // From here the workbook is written: no Cancel.
      clearInterval(timer);
      this.progress(b.writing, undefined, false);
      const sheet = aggregateSheet(kind, plan.output, result.rows, { file: big.name, rows: result.stats.rows, kept: result.stats.kept, blank: result.stats.blank, when: localMinute(new Date()) }, this.language);
      const written = await writeAggregateSheet(this.host, sheet);
      const collectors = new Set(result.rows.map((r) => collectorKey(String(r.collector)))).size;
      return { tone: "success", text: b.done(written.sheet, result.stats.rows, result.stats.kept, collectors, seconds()) };
    } catch (e) {
      return this.describeError(e);
    } finally {
      clearInterval(timer);
      this.engineRun = undefined;
      this.onProgress(undefined);
    }
  }

  private async parseFile(file: FileInput): Promise<{ raw: RawTable } | { status: Status; tooManyRows?: number }> {
    const s = this.strings;
    const signal = this.fresh();
    this.reset();
    try {
      this.progress(s.reading, 0);
      let raw: RawTable;
      if (/\.xlsx$/i.test(file.name)) {
        if (file.bytes.length === 0) return { status: this.problems([{ code: "empty-file" }], true) };
        const xlsx = await loadXlsx();
        const read = await xlsx(file.bytes);
        if (!read.ok) return { status: this.problems(read.problems, true) };
        raw = read.table;
      } else {
        const decoded = decodeBytes(file.bytes);
        if (!decoded.ok) return { status: this.problems([decoded.problem], true) };
        const parsed = await parseCsv(decoded.text, { signal, onProgress: (f) => this.progress(s.readingPercent(Math.round(f * 100)), f) });
        if (!parsed.ok) {
          if (parsed.cancelled) return { status: { tone: "info", text: s.cancelled } };
          const past = parsed.problems.find((p) => p.code === "too-many-rows");
          return { status: this.problems(parsed.problems, true), ...(past !== undefined ? { tooManyRows: GRID_ROWS } : {}) };
        }
        raw = parsed.table;
      }
      if (signal.aborted) return { status: { tone: "info", text: s.cancelled } };
      if (raw.rows.length > GRID_ROWS - 1) return { status: this.problems([{ code: "too-many-rows" }], true), tooManyRows: raw.rows.length };
      return { raw };
    } finally {
      this.onProgress(undefined);
    }
  }

  /** Reads the selected range (or the active sheet's used range) of the workbook. */
  async readRange(): Promise<Status> {
    const s = this.strings;
    this.fresh();
    this.reset();
    try {
      this.progress(s.reading, undefined, false);
      const grid = await readSource(this.host);
      const top = parseTop(grid.address);
      return this.take(rawFromGrid(grid.rows, top), grid.table !== undefined ? { type: "table", name: grid.table } : { type: "range", address: grid.address });
    } catch (e) {
      return this.describeError(e);
    } finally {
      this.onProgress(undefined);
    }
  }

  private reset(): void {
    this.big = undefined;
    this.raw = undefined;
    this.source = undefined;
    this.typed = undefined;
    this.kindValue = undefined;
    this.mapping = {};
  }

  private take(raw: RawTable, source: Source): Status {
    const s = this.strings;
    if (raw.headers.every((h) => h === "")) return this.problems([{ code: "no-header" }], source.type === "file");
    this.raw = raw;
    this.source = source;
    const kind = guessKind(raw.headers);
    this.kindValue = kind ?? "payments";
    this.mapping = { ...suggestMapping(this.kindValue, raw.headers) };
    const read = s.sourceRead(sourceLabel(sourceKey(source)), raw.rows.length, raw.headers.length);
    return kind === undefined ? { tone: "warning", text: read, details: [s.kindNotGuessed] } : { tone: "info", text: read };
  }

  // ---------------------------------------------------------------- mapping

  /** Changes the kind: the mapping is suggested afresh for it. */
  setKind(kind: DatasetKind): void {
    if (!DATASET_KINDS.includes(kind)) return;
    this.kindValue = kind;
    this.mapping = { ...suggestMapping(kind, this.headers) };
    this.typed = undefined;
  }

  setColumn(field: FieldId, column: number | undefined): void {
    if (column === undefined || column < 0 || column >= this.headers.length) delete this.mapping[field];
    else {
      // A column feeds one field: the field that had it loses it.
      for (const [f, c] of Object.entries(this.mapping)) if (c === column && f !== field) delete this.mapping[f as FieldId];
      this.mapping[field] = column;
    }
    this.typed = undefined;
  }

  mappingRows(): MappingRow[] {
    const kind = this.kindValue;
    if (kind === undefined) return [];
    return FIELDS[kind].map((d) => ({ field: d.id, label: this.strings.fields[d.id], required: d.required, column: this.mapping[d.id] }));
  }

  currentMapping(): ColumnMapping {
    return { ...this.mapping };
  }

  definitions(): readonly string[] {
    return this.kindValue === undefined ? [] : this.strings.definitions[this.kindValue];
  }

  // ---------------------------------------------------------------- check

  /** Types every row under the confirmed mapping: problems (nothing written), or the summary. */
  async check(): Promise<Status> {
    const s = this.strings;
    const raw = this.raw;
    const kind = this.kindValue;
    if (raw === undefined || kind === undefined) return { tone: "warning", text: s.emptySource };
    const missing = missingRequired(kind, this.mapping, raw.headers.length);
    if (missing.length > 0) return { tone: "warning", text: s.missingRequired(missing.map((f) => s.fields[f]).join(", ")) };
    this.progress(s.checking, undefined, false);
    // Let the progress show before a long synchronous pass.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      const result = typeRows(kind, raw, this.mapping);
      if (!result.ok) return this.problems(result.problems, this.source?.type === "file");
      this.typed = result.table;
      return { tone: "success", text: s.summaryTitle, details: s.summary(this.summaryOf(result.table)) };
    } finally {
      this.onProgress(undefined);
    }
  }

  private summaryOf(table: TypedTable): { rows: number; kept: number; blank: number; duplicates: number; collectors: number; months: string } {
    return {
      rows: table.stats.rows,
      kept: table.stats.kept,
      blank: table.stats.blankRows + table.stats.blankLines,
      duplicates: table.stats.duplicates,
      collectors: this.collectors(table).length,
      months: this.months().join(this.language === "zh" ? "、" : ", "),
    };
  }

  /** The problems as sentences: the first LISTED_PROBLEMS, then how many more. */
  private problems(problems: readonly DataProblem[], fromFile: boolean): Status {
    const s = this.strings;
    const lines = problems.slice(0, LISTED_PROBLEMS).map((p) => this.problemText(p, fromFile));
    if (problems.length > LISTED_PROBLEMS) lines.push(s.moreProblems(problems.length - LISTED_PROBLEMS));
    if (problems.length === 1 && problems[0].row === undefined && problems[0].column === undefined) return { tone: "error", text: lines[0] };
    return { tone: "error", text: s.problemsTitle(problems.length), details: lines };
  }

  problemText(p: DataProblem, fromFile: boolean): string {
    const s = this.strings;
    // A required field without a column names the field as the pane shows it.
    const column = p.code === "missing-column" && p.column === undefined && p.value !== undefined && p.value in s.fields ? s.fields[p.value as FieldId] : p.column;
    const value = p.code === "missing-column" ? "" : (p.value ?? "");
    return s.problem(p.code, s.at(p.row, column), value, fromFile);
  }

  // ---------------------------------------------------------------- build

  /** Collectors of the checked data (first spelling; one per SUMIFS key), optionally of one month. */
  collectors(table: TypedTable | undefined = this.typed, month?: string): string[] {
    if (table === undefined) return [];
    const seen = new Map<string, string>();
    for (const r of table.records as readonly { collector: string; month: string }[]) {
      if (month !== undefined && r.month !== month) continue;
      const key = collectorKey(r.collector);
      if (!seen.has(key)) seen.set(key, r.collector);
    }
    return [...seen.values()].sort((a, b) => a.localeCompare(b, this.language === "zh" ? "zh-CN" : "en"));
  }

  /** "YYYY-MM" months of the checked data, oldest first. */
  months(): string[] {
    const table = this.typed;
    if (table === undefined) return [];
    return [...new Set((table.records as readonly { month: string }[]).map((r) => r.month))].sort();
  }

  /** The fields each imported kind maps: this import's, and the other kinds saved in the workbook. */
  private mappedFields(): Partial<Record<DatasetKind, readonly FieldId[]>> {
    const out: Partial<Record<DatasetKind, readonly FieldId[]>> = {};
    for (const saved of this.saved) out[saved.kind] = Object.keys(saved.mapping) as FieldId[];
    if (this.typed !== undefined) out[this.typed.kind] = this.typed.mapped;
    return out;
  }

  private inputFormula(stage: Stage | undefined) {
    const mapped = this.mappedFields();
    return (key: string, cells: { readonly rowLabel: string; readonly monthStart: string }): string | undefined =>
      (DATA_INPUTS as readonly string[]).includes(key) ? dataInputFormula(key as DataInput, { rowLabel: cells.rowLabel, monthStart: cells.monthStart, mapped, ...(stage ? { stage } : {}) }) : undefined;
  }

  /** Whether building `templateId` asks for a month (the team sheets); the Monthly trend takes every month of the data. */
  needsMonth(templateId: string): boolean {
    return templateId !== TREND_TEMPLATE;
  }

  /** The months a Monthly trend built now shows: the data's, oldest first, the latest TREND_MAX_MONTHS of them. */
  trendMonths(): string[] {
    return this.months().slice(-TREND_MAX_MONTHS);
  }

  /** The sheets this data feeds (at least one input): the collector team sheets, then Monthly trend; with how many of their inputs it gives. */
  buildOptions(): BuildOption[] {
    if (this.typed === undefined) return [];
    const out: BuildOption[] = [];
    for (const def of TEAM_SHEETS) {
      if (def.rowKind !== "collector") continue;
      const template = this.templates.find((t) => t.id === def.id);
      if (template === undefined) continue;
      const formula = this.inputFormula(STAGE_OF[def.id]);
      const given = def.inputs.filter((i) => formula(i.key, { rowLabel: "$A1", monthStart: "$B$1" }) !== undefined).length;
      if (given === 0) continue;
      out.push({ id: def.id, label: template.title[this.language], hint: this.strings.templateInputs(given, def.inputs.length) });
    }
    const trend = this.templates.find((t) => t.id === TREND_TEMPLATE);
    if (trend !== undefined) {
      const formula = this.inputFormula(undefined);
      const given = TREND_INPUTS.filter((i) => formula(i.key, { rowLabel: "", monthStart: "$A5" }) !== undefined).length;
      const months = this.trendMonths();
      if (given > 0 && months.length > 0) {
        const hint = `${this.strings.templateInputs(given, TREND_INPUTS.length)} ${this.strings.trendMonths(months[0], months[months.length - 1], months.length, this.months().length)}`;
        out.push({ id: TREND_TEMPLATE, label: trend.title[this.language], hint });
      }
    }
    return out;
  }

  /** Reads the imports saved in the workbook (the Refresh list); one sync. */
  async loadSaved(): Promise<readonly SavedImport[]> {
    try {
      this.saved = await readSavedImports(this.host);
    } catch {
      this.saved = [];
    }
    return this.saved;
  }

  get savedImports(): readonly SavedImport[] {
    return this.saved;
  }

  private owned(table: TypedTable): OwnedTable {
    const columns = ownedColumns(table, this.language);
    return {
      kind: table.kind,
      sheet: this.strings.dataSheet[table.kind],
      // "CK_Payments": the prefix of every column name (formulas.ts columnName), so =CK_Payments[Amount] is CK_Payments_Amount.
      table: columns[0].name.split("_").slice(0, 2).join("_"),
      columns,
      rows: ownedRows(table).map((row) => row.map(cellToWrite)),
    };
  }

  /**
   * Writes the data sheet (table + names), the saved import and, unless templateId is "", the
   * team sheet for `month` ("YYYY-MM") with one row per collector of that month; or, for the
   * Monthly trend (TREND_TEMPLATE, `month` ignored), one row per month of the data, the team's totals.
   */
  async build(templateId: string, month: string): Promise<Status> {
    const s = this.strings;
    const table = this.typed;
    const source = this.source;
    if (table === undefined || source === undefined) return { tone: "warning", text: s.emptySource };
    const signal = this.fresh();
    try {
      const data = this.owned(table);
      let template: { spec: SheetSpec; benchmarks?: SheetSpec } | undefined;
      if (templateId !== "") {
        const def = this.templates.find((t) => t.id === templateId);
        if (def === undefined) return { tone: "error", text: STRINGS[this.language].badSpec(`no template "${templateId}"`) };
        const trend = templateId === TREND_TEMPLATE;
        let rows = trend ? this.trendMonths() : this.collectors(table, month);
        if (rows.length === 0 && !trend) rows = this.collectors(table);
        if (rows.length === 0) return { tone: "warning", text: s.emptySource };
        if (rows.length > MAX_TEAM_ROWS) return { tone: "error", text: s.tooManyCollectors(rows.length, MAX_TEAM_ROWS) };
        const when = localMinute(new Date());
        const spec = def.build({
          language: this.language,
          sample: false,
          data: { rows, monthStart: monthStart(trend ? rows[0] : month), inputFormula: this.inputFormula(STAGE_OF[templateId]), source: s.sourceLine(sourceLabel(sourceKey(source)), table.stats.kept, when) },
        });
        const benchmarks = this.templates.find((t) => t.id === BENCHMARKS_TEMPLATE)?.build({ language: this.language, sample: false });
        template = { spec, ...(benchmarks ? { benchmarks } : {}) };
      }
      const saved = { version: 1 as const, kind: table.kind, source: sourceKey(source), mapping: table.headers };
      this.progress(s.writing, 0);
      const result = await writeImport(this.host, data, saved, template, {
        cancelled: () => signal.aborted,
        onProgress: (done, total) => this.progress(s.writingRows(done, total), total === 0 ? 1 : done / total),
      });
      if (result.cancelled) return { tone: "info", text: s.cancelled };
      await this.loadSaved();
      return {
        tone: "success",
        text: s.built(result.dataSheet, data.rows.length, result.template?.sheet),
        details: [s.builtNames(data.columns.length, result.table)],
      };
    } catch (e) {
      return this.describeError(e);
    } finally {
      this.onProgress(undefined);
    }
  }

  // ---------------------------------------------------------------- refresh

  /** Whether Refresh of this saved import needs the user to choose the file again. */
  needsFile(saved: SavedImport): boolean {
    return saved.source.startsWith("file:");
  }

  savedLabel(saved: SavedImport): string {
    return this.strings.savedItem(this.strings.kindShort[saved.kind], sourceLabel(saved.source), saved.dataSheet);
  }

  /** Re-reads the source (the range again, or the file the user chose again) and rewrites the owned table's rows. */
  async refresh(saved: SavedImport, file?: FileInput): Promise<Status> {
    const s = this.strings;
    const fromFile = this.needsFile(saved);
    try {
      let raw: RawTable;
      if (fromFile) {
        if (file === undefined) return { tone: "info", text: s.refreshChooseFile(sourceLabel(saved.source)) };
        const result = await this.parseFile(file);
        if ("status" in result) return result.status;
        raw = result.raw;
      } else {
        this.fresh();
        this.progress(s.reading, undefined, false);
        const label = sourceLabel(saved.source);
        const grid = await readSource(this.host, saved.source.startsWith("table:") ? { table: label } : { address: label });
        raw = rawFromGrid(grid.rows, parseTop(grid.address));
      }
      // The saved mapping is by header text: a re-export may reorder its columns.
      const mapping: Partial<Record<FieldId, number>> = {};
      const missing: DataProblem[] = [];
      for (const [field, header] of Object.entries(saved.mapping) as [FieldId, string][]) {
        const i = raw.headers.findIndex((h) => h.trim() === header.trim());
        if (i < 0) missing.push({ code: "missing-column", column: header });
        else mapping[field] = i;
      }
      if (missing.length > 0) return { tone: "error", text: s.headersChanged(missing.map((m) => m.column).join(", ")) };
      this.progress(s.checking, undefined, false);
      const typed = typeRows(saved.kind, raw, mapping);
      if (!typed.ok) return this.problems(typed.problems, fromFile);
      const columns = ownedColumns(typed.table, this.language);
      const rows = ownedRows(typed.table).map((row) => row.map(cellToWrite));
      this.progress(s.writing, 0, false);
      const result = await refreshImport(this.host, saved, columns, rows, {
        onProgress: (done, total) => this.progress(s.writingRows(done, total), total === 0 ? 1 : done / total, false),
      });
      // Collectors new in the data get a row on each team sheet built from this import.
      const table = typed.table;
      const when = localMinute(new Date());
      const added = await addNewCollectors(
        this.host,
        saved.table,
        (month) => {
          const inMonth = month === undefined ? [] : this.collectors(table, month);
          return inMonth.length > 0 ? inMonth : this.collectors(table);
        },
        (language) => DATA_STRINGS[language].sourceLine(sourceLabel(saved.source), table.stats.kept, when)
      );
      const text = [s.refreshed(result.sheet, result.rowsBefore, result.rowsAfter), ...added.map((a) => s.collectorsAdded(a.sheet, a.added))].join(" ");
      return { tone: "success", text };
    } catch (e) {
      return this.describeError(e);
    } finally {
      this.onProgress(undefined);
    }
  }

  // ---------------------------------------------------------------- errors

  describeError(error: unknown): Status {
    const s = this.strings;
    if (error instanceof DataWriterError) {
      const p = error.problem;
      switch (p.code) {
        case "unsupported":
          return { tone: "error", text: STRINGS[this.language].unsupported(p.version, STRINGS[this.language].features[p.feature]) };
        case "alreadyImported":
          return { tone: "warning", text: s.alreadyImported(p.table, p.sheet) };
        case "tableGone":
          return { tone: "error", text: s.tableGone(p.table) };
        case "tableChanged":
          return { tone: "error", text: s.tableChanged(p.table) };
        case "blockedBelow":
          return { tone: "warning", text: s.blockedBelow(p.table, p.address) };
        case "tooManyRows":
          return { tone: "error", text: s.tooManyRows(p.rows) };
        case "emptySource":
          return { tone: "warning", text: s.emptySource };
      }
    }
    const pane = STRINGS[this.language];
    if (error instanceof WriterError) {
      const p = error.problem;
      if (p.code === "unsupported") return { tone: "error", text: pane.unsupported(p.version, pane.features[p.feature]) };
      if (p.code === "badSpec") return { tone: "error", text: pane.badSpec(p.detail) };
      if (p.code === "benchmarksNameTaken") return { tone: "error", text: pane.benchmarksNameTaken };
    }
    if (error instanceof Error && typeof (error as Error & { code?: unknown }).code === "string") {
      return { tone: "error", text: pane.excelError(error.message !== "" ? error.message : String((error as Error & { code: string }).code)) };
    }
    return { tone: "error", text: pane.unexpected(error instanceof Error ? error.message : String(error)) };
  }
}

/** The name the engine knows the chosen file by (the stamp says the user's own name). */
const ENGINE_FILE = "input.csv";

/** Points a value of each format needs: 2026-10-31 is 10 characters, 2026-10-31 09:15:00 is 19 (about 6 points each at Calibri 11). */
const VALUE_WIDTHS: Readonly<Record<ReturnType<typeof tableColumns>[number]["format"], number>> = { text: 90, date: 72, datetime: 120, money: 80, number: 56, flag: 48 };

/** "2026-11-30 14:05" in the user's own time zone (toISOString would say UTC). */
export function localMinute(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The owned table's columns as the writer takes them: header, workbook name, number format, width (the header plus its filter button fits). */
function ownedColumns(table: TypedTable, language: Language): OwnedColumn[] {
  return tableColumns(table.kind, table.mapped).map((c) => {
    const header = ownedHeader(c.name, c.key, language);
    const accepts = (["en", "zh"] as const).map((l) => ownedHeader(c.name, c.key, l));
    // A CJK character is about twice as wide as a Latin one.
    const chars = [...header].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    return { header, accepts, name: c.name, numberFormat: NUMBER_FORMATS[c.format], width: Math.max(VALUE_WIDTHS[c.format], chars * 7 + 24) };
  });
}

/** The 1-based row of a range address's first cell ("Sheet1!B3:F9" → 3). */
function parseTop(address: string): number {
  const m = /!\$?[A-Za-z]+\$?(\d+)/.exec(address) ?? /^\$?[A-Za-z]+\$?(\d+)/.exec(address);
  return m === null ? 1 : Number(m[1]);
}

type XlsxReader = (bytes: Uint8Array) => Promise<{ ok: true; table: RawTable } | { ok: false; problems: readonly DataProblem[] }>;

/** read-excel-file is loaded only when an XLSX is chosen (its own chunk: the pane's first load stays small). */
async function loadXlsx(): Promise<XlsxReader> {
  const module = await import(/* webpackChunkName: "xlsx" */ "../data/xlsx");
  return module.readXlsx as XlsxReader;
}

/**
 * The task pane's logic without the DOM: what each section shows and what each button does,
 * as data and statuses in the pane's language. ui.ts only renders these and wires events,
 * so this file is what the unit tests exercise.
 */
import { CATALOGUE, Language, Metric, findMetric, localMessage, plainExcelFormula } from "../core";
import type { TemplateDef } from "../templates/types";
import { MakePortableOptions, PortableRun, PortableSummary, PortableUnsupportedError, makePortable } from "../portable/excelAction";
import { quoteSheet } from "../portable/formula";
import { reasonText } from "../portable/reasons";
import { REFERENCE_PAGE } from "../i18n/metadata";
import { FUNCTION_HELP, FunctionHelp, functionHelp, skeletonFormula } from "./functionHelp";
import type { Host } from "./host";
import { missingRequirement } from "./requirements";
import { STRINGS, Strings } from "./strings";
import { ParsedArgument, WriterError, insertFunctionCall, insertTemplate, parseArgument, readBenchmarkProblems, readSelection, resetBenchmarks } from "./writer";

export type StatusTone = "info" | "progress" | "success" | "warning" | "error";

export interface Status {
  readonly tone: StatusTone;
  readonly text: string;
  /** Extra lines (benchmark problems, kept names). */
  readonly details?: readonly string[];
}

export interface TemplateCard {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly metrics: readonly { readonly id: string; readonly name: string }[];
}

export interface FunctionEntry {
  /** Unique key: the metric id, or the function name for functions that are not one-metric KPIs. */
  readonly key: string;
  readonly title: string;
  /** "=COLLECT.RECOVERYRATE" or the metric id for typed-in metrics. */
  readonly subtitle: string;
  readonly metric?: Metric;
  readonly help?: FunctionHelp;
  /** Lower-case text the search matches against. */
  readonly haystack: string;
}

export interface FunctionDetails {
  /** The function the details describe and "Insert" writes (RECOVERYRATE; GRADE for a typed-in metric). */
  readonly fn: string;
  readonly title: string;
  readonly subtitle: string;
  readonly description: string;
  readonly skeleton: string;
  readonly params: readonly { readonly name: string; readonly optional: boolean; readonly help: string }[];
  readonly facts: readonly { readonly label: string; readonly value: string }[];
}

/** One argument the Functions tab asks for before it writes a formula. */
export interface ArgumentField {
  readonly name: string;
  readonly help: string;
  /** What the field starts with: the metric id as a quoted text for GRADE, KPISCORE and BENCHMARK, else "". */
  readonly initial: string;
}

export type ResetState = "idle" | "confirming" | "running";

export type PortableState = "idle" | "reviewing" | "confirming" | "running";

/** What the Share tab asks: where, and into what. */
export type PortableChoice = Pick<MakePortableOptions, "scope" | "mode">;

/** The outcome of looking before writing: a status, or a question to confirm. */
export interface PortableReview {
  readonly status?: Status;
  readonly question?: {
    readonly text: string;
    /** How many cells will be left as they are, then each with its reason (empty when none). */
    readonly details: readonly string[];
    readonly confirmLabel: string;
  };
}

/** At most this many skipped cells are listed; the rest are counted. */
const MAX_LISTED = 20;

/** "'M1 (2)'!B7" as Excel writes a reference. */
const cellRef = (sheet: string, address: string): string => `${quoteSheet(sheet)}!${address}`;

const BENCHMARKS_TEMPLATE = "benchmarks";

/** The functions whose first argument is a metric id (a quoted text). */
const METRIC_ARGUMENT = new Set<string>(["BENCHMARK", "GRADE", "KPISCORE"]);

/** Lower-case search tokens; "=COLLECT.GRADE(" searches for "grade". */
function tokens(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/^\s*=?\s*collect\./, "")
    .replace(/[(),]/g, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
}

/** Threshold as the sheet shows it: 0.85 → 85%, 0.003 → 3‰, 80000 → 80,000 CNY / person / month. */
export function formatThreshold(metric: Metric, value: number, language: Language): string {
  const trim = (n: number): string => String(Number(n.toFixed(4)));
  switch (metric.format) {
    case "percent":
      return `${trim(value * 100)}%`;
    case "permille":
      return `${trim(value * 1000)}‰`;
    case "currency":
      return `${value.toLocaleString(language === "zh" ? "zh-CN" : "en-US")} ${metric.unit[language]}`;
    default:
      return `${trim(value)} ${metric.unit[language]}`;
  }
}

/** Which tab a key press moves to (roving tabindex): arrows wrap, Home and End jump. */
export function nextTabIndex(key: string, current: number, count: number): number | undefined {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
      return (current + 1) % count;
    case "ArrowLeft":
    case "ArrowUp":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return undefined;
  }
}

export class PaneController {
  readonly strings: Strings;
  private readonly entries: readonly FunctionEntry[];
  private resetStateValue: ResetState = "idle";
  private portableStateValue: PortableState = "idle";
  /** The choice the user is asked to confirm. */
  private portableChoice: PortableChoice | undefined;
  /** Excel.run (or the simulator's) as makePortable takes it; tsc checks that the pane's context satisfies it. */
  private readonly portableRun: PortableRun = (batch) => this.host.run((context) => batch(context));
  /** Make portable checks ExcelApi 1.12 (and 1.9) itself, before its first request. */
  private readonly isSetSupported = (name: string, minVersion: string): boolean => this.host.isSetSupported(name, minVersion);

  constructor(
    readonly host: Host,
    readonly templates: readonly TemplateDef[],
    readonly language: Language
  ) {
    this.strings = STRINGS[language];
    this.entries = this.buildEntries();
  }

  // ---------------------------------------------------------------- templates

  cards(): TemplateCard[] {
    return this.templates
      .filter((t) => t.id !== BENCHMARKS_TEMPLATE)
      .map((t) => ({
        id: t.id,
        title: t.title[this.language],
        description: t.description[this.language],
        metrics: t.metrics.map((id) => ({ id, name: findMetric(id)?.name[this.language] ?? id })),
      }));
  }

  private benchmarksSpec(): ReturnType<TemplateDef["build"]> | undefined {
    return this.templates.find((t) => t.id === BENCHMARKS_TEMPLATE)?.build({ language: this.language, sample: false });
  }

  async insertTemplate(id: string, sample: boolean): Promise<Status> {
    const s = this.strings;
    try {
      const def = this.templates.find((t) => t.id === id);
      if (def === undefined) return { tone: "error", text: s.badSpec(`no template "${id}"`) };
      const spec = def.build({ language: this.language, sample });
      const result = await insertTemplate(this.host, spec, { benchmarks: this.benchmarksSpec() });
      const details = result.keptNames.length > 0 && !result.opened ? [s.keptNames(result.keptNames.join(", "))] : undefined;
      const text = result.opened
        ? s.openedBenchmarks(result.sheet)
        : result.benchmarksSheet !== undefined
          ? s.createdWithBenchmarks(result.sheet, result.benchmarksSheet)
          : s.created(result.sheet);
      // Issue 15: the sheet is written, but Excel could not draw its charts: say so, never an exception.
      const charts = result.charts;
      if (charts !== undefined && "reason" in charts) {
        const why = charts.reason.code === "unsupported" ? s.chartsNeedApi(charts.reason.version, s.features[charts.reason.feature]) : s.chartsRefused(charts.reason.message);
        return { tone: "warning", text: s.chartsLeftOut(result.sheet, charts.leftOut, why), ...(details ? { details } : {}) };
      }
      return { tone: "success", text, ...(details ? { details } : {}) };
    } catch (e) {
      return this.describeError(e);
    }
  }

  // ---------------------------------------------------------------- functions

  private buildEntries(): FunctionEntry[] {
    const lang = this.language;
    const fromMetrics = CATALOGUE.map((m): FunctionEntry => {
      const help = m.fn !== undefined ? functionHelp(m.fn) : undefined;
      return {
        key: m.id,
        title: m.name[lang],
        subtitle: m.fn !== undefined ? `=COLLECT.${m.fn}` : m.id,
        metric: m,
        ...(help ? { help } : {}),
        haystack: [m.id, m.name.en, m.name.zh, m.fn ?? "", m.fn ? `collect.${m.fn}` : "", m.area.en, m.area.zh].join(" ").toLowerCase(),
      };
    });
    const others = FUNCTION_HELP.filter((h) => h.metric === undefined).map(
      (h): FunctionEntry => ({
        key: h.fn,
        title: `COLLECT.${h.fn}`,
        subtitle: `=COLLECT.${h.fn}`,
        help: h,
        haystack: [h.fn, `collect.${h.fn}`, h.summary?.en ?? "", h.summary?.zh ?? ""].join(" ").toLowerCase(),
      })
    );
    return [...fromMetrics, ...others];
  }

  /** Catalogue metrics and the other COLLECT functions whose id, names (en/中文) or function name hold every word. */
  searchFunctions(query: string): readonly FunctionEntry[] {
    const words = tokens(query);
    if (words.length === 0) return this.entries;
    return this.entries.filter((e) => words.every((w) => e.haystack.includes(w)));
  }

  entry(key: string): FunctionEntry | undefined {
    return this.entries.find((e) => e.key === key);
  }

  /**
   * The function reference page in the pane's language (functions.html, functions.zh-cn.html),
   * relative to the pane's own page: both are served from the add-in's root. With an entry, the
   * anchor of the function it writes (#RECOVERYRATE; GRADE for a typed-in metric).
   */
  referenceUrl(entry?: FunctionEntry): string {
    const page = REFERENCE_PAGE[this.language];
    return entry === undefined ? page : `${page}#${this.target(entry).fn}`;
  }

  /** The function written for an entry: its own, or GRADE for a typed-in metric. */
  private target(entry: FunctionEntry): { fn: string; metric?: string } {
    if (entry.help !== undefined) return { fn: entry.help.fn, ...(entry.metric ? { metric: entry.metric.id } : {}) };
    return { fn: "GRADE", metric: entry.metric?.id };
  }

  details(entry: FunctionEntry): FunctionDetails {
    const s = this.strings;
    const lang = this.language;
    const target = this.target(entry);
    const help = functionHelp(target.fn);
    const skeleton = skeletonFormula(target.fn, target.metric);
    const params = (help?.params ?? []).map((p) => ({ name: p.name, optional: p.optional, help: p.help[lang] }));
    const m = entry.metric;
    if (m === undefined) {
      return { fn: target.fn, title: entry.title, subtitle: entry.subtitle, description: help?.summary?.[lang] ?? s.otherFunction, skeleton, params, facts: [] };
    }
    const threshold = (v: number | undefined): string => (v === undefined ? s.notSet : formatThreshold(m, v, lang));
    const plain = plainExcelFormula(m);
    const facts = [
      ...(m.fn === undefined ? [{ label: s.formulaLabel, value: m.formula[lang] }] : []),
      ...(plain !== undefined ? [{ label: s.plainExcelLabel, value: plain }] : []),
      { label: s.kindLabel, value: m.kind === "P" ? s.kindP : s.kindR },
      { label: s.directionLabel, value: m.direction === "higher" ? s.higherBetter : s.lowerBetter },
      { label: s.unitLabel, value: m.unit[lang] },
      { label: s.areaLabel, value: m.area[lang] },
      { label: s.benchmarkLabel, value: `${s.meets} ${threshold(m.meets)} · ${s.excellent} ${threshold(m.excellent)}` },
      { label: s.sourceLabel, value: m.source[lang] },
      ...(m.redLine ? [{ label: s.redLineLabel, value: s.redLine }] : []),
    ];
    return {
      fn: target.fn,
      title: m.name[lang],
      subtitle: m.fn !== undefined ? `COLLECT.${m.fn} · ${m.id}` : m.id,
      description: m.fn === undefined ? s.typedInMetric : m.formula[lang],
      skeleton,
      params,
      facts,
    };
  }

  /**
   * The arguments "Insert" asks for: the required parameters of the function an entry writes
   * (optional ones are left out, as Excel allows). The metric id of GRADE, KPISCORE and
   * BENCHMARK starts filled in as a quoted text.
   */
  argumentFields(entry: FunctionEntry): ArgumentField[] {
    const target = this.target(entry);
    const help = functionHelp(target.fn);
    const metric = findMetric(target.metric ?? "recovery_achievement")?.id ?? "recovery_achievement";
    return (help?.params ?? [])
      .filter((p) => !p.optional)
      .map((p) => ({ name: p.name, help: p.help[this.language], initial: p.name === "metric" && METRIC_ARGUMENT.has(target.fn) ? `"${metric}"` : "" }));
  }

  /** "Use selection": the selected range's address ("Sheet1!B2:B9"; one cell in the preview). */
  async useSelection(): Promise<{ address?: string; status?: Status }> {
    try {
      return { address: await readSelection(this.host) };
    } catch (e) {
      return { status: this.describeError(e) };
    }
  }

  /**
   * Writes =COLLECT.<fn>(arguments) into the active cell. Never a formula Excel would show as
   * #NAME?: every argument must be a cell, a range, a number or a quoted text, or nothing is
   * written and the status says which argument to give and how.
   */
  async insertFunction(entry: FunctionEntry, values: readonly string[]): Promise<Status> {
    const s = this.strings;
    try {
      const target = this.target(entry);
      const fields = this.argumentFields(entry);
      const args: ParsedArgument[] = [];
      for (const [i, field] of fields.entries()) {
        const parsed = parseArgument(values[i] ?? "");
        if (parsed === "") return { tone: "warning", text: s.argumentMissing(field.name) };
        if (parsed === undefined) return { tone: "warning", text: s.argumentInvalid(field.name, (values[i] ?? "").trim()) };
        args.push(parsed);
      }
      const result = await insertFunctionCall(this.host, target.fn, args);
      if (result.written) return { tone: "success", text: s.formulaWritten(result.address, result.formula) };
      switch (result.reason) {
        case "notEmpty":
          return { tone: "warning", text: s.cellNotEmpty(result.address) };
        case "noSheet":
          return { tone: "warning", text: s.argumentNoSheet(fields[result.argument].name, result.sheet) };
        case "circular":
          return { tone: "warning", text: s.argumentCircular(result.address, fields[result.argument].name) };
      }
    } catch (e) {
      return this.describeError(e);
    }
  }

  // ---------------------------------------------------------------- benchmarks

  async openBenchmarks(): Promise<Status> {
    return this.insertTemplate(BENCHMARKS_TEMPLATE, false);
  }

  async checkBenchmarks(): Promise<Status> {
    const s = this.strings;
    try {
      const check = await readBenchmarkProblems(this.host);
      if (check.problems.length === 0) return { tone: "success", text: s.benchmarksOk(check.address) };
      return {
        tone: "warning",
        text: s.benchmarksProblems(check.problems.length, check.address),
        details: check.problems.map((p) => {
          const message = localMessage(p.message, p.detail, this.language);
          // A row's message names its metric ("Benchmarks row complaint_rate: …"): say it once.
          if (p.metric !== "" && message.includes(p.metric)) return message;
          return `${p.metric === "" ? s.wholeTable : p.metric}: ${message}`;
        }),
      };
    } catch (e) {
      return this.describeError(e);
    }
  }

  get resetState(): ResetState {
    return this.resetStateValue;
  }

  /** First step: ask. Nothing touches the workbook until confirmReset. */
  requestReset(): Status {
    if (this.resetStateValue === "idle") this.resetStateValue = "confirming";
    return { tone: "warning", text: this.strings.resetQuestion };
  }

  cancelReset(): Status {
    if (this.resetStateValue === "confirming") this.resetStateValue = "idle";
    return { tone: "info", text: this.strings.resetCancelled };
  }

  /** Second step: only after requestReset; rewrites the benchmark rows of the table body. */
  async confirmReset(): Promise<Status> {
    const s = this.strings;
    if (this.resetStateValue !== "confirming") return { tone: "info", text: s.resetCancelled };
    this.resetStateValue = "running";
    try {
      const spec = this.benchmarksSpec();
      if (spec === undefined) return { tone: "error", text: s.badSpec(`no template "${BENCHMARKS_TEMPLATE}"`) };
      const result = await resetBenchmarks(this.host, spec, { confirmed: true });
      return {
        tone: "success",
        text: s.resetDone(result.rowsReset, result.rowsKept),
        ...(result.missing.length > 0 ? { details: [s.resetMissing(result.missing.join(", "))] } : {}),
      };
    } catch (e) {
      return this.describeError(e);
    } finally {
      this.resetStateValue = "idle";
    }
  }

  // ---------------------------------------------------------------- share (make portable)

  get portableState(): PortableState {
    return this.portableStateValue;
  }

  private skippedLines(summary: PortableSummary): string[] {
    const lines = summary.skipped.slice(0, MAX_LISTED).map((x) => `${cellRef(x.sheet, x.address)}: ${reasonText(x.why, this.language)}`);
    if (summary.skipped.length > MAX_LISTED) lines.push(this.strings.andMore(summary.skipped.length - MAX_LISTED));
    return lines;
  }

  /**
   * First step: reads the sheets and plans, writing nothing. Returns the question to confirm
   * when there is something to rewrite, else a status that says why not.
   */
  async reviewPortable(choice: PortableChoice): Promise<PortableReview> {
    const s = this.strings;
    if (this.portableStateValue === "running" || this.portableStateValue === "reviewing") return {};
    this.portableStateValue = "reviewing";
    this.portableChoice = undefined;
    try {
      const missing = missingRequirement(this.host, "makePortable");
      if (missing !== undefined) return { status: { tone: "error", text: s.unsupported(missing.version, s.features[missing.feature]) } };
      const plan = await makePortable(this.portableRun, { ...choice, dryRun: true, isSetSupported: this.isSetSupported });
      const count = choice.mode === "native" ? plan.converted : plan.frozen;
      if (count === 0) {
        if (plan.skipped.length > 0) return { status: { tone: "warning", text: s.portableOnlySkipped, details: this.skippedLines(plan) } };
        const text = choice.scope === "active" ? s.portableNothingActive(plan.scanned[0] ?? "") : s.portableNothingAll;
        return { status: { tone: "info", text } };
      }
      const sheets = s.sheetList(plan.sheets);
      this.portableChoice = { scope: choice.scope, mode: choice.mode };
      return {
        question: {
          text: choice.mode === "native" ? s.portableQuestionNative(count, sheets) : s.portableQuestionFreeze(count, sheets),
          details: plan.skipped.length > 0 ? [s.portableSkipHeader(plan.skipped.length), ...this.skippedLines(plan)] : [],
          confirmLabel: choice.mode === "native" ? s.portableConfirmNative : s.portableConfirmFreeze,
        },
      };
    } catch (e) {
      return { status: this.describeError(e) };
    } finally {
      this.portableStateValue = this.portableChoice !== undefined ? "confirming" : "idle";
    }
  }

  cancelPortable(): Status {
    if (this.portableStateValue === "confirming") {
      this.portableStateValue = "idle";
      this.portableChoice = undefined;
    }
    return { tone: "info", text: this.strings.portableCancelled };
  }

  /** Second step: only after a review that asked; reads again and rewrites what it finds now. */
  async confirmPortable(): Promise<Status> {
    const s = this.strings;
    const choice = this.portableChoice;
    if (this.portableStateValue !== "confirming" || choice === undefined) return { tone: "info", text: s.portableCancelled };
    this.portableStateValue = "running";
    this.portableChoice = undefined;
    try {
      const done = await makePortable(this.portableRun, { ...choice, isSetSupported: this.isSetSupported });
      const skipped = done.skipped.length > 0 ? [s.portableSkipped(done.skipped.length), ...this.skippedLines(done)] : [];
      const details = skipped.length > 0 ? { details: skipped } : {};
      if (done.sheets.length === 0) return { tone: "warning", text: s.portableDoneNothing, ...details };
      const sheets = s.sheetList(done.sheets);
      const text = choice.mode === "native" ? s.portableDoneNative(done.converted, sheets, done.names.length) : s.portableDoneFreeze(done.frozen, sheets);
      return { tone: skipped.length > 0 ? "warning" : "success", text, ...details };
    } catch (e) {
      return this.describeError(e);
    } finally {
      this.portableStateValue = "idle";
    }
  }

  // ---------------------------------------------------------------- errors

  /** A sentence for any failure: the writer's refusals, Excel's own errors, anything else. */
  describeError(error: unknown): Status {
    const s = this.strings;
    if (error instanceof WriterError) {
      const p = error.problem;
      switch (p.code) {
        case "unsupported":
          return { tone: "error", text: s.unsupported(p.version, s.features[p.feature]) };
        case "noBenchmarks":
          return { tone: "warning", text: s.noBenchmarks };
        case "benchmarksNameTaken":
          return { tone: "error", text: s.benchmarksNameTaken };
        case "benchmarksShape":
          return { tone: "error", text: s.benchmarksShape(p.columns, p.expected) };
        case "badSpec":
          return { tone: "error", text: s.badSpec(p.detail) };
      }
    }
    if (error instanceof PortableUnsupportedError) return { tone: "error", text: s.unsupported(error.version, s.portableSpillsFeature) };
    // OfficeExtension.Error (and excel-sim's SimError) carry a code and Excel's own message.
    if (error instanceof Error && typeof (error as Error & { code?: unknown }).code === "string") {
      const code = (error as Error & { code: string }).code;
      return { tone: "error", text: s.excelError(error.message !== "" ? error.message : code) };
    }
    return { tone: "error", text: s.unexpected(error instanceof Error ? error.message : String(error)) };
  }
}

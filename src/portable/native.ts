/**
 * Native spreadsheet equivalents of the COLLECT functions: for each function, a generator that
 * takes the (already converted) argument nodes of one call and returns the formula an analyst
 * would write, from functions Excel 2010, LibreOffice 7 and WPS all have (README.md in this
 * folder lists them), with the function's value on valid inputs and the differences on other
 * inputs stated rule by rule there.
 *
 * KPI functions are =SUM(num)/SUM(den) (a proportion adds its #NUM! above 1). Benchmarks: a
 * call with a benchmarks argument reads the table body through short workbook names per
 * metric (tableMetric: Dir, Meets, Excellent, Target, GradeM, GradeE, Red), each one
 * INDEX/MATCH with the catalogue default where the table has no row. A call without one uses
 * the catalogue default as literals, with every check of the core.
 *
 * Error order: where the formula checks, it keeps the function's order (src/engine/hyperformula.ts
 * over src/core): an error value in an argument first, then the core's checks in order, as a
 * prelude `IF(e1+e2+…, 0, …)` whose terms are 0 or the error they carry, then nested IFs.
 */
import { BAND_LABELS, CATALOGUE, LEVEL_LABELS, Language, Metric, findMetric, metricsTable, parseLanguage } from "../core";
import { Node, Reference, cellOf, print, printNumber, printReference, quoteSheet, referenceSize } from "./formula";
import { REASONS, Reason, ReasonKey, reason, reasonText } from "./reasons";

/** A call that cannot be rewritten faithfully; the converter leaves the cell untouched and reports `why`. */
export class Unconvertible extends Error {
  constructor(readonly why: Reason) {
    super(reasonText(why));
    this.name = "Unconvertible";
  }
}

/** new Unconvertible(reason(key, …args)), checked against the reason table. */
export function unconvertible<K extends ReasonKey>(key: K, ...args: Parameters<(typeof REASONS)["en"][K]>): Unconvertible {
  return new Unconvertible(reason(key, ...args));
}

/** What a cell held when the workbook was converted: a constant, or undefined for a formula / unknown cell. */
export type Constant = string | number | boolean | null;

export interface NativeContext {
  /** The sheet the formula is on (unqualified references in it point there). */
  readonly sheet: string;
  /** The constant a cell held at conversion time (null for an empty cell); undefined when it holds a formula or is unknown. */
  constantAt(ref: Reference): Constant | undefined;
  /** The absolute, sheet-qualified range a workbook name refers to, or undefined. */
  resolveName(name: string): Reference | undefined;
  /** Records a workbook name the converted formula needs ("=…" formula). */
  defineName(name: string, formula: string): void;
  /**
   * The cell of this sheet whose formula is KPISCORE(id, value, benchmarks) (bare, or guarded as
   * the templates write it, IF(value="","",KPISCORE(…))), for a literal `id`, the single cell
   * `value` of this sheet and the benchmarks argument as printed; undefined when there is none.
   * SCORE then reads those cells instead of computing each score again (scoreOverScoreCells).
   */
  scoreCell?(id: string, value: Reference, benchmarks: string): Reference | undefined;
  /**
   * The cells a structured reference (CK_M1[[Recovered]], T[@Amount], T[[#Totals],[Amount]])
   * stands for at conversion, in the workbook the conversion runs against (its tables as they
   * are now; [@…] in the formula's own row), sheet-qualified; undefined when not known. Used
   * only where a size or a constant matters: the reference itself is kept in the native formula,
   * so it still follows rows added to the table.
   */
  structuredRef?(text: string): Reference | undefined;
}


/** The name of the workbook name over which benchmarks are read (metrics.md section 3; core/benchmarksName.ts). */
import { BENCHMARKS_NAME } from "../core";
export { BENCHMARKS_NAME };
/** Prefix of the workbook names the converter adds: CollectKPI.<metric id> for CollectBenchmarks. */
export const NATIVE_NAME_PREFIX = "CollectKPI.";
/** Excel's limit on the length of a formula. */
export const MAX_FORMULA_LENGTH = 8192;

const VALUE = "#VALUE!";
const NUM = "#NUM!";
const DIV0 = "#DIV/0!";
const NA = "NA()";

// ---------------------------------------------------------------- small text helpers

const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const num = (n: number): string => printNumber(n);

function unwrap(node: Node): Node {
  return node.type === "paren" ? unwrap(node.expr) : node;
}

/** Text of a node safe to use as an operand. */
function atom(node: Node): string {
  const n = unwrap(node);
  const text = print(node);
  switch (n.type) {
    case "ref":
    case "name":
    case "number":
    case "string":
    case "call":
    case "array":
    case "error":
    case "structured":
      return n.type === "number" && n.value < 0 ? `(${text})` : text;
    case "raw":
      return isAtomicText(n.text) ? n.text : `(${n.text})`;
    case "paren":
      return text;
    default:
      return `(${text})`;
  }
}

/** True for text that is one function call, e.g. IF(…), so it needs no parentheses as an operand. */
export function isAtomicText(text: string): boolean {
  const m = /^[A-Za-z_][A-Za-z0-9_.]*\(/.exec(text);
  if (!m) return false;
  let depth = 0;
  let inString = false;
  for (let i = m[0].length - 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0) return i === text.length - 1;
    }
  }
  return false;
}

/** IF(e1+e2+…,0,rest): the terms are 0 or an error; the leftmost error wins. */
function propagate(terms: readonly string[], rest: string): string {
  const t = terms.filter((x) => x !== "");
  return t.length === 0 ? rest : `IF(${t.join("+")},0,${rest})`;
}

/** The first error in a range or value (0 when there is none), in Excel's row-by-row order. */
function errorsOf(text: string): string {
  return `SUMPRODUCT(0*(${text}=${text}))`;
}

/** 0, or the error a scalar argument holds. */
function scalarError(node: Node): string {
  const n = unwrap(node);
  if (n.type === "number" || n.type === "string" || n.type === "bool" || n.type === "missing") return "";
  if (n.type === "error") return n.code === "#N/A" ? NA : n.code;
  return `0*(${atom(node)}="")`;
}

// ---------------------------------------------------------------- argument shapes

function isMissing(node: Node | undefined): boolean {
  return node === undefined || unwrap(node).type === "missing";
}

function refOf(node: Node): Reference | undefined {
  const n = unwrap(node);
  return n.type === "ref" ? n.ref : undefined;
}

/** The text of a structured reference argument (CK_M1[[Recovered]]), or undefined. */
function structuredOf(node: Node): string | undefined {
  const n = unwrap(node);
  return n.type === "structured" ? n.text : undefined;
}

/** A reference written A1 or as a table reference: a range whatever its size. */
function isReference(node: Node): boolean {
  return refOf(node) !== undefined || structuredOf(node) !== undefined;
}

/**
 * The cells an argument refers to: an A1 reference as written, a structured reference through
 * the workbook (ctx.structuredRef; unconvertible when it is not known there).
 */
function cellsRefOf(node: Node, ctx: NativeContext | undefined, param: string): Reference | undefined {
  const ref = refOf(node);
  if (ref !== undefined) return ref;
  const text = structuredOf(node);
  if (text === undefined) return undefined;
  const resolved = ctx?.structuredRef?.(text);
  if (resolved === undefined) throw unconvertible("structuredUnknown", param, text);
  return resolved;
}

/** A structured reference to one row of its table, the formula's own: T[@Col], T[[#This Row],[A]:[B]]. */
function isThisRow(text: string): boolean {
  return /\[\s*@|#this\s+row/i.test(text.replace(/'./g, "__"));
}

function isSingleCell(ref: Reference): boolean {
  const s = referenceSize(ref);
  return s.rows === 1 && s.columns === 1;
}

/**
 * A scalar parameter (metric, value, language, level, score) must not be given a range. A table
 * reference is one cell or not by what it stands for in the workbook (T[@Value] is one cell,
 * T[[Value]] the column): unknown, it is left as it is and reported.
 */
function requireScalar(node: Node, param: string, ctx?: NativeContext): void {
  const n = unwrap(node);
  if (n.type === "ref" && !isSingleCell(n.ref)) throw unconvertible("oneCell", param);
  if (n.type === "structured" && !isSingleCell(cellsRefOf(node, ctx, param) as Reference)) throw unconvertible("oneCell", param);
  if (n.type === "array") throw unconvertible("oneValue", param);
}

// ---------------------------------------------------------------- KPI functions

/** One KPI argument: its sum as formula text, or the error the core gives for a literal. */
function kpiTerm(node: Node, param: string): { sum: string } | { error: string; literal: true } {
  const n = unwrap(node);
  if (n.type === "missing") throw unconvertible("empty", param);
  const negated = n.type === "unary" && n.op === "-" ? unwrap(n.operand) : undefined;
  if (negated !== undefined && negated.type === "number") return negated.value > 0 ? { error: NUM, literal: true } : { sum: "0" };
  if (n.type === "number") return n.value < 0 ? { error: NUM, literal: true } : { sum: num(n.value) };
  if (n.type === "string") return n.value === "" ? { sum: "0" } : { error: VALUE, literal: true };
  if (n.type === "bool" || (n.type === "call" && /^(TRUE|FALSE)$/i.test(n.name) && n.args.length === 0)) return { error: VALUE, literal: true };
  if (n.type === "error") return { error: n.code === "#N/A" ? NA : n.code, literal: true };
  // SUM ignores text, TRUE/FALSE and blanks in a reference (README: text and negatives are not checked);
  // an expression (maybe an array) is summed by SUMPRODUCT, which needs no array entry in Excel 2010.
  const x = atom(node);
  // A table reference (CK_M1[[Recovered]]) is a reference: SUM, and it stays as written, so the
  // sum still covers a row added to the table (README, "Table references").
  return { sum: isReference(node) || n.type === "name" || n.type === "array" ? `SUM(${x})` : `SUMPRODUCT(${x})` };
}

/**
 * A KPI function as an analyst writes it: =SUM(num)/SUM(den), the division giving #DIV/0!
 * for a zero denominator, and for a proportion #NUM! above 1 + 1e-12 (at most 1 below that,
 * as the core's tolerance of floating-point noise). A literal the core refuses (text, TRUE,
 * a negative number) is that error, after the errors the other arguments hold.
 */
export function kpiNative(metric: Metric, args: readonly Node[]): string {
  const params = metric.params;
  if (args.length !== params.length) throw unconvertible("argumentCount", String(metric.fn), params.length, params.length, args.length);
  const terms = args.map((a, i) => kpiTerm(a, params[i]));
  // An error value among the arguments comes first (the adapter), then the core's checks in argument order.
  const bad = args.some((a) => unwrap(a).type === "error")
    ? (kpiTerm(args.find((a) => unwrap(a).type === "error") as Node, "") as { error: string; literal: true })
    : terms.find((t): t is { error: string; literal: true } => "error" in t);
  if (bad !== undefined) {
    const sums = terms.filter((t): t is { sum: string } => "sum" in t && !/^\d/.test(t.sum)).map((t) => `0*${t.sum}`);
    return build({ prelude: sums, steps: [] }, bad.error);
  }
  const sums = terms.map((t) => (t as { sum: string }).sum);
  const numerator = sums.slice(0, -1);
  const top = numerator.length === 1 ? numerator[0] : `(${numerator.join("+")})`;
  const ratio = `${top}/${sums[sums.length - 1]}`;
  return metric.kind === "P" ? `IF(${ratio}>1.000000000001,${NUM},MIN(1,${ratio}))` : ratio;
}

// ---------------------------------------------------------------- static arguments

type Resolved<T> = { readonly value: T; readonly guard: string };

/** A text argument known at conversion time: a literal, or a cell holding a constant (guarded). */
function staticText(node: Node | undefined, ctx: NativeContext, param: string): Resolved<string | null> | undefined {
  if (node === undefined || isMissing(node)) return { value: null, guard: "" };
  const n = unwrap(node);
  if (n.type === "string") return { value: n.value, guard: "" };
  if (n.type === "number") return { value: String(n.value), guard: "" };
  if (n.type === "bool") return { value: n.value ? "TRUE" : "FALSE", guard: "" };
  const ref = cellsRefOf(node, ctx, param);
  if (ref !== undefined) {
    requireScalar(node, param, ctx);
    const c = ctx.constantAt(ref);
    if (c === undefined) return undefined;
    // The guard reads the cell as the formula names it (a table reference stays one).
    const cell = structuredOf(node) ?? printReference(ref);
    const guard = `IF(${cell}=${constantText(c)},0,${NA})`;
    if (c === null) return { value: "", guard };
    return { value: typeof c === "boolean" ? (c ? "TRUE" : "FALSE") : String(c), guard };
  }
  return undefined;
}

/** A constant as formula text (TRUE() rather than TRUE, which some engines read as a name). */
function constantText(c: Constant): string {
  if (c === null) return '""';
  if (typeof c === "boolean") return c ? "TRUE()" : "FALSE()";
  if (typeof c === "number") return num(c);
  return str(c);
}

type MetricOrError = { readonly metric: Metric } | { readonly error: string };

/** The core's requireMetric on a value known at conversion (HyperFormula hands a metric argument over as text). */
function metricOf(value: string | null): MetricOrError {
  if (value === null || value.trim() === "") return { error: VALUE };
  const m = findMetric(value);
  return m === undefined ? { error: NA } : { metric: m };
}

function resolveMetric(node: Node, ctx: NativeContext): Resolved<MetricOrError> {
  const t = staticText(node, ctx, "metric");
  if (t === undefined) {
    throw unconvertible("computedMetric");
  }
  // The metric parameter is `any`: a number or TRUE/FALSE arrives as itself and is not text (#VALUE!).
  const n = unwrap(node);
  const ref = cellsRefOf(node, ctx, "metric");
  const constant = ref !== undefined ? ctx.constantAt(ref) : undefined;
  const notText = n.type === "number" || n.type === "bool" || typeof constant === "number" || typeof constant === "boolean";
  return { value: notText ? { error: VALUE } : metricOf(t.value), guard: t.guard };
}

/** A language or level argument: known at conversion (literal) or read at run time from a cell or expression. */
type Choice = { readonly kind: "static"; readonly value: string | null } | { readonly kind: "dynamic"; readonly text: string };

function choiceOf(node: Node | undefined, param: string, ctx?: NativeContext): Choice {
  if (node === undefined || isMissing(node)) return { kind: "static", value: null };
  const n = unwrap(node);
  if (n.type === "string") return { kind: "static", value: n.value };
  if (n.type === "number") return { kind: "static", value: String(n.value) };
  if (n.type === "bool") return { kind: "static", value: n.value ? "TRUE" : "FALSE" };
  requireScalar(node, param, ctx);
  return { kind: "dynamic", text: atom(node) };
}

function staticLanguage(value: string | null): Language | undefined {
  try {
    return parseLanguage(value);
  } catch {
    return undefined;
  }
}

/** Conditions on a language text read at run time: [invalid, chinese]. */
function dynamicLanguage(text: string): { invalid: string; zh: string } {
  const t = `TRIM(${text})`;
  const en = `OR(${t}="en",LEFT(${t},3)="en-",${t}="english")`;
  const zh = `OR(${t}="zh",LEFT(${t},3)="zh-",${t}="中文",${t}="chinese")`;
  return { invalid: `NOT(OR(${text}="",${en},${zh}))`, zh };
}

/** A label in the language of a choice. */
function labelText(choice: Choice, labels: Readonly<Record<Language, string>>): string {
  if (choice.kind === "static") return str(labels[staticLanguage(choice.value) ?? "en"]);
  return `IF(${dynamicLanguage(choice.text).zh},${str(labels.zh)},${str(labels.en)})`;
}

// ---------------------------------------------------------------- benchmarks

/** How a call reads one metric's benchmark: formula texts for each field (0/1 flags, numbers or ""). */
interface BenchmarkAccess {
  /** A 0/1 expression: the metric's row is duplicated or malformed (#VALUE!); "" when it cannot be. */
  readonly invalid: string;
  /** 1 when lower is better. */
  readonly lower: string;
  readonly meets: string;
  readonly excellent: string;
  /** meets, else excellent, else "". */
  readonly target: string;
  readonly redLine: string;
  /** Known at conversion: the direction (defaults only). */
  readonly staticLower?: boolean;
  /** Known at conversion: the thresholds (defaults only); null when blank. */
  readonly staticMeets?: number | null;
  readonly staticExcellent?: number | null;
}

function defaultAccess(m: Metric): BenchmarkAccess {
  const meets = m.meets ?? null;
  const excellent = m.excellent ?? null;
  const target = meets ?? excellent;
  return {
    invalid: "",
    lower: m.direction === "lower" ? "1" : "0",
    meets: meets === null ? '""' : num(meets),
    excellent: excellent === null ? '""' : num(excellent),
    target: target === null ? '""' : num(target),
    redLine: m.redLine ? "1" : "0",
    staticLower: m.direction === "lower",
    staticMeets: meets,
    staticExcellent: excellent,
  };
}

/** A benchmarks argument: omitted (the catalogue defaults) or a table the workbook carries. */
interface Source {
  /** The argument as written (used for the table-wide checks, exactly as the function sees it). */
  readonly text: string;
  /** Absolute, sheet-qualified range the argument referred to at conversion. */
  readonly range: Reference;
  /** Prefix of this source's per-metric names. */
  readonly prefix: string;
}

function resolveSource(node: Node | undefined, ctx: NativeContext): Source | null {
  if (node === undefined || isMissing(node)) return null;
  const n = unwrap(node);
  let range: Reference | undefined;
  let isDefault = false;
  if (n.type === "name" && n.prefix === undefined) {
    range = ctx.resolveName(n.name);
    if (range === undefined) throw unconvertible("benchmarksName", n.name);
    isDefault = n.name.toLowerCase() === BENCHMARKS_NAME.toLowerCase();
  } else if (n.type === "ref") {
    const r = n.ref;
    const end = r.end ?? r.start;
    const absolute = r.start.absRow && r.start.absColumn && end.absRow && end.absColumn;
    if (!absolute) throw unconvertible("benchmarksRelative");
    range = { ...r, sheet: r.sheet ?? ctx.sheet };
  } else {
    throw unconvertible("benchmarksKind");
  }
  const size = referenceSize(range);
  if (size.columns > 64) throw unconvertible("benchmarksWide");
  const key = printReference(range).toUpperCase();
  const prefix = isDefault ? NATIVE_NAME_PREFIX : `${NATIVE_NAME_PREFIX}T${hash(key)}.`;
  // A name is written as the cells it stands for: CollectBenchmarks holds =IF(body="","",body)
  // (core/benchmarksName.ts), and native formulas read the body's cells as they are.
  return { text: n.type === "name" ? printReference(normalize(range)) : atom(node), range: normalize(range), prefix };
}

/** Corners in order (top-left first), absolute, with the sheet. */
function normalize(ref: Reference): Reference {
  const end = ref.end ?? ref.start;
  const top = Math.min(ref.start.row ?? 0, end.row ?? 0);
  const bottom = Math.max(ref.start.row ?? 0, end.row ?? 0);
  const left = Math.min(ref.start.column ?? 0, end.column ?? 0);
  const right = Math.max(ref.start.column ?? 0, end.column ?? 0);
  const wholeColumns = ref.start.row === undefined || end.row === undefined;
  const wholeRows = ref.start.column === undefined || end.column === undefined;
  return {
    sheet: ref.sheet,
    start: { row: wholeColumns ? undefined : top, column: wholeRows ? undefined : left, absRow: true, absColumn: true },
    end: { row: wholeColumns ? undefined : bottom, column: wholeRows ? undefined : right, absRow: true, absColumn: true },
  };
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(36).toUpperCase();
}

/** Column `k` (1-based) of a normalized table range, as an absolute range text. */
function columnText(range: Reference, k: number): string {
  const left = range.start.column as number;
  const c = left + k - 1;
  return printReference({
    sheet: range.sheet,
    start: { ...range.start, column: c },
    end: { ...(range.end ?? range.start), column: c },
  });
}

const HIGHER_WORDS = ["higher", "high", "越高越好", "越高越好↑", "高"];
const LOWER_WORDS = ["lower", "low", "越低越好", "越低越好↓", "低"];
const RED_TRUE = ["true", "yes", "y", "是", "红线"];
const RED_FALSE = ["false", "no", "n", "否"];

/** MATCH("<id>", <Metric ID column>, 0): the metric's row in the table (#N/A when it has none). */
function rowMatch(m: Metric, range: Reference): string {
  return `MATCH(${str(m.id)},${columnText(range, 1)},0)`;
}

/** INDEX(<column k>, <row>): one cell of the metric's row. */
function fieldOf(m: Metric, range: Reference, k: number): string {
  return `INDEX(${columnText(range, k)},${rowMatch(m, range)})`;
}

/**
 * A metric read from a benchmarks table through short workbook names (one INDEX/MATCH each,
 * defined only when a formula uses them), so that no cell repeats a lookup:
 *
 *   <prefix><id>.Dir      1 higher is better, -1 lower (blank or no row: the catalogue's)
 *   <prefix><id>.Meets    the Meets threshold; #N/A when not set (blank cell, or no row and no default)
 *   <prefix><id>.Excellent
 *   <prefix><id>.Target   Meets, else Excellent, else #N/A (KPISCORE, SCORE)
 *   <prefix><id>.GradeM   Dir × Meets, or "" (never reached: a number is never ≥ text) when not set (GRADE)
 *   <prefix><id>.GradeE   Dir × Excellent, or ""; #N/A when neither is set (GRADE)
 *   <prefix><id>.Red      1 when it is a red-line metric (SCORE)
 *
 * Where the table has no row for the metric, each name gives the catalogue default.
 */
interface TableMetric {
  dir(): string;
  meets(): string;
  excellent(): string;
  target(): string;
  gradeM(): string;
  gradeE(): string;
  red(): string;
}

function tableMetric(m: Metric, source: Source, ctx: NativeContext): TableMetric {
  const range = source.range;
  const width = referenceSize(range).columns;
  const base = source.prefix + m.id;
  const r = rowMatch(m, range);
  const noRow = `ISNA(${r})`;
  const d = defaultAccess(m);
  const define = (suffix: string, formula: string): string => {
    const name = `${base}.${suffix}`;
    ctx.defineName(name, formula);
    return name;
  };
  const threshold = (k: number, fallback: number | null): string => {
    const dflt = fallback === null ? NA : num(fallback);
    if (width < k) return `=IF(${noRow},${dflt},${NA})`;
    const cell = fieldOf(m, range, k);
    // Without a default, no row is INDEX's own #N/A.
    return fallback === null ? `=IF(${cell}="",${NA},${cell})` : `=IF(${noRow},${dflt},IF(${cell}="",${NA},${cell}))`;
  };
  const dflDir = m.direction === "lower" ? "-1" : "1";
  const api: TableMetric = {
    dir: () => {
      if (width < 3) return dflDir;
      // The words of the other direction switch it; a blank cell or no row (an error) keeps the catalogue's.
      const cell = fieldOf(m, range, 3);
      const other = m.direction === "lower" ? HIGHER_WORDS : LOWER_WORDS;
      return define("Dir", `=IFERROR(IF(OR(TRIM(${cell})={${other.map(str).join(",")}}),${-Number(dflDir)},${dflDir}),${dflDir})`);
    },
    meets: () => define("Meets", threshold(4, d.staticMeets ?? null)),
    excellent: () => define("Excellent", threshold(5, d.staticExcellent ?? null)),
    target: () => {
      const meets = api.meets();
      return define("Target", `=IF(ISNA(${meets}),${api.excellent()},${meets})`);
    },
    gradeM: () => {
      const meets = api.meets();
      return define("GradeM", `=IF(ISNUMBER(${meets}),${api.dir()}*${meets},"")`);
    },
    gradeE: () => {
      const meets = api.meets();
      const excellent = api.excellent();
      return define("GradeE", `=IF(AND(ISNA(${meets}),ISNA(${excellent})),${NA},IF(ISNUMBER(${excellent}),${api.dir()}*${excellent},""))`);
    },
    red: () => {
      const dflt = m.redLine ? "1" : "0";
      if (width < 7) return define("Red", `=IF(${noRow},${dflt},0)`);
      // TRIM(TRUE) is "TRUE" in Excel and "1" in LibreOffice (TRUE is 1 there): both words are listed.
      // The words of the other value switch it; a blank cell or no row (an error) keeps the catalogue's.
      const cell = fieldOf(m, range, 7);
      const other = m.redLine ? [...RED_FALSE, "0"] : [...RED_TRUE, "1"];
      return define("Red", `=IFERROR(IF(OR(TRIM(${cell})={${other.map(str).join(",")}}),${1 - Number(dflt)},${dflt}),${dflt})`);
    },
  };
  return api;
}

/** reaches(b, value, threshold) of grading.ts. */
function reaches(access: BenchmarkAccess, value: string, threshold: string): string {
  if (access.staticLower !== undefined) return access.staticLower ? `${value}<=${threshold}` : `${value}>=${threshold}`;
  return `IF(${access.lower},${value}<=${threshold},${value}>=${threshold})`;
}

/** scoreAgainst of grading.ts, for a value that is a number ≥ 0 and a target that is set. */
function scoreText(access: BenchmarkAccess, value: string, target: string): string {
  // Compare before dividing: a tiny divisor would overflow to #NUM! where the core caps at 120.
  const higher = `IF(${target}=0,IF(${value}=0,100,120),IF(100*${value}>120*${target},120,100*${value}/${target}))`;
  const lower = `IF(${value}=0,120,IF(100*${target}>120*${value},120,100*${target}/${value}))`;
  if (access.staticLower !== undefined) return access.staticLower ? lower : higher;
  return `IF(${access.lower},${lower},${higher})`;
}

interface Chain {
  /** Terms that are 0 or an error, checked first and in order. */
  readonly prelude: string[];
  /** Then IF(condition, error, …) steps, or "propagate" steps (0 or an error). */
  readonly steps: ({ readonly when: string; readonly error: string } | { readonly propagate: string })[];
}

function build(chain: Chain, value: string): string {
  let acc = value;
  for (let i = chain.steps.length - 1; i >= 0; i--) {
    const s = chain.steps[i];
    acc = "when" in s ? (s.when === "1" ? s.error : `IF(${s.when},${s.error},${acc})`) : propagate([s.propagate], acc);
  }
  acc = propagate(chain.prelude, acc);
  return isAtomicText(acc) || /^[A-Za-z_][A-Za-z0-9_.]*$/.test(acc) ? acc : `IF(1,${acc})`;
}

/**
 * A number argument (GRADE's and KPISCORE's value, SCOREGRADE's score). The functions declare
 * it `any`, so Excel hands the cell over unconverted: an error in it is the result before the
 * function runs (`error`, in the prelude), and the core then refuses text ("0.9"), "",
 * TRUE/FALSE and a blank with #VALUE! in its own turn (`notNumber`, a step). One difference
 * stays, documented in README.md: Excel desktop hands an empty cell over as 0 (office-js#4702),
 * so there the function grades 0 where this formula, like Excel on the web, says #VALUE!.
 */
function numberArg(node: Node, param: string, ctx?: NativeContext): { value: string; error: string; notNumber: string } {
  const n = unwrap(node);
  if (n.type === "missing") throw unconvertible("empty", param);
  requireScalar(node, param, ctx);
  if (n.type === "number") return { value: num(n.value), error: "", notNumber: "" };
  const value = atom(node);
  return { value, error: scalarError(node), notNumber: `NOT(ISNUMBER(${value}))` };
}

/** The value's type check as a step (none for a number literal). */
function numberStep(arg: { notNumber: string }): Chain["steps"] {
  return arg.notNumber === "" ? [] : [{ when: arg.notNumber, error: VALUE }];
}

// ---------------------------------------------------------------- BENCHMARK, GRADE, KPISCORE, SCOREGRADE

function staticLevel(value: string | null): "meets" | "excellent" | undefined {
  const t = value === null || value === "" ? "meets" : value.trim().toLowerCase();
  return t === "meets" || t === "达标" ? "meets" : t === "excellent" || t === "优秀" ? "excellent" : undefined;
}

function dynamicLevel(text: string): { isMeets: string; isExcellent: string } {
  const t = `TRIM(${text})`;
  return { isMeets: `OR(${text}="",${t}="meets",${t}="达标")`, isExcellent: `OR(${t}="excellent",${t}="优秀")` };
}

/** A table narrower than its first five columns: the function's #VALUE! whatever the row. */
function narrowTable(source: Source): boolean {
  return referenceSize(source.range).columns < 5;
}

/**
 * The checks of a value argument (GRADE, KPISCORE) against a table: only for a literal (known
 * at conversion). A cell or an expression is used as it is (README: a blank, text or negative
 * value is not checked).
 */
function literalValueSteps(node: Node, value: { value: string; notNumber: string }): Chain["steps"] {
  const n = unwrap(node);
  if (n.type !== "number" && n.type !== "string" && n.type !== "bool") return [];
  return [...numberStep(value), { when: `${value.value}<0`, error: NUM }];
}

export function benchmarkNative(args: readonly Node[], ctx: NativeContext): string {
  if (args.length < 1 || args.length > 3) throw unconvertible("argumentCount", "BENCHMARK", 1, 3, args.length);
  const metric = resolveMetric(args[0], ctx);
  const level = choiceOf(args[1], "level", ctx);
  const source = resolveSource(args[2], ctx);
  const prelude = [metric.guard, level.kind === "dynamic" ? scalarError(args[1]) : ""];
  if ("error" in metric.value) return build({ prelude, steps: [] }, metric.value.error);
  const m = metric.value.metric;
  if (source !== null) {
    if (narrowTable(source)) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
    // The names give the threshold, or #N/A where it is not set (as the function does).
    const t = tableMetric(m, source, ctx);
    if (level.kind === "static") {
      const key = staticLevel(level.value);
      if (key === undefined) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
      return build({ prelude, steps: [] }, key === "meets" ? t.meets() : t.excellent());
    }
    const { isMeets, isExcellent } = dynamicLevel(level.text);
    return build({ prelude, steps: [{ when: `NOT(OR(${isMeets},${isExcellent}))`, error: VALUE }] }, `IF(${isExcellent},${t.excellent()},${t.meets()})`);
  }
  const access = defaultAccess(m);
  const steps: Chain["steps"] = [];
  let threshold: string;
  if (level.kind === "static") {
    const key = staticLevel(level.value);
    if (key === undefined) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
    threshold = key === "meets" ? access.meets : access.excellent;
  } else {
    const { isMeets, isExcellent } = dynamicLevel(level.text);
    steps.push({ when: `NOT(OR(${isMeets},${isExcellent}))`, error: VALUE });
    threshold = `IF(${isExcellent},${access.excellent},${access.meets})`;
  }
  if (threshold === '""') return build({ prelude, steps: [...steps, { when: "1", error: NA }] }, "0");
  if (/^-?\d/.test(threshold)) return build({ prelude, steps }, threshold);
  return build({ prelude, steps: [...steps, { when: `${threshold}=""`, error: NA }] }, threshold);
}

export function gradeNative(args: readonly Node[], ctx: NativeContext): string {
  if (args.length < 2 || args.length > 4) throw unconvertible("argumentCount", "GRADE", 2, 4, args.length);
  const metric = resolveMetric(args[0], ctx);
  const value = numberArg(args[1], "value", ctx);
  const source = resolveSource(args[2], ctx);
  const language = choiceOf(args[3], "language", ctx);
  const prelude = [metric.guard, value.error, language.kind === "dynamic" ? scalarError(args[3]) : ""];
  if ("error" in metric.value) return build({ prelude, steps: [] }, metric.value.error);
  const m = metric.value.metric;
  const steps: Chain["steps"] = [];
  if (language.kind === "static") {
    if (staticLanguage(language.value) === undefined) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
  } else {
    steps.push({ when: dynamicLanguage(language.text).invalid, error: VALUE });
  }
  const v = value.value;
  const labels = (level: "excellent" | "meets" | "below"): string =>
    labelText(language, { en: LEVEL_LABELS.en[level], zh: LEVEL_LABELS.zh[level] });
  if (source !== null) {
    // An error in the value shows through the comparison itself.
    prelude.splice(1, 1);
    if (narrowTable(source)) return build({ prelude, steps: [...steps, { when: "1", error: VALUE }] }, "0");
    // Dir × value against Dir × threshold: one comparison for either direction; a threshold
    // that is not set is "" (never reached: a number is never ≥ text); neither set is #N/A (GradeE).
    const t = tableMetric(m, source, ctx);
    const dir = t.dir();
    const signed = dir === "1" ? atom(args[1]) : `${dir}*${atom(args[1])}`;
    steps.push(...literalValueSteps(args[1], value));
    return build({ prelude, steps }, `IF(${signed}>=${t.gradeE()},${labels("excellent")},IF(${signed}>=${t.gradeM()},${labels("meets")},${labels("below")}))`);
  }
  steps.push(...numberStep(value), { when: `${value.value}<0`, error: NUM });
  const access = defaultAccess(m);
  if (access.staticMeets !== undefined) {
    // Defaults: the thresholds are known, so is which of them is set.
    const e = access.staticExcellent ?? null;
    const mt = access.staticMeets;
    if (e === null && mt === null) return build({ prelude, steps: [...steps, { when: "1", error: NA }] }, "0");
    const meetsPart = mt === null ? labels("below") : `IF(${reaches(access, v, num(mt))},${labels("meets")},${labels("below")})`;
    const label = e === null ? meetsPart : `IF(${reaches(access, v, num(e))},${labels("excellent")},${meetsPart})`;
    return build({ prelude, steps }, label);
  }
  throw new Error("unreachable: the defaults are static");
}

export function kpiScoreNative(args: readonly Node[], ctx: NativeContext): string {
  if (args.length < 2 || args.length > 3) throw unconvertible("argumentCount", "KPISCORE", 2, 3, args.length);
  const metric = resolveMetric(args[0], ctx);
  const value = numberArg(args[1], "value", ctx);
  const source = resolveSource(args[2], ctx);
  const prelude = [metric.guard, value.error];
  if ("error" in metric.value) return build({ prelude, steps: [] }, metric.value.error);
  const m = metric.value.metric;
  if (source !== null) {
    // An error in the value shows through the arithmetic itself.
    prelude.splice(1, 1);
    if (narrowTable(source)) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
    const t = tableMetric(m, source, ctx);
    return build({ prelude, steps: literalValueSteps(args[1], value) }, tableScore(t.dir(), t.target(), value.value));
  }
  const access = defaultAccess(m);
  const steps: Chain["steps"] = [...numberStep(value), { when: `${value.value}<0`, error: NUM }];
  if (access.target === '""') return build({ prelude, steps: [...steps, { when: "1", error: NA }] }, "0");
  return build({ prelude, steps }, scoreText(access, value.value, access.target));
}

/**
 * scoreAgainst of grading.ts against a table's target (a name: a number, or #N/A when not
 * set), for a value ≥ 0: higher is better 100·v/T (T = 0: 100 for 0, else the cap), lower is
 * better 100·T/v (v = 0: the cap), capped at 120.
 */
function tableScore(dir: string, target: string, v: string): string {
  if (dir === "1") return `MIN(120,IF(${target},100*${v}/${target},100+20*(${v}>0)))`;
  if (dir === "-1") return `MIN(120,IF(${v},100*${target}/${v},120+0*${target}))`;
  // 100·(v/T)^Dir is 100·v/T or 100·T/v; a zero divides by 0 (or overflows), and the fallback
  // gives the core's answer there: higher is better 100 for 0/0, else the cap; lower is better
  // the cap for a value of 0, else 0. An error in T (#N/A: not set) or v stays an error.
  return `MIN(120,IFERROR(100*(${v}/${target})^${dir},IF(${dir}>0,100+20*(${v}>0),120*(${v}=0))+0*${target}))`;
}

export function scoreGradeNative(args: readonly Node[], ctx?: NativeContext): string {
  if (args.length < 1 || args.length > 2) throw unconvertible("argumentCount", "SCOREGRADE", 1, 2, args.length);
  const score = numberArg(args[0], "score", ctx);
  const language = choiceOf(args[1], "language", ctx);
  const prelude = [score.error, language.kind === "dynamic" ? scalarError(args[1]) : ""];
  const steps: Chain["steps"] = [];
  if (language.kind === "static") {
    if (staticLanguage(language.value) === undefined) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
  } else {
    steps.push({ when: dynamicLanguage(language.text).invalid, error: VALUE });
  }
  const s = score.value;
  steps.push(...numberStep(score), { when: `OR(${s}<0,${s}>120)`, error: NUM });
  const band = (b: "excellent" | "good" | "pass" | "fail"): string => labelText(language, { en: BAND_LABELS.en[b], zh: BAND_LABELS.zh[b] });
  return build({ prelude, steps }, `IF(${s}>=90,${band("excellent")},IF(${s}>=80,${band("good")},IF(${s}>=60,${band("pass")},${band("fail")})))`);
}

// ---------------------------------------------------------------- SCORE

/** The cells of a same-shaped argument of SCORE, in reading order, as texts (references or constants). */
function cellsOfArg(node: Node, param: string, ctx: NativeContext): { rows: number; columns: number; cells: string[]; constants?: Constant[] } {
  const n = unwrap(node);
  if (n.type === "ref" || n.type === "structured") {
    // A table reference is expanded into the cells it stands for only when it is the formula's
    // own row of the table ([@…]): the cells of that row are what it names in this cell for good,
    // where a column would gain rows the expansion would not have.
    if (n.type === "structured" && !isThisRow(n.text)) throw unconvertible("structuredRows", param, n.text);
    const ref = cellsRefOf(node, ctx, param) as Reference;
    const { rows, columns } = referenceSize(ref);
    if (rows * columns > 64) throw unconvertible("moreThan64", param);
    const cells: string[] = [];
    const own = ref.sheet === undefined || ref.sheet === ctx.sheet ? { ...ref, sheet: undefined } : ref;
    for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) cells.push(printReference(cellOf(own, r, c)));
    return { rows, columns, cells };
  }
  if (n.type === "array") {
    const constants: Constant[] = [];
    const cells: string[] = [];
    for (const row of n.rows)
      for (const item of row) {
        if (item.type === "error") throw unconvertible("errorConstant", param);
        const c: Constant = item.type === "number" ? item.value : item.type === "string" ? item.value : item.type === "bool" ? item.value : null;
        constants.push(c);
        cells.push(item.type === "bool" ? (item.value ? "TRUE()" : "FALSE()") : print(item));
      }
    return { rows: n.rows.length, columns: n.rows[0].length, cells, constants };
  }
  if (n.type === "number" || n.type === "string" || n.type === "bool") {
    const c: Constant = n.type === "number" ? n.value : n.type === "string" ? n.value : n.value;
    return { rows: 1, columns: 1, cells: [n.type === "bool" ? (n.value ? "TRUE()" : "FALSE()") : print(n)], constants: [c] };
  }
  throw unconvertible("notExpandable", param);
}

/**
 * SCORE(metrics, values, weights, [benchmarks]) expanded cell by cell. The metric ids must
 * be known at conversion (an array constant, or cells holding constants, guarded: if they
 * change the native formula shows #N/A and asks for a new conversion).
 */
export function scoreNative(args: readonly Node[], ctx: NativeContext): string {
  if (args.length < 3 || args.length > 4) throw unconvertible("argumentCount", "SCORE", 3, 4, args.length);
  const metricsArg = cellsOfArg(args[0], "metrics", ctx);
  const values = cellsOfArg(args[1], "values", ctx);
  const weights = cellsOfArg(args[2], "weights", ctx);
  const source = resolveSource(args[3], ctx);

  // The ids, as they are now.
  let ids: Constant[];
  let guard = "";
  // Metric ids typed in the table's own row are guarded through the cells they stand for.
  const mref = cellsRefOf(args[0], ctx, "metrics");
  if (metricsArg.constants !== undefined) ids = metricsArg.constants;
  else {
    ids = [];
    const mr = mref as Reference;
    for (let r = 0; r < metricsArg.rows; r++)
      for (let c = 0; c < metricsArg.columns; c++) {
        const v = ctx.constantAt(cellOf(mr, r, c));
        if (v === undefined) throw unconvertible("computedScoreMetrics");
        ids.push(v);
      }
    guard = idsGuard(structuredOf(args[0]) ?? printReference(mr), ids, metricsArg.columns);
  }

  const sameShape = (a: { rows: number; columns: number }) => a.rows === metricsArg.rows && a.columns === metricsArg.columns;
  if (source !== null) return tableScoreNative(ids, values, weights, args, guard, source, ctx, sameShape(values) && sameShape(weights));
  const prelude = [guard, ...[args[0], args[1], args[2]].filter(isReference).map((a) => errorsOf(atom(a)))];
  if (!sameShape(values) || !sameShape(weights)) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
  const steps: Chain["steps"] = [];

  const checks: string[] = [];
  const weighted: string[] = [];
  const totals: string[] = [];
  const vetoes: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === null || id === "") continue; // blank metric cells are skipped
    if (typeof id !== "string" || id.trim() === "") {
      checks.push(VALUE);
      break;
    }
    const m = findMetric(id);
    if (m === undefined) {
      checks.push(NA);
      break;
    }
    const access = defaultAccess(m);
    const v = values.cells[i];
    const w = weights.cells[i];
    const target = access.target;
    // In the core's order for one cell: its benchmark row, its value, its weight, its target.
    const cellChecks = [
      access.invalid === "" ? "" : `IF(${access.invalid},${VALUE},0)`,
      `IF(ISNUMBER(${v}),IF(${v}<0,${NUM},0),${VALUE})`,
      `IF(ISNUMBER(${w}),IF(${w}<0,${NUM},0),IF(${w}="",0,${VALUE}))`,
      target === '""' ? NA : /^-?\d/.test(target) ? "" : `IF(${target}="",${NA},0)`,
    ];
    checks.push(cellChecks.filter((c) => c !== "").join("+"));
    if (target === '""') break; // this cell always fails; nothing after it matters
    const weight = `N(${w})`;
    weighted.push(`${weight}*${scoreText(access, v, target)}`);
    totals.push(weight);
    if (access.redLine !== "0") {
      const below = access.staticLower !== undefined ? (access.staticLower ? `${v}>${target}` : `${v}<${target}`) : `IF(${access.lower},${v}>${target},${v}<${target})`;
      // --(…): a lone TRUE compared with 0 would be "greater" in Excel, whatever its meaning.
      vetoes.push(access.redLine === "1" ? `--(${below})` : `${access.redLine}*(${below})`);
    }
  }
  if (checks.length > 0) steps.push({ propagate: checks.join("+") });
  const total = totals.length === 0 ? "0" : totals.join("+");
  steps.push({ when: `${total}=0`, error: DIV0 });
  const composite = `MIN(120,(${weighted.join("+")})/(${total}))`;
  const result = vetoes.length === 0 ? composite : `IF(${vetoes.join("+")}>0,0,${composite})`;
  return build({ prelude, steps }, totals.length === 0 ? "0" : result);
}

/**
 * SCORE against a table: Σ N(wᵢ)·scoreᵢ / Σ N(wᵢ), each score as KPISCORE's (tableScore), and
 * the red-line veto; an error value in the values or weights shows first, and a value that is
 * not a number (blank, text) is #VALUE!, as in the function. Weights are read with N() (README:
 * a text or negative weight is not checked, nor a negative value).
 */
function tableScoreNative(
  ids: readonly Constant[],
  values: { cells: string[] },
  weights: { cells: string[] },
  args: readonly Node[],
  guard: string,
  source: Source,
  ctx: NativeContext,
  sameShape: boolean
): string {
  const prelude = [guard, ...[args[1], args[2]].filter(isReference).map((a) => `0*SUM(${atom(a)})`)];
  if (!sameShape || narrowTable(source)) return build({ prelude, steps: [{ when: "1", error: VALUE }] }, "0");
  const short = scoreOverScoreCells(ids, args, guard, source, ctx);
  if (short !== undefined) return short;
  const weighted: string[] = [];
  const totals: string[] = [];
  const vetoes: string[] = [];
  const scored: string[] = [];
  const earlier: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === null || id === "") continue; // blank metric cells are skipped
    // A bad id is that error, once the cells before it are through (their value, their target).
    if (typeof id !== "string" || id.trim() === "") return build({ prelude: [...prelude, ...earlier], steps: [] }, VALUE);
    const m = findMetric(id);
    if (m === undefined) return build({ prelude: [...prelude, ...earlier], steps: [] }, NA);
    const t = tableMetric(m, source, ctx);
    const v = values.cells[i];
    const w = weights.cells[i];
    const dir = t.dir();
    const target = t.target();
    earlier.push(`IF(ISNUMBER(${v}),0*${target},${VALUE})`);
    scored.push(v);
    weighted.push(`N(${w})*${tableScore(dir, target, v)}`);
    totals.push(`N(${w})`);
    if (m.redLine || referenceSize(source.range).columns >= 7) {
      const below = dir === "1" ? `${v}<${target}` : dir === "-1" ? `${v}>${target}` : `(${v}-${target})*${dir}<0`;
      vetoes.push(`${t.red()}*(${below})`);
    }
  }
  if (totals.length === 0) return build({ prelude, steps: [{ when: "1", error: DIV0 }] }, "0");
  const valueRef = cellsRefOf(args[1], ctx, "values");
  const count = valueRef !== undefined && scored.length === referenceSize(valueRef).rows * referenceSize(valueRef).columns ? atom(args[1]) : scored.join(",");
  const steps: Chain["steps"] = [{ when: `COUNT(${count})<${scored.length}`, error: VALUE }];
  const composite = `MIN(120,(${weighted.join("+")})/(${totals.join("+")}))`;
  return build({ prelude, steps }, vetoes.length === 0 ? composite : `IF(${vetoes.join("+")}>0,0,1)*${composite}`);
}

/**
 * SCORE on a sheet that already shows each metric's KPISCORE (the scorecard template does): the
 * formula an analyst writes, reading those cells (issue 13: about 200 characters instead of
 * 3,000). For valid inputs it is the long form's value: each KPI score cell is
 * KPISCORE(idᵢ, vᵢ, benchmarks), the same tableScore the long form repeats; the weighted mean is
 * SUMPRODUCT(weights, scores) / SUM(weights) (a text or TRUE weight counts as 0 in both sums); a
 * value that is not a number is #VALUE! (COUNT), as in the function. The red-line veto reads the
 * scores too: a red-line metric below its target scores under 100 (higher is better 100·v/T,
 * lower 100·T/v), through one workbook name holding the red-line flags as the bits of a number,
 * <prefix>RedLines.<hash> = Red₁·1 + Red₂·2 + Red₃·4 + …, read back in the cell with
 * MOD(INT(flags/{1,2,4,…}),2); the ids guard (ids typed in cells) is the name <prefix>Ids.<hash>. README "Per function", SCORE, says where it differs (a value within
 * a rounding error of its target).
 *
 * Undefined (the long form is used) unless: every id is a known metric (no blank id), the
 * values are a range on this sheet, and each value cell has its KPISCORE cell with the same
 * benchmarks argument, laid out like the values (a row for a row).
 */
function scoreOverScoreCells(ids: readonly Constant[], args: readonly Node[], guard: string, source: Source, ctx: NativeContext): string | undefined {
  if (ctx.scoreCell === undefined) return undefined;
  const valuesRef = cellsRefOf(args[1], ctx, "values");
  if (valuesRef === undefined || (valuesRef.sheet !== undefined && valuesRef.sheet !== ctx.sheet)) return undefined;
  const { rows, columns } = referenceSize(valuesRef);
  const metrics: Metric[] = [];
  for (const id of ids) {
    const m = typeof id === "string" ? findMetric(id) : undefined;
    if (m === undefined) return undefined;
    metrics.push(m);
  }
  const benchmarks = print(args[3]);
  let first: { row: number; column: number } | undefined;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      const cell = ctx.scoreCell(metrics[r * columns + c].id, cellOf(valuesRef, r, c), benchmarks);
      if (cell === undefined) return undefined;
      const at = { row: cell.start.row ?? 0, column: cell.start.column ?? 0 };
      if (first === undefined) first = at;
      else if (at.row !== first.row + r || at.column !== first.column + c) return undefined;
    }
  if (first === undefined) return undefined;
  const scores = printReference({
    start: { row: first.row, column: first.column, absRow: false, absColumn: false },
    end: rows * columns === 1 ? undefined : { row: first.row + rows - 1, column: first.column + columns - 1, absRow: false, absColumn: false },
  });

  const key = hash(`${ctx.sheet}|${metrics.map((m) => m.id).join(",")}|${rows}x${columns}|${source.prefix}`);
  const prelude = [args[1], args[2]].map((a) => (isReference(a) ? `0*SUM(${atom(a)})` : ""));
  if (guard !== "") {
    // The guard reads the id cells: in a name they need the sheet (they are absolute, or the long form is used).
    const idsRef = refOf(args[0]);
    if (idsRef === undefined || !absoluteRef(idsRef)) return undefined;
    const name = `${source.prefix}Ids.${key}`;
    ctx.defineName(name, `=${idsGuard(printReference({ ...idsRef, sheet: idsRef.sheet ?? ctx.sheet }), ids, columns)}`);
    prelude.unshift(name);
  }
  const width = referenceSize(source.range).columns;
  // The red-line flags as one number, bit i for the i-th metric (a scalar name: HyperFormula,
  // the preview's engine, sizes an array-valued name before the names it reads have values, and
  // keeps only its first element). 30 metrics at most, so every bit is exact in a double.
  if (metrics.length > 30) return undefined;
  const flags: string[] = [];
  metrics.forEach((m, i) => {
    if (m.redLine || width >= 7) flags.push(i === 0 ? tableMetric(m, source, ctx).red() : `${tableMetric(m, source, ctx).red()}*${2 ** i}`);
  });
  const weights = atom(args[2]);
  const mean = `MIN(120,SUMPRODUCT(${weights},${scores})/SUM(${weights}))`;
  let body = mean;
  if (flags.length > 0) {
    const red = `${source.prefix}RedLines.${key}`;
    ctx.defineName(red, `=${flags.join("+")}`);
    const bits = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => 2 ** (r * columns + c)).join(",")).join(";");
    body = `IF(SUMPRODUCT(MOD(INT(${red}/{${bits}}),2)*(${scores}<100)),0,1)*${mean}`;
  }
  return build({ prelude, steps: [{ when: `COUNT(${atom(args[1])})<${metrics.length}`, error: VALUE }] }, body);
}

/** 0 while the id cells hold the ids they held at conversion, else #N/A (convert again). */
function idsGuard(ref: string, ids: readonly Constant[], columns: number): string {
  return `IF(SUMPRODUCT(--(${ref}={${arrayRows(ids, columns)}}))=${ids.length},0,${NA})`;
}

function absoluteRef(ref: Reference): boolean {
  const end = ref.end ?? ref.start;
  return ref.start.absRow && ref.start.absColumn && end.absRow && end.absColumn;
}

function arrayRows(items: readonly Constant[], columns: number): string {
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += columns) rows.push(items.slice(i, i + columns).map((c) => (c === null ? '""' : constantText(c))).join(","));
  return rows.join(";");
}

// ---------------------------------------------------------------- spilled functions

/** One output cell of a spilled function: its offset from the anchor and its native formula (or constant). */
export interface SpillCell {
  readonly row: number;
  readonly column: number;
  readonly content: string | number;
}

/** 0, or the error of one balance / rate as portfolio.ts's cellAmount sees it (blank 0, text #VALUE!, negative #NUM!). */
function amountCheck(cell: string): string {
  return `IF(ISNUMBER(${cell}),IF(${cell}<0,${NUM},0),IF(${cell}="",0,${VALUE}))`;
}

function explicitRange(node: Node | undefined, fn: string): Reference {
  const ref = node === undefined ? undefined : refOf(node);
  if (ref === undefined) throw unconvertible("needsRange", fn);
  const s = referenceSize(ref);
  if (s.rows * s.columns > 10000) throw unconvertible("tooManyCells", fn);
  return ref;
}

/** ROLLRATES(balances): one formula per output cell, (months−1) × (buckets−1). */
export function rollRatesNative(args: readonly Node[]): SpillCell[] {
  if (args.length !== 1) throw unconvertible("argumentCount", "ROLLRATES", 1, 1, args.length);
  const ref = explicitRange(args[0], "ROLLRATES");
  const all = printReference(ref);
  const { rows, columns } = referenceSize(ref);
  if (rows < 2 || columns < 2) return [{ row: 0, column: 0, content: `=IF(${errorsOf(all)},0,${VALUE})` }];
  const out: SpillCell[] = [];
  for (let t = 0; t < rows - 1; t++)
    for (let n = 0; n < columns - 1; n++) {
      const prior = printReference(cellOf(ref, t, n));
      const next = printReference(cellOf(ref, t + 1, n + 1));
      out.push({
        row: t,
        column: n,
        content: `=IF(${errorsOf(all)}+${amountCheck(next)}+${amountCheck(prior)},0,IF(N(${prior})=0,${DIV0},N(${next})/N(${prior})))`,
      });
    }
  return out;
}

/**
 * LOSSFACTORS(roll_rates): factor i = r_i × … × r_k, one formula per output cell, in the input's
 * orientation. The rates of factor i are one contiguous range (r_i … r_k), so its checks are
 * range-wide (issue 13: at most about 200 characters for six rates instead of 446): an error
 * value anywhere in the input, then a cell that is neither a number nor blank (#VALUE!), then a
 * negative rate (#NUM!). The function checks cell by cell from the end, so with a text cell and
 * a negative one in the same range it may say #NUM! where this says #VALUE! (README, rule 3).
 */
export function lossFactorsNative(args: readonly Node[]): SpillCell[] {
  if (args.length !== 1) throw unconvertible("argumentCount", "LOSSFACTORS", 1, 1, args.length);
  const ref = explicitRange(args[0], "LOSSFACTORS");
  const all = printReference(ref);
  const { rows, columns } = referenceSize(ref);
  if (rows !== 1 && columns !== 1) return [{ row: 0, column: 0, content: `=IF(${errorsOf(all)},0,${VALUE})` }];
  const isRow = rows === 1;
  const k = isRow ? columns : rows;
  const at = (i: number): Reference => (isRow ? cellOf(ref, 0, i) : cellOf(ref, i, 0));
  const out: SpillCell[] = [];
  for (let i = 0; i < k; i++) {
    const tail = i === k - 1 ? printReference(at(i)) : printReference({ sheet: ref.sheet, start: at(i).start, end: at(k - 1).start });
    const product = Array.from({ length: k - i }, (_, j) => `N(${printReference(at(k - 1 - j))})`).join("*");
    out.push({
      row: isRow ? 0 : i,
      column: isRow ? i : 0,
      content: `=IF(${errorsOf(all)},0,IF(SUMPRODUCT(NOT(ISNUMBER(${tail}))*(${tail}<>"")),${VALUE},IF(COUNTIF(${tail},"<0"),${NUM},${product})))`,
    });
  }
  return out;
}

/** VINTAGE's pooled argument as written: false/true, "bad" for a literal that is neither, undefined when it is computed. */
export function staticPooled(node: Node | undefined): boolean | "bad" | undefined {
  if (isMissing(node)) return false;
  const n = unwrap(node as Node);
  if (n.type === "bool") return n.value;
  if (n.type === "number") return n.value === 0 ? false : n.value === 1 ? true : "bad";
  if (n.type === "string") return n.value === "" ? false : "bad";
  if (n.type === "call" && n.args.length === 0 && /^(TRUE|FALSE)$/i.test(n.name)) return n.name.toUpperCase() === "TRUE";
  return undefined;
}

/** A range of one row of a reference, columns c1…c2 (0-based, inclusive). */
function rowPart(ref: Reference, r: number, c1: number, c2: number): string {
  const a = cellOf(ref, r, c1);
  return c1 === c2 ? printReference(a) : printReference({ sheet: ref.sheet, start: a.start, end: cellOf(ref, r, c2).start });
}

/** A block of a reference, all rows, columns 0…c (0-based, inclusive). */
function leftPart(ref: Reference, rows: number, c: number): string {
  return printReference({ sheet: ref.sheet, start: cellOf(ref, 0, 0).start, end: cellOf(ref, rows - 1, c).start });
}

/** 0, or the error of months_observed of one cohort: text #VALUE!, negative or not whole #NUM!. */
function observedCheck(cell: string): string {
  return `IF(COUNT(${cell}),IF(MOD(${cell},1)+(${cell}<0),${NUM},0),IF(${cell}="",0,${VALUE}))`;
}

/** 0, or the error of the amounts of a range: text #VALUE!, then a negative #NUM! (LOSSFACTORS' range-wide checks). */
function amountsCheck(range: string): string {
  return `IF(SUMPRODUCT(NOT(ISNUMBER(${range}))*(${range}<>"")),${VALUE},IF(COUNTIF(${range},"<0"),${NUM},0))`;
}

/** How many cells of a range (with no error value) hold text or TRUE/FALSE: neither a number nor blank / "". */
function notAmounts(range: string): string {
  return `(${range}<>"")-ISNUMBER(${range})`;
}

/**
 * One cohort's month: `placed` p checked (an error value, text #VALUE!, negative #NUM!), then its
 * recovered months so far (text #VALUE!, then a negative #NUM!), then Σ months / p (#DIV/0! for a
 * blank, "" or 0 p, by the division itself). The error value of a month is checked before (the name).
 */
function cohortValue(p: string, sums: string): string {
  return `IF(COUNT(${p})+(${p}=""),IF(N(${p})<0,${NUM},IF(SUMPRODUCT(${notAmounts(sums)}),${VALUE},IF(COUNTIF(${sums},"<0"),${NUM},SUM(${sums})/N(${p})))),${VALUE})`;
}

/**
 * VINTAGE(placed, recovered, [months_observed], [pooled]): one formula per output cell.
 * Cohort i, month k: "" when the cohort has not reached it (k ≥ months_observed, or nothing but
 * blanks and zeros from month k on), else its checks, then SUM(recovered i, months 1…k) / placed i.
 * Pooled, with months_observed: SUMPRODUCT over the cohorts with months_observed > k; without it,
 * one term per cohort. An error value in a cell the formula reads shows itself, as in the cell.
 *
 * The checks that are the same in every output cell are one workbook name per call (README,
 * "Length"), so that no cell repeats them: CollectKPI.Err.<hash> is 0 or the error every cell
 * shows (the first error value in recovered; pooled: in placed, recovered and months_observed, then
 * months_observed's text #VALUE! and negative or fractional #NUM!). Its references are absolute
 * and carry the sheet; it is a number, never an array (HyperFormula keeps only the first element of
 * an array-valued name read before its inputs have values). The per-cohort checks stay in the cell.
 */
export function vintageNative(args: readonly Node[], ctx?: NativeContext): SpillCell[] {
  if (args.length < 2 || args.length > 4) throw unconvertible("argumentCount", "VINTAGE", 2, 4, args.length);
  const pooled = staticPooled(args[3]);
  // The size of the result depends on pooled: one row or the whole block.
  if (pooled === undefined) throw unconvertible("spillSizeUnknown");
  const placed = explicitRange(args[0], "VINTAGE");
  const recovered = explicitRange(args[1], "VINTAGE");
  const observed = isMissing(args[2]) ? undefined : explicitRange(args[2], "VINTAGE");
  const { rows: n, columns: m } = referenceSize(recovered);
  const all = [placed, recovered, ...(observed ? [observed] : [])].map((r) => errorsOf(printReference(r))).join("+");
  const oneColumn = (ref: Reference): boolean => {
    const s = referenceSize(ref);
    return s.columns === 1 && s.rows === n;
  };
  if (pooled === "bad" || !oneColumn(placed) || (observed !== undefined && !oneColumn(observed))) {
    return [{ row: 0, column: 0, content: `=IF(${all},0,${VALUE})` }];
  }
  /** The absolute, sheet-qualified text of an argument, for a name. */
  const fixed = (ref: Reference): string => printReference(normalize({ ...ref, sheet: ref.sheet ?? ctx?.sheet }));
  /** A workbook name CollectKPI.Err.<hash> for `formula` ("=…"); the text itself without a context. */
  const named = (formula: string): string => {
    if (ctx === undefined) return formula.slice(1);
    const name = `${NATIVE_NAME_PREFIX}Err.${hash(formula)}`;
    ctx.defineName(name, formula);
    return name;
  };
  const p = (i: number): string => printReference(cellOf(placed, i, 0));
  const o = (i: number): string => printReference(cellOf(observed as Reference, i, 0));
  /** Cohort i has not reached month k+1. */
  const notReached = (i: number, k: number): string => {
    if (observed !== undefined) return `${k + 1}>N(${o(i)})`;
    const tail = rowPart(recovered, i, k, m - 1);
    return `SUMPRODUCT((${tail}<>0)*(${tail}<>""))=0`;
  };
  const out: SpillCell[] = [];
  if (!pooled) {
    // An error value in recovered is the function's whole result, as in ROLLRATES; one in the
    // cohort's own placed or months_observed shows through its checks.
    const errors = named(`=${errorsOf(fixed(recovered))}`);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < m; k++) {
        const body = `IF(${notReached(i, k)},"",${cohortValue(p(i), rowPart(recovered, i, 0, k))})`;
        out.push({ row: i, column: k, content: `=IF(${errors}${observed !== undefined ? `+${observedCheck(o(i))}` : ""},0,${body})` });
      }
    return out;
  }
  if (observed !== undefined) {
    // Two names, each within 300 characters: the error values of the three arguments, then the
    // checks of months_observed (after them), which the cells read.
    const inputs = named(`=${[placed, recovered, observed].map((r) => errorsOf(fixed(r))).join("+")}`);
    const f = fixed(observed);
    const checks = named(
      `=${inputs}+IF(SUMPRODUCT(NOT(ISNUMBER(${f}))*(${f}<>"")),${VALUE},IF(SUMPRODUCT(ISNUMBER(${f})*((${f}<0)+(${f}<>INT(${f})))),${NUM},0))`
    );
    const obs = printReference(observed);
    const pl = printReference(placed);
    for (let k = 0; k < m; k++) {
      const block = leftPart(recovered, n, k);
      const on = `(${obs}>${k})`;
      // SUMIF leaves out the placed amounts of cohorts that have not reached month k+1, text included;
      // SUMPRODUCT(weights, block) reads text (a month a cohort has not reached) and "" as 0, so a zero
      // sum of placed is the division's own #DIV/0!.
      const value = `SUMPRODUCT(${on}*(${block}>0),${block})/SUMIF(${obs},">${k}",${pl})`;
      const body = `IF(SUMPRODUCT(${on}*(${notAmounts(pl)}+${notAmounts(block)})),${VALUE},IF(SUMPRODUCT(${on}*((${pl}<0)+(${block}<0))),${NUM},${value}))`;
      // `checks` is 0 or the error of the whole call; then a month no cohort has reached is "".
      out.push({ row: 0, column: k, content: `=IF(${checks}+COUNTIF(${obs},">${k}"),${body},"")` });
    }
    return out;
  }
  for (let k = 0; k < m; k++) {
    // Without months_observed: one term per cohort, each counted only when it reached month k+1.
    const reached = Array.from({ length: n }, (_, i) => {
      const tail = rowPart(recovered, i, k, m - 1);
      return `(SUMPRODUCT((${tail}<>0)*(${tail}<>""))>0)*1`;
    });
    const checks = reached.map((r, i) => `IF(${r},${amountCheck(p(i))}+${amountsCheck(rowPart(recovered, i, 0, k))},0)`);
    const top = reached.map((r, i) => `${r}*SUM(${rowPart(recovered, i, 0, k)})`).join("+");
    const bottom = reached.map((r, i) => `${r}*N(${p(i)})`).join("+");
    out.push({
      row: 0,
      column: k,
      content: `=IF(${all},0,IF(${reached.join("+")}=0,"",IF(${checks.join("+")},0,IF(${bottom}=0,${DIV0},(${top})/(${bottom})))))`,
    });
  }
  return out;
}

/** METRICS([language]): the catalogue table is fixed, so its cells are written as constants. */
export function metricsNative(args: readonly Node[]): SpillCell[] {
  if (args.length > 1) throw unconvertible("argumentCount", "METRICS", 0, 1, args.length);
  const choice = choiceOf(args[0], "language");
  if (choice.kind !== "static") throw unconvertible("languageFromCell");
  const lang = staticLanguage(choice.value);
  if (lang === undefined) return [{ row: 0, column: 0, content: `=${VALUE}` }];
  const table = metricsTable(lang);
  const out: SpillCell[] = [];
  table.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === "") return;
      out.push({ row: r, column: c, content: typeof v === "number" ? v : /^[=+\-@']/.test(v) ? `'${v}` : v });
    })
  );
  return out;
}

// ---------------------------------------------------------------- registry

export type ScalarGenerator = (args: readonly Node[], ctx: NativeContext) => string;
export type SpillGenerator = (args: readonly Node[], ctx: NativeContext) => SpillCell[];

/** The native equivalent of every COLLECT function, keyed by function name (without the namespace). */
export const NATIVE: Readonly<Record<string, { readonly scalar?: ScalarGenerator; readonly spill?: SpillGenerator; readonly unsupported?: Reason }>> = {
  ...Object.fromEntries(
    CATALOGUE.filter((m) => m.fn !== undefined).map((m) => [m.fn as string, { scalar: (args: readonly Node[]) => kpiNative(m, args) }])
  ),
  BENCHMARK: { scalar: benchmarkNative },
  GRADE: { scalar: gradeNative },
  KPISCORE: { scalar: kpiScoreNative },
  SCORE: { scalar: scoreNative },
  SCOREGRADE: { scalar: (args, ctx) => scoreGradeNative(args, ctx) },
  ROLLRATES: { spill: (args) => rollRatesNative(args) },
  LOSSFACTORS: { spill: (args) => lossFactorsNative(args) },
  VINTAGE: { spill: (args, ctx) => vintageNative(args, ctx) },
  METRICS: { spill: (args) => metricsNative(args) },
  CONTACTBREACHES: {
    unsupported: reason("contactBreaches"),
  },
};

export { quoteSheet };

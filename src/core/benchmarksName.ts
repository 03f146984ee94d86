/**
 * The workbook name every template grades through, and the formula it holds.
 *
 * CollectBenchmarks is not a plain range: it is `=IF(body="","",body)` over the Benchmarks
 * table body. Excel desktop hands an empty cell inside a range argument to a custom function
 * as 0, Excel on the web as null (OfficeDev/office-js#4702, #5262, #1951), so a plain range
 * would make a blank threshold ("not set") read as a threshold of 0 on desktop: a wrong grade,
 * silently. Through the name, an empty cell reaches the functions as "" on every host, while a
 * typed 0 stays 0 (a valid threshold). `body=""` is TRUE only for an empty cell or "" text.
 *
 * Every reader of the name (the task pane's writer, Make portable) finds the body with
 * `benchmarksBody`, which also accepts the plain range of workbooks made before this change.
 */

export const BENCHMARKS_NAME = "CollectBenchmarks";

/** A sheet-qualified A1 reference: Benchmarks!$A$5:$H$27, 'My bench'!$A$5:$H$27. */
const REF = String.raw`(?:'(?:[^']|'')+'|[^\s!'"(),=&+\-*/^<>;:{}]+)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?`;
const PLAIN = new RegExp(String.raw`^=\s*(${REF})\s*$`);
const WRAPPED = new RegExp(String.raw`^=\s*IF\(\s*(${REF})\s*=\s*""\s*,\s*""\s*,\s*(${REF})\s*\)\s*$`, "i");

/** The formula CollectBenchmarks holds for a body reference: =IF(ref="","",ref). */
export function benchmarksNameFormula(bodyRef: string): string {
  return `=IF(${bodyRef}="","",${bodyRef})`;
}

export interface BenchmarksBody {
  /** The body's sheet-qualified reference, as the formula writes it. */
  readonly ref: string;
  /** True for the =IF(ref="","",ref) form; false for a plain range (a workbook made before it). */
  readonly blanksAsEmpty: boolean;
}

/**
 * The body a CollectBenchmarks formula refers to, or undefined when the name holds anything
 * else (a constant, a formula the user wrote, #REF! after the sheet was deleted).
 */
export function benchmarksBody(formula: unknown): BenchmarksBody | undefined {
  if (typeof formula !== "string") return undefined;
  const plain = PLAIN.exec(formula);
  if (plain !== null) return { ref: plain[1], blanksAsEmpty: false };
  const wrapped = WRAPPED.exec(formula);
  if (wrapped !== null && sameRef(wrapped[1], wrapped[2])) return { ref: wrapped[1], blanksAsEmpty: true };
  return undefined;
}

/** Excel writes both references the same way; compare without case or $ so a hand-edited one still counts. */
function sameRef(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\$/g, "").toLowerCase();
  return norm(a) === norm(b);
}

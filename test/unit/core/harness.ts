/**
 * Runs one case table through both paths a formula takes: the core (MetricError out) and
 * src/functions/functions.ts with a fake CustomFunctions runtime (CustomFunctions.Error out).
 * A case is `[FUNCTION, arguments, expected]`, in the style of formula.js / HyperFormula
 * case tables; the expected value is worked out by hand in the test file, never copied
 * from output.
 */
import "../../helpers/customFunctions";
import { readFileSync } from "fs";
import { resolve } from "path";
import {
  MetricError,
  benchmarkOf,
  computeKpi,
  contactBreaches,
  contactRules,
  grade,
  kpiScore,
  lossFactors,
  metricOfFunction,
  metricsTable,
  parseLanguage,
  rollRates,
  score,
  scoreGrade,
  vintage,
  type Grid,
} from "../../../src/core";
import * as F from "../../../src/functions/functions";
import { isExcelError } from "../../helpers/customFunctions";

export const V = "#VALUE!";
export const NUM = "#NUM!";
export const DIV = "#DIV/0!";
export const NA = "#N/A";
export type Code = typeof V | typeof NUM | typeof DIV | typeof NA;

/** An expected error: its code, and words its message must contain (parameter names, the fix). */
export interface Err {
  readonly error: Code;
  readonly mentions: readonly string[];
}
export const err = (error: Code, ...mentions: string[]): Err => ({ error, mentions });

export type Expected = number | string | Err | readonly (readonly (number | string | Err)[])[];
export type Case = readonly [fn: string, args: readonly unknown[], expected: Expected];

/** A column range {a; b; c} as Excel hands it over. */
export const col = (...values: unknown[]): unknown[][] => values.map((v) => [v]);
/** A row range {a, b, c}. */
export const row = (...values: unknown[]): unknown[][] => [values];
/** One cell, as Excel hands a single cell to a matrix parameter. */
export const cell = (value: unknown): unknown[][] => [[value]];

// ---------------------------------------------------------------------------------------
// The two paths

const CODE_TEXT: Record<string, Code> = { invalidValue: V, invalidNumber: NUM, divisionByZero: DIV, notAvailable: NA };

/** The core function behind each COLLECT name. */
export function callCore(fn: string, args: readonly unknown[]): unknown {
  const a = args as any[];
  switch (fn) {
    case "ROLLRATES":
      return rollRates(a[0] as Grid);
    case "LOSSFACTORS":
      return lossFactors(a[0] as Grid);
    case "VINTAGE":
      return vintage(a[0] as Grid, a[1] as Grid, a[2] as Grid | undefined, a[3]);
    case "CONTACTBREACHES":
      return contactBreaches(a[0], a[1], contactRules(a[2], a[3], a[4]));
    case "BENCHMARK":
      return benchmarkOf(a[0], a[1], a[2]);
    case "GRADE":
      return grade(a[0], a[1], a[2], a[3]);
    case "KPISCORE":
      return kpiScore(a[0], a[1], a[2]);
    case "SCORE":
      return score(a[0], a[1], a[2], a[3]);
    case "SCOREGRADE":
      return scoreGrade(a[0], a[1]);
    case "METRICS":
      return metricsTable(parseLanguage(a[0]));
    default:
      return computeKpi(metricOfFunction(fn), a);
  }
}

/**
 * functions.ts exports by COLLECT name, read from its JSDoc (`@customfunction NAME` above
 * `export function name(`), the same tags the metadata plugin reads.
 */
export const EXCEL_FUNCTIONS: ReadonlyMap<string, (...args: any[]) => unknown> = (() => {
  const source = readFileSync(resolve(__dirname, "../../../src/functions/functions.ts"), "utf8");
  const out = new Map<string, (...args: any[]) => unknown>();
  const exports = F as unknown as Record<string, (...args: any[]) => unknown>;
  for (const m of source.matchAll(/@customfunction\s+(\w+)[\s\S]*?export function (\w+)\s*\(/g)) {
    const fn = exports[m[2]];
    if (typeof fn !== "function") throw new Error(`functions.ts: ${m[1]} names ${m[2]}, which is not exported`);
    out.set(m[1], fn);
  }
  return out;
})();

export function callExcel(fn: string, args: readonly unknown[]): unknown {
  const f = EXCEL_FUNCTIONS.get(fn);
  if (f === undefined) throw new Error(`functions.ts has no @customfunction ${fn}`);
  return f(...args);
}

/** What a cell ends up holding, in one comparable form. */
export type Outcome = number | string | { error: string; message: string | undefined } | Outcome[][];

function outcomeOf(value: unknown): Outcome {
  if (value instanceof MetricError) return { error: CODE_TEXT[value.code], message: value.message };
  if (isExcelError(value)) return { error: value.code, message: value.message };
  if (Array.isArray(value)) return value.map((r) => (r as unknown[]).map(outcomeOf) as Outcome[]);
  if (typeof value === "number" || typeof value === "string") return value;
  throw new Error(`a cell would hold ${String(value)} (${typeof value}): only numbers, text and Excel errors may reach a cell`);
}

/** Runs `call`; a thrown MetricError / CustomFunctions.Error is the outcome, anything else thrown fails. */
export function outcome(path: "core" | "excel", call: () => unknown): Outcome {
  try {
    return outcomeOf(call());
  } catch (e) {
    if (path === "core" && e instanceof MetricError) return outcomeOf(e);
    if (path === "excel" && isExcelError(e)) return outcomeOf(e);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Checking

/** Relative tolerance for hand-computed fractions (80 / 150 written as a literal expression). */
const RELATIVE = 1e-12;

function isErr(x: unknown): x is Err {
  return typeof x === "object" && x !== null && "error" in x;
}

function checkOne(path: "core" | "excel", got: Outcome, want: number | string | Err, where: string): void {
  if (isErr(want)) {
    expect({ where, got }).toMatchObject({ where, got: { error: want.error } });
    const message = (got as { message?: string }).message;
    // Excel shows a custom message for #VALUE! and #N/A only, so the bridge sends one for those;
    // the core always has one.
    if (path === "core" || want.error === V || want.error === NA) {
      expect(typeof message).toBe("string");
      for (const word of want.mentions) expect({ where, message }).toEqual({ where, message: expect.stringContaining(word) });
    } else {
      expect({ where, message }).toEqual({ where, message: undefined });
    }
    return;
  }
  if (typeof want === "number") {
    expect({ where, type: typeof got }).toEqual({ where, type: "number" });
    const g = got as number;
    expect(Number.isFinite(g)).toBe(true);
    const tolerance = Math.max(Math.abs(want) * RELATIVE, Number.MIN_VALUE);
    if (Math.abs(g - want) > tolerance) expect({ where, got: g }).toEqual({ where, got: want });
    return;
  }
  expect({ where, got }).toEqual({ where, got: want });
}

export function check(path: "core" | "excel", got: Outcome, want: Expected, where: string): void {
  if (Array.isArray(want)) {
    const matrix = want as readonly (readonly (number | string | Err)[])[];
    expect({ where, isMatrix: Array.isArray(got) }).toEqual({ where, isMatrix: true });
    const g = got as Outcome[][];
    expect({ where, rows: g.length, cols: g.map((r) => r.length) }).toEqual({
      where,
      rows: matrix.length,
      cols: matrix.map((r) => r.length),
    });
    matrix.forEach((r, i) => r.forEach((w, j) => checkOne(path, g[i][j] as Outcome, w, `${where} [${i}][${j}]`)));
    return;
  }
  checkOne(path, got, want as number | string | Err, where);
}

function describeArgs(args: readonly unknown[]): string {
  return JSON.stringify(args, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)).slice(1, -1);
}

/** One `it` per case and path: `RECOVERYRATE([[50],[30]],[[100],[50]]) (core)`. */
export function runCases(cases: readonly Case[]): void {
  for (const [fn, args, want] of cases) {
    const full = `${fn}(${describeArgs(args)})`;
    const title = full.length > 140 ? `${full.slice(0, 137)}…` : full;
    it(`${title} (core)`, () => check("core", outcome("core", () => callCore(fn, args)), want, `${title} core`));
    it(`${title} (functions.ts)`, () => check("excel", outcome("excel", () => callExcel(fn, args)), want, `${title} functions.ts`));
  }
}

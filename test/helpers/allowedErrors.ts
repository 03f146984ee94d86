/**
 * The Excel error codes metrics.md section 1 lets each function give: one table for the
 * property tests (through functions.ts) and the fuzzer (through the built bundle).
 */
import { CATALOGUE } from "../../src/core";

export const V = "#VALUE!";
export const NUM = "#NUM!";
export const DIV = "#DIV/0!";
export const NA = "#N/A";

const OTHERS: Readonly<Record<string, readonly string[]>> = {
  ROLLRATES: [V, NUM, DIV],
  LOSSFACTORS: [V, NUM, DIV],
  VINTAGE: [V, NUM, DIV],
  CONTACTBREACHES: [V, NUM],
  BENCHMARK: [V, NA],
  GRADE: [V, NUM, NA],
  KPISCORE: [V, NUM, NA],
  SCORE: [V, NUM, DIV, NA],
  SCOREGRADE: [V, NUM],
  METRICS: [V],
};

export function allowedCodes(fn: string): string[] {
  if (CATALOGUE.some((m) => m.fn === fn)) return [V, NUM, DIV];
  const codes = OTHERS[fn];
  if (codes === undefined) throw new Error(`no error rule for ${fn}: add it to test/helpers/allowedErrors.ts from metrics.md`);
  return [...codes];
}

/**
 * HyperFormula for the portable tests: the COLLECT functions registered from the core, and
 * array arithmetic on, which is how Excel evaluates array expressions inside SUMPRODUCT and
 * inside workbook names (and how dynamic-array Excel evaluates every formula).
 */
import fc from "fast-check";
import { CellValue, DetailedCellError, HyperFormula, RawCellContent } from "hyperformula";
import { EXCEL_HOSTS } from "../../../src/hosts/profiles";
import { registerCollectFunctions, setEngineHost } from "../../../src/engine/hyperformula";

export function engine(sheets: Record<string, RawCellContent[][]>): HyperFormula {
  registerCollectFunctions();
  // The functions as Excel on the web calls them (an empty cell arrives as null, as in the
  // contract). Native formulas give that answer on every host; Excel desktop alone hands an
  // empty value cell over as 0 (office-js#4702): test/unit/hosts covers that difference.
  setEngineHost(EXCEL_HOSTS.web);
  return HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false });
}

/** A cell's outcome in a comparable form. */
export type Outcome = { kind: "number"; value: number } | { kind: "text"; value: string } | { kind: "bool"; value: boolean } | { kind: "error"; type: string } | { kind: "empty" };

export function outcome(v: CellValue): Outcome {
  if (v instanceof DetailedCellError) return { kind: "error", type: v.type };
  if (v === null) return { kind: "empty" };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  return { kind: "text", value: String(v) };
}

/** Same value (numbers to 12 significant digits) or the same error class. */
export function same(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "number" && b.kind === "number") return Math.abs(a.value - b.value) <= 1e-12 * Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return JSON.stringify(a) === JSON.stringify(b);
}

export function show(o: Outcome): string {
  return o.kind === "error" ? `#${o.type}` : o.kind === "empty" ? "(empty)" : JSON.stringify(o.value);
}

/** Cell contents as HyperFormula takes them: text is prefixed with ' so that "5" stays text. */
export type Input = number | boolean | null | { text: string } | { formula: string };

export function raw(i: Input): RawCellContent {
  if (i === null || typeof i === "number" || typeof i === "boolean") return i;
  if ("text" in i) return `'${i.text}`;
  return i.formula;
}

/** Amounts as a collector's sheet holds them: mostly numbers, sometimes blanks, zeros, text, negatives, errors. */
export const amount: fc.Arbitrary<Input> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: -500, max: -1 }) },
  { weight: 1, arbitrary: fc.constantFrom<Input>({ text: "abc" }, { text: "5" }, { text: "" }, { text: " " }, true, false) },
  { weight: 1, arbitrary: fc.constantFrom<Input>({ formula: "=1/0" }, { formula: "=NA()" }, { formula: '=""' }) }
);

/** Mostly clean amounts: numbers and blanks only. */
export const cleanAmount: fc.Arbitrary<Input> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  // No subnormal numbers: Excel has none (src/portable/README.md, "Magnitudes").
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || x > 1e-300) },
  { weight: 2, arbitrary: fc.constant(null) }
);

export const RUNS = Number(process.env.PORTABLE_RUNS ?? 200);

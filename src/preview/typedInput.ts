/**
 * What the preview's grid stores when a user types into a cell, and what its formula bar
 * shows for a stored constant, following Excel: "85%" is 0.85, "1,200" and "¥1,200" are
 * 1200, and a percent-formatted 0.85 reads "85%" in the formula bar. Pure: no DOM.
 */
import type { SimValue } from "../excel-sim";

const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** 12, 0.5, .5, and with an exponent as Excel reads it: 1E+308, 1.5e3. */
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function plainNumber(text: string): number | undefined {
  if (PLAIN.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ""));
  return undefined;
}

/** The input for SimWorkbook.setCellInput: null clears, "=…" stays a formula, numbers as Excel reads them. */
export function parseTyped(text: string): SimValue | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (trimmed.startsWith("=")) return trimmed;
  if (trimmed.endsWith("%")) {
    const n = plainNumber(trimmed.slice(0, -1).trim());
    if (n !== undefined) return Number((n / 100).toPrecision(15));
  }
  const currency = /^([+-]?)[¥￥$€£]\s*(.+)$/.exec(trimmed);
  if (currency !== null) {
    const n = plainNumber(currency[2]);
    if (n !== undefined) return currency[1] === "-" ? -n : n;
  }
  const n = plainNumber(trimmed);
  return n !== undefined ? n : text;
}

/** True when the format has a % outside quotes and escapes (it scales by 100). */
export function isPercentFormat(format: string): boolean {
  return /%/.test(format.replace(/"[^"]*"/g, "").replace(/\\./g, ""));
}

/** The formula bar's text for a cell's input (formula, or constant as Excel shows it there). */
export function formulaBarText(input: SimValue, numberFormat: string): string {
  if (typeof input === "boolean") return input ? "TRUE" : "FALSE";
  if (typeof input === "number") {
    if (isPercentFormat(numberFormat)) return `${String(Number((input * 100).toPrecision(15))).toUpperCase()}%`;
    // Excel writes an exponent with a capital E: 1E+308, 1.5E-12.
    return String(Number(input.toPrecision(15))).toUpperCase();
  }
  return input;
}

/**
 * What renaming or deleting a sheet does to the formulas that refer to it, as Excel does it:
 *
 * - renamed: every reference to the sheet follows it, quoted when the new name needs it
 *   (Benchmarks!$A$5 → 'My bench'!$A$5);
 * - deleted: every reference to the sheet, and every structured reference to a table that
 *   was on it, becomes #REF!.
 *
 * Formulas are read with the project's tokenizer (src/portable/formula.ts), so a sheet name
 * inside a string literal ("Benchmarks!A1", INDIRECT's argument) is never touched, exactly as
 * Excel leaves it. References to another workbook ([1]Benchmarks!A1) are left alone. A formula
 * the tokenizer cannot read is returned unchanged.
 *
 * One difference from Excel, on purpose: Excel keeps the cell part of a reference to a deleted
 * sheet (=#REF!A1); here the whole reference becomes #REF!, which HyperFormula and the
 * project's parser read (neither reads #REF!A1) and which evaluates to the same #REF!.
 */
import { Edit, applyEdits, quoteSheet, tokensOf } from "../portable/formula";

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The sheet a name or function token is qualified with ("Sheet1!", "'My bench'!"), unquoted; undefined for none or a workbook prefix. */
function prefixSheet(prefix: string | undefined): string | undefined {
  if (prefix === undefined || !prefix.endsWith("!") || prefix.startsWith("[")) return undefined;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** The formula with every reference to sheet `from` pointing at `to` instead; the same string when none does. */
export function renameSheetInFormula(formula: string, from: string, to: string): string {
  const tokens = tokensOf(formula);
  if (tokens === undefined) return formula;
  const qualifier = `${quoteSheet(to)}!`;
  const edits: Edit[] = [];
  for (const t of tokens) {
    if (t.type === "ref" && same(t.ref?.sheet, from)) {
      // A reference's body (A1, $A$5:$H$27, A:A, 1:1) holds no "!": the qualifier ends at the last one.
      edits.push({ start: t.pos, end: t.pos + t.text.lastIndexOf("!") + 1, text: qualifier });
    } else if ((t.type === "name" || t.type === "func") && same(prefixSheet(t.prefix), from)) {
      edits.push({ start: t.pos, end: t.pos + (t.prefix ?? "").length, text: qualifier });
    }
  }
  return applyEdits(formula, edits);
}

/**
 * The formula with every reference to the deleted sheet `sheet`, and every structured reference
 * to one of `tables` (the tables that were on it), turned into #REF!; the same string when none.
 */
export function deleteSheetInFormula(formula: string, sheet: string, tables: readonly string[] = []): string {
  const tokens = tokensOf(formula);
  if (tokens === undefined) return formula;
  const gone = new Set(tables.map((t) => t.toLowerCase()));
  const edits: Edit[] = [];
  for (const t of tokens) {
    if (t.type === "ref" && same(t.ref?.sheet, sheet)) {
      edits.push({ start: t.pos, end: t.pos + t.text.length, text: "#REF!" });
    } else if (t.type === "name" && same(prefixSheet(t.prefix), sheet)) {
      edits.push({ start: t.pos, end: t.pos + (t.prefix ?? "").length + t.text.length, text: "#REF!" });
    } else if (t.type === "structured" && gone.has(t.text.slice(0, t.text.indexOf("[")).toLowerCase())) {
      edits.push({ start: t.pos, end: t.pos + t.text.length, text: "#REF!" });
    }
  }
  return applyEdits(formula, edits);
}

/** True when the formula holds a #REF! error (outside strings): what a deleted sheet leaves behind. */
export function hasRefError(formula: string): boolean {
  if (!formula.includes("#REF!")) return false;
  const tokens = tokensOf(formula);
  // Unreadable: trust the text.
  if (tokens === undefined) return true;
  return tokens.some((t) => t.type === "error" && t.text === "#REF!");
}

/**
 * Formula text as Excel writes it, rewritten into what HyperFormula 3.5 reads, at the one
 * place a formula is handed to the preview's engine. The workbook keeps the formula as typed
 * (the formula bar and `range.formulas` show `=1E+308` and `TRUE`, as Excel does).
 *
 * - Number literals with a capital E: Excel writes `1E+308`, `1.5E3`; HyperFormula's lexer
 *   reads only a lower-case e (`1E3` is a parse error there), so the exponent's E is lowered.
 * - TRUE and FALSE as literals: HyperFormula has the functions TRUE() and FALSE() but no
 *   constants (`=TRUE` is an unknown name, #NAME?), so a bare TRUE or FALSE becomes TRUE() or
 *   FALSE(), which give the same boolean, array constants ({TRUE,1}) included.
 *
 * The formula is read with the project's own tokenizer (src/portable/formula.ts), so text
 * inside string literals ("TRUE", "1E3"), quoted sheet names ('TRUE'!A1), sheet qualifiers
 * (TRUE!A1), names such as TRUE.X, functions (TRUE()) and structured references are never
 * touched. A formula the tokenizer cannot read is handed on unchanged: the engine then shows
 * its own parse error, as it would have anyway.
 */
import { tokenize } from "../portable/formula";

/** The formula as HyperFormula reads it; the same string when nothing needs rewriting. */
export function engineFormula(formula: string): string {
  // An exponent, TRUE and FALSE all hold an e: most formulas need no tokenizing at all.
  if (!formula.startsWith("=") || !/e/i.test(formula)) return formula;
  const body = formula.slice(1);
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(body);
  } catch {
    return formula;
  }
  let out = "";
  let at = 0;
  for (const t of tokens) {
    let replacement: string | undefined;
    if (t.type === "bool") replacement = `${t.text}()`;
    else if (t.type === "number" && t.text.includes("E")) replacement = t.text.replace("E", "e");
    if (replacement === undefined) continue;
    // The tokenizer upper-cases a bool's text (true → TRUE); its length is the typed word's.
    out += body.slice(at, t.pos) + replacement;
    at = t.pos + t.text.length;
  }
  return at === 0 ? formula : `=${out}${body.slice(at)}`;
}

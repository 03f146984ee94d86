/**
 * Structured references (Table[Column], Table[[#Totals],[Column]], [@Column] …) read, resolved
 * to the cells they stand for as the tables stand now, and A1 references moved when a table
 * gains or loses rows. Pure functions over the workbook's data; shared by the workbook's names
 * (SimWorkbook.tableColumnOf), the preview's engine (which has no structured references and is
 * handed A1 ranges instead) and the table-row operations (tableRows.ts).
 *
 * Syntax: "Using structured references with Excel tables" (support.microsoft.com):
 * - specifiers #All, #Data, #Headers, #Totals, #This Row (written @ as well: T[@Col]);
 * - a column in single brackets T[Col], or double T[[Col]]; a range of columns T[[A]:[B]];
 *   specifiers and columns combined with commas T[[#Totals],[Col]];
 * - "Use an escape character for some special characters in column headers": ' before [ ] # '.
 * - Inside the table itself the table name may be left out: [@Col], [[#This Row],[Col]].
 * Table and column names are compared case-insensitively, as Excel does.
 *
 * Formulas are read with the project's tokenizer (src/portable/formula.ts). It counts brackets
 * without knowing the ' escape, and it does not read a structured reference without a table
 * name, so a formula is first masked (`maskFormula`): the same length, with escaped characters
 * inside brackets and whole table-less references replaced by filler; tokens are then mapped
 * back to the original text by position. String literals are never touched.
 */
import { Reference, Corner, tokenize, printReference } from "../portable/formula";
import type { Rect } from "./a1";
import { TableView, resolveIn, splitStructured, tableParts } from "../portable/tables";
export { type TableShape, type TableView, resolveIn, splitStructured, tableParts } from "../portable/tables";
import type { SimSheet, SimTable, SimWorkbook } from "./model";

export type Token = ReturnType<typeof tokenize>[number];

/** A formula body (no "=") as the tokenizer can read it, and where its table-less structured references are. */
export interface Masked {
  readonly text: string;
  /** Start → end (exclusive) of each table-less structured reference ([@Col]); a name token of filler in `text`. */
  readonly bare: ReadonlyMap<number, number>;
}

/**
 * Masks a formula body: inside brackets, an escaped character ('[, '], '#, '') becomes "__";
 * a structured reference with no table name ([@Col], [[#This Row],[Col]]) becomes a run of "_"
 * (a name to the tokenizer) and is listed in `bare`. Same length as the input.
 */
/** The index just after the quoted run that starts at `start` (its quote character doubled inside stands for itself). */
function afterQuoted(body: string, start: number): number {
  const quote = body[start];
  let i = start + 1;
  while (i < body.length) {
    if (body[i] === quote) {
      if (body[i + 1] !== quote) break;
      i += 2;
      continue;
    }
    i++;
  }
  return i + 1;
}

export function maskFormula(body: string): Masked {
  const out = body.split("");
  const bare = new Map<number, number>();
  let depth = 0;
  let bareStart = -1;
  let i = 0;
  const n = body.length;
  while (i < n) {
    const ch = body[i];
    if (depth > 0) {
      if (ch === "'" && i + 1 < n) {
        out[i] = "_";
        out[i + 1] = "_";
        i += 2;
        continue;
      }
      if (ch === "[") depth++;
      else if (ch === "]") {
        depth--;
        if (depth === 0 && bareStart >= 0) {
          for (let k = bareStart; k <= i; k++) out[k] = "_";
          bare.set(bareStart, i + 1);
          bareStart = -1;
        }
      }
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A string literal ("" inside is a quote) or a quoted sheet name ('' inside is an apostrophe).
      i = afterQuoted(body, i);
      continue;
    }
    if (ch === "[") {
      const before = i > 0 ? body[i - 1] : "";
      const next = body[i + 1] ?? "";
      // A table name (or "]" of a workbook prefix) before "[": the tokenizer reads it. Otherwise a
      // table-less structured reference starts with @ or a nested bracket; [1]Sheet!A1 does not.
      if (!/[A-Za-z0-9_.\\?\u00C0-\uFFFF\]]/.test(before) && (next === "@" || next === "[")) bareStart = i;
      depth = 1;
      i++;
      continue;
    }
    i++;
  }
  return { text: out.join(""), bare };
}

/** The tokens of a formula ("=…"), positions in its body; undefined when it is not a formula or cannot be read. */
export function tokensOf(formula: string): { tokens: Token[]; masked: Masked } | undefined {
  if (!formula.startsWith("=")) return undefined;
  const masked = maskFormula(formula.slice(1));
  try {
    return { tokens: tokenize(masked.text), masked };
  } catch {
    return undefined;
  }
}

/** A replacement for a span of a formula body. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function applyEdits(formula: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return formula;
  const body = formula.slice(1);
  let out = "";
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += body.slice(at, e.start) + e.text;
    at = e.end;
  }
  return `=${out}${body.slice(at)}`;
}

/** A cell the reference is evaluated from: "#This Row" is its row. */
export interface Here {
  readonly sheet: SimSheet;
  readonly row: number;
  readonly column: number;
}

export type Resolved = { readonly sheet: SimSheet; readonly rect: Rect } | { readonly error: "#REF!" | "#VALUE!" };

/** The column names of a table: its header texts, or Column1… without a header row. */
export function tableColumnNames(sheet: SimSheet, table: SimTable): string[] {
  const names: string[] = [];
  for (let c = 0; c < table.rect.columnCount; c++) {
    names.push(table.hasHeaders ? String(sheet.input(table.rect.row, table.rect.column + c)) : `Column${c + 1}`);
  }
  return names;
}

/** The simulator's tables as the resolver sees them (a table whose sheet is gone is left out). */
function simTables(book: SimWorkbook): TableView<SimSheet>[] {
  const out: TableView<SimSheet>[] = [];
  for (const t of book.tables) {
    const sheet = book.sheet(t.sheetId);
    if (sheet !== undefined) out.push({ name: t.name, sheet, rect: t.rect, hasHeaders: t.hasHeaders, showTotals: t.showTotals, columnNames: () => tableColumnNames(sheet, t) });
  }
  return out;
}

/** resolveIn over the simulator's workbook. */
export function resolveStructured(book: SimWorkbook, tableName: string | undefined, brackets: string, here?: Here): Resolved {
  return resolveIn(simTables(book), tableName, brackets, here === undefined ? undefined : { row: here.row, column: here.column, same: (s) => s === here.sheet });
}

/**
 * The cells of a formula that is one structured reference ("=CK_Payments[Amount]",
 * "=T[[#Totals],[Amt]]"), as a workbook name may hold; undefined for anything else or a reference
 * that does not resolve.
 */
export function structuredRangeOf(book: SimWorkbook, formula: string): { sheet: SimSheet; rect: Rect } | undefined {
  const text = formula.trim();
  const read = tokensOf(text.startsWith("=") ? text : `=${text}`);
  if (read === undefined) return undefined;
  const real = read.tokens.filter((t) => t.type !== "end");
  if (real.length !== 1 || real[0].type !== "structured") return undefined;
  const body = (text.startsWith("=") ? text.slice(1) : text).slice(real[0].pos, real[0].pos + real[0].text.length);
  const parts = splitStructured(body);
  if (parts === undefined) return undefined;
  const resolved = resolveStructured(book, parts.table, parts.brackets);
  return "error" in resolved ? undefined : resolved;
}

/**
 * The formula with every structured reference replaced by the A1 range it stands for now
 * (`range(sheet, rect)` prints it), or by #REF! / #VALUE!; the same string when it holds none.
 * `here` is the formula's cell (for "#This Row" and table-less references); a name's formula has none.
 */
export function structuredToA1(book: SimWorkbook, formula: string, range: (sheet: SimSheet, rect: Rect) => string, here?: Here): string {
  if (!formula.startsWith("=") || !formula.includes("[")) return formula;
  const read = tokensOf(formula);
  if (read === undefined) return formula;
  const body = formula.slice(1);
  const edits: Edit[] = [];
  for (const t of read.tokens) {
    let resolved: Resolved | undefined;
    let end = t.pos + t.text.length;
    if (t.type === "structured") {
      const parts = splitStructured(body.slice(t.pos, end));
      if (parts !== undefined) resolved = resolveStructured(book, parts.table, parts.brackets, here);
    } else if (t.type === "name" && read.masked.bare.has(t.pos)) {
      end = read.masked.bare.get(t.pos) as number;
      resolved = resolveStructured(book, undefined, body.slice(t.pos, end), here);
    }
    if (resolved === undefined) continue;
    edits.push({ start: t.pos, end, text: "error" in resolved ? resolved.error : range(resolved.sheet, resolved.rect) });
  }
  return applyEdits(formula, edits);
}

// ---------------------------------------------------------------- moving A1 references

/**
 * Rows inserted into or deleted from a band of columns of one sheet (a table's columns, as
 * Excel shifts them when a table gains or loses rows).
 * - insert: `count` rows at `row`; the cells at and below `row` move down by `count`.
 * - delete: rows `row` … `row + count - 1` go; the cells below move up by `count`.
 */
export interface RowShift {
  readonly sheet: string;
  readonly kind: "insert" | "delete";
  readonly row: number;
  readonly count: number;
  readonly column: number;
  readonly columnCount: number;
}

/** A rectangle after a shift: moved, grown or shrunk; null when every cell of it was deleted; the same object when untouched. */
export function shiftRect(rect: Rect, shift: RowShift): Rect | null {
  const c0 = shift.column;
  const c1 = shift.column + shift.columnCount - 1;
  // Only a rectangle entirely within the shifted columns follows (see adjustRows for why).
  if (rect.column < c0 || rect.column + rect.columnCount - 1 > c1) return rect;
  const top = rect.row;
  const bottom = rect.row + rect.rowCount - 1;
  if (shift.kind === "insert") {
    if (top >= shift.row) return { ...rect, row: top + shift.count };
    if (bottom >= shift.row) return { ...rect, rowCount: rect.rowCount + shift.count };
    return rect;
  }
  const d0 = shift.row;
  const d1 = shift.row + shift.count - 1;
  if (bottom < d0) return rect;
  if (top > d1) return { ...rect, row: top - shift.count };
  if (top >= d0 && bottom <= d1) return null;
  // Partly deleted: what is left, moved up over the hole.
  const keptAbove = Math.max(0, d0 - top);
  const keptBelow = Math.max(0, bottom - d1);
  return { ...rect, row: Math.min(top, d0), rowCount: keptAbove + keptBelow };
}

/**
 * The formula with its A1 references to the shifted cells adjusted as Excel adjusts them when
 * cells are inserted or deleted (shift down / up): a reference into the moved cells moves; a
 * range that spans the insertion row grows; a range losing some of its rows shrinks; a
 * reference whose every cell was deleted becomes #REF!. `ownSheet` is the sheet of the formula's
 * cell (unqualified references are to it); undefined for a workbook name's formula.
 *
 * Whole-column (B:B) and whole-row (5:5) references stay: the shift moves no whole row and
 * changes no column's extent. A range reaching outside the shifted columns stays too: Excel's
 * documentation does not say what such a range becomes when only part of it moves; the
 * simulator leaves it, which is what Excel does for a reference that is not entirely in the
 * moved block.
 */
export function adjustRows(formula: string, ownSheet: string | undefined, shift: RowShift): string {
  const read = tokensOf(formula);
  if (read === undefined) return formula;
  const body = formula.slice(1);
  const target = shift.sheet.toLowerCase();
  const edits: Edit[] = [];
  for (const t of read.tokens) {
    if (t.type !== "ref" || t.ref === undefined) continue;
    const sheet = t.ref.sheet ?? ownSheet;
    if (sheet === undefined || sheet.toLowerCase() !== target) continue;
    const ref = t.ref;
    const end = ref.end ?? ref.start;
    if (ref.start.row === undefined || end.row === undefined || ref.start.column === undefined || end.column === undefined) continue;
    const top = Math.min(ref.start.row, end.row);
    const left = Math.min(ref.start.column, end.column);
    const rect: Rect = { row: top, column: left, rowCount: Math.abs(end.row - ref.start.row) + 1, columnCount: Math.abs(end.column - ref.start.column) + 1 };
    const next = shiftRect(rect, shift);
    if (next === rect) continue;
    const text = body.slice(t.pos, t.pos + t.text.length);
    const qualifier = t.ref.sheet === undefined ? "" : text.slice(0, text.lastIndexOf("!") + 1);
    if (next === null) {
      edits.push({ start: t.pos, end: t.pos + t.text.length, text: "#REF!" });
      continue;
    }
    // Keep each corner's $ markers and their order (B9:B2 stays written bottom-up).
    const startIsTop = ref.start.row <= end.row;
    const place = (c: Corner, isTop: boolean): Corner => ({ ...c, row: isTop ? next.row : next.row + next.rowCount - 1 });
    const moved: Reference = ref.end === undefined ? { start: place(ref.start, true) } : { start: place(ref.start, startIsTop), end: place(ref.end, !startIsTop) };
    edits.push({ start: t.pos, end: t.pos + t.text.length, text: qualifier + printReference(moved) });
  }
  return applyEdits(formula, edits);
}

/**
 * The formula as it reads one cell `rows` lower (a calculated column's formula filled into a new
 * row): relative row references move by `rows`, absolute ones ($5) stay. Structured references
 * need no change.
 */
export function translateRows(formula: string, rows: number): string {
  if (rows === 0) return formula;
  const read = tokensOf(formula);
  if (read === undefined) return formula;
  const body = formula.slice(1);
  const edits: Edit[] = [];
  for (const t of read.tokens) {
    if (t.type !== "ref" || t.ref === undefined) continue;
    const move = (c: Corner): Corner => (c.row === undefined || c.absRow ? c : { ...c, row: c.row + rows });
    const ref: Reference = { start: move(t.ref.start), end: t.ref.end === undefined ? undefined : move(t.ref.end) };
    if ([ref.start, ref.end].some((c) => c !== undefined && c.row !== undefined && c.row < 0)) {
      edits.push({ start: t.pos, end: t.pos + t.text.length, text: "#REF!" });
      continue;
    }
    const text = body.slice(t.pos, t.pos + t.text.length);
    const qualifier = t.ref.sheet === undefined ? "" : text.slice(0, text.lastIndexOf("!") + 1);
    edits.push({ start: t.pos, end: t.pos + t.text.length, text: qualifier + printReference(ref) });
  }
  return applyEdits(formula, edits);
}

/**
 * The formula in R1C1 terms (relative references as offsets from the cell at row, column), for
 * telling whether the cells of a column hold "the same formula" (a calculated column). String
 * literals and everything but A1 references are compared as written.
 */
export function relativeForm(formula: string, row: number, column: number): string {
  const read = tokensOf(formula);
  if (read === undefined) return formula;
  const body = formula.slice(1);
  const edits: Edit[] = [];
  const corner = (c: Corner): string =>
    `${c.row === undefined ? "" : c.absRow ? `R${c.row + 1}` : `R[${c.row - row}]`}${c.column === undefined ? "" : c.absColumn ? `C${c.column + 1}` : `C[${c.column - column}]`}`;
  for (const t of read.tokens) {
    if (t.type !== "ref" || t.ref === undefined) continue;
    const text = body.slice(t.pos, t.pos + t.text.length);
    const qualifier = t.ref.sheet === undefined ? "" : text.slice(0, text.lastIndexOf("!") + 1);
    edits.push({ start: t.pos, end: t.pos + t.text.length, text: `${qualifier}${corner(t.ref.start)}${t.ref.end === undefined ? "" : `:${corner(t.ref.end)}`}` });
  }
  return applyEdits(formula, edits);
}

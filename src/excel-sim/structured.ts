/**
 * Structured references (Table[Column], Table[[#Totals],[Column]], [@Column] …) resolved, over
 * the simulator's workbook, to the cells they stand for as the tables stand now, and A1
 * references moved when a table gains or loses rows. Shared by the workbook's names
 * (SimWorkbook.tableColumnOf), the preview's engine (which has no structured references and is
 * handed A1 ranges instead) and the table-row operations (SimWorkbook.insertTableRows,
 * deleteTableRow). The syntax and the resolver itself are in src/portable/tables.ts.
 *
 * Formulas are read with the project's tokenizer (src/portable/formula.ts, tokensOf), which takes
 * a structured reference, its ' escapes and a table-less one ([@Col]) as one token; string
 * literals are never touched.
 */
import { Corner, Edit, Reference, applyEdits, printReference, tokensOf, translateRows } from "../portable/formula";
export { translateRows };
import type { Rect } from "./a1";
import { TableView, resolveIn, splitStructured, tableParts } from "../portable/tables";
export { type TableShape, type TableView, resolveIn, splitStructured, tableParts } from "../portable/tables";
import type { SimSheet, SimTable, SimWorkbook } from "./model";

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
  const tokens = tokensOf(text.startsWith("=") ? text : `=${text}`);
  if (tokens === undefined) return undefined;
  const real = tokens.filter((t) => t.type !== "end");
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
  const tokens = tokensOf(formula);
  if (tokens === undefined) return formula;
  const edits: Edit[] = [];
  for (const t of tokens) {
    if (t.type !== "structured") continue;
    const end = t.pos + t.text.length;
    // A table-less reference ([@Col]) means the table the formula's cell is in.
    const parts = t.text.startsWith("[") ? { table: undefined, brackets: t.text } : splitStructured(t.text);
    if (parts === undefined) continue;
    const resolved = resolveStructured(book, parts.table, parts.brackets, here);
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
  const tokens = tokensOf(formula);
  if (tokens === undefined) return formula;
  const body = formula.slice(1);
  const target = shift.sheet.toLowerCase();
  const edits: Edit[] = [];
  for (const t of tokens) {
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
 * The formula in R1C1 terms (relative references as offsets from the cell at row, column), for
 * telling whether the cells of a column hold "the same formula" (a calculated column). String
 * literals and everything but A1 references are compared as written.
 */
export function relativeForm(formula: string, row: number, column: number): string {
  const tokens = tokensOf(formula);
  if (tokens === undefined) return formula;
  const body = formula.slice(1);
  const edits: Edit[] = [];
  const corner = (c: Corner): string =>
    `${c.row === undefined ? "" : c.absRow ? `R${c.row + 1}` : `R[${c.row - row}]`}${c.column === undefined ? "" : c.absColumn ? `C${c.column + 1}` : `C[${c.column - column}]`}`;
  for (const t of tokens) {
    if (t.type !== "ref" || t.ref === undefined) continue;
    const text = body.slice(t.pos, t.pos + t.text.length);
    const qualifier = t.ref.sheet === undefined ? "" : text.slice(0, text.lastIndexOf("!") + 1);
    edits.push({ start: t.pos, end: t.pos + t.text.length, text: `${qualifier}${corner(t.ref.start)}${t.ref.end === undefined ? "" : `:${corner(t.ref.end)}`}` });
  }
  return applyEdits(formula, edits);
}

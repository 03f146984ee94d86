/**
 * Structured references (Excel table references: T[Col], T[[#Totals],[Col]], [@Col] …) read
 * and resolved against a list of tables, whatever holds the workbook: the simulator and the
 * preview's engine (excel-sim/structured.ts), and Make portable in Excel (excelAction.ts), which
 * loads the tables' names, addresses and header texts. The forms and escapes are those of
 * "Using structured references with Excel tables" (support.microsoft.com):
 * - specifiers #All, #Data, #Headers, #Totals, #This Row (written @ as well: T[@Col]);
 * - a column in single brackets T[Col], or double T[[Col]]; a range of columns T[[A]:[B]];
 *   specifiers and columns combined with commas T[[#Totals],[Col]];
 * - "Use an escape character for some special characters in column headers": ' before [ ] # '.
 * - Inside the table itself the table name may be left out: [@Col], [[#This Row],[Col]].
 * Table and column names are compared case-insensitively, as Excel does.
 */

/** A block of cells, 0-based (the shape of excel-sim's Rect, without depending on it). */
export interface TableRect {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

// ---------------------------------------------------------------- parsing a structured reference

type Section = "#all" | "#data" | "#headers" | "#totals" | "#this row";
const SECTIONS: readonly string[] = ["#all", "#data", "#headers", "#totals", "#this row"];

interface Spec {
  readonly sections: Section[];
  /** One column, or the first and last of a range; empty: every column. */
  readonly columns: string[];
}

/** Removes the ' escapes of a column name. */
function unescape(name: string): string {
  return name.replace(/'(.)/gs, "$1");
}

/** The [item] parts of "[a],[b]:[c]" with the separators between them; undefined when malformed. */
function splitItems(text: string): { items: string[]; separators: string[] } | undefined {
  const items: string[] = [];
  const separators: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === " ") i++;
    if (i >= text.length) break;
    if (items.length > 0) {
      const sep = text[i];
      if (sep !== "," && sep !== ":") return undefined;
      separators.push(sep);
      i++;
      while (text[i] === " ") i++;
    }
    if (text[i] !== "[") return undefined;
    let j = i + 1;
    let item = "";
    for (; j < text.length; j++) {
      if (text[j] === "'" && j + 1 < text.length) {
        item += text[j] + text[j + 1];
        j++;
        continue;
      }
      if (text[j] === "]") break;
      if (text[j] === "[") return undefined;
      item += text[j];
    }
    if (j >= text.length) return undefined;
    items.push(item);
    i = j + 1;
  }
  return { items, separators };
}

/** Reads the bracket part of a structured reference ("[Col]", "[[#Totals],[Col]]", "[@Col]"). */
function parseSpec(brackets: string): Spec | undefined {
  if (!brackets.startsWith("[") || !brackets.endsWith("]")) return undefined;
  const inner = brackets.slice(1, -1);
  const trimmed = inner.trim();
  if (trimmed === "") return { sections: [], columns: [] };
  if (trimmed.startsWith("@")) {
    // [@Col], [@[Col]], [@[Col1]:[Col2]], [@]: this row.
    const rest = trimmed.slice(1).trim();
    if (rest === "") return { sections: ["#this row"], columns: [] };
    if (!rest.startsWith("[")) return { sections: ["#this row"], columns: [unescape(rest)] };
    const inside = parseSpec(`[${rest}]`);
    return inside === undefined || inside.sections.length > 0 ? undefined : { sections: ["#this row"], columns: inside.columns };
  }
  if (!trimmed.startsWith("[")) {
    const word = unescape(inner);
    if (SECTIONS.includes(word.toLowerCase())) return { sections: [word.toLowerCase() as Section], columns: [] };
    return { sections: [], columns: [word] };
  }
  const split = splitItems(inner);
  if (split === undefined) return undefined;
  const sections: Section[] = [];
  const columns: string[] = [];
  split.items.forEach((item, k) => {
    const lower = item.toLowerCase();
    if (SECTIONS.includes(lower) && !item.includes("'")) sections.push(lower as Section);
    else {
      if (columns.length === 1 && split.separators[k - 1] !== ":") columns.push("\u0000"); // two columns by comma: not a reference
      columns.push(unescape(item));
    }
  });
  if (columns.length > 2 || columns.includes("\u0000")) return undefined;
  return { sections, columns };
}

/** What the resolver needs of a table: where it is, and whether it shows a header and a total row. */
export interface TableShape {
  readonly rect: TableRect;
  readonly hasHeaders: boolean;
  readonly showTotals: boolean;
}

/** The parts of a table: header row (when it has one), data body (at least one row, as Excel keeps), total row (when shown). */
export function tableParts(table: TableShape): { header?: number; bodyTop: number; bodyCount: number; total?: number } {
  const r = table.rect;
  const header = table.hasHeaders ? 1 : 0;
  const total = table.showTotals ? 1 : 0;
  return {
    header: table.hasHeaders ? r.row : undefined,
    bodyTop: r.row + header,
    bodyCount: Math.max(r.rowCount - header - total, 1),
    total: table.showTotals ? r.row + r.rowCount - 1 : undefined,
  };
}

function findColumn(names: readonly string[], wanted: string): number {
  const lower = wanted.toLowerCase();
  let k = names.findIndex((n) => n.toLowerCase() === lower);
  if (k < 0) k = names.findIndex((n) => n.trim().toLowerCase() === lower.trim());
  return k;
}

/**
 * A table as a resolver sees it, whatever holds the workbook: the simulator (SimWorkbook) or
 * what Make portable loaded from Excel (names, addresses, header texts). `S` is the sheet.
 */
export interface TableView<S> extends TableShape {
  readonly name: string;
  readonly sheet: S;
  /** The column names (header texts); asked only when a reference names columns. */
  columnNames(): readonly string[];
}

/** The cell a formula is in, for "#This Row" and table-less references; `same` says whether a table's sheet is its sheet. */
export interface HereIn<S> {
  readonly row: number;
  readonly column: number;
  same(sheet: S): boolean;
}

/**
 * The cells a structured reference stands for now, among `tables`. `tableName` undefined: a
 * table-less reference ([@Col]), which means the table the cell `here` is in. #REF! for an
 * unknown table or column, a total row that is not shown, a header row the table has not;
 * #VALUE! for "#This Row" from a cell outside the table's data rows (Excel's implicit
 * intersection fails there).
 */
export function resolveIn<S>(tables: readonly TableView<S>[], tableName: string | undefined, brackets: string, here?: HereIn<S>): { readonly sheet: S; readonly rect: TableRect } | { readonly error: "#REF!" | "#VALUE!" } {
  let table: TableView<S> | undefined;
  if (tableName === undefined) {
    if (here === undefined) return { error: "#REF!" };
    table = tables.find((t) => here.same(t.sheet) && t.rect.row <= here.row && here.row < t.rect.row + t.rect.rowCount && t.rect.column <= here.column && here.column < t.rect.column + t.rect.columnCount);
  } else {
    const wanted = tableName.toLowerCase();
    table = tables.find((t) => t.name.toLowerCase() === wanted);
  }
  const spec = parseSpec(brackets);
  if (table === undefined || spec === undefined) return { error: "#REF!" };
  const parts = tableParts(table);
  // Columns.
  let left = table.rect.column;
  let width = table.rect.columnCount;
  if (spec.columns.length > 0) {
    const names = table.columnNames();
    const ks = spec.columns.map((c) => findColumn(names, c));
    if (ks.some((k) => k < 0)) return { error: "#REF!" };
    const a = Math.min(...ks);
    const b = Math.max(...ks);
    left = table.rect.column + a;
    width = b - a + 1;
  }
  // Rows: the sections asked for (default #Data), which must be adjacent.
  const sections = spec.sections.length === 0 ? ["#data"] : spec.sections;
  const rows: number[] = [];
  for (const s of sections) {
    if (s === "#all") for (let r = table.rect.row; r < table.rect.row + table.rect.rowCount; r++) rows.push(r);
    else if (s === "#data") for (let r = parts.bodyTop; r < parts.bodyTop + parts.bodyCount; r++) rows.push(r);
    else if (s === "#headers") {
      if (parts.header === undefined) return { error: "#REF!" };
      rows.push(parts.header);
    } else if (s === "#totals") {
      if (parts.total === undefined) return { error: "#REF!" };
      rows.push(parts.total);
    } else {
      if (here === undefined || !here.same(table.sheet) || here.row < parts.bodyTop || here.row >= parts.bodyTop + parts.bodyCount) return { error: "#VALUE!" };
      rows.push(here.row);
    }
  }
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  return { sheet: table.sheet, rect: { row: top, column: left, rowCount: bottom - top + 1, columnCount: width } };
}

/** Splits "Table[...]" into its table name and bracket part; undefined when it has none. */
export function splitStructured(text: string): { table: string; brackets: string } | undefined {
  const open = text.indexOf("[");
  if (open <= 0) return undefined;
  return { table: text.slice(0, open), brackets: text.slice(open) };
}


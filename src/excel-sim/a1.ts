/**
 * A1 addresses: parsing and printing. Pure; shared by the writer (to address the grid it
 * writes) and the simulator (to resolve the addresses it is given).
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rowCount: number;
  readonly columnCount: number;
}

/** A parsed address; `sheet` only when the text named one ("'My sheet'!A1:B2"). */
export interface ParsedAddress extends Rect {
  readonly sheet?: string;
  /** A whole-column ("B:D") or whole-row ("3:5") reference. */
  readonly whole?: "columns" | "rows";
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 0 || column >= MAX_COLUMNS) throw new RangeError(`column ${column} is outside the sheet`);
  let n = column + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`"${letters}" is not a column`);
    n = n * 26 + (code - 64);
  }
  if (n < 1 || n > MAX_COLUMNS) throw new RangeError(`"${letters}" is outside the sheet`);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Splits "'It''s'!A1" into the unquoted sheet name and the address after the "!". */
function splitSheet(text: string): { sheet?: string; ref: string } {
  const bang = text.lastIndexOf("!");
  if (bang < 0) return { ref: text };
  let sheet = text.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: text.slice(bang + 1) };
}

/** Parses "B4", "A1:H4", "$A$5:$H$27", "B:D", "3:5", optionally sheet-qualified; throws RangeError otherwise. */
export function parseAddress(text: string): ParsedAddress {
  const { sheet, ref } = splitSheet(text.trim());
  const [a, b = a, extra] = ref.split(":");
  if (extra !== undefined || a === "") throw new RangeError(`"${text}" is not an A1 address`);
  const withSheet = (rect: Rect, whole?: "columns" | "rows"): ParsedAddress => ({
    ...rect,
    ...(sheet !== undefined ? { sheet } : {}),
    ...(whole !== undefined ? { whole } : {}),
  });

  const c1 = CELL.exec(a);
  const c2 = CELL.exec(b);
  if (c1 && c2) {
    const r1 = Number(c1[2]) - 1;
    const r2 = Number(c2[2]) - 1;
    if (r1 < 0 || r2 < 0 || r1 >= MAX_ROWS || r2 >= MAX_ROWS) throw new RangeError(`"${text}" is outside the sheet`);
    const k1 = columnIndex(c1[1]);
    const k2 = columnIndex(c2[1]);
    return withSheet({
      row: Math.min(r1, r2),
      column: Math.min(k1, k2),
      rowCount: Math.abs(r2 - r1) + 1,
      columnCount: Math.abs(k2 - k1) + 1,
    });
  }
  const k1 = COLUMN.exec(a);
  const k2 = COLUMN.exec(b);
  if (k1 && k2 && ref.includes(":")) {
    const x = columnIndex(k1[1]);
    const y = columnIndex(k2[1]);
    return withSheet({ row: 0, column: Math.min(x, y), rowCount: MAX_ROWS, columnCount: Math.abs(y - x) + 1 }, "columns");
  }
  const w1 = ROW.exec(a);
  const w2 = ROW.exec(b);
  if (w1 && w2 && ref.includes(":")) {
    const x = Number(w1[1]) - 1;
    const y = Number(w2[1]) - 1;
    if (x < 0 || y < 0 || x >= MAX_ROWS || y >= MAX_ROWS) throw new RangeError(`"${text}" is outside the sheet`);
    return withSheet({ row: Math.min(x, y), column: 0, rowCount: Math.abs(y - x) + 1, columnCount: MAX_COLUMNS }, "rows");
  }
  throw new RangeError(`"${text}" is not an A1 address`);
}

/** "A1" or "A1:H4" for a rectangle; whole columns print as "B:D", whole rows as "3:5". */
export function formatAddress(rect: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  if (rect.rowCount === MAX_ROWS && rect.row === 0) {
    return `${d}${columnLetters(rect.column)}:${d}${columnLetters(rect.column + rect.columnCount - 1)}`;
  }
  if (rect.columnCount === MAX_COLUMNS && rect.column === 0) {
    return `${d}${rect.row + 1}:${d}${rect.row + rect.rowCount}`;
  }
  const first = `${d}${columnLetters(rect.column)}${d}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return first;
  return `${first}:${d}${columnLetters(rect.column + rect.columnCount - 1)}${d}${rect.row + rect.rowCount}`;
}

/** A sheet name as it appears in a reference: quoted when it needs to be ("'M1 (2)'"). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'M1 (2)'!$A$1:$B$2", the form Excel reports range addresses in. */
export function qualifiedAddress(sheet: string, rect: Rect): string {
  return `${quoteSheetName(sheet)}!${formatAddress(rect, false)}`;
}

export function contains(outer: Rect, row: number, column: number): boolean {
  return row >= outer.row && row < outer.row + outer.rowCount && column >= outer.column && column < outer.column + outer.columnCount;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
}

/**
 * Splits a multi-area address ("Sheet1!A1:B4, Sheet1!D1:D4", as RangeAreas.address gives it)
 * into its areas; a comma inside a quoted sheet name ('a, b'!A1) is part of the name.
 */
export function splitAreas(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted; // '' inside a quoted name toggles twice
    else if (ch === "," && !quoted) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((a) => a !== "");
}

/** The rectangles of a multi-area address, each with its sheet when the text names one. */
export function parseAreas(text: string): ParsedAddress[] {
  return splitAreas(text).map(parseAddress);
}

/**
 * Cells as the fewest-effort rectangles Excel's special-cells search reports: runs along each
 * row, and runs of the same columns on consecutive rows merged into one rectangle. Sorted by
 * top row, then column.
 */
export function rectsOfCells(cells: Iterable<{ readonly row: number; readonly column: number }>): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, column } of cells) {
    const list = byRow.get(row);
    if (list === undefined) byRow.set(row, [column]);
    else list.push(column);
  }
  const open = new Map<string, { row: number; column: number; rowCount: number; columnCount: number }>();
  const done: Rect[] = [];
  let previousRow = -2;
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const columns = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const runs: { column: number; columnCount: number }[] = [];
    for (const c of columns) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last.column + last.columnCount === c) last.columnCount++;
      else runs.push({ column: c, columnCount: 1 });
    }
    const next = new Map<string, { row: number; column: number; rowCount: number; columnCount: number }>();
    for (const run of runs) {
      const id = `${run.column}:${run.columnCount}`;
      const rect = row === previousRow + 1 ? open.get(id) : undefined;
      if (rect !== undefined) {
        rect.rowCount++;
        open.delete(id);
        next.set(id, rect);
      } else next.set(id, { row, column: run.column, rowCount: 1, columnCount: run.columnCount });
    }
    for (const rect of open.values()) done.push(rect);
    open.clear();
    for (const [id, rect] of next) open.set(id, rect);
    previousRow = row;
  }
  for (const rect of open.values()) done.push(rect);
  return done.sort((a, b) => a.row - b.row || a.column - b.column);
}

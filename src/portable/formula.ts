/**
 * A tokenizer, recursive-descent parser and printer for Excel formulas in the invariant
 * (en-US) syntax that Office.js `range.formulas` and the .xlsx file use: comma argument
 * separators, "." decimals, ";" between rows of an array constant.
 *
 *   parseFormula("=IF(B5=\"\",\"\",COLLECT.RECOVERYRATE(B5,C5))")  →  Node
 *   printFormula(node)                                         →  "=IF(B5=\"\",\"\",COLLECT.RECOVERYRATE(B5,C5))"
 *
 * Supported: A1 references (relative, absolute, mixed), ranges, whole columns and rows,
 * sheet-qualified references ('M1 (2)'!B2:B9, Sheet1!A1, external [1]Sheet1!A1), names,
 * strings with "" escapes, numbers (1E-3, .5), percent, TRUE/FALSE, error literals, the
 * operators with Excel's precedence (":" > unary minus > % > ^ > * / > + - > & > comparisons),
 * function calls (dotted names such as COLLECT.RECOVERYRATE, prefixes such as _xlfn., _xll.,
 * _xldudf_), empty arguments, array constants {1,2;3,4} and structured references
 * Table1[Column], Table1[[#Totals],[Rate '[%']]], [@Column] (kept as opaque text, ' escapes read). Not supported, and reported as a parse error: the
 * intersection (space) and union operators, R1C1 references.
 */

export type Node =
  | { readonly type: "number"; readonly value: number; readonly raw: string }
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "error"; readonly code: string }
  | { readonly type: "ref"; readonly ref: Reference }
  | { readonly type: "name"; readonly prefix?: string; readonly name: string }
  | { readonly type: "structured"; readonly text: string }
  | { readonly type: "call"; readonly name: string; readonly args: readonly Node[] }
  | { readonly type: "unary"; readonly op: "+" | "-"; readonly operand: Node }
  | { readonly type: "percent"; readonly operand: Node }
  | { readonly type: "binary"; readonly op: BinaryOp; readonly left: Node; readonly right: Node }
  | { readonly type: "array"; readonly rows: readonly (readonly Node[])[] }
  | { readonly type: "paren"; readonly expr: Node }
  | { readonly type: "missing" }
  /** Text inserted by a rewrite (a native equivalent); printed as is. */
  | { readonly type: "raw"; readonly text: string };

export type BinaryOp = ":" | "^" | "*" | "/" | "+" | "-" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

/** One corner of a reference: a cell, a whole column (row undefined) or a whole row (column undefined). */
export interface Corner {
  /** 0-based column; undefined for a whole-row reference. */
  readonly column?: number;
  /** 0-based row; undefined for a whole-column reference. */
  readonly row?: number;
  readonly absColumn: boolean;
  readonly absRow: boolean;
}

/** A cell or a rectangular range, optionally on another sheet ("[1]Sheet" keeps its book prefix). */
export interface Reference {
  readonly sheet?: string;
  readonly start: Corner;
  /** Absent for a single cell. */
  readonly end?: Corner;
}

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

// ---------------------------------------------------------------- columns and addresses

export function columnName(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function printCorner(c: Corner): string {
  const col = c.column === undefined ? "" : `${c.absColumn ? "$" : ""}${columnName(c.column)}`;
  const row = c.row === undefined ? "" : `${c.absRow ? "$" : ""}${c.row + 1}`;
  return col + row;
}

/**
 * Quotes a sheet name unless it is a plain ASCII identifier that cannot be read as a
 * reference. Quoting is always valid, so names with other letters (基准) are quoted too,
 * which every formula engine reads.
 */
export function quoteSheet(sheet: string): string {
  const book = /^(\[[^\]]*\])(.*)$/.exec(sheet);
  const plain = book ? book[2] : sheet;
  const simple =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(plain) &&
    !/^[A-Za-z]{1,3}\d+$/.test(plain) &&
    !/^(TRUE|FALSE)$/i.test(plain) &&
    !/^[RC]\d*$/i.test(plain) &&
    !/^R\d*C\d*$/i.test(plain);
  return simple ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function printReference(ref: Reference): string {
  const prefix = ref.sheet === undefined ? "" : `${quoteSheet(ref.sheet)}!`;
  return prefix + printCorner(ref.start) + (ref.end === undefined ? "" : `:${printCorner(ref.end)}`);
}

/** Rows × columns of a reference (whole columns span every row). */
export function referenceSize(ref: Reference): { rows: number; columns: number } {
  const end = ref.end ?? ref.start;
  const rows = ref.start.row === undefined || end.row === undefined ? MAX_ROWS : Math.abs(end.row - ref.start.row) + 1;
  const columns = ref.start.column === undefined || end.column === undefined ? MAX_COLUMNS : Math.abs(end.column - ref.start.column) + 1;
  return { rows, columns };
}

/** The cell at (r, c) inside a reference, keeping the sheet and the $ markers of the top-left corner. */
export function cellOf(ref: Reference, r: number, c: number): Reference {
  const end = ref.end ?? ref.start;
  const top = Math.min(ref.start.row ?? 0, end.row ?? 0);
  const left = Math.min(ref.start.column ?? 0, end.column ?? 0);
  return {
    sheet: ref.sheet,
    start: { row: top + r, column: left + c, absRow: ref.start.absRow, absColumn: ref.start.absColumn },
  };
}

/** Parses "B5", "$C$3:$J$3", "'M1 (2)'!B2:B9" into a Reference, or undefined. */
export function parseReference(text: string): Reference | undefined {
  try {
    const node = parseFormula(text.startsWith("=") ? text : `=${text}`);
    return node.type === "ref" ? node.ref : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- tokens

type TokenType =
  | "number"
  | "string"
  | "bool"
  | "error"
  | "ref"
  | "name"
  | "func"
  | "structured"
  | "op"
  | "lparen"
  | "rparen"
  | "lbrace"
  | "rbrace"
  | "comma"
  | "semicolon"
  | "end";

interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly pos: number;
  /** For ref tokens: the parsed reference. */
  readonly ref?: Reference;
  /** For name and func tokens: a workbook/sheet qualifier ("[1]!", "Sheet1!"). */
  readonly prefix?: string;
  /** True when whitespace preceded the token. */
  readonly spaced?: boolean;
}

const ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"];

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)/;
const COLUMN_RANGE = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!\[])/;
const ROW_RANGE = /^(\$?)(\d+):(\$?)(\d+)(?![0-9A-Za-z_.(!\[])/;
const NAME_CHARS = /[A-Za-z0-9_.\\?\u00C0-\uFFFF]/;
const NAME_START = /[A-Za-z_\\\u00C0-\uFFFF]/;

function cellCorner(m: RegExpExecArray): Corner | undefined {
  const column = columnIndex(m[2]);
  const row = Number(m[4]) - 1;
  if (column >= MAX_COLUMNS || row < 0 || row >= MAX_ROWS) return undefined;
  return { column, row, absColumn: m[1] === "$", absRow: m[3] === "$" };
}

/** A reference at the start of `s` (after any sheet prefix), with its length. */
function readReferenceBody(s: string): { start: Corner; end?: Corner; length: number } | undefined {
  const col = COLUMN_RANGE.exec(s);
  if (col) {
    const a = columnIndex(col[2]);
    const b = columnIndex(col[4]);
    if (a >= MAX_COLUMNS || b >= MAX_COLUMNS) return undefined;
    return {
      start: { column: a, absColumn: col[1] === "$", absRow: false },
      end: { column: b, absColumn: col[3] === "$", absRow: false },
      length: col[0].length,
    };
  }
  const row = ROW_RANGE.exec(s);
  if (row) {
    const a = Number(row[2]) - 1;
    const b = Number(row[4]) - 1;
    if (a < 0 || b < 0 || a >= MAX_ROWS || b >= MAX_ROWS) return undefined;
    return {
      start: { row: a, absRow: row[1] === "$", absColumn: false },
      end: { row: b, absRow: row[3] === "$", absColumn: false },
      length: row[0].length,
    };
  }
  const first = CELL.exec(s);
  if (!first) return undefined;
  // A cell must not run on into a name (A1B, LOG10( is a function).
  const after = s.charAt(first[0].length);
  if (after !== "" && (NAME_CHARS.test(after) || after === "(")) return undefined;
  const start = cellCorner(first);
  if (start === undefined) return undefined;
  let length = first[0].length;
  let end: Corner | undefined;
  if (s.charAt(length) === ":") {
    const second = CELL.exec(s.slice(length + 1));
    if (second) {
      const after2 = s.charAt(length + 1 + second[0].length);
      if (!(after2 !== "" && (NAME_CHARS.test(after2) || after2 === "("))) {
        end = cellCorner(second);
        if (end !== undefined) length += 1 + second[0].length;
      }
    }
  }
  return { start, end, length };
}

export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = formula.length;
  let spaced = false;
  const push = (t: Omit<Token, "spaced">) => {
    tokens.push({ ...t, spaced });
    spaced = false;
  };
  while (i < n) {
    const ch = formula[i];
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      spaced = true;
      i++;
      continue;
    }
    const rest = formula.slice(i);
    if (ch === '"') {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= n) throw new FormulaSyntaxError("a string is not closed", i);
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += formula[j++];
      }
      push({ type: "string", text: value, pos: i });
      i = j + 1;
      continue;
    }
    if (ch === "#") {
      const e = ERRORS.find((x) => rest.toUpperCase().startsWith(x));
      if (e === undefined) throw new FormulaSyntaxError(`unknown error literal at ${i}`, i);
      push({ type: "error", text: e, pos: i });
      i += e.length;
      continue;
    }
    // Sheet-qualified things: 'quoted'!, [1]Sheet!, [1]!, Sheet1!
    const qualifier = readQualifier(rest);
    if (qualifier !== undefined) {
      const after = rest.slice(qualifier.length);
      const body = readReferenceBody(after);
      if (body !== undefined) {
        const ref: Reference = { sheet: qualifier.sheet, start: body.start, end: body.end };
        push({ type: "ref", text: rest.slice(0, qualifier.length + body.length), pos: i, ref });
        i += qualifier.length + body.length;
        continue;
      }
      const name = /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\?\u00C0-\uFFFF]*/.exec(after);
      if (name) {
        const isFunc = after.charAt(name[0].length) === "(";
        push({ type: isFunc ? "func" : "name", text: name[0], pos: i, prefix: rest.slice(0, qualifier.length) });
        i += qualifier.length + name[0].length;
        continue;
      }
      throw new FormulaSyntaxError(`nothing follows the sheet name at ${i}`, i);
    }
    if (/[0-9.]/.test(ch)) {
      // A row range (1:5) before a number.
      const body = readReferenceBody(rest);
      if (body !== undefined && body.start.column === undefined) {
        push({ type: "ref", text: rest.slice(0, body.length), pos: i, ref: { start: body.start, end: body.end } });
        i += body.length;
        continue;
      }
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
      if (!m) throw new FormulaSyntaxError(`bad number at ${i}`, i);
      push({ type: "number", text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (ch === "$" || NAME_START.test(ch)) {
      const body = readReferenceBody(rest);
      if (body !== undefined) {
        push({ type: "ref", text: rest.slice(0, body.length), pos: i, ref: { start: body.start, end: body.end } });
        i += body.length;
        continue;
      }
      const m = /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\?\u00C0-\uFFFF]*/.exec(rest);
      if (!m) throw new FormulaSyntaxError(`unexpected "${ch}" at ${i}`, i);
      const word = m[0];
      let j = i + word.length;
      if (formula[j] === "[") {
        // Structured reference: Table1[Column], Table1[[#This Row],[Amount]]
        const k = structuredEnd(formula, j);
        push({ type: "structured", text: formula.slice(i, k + 1), pos: i });
        i = k + 1;
        continue;
      }
      if (formula[j] === "(") {
        push({ type: "func", text: word, pos: i });
        i = j;
        continue;
      }
      if (/^(TRUE|FALSE)$/i.test(word)) {
        push({ type: "bool", text: word.toUpperCase(), pos: i });
        i = j;
        continue;
      }
      push({ type: "name", text: word, pos: i });
      i = j;
      continue;
    }
    const two = rest.slice(0, 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      push({ type: "op", text: two, pos: i });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>%:".includes(ch)) {
      push({ type: "op", text: ch, pos: i });
      i++;
      continue;
    }
    if (ch === "[") {
      // A structured reference without a table name, inside the table: [@Amount], [[#This Row],[Amount]].
      const k = structuredEnd(formula, i);
      push({ type: "structured", text: formula.slice(i, k + 1), pos: i });
      i = k + 1;
      continue;
    }
    const simple: Record<string, TokenType> = { "(": "lparen", ")": "rparen", "{": "lbrace", "}": "rbrace", ",": "comma", ";": "semicolon" };
    if (ch in simple) {
      push({ type: simple[ch], text: ch, pos: i });
      i++;
      continue;
    }
    throw new FormulaSyntaxError(`unexpected "${ch}" at ${i}`, i);
  }
  tokens.push({ type: "end", text: "", pos: n, spaced });
  return tokens;
}

/**
 * The index of the "]" that closes the structured reference whose first "[" is at `start`. In a
 * column name ' escapes the next character ('[, '], '#, ''), as Excel writes a header such as
 * "Rate [%]" (Table1[[Rate '[%']]]): "Using structured references with Excel tables",
 * support.microsoft.com, "Use an escape character for some special characters in column headers".
 */
function structuredEnd(formula: string, start: number): number {
  let depth = 0;
  for (let k = start; k < formula.length; k++) {
    const ch = formula[k];
    if (ch === "'" && depth > 0) {
      k++;
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]") {
      depth--;
      if (depth === 0) return k;
    }
  }
  throw new FormulaSyntaxError("a structured reference is not closed", start);
}

/** "'M1 (2)'!", "Sheet1!", "[1]Sheet1!", "'[1]Sheet 1'!", "[1]!" at the start of s. */
function readQualifier(s: string): { sheet?: string; length: number } | undefined {
  if (s.startsWith("'")) {
    let j = 1;
    let name = "";
    for (;;) {
      if (j >= s.length) return undefined;
      if (s[j] === "'") {
        if (s[j + 1] === "'") {
          name += "'";
          j += 2;
          continue;
        }
        break;
      }
      name += s[j++];
    }
    if (s[j + 1] !== "!") return undefined;
    return { sheet: name, length: j + 2 };
  }
  const m = /^(\[[^\]]+\])?([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)?!/.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return { sheet: m[2] === undefined ? m[1] : (m[1] ?? "") + m[2], length: m[0].length };
}

// ---------------------------------------------------------------- parser

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private expect(type: TokenType, what: string): Token {
    const t = this.next();
    if (t.type !== type) throw new FormulaSyntaxError(`expected ${what} at ${t.pos}, found "${t.text || "end"}"`, t.pos);
    return t;
  }

  parse(): Node {
    const node = this.comparison();
    const t = this.peek();
    if (t.type !== "end") {
      const what = t.spaced ? "the intersection operator (a space between references) is not supported" : `unexpected "${t.text}"`;
      throw new FormulaSyntaxError(`${what} at ${t.pos}`, t.pos);
    }
    return node;
  }

  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.type === "op" && ops.includes(t.text);
  }

  private comparison(): Node {
    let left = this.concat();
    while (this.isOp("=", "<>", "<", ">", "<=", ">=")) {
      const op = this.next().text as BinaryOp;
      left = { type: "binary", op, left, right: this.concat() };
    }
    return left;
  }

  private concat(): Node {
    let left = this.additive();
    while (this.isOp("&")) {
      this.next();
      left = { type: "binary", op: "&", left, right: this.additive() };
    }
    return left;
  }

  private additive(): Node {
    let left = this.multiplicative();
    while (this.isOp("+", "-")) {
      const op = this.next().text as BinaryOp;
      left = { type: "binary", op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.power();
    while (this.isOp("*", "/")) {
      const op = this.next().text as BinaryOp;
      left = { type: "binary", op, left, right: this.power() };
    }
    return left;
  }

  private power(): Node {
    let left = this.percent();
    while (this.isOp("^")) {
      this.next();
      left = { type: "binary", op: "^", left, right: this.percent() };
    }
    return left;
  }

  private percent(): Node {
    let node = this.unary();
    while (this.isOp("%")) {
      this.next();
      node = { type: "percent", operand: node };
    }
    return node;
  }

  private unary(): Node {
    if (this.isOp("+", "-")) {
      const op = this.next().text as "+" | "-";
      return { type: "unary", op, operand: this.unary() };
    }
    return this.range();
  }

  private range(): Node {
    let left = this.primary();
    while (this.isOp(":")) {
      this.next();
      left = { type: "binary", op: ":", left, right: this.primary() };
    }
    return left;
  }

  private primary(): Node {
    const t = this.next();
    switch (t.type) {
      case "number":
        return { type: "number", value: Number(t.text), raw: t.text };
      case "string":
        return { type: "string", value: t.text };
      case "bool":
        return { type: "bool", value: t.text === "TRUE" };
      case "error":
        return { type: "error", code: t.text };
      case "ref":
        return { type: "ref", ref: t.ref as Reference };
      case "structured":
        return { type: "structured", text: t.text };
      case "name":
        return t.prefix === undefined ? { type: "name", name: t.text } : { type: "name", prefix: t.prefix, name: t.text };
      case "func":
        return this.call(t);
      case "lparen": {
        const expr = this.comparison();
        this.expect("rparen", '")"');
        return { type: "paren", expr };
      }
      case "lbrace":
        return this.array(t);
      default:
        throw new FormulaSyntaxError(`unexpected "${t.text || "end of formula"}" at ${t.pos}`, t.pos);
    }
  }

  private call(t: Token): Node {
    this.expect("lparen", '"("');
    const args: Node[] = [];
    const name = (t.prefix ?? "") + t.text;
    if (this.peek().type === "rparen") {
      this.next();
      return { type: "call", name, args };
    }
    for (;;) {
      const p = this.peek();
      if (p.type === "comma" || p.type === "rparen") args.push({ type: "missing" });
      else args.push(this.comparison());
      const sep = this.next();
      if (sep.type === "rparen") break;
      if (sep.type !== "comma") {
        const what = sep.spaced ? "the intersection operator (a space between references) is not supported" : `expected "," or ")" but found "${sep.text || "end"}"`;
        throw new FormulaSyntaxError(`${what} at ${sep.pos}`, sep.pos);
      }
    }
    return { type: "call", name, args };
  }

  private array(open: Token): Node {
    const rows: Node[][] = [[]];
    for (;;) {
      let sign = "";
      if (this.isOp("-", "+")) sign = this.next().text;
      const t = this.next();
      let item: Node;
      if (t.type === "number") {
        const raw = sign === "-" ? `-${t.text}` : t.text;
        item = { type: "number", value: Number(raw), raw };
      } else if (sign !== "") {
        throw new FormulaSyntaxError(`a sign needs a number in an array constant at ${t.pos}`, t.pos);
      } else if (t.type === "string") item = { type: "string", value: t.text };
      else if (t.type === "bool") item = { type: "bool", value: t.text === "TRUE" };
      else if (t.type === "error") item = { type: "error", code: t.text };
      else throw new FormulaSyntaxError(`array constants hold numbers, text, TRUE/FALSE or errors (at ${t.pos})`, t.pos);
      rows[rows.length - 1].push(item);
      const sep = this.next();
      if (sep.type === "rbrace") break;
      if (sep.type === "comma") continue;
      if (sep.type === "semicolon") {
        rows.push([]);
        continue;
      }
      throw new FormulaSyntaxError(`expected "," ";" or "}" in the array constant opened at ${open.pos}`, sep.pos);
    }
    const width = rows[0].length;
    if (rows.some((r) => r.length !== width)) throw new FormulaSyntaxError("the rows of an array constant differ in length", open.pos);
    return { type: "array", rows };
  }
}

/**
 * The tokens of a formula ("=…"), positions in its body (the text after "="); undefined when it
 * is not a formula or cannot be read. Structured references, their ' escapes and the table-less
 * ones ([@Col]) are single "structured" tokens.
 */
export function tokensOf(formula: string): Token[] | undefined {
  if (!formula.startsWith("=")) return undefined;
  try {
    return tokenize(formula.slice(1));
  } catch {
    return undefined;
  }
}

/** A replacement for a span of a formula body (positions as tokensOf gives them). */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The formula ("=…") with each edit's span of its body replaced; the same string without edits. */
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

/**
 * The formula as it reads `rows` cells lower (a calculated column's formula filled into a new
 * row, a table row copied down): relative row references move by `rows`, absolute ones ($5)
 * stay, a reference moved above row 1 becomes #REF!. Structured references, names and text
 * need no change; a sheet qualifier stays as written.
 */
export function translateRows(formula: string, rows: number): string {
  if (rows === 0) return formula;
  const tokens = tokensOf(formula);
  if (tokens === undefined) return formula;
  const body = formula.slice(1);
  const edits: Edit[] = [];
  for (const t of tokens) {
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

/** Parses a formula ("=…"; the leading "=" is optional). Throws FormulaSyntaxError. */
export function parseFormula(formula: string): Node {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  if (text.trim() === "") throw new FormulaSyntaxError("the formula is empty", 0);
  return new Parser(tokenize(text)).parse();
}

// ---------------------------------------------------------------- printer

function printString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Prints a number without an exponent when it can (HyperFormula and older parsers do not read 1E-12). */
export function printNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} cannot be written in a formula`);
  if (Object.is(value, -0)) return "0";
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Plain decimal digits of the shortest round-tripping representation.
  const [mantissa, exp] = text.toLowerCase().split("e");
  const e = Number(exp);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const pointAt = mantissa.replace("-", "").indexOf(".") === -1 ? mantissa.replace("-", "").length : mantissa.replace("-", "").indexOf(".");
  const position = pointAt + e;
  let out: string;
  if (position <= 0) out = `0.${"0".repeat(-position)}${digits}`;
  else if (position >= digits.length) out = digits + "0".repeat(position - digits.length);
  else out = `${digits.slice(0, position)}.${digits.slice(position)}`;
  return (negative ? "-" : "") + out;
}

/** Prints a node back to formula text (without the leading "="). */
export function print(node: Node): string {
  switch (node.type) {
    case "number":
      return node.raw;
    case "string":
      return printString(node.value);
    case "bool":
      return node.value ? "TRUE" : "FALSE";
    case "error":
      return node.code;
    case "ref":
      return printReference(node.ref);
    case "name":
      return (node.prefix ?? "") + node.name;
    case "structured":
      return node.text;
    case "call":
      return `${node.name}(${node.args.map(print).join(",")})`;
    case "unary":
      return node.op + print(node.operand);
    case "percent":
      return `${print(node.operand)}%`;
    case "binary":
      return print(node.left) + node.op + print(node.right);
    case "array":
      return `{${node.rows.map((r) => r.map(print).join(",")).join(";")}}`;
    case "paren":
      return `(${print(node.expr)})`;
    case "missing":
      return "";
    case "raw":
      return node.text;
  }
}

export function printFormula(node: Node): string {
  return `=${print(node)}`;
}

/** Calls `visit` on every node, parents first. */
export function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  switch (node.type) {
    case "call":
      node.args.forEach((a) => walk(a, visit));
      break;
    case "unary":
    case "percent":
      walk(node.operand, visit);
      break;
    case "binary":
      walk(node.left, visit);
      walk(node.right, visit);
      break;
    case "array":
      node.rows.forEach((r) => r.forEach((a) => walk(a, visit)));
      break;
    case "paren":
      walk(node.expr, visit);
      break;
    default:
      break;
  }
}

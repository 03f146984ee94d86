/**
 * The converter: rewrites every COLLECT call in a formula into its native equivalent
 * (native.ts), wherever it sits (nested, inside native functions, several per formula), and
 * a sheet of cells at a time. A formula it cannot rewrite faithfully is left untouched and
 * reported with its address and the reason; it never writes a formula that could compute a
 * different number.
 *
 *   const result = convertSheet(cells, { sheet: "M1", names: { CollectBenchmarks: "Benchmarks!$A$5:$H$27" } });
 *   result.converted   // [{ address: "D5", formula: "=IF(…)" }, …]   cells to write
 *   result.skipped     // [{ address: "H9", reason: "…" }]
 *   result.names       // [{ name: "CollectKPI.contact_coverage.Meets", formula: "=IF(ISNA(MATCH(…)),0.95,…)" }]  names to define
 */
import { allFunctionNames, benchmarksBody } from "../core";
import {
  FormulaSyntaxError,
  Node,
  Reference,
  columnIndex,
  columnName,
  parseFormula,
  parseReference,
  print,
  printReference,
  referenceSize,
  printFormula,
  walk,
} from "./formula";
import { Constant, MAX_FORMULA_LENGTH, NATIVE, NativeContext, SpillCell, Unconvertible, isAtomicText, staticPooled, unconvertible } from "./native";
import { Reason, reason, reasonText } from "./reasons";

const skippedBecause = (why: Reason): FormulaConversion => ({ kind: "skipped", reason: reasonText(why), why });
const skippedCell = (address: string, why: Reason): SkippedCell => ({ address, reason: reasonText(why), why });

const COLLECT_FUNCTIONS = new Set(allFunctionNames());

/**
 * The COLLECT function a call name denotes, or undefined. Excel shows COLLECT.RECOVERYRATE;
 * the file stores an Office.js custom function as _xldudf_COLLECT_RECOVERYRATE (and, when a
 * link goes astray, [1]!_xldudf_…); _xll. and _xludf. prefixes occur in files written by other tools.
 */
export function collectFunction(callName: string): string | undefined {
  const bare = callName.replace(/^.*!/, "");
  const m = /^(?:_xldudf_COLLECT_|(?:_xll\.|_xludf\.|_xlfn\.)?COLLECT\.)([A-Za-z]+)$/i.exec(bare);
  if (!m) return undefined;
  const fn = m[1].toUpperCase();
  return COLLECT_FUNCTIONS.has(fn) ? fn : undefined;
}

const bare = (node: Node): Node => (node.type === "paren" ? bare(node.expr) : node);

/**
 * What a KPISCORE cell scores, when its formula is KPISCORE("id", <cell>, <benchmarks>) or the
 * templates' IF(<cell>="","",KPISCORE(…)) with the same cell: the id (lower case), the value cell
 * (relative text, no sheet) and the benchmarks argument as printed (lower case). Else undefined.
 */
export function kpiScoreCellKey(ast: Node): { id: string; value: string; benchmarks: string } | undefined {
  let call = bare(ast);
  let guardCell: string | undefined;
  if (call.type === "call" && call.name.toUpperCase() === "IF" && call.args.length === 3) {
    const [test, blank, inner] = call.args.map(bare);
    if (test.type !== "binary" || test.op !== "=" || blank.type !== "string" || blank.value !== "") return undefined;
    const l = bare(test.left);
    const r = bare(test.right);
    if (l.type !== "ref" || r.type !== "string" || r.value !== "") return undefined;
    guardCell = printReference(l.ref);
    call = inner;
  }
  if (call.type !== "call" || collectFunction(call.name) !== "KPISCORE" || call.args.length !== 3) return undefined;
  const [id, value, benchmarks] = call.args.map(bare);
  if (id.type !== "string" || value.type !== "ref" || value.ref.sheet !== undefined || value.ref.end !== undefined) return undefined;
  const cell = printReference({ start: { ...value.ref.start, absRow: false, absColumn: false } });
  if (guardCell !== undefined && guardCell.replace(/\$/g, "") !== cell) return undefined;
  return { id: id.value.toLowerCase(), value: cell, benchmarks: print(benchmarks).toLowerCase() };
}

/** True when a formula text calls a COLLECT function (a quick test; the parser decides). */
export function mentionsCollect(formula: string): boolean {
  return /(COLLECT[._][A-Za-z])/i.test(formula);
}

export interface SheetCell {
  /** A1 address on the sheet, e.g. "D5". */
  readonly address: string;
  /** What Office.js `formulas` reads: "=…" for a formula, else the constant (null or "" for empty). */
  readonly formula: string | number | boolean | null;
  /** The computed value (Office.js `values`): needed by mode "freeze" only. */
  readonly value?: string | number | boolean | null;
}

export interface ConvertOptions {
  /** The sheet's name (unqualified references in its formulas point to it). */
  readonly sheet: string;
  /** "native" (default) rewrites formulas; "freeze" replaces every cell that uses COLLECT with its current value. */
  readonly mode?: "native" | "freeze";
  /** Workbook names and what they refer to ("Benchmarks!$A$5:$H$27" or "='Bench 2'!$A$2:$H$30"). */
  readonly names?: Readonly<Record<string, string>>;
  /**
   * Constants of cells on other sheets (for metric ids a formula reads from there):
   * return the constant, null for empty, undefined for a formula or an unknown cell.
   */
  readonly constantAt?: (sheet: string, address: string) => Constant | undefined;
  /**
   * The cells a structured reference (CK_M1[[Recovered]], T[@Value]) stands for in the workbook
   * the conversion runs against, for a formula in cell `address` of `sheet` (where [@…] is that
   * cell's row; undefined when convertFormula is given no address): a sheet-qualified range, or undefined when the table or column is not known.
   * Asked only where a size or a constant matters (a one-cell argument, a metric id, SCORE's
   * cells); the reference itself stays in the native formula. Without it, such a call is left
   * as it is and reported (structuredUnknown).
   */
  readonly structuredRef?: (text: string, sheet: string, address: string | undefined) => Reference | undefined;
}

export interface ConvertedCell {
  readonly address: string;
  /** The new content: a native formula ("=…"), or a constant (freeze, METRICS). */
  readonly formula: string | number | boolean;
}

export interface SkippedCell {
  readonly address: string;
  /** Why, in English. */
  readonly reason: string;
  /** Why, as data the task pane says in its own language (reasons.ts). */
  readonly why: Reason;
}

export interface NameDefinition {
  readonly name: string;
  /** "=…" */
  readonly formula: string;
}

export interface SheetConversion {
  /** Cells to write (the converted formula cells and, for spilled functions, their output cells). */
  readonly converted: ConvertedCell[];
  readonly skipped: SkippedCell[];
  /** Workbook names the converted formulas use (define them before or with the formulas). */
  readonly names: NameDefinition[];
  readonly summary: { readonly converted: number; readonly frozen: number; readonly skipped: number };
}

/** One formula's conversion. */
export type FormulaConversion =
  | { readonly kind: "unchanged" }
  | { readonly kind: "converted"; readonly formula: string; readonly names: NameDefinition[] }
  | { readonly kind: "spilled"; readonly cells: SpillCell[]; readonly names: NameDefinition[] }
  | { readonly kind: "skipped"; readonly reason: string; readonly why: Reason };

interface Address {
  readonly row: number;
  readonly column: number;
}

function parseAddress(address: string): Address {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.replace(/^.*!/, ""));
  if (!m) throw new Error(`"${address}" is not a cell address`);
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
}

function addressText(a: Address): string {
  return `${columnName(a.column)}${a.row + 1}`;
}

function resolveNames(names: Readonly<Record<string, string>> | undefined): Map<string, Reference> {
  const out = new Map<string, Reference>();
  for (const [name, target] of Object.entries(names ?? {})) {
    // CollectBenchmarks holds =IF(body="","",body) (core/benchmarksName.ts): it stands for its body.
    const body = benchmarksBody(target.startsWith("=") ? target : `=${target}`);
    const ref = parseReference(body !== undefined ? body.ref : target.replace(/^=/, ""));
    if (ref !== undefined && ref.sheet !== undefined) out.set(name.toLowerCase(), ref);
  }
  return out;
}

/**
 * Converts one formula. `constantAt` answers for cells of any sheet (undefined sheet = this one).
 */
export function convertFormula(
  formula: string,
  options: ConvertOptions,
  constantAt: (ref: Reference) => Constant | undefined = () => undefined,
  scoreCell?: NativeContext["scoreCell"],
  /** The formula's cell (A1 on options.sheet), for a structured reference to its own row ([@…]). */
  address?: string
): FormulaConversion {
  if (!mentionsCollect(formula)) return { kind: "unchanged" };
  let ast: Node;
  try {
    ast = parseFormula(formula);
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return skippedBecause(reason("unreadable", e.message));
    throw e;
  }
  let calls = 0;
  walk(ast, (n) => {
    if (n.type === "call" && collectFunction(n.name) !== undefined) calls++;
  });
  if (calls === 0) return { kind: "unchanged" };

  const names = new Map<string, string>();
  const resolved = resolveNames(options.names);
  const ctx: NativeContext = {
    sheet: options.sheet,
    constantAt,
    scoreCell,
    structuredRef: (text) => options.structuredRef?.(text, options.sheet, address),
    resolveName: (name) => resolved.get(name.toLowerCase()),
    defineName: (name, f) => {
      names.set(name, f);
    },
  };
  const nameList = (): NameDefinition[] => [...names].map(([name, f]) => ({ name, formula: f }));

  try {
    // A spilled function is converted only as the whole formula (or as the last argument of a
    // guard, IF(COUNT(x)=0,"",ROLLRATES(x)), as the templates write it): its output cells get
    // one formula each, inside the same guard. The guard's text is copied as it is: a formula
    // written into another cell keeps the references it was written with.
    const guard = spillGuard(ast);
    const spilled = guard !== undefined ? guard.spill : ast;
    const top = spilled.type === "call" ? collectFunction(spilled.name) : undefined;
    if (top !== undefined && NATIVE[top].spill !== undefined) {
      const ast = spilled;
      for (const arg of ast.type === "call" ? ast.args : []) {
        let nested = false;
        walk(arg, (n) => {
          if (n.type === "call" && collectFunction(n.name) !== undefined) nested = true;
        });
        if (nested) throw unconvertible("spillOverCollect", top);
      }
      const unguarded = (NATIVE[top].spill as NonNullable<(typeof NATIVE)[string]["spill"]>)(ast.type === "call" ? ast.args : [], ctx);
      const cells = guard === undefined ? unguarded : unguarded.map((c) => ({ ...c, content: guarded(guard, c.content) }));
      for (const c of cells) {
        if (typeof c.content === "string" && c.content.startsWith("=") && c.content.length > MAX_FORMULA_LENGTH) {
          throw unconvertible("tooLong", MAX_FORMULA_LENGTH);
        }
      }
      return { kind: "spilled", cells, names: nameList() };
    }
    const rewritten = rewrite(ast, ctx);
    const text = printFormula(rewritten);
    if (text.length > MAX_FORMULA_LENGTH) {
      throw unconvertible("tooLongBy", text.length, MAX_FORMULA_LENGTH);
    }
    return { kind: "converted", formula: text, names: nameList() };
  } catch (e) {
    if (e instanceof Unconvertible) return skippedBecause(e.why);
    throw e;
  }
}

/** IF(condition, alternative, SPILLFN(…)) where only SPILLFN calls COLLECT: the templates' guard of a spilled function. */
interface SpillGuard {
  readonly condition: Node;
  readonly alternative: Node;
  readonly spill: Node;
}

function spillGuard(ast: Node): SpillGuard | undefined {
  if (ast.type !== "call" || ast.name.toUpperCase() !== "IF" || ast.args.length !== 3) return undefined;
  const [condition, alternative, spill] = ast.args;
  if (spill.type !== "call") return undefined;
  const fn = collectFunction(spill.name);
  if (fn === undefined || NATIVE[fn].spill === undefined) return undefined;
  let other = false;
  for (const part of [condition, alternative]) {
    walk(part, (n) => {
      if (n.type === "call" && collectFunction(n.name) !== undefined) other = true;
    });
  }
  return other ? undefined : { condition, alternative, spill };
}

/** One output cell of a guarded spill: =IF(condition,alternative,cell). */
function guarded(guard: SpillGuard, content: string | number): string {
  const cell = typeof content === "number" ? String(content) : content.startsWith("=") ? content.slice(1) : `"${content.replace(/"/g, '""')}"`;
  return `=IF(${print(guard.condition)},${print(guard.alternative)},${cell})`;
}

/**
 * IFNA(x, y) is an Excel 2013 function: where x was a COLLECT call that became a short native
 * text (BENCHMARK's CollectKPI.<id>.Meets), it is written IF(ISNA(x),y,x), which Excel 2010
 * computes too, with the same result. A longer x keeps IFNA (repeating it would double it).
 */
function ifnaOf(node: Node & { type: "call" }, args: readonly Node[]): Node | undefined {
  if (!/^(_xlfn\.)?IFNA$/i.test(node.name) || args.length !== 2 || args[0].type !== "raw" || node.args[0].type !== "call") return undefined;
  if (collectFunction(node.args[0].name) === undefined || args[0].text.length > 80) return undefined;
  const x = args[0].text;
  return { type: "raw", text: `IF(ISNA(${x}),${print(args[1])},${x})` };
}

/** A rewritten call used as an operand: SUM(a)/SUM(b) needs parentheses there, IF(…) does not. */
function operand(node: Node): Node {
  return node.type === "raw" && !isAtomicText(node.text) ? { type: "paren", expr: node } : node;
}

/** Rewrites COLLECT calls bottom-up; a spilled function inside another expression cannot be written out. */
function rewrite(node: Node, ctx: NativeContext): Node {
  switch (node.type) {
    case "call": {
      const args = node.args.map((a) => rewrite(a, ctx));
      const fn = collectFunction(node.name);
      if (fn === undefined) return ifnaOf(node, args) ?? { type: "call", name: node.name, args };
      const entry = NATIVE[fn];
      if (entry.unsupported !== undefined) throw new Unconvertible(entry.unsupported);
      if (entry.scalar === undefined) throw unconvertible("spillInside", fn);
      const text = entry.scalar(args, ctx);
      // Stop early: a native formula repeats its arguments, so nesting multiplies the length.
      if (text.length > MAX_FORMULA_LENGTH) {
        throw unconvertible("tooLongNested", MAX_FORMULA_LENGTH, fn);
      }
      return { type: "raw", text };
    }
    case "unary":
      return { type: "unary", op: node.op, operand: operand(rewrite(node.operand, ctx)) };
    case "percent":
      return { type: "percent", operand: operand(rewrite(node.operand, ctx)) };
    case "binary":
      return { type: "binary", op: node.op, left: operand(rewrite(node.left, ctx)), right: operand(rewrite(node.right, ctx)) };
    case "paren":
      return { type: "paren", expr: rewrite(node.expr, ctx) };
    default:
      return node;
  }
}

/** Converts the cells of one sheet. Only cells whose formula calls COLLECT change. */
export function convertSheet(cells: readonly SheetCell[], options: ConvertOptions): SheetConversion {
  const mode = options.mode ?? "native";
  const byAddress = new Map<string, SheetCell>();
  for (const c of cells) byAddress.set(addressText(parseAddress(c.address)), c);
  const constantHere = (address: string): Constant | undefined => {
    const c = byAddress.get(address);
    if (c === undefined) return null;
    if (typeof c.formula === "string" && c.formula.startsWith("=")) return undefined;
    return c.formula === "" ? null : c.formula;
  };
  const constantAt = (ref: Reference): Constant | undefined => {
    const a = addressText({ row: ref.start.row ?? 0, column: ref.start.column ?? 0 });
    if (ref.sheet === undefined || ref.sheet === options.sheet) return constantHere(a);
    return options.constantAt?.(ref.sheet, a);
  };

  // The sheet's KPISCORE cells by what they score, found once, when a SCORE asks (scoreOverScoreCells).
  let scoreCells: Map<string, string> | undefined;
  const scoreCell = (id: string, value: Reference, benchmarks: string): Reference | undefined => {
    if (value.sheet !== undefined && value.sheet !== options.sheet) return undefined;
    if (scoreCells === undefined) {
      scoreCells = new Map();
      for (const c of cells) {
        if (typeof c.formula !== "string" || !/KPISCORE/i.test(c.formula)) continue;
        let key: ReturnType<typeof kpiScoreCellKey>;
        try {
          key = kpiScoreCellKey(parseFormula(c.formula));
        } catch {
          continue;
        }
        const k = key === undefined ? undefined : `${key.id}|${key.value}|${key.benchmarks}`;
        if (k !== undefined && !scoreCells.has(k)) scoreCells.set(k, addressText(parseAddress(c.address)));
      }
    }
    const cell = addressText({ row: value.start.row ?? 0, column: value.start.column ?? 0 });
    const found = scoreCells.get(`${id.toLowerCase()}|${cell}|${benchmarks.toLowerCase()}`);
    return found === undefined ? undefined : parseReference(found);
  };

  const converted: ConvertedCell[] = [];
  const skipped: SkippedCell[] = [];
  const names = new Map<string, string>();
  let convertedCount = 0;
  let frozenCount = 0;
  // Output cells of spilled functions, so that two conversions never write the same cell.
  const claimed = new Set<string>();

  for (const cell of cells) {
    if (typeof cell.formula !== "string" || !cell.formula.startsWith("=") || !mentionsCollect(cell.formula)) continue;
    const anchor = parseAddress(cell.address);
    const address = addressText(anchor);
    if (mode === "freeze") {
      const frozen = freeze(cell, anchor, byAddress);
      if (!Array.isArray(frozen)) skipped.push(skippedCell(address, frozen));
      else {
        for (const f of frozen) converted.push(f);
        frozenCount++;
      }
      continue;
    }
    const result = convertFormula(cell.formula, options, constantAt, scoreCell, address);
    switch (result.kind) {
      case "unchanged":
        break;
      case "skipped":
        skipped.push(skippedCell(address, result.why));
        break;
      case "converted":
        converted.push({ address, formula: result.formula });
        result.names.forEach((n) => names.set(n.name, n.formula));
        convertedCount++;
        break;
      case "spilled": {
        const targets = result.cells.map((c) => ({ ...c, address: addressText({ row: anchor.row + c.row, column: anchor.column + c.column }) }));
        const blocked = targets.find((t) => {
          if (t.address === address) return false;
          const existing = byAddress.get(t.address);
          const occupied = existing !== undefined && existing.formula !== null && existing.formula !== "";
          return occupied || claimed.has(t.address);
        });
        if (blocked !== undefined) {
          skipped.push(skippedCell(address, reason("spillBlocked", blocked.address)));
          break;
        }
        for (const t of targets) {
          claimed.add(t.address);
          converted.push({ address: t.address, formula: t.content });
        }
        result.names.forEach((n) => names.set(n.name, n.formula));
        convertedCount++;
        break;
      }
    }
  }
  return {
    converted,
    skipped,
    names: [...names].map(([name, formula]) => ({ name, formula })),
    summary: { converted: convertedCount, frozen: frozenCount, skipped: skipped.length },
  };
}

/** The size a spilled COLLECT formula occupies, when its argument is a plain reference; else undefined. */
function spillSize(formula: string): { rows: number; columns: number } | undefined {
  let ast: Node;
  try {
    ast = parseFormula(formula);
  } catch {
    return undefined;
  }
  if (ast.type !== "call") return { rows: 1, columns: 1 };
  ast = spillGuard(ast)?.spill ?? ast;
  if (ast.type !== "call") return { rows: 1, columns: 1 };
  const fn = collectFunction(ast.name);
  if (fn === undefined || NATIVE[fn].spill === undefined) return { rows: 1, columns: 1 };
  if (fn === "METRICS") {
    try {
      const cells = NATIVE.METRICS.spill!(ast.args, {} as NativeContext);
      return { rows: Math.max(...cells.map((c) => c.row)) + 1, columns: Math.max(...cells.map((c) => c.column)) + 1 };
    } catch {
      return undefined;
    }
  }
  // VINTAGE spills the shape of its second argument (recovered), one row of it when pooled is TRUE,
  // and one #VALUE! cell for a pooled literal that is neither (staticPooled, as its native form reads it).
  if (fn === "VINTAGE") {
    const pooled = staticPooled(ast.args[3]);
    if (pooled === undefined) return undefined;
    if (pooled === "bad") return { rows: 1, columns: 1 };
    const block = ast.args[1];
    if (block === undefined || block.type !== "ref") return undefined;
    const { rows, columns } = referenceSize(block.ref);
    return { rows: pooled ? 1 : rows, columns };
  }
  const arg = ast.args[0];
  const ref = arg !== undefined && arg.type === "ref" ? arg.ref : undefined;
  if (ref === undefined) return undefined;
  const text = print(arg);
  const parsed = parseReference(text);
  if (parsed === undefined) return undefined;
  const end = ref.end ?? ref.start;
  const rows = Math.abs((end.row ?? 0) - (ref.start.row ?? 0)) + 1;
  const columns = Math.abs((end.column ?? 0) - (ref.start.column ?? 0)) + 1;
  if (fn === "ROLLRATES") return rows < 2 || columns < 2 ? { rows: 1, columns: 1 } : { rows: rows - 1, columns: columns - 1 };
  return rows === 1 || columns === 1 ? { rows, columns } : { rows: 1, columns: 1 };
}

/** Freeze: the cell's current value, and the values of the cells a spilled function fills. */
function freeze(cell: SheetCell, anchor: Address, byAddress: Map<string, SheetCell>): ConvertedCell[] | Reason {
  if (cell.value === undefined) return reason("valueUnknown");
  const size = spillSize(cell.formula as string);
  if (size === undefined) return reason("spillSizeUnknown");
  const out: ConvertedCell[] = [];
  for (let r = 0; r < size.rows; r++)
    for (let c = 0; c < size.columns; c++) {
      const address = addressText({ row: anchor.row + r, column: anchor.column + c });
      const source = r === 0 && c === 0 ? cell : byAddress.get(address);
      const value = source?.value ?? null;
      out.push({ address, formula: frozenContent(value) });
    }
  return out;
}

/** A value written back as a constant: text that Excel would read as a formula or number keeps a leading apostrophe. */
function frozenContent(value: string | number | boolean | null): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  if (/^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!)$/.test(value)) return value;
  if (/^[=+\-@']/.test(value) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?\s*$/.test(value) || /^(TRUE|FALSE)$/i.test(value)) return `'${value}`;
  return value;
}

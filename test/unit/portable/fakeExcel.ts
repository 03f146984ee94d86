/**
 * A minimal Office.js-like request context for makePortable, with Office.js rules that
 * matter here: a property is readable only after load() and the sync that follows, writes
 * reach the workbook at sync(), null in a written `formulas` array leaves the cell alone,
 * `formulas` of a cell without a formula of its own gives its value (a spilled cell's too:
 * "If a cell has no formula, its value is returned instead", Excel.Range.formulas), spills are
 * found with getSpillingToRangeOrNullObject (1.12) and formula cells with
 * getSpecialCellsOrNullObject("Formulas") (1.9).
 * Kept beside src/excel-sim (which implements the same subset since the Share tab) as a
 * second, independent model of those rules: test/unit/portable/pane.test.ts runs on the sim.
 */
import { columnIndex, columnName } from "../../../src/portable/formula";
import type { PortableCell, PortableContext, PortableNamedItem, PortableRange, PortableRangeAreas, PortableTable, PortableWorksheet } from "../../../src/portable/excelAction";

export interface FakeCell {
  /** The input: a formula, a constant, or "" for a cell a dynamic array spills into (no input of its own). */
  formula: PortableCell;
  value: PortableCell;
  /** Text typed with an apostrophe ('=COLLECT.…): `formulas` and `values` give it without one (office-js#6687). */
  text?: boolean;
}

export interface FakeName {
  name: string;
  formula: string;
  visible: boolean;
  comment?: string;
}

export class FakeWorkbook {
  readonly sheets = new Map<string, Map<string, FakeCell>>();
  names: FakeName[] = [];
  active = "";
  syncs = 0;
  /** Every range write: sheet, address, and the grid written. */
  readonly writes: { sheet: string; address: string; grid: PortableCell[][] }[] = [];
  /** Every range load: sheet, address ("(used range)" for getUsedRangeOrNullObject), properties. */
  readonly reads: { sheet: string; address: string; props: string[] }[] = [];
  /** Spill areas by sheet, then by anchor: "B15" → "B15:G20". */
  readonly spills = new Map<string, Map<string, string>>();
  /** Calls of getSpillingToRangeOrNullObject and getSpecialCellsOrNullObject. */
  readonly calls: { sheet: string; address: string; method: string }[] = [];

  addSheet(name: string, cells: Record<string, FakeCell>): void {
    this.sheets.set(name, new Map(Object.entries(cells)));
    if (this.active === "") this.active = name;
  }

  run<T>(batch: (context: PortableContext) => Promise<T>): Promise<T> {
    return batch(new FakeContext(this));
  }

  /** Records the area `anchor` spills into: the anchor and the value-only cells right of it, then the rows of them below. */
  spillFrom(sheet: string, anchor: string): void {
    const cells = this.sheets.get(sheet) as Map<string, FakeCell>;
    const a = parse(anchor);
    const spilled = (row: number, column: number): boolean => {
      const c = cells.get(`${columnName(column)}${row + 1}`);
      return c !== undefined && c.formula === "" && c.value !== null && c.value !== "";
    };
    let columns = 1;
    while (spilled(a.row, a.column + columns)) columns++;
    let rows = 1;
    while (Array.from({ length: columns }, (_, c) => spilled(a.row + rows, a.column + c)).every(Boolean)) rows++;
    if (rows * columns === 1) return;
    let map = this.spills.get(sheet);
    if (map === undefined) this.spills.set(sheet, (map = new Map()));
    map.set(anchor, `${anchor}:${columnName(a.column + columns - 1)}${a.row + rows}`);
  }
}

type Op = () => void;

class NotLoaded extends Error {}

function inArea(area: string, address: string): boolean {
  const [a, b] = area.split(":").map(parse);
  const p = parse(address);
  return p.row >= a.row && p.row <= b.row && p.column >= a.column && p.column <= b.column;
}

function parse(address: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  return { row: Number(m[2]) - 1, column: columnIndex(m[1]) };
}

class FakeContext implements PortableContext {
  readonly queue: Op[] = [];
  readonly workbook: PortableContext["workbook"];

  constructor(readonly book: FakeWorkbook) {
    const ctx = this;
    const sheetsProxy = {
      loadedItems: undefined as PortableWorksheet[] | undefined,
      get items(): PortableWorksheet[] {
        if (this.loadedItems === undefined) throw new NotLoaded("worksheets.items");
        return this.loadedItems;
      },
      load(props: string) {
        if (props !== "items/name") throw new Error(`unexpected load ${props}`);
        ctx.queue.push(() => (this.loadedItems = [...book.sheets.keys()].map((n) => new FakeSheet(ctx, n, true))));
        return this;
      },
      getActiveWorksheet: () => new FakeSheet(ctx, book.active, false),
    };
    const namesProxy = {
      loadedItems: undefined as PortableNamedItem[] | undefined,
      get items(): PortableNamedItem[] {
        if (this.loadedItems === undefined) throw new NotLoaded("names.items");
        return this.loadedItems;
      },
      load(props: string) {
        if (props !== "items/name,items/formula") throw new Error(`unexpected load ${props}`);
        ctx.queue.push(() => (this.loadedItems = book.names.map((n) => new FakeNamedItem(ctx, n))));
        return this;
      },
      add(name: string, reference: string, comment?: string): PortableNamedItem {
        const entry: FakeName = { name, formula: reference, visible: true, comment };
        const item = new FakeNamedItem(ctx, entry);
        ctx.queue.push(() => {
          if (book.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new Error(`the name ${name} exists`);
          book.names.push(entry);
        });
        return item;
      },
    };
    // A workbook without Excel tables (the table cases run through the simulator).
    const tablesProxy = {
      items: [] as PortableTable[],
      load(props: string) {
        if (props !== "items/name,items/showTotals,items/showHeaders") throw new Error(`unexpected load ${props}`);
        return this;
      },
    };
    this.workbook = { worksheets: sheetsProxy, names: namesProxy, tables: tablesProxy };
  }

  async sync(): Promise<void> {
    this.book.syncs++;
    await Promise.resolve();
    const ops = this.queue.splice(0);
    for (const op of ops) op();
  }
}

class FakeNamedItem implements PortableNamedItem {
  constructor(
    private readonly ctx: FakeContext,
    private readonly entry: FakeName
  ) {}
  get name(): string {
    return this.entry.name;
  }
  get formula(): unknown {
    return this.entry.formula;
  }
  get visible(): boolean {
    return this.entry.visible;
  }
  set visible(v: boolean) {
    this.ctx.queue.push(() => (this.entry.visible = v));
  }
  delete(): void {
    this.ctx.queue.push(() => (this.ctx.book.names = this.ctx.book.names.filter((n) => n !== this.entry)));
  }
}

class FakeSheet implements PortableWorksheet {
  private nameLoaded: boolean;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheetName: string,
    loaded: boolean
  ) {
    this.nameLoaded = loaded;
  }
  get name(): string {
    if (!this.nameLoaded) throw new NotLoaded("worksheet.name");
    return this.sheetName;
  }
  load(props: string): PortableWorksheet {
    if (props !== "name") throw new Error(`unexpected load ${props}`);
    this.ctx.queue.push(() => (this.nameLoaded = true));
    return this;
  }
  getUsedRangeOrNullObject(): PortableRange {
    return new FakeRange(this.ctx, this.sheetName, undefined);
  }
  getRange(address?: string): PortableRange {
    if (address === undefined) throw new Error("the whole sheet");
    return new FakeRange(this.ctx, this.sheetName, address);
  }
}

/** What `formulas` gives for a cell: its formula, else its value (a spilled cell's value, a text cell without its apostrophe). */
function formulaOf(c: FakeCell | undefined): PortableCell {
  if (c === undefined) return "";
  return c.formula === "" || c.text === true ? (c.value ?? "") : c.formula;
}

class FakeRangeAreas implements PortableRangeAreas {
  private loaded = false;
  private result: string | null = null;
  constructor(
    private readonly ctx: FakeContext,
    sheet: string,
    box: string
  ) {
    ctx.queue.push(() => {
      ctx.book.calls.push({ sheet, address: box, method: "getSpecialCellsOrNullObject" });
      const cells = ctx.book.sheets.get(sheet) as Map<string, FakeCell>;
      const found = [...cells]
        .filter(([address, c]) => inArea(box.includes(":") ? box : `${box}:${box}`, address) && typeof c.formula === "string" && c.formula.startsWith("=") && c.text !== true)
        .map(([address]) => parse(address))
        .sort((a, b) => a.row - b.row || a.column - b.column);
      // Runs along each row (the sim merges rows too: two models, one contract).
      const runs: string[] = [];
      let start: { row: number; column: number } | undefined;
      let last: { row: number; column: number } | undefined;
      const close = () => {
        if (start !== undefined && last !== undefined) {
          const a = `${columnName(start.column)}${start.row + 1}`;
          const b = `${columnName(last.column)}${last.row + 1}`;
          runs.push(`${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet}'`}!${a === b ? a : `${a}:${b}`}`);
        }
      };
      for (const p of found) {
        if (last !== undefined && p.row === last.row && p.column === last.column + 1) last = p;
        else {
          close();
          start = last = p;
        }
      }
      close();
      this.result = runs.length === 0 ? null : runs.join(", ");
    });
  }
  load(props: string): PortableRangeAreas {
    if (props !== "address") throw new Error(`unexpected load ${props}`);
    this.ctx.queue.push(() => (this.loaded = true));
    return this;
  }
  get isNullObject(): boolean {
    if (!this.loaded) throw new NotLoaded("isNullObject");
    return this.result === null;
  }
  get address(): string {
    if (!this.loaded) throw new NotLoaded("address");
    return this.result as string;
  }
}

class FakeRange implements PortableRange {
  private loaded: Record<string, unknown> | undefined;
  private isNull = false;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: string,
    private address0: string | undefined,
    /** Resolved at the sync: null for a null object (getSpillingToRangeOrNullObject of a cell that does not spill). */
    private readonly resolve?: () => string | null
  ) {
    if (resolve !== undefined) {
      ctx.queue.push(() => {
        const address = resolve();
        if (address === null) this.isNull = true;
        else this.address0 = address;
      });
    }
  }

  getSpillingToRangeOrNullObject(): PortableRange {
    const cell = this.address0 as string;
    return new FakeRange(this.ctx, this.sheet, undefined, () => {
      this.ctx.book.calls.push({ sheet: this.sheet, address: cell, method: "getSpillingToRangeOrNullObject" });
      if (cell.includes(":")) return null;
      return this.ctx.book.spills.get(this.sheet)?.get(cell) ?? null;
    });
  }

  getSpecialCellsOrNullObject(cellType: "Formulas"): PortableRangeAreas {
    if (cellType !== "Formulas") throw new Error(cellType);
    return new FakeRangeAreas(this.ctx, this.sheet, this.address0 as string);
  }

  private read<T>(p: string): T {
    if (this.loaded === undefined || !(p in this.loaded)) throw new NotLoaded(`range.${p}`);
    return this.loaded[p] as T;
  }
  get address(): string {
    return this.read("address");
  }
  get isNullObject(): boolean {
    if (this.loaded === undefined) throw new NotLoaded("isNullObject");
    return this.isNull;
  }
  get values(): PortableCell[][] {
    return this.read("values");
  }
  get formulas(): PortableCell[][] {
    return this.read("formulas");
  }
  set formulas(grid: PortableCell[][]) {
    const address = this.address0 as string;
    const copy = grid.map((r) => [...r]);
    this.ctx.queue.push(() => {
      const cells = this.ctx.book.sheets.get(this.sheet) as Map<string, FakeCell>;
      const [a, b = a] = address.split(":");
      const p = parse(a);
      const q = parse(b);
      if (copy.length !== q.row - p.row + 1 || copy.some((r) => r.length !== q.column - p.column + 1)) throw new Error("the grid does not fit the range");
      const spills = this.ctx.book.spills.get(this.sheet) ?? new Map<string, string>();
      const written = new Set<string>();
      copy.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v === null) return;
          const key = `${columnName(p.column + c)}${p.row + r + 1}`;
          written.add(key);
          if (v === "") cells.delete(key);
          else if (typeof v === "string" && v.startsWith("'")) cells.set(key, { formula: v.slice(1), value: v.slice(1), text: true });
          else cells.set(key, { formula: v, value: typeof v === "string" && v.startsWith("=") ? null : v });
        })
      );
      // A spill whose anchor or area was written is gone: its other cells are empty unless written.
      for (const [anchor, area] of [...spills]) {
        if (![...written].some((w) => inArea(area, w))) continue;
        spills.delete(anchor);
        for (const [key, cell] of [...cells]) if (inArea(area, key) && key !== anchor && cell.formula === "" && !written.has(key)) cells.delete(key);
      }
      this.ctx.book.writes.push({ sheet: this.sheet, address, grid: copy });
    });
  }

  load(props: string): PortableRange {
    const wanted = props.split(",");
    this.ctx.queue.push(() => {
      if (this.isNull) {
        this.loaded = Object.fromEntries(wanted.map((w) => [w, null]));
        return;
      }
      const cells = this.ctx.book.sheets.get(this.sheet) as Map<string, FakeCell>;
      this.ctx.book.reads.push({ sheet: this.sheet, address: this.address0 ?? "(used range)", props: wanted });
      let top: number, left: number, bottom: number, right: number;
      if (this.address0 !== undefined) {
        // getRange(address): exactly that box.
        const [a, b = a] = this.address0.split(":");
        ({ row: top, column: left } = parse(a));
        ({ row: bottom, column: right } = parse(b));
      } else {
        const keys = [...cells.keys()].map(parse);
        if (keys.length === 0) {
          this.isNull = true;
          this.loaded = {};
          return;
        }
        top = Math.min(...keys.map((k) => k.row));
        left = Math.min(...keys.map((k) => k.column));
        bottom = Math.max(...keys.map((k) => k.row));
        right = Math.max(...keys.map((k) => k.column));
      }
      const grid = (f: (c: FakeCell | undefined) => PortableCell) =>
        Array.from({ length: bottom - top + 1 }, (_, r) => Array.from({ length: right - left + 1 }, (_, c) => f(cells.get(`${columnName(left + c)}${top + r + 1}`))));
      const all: Record<string, unknown> = {
        address: `${/^[A-Za-z_][A-Za-z0-9_.]*$/.test(this.sheet) ? this.sheet : `'${this.sheet}'`}!${columnName(left)}${top + 1}:${columnName(right)}${bottom + 1}`,
        formulas: grid(formulaOf),
        values: grid((c) => (c === undefined ? "" : c.value)),
      };
      this.loaded = Object.fromEntries(wanted.map((w) => [w, all[w]]));
    });
    return this;
  }
}

import { CATALOGUE, Direction, Metric, findMetric } from "./catalogue";
import { MessageDetail, MetricError } from "./errors";
import { Cell, Grid, isBlank } from "./grid";
import { detailedError } from "./messages";

/** The thresholds one metric is judged against. */
export interface Benchmark {
  readonly metric: Metric;
  readonly direction: Direction;
  readonly meets?: number;
  readonly excellent?: number;
  readonly redLine: boolean;
}

const COL = { id: 0, direction: 2, meets: 3, excellent: 4, redLine: 6 } as const;

export function defaultBenchmark(metric: Metric): Benchmark {
  return { metric, direction: metric.direction, meets: metric.meets, excellent: metric.excellent, redLine: metric.redLine };
}

/**
 * Each metric's position in the catalogue, and one shared default Benchmark per metric:
 * SCORE looks up a benchmark per cell and builds a Benchmarks per call, so neither may
 * allocate per metric. A Benchmark is read-only, so sharing it is safe.
 */
const SLOT: ReadonlyMap<Metric, number> = new Map(CATALOGUE.map((m, i) => [m, i]));
const SLOT_BY_ID: ReadonlyMap<string, number> = new Map(CATALOGUE.map((m, i) => [m.id, i]));
const DEFAULTS: readonly Benchmark[] = CATALOGUE.map(defaultBenchmark);
/** Values of Benchmarks.rows: no row for the metric, or more than one; otherwise row index + 1. */
const NO_ROW = 0;
const DUPLICATE = -1;

/** The catalogue slot of a metric id as findMetric matches it (case- and space-insensitive), without a new string for a canonical id. */
function slotOfId(id: string): number | undefined {
  const slot = SLOT_BY_ID.get(id);
  if (slot !== undefined) return slot;
  const metric = findMetric(id);
  return metric === undefined ? undefined : SLOT.get(metric);
}

/** Metric id from a metric argument: text, trimmed; unknown ids are #N/A. */
export function requireMetric(value: unknown, param = "metric"): Metric {
  if (typeof value !== "string" || value.trim() === "") throw detailedError("invalidValue", "metricNotText", param);
  const metric = findMetric(value);
  if (metric === undefined) throw detailedError("notAvailable", "unknownMetric", value.trim());
  return metric;
}

/** The key cells of a row besides its id: the ones a benchmark is parsed from (Name, Unit and Source are labels only). */
const OTHER_KEYS = [COL.direction, COL.meets, COL.excellent, COL.redLine] as const;
const OTHERS = OTHER_KEYS.length;

/**
 * A Benchmarks table as read, with what was derived from it. Excel hands every SCORE or
 * GRADE cell a fresh copy of the same range (new arrays, new strings, equal cells), so a
 * sheet of 10,000 SCORE cells would parse one table 10,000 times: the last table read is
 * kept, and a later table reuses it while its cells are the same. Only cells are compared,
 * copied here, never array identity: the caller may reuse and change its arrays.
 *
 * Every lookup compares each row's length and id: ids decide which row belongs to which
 * metric and which rows are duplicates. The other key cells of a row are compared only when
 * its metric is asked for, once per lookup: a cell that changed there is copied and the row
 * parsed again. Reading a fresh copy's cells (23 rows of strings and numbers, often not in
 * the CPU's caches) is most of what a SCORE call with a table costs, so rows a call does not
 * ask for are not read beyond their id.
 */
class TableState {
  /** Per row: its length and its id cell. */
  private readonly widths: number[] = [];
  private readonly ids: Cell[] = [];
  /** Per row, OTHERS cells: the row's other key cells as its benchmark was (or will be) parsed from them. */
  private readonly others: Cell[] = [];
  /** By catalogue slot: the metric's row index + 1, NO_ROW or DUPLICATE. Rows of unknown ids are never asked for. */
  private readonly rows: number[] = new Array<number>(CATALOGUE.length).fill(NO_ROW);
  /** By slot: the benchmark in force (the default where the table has no row); undefined until parsed, or when parsing failed. */
  private readonly resolved: (Benchmark | undefined)[] = DEFAULTS.slice();
  /** By slot: the error its row gave (a duplicate, a bad cell). */
  private readonly errors: (MetricError | undefined)[] = new Array<MetricError | undefined>(CATALOGUE.length).fill(undefined);
  /** By slot: the number of the lookup that last compared the row's other cells. */
  private readonly checked: number[] = new Array<number>(CATALOGUE.length).fill(0);
  /** False when every id is blank: the table-wide checks (empty is #N/A) then must run afresh every time. */
  readonly reusable: boolean;

  /** Reads `table`; #N/A when it is entirely blank, #VALUE! when narrower than its first five columns. */
  constructor(table: Grid) {
    let anything = false;
    let anyId = false;
    let widest = 0;
    for (let r = 0; r < table.length; r++) {
      const row = table[r];
      widest = Math.max(widest, row.length);
      if (!anything) for (const v of row) if (!isBlank(v)) anything = true;
      const id = row[COL.id];
      this.widths.push(row.length);
      this.ids.push(id);
      for (const c of OTHER_KEYS) this.others.push(row[c]);
      if (!isBlank(id)) anyId = true;
      if (typeof id !== "string") continue;
      const slot = slotOfId(id);
      if (slot === undefined) continue;
      this.rows[slot] = this.rows[slot] === NO_ROW ? r + 1 : DUPLICATE;
      this.resolved[slot] = undefined;
    }
    if (!anything) throw detailedError("notAvailable", "benchmarkEmpty");
    if (widest < COL.excellent + 1) throw detailedError("invalidValue", "benchmarkColumns");
    // A matching table always has a non-blank id, so it is never empty.
    this.reusable = anyId;
  }

  /** True when `table` has the same rows, each as long as before and with the same id. */
  matches(table: Grid): boolean {
    const ids = this.ids;
    const widths = this.widths;
    if (table.length !== ids.length) return false;
    for (let r = 0; r < ids.length; r++) {
      const row = table[r];
      if (row.length !== widths[r] || row[COL.id] !== ids[r]) return false;
    }
    return true;
  }

  /** The benchmark of the metric in `slot`, its row read from `table` in lookup number `lookup`. */
  benchmark(slot: number, table: Grid, lookup: number): Benchmark {
    const found = this.resolved[slot];
    // Compared already in this lookup: a SCORE over a whole team asks each metric once per collector.
    if (found !== undefined && this.checked[slot] === lookup) return found;
    return this.check(slot, table, lookup);
  }

  /** Compares the row of `slot` with the cells it was parsed from; parses it when they changed or it never was. */
  private check(slot: number, table: Grid, lookup: number): Benchmark {
    const r = this.rows[slot] - 1;
    if (r >= 0) {
      const row = table[r];
      const others = this.others;
      const k = r * OTHERS;
      // Unrolled over OTHER_KEYS: this runs once per metric per SCORE call.
      if (row[COL.direction] !== others[k] || row[COL.meets] !== others[k + 1] || row[COL.excellent] !== others[k + 2] || row[COL.redLine] !== others[k + 3]) {
        for (let i = 0; i < OTHERS; i++) others[k + i] = row[OTHER_KEYS[i]];
        this.resolved[slot] = undefined;
        this.errors[slot] = undefined;
      }
      if (this.resolved[slot] === undefined && this.errors[slot] === undefined) {
        try {
          this.resolved[slot] = parseRow(CATALOGUE[slot], row);
        } catch (e) {
          if (!(e instanceof MetricError)) throw e;
          this.errors[slot] = e;
        }
      }
    } else if (this.rows[slot] === DUPLICATE && this.errors[slot] === undefined) {
      this.errors[slot] = detailedError("invalidValue", "benchmarkDuplicate", CATALOGUE[slot].id);
    }
    this.checked[slot] = lookup;
    const found = this.resolved[slot];
    if (found === undefined) throw this.errors[slot] as MetricError;
    return found;
  }
}

/** The last table read that may be reused (see TableState). */
let lastTable: TableState | undefined;
/** Numbers the lookups made with a table: a row compared in one lookup is compared again in the next. */
let lookups = 0;

/** A bad row (or a bad table, metric ""), for the task pane: the English message and the same as data. */
export interface BenchmarkProblem {
  readonly metric: string;
  readonly message: string;
  readonly detail?: MessageDetail;
}

/**
 * Benchmark lookup with overrides from the workbook's Benchmarks table (with or without
 * its header row). A row found there overrides the default; a metric missing from it
 * falls back to the default. Rows are validated only when their metric is asked for, so a
 * typo in one row does not break every other grade in the workbook.
 */
export class Benchmarks {
  /** This lookup's table: rows are compared with it and parsed from it. */
  private table: Grid | undefined;
  /** The table as read; undefined without a table (the defaults). */
  private state: TableState | undefined;
  private lookup = 0;

  constructor(table?: Grid | null) {
    this.use(table);
  }

  /**
   * The lookup for one SCORE call, without allocating (SCORE runs once per collector): one
   * instance, pointed at each call's table in turn. Valid only until the next call of
   * `shared`, so it must never be kept.
   */
  static shared(table?: Grid | null): Benchmarks {
    return SHARED.use(table);
  }

  private use(table: Grid | null | undefined): this {
    if (!Array.isArray(table)) {
      this.table = undefined;
      this.state = undefined;
      return this;
    }
    const state = lastTable !== undefined && lastTable.matches(table) ? lastTable : new TableState(table);
    if (state.reusable) lastTable = state;
    this.table = table;
    this.state = state;
    this.lookup = ++lookups;
    return this;
  }

  /** The benchmark of `metric`, from the table where it has a row, else the default. */
  of(metric: Metric): Benchmark {
    const slot = SLOT.get(metric);
    return slot === undefined ? defaultBenchmark(metric) : this.inSlot(slot);
  }

  /** of(requireMetric(value, param)), in one lookup for a canonical id: SCORE calls it per cell, so it stays small. */
  ofId(value: unknown, param: string): Benchmark {
    const slot = typeof value === "string" ? SLOT_BY_ID.get(value) : undefined;
    return slot === undefined ? this.of(requireMetric(value, param)) : this.inSlot(slot);
  }

  private inSlot(slot: number): Benchmark {
    const state = this.state;
    return state === undefined ? DEFAULTS[slot] : state.benchmark(slot, this.table as Grid, this.lookup);
  }

  /** Problems of every row, for the task pane to show (nothing is rewritten). */
  static problems(table: Grid): BenchmarkProblem[] {
    const out: BenchmarkProblem[] = [];
    const problem = (metric: string, e: unknown): BenchmarkProblem => {
      const detail = e instanceof MetricError ? e.detail : undefined;
      return { metric, message: (e as Error).message, ...(detail !== undefined ? { detail } : {}) };
    };
    let lookup: Benchmarks;
    try {
      lookup = new Benchmarks(table);
    } catch (e) {
      return [problem("", e)];
    }
    for (const metric of CATALOGUE) {
      try {
        lookup.of(metric);
      } catch (e) {
        out.push(problem(metric.id, e));
      }
    }
    return out;
  }
}

const SHARED = new Benchmarks();

function parseRow(metric: Metric, row: readonly Cell[]): Benchmark {
  const direction = parseDirection(metric, row[COL.direction]);
  const meets = parseThreshold(metric, "Meets", row[COL.meets]);
  const excellent = parseThreshold(metric, "Excellent", row[COL.excellent]);
  const redLine = parseRedLine(metric, row.length > COL.redLine ? row[COL.redLine] : null);
  if (meets !== undefined && excellent !== undefined) {
    const wrongWay = direction === "higher" ? excellent < meets : excellent > meets;
    if (wrongWay) throw detailedError("invalidValue", "benchmarkOrder", metric.id, direction);
  }
  return { metric, direction, meets, excellent, redLine };
}

function parseDirection(metric: Metric, value: Cell): Direction {
  if (isBlank(value)) return metric.direction;
  if (value === "higher" || value === "lower") return value;
  const text = String(value).trim().toLowerCase();
  if (["higher", "high", "越高越好", "越高越好↑", "高"].includes(text)) return "higher";
  if (["lower", "low", "越低越好", "越低越好↓", "低"].includes(text)) return "lower";
  throw detailedError("invalidValue", "benchmarkDirection", metric.id, String(value));
}

function parseThreshold(metric: Metric, column: string, value: Cell): number | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw detailedError("invalidValue", "benchmarkCell", metric.id, column, String(value));
  }
  if (value < 0) throw detailedError("invalidValue", "benchmarkNegative", metric.id, column);
  return value;
}

function parseRedLine(metric: Metric, value: Cell): boolean {
  if (isBlank(value)) return metric.redLine;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  const text = String(value).trim().toLowerCase();
  if (["true", "yes", "y", "是", "红线"].includes(text)) return true;
  if (["false", "no", "n", "否"].includes(text)) return false;
  throw detailedError("invalidValue", "benchmarkRedLine", metric.id, String(value));
}

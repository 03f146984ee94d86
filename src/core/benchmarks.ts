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

/** The columns a benchmark is parsed from; Name, Unit and Source are labels only. */
const KEY_COLUMNS = [COL.id, COL.direction, COL.meets, COL.excellent, COL.redLine] as const;

/**
 * The key cells of the last Benchmarks table read, copied, with what was derived from them.
 * Only cells are compared, never array identity: the caller may reuse and change its arrays.
 */
class LastTable {
  private cells: Cell[] = [];
  private widths: number[] = [];
  rows: number[] = [];
  parsed: (Benchmark | MetricError | undefined)[] = [];

  matches(table: Grid): boolean {
    const widths = this.widths;
    if (widths.length === 0 || table.length !== widths.length) return false;
    const cells = this.cells;
    let k = 0;
    for (let r = 0; r < table.length; r++) {
      const row = table[r];
      if (!Array.isArray(row) || row.length !== widths[r]) return false;
      // Unrolled over KEY_COLUMNS: this loop runs once per SCORE cell.
      if (
        row[COL.id] !== cells[k] || row[COL.direction] !== cells[k + 1] || row[COL.meets] !== cells[k + 2] ||
        row[COL.excellent] !== cells[k + 3] || row[COL.redLine] !== cells[k + 4]
      ) {
        return false;
      }
      k += KEY_COLUMNS.length;
    }
    return true;
  }

  remember(table: Grid, rows: number[], parsed: (Benchmark | MetricError | undefined)[]): void {
    const cells: Cell[] = [];
    const widths: number[] = [];
    let anything = false;
    for (const row of table) {
      widths.push(row.length);
      for (const c of KEY_COLUMNS) {
        const v = c < row.length ? row[c] : undefined;
        if (v !== undefined && !isBlank(v)) anything = true;
        cells.push(v as Cell);
      }
    }
    // A table whose key columns are all blank is refused as empty when read afresh; never
    // let a match on blank key cells skip that check.
    if (!anything) return this.forget();
    this.cells = cells;
    this.widths = widths;
    this.rows = rows;
    this.parsed = parsed;
  }

  private forget(): void {
    this.cells = [];
    this.widths = [];
  }
}

const lastTable = new LastTable();

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
  /** By catalogue slot: the metric's row index + 1 in the table, NO_ROW or DUPLICATE. Rows of unknown ids are never asked for. */
  private readonly rows: number[] | undefined;
  /** By catalogue slot: the parsed row, or the error parsing it gave; filled as metrics are asked for. */
  private readonly parsed: (Benchmark | MetricError | undefined)[] | undefined;

  constructor(private readonly table?: Grid | null) {
    if (table === null || table === undefined || !Array.isArray(table)) return;
    // Excel hands every SCORE or GRADE cell a fresh copy of the same Benchmarks range, so a
    // sheet of 10,000 SCORE cells would parse one table 10,000 times. The last table read is
    // kept; a table holding the same cells (compared one by one, nothing allocated) reuses
    // its row index and its parsed rows.
    if (lastTable.matches(table)) {
      this.rows = lastTable.rows;
      this.parsed = lastTable.parsed;
      return;
    }
    // A plain array: SCORE builds a Benchmarks per call, and a typed array costs far more to allocate.
    const rows: number[] = (this.rows = new Array<number>(CATALOGUE.length).fill(NO_ROW));
    let anything = false;
    let widest = 0;
    for (let r = 0; r < table.length; r++) {
      const row = table[r];
      widest = Math.max(widest, row.length);
      if (!anything) for (const v of row) if (!isBlank(v)) anything = true;
      const id = row[COL.id];
      if (typeof id !== "string") continue;
      const slot = slotOfId(id);
      if (slot !== undefined) rows[slot] = rows[slot] === NO_ROW ? r + 1 : DUPLICATE;
    }
    if (!anything) throw detailedError("notAvailable", "benchmarkEmpty");
    if (widest < COL.excellent + 1) throw detailedError("invalidValue", "benchmarkColumns");
    this.parsed = new Array<Benchmark | MetricError | undefined>(CATALOGUE.length).fill(undefined);
    lastTable.remember(table, rows, this.parsed);
  }

  /** The benchmark of `metric`, from the table where it has a row, else the default. */
  of(metric: Metric): Benchmark {
    const slot = SLOT.get(metric);
    if (slot === undefined) return defaultBenchmark(metric);
    return this.rows === undefined || this.rows[slot] === NO_ROW ? DEFAULTS[slot] : this.fromTable(slot);
  }

  /** of(requireMetric(value, param)) in one lookup for a canonical id: SCORE calls it per cell, so it stays small enough to inline. */
  ofId(value: unknown, param: string): Benchmark {
    const slot = typeof value === "string" ? SLOT_BY_ID.get(value) : undefined;
    if (slot === undefined) return this.of(requireMetric(value, param));
    return this.rows === undefined || this.rows[slot] === NO_ROW ? DEFAULTS[slot] : this.fromTable(slot);
  }

  /** The table's row for the metric in `slot` (which has one or more rows). */
  private fromTable(slot: number): Benchmark {
    const parsed = this.parsed as (Benchmark | MetricError | undefined)[];
    let found = parsed[slot];
    if (found === undefined) {
      const metric = CATALOGUE[slot];
      const row = (this.rows as number[])[slot];
      try {
        if (row === DUPLICATE) throw detailedError("invalidValue", "benchmarkDuplicate", metric.id);
        found = parseRow(metric, (this.table as Grid)[row - 1]);
      } catch (e) {
        if (!(e instanceof MetricError)) throw e;
        found = e;
      }
      parsed[slot] = found;
    }
    if (found instanceof MetricError) throw found;
    return found;
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

/**
 * The COLLECT functions as a HyperFormula plugin, for tests, the bench and the browser
 * preview. A thin adapter over the same core the Excel functions use: no second
 * implementation. HyperFormula is GPLv3 (licenseKey "gpl-v3"): it must never be
 * imported by functions.ts or the task pane bundle.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgument,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  ImplementedFunctions,
  SimpleRangeValue,
} from "hyperformula";
import {
  CATALOGUE,
  Cell,
  ErrorCode,
  Grid,
  MetricError,
  SpillCell,
  benchmarkOf,
  computeKpi,
  contactBreaches,
  contactRules,
  grade,
  guard,
  kpiScore,
  Language,
  localMessage,
  lossFactors,
  metricsTable,
  parseLanguage,
  rollRates,
  score,
  scoreGrade,
} from "../core";

export const NAMESPACE = "COLLECT";

const ERROR_TYPE: Readonly<Record<ErrorCode, ErrorType>> = {
  invalidValue: ErrorType.VALUE,
  invalidNumber: ErrorType.NUM,
  divisionByZero: ErrorType.DIV_BY_ZERO,
  notAvailable: ErrorType.NA,
};

/** The language of the messages behind an error cell (the preview's language switch). */
let messageLanguage: Language = "en";

export function setEngineMessageLanguage(language: Language): void {
  messageLanguage = language;
}

export function toCellError(error: MetricError): CellError {
  return new CellError(ERROR_TYPE[error.code], localMessage(error.message, error.detail, messageLanguage));
}

const range = (optional = false): FunctionArgument => ({ argumentType: FunctionArgumentType.RANGE, optionalArg: optional });
const text = (optional = false): FunctionArgument => ({ argumentType: FunctionArgumentType.STRING, optionalArg: optional });
const num = (optional = false): FunctionArgument => ({ argumentType: FunctionArgumentType.NUMBER, optionalArg: optional });

type Value = unknown;

/** A HyperFormula range as the core's Grid; the first error cell inside it propagates, as in Excel. */
function toGrid(value: Value): Grid | CellError | undefined {
  if (value === undefined) return undefined;
  if (value instanceof CellError) return value;
  const data = value instanceof SimpleRangeValue ? value.data : [[value]];
  const out: Cell[][] = new Array(data.length);
  for (let r = 0; r < data.length; r++) {
    const row = data[r] as unknown[];
    const copy: Cell[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v instanceof CellError) return v;
      copy[c] = toCell(v);
    }
    out[r] = copy;
  }
  return out;
}

function toCell(v: unknown): Cell {
  if (v === EmptyValue || v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  // Rich numbers (percent, currency, date) carry the plain number in `val`.
  if (typeof v === "object" && "val" in (v as object)) return (v as { val: number }).val;
  return String(v);
}

function scalarOut(compute: () => number | string): number | string | CellError {
  const result = guard(compute);
  return result instanceof MetricError ? toCellError(result) : result;
}

function spillOut(compute: () => SpillCell[][] | (string | number)[][]): SimpleRangeValue | CellError {
  const result = guard(compute);
  if (result instanceof MetricError) return toCellError(result);
  return SimpleRangeValue.onlyValues(
    result.map((row) => row.map((cell) => (cell instanceof MetricError ? toCellError(cell) : cell)))
  );
}

/** Runs `body` on arguments converted to grids; an error argument short-circuits. */
function withGrids<T>(args: Value[], body: (grids: (Grid | undefined)[]) => T): T | CellError {
  const grids: (Grid | undefined)[] = [];
  for (const a of args) {
    const g = toGrid(a);
    if (g instanceof CellError) return g;
    grids.push(g);
  }
  return body(grids);
}

const KPI_BY_NAME = new Map(CATALOGUE.filter((m) => m.fn).map((m) => [`${NAMESPACE}.${m.fn}`, m]));

function implemented(): ImplementedFunctions {
  const fns: ImplementedFunctions = {};
  for (const [name, metric] of KPI_BY_NAME) {
    fns[name] = { method: "kpi", parameters: metric.params.map(() => range()) };
  }
  const spill = { vectorizationForbidden: true };
  fns[`${NAMESPACE}.ROLLRATES`] = { method: "rollRates", parameters: [range()], sizeOfResultArrayMethod: "rollRatesSize", ...spill };
  fns[`${NAMESPACE}.LOSSFACTORS`] = { method: "lossFactors", parameters: [range()], sizeOfResultArrayMethod: "sameSize", ...spill };
  fns[`${NAMESPACE}.METRICS`] = { method: "metrics", parameters: [text(true)], sizeOfResultArrayMethod: "metricsSize", ...spill };
  fns[`${NAMESPACE}.CONTACTBREACHES`] = { method: "contactBreaches", parameters: [range(), range(), range(true), range(true), range(true)] };
  fns[`${NAMESPACE}.BENCHMARK`] = { method: "benchmark", parameters: [text(), text(true), range(true)] };
  fns[`${NAMESPACE}.GRADE`] = { method: "grade", parameters: [text(), num(), range(true), text(true)] };
  fns[`${NAMESPACE}.KPISCORE`] = { method: "kpiScore", parameters: [text(), num(), range(true)] };
  fns[`${NAMESPACE}.SCORE`] = { method: "score", parameters: [range(), range(), range(), range(true)] };
  fns[`${NAMESPACE}.SCOREGRADE`] = { method: "scoreGrade", parameters: [num(), text(true)] };
  return fns;
}

/** A scalar from an optional range argument (HyperFormula passes a 1×1 range). */
function scalarOf(grid: Grid | undefined): Cell {
  return grid === undefined ? null : grid.length > 0 && grid[0].length > 0 ? grid[0][0] : null;
}

export class CollectPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = implemented();

  kpi(ast: any, state: any) {
    const metric = KPI_BY_NAME.get(String(ast.procedureName).toUpperCase());
    return this.runFunction(ast.args, state, this.metadata(ast.procedureName), (...args: Value[]) =>
      withGrids(args, (grids) => scalarOut(() => computeKpi(metric!, grids as Grid[])))
    );
  }

  rollRates(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.ROLLRATES`), (balances: Value) =>
      withGrids([balances], ([g]) => spillOut(() => rollRates(g as Grid)))
    );
  }

  lossFactors(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.LOSSFACTORS`), (rates: Value) =>
      withGrids([rates], ([g]) => spillOut(() => lossFactors(g as Grid)))
    );
  }

  metrics(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.METRICS`), (language?: string) =>
      spillOut(() => metricsTable(parseLanguage(language)))
    );
  }

  contactBreaches(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.CONTACTBREACHES`), (...args: Value[]) =>
      withGrids(args, ([ids, times, max, start, end]) =>
        scalarOut(() => contactBreaches(ids as Grid, times as Grid, contactRules(scalarOf(max), scalarOf(start), scalarOf(end))))
      )
    );
  }

  benchmark(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.BENCHMARK`), (metric: string, level?: string, table?: Value) =>
      withGrids([table], ([t]) => scalarOut(() => benchmarkOf(metric, level, t)))
    );
  }

  grade(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.GRADE`), (metric: string, value: number, table?: Value, language?: string) =>
      withGrids([table], ([t]) => scalarOut(() => grade(metric, value, t, language)))
    );
  }

  kpiScore(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.KPISCORE`), (metric: string, value: number, table?: Value) =>
      withGrids([table], ([t]) => scalarOut(() => kpiScore(metric, value, t)))
    );
  }

  score(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.SCORE`), (...args: Value[]) =>
      withGrids(args, ([m, v, w, t]) => scalarOut(() => score(m as Grid, v as Grid, w as Grid, t)))
    );
  }

  scoreGrade(ast: any, state: any) {
    return this.runFunction(ast.args, state, this.metadata(`${NAMESPACE}.SCOREGRADE`), (value: number, language?: string) =>
      scalarOut(() => scoreGrade(value, language))
    );
  }

  rollRatesSize(ast: any, state: any): ArraySize {
    if (ast.args.length !== 1) return ArraySize.error();
    const size = this.arraySizeForAst(ast.args[0], state);
    return size.width < 2 || size.height < 2 ? ArraySize.scalar() : new ArraySize(size.width - 1, size.height - 1);
  }

  sameSize(ast: any, state: any): ArraySize {
    if (ast.args.length !== 1) return ArraySize.error();
    // A fresh size: the argument's own is flagged as a reference, and HyperFormula
    // would then treat the spilled result as a range ("Cell range not allowed").
    const size = this.arraySizeForAst(ast.args[0], state);
    return new ArraySize(size.width, size.height);
  }

  metricsSize(): ArraySize {
    return new ArraySize(8, CATALOGUE.length + 1);
  }
}

let registered = false;

/** Registers the COLLECT plugin once per process (HyperFormula's registry is global). */
export function registerCollectFunctions(): void {
  if (registered) return;
  const names = Object.keys(CollectPlugin.implementedFunctions);
  const translations = Object.fromEntries(names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(CollectPlugin, { enGB: translations, enUS: translations });
  registered = true;
}

/** Every COLLECT function name the plugin provides. */
export function collectFunctionNames(): string[] {
  return Object.keys(CollectPlugin.implementedFunctions);
}

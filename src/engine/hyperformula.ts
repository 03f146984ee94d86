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
  vintage,
} from "../core";
import { EXCEL_HOSTS, ExcelHostProfile, argumentCell } from "../hosts/profiles";

export const NAMESPACE = "COLLECT";

/**
 * The Excel host whose argument passing the plugin imitates (src/hosts/profiles.ts): an empty
 * cell reaches a function as 0 on desktop and as null on the web, and the web refuses a
 * whole-column argument with #CALC!. The preview's calculator sets it before each recalculation.
 */
let engineHost: ExcelHostProfile = EXCEL_HOSTS.desktop;

export function setEngineHost(host: ExcelHostProfile): void {
  engineHost = host;
}

/** The message of the #CALC! a whole-column argument gives on the web; the preview shows the error as #CALC!. */
export const WHOLE_COLUMN_CALC_MESSAGE =
  "Excel on the web does not pass a whole-column reference (A:A) to a custom function (#CALC!, office-js#4613). Use the table's column or a bounded range such as A2:A5000.";

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
/** An `any` parameter of functions.json: Excel passes the cell unconverted, and so does the plugin (see scalarArg). */
const anyArg = (optional = false): FunctionArgument => ({ argumentType: FunctionArgumentType.ANY, optionalArg: optional });

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
  // An empty cell, as the host hands it over: 0 on desktop, null on the web.
  if (v === EmptyValue || v === undefined || v === null) return argumentCell(engineHost, null);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  // Rich numbers (percent, currency, date) carry the plain number in `val`.
  if (typeof v === "object" && "val" in (v as object)) return (v as { val: number }).val;
  return String(v);
}

function scalarOut(compute: () => number | string): number | string | CellError {
  const result = guard(compute);
  return result instanceof MetricError ? toCellError(result) : result;
}

function spillOut(compute: () => SpillCell[][] | (string | number)[][] | (SpillCell | "")[][]): SimpleRangeValue | CellError {
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
  fns[`${NAMESPACE}.VINTAGE`] = { method: "vintage", parameters: [range(), range(), range(true), anyArg(true)], sizeOfResultArrayMethod: "vintageSize", ...spill };
  // Parameters typed `any` in functions.json (src/functions/functions.ts) are anyArg here.
  fns[`${NAMESPACE}.METRICS`] = { method: "metrics", parameters: [anyArg(true)], sizeOfResultArrayMethod: "metricsSize", ...spill };
  fns[`${NAMESPACE}.CONTACTBREACHES`] = { method: "contactBreaches", parameters: [range(), range(), range(true), range(true), range(true)] };
  fns[`${NAMESPACE}.BENCHMARK`] = { method: "benchmark", parameters: [anyArg(), anyArg(true), range(true)] };
  fns[`${NAMESPACE}.GRADE`] = { method: "grade", parameters: [anyArg(), anyArg(), range(true), anyArg(true)] };
  fns[`${NAMESPACE}.KPISCORE`] = { method: "kpiScore", parameters: [anyArg(), anyArg(), range(true)] };
  fns[`${NAMESPACE}.SCORE`] = { method: "score", parameters: [range(), range(), range(), range(true)] };
  fns[`${NAMESPACE}.SCOREGRADE`] = { method: "scoreGrade", parameters: [anyArg(), anyArg(true)] };
  return fns;
}

/**
 * An `any` scalar argument as Excel passes it: a left-out optional argument is null (Custom
 * functions parameter options), an empty cell the host's empty value, a one-cell range its
 * value; an error short-circuits as Excel's would.
 */
function scalarArg(value: Value): Cell | CellError {
  if (value === undefined) return null;
  if (value instanceof CellError) return value;
  if (value instanceof SimpleRangeValue) {
    const grid = toGrid(value);
    return grid instanceof CellError || grid === undefined ? (grid ?? null) : scalarOf(grid);
  }
  return toCell(value);
}

/** Scalars for `body`; the first error argument is the result, as in Excel. */
function withScalars<T>(args: Value[], body: (cells: Cell[]) => T): T | CellError {
  const cells: Cell[] = [];
  for (const a of args) {
    const c = scalarArg(a);
    if (c instanceof CellError) return c;
    cells.push(c);
  }
  return body(cells);
}

/** A scalar from an optional range argument (HyperFormula passes a 1×1 range). */
function scalarOf(grid: Grid | undefined): Cell {
  return grid === undefined ? null : grid.length > 0 && grid[0].length > 0 ? grid[0][0] : null;
}

/** VINTAGE's pooled argument written as TRUE or a non-zero number: its result is one row (HyperFormula sizes a spill before computing it). */
function literalPooled(arg: any): boolean {
  if (arg === undefined) return false;
  if (arg.type === "NUMBER") return arg.value !== 0;
  return arg.type === "FUNCTION_CALL" && String(arg.procedureName).toUpperCase() === "TRUE";
}

/** Web: a whole-column reference (A:A) among the arguments is #CALC!, not a call (office-js#4613). */
function hostRefuses(ast: any): CellError | undefined {
  if (engineHost.wholeColumnArgument !== "#CALC!") return undefined;
  const args: any[] = ast.args ?? [];
  // AstNodeType.COLUMN_RANGE: HyperFormula does not export the enum from its entry point.
  return args.some((a) => a?.type === "COLUMN_RANGE") ? new CellError(ErrorType.ERROR, WHOLE_COLUMN_CALC_MESSAGE) : undefined;
}

export class CollectPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = implemented();

  /** runFunction behind the host's own refusals (see hostRefuses). */
  private call(ast: any, state: any, name: string, fn: (...args: any[]) => unknown) {
    const refused = hostRefuses(ast);
    if (refused !== undefined) return refused;
    return this.runFunction(ast.args, state, this.metadata(name), fn as any);
  }

  kpi(ast: any, state: any) {
    const metric = KPI_BY_NAME.get(String(ast.procedureName).toUpperCase());
    return this.call(ast, state, ast.procedureName, (...args: Value[]) =>
      withGrids(args, (grids) => scalarOut(() => computeKpi(metric!, grids as Grid[])))
    );
  }

  rollRates(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.ROLLRATES`, (balances: Value) => withGrids([balances], ([g]) => spillOut(() => rollRates(g as Grid))));
  }

  lossFactors(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.LOSSFACTORS`, (rates: Value) => withGrids([rates], ([g]) => spillOut(() => lossFactors(g as Grid))));
  }

  vintage(ast: any, state: any) {
    const rows = this.vintageRows(ast, state);
    // A skipped months_observed (=COLLECT.VINTAGE(a,b,,TRUE())) is left out, as Excel passes null for it (AstNodeType.EMPTY).
    const skipped = ast.args[2]?.type === "EMPTY";
    return this.call(ast, state, `${NAMESPACE}.VINTAGE`, (placed: Value, recovered: Value, observed?: Value, pooled?: Value) =>
      withScalars([pooled], ([flag]) =>
        withGrids([placed, recovered, skipped ? undefined : observed], ([p, r, o]) =>
          spillOut(() => {
            const out = vintage(p as Grid, r as Grid, o ?? null, flag);
            // A pooled flag read from a cell: the size was reserved for the whole block (vintageSize), so the rows below the curve are blank.
            while (out.length < rows) out.push(out[0].map((): "" => ""));
            return out;
          })
        )
      )
    );
  }

  /** Rows VINTAGE spills: one for a literal TRUE (or non-zero number) pooled, else as many as recovered has. */
  private vintageRows(ast: any, state: any): number {
    if (ast.args.length < 2) return 1;
    return literalPooled(ast.args[3]) ? 1 : this.arraySizeForAst(ast.args[1], state).height;
  }

  vintageSize(ast: any, state: any): ArraySize {
    if (ast.args.length < 2 || ast.args.length > 4) return ArraySize.error();
    const size = this.arraySizeForAst(ast.args[1], state);
    return new ArraySize(size.width, this.vintageRows(ast, state));
  }

  metrics(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.METRICS`, (language?: Value) =>
      withScalars([language], ([lang]) => spillOut(() => metricsTable(parseLanguage(lang))))
    );
  }

  contactBreaches(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.CONTACTBREACHES`, (...args: Value[]) =>
      withGrids(args, ([ids, times, max, start, end]) =>
        scalarOut(() => contactBreaches(ids as Grid, times as Grid, contactRules(scalarOf(max), scalarOf(start), scalarOf(end))))
      )
    );
  }

  benchmark(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.BENCHMARK`, (metric: Value, level?: Value, table?: Value) =>
      withScalars([metric, level], ([m, l]) => withGrids([table], ([t]) => scalarOut(() => benchmarkOf(m, l, t))))
    );
  }

  grade(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.GRADE`, (metric: Value, value: Value, table?: Value, language?: Value) =>
      withScalars([metric, value, language], ([m, v, lang]) => withGrids([table], ([t]) => scalarOut(() => grade(m, v, t, lang))))
    );
  }

  kpiScore(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.KPISCORE`, (metric: Value, value: Value, table?: Value) =>
      withScalars([metric, value], ([m, v]) => withGrids([table], ([t]) => scalarOut(() => kpiScore(m, v, t))))
    );
  }

  score(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.SCORE`, (...args: Value[]) =>
      withGrids(args, ([m, v, w, t]) => scalarOut(() => score(m as Grid, v as Grid, w as Grid, t)))
    );
  }

  scoreGrade(ast: any, state: any) {
    return this.call(ast, state, `${NAMESPACE}.SCOREGRADE`, (value: Value, language?: Value) =>
      withScalars([value, language], ([v, lang]) => scalarOut(() => scoreGrade(v, lang)))
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

/**
 * BENCHMARK, GRADE, KPISCORE, SCORE and SCOREGRADE: native equivalents against the functions,
 * in one HyperFormula workbook whose CollectBenchmarks table is random (rows missing,
 * duplicated, ids in another case or with spaces around them, bad directions, thresholds that
 * are text or negative, red lines of every spelling, a header row, an error cell, an empty
 * table) — so the converted formulas must read the workbook's own thresholds, as the
 * functions do, and fall back to the defaults only where the table has no row.
 */
import { benchmarksNameFormula } from "../../../src/core/benchmarksName";
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { CATALOGUE } from "../../../src/core";
import { ConvertOptions, convertFormula } from "../../../src/portable/convert";
import { Constant } from "../../../src/portable/native";
import { Input, Outcome, RUNS, engine, outcome, raw, same, show } from "./hf";

const TABLE_ROWS = 30;
const BENCH = `Bench!$A$1:$H$${TABLE_ROWS}`;
const IDS = CATALOGUE.map((m) => m.id);

interface Workbook {
  readonly hf: HyperFormula;
  readonly S: number;
  readonly bench: number;
  readonly defined: Set<string>;
}

function workbook(): Workbook {
  const hf = engine({ Bench: [[]], S: [[]] });
  // As the add-in defines it: blanks reach the functions as "" on every host (core/benchmarksName.ts).
  hf.addNamedExpression("CollectBenchmarks", benchmarksNameFormula(BENCH));
  return { hf, S: hf.getSheetId("S") as number, bench: hf.getSheetId("Bench") as number, defined: new Set() };
}

/** Converts a formula on sheet S (whose constants are `cells`), defining the names it needs. */
function nativeOf(wb: Workbook, formula: string, cells: Map<string, Constant> = new Map()): string {
  const options: ConvertOptions = { sheet: "S", names: { CollectBenchmarks: BENCH } };
  const r = convertFormula(formula, options, (ref) => {
    if (ref.sheet !== undefined && ref.sheet !== "S") return undefined;
    const key = `${ref.start.row},${ref.start.column}`;
    return cells.has(key) ? cells.get(key) : null;
  });
  if (r.kind !== "converted") throw new Error(`${formula} was not converted: ${JSON.stringify(r)}`);
  for (const n of r.names) {
    if (wb.defined.has(n.name)) continue;
    wb.hf.addNamedExpression(n.name, n.formula);
    wb.defined.add(n.name);
  }
  return r.formula;
}

// ---------------------------------------------------------------- random Benchmarks tables

const idVariant = (id: string): fc.Arbitrary<Input> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant<Input>({ text: id }) },
    { weight: 1, arbitrary: fc.constant<Input>({ text: id.toUpperCase() }) },
    { weight: 1, arbitrary: fc.constant<Input>({ text: ` ${id}  ` }) },
    { weight: 1, arbitrary: fc.constant<Input>({ text: `${id}_old` }) }
  );
const direction: fc.Arbitrary<Input> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Input>(null, { text: "higher" }, { text: "lower" }, { text: "越高越好" }, { text: "越低越好" }) },
  { weight: 1, arbitrary: fc.constantFrom<Input>({ text: " High " }, { text: "低" }, { text: "sideways" }, { text: "h*" }, 5, true) }
);
const threshold: fc.Arbitrary<Input> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 8, arbitrary: fc.double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom<Input>(-0.5, { text: "0.9" }, true, { formula: '=""' }) }
);
const redLine: fc.Arbitrary<Input> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Input>(null, true, false) },
  { weight: 1, arbitrary: fc.constantFrom<Input>({ text: "yes" }, { text: "否" }, { text: "TRUE" }, 1, 0, 2, { text: "maybe" }) }
);
const row: fc.Arbitrary<Input[]> = fc
  .tuple(fc.constantFrom(...IDS).chain(idVariant), direction, threshold, threshold, redLine)
  .map(([id, dir, meets, excellent, red]) => [id, { text: "name" }, dir, meets, excellent, { text: "%" }, red, { text: "source" }]);

interface Table {
  readonly rows: Input[][];
}
const table: fc.Arbitrary<Table> = fc
  .tuple(
    fc.array(row, { minLength: 0, maxLength: TABLE_ROWS - 2 }),
    fc.boolean(),
    fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
  )
  .map(([rows, header, withError]) => {
    const out: Input[][] = header ? [["Metric ID", "Name", "Direction", "Meets", "Excellent", "Unit", "Red line", "Source"].map((t) => ({ text: t })), ...rows] : [...rows];
    if (withError && out.length > 0) out[out.length - 1][3] = { formula: "=1/0" };
    return { rows: out };
  });

function writeTable(wb: Workbook, t: Table): void {
  const grid = Array.from({ length: TABLE_ROWS }, (_, r) => Array.from({ length: 8 }, (_, c) => raw(t.rows[r]?.[c] ?? null)));
  wb.hf.setCellContents({ sheet: wb.bench, row: 0, col: 0 }, grid);
}

const metricArg = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...IDS).map((id) => `"${id}"`) },
  { weight: 1, arbitrary: fc.constantFrom('"RECOVERY_ACHIEVEMENT "', '"nope"', '""', "5") }
);
const value: fc.Arbitrary<Input> = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constantFrom<Input>(0, null, 0.85, 1.2, 0.003) },
  { weight: 1, arbitrary: fc.constantFrom<Input>(-0.1, { text: "abc" }, { text: "0.9" }, true, { formula: "=NA()" }) }
);
const language = fc.constantFrom('"en-US"', '"zh-CN"', '"zh"', '"English"', '""', '"fr"', "C1");
const languageCell: fc.Arbitrary<Input> = fc.constantFrom<Input>({ text: "zh-CN" }, { text: "en" }, null, { text: "fr" }, { text: " ZH-tw " }, 3);

/** Writes the inputs and both formulas in one recalculation, then compares the two cells. */
function check(wb: Workbook, label: string, original: string, native: string, inputs: () => void): void {
  wb.hf.batch(() => {
    inputs();
    wb.hf.setCellContents({ sheet: wb.S, row: 10, col: 0 }, [[original, native]]);
  });
  const expected: Outcome = outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 0 }));
  const actual: Outcome = outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 1 }));
  if (!same(expected, actual)) throw new Error(`${label}\n${original}: function ${show(expected)}, native ${show(actual)}\n${native}`);
}

function tableText(t: Table): string {
  return JSON.stringify(t.rows.map((r) => [r[0], r[2], r[3], r[4], r[6]]));
}

describe("benchmark functions: native equivalents read the workbook's Benchmarks table", () => {
  const wb = workbook();

  it("GRADE", () => {
    fc.assert(
      fc.property(table, metricArg, value, language, languageCell, fc.boolean(), (t, metric, v, lang, langCell, withTable) => {
        const f = `=COLLECT.GRADE(${metric},A1${withTable ? ",CollectBenchmarks" : ""}${lang === '""' && !withTable ? "" : withTable ? `,${lang}` : ""})`;
        check(wb, `${tableText(t)} value ${JSON.stringify(v)} lang cell ${JSON.stringify(langCell)}`, f, nativeOf(wb, f), () => {
          writeTable(wb, t);
          wb.hf.setCellContents({ sheet: wb.S, row: 0, col: 0 }, [[raw(v), null, raw(langCell)]]);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("KPISCORE", () => {
    fc.assert(
      fc.property(table, metricArg, value, fc.boolean(), (t, metric, v, withTable) => {
        const f = `=COLLECT.KPISCORE(${metric},A1${withTable ? ",CollectBenchmarks" : ""})`;
        check(wb, `${tableText(t)} value ${JSON.stringify(v)}`, f, nativeOf(wb, f), () => {
          writeTable(wb, t);
          wb.hf.setCellContents({ sheet: wb.S, row: 0, col: 0 }, [[raw(v)]]);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("BENCHMARK", () => {
    const level = fc.constantFrom('"meets"', '"excellent"', '"优秀"', '" Excellent"', '""', '"best"', "B1");
    const levelCell = fc.constantFrom<Input>({ text: "excellent" }, { text: "达标" }, null, { text: "x" }, 1);
    fc.assert(
      fc.property(table, metricArg, level, levelCell, fc.boolean(), (t, metric, lv, lvCell, withTable) => {
        const f = withTable ? `=COLLECT.BENCHMARK(${metric},${lv},CollectBenchmarks)` : lv === '""' ? `=COLLECT.BENCHMARK(${metric})` : `=COLLECT.BENCHMARK(${metric},${lv})`;
        check(wb, `${tableText(t)} level cell ${JSON.stringify(lvCell)}`, f, nativeOf(wb, f), () => {
          writeTable(wb, t);
          wb.hf.setCellContents({ sheet: wb.S, row: 0, col: 0 }, [[null, raw(lvCell)]]);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("SCOREGRADE", () => {
    const score = fc.oneof(fc.double({ min: -5, max: 130, noNaN: true, noDefaultInfinity: true }), fc.constantFrom<Input>(90, 80, 60, 0, 120, null, { text: "abc" }, { text: "85" }));
    fc.assert(
      fc.property(score, language, languageCell, (s, lang, langCell) => {
        const f = lang === '""' ? "=COLLECT.SCOREGRADE(A1)" : `=COLLECT.SCOREGRADE(A1,${lang})`;
        check(wb, `score ${JSON.stringify(s)} lang cell ${JSON.stringify(langCell)}`, f, nativeOf(wb, f), () => {
          wb.hf.setCellContents({ sheet: wb.S, row: 0, col: 0 }, [[raw(s), null, raw(langCell)]]);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("SCORE, with the red-line veto", () => {
    const N = 5;
    const ids = fc.array(
      fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom<Constant>(...IDS) },
        { weight: 2, arbitrary: fc.constantFrom<Constant>("compliance_pass_rate", "complaint_rate", "avg_handling_days") },
        { weight: 1, arbitrary: fc.constantFrom<Constant>(null, "nope", 5, " ", "Recovery_Achievement") }
      ),
      { minLength: N, maxLength: N }
    );
    const weight: fc.Arbitrary<Input> = fc.oneof(
      { weight: 10, arbitrary: fc.integer({ min: 0, max: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom<Input>(null, -1, { text: "x" }, 0.5) }
    );
    const scoreValue: fc.Arbitrary<Input> = fc.oneof(
      { weight: 12, arbitrary: fc.double({ min: 0, max: 1.5, noNaN: true, noDefaultInfinity: true }) },
      { weight: 2, arbitrary: fc.constantFrom<Input>(0, 0.98, 0.97, 0.003, 5) },
      { weight: 1, arbitrary: fc.constantFrom<Input>(null, -0.2, { text: "a" }, true) }
    );
    fc.assert(
      fc.property(
        table,
        ids,
        fc.array(scoreValue, { minLength: N, maxLength: N }),
        fc.array(weight, { minLength: N, maxLength: N }),
        fc.boolean(),
        (t, idRow, values, weights, withTable) => {
          const constants = new Map<string, Constant>();
          idRow.forEach((id, c) => constants.set(`2,${c}`, id));
          const f = `=COLLECT.SCORE($A$3:$E$3,A4:E4,$A$5:$E$5${withTable ? ",CollectBenchmarks" : ""})`;
          check(wb, `${tableText(t)} ids ${JSON.stringify(idRow)} values ${JSON.stringify(values)} weights ${JSON.stringify(weights)}`, f, nativeOf(wb, f, constants), () => {
            writeTable(wb, t);
            wb.hf.setCellContents({ sheet: wb.S, row: 2, col: 0 }, [idRow.map((id) => (typeof id === "string" ? `'${id}` : id)), values.map(raw), weights.map(raw)]);
          });
        }
      ),
      { numRuns: RUNS }
    );
  });
});

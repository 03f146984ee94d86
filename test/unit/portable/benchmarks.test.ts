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

/**
 * Valid tables, as src/portable/README.md defines them: each metric at most once (its id in any
 * case), a Direction word or blank, thresholds that are numbers ≥ 0 or blank with Excellent on
 * the right side of Meets, a Red line the core reads, an optional header row, rows of other ids,
 * at least one row. On these the native formulas must give the function's value exactly.
 */
const idVariant = (id: string): fc.Arbitrary<Input> =>
  fc.oneof({ weight: 12, arbitrary: fc.constant<Input>({ text: id }) }, { weight: 1, arbitrary: fc.constant<Input>({ text: id.toUpperCase() }) });
const direction: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<string | null>(null, "higher", "lower", "越高越好", "越低越好") },
  { weight: 1, arbitrary: fc.constantFrom<string | null>("High", "低", "low", "高", "越低越好↓") }
);
const threshold: fc.Arbitrary<number | null> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  // Thresholds a user types (Excel has no subnormal numbers: README, "Magnitudes").
  { weight: 8, arbitrary: fc.double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || x > 1e-300) },
  { weight: 1, arbitrary: fc.constant(0) }
);
const redLine: fc.Arbitrary<Input> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Input>(null, true, false) },
  { weight: 1, arbitrary: fc.constantFrom<Input>({ text: "yes" }, { text: "否" }, { text: "TRUE" }, 1, 0) }
);
const LOWER = ["lower", "low", "越低越好", "越低越好↓", "低"];

interface Table {
  readonly rows: Input[][];
}
const table: fc.Arbitrary<Table> = fc
  .tuple(
    fc.shuffledSubarray(IDS, { minLength: 1, maxLength: Math.min(IDS.length, TABLE_ROWS - 3) }).chain((ids) =>
      fc.tuple(...ids.map((id) => fc.tuple(idVariant(id), direction, threshold, threshold, redLine).map((r) => ({ id, r }))))
    ),
    fc.boolean(),
    fc.boolean()
  )
  .map(([rows, header, other]) => {
    const out: Input[][] = rows.map(({ id, r: [idCell, dir, a, b, red] }) => {
      const metric = CATALOGUE.find((m) => m.id === id);
      const lower = dir === null ? metric?.direction === "lower" : LOWER.includes(dir.trim().toLowerCase());
      // Excellent on the right side of Meets.
      const [meets, excellent] = a !== null && b !== null && (lower ? b > a : b < a) ? [b, a] : [a, b];
      return [idCell, { text: "name" }, dir === null ? null : { text: dir }, meets, excellent, { text: "%" }, red, { text: "source" }];
    });
    if (other) out.splice(1, 0, [{ text: "recovery_achievement_2023" }, { text: "old" }, { text: "sideways" }, { text: "n/a" }, -1, null, { text: "maybe" }, null]);
    return { rows: header ? [["Metric ID", "Name", "Direction", "Meets", "Excellent", "Unit", "Red line", "Source"].map((t) => ({ text: t })), ...out] : out };
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
  { weight: 10, arbitrary: fc.double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || x > 1e-300) },
  { weight: 2, arbitrary: fc.constantFrom<Input>(0, 0.85, 1.2, 0.003, 0.6, 5) }
);
const language = fc.constantFrom('"en-US"', '"zh-CN"', '"zh"', '"English"', '""', '"fr"', "C1");
const languageCell: fc.Arbitrary<Input> = fc.constantFrom<Input>({ text: "zh-CN" }, { text: "en" }, null, { text: "fr" }, { text: " ZH-tw " }, 3);

/** Writes the inputs and both formulas in one recalculation, then compares the two cells. */
function check(wb: Workbook, label: string, original: string, native: string, inputs: () => void, documented?: (fn: Outcome, native: Outcome) => boolean): void {
  wb.hf.batch(() => {
    inputs();
    wb.hf.setCellContents({ sheet: wb.S, row: 10, col: 0 }, [[original, native]]);
  });
  const expected: Outcome = outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 0 }));
  const actual: Outcome = outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 1 }));
  if (!same(expected, actual) && documented?.(expected, actual) !== true) throw new Error(`${label}\n${original}: function ${show(expected)}, native ${show(actual)}\n${native}`);
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
      { weight: 1, arbitrary: fc.constantFrom<Input>(null, 0.5) }
    );
    const scoreValue: fc.Arbitrary<Input> = fc.oneof(
      { weight: 12, arbitrary: fc.double({ min: 0, max: 1.5, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || x > 1e-300) },
      { weight: 2, arbitrary: fc.constantFrom<Input>(0, 0.98, 0.97, 0.003, 5) },
      // Blank, text and TRUE are the function's #VALUE! in SCORE, and the native formula's.
      { weight: 1, arbitrary: fc.constantFrom<Input>(null, { text: "a" }, true) }
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
          check(
            wb,
            `${tableText(t)} ids ${JSON.stringify(idRow)} values ${JSON.stringify(values)} weights ${JSON.stringify(weights)}`,
            f,
            nativeOf(wb, f, constants),
            () => {
              writeTable(wb, t);
              wb.hf.setCellContents({ sheet: wb.S, row: 2, col: 0 }, [idRow.map((id) => (typeof id === "string" ? `'${id}` : id)), values.map(raw), weights.map(raw)]);
            },
            // Documented (README, SCORE): with several failing cells, a value that is not a
            // number (#VALUE!) is reported before another cell's error.
            (fn, native) => fn.kind === "error" && native.kind === "error" && native.type === "VALUE" && values.some((v) => typeof v !== "number")
          );
        }
      ),
      { numRuns: RUNS }
    );
  });
});

/**
 * Invalid inputs, where the function refuses and the native formula follows the rule stated in
 * src/portable/README.md ("Known differences"): one case per rule, the function's answer and
 * the native one both checked.
 */
describe("invalid inputs: the documented differences", () => {
  const wb = workbook();
  const ROW = (id: string, dir: Input, meets: Input, excellent: Input, red: Input = null): Input[] => [{ text: id }, { text: "n" }, dir, meets, excellent, { text: "%" }, red, { text: "s" }];
  const run = (rows: Input[][], formula: string, a1: Input, cells: Map<string, Constant> = new Map()): { fn: string; native: string } => {
    const native = nativeOf(wb, formula, cells);
    wb.hf.batch(() => {
      writeTable(wb, { rows });
      wb.hf.setCellContents({ sheet: wb.S, row: 0, col: 0 }, [[raw(a1)]]);
      wb.hf.setCellContents({ sheet: wb.S, row: 10, col: 0 }, [[formula, native]]);
    });
    return { fn: show(outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 0 }))), native: show(outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 1 }))) };
  };
  const grade = '=COLLECT.GRADE("recovery_achievement",A1,CollectBenchmarks)';
  const meets = '=COLLECT.BENCHMARK("recovery_achievement","meets",CollectBenchmarks)';

  it.each<[string, Input[][], string, Input, string, string]>([
    ["a duplicated row: the first one is read", [ROW("recovery_achievement", null, 0.9, 1.1), ROW("recovery_achievement", null, 0.5, 0.6)], meets, null, "#VALUE", "0.9"],
    ["a Metric ID with spaces around it is not found: the default", [ROW(" recovery_achievement ", null, 0.9, 1.1)], meets, null, "0.9", "0.85"],
    ["text in Meets is read as it is", [ROW("recovery_achievement", null, { text: "0.9" }, 1.1)], meets, null, "#VALUE", '"0.9"'],
    ["a negative threshold is used", [ROW("recovery_achievement", null, -0.5, 1.1)], meets, null, "#VALUE", "-0.5"],
    ["an unknown Direction is the catalogue's", [ROW("recovery_achievement", { text: "sideways" }, 0.9, 1.1)], grade, 1, "#VALUE", '"Meets"'],
    ["swapped thresholds grade as written", [ROW("recovery_achievement", null, 1.1, 0.9)], grade, 1, "#VALUE", '"Excellent"'],
    ["an unknown Red line word is the catalogue's", [ROW("recovery_achievement", null, 0.9, 1.1, { text: "maybe" })], grade, 1, "#VALUE", '"Meets"'],
    ["an error value in another row does not show", [ROW("recovery_achievement", null, 0.9, 1.1), ROW("complaint_rate", null, { formula: "=1/0" }, null)], grade, 1, "#DIV_BY_ZERO", '"Meets"'],
    ["an entirely blank table: the defaults", [], meets, null, "#NA", "0.85"],
    ["a blank value is graded as 0 (as Excel desktop does)", [ROW("recovery_achievement", null, 0.9, 1.1)], grade, null, "#VALUE", '"Below"'],
    ["a negative value is graded", [ROW("recovery_achievement", null, 0.9, 1.1)], grade, -0.5, "#NUM", '"Below"'],
    ["a number typed as text is read as the number", [ROW("recovery_achievement", null, 0.9, 1.1)], grade, { text: "1" }, "#VALUE", '"Meets"'],
  ])("%s", (_, rows, formula, a1, fn, native) => {
    expect(run(rows, formula, a1)).toEqual({ fn, native });
  });

  it("SCORE: a text weight counts as 0, a negative weight is used", () => {
    const cells = new Map<string, Constant>([["2,0", "recovery_achievement"], ["2,1", "complaint_rate"]]);
    const f = "=COLLECT.SCORE($A$3:$B$3,A4:B4,$A$5:$B$5,CollectBenchmarks)";
    const native = nativeOf(wb, f, cells);
    const at = (weights: Input[]): { fn: string; native: string } => {
      wb.hf.batch(() => {
        writeTable(wb, { rows: [ROW("recovery_achievement", null, 0.9, 1.1), ROW("complaint_rate", null, 0.004, 0.002)] });
        wb.hf.setCellContents({ sheet: wb.S, row: 2, col: 0 }, [[{ text: "recovery_achievement" }, { text: "complaint_rate" }].map(raw), [0.9, 0.004], weights.map(raw)]);
        wb.hf.setCellContents({ sheet: wb.S, row: 10, col: 0 }, [[f, native]]);
      });
      return { fn: show(outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 0 }))), native: show(outcome(wb.hf.getCellValue({ sheet: wb.S, row: 10, col: 1 }))) };
    };
    expect(at([60, { text: "x" }])).toEqual({ fn: "#VALUE", native: "100" });
    expect(at([60, -10])).toEqual({ fn: "#NUM", native: "100" });
    expect(at([60, 40])).toEqual({ fn: "100", native: "100" });
  });
});

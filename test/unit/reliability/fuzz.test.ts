/**
 * Fuzzing every registered function through the path Excel uses: the built functions.js,
 * loaded with only a fake CustomFunctions, called with arbitrary Excel-shaped arguments.
 *
 * The law: every call returns a finite number, a string, a matrix of those or of
 * CustomFunctions.Error, or throws a CustomFunctions.Error whose code metrics.md allows for
 * that function. Nothing else, ever: no raw exception, no NaN or Infinity, and no error the
 * core only raises when it caught a bug of its own ("could not compute this cell").
 *
 * FUZZ_RUNS sets the cases per function (10,000 by default, as CI runs them).
 */
import fc from "fast-check";
import { CATALOGUE, BENCHMARK_COLUMNS } from "../../../src/core";
import { DIV, NA, NUM, V, allowedCodes } from "../../helpers/allowedErrors";
import { CustomFunctionsError, distFile, loadFunctionsScript } from "../../helpers/bundle";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

interface Param {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMeta {
  id: string;
  parameters: Param[];
  result: { dimensionality?: string };
}

const metadata = JSON.parse(distFile("functions.json")) as { functions: FunctionMeta[] };
const bundle = loadFunctionsScript();


const ids = CATALOGUE.map((m) => m.id);
const extremeNumbers = fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 5e-324, Number.MAX_VALUE, 0.1, 0.3, 45000.9166666667, 1e15);
const number = fc.oneof(extremeNumbers, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1_000_000 }));
const words = fc.constantFrom(...ids, "", " ", "meets", "excellent", "zh-CN", "en-US", "fr-FR", "higher", "lower", "TRUE", "优秀", "<img src=x onerror=alert(1)>", "1e3", "NaN", "Infinity");
const scalar = fc.oneof(
  { weight: 5, arbitrary: number },
  { weight: 2, arbitrary: words },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant("") }
);
/** Ranges of any shape, ragged ones and empty ones included. */
const grid = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.array(scalar, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }) },
  { weight: 3, arbitrary: scalar.map((v) => [[v]]) },
  { weight: 2, arbitrary: fc.array(number, { minLength: 1, maxLength: 8 }).map((col) => col.map((v) => [Math.abs(v)])) },
  { weight: 1, arbitrary: fc.constantFrom([], [[]], [[], []]) }
);
/** Benchmarks tables a user could make of the real one: deleted rows, text in Meets, swaps, duplicates, missing columns. */
const benchmarkRow = fc.tuple(
  fc.oneof(fc.constantFrom(...ids), words, fc.constant(null)),
  fc.string({ maxLength: 6 }),
  fc.oneof(fc.constantFrom("higher", "lower", "越高越好", "越低越好", "sideways", ""), scalar),
  fc.oneof(number, scalar),
  fc.oneof(number, scalar),
  fc.constantFrom("%", "‰", ""),
  fc.oneof(fc.boolean(), fc.constantFrom("TRUE", "FALSE", "maybe", "")),
  fc.string({ maxLength: 6 })
);
const benchmarkTable = fc.oneof(
  fc.array(benchmarkRow, { maxLength: 8 }).map((rows) => [[...BENCHMARK_COLUMNS], ...rows.map((r) => [...r])]),
  fc.array(benchmarkRow, { minLength: 1, maxLength: 8 }).chain((rows) =>
    fc.integer({ min: 1, max: 8 }).map((width) => rows.map((r) => [...r].slice(0, width)))
  ),
  grid
);

function arbitraryFor(p: Param): fc.Arbitrary<unknown> {
  let arb: fc.Arbitrary<unknown>;
  if (p.name === "benchmarks") arb = benchmarkTable;
  else if (p.name === "metrics") arb = fc.array(fc.array(fc.oneof(fc.constantFrom(...ids), scalar), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });
  else if (p.dimensionality === "matrix") arb = grid;
  else if (p.name === "metric") arb = fc.oneof(fc.constantFrom(...ids), scalar);
  else arb = scalar;
  return p.optional ? fc.oneof(fc.constant(null), fc.constant(undefined), arb) : arb;
}

/** Describes what is wrong with one outcome, or returns undefined when it obeys the law. */
function violation(outcome: { value?: unknown; thrown?: unknown }, allowed: string[]): string | undefined {
  const badError = (e: unknown): string | undefined => {
    if (!(e instanceof CustomFunctionsError)) return `raw exception ${String(e)}`;
    if (!allowed.includes(e.code)) return `error code ${e.code} (allowed: ${allowed.join(" ")}) ${e.message}`;
    if (/could not compute/.test(e.message ?? "")) return `internal error surfaced: ${e.message}`;
    return undefined;
  };
  const badScalar = (v: unknown): string | undefined => {
    if (typeof v === "number") return Number.isFinite(v) ? undefined : `non-finite ${v}`;
    if (typeof v === "string") return undefined;
    if (v instanceof CustomFunctionsError) return badError(v);
    return `value of type ${typeof v}: ${String(v)}`;
  };
  if ("thrown" in outcome) return badError(outcome.thrown);
  const v = outcome.value;
  if (Array.isArray(v)) {
    if (v.length === 0 || !v.every((row) => Array.isArray(row) && row.length === v[0].length && row.length > 0)) return "ragged or empty matrix";
    for (const row of v) for (const cell of row as unknown[]) {
      const bad = badScalar(cell);
      if (bad) return bad;
    }
    return undefined;
  }
  if (v instanceof CustomFunctionsError) return "returned (not thrown) a scalar error";
  return badScalar(v);
}

function call(fn: (...args: unknown[]) => unknown, args: unknown[]): { value?: unknown; thrown?: unknown } {
  try {
    return { value: fn(...args) };
  } catch (e) {
    return { thrown: e };
  }
}

describe("every registered function obeys the error law on arbitrary Excel-shaped input", () => {
  test("the fuzzer covers every function of functions.json", () => {
    // 31 of metrics.md, and issue 15's AGENCYRECOVERY, COMMISSIONCOST, BREACHRATE and VINTAGE.
    expect(metadata.functions.length).toBe(35);
    expect(bundle.associations.map((a) => a.id).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  fuzzEvery(bundle, RUNS);
});

/** Every function of the bundle against the law, `runs` cases each, plus `alsoCheck` on each outcome (a problem or undefined). */
function fuzzEvery(loaded: typeof bundle, runs: number, alsoCheck: (outcome: ReturnType<typeof call>) => string | undefined = () => undefined): void {
  for (const meta of metadata.functions) {
    test(`${meta.id}: ${runs} cases`, () => {
      const fn = loaded.fn(meta.id);
      const allowed = allowedCodes(meta.id);
      fc.assert(
        fc.property(fc.tuple(...meta.parameters.map(arbitraryFor)), (args) => {
          const outcome = call(fn, args);
          const problem = violation(outcome, allowed) ?? alsoCheck(outcome);
          if (problem) throw new Error(`${meta.id}(${JSON.stringify(args)}): ${problem}`);
        }),
        { numRuns: runs }
      );
    });
  }
}

describe("in Chinese Excel (display language zh-CN): the same law, and every message Chinese", () => {
  const HAN = /[\u4e00-\u9fff]/;
  // Excel shows a message for #VALUE! and #N/A only: in Chinese Excel it is Chinese.
  fuzzEvery(loadFunctionsScript(undefined, "zh-CN"), Math.max(1, Math.round(RUNS / 5)), (outcome) => {
    const thrown = outcome.thrown as { code?: string; message?: string } | undefined;
    if (thrown === undefined || (thrown.code !== V && thrown.code !== NA) || HAN.test(thrown.message ?? "")) return undefined;
    return `${thrown.code} with a message that is not Chinese: ${thrown.message}`;
  });
});

describe("the law itself catches what it must", () => {
  const allowed = [V, NUM, DIV];
  test.each([
    ["NaN", { value: NaN }],
    ["Infinity", { value: Infinity }],
    ["a raw exception", { thrown: new TypeError("x is undefined") }],
    ["a code the contract does not give", { thrown: new CustomFunctionsError("#N/A", "no") }],
    ["an internal error turned into #VALUE!", { thrown: new CustomFunctionsError(V, "CollectKPI could not compute this cell (bug)") }],
    ["NaN inside a spilled matrix", { value: [[1, NaN]] }],
    ["a ragged matrix", { value: [[1, 2], [3]] }],
    ["an object", { value: {} }],
  ])("flags %s", (_name, outcome) => {
    expect(violation(outcome, allowed)).toBeDefined();
  });

  test.each([
    ["a finite number", { value: 0.4 }],
    ["a label", { value: "Meets" }],
    ["an allowed thrown error", { thrown: new CustomFunctionsError(DIV) }],
    ["a matrix with an error cell", { value: [[0.5, new CustomFunctionsError(DIV)]] }],
  ])("accepts %s", (_name, outcome) => {
    expect(violation(outcome, allowed)).toBeUndefined();
  });
});

describe("Excel-sized ranges", () => {
  const rows = 1_048_576;
  const column = Array.from({ length: rows }, (_, i) => [i % 3 === 0 ? null : 2]);
  const targets = Array.from({ length: rows }, () => [4]);

  test("a whole column (1,048,576 × 1) is summed, blanks as 0", () => {
    // Rows i % 3 == 0 are blank: 349,526 blanks, 699,050 rows of 2 → 1,398,100;
    // the target is 4 × 1,048,576 = 4,194,304; 1,398,100 / 4,194,304 = 0.333333492…
    expect(bundle.fn("RECOVERYRATE")(column, targets)).toBeCloseTo(1_398_100 / 4_194_304, 12);
  });

  test("a whole row (1 × 1,048,576) gives the same rate as the column", () => {
    const row = [column.map((r) => r[0])];
    const targetRow = [targets.map((r) => r[0])];
    expect(bundle.fn("RECOVERYRATE")(row, targetRow)).toBeCloseTo(1_398_100 / 4_194_304, 12);
  });

  test("one text cell deep in a whole column is #VALUE! naming the argument", () => {
    const withText: (number | string | null)[][] = column.map((r) => [...r]);
    withText[1_000_000][0] = "n/a";
    const outcome = call(bundle.fn("COMPLIANCE"), [withText, targets]);
    expect(outcome.thrown).toBeInstanceOf(CustomFunctionsError);
    expect((outcome.thrown as CustomFunctionsError).code).toBe("#VALUE!");
    expect((outcome.thrown as CustomFunctionsError).message).toMatch(/passed.*row 1000001/);
  });
});

/**
 * Properties of the COLLECT functions (fast-check), through src/functions/functions.ts with a
 * fake CustomFunctions runtime:
 *   - a range gives the same result as its sum typed into one cell;
 *   - proportions stay in [0, 1], ratios at 0 or more;
 *   - permuting rows changes nothing (KPIs, SCORE, CONTACTBREACHES);
 *   - CONTACTBREACHES matches a brute-force count written from the words of metrics.md;
 *   - VINTAGE: curves never fall, are blank after the months observed, pooled is a ratio of sums
 *     between the curves it pools, desktop's 0 reads as the web's null, errors stay in their cells;
 *   - the law: any mix of numbers, text, booleans and blanks, in any shape, gives a finite
 *     number, a string, a matrix of those and errors, or a thrown CustomFunctions.Error with
 *     a code metrics.md prescribes for that function. Never a raw exception, NaN or Infinity.
 * About 1,000 runs per property keep the suite fast; the built bundle gets 10,000 per
 * function in test/unit/reliability/fuzz.test.ts.
 */
import "../../helpers/customFunctions";
import fc from "fast-check";
import { CATALOGUE, allFunctionNames, type Metric } from "../../../src/core";
import { allowedCodes } from "../../helpers/allowedErrors";
import { isExcelError } from "../../helpers/customFunctions";
import { DIV, NA, NUM, V, callExcel, EXCEL_FUNCTIONS } from "../core/harness";

const RUNS = 1000;
const KPIS = CATALOGUE.filter((m) => m.fn !== undefined) as (Metric & { fn: string })[];

/** What a call shows: a value, or the code of the Excel error it threw. */
type Shown = { value: unknown } | { code: string; message?: string };
function show(fn: string, args: unknown[]): Shown {
  try {
    return { value: callExcel(fn, args) };
  } catch (e) {
    if (isExcelError(e)) return { code: e.code, message: e.message };
    throw e;
  }
}
const codeOf = (s: Shown): string | undefined => ("code" in s ? s.code : undefined);
const valueOf = (s: Shown): unknown => ("value" in s ? s.value : undefined);

// ---------------------------------------------------------------------------------------
// Arbitraries

const blank = fc.constantFrom<null | "" | 0>(null, "", 0);
/** Non-negative amounts: small integers, money-like doubles, and the extremes. */
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 5e-324, 1e-300, 1e308, Number.MAX_VALUE) }
);
const amountCell = fc.oneof({ weight: 5, arbitrary: amount }, { weight: 1, arbitrary: blank });
/** A rectangular range of `cellArb`, 1–6 rows × 1–3 columns. */
const range = <T>(cellArb: fc.Arbitrary<T>) =>
  fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }))
    .chain(([rows, cols]) => fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));

/** Reading-order sum with blanks as 0, as an analyst would type it into one cell. */
function sumOf(grid: unknown[][]): number {
  let total = 0;
  for (const r of grid) for (const v of r) if (typeof v === "number") total += v;
  return total;
}

const kpiWithRanges = fc
  .constantFrom(...KPIS)
  .chain((m) => fc.tuple(fc.constant(m), fc.array(range(amountCell), { minLength: m.params.length, maxLength: m.params.length })));

// ---------------------------------------------------------------------------------------

describe("KPI functions: properties", () => {
  it("a range gives the same result as its sum typed into one cell", () => {
    fc.assert(
      fc.property(kpiWithRanges, ([m, ranges]) => {
        const byRange = show(m.fn, ranges);
        const bySum = show(m.fn, ranges.map((g) => [[sumOf(g)]]));
        expect(codeOf(byRange)).toBe(codeOf(bySum));
        expect(valueOf(byRange)).toBe(valueOf(bySum));
      }),
      { numRuns: RUNS }
    );
  });

  it("a proportion stays in [0, 1] and a ratio is 0 or more; anything else is #NUM! or #DIV/0!", () => {
    fc.assert(
      fc.property(kpiWithRanges, ([m, ranges]) => {
        const s = show(m.fn, ranges);
        if ("code" in s) {
          expect([NUM, DIV]).toContain(s.code);
          return;
        }
        const v = s.value as number;
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        if (m.kind === "P") expect(v).toBeLessThanOrEqual(1);
      }),
      { numRuns: RUNS }
    );
  });

  it("a proportion whose numerator does not exceed its denominator is never an error", () => {
    const part = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 }));
    fc.assert(
      fc.property(fc.constantFrom(...KPIS.filter((m) => m.kind === "P")), fc.array(part, { minLength: 1, maxLength: 8 }), (m, rows) => {
        // each row: k of n with k ≤ n, so Σk ≤ Σn and Σn > 0
        const num = rows.map(([a, b]) => [Math.min(a, b)]);
        const den = rows.map(([, b]) => [b]);
        const v = valueOf(show(m.fn, [num, den])) as number;
        expect(v).toBe(num.reduce((s, [k]) => s + k, 0) / den.reduce((s, [n]) => s + n, 0));
      }),
      { numRuns: RUNS }
    );
  });

  it("permuting the rows of a range changes nothing", () => {
    fc.assert(
      fc.property(
        kpiWithRanges.chain(([m, ranges]) =>
          fc.tuple(fc.constant(m), fc.constant(ranges), fc.tuple(...ranges.map((g) => fc.shuffledSubarray(g, { minLength: g.length }))))
        ),
        ([m, ranges, shuffled]) => {
          const a = show(m.fn, ranges);
          const b = show(m.fn, shuffled);
          expect(codeOf(b)).toBe(codeOf(a));
          if ("value" in a) {
            const x = a.value as number;
            const y = valueOf(b) as number;
            // sums in another order may differ in the last bit
            expect(Math.abs(x - y)).toBeLessThanOrEqual(Math.abs(x) * 1e-12);
          }
        }
      ),
      { numRuns: RUNS }
    );
  });
});

describe("SCORE: properties", () => {
  const graded = CATALOGUE.filter((m) => m.meets !== undefined || m.excellent !== undefined);
  const line = fc.tuple(
    fc.constantFrom(...graded.map((m) => m.id)),
    fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.integer({ min: 0, max: 200_000 })),
    fc.oneof(
      fc.double({ min: 0, max: 10, noNaN: true }),
      fc.integer({ min: 0, max: 5 }),
      fc.constantFrom(null, 5e-324, 1e-300, 1e308)
    )
  );
  const card = fc.array(line, { minLength: 1, maxLength: 8 });
  const asColumns = (lines: [string, number, number | null][]) => [
    lines.map(([id]) => [id]),
    lines.map(([, v]) => [v]),
    lines.map(([, , w]) => [w]),
  ];

  it("is 0–120, 0 when a red line misses, #DIV/0! only when the weights add up to 0", () => {
    fc.assert(
      fc.property(card, (lines) => {
        const s = show("SCORE", asColumns(lines));
        const totalWeight = lines.reduce((t, [, , w]) => t + (w ?? 0), 0);
        if (totalWeight === 0) {
          expect(codeOf(s)).toBe(DIV);
          return;
        }
        const v = valueOf(s) as number;
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(120);
        const vetoed = lines.some(([id, value]) => id === "compliance_pass_rate" && value < 0.98);
        if (vetoed) expect(v).toBe(0);
      }),
      { numRuns: RUNS }
    );
  });

  it("permuting the scorecard's rows (id, value and weight together) changes nothing", () => {
    fc.assert(
      fc.property(card.chain((lines) => fc.tuple(fc.constant(lines), fc.shuffledSubarray(lines, { minLength: lines.length }))), ([lines, shuffled]) => {
        const a = show("SCORE", asColumns(lines));
        const b = show("SCORE", asColumns(shuffled));
        expect(codeOf(b)).toBe(codeOf(a));
        if ("value" in a) expect(Math.abs((a.value as number) - (valueOf(b) as number))).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: RUNS }
    );
  });

  it("a one-metric scorecard scores what KPISCORE gives", () => {
    fc.assert(
      fc.property(line, ([id, value, w]) => {
        // any positive weight (a blank or 0 one would leave nothing to average)
        const s = show("SCORE", [[[id]], [[value]], [[w === null || w === 0 ? 1 : w]]]);
        const k = show("KPISCORE", [id, value]);
        const redLineMiss = id === "compliance_pass_rate" && value < 0.98;
        if (redLineMiss) expect(valueOf(s)).toBe(0);
        else expect(Math.abs((valueOf(s) as number) - (valueOf(k) as number))).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: RUNS }
    );
  });
});

describe("CONTACTBREACHES: properties", () => {
  const DAY = 45000;
  // Calls within three days, at whole minutes, to four debtors.
  const call = fc.tuple(fc.constantFrom("A", "B", "C", 7), fc.integer({ min: 0, max: 3 * 1440 - 1 }));
  const log = fc.array(call, { minLength: 0, maxLength: 40 });
  const rules = fc.record({
    max: fc.integer({ min: 1, max: 4 }),
    start: fc.integer({ min: 0, max: 23 }),
    end: fc.integer({ min: 0, max: 23 }),
  });
  const argsOf = (calls: [string | number, number][], r?: { max: number; start: number; end: number }) => {
    const args: unknown[] = [calls.map(([id]) => [id]), calls.map(([, minute]) => [DAY + minute / 1440])];
    if (r) args.push(r.max, r.start / 24, r.end / 24);
    return args;
  };

  /** metrics.md in words: the (max+1)-th or later call of a debtor on a day, or a call in quiet hours; once each. */
  function bruteForce(calls: [string | number, number][], max: number, start: number, end: number): number {
    const quiet = (minuteOfDay: number) => {
      const s = start * 60;
      const e = end * 60;
      if (s === e) return false;
      return s < e ? minuteOfDay >= s && minuteOfDay < e : minuteOfDay >= s || minuteOfDay < e;
    };
    let breaches = 0;
    calls.forEach(([id, minute], i) => {
      const day = Math.floor(minute / 1440);
      let earlier = 0; // calls of the same debtor on the same day before this one (ties broken by position)
      calls.forEach(([id2, minute2], j) => {
        if (id2 === id && Math.floor(minute2 / 1440) === day && (minute2 < minute || (minute2 === minute && j < i))) earlier++;
      });
      if (earlier >= max || quiet(minute % 1440)) breaches++;
    });
    return breaches;
  }

  it("matches a brute-force count, default rules", () => {
    fc.assert(
      fc.property(log, (calls) => {
        expect(valueOf(show("CONTACTBREACHES", argsOf(calls)))).toBe(bruteForce(calls, 3, 22, 8));
      }),
      { numRuns: RUNS }
    );
  });

  it("matches a brute-force count, any max_per_day and quiet window", () => {
    fc.assert(
      fc.property(log, rules, (calls, r) => {
        expect(valueOf(show("CONTACTBREACHES", argsOf(calls, r)))).toBe(bruteForce(calls, r.max, r.start, r.end));
      }),
      { numRuns: RUNS }
    );
  });

  it("permuting the log changes nothing", () => {
    fc.assert(
      fc.property(log.chain((calls) => fc.tuple(fc.constant(calls), fc.shuffledSubarray(calls, { minLength: calls.length }))), rules, ([calls, shuffled], r) => {
        expect(valueOf(show("CONTACTBREACHES", argsOf(shuffled, r)))).toBe(valueOf(show("CONTACTBREACHES", argsOf(calls, r))));
      }),
      { numRuns: RUNS }
    );
  });
});

// ---------------------------------------------------------------------------------------
// The law


const ids = CATALOGUE.map((m) => m.id);
const anyNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5, 1e308, -1e308, 5e-324, -5e-324, Number.MAX_VALUE, 45000.9166666667, 22 / 24, 120, 60) },
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1_000_000 }) }
);
const anyText = fc.oneof(
  fc.constantFrom(...ids, "", " ", "meets", "excellent", "zh-CN", "en-US", "xx", "higher", "lower", "TRUE", "优秀", "NaN", "Infinity", "1e400"),
  fc.string({ maxLength: 8 })
);
const anyCell = fc.oneof(
  { weight: 5, arbitrary: anyNumber },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, "") }
);
const anyGrid = fc.oneof(
  { weight: 4, arbitrary: range(anyCell) },
  { weight: 3, arbitrary: anyCell.map((v) => [[v]]) },
  { weight: 1, arbitrary: fc.array(fc.array(anyCell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }) } // ragged
);
/** A Benchmarks table a user could make: real ids, any cells, sometimes the header. */
const anyTable = fc.oneof(
  anyGrid,
  fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...ids), anyText), anyText, fc.oneof(fc.constantFrom("higher", "lower"), anyCell), anyCell, anyCell, anyText, anyCell, anyText),
      { minLength: 1, maxLength: 5 }
    )
    .map((rows) => rows.map((r) => [...r]))
);

/** Arguments by parameter kind: matrix parameters get ranges (sometimes a scalar), scalars get cells (sometimes a range). */
function argsFor(fn: string): fc.Arbitrary<unknown[]> {
  const scalar = fc.oneof({ weight: 6, arbitrary: anyCell }, { weight: 1, arbitrary: anyGrid }, { weight: 1, arbitrary: fc.constant(undefined) });
  const metricId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: scalar });
  const kpi = KPIS.find((m) => m.fn === fn);
  if (kpi) return fc.tuple(...kpi.params.map(() => fc.oneof({ weight: 6, arbitrary: anyGrid }, { weight: 1, arbitrary: anyCell })));
  const optTable = fc.oneof(fc.constant(undefined), fc.constant(null), anyTable);
  switch (fn) {
    case "ROLLRATES":
    case "LOSSFACTORS":
      return fc.tuple(anyGrid);
    case "VINTAGE":
      return fc.tuple(anyGrid, anyGrid, fc.oneof(fc.constant(undefined), fc.constant(null), anyGrid), fc.oneof(scalar, fc.constantFrom(true, false, 1, 0)));
    case "CONTACTBREACHES":
      return fc.tuple(anyGrid, anyGrid, scalar, scalar, scalar);
    case "BENCHMARK":
      return fc.tuple(metricId, scalar, optTable);
    case "GRADE":
      return fc.tuple(metricId, scalar, optTable, scalar);
    case "KPISCORE":
      return fc.tuple(metricId, scalar, optTable);
    case "SCORE": {
      const ids3 = range(fc.oneof(fc.constantFrom(...ids), anyCell));
      return fc.tuple(fc.oneof(ids3, anyGrid), anyGrid, anyGrid, optTable);
    }
    case "SCOREGRADE":
      return fc.tuple(scalar, scalar);
    case "METRICS":
      return fc.tuple(scalar);
    default:
      throw new Error(`no argument model for ${fn}`);
  }
}

/** Why `s` breaks the law for `fn`, or undefined when it keeps it. */
function lawBroken(fn: string, s: Shown): string | undefined {
  const allowed = allowedCodes(fn);
  const badError = (code: string, message?: string) => {
    if (!allowed.includes(code)) return `error ${code} is not one metrics.md gives ${fn}`;
    if (message !== undefined && message.includes("could not compute this cell")) return `an internal error surfaced: ${message}`;
    if ((code === V || code === NA) && !(typeof message === "string" && message.length > 0)) return `${code} without a message`;
    return undefined;
  };
  if ("code" in s) return badError(s.code, s.message);
  const v = s.value;
  const scalarOk = (x: unknown) => (typeof x === "number" ? Number.isFinite(x) : typeof x === "string");
  if (!Array.isArray(v)) return scalarOk(v) ? undefined : `returned ${String(v)}`;
  if (v.length === 0) return "returned an empty matrix";
  const width = (v[0] as unknown[]).length;
  for (const r of v as unknown[][]) {
    if (!Array.isArray(r) || r.length !== width || width === 0) return "returned a ragged or empty matrix";
    for (const x of r) {
      if (isExcelError(x)) {
        const why = badError(x.code, x.message);
        if (why) return `a spilled cell: ${why}`;
      } else if (!scalarOk(x)) return `a spilled cell holds ${String(x)}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// VINTAGE (issue 15)

/** n cohorts × m months: placed (positive), recovered (non-negative or blank), and how many months each reached. */
const cohorts = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.integer({ min: 1, max: 6 }).chain((m) =>
    fc.record({
      placed: fc.array(fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 1, max: 1e7, noNaN: true })), { minLength: n, maxLength: n }),
      amounts: fc.array(fc.array(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 100_000 }) }, { weight: 1, arbitrary: blank }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
      reached: fc.array(fc.integer({ min: 0, max: m }), { minLength: n, maxLength: n }),
    })
  )
);

/** The cohorts' recovered block with each row cut after its months reached, and months_observed. */
function triangleOf(c: { placed: number[]; amounts: (number | null | "")[][]; reached: number[] }) {
  const recovered = c.amounts.map((row, i) => row.map((v, k) => (k < c.reached[i] ? v : null)));
  return { placed: c.placed.map((p) => [p]), recovered, observed: c.reached.map((r) => [r]) };
}

describe("VINTAGE: properties", () => {
  it("a curve never falls (recoveries are not negative), is blank exactly after the months observed, and ends at Σ recovered / placed", () => {
    fc.assert(
      fc.property(cohorts, (c) => {
        const t = triangleOf(c);
        const curves = callExcel("VINTAGE", [t.placed, t.recovered, t.observed]) as unknown[][];
        curves.forEach((row, i) => {
          row.forEach((x, k) => expect(x === "").toBe(k >= c.reached[i]));
          const numbers = row.filter((x): x is number => typeof x === "number");
          for (let k = 1; k < numbers.length; k++) expect(numbers[k]).toBeGreaterThanOrEqual(numbers[k - 1]);
          for (const x of numbers) expect(x).toBeGreaterThanOrEqual(0);
          if (numbers.length > 0) expect(numbers[numbers.length - 1]).toBeCloseTo(sumOf(t.recovered.slice(i, i + 1)) / c.placed[i], 9);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("pooled = Σ cumulative / Σ placed over the cohorts that reached the month, between the lowest and the highest of their curves", () => {
    fc.assert(
      fc.property(cohorts, (c) => {
        const t = triangleOf(c);
        const pooled = (callExcel("VINTAGE", [t.placed, t.recovered, t.observed, true]) as unknown[][])[0];
        const curves = callExcel("VINTAGE", [t.placed, t.recovered, t.observed]) as unknown[][];
        pooled.forEach((x, k) => {
          const inIt = c.reached.map((r, i) => (r > k ? i : -1)).filter((i) => i >= 0);
          if (inIt.length === 0) return expect(x).toBe("");
          const cum = inIt.reduce((acc, i) => acc + sumOf([t.recovered[i].slice(0, k + 1)]), 0);
          const placed = inIt.reduce((acc, i) => acc + c.placed[i], 0);
          expect(x as number).toBeCloseTo(cum / placed, 9);
          const theirs = inIt.map((i) => curves[i][k] as number);
          expect(x as number).toBeGreaterThanOrEqual(Math.min(...theirs) * (1 - 1e-12));
          expect(x as number).toBeLessThanOrEqual(Math.max(...theirs) * (1 + 1e-12) + 1e-300);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it("without months_observed, a cohort reaches the months up to its last amount that is not blank or 0: desktop's 0 and the web's null read alike", () => {
    fc.assert(
      fc.property(cohorts, (c) => {
        const t = triangleOf(c);
        const web = callExcel("VINTAGE", [t.placed, t.recovered]);
        const desktop = callExcel("VINTAGE", [t.placed, t.recovered.map((row) => row.map((v) => (v === null || v === "" ? 0 : v)))]);
        expect(desktop).toEqual(web);
      }),
      { numRuns: RUNS }
    );
  });

  it("a text or negative amount errors its own month and the cohort's later months only", () => {
    fc.assert(
      fc.property(cohorts, fc.nat(), fc.nat(), fc.constantFrom<[unknown, string]>(["n/a", V], [true, V], [-1, NUM]), (c, ri, ki, [bad, code]) => {
        const t = triangleOf({ ...c, reached: c.reached.map(() => c.amounts[0].length) });
        const i = ri % t.recovered.length;
        const k = ki % t.recovered[0].length;
        t.recovered[i][k] = bad as number;
        const observed = t.recovered.map(() => [t.recovered[0].length]);
        const curves = callExcel("VINTAGE", [t.placed, t.recovered, observed]) as unknown[][];
        curves.forEach((row, r) =>
          row.forEach((x, m) => {
            const shouldErr = r === i && m >= k;
            expect(isExcelError(x) ? (x as { code: string }).code : "value").toBe(shouldErr ? code : "value");
          })
        );
      }),
      { numRuns: RUNS }
    );
  });
});

describe("the law: every function, any arguments", () => {
  it("covers every function of the catalogue", () => {
    expect([...EXCEL_FUNCTIONS.keys()].sort()).toEqual(allFunctionNames().sort());
  });

  for (const fn of allFunctionNames()) {
    it(`${fn}: a finite number, a string, a matrix or a prescribed CustomFunctions.Error`, () => {
      fc.assert(
        fc.property(argsFor(fn), (args) => {
          let s: Shown;
          try {
            s = show(fn, args);
          } catch (e) {
            throw new Error(`${fn} threw a raw exception: ${String(e)}`);
          }
          const why = lawBroken(fn, s);
          if (why !== undefined) throw new Error(`${fn}: ${why}`);
        }),
        { numRuns: RUNS }
      );
    });
  }
});

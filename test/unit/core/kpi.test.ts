/**
 * The 22 KPI functions (metrics.md section 2), the 3 agency KPIs of issue 15, and every error row of section 1, as case
 * tables run through the core and through functions.ts. Expected values are worked out by
 * hand; the arithmetic is in the comment or the expression itself.
 */
import { CATALOGUE } from "../../../src/core";
import { Case, DIV, NUM, V, cell, col, err, row, runCases } from "./harness";

describe("KPI functions: one hand-worked case each", () => {
  runCases([
    // 90 / 100 = 0.9
    ["RECOVERYRATE", [cell(90), cell(100)], 0.9],
    // ratio metric: 120 / 100 = 1.2, not capped
    ["RECOVERYRATE", [cell(120), cell(100)], 1.2],
    // (20 + 45) / 100 = 0.65
    ["CUMRECOVERY", [cell(20), cell(45), cell(100)], 0.65],
    // 36 / 60 = 0.6
    ["TALKRATIO", [cell(36), cell(60)], 0.6],
    // 48 / 50 = 0.96
    ["FIRSTCONTACT", [cell(48), cell(50)], 0.96],
    // 97 / 100 = 0.97
    ["COMPLIANCE", [cell(97), cell(100)], 0.97],
    // 3 / 1000 = 0.003 (3‰)
    ["COMPLAINTRATE", [cell(3), cell(1000)], 0.003],
    // a ratio metric: 5 complaints over 2 accounts = 2.5, allowed
    ["COMPLAINTRATE", [cell(5), cell(2)], 2.5],
    // (100000 + 60000) / (1 + 1) = 80000
    ["PERCAPITA", [col(100000, 60000), col(1, 1)], 80000],
    // 50 / 10 = 5
    ["HANDLINGDAYS", [cell(50), cell(10)], 5],
    // 190 / 200 = 0.95
    ["CONTACTCOVERAGE", [cell(190), cell(200)], 0.95],
    // 30 / 120 = 0.25
    ["PTPRATE", [cell(30), cell(120)], 0.25],
    // 12 / 40 = 0.3
    ["INSTALLMENTRATE", [cell(12), cell(40)], 0.3],
    // 7 / 20 = 0.35
    ["LEGALCOMPLETION", [cell(7), cell(20)], 0.35],
    // 85 / 100 = 0.85
    ["ROBOTHANDOFF", [cell(85), cell(100)], 0.85],
    // 15 / 100 = 0.15
    ["AUTOAGREEMENT", [cell(15), cell(100)], 0.15],
    // 8 / 20 = 0.4
    ["FIELDEFFECTIVE", [cell(8), cell(20)], 0.4],
    // 18000 / 100000 = 0.18
    ["FIELDCONVERSION", [cell(18000), cell(100000)], 0.18],
    // 17 / 20 = 0.85
    ["RETENTION", [cell(17), cell(20)], 0.85],
    // 45 / 60 = 0.75
    ["PTPKEPT", [cell(45), cell(60)], 0.75],
    // 40 / 160 = 0.25
    ["RPCRATE", [cell(40), cell(160)], 0.25],
    // 5000 / 100000 = 0.05
    ["ENTRYRATE", [cell(5000), cell(100000)], 0.05],
    // 30000 / 120000 = 0.25
    ["CURERATE", [cell(30000), cell(120000)], 0.25],
    // 25000 / 100000 = 0.25
    ["ROLLRATE", [cell(25000), cell(100000)], 0.25],
    // a ratio metric: 120 / 100 = 1.2 (a bucket can grow), not capped
    ["ROLLRATE", [cell(120), cell(100)], 1.2],
    // Outsourced agencies (issue 15). Σrecovered (350,000 + 130,000) / Σplaced (1,000,000 + 500,000) = 480,000 / 1,500,000 = 0.32
    ["AGENCYRECOVERY", [col(350000, 130000), col(1000000, 500000)], 0.32],
    // a ratio: fees accrued after placement can take recovered past placed, 105 / 100 = 1.05
    ["AGENCYRECOVERY", [cell(105), cell(100)], 1.05],
    // commission 84,000 / recovered 350,000 = 0.24 (¥0.24 per ¥1 recovered)
    ["COMMISSIONCOST", [cell(84000), cell(350000)], 0.24],
    // a ratio, not capped: commission 120 on recovered 100 = 1.2
    ["COMMISSIONCOST", [cell(120), cell(100)], 1.2],
    // 7 breaches / 3,500 accounts = 0.002 (2‰)
    ["BREACHRATE", [cell(7), cell(3500)], 0.002],
    // a ratio: one account called in breach 3 times, 3 / 1 = 3
    ["BREACHRATE", [cell(3), cell(1)], 3],
    // nothing recovered: commission over 0 recovered is #DIV/0!, naming recovered
    ["COMMISSIONCOST", [cell(500), cell(0)], err(DIV, "recovered")],
    // a scalar passed unwrapped behaves as a one-cell range: 3 / 4 = 0.75
    ["PTPKEPT", [3, 4], 0.75],
  ]);
});

describe("ranges are summed: the ratio of sums, never the mean of ratios", () => {
  runCases([
    // (50 + 30) / (100 + 50) = 80 / 150 = 0.5333…; the mean of the rows' rates would be (0.5 + 0.6) / 2 = 0.55
    ["RECOVERYRATE", [col(50, 30), col(100, 50)], 80 / 150],
    // the same numbers as a row range
    ["RECOVERYRATE", [row(50, 30), row(100, 50)], 80 / 150],
    // a range against a single cell: (50 + 30) / 150
    ["RECOVERYRATE", [col(50, 30), cell(150)], 80 / 150],
    // a 2 × 2 block: (10 + 20 + 30 + 40) / 200 = 0.5
    ["RECOVERYRATE", [[[10, 20], [30, 40]], cell(200)], 0.5],
    // a proportion over a team: (9 + 1) / (10 + 90) = 10 / 100 = 0.1; the mean of the rows' rates would be
    // (9/10 + 1/90) / 2 ≈ 0.456
    ["CONTACTCOVERAGE", [col(9, 1), col(10, 90)], 10 / 100],
    // three-parameter KPI: (10 + 10 + 40 + 5) / (50 + 50) = 0.65
    ["CUMRECOVERY", [col(10, 10), col(40, 5), col(50, 50)], 0.65],
  ]);
});

describe("blank cells inside a range count as 0 (null, \"\" and 0 alike)", () => {
  runCases([
    // (50 + 0 + 0 + 0 + 30) / (100 + 0 + 50 + 0 + 0) = 80 / 150
    ["RECOVERYRATE", [col(50, null, "", 0, 30), col(100, null, 50, "", 0)], 80 / 150],
    // undefined (a missing cell from a host) is blank too: 30 / 60 = 0.5
    ["TALKRATIO", [col(30, undefined), col(60, undefined)], 0.5],
    // an all-blank numerator is 0: 0 / 100 = 0
    ["RECOVERYRATE", [col(null, "", 0), cell(100)], 0],
    // blank historical: (20 + 0) / 40 = 0.5
    ["CUMRECOVERY", [cell(20), cell(null), cell(40)], 0.5],
    // -0 is 0: 0 / 10 = 0 (and shows as 0, not -0)
    ["RPCRATE", [cell(-0), cell(10)], 0],
  ]);
});

describe("proportions tolerate floating-point noise but refuse a real excess", () => {
  runCases([
    // (0.1 + 0.2) / 0.3 is 1.0000000000000002 in binary floating point: it is 1
    ["TALKRATIO", [col(0.1, 0.2), cell(0.3)], 1],
    // 100 / 100 = 1 exactly
    ["CONTACTCOVERAGE", [cell(100), cell(100)], 1],
    // 101 / 100 > 1: more contacted than assigned is #NUM!, naming both parameters
    ["CONTACTCOVERAGE", [cell(101), cell(100)], err(NUM, "contacted", "assigned")],
    // 61 / 60 > 1
    ["TALKRATIO", [cell(61), cell(60)], err(NUM, "effective_talk", "total_talk")],
  ]);
});

describe("metrics.md section 1: every error row, with a message naming the parameter", () => {
  runCases([
    // text where a number is needed: #VALUE!, row 2 of recovered
    ["RECOVERYRATE", [col(50, "abc"), cell(100)], err(V, "recovered", "row 2, column 1")],
    // a boolean is not a number either
    ["RECOVERYRATE", [cell(50), col(100, true)], err(V, "target", "row 2")],
    ["RECOVERYRATE", [cell(false), cell(100)], err(V, "recovered")],
    // text that looks like a number is still text (Excel's own SUM ignores it; a silent 0 would mislead)
    ["PTPRATE", [cell("30"), cell(100)], err(V, "promises")],
    // a negative amount or count: #NUM!
    ["RECOVERYRATE", [col(50, -1), cell(100)], err(NUM, "recovered", "negative", "row 2")],
    ["HANDLINGDAYS", [cell(50), cell(-10)], err(NUM, "accounts", "negative")],
    // a proportion above 1: #NUM!
    ["COMPLIANCE", [cell(99), cell(98)], err(NUM, "passed", "inspected")],
    // the denominator sums to 0: #DIV/0! (0, blank and "" all add up to 0)
    ["RECOVERYRATE", [cell(50), col(0, null, "")], err(DIV, "target")],
    ["CUMRECOVERY", [cell(1), cell(1), cell(null)], err(DIV, "outstanding")],
    // 0 / 0 is #DIV/0!, not 0
    ["PTPRATE", [cell(0), cell(0)], err(DIV, "contacted")],
    // a sum beyond the largest number: 1e308 + 1e308
    ["RECOVERYRATE", [col(1e308, 1e308), cell(1)], err(NUM, "recovered")],
    ["RECOVERYRATE", [cell(1), col(1e308, 1e308)], err(NUM, "target")],
    // two parameters that are fine alone but overflow together: 1e308 + 1e308
    ["CUMRECOVERY", [cell(1e308), cell(1e308), cell(1)], err(NUM, "current + historical")],
    // a result beyond the largest number: 1e308 / 0.5 = 2e308
    ["RECOVERYRATE", [cell(1e308), cell(0.5)], err(NUM, "recovery_achievement")],
    // a value that is not a number at all (NaN from a broken host) is #VALUE!
    ["RECOVERYRATE", [cell(NaN), cell(1)], err(V, "recovered")],
    // the first bad cell wins, so the message points at it: text in row 1 before a negative in row 2
    ["RECOVERYRATE", [col("x", -1), cell(1)], err(V, "recovered", "row 1")],
  ]);
});

describe("the generic error rows hold for every KPI function", () => {
  const cases: Case[] = [];
  for (const m of CATALOGUE) {
    if (m.fn === undefined) continue;
    const last = m.params.length - 1;
    const ones = m.params.map(() => cell(1));
    const withArg = (i: number, value: unknown[][]) => ones.map((a, j) => (j === i ? value : a));
    for (let i = 0; i <= last; i++) {
      cases.push([m.fn, withArg(i, col(1, "n/a")), err(V, m.params[i])]);
      cases.push([m.fn, withArg(i, col(1, true)), err(V, m.params[i])]);
      cases.push([m.fn, withArg(i, col(1, -2)), err(NUM, m.params[i])]);
      cases.push([m.fn, withArg(i, col(1e308, 1e308)), err(NUM, m.params[i])]);
    }
    // every denominator of 0, blank or "" is #DIV/0!
    cases.push([m.fn, withArg(last, col(0, null, "")), err(DIV, m.params[last])]);
    // numerator(s) 1 each over 4: (k − 1 numerators) / 4; for a proportion this stays ≤ 1
    cases.push([m.fn, withArg(last, cell(4)), last / 4]);
    if (m.kind === "P") cases.push([m.fn, withArg(last, cell(0.5)), err(NUM, m.params[last])]);
    // a ratio is not capped: 1 / 0.5 = 2 (CUMRECOVERY: (1 + 1) / 0.5 = 4)
    else cases.push([m.fn, withArg(last, cell(0.5)), last / 0.5]);
  }
  runCases(cases);
});

describe("computeKpi2, the per-cell path, is computeKpi without the argument array", () => {
  const fc = require("fast-check") as typeof import("fast-check");
  const { computeKpi, computeKpi2, MetricError } = require("../../../src/core") as typeof import("../../../src/core");
  const outcome = (f: () => number): { value?: number; code?: string } => {
    try {
      return { value: f() };
    } catch (e) {
      return { code: (e as InstanceType<typeof MetricError>).code };
    }
  };
  const cellValue = fc.oneof(fc.constant(null), fc.constant(""), fc.constant("x"), fc.constant(true), fc.double({ noNaN: false }), fc.integer({ min: -5, max: 1000 }));
  const amount = fc.oneof(cellValue, fc.array(fc.array(cellValue, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }));
  const twoArgument = CATALOGUE.filter((m) => m.fn !== undefined && m.params.length === 2);

  test("same value or same error code for every two-argument KPI", () => {
    fc.assert(
      fc.property(fc.constantFrom(...twoArgument), amount, amount, (metric, a, b) => {
        expect(outcome(() => computeKpi2(metric, a as never, b as never))).toEqual(outcome(() => computeKpi(metric, [a as never, b as never])));
      }),
      { numRuns: 2000 }
    );
  });

  test("a worked case: 45 recovered over a target of 60 is 0.75", () => {
    // 45 / 60 = 0.75
    expect(computeKpi2(CATALOGUE.find((m) => m.fn === "RECOVERYRATE")!, [[45]], [[60]])).toBe(0.75);
  });
});

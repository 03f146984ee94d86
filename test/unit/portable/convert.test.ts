/**
 * The converter: COLLECT calls anywhere in a formula (nested, several, inside native
 * functions, in the forms Excel stores them in files), cells it must leave alone and report,
 * freezing, and the metric-id guard.
 */
import { benchmarksNameFormula } from "../../../src/core/benchmarksName";
import fc from "fast-check";
import { collectFunction, convertFormula, convertSheet, SheetCell } from "../../../src/portable/convert";
import { MAX_FORMULA_LENGTH } from "../../../src/portable/native";
import { Input, RUNS, cleanAmount, engine, outcome, raw, same, show } from "./hf";

const NAMES = { CollectBenchmarks: "Bench!$A$1:$H$25" };

describe("collectFunction", () => {
  it.each([
    ["COLLECT.RECOVERYRATE", "RECOVERYRATE"],
    ["collect.grade", "GRADE"],
    ["_xldudf_COLLECT_SCORE", "SCORE"],
    ["[2]!_xldudf_COLLECT_KPISCORE", "KPISCORE"],
    ["_xll.COLLECT.ROLLRATES", "ROLLRATES"],
    ["_xludf.COLLECT.METRICS", "METRICS"],
    ["COLLECT.NOSUCH", undefined],
    ["SUM", undefined],
    ["MYCOLLECT.GRADE", undefined],
  ])("%s → %s", (name, fn) => {
    expect(collectFunction(name)).toBe(fn);
  });
});

describe("formulas with several, nested and wrapped COLLECT calls", () => {
  const hf = engine({ S: [[]], "M1 (2)": [[]], Bench: [[]] });
  const S = hf.getSheetId("S") as number;
  const M = hf.getSheetId("M1 (2)") as number;
  const B = hf.getSheetId("Bench") as number;
  // As the add-in defines it: blanks reach the functions as "" on every host (core/benchmarksName.ts).
  hf.addNamedExpression("CollectBenchmarks", benchmarksNameFormula(NAMES.CollectBenchmarks));
  hf.setCellContents({ sheet: B, row: 0, col: 0 }, [
    ["recovery_achievement", "n", "higher", 0.9, 1.1, "%", false, "s"],
    ["complaint_rate", "n", "lower", 0.004, 0.002, "‰", false, "s"],
  ]);
  const defined = new Set<string>();

  const cases: [original: string, evaluatedAs?: string][] = [
    ['=IF(C2="","",COLLECT.RECOVERYRATE(A2,B2)*100+COLLECT.TALKRATIO(A1:A4,B1:B4))'],
    ['=COLLECT.GRADE("recovery_achievement",COLLECT.RECOVERYRATE(A1:A4,B1:B4),CollectBenchmarks,"zh-CN")'],
    ['=COLLECT.SCOREGRADE(COLLECT.KPISCORE("complaint_rate",C2,CollectBenchmarks),"zh-CN")'],
    ['=COLLECT.KPISCORE("complaint_rate",COLLECT.COMPLAINTRATE(A1:A4,B1:B4))'],
    ['=IFERROR(COLLECT.PERCAPITA(A1:A4,B1:B4)/1000,"n/a")&" k"'],
    ["=-COLLECT.CUMRECOVERY(A1,B1:B2,C1:C4)%"],
    ["=COLLECT.RECOVERYRATE('M1 (2)'!A1:A4,'M1 (2)'!B1:B4)"],
    ["=_xldudf_COLLECT_RECOVERYRATE(A1:A4,B1:B4)", "=COLLECT.RECOVERYRATE(A1:A4,B1:B4)"],
    ["=[1]!_xldudf_COLLECT_CONTACTCOVERAGE(A1:A4,B1:B4)", "=COLLECT.CONTACTCOVERAGE(A1:A4,B1:B4)"],
    ['=SUM(COLLECT.BENCHMARK("recovery_achievement","excellent",CollectBenchmarks),COLLECT.BENCHMARK("complaint_rate"))'],
    ["=MAX(COLLECT.COMPLIANCE(A1:A4,B1:B4),COLLECT.FIELDEFFECTIVE(C1:C4,B1:B4))"],
    // IFNA (Excel 2013) around a short native text becomes IF(ISNA(x),y,x), which Excel 2010 has.
    ['=IFNA(COLLECT.BENCHMARK("ptp_rate","excellent",CollectBenchmarks),"")'],
    ['=_xlfn.IFNA(COLLECT.BENCHMARK("recovery_achievement","meets",CollectBenchmarks),"none")', '=IFNA(COLLECT.BENCHMARK("recovery_achievement","meets",CollectBenchmarks),"none")'],
  ];

  it.each(cases.map(([f, e]) => [f, e ?? f]))("%s", (original, evaluatedAs) => {
    const r = convertFormula(original, { sheet: "S", names: NAMES });
    if (r.kind !== "converted") throw new Error(JSON.stringify(r));
    expect(r.formula).not.toMatch(/COLLECT[._]/i);
    if (/IFNA\(COLLECT\.BENCHMARK/i.test(original)) expect(r.formula).not.toMatch(/IFNA/i);
    for (const n of r.names) {
      if (!defined.has(n.name)) hf.addNamedExpression(n.name, n.formula);
      defined.add(n.name);
    }
    // Valid amounts (numbers ≥ 0 and blanks): kpi.test.ts checks the documented rule on the others.
    const block = fc.array(fc.array(cleanAmount, { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(block, block, (here, there) => {
        // C2 is a GRADE/KPISCORE value: a blank value is a documented difference (README), so a number here.
        here[1][2] = here[1][2] ?? 0;
        hf.batch(() => {
          hf.setCellContents({ sheet: S, row: 0, col: 0 }, here.map((row) => row.map(raw)));
          hf.setCellContents({ sheet: M, row: 0, col: 0 }, there.map((row) => row.map(raw)));
          hf.setCellContents({ sheet: S, row: 10, col: 0 }, [[evaluatedAs, r.formula]]);
        });
        const expected = outcome(hf.getCellValue({ sheet: S, row: 10, col: 0 }));
        const actual = outcome(hf.getCellValue({ sheet: S, row: 10, col: 1 }));
        if (!same(expected, actual)) throw new Error(`${JSON.stringify(here)}: function ${show(expected)}, native ${show(actual)}`);
      }),
      { numRuns: Math.ceil(RUNS / 4) }
    );
  });
});

describe("convertSheet", () => {
  const cells: SheetCell[] = [
    { address: "A1", formula: "recovery_achievement" },
    { address: "B1", formula: 5 },
    { address: "C1", formula: "=SUM(B1:B3)" },
    { address: "D1", formula: "=COLLECT.RECOVERYRATE(B1,B2)" },
    { address: "E1", formula: "=COLLECT.CONTACTBREACHES(A1:A9,B1:B9)" },
    { address: "F1", formula: '=COLLECT.GRADE(A1&"",0.9)' },
    { address: "G1", formula: "=COLLECT.GRADE(A1,0.9,A1:H9)" },
    { address: "H1", formula: "=INDEX(COLLECT.ROLLRATES(B1:D4),1,1)" },
    { address: "I1", formula: "=COLLECT.RECOVERYRATE(A1:B2 B1:C3,1)" },
    { address: "A10", formula: "=COLLECT.ROLLRATES(B1:D4)" },
    { address: "B11", formula: "blocking" },
    { address: "A20", formula: "=COLLECT.ROLLRATES(B1:C3)" },
    { address: "A30", formula: "=COLLECT.GRADE(A1,B1,CollectBenchmarks)" },
    { address: "A31", formula: "=COLLECT.GRADE(A1,B1,Nowhere)" },
  ];
  const result = convertSheet(cells, { sheet: "S", names: NAMES });
  const reason = (address: string): string => result.skipped.find((s) => s.address === address)?.reason ?? "";

  it("rewrites COLLECT cells only", () => {
    const touched = result.converted.map((c) => c.address);
    expect(touched).toContain("D1");
    expect(touched).toContain("A30");
    for (const untouched of ["A1", "B1", "C1"]) expect(touched).not.toContain(untouched);
  });

  it("writes one formula per output cell of a spilled function", () => {
    // B1:C3 is 3 months × 2 buckets: 2 × 1 roll rates.
    expect(result.converted.filter((c) => /^[AB]2[0-2]$/.test(c.address)).map((c) => c.address).sort()).toEqual(["A20", "A21"]);
  });

  it("reports what it cannot convert, by address, with the reason", () => {
    expect(reason("E1")).toMatch(/CONTACTBREACHES.*Freeze/);
    expect(reason("F1")).toMatch(/metric id is computed/);
    expect(reason("G1")).toMatch(/relative range/);
    expect(reason("H1")).toMatch(/spills several cells/);
    expect(reason("I1")).toMatch(/cannot be read.*intersection/);
    expect(reason("A10")).toMatch(/not empty \(B11\)/);
    expect(reason("A31")).toMatch(/Nowhere.*not defined/);
    expect(result.summary).toEqual({ converted: 3, frozen: 0, skipped: 7 });
  });

  it("defines the short names its formulas use: one INDEX/MATCH per field of a metric", () => {
    expect(result.names.map((n) => n.name).sort()).toEqual(["CollectKPI.recovery_achievement.Dir", "CollectKPI.recovery_achievement.Excellent", "CollectKPI.recovery_achievement.GradeE", "CollectKPI.recovery_achievement.GradeM", "CollectKPI.recovery_achievement.Meets"]);
    const meets = result.names.find((n) => n.name === "CollectKPI.recovery_achievement.Meets")?.formula;
    expect(meets).toBe(
      '=IF(ISNA(MATCH("recovery_achievement",Bench!$A$1:$A$25,0)),0.85,IF(INDEX(Bench!$D$1:$D$25,MATCH("recovery_achievement",Bench!$A$1:$A$25,0))="",NA(),INDEX(Bench!$D$1:$D$25,MATCH("recovery_achievement",Bench!$A$1:$A$25,0))))'
    );
    for (const n of result.names) expect(n.formula.length).toBeLessThanOrEqual(300);
    const a30 = result.converted.find((c) => c.address === "A30")?.formula as string;
    expect(a30).toContain("CollectKPI.recovery_achievement.Dir*B1>=CollectKPI.recovery_achievement.GradeE");
  });

  it("guards a metric id read from a cell: it shows #N/A once the id changes", () => {
    const a30 = result.converted.find((c) => c.address === "A30")?.formula as string;
    expect(a30).toContain('IF(A1="recovery_achievement",0,NA())');
  });

  it("leaves a converted sheet as it is", () => {
    const again = convertSheet(
      cells.map((c) => ({ address: c.address, formula: result.converted.find((x) => x.address === c.address)?.formula ?? c.formula })),
      { sheet: "S", names: NAMES }
    );
    expect(again.converted).toEqual([]);
    expect(again.skipped.map((c) => c.address).sort()).toEqual(["A10", "A31", "E1", "F1", "G1", "H1", "I1"].sort());
  });

  it("refuses a formula that would be longer than Excel allows", () => {
    // SCORE over 40 cells against the table: one score expression per cell.
    const ids = Array.from({ length: 40 }, (_, i) => `"${["recovery_achievement", "complaint_rate"][i % 2]}"`).join(",");
    const r = convertFormula(`=COLLECT.SCORE({${ids}},A1:AN1,A2:AN2,CollectBenchmarks)`, { sheet: "S", names: NAMES });
    expect(r.kind).toBe("skipped");
    if (r.kind === "skipped") expect(r.reason).toMatch(new RegExp(`more than Excel's ${MAX_FORMULA_LENGTH} characters`));
  });
});

describe("convertSheet in freeze mode", () => {
  it("replaces COLLECT cells, and the cells they spill into, with their current values", () => {
    const cells: SheetCell[] = [
      { address: "A1", formula: "=COLLECT.RECOVERYRATE(B1,B2)", value: 0.5 },
      { address: "A2", formula: "=COLLECT.GRADE(\"x\",1)", value: "#N/A" },
      { address: "A3", formula: '=COLLECT.SCOREGRADE(90,"zh-CN")', value: "优秀" },
      { address: "A4", formula: "=IF(1,COLLECT.METRICS())", value: "007" },
      { address: "C1", formula: "=COLLECT.ROLLRATES(E1:G3)", value: 0.1 },
      { address: "D1", formula: "", value: 0.2 },
      { address: "C2", formula: "", value: "#DIV/0!" },
      { address: "D2", formula: "", value: 0.4 },
      { address: "B9", formula: "=SUM(1)", value: 1 },
    ];
    const r = convertSheet(cells, { sheet: "S", mode: "freeze" });
    const content = Object.fromEntries(r.converted.map((c) => [c.address, c.formula]));
    expect(content).toEqual({ A1: 0.5, A2: "#N/A", A3: "优秀", A4: "'007", C1: 0.1, D1: 0.2, C2: "#DIV/0!", D2: 0.4 });
    expect(r.summary).toEqual({ converted: 0, frozen: 5, skipped: 0 });
  });

  it("freezes VINTAGE over the shape of its recovered block, or its one pooled row", () => {
    // Two cohorts × two months: curves in A10:B11 (spilled from A10), pooled curve in A13:B13.
    const cells: SheetCell[] = [
      { address: "A10", formula: "=COLLECT.VINTAGE(A1:A2,B1:C2)", value: 0.1 },
      { address: "B10", formula: "", value: 0.3 },
      { address: "A11", formula: "", value: 0.2 },
      { address: "B11", formula: "", value: "" },
      { address: "A13", formula: "=COLLECT.VINTAGE(A1:A2,B1:C2,,TRUE)", value: 0.15 },
      { address: "B13", formula: "", value: 0.3 },
    ];
    const r = convertSheet(cells, { sheet: "S", mode: "freeze" });
    const content = Object.fromEntries(r.converted.map((c) => [c.address, c.formula]));
    expect(content).toEqual({ A10: 0.1, B10: 0.3, A11: 0.2, B11: "", A13: 0.15, B13: 0.3 });
    expect(r.summary).toEqual({ converted: 0, frozen: 2, skipped: 0 });
  });
});

describe("SCORE over metric ids typed into cells", () => {
  it("computes like SCORE, and shows #N/A when an id above it is changed", () => {
    const hf = engine({ S: [["recovery_achievement", "compliance_pass_rate"], [0.9, 0.99], [60, 40]] });
    const S = hf.getSheetId("S") as number;
    const original = "=COLLECT.SCORE($A$1:$B$1,A2:B2,$A$3:$B$3)";
    const cells: SheetCell[] = [
      { address: "A1", formula: "recovery_achievement" },
      { address: "B1", formula: "compliance_pass_rate" },
      { address: "A5", formula: original },
    ];
    const r = convertSheet(cells, { sheet: "S" });
    const native = r.converted[0].formula as string;
    hf.setCellContents({ sheet: S, row: 4, col: 0 }, [[original, native]]);
    const values = (): [unknown, unknown] => [hf.getCellValue({ sheet: S, row: 4, col: 0 }), hf.getCellValue({ sheet: S, row: 4, col: 1 })];
    expect(values()[1]).toBeCloseTo(values()[0] as number, 12);
    hf.setCellContents({ sheet: S, row: 1, col: 1 }, 0.9); // compliance below 98%: the red line vetoes the score
    expect(values()).toEqual([0, 0]);
    hf.setCellContents({ sheet: S, row: 0, col: 1 }, "complaint_rate");
    const [, changed] = values();
    expect(outcome(changed as never)).toEqual({ kind: "error", type: "NA" });
  });
});

describe("SCORE on a sheet that shows each metric's KPI score (the scorecard)", () => {
  // A two-metric scorecard row: ids in row 1, weights in row 2, values in A3:B3, the KPI score
  // cells in D3:E3 as the template writes them, the composite in G3. Benchmarks: recovery
  // achievement Meets 1.00 (higher); compliance pass rate Meets 0.98 (higher), a red line.
  const hf = engine({ S: [[]], Bench: [[]] });
  const S = hf.getSheetId("S") as number;
  const B = hf.getSheetId("Bench") as number;
  hf.addNamedExpression("CollectBenchmarks", benchmarksNameFormula(NAMES.CollectBenchmarks));
  hf.setCellContents({ sheet: B, row: 0, col: 0 }, [
    ["recovery_achievement", "n", "higher", 1, 1.2, "%", false, "s"],
    ["compliance_pass_rate", "n", "higher", 0.98, null, "%", true, "s"],
  ]);
  const composite = "=IF(COUNT(A3:B3)=0,\"\",COLLECT.SCORE($A$1:$B$1,A3:B3,$A$2:$B$2,CollectBenchmarks))";
  const sheet: SheetCell[] = [
    { address: "A1", formula: "recovery_achievement" },
    { address: "B1", formula: "compliance_pass_rate" },
    { address: "A2", formula: 60 },
    { address: "B2", formula: 40 },
    { address: "D3", formula: '=IF(A3="","",COLLECT.KPISCORE("recovery_achievement",A3,CollectBenchmarks))' },
    { address: "E3", formula: '=IF(B3="","",COLLECT.KPISCORE("compliance_pass_rate",B3,CollectBenchmarks))' },
    { address: "G3", formula: composite },
  ];
  const r = convertSheet(sheet, { sheet: "S", names: NAMES });
  for (const n of r.names) hf.addNamedExpression(n.name, n.formula);
  const nativeOf = (address: string): string => r.converted.find((c) => c.address === address)?.formula as string;
  hf.setCellContents({ sheet: S, row: 0, col: 0 }, [
    ["recovery_achievement", "compliance_pass_rate"],
    [60, 40],
    [null, null, null, nativeOf("D3"), nativeOf("E3"), null, nativeOf("G3"), composite],
  ]);
  const at = (address: string): unknown => hf.getCellValue(hf.simpleCellAddressFromString(address, S)!);
  const setValues = (a: unknown, b: unknown): void => {
    hf.setCellContents({ sheet: S, row: 2, col: 0 }, [[a as never, b as never]]);
  };

  it("reads the KPI score cells: a short formula, two short names", () => {
    const g3 = nativeOf("G3");
    expect(g3).toMatch(/SUMPRODUCT\(\$A\$2:\$B\$2,D3:E3\)\/SUM\(\$A\$2:\$B\$2\)/);
    expect(g3.length).toBeLessThanOrEqual(300);
    expect(r.names.map((n) => n.name).filter((n) => /\.(Ids|RedLines)\./.test(n))).toHaveLength(2);
    for (const n of r.names) expect(n.formula.length).toBeLessThanOrEqual(300);
  });

  it("gives SCORE's value: the weighted mean of the KPI scores", () => {
    // Scores: 100 × 1.1 / 1.00 = 110 and 100 × 0.99 / 0.98 = 101.0204…;
    // composite (60 × 110 + 40 × 101.0204…) / 100 = 66 + 40.408163… = 106.408163….
    setValues(1.1, 0.99);
    expect(at("G3")).toBeCloseTo(106.40816326530613, 10);
    expect(at("H3")).toBeCloseTo(at("G3") as number, 12);
  });

  it("vetoes the composite when a red-line metric misses its target", () => {
    // Compliance 0.97 < 0.98: its score is 98.98 < 100, the red line makes the composite 0.
    setValues(1.1, 0.97);
    expect([at("G3"), at("H3")]).toEqual([0, 0]);
    // Recovery 0.5 misses too, but it is no red line: (60 × 50 + 40 × 101.0204…) / 100 = 70.408163….
    setValues(0.5, 0.99);
    expect(at("G3")).toBeCloseTo(70.40816326530613, 10);
    expect(at("H3")).toBeCloseTo(at("G3") as number, 12);
  });

  it("follows the Benchmarks table: a metric made a red line there vetoes too", () => {
    hf.setCellContents({ sheet: B, row: 0, col: 6 }, true);
    setValues(0.5, 0.99);
    expect([at("G3"), at("H3")]).toEqual([0, 0]);
    hf.setCellContents({ sheet: B, row: 0, col: 6 }, false);
  });

  it("is #VALUE! for a value that is not a number, and #N/A once an id above it changes", () => {
    setValues(1.1, "x");
    expect(outcome(at("G3") as never)).toEqual({ kind: "error", type: "VALUE" });
    expect(outcome(at("H3") as never)).toEqual({ kind: "error", type: "VALUE" });
    setValues(1.1, 0.99);
    hf.setCellContents({ sheet: S, row: 0, col: 1 }, "complaint_rate");
    expect(outcome(at("G3") as never)).toEqual({ kind: "error", type: "NA" });
    hf.setCellContents({ sheet: S, row: 0, col: 1 }, "compliance_pass_rate");
  });

  it("keeps the long form where a value has no KPI score cell", () => {
    const alone = convertSheet(sheet.filter((c) => c.address !== "E3"), { sheet: "S", names: NAMES });
    const g3 = alone.converted.find((c) => c.address === "G3")?.formula as string;
    expect(g3).not.toContain("SUMPRODUCT($A$2:$B$2");
    expect(alone.names.some((n) => n.name.includes(".RedLines."))).toBe(false);
  });
});

// Keep the unused-import checker quiet about Input (used by the arbitraries' types).
export type { Input };

/**
 * Coverage: every COLLECT function has a native equivalent (or a stated reason why not), and
 * the native formulas (and the names they read) use only PORTABLE_FUNCTIONS: functions that
 * Excel 2010, LibreOffice 7 and WPS Spreadsheets all have, with no _xlfn. prefix in the file
 * (no LET, LAMBDA, IFS, XLOOKUP, FILTER, IFNA…). The list is the one in src/portable/README.md.
 */
import * as fs from "fs";
import * as path from "path";
import { reasonText } from "../../../src/portable/reasons";
import { CATALOGUE, allFunctionNames } from "../../../src/core";
import { Node, parseFormula, walk } from "../../../src/portable/formula";
import { convertFormula, convertSheet } from "../../../src/portable/convert";
import { NATIVE } from "../../../src/portable/native";

const PORTABLE_FUNCTIONS = new Set([
  "AND", "COUNT", "COUNTIF", "IF", "IFERROR", "INDEX", "INT", "ISNA", "ISNUMBER", "LEFT", "MATCH", "MIN", "MOD", "N", "NA", "NOT", "OR", "SUM", "SUMIF", "SUMPRODUCT", "TRIM",
]);

/** One typical call per function, with the benchmarks argument where it has one. */
const SAMPLES: Record<string, string> = {
  ...Object.fromEntries(CATALOGUE.filter((m) => m.fn).map((m) => [m.fn as string, `=COLLECT.${m.fn}(${m.params.map((_, i) => `${"BCD"[i]}2:${"BCD"[i]}9`).join(",")})`])),
  BENCHMARK: '=COLLECT.BENCHMARK("complaint_rate",H1,CollectBenchmarks)',
  GRADE: "=COLLECT.GRADE(\"recovery_achievement\",B2,CollectBenchmarks,H1)",
  KPISCORE: '=COLLECT.KPISCORE("avg_handling_days",B2,CollectBenchmarks)',
  SCORE: '=COLLECT.SCORE({"recovery_achievement","compliance_pass_rate"},B2:C2,B3:C3,CollectBenchmarks)',
  SCOREGRADE: "=COLLECT.SCOREGRADE(B2,H1)",
  "GRADE (a quoted language)": '=COLLECT.GRADE("first_contact_timeliness",B2,CollectBenchmarks,"zh-CN")',
  "SCOREGRADE (a quoted language)": '=COLLECT.SCOREGRADE(B2,"en-US")',
  ROLLRATES: "=COLLECT.ROLLRATES(B2:E8)",
  LOSSFACTORS: "=COLLECT.LOSSFACTORS(B2:E2)",
  VINTAGE: "=COLLECT.VINTAGE(B2:B4,C2:E4,F2:F4)",
  "VINTAGE (pooled)": "=COLLECT.VINTAGE(B2:B4,C2:E4,F2:F4,TRUE)",
  METRICS: '=COLLECT.METRICS("zh-CN")',
  CONTACTBREACHES: "=COLLECT.CONTACTBREACHES(A2:A99,B2:B99)",
};

function functionsIn(formula: string): string[] {
  const out: string[] = [];
  walk(parseFormula(formula), (n: Node) => {
    if (n.type === "call") out.push(n.name.toUpperCase());
  });
  return out;
}

describe("NATIVE", () => {
  it("has an entry for every COLLECT function", () => {
    expect(Object.keys(NATIVE).sort()).toEqual([...allFunctionNames()].sort());
    expect(Object.keys(SAMPLES).filter((k) => !k.includes(" ")).sort()).toEqual([...allFunctionNames()].sort());
  });

  it("converts every catalogue metric that has a function", () => {
    for (const m of CATALOGUE.filter((x) => x.fn !== undefined)) expect(NATIVE[m.fn as string].scalar).toBeDefined();
  });

  it("writes BENCHMARK, GRADE, KPISCORE, SCORE and SCOREGRADE as one formula, the spilled functions cell by cell", () => {
    for (const fn of ["BENCHMARK", "GRADE", "KPISCORE", "SCORE", "SCOREGRADE"]) expect(NATIVE[fn].scalar).toBeDefined();
    for (const fn of ["ROLLRATES", "LOSSFACTORS", "VINTAGE", "METRICS"]) expect(NATIVE[fn].spill).toBeDefined();
  });

  it("says why CONTACTBREACHES has no native equivalent", () => {
    const why = NATIVE.CONTACTBREACHES.unsupported;
    expect(why).toBeDefined();
    if (why === undefined) return;
    expect(reasonText(why)).toMatch(/Freeze/);
    // The Chinese pane names the same way out: the "Values" mode (数值).
    expect(reasonText(why, "zh")).toMatch(/“数值”/);
  });

  it("lists the same functions as src/portable/README.md", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../../src/portable/README.md"), "utf8");
    const line = /Functions used: (.*)/.exec(readme)?.[1] ?? "";
    expect([...line.matchAll(/`([A-Z]+)`/g)].map((m) => m[1]).sort()).toEqual([...PORTABLE_FUNCTIONS].sort());
  });

  it.each(Object.entries(SAMPLES).filter(([fn]) => fn !== "CONTACTBREACHES"))("%s uses portable functions only", (fn, formula) => {
    const r = convertFormula(formula, { sheet: "S", names: { CollectBenchmarks: "Bench!$A$2:$H$24" } });
    const texts: string[] = [];
    if (r.kind === "converted") texts.push(r.formula, ...r.names.map((n) => n.formula));
    else if (r.kind === "spilled") texts.push(...r.cells.map((c) => String(c.content)).filter((c) => c.startsWith("=")), ...r.names.map((n) => n.formula));
    else throw new Error(`${fn}: ${JSON.stringify(r)}`);
    const used = new Set(texts.flatMap(functionsIn));
    expect([...used].filter((f) => !PORTABLE_FUNCTIONS.has(f))).toEqual([]);
    // The goal of issue 13: at most 300 characters per cell and per name. Exceptions (README): a SCORE with
    // no KPI score cells beside it adds one score per metric; a language read from a cell (H1 here) tests it in every label.
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(fn === "SCORE" || formula.includes("H1") ? 1000 : 300);
  });

  it("SCORE over the KPI score cells of its sheet (the scorecard's composite) uses only those functions, within 300 characters", () => {
    const ids = ["recovery_achievement", "cumulative_recovery", "effective_talk_ratio", "first_contact_timeliness", "compliance_pass_rate", "complaint_rate", "per_capita_recovery", "avg_handling_days"];
    const letters = "ABCDEFGH";
    const cells = [
      ...ids.map((id, i) => ({ address: `${letters[i]}1`, formula: id })),
      ...ids.map((id, i) => ({ address: `${"JKLMNOPQ"[i]}3`, formula: `=IF(${letters[i]}3="","",COLLECT.KPISCORE("${id}",${letters[i]}3,CollectBenchmarks))` })),
      { address: "S3", formula: '=IF(COUNT(A3:H3)=0,"",COLLECT.SCORE($A$1:$H$1,A3:H3,$A$2:$H$2,CollectBenchmarks))' },
    ];
    const r = convertSheet(cells, { sheet: "S", names: { CollectBenchmarks: "Bench!$A$2:$H$24" } });
    const composite = r.converted.find((c) => c.address === "S3")?.formula as string;
    const texts = [composite, ...r.names.map((n) => n.formula)];
    expect([...new Set(texts.flatMap(functionsIn))].filter((f) => !PORTABLE_FUNCTIONS.has(f))).toEqual([]);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(300);
    expect(composite).toContain("SUMPRODUCT($A$2:$H$2,J3:Q3)");
  });
});

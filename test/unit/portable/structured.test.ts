/**
 * Make portable over Excel tables (issue 14): a COLLECT call whose arguments are structured
 * references keeps them in the native formula (so it still reads a row added to the table), and
 * where a size or a constant matters it asks the workbook it runs against what the reference
 * stands for (ConvertOptions.structuredRef): here the simulator's resolver over a SimWorkbook
 * with a table T (header A1:C1, rows 2–3, total row 4), a header with escaped brackets.
 */
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { makePortable } from "../../../src/portable/excelAction";
import { resolveStructured, splitStructured } from "../../../src/excel-sim/structured";
import { ConvertOptions, SheetCell, convertSheet, convertFormula } from "../../../src/portable/convert";
import { Reference, parseFormula, printFormula } from "../../../src/portable/formula";

function workbook(): { sim: SimWorkbook; structuredRef: NonNullable<ConvertOptions["structuredRef"]> } {
  const sim = new SimWorkbook(["Team"]);
  const s = sim.requireSheet("Team");
  const rows: (string | number)[][] = [
    ["Metric", "Value", "Rate [%]"],
    ["recovery_achievement", 0.9, 10],
    ["recovery_achievement", 1.2, 20],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => sim.setCellInput(s.id, r, c, v)));
  const table = sim.addTable(s, { row: 0, column: 0, rowCount: 3, columnCount: 3 }, true);
  sim.renameTable(table, "T");
  sim.setTableTotals(table, true);
  const structuredRef = (text: string, sheet: string, address: string | undefined): Reference | undefined => {
    const parts = splitStructured(text);
    const m = address === undefined ? undefined : /^([A-Z]+)(\d+)$/.exec(address);
    const here = m === null || m === undefined ? undefined : { sheet: sim.requireSheet(sheet), row: Number(m[2]) - 1, column: m[1].charCodeAt(0) - 65 };
    const r = resolveStructured(sim, parts?.table, parts?.brackets ?? text, here);
    if ("error" in r) return undefined;
    const corner = (row: number, column: number) => ({ row, column, absRow: false, absColumn: false });
    return { sheet: r.sheet.name, start: corner(r.rect.row, r.rect.column), end: corner(r.rect.row + r.rect.rowCount - 1, r.rect.column + r.rect.columnCount - 1) };
  };
  return { sim, structuredRef };
}

const cellsOf = (sim: SimWorkbook, extra: SheetCell[]): SheetCell[] => {
  const s = sim.requireSheet("Team");
  const out: SheetCell[] = [];
  for (const { row, column, cell } of s.cells()) out.push({ address: `${String.fromCharCode(65 + column)}${row + 1}`, formula: cell.formula ?? cell.value });
  return [...out, ...extra];
};

describe("structured references in COLLECT calls", () => {
  it("reads ' escapes and table-less references, and prints them back as written", () => {
    for (const f of ["=SUM(T[[Rate '[%']]])+[@Value]", "=T[[#Totals],[Value]]*2", "=SUM(T[[回收\n金额]])"]) expect(printFormula(parseFormula(f))).toBe(f);
  });

  it("keeps the references of a KPI over table columns, summed with SUM (no size needed)", () => {
    const r = convertFormula("=IF(COUNT(T[[Value]])=0,\"\",COLLECT.RECOVERYRATE(T[[Rate '[%']]],T[[Value]]))", { sheet: "Team" });
    expect(r).toEqual({ kind: "converted", formula: "=IF(COUNT(T[[Value]])=0,\"\",SUM(T[[Rate '[%']]])/SUM(T[[Value]]))", names: [] });
  });

  it("converts a one-cell table reference given to GRADE once the workbook says it is one cell, and keeps it", () => {
    const { sim, structuredRef } = workbook();
    const grade = { address: "D2", formula: '=COLLECT.GRADE("recovery_achievement",T[@Value],,"en")' };
    const r = convertSheet(cellsOf(sim, [grade]), { sheet: "Team", structuredRef });
    expect(r.skipped).toEqual([]);
    expect(r.converted[0].formula).toContain("T[@Value]>=");
    expect(r.converted[0].formula).not.toMatch(/B2/);
    // A column whose header needs escapes ("Rate [%]") is found the same way.
    const escaped = convertSheet(cellsOf(sim, [{ address: "D2", formula: "=COLLECT.SCOREGRADE(T[@[Rate '[%']]])" }]), { sheet: "Team", structuredRef });
    expect(escaped.skipped).toEqual([]);
    expect(escaped.converted[0].formula).toContain("T[@[Rate '[%']]]>=90");
  });

  it("reports a table column given where one cell is wanted, and a table reference the workbook does not know", () => {
    const { sim, structuredRef } = workbook();
    const column = { address: "D2", formula: '=COLLECT.GRADE("recovery_achievement",T[[Value]])' };
    const r = convertSheet(cellsOf(sim, [column]), { sheet: "Team", structuredRef });
    expect(r.skipped.map((s) => s.why.key)).toEqual(["oneCell"]);
    const unknown = convertSheet(cellsOf(sim, [{ address: "D2", formula: '=COLLECT.GRADE("recovery_achievement",T[@Value])' }]), { sheet: "Team" });
    expect(unknown.skipped.map((s) => [s.why.key, s.reason])).toEqual([["structuredUnknown", "value is the table reference T[@Value], whose cells are not known here (the table or column is not found)"]]);
  });

  it("reads a metric id typed in the table's row through the workbook and guards it as the formula names it", () => {
    const { sim, structuredRef } = workbook();
    const r = convertSheet(cellsOf(sim, [{ address: "D3", formula: "=COLLECT.KPISCORE(T[@Metric],T[@Value])" }]), { sheet: "Team", structuredRef });
    expect(r.skipped).toEqual([]);
    expect(r.converted[0].formula).toContain('IF(T[@Metric]="recovery_achievement",0,NA())');
  });
});

describe("Make portable through the Excel API finds the tables itself", () => {
  it("a one-cell table reference beside the table (SCOREGRADE of T[@[Rate [%]]]) is converted, not reported, and shows the same band", async () => {
    const { sim } = workbook();
    const s = sim.requireSheet("Team");
    attachEngine(sim);
    // Row 2's Rate [%] is 10: below 60, so Fail (metrics.md: ≥ 90 Excellent, ≥ 80 Good, ≥ 60 Pass, else Fail).
    sim.setCellInput(s.id, 1, 3, "=COLLECT.SCOREGRADE(T[@[Rate '[%']]])");
    expect(s.valueAt(1, 3)).toBe("Fail");
    const host = createSimHost(sim);
    const syncs = sim.stats.syncs;
    const summary = await makePortable((batch) => host.run(batch), { scope: "active", mode: "native", isSetSupported: () => true });
    expect([summary.converted, summary.skipped]).toEqual([1, []]);
    expect(String(s.input(1, 3))).toContain("T[@[Rate '[%']]]>=90");
    expect(s.valueAt(1, 3)).toBe("Fail");
    // The tables' addresses and headers ride on syncs Make portable makes anyway.
    const plain = new SimWorkbook(["Team"]);
    plain.setCellInput(plain.requireSheet("Team").id, 1, 3, "=COLLECT.SCOREGRADE(10)");
    const plainHost = createSimHost(plain);
    const before = plain.stats.syncs;
    await makePortable((batch) => plainHost.run(batch), { scope: "active", mode: "native", isSetSupported: () => true });
    expect(sim.stats.syncs - syncs).toBe(plain.stats.syncs - before);
  });
});

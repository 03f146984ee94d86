/**
 * Made portable, recalculated by another spreadsheet (issue 13): every template (sample data,
 * English and Chinese) is inserted on the simulator, converted through the task pane's Make
 * portable (the active sheet, and the whole workbook), saved as .xlsx with a wrong cached value
 * in every formula cell, and recalculated by LibreOffice Calc headless with "always
 * recalculate". No wrong value may survive, and every cell of the converted sheets must show
 * what the COLLECT functions showed before the conversion. Then the same for a table of
 * function-level cases (each converted formula next to its inputs, HyperFormula computing the
 * functions).
 *
 * LibreOffice runs once for all the workbooks. Without soffice the suite is skipped with a
 * message, except under CI=true, where it fails.
 */
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { PaneController } from "../../../src/taskpane/controller";
import { TEMPLATES } from "../../../src/templates";
import { columnName } from "../../../src/portable/formula";
import { convertFormula } from "../../../src/portable/convert";
import { benchmarksNameFormula } from "../../../src/core/benchmarksName";
import { Book, BookCell, Result, WRONG, agree, bookOf, expected, readResults, recalculate, showResult, soffice, writeBook } from "../../helpers/libreoffice";
import { engine, outcome } from "./hf";
import { RowShift, adjustRows, translateRows } from "../../../src/excel-sim/structured";

const available = soffice() !== undefined;
if (!available && process.env.CI !== "true") {
  // eslint-disable-next-line no-console
  console.warn("libreoffice.test.ts: soffice not found, LibreOffice checks skipped (apt-get install libreoffice-calc-nogui; under CI=true this fails)");
}
const describeLo = available || process.env.CI === "true" ? describe : describe.skip;

const address = (row: number, column: number): string => `${columnName(column)}${row + 1}`;

interface Case {
  readonly key: string;
  readonly book: Book;
  /** "Sheet!A1" → the value the COLLECT functions gave. */
  readonly expected: Map<string, Result>;
}


/** One template in its own workbook, converted with `scope`; the values to expect in the converted sheets. */
async function templateCase(id: string, language: "en" | "zh", scope: "active" | "all"): Promise<Case> {
  const sim = new SimWorkbook();
  attachEngine(sim);
  const controller = new PaneController(createSimHost(sim), TEMPLATES, language);
  await controller.insertTemplate(id, true);
  const active = sim.activeSheet;
  const inScope = scope === "all" ? sim.sheets : [active];
  const before = new Map<string, Result>();
  for (const s of inScope) {
    const used = s.usedRange(true);
    if (used === null) continue;
    for (let r = used.row; r < used.row + used.rowCount; r++) for (let c = used.column; c < used.column + used.columnCount; c++) before.set(`${s.name}!${address(r, c)}`, expected(s.valueAt(r, c)));
  }
  const review = await controller.reviewPortable({ scope, mode: "native" });
  if (review.question !== undefined) {
    expect(review.question.details).toEqual([]);
    await controller.confirmPortable();
  }
  // Compare the formula cells of the converted sheets (constants are what they were).
  const wanted = new Map<string, Result>();
  for (const s of inScope)
    for (const { row, column, cell } of s.cells()) {
      if (cell.formula === undefined) continue;
      expect(cell.formula).not.toMatch(/COLLECT[._]/i);
      const k = `${s.name}!${address(row, column)}`;
      wanted.set(k, before.get(k) ?? { kind: "empty" });
    }
  return { key: `${id} (${language}, ${scope === "all" ? "workbook" : "active sheet"})`, book: bookOf(sim), expected: wanted };
}

// ---------------------------------------------------------------- a collector added to the table

/**
 * The M1 sheet (English sample), made portable, then one collector added to its table as Excel
 * does it (Insert > Table Rows Above on TEAM TOTAL, or Tab in the last cell): a row inserted at
 * row 13, the table's range A4:X13 → A4:X14, every reference to the cells below moved down,
 * and the new row's KPI, grade and rank cells filled from the row above (Excel's calculated
 * columns: the same formula, one row lower). The converted TEAM TOTAL reads the columns
 * through CK_M1[[…]], so it must count the new row, and the ranks must rank it.
 */
async function addedRowBook(): Promise<{ book: Book; sheet: string }> {
  const sim = new SimWorkbook();
  attachEngine(sim);
  const controller = new PaneController(createSimHost(sim), TEMPLATES, "en");
  await controller.insertTemplate("m1", true);
  const review = await controller.reviewPortable({ scope: "active", mode: "native" });
  if (review.question !== undefined) await controller.confirmPortable();
  const sheet = sim.activeSheet.name;
  const book = bookOf(sim);
  const shift: RowShift = { sheet, kind: "insert", row: 12, count: 1, column: 0, columnCount: 16384 };
  const at = (a: string): { row: number; column: number } => {
    const m = /^([A-Z]+)(\d+)$/.exec(a) as RegExpExecArray;
    return { row: Number(m[2]) - 1, column: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
  };
  const sheets = book.sheets.map((s) => {
    if (s.name !== sheet) return s;
    const cells: BookCell[] = s.cells.map((c) => {
      const { row, column } = at(c.address);
      const input = typeof c.input === "string" && c.input.startsWith("=") ? adjustRows(c.input, sheet, shift) : c.input;
      return { address: address(row >= 12 ? row + 1 : row, column), input };
    });
    // The new collector: typed inputs A13:K13, the formulas of row 12 one row lower in L13:X13.
    const typed: (string | number)[] = ["New Hire", 500, 450, 490, 2500, 1000, 300, 280, 210, 100000, 100000];
    typed.forEach((v, c) => cells.push({ address: address(12, c), input: v }));
    for (const c of s.cells) {
      const { row, column } = at(c.address);
      if (row === 11 && column >= typed.length && typeof c.input === "string" && c.input.startsWith("=")) cells.push({ address: address(12, column), input: translateRows(c.input, 1) });
    }
    const tables = (s.tables ?? []).map((t) => (t.name === "CK_M1" ? { ...t, ref: "A4:X14" } : t));
    return { ...s, cells, tables };
  });
  return { book: { ...book, sheets }, sheet };
}

/**
 * By hand. Before: the 8 sample collectors (teams.ts), TEAM TOTAL B13:K13 = 4460, 4235, 4439,
 * 22480, 8890, 2862, 2678, 2113, 1315000, 1250800; recovery achievement Q5:Q12 = 0.95, 1.04,
 * 0.88421…, 0.990625, 1.10286…, 0.79394…, 0.68889…, 1.02973… (ranks 5, 2, 6, 4, 1, 7, 8, 3).
 * Added: New Hire, 500 assigned, 450 contacted, 490 first contact on time, 2500 calls, 1000
 * right-party contacts, 300 promises, 280 due, 210 kept, target 100000, recovered 100000.
 * After, TEAM TOTAL on row 14:
 *   B 4460+500 = 4960, C 4235+450 = 4685, D 4439+490 = 4929, E 22480+2500 = 24980,
 *   F 8890+1000 = 9890, G 2862+300 = 3162, H 2678+280 = 2958, I 2113+210 = 2323,
 *   J 1315000+100000 = 1415000, K 1250800+100000 = 1350800;
 *   L contact coverage 4685/4960 = 0.944556…, M promise-to-pay 3162/4685 = 0.674920…,
 *   N first-contact timeliness 4929/4960 = 0.99375, O right-party contact 9890/24980 = 0.395917…,
 *   P promise-kept 2323/2958 = 0.785328…, Q recovery achievement 1350800/1415000 = 0.954629….
 * Ranks by recovery achievement (higher first): 1.10286 (row 9) 1, 1.04 (row 6) 2, 1.02973
 * (row 12) 3, New Hire's 1.0 (row 13) 4, then the ones below it each one lower than before:
 * 0.990625 (row 8) 5, 0.95 (row 5) 6, 0.88421 (row 7) 7, 0.79394 (row 10) 8, 0.68889 (row 11) 9.
 */
const ADDED_ROW_EXPECTED: Readonly<Record<string, number>> = {
  B14: 4960, C14: 4685, D14: 4929, E14: 24980, F14: 9890, G14: 3162, H14: 2958, I14: 2323, J14: 1415000, K14: 1350800,
  L14: 4685 / 4960, M14: 3162 / 4685, N14: 4929 / 4960, O14: 9890 / 24980, P14: 2323 / 2958, Q14: 1350800 / 1415000,
  Q13: 1, X5: 6, X6: 2, X7: 7, X8: 5, X9: 1, X10: 8, X11: 9, X12: 3, X13: 4,
};

// ---------------------------------------------------------------- function-level cases

const BENCH = "Bench!$A$2:$H$10";
const BENCH_ROWS: (string | number | boolean | null)[][] = [
  ["Metric ID", "Name", "Direction", "Meets", "Excellent", "Unit", "Red line", "Source"],
  ["recovery_achievement", "n", "higher", 0.9, 1.1, "%", false, "s"],
  ["complaint_rate", "n", "lower", 0.004, 0.002, "‰", false, "s"],
  ["compliance_pass_rate", "n", "越高越好", 0.98, null, "%", true, "s"],
  ["contact_coverage", "n", null, null, 0.97, "%", null, "s"],
  ["ptp_rate", "n", "higher", null, null, "%", false, "s"],
  ["avg_handling_days", "n", "高", 0, 5, "d", "否", "s"],
  ["cumulative_recovery", "n", "low", 0.5, 0.3, "%", "yes", "s"],
  ["roll_rate", "n", null, 0, null, "%", true, "s"],
];
/** Inputs on sheet S: A1:C6 amounts, E1.. values, G1 language, H1 level, metric ids and weights for SCORE. */
const S_ROWS: (string | number | boolean | null)[][] = [
  [50, 100, 20, null, 0.95, null, "zh-CN", "excellent", "recovery_achievement", "complaint_rate", "compliance_pass_rate"],
  [30, 50, 0, null, 0.0015, null, null, null, 0.92, 0.003, 0.99],
  [null, 0, 5, null, 0.985, null, null, null, 60, 25, 15],
  [0, 40, null, null, 0, null, null, null, 0.8, 0.001, 0.97],
  [12.5, 12.5, 3, null, 7, null, null, null, 0, 0, 0],
  [1, 0, 0, null, 1.3, null, null, null, null, null, null],
];
const FORMULAS: string[] = [
  "=COLLECT.RECOVERYRATE(A1:A6,B1:B6)",
  "=COLLECT.CONTACTCOVERAGE(A1:A6,B1:B6)",
  "=COLLECT.CONTACTCOVERAGE(A2,B2)",
  "=COLLECT.CONTACTCOVERAGE(A5,B5)",
  "=COLLECT.CONTACTCOVERAGE(B1,A1)",
  "=COLLECT.RECOVERYRATE(A6,B6)",
  "=COLLECT.RECOVERYRATE(C2,C4)",
  "=COLLECT.CUMRECOVERY(A1:A6,C1:C6,B1:B6)",
  "=COLLECT.COMPLAINTRATE(C1:C6,B1:B6)*1000",
  "=COLLECT.RECOVERYRATE(5,10)",
  '=COLLECT.RECOVERYRATE("x",10)',
  ...["recovery_achievement", "complaint_rate", "compliance_pass_rate", "contact_coverage", "ptp_rate", "avg_handling_days", "cumulative_recovery", "roll_rate", "rpc_rate", "entry_rate"].flatMap((id) => [
    `=COLLECT.BENCHMARK("${id}","meets",CollectBenchmarks)`,
    `=COLLECT.BENCHMARK("${id}","excellent",CollectBenchmarks)`,
    `=COLLECT.BENCHMARK("${id}",H1,CollectBenchmarks)`,
    `=COLLECT.BENCHMARK("${id}")`,
    ...["E1", "E2", "E3", "E4", "E5", "E6"].flatMap((v) => [
      `=COLLECT.GRADE("${id}",${v},CollectBenchmarks,"en-US")`,
      `=COLLECT.GRADE("${id}",${v},CollectBenchmarks,G1)`,
      `=COLLECT.KPISCORE("${id}",${v},CollectBenchmarks)`,
      `=COLLECT.GRADE("${id}",${v})`,
      `=COLLECT.KPISCORE("${id}",${v})`,
    ]),
  ]),
  "=COLLECT.SCORE($I$1:$K$1,I2:K2,$I$3:$K$3,CollectBenchmarks)",
  "=COLLECT.SCORE($I$1:$K$1,I4:K4,$I$3:$K$3,CollectBenchmarks)",
  "=COLLECT.SCORE($I$1:$K$1,I2:K2,I5:K5,CollectBenchmarks)",
  "=COLLECT.SCORE($I$1:$K$1,I2:K2,$I$3:$K$3)",
  '=COLLECT.SCORE({"roll_rate","cumulative_recovery","avg_handling_days"},I2:K2,$I$3:$K$3,CollectBenchmarks)',
  '=COLLECT.SCORE({"roll_rate","cumulative_recovery","avg_handling_days"},I4:K4,$I$3:$K$3,CollectBenchmarks)',
  "=COLLECT.SCOREGRADE(95,G1)",
  "=COLLECT.SCOREGRADE(E3*80)",
  "=COLLECT.SCOREGRADE(130)",
  '=COLLECT.GRADE("recovery_achievement",COLLECT.RECOVERYRATE(A1:A6,B1:B6),CollectBenchmarks,"zh-CN")',
  "=IF(A1=\"\",\"\",COLLECT.RECOVERYRATE(A1,B1)%)",
];

function functionCase(): Case {
  const hf = engine({ Bench: BENCH_ROWS, S: S_ROWS });
  hf.addNamedExpression("CollectBenchmarks", benchmarksNameFormula(BENCH));
  const S = hf.getSheetId("S") as number;
  const constantAt = (ref: { sheet?: string; start: { row?: number; column?: number } }) => {
    if (ref.sheet !== undefined && ref.sheet !== "S") return undefined;
    const v = S_ROWS[ref.start.row ?? 0]?.[ref.start.column ?? 0];
    return v === undefined ? null : v;
  };
  const names = new Map<string, string>();
  const cells: BookCell[] = [];
  const wanted = new Map<string, Result>();
  FORMULAS.forEach((f, i) => {
    const r = convertFormula(f, { sheet: "S", names: { CollectBenchmarks: BENCH } }, constantAt);
    if (r.kind !== "converted") throw new Error(`${f}: ${JSON.stringify(r)}`);
    r.names.forEach((n) => names.set(n.name, n.formula));
    // The function in HyperFormula and the converted formula in LibreOffice, in the same cell below the inputs.
    hf.setCellContents({ sheet: S, row: 10 + i, col: 0 }, f);
    cells.push({ address: address(10 + i, 0), input: r.formula });
  });
  const cellsS: BookCell[] = [];
  S_ROWS.forEach((row, r) => row.forEach((v, c) => cellsS.push({ address: address(r, c), input: v })));
  FORMULAS.forEach((_, i) => wanted.set(`S!${address(10 + i, 0)}`, expectedOf(outcome(hf.getCellValue({ sheet: S, row: 10 + i, col: 0 })))));
  const bench: BookCell[] = [];
  BENCH_ROWS.forEach((row, r) => row.forEach((v, c) => bench.push({ address: address(r, c), input: v })));
  return {
    key: "function-level cases",
    book: { sheets: [{ name: "Bench", cells: bench }, { name: "S", cells: [...cellsS, ...cells] }], names: [{ name: "CollectBenchmarks", formula: benchmarksNameFormula(BENCH) }, ...[...names].map(([name, formula]) => ({ name, formula }))] },
    expected: wanted,
  };
}

function expectedOf(o: ReturnType<typeof outcome>): Result {
  if (o.kind === "error") return { kind: "error", code: { NA: "#N/A", VALUE: "#VALUE!", DIV_BY_ZERO: "#DIV/0!", NUM: "#NUM!", REF: "#REF!", NAME: "#NAME?" }[o.type] ?? `#${o.type}` };
  return o;
}

// ---------------------------------------------------------------- the run

describeLo("made portable, recalculated in LibreOffice Calc", () => {
  const cases: Case[] = [];
  const results = new Map<string, Map<string, Result>>();
  let added: { sheet: string; cells: readonly BookCell[]; result: Map<string, Result> } | undefined;

  beforeAll(async () => {
    if (!available) throw new Error("soffice is not installed: CI must install libreoffice-calc-nogui (.ci/run)");
    for (const language of ["en", "zh"] as const)
      for (const t of TEMPLATES) for (const scope of ["active", "all"] as const) cases.push(await templateCase(t.id, language, scope));
    cases.push(functionCase());
    const files = new Map<string, Buffer>();
    for (const c of cases) files.set(c.key, await writeBook(c.book));
    const addedRow = await addedRowBook();
    files.set("added row", await writeBook(addedRow.book));
    const recalculated = recalculate(files);
    for (const c of cases) results.set(c.key, await readResults(recalculated.get(c.key) as Buffer));
    const sheet = addedRow.book.sheets.find((s) => s.name === addedRow.sheet);
    added = { sheet: addedRow.sheet, cells: sheet?.cells ?? [], result: await readResults(recalculated.get("added row") as Buffer) };
  }, 180_000);

  it("recalculates every formula (no deliberately wrong cached value survives) and agrees with the functions", () => {
    const report: string[] = [];
    const problems: string[] = [];
    for (const c of cases) {
      const got = results.get(c.key) as Map<string, Result>;
      let agreeing = 0;
      for (const [cell, want] of c.expected) {
        const have = got.get(cell) ?? { kind: "empty" };
        if (have.kind === "number" && have.value === WRONG) problems.push(`${c.key} ${cell}: not recalculated`);
        else if (agree(want, have)) agreeing++;
        else problems.push(`${c.key} ${cell}: functions ${showResult(want)}, LibreOffice ${showResult(have)}`);
      }
      report.push(`${c.key}: ${agreeing} of ${c.expected.size} cells agree`);
    }
    // eslint-disable-next-line no-console
    console.log(`LibreOffice agreement\n${report.join("\n")}`);
    expect(problems.slice(0, 40)).toEqual([]);
    expect(cases.reduce((n, c) => n + c.expected.size, 0)).toBeGreaterThan(1000);
  });

  it("counts and ranks a collector added to the converted M1 table (TEAM TOTAL and ranks read CK_M1[[…]])", () => {
    const { sheet, cells, result } = added as NonNullable<typeof added>;
    // The converted TEAM TOTAL keeps its structured references (that is what follows the new row).
    const total = cells.find((c) => c.address === "Q14")?.input;
    expect(total).toBe('=IF(COUNT(CK_M1[[Target (¥)]])=0,"",SUM(CK_M1[[Recovered this month (¥)]])/SUM(CK_M1[[Target (¥)]]))');
    // Every formula recalculated (none keeps the wrong cached value).
    const stale = [...result].filter(([, r]) => r.kind === "number" && r.value === WRONG).map(([k]) => k);
    expect(stale).toEqual([]);
    const got = Object.fromEntries(Object.keys(ADDED_ROW_EXPECTED).map((a) => [a, showResult(result.get(`${sheet}!${a}`) ?? { kind: "empty" })]));
    const want = Object.fromEntries(Object.entries(ADDED_ROW_EXPECTED).map(([a, v]) => [a, showResult({ kind: "number", value: v })]));
    for (const [a, v] of Object.entries(ADDED_ROW_EXPECTED)) {
      const have = result.get(`${sheet}!${a}`) ?? { kind: "empty" as const };
      if (!agree({ kind: "number", value: v }, have)) expect(got).toEqual(want);
    }
    // The new row's grades computed too (Meets: 1.0 reaches the 0.85 default; grades are text).
    expect(result.get(`${sheet}!W13`)).toEqual({ kind: "text", value: "Meets" });
  });
});

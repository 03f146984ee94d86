/**
 * Team sheets sized to the team and bound to imported data (issue 14, item 3): any row count
 * from 1 to 500, one row per collector of the data with inputs as formulas over it, and the
 * rank column. Every expectation is worked out by hand from the layout of src/templates/team.ts
 * and the sample data of src/templates/teams.ts; the computed ones run in HyperFormula with the
 * COLLECT functions (test/helpers/hfWorkbook.ts).
 */
import fc from "fast-check";
import { CellValue, DetailedCellError } from "hyperformula";
import { findMetric } from "../../../src/core";
import { MAX_TEAM_ROWS, STRINGS, TEAM_ROWS } from "../../../src/templates";
import { buildTeamSheet } from "../../../src/templates/team";
import { M1, M4PLUS, SCORECARD } from "../../../src/templates/teams";
import type { CellInput, SheetSpec } from "../../../src/templates/types";
import { buildWorkbook, HfWorkbook } from "../../helpers/hfWorkbook";
import {
  LANGUAGES,
  OCTOBER_2026,
  RAW_KEYS,
  TEAM_IDS,
  TYPED_KEYS,
  benchmarksSpec,
  callsOf,
  cellsOf,
  errorsOf,
  expectSameCells,
  formulas,
  headerTexts,
  letters,
  metricColumn,
  rawData,
  rawSheet,
  template,
  workbookOf,
} from "./support";

const num = (v: CellValue): number => {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};


/** Column letters of the header `text` (a Chinese header's chosen line feed ignored). */
function columnOf(spec: SheetSpec, text: string): string {
  const c = headerTexts(spec).indexOf(text);
  if (c < 0) throw new Error(`${spec.templateId}: no header ${text}`);
  return letters(c);
}

describe("blank team sheets of any size", () => {
  test("M1 with 3 rows: header 4, collectors 5–7, TEAM TOTAL 8, benchmarks 9 and 10", () => {
    const s = template("m1").build({ language: "en", sample: false, rowCount: 3 });
    expect(s.layout).toEqual({ headerRow: 4, firstRow: 5, lastRow: 7, totalRow: 8, inputs: ["B5:K7"], rank: "X5:X7" });
    expect(s.cells.length).toBe(10);
    const S = STRINGS.en;
    expect([8, 9, 10].map((r) => s.cells[r - 1][0])).toEqual([S.total, S.benchmarkMeets, S.benchmarkExcellent]);
    // The collector rows are the Excel table CK_M1: header row 4, rows 5–7, TEAM TOTAL its total row 8.
    expect(s.table).toEqual({ name: "CK_M1", range: "A4:X8", showTotals: true });
    // Inputs B (assigned) … K (recovered): the total sums the table's rows, by column name.
    expect(s.cells[7][1]).toBe("=SUM(CK_M1[[Accounts assigned]])");
    expect(s.cells[7][10]).toBe("=SUM(CK_M1[[Recovered this month (¥)]])");
    // KPIs L (contact coverage) … Q (recovery achievement), over the whole columns in TEAM TOTAL.
    expect(s.cells[7][11]).toBe('=IF(COUNT(CK_M1[[Accounts assigned]])=0,"",COLLECT.CONTACTCOVERAGE(CK_M1[[Accounts contacted]],CK_M1[[Accounts assigned]]))');
    expect(s.cells[7][16]).toBe('=IF(COUNT(CK_M1[[Target (¥)]])=0,"",COLLECT.RECOVERYRATE(CK_M1[[Recovered this month (¥)]],CK_M1[[Target (¥)]]))');
    // The benchmark rows follow TEAM TOTAL.
    expect(s.cells[8][11]).toBe('=IFNA(COLLECT.BENCHMARK("contact_coverage","meets",CollectBenchmarks),"")');
    expect(s.cells[9][16]).toBe('=IFNA(COLLECT.BENCHMARK("recovery_achievement","excellent",CollectBenchmarks),"")');
    // Grades R–W coloured from the first collector to TEAM TOTAL; the rank X (recovery achievement) is not.
    expect(s.conditionalFormats.map((cf) => cf.range)).toEqual(["R5:W8"]);
    expect(s.validations.map((v) => v.range)).toEqual(["B5:K7"]);
    expect(s.styles).toContainEqual({ range: "A8:X8", role: "total" });
    expect(s.styles).toContainEqual({ range: "A9:X10", role: "benchmark" });
    expect(s.freeze).toEqual({ rows: 4, columns: 1 });
    expect(s.cells[4][23]).toBe('=IF(Q5="","",SUMPRODUCT(ISNUMBER(CK_M1[[Recovery achievement rate]])*(CK_M1[[Recovery achievement rate]]>Q5))+1)');
  });

  test("the scorecard with 20 rows: header 5, collectors 6–25, TEAM TOTAL 26, benchmarks 27 and 28", () => {
    const s = template("scorecard").build({ language: "en", sample: false, rowCount: 20 });
    // Inputs E (target) … S (days on closed): 15 columns; KPIs T–AA; complaint ‰ AB; KPI scores AC–AJ.
    expect(s.layout).toEqual({ headerRow: 5, firstRow: 6, lastRow: 25, totalRow: 26, inputs: ["E6:S25"], rank: "D6:D25" });
    expect(s.cells.length).toBe(28);
    expect(s.table).toEqual({ name: "CK_Scorecard", range: "A5:AJ26", showTotals: true });
    expect(s.cells[25][4]).toBe("=SUM(CK_Scorecard[[Target (¥)]])");
    expect(s.cells[25][19]).toBe('=IF(COUNT(CK_Scorecard[[Target (¥)]])=0,"",COLLECT.RECOVERYRATE(CK_Scorecard[[Recovered this month (¥)]],CK_Scorecard[[Target (¥)]]))');
    // The composite of TEAM TOTAL scores row 26's KPIs with the metric ids (row 3) and weights (row 4).
    expect(s.cells[25][1]).toBe('=IF(COUNT(T26:AA26)=0,"",COLLECT.SCORE($T$3:$AA$3,T26:AA26,$T$4:$AA$4,CollectBenchmarks))');
    expect(s.cells[26][19]).toBe('=IFNA(COLLECT.BENCHMARK("recovery_achievement","meets",CollectBenchmarks),"")');
    // The last KPI score (AJ) is scored on the collectors and TEAM TOTAL, not on the benchmark rows.
    expect(s.cells[25][35]).toBe('=IF(AA26="","",COLLECT.KPISCORE("avg_handling_days",AA26,CollectBenchmarks))');
    expect(s.cells[26][35]).toBeNull();
    // The score grade C is coloured from the first collector to TEAM TOTAL; weights row 4 and the inputs are validated.
    expect(s.conditionalFormats.map((cf) => cf.range)).toEqual(["C6:C26"]);
    expect(s.validations.map((v) => v.range)).toEqual(["T4:AA4", "E6:S25"]);
    expect(s.freeze).toEqual({ rows: 5, columns: 4 });
    expect(s.cells[24][3]).toBe('=IF(B25="","",SUMPRODUCT(ISNUMBER(CK_Scorecard[[Composite score]])*(CK_Scorecard[[Composite score]]>B25))+1)');
    // Computed, the empty sheet is clean and the benchmark rows show the defaults: meets 0.85, excellent 1.2.
    const wb = workbookOf(s);
    expect(errorsOf(wb, s)).toEqual([]);
    expect([wb.value(s.name, "T27"), wb.value(s.name, "T28"), wb.value(s.name, "B26"), wb.value(s.name, "D6")]).toEqual([0.85, 1.2, "", ""]);
  });

  test("3 typed rows compute: TEAM TOTAL is the ratio of their sums", () => {
    const s = template("m1").build({ language: "en", sample: false, rowCount: 3 });
    const wb = workbookOf(s);
    const sheet = wb.sheetId(s.name);
    // Target J, recovered K: 200/100, 100/50, 100/90.
    wb.hf.setCellContents({ sheet, row: 4, col: 9 }, [[200, 100], [100, 50], [100, 90]]);
    // Σrecovered 100+50+90 = 240 / Σtarget 200+100+100 = 400 = 0.6
    expect(num(wb.value(s.name, "Q8"))).toBeCloseTo(0.6, 12);
    expect(wb.value(s.name, "J8")).toBe(400);
  });

  test("the row count is a whole number from 1 to 500; a sample sheet keeps its 8 rows", () => {
    for (const rowCount of [0, -1, 2.5, MAX_TEAM_ROWS + 1, Number.NaN]) {
      expect(() => template("m1").build({ language: "en", sample: false, rowCount })).toThrow(RangeError);
    }
    const one = template("robot").build({ language: "en", sample: false, rowCount: 1 });
    expect([one.layout!.firstRow, one.layout!.lastRow, one.layout!.totalRow]).toEqual([5, 5, 6]);
    // One row ranks against itself: rank 1 once it computes. Inputs B–E, KPIs F (handoff) and G (agreements, the headline).
    expect(one.cells[4][one.cells[4].length - 1]).toBe('=IF(G5="","",SUMPRODUCT(ISNUMBER(CK_Robot[[Bot repayment-agreement rate]])*(CK_Robot[[Bot repayment-agreement rate]]>G5))+1)');
    expect(one.table).toEqual({ name: "CK_Robot", range: "A4:J6", showTotals: true });
    const big = template("scorecard").build({ language: "zh", sample: false, rowCount: MAX_TEAM_ROWS });
    expect([big.layout!.firstRow, big.layout!.lastRow, big.cells.length]).toEqual([6, 505, 508]);
    const sample = template("m1").build({ language: "en", sample: true, rowCount: 3 });
    expect(sample.layout!.lastRow - sample.layout!.firstRow + 1).toBe(TEAM_ROWS);
    expect(template("m1").build({ language: "en", sample: false })).toEqual(template("m1").build({ language: "en", sample: false, rowCount: TEAM_ROWS }));
  });

  test("any row count 1…60: TEAM TOTAL covers exactly the data rows, and so do the ranks, grades colours and validations", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.constantFrom(...TEAM_IDS), fc.constantFrom(...LANGUAGES), (n, id, language) => {
        const s = template(id).build({ language, sample: false, rowCount: n });
        const { headerRow, firstRow, lastRow, totalRow } = s.layout!;
        expect([firstRow, lastRow, totalRow]).toEqual([headerRow + 1, headerRow + n, headerRow + n + 1]);
        expect(s.cells.length).toBe(headerRow + n + 3);
        // The table runs from the header to TEAM TOTAL, its total row, over every column.
        const lastColumn = letters(s.cells[0].length - 1);
        expect(s.table).toEqual({ name: s.table!.name, range: `A${headerRow}:${lastColumn}${totalRow}`, showTotals: true });
        const headers = s.cells[headerRow - 1].map(String);
        const total = s.cells[totalRow! - 1];
        let ranges = 0;
        total.forEach((v, c) => {
          if (typeof v !== "string" || !v.startsWith("=")) return;
          // A TEAM TOTAL formula reads whole columns of the table (so an added row counts) and
          // no A1 range of rows but its own (the composite reads its own row, by A1).
          for (const m of v.matchAll(/\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+/g)) {
            if (m[0].includes("$")) continue; // the scorecard's metric ids and weights ($T$3:$AA$3)
            expect([c, m[0]]).toEqual([c, expect.stringMatching(new RegExp(`^[A-Z]+${totalRow}:[A-Z]+${totalRow}$`))]);
          }
          for (const m of v.matchAll(/([A-Za-z_][\w.]*)\[\[((?:[^\]']|'.)*)\]\]/gs)) {
            expect([c, m[1]]).toEqual([c, s.table!.name]);
            expect(headers).toContain(m[2].replace(/'(.)/gs, "$1"));
            ranges++;
          }
        });
        expect(ranges).toBeGreaterThan(0);
        // The rows above and below the data are labels and headers, never data.
        // The agency sheet's total is over all agencies (issue 15).
        expect(s.cells[totalRow! - 1][0]).toBe(id === "agencies" ? STRINGS[language].agencyTotal : STRINGS[language].total);
        for (let r = firstRow; r <= lastRow; r++) expect(s.cells[r - 1][0]).toBeNull();
        // Each rank compares with exactly the data rows.
        const [rankFirst] = cellsOf(s.layout!.rank!);
        for (const [r, c] of cellsOf(s.layout!.rank!)) {
          expect(c).toBe(rankFirst[1]);
          const [sumproduct] = callsOf(s.cells[r][c] as string, "SUMPRODUCT");
          // The whole column of the table, compared with this row's own cell.
          const m = /^ISNUMBER\((?<t>[^[]+)\[\[(?<h>(?:[^\]']|'.)*)\]\]\)\*\(\k<t>\[\[\k<h>\]\][<>](?<own>[A-Z]+)(?<row>\d+)\)$/s.exec(sumproduct[0]);
          expect(m?.groups?.t).toBe(s.table!.name);
          expect(m?.groups?.own).toBe(letters(headers.indexOf(m!.groups!.h.replace(/'(.)/gs, "$1"))));
          expect(Number(m?.groups?.row)).toBe(r + 1);
        }
        expect(cellsOf(s.layout!.rank!).length).toBe(n);
        for (const cf of s.conditionalFormats) expect(cf.range).toMatch(new RegExp(`^[A-Z]+${firstRow}:[A-Z]+${totalRow}$`));
        // Validations: the inputs over exactly the data rows (one cell when one row is one column), and the scorecard's weights in row 4.
        for (const v of s.validations) {
          if (id === "scorecard" && /^[A-Z]+4:[A-Z]+4$/.test(v.range)) continue;
          expect(v.range).toMatch(n === 1 ? new RegExp(`^[A-Z]+${firstRow}(:[A-Z]+${lastRow})?$`) : new RegExp(`^[A-Z]+${firstRow}:[A-Z]+${lastRow}$`));
        }
      }),
      { numRuns: 200 }
    );
  });
});

// ------------------------------------------------------------------ bound to imported data

/**
 * Raw rows for the scorecard's 8 sample collectors: each input the data gives (not TYPED_KEYS)
 * split in two October payments, 60% on 2026-10-05 (46300) and the rest on 2026-10-31 (46326);
 * 999 of everything on 2026-11-01 (46327) and 777 on 2026-09-30 (46295), other months; and a
 * collector who is not on the sheet.
 */
function scorecardRaw(language: "en" | "zh"): (readonly CellInput[])[] {
  const names = STRINGS[language].sampleRows.collector;
  const rows: (readonly CellInput[])[] = [];
  const valuesOf = (f: (key: (typeof RAW_KEYS)[number], sample: number) => number, i: number): number[] =>
    RAW_KEYS.map((key) => {
      const input = SCORECARD.inputs.find((x) => x.key === key);
      return input === undefined || TYPED_KEYS.has(key) ? 0 : f(key, input.sample[i]);
    });
  names.forEach((name, i) => {
    rows.push([name, 46300, ...valuesOf((_k, v) => Math.round(v * 0.6), i)]);
    rows.push([name, 46326, ...valuesOf((_k, v) => v - Math.round(v * 0.6), i)]);
    rows.push([name, 46327, ...RAW_KEYS.map(() => 999)]);
    rows.push([name, 46295, ...RAW_KEYS.map(() => 777)]);
  });
  rows.push([language === "zh" ? "局外人" : "Outsider", 46300, ...RAW_KEYS.map(() => 5000)]);
  return rows;
}

describe.each(LANGUAGES)("a scorecard bound to imported data (%s)", (language) => {
  const names = STRINGS[language].sampleRows.collector;
  const spec = template("scorecard").build({ language, sample: false, data: rawData(language, names) });
  const sample = template("scorecard").build({ language, sample: true });

  test("the month in B2 (labelled, formatted as a month, validated), the source in C2", () => {
    expect(spec.cells[1].slice(0, 3)).toEqual([STRINGS[language].data.month, OCTOBER_2026, STRINGS[language].data.note(rawData(language, names).source)]);
    expect(spec.numberFormats[1][1]).toBe(language === "en" ? "yyyy-mm" : 'yyyy"年"m"月"');
    expect(spec.cells[1][2]).toContain(language === "en" ? "Data: payments.csv · 24 rows · 2026-11-30 14:05." : "数据来源：还款明细 · 24行。");
    expect(spec.styles).toContainEqual({ range: "B2", role: "input" });
    expect(spec.layout!.monthCell).toBe("B2");
    // Same rows as the sample: one per label, in order.
    expect(spec.cells.slice(5, 13).map((r) => r[0])).toEqual([...names]);
    expect([spec.layout!.firstRow, spec.layout!.lastRow, spec.layout!.totalRow]).toEqual([6, 13, 14]);
  });

  test("the inputs the data gives are the formulas of inputFormula, on the row's label and $B$2; the others stay typed and blank", () => {
    // Recovered (F) is RAW_KEYS[1], the raw sheet's column D; the row's label is $A6 … $A13.
    for (const r of [6, 13]) {
      expect(spec.cells[r - 1][5]).toBe(`=SUMIFS(Raw!$D$2:$D$60,Raw!$A$2:$A$60,$A${r},Raw!$B$2:$B$60,">="&$B$2,Raw!$B$2:$B$60,"<"&EDATE($B$2,1))`);
    }
    // Target E, historical G, outstanding H and FTE Q are typed: blank, yellow and validated.
    expect(spec.layout!.inputs).toEqual(["E6:E13", "G6:H13", "Q6:Q13"]);
    for (const range of spec.layout!.inputs) for (const [r, c] of cellsOf(range)) expect(spec.cells[r][c]).toBeNull();
    expect(spec.validations.map((v) => v.range)).toEqual(["B2", "T4:AA4", "E6:E13", "G6:H13", "Q6:Q13"]);
    // The computed ones are styled as computed and never validated.
    const validated = new Set(spec.validations.flatMap((v) => cellsOf(v.range).map(([r, c]) => `${r},${c}`)));
    const fromData = ["F", "I", "J", "K", "L", "M", "N", "O", "P", "R", "S"];
    for (const col of fromData) {
      expect(spec.styles).toContainEqual({ range: `${col}6:${col}13`, role: "computed" });
      for (const [r, c] of cellsOf(`${col}6:${col}13`)) {
        expect(validated.has(`${r},${c}`)).toBe(false);
        expect(spec.cells[r][c]).toMatch(new RegExp(`^=SUMIFS\\(.*,\\$A${r + 1},.*\\$B\\$2.*EDATE\\(\\$B\\$2,1\\)\\)$`));
      }
    }
  });

  test("computes exactly what the same numbers typed by hand compute: inputs, KPIs, scores, composite, grade and rank", () => {
    const wb = buildWorkbook([benchmarksSpec(language), rawSheet(scorecardRaw(language)), spec]);
    const sheet = wb.sheetId(spec.name);
    // Type the inputs no export holds, as the sample has them.
    SCORECARD.inputs.forEach((input, i) => {
      if (!TYPED_KEYS.has(input.key)) return;
      input.sample.forEach((v, n) => wb.hf.setCellContents({ sheet, row: 5 + n, col: 4 + i }, v));
    });
    expect(errorsOf(wb, spec)).toEqual([]);
    // Wang Fang's recovered (F6): 67,200 on 2026-10-05 (60% of 112,000) + 44,800 on 2026-10-31 = 112,000;
    // the 999 of 2026-11-01, the 777 of 2026-09-30 and the outsider's 5,000 are not hers or not October's.
    expect(wb.value(spec.name, "F6")).toBe(112000);
    const compared = expectSameCells(wb, spec, sample);
    expect(compared).toBe(14 * 36); // rows 3–16, columns A–AJ
    // Another month: type 2026-11-01 into B2 and every formula input follows (999 each).
    wb.hf.setCellContents({ sheet, row: 1, col: 1 }, 46327);
    expect(wb.value(spec.name, "F6")).toBe(999);
    expect(wb.value(spec.name, "F14")).toBe(8 * 999);
  });
});

test("a label of the data stays its text: never a formula, a number, a boolean or a date", () => {
  const labels = ["=1+1", "00123", "+86 138", "TRUE", "Jan 5", "#N/A", "Wang Fang", "王芳"];
  const s = template("robot").build({ language: "en", sample: false, data: rawData("en", labels) });
  // The apostrophe keeps the text as typed (Excel, the simulator and HyperFormula drop it from the value); plain names are left alone.
  expect(s.cells.slice(4, 12).map((r) => r[0])).toEqual(["'=1+1", "'00123", "'+86 138", "'TRUE", "'Jan 5", "'#N/A", "Wang Fang", "王芳"]);
  // Transfers (B) on 2026-10-05 for "=1+1" (7) and "00123" (11), each label as text in the raw data too.
  const raw = rawSheet([
    ["'=1+1", 46300, ...RAW_KEYS.map((k) => (k === "transferred" ? 7 : 0))],
    ["'00123", 46300, ...RAW_KEYS.map((k) => (k === "transferred" ? 11 : 0))],
  ]);
  const wb = buildWorkbook([benchmarksSpec("en"), raw, s]);
  expect(labels.map((_l, i) => wb.value(s.name, `A${5 + i}`))).toEqual(labels);
  // "00123" finds its own rows. ("=1+1" would not: as a SUMIFS criterion it means "equal to 1+1",
  // which is the data's formula to handle, e.g. with "="&$A5, as it must escape * ? and ~.)
  expect([wb.value(s.name, "B6"), wb.value(s.name, "B11")]).toEqual([11, 0]);
});

describe("data the template cannot lay out is refused", () => {
  const data = rawData("en", ["Ann", "Bo"]);
  const build = (d: typeof data): SheetSpec => template("m1").build({ language: "en", sample: false, data: d });
  test.each([
    ["no rows", { ...data, rows: [] }, /1 to 500/],
    ["more rows than 500", { ...data, rows: Array.from({ length: 501 }, (_, i) => `c${i}`) }, /501 rows/],
    ["a blank label", { ...data, rows: ["Ann", " "] }, /blank/],
    ["a label twice", { ...data, rows: ["Ann", "Bo", "Ann"] }, /"Ann" appears twice/],
    ["a label twice but for case (SUMIFS would count both rows for each)", { ...data, rows: ["Ann", "Bo", "ANN"] }, /"ANN" appears twice/],
    ["a month that is no day", { ...data, monthStart: 46296.5 }, /monthStart/],
    ["a formula with its =", { ...data, inputFormula: () => "=1" }, /starts with "="/],
    ["a formula on some rows only", { ...data, inputFormula: (_k: unknown, cells: { rowLabel: string }) => (cells.rowLabel === "$A5" ? "1" : undefined) }, /some rows only/],
  ] as const)("%s", (_label, d, message) => {
    expect(() => build(d as typeof data)).toThrow(message);
  });

  test("sample and rowCount give way to the data", () => {
    const s = template("m1").build({ language: "en", sample: true, rowCount: 3, data });
    expect([s.layout!.firstRow, s.layout!.lastRow]).toEqual([5, 6]);
    expect(s.cells[4][0]).toBe("Ann");
    // Assigned (B) comes from the data; nothing of the sample is written.
    expect(s.cells[4][1]).toMatch(/^=SUMIFS\(/);
    expect(s.cells[4][9]).toBeNull(); // target: typed, blank
  });
});

// ------------------------------------------------------------------ ranks

/** The values of the data rows of one column. */
function columnValues(wb: HfWorkbook, spec: SheetSpec, column: string): CellValue[] {
  const { firstRow, lastRow } = spec.layout!;
  return Array.from({ length: lastRow - firstRow + 1 }, (_, i) => wb.value(spec.name, `${column}${firstRow + i}`));
}

describe.each(LANGUAGES)("ranks (%s)", (language) => {
  const S = STRINGS[language];

  test("scorecard: the composites of the sample ranked, highest first; TEAM TOTAL and benchmark rows have no rank", () => {
    const s = template("scorecard").build({ language, sample: true });
    const wb = workbookOf(s);
    expect(headerTexts(s)[3]).toBe(S.rank);
    expect(S.rank).toBe(language === "en" ? "Rank" : "排名");
    // Composites Σ wᵢ·KPISCOREᵢ / 100 (weights 30, then 10 ×7; scores capped at 120), by hand:
    //   Wang Fang  (30×109.804 + 10×(92.642+108.333+100+101.190+120+120+83.333)) / 100 = 105.491
    //   Li Na      (30×120 + 10×(96.959+105.185+99.487+101.113+88.5+120+81.25)) / 100     = 105.249
    //   Zhang Wei  compliance 126/130 = 0.969 < 0.98: vetoed                              =   0
    //   Liu Yang   (30×120 + 10×(95.726+106.349+100+101.020+120+120+87.5)) / 100          = 109.060
    //   Chen Jing  (30×120 + 10×(103.968+112+100+102.041+120+120+102.128)) / 100          = 112.014
    //   Yang Lei   (30×79.552 + 10×(67.917+90.580+98+101.154+115+88.75+73.333)) / 100     =  87.339
    //   Zhao Min   (30×70.588 + 10×(33.846+83.333+95+100.765+61.5+90+75)) / 100           =  75.121
    //   Huang Jun  (30×120 + 10×(104+110.458+100+100.471+120+120+90.179)) / 100           = 110.511
    // Highest first: Chen Jing 1, Huang Jun 2, Liu Yang 3, Wang Fang 4, Li Na 5, Yang Lei 6, Zhao Min 7, Zhang Wei 8.
    const composites = columnValues(wb, s, "B").map(num);
    [105.491, 105.249, 0, 109.06, 112.014, 87.339, 75.121, 110.511].forEach((c, i) => expect(composites[i]).toBeCloseTo(c, 2));
    expect(columnValues(wb, s, "D")).toEqual([4, 5, 8, 3, 1, 6, 7, 2]);
    const total = s.layout!.totalRow!;
    for (const r of [total, total + 1, total + 2]) expect(s.cells[r - 1][3]).toBeNull();
    expect(s.numberFormats[5][3]).toBe("0");
  });

  test("M1: ranked by recovery achievement, the rank right after its grade", () => {
    const s = template("m1").build({ language, sample: true });
    const wb = workbookOf(s);
    const name = findMetric("recovery_achievement")!.name[language];
    const grade = headerTexts(s).indexOf(S.gradeHeader(name));
    expect(headerTexts(s)[grade + 1]).toBe(S.rank);
    // recovered / target: Wang Fang 171,000/180,000 = 0.950, Li Na 176,800/170,000 = 1.040,
    // Zhang Wei 168,000/190,000 = 0.884, Liu Yang 158,500/160,000 = 0.991, Chen Jing 193,000/175,000 = 1.103,
    // Yang Lei 131,000/165,000 = 0.794, Zhao Min 62,000/90,000 = 0.689, Huang Jun 190,500/185,000 = 1.030.
    // Highest first: Chen Jing 1, Li Na 2, Huang Jun 3, Liu Yang 4, Wang Fang 5, Zhang Wei 6, Yang Lei 7, Zhao Min 8.
    expect(columnValues(wb, s, letters(grade + 1))).toEqual([5, 2, 6, 4, 1, 7, 8, 3]);
    for (const r of [13, 14, 15]) expect(s.cells[r - 1][grade + 1]).toBeNull();
  });

  test("each stage, channel and role sheet ranks its headline KPI, right after that KPI's grade", () => {
    const headlines: Record<string, string> = {
      m1: "recovery_achievement",
      m2m3: "recovery_achievement",
      m4plus: "cumulative_recovery",
      robot: "auto_agreement_rate",
      field: "field_conversion",
      leader: "recovery_achievement",
    };
    for (const [id, metric] of Object.entries(headlines)) {
      const s = template(id).build({ language, sample: true });
      const header = headerTexts(s);
      const rank = header.indexOf(S.rank);
      expect([id, header.filter((h) => h === S.rank).length]).toEqual([id, 1]);
      expect([id, header[rank - 1]]).toEqual([id, S.gradeHeader(findMetric(metric)!.name[language])]);
      const kpi = metricColumn(s, metric);
      // The KPI's whole column in the sheet's table (its header names it), against this row's own cell.
      const column = `${s.table!.name}[[${findMetric(metric)!.name[language]}]]`;
      expect(s.cells[4][rank]).toBe(`=IF(${kpi}5="","",SUMPRODUCT(ISNUMBER(${column})*(${column}>${kpi}5))+1)`);
      expect(s.layout!.rank).toBe(`${letters(rank)}5:${letters(rank)}12`);
    }
    // M2–M3: the rank sits between the recovery achievement grade and the cumulative recovery grade.
    const m2m3 = headerTexts(template("m2m3").build({ language, sample: true }));
    const names = ["installment_rate", "ptp_kept_rate", "recovery_achievement", "cumulative_recovery"].map((m) => S.gradeHeader(findMetric(m)!.name[language]));
    expect(m2m3.slice(m2m3.indexOf(names[0]))).toEqual([names[0], names[1], names[2], S.rank, names[3]]);
  });

  test("ties share a rank; a blank row has none and is not counted", () => {
    const s = template("m1").build({ language, sample: false, rowCount: 4 });
    const wb = workbookOf(s);
    // Target J, recovered K: 100/200 = 0.5, 50/100 = 0.5, (blank), 90/100 = 0.9.
    wb.hf.setCellContents({ sheet: wb.sheetId(s.name), row: 4, col: 9 }, [[200, 100], [100, 50], [null, null], [100, 90]]);
    // 0.9 first; both 0.5 have one value above them: 1 + 1 = 2 each; the blank row stays blank.
    expect(columnValues(wb, s, "X")).toEqual([2, 2, "", 1]);
  });

  test("lower is better: ranked ascending (average handling days as a headline)", () => {
    const s = buildTeamSheet({ ...M4PLUS, headline: "avg_handling_days" }, { language, sample: true });
    const wb = workbookOf(s);
    const days = metricColumn(s, "avg_handling_days");
    const rank = letters(headerTexts(s).indexOf(S.rank));
    const column = `CK_M4Plus[[${findMetric("avg_handling_days")!.name[language]}]]`;
    expect(s.cells[4][headerTexts(s).indexOf(S.rank)]).toBe(`=IF(${days}5="","",SUMPRODUCT(ISNUMBER(${column})*(${column}<${days}5))+1)`);
    // Days on closed / closed: 196/40 = 4.900, 187/34 = 5.500, 221/46 = 4.804, 168/28 = 6.000,
    // 176/42 = 4.190, 195/30 = 6.500, 90/12 = 7.500, 198/44 = 4.500. Fewest first:
    // 4.190 → 1, 4.500 → 2, 4.804 → 3, 4.900 → 4, 5.500 → 5, 6.000 → 6, 6.500 → 7, 7.500 → 8.
    expect(columnValues(wb, s, rank)).toEqual([4, 5, 3, 6, 1, 7, 8, 2]);
  });

  test("a headline must be one of the sheet's KPIs, and the scorecard ranks its composite instead", () => {
    expect(() => buildTeamSheet({ ...M1, headline: "field_conversion" }, { language, sample: true })).toThrow(/not one of its KPIs/);
    expect(() => buildTeamSheet({ ...SCORECARD, headline: "recovery_achievement" }, { language, sample: true })).toThrow(/composite/);
  });
});

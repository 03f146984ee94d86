/**
 * Every template computed in HyperFormula (the COLLECT plugin over the same core Excel
 * uses), next to the Benchmarks sheet with CollectBenchmarks defined from its spec. The
 * TEAM TOTAL figures are checked against sums done by hand from the sample data in
 * src/templates/teams.ts and rollrate.ts: a team's rate is the ratio of its sums.
 */
import { CellValue, DetailedCellError } from "hyperformula";
import { BAND_LABELS, CATALOGUE, LEVEL_LABELS, findMetric } from "../../../src/core";
import { STRINGS, TEMPLATES } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";
import { HfWorkbook, buildWorkbook } from "../../helpers/hfWorkbook";
import { LANGUAGES, benchmarksSpec, errorsOf, formulas, letters, metricColumn, strayLatin, template, workbookOf, CHINESE, headerTexts } from "./support";

const num = (v: CellValue): number => {
  if (typeof v !== "number") throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return v;
};


describe.each(TEMPLATES.flatMap((t) => LANGUAGES.map((language) => [t.id, language] as const)))("%s %s", (id, language) => {
  test("with sample data, every formula cell computes without an error", () => {
    const spec = template(id).build({ language, sample: true });
    const wb = workbookOf(spec);
    expect(errorsOf(wb, spec)).toEqual([]);
  });

  test("computed texts keep to the sheet's language", () => {
    const spec = template(id).build({ language, sample: true });
    const wb = workbookOf(spec);
    for (const { at } of formulas(spec)) {
      const v = wb.value(spec.name, at);
      if (typeof v !== "string") continue;
      if (language === "en") expect([at, v, CHINESE.test(v)]).toEqual([at, v, false]);
      else expect([at, v, strayLatin(v)]).toEqual([at, v, undefined]);
    }
  });

  test("without sample data, a team sheet stays clean: blanks and zero sums, no errors", () => {
    const spec = template(id).build({ language, sample: false });
    const wb = workbookOf(spec);
    // The roll-rate sheet too: its spills are wrapped in IF(COUNT(balances)=0,"",…), so an empty
    // sheet shows blanks, not 48 #DIV/0! (issue 12, item 4).
    expect(errorsOf(wb, spec)).toEqual([]);
    for (const { at, formula } of formulas(spec)) {
      const v = wb.value(spec.name, at);
      const benchmarkRow = formula.startsWith("=IFNA(COLLECT.BENCHMARK") || /\*1000\)$/.test(formula);
      // Under a grade whose metric has no threshold, the benchmark rows say why and link to set one.
      if (formula.startsWith("=IF(AND(")) expect([at, ["", STRINGS[language].noFigure, STRINGS[language].setThreshold]].flat()).toContain(v);
      else if (formula.startsWith("=SUM(")) expect([at, v]).toEqual([at, 0]);
      else if (!benchmarkRow) expect([at, v]).toEqual([at, ""]);
    }
  });
});

describe("benchmark rows show the catalogue defaults through CollectBenchmarks", () => {
  test.each(["scorecard", "m1", "m2m3", "m4plus", "robot", "field", "leader"])("%s", (id) => {
    for (const language of LANGUAGES) {
      const spec = template(id).build({ language, sample: true });
      const wb = workbookOf(spec);
      const total = spec.layout!.totalRow!;
      for (const metric of template(id).metrics) {
        const m = findMetric(metric)!;
        const col = metricColumn(spec, metric);
        expect([metric, wb.value(spec.name, `${col}${total + 1}`)]).toEqual([metric, m.meets ?? ""]);
        expect([metric, wb.value(spec.name, `${col}${total + 2}`)]).toEqual([metric, m.excellent ?? ""]);
      }
    }
  });

  test("an edited Benchmarks table changes the grades (the thresholds travel with the workbook)", () => {
    const spec = template("field").build({ language: "en", sample: true });
    const wb = workbookOf(spec);
    const total = spec.layout!.totalRow!;
    const grade = (metric: string): CellValue => {
      const c = spec.cells[2].indexOf(metric);
      // Grade columns follow the KPI block in the same order.
      const kpis = template("field").metrics.length;
      return wb.value(spec.name, `${letters(c + kpis)}${total}`);
    };
    // Team: 189 met / 456 visits = 0.41447 against meets 0.40.
    expect(grade("field_effective_rate")).toBe("Meets");
    const bench = benchmarksSpec("en");
    const row = bench.cells.findIndex((r) => r[0] === "field_effective_rate");
    wb.hf.setCellContents({ sheet: wb.sheetId(bench.name), row, col: 3 }, 0.45);
    expect(grade("field_effective_rate")).toBe("Below");
  });
});

/** The TEAM TOTAL KPI of `metric` on `spec`, evaluated. */
function teamValue(spec: SheetSpec, metric: string): number {
  const wb = workbookOf(spec);
  return num(wb.value(spec.name, `${metricColumn(spec, metric)}${spec.layout!.totalRow}`));
}

/** The mean of the data rows' KPI of `metric`: what the TEAM TOTAL must NOT be. */
function meanOfRows(spec: SheetSpec, metric: string): number {
  const wb = workbookOf(spec);
  const col = metricColumn(spec, metric);
  const { firstRow, lastRow } = spec.layout!;
  let sum = 0;
  for (let r = firstRow; r <= lastRow; r++) sum += num(wb.value(spec.name, `${col}${r}`));
  return sum / (lastRow - firstRow + 1);
}

describe.each(LANGUAGES)("TEAM TOTAL = ratio of sums, by hand (%s)", (language) => {
  const build = (id: string): SheetSpec => template(id).build({ language, sample: true });

  test("scorecard", () => {
    const s = build("scorecard");
    // Σrecovered 112,000+121,000+143,000+104,000+131,000+71,000+36,000+138,000 = 856,000
    // Σtarget    120,000+110,000+130,000+100,000+120,000+105,000+60,000+125,000 = 870,000
    expect(teamValue(s, "recovery_achievement")).toBeCloseTo(856000 / 870000, 10); // 0.98391
    // Σhistorical 165+150+180+120+190+110+30+200 = 1,145 k; Σoutstanding 460+430+500+360+475+410+300+500 = 3,435 k
    expect(teamValue(s, "cumulative_recovery")).toBeCloseTo((856000 + 1145000) / 3435000, 10); // 0.58253
    // Σeffective talk 1560+1420+1430+1340+1680+1250+900+1690 = 11,270; Σtalk 2400+2250+2600+2100+2500+2300+1800+2550 = 18,500
    expect(teamValue(s, "effective_talk_ratio")).toBeCloseTo(11270 / 18500, 10); // 0.60919
    // Σon time 420+388+441+360+430+392+247+440 = 3,118; Σcases 420+390+450+360+430+400+260+440 = 3,150
    expect(teamValue(s, "first_contact_timeliness")).toBeCloseTo(3118 / 3150, 10); // 0.98984
    // Σpassed 119+109+126+99+125+114+79+128 = 899; Σinspected 120+110+130+100+125+115+80+130 = 910
    expect(teamValue(s, "compliance_pass_rate")).toBeCloseTo(899 / 910, 10); // 0.98791
    // Σcomplaints 2+4+6+1+0+3+4+3 = 23; Σhandled 1250+1180+1320+1040+1290+1150+820+1310 = 9,360
    expect(teamValue(s, "complaint_rate")).toBeCloseTo(23 / 9360, 12); // 0.0024573 = 2.46‰
    // Σrecovered 856,000 / ΣFTE 1+1+1+1+1+1+0.5+1 = 7.5
    expect(teamValue(s, "per_capita_recovery")).toBeCloseTo(856000 / 7.5, 6); // 114,133.33
    // Σdays 510+480+590+400+470+450+200+560 = 3,660; Σclosed 85+78+92+70+96+66+30+101 = 618
    expect(teamValue(s, "avg_handling_days")).toBeCloseTo(3660 / 618, 10); // 5.92233
    // The mean of the rows' achievement rates is 0.95574, not the team's 0.98391.
    expect(Math.abs(meanOfRows(s, "recovery_achievement") - 856000 / 870000)).toBeGreaterThan(0.02);
  });

  test("scorecard: the ‰ column shows the team's complaint rate × 1000", () => {
    const s = build("scorecard");
    const wb = workbookOf(s);
    const header = STRINGS[language].permilleHeader(findMetric("complaint_rate")!.name[language]);
    const c = headerTexts(s).indexOf(header);
    expect(num(wb.value(s.name, `${letters(c)}${s.layout!.totalRow}`))).toBeCloseTo((23 / 9360) * 1000, 10); // 2.4573‰
  });

  test("m1", () => {
    const s = build("m1");
    // Σcontacted 596+549+612+520+585+521+262+590 = 4,235; Σassigned 620+580+650+540+600+560+300+610 = 4,460
    expect(teamValue(s, "contact_coverage")).toBeCloseTo(4235 / 4460, 10); // 0.94955
    // Σpromises 410+372+398+366+421+340+150+405 = 2,862 over Σcontacted 4,235
    expect(teamValue(s, "ptp_rate")).toBeCloseTo(2862 / 4235, 10); // 0.67580
    // Σon time 620+580+646+540+600+552+291+610 = 4,439 over Σassigned 4,460
    expect(teamValue(s, "first_contact_timeliness")).toBeCloseTo(4439 / 4460, 10); // 0.99529
    // Σright party 1240+1150+1290+1100+1300+1030+520+1260 = 8,890; Σattempts 3100+2950+3300+2700+3050+2800+1500+3080 = 22,480
    expect(teamValue(s, "rpc_rate")).toBeCloseTo(8890 / 22480, 10); // 0.39546
    // Σkept 304+266+290+282+336+229+88+318 = 2,113; Σdue 380+350+372+340+400+318+130+388 = 2,678
    expect(teamValue(s, "ptp_kept_rate")).toBeCloseTo(2113 / 2678, 10); // 0.78902
    // Σrecovered 171,000+176,800+168,000+158,500+193,000+131,000+62,000+190,500 = 1,250,800; Σtarget 180+170+190+160+175+165+90+185 = 1,315 k
    expect(teamValue(s, "recovery_achievement")).toBeCloseTo(1250800 / 1315000, 10); // 0.95118
  });

  test("m2m3", () => {
    const s = build("m2m3");
    // Σagreed 46+38+55+33+49+31+12+51 = 315; Σoffered 140+125+150+118+132+120+60+145 = 990
    expect(teamValue(s, "installment_rate")).toBeCloseTo(315 / 990, 10); // 0.31818
    // Σkept 134+112+150+105+141+98+41+149 = 930; Σdue 210+190+225+176+205+185+90+220 = 1,501
    expect(teamValue(s, "ptp_kept_rate")).toBeCloseTo(930 / 1501, 10); // 0.61959
    // Σrecovered 205+214+198+171+236+150+72+241 = 1,487 k; Σtarget 220+200+240+190+210+200+110+230 = 1,600 k
    expect(teamValue(s, "recovery_achievement")).toBeCloseTo(1487000 / 1600000, 10); // 0.92938
    // Σhistorical 310+280+335+260+300+270+80+325 = 2,160 k; Σoutstanding 1450+1320+1560+1240+1400+1300+700+1500 = 10,470 k
    expect(teamValue(s, "cumulative_recovery")).toBeCloseTo((1487000 + 2160000) / 10470000, 10); // 0.34833
  });

  test("m4plus: the team's handling days are not the mean of the collectors'", () => {
    const s = build("m4plus");
    // Σcompleted 17+11+24+9+18+12+3+21 = 115; Σstarted 24+18+30+15+22+20+8+26 = 163
    expect(teamValue(s, "legal_completion")).toBeCloseTo(115 / 163, 10); // 0.70552
    // Σdays 196+187+221+168+176+195+90+198 = 1,431; Σclosed 40+34+46+28+42+30+12+44 = 276
    expect(teamValue(s, "avg_handling_days")).toBeCloseTo(1431 / 276, 10); // 5.18478
    // Σrecovered 96+82+121+64+105+71+22+112 = 673 k; Σhistorical 610+540+690+470+630+500+120+660 = 4,220 k; Σoutstanding 1900+1750+2100+1600+1850+1700+800+2000 = 13,700 k
    expect(teamValue(s, "cumulative_recovery")).toBeCloseTo((673000 + 4220000) / 13700000, 10); // 0.35715
    // Mean of the rows' days: (4.9+5.5+4.804+6+4.190+6.5+7.5+4.5)/8 = 5.487, not 5.185.
    expect(meanOfRows(s, "avg_handling_days")).toBeCloseTo(5.4869, 3);
  });

  test("robot", () => {
    const s = build("robot");
    // Σcorrect 1554+1150+826+944+671+1037+544+398 = 7,124; Σtransferred 1850+1420+960+1210+780+1330+640+510 = 8,700
    expect(teamValue(s, "robot_handoff_accuracy")).toBeCloseTo(7124 / 8700, 10); // 0.81885
    // Σsigned 2108+1372+1098+876+884+1118+533+363 = 8,352; Σreached 12400+9800+6100+7300+5200+8600+4100+3300 = 56,800
    expect(teamValue(s, "auto_agreement_rate")).toBeCloseTo(8352 / 56800, 10); // 0.14704
  });

  test("field", () => {
    const s = build("field");
    // Σmet 29+21+31+22+27+19+10+30 = 189; Σvisits 64+58+70+52+61+55+30+66 = 456
    expect(teamValue(s, "field_effective_rate")).toBeCloseTo(189 / 456, 10); // 0.41447
    // Σon site 246+178+281+192+231+150+64+252 = 1,594 k; Σowed 1280+1120+1450+980+1190+1060+520+1330 = 8,930 k
    expect(teamValue(s, "field_conversion")).toBeCloseTo(1594000 / 8930000, 10); // 0.17850
  });

  test("leader: suggestions per leader, retention and recovery as ratios of sums", () => {
    const s = build("leader");
    // Σretained 6+3+7+4+3+5+5+4 = 37; Σhired 6+4+8+5+3+6+7+4 = 43
    expect(teamValue(s, "new_hire_retention")).toBeCloseTo(37 / 43, 10); // 0.86047
    // Σsuggestions 3+2+4+1+2+3+0+2 = 17 over 8 leaders (the benchmark is per leader)
    expect(teamValue(s, "optimization_suggestions")).toBeCloseTo(17 / 8, 10); // 2.125
    // Σteam recovered 2316+2205+2380+1590+2475+1650+1290+2610 = 16,516 k; Σteam target 2400+2100+2650+1900+2250+2000+1700+2500 = 17,500 k
    expect(teamValue(s, "recovery_achievement")).toBeCloseTo(16516000 / 17500000, 10); // 0.94377
  });
});

describe.each(LANGUAGES)("grades and scores (%s)", (language) => {
  const levels = LEVEL_LABELS[language];
  const bands = BAND_LABELS[language];

  test("GRADE of team totals, in the sheet's language; a metric without thresholds says so", () => {
    const s = template("m4plus").build({ language, sample: true });
    const wb = workbookOf(s);
    const total = s.layout!.totalRow!;
    const gradeOf = (metric: string): CellValue => wb.value(s.name, `${letters(s.cells[2].indexOf(metric) + 3)}${total}`);
    expect(gradeOf("legal_completion")).toBe(STRINGS[language].noBenchmark); // the article gives no figure
    expect(gradeOf("avg_handling_days")).toBe(levels.below); // 5.185 days > excellent 5 (lower is better, no meets)
    expect(gradeOf("cumulative_recovery")).toBe(levels.below); // 0.357 < excellent 0.65
    const m1 = template("m1").build({ language, sample: true });
    const wb1 = workbookOf(m1);
    // Wang Fang: 596 / 620 = 0.9613 ≥ 0.95 → Meets; team 4,235 / 4,460 = 0.9496 < 0.95 → Below.
    const coverageGrade = letters(m1.cells[2].indexOf("contact_coverage") + 6);
    expect(wb1.value(m1.name, `${coverageGrade}5`)).toBe(levels.meets);
    expect(wb1.value(m1.name, `${coverageGrade}${m1.layout!.totalRow}`)).toBe(levels.below);
  });

  test("scorecard: compliance below 98% vetoes the composite (一票否决), however good the rest", () => {
    const s = template("scorecard").build({ language, sample: true });
    const wb = workbookOf(s);
    const kpis = template("scorecard").metrics;
    const compliance = metricColumn(s, "compliance_pass_rate");
    const header = headerTexts(s);
    const composite = letters(header.indexOf(STRINGS[language].composite));
    const band = letters(header.indexOf(STRINGS[language].compositeGrade));
    const weights = kpis.map((m) => num(wb.value(s.name, `${metricColumn(s, m)}4`)));
    const scoreColumn = (i: number): string => letters(header.indexOf(STRINGS[language].scoreHeader(findMetric(kpis[i])!.name[language])));

    const zhang = 8; // row 3 of the data: 126 passed / 130 inspected = 0.96923 < 0.98
    expect(num(wb.value(s.name, `${compliance}${zhang}`))).toBeCloseTo(126 / 130, 10);
    expect(wb.value(s.name, `${composite}${zhang}`)).toBe(0);
    expect(wb.value(s.name, `${band}${zhang}`)).toBe(bands.fail);
    // Without the veto he would be Excellent: Σ wᵢ·KPISCOREᵢ / Σ wᵢ of his own KPI scores.
    const unvetoed = kpis.reduce((acc, _m, i) => acc + weights[i] * num(wb.value(s.name, `${scoreColumn(i)}${zhang}`)), 0) / 100;
    expect(unvetoed).toBeGreaterThan(90);

    // Wang Fang (row 6) passes 119 / 120 = 0.99167: her composite is the weighted mean of her scores.
    const wang = 6;
    const expected = kpis.reduce((acc, _m, i) => acc + weights[i] * num(wb.value(s.name, `${scoreColumn(i)}${wang}`)), 0) / 100;
    expect(num(wb.value(s.name, `${composite}${wang}`))).toBeCloseTo(expected, 10);
    // Her recovery score by hand: 112,000 / 120,000 = 0.93333 against meets 0.85 → 100 × 0.93333 / 0.85 = 109.80
    expect(num(wb.value(s.name, `${scoreColumn(0)}${wang}`))).toBeCloseTo((100 * (112000 / 120000)) / 0.85, 8);
    // Every band appears in the sample: Excellent, Good (Yang Lei), Pass (Zhao Min), Fail (Zhang Wei).
    const shown = new Set([6, 7, 8, 9, 10, 11, 12, 13].map((r) => wb.value(s.name, `${band}${r}`)));
    expect([...shown].sort()).toEqual(Object.values(bands).sort());
  });

  test("scorecard: the weights row drives SCORE (all weight on recovery → composite = recovery score)", () => {
    const s = template("scorecard").build({ language, sample: true });
    const wb = workbookOf(s);
    const kpis = template("scorecard").metrics;
    const sheet = wb.sheetId(s.name);
    kpis.forEach((m, i) => wb.hf.setCellContents({ sheet, row: 3, col: s.cells[2].indexOf(m) }, i === 0 ? 100 : 0));
    const header = headerTexts(s);
    const composite = letters(header.indexOf(STRINGS[language].composite));
    // Wang Fang: 100 × (112,000 / 120,000) / 0.85 = 109.80
    expect(num(wb.value(s.name, `${composite}6`))).toBeCloseTo((100 * (112000 / 120000)) / 0.85, 8);
  });
});

describe.each(LANGUAGES)("roll rates (%s)", (language) => {
  const s = template("rollrate").build({ language, sample: true });

  test("ROLLRATES spills month × bucket rates; the weighted row is Σ next bucket / Σ this bucket", () => {
    const wb = workbookOf(s);
    // First spilled cell: M1 at end of Feb 15,080,000 / Current at end of Jan 520,000,000 = 0.029
    expect(num(wb.value(s.name, "B15"))).toBeCloseTo(15080000 / 520000000, 12);
    // Last spilled cell: M6+ at end of Jul 2,722,000 / M5 at end of Jun 2,927,000
    expect(num(wb.value(s.name, "G20"))).toBeCloseTo(2722000 / 2927000, 12);
    // Current→M1: Σ M1 Feb…Jul 15,080,000+16,306,000+15,945,000+17,754,000+15,193,000+17,578,000 = 97,856,000
    //           / Σ Current Jan…Jun 520,000,000+526,000,000+531,500,000+538,000,000+542,600,000+549,300,000 = 3,207,400,000
    expect(num(wb.value(s.name, "B21"))).toBeCloseTo(97856000 / 3207400000, 12); // 0.030509
    // M1→M2: Σ M2 Feb…Jul 6,240+6,334+6,196+6,537+6,924+6,533 = 38,764 k / Σ M1 Jan…Jun 15,600+15,080+16,306+15,945+17,754+15,193 = 95,878 k
    expect(num(wb.value(s.name, "C21"))).toBeCloseTo(38764000 / 95878000, 12); // 0.40431
    // M2→M3: 4,224+3,994+4,307+4,027+4,380+4,570 = 25,502 k / 6,400+6,240+6,334+6,196+6,537+6,924 = 38,631 k
    expect(num(wb.value(s.name, "D21"))).toBeCloseTo(25502000 / 38631000, 12); // 0.66014
    // M3→M4: 3,237+3,379+3,075+3,403+3,262+3,416 = 19,772 k / 4,150+4,224+3,994+4,307+4,027+4,380 = 25,082 k
    expect(num(wb.value(s.name, "E21"))).toBeCloseTo(19772000 / 25082000, 12); // 0.78829
    // M4→M5: 2,752+2,849+2,872+2,675+2,927+2,903 = 16,978 k / 3,200+3,237+3,379+3,075+3,403+3,262 = 19,556 k
    expect(num(wb.value(s.name, "F21"))).toBeCloseTo(16978000 / 19556000, 12); // 0.86817
    // M5→M6+: 2,484+2,559+2,593+2,700+2,461+2,722 = 15,519 k / 2,700+2,752+2,849+2,872+2,675+2,927 = 16,775 k
    expect(num(wb.value(s.name, "G21"))).toBeCloseTo(15519000 / 16775000, 12); // 0.92513
    // The weighted rate is not the mean of the monthly rates (0.030500 for Current→M1).
    const monthly = [15, 16, 17, 18, 19, 20].map((r) => num(wb.value(s.name, `B${r}`)));
    expect(Math.abs(monthly.reduce((a, x) => a + x, 0) / 6 - 97856000 / 3207400000)).toBeGreaterThan(5e-6);
    // Month labels of the spilled rows follow the balances (the later month of each pair).
    expect(wb.value(s.name, "A15")).toBe(STRINGS[language].rollrate.sampleMonths[1]);
  });

  // Needs CollectPlugin.sameSize to return a plain ArraySize (a reference's size has isRef set,
  // which HyperFormula takes for "do not spill"); until then B25 is #VALUE! "Cell range not allowed.".
  test("LOSSFACTORS spills the loss factor of each bucket from the weighted roll rates", () => {
    const wb = workbookOf(s);
    const weighted = [97856000 / 3207400000, 38764000 / 95878000, 25502000 / 38631000, 19772000 / 25082000, 16978000 / 19556000, 15519000 / 16775000];
    // Factor of bucket i = r_i × … × r_6: M5 = 0.92513, M4 = 0.86817 × 0.92513 = 0.80317, …, Current ≈ 0.0108
    ["B", "C", "D", "E", "F", "G"].forEach((col, i) => {
      const expected = weighted.slice(i).reduce((a, r) => a * r, 1);
      expect([col, wb.value(s.name, `${col}25`)]).toEqual([col, expect.closeTo(expected, 12)]);
    });
  });
});

test("the catalogue and every template's benchmarks cover the same metric ids", () => {
  const used = new Set(TEMPLATES.flatMap((t) => t.metrics));
  for (const id of used) expect(CATALOGUE.some((m) => m.id === id)).toBe(true);
});

// Issue 16: "Out of the box, three of M1's six grade columns and two of M2–M3's four say No
// benchmark." The sheet says why (the source gives no figure) and links to the Meets cell.
describe("a grade without a benchmark says why and links to the Benchmarks row that sets it", () => {
  const noDefault = (id: string): boolean => {
    const m = findMetric(id)!;
    return m.meets === undefined && m.excellent === undefined;
  };
  test.each(LANGUAGES.flatMap((language) => ["m1", "m2m3", "m4plus", "robot", "field", "leader"].map((id) => [id, language] as const)))("%s %s", (id, language) => {
    const s = template(id).build({ language, sample: true });
    const wb = workbookOf(s);
    const bench = benchmarksSpec(language);
    const t = STRINGS[language];
    const kpis = template(id).metrics;
    const headers = headerTexts(s);
    let hinted = 0;
    for (const metric of kpis) {
      const name = findMetric(metric)!.name[language];
      const g = headers.indexOf(t.gradeHeader(name));
      expect([metric, g >= 0]).toEqual([metric, true]);
      const meets = `${letters(g)}${s.layout!.totalRow! + 1}`;
      const excellent = `${letters(g)}${s.layout!.totalRow! + 2}`;
      if (!noDefault(metric)) {
        expect([metric, wb.value(s.name, meets), wb.value(s.name, excellent)]).toEqual([metric, "", ""]);
        continue;
      }
      hinted++;
      // The grades say No benchmark; the rows under them say why, and the link's label shows.
      expect(wb.value(s.name, `${letters(g)}${s.layout!.firstRow}`)).toBe(t.noBenchmark);
      expect([metric, wb.value(s.name, meets), wb.value(s.name, excellent)]).toEqual([metric, t.noFigure, t.setThreshold]);
      // The link points at the metric's Meets cell (column D) of the Benchmarks sheet as inserted.
      const formula = s.cells[s.layout!.totalRow! + 1][g] as string;
      const target = /HYPERLINK\("#'([^']+)'!D(\d+)"/.exec(formula);
      expect(target).not.toBeNull();
      expect(target![1]).toBe(bench.name);
      const row = Number(target![2]);
      expect(bench.cells[row - 1][0]).toBe(metric);
      expect(bench.cells[bench.layout!.headerRow - 1][3]).toBe(language === "en" ? "Meets" : STRINGS.zh.benchmarkColumns[3]);
    }
    expect(hinted).toBe(kpis.filter(noDefault).length);
    expect(CATALOGUE.length).toBeGreaterThan(0);
  });

  test("M1 out of the box: three grade columns say No benchmark, each with its link; a typed threshold removes both", () => {
    const s = template("m1").build({ language: "en", sample: true });
    const linkRow = s.layout!.totalRow! + 2;
    const shown = workbookOf(s);
    const withHint = s.cells[linkRow - 1]
      .map((c, i) => [c, i] as const)
      .filter(([c, i]) => typeof c === "string" && c.includes("HYPERLINK(") && shown.value(s.name, `${letters(i)}${linkRow}`) === "Set threshold ›");
    expect(withHint.length).toBe(3);
    // The same sheet with a Meets typed into the Benchmarks row of the first such metric.
    const bench = benchmarksSpec("en");
    const [formula, g] = withHint[0];
    const row = Number(/!D(\d+)"/.exec(formula as string)![1]);
    const edited = { ...bench, cells: bench.cells.map((r, i) => (i === row - 1 ? r.map((v, c) => (c === 3 ? 0.5 : v)) : r)) };
    const wb = buildWorkbook([edited, s]);
    expect(wb.value(s.name, `${letters(g)}${s.layout!.totalRow! + 1}`)).toBe("");
    expect(wb.value(s.name, `${letters(g)}${s.layout!.totalRow! + 2}`)).toBe("");
    expect(wb.value(s.name, `${letters(g)}${s.layout!.firstRow}`)).not.toBe("No benchmark");
  });
});

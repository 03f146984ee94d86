/**
 * The cells of the M1 sheet and of the balanced scorecard with sample data (English), as the
 * preview's grid must show them right after insertion, on every Excel host profile. Every
 * expected value is worked out by hand from the template's sample data (src/templates/teams.ts),
 * not by calling the core, so a wrong formula, a wrong argument order or a wrong number format
 * each fail here. Used by preview.e2e.test.ts (the default host) and hosts.e2e.test.ts
 * (?excel=desktop and ?excel=web).
 */
import type { PreviewPage } from "./previewPage";

// Excel's Good / Neutral / Bad fills (src/taskpane/sheetStyles.ts TONE_STYLES) as computed CSS.
export const GOOD = "rgb(198, 239, 206)"; // #C6EFCE
export const OK = "rgb(255, 235, 156)"; // #FFEB9C
export const BAD = "rgb(255, 199, 206)"; // #FFC7CE

/**
 * M1 sheet layout (src/templates/team.ts): header row 4, collectors in rows 5–12, TEAM TOTAL row 13.
 * Inputs B assigned, C contacted, … J target, K recovered; KPIs L contact coverage … Q recovery
 * achievement; grades R … W in the same order. The M1 sheet must be the active one.
 */
export async function expectM1Sample({ expectCell }: PreviewPage): Promise<void> {
  await expectCell("A5", "Wang Fang");
  await expectCell("B5", "620");
  await expectCell("J5", "¥180,000");
  // Contact coverage, Wang Fang: 596 contacted / 620 assigned = 0.96129 → 96.1%; meets 95% → Meets.
  await expectCell("L5", "96.1%");
  await expectCell("R5", "Meets");
  // Recovery achievement: 171,000 / 180,000 = 0.95 → 95.0%; 85% ≤ 0.95 < 120% → Meets.
  await expectCell("Q5", "95.0%");
  await expectCell("W5", "Meets");
  // TEAM TOTAL is a ratio of sums: assigned 620+580+650+540+600+560+300+610 = 4,460;
  // contacted 596+549+612+520+585+521+262+590 = 4,235; 4,235 / 4,460 = 0.949552 → shows
  // 95.0% but is below 95% → Below (Excel grades the value, not the rounded text).
  await expectCell("B13", "4,460");
  await expectCell("C13", "4,235");
  await expectCell("L13", "95.0%");
  await expectCell("R13", "Below");
  // Recovery: Σ recovered 1,250,800 / Σ target 1,315,000 = 0.951179 → 95.1%, Meets.
  await expectCell("K13", "¥1,250,800");
  await expectCell("Q13", "95.1%");
  await expectCell("W13", "Meets");
  // Promise-to-pay has no benchmark figure in the catalogue: the grade says so.
  await expectCell("S5", "No benchmark");
  // Benchmark rows read CollectBenchmarks: contact coverage meets 95%, recovery excellent 120%.
  await expectCell("L14", "95.0%");
  await expectCell("Q15", "120.0%");
}

/**
 * Scorecard layout: metric ids row 3, weights row 4 (30, then 10 ×7), header row 5, collectors
 * rows 6–13, TEAM TOTAL row 14. Composite B, score grade C and rank D, frozen with the collector
 * in A (issues 14 and 16). Inputs E target, F recovered, G historical, H outstanding, I talk,
 * J substantive talk, K cases, L first contact on time, M inspected, N passed, O handled,
 * P complaints, Q FTE, R closed, S days on closed. KPIs T–AA, complaint ‰ in AB, KPI scores
 * AC–AJ. The scorecard must be the active sheet.
 */
export async function expectScorecardSample(p: PreviewPage): Promise<void> {
  const { expectCell, fillOf } = p;
  // Wang Fang (row 6). Recovery achievement 112,000 / 120,000 = 0.93333 → 93.3%;
  // its score 100 × 0.93333 / 0.85 (meets) = 109.80 → 109.8.
  await expectCell("T6", "93.3%");
  await expectCell("AC6", "109.8");
  // Composite = Σ weight × score / Σ weight with scores
  //   recovery 109.804 (×30); cumulative (112,000+165,000)/460,000 = 0.60217 → 100×0.60217/0.65 = 92.642;
  //   talk 1,560/2,400 = 0.65 → 100×0.65/0.6 = 108.333; first contact 420/420 → 100;
  //   compliance 119/120 = 0.99167 → 100×0.99167/0.98 = 101.190; complaints 2/1,250 = 0.0016,
  //   lower is better: 100×0.003/0.0016 = 187.5 → capped 120; per collector 112,000/1 →
  //   100×112,000/80,000 = 140 → 120; handling days 510/85 = 6.0 → 100×5/6 = 83.333 (each ×10).
  //   (30×109.804 + 10×(92.642+108.333+100+101.190+120+120+83.333)) / 100 = 105.49 → 105.5, Excellent.
  await expectCell("B6", "105.5");
  await expectCell("C6", "Excellent");
  expect(await fillOf("C6")).toBe(GOOD);
  // Zhang Wei (row 8): compliance 126/130 = 0.96923 < 98%, a red-line metric: composite 0, Fail.
  await expectCell("X8", "96.9%");
  await expectCell("B8", "0.0");
  await expectCell("C8", "Fail");
  expect(await fillOf("C8")).toBe(BAD);
  // TEAM TOTAL (row 14), ratios of sums: recovery 856,000/870,000 = 0.98391 → 98.4%;
  // compliance 899/910 = 0.98791 → 98.8%; per collector 856,000 / 7.5 FTE = 114,133.33 → ¥114,133;
  // handling 3,660 days / 618 closed = 5.9223 → 5.9 days; complaints 23/9,360 × 1000 = 2.457 → 2.46‰.
  await expectCell("T14", "98.4%");
  await expectCell("X14", "98.8%");
  await expectCell("Z14", "¥114,133");
  await expectCell("AA14", "5.9 days");
  await expectCell("AB14", "2.46‰");
}

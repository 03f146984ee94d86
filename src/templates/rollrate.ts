/**
 * Roll-rate analysis 迁徙率: a month × bucket grid of month-end balances, the monthly roll
 * rates spilled by COLLECT.ROLLRATES, the balance-weighted roll rate of each bucket over
 * all months, and COLLECT.LOSSFACTORS of that weighted row.
 *
 * Why the weighted rates and not the latest month's: one month's roll rates are noisy
 * (a holiday, a payday shift), and loss factors multiply five or six of them, so the noise
 * compounds. The weighted rate Σ balance rolled into bucket n+1 / Σ balance of bucket n
 * (COLLECT.ROLLRATE over the whole columns) is the ratio of sums the product uses for every
 * team rate, and a big month weighs more than a small one, as it should.
 *
 *   1 title, 2 instructions, 4 header (month-end, Current, M1 … M5, M6+ / write-off)
 *   5–11  seven month-ends of balances (inputs, oldest first)
 *   13    section title; 14 header (Current→M1 … M5→M6+)
 *   15–20 =COLLECT.ROLLRATES(B5:H11) spilled from B15 (6 × 6), month labels in A
 *   21    weighted roll rate per transition: =COLLECT.ROLLRATE(C6:C11,B5:B10) …
 *   23    section title; 24 header (Current … M5)
 *   25    =COLLECT.LOSSFACTORS(B21:G21) spilled from B25 (1 × 6)
 *   27…   a line chart of the monthly roll rates, one line per transition (issue 15)
 * A heat map (colour scale, lower is better) lies over the monthly roll rates B15:G20.
 *
 * The spills are not wrapped in IF (HyperFormula's IF does not spill), so an empty sheet
 * shows #DIV/0! in the roll rates until balances are typed.
 */
import type { Language } from "../core";
import { SheetBuilder, area, cell, columnLetter, numberFormat } from "./sheet";
import { STRINGS, templateTexts } from "./strings";
import type { ChartSpec, SheetSpec, TemplateDef, TemplateOptions } from "./types";

/** Month-end balances (CNY) of a consumer-finance portfolio, oldest first: Current, M1 … M5, M6+ (written off that month). */
export const ROLLRATE_SAMPLE: readonly (readonly number[])[] = [
  [520000000, 15600000, 6400000, 4150000, 3200000, 2700000, 2450000],
  [526000000, 15080000, 6240000, 4224000, 3237000, 2752000, 2484000],
  [531500000, 16306000, 6334000, 3994000, 3379000, 2849000, 2559000],
  [538000000, 15945000, 6196000, 4307000, 3075000, 2872000, 2593000],
  [542600000, 17754000, 6537000, 4027000, 3403000, 2675000, 2700000],
  [549300000, 15193000, 6924000, 4380000, 3262000, 2927000, 2461000],
  [555000000, 17578000, 6533000, 4570000, 3416000, 2903000, 2722000],
];

const MONTHS = ROLLRATE_SAMPLE.length;
const BUCKETS = ROLLRATE_SAMPLE[0].length;

/** Month-end cells: text labels in the sample, a month format for the dates users type. */
function monthFormat(language: Language): string {
  return language === "zh" ? 'yyyy"年"m"月"' : "yyyy-mm";
}

export function buildRollRateSheet(options: TemplateOptions): SheetSpec {
  const { language, sample } = options;
  const S = STRINGS[language];
  const R = S.rollrate;
  const text = S.templates.rollrate;
  const headerRow = 4;
  const first = headerRow + 1;
  const last = first + MONTHS - 1; // 11
  const ratesTitle = last + 2; // 13
  const ratesHeader = ratesTitle + 1; // 14
  const ratesFirst = ratesHeader + 1; // 15
  const ratesLast = ratesFirst + MONTHS - 2; // 20
  const weightedRow = ratesLast + 1; // 21
  const lossTitle = weightedRow + 2; // 23
  const lossHeader = lossTitle + 1; // 24
  const lossRow = lossHeader + 1; // 25
  const transitions = BUCKETS - 1;
  const lastColumn = BUCKETS; // A + buckets
  const pct = numberFormat("percent", language);
  const money = numberFormat("currency", language);
  const month = monthFormat(language);

  const b = new SheetBuilder(lossRow, lastColumn + 1);
  b.set(1, 0, text.title);
  b.set(2, 0, text.instructions);
  b.style("A1", "title");
  b.style("A2", "instructions");

  // Balances.
  b.set(headerRow, 0, R.month);
  R.buckets.forEach((name, n) => b.set(headerRow, 1 + n, name));
  b.style(area(headerRow, 0, headerRow, lastColumn), "header");
  for (let t = 0; t < MONTHS; t++) {
    b.set(first + t, 0, sample ? R.sampleMonths[t] : null, month);
    for (let n = 0; n < BUCKETS; n++) b.set(first + t, 1 + n, sample ? ROLLRATE_SAMPLE[t][n] : null, money);
  }
  const balances = area(first, 1, last, lastColumn);
  b.style(area(first, 0, last, lastColumn), "input");
  b.validations.push({ range: balances, min: 0, message: S.validation.amount });

  // Monthly roll rates (spilled).
  b.set(ratesTitle, 0, R.ratesSection);
  b.style(cell(ratesTitle, 0), "note");
  b.set(ratesHeader, 0, R.month);
  for (let n = 0; n < transitions; n++) b.set(ratesHeader, 1 + n, `${R.buckets[n]}→${R.buckets[n + 1]}`);
  b.style(area(ratesHeader, 0, ratesHeader, transitions), "header");
  for (let t = 0; t < MONTHS - 1; t++) {
    const label = cell(first + t + 1, 0);
    b.set(ratesFirst + t, 0, `=IF(${label}="","",${label})`, month);
    for (let n = 0; n < transitions; n++) b.format(ratesFirst + t, 1 + n, pct);
  }
  // Blank until balances are typed, like every other template (COUNT is 0 for empty cells on
  // every host); with balances, the IF hands the spilled grid on as dynamic-array Excel does.
  b.set(ratesFirst, 1, `=IF(COUNT(${balances})=0,"",COLLECT.ROLLRATES(${balances}))`);
  b.style(area(ratesFirst, 0, ratesLast, transitions), "computed");

  // Balance-weighted roll rate of each transition: Σ next bucket, months 2…7 / Σ this bucket, months 1…6.
  b.set(weightedRow, 0, R.weighted);
  for (let n = 0; n < transitions; n++) {
    const next = columnLetter(2 + n);
    const prior = columnLetter(1 + n);
    const priorRange = `${prior}${first}:${prior}${last - 1}`;
    b.set(weightedRow, 1 + n, `=IF(COUNT(${priorRange})=0,"",COLLECT.ROLLRATE(${next}${first + 1}:${next}${last},${priorRange}))`, pct);
  }
  b.style(area(weightedRow, 0, weightedRow, transitions), "total");

  // Loss factors of the weighted rates (spilled).
  b.set(lossTitle, 0, R.lossSection);
  b.style(cell(lossTitle, 0), "note");
  for (let n = 0; n < transitions; n++) b.set(lossHeader, 1 + n, R.buckets[n]);
  b.style(area(lossHeader, 0, lossHeader, transitions), "header");
  b.set(lossRow, 0, R.lossRow);
  const weighted = area(weightedRow, 1, weightedRow, transitions);
  b.set(lossRow, 1, `=IF(COUNT(${weighted})=0,"",COLLECT.LOSSFACTORS(${weighted}))`, pct);
  for (let n = 1; n < transitions; n++) b.format(lossRow, 1 + n, pct);
  b.style(area(lossRow, 0, lossRow, transitions), "total");

  // Issue 15: a heat map over the monthly roll rates (lower is better: green when low), and
  // their trend, one line per transition, below the loss factors.
  const ratesBlock = area(ratesFirst, 1, ratesLast, transitions);
  const trend: ChartSpec = {
    id: "rollrate-trend",
    kind: "line",
    title: R.chartTitle,
    categories: area(ratesFirst, 0, ratesLast, 0),
    series: Array.from({ length: transitions }, (_, n) => ({
      name: `${R.buckets[n]}→${R.buckets[n + 1]}`,
      values: area(ratesFirst, 1 + n, ratesLast, 1 + n),
      role: "value" as const,
    })),
    at: cell(lossRow + 2, 0),
    width: 620,
    height: 300,
    numberFormat: "0%",
  };

  return b.build({
    templateId: "rollrate",
    name: text.sheet,
    language,
    columnWidths: [130, ...Array<number>(BUCKETS).fill(100)],
    freeze: { rows: headerRow, columns: 1 },
    layout: { headerRow, firstRow: first, lastRow: last, inputs: [area(first, 0, last, lastColumn)] },
    colorScales: [{ range: ratesBlock, better: "lower" }],
    charts: [trend],
  });
}

export const ROLLRATE_TEMPLATE: TemplateDef = {
  id: "rollrate",
  ...templateTexts("rollrate"),
  metrics: ["roll_rate"],
  build: buildRollRateSheet,
};

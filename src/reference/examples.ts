/**
 * One worked example (or two) per function for the reference pages. Results are computed by
 * hand and written down here; a unit test evaluates every formula with the COLLECT functions
 * registered in HyperFormula and fails when a result here is wrong. CollectBenchmarks in a
 * formula is the workbook's Benchmarks table at its default values, as a template inserts it.
 */
import { CATALOGUE } from "../core/catalogue";
import type { Language } from "../core/language";
import { METRICS_HEADER } from "../core/metricsTable";

export type ByLanguage<T> = Readonly<Record<Language, T>>;

/** What a cell shows: a number, text, a spilled grid, or the size of a spilled table. */
export type ExampleValue = number | string | readonly (readonly (number | "")[])[] | { readonly rows: number; readonly columns: number };

export interface Example {
  readonly formula: ByLanguage<string>;
  readonly result: ByLanguage<ExampleValue>;
  /** How the result comes about, in words and arithmetic. */
  readonly explain: ByLanguage<string>;
}

/** A KPI example: one list of numbers per parameter (one number is one cell, several are a column range). */
export interface KpiExample {
  readonly args: readonly (readonly number[])[];
  readonly result: number;
}

export const KPI_EXAMPLES: Readonly<Record<string, KpiExample>> = {
  RECOVERYRATE: { args: [[300000, 550000], [400000, 600000]], result: 0.85 },
  CUMRECOVERY: { args: [[120000], [205000], [500000]], result: 0.65 },
  TALKRATIO: { args: [[2700], [4500]], result: 0.6 },
  FIRSTCONTACT: { args: [[196], [200]], result: 0.98 },
  COMPLIANCE: { args: [[485], [500]], result: 0.97 },
  COMPLAINTRATE: { args: [[6], [4000]], result: 0.0015 },
  PERCAPITA: { args: [[1200000], [12]], result: 100000 },
  HANDLINGDAYS: { args: [[540], [120]], result: 4.5 },
  CONTACTCOVERAGE: { args: [[960, 950], [1000, 1000]], result: 0.955 },
  PTPRATE: { args: [[420], [1200]], result: 0.35 },
  INSTALLMENTRATE: { args: [[36], [150]], result: 0.24 },
  LEGALCOMPLETION: { args: [[18], [40]], result: 0.45 },
  ROBOTHANDOFF: { args: [[850], [1000]], result: 0.85 },
  AUTOAGREEMENT: { args: [[96], [600]], result: 0.16 },
  FIELDEFFECTIVE: { args: [[22], [50]], result: 0.44 },
  FIELDCONVERSION: { args: [[90000], [450000]], result: 0.2 },
  RETENTION: { args: [[17], [20]], result: 0.85 },
  PTPKEPT: { args: [[315], [420]], result: 0.75 },
  RPCRATE: { args: [[2400], [8000]], result: 0.3 },
  ENTRYRATE: { args: [[450000], [10000000]], result: 0.045 },
  CURERATE: { args: [[300000], [1200000]], result: 0.25 },
  ROLLRATE: { args: [[180000], [1200000]], result: 0.15 },
  AGENCYRECOVERY: { args: [[350000, 130000], [1000000, 500000]], result: 0.32 },
  COMMISSIONCOST: { args: [[84000], [350000]], result: 0.24 },
  BREACHRATE: { args: [[7], [3500]], result: 0.002 },
};

const same = <T>(value: T): ByLanguage<T> => ({ en: value, zh: value });

export const OTHER_EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  ROLLRATES: [
    {
      formula: same("=COLLECT.ROLLRATES({1000000,100000,20000;1000000,120000,30000;1000000,110000,36000})"),
      result: same([
        [0.12, 0.3],
        [0.11, 0.3],
      ]),
      explain: {
        en: "Three month-ends (rows) of three buckets (current, M1, M2) give 2 × 2 roll rates. First month: 120,000 ÷ 1,000,000 = 0.12 and 30,000 ÷ 100,000 = 0.3; second month: 110,000 ÷ 1,000,000 = 0.11 and 36,000 ÷ 120,000 = 0.3.",
        zh: "三个月末（行）× 三个账龄（正常、M1、M2）得到 2 × 2 个迁徙率。第一个月：120,000 ÷ 1,000,000 = 0.12，30,000 ÷ 100,000 = 0.3；第二个月：110,000 ÷ 1,000,000 = 0.11，36,000 ÷ 120,000 = 0.3。",
      },
    },
  ],
  LOSSFACTORS: [
    {
      formula: same("=COLLECT.LOSSFACTORS({0.1,0.3,0.5})"),
      result: same([[0.015, 0.15, 0.5]]),
      explain: {
        en: "Roll rates current→M1 0.1, M1→M2 0.3, M2→write-off 0.5: 0.1 × 0.3 × 0.5 = 0.015, 0.3 × 0.5 = 0.15, and 0.5.",
        zh: "迁徙率 正常→M1 为 0.1，M1→M2 为 0.3，M2→核销 为 0.5：0.1 × 0.3 × 0.5 = 0.015，0.3 × 0.5 = 0.15，最后为 0.5。",
      },
    },
  ],
  VINTAGE: [
    {
      formula: same("=COLLECT.VINTAGE({1000;2000;2000}, {100,150,50;300,200,0;300,0,0})"),
      result: same([
        [0.1, 0.25, 0.3],
        [0.15, 0.25, ""],
        [0.15, "", ""],
      ]),
      explain: {
        en: "Three cohorts placed 1,000, 2,000 and 2,000, with what each recovered in months 1–3 after placement. January: 100 ÷ 1,000 = 0.1, (100 + 150) ÷ 1,000 = 0.25, (100 + 150 + 50) ÷ 1,000 = 0.3. February: 300 ÷ 2,000 = 0.15, 500 ÷ 2,000 = 0.25, and its month 3 not reached yet (blank: trailing zeros or blanks are months not reached). March: 300 ÷ 2,000 = 0.15.",
        zh: "三个批次分别委案 1,000、2,000、2,000，各列为委案后第 1–3 个月的回收金额。1 月批次：100 ÷ 1,000 = 0.1，(100 + 150) ÷ 1,000 = 0.25，(100 + 150 + 50) ÷ 1,000 = 0.3。2 月批次：300 ÷ 2,000 = 0.15，500 ÷ 2,000 = 0.25，第 3 个月尚未到达（留空：末尾的 0 或空白视为尚未到达）。3 月批次：300 ÷ 2,000 = 0.15。",
      },
    },
    {
      formula: same("=COLLECT.VINTAGE({1000;2000;2000}, {100,150,50;300,200,0;300,0,0}, {3;2;1}, TRUE())"),
      result: same([[0.14, 0.25, 0.3]]),
      explain: {
        en: "One pooled curve, over the cohorts that reached each month (months_observed 3, 2, 1): month 1 (100 + 300 + 300) ÷ (1,000 + 2,000 + 2,000) = 0.14; month 2 (250 + 500) ÷ (1,000 + 2,000) = 0.25; month 3 300 ÷ 1,000 = 0.3.",
        zh: "合并为一条曲线，每个月只计已到达该月的批次（months_observed 为 3、2、1）：第 1 个月 (100 + 300 + 300) ÷ (1,000 + 2,000 + 2,000) = 0.14；第 2 个月 (250 + 500) ÷ (1,000 + 2,000) = 0.25；第 3 个月 300 ÷ 1,000 = 0.3。",
      },
    },
  ],
  CONTACTBREACHES: [
    {
      formula: same('=COLLECT.CONTACTBREACHES({"A";"A";"A";"A";"B"}, {45658.4;45658.45;45658.5;45658.55;45658.95})'),
      result: same(2),
      explain: {
        en: "On 1 January 2025 (serial 45658) debtor A is called four times, at 09:36, 10:48, 12:00 and 13:12: the fourth call exceeds the default limit of 3 a day. Debtor B's call at 22:48 falls in the default quiet hours 22:00–08:00. Two breaches.",
        zh: "2025 年 1 月 1 日（序列号 45658）债务人 A 被拨打四次（09:36、10:48、12:00、13:12），第四次超出每日默认上限 3 次；债务人 B 的通话在 22:48，处于默认静默时段 22:00–08:00。共 2 次违规。",
      },
    },
  ],
  BENCHMARK: [
    {
      formula: same('=COLLECT.BENCHMARK("complaint_rate", "excellent")'),
      result: same(0.001),
      explain: {
        en: "The default excellent threshold of the complaint rate: 0.001, that is 1‰.",
        zh: "客户投诉率的默认优秀基准：0.001，即 1‰。",
      },
    },
  ],
  GRADE: [
    {
      formula: {
        en: '=COLLECT.GRADE("recovery_achievement", 0.92)',
        zh: '=COLLECT.GRADE("recovery_achievement", 0.92, CollectBenchmarks, "zh-CN")',
      },
      result: { en: "Meets", zh: "达标" },
      explain: {
        en: "0.92 reaches the meets threshold 0.85 but not the excellent threshold 1.2.",
        zh: "按基准表（默认值）评级：0.92 达到达标值 0.85，未达到优秀值 1.2。",
      },
    },
    {
      formula: {
        en: '=COLLECT.GRADE("complaint_rate", 0.0008)',
        zh: '=COLLECT.GRADE("complaint_rate", 0.0008, CollectBenchmarks, "zh-CN")',
      },
      result: { en: "Excellent", zh: "优秀" },
      explain: {
        en: "Lower is better for the complaint rate: 0.8‰ is below the excellent threshold of 1‰.",
        zh: "投诉率越低越好：0.8‰ 低于优秀值 1‰。",
      },
    },
  ],
  KPISCORE: [
    {
      formula: same('=COLLECT.KPISCORE("recovery_achievement", 0.935)'),
      result: same(110),
      explain: { en: "100 × 0.935 ÷ 0.85 = 110.", zh: "100 × 0.935 ÷ 0.85 = 110。" },
    },
    {
      formula: same('=COLLECT.KPISCORE("complaint_rate", 0.004)'),
      result: same(75),
      explain: {
        en: "Lower is better: 100 × 0.003 ÷ 0.004 = 75.",
        zh: "越低越好：100 × 0.003 ÷ 0.004 = 75。",
      },
    },
  ],
  SCORE: [
    {
      formula: same('=COLLECT.SCORE({"recovery_achievement","compliance_pass_rate"}, {0.935,0.98}, {60,40})'),
      result: same(106),
      explain: {
        en: "KPISCOREs 110 and 100, weighted 60 and 40: (60 × 110 + 40 × 100) ÷ 100 = 106.",
        zh: "单项得分 110 和 100，权重 60 和 40：(60 × 110 + 40 × 100) ÷ 100 = 106。",
      },
    },
    {
      formula: same('=COLLECT.SCORE({"recovery_achievement","compliance_pass_rate"}, {0.935,0.97}, {60,40})'),
      result: same(0),
      explain: {
        en: "Compliance 97% is below its red line of 98%: the composite is vetoed to 0.",
        zh: "合规质检通过率 97% 低于红线 98%：综合得分一票否决为 0。",
      },
    },
  ],
  SCOREGRADE: [
    {
      formula: { en: "=COLLECT.SCOREGRADE(85)", zh: '=COLLECT.SCOREGRADE(85, "zh-CN")' },
      result: { en: "Good", zh: "良好" },
      explain: { en: "85 is at least 80 and below 90.", zh: "85 不低于 80 且低于 90。" },
    },
  ],
  METRICS: [
    {
      formula: { en: "=COLLECT.METRICS()", zh: '=COLLECT.METRICS("zh-CN")' },
      result: same({ rows: CATALOGUE.length + 1, columns: METRICS_HEADER.en.length }),
      explain: {
        en: `The header row (${METRICS_HEADER.en.join(", ")}), then one row per metric; a blank threshold stays blank.`,
        zh: `首行为表头（${METRICS_HEADER.zh.join("、")}），其后每个指标一行；未设定的基准留空。`,
      },
    },
  ],
};

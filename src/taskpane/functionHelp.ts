/**
 * Help for every COLLECT function, for the task pane's Functions browser. The English text
 * is exactly the JSDoc of src/functions/functions.ts (the metadata plugin's input), and a
 * unit test fails when the two drift apart; parameter names of the KPI functions also
 * match the catalogue. Metric names, formulas, kinds and benchmarks come from the catalogue.
 */
import { CATALOGUE, Localized, Metric, OTHER_FUNCTIONS, findMetric } from "../core";

export interface ParamHelp {
  readonly name: string;
  readonly optional: boolean;
  readonly help: Localized;
}

export interface FunctionHelp {
  /** The function name without namespace, e.g. RECOVERYRATE. */
  readonly fn: string;
  /** The metric a KPI function computes (its name, formula and benchmark are the catalogue's). */
  readonly metric?: Metric;
  /** What a function that is not a one-metric KPI does: the first line of its JSDoc. */
  readonly summary?: Localized;
  readonly params: readonly ParamHelp[];
}

const p = (name: string, en: string, zh: string, optional = false): ParamHelp => ({ name, optional, help: { en, zh } });
const amount = (name: string, en: string, zh: string): ParamHelp => p(name, `${en}: one cell or a range.`, `${zh}：单元格或区域。`);
const summed = (name: string, en: string, zh: string): ParamHelp =>
  p(name, `${en}: one cell or a range (summed).`, `${zh}：单元格或区域（求和）。`);
const BENCHMARKS = p(
  "benchmarks",
  "The Benchmarks table body (the name CollectBenchmarks); leave out for the defaults.",
  "基准表的数据区域（名称 CollectBenchmarks）；省略则使用默认基准。",
  true
);

const KPI_PARAMS: Readonly<Record<string, readonly ParamHelp[]>> = {
  RECOVERYRATE: [
    summed("recovered", "Amount actually recovered", "实际回收金额"),
    summed("target", "Target recovery amount for the same period", "同期目标回收金额"),
  ],
  CUMRECOVERY: [
    summed("current", "Amount recovered in the current period", "当期回收金额"),
    summed("historical", "Amount recovered in earlier periods", "历史回收金额"),
    summed("outstanding", "Total amount to be collected", "总待收金额"),
  ],
  TALKRATIO: [
    amount("effective_talk", "Substantive talk time (any unit, same as total_talk)", "实质性沟通时长（单位与 total_talk 相同）"),
    amount("total_talk", "Total talk time in the same unit", "通话总时长（同一单位）"),
  ],
  FIRSTCONTACT: [
    amount("contacted_on_time", "Cases first contacted within the deadline", "时限内完成首次联系的案件数"),
    amount("cases", "Cases assigned", "分配的案件数"),
  ],
  COMPLIANCE: [amount("passed", "Inspected calls that passed QA", "质检通过的通话数"), amount("inspected", "Calls inspected by QA", "质检通话数")],
  COMPLAINTRATE: [
    amount("complaints", "Complaints received", "收到的投诉数"),
    amount("accounts", "Accounts handled in the same period", "同期处理的账户数"),
  ],
  PERCAPITA: [
    amount("recovered", "Amount recovered in the month", "当月回收金额"),
    amount("collectors", "Number of collectors (head count)", "催收人数"),
  ],
  HANDLINGDAYS: [amount("total_days", "Days spent on the closed accounts", "已结案账户的处理天数"), amount("accounts", "Accounts closed", "结案账户数")],
  CONTACTCOVERAGE: [amount("contacted", "Accounts reached", "已联系账户数"), amount("assigned", "Accounts assigned", "分配账户数")],
  PTPRATE: [amount("promises", "Promises to pay obtained", "获得的还款承诺数"), amount("contacted", "Accounts contacted", "已联系账户数")],
  INSTALLMENTRATE: [amount("agreed", "Installment plans agreed", "达成的分期方案数"), amount("eligible", "Accounts offered a plan", "提供分期方案的账户数")],
  LEGALCOMPLETION: [amount("completed", "Legal procedures completed", "已完成的司法程序数"), amount("initiated", "Legal procedures started", "已启动的司法程序数")],
  ROBOTHANDOFF: [amount("correct", "Bot-to-agent transfers that were correct", "正确的转人工次数"), amount("transferred", "Bot-to-agent transfers", "转人工次数")],
  AUTOAGREEMENT: [
    amount("signed", "Repayment agreements signed through the bot", "机器人签订的还款协议数"),
    amount("reached", "Debtors the bot reached", "机器人触达的债务人数"),
  ],
  FIELDEFFECTIVE: [amount("met", "Visits where the debtor was met", "见到债务人的外访次数"), amount("visits", "Field visits made", "外访次数")],
  FIELDCONVERSION: [
    amount("recovered_on_site", "Amount recovered during visits", "外访现场回收金额"),
    amount("amount_visited", "Amount owed by the debtors visited", "被外访债务人的欠款金额"),
  ],
  RETENTION: [amount("retained", "New hires still employed", "仍在职的新人数"), amount("hired", "New hires in the period", "期内新入职人数")],
  PTPKEPT: [amount("kept", "Promises paid in full by their date", "按期足额兑现的承诺数"), amount("due", "Promises that fell due", "到期的承诺数")],
  RPCRATE: [
    amount("right_party_contacts", "Calls that reached the debtor in person", "接通债务人本人的通话数"),
    amount("attempts", "Call attempts", "拨打次数"),
  ],
  ENTRYRATE: [
    amount("unpaid_after_due", "Amount still unpaid the day after the due date", "到期次日仍未还的金额"),
    amount("amount_due", "Amount that fell due", "到期应还金额"),
  ],
  CURERATE: [
    amount("cured", "Balance of last month's bucket that is current now", "上月该账龄余额中本月回到正常的余额"),
    amount("bucket_balance_prior", "That bucket's balance last month", "该账龄上月余额"),
  ],
  ROLLRATE: [
    amount("next_bucket_now", "Balance in the next bucket this month", "本月下一账龄余额"),
    amount("bucket_prior", "Balance in the bucket last month", "上月本账龄余额"),
  ],
};

const OTHER: readonly FunctionHelp[] = [
  {
    fn: "ROLLRATES",
    summary: {
      en: "Roll rates of a month × bucket grid of balances (迁徙率矩阵), spilled. A zero balance gives #DIV/0! in its own cell only.",
      zh: "按“月份 × 账龄”余额表计算迁徙率矩阵（溢出）。某个余额为 0 只让对应单元格显示 #DIV/0!。",
    },
    params: [
      p(
        "balances",
        "Month-end balances: rows are consecutive months (oldest first), columns are buckets from current through M1, M2, … to write-off.",
        "月末余额：行为连续月份（最早的在上），列为账龄，从正常、M1、M2……直到核销。"
      ),
    ],
  },
  {
    fn: "LOSSFACTORS",
    summary: {
      en: "Loss factors from one row of roll rates (损失因子): factor of bucket i is r_i × … × r_k, spilled.",
      zh: "由一行迁徙率计算损失因子（溢出）：第 i 个账龄的因子为 r_i × … × r_k。",
    },
    params: [p("roll_rates", "One row (or column) of roll rates: current→M1, M1→M2, … up to write-off.", "一行（或一列）迁徙率：正常→M1、M1→M2……直到核销。")],
  },
  {
    fn: "CONTACTBREACHES",
    summary: {
      en: "Counts calls that break contact-frequency or quiet-hours rules (违规联系次数). Each call counts at most once.",
      zh: "统计违反联系频次或静默时段规定的通话次数（违规联系次数），每通电话最多计一次。",
    },
    params: [
      p("debtor_ids", "The debtor of each call (id or name), one cell per call.", "每通电话对应的债务人（编号或姓名），每通电话一个单元格。"),
      p(
        "call_times",
        "Date and time of each call (Excel date-time), in any order, same number of cells as debtor_ids.",
        "每通电话的日期时间（Excel 日期时间），顺序不限，单元格数与 debtor_ids 相同。"
      ),
      p(
        "max_per_day",
        "Connected calls allowed per debtor per calendar day; later calls are breaches. Default 3.",
        "每个债务人每个自然日允许的接通次数，超出的通话计为违规。默认 3。",
        true
      ),
      p("quiet_start", "Start of quiet hours as a time (22:00 is 0.9167). Default 22:00.", "静默时段开始时间（22:00 即 0.9167）。默认 22:00。", true),
      p("quiet_end", "End of quiet hours as a time (08:00 is 0.3333). Default 08:00.", "静默时段结束时间（08:00 即 0.3333）。默认 08:00。", true),
    ],
  },
  {
    fn: "BENCHMARK",
    summary: {
      en: "The threshold of a metric (基准值), from the workbook's Benchmarks table or the built-in default.",
      zh: "指标的基准值：取自工作簿的基准表，没有则用内置默认值。",
    },
    params: [
      p("metric", 'Metric id, for example "recovery_achievement" (see COLLECT.METRICS()).', "指标 ID，例如 \"recovery_achievement\"（见 COLLECT.METRICS()）。"),
      p("level", '"meets" (default) or "excellent".', "\"meets\"（达标，默认）或 \"excellent\"（优秀）。", true),
      BENCHMARKS,
    ],
  },
  {
    fn: "GRADE",
    summary: {
      en: "Grades a value against its benchmark (评级): Excellent, Meets or Below, honouring direction.",
      zh: "按基准评级：优秀、达标或未达标，并考虑指标方向。",
    },
    params: [
      p("metric", 'Metric id, for example "complaint_rate".', "指标 ID，例如 \"complaint_rate\"。"),
      p("value", "The measured value, as a fraction (0.92 for 92%).", "实际值，用小数表示（92% 写 0.92）。"),
      BENCHMARKS,
      p("language", '"en-US" (default) or "zh-CN" for 优秀 / 达标 / 未达标.', "\"en-US\"（默认）或 \"zh-CN\"（显示 优秀 / 达标 / 未达标）。", true),
    ],
  },
  {
    fn: "KPISCORE",
    summary: {
      en: "Target-achievement score of one value (完成率法), 0–120: 100 × value / target, or target / value when lower is better.",
      zh: "单项指标的完成率得分（0–120）：100 × 实际值 ÷ 目标值；越低越好的指标为 目标值 ÷ 实际值。",
    },
    params: [
      p("metric", 'Metric id, for example "recovery_achievement".', "指标 ID，例如 \"recovery_achievement\"。"),
      p("value", "The measured value, as a fraction.", "实际值，用小数表示。"),
      BENCHMARKS,
    ],
  },
  {
    fn: "SCORE",
    summary: {
      en: "Weighted composite score (综合得分) with the red-line veto: a compliance miss makes it 0.",
      zh: "加权综合得分，含红线一票否决：合规不达标则得 0 分。",
    },
    params: [
      p("metrics", "Metric ids, one per cell (usually the scorecard's header row of ids).", "指标 ID，每个单元格一个（通常是考核表的指标 ID 行）。"),
      p("values", "The measured values, same shape as metrics.", "实际值，形状与 metrics 相同。"),
      p("weights", "The weight of each metric, same shape as metrics (blank is 0).", "各指标权重，形状与 metrics 相同（空白视为 0）。"),
      BENCHMARKS,
    ],
  },
  {
    fn: "SCOREGRADE",
    summary: {
      en: "Band of a composite score (综合评级): Excellent ≥ 90, Good ≥ 80, Pass ≥ 60, else Fail.",
      zh: "综合得分的评级：≥90 优秀，≥80 良好，≥60 合格，其余不合格。",
    },
    params: [
      p("score", "A composite score from COLLECT.SCORE, 0–120.", "COLLECT.SCORE 得出的综合得分，0–120。"),
      p("language", '"en-US" (default) or "zh-CN" for 优秀 / 良好 / 合格 / 不合格.', "\"en-US\"（默认）或 \"zh-CN\"（显示 优秀 / 良好 / 合格 / 不合格）。", true),
    ],
  },
  {
    fn: "METRICS",
    summary: {
      en: "Lists every metric with its formula, direction and default benchmark (指标目录), spilled.",
      zh: "列出全部指标及其公式、方向和默认基准（指标目录，溢出）。",
    },
    params: [p("language", '"en-US" (default) or "zh-CN".', "\"en-US\"（默认）或 \"zh-CN\"。", true)],
  },
];

export const FUNCTION_HELP: readonly FunctionHelp[] = [
  ...CATALOGUE.filter((m) => m.fn !== undefined).map((m) => ({
    fn: m.fn as string,
    metric: m,
    params: KPI_PARAMS[m.fn as string] ?? [],
  })),
  ...OTHER,
];

const BY_FN: ReadonlyMap<string, FunctionHelp> = new Map(FUNCTION_HELP.map((h) => [h.fn, h]));

export function functionHelp(fn: string): FunctionHelp | undefined {
  return BY_FN.get(fn.toUpperCase().replace(/^COLLECT\./, ""));
}

/** The functions that take a metric id as their first argument. */
const METRIC_ARGUMENT = new Set<string>(["BENCHMARK", "GRADE", "KPISCORE"]);

/**
 * A formula skeleton for a function: required parameters as named placeholders to replace
 * (`=COLLECT.RECOVERYRATE(recovered, target)`), a metric id as a quoted literal. It is a
 * valid formula: until the placeholders are replaced Excel shows #NAME?.
 */
export function skeletonFormula(fn: string, metricId?: string): string {
  const help = functionHelp(fn);
  if (help === undefined) throw new Error(`${fn} is not a COLLECT function`);
  const metric = metricId !== undefined ? findMetric(metricId)?.id : undefined;
  const args = help.params
    .filter((param) => !param.optional)
    .map((param) => (param.name === "metric" && METRIC_ARGUMENT.has(help.fn) ? `"${metric ?? "recovery_achievement"}"` : param.name));
  return `=COLLECT.${help.fn}(${args.join(", ")})`;
}

/** The names of the functions that are not one-metric KPIs, in catalogue order. */
export const OTHER_FUNCTION_NAMES: readonly string[] = OTHER_FUNCTIONS;

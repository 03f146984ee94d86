/**
 * Help for every COLLECT function, for the task pane's Functions browser. The English text
 * is exactly the JSDoc of src/functions/functions.ts (the metadata plugin's input), and a
 * unit test fails when the two drift apart; the Chinese is the one table that also makes
 * functions.zh-cn.json (src/i18n/functions.zh.ts). Parameter names of the KPI functions match
 * the catalogue; metric names, formulas, kinds and benchmarks are the catalogue's own.
 */
import { CATALOGUE, Localized, Metric, OTHER_FUNCTIONS, findMetric } from "../core";
import { FUNCTIONS_ZH } from "../i18n/functions.zh";

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

/** English help as written in the JSDoc; the Chinese comes from src/i18n/functions.zh.ts. */
interface EnParam {
  readonly name: string;
  readonly optional: boolean;
  readonly en: string;
}
interface EnHelp {
  readonly fn: string;
  readonly summary: string;
  readonly params: readonly EnParam[];
}

const p = (name: string, en: string, optional = false): EnParam => ({ name, optional, en });
const amount = (name: string, en: string): EnParam => p(name, `${en}: one cell or a range.`);
const summed = (name: string, en: string): EnParam => p(name, `${en}: one cell or a range (summed).`);
const BENCHMARKS = p(
  "benchmarks",
  "The Benchmarks table body (the name CollectBenchmarks); leave out for the defaults.",
  true
);

const KPI_PARAMS: Readonly<Record<string, readonly EnParam[]>> = {
  RECOVERYRATE: [
    summed("recovered", "Amount actually recovered"),
    summed("target", "Target recovery amount for the same period"),
  ],
  CUMRECOVERY: [
    summed("current", "Amount recovered in the current period"),
    summed("historical", "Amount recovered in earlier periods"),
    summed("outstanding", "Total amount to be collected"),
  ],
  TALKRATIO: [
    amount("effective_talk", "Substantive talk time (any unit, same as total_talk)"),
    amount("total_talk", "Total talk time in the same unit"),
  ],
  FIRSTCONTACT: [
    amount("contacted_on_time", "Cases first contacted within the deadline"),
    amount("cases", "Cases assigned"),
  ],
  COMPLIANCE: [amount("passed", "Inspected calls that passed QA"), amount("inspected", "Calls inspected by QA")],
  COMPLAINTRATE: [
    amount("complaints", "Complaints received"),
    amount("accounts", "Accounts handled in the same period"),
  ],
  PERCAPITA: [
    amount("recovered", "Amount recovered in the month"),
    amount("collectors", "Number of collectors (head count)"),
  ],
  HANDLINGDAYS: [amount("total_days", "Days spent on the closed accounts"), amount("accounts", "Accounts closed")],
  CONTACTCOVERAGE: [amount("contacted", "Accounts reached"), amount("assigned", "Accounts assigned")],
  PTPRATE: [amount("promises", "Promises to pay obtained"), amount("contacted", "Accounts contacted")],
  INSTALLMENTRATE: [amount("agreed", "Installment plans agreed"), amount("eligible", "Accounts offered a plan")],
  LEGALCOMPLETION: [amount("completed", "Legal procedures completed"), amount("initiated", "Legal procedures started")],
  ROBOTHANDOFF: [amount("correct", "Bot-to-agent transfers that were correct"), amount("transferred", "Bot-to-agent transfers")],
  AUTOAGREEMENT: [
    amount("signed", "Repayment agreements signed through the bot"),
    amount("reached", "Debtors the bot reached"),
  ],
  FIELDEFFECTIVE: [amount("met", "Visits where the debtor was met"), amount("visits", "Field visits made")],
  FIELDCONVERSION: [
    amount("recovered_on_site", "Amount recovered during visits"),
    amount("amount_visited", "Amount owed by the debtors visited"),
  ],
  RETENTION: [amount("retained", "New hires still employed"), amount("hired", "New hires in the period")],
  PTPKEPT: [amount("kept", "Promises paid in full by their date"), amount("due", "Promises that fell due")],
  RPCRATE: [
    amount("right_party_contacts", "Calls that reached the debtor in person"),
    amount("attempts", "Call attempts"),
  ],
  ENTRYRATE: [
    amount("unpaid_after_due", "Amount still unpaid the day after the due date"),
    amount("amount_due", "Amount that fell due"),
  ],
  CURERATE: [
    amount("cured", "Balance of last month's bucket that is current now"),
    amount("bucket_balance_prior", "That bucket's balance last month"),
  ],
  ROLLRATE: [
    amount("next_bucket_now", "Balance in the next bucket this month"),
    amount("bucket_prior", "Balance in the bucket last month"),
  ],
  AGENCYRECOVERY: [
    summed("recovered", "Amount the agency recovered on its placements"),
    summed("placed", "Amount placed with the agency"),
  ],
  COMMISSIONCOST: [
    summed("commission", "Commission paid to the agency"),
    summed("recovered", "Amount the agency recovered in the same period"),
  ],
  BREACHRATE: [
    amount("breaches", "Calls that broke a contact rule (for example COLLECT.CONTACTBREACHES of the call log)"),
    amount("accounts", "Accounts handled in the same period"),
  ],
};

const OTHER: readonly EnHelp[] = [
  {
    fn: "ROLLRATES",
    summary: "Roll rates of a month × bucket grid of balances (迁徙率矩阵), spilled. A zero balance gives #DIV/0! in its own cell only.",
    params: [
      p(
        "balances",
        "Month-end balances: rows are consecutive months (oldest first), columns are buckets from current through M1, M2, … to write-off."),
    ],
  },
  {
    fn: "LOSSFACTORS",
    summary: "Loss factors from one row of roll rates (损失因子): factor of bucket i is r_i × … × r_k, spilled.",
    params: [p("roll_rates", "One row (or column) of roll rates: current→M1, M1→M2, … up to write-off.")],
  },
  {
    fn: "VINTAGE",
    summary:
      "Cohort recovery curves (回收曲线): cumulative recovered / amount placed by month since placement, spilled. Months a cohort has not reached are blank.",
    params: [
      p("placed", "Amount placed per cohort (placement month): one column, one cell per row of recovered."),
      p("recovered", "Amount recovered in month 1, 2, … after placement (not cumulative): one row per cohort, one column per month."),
      p(
        "months_observed",
        "Months each cohort has reached, one column (e.g. =COUNT of its row). Left out: a cohort has reached the months up to its last amount other than blank or 0.",
        true
      ),
      p(
        "pooled",
        "FALSE (default): one curve per cohort. TRUE: one row, Σ cumulative recovered / Σ placed over the cohorts that reached each month.",
        true
      ),
    ],
  },
  {
    fn: "CONTACTBREACHES",
    summary: "Counts calls that break contact-frequency or quiet-hours rules (违规联系次数). Each call counts at most once.",
    params: [
      p("debtor_ids", "The debtor of each call (id or name), one cell per call."),
      p(
        "call_times",
        "Date and time of each call (Excel date-time), in any order, same number of cells as debtor_ids."),
      p(
        "max_per_day",
        "Connected calls allowed per debtor per calendar day; later calls are breaches. Default 3.",
        true
      ),
      p("quiet_start", "Start of quiet hours as a time (22:00 is 0.9167). Default 22:00.", true),
      p("quiet_end", "End of quiet hours as a time (08:00 is 0.3333). Default 08:00.", true),
    ],
  },
  {
    fn: "BENCHMARK",
    summary: "The threshold of a metric (基准值), from the workbook's Benchmarks table or the built-in default.",
    params: [
      p("metric", 'Metric id, for example "recovery_achievement" (see COLLECT.METRICS()).'),
      p("level", '"meets" (default) or "excellent".', true),
      BENCHMARKS,
    ],
  },
  {
    fn: "GRADE",
    summary: "Grades a value against its benchmark (评级): Excellent, Meets or Below, honouring direction.",
    params: [
      p("metric", 'Metric id, for example "complaint_rate".'),
      p("value", "The measured value, as a fraction (0.92 for 92%)."),
      BENCHMARKS,
      p("language", '"en-US" (default) or "zh-CN" for 优秀 / 达标 / 未达标.', true),
    ],
  },
  {
    fn: "KPISCORE",
    summary: "Target-achievement score of one value (完成率法), 0–120: 100 × value / target, or target / value when lower is better.",
    params: [
      p("metric", 'Metric id, for example "recovery_achievement".'),
      p("value", "The measured value, as a fraction."),
      BENCHMARKS,
    ],
  },
  {
    fn: "SCORE",
    summary: "Weighted composite score (综合得分) with the red-line veto: a compliance miss makes it 0.",
    params: [
      p("metrics", "Metric ids, one per cell (usually the scorecard's header row of ids)."),
      p("values", "The measured values, same shape as metrics."),
      p("weights", "The weight of each metric, same shape as metrics (blank is 0)."),
      BENCHMARKS,
    ],
  },
  {
    fn: "SCOREGRADE",
    summary: "Band of a composite score (综合评级): Excellent ≥ 90, Good ≥ 80, Pass ≥ 60, else Fail.",
    params: [
      p("score", "A composite score from COLLECT.SCORE, 0–120."),
      p("language", '"en-US" (default) or "zh-CN" for 优秀 / 良好 / 合格 / 不合格.', true),
    ],
  },
  {
    fn: "METRICS",
    summary: "Lists every metric with its formula, direction and default benchmark (指标目录), spilled.",
    params: [p("language", '"en-US" (default) or "zh-CN".', true)],
  },
];

/** The Chinese help of a parameter or function; the i18n tests make sure there is one for each. */
function zh(fn: string, param?: string): string {
  const entry = FUNCTIONS_ZH[fn];
  return (param === undefined ? entry?.description : entry?.params[param]) ?? "";
}

const localize = (fn: string, params: readonly EnParam[]): ParamHelp[] =>
  params.map((x) => ({ name: x.name, optional: x.optional, help: { en: x.en, zh: zh(fn, x.name) } }));

export const FUNCTION_HELP: readonly FunctionHelp[] = [
  ...CATALOGUE.filter((m) => m.fn !== undefined).map((m) => ({
    fn: m.fn as string,
    metric: m,
    params: localize(m.fn as string, KPI_PARAMS[m.fn as string] ?? []),
  })),
  ...OTHER.map((h) => ({ fn: h.fn, summary: { en: h.summary, zh: zh(h.fn) }, params: localize(h.fn, h.params) })),
];

const BY_FN: ReadonlyMap<string, FunctionHelp> = new Map(FUNCTION_HELP.map((h) => [h.fn, h]));

export function functionHelp(fn: string): FunctionHelp | undefined {
  return BY_FN.get(fn.toUpperCase().replace(/^COLLECT\./, ""));
}

/** The functions that take a metric id as their first argument. */
const METRIC_ARGUMENT = new Set<string>(["BENCHMARK", "GRADE", "KPISCORE"]);

/**
 * A formula skeleton for a function, shown in the Functions tab as documentation: required parameters as named placeholders
 * (`=COLLECT.RECOVERYRATE(recovered, target)`), a metric id as a quoted literal. It is a
 * formula, but never written into a cell: Excel would show #NAME? for the placeholder names ("Insert" asks for each argument).
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

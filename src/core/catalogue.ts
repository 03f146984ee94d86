/**
 * The metric catalogue: the one source of truth for every KPI (metrics.md sections 2 and 4).
 * Function metadata, METRICS(), the templates, the Benchmarks sheet and the docs are
 * derived from these records, and tests fail when they drift apart.
 */

/** Proportion (share of a population, in [0, 1]) or ratio (may exceed 1). */
export type Kind = "P" | "R";
export type Direction = "higher" | "lower";
/** How a template formats the value; the value itself is always the plain fraction or amount. */
export type DisplayFormat = "percent" | "permille" | "currency" | "days" | "count";

export interface Localized {
  readonly en: string;
  readonly zh: string;
}

export interface Metric {
  readonly id: string;
  /** The COLLECT function that computes it (without namespace); absent for typed-in counts. */
  readonly fn?: string;
  readonly name: Localized;
  /** The formula in words, as the docs and METRICS() show it. */
  readonly formula: Localized;
  readonly kind: Kind;
  readonly direction: Direction;
  readonly unit: Localized;
  readonly format: DisplayFormat;
  /**
   * Parameter names in contract order (metrics.md). Every parameter but the last is
   * summed into the numerator; the last is the denominator.
   */
  readonly params: readonly string[];
  readonly meets?: number;
  readonly excellent?: number;
  /** A red-line metric vetoes the composite SCORE when it misses its meets threshold. */
  readonly redLine: boolean;
  readonly source: Localized;
  /** The assessment area or stage the metric belongs to. */
  readonly area: Localized;
}

const NO_FIGURE: Localized = {
  en: "The article names this focus but gives no figure; set your own threshold.",
  zh: "原文只点明考核重点，未给出数值；请按本机构情况填写。",
};
const PCT: Localized = { en: "%", zh: "%" };
const AGENCIES: Localized = { en: "Outsourced agencies", zh: "委外机构" };

export const CATALOGUE: readonly Metric[] = [
  {
    id: "recovery_achievement", fn: "RECOVERYRATE",
    name: { en: "Recovery achievement rate", zh: "回收金额达成率" },
    formula: { en: "recovered / target", zh: "实际回收金额 ÷ 目标回收金额" },
    kind: "R", direction: "higher", unit: PCT, format: "percent", params: ["recovered", "target"],
    meets: 0.85, excellent: 1.2, redLine: false,
    source: { en: "Head institutions usually range 85%–120%.", zh: "头部金融机构该指标通常在85%-120%区间。" },
    area: { en: "Results", zh: "结果类" },
  },
  {
    id: "cumulative_recovery", fn: "CUMRECOVERY",
    name: { en: "Cumulative recovery rate", zh: "累计回收率" },
    formula: { en: "(current + historical) / outstanding", zh: "(当期回收金额 + 历史回收金额) ÷ 总待收金额" },
    kind: "R", direction: "higher", unit: PCT, format: "percent", params: ["current", "historical", "outstanding"],
    excellent: 0.65, redLine: false,
    source: { en: "Excellent consumer-finance teams reach 65%+.", zh: "消费金融领域优秀催收团队可达65%以上。" },
    area: { en: "Results", zh: "结果类" },
  },
  {
    id: "effective_talk_ratio", fn: "TALKRATIO",
    name: { en: "Effective talk-time ratio", zh: "有效通话时长占比" },
    formula: { en: "substantive talk time / total talk time", zh: "实质性沟通时长 ÷ 通话总时长" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["effective_talk", "total_talk"],
    meets: 0.6, redLine: false,
    source: { en: "Substantive talk at least 60% of call time.", zh: "实质性沟通时间不低于总时长的60%。" },
    area: { en: "Process", zh: "过程管理类" },
  },
  {
    id: "first_contact_timeliness", fn: "FIRSTCONTACT",
    name: { en: "First-contact timeliness", zh: "案件跟进及时率（首联）" },
    formula: { en: "cases first contacted within the deadline / cases", zh: "时限内完成首次联系的案件数 ÷ 案件数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["contacted_on_time", "cases"],
    meets: 1, redLine: false,
    source: { en: "Cases within 30 days past due: 100% first contact.", zh: "逾期30天内案件需100%完成首联。" },
    area: { en: "Process", zh: "过程管理类" },
  },
  {
    id: "compliance_pass_rate", fn: "COMPLIANCE",
    name: { en: "Compliance QA pass rate", zh: "合规质检通过率" },
    formula: { en: "QA-passed calls / inspected calls", zh: "质检通过的通话数 ÷ 质检通话数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["passed", "inspected"],
    meets: 0.98, redLine: true,
    source: { en: "Industry standard usually ≥ 98%; a high-voltage (red-line) metric.", zh: "行业标准通常要求≥98%，是高压线指标。" },
    area: { en: "Quality", zh: "质量评估类" },
  },
  {
    id: "complaint_rate", fn: "COMPLAINTRATE",
    name: { en: "Complaint rate", zh: "客户投诉率" },
    formula: { en: "complaints / accounts handled", zh: "投诉数 ÷ 处理账户数" },
    kind: "R", direction: "lower", unit: { en: "‰", zh: "‰" }, format: "permille", params: ["complaints", "accounts"],
    meets: 0.003, excellent: 0.001, redLine: false,
    source: { en: "Within 3‰; excellent teams below 1‰.", zh: "需控制在3‰以内，优秀团队能达到1‰以下。" },
    area: { en: "Quality", zh: "质量评估类" },
  },
  {
    id: "per_capita_recovery", fn: "PERCAPITA",
    name: { en: "Recovery per collector", zh: "人均产能" },
    formula: { en: "monthly recovered amount / collectors", zh: "月回收总额 ÷ 催收人数" },
    kind: "R", direction: "higher", unit: { en: "CNY / person / month", zh: "元/人/月" }, format: "currency",
    params: ["recovered", "collectors"],
    meets: 80000, excellent: 150000, redLine: false,
    source: { en: "Consumer-finance reference 80k–150k CNY per person per month.", zh: "消费金融领域参考值为8-15万元/人/月。" },
    area: { en: "Efficiency", zh: "综合效能类" },
  },
  {
    id: "avg_handling_days", fn: "HANDLINGDAYS",
    name: { en: "Average handling days", zh: "个案平均处理时长" },
    formula: { en: "days spent on closed accounts / accounts closed", zh: "已结案账户处理天数 ÷ 结案账户数" },
    kind: "R", direction: "lower", unit: { en: "days / account", zh: "天/户" }, format: "days",
    params: ["total_days", "accounts"],
    excellent: 5, redLine: false,
    source: { en: "M3+ cases: excellent at most 5 days per account.", zh: "M3+案件优秀水平为≤5天/户。" },
    area: { en: "Efficiency", zh: "综合效能类" },
  },
  {
    id: "contact_coverage", fn: "CONTACTCOVERAGE",
    name: { en: "Contact coverage", zh: "联系覆盖率" },
    formula: { en: "accounts reached / accounts assigned", zh: "已联系账户数 ÷ 分配账户数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["contacted", "assigned"],
    meets: 0.95, redLine: false,
    source: { en: "M1 (1–30 dpd) contact coverage ≥ 95%.", zh: "M1阶段（逾期1-30天）联系覆盖率≥95%。" },
    area: { en: "M1", zh: "M1" },
  },
  {
    id: "ptp_rate", fn: "PTPRATE",
    name: { en: "Promise-to-pay rate", zh: "还款承诺获取率" },
    formula: { en: "promises to pay obtained / accounts contacted", zh: "获得还款承诺数 ÷ 已联系账户数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["promises", "contacted"],
    redLine: false, source: NO_FIGURE, area: { en: "M1", zh: "M1" },
  },
  {
    id: "installment_rate", fn: "INSTALLMENTRATE",
    name: { en: "Installment-plan rate", zh: "分期方案达成率" },
    formula: { en: "installment plans agreed / accounts offered a plan", zh: "达成分期方案数 ÷ 提供分期方案的账户数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["agreed", "eligible"],
    redLine: false, source: NO_FIGURE, area: { en: "M2–M3", zh: "M2–M3" },
  },
  {
    id: "legal_completion", fn: "LEGALCOMPLETION",
    name: { en: "Legal-process completion rate", zh: "司法催收流程完成率" },
    formula: { en: "legal procedures completed / procedures started", zh: "已完成的司法程序数 ÷ 已启动的司法程序数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["completed", "initiated"],
    redLine: false, source: NO_FIGURE, area: { en: "M4+", zh: "M4+" },
  },
  {
    id: "robot_handoff_accuracy", fn: "ROBOTHANDOFF",
    name: { en: "Bot-to-agent handoff accuracy", zh: "机器人识别转人工准确率" },
    formula: { en: "correct bot-to-agent transfers / transfers", zh: "正确转人工次数 ÷ 转人工次数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["correct", "transferred"],
    meets: 0.8, redLine: false,
    source: { en: "Bot transfer-to-agent accuracy ≥ 80%.", zh: "机器人识别转人工准确率≥80%。" },
    area: { en: "AI robot", zh: "智能机器人" },
  },
  {
    id: "auto_agreement_rate", fn: "AUTOAGREEMENT",
    name: { en: "Bot repayment-agreement rate", zh: "自动还款协议签订率" },
    formula: { en: "repayment agreements signed by the bot / debtors the bot reached", zh: "机器人签订还款协议数 ÷ 机器人触达债务人数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["signed", "reached"],
    meets: 0.15, redLine: false,
    source: { en: "Industry mean 15%.", zh: "行业均值15%。" },
    area: { en: "AI robot", zh: "智能机器人" },
  },
  {
    id: "field_effective_rate", fn: "FIELDEFFECTIVE",
    name: { en: "Effective field-visit rate", zh: "有效外访率" },
    formula: { en: "visits where the debtor was met / visits", zh: "实际见到债务人次数 ÷ 外访次数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["met", "visits"],
    meets: 0.4, redLine: false,
    source: { en: "Industry benchmark 40%.", zh: "行业基准40%。" },
    area: { en: "Field visits", zh: "外访" },
  },
  {
    id: "field_conversion", fn: "FIELDCONVERSION",
    name: { en: "On-site recovery conversion", zh: "现场回收转化率" },
    formula: { en: "amount recovered on site / amount owed by visited debtors", zh: "现场回收金额 ÷ 总外访金额" },
    kind: "R", direction: "higher", unit: PCT, format: "percent", params: ["recovered_on_site", "amount_visited"],
    meets: 0.18, redLine: false,
    source: { en: "Industry benchmark 18%.", zh: "行业基准18%。" },
    area: { en: "Field visits", zh: "外访" },
  },
  {
    id: "new_hire_retention", fn: "RETENTION",
    name: { en: "New-hire retention", zh: "新人留存率" },
    formula: { en: "new hires still employed / new hires", zh: "仍在职新人数 ÷ 新入职人数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["retained", "hired"],
    meets: 0.85, redLine: false,
    source: { en: "Team leaders: retention ≥ 85%.", zh: "团队长梯队培养：新人留存率≥85%。" },
    area: { en: "Team leader", zh: "团队长" },
  },
  {
    id: "optimization_suggestions",
    name: { en: "Strategy optimisation suggestions", zh: "策略优化建议" },
    formula: { en: "effective suggestions made this month (typed in)", zh: "本月提出的有效优化建议条数（手工填写）" },
    kind: "R", direction: "higher", unit: { en: "count / month", zh: "条/月" }, format: "count", params: [],
    meets: 2, redLine: false,
    source: { en: "At least 2 effective suggestions a month.", zh: "每月至少2条有效优化建议。" },
    area: { en: "Team leader", zh: "团队长" },
  },
  {
    id: "ptp_kept_rate", fn: "PTPKEPT",
    name: { en: "Promise-kept rate", zh: "承诺兑现率" },
    formula: { en: "promises paid in full by their date / promises falling due", zh: "按期足额兑现的承诺数 ÷ 到期承诺数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["kept", "due"],
    redLine: false, source: NO_FIGURE, area: { en: "M1, M2–M3", zh: "M1、M2–M3" },
  },
  {
    id: "rpc_rate", fn: "RPCRATE",
    name: { en: "Right-party contact rate", zh: "本人接通率" },
    formula: { en: "calls that reached the debtor / call attempts", zh: "接通债务人本人的通话数 ÷ 拨打次数" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["right_party_contacts", "attempts"],
    redLine: false, source: NO_FIGURE, area: { en: "M1", zh: "M1" },
  },
  {
    id: "entry_rate", fn: "ENTRYRATE",
    name: { en: "Entry rate", zh: "入催率" },
    formula: { en: "amount still unpaid the day after the due date / amount due", zh: "到期次日仍未还金额 ÷ 到期应还金额" },
    kind: "P", direction: "lower", unit: PCT, format: "percent", params: ["unpaid_after_due", "amount_due"],
    redLine: false, source: NO_FIGURE, area: { en: "Portfolio", zh: "资产组合" },
  },
  {
    id: "cure_rate", fn: "CURERATE",
    name: { en: "Cure rate", zh: "回正率" },
    formula: { en: "balance of last month's bucket now current / that bucket's balance last month", zh: "上月该账龄余额中本月回到正常的余额 ÷ 上月该账龄余额" },
    kind: "P", direction: "higher", unit: PCT, format: "percent", params: ["cured", "bucket_balance_prior"],
    redLine: false, source: NO_FIGURE, area: { en: "Portfolio", zh: "资产组合" },
  },
  {
    id: "roll_rate", fn: "ROLLRATE",
    name: { en: "Roll rate", zh: "迁徙率" },
    formula: { en: "balance in bucket n+1 this month / balance in bucket n last month", zh: "本月 n+1 账龄余额 ÷ 上月 n 账龄余额" },
    kind: "R", direction: "lower", unit: PCT, format: "percent", params: ["next_bucket_now", "bucket_prior"],
    redLine: false, source: NO_FIGURE, area: { en: "Portfolio", zh: "资产组合" },
  },
  // Outsourced agencies (委外), issue 15: beyond metrics.md, which names none of them. No
  // source gives a figure for any, so every threshold is blank (set your own in Benchmarks).
  {
    id: "agency_recovery_rate", fn: "AGENCYRECOVERY",
    name: { en: "Recovery rate on placed amount", zh: "委外回收率" },
    formula: { en: "amount the agency recovered / amount placed with the agency", zh: "委外机构回收金额 ÷ 委外金额" },
    // R, like cumulative_recovery and field_conversion: fees and interest that accrue after
    // placement can take the amount recovered past the amount placed.
    kind: "R", direction: "higher", unit: PCT, format: "percent", params: ["recovered", "placed"],
    redLine: false,
    source: {
      en: "No figure in the source article or metrics.md; issue 15 adds it to compare outsourced agencies on like placements. Set your own threshold.",
      zh: "原文及指标契约均未给出数值；第15号需求为比较同类委案的委外机构而增设。请按本机构情况填写。",
    },
    area: AGENCIES,
  },
  {
    id: "commission_cost_ratio", fn: "COMMISSIONCOST",
    name: { en: "Commission cost per unit recovered", zh: "单位回收佣金成本" },
    formula: { en: "commission paid to the agency / amount the agency recovered", zh: "支付给委外机构的佣金 ÷ 委外机构回收金额" },
    kind: "R", direction: "lower", unit: { en: "% of recovered", zh: "占回收金额%" }, format: "percent", params: ["commission", "recovered"],
    redLine: false,
    source: {
      en: "No figure in the source article or metrics.md; issue 15 adds it (commission paid per CNY recovered; lower is better). Set your own threshold.",
      zh: "原文及指标契约均未给出数值；第15号需求增设（每回收一元所付佣金，越低越好）。请按本机构情况填写。",
    },
    area: AGENCIES,
  },
  {
    id: "contact_breach_rate", fn: "BREACHRATE",
    name: { en: "Contact-rule breach rate", zh: "违规联系率" },
    formula: { en: "calls breaking contact rules / accounts handled", zh: "违规联系次数 ÷ 处理账户数" },
    // Per account handled, as complaint_rate is, and shown in ‰ (breaches per 1,000 accounts):
    // one account can be called in breach several times, so it is a ratio (R), not capped at 1.
    kind: "R", direction: "lower", unit: { en: "‰", zh: "‰" }, format: "permille", params: ["breaches", "accounts"],
    redLine: false,
    source: {
      en: "No figure. Breaches are counted by CONTACTBREACHES' rules (more than 3 connected calls to a debtor a day, calls 22:00–08:00), which follow public summaries of GB/T 45251-2025 (metrics.md section 2). Set your own threshold.",
      zh: "无数值。违规次数按违规联系次数函数的规则统计（每个债务人每天接通超过3次、22:00–08:00 间致电），该规则依据国家标准45251-2025的公开解读（指标契约第2节）。请按本机构情况填写。",
    },
    area: AGENCIES,
  },
];

const BY_ID: ReadonlyMap<string, Metric> = new Map(CATALOGUE.map((m) => [m.id, m]));
const BY_FN: ReadonlyMap<string, Metric> = new Map(
  CATALOGUE.filter((m) => m.fn !== undefined).map((m) => [m.fn as string, m])
);

/** A metric by id, case- and space-insensitive; undefined when unknown. */
export function findMetric(id: string): Metric | undefined {
  return BY_ID.get(id) ?? BY_ID.get(id.trim().toLowerCase());
}

/**
 * The metric in plain Excel, with the function's parameter names as placeholders:
 * "=SUM(recovered)/SUM(target)", "=(SUM(current)+SUM(historical))/SUM(outstanding)".
 * A ratio of sums, as the function computes it, so that an analyst sees what the function
 * does and a colleague without the add-in can check it. It gives the function's number on
 * clean inputs; the function (and what Make portable writes) also checks for text, negative
 * amounts and, for a proportion, a numerator above its denominator. Undefined for a
 * typed-in metric.
 */
export function plainExcelFormula(metric: Metric): string | undefined {
  if (metric.fn === undefined) return undefined;
  const sums = metric.params.map((p) => `SUM(${p})`);
  const numerator = sums.slice(0, -1);
  const top = numerator.length === 1 ? numerator[0] : `(${numerator.join("+")})`;
  return `=${top}/${sums[sums.length - 1]}`;
}

/** The metric a KPI function computes, by function name (RECOVERYRATE …). */
export function metricOfFunction(fn: string): Metric {
  const m = BY_FN.get(fn);
  if (m === undefined) throw new Error(`no metric is computed by ${fn}`);
  return m;
}

/** The functions of metrics.md sections 2 and 3 that are not one-metric KPIs, and VINTAGE (issue 15). */
export const OTHER_FUNCTIONS = [
  "ROLLRATES", "LOSSFACTORS", "VINTAGE", "CONTACTBREACHES", "BENCHMARK", "GRADE", "KPISCORE", "SCORE", "SCOREGRADE", "METRICS",
] as const;

/** Every COLLECT function name, KPI functions first in catalogue order. */
export function allFunctionNames(): string[] {
  return [...CATALOGUE.filter((m) => m.fn !== undefined).map((m) => m.fn as string), ...OTHER_FUNCTIONS];
}

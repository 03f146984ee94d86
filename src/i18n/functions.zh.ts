/**
 * Chinese help for the COLLECT functions, as Excel shows it in Chinese Excel (the formula
 * tooltip and the Insert Function dialog): the source of dist/functions.zh-cn.json.
 *
 * Keyed by function id and parameter name, exactly as in functions.json. Function names stay
 * English. A KPI function's description is not written here: it is the catalogue's Chinese
 * name and formula (plus an optional note), so it cannot drift from the catalogue.
 * The build fails when any function or parameter of functions.json has no entry here.
 */

export interface FunctionZh {
  /** The description of a function that computes no single catalogue metric. */
  readonly description?: string;
  /** A sentence appended to a KPI function's description (name and formula come from the catalogue). */
  readonly note?: string;
  /** Chinese help by parameter name. */
  readonly params: Readonly<Record<string, string>>;
}

const CELL_OR_RANGE = "单元格或区域";
/** An amount or count parameter: one cell or a range, summed. */
const amount = (what: string): string => `${what}：${CELL_OR_RANGE}（求和）。`;

const BENCHMARKS = "基准表的数据区域（名称 CollectBenchmarks）；省略则使用默认基准。";
const SUMMED_NOTE = "区域按合计计算，团队的比率即合计之比。";

export const FUNCTIONS_ZH: Readonly<Record<string, FunctionZh>> = {
  RECOVERYRATE: {
    note: SUMMED_NOTE,
    params: { recovered: amount("实际回收金额"), target: amount("同期目标回收金额") },
  },
  CUMRECOVERY: {
    params: { current: amount("当期回收金额"), historical: amount("历史回收金额"), outstanding: amount("总待收金额") },
  },
  TALKRATIO: {
    params: {
      effective_talk: amount("实质性沟通时长（单位与 total_talk 相同）"),
      total_talk: amount("通话总时长（同一单位）"),
    },
  },
  FIRSTCONTACT: {
    params: { contacted_on_time: amount("时限内完成首次联系的案件数"), cases: amount("分配的案件数") },
  },
  COMPLIANCE: {
    params: { passed: amount("质检通过的通话数"), inspected: amount("质检通话数") },
  },
  COMPLAINTRATE: {
    note: "单元格请设为 ‰ 格式，数值本身仍是小数。",
    params: { complaints: amount("收到的投诉数"), accounts: amount("同期处理的账户数") },
  },
  PERCAPITA: {
    params: { recovered: amount("当月回收金额"), collectors: amount("催收人数") },
  },
  HANDLINGDAYS: {
    params: { total_days: amount("已结案账户的处理天数"), accounts: amount("结案账户数") },
  },
  CONTACTCOVERAGE: {
    params: { contacted: amount("已联系账户数"), assigned: amount("分配账户数") },
  },
  PTPRATE: {
    params: { promises: amount("获得的还款承诺数"), contacted: amount("已联系账户数") },
  },
  INSTALLMENTRATE: {
    params: { agreed: amount("达成的分期方案数"), eligible: amount("提供分期方案的账户数") },
  },
  LEGALCOMPLETION: {
    params: { completed: amount("已完成的司法程序数"), initiated: amount("已启动的司法程序数") },
  },
  ROBOTHANDOFF: {
    params: { correct: amount("正确的转人工次数"), transferred: amount("转人工次数") },
  },
  AUTOAGREEMENT: {
    params: { signed: amount("机器人签订的还款协议数"), reached: amount("机器人触达的债务人数") },
  },
  FIELDEFFECTIVE: {
    params: { met: amount("见到债务人的外访次数"), visits: amount("外访次数") },
  },
  FIELDCONVERSION: {
    params: { recovered_on_site: amount("外访现场回收金额"), amount_visited: amount("被外访债务人的欠款金额") },
  },
  RETENTION: {
    params: { retained: amount("仍在职的新人数"), hired: amount("期内新入职人数") },
  },
  PTPKEPT: {
    params: { kept: amount("按期足额兑现的承诺数"), due: amount("到期的承诺数") },
  },
  RPCRATE: {
    params: { right_party_contacts: amount("接通债务人本人的通话数"), attempts: amount("拨打次数") },
  },
  ENTRYRATE: {
    params: { unpaid_after_due: amount("到期次日仍未还的金额"), amount_due: amount("到期应还金额") },
  },
  CURERATE: {
    params: { cured: amount("上月该账龄余额中本月回到正常的余额"), bucket_balance_prior: amount("该账龄上月余额") },
  },
  ROLLRATE: {
    params: { next_bucket_now: amount("本月下一账龄余额"), bucket_prior: amount("上月本账龄余额") },
  },
  AGENCYRECOVERY: {
    note: SUMMED_NOTE,
    params: { recovered: amount("委外机构对其委案的回收金额"), placed: amount("委托给该机构的金额") },
  },
  COMMISSIONCOST: {
    note: "每回收一元所支付的佣金。",
    params: { commission: amount("支付给委外机构的佣金"), recovered: amount("该机构同期回收金额") },
  },
  BREACHRATE: {
    note: "单元格请设为 ‰ 格式，数值本身仍是小数。",
    params: {
      breaches: amount("违反联系规则的通话次数（例如对通话记录用 COLLECT.CONTACTBREACHES）"),
      accounts: amount("同期处理的账户数"),
    },
  },
  ROLLRATES: {
    description: "按“月份 × 账龄”余额表计算迁徙率矩阵（溢出）。某个余额为 0 只让对应单元格显示 #DIV/0!。",
    params: { balances: "月末余额：行为连续月份（最早的在上），列为账龄，从正常、M1、M2……直到核销。" },
  },
  LOSSFACTORS: {
    description: "由一行迁徙率计算损失因子（溢出）：第 i 个账龄的因子为 r_i × … × r_k。",
    params: { roll_rates: "一行（或一列）迁徙率：正常→M1、M1→M2……直到核销。" },
  },
  VINTAGE: {
    description: "按批次（委案月份）计算回收曲线（溢出）：截至委案后第 k 个月的累计回收金额 ÷ 委案金额。批次尚未到达的月份留空。",
    params: {
      placed: "每个批次的委案金额：一列，每行 recovered 对应一个单元格。",
      recovered: "委案后第 1、2……个月各月的回收金额（非累计）：每个批次一行，每个月一列。",
      months_observed: "每个批次已到达的月数，一列（例如对该行用 =COUNT）。省略时，批次到达的月份截至其最后一个非空且非 0 的金额。",
      pooled: "FALSE（默认）：每个批次一条曲线。TRUE：一行，各月为已到达该月的批次的累计回收合计 ÷ 委案金额合计。",
    },
  },
  CONTACTBREACHES: {
    description: "统计违反联系频次或静默时段规定的通话次数（违规联系次数），每通电话最多计一次。",
    params: {
      debtor_ids: "每通电话对应的债务人（编号或姓名），每通电话一个单元格。",
      call_times: "每通电话的日期时间（Excel 日期时间），顺序不限，单元格数与 debtor_ids 相同。",
      max_per_day: "每个债务人每个自然日允许的接通次数，超出的通话计为违规。默认 3。",
      quiet_start: "静默时段开始时间（22:00 即 0.9167）。默认 22:00。",
      quiet_end: "静默时段结束时间（08:00 即 0.3333）。默认 08:00。",
    },
  },
  BENCHMARK: {
    description: "指标的基准值：取自工作簿的基准表，没有则用内置默认值。",
    params: {
      metric: "指标 ID，例如 \"recovery_achievement\"（见 COLLECT.METRICS()）。",
      level: "\"meets\"（达标，默认）或 \"excellent\"（优秀）。",
      benchmarks: BENCHMARKS,
    },
  },
  GRADE: {
    description: "按基准评级：优秀、达标或未达标，并考虑指标方向。",
    params: {
      metric: "指标 ID，例如 \"complaint_rate\"。",
      value: "实际值，用小数表示（92% 写 0.92）。",
      benchmarks: BENCHMARKS,
      language: "\"en-US\"（默认）或 \"zh-CN\"（显示 优秀 / 达标 / 未达标）。",
    },
  },
  KPISCORE: {
    description: "单项指标的完成率得分（0–120）：100 × 实际值 ÷ 目标值；越低越好的指标为 100 × 目标值 ÷ 实际值。",
    params: {
      metric: "指标 ID，例如 \"recovery_achievement\"。",
      value: "实际值，用小数表示。",
      benchmarks: BENCHMARKS,
    },
  },
  SCORE: {
    description: "加权综合得分，含红线一票否决：合规不达标则得 0 分。",
    params: {
      metrics: "指标 ID，每个单元格一个（通常是考核表的指标 ID 行）。",
      values: "实际值，形状与 metrics 相同。",
      weights: "各指标权重，形状与 metrics 相同（空白视为 0）。",
      benchmarks: BENCHMARKS,
    },
  },
  SCOREGRADE: {
    description: "综合得分的评级：≥90 优秀，≥80 良好，≥60 合格，其余不合格。",
    params: {
      score: "COLLECT.SCORE 得出的综合得分，0–120。",
      language: "\"en-US\"（默认）或 \"zh-CN\"（显示 优秀 / 良好 / 合格 / 不合格）。",
    },
  },
  METRICS: {
    description: "列出全部指标及其公式、方向和默认基准（指标目录，溢出）。",
    params: { language: "\"en-US\"（默认）或 \"zh-CN\"。" },
  },
};

/**
 * Every word a template writes into a sheet, one table per language. Metric names, units
 * and sources are not here: they come from the catalogue (src/core). A Chinese sheet holds
 * no English words but COLLECT function names, metric ids and the stage terms M1…M6; an
 * English sheet holds no Chinese (test/unit/templates checks both).
 */
import { BENCHMARK_COLUMNS, BENCHMARK_COLUMNS_ZH, type Language, type Localized } from "../core";

export type TemplateId = "scorecard" | "m1" | "m2m3" | "m4plus" | "robot" | "field" | "leader" | "agencies" | "monthly" | "vintage" | "rollrate" | "benchmarks";

/** The input columns of the team sheets; one label per language. */
export type InputKey =
  | "target"
  | "recovered"
  | "historical"
  | "outstanding"
  | "totalTalk"
  | "effectiveTalk"
  | "cases"
  | "firstOnTime"
  | "inspected"
  | "passed"
  | "handled"
  | "complaints"
  | "fte"
  | "closed"
  | "closedDays"
  | "assigned"
  | "contacted"
  | "attempts"
  | "rightParty"
  | "promises"
  | "promisesDue"
  | "promisesKept"
  | "offered"
  | "agreed"
  | "legalStarted"
  | "legalCompleted"
  | "transferred"
  | "transferredCorrect"
  | "botReached"
  | "botSigned"
  | "visits"
  | "visitsMet"
  | "visitedOwed"
  | "recoveredOnSite"
  | "hired"
  | "retained"
  | "teamTarget"
  | "teamRecovered"
  | "placed"
  | "breaches"
  | "commission";

/** What one data row of a team sheet is. */
export type RowKind = "collector" | "campaign" | "fieldCollector" | "leader" | "agency";

export interface TemplateText {
  /** The preferred sheet name (≤ 31 characters, none of []:*?/\). */
  readonly sheet: string;
  /** Row 1 of the sheet and the task pane card's title. */
  readonly title: string;
  /** The task pane card's description: who it is for and which metrics. */
  readonly description: string;
  /** Row 2 of the sheet: one line on what to type and what follows. */
  readonly instructions: string;
}

export interface TemplateStrings {
  readonly templates: Readonly<Record<TemplateId, TemplateText>>;
  readonly inputs: Readonly<Record<InputKey, string>>;
  /** Header of column A of a team sheet. */
  readonly rowKinds: Readonly<Record<RowKind, string>>;
  /** Sample row labels, 8 per kind (a Chinese consumer-finance collection centre); 6 outsourced agencies. */
  readonly sampleRows: Readonly<Record<RowKind, readonly string[]>>;
  readonly metricIdRow: string;
  readonly weightRow: string;
  readonly total: string;
  /** The total row of the outsourced-agency sheet (ratios of sums over every agency). */
  readonly agencyTotal: string;
  readonly benchmarkMeets: string;
  readonly benchmarkExcellent: string;
  /** Shown by a grade cell whose metric has no threshold in the Benchmarks table. */
  readonly noBenchmark: string;
  /** Under a grade column whose metric has no threshold (the source gives no figure): why, and a link to set one. */
  readonly noFigure: string;
  readonly setThreshold: string;
  readonly gradeHeader: (metricName: string) => string;
  readonly scoreHeader: (metricName: string) => string;
  readonly permilleHeader: (metricName: string) => string;
  readonly composite: string;
  readonly compositeGrade: string;
  /** Header of the rank column (the composite on the scorecard, the headline KPI elsewhere). */
  readonly rank: string;
  /** A data-bound sheet (TemplateOptions.data): the label of the month cell, and the note beside it (where the data came from, what follows it). */
  readonly data: {
    readonly month: string;
    readonly note: (source: string | undefined) => string;
    /** Row 2 of a Monthly trend built from data (the whole team, each row's own month). */
    readonly trendNote: (source: string | undefined) => string;
  };
  readonly validation: { readonly amount: string; readonly weight: string; readonly month: string };
  /** Header of the Benchmarks table (en: BENCHMARK_COLUMNS of the core, in its order). */
  readonly benchmarkColumns: readonly string[];
  /** The monthly trend sheet (issue 15). */
  readonly monthly: {
    readonly month: string;
    /** Header of a KPI's change from the previous month. */
    readonly change: (metricName: string) => string;
    /** Header of a KPI's threshold repeated per month (drawn as a line on its chart). */
    readonly threshold: (metricName: string, level: "meets" | "excellent") => string;
    /** Legend names of the threshold lines. */
    readonly meets: string;
    readonly excellent: string;
    readonly chartsNote: string;
  };
  /** The cohort recovery (vintage) sheet (issue 15). */
  readonly vintage: {
    readonly cohort: string;
    readonly placed: string;
    readonly observed: string;
    /** Header of the recovered amount of month k after placement, and of the curve at month k. */
    readonly monthAfter: (k: number) => string;
    readonly inputsSection: string;
    readonly curvesSection: string;
    readonly pooled: string;
    readonly chartTitle: string;
    /** Over the chart's own copy of the curves: why it shows #N/A. */
    readonly chartData: string;
  };
  readonly rollrate: {
    readonly month: string;
    readonly buckets: readonly string[];
    /** Month-end labels of the sample, oldest first; text Excel does not turn into dates. */
    readonly sampleMonths: readonly string[];
    readonly ratesSection: string;
    readonly weighted: string;
    readonly lossSection: string;
    readonly lossRow: string;
    readonly chartTitle: string;
  };
}

const EN: TemplateStrings = {
  templates: {
    scorecard: {
      sheet: "Scorecard",
      title: "Balanced team scorecard",
      description: "One row per collector: results, process, quality and efficiency KPIs, weighted into one score with the compliance red-line veto.",
      instructions:
        "Type each collector's monthly figures into the input columns and adjust the weights (0–100). A compliance pass rate below its threshold sets the composite score to 0.",
    },
    m1: {
      sheet: "M1",
      title: "M1 assessment (1–30 dpd)",
      description: "Early-stage phone team: contact coverage, promise-to-pay, first contact, right-party contact, promises kept, recovery.",
      instructions: "Type each collector's monthly figures into the input columns; rates, grades and the team total follow, graded against the Benchmarks sheet.",
    },
    m2m3: {
      sheet: "M2-M3",
      title: "M2–M3 assessment (31–90 dpd)",
      description: "Mid-stage team: installment plans, promises kept, recovery achievement and cumulative recovery.",
      instructions: "Type each collector's monthly figures into the input columns; rates, grades and the team total follow, graded against the Benchmarks sheet.",
    },
    m4plus: {
      sheet: "M4+",
      title: "M4+ assessment (90+ dpd)",
      description: "Late-stage and legal team: legal-process completion, handling days per account, cumulative recovery.",
      instructions: "Type each collector's monthly figures into the input columns; rates, grades and the team total follow, graded against the Benchmarks sheet.",
    },
    robot: {
      sheet: "AI robot",
      title: "AI collection robot",
      description: "Bot campaigns and human-bot collaboration: handoff accuracy and bot repayment agreements.",
      instructions: "Type each bot campaign's monthly figures into the input columns; rates, grades and the total follow, graded against the Benchmarks sheet.",
    },
    field: {
      sheet: "Field visits",
      title: "Field visits",
      description: "Field collectors: effective visits and on-site recovery conversion.",
      instructions: "Type each field collector's monthly figures into the input columns; rates, grades and the team total follow, graded against the Benchmarks sheet.",
    },
    leader: {
      sheet: "Team leaders",
      title: "Team leader assessment",
      description: "Team leaders: new-hire retention, strategy suggestions and their team's recovery achievement.",
      instructions:
        "Type each team leader's figures into the input columns; the total row shows suggestions per leader, graded against the Benchmarks sheet.",
    },
    agencies: {
      sheet: "Agencies",
      title: "Outsourced agencies",
      description: "One row per collection agency: recovery on the placed amount, commission per unit recovered, contact-rule breaches and complaints, ranked by recovery.",
      instructions:
        "Type each agency's figures for the same placements and period; rates, grades, the rank and the total over all agencies follow. No source gives a threshold for the agency metrics: set yours in the Benchmarks sheet.",
    },
    monthly: {
      sheet: "Monthly trend",
      title: "Monthly trend",
      description: "A team's KPIs month by month against their Meets and Excellent thresholds, with the change from the previous month and a chart per KPI.",
      instructions:
        "Type the team's monthly totals, oldest month first (first day of each month in column A). Each KPI is the ratio of the month's totals; the charts below the table follow.",
    },
    vintage: {
      sheet: "Recovery curves",
      title: "Cohort recovery curves (vintage)",
      description: "Placements by month: what each cohort has recovered by month since placement, as a heat map and a chart, with the pooled curve.",
      instructions:
        "One row per placement month: the amount placed, then the amount recovered in each month after placement (not cumulative). Leave months not reached yet blank; type 0 for a month that recovered nothing.",
    },
    rollrate: {
      sheet: "Roll rates",
      title: "Roll-rate analysis",
      description: "Portfolio: month-end balances by bucket, monthly roll rates and the loss factor of each bucket.",
      instructions:
        "Type 7 month-end balances by bucket, oldest month first. Loss factors use the balance-weighted roll rates of all months.",
    },
    benchmarks: {
      sheet: "Benchmarks",
      title: "Benchmarks",
      description: "The thresholds every template grades against; edit them for your institution.",
      instructions:
        "Every template grades against this table (CollectBenchmarks). Edit Meets and Excellent for your institution; a blank threshold is not graded. Rates are fractions: a ‰ threshold shows as % (3‰ is 0.30%).",
    },
  },
  inputs: {
    target: "Target (¥)",
    recovered: "Recovered this month (¥)",
    historical: "Recovered before (¥)",
    outstanding: "Outstanding (¥)",
    totalTalk: "Talk time (min)",
    effectiveTalk: "Substantive talk (min)",
    cases: "Cases assigned",
    firstOnTime: "First contact on time",
    inspected: "Calls inspected",
    passed: "Calls passed QA",
    handled: "Accounts handled",
    complaints: "Complaints",
    fte: "Headcount (FTE)",
    closed: "Accounts closed",
    closedDays: "Days on closed accounts",
    assigned: "Accounts assigned",
    contacted: "Accounts contacted",
    attempts: "Call attempts",
    rightParty: "Right-party contacts",
    promises: "Promises to pay",
    promisesDue: "Promises due",
    promisesKept: "Promises kept",
    offered: "Offered a plan",
    agreed: "Plans agreed",
    legalStarted: "Legal procedures started",
    legalCompleted: "Legal procedures completed",
    transferred: "Transfers to agent",
    transferredCorrect: "Correct transfers",
    botReached: "Debtors reached",
    botSigned: "Agreements signed",
    visits: "Visits",
    visitsMet: "Visits meeting the debtor",
    visitedOwed: "Owed by visited debtors (¥)",
    recoveredOnSite: "Recovered on site (¥)",
    hired: "New hires",
    retained: "New hires retained",
    teamTarget: "Team target (¥)",
    teamRecovered: "Team recovered (¥)",
    placed: "Placed with agency (¥)",
    breaches: "Contact-rule breaches",
    commission: "Commission paid (¥)",
  },
  rowKinds: { collector: "Collector", campaign: "Bot campaign", fieldCollector: "Field collector", leader: "Team leader", agency: "Agency" },
  sampleRows: {
    collector: ["Wang Fang", "Li Na", "Zhang Wei", "Liu Yang", "Chen Jing", "Yang Lei", "Zhao Min", "Huang Jun"],
    campaign: [
      "M1 reminder, day 1–3",
      "M1 reminder, day 4–10",
      "Promise follow-up",
      "Installment offer",
      "Broken-promise recall",
      "M2 reminder",
      "Payment confirmation",
      "Weekend reminder",
    ],
    fieldCollector: ["Sun Qiang", "Zhou Hao", "Wu Lin", "Xu Bo", "Hu Jie", "Zhu Tao", "Gao Feng", "Lin Kai"],
    leader: ["Zhou Jie", "Ma Li", "He Yun", "Guo Peng", "Luo Hui", "Liang Yu", "Song Tao", "Zheng Kun"],
    agency: ["Agency A (Shanghai)", "Agency B (Shenzhen)", "Agency C (Chengdu)", "Agency D (Wuhan)", "Agency E (Hangzhou)", "Agency F (Xi'an)"],
  },
  metricIdRow: "Metric ID",
  weightRow: "Weight (0–100)",
  total: "TEAM TOTAL",
  agencyTotal: "ALL AGENCIES",
  benchmarkMeets: "Benchmark: meets",
  benchmarkExcellent: "Benchmark: excellent",
  noBenchmark: "No benchmark",
  noFigure: "Source: no figure",
  setThreshold: "Set threshold ›",
  gradeHeader: (name) => `${name}: grade`,
  scoreHeader: (name) => `${name}: score`,
  permilleHeader: (name) => `${name} ‰`,
  composite: "Composite score",
  compositeGrade: "Score grade",
  rank: "Rank",
  data: {
    month: "Reporting month",
    note: (source) =>
      `${source !== undefined ? `Data: ${source}. ` : ""}Inputs with formulas add up the imported data for the reporting month (type another month's first day, e.g. 2026-10-01, to change it); type the other inputs. Rates, grades and ranks follow.`,
    trendNote: (source) =>
      `${source !== undefined ? `Data: ${source}. ` : ""}Inputs with formulas add up the imported data of the whole team for each row's month; type the other inputs. KPIs, changes and charts follow.`,
  },
  validation: {
    amount: "Type a number of 0 or more.",
    weight: "Type a weight from 0 to 100.",
    month: "Type the first day of a month, e.g. 2026-10-01.",
  },
  benchmarkColumns: BENCHMARK_COLUMNS,
  rollrate: {
    month: "Month-end",
    buckets: ["Current", "M1", "M2", "M3", "M4", "M5", "M6+ / write-off"],
    sampleMonths: ["End of Jan 2025", "End of Feb 2025", "End of Mar 2025", "End of Apr 2025", "End of May 2025", "End of Jun 2025", "End of Jul 2025"],
    ratesSection: "Roll rates: share of each bucket that rolls one bucket further by the next month-end",
    weighted: "Weighted, all months",
    lossSection: "Loss factors: share of each bucket expected to reach write-off",
    lossRow: "Loss factor",
    chartTitle: "Roll rates by month",
  },
  monthly: {
    month: "Month",
    change: (name) => `${name}: change`,
    threshold: (name, level) => `${name}: ${level === "meets" ? "meets" : "excellent"}`,
    meets: "Meets",
    excellent: "Excellent",
    chartsNote: "Charts: each KPI by month, with its Meets and Excellent thresholds as dashed lines",
  },
  vintage: {
    cohort: "Placement month",
    placed: "Placed (¥)",
    observed: "Months observed",
    monthAfter: (k) => `Month ${k}`,
    inputsSection: "Recovered in each month after placement (¥)",
    curvesSection: "Cumulative recovery rate: recovered so far / placed, by month since placement",
    pooled: "All cohorts (pooled)",
    chartTitle: "Recovery curves by placement month",
    chartData: "For the chart: the curves above, #N/A where a cohort has not reached the month (a line chart skips #N/A but would draw a blank as 0)",
  },
};

const ZH: TemplateStrings = {
  templates: {
    scorecard: {
      sheet: "综合考核",
      title: "综合考核",
      description: "每名催收员一行：结果类、过程管理类、质量评估类、综合效能类指标加权得出综合得分，合规质检一票否决。",
      instructions: "在录入列填写每名催收员的当月数据，并按需调整权重（0–100）；合规质检通过率低于基准时综合得分为0（一票否决）。",
    },
    m1: {
      sheet: "M1",
      title: "M1阶段考核（逾期1–30天）",
      description: "早期电催团队：联系覆盖率、还款承诺获取率、首联及时率、本人接通率、承诺兑现率、回收金额达成率。",
      instructions: "在录入列填写每名催收员的当月数据；各项比率、评级和团队合计自动计算，评级以「基准」工作表为准。",
    },
    m2m3: {
      sheet: "M2-M3",
      title: "M2–M3阶段考核（逾期31–90天）",
      description: "中期催收团队：分期方案达成率、承诺兑现率、回收金额达成率、累计回收率。",
      instructions: "在录入列填写每名催收员的当月数据；各项比率、评级和团队合计自动计算，评级以「基准」工作表为准。",
    },
    m4plus: {
      sheet: "M4+",
      title: "M4+阶段考核（逾期90天以上）",
      description: "后期及司法催收团队：司法催收流程完成率、个案平均处理时长、累计回收率。",
      instructions: "在录入列填写每名催收员的当月数据；各项比率、评级和团队合计自动计算，评级以「基准」工作表为准。",
    },
    robot: {
      sheet: "智能机器人",
      title: "智能催收机器人考核",
      description: "机器人外呼任务与人机协同：识别转人工准确率、自动还款协议签订率。",
      instructions: "在录入列填写每个外呼任务的当月数据；各项比率、评级和合计自动计算，评级以「基准」工作表为准。",
    },
    field: {
      sheet: "外访",
      title: "外访考核",
      description: "外访人员：有效外访率、现场回收转化率。",
      instructions: "在录入列填写每名外访员的当月数据；各项比率、评级和团队合计自动计算，评级以「基准」工作表为准。",
    },
    leader: {
      sheet: "团队长",
      title: "团队长考核",
      description: "团队长：新人留存率、策略优化建议、所带团队的回收金额达成率。",
      instructions: "在录入列填写每位团队长的数据；合计行的策略优化建议为人均条数，评级以「基准」工作表为准。",
    },
    agencies: {
      sheet: "委外机构",
      title: "委外机构考核",
      description: "每家委外机构一行：委外回收率、单位回收佣金成本、违规联系率和投诉率，按回收率排名。",
      instructions: "填写各机构同批委案、同一期间的数据；比率、评级、排名和全部机构合计自动计算。委外指标尚无来源给出基准值，请在「基准」工作表中填写。",
    },
    monthly: {
      sheet: "月度趋势",
      title: "月度趋势",
      description: "团队各项指标逐月对比达标值和优秀值，显示环比变化，每项指标一张图表。",
      instructions: "按月填写团队合计数据，最早的月份在上（首列填每月第一天）；各指标为当月合计之比，表格下方的图表随之更新。",
    },
    vintage: {
      sheet: "回收曲线",
      title: "回收曲线（账龄批次）",
      description: "按委案月份分批：各批次按委案后月数的累计回收率，含热力图、曲线图和合并曲线。",
      instructions: "每个委案月份一行：委案金额，以及委案后各月的回收金额（非累计）。尚未到达的月份留空；当月确实没有回收的请填0。",
    },
    rollrate: {
      sheet: "迁徙率",
      title: "迁徙率分析",
      description: "资产组合：按账龄的月末余额、逐月迁徙率及各账龄的损失因子。",
      instructions: "按账龄填写7个月的月末余额，最早的月份在上；损失因子采用全部月份按余额加权的迁徙率。",
    },
    benchmarks: {
      sheet: "基准",
      title: "考核基准",
      description: "所有模板评级所依据的基准值，可按本机构情况修改。",
      instructions: "所有模板都按本表评级。可按本机构情况修改达标值和优秀值；留空的基准不参与评级。比率以小数录入，单位为‰的基准显示为%（3‰即0.30%）。",
    },
  },
  inputs: {
    target: "目标回收金额（元）",
    recovered: "当期回收金额（元）",
    historical: "历史回收金额（元）",
    outstanding: "总待收金额（元）",
    totalTalk: "通话总时长（分钟）",
    effectiveTalk: "有效通话时长（分钟）",
    cases: "分案数",
    firstOnTime: "按时首联案件数",
    inspected: "质检通话数",
    passed: "质检通过数",
    handled: "处理账户数",
    complaints: "投诉数",
    fte: "折算人力（人）",
    closed: "结案账户数",
    closedDays: "结案处理天数",
    assigned: "分配账户数",
    contacted: "已联系账户数",
    attempts: "拨打次数",
    rightParty: "本人接通数",
    promises: "还款承诺数",
    promisesDue: "到期承诺数",
    promisesKept: "兑现承诺数",
    offered: "提供分期方案账户数",
    agreed: "达成分期数",
    legalStarted: "已启动司法程序数",
    legalCompleted: "已完成司法程序数",
    transferred: "转人工次数",
    transferredCorrect: "正确转人工次数",
    botReached: "触达债务人数",
    botSigned: "签订还款协议数",
    visits: "外访次数",
    visitsMet: "见到债务人次数",
    visitedOwed: "外访案件欠款金额（元）",
    recoveredOnSite: "现场回收金额（元）",
    hired: "新入职人数",
    retained: "仍在职新人数",
    teamTarget: "团队目标回收金额（元）",
    teamRecovered: "团队回收金额（元）",
    placed: "委外金额（元）",
    breaches: "违规联系次数",
    commission: "支付佣金（元）",
  },
  rowKinds: { collector: "催收员", campaign: "外呼任务", fieldCollector: "外访员", leader: "团队长", agency: "委外机构" },
  sampleRows: {
    collector: ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄俊"],
    campaign: ["M1提醒（逾期1–3天）", "M1提醒（逾期4–10天）", "承诺跟进", "分期方案推荐", "失信承诺召回", "M2提醒", "还款确认", "周末提醒"],
    fieldCollector: ["孙强", "周浩", "吴琳", "徐波", "胡杰", "朱涛", "高峰", "林凯"],
    leader: ["周杰", "马丽", "何云", "郭鹏", "罗慧", "梁宇", "宋涛", "郑坤"],
    agency: ["甲机构（上海）", "乙机构（深圳）", "丙机构（成都）", "丁机构（武汉）", "戊机构（杭州）", "己机构（西安）"],
  },
  metricIdRow: "指标编号",
  weightRow: "权重（0–100）",
  total: "团队合计",
  agencyTotal: "全部机构合计",
  benchmarkMeets: "基准：达标",
  benchmarkExcellent: "基准：优秀",
  noBenchmark: "未设基准",
  noFigure: "来源未给数值",
  setThreshold: "设置阈值 ›",
  gradeHeader: (name) => `${name}评级`,
  scoreHeader: (name) => `${name}得分`,
  permilleHeader: (name) => `${name} ‰`,
  composite: "综合得分",
  compositeGrade: "综合评级",
  rank: "排名",
  data: {
    month: "统计月份",
    note: (source) =>
      `${source !== undefined ? `数据来源：${source}。` : ""}带公式的录入列按「统计月份」汇总导入的数据（输入其他月份的第一天，如2026-10-01，即可切换月份）；其余录入列请手动填写，比率、评级和排名自动计算。`,
    trendNote: (source) => `${source !== undefined ? `数据来源：${source}。` : ""}带公式的录入列按各行月份汇总全队导入的数据；其余录入列请手动填写，指标、环比变化和图表自动计算。`,
  },
  validation: {
    amount: "请输入大于或等于0的数字。",
    weight: "请输入0到100之间的权重。",
    month: "请输入某月的第一天，如2026-10-01。",
  },
  benchmarkColumns: BENCHMARK_COLUMNS_ZH,
  rollrate: {
    month: "月末",
    buckets: ["正常", "M1", "M2", "M3", "M4", "M5", "M6+/核销"],
    sampleMonths: ["2025年1月末", "2025年2月末", "2025年3月末", "2025年4月末", "2025年5月末", "2025年6月末", "2025年7月末"],
    ratesSection: "迁徙率：各账龄余额到下一月末迁入下一账龄的比例",
    weighted: "全部月份加权",
    lossSection: "损失因子：各账龄余额最终进入核销的比例",
    lossRow: "损失因子",
    chartTitle: "逐月迁徙率",
  },
  monthly: {
    month: "月份",
    change: (name) => `${name}环比`,
    threshold: (name, level) => `${name}${level === "meets" ? "达标值" : "优秀值"}`,
    meets: "达标",
    excellent: "优秀",
    chartsNote: "图表：各指标逐月走势，虚线为达标值和优秀值",
  },
  vintage: {
    cohort: "委案月份",
    placed: "委案金额（元）",
    observed: "已观察月数",
    monthAfter: (k) => `第${k}个月`,
    inputsSection: "委案后各月回收金额（元）",
    curvesSection: "累计回收率：截至委案后各月的累计回收金额 ÷ 委案金额",
    pooled: "全部批次（合并）",
    chartTitle: "各委案月份的回收曲线",
    chartData: "图表数据：同上方曲线，批次尚未到达的月份显示 #N/A（折线图跳过 #N/A，空白则会画成 0）",
  },
};

export const STRINGS: Readonly<Record<Language, TemplateStrings>> = { en: EN, zh: ZH };

/** A template's title and gallery description in both languages (TemplateDef.title, description). */
export function templateTexts(id: TemplateId): { readonly title: Localized; readonly description: Localized } {
  return {
    title: { en: STRINGS.en.templates[id].title, zh: STRINGS.zh.templates[id].title },
    description: { en: STRINGS.en.templates[id].description, zh: STRINGS.zh.templates[id].description },
  };
}

/** The language argument templates pass to GRADE and SCOREGRADE, so a shared workbook reads the same for everyone. */
export const GRADE_LANGUAGE: Readonly<Record<Language, string>> = { en: "en-US", zh: "zh-CN" };

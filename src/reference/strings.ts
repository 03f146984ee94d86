/** Every fixed string of the function reference pages, one table per language. */
import type { Language } from "../core/language";

export interface ReferenceStrings {
  readonly htmlLang: string;
  readonly title: string;
  readonly intro: string;
  /** The link to the page in the other language, written in that language. */
  readonly otherLanguage: string;
  readonly otherLanguageTag: string;
  readonly contents: string;
  readonly backToTop: string;

  readonly conventions: string;
  readonly conventionItems: readonly string[];
  readonly errorsTitle: string;
  readonly errorColumns: readonly [string, string];
  readonly errorRows: readonly (readonly [string, string])[];
  readonly benchmarksArgument: string;

  readonly groups: Readonly<Record<GroupId, string>>;

  readonly syntax: string;
  readonly formula: string;
  readonly plainExcel: string;
  readonly plainExcelNote: string;
  readonly metricId: string;
  readonly kind: string;
  readonly kindText: Readonly<Record<"P" | "R", string>>;
  readonly direction: string;
  readonly directionText: Readonly<Record<"higher" | "lower", string>>;
  readonly benchmark: string;
  readonly meets: string;
  readonly excellent: string;
  readonly notSet: string;
  readonly source: string;
  readonly redLine: string;
  readonly redLineText: string;
  readonly returns: string;
  readonly returnsText: Readonly<Record<"number" | "string" | "matrix" | "any", string>>;

  readonly parameters: string;
  readonly parameterColumns: readonly [string, string, string];
  readonly optional: string;
  readonly noParameters: string;
  readonly typeText: (type: string, range: boolean) => string;

  readonly example: string;
  readonly examples: string;
  readonly gives: string;
  /** "a 24 × 8 table" for a spilled METRICS() result. */
  readonly tableResult: (rows: number, columns: number) => string;

  readonly metricIndex: string;
  readonly metricIndexIntro: string;
  readonly metricColumns: readonly string[];
  readonly typedIn: string;

  /** Titles of the functions that compute no single catalogue metric. */
  readonly otherTitles: Readonly<Record<string, string>>;
}

export type GroupId = "kpi" | "portfolio" | "compliance" | "scoring" | "other";

const en: ReferenceStrings = {
  htmlLang: "en",
  title: "CollectKPI function reference",
  intro:
    "Every COLLECT function of the CollectKPI add-in: what it computes, its parameters, the default benchmark it is graded against and where that figure comes from, and a worked example. Type the functions as =COLLECT.NAME(…) in any cell.",
  otherLanguage: "中文",
  otherLanguageTag: "zh-CN",
  contents: "Contents",
  backToTop: "Back to contents",

  conventions: "Conventions",
  conventionItems: [
    "Amount and count parameters take one cell or a range. A range is summed: a team's rate is the ratio of its sums, never the mean of per-row rates.",
    "Blank cells count as 0.",
    "Results are fractions: 0.85 is 85%. Templates format them as % (complaint rate as ‰); the value stays the fraction.",
    "Proportion (P) metrics are shares of a population and lie between 0 and 1; ratio (R) metrics may exceed 1 and are not capped.",
  ],
  errorsTitle: "Errors",
  errorColumns: ["Error", "When"],
  errorRows: [
    ["#VALUE!", "A value that is not a number where a number is needed; ranges whose shapes must match and do not (SCORE, CONTACTBREACHES)."],
    ["#NUM!", "A negative amount or count; a proportion whose numerator exceeds its denominator; a sum beyond the largest number."],
    ["#DIV/0!", "The denominator sums to 0."],
    ["#N/A", "An unknown metric id, or a benchmark that is not set."],
  ],
  benchmarksArgument:
    "[benchmarks], wherever it appears, is the body of the workbook's Benchmarks table (the name CollectBenchmarks), columns Metric ID, Name, Direction, Meets, Excellent, Unit, Red line, Source. A row there overrides the built-in default; a metric missing from it falls back to the default.",

  groups: {
    kpi: "KPI functions",
    portfolio: "Portfolio (roll rates, recovery curves)",
    compliance: "Contact compliance",
    scoring: "Benchmarks, grades and scores",
    other: "Other functions",
  },

  syntax: "Syntax",
  formula: "Formula",
  plainExcel: "In plain Excel",
  plainExcelNote: "the same number on clean inputs. The function also refuses text, negative amounts and impossible shares.",
  metricId: "Metric id",
  kind: "Kind",
  kindText: {
    P: "P, proportion: a share of a population, from 0 to 1. A numerator larger than its denominator is #NUM!.",
    R: "R, ratio: may exceed 1 (an achievement of 120%) and is not capped.",
  },
  direction: "Direction",
  directionText: { higher: "Higher is better", lower: "Lower is better" },
  benchmark: "Default benchmark",
  meets: "Meets",
  excellent: "Excellent",
  notSet: "not set",
  source: "Source",
  redLine: "Red line",
  redLineText: "Yes: below its meets threshold, the composite SCORE is 0 (one-vote veto).",
  returns: "Returns",
  returnsText: {
    number: "A number.",
    string: "Text.",
    matrix: "An array that spills into the cells below and to the right.",
    any: "A value.",
  },

  parameters: "Parameters",
  parameterColumns: ["Parameter", "Type", "Description"],
  optional: "optional",
  noParameters: "None.",
  typeText: (type, range) => {
    const base = type === "number" ? "number" : type === "string" ? "text" : type === "boolean" ? "TRUE/FALSE" : "any value";
    return range ? `${base}: a cell or a range` : base;
  },

  example: "Example",
  examples: "Examples",
  gives: "gives",
  tableResult: (rows, columns) => `a ${rows} × ${columns} table`,

  metricIndex: "Metric ids",
  metricIndexIntro:
    "The ids that BENCHMARK, GRADE, KPISCORE and SCORE take, with the default benchmarks. Edit them in the workbook's Benchmarks sheet.",
  metricColumns: ["Metric id", "Name", "Function", "Direction", "Meets", "Excellent", "Unit"],
  typedIn: "typed in",

  otherTitles: {
    ROLLRATES: "Roll-rate matrix",
    LOSSFACTORS: "Loss factors",
    VINTAGE: "Cohort recovery curves (vintage)",
    CONTACTBREACHES: "Contact-rule breaches",
    BENCHMARK: "Benchmark threshold",
    GRADE: "Grade",
    KPISCORE: "KPI score",
    SCORE: "Composite score",
    SCOREGRADE: "Score band",
    METRICS: "Metric catalogue",
  },
};

const zh: ReferenceStrings = {
  htmlLang: "zh-CN",
  title: "CollectKPI 函数参考",
  intro:
    "CollectKPI 加载项的全部 COLLECT 函数：计算内容、参数、评级所用的默认基准及其出处，以及计算示例。在任意单元格中输入 =COLLECT.函数名(…) 即可使用。",
  otherLanguage: "English",
  otherLanguageTag: "en",
  contents: "目录",
  backToTop: "返回目录",

  conventions: "通用约定",
  conventionItems: [
    "金额和数量参数可以是单个单元格，也可以是区域。区域按合计计算：团队的比率是合计之比，而不是逐行比率的平均值。",
    "空白单元格按 0 计。",
    "结果为小数：0.85 即 85%。考核表将其显示为百分比（投诉率显示为 ‰），单元格中的数值仍是小数。",
    "比例类（P）指标是总体中的占比，介于 0 和 1 之间；比率类（R）指标可以大于 1，不设上限。",
  ],
  errorsTitle: "错误值",
  errorColumns: ["错误值", "出现情形"],
  errorRows: [
    ["#VALUE!", "需要数字的位置给了非数字；需要形状一致的区域形状不一致（SCORE、CONTACTBREACHES）。"],
    ["#NUM!", "金额或数量为负数；比例类指标的分子大于分母；合计超出最大数值。"],
    ["#DIV/0!", "分母合计为 0。"],
    ["#N/A", "未知的指标 ID，或该基准未设定。"],
  ],
  benchmarksArgument:
    "参数 [benchmarks] 均指工作簿中基准表的数据区域（名称 CollectBenchmarks），列依次为：指标 ID、名称、方向、达标、优秀、单位、红线、来源。表中有的指标以表为准，没有的使用内置默认值。",

  groups: {
    kpi: "指标函数",
    portfolio: "资产组合（迁徙率、回收曲线）",
    compliance: "联系合规",
    scoring: "基准、评级与得分",
    other: "其他函数",
  },

  syntax: "语法",
  formula: "计算公式",
  plainExcel: "用 Excel 原生公式",
  plainExcelNote: "输入无误时结果相同；本函数还会拒绝文本、负数金额和不可能的占比。",
  metricId: "指标 ID",
  kind: "类型",
  kindText: {
    P: "P，比例：总体中的占比，介于 0 和 1 之间；分子大于分母时返回 #NUM!。",
    R: "R，比率：可以大于 1（如达成率 120%），不设上限。",
  },
  direction: "方向",
  directionText: { higher: "越高越好", lower: "越低越好" },
  benchmark: "默认基准",
  meets: "达标",
  excellent: "优秀",
  notSet: "未设定",
  source: "出处",
  redLine: "红线",
  redLineText: "是：低于达标值时，综合得分（SCORE）为 0（一票否决）。",
  returns: "返回值",
  returnsText: {
    number: "数字。",
    string: "文本。",
    matrix: "数组，自动溢出到右侧和下方的单元格。",
    any: "一个值。",
  },

  parameters: "参数",
  parameterColumns: ["参数", "类型", "说明"],
  optional: "可选",
  noParameters: "无。",
  typeText: (type, range) => {
    const base = type === "number" ? "数字" : type === "string" ? "文本" : type === "boolean" ? "逻辑值" : "任意值";
    return range ? `${base}：单元格或区域` : base;
  },

  example: "示例",
  examples: "示例",
  gives: "结果",
  tableResult: (rows, columns) => `${rows} 行 × ${columns} 列的表`,

  metricIndex: "指标 ID 一览",
  metricIndexIntro: "BENCHMARK、GRADE、KPISCORE 和 SCORE 所用的指标 ID 及默认基准。可在工作簿的基准表中修改。",
  metricColumns: ["指标 ID", "名称", "函数", "方向", "达标", "优秀", "单位"],
  typedIn: "手工填写",

  otherTitles: {
    ROLLRATES: "迁徙率矩阵",
    LOSSFACTORS: "损失因子",
    VINTAGE: "回收曲线（账龄批次）",
    CONTACTBREACHES: "违规联系次数",
    BENCHMARK: "基准值",
    GRADE: "评级",
    KPISCORE: "单项得分",
    SCORE: "综合得分",
    SCOREGRADE: "综合评级",
    METRICS: "指标目录",
  },
};

export const REFERENCE_STRINGS: Readonly<Record<Language, ReferenceStrings>> = { en, zh };

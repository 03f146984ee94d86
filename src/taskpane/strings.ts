/**
 * Every string the task pane shows, one table per language. The language follows
 * Office.context.displayLanguage (zh-* → zh), unless overridden (?lang=zh, or
 * setLanguageOverride, which the browser preview uses).
 */
import { type Language, languageOfTag } from "../core";
import type { Feature } from "./requirements";

export interface Strings {
  readonly appName: string;
  readonly appTagline: string;
  readonly tabsLabel: string;
  readonly tabTemplates: string;
  readonly tabFunctions: string;
  readonly tabBenchmarks: string;

  readonly templatesIntro: string;
  readonly metricsLabel: string;
  readonly includeSample: string;
  readonly insert: string;
  readonly inserting: string;
  readonly created: (sheet: string) => string;
  readonly createdWithBenchmarks: (sheet: string, benchmarks: string) => string;
  readonly openedBenchmarks: (sheet: string) => string;
  readonly keptNames: (names: string) => string;
  /** The sheet was written but its charts were not (issue 15): Excel lacks the API, or refused them. */
  readonly chartsLeftOut: (sheet: string, charts: number, why: string) => string;
  /** Why the charts were left out, when Excel refused them while drawing (its message). */
  readonly chartsRefused: (message: string) => string;
  /** Why the charts were left out, when Excel lacks an API set they need. */
  readonly chartsNeedApi: (version: string, feature: string) => string;
  readonly noTemplates: string;

  readonly searchLabel: string;
  readonly searchPlaceholder: string;
  readonly resultsCount: (n: number) => string;
  readonly noMatches: string;
  readonly functionsListLabel: string;
  readonly pickFunction: string;
  readonly formulaLabel: string;
  readonly plainExcelLabel: string;
  readonly parametersLabel: string;
  readonly noParameters: string;
  readonly optional: string;
  readonly kindLabel: string;
  readonly kindP: string;
  readonly kindR: string;
  readonly directionLabel: string;
  readonly higherBetter: string;
  readonly lowerBetter: string;
  readonly benchmarkLabel: string;
  readonly meets: string;
  readonly excellent: string;
  readonly notSet: string;
  readonly redLine: string;
  readonly redLineLabel: string;
  readonly sourceLabel: string;
  readonly areaLabel: string;
  readonly unitLabel: string;
  readonly typedInMetric: string;
  readonly otherFunction: string;
  readonly insertIntoCell: string;
  readonly insertingFormula: string;
  /** The argument fields of the Functions tab's details. */
  readonly argumentsLabel: string;
  readonly argumentsHint: string;
  readonly useSelection: string;
  readonly readingSelection: string;
  readonly useSelectionFor: (name: string) => string;
  readonly argumentPlaceholder: string;
  readonly formulaWritten: (address: string, formula: string) => string;
  readonly argumentMissing: (name: string) => string;
  readonly argumentInvalid: (name: string, text: string) => string;
  readonly argumentNoSheet: (name: string, sheet: string) => string;
  readonly argumentCircular: (address: string, name: string) => string;
  readonly cellNotEmpty: (address: string) => string;
  /** The link to the function reference page (functions.html), opened in a new window. */
  readonly referenceLink: string;
  readonly referenceLinkTitle: string;
  /** The details' link to one function's section of the reference page. */
  readonly referenceFor: (fn: string) => string;

  readonly benchmarksIntro: string;
  readonly openBenchmarks: string;
  readonly checkBenchmarks: string;
  readonly checking: string;
  readonly benchmarksOk: (address: string) => string;
  readonly benchmarksProblems: (n: number, address: string) => string;
  readonly wholeTable: string;
  readonly resetButton: string;
  readonly resetQuestion: string;
  readonly resetConfirm: string;
  readonly resetCancel: string;
  readonly resetting: string;
  readonly resetDone: (rows: number, kept: number) => string;
  readonly resetMissing: (ids: string) => string;
  readonly resetCancelled: string;

  readonly tabShare: string;
  readonly shareIntro: string;
  readonly scopeLabel: string;
  readonly scopeActive: string;
  readonly scopeAll: string;
  readonly modeLabel: string;
  readonly modeNative: string;
  readonly modeNativeHint: string;
  readonly modeFreeze: string;
  readonly modeFreezeHint: string;
  readonly portableButton: string;
  readonly portableReviewing: string;
  /** "'M1 assessment'", "'A' and 'B'", "3 sheets ('A', 'B', 'C')". */
  readonly sheetList: (sheets: readonly string[]) => string;
  readonly portableNothingActive: (sheet: string) => string;
  readonly portableNothingAll: string;
  readonly portableOnlySkipped: string;
  readonly portableQuestionNative: (n: number, sheets: string) => string;
  readonly portableQuestionFreeze: (n: number, sheets: string) => string;
  readonly portableUndo: string;
  readonly portableSkipHeader: (n: number) => string;
  readonly portableConfirmNative: string;
  readonly portableConfirmFreeze: string;
  readonly portableCancel: string;
  readonly portableCancelled: string;
  readonly portableConverting: string;
  readonly portableDoneNative: (n: number, sheets: string, names: number) => string;
  readonly portableDoneFreeze: (n: number, sheets: string) => string;
  readonly portableDoneNothing: string;
  readonly portableSkipped: (n: number) => string;
  /** The feature Make portable names when Excel lacks ExcelApi 1.12 (said through `unsupported`). */
  readonly portableSpillsFeature: string;
  readonly andMore: (n: number) => string;

  readonly unsupported: (version: string, feature: string) => string;
  readonly features: Readonly<Record<Feature, string>>;
  readonly noBenchmarks: string;
  readonly benchmarksNameTaken: string;
  readonly benchmarksShape: (columns: number, expected: number) => string;
  readonly badSpec: (detail: string) => string;
  readonly excelError: (message: string) => string;
  readonly unexpected: (message: string) => string;
  readonly notInExcel: string;
  readonly loading: string;
}

const en: Strings = {
  appName: "CollectKPI",
  appTagline: "Debt-collection KPIs for Excel",
  tabsLabel: "CollectKPI sections",
  tabTemplates: "Templates",
  tabFunctions: "Functions",
  tabBenchmarks: "Benchmarks",

  templatesIntro: "Each template goes to a new sheet. Nothing in your workbook is overwritten.",
  metricsLabel: "Metrics",
  includeSample: "Include sample data",
  insert: "Insert",
  inserting: "Inserting…",
  created: (sheet) => `Created sheet '${sheet}'.`,
  createdWithBenchmarks: (sheet, benchmarks) => `Created sheet '${sheet}', and the sheet '${benchmarks}' with the benchmarks it uses.`,
  openedBenchmarks: (sheet) => `This workbook already has its Benchmarks: opened '${sheet}'. Your values were kept.`,
  keptNames: (names) => `Existing names kept as they were: ${names}.`,
  chartsLeftOut: (sheet, charts, why) =>
    `The sheet “${sheet}” was written with all its numbers, but its ${charts === 1 ? "chart was" : `${charts} charts were`} left out: ${why} Update Excel (or use Excel on the web) and insert the template again to get ${charts === 1 ? "it" : "them"}.`,
  chartsRefused: (message) => `Excel refused to draw them (${message}).`,
  chartsNeedApi: (version, feature) => `this version of Excel does not support ${feature} (ExcelApi ${version}).`,
  noTemplates: "No templates are available in this build.",

  searchLabel: "Search functions",
  searchPlaceholder: "Name, metric id, 中文 or function",
  resultsCount: (n) => (n === 1 ? "1 function" : `${n} functions`),
  noMatches: "No function matches. Try a shorter word.",
  functionsListLabel: "Functions",
  pickFunction: "Choose a function to see its details.",
  formulaLabel: "Formula",
  plainExcelLabel: "In plain Excel",
  parametersLabel: "Parameters",
  noParameters: "No parameters.",
  optional: "optional",
  kindLabel: "Kind",
  kindP: "Proportion: a share, from 0% to 100%",
  kindR: "Ratio: may exceed 100%",
  directionLabel: "Direction",
  higherBetter: "Higher is better",
  lowerBetter: "Lower is better",
  benchmarkLabel: "Default benchmark",
  meets: "Meets",
  excellent: "Excellent",
  notSet: "not set",
  redLine: "A miss sets the composite score to 0 (veto).",
  redLineLabel: "Red line",
  sourceLabel: "Source",
  areaLabel: "Area",
  unitLabel: "Unit",
  typedInMetric: "Typed into the sheet; graded with COLLECT.GRADE.",
  otherFunction: "Scoring, benchmark and portfolio function.",
  insertIntoCell: "Insert into active cell",
  insertingFormula: "Writing the formula…",
  argumentsLabel: "Arguments",
  argumentsHint: "Select each range in the sheet and click Use selection (or type it), then select an empty cell for the result and click Insert.",
  useSelection: "Use selection",
  readingSelection: "Reading the selection…",
  useSelectionFor: (name) => `Use the selected range for ${name}`,
  argumentPlaceholder: "B2:B40",
  formulaWritten: (address, formula) => `Wrote ${formula} in ${address}.`,
  argumentMissing: (name) => `Nothing was written: give ${name} a cell or range. Select it in the sheet and click Use selection, or type it (B2:B40).`,
  argumentInvalid: (name, text) => `Nothing was written: ${name} "${text}" is not a cell, a range, a number or a quoted text. Type it as B2:B40, 'M1'!B2:B40 or 0.9.`,
  argumentNoSheet: (name, sheet) => `Nothing was written: ${name} refers to the sheet '${sheet}', which this workbook does not have.`,
  argumentCircular: (address, name) => `Nothing was written: ${address} lies inside the range of ${name}, so the formula would refer to itself. Select an empty cell outside the argument ranges.`,
  cellNotEmpty: (address) => `${address} is not empty, so nothing was written. Select an empty cell and try again.`,
  referenceLink: "Function reference",
  referenceLinkTitle: "Every COLLECT function with its parameters, errors and examples (opens in a new window)",
  referenceFor: (fn) => `COLLECT.${fn} in the function reference`,

  benchmarksIntro:
    "Every template grades against the Benchmarks table (the name CollectBenchmarks), so the thresholds travel with the workbook. Edit them for your institution.",
  openBenchmarks: "Insert or open Benchmarks sheet",
  checkBenchmarks: "Check benchmarks",
  checking: "Checking…",
  benchmarksOk: (address) => `All benchmark rows in ${address} are valid.`,
  benchmarksProblems: (n, address) => (n === 1 ? `1 problem in ${address}:` : `${n} problems in ${address}:`),
  wholeTable: "Table",
  resetButton: "Reset to defaults…",
  resetQuestion:
    "Reset the thresholds of every built-in metric to the defaults? Your edits to those rows are replaced. Rows for your own metrics and everything outside the table stay as they are.",
  resetConfirm: "Reset to defaults",
  resetCancel: "Cancel",
  resetting: "Resetting…",
  resetDone: (rows, kept) => `Reset ${rows} rows to the defaults.${kept > 0 ? ` Kept ${kept} rows of your own.` : ""}`,
  resetMissing: (ids) => `Not in the table, so not added: ${ids}. Insert a new Benchmarks sheet to get them.`,
  resetCancelled: "Reset cancelled. Nothing was changed.",

  tabShare: "Share",
  shareIntro:
    "Colleagues without CollectKPI see #NAME? in every COLLECT cell. Make portable rewrites those cells so that the workbook works in any Excel, and keeps grading against its own Benchmarks table.",
  scopeLabel: "Cells to rewrite",
  scopeActive: "Active sheet",
  scopeAll: "Every sheet",
  modeLabel: "Rewrite as",
  modeNative: "Native Excel formulas",
  modeNativeHint: "Keep calculating, with the same results, in Excel 2010 and later, WPS Spreadsheets and LibreOffice.",
  modeFreeze: "Values",
  modeFreezeHint: "Freeze the current results; they no longer recalculate.",
  portableButton: "Make portable…",
  portableReviewing: "Looking for COLLECT formulas…",
  sheetList: (sheets) =>
    sheets.length === 1
      ? `'${sheets[0]}'`
      : sheets.length === 2
        ? `'${sheets[0]}' and '${sheets[1]}'`
        : `${sheets.length} sheets (${sheets.map((x) => `'${x}'`).join(", ")})`,
  portableNothingActive: (sheet) => `There are no COLLECT formulas on '${sheet}'. Nothing to change.`,
  portableNothingAll: "There are no COLLECT formulas in this workbook. Nothing to change.",
  portableOnlySkipped: "No COLLECT cell can be rewritten, so nothing will change. These cells stay as they are:",
  portableQuestionNative: (n, sheets) =>
    `Rewrite ${n === 1 ? "1 COLLECT formula" : `${n} COLLECT formulas`} on ${sheets} into native Excel formulas? They give the same results without the add-in and still grade against this workbook's Benchmarks table. Every other cell stays as it is.`,
  portableQuestionFreeze: (n, sheets) =>
    `Replace ${n === 1 ? "1 COLLECT formula" : `${n} COLLECT formulas`} on ${sheets}, and the cells ${n === 1 ? "it spills" : "they spill"} into, with the current values? They will no longer recalculate. Every other cell stays as it is.`,
  portableUndo: "Excel may not be able to undo this. To keep the COLLECT formulas, save a copy of the workbook first.",
  portableSkipHeader: (n) => (n === 1 ? "1 cell cannot be rewritten and stays as it is:" : `${n} cells cannot be rewritten and stay as they are:`),
  portableConfirmNative: "Rewrite formulas",
  portableConfirmFreeze: "Replace with values",
  portableCancel: "Cancel",
  portableCancelled: "Cancelled. Nothing was changed.",
  portableConverting: "Rewriting…",
  portableDoneNative: (n, sheets, names) =>
    `Rewrote ${n === 1 ? "1 formula" : `${n} formulas`} on ${sheets} into native Excel formulas.${names > 0 ? ` Added ${names === 1 ? "1 hidden name" : `${names} hidden names`} that read the Benchmarks table.` : ""}`,
  portableDoneFreeze: (n, sheets) => `Replaced ${n === 1 ? "1 formula" : `${n} formulas`} on ${sheets} with ${n === 1 ? "its value" : "their values"}.`,
  portableDoneNothing: "Nothing was changed: the COLLECT formulas are gone or cannot be rewritten.",
  portableSkipped: (n) => (n === 1 ? "1 cell was left as it is:" : `${n} cells were left as they are:`),
  portableSpillsFeature: "finding the cells a formula spills into",
  andMore: (n) => `…and ${n} more.`,

  unsupported: (version, feature) =>
    `This version of Excel does not support ${feature} (ExcelApi ${version}), which this action needs. Nothing was changed. Update Excel, or use Excel on the web.`,
  features: {
    names: "workbook names",
    conditionalFormats: "conditional formatting",
    freezePanes: "freeze panes",
    dataValidation: "data validation",
    activeCell: "reading the active cell",
    nameFormulas: "reading the formulas of workbook names",
    settings: "settings saved in the workbook",
    tableResize: "resizing a table",
    charts: "chart series and their line styles",
    chartAxisFormat: "number formats on chart axes",
  },
  noBenchmarks: "This workbook has no Benchmarks table (the name CollectBenchmarks). Use “Insert or open Benchmarks sheet” first.",
  benchmarksNameTaken:
    "The name CollectBenchmarks is already used for something other than a range. Rename it (Formulas > Name Manager) and try again. Nothing was changed.",
  benchmarksShape: (columns, expected) =>
    `The Benchmarks table has ${columns} columns where ${expected} are expected (Metric ID … Source), so it was not changed.`,
  badSpec: (detail) => `This template could not be written (${detail}). Nothing was changed. Please report this.`,
  excelError: (message) => `Excel reported an error: ${message}`,
  unexpected: (message) => `Something went wrong: ${message}`,
  notInExcel: "Open CollectKPI from Excel to use its templates and functions.",
  loading: "Loading…",
};

const zh: Strings = {
  appName: "CollectKPI",
  appTagline: "催收绩效指标 Excel 工具",
  tabsLabel: "CollectKPI 功能区",
  tabTemplates: "模板",
  tabFunctions: "函数",
  tabBenchmarks: "基准",

  templatesIntro: "每个模板都会插入到新工作表中，不会覆盖工作簿中的任何内容。",
  metricsLabel: "指标",
  includeSample: "包含示例数据",
  insert: "插入",
  inserting: "正在插入…",
  created: (sheet) => `已创建工作表“${sheet}”。`,
  createdWithBenchmarks: (sheet, benchmarks) => `已创建工作表“${sheet}”，并创建了它所引用的基准表“${benchmarks}”。`,
  openedBenchmarks: (sheet) => `本工作簿已有基准表：已打开“${sheet}”，您的数值保持不变。`,
  keptNames: (names) => `已存在的名称保持不变：${names}。`,
  chartsLeftOut: (sheet, charts, why) =>
    `工作表“${sheet}”已写入，数字完整，但未能插入${charts === 1 ? "图表" : ` ${charts} 个图表`}：${why}请更新 Excel（或使用 Excel 网页版）后重新插入此模板以获得图表。`,
  chartsRefused: (message) => `Excel 拒绝绘制图表（${message}）。`,
  chartsNeedApi: (version, feature) => `此版本的 Excel 不支持${feature}（ExcelApi ${version}）。`,
  noTemplates: "此版本中没有可用的模板。",

  searchLabel: "搜索函数",
  searchPlaceholder: "名称、指标 ID、中文或函数名",
  resultsCount: (n) => `${n} 个函数`,
  noMatches: "没有匹配的函数，请尝试更短的关键词。",
  functionsListLabel: "函数",
  pickFunction: "选择一个函数查看详情。",
  formulaLabel: "计算公式",
  plainExcelLabel: "Excel 原生公式",
  parametersLabel: "参数",
  noParameters: "无参数。",
  optional: "可选",
  kindLabel: "类型",
  kindP: "比例：占比，介于 0% 与 100% 之间",
  kindR: "比率：可超过 100%",
  directionLabel: "方向",
  higherBetter: "越高越好",
  lowerBetter: "越低越好",
  benchmarkLabel: "默认基准",
  meets: "达标",
  excellent: "优秀",
  notSet: "未设定",
  redLine: "不达标则综合得分为 0（一票否决）。",
  redLineLabel: "红线",
  sourceLabel: "来源",
  areaLabel: "考核维度",
  unitLabel: "单位",
  typedInMetric: "在表中手工填写，用 COLLECT.GRADE 评级。",
  otherFunction: "评分、基准与资产组合函数。",
  insertIntoCell: "插入到当前单元格",
  insertingFormula: "正在写入公式…",
  argumentsLabel: "填写参数",
  argumentsHint: "在工作表中选中每个参数的区域，点击“使用所选区域”（或直接输入），然后选中一个空单元格放结果，再点击“插入”。",
  useSelection: "使用所选区域",
  readingSelection: "正在读取所选区域…",
  useSelectionFor: (name) => `将所选区域用作 ${name}`,
  argumentPlaceholder: "B2:B40",
  formulaWritten: (address, formula) => `已在 ${address} 写入 ${formula}。`,
  argumentMissing: (name) => `未写入任何内容：请为 ${name} 指定单元格或区域。在工作表中选中后点击“使用所选区域”，或直接输入（如 B2:B40）。`,
  argumentInvalid: (name, text) => `未写入任何内容：${name} 的“${text}”不是单元格、区域、数字或带引号的文本。请按 B2:B40、'M1'!B2:B40 或 0.9 的形式填写。`,
  argumentNoSheet: (name, sheet) => `未写入任何内容：${name} 引用的工作表“${sheet}”在本工作簿中不存在。`,
  argumentCircular: (address, name) => `未写入任何内容：${address} 位于 ${name} 的区域内，公式会引用自身。请在参数区域之外选择一个空单元格。`,
  cellNotEmpty: (address) => `${address} 不是空单元格，未写入任何内容。请选择一个空单元格后重试。`,
  referenceLink: "函数参考",
  referenceLinkTitle: "所有 COLLECT 函数的参数、错误与示例（在新窗口中打开）",
  referenceFor: (fn) => `函数参考中的 COLLECT.${fn}`,

  benchmarksIntro: "所有模板都按基准表（名称 CollectBenchmarks）评级，阈值随工作簿一起分享。可按本机构情况修改。",
  openBenchmarks: "插入或打开基准表",
  checkBenchmarks: "检查基准",
  checking: "正在检查…",
  benchmarksOk: (address) => `${address} 中的所有基准行均有效。`,
  benchmarksProblems: (n, address) => `${address} 中有 ${n} 个问题：`,
  wholeTable: "整表",
  resetButton: "恢复默认值…",
  resetQuestion: "将所有内置指标的阈值恢复为默认值吗？这些行中您修改过的数值会被替换；您自建指标的行以及表格以外的内容保持不变。",
  resetConfirm: "恢复默认值",
  resetCancel: "取消",
  resetting: "正在恢复…",
  resetDone: (rows, kept) => `已将 ${rows} 行恢复为默认值。${kept > 0 ? `保留了您自建的 ${kept} 行。` : ""}`,
  resetMissing: (ids) => `以下指标不在表中，未添加：${ids}。如需这些行，请插入新的基准表。`,
  resetCancelled: "已取消恢复，未做任何更改。",

  tabShare: "分享",
  shareIntro: "没有安装 CollectKPI 的同事打开工作簿时，每个 COLLECT 单元格都会显示 #NAME?。“转换为通用格式”会改写这些单元格，让工作簿在任何 Excel 中都能使用，并继续按本工作簿自带的基准表评级。",
  scopeLabel: "改写范围",
  scopeActive: "当前工作表",
  scopeAll: "所有工作表",
  modeLabel: "改写为",
  modeNative: "Excel 原生公式",
  modeNativeHint: "继续计算，结果相同，适用于 Excel 2010 及更高版本、WPS 表格和 LibreOffice。",
  modeFreeze: "数值",
  modeFreezeHint: "冻结当前结果，之后不再重新计算。",
  portableButton: "转换为通用格式…",
  portableReviewing: "正在查找 COLLECT 公式…",
  sheetList: (sheets) =>
    sheets.length === 1
      ? `工作表“${sheets[0]}”`
      : sheets.length === 2
        ? `工作表“${sheets[0]}”和“${sheets[1]}”`
        : `${sheets.length} 个工作表（${sheets.map((x) => `“${x}”`).join("、")}）`,
  portableNothingActive: (sheet) => `工作表“${sheet}”中没有 COLLECT 公式，无需更改。`,
  portableNothingAll: "本工作簿中没有 COLLECT 公式，无需更改。",
  portableOnlySkipped: "没有可以改写的 COLLECT 单元格，不会做任何更改。以下单元格保持不变：",
  portableQuestionNative: (n, sheets) =>
    `将${sheets}中的 ${n} 个 COLLECT 公式改写为 Excel 原生公式吗？不安装加载项也能得到相同结果，并继续按本工作簿的基准表评级。其他单元格保持不变。`,
  portableQuestionFreeze: (n, sheets) => `将${sheets}中的 ${n} 个 COLLECT 公式（及其溢出区域）替换为当前数值吗？替换后不再重新计算。其他单元格保持不变。`,
  portableUndo: "Excel 可能无法撤销此操作。如需保留 COLLECT 公式，请先另存一份工作簿副本。",
  portableSkipHeader: (n) => `${n} 个单元格无法改写，将保持不变：`,
  portableConfirmNative: "改写公式",
  portableConfirmFreeze: "替换为数值",
  portableCancel: "取消",
  portableCancelled: "已取消，未做任何更改。",
  portableConverting: "正在改写…",
  portableDoneNative: (n, sheets, names) =>
    `已将${sheets}中的 ${n} 个公式改写为 Excel 原生公式。${names > 0 ? `并添加了 ${names} 个读取基准表的隐藏名称。` : ""}`,
  portableDoneFreeze: (n, sheets) => `已将${sheets}中的 ${n} 个公式替换为数值。`,
  portableDoneNothing: "未做任何更改：COLLECT 公式已不存在或无法改写。",
  portableSkipped: (n) => `${n} 个单元格保持不变：`,
  portableSpillsFeature: "查找公式溢出到的单元格",
  andMore: (n) => `……另有 ${n} 个。`,

  unsupported: (version, feature) => `此版本的 Excel 不支持${feature}（ExcelApi ${version}），无法执行此操作，未做任何更改。请更新 Excel 或使用 Excel 网页版。`,
  features: {
    names: "工作簿名称",
    conditionalFormats: "条件格式",
    freezePanes: "冻结窗格",
    dataValidation: "数据验证",
    activeCell: "读取当前单元格",
    nameFormulas: "读取名称的公式",
    settings: "在工作簿中保存设置",
    tableResize: "调整表格大小",
    charts: "图表系列及其线型",
    chartAxisFormat: "图表坐标轴的数字格式",
  },
  noBenchmarks: "本工作簿没有基准表（名称 CollectBenchmarks）。请先点击“插入或打开基准表”。",
  benchmarksNameTaken: "名称 CollectBenchmarks 已被用于非区域的内容。请在“公式 > 名称管理器”中重命名后重试。未做任何更改。",
  benchmarksShape: (columns, expected) => `基准表有 ${columns} 列，应为 ${expected} 列（指标 ID … 来源），因此未做更改。`,
  badSpec: (detail) => `无法写入此模板（${detail}），未做任何更改。请反馈此问题。`,
  excelError: (message) => `Excel 报告错误：${message}`,
  unexpected: (message) => `出现错误：${message}`,
  notInExcel: "请在 Excel 中打开 CollectKPI 以使用模板和函数。",
  loading: "正在加载…",
};

export const STRINGS: Readonly<Record<Language, Strings>> = { en, zh };

let override: Language | undefined;

/** Forces the pane language (the browser preview's switch); undefined returns to Office's. */
export function setLanguageOverride(language: Language | undefined): void {
  override = language;
}

/** "zh-CN", "zh-TW", "zh" → zh; anything else → en (the core's rule, shared with Excel's error messages). */
export const languageOf = languageOfTag;

/** The pane language: the override, else ?lang= in the page URL, else Office's display language. */
export function pickLanguage(displayLanguage: string, search = ""): Language {
  if (override !== undefined) return override;
  const lang = new URLSearchParams(search).get("lang");
  if (lang !== null && lang.trim() !== "") return languageOf(lang);
  return languageOf(displayLanguage);
}

/**
 * Why the converter left a cell as it was, in each language of the task pane, in one place
 * (as src/core/messages.ts does for the functions). The English text is also the `reason`
 * of a skipped cell; the pane shows the text of its own language from `why`.
 */
import type { Language } from "../core";

/** "2 to 4 arguments", "1 argument", "2 or 3 arguments". */
const countEn = (min: number, max: number): string =>
  min === max ? `${min} argument${min === 1 ? "" : "s"}` : max === min + 1 ? `${min} or ${max} arguments` : `${min} to ${max} arguments`;
const countZh = (min: number, max: number): string => (min === max ? `${min} 个参数` : `${min} 到 ${max} 个参数`);

const en = {
  unreadable: (detail: string) => `the formula cannot be read: ${detail}`,
  spillOverCollect: (fn: string) => `${fn} over another COLLECT function`,
  spillInside: (fn: string) => `${fn} spills several cells; it can be converted only when it is the whole formula`,
  spillBlocked: (address: string) => `the cells it spills into are not empty (${address}); clear them first`,
  tooLong: (max: number) => `the native formula would be longer than Excel's ${max} characters`,
  tooLongBy: (length: number, max: number) => `the native formula would be ${length} characters, more than Excel's ${max}`,
  tooLongNested: (max: number, fn: string) =>
    `the native formula would be more than Excel's ${max} characters (COLLECT.${fn} repeats its arguments; nest less)`,
  contactBreaches: () =>
    "CONTACTBREACHES groups calls by debtor and calendar day and ranks them by time; no spreadsheet function does that in one cell. Use Freeze for this cell",
  valueUnknown: () => "its current value is not known",
  spillSizeUnknown: () => "it spills a result whose size is not known here; convert it by hand",
  oneCell: (param: string) => `${param} is a range of several cells; give it one cell`,
  structuredUnknown: (param: string, ref: string) => `${param} is the table reference ${ref}, whose cells are not known here (the table or column is not found)`,
  structuredRows: (param: string, ref: string) => `${param} is the table reference ${ref}; expanded cell by cell it must be one row of the table ([@…] or [#This Row])`,
  oneValue: (param: string) => `${param} is an array constant; give it one value`,
  empty: (param: string) => `${param} is empty`,
  blockTooBig: (param: string) => `${param} is a block of more than 400 cells over several rows and columns; use one column`,
  arrayBlock: (param: string) => `${param} is an array constant over several rows and columns`,
  argumentCount: (fn: string, min: number, max: number, given: number) => `${fn} takes ${countEn(min, max)}, not ${given}`,
  computedMetric: () => "the metric id is computed; the native formula needs a quoted id or a cell that holds one",
  computedScoreMetrics: () => "the metric ids of SCORE are computed; the native formula needs them typed in",
  benchmarksName: (name: string) => `the workbook name ${name} (the benchmarks) is not defined or is not a range`,
  benchmarksRelative: () => "the benchmarks argument is a relative range; use CollectBenchmarks or an absolute range ($A$2:$H$30)",
  benchmarksKind: () => "the benchmarks argument must be the CollectBenchmarks name or an absolute range",
  benchmarksWide: () => "the benchmarks range is wider than 64 columns",
  moreThan64: (param: string) => `${param} spans more than 64 cells`,
  errorConstant: (param: string) => `${param} holds an error constant`,
  notExpandable: (param: string) => `${param} must be a range reference or an array constant so that it can be expanded cell by cell`,
  needsRange: (fn: string) => `${fn} needs a range reference to be written out cell by cell`,
  tooManyCells: (fn: string) => `${fn} over more than 10,000 cells`,
  languageFromCell: () => "METRICS with a language read from a cell; type the language in quotes",
  spillWider: (area: string) => `it spills into ${area}, beyond the cells the rewrite would fill; rewriting it would lose the spilled values`,
  tooLargeToRead: (limit: string) => `Excel could not read this row in one response (more than ${limit} even alone), so the sheet was left as it is`,
  tooLargeToWrite: (limit: string) => `Excel refused to write this row in one request (more than ${limit} even alone), so it was left as it is`,
} as const;

export type ReasonKey = keyof typeof en;
type Table = { readonly [K in ReasonKey]: (...args: Parameters<(typeof en)[K]>) => string };

const zh: Table = {
  unreadable: (detail) => `无法读取该公式：${detail}`,
  spillOverCollect: (fn) => `${fn} 的参数中又用了 COLLECT 函数`,
  spillInside: (fn) => `${fn} 会溢出到多个单元格，只有整个公式就是它时才能改写`,
  spillBlocked: (address) => `它要溢出到的单元格不是空的（${address}），请先清空`,
  tooLong: (max) => `改写后的原生公式会超过 Excel 的 ${max} 个字符上限`,
  tooLongBy: (length, max) => `改写后的原生公式有 ${length} 个字符，超过 Excel 的 ${max} 个字符上限`,
  tooLongNested: (max, fn) => `改写后的原生公式会超过 Excel 的 ${max} 个字符上限（COLLECT.${fn} 会重复其参数，请减少嵌套）`,
  contactBreaches: () => "CONTACTBREACHES 按债务人和自然日分组并按时间排序，电子表格没有能在一个单元格内完成此计算的函数。请对此单元格使用“数值”方式",
  valueUnknown: () => "不知道它当前的值",
  spillSizeUnknown: () => "无法确定它溢出结果的大小，请手工改写",
  oneCell: (param) => `${param} 是多个单元格的区域，请只给一个单元格`,
  structuredUnknown: (param, ref) => `${param} 是表格引用 ${ref}，此处无法确定它指向的单元格（找不到该表格或列）`,
  structuredRows: (param, ref) => `${param} 是表格引用 ${ref}；要逐个单元格展开，它必须是表格的一行（[@…] 或 [#This Row]）`,
  oneValue: (param) => `${param} 是数组常量，请只给一个值`,
  empty: (param) => `${param} 为空`,
  blockTooBig: (param) => `${param} 是跨多行多列、超过 400 个单元格的区域，请改用一列`,
  arrayBlock: (param) => `${param} 是跨多行多列的数组常量`,
  argumentCount: (fn, min, max, given) => `${fn} 需要 ${countZh(min, max)}，而不是 ${given} 个`,
  computedMetric: () => "指标 ID 是计算出来的；原生公式需要带引号的 ID 或存放 ID 的单元格",
  computedScoreMetrics: () => "SCORE 的指标 ID 是计算出来的；原生公式需要手工填写的 ID",
  benchmarksName: (name) => `工作簿名称 ${name}（基准表）未定义或不是区域`,
  benchmarksRelative: () => "基准参数是相对引用；请使用 CollectBenchmarks 或绝对引用（$A$2:$H$30）",
  benchmarksKind: () => "基准参数必须是名称 CollectBenchmarks 或绝对引用的区域",
  benchmarksWide: () => "基准区域超过 64 列",
  moreThan64: (param) => `${param} 超过 64 个单元格`,
  errorConstant: (param) => `${param} 中有错误值常量`,
  notExpandable: (param) => `${param} 必须是区域引用或数组常量，才能逐个单元格展开`,
  needsRange: (fn) => `${fn} 需要区域引用才能逐个单元格写出`,
  tooManyCells: (fn) => `${fn} 的区域超过 10,000 个单元格`,
  languageFromCell: () => "METRICS 的语言来自单元格；请用带引号的文字填写语言",
  spillWider: (area) => `它溢出到 ${area}，超出了改写会填写的单元格；改写会丢失溢出的数值`,
  tooLargeToRead: (limit) => `Excel 无法在一次响应中读取这一行（单独读取也超过 ${limit}），此工作表保持不变`,
  tooLargeToWrite: (limit) => `Excel 拒绝在一次请求中写入这一行（单独写入也超过 ${limit}），这些单元格保持不变`,
};

export const REASONS: Readonly<Record<Language, Table>> = { en, zh };

/** A reason as data: its key and arguments, so that each language can say it. */
export interface Reason {
  readonly key: ReasonKey;
  readonly args: readonly (string | number)[];
}

export function reason<K extends ReasonKey>(key: K, ...args: Parameters<(typeof en)[K]>): Reason {
  return { key, args };
}

/** The reason in `language`. */
export function reasonText(why: Reason, language: Language = "en"): string {
  return (REASONS[language][why.key] as (...a: readonly (string | number)[]) => string)(...why.args);
}

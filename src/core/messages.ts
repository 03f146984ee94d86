/**
 * Every message the core puts behind an Excel error, in one place (as HyperFormula's
 * error-message.ts does). Each names the argument and says how to fix it.
 *
 * Every message also has a Chinese text in MessagesZh, with the same arguments: a core
 * error carries its message as data (detailedError), and each host says it in its own
 * language (Excel by its display language, the preview and the task pane by theirs).
 */
import { BENCHMARK_COLUMNS, BENCHMARK_COLUMNS_ZH } from "./columns";
import { ErrorCode, MessageDetail, MetricError } from "./errors";
import type { Language } from "./language";
const where = (row: number, col: number): string => (row < 0 ? "" : ` (row ${row + 1}, column ${col + 1} of the range)`);

export const Messages = {
  notANumber: (param: string, row = -1, col = 0) =>
    `${param} must be numbers${where(row, col)}; it holds text or TRUE/FALSE. Clear the cell or type a number.`,
  errorCell: (param: string, row = -1, col = 0) => `${param} holds an error value${where(row, col)}. Fix that cell first.`,
  negative: (param: string, row = -1, col = 0) =>
    `${param} cannot be negative${where(row, col)}. Amounts and counts are 0 or more.`,
  tooLarge: (param: string) => `${param} adds up to more than Excel can hold. Check the range for a stray huge number.`,
  resultTooLarge: (what: string) => `${what} is larger than Excel can hold. Check the inputs for a stray huge number.`,
  zeroDenominator: (param: string) => `${param} adds up to 0, so the rate cannot be computed. Fill in ${param}.`,
  proportionAbove1: (numerator: string, denominator: string) =>
    `${numerator} is larger than ${denominator}, which cannot happen for this rate (it is a share of ${denominator}). Check the two ranges.`,
  unknownMetric: (metric: string) =>
    `"${metric}" is not a CollectKPI metric id. See =COLLECT.METRICS() for the list (for example recovery_achievement).`,
  metricNotText: (param: string) => `${param} must be a metric id as text, for example "recovery_achievement".`,
  thresholdBlank: (metric: string, level: string) =>
    `${metric} has no ${level} threshold. Type one in the Benchmarks sheet (column ${level === "excellent" ? "Excellent" : "Meets"}).`,
  noThresholds: (metric: string) =>
    `${metric} has neither a Meets nor an Excellent threshold. Type at least one in the Benchmarks sheet.`,
  unknownLevel: (level: string) => `level "${level}" is not known. Use "meets" or "excellent".`,
  unknownLanguage: (language: string) => `language "${language}" is not supported. Use "en-US" or "zh-CN".`,
  valueMissing: (param: string) => `${param} is blank. Point it at a cell that holds a number.`,
  shapesDiffer: (a: string, b: string) => `${a} and ${b} must have the same number of rows and columns.`,
  countsDiffer: (a: string, b: string) => `${a} and ${b} must have the same number of cells (one per call).`,
  benchmarkColumns: () =>
    `benchmarks needs at least the columns Metric ID, Name, Direction, Meets, Excellent (in that order). Point it at the Benchmarks table body.`,
  benchmarkEmpty: () =>
    `benchmarks is empty. Refill the Benchmarks sheet (task pane > Benchmarks) or leave the argument out to use the defaults.`,
  benchmarkCell: (metric: string, column: string, found: string) =>
    `Benchmarks row ${metric}: ${column} holds "${found}", which is not a number. Type a number or leave it blank.`,
  benchmarkNegative: (metric: string, column: string) => `Benchmarks row ${metric}: ${column} cannot be negative.`,
  benchmarkDirection: (metric: string, found: string) =>
    `Benchmarks row ${metric}: Direction "${found}" is not known. Type higher or lower.`,
  benchmarkRedLine: (metric: string, found: string) =>
    `Benchmarks row ${metric}: Red line "${found}" is not TRUE or FALSE.`,
  benchmarkDuplicate: (metric: string) =>
    `Benchmarks lists ${metric} more than once. Delete the extra row so that one threshold applies.`,
  benchmarkOrder: (metric: string, direction: string) =>
    `Benchmarks row ${metric}: Excellent is ${direction === "lower" ? "higher" : "lower"} than Meets, but ${direction} is better. Swap the two values.`,
  weightNegative: () => `weights cannot be negative. Use 0 to leave a metric out.`,
  weightsZero: () => `weights add up to 0. Give at least one metric a positive weight.`,
  scoreRange: () => `score must be between 0 and 120 (a SCORE result).`,
  gridTooSmall: (param: string, rows: number, cols: number) =>
    `${param} needs at least ${rows} rows and ${cols} columns.`,
  zeroBalance: (month: number, bucket: number) =>
    `balances of bucket ${bucket + 1} in month ${month + 1} is 0, so its roll rate cannot be computed.`,
  notARow: (param: string) => `${param} must be one row or one column.`,
  maxPerDay: () => `max_per_day must be a whole number of 1 or more (the default is 3).`,
  timeOfDay: (param: string) => `${param} must be a time of day between 0:00 and 23:59 (a fraction from 0 to 1).`,
  callTime: (row: number) => `call_times cell ${row + 1} is not a date-time. Use Excel date-time serial numbers.`,
  debtorBlank: (row: number) => `debtor_ids cell ${row + 1} is blank but its call has a time. Fill in the debtor id.`,
  scoreValueMissing: (metric: string) => `values for ${metric} is blank. Point it at a cell that holds a number.`,
  rollRateTooLarge: () => `This roll rate is larger than Excel can hold. Check the inputs for a stray huge number.`,
  lossFactorTooLarge: () => `This loss factor is larger than Excel can hold. Check the inputs for a stray huge number.`,
  notABoolean: (param: string) => `${param} must be TRUE or FALSE (or left out).`,
  oneColumn: (param: string, rows: number) => `${param} must be one column with one cell per cohort (${rows}, the rows of recovered).`,
  monthsObserved: (row: number) =>
    `months_observed of cohort ${row + 1} must be a whole number of months, 0 or more (for example =COUNT of the cohort's row).`,
  zeroPlaced: (row: number) => `placed of cohort ${row + 1} is 0 or blank, so its recovery curve cannot be computed. Fill in the amount placed.`,
  zeroPlacedPooled: (month: number) => `placed adds up to 0 over the cohorts that reached month ${month + 1}, so the pooled curve cannot be computed there.`,
} as const;

export type MessageKey = keyof typeof Messages;

/** A Benchmarks column ("Meets") as the Chinese sheet heads it ("达标值"). */
const zhColumn = (column: string): string => {
  const i = (BENCHMARK_COLUMNS as readonly string[]).indexOf(column);
  return i < 0 ? column : BENCHMARK_COLUMNS_ZH[i];
};

const whereZh = (row: number, col: number): string => (row < 0 ? "" : `（区域第 ${row + 1} 行第 ${col + 1} 列）`);

/**
 * Every message in Chinese, with the same arguments: what Excel shows behind #VALUE! and
 * #N/A in Chinese Excel (functions.js picks it by Office's display language), and what the
 * Chinese task pane lists. Parameter names stay English, as the functions' own do in Chinese
 * Excel; Benchmarks columns take the sheet's Chinese names.
 */
export const MessagesZh = {
  notANumber: (param: string, row = -1, col = 0) => `${param} 必须是数字${whereZh(row, col)}，但其中有文本或 TRUE/FALSE。请清空该单元格或填写数字。`,
  errorCell: (param: string, row = -1, col = 0) => `${param} 中有错误值${whereZh(row, col)}。请先修正该单元格。`,
  negative: (param: string, row = -1, col = 0) => `${param} 不能为负数${whereZh(row, col)}。金额和数量应为 0 或更大。`,
  tooLarge: (param: string) => `${param} 的合计超出了 Excel 能表示的范围。请检查区域中是否有异常大的数字。`,
  resultTooLarge: (what: string) => `${what} 的结果超出了 Excel 能表示的范围。请检查输入中是否有异常大的数字。`,
  zeroDenominator: (param: string) => `${param} 的合计为 0，无法计算比率。请填写 ${param}。`,
  proportionAbove1: (numerator: string, denominator: string) =>
    `${numerator} 大于 ${denominator}，这对该比率不可能出现（它是 ${denominator} 中的占比）。请检查这两个区域。`,
  unknownMetric: (metric: string) => `“${metric}”不是 CollectKPI 的指标 ID。指标列表见 =COLLECT.METRICS()（例如 recovery_achievement）。`,
  metricNotText: (param: string) => `${param} 必须是文本形式的指标 ID，例如 "recovery_achievement"。`,
  thresholdBlank: (metric: string, level: string) =>
    `${metric} 没有${level === "excellent" ? "优秀" : "达标"}阈值。请在基准表中填写（${level === "excellent" ? "优秀值" : "达标值"}列）。`,
  noThresholds: (metric: string) => `${metric} 既没有达标值也没有优秀值。请在基准表中至少填写一个。`,
  unknownLevel: (level: string) => `无法识别的级别“${level}”。请使用 "meets"（达标）或 "excellent"（优秀）。`,
  unknownLanguage: (language: string) => `不支持语言“${language}”。请使用 "en-US" 或 "zh-CN"。`,
  valueMissing: (param: string) => `${param} 为空。请指向一个存放数字的单元格。`,
  shapesDiffer: (a: string, b: string) => `${a} 和 ${b} 的行数和列数必须相同。`,
  countsDiffer: (a: string, b: string) => `${a} 和 ${b} 的单元格数必须相同（每次通话一个）。`,
  benchmarkColumns: () => "基准参数至少需要“指标编号、指标名称、方向、达标值、优秀值”这几列（按此顺序）。请指向基准表的数据区域。",
  benchmarkEmpty: () => "基准表是空的。请重新填写基准表（任务窗格 > 基准），或省略该参数以使用默认基准。",
  benchmarkCell: (metric: string, column: string, found: string) => `基准表 ${metric} 行：${zhColumn(column)}为“${found}”，不是数字。请填写数字或留空。`,
  benchmarkNegative: (metric: string, column: string) => `基准表 ${metric} 行：${zhColumn(column)}不能为负数。`,
  benchmarkDirection: (metric: string, found: string) => `基准表 ${metric} 行：方向“${found}”无法识别。请填写“越高越好”或“越低越好”（或 higher / lower）。`,
  benchmarkRedLine: (metric: string, found: string) => `基准表 ${metric} 行：红线“${found}”不是 TRUE 或 FALSE。`,
  benchmarkDuplicate: (metric: string) => `基准表中 ${metric} 出现了不止一次。请删除多余的行，只保留一个阈值。`,
  benchmarkOrder: (metric: string, direction: string) =>
    `基准表 ${metric} 行：优秀值${direction === "lower" ? "高于" : "低于"}达标值，但该指标${direction === "lower" ? "越低越好" : "越高越好"}。请交换这两个值。`,
  weightNegative: () => "weights 不能为负数。若不计某个指标，请填 0。",
  weightsZero: () => "weights 的合计为 0。请至少给一个指标正的权重。",
  scoreRange: () => "score 必须在 0 到 120 之间（SCORE 的结果）。",
  gridTooSmall: (param: string, rows: number, cols: number) => `${param} 至少需要 ${rows} 行 ${cols} 列。`,
  zeroBalance: (month: number, bucket: number) => `第 ${month + 1} 个月第 ${bucket + 1} 个账龄段的 balances 为 0，无法计算其迁徙率。`,
  notARow: (param: string) => `${param} 必须是一行或一列。`,
  maxPerDay: () => "max_per_day 必须是 1 或更大的整数（默认 3）。",
  timeOfDay: (param: string) => `${param} 必须是 0:00 到 23:59 之间的时刻（0 到 1 之间的小数）。`,
  callTime: (row: number) => `call_times 的第 ${row + 1} 个单元格不是日期时间。请使用 Excel 的日期时间序列值。`,
  debtorBlank: (row: number) => `debtor_ids 的第 ${row + 1} 个单元格为空，但对应的通话有时间。请填写债务人 ID。`,
  scoreValueMissing: (metric: string) => `${metric} 的 values 为空。请指向一个存放数字的单元格。`,
  rollRateTooLarge: () => "该迁徙率超出了 Excel 能表示的范围。请检查输入中是否有异常大的数字。",
  lossFactorTooLarge: () => "该损失系数超出了 Excel 能表示的范围。请检查输入中是否有异常大的数字。",
  notABoolean: (param: string) => `${param} 必须是 TRUE 或 FALSE（或省略）。`,
  oneColumn: (param: string, rows: number) => `${param} 必须是一列，每个批次一个单元格（共 ${rows} 个，与 recovered 的行数相同）。`,
  monthsObserved: (row: number) => `第 ${row + 1} 个批次的 months_observed 必须是 0 或更大的整数月数（例如对该批次所在行用 =COUNT）。`,
  zeroPlaced: (row: number) => `第 ${row + 1} 个批次的 placed 为 0 或空白，无法计算其回收曲线。请填写委案金额。`,
  zeroPlacedPooled: (month: number) => `已到达第 ${month + 1} 个月的各批次 placed 合计为 0，该月的合并曲线无法计算。`,
} as const satisfies { readonly [K in MessageKey]: (...args: Parameters<(typeof Messages)[K]>) => string };

/** A MetricError whose message also travels as data (for MessagesZh). */
export function detailedError<K extends MessageKey>(code: ErrorCode, key: K, ...args: Parameters<(typeof Messages)[K]>): MetricError {
  const detail: MessageDetail = { key, args: args as readonly (string | number)[] };
  return new MetricError(code, (Messages[key] as (...a: readonly unknown[]) => string)(...args), detail);
}

/** A message in a UI's language: the Chinese text when the error carries its detail, else the English message. */
export function localMessage(message: string, detail: MessageDetail | undefined, language: Language): string {
  if (language !== "zh" || detail === undefined || !(detail.key in MessagesZh)) return message;
  return (MessagesZh[detail.key as keyof typeof MessagesZh] as (...a: readonly (string | number)[]) => string)(...detail.args);
}

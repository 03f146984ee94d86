/**
 * The strings of files beyond the grid (issue 17), English and Chinese: a file aggregated by
 * DuckDB-Wasm in the pane, only its results written. Kept out of dataStrings.ts, which the
 * pane's first chunk (taskpane.js) also loads for the tab's name: these load with the Data tab.
 */
import type { Language } from "../../core";
import type { DataInput } from "../../data/aggregate";
import type { DatasetKind } from "../../data/model";

const n = (x: number): string => x.toLocaleString("en-US");
const plural = (x: number, word: string): string => `${n(x)} ${word}${x === 1 ? "" : "s"}`;

/** Files beyond the grid (issue 17): aggregated by DuckDB-Wasm in the pane, only the results written. */
export interface BigDataStrings {
  /** The source step's line for a file that goes to the engine. */
  readonly routed: (file: string, megabytes: number, reason: "size" | "rows", rows?: number) => string;
  readonly run: string;
  readonly runHint: string;
  readonly loading: (percent?: number) => string;
  readonly reading: (seconds: number) => string;
  readonly aggregating: (seconds: number) => string;
  readonly writing: string;
  readonly done: (sheet: string, rows: number, kept: number, collectors: number, seconds: number) => string;
  readonly engineFailed: (detail: string) => string;
  readonly notUtf8: string;
  readonly xlsxTooLarge: string;
  readonly sheet: Readonly<Record<DatasetKind, string>>;
  readonly kinds: Readonly<Record<DatasetKind, string>>;
  readonly title: (kind: string) => string;
  readonly stamp: (file: string, rows: number, kept: number, duplicates: number, when: string) => string;
  readonly collector: string;
  readonly month: string;
  readonly grade: string;
  readonly inputs: Readonly<Record<DataInput, string>>;
}

const bigEn: BigDataStrings = {
  routed: (file, mb, reason, rows) =>
    reason === "rows"
      ? `${file}: more than ${n(rows ?? 1_048_575)} data rows, more than Excel's grid holds. It can be aggregated outside the workbook, in this pane: only the results per collector × month are written.`
      : `${file}: ${n(mb)} MB, too large to import into the workbook (more than 48 MB). It will be aggregated outside the workbook, in this pane: only the results per collector × month are written.`,
  run: "Aggregate outside the workbook",
  runHint: "DuckDB, loaded into this pane, reads the file on this computer (nothing is uploaded) and writes one new sheet of values.",
  loading: (p) => (p === undefined ? "Loading the engine…" : `Loading the engine… ${p}%`),
  reading: (sec) => `Reading and checking every row… ${n(sec)} s`,
  aggregating: (sec) => `Aggregating per collector × month… ${n(sec)} s`,
  writing: "Writing the results…",
  done: (sheet, rows, kept, collectors, sec) => `Wrote '${sheet}': ${plural(collectors, "collector")}, from ${plural(rows, "row")} read (${n(kept)} kept), in ${n(sec)} s. The values do not follow the file: aggregate it again when it changes.`,
  engineFailed: (detail) => `The engine stopped: ${detail}. Nothing was written.`,
  notUtf8: "A file this large is read by the engine, which reads UTF-8 only, and this file is GBK (Chinese Excel's “CSV”). Save it from Excel as “CSV UTF-8” and choose it again.",
  xlsxTooLarge: "An XLSX this large does not fit the workbook. Save it as CSV UTF-8 and choose it again: a CSV can be aggregated outside the workbook.",
  sheet: { cases: "Cases KPIs", payments: "Payments KPIs", calls: "Calls KPIs" },
  kinds: { cases: "Cases", payments: "Payments", calls: "Calls" },
  title: (kind) => `${kind} per collector × month, aggregated outside the workbook (values)`,
  stamp: (file, rows, kept, dup, when) => `Source: ${file} · ${n(rows)} rows read, ${n(kept)} kept, ${n(dup)} duplicates dropped · ${when}`,
  collector: "Collector",
  month: "Month",
  grade: "grade",
  inputs: {
    recovered: "Recovered",
    assigned: "Accounts assigned",
    outstanding: "Outstanding",
    target: "Target",
    attempts: "Call attempts",
    contacted: "Accounts contacted",
    rightParty: "Right-party contacts",
    promises: "Promises to pay",
    totalTalk: "Talk time (min)",
    effectiveTalk: "Effective talk (min)",
  },
};

const bigZh: BigDataStrings = {
  routed: (file, mb, reason, rows) =>
    reason === "rows"
      ? `${file}：超过 ${n(rows ?? 1_048_575)} 个数据行，超出 Excel 表格上限。可在本窗格中于工作簿之外汇总：只写入按催收员 × 月份的结果。`
      : `${file}：${n(mb)} MB，过大，无法导入工作簿（超过 48 MB）。将在本窗格中于工作簿之外汇总：只写入按催收员 × 月份的结果。`,
  run: "在工作簿之外汇总",
  runHint: "DuckDB 加载到本窗格中，在本机读取文件（不上传），并写入一张新的数值工作表。",
  loading: (p) => (p === undefined ? "正在加载引擎…" : `正在加载引擎… ${p}%`),
  reading: (sec) => `正在读取并检查每一行… ${n(sec)} 秒`,
  aggregating: (sec) => `正在按催收员 × 月份汇总… ${n(sec)} 秒`,
  writing: "正在写入结果…",
  done: (sheet, rows, kept, collectors, sec) => `已写入“${sheet}”：催收员 ${n(collectors)} 人，读取 ${n(rows)} 行（保留 ${n(kept)} 行），用时 ${n(sec)} 秒。这些数值不随文件更新：文件变化后请重新汇总。`,
  engineFailed: (detail) => `引擎已停止：${detail}。未写入任何内容。`,
  notUtf8: "这么大的文件由引擎读取，引擎只读 UTF-8，而此文件是 GBK 编码（中文 Excel 的“CSV”）。请在 Excel 中另存为“CSV UTF-8”后重新选择。",
  xlsxTooLarge: "这么大的 XLSX 无法放入工作簿。请另存为 CSV UTF-8 后重新选择：CSV 可在工作簿之外汇总。",
  sheet: { cases: "案件指标", payments: "回款指标", calls: "通话指标" },
  kinds: { cases: "案件", payments: "回款", calls: "通话" },
  title: (kind) => `${kind}：按催收员 × 月份，在工作簿之外汇总（数值）`,
  stamp: (file, rows, kept, dup, when) => `来源：${file} · 读取 ${n(rows)} 行，保留 ${n(kept)} 行，剔除重复 ${n(dup)} 行 · ${when}`,
  collector: "催收员",
  month: "月份",
  grade: "评级",
  inputs: {
    recovered: "回收金额",
    assigned: "分案户数",
    outstanding: "欠款金额",
    target: "目标回款",
    attempts: "拨打次数",
    contacted: "联系户数",
    rightParty: "本人接通次数",
    promises: "承诺还款数",
    totalTalk: "通话时长（分钟）",
    effectiveTalk: "有效通话（分钟）",
  },
};

export const BIG_STRINGS: Readonly<Record<Language, BigDataStrings>> = { en: bigEn, zh: bigZh };

/**
 * The Data tab's strings, English and Chinese (strings.ts holds them as `data`). Problems name
 * the row and the column as the user sees them in the file or sheet, and say what to do.
 */
import type { Language } from "../core";
import type { DataProblemCode, DatasetKind, FieldId } from "../data/model";

export interface DataStrings {
  readonly tab: string;
  readonly intro: string;
  readonly sourceLegend: string;
  readonly useRange: string;
  readonly useRangeHint: string;
  readonly chooseFile: string;
  readonly chooseFileHint: string;
  readonly reading: string;
  readonly readingPercent: (percent: number) => string;
  readonly checking: string;
  readonly writing: string;
  readonly writingRows: (done: number, total: number) => string;
  readonly progressLabel: string;
  readonly cancel: string;
  readonly cancelled: string;
  readonly sourceRead: (source: string, rows: number, columns: number) => string;
  readonly kindLabel: string;
  readonly kinds: Readonly<Record<DatasetKind, string>>;
  /** The kind in a word, for the saved-imports list. */
  readonly kindShort: Readonly<Record<DatasetKind, string>>;
  readonly kindNotGuessed: string;
  readonly mappingLegend: string;
  readonly fieldHeader: string;
  readonly columnHeader: string;
  readonly notMapped: string;
  readonly required: string;
  readonly fields: Readonly<Record<FieldId, string>>;
  readonly definitionsLabel: string;
  readonly definitions: Readonly<Record<DatasetKind, readonly string[]>>;
  readonly confirm: string;
  readonly missingRequired: (fields: string) => string;
  readonly problemsTitle: (n: number) => string;
  readonly moreProblems: (n: number) => string;
  readonly problem: (code: DataProblemCode, where: string, value: string, fromFile: boolean) => string;
  readonly at: (row: number | undefined, column: string | undefined) => string;
  readonly summaryTitle: string;
  readonly summary: (s: { rows: number; kept: number; blank: number; duplicates: number; collectors: number; months: string }) => readonly string[];
  readonly buildLegend: string;
  readonly templateLabel: string;
  readonly templateInputs: (n: number, total: number) => string;
  /** The Monthly trend's hint after templateInputs: the months it shows (all the data's, or the latest `count` of `all`); no month to choose. */
  readonly trendMonths: (first: string, last: string, count: number, all: number) => string;
  readonly noTemplate: string;
  readonly monthLabel: string;
  readonly build: string;
  readonly built: (dataSheet: string, rows: number, template?: string) => string;
  readonly builtNames: (n: number, table: string) => string;
  readonly tooManyCollectors: (n: number, max: number) => string;
  readonly tooManyRows: (n: number) => string;
  readonly alreadyImported: (table: string, sheet: string) => string;
  readonly savedLegend: string;
  readonly savedItem: (kind: string, source: string, sheet: string) => string;
  readonly refresh: string;
  readonly refreshChooseFile: (name: string) => string;
  readonly refreshed: (sheet: string, before: number, after: number) => string;
  /** Refresh added rows to a team sheet for collectors new in the data. */
  readonly collectorsAdded: (sheet: string, collectors: readonly string[]) => string;
  readonly tableGone: (table: string) => string;
  readonly tableChanged: (table: string) => string;
  readonly blockedBelow: (table: string, address: string) => string;
  readonly emptySource: string;
  readonly headersChanged: (missing: string) => string;
  readonly sourceLine: (source: string, rows: number, when: string) => string;
  readonly dataSheet: Readonly<Record<DatasetKind, string>>;
}

const FIELDS_EN: Record<FieldId, string> = {
  collector: "Collector",
  account: "Account",
  agency: "Agency",
  product: "Product",
  dpd: "Days past due",
  bucket: "Bucket (M1, M2…)",
  placedOn: "Placement date",
  balance: "Outstanding balance",
  target: "Target",
  paymentId: "Payment id",
  amount: "Amount",
  paidOn: "Payment date",
  callId: "Call id",
  calledAt: "Call time",
  duration: "Duration (s)",
  connected: "Connected",
  rightParty: "Right party",
  promise: "Promise to pay",
};

const FIELDS_ZH: Record<FieldId, string> = {
  collector: "催收员",
  account: "案件编号",
  agency: "委外机构",
  product: "产品",
  dpd: "逾期天数",
  bucket: "账龄（M1、M2…）",
  placedOn: "分案日期",
  balance: "欠款金额",
  target: "目标回款",
  paymentId: "回款流水号",
  amount: "回款金额",
  paidOn: "还款日期",
  callId: "通话编号",
  calledAt: "呼叫时间",
  duration: "通话时长（秒）",
  connected: "是否接通",
  rightParty: "是否本人",
  promise: "承诺还款",
};

const n = (x: number): string => x.toLocaleString("en-US");
/** The first 10 names, then how many more: a pane message stays short. */
const listOf = (names: readonly string[], separator = ", "): string =>
  names.length <= 10 ? names.join(separator) : `${names.slice(0, 10).join(separator)} (+${n(names.length - 10)})`;
const plural = (x: number, word: string): string => `${n(x)} ${word}${x === 1 ? "" : "s"}`;

const en: DataStrings = {
  tab: "Data",
  intro: "Turn a raw export (case list, payments, call log) into a scorecard whose inputs are SUMIFS over the rows. Files are read here, in the pane; nothing is uploaded.",
  sourceLegend: "1. Source",
  useRange: "Use the selected range or table",
  useRangeHint: "Select the rows with their header, or one cell of an Excel table (one cell elsewhere: the whole sheet is used).",
  chooseFile: "Choose a file…",
  chooseFileHint: "CSV (UTF-8 or GBK) or XLSX.",
  reading: "Reading…",
  readingPercent: (p) => `Reading… ${p}%`,
  checking: "Checking every row…",
  writing: "Writing to the workbook…",
  writingRows: (done, total) => `Writing… ${n(done)} of ${n(total)} rows`,
  progressLabel: "Import progress",
  cancel: "Cancel",
  cancelled: "Import cancelled. Nothing was written.",
  sourceRead: (source, rows, columns) => `${source}: ${plural(rows, "row")}, ${plural(columns, "column")}.`,
  kindLabel: "This data is",
  kinds: { cases: "a case list (cases placed with collectors)", payments: "payments received", calls: "a call log" },
  kindShort: { cases: "Cases", payments: "Payments", calls: "Calls" },
  kindNotGuessed: "The headers do not look like a case list, payments or a call log: choose what it is and map the columns.",
  mappingLegend: "2. Columns",
  fieldHeader: "Field",
  columnHeader: "Column in the data",
  notMapped: "— not mapped —",
  required: "required",
  fields: FIELDS_EN,
  definitionsLabel: "How the numbers are counted",
  definitions: {
    cases: [
      "Assigned = accounts placed with the collector in the month (by placement date).",
      "An account placed twice with the same collector in a month is counted once.",
      "Outstanding and target are sums of the amounts on those accounts.",
    ],
    payments: [
      "Recovered = the sum of payment amounts dated in the month.",
      "A payment id is counted once: repeated rows are dropped.",
      "A payment belongs to the collector on its row, in the month of its payment date.",
    ],
    calls: [
      "Attempts = every call in the month (a call id is counted once).",
      "Contacted = accounts with at least one connected call in the month.",
      "Right party and promises count calls flagged so; talk time is the sum of durations, in minutes.",
    ],
  },
  confirm: "Check the data",
  missingRequired: (fields) => `Map a column to ${fields} first (required).`,
  problemsTitle: (k) => (k === 1 ? "1 problem stops the import. Nothing was written:" : `${k} problems stop the import. Nothing was written:`),
  moreProblems: (k) => `…and ${n(k)} more.`,
  at: (row, column) => [row !== undefined ? `Row ${n(row)}` : "", column !== undefined ? `column ${column}` : ""].filter((x) => x !== "").join(", "),
  problem: (code, where, value, fromFile) => {
    const fix = fromFile ? "fix it in the file and choose it again" : "fix it in the sheet and try again";
    const w = where === "" ? "" : `${where}: `;
    switch (code) {
      case "missing-column":
        return `${w}the column is missing from the headers — restore it or map another column.`;
      case "not-a-number":
        return `${w}'${value}' is not a number — ${fix}.`;
      case "bad-date":
        return `${w}'${value}' is not a date (use 2026-10-31 or 2026/10/31) — ${fix}.`;
      case "bad-flag":
        return `${w}'${value}' is not yes/no (1/0, Y/N, 是/否) — ${fix}.`;
      case "quoted-newline":
        return `${w}a quoted value runs over a line break — ${fix}.`;
      case "ragged-row":
        return `${w}the row has ${value === "" ? "a different number of" : value} cells, unlike the header — ${fix}.`;
      case "unknown-encoding":
        return `The file is not UTF-8 or GBK text${value !== "" ? ` (${value})` : ""}. Save it from Excel as “CSV UTF-8” and choose it again.`;
      case "empty-file":
        return "The file is empty (0 bytes). Export it again and choose it again.";
      case "too-many-rows":
        return `The data has more rows than Excel's grid holds (1,048,576 including the header). Split it by month and import each part.`;
      case "no-header":
        return "The first row has no headers. Add a header row and choose the file again.";
      case "blank-required":
        return `${w}this required cell is blank — ${fix}.`;
      case "out-of-range":
        return `${w}'${value}' is out of range (a negative number of seconds or days) — ${fix}.`;
      case "unreadable-file":
        return `The file cannot be opened as an XLSX workbook${value !== "" ? ` (${value})` : ""}. Save it as .xlsx or CSV and choose it again.`;
    }
  },
  summaryTitle: "Ready to import:",
  summary: (x) => [
    `${plural(x.rows, "row")} read, ${n(x.kept)} kept.`,
    `${plural(x.blank, "blank row")} skipped, ${plural(x.duplicates, "duplicate")} dropped.`,
    `${plural(x.collectors, "collector")}; ${x.months.includes(",") ? "months" : "month"}: ${x.months}.`,
  ],
  buildLegend: "3. Build",
  templateLabel: "Sheet",
  templateInputs: (k, total) => `${k} of its ${total} inputs come from this data (SUMIFS over the table); the others stay blank to type.`,
  trendMonths: (first, last, count, all) =>
    `One row per month for the whole team: ${count === 1 ? first : `${first} to ${last}`}${count < all ? ` (the latest ${count} of ${all} months)` : ""}; no month to choose.`,
  noTemplate: "No team sheet takes its inputs from this data with the columns mapped (a stage sheet needs days past due or a bucket).",
  monthLabel: "Month",
  build: "Import and build the sheet",
  built: (dataSheet, rows, template) =>
    template === undefined ? `Wrote ${plural(rows, "row")} to the table on '${dataSheet}'.` : `Wrote ${plural(rows, "row")} to '${dataSheet}' and built '${template}' from them.`,
  builtNames: (k, table) => `${k} workbook names (CK_…) refer to the columns of table ${table}; the sheet's inputs are SUMIFS/COUNTIFS over them.`,
  tooManyCollectors: (k, max) => `The data has ${n(k)} collectors; a sheet holds at most ${max}. Filter the export, or import by team.`,
  tooManyRows: (k) => `${n(k)} rows do not fit Excel's grid (1,048,575 data rows). Split the file by month.`,
  alreadyImported: (table, sheet) => `This workbook already holds this kind of import (table ${table} on '${sheet}'). Use Refresh below, or delete that sheet to import afresh. Nothing was written.`,
  savedLegend: "Saved imports",
  savedItem: (kind, source, sheet) => `${kind} — ${source} → '${sheet}'`,
  refresh: "Refresh",
  refreshChooseFile: (name) => `Choose ${name} (or its new export) to refresh.`,
  refreshed: (sheet, before, after) => `Refreshed the table on '${sheet}': ${n(before)} → ${n(after)} rows. Cells outside the table were not touched.`,
  collectorsAdded: (sheet, collectors) =>
    `'${sheet}' has ${collectors.length === 1 ? "a row" : `${n(collectors.length)} rows`} for ${collectors.length === 1 ? "a collector" : "collectors"} new in the data: ${listOf(collectors)}; TEAM TOTAL and the ranks count ${collectors.length === 1 ? "it" : "them"}.`,
  tableGone: (table) => `Table ${table} is no longer in the workbook (its sheet was deleted). Import the data again.`,
  tableChanged: (table) => `The columns of table ${table} were changed, so Refresh left it alone. Import the data again into a new sheet.`,
  blockedBelow: (table, address) => `Table ${table} would grow over ${address}, which holds data. Move that out of the way and refresh again.`,
  emptySource: "There is nothing to import: select the rows with their header, or a cell of a sheet that holds them.",
  headersChanged: (missing) => `The new data lacks the column${missing.includes(",") ? "s" : ""} ${missing} that the saved import uses. Nothing was written.`,
  sourceLine: (source, rows, when) => `${source} · ${n(rows)} rows · ${when}`,
  dataSheet: { cases: "Cases data", payments: "Payments data", calls: "Calls data" },
};

const zh: DataStrings = {
  tab: "数据",
  intro: "把催收系统导出的原始数据（案件表、回款表、通话记录）变成考核表：每个输入都是对这些行的 SUMIFS。文件只在本窗格中读取，不会上传。",
  sourceLegend: "1. 数据来源",
  useRange: "使用所选区域或表格",
  useRangeHint: "选中带表头的数据行，或选中 Excel 表格中的一个单元格（在其他位置只选一个单元格则使用整张工作表）。",
  chooseFile: "选择文件…",
  chooseFileHint: "CSV（UTF-8 或 GBK）或 XLSX。",
  reading: "正在读取…",
  readingPercent: (p) => `正在读取… ${p}%`,
  checking: "正在逐行检查…",
  writing: "正在写入工作簿…",
  writingRows: (done, total) => `正在写入… ${n(done)} / ${n(total)} 行`,
  progressLabel: "导入进度",
  cancel: "取消",
  cancelled: "已取消导入，未写入任何内容。",
  sourceRead: (source, rows, columns) => `${source}：${n(rows)} 行，${columns} 列。`,
  kindLabel: "数据类型",
  kinds: { cases: "案件表（分案给催收员的案件）", payments: "回款表", calls: "通话记录" },
  kindShort: { cases: "案件", payments: "回款", calls: "通话" },
  kindNotGuessed: "无法从表头判断是案件表、回款表还是通话记录：请选择类型并对应各列。",
  mappingLegend: "2. 列对应",
  fieldHeader: "字段",
  columnHeader: "数据中的列",
  notMapped: "— 不使用 —",
  required: "必填",
  fields: FIELDS_ZH,
  definitionsLabel: "口径说明",
  definitions: {
    cases: ["分案数 = 当月（按分案日期）分给该催收员的案件数。", "同一案件当月重复分给同一催收员只计一次。", "欠款金额、目标回款为这些案件金额之和。"],
    payments: ["回款金额 = 还款日期在当月的回款金额之和。", "同一回款流水号只计一次，重复行会被剔除。", "回款计入该行的催收员、还款日期所在的月份。"],
    calls: ["拨打次数 = 当月全部通话（同一通话编号只计一次）。", "接通户数 = 当月至少有一次接通的案件数。", "本人接通、承诺还款按标记计数；通话时长为时长之和，单位分钟。"],
  },
  confirm: "检查数据",
  missingRequired: (fields) => `请先为必填字段 ${fields} 选择对应的列。`,
  problemsTitle: (k) => `发现 ${k} 个问题，导入已停止，未写入任何内容：`,
  moreProblems: (k) => `……另有 ${n(k)} 个。`,
  at: (row, column) => [row !== undefined ? `第 ${n(row)} 行` : "", column !== undefined ? `“${column}”列` : ""].filter((x) => x !== "").join("，"),
  problem: (code, where, value, fromFile) => {
    const fix = fromFile ? "请在文件中改正后重新选择" : "请在工作表中改正后重试";
    const w = where === "" ? "" : `${where}：`;
    switch (code) {
      case "missing-column":
        return `${w}表头中没有这一列。请恢复该列或改选其他列。`;
      case "not-a-number":
        return `${w}“${value}”不是数字。${fix}。`;
      case "bad-date":
        return `${w}“${value}”不是日期（请用 2026-10-31 或 2026/10/31）。${fix}。`;
      case "bad-flag":
        return `${w}“${value}”不是是/否（1/0、Y/N、是/否）。${fix}。`;
      case "quoted-newline":
        return `${w}带引号的内容跨越了换行。${fix}。`;
      case "ragged-row":
        return `${w}该行的单元格数${value === "" ? "" : `（${value}）`}与表头不一致。${fix}。`;
      case "unknown-encoding":
        return `文件既不是 UTF-8 也不是 GBK 文本${value !== "" ? `（${value}）` : ""}。请在 Excel 中另存为“CSV UTF-8”后重新选择。`;
      case "empty-file":
        return "文件为空（0 字节）。请重新导出后再选择。";
      case "too-many-rows":
        return "数据行数超过了 Excel 表格的上限（含表头 1,048,576 行）。请按月拆分后分别导入。";
      case "no-header":
        return "第一行没有表头。请加上表头后重新选择文件。";
      case "blank-required":
        return `${w}必填单元格为空。${fix}。`;
      case "out-of-range":
        return `${w}“${value}”超出范围（秒数或天数为负）。${fix}。`;
      case "unreadable-file":
        return `无法作为 XLSX 工作簿打开此文件${value !== "" ? `（${value}）` : ""}。请另存为 .xlsx 或 CSV 后重新选择。`;
    }
  },
  summaryTitle: "可以导入：",
  summary: (x) => [
    `读取 ${n(x.rows)} 行，保留 ${n(x.kept)} 行。`,
    `跳过空行 ${n(x.blank)} 行，剔除重复 ${n(x.duplicates)} 行。`,
    `催收员 ${n(x.collectors)} 人；月份：${x.months}。`,
  ],
  buildLegend: "3. 生成",
  templateLabel: "考核表",
  templateInputs: (k, total) => `${total} 项输入中有 ${k} 项取自此数据（对表格的 SUMIFS），其余留空待填写。`,
  trendMonths: (first, last, count, all) => `按月汇总全队，每月一行：${count === 1 ? first : `${first}至${last}`}${count < all ? `（共 ${all} 个月中最近的 ${count} 个月）` : ""}；无需选择月份。`,
  noTemplate: "按当前的列对应，没有考核表能从此数据取得输入（阶段考核表需要逾期天数或账龄）。",
  monthLabel: "月份",
  build: "导入并生成考核表",
  built: (dataSheet, rows, template) => (template === undefined ? `已将 ${n(rows)} 行写入“${dataSheet}”中的表格。` : `已将 ${n(rows)} 行写入“${dataSheet}”，并据此生成“${template}”。`),
  builtNames: (k, table) => `${k} 个工作簿名称（CK_…）引用表格 ${table} 的各列；考核表的输入是对它们的 SUMIFS/COUNTIFS。`,
  tooManyCollectors: (k, max) => `数据中有 ${n(k)} 名催收员，一张考核表最多 ${max} 行。请筛选导出数据或按小组导入。`,
  tooManyRows: (k) => `${n(k)} 行超出 Excel 表格上限（1,048,575 个数据行）。请按月拆分文件。`,
  alreadyImported: (table, sheet) => `本工作簿已有此类导入（“${sheet}”中的表格 ${table}）。请使用下方的“刷新”，或删除该工作表后重新导入。未写入任何内容。`,
  savedLegend: "已保存的导入",
  savedItem: (kind, source, sheet) => `${kind} — ${source} → “${sheet}”`,
  refresh: "刷新",
  refreshChooseFile: (name) => `请选择 ${name}（或新导出的同类文件）以刷新。`,
  refreshed: (sheet, before, after) => `已刷新“${sheet}”中的表格：${n(before)} → ${n(after)} 行。表格以外的单元格未被改动。`,
  collectorsAdded: (sheet, collectors) => `“${sheet}”为数据中新出现的催收员新增了 ${n(collectors.length)} 行：${listOf(collectors, "、")}；团队合计和排名已计入。`,
  tableGone: (table) => `工作簿中已没有表格 ${table}（其工作表已被删除）。请重新导入数据。`,
  tableChanged: (table) => `表格 ${table} 的列已被修改，刷新未改动它。请将数据重新导入到新工作表。`,
  blockedBelow: (table, address) => `表格 ${table} 扩展后会覆盖 ${address}，那里有内容。请移开后再刷新。`,
  emptySource: "没有可导入的内容：请选中带表头的数据行，或选中有数据的工作表中的一个单元格。",
  headersChanged: (missing) => `新数据中缺少已保存导入所用的列：${missing}。未写入任何内容。`,
  sourceLine: (source, rows, when) => `${source} · ${n(rows)} 行 · ${when}`,
  dataSheet: { cases: "案件数据", payments: "回款数据", calls: "通话数据" },
};

export const DATA_STRINGS: Readonly<Record<Language, DataStrings>> = { en, zh };

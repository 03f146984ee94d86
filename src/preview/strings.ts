/** The preview page's own words (the task pane inside it has its own, src/taskpane/strings.ts). */
import type { Language } from "../core";
import type { SheetNameProblem } from "../excel-sim";
import type { ExcelHostProfile } from "../hosts/profiles";

export interface PreviewStrings {
  readonly title: string;
  readonly subtitle: string;
  readonly languageLabel: string;
  readonly nameBoxLabel: string;
  readonly formulaBarLabel: string;
  readonly gridLabel: string;
  readonly sheetTabsLabel: string;
  readonly paneLabel: string;
  /** The header's link to the function reference page (functions.html / functions.zh-cn.html). */
  readonly referenceLink: string;
  readonly referenceTitle: string;
  readonly engineLoading: string;
  readonly engineReady: string;
  readonly engineFailed: (reason: string) => string;
  readonly editHint: string;
  readonly refused: (message: string) => string;
  readonly dismiss: string;
  readonly edited: (address: string) => string;
  /** The header's host badge: its group label, what the active profile means, the switch to the other. */
  readonly hostLabel: string;
  readonly hostDetails: (host: ExcelHostProfile) => string;
  readonly hostSwitch: (other: string) => string;
  readonly hostSwitchTitle: string;
  /** Sheet tabs: rename (double-click, F2) and delete (×, Delete), with the confirm step. */
  readonly tabHint: string;
  readonly renameLabel: (sheet: string) => string;
  readonly renamed: (from: string, to: string) => string;
  readonly badSheetName: (name: string, problem: SheetNameProblem) => string;
  readonly deleteSheet: (sheet: string) => string;
  readonly deleteQuestion: (sheet: string) => string;
  readonly deleteConfirm: string;
  readonly cancel: string;
  readonly deleted: (sheet: string) => string;
  readonly lastSheet: string;
  /**
   * A table's data row: the context menu Excel shows on right-click (Insert > Table Rows Above,
   * Delete > Table Rows; Chinese Excel: 插入 > 在上方插入表格行, 删除 > 表格行), its label, and what
   * the status line says after each command.
   */
  readonly tableRowMenuLabel: (table: string) => string;
  readonly insertRowAbove: string;
  readonly insertRowBelow: string;
  readonly deleteTableRow: string;
  readonly rowInserted: (table: string, row: number) => string;
  readonly rowDeleted: (table: string, row: number) => string;
  /** Deleting a table's only data row clears it: a table keeps one data row, as in Excel. */
  readonly rowCleared: (table: string, row: number) => string;
  /** A refused table command (another table in the way …), with the workbook's reason. */
  readonly tableRowRefused: (reason: string) => string;
}

const SHEET_NAME_EN: Record<SheetNameProblem, string> = {
  blank: "a sheet name cannot be blank",
  tooLong: "a sheet name has at most 31 characters",
  character: "a sheet name cannot contain : \\ / ? * [ or ]",
  apostrophe: "a sheet name cannot begin or end with an apostrophe (')",
  reserved: "Excel reserves the name History",
  taken: "another sheet already has that name (case is ignored)",
};

const SHEET_NAME_ZH: Record<SheetNameProblem, string> = {
  blank: "工作表名称不能为空",
  tooLong: "工作表名称最多 31 个字符",
  character: "工作表名称不能包含 : \\ / ? * [ 或 ]",
  apostrophe: "工作表名称不能以单引号（'）开头或结尾",
  reserved: "History 是 Excel 的保留名称",
  taken: "已有同名的工作表（不区分大小写）",
};

/** The workbook's refusals of a table command (SimError messages, in English) as the Chinese preview says them. */
const TABLE_REFUSALS_ZH: readonly (readonly [RegExp, string])[] = [
  [/shift cells in a table/i, "不允许此操作：该操作会移动工作表上另一个表格中的单元格。"],
];

export const PREVIEW_STRINGS: Readonly<Record<Language, PreviewStrings>> = {
  en: {
    title: "CollectKPI preview",
    subtitle: "The real task pane beside a simulated workbook. Runs entirely in your browser; no Excel, nothing sent anywhere.",
    languageLabel: "Language",
    nameBoxLabel: "Cell",
    formulaBarLabel: "Formula bar",
    gridLabel: "Worksheet",
    sheetTabsLabel: "Sheets",
    paneLabel: "CollectKPI task pane",
    referenceLink: "Function reference",
    referenceTitle: "Every COLLECT function with its parameters, errors and examples (opens in a new tab)",
    engineLoading: "Loading the formula engine…",
    engineReady: "Formula engine ready (HyperFormula with the COLLECT functions).",
    engineFailed: (reason) => `The formula engine could not start: ${reason}`,
    editHint: "Double-click a cell or type to edit; Enter to confirm. Yellow cells are inputs.",
    refused: (message) => `Not accepted: ${message}`,
    dismiss: "Dismiss",
    edited: (address) => `${address} changed; dependent cells recalculated.`,
    hostLabel: "Excel host",
    hostDetails: (host) =>
      [
        `Behaves as ${host.label.en}:`,
        `an empty cell reaches a custom function as ${host.emptyCell === null ? "null" : "0"};`,
        host.wholeColumnArgument === "passed" ? "a whole-column argument (A:A) is passed;" : "a whole-column argument (A:A) gives #CALC!;",
        host.payloadLimitBytes === undefined ? "no size limit per sync." : `one sync carries at most ${(host.payloadLimitBytes / 1_000_000).toLocaleString("en")} MB.`,
      ].join(" "),
    hostSwitch: (other) => `Switch to ${other}`,
    hostSwitchTitle: "The workbook stays; its formulas are recalculated as that host computes them.",
    tabHint: "Double-click or F2 to rename; Delete or × to delete.",
    renameLabel: (sheet) => `New name for the sheet '${sheet}'`,
    renamed: (from, to) => `Renamed '${from}' to '${to}'; formulas that refer to it follow.`,
    badSheetName: (name, problem) => `'${name}' cannot be a sheet name: ${SHEET_NAME_EN[problem]}.`,
    deleteSheet: (sheet) => `Delete the sheet '${sheet}'`,
    deleteQuestion: (sheet) => `Delete the sheet '${sheet}'? This cannot be undone; cells and names that refer to it will show #REF!.`,
    deleteConfirm: "Delete",
    cancel: "Cancel",
    deleted: (sheet) => `Deleted the sheet '${sheet}'.`,
    lastSheet: "A workbook must contain at least one sheet.",
    tableRowMenuLabel: (table) => `Table ${table}: rows`,
    insertRowAbove: "Insert table row above",
    insertRowBelow: "Insert table row below",
    deleteTableRow: "Delete table row",
    rowInserted: (table, row) => `Inserted row ${row} into the table ${table}; its calculated columns are filled and the total row and ranks include it.`,
    rowDeleted: (table, row) => `Deleted row ${row} from the table ${table}; the cells below moved up and the totals and ranks were recalculated.`,
    rowCleared: (table, row) => `Cleared row ${row}: it is the only data row of the table ${table}, and a table keeps at least one.`,
    tableRowRefused: (reason) => `Not done: ${reason}`,
  },
  zh: {
    title: "CollectKPI 预览",
    subtitle: "真实的任务窗格与模拟工作簿并排显示。全部在浏览器中运行，无需 Excel，不向任何地方发送数据。",
    languageLabel: "语言",
    nameBoxLabel: "单元格",
    formulaBarLabel: "编辑栏",
    gridLabel: "工作表",
    sheetTabsLabel: "工作表标签",
    paneLabel: "CollectKPI 任务窗格",
    referenceLink: "函数参考",
    referenceTitle: "所有 COLLECT 函数的参数、错误与示例（在新标签页中打开）",
    engineLoading: "正在加载公式引擎…",
    engineReady: "公式引擎已就绪（HyperFormula，已注册 COLLECT 函数）。",
    engineFailed: (reason) => `公式引擎无法启动：${reason}`,
    editHint: "双击单元格或直接输入即可编辑，按 Enter 确认。黄色单元格为输入项。",
    refused: (message) => `输入未被接受：${message}`,
    dismiss: "关闭",
    edited: (address) => `${address} 已更改，相关单元格已重新计算。`,
    hostLabel: "Excel 版本",
    hostDetails: (host) =>
      [
        `按${host.label.zh}的行为运行：`,
        `空单元格以 ${host.emptyCell === null ? "null" : "0"} 传给自定义函数；`,
        host.wholeColumnArgument === "passed" ? "整列参数（A:A）照常传入；" : "整列参数（A:A）得到 #CALC!；",
        host.payloadLimitBytes === undefined ? "每次同步没有大小限制。" : `每次同步最多 ${(host.payloadLimitBytes / 1_000_000).toLocaleString("zh")} MB。`,
      ].join(""),
    hostSwitch: (other) => `切换到 ${other}`,
    hostSwitchTitle: "工作簿保持不变，公式按该版本的计算方式重新计算。",
    tabHint: "双击或按 F2 重命名；按 Delete 或 × 删除。",
    renameLabel: (sheet) => `工作表“${sheet}”的新名称`,
    renamed: (from, to) => `已将“${from}”重命名为“${to}”，引用它的公式已随之更新。`,
    badSheetName: (name, problem) => `“${name}”不能用作工作表名称：${SHEET_NAME_ZH[problem]}。`,
    deleteSheet: (sheet) => `删除工作表“${sheet}”`,
    deleteQuestion: (sheet) => `删除工作表“${sheet}”？此操作无法撤消；引用它的单元格和名称将显示 #REF!。`,
    deleteConfirm: "删除",
    cancel: "取消",
    deleted: (sheet) => `已删除工作表“${sheet}”。`,
    lastSheet: "工作簿中至少要保留一张工作表。",
    tableRowMenuLabel: (table) => `表格 ${table}：行`,
    insertRowAbove: "在上方插入表格行",
    insertRowBelow: "在下方插入表格行",
    deleteTableRow: "删除表格行",
    rowInserted: (table, row) => `已在表格 ${table} 中插入第 ${row} 行；计算列已自动填充，汇总行与排名已包含该行。`,
    rowDeleted: (table, row) => `已从表格 ${table} 中删除第 ${row} 行；下方单元格已上移，汇总与排名已重新计算。`,
    rowCleared: (table, row) => `已清除第 ${row} 行：它是表格 ${table} 唯一的数据行，表格至少保留一行数据。`,
    tableRowRefused: (reason) => `未执行：${TABLE_REFUSALS_ZH.find(([pattern]) => pattern.test(reason))?.[1] ?? reason}`,
  },
};

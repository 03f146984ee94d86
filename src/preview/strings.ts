/** The preview page's own words (the task pane inside it has its own, src/taskpane/strings.ts). */
import type { Language } from "../core";

export interface PreviewStrings {
  readonly title: string;
  readonly subtitle: string;
  readonly languageLabel: string;
  readonly nameBoxLabel: string;
  readonly formulaBarLabel: string;
  readonly gridLabel: string;
  readonly sheetTabsLabel: string;
  readonly paneLabel: string;
  readonly engineLoading: string;
  readonly engineReady: string;
  readonly engineFailed: (reason: string) => string;
  readonly editHint: string;
  readonly refused: (message: string) => string;
  readonly dismiss: string;
  readonly edited: (address: string) => string;
}

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
    engineLoading: "Loading the formula engine…",
    engineReady: "Formula engine ready (HyperFormula with the COLLECT functions).",
    engineFailed: (reason) => `The formula engine could not start: ${reason}`,
    editHint: "Double-click a cell or type to edit; Enter to confirm. Yellow cells are inputs.",
    refused: (message) => `Not accepted: ${message}`,
    dismiss: "Dismiss",
    edited: (address) => `${address} changed; dependent cells recalculated.`,
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
    engineLoading: "正在加载公式引擎…",
    engineReady: "公式引擎已就绪（HyperFormula，已注册 COLLECT 函数）。",
    engineFailed: (reason) => `公式引擎无法启动：${reason}`,
    editHint: "双击单元格或直接输入即可编辑，按 Enter 确认。黄色单元格为输入项。",
    refused: (message) => `输入未被接受：${message}`,
    dismiss: "关闭",
    edited: (address) => `${address} 已更改，相关单元格已重新计算。`,
  },
};

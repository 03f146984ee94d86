/**
 * What the task pane needs from its host. In Excel: `Excel.run` and Office's requirement
 * sets (officeHost). In the browser preview: the in-memory simulator (createSimHost in
 * src/excel-sim), so the preview runs the real task pane against a simulated workbook.
 */
import type { XlRequestContext } from "./excelApi";

export interface Host {
  /** Excel.run-like: one batch against one request context. */
  run<T>(batch: (context: XlRequestContext) => Promise<T>): Promise<T>;
  /** Office.context.requirements.isSetSupported, e.g. ("ExcelApi", "1.8"). */
  isSetSupported(name: string, minVersion: string): boolean;
  /** The UI language of the host application, e.g. "zh-CN" (Office.context.displayLanguage). */
  readonly displayLanguage: string;
}

/** The host inside Excel. Call after Office.onReady. */
export function officeHost(): Host {
  return {
    // Passing Excel.RequestContext where XlRequestContext is expected makes tsc prove that
    // Excel's real API satisfies the subset the writer (and excel-sim) implement.
    run: <T>(batch: (context: XlRequestContext) => Promise<T>) => Excel.run((context) => batch(context)),
    isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion),
    displayLanguage: Office.context.displayLanguage || "en-US",
  };
}

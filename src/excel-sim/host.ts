/**
 * The task pane's Host over a simulated workbook: what the unit tests and the browser
 * preview hand to the task pane instead of Excel.
 */
import type { Host } from "../taskpane/host";
import { runSim, versionAtLeast } from "./context";
import { SimWorkbook } from "./model";
import { EXCEL_HOSTS, ExcelHostId } from "../hosts/profiles";

export interface SimHostOptions {
  /** The highest ExcelApi version to report as supported (default "1.17"). */
  readonly excelApi?: string;
  /** Office.context.displayLanguage to report (default "en-US"). */
  readonly displayLanguage?: string;
  /** The Excel host to behave as (src/hosts/profiles.ts); default: the workbook's own. */
  readonly excel?: ExcelHostId;
}

export { versionAtLeast };

export function createSimHost(workbook: SimWorkbook, options: SimHostOptions = {}): Host & { readonly workbook: SimWorkbook } {
  const excelApi = options.excelApi ?? "1.17";
  if (options.excel !== undefined) workbook.host = EXCEL_HOSTS[options.excel];
  return {
    workbook,
    // The context answers to the same version: an API above it fails its sync with ApiNotFound.
    run: (batch) => runSim(workbook, batch, { excelApi }),
    isSetSupported: (name, minVersion) => name === "ExcelApi" && versionAtLeast(excelApi, minVersion),
    displayLanguage: options.displayLanguage ?? "en-US",
  };
}

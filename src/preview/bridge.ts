/**
 * What the preview page (preview.html, which owns the simulated workbook) hands to the task
 * pane's frame (preview-pane.html). The frame is same-origin; its Office shim reads this
 * from `window.parent` and gives the real task pane an Excel that runs against the workbook.
 */
import type { ExcelHostId } from "../hosts/profiles";
import type { Host } from "../taskpane/host";

export const BRIDGE_KEY = "collectPreview";

export interface PreviewBridge {
  /** Excel.run against the simulated workbook. */
  readonly run: Host["run"];
  readonly isSetSupported: Host["isSetSupported"];
  /** "en-US" or "zh-CN": the preview's language switch. */
  readonly displayLanguage: string;
  /** The Excel host profile the preview behaves as (?excel=desktop|web): the shim reports its platform. */
  readonly excelHost?: ExcelHostId;
}

/** The bridge the parent page published, if this page runs inside the preview. */
export function parentBridge(win: Window): PreviewBridge | undefined {
  try {
    const parent = win.parent;
    if (parent === win) return undefined;
    const bridge = (parent as unknown as Record<string, unknown>)[BRIDGE_KEY];
    return typeof bridge === "object" && bridge !== null ? (bridge as PreviewBridge) : undefined;
  } catch {
    // A cross-origin parent: not the preview.
    return undefined;
  }
}

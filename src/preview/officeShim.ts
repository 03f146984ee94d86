/**
 * A tiny stand-in for office.js in the preview's task-pane frame (preview-pane.html), loaded
 * before the real taskpane.js. It provides exactly what the pane touches:
 *
 *   Office.onReady, Office.HostType.Excel, Office.context.displayLanguage,
 *   Office.context.requirements.isSetSupported (true up to the ExcelApi set the simulator
 *   implements, so the writer's checks pass), and Excel.run over the simulated workbook.
 *
 * Nothing is fetched from Microsoft's CDN: the preview works offline.
 */
import { parentBridge } from "./bridge";

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** The parent's errors come from another realm: re-create them here so the pane's `instanceof Error` holds. */
function localError(error: unknown): unknown {
  if (error instanceof Error || typeof error !== "object" || error === null) return error;
  const e = error as { message?: unknown; name?: unknown; code?: unknown };
  const copy = new Error(typeof e.message === "string" ? e.message : String(error));
  if (typeof e.name === "string") copy.name = e.name;
  if (typeof e.code === "string") Object.assign(copy, { code: e.code });
  return copy;
}

function install(): void {
  const bridge = parentBridge(window);
  // Office.context.platform of the host the preview behaves as: Excel on the web, or Excel desktop (PC).
  const ready = { host: "Excel", platform: bridge?.excelHost === "web" ? "OfficeOnline" : "PC" };
  const displayLanguage = bridge?.displayLanguage ?? navigator.language ?? "en-US";

  const office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC" },
    onReady(callback?: (info: typeof ready) => void): Promise<typeof ready> {
      // Outside the preview (page opened on its own) the shim reports no Excel, like office.js in a browser tab.
      const info = bridge === undefined ? { host: "", platform: "" } : ready;
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
    context: {
      displayLanguage,
      platform: bridge === undefined ? undefined : ready.platform,
      requirements: {
        isSetSupported: (name: string, minVersion?: string): boolean => bridge?.isSetSupported(name, minVersion ?? "1.1") ?? false,
      },
    },
  };
  const excel = {
    run<T>(batch: Batch<T>): Promise<T> {
      if (bridge === undefined) return Promise.reject(new Error("The preview's workbook is not available."));
      return Promise.resolve(bridge.run((context) => batch(context as unknown as Excel.RequestContext))).catch((e: unknown) => {
        throw localError(e);
      });
    },
  };
  const global = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  global.Office = office;
  global.Excel = excel;
}

install();

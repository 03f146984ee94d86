/**
 * Task pane entry. Shares its page (and runtime) with the custom functions; see manifest.xml.
 * In Excel the pane runs against Excel itself; the browser preview mounts the same pane
 * (mountTaskpane) against the simulated workbook of src/excel-sim instead.
 */
import { TEMPLATES } from "../templates";
import { officeHost } from "./host";
import { STRINGS, pickLanguage } from "./strings";
import { mountTaskpane } from "./ui";

function showFallback(root: HTMLElement, displayLanguage: string): void {
  const s = STRINGS[pickLanguage(displayLanguage, location.search)];
  const status = document.getElementById("ck-boot-status");
  if (status !== null) status.textContent = s.notInExcel;
  else root.textContent = s.notInExcel;
}

function start(): void {
  const root = document.getElementById("app");
  if (root === null) return;
  if (typeof Office === "undefined") {
    showFallback(root, navigator.language);
    return;
  }
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      mountTaskpane(root, officeHost(), { templates: TEMPLATES });
    } else {
      showFallback(root, navigator.language);
    }
  });
}

start();

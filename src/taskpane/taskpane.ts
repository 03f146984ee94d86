/**
 * Placeholder task pane: reports whether the add-in started inside Excel.
 * Shares its page (and runtime) with the custom functions; see manifest.xml.
 */

function setStatus(text: string, ready: boolean): void {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = text;
  status.classList.toggle("ready", ready);
}

if (typeof Office === "undefined") {
  setStatus("Office.js did not load: open this page from Excel, or check the network.", false);
} else {
  Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      setStatus("Ready. The COLLECT functions are available in this workbook.", true);
    } else {
      setStatus("Open CollectKPI from Excel to use its functions and templates.", false);
    }
  });
}

/**
 * The browser preview (dist/preview.html): CollectKPI without Excel.
 *
 * - A simulated workbook (src/excel-sim) starts with one empty sheet, as Excel does.
 * - The real task pane runs in a same-origin frame (preview-pane.html = taskpane.html
 *   without office.js, plus officeShim.ts); its Excel.run reaches this workbook through
 *   the bridge published on this window.
 * - The workbook view renders whatever the pane wrote; the formula engine (HyperFormula with
 *   the COLLECT plugin from src/engine) is fetched as a separate chunk after the page shows,
 *   so neither the pane nor the functions ever carry it.
 * Nothing is loaded from outside this server.
 */
import type { Language } from "../core";
import type { HyperFormulaCalculator } from "./engine";
import { SimWorkbook, createSimHost } from "../excel-sim";
import { h, replaceChildren } from "../taskpane/dom";
import { BRIDGE_KEY, PreviewBridge } from "./bridge";
import { PREVIEW_STRINGS } from "./strings";
import { WorkbookView } from "./workbookView";

function initialLanguage(): Language {
  const lang = new URLSearchParams(location.search).get("lang") ?? navigator.language;
  return /^zh/i.test(lang) ? "zh" : "en";
}

function start(): void {
  const root = document.getElementById("preview");
  if (root === null) return;
  let language = initialLanguage();
  const workbook = new SimWorkbook(["Sheet1"]);
  const host = createSimHost(workbook);

  const bridge: PreviewBridge = {
    run: (batch) => host.run(batch),
    isSetSupported: (name, minVersion) => host.isSetSupported(name, minVersion),
    get displayLanguage() {
      return language === "zh" ? "zh-CN" : "en-US";
    },
  };
  (window as unknown as Record<string, unknown>)[BRIDGE_KEY] = bridge;

  const view = new WorkbookView(workbook, PREVIEW_STRINGS[language]);
  const title = h("h1", { class: "pv-title" });
  const subtitle = h("p", { class: "pv-subtitle" });
  const switchLabel = h("span", { class: "pv-switch__label", id: "pv-lang-label" });
  const langButtons = (["en", "zh"] as const).map((lang) => {
    const b = h("button", { class: "pv-switch__button", attrs: { type: "button", lang: lang === "zh" ? "zh-CN" : "en" } }, lang === "zh" ? "中文" : "English");
    b.dataset.lang = lang;
    b.addEventListener("click", () => setLanguage(lang));
    return b;
  });
  const frame = h("iframe", { class: "pv-pane", attrs: { name: "collectkpi-pane" } });

  let engine: { state: "loading" | "ready" | "failed"; reason?: string } = { state: "loading" };
  /** The formula engine once its chunk has loaded (type only: the chunk itself loads lazily). */
  let calculator: HyperFormulaCalculator | undefined;
  const showEngine = (): void => {
    const s = PREVIEW_STRINGS[language];
    document.body.dataset.engine = engine.state;
    view.setStatus(engine.state === "ready" ? s.engineReady : engine.state === "failed" ? s.engineFailed(engine.reason ?? "") : s.engineLoading);
  };
  const applyLanguage = (): void => {
    const s = PREVIEW_STRINGS[language];
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
    document.title = s.title;
    title.textContent = s.title;
    subtitle.textContent = s.subtitle;
    switchLabel.textContent = s.languageLabel;
    frame.title = s.paneLabel;
    for (const b of langButtons) b.setAttribute("aria-pressed", String(b.dataset.lang === language));
    view.setStrings(s);
    showEngine();
  };
  // The pane reads its language once, at start-up (as in Excel): reload its frame on a switch.
  const loadPane = (): void => {
    frame.src = `preview-pane.html?lang=${language}`;
  };
  function setLanguage(lang: Language): void {
    if (lang === language) return;
    language = lang;
    calculator?.setLanguage(lang, workbook);
    const url = new URL(location.href);
    url.searchParams.set("lang", lang);
    history.replaceState(null, "", url);
    applyLanguage();
    loadPane();
  }

  replaceChildren(
    root,
    h(
      "header",
      { class: "pv-header" },
      h("div", { class: "pv-header__text" }, title, subtitle),
      h("div", { class: "pv-switch", attrs: { role: "group", "aria-labelledby": "pv-lang-label" } }, switchLabel, ...langButtons)
    ),
    h("main", { class: "pv-main" }, view.element, h("aside", { class: "pv-side" }, frame))
  );
  applyLanguage();
  loadPane();

  import(/* webpackChunkName: "preview-engine" */ "./engine")
    .then(({ attachEngine }) => {
      calculator = attachEngine(workbook, language);
      view.setSource(calculator);
      engine = { state: "ready" };
      showEngine();
    })
    .catch((error: unknown) => {
      engine = { state: "failed", reason: error instanceof Error ? error.message : String(error) };
      showEngine();
    });
}

start();

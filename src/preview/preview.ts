/**
 * The browser preview (dist/preview.html): CollectKPI without Excel.
 *
 * - A simulated workbook (src/excel-sim) starts with one empty sheet, as Excel does. It behaves as
 *   the Excel host of `?excel=desktop|web` (src/hosts/profiles.ts; desktop by default), set
 *   before the engine first calculates; the header's badge shows it and switches it in place.
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
import { EXCEL_HOSTS, ExcelHostProfile, excelHost } from "../hosts/profiles";
import { REFERENCE_PAGE } from "../i18n/metadata";
import { h, replaceChildren } from "../taskpane/dom";
import { BRIDGE_KEY, PreviewBridge } from "./bridge";
import { PREVIEW_STRINGS } from "./strings";
import { WorkbookView } from "./workbookView";

function initialLanguage(): Language {
  const lang = new URLSearchParams(location.search).get("lang") ?? navigator.language;
  return /^zh/i.test(lang) ? "zh" : "en";
}

/** The profile of ?excel= (desktop unless it says web). */
function initialHost(): ExcelHostProfile {
  return excelHost(new URLSearchParams(location.search).get("excel"));
}

function start(): void {
  const root = document.getElementById("preview");
  if (root === null) return;
  let language = initialLanguage();
  const workbook = new SimWorkbook(["Sheet1"]);
  // Before anything calculates: the engine hands the COLLECT functions what this host would.
  workbook.host = initialHost();
  const host = createSimHost(workbook);

  const bridge: PreviewBridge = {
    run: (batch) => host.run(batch),
    isSetSupported: (name, minVersion) => host.isSetSupported(name, minVersion),
    get displayLanguage() {
      return language === "zh" ? "zh-CN" : "en-US";
    },
    get excelHost() {
      return workbook.host.id;
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
  // The function reference page, served beside this one (functions.html, functions.zh-cn.html).
  const referenceLink = h("a", { class: "pv-reference", attrs: { target: "_blank", rel: "noopener" } });
  const frame = h("iframe", { class: "pv-pane", attrs: { name: "collectkpi-pane" } });
  // The host badge: the active profile's label, and a link to the other one (a real URL, so it
  // also works opened in a new tab; a plain click switches in place and keeps the workbook).
  const hostBadge = h("span", { class: "pv-host__badge", id: "pv-host-badge" });
  const hostLink = h("a", { class: "pv-host__switch" });
  const hostGroup = h("div", { class: "pv-host", attrs: { role: "group" } }, hostBadge, hostLink);
  const otherHost = (): ExcelHostProfile => (workbook.host.id === "web" ? EXCEL_HOSTS.desktop : EXCEL_HOSTS.web);
  /** This page's URL with ?lang= and ?excel= as given (other parameters kept). */
  const urlWith = (lang: Language, host: ExcelHostProfile): URL => {
    const url = new URL(location.href);
    url.searchParams.set("lang", lang);
    url.searchParams.set("excel", host.id);
    return url;
  };
  const showHost = (): void => {
    const s = PREVIEW_STRINGS[language];
    const host = workbook.host;
    document.body.dataset.excel = host.id;
    hostGroup.setAttribute("aria-label", s.hostLabel);
    hostBadge.textContent = host.label[language];
    hostBadge.title = s.hostDetails(host);
    hostLink.textContent = s.hostSwitch(otherHost().label[language]);
    hostLink.title = s.hostSwitchTitle;
    const url = urlWith(language, otherHost());
    hostLink.href = `${url.pathname}${url.search}${url.hash}`;
  };

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
    referenceLink.textContent = s.referenceLink;
    referenceLink.title = s.referenceTitle;
    referenceLink.href = REFERENCE_PAGE[language];
    for (const b of langButtons) b.setAttribute("aria-pressed", String(b.dataset.lang === language));
    showHost();
    view.setStrings(s);
    showEngine();
  };
  // The pane reads its language once, at start-up (as in Excel): reload its frame on a switch.
  const loadPane = (): void => {
    frame.src = `preview-pane.html?lang=${language}&excel=${workbook.host.id}`;
  };
  function setLanguage(lang: Language): void {
    if (lang === language) return;
    language = lang;
    calculator?.setLanguage(lang, workbook);
    history.replaceState(null, "", urlWith(lang, workbook.host));
    applyLanguage();
    loadPane();
  }
  /** Behaves as another Excel host from now on: the engine recalculates every formula as that host would; the workbook stays. */
  function setHost(host: ExcelHostProfile): void {
    if (host.id === workbook.host.id) return;
    workbook.host = host;
    // Re-attaching marks every formula for recalculation; the engine rebuilds for the new host.
    if (calculator !== undefined) workbook.setCalculator(calculator);
    history.replaceState(null, "", urlWith(language, host));
    showHost();
    // The pane reads the platform once, at start-up, as in Excel.
    loadPane();
  }
  hostLink.addEventListener("click", (e) => {
    // A new tab or window (modifier keys, middle button) opens a fresh preview on that host.
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    setHost(otherHost());
  });

  replaceChildren(
    root,
    h(
      "header",
      { class: "pv-header" },
      h("div", { class: "pv-header__text" }, title, subtitle),
      h("div", { class: "pv-header__controls" }, referenceLink, hostGroup, h("div", { class: "pv-switch", attrs: { role: "group", "aria-labelledby": "pv-lang-label" } }, switchLabel, ...langButtons))
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

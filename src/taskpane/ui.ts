/**
 * The task pane's DOM: header, five tabs (Templates, Data, Functions, Benchmarks, Share) and their
 * panels. Thin on purpose: what to show and what each button does is PaneController's;
 * this file renders it and wires events. Runs against any Host: Excel (officeHost) or the
 * browser preview's simulated workbook (createSimHost), so the preview shows this very pane.
 */
import type { Language } from "../core";
import type { TemplateDef } from "../templates/types";
import { FunctionEntry, PaneController, Status, nextTabIndex } from "./controller";
import type { PanelKit } from "./dataPanel";
import { DATA_STRINGS } from "./dataStrings";
import { h, replaceChildren } from "./dom";
import type { Host } from "./host";
import { pickLanguage } from "./strings";
import { ensureStylesheet } from "./stylesheet";

export interface MountOptions {
  readonly templates: readonly TemplateDef[];
  /** Forces the language; default: setLanguageOverride, then ?lang=, then host.displayLanguage. */
  readonly language?: Language;
  /** The header icon; default "assets/icon-32.png" beside the page. */
  readonly iconUrl?: string;
}

export interface MountedPane {
  readonly controller: PaneController;
  /** Removes the pane from its root. */
  destroy(): void;
}

type TabId = "templates" | "data" | "functions" | "benchmarks" | "share";

let uid = 0;
const nextId = (prefix: string): string => `ck-${prefix}-${++uid}`;

function renderStatus(el: HTMLElement, status: Status | undefined): void {
  el.className = status === undefined ? "ck-status" : `ck-status ck-status--${status.tone}`;
  if (status === undefined) {
    replaceChildren(el);
    return;
  }
  replaceChildren(
    el,
    h("p", { class: "ck-status__text" }, status.text),
    status.details !== undefined && status.details.length > 0
      ? h("ul", { class: "ck-status__details" }, ...status.details.map((d) => h("li", {}, d)))
      : null
  );
}

function statusRegion(): HTMLDivElement {
  return h("div", { class: "ck-status", attrs: { role: "status", "aria-live": "polite" } });
}

export function mountTaskpane(root: HTMLElement, host: Host, options: MountOptions): MountedPane {
  const language = options.language ?? pickLanguage(host.displayLanguage, typeof location === "undefined" ? "" : location.search);
  const controller = new PaneController(host, options.templates, language);
  const s = controller.strings;
  const actionButtons = new Set<HTMLButtonElement>();
  let busy = false;

  /** Runs one workbook action: every action button disabled meanwhile, progress then result in `statusEl` (cleared for undefined). */
  const run = async (statusEl: HTMLElement, progress: string, action: () => Promise<Status | undefined>): Promise<void> => {
    if (busy) return;
    busy = true;
    for (const b of actionButtons) b.disabled = true;
    renderStatus(statusEl, { tone: "progress", text: progress });
    try {
      renderStatus(statusEl, await action());
    } catch (e) {
      renderStatus(statusEl, controller.describeError(e));
    } finally {
      busy = false;
      for (const b of actionButtons) b.disabled = false;
    }
  };
  const actionButton = (label: string, variant: "primary" | "secondary" | "danger" = "secondary"): HTMLButtonElement => {
    const b = h("button", { class: `ck-button ck-button--${variant}`, attrs: { type: "button" } }, label);
    actionButtons.add(b);
    return b;
  };

  /**
   * A confirm step, hidden until opened: the question, anything shown under it, then the
   * confirm and Cancel buttons. Cancel and Escape both call onCancel; opening moves the focus
   * to Cancel, the safe choice.
   */
  const confirmStep = (question: string, below: readonly HTMLElement[], confirm: HTMLButtonElement, cancelLabel: string, onCancel: () => void) => {
    const questionId = nextId("confirm-q");
    const text = h("p", { id: questionId, class: "ck-confirm__text" }, question);
    const cancel = h("button", { class: "ck-button ck-button--secondary", attrs: { type: "button" } }, cancelLabel);
    const box = h(
      "div",
      { class: "ck-confirm", attrs: { role: "group", "aria-labelledby": questionId } },
      text,
      ...below,
      h("div", { class: "ck-actions" }, confirm, cancel)
    );
    box.hidden = true;
    cancel.addEventListener("click", onCancel);
    box.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onCancel();
      }
    });
    return {
      box,
      text,
      open: (): void => {
        box.hidden = false;
        cancel.focus();
      },
    };
  };

  // ---------------------------------------------------------------- templates

  const templatesPanel = (): HTMLElement => {
    const cards = controller.cards();
    const list = h("ul", { class: "ck-cards", attrs: { role: "list" } });
    for (const card of cards) {
      const titleId = nextId("card");
      const sampleId = nextId("sample");
      const sample = h("input", { id: sampleId, attrs: { type: "checkbox" } });
      const status = statusRegion();
      const insert = actionButton(s.insert, "primary");
      insert.setAttribute("aria-describedby", titleId);
      insert.addEventListener("click", () => void run(status, s.inserting, () => controller.insertTemplate(card.id, sample.checked)));
      list.appendChild(
        h(
          "li",
          { class: "ck-card", attrs: { "aria-labelledby": titleId } },
          h("h3", { class: "ck-card__title", id: titleId }, card.title),
          h("p", { class: "ck-card__text" }, card.description),
          card.metrics.length > 0
            ? h(
                "div",
                { class: "ck-card__metrics" },
                h("span", { class: "ck-label" }, s.metricsLabel),
                h("ul", { class: "ck-chips", attrs: { role: "list" } }, ...card.metrics.map((m) => h("li", { class: "ck-chip", attrs: { title: m.id } }, m.name)))
              )
            : null,
          h("div", { class: "ck-card__actions" }, h("label", { class: "ck-check", attrs: { for: sampleId } }, sample, h("span", {}, s.includeSample)), insert),
          status
        )
      );
    }
    return h("div", {}, h("p", { class: "ck-intro" }, s.templatesIntro), cards.length > 0 ? list : h("p", { class: "ck-empty" }, s.noTemplates));
  };

  // ---------------------------------------------------------------- functions

  const functionsPanel = (): HTMLElement => {
    const searchId = nextId("search");
    const search = h("input", {
      id: searchId,
      class: "ck-input",
      attrs: { type: "search", placeholder: s.searchPlaceholder, autocomplete: "off", spellcheck: "false" },
    });
    const count = h("p", { class: "ck-count", attrs: { role: "status", "aria-live": "polite" } });
    const list = h("ul", { class: "ck-fnlist", attrs: { role: "list", "aria-label": s.functionsListLabel } });
    const details = h("div", { class: "ck-details" }, h("p", { class: "ck-empty" }, s.pickFunction));
    /** A link that opens the reference page beside the workbook (a new browser window from Excel). */
    const referenceLink = (href: string, text: string, title?: string): HTMLAnchorElement =>
      h("a", { class: "ck-link", attrs: { href, target: "_blank", rel: "noopener", ...(title !== undefined ? { title } : {}) } }, text);
    let selected: string | undefined;

    const showDetails = (entry: FunctionEntry): void => {
      const d = controller.details(entry);
      const status = statusRegion();
      const insert = actionButton(s.insertIntoCell, "primary");
      insert.disabled = busy;
      // One field per required argument, each with "Use selection": the formula is written with
      // these, never with placeholder names (Excel would show #NAME?).
      const fields = controller.argumentFields(entry).map((field) => {
        const inputId = nextId("arg");
        const input = h("input", {
          id: inputId,
          class: "ck-input ck-arg__input",
          attrs: { type: "text", autocomplete: "off", spellcheck: "false", placeholder: s.argumentPlaceholder, title: field.help },
        });
        input.value = field.initial;
        const pick = actionButton(s.useSelection);
        pick.classList.add("ck-arg__pick");
        pick.disabled = busy;
        pick.setAttribute("aria-label", s.useSelectionFor(field.name));
        pick.addEventListener("click", () =>
          void run(status, s.readingSelection, async () => {
            const picked = await controller.useSelection();
            if (picked.address !== undefined) {
              input.value = picked.address;
              input.focus();
            }
            return picked.status;
          })
        );
        const row = h(
          "div",
          { class: "ck-arg" },
          h("label", { class: "ck-arg__label", attrs: { for: inputId } }, h("code", {}, field.name)),
          h("div", { class: "ck-arg__row" }, input, pick)
        );
        return { input, row };
      });
      insert.addEventListener("click", () =>
        void run(status, s.insertingFormula, () =>
          controller.insertFunction(
            entry,
            fields.map((f) => f.input.value)
          )
        )
      );
      replaceChildren(
        details,
        h("h3", { class: "ck-details__title" }, d.title),
        h("p", { class: "ck-details__sub" }, d.subtitle),
        d.description !== "" ? h("p", { class: "ck-details__text" }, d.description) : null,
        h("pre", { class: "ck-code" }, h("code", {}, d.skeleton)),
        h("h4", { class: "ck-h4" }, s.parametersLabel),
        d.params.length === 0
          ? h("p", { class: "ck-empty" }, s.noParameters)
          : h(
              "dl",
              { class: "ck-params" },
              ...d.params.flatMap((p) => [
                h("dt", {}, h("code", {}, p.name), p.optional ? h("span", { class: "ck-optional" }, ` (${s.optional})`) : null),
                h("dd", {}, p.help),
              ])
            ),
        d.facts.length > 0 ? h("dl", { class: "ck-facts" }, ...d.facts.flatMap((f) => [h("dt", {}, f.label), h("dd", {}, f.value)])) : null,
        h("p", { class: "ck-details__ref" }, referenceLink(controller.referenceUrl(entry), s.referenceFor(d.fn))),
        fields.length > 0
          ? h(
              "fieldset",
              { class: "ck-fieldset ck-args" },
              h("legend", { class: "ck-field-label" }, s.argumentsLabel),
              h("p", { class: "ck-arg__hint" }, s.argumentsHint),
              ...fields.map((f) => f.row)
            )
          : null,
        h("div", { class: "ck-actions" }, insert),
        status
      );
      // The previous details' button is gone: stop tracking it.
      for (const b of actionButtons) if (!b.isConnected && b !== insert) actionButtons.delete(b);
    };

    const renderList = (): void => {
      const entries = controller.searchFunctions(search.value);
      count.textContent = entries.length === 0 ? s.noMatches : s.resultsCount(entries.length);
      replaceChildren(
        list,
        ...entries.map((e) => {
          const button = h(
            "button",
            { class: "ck-fn", attrs: { type: "button", "aria-current": String(e.key === selected) } },
            h("span", { class: "ck-fn__title" }, e.title),
            h("span", { class: "ck-fn__sub" }, e.subtitle)
          );
          button.addEventListener("click", () => {
            selected = e.key;
            list.querySelectorAll("button.ck-fn").forEach((other) => other.setAttribute("aria-current", "false"));
            button.setAttribute("aria-current", "true");
            showDetails(e);
          });
          return h("li", {}, button);
        })
      );
    };
    search.addEventListener("input", renderList);
    renderList();

    return h(
      "div",
      {},
      h("p", { class: "ck-intro ck-reference" }, referenceLink(controller.referenceUrl(), s.referenceLink, s.referenceLinkTitle)),
      h("label", { class: "ck-field-label", attrs: { for: searchId } }, s.searchLabel),
      search,
      count,
      list,
      details
    );
  };

  // ---------------------------------------------------------------- benchmarks

  const benchmarksPanel = (): HTMLElement => {
    const status = statusRegion();
    const open = actionButton(s.openBenchmarks, "primary");
    const check = actionButton(s.checkBenchmarks);
    const reset = actionButton(s.resetButton, "danger");
    const confirm = actionButton(s.resetConfirm, "danger");
    const closeConfirm = (): void => {
      step.box.hidden = true;
      reset.focus();
    };
    const step = confirmStep(s.resetQuestion, [], confirm, s.resetCancel, () => {
      renderStatus(status, controller.cancelReset());
      closeConfirm();
    });
    open.addEventListener("click", () => void run(status, s.inserting, () => controller.openBenchmarks()));
    check.addEventListener("click", () => void run(status, s.checking, () => controller.checkBenchmarks()));
    reset.addEventListener("click", () => {
      if (busy) return;
      controller.requestReset();
      renderStatus(status, undefined);
      step.open();
    });
    confirm.addEventListener("click", () => {
      step.box.hidden = true;
      void run(status, s.resetting, () => controller.confirmReset()).then(() => reset.focus());
    });

    return h(
      "div",
      {},
      h("p", { class: "ck-intro" }, s.benchmarksIntro),
      h("div", { class: "ck-stack" }, open, check, reset),
      step.box,
      status
    );
  };

  // ---------------------------------------------------------------- share

  const sharePanel = (): HTMLElement => {
    const status = statusRegion();
    const group = nextId("portable");
    /** A radio group as a fieldset: arrow keys move within it, as the platform does. */
    const radios = <V extends string>(legend: string, name: string, options: readonly { value: V; label: string; hint?: string }[]) => {
      const inputs = options.map((o, i) => {
        const id = nextId(`${name}-${o.value}`);
        const hintId = o.hint !== undefined ? nextId(`${name}-hint`) : undefined;
        const input = h("input", { id, attrs: { type: "radio", name: `${group}-${name}`, value: o.value, ...(hintId ? { "aria-describedby": hintId } : {}) } });
        input.checked = i === 0;
        const row = h(
          "div",
          { class: "ck-radio" },
          input,
          h("label", { attrs: { for: id } }, h("span", { class: "ck-radio__label" }, o.label), hintId ? h("span", { id: hintId, class: "ck-radio__hint" }, o.hint ?? "") : null)
        );
        return { input, row, value: o.value };
      });
      const fieldset = h("fieldset", { class: "ck-fieldset" }, h("legend", { class: "ck-field-label" }, legend), ...inputs.map((x) => x.row));
      const value = (): V => (inputs.find((x) => x.input.checked) ?? inputs[0]).value;
      return { fieldset, value, inputs: inputs.map((x) => x.input) };
    };
    const scope = radios(s.scopeLabel, "scope", [
      { value: "active", label: s.scopeActive },
      { value: "all", label: s.scopeAll },
    ] as const);
    const mode = radios(s.modeLabel, "mode", [
      { value: "native", label: s.modeNative, hint: s.modeNativeHint },
      { value: "freeze", label: s.modeFreeze, hint: s.modeFreezeHint },
    ] as const);
    const review = actionButton(s.portableButton, "primary");
    const questionDetails = h("ul", { class: "ck-status__details" });
    const undo = h("p", { class: "ck-confirm__note" }, s.portableUndo);
    const confirm = actionButton(s.portableConfirmNative, "danger");
    const choices = [...scope.inputs, ...mode.inputs];
    const closeConfirm = (focus: boolean): void => {
      step.box.hidden = true;
      for (const c of choices) c.disabled = false;
      if (focus) review.focus();
    };
    const step = confirmStep("", [questionDetails, undo], confirm, s.portableCancel, () => {
      renderStatus(status, controller.cancelPortable());
      closeConfirm(true);
    });
    review.addEventListener("click", () => {
      if (busy) return;
      void run(status, s.portableReviewing, async () => {
        const result = await controller.reviewPortable({ scope: scope.value(), mode: mode.value() });
        if (result.question === undefined) return result.status ?? { tone: "info", text: s.portableCancelled };
        step.text.textContent = result.question.text;
        replaceChildren(questionDetails, ...result.question.details.map((d) => h("li", {}, d)));
        questionDetails.hidden = result.question.details.length === 0;
        confirm.textContent = result.question.confirmLabel;
        // The choice is fixed while the question is open: what is confirmed is what was reviewed.
        for (const c of choices) c.disabled = true;
        step.box.hidden = false;
        return undefined;
      }).then(() => {
        if (!step.box.hidden) step.open();
      });
    });
    confirm.addEventListener("click", () => {
      closeConfirm(false);
      void run(status, s.portableConverting, () => controller.confirmPortable()).then(() => review.focus());
    });

    return h("div", {}, h("p", { class: "ck-intro" }, s.shareIntro), scope.fieldset, mode.fieldset, h("div", { class: "ck-actions" }, review), step.box, status);
  };

  // ---------------------------------------------------------------- data

  // The Data tab (its parsers and import logic) is its own chunk, fetched the first time the tab
  // is opened: the pane's first load stays as small as before the tab existed.
  const dataRoot = h("div", { class: "ck-data-root" }, h("p", { class: "ck-intro" }, s.loading));
  const dataTab = (): HTMLElement => dataRoot;
  let dataLoading: Promise<void> | undefined;
  const loadDataTab = (): Promise<void> =>
    (dataLoading ??= import(/* webpackChunkName: "taskpane-data" */ "./dataPanel")
      .then(({ mountDataPanel }) => {
        const kit: PanelKit = { run, actionButton, statusRegion, renderStatus, nextId };
        replaceChildren(dataRoot, mountDataPanel(host, options.templates, language, kit));
      })
      .catch((e: unknown) => {
        dataLoading = undefined;
        const status = statusRegion();
        renderStatus(status, controller.describeError(e));
        replaceChildren(dataRoot, status);
      }));

  // ---------------------------------------------------------------- tabs

  const tabs: { id: TabId; label: string; build: () => HTMLElement; shown?: () => void }[] = [
    { id: "templates", label: s.tabTemplates, build: templatesPanel },
    { id: "data", label: DATA_STRINGS[language].tab, build: dataTab, shown: () => loadDataTab() },
    { id: "functions", label: s.tabFunctions, build: functionsPanel },
    { id: "benchmarks", label: s.tabBenchmarks, build: benchmarksPanel },
    { id: "share", label: s.tabShare, build: sharePanel },
  ];
  const tablist = h("div", { class: "ck-tabs", attrs: { role: "tablist", "aria-label": s.tabsLabel } });
  const tabButtons: HTMLButtonElement[] = [];
  const panels: HTMLElement[] = [];
  for (const tab of tabs) {
    const tabId = nextId(`tab-${tab.id}`);
    const panelId = nextId(`panel-${tab.id}`);
    const button = h("button", { id: tabId, class: "ck-tab", attrs: { type: "button", role: "tab", "aria-controls": panelId } }, tab.label);
    const panel = h("section", { id: panelId, class: "ck-panel", attrs: { role: "tabpanel", "aria-labelledby": tabId, tabindex: "0" } }, tab.build());
    tabButtons.push(button);
    panels.push(panel);
    tablist.appendChild(button);
  }
  const select = (index: number, focus: boolean): void => {
    tabButtons.forEach((b, i) => {
      b.setAttribute("aria-selected", String(i === index));
      b.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    tabs[index].shown?.();
    if (focus) tabButtons[index].focus();
  };
  tabButtons.forEach((b, i) => b.addEventListener("click", () => select(i, false)));
  tablist.addEventListener("keydown", (e) => {
    const current = tabButtons.indexOf(e.target as HTMLButtonElement);
    if (current < 0) return;
    const next = nextTabIndex(e.key, current, tabButtons.length);
    if (next === undefined) return;
    e.preventDefault();
    select(next, true);
  });
  select(0, false);

  const icon = h("img", { class: "ck-header__icon", attrs: { src: options.iconUrl ?? "assets/icon-32.png", alt: "", width: "28", height: "28" } });
  icon.addEventListener("error", () => (icon.hidden = true), { once: true });
  const app = h(
    "div",
    { class: "ck-app", attrs: { lang: language === "zh" ? "zh-CN" : "en" } },
    h(
      "header",
      { class: "ck-header" },
      icon,
      h("div", {}, h("h1", { class: "ck-header__title" }, s.appName), h("p", { class: "ck-header__tagline" }, s.appTagline))
    ),
    tablist,
    ...panels
  );
  app.hidden = true;
  replaceChildren(root, app);
  void ensureStylesheet(root.ownerDocument).then(() => {
    app.hidden = false;
  });

  return {
    controller,
    destroy: () => replaceChildren(root),
  };
}

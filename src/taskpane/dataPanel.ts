/**
 * The Data tab's DOM: source (range or file), mapping, check, build, saved imports with
 * Refresh, and a progress bar with Cancel. What to show and what each button does is
 * DataController's; this renders it and wires events, with the pane's own helpers (ui.ts).
 */
import type { Language } from "../core";
import type { FieldId } from "../data/model";
import type { DatasetKind, SavedImport } from "../data/model";
import { DATASET_KINDS } from "../data/schema";
import type { TemplateDef } from "../templates/types";
import type { Status } from "./controller";
import { DataController, FileInput, Progress } from "./dataController";
import { h, replaceChildren } from "./dom";
import { HEAD_BYTES, route } from "./bigdata/plan";
import type { Host } from "./host";

/** What ui.ts lends the panel: its busy-aware runner, buttons and status regions. */
export interface PanelKit {
  run(statusEl: HTMLElement, progress: string, action: () => Promise<Status | undefined>): Promise<void>;
  actionButton(label: string, variant?: "primary" | "secondary" | "danger"): HTMLButtonElement;
  statusRegion(): HTMLDivElement;
  renderStatus(el: HTMLElement, status: Status | undefined): void;
  nextId(prefix: string): string;
}

/**
 * A chosen file's bytes, read in the pane (never uploaded). A file beyond the grid's size is
 * not read whole: only its first HEAD_BYTES, to check its header and encoding; the engine reads
 * the rest from the File itself (bigdata/engine.ts).
 */
async function readChosen(input: HTMLInputElement): Promise<FileInput | undefined> {
  const file = input.files?.[0];
  if (file === undefined) return undefined;
  const bytes = new Uint8Array(await (route(file.size).engine ? file.slice(0, HEAD_BYTES) : file).arrayBuffer());
  // The same file can be chosen again (after fixing it): clear the input.
  input.value = "";
  return { name: file.name, bytes, file, size: file.size };
}

/** The Data tab's content with its own controller: what ui.ts loads (as its own chunk) when the tab is first opened. */
export function mountDataPanel(host: Host, templates: readonly TemplateDef[], language: Language, kit: PanelKit): HTMLElement {
  return dataPanel(new DataController(host, templates, language), kit);
}

export function dataPanel(controller: DataController, kit: PanelKit): HTMLElement {
  const s = controller.strings;
  const d = (cls: string, ...children: (Node | string | null)[]): HTMLDivElement => h("div", { class: cls }, ...children);

  // ---- progress (role=progressbar) and Cancel
  const progressText = h("span", { class: "ck-progress__text" });
  const bar = h("div", { class: "ck-progress__bar" });
  const track = h("div", { class: "ck-progress__track", attrs: { role: "progressbar", "aria-label": s.progressLabel, "aria-valuemin": "0", "aria-valuemax": "100" } }, bar);
  const cancel = h("button", { class: "ck-button ck-button--secondary ck-progress__cancel", attrs: { type: "button" } }, s.cancel);
  const progress = d("ck-progress", d("ck-progress__row", progressText, cancel), track);
  progress.hidden = true;
  cancel.addEventListener("click", () => {
    controller.cancel();
    cancel.disabled = true;
  });
  controller.onProgress = (p: Progress | undefined): void => {
    if (p === undefined) {
      progress.hidden = true;
      return;
    }
    progress.hidden = false;
    progressText.textContent = p.text;
    cancel.disabled = !p.cancellable;
    if (p.value === undefined) {
      track.removeAttribute("aria-valuenow");
      track.classList.add("ck-progress__track--busy");
      bar.style.width = "100%";
    } else {
      const pct = Math.max(0, Math.min(100, Math.round(p.value * 100)));
      track.setAttribute("aria-valuenow", String(pct));
      track.setAttribute("aria-valuetext", p.text);
      track.classList.remove("ck-progress__track--busy");
      bar.style.width = `${pct}%`;
    }
  };

  // ---- 1. source
  const sourceStatus = kit.statusRegion();
  const useRange = kit.actionButton(s.useRange);
  const chooseFile = kit.actionButton(s.chooseFile, "primary");
  const fileInput = h("input", { class: "ck-file", attrs: { type: "file", accept: ".csv,.txt,.xlsx,text/csv", "aria-label": s.chooseFile, tabindex: "-1" } });
  fileInput.hidden = true;
  chooseFile.addEventListener("click", () => fileInput.click());
  const rangeHint = kit.nextId("range-hint");
  const fileHint = kit.nextId("file-hint");
  useRange.setAttribute("aria-describedby", rangeHint);
  chooseFile.setAttribute("aria-describedby", fileHint);

  // ---- 2. mapping
  const mapping = h("fieldset", { class: "ck-fieldset ck-data__step" }, h("legend", { class: "ck-field-label" }, s.mappingLegend));
  const kindId = kit.nextId("kind");
  const kindSelect = h("select", { id: kindId, class: "ck-input ck-select" });
  for (const kind of DATASET_KINDS) kindSelect.appendChild(h("option", { attrs: { value: kind } }, s.kinds[kind]));
  const mapTable = h("table", { class: "ck-map" });
  const definitions = h("ul", { class: "ck-defs" });
  const checkButton = kit.actionButton(s.confirm, "primary");
  const checkStatus = kit.statusRegion();
  // A file beyond the grid: the check is the engine's run, which also writes the results.
  const bigHint = h("p", { id: kit.nextId("big-hint"), class: "ck-hint ck-hint--below" }, controller.bigStrings.runHint);
  bigHint.hidden = true;
  mapping.append(
    h("label", { class: "ck-label", attrs: { for: kindId } }, s.kindLabel),
    kindSelect,
    mapTable,
    h("h4", { class: "ck-h4" }, s.definitionsLabel),
    definitions,
    d("ck-actions", checkButton),
    bigHint,
    checkStatus
  );
  mapping.hidden = true;

  // ---- 3. build
  const build = h("fieldset", { class: "ck-fieldset ck-data__step" }, h("legend", { class: "ck-field-label" }, s.buildLegend));
  const templateId = kit.nextId("template");
  const templateSelect = h("select", { id: templateId, class: "ck-input ck-select" });
  const monthId = kit.nextId("month");
  const monthSelect = h("select", { id: monthId, class: "ck-input ck-select" });
  const buildButton = kit.actionButton(s.build, "primary");
  const buildStatus = kit.statusRegion();
  const noTemplate = h("p", { class: "ck-empty" }, s.noTemplate);
  const templateHint = h("p", { id: kit.nextId("template-hint"), class: "ck-hint ck-hint--below" });
  templateSelect.setAttribute("aria-describedby", templateHint.id);
  // In a plain div, so hiding it (the Monthly trend needs no month) is not undone by .ck-label's display.
  const monthField = h("div", {}, h("label", { class: "ck-label", attrs: { for: monthId } }, s.monthLabel), monthSelect);
  build.append(
    h("label", { class: "ck-label", attrs: { for: templateId } }, s.templateLabel),
    templateSelect,
    templateHint,
    noTemplate,
    monthField,
    d("ck-actions", buildButton),
    buildStatus
  );
  build.hidden = true;

  // ---- saved imports
  const savedList = h("ul", { class: "ck-saved", attrs: { role: "list" } });
  const savedStatus = kit.statusRegion();
  const saved = h("fieldset", { class: "ck-fieldset ck-data__step" }, h("legend", { class: "ck-field-label" }, s.savedLegend), savedList, savedStatus);
  saved.hidden = true;
  const refreshInput = h("input", { class: "ck-file", attrs: { type: "file", accept: ".csv,.txt,.xlsx,text/csv", "aria-label": s.refresh, tabindex: "-1" } });
  refreshInput.hidden = true;
  let refreshing: SavedImport | undefined;

  const renderSaved = (items: readonly SavedImport[]): void => {
    saved.hidden = items.length === 0;
    replaceChildren(
      savedList,
      ...items.map((item) => {
        const button = kit.actionButton(s.refresh);
        button.addEventListener("click", () => {
          if (controller.needsFile(item)) {
            refreshing = item;
            kit.renderStatus(savedStatus, { tone: "info", text: s.refreshChooseFile(item.source.replace(/^file:/, "")) });
            refreshInput.click();
            return;
          }
          void kit.run(savedStatus, s.reading, () => controller.refresh(item));
        });
        return h("li", { class: "ck-saved__item" }, h("span", { class: "ck-saved__label" }, controller.savedLabel(item)), button);
      })
    );
  };
  refreshInput.addEventListener("change", () => {
    const item = refreshing;
    if (item === undefined) return;
    void kit.run(savedStatus, s.reading, async () => {
      const file = await readChosen(refreshInput);
      return file === undefined ? undefined : controller.refresh(item, file);
    });
  });

  // ---- rendering the steps
  const renderMapping = (): void => {
    mapping.hidden = !controller.hasData;
    build.hidden = true;
    kit.renderStatus(checkStatus, undefined);
    kit.renderStatus(buildStatus, undefined);
    if (!controller.hasData) return;
    checkButton.textContent = controller.isBig ? controller.bigStrings.run : s.confirm;
    bigHint.hidden = !controller.isBig;
    if (controller.isBig) checkButton.setAttribute("aria-describedby", bigHint.id);
    else checkButton.removeAttribute("aria-describedby");
    kindSelect.value = controller.kind ?? "payments";
    const headers = controller.headers;
    replaceChildren(
      mapTable,
      h("thead", {}, h("tr", {}, h("th", { attrs: { scope: "col" } }, s.fieldHeader), h("th", { attrs: { scope: "col" } }, s.columnHeader))),
      h(
        "tbody",
        {},
        ...controller.mappingRows().map((row) => {
          const id = kit.nextId(`map-${row.field}`);
          const select = h("select", { id, class: "ck-input ck-select", attrs: row.required ? { "aria-required": "true" } : {} });
          select.appendChild(h("option", { attrs: { value: "" } }, s.notMapped));
          headers.forEach((header, i) => select.appendChild(h("option", { attrs: { value: String(i) } }, header === "" ? `(${i + 1})` : header)));
          select.value = row.column === undefined ? "" : String(row.column);
          select.dataset.field = row.field;
          select.addEventListener("change", () => {
            controller.setColumn(row.field as FieldId, select.value === "" ? undefined : Number(select.value));
            renderMapping();
            // Keep the focus where the user was (the table was rebuilt).
            mapTable.querySelector<HTMLSelectElement>(`select[data-field="${row.field}"]`)?.focus();
          });
          return h(
            "tr",
            {},
            h("th", { attrs: { scope: "row" } }, h("label", { attrs: { for: id } }, row.label), row.required ? h("span", { class: "ck-required" }, ` (${s.required})`) : null),
            h("td", {}, select)
          );
        })
      )
    );
    replaceChildren(definitions, ...controller.definitions().map((line) => h("li", {}, line)));
  };

  let options: ReturnType<DataController["buildOptions"]> = [];
  const showHint = (): void => {
    templateHint.textContent = options.find((o) => o.id === templateSelect.value)?.hint ?? "";
    // The Monthly trend takes every month of the data: no month to choose.
    monthField.hidden = !(templateSelect.hidden || controller.needsMonth(templateSelect.value));
  };
  templateSelect.addEventListener("change", showHint);
  const renderBuild = (): void => {
    options = controller.buildOptions();
    replaceChildren(templateSelect, ...options.map((o) => h("option", { attrs: { value: o.id } }, o.label)));
    templateSelect.hidden = options.length === 0;
    templateHint.hidden = options.length === 0;
    noTemplate.hidden = options.length > 0;
    const months = controller.months();
    replaceChildren(monthSelect, ...months.map((m) => h("option", { attrs: { value: m } }, m)));
    monthSelect.value = months[months.length - 1] ?? "";
    showHint();
    build.hidden = controller.checked === undefined;
  };

  // ---- events
  const afterRead = (status: Status): Status => {
    renderMapping();
    return status;
  };
  useRange.addEventListener("click", () => void kit.run(sourceStatus, s.reading, async () => afterRead(await controller.readRange())));
  fileInput.addEventListener("change", () =>
    void kit.run(sourceStatus, s.reading, async () => {
      const file = await readChosen(fileInput);
      if (file === undefined) return undefined;
      return afterRead(await controller.readFile(file));
    })
  );
  kindSelect.addEventListener("change", () => {
    controller.setKind(kindSelect.value as DatasetKind);
    renderMapping();
    kindSelect.focus();
  });
  checkButton.addEventListener("click", () =>
    void kit.run(checkStatus, controller.isBig ? controller.bigStrings.loading() : s.checking, async () => {
      if (controller.isBig) return controller.aggregateOutside();
      const status = await controller.check();
      renderBuild();
      return status;
    })
  );
  buildButton.addEventListener("click", () =>
    void kit.run(buildStatus, s.writing, async () => {
      const status = await controller.build(templateSelect.hidden ? "" : templateSelect.value, monthSelect.value);
      renderSaved(controller.savedImports);
      return status;
    })
  );

  void controller.loadSaved().then(renderSaved);

  return h(
    "div",
    { class: "ck-data" },
    h("p", { class: "ck-intro" }, s.intro),
    h(
      "fieldset",
      { class: "ck-fieldset ck-data__step" },
      h("legend", { class: "ck-field-label" }, s.sourceLegend),
      d("ck-stack", chooseFile, h("p", { id: fileHint, class: "ck-hint" }, s.chooseFileHint), useRange, h("p", { id: rangeHint, class: "ck-hint" }, s.useRangeHint)),
      fileInput,
      sourceStatus
    ),
    progress,
    mapping,
    build,
    saved,
    refreshInput
  );
}

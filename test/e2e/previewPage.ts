/**
 * What the end-to-end suites do on the preview page, as a user would: find the task pane's
 * frame and the grid's cells, type into a cell, insert a template from the gallery, and wait
 * for the grid to show a value. One copy for every suite.
 */
import type { FrameLocator, Locator, Page } from "playwright-core";
import type { Language } from "../../src/core";
import type { ExcelHostId } from "../../src/hosts/profiles";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { templateById } from "../../src/templates";

export interface PreviewPage {
  /** The task pane's frame. */
  pane(): FrameLocator;
  /** A grid cell of the active sheet, by A1 address (in the document only while on screen or near it: see reveal). */
  cell(address: string): Locator;
  /**
   * Scrolls the grid until the cell is rendered (the grid renders the rows and columns on screen
   * and a margin around them), as a user scrolls to it; the selection stays where it is.
   */
  reveal(address: string): Promise<void>;
  /**
   * A cell's box on screen, once the grid has settled: a scroll re-renders the grid on the next
   * frame, and a box read from a cell the re-render just replaced is null.
   */
  boxOf(address: string): Promise<{ x: number; y: number; width: number; height: number }>;
  /** Opens preview.html in `language` (as Excel `excel`, or the default host) and waits for the engine and the pane. */
  open(baseUrl: string, language: Language, excel?: ExcelHostId): Promise<void>;
  /** The computed background colour of a grid cell ("rgb(…)"). */
  fillOf(address: string): Promise<string>;
  /** Polls until the cell shows `expected` (the grid re-renders after each recalculation), then asserts it. */
  expectCell(address: string, expected: string): Promise<void>;
  /** Types into a cell of the active sheet (select, type, Enter), as in Excel. */
  typeInto(address: string, text: string): Promise<void>;
  /** Inserts a template from the task pane's gallery; returns the pane's message. */
  insert(templateId: string, language: Language, sample: boolean): Promise<string>;
  /** Waits until `status` shows a final message (not progress) other than `before`; returns its text. */
  waitForStatus(status: Locator, before: string | null): Promise<string>;
  /**
   * The grid has the keyboard focus: its focus target (the textarea over the selected cell that
   * keys and an IME go to) is the active element, not a cell's editor or anything outside the grid.
   */
  gridHasFocus(): Promise<boolean>;
}

/** `getPage` is read on each call: suites create their page in beforeAll. */
export function previewPage(getPage: () => Page): PreviewPage {
  const pane = (): FrameLocator => getPage().frameLocator("iframe.pv-pane");
  const cell = (address: string): Locator => getPage().locator(`.pv-grid td[data-cell="${address}"]`);

  const waitForStatus = async (status: Locator, before: string | null): Promise<string> => {
    const final = status.locator("xpath=self::*[contains(@class,'ck-status--success') or contains(@class,'ck-status--warning') or contains(@class,'ck-status--error') or contains(@class,'ck-status--info')]");
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && ((await final.count()) === 0 || (await status.textContent()) === before)) await getPage().waitForTimeout(50);
    return (await status.textContent()) ?? "";
  };

  const reveal = async (address: string): Promise<void> => {
    const found = await getPage().evaluate(async (a) => {
      const find = (): Element | null => document.querySelector(`.pv-grid td[data-cell="${a}"]`);
      const m = /^([A-Z]+)(\d+)$/.exec(a);
      const wrap = document.querySelector(".pv-gridwrap") as HTMLElement | null;
      if (m === null || wrap === null) return find() !== null;
      let column = 0;
      for (const ch of m[1]) column = column * 26 + ch.charCodeAt(0) - 64;
      column -= 1;
      const row = Number(m[2]) - 1;
      const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
      for (let i = 0; i < 400 && find() === null; i++) {
        const cols = Array.from(document.querySelectorAll<HTMLElement>(".pv-grid th.pv-colhead:not(.pv-frozen-col)")).map((th) => Number(th.dataset.column));
        const rows = Array.from(document.querySelectorAll<HTMLElement>(".pv-grid th.pv-rowhead:not(.pv-frozen-row)")).map((th) => Number(th.dataset.row));
        if (cols.length > 0 && column > Math.max(...cols)) wrap.scrollLeft += wrap.clientWidth / 2;
        else if (cols.length > 0 && column < Math.min(...cols)) wrap.scrollLeft -= wrap.clientWidth / 2;
        if (rows.length > 0 && row > Math.max(...rows)) wrap.scrollTop += wrap.clientHeight / 2;
        else if (rows.length > 0 && row < Math.min(...rows)) wrap.scrollTop -= wrap.clientHeight / 2;
        await frame();
      }
      return find() !== null;
    }, address);
    if (!found) throw new Error(`the grid never rendered ${address}`);
  };

  const boxOf = async (address: string): Promise<{ x: number; y: number; width: number; height: number }> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      // Two frames: the scroll event fires on the first, the re-rendered table is laid out by the second.
      await getPage().evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
      const box = await cell(address).boundingBox();
      if (box !== null) return box;
      if (Date.now() > deadline) throw new Error(`${address} has no box on screen`);
    }
  };

  return {
    pane,
    cell,
    reveal,
    boxOf,
    waitForStatus,
    gridHasFocus: () => getPage().evaluate(() => document.activeElement?.matches(".pv-gridwrap > textarea.pv-keys") === true),
    async open(baseUrl, language, excel) {
      await getPage().goto(`${baseUrl}preview.html?lang=${language}${excel === undefined ? "" : `&excel=${excel}`}`);
      await getPage().waitForSelector('body[data-engine="ready"]');
      await pane().getByRole("tab", { name: PANE[language].tabTemplates }).waitFor();
    },
    async fillOf(address) {
      await reveal(address);
      return cell(address).evaluate((td) => getComputedStyle(td).backgroundColor);
    },
    async expectCell(address, expected) {
      await reveal(address);
      const deadline = Date.now() + 5_000;
      let text = await cell(address).textContent();
      while (text !== expected && Date.now() < deadline) {
        await getPage().waitForTimeout(50);
        text = await cell(address).textContent();
      }
      expect(`${address}: ${text}`).toBe(`${address}: ${expected}`);
    },
    async typeInto(address, text) {
      await reveal(address);
      await cell(address).click();
      await getPage().keyboard.type(text);
      await getPage().keyboard.press("Enter");
    },
    async insert(templateId, language, sample) {
      const def = templateById(templateId);
      if (def === undefined) throw new Error(`no template ${templateId}`);
      const s = PANE[language];
      const card = pane()
        .locator("li.ck-card")
        .filter({ has: pane().getByRole("heading", { name: def.title[language], exact: true }) });
      const box = card.getByRole("checkbox", { name: s.includeSample });
      if (sample) await box.check();
      else await box.uncheck();
      // The card may still show the message of an earlier insert: wait for a new one.
      const status = card.locator(".ck-status--success, .ck-status--warning, .ck-status--error");
      const before = (await status.count()) > 0 ? await status.textContent() : null;
      await card.getByRole("button", { name: s.insert, exact: true }).click();
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && ((await status.count()) === 0 || (await status.textContent()) === before)) await getPage().waitForTimeout(50);
      expect(await status.getAttribute("class")).toBe("ck-status ck-status--success");
      return (await status.textContent()) ?? "";
    },
  };
}

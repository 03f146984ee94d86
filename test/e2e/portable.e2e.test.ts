/**
 * Issue 6 end to end: the Share tab's "Make portable" in the browser preview, as a user runs
 * it. The real task pane reviews, asks, and on confirm rewrites the COLLECT cells of the
 * simulated workbook; HyperFormula then computes the native formulas, and the grid shows the
 * same text in every cell as before. Cancel writes nothing.
 *
 * Screenshots: docs/screenshots/portable-confirm-en.png (the pane's question) and
 * portable-en.png (a converted M1 sheet, its native formula in the formula bar, the summary).
 */
import { mkdirSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import { STRINGS as PANE } from "../../src/taskpane/strings";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const SHOTS = join(ROOT, "docs", "screenshots");
const s = PANE.en;

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const { pane, cell, insert, typeInto, waitForStatus, open, reveal } = previewPage(() => page);

/**
 * Every grid cell's text, by address: the grid renders what is on screen (and a margin), so
 * this scrolls it over the whole sheet, half a screen at a time, and puts the scroll back.
 */
async function gridText(): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    const wrap = document.querySelector(".pv-gridwrap") as HTMLElement;
    const start = { top: wrap.scrollTop, left: wrap.scrollLeft };
    const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    for (let top = 0; ; top += wrap.clientHeight / 2) {
      for (let left = 0; ; left += wrap.clientWidth / 2) {
        wrap.scrollTop = top;
        wrap.scrollLeft = left;
        await frame();
        document.querySelectorAll<HTMLElement>(".pv-grid td[data-cell]").forEach((td) => {
          const text = td.textContent ?? "";
          if (text !== "") out[td.dataset.cell as string] = text;
        });
        if (left + wrap.clientWidth >= wrap.scrollWidth) break;
      }
      if (top + wrap.clientHeight >= wrap.scrollHeight) break;
    }
    wrap.scrollTop = start.top;
    wrap.scrollLeft = start.left;
    await frame();
    return out;
  });
}

async function formulaOf(address: string): Promise<string> {
  await reveal(address);
  await cell(address).click();
  return page.locator(".pv-formula").inputValue();
}

/** Formulas of the given cells, read through the formula bar. */
async function formulas(addresses: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of addresses) out.push(await formulaOf(a));
  return out;
}

const sharePanel = (): Locator => pane().getByRole("tabpanel", { name: s.tabShare });
const shareStatus = (): Locator => sharePanel().locator(".ck-status").last();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await startSession();
  page = await newPage(session, pageErrors);
  await open(session.server.url, "en");
});

afterAll(async () => {
  await session?.close();
});

// Cells of the M1 template that hold COLLECT calls (src/templates/teams.ts): contact coverage
// in L5, its grade in M5, and the team row's ratio of sums further down column L.
const KPI_CELLS = ["L5", "M5"];

describe("make portable from the Share tab", () => {
  test("the tab offers the scope and the mode, with native formulas on the active sheet by default", async () => {
    await insert("m1", "en", true);
    await pane().getByRole("tab", { name: s.tabShare }).click();
    const panel = sharePanel();
    await expect(panel.getByRole("radio", { name: s.scopeActive }).isChecked()).resolves.toBe(true);
    await expect(panel.getByRole("radio", { name: s.scopeAll }).isChecked()).resolves.toBe(false);
    await expect(panel.getByRole("radio", { name: new RegExp(`^${s.modeNative}`) }).isChecked()).resolves.toBe(true);
    await expect(panel.getByRole("radio", { name: new RegExp(`^${s.modeFreeze}`) }).isChecked()).resolves.toBe(false);
    await expect(panel.getByRole("group", { name: s.scopeLabel }).count()).resolves.toBe(1);
    await expect(panel.getByRole("group", { name: s.modeLabel }).count()).resolves.toBe(1);
  });

  test("cancel: the question goes away and nothing in the workbook changes", async () => {
    const before = await formulas(KPI_CELLS);
    expect(before[0]).toContain("COLLECT.");
    const panel = sharePanel();
    await panel.getByRole("button", { name: s.portableButton }).click();
    const question = panel.locator(".ck-confirm__text");
    await question.waitFor({ state: "visible" });
    expect(await question.textContent()).toMatch(/^Rewrite \d+ COLLECT formulas on 'M1' into native Excel formulas\?/);
    // The choice is fixed while the question is open.
    await expect(panel.getByRole("radio", { name: s.scopeAll }).isDisabled()).resolves.toBe(true);
    await page.locator("iframe.pv-pane").screenshot({ path: join(SHOTS, "portable-confirm-en.png") });
    await panel.getByRole("button", { name: s.portableCancel }).click();
    await expect(question.isVisible()).resolves.toBe(false);
    expect(await waitForStatus(shareStatus(), null)).toBe(s.portableCancelled);
    await expect(panel.getByRole("radio", { name: s.scopeAll }).isDisabled()).resolves.toBe(false);
    expect(await formulas(KPI_CELLS)).toEqual(before);
  });

  test("confirm: COLLECT formulas become native ones and every cell shows the same text", async () => {
    const before = await gridText();
    expect(Object.keys(before).length).toBeGreaterThan(50);
    const panel = sharePanel();
    await panel.getByRole("button", { name: s.portableButton }).click();
    const question = panel.locator(".ck-confirm__text");
    await question.waitFor({ state: "visible" });
    const asked = Number(/^Rewrite (\d+) COLLECT formulas/.exec((await question.textContent()) ?? "")?.[1]);
    expect(asked).toBeGreaterThan(5);
    const statusBefore = await shareStatus().textContent();
    await panel.getByRole("button", { name: s.portableConfirmNative }).click();
    const summary = await waitForStatus(shareStatus(), statusBefore);
    expect(summary).toMatch(new RegExp(`^Rewrote ${asked} formulas on 'M1' into native Excel formulas\\. Added \\d+ hidden names that read the Benchmarks table\\.$`));

    const after = await formulas(KPI_CELLS);
    for (const f of after) {
      expect(f).toMatch(/^=/);
      expect(f).not.toContain("COLLECT");
    }
    // HyperFormula recalculated the native formulas: the grid shows what it showed before.
    const deadline = Date.now() + 5_000;
    let now = await gridText();
    while (JSON.stringify(now) !== JSON.stringify(before) && Date.now() < deadline) {
      await page.waitForTimeout(100);
      now = await gridText();
    }
    expect(now).toEqual(before);
  });

  test("screenshot: the converted sheet, a native formula in the formula bar, and the pane's summary", async () => {
    await page.setViewportSize({ width: 1600, height: 900 });
    await reveal("L5");
    await cell("L5").click();
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(SHOTS, "portable-en.png") });
  });

  test("a converted sheet still follows the inputs: a typed count recalculates the native formulas", async () => {
    // Row 5's contact coverage is contacted (C5) over assigned (B5): 50 of 100 is 50.0%.
    await typeInto("B5", "100");
    await typeInto("C5", "50");
    const deadline = Date.now() + 5_000;
    while ((await cell("L5").textContent()) !== "50.0%" && Date.now() < deadline) await page.waitForTimeout(50);
    expect(await cell("L5").textContent()).toBe("50.0%");
  });

  test("a second review finds nothing left on the sheet", async () => {
    const panel = sharePanel();
    const before = await shareStatus().textContent();
    await panel.getByRole("button", { name: s.portableButton }).click();
    expect(await waitForStatus(shareStatus(), before)).toBe(s.portableNothingActive("M1"));
  });
});

describe("in Chinese", () => {
  test("the Share tab asks in Chinese; screenshot of the question", async () => {
    const zh = PANE.zh;
    await open(session.server.url, "zh");
    await insert("m1", "zh", true);
    await pane().getByRole("tab", { name: zh.tabShare }).click();
    const panel = pane().getByRole("tabpanel", { name: zh.tabShare });
    await panel.getByRole("radio", { name: new RegExp(`^${zh.modeFreeze}`) }).check();
    await panel.getByRole("button", { name: zh.portableButton }).click();
    const question = panel.locator(".ck-confirm__text");
    await question.waitFor({ state: "visible" });
    expect(await question.textContent()).toMatch(/^将工作表“.+”中的 \d+ 个 COLLECT 公式（及其溢出区域）替换为当前数值吗？/);
    await expect(panel.getByRole("button", { name: zh.portableConfirmFreeze }).isVisible()).resolves.toBe(true);
    await page.locator("iframe.pv-pane").screenshot({ path: join(SHOTS, "portable-confirm-zh.png") });
    await panel.getByRole("button", { name: zh.portableCancel }).click();
    expect(await waitForStatus(panel.locator(".ck-status").last(), null)).toBe(zh.portableCancelled);
  });
});

describe("privacy and health", () => {
  test("no request left the local server", () => {
    const origin = session.server.url;
    const outside = session.requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
    expect(outside).toEqual([]);
  });

  test("no script error on any page", () => {
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Charts and heat maps in the preview (issue 15): the Monthly trend, Cohort recovery and Roll
 * rates templates inserted from the pane, in English and in Chinese. The charts the writer
 * wrote are drawn over the grid at their anchor cells (a canvas with non-blank pixels, the
 * legend's series in the page's language), threshold lines dashed, and the heat maps colour
 * their cells: Excel's green at the good end, red at the bad end, by the block's own values.
 *
 * Screenshots (docs/screenshots/): trend-, vintage-, agencies- and rollrate-{en,zh}.png, the
 * grid scrolled to the charts.
 */
import { join } from "path";
import type { Page } from "playwright-core";
import type { Language } from "../../src/core";
import { parseAddress } from "../../src/excel-sim/a1";
import { HEAT_COLORS } from "../../src/taskpane/writer";
import { templateById } from "../../src/templates";
import { ROOT, Session, newPage, startSession } from "./browser";
import { previewPage } from "./previewPage";

const SHOTS = join(ROOT, "docs", "screenshots");

let session: Session;
let page: Page;
const pageErrors: string[] = [];
const preview = previewPage(() => page);

const rgb = (hex: string): string => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;

beforeAll(async () => {
  // Tall enough for a table and its chart in one screenshot.
  session = await startSession({ width: 1440, height: 1080 });
  page = await newPage(session, pageErrors);
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** Waits until every chart of the active sheet is drawn; returns each one's name, label, series and non-blank pixel count. */
async function drawnCharts(count: number): Promise<{ name: string; label: string; series: string[]; inked: number; dashed: boolean }[]> {
  await page.waitForFunction((n) => document.querySelectorAll('.pv-chart[data-drawn="true"]').length === n, count, { timeout: 15_000 });
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>(".pv-chart")).map((box) => {
      const canvas = box.querySelector("canvas") as HTMLCanvasElement;
      const data = (canvas.getContext("2d") as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked++;
      return { name: box.dataset.chart ?? "", label: box.getAttribute("aria-label") ?? "", series: JSON.parse(box.dataset.series ?? "[]") as string[], inked, dashed: false };
    })
  );
}

/** Scrolls the grid so that `address`'s row is the first below the frozen ones (measured again once the grid re-rendered there). */
async function scrollTo(address: string): Promise<void> {
  const { row } = parseAddress(address);
  for (let i = 0; i < 4; i++) {
    await page.evaluate((r) => {
      const wrap = document.querySelector(".pv-gridwrap") as HTMLElement;
      const frozen = Array.from(document.querySelectorAll<HTMLElement>(".pv-grid th.pv-rowhead.pv-frozen-row"));
      const frozenBottom = frozen.length > 0 ? frozen[frozen.length - 1].getBoundingClientRect().bottom : (document.querySelector(".pv-grid thead") as HTMLElement).getBoundingClientRect().bottom;
      const th = document.querySelector<HTMLElement>(`.pv-grid th.pv-rowhead[data-row="${r}"]`);
      // Rendered: move by what separates its top from the frozen rows' bottom; else jump near it (rows are 20 px).
      if (th !== null) wrap.scrollTop += th.getBoundingClientRect().top - frozenBottom;
      else wrap.scrollTop = r * 20;
    }, row);
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  }
}

/** The block's cells with their shown numbers (percentages) and fills. */
async function heat(range: string): Promise<{ address: string; value: number; fill: string }[]> {
  const rect = parseAddress(range);
  const out: { address: string; value: number; fill: string }[] = [];
  for (let r = rect.row; r < rect.row + rect.rowCount; r++) {
    for (let c = rect.column; c < rect.column + rect.columnCount; c++) {
      const address = `${String.fromCharCode(65 + c)}${r + 1}`;
      await preview.reveal(address);
      const text = ((await preview.cell(address).textContent()) ?? "").trim();
      const fill = await preview.cell(address).evaluate((td) => getComputedStyle(td).backgroundColor);
      if (text.endsWith("%")) out.push({ address, value: Number(text.replace(/[%,]/g, "")), fill });
    }
  }
  return out;
}

describe.each(["en", "zh"] as const)("%s", (language: Language) => {
  beforeAll(async () => {
    await preview.open(session.server.url, language);
  });

  test("Monthly trend: one line chart per KPI at its cell, thresholds in the legend, in the page's language", async () => {
    const spec = templateById("monthly")!.build({ language, sample: true });
    const chunk = (): boolean => session.requests.some((u) => u.endsWith("/preview-charts.js"));
    // Chart.js is its own chunk, fetched on the first chart: the page's first paint never waits for it.
    if (language === "en") expect(chunk()).toBe(false);
    await preview.insert("monthly", language, true);
    const charts = await drawnCharts(spec.charts!.length);
    expect(chunk()).toBe(true);
    expect(charts.map((c) => c.name)).toEqual(spec.charts!.map((c) => c.id));
    charts.forEach((c, i) => {
      expect(c.series).toEqual(spec.charts![i].series.map((s) => s.name));
      expect(c.label.startsWith(spec.charts![i].title)).toBe(true);
      expect(c.inked).toBeGreaterThan(2000);
    });
    // The first chart's top-left corner is its anchor cell's.
    const at = spec.charts![0].at;
    await scrollTo(at);
    const cellBox = await preview.boxOf(at);
    const chartBox = await page.locator(`.pv-chart[data-chart="${spec.charts![0].id}"]`).boundingBox();
    expect(Math.abs((chartBox?.x ?? 0) - cellBox.x)).toBeLessThanOrEqual(2);
    expect(Math.abs((chartBox?.y ?? 0) - cellBox.y)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(SHOTS, `trend-${language}.png`) });
  });

  test("Cohort recovery: the triangle's heat map (green where recovery is highest) and the curves' chart", async () => {
    const spec = templateById("vintage")!.build({ language, sample: true });
    await preview.insert("vintage", language, true);
    const charts = await drawnCharts(1);
    expect(charts[0].series).toEqual(spec.charts![0].series.map((s) => s.name));
    expect(charts[0].inked).toBeGreaterThan(2000);
    const cells = await heat(spec.colorScales![0].range);
    const values = cells.map((c) => c.value);
    const max = cells.find((c) => c.value === Math.max(...values))!;
    const min = cells.find((c) => c.value === Math.min(...values))!;
    expect(max.fill).toBe(rgb(HEAT_COLORS.good));
    expect(min.fill).toBe(rgb(HEAT_COLORS.bad));
    expect(new Set(cells.map((c) => c.fill)).size).toBeGreaterThan(10);
    await scrollTo("A20");
    await page.screenshot({ path: join(SHOTS, `vintage-${language}.png`) });
  });

  test("Outsourced agencies: the sheet (no chart), ranked", async () => {
    await preview.insert("agencies", language, true);
    expect(await page.locator(".pv-chart").count()).toBe(0);
    // The rates, grades and rank right of the inputs, beside the agencies' names (frozen in A).
    const spec = templateById("agencies")!.build({ language, sample: true });
    const firstComputed = spec.cells[spec.layout!.firstRow - 1].findIndex((v, c) => c > 0 && typeof v === "string" && v.startsWith("="));
    await page.evaluate((c) => {
      const wrap = document.querySelector(".pv-gridwrap") as HTMLElement;
      const th = (n: number) => document.querySelector<HTMLElement>(`.pv-grid th.pv-colhead[data-column="${n}"]`);
      wrap.scrollTop = 0;
      wrap.scrollLeft = (th(c)?.offsetLeft ?? 0) - (th(1)?.offsetLeft ?? 0);
    }, firstComputed);
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    await page.screenshot({ path: join(SHOTS, `agencies-${language}.png`) });
  });

  test("Roll rates: the monthly rates' heat map (green where lowest) and their trend chart", async () => {
    const spec = templateById("rollrate")!.build({ language, sample: true });
    await preview.insert("rollrate", language, true);
    const charts = await drawnCharts(1);
    expect(charts[0].series).toEqual(spec.charts![0].series.map((s) => s.name));
    expect(charts[0].inked).toBeGreaterThan(2000);
    const cells = await heat(spec.colorScales![0].range);
    const values = cells.map((c) => c.value);
    expect(cells.find((c) => c.value === Math.min(...values))!.fill).toBe(rgb(HEAT_COLORS.good));
    expect(cells.find((c) => c.value === Math.max(...values))!.fill).toBe(rgb(HEAT_COLORS.bad));
    await scrollTo("A13");
    await page.screenshot({ path: join(SHOTS, `rollrate-${language}.png`) });
  });

  test("a chart follows its cells: a typed month redraws the trend", async () => {
    await preview.insert("monthly", language, true);
    const spec = templateById("monthly")!.build({ language, sample: true });
    await drawnCharts(spec.charts!.length);
    const pixels = (): Promise<string> =>
      page.evaluate(() => {
        const canvas = document.querySelector(".pv-chart canvas") as HTMLCanvasElement;
        return canvas.toDataURL();
      });
    const before = await pixels();
    // Recovered in the last month (C16) halved: the recovery line drops at its end.
    await preview.typeInto("C16", "750000");
    const deadline = Date.now() + 5_000;
    while ((await pixels()) === before && Date.now() < deadline) await page.waitForTimeout(50);
    expect(await pixels()).not.toBe(before);
  });
});

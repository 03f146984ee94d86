/**
 * The charts of the active sheet, over the grid (issue 15): each chart the task pane wrote
 * (SimSheet.charts, written by the one writer from the template's ChartSpec) is a box at its
 * anchor cell with its size in points, inside the grid's scroll area so it scrolls with the
 * cells. Its series' values and categories are read from the value source (the formula engine
 * once loaded) on every render, so a chart follows the cells as they recalculate.
 *
 * Frozen panes stay uncovered: a box is clipped where it slides under the frozen rows or
 * columns (at rest, a chart anchored in a frozen column covers its cells, as in Excel).
 *
 * Chart.js is loaded on the first chart (chartDraw.ts, its own chunk): a sheet without charts,
 * and the page's first paint, never wait for it.
 */
import { h } from "../taskpane/dom";
import type { SimChart, SimChartRef, SimSheet, SimWorkbook } from "../excel-sim";
import type { EngineValue } from "./engine";
import type { ChartHandle, DrawnChart, DrawnSeries } from "./chartDraw";
import { formatValue } from "./numberFormat";

/** Excel's automatic series colours (Office theme, accents 1–6), in order. */
export const SERIES_COLORS = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"] as const;

const PX_PER_POINT = 96 / 72;
/** Excel's default line weight for a line chart's series (2.25 pt). */
const DEFAULT_LINE_POINTS = 2.25;

/** Where cells are in the grid's scroll area (pixels), as the view laid them out. */
export interface ChartGeometry {
  /** The top of row `row` (0-based) from the top of the scroll area. */
  rowTop(row: number): number;
  /** The left of column `column` from the left of the scroll area. */
  columnLeft(column: number): number;
  /** The bottom of the frozen rows and the right of the frozen columns, from the scroll area's edges. */
  readonly frozenBottom: number;
  readonly frozenRight: number;
}

interface Box {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  handle?: ChartHandle;
  /** The data last drawn, to redraw only on a change. */
  signature?: string;
  /** The canvas size drawn at ("620x300"). */
  size?: string;
  left: number;
  top: number;
  /** At rest over a frozen column (anchored in one). */
  inFrozenColumns: boolean;
  inFrozenRows: boolean;
}

type DrawModule = typeof import("./chartDraw");

/** A chart's values as Excel plots them: a number; text (a formula's "") as 0; an empty cell or #N/A as a gap; another error as 0. */
export function plotValue(v: EngineValue): number | null {
  if (v.error !== undefined) return v.error.code === "#N/A" ? null : 0;
  if (typeof v.value === "number") return v.value;
  if (v.value === null) return null;
  return 0;
}

/**
 * The decimal places a format shows ("0.0%": 3, "#,##0": 0), so the axis never steps finer than
 * its labels can tell apart; General: any.
 */
export function tickPrecision(format: string | undefined): number {
  if (format === undefined || /^general$/i.test(format)) return 10;
  const section = format.split(";")[0].replace(/"[^"]*"|\\./g, "");
  const decimals = /\.(0+)/.exec(section)?.[1].length ?? 0;
  return decimals + (section.includes("%") ? 2 : 0);
}

export class ChartLayer {
  private readonly boxes = new Map<SimChart, Box>();
  private draw: DrawModule | undefined;
  private loading: Promise<void> | undefined;
  private failed = false;
  /** Called when Chart.js has loaded, so the view renders again. */
  onReady: () => void = () => undefined;

  constructor(private readonly workbook: SimWorkbook) {}

  /** Rows and columns the grid must have for the charts of `sheet` to lie over cells. */
  extent(sheet: SimSheet, columnWidthPoints: (column: number) => number): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    for (const chart of sheet.charts) {
      const row = chart.anchor?.row ?? Math.floor(chart.top / 15);
      rows = Math.max(rows, row + Math.ceil(chart.height / 15) + 2);
      let column = chart.anchor?.column ?? 0;
      let width = chart.anchor === undefined ? -chart.left : 0;
      while (width < chart.width && column < 16384) width += columnWidthPoints(column++);
      columns = Math.max(columns, column + 1);
    }
    return { rows, columns };
  }

  /**
   * Puts the active sheet's charts into `container` (the grid's scroll area, after its table
   * was replaced) at their cells, and redraws those whose values changed.
   */
  render(container: HTMLElement, sheet: SimSheet, geometry: ChartGeometry, valueAt: (sheetId: string, row: number, column: number) => EngineValue, cellFormat: (sheetId: string, row: number, column: number) => string | undefined): void {
    this.prune();
    if (sheet.charts.length === 0) return;
    if (this.draw === undefined) this.load();
    const font = getComputedStyle(container.querySelector("table") ?? container).fontFamily;
    for (const chart of sheet.charts) {
      let box = this.boxes.get(chart);
      if (box === undefined) {
        const canvas = h("canvas", { class: "pv-chart__canvas" });
        const element = h("div", { class: "pv-chart", attrs: { role: "img" } }, canvas);
        box = { element, canvas, left: 0, top: 0, inFrozenColumns: false, inFrozenRows: false };
        this.boxes.set(chart, box);
      }
      const left = chart.anchor !== undefined ? geometry.columnLeft(chart.anchor.column) : geometry.columnLeft(0) + chart.left * PX_PER_POINT;
      const top = chart.anchor !== undefined ? geometry.rowTop(chart.anchor.row) : geometry.rowTop(0) + chart.top * PX_PER_POINT;
      const width = Math.round(chart.width * PX_PER_POINT);
      const height = Math.round(chart.height * PX_PER_POINT);
      Object.assign(box, { left, top, inFrozenColumns: left < geometry.frozenRight, inFrozenRows: top < geometry.frozenBottom });
      const style = box.element.style;
      style.left = `${left}px`;
      style.top = `${top}px`;
      style.width = `${width}px`;
      style.height = `${height}px`;
      box.element.dataset.chart = chart.name;
      const drawn = this.drawn(sheet, chart, valueAt, cellFormat, font);
      // Described in words too: the title and the series, in the template's language.
      box.element.setAttribute("aria-label", `${chart.title}: ${drawn.series.map((s) => s.name).join(", ")}`);
      box.element.dataset.series = JSON.stringify(drawn.series.map((s) => s.name));
      container.appendChild(box.element);
      const signature = JSON.stringify([drawn.title, drawn.categories, drawn.series, width, height, font]);
      if (this.draw !== undefined && signature !== box.signature) {
        if (box.handle === undefined || box.size !== `${width}x${height}`) {
          box.handle?.destroy();
          box.canvas.width = width;
          box.canvas.height = height;
          box.handle = this.draw.drawChart(box.canvas, drawn);
          box.size = `${width}x${height}`;
        } else box.handle.update(drawn);
        box.signature = signature;
        box.element.dataset.drawn = "true";
      }
    }
    this.clip(container.scrollTop, container.scrollLeft, geometry);
  }

  /**
   * Hides the part of each chart that has slid under the frozen rows or columns (clip-path in
   * the box's own coordinates); called on every scroll.
   */
  clip(scrollTop: number, scrollLeft: number, geometry: Pick<ChartGeometry, "frozenBottom" | "frozenRight">): void {
    for (const box of this.boxes.values()) {
      if (!box.element.isConnected) continue;
      // The frozen area's far edge in the scroll area's coordinates.
      const edgeX = scrollLeft + geometry.frozenRight;
      const edgeY = scrollTop + geometry.frozenBottom;
      const hideLeft = box.inFrozenColumns && scrollLeft === 0 ? 0 : Math.max(0, edgeX - box.left);
      const hideTop = box.inFrozenRows && scrollTop === 0 ? 0 : Math.max(0, edgeY - box.top);
      box.element.style.clipPath = hideLeft > 0 || hideTop > 0 ? `inset(${hideTop}px 0 0 ${hideLeft}px)` : "";
    }
  }

  private drawn(
    sheet: SimSheet,
    chart: SimChart,
    valueAt: (sheetId: string, row: number, column: number) => EngineValue,
    cellFormat: (sheetId: string, row: number, column: number) => string | undefined,
    font: string
  ): DrawnChart {
    const cells = (ref: SimChartRef | undefined): { row: number; column: number }[] => {
      if (ref === undefined) return [];
      const out: { row: number; column: number }[] = [];
      for (let r = 0; r < ref.rect.rowCount; r++) for (let c = 0; c < ref.rect.columnCount; c++) out.push({ row: ref.rect.row + r, column: ref.rect.column + c });
      return out;
    };
    const first = chart.series.find((s) => s.xValues !== undefined)?.xValues;
    const categories = cells(first).map(({ row, column }) => {
      const v = valueAt(first?.sheetId ?? sheet.id, row, column);
      return v.error !== undefined ? v.error.code : formatValue(v.value, cellFormat(first?.sheetId ?? sheet.id, row, column)).text;
    });
    let automatic = 0;
    const series: DrawnSeries[] = chart.series.map((s) => {
      const values = cells(s.values).map(({ row, column }) => plotValue(valueAt(s.values?.sheetId ?? sheet.id, row, column)));
      const color = s.line.color ?? SERIES_COLORS[automatic++ % SERIES_COLORS.length];
      const type = (s.chartType ?? chart.type).toLowerCase().startsWith("line") ? "line" : "column";
      return {
        name: s.name,
        values,
        type,
        color,
        width: (s.line.weight ?? DEFAULT_LINE_POINTS) * PX_PER_POINT,
        dashed: s.line.lineStyle !== undefined && !/^(continuous|automatic|none)$/i.test(s.line.lineStyle),
        markers: s.markerStyle !== undefined && !/^(none|automatic)$/i.test(s.markerStyle),
      };
    });
    const format = chart.valueAxisNumberFormat;
    return {
      type: chart.type.toLowerCase().startsWith("line") ? "line" : "column",
      title: chart.title,
      categories,
      series,
      tick: (value) => formatValue(value, format ?? "General").text,
      precision: tickPrecision(format),
      font,
    };
  }

  /** Loads Chart.js once; the view renders again when it is there. */
  private load(): void {
    if (this.loading !== undefined || this.failed) return;
    this.loading = import(/* webpackChunkName: "preview-charts" */ "./chartDraw")
      .then((module) => {
        this.draw = module;
        this.onReady();
      })
      .catch(() => {
        // The grid still shows every number; the boxes stay empty.
        this.failed = true;
      });
  }

  /** Forgets the boxes of charts that are gone (their sheet deleted). */
  private prune(): void {
    const alive = new Set(this.workbook.sheets.flatMap((s) => s.charts));
    for (const [chart, box] of this.boxes) {
      if (alive.has(chart)) continue;
      box.handle?.destroy();
      box.element.remove();
      this.boxes.delete(chart);
    }
  }
}

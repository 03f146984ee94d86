/**
 * Draws one chart of the preview with Chart.js (MIT, a dev dependency of the preview only).
 * This module is the only one that imports chart.js, and charts.ts loads it with a dynamic
 * import(), so it is its own chunk (preview-charts.js): the preview's first paint never waits
 * for it, and the task pane and the functions never carry it.
 *
 * Only the parts the templates use are registered (line and column charts, category and
 * linear scales, title, legend, tooltip). Chart.js needs neither eval nor a stylesheet of its
 * own: the preview's Content-Security-Policy stays as it is.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
} from "chart.js";

Chart.register(LineController, BarController, LineElement, BarElement, PointElement, CategoryScale, LinearScale, Title, Legend, Tooltip);

/** A chart as the preview draws it: what the workbook's chart says, with the values read from the engine. */
export interface DrawnChart {
  readonly type: "line" | "column";
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly DrawnSeries[];
  /** Formats a value-axis tick (the axis' number format, as the grid formats cells). */
  readonly tick: (value: number) => string;
  /** Decimal places a tick step may have, so that no two ticks read the same ("0%": steps of 0.01). */
  readonly precision: number;
  readonly font: string;
}

export interface DrawnSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  /** "line" for a threshold drawn as a line on a column chart. */
  readonly type: "line" | "column";
  readonly color: string;
  /** Pixels. */
  readonly width: number;
  readonly dashed: boolean;
  readonly markers: boolean;
}

export interface ChartHandle {
  update(drawn: DrawnChart): void;
  destroy(): void;
}

function datasets(drawn: DrawnChart): ChartDataset<"line" | "bar", (number | null)[]>[] {
  return drawn.series.map((s) => {
    const common = {
      label: s.name,
      data: [...s.values],
      borderColor: s.color,
      backgroundColor: s.color,
    };
    if (s.type === "column") return { ...common, type: "bar" as const, borderWidth: 0 };
    return {
      ...common,
      type: "line" as const,
      borderWidth: s.width,
      borderDash: s.dashed ? [6, 4] : [],
      pointRadius: s.markers ? 3 : 0,
      pointHoverRadius: 4,
      // Excel's default for a gap (an empty cell): the line breaks.
      spanGaps: false,
      tension: 0,
    };
  });
}

function config(drawn: DrawnChart): ChartConfiguration<"line" | "bar", (number | null)[], string> {
  const family = drawn.font;
  return {
    type: drawn.type === "column" ? "bar" : "line",
    data: { labels: [...drawn.categories], datasets: datasets(drawn) },
    options: {
      // The box has the chart's size in points; no resize observer, no animation (screenshots are stable).
      responsive: false,
      animation: false,
      maintainAspectRatio: false,
      font: { family, size: 12 },
      color: "#404040",
      layout: { padding: { top: 2, right: 12, bottom: 2, left: 6 } },
      plugins: {
        title: { display: drawn.title !== "", text: drawn.title, color: "#404040", font: { family, size: 15, weight: "normal" }, padding: { top: 6, bottom: 6 } },
        legend: {
          position: "bottom",
          labels: { color: "#404040", font: { family, size: 12 }, boxWidth: 22, boxHeight: 2, padding: 10 },
        },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${typeof item.parsed.y === "number" ? drawn.tick(item.parsed.y) : ""}` } },
      },
      scales: {
        x: { grid: { display: false }, ticks: { color: "#595959", font: { family, size: 11 }, maxRotation: 0, autoSkip: true, autoSkipPadding: 6 } },
        y: {
          grid: { color: "#d9d9d9" },
          border: { display: false },
          ticks: { color: "#595959", font: { family, size: 11 }, precision: drawn.precision, callback: (value) => drawn.tick(Number(value)) },
        },
      },
    },
  };
}

/** Draws `drawn` on the canvas; update() redraws it with new values (no animation). */
export function drawChart(canvas: HTMLCanvasElement, drawn: DrawnChart): ChartHandle {
  let current = drawn;
  const chart = new Chart(canvas, config(drawn));
  return {
    update(next: DrawnChart): void {
      current = next;
      const c = config(current);
      chart.data = c.data;
      chart.options = c.options ?? {};
      chart.update("none");
    },
    destroy(): void {
      chart.destroy();
    },
  };
}

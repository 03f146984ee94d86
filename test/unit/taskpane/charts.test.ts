/**
 * Issue 15 through the simulator: what the writer draws for the templates' charts (kind, series
 * ranges, names, categories, threshold lines, position, size, value-axis format) and heat maps
 * (criteria and colours, green at the good end), and what the pane says when Excel cannot draw
 * the charts: the sheet is written all the same, never an exception.
 */
import { SimChartRef, SimWorkbook, createSimHost, formatAddress, parseAddress } from "../../../src/excel-sim";
import type { Host } from "../../../src/taskpane/host";
import { HEAT_COLORS, THRESHOLD_LINE, WriterError, checkSpec, insertTemplate } from "../../../src/taskpane/writer";
import { PaneController } from "../../../src/taskpane/controller";
import { STRINGS } from "../../../src/taskpane/strings";
import { ChartSpec, SheetSpec, TEMPLATES, templateById } from "../../../src/templates";
import { benchmarksSpec, m1Spec } from "./fixtures";

const address = (ref: SimChartRef | undefined): string | undefined => (ref === undefined ? undefined : formatAddress(ref.rect));
const bench = (language: "en" | "zh" = "en") => templateById("benchmarks")!.build({ language, sample: false });

async function insert(spec: SheetSpec, host?: Host & { workbook: SimWorkbook }) {
  const h = host ?? createSimHost(new SimWorkbook());
  const result = await insertTemplate(h, spec, { benchmarks: bench(spec.language) });
  return { result, sheet: h.workbook.requireSheet(result.sheet), book: h.workbook };
}

describe.each(["en", "zh"] as const)("every template's charts, as written (%s)", (language) => {
  const withCharts = TEMPLATES.map((t) => t.build({ language, sample: true })).filter((s) => (s.charts ?? []).length > 0);

  test("the templates that declare charts are the trend, the cohort curves and the roll rates", () => {
    expect(withCharts.map((s) => s.templateId).sort()).toEqual(["monthly", "rollrate", "vintage"]);
  });

  test.each(withCharts.map((s) => [s.templateId, s] as const))("%s: kind, series, categories, names, thresholds, position, size, axis", async (_, spec) => {
    const { result, sheet } = await insert(spec);
    expect(result.charts).toEqual({ drawn: spec.charts!.length });
    expect(sheet.charts.map((c) => c.name)).toEqual(spec.charts!.map((c) => c.id));
    for (const [i, want] of spec.charts!.entries()) {
      const got = sheet.charts[i];
      expect(got.type).toBe(want.kind === "line" ? "Line" : "ColumnClustered");
      expect(got.title).toBe(want.title);
      expect(got.legendPosition).toBe("Bottom");
      expect(got.valueAxisNumberFormat).toBe(want.numberFormat);
      const at = parseAddress(want.at);
      expect(got.anchor).toEqual({ row: at.row, column: at.column });
      expect([got.width, got.height]).toEqual([want.width, want.height]);
      expect(got.series.map((s) => s.name)).toEqual(want.series.map((s) => s.name));
      expect(got.series.map((s) => address(s.values))).toEqual(want.series.map((s) => s.values));
      expect(got.series.map((s) => address(s.xValues))).toEqual(want.series.map(() => want.categories));
      // Every range is on the chart's own sheet.
      for (const s of got.series) expect([s.values?.sheetId, s.xValues?.sheetId]).toEqual([sheet.id, sheet.id]);
      let thresholds = 0;
      for (const [k, s] of want.series.entries()) {
        const line = got.series[k].line;
        if (s.role === "threshold") {
          expect(line).toEqual({ lineStyle: "Dash", weight: THRESHOLD_LINE.weight, color: THRESHOLD_LINE.colors[thresholds++] });
          expect(got.series[k].markerStyle).toBe("None");
        } else {
          expect(line).toEqual({});
        }
      }
    }
  });

  test("the trend's charts: one per KPI, its Meets and Excellent as dashed lines where the catalogue sets them", async () => {
    const spec = templateById("monthly")!.build({ language, sample: true });
    const { sheet } = await insert(spec);
    const recovery = sheet.charts.find((c) => c.name === "trend-recovery_achievement")!;
    expect(recovery.series.map((s) => s.line.lineStyle ?? "solid")).toEqual(["solid", "Dash", "Dash"]);
    expect(recovery.valueAxisNumberFormat).toBe("0%");
    // Two side by side, below the table: never over a cell of the table.
    const last = spec.layout!.lastRow;
    for (const c of sheet.charts) expect(c.anchor!.row).toBeGreaterThan(last);
  });
});

describe("heat maps", () => {
  test.each([
    ["vintage", "higher", HEAT_COLORS.bad, HEAT_COLORS.good],
    ["rollrate", "lower", HEAT_COLORS.good, HEAT_COLORS.bad],
  ] as const)("%s: a 3-colour scale, lowest → 50th percentile → highest, green at the %s end", async (id, better, low, high) => {
    const spec = templateById(id)!.build({ language: "en", sample: true });
    expect(spec.colorScales).toEqual([{ range: expect.any(String), better }]);
    const { sheet } = await insert(spec);
    const scales = sheet.conditionalFormats.filter((cf) => cf.type === "ColorScale");
    expect(scales).toHaveLength(1);
    expect(formatAddress(scales[0].rect)).toBe(spec.colorScales![0].range);
    expect(scales[0].criteria).toEqual({
      minimum: { type: "LowestValue", formula: null, color: low },
      midpoint: { type: "Percentile", formula: "50", color: HEAT_COLORS.mid },
      maximum: { type: "HighestValue", formula: null, color: high },
    });
  });

  test("the fills follow the block's values: the extremes take the end colours, the median yellow, others mixed", async () => {
    const book = new SimWorkbook();
    const spec: SheetSpec = { ...m1Spec({ sample: false }), colorScales: [{ range: "B5:B9", better: "lower" }] };
    const { sheet } = await insert(spec, createSimHost(book));
    book.setCellInput(sheet.id, 4, 1, 1);
    book.setCellInput(sheet.id, 5, 1, 2);
    book.setCellInput(sheet.id, 6, 1, 3);
    book.setCellInput(sheet.id, 7, 1, 5);
    book.setCellInput(sheet.id, 8, 1, "n/a");
    expect(sheet.effectiveFormat(4, 1).fill).toBe(HEAT_COLORS.good);
    // The median of 1, 2, 3, 5 is 2.5: 2 lies 2/3 of the way from green to yellow, 3 a fifth of the way from yellow to red.
    expect(sheet.effectiveFormat(5, 1).fill).toBe("#CBDC81");
    expect(sheet.effectiveFormat(6, 1).fill).toBe("#FED17F");
    expect(sheet.effectiveFormat(7, 1).fill).toBe(HEAT_COLORS.bad);
    // Text is not coloured, as in Excel.
    expect(sheet.effectiveFormat(8, 1).fill).toBeUndefined();
  });
});

describe("an Excel that cannot draw the charts", () => {
  const trend = () => templateById("monthly")!.build({ language: "en", sample: true });

  test("Excel refuses them at the sync: the sheet is whole, and the result says why", async () => {
    const book = new SimWorkbook();
    // A host that reports every API set, over an Excel whose charts stop at ExcelApi 1.6 (series.add is 1.7).
    const sim = createSimHost(book, { excelApi: "1.6" });
    const host = { ...sim, isSetSupported: () => true };
    const { result, sheet } = await insert(trend(), host);
    expect(result.syncs).toBe(3);
    expect(result.charts).toMatchObject({ drawn: 0, leftOut: 5, reason: { code: "refused" } });
    // Every cell of the sheet is there.
    const spec = trend();
    expect(sheet.input(4, 0)).toBe(spec.cells[4][0]);
    expect(sheet.input(15, 9)).toBe(spec.cells[15][9]);
  });

  test("Excel lacks the API set: no chart is tried, the sheet is written in 2 syncs", async () => {
    const book = new SimWorkbook();
    const sim = createSimHost(book);
    // ExcelApi 1.8 for the sheet (data validation), but not for the charts' axis format, as asked after the sheet is written.
    const host = { ...sim, isSetSupported: (name: string, v: string) => !(v === "1.8" && book.stats.syncs >= 2) };
    const { result, sheet } = await insert(trend(), host);
    expect(result.syncs).toBe(2);
    expect(result.charts).toEqual({ drawn: 0, leftOut: 5, reason: { code: "unsupported", version: "1.8", feature: "chartAxisFormat" } });
    expect(sheet.charts).toHaveLength(0);
  });

  test.each(["en", "zh"] as const)("the pane says the charts were left out (%s), a warning, not an error", async (language) => {
    const book = new SimWorkbook();
    const sim = createSimHost(book, { excelApi: "1.6" });
    const controller = new PaneController({ ...sim, isSetSupported: () => true }, TEMPLATES, language);
    const status = await controller.insertTemplate("monthly", true);
    expect(status.tone).toBe("warning");
    expect(status.text).toContain(STRINGS[language].chartsLeftOut(language === "zh" ? "月度趋势" : "Monthly trend", 5, "").slice(0, 12));
    expect(status.text).toMatch(language === "zh" ? /图表/ : /charts were left out/);
  });
});

describe("spec checks for charts", () => {
  const base = (): SheetSpec => ({ ...m1Spec(), charts: [] });
  const chart = (over: Partial<ChartSpec>): ChartSpec => ({
    id: "c",
    kind: "line",
    title: "t",
    categories: "A5:A7",
    series: [{ name: "s", values: "B5:B7" }],
    at: "A10",
    width: 300,
    height: 200,
    ...over,
  });
  test.each([
    ["a series longer than the categories", chart({ series: [{ name: "s", values: "B5:B8" }] })],
    ["a block as values", chart({ series: [{ name: "s", values: "B5:C7" }] })],
    ["no series", chart({ series: [] })],
    ["placed at a range", chart({ at: "A10:B11" })],
    ["no size", chart({ width: 0 })],
  ])("refuses %s before any Excel call", (_, c) => {
    expect(() => checkSpec({ ...base(), charts: [c] })).toThrow(WriterError);
  });
  test("refuses two charts with the same id", () => {
    expect(() => checkSpec({ ...base(), charts: [chart({}), chart({})] })).toThrow(/unique id/);
  });
  test("a chart's series in a column or in a row", async () => {
    const spec: SheetSpec = { ...m1Spec(), charts: [chart({ categories: "B4:D4", series: [{ name: "row", values: "B5:D5" }, { name: "t", values: "B6:D6", role: "threshold" }], kind: "column" })] };
    const { sheet } = await insert(spec);
    expect(sheet.charts[0].type).toBe("ColumnClustered");
    expect(sheet.charts[0].series.map((s) => address(s.values))).toEqual(["B5:D5", "B6:D6"]);
    // A threshold on a column chart is drawn as a line.
    expect(sheet.charts[0].series[1].chartType).toBe("Line");
  });
  void benchmarksSpec;
});

describe("Chart.js stays in the preview", () => {
  test("no file of the task pane, the functions, the templates or the core imports chart.js; in the preview only chartDraw.ts does", () => {
    const { readdirSync, readFileSync, statSync } = jest.requireActual<typeof import("fs")>("fs");
    const { join } = jest.requireActual<typeof import("path")>("path");
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const root = join(__dirname, "../../../src");
    const importing = files(root).filter((f) => /\.ts$/.test(f) && /from\s+["']chart\.js["']|import\(\s*["']chart\.js["']\s*\)/.test(readFileSync(f, "utf8")));
    expect(importing.map((f) => f.slice(root.length + 1))).toEqual(["preview/chartDraw.ts"]);
    // charts.ts reaches it only through a dynamic import (its own chunk).
    expect(readFileSync(join(root, "preview/charts.ts"), "utf8")).toMatch(/import\(\/\* webpackChunkName: "preview-charts" \*\/ "\.\/chartDraw"\)/);
  });
});

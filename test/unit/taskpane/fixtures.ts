/**
 * Small sheet specs and template definitions built here, so the writer and the pane are
 * tested independently of the real templates (src/templates, written in parallel).
 */
import { BENCHMARK_COLUMNS, CATALOGUE, Language } from "../../../src/core";
import { BENCHMARKS_NAME, CellInput, SheetSpec, TemplateDef } from "../../../src/templates/types";

const FIRST_BODY_ROW = 5; // 1-based: title, note, blank, header, then the body

/** A Benchmarks sheet: the catalogue as a table (header on row 4), CollectBenchmarks over its body. */
export function benchmarksSpec(language: Language = "en"): SheetSpec {
  const body: CellInput[][] = CATALOGUE.map((m) => [
    m.id,
    m.name[language],
    m.direction,
    m.meets ?? null,
    m.excellent ?? null,
    m.unit[language],
    m.redLine,
    m.source[language],
  ]);
  const width = BENCHMARK_COLUMNS.length;
  const pad = (row: CellInput[]): CellInput[] => [...row, ...Array<CellInput>(width - row.length).fill(null)];
  const cells: CellInput[][] = [
    pad(["Benchmarks"]),
    pad(["Thresholds every template grades against. Edit them for your institution."]),
    pad([]),
    [...BENCHMARK_COLUMNS],
    ...body,
  ];
  const last = FIRST_BODY_ROW + body.length - 1;
  return {
    templateId: "benchmarks",
    name: "Benchmarks",
    language,
    cells,
    numberFormats: cells.map((_, r) => Array.from({ length: width }, (_, c) => (r >= 4 && (c === 3 || c === 4) ? "0.0%" : "General"))),
    columnWidths: [150, 160, 60, 60, 60, 90, 60, 240],
    freeze: { rows: 4, columns: 1 },
    styles: [
      { range: "A1", role: "title" },
      { range: "A2", role: "instructions" },
      { range: "A4:H4", role: "header" },
      { range: `D${FIRST_BODY_ROW}:E${last}`, role: "benchmark" },
    ],
    validations: [{ range: `D${FIRST_BODY_ROW}:E${last}`, min: 0, message: "A threshold is a number of 0 or more." }],
    conditionalFormats: [],
    table: { name: "CollectBenchmarksTable", range: `A4:H${last}` },
    names: [{ name: BENCHMARKS_NAME, range: `A${FIRST_BODY_ROW}:H${last}`, blanksAsEmpty: true }],
  };
}

/** An M1 sheet: 3 collectors, inputs, rates and grades against CollectBenchmarks. */
export function m1Spec(options: { sample?: boolean; name?: string } = {}): SheetSpec {
  const sample = options.sample ?? false;
  const rows: CellInput[][] = [
    ["M1 (1–30 dpd)", null, null, null, null],
    ["Yellow cells are inputs.", null, null, null, null],
    [null, null, null, null, null],
    ["Collector", "Contacted", "Assigned", "Contact coverage", "Grade"],
  ];
  for (let i = 0; i < 3; i++) {
    const r = 5 + i;
    rows.push([
      sample ? `Agent ${i + 1}` : null,
      sample ? 90 + i : null,
      sample ? 100 : null,
      `=IFERROR(COLLECT.CONTACTCOVERAGE(B${r},C${r}),"")`,
      `=IF(D${r}="","",COLLECT.GRADE("contact_coverage",D${r},${BENCHMARKS_NAME}))`,
    ]);
  }
  return {
    templateId: "m1",
    name: options.name ?? "M1",
    language: "en",
    cells: rows,
    numberFormats: rows.map((_, r) => ["General", "#,##0", "#,##0", r >= 4 ? "0.0%" : "General", "General"]),
    columnWidths: [120, 80, 80, 110, 80],
    freeze: { rows: 4, columns: 1 },
    styles: [
      { range: "A1", role: "title" },
      { range: "A2", role: "instructions" },
      { range: "A4:E4", role: "header" },
      { range: "B5:C7", role: "input" },
      { range: "D5:E7", role: "computed" },
    ],
    validations: [{ range: "B5:C7", min: 0, message: "Counts are whole numbers of 0 or more." }],
    conditionalFormats: [
      {
        range: "E5:E7",
        rules: [
          { equals: "Excellent", tone: "good" },
          { equals: "Meets", tone: "ok" },
          { equals: "Below", tone: "bad" },
        ],
      },
    ],
    names: [],
  };
}

/** A sheet that needs no benchmarks and defines a name of its own. */
export function rollRateSpec(): SheetSpec {
  const cells: CellInput[][] = [
    ["Roll rates", null, null],
    ["Month", "Current", "M1"],
    ["Jan", 1000, 50],
    ["Feb", 1100, 60],
    ["Roll", null, "=COLLECT.ROLLRATES(B3:C4)"],
  ];
  return {
    templateId: "rollrate",
    name: "Roll rates",
    language: "en",
    cells,
    numberFormats: cells.map(() => ["General", "#,##0", "#,##0"]),
    columnWidths: [80, 90, 90],
    freeze: { rows: 2, columns: 0 },
    styles: [{ range: "A2:C2", role: "header" }],
    validations: [{ range: "B3:C4", min: 0, max: 1e12, message: "Balances are amounts of 0 or more." }],
    conditionalFormats: [],
    names: [{ name: "CollectBalances", range: "B3:C4" }],
  };
}

const def = (id: string, build: (o: { language: Language; sample: boolean }) => SheetSpec, metrics: string[]): TemplateDef => ({
  id,
  title: { en: `Title ${id}`, zh: `标题 ${id}` },
  description: { en: `For ${id} teams.`, zh: `适用于 ${id} 团队。` },
  metrics,
  build,
});

export const TEST_TEMPLATES: readonly TemplateDef[] = [
  def("m1", (o) => m1Spec({ sample: o.sample }), ["contact_coverage"]),
  def("rollrate", () => rollRateSpec(), ["roll_rate"]),
  def("benchmarks", (o) => benchmarksSpec(o.language), []),
];

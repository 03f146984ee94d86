/**
 * The Monthly trend sheet bound to imported data (TemplateOptions.data with rows = months,
 * "YYYY-MM"): the inputs the data gives are the whole team's SUMIFS for the row's month (column
 * A), the others stay typed; the sheet then computes exactly what the same monthly totals typed
 * by hand compute.
 */
import { STRINGS } from "../../../src/templates";
import { TREND_INPUTS, TREND_MAX_MONTHS, TREND_SAMPLE_MONTHS, monthSerial } from "../../../src/templates/monthly";
import type { InputKey } from "../../../src/templates/strings";
import type { CellInput, SheetSpec, TemplateData } from "../../../src/templates/types";
import { buildWorkbook } from "../../helpers/hfWorkbook";
import { LANGUAGES, RAW_KEYS, RAW_LAST, RAW_SHEET, benchmarksSpec, errorsOf, expectSameCells, letters, metricColumn, rawSheet, template } from "./support";

/** What an export gives a team month by month (the Data tab's payments and calls); targets, QA counts and headcount are typed. */
const GIVEN: ReadonlySet<InputKey> = new Set<InputKey>(["recovered", "totalTalk", "effectiveTalk"]);

/** The sample's twelve months as the Data tab names them: 2025-11 … 2026-10. */
const MONTHS: readonly string[] = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(Date.UTC(2025, 10 + i, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
});

/** The team's SUMIFS over the raw sheet for the row's month (no collector criterion), as the Data tab's dataInputFormula without rowLabel. */
function trendData(months: readonly string[] = MONTHS): TemplateData {
  const range = (c: number): string => `${RAW_SHEET}!$${letters(c)}$2:$${letters(c)}$${RAW_LAST}`;
  return {
    rows: months,
    monthStart: 0,
    source: "payments.csv · 26 rows · 2026-11-30 14:05",
    inputFormula: (key, { rowLabel, monthStart }) => {
      if (rowLabel !== "") throw new Error(`a trend row has no label: ${rowLabel}`);
      return GIVEN.has(key) ? `SUMIFS(${range(2 + RAW_KEYS.indexOf(key))},${range(1)},">="&${monthStart},${range(1)},"<"&EDATE(${monthStart},1))` : undefined;
    },
  };
}

/**
 * The raw rows: each sample month's recovered and talk minutes split 60 / 40 between two
 * collectors, on the 5th and on the last day of the month; and two rows just outside the
 * twelve months (2025-10-31, 2026-11-01) that no month counts.
 */
function trendRaw(): (readonly CellInput[])[] {
  const rows: (readonly CellInput[])[] = [];
  const sample = (key: InputKey, t: number): number => (TREND_INPUTS.find((i) => i.key === key)?.sample ?? [])[t];
  const line = (who: string, date: number, share: (key: InputKey) => number): CellInput[] => [who, date, ...RAW_KEYS.map((k) => (GIVEN.has(k) ? share(k) : null))];
  TREND_SAMPLE_MONTHS.forEach((start, t) => {
    rows.push(line("Ann", start + 4, (k) => sample(k, t) * 0.6));
    rows.push(line("Bo", monthSerial(2025, 12 + t) - 1, (k) => sample(k, t) - sample(k, t) * 0.6));
  });
  rows.push(line("Ann", monthSerial(2025, 11) - 1, () => 777));
  rows.push(line("Bo", monthSerial(2026, 11), () => 999));
  return rows;
}

describe.each(LANGUAGES)("Monthly trend bound to imported data (%s)", (language) => {
  const spec = template("monthly").build({ language, sample: false, data: trendData() });
  const sample = template("monthly").build({ language, sample: true });
  const column = (key: InputKey): number => 1 + TREND_INPUTS.findIndex((i) => i.key === key);

  test("one row per month, column A their first days; row 2 says where the data came from", () => {
    expect(spec.cells[1][0]).toBe(STRINGS[language].data.trendNote(trendData().source));
    expect(spec.layout?.sourceCell).toBe("A2");
    expect(spec.cells.slice(4, 16).map((r) => r[0])).toEqual(TREND_SAMPLE_MONTHS);
    expect(spec.layout).toMatchObject({ firstRow: 5, lastRow: 16 });
    expect(spec.cells.length).toBe(sample.cells.length);
    expect(spec.charts?.map((c) => c.categories)).toEqual(sample.charts?.map((c) => c.categories));
  });

  test("the inputs the data gives are the team's SUMIFS on the row's month ($A5 …); the others stay typed and blank", () => {
    for (let r = 5; r <= 16; r++) {
      const row = spec.cells[r - 1];
      const raw = letters(2 + RAW_KEYS.indexOf("recovered"));
      expect(row[column("recovered")]).toBe(`=SUMIFS(Raw!$${raw}$2:$${raw}$60,Raw!$B$2:$B$60,">="&$A${r},Raw!$B$2:$B$60,"<"&EDATE($A${r},1))`);
      for (const input of TREND_INPUTS) {
        if (GIVEN.has(input.key)) expect(String(row[column(input.key)])).toMatch(/^=SUMIFS\(/);
        else expect(row[column(input.key)]).toBeNull();
      }
    }
    // The typed cells: the months (A) and the input columns the data does not give.
    const typed = TREND_INPUTS.map((i, n) => (GIVEN.has(i.key) ? "" : letters(1 + n))).filter((c) => c !== "");
    expect(spec.layout?.inputs).toEqual(["A5:A16", `${typed[0]}5:${typed[0]}16`, `${typed[1]}5:${typed[typed.length - 1]}16`]);
    expect(spec.validations.map((v) => v.range)).toEqual(expect.arrayContaining(["A5:A16", ...(spec.layout?.inputs ?? []).slice(1)]));
    expect(spec.validations.some((v) => v.range.startsWith(`${letters(column("recovered"))}5`))).toBe(false);
  });

  test("computes exactly what the same monthly totals typed by hand compute: inputs, KPIs, changes, thresholds", () => {
    const wb = buildWorkbook([benchmarksSpec(language), rawSheet(trendRaw()), spec]);
    const sheet = wb.sheetId(spec.name);
    // Type the inputs no export holds, as the sample has them.
    TREND_INPUTS.forEach((input) => {
      if (GIVEN.has(input.key)) return;
      input.sample.forEach((v, t) => wb.hf.setCellContents({ sheet, row: 4 + t, col: column(input.key) }, v));
    });
    expect(errorsOf(wb, spec)).toEqual([]);
    // October 2026 (row 16), by hand: recovered 900,000 (Ann, 10-05) + 600,000 (Bo, 10-31) = 1,500,000,
    // the 999 of 2026-11-01 not counted; target 1,500,000 typed: recovery achievement 1,500,000 /
    // 1,500,000 = 100%; effective talk 7,560 + 5,040 = 12,600 of 12,000 + 8,000 = 20,000 minutes: 63%;
    // per collector 1,500,000 / 9 FTE = 166,666.67.
    const at = (key: InputKey): string => `${letters(column(key))}16`;
    expect(wb.value(spec.name, at("recovered"))).toBeCloseTo(1500000, 6);
    expect(wb.value(spec.name, at("effectiveTalk"))).toBeCloseTo(12600, 6);
    expect(wb.value(spec.name, at("totalTalk"))).toBeCloseTo(20000, 6);
    expect(wb.value(spec.name, `${metricColumn(spec, "recovery_achievement")}16`)).toBeCloseTo(1, 9);
    expect(wb.value(spec.name, `${metricColumn(spec, "effective_talk_ratio")}16`)).toBeCloseTo(0.63, 9);
    expect(wb.value(spec.name, `${metricColumn(spec, "per_capita_recovery")}16`)).toBeCloseTo(1500000 / 9, 6);
    // November 2025 (row 5): 670,800 + 447,200 = 1,118,000; the 777 of 2025-10-31 not counted.
    expect(wb.value(spec.name, `${letters(column("recovered"))}5`)).toBeCloseTo(1118000, 6);

    const compared = expectSameCells(wb, spec, sample);
    expect(compared).toBe((spec.cells.length - 2) * spec.cells[0].length);
  });
});

describe("the months of a data-bound trend sheet", () => {
  const build = (months: readonly string[]): SheetSpec => template("monthly").build({ language: "en", sample: true, data: trendData(months) });

  test("any count from 1 to TREND_MAX_MONTHS: the rows, KPIs and charts follow; data wins over sample", () => {
    const one = build(["2026-10"]);
    expect(one.layout).toMatchObject({ firstRow: 5, lastRow: 5 });
    expect(one.cells[4][0]).toBe(monthSerial(2026, 10));
    expect(one.cells[4][1 + TREND_INPUTS.findIndex((i) => i.key === "target")]).toBeNull();
    const all = Array.from({ length: TREND_MAX_MONTHS }, (_, i) => `${2025 + Math.floor((i + 10) / 12)}-${String(((i + 10) % 12) + 1).padStart(2, "0")}`);
    const spec = build(all);
    expect(spec.layout).toMatchObject({ firstRow: 5, lastRow: 4 + TREND_MAX_MONTHS });
    expect(spec.cells[4 + TREND_MAX_MONTHS - 1][0]).toBe(monthSerial(2027, 10));
    expect(spec.charts?.[0].categories).toBe(`A5:A${4 + TREND_MAX_MONTHS}`);
    expect(spec.charts?.[0].series[0].values).toMatch(new RegExp(`5:[A-Z]+${4 + TREND_MAX_MONTHS}$`));
    // The charts stay below the table.
    for (const chart of spec.charts ?? []) expect(Number(/\d+$/.exec(chart.at)?.[0])).toBeGreaterThan(4 + TREND_MAX_MONTHS);
    // The raw rows reach 2026-11 (row 17, the 999 row); a month with no talk at all (rows 18–28)
    // has total talk 0, and its effective talk ratio (and that ratio's change) says so, as a
    // collector without calls does on a team sheet.
    const wb = buildWorkbook([benchmarksSpec("en"), rawSheet(trendRaw()), spec]);
    const ratio = metricColumn(spec, "effective_talk_ratio");
    const errors = errorsOf(wb, spec);
    expect(errors).toHaveLength(2 * 11);
    for (const e of errors) expect(e).toMatch(/^[A-Z]+(1[89]|2\d) #DIV\/0! total_talk adds up to 0/);
    expect(errors.filter((e) => e.startsWith(ratio))).toHaveLength(11);
  });

  test.each([
    ["no month", [], /1 to 24/],
    ["25 months", Array.from({ length: 25 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`), /1 to 24/],
    ["not YYYY-MM", ["2026-10-01"], /not YYYY-MM/],
    ["month 13", ["2026-13"], /not YYYY-MM/],
    ["newest first", ["2026-10", "2026-09"], /oldest first/],
    ["a month twice", ["2026-10", "2026-10"], /oldest first/],
  ] as const)("refused: %s", (_label, months, message) => {
    expect(() => build(months)).toThrow(message);
  });

  test("a formula with its =, or given in some months only, is refused", () => {
    const data = trendData(["2026-09", "2026-10"]);
    const build2 = (d: TemplateData) => template("monthly").build({ language: "en", sample: false, data: d });
    expect(() => build2({ ...data, inputFormula: () => "=1" })).toThrow(/starts with "="/);
    expect(() => build2({ ...data, inputFormula: (_k, cells) => (cells.monthStart === "$A5" ? "1" : undefined) })).toThrow(/some months only/);
  });
});

/**
 * The host matrix of issue 12: every template (12 since issue 15) × 2 Excel hosts × 2 languages × with and without
 * sample data. Each template is inserted through the real task pane (PaneController, the
 * writer, excel-sim) into a workbook computed by the preview's engine, once as Excel desktop
 * passes arguments (an empty cell as 0) and once as Excel on the web does (as null). Every cell
 * of every sheet must read the same under both, and the sample cells must equal the contract's
 * ratio of sums worked out here from the sample inputs.
 */
import { EXCEL_HOST_IDS, ExcelHostId } from "../../../src/hosts/profiles";
import { SimWorkbook, createSimHost } from "../../../src/excel-sim";
import { attachEngine } from "../../../src/preview/engine";
import { PaneController } from "../../../src/taskpane/controller";
import { TEMPLATES } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";
import { LANGUAGES, cellsOf, inChartGaps, letters } from "../templates/support";

type Snapshot = Record<string, (string | number | boolean | null)[][]>;

async function inserted(id: string, language: "en" | "zh", sample: boolean, excel: ExcelHostId): Promise<{ book: SimWorkbook; values: Snapshot }> {
  const book = new SimWorkbook();
  const host = createSimHost(book, { excel });
  attachEngine(book, language);
  const pane = new PaneController(host, TEMPLATES, language);
  const status = id === "benchmarks" ? await pane.openBenchmarks() : await pane.insertTemplate(id, sample);
  expect(status.tone).toBe("success");
  book.recalculate();
  const values: Snapshot = {};
  for (const sheet of book.sheets) {
    const rows: (string | number | boolean | null)[][] = [];
    for (const { row, column } of sheet.cells()) {
      while (rows.length <= row) rows.push([]);
      rows[row][column] = sheet.valueAt(row, column);
    }
    values[sheet.name] = rows;
  }
  return { book, values };
}

const CASES = TEMPLATES.flatMap((t) => LANGUAGES.flatMap((language) => [true, false].map((sample) => [t.id, language, sample] as const)));

describe.each(CASES)("%s %s, sample %s", (id, language, sample) => {
  test("every cell reads the same on Excel desktop and on Excel on the web", async () => {
    const [desktop, web] = await Promise.all(EXCEL_HOST_IDS.map((excel) => inserted(id, language, sample, excel)));
    expect(desktop.book.host.id).toBe("desktop");
    expect(web.book.host.id).toBe("web");
    expect(web.values).toEqual(desktop.values);
    // Nothing is an error on either host: an empty template is blank, a sample one computes
    // (but for a chart's #N/A gaps, layout.chartGaps, there by design).
    const spec = TEMPLATES.find((t) => t.id === id)!.build({ language, sample });
    const gap = (sheet: string, r: number, c: number, v: string): boolean => v === "#N/A" && sheet === spec.name && inChartGaps(spec, `${letters(c)}${r + 1}`);
    const errors = Object.entries(desktop.values).flatMap(([sheet, rows]) =>
      rows.flatMap((row, r) => (row ?? []).flatMap((v, c) => (typeof v === "string" && /^#[A-Z/0-9]+[!?]?$/.test(v) && !gap(sheet, r, c, v) ? [`${sheet}!${r},${c} ${v}`] : [])))
    );
    expect(errors).toEqual([]);
  });
});

/** The TEAM TOTAL formula of a KPI column: =IF(COUNT(…)=0,"",COLLECT.FN(D6:D13,E6:E13[,F6:F13])). */
/**
 * The ranges of TEAM TOTAL's KPI call: the table's columns by name (CK_M1[[Target (¥)]]), each
 * read as its body, the collector rows of the spec (the header names the column).
 */
function totalRanges(formula: string, spec: SheetSpec): string[] | undefined {
  const m = /COLLECT\.([A-Z]+)\(((?:[A-Za-z_][\w.]*\[\[[^\]]*\]\],?)+)\)\)$/.exec(formula);
  if (m === null) return undefined;
  const { headerRow, firstRow, lastRow } = spec.layout!;
  return [...m[2].matchAll(/([A-Za-z_][\w.]*)\[\[([^\]]*)\]\]/g)].map(([, table, header]) => {
    expect(table).toBe(spec.table!.name);
    const c = spec.cells[headerRow - 1].indexOf(header);
    expect([header, c >= 0]).toEqual([header, true]);
    const letter = String.fromCharCode(65 + (c % 26));
    const column = c >= 26 ? `${String.fromCharCode(64 + Math.floor(c / 26))}${letter}` : letter;
    return `${column}${firstRow}:${column}${lastRow}`;
  });
}

describe.each(EXCEL_HOST_IDS)("sample TEAM TOTALs on %s are the contract's ratio of sums", (excel) => {
  // The sheets with a TEAM TOTAL row (not Benchmarks, Roll rates, the monthly trend or the cohort curves).
  const teams = TEMPLATES.filter((t) => t.build({ language: "en", sample: true }).layout?.totalRow !== undefined);
  test.each(teams.map((t) => t.id))("%s", async (id) => {
    const { book } = await inserted(id, "en", true, excel);
    const spec: SheetSpec = TEMPLATES.find((t) => t.id === id)!.build({ language: "en", sample: true });
    const total = spec.layout!.totalRow! - 1;
    const sheet = book.requireSheet(book.activeSheet.id);
    let checked = 0;
    spec.cells[total].forEach((formula, c) => {
      if (typeof formula !== "string") return;
      const ranges = totalRanges(formula, spec);
      if (ranges === undefined) return;
      // Σ of each range from the sample inputs, as typed in the spec (blank = 0).
      const sums = ranges.map((range) => cellsOf(range).reduce((acc, [r, col]) => acc + (Number(spec.cells[r][col] ?? 0) || 0), 0));
      // metrics.md: every KPI is Σ numerator / Σ denominator; CUMRECOVERY is (Σ current + Σ historical) / Σ outstanding.
      const expected = sums.length === 3 ? (sums[0] + sums[1]) / sums[2] : sums[0] / sums[1];
      expect([c, sheet.valueAt(total, c)]).toEqual([c, expect.closeTo(expected, 12)]);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });
});

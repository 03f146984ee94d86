/**
 * The engine's aggregates into the workbook, as values: a new sheet with a title, the stamp
 * (source file, rows read and kept, the time), and one row per collector × month with the
 * inputs the file gives and the KPIs computed from them, each with its grade. Values, not
 * formulas: the rows the numbers come from are not in the workbook, so there is nothing for a
 * SUMIFS to read; the stamp says where they came from and when.
 *
 * One read (the sheet names) and one write (everything), plus one per further 2.5 MB of rows.
 */
import { CATALOGUE, type Language, LEVEL_LABELS } from "../../core";
import type { DataInput } from "../../data/aggregate";
import type { DatasetKind } from "../../data/model";
import { formatAddress } from "../../excel-sim/a1";
import type { SqlOutput } from "../../sql/generate";
import { BIG_STRINGS } from "./strings";
import { BYTES_PER_SYNC, rowChunks } from "../dataWriter";
import type { XlCellValue } from "../excelApi";
import type { Host } from "../host";
import { uniqueSheetName } from "../writer";
import { inputSqlColumn } from "./plan";

export interface AggregateSheet {
  readonly name: string;
  readonly title: string;
  readonly stamp: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly XlCellValue[])[];
  /** One number format per column. */
  readonly formats: readonly string[];
  readonly widths: readonly number[];
}

/** Where the table starts: title in row 1, stamp in row 2, header in row 4. */
export const HEADER_ROW = 3;

const MONEY: readonly DataInput[] = ["recovered", "outstanding", "target"];
const MINUTES: readonly DataInput[] = ["totalTalk", "effectiveTalk"];

/** The sheet as values (pure: the unit tests read it). */
export function aggregateSheet(
  kind: DatasetKind,
  output: SqlOutput,
  rows: readonly Record<string, string | number | boolean | null>[],
  stamp: { readonly file: string; readonly rows: number; readonly kept: number; readonly blank: number; readonly when: string },
  language: Language
): AggregateSheet {
  const s = BIG_STRINGS[language];
  const metrics = output.metrics.map((id) => CATALOGUE.find((m) => m.id === id)).filter((m) => m !== undefined);
  const levels = LEVEL_LABELS[language];
  const grade = (v: unknown): XlCellValue => (v === "Excellent" ? levels.excellent : v === "Meets" ? levels.meets : v === "Below" ? levels.below : "");
  const num = (v: unknown): XlCellValue => (v === null || v === undefined ? "" : Number(v));
  const header = [s.collector, s.month, ...output.inputs.map((i) => s.inputs[i]), ...metrics.flatMap((m) => [m.name[language], `${m.name[language]} — ${s.grade}`])];
  const body = rows.map((r) => [
    // Text behind an apostrophe, so a collector "00123" or "=1+1" stays what it was.
    `'${String(r.collector ?? "")}`,
    `'${String(r.month ?? "")}`,
    ...output.inputs.map((i) => num(r[inputSqlColumn(i)])),
    ...metrics.flatMap((m) => [num(r[m.id]), grade(r[`${m.id}_grade`])]),
  ]);
  const formats = ["General", "General", ...output.inputs.map((i) => (MONEY.includes(i) ? "#,##0.00" : MINUTES.includes(i) ? "#,##0.0" : "#,##0")), ...metrics.flatMap(() => ["0.0%", "General"])];
  const widths = header.map((h, i) => (i === 0 ? 110 : Math.max(64, Math.min(160, h.length * 6 + 16))));
  return {
    name: s.sheet[kind],
    title: s.title(s.kinds[kind]),
    stamp: s.stamp(stamp.file, stamp.rows, stamp.kept, stamp.rows - stamp.blank - stamp.kept, stamp.when),
    header,
    rows: body,
    formats,
    widths,
  };
}

/** Writes the sheet; returns its name. Nothing is written before this is called (the engine has finished). */
export async function writeAggregateSheet(host: Host, sheet: AggregateSheet): Promise<{ sheet: string; syncs: number }> {
  return host.run(async (context) => {
    let syncs = 0;
    const wb = context.workbook;
    const sheets = wb.worksheets.load("items/name");
    await context.sync();
    syncs++;
    const name = uniqueSheetName(sheet.name, sheets.items.map((x) => x.name));
    const ws = wb.worksheets.add(name);
    const width = sheet.header.length;
    ws.getRange("A1").values = [[sheet.title]];
    ws.getRange("A1").format.font.bold = true;
    ws.getRange("A2").values = [[sheet.stamp]];
    const head = ws.getRange(formatAddress({ row: HEADER_ROW, column: 0, rowCount: 1, columnCount: width }));
    head.values = [[...sheet.header]];
    head.format.font.bold = true;
    const bodyRows = sheet.rows.length;
    if (bodyRows > 0) {
      sheet.formats.forEach((f, c) => {
        if (f !== "General") ws.getRange(formatAddress({ row: HEADER_ROW + 1, column: c, rowCount: bodyRows, columnCount: 1 })).numberFormat = [[f]];
      });
    }
    sheet.widths.forEach((w, c) => (ws.getRange(formatAddress({ row: HEADER_ROW, column: c, rowCount: 1, columnCount: 1 })).format.columnWidth = w));
    const chunks = rowChunks(sheet.rows, BYTES_PER_SYNC);
    for (const [i, chunk] of chunks.entries()) {
      ws.getRange(formatAddress({ row: HEADER_ROW + 1 + chunk.start, column: 0, rowCount: chunk.end - chunk.start, columnCount: width })).values = sheet.rows
        .slice(chunk.start, chunk.end)
        .map((r) => [...r]);
      if (i < chunks.length - 1) {
        await context.sync();
        syncs++;
      }
    }
    ws.activate();
    await context.sync();
    syncs++;
    return { sheet: name, syncs };
  });
}

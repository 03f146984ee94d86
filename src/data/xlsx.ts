/**
 * The first sheet of an XLSX file to headers and rows, through read-excel-file (pure JS, in
 * the pane and in Node). Numbers stay numbers, date-formatted cells arrive as Dates (their
 * wall-clock value as a UTC instant), and typed.ts parses both; nothing is turned to text.
 */
import { readSheet } from "read-excel-file/universal";
import type { ParseResult } from "./csv";
import type { DataProblem, RawCell } from "./model";

export async function readXlsx(bytes: Uint8Array | ArrayBuffer): Promise<ParseResult> {
  if (bytes.byteLength === 0) return failed({ code: "empty-file", message: "The file is empty (0 bytes)." });
  const buffer = bytes instanceof Uint8Array ? (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer) : bytes;
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(buffer, 1)) as unknown[][];
  } catch (e) {
    return failed({ code: "unreadable-file", value: reason(e), message: `The file cannot be read as an Excel workbook (.xlsx): ${reason(e)}.` });
  }
  // read-excel-file starts at the sheet's row 1 and fills gaps with empty rows, so index + 1 is the sheet row.
  const rows = sheet.map((r) => r.map(cell));
  const headerAt = rows.findIndex((r) => r.some((c) => c !== null && !(typeof c === "string" && c.trim() === "")));
  if (headerAt < 0) return failed({ code: "no-header", message: "The first sheet is empty." });
  const headers = rows[headerAt].map((c) => (c === null ? "" : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
  const body = rows.slice(headerAt + 1);
  const sourceRows = body.map((_, i) => headerAt + 2 + i);
  return { ok: true, delimiter: "", table: { headers, rows: body, sourceRows, blankLines: headerAt } };
}

function cell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  return String(v);
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "XLS_FILE_NOT_SUPPORTED") return "an old .xls file; save it as .xlsx";
  if (code === "INVALID_ZIP" || code === "FILE_NOT_SUPPORTED") return "not an .xlsx file";
  if (code === "NO_DATA") return "the workbook has no sheet";
  return e instanceof Error ? e.message : String(e);
}

function failed(problem: DataProblem): ParseResult {
  return { ok: false, cancelled: false, problems: [problem] };
}

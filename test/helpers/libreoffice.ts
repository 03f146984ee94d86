/**
 * LibreOffice Calc as a second spreadsheet: workbooks are written as .xlsx (ExcelJS, with the
 * workbook names that hold formulas added to xl/workbook.xml, as Excel stores them), every
 * formula cell carrying a deliberately wrong cached value, and each Excel table written as a real
 * table part (xl/tables/tableN.xml: name, range, header row, total row, column names = the header
 * cells' texts) so that LibreOffice resolves the structured references (CK_M1[[Recovered]]) in
 * the cells; one headless `soffice` call converts
 * all of them xlsx → xlsx with "recalculate on load: always" (the user profile's
 * org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0), and the cached values of the
 * files it writes are read back. A wrong value that survives means LibreOffice did not
 * recalculate.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { SimWorkbook } from "../../src/excel-sim";
import { columnName } from "../../src/portable/formula";

/** The cached value written into every formula cell before LibreOffice recalculates. */
export const WRONG = -987654.321;

/** The path of soffice, or undefined when LibreOffice is not installed. */
export function soffice(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, "soffice");
    if (dir !== "" && fs.existsSync(p)) return p;
  }
  return undefined;
}

export type Constant = string | number | boolean | null;

export interface BookCell {
  /** A1 address. */
  readonly address: string;
  /** "=…" for a formula, else the constant. */
  readonly input: Constant;
}

/** An Excel table (ListObject) over a block of a sheet: its first row the header, its last the total row when `totalsRow`. */
export interface BookTable {
  readonly name: string;
  /** "A4:X13": header row to total row. */
  readonly ref: string;
  readonly totalsRow: boolean;
}

export interface Book {
  readonly sheets: readonly { readonly name: string; readonly cells: readonly BookCell[]; readonly tables?: readonly BookTable[] }[];
  /** Workbook names: "=…" formulas or references. */
  readonly names: readonly { readonly name: string; readonly formula: string }[];
}

/** A cell's value as read back: a number, text, a boolean, an error ("#N/A") or empty. */
export type Result = { kind: "number"; value: number } | { kind: "text"; value: string } | { kind: "bool"; value: boolean } | { kind: "error"; code: string } | { kind: "empty" };

/** Functions newer than Excel 2007 are stored with the _xlfn. prefix, as Excel writes them. */
function fileFormula(formula: string): string {
  return formula.replace(/^=/, "").replace(/(^|[^A-Za-z0-9_.])(IFNA)\(/gi, "$1_xlfn.$2(");
}

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** An attribute value: a line feed in it must be a character reference, or an XML parser reads it as a space (XML 1.0, 3.3.3). */
const escapeAttribute = (s: string): string => escapeXml(s).replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");

function cellAt(address: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), column };
}

const letters = (column: number): string => (column <= 0 ? "" : letters(Math.floor((column - 1) / 26)) + String.fromCharCode(65 + ((column - 1) % 26)));

/**
 * The table part of one table, as Excel writes it: the column names are the header cells' texts
 * (a line feed as &#10;), the total row's cells a totalsRowLabel (text) or a custom
 * totalsRowFormula (the cell's formula). ExcelJS writes the part, its relationship and the
 * sheet's <tableParts>; its own XML is replaced, since it puts a line feed raw into the name
 * attribute (read back as a space) and leaves out totalsRowFormula.
 */
function tableXml(id: number, table: BookTable, cells: ReadonlyMap<string, Constant>): string {
  const [from, to] = table.ref.split(":").map(cellAt);
  const columns: string[] = [];
  for (let c = from.column; c <= to.column; c++) {
    const header = cells.get(`${letters(c)}${from.row}`);
    if (header === null || header === undefined || header === "") throw new Error(`${table.name}: the header cell ${letters(c)}${from.row} is empty`);
    const total = table.totalsRow ? cells.get(`${letters(c)}${to.row}`) : undefined;
    const name = `name="${escapeAttribute(String(header))}"`;
    if (typeof total === "string" && total.startsWith("=")) {
      columns.push(`<tableColumn id="${c - from.column + 1}" ${name} totalsRowFunction="custom"><totalsRowFormula>${escapeXml(fileFormula(total))}</totalsRowFormula></tableColumn>`);
    } else if (total !== undefined && total !== null && total !== "") {
      columns.push(`<tableColumn id="${c - from.column + 1}" ${name} totalsRowLabel="${escapeAttribute(String(total))}"/>`);
    } else columns.push(`<tableColumn id="${c - from.column + 1}" ${name}/>`);
  }
  const body = `${letters(from.column)}${from.row}:${letters(to.column)}${to.row - (table.totalsRow ? 1 : 0)}`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${escapeAttribute(table.name)}" displayName="${escapeAttribute(table.name)}" ref="${table.ref}" headerRowCount="1" totalsRowCount="${table.totalsRow ? 1 : 0}">` +
    `<autoFilter ref="${body}"/><tableColumns count="${columns.length}">${columns.join("")}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** The workbook as an .xlsx file, every formula's cached value WRONG. */
export async function writeBook(book: Book): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    // The tables first: ExcelJS writes their header, rows and total row into the cells, and the
    // cells set below win (checked by "writes each table as a table part" in xlsx.test.ts).
    for (const t of sheet.tables ?? []) {
      const [from, to] = t.ref.split(":").map(cellAt);
      const width = to.column - from.column + 1;
      ws.addTable({
        name: t.name,
        ref: `${letters(from.column)}${from.row}`,
        headerRow: true,
        totalsRow: t.totalsRow,
        columns: Array.from({ length: width }, (_, i) => ({ name: `Column${i + 1}` })),
        rows: Array.from({ length: to.row - from.row - (t.totalsRow ? 1 : 0) }, () => Array<null>(width).fill(null)),
      });
    }
    for (const c of sheet.cells) {
      if (c.input === null || c.input === "") continue;
      const cell = ws.getCell(c.address);
      if (typeof c.input === "string" && c.input.startsWith("=")) cell.value = { formula: fileFormula(c.input), result: WRONG } as ExcelJS.CellFormulaValue;
      else if (typeof c.input === "string" && /^#(N\/A|VALUE!|DIV\/0!|NUM!|REF!|NAME\?|NULL!)$/.test(c.input)) cell.value = { error: c.input } as ExcelJS.CellErrorValue;
      else cell.value = c.input;
    }
  }
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const file = "xl/workbook.xml";
  let xml = await (zip.file(file) as JSZip.JSZipObject).async("string");
  const entries = book.names.map((n) => `<definedName name="${escapeXml(n.name)}">${escapeXml(fileFormula(n.formula))}</definedName>`).join("");
  if (entries !== "") {
    xml = xml.includes("</definedNames>")
      ? xml.replace("</definedNames>", `${entries}</definedNames>`)
      : xml.includes("<definedNames/>")
        ? xml.replace("<definedNames/>", `<definedNames>${entries}</definedNames>`)
        : xml.replace("</sheets>", `</sheets><definedNames>${entries}</definedNames>`);
  }
  zip.file(file, xml);
  // Each table part rewritten as Excel writes it (tableXml), found by its name.
  const parts = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f));
  for (const sheet of book.sheets) {
    const cells = new Map(sheet.cells.map((c) => [c.address, c.input]));
    for (const t of sheet.tables ?? []) {
      let found = false;
      for (const part of parts) {
        const text = await (zip.file(part) as JSZip.JSZipObject).async("string");
        const m = / id="(\d+)" name="([^"]*)"/.exec(text);
        if (m === null || m[2] !== escapeAttribute(t.name)) continue;
        zip.file(part, tableXml(Number(m[1]), t, cells));
        found = true;
      }
      if (!found) throw new Error(`ExcelJS wrote no table part for ${t.name}`);
    }
  }
  return zip.generateAsync({ type: "nodebuffer" });
}

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Recalculates every file in LibreOffice, in one soffice call: a fresh user profile whose
 * settings say "always recalculate" on load, then xlsx → xlsx. Returns the files it wrote, by
 * the same keys.
 */
export function recalculate(files: ReadonlyMap<string, Buffer>): Map<string, Buffer> {
  const bin = soffice();
  if (bin === undefined) throw new Error("soffice is not installed (apt-get install libreoffice-calc-nogui)");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "collectkpi-lo-"));
  try {
    const profile = path.join(root, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE);
    const input = path.join(root, "in");
    const output = path.join(root, "out");
    fs.mkdirSync(input);
    fs.mkdirSync(output);
    const paths: string[] = [];
    const keys = [...files.keys()];
    keys.forEach((k, i) => {
      const p = path.join(input, `book${i}.xlsx`);
      fs.writeFileSync(p, files.get(k) as Buffer);
      paths.push(p);
    });
    execFileSync(bin, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", output, ...paths], {
      stdio: "pipe",
      timeout: 110_000,
    });
    const out = new Map<string, Buffer>();
    keys.forEach((k, i) => {
      const p = path.join(output, `book${i}.xlsx`);
      if (!fs.existsSync(p)) throw new Error(`LibreOffice wrote no ${path.basename(p)} for ${k}`);
      out.set(k, fs.readFileSync(p));
    });
    return out;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The values of every formula cell, by "Sheet!A1". */
export async function readResults(file: Buffer): Promise<Map<string, Result>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
  const out = new Map<string, Result>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (v === null || typeof v !== "object" || !("formula" in v || "sharedFormula" in v)) return;
        // cell.value leaves out a result of 0; the model keeps it.
        out.set(`${ws.name}!${cell.address}`, resultOf((cell.model as { result?: unknown }).result));
      })
    );
  }
  return out;
}

function resultOf(r: unknown): Result {
  if (r === undefined || r === null || r === "") return { kind: "empty" };
  if (typeof r === "number") return { kind: "number", value: r };
  if (typeof r === "boolean") return { kind: "bool", value: r };
  if (typeof r === "string") return { kind: "text", value: r };
  if (r instanceof Date) return { kind: "number", value: r.getTime() };
  if (typeof r === "object" && r !== null && "error" in r) return { kind: "error", code: String((r as { error: string }).error) };
  return { kind: "text", value: JSON.stringify(r) };
}

/** A value as the simulator or HyperFormula shows it, in the same form. */
export function expected(v: Constant | undefined): Result {
  if (v === null || v === undefined || v === "") return { kind: "empty" };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (/^#(N\/A|VALUE!|DIV\/0!|NUM!|REF!|NAME\?|NULL!|CALC!|SPILL!)$/.test(v)) return { kind: "error", code: v };
  return { kind: "text", value: v };
}

/** Same number (12 significant digits), same text, same error. */
export function agree(a: Result, b: Result): boolean {
  if (a.kind === "number" && b.kind === "number") return Math.abs(a.value - b.value) <= 1e-12 * Math.max(1, Math.abs(a.value), Math.abs(b.value));
  return JSON.stringify(a) === JSON.stringify(b);
}

export function showResult(r: Result): string {
  return r.kind === "error" ? r.code : r.kind === "empty" ? "(empty)" : JSON.stringify(r.value);
}

/**
 * A simulated workbook as writeBook takes it: every cell, every workbook name (the hidden
 * CollectKPI.* ones too) and every table (CK_M1 …, with its total row), so that LibreOffice
 * resolves CK_M1[[Recovered]] and the names over CK_Payments[Amount].
 */
export function bookOf(sim: SimWorkbook): Book {
  const address = (row: number, column: number): string => `${columnName(column)}${row + 1}`;
  const sheetName = (id: string): string => sim.requireSheet(id).name;
  const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  return {
    sheets: sim.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells()].map(({ row, column, cell }): BookCell => ({ address: address(row, column), input: cell.formula ?? cell.value })),
      tables: sim.tables
        .filter((t) => t.sheetId === s.id)
        .map((t) => ({
          name: t.name,
          ref: `${address(t.rect.row, t.rect.column)}:${address(t.rect.row + t.rect.rowCount - 1, t.rect.column + t.rect.columnCount - 1)}`,
          totalsRow: t.showTotals,
        })),
    })),
    names: sim.names.map((n) => ({
      name: n.name,
      formula:
        n.formula ??
        (n.constant !== undefined
          ? `=${typeof n.constant === "string" ? `"${n.constant}"` : String(n.constant)}`
          : `=${quote(sheetName(n.sheetId))}!$${columnName(n.rect.column)}$${n.rect.row + 1}:$${columnName(n.rect.column + n.rect.columnCount - 1)}$${n.rect.row + n.rect.rowCount}`),
    })),
  };
}

/**
 * LibreOffice Calc as a second spreadsheet: workbooks are written as .xlsx (ExcelJS, with the
 * workbook names that hold formulas added to xl/workbook.xml, as Excel stores them), every
 * formula cell carrying a deliberately wrong cached value; one headless `soffice` call converts
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

export interface Book {
  readonly sheets: readonly { readonly name: string; readonly cells: readonly BookCell[] }[];
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

/** The workbook as an .xlsx file, every formula's cached value WRONG. */
export async function writeBook(book: Book): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheet.name);
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

/**
 * A HyperFormula workbook from sheet specs, with the COLLECT functions registered from the
 * core and each spec's workbook names (CollectBenchmarks) added as named expressions, so a
 * template computes here as it does in Excel. HyperFormula is GPLv3 (licenseKey "gpl-v3"):
 * tests and the preview only.
 *
 *   const wb = buildWorkbook([benchmarks, m1]);
 *   wb.value("M1", "H13")   // the number, string, boolean, null or DetailedCellError there
 */
import { CellValue, HyperFormula, RawCellContent } from "hyperformula";
import { benchmarksNameFormula } from "../../src/core";
import { registerCollectFunctions, setEngineHost } from "../../src/engine/hyperformula";
import { ExcelHostProfile, defaultExcelHost } from "../../src/hosts/profiles";
import { columnIndex, columnName, tokenize } from "../../src/portable/formula";
import type { SheetSpec } from "../../src/templates/types";

export interface HfWorkbook {
  readonly hf: HyperFormula;
  /** HyperFormula's id of a sheet, by the spec's name; throws when there is no such sheet. */
  sheetId(name: string): number;
  /** The computed value of one cell, e.g. value("M1", "H13"). */
  value(sheet: string, a1: string): CellValue;
}

/** 'M4+'!$A$5:$H$28: a quoted sheet name and absolute corners, as a named expression wants. */
function qualified(sheet: string, range: string): string {
  const absolute = range
    .split(":")
    .map((corner) => corner.replace(/^([A-Z]+)(\d+)$/i, "$$$1$$$2"))
    .join(":");
  return `'${sheet.replace(/'/g, "''")}'!${absolute}`;
}

/**
 * HyperFormula has no structured references: each `Table[[Column]]` (or `Table[Column]`) a
 * template writes becomes the A1 range of that column's data body as the spec lays the table
 * out (the header row above, the total row below when shown). Any other form fails the test.
 */
function withoutTables(formula: string, specs: readonly SheetSpec[]): string {
  const tokens = tokenize(formula).filter((t) => t.type === "structured");
  let out = formula;
  for (const t of [...tokens].reverse()) {
    const m = /^([^[]+)\[\[?((?:[^\]']|'.)*)\]?\]$/s.exec(t.text);
    const spec = m === null ? undefined : specs.find((s) => s.table?.name.toLowerCase() === m[1].toLowerCase());
    if (m === null || spec === undefined || spec.table === undefined) throw new Error(`${formula}: the test workbook cannot resolve ${t.text}`);
    const column = m[2].replace(/'(.)/gs, "$1");
    const [first, last] = spec.table.range.split(":");
    const top = Number(/\d+$/.exec(first)![0]);
    const bottom = Number(/\d+$/.exec(last)![0]) - (spec.table.showTotals === true ? 1 : 0);
    const left = columnIndex(/^[A-Z]+/.exec(first)![0]);
    const c = spec.cells[top - 1].findIndex((h, i) => i >= left && typeof h === "string" && h.toLowerCase() === column.toLowerCase());
    if (c < 0) throw new Error(`${formula}: no column ${JSON.stringify(column)} in ${spec.table.name}`);
    const letter = columnName(c);
    out = `${out.slice(0, t.pos)}${qualified(spec.name, `${letter}${top + 1}:${letter}${bottom}`)}${out.slice(t.pos + t.text.length)}`;
  }
  return out;
}

/**
 * `host`: what the COLLECT functions receive for an empty cell (src/hosts/profiles.ts); by
 * default the profile of the test run (jest runs the template suites once per profile).
 */
export function buildWorkbook(specs: readonly SheetSpec[], host: ExcelHostProfile = defaultExcelHost()): HfWorkbook {
  registerCollectFunctions();
  setEngineHost(host);
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const spec of specs) {
    if (spec.name in sheets) throw new Error(`two sheets are named ${spec.name}`);
    sheets[spec.name] = spec.cells.map((row) => row.map((v): RawCellContent => (typeof v === "string" && v.startsWith("=") ? withoutTables(v, specs) : v)));
  }
  // No smart rounding: tests compare with values computed by hand to 10+ digits, as Excel keeps 15.
  // Array arithmetic on, as dynamic-array Excel (and the preview) evaluate CollectBenchmarks' =IF(body="","",body).
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: "gpl-v3", smartRounding: false, useArrayArithmetic: true });
  for (const spec of specs) {
    for (const n of spec.names) {
      const ref = qualified(spec.name, n.range);
      hf.addNamedExpression(n.name, n.blanksAsEmpty === true ? benchmarksNameFormula(ref) : `=${ref}`);
    }
  }
  const sheetId = (name: string): number => {
    const id = hf.getSheetId(name);
    if (id === undefined) throw new Error(`no sheet named ${name}`);
    return id;
  };
  return {
    hf,
    sheetId,
    value(sheet: string, a1: string): CellValue {
      const address = hf.simpleCellAddressFromString(a1, sheetId(sheet));
      if (address === undefined) throw new Error(`${a1} is not an A1 address`);
      return hf.getCellValue(address);
    },
  };
}

/**
 * The file format: a real .xlsx written by ExcelJS with COLLECT formulas (in the form Excel
 * stores an add-in's custom functions, _xldudf_COLLECT_…, and as typed), a Benchmarks sheet
 * and the CollectBenchmarks defined name is read back, converted, written, and read again:
 * no COLLECT call is left, CollectBenchmarks is intact, the CollectKPI names are in
 * xl/workbook.xml, and the workbook computes what the original computed.
 *
 * ExcelJS keeps only defined names that are ranges, so the CollectKPI.* names (short formulas) are
 * written into and read from xl/workbook.xml with JSZip, the zip library ExcelJS itself uses.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { CATALOGUE } from "../../../src/core";
import { NameDefinition, SheetCell, convertSheet } from "../../../src/portable/convert";
import { engine, outcome, same, show } from "./hf";

const BENCH_RANGE = `Benchmarks!$A$2:$H$${CATALOGUE.length + 1}`;

async function original(): Promise<ExcelJS.Buffer> {
  const wb = new ExcelJS.Workbook();
  const bench = wb.addWorksheet("Benchmarks");
  bench.addRow(["Metric ID", "Name", "Direction", "Meets", "Excellent", "Unit", "Red line", "Source"]);
  for (const m of CATALOGUE) {
    // This institution's own thresholds: a stricter recovery target than the default 85%.
    const meets = m.id === "recovery_achievement" ? 1 : (m.meets ?? null);
    bench.addRow([m.id, m.name.en, m.direction, meets, m.excellent ?? null, m.unit.en, m.redLine, m.source.en]);
  }
  wb.definedNames.add(BENCH_RANGE, "CollectBenchmarks");

  const ws = wb.addWorksheet("M1 (2)");
  ws.getCell("B2").value = 90000;
  ws.getCell("B3").value = 110000;
  ws.getCell("C2").value = 100000;
  ws.getCell("C3").value = 100000;
  ws.getCell("E1").value = "recovery_achievement";
  ws.getCell("F1").value = "compliance_pass_rate";
  ws.getCell("E2").value = 0.95;
  ws.getCell("F2").value = 0.99;
  ws.getCell("E3").value = 70;
  ws.getCell("F3").value = 30;
  const formulas: Record<string, string> = {
    A7: "COLLECT.RECOVERYRATE(B2:B5,C2:C5)",
    A8: '_xldudf_COLLECT_GRADE("recovery_achievement",A7,CollectBenchmarks,"zh-CN")',
    A9: 'IF(B2="","",_xldudf_COLLECT_KPISCORE("recovery_achievement",A7,CollectBenchmarks))',
    A10: "_xldudf_COLLECT_SCORE($E$1:$F$1,E2:F2,E3:F3,CollectBenchmarks)",
    A11: "SUM(B2:B5)",
    A12: '_xldudf_COLLECT_BENCHMARK("recovery_achievement","meets",CollectBenchmarks)',
  };
  for (const [a, f] of Object.entries(formulas)) ws.getCell(a).value = { formula: f, result: undefined } as ExcelJS.CellFormulaValue;
  return wb.xlsx.writeBuffer();
}

/** The cells of a worksheet as the converter takes them ("=…" for formulas). */
function cellsOf(ws: ExcelJS.Worksheet): SheetCell[] {
  const out: SheetCell[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      const v = cell.value;
      if (v !== null && typeof v === "object" && "formula" in v) out.push({ address: cell.address, formula: `=${v.formula}` });
      else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") out.push({ address: cell.address, formula: v });
    })
  );
  return out;
}

/**
 * The workbook's range names. ExcelJS reads a name that holds a formula as a broken range
 * ("'IF(SUMPRODUCT(--(TRIM(Benchmarks'!$A$2:$A$24"), so the CollectKPI names are read from
 * the XML instead (formulaNames).
 */
function rangeNames(wb: ExcelJS.Workbook): Record<string, string> {
  return Object.fromEntries(wb.definedNames.model.filter((n) => !n.name.startsWith("CollectKPI.")).map((n) => [n.name, n.ranges[0]]));
}

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const unescapeXml = (s: string): string => s.replace(/&quot;/g, '"').replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");

async function addNames(file: ExcelJS.Buffer, names: readonly NameDefinition[]): Promise<ExcelJS.Buffer> {
  const zip = await JSZip.loadAsync(file);
  const path = "xl/workbook.xml";
  let xml = await (zip.file(path) as JSZip.JSZipObject).async("string");
  const entries = names.map((n) => `<definedName name="${escapeXml(n.name)}" hidden="1">${escapeXml(n.formula.replace(/^=/, ""))}</definedName>`).join("");
  xml = xml.includes("</definedNames>") ? xml.replace("</definedNames>", `${entries}</definedNames>`) : xml.replace("</sheets>", `</sheets><definedNames>${entries}</definedNames>`);
  zip.file(path, xml);
  return zip.generateAsync({ type: "arraybuffer" });
}

async function formulaNames(file: ExcelJS.Buffer): Promise<NameDefinition[]> {
  const zip = await JSZip.loadAsync(file);
  const xml = await (zip.file("xl/workbook.xml") as JSZip.JSZipObject).async("string");
  return [...xml.matchAll(/<definedName name="(CollectKPI[^"]*)"[^>]*>([^<]*)<\/definedName>/g)].map((m) => ({ name: unescapeXml(m[1]), formula: `=${unescapeXml(m[2])}` }));
}

/** Evaluates the workbook's cells in HyperFormula; _xldudf_COLLECT_X is what Excel shows as COLLECT.X. */
function evaluate(sheets: Map<string, SheetCell[]>, names: Record<string, string>, extra: readonly NameDefinition[]): Map<string, ReturnType<typeof outcome>> {
  const hf = engine(Object.fromEntries([...sheets.keys()].map((n) => [n, []])));
  for (const [name, target] of Object.entries(names)) hf.addNamedExpression(name, `=${target}`);
  for (const n of extra) hf.addNamedExpression(n.name, n.formula);
  hf.batch(() => {
    for (const [sheet, cells] of sheets) {
      const id = hf.getSheetId(sheet) as number;
      for (const c of cells) {
        const a = hf.simpleCellAddressFromString(c.address, id);
        if (a === undefined) throw new Error(c.address);
        const f = typeof c.formula === "string" ? c.formula.replace(/_xldudf_COLLECT_/g, "COLLECT.") : c.formula;
        hf.setCellContents(a, typeof f === "string" && !f.startsWith("=") ? `'${f}` : f);
      }
    }
  });
  const out = new Map<string, ReturnType<typeof outcome>>();
  for (const [sheet, cells] of sheets) {
    const id = hf.getSheetId(sheet) as number;
    for (const c of cells) out.set(`${sheet}!${c.address}`, outcome(hf.getCellValue(hf.simpleCellAddressFromString(c.address, id) as never)));
  }
  return out;
}

describe("an .xlsx file made portable", () => {
  it("round-trips through ExcelJS with native formulas, CollectBenchmarks and the CollectKPI names", async () => {
    // Read the original file.
    const first = new ExcelJS.Workbook();
    await first.xlsx.load(await original());
    const names = rangeNames(first);
    expect(names).toEqual({ CollectBenchmarks: BENCH_RANGE });
    const before = new Map(first.worksheets.map((ws) => [ws.name, cellsOf(ws)]));

    // Convert and write.
    const defined = new Map<string, string>();
    for (const ws of first.worksheets) {
      const result = convertSheet(cellsOf(ws), { sheet: ws.name, names });
      expect(result.skipped).toEqual([]);
      for (const c of result.converted) ws.getCell(c.address).value = { formula: String(c.formula).replace(/^=/, ""), result: undefined } as ExcelJS.CellFormulaValue;
      for (const n of result.names) defined.set(n.name, n.formula);
    }
    // recovery_achievement: GRADE, KPISCORE, SCORE, BENCHMARK; compliance_pass_rate: SCORE.
    expect([...defined.keys()].sort()).toEqual([
      "CollectKPI.compliance_pass_rate.Dir",
      "CollectKPI.compliance_pass_rate.Excellent",
      "CollectKPI.compliance_pass_rate.Meets",
      "CollectKPI.compliance_pass_rate.Red",
      "CollectKPI.compliance_pass_rate.Target",
      "CollectKPI.recovery_achievement.Dir",
      "CollectKPI.recovery_achievement.Excellent",
      "CollectKPI.recovery_achievement.GradeE",
      "CollectKPI.recovery_achievement.GradeM",
      "CollectKPI.recovery_achievement.Meets",
      "CollectKPI.recovery_achievement.Red",
      "CollectKPI.recovery_achievement.Target",
    ]);
    for (const f of defined.values()) expect(f.length).toBeLessThanOrEqual(300);
    const written = await addNames(await first.xlsx.writeBuffer(), [...defined].map(([name, formula]) => ({ name, formula })));

    // Read it again.
    const second = new ExcelJS.Workbook();
    await second.xlsx.load(written);
    expect(rangeNames(second)).toEqual({ CollectBenchmarks: BENCH_RANGE });
    const after = new Map(second.worksheets.map((ws) => [ws.name, cellsOf(ws)]));
    const formulas = (after.get("M1 (2)") ?? []).filter((c) => typeof c.formula === "string" && c.formula.startsWith("="));
    expect(formulas.map((c) => c.address).sort()).toEqual(["A10", "A11", "A12", "A7", "A8", "A9"]);
    for (const c of formulas) expect(c.formula).not.toMatch(/COLLECT[._]/i);
    expect(formulas.find((c) => c.address === "A11")?.formula).toBe("=SUM(B2:B5)");
    const extra = await formulaNames(written);
    expect(extra.map((n) => n.name).sort()).toEqual([...defined.keys()].sort());
    expect(extra.find((n) => n.name === "CollectKPI.recovery_achievement.Meets")?.formula).toBe(defined.get("CollectKPI.recovery_achievement.Meets"));

    // The portable file computes what the original computed, with this workbook's thresholds.
    const expected = evaluate(before, names, []);
    const actual = evaluate(after, rangeNames(second), extra);
    const diffs = [...expected].filter(([cell, v]) => !same(v, actual.get(cell) ?? { kind: "empty" })).map(([cell, v]) => `${cell}: ${show(v)} vs ${show(actual.get(cell) ?? { kind: "empty" })}`);
    expect(diffs).toEqual([]);
    expect(actual.get("M1 (2)!A8")).toEqual({ kind: "text", value: "达标" }); // 100% against this workbook's 100% target
    expect(actual.get("M1 (2)!A12")).toEqual({ kind: "number", value: 1 });
  });
});

describe("writes each table as a table part (test/helpers/libreoffice.ts)", () => {
  it("names the columns by the header texts (a line feed as &#10;), keeps the total row's formula, and the cells as set", async () => {
    const { writeBook } = await import("../../helpers/libreoffice");
    const file = await writeBook({
      sheets: [
        {
          name: "T",
          cells: [
            { address: "A2", input: "Name" },
            { address: "B2", input: "回收\n金额" },
            { address: "A3", input: "a" },
            { address: "B3", input: 10 },
            { address: "A4", input: "b" },
            { address: "B4", input: 2 },
            { address: "A5", input: "TEAM TOTAL" },
            { address: "B5", input: "=SUM(Team[[回收\n金额]])" },
          ],
          tables: [{ name: "Team", ref: "A2:B5", totalsRow: true }],
        },
      ],
      names: [],
    });
    const zip = await JSZip.loadAsync(file);
    const part = await (zip.file("xl/tables/table1.xml") as JSZip.JSZipObject).async("string");
    expect(part).toContain('name="Team" displayName="Team" ref="A2:B5" headerRowCount="1" totalsRowCount="1"');
    expect(part).toContain('<tableColumn id="1" name="Name" totalsRowLabel="TEAM TOTAL"/>');
    expect(part).toContain('<tableColumn id="2" name="回收&#10;金额" totalsRowFunction="custom"><totalsRowFormula>SUM(Team[[回收\n金额]])</totalsRowFormula></tableColumn>');
    expect(part).toContain('<autoFilter ref="A2:B4"/>');
    // The cells set after the table win over what ExcelJS writes for it (its header "Column1", its empty rows).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("T") as ExcelJS.Worksheet;
    expect([ws.getCell("A2").value, ws.getCell("B2").value, ws.getCell("B3").value, ws.getCell("A5").value]).toEqual(["Name", "回收\n金额", 10, "TEAM TOTAL"]);
    expect((ws.getCell("B5").value as ExcelJS.CellFormulaValue).formula).toBe("SUM(Team[[回收\n金额]])");
  });
});

/**
 * Every template, converted: the workbook of all templates (sample data, both languages)
 * computes the same value in every cell after "Make portable" as before, in HyperFormula.
 * Then the benchmarks travel: edit the Benchmarks sheet of the converted workbook and the
 * native formulas follow the new thresholds exactly as the functions do.
 */
import { benchmarksNameFormula } from "../../../src/core/benchmarksName";
import { HyperFormula, RawCellContent } from "hyperformula";
import { Language } from "../../../src/core";
import { columnName } from "../../../src/portable/formula";
import { SheetCell, convertSheet } from "../../../src/portable/convert";
import { TEMPLATES } from "../../../src/templates";
import type { SheetSpec } from "../../../src/templates/types";
import { engine, outcome, same, show } from "./hf";

function qualified(sheet: string, range: string): string {
  const absolute = range
    .split(":")
    .map((corner) => corner.replace(/^([A-Z]+)(\d+)$/i, "$$$1$$$2"))
    .join(":");
  return `'${sheet.replace(/'/g, "''")}'!${absolute}`;
}

interface Book {
  readonly hf: HyperFormula;
  readonly specs: readonly SheetSpec[];
  readonly names: Record<string, string>;
}

function book(language: Language): Book {
  const specs = TEMPLATES.map((t) => t.build({ language, sample: true }));
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const s of specs) sheets[s.name] = s.cells.map((row) => row.map((v): RawCellContent => v));
  const hf = engine(sheets);
  const names: Record<string, string> = {};
  for (const s of specs)
    for (const n of s.names) {
      names[n.name] = qualified(s.name, n.range);
      // As the writer defines it: CollectBenchmarks hands blanks on as "" (core/benchmarksName.ts).
      hf.addNamedExpression(n.name, n.blanksAsEmpty === true ? benchmarksNameFormula(names[n.name]) : `=${names[n.name]}`);
    }
  return { hf, specs, names };
}

function cellsOf(spec: SheetSpec): SheetCell[] {
  const out: SheetCell[] = [];
  spec.cells.forEach((row, r) => row.forEach((v, c) => out.push({ address: `${columnName(c)}${r + 1}`, formula: v })));
  return out;
}

/** Values of every cell of every sheet, as outcomes, with the area a spilled result may cover. */
function snapshot(b: Book): Map<string, ReturnType<typeof outcome>> {
  const out = new Map<string, ReturnType<typeof outcome>>();
  for (const s of b.specs) {
    const id = b.hf.getSheetId(s.name) as number;
    const { height, width } = b.hf.getSheetDimensions(id);
    for (let r = 0; r < Math.max(height, s.cells.length); r++)
      for (let c = 0; c < Math.max(width, s.cells[0]?.length ?? 0); c++) out.set(`${s.name}!${columnName(c)}${r + 1}`, outcome(b.hf.getCellValue({ sheet: id, row: r, col: c })));
  }
  return out;
}

/** Converts every sheet and writes the result into the workbook; returns what was skipped, and each converted formula's length. */
function makePortable(b: Book): { skipped: string[]; converted: number; lengths: { cell: string; length: number; structured: boolean }[]; names: { cell: string; length: number }[] } {
  const skipped: string[] = [];
  const lengths: { cell: string; length: number; structured: boolean }[] = [];
  const names: { cell: string; length: number }[] = [];
  let converted = 0;
  const defined = new Set<string>();
  for (const spec of b.specs) {
    const r = convertSheet(cellsOf(spec), { sheet: spec.name, names: b.names });
    skipped.push(...r.skipped.map((s) => `${spec.name}!${s.address}: ${s.reason}`));
    converted += r.summary.converted;
    for (const c of r.converted) if (typeof c.formula === "string" && c.formula.startsWith("=")) lengths.push({ cell: `${spec.name}!${c.address}`, length: c.formula.length, structured: /[A-Za-z0-9_]\[/.test(c.formula) });
    for (const n of r.names) {
      if (defined.has(n.name)) continue;
      names.push({ cell: n.name, length: n.formula.length });
      b.hf.addNamedExpression(n.name, n.formula);
      defined.add(n.name);
    }
    const id = b.hf.getSheetId(spec.name) as number;
    b.hf.batch(() => {
      for (const c of r.converted) {
        const address = b.hf.simpleCellAddressFromString(c.address, id);
        if (address === undefined) throw new Error(c.address);
        b.hf.setCellContents(address, typeof c.formula === "string" && !c.formula.startsWith("=") ? `'${c.formula}` : c.formula);
      }
    });
  }
  return { skipped, converted, lengths, names };
}

function differences(before: Map<string, ReturnType<typeof outcome>>, after: Map<string, ReturnType<typeof outcome>>): string[] {
  const out: string[] = [];
  for (const [cell, was] of before) {
    const now = after.get(cell) ?? { kind: "empty" as const };
    if (!same(was, now)) out.push(`${cell}: before ${show(was)}, after ${show(now)}`);
  }
  return out;
}

/**
 * The Roll rates sheet's LOSSFACTORS cell: the engine adapter sizes its spilled result as a
 * reference, so HyperFormula shows #VALUE! there ("Cell range not allowed") before conversion.
 * Until that is fixed in src/engine/hyperformula.ts, the test evaluates that one formula as
 * `…*1`, which spills and changes no value.
 */
function patchLossFactors(b: Book): void {
  for (const s of b.specs) {
    const id = b.hf.getSheetId(s.name) as number;
    s.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        if (typeof v === "string" && /^=COLLECT\.LOSSFACTORS\(/i.test(v)) b.hf.setCellContents({ sheet: id, row: r, col: c }, `${v}*1`);
      })
    );
  }
}

describe.each<Language>(["en", "zh"])("templates (%s), made portable", (language) => {
  const b = book(language);
  patchLossFactors(b);
  const before = snapshot(b);
  const result = makePortable(b);

  it("converts every COLLECT formula of every template", () => {
    expect(result.skipped).toEqual([]);
    expect(result.converted).toBeGreaterThan(100);
  });

  it("writes no converted cell and no name over 300 characters (README, Length), team tables' structured references and the Recovery curves included", () => {
    const longest = (xs: readonly { cell: string; length: number }[]): string => {
      const top = [...xs].sort((x, y) => y.length - x.length)[0];
      return top === undefined ? "none" : `${top.cell} ${top.length}`;
    };
    const structured = result.lengths.filter((x) => x.structured);
    const over = result.lengths.filter((x) => x.length > 300);
    const bySheet = new Map<string, number>();
    for (const x of over) bySheet.set(x.cell.replace(/!.*$/, ""), (bySheet.get(x.cell.replace(/!.*$/, "")) ?? 0) + 1);
    // eslint-disable-next-line no-console
    console.log(
      `${language}: ${result.lengths.length} converted cells; longest ${longest(result.lengths)}; ` +
        `${structured.length} with a structured reference, longest ${longest(structured)}; over 300: ${JSON.stringify([...bySheet])}; ` +
        `${result.names.length} names, longest ${longest(result.names)}`
    );
    expect(over).toEqual([]);
    expect(structured.filter((x) => x.length > 300)).toEqual([]);
    expect(result.names.filter((x) => x.length > 300)).toEqual([]);
  });

  it("computes the same value in every cell as before", () => {
    expect(differences(before, snapshot(b))).toEqual([]);
  });

  it("keeps no COLLECT call", () => {
    for (const s of b.specs) {
      const id = b.hf.getSheetId(s.name) as number;
      for (const f of Object.values(b.hf.getSheetSerialized(id)).flat()) if (typeof f === "string") expect(f).not.toMatch(/COLLECT[._]/i);
    }
  });

  it("still reads the workbook's Benchmarks table after conversion (the thresholds travel)", () => {
    // Another institution's thresholds, typed into the converted workbook: a higher recovery
    // target, compliance no longer a red line, a stricter complaint rate.
    const original = book(language);
    patchLossFactors(original);
    const edit = (hf: HyperFormula): void => {
      const bench = b.specs.find((s) => s.templateId === "benchmarks") as SheetSpec;
      const id = hf.getSheetId(bench.name) as number;
      const rowOf = (metric: string): number => bench.cells.findIndex((row) => row[0] === metric);
      hf.batch(() => {
        hf.setCellContents({ sheet: id, row: rowOf("recovery_achievement"), col: 3 }, 1.05);
        hf.setCellContents({ sheet: id, row: rowOf("recovery_achievement"), col: 4 }, 1.3);
        hf.setCellContents({ sheet: id, row: rowOf("compliance_pass_rate"), col: 6 }, false);
        hf.setCellContents({ sheet: id, row: rowOf("complaint_rate"), col: 3 }, 0.002);
        hf.setCellContents({ sheet: id, row: rowOf("cumulative_recovery"), col: 3 }, 0.5);
        hf.setCellContents({ sheet: id, row: rowOf("avg_handling_days"), col: 2 }, language === "zh" ? "越高越好" : "higher");
      });
    };
    edit(original.hf);
    edit(b.hf);
    const withFunctions = snapshot(original);
    const portable = snapshot(b);
    expect(differences(withFunctions, portable)).toEqual([]);
    // And the edit changed something that the defaults would not give.
    expect(differences(before, portable).length).toBeGreaterThan(10);
  });
});

/**
 * The peer of item 1: HyperFormula (GPLv3, licenseKey "gpl-v3"; a dev dependency, never
 * shipped) recalculating the same ratio of whole-column sums over the same numbers.
 *
 * What is timed is one recalculation: a batch that edits the first cell of each summed
 * column (alternating between its value and that value + 1) and lets HyperFormula
 * re-evaluate the formula. That is what a sheet pays when data changes; HyperFormula
 * recomputes a range SUM in full (measured: the time grows with the rows).
 */
import { HyperFormula } from "hyperformula";
import type { ColumnData } from "./data";
import { median } from "./measure";

export interface PeerResult {
  /** Seconds to build each peer workbook (not counted in any ratio). */
  readonly buildMs: number;
  /** Median ms per recalculation of =SUM(A)/SUM(B). */
  readonly twoArgMs: number;
  /** Median ms per recalculation of =(SUM(A)+SUM(C))/SUM(B) (CUMRECOVERY's formula). */
  readonly threeArgMs: number;
  readonly twoArgValue: unknown;
  readonly threeArgValue: unknown;
}

/**
 * One workbook per formula, built with the formula in place and destroyed after: removing
 * a formula over a million-row range from a HyperFormula workbook takes minutes (its
 * dependency bookkeeping is quadratic there), and one workbook with both formulas would
 * recalculate both on every edit.
 */
function recalcTime(
  columns: readonly Float64Array[],
  formula: (n: number) => string,
  runs: number
): { ms: number; value: unknown; buildMs: number } {
  const n = columns[0].length;
  const t0 = performance.now();
  const cells: number[][] = new Array(n);
  for (let i = 0; i < n; i++) cells[i] = columns.map((col) => col[i]);
  const hf = HyperFormula.buildFromSheets(
    { Data: cells, Calc: [[formula(n)]] },
    { licenseKey: "gpl-v3", maxRows: Math.max(n, 1_048_576), maxColumns: 16_384 }
  );
  const buildMs = performance.now() - t0;
  try {
    const sheet = hf.getSheetId("Data") as number;
    const formulaCell = { sheet: hf.getSheetId("Calc") as number, col: 0, row: 0 };
    const original = columns.map((col) => col[0]);
    const samples: number[] = [];
    for (let r = 0; r < runs + 2; r++) {
      const bump = r % 2 === 0 ? 1 : 0;
      const t = performance.now();
      hf.batch(() => original.forEach((v, col) => hf.setCellContents({ sheet, col, row: 0 }, [[v + bump]])));
      const value = hf.getCellValue(formulaCell);
      const ms = performance.now() - t;
      if (typeof value !== "number") throw new Error(`the peer formula gave ${String(value)}`);
      if (r >= 2) samples.push(ms); // two warm-up recalculations
    }
    // Back to the bench's numbers, to report the value on the same data as ours.
    hf.batch(() => original.forEach((v, col) => hf.setCellContents({ sheet, col, row: 0 }, [[v]])));
    return { ms: median(samples), value: hf.getCellValue(formulaCell), buildMs };
  } finally {
    hf.destroy();
  }
}

export function peer(data: ColumnData, runs: number, log: (s: string) => void): PeerResult {
  const two = recalcTime([data.numerator, data.denominator], (n) => `=SUM(Data!A1:A${n})/SUM(Data!B1:B${n})`, runs);
  log(`peer SUM/SUM: workbook built in ${(two.buildMs / 1000).toFixed(1)} s, recalculation ${two.ms.toFixed(0)} ms`);
  const three = recalcTime(
    [data.numerator, data.denominator, data.historical],
    (n) => `=(SUM(Data!A1:A${n})+SUM(Data!C1:C${n}))/SUM(Data!B1:B${n})`,
    runs
  );
  log(`peer (SUM+SUM)/SUM: workbook built in ${(three.buildMs / 1000).toFixed(1)} s, recalculation ${three.ms.toFixed(0)} ms`);
  return {
    buildMs: two.buildMs + three.buildMs,
    twoArgMs: two.ms,
    threeArgMs: three.ms,
    twoArgValue: two.value,
    threeArgValue: three.value,
  };
}

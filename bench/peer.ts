/**
 * The peer of item 1: HyperFormula (GPLv3, licenseKey "gpl-v3"; a dev dependency, never
 * shipped) recalculating the same ratio of whole-column sums over the same numbers.
 *
 * What is timed is one recalculation: a batch that edits one cell of each summed column
 * (alternating between its value and that value + 1, so the numbers stay the bench's
 * numbers on every other run) and lets HyperFormula re-evaluate the formula. That is
 * what a sheet pays when data changes; HyperFormula recomputes a range SUM in full.
 */
import { HyperFormula } from "hyperformula";
import type { ColumnData } from "./data";
import { median } from "./measure";

export interface PeerResult {
  readonly buildMs: number;
  /** Median ms per recalculation of =SUM(A)/SUM(B). */
  readonly twoArgMs: number;
  /** Median ms per recalculation of =(SUM(A)+SUM(C))/SUM(B) (CUMRECOVERY's formula). */
  readonly threeArgMs: number;
  readonly twoArgValue: unknown;
  readonly threeArgValue: unknown;
}

export function peer(data: ColumnData, runs: number, log: (s: string) => void): PeerResult {
  const n = data.rows;
  const t0 = performance.now();
  const cells: number[][] = new Array(n);
  for (let i = 0; i < n; i++) cells[i] = [data.numerator[i], data.denominator[i], data.historical[i]];
  const hf = HyperFormula.buildFromSheets(
    { Data: cells, Calc: [[null]] },
    { licenseKey: "gpl-v3", maxRows: Math.max(n, 1_048_576), maxColumns: 16_384 }
  );
  const buildMs = performance.now() - t0;
  log(`peer workbook built in ${(buildMs / 1000).toFixed(1)} s`);
  const sheet = hf.getSheetId("Data") as number;
  const calc = hf.getSheetId("Calc") as number;
  const formulaCell = { sheet: calc, col: 0, row: 0 };

  const measure = (formula: string, columns: number[]): { ms: number; value: unknown } => {
    hf.setCellContents(formulaCell, [[formula]]);
    const original = columns.map((col) => cells[0][col]);
    const samples: number[] = [];
    for (let r = 0; r < runs + 2; r++) {
      const bump = r % 2 === 0 ? 1 : 0;
      const t = performance.now();
      hf.batch(() => {
        columns.forEach((col, k) => hf.setCellContents({ sheet, col, row: 0 }, [[original[k] + bump]]));
      });
      const value = hf.getCellValue(formulaCell);
      const ms = performance.now() - t;
      if (typeof value !== "number") throw new Error(`the peer formula gave ${String(value)}`);
      if (r >= 2) samples.push(ms); // two warm-up recalculations
    }
    // Leave the numbers as they were (an even number of runs ends on the bumped value otherwise).
    hf.batch(() => columns.forEach((col, k) => hf.setCellContents({ sheet, col, row: 0 }, [[original[k]]])));
    const value = hf.getCellValue(formulaCell);
    hf.setCellContents(formulaCell, [[null]]);
    return { ms: median(samples), value };
  };

  const two = measure(`=SUM(Data!A1:A${n})/SUM(Data!B1:B${n})`, [0, 1]);
  const three = measure(`=(SUM(Data!A1:A${n})+SUM(Data!C1:C${n}))/SUM(Data!B1:B${n})`, [0, 1, 2]);
  hf.destroy();
  return { buildMs, twoArgMs: two.ms, threeArgMs: three.ms, twoArgValue: two.value, threeArgValue: three.value };
}

/**
 * Where a sheet's dynamic arrays spill, for Range.getSpillParentOrNullObject and
 * Range.getSpillingToRangeOrNullObject (ExcelApi 1.12).
 *
 * The sheet stores what a calculator reported: formulas, constants, and the values spilled into
 * cells with no input of their own (SimSheet.storeSpilled), not which formula spilled them. The
 * areas are therefore read off the sheet as Excel lays them out: a spill area is a rectangle
 * whose top-left cell (the anchor) holds the formula and whose other cells hold no input. From
 * each formula cell with a spilled neighbour to its right or below, the area grows right along
 * the anchor's row, then down while whole rows of spilled cells follow. Where two candidates
 * claim the same cells (a formula beside a spill area, such as the roll-rate sheet's month
 * labels in column A beside the rates spilled from B15), the larger area wins. A spilled value
 * of "" (a blank element of an array: VINTAGE's months a cohort has not reached) is part of the
 * area, as in Excel: the sheet knows it was spilled (SimSheet.isSpilled).
 */
import { MAX_COLUMNS, Rect, contains } from "./a1";
import type { SimSheet } from "./model";

const key = (row: number, column: number): number => row * MAX_COLUMNS + column;

export interface SpillMap {
  /** The spill area of an anchor (more than one cell), by anchor. */
  readonly areas: ReadonlyMap<number, Rect>;
  /** The anchor area holding a cell (anchor included), or undefined. */
  areaAt(row: number, column: number): Rect | undefined;
}

function hasInput(sheet: SimSheet, row: number, column: number): boolean {
  const cell = sheet.getCell(row, column);
  return cell !== undefined && (cell.formula !== undefined || cell.value !== null);
}

/** A cell holding a value a dynamic array spilled into it. */
function spilled(sheet: SimSheet, row: number, column: number): boolean {
  return column < MAX_COLUMNS && !hasInput(sheet, row, column) && sheet.isSpilled(row, column);
}

function grow(sheet: SimSheet, row: number, column: number, taken: ReadonlySet<number>): Rect {
  const free = (r: number, c: number): boolean => spilled(sheet, r, c) && !taken.has(key(r, c));
  let columnCount = 1;
  while (free(row, column + columnCount)) columnCount++;
  let rowCount = 1;
  for (;;) {
    let whole = true;
    for (let c = column; c < column + columnCount && whole; c++) whole = free(row + rowCount, c);
    if (!whole) break;
    rowCount++;
  }
  return { row, column, rowCount, columnCount };
}

export function spillMap(sheet: SimSheet): SpillMap {
  const candidates: { row: number; column: number; area: Rect }[] = [];
  const none = new Set<number>();
  for (const { row, column, cell } of sheet.cells()) {
    if (cell.formula === undefined) continue;
    if (!spilled(sheet, row, column + 1) && !spilled(sheet, row + 1, column)) continue;
    candidates.push({ row, column, area: grow(sheet, row, column, none) });
  }
  const size = (r: Rect): number => r.rowCount * r.columnCount;
  candidates.sort((a, b) => size(b.area) - size(a.area) || a.row - b.row || a.column - b.column);
  const taken = new Set<number>();
  const areas = new Map<number, Rect>();
  for (const { row, column } of candidates) {
    const area = grow(sheet, row, column, taken);
    if (size(area) < 2) continue;
    areas.set(key(row, column), area);
    for (let r = area.row; r < area.row + area.rowCount; r++) for (let c = area.column; c < area.column + area.columnCount; c++) taken.add(key(r, c));
  }
  return {
    areas,
    areaAt(row, column) {
      for (const area of areas.values()) if (contains(area, row, column)) return area;
      return undefined;
    },
  };
}

export const spillKey = key;

/**
 * Merged cells of a preview sheet, so the grid draws a merge as one cell (its text once, across
 * its columns and rows) as Excel does. The workbook port lists them (PreviewWorkbook.mergedAreas).
 */
import type { PreviewWorkbook, RangeRef } from "../../workbook/types";

export function mergedAreas(workbook: PreviewWorkbook, sheet: string): RangeRef[] {
  return workbook.mergedAreas(sheet);
}

/** Merges looked up by cell: which merge (if any) covers a cell, by row. */
export class MergeIndex {
  private readonly byRow = new Map<number, RangeRef[]>();

  constructor(merges: readonly RangeRef[]) {
    for (const m of merges) {
      if (m.rows * m.columns <= 1) continue;
      for (let r = m.row; r < m.row + m.rows; r++) {
        const list = this.byRow.get(r);
        if (list) list.push(m);
        else this.byRow.set(r, [m]);
      }
    }
  }

  get empty(): boolean {
    return this.byRow.size === 0;
  }

  /** The merge covering a cell, or undefined. */
  at(row: number, column: number): RangeRef | undefined {
    return this.byRow.get(row)?.find((m) => column >= m.column && column < m.column + m.columns);
  }

  /** Whether a cell lies in a merge without being its top-left cell (Excel shows nothing of its own there). */
  covered(row: number, column: number): boolean {
    const m = this.at(row, column);
    return !!m && (m.row !== row || m.column !== column);
  }

  /** The first row to draw so that merges reaching into rows first.. from above are drawn too. */
  firstRow(first: number, last: number): number {
    let top = first;
    for (let r = first; r < last; r++) for (const m of this.byRow.get(r) ?? []) top = Math.min(top, m.row);
    return top;
  }

  /** A rectangle grown until no merge sticks out of it (a selection takes whole merges, as in Excel). */
  grow(range: RangeRef): RangeRef {
    let { row, column } = range;
    let bottom = row + range.rows;
    let right = column + range.columns;
    for (let changed = true; changed; ) {
      changed = false;
      for (let r = row; r < bottom; r++) {
        for (const m of this.byRow.get(r) ?? []) {
          if (m.column >= right || m.column + m.columns <= column) continue;
          const [top, left, b, rt] = [Math.min(row, m.row), Math.min(column, m.column), Math.max(bottom, m.row + m.rows), Math.max(right, m.column + m.columns)];
          if (top !== row || left !== column || b !== bottom || rt !== right) {
            [row, column, bottom, right] = [top, left, b, rt];
            changed = true;
          }
        }
      }
    }
    return { sheet: range.sheet, row, column, rows: bottom - row, columns: right - column };
  }
}

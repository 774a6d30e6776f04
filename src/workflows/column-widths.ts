/**
 * The one rule for the widths of the columns the add-in writes (beside the data and on result
 * sheets): as wide as the longest header, label or figure written in the column, as the sheet
 * shows it (its number format), Chinese characters counting about twice a Latin one. Widths are in
 * characters, as CellFormat.columnWidth takes them (the Excel port turns them into points).
 */
import { textWidth } from "../core/text-width";
import { formatValue } from "../workbook/number-format";
import { type Steps, stepsToEnd } from "../workbook/slices";
import type { Block } from "../workbook/types";

/** Excel's default is 8.43; no written column is narrower than that. */
export const MIN_COLUMN_WIDTH = 9;
/** A long value (a list of skipped rows) wraps the column no wider than this. */
export const MAX_COLUMN_WIDTH = 50;
/** Bold headers and the cell's margins take about two characters more than the text. */
const PADDING = 2;

/** Width in characters for a column whose longest text is `units` wide (textWidth). */
export function fitWidth(units: number): number {
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.ceil(units) + PADDING));
}

export interface WidthInput {
  /** Number format of a cell (undefined: General). */
  formatOf(row: number, column: number): string | undefined;
  /**
   * Rows of free text (a title, a note, a parameter line) rather than of a table: their last
   * text spills into the empty cells on its right, as in any spreadsheet, so it does not widen
   * its column. Numbers never spill (a too narrow column shows ###): they always count.
   */
  spills?: (row: number) => boolean;
}

/** Rows measured one by one; beyond them, a column's numbers are measured at their smallest and largest (what formats widest). */
const ROWS_MEASURED = 2000;

/** The width of each column of a block written from column 0. */
export function blockWidths(block: Block, input: WidthInput): number[] {
  return stepsToEnd(blockWidthSteps(block, input));
}

/** Rows a step of blockWidthSteps measures between two yields. */
const ROWS_PER_STEP = 1_024;

/** blockWidths as steps of ROWS_PER_STEP rows, for the page to run in slices (stepsInSlices). */
export function* blockWidthSteps(block: Block, input: WidthInput): Steps<number[]> {
  const columns = block.reduce((n, r) => Math.max(n, r.length), 0);
  const units = new Array<number>(columns).fill(0);
  // A text is at most twice its length wide: most need no measuring once a column is wide.
  const widen = (c: number, text: string) => {
    if (text.length * 2 > units[c]) units[c] = Math.max(units[c], textWidth(text));
  };
  const low = new Array<number>(columns).fill(Infinity);
  const high = new Array<number>(columns).fill(-Infinity);
  const rowOfLow = new Array<number>(columns).fill(-1);
  const rowOfHigh = new Array<number>(columns).fill(-1);
  for (let r = 0; r < block.length; r++) {
    if (r % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    const row = block[r];
    let last = row.length - 1;
    while (last >= 0 && row[last] === null) last--;
    const spills = input.spills?.(r) ?? false;
    for (let c = 0; c <= last; c++) {
      const v = row[c];
      if (v === null) continue;
      if (typeof v === "number") {
        if (r < ROWS_MEASURED) widen(c, formatValue(v, input.formatOf(r, c)));
        else {
          if (v < low[c]) [low[c], rowOfLow[c]] = [v, r];
          if (v > high[c]) [high[c], rowOfHigh[c]] = [v, r];
        }
      } else if (!(spills && c === last)) widen(c, typeof v === "string" ? v : String(v).toUpperCase());
    }
  }
  for (let c = 0; c < columns; c++) {
    for (const r of [rowOfLow[c], rowOfHigh[c]]) if (r >= 0) widen(c, formatValue(block[r][c], input.formatOf(r, c)));
  }
  return units.map(fitWidth);
}

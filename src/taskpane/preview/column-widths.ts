/** Grid column widths from the text of the first rows: wide scripts (Chinese) count double. */
import { textWidth } from "../../core/text-width";

/** A column width in characters as Excel draws it (7 px a character plus 5 px of margins), within bounds. */
export function storedColumnPx(characters: number): number {
  return Math.min(2 * MAX_COLUMN_PX, Math.max(16, Math.round(characters * 7 + 5)));
}

export const MIN_COLUMN_PX = 64;
export const MAX_COLUMN_PX = 240;

/** Pixel width per column: the longest of the sampled texts, within MIN..MAX. */
export function columnWidths(columns: number, sampleRows: number, text: (row: number, column: number) => string): number[] {
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    let units = 0;
    for (let r = 0; r < sampleRows; r++) units = Math.max(units, textWidth(text(r, c)));
    widths.push(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, units * 7 + 16)));
  }
  return widths;
}

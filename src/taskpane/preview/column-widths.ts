/** Grid column widths from the text of the first rows: wide scripts (Chinese) count double. */
export function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return units;
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

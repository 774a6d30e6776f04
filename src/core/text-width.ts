/**
 * How wide a text looks, in units of a Latin character: wide scripts (Chinese, Japanese, Korean,
 * full-width forms) count double, as a spreadsheet draws them. The preview grid and the column
 * widths the workflows write both measure with it.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += WIDE.test(ch) ? 2 : 1;
  return units;
}

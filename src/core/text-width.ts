/**
 * How wide a text looks, in units of a Latin character: wide scripts (Chinese, Japanese, Korean,
 * full-width forms) count double, as a spreadsheet draws them. The preview grid and the column
 * widths the workflows write both measure with it. A character outside the Basic Multilingual
 * Plane counts once.
 */
export function textWidth(text: string): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // By code unit, not a regular expression per character: the grid measures every cell it draws.
    if (c < 0x1100) units++;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      units++;
    } else units += isWide(c) ? 2 : 1;
  }
  return units;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

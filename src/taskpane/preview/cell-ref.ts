/** Reads an A1 cell reference typed in the grid's "go to" box ("h1504", "$B$2"). */
export function parseCellRef(text: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1) return undefined;
  return { row: row - 1, column: column - 1 };
}

/** A cell ("B2") or a rectangle ("A1:H101", either corner first) as anchor and focus cells. */
export function parseRangeRef(text: string): { anchor: { row: number; column: number }; focus: { row: number; column: number } } | undefined {
  const parts = text.split(":");
  if (parts.length > 2) return undefined;
  const anchor = parseCellRef(parts[0]);
  const focus = parts.length === 2 ? parseCellRef(parts[1]) : anchor;
  return anchor && focus ? { anchor, focus } : undefined;
}

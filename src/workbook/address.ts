/** A1-style addresses for messages and for Office.js calls that want them. */
import type { RangeRef } from "./types";

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** Sheet names with spaces or punctuation are quoted in addresses, quotes doubled. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function rangeAddress(ref: RangeRef, withSheet = true): string {
  const start = cellAddress(ref.row, ref.column);
  const end = cellAddress(ref.row + Math.max(ref.rows, 1) - 1, ref.column + Math.max(ref.columns, 1) - 1);
  const body = start === end ? start : `${start}:${end}`;
  return withSheet ? `${quoteSheet(ref.sheet)}!${body}` : body;
}

/** The 0-based column index of column letters: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Sizing of Excel requests. Excel rejects a request or response above 5 MB and a read of more
 * than 5 million cells; we aim well below both so one block is always one safe request.
 */
import type { Block, CellValue } from "./types";

export const EXCEL_LIMITS = { maxPayloadBytes: 5_000_000, maxCellsPerRead: 5_000_000 } as const;

/** Our own ceilings per request: half the payload limit, a fifth of the cell limit. */
export interface Budget {
  payloadBytes: number;
  cells: number;
}

export const BLOCK_BUDGET: Readonly<Budget> = { payloadBytes: 2_500_000, cells: 1_000_000 };

/** UTF-8 bytes of a string (the payload travels as UTF-8 JSON: CJK text is 3 bytes a character). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** JSON bytes of one cell value as it travels in a request (quotes, escapes, comma). */
export function cellBytes(value: CellValue): number {
  if (value === null) return 3; // "" plus comma
  if (typeof value === "number") return String(value).length + 1;
  if (typeof value === "boolean") return value ? 5 : 6;
  return utf8Bytes(JSON.stringify(value)) + 1;
}

export function rowBytes(row: readonly CellValue[]): number {
  let bytes = 2;
  for (const v of row) bytes += cellBytes(v);
  return bytes;
}

/**
 * Splits rows into consecutive blocks each under the byte and cell budget (a single row larger
 * than the budget still forms its own block). Returns [start, end) pairs.
 */
export function splitByBudget(rows: Block, budget: Readonly<Budget> = BLOCK_BUDGET): [number, number][] {
  const blocks: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  let cells = 0;
  for (let i = 0; i < rows.length; i++) {
    const b = rowBytes(rows[i]);
    const c = rows[i].length;
    if (i > start && (bytes + b > budget.payloadBytes || cells + c > budget.cells)) {
      blocks.push([start, i]);
      start = i;
      bytes = 0;
      cells = 0;
    }
    bytes += b;
    cells += c;
  }
  if (start < rows.length) blocks.push([start, rows.length]);
  return blocks;
}

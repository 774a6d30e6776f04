/**
 * CSV as spreadsheets read it (RFC 4180): fields with a comma, quote or line break are quoted,
 * quotes doubled, lines end with CRLF, UTF-8 with a byte-order mark so Excel opens Chinese text
 * correctly. Text that starts with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe, so opening the file never turns data into a formula.
 */
import type { CellValue } from "../workbook/types";

export const CSV_BOM = "\uFEFF";

function field(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CellValue[])[]): string {
  return CSV_BOM + rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
}

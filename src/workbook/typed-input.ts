/**
 * What Excel makes of text a person types into a cell (and of a string written through
 * range.values): "=…", and "+x"/"-x"/"@x" that are not numbers, become formulas; "00123", "1,234",
 * "1e3" and "12%" numbers; TRUE/FALSE booleans; "2024-03-31", "2024/3/31" and "2024年3月31日"
 * dates (serial numbers); a leading apostrophe keeps the rest as text; "" is a blank cell.
 * Full-width digits (typed with a Chinese input method) read as digits. Forms whose meaning
 * depends on the locale ("3/4", "31/3/2024") stay text here. One rule for the preview grid (a
 * person typing into a cell) and the test fake of Office.js; text-guard.ts is its counterpart,
 * keeping the add-in's own strings from being read this way.
 */
import { isoToSerial } from "../core/dates";
import type { CellValue } from "./types";

export interface TypedInput {
  value: CellValue;
  /** The formula Excel would store (its value is not calculated here). */
  formula?: string;
  /** The text was a date: Excel also gives the cell a date format. */
  date?: boolean;
}

/** Full-width digits, signs and separators as ASCII (０-９ ％ ． ， ＋ － ／). */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A number as Excel reads typed text: sign, thousands separators, decimals, exponent, percent. */
export function parseTypedNumber(text: string): number | undefined {
  const m = /^\s*([-+]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+|\.)?(e[-+]?\d+)?(%?)\s*$/i.exec(halfWidth(text));
  if (!m || (m[2] === "" && (!m[3] || m[3] === "."))) return undefined;
  const n = Number(`${m[1]}${m[2].replace(/,/g, "")}${m[3] === "." ? "" : (m[3] ?? "")}${m[4] ?? ""}`);
  if (!Number.isFinite(n)) return undefined;
  return m[5] ? n / 100 : n;
}

/** yyyy-mm-dd, yyyy/m/d, yyyy年m月d日 (yyyy年m月: the first of the month) as a serial number. */
function parseTypedDate(text: string): number | undefined {
  const s = halfWidth(text).trim();
  const iso = isoToSerial(s);
  if (iso !== undefined) return iso;
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s);
  if (!m) return undefined;
  return isoToSerial(`${m[1]}-${m[2]}-${m[3] ?? "1"}`);
}

/** Excel's reading of a string typed into a cell. */
export function parseTyped(text: string): TypedInput {
  if (text === "") return { value: null };
  if (text.startsWith("'")) return { value: text.length > 1 ? text.slice(1) : null };
  if (text.startsWith("=")) return { value: 0, formula: text };
  const n = parseTypedNumber(text);
  if (n !== undefined) return { value: n };
  if (/^[+\-@]/.test(text)) return { value: 0, formula: text.startsWith("@") ? `=${text.slice(1)}` : `=${text}` };
  if (/^(true|false)$/i.test(text.trim())) return { value: text.trim().toLowerCase() === "true" };
  const date = parseTypedDate(text);
  if (date !== undefined) return { value: date, date: true };
  return { value: text };
}

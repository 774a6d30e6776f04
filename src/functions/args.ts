/**
 * Conversion of what Excel passes into what core expects, with messages that name the argument.
 * Excel passes null for a left-out argument, "" for a blank cell inside a range, numbers,
 * strings and booleans as typed; a range arrives as rows of cells.
 */
import { Cell, CrmError, valueError } from "../core/errors";
import { toSerial } from "../core/dates";
import { Language } from "../core/labels";
import { asExcelError, toExcelError } from "./excel-error";

export type Scalar = number | string | boolean | null | undefined;
export type Matrix = Scalar[][];

export function isMissing(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}

/** A required number. Text, blanks and booleans are #VALUE! naming the argument. */
export function num(value: unknown, name: string): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw valueError(`${name} is not a finite number`);
    return value;
  }
  if (isMissing(value)) throw valueError(`${name} is required`);
  if (typeof value === "boolean") throw valueError(`${name} must be a number, not ${value ? "TRUE" : "FALSE"}`);
  throw valueError(`${name} must be a number, not the text "${String(value)}"`);
}

/** An optional number: left out (or a blank cell) gives the default. */
export function optNum(value: unknown, name: string, fallback: number): number;
export function optNum(value: unknown, name: string): number | undefined;
export function optNum(value: unknown, name: string, fallback?: number): number | undefined {
  return isMissing(value) ? fallback : num(value, name);
}

/** An optional TRUE/FALSE (1/0 accepted, as Excel does). */
export function optBool(value: unknown, name: string, fallback: boolean): boolean {
  if (isMissing(value)) return fallback;
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  throw valueError(`${name} must be TRUE or FALSE`);
}

/** An optional text argument, trimmed; left out gives the default. */
export function optText(value: unknown, name: string, fallback: string): string {
  if (isMissing(value)) return fallback;
  if (typeof value !== "string") throw valueError(`${name} must be text`);
  return value.trim();
}

export function language(value: unknown): Language {
  const text = optText(value, "language", "zh").toLowerCase();
  if (text === "zh" || text === "zh-cn" || text === "cn") return "zh";
  if (text === "en" || text === "en-us") return "en";
  throw valueError(`language must be "zh" or "en", not "${text}"`);
}

/** A date argument: a serial number or ISO text. */
export function date(value: unknown, name: string): number {
  return toSerial(value, name);
}

/**
 * The cells of a one-row or one-column range (a single cell is a list of one). A block of
 * several rows and columns is #VALUE!.
 */
export function list(range: unknown, name: string): Scalar[] {
  if (!Array.isArray(range)) return [range as Scalar];
  if (range.length === 0) return [];
  if (range.length > 1) {
    // A column (rows of one cell), the common shape, checked and copied in one pass: three passes
    // with a closure per cell took 400 ms of REPEATSUMMARY's million rows.
    const n = range.length;
    const out: Scalar[] = new Array(n);
    let i = 0;
    for (; i < n; i++) {
      const row: unknown = range[i];
      if (!Array.isArray(row) || row.length !== 1) break;
      out[i] = row[0] as Scalar;
    }
    if (i === n) return out;
  }
  if (!range.every(Array.isArray)) return range as Scalar[];
  const rows = range as Matrix;
  if (rows.length === 1) return rows[0];
  if (rows.every((r) => r.length === 1)) return rows.map((r) => r[0]);
  throw valueError(`${name} must be a single row or column (got ${rows.length} rows × ${rows[0].length} columns)`);
}

/** A list argument, left out → undefined. */
export function optList(range: unknown, name: string): Scalar[] | undefined {
  if (isMissing(range)) return undefined;
  const cells = list(range, name);
  if (cells.length === 1 && isMissing(cells[0])) return undefined;
  return cells;
}

/** Where in a list a bad cell is, for messages: "revenue value 3". */
export function at(name: string, index: number, length: number): string {
  return length === 1 ? name : `${name} value ${index + 1}`;
}

/** A list of numbers; the first bad cell makes the whole argument #VALUE!. */
export function numList(range: unknown, name: string): number[] {
  const cells = list(range, name);
  return cells.map((c, i) => num(c, at(name, i, cells.length)));
}

/** A list of numbers where each bad cell is kept as that row's own error. */
export function numCells(range: unknown, name: string): Cell<number>[] {
  const cells = list(range, name);
  const n = cells.length;
  const out: Cell<number>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    // a finite number needs no conversion (x - x === 0 only for finite numbers)
    out[i] = typeof c === "number" && c - c === 0 ? c : attempt(() => num(c, at(name, i, n)));
  }
  return out;
}

/** A list of dates (serials or ISO text) where each bad cell is kept as that row's own error. */
export function dateCells(range: unknown, name: string): Cell<number>[] {
  const cells = list(range, name);
  return cells.map((c, i) => attempt(() => date(c, at(name, i, cells.length))));
}

/** A rectangular block of cells, rows × columns, as given. */
export function matrix(range: unknown, name: string): Matrix {
  if (!Array.isArray(range)) {
    if (isMissing(range)) throw valueError(`${name} is required`);
    return [[range as Scalar]];
  }
  if (!range.every(Array.isArray)) return [range as Scalar[]];
  return range as Matrix;
}

/** Runs fn, returning a CrmError instead of throwing one. */
export function attempt<T>(fn: () => T): Cell<T> {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
}

export type ExcelCell = number | string | boolean | Error;

/** One result cell for Excel: errors through the adapter, never NaN or Infinity. */
export function toExcelCell(value: Cell<number | string | boolean> | null | undefined): ExcelCell {
  if (value instanceof CrmError) return toExcelError(value);
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isFinite(value)) return toExcelError(new CrmError("#NUM!", "the result is not a finite number"));
  return value;
}

/** A spilled column: one row per value. */
export function column(values: readonly Cell<number | string | boolean>[]): ExcelCell[][] {
  return values.map((v) => [toExcelCell(v)]);
}

/** A spilled column whose input may be a single cell: that cell's own error becomes the function's error. */
export function spilled(values: readonly Cell<number | string | boolean>[]): ExcelCell[][] {
  if (values.length === 1 && values[0] instanceof CrmError) throw values[0];
  return column(values);
}

/** A spilled table. */
export function table(rows: readonly (readonly Cell<number | string | boolean | null>[])[]): ExcelCell[][] {
  return rows.map((r) => r.map((v) => toExcelCell(v)));
}

/**
 * The body of every custom function: conversions and core calls run inside, and whatever they
 * throw reaches Excel as an error value with its message, never as an exception.
 */
export function excel<T>(fn: () => T): T {
  let result: T;
  try {
    result = fn();
  } catch (e) {
    throw asExcelError(e);
  }
  if (typeof result === "number" && !Number.isFinite(result)) throw toExcelError(new CrmError("#NUM!", "the result is not a finite number"));
  return result;
}

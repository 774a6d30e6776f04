/**
 * Excel ranges read into typed columns in one pass, for the functions that take a million rows:
 * no per-cell closures or objects, an error object only for a bad cell (with the same message the
 * per-cell conversions of args.ts give), and spilled results that share one row array per
 * distinct value. A range arrives as rows of cells: a column is rows of one cell, read in place.
 */
import { cellAt, Cells, ColumnRows, NO_ERRORS, NumberColumn } from "../core/columns";
import { isSerial, toSerial } from "../core/dates";
import { Cell, CrmError } from "../core/errors";
import { at as where, attempt, date, ExcelCell, isMissing, list, num, Scalar, toExcelCell } from "./args";

function numberError(x: unknown, name: string, i: number, n: number): CrmError {
  return attempt(() => num(x, where(name, i, n))) as CrmError;
}

/**
 * A list of numbers where each bad cell is kept as that row's own error (args.numCells, typed).
 * A column is checked and read in the same pass (a million rows are read once, not twice); the
 * first row that is not one cell sends the whole range to the general shape (args.list).
 */
export function numColumn(range: unknown, name: string): NumberColumn {
  if (Array.isArray(range) && range.length > 1) {
    const n = range.length;
    const values = new Float64Array(n);
    let errors: Map<number, CrmError> | undefined;
    for (let i = 0; i < n; i++) {
      const row: unknown = range[i];
      if (!Array.isArray(row) || row.length !== 1) return numbersOf(list(range, name), name);
      const x: unknown = row[0];
      // x - x === 0 only for finite numbers (NaN and ±Infinity give NaN)
      if (typeof x === "number" && x - x === 0) values[i] = x;
      else (errors ??= new Map()).set(i, numberError(x, name, i, n));
    }
    return { values, errors: errors ?? NO_ERRORS };
  }
  return numbersOf(list(range, name), name);
}

function numbersOf(flat: readonly Scalar[], name: string): NumberColumn {
  const n = flat.length;
  const values = new Float64Array(n);
  let errors: Map<number, CrmError> | undefined;
  for (let i = 0; i < n; i++) {
    const x = flat[i];
    if (typeof x === "number" && x - x === 0) values[i] = x;
    else (errors ??= new Map()).set(i, numberError(x, name, i, n));
  }
  return { values, errors: errors ?? NO_ERRORS };
}

/** A list of numbers; the first bad cell makes the whole argument #VALUE! (args.numList, typed). */
export function numbers(range: unknown, name: string): Float64Array {
  const col = numColumn(range, name);
  for (const e of col.errors.values()) throw e;
  return col.values;
}

/**
 * A list of dates (serials or ISO text) where each bad cell is its row's own error (args.dateCells,
 * typed). A serial number is taken as toSerial takes it (1..MAX_SERIAL) without a call per cell;
 * each distinct text is read once. A column is checked and read in one pass, as numColumn.
 */
export function dateColumn(range: unknown, name: string): NumberColumn {
  if (Array.isArray(range) && range.length > 1) {
    const reader = new DateReader(range.length, name);
    for (let i = 0; i < range.length; i++) {
      const row: unknown = range[i];
      if (!Array.isArray(row) || row.length !== 1) return datesOf(list(range, name), name);
      reader.read(i, row[0]);
    }
    return reader.column();
  }
  return datesOf(list(range, name), name);
}

function datesOf(flat: readonly Scalar[], name: string): NumberColumn {
  const reader = new DateReader(flat.length, name);
  for (let i = 0; i < flat.length; i++) reader.read(i, flat[i]);
  return reader.column();
}

class DateReader {
  private readonly values: Float64Array;
  private errors: Map<number, CrmError> | undefined;
  private texts: Map<string, number> | undefined;
  constructor(
    private readonly n: number,
    private readonly name: string,
  ) {
    this.values = new Float64Array(n);
  }

  read(i: number, x: unknown): void {
    if (typeof x === "number" && isSerial(x)) {
      this.values[i] = x;
      return;
    }
    if (typeof x === "string") {
      const known = (this.texts ??= new Map()).get(x);
      if (known !== undefined) {
        this.values[i] = known;
        return;
      }
      const serial = attempt(() => toSerial(x, this.name));
      if (!(serial instanceof CrmError)) {
        this.texts.set(x, serial);
        this.values[i] = serial;
        return;
      }
    }
    (this.errors ??= new Map()).set(i, attempt(() => date(x as Scalar, where(this.name, i, this.n))) as CrmError);
  }

  column(): NumberColumn {
    return { values: this.values, errors: this.errors ?? NO_ERRORS };
  }
}

/** A list of dates; the first bad cell makes the whole argument #VALUE! naming it. */
export function dates(range: unknown, name: string): Float64Array {
  const col = dateColumn(range, name);
  for (const e of col.errors.values()) throw e;
  return col.values;
}

/**
 * The cells of a one-row or one-column range without copying a column (ColumnRows: its numbers
 * stay unboxed where Excel put them); any other shape as args.list reads it.
 */
export function cellsInPlace(range: unknown, name: string): Cells {
  if (Array.isArray(range) && range.length > 1 && Array.isArray(range[0]) && range[0].length === 1) return new ColumnRows(range, name);
  return list(range, name);
}

/** An optional list read in place, by args.optList's rule: left out, or one blank cell, is undefined. */
export function optCellsInPlace(range: unknown, name: string): Cells | undefined {
  if (isMissing(range)) return undefined;
  const cells = cellsInPlace(range, name);
  return cells.length === 1 && isMissing(cellAt(cells, 0)) ? undefined : cells;
}

/**
 * Rows of a spilled column shared per distinct value (a million rows hold a few hundred codes or
 * labels). Whole numbers of small magnitude (days, scores, counts) are found by index in a dense
 * table, other values in a Map: a Map lookup of a number hashes it, which cost more than the rest
 * of AGINGDAYS. Sharing is safe: Excel (and fxeval) serialize the returned rows, never write them,
 * and each shared row is frozen so a caller that tried would fail loudly, not corrupt other rows.
 */
export class SpillRows {
  private readonly shared = new Map<ExcelCell, readonly ExcelCell[]>();
  /** Rows of the whole numbers −SMALL..SMALL − 1, by value + SMALL. */
  private readonly small: (readonly ExcelCell[] | undefined)[] = new Array(2 * SpillRows.SMALL);
  private static readonly SMALL = 1 << 15;
  /** Beyond this many distinct values rows are no longer shared (every value is different). */
  private static readonly LIMIT = 4096;

  row(value: Cell<number | string | boolean>): ExcelCell[] {
    if (typeof value === "number") return this.numberRow(value);
    if (value instanceof CrmError) return [toExcelCell(value)];
    return this.sharedRow(value);
  }

  /** The row of a number (NaN and ±Infinity become their #NUM! cell, as toExcelCell gives it). */
  numberRow(value: number): ExcelCell[] {
    // (value | 0) === value only for a whole number in the 32-bit range (−0 included: its row is [0])
    if ((value | 0) === value && value >= -SpillRows.SMALL && value < SpillRows.SMALL) {
      const k = value + SpillRows.SMALL;
      let row = this.small[k];
      if (row === undefined) this.small[k] = row = Object.freeze([value + 0]);
      return row as ExcelCell[];
    }
    if (value - value !== 0) return [toExcelCell(value)];
    return this.sharedRow(value);
  }

  private sharedRow(value: number | string | boolean): ExcelCell[] {
    let row = this.shared.get(value);
    if (row === undefined) {
      row = Object.freeze([toExcelCell(value)]);
      if (this.shared.size < SpillRows.LIMIT) this.shared.set(value, row);
    }
    return row as ExcelCell[];
  }
}

/** A spilled column: one (shared) row per value. */
export function spillColumn(values: ArrayLike<Cell<number | string | boolean>>): ExcelCell[][] {
  const rows = new SpillRows();
  const out: ExcelCell[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = rows.row(values[i]);
  return out;
}

/** A spilled column whose input may be a single cell: that cell's own error becomes the function's error. */
export function spillSingle(values: ArrayLike<Cell<number | string | boolean>>): ExcelCell[][] {
  if (values.length === 1 && values[0] instanceof CrmError) throw values[0];
  return spillColumn(values);
}

/**
 * A spilled column of coded results: row i is labels[codes[i]] (one shared row per label), or its
 * error where the code is −1.
 */
export function spillCodes(labels: readonly (number | string | boolean)[], codes: ArrayLike<number>, errors: ReadonlyMap<number, CrmError>): ExcelCell[][] {
  const n = codes.length;
  const rows = labels.map((label) => Object.freeze([toExcelCell(label)]) as ExcelCell[]);
  const out: ExcelCell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    out[i] = code >= 0 ? rows[code] : [toExcelCell(errors.get(i))];
  }
  return out;
}

/** spillCodes for an input that may be a single cell: that cell's own error becomes the function's error. */
export function spillSingleCodes(labels: readonly (number | string | boolean)[], codes: ArrayLike<number>, errors: ReadonlyMap<number, CrmError>): ExcelCell[][] {
  if (codes.length === 1 && codes[0] < 0) throw errors.get(0);
  return spillCodes(labels, codes, errors);
}

/**
 * A column of numbers as the hot paths take it: one Float64Array of values and, apart, the rows
 * whose cell was not a usable number, each with its own error. A million customers then cost one
 * typed array and no per-row objects; the few bad rows keep their messages. (values[i] is 0 for a
 * row in `errors`.)
 */
import { Cell, CrmError, valueError } from "./errors";

export interface NumberColumn {
  readonly values: Float64Array;
  /** Bad rows by index, in row order. */
  readonly errors: ReadonlyMap<number, CrmError>;
}

export const NO_ERRORS: ReadonlyMap<number, CrmError> = new Map();

export function isNumberColumn(x: unknown): x is NumberColumn {
  return typeof x === "object" && x !== null && (x as NumberColumn).values instanceof Float64Array && (x as NumberColumn).errors instanceof Map;
}

export function columnLength(x: ArrayLike<unknown> | NumberColumn): number {
  return isNumberColumn(x) ? x.values.length : x.length;
}

/**
 * A column from per-row cells (numbers, or a row's own error). `otherwise` gives the error of a
 * cell that is neither a finite number nor an error (each caller words it).
 */
export function toNumberColumn(cells: ArrayLike<Cell<number>> | NumberColumn, otherwise: (i: number, n: number) => CrmError): NumberColumn {
  if (isNumberColumn(cells)) return cells;
  const n = cells.length;
  const values = new Float64Array(n);
  const errors = new Map<number, CrmError>();
  for (let i = 0; i < n; i++) {
    const x = cells[i];
    if (typeof x === "number" && Number.isFinite(x)) values[i] = x;
    else errors.set(i, x instanceof CrmError ? x : otherwise(i, n));
  }
  return { values, errors };
}

/** Is this text blank (empty or only white space, as trim sees it)? Printable ASCII at the start answers at once. */
export function isBlankText(s: string): boolean {
  if (s.length === 0) return true;
  const a = s.charCodeAt(0);
  if (a > 32 && a < 127) return false;
  return s.trim() === "";
}

/**
 * One column of cells where the range holds them. Excel passes a column as rows of one cell;
 * copying a million of them into one array boxes every number that is not a small integer (an
 * object each, 16 MB for a column of amounts) and the young-generation collections that copy
 * those objects took a third of CRM.RFMTABLE's time. A ColumnRows is read in place instead, by
 * a loop that reads rows[i][0] itself: a call per cell, even a small one, was slower than the
 * copy (it used up what V8 inlines into the loop, and a number returned from a call is boxed).
 */
export class ColumnRows {
  constructor(
    readonly rows: ArrayLike<unknown>,
    /** The argument's name, for the error of a row that is not one cell. */
    readonly name: string,
  ) {}

  get length(): number {
    return this.rows.length;
  }
}

/** Cells one after another: a plain list, or a column read in place. */
export type Cells = ArrayLike<unknown> | ColumnRows;

/** A row that is not one cell: #VALUE!, as a range must be one row or column. */
export function notOneCell(cells: ColumnRows): never {
  throw valueError(`${cells.name} must be a single row or column`);
}

/** Cell i, wherever it is (for the rare and the cold paths; a hot loop reads a ColumnRows itself). */
export function cellAt(cells: Cells, i: number): unknown {
  if (!(cells instanceof ColumnRows)) return cells[i];
  const row = cells.rows[i];
  return Array.isArray(row) && row.length === 1 ? (row[0] as unknown) : notOneCell(cells);
}

/**
 * Copies the cells into `into` while they are finite numbers; returns the index of the first that
 * is not one (cells.length when all are), for the caller to name in its own order of checks.
 */
export function finiteNumbersInto(cells: Cells, into: Float64Array): number {
  const n = cells.length;
  if (cells instanceof ColumnRows) {
    const rows = cells.rows;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const x: unknown = Array.isArray(row) && row.length === 1 ? row[0] : undefined;
      // x - x === 0 only for finite numbers
      if (typeof x === "number" && x - x === 0) into[i] = x;
      else return i;
    }
    return n;
  }
  for (let i = 0; i < n; i++) {
    const x = cells[i];
    if (typeof x === "number" && x - x === 0) into[i] = x;
    else return i;
  }
  return n;
}

/** The cells as one list (a column is copied: for the shapes that are not worth a loop of their own). */
export function listOfCells(cells: Cells): ArrayLike<unknown> {
  if (!(cells instanceof ColumnRows)) return cells;
  return Array.from(cells.rows, (_, i) => cellAt(cells, i));
}

/**
 * What the file readers (CSV, Parquet) hand their rows to: one transaction at a time, as cells
 * the core's row rules take (the customer id, the date as a serial number or text, the amount as a
 * number or text). The sink checks each row with the core's rule and throws its #VALUE! for the
 * first bad one; the reader adds where in the file it was.
 */
import { valueError } from "../core/errors";
import type { DayMonthOrder } from "../core/text-values";

export interface TransactionSink {
  add(id: unknown, date: unknown, amount: unknown): void;
  /** Transactions added so far, and the customers among them. */
  readonly rows: number;
  readonly customers: number;
}

/** The column names of the file that hold the customer id, the date and (optionally) the amount. */
export interface TransactionColumns {
  id: string;
  date: string;
  amount?: string;
}

export interface ReadProgress {
  /** How far the reading is, of `total` when known: CSV characters of the file's bytes (about the same), Parquet rows of its rows. */
  readonly read: number;
  readonly total?: number;
  readonly rows: number;
  readonly customers: number;
}

export interface ReadOptions {
  columns: TransactionColumns;
  onProgress?: (p: ReadProgress) => void;
  signal?: AbortSignal;
  /** How year-last date texts (03/05/2024) are written, when the file has them: day or month first. */
  dateOrder?: DayMonthOrder;
}

export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "Cancelled";
  }
}

const fold = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/**
 * The index of each named column among the file's column names (matched exactly, then ignoring
 * case and spaces); -1 for an amount that was not asked for.
 */
export function columnIndexes(header: readonly string[], columns: TransactionColumns): [number, number, number] {
  return (["id", "date", "amount"] as const).map((k) => {
    const name = columns[k];
    if (name === undefined) return -1;
    let i = header.indexOf(name);
    if (i < 0) i = header.findIndex((h) => fold(h) === fold(name));
    if (i < 0) throw valueError(`the file has no column "${name}" (its columns: ${header.join(", ")})`);
    return i;
  }) as [number, number, number];
}

/**
 * Transaction logs for the tests of the file paths (the offload worker's fileCustomers, the pane's
 * "Open a transactions file…", `crm … orders.csv|.parquet`): rows of one customer id, date and
 * amount, and the same columns written as a CSV text or a Parquet file.
 */
import { parquetWriteBuffer } from "hyparquet-writer";

export interface Transactions {
  ids: string[];
  /** yyyy-mm-dd */
  dates: string[];
  amounts: number[];
}

/**
 * `n` transactions over `customers` ids that a stride walk visits in a scattered order (every
 * `zhEvery`-th id Chinese, 客户…; the others C…), dates over `days` days from 2023-01-01, amounts
 * in cents below 900.00. No randomness: the same call gives the same rows.
 */
export function strideTransactions(n: number, { customers, zhEvery, days }: { customers: number; zhEvery: number; days: number }): Transactions {
  const out: Transactions = { ids: [], dates: [], amounts: [] };
  for (let i = 0; i < n; i++) {
    const k = (i * 7919) % customers;
    out.ids.push(k % zhEvery === 0 ? `客户${k}` : `C${k}`);
    out.dates.push(new Date(Date.UTC(2023, 0, 1) + ((i * 31) % days) * 86_400_000).toISOString().slice(0, 10));
    out.amounts.push(((i * 104_729) % 90_000) / 100);
  }
  return out;
}

/** A named column of a file: text or numbers (in Parquet STRING or DOUBLE unless `type` says). */
export interface FileColumn {
  name: string;
  data: readonly (string | number)[];
  type?: "STRING" | "DOUBLE" | "INT32";
}

/** The columns as a CSV text: a header line, one line per row, a final newline (values hold no commas or quotes). */
export function csvOf(columns: readonly FileColumn[]): string {
  const lines = [columns.map((c) => c.name).join(",")];
  for (let r = 0; r < columns[0].data.length; r++) lines.push(columns.map((c) => c.data[r]).join(","));
  return lines.join("\n") + "\n";
}

/** The columns as a Parquet file, in row groups of `rowGroupSize`. */
export function parquetOf(columns: readonly FileColumn[], rowGroupSize?: number): Uint8Array<ArrayBuffer> {
  const columnData = columns.map((c) => ({ name: c.name, data: [...c.data], type: c.type ?? (typeof c.data[0] === "number" ? ("DOUBLE" as const) : ("STRING" as const)) }));
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize }));
}

/** The three columns of `t` under the given header names (customer, date, amount). */
export function columnsOf(t: Transactions, [customer, date, amount]: readonly [string, string, string]): FileColumn[] {
  return [
    { name: customer, data: t.ids },
    { name: date, data: t.dates },
    { name: amount, data: t.amounts },
  ];
}

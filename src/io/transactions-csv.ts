/**
 * A transactions CSV of any size to one RFM row per customer (CRM.RFMTABLE's rule), streamed:
 * papaparse reads the text chunk by chunk and each row goes straight into the core's
 * RfmAccumulator, so memory grows with the customers, never with the file. Runs in Node (a
 * readable stream) and in the browser (a File or Blob, also inside a Web Worker).
 *
 * The first row names the columns; `columns` says which hold the customer id, the date and the
 * amount (matched exactly, then ignoring case and spaces). Ids are kept as text exactly as
 * written ("1001" is the text 1001: a CSV has no numbers); dates are ISO text (2024-03-31) or
 * serial numbers; amounts are numbers written with a dot. The first bad row stops the reading with
 * the #VALUE! RFMTABLE would give, naming the transaction and its line of the file.
 */
import Papa from "papaparse";
import { RfmAccumulator } from "../core/rfm-accumulator";
import { CrmError, valueError } from "../core/errors";
import { RfmTable } from "../core/rfm-table";

export interface TransactionColumns {
  id: string;
  date: string;
  amount: string;
}

export interface CsvProgress {
  /** Bytes (Node) or characters (browser) read so far, and the rows and customers found. */
  readonly read: number;
  readonly rows: number;
  readonly customers: number;
}

export interface CsvOptions {
  columns: TransactionColumns;
  /** Analysis date as a serial number; no transaction may be after it. */
  asOf: number;
  onProgress?: (p: CsvProgress) => void;
  signal?: AbortSignal;
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A CSV field as a cell: a number when it is written as one, else the text. */
export function numberCell(text: string): number | string {
  return NUMBER.test(text) ? Number(text) : text;
}

/** The index of each named column in the header row. */
export function columnIndexes(header: readonly string[], columns: TransactionColumns): [number, number, number] {
  const fold = (s: string) => s.replace(/\s+/g, "").toLowerCase();
  return (["id", "date", "amount"] as const).map((k) => {
    const name = columns[k];
    let i = header.indexOf(name);
    if (i < 0) i = header.findIndex((h) => fold(h) === fold(name));
    if (i < 0) throw valueError(`the file has no column "${name}" (its columns: ${header.join(", ")})`);
    return i;
  }) as [number, number, number];
}

export class Cancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "Cancelled";
  }
}

type Source = File | Blob | NodeJS.ReadableStream | string;

/** Reads the CSV and returns the customer table; rejects with a CrmError for bad data, Cancelled when aborted. */
export function aggregateTransactionsCsv(source: Source, options: CsvOptions): Promise<RfmTable> {
  const acc = new RfmAccumulator(options.asOf);
  // Text, not bytes, from a Node stream: a UTF-8 character split between two chunks stays whole.
  const stream = source as NodeJS.ReadableStream;
  if (typeof stream.setEncoding === "function") stream.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let indexes: [number, number, number] | undefined;
    let line = 0;
    let failed = false;
    const fail = (e: unknown, parser?: Papa.Parser) => {
      failed = true;
      parser?.abort();
      reject(e);
    };
    Papa.parse(source as never, {
      header: false,
      skipEmptyLines: true,
      chunkSize: 4 << 20,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        if (options.signal?.aborted) return fail(new Cancelled(), parser);
        const rows = results.data;
        let start = 0;
        try {
          if (!indexes) {
            if (rows.length === 0) return;
            indexes = columnIndexes(rows[0], options.columns);
            start = 1;
            line = 1;
          }
          const [a, b, c] = indexes;
          for (let i = start; i < rows.length; i++) {
            const row = rows[i];
            line++;
            acc.add(row[a] ?? "", numberCell(row[b] ?? ""), numberCell(row[c] ?? ""));
          }
        } catch (e) {
          return fail(e instanceof CrmError ? valueError(`${e.message} (line ${line} of the file)`) : e, parser);
        }
        options.onProgress?.({ read: results.meta.cursor, rows: acc.rows, customers: acc.customers });
      },
      complete() {
        if (failed) return;
        if (!indexes) return fail(valueError("the file is empty"));
        try {
          resolve(acc.result());
        } catch (e) {
          reject(e);
        }
      },
      error(e: Error) {
        if (!failed) fail(e);
      },
    } as Papa.ParseConfig<string[]>);
  });
}

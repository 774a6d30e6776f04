/**
 * A transactions CSV of any size, streamed: papaparse reads the text chunk by chunk and each row
 * goes straight into a TransactionSink (for RFM, the core's RfmAccumulator: CRM.RFMTABLE's rule),
 * so memory grows with the customers, never with the file. Runs in Node (a readable stream) and in
 * the browser (a File or Blob, also inside a Web Worker).
 *
 * The first row names the columns; `columns` says which hold the customer id, the date and the
 * amount (matched exactly, then ignoring case and spaces). Ids are kept as text exactly as
 * written ("1001" is the text 1001: a CSV has no numbers); dates are ISO text (2024-03-31) or
 * serial numbers; amounts are numbers written with a dot. The first bad row stops the reading with
 * the #VALUE! RFMTABLE would give, naming the transaction and its line of the file.
 *
 * Speed (10,000,000 rows is the benchmark): chunks of 64 KB, so that the rows papaparse makes of a
 * chunk die young (4 MB chunks kept ~130,000 rows alive across scavenges and doubled the time in
 * garbage collection); each distinct date text is converted once; amounts skip the regex when
 * they are plain digits.
 */
import Papa from "papaparse";
import { RfmAccumulator } from "../core/rfm-accumulator";
import { CrmError, valueError } from "../core/errors";
import { isSerial } from "../core/dates";
import { RfmTable, transactionDate } from "../core/rfm-table";
import { Cancelled, columnIndexes, ReadOptions, TransactionColumns, TransactionSink } from "./transaction-sink";
import { blobTextStream, TextStream } from "./blob-text-stream";

export { Cancelled, columnIndexes };
export type { TransactionColumns };
export type CsvProgress = import("./transaction-sink").ReadProgress;

export interface CsvOptions extends ReadOptions {
  /** Analysis date as a serial number; no transaction may be after it. */
  asOf: number;
}

/** Characters per chunk: small enough for a chunk's rows to die in the young generation. */
export const CSV_CHUNK = 64 << 10;

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** True when every character is one of 0-9 . + - e E: then Number() reads exactly what NUMBER accepts (or NaN). */
function plainNumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) return false;
  }
  return text.length > 0;
}

/** A CSV field as a cell: a number when it is written as one, else the text. */
export function numberCell(text: string): number | string {
  if (plainNumeric(text)) {
    const x = Number(text);
    return x === x ? x : text;
  }
  return NUMBER.test(text) ? Number(text) : text;
}

/**
 * Date fields to serials, each distinct text converted once (a year of orders has a few hundred
 * dates). A text that is not a date is not remembered: its row gets the core's error. The as_of
 * check stays the sink's, per row.
 */
export class DateFieldMemo {
  private readonly serials = new Map<string, number>();
  // Exports sorted by date repeat the previous row's date: one comparison instead of a lookup.
  private lastText: string | undefined;
  private lastSerial = 0;

  cell(text: string, row: number): number | string {
    if (text === this.lastText) return this.lastSerial;
    const known = this.serials.get(text);
    if (known !== undefined) {
      this.lastText = text;
      this.lastSerial = known;
      return known;
    }
    const cell = numberCell(text);
    const serial = transactionDate(cell, row, Infinity, new Map());
    if (isSerial(serial)) this.serials.set(text, serial);
    return cell;
  }
}

type Source = Blob | NodeJS.ReadableStream | string;

/** Streams the CSV's rows into the sink; rejects with a CrmError for bad data, Cancelled when aborted. */
export function readTransactionsCsv(source: Source, sink: TransactionSink, options: ReadOptions & { total?: number }): Promise<void> {
  let input: NodeJS.ReadableStream | TextStream | string;
  if (typeof source === "string") input = source;
  else if (typeof Blob !== "undefined" && source instanceof Blob) input = blobTextStream(source, CSV_CHUNK);
  else {
    const stream = source as NodeJS.ReadableStream;
    // Text, not bytes, from a Node stream: a UTF-8 character split between two chunks stays whole.
    if (typeof stream.setEncoding === "function") stream.setEncoding("utf8");
    input = stream;
  }
  const total = options.total ?? (typeof Blob !== "undefined" && source instanceof Blob ? source.size : undefined);
  const dates = new DateFieldMemo();
  return new Promise((resolve, reject) => {
    let indexes: [number, number, number] | undefined;
    let line = 0;
    let failed = false;
    const fail = (e: unknown, parser?: Papa.Parser) => {
      failed = true;
      parser?.abort();
      reject(e);
    };
    Papa.parse(input as never, {
      header: false,
      skipEmptyLines: true,
      chunkSize: CSV_CHUNK,
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
            const amount = c < 0 ? undefined : row[c];
            sink.add(row[a] ?? "", dates.cell(row[b] ?? "", sink.rows + 1), amount === undefined ? (c < 0 ? undefined : "") : numberCell(amount));
          }
        } catch (e) {
          return fail(e instanceof CrmError ? new CrmError(e.code, `${e.message} (line ${line} of the file)`) : e, parser);
        }
        // papaparse's cursor counts from the start of the file when it streams.
        options.onProgress?.({ read: results.meta.cursor, total, rows: sink.rows, customers: sink.customers });
      },
      complete() {
        if (failed) return;
        if (!indexes) return fail(valueError("the file is empty"));
        // The cursor counts characters, the total bytes: the end is 100% of the file either way.
        if (total !== undefined) options.onProgress?.({ read: total, total, rows: sink.rows, customers: sink.customers });
        resolve();
      },
      error(e: Error) {
        if (!failed) fail(e);
      },
    } as Papa.ParseConfig<string[]>);
  });
}

/** Reads the CSV and returns the customer table (CRM.RFMTABLE's rule); rejects with a CrmError for bad data, Cancelled when aborted. */
export async function aggregateTransactionsCsv(source: Source, options: CsvOptions): Promise<RfmTable> {
  const acc = new RfmAccumulator(options.asOf);
  await readTransactionsCsv(source, acc, options);
  return acc.result();
}

/**
 * A transactions CSV of any size, streamed: papaparse reads the text chunk by chunk and each row
 * goes straight into a TransactionSink (for RFM, the core's RfmAccumulator: CRM.RFMTABLE's rule),
 * so memory grows with the customers, never with the file. Runs in Node (a readable stream) and in
 * the browser (a File or Blob, also inside a Web Worker).
 *
 * The first row names the columns; `columns` says which hold the customer id, the date and the
 * amount (matched exactly, then ignoring case and spaces). Ids are kept as text exactly as
 * written ("1001" is the text 1001: a CSV has no numbers); dates are read as DateFieldMemo says
 * (ISO text, serials, and the forms exports write); amounts are numbers written with a dot, with or
 * without thousands separators and a currency sign. The first bad row stops the reading with
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
import { type DayMonthOrder, readDateCell, readNumberText } from "../core/text-values";
import type { RfmTable } from "../core/rfm-table";
import { transactionDate } from "../core/transaction-rows";
import { Cancelled, columnIndexes, ReadOptions, TransactionColumns, TransactionSink } from "./transaction-sink";
import { blobTextStream, nodeTextStream, TextStream } from "./blob-text-stream";
import { type CsvEncoding, csvDecoder, NOT_UTF8 } from "./csv-encoding";

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
 * dates). Besides what CRM.RFMTABLE takes (serials, ISO text), exports write dates as the sheet
 * workflows read them (text-values.ts): 20240305 (CDNOW's log, many ERPs), "2024/3/5",
 * "2024年3月5日", and "03/05/2024" when `order` says day or month first. A year-last text that
 * reads differently in the two orders, without `order`, stops the reading: a stream cannot look
 * at the whole column first, and guessing would put transactions on wrong days. A text that is
 * not a date is not remembered: its row gets the core's error. The as_of check stays the sink's,
 * per row.
 */
const DAY_MONTH_QUESTION = "may be day-first or month-first";

/** The date text of a reading stopped by a date that reads both ways (the CLI and the pane then ask for the order), else undefined. */
export function dayMonthExample(message: string): string | undefined {
  return new RegExp(`"([^"]*)" ${DAY_MONTH_QUESTION}`).exec(message)?.[1];
}

export class DateFieldMemo {
  private readonly serials = new Map<string, number>();
  // Exports sorted by date repeat the previous row's date: one comparison instead of a lookup.
  private lastText: string | undefined;
  private lastSerial = 0;

  constructor(private readonly order?: DayMonthOrder) {}

  cell(text: string, row: number): number | string {
    if (text === this.lastText) return this.lastSerial;
    const known = this.serials.get(text);
    if (known !== undefined) {
      this.lastText = text;
      this.lastSerial = known;
      return known;
    }
    const cell = numberCell(text);
    const serial = this.serial(cell, row);
    this.serials.set(text, serial);
    return serial;
  }

  /** A date cell that is a number (a Parquet integer column): a serial as it is, 20240305 read as that day. */
  number(value: number, row: number): number {
    return isSerial(value) ? value : this.serial(value, row);
  }

  private serial(cell: number | string, row: number): number {
    try {
      return transactionDate(cell, row, Infinity, new Map());
    } catch (strict) {
      const read = readDateCell(cell, this.order);
      if (read && "serial" in read && isSerial(read.serial)) return read.serial;
      if (read && "undecided" in read) throw valueError(`dates row ${row}: "${cell}" ${DAY_MONTH_QUESTION}; say how the file writes its dates (the date order: dmy or mdy)`);
      throw strict;
    }
  }
}

/** An amount field as a cell: a number written plainly, or as exports write one ("12,269.43", "¥1,151.29", "(1,234.00)"); else the text, for the core's error. */
export function amountCell(text: string): number | string {
  const cell = numberCell(text);
  return typeof cell === "number" ? cell : (readNumberText(cell) ?? cell);
}

/** Fields after the header's that hold something: trailing empty ones ("A,2024-03-05,1,") are only a habit of some exports. */
function hasExtraFields(row: readonly string[], width: number): boolean {
  for (let i = width; i < row.length; i++) if (row[i] !== "") return true;
  return false;
}

type Source = Blob | NodeJS.ReadableStream | string;

/** Streams the CSV's rows into the sink; rejects with a CrmError for bad data, Cancelled when aborted. */
export function readTransactionsCsv(source: Source, sink: TransactionSink, options: ReadOptions & { total?: number; encoding?: CsvEncoding }): Promise<void> {
  let input: NodeJS.ReadableStream | TextStream | string;
  if (typeof source === "string") input = source;
  else {
    // One streaming decoder: a character split between two chunks stays whole.
    const decoder = csvDecoder(options.encoding ?? "utf-8");
    // A fatal decoder throws a TypeError (by name: Node's may come from another realm than ours).
    const notText = (e: unknown) => ((e as Error | null)?.name === "TypeError" ? valueError(NOT_UTF8) : e);
    if (typeof Blob !== "undefined" && source instanceof Blob) input = blobTextStream(source, CSV_CHUNK, decoder, notText);
    else input = nodeTextStream(source as NodeJS.ReadableStream, decoder, notText);
  }
  const total = options.total ?? (typeof Blob !== "undefined" && source instanceof Blob ? source.size : undefined);
  const dates = new DateFieldMemo(options.dateOrder);
  return new Promise((resolve, reject) => {
    let indexes: [number, number, number] | undefined;
    let width = 0;
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
            width = rows[0].length;
            start = 1;
            line = 1;
          }
          const [a, b, c] = indexes;
          for (let i = start; i < rows.length; i++) {
            const row = rows[i];
            line++;
            if (row.length > width && hasExtraFields(row, width)) throw valueError(`row ${sink.rows + 1} has ${row.length} fields where the header has ${width}: a comma inside a field that is not in quotes (such as 1,234.50)?`);
            const amount = c < 0 ? undefined : row[c];
            sink.add(row[a] ?? "", dates.cell(row[b] ?? "", sink.rows + 1), amount === undefined ? (c < 0 ? undefined : "") : amountCell(amount));
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

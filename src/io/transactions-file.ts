/**
 * A transactions file, CSV or Parquet, to one RFM row per customer (CRM.RFMTABLE's rule) in
 * bounded memory: the entry point of `crm rfm orders.csv --rows transactions`, `crm predict` and
 * the task pane's worker. Which reader runs is decided by the file's first bytes (Parquet files
 * start with "PAR1"), then by its name. Platform-neutral: a browser Blob/File, or a
 * TransactionFile (node-transaction-file.ts makes one from a path).
 */
import { RfmAccumulator } from "../core/rfm-accumulator";
import type { RfmTable } from "../core/rfm-table";
import { readTransactionsCsv, CSV_CHUNK } from "./transactions-csv";
import { csvEncoding, ENCODING_HEAD } from "./csv-encoding";
import { parquetMetadataAsync } from "hyparquet";
import Papa from "papaparse";
import { parquetColumns, readTransactionsParquet, type AsyncBuffer } from "./transactions-parquet";
import type { ReadOptions, TransactionSink } from "./transaction-sink";

export { Cancelled } from "./transaction-sink";
export type { ReadOptions, ReadProgress, TransactionColumns, TransactionSink } from "./transaction-sink";

/** A file the readers can open: its name, size, first bytes, text stream and random access. */
export interface TransactionFile {
  readonly name: string;
  readonly size: number;
  head(bytes: number): Promise<Uint8Array>;
  /** The whole file as a stream papaparse reads (a Node readable, or a Blob). */
  csv(): NodeJS.ReadableStream | Blob;
  parquet(): AsyncBuffer;
}

export type TransactionSource = Blob | TransactionFile;

export type FileKind = "csv" | "parquet";

function isBlob(source: TransactionSource): source is Blob {
  return typeof Blob !== "undefined" && source instanceof Blob;
}

/** A Blob or File as a TransactionFile. */
export function blobTransactionFile(blob: Blob, name = (blob as File).name ?? ""): TransactionFile {
  return {
    name,
    size: blob.size,
    head: async (bytes) => new Uint8Array(await blob.slice(0, bytes).arrayBuffer()),
    csv: () => blob,
    parquet: () => ({ byteLength: blob.size, slice: (start: number, end?: number) => blob.slice(start, end).arrayBuffer() }),
  };
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];

/** Parquet when the file starts with its magic "PAR1", or (for an empty or unreadable head) is named .parquet; else CSV. */
export async function transactionFileKind(file: TransactionFile): Promise<FileKind> {
  const head = await file.head(4);
  if (head.length === 4) return PAR1.every((b, i) => head[i] === b) ? "parquet" : "csv";
  return /\.parquet$/i.test(file.name) ? "parquet" : "csv";
}

/** Streams every transaction of the file into the sink; resolves with the kind of file read. */
export async function readTransactionsFile(source: TransactionSource, sink: TransactionSink, options: ReadOptions): Promise<FileKind> {
  const file = isBlob(source) ? blobTransactionFile(source) : source;
  const kind = await transactionFileKind(file);
  if (kind === "parquet") await readTransactionsParquet(file.parquet(), sink, options);
  else await readTransactionsCsv(file.csv(), sink, { ...options, total: file.size, encoding: csvEncoding(await file.head(ENCODING_HEAD)) });
  return kind;
}

export interface AggregateOptions extends ReadOptions {
  /** Analysis date as a serial number; no transaction may be after it. */
  asOf: number;
}

export interface AggregatedFile extends RfmTable {
  kind: FileKind;
  /** Transactions read. */
  rows: number;
}

/** The file's customers by CRM.RFMTABLE's rule; rejects with a CrmError for the first bad row (naming its line or row), Cancelled when aborted. */
export async function aggregateTransactionsFile(source: TransactionSource, options: AggregateOptions): Promise<AggregatedFile> {
  const acc = new RfmAccumulator(options.asOf);
  const kind = await readTransactionsFile(source, acc, options);
  return { ...acc.result(), kind, rows: acc.rows };
}

export { CSV_CHUNK };

/** The file's column names: the CSV's first line (read from its first 1 MB), or the Parquet schema's top-level columns. */
export async function transactionFileHeaders(source: TransactionSource): Promise<string[]> {
  const file = isBlob(source) ? blobTransactionFile(source) : source;
  if ((await transactionFileKind(file)) === "parquet") {
    return parquetColumns(await parquetMetadataAsync(file.parquet()));
  }
  const head = await file.head(ENCODING_HEAD);
  // The head may end inside a character: not an error, the first line is what is read.
  const text = new TextDecoder(csvEncoding(head)).decode(head, { stream: true }).replace(/^\uFEFF/, "");
  const first = Papa.parse<string[]>(text, { preview: 1 }).data[0];
  return first ?? [];
}

/**
 * A transactions file (CSV or Parquet, any size) to its customers by CRM.RFMTABLE's rule, for the
 * task pane's "Open a transactions file…" (the offload worker's "fileCustomers" task): the
 * columns guessed with RFM's field names as `crm rfm orders.csv --rows transactions` guesses them
 * (file-source.ts), the file streamed through the core's RfmAccumulator by src/io. The outcomes
 * a person must read (no such column, the first bad row, more customers than a sheet holds) come
 * back as statuses, as the CLI's --json reports them, not as errors.
 */
import type { CrmError } from "../../core/errors";
import type { RfmTable } from "../../core/rfm-table";
import type { DayMonthOrder } from "../../core/text-values";
import { dayMonthExample } from "../../io/transactions-csv";
import { aggregateTransactionsFile, transactionFileHeaders, type FileKind, type ReadProgress, type TransactionColumns, type TransactionSource } from "../../io/transactions-file";
import { SHEET_DATA_ROWS, guessFileMapping, mapField, mappedHeaders, missingFileFields, transactionColumns } from "../file-source";
import type { FieldId } from "../types";
import { RFM } from "./index";

/** What reading a transactions file for its customers gave. */
export type FileCustomers =
  | { status: "done"; table: RfmTable; kind: FileKind; rows: number; columns: TransactionColumns }
  /** No column found for these fields among the file's headers (`mapping`: the fields that were found, by header). */
  | { status: "unmapped"; missing: FieldId[]; headers: string[]; mapping: ChosenColumns }
  /** The first bad row (the core's message, naming the row and the line or row of the file). */
  | { status: "invalid"; message: string; code: CrmError["code"] }
  /** Year-last dates (03/05/2024) that read both ways: the person says day or month first, and the file is read again. */
  | { status: "dayMonth"; message: string; example: string }
  /** More customers than a sheet holds. */
  | { status: "tooManyCustomers"; customers: number; rows: number };

/** Columns the person chose for fields, by the file's header names (over the guess). */
export type ChosenColumns = Partial<Record<FieldId, string>>;

export interface FileCustomersOptions {
  /** Analysis date (serial): recency is counted to it; no transaction may be after it. */
  asOf: number;
  /** Columns picked by the person where the headers did not say (a header the file lacks counts as unpicked). */
  columns?: ChosenColumns;
  /** How the file writes year-last dates, once the person said. */
  dateOrder?: DayMonthOrder;
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

/** A transactions file to its customers by CRM.RFMTABLE's rule, its columns guessed with RFM's field names or chosen. Rejects with Cancelled when aborted. */
export async function readFileCustomers(file: TransactionSource, options: FileCustomersOptions): Promise<FileCustomers> {
  const headers = await transactionFileHeaders(file);
  const guess = guessFileMapping(RFM, headers);
  for (const [field, header] of Object.entries(options.columns ?? {})) {
    const at = header === undefined ? -1 : headers.indexOf(header);
    if (at >= 0) mapField(guess.mapping, field, at);
  }
  const missing = missingFileFields(guess);
  if (missing.length) return { status: "unmapped", missing, headers, mapping: mappedHeaders(headers, guess.mapping) };
  const columns = transactionColumns(headers, guess.mapping);
  try {
    const { kind, rows, ...table } = await aggregateTransactionsFile(file, { asOf: options.asOf, dateOrder: options.dateOrder, signal: options.signal, onProgress: options.onProgress, columns });
    if (table.ids.length > SHEET_DATA_ROWS) return { status: "tooManyCustomers", customers: table.ids.length, rows };
    return { status: "done", table, kind, rows, columns };
  } catch (e) {
    if (!(e instanceof Error && e.name === "CrmError")) throw e;
    const example = options.dateOrder ? undefined : dayMonthExample(e.message);
    return example !== undefined ? { status: "dayMonth", message: e.message, example } : { status: "invalid", message: e.message, code: (e as CrmError).code };
  }
}


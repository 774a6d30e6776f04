/**
 * A transactions Parquet file to a TransactionSink, one row group at a time (hyparquet, MIT): only
 * the three columns asked for are read, so memory holds one row group's columns, whatever the size
 * of the file. The file is an AsyncBuffer (hyparquet's file-like object): a Node file or a browser
 * Blob/File (see transactions-file.ts).
 *
 * Cells as the sink takes them: text ids stay text, integer ids are numbers (as in a sheet),
 * 64-bit integers beyond 2^53 keep their digits as text; DATE and TIMESTAMP columns become serial
 * numbers (UTC days since 1899-12-30, as dateToSerial counts them) without building Date objects;
 * text dates and integer dates such as 20240305 as in a CSV (DateFieldMemo); DECIMAL, integer and
 * floating amounts are numbers, text amounts as in a CSV.
 */
import { parquetMetadataAsync, parquetSchema, parquetScan, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { CrmError } from "../core/errors";
import { Cancelled, columnIndexes, ReadOptions, TransactionSink } from "./transaction-sink";
import { DateFieldMemo, amountCell } from "./transactions-csv";

export type { AsyncBuffer };

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

/** A UTC day count since 1970-01-01 as a serial, with dateToSerial's 1900 leap-year rule. */
function serialOfDays(days: number): number {
  const s = days + UNIX_EPOCH_SERIAL;
  return s < 61 ? s - 1 : s;
}

const parsers = {
  dateFromDays: (days: number) => serialOfDays(days),
  timestampFromMilliseconds: (ms: bigint) => serialOfDays(Number(ms) / MS_PER_DAY),
  timestampFromMicroseconds: (us: bigint) => serialOfDays(Number(us) / (MS_PER_DAY * 1000)),
  timestampFromNanoseconds: (ns: bigint) => serialOfDays(Number(ns) / (MS_PER_DAY * 1e6)),
};

function idCell(v: unknown): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  return v;
}

function amountValue(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") return amountCell(v);
  return v;
}

/** The file's top-level column names. */
export function parquetColumns(metadata: FileMetaData): string[] {
  return parquetSchema(metadata).children.map((c) => c.element.name);
}

export async function readTransactionsParquet(file: AsyncBuffer, sink: TransactionSink, options: ReadOptions): Promise<void> {
  const metadata = await parquetMetadataAsync(file, { parsers });
  const names = parquetColumns(metadata);
  const [a, b, c] = columnIndexes(names, options.columns);
  const wanted = [names[a], names[b], ...(c < 0 ? [] : [names[c]])];
  const scan = await parquetScan({ file, metadata, columns: wanted, parsers, useOffsetIndex: false });
  const dates = new DateFieldMemo(options.dateOrder);
  let done = 0;
  for (const { rowStart, rowEnd } of scan.ranges) {
    if (options.signal?.aborted) throw new Cancelled();
    const [ids, when, amounts] = await Promise.all(wanted.map((column) => scan.readColumn({ column, rowStart, rowEnd })));
    let i = 0;
    try {
      for (; i < ids.length; i++) {
        const d = when[i];
        const row = sink.rows + 1;
        const date = typeof d === "string" ? dates.cell(d, row) : typeof d === "number" ? dates.number(d, row) : typeof d === "bigint" ? dates.number(Number(d), row) : d;
        sink.add(idCell(ids[i]), date, amounts ? amountValue(amounts[i]) : undefined);
      }
    } catch (e) {
      throw e instanceof CrmError ? new CrmError(e.code, `${e.message} (row ${rowStart + i + 1} of the file)`) : e;
    }
    done = rowEnd;
    options.onProgress?.({ read: done, total: Number(metadata.num_rows), rows: sink.rows, customers: sink.customers });
  }
}

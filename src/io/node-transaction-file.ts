/**
 * A file on disk as a TransactionFile (Node only: the CLI and the benches; the browser passes a
 * File). The CSV stream reads 64 KB at a time (see transactions-csv.ts on why small chunks are
 * faster); Parquet reads are positioned reads (a row group's columns are a few reads).
 */
import * as fs from "fs";
import * as path from "path";
import { CSV_CHUNK, type TransactionFile } from "./transactions-file";

export function nodeTransactionFile(file: string): TransactionFile {
  const size = fs.statSync(file).size;
  const read = (start: number, end: number): ArrayBuffer => {
    const fd = fs.openSync(file, "r");
    try {
      return readAt(fd, start, end);
    } finally {
      fs.closeSync(fd);
    }
  };
  const readAt = (fd: number, start: number, end: number): ArrayBuffer => {
    const bytes = new Uint8Array(Math.max(0, end - start));
    let done = 0;
    while (done < bytes.length) {
      const n = fs.readSync(fd, bytes, done, bytes.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return bytes.buffer.slice(0, done);
  };
  return {
    name: path.basename(file),
    size,
    head: async (bytes) => new Uint8Array(read(0, Math.min(bytes, size))),
    csv: () => fs.createReadStream(file, { highWaterMark: CSV_CHUNK }),
    parquet: () => ({ byteLength: size, slice: (start: number, end?: number) => read(start, end ?? size) }),
  };
}

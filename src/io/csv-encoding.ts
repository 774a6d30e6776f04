/**
 * Which text encoding a CSV file is in: UTF-8, UTF-16 with its byte-order mark, or GB18030 (the superset of GBK that Excel and WPS
 * on Chinese Windows write for "CSV (逗号分隔)", as most Chinese ERP exports are). Read as UTF-8,
 * a GBK file's Chinese ids all turn into the same replacement characters: different customers
 * would be summed as one, without any error. So the first megabyte decides (a UTF-8 byte-order
 * mark, or valid UTF-8 throughout, is UTF-8), and a UTF-8 file that turns out invalid later
 * stops the reading (decoders below are fatal) rather than merging customers.
 */
export type CsvEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

/** Bytes the readers look at to decide. */
export const ENCODING_HEAD = 1 << 20;

export function csvEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  // Excel's "Unicode Text" (tab-separated, which papaparse detects) starts with a UTF-16 byte-order mark.
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  try {
    // stream: a character cut at the end of the head is not an error.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

/** A decoder for the encoding: fatal for UTF-8 (see above); every byte sequence is some GB18030 text. */
export function csvDecoder(encoding: CsvEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: encoding === "utf-8" });
}

/** The message of a UTF-8 file with invalid bytes after its first megabyte. */
export const NOT_UTF8 = "the file is not UTF-8 text past its first megabyte (save it again as CSV UTF-8)";

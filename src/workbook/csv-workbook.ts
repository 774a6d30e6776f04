/**
 * A CSV file as a one-sheet workbook, as Excel opens one: the sheet workflows (aging, credit,
 * value, RFM on one row per customer) run on ERP exports saved as CSV without a trip through
 * Excel. Text as the file's encoding says (UTF-8, or GB18030 for Excel's Chinese "CSV (逗号分隔)":
 * csv-encoding.ts); papaparse splits the fields. A field that is plainly a number becomes one;
 * everything else stays text, as the workflows read text cells ("12,269.43", "2024/3/5",
 * "20240305" where a date is expected: text-values.ts). Unlike Excel, ids keep their leading
 * zeros ("007" stays text) and long digit strings (card or order numbers past 15 digits) keep
 * every digit. Transaction logs larger than a sheet go to the streaming readers (src/io) instead.
 */
import Papa from "papaparse";
import { csvDecoder, csvEncoding, ENCODING_HEAD } from "../io/csv-encoding";
import { MemoryWorkbook } from "./memory-workbook";
import type { Block, CellValue } from "./types";
import { checkSheets, checkXlsxBytes, type Limits, PREVIEW_LIMITS, PreviewLimitError, type Verdict } from "./upload-limits";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A CSV field as the cell Excel would give it, keeping ids whole (see above). */
export function csvCell(field: string): CellValue {
  if (field === "") return null;
  if (!NUMBER.test(field)) return field;
  const digits = field.replace(/^[+-]/, "");
  // "007", "0012.5": a code, not a number; "0", "0.5" are numbers.
  if (/^0\d/.test(digits)) return field;
  if (digits.replace(/[.eE].*$/, "").length > 15) return field;
  return Number(field);
}

/** The file's rows as cells; throws when the text is not CSV papaparse can read or is larger than a sheet. */
export function csvBlock(bytes: Uint8Array): Block {
  const text = csvDecoder(csvEncoding(bytes.subarray(0, ENCODING_HEAD))).decode(bytes).replace(/^\uFEFF/, "");
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const rows = parsed.data;
  if (rows.length > PREVIEW_LIMITS.rows) throw new Error(`${rows.length.toLocaleString("en")} rows do not fit on a sheet (1,048,576 at most); a transaction log that long goes to crm rfm or crm predict, which stream it`);
  const block: Block = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) block[i] = rows[i].map(csvCell);
  return block;
}

/** The CSV as a workbook with one sheet named `sheet`; within `limits` (the preview's) when given, else a PreviewLimitError. */
export function csvWorkbook(bytes: Uint8Array, sheet: string, limits?: Partial<Limits>): MemoryWorkbook {
  const l = limits && { ...PREVIEW_LIMITS, ...limits };
  if (l && bytes.byteLength > l.fileBytes) throw new PreviewLimitError(checkXlsxBytes(bytes, l) as Extract<Verdict, { ok: false }>);
  const block = csvBlock(bytes);
  if (l) {
    let columns = 0;
    let cells = 0;
    for (const row of block) {
      columns = Math.max(columns, row.length);
      cells += row.length;
    }
    const verdict = checkSheets([{ name: sheet, lastRow: block.length, lastColumn: columns, cells }], l);
    if (!verdict.ok) throw new PreviewLimitError(verdict);
  }
  return MemoryWorkbook.fromSheets({ [sheet]: block });
}

/** Whether the bytes are a zip (an .xlsx), by its first four bytes: else an open is read as CSV text. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

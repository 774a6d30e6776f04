/**
 * Limits of the browser preview's .xlsx files (issue 11 item 9), as pure functions of what is
 * known before and after parsing, so the page and a worker that parses off the main thread can
 * both call them. Before parsing (checkXlsxBytes): the file's size and, from the zip's central
 * directory (read here without inflating anything), every entry's declared uncompressed size:
 * a whitespace zip bomb or a 10-million-cell file is refused in milliseconds instead of running
 * out of memory. After parsing (checkSheets): used-range dimensions and cell counts, so one
 * stray cell at XFD1048576 is a clear message, not a frozen page. Before a download
 * (checkDownload): a result too large to write in the browser says so instead of never ending.
 */

export const PREVIEW_LIMITS = {
  /** The file as uploaded. */
  fileBytes: 40 * 1024 * 1024,
  /** All entries unpacked (declared sizes). */
  unpackedBytes: 400 * 1024 * 1024,
  /** The worksheets' XML unpacked: about 25–40 bytes a cell, so roughly 4 million cells. */
  sheetXmlBytes: 150 * 1024 * 1024,
  /** Unpacked ÷ packed for one entry larger than 1 MB unpacked: real sheets pack 5–20×. */
  ratio: 200,
  /** Cells with a value in the whole workbook. */
  cells: 3_000_000,
  /** Width of a sheet's used range (columns). */
  columns: 2_000,
  /** Height of a sheet's used range (rows): Excel's own limit. */
  rows: 1_048_576,
  /** Cells written into a downloaded file. */
  downloadCells: 3_000_000,
} as const;

export type Limits = { [K in keyof typeof PREVIEW_LIMITS]: number };

export type LimitReason = "fileSize" | "notZip" | "zip64" | "unpackedSize" | "zipBomb" | "sheetSize" | "cells" | "columns" | "rows" | "downloadCells";

export type Verdict = { ok: true } | { ok: false; reason: LimitReason; zh: string; en: string };

/** An error carrying a verdict's bilingual message ("zh / en", as the engine's errors are). */
export class PreviewLimitError extends Error {
  constructor(readonly verdict: Extract<Verdict, { ok: false }>) {
    super(`${verdict.zh} / ${verdict.en}`);
    this.name = "PreviewLimitError";
  }
}

const OK: Verdict = { ok: true };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const count = (n: number) => n.toLocaleString("en-US");
const refuse = (reason: LimitReason, zh: string, en: string): Verdict => ({ ok: false, reason, zh, en });

export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/**
 * The entries of a zip from its central directory, or undefined when the bytes are not a zip
 * (or its directory is damaged), or "zip64" for an archive that needs ZIP64 (files over 4 GB:
 * far beyond the preview). Reads only the directory: nothing is inflated.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | "zip64" | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  // End of central directory: 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const total = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || offset === 0xffffffff) return "zip64";
  const entries: ZipEntry[] = [];
  let p = offset;
  const decoder = new TextDecoder();
  for (let k = 0; k < total; k++) {
    if (p + 46 > n || view.getUint32(p, true) !== 0x02014b50) return undefined;
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) return "zip64";
    const nameLength = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > n) return undefined;
    entries.push({ name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)), compressed, uncompressed });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Before parsing: the file's size and what its entries unpack to. */
export function checkXlsxBytes(bytes: Uint8Array, limits: Limits = PREVIEW_LIMITS): Verdict {
  if (bytes.byteLength > limits.fileBytes) {
    return refuse("fileSize", `文件太大（${mb(bytes.byteLength)}），预览最多打开 ${mb(limits.fileBytes)}：请在 Excel 中打开`, `The file is too large (${mb(bytes.byteLength)}); the preview opens files up to ${mb(limits.fileBytes)}: open it in Excel`);
  }
  const entries = zipEntries(bytes);
  if (entries === undefined) return refuse("notZip", "这不是 .xlsx 文件（无法读取其压缩结构）", "This is not an .xlsx file (its zip structure cannot be read)");
  if (entries === "zip64") return refuse("zip64", "文件解压后超过 4 GB，预览无法打开", "The file unpacks to more than 4 GB; the preview cannot open it");
  let unpacked = 0;
  let sheetXml = 0;
  for (const e of entries) {
    unpacked += e.uncompressed;
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) sheetXml += e.uncompressed;
    if (e.uncompressed > 1024 * 1024 && e.uncompressed > limits.ratio * Math.max(1, e.compressed)) {
      return refuse("zipBomb", `文件中的 ${e.name} 压缩比异常（${mb(e.compressed)} 解压为 ${mb(e.uncompressed)}），不予打开`, `${e.name} in the file unpacks from ${mb(e.compressed)} to ${mb(e.uncompressed)}, far more than a real sheet: the file is not opened`);
    }
  }
  if (unpacked > limits.unpackedBytes) {
    return refuse("unpackedSize", `文件解压后为 ${mb(unpacked)}，预览最多 ${mb(limits.unpackedBytes)}：请在 Excel 中打开`, `The file unpacks to ${mb(unpacked)}; the preview opens up to ${mb(limits.unpackedBytes)}: open it in Excel`);
  }
  if (sheetXml > limits.sheetXmlBytes) {
    const cells = Math.round(sheetXml / 40 / 1e5) / 10;
    return refuse("sheetSize", `工作表太大（约 ${cells} 百万个单元格），预览最多约 ${count(limits.cells)} 个：请在 Excel 中打开`, `The sheets are too large (about ${cells} million cells); the preview opens about ${count(limits.cells)}: open the file in Excel`);
  }
  return OK;
}

export interface SheetFacts {
  name: string;
  /** Last used row and column (1-based), 0 when the sheet is empty. */
  lastRow: number;
  lastColumn: number;
  /** Cells holding a value. */
  cells: number;
}

/** After parsing: every sheet's used range and the workbook's cells. */
export function checkSheets(sheets: readonly SheetFacts[], limits: Limits = PREVIEW_LIMITS): Verdict {
  let cells = 0;
  for (const s of sheets) {
    cells += s.cells;
    if (s.lastColumn > limits.columns) {
      return refuse("columns", `工作表“${s.name}”用到第 ${count(s.lastColumn)} 列，预览最多显示 ${count(limits.columns)} 列：请删除远处的单元格或在 Excel 中打开`, `Sheet "${s.name}" uses ${count(s.lastColumn)} columns; the preview shows up to ${count(limits.columns)}: delete the far cells or open the file in Excel`);
    }
    if (s.lastRow > limits.rows) return refuse("rows", `工作表“${s.name}”超过 ${count(limits.rows)} 行`, `Sheet "${s.name}" has more than ${count(limits.rows)} rows`);
  }
  if (cells > limits.cells) {
    return refuse("cells", `工作簿有 ${count(cells)} 个单元格，预览最多 ${count(limits.cells)} 个：请在 Excel 中打开`, `The workbook has ${count(cells)} cells; the preview opens up to ${count(limits.cells)}: open it in Excel`);
  }
  return OK;
}

/** Before a download: what the browser can write in reasonable time. */
export function checkDownload(cells: number, limits: Limits = PREVIEW_LIMITS): Verdict {
  if (cells <= limits.downloadCells) return OK;
  return refuse("downloadCells", `结果有 ${count(cells)} 个单元格，浏览器预览最多下载 ${count(limits.downloadCells)} 个：请在 Excel 中运行此工作流`, `The workbook has ${count(cells)} cells; the browser preview downloads up to ${count(limits.downloadCells)}: run this workflow in Excel`);
}

/**
 * Text .xlsx cannot hold as it is: XML 1.0 forbids most control characters (ExcelJS dropped
 * them: "a\u0000b" was saved as "ab"). OOXML escapes them as _xHHHH_ (upper-case hex, which is
 * what ExcelJS and Excel decode on reading); the "_" of a literal "_x0041_" is escaped as _x005F_
 * so it reads back unchanged.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

export function escapeXmlText(text: string): string {
  return text.replace(NEEDS_ESCAPE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

export function unescapeXmlText(text: string): string {
  return text.indexOf("_x") < 0 ? text : text.replace(ESCAPED, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function needsXmlEscape(text: string): boolean {
  NEEDS_ESCAPE.lastIndex = 0;
  const r = NEEDS_ESCAPE.test(text);
  NEEDS_ESCAPE.lastIndex = 0;
  return r;
}

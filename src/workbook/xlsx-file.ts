/** The media type of an .xlsx workbook (a file input's accept list, a download). */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An .xlsx file's bytes as a file to offer for download. */
export function xlsxFile(bytes: Uint8Array): Blob {
  return new Blob([bytes as BlobPart], { type: XLSX_TYPE });
}

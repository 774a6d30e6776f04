/**
 * Issue 11 item 9: the preview's upload and download limits, on the memory workbook (what the
 * preview and its worker parse with) and as pure functions. Each repro answers in well under a
 * second with a clear message instead of freezing, hanging or running out of memory.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { MemoryWorkbook } from "./memory-workbook";
import { DATA_SHEET, decodeStore } from "./store";
import { PREVIEW_LIMITS, PreviewLimitError, checkDownload, checkSheets, checkXlsxBytes, escapeXmlText, unescapeXmlText, zipEntries } from "./upload-limits";

async function xlsxOf(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The same zip with the declared uncompressed (and compressed) size of one entry changed in its central directory. */
function claim(bytes: Uint8Array, entry: string, uncompressed: number, compressed?: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const name = new TextEncoder().encode(entry);
  for (let p = 0; p + 46 < out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const len = view.getUint16(p + 28, true);
    if (len === name.length && out.subarray(p + 46, p + 46 + len).every((b, i) => b === name[i])) {
      view.setUint32(p + 24, uncompressed, true);
      if (compressed !== undefined) view.setUint32(p + 20, compressed, true);
      return out;
    }
  }
  throw new Error(`no entry ${entry}`);
}

async function refusal(open: Promise<unknown>): Promise<PreviewLimitError> {
  try {
    await open;
  } catch (e) {
    if (e instanceof PreviewLimitError) return e;
    throw e;
  }
  throw new Error("expected a PreviewLimitError");
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await p;
  return { ms: performance.now() - t0, value };
}

describe("uploads the preview refuses, clearly and at once", () => {
  test("one cell at XFD1048576: refused for its columns (no frozen page)", async () => {
    const bytes = await xlsxOf((wb) => (wb.addWorksheet("S").getCell(1_048_576, 16_384).value = 1));
    const { ms, value } = await timed(refusal(MemoryWorkbook.fromXlsx(bytes)));
    expect(value.verdict.reason).toBe("columns");
    expect(value.message).toMatch(/Sheet "S" uses 16,384 columns/);
    expect(value.message).toMatch(/工作表“S”/);
    expect(ms).toBeLessThan(3000);
  });

  test("a whitespace zip bomb is refused before anything is inflated", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/worksheets/sheet1.xml", " ".repeat(8 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    const { ms, value } = await timed(refusal(MemoryWorkbook.fromXlsx(bytes)));
    expect(value.verdict.reason).toBe("zipBomb");
    expect(ms).toBeLessThan(200);
    // Declared as 1.5 GB (the bomb): refused from the directory alone.
    expect(checkXlsxBytes(claim(bytes, "xl/worksheets/sheet1.xml", 1_500_000_000))).toMatchObject({ ok: false, reason: "zipBomb" });
  }, 30_000); // making the bomb (8 MB deflated) is what takes time on a loaded machine

  test("a 10-million-cell file is refused from what its sheets unpack to, not after running out of memory", async () => {
    const bytes = await xlsxOf((wb) => wb.addWorksheet("S").addRow([1, 2, 3]));
    // A real 10M-cell sheet unpacks to ~350 MB of XML at a 10:1 ratio.
    const big = claim(bytes, "xl/worksheets/sheet1.xml", 350 * 1024 * 1024, 35 * 1024 * 1024);
    const { ms, value } = await timed(refusal(MemoryWorkbook.fromXlsx(big)));
    expect(value.verdict.reason).toBe("sheetSize");
    expect(value.message).toMatch(/about \d+\.\d million cells/);
    expect(ms).toBeLessThan(200);
  });

  test("too many cells after parsing, too large a file, and bytes that are no zip", async () => {
    const bytes = await xlsxOf((wb) => {
      const ws = wb.addWorksheet("S");
      for (let r = 0; r < 30; r++) ws.addRow([1, 2, 3, 4]);
    });
    expect((await refusal(MemoryWorkbook.fromXlsx(bytes, { limits: { cells: 100 } }))).verdict.reason).toBe("cells");
    expect((await refusal(MemoryWorkbook.fromXlsx(bytes, { limits: { fileBytes: 1000 } }))).verdict.reason).toBe("fileSize");
    expect((await refusal(MemoryWorkbook.fromXlsx(new TextEncoder().encode("not a zip at all")))).verdict.reason).toBe("notZip");
    await expect(MemoryWorkbook.fromXlsx(bytes)).resolves.toBeInstanceOf(MemoryWorkbook);
  });

  test("the central directory is read as written", async () => {
    const zip = new JSZip();
    zip.file("a.txt", "hello hello hello");
    const entries = zipEntries(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    expect(entries).toEqual([{ name: "a.txt", compressed: expect.any(Number), uncompressed: 17 }]);
  });

  test("checkSheets and checkDownload as pure functions", () => {
    expect(checkSheets([{ name: "S", lastRow: 1_048_576, lastColumn: 20, cells: 1000 }])).toEqual({ ok: true });
    expect(checkSheets([{ name: "S", lastRow: 10, lastColumn: PREVIEW_LIMITS.columns + 1, cells: 1 }])).toMatchObject({ ok: false, reason: "columns" });
    expect(checkDownload(PREVIEW_LIMITS.downloadCells)).toEqual({ ok: true });
    expect(checkDownload(9_437_175)).toMatchObject({ ok: false, reason: "downloadCells", en: expect.stringMatching(/9,437,175 cells/) });
  });
});

describe("stored chart records and texts", () => {
  test("a stored chart claiming 1e9 rows is dropped, not drawn", async () => {
    const chart = { sheet: "S", kind: "bar", title: "t", source: { sheet: "S", row: 0, column: 0, rows: 1e9, columns: 2 }, anchor: { row: 0, column: 3 } };
    const store = JSON.stringify({ version: 1, sheets: {}, charts: [chart, { ...chart, source: { ...chart.source, rows: 5 } }] });
    expect(decodeStore([[store]]).charts.map((c) => c.source.rows)).toEqual([5]);
    const bytes = await xlsxOf((wb) => {
      wb.addWorksheet("S").addRow([1, 2]);
      const ws = wb.addWorksheet(DATA_SHEET);
      ws.state = "veryHidden";
      ws.getCell(1, 1).value = store;
    });
    const { ms, value: book } = await timed(MemoryWorkbook.fromXlsx(bytes));
    expect((await book.listCharts("S")).map((c) => c.source.rows)).toEqual([5]);
    expect(ms).toBeLessThan(2000);
  });

  test('"a\\u0000b" and other control characters survive a download and reopening', async () => {
    const texts = ["a\u0000b", "tab\tand\u0001bell\u0007", "_x0041_ literal", "plain"];
    const book = MemoryWorkbook.fromSheets({ S: texts.map((t) => [t]) });
    const again = await MemoryWorkbook.fromXlsx(await book.toXlsx());
    expect(await again.read({ sheet: "S", row: 0, column: 0, rows: texts.length, columns: 1 })).toEqual(texts.map((t) => [t]));
    // The live workbook keeps its texts after the download.
    expect(await book.read({ sheet: "S", row: 0, column: 0, rows: 1, columns: 1 })).toEqual([["a\u0000b"]]);
    expect(unescapeXmlText(escapeXmlText("a\u0000b_x0041_"))).toBe("a\u0000b_x0041_");
  });

  test("a download past the limit says why instead of never finishing", async () => {
    const book = MemoryWorkbook.fromSheets({ S: Array.from({ length: 60 }, (_, i) => [i, i, i]) }, { limits: { downloadCells: 100 } });
    const { ms, value } = await timed(refusal(book.toXlsx()));
    expect(value.verdict.reason).toBe("downloadCells");
    expect(value.message).toMatch(/run this workflow in Excel/);
    expect(ms).toBeLessThan(500);
  });
});

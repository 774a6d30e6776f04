/** The in-memory workbook: .xlsx in and out, plain values, formats for the grid, kept chart specs. */
import ExcelJS from "exceljs";
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { MemoryWorkbook, mergeModelOf } from "./memory-workbook";
import { DATA_SHEET } from "./store";

async function xlsxWith(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("MemoryWorkbook", () => {
  test("opens a file: dates as serials, formula results, rich text, errors, hyperlinks", async () => {
    const bytes = await xlsxWith((wb) => {
      const ws = wb.addWorksheet("客户");
      ws.getCell("A1").value = new Date(Date.UTC(2024, 2, 31));
      ws.getCell("A1").numFmt = "yyyy-mm-dd";
      ws.getCell("B1").value = { formula: "1+1", result: 2 };
      ws.getCell("C1").value = { richText: [{ text: "重要" }, { text: "客户" }] };
      ws.getCell("D1").value = { error: "#N/A" };
      ws.getCell("E1").value = { text: "site", hyperlink: "http://example.com" };
      ws.getCell("F1").value = "";
    });
    const wb = await MemoryWorkbook.fromXlsx(bytes);
    expect(wb.sheetNames()).toEqual(["客户"]);
    expect(await wb.read({ sheet: "客户", row: 0, column: 0, rows: 1, columns: 6 })).toEqual([[45_382, 2, "重要客户", "#N/A", "site", null]]);
    expect(wb.cellView("客户", 0, 0)).toEqual({ value: 45_382, text: "2024-03-31", numberFormat: "yyyy-mm-dd" });
  });

  test("saves and re-opens: values, formats, fills, settings, chart specs and the active sheet survive", async () => {
    const wb = MemoryWorkbook.fromSheets({ Data: [["id", "amount"], ["=1+1", 1234.5]], Other: [["x"]] });
    await wb.formatAll([
      { range: { sheet: "Data", row: 1, column: 1, rows: 1, columns: 1 }, format: { numberFormat: "#,##0.00" } },
      { range: { sheet: "Data", row: 1, column: 0, rows: 1, columns: 1 }, fills: [{ value: "=1+1", fill: "#ffc7ce" }] },
    ]);
    await wb.setSheetSettings("Data", { mapping: { customer: 0 } });
    const chart = { sheet: "Other", kind: "pie" as const, title: "t", source: { sheet: "Data", row: 0, column: 0, rows: 2, columns: 2 }, anchor: { row: 0, column: 3 } };
    await wb.addCharts([chart]);
    await wb.activateSheet("Other");
    const again = await MemoryWorkbook.fromXlsx(await wb.toXlsx());
    expect(again.sheetNames()).toEqual(["Data", "Other"]);
    expect(await again.read({ sheet: "Data", row: 0, column: 0, rows: 2, columns: 2 })).toEqual([["id", "amount"], ["=1+1", 1234.5]]);
    expect(again.cellView("Data", 1, 1).text).toBe("1,234.50");
    expect(again.cellView("Data", 1, 0).fill).toBe("#FFC7CE");
    expect(await again.getSheetSettings("Data")).toEqual({ mapping: { customer: 0 } });
    expect(again.chartsOn("Other")).toEqual([chart]);
    expect(await again.activeSheet()).toBe("Other");
    expect(again.excel.getWorksheet(DATA_SHEET)?.state).toBe("veryHidden");
  });

  test("the grid's view: dimensions from A1, subscribers told of changes", async () => {
    const wb = MemoryWorkbook.fromSheets({ S: [[null, null], [null, "x"]] });
    expect(wb.dimensions("S")).toEqual({ rows: 2, columns: 2 });
    let calls = 0;
    const stop = wb.subscribe(() => calls++);
    await wb.write("S", 4, 3, [[1]]);
    expect(calls).toBe(1);
    expect(wb.dimensions("S")).toEqual({ rows: 5, columns: 4 });
    stop();
    await wb.write("S", 0, 0, [[1]]);
    expect(calls).toBe(1);
    expect(wb.cellView("S", 9, 9)).toEqual({ value: null, text: "" });
  });

  test("deleting a sheet takes its charts and settings; the last visible sheet stays", async () => {
    const wb = MemoryWorkbook.fromSheets({ A: [["a"]], B: [["b"]] });
    await wb.addCharts([{ sheet: "B", kind: "line", title: "t", source: { sheet: "B", row: 0, column: 0, rows: 1, columns: 1 }, anchor: { row: 0, column: 2 } }]);
    await wb.setSheetSettings("B", { x: 1 });
    await wb.deleteSheet("B");
    expect(wb.chartsOn("B")).toEqual([]);
    expect(await wb.getSheetSettings("B")).toEqual({});
    await expect(wb.deleteSheet("A")).rejects.toThrow(/at least one visible sheet/);
  });

  test("a formula whose cached result is 0 or FALSE reads as that result, not as blank", async () => {
    const bytes = await xlsxWith((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = { formula: "1-1", result: 0 };
      ws.getCell("B1").value = { formula: "1=2", result: false };
      ws.getCell("C1").value = { formula: "1+1", result: 2 };
      ws.getCell("D1").value = { formula: "NA()", result: { error: "#N/A" } };
      ws.getCell("A2").value = { formula: "0*1", result: 0 };
      ws.getCell("A2").numFmt = "0.00";
    });
    const wb = await MemoryWorkbook.fromXlsx(bytes);
    expect(await wb.read({ sheet: "S", row: 0, column: 0, rows: 2, columns: 4 })).toEqual([
      [0, false, 2, "#N/A"],
      [0, null, null, null],
    ]);
    expect(wb.cellView("S", 0, 0)).toEqual({ value: 0, text: "0" });
    expect(wb.cellView("S", 0, 1).text).toBe("FALSE");
    expect(wb.cellView("S", 1, 0).text).toBe("0.00");
    expect(await wb.usedRange("S")).toEqual({ sheet: "S", row: 0, column: 0, rows: 2, columns: 4 });
  });

  test("the exercise workbook's zero results (days to due =$B$8-B17, empty aging buckets) read as 0", async () => {
    const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.join(__dirname, "../../assets/samples/exercises.xlsx")));
    const sheet = wb.sheetNames().find((n) => n.includes("Aging"))!;
    const raw = wb.excel.getWorksheet(sheet)!;
    expect(raw.getCell("E17").formula).toBe("$B$8-B17");
    expect(raw.getCell("E17").result).toBe(0);
    // E17, and the first aging-table cells whose SUMIFS finds nothing.
    expect(await wb.read({ sheet, row: 16, column: 4, rows: 1, columns: 1 })).toEqual([[0]]);
    expect((await wb.read({ sheet, row: 28, column: 2, rows: 1, columns: 1 }))[0][0]).toBe(0);
    expect(wb.cellView(sheet, 16, 4).text).not.toBe("");
  });

  test("insertFormula puts the formula into the selection's top-left cell; the file keeps it for Excel to calculate", async () => {
    const wb = MemoryWorkbook.fromSheets({ S: [["rate", 0.08]], T: [] });
    await expect(wb.insertFormula("=CRM.CLV(8%, 10, 1000)")).rejects.toThrow(/Select a cell/);
    wb.setSelection({ sheet: "S", row: 2, column: 1, rows: 3, columns: 2 });
    let calls = 0;
    wb.subscribe(() => calls++);
    await wb.insertFormula("=CRM.CLV(B1, 10, 1000)");
    expect(calls).toBe(1);
    expect(wb.excel.getWorksheet("S")!.getCell("B3").formula).toBe("CRM.CLV(B1, 10, 1000)");
    expect(wb.excel.getWorksheet("S")!.getCell("C4").value).toBeNull();
    // Nothing calculates CRM functions in memory: the cell reads blank and the grid shows the formula.
    expect(await wb.read({ sheet: "S", row: 2, column: 1, rows: 1, columns: 1 })).toEqual([[null]]);
    expect(wb.cellView("S", 2, 1)).toEqual({ value: null, text: "=CRM.CLV(B1, 10, 1000)" });
    expect(wb.dimensions("S")).toEqual({ rows: 3, columns: 2 });
    // A result the caller computed is kept, even a falsy one, through download and re-opening.
    wb.setSelection({ sheet: "S", row: 3, column: 0, rows: 1, columns: 1 });
    await wb.insertFormula('=CRM.AGING_DAYS("2024-03-31", "2024-03-31")', 0);
    // Excel calculates the whole file when it opens the download.
    expect(wb.excel.calcProperties.fullCalcOnLoad).toBe(true);
    const again = await MemoryWorkbook.fromXlsx(await wb.toXlsx());
    expect(await again.read({ sheet: "S", row: 2, column: 0, rows: 2, columns: 2 })).toEqual([
      [null, null],
      [0, null],
    ]);
    expect(again.excel.getWorksheet("S")!.getCell("B3").formula).toBe("CRM.CLV(B1, 10, 1000)");
    expect(again.excel.getWorksheet("S")!.getCell("A4").formula).toBe('CRM.AGING_DAYS("2024-03-31", "2024-03-31")');
  });

  test("insertFormula takes formulas only, within Excel's length", async () => {
    const wb = MemoryWorkbook.fromSheets({ S: [] });
    wb.setSelection({ sheet: "S", row: 0, column: 0, rows: 1, columns: 1 });
    await expect(wb.insertFormula("CRM.CLV(8%, 10, 1000)")).rejects.toThrow(/starts with "="/);
    await expect(wb.insertFormula("=")).rejects.toThrow(/starts with "="/);
    await expect(wb.insertFormula(`=CRM.ABC({${"1,".repeat(5000)}1})`)).rejects.toThrow(/8192/);
    expect(await wb.usedRange("S")).toBeNull();
  });

  test("mergedAreas: the exercise workbook's merged problem statements, each across A:H", async () => {
    const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.join(__dirname, "../../assets/samples/exercises.xlsx")));
    const sheet = wb.sheetNames().find((n) => n.includes("Aging"))!;
    const merges = wb.mergedAreas(sheet);
    expect(merges.map((m) => m.row + 1)).toEqual([2, 5, 6, 27, 36, 37]);
    for (const m of merges) expect(m).toEqual({ sheet, row: m.row, column: 0, rows: 1, columns: 8 });
    // The statement's text is in the merge's top-left cell.
    expect(typeof (await wb.read({ sheet, row: merges[1].row, column: 0, rows: 1, columns: 1 }))[0][0]).toBe("string");
    // Every sheet of the book has some; the name is matched as Excel matches it.
    for (const name of wb.sheetNames()) expect(wb.mergedAreas(name).length).toBeGreaterThan(0);
    expect(wb.mergedAreas(sheet.toUpperCase())).toEqual(merges);
  });

  test("mergedAreas: two-dimensional merges in reading order, kept through download; none for an unknown sheet", async () => {
    const bytes = await xlsxWith((book) => {
      const ws = book.addWorksheet("M");
      ws.getCell("B3").value = "block";
      ws.mergeCells("B3:C5");
      ws.mergeCells("A1:D1");
      ws.mergeCells("E2:E4");
      book.addWorksheet("Plain").getCell("A1").value = 1;
    });
    const wb = await MemoryWorkbook.fromXlsx(bytes);
    const expected = [
      { sheet: "M", row: 0, column: 0, rows: 1, columns: 4 },
      { sheet: "M", row: 1, column: 4, rows: 3, columns: 1 },
      { sheet: "M", row: 2, column: 1, rows: 3, columns: 2 },
    ];
    expect(wb.mergedAreas("M")).toEqual(expected);
    expect(wb.mergedAreas("Plain")).toEqual([]);
    expect(wb.mergedAreas("Nowhere")).toEqual([]);
    expect((await MemoryWorkbook.fromXlsx(await wb.toXlsx())).mergedAreas("M")).toEqual(expected);
    // The fallback reading of ExcelJS's public model: either corner first, absolute or not.
    expect(mergeModelOf("C5:B3")).toEqual({ top: 3, left: 2, bottom: 5, right: 3 });
    expect(mergeModelOf("$AA$10:$AB$12")).toEqual({ top: 10, left: 27, bottom: 12, right: 28 });
    expect(mergeModelOf("A1")).toBeUndefined();
  });

  test("property: the used range is the smallest rectangle around the non-blank cells, whatever is formatted or cleared", async () => {
    const cell = fc.record({ row: fc.nat(25), column: fc.nat(10), value: fc.constantFrom<(string | number | null)[]>(null, "", 0, 7, "x", "=1+1") });
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { maxLength: 30 }), fc.array(fc.record({ row: fc.nat(30), column: fc.nat(14) }), { maxLength: 5 }), async (cells, formatted) => {
        const wb = MemoryWorkbook.fromSheets({ S: [] });
        for (const f of formatted) await wb.formatAll([{ range: { sheet: "S", ...f, rows: 1, columns: 1 }, format: { bold: true, numberFormat: "0" } }]);
        for (const c of cells) await wb.write("S", c.row, c.column, [[c.value]]);
        const last = new Map<string, (typeof cells)[number]>();
        for (const c of cells) last.set(`${c.row},${c.column}`, c);
        const kept = [...last.values()].filter((c) => c.value !== null && c.value !== "");
        const expected = kept.length === 0 ? null : {
          sheet: "S",
          row: Math.min(...kept.map((c) => c.row)),
          column: Math.min(...kept.map((c) => c.column)),
          rows: Math.max(...kept.map((c) => c.row)) - Math.min(...kept.map((c) => c.row)) + 1,
          columns: Math.max(...kept.map((c) => c.column)) - Math.min(...kept.map((c) => c.column)) + 1,
        };
        expect(await wb.usedRange("S")).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  test("property: the used range asked after every change (kept across writes of values, formats, new sheets) is the one a fresh look finds", async () => {
    const value = fc.constantFrom<string | number | null>(null, "", 0, 7, "x");
    const op = fc.oneof(
      fc.record({ kind: fc.constant("write" as const), row: fc.nat(20), column: fc.nat(8), block: fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant("format" as const), row: fc.nat(30), column: fc.nat(12) }),
      fc.record({ kind: fc.constant("sheet" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const wb = MemoryWorkbook.fromSheets({ S: [["a", 1]] });
        const cells = new Map<string, { row: number; column: number }>([["0,0", { row: 0, column: 0 }], ["0,1", { row: 0, column: 1 }]]);
        for (const o of ops) {
          if (o.kind === "write") {
            await wb.write("S", o.row, o.column, o.block);
            o.block.forEach((r, i) =>
              r.forEach((v, j) => {
                const key = `${o.row + i},${o.column + j}`;
                if (v === null || v === "") cells.delete(key);
                else cells.set(key, { row: o.row + i, column: o.column + j });
              }),
            );
          } else if (o.kind === "format") await wb.formatAll([{ range: { sheet: "S", row: o.row, column: o.column, rows: 2, columns: 2 }, format: { bold: true } }]);
          else await wb.addSheet("T");
          const kept = [...cells.values()];
          const rows = kept.map((c) => c.row);
          const columns = kept.map((c) => c.column);
          const expected = kept.length === 0 ? null : { sheet: "S", row: Math.min(...rows), column: Math.min(...columns), rows: Math.max(...rows) - Math.min(...rows) + 1, columns: Math.max(...columns) - Math.min(...columns) + 1 };
          expect(await wb.usedRange("S")).toEqual(expected);
          expect(wb.dimensions("S")).toEqual(expected ? { rows: expected.row + expected.rows, columns: expected.column + expected.columns } : { rows: 0, columns: 0 });
        }
      }),
      { numRuns: 150 },
    );
  });

  test("read, write and formatAll work in slices: progress after each, other tasks run in between, abort between them", async () => {
    const wb = MemoryWorkbook.fromSheets({ S: [] }, { sliceMs: 0 });
    const block = Array.from({ length: 5_000 }, (_, i) => [`C${i}`, i]);
    const watch = () => {
      const progress: number[] = [];
      let queuedAt = -1;
      const onProgress = (p: { done: number; total: number }) => {
        if (progress.length === 0) setTimeout(() => (queuedAt = progress.length), 0);
        progress.push(p.done);
      };
      return { progress, onProgress, queuedAt: () => queuedAt };
    };
    const w = watch();
    await wb.write("S", 0, 0, block, { onProgress: w.onProgress });
    expect(w.progress.length).toBeGreaterThan(3);
    expect(w.progress[w.progress.length - 1]).toBe(5_000);
    expect(w.progress).toEqual([...w.progress].sort((a, b) => a - b));
    expect(w.queuedAt()).toBeGreaterThan(0); // ran while the write was still going
    expect(w.queuedAt()).toBeLessThan(w.progress.length);

    const r = watch();
    expect(await wb.read({ sheet: "S", row: 0, column: 0, rows: 5_000, columns: 2 }, { onProgress: r.onProgress })).toEqual(block);
    expect(r.progress.length).toBeGreaterThan(3);
    expect(r.queuedAt()).toBeGreaterThan(0);

    const f = watch();
    const range = { sheet: "S", row: 0, column: 0, rows: 5_000, columns: 1 };
    await wb.formatAll([{ range: { ...range, column: 1 }, format: { numberFormat: "0.00" } }, { range, fills: [{ value: "C4999", fill: "#FFC7CE" }] }], { onProgress: f.onProgress });
    expect(f.progress[f.progress.length - 1]).toBe(10_000);
    expect(f.progress.length).toBeGreaterThan(3);
    expect(f.queuedAt()).toBeGreaterThan(0);
    expect(wb.cellView("S", 4_999, 1).text).toBe("4999.00");
    expect(wb.cellView("S", 4_999, 0).fill).toBe("#FFC7CE");
    expect(wb.cellView("S", 4_998, 0).fill).toBeUndefined();

    const controller = new AbortController();
    const formatting = wb.formatAll([{ range, format: { bold: true } }], { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(formatting).rejects.toMatchObject({ name: "AbortError" });
    expect(wb.cellView("S", 0, 0).bold).toBe(true);
    expect(wb.cellView("S", 4_999, 0).bold).toBeUndefined();
  });
});

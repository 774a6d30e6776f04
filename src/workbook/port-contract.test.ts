/**
 * The same behaviour from both implementations of the workbook port: the in-memory ExcelJS
 * workbook and the Office.js one (against the counting fake of Excel).
 */
import { ExcelWorkbook } from "./excel-workbook";
import { FakeExcel } from "../../test/support/fake-excel";
import { MemoryWorkbook } from "./memory-workbook";
import { DATA_SHEET } from "./store";
import { Block, RangeRef, WorkbookPort } from "./types";

interface Subject {
  port: WorkbookPort;
  fake?: FakeExcel;
  /** Selects cells as the person does (the preview grid, or Excel). */
  select(range: RangeRef): void;
  /** Renames a sheet as the person does on its tab. */
  rename(from: string, to: string): Promise<unknown> | void;
  /** The formula of a cell ("=…"), or undefined. */
  formulaAt(sheet: string, row: number, column: number): string | undefined;
}

const makers: [string, (sheets: Record<string, Block>) => Subject][] = [
  [
    "memory",
    (sheets) => {
      const port = MemoryWorkbook.fromSheets(sheets);
      return {
        port,
        select: (range) => port.setSelection(range),
        rename: (from, to) => port.renameSheet(from, to),
        formulaAt: (sheet, row, column) => {
          const cell = port.excel.getWorksheet(sheet)!.getCell(row + 1, column + 1);
          return cell.formula ? `=${cell.formula}` : undefined;
        },
      };
    },
  ],
  [
    "excel (fake)",
    (sheets) => {
      const fake = new FakeExcel(sheets);
      return { port: new ExcelWorkbook(fake.run), fake, select: (range) => (fake.selected = range), rename: (from, to) => fake.renameSheet(from, to), formulaAt: (sheet, row, column) => fake.formulaAt(sheet, row, column) };
    },
  ],
];

/** Strings Excel would turn into formulas, numbers, dates or booleans. */
const TRICKY = ["=1+1", '=HYPERLINK("http://x","y")', "+86 138 0000 0000", "-", "-5x", "@SUM(A1)", "00123", "1e3", "12%", "TRUE", "false", "2024-03-31", "3/4", "2024年3月", "'quoted", "#N/A", " 42 "];

describe.each(makers)("WorkbookPort contract: %s", (_name, make) => {
  test("values round-trip, tricky strings stay text and never become formulas", async () => {
    const { port, fake } = make({ Data: [["a"]] });
    const block: Block = [
      ["id", "amount", "flag", "blank"],
      [1001, 12.5, true, null],
      ...TRICKY.map((s, i) => [s, i, false, null]),
    ];
    await port.write("Data", 2, 1, block);
    const back = await port.read({ sheet: "Data", row: 2, column: 1, rows: block.length, columns: 4 });
    expect(back).toEqual(block);
    if (fake) expect(fake.formulaCount()).toBe(0);
  });

  test("a read or a write tells the columns' widths as they were before it, the same as columnWidths (Excel: in the same request)", async () => {
    const { port } = make({ Data: [["a", "b", "c"], [1, 2, 3]] });
    await port.formatAll([{ range: { sheet: "Data", row: 0, column: 1, rows: 1, columns: 1 }, format: { columnWidth: 20 } }]);
    const want = await port.columnWidths("Data", 0, 3);
    expect(want[1]).toBeCloseTo(20, 0);
    let read: (number | null)[] = [];
    await port.read({ sheet: "Data", row: 0, column: 0, rows: 2, columns: 3 }, { onColumnWidths: (w) => (read = w) });
    expect(read).toEqual(want);
    let written: (number | null)[] = [];
    await port.write("Data", 0, 1, [["x", "y"]], { onColumnWidths: (w) => (written = w) });
    expect(written).toEqual(want.slice(1));
  });

  test("used range, sheets with unique names, delete", async () => {
    const { port, rename } = make({ Data: [[null, null], [null, "x", 1]], Other: [] });
    expect(await port.usedRange("Data")).toEqual({ sheet: "Data", row: 1, column: 1, rows: 1, columns: 2 });
    expect(await port.usedRange("Other")).toBeNull();
    expect((await port.addSheet("data")).name).toBe("data (2)");
    expect((await port.addSheet("RFM 汇总: [Summary]?")).name).toBe("RFM 汇总 Summary");
    const long = (await port.addSheet("A very long sheet name that goes on and on")).name;
    expect(long).toHaveLength(31);
    await port.deleteSheet(long);
    await rename("Other", "Data (3)");
    await port.deleteSheet("data (2)");
    const sheets = await port.listSheets();
    expect(sheets.map((s) => s.name)).toEqual(["Data", "Data (3)", "RFM 汇总 Summary"]);
    expect(sheets[0].used).toEqual({ sheet: "Data", row: 1, column: 1, rows: 1, columns: 2 });
    expect(await port.activeSheet()).toBe("Data");
    await port.activateSheet("Data (3)");
    expect(await port.activeSheet()).toBe("Data (3)");
  });

  test("sheet ids: the one addSheet gives is listed, kept through a rename, and never given again to a sheet added in a deleted one's place", async () => {
    const { port, rename } = make({ Data: [["x"]] });
    const added = await port.addSheet("RFM汇总");
    const listed = await port.listSheets();
    expect(listed.map((s) => [s.name, s.id])).toEqual([
      ["Data", listed[0].id],
      ["RFM汇总", added.id],
    ]);
    expect(listed[0].id).not.toBe(added.id);
    await rename("RFM汇总", "Mine");
    expect((await port.listSheets()).find((s) => s.name === "Mine")?.id).toBe(added.id);
    await port.deleteSheet("Mine");
    const again = await port.addSheet("RFM汇总");
    expect(again.name).toBe("RFM汇总");
    expect([listed[0].id, added.id]).not.toContain(again.id);
  });

  test("settings per sheet are kept in a hidden data sheet and follow renames", async () => {
    const { port, fake, rename } = make({ Data: [["x"]] });
    expect(await port.getSheetSettings("Data")).toEqual({});
    const settings = { mapping: { rfm: { customer: 0, monetary: 3 } }, note: "=not a formula", long: "长".repeat(40_000) };
    await port.setSheetSettings("Data", settings);
    expect(await port.getSheetSettings("Data")).toEqual(settings);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Data"]);
    if (fake) {
      expect(fake.visibility(DATA_SHEET)).toBe("VeryHidden");
      expect(fake.formulaCount()).toBe(0);
    }
    await rename("Data", "客户");
    expect(await port.getSheetSettings("客户")).toEqual(settings);
    await port.setSheetSettings("客户", { small: 1 });
    expect(await port.getSheetSettings("客户")).toEqual({ small: 1 });
  });

  test("charts are listed with their spec", async () => {
    const { port, fake } = make({ S: [["Segment", "Customers", "Share"], ["A", 3, 0.5], ["B", 3, 1]] });
    const spec = { sheet: "S", kind: "pareto" as const, title: "Pareto", name: "crm-pareto", source: { sheet: "S", row: 0, column: 0, rows: 3, columns: 3 }, anchor: { row: 0, column: 5 } };
    await port.addCharts([spec]);
    expect(await port.listCharts("S")).toEqual([spec]);
    if (fake) {
      const [chart] = fake.charts("S");
      expect(chart).toMatchObject({ type: "ColumnClustered", title: "Pareto", name: "crm-pareto", series: { 1: { chartType: "Line", axisGroup: "Secondary" } } });
    }
  });

  test("clear removes values; formats and value fills apply", async () => {
    const { port } = make({ S: [["h"], ["A"], ["B"], ["A"]] });
    await port.formatAll([{ range: { sheet: "S", row: 0, column: 0, rows: 1, columns: 1 }, format: { bold: true, columnWidth: 12 } }]);
    await port.formatAll([{ range: { sheet: "S", row: 1, column: 0, rows: 3, columns: 1 }, fills: [{ value: "A", fill: "#FFE699" }] }]);
    await port.clear({ sheet: "S", row: 2, column: 0, rows: 2, columns: 1 });
    expect(await port.read({ sheet: "S", row: 0, column: 0, rows: 4, columns: 1 })).toEqual([["h"], ["A"], [null], [null]]);
  });

  test("progress after each block, and an aborted signal stops with AbortError", async () => {
    const { port } = make({ S: [] });
    const rows: Block = Array.from({ length: 120_000 }, (_, i) => [i, `C${i}`]);
    const seen: number[] = [];
    await port.write("S", 0, 0, rows, { onProgress: (p) => seen.push(p.done) });
    expect(seen[seen.length - 1]).toBe(120_000);
    const controller = new AbortController();
    controller.abort();
    await expect(port.read({ sheet: "S", row: 0, column: 0, rows: 10, columns: 2 }, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    const back = await port.read({ sheet: "S", row: 119_998, column: 0, rows: 2, columns: 2 });
    expect(back).toEqual([[119_998, "C119998"], [119_999, "C119999"]]);
  });

  test("insertFormula: the formula goes into the selection's top-left cell, the only formula written", async () => {
    const { port, select, formulaAt } = make({ S: [["rate", 0.08], ["=1+1"]] });
    await port.write("S", 2, 0, [["=SUM(A1:A2)", "+86 138"]]);
    select({ sheet: "S", row: 3, column: 1, rows: 5, columns: 2 });
    await port.insertFormula("=CRM.CLV(B1, 10, 1000)");
    expect(formulaAt("S", 3, 1)).toBe("=CRM.CLV(B1, 10, 1000)");
    for (const [row, column] of [[0, 0], [1, 0], [2, 0], [2, 1], [3, 2], [4, 1]]) expect(formulaAt("S", row, column)).toBeUndefined();
    expect(await port.read({ sheet: "S", row: 1, column: 0, rows: 2, columns: 2 })).toEqual([["=1+1", null], ["=SUM(A1:A2)", "+86 138"]]);
    await expect(port.insertFormula("1000")).rejects.toThrow(/starts with "="/);
    expect(formulaAt("S", 3, 1)).toBe("=CRM.CLV(B1, 10, 1000)");
  });

  test("formatAll applies formats and value fills in order, like one call each", async () => {
    const { port } = make({ S: [["h", "n"], ["A", 1], ["B", 2]] });
    const progress: { done: number; total: number }[] = [];
    await port.formatAll(
      [
        { range: { sheet: "S", row: 0, column: 0, rows: 1, columns: 2 }, format: { bold: true, columnWidth: 12 } },
        { range: { sheet: "S", row: 1, column: 1, rows: 2, columns: 1 }, format: { numberFormat: "0.00" } },
        { range: { sheet: "S", row: 1, column: 0, rows: 2, columns: 1 }, fills: [{ value: "A", fill: "#FFE699" }] },
      ],
      { onProgress: (p) => progress.push(p) },
    );
    // Progress in rows formatted, ending at all of them.
    expect(progress[progress.length - 1]).toEqual({ done: 5, total: 5 });
    await port.formatAll([]);
    const aborted = new AbortController();
    aborted.abort();
    await expect(port.formatAll([{ range: { sheet: "S", row: 0, column: 0, rows: 1, columns: 1 }, format: { bold: false } }], { signal: aborted.signal })).rejects.toMatchObject({ name: "AbortError" });
    if (port instanceof MemoryWorkbook) {
      expect(port.cellView("S", 0, 1).bold).toBe(true);
      expect(port.cellView("S", 2, 1).text).toBe("2.00");
      expect([port.cellView("S", 1, 0).fill, port.cellView("S", 2, 0).fill]).toEqual(["#FFE699", undefined]);
    }
    expect(await port.read({ sheet: "S", row: 0, column: 0, rows: 3, columns: 2 })).toEqual([["h", "n"], ["A", 1], ["B", 2]]);
  });
});

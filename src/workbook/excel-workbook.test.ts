/** The Office.js workbook against the counting fake: blocks, syncs, payload limits, calculation. */
import { ExcelWorkbook } from "./excel-workbook";
import { FakeExcel } from "../../test/support/fake-excel";
import { guardText } from "./text-guard";
import { Block, ChartSpec, FormatStep } from "./types";

const MB5 = 5_000_000;

function customers(n: number): Block {
  return Array.from({ length: n }, (_, i) => [`C${String(i).padStart(6, "0")}`, 45_000 + (i % 365), 1 + (i % 20), Math.round(i * 137.31) / 100]);
}

describe("the fake is faithful where it matters", () => {
  test("unguarded strings become formulas, numbers, dates and booleans, as in Excel (typed-input.ts)", async () => {
    const fake = new FakeExcel({ S: [] });
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 2).values = [["=1+1", "00123"]];
      await ctx.sync();
    });
    expect(fake.formulaCount()).toBe(1);
    expect(fake.values("S")).toEqual([[0, 123]]);
  });

  test("reading a property that was not loaded and synced throws, as Office.js does", async () => {
    const fake = new FakeExcel({ S: [[1]] });
    await expect(
      fake.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 1);
        r.load("values");
        return r.values;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("requests above 5 MB and reads above 5 million cells are rejected", async () => {
    const fake = new FakeExcel({ S: [] });
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, big.length, 1).values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1_000_000, 6).load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RangeExceedsLimit" });
  });
});

describe("ExcelWorkbook", () => {
  test("guardText puts an apostrophe before text Excel would reinterpret, and only there", () => {
    expect(guardText("重要价值客户")).toBe("重要价值客户");
    expect(guardText("Important value")).toBe("Important value");
    expect(guardText("RFM·R")).toBe("RFM·R");
    expect(guardText("C001")).toBe("'C001");
    expect(guardText("=A1")).toBe("'=A1");
    expect(guardText("1-30天")).toBe("'1-30天");
    expect(guardText("true")).toBe("'true");
  });

  test("100,000 rows are written and read in a few syncs, every request under 5 MB", async () => {
    const fake = new FakeExcel({ S: [] });
    const wb = new ExcelWorkbook(fake.run);
    const rows = customers(100_000);
    await wb.write("S", 1, 0, rows);
    const writeSyncs = fake.stats.syncs;
    expect(writeSyncs).toBeLessThanOrEqual(4);
    fake.resetStats();
    const back = await wb.read({ sheet: "S", row: 1, column: 0, rows: 100_000, columns: 4 });
    expect(back).toEqual(rows);
    expect(fake.stats.syncs).toBeLessThanOrEqual(6);
    expect(fake.stats.maxResponseBytes).toBeLessThan(MB5);
    expect(fake.stats.rejected).toBe(0);
    expect(fake.formulaCount()).toBe(0);
  });

  test("syncs grow with bytes, not rows: a small budget gives more blocks, each within it", async () => {
    const fake = new FakeExcel({ S: [] });
    const wb = new ExcelWorkbook(fake.run, { budget: { payloadBytes: 100_000, cells: 10_000 } });
    await wb.write("S", 0, 0, customers(20_000));
    const sizes = fake.stats.requests.map((r) => r.requestBytes);
    expect(sizes.length).toBe(8); // 80,000 cells / 10,000
    expect(Math.max(...sizes)).toBeLessThan(200_000);
  });

  test("a read that Excel rejects as too large is retried in smaller blocks", async () => {
    const long = "长".repeat(2_000);
    const data: Block = Array.from({ length: 3_000 }, (_, i) => [i < 1_000 ? "short" : long]);
    const fake = new FakeExcel({ S: data });
    const wb = new ExcelWorkbook(fake.run, { firstReadCells: 200 });
    const back = await wb.read({ sheet: "S", row: 0, column: 0, rows: 3_000, columns: 1 });
    expect(back).toEqual(data);
    expect(fake.stats.rejected).toBeGreaterThan(0);
    const accepted = fake.stats.requests.filter((r) => r.responseBytes <= MB5);
    expect(accepted.length).toBe(fake.stats.requests.length - fake.stats.rejected);
  });

  test("writes suspend calculation while suspended, one request at a time", async () => {
    const fake = new FakeExcel({ S: [] });
    const wb = new ExcelWorkbook(fake.run, { budget: { payloadBytes: 50_000, cells: 5_000 } });
    await wb.suspendCalculation();
    await wb.write("S", 0, 0, customers(5_000));
    await wb.resumeCalculation();
    expect(fake.stats.writesWithCalculation).toBe(0);
    await wb.write("S", 0, 10, [["x"]]);
    expect(fake.stats.writesWithCalculation).toBe(1);
  });

  test("value fills are a few conditional formats whatever the row count; number formats go in blocks", async () => {
    const fake = new FakeExcel({ S: customers(50_000) });
    const wb = new ExcelWorkbook(fake.run);
    const range = { sheet: "S", row: 0, column: 0, rows: 50_000, columns: 1 };
    await wb.formatAll([
      {
        range,
        fills: [
          { value: "重要价值客户", fill: "#C6EFCE" },
          { value: 'Say "hi"', fill: "#FFC7CE" },
        ],
      },
    ]);
    expect(fake.conditionalFormats("S")).toEqual([
      { range, fill: "#C6EFCE", formula1: '="重要价值客户"', operator: "EqualTo" },
      { range, fill: "#FFC7CE", formula1: '="Say ""hi"""', operator: "EqualTo" },
    ]);
    fake.resetStats();
    await wb.formatAll([{ range: { ...range, column: 3 }, format: { numberFormat: "#,##0.00", bold: false } }]);
    expect(fake.stats.syncs).toBe(1);
    expect(fake.numberFormatAt("S", 49_999, 3)).toBe("#,##0.00");
    await wb.clear(range);
    expect(fake.conditionalFormats("S")).toEqual([]);
  });

  test("the selection is read with its sheet; no selection gives null", async () => {
    const fake = new FakeExcel({ S: customers(10) });
    const wb = new ExcelWorkbook(fake.run);
    expect(await wb.selection()).toBeNull();
    fake.selected = { sheet: "S", row: 0, column: 0, rows: 10, columns: 4 };
    expect(await wb.selection()).toEqual(fake.selected);
  });

  test("insertFormula sets the formula of the selection's top-left cell through range.formulas, in one request", async () => {
    const fake = new FakeExcel({ S: customers(3) });
    const wb = new ExcelWorkbook(fake.run);
    await expect(wb.insertFormula("=CRM.CLV(8%, 10, 1000)")).rejects.toMatchObject({ code: "InvalidSelection" });
    fake.selected = { sheet: "S", row: 4, column: 1, rows: 2, columns: 3 };
    fake.resetStats();
    await wb.insertFormula("=CRM.CLV(8%, 10, 1000)");
    expect(fake.stats.syncs).toBe(1);
    expect(fake.formulaAt("S", 4, 1)).toBe("=CRM.CLV(8%, 10, 1000)");
    expect(fake.formulaCount()).toBe(1);
    // Not a formula, or longer than Excel takes: refused before any request.
    fake.resetStats();
    await expect(wb.insertFormula("CRM.CLV(8%, 10, 1000)")).rejects.toThrow(/starts with "="/);
    await expect(wb.insertFormula(`=${"1+".repeat(4_100)}1`)).rejects.toThrow(/8192/);
    expect(fake.stats.syncs).toBe(0);
  });

  test("formatAll sends a run's formats in as few requests as the budget allows, with the same result as one call each", async () => {
    const steps: FormatStep[] = [
      { range: { sheet: "S", row: 0, column: 4, rows: 1, columns: 3 }, format: { bold: true, fill: "#D9E1F2" } },
      ...[4, 5, 6].map((column) => ({ range: { sheet: "S", row: 0, column, rows: 1, columns: 1 }, format: { columnWidth: 12 } })),
      { range: { sheet: "S", row: 1, column: 4, rows: 50_000, columns: 1 }, format: { numberFormat: "0" } },
      { range: { sheet: "S", row: 1, column: 5, rows: 50_000, columns: 1 }, format: { numberFormat: "#,##0.00" } },
      { range: { sheet: "S", row: 1, column: 6, rows: 50_000, columns: 1 }, fills: [{ value: "A", fill: "#C6EFCE" }, { value: "B", fill: "#FFC7CE" }] },
      { range: { sheet: "S", row: 0, column: 4, rows: 0, columns: 1 }, format: { bold: true } },
    ];
    const batched = new FakeExcel({ S: customers(50_001) });
    await new ExcelWorkbook(batched.run).formatAll(steps);
    expect(batched.stats.syncs).toBe(1);
    const oneByOne = new FakeExcel({ S: customers(50_001) });
    const wb = new ExcelWorkbook(oneByOne.run);
    for (const s of steps) {
      if (s.format) await wb.formatAll([{ range: s.range, format: s.format }]);
      if (s.fills) await wb.formatAll([{ range: s.range, fills: s.fills }]);
    }
    expect(oneByOne.stats.syncs).toBe(7);
    for (const [row, column] of [[0, 4], [0, 6], [1, 4], [50_000, 5], [7, 6]]) {
      expect([batched.numberFormatAt("S", row, column), batched.boldAt("S", row, column), batched.fillAt("S", row, column)]).toEqual([oneByOne.numberFormatAt("S", row, column), oneByOne.boldAt("S", row, column), oneByOne.fillAt("S", row, column)]);
    }
    expect(batched.numberFormatAt("S", 50_000, 5)).toBe("#,##0.00");
    expect(batched.conditionalFormats("S")).toEqual(oneByOne.conditionalFormats("S"));

    // A small budget: more requests, each within it.
    const tight = new FakeExcel({ S: customers(50_001) });
    await new ExcelWorkbook(tight.run, { budget: { payloadBytes: 100_000, cells: 20_000 } }).formatAll(steps);
    expect(tight.stats.syncs).toBeGreaterThan(5);
    expect(Math.max(...tight.stats.requests.map((r) => r.requestBytes))).toBeLessThan(120_000);
    expect(tight.numberFormatAt("S", 50_000, 5)).toBe("#,##0.00");
  });

  test("addCharts: every chart in the request that reads the add-in's data, then one write of it", async () => {
    const fake = new FakeExcel({ S: [["Segment", "Customers", "Share"], ["A", 3, 0.5], ["B", 3, 1]] });
    const wb = new ExcelWorkbook(fake.run);
    const source = { sheet: "S", row: 0, column: 0, rows: 3, columns: 3 };
    const specs: ChartSpec[] = [
      { sheet: "S", kind: "pareto", title: "Pareto", name: "crm-pareto", source, anchor: { row: 0, column: 5 } },
      { sheet: "S", kind: "pie", title: "Pie", name: "crm-pie", source: { ...source, columns: 2 }, anchor: { row: 20, column: 5 } },
      { sheet: "S", kind: "column", title: "Columns", name: "crm-column", source, anchor: { row: 40, column: 5 } },
    ];
    await wb.addCharts(specs);
    expect(fake.stats.syncs).toBe(2); // no data sheet yet: the charts and the look for it, then creating it
    expect(fake.charts("S").map((c) => [c.name, c.type])).toEqual([["crm-pareto", "ColumnClustered"], ["crm-pie", "Pie"], ["crm-column", "ColumnClustered"]]);
    fake.resetStats();
    await wb.addCharts([{ ...specs[1], title: "Pie again" }]);
    expect(fake.stats.syncs).toBe(3);
    expect(await wb.listCharts("S")).toEqual([specs[0], specs[2], { ...specs[1], title: "Pie again" }]);
  });

  test("settings and chart specs stay with a sheet the person renames in Excel (by worksheet id), not with its old name", async () => {
    const fake = new FakeExcel({ Data: customers(3), Other: [] });
    const wb = new ExcelWorkbook(fake.run);
    const chart: ChartSpec = { sheet: "Data", kind: "pie", title: "t", name: "crm-pie", source: { sheet: "Data", row: 0, column: 0, rows: 3, columns: 2 }, anchor: { row: 0, column: 6 } };
    await wb.setSheetSettings("Data", { mapping: { customer: 0 } });
    await wb.addCharts([chart]);
    fake.renameSheet("Data", "客户 2024");
    expect(await wb.getSheetSettings("客户 2024")).toEqual({ mapping: { customer: 0 } });
    expect(await wb.listCharts("客户 2024")).toEqual([{ ...chart, sheet: "客户 2024", source: { ...chart.source, sheet: "客户 2024" } }]);
    // A new sheet under the old name is another sheet: none of it.
    await wb.addSheet("Data");
    expect(await wb.getSheetSettings("Data")).toEqual({});
    expect(await wb.listCharts("Data")).toEqual([]);
    await wb.setSheetSettings("Data", { other: true });
    expect(await wb.getSheetSettings("客户 2024")).toEqual({ mapping: { customer: 0 } });
    // Deleting the renamed sheet takes its settings and charts, not those of the new "Data".
    await wb.deleteSheet("客户 2024");
    expect(await wb.getSheetSettings("Data")).toEqual({ other: true });
    fake.renameSheet("Data", "客户 2024");
    expect(await wb.getSheetSettings("客户 2024")).toEqual({ other: true });
  });
});

/** The Office.js workbook against the counting fake: blocks, syncs, payload limits, calculation. */
import { ExcelWorkbook } from "./excel-workbook";
import { FakeExcel, parseTyped } from "./fake-excel";
import { guardText } from "./text-guard";
import { Block } from "./types";

const MB5 = 5_000_000;

function customers(n: number): Block {
  return Array.from({ length: n }, (_, i) => [`C${String(i).padStart(6, "0")}`, 45_000 + (i % 365), 1 + (i % 20), Math.round(i * 137.31) / 100]);
}

describe("the fake is faithful where it matters", () => {
  test("unguarded strings become formulas, numbers, dates and booleans, as in Excel", async () => {
    expect(parseTyped("=1+1").formula).toBe("=1+1");
    expect(parseTyped("+86 138").formula).toBe("=+86 138");
    expect(parseTyped("-5x").formula).toBe("=-5x");
    expect(parseTyped("@SUM(A1)").formula).toBe("=SUM(A1)");
    expect(parseTyped("00123").value).toBe(123);
    expect(parseTyped("12%").value).toBe(0.12);
    expect(parseTyped("TRUE").value).toBe(true);
    expect(parseTyped("2024-03-31").value).toBe(45_382);
    expect(parseTyped("'=1+1")).toEqual({ value: "=1+1" });
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
    await wb.fillByValue(range, [
      { value: "重要价值客户", fill: "#C6EFCE" },
      { value: 'Say "hi"', fill: "#FFC7CE" },
    ]);
    expect(fake.conditionalFormats("S")).toEqual([
      { range, fill: "#C6EFCE", formula1: '="重要价值客户"', operator: "EqualTo" },
      { range, fill: "#FFC7CE", formula1: '="Say ""hi"""', operator: "EqualTo" },
    ]);
    fake.resetStats();
    await wb.format({ ...range, column: 3 }, { numberFormat: "#,##0.00", bold: false });
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
});

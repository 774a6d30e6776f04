/**
 * The workflows through the Office.js workbook against the counting fake of Excel: same cells as
 * in memory, requests that do not grow with the rows, every request under 5 MB, calculation
 * suspended for the writes, and no text turned into a formula.
 */
import { ExcelWorkbook } from "../workbook/excel-workbook";
import { FakeExcel } from "../../test/support/fake-excel";
import type { Block, WorkbookPort } from "../workbook/types";
import { createEngine } from "./engine";
import { AS_OF, book, cells, done } from "../../test/support/workflows";
import type { WorkflowRequest } from "./types";

function customers(n: number): Block {
  const rows: Block = [["客户编号", "最近消费天数", "消费次数", "消费金额"]];
  for (let i = 0; i < n; i++) rows.push([i % 3 === 0 ? `=C${i}` : `C${String(i).padStart(6, "0")}`, (i * 7) % 365, 1 + ((i * 13) % 30), ((i * 7919) % 100_000) / 100]);
  return rows;
}

function request(n: number): WorkflowRequest {
  return { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows: n + 1, columns: 4 }, mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, options: { language: "zh", mode: "customers" } };
}

async function runFake(n: number) {
  const fake = new FakeExcel({ Data: customers(n) });
  const port = new ExcelWorkbook(fake.run);
  const result = await done(createEngine(port, () => AS_OF), request(n));
  return { fake, port, result };
}

describe("workflows on the Office.js path (counting fake)", () => {
  test("the same cells as in the in-memory workbook", async () => {
    const n = 300;
    const { fake } = await runFake(n);
    const { wb, engine } = book({ Data: customers(n) });
    await done(engine, request(n));
    expect(fake.values("Data")).toEqual(await cells(wb, "Data"));
    expect(fake.values("RFM汇总")).toEqual(await cells(wb, "RFM汇总"));
    expect(fake.conditionalFormats("Data").map((c) => c.formula1)).toEqual(["=\"重要价值客户\"", "=\"重要发展客户\"", "=\"重要保持客户\"", "=\"重要挽留客户\"", "=\"一般价值客户\"", "=\"一般发展客户\"", "=\"一般保持客户\"", "=\"一般挽留客户\""]);
    expect(fake.charts("RFM汇总")).toHaveLength(1);
  });

  test("requests do not grow with the rows; each stays under 5 MB; no text became a formula", async () => {
    const small = await runFake(1_000);
    const large = await runFake(60_000);
    expect(large.fake.stats.syncs).toBeLessThanOrEqual(small.fake.stats.syncs + 10);
    expect(large.fake.stats.maxRequestBytes).toBeLessThan(5_000_000);
    expect(large.fake.stats.maxResponseBytes).toBeLessThan(5_000_000);
    expect(large.fake.stats.rejected).toBe(0);
    expect(large.fake.formulaCount()).toBe(0);
    expect(large.fake.values("Data", { row: 1, column: 0, rows: 1, columns: 1 })).toEqual([["=C0"]]);
    // Every request that wrote many cells ran with calculation suspended.
    const bulk = large.fake.stats.requests.filter((r) => r.cellsWritten > 1_000);
    expect(bulk.length).toBeGreaterThan(0);
    expect(bulk.every((r) => r.calculationSuspended)).toBe(true);
    // 61,000 rows through the fake (values and formulas read, written, formatted) take ~9 s on a loaded 2-core machine.
  }, 30_000);

  test("settings and marks live in a very hidden sheet; a rerun replaces the output", async () => {
    const { fake, port } = await runFake(50);
    expect(fake.visibility("CRM_AddinData")).toBe("VeryHidden");
    const engine = createEngine(port, () => AS_OF);
    const again = await done(engine, request(50));
    expect(again.replaced.map((r) => r.kind)).toEqual(["columns", "sheet"]);
    expect(fake.sheetNames()).toEqual(["Data", "CRM_AddinData", "RFM汇总"]);
    const info = await engine.describeSource("activeSheet", "rfm");
    expect(info.remembered).toBe(true);
    expect(info.range.columns).toBe(4);
  });

  test("formats and charts go to Excel in a batch each: a 1,000-row run takes 14 requests (one reads the formulas), not 33", async () => {
    const { fake } = await runFake(1_000);
    // read 1, formulas 1, settings 1, place 1, columns 2, summary sheet 2 + 1, formats 1, chart 2, settings 3
    expect(fake.stats.syncs).toBeLessThanOrEqual(14);
    expect(fake.numberFormatAt("Data", 1_000, 4)).toBeDefined();
    expect(fake.boldAt("Data", 0, 4)).toBe(true);
    expect(fake.conditionalFormats("Data")).toHaveLength(8);
    expect(fake.charts("RFM汇总")).toHaveLength(1);
  });

  test("a rerun finds its earlier output with one listing of the sheets (ids with names), not one per mark, and reads the cleared columns' widths with their values: 31 requests (33 before)", async () => {
    const { fake, port } = await runFake(1_000);
    fake.resetStats();
    await done(createEngine(port, () => AS_OF), request(1_000));
    expect(fake.stats.syncs).toBeLessThanOrEqual(31);
  });

  test("the person renames the data sheet in Excel: the mapping is still remembered and a rerun replaces the output", async () => {
    const { fake, port } = await runFake(50);
    fake.renameSheet("Data", "客户 2024");
    const engine = createEngine(port, () => AS_OF);
    const info = await engine.describeSource({ sheet: "客户 2024" }, "rfm");
    expect(info.remembered).toBe(true);
    const renamed = { ...request(50), source: { ...request(50).source, sheet: "客户 2024" } };
    const again = await done(engine, renamed);
    expect(again.replaced.map((r) => [r.kind, r.sheet])).toEqual([
      ["columns", "客户 2024"],
      ["sheet", "RFM汇总"],
    ]);
    expect(fake.values("客户 2024")[0]).toEqual(["客户编号", "最近消费天数", "消费次数", "消费金额", "RFM·R", "RFM·F", "RFM·M", "RFM·代码", "RFM·细分"]);
    expect(fake.sheetNames()).toEqual(["客户 2024", "CRM_AddinData", "RFM汇总"]);
  });

  test("no workflow writes a formula: text that looks like one stays text, and insertFormula is never called", async () => {
    const fake = new FakeExcel({
      Data: [
        ["客户", "到期日", "未付金额", "信用额度", "品格", "能力", "资本", "抵押", "条件", "年利润", "保留率"],
        ["=A1", 44_990, 100, 300, 5, 5, 4, 4, 5, 1000, 0.9],
        ["+86 138", 44_950, 300, 300, 3, 3, 3, 3, 3, 500, 0.8],
        ["-x", 44_800, 50.5, null, 1, 2, 1, 2, 1, 550, 0.5],
        ["@SUM(A1)", 45_010, 1000, null, 4, 4, 4, 4, 4, 10, 0.7],
      ],
    });
    const excel = new ExcelWorkbook(fake.run);
    const port = new Proxy(excel, {
      get(target, key, receiver) {
        if (key === "insertFormula") return () => Promise.reject(new Error("a workflow called insertFormula"));
        const v = Reflect.get(target, key, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    }) as WorkbookPort;
    const engine = createEngine(port, () => AS_OF);
    const source = { sheet: "Data", row: 0, column: 0, rows: 5, columns: 11 };
    const requests: WorkflowRequest[] = [
      { workflow: "aging", source, mapping: { customer: 0, dueDate: 1, openAmount: 2, creditLimit: 3 }, options: { language: "zh" } },
      { workflow: "credit", source, mapping: { customer: 0, character: 4, capacity: 5, capital: 6, collateral: 7, conditions: 8 }, options: { language: "zh" } },
      { workflow: "value", source, mapping: { customer: 0, margin: 9, retention: 10 }, options: { language: "zh", rate: 0.1, periods: 5 } },
      { workflow: "rfm", source, mapping: { customer: 0, recency: 4, frequency: 5, monetary: 9 }, options: { language: "zh", mode: "customers" } },
    ];
    for (const r of requests) await done(engine, r);
    expect(fake.formulaCount()).toBe(0);
    expect(fake.values("Data", { row: 1, column: 0, rows: 4, columns: 1 })).toEqual([["=A1"], ["+86 138"], ["-x"], ["@SUM(A1)"]]);
  });
});

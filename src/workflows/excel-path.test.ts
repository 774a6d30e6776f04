/**
 * The workflows through the Office.js workbook against the counting fake of Excel: same cells as
 * in memory, requests that do not grow with the rows, every request under 5 MB, calculation
 * suspended for the writes, and no text turned into a formula.
 */
import { ExcelWorkbook } from "../workbook/excel-workbook";
import { FakeExcel } from "../workbook/fake-excel";
import type { Block } from "../workbook/types";
import { createEngine } from "./engine";
import { AS_OF, book, cells, done } from "./testing";
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
  });

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
});

/**
 * Predict customer value on the other paths: over the counting fake of Excel (the same cells as in
 * memory, the published CDNOW fit) and as `crm predict` on a small .xlsx made here.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeExcel } from "../../../test/support/fake-excel";
import { cdnowRequest, cdnowTransactions, expectCdnow } from "../../../test/support/cdnow";
import { runCrm } from "../../../test/support/cli";
import { AS_OF as TODAY, done } from "../../../test/support/workflows";
import { isoToSerial } from "../../core/dates";
import { ExcelWorkbook } from "../../workbook/excel-workbook";
import { MemoryWorkbook } from "../../workbook/memory-workbook";
import { createEngine } from "../engine";

describe("predict over the Office.js path (counting fake)", () => {
  test("CDNOW: the published fit and summary, the same cells as in memory, a line chart, no formulas", async () => {
    const data = cdnowTransactions();
    const fake = new FakeExcel({ Data: data });
    const result = await done(createEngine(new ExcelWorkbook(fake.run), () => TODAY), cdnowRequest(data.length));
    expectCdnow(fake.values("客户价值预测"), fake.values("预测模型汇总"));
    const mem = MemoryWorkbook.fromSheets({ Data: data });
    await done(createEngine(mem, () => TODAY), cdnowRequest(data.length));
    const used = await mem.usedRange("预测模型汇总");
    expect(fake.values("预测模型汇总")).toEqual(await mem.read({ sheet: "预测模型汇总", row: 0, column: 0, rows: used!.rows, columns: used!.columns }));
    expect(fake.charts("预测模型汇总")).toHaveLength(1);
    expect(result.charts[0].kind).toBe("line");
    expect(fake.formulaCount()).toBe(0);
    expect(fake.stats.maxRequestBytes).toBeLessThan(5_000_000);
  }, 120_000);
});

describe("crm predict", () => {
  test("a small .xlsx: weeks, as-of and holdout flags, one row per customer with P(alive) and CLV", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crm-predict-"));
    const input = path.join(tmp, "tx.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Orders");
    ws.addRow(["customer", "date", "amount"]);
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const rows: [string, string, number][] = [
      ["A", "2024-01-01", 10], ["A", "2024-01-15", 20], ["A", "2024-02-12", 30], ["A", "2024-03-20", 25],
      ["B", "2024-01-08", 5], ["B", "2024-03-04", 15],
      ["C", "2024-01-20", 40],
      ["D", "2024-02-01", 12], ["D", "2024-02-08", 18], ["D", "2024-02-22", 9], ["D", "2024-03-25", 11],
      ["E", "2024-02-10", 50], ["E", "2024-02-24", 70],
      ["F", "2024-02-15", 8],
    ];
    for (const [c, iso, a] of rows) ws.addRow([c, d(iso), a]);
    await wb.xlsx.writeFile(input);
    const out = path.join(tmp, "out.xlsx");
    const run = await runCrm(tmp, "2024-12-31", ["predict", input, "-o", out, "--as-of", "2024-02-29", "--holdout-end", "2024-03-31", "--period", "week", "--horizon", "10", "--discount", "0", "--lang", "en", "--json"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: "done", workflow: "predict", rowsWritten: 6 });
    expect(summary.figures.customers).toBe(6);
    const result = new ExcelJS.Workbook();
    await result.xlsx.readFile(out);
    const sheet = result.getWorksheet("Predicted value")!;
    const values = sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(values[0]).toEqual(["Customer", "Repeat purchases x", "Recency t_x", "Age T", "P(alive)", "Expected purchases in horizon", "Expected value per purchase", "Predicted CLV"]);
    // A: occasions 01-01, 01-15, 02-12 by the as-of date (03-20 is in the holdout): x 2, t_x 6 weeks, T 59/7 weeks.
    expect(values[1].slice(0, 4)).toEqual(["A", 2, 6, 59 / 7]);
    expect(values.slice(1).map((r) => r[0])).toEqual(["A", "B", "C", "D", "E", "F"]);
    for (const r of values.slice(1)) {
      expect(r[4]).toBeGreaterThanOrEqual(0);
      expect(r[4]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(r[7])).toBe(true);
    }
    expect(isoToSerial("2024-02-29")).toBeDefined();
  }, 60_000);
});

describe("the CDNOW sample workbook (assets/samples/cdnow.xlsx, the preview's)", () => {
  test("opened as the preview does: the guessed mapping and the sample's as-of give the published fit", async () => {
    const bytes = fs.readFileSync(path.resolve(__dirname, "../../../assets/samples/cdnow.xlsx"));
    const wb = await MemoryWorkbook.fromXlsx(bytes);
    const engine = createEngine(wb, () => TODAY);
    const info = await engine.describeSource("activeSheet", "predict");
    expect(info.headers).toEqual(["Customer ID", "Date", "CDs", "Amount"]);
    expect(info.mapping).toEqual({ customer: 0, date: 1, amount: 3 });
    const request = cdnowRequest(info.rowCount + 1);
    const result = await done(engine, { ...request, source: info.range, mapping: info.mapping });
    expect(result.figures.customers).toBe(2357);
    expect([result.figures.r, result.figures.alpha, result.figures.a, result.figures.b].map((v) => v.toFixed(3))).toEqual(["0.243", "4.414", "0.793", "2.426"]);
    expect(result.figures.logLikelihood.toFixed(1)).toBe("-9582.4");
  }, 60_000);
});

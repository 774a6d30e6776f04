/** Receivables aging: days and bucket per line, report per customer, allowance, limits, DSO. */
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { ExcelWorkbook } from "../../workbook/excel-workbook";
import { MemoryWorkbook } from "../../workbook/memory-workbook";
import { FakeExcel } from "../../../test/support/fake-excel";
import { createEngine } from "../engine";
import { book, cells, done, tableAt } from "../../../test/support/workflows";
import type { AgingOptions, WorkflowRequest } from "../types";

const LINES = [
  ["客户", "到期日", "未付金额", "信用额度"],
  ["A", 45010, 100, 300],
  ["A", 44990, 200, null],
  ["B", 44950, 300, 300],
  ["B", 44920, 50.5, 300],
  ["C", 44800, 1000, null],
  ["A", 45000, 30, null],
];

function request(options: Partial<AgingOptions> = {}, mapping: WorkflowRequest["mapping"] = { customer: 0, dueDate: 1, openAmount: 2, creditLimit: 3 }): WorkflowRequest {
  return { workflow: "aging", source: { sheet: "Data", row: 0, column: 0, rows: 7, columns: 4 }, mapping, options: { language: "zh", ...options } };
}

describe("receivables aging", () => {
  test("days past due and bucket per line", async () => {
    const { wb, engine } = book({ Data: LINES });
    await done(engine, request({ creditSales: 7300 }));
    expect(await wb.read({ sheet: "Data", row: 0, column: 4, rows: 7, columns: 2 })).toEqual([
      ["账龄·逾期天数", "账龄·区间"],
      [-10, "未到期"],
      [10, "1-30天"],
      [50, "31-60天"],
      [80, "61-90天"],
      [200, "90天以上"],
      [0, "未到期"],
    ]);
  });

  test("report per customer, largest balance first, with share overdue and limit flags; allowance; DSO", async () => {
    const { wb, engine } = book({ Data: LINES });
    const result = await done(engine, request({ creditSales: 7300 }));
    expect(result.summarySheet).toBe("账龄分析");
    const sheet = await cells(wb, "账龄分析");
    expect(tableAt(sheet, "客户")).toEqual([
      ["客户", "未到期", "1-30天", "31-60天", "61-90天", "90天以上", "合计", "逾期占比", "信用额度", "超出额度"],
      ["C", 0, 0, 0, 0, 1000, 1000, 1],
      ["B", 0, 0, 300, 50.5, 0, 350.5, 1, 300, "是"],
      ["A", 130, 200, 0, 0, 0, 330, 200 / 330, 300, "是"],
      ["合计", 130, 200, 300, 50.5, 1000, 1680.5, 1550.5 / 1680.5, null, 2],
    ]);
    expect(tableAt(sheet, "账龄区间")).toEqual([
      ["账龄区间", "金额", "计提比例", "坏账准备"],
      ["未到期", 130, 0.01, 1.3],
      ["1-30天", 200, 0.02, 4],
      ["31-60天", 300, 0.05, 15],
      ["61-90天", 50.5, 0.1, 5.05],
      ["90天以上", 1000, 0.3, 300],
      ["合计", 1680.5, null, 325.35],
    ]);
    expect(result.figures).toEqual({ customers: 3, lines: 6, total: 1680.5, overdue: 1550.5, overLimit: 2, dso: 84.025, allowance: 325.35 });
    // DSO is written whole with one decimal shown (the pane shows the same "84.0").
    const dsoRow = sheet.findIndex((r) => r[0] === "应收账款周转天数");
    expect(sheet[dsoRow][1]).toBe(84.025);
    expect(wb.cellView("账龄分析", dsoRow, 1)).toMatchObject({ numberFormat: "0.0", text: "84.0" });
    expect(result.charts).toEqual([
      { sheet: "账龄分析", kind: "stackedColumn", title: "前 3 名客户账龄结构", name: "crm-aging-top", source: { sheet: "账龄分析", row: 7, column: 0, rows: 4, columns: 6 }, anchor: { row: 1, column: 11 }, width: 560 },
    ]);
    expect(sheet[7][0]).toBe("客户");
    expect(wb.cellView("账龄分析", 9, 9).fill).toBe("#FFC7CE");
  });

  test("a customer-name column (客户名称) is found, shown beside the id, and names the chart's customers; a customer without one is named by its id", async () => {
    const named = [
      ["客户编号", "客户名称", "到期日", "未付金额"],
      ["A", "华东机电", 45010, 100],
      ["A", "", 44990, 200],
      ["B", null, 44950, 300],
      ["B", "#N/A", 44920, 50.5],
      ["C", "北方物流", 44800, 1000],
      ["A", "华东机电（新）", 45000, 30],
    ];
    const { wb, engine } = book({ Data: named });
    const info = await engine.describeSource({ sheet: "Data" }, "aging");
    expect(info.mapping).toEqual({ customer: 0, customerName: 1, dueDate: 2, openAmount: 3 });
    const result = await done(engine, { workflow: "aging", source: info.range, mapping: info.mapping, options: { language: "zh", asOf: 45_000 } });
    const sheet = await cells(wb, "账龄分析");
    expect(tableAt(sheet, "客户")).toEqual([
      ["客户", "客户名称", "未到期", "1-30天", "31-60天", "61-90天", "90天以上", "合计", "逾期占比"],
      ["C", "北方物流", 0, 0, 0, 0, 1000, 1000, 1],
      ["B", "B", 0, 0, 300, 50.5, 0, 350.5, 1],
      ["A", "华东机电", 130, 200, 0, 0, 0, 330, 200 / 330],
      ["合计", null, 130, 200, 300, 50.5, 1000, 1680.5, 1550.5 / 1680.5],
    ]);
    // The chart's first column (its categories) is the name column; its series the five buckets.
    const [chart] = result.charts;
    expect(chart.source).toEqual({ sheet: "账龄分析", row: chart.source.row, column: 1, rows: 4, columns: 6 });
    expect(sheet[chart.source.row].slice(1, 7)).toEqual(["客户名称", "未到期", "1-30天", "31-60天", "61-90天", "90天以上"]);
    expect(sheet.slice(chart.source.row + 1, chart.source.row + 4).map((r) => r[1])).toEqual(["北方物流", "B", "华东机电"]);
    expect(result.figures.customers).toBe(3);
  });

  test("the names on both ports and in the downloaded chart: Excel's chart is over the name column, the .xlsx chart's categories are the names", async () => {
    const named = [["客户编号", "客户名称", "到期日", "未付金额"], ["A", "华东机电", 45010, 100], ["B", null, 44950, 300], ["C", "北方物流", 44800, 1000]];
    const mapping = { customer: 0, customerName: 1, dueDate: 2, openAmount: 3 };
    const req: WorkflowRequest = { workflow: "aging", source: { sheet: "Data", row: 0, column: 0, rows: 4, columns: 4 }, mapping, options: { language: "zh", asOf: 45_000 } };
    const { wb, engine } = book({ Data: named });
    const memory = await done(engine, req);
    const fake = new FakeExcel({ Data: named });
    await done(createEngine(new ExcelWorkbook(fake.run), () => 45_000), req);
    expect(fake.values("账龄分析")).toEqual(await cells(wb, "账龄分析"));
    const [excelChart] = fake.charts("账龄分析");
    expect(excelChart.source).toEqual({ sheet: "账龄分析", row: memory.charts[0].source.row, column: 1, rows: 4, columns: 6 });
    const zip = await JSZip.loadAsync(await wb.toXlsx());
    const xml = await zip.file("xl/charts/chart1.xml")!.async("string");
    const categories = [...(xml.match(/<c:cat>[\s\S]*?<\/c:cat>/)?.[0] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    expect(categories).toEqual(["北方物流", "B", "华东机电"]);
  });

  test("en headers: Customer ID and Customer name", async () => {
    const { engine } = book({ Data: [["Customer ID", "Customer name", "Due date", "Open amount"], ["A", "Acme", 45010, 100]] });
    expect((await engine.describeSource({ sheet: "Data" }, "aging")).mapping).toEqual({ customer: 0, customerName: 1, dueDate: 2, openAmount: 3 });
  });

  test("custom edges and rates; negative open amounts are credit notes, not problems", async () => {
    const rows = [["Customer", "Due date", "Open amount"], ["A", 44990, 100], ["A", 44950, -40], ["B", 44980, 60]];
    const { wb, engine } = book({ Data: rows });
    const result = await done(engine, {
      workflow: "aging",
      source: { sheet: "Data", row: 0, column: 0, rows: 4, columns: 3 },
      mapping: { customer: 0, dueDate: 1, openAmount: 2 },
      options: { language: "en", edges: [15, 45], rates: [0, 0.1, 0.2, 0.5] },
    });
    expect(await wb.read({ sheet: "Data", row: 0, column: 3, rows: 4, columns: 2 })).toEqual([
      ["Aging·Days past due", "Aging·Bucket"],
      [10, "1-15"],
      [50, "45+"],
      [20, "16-45"],
    ]);
    expect(result.figures.allowance).toBe(100 * 0.1 + -40 * 0.5 + 60 * 0.2);
    expect(tableAt(await cells(wb, "Aging report"), "Customer")[0]).toEqual(["Customer", "Current", "1-15", "16-45", "45+", "Total", "Share overdue"]);
  });
});

describe("credit sales are one figure per customer", () => {
  const source = (rows: number) => ({ sheet: "Data", row: 0, column: 0, rows, columns: 4 });
  const mapping = { customer: 0, dueDate: 1, openAmount: 2, sales: 3 };
  const agingOf = (rows: number, options: Partial<AgingOptions> = {}): WorkflowRequest => ({ workflow: "aging", source: source(rows), mapping, options: { language: "en", ...options } });

  test("an export repeating the year's sales on every line counts them once per customer (not once per line)", async () => {
    const rows = [
      ["Customer", "Due date", "Open amount", "Credit sales"],
      ["A", 44990, 100, 7300],
      ["A", 44980, 200, 7300],
      ["B", 45010, 365, 3650],
      ["B", 44950, 365, null], // given once is as good as given on every line
    ];
    const { wb, engine } = book({ Data: rows });
    const result = await done(engine, agingOf(5));
    const report = tableAt(await cells(wb, "Aging report"), "Customer");
    const col = (name: string) => report[0].indexOf(name);
    const sales = col("Credit sales");
    const days = col("DSO (days)");
    // B: 730 open of 3,650 sales = 73 days; A: 300 of 7,300 = 15 days (summing A's lines would give 7.5).
    expect(report.slice(1).map((r) => [r[0], r[sales], r[days]])).toEqual([
      ["B", 3650, 73],
      ["A", 7300, 15],
      ["Total", 10950, 1030 / 10950 * 365],
    ]);
    expect(result.figures.dso).toBeCloseTo((1030 / 10950) * 365, 12);
    expect((await cells(wb, "Aging report")).some((r) => r[0] === "DSO covers")).toBe(false);
  });

  test("lines of one customer that disagree are problems on every line that gives a figure, with their rows", async () => {
    const rows = [
      ["Customer", "Due date", "Open amount", "Credit sales"],
      ["A", 44990, 100, 7300],
      ["B", 44990, 50, 1000],
      ["A", 44980, 200, 7400],
      ["A", 44970, 300, null],
      ["B", 44970, 50, 1000],
    ];
    const { wb, engine } = book({ Data: rows });
    const report = await engine.validate(agingOf(6));
    expect(report.badRows).toEqual([2, 4]);
    expect(report.counts).toEqual({ inconsistent: 2 });
    expect(report.problems.map((p) => [p.row, p.column, p.field, p.kind, p.value])).toEqual([
      [2, "D", "sales", "inconsistent", 7300],
      [4, "D", "sales", "inconsistent", 7400],
    ]);
    expect(report.problems[0].message).toBe("Credit sales differ between the lines of customer A (row 2: 7300; row 4: 7400): a customer has one figure");
    expect((await engine.run(agingOf(6))).status).toBe("invalid");
    expect(await wb.usedRange("Data")).toEqual(source(6)); // nothing written

    // Skipped, A keeps its one line without a figure: no DSO for A, and the overall DSO covers B only.
    const result = await done(engine, agingOf(6, { skipBadRows: true }));
    expect(result.skipped.map((p) => p.row)).toEqual([2, 4]);
    const sheet = await cells(wb, "Aging report");
    const table = tableAt(sheet, "Customer");
    const sales = table[0].indexOf("Credit sales");
    expect(table.slice(1).map((r) => [r[0], r[sales] ?? null, r[sales + 1] ?? null])).toEqual([
      ["A", null, null],
      ["B", 1000, 36.5],
      ["Total", 1000, 36.5],
    ]);
    expect(result.figures.dso).toBe(36.5);
    expect(sheet.find((r) => r[0] === "DSO covers")?.[1]).toBe("the 1 customers with credit sales (of 2)");
  });

  test("the same customer in a bad row does not make a conflict: only the rows used are compared", async () => {
    const rows = [
      ["Customer", "Due date", "Open amount", "Credit sales"],
      ["A", 44990, 100, 7300],
      ["A", null, 200, 9999],
    ];
    const { engine } = book({ Data: rows });
    const report = await engine.validate(agingOf(3));
    expect(report.problems.map((p) => [p.row, p.kind])).toEqual([[3, "blank"]]);
    expect((await done(engine, agingOf(3, { skipBadRows: true }))).figures.dso).toBe(365 * 100 / 7300);
  });

  test("a typed total of credit sales still gives the overall DSO over every balance", async () => {
    const rows = [
      ["Customer", "Due date", "Open amount", "Credit sales"],
      ["A", 44990, 100, 7300],
      ["B", 44990, 265, null],
    ];
    const { engine } = book({ Data: rows });
    expect((await done(engine, agingOf(3, { creditSales: 36500 }))).figures.dso).toBe(3.65);
  });
});

test("the invoices sample (sales on each customer's first line, the other lines blank) gives one figure per customer and the DSO", async () => {
  const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.join(__dirname, "../../../assets/samples/invoices.xlsx")));
  const engine = createEngine(wb, () => 45_657);
  const info = await engine.describeSource("activeSheet", "aging");
  expect(info.mapping.sales).toBeDefined();
  const request: WorkflowRequest = { workflow: "aging", source: info.range, mapping: info.mapping, options: { language: "en", asOf: 45_657 } };
  const report = await engine.validate(request);
  expect(report.counts.inconsistent).toBeUndefined();

  const result = await done(engine, { ...request, options: { ...request.options, skipBadRows: true } });
  // Expected from the sheet itself: each customer's figure (given once) against its open lines used.
  const data = (await wb.read({ ...info.range, row: info.range.row + 1, rows: info.range.rows - 1 })).filter((_, i) => !report.badRows.includes(info.range.row + 2 + i));
  const [id, open, sales] = [info.mapping.customer!, info.mapping.openAmount!, info.mapping.sales!];
  const perCustomer = new Map<string, number>();
  let openTotal = 0;
  for (const r of data) {
    openTotal += r[open] as number;
    if (r[sales] !== null) {
      expect(perCustomer.has(r[id] as string)).toBe(false); // given once
      perCustomer.set(r[id] as string, r[sales] as number);
    }
  }
  expect(perCustomer.size).toBe(result.figures.customers);
  const salesTotal = [...perCustomer.values()].reduce((x, y) => x + y, 0);
  expect(result.figures.dso).toBeCloseTo((openTotal / salesTotal) * 365, 6);
});

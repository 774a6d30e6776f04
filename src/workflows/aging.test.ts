/** Receivables aging: days and bucket per line, report per customer, allowance, limits, DSO. */
import { book, cells, done, tableAt } from "./testing";
import type { AgingOptions, WorkflowRequest } from "./types";

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
    expect(sheet.find((r) => r[0] === "应收账款周转天数")?.[1]).toBe(84);
    expect(result.charts).toEqual([
      { sheet: "账龄分析", kind: "stackedColumn", title: "前 3 名客户账龄结构", name: "crm-aging-top", source: { sheet: "账龄分析", row: 7, column: 0, rows: 4, columns: 6 }, anchor: { row: 1, column: 11 }, width: 560 },
    ]);
    expect(sheet[7][0]).toBe("客户");
    expect(wb.cellView("账龄分析", 9, 9).fill).toBe("#FFC7CE");
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

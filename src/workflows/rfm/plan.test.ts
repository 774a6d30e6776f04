/** Segment customers (RFM) against the in-memory workbook: exact cells written. */
import ExcelJS from "exceljs";
import { AS_OF, CUSTOMERS, book, cells, done, tableAt } from "../../../test/support/workflows";
import type { WorkflowRequest } from "../types";


function request(mode: "customers" | "transactions", columns: number, rows: number, mapping: WorkflowRequest["mapping"], lang: "zh" | "en" = "zh", scheme: "cn8" | "rf10" = "cn8"): WorkflowRequest {
  return { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows, columns }, mapping, options: { language: lang, mode, bins: 5, scheme } };
}

describe("RFM, one row per customer", () => {
  test("writes R, F, M, code and segment beside the rows, coloured, and a summary with a chart", async () => {
    const { wb, engine } = book({ Data: CUSTOMERS });
    const result = await done(engine, request("customers", 4, 6, { customer: 0, recency: 1, frequency: 2, monetary: 3 }));
    expect(await cells(wb, "Data")).toEqual([
      ["客户编号", "最近消费天数", "消费次数", "消费金额", "RFM·R", "RFM·F", "RFM·M", "RFM·代码", "RFM·细分"],
      ["C1", 10, 5, 500, 4, 4, 4, 444, "重要价值客户"],
      ["C2", 40, 2, 100, 2, 2, 2, 222, "一般挽留客户"],
      ["C3", 5, 9, 900, 5, 5, 5, 555, "重要价值客户"],
      ["C4", 90, 1, 20, 1, 1, 1, 111, "一般挽留客户"],
      ["C5", 40, 2, 300, 2, 2, 3, 223, "一般挽留客户"],
    ]);
    expect(wb.cellView("Data", 1, 8).fill).toBe("#C6EFCE");
    expect(wb.cellView("Data", 0, 4).bold).toBe(true);
    expect(result.summarySheet).toBe("RFM汇总");
    const summary = await cells(wb, "RFM汇总");
    expect(summary[0][0]).toBe("RFM 客户细分汇总");
    const table = tableAt(summary, "细分");
    expect(table[0]).toEqual(["细分", "客户数", "客户占比", "消费金额", "金额占比"]);
    expect(table[1]).toEqual(["重要价值客户", 2, 0.4, 1400, 1400 / 1820]);
    expect(table[8]).toEqual(["一般挽留客户", 3, 0.6, 420, 420 / 1820]);
    expect(table[9]).toEqual(["合计", 5, 1, 1820, 1]);
    expect(result.charts).toEqual([
      { sheet: "RFM汇总", kind: "column", title: "各细分客户数", name: "crm-rfm-segments", source: { sheet: "RFM汇总", row: 8, column: 0, rows: 9, columns: 2 }, anchor: { row: 1, column: 7 } },
    ]);
    expect(wb.chartsOn("RFM汇总")).toEqual(result.charts);
    expect(result.figures).toEqual({ customers: 5 });
  });

  test("from last-purchase dates: recency = as-of − date, written as its own column", async () => {
    const rows = [["Customer ID", "Last purchase", "Frequency", "Monetary"], ...CUSTOMERS.slice(1).map((r) => [r[0], AS_OF - (r[1] as number), r[2], r[3]])];
    const { wb, engine } = book({ Data: rows });
    await done(engine, request("customers", 4, 6, { customer: 0, lastDate: 1, frequency: 2, monetary: 3 }, "en"));
    const out = await wb.read({ sheet: "Data", row: 0, column: 4, rows: 3, columns: 6 });
    expect(out).toEqual([
      ["RFM·Recency (days)", "RFM·R", "RFM·F", "RFM·M", "RFM·Code", "RFM·Segment"],
      [10, 4, 4, 4, 444, "Important value"],
      [40, 2, 2, 2, 222, "General win-back"],
    ]);
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(["Data", "RFM summary"]);
  });

  test("last-purchase dates with a time of day: recency in whole days between the dates", async () => {
    // the first customer bought 10 days before as-of at 18:00, the second 40 days before at 06:00
    const rows = [["Customer ID", "Last purchase", "Frequency", "Monetary"], ...CUSTOMERS.slice(1).map((r, i) => [r[0], AS_OF - (r[1] as number) + (i === 0 ? 0.75 : 0.25), r[2], r[3]])];
    const { wb, engine } = book({ Data: rows });
    await done(engine, request("customers", 4, 6, { customer: 0, lastDate: 1, frequency: 2, monetary: 3 }, "en"));
    const out = await wb.read({ sheet: "Data", row: 1, column: 4, rows: 2, columns: 1 });
    expect(out).toEqual([[10], [40]]);
  });

  test("rf10 names R × F", async () => {
    const { wb, engine } = book({ Data: CUSTOMERS });
    await done(engine, request("customers", 4, 6, { customer: 0, recency: 1, frequency: 2, monetary: 3 }, "en", "rf10"));
    const segments = (await wb.read({ sheet: "Data", row: 1, column: 8, rows: 5, columns: 1 })).map((x) => x[0]);
    // R,F: C1 4,4 Loyal; C2 2,2 Hibernating; C3 5,5 Champions; C4 1,1 Hibernating; C5 2,2 Hibernating.
    expect(segments).toEqual(["Loyal", "Hibernating", "Champions", "Hibernating", "Hibernating"]);
  });
});

describe("RFM, one row per transaction", () => {
  test("aggregates like CRM.RFMTABLE into a new customer sheet with scores and segments", async () => {
    const { wb, engine } = book({
      Data: [
        ["客户", "交易日期", "金额"],
        ["C1", 44990, 100],
        ["C2", 44960, 50],
        ["C1", "2023-03-10", 200],
        ["C3", 45000, 10],
        ["C2", 44900, 25.5],
      ],
    });
    const result = await done(engine, request("transactions", 3, 6, { customer: 0, date: 1, amount: 2 }));
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(["Data", "RFM客户", "RFM汇总"]);
    expect(await cells(wb, "RFM客户")).toEqual([
      ["客户", "最近消费天数", "消费次数", "消费金额", "首次消费", "最近消费", "RFM·R", "RFM·F", "RFM·M", "RFM·代码", "RFM·细分"],
      ["C1", 5, 2, 300, 44990, 44995, 2, 2, 4, 224, "重要挽留客户"],
      ["C2", 40, 2, 75.5, 44900, 44960, 1, 2, 2, 122, "一般挽留客户"],
      ["C3", 0, 1, 10, 45000, 45000, 4, 1, 1, 411, "一般发展客户"],
    ]);
    expect(wb.cellView("RFM客户", 1, 4).text).toBe("2023-03-05");
    // Nothing is written beside the transactions.
    expect((await wb.usedRange("Data"))!.columns).toBe(3);
    expect(result.figures).toEqual({ customers: 3, transactions: 5 });
    expect(result.rowsWritten).toBe(3);
  });

  test("customer ids that look like formulas stay text in the new sheet", async () => {
    const { wb, engine } = book({ Data: [["客户", "日期", "金额"], ["=HYPERLINK(\"http://x\")", 44990, 1], ["+8613800000000", 44991, 2], ["00123", 44992, 3]] });
    await done(engine, request("transactions", 3, 4, { customer: 0, date: 1, amount: 2 }));
    const ids = (await wb.read({ sheet: "RFM客户", row: 1, column: 0, rows: 3, columns: 1 })).map((r) => r[0]);
    expect(ids).toEqual(['=HYPERLINK("http://x")', "+8613800000000", "00123"]);
    const xlsx = await wb.toXlsx();
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const cell = check.getWorksheet("RFM客户")!.getCell("A2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });
});

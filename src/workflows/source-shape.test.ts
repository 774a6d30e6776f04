/** Title rows, totals, blank separators, repeated headers and notes: found and named. */
import { fieldsOf } from "./fields";
import { findHeaderRow, isColumnTotal, isTotalLabel, leftOutMessage, rowsNotCustomers, titleRowsMessage } from "./source-shape";

describe("findHeaderRow", () => {
  test("title rows above the header are passed over; a plain table keeps row 0", () => {
    const top = [["2024年客户消费明细", null, null], ["导出时间：2024-03-31", null, null], [null, null, null], ["客户编号", "最近消费天数", "消费次数"], ["C1", 3, 4]];
    expect(findHeaderRow(top, "rfm")).toBe(3);
    expect(findHeaderRow([["Customer", "Due date", "Open amount"], ["A", 45000, 10]], "aging")).toBe(0);
    expect(findHeaderRow([["x", "y"], [1, 2]], "aging")).toBe(0);
  });
});

describe("rowsNotCustomers", () => {
  const fields = fieldsOf("rfm");
  const mapping = { customer: 0, recency: 1, frequency: 2, monetary: 3 };
  const header = ["客户编号", "最近消费天数", "消费次数", "消费金额"];

  test("totals by label or by SUM/SUBTOTAL formula over the column, blanks, repeated headers, notes below the total", () => {
    const data = [
      ["C1", 3, 4, 100],
      [null, null, null, null],
      ["客户编号", "最近消费天数", "消费次数", "消费金额"],
      ["C2", 5, 1, 20],
      [null, null, 5, 120],
      ["C3", 1, 1, 1],
      ["合 计：", null, 6, 121],
      ["制表人：张三", null, null, null],
    ];
    const formulas = data.map(() => [null, null, null, null] as (string | null)[]);
    formulas[4][3] = "=SUBTOTAL(9,E3:E5)";
    formulas[5][3] = "=B7*2"; // a customer's figure computed by a formula is still a customer
    const shape = rowsNotCustomers(data, formulas, { header, fields, mapping, firstRow: 3, firstColumn: 1 });
    expect(shape.leftOut).toEqual([
      { row: 4, kind: "blank", text: "" },
      { row: 5, kind: "header", text: "客户编号" },
      { row: 7, kind: "total", text: "=SUBTOTAL(9,E3:E5)" },
      { row: 9, kind: "total", text: "合 计：" },
      { row: 10, kind: "note", text: "制表人：张三" },
    ]);
    expect(Array.from(shape.skip)).toEqual([0, 1, 1, 0, 1, 0, 1, 1]);
    expect(leftOutMessage(shape.leftOut[3], "en")).toBe("row 9 合 计： left out as a total row");
    expect(leftOutMessage({ row: 203, kind: "total", text: "合计" }, "zh")).toBe("第 203 行“合计”是合计行，未计入");
  });

  test("labels and formulas", () => {
    expect(["合计", "总计", "小计", "总额", "Total", "SUBTOTAL", "Grand total", "Grand Total:", "（合计）"].every(isTotalLabel)).toBe(true);
    expect(["Total Fresh Ltd", "总额度", "C1", "Totally", 5, null].some(isTotalLabel)).toBe(false);
    expect(["华东小计", "小计：华东", "Subtotal North", "Grand total 2024"].every(isTotalLabel)).toBe(true);
    expect(isColumnTotal("=SUM(C2:C201)", 2)).toBe(true);
    expect(isColumnTotal("=sum($C$2:$C$9)", 2)).toBe(true);
    expect(isColumnTotal("=SUM(D2:D201)", 2)).toBe(false);
    expect(isColumnTotal("=C2+C3", 2)).toBe(false);
    expect(titleRowsMessage(4, 1, "en")).toBe("header row found at row 4; rows 1–3 above it (titles) left out");
  });
});

/** Credit review: 5C score, grade, suggested limit and credit days per customer. */
import { book, cells, done, tableAt } from "../../../test/support/workflows";
import type { CreditOptions, WorkflowRequest } from "../types";

const SHEET = [
  ["客户", "品格", "能力", "资本", "抵押", "条件", "营运资本"],
  ["甲", 5, 5, 4, 4, 5, 1_000_000],
  ["乙", 3, 3, 3, 3, 3, 500_000],
  ["丙", 1, 2, 1, 2, 1, 800_000],
  ["丁", 4, 4, 4, 4, 4, null],
];

function request(options: Partial<CreditOptions> = {}): WorkflowRequest {
  return {
    workflow: "credit",
    source: { sheet: "Data", row: 0, column: 0, rows: 5, columns: 7 },
    mapping: { customer: 0, character: 1, capacity: 2, capital: 3, collateral: 4, conditions: 5, basis: 6 },
    options: { language: "zh", ...options },
  };
}

describe("credit review", () => {
  test("score, grade, limit (basis × 10% × grade factor) and credit days (30 × 1 × grade factor)", async () => {
    const { wb, engine } = book({ Data: SHEET });
    const result = await done(engine, request());
    expect(await wb.read({ sheet: "Data", row: 0, column: 7, rows: 5, columns: 4 })).toEqual([
      ["信用·5C评分", "信用·等级", "信用·建议额度", "信用·信用期限（天）"],
      [92, "AAA", 100_000, 36],
      [60, "B", 20_000, 24],
      [28, "C", 0, 0],
      [80, "AA", null, 33],
    ]);
    expect(wb.cellView("Data", 1, 8).fill).toBe("#C6EFCE");
    expect(result.figures).toEqual({ customers: 4, AAA: 1, AA: 1, A: 0, B: 1, C: 1 });
    const summary = tableAt(await cells(wb, "信用评估汇总"), "信用等级");
    expect(summary[1]).toEqual(["AAA", 1, 0.25, 92, 100_000]);
    expect(summary[6]).toEqual(["合计", 4, 1, 65, 120_000]);
  });

  test("weights, scale and the pane's DSO inputs", async () => {
    const { wb, engine } = book({ Data: SHEET });
    await done(engine, request({ weights: [2, 1, 1, 1, 0], scaleMax: 5, industryDso: 45, companyFactor: 0.8, percent: 0.2 }));
    const first = (await wb.read({ sheet: "Data", row: 1, column: 7, rows: 1, columns: 4 }))[0];
    // (2·5 + 5 + 4 + 4) / 5 / 5 × 100 = 92 → AAA; 1,000,000 × 20% × 1.0; 45 × 0.8 × 1.2.
    expect(first).toEqual([92, "AAA", 200_000, 43.2]);
  });

  test("a rating above the scale is a problem with its row and column", async () => {
    const { engine } = book({ Data: [...SHEET.slice(0, 2), ["戊", 6, 1, 1, 1, 1, 1]] });
    const result = await engine.run({ ...request(), source: { sheet: "Data", row: 0, column: 0, rows: 3, columns: 7 } });
    expect(result.status === "invalid" && result.report.problems.map((p) => [p.row, p.column, p.field, p.kind])).toEqual([[3, "B", "character", "outOfRange"]]);
  });
});

/** Customer value: CLV per customer, ABC class, pyramid tier, summary with the Pareto curve. */
import { book, cells, done, tableAt } from "../../../test/support/workflows";
import type { ValueOptions, WorkflowRequest } from "../types";

function request(mapping: WorkflowRequest["mapping"], options: Partial<ValueOptions> = {}, columns = 3, rows = 5): WorkflowRequest {
  return { workflow: "value", source: { sheet: "Data", row: 0, column: 0, rows, columns }, mapping, options: { language: "zh", ...options } };
}

const SHEET = [
  ["客户", "年利润", "保留率"],
  ["A", 1000, 1],
  ["B", 500, 1],
  ["C", 550, 1],
  ["D", 10, 1],
];

describe("customer value", () => {
  test("CLV from margin and retention columns with the pane's rate; ABC and pyramid beside", async () => {
    const { wb, engine } = book({ Data: SHEET });
    const result = await done(engine, request({ customer: 0, margin: 1, retention: 2 }, { rate: 0.08, periods: 10, pyramidShares: [0.25, 0.25, 0.25, 0.25] }));
    const out = await wb.read({ sheet: "Data", row: 0, column: 3, rows: 5, columns: 3 });
    expect(out[0]).toEqual(["CLV·客户终生价值", "CLV·ABC分类", "CLV·金字塔层级"]);
    // The textbook's model 1: =CRM.CLV(8%, 10, 1000) → 6710.08; A and B at 500 and 550.
    expect(out.slice(1).map((r) => Math.round((r[0] as number) * 100) / 100)).toEqual([6710.08, 3355.04, 3690.54, 67.1]);
    expect(out.slice(1).map((r) => r[1])).toEqual(["A", "A", "A", "C"]);
    expect(out.slice(1).map((r) => r[2])).toEqual(["VIP客户", "普通客户", "主要客户", "小客户"]);
    expect(wb.cellView("Data", 1, 3).text).toBe("6,710.08");
    expect(result.figures).toMatchObject({ customers: 4, A: 3, B: 0, C: 1 });
    const summary = await cells(wb, "客户价值汇总");
    expect(tableAt(summary, "ABC分类").map((r) => r.slice(0, 3))).toEqual([
      ["ABC分类", "客户数", "客户占比"],
      ["A", 3, 0.75],
      ["B", 0, 0],
      ["C", 1, 0.25],
      ["合计", 4, 1],
    ]);
    const pareto = tableAt(summary, "客户累计占比");
    expect(pareto).toHaveLength(21);
    expect(pareto[20][0]).toBe("100%");
    expect(pareto[20][2]).toBe(1);
    // Top 25% of 4 customers = the largest, A.
    expect(pareto[5][2]).toBeCloseTo(6710.08 / (6710.08 + 3355.04 + 3690.54 + 67.1), 5);
    expect(result.charts[0]).toMatchObject({ kind: "pareto", sheet: "客户价值汇总", source: { columns: 3, rows: 21 } });
  });

  test("perpetuity with retention 1 is a problem for that row, reported before writing", async () => {
    const { wb, engine } = book({ Data: SHEET });
    const result = await engine.run(request({ customer: 0, margin: 1, retention: 2 }, { rate: 0.1, periods: "perpetuity" }));
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [2, "C", "outOfRange"],
      [3, "C", "outOfRange"],
      [4, "C", "outOfRange"],
      [5, "C", "outOfRange"],
    ]);
    expect((await wb.usedRange("Data"))!.columns).toBe(3);
  });

  test("an existing value column is ranked as it is (no CLV column)", async () => {
    const { wb, engine } = book({ Data: [["Customer", "Revenue"], ["A", 800], ["B", 150], ["C", 50], ["D", 0]] });
    await done(engine, { ...request({ customer: 0, value: 1 }, { language: "en" }, 2, 5) });
    expect(await wb.read({ sheet: "Data", row: 0, column: 2, rows: 5, columns: 2 })).toEqual([
      ["CLV·ABC class", "CLV·Pyramid tier"],
      ["A", "Small"],
      ["B", "Small"],
      ["C", "Small"],
      ["C", "Small"],
    ]);
  });
});

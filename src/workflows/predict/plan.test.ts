/** Predict customer value on the CDNOW sample against the in-memory workbook: the published fit and per-customer summary. */
import { isoToSerial } from "../../core/dates";
import { book, cells, done, tableAt } from "../../../test/support/workflows";
import { cdnowRequest, cdnowTransactions, expectCdnow } from "../../../test/support/cdnow";
import type { Block } from "../../workbook/types";
import { guessMapping } from "../mapping";
import { PREDICT } from ".";

describe("predict customer value, CDNOW sample (weeks, as of 1997-09-30, holdout to 1998-06-30)", () => {
  const data = cdnowTransactions();

  test("the mapping guesses 客户 / 日期 / 金额", () => {
    expect(guessMapping(data[0], "predict").mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(guessMapping(["customer", "date", "amount"], "predict").mapping).toEqual({ customer: 0, date: 1, amount: 2 });
  });

  test("the published BG/NBD and Gamma-Gamma estimates, x / t_x / T per customer, holdout check and tracking chart", async () => {
    const { wb, engine } = book({ Data: data });
    const result = await done(engine, cdnowRequest(data.length));
    expect(result.outputs.map((o) => o.sheet)).toEqual(["客户价值预测", "预测模型汇总"]);
    const customers = await cells(wb, "客户价值预测");
    const summary = await cells(wb, "预测模型汇总");
    expectCdnow(customers, summary);
    expect(result.figures.customers).toBe(2357);
    expect(result.figures.logLikelihood.toFixed(1)).toBe("-9582.4");
    // Every model figure has a name in both languages (customers and transactions are named by the pane).
    const unnamed = Object.keys(result.figures).filter((k) => !["customers", "transactions"].includes(k) && !(PREDICT.figures?.[k]?.zh && PREDICT.figures?.[k]?.en));
    expect(unnamed).toEqual([]);
    // Holdout: 1.226-style check — customers with x = 0 make few holdout purchases; the model's means are close.
    const holdout = tableAt(summary, "重复购买次数");
    for (const r of holdout.slice(1)) expect(Math.abs((r[2] as number) - (r[3] as number))).toBeLessThan(1.5);
    // Tracking: 78 weeks from 1997-01-01 to 1998-06-30, cumulative and rising.
    const track = tableAt(summary, "期");
    expect(track[0]).toEqual(["期", "实际", "模型"]);
    expect(track.length - 1).toBe(78);
    const last = track[78];
    expect(Math.abs((last[1] as number) - (last[2] as number)) / (last[1] as number)).toBeLessThan(0.1);
    expect(result.charts).toHaveLength(1);
    expect(result.charts[0].kind).toBe("line");
    expect(result.charts[0].source).toEqual({ sheet: "预测模型汇总", row: track.length > 0 ? summary.findIndex((r) => r[0] === "期") : -1, column: 0, rows: 79, columns: 3 });
  }, 60_000);

  test("a date after the holdout end is a problem naming its row; without amounts no value or CLV", async () => {
    const rows: Block = [["customer", "date", "amount"], ["A", isoToSerial("1997-01-05")!, 10], ["A", isoToSerial("1999-01-01")!, 5], ["B", "not a date", 3]];
    const { engine } = book({ Data: rows });
    const result = await engine.run({ ...cdnowRequest(4, "en") });
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [3, "B", "afterAsOf"],
      [4, "B", "notDate"],
    ]);
    expect(result.report.problems[0].message).toBe("Date 1999-01-01 is after the holdout end 1998-06-30");
  });
});

describe("repeat buyers who spent nothing", () => {
  test("are left out of the Gamma-Gamma fit with a note, not a stop (CDNOW has such rows; lifetimes users filter them)", async () => {
    const data = cdnowTransactions();
    // Customer 1's every purchase made free: a repeat buyer (x = 2 by 1997-09-30) whose mean repeat value is 0.
    const free = data.map((r, i) => (i > 0 && r[0] === 1 ? [r[0], r[1], 0] : r));
    const { wb, engine } = book({ Data: free });
    const result = await done(engine, cdnowRequest(free.length, "en"));
    const summary = await cells(wb, "Prediction summary");
    const ggCustomers = summary.filter((r) => r[0] === "customers").map((r) => r[1]);
    expect(ggCustomers).toEqual([2357, 945]); // BG/NBD: every customer; Gamma-Gamma: 946 repeat buyers less one.
    expect(summary.some((r) => r[0] === "1 repeat buyers whose repeat purchases total 0 or less (free items, refunds) are left out of the Gamma-Gamma fit; their expected value is still computed from the model.")).toBe(true);
    expect(Number.isFinite(result.figures.clv)).toBe(true);
  }, 60_000);
});

describe("predict customer value without amounts", () => {
  test("BG/NBD only: no value or CLV columns, no Gamma-Gamma table, a note saying so", async () => {
    const d = (iso: string) => isoToSerial(iso)!;
    const rows: Block = [["客户", "日期"], ["A", d("2024-01-01")], ["A", d("2024-01-15")], ["A", d("2024-02-12")], ["B", d("2024-01-08")], ["B", d("2024-02-26")], ["C", d("2024-01-20")], ["D", d("2024-02-01")], ["D", d("2024-02-08")]];
    const { wb, engine } = book({ Data: rows });
    await done(engine, { workflow: "predict", source: { sheet: "Data", row: 0, column: 0, rows: rows.length, columns: 2 }, mapping: { customer: 0, date: 1 }, options: { language: "zh", period: "week", asOf: d("2024-02-29") } });
    const customers = await cells(wb, "客户价值预测");
    expect(customers[0]).toEqual(["客户", "重复购买次数 x", "最近购买时点 t_x", "观察期 T", "仍活跃概率 P(alive)", "预测期内预期购买次数"]);
    expect(customers.slice(1).map((r) => r.slice(0, 4))).toEqual([["A", 2, 6, 59 / 7], ["B", 1, 7, 52 / 7], ["C", 0, 0, 40 / 7], ["D", 1, 1, 4]]);
    const summary = await cells(wb, "预测模型汇总");
    expect(summary.some((r) => r[0] === "Gamma-Gamma 模型（每次消费金额）")).toBe(false);
    expect(summary.some((r) => r[0] === "未映射金额列：不计算每次消费金额与客户终生价值。")).toBe(true);
  });
});

describe("predict customer value without a holdout end", () => {
  test("transactions after the calibration end are left out and counted, not problems", async () => {
    const data = cdnowTransactions();
    const { wb, engine } = book({ Data: data });
    const request = cdnowRequest(data.length);
    const result = await done(engine, { ...request, options: { ...request.options, holdoutEnd: undefined } });
    expect(result.figures.logLikelihood.toFixed(1)).toBe("-9582.4");
    const summary = await cells(wb, "预测模型汇总");
    const unused = summary.find((r) => r[0] === "校准期截止日之后的交易（未使用）")!;
    expect(unused[1]).toBe(result.figures.transactions === undefined ? -1 : data.length - 1 - result.figures.transactions);
    expect(unused[1]).toBeGreaterThan(0);
    expect(summary.some((r) => r[0] === "重复购买次数")).toBe(false);
  }, 60_000);
});

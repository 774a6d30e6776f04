/** Guessing the column mapping from Chinese and English headers. */
import fc from "fast-check";
import { guessMapping, normaliseHeader } from "./mapping";

describe("guessMapping", () => {
  test("RFM, one row per customer, Chinese textbook headers", () => {
    expect(guessMapping(["客户编号", "客户名称", "最近购买日期", "消费次数", "消费金额"], "rfm")).toEqual({
      mapping: { customer: 0, lastDate: 2, frequency: 3, monetary: 4 },
      mode: "customers",
      missing: [],
    });
    expect(guessMapping(["客户", "最近消费天数", "消费频率", "金额"], "rfm").mapping).toEqual({ customer: 0, recency: 1, frequency: 2, monetary: 3 });
  });

  test("RFM, English headers with spaces, case and punctuation", () => {
    expect(guessMapping(["Customer ID", "Last purchase", "Frequency", "Monetary"], "rfm").mapping).toEqual({ customer: 0, lastDate: 1, frequency: 2, monetary: 3 });
    expect(guessMapping(["customer_id", "RECENCY (days)", "Orders", "Total amount"], "rfm").mapping).toEqual({ customer: 0, recency: 1, frequency: 2, monetary: 3 });
  });

  test("RFM, one row per transaction: the mode follows the headers", () => {
    expect(guessMapping(["订单号", "客户编号", "交易日期", "金额"], "rfm")).toEqual({ mapping: { customer: 1, date: 2, amount: 3 }, mode: "transactions", missing: [] });
    expect(guessMapping(["Customer", "Order date", "Amount"], "rfm")).toEqual({ mapping: { customer: 0, date: 1, amount: 2 }, mode: "transactions", missing: [] });
  });

  test("aging and credit, both languages; full-width brackets", () => {
    expect(guessMapping(["发票号", "客户", "到期日", "未付金额", "信用额度（元）"], "aging").mapping).toEqual({ customer: 1, dueDate: 2, openAmount: 3, creditLimit: 4 });
    expect(guessMapping(["Customer", "Due date", "Open amount", "Credit limit"], "aging").mapping).toEqual({ customer: 0, dueDate: 1, openAmount: 2, creditLimit: 3 });
    expect(guessMapping(["客户名称", "品格", "能力", "资本", "抵押", "条件", "净资产"], "credit").mapping).toEqual({ customer: 0, character: 1, capacity: 2, capital: 3, collateral: 4, conditions: 5, basis: 6 });
    expect(guessMapping(["Client", "Character", "Capacity", "Capital", "Collateral", "Conditions"], "credit").missing).toEqual([]);
  });

  test("customer value: margin, retention and discount columns", () => {
    expect(guessMapping(["客户", "年利润", "保留率", "折现率"], "value").mapping).toEqual({ customer: 0, margin: 1, retention: 2, discount: 3 });
    expect(guessMapping(["Customer", "Revenue"], "value")).toEqual({ mapping: { customer: 0, value: 1 }, missing: [] });
  });

  test("missing fields are named; one of recency / last purchase is enough", () => {
    expect(guessMapping(["客户", "金额"], "aging").missing).toEqual(["dueDate", "openAmount"]);
    expect(guessMapping(["客户", "消费次数", "消费金额"], "rfm").missing).toEqual(["recency"]);
  });

  test("the add-in's own output columns are never guessed as input", () => {
    expect(guessMapping(["客户", "最近消费天数", "消费次数", "消费金额", "RFM·R", "RFM·M"], "rfm").mapping).toEqual({ customer: 0, recency: 1, frequency: 2, monetary: 3 });
    expect(guessMapping(["RFM·M", "客户", "R", "F", "M"], "rfm").mapping).toEqual({ customer: 1, recency: 2, frequency: 3, monetary: 4 });
  });

  test("normaliseHeader folds width, case, spaces and punctuation", () => {
    expect(normaliseHeader("  Customer-ID ")).toBe("customerid");
    expect(normaliseHeader("金额（元）")).toBe("金额元");
    expect(normaliseHeader("ＡＢＣ")).toBe("abc");
    expect(normaliseHeader(null)).toBe("");
  });

  test("property: a column is never used twice, and reordering headers reorders the mapping", () => {
    const pool = ["客户编号", "最近购买日期", "消费次数", "金额", "Customer", "Amount", "Date", "备注", "品格", "到期日", "未付金额", "x", ""];
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 8 }), fc.constantFrom("rfm", "value", "aging", "credit") as fc.Arbitrary<"rfm" | "value" | "aging" | "credit">, (headers, workflow) => {
        const guess = guessMapping(headers, workflow);
        const columns = Object.values(guess.mapping);
        expect(new Set(columns).size).toBe(columns.length);
        const reversed = guessMapping([...headers].reverse(), workflow);
        // Same header → same field, whatever its position (headers here are unique).
        const byHeader = (g: typeof guess, hs: string[]) => Object.fromEntries(Object.entries(g.mapping).map(([f, c]) => [f, hs[c as number]]));
        expect(byHeader(reversed, [...headers].reverse())).toEqual(byHeader(guess, headers));
      }),
    );
  });
});

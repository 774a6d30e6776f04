/** Guessing the column mapping from Chinese and English headers. */
import fc from "fast-check";
import { fieldsOf } from "./fields";
import { guessMapping, normaliseHeader } from "./mapping";
import type { GuessMapping, RfmSourceMode } from "./types";

describe("guessMapping", () => {
  test("RFM, one row per customer, Chinese textbook headers", () => {
    expect(guessMapping(["客户编号", "客户名称", "最近购买日期", "消费次数", "消费金额"], "rfm")).toEqual({
      mapping: { customer: 0, lastDate: 2, frequency: 3, monetary: 4 },
      mode: "customers",
      missing: [],
    });
    expect(guessMapping(["客户", "最近消费天数", "消费频率", "金额"], "rfm").mapping).toEqual({ customer: 0, recency: 1, frequency: 2, monetary: 3 });
  });

  test("RFM, a shop's member export: 最后下单日期 and 下单次数 are the last purchase and the frequency (one row per customer, not transactions)", () => {
    expect(guessMapping(["会员号", "会员名称", "最后下单日期", "下单次数", "实付金额（元）"], "rfm")).toEqual({
      mapping: { customer: 0, lastDate: 2, frequency: 3, monetary: 4 },
      mode: "customers",
      missing: [],
    });
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

  test("RFM for a source mode the person chose: the guess of that mode, not the mode the headers suggest", () => {
    // Transaction headers, but the person says the rows are customers: the monetary column is found, frequency and recency are not.
    expect(guessMapping(["客户编号", "交易日期", "金额"], "rfm", { rfmMode: "customers" })).toEqual({ mapping: { customer: 0, monetary: 2 }, mode: "customers", missing: ["frequency", "recency"] });
    // Customer headers read as transactions: the last purchase date is the date, the spend the amount.
    expect(guessMapping(["客户编号", "最近购买日期", "消费次数", "消费金额"], "rfm", { rfmMode: "transactions" })).toEqual({ mapping: { customer: 0, date: 1, amount: 3 }, mode: "transactions", missing: [] });
    // Without a mode the headers still decide.
    expect(guessMapping(["客户编号", "交易日期", "金额"], "rfm").mode).toBe("transactions");
  });

  test("a mode change keeps the fields of the mapping in use that the new mode has (the person's customer column)", () => {
    const info = { headers: ["编号", "客户名称", "交易日期", "金额"] };
    expect(guessMapping(info, "rfm", { rfmMode: "transactions" }).mapping).toEqual({ customer: 1, date: 2, amount: 3 });
    const inUse = { customer: 0, date: 2, amount: 3 }; // the person picked column A as the customer
    expect(guessMapping(info, "rfm", { rfmMode: "customers", keep: inUse })).toEqual({ mapping: { customer: 0, monetary: 3 }, mode: "customers", missing: ["frequency", "recency"] });
    expect(guessMapping(info, "rfm", { rfmMode: "transactions", keep: { customer: 0, monetary: 3 } }).mapping).toEqual({ customer: 0, date: 2, amount: 3 });
    // A kept column outside the headers is guessed afresh.
    expect(guessMapping(info, "rfm", { rfmMode: "transactions", keep: { customer: 9 } }).mapping).toEqual({ customer: 1, date: 2, amount: 3 });
  });

  test("property: for a chosen mode the guess has that mode, only its fields, and no column twice", () => {
    const pool = ["客户编号", "最近购买日期", "最近消费天数", "消费次数", "消费金额", "交易日期", "金额", "Customer", "Amount", "Date", "Frequency", "备注", ""];
    const typed: GuessMapping = guessMapping;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<RfmSourceMode>("customers", "transactions"),
        fc.dictionary(fc.constantFrom("customer", "recency", "date", "amount", "monetary"), fc.integer({ min: -1, max: 9 })),
        (headers, rfmMode, keep) => {
          const guess = typed(headers, "rfm", { rfmMode, keep });
          expect(guess.mode).toBe(rfmMode);
          const allowed = new Set<string>(fieldsOf("rfm", rfmMode).map((f) => f.id));
          expect(Object.keys(guess.mapping).filter((f) => !allowed.has(f))).toEqual([]);
          const columns = Object.values(guess.mapping);
          expect(new Set(columns).size).toBe(columns.length);
          expect(columns.every((c) => c! >= 0 && c! < headers.length)).toBe(true);
        },
      ),
    );
  });
});

import fc from "fast-check";
import { isoToSerial } from "./dates";
import { CrmError } from "./errors";
import { Decimal } from "./money";
import { ColumnRows } from "./columns";
import { RFM_TABLE_HEADER, rfmTable } from "./rfm-table";

const d = (iso: string) => isoToSerial(iso) as number;

describe("rfmTable", () => {
  test("one row per customer in order of first appearance", () => {
    const asOf = d("2024-03-31");
    const t = rfmTable(
      ["B", "A", "B", 1001, "A", "B"],
      ["2024-01-10", d("2024-03-01"), "2024-03-30", "2023-12-31", "2024-02-15", d("2024-02-01")],
      [100, 20.5, 0.1, 999.99, 0.2, 50],
      asOf,
    );
    expect(t.ids).toEqual(["B", "A", 1001]);
    expect(Array.from(t.frequency)).toEqual([3, 2, 1]);
    expect(Array.from(t.monetary)).toEqual([150.1, 20.7, 999.99]);
    expect(Array.from(t.last)).toEqual([d("2024-03-30"), d("2024-03-01"), d("2023-12-31")]);
    expect(Array.from(t.first)).toEqual([d("2024-01-10"), d("2024-02-15"), d("2023-12-31")]);
    expect(Array.from(t.recency)).toEqual([1, 30, 91]);
  });

  test("sums are exact decimals: 0.1 + 0.2 is 0.3", () => {
    const t = rfmTable(["x", "x"], [1, 2], [0.1, 0.2], 10);
    expect(t.monetary[0]).toBe(0.3);
  });

  test("amounts with more decimals fall back to Decimal and stay exact", () => {
    const amounts = [0.001, 0.0001, 1e-7, 0.1 + 0.2];
    const t = rfmTable(["x", "x", "x", "x"], [1, 1, 1, 1], amounts, 10);
    expect(t.monetary[0]).toBe(amounts.reduce((a, x) => a.plus(x), new Decimal(0)).toNumber());
  });

  test("ids are kept and grouped exactly: no trimming, 1001 ≠ \"1001\", case matters", () => {
    const t = rfmTable([1001, "1001", "a", "A", "a "], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], 1);
    expect(t.ids).toEqual([1001, "1001", "a", "A", "a "]);
  });

  test("a transaction on as_of has recency 0; one after it is an error naming the row", () => {
    expect(rfmTable(["a"], [5], [1], 5).recency[0]).toBe(0);
    expect(() => rfmTable(["a", "b"], [5, 6], [1, 1], 5)).toThrow(/dates row 2.*after as_of/);
  });

  test("dates with a time of day are compared with as_of by their day; recency is whole days between the dates", () => {
    // as_of =TODAY() (2024-03-31): an order at 10:00 today is on as_of, one yesterday evening a day before
    const t = rfmTable(["a", "b", "b"], ["2024-03-31 10:00", "2024-03-30 21:15", 45375.5], [1, 2, 3], 45382);
    expect(Array.from(t.recency)).toEqual([0, 1]);
    expect(Array.from(t.last)).toEqual([45382 + 10 / 24, 45381 + 21.25 / 24]);
    expect(Array.from(t.first)).toEqual([45382 + 10 / 24, 45375.5]);
    // as_of =NOW() (2024-03-31 09:00): the same, a later hour of its day is not after it
    expect(Array.from(rfmTable(["a", "b"], ["2024-03-31 10:00", 45381], [1, 2], 45382.375).recency)).toEqual([0, 1]);
    expect(() => rfmTable(["a", "b"], ["2024-03-31 23:59", "2024-04-01 00:00"], [1, 1], 45382.99)).toThrow(/dates row 2: the transaction date 2024-04-01 is after as_of 2024-03-31/);
  });

  test.each([
    ["blank id", ["a", ""], [1, 1], [1, 1], /customer_ids row 2 is blank/],
    ["spaces-only id", ["a", "  "], [1, 1], [1, 1], /customer_ids row 2 is blank/],
    ["boolean id", [true, "a"], [1, 1], [1, 1], /customer_ids row 1: TRUE/],
    ["text date", ["a", "b"], [1, "soon"], [1, 1], /dates row 2: "soon" is not a date/],
    ["blank date", ["a", "b"], ["", 1], [1, 1], /dates row 1 is blank/],
    ["text amount", ["a", "b"], [1, 1], [1, "ten"], /amounts row 2 must be a number, not the text "ten"/],
    ["blank amount", ["a", "b"], [1, 1], [null, 1], /amounts row 1 is blank/],
  ])("the first bad row makes the whole result #VALUE!: %s", (_name, ids, dates, amounts, message) => {
    let error: unknown;
    try {
      rfmTable(ids, dates, amounts, 100);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).code).toBe("#VALUE!");
    expect((error as CrmError).message).toMatch(message);
  });

  test("the first bad row is named when there are several", () => {
    expect(() => rfmTable(["a", "", "b"], [1, 1, 200], [1, 1, 1], 100)).toThrow(/row 2/);
  });

  test("columns of different lengths and no rows are #VALUE!", () => {
    expect(() => rfmTable(["a"], [1, 2], [1], 5)).toThrow(/same number of rows/);
    expect(() => rfmTable([], [], [], 5)).toThrow(/no transactions/);
  });

  test("columns read in place (as Excel passes them), a mix of a column and lists, and lists give one table", () => {
    const ids = ["B", "A", "B", 1001];
    const dates = ["2024-01-10", d("2024-03-01"), "2024-03-30", "2023-12-31"];
    const amounts = [100, 20.5, 0.1, 999.99];
    const rows = (cells: unknown[], name: string) => new ColumnRows(cells.map((c) => [c]), name);
    const asOf = d("2024-03-31");
    const want = rfmTable(ids, dates, amounts, asOf);
    expect(rfmTable(rows(ids, "customer_ids"), rows(dates, "dates"), rows(amounts, "amounts"), asOf)).toEqual(want);
    expect(rfmTable(rows(ids, "customer_ids"), dates, rows(amounts, "amounts"), asOf)).toEqual(want);
  });

  test("a row of a column that is not one cell is #VALUE! naming the argument, whichever path reads it", () => {
    const ragged = new ColumnRows([[1], [2, 3]], "dates");
    const ids = new ColumnRows([["a"], ["b"]], "customer_ids");
    const amounts = new ColumnRows([[1], [2]], "amounts");
    expect(() => rfmTable(ids, ragged, amounts, 10)).toThrow(/dates must be a single row or column/);
    expect(() => rfmTable(["a", "b"], ragged, [1, 2], 10)).toThrow(/dates must be a single row or column/);
  });

  test("header labels in both languages", () => {
    expect(RFM_TABLE_HEADER.zh).toEqual(["客户", "最近消费天数", "消费次数", "消费金额", "首次消费", "最近消费"]);
    expect(RFM_TABLE_HEADER.en).toEqual(["Customer", "Recency (days)", "Frequency", "Monetary", "First purchase", "Last purchase"]);
  });

  test("property: totals equal Decimal sums and counts, whatever the row order", () => {
    const tx = fc.record({ id: fc.constantFrom("a", "b", "c", 7), date: fc.integer({ min: 40000, max: 45000 }), cents: fc.integer({ min: -100000, max: 100000 }) });
    fc.assert(
      fc.property(fc.array(tx, { minLength: 1, maxLength: 60 }), (rows) => {
        const t = rfmTable(
          rows.map((r) => r.id),
          rows.map((r) => r.date),
          rows.map((r) => r.cents / 100),
          45000,
        );
        t.ids.forEach((id, g) => {
          const mine = rows.filter((r) => r.id === id);
          expect(t.frequency[g]).toBe(mine.length);
          expect(t.monetary[g]).toBe(mine.reduce((a, r) => a.plus(r.cents / 100), new Decimal(0)).toNumber());
          expect(t.last[g]).toBe(Math.max(...mine.map((r) => r.date)));
          expect(t.first[g]).toBe(Math.min(...mine.map((r) => r.date)));
          expect(t.recency[g]).toBe(45000 - t.last[g]);
        });
        expect(t.ids).toEqual([...new Set(rows.map((r) => r.id))]);
      }),
      { numRuns: 200 },
    );
  });
});

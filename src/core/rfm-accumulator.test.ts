import fc from "fast-check";
import { Decimal } from "./money";
import { RfmAccumulator } from "./rfm-accumulator";
import { rfmTable } from "./rfm-table";

function accumulate(ids: unknown[], dates: unknown[], amounts: unknown[], asOf: number) {
  const acc = new RfmAccumulator(asOf);
  for (let i = 0; i < ids.length; i++) acc.add(ids[i], dates[i], amounts[i]);
  return acc.result();
}

describe("RfmAccumulator: CRM.RFMTABLE one transaction at a time", () => {
  test("a worked example: order of first appearance, exact sums, recency from the last purchase", () => {
    const t = accumulate(["A", "B", "A", 7], ["2024-03-01", 45300, "2024-03-20", 45382], [0.1, 5, 0.2, 1.005], 45382);
    expect(t.ids).toEqual(["A", "B", 7]);
    expect(Array.from(t.monetary)).toEqual([0.3, 5, 1.005]);
    expect(Array.from(t.frequency)).toEqual([2, 1, 1]);
    expect(Array.from(t.recency)).toEqual([45382 - 45371, 82, 0]);
  });

  test("property: equals a Map and Decimal on the same rows (cents, finer decimals, float artefacts, huge amounts)", () => {
    const amount = fc.oneof(
      fc.integer({ min: -100_000, max: 100_000 }).map((x) => x / 100),
      fc.integer({ min: 0, max: 10 ** 7 }).map((x) => x / 10 ** 6),
      fc.constant(0.1 + 0.2),
      fc.double({ min: -1e15, max: 1e15, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("A", "B", "c", "1001", 1001, "Z z"), fc.integer({ min: 44000, max: 45382 }), amount), { minLength: 1, maxLength: 80 }), (rows) => {
        const ids = rows.map((r) => r[0]);
        const dates = rows.map((r) => r[1]);
        const amounts = rows.map((r) => r[2]);
        const t = accumulate(ids, dates, amounts, 45382);
        const want = new Map<unknown, { first: number; last: number; count: number; sum: Decimal }>();
        rows.forEach(([id, d, x]) => {
          const c = want.get(id) ?? { first: d, last: d, count: 0, sum: new Decimal(0) };
          want.set(id, { first: Math.min(c.first, d), last: Math.max(c.last, d), count: c.count + 1, sum: c.sum.plus(x) });
        });
        expect(t.ids).toEqual([...want.keys()]);
        const w = [...want.values()];
        expect(Array.from(t.first)).toEqual(w.map((c) => c.first));
        expect(Array.from(t.last)).toEqual(w.map((c) => c.last));
        expect(Array.from(t.recency)).toEqual(w.map((c) => 45382 - c.last));
        expect(Array.from(t.frequency)).toEqual(w.map((c) => c.count));
        expect(Array.from(t.monetary)).toEqual(w.map((c) => c.sum.toNumber() + 0));
        // CRM.RFMTABLE is this accumulator over the rows
        expect(rfmTable(ids, dates, amounts, 45382)).toEqual(t);
      }),
    );
  });

  test("the first bad row stops with rfmTable's message", () => {
    const acc = new RfmAccumulator(45382);
    acc.add("A", "2024-01-01", 3);
    expect(() => acc.add(" ", "2024-01-01", 3)).toThrow(/customer_ids row 2 is blank/);
    expect(() => new RfmAccumulator(45382).add("A", "2024-04-01", 1)).toThrow(/dates row 1: the transaction date 2024-04-01 is after as_of 2024-03-31/);
    expect(() => new RfmAccumulator(45382).result()).toThrow(/there are no transactions/);
  });

  test("sums beyond the largest number are the #NUM! naming the customer, as rfmTable, never Infinity", () => {
    const ids = ["A", "B", "A"];
    const dates = [45000, 45001, 45002];
    const amounts = [1.5e308, 1, 1.5e308];
    const acc = new RfmAccumulator(45382);
    for (let i = 0; i < 3; i++) acc.add(ids[i], dates[i], amounts[i]);
    expect(() => acc.result()).toThrow(expect.objectContaining({ code: "#NUM!", message: expect.stringMatching(/^amounts of customer "A": the result is beyond the largest number/) }));
    expect(() => rfmTable(ids, dates, amounts, 45382)).toThrow(/^amounts of customer "A": the result is beyond/);
    const negative = new RfmAccumulator(45382);
    negative.add(7, 45000, -1.2e308);
    negative.add(7, 45000, -1.2e308);
    expect(() => negative.result()).toThrow(/amounts of customer 7: the result is beyond/);
  });
});

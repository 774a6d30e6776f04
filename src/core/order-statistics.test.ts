import fc from "fast-check";
import { orderStatistics } from "./order-statistics";

const bySort = (xs: number[], ranks: number[]) => {
  const sorted = Float64Array.from(xs).sort();
  return ranks.map((k) => sorted[k]);
};

describe("orderStatistics", () => {
  test("picks the k-th smallest values", () => {
    expect(Array.from(orderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4, 2]))).toEqual([1, 3, 5, 3]);
  });

  test("patterns that defeat simple pivots: sorted, reversed, organ pipe, all equal, two values", () => {
    const n = 5000;
    const patterns = [
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      new Array<number>(n).fill(7),
      Array.from({ length: n }, (_, i) => i % 2),
    ];
    const ranks = [0, 1, 999, 2500, 4000, 4999];
    for (const xs of patterns) expect(Array.from(orderStatistics(Float64Array.from(xs), ranks))).toEqual(bySort(xs, ranks));
  });

  test("a rank out of range is refused", () => {
    expect(() => orderStatistics(Float64Array.of(1, 2), [2])).toThrow(RangeError);
  });

  test("property: the same values as sorting, with many ties, on sizes that reach the partitioning", () => {
    const column = fc.oneof(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 400 }), fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 400 }));
    fc.assert(
      fc.property(column.chain((xs) => fc.tuple(fc.constant(xs), fc.array(fc.integer({ min: 0, max: xs.length - 1 }), { maxLength: 9 }))), ([xs, ranks]) => {
        // −0 and 0 are equal values: either may stand at a rank
        const got = Array.from(orderStatistics(Float64Array.from(xs), ranks), (x) => x + 0);
        expect(got).toEqual(bySort(xs, ranks).map((x) => x + 0));
      }),
      { numRuns: 500 },
    );
  });
});

import fc from "fast-check";
import { commonScale, exactSum, groupSums, prefixSums } from "./exact-sums";
import { Decimal } from "./money";

const decimalSum = (xs: number[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));

describe("exact sums", () => {
  test("the common scale is the most decimals any value has", () => {
    expect(commonScale([1, 2.5, 3.25])).toBe(100);
    expect(commonScale([1, 2])).toBe(1);
    expect(commonScale([0.1 + 0.2])).toBeUndefined();
    expect(commonScale([1e-9])).toBeUndefined();
    expect(commonScale([1e300])).toBeUndefined();
  });

  test("0.1 + 0.2 + 0.3 is 0.6", () => {
    expect(exactSum([0.1, 0.2, 0.3]).toNumber()).toBe(0.6);
    expect(Array.from(groupSums([0.1, 5, 0.2], [0, 1, 0], 2))).toEqual([0.3, 5]);
  });

  test("prefix sums, scaled and Decimal paths", () => {
    for (const xs of [[1.5, 2.25, 3], [1e-9, 2, 3]]) {
      const p = prefixSums(xs);
      expect(p.before(0).toNumber()).toBe(0);
      expect(p.before(2).eq(decimalSum(xs.slice(0, 2)))).toBe(true);
      expect(p.total.eq(decimalSum(xs))).toBe(true);
    }
  });

  test("property: always the Decimal sum, for cents and for arbitrary doubles", () => {
    const amount = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100),
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), (xs) => {
        expect(exactSum(xs).eq(decimalSum(xs))).toBe(true);
        const groups = xs.map((_, i) => i % 3);
        const sums = groupSums(xs, groups, 3);
        for (let g = 0; g < 3; g++) expect(sums[g]).toBe(decimalSum(xs.filter((_, i) => i % 3 === g)).toNumber() + 0);
      }),
      { numRuns: 300 },
    );
  });
});

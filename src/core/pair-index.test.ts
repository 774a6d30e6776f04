import fc from "fast-check";
import { PairIndex } from "./pair-index";

describe("PairIndex", () => {
  test("numbers pairs in order of first appearance; 0 and −0 are one key, (a, b) and (b, a) two", () => {
    const index = new PairIndex();
    expect([index.indexOf(1, 2.5), index.indexOf(2.5, 1), index.indexOf(1, 2.5), index.indexOf(0, -0), index.indexOf(-0, 0)]).toEqual([0, 1, 0, 2, 2]);
    expect(index.size).toBe(3);
    expect(Array.from(index.firsts())).toEqual([1, 2.5, 0]);
    expect(Array.from(index.seconds())).toEqual([2.5, 1, -0]);
  });

  test("keeps its numbers as the table grows: 50,000 pairs (x, T) looked up again in reverse", () => {
    const index = new PairIndex();
    for (let i = 0; i < 50_000; i++) expect(index.indexOf(i % 30, Math.floor(i / 30) / 7)).toBe(i);
    for (let i = 49_999; i >= 0; i--) expect(index.indexOf(i % 30, Math.floor(i / 30) / 7)).toBe(i);
    expect(index.size).toBe(50_000);
  });

  test("property: the same numbers as a Map of Maps gives, through growth (thousands of pairs)", () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.integer({ min: 0, max: 5000 }).map((k) => k / 7), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 6000 }), (pairs) => {
        const index = new PairIndex();
        const plain = new Map<number, Map<number, number>>();
        let next = 0;
        for (const [a, b] of pairs) {
          let byB = plain.get(a);
          if (!byB) plain.set(a, (byB = new Map()));
          let k = byB.get(b);
          if (k === undefined) byB.set(b, (k = next++));
          expect(index.indexOf(a, b)).toBe(k);
        }
        expect(index.size).toBe(next);
      }),
      { numRuns: 30 },
    );
  });
});

import fc from "fast-check";
import { CrmError } from "./errors";
import { breakpoints, checkBins, populationScores, rfmBreaks, rfmCode, rfmOutput, RfmColumns, scoreAgainst, scoreRfm, scoreWithBreaks } from "./rfm";

/** The contract's rule as written: 1 + floor(bins · c / n), c counted by a scan (the test oracle). */
function ruleScores(values: number[], bins: number, better: "higher" | "lower"): number[] {
  const n = values.length;
  return values.map((v) => {
    const c = values.filter((w) => (better === "higher" ? w < v : w > v)).length;
    return 1 + Math.floor((bins * c) / n);
  });
}

const columns = (recency: number[], frequency: number[], monetary: number[]): RfmColumns => ({ recency, frequency, monetary });

describe("RFM scoring rule, worked by hand", () => {
  // recency 10: 3 customers are older (40, 40, 200) → 1 + floor(5·3/5) = 4; and so on.
  const input = columns([10, 40, 40, 200, 5], [3, 1, 5, 1, 8], [300, 50, 800, 20, 1200]);

  test("five customers, five bins", () => {
    const s = scoreRfm(input);
    expect(Array.from(s.r)).toEqual([4, 2, 2, 1, 5]);
    expect(Array.from(s.f)).toEqual([3, 1, 4, 1, 5]);
    expect(Array.from(s.m)).toEqual([3, 2, 4, 1, 5]);
    expect(s.count).toBe(5);
    expect(rfmOutput(s, "code")).toEqual([433, 212, 244, 111, 555]);
    expect(rfmOutput(s, "sum")).toEqual([10, 5, 10, 3, 15]);
    expect(rfmOutput(s, "scores")[4]).toEqual([5, 5, 5]);
  });

  test("n not a multiple of bins: floor(bins·c/n)", () => {
    // monetary 10, 20, 20, 40: c = 0, 1, 1, 3 → 1, 1 + floor(5/4) = 2, 2, 1 + floor(15/4) = 4
    expect(Array.from(populationScores(Float64Array.of(10, 20, 20, 40), undefined, 5, "higher"))).toEqual([1, 2, 2, 4]);
    expect(Array.from(breakpoints(Float64Array.of(10, 20, 20, 40), undefined, 5, "higher"))).toEqual([10, 20, 20, 40]);
  });

  test("breakpoints: m-th smallest (recency: m-th largest), m = ceil(k·n/bins)", () => {
    const b = rfmBreaks(input);
    expect(Array.from(b.recency)).toEqual([200, 40, 40, 10]);
    expect(Array.from(b.frequency)).toEqual([1, 1, 3, 5]);
    expect(Array.from(b.monetary)).toEqual([20, 50, 300, 800]);
    expect(scoreAgainst(40, b.recency, "lower")).toBe(2);
    expect(scoreAgainst(5, b.recency, "lower")).toBe(5);
    expect(scoreAgainst(1200, b.monetary, "higher")).toBe(5);
    expect(scoreAgainst(20, b.monetary, "higher")).toBe(1);
  });

  test("equal values get equal scores", () => {
    const s = scoreRfm(columns([7, 7, 7, 7], [2, 2, 9, 9], [5, 5, 5, 5]), 3);
    expect(Array.from(s.r)).toEqual([1, 1, 1, 1]);
    expect(Array.from(s.f)).toEqual([1, 1, 2, 2]);
    expect(Array.from(s.m)).toEqual([1, 1, 1, 1]);
  });

  test("rfmCode", () => {
    expect(rfmCode(5, 4, 5)).toBe(545);
  });
});

describe("bad rows and shapes", () => {
  test("a bad row gets its own error and leaves the population", () => {
    const s = scoreRfm({ recency: [10, -1, 40, 5], frequency: [3, 1, new CrmError("#VALUE!", "frequency value 3 must be a number"), 8], monetary: [300, 50, 800, 1200] });
    expect([...s.errors.keys()]).toEqual([1, 2]);
    expect(s.errors.get(1)?.code).toBe("#NUM!");
    expect(s.errors.get(1)?.message).toMatch(/recency value 2 must not be negative/);
    expect(s.errors.get(2)?.message).toMatch(/frequency value 3/);
    expect(s.count).toBe(2);
    // the two valid rows ranked among themselves: recency 10 vs 5
    expect([s.r[0], s.r[3]]).toEqual([1, 3]);
    expect(s.r[1]).toBe(0);
  });

  test("negative monetary is allowed (returns), negative frequency is not", () => {
    const s = scoreRfm(columns([1, 2], [1, 2], [-50, 10]), 2);
    expect(s.errors.size).toBe(0);
    expect(Array.from(s.m)).toEqual([1, 2]);
    expect(scoreRfm(columns([1, 2], [-1, 2], [1, 1])).errors.get(0)?.code).toBe("#NUM!");
  });

  test("non-numbers are #VALUE! for their row", () => {
    const s = scoreRfm({ recency: [1, NaN, 3], frequency: [1, 1, 1], monetary: [1, 1, 1] });
    expect(s.errors.get(1)?.code).toBe("#VALUE!");
  });

  test("columns of different lengths, single customer and bins out of range", () => {
    expect(() => scoreRfm(columns([1, 2], [1], [1, 2]))).toThrow(/same number of rows/);
    expect(() => scoreRfm(columns([1], [1], [1]))).toThrow(/single customer/);
    expect(() => checkBins(1)).toThrow(CrmError);
    expect(() => checkBins(10)).toThrow(/2 to 9/);
    expect(() => checkBins(4.5)).toThrow(/whole number/);
    expect(checkBins(9)).toBe(9);
  });

  test("breakpoints score single customers", () => {
    const b = rfmBreaks(columns([10, 40, 40, 200, 5], [3, 1, 5, 1, 8], [300, 50, 800, 20, 1200]));
    const one = scoreWithBreaks(columns([5], [8], [20]), b);
    expect(rfmOutput(one, "code")).toEqual([551]);
  });

  test("breakpoints of unequal rows are #VALUE!", () => {
    expect(() => scoreWithBreaks(columns([1], [1], [1]), { recency: Float64Array.of(1, 2), frequency: Float64Array.of(1), monetary: Float64Array.of(1, 2) })).toThrow(/same number of thresholds/);
  });
});

// Small integer ranges make many ties, where off-by-one mistakes in the rule would show.
const tiedValues = (n: number) => fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n });
const population = fc.integer({ min: 2, max: 40 }).chain((n) => fc.tuple(tiedValues(n), tiedValues(n), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: n, maxLength: n })));
const binsArb = fc.integer({ min: 2, max: 9 });

describe("properties", () => {
  test("population scores follow the rule as written (many ties)", () => {
    fc.assert(
      fc.property(population, binsArb, ([r, f, m], bins) => {
        const s = scoreRfm(columns(r, f, m), bins);
        expect(Array.from(s.r)).toEqual(ruleScores(r, bins, "lower"));
        expect(Array.from(s.f)).toEqual(ruleScores(f, bins, "higher"));
        expect(Array.from(s.m)).toEqual(ruleScores(m.map((x) => x + 0), bins, "higher"));
      }),
      { numRuns: 300 },
    );
  });

  test("each row scored alone with RFMBREAKS reproduces the population scores exactly", () => {
    const withBadRows = population.chain(([r, f, m]) => fc.tuple(fc.constant(r), fc.constant(f), fc.constant(m), fc.array(fc.boolean(), { minLength: r.length, maxLength: r.length })));
    fc.assert(
      fc.property(withBadRows, binsArb, ([r, f, m, bad], bins) => {
        // some rows blank or negative: both forms must leave them out alike
        const rr: (number | CrmError)[] = r.map((x, i) => (bad[i] && i % 2 ? -1 : x));
        const ff: (number | CrmError)[] = f.map((x, i) => (bad[i] && i % 2 === 0 ? new CrmError("#VALUE!", "blank") : x));
        const input = { recency: rr, frequency: ff, monetary: m };
        if (!bad.every(Boolean)) {
          const population = scoreRfm(input, bins);
          const alone = scoreWithBreaks(input, rfmBreaks(input, bins));
          expect(Array.from(alone.r)).toEqual(Array.from(population.r));
          expect(Array.from(alone.f)).toEqual(Array.from(population.f));
          expect(Array.from(alone.m)).toEqual(Array.from(population.m));
          expect([...alone.errors.keys()]).toEqual([...population.errors.keys()]);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("row order does not change any customer's scores", () => {
    const permuted = population.chain(([r, f, m]) => fc.tuple(fc.constant([r, f, m] as const), fc.shuffledSubarray([...r.keys()], { minLength: r.length, maxLength: r.length })));
    fc.assert(
      fc.property(permuted, binsArb, ([[r, f, m], order], bins) => {
        const a = scoreRfm(columns(r, f, m), bins);
        const b = scoreRfm(columns(order.map((i) => r[i]), order.map((i) => f[i]), order.map((i) => m[i])), bins);
        order.forEach((i, j) => {
          expect([b.r[j], b.f[j], b.m[j]]).toEqual([a.r[i], a.f[i], a.m[i]]);
        });
      }),
      { numRuns: 200 },
    );
  });

  test("equal values always get equal scores, and a larger value never a lower score", () => {
    fc.assert(
      fc.property(population, binsArb, ([, f], bins) => {
        const s = populationScores(Float64Array.from(f), undefined, bins, "higher");
        for (let i = 0; i < f.length; i++) {
          for (let j = 0; j < f.length; j++) {
            if (f[i] === f[j]) expect(s[i]).toBe(s[j]);
            if (f[i] > f[j]) expect(s[i]).toBeGreaterThanOrEqual(s[j]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  test("no input throws anything but a CrmError, and scores stay within 1..bins", () => {
    const cell = fc.oneof(fc.double(), fc.integer(), fc.constant(-0), fc.string(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant(new CrmError("#VALUE!", "x")));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 30 }), fc.integer({ min: -2, max: 12 }), (rows, bins) => {
        const input = { recency: rows.map((r) => r[0]), frequency: rows.map((r) => r[1]), monetary: rows.map((r) => r[2]) } as unknown as RfmColumns;
        try {
          const s = scoreRfm(input, bins);
          for (let i = 0; i < rows.length; i++) {
            if (s.errors.has(i)) continue;
            for (const x of [s.r[i], s.f[i], s.m[i]]) {
              expect(x).toBeGreaterThanOrEqual(1);
              expect(x).toBeLessThanOrEqual(bins);
            }
          }
          const b = rfmBreaks(input, bins);
          for (const t of [b.recency, b.frequency, b.monetary]) for (const x of t) expect(Number.isFinite(x)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CrmError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("populationScores: counted (whole numbers in a narrow span) and selected paths agree with the rule", () => {
  const withMask = (values: fc.Arbitrary<number[]>) =>
    values.chain((v) => fc.tuple(fc.constant(v), fc.array(fc.boolean(), { minLength: v.length, maxLength: v.length })));
  const check = (values: number[], mask: boolean[], bins: number, better: "higher" | "lower") => {
    const valid = Uint8Array.from(mask, (b) => (b ? 1 : 0));
    const kept = values.filter((_, i) => mask[i]);
    const expected = ruleScores(kept, bins, better);
    const got = populationScores(Float64Array.from(values), valid, bins, better);
    let j = 0;
    values.forEach((_, i) => expect(got[i]).toBe(mask[i] ? expected[j++] : 0));
  };
  const arbs = {
    "few whole numbers": fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 120 }),
    "whole numbers with negatives": fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 1, maxLength: 120 }),
    "whole numbers wider than the counted span": fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(70_000)), { minLength: 1, maxLength: 80 }),
    "cents with ties": fc.array(fc.integer({ min: 0, max: 8 }).map((c) => c / 100), { minLength: 1, maxLength: 120 }),
  };
  for (const [name, arb] of Object.entries(arbs)) {
    test(name, () => {
      fc.assert(
        fc.property(withMask(arb), binsArb, fc.constantFrom<"higher" | "lower">("higher", "lower"), ([values, mask], bins, better) => check(values, mask, bins, better)),
        { numRuns: 300 },
      );
    });
  }
});

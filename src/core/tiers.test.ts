import fc from "fast-check";
import { CrmError } from "./errors";
import { Decimal } from "./money";
import { abcClass, churn, csi, DEFAULT_PYRAMID_SHARES, loyaltyType, pyramid, pyramidTiers, PYRAMID_TIERS, retention, VALUE_MATRIX, valueMatrix } from "./tiers";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof CrmError) return e.code;
    throw e;
  }
  return undefined;
}

/** ABC as the contract words it: stable sort, largest first, share of those above vs the limits (the test oracle). */
function abcReference(values: number[], a: number, b: number): string[] {
  const positive = values.map((v, i) => ({ v, i })).filter((x) => x.v > 0);
  positive.sort((x, y) => y.v - x.v || x.i - y.i);
  const total = positive.reduce((s, x) => s.plus(x.v), new Decimal(0));
  const out = values.map(() => "C");
  let above = new Decimal(0);
  for (const x of positive) {
    const share = above.div(total);
    out[x.i] = share.lt(a) ? "A" : share.lt(b) ? "B" : "C";
    above = above.plus(x.v);
  }
  return out;
}

describe("ABC", () => {
  test("worked example: share above 0.8 exactly is no longer A", () => {
    // ranked 500, 300, 100, 50, 30, 20 of 1000: shares above 0, .5, .8, .9, .95, .98
    expect(abcClass([100, 500, 20, 300, 50, 30])).toEqual(["B", "A", "C", "A", "B", "C"]);
  });

  test("decimal shares: 0.7 + 0.1 is exactly 0.8 of 1.0", () => {
    expect(abcClass([0.7, 0.1, 0.1, 0.1])).toEqual(["A", "A", "B", "B"]);
  });

  test("ties keep row order", () => {
    expect(abcClass([10, 10, 10, 10], 0.5, 0.75)).toEqual(["A", "A", "B", "C"]);
  });

  test("zero and negative values are C and do not count in the total", () => {
    expect(abcClass([100, 0, -50, 100], 0.5, 0.9)).toEqual(["A", "C", "C", "B"]);
    expect(abcClass([0, -1])).toEqual(["C", "C"]);
  });

  test("bad rows get their own error and leave the total", () => {
    // total 100 + 50 + 50 = 200 without the bad row: shares above 0, 0.5, 0.75
    const out = abcClass([100, new CrmError("#VALUE!", "values value 2 must be a number"), 50, 50], 0.6, 0.7);
    expect(out[0]).toBe("A");
    expect((out[1] as CrmError).code).toBe("#VALUE!");
    expect(out.slice(2)).toEqual(["A", "C"]);
  });

  test("shares out of range, a_share above b_share and a single cell", () => {
    expect(codeOf(() => abcClass([1, 2], 1.2))).toBe("#NUM!");
    expect(codeOf(() => abcClass([1, 2], 0.9, 0.8))).toBe("#NUM!");
    expect(codeOf(() => abcClass([1]))).toBe("#VALUE!");
  });

  test("property: matches the contract's wording with ties, zeros and negatives; money compared exactly", () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 8 }), fc.integer({ min: 0, max: 100000 }).map((c) => c / 100));
    const share = fc.integer({ min: 0, max: 100 }).map((x) => x / 100);
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 50 }), share, share, (values, x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        expect(abcClass(values, a, b)).toEqual(abcReference(values, a, b));
      }),
      { numRuns: 500 },
    );
  });
});

describe("pyramid", () => {
  test("100 customers: 1 VIP, 4 major, 15 ordinary, 80 small, by rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => (i * 37) % 100); // 0..99 shuffled
    const out = pyramid(values);
    const count = (label: string) => out.filter((x) => x === label).length;
    expect([count("VIP客户"), count("主要客户"), count("普通客户"), count("小客户")]).toEqual([1, 4, 15, 80]);
    expect(out[values.indexOf(99)]).toBe("VIP客户");
    expect(out[values.indexOf(95)]).toBe("主要客户");
    expect(out[values.indexOf(94)]).toBe("普通客户");
    expect(out[values.indexOf(79)]).toBe("小客户");
    expect(pyramid(values, DEFAULT_PYRAMID_SHARES, "en")[values.indexOf(99)]).toBe("VIP");
  });

  test("10 customers: rank 1 is 10% of 10, beyond the 5% of VIP and major", () => {
    const tiers = pyramidTiers([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).tiers;
    expect(Array.from(tiers)).toEqual([2, 2, 3, 3, 3, 3, 3, 3, 3, 3]);
  });

  test("equal values share the best rank", () => {
    // 100 equal values are all rank 1 of 100 (1% ≤ VIP's 1%); 3 equal values are rank 1 of 3 (33%: small)
    expect(new Set(pyramid(new Array(100).fill(5), DEFAULT_PYRAMID_SHARES, "en"))).toEqual(new Set(["VIP"]));
    expect(pyramid([5, 5, 5], DEFAULT_PYRAMID_SHARES, "en")).toEqual(["Small", "Small", "Small"]);
    expect(pyramid([9, 5, 5, 1], [0.25, 0.25, 0.25, 0.25], "en")).toEqual(["VIP", "Major", "Major", "Small"]);
  });

  test("own shares, which must be four fractions adding up to 1", () => {
    expect(pyramid([4, 3, 2, 1], [0.25, 0.25, 0.25, 0.25], "en")).toEqual(["VIP", "Major", "Ordinary", "Small"]);
    expect(codeOf(() => pyramid([1, 2], [0.5, 0.5, 0.5, 0.5]))).toBe("#NUM!");
    expect(codeOf(() => pyramid([1, 2], [0.5, 0.5, 0]))).toBe("#VALUE!");
    expect(codeOf(() => pyramid([1, 2], [1.5, -0.5, 0, 0]))).toBe("#NUM!");
    expect(codeOf(() => pyramid([1]))).toBe("#VALUE!");
  });

  test("labels", () => {
    expect(PYRAMID_TIERS.map((t) => [t.label.zh, t.label.en])).toEqual([
      ["VIP客户", "VIP"],
      ["主要客户", "Major"],
      ["普通客户", "Ordinary"],
      ["小客户", "Small"],
    ]);
  });

  test("property: rank k of n is in the first tier whose cumulative share ≥ k/n; order does not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 300 }), (values) => {
        const tiers = pyramidTiers(values).tiers;
        const n = values.length;
        values.forEach((v, i) => {
          const k = 1 + values.filter((w) => w > v).length;
          let cumulative = new Decimal(0);
          let expected = 3;
          for (let t = 0; t < 4; t++) {
            cumulative = cumulative.plus(DEFAULT_PYRAMID_SHARES[t]);
            if (cumulative.times(n).gte(k)) {
              expected = t;
              break;
            }
          }
          expect(tiers[i]).toBe(expected);
        });
        const reversed = pyramidTiers([...values].reverse()).tiers;
        expect(Array.from(reversed).reverse()).toEqual(Array.from(tiers));
      }),
      { numRuns: 200 },
    );
  });
});

describe("value matrix", () => {
  test("thresholds default to the means", () => {
    // means: current 250, potential 25
    expect(valueMatrix([100, 200, 300, 400], [10, 40, 20, 30])).toEqual(["观望型客户", "培养型客户", "维持型客户", "重要客户"]);
    expect(valueMatrix([100, 200, 300, 400], [10, 40, 20, 30], undefined, undefined, "en")).toEqual(["Reconsider", "Develop", "Maintain", "Key"]);
  });

  test("high means ≥ the exact mean (0.2 is the mean of 0.1, 0.2, 0.3)", () => {
    expect(valueMatrix([0.1, 0.2, 0.3], [1, 1, 1], undefined, undefined, "en")).toEqual(["Develop", "Key", "Key"]);
  });

  test("explicit thresholds, and a single cell needs them", () => {
    expect(valueMatrix([5], [5], 5, 6, "en")).toEqual(["Maintain"]);
    expect(codeOf(() => valueMatrix([5], [5], 5))).toBe("#VALUE!");
    expect(codeOf(() => valueMatrix([5, 6], [5]))).toBe("#VALUE!");
  });

  test("bad rows get their own error and stay out of the means", () => {
    const out = valueMatrix([100, new CrmError("#VALUE!", "x"), 300], [10, 1e9, 30], undefined, undefined, "en");
    expect(out[0]).toBe("Reconsider");
    expect((out[1] as CrmError).code).toBe("#VALUE!");
    expect(out[2]).toBe("Key");
  });

  test("labels", () => {
    expect(VALUE_MATRIX.map((q) => q.label.zh)).toEqual(["重要客户", "维持型客户", "培养型客户", "观望型客户"]);
  });
});

describe("retention and churn", () => {
  test("(end − new) / start and its complement, exactly", () => {
    expect(retention(100, 90, 20)).toBe(0.7);
    expect(churn(100, 90, 20)).toBe(0.3);
    expect(retention(3, 3, 2)).toBe(1 / 3);
    expect(churn(50, 50, 0)).toBe(0);
  });

  test.each([
    ["start 0", [0, 5, 5], "#DIV/0!"],
    ["new above end", [100, 10, 20], "#NUM!"],
    ["end − new above start", [100, 150, 20], "#NUM!"],
    ["negative", [100, -1, 0], "#NUM!"],
  ])("%s", (_name, [s, e, n], code) => {
    expect(codeOf(() => retention(s, e, n))).toBe(code);
    expect(codeOf(() => churn(s, e, n))).toBe(code);
  });
});

describe("loyalty types", () => {
  test("2 × 2, high means ≥ threshold", () => {
    expect(loyaltyType([0.5, 0.2, 0.8, 0.1], [0.5, 0.8, 0.2, 0.1])).toEqual(["超值忠诚", "激励忠诚", "潜在忠诚", "价格忠诚"]);
    expect(loyaltyType([0.5, 0.2, 0.8, 0.1], [0.5, 0.8, 0.2, 0.1], 0.5, "en")).toEqual(["True loyalty", "Incentive loyalty", "Latent loyalty", "Price loyalty"]);
    expect(loyaltyType([0.6], [0.6], 0.7, "en")).toEqual(["Price loyalty"]);
  });

  test("scores outside 0..1 are #NUM! for their row; a bad threshold for the call", () => {
    const out = loyaltyType([1.5, 0.5], [0.5, 0.5]);
    expect((out[0] as CrmError).code).toBe("#NUM!");
    expect((out[0] as CrmError).message).toMatch(/attachment value 1/);
    expect(out[1]).toBe("超值忠诚");
    expect(codeOf(() => loyaltyType([0.5], [0.5], 2))).toBe("#NUM!");
    expect(codeOf(() => loyaltyType([0.5, 0.5], [0.5]))).toBe("#VALUE!");
  });
});

describe("CSI", () => {
  test("weighted mean as a percentage of the scale", () => {
    expect(csi([8, 6, 9], [0.5, 0.3, 0.2])).toBe(76);
    expect(csi([4, 5], [1, 1], 5)).toBe(90);
    expect(csi([7], [3])).toBe(70);
  });

  test("errors", () => {
    expect(codeOf(() => csi([8, 6], [1]))).toBe("#VALUE!");
    expect(codeOf(() => csi([8, 11], [1, 1]))).toBe("#NUM!");
    expect(codeOf(() => csi([8, 6], [1, -1]))).toBe("#NUM!");
    expect(codeOf(() => csi([8, 6], [0, 0]))).toBe("#DIV/0!");
    expect(codeOf(() => csi([8], [1], 0))).toBe("#NUM!");
  });

  test("property: the index stays within 0..100", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0.001, max: 100, noNaN: true })), { minLength: 1, maxLength: 20 }), (rows) => {
        const x = csi(rows.map((r) => r[0]), rows.map((r) => r[1]));
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(100);
      }),
    );
  });
});

import fc from "fast-check";
import { clv, clvPerpetuity, clvSchedule, clvSimple, retentionImpact } from "./clv";
import { CrmError } from "./errors";

const cents = (x: number) => Math.round(x * 100) / 100;

describe("clv: the textbook's worked examples", () => {
  test("model 1, revenue only: 1000 a year for 10 years at 8% → 6710.08", () => {
    expect(cents(clv({ rate: 0.08, periods: 10, revenue: 1000 }))).toBe(6710.08);
  });

  test("model 3: cost 100, acquisition 500, first purchase 3000 → 8539.07", () => {
    expect(cents(clv({ rate: 0.08, periods: 10, revenue: 1000, cost: 100, acquisitionCost: 500, firstPurchase: 3000 }))).toBe(8539.07);
  });

  test("customers A and B: the ranking flips once service cost is counted", () => {
    const a = clv({ rate: 0.08, periods: 10, revenue: 500 });
    const b = clv({ rate: 0.08, periods: 10, revenue: 550 });
    const aNet = clv({ rate: 0.08, periods: 10, revenue: 500, cost: 200 });
    const bNet = clv({ rate: 0.08, periods: 10, revenue: 550, cost: 300 });
    expect([a, b, aNet, bNet].map(cents)).toEqual([3355.04, 3690.54, 2013.02, 1677.52]);
    expect(b).toBeGreaterThan(a);
    expect(aNet).toBeGreaterThan(bNet);
  });

  const fourYears = { rate: 0.2, revenue: [8000, 4500, 5000, 5200], cost: [1000, 1200, 1300, 1400], acquisitionCost: 5000, firstPurchase: 0, retention: [0.9, 0.8, 0.6, 0.3] };

  test("four years with retention probabilities → 3917.82; cash at the start → 5701.39", () => {
    expect(cents(clv(fourYears))).toBe(3917.82);
    expect(cents(clv({ ...fourYears, timing: 1 }))).toBe(5701.39);
  });

  test("the schedule shows each period and ends in the CLV", () => {
    const s = clvSchedule(fourYears);
    expect(s.periods.map((p) => p.t)).toEqual([1, 2, 3, 4]);
    expect(s.periods.map((p) => p.margin)).toEqual([7000, 3300, 3700, 3800]);
    expect(cents(s.periods[0].presentValue)).toBe(5250);
    expect(s.upfront).toBe(-5000);
    expect(s.periods[3].runningTotal).toBe(s.clv);
    expect(s.clv).toBe(clv(fourYears));
    expect(s.totals).toMatchObject({ revenue: 22700, cost: 4900, margin: 17800 });
    expect(s.totals.presentValue).toBeCloseTo(s.clv + 5000, 9);
  });

  test("a constant retention rate r gives survival r^(t − timing)", () => {
    const s = clvSchedule({ rate: 0.1, periods: 3, revenue: 100, retention: 0.5 });
    expect(s.periods.map((p) => p.survival)).toEqual([0.5, 0.25, 0.125]);
    const s1 = clvSchedule({ rate: 0.1, periods: 3, revenue: 100, retention: 0.5, timing: 1 });
    expect(s1.periods.map((p) => p.survival)).toEqual([1, 0.5, 0.25]);
  });

  test("perpetuity: 100 margin, 80% retention, 10% rate → 266.67; timing 1 → 366.67", () => {
    expect(cents(clvPerpetuity(100, 0.8, 0.1))).toBe(266.67);
    expect(cents(clvPerpetuity(100, 0.8, 0.1, 0, 1))).toBe(366.67);
    expect(cents(clvPerpetuity(100, 0.8, 0.1, 50))).toBe(216.67);
  });

  test("simple: 200 × 4 × 5 × 25% − 300 = 700", () => {
    expect(clvSimple(200, 4, 5, 0.25, 300)).toBe(700);
    expect(clvSimple(100, 2, 3)).toBe(600);
  });

  test("money is decimal: 0.1 + 0.2 style drift does not appear", () => {
    expect(clv({ rate: 0, periods: 3, revenue: 0.1 })).toBe(0.3);
  });
});

describe("clv: bad input is an Excel error, never a wrong number", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return e instanceof CrmError ? e.code : `uncaught ${String(e)}`;
    }
    return "no error";
  };
  test.each([
    ["rate −100%", () => clv({ rate: -1, periods: 1, revenue: 1 }), "#NUM!"],
    ["periods 0", () => clv({ rate: 0.1, periods: 0, revenue: 1 }), "#NUM!"],
    ["periods 1.5", () => clv({ rate: 0.1, periods: 1.5, revenue: 1 }), "#NUM!"],
    ["periods missing with one revenue", () => clv({ rate: 0.1, revenue: 1 }), "#VALUE!"],
    ["revenue of another length", () => clv({ rate: 0.1, periods: 3, revenue: [1, 2] }), "#VALUE!"],
    ["retention list of another length", () => clv({ rate: 0.1, revenue: [1, 2], retention: [0.5, 0.5, 0.5] }), "#VALUE!"],
    ["retention 1.5", () => clv({ rate: 0.1, periods: 2, revenue: 1, retention: 1.5 }), "#NUM!"],
    ["retention −0.1 in a list", () => clv({ rate: 0.1, revenue: [1, 2], retention: [0.5, -0.1] }), "#NUM!"],
    ["perpetuity retention 1", () => clvPerpetuity(100, 1, 0.1), "#NUM!"],
    ["perpetuity that does not converge", () => clvPerpetuity(100, 0.9, -0.1), "#NUM!"],
    ["simple with negative periods", () => clvSimple(1, 1, -1), "#NUM!"],
  ])("%s", (_name, fn, expected) => {
    expect(code(fn)).toBe(expected);
  });
});

describe("clv: properties", () => {
  const money = fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true });
  const rate = fc.double({ min: -0.99, max: 5, noNaN: true, noDefaultInfinity: true });
  const prob = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });

  test("any valid input gives a finite number; anything else a CrmError, never NaN or another exception", () => {
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: -2, max: 40 }), fc.array(fc.double(), { minLength: 0, maxLength: 12 }), fc.option(fc.double(), { nil: undefined }), fc.constantFrom(0, 1, 2), (r, n, revenue, retention, timing) => {
        try {
          const v = clv({ rate: r, periods: n, revenue: revenue.length ? revenue : 1, retention, timing: timing as 0 | 1 });
          expect(Number.isFinite(v) || Math.abs(v) === Infinity).toBe(true);
          expect(Number.isNaN(v)).toBe(false);
        } catch (e) {
          expect(e).toBeInstanceOf(CrmError);
        }
      }),
    );
  });

  test("CLV is linear in a constant margin: doubling revenue and cost doubles the periodic part", () => {
    fc.assert(
      fc.property(rate, fc.integer({ min: 1, max: 30 }), money, money, (d, n, rev, cost) => {
        const one = clv({ rate: d, periods: n, revenue: rev, cost });
        const two = clv({ rate: d, periods: n, revenue: 2 * rev, cost: 2 * cost });
        // Inputs enter decimal arithmetic through their shortest decimal text, and 2·x's text is not
        // always twice x's in the last digit: the tolerance scales with the inputs, not the (possibly
        // cancelled) result.
        const scale = clv({ rate: d, periods: n, revenue: Math.abs(rev) + Math.abs(cost) });
        expect(Math.abs(two - 2 * one)).toBeLessThanOrEqual(1e-12 * Math.max(1, scale));
      }),
    );
  });

  test("a constant retention rate and the equivalent list of survivals give the same CLV", () => {
    fc.assert(
      fc.property(rate, fc.integer({ min: 2, max: 15 }), money, prob, fc.constantFrom(0, 1), (d, n, rev, r, timing) => {
        const list = Array.from({ length: n }, (_, i) => r ** (i + 1 - timing));
        const a = clv({ rate: d, periods: n, revenue: rev, retention: r, timing: timing as 0 | 1 });
        const b = clv({ rate: d, periods: n, revenue: rev, retention: list, timing: timing as 0 | 1 });
        expect(a).toBeCloseTo(b, 6);
      }),
    );
  });

  test("the schedule's last running total is the CLV, for any valid input", () => {
    fc.assert(
      fc.property(rate, fc.array(money, { minLength: 1, maxLength: 20 }), money, money, (d, revenue, ac, p0) => {
        const s = clvSchedule({ rate: d, revenue, acquisitionCost: ac, firstPurchase: p0 });
        expect(s.periods).toHaveLength(revenue.length);
        expect(s.periods[s.periods.length - 1].runningTotal).toBe(s.clv);
      }),
    );
  });

  test("the perpetuity is the limit of the finite CLV with the same constant retention", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.constantFrom(0, 1), (d, r, timing) => {
        const finite = clv({ rate: d, periods: 1200, revenue: 100, retention: r, timing: timing as 0 | 1 });
        expect(clvPerpetuity(100, r, d, 0, timing)).toBeCloseTo(finite, 2);
      }),
      { numRuns: 40 },
    );
    // 40 decimal CLVs of 1,200 periods: 2 s on an idle machine, more under a full test run.
  }, 30_000);
});

describe("retentionImpact: 5% more retention, 25–85% more profit", () => {
  test("the contract's example: margin 100, retention 80% → 85%, rate 10% → 0.275", () => {
    expect(retentionImpact(100, 0.8, 0.1, 0.85)).toBe(0.275);
    // 266.67 → 340.00
    expect(clvPerpetuity(100, 0.85, 0.1) / clvPerpetuity(100, 0.8, 0.1) - 1).toBeCloseTo(0.275, 12);
  });

  test("timing 1 and an acquisition cost change both values", () => {
    expect(retentionImpact(100, 0.8, 0.1, 0.85, 0, 1)).toBeCloseTo((110 / 0.25) / (110 / 0.3) - 1, 12);
    expect(retentionImpact(100, 0.8, 0.1, 0.85, 100)).toBeCloseTo(240 / (800 / 3 - 100) - 1, 12);
  });

  test("errors: as CLVPERPETUITY, naming new_retention; CLV_old 0 is #DIV/0!", () => {
    expect(() => retentionImpact(100, 0.8, 0.1, 1)).toThrow(expect.objectContaining({ code: "#NUM!", message: expect.stringMatching(/new_retention must be at least 0 and below 1/) }));
    expect(() => retentionImpact(100, 1.2, 0.1, 0.8)).toThrow(expect.objectContaining({ code: "#NUM!", message: expect.stringMatching(/^retention/) }));
    expect(() => retentionImpact(100, 0.5, 0, 0.6, 100)).toThrow(expect.objectContaining({ code: "#DIV/0!" }));
  });

  test("property: more retention means more value for a positive margin, and the impact of no change is 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.integer({ min: 0, max: 98 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 30 }), (m, r, dr, d) => {
        const before = r / 100;
        const after = Math.min(0.99, before + dr / 100);
        fc.pre(before > 0);
        expect(retentionImpact(m, before, d / 100, before)).toBe(0);
        expect(retentionImpact(m, before, d / 100, after)).toBeGreaterThan(0);
      }),
    );
  });
});

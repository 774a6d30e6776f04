import Decimal from "decimal.js";
import fc from "fast-check";
import { hyp2f1, log1pExp, logAddExp, logHyp2f1Pareto, logistic, logSubExp } from "./special";

describe("log-space helpers", () => {
  test("worked values", () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
    expect(logSubExp(1, 1)).toBe(-Infinity);
    expect(log1pExp(1000)).toBe(1000);
    expect(logistic(1e6)).toBe(0);
    expect(logistic(-Infinity)).toBe(1);
  });

  test("logistic: 1/(1 + e^x) within 5e-14 of the exact value (40 digits) over the whole range, and within 1e-14 of the log-space form it replaced", () => {
    expect([logistic(0), logistic(Infinity), logistic(800), logistic(-800)]).toEqual([0.5, 0, 0, 1]);
    const D = Decimal.clone({ precision: 40 });
    fc.assert(
      fc.property(fc.double({ min: -745, max: 700, noNaN: true }), (x) => {
        const exact = new D(1).div(new D(x).exp().plus(1)).toNumber();
        // (Math.exp itself is off by up to ~2e-14 for large x, in either form)
        expect(Math.abs(logistic(x) - exact)).toBeLessThanOrEqual(5e-14 * exact);
        const before = Math.exp(-log1pExp(x));
        expect(Math.abs(logistic(x) - before)).toBeLessThanOrEqual(1e-14 * before);
      }),
      { numRuns: 2000 },
    );
  });

  test("logHyp2f1Pareto equals ln 2F1(a, b; a + 1; z) where the direct value is representable (b < a + 1, as in both Pareto/NBD branches)", () => {
    // scipy.special.hyp2f1(3.159, 1.606, 4.159, 0.02611) = 1.0324961304713953
    expect(Math.exp(logHyp2f1Pareto(0.553 + 0.606 + 2, 0.606 + 1, (11.669 - 10.578) / (11.669 + 30.43)))).toBeCloseTo(1.0324961304713953, 13);
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 30, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), (a, share, z) => {
        const b = share * (a + 1);
        const direct = Math.log(hyp2f1(a, b, a + 1, z));
        expect(Math.abs(logHyp2f1Pareto(a, b, z) - direct)).toBeLessThan(1e-9 * Math.max(1, Math.abs(direct)));
      }),
      { numRuns: 200 },
    );
  });

  test("logHyp2f1Pareto stays finite where 2F1 itself overflows (a customer with 1,000 purchases)", () => {
    const v = logHyp2f1Pareto(1001.2, 1000.5, 0.6);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(700); // e^700 is beyond what the direct value could hold
  });
});

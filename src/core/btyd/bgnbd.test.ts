import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { foldHistories } from "./customers";
import { bgnbdConditional, bgnbdCustomerLogLikelihood, bgnbdExpected, bgnbdLogLikelihood, bgnbdPAlive, bgnbdProbability, fitBgnbd } from "./bgnbd";

const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW = path.resolve(__dirname, "../../../../shared/data/cdnow/cdnow_customers_summary.csv");
// a + b > 1: the closed form of E[X(t)] (2F1 with c = a + b − 1) needs it; below it the functions say #NUM!.
const params = fc
  .record({ r: fc.double({ min: 0.01, max: 20, noNaN: true }), alpha: fc.double({ min: 0.01, max: 200, noNaN: true }), a: fc.double({ min: 0.01, max: 20, noNaN: true }), b: fc.double({ min: 0.01, max: 20, noNaN: true }) })
  .filter((p) => p.a + p.b > 1.01);
const history = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1000, noNaN: true }))
  .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : Math.max(share * T, 1e-6), T }));

describe("BG/NBD worked numbers (Fader, Hardie & Lee 2005)", () => {
  test("customer 1 of CDNOW (x = 2, t_x = 30.43, T = 38.86): 1.226 purchases in 39 weeks; P(alive) 0.7266", () => {
    expect(bgnbdConditional(PUBLISHED, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    expect(bgnbdPAlive(PUBLISHED, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 4);
  });

  test("P(X(39) = 0) = 0.5737864; the probabilities of 0..400 purchases add up to 1", () => {
    expect(bgnbdProbability(PUBLISHED, 39, 0)).toBeCloseTo(0.5737864, 7);
    let total = 0;
    for (let n = 0; n <= 400; n++) total += bgnbdProbability(PUBLISHED, 39, n);
    expect(total).toBeCloseTo(1, 6);
  });

  test("x = 1000, t_x = 10, T = 100: P(alive) 0 and no expected purchases, not NaN", () => {
    expect(bgnbdPAlive(PUBLISHED, 1000, 10, 100)).toBe(0);
    expect(bgnbdConditional(PUBLISHED, 39, 1000, 10, 100)).toBe(0);
    expect(Number.isFinite(bgnbdConditional(PUBLISHED, 39, 1000, 99.9, 100))).toBe(true);
  });

  test("a + b ≤ 1 is a clear #NUM! for a customer without repeat purchases, never NaN", () => {
    expect(() => bgnbdExpected({ r: 1, alpha: 1, a: 0.3, b: 0.4 }, 10)).toThrow(/a \+ b > 1/);
    expect(Number.isFinite(bgnbdConditional({ r: 1, alpha: 1, a: 0.3, b: 0.4 }, 10, 2, 5, 10))).toBe(true);
  });

  test("a = 1 (a removable singularity) gives the limit of its neighbours", () => {
    const at = (a: number) => bgnbdExpected({ ...PUBLISHED, a }, 39);
    expect(at(1)).toBeCloseTo((at(1.001) + at(0.999)) / 2, 5);
  });

  test("fit on the CDNOW summary: the published estimates and log-likelihood −9582.4", () => {
    const rows = fs.readFileSync(CDNOW, "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    const h = foldHistories(rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]));
    expect(h.customers).toBe(2357);
    expect(h.x.length).toBeLessThan(2357); // equal histories are one weighted row
    const f = fitBgnbd(h);
    expect(f.converged).toBe(true);
    expect([f.params.r, f.params.alpha, f.params.a, f.params.b].map((v) => Number(v.toFixed(3)))).toEqual([0.243, 4.414, 0.793, 2.426]);
    expect(Number(f.logLikelihood.toFixed(1))).toBe(-9582.4);
  });
});

describe("BG/NBD properties", () => {
  test("P(alive) is a probability and expected purchases are finite and ≥ 0 for any history", () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0, max: 1200, noNaN: true }), (p, { x, tx, T }, t) => {
        const alive = bgnbdPAlive(p, x, tx, T);
        expect(alive >= 0 && alive <= 1).toBe(true);
        const e = bgnbdConditional(p, t, x, tx, T);
        expect(Number.isFinite(e) && e >= -1e-9).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("E[X(t)] grows with t", () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0.01, max: 500, noNaN: true }), (p, t) => {
        expect(bgnbdExpected(p, t * 2) + 1e-9).toBeGreaterThanOrEqual(bgnbdExpected(p, t));
      }),
      { numRuns: 200 },
    );
  });

  test("folding equal histories into weights does not change the log-likelihood", () => {
    fc.assert(
      fc.property(params, fc.array(history, { minLength: 1, maxLength: 20 }), (p, hs) => {
        const doubled = [...hs, ...hs];
        const h = foldHistories(doubled.map((c) => c.x), doubled.map((c) => c.tx), doubled.map((c) => c.T));
        const direct = doubled.reduce((s, c) => s + bgnbdCustomerLogLikelihood(p, c.x, c.tx, c.T), 0);
        expect(bgnbdLogLikelihood(p, h)).toBeCloseTo(direct, 6);
      }),
      { numRuns: 100 },
    );
  });
});

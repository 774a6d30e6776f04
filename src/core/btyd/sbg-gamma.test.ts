import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { isoToSerial } from "../dates";
import { expectedValue, fitGammaGamma, foldSpend } from "./gamma-gamma";
import { repeatSummary } from "./repeat-summary";
import { fitSbg, sbgRetention, sbgSurvival } from "./sbg";

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];
const ab = fc.record({ alpha: fc.double({ min: 0.01, max: 50, noNaN: true }), beta: fc.double({ min: 0.01, max: 50, noNaN: true }) });

describe("sBG (Fader & Hardie 2007)", () => {
  test("the regular and high-end cohorts, years 0–7: α 0.704, β 1.182 and α 0.668, β 3.806", () => {
    const round = (f: ReturnType<typeof fitSbg>) => [f.params.alpha, f.params.beta].map((v) => Number(v.toFixed(3)));
    expect(round(fitSbg(REGULAR))).toEqual([0.704, 1.182]);
    expect(round(fitSbg(HIGH_END))).toEqual([0.668, 3.806]);
    expect(fitSbg(REGULAR).converged).toBe(true);
  });

  test("projection: the regular cohort's survival at year 12 from the 7-year fit is near the 173 observed", () => {
    const { params } = fitSbg(REGULAR);
    expect(1000 * sbgSurvival(params, 12)).toBeGreaterThan(150);
    expect(1000 * sbgSurvival(params, 12)).toBeLessThan(200);
  });

  test("properties: S(t) is the product of the retention rates; survival falls and retention rises", () => {
    fc.assert(
      fc.property(ab, fc.integer({ min: 1, max: 60 }), (p, t) => {
        let product = 1;
        for (let k = 1; k <= t; k++) product *= sbgRetention(p, k);
        expect(sbgSurvival(p, t)).toBeCloseTo(product, 9);
        expect(sbgSurvival(p, t)).toBeLessThanOrEqual(sbgSurvival(p, t - 1));
        expect(sbgRetention(p, t + 1)).toBeGreaterThanOrEqual(sbgRetention(p, t));
      }),
      { numRuns: 200 },
    );
  });

  test("survivor counts that rise, or no churn at all, are errors", () => {
    expect(() => fitSbg([1000, 631, 700])).toThrow(/never rise/);
    expect(() => fitSbg([1000, 1000])).toThrow(/no churn/);
  });
});

describe("Gamma-Gamma", () => {
  test("CDNOW's 946 repeat buyers, mean values exact from the log: p 6.25, q 3.74, v 15.44", () => {
    const log = fs.readFileSync(path.resolve(__dirname, "../../../../shared/data/cdnow/CDNOW_sample.txt"), "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
    const s = repeatSummary({ ids: log.map((l) => l[1]), dates: log.map((l) => `${l[2].slice(0, 4)}-${l[2].slice(4, 6)}-${l[2].slice(6)}`), amounts: log.map((l) => Number(l[4])), asOf: isoToSerial("1997-09-30")!, holdoutEnd: isoToSerial("1998-06-30")!, periodDays: 7 });
    const f = fitGammaGamma(foldSpend(Array.from(s.x), Array.from(s.meanValue!)));
    expect(f.customers).toBe(946);
    expect(f.converged).toBe(true);
    expect([f.params.p, f.params.q, f.params.v].map((v) => Number(v.toFixed(2)))).toEqual([6.25, 3.74, 15.44]);
    // The summary file's zbar, rounded to cents, moves v to 15.448 (lifetimes prints 15.45 from it).
    const file = path.resolve(__dirname, "../../../../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv");
    const rows = fs.readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
    expect(fitGammaGamma(foldSpend(rows.map((r) => r[1]), rows.map((r) => r[4]))).params.v).toBeCloseTo(15.448, 3);
  });

  test("the expected value lies between the customer's mean and the population mean", () => {
    const gg = { p: 6.25, q: 3.74, v: 15.44 };
    const population = expectedValue(gg, 0, 0);
    expect(population).toBeCloseTo(35.22, 2);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 1e5, noNaN: true }), (x, m) => {
        const e = expectedValue(gg, x, m);
        expect(e).toBeGreaterThanOrEqual(Math.min(m, population) - 1e-9);
        expect(e).toBeLessThanOrEqual(Math.max(m, population) + 1e-9);
      }),
    );
  });

  test("q ≤ 1 has no mean: #NUM!", () => {
    expect(() => expectedValue({ p: 1, q: 1, v: 1 }, 2, 3)).toThrow(/q > 1/);
  });
});

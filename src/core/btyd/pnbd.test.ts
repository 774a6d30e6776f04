import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { isoToSerial } from "../dates";
import { foldHistories } from "./customers";
import { repeatSummary } from "./repeat-summary";
import { pnbdConditional, pnbdLogLikelihood, pnbdCustomerLogLikelihood, pnbdExpected, pnbdPAlive } from "./pnbd";

const PUBLISHED = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const CDNOW = path.resolve(__dirname, "../../../../shared/data/cdnow/cdnow_customers_summary.csv");
const positive = (max: number) => fc.double({ min: 0.01, max, noNaN: true });
const params = fc.record({ r: positive(20), alpha: positive(200), s: positive(20), beta: positive(200) });
const history = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), positive(1000))
  .map(([x, share, T]) => ({ x, tx: x === 0 ? 0 : Math.max(share * T, 1e-6), T }));

describe("Pareto/NBD (Fader & Hardie's 2F1 likelihood)", () => {
  // The fit itself runs in the bundle tests (test/bundle/customer-base.test.ts): under jest's
  // module sandbox the same code runs tens of times slower than in Node or Excel.
  test("on the exact CDNOW summary the published point is the maximum: LL −9595.0, lower 0.5% away in each parameter", () => {
    const log = fs.readFileSync(path.join(path.dirname(CDNOW), "CDNOW_sample.txt"), "utf8").trim().split("\n").map((l) => l.trim().split(/\s+/));
    const s = repeatSummary({ ids: log.map((l) => l[1]), dates: log.map((l) => `${l[2].slice(0, 4)}-${l[2].slice(4, 6)}-${l[2].slice(6)}`), asOf: isoToSerial("1997-09-30")!, holdoutEnd: isoToSerial("1998-06-30")!, periodDays: 7 });
    const h = foldHistories(Array.from(s.x), Array.from(s.tx), Array.from(s.T));
    const best = { r: 0.553277, alpha: 10.577683, s: 0.60624, beta: 11.668742 };
    const ll = pnbdLogLikelihood(best, h);
    expect(Number(ll.toFixed(1))).toBe(-9595.0);
    for (const key of ["r", "alpha", "s", "beta"] as const) {
      for (const f of [0.995, 1.005]) expect(pnbdLogLikelihood({ ...best, [key]: best[key] * f }, h)).toBeLessThan(ll);
    }
  });

  test("worked numbers at the published parameters", () => {
    expect(pnbdExpected(PUBLISHED, 39)).toBeCloseTo(1.213, 3);
    expect(pnbdPAlive(PUBLISHED, 1000, 10, 100)).toBe(0);
    expect(pnbdConditional(PUBLISHED, 39, 1000, 10, 100)).toBe(0);
    expect(pnbdPAlive(PUBLISHED, 3, 38, 38)).toBe(1); // bought at T: alive for sure
  });

  test("the α ≥ β and α < β branches meet: the likelihood is continuous at α = β", () => {
    fc.assert(
      fc.property(params, history, (p, { x, tx, T }) => {
        const at = (alpha: number) => pnbdCustomerLogLikelihood({ ...p, alpha }, x, tx, T);
        const ll = at(p.beta);
        expect(Math.abs(at(p.beta * (1 + 1e-9)) - ll)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ll)));
        expect(Math.abs(at(p.beta * (1 - 1e-9)) - ll)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ll)));
      }),
      { numRuns: 150 },
    );
  });

  test("P(alive) is a probability and expected purchases are finite for any history", () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0, max: 1200, noNaN: true }), (p, { x, tx, T }, t) => {
        const alive = pnbdPAlive(p, x, tx, T);
        expect(alive >= 0 && alive <= 1).toBe(true);
        const e = pnbdConditional(p, t, x, tx, T);
        expect(Number.isFinite(e) && e >= 0).toBe(true);
        expect(Number.isFinite(pnbdCustomerLogLikelihood(p, x, tx, T))).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

import fc from "fast-check";
import { CrmError } from "../errors";
import { ConditionalPurchases, conditionalPurchases } from "./models";
import { ModelParams } from "./params";

const CDNOW_BGNBD: ModelParams = { model: "bgnbd", r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_PNBD: ModelParams = { model: "pnbd", r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

/** The plain rule per customer: the number, or the error it throws. */
function plain(p: ModelParams, t: number, x: number, tx: number, T: number): number | CrmError {
  try {
    return conditionalPurchases(p, t, x, tx, T);
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
}

describe("ConditionalPurchases (shared per x and T)", () => {
  test("worked example: CDNOW's BG/NBD, x = 2, t_x = 30.43, T = 38.86 expects 1.22603 in 39 weeks (the paper: 1.226), the same number alone and among others", () => {
    const shared = new ConditionalPurchases(CDNOW_BGNBD, 39);
    const alone = conditionalPurchases(CDNOW_BGNBD, 39, 2, 30.43, 38.86);
    expect(alone).toBeCloseTo(1.22603, 5);
    expect([shared.of(0, 0, 38.86), shared.of(2, 30.43, 38.86), shared.of(2, 12, 38.86), shared.of(2, 30.43, 38.86)]).toEqual([
      conditionalPurchases(CDNOW_BGNBD, 39, 0, 0, 38.86),
      alone,
      conditionalPurchases(CDNOW_BGNBD, 39, 2, 12, 38.86),
      alone,
    ]);
  });

  test("property: bit for bit the plain rule, for both models, through thousands of (x, T) pairs (−0 included)", () => {
    const whole = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(-0));
    const weeks = fc.integer({ min: 0, max: 78 * 7 }).map((d) => d / 7);
    const customer = fc.tuple(whole, weeks, weeks).map(([x, a, b]) => {
      const [tx, T] = a <= b ? [a, b] : [b, a];
      // A repeat buyer needs 0 < t_x ≤ T: with T = 0 too there is none, so that one is a week old.
      if (x !== 0 && T === 0) return { x, tx: 1 / 7, T: 1 / 7 };
      return { x, tx: x === 0 ? 0 : tx === 0 ? T : tx, T };
    });
    fc.assert(
      fc.property(fc.constantFrom(CDNOW_BGNBD, CDNOW_PNBD), fc.constantFrom(0, 1, 39, 52.5), fc.array(customer, { minLength: 1, maxLength: 3000 }), (p, t, cs) => {
        const shared = new ConditionalPurchases(p, t);
        for (const { x, tx, T } of [...cs, ...cs]) expect(shared.of(x, tx, T)).toBe(plain(p, t, x, tx, T));
      }),
      { numRuns: 20 },
    );
  });

  test("2,000 distinct (x, T) pairs (past the first table's size) keep their own expectations", () => {
    const shared = new ConditionalPurchases(CDNOW_BGNBD, 39);
    for (let k = 0; k < 2000; k++) expect(shared.of(k % 20, 1, 1 + k / 20)).toBe(conditionalPurchases(CDNOW_BGNBD, 39, k % 20, 1, 1 + k / 20));
    for (let k = 1999; k >= 0; k--) expect(shared.of(k % 20, 0.5, 1 + k / 20)).toBe(conditionalPurchases(CDNOW_BGNBD, 39, k % 20, 0.5, 1 + k / 20));
  });

  test("an expectation that is not defined (x = 0 when a + b ≤ 1) is that pair's error for every customer with it", () => {
    const p: ModelParams = { model: "bgnbd", r: 0.5, alpha: 2, a: 0.4, b: 0.5 };
    const shared = new ConditionalPurchases(p, 10);
    const first = shared.of(0, 0, 5);
    expect(first).toBeInstanceOf(CrmError);
    expect((first as CrmError).message).toBe((plain(p, 10, 0, 0, 5) as CrmError).message);
    expect(shared.of(0, 0, 5)).toBe(first);
    expect(shared.of(3, 2, 5)).toBe(conditionalPurchases(p, 10, 3, 2, 5));
  });
});

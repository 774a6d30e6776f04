import fc from "fast-check";
import { clv } from "./clv";
import { clvMigration, MAX_STATES } from "./migration";

const failsWith = (code: string, message: RegExp) => expect.objectContaining({ code, message: expect.stringMatching(message) });

describe("clvMigration: customer value in a migration model", () => {
  const P = [
    [0.8, 0.2],
    [0.3, 0.7],
  ];

  test("worked example: active/lapsed, 100 a period while active, 10%, 3 periods → 209.62 and 58.60", () => {
    // From state 1: 100/1.1 + 80/1.21 + 70/1.331 (P² row 1 = 0.70, 0.30).
    const [active, lapsed] = clvMigration({ transitions: P, rewards: [100, 0], rate: 0.1, periods: 3 });
    expect(active).toBeCloseTo(100 / 1.1 + 80 / 1.21 + 70 / 1.331, 9);
    expect([Math.round(active * 100) / 100, Math.round(lapsed * 100) / 100]).toEqual([209.62, 58.6]);
  });

  test("timing 1: rewards at the start of each period, one discount step less", () => {
    const end = clvMigration({ transitions: P, rewards: [100, 0], rate: 0.1, periods: 3 });
    const start = clvMigration({ transitions: P, rewards: [100, 0], rate: 0.1, periods: 3, timing: 1 });
    start.forEach((v, i) => expect(v).toBeCloseTo(end[i] * 1.1, 9));
  });

  test("property: with the identity matrix each state is a CLV annuity of its reward", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.array(fc.integer({ min: -1000, max: 5000 }), { minLength: 5, maxLength: 5 }), (k, n, rate, rs) => {
        const identity = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
        const values = clvMigration({ transitions: identity, rewards: rs.slice(0, k), rate, periods: n });
        values.forEach((v, i) => expect(v).toBeCloseTo(clv({ rate, periods: n, revenue: rs[i] }), 6));
      }),
      { numRuns: 60 },
    );
  });

  test("property: values are linear in the rewards and lie between n·min and n·max rewards when rate is 0", () => {
    // Rows of tenths that add up to 1: a/10, b/10, (10 − a − b)/10.
    const row = fc.integer({ min: 0, max: 10 }).chain((a) => fc.integer({ min: 0, max: 10 - a }).map((b) => [a / 10, b / 10, (10 - a - b) / 10]));
    const stochastic = fc.array(row, { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(stochastic, fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }), fc.integer({ min: 1, max: 24 }), (p, r, n) => {
        const v = clvMigration({ transitions: p, rewards: r, rate: 0, periods: n });
        const twice = clvMigration({ transitions: p, rewards: r.map((x) => 2 * x), rate: 0, periods: n });
        v.forEach((x, i) => {
          expect(twice[i]).toBeCloseTo(2 * x, 6);
          expect(x).toBeGreaterThanOrEqual(n * Math.min(...r) - 1e-6);
          expect(x).toBeLessThanOrEqual(n * Math.max(...r) + 1e-6);
        });
      }),
      { numRuns: 60 },
    );
  });

  test("errors name what is wrong", () => {
    const base = { transitions: P, rewards: [100, 0], rate: 0.1, periods: 3 };
    expect(() => clvMigration({ ...base, transitions: [[0.8, 0.2], [0.3, 0.6]] })).toThrow(failsWith("#NUM!", /row 2 must add up to 1/));
    expect(() => clvMigration({ ...base, transitions: [[1.2, -0.2], [0.3, 0.7]] })).toThrow(failsWith("#NUM!", /row 1, column 1 must be a probability/));
    expect(() => clvMigration({ ...base, transitions: [[0.8, 0.2]] })).toThrow(failsWith("#VALUE!", /square/));
    expect(() => clvMigration({ ...base, rewards: [1, 2, 3] })).toThrow(failsWith("#VALUE!", /rewards has 3 values but transitions has 2 states/));
    expect(() => clvMigration({ ...base, periods: 1201 })).toThrow(failsWith("#NUM!", /periods must be at most 1200/));
    expect(() => clvMigration({ ...base, periods: 2.5 })).toThrow(failsWith("#NUM!", /periods must be a whole number/));
    expect(() => clvMigration({ ...base, rate: -1 })).toThrow(failsWith("#NUM!", /rate/));
    const big = Array.from({ length: MAX_STATES + 1 }, (_, i) => Array.from({ length: MAX_STATES + 1 }, (_, j) => (i === j ? 1 : 0)));
    expect(() => clvMigration({ ...base, transitions: big, rewards: big.map(() => 1) })).toThrow(failsWith("#NUM!", new RegExp(`at most ${MAX_STATES} states`)));
  });

  test("the largest call (MAX_STATES states, 1200 periods) stays within a few seconds", () => {
    const k = MAX_STATES;
    const p = Array.from({ length: k }, () => Array.from({ length: k }, () => 1 / k));
    const started = Date.now();
    clvMigration({ transitions: p, rewards: p.map((_, i) => i), rate: 0.01, periods: 1200 });
    // About half a second on an idle machine; the bound leaves room for a loaded one.
    expect(Date.now() - started).toBeLessThan(10000);
  }, 30000);
});

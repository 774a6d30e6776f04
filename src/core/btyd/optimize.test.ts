import fc from "fast-check";
import { minimize, newtonMaximize } from "./optimize";

describe("minimize (Nelder–Mead with restarts)", () => {
  test("finds the Rosenbrock minimum (1, 1) and says it converged", () => {
    const m = minimize(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 5);
    expect(m.x[1]).toBeCloseTo(1, 5);
  });

  test("a function that is Infinity outside its domain is searched inside it", () => {
    const m = minimize(([x]) => (x <= 0 ? Infinity : x - Math.log(x)), [3]);
    expect(m.x[0]).toBeCloseTo(1, 6);
  });

  test("a budget too small to finish is reported as not converged", () => {
    const m = minimize(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { maxEvaluations: 30 });
    expect(m.converged).toBe(false);
    expect(m.evaluations).toBeLessThanOrEqual(31);
  });

  test("property: any convex quadratic in 1–4 dimensions is minimised at its centre", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })), { minLength: 1, maxLength: 4 }), (terms) => {
        const m = minimize((x) => terms.reduce((s, [c, w], i) => s + w * (x[i] - c) ** 2, 0), terms.map(() => 0));
        expect(m.converged).toBe(true);
        terms.forEach(([c], i) => expect(Math.abs(m.x[i] - c)).toBeLessThan(1e-4));
      }),
      { numRuns: 40 },
    );
  });
});

describe("newtonMaximize (damped Newton)", () => {
  // −(x − 1)² − 10 (y + 2)² − (x − 1)(y + 2): concave, its maximum at (1, −2)
  const quadratic = ([x, y]: number[]) => ({
    value: -((x - 1) ** 2) - 10 * (y + 2) ** 2 - (x - 1) * (y + 2),
    gradient: [-2 * (x - 1) - (y + 2), -20 * (y + 2) - (x - 1)],
    hessian: [
      [-2, -1],
      [-1, -20],
    ],
  });

  test("a concave quadratic: one step lands on the maximum, the next confirms it", () => {
    const m = newtonMaximize(quadratic, [1.5, -1.3]);
    expect(m.converged).toBe(true);
    expect(m.evaluations).toBe(2);
    expect(m.x[0]).toBeCloseTo(1, 12);
    expect(m.x[1]).toBeCloseTo(-2, 12);
  });

  test("from far away the steps are at most maxStep long, then Newton's", () => {
    const m = newtonMaximize(quadratic, [5, 7], { maxStep: 2 });
    expect(m.converged).toBe(true);
    expect(m.evaluations).toBeGreaterThanOrEqual(5); // (9 to go in y, 2 a step)
    expect(m.evaluations).toBeLessThanOrEqual(8);
    expect(m.x[1]).toBeCloseTo(-2, 12);
  });

  test("where the Hessian is not negative definite (x·e^(−x) from 4, past its inflection) the damping still climbs to x = 1", () => {
    const m = newtonMaximize(([x]) => ({ value: x * Math.exp(-x), gradient: [(1 - x) * Math.exp(-x)], hessian: [[(x - 2) * Math.exp(-x)]] }), [4]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 9);
  });

  test("a function that rises without end is reported not converged within the budget", () => {
    const m = newtonMaximize(([x]) => ({ value: x, gradient: [1], hessian: [[0]] }), [0], { maxEvaluations: 40 });
    expect(m.converged).toBe(false);
    expect(m.evaluations).toBeLessThanOrEqual(40);
  });
});

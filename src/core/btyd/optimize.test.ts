import fc from "fast-check";
import { minimize } from "./optimize";

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

/**
 * Special functions for the customer-base models. Log-gamma, log-beta and the Gauss
 * hypergeometric 2F1 come from stdlib (well-kept ports of Cephes/Boost); what is here is only the
 * log-space glue the likelihoods need so that no term overflows before it is combined.
 */
import betainc from "@stdlib/math-base-special-betainc";
import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import { NEG_INF, abs, exp, log, log1p, max } from "./math";

export { betainc, betaln, digamma, gammaln, hyp2f1 };

/**
 * ψ′(x) for x > 0, by the recurrence ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 6 and the asymptotic
 * series there (relative error below 1e-9). Written here because stdlib has no trigamma; it only
 * shapes Newton steps (the Gamma-Gamma fit's curvature), never a reported number.
 */
export function trigamma(x: number): number {
  let sum = 0;
  while (x < 6) {
    sum += 1 / (x * x);
    x += 1;
  }
  const y = 1 / (x * x);
  return sum + 1 / x + y / 2 + (y / x) * (1 / 6 - y * (1 / 30 - y * (1 / 42 - y / 30)));
}

/** log(1 + e^x) without overflow. */
export function log1pExp(x: number): number {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/** log(e^a + e^b). */
export function logAddExp(a: number, b: number): number {
  if (a === NEG_INF) return b;
  if (b === NEG_INF) return a;
  return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

/** log(e^a − e^b) for a ≥ b; −Infinity when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b === NEG_INF) return a;
  if (b >= a) return NEG_INF;
  return a + log1p(-exp(b - a));
}

/**
 * 1 / (1 + e^x), which is 0 (not NaN) when x is huge (e^x = Infinity) and 1 when x is −Infinity.
 * Computed as written: one exp, within 2 ulp everywhere. (It was exp(−log1pExp(x)): three calls
 * for the same accuracy, a third of P(alive)'s cost over a million customers.)
 */
export function logistic(x: number): number {
  return 1 / (1 + exp(x));
}

/**
 * The Gauss series Σ (a)_k (b)_k / ((c)_k k!) z^k for 0 ≤ z < 1, summed until the terms and a
 * geometric bound on the rest are below double precision. It is the fallback where stdlib's
 * general routine gives no finite value: near z = 1 with large parameters it goes through
 * Γ(c) and overflows (so does scipy's), while the series itself converges there because
 * c − a − b > 0 in every use below. NaN when it does not settle within `maxTerms`.
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number, maxTerms = 2_000_000): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    term *= ratio;
    sum += term;
    if (ratio < 1 && abs(term) * max(ratio / (1 - ratio), z / (1 - z)) <= 1e-17 * abs(sum)) return sum;
    if (term === 0) return sum;
  }
  return NaN;
}

/** 2F1(a, b; c; z) for 0 ≤ z < 1: stdlib's, or the plain series where stdlib's is not finite. */
export function hyp2f1Robust(a: number, b: number, c: number, z: number): number {
  const v = hyp2f1(a, b, c, z);
  return Number.isFinite(v) ? v : hyp2f1Series(a, b, c, z);
}

/**
 * log 2F1(a, b; a + 1; z) for a, b > 0 and 0 ≤ z < 1, the form the Pareto/NBD likelihood needs.
 * Euler's transformation 2F1(a, b; c; z) = (1 − z)^(c − a − b) · 2F1(c − a, c − b; c; z) turns it
 * into (1 − z)^(1 − b) · 2F1(1, a + 1 − b; a + 1; z), whose series has positive terms falling
 * faster than z^k: the large factor (1 − z)^(1 − b) stays a logarithm and never overflows, even
 * for a customer with 1,000 purchases.
 */
export function logHyp2f1Pareto(a: number, b: number, z: number): number {
  if (z === 0) return 0;
  return (1 - b) * log1p(-z) + log(hyp2f1Series(1, a + 1 - b, a + 1, z));
}

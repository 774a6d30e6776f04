/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while active a
 * customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase she drops out with
 * probability p ~ Beta(a, b). Everything is computed from logarithms; terms that depend on the
 * purchase count alone are computed once per distinct count.
 */
import { numError } from "../errors";
import { countIndex, Histories, repeatBuyers } from "./customers";
import { Fit, fitByLikelihood } from "./fit";
import { betainc, betaln, gammaln, hyp2f1Robust, logAddExp, logistic } from "./special";
import { NEG_INF, abs, exp, expm1, log, max } from "./math";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Total log-likelihood of the folded histories (Σ weight · ln L). */
export function bgnbdLogLikelihood(p: BgNbdParams, h: Histories, index = countIndex(h.x)): number {
  const { r, alpha, a, b } = p;
  const base = r * log(alpha) - gammaln(r) + gammaln(a + b) - gammaln(b);
  const lnA = log(a);
  const { counts, of } = index;
  const byCount = new Float64Array(counts.length);
  const dropOut = new Float64Array(counts.length);
  for (let k = 0; k < counts.length; k++) {
    const x = counts[k];
    byCount[k] = base + gammaln(r + x) + gammaln(b + x) - gammaln(a + b + x);
    dropOut[k] = x > 0 ? lnA - log(b + x - 1) : NEG_INF;
  }
  let total = 0;
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i];
    const rx = r + x;
    const k = of[i];
    const alive = -rx * log(alpha + h.T[i]);
    const ll = x > 0 ? logAddExp(alive, dropOut[k] - rx * log(alpha + h.tx[i])) : alive;
    total += h.w[i] * (byCount[k] + ll);
  }
  return total;
}

/** One customer's ln L (for teaching sheets and tests). */
export function bgnbdCustomerLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  return bgnbdLogLikelihood(p, { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T), w: Float64Array.of(1), customers: 1 });
}

function startingPoint(h: Histories): number[] {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < h.x.length; i++) {
    sx += h.w[i] * h.x[i];
    sT += h.w[i] * h.T[i];
  }
  // r = 1 and α such that r/α is the observed purchase rate; a = b = 1 (a flat dropout prior).
  return [1, max(sT / max(sx, 1e-9), 1e-3), 1, 1];
}

export function fitBgnbd(h: Histories, penalizer = 0): Fit<BgNbdParams> {
  if (repeatBuyers(h) < 2) throw numError("a BG/NBD fit needs at least 2 customers with x > 0");
  const index = countIndex(h.x);
  const toParams = ([r, alpha, a, b]: number[]): BgNbdParams => ({ r, alpha, a, b });
  const result = fitByLikelihood((v) => bgnbdLogLikelihood(toParams(v), h, index), startingPoint(h), h.customers, penalizer);
  return { params: toParams(result.params), logLikelihood: result.logLikelihood, customers: h.customers, converged: result.converged };
}

/** P(alive at T | x, t_x, T); 1 when x = 0, and 0 (never NaN) for histories that rule it out. */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return bgnbdPAliveFrom(bgnbdDropOut(p, x), p.r + x, log(p.alpha + T), p.alpha, tx);
}

/** ln(a/(b + x − 1)) of P(alive), the part that depends on x alone. */
export function bgnbdDropOut(p: BgNbdParams, x: number): number {
  return log(p.a) - log(p.b + x - 1);
}

/**
 * P(alive) of a repeat buyer from its parts: dropOut (bgnbdDropOut), r + x, ln(α + T), and t_x.
 * Customers who share x and T share the first three (computed once), and each costs only its
 * t_x: the same operations in the same order as bgnbdPAlive, so the same numbers.
 */
export function bgnbdPAliveFrom(dropOut: number, rx: number, logAge: number, alpha: number, tx: number): number {
  return logistic(dropOut + rx * (logAge - log(alpha + tx)));
}

/**
 * E[purchases in (0, t]] of a customer known to be alive, with λ ~ Gamma(R, A) and p ~ Beta(a, B):
 * (a + B − 1)/(a − 1) · [1 − (A/(A + t))^R · 2F1(R, B; a + B − 1; t/(A + t))]. Euler's
 * transformation writes (A/(A + t))^R · 2F1(…) as (A/(A + t))^(a − 1) · 2F1(a + B − 1 − R, a − 1;
 * a + B − 1; z), which stays finite for R in the thousands. a = 1 is a removable singularity.
 */
function aliveExpectation(R: number, A: number, a: number, B: number, t: number): number {
  if (t === 0) return 0;
  if (abs(a - 1) < 1e-7) return (aliveExpectation(R, A, 1 + 1e-5, B, t) + aliveExpectation(R, A, 1 - 1e-5, B, t)) / 2;
  const z = t / (A + t);
  const c = a + B - 1;
  // c ≤ 0 only for a customer without purchases (B = b) when a + b ≤ 1: outside what this closed form covers.
  if (!(c > 0)) throw numError(`expected purchases of a customer without repeat purchases need a + b > 1 (got a + b = ${a + B})`);
  const lnU = log(A) - log(A + t);
  const bracket = -expm1((a - 1) * lnU + log(hyp2f1Robust(c - R, a - 1, c, z)));
  const value = (c / (a - 1)) * bracket;
  if (!Number.isFinite(value)) throw numError(`the expected purchases are not finite for t = ${t}`);
  return value;
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired. */
export function bgnbdExpected(p: BgNbdParams, t: number): number {
  return aliveExpectation(p.r, p.alpha, p.a, p.b, t);
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t]. */
export function bgnbdConditional(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const alive = bgnbdPAlive(p, x, tx, T);
  if (alive === 0) return 0;
  return alive * aliveExpectation(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

/** The part of E[Y(t) | x, t_x, T] that does not depend on t_x: the expectation given alive. */
export function bgnbdAliveCurve(p: BgNbdParams, x: number, T: number): (t: number) => number {
  return (t) => aliveExpectation(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

/**
 * P(X(t) = n) (Fader, Hardie & Lee 2005, eq. 8). The bracket 1 − Σ_{j<n} NBD(j) is the upper
 * tail of the negative binomial, the regularised incomplete beta I_z(n, r): no cancellation.
 */
export function bgnbdProbability(p: BgNbdParams, t: number, n: number): number {
  const { r, alpha, a, b } = p;
  const lnB = betaln(a, b);
  if (t === 0) return n === 0 ? 1 : 0;
  const lnU = log(alpha) - log(alpha + t);
  const lnZ = log(t) - log(alpha + t);
  const first = betaln(a, b + n) - lnB + gammaln(r + n) - gammaln(r) - gammaln(n + 1) + r * lnU + n * lnZ;
  if (n === 0) return exp(first);
  const tail = betainc(t / (alpha + t), n, r);
  return exp(first) + exp(betaln(a + 1, b + n - 1) - lnB) * tail;
}

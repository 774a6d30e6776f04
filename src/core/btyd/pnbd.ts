/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases at Poisson rate λ ~ Gamma(r, α)
 * while alive, an exponential lifetime with rate μ ~ Gamma(s, β). The likelihood is the
 * Fader–Hardie (2005) form with the Gauss hypergeometric 2F1, in log space, taking the
 * α ≥ β or α < β branch so that the 2F1 argument is in [0, 1).
 */
import { numError } from "../errors";
import { countIndex, Histories, repeatBuyers } from "./customers";
import { Fit, fitByLikelihood } from "./fit";
import { gammaln, logAddExp, logHyp2f1Pareto, logistic, logSubExp } from "./special";
import { abs, expm1, log, log1p, max } from "./math";

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * ln A0 of the Fader–Hardie note: ln[2F1(…; z(t_x))/(m + t_x)^(r+s+x) − 2F1(…; z(T))/(m + T)^(r+s+x)]
 * with m = max(α, β); −Infinity when t_x = T.
 */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const [m, b] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const d = abs(alpha - beta);
  const rsx = r + s + x;
  const early = logHyp2f1Pareto(rsx, b, d / (m + tx)) - rsx * log(m + tx);
  const late = logHyp2f1Pareto(rsx, b, d / (m + T)) - rsx * log(m + T);
  return logSubExp(early, late);
}

/** ln of the part of L that is alive at T, and of the part that died in (t_x, T], both without the common factor. */
function parts(p: ParetoNbdParams, x: number, tx: number, T: number): { alive: number; dead: number } {
  const { r, alpha, s, beta } = p;
  return {
    alive: -(r + x) * log(alpha + T) - s * log(beta + T),
    dead: log(s) - log(r + s + x) + logA0(p, x, tx, T),
  };
}

/**
 * Which rows share the hypergeometric terms: the early term depends on (x, t_x) only and the late
 * one on (x, T), so a fit evaluates each distinct pair once per step instead of twice per row.
 */
export interface PnbdIndex {
  counts: ReturnType<typeof countIndex>;
  pairX: Float64Array;
  pairTime: Float64Array;
  earlyOf: Int32Array;
  lateOf: Int32Array;
}

export function pnbdIndex(h: Histories): PnbdIndex {
  const map = new Map<string, number>();
  const px: number[] = [];
  const pt: number[] = [];
  const pair = (x: number, time: number): number => {
    const key = `${x} ${time}`;
    let k = map.get(key);
    if (k === undefined) {
      k = px.length;
      map.set(key, k);
      px.push(x);
      pt.push(time);
    }
    return k;
  };
  const earlyOf = new Int32Array(h.x.length);
  const lateOf = new Int32Array(h.x.length);
  for (let i = 0; i < h.x.length; i++) {
    earlyOf[i] = pair(h.x[i], h.tx[i]);
    lateOf[i] = pair(h.x[i], h.T[i]);
  }
  return { counts: countIndex(h.x), pairX: Float64Array.from(px), pairTime: Float64Array.from(pt), earlyOf, lateOf };
}

export function pnbdLogLikelihood(p: ParetoNbdParams, h: Histories, index = pnbdIndex(h)): number {
  const { r, alpha, s, beta } = p;
  const base = -gammaln(r) + r * log(alpha) + s * log(beta);
  const byCount = Float64Array.from(index.counts.counts, (x) => base + gammaln(r + x));
  const alphaBig = alpha >= beta;
  const m = alphaBig ? alpha : beta;
  const d = abs(alpha - beta);
  const term = new Float64Array(index.pairX.length);
  for (let k = 0; k < term.length; k++) {
    const x = index.pairX[k];
    const rsx = r + s + x;
    const q = m + index.pairTime[k];
    term[k] = logHyp2f1Pareto(rsx, alphaBig ? s + 1 : r + x, d / q) - rsx * log(q);
  }
  const lnS = log(s);
  let total = 0;
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i];
    const alive = -(r + x) * log(alpha + h.T[i]) - s * log(beta + h.T[i]);
    const dead = lnS - log(r + s + x) + logSubExp(term[index.earlyOf[i]], term[index.lateOf[i]]);
    total += h.w[i] * (byCount[index.counts.of[i]] + logAddExp(alive, dead));
  }
  return total;
}

export function pnbdCustomerLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return pnbdLogLikelihood(p, { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T), w: Float64Array.of(1), customers: 1 });
}

export function fitPnbd(h: Histories, penalizer = 0): Fit<ParetoNbdParams> {
  if (repeatBuyers(h) < 2) throw numError("a Pareto/NBD fit needs at least 2 customers with x > 0");
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < h.x.length; i++) {
    sx += h.w[i] * h.x[i];
    sT += h.w[i] * h.T[i];
  }
  const meanT = sT / h.customers;
  const index = pnbdIndex(h);
  const toParams = ([r, alpha, s, beta]: number[]): ParetoNbdParams => ({ r, alpha, s, beta });
  // r = s = 1, α from the observed purchase rate, β from the mean age: a lifetime of about T.
  const start = [1, max(sT / max(sx, 1e-9), 1e-3), 1, max(meanT, 1e-3)];
  const result = fitByLikelihood((v) => pnbdLogLikelihood(toParams(v), h, index), start, h.customers, penalizer);
  return { params: toParams(result.params), logLikelihood: result.logLikelihood, customers: h.customers, converged: result.converged };
}

/** P(alive at T | x, t_x, T) = 1 / (1 + dead/alive). */
export function pnbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { alive, dead } = parts(p, x, tx, T);
  return logistic(dead - alive);
}

/** [1 − (B/(B + t))^(s − 1)] / (s − 1), and its limit ln(1 + t/B) at s = 1. */
function lifetimeFactor(s: number, B: number, t: number): number {
  const lnQ = log1p(t / B);
  if (abs(s - 1) < 1e-10) return lnQ;
  return -expm1(-(s - 1) * lnQ) / (s - 1);
}

/** E[X(t)] = r·β/α · [1 − (β/(β + t))^(s − 1)]/(s − 1). */
export function pnbdExpected(p: ParetoNbdParams, t: number): number {
  return ((p.r * p.beta) / p.alpha) * lifetimeFactor(p.s, p.beta, t);
}

/** E[Y(t) | x, t_x, T] = (r + x)(β + T)/(α + T) · [1 − ((β + T)/(β + T + t))^(s − 1)]/(s − 1) · P(alive). */
export function pnbdConditional(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  const alive = pnbdPAlive(p, x, tx, T);
  if (alive === 0) return 0;
  return alive * pnbdAliveCurve(p, x, T)(t);
}

export function pnbdAliveCurve(p: ParetoNbdParams, x: number, T: number): (t: number) => number {
  return (t) => (((p.r + x) * (p.beta + T)) / (p.alpha + T)) * lifetimeFactor(p.s, p.beta + T, t);
}

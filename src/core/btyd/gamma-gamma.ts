/**
 * Gamma-Gamma model of spend per purchase occasion (Fader, Hardie & Lee 2005, "RFM and CLV";
 * Colombo & Jiang 1999): each occasion's value ~ Gamma(p, ν), ν ~ Gamma(q, v) across customers.
 * Fitted on the repeat buyers' x and mean repeat value m; it assumes spend does not depend on
 * purchase frequency, which the fit reports as the correlation of x and m.
 */
import { isNumberColumn, NumberColumn } from "../columns";
import { Cell, CrmError, numError, valueError } from "../errors";
import { PairIndex } from "../pair-index";
import { Fit, fitByLikelihood } from "./fit";
import { Curvature, newtonMaximize } from "./optimize";
import { digamma, gammaln, trigamma } from "./special";
import { exp, log, max, sqrt } from "./math";

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface SpendRows {
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  customers: number;
}

/** Cells as a column: numbers kept as they are (the checks below judge them), errors apart. */
function cellColumn(cells: readonly Cell<number>[] | NumberColumn): NumberColumn {
  if (isNumberColumn(cells)) return cells;
  const values = new Float64Array(cells.length);
  const errors = new Map<number, CrmError>();
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c instanceof CrmError) errors.set(i, c);
    else values[i] = c;
  }
  return { values, errors };
}

/** The customers with x > 0, equal (x, m) folded in order of first appearance; x = 0 rows are left out; bad rows are #VALUE! naming them. */
export function foldSpend(xCells: readonly Cell<number>[] | NumberColumn, mCells: readonly Cell<number>[] | NumberColumn): SpendRows {
  const xc = cellColumn(xCells);
  const mc = cellColumn(mCells);
  const n = xc.values.length;
  if (n !== mc.values.length) throw valueError(`x and mean_value must have the same number of rows (got ${n} and ${mc.values.length})`);
  const [x, m] = [xc.values, mc.values];
  const checkCells = xc.errors.size > 0 || mc.errors.size > 0;
  const pairs = new PairIndex();
  const counts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const mi = m[i];
    if (checkCells && xc.errors.has(i)) throw xc.errors.get(i);
    if (!(xi >= 0) || !Number.isInteger(xi)) throw valueError(`x row ${i + 1}: ${xi} is not a whole number ≥ 0`);
    if (xi === 0) continue;
    if (checkCells && mc.errors.has(i)) throw mc.errors.get(i);
    if (!(mi > 0)) throw valueError(`mean_value row ${i + 1}: a repeat buyer's mean value must be > 0, not ${mi}`);
    counts[pairs.indexOf(xi, mi)]++;
  }
  const k = pairs.size;
  const w = counts.slice(0, k);
  let customers = 0;
  for (let j = 0; j < k; j++) customers += w[j];
  return { x: pairs.firsts().slice(0, k), m: pairs.seconds().slice(0, k), w, customers };
}

/**
 * What the likelihood needs of the rows apart from the parameters, computed once per fold: log m
 * and log x per row, and each row's x as an index into the distinct x (a few dozen), so that an
 * evaluation costs two gammaln per distinct x and one log per row. The same numbers as computing
 * them in place: the log-likelihood is bit for bit what the plain formula gives.
 */
interface SpendTerms {
  logM: Float64Array;
  logX: Float64Array;
  xOf: Int32Array;
  distinct: Float64Array;
}

const termsOf = new WeakMap<SpendRows, SpendTerms>();

function spendTerms(rows: SpendRows): SpendTerms {
  let t = termsOf.get(rows);
  if (t) return t;
  const n = rows.x.length;
  const at = new Map<number, number>();
  const xOf = new Int32Array(n);
  const logM = new Float64Array(n);
  const logX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let k = at.get(rows.x[i]);
    if (k === undefined) at.set(rows.x[i], (k = at.size));
    xOf[i] = k;
    logM[i] = log(rows.m[i]);
    logX[i] = log(rows.x[i]);
  }
  t = { logM, logX, xOf, distinct: Float64Array.from(at.keys()) };
  termsOf.set(rows, t);
  return t;
}

export function gammaGammaLogLikelihood({ p, q, v }: GammaGammaParams, rows: SpendRows): number {
  const base = -gammaln(q) + q * log(v);
  const { logM, logX, xOf, distinct } = spendTerms(rows);
  const gammaPxq = new Float64Array(distinct.length);
  const gammaPx = new Float64Array(distinct.length);
  for (let k = 0; k < distinct.length; k++) {
    const px = p * distinct[k];
    gammaPxq[k] = gammaln(px + q);
    gammaPx[k] = gammaln(px);
  }
  let total = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const x = rows.x[i];
    const m = rows.m[i];
    const px = p * x;
    const k = xOf[i];
    total += rows.w[i] * (base + gammaPxq[k] - gammaPx[k] + (px - 1) * logM[i] + px * logX[i] - (px + q) * log(x * m + v));
  }
  return total;
}

/** Pearson correlation of x and m over the repeat buyers (weighted), 0 when either does not vary. */
export function spendCorrelation(rows: SpendRows): number {
  let n = 0;
  let sx = 0;
  let sm = 0;
  for (let i = 0; i < rows.x.length; i++) {
    n += rows.w[i];
    sx += rows.w[i] * rows.x[i];
    sm += rows.w[i] * rows.m[i];
  }
  const mx = sx / n;
  const mm = sm / n;
  let cxx = 0;
  let cmm = 0;
  let cxm = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const dx = rows.x[i] - mx;
    const dm = rows.m[i] - mm;
    cxx += rows.w[i] * dx * dx;
    cmm += rows.w[i] * dm * dm;
    cxm += rows.w[i] * dx * dm;
  }
  return cxx > 0 && cmm > 0 ? cxm / sqrt(cxx * cmm) : 0;
}

/**
 * The sums the Newton steps need per distinct x (index as in SpendTerms): customers W and
 * Σ w·log m, plus x·m per row; what depends on v (log(x·m + v) and its derivatives) is summed
 * anew at each step, everything else is a few dozen terms.
 */
interface SpendGroups {
  weight: Float64Array;
  logMSum: Float64Array;
  xm: Float64Array;
}

function spendGroups(rows: SpendRows, t: SpendTerms): SpendGroups {
  const g = t.distinct.length;
  const weight = new Float64Array(g);
  const logMSum = new Float64Array(g);
  const xm = new Float64Array(rows.x.length);
  for (let i = 0; i < rows.x.length; i++) {
    weight[t.xOf[i]] += rows.w[i];
    logMSum[t.xOf[i]] += rows.w[i] * t.logM[i];
    xm[i] = rows.x[i] * rows.m[i];
  }
  return { weight, logMSum, xm };
}

/**
 * The mean log-likelihood at θ = (log p, log q, log v), with its gradient and Hessian in θ: one
 * log and one division per folded row, digamma and trigamma per distinct x. (Summed by groups, so
 * the value differs from gammaGammaLogLikelihood's in the last bits: it only steers the search.)
 */
function spendCurvature(theta: number[], rows: SpendRows, t: SpendTerms, groups: SpendGroups): Curvature {
  const [p, q, v] = theta.map(exp);
  const k = t.distinct.length;
  const L = new Float64Array(k);
  const R = new Float64Array(k);
  const S = new Float64Array(k);
  const { xOf } = t;
  const { xm } = groups;
  for (let i = 0; i < xm.length; i++) {
    const d = xm[i] + v;
    const w = rows.w[i];
    const j = xOf[i];
    const wd = w / d;
    L[j] += w * log(d);
    R[j] += wd;
    S[j] += wd / d;
  }
  const lnV = log(v);
  const psiQ = digamma(q);
  const triQ = trigamma(q);
  let ll = 0;
  const g = [0, 0, 0];
  const h = [0, 0, 0, 0, 0, 0]; // pp, pq, pv, qq, qv, vv
  for (let j = 0; j < k; j++) {
    const x = t.distinct[j];
    const W = groups.weight[j];
    const A = groups.logMSum[j];
    const px = p * x;
    const lnX = log(x);
    const psiPxq = digamma(px + q);
    const triPxq = trigamma(px + q);
    ll += W * (-gammaln(q) + q * lnV + gammaln(px + q) - gammaln(px)) + (px - 1) * A + px * W * lnX - (px + q) * L[j];
    g[0] += x * (W * (psiPxq - digamma(px) + lnX) + A - L[j]);
    g[1] += W * (-psiQ + lnV + psiPxq) - L[j];
    g[2] += (W * q) / v - (px + q) * R[j];
    h[0] += x * x * W * (triPxq - trigamma(px));
    h[1] += x * W * triPxq;
    h[2] -= x * R[j];
    h[3] += W * (triPxq - triQ);
    h[4] += W / v - R[j];
    h[5] += (px + q) * S[j] - (W * q) / (v * v);
  }
  const n = rows.customers;
  const P = [p, q, v];
  const H = [
    [h[0], h[1], h[2]],
    [h[1], h[3], h[4]],
    [h[2], h[4], h[5]],
  ];
  // chain rule to θ = log P: ∂/∂θi = Pi ∂/∂Pi
  return {
    value: ll / n,
    gradient: g.map((gi, i) => (P[i] * gi) / n),
    hessian: H.map((row, i) => row.map((hij, j) => (P[i] * P[j] * hij + (i === j ? P[i] * g[i] : 0)) / n)),
  };
}

/**
 * The maximum by Newton steps with the analytic derivatives, from `start` (p, q, v): about 15
 * passes over the folded rows where Nelder–Mead takes hundreds. x is log(p, q, v).
 */
export function gammaGammaNewton(rows: SpendRows, start: readonly number[]): { x: number[]; converged: boolean; evaluations: number } {
  const terms = spendTerms(rows);
  const groups = spendGroups(rows, terms);
  return newtonMaximize((theta) => spendCurvature(theta, rows, terms, groups), start.map(log));
}

export function fitGammaGamma(rows: SpendRows): Fit<GammaGammaParams> & { correlation: number } {
  if (rows.customers < 2) throw numError("a Gamma-Gamma fit needs at least 2 customers with x > 0");
  let sm = 0;
  for (let i = 0; i < rows.x.length; i++) sm += rows.w[i] * rows.m[i];
  // p = q = 2 and v such that the population mean p·v/(q − 1) is the observed mean value.
  const start = [2, 2, max(sm / rows.customers / 2, 1e-6)];
  const toParams = ([p, q, v]: number[]): GammaGammaParams => ({ p, q, v });
  const correlation = spendCorrelation(rows);
  // Where Newton does not settle (a likelihood that rises towards a boundary), the Nelder–Mead
  // search all the fits share decides, as before.
  const newton = gammaGammaNewton(rows, start);
  if (newton.converged) {
    const params = toParams(newton.x.map(exp));
    const ll = gammaGammaLogLikelihood(params, rows);
    // (a maximum below the start would be a search misled by rounding: Nelder–Mead decides then)
    if (Number.isFinite(ll) && ll >= gammaGammaLogLikelihood(toParams(start), rows)) return { params, logLikelihood: ll, customers: rows.customers, converged: true, correlation };
  }
  const result = fitByLikelihood((v) => gammaGammaLogLikelihood(toParams(v), rows), start, rows.customers);
  return { params: toParams(result.params), logLikelihood: result.logLikelihood, customers: rows.customers, converged: result.converged, correlation };
}

/** E[value of a future occasion | x, m] = p·(v + x·m)/(p·x + q − 1); x = 0 gives p·v/(q − 1). */
export function expectedValue({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  if (!(q > 1)) throw numError(`the expected value needs q > 1 (got q = ${q})`);
  if (x === 0) return (p * v) / (q - 1);
  return (p * (v + x * m)) / (p * x + q - 1);
}

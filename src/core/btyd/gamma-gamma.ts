/**
 * Gamma-Gamma model of spend per purchase occasion (Fader, Hardie & Lee 2005, "RFM and CLV";
 * Colombo & Jiang 1999): each occasion's value ~ Gamma(p, ν), ν ~ Gamma(q, v) across customers.
 * Fitted on the repeat buyers' x and mean repeat value m; it assumes spend does not depend on
 * purchase frequency, which the fit reports as the correlation of x and m.
 */
import { Cell, CrmError, numError, valueError } from "../errors";
import { Fit, fitByLikelihood } from "./fit";
import { gammaln } from "./special";
import { log, max, sqrt } from "./math";

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

/** The customers with x > 0, equal (x, m) folded; x = 0 rows are left out; bad rows are #VALUE! naming them. */
export function foldSpend(x: readonly Cell<number>[], m: readonly Cell<number>[]): SpendRows {
  if (x.length !== m.length) throw valueError(`x and mean_value must have the same number of rows (got ${x.length} and ${m.length})`);
  // (x, m) → row, numbers as keys: no text key per customer
  const index = new Map<number, Map<number, number>>();
  const fx: number[] = [];
  const fm: number[] = [];
  const fw: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const mi = m[i];
    if (xi instanceof CrmError) throw xi;
    if (!(xi >= 0) || !Number.isInteger(xi)) throw valueError(`x row ${i + 1}: ${xi} is not a whole number ≥ 0`);
    if (xi === 0) continue;
    if (mi instanceof CrmError) throw mi;
    if (!(mi > 0)) throw valueError(`mean_value row ${i + 1}: a repeat buyer's mean value must be > 0, not ${mi}`);
    let byM = index.get(xi);
    if (byM === undefined) index.set(xi, (byM = new Map()));
    let k = byM.get(mi);
    if (k === undefined) {
      k = fx.length;
      byM.set(mi, k);
      fx.push(xi);
      fm.push(mi);
      fw.push(0);
    }
    fw[k]++;
  }
  const customers = fw.reduce((a, b) => a + b, 0);
  return { x: Float64Array.from(fx), m: Float64Array.from(fm), w: Float64Array.from(fw), customers };
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

export function fitGammaGamma(rows: SpendRows): Fit<GammaGammaParams> & { correlation: number } {
  if (rows.customers < 2) throw numError("a Gamma-Gamma fit needs at least 2 customers with x > 0");
  let sm = 0;
  for (let i = 0; i < rows.x.length; i++) sm += rows.w[i] * rows.m[i];
  // p = q = 2 and v such that the population mean p·v/(q − 1) is the observed mean value.
  const start = [2, 2, max(sm / rows.customers / 2, 1e-6)];
  const toParams = ([p, q, v]: number[]): GammaGammaParams => ({ p, q, v });
  const result = fitByLikelihood((v) => gammaGammaLogLikelihood(toParams(v), rows), start, rows.customers);
  return { params: toParams(result.params), logLikelihood: result.logLikelihood, customers: rows.customers, converged: result.converged, correlation: spendCorrelation(rows) };
}

/** E[value of a future occasion | x, m] = p·(v + x·m)/(p·x + q − 1); x = 0 gives p·v/(q − 1). */
export function expectedValue({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  if (!(q > 1)) throw numError(`the expected value needs q > 1 (got q = ${q})`);
  if (x === 0) return (p * v) / (q - 1);
  return (p * (v + x * m)) / (p * x + q - 1);
}

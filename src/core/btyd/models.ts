/**
 * One door to both repeat-buying models: what a function needs from "the model in `params`",
 * whichever it is, plus the predicted lifetime value built on them.
 */
import { CrmError, numError } from "../errors";
import { BgNbdParams, bgnbdAliveCurve, bgnbdConditional, bgnbdDropOut, bgnbdExpected, bgnbdPAlive, bgnbdPAliveFrom, bgnbdProbability } from "./bgnbd";
import { historyError } from "./customers";
import { expectedValue, GammaGammaParams } from "./gamma-gamma";
import { log } from "./math";
import { ModelParams } from "./params";
import { PairIndex } from "../pair-index";
import { ParetoNbdParams, pnbdAliveCurve, pnbdConditional, pnbdExpected, pnbdPAlive } from "./pnbd";

/** The longest horizon one call may ask for (the contract's bound on periods and horizons). */
export const MAX_HORIZON = 1200;

export function checkHorizon(t: number, name: string, min = 0): number {
  if (!(t >= min)) throw numError(`${name} must be ≥ ${min}, got ${t}`);
  if (t > MAX_HORIZON) throw numError(`${name} ${t} is more than ${MAX_HORIZON} periods`);
  return t;
}

export function pAlive(p: ModelParams, x: number, tx: number, T: number): number {
  return p.model === "bgnbd" ? bgnbdPAlive(p, x, tx, T) : pnbdPAlive(p, x, tx, T);
}

export function expectedPurchases(p: ModelParams, t: number): number {
  return p.model === "bgnbd" ? bgnbdExpected(p, t) : pnbdExpected(p, t);
}

export function conditionalPurchases(p: ModelParams, t: number, x: number, tx: number, T: number): number {
  return p.model === "bgnbd" ? bgnbdConditional(p, t, x, tx, T) : pnbdConditional(p, t, x, tx, T);
}

export function purchaseProbability(p: ModelParams, t: number, n: number): number {
  if (p.model !== "bgnbd") throw numError("CRM.PURCHASEPROB is defined for BG/NBD parameters (r, alpha, a, b)");
  return bgnbdProbability(p, t, n);
}

/**
 * conditionalPurchases of many customers at one horizon t: E[Y(t) | x, t_x, T] = P(alive) × the
 * expectation given alive, which depends on x and T only, so customers with the same x and T (a
 * million customers have a few thousand pairs) share one 2F1 evaluation, and under BG/NBD also
 * the parts of P(alive) without t_x (bgnbdPAliveFrom). Pairs are found by a PairIndex and their
 * numbers kept in typed arrays: a Map of Maps cost more per customer than the model's arithmetic.
 * Same operations, same order as conditionalPurchases: the same numbers. An expectation that is
 * not defined is that pair's error, kept for every customer with it.
 */
export class ConditionalPurchases {
  private readonly pairs = new PairIndex();
  /** Per pair number: the expectation given alive (NaN: its error is in `failed`). */
  private given = new Float64Array(1024);
  /** Per pair number, BG/NBD: bgnbdDropOut and ln(α + T). */
  private dropOut = new Float64Array(1024);
  private logAge = new Float64Array(1024);
  private readonly failed = new Map<number, CrmError>();
  /** Pairs whose numbers are in the arrays: every pair seen so far. */
  private learned = 0;
  constructor(
    private readonly p: ModelParams,
    private readonly t: number,
  ) {}

  /** One customer's E[Y(t)], or its history's or its pair's error (column, for one row). */
  of(x: number, tx: number, T: number): number | CrmError {
    const { values, pairs, errors } = this.column(Float64Array.of(x), Float64Array.of(tx), Float64Array.of(T));
    return values[0] === values[0] ? values[0] : (errors.get(0) ?? this.errorOf(pairs[0]) ?? values[0]);
  }

  /**
   * E[Y(t)] of every row of the columns: values[i], or NaN where the row has an error of its own:
   * marked in `skip` (the caller knows it), an impossible history (historyError, in `errors`), or
   * a pair without expectation (errorOf(pairs[i])). One loop over typed arrays with the
   * parameters and per-pair arrays in locals, returning no number per row: a million calls of a
   * per-customer method boxed a million results.
   */
  column(xs: Float64Array, txs: Float64Array, Ts: Float64Array, skip?: Uint8Array): { values: Float64Array; pairs: Int32Array; errors: Map<number, CrmError> } {
    const n = xs.length;
    const values = new Float64Array(n);
    const pairs = new Int32Array(n);
    const errors = new Map<number, CrmError>();
    const p = this.p;
    const bg = p.model === "bgnbd";
    const index = this.pairs;
    let { given, dropOut, logAge } = this;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const tx = txs[i];
      const T = Ts[i];
      if (skip !== undefined && skip[i] === 1) {
        values[i] = NaN;
        continue;
      }
      const e = historyError(x, tx, T, i + 1, n);
      if (e !== undefined) {
        errors.set(i, e);
        values[i] = NaN;
        continue;
      }
      const k = index.indexOf(x, T);
      if (k === this.learned) {
        this.learn(k, x, T); // a pair not seen before (its arrays may have grown)
        ({ given, dropOut, logAge } = this);
      }
      pairs[i] = k;
      const alive = bg ? (x === 0 ? 1 : bgnbdPAliveFrom(dropOut[k], (p as BgNbdParams).r + x, logAge[k], (p as BgNbdParams).alpha, tx)) : pnbdPAlive(p as ParetoNbdParams, x, tx, T);
      values[i] = alive === 0 ? 0 : alive * given[k];
    }
    return { values, pairs, errors };
  }

  /** Why pair k has no expectation (for a NaN of column); undefined for a pair that has one. */
  errorOf(k: number): CrmError | undefined {
    return this.failed.get(k);
  }

  private learn(k: number, x: number, T: number): void {
    if (k === this.given.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(2 * a.length);
        b.set(a);
        return b;
      };
      this.given = grow(this.given);
      this.dropOut = grow(this.dropOut);
      this.logAge = grow(this.logAge);
    }
    const p = this.p;
    if (p.model === "bgnbd") {
      this.dropOut[k] = bgnbdDropOut(p, x);
      this.logAge[k] = log(p.alpha + T);
    }
    try {
      this.given[k] = (p.model === "bgnbd" ? bgnbdAliveCurve(p, x, T) : pnbdAliveCurve(p, x, T))(this.t);
    } catch (e) {
      if (!(e instanceof CrmError)) throw e;
      this.given[k] = NaN;
      this.failed.set(k, e);
    }
    this.learned = k + 1;
  }
}

/**
 * Expected purchases given alive at 1..horizon periods ahead, per (x, T): customers with the same
 * count and age share the curve, so a column of customers costs one curve per distinct (x, T).
 */
export class AliveCurves {
  /** x → T → curve: numbers as keys, no text key per customer. */
  private readonly cache = new Map<number, Map<number, Float64Array>>();
  constructor(
    private readonly p: ModelParams,
    private readonly horizon: number,
  ) {}

  curve(x: number, T: number): Float64Array {
    let byT = this.cache.get(x);
    if (byT === undefined) this.cache.set(x, (byT = new Map()));
    let c = byT.get(T);
    if (!c) {
      const f = this.p.model === "bgnbd" ? bgnbdAliveCurve(this.p, x, T) : pnbdAliveCurve(this.p, x, T);
      c = new Float64Array(this.horizon + 1);
      for (let k = 1; k <= this.horizon; k++) c[k] = f(k);
      byT.set(T, c);
    }
    return c;
  }
}

/**
 * Predicted CLV: Σ_{k=1..horizon} (E[Y(k)] − E[Y(k − 1)]) · value · margin / (1 + rate)^k, with
 * E[Y(k)] = P(alive) · (expected purchases given alive), value from the Gamma-Gamma model.
 */
export function predictedClv(p: ModelParams, gg: GammaGammaParams, curves: AliveCurves, x: number, tx: number, T: number, meanValue: number, horizon: number, rate: number, margin: number): number {
  const alive = pAlive(p, x, tx, T);
  const value = expectedValue(gg, x, meanValue);
  if (alive === 0) return 0;
  const c = curves.curve(x, T);
  let total = 0;
  let discount = 1;
  for (let k = 1; k <= horizon; k++) {
    discount /= 1 + rate;
    total += (c[k] - c[k - 1]) * discount;
  }
  return alive * total * value * margin;
}

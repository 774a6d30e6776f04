/**
 * The (x, t_x, T) summary the repeat-buying models take, checked and folded: customers with equal
 * x, t_x and T are one row with a weight, so a fit of a million customers costs as many rows as
 * there are distinct histories (a few thousand for a year of weekly data).
 */
import { Cell, CrmError, numError, valueError } from "../errors";

export interface Histories {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers per row. */
  w: Float64Array;
  /** Σ w: customers in all. */
  customers: number;
}

/** Why one customer's history is impossible, or undefined when it is fine. */
export function historyProblem(x: number, tx: number, T: number): string | undefined {
  if (!(x >= 0) || !(tx >= 0) || !(T >= 0)) return "x, t_x and T must be ≥ 0";
  if (!Number.isInteger(x)) return `x ${x} is not a whole number of purchases`;
  if (tx > T) return `t_x ${tx} is after T ${T}`;
  if (x > 0 && tx === 0) return `x ${x} > 0 needs t_x > 0`;
  return undefined;
}

/** The #VALUE! of an impossible history, naming the row (1-based) when there are several; undefined when it is fine. */
export function historyError(x: number, tx: number, T: number, row: number, count: number): CrmError | undefined {
  const problem = historyProblem(x, tx, T);
  return problem ? valueError(count === 1 ? `bad customer history: ${problem}` : `row ${row}: ${problem}`) : undefined;
}

/** One history, #VALUE! naming the row when it is impossible. */
export function checkHistory(x: number, tx: number, T: number, row: number, count: number): void {
  const e = historyError(x, tx, T, row, count);
  if (e) throw e;
}

/**
 * Checks every row (the first bad one is #VALUE! naming it) and folds equal histories together.
 * `weights` left out counts each row as one customer.
 */
export function foldHistories(x: readonly Cell<number>[], tx: readonly Cell<number>[], T: readonly Cell<number>[], weights?: readonly Cell<number>[]): Histories {
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weights && weights.length !== n)) {
    throw valueError(`x, t_x, T${weights ? " and weights" : ""} must have the same number of rows (got ${[x, tx, T, ...(weights ? [weights] : [])].map((c) => c.length).join(", ")})`);
  }
  const index = new Map<string, number>();
  const fx: number[] = [];
  const ftx: number[] = [];
  const fT: number[] = [];
  const fw: number[] = [];
  let customers = 0;
  for (let i = 0; i < n; i++) {
    for (const c of [x[i], tx[i], T[i], weights?.[i] ?? 1]) if (c instanceof CrmError) throw c;
    const [xi, txi, Ti] = [x[i] as number, tx[i] as number, T[i] as number];
    const wi = (weights?.[i] ?? 1) as number;
    checkHistory(xi, txi, Ti, i + 1, n);
    if (!(wi >= 0)) throw numError(`weights row ${i + 1} must be ≥ 0`);
    if (wi === 0) continue;
    const key = `${xi} ${txi} ${Ti}`;
    let k = index.get(key);
    if (k === undefined) {
      k = fx.length;
      index.set(key, k);
      fx.push(xi);
      ftx.push(txi);
      fT.push(Ti);
      fw.push(0);
    }
    fw[k] += wi;
    customers += wi;
  }
  return { x: Float64Array.from(fx), tx: Float64Array.from(ftx), T: Float64Array.from(fT), w: Float64Array.from(fw), customers };
}

/** Weighted number of customers with x > 0. */
export function repeatBuyers(h: Histories): number {
  let k = 0;
  for (let i = 0; i < h.x.length; i++) if (h.x[i] > 0) k += h.w[i];
  return k;
}

/** Distinct purchase counts and, per row, which of them it has: terms that depend on x alone are computed once per count. */
export function countIndex(x: Float64Array): { counts: Float64Array; of: Int32Array } {
  const map = new Map<number, number>();
  const of = new Int32Array(x.length);
  const counts: number[] = [];
  for (let i = 0; i < x.length; i++) {
    let k = map.get(x[i]);
    if (k === undefined) {
      k = counts.length;
      map.set(x[i], k);
      counts.push(x[i]);
    }
    of[i] = k;
  }
  return { counts: Float64Array.from(counts), of };
}

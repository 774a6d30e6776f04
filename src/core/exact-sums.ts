/**
 * Exact sums of many money amounts, fast. Summing a million amounts with Decimal takes about a
 * second; when every amount has at most a few decimals (cents, as money almost always has), the
 * same exact result comes from integer arithmetic on scaled amounts held in doubles, which is
 * exact while every partial sum stays below 2^53. Decimal is the fallback for anything else, so
 * the result is always the decimal sum of the amounts as Excel shows them (their shortest form).
 */
import { Decimal } from "./money";

const MAX_DECIMALS = 6;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
/** Headroom below 2^53 so that the float estimate of Σ|x|·scale cannot hide an inexact sum. */
const INTEGER_LIMIT = 2 ** 52;

function fitsAt(x: number, d: number): boolean {
  const p = POW10[d];
  return Math.round(x * p) / p === x;
}

/**
 * The power of ten that turns every value into an exact integer small enough for every partial
 * sum of them to be exact in a double, or undefined when there is none (more than 6 decimals, a
 * float artefact like 0.1 + 0.2, or amounts too large).
 */
export function commonScale(values: ArrayLike<number>): number | undefined {
  let d = 0;
  let absTotal = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!fitsAt(x, d)) {
      // A value that fits at d fits at every larger d, so d only ever grows.
      do d++;
      while (d <= MAX_DECIMALS && !fitsAt(x, d));
      if (d > MAX_DECIMALS) return undefined;
    }
    absTotal += Math.abs(x);
  }
  if (!(absTotal * POW10[d] < INTEGER_LIMIT)) return undefined;
  return POW10[d];
}

/** The exact decimal sum of the values. */
export function exactSum(values: ArrayLike<number>): Decimal {
  const scale = commonScale(values);
  if (scale !== undefined) {
    let units = 0;
    for (let i = 0; i < values.length; i++) units += Math.round(values[i] * scale);
    return new Decimal(units).div(scale);
  }
  let total = new Decimal(0);
  for (let i = 0; i < values.length; i++) total = total.plus(values[i]);
  return total;
}

/**
 * Per-group exact sums: group g's result is the number nearest the exact decimal sum of the
 * values whose groupOf is g (what Decimal would give, as a number).
 */
export function groupSums(values: ArrayLike<number>, groupOf: ArrayLike<number>, groups: number): Float64Array {
  const out = new Float64Array(groups);
  const scale = commonScale(values);
  if (scale !== undefined) {
    for (let i = 0; i < values.length; i++) out[groupOf[i]] += Math.round(values[i] * scale);
    // Integer units divided once: the division is correctly rounded, like Decimal's toNumber.
    for (let g = 0; g < groups; g++) out[g] = out[g] / scale + 0;
    return out;
  }
  const totals = Array.from({ length: groups }, () => new Decimal(0));
  for (let i = 0; i < values.length; i++) totals[groupOf[i]] = totals[groupOf[i]].plus(values[i]);
  for (let g = 0; g < groups; g++) out[g] = totals[g].toNumber() + 0;
  return out;
}

/**
 * Exact running totals: `before(k)` is the exact sum of the first k values, for comparisons that
 * must be right at the boundary (shares of a total).
 */
export interface PrefixSums {
  readonly total: Decimal;
  before(k: number): Decimal;
}

export function prefixSums(values: ArrayLike<number>): PrefixSums {
  const n = values.length;
  const scale = commonScale(values);
  if (scale !== undefined) {
    const units = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) units[i + 1] = units[i] + Math.round(values[i] * scale);
    return { total: new Decimal(units[n]).div(scale), before: (k) => new Decimal(units[k]).div(scale) };
  }
  const sums: Decimal[] = [new Decimal(0)];
  for (let i = 0; i < n; i++) sums.push(sums[i].plus(values[i]));
  return { total: sums[n], before: (k) => sums[k] };
}

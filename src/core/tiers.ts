/**
 * Value tiers (客户分级): ABC analysis, the customer pyramid, the customer value matrix,
 * retention and churn, loyalty types and the customer satisfaction index.
 *
 * The population functions find a few boundary values (ABC sorts once for its running totals,
 * the pyramid only selects order statistics) and then place each row with a few comparisons; money shares are compared exactly (decimal), so a
 * customer exactly at 80% of the total is never put on the wrong side by a rounding error.
 */
import { NumberColumn, toNumberColumn } from "./columns";
import { Cell, CrmError, divError, numError, valueError } from "./errors";
import { exactSum, prefixSums } from "./exact-sums";
import { Bilingual, Language } from "./labels";
import { Decimal, dec, toNumber } from "./money";
import { orderStatistics } from "./order-statistics";
import { sortPositive } from "./positive-sort";

function where(name: string, i: number, n: number): string {
  return n === 1 ? name : `${name} value ${i + 1}`;
}

function needsPopulation(n: number, what: string, name = "values"): void {
  if (n === 1) throw valueError(`${name} is a single cell: ${what} ranks customers against each other, so give the range of all customers`);
}

function checkShare(x: number, name: string): void {
  if (!(x >= 0 && x <= 1)) throw numError(`${name} must be a fraction from 0 to 1 (got ${x})`);
}

// ---------------------------------------------------------------------------------------------
// ABC

export type AbcClass = "A" | "B" | "C";

/** The first position k (0-based, in descending order) whose share above, before(k)/total, is not below `share`. */
function boundary(prefix: ReturnType<typeof prefixSums>, count: number, share: number): number {
  const limit = dec(share).times(prefix.total);
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prefix.before(mid).lt(limit)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * CRM.ABCCLASS: customers sorted by value, largest first (ties keep row order); A when the share
 * of the total held by the customers ranked above is below aShare, B when below bShare, else C.
 * Zero and negative values are C and do not count in the total; bad rows get their own error.
 */
export function abcClass(values: ArrayLike<Cell<number>> | NumberColumn, aShare = 0.8, bShare = 0.95): Cell<AbcClass>[] {
  const { codes, errors } = abcCodes(values, aShare, bShare);
  return Array.from(codes, (code, i) => (code < 0 ? (errors.get(i) as CrmError) : ABC_CLASSES[code]));
}

export const ABC_CLASSES: readonly AbcClass[] = ["A", "B", "C"];

/** CRM.ABCCLASS as codes into ABC_CLASSES (−1: the row's error). */
export function abcCodes(values: ArrayLike<Cell<number>> | NumberColumn, aShare = 0.8, bShare = 0.95): Codes {
  checkShare(aShare, "a_share");
  checkShare(bShare, "b_share");
  if (aShare > bShare) throw numError(`a_share (${aShare}) must not be greater than b_share (${bShare})`);
  // The column as read, not copied: the rule only compares its values (−0 is not above 0 either).
  const col = typed(values, "values");
  const v = col.values;
  const n = v.length;
  needsPopulation(n, "ABC analysis");
  const bad = col.errors;
  const positives = new Float64Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) if (v[i] > 0 && !(bad.size > 0 && bad.has(i))) positives[p++] = v[i];
  const desc = positives.subarray(0, p);
  sortPositive(desc).reverse();
  const prefix = prefixSums(desc);
  // Classes are runs of positions: A below pA, B below pB. Only rows equal to the value at a
  // boundary need their position among equals, which is their row order.
  const pA = boundary(prefix, p, aShare);
  const pB = Math.max(pA, boundary(prefix, p, bShare));
  const valueA = pA < p ? desc[pA] : -Infinity;
  const valueB = pB < p ? desc[pB] : -Infinity;
  let seenA = pA < p ? firstOf(desc, pA) : 0;
  let seenB = pB === pA ? -1 : pB < p ? firstOf(desc, pB) : 0;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (bad.size > 0 && bad.has(i)) codes[i] = -1;
    else if (!(x > 0)) codes[i] = 2;
    else if (x > valueA) codes[i] = 0;
    else if (x === valueA) {
      // Equal to the value at A's boundary: its position among equals decides.
      const pos = seenA++;
      codes[i] = pos < pA ? 0 : pos < pB ? 1 : 2;
    } else if (x > valueB) codes[i] = 1;
    else if (x === valueB && seenB >= 0) {
      const pos = seenB++;
      codes[i] = pos < pB ? 1 : 2;
    } else codes[i] = 2;
  }
  return { codes, errors: bad };
}

/** The first position of desc[pos]'s run of equal values. */
function firstOf(desc: Float64Array, pos: number): number {
  const v = desc[pos];
  let lo = 0;
  let hi = pos;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (desc[mid] > v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Pyramid

export type PyramidKey = "vip" | "major" | "ordinary" | "small";

/** The tiers from the top, with the default shares (1%, 4%, 15%, 80%): this add-in's choice, a common split; the course texts give none. */
export const PYRAMID_TIERS: readonly { key: PyramidKey; share: number; label: Bilingual }[] = [
  { key: "vip", share: 0.01, label: { zh: "VIP客户", en: "VIP" } },
  { key: "major", share: 0.04, label: { zh: "主要客户", en: "Major" } },
  { key: "ordinary", share: 0.15, label: { zh: "普通客户", en: "Ordinary" } },
  { key: "small", share: 0.8, label: { zh: "小客户", en: "Small" } },
];

export const DEFAULT_PYRAMID_SHARES: readonly number[] = PYRAMID_TIERS.map((t) => t.share);

/** Tier index (0 = VIP) per row; -1 for rows with errors. */
export interface PyramidTiers {
  tiers: Int8Array;
  errors: ReadonlyMap<number, CrmError>;
}

/** Four shares from the top, each 0..1, summing to 1 (to 1e-9, so thirds typed as formulas pass). */
export function checkPyramidShares(shares: readonly number[]): void {
  if (shares.length !== 4) throw valueError(`shares must be 4 fractions (VIP, major, ordinary, small), got ${shares.length}`);
  shares.forEach((s, i) => checkShare(s, `shares value ${i + 1}`));
  const total = shares.reduce((a, s) => a.plus(s), new Decimal(0));
  if (total.minus(1).abs().gt(1e-9)) throw numError(`shares must add up to 1 (they add up to ${toNumber(total)})`);
}

/**
 * Tier by rank position: rank k of n (1 = largest) is in the first tier whose cumulative share is
 * ≥ k/n. Equal values share the best rank (as Excel's RANK.EQ), so equal values get equal tiers
 * and row order never matters. n counts the valid rows.
 */
export function pyramidTiers(values: ArrayLike<Cell<number>> | NumberColumn, shares: readonly number[] = DEFAULT_PYRAMID_SHARES): PyramidTiers {
  checkPyramidShares(shares);
  // The column as read, not copied.
  const col = typed(values, "values");
  const v = col.values;
  const bad = col.errors;
  const rows = v.length;
  needsPopulation(rows, "The customer pyramid");
  const n = rows - bad.size;
  const tiers = new Int8Array(rows).fill(-1);
  if (n === 0) return { tiers, errors: bad };
  const population = new Float64Array(n);
  for (let i = 0, j = 0; i < rows; i++) if (!(bad.size > 0 && bad.has(i))) population[j++] = v[i];
  // Rank k ≤ R (R = floor(cumulative share · n), exact) ⇔ the value is ≥ the R-th largest value.
  const maxRanks: number[] = [];
  let cumulative = new Decimal(0);
  for (let t = 0; t < 4; t++) {
    cumulative = cumulative.plus(shares[t]);
    maxRanks.push(t === 3 ? n : Math.min(n, cumulative.times(n).floor().toNumber()));
  }
  const largest = orderStatistics(population, maxRanks.map((r) => n - Math.max(r, 1)));
  const floors = Float64Array.from(maxRanks, (r, t) => (r >= 1 ? largest[t] : Infinity));
  for (let i = 0; i < rows; i++) {
    if (bad.size > 0 && bad.has(i)) continue;
    const x = v[i];
    let t = 0;
    while (x < floors[t]) t++;
    tiers[i] = t;
  }
  return { tiers, errors: bad };
}

/** CRM.PYRAMID: the tier label of each row, or its error. */
export function pyramid(values: ArrayLike<Cell<number>> | NumberColumn, shares: readonly number[] = DEFAULT_PYRAMID_SHARES, lang: Language = "zh"): Cell<string>[] {
  const { tiers, errors } = pyramidTiers(values, shares);
  // A plain loop over the labels looked up once: Array.from with a callback costs more than the tiers.
  const labels = PYRAMID_TIERS.map((t) => t.label[lang]);
  const out: Cell<string>[] = new Array(tiers.length);
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i];
    out[i] = t < 0 ? (errors.get(i) as CrmError) : labels[t];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Value matrix

export type ValueMatrixKey = "key" | "maintain" | "develop" | "reconsider";

/** Quadrants: current high/low × potential high/low. */
export const VALUE_MATRIX: readonly { key: ValueMatrixKey; current: boolean; potential: boolean; label: Bilingual }[] = [
  { key: "key", current: true, potential: true, label: { zh: "重要客户", en: "Key" } },
  { key: "maintain", current: true, potential: false, label: { zh: "维持型客户", en: "Maintain" } },
  { key: "develop", current: false, potential: true, label: { zh: "培养型客户", en: "Develop" } },
  { key: "reconsider", current: false, potential: false, label: { zh: "观望型客户", en: "Reconsider" } },
];

/** Per-row results as codes: row i is the code's label, or errors.get(i) where the code is −1. */
export interface Codes {
  readonly codes: Int32Array;
  readonly errors: ReadonlyMap<number, CrmError>;
}

/** Cells or a typed column, as a typed column (a cell that is neither a number nor an error is #VALUE! naming it). */
function typed(cells: ArrayLike<Cell<number>> | NumberColumn, name: string): NumberColumn {
  return toNumberColumn(cells, (i, n) => valueError(`${where(name, i, n)} must be a number`));
}

/**
 * "v is high" as v > t, or v === t and `tie`: a threshold given is t = it, tie = true (v ≥ t);
 * a threshold left out is the exact mean of the population: t is the rounded mean, which decides
 * every value but itself, and a value equal to it is compared exactly, once.
 */
interface High {
  readonly t: number;
  readonly tie: boolean;
}

function meanHigh(values: Float64Array, valid: Uint8Array, count: number): High {
  if (count === 0) return { t: Infinity, tie: false };
  const chosen = new Float64Array(count);
  for (let i = 0, j = 0; i < values.length; i++) if (valid[i]) chosen[j++] = values[i];
  const total = exactSum(chosen);
  const mean = total.div(count).toNumber();
  return { t: mean, tie: new Decimal(mean).times(count).gte(total) };
}

/**
 * CRM.VALUEMATRIX as codes into VALUE_MATRIX; high means ≥ threshold. A threshold left out is the
 * mean over the rows where both values are numbers (the customers being placed); it needs a range.
 */
export function valueMatrixCodes(current: ArrayLike<Cell<number>> | NumberColumn, potential: ArrayLike<Cell<number>> | NumberColumn, currentThreshold?: number, potentialThreshold?: number): Codes {
  const c = typed(current, "current_value");
  const p = typed(potential, "potential_value");
  const n = c.values.length;
  if (p.values.length !== n) throw valueError(`current_value and potential_value must have the same number of rows (got ${n} and ${p.values.length})`);
  if (n === 1) {
    if (currentThreshold === undefined) throw valueError("current_threshold is needed for a single customer (the default is the mean of a range)");
    if (potentialThreshold === undefined) throw valueError("potential_threshold is needed for a single customer (the default is the mean of a range)");
  }
  const valid = new Uint8Array(n).fill(1);
  const errors = new Map<number, CrmError>();
  for (const [i, e] of c.errors) {
    valid[i] = 0;
    errors.set(i, e);
  }
  for (const [i, e] of p.errors) {
    if (valid[i]) errors.set(i, e);
    valid[i] = 0;
  }
  const count = n - errors.size;
  const hc = currentThreshold !== undefined ? { t: currentThreshold, tie: true } : meanHigh(c.values, valid, count);
  const hp = potentialThreshold !== undefined ? { t: potentialThreshold, tie: true } : meanHigh(p.values, valid, count);
  return { codes: quadrants(c.values, p.values, valid, hc, hp), errors };
}

/** (high current ? 0 : 2) + (high potential ? 0 : 1) per valid row, −1 for the others. */
function quadrants(cv: Float64Array, pv: Float64Array, valid: Uint8Array, hc: High, hp: High): Int32Array {
  const n = cv.length;
  const codes = new Int32Array(n);
  const { t: ct, tie: ctie } = hc;
  const { t: pt, tie: ptie } = hp;
  for (let i = 0; i < n; i++) {
    const x = cv[i];
    const y = pv[i];
    const highC = x > ct || (x === ct && ctie);
    const highP = y > pt || (y === pt && ptie);
    codes[i] = valid[i] === 0 ? -1 : (highC ? 0 : 2) + (highP ? 0 : 1);
  }
  return codes;
}

/** Codes as per-row results: each code's label, or the row's error. */
function labelled(result: Codes, labels: readonly string[]): Cell<string>[] {
  const { codes, errors } = result;
  const out: Cell<string>[] = new Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? (errors.get(i) as CrmError) : labels[codes[i]];
  return out;
}

/** CRM.VALUEMATRIX: quadrant per row (see valueMatrixCodes). */
export function valueMatrix(current: ArrayLike<Cell<number>>, potential: ArrayLike<Cell<number>>, currentThreshold?: number, potentialThreshold?: number, lang: Language = "zh"): Cell<string>[] {
  return labelled(valueMatrixCodes(current, potential, currentThreshold, potentialThreshold), VALUE_MATRIX.map((q) => q.label[lang]));
}

// ---------------------------------------------------------------------------------------------
// Retention and churn

function retained(start: number, end: number, added: number): { kept: Decimal; start: Decimal } {
  const names = ["start_customers", "end_customers", "new_customers"];
  [start, end, added].forEach((x, i) => {
    if (!(x >= 0)) throw numError(`${names[i]} must not be negative (got ${x})`);
  });
  if (start === 0) throw divError("start_customers is 0: there is no one to retain");
  if (added > end) throw numError(`new_customers (${added}) cannot exceed end_customers (${end})`);
  const kept = dec(end).minus(added);
  if (kept.gt(start)) throw numError(`end_customers − new_customers (${toNumber(kept)}) cannot exceed start_customers (${start})`);
  return { kept, start: dec(start) };
}

/** CRM.RETENTION: (end − new) / start. */
export function retention(start: number, end: number, added: number): number {
  const r = retained(start, end, added);
  return toNumber(r.kept.div(r.start));
}

/** CRM.CHURN: 1 − retention, exact (0.3, not 0.30000000000000004). */
export function churn(start: number, end: number, added: number): number {
  const r = retained(start, end, added);
  return toNumber(r.start.minus(r.kept).div(r.start));
}

// ---------------------------------------------------------------------------------------------
// Loyalty types

export type LoyaltyKey = "true" | "incentive" | "latent" | "price";

/** attachment high/low × repeat purchase high/low. */
export const LOYALTY_TYPES: readonly { key: LoyaltyKey; attachment: boolean; repeat: boolean; label: Bilingual }[] = [
  { key: "true", attachment: true, repeat: true, label: { zh: "超值忠诚", en: "True loyalty" } },
  { key: "latent", attachment: true, repeat: false, label: { zh: "潜在忠诚", en: "Latent loyalty" } },
  { key: "incentive", attachment: false, repeat: true, label: { zh: "激励忠诚", en: "Incentive loyalty" } },
  { key: "price", attachment: false, repeat: false, label: { zh: "价格忠诚", en: "Price loyalty" } },
];

/**
 * CRM.LOYALTYTYPE as codes into LOYALTY_TYPES: scores 0..1, high means ≥ threshold. A row's error
 * is its attachment's (not a number, or outside 0..1), else its repeat purchase's.
 */
export function loyaltyCodes(attachment: ArrayLike<Cell<number>> | NumberColumn, repeat: ArrayLike<Cell<number>> | NumberColumn, threshold = 0.5): Codes {
  checkShare(threshold, "threshold");
  const a = typed(attachment, "attachment");
  const r = typed(repeat, "repeat_purchase");
  const n = a.values.length;
  if (r.values.length !== n) throw valueError(`attachment and repeat_purchase must have the same number of rows (got ${n} and ${r.values.length})`);
  const av = a.values;
  const rv = r.values;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = av[i];
    const y = rv[i];
    // a row in errors has value 0, inside 0..1: those rows are set apart below
    codes[i] = x >= 0 && x <= 1 && y >= 0 && y <= 1 ? (x >= threshold ? 0 : 2) + (y >= threshold ? 0 : 1) : -1;
  }
  const errors = new Map<number, CrmError>();
  for (const i of a.errors.keys()) codes[i] = -1;
  for (const i of r.errors.keys()) codes[i] = -1;
  for (let i = 0; i < n; i++) {
    if (codes[i] >= 0) continue;
    errors.set(i, (score01(a.errors.get(i) ?? av[i], "attachment", i, n) ?? score01(r.errors.get(i) ?? rv[i], "repeat_purchase", i, n)) as CrmError);
  }
  return { codes, errors };
}

/** The error of a loyalty score, if it has one. */
function score01(x: Cell<number>, name: string, i: number, n: number): CrmError | undefined {
  if (x instanceof CrmError) return x;
  if (typeof x !== "number" || !Number.isFinite(x)) return valueError(`${where(name, i, n)} must be a number`);
  if (x < 0 || x > 1) return numError(`${where(name, i, n)} must be a score from 0 to 1 (got ${x})`);
  return undefined;
}

/** CRM.LOYALTYTYPE per row (see loyaltyCodes). */
export function loyaltyType(attachment: ArrayLike<Cell<number>>, repeat: ArrayLike<Cell<number>>, threshold = 0.5, lang: Language = "zh"): Cell<string>[] {
  return labelled(loyaltyCodes(attachment, repeat, threshold), LOYALTY_TYPES.map((t) => t.label[lang]));
}

// ---------------------------------------------------------------------------------------------
// Customer satisfaction index

/** CRM.CSI: Σ wᵢ·sᵢ / Σ wᵢ / scale_max × 100, on 0..100. */
export function csi(scores: readonly number[], weights: readonly number[], scaleMax = 10): number {
  if (!(scaleMax > 0)) throw numError(`scale_max must be greater than 0 (got ${scaleMax})`);
  if (scores.length === 0) throw valueError("scores is empty");
  if (weights.length !== scores.length) throw valueError(`scores and weights must have the same number of values (got ${scores.length} and ${weights.length})`);
  let weighted = new Decimal(0);
  let totalWeight = new Decimal(0);
  scores.forEach((s, i) => {
    const w = weights[i];
    if (!(s >= 0 && s <= scaleMax)) throw numError(`${where("scores", i, scores.length)} must be from 0 to scale_max ${scaleMax} (got ${s})`);
    if (!(w >= 0)) throw numError(`${where("weights", i, weights.length)} must not be negative (got ${w})`);
    weighted = weighted.plus(dec(w).times(s));
    totalWeight = totalWeight.plus(w);
  });
  if (totalWeight.isZero()) throw divError("weights add up to 0");
  return toNumber(weighted.div(totalWeight).div(scaleMax).times(100));
}

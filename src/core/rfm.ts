/**
 * RFM scoring (最近一次消费、消费频率、消费金额).
 *
 * Population rule (the contract): with n valid customers, a frequency or monetary value v scores
 * `1 + floor(bins · c / n)`, c = how many customers have a strictly lower value; for recency
 * (days since the last purchase, lower is better) c counts strictly higher values.
 *
 * Why breakpoints give the same scores: the score exceeds k exactly when c ≥ k·n/bins, i.e. when
 * c ≥ m with m = ceil(k·n/bins), i.e. when at least m values lie strictly below v, i.e. when v is
 * strictly above the m-th smallest value. So with threshold k = the m-th smallest value (recency:
 * the m-th largest), score = 1 + the number of thresholds v is strictly above (recency: strictly
 * below). The population form is computed exactly that way: the bins − 1 order statistics of
 * each column by selection (O(n) expected, no sort), then at most bins − 1 comparisons per row,
 * no per-row search; a column of whole numbers in a narrow span (days, purchase counts) is counted
 * instead, and each row's score looked up by its value. Tests check both against the rule as written.
 *
 * Hot path: typed arrays in, Int8Array scores out, errors only for the rows that have them, so a
 * million customers cost three selections and no per-row objects.
 */
import { columnLength, isNumberColumn, NumberColumn } from "./columns";
import { Cell, CrmError, numError, valueError } from "./errors";
import { orderStatistics } from "./order-statistics";

export const DEFAULT_BINS = 5;
export const MIN_BINS = 2;
export const MAX_BINS = 9;

/** Which way a column is better: frequency and monetary "higher", recency "lower". */
export type Better = "higher" | "lower";

/**
 * The three input columns, one customer per index: numbers, or a row's own error from argument
 * conversion; per-row cells or typed columns (the functions' hot path).
 */
export interface RfmColumns {
  recency: ArrayLike<Cell<number>> | NumberColumn;
  frequency: ArrayLike<Cell<number>> | NumberColumn;
  monetary: ArrayLike<Cell<number>> | NumberColumn;
}

/** Thresholds per column (bins − 1 each), as CRM.RFMBREAKS spills them. */
export interface RfmBreakpoints {
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
}

/**
 * Scores per row: 1..bins, 0 where the row has an error. `errors` holds the rows left out of the
 * population (blank, text, negative recency or frequency), by index; `count` is the population n.
 */
export interface RfmScores {
  r: Int8Array;
  f: Int8Array;
  m: Int8Array;
  errors: Map<number, CrmError>;
  count: number;
}

/** bins as the contract allows it: a whole number 2..9. */
export function checkBins(bins: number, name = "bins"): number {
  if (!Number.isInteger(bins) || bins < MIN_BINS || bins > MAX_BINS) throw numError(`${name} must be a whole number from ${MIN_BINS} to ${MAX_BINS} (got ${bins})`);
  return bins;
}

/** Validated columns: finite numbers (−0 as 0), valid[i] = 1 for rows in the population. */
export interface RfmValues {
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  valid: Uint8Array;
  errors: Map<number, CrmError>;
  count: number;
}

function where(name: string, i: number, n: number): string {
  return n === 1 ? name : `${name} value ${i + 1}`;
}

/**
 * Checks the three columns row by row: same lengths (else #VALUE! for the whole call); a row with
 * a blank or non-numeric value, or a negative recency or frequency, gets its own error and leaves
 * the population. The first bad column of a row names the error.
 */
export function validateRfm(input: RfmColumns): RfmValues {
  const n = columnLength(input.recency);
  const nf = columnLength(input.frequency);
  const nm = columnLength(input.monetary);
  if (nf !== n || nm !== n) {
    throw valueError(`recency, frequency and monetary must have the same number of rows (got ${n}, ${nf} and ${nm})`);
  }
  const columns = [input.recency, input.frequency, input.monetary] as const;
  const names = ["recency", "frequency", "monetary"] as const;
  const out = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const valid = new Uint8Array(n).fill(1);
  const errors = new Map<number, CrmError>();
  // Column by column (one simple loop each), last column first so that the first bad column of a
  // row is the error that stays.
  for (let c = 2; c >= 0; c--) {
    const cells = columns[c];
    const values = out[c];
    const nonNegative = c < 2;
    if (isNumberColumn(cells)) {
      // Typed: every value is a finite number except the rows in cells.errors.
      const v = cells.values;
      for (let i = 0; i < n; i++) {
        const x = v[i];
        if (nonNegative && x < 0) {
          valid[i] = 0;
          errors.set(i, numError(`${where(names[c], i, n)} must not be negative (got ${x})`));
        } else values[i] = x + 0; // −0 → 0, so it never shows up as a threshold
      }
      for (const [i, e] of cells.errors) {
        valid[i] = 0;
        values[i] = 0;
        errors.set(i, e);
      }
      continue;
    }
    for (let i = 0; i < n; i++) {
      const x = cells[i];
      if (typeof x === "number" && Number.isFinite(x) && !(nonNegative && x < 0)) {
        values[i] = x + 0; // −0 → 0, so it never shows up as a threshold
        continue;
      }
      valid[i] = 0;
      if (x instanceof CrmError) errors.set(i, x);
      else if (typeof x === "number" && Number.isFinite(x)) errors.set(i, numError(`${where(names[c], i, n)} must not be negative (got ${x})`));
      else errors.set(i, valueError(`${where(names[c], i, n)} must be a number`));
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += valid[i];
  // Map order is the order rows went bad in; callers want row order.
  const sortedErrors = errors.size ? new Map([...errors.entries()].sort((a, b) => a[0] - b[0])) : errors;
  return { recency: out[0], frequency: out[1], monetary: out[2], valid, errors: sortedErrors, count };
}

function countValid(valid: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < valid.length; i++) count += valid[i] ? 1 : 0;
  return count;
}

/** The valid values of a column, in a fresh array that selection may reorder. */
function validCopy(values: Float64Array, valid: Uint8Array | undefined, count: number): Float64Array {
  if (!valid || count === values.length) return values.slice();
  const copy = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (valid[i]) copy[j++] = values[i];
  return copy;
}

/** Threshold k is the m-th smallest (or largest) of the population, m = ceil(k·n/bins). */
function thresholdsOf(population: Float64Array, bins: number, better: Better): Float64Array {
  const n = population.length;
  const ranks: number[] = [];
  for (let k = 1; k < bins; k++) {
    const m = Math.ceil((k * n) / bins);
    ranks.push(better === "higher" ? m - 1 : n - m);
  }
  return orderStatistics(population, ranks);
}

/**
 * The bins − 1 breakpoints of one column's population (rows with valid[i] = 0 left out).
 * Frequency/monetary (better "higher"): ascending; recency ("lower"): descending.
 */
export function breakpoints(values: Float64Array, valid: Uint8Array | undefined, bins: number, better: Better): Float64Array {
  checkBins(bins);
  const count = valid ? countValid(valid) : values.length;
  if (count === 0) throw valueError("there are no valid customers to compute breakpoints from");
  return thresholdsOf(validCopy(values, valid, count), bins, better);
}

/**
 * One value scored alone against thresholds: 1 + how many thresholds it is strictly above
 * (better "higher") or strictly below (better "lower"). Thresholds need not be sorted.
 */
export function scoreAgainst(value: number, thresholds: ArrayLike<number>, better: Better): number {
  let s = 1;
  if (better === "higher") for (let k = 0; k < thresholds.length; k++) s += value > thresholds[k] ? 1 : 0;
  else for (let k = 0; k < thresholds.length; k++) s += value < thresholds[k] ? 1 : 0;
  return s;
}

function scoreColumn(values: Float64Array, valid: Uint8Array | undefined, thresholds: Float64Array, better: Better): Int8Array {
  const n = values.length;
  const out = new Int8Array(n);
  const t = thresholds;
  const k = t.length;
  // Two loops rather than a test per row: this is the per-row part of scoring a million customers.
  if (better === "higher") {
    for (let i = 0; i < n; i++) {
      if (valid && !valid[i]) continue;
      const v = values[i];
      let s = 1;
      for (let j = 0; j < k; j++) if (v > t[j]) s++;
      out[i] = s;
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (valid && !valid[i]) continue;
      const v = values[i];
      let s = 1;
      for (let j = 0; j < k; j++) if (v < t[j]) s++;
      out[i] = s;
    }
  }
  return out;
}

/**
 * Population scores of one column (finite numbers): score = 1 + floor(bins · c / n) over the rows
 * with valid[i] (all rows when valid is left out); 0 for the others. O(n) expected, O(n log n) at worst.
 */
export function populationScores(values: Float64Array, valid: Uint8Array | undefined, bins: number, better: Better): Int8Array {
  checkBins(bins);
  const count = valid ? countValid(valid) : values.length;
  if (count === 0) return new Int8Array(values.length);
  return integerScores(values, valid, count, bins, better) ?? scoreColumn(values, valid, thresholdsOf(validCopy(values, valid, count), bins, better), better);
}

/** Widest span of whole numbers counted rather than selected (64K counters). */
const MAX_INTEGER_SPAN = 1 << 16;

/**
 * The same scores for a column of whole numbers within a narrow span (recency in days, frequency
 * in purchases): the thresholds are the same order statistics, read off a count per value, and
 * each row's score is looked up by its value, so a million rows cost two passes and no selection.
 * Undefined when the column is not like that.
 */
function integerScores(values: Float64Array, valid: Uint8Array | undefined, count: number, bins: number, better: Better): Int8Array | undefined {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    if (valid && !valid[i]) continue;
    const x = values[i];
    if (x !== Math.floor(x)) return undefined;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (!(max - min < MAX_INTEGER_SPAN)) return undefined;
  const span = max - min + 1;
  const counts = new Int32Array(span);
  for (let i = 0; i < n; i++) if (!valid || valid[i]) counts[values[i] - min]++;
  // ranks as thresholdsOf takes them (0 = smallest), each read off the running count
  const thresholds = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) {
    const m = Math.ceil((k * count) / bins);
    const rank = better === "higher" ? m - 1 : count - m;
    let below = 0;
    let v = 0;
    while (below + counts[v] <= rank) below += counts[v++];
    thresholds[k - 1] = v + min;
  }
  const scoreOf = new Int8Array(span);
  for (let v = 0; v < span; v++) scoreOf[v] = scoreAgainst(v + min, thresholds, better);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) if (!valid || valid[i]) out[i] = scoreOf[values[i] - min];
  return out;
}

/**
 * CRM.RFMSCORE population form: every valid row ranked against the valid rows.
 * Throws #VALUE! for columns of different lengths or a single customer (nothing to rank against).
 */
export function scoreRfm(input: RfmColumns, bins: number = DEFAULT_BINS): RfmScores {
  checkBins(bins);
  const v = validateRfm(input);
  if (columnLength(input.recency) === 1) throw valueError("a single customer cannot be ranked (recency, frequency and monetary hold one row): give the whole population, or breakpoints from CRM.RFMBREAKS");
  return {
    r: populationScores(v.recency, v.valid, bins, "lower"),
    f: populationScores(v.frequency, v.valid, bins, "higher"),
    m: populationScores(v.monetary, v.valid, bins, "higher"),
    errors: v.errors,
    count: v.count,
  };
}

/**
 * CRM.RFMBREAKS: thresholds that make scoreWithBreaks give exactly scoreRfm's scores on the same
 * rows. Rows with errors are left out, as scoreRfm leaves them out of its population.
 */
export function rfmBreaks(input: RfmColumns, bins: number = DEFAULT_BINS, everyRow = false): RfmBreakpoints {
  checkBins(bins);
  const v = validateRfm(input);
  // everyRow: thresholds that must summarise every row stop at the first bad one (in row order)
  if (everyRow) for (const e of v.errors.values()) throw e;
  if (v.count === 0) throw valueError("there are no valid customers to compute breakpoints from");
  return {
    recency: breakpoints(v.recency, v.valid, bins, "lower"),
    frequency: breakpoints(v.frequency, v.valid, bins, "higher"),
    monetary: breakpoints(v.monetary, v.valid, bins, "higher"),
  };
}

/** Breakpoints as given by a user: three rows of the same length 1..8 → bins = length + 1. */
export function checkBreakpoints(b: RfmBreakpoints): number {
  const k = b.recency.length;
  if (b.frequency.length !== k || b.monetary.length !== k) throw valueError("breakpoints must have the same number of thresholds in each of its 3 rows");
  return checkBins(k + 1, "bins (the number of thresholds + 1)");
}

/** CRM.RFMSCORE with breakpoints: each row scored alone, so it works on one customer too. */
export function scoreWithBreaks(input: RfmColumns, breaks: RfmBreakpoints): RfmScores {
  checkBreakpoints(breaks);
  const v = validateRfm(input);
  return {
    r: scoreColumn(v.recency, v.valid, breaks.recency, "lower"),
    f: scoreColumn(v.frequency, v.valid, breaks.frequency, "higher"),
    m: scoreColumn(v.monetary, v.valid, breaks.monetary, "higher"),
    errors: v.errors,
    count: v.count,
  };
}

/** The three-digit RFM code R·100 + F·10 + M (e.g. 545). */
export function rfmCode(r: number, f: number, m: number): number {
  return r * 100 + f * 10 + m;
}

export type RfmOutput = "code" | "sum" | "scores";

/** Per-row results in one of the contract's output forms: a number, or [R, F, M]; errors as given. */
export function rfmOutput(scores: RfmScores, output: RfmOutput): Cell<number | readonly [number, number, number]>[] {
  const n = scores.r.length;
  const out: Cell<number | readonly [number, number, number]>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const error = scores.errors.get(i);
    if (error) out[i] = error;
    else if (output === "code") out[i] = rfmCode(scores.r[i], scores.f[i], scores.m[i]);
    else if (output === "sum") out[i] = scores.r[i] + scores.f[i] + scores.m[i];
    else out[i] = [scores.r[i], scores.f[i], scores.m[i]] as const;
  }
  return out;
}

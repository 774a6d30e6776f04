/**
 * Receivables aging (账龄分析): days past due, aging buckets with bilingual labels, the aging
 * report per customer and the bad-debt allowance by bucket rates (账龄分析法).
 *
 * Built for up to a million invoice lines (the task pane ages whole sheets): per line there is
 * only integer work, and money is summed exactly with exact-sums (integer cents when the amounts
 * allow it, decimal otherwise).
 */
import { isBlankText } from "./columns";
import { Language } from "./labels";
import { finite, numError, overflowError, valueError } from "./errors";
import { commonScale, exactSum, groupSums } from "./exact-sums";
import { Decimal, dec, toNumber } from "./money";
import { CustomerIndex } from "./customer-index";

/** Days past due: as_of − due date, by calendar day (time of day ignored); negative = not yet due. */
export function agingDays(due: number, asOf: number): number {
  return Math.floor(asOf) - Math.floor(due);
}

/** Upper bounds of the overdue buckets: 1-30, 31-60, 61-90, then 90+. */
export const DEFAULT_EDGES: readonly number[] = [30, 60, 90];

/**
 * Edges checked: at least one, each a whole number ≥ 1 (#NUM! otherwise) and strictly
 * increasing (#VALUE! otherwise, e.g. {60, 30} or {30, 30}).
 */
export function checkEdges(edges: readonly number[]): readonly number[] {
  if (edges.length === 0) throw valueError("edges is empty; give the upper day of each overdue bucket, e.g. {30,60,90}");
  edges.forEach((e, i) => {
    if (!Number.isFinite(e)) throw valueError(`edges value ${i + 1} is not a number`);
    if (!Number.isInteger(e) || e < 1) throw numError(`edges value ${i + 1} must be a whole number of days ≥ 1 (got ${e})`);
    if (i > 0 && e <= edges[i - 1]) throw valueError(`edges must increase: value ${i + 1} (${e}) is not above ${edges[i - 1]}`);
  });
  return [...edges];
}

/**
 * The bucket of a number of days past due: 0 = not yet due (≤ 0), k = 1..edges.length for
 * (edges[k−2], edges[k−1]] days, edges.length + 1 beyond the last edge. `edges` as checkEdges
 * returns them.
 */
export function bucketIndex(daysPastDue: number, edges: readonly number[]): number {
  if (daysPastDue <= 0) return 0;
  let k = 1;
  while (k <= edges.length && daysPastDue > edges[k - 1]) k++;
  return k;
}

export const AGING_LABELS: Readonly<Record<Language, { customer: string; current: string; total: string; range: (from: number, to: number) => string; single: (day: number) => string; beyond: (day: number) => string }>> = {
  zh: { customer: "客户", current: "未到期", total: "合计", range: (a, b) => `${a}-${b}天`, single: (d) => `${d}天`, beyond: (d) => `${d}天以上` },
  en: { customer: "Customer", current: "Current", total: "Total", range: (a, b) => `${a}-${b}`, single: (d) => `${d}`, beyond: (d) => `${d}+` },
};

/**
 * One label per bucket, edges.length + 2 of them: {30,60,90} → 未到期, 1-30天, 31-60天, 61-90天,
 * 90天以上 (en: Current, 1-30, 31-60, 61-90, 90+). A one-day bucket is "n天" / "n".
 */
export function bucketLabels(edges: readonly number[], lang: Language = "zh"): string[] {
  const l = AGING_LABELS[lang];
  const labels = [l.current];
  edges.forEach((e, i) => {
    const from = i === 0 ? 1 : edges[i - 1] + 1;
    labels.push(from === e ? l.single(e) : l.range(from, e));
  });
  labels.push(l.beyond(edges[edges.length - 1]));
  return labels;
}

/** A customer's line of the aging report. */
export interface AgingRow {
  /** The customer id exactly as given. */
  readonly customer: string | number;
  /** Open amount per bucket, edges.length + 2 values (the first not yet due). */
  readonly buckets: readonly number[];
  /** All the customer's open amount. */
  readonly total: number;
  /** Number of invoice lines. */
  readonly lines: number;
}

/**
 * Every figure is the exact decimal sum of its invoice lines, as the nearest number; so each
 * total equals the sum of its parts to the cent.
 */
export interface AgingReport {
  readonly edges: readonly number[];
  /** One row per customer in order of first appearance. */
  readonly rows: readonly AgingRow[];
  /** Per-bucket sums of all lines; `total.total` is the grand total. */
  readonly total: Omit<AgingRow, "customer">;
}

function checkLengths(what: string, lengths: readonly [string, number][]): void {
  const [first, n] = lengths[0];
  for (const [name, m] of lengths.slice(1)) if (m !== n) throw valueError(`${what}: ${name} has ${m} rows but ${first} has ${n}`);
}

/**
 * The aging report: open amounts per customer and bucket. Customers are grouped by their exact
 * id, as CRM.RFMTABLE groups them: no trimming, case matters, and the number 1001 and the text
 * "1001" are different customers. Amounts may be negative (credit notes). The first line with a
 * blank id or a non-finite date or amount makes the whole report #VALUE! naming that line: a
 * report built on silently dropped lines would be wrong without anyone seeing it.
 */
export function agingTable(ids: ArrayLike<string | number>, dues: ArrayLike<number>, amounts: ArrayLike<number>, asOf: number, edges: readonly number[] = DEFAULT_EDGES): AgingReport {
  const e = checkEdges(edges);
  checkLengths("AGINGTABLE", [["customer_ids", ids.length], ["due_dates", dues.length], ["open_amounts", amounts.length]]);
  if (!Number.isFinite(asOf)) throw valueError("as_of is not a date");
  const n = ids.length;
  const width = e.length + 2;
  const index = new CustomerIndex();
  const customers = index.ids;
  const customerOf = new Int32Array(n);
  const bucketOf = new Int32Array(n);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (!(typeof id === "number" ? Number.isFinite(id) : typeof id === "string" && !isBlankText(id))) throw valueError(`customer_ids value ${i + 1} is blank`);
    if (!Number.isFinite(dues[i])) throw valueError(`due_dates value ${i + 1} is not a date`);
    if (!Number.isFinite(amounts[i])) throw valueError(`open_amounts value ${i + 1} is not a number`);
    const c = index.indexOf(id);
    const b = bucketIndex(agingDays(dues[i], asOf), e);
    customerOf[i] = c;
    bucketOf[i] = b;
    cellOf[i] = c * width + b;
  }
  const k = customers.length;
  // The scale groupSums would find: whole units at it give its results in one pass instead of four.
  const scale = commonScale(amounts);
  const { cells, rowTotals, bucketTotals, grandTotal } = scale !== undefined ? unitSums(amounts, scale, cellOf, k, width) : decimalSums(amounts, cellOf, customerOf, bucketOf, k, width);
  const lines = new Int32Array(k);
  for (let i = 0; i < n; i++) lines[customerOf[i]]++;
  for (let c = 0; c < k; c++) {
    if (!Number.isFinite(rowTotals[c])) throw overflowError(`open_amounts of customer ${JSON.stringify(customers[c])}`);
    for (let b = 0; b < width; b++) if (!Number.isFinite(cells[c * width + b])) throw overflowError(`open_amounts of customer ${JSON.stringify(customers[c])}`);
  }
  const rows = customers.map((customer, c) => ({ customer, buckets: Array.from(cells.subarray(c * width, (c + 1) * width)), total: rowTotals[c], lines: lines[c] }));
  const total = { buckets: Array.from(bucketTotals, (x) => finite(x, "open_amounts (the total of a bucket)")), total: finite(grandTotal, "open_amounts (the grand total)"), lines: n };
  return { edges: e, rows, total };
}

interface AgingSums {
  /** Per customer c and bucket b at c · width + b. */
  cells: Float64Array;
  rowTotals: Float64Array;
  bucketTotals: Float64Array;
  grandTotal: number;
}

/**
 * The sums from whole units of `scale` (commonScale) in one pass: a row's, a bucket's and the grand
 * total are sums of the cells' integers, exact, each divided once (what groupSums gives, without
 * its passes over the rows).
 */
function unitSums(amounts: ArrayLike<number>, scale: number, cellOf: Int32Array, k: number, width: number): AgingSums {
  const units = new Float64Array(k * width);
  for (let i = 0; i < cellOf.length; i++) units[cellOf[i]] += Math.round(amounts[i] * scale);
  const rowTotals = new Float64Array(k);
  const bucketTotals = new Float64Array(width);
  let grand = 0;
  for (let c = 0; c < k; c++) {
    let row = 0;
    for (let b = 0; b < width; b++) {
      const u = units[c * width + b];
      row += u;
      bucketTotals[b] += u;
    }
    rowTotals[c] = row / scale + 0;
    grand += row;
  }
  const cells = units.map((u) => u / scale + 0);
  for (let b = 0; b < width; b++) bucketTotals[b] = bucketTotals[b] / scale + 0;
  return { cells, rowTotals, bucketTotals, grandTotal: grand / scale + 0 };
}

/** The sums of amounts with no common scale: exact decimal sums (exact-sums.ts). */
function decimalSums(amounts: ArrayLike<number>, cellOf: Int32Array, customerOf: Int32Array, bucketOf: Int32Array, k: number, width: number): AgingSums {
  return { cells: groupSums(amounts, cellOf, k * width), rowTotals: groupSums(amounts, customerOf, k), bucketTotals: groupSums(amounts, bucketOf, width), grandTotal: toNumber(exactSum(amounts)) };
}

/** One bucket of the allowance calculation. */
export interface AllowanceBucket {
  readonly amount: number;
  readonly rate: number;
  readonly allowance: number;
}

/**
 * The allowance by bucket: Σ amount × rate of its bucket, with `rates` one per bucket
 * (edges.length + 2, the first for not yet due; another count is #VALUE!) within 0..1 (#NUM!).
 * Amounts are summed exactly per bucket first and multiplied once in decimal, which gives the
 * same sum as line by line. The first line whose amount or days is not a finite number is
 * #VALUE! naming it.
 */
export function allowanceByBucket(amounts: ArrayLike<number>, daysPastDue: ArrayLike<number>, rates: readonly number[], edges: readonly number[] = DEFAULT_EDGES): { buckets: AllowanceBucket[]; total: number } {
  const e = checkEdges(edges);
  checkLengths("ALLOWANCE", [["open_amounts", amounts.length], ["days_past_due", daysPastDue.length]]);
  if (rates.length !== e.length + 2) throw valueError(`rates has ${rates.length} values but the ${e.length} edges make ${e.length + 2} buckets (the first for not yet due)`);
  rates.forEach((r, i) => {
    if (!Number.isFinite(r)) throw valueError(`rates value ${i + 1} is not a number`);
    if (r < 0 || r > 1) throw numError(`rates value ${i + 1} must be within 0..100% (got ${r})`);
  });
  const bucketOf = new Int32Array(amounts.length);
  for (let i = 0; i < amounts.length; i++) {
    if (!Number.isFinite(amounts[i])) throw valueError(`open_amounts value ${i + 1} is not a number`);
    if (!Number.isFinite(daysPastDue[i])) throw valueError(`days_past_due value ${i + 1} is not a number`);
    bucketOf[i] = bucketIndex(daysPastDue[i], e);
  }
  const sums = groupSums(amounts, bucketOf, rates.length);
  const products = rates.map((rate, k) => dec(sums[k]).times(rate));
  const buckets = rates.map((rate, k) => ({ amount: finite(sums[k], "open_amounts (the total of a bucket)"), rate, allowance: toNumber(products[k]) }));
  return { buckets, total: finite(toNumber(products.reduce((a, b) => a.plus(b), new Decimal(0))), "open_amounts") };
}

/** Bad-debt allowance (坏账准备): Σ amount × rate of its bucket; see allowanceByBucket. */
export function allowance(amounts: ArrayLike<number>, daysPastDue: ArrayLike<number>, rates: readonly number[], edges: readonly number[] = DEFAULT_EDGES): number {
  return allowanceByBucket(amounts, daysPastDue, rates, edges).total;
}

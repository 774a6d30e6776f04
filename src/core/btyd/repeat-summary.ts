/**
 * From a transaction log to the (x, t_x, T) summary of the repeat-buying models (CRM.REPEATSUMMARY).
 * A purchase occasion is a customer's calendar day: several purchases on one date are one
 * occasion with their amounts summed (as the CDNOW literature and lifetimes count them). Rows are
 * checked like CRM.RFMTABLE's (same messages), and customers whose first purchase is after as_of
 * are left out: they were not customers during the calibration period.
 */
import { serialToIso } from "../dates";
import { numError, valueError } from "../errors";
import { Language } from "../labels";
import { groupSums } from "../exact-sums";
import { CustomerIndex } from "../customer-index";
import { cellAt, type Cells, finiteNumbersInto } from "../columns";
import { amount, type CustomerId, customerId, type DateTexts, transactionDate } from "../transaction-rows";

export interface RepeatSummary {
  ids: CustomerId[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Mean value of the repeat occasions (0 when x = 0); only with amounts. */
  meanValue?: Float64Array;
  /** Occasions in (as_of, holdout_end]; only with a holdout end. */
  holdout?: Float64Array;
}

export const REPEAT_SUMMARY_HEADER: Readonly<Record<Language, readonly string[]>> = {
  zh: ["客户", "重复购买次数 x", "最近购买时点 t_x", "观察期 T", "平均重复购买金额", "验证期购买次数"],
  en: ["Customer", "Repeat purchases x", "Recency t_x", "Age T", "Mean repeat value", "Holdout purchases"],
};

/** "day" (default), "week", or a number of days > 0. */
export function periodDays(period: unknown): number {
  if (period === undefined || period === null || period === "") return 1;
  if (typeof period === "number") {
    if (!(period > 0) || !Number.isFinite(period)) throw numError(`period must be a number of days > 0, not ${period}`);
    return period;
  }
  const text = typeof period === "string" ? period.trim().toLowerCase() : "";
  if (text === "day" || text === "days" || text === "日" || text === "天") return 1;
  if (text === "week" || text === "weeks" || text === "周") return 7;
  throw valueError(`period must be "day", "week" or a number of days, not ${typeof period === "string" ? `"${period}"` : String(period)}`);
}

export interface RepeatSummaryInput {
  ids: ArrayLike<unknown>;
  dates: ArrayLike<unknown>;
  asOf: number;
  /** A list, or a column read in place (its numbers stay unboxed). */
  amounts?: Cells;
  periodDays?: number;
  holdoutEnd?: number;
}

/** The occasions, and the rows' amounts in the order of the sorted rows with each row's occasion. */
interface Occasions {
  occasionCustomer: Int32Array;
  occasionDay: Int32Array;
  /** The amounts of the rows in customer-then-day order (only with amounts)… */
  sortedValues?: Float64Array;
  /** …and the occasion of each of those rows. */
  sortedOccasion: Int32Array;
}

/**
 * The purchase occasions (distinct customer and day) of the rows, ordered by customer then day:
 * two stable counting sorts (by day, then by customer; days span at most 9999-12-31's serial)
 * put each occasion's rows side by side. No map of (customer, day) keys: a million of those
 * cost a second and most of it in garbage collection. The sorts carry the rows' days and amounts
 * along instead of an order to look them up by: a million lookups at random places in memory
 * took longer than the sorts.
 */
function occasions(rowCustomer: Int32Array, rowDay: Int32Array, values: Float64Array | undefined, customers: number, minDay: number, maxDay: number): Occasions {
  const n = rowCustomer.length;
  const dayStart = new Int32Array(maxDay - minDay + 2);
  for (let i = 0; i < n; i++) dayStart[rowDay[i] - minDay + 1]++;
  for (let v = 1; v < dayStart.length; v++) dayStart[v] += dayStart[v - 1];
  const byDayCustomer = new Int32Array(n);
  const byDayDay = new Int32Array(n);
  const byDayValue = values && new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = dayStart[rowDay[i] - minDay]++;
    byDayCustomer[p] = rowCustomer[i];
    byDayDay[p] = rowDay[i];
    if (byDayValue) byDayValue[p] = values![i];
  }
  // Each customer's rows start at customerStart[g] (counted from the rows: the same counts).
  const customerStart = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) customerStart[rowCustomer[i] + 1]++;
  for (let g = 0; g < customers; g++) customerStart[g + 1] += customerStart[g];
  const next = customerStart.slice(0, customers);
  const sortedDay = new Int32Array(n);
  const sortedValues = values && new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const p = next[byDayCustomer[j]]++;
    sortedDay[p] = byDayDay[j];
    if (sortedValues) sortedValues[p] = byDayValue![j];
  }
  const occasionCustomer = new Int32Array(n);
  const occasionDay = new Int32Array(n);
  const sortedOccasion = new Int32Array(n);
  let o = -1;
  for (let g = 0; g < customers; g++) {
    for (let j = customerStart[g], end = customerStart[g + 1]; j < end; j++) {
      if (j === customerStart[g] || sortedDay[j] !== sortedDay[j - 1]) {
        o++;
        occasionCustomer[o] = g;
        occasionDay[o] = sortedDay[j];
      }
      sortedOccasion[j] = o;
    }
  }
  return { occasionCustomer: occasionCustomer.subarray(0, o + 1), occasionDay: occasionDay.subarray(0, o + 1), sortedValues, sortedOccasion };
}

export function repeatSummary(input: RepeatSummaryInput): RepeatSummary {
  const { ids, dates, amounts } = input;
  const n = ids.length;
  const asOf = Math.floor(input.asOf);
  const days = input.periodDays ?? 1;
  const holdoutEnd = input.holdoutEnd === undefined ? undefined : Math.floor(input.holdoutEnd);
  if (holdoutEnd !== undefined && !(holdoutEnd > asOf)) throw numError(`holdout_end ${input.holdoutEnd} must be after as_of ${input.asOf}`);
  if (dates.length !== n || (amounts && amounts.length !== n)) {
    throw valueError(`customer_ids, dates${amounts ? " and amounts" : ""} must have the same number of rows (got ${[n, dates.length, ...(amounts ? [amounts.length] : [])].join(", ")})`);
  }
  if (n === 0) throw valueError("there are no transactions");
  const limit = holdoutEnd ?? asOf;
  const limitName = holdoutEnd === undefined ? "as_of" : "holdout_end";
  const customerOf = new CustomerIndex();
  const customers = customerOf.ids;
  const rowCustomer = new Int32Array(n);
  const rowDay = new Int32Array(n);
  const values = new Float64Array(n);
  // The amounts in a loop of their own (a column's numbers are copied unboxed); the first that is
  // not a number is named by the loop below, after the id and the date of its row.
  const badAmount = amounts ? finiteNumbersInto(amounts, values) : n;
  const texts: DateTexts = new Map();
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const id = customerId(ids[i], i + 1);
    const day = Math.floor(transactionDate(dates[i], i + 1, Infinity, texts));
    if (day > limit) throw valueError(`dates row ${i + 1}: ${serialToIso(day)} is after ${limitName} ${serialToIso(limit)}`);
    if (amounts && i === badAmount) amount(cellAt(amounts, i), i + 1);
    rowCustomer[i] = customerOf.indexOf(id);
    rowDay[i] = day;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const { occasionCustomer: occCustomer, occasionDay: occDay, sortedValues, sortedOccasion } = occasions(rowCustomer, rowDay, amounts ? values : undefined, customers.length, minDay, maxDay);
  const k = customers.length;
  const first = new Float64Array(k).fill(Infinity);
  const last = new Float64Array(k).fill(-Infinity);
  const count = new Float64Array(k);
  const holdout = new Float64Array(k);
  for (let o = 0; o < occCustomer.length; o++) {
    const g = occCustomer[o];
    const day = occDay[o];
    if (day > asOf) {
      holdout[g]++;
      continue;
    }
    count[g]++;
    if (day < first[g]) first[g] = day;
    if (day > last[g]) last[g] = day;
  }
  let repeatTotals: Float64Array | undefined;
  if (sortedValues) {
    const occasionTotals = groupSums(sortedValues, sortedOccasion, occCustomer.length);
    // Repeat occasions: calibration occasions other than the customer's first.
    const repeatGroup = new Int32Array(occCustomer.length);
    for (let o = 0; o < occCustomer.length; o++) {
      const g = occCustomer[o];
      repeatGroup[o] = occDay[o] <= asOf && occDay[o] !== first[g] ? g : k;
    }
    repeatTotals = groupSums(occasionTotals, repeatGroup, k + 1);
  }
  const keep: number[] = [];
  for (let g = 0; g < k; g++) if (count[g] > 0) keep.push(g);
  const m = keep.length;
  const out: RepeatSummary = { ids: new Array(m), x: new Float64Array(m), tx: new Float64Array(m), T: new Float64Array(m) };
  // Plain loops: Float64Array.from with a mapping function walks the array as an iterator.
  for (let i = 0; i < m; i++) {
    const g = keep[i];
    out.ids[i] = customers[g];
    out.x[i] = count[g] - 1;
    out.tx[i] = (last[g] - first[g]) / days;
    out.T[i] = (asOf - first[g]) / days;
  }
  if (repeatTotals) {
    const mean = (out.meanValue = new Float64Array(m));
    // The exact total (as the nearest number) over the count, rounded once: IEEE division is exact rounding.
    for (let i = 0; i < m; i++) {
      const g = keep[i];
      mean[i] = count[g] > 1 ? repeatTotals[g] / (count[g] - 1) : 0;
    }
  }
  if (holdoutEnd !== undefined) {
    const h = (out.holdout = new Float64Array(m));
    for (let i = 0; i < m; i++) h[i] = holdout[keep[i]];
  }
  return out;
}

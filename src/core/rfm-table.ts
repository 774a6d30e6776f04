/**
 * From transaction rows to one RFM row per customer (CRM.RFMTABLE).
 *
 * Customer ids are kept exactly as given and grouped exactly: no trimming, case matters, and the
 * number 1001 and the text "1001" are different ids (Excel tells them apart too). An id that is
 * blank or only spaces is a bad row. Any bad row (blank id, a date that is not a date or is after
 * as_of, an amount that is not a number) makes the whole result an error naming the first such
 * row: a summary built on silently dropped rows would be wrong without anyone seeing it.
 *
 * One pass with a CustomerIndex (customer-index.ts) from id to customer number and typed arrays for counts and dates; the sums
 * are exact decimal sums (integer cents when the amounts allow it, Decimal otherwise).
 */
import { isBlankText } from "./columns";
import { CustomerIndex } from "./customer-index";
import { isSerial, serialToIsoDateTime, toSerial } from "./dates";
import { overflowError, valueError } from "./errors";
import { groupSums } from "./exact-sums";
import { Language } from "./labels";

/** A customer id as given: a number or a non-blank text. */
export type CustomerId = number | string;

/** One row per customer, in order of first appearance; dates are serial numbers. */
export interface RfmTable {
  ids: CustomerId[];
  /** as_of − last purchase date, in days. */
  recency: Float64Array;
  /** Number of transactions. */
  frequency: Float64Array;
  /** Exact sum of the amounts (as the nearest number). */
  monetary: Float64Array;
  first: Float64Array;
  last: Float64Array;
}

export const RFM_TABLE_HEADER: Readonly<Record<Language, readonly string[]>> = {
  zh: ["客户", "最近消费天数", "消费次数", "消费金额", "首次消费", "最近消费"],
  en: ["Customer", "Recency (days)", "Frequency", "Monetary", "First purchase", "Last purchase"],
};

function describe(value: unknown): string {
  if (typeof value === "string") return `the text "${value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** A row's customer id, or a #VALUE! naming the row. */
export function customerId(value: unknown, row: number): CustomerId {
  if (typeof value === "number" && Number.isFinite(value)) return value + 0;
  if (typeof value === "string" && !isBlankText(value)) return value;
  if (value === null || value === undefined || typeof value === "string") throw valueError(`customer_ids row ${row} is blank`);
  throw valueError(`customer_ids row ${row}: ${describe(value)} is not a customer id`);
}

/** Parsed date texts of one call: transactions repeat the same few hundred days. */
export type DateTexts = Map<string, number>;

/** A row's transaction date as a serial, not after asOf, or a #VALUE! naming the row. */
export function transactionDate(value: unknown, row: number, asOf: number, texts: DateTexts): number {
  let serial: number | undefined;
  if (typeof value === "number" && isSerial(value)) serial = value;
  else if (typeof value === "string" && value !== "") {
    serial = texts.get(value);
    if (serial === undefined) texts.set(value, (serial = toSerial(value, `dates row ${row}`)));
  } else if (value === null || value === undefined || value === "") throw valueError(`dates row ${row} is blank`);
  else serial = toSerial(value, `dates row ${row}`);
  if (serial > asOf) throw valueError(`dates row ${row}: the transaction date ${serialToIsoDateTime(serial)} is after as_of ${serialToIsoDateTime(asOf)}`);
  return serial;
}

/** A row's amount, or a #VALUE! naming the row. */
export function amount(value: unknown, row: number): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value === null || value === undefined || value === "") throw valueError(`amounts row ${row} is blank`);
  throw valueError(`amounts row ${row} must be a number, not ${describe(value)}`);
}

/**
 * Groups transactions by customer. `ids`, `dates` (serials or ISO text) and `amounts` are the
 * cells as read from the sheet, one transaction per index; `asOf` is a serial number.
 * Throws #VALUE! for columns of different lengths, no rows, or the first bad row.
 */
export function rfmTable(ids: ArrayLike<unknown>, dates: ArrayLike<unknown>, amounts: ArrayLike<unknown>, asOf: number): RfmTable {
  const n = ids.length;
  if (dates.length !== n || amounts.length !== n) throw valueError(`customer_ids, dates and amounts must have the same number of rows (got ${n}, ${dates.length} and ${amounts.length})`);
  if (n === 0) throw valueError("there are no transactions");
  const index = new CustomerIndex();
  const dateTexts: DateTexts = new Map();
  const groupOf = new Int32Array(n);
  const values = new Float64Array(n);
  const frequency = new Float64Array(n);
  const first = new Float64Array(n);
  const last = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = customerId(ids[i], i + 1);
    const d = transactionDate(dates[i], i + 1, asOf, dateTexts);
    values[i] = amount(amounts[i], i + 1);
    const known = index.size;
    const g = index.indexOf(id);
    if (g === known) {
      first[g] = d;
      last[g] = d;
    } else {
      if (d < first[g]) first[g] = d;
      if (d > last[g]) last[g] = d;
    }
    frequency[g]++;
    groupOf[i] = g;
  }
  const customers = index.ids;
  const k = customers.length;
  const recency = new Float64Array(k);
  for (let g = 0; g < k; g++) recency[g] = asOf - last[g];
  const monetary = groupSums(values, groupOf, k);
  for (let g = 0; g < k; g++) if (!Number.isFinite(monetary[g])) throw overflowError(`amounts of customer ${JSON.stringify(customers[g])}`);
  return {
    ids: customers,
    recency,
    frequency: frequency.slice(0, k),
    monetary,
    first: first.slice(0, k),
    last: last.slice(0, k),
  };
}

/**
 * From transaction rows to one RFM row per customer (CRM.RFMTABLE).
 *
 * Customer ids are kept exactly as given and grouped exactly: no trimming, case matters, and the
 * number 1001 and the text "1001" are different ids (Excel tells them apart too). An id that is
 * blank or only spaces is a bad row. Any bad row (blank id, a date that is not a date or is after
 * as_of, an amount that is not a number) makes the whole result an error naming the first such
 * row: a summary built on silently dropped rows would be wrong without anyone seeing it.
 *
 * One pass through an RfmAccumulator (rfm-accumulator.ts): a CustomerIndex from id to customer
 * number, per-customer counts and dates, and exact decimal sums (integer cents when the amounts
 * allow it, Decimal otherwise).
 */
import { Cells, ColumnRows, listOfCells, notOneCell } from "./columns";
import { valueError } from "./errors";
import { Language } from "./labels";
import { RfmAccumulator } from "./rfm-accumulator";
import type { CustomerId } from "./transaction-rows";

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

/**
 * Groups transactions by customer. `ids`, `dates` (serials or ISO text) and `amounts` are the
 * cells as read from the sheet (a list, or a column read in place), one transaction per index;
 * `asOf` is a serial number.
 * Throws #VALUE! for columns of different lengths, no rows, or the first bad row.
 *
 * The rows go through the same RfmAccumulator a file streams through: its memory grows with the
 * customers, not with the rows. That matters for speed too: typed arrays as long as the rows
 * (36 MB for a million) pushed V8 into a full garbage collection in the middle of the call, which
 * had to mark every cell of the caller's arguments (265 ms of a 970 ms call).
 */
export function rfmTable(ids: Cells, dates: Cells, amounts: Cells, asOf: number): RfmTable {
  const n = ids.length;
  if (dates.length !== n || amounts.length !== n) throw valueError(`customer_ids, dates and amounts must have the same number of rows (got ${n}, ${dates.length} and ${amounts.length})`);
  if (n === 0) throw valueError("there are no transactions");
  const acc = new RfmAccumulator(asOf);
  if (ids instanceof ColumnRows && dates instanceof ColumnRows && amounts instanceof ColumnRows) addColumns(acc, ids, dates, amounts);
  else {
    const [a, b, c] = [ids, dates, amounts].map(listOfCells);
    for (let i = 0; i < n; i++) acc.add(a[i], b[i], c[i]);
  }
  return acc.result();
}

/** The three columns as Excel passes them (see ColumnRows for why the cells are read here). */
function addColumns(acc: RfmAccumulator, ids: ColumnRows, dates: ColumnRows, amounts: ColumnRows): void {
  const [a, b, c] = [ids.rows, dates.rows, amounts.rows];
  for (let i = 0; i < a.length; i++) {
    const id = a[i];
    const date = b[i];
    const value = c[i];
    if (!(Array.isArray(id) && id.length === 1)) notOneCell(ids);
    if (!(Array.isArray(date) && date.length === 1)) notOneCell(dates);
    if (!(Array.isArray(value) && value.length === 1)) notOneCell(amounts);
    acc.add(id[0], date[0], value[0]);
  }
}

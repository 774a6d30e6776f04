/**
 * Transactions of a file kept as compact columns (customer per row as a shared id, date serial,
 * amount), checked row by row with CRM.RFMTABLE's rules, for the workflows that need every
 * transaction rather than one row per customer (predict: occasions per day, the tracking curve).
 * About 25 bytes a transaction (10,000,000 → ~250 MB): memory grows with the file, unlike the RFM
 * path; the ids themselves are kept once per customer.
 */
import { serialToIsoDateTime } from "../core/dates";
import { valueError } from "../core/errors";
import { amount, customerId, type CustomerId, type DateTexts, transactionDate } from "../core/transaction-rows";
import type { TransactionSink } from "./transaction-sink";

export interface TransactionColumnsData {
  rows: number;
  ids: CustomerId[];
  dates: Float64Array;
  amounts?: Float64Array;
}

export class TransactionTable implements TransactionSink {
  private readonly known = new Map<CustomerId, CustomerId>();
  private ids: CustomerId[] = [];
  private dates = new Float64Array(1 << 16);
  private amounts: Float64Array | undefined;
  private readonly texts: DateTexts = new Map();
  private count = 0;

  /** `limit`: the last day a transaction may have (named `limitName` in the message), e.g. the holdout end. */
  constructor(
    withAmounts: boolean,
    private readonly limit = Infinity,
    private readonly limitName = "as_of",
  ) {
    if (withAmounts) this.amounts = new Float64Array(1 << 16);
  }

  get rows(): number {
    return this.count;
  }

  get customers(): number {
    return this.known.size;
  }

  add(id: unknown, date: unknown, value: unknown): void {
    const row = this.count + 1;
    let c = customerId(id, row);
    const shared = this.known.get(c);
    if (shared === undefined) this.known.set(c, c);
    else c = shared;
    const d = transactionDate(date, row, Infinity, this.texts);
    if (Math.floor(d) > this.limit) throw valueError(`dates row ${row}: ${serialToIsoDateTime(d)} is after ${this.limitName} ${serialToIsoDateTime(this.limit)}`);
    if (this.count === this.dates.length) this.grow();
    if (this.amounts) this.amounts[this.count] = amount(value, row);
    this.dates[this.count] = d;
    this.ids.push(c);
    this.count++;
  }

  private grow(): void {
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.dates = bigger(this.dates);
    if (this.amounts) this.amounts = bigger(this.amounts);
  }

  columns(): TransactionColumnsData {
    if (this.count === 0) throw valueError("there are no transactions");
    return { rows: this.count, ids: this.ids, dates: this.dates.subarray(0, this.count), ...(this.amounts ? { amounts: this.amounts.subarray(0, this.count) } : {}) };
  }
}

/**
 * CRM.RFMTABLE's rule one transaction at a time, for files larger than a sheet: memory grows with
 * the customers, not the transactions. Each row is checked exactly as rfmTable checks it (same
 * messages; the first bad row stops), customers are kept in order of first appearance, and the
 * sums are exact: integer units at the smallest power of ten that fits every amount seen so far
 * (all sums rescaled, exactly, when a finer amount arrives), Decimal from the moment that would
 * stop being exact. CRM.RFMTABLE itself is this accumulator over its rows (rfm-table.ts).
 */
import { overflowError, valueError } from "./errors";
import { Decimal } from "./money";
import { CustomerIndex } from "./customer-index";
import type { RfmTable } from "./rfm-table";
import { amount, customerId, type DateTexts, transactionDate } from "./transaction-rows";

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];
const INTEGER_LIMIT = 2 ** 52;

function fitsAt(x: number, d: number): boolean {
  const p = POW10[d];
  return Math.round(x * p) / p === x;
}

export class RfmAccumulator {
  private readonly index = new CustomerIndex();
  private readonly ids = this.index.ids;
  private readonly texts: DateTexts = new Map();
  private frequency = new Float64Array(1024);
  private first = new Float64Array(1024);
  private last = new Float64Array(1024);
  private units = new Float64Array(1024);
  /** Sums in Decimal, once integer units could no longer be exact. */
  private decimals: Decimal[] | undefined;
  private decimalsPlaces = 0;
  private absTotal = 0;
  private count = 0;

  constructor(private readonly asOf: number) {}

  /** Transactions added so far. */
  get rows(): number {
    return this.count;
  }

  get customers(): number {
    return this.ids.length;
  }

  /** One transaction (cells as rfmTable takes them); throws the #VALUE! of a bad row, naming it by its 1-based number. */
  add(id: unknown, date: unknown, value: unknown): void {
    const row = this.count + 1;
    const c = customerId(id, row);
    const d = transactionDate(date, row, this.asOf, this.texts);
    const x = amount(value, row);
    const known = this.index.size;
    const g = this.index.indexOf(c);
    if (g === known) {
      if (g === this.frequency.length) this.grow();
      this.first[g] = d;
      this.last[g] = d;
    } else {
      if (d < this.first[g]) this.first[g] = d;
      if (d > this.last[g]) this.last[g] = d;
    }
    this.frequency[g]++;
    this.count++;
    this.addAmount(g, x);
  }

  private addAmount(g: number, x: number): void {
    if (this.decimals) {
      this.decimals[g] = (this.decimals[g] ?? new Decimal(0)).plus(x);
      return;
    }
    let d = this.decimalsPlaces;
    if (!fitsAt(x, d)) {
      do d++;
      while (d < POW10.length && !fitsAt(x, d));
      if (d === POW10.length) return this.toDecimals(g, x);
      // Exact: every sum is a whole number below 2^52 and the factor a power of ten.
      const factor = POW10[d - this.decimalsPlaces];
      for (let i = 0; i < this.ids.length; i++) this.units[i] *= factor;
      this.decimalsPlaces = d;
    }
    this.absTotal += Math.abs(x);
    if (!(this.absTotal * POW10[d] < INTEGER_LIMIT)) return this.toDecimals(g, x);
    this.units[g] += Math.round(x * POW10[d]);
  }

  private toDecimals(g: number, x: number): void {
    const scale = POW10[this.decimalsPlaces];
    this.decimals = Array.from({ length: this.ids.length }, (_, i) => new Decimal(this.units[i]).div(scale));
    this.decimals[g] = this.decimals[g].plus(x);
  }

  private grow(): void {
    const size = this.frequency.length * 2;
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.frequency = bigger(this.frequency);
    this.first = bigger(this.first);
    this.last = bigger(this.last);
    this.units = bigger(this.units);
  }

  /** One row per customer, as rfmTable gives it; #VALUE! when no transaction was added. */
  result(): RfmTable {
    const k = this.ids.length;
    if (this.count === 0) throw valueError("there are no transactions");
    const monetary = new Float64Array(k);
    const scale = POW10[this.decimalsPlaces];
    for (let g = 0; g < k; g++) monetary[g] = (this.decimals ? (this.decimals[g] ?? new Decimal(0)).toNumber() : this.units[g] / scale) + 0;
    // As rfmTable: a sum beyond the largest double is the #NUM! naming the customer, never Infinity.
    for (let g = 0; g < k; g++) if (!Number.isFinite(monetary[g])) throw overflowError(`amounts of customer ${JSON.stringify(this.ids[g])}`);
    const recency = new Float64Array(k);
    // Whole days between the dates, as the transactions are compared with as_of: by their day.
    const asOfDay = Math.floor(this.asOf);
    for (let g = 0; g < k; g++) recency[g] = asOfDay - Math.floor(this.last[g]);
    return { ids: this.ids.slice(), recency, frequency: this.frequency.slice(0, k), monetary, first: this.first.slice(0, k), last: this.last.slice(0, k) };
  }
}

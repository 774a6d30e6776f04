/**
 * The benches' generated data, written once (functions.bench.ts and rfm.bench.ts both use it):
 * deterministic columns, each data set from its own seed so that adding one changes no other.
 */
import { rng } from "./harness";

export const AS_OF = 45382; // 2024-03-31

/** Customers: recency in whole days over two years, frequency skewed towards few purchases, monetary in cents — many ties in recency and frequency, as real data has. */
export function rfmCustomers(n: number, seed = 20240331): { recency: Float64Array; frequency: Float64Array; monetary: Float64Array } {
  const random = rng(seed);
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recency[i] = Math.floor(random() * 731);
    frequency[i] = 1 + Math.floor(-Math.log(1 - random()) * 4);
    monetary[i] = Math.round(random() * random() * 5_000_000) / 100;
  }
  return { recency, frequency, monetary };
}

/** Transactions over `customers` customers (numbered; see transactionId): serial dates 2023-01-01 .. 2024-03-31, amounts in cents. */
export function transactions(n: number, customers = 200_000, seed = 1): { customer: Int32Array; dates: Float64Array; amounts: Float64Array } {
  const random = rng(seed);
  const customer = new Int32Array(n);
  const dates = new Float64Array(n);
  const amounts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    customer[i] = Math.floor(random() * customers);
    dates[i] = 44927 + Math.floor(random() * 455);
    amounts[i] = Math.round(random() * 100_000) / 100;
  }
  return { customer, dates, amounts };
}

/** A transaction's customer id as text, as an export has it: C000042. */
export function transactionId(customer: number): string {
  return `C${String(customer).padStart(6, "0")}`;
}

/** A column of `n` values drawn by `draw` from its own seed. */
export function column(n: number, seed: number, draw: (random: () => number) => number): Float64Array {
  const random = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(random);
  return out;
}

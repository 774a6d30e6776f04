/**
 * Aging 1,000,000 invoice lines (the task pane's "Receivables aging" on a whole sheet): the aging
 * report per customer, days and bucket labels per line, and the allowance. Baseline: the same
 * report summed line by line in Decimal, as one would first write it.
 */
import { agingDays, agingTable, allowance, bucketIndex, bucketLabels, DEFAULT_EDGES } from "../../src/core/aging";
import { Decimal } from "../../src/core/money";
import { report, rng, time } from "./harness";

const N = 1_000_000;
const CUSTOMERS = 20_000;
const AS_OF = 45382; // 2024-03-31

const random = rng(4);
const ids: string[] = new Array(N);
const dues: number[] = new Array(N);
const amounts: number[] = new Array(N);
for (let i = 0; i < N; i++) {
  ids[i] = `C${Math.floor(random() * CUSTOMERS)}`;
  dues[i] = AS_OF - 150 + Math.floor(random() * 200);
  amounts[i] = Math.round(random() * 5_000_000) / 100; // cents, as invoices have them
}

function decimalBaseline(): number {
  const width = DEFAULT_EDGES.length + 2;
  const groups = new Map<string, Decimal[]>();
  for (let i = 0; i < N; i++) {
    let g = groups.get(ids[i]);
    if (!g) groups.set(ids[i], (g = Array.from({ length: width }, () => new Decimal(0))));
    const b = bucketIndex(agingDays(dues[i], AS_OF), DEFAULT_EDGES);
    g[b] = g[b].plus(amounts[i]);
  }
  let total = new Decimal(0);
  for (const g of groups.values()) for (const x of g) total = total.plus(x);
  return total.toNumber();
}

const table = time("agingTable, 1,000,000 lines", () => agingTable(ids, dues, amounts, AS_OF), 2);
const baseline = time("Decimal line by line", decimalBaseline, 1);
report(table, baseline, `${table.result.rows.length} customers; grand total ${table.result.total.total} (baseline ${baseline.result})`);
if (table.result.total.total !== baseline.result) {
  console.error("grand totals differ");
  process.exitCode = 1;
}

const labels = bucketLabels(DEFAULT_EDGES, "zh");
const perLine = time("days and bucket label per line", () => {
  const out: string[] = new Array(N);
  for (let i = 0; i < N; i++) out[i] = labels[bucketIndex(agingDays(dues[i], AS_OF), DEFAULT_EDGES)];
  return out.length;
});
console.log(`${perLine.label}: ${perLine.ms.toFixed(1)} ms`);

const days = dues.map((d) => agingDays(d, AS_OF));
const allow = time("allowance, 1,000,000 lines", () => allowance(amounts, days, [0.01, 0.03, 0.05, 0.1, 0.3]));
console.log(`${allow.label}: ${allow.ms.toFixed(1)} ms (allowance ${allow.result})`);

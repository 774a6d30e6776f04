/**
 * One run of the streaming reader in its own process (so its peak memory is its own):
 * argv = transactions file (CSV or Parquet), output prefix, as_of. Writes the customer table (ids
 * as text lines, the five figures as little-endian doubles) and prints {"ms", "cpuMs", "maxRssMb"}
 * as JSON.
 */
import * as fs from "fs";
import { aggregateTransactionsFile } from "../../src/io/transactions-file";
import { nodeTransactionFile } from "../../src/io/node-transaction-file";

async function main(): Promise<void> {
  const [file, out, asOf] = process.argv.slice(2);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const t = await aggregateTransactionsFile(nodeTransactionFile(file), { columns: { id: "customer", date: "order date", amount: "amount" }, asOf: Number(asOf) });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  fs.writeFileSync(`${out}.txt`, t.ids.join("\n"));
  const k = t.ids.length;
  const v = new Float64Array(k * 5);
  for (let g = 0; g < k; g++) [t.recency[g], t.frequency[g], t.monetary[g], t.first[g], t.last[g]].forEach((x, c) => (v[g * 5 + c] = x));
  fs.writeFileSync(`${out}.f64`, Buffer.from(v.buffer));
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
void main();

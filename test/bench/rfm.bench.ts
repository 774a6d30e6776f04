/**
 * RFM at a million rows (npm run bench -- rfm):
 * 1. scoring 1,000,000 customers (three columns, 5 bins) with the core, next to a baseline in
 *    this process — the straightforward implementation: ordinary arrays, a comparator sort and a
 *    binary search per value, an object per row — and next to pandas ranking the same rows by
 *    the same rule when python3 has pandas (skipped otherwise; nothing is installed here);
 * 2. RFMTABLE grouping 1,000,000 transactions, next to a straightforward Map of objects with a
 *    Decimal sum per row.
 * Both comparisons also check that the results agree.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Decimal } from "../../src/core/money";
import { scoreRfm } from "../../src/core/rfm";
import { rfmTable } from "../../src/core/rfm-table";
import { AS_OF, rfmCustomers, transactionId, transactions } from "./data";
import { report, time } from "./harness";

const N = 1_000_000;
const BINS = 5;
const { recency, frequency, monetary } = rfmCustomers(N);

/** The baseline: the rule written plainly with ordinary arrays. */
function baselineScores(r: number[], f: number[], m: number[], bins: number): { r: number; f: number; m: number }[] {
  const n = r.length;
  const sortedR = [...r].sort((a, b) => a - b);
  const sortedF = [...f].sort((a, b) => a - b);
  const sortedM = [...m].sort((a, b) => a - b);
  const below = (sorted: number[], v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const atMost = (sorted: number[], v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const score = (c: number) => 1 + Math.floor((bins * c) / n);
  return r.map((_, i) => ({ r: score(n - atMost(sortedR, r[i])), f: score(below(sortedF, f[i])), m: score(below(sortedM, m[i])) }));
}

const plain = { r: Array.from(recency), f: Array.from(frequency), m: Array.from(monetary) };
console.log(`scoring ${N.toLocaleString("en")} customers, ${BINS} bins (best of 3 after a warm-up)`);
const core = time("core scoreRfm (typed arrays)", () => scoreRfm({ recency, frequency, monetary }, BINS));
const baseline = time("plain arrays + sort + binary search per value", () => baselineScores(plain.r, plain.f, plain.m, BINS), 2);
for (let i = 0; i < N; i++) {
  const b = baseline.result[i];
  if (core.result.r[i] !== b.r || core.result.f[i] !== b.f || core.result.m[i] !== b.m) throw new Error(`core and baseline disagree at row ${i + 1}`);
}
report(core, baseline, "same scores on every row");

// pandas, if this machine has it: the same rule with rank(method="min").
/** The first python with pandas: Debian's python3-pandas lives under /usr/bin/python3, which another python3 on PATH may hide. */
function pythonWithPandas(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(python, ["-c", "import pandas"], { stdio: "ignore" });
      return python;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function pandasSeconds(): number | undefined {
  const python = pythonWithPandas();
  if (python === undefined) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-"));
  try {
    for (const [name, column] of [["r", recency], ["f", frequency], ["m", monetary]] as const) fs.writeFileSync(path.join(dir, `${name}.f64`), Buffer.from(column.buffer));
    fs.writeFileSync(path.join(dir, "codes.i16"), Buffer.from(Int16Array.from(core.result.r, (r, i) => r * 100 + core.result.f[i] * 10 + core.result.m[i]).buffer));
    const script = `
import sys, time, numpy as np, pandas as pd
d, bins = sys.argv[1], ${BINS}
df = pd.DataFrame({c: np.fromfile(f"{d}/{c}.f64", dtype="<f8") for c in "rfm"})
n = len(df)
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    # c = customers strictly lower (recency: strictly higher) = the "min" rank − 1
    r = 1 + (bins * (df["r"].rank(method="min", ascending=False) - 1) // n)
    f = 1 + (bins * (df["f"].rank(method="min") - 1) // n)
    m = 1 + (bins * (df["m"].rank(method="min") - 1) // n)
    codes = (r * 100 + f * 10 + m).astype("int16").to_numpy()
    best = min(best, time.perf_counter() - t0)
assert (codes == np.fromfile(f"{d}/codes.i16", dtype="<i2")).all(), "pandas and core disagree"
print(best)
`;
    return Number(execFileSync(python, ["-c", script, dir], { encoding: "utf8" }).trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pandas = pandasSeconds();
if (pandas === undefined) console.log("pandas: skipped (python3 cannot import pandas on this machine; Debian's python3-pandas is not installed)");
else report(core, { label: "pandas rank(method='min'), same rule", ms: pandas * 1000 }, "same scores on every row");

// Transactions: 1,000,000 rows over 200,000 customers with text ids, serial dates, cents.
const T = 1_000_000;
const tx = transactions(T);
const ids = Array.from(tx.customer, transactionId);
const { dates, amounts } = tx;

function baselineTable(): Map<string, { frequency: number; monetary: Decimal; first: number; last: number }> {
  const byId = new Map<string, { frequency: number; monetary: Decimal; first: number; last: number }>();
  for (let i = 0; i < T; i++) {
    const c = byId.get(ids[i]);
    if (!c) byId.set(ids[i], { frequency: 1, monetary: new Decimal(amounts[i]), first: dates[i], last: dates[i] });
    else {
      c.frequency++;
      c.monetary = c.monetary.plus(amounts[i]);
      c.first = Math.min(c.first, dates[i]);
      c.last = Math.max(c.last, dates[i]);
    }
  }
  return byId;
}

console.log(`\nRFMTABLE: grouping ${T.toLocaleString("en")} transactions`);
const table = time("core rfmTable (Map → index, typed arrays, integer cents)", () => rfmTable(ids, dates, amounts, AS_OF));
const naive = time("Map of objects + Decimal per row", baselineTable, 2);
const t = table.result;
if (t.ids.length !== naive.result.size) throw new Error("different numbers of customers");
t.ids.forEach((id, g) => {
  const c = naive.result.get(id as string)!;
  if (c.frequency !== t.frequency[g] || c.monetary.toNumber() !== t.monetary[g] || c.last !== t.last[g] || AS_OF - c.last !== t.recency[g]) throw new Error(`customer ${id} differs`);
});
report(table, naive, `${t.ids.length.toLocaleString("en")} customers, same totals to the cent`);

const isoDates = Array.from(dates, (d) => new Date(Date.UTC(1899, 11, 30) + d * 86_400_000).toISOString().slice(0, 10));
const iso = time("core rfmTable with ISO text dates", () => rfmTable(ids, isoDates, amounts, AS_OF), 2);
report(iso, table, "1,000,000 date texts (parsed once per distinct text) vs serial dates");

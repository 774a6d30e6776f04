/**
 * A transactions file bigger than a sheet (npm run bench -- transactions-file): 10,000,000 orders
 * (~400 MB of CSV, generated once into the temp directory; CRM_BENCH_ROWS sets another count) to
 * one RFM row per customer with the streaming reader (src/io/transactions-csv.ts), in its own
 * process, next to pandas read_csv + groupby (same rule, cents summed as integers) in another:
 * wall time and peak resident memory of each, and the two customer tables compared figure by
 * figure.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rng } from "./harness";

const ROWS = Number(process.env.CRM_BENCH_ROWS ?? 10_000_000);
const CUSTOMERS = Math.max(1, Math.round(ROWS / 10));
const AS_OF = 45382;
const file = path.join(os.tmpdir(), `crm-orders-${ROWS}.csv`);

if (!fs.existsSync(file)) {
  const random = rng(99);
  const fd = fs.openSync(file + ".part", "w");
  const day0 = Date.UTC(2022, 0, 1);
  const days = Array.from({ length: 820 }, (_, d) => new Date(day0 + d * 86_400_000).toISOString().slice(0, 10));
  let buf = "order,customer,order date,amount\n";
  for (let i = 0; i < ROWS; i++) {
    buf += `O${i},C${String(Math.floor(random() * CUSTOMERS)).padStart(7, "0")},${days[Math.floor(random() * days.length)]},${(Math.floor(random() * 50_000) / 100).toFixed(2)}\n`;
    if (buf.length > 1 << 22) {
      fs.writeSync(fd, buf);
      buf = "";
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  fs.renameSync(file + ".part", file);
}
const mb = fs.statSync(file).size / 2 ** 20;
console.log(`${ROWS.toLocaleString("en")} transactions, ${CUSTOMERS.toLocaleString("en")} customers at most, ${mb.toFixed(0)} MB of CSV (${file})`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-file-bench-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
const child = path.join(__dirname, "transactions-file.child.js");
const ours = JSON.parse(execFileSync(process.execPath, [child, file, path.join(dir, "ours"), String(AS_OF)], { encoding: "utf8" }).trim()) as { ms: number; maxRssMb: number };

const script = `
import sys, json, time, resource, numpy as np, pandas as pd
file, out, as_of = sys.argv[1], sys.argv[2], float(sys.argv[3])
t0 = time.perf_counter()
df = pd.read_csv(file, usecols=["customer", "order date", "amount"], dtype={"customer": str, "order date": str, "amount": str})
dates = (pd.to_datetime(df["order date"], format="%Y-%m-%d") - pd.Timestamp("1899-12-30")).dt.days.astype("float64")
units = df["amount"].str.replace(".", "", regex=False).astype("int64")  # cents exactly: every amount has two decimals
t = pd.DataFrame({"id": df["customer"], "d": dates, "c": units}).groupby("id", sort=False).agg(frequency=("d", "size"), cents=("c", "sum"), first=("d", "min"), last=("d", "max"))
t["recency"] = as_of - t["last"]
t["monetary"] = t["cents"] / 100
ms = (time.perf_counter() - t0) * 1000
open(out + ".txt", "w").write("\\n".join(t.index))
t[["recency", "frequency", "monetary", "first", "last"]].to_numpy(dtype="<f8").tofile(out + ".f64")
u = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"ms": ms, "cpuMs": (u.ru_utime + u.ru_stime) * 1000, "maxRssMb": u.ru_maxrss / 1024}))
`;
let pandas: { ms: number; maxRssMb: number } | undefined;
try {
  pandas = JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, file, path.join(dir, "pandas"), String(AS_OF)], { encoding: "utf8", maxBuffer: 1 << 26 }).trim());
} catch (e) {
  console.log(`pandas: skipped (${(e as Error).message.split("\n")[0]})`);
}

const line = (label: string, r: { ms: number; maxRssMb: number }) => console.log(`${label.padEnd(44)} ${(r.ms / 1000).toFixed(1).padStart(7)} s | peak RSS ${r.maxRssMb.toFixed(0).padStart(6)} MB`);
line("streaming reader (papaparse + RfmAccumulator)", ours);
if (pandas) {
  line("pandas read_csv + groupby", pandas);
  const same = fs.readFileSync(path.join(dir, "ours.txt"), "utf8") === fs.readFileSync(path.join(dir, "pandas.txt"), "utf8") && fs.readFileSync(path.join(dir, "ours.f64")).equals(fs.readFileSync(path.join(dir, "pandas.f64")));
  console.log(`time ratio ours / pandas ${(ours.ms / pandas.ms).toFixed(2)} (target < 1: ${ours.ms < pandas.ms ? "met" : "MISSED"}); memory ${ours.maxRssMb < 1024 ? "under" : "OVER"} 1 GB; customer tables ${same ? "identical" : "DIFFERENT"}`);
  if (!same) process.exitCode = 1;
}

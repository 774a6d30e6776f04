/**
 * A transactions file bigger than a sheet (npm run bench -- transactions-file): 10,000,000 orders
 * (~400 MB of CSV, generated once into the temp directory, and the same rows as Parquet written by
 * DuckDB: DATE dates, DECIMAL(12,2) amounts, row groups of 122,880; CRM_BENCH_ROWS sets another
 * count) to one RFM row per customer with the streaming readers (src/io/transactions-file.ts),
 * each in its own process, next to pandas read_csv + groupby (same rule, cents summed as integers)
 * in another, and pandas read_parquet when Debian's python3 has pyarrow: wall time, CPU time (the
 * machine is shared: CPU time is the steadier figure) and peak resident memory of each, and the
 * customer tables compared figure by figure.
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

const parquet = file.replace(/\.csv$/, ".parquet");
if (!fs.existsSync(parquet)) {
  const sql = `COPY (SELECT "order", customer, "order date"::DATE AS "order date", amount::DECIMAL(12,2) AS amount FROM read_csv('${file}', header = true, all_varchar = true)) TO '${parquet}.part' (FORMAT parquet)`;
  execFileSync(process.execPath, ["-e", `require("@duckdb/node-api").DuckDBInstance.create(":memory:").then((db) => db.connect()).then((c) => c.run(${JSON.stringify(sql)}))`], { stdio: "inherit" });
  fs.renameSync(`${parquet}.part`, parquet);
}
console.log(`the same as Parquet: ${(fs.statSync(parquet).size / 2 ** 20).toFixed(0)} MB (${parquet})`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-file-bench-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
const child = path.join(__dirname, "transactions-file.child.js");
interface Run {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}
const run = (input: string, out: string): Run => JSON.parse(execFileSync(process.execPath, [child, input, path.join(dir, out), String(AS_OF)], { encoding: "utf8" }).trim());
const ours = run(file, "ours");
const oursParquet = run(parquet, "oursParquet");

const script = `
import sys, json, time, resource, numpy as np, pandas as pd
file, out, as_of = sys.argv[1], sys.argv[2], float(sys.argv[3])
t0 = time.perf_counter()
c0 = time.process_time()
df = pd.read_csv(file, usecols=["customer", "order date", "amount"], dtype={"customer": str, "order date": str, "amount": str})
dates = (pd.to_datetime(df["order date"], format="%Y-%m-%d") - pd.Timestamp("1899-12-30")).dt.days.astype("float64")
units = df["amount"].str.replace(".", "", regex=False).astype("int64")  # cents exactly: every amount has two decimals
t = pd.DataFrame({"id": df["customer"], "d": dates, "c": units}).groupby("id", sort=False).agg(frequency=("d", "size"), cents=("c", "sum"), first=("d", "min"), last=("d", "max"))
t["recency"] = as_of - t["last"]
t["monetary"] = t["cents"] / 100
ms = (time.perf_counter() - t0) * 1000
cpu = (time.process_time() - c0) * 1000
open(out + ".txt", "w").write("\\n".join(t.index))
t[["recency", "frequency", "monetary", "first", "last"]].to_numpy(dtype="<f8").tofile(out + ".f64")
print(json.dumps({"ms": ms, "cpuMs": cpu, "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;
let pandas: Run | undefined;
try {
  pandas = JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, file, path.join(dir, "pandas"), String(AS_OF)], { encoding: "utf8", maxBuffer: 1 << 26 }).trim());
} catch (e) {
  console.log(`pandas: skipped (${(e as Error).message.split("\n")[0]})`);
}

try {
  execFileSync("/usr/bin/python3", ["-c", "import pyarrow"], { stdio: "ignore" });
  console.log("pandas read_parquet: pyarrow is present but not benchmarked here yet");
} catch {
  console.log("pandas read_parquet: not run (Debian's python3 has neither pyarrow nor fastparquet, which pandas needs for Parquet)");
}

const line = (label: string, r: Run) => console.log(`${label.padEnd(44)} ${(r.ms / 1000).toFixed(1).padStart(7)} s wall | ${(r.cpuMs / 1000).toFixed(1).padStart(7)} s CPU | peak RSS ${r.maxRssMb.toFixed(0).padStart(6)} MB`);
const same = (a: string, b: string) => fs.readFileSync(path.join(dir, `${a}.txt`), "utf8") === fs.readFileSync(path.join(dir, `${b}.txt`), "utf8") && fs.readFileSync(path.join(dir, `${a}.f64`)).equals(fs.readFileSync(path.join(dir, `${b}.f64`)));
line("CSV: papaparse + RfmAccumulator", ours);
line("Parquet: hyparquet + RfmAccumulator", oursParquet);
const parquetSame = same("ours", "oursParquet");
console.log(`customer tables from CSV and Parquet ${parquetSame ? "identical" : "DIFFERENT"}`);
if (!parquetSame) process.exitCode = 1;
if (pandas) {
  line("pandas read_csv + groupby", pandas);
  const ok = same("ours", "pandas");
  const ratio = (r: Run, key: "ms" | "cpuMs") => (r[key] / pandas![key]).toFixed(2);
  console.log(`CSV ours / pandas: wall ${ratio(ours, "ms")}, CPU ${ratio(ours, "cpuMs")} (target < 1: ${ours.ms < pandas.ms ? "met" : "MISSED"}); Parquet ours / pandas CSV: wall ${ratio(oursParquet, "ms")}, CPU ${ratio(oursParquet, "cpuMs")}; memory ${Math.max(ours.maxRssMb, oursParquet.maxRssMb) < 1024 ? "under" : "OVER"} 1 GB; customer tables ${ok ? "identical" : "DIFFERENT"}`);
  if (!ok) process.exitCode = 1;
}

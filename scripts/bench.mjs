#!/usr/bin/env node
// npm run bench [-- NAME...]: compiles src/ and test/bench/ with tsc (CommonJS, into
// node_modules/.cache/crm-bench), then runs each test/bench/*.bench.ts in its own Node process
// (with --expose-gc) and passes its output through. Each benchmark prints its figures and the
// ratio against the baseline it names. Benchmarks are not tests: nothing here fails on time.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "node_modules/.cache/crm-bench");
const only = process.argv.slice(2);

fs.rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.bench.json")], { stdio: "inherit" });

const benches = fs
  .readdirSync(path.join(root, "test/bench"))
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  const js = path.join(out, "test/bench", file.replace(/\.ts$/, ".js"));
  console.log(`\n=== ${file}`);
  // The names are passed on: a bench may pick its parts by them (npm run bench -- functions RFMTABLE).
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", js, ...only], { stdio: "inherit", cwd: root });
  if (r.status !== 0) failed++;
}
if (failed) {
  console.error(`${failed} benchmark(s) failed to run`);
  process.exit(1);
}

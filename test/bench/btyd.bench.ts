/**
 * Customer-base fits at a million customers (npm run bench -- btyd):
 * 1,000,000 customers simulated from the BG/NBD at CDNOW's estimates (acquired over 12 weeks,
 * observed to week 39, purchase times on whole days as a log records them), fitted with
 * CRM.BGNBDFIT and CRM.PNBDFIT through the built bundle (dist/functions.js loaded the way fxeval
 * and Excel load it, 1M-row ranges in), and with the core directly; next to the same folding and
 * fit in Debian's python3-scipy + pandas (/usr/bin/python3; skipped with a note when absent).
 * Both sides fold equal (x, t_x, T) into weights and run Nelder-Mead on log-parameters.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { fitBgnbd } from "../../src/core/btyd/bgnbd";
import { foldHistories } from "../../src/core/btyd/customers";
import { fitPnbd } from "../../src/core/btyd/pnbd";
import { rng } from "./harness";

const N = 1_000_000;
const ROOT = path.resolve(__dirname, "../../../../..");
const random = rng(19970101);

function gamma(shape: number): number {
  // Marsaglia & Tsang; shape < 1 boosted by U^(1/shape).
  if (shape < 1) return gamma(shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      const u1 = random() || 1e-12;
      z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One customer's (x, t_x, T) in weeks, purchase days whole. */
function simulate(): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const [r, alpha, a, b] = [0.243, 4.414, 0.793, 2.426];
  const x = new Float64Array(N);
  const tx = new Float64Array(N);
  const T = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const firstDay = Math.floor(random() * 84);
    const ageDays = 273 - firstDay;
    const lambda = gamma(r) / alpha / 7; // per day
    const ga = gamma(a);
    const p = ga / (ga + gamma(b));
    let t = 0;
    let last = 0;
    let count = 0;
    for (;;) {
      t += -Math.log(1 - random()) / lambda;
      const day = Math.floor(t);
      if (day > ageDays) break;
      if (day > last) {
        count++;
        last = day;
      }
      if (random() < p) break;
    }
    x[i] = count;
    tx[i] = count > 0 ? last / 7 : 0;
    T[i] = ageDays / 7;
  }
  return { x, tx, T };
}

function loadBundle(): Map<string, (...args: unknown[]) => unknown> | undefined {
  const file = path.join(ROOT, "dist/functions.js");
  if (!fs.existsSync(file)) return undefined;
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    performance,
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id.toUpperCase(), fn),
      Error: class extends Error {
        constructor(
          public code: string,
          message?: string,
        ) {
          super(message);
        }
      },
      ErrorCode: { invalidValue: "#VALUE!", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!", notAvailable: "#N/A" },
    },
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  vm.runInContext(fs.readFileSync(file, "utf8"), vm.createContext(sandbox), { filename: file });
  return registered;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const fmt = (p: number[]) => p.map((v) => v.toFixed(4)).join(", ");

console.log(`simulating ${N.toLocaleString("en")} customers (BG/NBD at r 0.243, alpha 4.414, a 0.793, b 2.426) …`);
const data = simulate();
const t0 = performance.now();
const folded = foldHistories(Array.from(data.x), Array.from(data.tx), Array.from(data.T));
console.log(`distinct (x, t_x, T): ${folded.x.length.toLocaleString("en")} (folding in the core: ${seconds(t0).toFixed(2)} s)`);

const ours: Record<string, number> = {};
const bundle = loadBundle();
for (const [model, id] of [
  ["bgnbd", "BGNBDFIT"],
  ["pnbd", "PNBDFIT"],
] as const) {
  let t = performance.now();
  const f = model === "bgnbd" ? fitBgnbd(foldHistories(Array.from(data.x), Array.from(data.tx), Array.from(data.T))) : fitPnbd(foldHistories(Array.from(data.x), Array.from(data.tx), Array.from(data.T)));
  const core = seconds(t);
  console.log(`${id} core (fold + fit): ${core.toFixed(2)} s | ${fmt(Object.values(f.params))} | LL ${f.logLikelihood.toFixed(1)} | converged ${f.converged}`);
  if (bundle) {
    const column = (v: Float64Array) => Array.from(v, (c) => [c]);
    const args = [column(data.x), column(data.tx), column(data.T)];
    t = performance.now();
    const table = bundle.get(id)!(...args) as [string, number][];
    ours[model] = seconds(t);
    console.log(`${id} through dist/functions.js (1M-row ranges in): ${ours[model].toFixed(2)} s | ${fmt(table.slice(0, 4).map((r) => r[1]))} | LL ${Number(table[4][1]).toFixed(1)} | converged ${table[6][1]}`);
  } else {
    ours[model] = core;
    console.log("dist/functions.js not built (npm run build): timing the core only");
  }
}

const python = "/usr/bin/python3";
let scipy = false;
try {
  execFileSync(python, ["-c", "import scipy, pandas"], { stdio: "ignore" });
  scipy = true;
} catch {
  console.log(`no scipy/pandas in ${python}: the scipy comparison is skipped (apt-get install python3-scipy python3-pandas to run it)`);
}
if (scipy) {
  const csv = path.join(os.tmpdir(), `crm-btyd-bench-${process.pid}.csv`);
  const lines = ["x,tx,T"];
  for (let i = 0; i < N; i++) lines.push(`${data.x[i]},${data.tx[i]},${data.T[i]}`);
  fs.writeFileSync(csv, lines.join("\n"));
  try {
    const out = execFileSync(python, [path.join(ROOT, "test/bench/btyd_scipy.py"), csv, "bgnbd", "pnbd"], { encoding: "utf8", maxBuffer: 1 << 26 });
    for (const line of out.trim().split("\n")) {
      const r = JSON.parse(line) as { model: "bgnbd" | "pnbd"; seconds: number; params: number[]; log_likelihood: number; converged: boolean; evaluations: number };
      const ratio = r.seconds / ours[r.model];
      console.log(`scipy ${r.model} (pandas fold + Nelder-Mead): ${r.seconds.toFixed(2)} s | ${fmt(r.params)} | LL ${r.log_likelihood.toFixed(1)} | converged ${r.converged} | add-in ${ratio.toFixed(2)}× ${ratio >= 1 ? "faster" : "slower"}`);
    }
  } finally {
    fs.rmSync(csv, { force: true });
  }
}

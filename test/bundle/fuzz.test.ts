/**
 * Seeded fuzz of every custom function through the built bundle, called as Excel calls them
 * (fxeval: bare context, functions.json shapes). Issue 11's "done": no crash, no uncaught
 * exception, no internal error, no NaN/Infinity and no call over a few seconds, for hostile
 * scalars (huge counts, 9E307, impossible dates, formula text, NUL characters) and ranges (mixed
 * cells, odd shapes, long columns). Every function in functions.json is fuzzed, so a new one is
 * covered the day it is built. CRM_FUZZ_SEED replays another seed; CRM_FUZZ_CALLS sets the calls
 * per function (default 200: about 5,200 calls, well under a minute).
 */
import * as fs from "fs";
import * as path from "path";
import { execFileSync } from "child_process";
import { bundleIsBuilt, DIST, FXEVAL, Outcome } from "./fxeval";
import { rng } from "../support/random";

const SEED = Number(process.env.CRM_FUZZ_SEED ?? 20261201);
const CALLS_PER_FUNCTION = Number(process.env.CRM_FUZZ_CALLS ?? 200);
/** "No call longer than a few seconds" (contract conventions), with room for a loaded CI machine. */
const MAX_CALL_MS = 3000;

const HOSTILE_NUMBERS = [0, -0, 1, -1, 2, 5, 10, 0.5, 1.5, 0.999999, 1e-300, 5e-324, -1e-9, 9e307, -9e307, 1e308, 1.7976931348623157e308, 1e9, 1e15, 4294967295, 2 ** 32, 2 ** 53, 1200, 1201, 45000, 2958465, 2958466, 100, 0.08, -0.9999, 1e6];
const HOSTILE_TEXTS = ["", " ", "a", "AA", "AAA", "C", "zh", "en", "code", "sum", "scores", "cn8", "rf10", "2024-03-31", "2024-03-31 25:61", "2023-03-05 99:99:99", "1800-01-01", "2024-02-30", "9999-12-31 23:59:59", "2/10, n/30", "（6/10，3/20，n/45）", "=1+1", "+A1", "-1", "@SUM(A1)", "a\u0000b", "#N/A", "#REF!", "1,000", "５", "x".repeat(5000), "NaN", "Infinity", "1e309"];

function picker(r: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const cell = (): unknown => {
    const u = r();
    if (u < 0.45) return pick(HOSTILE_NUMBERS);
    if (u < 0.65) return Math.round((r() * 2 - 1) * 10 ** Math.floor(r() * 8) * 100) / 100;
    if (u < 0.85) return pick(HOSTILE_TEXTS);
    if (u < 0.93) return r() < 0.5;
    return null;
  };
  /** A range: mostly an n-row column (n shared by the call's ranges), sometimes any shape. */
  const range = (n: number): unknown[][] => {
    const u = r();
    const rows = u < 0.8 ? n : 1 + Math.floor(r() * 12);
    const columns = u < 0.8 ? 1 : 1 + Math.floor(r() * 8);
    const kind = r();
    // Homogeneous ranges reach past the first check more often than mixed ones.
    const make = kind < 0.3 ? () => pick(HOSTILE_NUMBERS) : kind < 0.5 ? () => Math.floor(r() * 10) : kind < 0.6 ? () => pick(["2024-03-31", "2024-01-01", 45000, 44000]) : cell;
    return Array.from({ length: rows }, () => Array.from({ length: columns }, make));
  };
  const length = (): number => {
    const u = r();
    if (u < 0.1) return 1;
    if (u < 0.9) return 2 + Math.floor(r() * 30);
    if (u < 0.995) return 100 + Math.floor(r() * 1000);
    return 20_000; // a long column: must still answer within its time
  };
  return { pick, cell, range, length };
}

interface Param {
  name: string;
  optional?: boolean;
  dimensionality?: string;
}

function calls(): { id: string; args: unknown[] }[] {
  const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: { id: string; parameters?: Param[] }[] };
  const r = rng(SEED);
  const p = picker(r);
  const out: { id: string; args: unknown[] }[] = [];
  for (const f of meta.functions) {
    const params = f.parameters ?? [];
    for (let k = 0; k < CALLS_PER_FUNCTION; k++) {
      const n = p.length();
      const args = params.map((param) => {
        if (param.optional && r() < 0.35) return null;
        return param.dimensionality === "matrix" ? p.range(n) : p.cell() ?? 0;
      });
      out.push({ id: f.id, args });
    }
  }
  return out;
}

function nonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(nonFinite);
  return false;
}

const built = bundleIsBuilt() && fs.existsSync(FXEVAL);
(built ? describe : describe.skip)(`seeded fuzz of every function through the bundle (seed ${SEED})`, () => {
  let outcomes: (Outcome & { ms?: number })[] = [];
  let input: { id: string; args: unknown[] }[] = [];
  let wallMs = 0;

  beforeAll(() => {
    input = calls();
    const t0 = Date.now();
    const text = execFileSync(process.execPath, [FXEVAL, "--dist", DIST, "--calls", "-"], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 512 * 1024 * 1024, timeout: 100_000 });
    wallMs = Date.now() - t0;
    // One line for the CI log: how long the fuzz took and its slowest call.
    const slowest = text.trim().split("\n").reduce((m, line) => Math.max(m, (JSON.parse(line) as { ms?: number }).ms ?? 0), 0);
    console.log(`fuzz: ${input.length} calls in ${wallMs} ms, slowest ${slowest} ms`);
    outcomes = text.trim().split("\n").map((line) => JSON.parse(line));
  }, 110_000);

  const show = (i: number) => `${input[i].id}(${JSON.stringify(input[i].args).slice(0, 300)}) → ${JSON.stringify(outcomes[i]).slice(0, 300)}`;

  test("every call answered (no crash of the function runtime), within a minute in all", () => {
    expect(outcomes.length).toBe(input.length);
    expect(wallMs).toBeLessThan(90_000);
  });

  test("no uncaught exception and no internal error", () => {
    const bad = outcomes.map((o, i) => (o.uncaught || o.harness || /internal error/.test(o.message ?? "") ? i : -1)).filter((i) => i >= 0);
    expect(bad.slice(0, 5).map(show)).toEqual([]);
  });

  test("no NaN or Infinity in any result (as a value or as the harness's non-finite error)", () => {
    const bad = outcomes.map((o, i) => (nonFinite(o.value) || /non-finite/.test(JSON.stringify(o)) ? i : -1)).filter((i) => i >= 0);
    expect(bad.slice(0, 5).map(show)).toEqual([]);
  });

  test(`no call over ${MAX_CALL_MS} ms`, () => {
    const slow = outcomes.map((o, i) => ((o.ms ?? 0) > MAX_CALL_MS ? i : -1)).filter((i) => i >= 0);
    expect(slow.slice(0, 5).map((i) => `${outcomes[i].ms} ms: ${show(i)}`)).toEqual([]);
  });

  test("every error names what is wrong (a message, never an empty one)", () => {
    const bare = outcomes.map((o, i) => (o.error && !(o.message ?? "").trim() ? i : -1)).filter((i) => i >= 0);
    expect(bare.slice(0, 5).map(show)).toEqual([]);
  });

  test("the fuzz reaches past argument checks: a fair share of calls return values", () => {
    const ok = outcomes.filter((o) => o.error === undefined).length;
    expect(ok / outcomes.length).toBeGreaterThan(0.03); // 4.6% of 8,800 calls over 44 functions (seed 20261201)
  });
});

(built ? describe : describe.skip)("issue 11 repros through the bundle", () => {
  const repro = (id: string, ...args: unknown[]) => {
    const text = execFileSync(process.execPath, [FXEVAL, "--dist", DIST, "--calls", "-"], { input: JSON.stringify([{ id, args }]), encoding: "utf8", timeout: 20_000 });
    return JSON.parse(text.trim()) as Outcome & { ms?: number };
  };

  test.each([1e9, 4294967295, 2 ** 32, 1_000_000])("CRM.CLV(8%%, %d, 100) is #NUM! naming periods at once, not out of memory", (periods) => {
    const o = repro("CLV", 0.08, periods, 100);
    expect(o.error).toBe("#NUM!");
    expect(o.message).toMatch(/periods/);
    expect(o.ms).toBeLessThan(500);
  });

  test('CRM.AGINGDAYS("2024-03-31 25:61", 45000) and RFMTABLE with 1800-01-01 are errors', () => {
    expect(repro("AGINGDAYS", "2024-03-31 25:61", 45000).value).toEqual([[{ error: "#VALUE!", message: expect.stringMatching(/due_date/) }]]);
    expect(repro("RFMTABLE", [["a"]], [["1800-01-01"]], [[1]], 45000)).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/dates row 1/) });
  });

  test("two amounts of 9E307 are #NUM! naming the argument", () => {
    expect(repro("RFMTABLE", [["a"], ["a"]], [[45000], [45000]], [[9e307], [9e307]], 45001)).toMatchObject({ error: "#NUM!", message: expect.stringMatching(/^amounts/) });
    expect(repro("AGINGTABLE", [["a"], ["a"]], [[45000], [45000]], [[9e307], [9e307]], 45001)).toMatchObject({ error: "#NUM!", message: expect.stringMatching(/^open_amounts/) });
  });
});

/**
 * Customer-base analysis through the built bundle (fxeval), with the acceptance numbers of issue 12:
 * the CDNOW sample (../shared/data/cdnow/) summarised and fitted as in Fader, Hardie & Lee (2005),
 * the published conditional expectation and forecasts, and Fader & Hardie's (2007) sBG cohorts.
 */
import * as fs from "fs";
import * as path from "path";
import { isoToSerial } from "../../src/core/dates";
import { describeCases, error } from "./cases";
import { fx, fxeval, Outcome, ROOT } from "./fxeval";

const CDNOW = path.join(ROOT, "../shared/data/cdnow");
const csv = (file: string) =>
  fs
    .readFileSync(path.join(CDNOW, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map(Number));
const summary = csv("cdnow_customers_summary.csv");
const withValues = csv("cdnow_customers_summary_with_transactions.csv");
const col = (rows: number[][], i: number) => rows.map((r) => [r[i]]);
const [x, tx, T] = [1, 2, 3].map((i) => col(summary, i));
const zbar = col(withValues, 4);
const log = fs
  .readFileSync(path.join(CDNOW, "CDNOW_sample.txt"), "utf8")
  .trim()
  .split("\n")
  .map((l) => l.trim().split(/\s+/));
const serial = (iso: string) => isoToSerial(iso)!;
const AS_OF = serial("1997-09-30");
const HOLDOUT_END = serial("1998-06-30");
const ROUNDED_BGNBD = [[0.243], [4.414], [0.793], [2.426]];
const ROUNDED_GG = [[6.25, 3.74, 15.44]];

/** name → value of a fit's spilled table. */
function named(r: Outcome): Record<string, unknown> {
  expect(r.error).toBeUndefined();
  return Object.fromEntries(r.value as [string, unknown][]);
}
/** A number, or a 1 × 1 spilled range holding one (results of range functions are ranges). */
const one = (v: unknown): number => (Array.isArray(v) ? (v as number[][])[0][0] : (v as number));
const round = (v: unknown, digits: number) => Number(one(v).toFixed(digits));
const near = (expected: number, digits: number) => (r: Outcome) => {
  expect(r.error).toBeUndefined();
  expect(round(r.value, digits)).toBe(expected);
};

describe("CDNOW acceptance (issue 12) through the bundle", () => {
  let fits: { bg: Outcome; bgFile: Outcome; pnbd: Outcome; gg: Outcome; summary: Outcome };
  beforeAll(() => {
    const [bgFile, sum] = fxeval([
      { id: "BGNBDFIT", args: [x, tx, T] },
      { id: "REPEATSUMMARY", args: [log.map((l) => [l[1]]), log.map((l) => [serial(`${l[2].slice(0, 4)}-${l[2].slice(4, 6)}-${l[2].slice(6)}`)]), AS_OF, log.map((l) => [Number(l[4])]), "week", HOLDOUT_END, false, "en"] },
    ]);
    // Gamma-Gamma on REPEATSUMMARY's exact mean values (the summary file's zbar is rounded to cents).
    // The fits take REPEATSUMMARY's exact t_x and T (the summary file rounds them to 2 decimals,
    // which moves Pareto/NBD's beta to 11.668) and exact mean values.
    const rows = sum.value as number[][];
    const column = (i: number) => rows.map((r) => [r[i]]);
    const [bg, pnbd, gg] = fxeval([
      { id: "BGNBDFIT", args: [column(1), column(2), column(3)] },
      { id: "PNBDFIT", args: [column(1), column(2), column(3)] },
      { id: "GAMMAGAMMAFIT", args: [column(1), column(4)] },
    ]);
    fits = { bg, bgFile, pnbd, gg, summary: sum };
  });

  test("REPEATSUMMARY of CDNOW_sample.txt (weeks, to 1997-09-30) equals cdnow_customers_summary.csv; mean repeat values equal zbar", () => {
    expect(fits.summary.error).toBeUndefined();
    const rows = fits.summary.value as (string | number)[][];
    expect(rows).toHaveLength(2357);
    expect(rows.map((r) => [Number(r[0]), r[1], round(r[2], 2), round(r[3], 2)])).toEqual(summary);
    // zbar is printed to cents; ours is exact (22.345 where the file shows 22.35).
    rows.forEach((r, i) => expect(Math.abs((r[4] as number) - withValues[i][4])).toBeLessThanOrEqual(0.005 + 1e-9));
    // Holdout column: occasions in (1997-09-30, 1998-06-30], whole numbers.
    expect(rows.every((r) => Number.isInteger(r[5]) && (r[5] as number) >= 0)).toBe(true);
  });

  test("BGNBDFIT: r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood −9582.4, 2357 customers, converged (on the summary file and on REPEATSUMMARY's table)", () => {
    const onFile = named(fits.bgFile);
    expect([round(onFile.r, 3), round(onFile.alpha, 3), round(onFile.a, 3), round(onFile.b, 3), round(onFile.log_likelihood, 1), onFile.converged]).toEqual([0.243, 4.414, 0.793, 2.426, -9582.4, true]);
    const f = named(fits.bg);
    expect([round(f.r, 3), round(f.alpha, 3), round(f.a, 3), round(f.b, 3), round(f.log_likelihood, 1)]).toEqual([0.243, 4.414, 0.793, 2.426, -9582.4]);
    expect([f.customers, f.converged]).toEqual([2357, true]);
  });

  test("PNBDFIT: r 0.553, alpha 10.578, s 0.606, beta 11.669, log-likelihood −9595.0, converged", () => {
    const f = named(fits.pnbd);
    expect([round(f.r, 3), round(f.alpha, 3), round(f.s, 3), round(f.beta, 3), round(f.log_likelihood, 1)]).toEqual([0.553, 10.578, 0.606, 11.669, -9595.0]);
    expect([f.customers, f.converged]).toEqual([2357, true]);
  });

  test("GAMMAGAMMAFIT on the 946 repeat buyers of REPEATSUMMARY's table: p 6.25, q 3.74, v 15.44, converged", () => {
    const f = named(fits.gg);
    expect([round(f.p, 2), round(f.q, 2), round(f.v, 2), f.customers, f.converged]).toEqual([6.25, 3.74, 15.44, 946, true]);
    expect(Math.abs(f.corr_x_value as number)).toBeLessThan(0.2);
  });

  test("the fitted table passed on: E[X(t)] at t = 0.1429, 1, 3, 31.8571, 32, 78 is 0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.858", () => {
    const r = fx("EXPECTEDPURCHASES", fits.bg.value, [[0.1429], [1], [3], [31.8571], [32], [78]]);
    expect(r.error).toBeUndefined();
    const v = (r.value as number[][]).map((row) => row[0]);
    expect(v.map((e, i) => round(e, i === 5 ? 3 : 4))).toEqual([0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.858]);
  });

  test("the fitted table passed on: customer x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks", () => {
    expect(round(fx("EXPECTEDPURCHASES", fits.bg.value, 39, 2, 30.43, 38.86).value, 3)).toBe(1.226);
  });

  test("the whole sample's predictions are finite, P(alive) within [0, 1], and predicted CLV ≥ 0", () => {
    const [alive, expected, clv] = fxeval([
      { id: "PALIVE", args: [fits.bg.value, x, tx, T] },
      { id: "EXPECTEDPURCHASES", args: [fits.pnbd.value, 39, x, tx, T] },
      { id: "CLVPREDICT", args: [fits.bg.value, fits.gg.value, x, tx, T, zbar, 52, 0.002] },
    ]);
    const flat = (r: Outcome) => (r.value as number[][]).map((row) => row[0]);
    expect(flat(alive).every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(flat(expected).every((e) => Number.isFinite(e) && e >= 0)).toBe(true);
    expect(flat(clv).every((c) => Number.isFinite(c) && c >= 0)).toBe(true);
    expect(flat(clv)).toHaveLength(2357);
  });
});

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];
const pair = (digits: number, expected: [number, number]) => (r: Outcome) => {
  const f = named(r);
  expect([round(f.alpha, digits), round(f.beta, digits)]).toEqual(expected);
};

describeCases("customer-base functions through the bundle: published numbers and errors", [
  { name: "P(X(39) = 0) = 0.5737864 at the rounded BG/NBD parameters", id: "PURCHASEPROB", args: [ROUNDED_BGNBD, 39, 0], check: near(0.5737864, 7) },
  { name: "1.226 at the rounded parameters too", id: "EXPECTEDPURCHASES", args: [ROUNDED_BGNBD, 39, 2, 30.43, 38.86], check: near(1.226, 3) },
  { name: "P(alive) for x = 1000, t_x = 10, T = 100 is 0, not NaN", id: "PALIVE", args: [ROUNDED_BGNBD, 1000, 10, 100], check: near(0, 12) },
  { name: "Pareto/NBD P(alive) for x = 1000, t_x = 10, T = 100 is 0 too", id: "PALIVE", args: [[["r", 0.553], ["alpha", 10.578], ["s", 0.606], ["beta", 11.669]], 1000, 10, 100], check: near(0, 12) },
  { name: "expected purchases of that customer are 0, not NaN", id: "EXPECTEDPURCHASES", args: [ROUNDED_BGNBD, 39, 1000, 10, 100], check: near(0, 12) },
  { name: "a customer without repeat purchases is alive under BG/NBD", id: "PALIVE", args: [ROUNDED_BGNBD, 0, 0, 38.86], check: near(1, 12) },
  { name: "expected value of a customer without repeat purchases is the population mean p·v/(q − 1)", id: "EXPECTEDVALUE", args: [ROUNDED_GG, 0, 0], check: near(35.22, 2) },
  { name: "sBG regular cohort (years 0–7): alpha 0.704, beta 1.182", id: "SBGFIT", args: [REGULAR.slice(0, 8).map((v) => [v])], check: pair(3, [0.704, 1.182]) },
  { name: "sBG high-end cohort (years 0–7): alpha 0.668, beta 3.806", id: "SBGFIT", args: [HIGH_END.slice(0, 8).map((v) => [v])], check: pair(3, [0.668, 3.806]) },
  { name: "sBG survival S(1) = β/(α + β)", id: "SBGSURVIVAL", args: [[[0.704, 1.182]], 1], check: near(Number((1.182 / 1.886).toFixed(10)), 10) },
  { name: "horizon 1201 → #NUM! naming horizon", id: "CLVPREDICT", args: [ROUNDED_BGNBD, ROUNDED_GG, 2, 30.43, 38.86, 22.35, 1201, 0.01], check: error("#NUM!", /horizon/) },
  { name: "t 1201 → #NUM! naming t", id: "EXPECTEDPURCHASES", args: [ROUNDED_BGNBD, 1201], check: error("#NUM!", /\bt\b/) },
  { name: "sBG survival t 1201 → #NUM! naming t", id: "SBGSURVIVAL", args: [[[0.704, 1.182]], 1201], check: error("#NUM!", /\bt\b/) },
  { name: "t_x > T in a fit → #VALUE! naming the row", id: "BGNBDFIT", args: [[[0], [1], [2]], [[0], [5], [40]], [[38], [38], [38]]], check: error("#VALUE!", /row 3/) },
  { name: "x > 0 with t_x = 0 → #VALUE!", id: "PNBDFIT", args: [[[0], [1], [2]], [[0], [0], [20]], [[38], [38], [38]]], check: error("#VALUE!", /row 2/) },
  { name: "fewer than 2 repeat buyers → #NUM!", id: "BGNBDFIT", args: [[[0], [1], [0]], [[0], [5], [0]], [[38], [38], [38]]], check: error("#NUM!", /2 customers/) },
  { name: "a non-positive parameter → #NUM!", id: "PALIVE", args: [[[0.243], [-4.414], [0.793], [2.426]], 2, 30, 38.86], check: error("#NUM!", /alpha/) },
  { name: "PURCHASEPROB of Pareto/NBD parameters → #NUM! saying BG/NBD", id: "PURCHASEPROB", args: [[["r", 0.553], ["alpha", 10.578], ["s", 0.606], ["beta", 11.669]], 39, 0], check: error("#NUM!", /BG\/NBD/) },
  { name: "a date after holdout_end → #VALUE! naming the row", id: "REPEATSUMMARY", args: [[["A"], ["A"]], [["2024-01-01"], ["2024-05-01"]], "2024-03-01", null, "week", "2024-04-01"], check: error("#VALUE!", /dates row 2.*holdout_end/) },
  { name: "holdout_end not after as_of → #NUM!", id: "REPEATSUMMARY", args: [[["A"]], [["2024-01-01"]], "2024-03-01", null, "week", "2024-02-01"], check: error("#NUM!", /holdout_end/) },
  { name: "survivor counts that rise → #NUM!", id: "SBGFIT", args: [[[1000], [631], [700]]], check: error("#NUM!", /never rise/) },
]);

describe("sBG feeds CRM.CLV's retention range", () => {
  test("CRM.SBGSURVIVAL(fit, {1,2,3,4}) as retention gives the CLV of the survival-weighted margins", () => {
    const fit = fx("SBGFIT", REGULAR.slice(0, 8).map((v) => [v]));
    const survival = fx("SBGSURVIVAL", fit.value, [[1, 2, 3, 4]]);
    expect(survival.error).toBeUndefined();
    const s = (survival.value as number[][])[0];
    const clv = fx("CLV", 0.1, 4, 100, null, null, null, [s]);
    expect(clv.error).toBeUndefined();
    const manual = s.reduce((acc, st, i) => acc + (100 * st) / 1.1 ** (i + 1), 0);
    expect(clv.value as number).toBeCloseTo(manual, 2);
  });
});

/**
 * Customer value in a migration model (客户转移模型, Dwyer; Pfeifer & Carraway's Markov chain):
 * a customer moves between k states period by period with the probabilities of a transition
 * matrix P and earns the reward of the state it is in. The value of starting in state s is
 *
 *   V_s = Σ_{t=0..n−1} [Pᵗ r]_s / (1 + d)^(t + 1 − timing)
 *
 * computed for every start state at once by Horner's rule, W ← r + P·W / (1 + d), so a call
 * costs n·k² decimal operations instead of the n·k³ of matrix powers.
 */
import { numError, valueError } from "./errors";
import { Decimal, dec, toNumber } from "./money";
import { MAX_PERIODS } from "./limits";
import { Timing } from "./clv";

/** Whole periods allowed: the contract's one bound on every horizon (limits.ts). */
export { MAX_PERIODS } from "./limits";
/** States allowed: 1200·k² decimal operations must stay within about a second (the texts' models have a handful). */
export const MAX_STATES = 12;
/** How far a row of the matrix may be from summing to 1. */
const ROW_TOLERANCE = 1e-9;

export interface MigrationInput {
  /** k rows of k probabilities: row i is where a customer in state i goes next period. */
  transitions: readonly (readonly number[])[];
  /** The value of one period in each state (k values). */
  rewards: readonly number[];
  rate: number;
  periods: number;
  timing?: Timing;
}

function checkMatrix(p: readonly (readonly number[])[]): number {
  const k = p.length;
  if (k === 0) throw valueError("transitions is empty");
  if (k > MAX_STATES) throw numError(`transitions may have at most ${MAX_STATES} states (got ${k})`);
  p.forEach((row, i) => {
    if (row.length !== k) throw valueError(`transitions must be a square matrix (${k} rows, but row ${i + 1} has ${row.length} columns)`);
    row.forEach((x, j) => {
      if (!(x >= 0 && x <= 1)) throw numError(`transitions row ${i + 1}, column ${j + 1} must be a probability from 0 to 1 (got ${x})`);
    });
    const total = row.reduce((a, x) => a.plus(x), new Decimal(0));
    if (total.minus(1).abs().gt(ROW_TOLERANCE)) throw numError(`transitions row ${i + 1} must add up to 1 (it adds up to ${toNumber(total)})`);
  });
  return k;
}

/** The value of a customer starting in each state (k values, in state order). */
export function clvMigration(input: MigrationInput): number[] {
  const { transitions: p, rewards, rate, periods } = input;
  const timing = input.timing ?? 0;
  const k = checkMatrix(p);
  if (rewards.length !== k) throw valueError(`rewards has ${rewards.length} values but transitions has ${k} states`);
  if (!(rate > -1)) throw numError(`rate must be greater than -100% (got ${rate})`);
  if (!Number.isInteger(periods) || periods < 1) throw numError(`periods must be a whole number ≥ 1 (got ${periods})`);
  if (periods > MAX_PERIODS) throw numError(`periods must be at most ${MAX_PERIODS} (got ${periods})`);
  if (timing !== 0 && timing !== 1) throw numError(`timing must be 0 (end of period) or 1 (start of period), got ${timing}`);

  const discount = dec(1).div(dec(1).plus(rate));
  const r = rewards.map((x) => dec(x));
  const P = p.map((row) => row.map((x) => dec(x)));
  // W_1 = r; W_{j+1} = r + δ·P·W_j; after n steps W = Σ_{t<n} δᵗ Pᵗ r.
  let w = r;
  for (let step = 1; step < periods; step++) {
    w = P.map((row, i) => {
      let acc = new Decimal(0);
      for (let j = 0; j < k; j++) if (!row[j].isZero()) acc = acc.plus(row[j].times(w[j]));
      return r[i].plus(acc.times(discount));
    });
  }
  // Rewards at the end of each period are discounted once more than at its start.
  const first = timing === 0 ? discount : dec(1);
  return w.map((x) => toNumber(x.times(first)));
}

/**
 * The stage of a customer relationship (客户关系生命周期的四阶段：考察期、形成期、稳定期、退化期)
 * from the customer's purchase amounts per period, oldest first.
 *
 * The course texts describe the stages (trial orders in exploration, fast growth in build-up,
 * high and flat in maturity, falling in decline) but give no rule; this is the add-in's reading:
 * with f the first period with a purchase and tenure the periods from f to the last one,
 * tenure ≤ explore_periods → exploration; else the mean of the last `window` periods against the
 * mean of the `window` periods before them: growth above `tolerance` → build-up; below
 * −tolerance, or no purchase in the last `window` periods → decline; else maturity.
 */
import { Cell, CrmError, numError } from "./errors";
import { Bilingual, Language } from "./labels";
import { Decimal, dec } from "./money";
import { MAX_PERIODS } from "./limits";

export type Stage = "exploration" | "buildup" | "maturity" | "decline";

export const STAGE_LABELS: Readonly<Record<Stage, Bilingual>> = {
  exploration: { zh: "考察期", en: "Exploration" },
  buildup: { zh: "形成期", en: "Build-up" },
  maturity: { zh: "稳定期", en: "Maturity" },
  decline: { zh: "退化期", en: "Decline" },
};

/** Whole periods allowed: the contract's one bound on every horizon (limits.ts). */
export { MAX_PERIODS } from "./limits";

export interface LifecycleOptions {
  explorePeriods?: number;
  window?: number;
  tolerance?: number;
}

function wholeCount(x: number, name: string): number {
  if (!Number.isInteger(x) || x < 1) throw numError(`${name} must be a whole number ≥ 1 (got ${x})`);
  if (x > MAX_PERIODS) throw numError(`${name} must be at most ${MAX_PERIODS} (got ${x})`);
  return x;
}

/** Checks the options once for all rows. */
export function lifecycleOptions(o: LifecycleOptions): Required<LifecycleOptions> {
  const tolerance = o.tolerance ?? 0.1;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw numError(`tolerance must be 0 or more (got ${tolerance})`);
  return { explorePeriods: wholeCount(o.explorePeriods ?? 3, "explore_periods"), window: wholeCount(o.window ?? 3, "window"), tolerance };
}

const total = (xs: readonly number[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));

/** The stage of one customer's row of amounts (blanks already 0); #N/A when it never bought. */
export function lifecycleStage(amounts: readonly number[], options: LifecycleOptions = {}): Stage {
  const { explorePeriods, window, tolerance } = lifecycleOptions(options);
  amounts.forEach((x, i) => {
    if (!(x >= 0)) throw numError(`amounts period ${i + 1} must not be negative (got ${x})`);
  });
  const f = amounts.findIndex((x) => x > 0);
  if (f < 0) throw new CrmError("#N/A", "no purchases: the customer has no amount above 0 in any period");
  const history = amounts.slice(f);
  const tenure = history.length;
  if (tenure <= explorePeriods) return "exploration";
  const m = amounts.length;
  if (amounts.slice(Math.max(0, m - window)).every((x) => x === 0)) return "decline";
  // With fewer than 2·window periods since f, compare what there is: at least one period each side.
  const recentLength = Math.min(window, tenure - 1);
  const earlierLength = Math.min(window, tenure - recentLength);
  const recent = total(history.slice(tenure - recentLength));
  const earlier = total(history.slice(tenure - recentLength - earlierLength, tenure - recentLength));
  if (earlier.isZero()) return "buildup"; // buying now after nothing before: growth
  // growth = (recent / recentLength) / (earlier / earlierLength) − 1, exactly
  const growth = recent.times(earlierLength).div(earlier.times(recentLength)).minus(1);
  if (growth.gt(tolerance)) return "buildup";
  if (growth.lt(dec(tolerance).negated())) return "decline";
  return "maturity";
}

/** CRM.LIFECYCLESTAGE over rows: each row's label, or that row's own error. */
export function lifecycleStages(rows: readonly Cell<readonly number[]>[], options: LifecycleOptions = {}, lang: Language = "zh"): Cell<string>[] {
  lifecycleOptions(options); // a bad option is the whole call's error, not every row's
  return rows.map((row) => {
    if (row instanceof CrmError) return row;
    try {
      return STAGE_LABELS[lifecycleStage(row, options)][lang];
    } catch (e) {
      if (e instanceof CrmError) return e;
      throw e;
    }
  });
}

/**
 * Customer lifetime value (客户终生价值), the models of the course texts and their exercises:
 *
 *   CLV = P0 − AC + Σ_{t=1..n} s_t · (R_t − C_t) / (1 + d)^(t − timing)
 *
 * Every amount is carried in decimal arithmetic; only the final figures become numbers.
 */
import { divError, finite, numError, valueError } from "./errors";
import { checkCount, MAX_PERIODS } from "./limits";
import { Decimal, dec, toNumber } from "./money";

/** Cash at the end of each period (0) or at its start (1). */
export type Timing = 0 | 1;

/** A per-period input: one value for every period, or exactly one value per period. */
export type PerPeriod = number | readonly number[];

export interface ClvInput {
  rate: number;
  /** Number of periods; left out when `revenue` is a list (n = its length). */
  periods?: number;
  revenue: PerPeriod;
  cost?: PerPeriod;
  acquisitionCost?: number;
  firstPurchase?: number;
  /** Left out: no attrition; a number: constant retention rate; a list: survival s_t as given. */
  retention?: PerPeriod;
  timing?: Timing;
}

export interface ClvPeriod {
  t: number;
  revenue: number;
  cost: number;
  margin: number;
  survival: number;
  discountFactor: number;
  presentValue: number;
  /** P0 − AC plus the present values up to and including this period. */
  runningTotal: number;
}

export interface ClvSchedule {
  periods: ClvPeriod[];
  totals: { revenue: number; cost: number; margin: number; presentValue: number };
  /** P0 − AC, the value at time 0. */
  upfront: number;
  clv: number;
}

function checkRate(rate: number): void {
  if (!(rate > -1)) throw numError(`rate must be greater than -100% (got ${rate})`);
}

function checkTiming(timing: number): Timing {
  if (timing !== 0 && timing !== 1) throw numError(`timing must be 0 (end of period) or 1 (start of period), got ${timing}`);
  return timing;
}

function periodCount(input: ClvInput): number {
  const { periods, revenue } = input;
  if (periods === undefined) {
    if (typeof revenue === "number") throw valueError("periods is needed when revenue is a single number");
    if (revenue.length === 0) throw valueError("revenue is empty");
    if (revenue.length > MAX_PERIODS) throw numError(`periods (the ${revenue.length} values of revenue) must be at most ${MAX_PERIODS.toLocaleString("en-US")}`);
    return revenue.length;
  }
  return checkCount(periods, "periods", 1, MAX_PERIODS);
}

/** One value per period, a single value repeated, or #VALUE! when a list has another length. */
function expand(values: PerPeriod, n: number, name: string): number[] {
  if (typeof values === "number") return new Array<number>(n).fill(values);
  if (values.length === 1) return new Array<number>(n).fill(values[0]);
  if (values.length !== n) throw valueError(`${name} has ${values.length} values but periods is ${n}`);
  return [...values];
}

function survivals(retention: PerPeriod | undefined, n: number, timing: Timing): Decimal[] {
  if (retention === undefined) return new Array(n).fill(new Decimal(1));
  const check = (r: number, where: string) => {
    if (!(r >= 0 && r <= 1)) throw numError(`retention${where} must be between 0 and 1 (got ${r})`);
  };
  if (typeof retention === "number" || retention.length === 1) {
    // A single value is a constant retention rate: the customer survives t − timing renewals.
    const r = typeof retention === "number" ? retention : retention[0];
    check(r, "");
    return Array.from({ length: n }, (_, i) => dec(r).pow(i + 1 - timing));
  }
  if (retention.length !== n) throw valueError(`retention has ${retention.length} values but periods is ${n}`);
  return retention.map((r, i) => {
    check(r, ` in period ${i + 1}`);
    return dec(r);
  });
}

/** The full period-by-period calculation; `clv(...)` is its final figure. */
export function clvSchedule(input: ClvInput): ClvSchedule {
  checkRate(input.rate);
  const timing = checkTiming(input.timing ?? 0);
  const n = periodCount(input);
  const revenue = expand(input.revenue, n, "revenue");
  const cost = expand(input.cost ?? 0, n, "cost");
  const s = survivals(input.retention, n, timing);
  const growth = dec(1).plus(input.rate);
  const upfront = dec(input.firstPurchase ?? 0).minus(input.acquisitionCost ?? 0);

  let running = upfront;
  let totalRevenue = new Decimal(0);
  let totalCost = new Decimal(0);
  let totalPv = new Decimal(0);
  const periods: ClvPeriod[] = [];
  // (1 + d)^(t − timing) grows by one factor a period: a product, not a power per period.
  let compounded = growth.pow(1 - timing);
  for (let i = 0; i < n; i++) {
    const t = i + 1;
    if (i > 0) compounded = compounded.times(growth);
    const margin = dec(revenue[i]).minus(cost[i]);
    const factor = dec(1).div(compounded);
    const pv = s[i].times(margin).times(factor);
    running = running.plus(pv);
    totalRevenue = totalRevenue.plus(revenue[i]);
    totalCost = totalCost.plus(cost[i]);
    totalPv = totalPv.plus(pv);
    periods.push({
      t,
      revenue: revenue[i],
      cost: cost[i],
      margin: toNumber(margin),
      survival: toNumber(s[i]),
      discountFactor: toNumber(factor),
      presentValue: toNumber(pv),
      runningTotal: toNumber(running),
    });
  }
  // Decimal has no overflow; the numbers it becomes do. Name what made the figure too large.
  const what = "rate, periods and revenue/cost";
  for (const p of periods) for (const v of [p.margin, p.discountFactor, p.presentValue, p.runningTotal]) finite(v, what);
  return {
    periods,
    totals: {
      revenue: finite(toNumber(totalRevenue), "revenue"),
      cost: finite(toNumber(totalCost), "cost"),
      margin: finite(toNumber(totalRevenue.minus(totalCost)), "revenue and cost"),
      presentValue: finite(toNumber(totalPv), what),
    },
    upfront: finite(toNumber(upfront), "first_purchase and acquisition_cost"),
    clv: finite(toNumber(running), what),
  };
}

/** Discounted value of a customer relationship. */
export function clv(input: ClvInput): number {
  return clvSchedule(input).clv;
}

/** The perpetuity before it leaves decimal arithmetic; `retentionName` names the argument in messages. */
function perpetuity(margin: number, retention: number, rate: number, acquisitionCost: number, timing: number, retentionName = "retention"): Decimal {
  if (!(retention >= 0 && retention < 1)) throw numError(`${retentionName} must be at least 0 and below 1 (got ${retention})`);
  checkRate(rate);
  const t = checkTiming(timing);
  const denominator = dec(1).plus(rate).minus(retention);
  // The geometric series only converges when (1 + d) > r.
  if (denominator.lte(0)) throw numError(`rate must be greater than ${retentionName} − 1 for the series to converge (rate ${rate}, ${retentionName} ${retention})`);
  const numerator = t === 0 ? dec(margin).times(retention) : dec(margin).times(dec(1).plus(rate));
  return numerator.div(denominator).minus(acquisitionCost);
}

/**
 * Infinite horizon with constant retention r and discount rate d:
 * timing 0 → m·r / (1 + d − r) − AC; timing 1 → m·(1 + d) / (1 + d − r) − AC.
 */
export function clvPerpetuity(margin: number, retention: number, rate: number, acquisitionCost = 0, timing: number = 0): number {
  return finite(toNumber(perpetuity(margin, retention, rate, acquisitionCost, timing)), "margin, retention and rate");
}

/**
 * CRM.RETENTIONIMPACT: the relative change of the perpetuity CLV when retention moves from
 * `retention` to `newRetention` (the course texts' "5% more retention, 25–85% more profit"):
 * CLV_new / CLV_old − 1, computed exactly; CLV_old 0 is #DIV/0!.
 */
export function retentionImpact(margin: number, retention: number, rate: number, newRetention: number, acquisitionCost = 0, timing: number = 0): number {
  const before = perpetuity(margin, retention, rate, acquisitionCost, timing);
  const after = perpetuity(margin, newRetention, rate, acquisitionCost, timing, "new_retention");
  if (before.isZero()) throw divError(`the lifetime value at retention ${retention} is 0, so a relative change has no meaning`);
  return finite(toNumber(after.div(before).minus(1)), "margin, retention and rate");
}

/** avg_order_value × orders_per_period × periods × margin − acquisition_cost. */
export function clvSimple(avgOrderValue: number, ordersPerPeriod: number, periods: number, margin = 1, acquisitionCost = 0): number {
  if (ordersPerPeriod < 0) throw numError(`orders_per_period must not be negative (got ${ordersPerPeriod})`);
  if (periods < 0) throw numError(`periods must not be negative (got ${periods})`);
  if (periods > MAX_PERIODS) throw numError(`periods must be at most ${MAX_PERIODS.toLocaleString("en-US")} (got ${periods})`);
  return finite(toNumber(dec(avgOrderValue).times(ordersPerPeriod).times(periods).times(margin).minus(acquisitionCost)), "avg_order_value, orders_per_period and periods");
}

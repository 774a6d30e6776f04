/**
 * Customer lifetime value functions (客户终生价值). Thin wrappers: argument conversion, then core.
 * The JSDoc below is the Excel metadata (custom-functions-metadata reads it at build time).
 */
import { clv as clvCore, clvPerpetuity as perpetuityCore, clvSchedule as scheduleCore, clvSimple as simpleCore, ClvInput, PerPeriod, retentionImpact as impactCore, Timing } from "../core/clv";
import { clvMigration as migrationCore } from "../core/migration";
import { labels as clvLabels } from "../core/clv-labels";
import { numError, valueError } from "../core/errors";
import { column, ExcelCell, excel, language as languageArg, matrix, num, numList, optList, optNum, table } from "./args";

function perPeriod(range: unknown, name: string): PerPeriod | undefined {
  const cells = optList(range, name);
  if (cells === undefined) return undefined;
  return numList(cells.map((c) => [c]), name);
}

function timingArg(value: unknown): Timing {
  if (typeof value === "boolean") return value ? 1 : 0;
  const t = optNum(value, "timing", 0);
  if (t !== 0 && t !== 1) throw numError(`timing must be 0 (end of period) or 1 (start of period), got ${t}`);
  return t;
}

function clvInput(rate: unknown, periods: unknown, revenue: unknown, cost: unknown, acquisitionCost: unknown, firstPurchase: unknown, retention: unknown, timing: unknown): ClvInput {
  const revenueValues = perPeriod(revenue, "revenue");
  if (revenueValues === undefined) throw valueError("revenue is required");
  return {
    rate: num(rate, "rate"),
    periods: optNum(periods, "periods"),
    revenue: revenueValues,
    cost: perPeriod(cost, "cost"),
    acquisitionCost: optNum(acquisitionCost, "acquisition_cost", 0),
    firstPurchase: optNum(firstPurchase, "first_purchase", 0),
    retention: perPeriod(retention, "retention"),
    timing: timingArg(timing),
  };
}

/**
 * Customer lifetime value: first purchase − acquisition cost + the discounted, retention-weighted margins of n periods.
 * @customfunction CLV
 * @param rate Discount rate per period (8% = 0.08), greater than −100%.
 * @param [periods] Number of periods n, a whole number ≥ 1; may be left out when revenue is a range (n = its length).
 * @param [revenue] Revenue per period: one number for every period, or a range of n values. Required.
 * @param [cost] Cost per period (service cost): one number or a range of n values. Default 0.
 * @param [acquisition_cost] Acquisition cost paid once at the start. Default 0.
 * @param [first_purchase] First-purchase profit earned once at the start. Default 0.
 * @param [retention] Left out: no attrition; a number in [0, 1]: constant retention rate; a range of n values: the probability the customer is still active in each period.
 * @param [timing] 0 (default): cash at the end of each period; 1: at the start.
 * @returns The customer lifetime value.
 */
export function clv(rate: any, periods?: any, revenue?: any[][], cost?: any[][], acquisition_cost?: any, first_purchase?: any, retention?: any[][], timing?: any): number {
  return excel(() => clvCore(clvInput(rate, periods, revenue, cost, acquisition_cost, first_purchase, retention, timing)));
}

/**
 * The CLV calculation as a table for teaching: one row per period and a total row whose last value equals CRM.CLV.
 * @customfunction CLVSCHEDULE
 * @param rate Discount rate per period (8% = 0.08), greater than −100%.
 * @param [periods] Number of periods n; may be left out when revenue is a range.
 * @param [revenue] Revenue per period: one number or a range of n values. Required.
 * @param [cost] Cost per period: one number or a range of n values. Default 0.
 * @param [acquisition_cost] Acquisition cost paid once at the start. Default 0.
 * @param [first_purchase] First-purchase profit earned once at the start. Default 0.
 * @param [retention] Left out: no attrition; a number: constant retention rate; a range: survival per period.
 * @param [timing] 0 (default): cash at the end of each period; 1: at the start.
 * @param [language] "zh" (default) or "en" for the header labels.
 * @returns A header row, one row per period (t, revenue, cost, margin, survival, discount factor, present value, running total) and a total row.
 */
export function clvSchedule(rate: any, periods?: any, revenue?: any[][], cost?: any[][], acquisition_cost?: any, first_purchase?: any, retention?: any[][], timing?: any, language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const schedule = scheduleCore(clvInput(rate, periods, revenue, cost, acquisition_cost, first_purchase, retention, timing));
    const l = clvLabels[lang];
    const rows = schedule.periods.map((p) => [p.t, p.revenue, p.cost, p.margin, p.survival, p.discountFactor, p.presentValue, p.runningTotal]);
    const { totals } = schedule;
    return table([l.header, ...rows, [l.total, totals.revenue, totals.cost, totals.margin, null, null, totals.presentValue, schedule.clv]]);
  });
}

/**
 * Lifetime value over an infinite horizon with a constant retention rate.
 * @customfunction CLVPERPETUITY
 * @param margin Margin per period.
 * @param retention Constant retention rate r, 0 ≤ r < 1.
 * @param rate Discount rate d per period, greater than −100%.
 * @param [acquisition_cost] Acquisition cost. Default 0.
 * @param [timing] 0 (default): m·r / (1 + d − r) − AC; 1: m·(1 + d) / (1 + d − r) − AC.
 * @returns The customer lifetime value.
 */
export function clvPerpetuity(margin: any, retention: any, rate: any, acquisition_cost?: any, timing?: any): number {
  return excel(() => perpetuityCore(num(margin, "margin"), num(retention, "retention"), num(rate, "rate"), optNum(acquisition_cost, "acquisition_cost", 0), timingArg(timing)));
}

/**
 * Simple lifetime value: average order value × orders per period × periods × margin − acquisition cost.
 * @customfunction CLVSIMPLE
 * @param avg_order_value Average purchase value.
 * @param orders_per_period Purchases per period.
 * @param periods Customer lifespan in periods.
 * @param [margin] Profit margin as a fraction. Default 1.
 * @param [acquisition_cost] Acquisition cost. Default 0.
 * @returns The customer lifetime value.
 */
export function clvSimple(avg_order_value: any, orders_per_period: any, periods: any, margin?: any, acquisition_cost?: any): number {
  return excel(() => simpleCore(num(avg_order_value, "avg_order_value"), num(orders_per_period, "orders_per_period"), num(periods, "periods"), optNum(margin, "margin", 1), optNum(acquisition_cost, "acquisition_cost", 0)));
}


/**
 * Relative change of the infinite-horizon lifetime value (CRM.CLVPERPETUITY) when retention rises or falls: CLV_new / CLV_old − 1.
 * @customfunction RETENTIONIMPACT
 * @param margin Margin per period.
 * @param retention Today's constant retention rate r, 0 ≤ r < 1.
 * @param rate Discount rate d per period, greater than −100%.
 * @param new_retention The retention rate to compare with, 0 ≤ r < 1.
 * @param [acquisition_cost] Acquisition cost, subtracted from both values. Default 0.
 * @param [timing] 0 (default): margins at the end of each period; 1: at the start.
 * @returns The relative change of the lifetime value (0.275 = 27.5% more).
 */
export function retentionImpact(margin: any, retention: any, rate: any, new_retention: any, acquisition_cost?: any, timing?: any): number {
  return excel(() => impactCore(num(margin, "margin"), num(retention, "retention"), num(rate, "rate"), num(new_retention, "new_retention"), optNum(acquisition_cost, "acquisition_cost", 0), timingArg(timing)));
}

/**
 * Customer value in a migration model (Markov chain): the discounted rewards of a customer moving between states with the given transition probabilities.
 * @customfunction CLVMIGRATION
 * @param transitions A k×k matrix: row i holds the probabilities of moving from state i to each state next period; each row adds up to 1.
 * @param rewards The value of one period in each state (k values, in the order of the matrix rows).
 * @param rate Discount rate per period, greater than −100%.
 * @param periods Number of periods, a whole number from 1 to 1200.
 * @param [start_state] The state the customer starts in (1 to k). Left out: one value per state, spilled as a column.
 * @param [timing] 0 (default): rewards at the end of each period; 1: at the start.
 * @returns The value of a customer starting in start_state, or a column of k values, one per state.
 */
export function clvMigration(transitions: any[][], rewards: any[][], rate: any, periods: any, start_state?: any, timing?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const rows = matrix(transitions, "transitions");
    const p = rows.map((row, i) => row.map((x, j) => num(x, `transitions row ${i + 1}, column ${j + 1}`)));
    const values = migrationCore({ transitions: p, rewards: numList(rewards, "rewards"), rate: num(rate, "rate"), periods: num(periods, "periods"), timing: timingArg(timing) });
    const start = optNum(start_state, "start_state");
    if (start === undefined) return column(values);
    if (!Number.isInteger(start) || start < 1 || start > values.length) throw numError(`start_state must be a whole number from 1 to ${values.length} (got ${start})`);
    return [[values[start - 1]]];
  });
}

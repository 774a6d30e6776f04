/**
 * The cost of selling on credit (应收账款的成本) and the choice of a credit policy (信用政策决策):
 * the opportunity cost of the money tied up in receivables (机会成本), bad debts (坏账成本),
 * collection cost (收账费用) and cash discounts, against the contribution margin each policy
 * brings. All amounts are decimal; only the results become numbers.
 */
import { CrmError, numError } from "./errors";
import { Bilingual, Language } from "./labels";
import { Decimal, dec, toNumber } from "./money";

function checkFraction(x: number, name: string): void {
  if (!(x >= 0 && x <= 1)) throw numError(`${name} must be a fraction from 0 to 1 (got ${x})`);
}

function checkNotNegative(x: number, name: string): void {
  if (!(x >= 0)) throw numError(`${name} must not be negative (got ${x})`);
}

function checkYearDays(x: number): void {
  if (!(x > 0) || !Number.isFinite(x)) throw numError(`year_days must be greater than 0 (got ${x})`);
}

function opportunityCost(sales: number, days: number, variableCostRatio: number, capitalCost: number, yearDays: number): Decimal {
  checkNotNegative(sales, "annual_credit_sales");
  checkNotNegative(days, "collection_days");
  checkFraction(variableCostRatio, "variable_cost_ratio");
  checkNotNegative(capitalCost, "capital_cost");
  checkYearDays(yearDays);
  // Daily sales × days outstanding = the receivable balance; its variable-cost part is the money tied up.
  return dec(sales).div(yearDays).times(days).times(variableCostRatio).times(capitalCost);
}

/**
 * CRM.RECEIVABLECOST: opportunity cost of carrying receivables,
 * sales ÷ year_days × days × variable-cost ratio × capital cost (year_days 360 by the textbooks' convention).
 */
export function receivableCost(annualCreditSales: number, collectionDays: number, variableCostRatio: number, capitalCost: number, yearDays = 360): number {
  return toNumber(opportunityCost(annualCreditSales, collectionDays, variableCostRatio, capitalCost, yearDays));
}

/** One credit policy's figures. */
export interface CreditPolicyInput {
  sales: number;
  variableCostRatio: number;
  collectionDays: number;
  badDebtRate: number;
  collectionCost: number;
  capitalCost: number;
  discountShare?: number;
  discountRate?: number;
  yearDays?: number;
}

export interface CreditPolicyResult {
  contribution: number;
  opportunityCost: number;
  badDebts: number;
  collectionCost: number;
  discounts: number;
  net: number;
}

export function evaluatePolicy(p: CreditPolicyInput): CreditPolicyResult {
  checkFraction(p.badDebtRate, "bad_debt_rate");
  checkNotNegative(p.collectionCost, "collection_cost");
  const share = p.discountShare ?? 0;
  const rate = p.discountRate ?? 0;
  checkFraction(share, "discount_share");
  checkFraction(rate, "discount_rate");
  const opportunity = opportunityCost(p.sales, p.collectionDays, p.variableCostRatio, p.capitalCost, p.yearDays ?? 360);
  const contribution = dec(p.sales).times(dec(1).minus(p.variableCostRatio));
  const badDebts = dec(p.sales).times(p.badDebtRate);
  const discounts = dec(p.sales).times(share).times(rate);
  const net = contribution.minus(opportunity).minus(badDebts).minus(p.collectionCost).minus(discounts);
  return {
    contribution: toNumber(contribution),
    opportunityCost: toNumber(opportunity),
    badDebts: toNumber(badDebts),
    collectionCost: p.collectionCost,
    discounts: toNumber(discounts),
    net: toNumber(net),
  };
}

/** Row labels of the CRM.CREDITPOLICY table, top to bottom. */
export const CREDIT_POLICY_LABELS: Readonly<Record<"item" | "policy" | "contribution" | "opportunityCost" | "badDebts" | "collectionCost" | "discounts" | "net" | "best", Bilingual>> = {
  item: { zh: "项目", en: "Item" },
  policy: { zh: "方案", en: "Policy " },
  contribution: { zh: "边际贡献", en: "Contribution margin" },
  opportunityCost: { zh: "应收账款机会成本", en: "Opportunity cost of receivables" },
  badDebts: { zh: "坏账损失", en: "Bad debts" },
  collectionCost: { zh: "收账费用", en: "Collection cost" },
  discounts: { zh: "现金折扣成本", en: "Cash discounts" },
  net: { zh: "净收益", en: "Net benefit" },
  best: { zh: "最优", en: "Best" },
};

const ROWS = ["contribution", "opportunityCost", "badDebts", "collectionCost", "discounts", "net"] as const;

/**
 * CRM.CREDITPOLICY: a header row (项目, 方案1…k), the six figures of every policy, and a last row
 * marking the policy with the largest net benefit ("✓"; on a tie the first).
 */
export function creditPolicyTable(policies: readonly CreditPolicyInput[], lang: Language = "zh"): (string | number)[][] {
  const results = policies.map((p, i) => {
    try {
      return evaluatePolicy(p);
    } catch (e) {
      // Name the policy, so that a wrong cell in a row of policies is found at once.
      if (e instanceof CrmError && policies.length > 1) throw new CrmError(e.code, `policy ${i + 1}: ${e.message}`);
      throw e;
    }
  });
  let best = 0;
  results.forEach((r, i) => {
    if (r.net > results[best].net) best = i;
  });
  const L = CREDIT_POLICY_LABELS;
  return [
    [L.item[lang], ...policies.map((_, i) => `${L.policy[lang]}${i + 1}`)],
    ...ROWS.map((key) => [L[key][lang], ...results.map((r) => r[key])]),
    [L.best[lang], ...results.map((_, i) => (i === best ? "✓" : ""))],
  ];
}

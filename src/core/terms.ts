/**
 * Cash-discount credit terms (现金折扣条件) such as "2/10, n/30": 2% off when paid within 10
 * days, otherwise the full amount is due in 30 days; and the annual cost of passing up the
 * discount (放弃现金折扣的成本).
 */
import { numError, valueError } from "./errors";
import { Decimal, dec, toNumber } from "./money";

/** One discount tier: `discount` (a fraction, 0.02 for 2%) when paid within `days` days. */
export interface DiscountTier {
  readonly discount: number;
  readonly days: number;
}

export interface CreditTerms {
  /** Discount tiers, days strictly increasing and discounts strictly decreasing; may be empty ("net 30"). */
  readonly tiers: readonly DiscountTier[];
  /** The day the full amount is due. */
  readonly netDays: number;
}

// After NFKC folding (full-width digits, "，", "／", "Ｎ" become ASCII) and lower-casing.
const TIER = /(\d+(?:\.\d+)?)\s*%?\s*\/\s*(\d+)/y;
const NET = /n(?:et)?\s*\/?\s*(\d+)/y;
const SEPARATOR = /\s*,\s*|\s+/y;

function unreadable(text: string, why: string): Error {
  return valueError(`terms "${text}" cannot be read (${why}); write them like "2/10, n/30" or "6/10, 3/20, n/45"`);
}

function matchAt(pattern: RegExp, s: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(s);
}

/**
 * Reads terms written "2/10, n/30", "2/10 net 30", "2/10 n/30", "6/10, 3/20, n/45", "Net 30",
 * with upper-case N, full-width "，" "／" and digits, and extra spaces, also inside one pair of
 * parentheses as the course text prints them: "(6/10,3/20,n/45)" or "（6/10，3/20，n/45）". A discount may carry
 * decimals or a % sign ("1.5%/10"). Anything else is #VALUE! quoting the text; so are tiers whose
 * days do not increase, whose discounts do not decrease, or that reach the net days. A discount
 * of 0 or of 100% or more is #NUM!.
 */
export function parseTerms(text: string): CreditTerms {
  if (typeof text !== "string") throw valueError(`terms must be text such as "2/10, n/30"`);
  const s = withoutParentheses(text.normalize("NFKC").trim().toLowerCase());
  if (s === "") throw valueError(`terms are blank; write them like "2/10, n/30"`);
  const tiers: DiscountTier[] = [];
  let at = 0;
  for (;;) {
    const net = matchAt(NET, s, at);
    if (net && net.index + net[0].length === s.length) {
      const netDays = Number(net[1]);
      checkTiers(text, tiers, netDays);
      return { tiers, netDays };
    }
    const tier = matchAt(TIER, s, at);
    if (!tier) throw unreadable(text, at === 0 ? "expected a discount tier like 2/10 or the net days like n/30" : `unexpected "${s.slice(at)}"`);
    const percent = dec(tier[1]);
    if (percent.lte(0) || percent.gte(100)) throw numError(`terms "${text}": the discount ${tier[1]}% must be above 0% and below 100%`);
    tiers.push({ discount: toNumber(percent.div(100)), days: Number(tier[2]) });
    at = tier.index + tier[0].length;
    const sep = matchAt(SEPARATOR, s, at);
    if (!sep) throw unreadable(text, at === s.length ? "the net days (n/30) are missing" : `unexpected "${s.slice(at)}"`);
    at = sep.index + sep[0].length;
  }
}

/** "(…)" → "…": NFKC has already turned full-width "（）" into "()". */
function withoutParentheses(s: string): string {
  const m = /^\((.*)\)$/s.exec(s);
  return m ? m[1].trim() : s;
}

function checkTiers(text: string, tiers: readonly DiscountTier[], netDays: number): void {
  tiers.forEach((t, i) => {
    const before = tiers[i - 1];
    if (before && t.days <= before.days) throw valueError(`terms "${text}": the discount days must increase from tier to tier (${before.days} then ${t.days})`);
    if (before && t.discount >= before.discount) throw valueError(`terms "${text}": a later discount must be smaller than an earlier one`);
  });
  const last = tiers[tiers.length - 1];
  if (last && last.days >= netDays) throw valueError(`terms "${text}": the discount days (${last.days}) must be fewer than the net days (${netDays})`);
  if (netDays <= 0) throw valueError(`terms "${text}": the net days must be at least 1`);
}

/**
 * Annual cost of not taking discount tier `tier` (1-based) and paying on the net day instead.
 * With discount d within D days and net N days (N is always the terms' net days, also for
 * later tiers of multi-tier terms):
 * simple `d/(1−d) × yearDays/(N−D)`; compound `(1 + d/(1−d))^(yearDays/(N−D)) − 1`.
 * A tier beyond the number of tiers, or yearDays ≤ 0, is #NUM!.
 */
export function discountCost(terms: CreditTerms | string, tier = 1, yearDays = 365, compound = false): number {
  const t = typeof terms === "string" ? parseTerms(terms) : terms;
  if (!Number.isInteger(tier) || tier < 1) throw numError(`tier must be a whole number ≥ 1 (got ${tier})`);
  if (tier > t.tiers.length) throw numError(`tier ${tier}: the terms have ${t.tiers.length === 0 ? "no discount tier" : `only ${t.tiers.length} discount tier${t.tiers.length === 1 ? "" : "s"}`}`);
  if (!(yearDays > 0) || !Number.isFinite(yearDays)) throw numError(`year_days must be greater than 0 (got ${yearDays})`);
  const { discount, days } = t.tiers[tier - 1];
  const d = dec(discount);
  const premium = d.div(dec(1).minus(d)); // what the discount is worth on the money actually paid
  const periodsPerYear = dec(yearDays).div(t.netDays - days);
  const cost: Decimal = compound ? premium.plus(1).pow(periodsPerYear).minus(1) : premium.times(periodsPerYear);
  const result = toNumber(cost);
  if (!Number.isFinite(result)) throw numError(`the cost of "${describe(t)}" over ${yearDays} days is too large to show`);
  return result;
}

/** The terms written back in the canonical form, e.g. "6/10, 3/20, n/45". */
export function describe(terms: CreditTerms): string {
  return [...terms.tiers.map((t) => `${toNumber(dec(t.discount).times(100))}/${t.days}`), `n/${terms.netDays}`].join(", ");
}

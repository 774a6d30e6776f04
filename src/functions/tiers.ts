/**
 * Value-tier functions (客户分级): ABC analysis, customer pyramid, value matrix, retention and
 * churn, loyalty types and the satisfaction index. Thin wrappers: argument conversion, then core.
 */
import { ABC_CLASSES, abcCodes, churn as churnCore, csi as csiCore, loyaltyCodes, LOYALTY_TYPES, pyramidTiers, retention as retentionCore, valueMatrixCodes, VALUE_MATRIX, DEFAULT_PYRAMID_SHARES, PYRAMID_TIERS } from "../core/tiers";
import { deliveredOutput, deliveredValue as deliveredCore } from "../core/delivered-value";
import { CrmError, valueError } from "../core/errors";
import { lifecycleStages } from "../core/lifecycle";
import { attempt, column, ExcelCell, excel, isMissing, language as languageArg, matrix, num, numList, optList, optNum, optText, Scalar } from "./args";
import { numColumn, spillSingleCodes } from "./columns";

/** Own names for the tiers: exactly `count` non-blank texts, best first; left out → undefined. */
function labelsArg(range: unknown, count: number, what: string): string[] | undefined {
  const cells = optList(range, "labels");
  if (cells === undefined) return undefined;
  if (cells.length !== count) throw valueError(`labels must be ${count} texts (${what}), got ${cells.length}`);
  return cells.map((c, i) => {
    if (typeof c !== "string" || c.trim() === "") throw valueError(`labels value ${i + 1} must be a text${isMissing(c) ? " (it is blank)" : ""}`);
    return c;
  });
}

/**
 * ABC analysis: "A", "B" or "C" per customer by its place in the cumulative share of total value.
 * @customfunction ABCCLASS
 * @param values Value of each customer (e.g. sales or profit), one customer a row.
 * @param [a_share] A while the share held by the customers ranked above is below this. Default 0.8.
 * @param [b_share] B while that share is below this. Default 0.95.
 * @param [labels] Three texts replacing "A", "B" and "C", e.g. {"关键客户","普通客户","小客户"}.
 * @returns "A", "B" or "C" (or your labels) per customer row; zero and negative values are C.
 */
export function abcClass(values: any[][], a_share?: any, b_share?: any, labels?: any[][]): any[][] {
  return excel((): ExcelCell[][] => {
    const own = labelsArg(labels, 3, "for A, B and C");
    const { codes, errors } = abcCodes(numColumn(values, "values"), optNum(a_share, "a_share", 0.8), optNum(b_share, "b_share", 0.95));
    return spillSingleCodes(own ?? ABC_CLASSES, codes, errors);
  });
}

/**
 * Customer pyramid: VIP, major, ordinary or small customer by value rank.
 * @customfunction PYRAMID
 * @param values Value of each customer, one customer a row.
 * @param [shares] Four fractions summing to 1 for VIP, major, ordinary and small customers. Default {0.01, 0.04, 0.15, 0.8} (this add-in's choice; the course texts give no shares).
 * @param [language] "zh" (default) or "en".
 * @param [labels] Four texts, best tier first, replacing the tier names, e.g. {"白金","黄金","青铜","铁质"}.
 * @returns The tier of each customer row.
 */
export function pyramid(values: any[][], shares?: any[][], language?: any, labels?: any[][]): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const own = labelsArg(labels, 4, "best tier first");
    const given = optList(shares, "shares");
    const { tiers, errors } = pyramidTiers(numColumn(values, "values"), given ? numList(given.map((c) => [c]), "shares") : DEFAULT_PYRAMID_SHARES);
    return spillSingleCodes(own ?? PYRAMID_TIERS.map((t) => t.label[lang]), tiers, errors);
  });
}

/**
 * Customer value matrix: key, maintain, develop or reconsider by current and potential value.
 * @customfunction VALUEMATRIX
 * @param current_value Current value of each customer, one customer a row.
 * @param potential_value Potential value of each customer.
 * @param [current_threshold] High current value means ≥ this. Default: the mean of current_value.
 * @param [potential_threshold] High potential value means ≥ this. Default: the mean of potential_value.
 * @param [language] "zh" (default) or "en".
 * @returns The quadrant of each customer row.
 */
export function valueMatrix(current_value: any[][], potential_value: any[][], current_threshold?: any, potential_threshold?: any, language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const ct = optNum(current_threshold, "current_threshold");
    const pt = optNum(potential_threshold, "potential_threshold");
    const { codes, errors } = valueMatrixCodes(numColumn(current_value, "current_value"), numColumn(potential_value, "potential_value"), ct, pt);
    return spillSingleCodes(VALUE_MATRIX.map((q) => q.label[lang]), codes, errors);
  });
}

/**
 * Customer retention rate: (customers at the end − new customers) / customers at the start.
 * @customfunction RETENTION
 * @param start_customers Customers at the start of the period.
 * @param end_customers Customers at the end of the period.
 * @param new_customers Customers gained during the period.
 * @returns The retention rate, 0 to 1.
 */
export function retention(start_customers: any, end_customers: any, new_customers: any): number {
  return excel(() => retentionCore(num(start_customers, "start_customers"), num(end_customers, "end_customers"), num(new_customers, "new_customers")));
}

/**
 * Customer churn rate: 1 − retention rate.
 * @customfunction CHURN
 * @param start_customers Customers at the start of the period.
 * @param end_customers Customers at the end of the period.
 * @param new_customers Customers gained during the period.
 * @returns The churn rate, 0 to 1.
 */
export function churn(start_customers: any, end_customers: any, new_customers: any): number {
  return excel(() => churnCore(num(start_customers, "start_customers"), num(end_customers, "end_customers"), num(new_customers, "new_customers")));
}

/**
 * Loyalty type from attachment and repeat purchase: true, incentive, latent or price loyalty.
 * @customfunction LOYALTYTYPE
 * @param attachment Attachment (emotional loyalty) score 0 to 1, one customer a row.
 * @param repeat_purchase Repeat-purchase score 0 to 1.
 * @param [threshold] High means ≥ this. Default 0.5.
 * @param [language] "zh" (default) or "en".
 * @returns The loyalty type of each customer row.
 */
export function loyaltyType(attachment: any[][], repeat_purchase: any[][], threshold?: any, language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const { codes, errors } = loyaltyCodes(numColumn(attachment, "attachment"), numColumn(repeat_purchase, "repeat_purchase"), optNum(threshold, "threshold", 0.5));
    return spillSingleCodes(LOYALTY_TYPES.map((t) => t.label[lang]), codes, errors);
  });
}

/**
 * Customer satisfaction index on 0 to 100: the weighted mean score as a percentage of the scale maximum.
 * @customfunction CSI
 * @param scores Satisfaction score of each item, 0 to scale_max.
 * @param weights Weight of each item (same number of values), not negative.
 * @param [scale_max] Top of the score scale. Default 10.
 * @returns The satisfaction index, 0 to 100.
 */
export function csi(scores: any[][], weights: any[][], scale_max?: any): number {
  return excel(() => csiCore(numList(scores, "scores"), numList(weights, "weights"), optNum(scale_max, "scale_max", 10)));
}

/** The numbers of a range of any shape, blanks counting 0 (text or TRUE/FALSE is #VALUE!). */
function amountsOf(range: unknown, name: string): number[] {
  const rows = matrix(isMissing(range) ? [[""]] : range, name);
  const many = rows.length * (rows[0]?.length ?? 0) > 1;
  return rows.flatMap((row, r) => row.map((c, k) => (isMissing(c) ? 0 : num(c, many ? `${name} value ${r * row.length + k + 1}` : name))));
}

/**
 * Customer delivered value (Kotler): total customer value minus total customer cost, or their ratio.
 * @customfunction DELIVEREDVALUE
 * @param values The parts of total customer value (product, service, personnel, image value …); blanks count 0.
 * @param costs The parts of total customer cost (money, time, energy, psychic cost …); blanks count 0.
 * @param [output] "difference" (default): value − cost; "ratio": value ÷ cost.
 * @returns The customer delivered value.
 */
export function deliveredValue(values: any[][], costs: any[][], output?: any): number {
  return excel(() => deliveredCore(amountsOf(values, "values"), amountsOf(costs, "costs"), deliveredOutput(optText(output, "output", "difference"))));
}

/**
 * Relationship stage from purchase amounts per period: exploration, build-up, maturity or decline (the add-in's reading of the four-stage model).
 * @customfunction LIFECYCLESTAGE
 * @param amounts Purchase amounts per period, oldest first: one customer a row, one period a column; blanks count 0.
 * @param [explore_periods] A customer is in exploration for this many periods from the first purchase. Default 3.
 * @param [window] Periods compared: the mean of the last window periods against the window before them. Default 3.
 * @param [tolerance] Growth above this is build-up, below −this decline, else maturity. Default 0.1 (10%).
 * @param [language] "zh" (default) or "en".
 * @returns The stage of each customer row.
 */
export function lifecycleStage(amounts: any[][], explore_periods?: any, window?: any, tolerance?: any, language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const rows = matrix(amounts, "amounts");
    const many = rows.length > 1;
    const parsed = rows.map((row, r) =>
      attempt(() => row.map((c: Scalar, k) => (isMissing(c) ? 0 : num(c, `amounts${many ? ` row ${r + 1}` : ""} period ${k + 1}`)))),
    );
    const options = { explorePeriods: optNum(explore_periods, "explore_periods", 3), window: optNum(window, "window", 3), tolerance: optNum(tolerance, "tolerance", 0.1) };
    const stages = lifecycleStages(parsed, options, lang);
    if (stages.length === 1 && stages[0] instanceof CrmError) throw stages[0];
    return column(stages);
  });
}

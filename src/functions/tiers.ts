/**
 * Value-tier functions (客户分级): ABC analysis, customer pyramid, value matrix, retention and
 * churn, loyalty types and the satisfaction index. Thin wrappers: argument conversion, then core.
 */
import { abcClass as abcCore, churn as churnCore, csi as csiCore, loyaltyType as loyaltyCore, pyramid as pyramidCore, retention as retentionCore, valueMatrix as matrixCore, DEFAULT_PYRAMID_SHARES } from "../core/tiers";
import { ExcelCell, excel, language as languageArg, num, numCells, numList, optList, optNum, spilled } from "./args";

/**
 * ABC analysis: "A", "B" or "C" per customer by its place in the cumulative share of total value.
 * @customfunction ABCCLASS
 * @param values Value of each customer (e.g. sales or profit), one customer a row.
 * @param [a_share] A while the share held by the customers ranked above is below this. Default 0.8.
 * @param [b_share] B while that share is below this. Default 0.95.
 * @returns "A", "B" or "C" per customer row; zero and negative values are C.
 */
export function abcClass(values: any[][], a_share?: any, b_share?: any): any[][] {
  return excel((): ExcelCell[][] => spilled(abcCore(numCells(values, "values"), optNum(a_share, "a_share", 0.8), optNum(b_share, "b_share", 0.95))));
}

/**
 * Customer pyramid: VIP, major, ordinary or small customer by value rank.
 * @customfunction PYRAMID
 * @param values Value of each customer, one customer a row.
 * @param [shares] Four fractions summing to 1 for VIP, major, ordinary and small customers. Default {0.01, 0.04, 0.15, 0.8}.
 * @param [language] "zh" (default) or "en".
 * @returns The tier of each customer row.
 */
export function pyramid(values: any[][], shares?: any[][], language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const given = optList(shares, "shares");
    return spilled(pyramidCore(numCells(values, "values"), given ? numList(given.map((c) => [c]), "shares") : DEFAULT_PYRAMID_SHARES, lang));
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
    return spilled(matrixCore(numCells(current_value, "current_value"), numCells(potential_value, "potential_value"), ct, pt, lang));
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
    return spilled(loyaltyCore(numCells(attachment, "attachment"), numCells(repeat_purchase, "repeat_purchase"), optNum(threshold, "threshold", 0.5), lang));
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

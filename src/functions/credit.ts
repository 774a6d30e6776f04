/**
 * Credit functions (信用管理): 5C score, grade, credit limit, credit need, credit period, cost of
 * a cash discount, DSO. Thin wrappers: argument conversion, then core. The JSDoc below is the
 * Excel metadata (custom-functions-metadata reads it at build time).
 */
import { valueError } from "../core/errors";
import { creditDays as creditDaysCore, creditLimit as creditLimitCore, creditNeed as creditNeedCore, creditScores, DEFAULT_GRADE_TABLE, DEFAULT_LIMIT_FACTORS, dso as dsoCore, factorTable, FIVE_C, gradeCodes, gradeTable, GradeTable } from "../core/credit";
import { discountCost as discountCostCore } from "../core/terms";
import { creditPolicyTable, CreditPolicyInput, receivableCost as receivableCostCore } from "../core/receivables";
import { ExcelCell, excel, isMissing, language as languageArg, matrix, num, numList, optBool, optList, optNum, Scalar, table, toExcelCell } from "./args";
import { numColumn, spillCodes, SpillRows } from "./columns";

/** A grade cell: non-blank text. */
function gradeText(value: Scalar, name: string): string {
  if (typeof value !== "string" || value.trim() === "") throw valueError(`${name} must be a grade text such as "AA"${isMissing(value) ? " (it is blank)" : ""}`);
  return value;
}

/** The rows of an optional 2-column range, or undefined when left out. */
function optTwoColumns(range: unknown, name: string): Scalar[][] | undefined {
  if (isMissing(range)) return undefined;
  const rows = matrix(range, name);
  if (rows.length === 1 && rows[0].length === 1 && isMissing(rows[0][0])) return undefined;
  if (rows.some((r) => r.length !== 2)) throw valueError(`${name} must have 2 columns (got ${rows[0].length})`);
  return rows;
}

function gradeTableArg(range: unknown): GradeTable | undefined {
  const rows = optTwoColumns(range, "grade_table");
  return rows && gradeTable(rows.map(([min, grade], i) => [num(min, `grade_table row ${i + 1} minimum score`), gradeText(grade, `grade_table row ${i + 1} grade`)]));
}

/**
 * 5C credit score on 0..100: Σ wᵢ·xᵢ / Σ wᵢ / scale_max × 100. Ranges of n rows spill n scores.
 * @customfunction CREDITSCORE
 * @param character Character (品质) rating on 0..scale_max: one cell or a range of n customers.
 * @param capacity Capacity (能力) rating on 0..scale_max.
 * @param capital Capital (资本) rating on 0..scale_max.
 * @param collateral Collateral (抵押) rating on 0..scale_max.
 * @param conditions Conditions (条件) rating on 0..scale_max.
 * @param [weights] Five weights in the order character, capacity, capital, collateral, conditions. Default: equal.
 * @param [scale_max] The top of the rating scale. Default 5.
 * @returns One score per row, 0..100.
 */
export function creditScore(character: any[][], capacity: any[][], capital: any[][], collateral: any[][], conditions: any[][], weights?: any[][], scale_max?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const columns = [character, capacity, capital, collateral, conditions].map((range, i) => numColumn(range, FIVE_C[i]));
    // One cell may stand for every row (e.g. the same economic conditions for all customers).
    const first = Math.max(0, columns.findIndex((c) => c.values.length !== 1));
    const n = columns[first].values.length;
    columns.forEach((c, i) => {
      if (c.values.length !== n && c.values.length !== 1) throw valueError(`${FIVE_C[i]} has ${c.values.length} rows but ${FIVE_C[first]} has ${n}`);
    });
    const w = optList(weights, "weights") === undefined ? undefined : numList(weights, "weights");
    if (w && w.length !== FIVE_C.length) throw valueError(`weights must have 5 values (character, capacity, capital, collateral, conditions), got ${w.length}`);
    const scores = creditScores(columns, w, optNum(scale_max, "scale_max", 5));
    const rows = new SpillRows();
    const out: ExcelCell[][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = rows.row(scores.values[i]);
    for (const [i, e] of scores.errors) out[i] = [toExcelCell(e)];
    return out;
  });
}

/**
 * Credit grade of a 0..100 score: ≥ 90 AAA, ≥ 80 AA, ≥ 70 A, ≥ 60 B, else C, or by your grade table. A range of n scores spills n grades.
 * @customfunction CREDITGRADE
 * @param score Credit score on 0..100: one cell or a range.
 * @param [grade_table] 2 columns: minimum score, grade; rows in any order.
 * @returns One grade per score.
 */
export function creditGrade(score: any[][], grade_table?: any[][]): any[][] {
  return excel((): ExcelCell[][] => {
    const table = gradeTableArg(grade_table);
    const t = table ?? DEFAULT_GRADE_TABLE;
    const { codes, errors } = gradeCodes(numColumn(score, "score"), t);
    return spillCodes(t.map((rule) => rule.grade), codes, errors);
  });
}

/**
 * Credit limit: basis_amount × percent × the factor of the customer's grade.
 * @customfunction CREDITLIMIT
 * @param basis_amount What the method rests on: net working capital, net worth or liquidation value.
 * @param [percent] Share of the basis, 0..100%. Default 10%.
 * @param [grade] A grade text (AAA, AA, A, B, C) or a 0..100 score. Left out: factor 1.
 * @param [grade_factors] 2 columns: grade, factor; rows in any order. Default (this add-in's choice) AAA 1.0, AA 0.8, A 0.6, B 0.4, C 0.
 * @returns The credit limit.
 */
export function creditLimit(basis_amount: any, percent?: any, grade?: any, grade_factors?: any[][]): number {
  return excel(() => {
    const rows = optTwoColumns(grade_factors, "grade_factors");
    const factors = rows ? factorTable(rows.map(([g, f], i) => [gradeText(g, `grade_factors row ${i + 1} grade`), num(f, `grade_factors row ${i + 1} factor`)])) : DEFAULT_LIMIT_FACTORS;
    let g: string | number | undefined;
    if (typeof grade === "number") g = num(grade, "grade");
    else if (!isMissing(grade)) g = gradeText(grade, "grade");
    return creditLimitCore(num(basis_amount, "basis_amount"), optNum(percent, "percent", 0.1), g, factors);
  });
}

/**
 * Receivable balance that credit terms create: annual_purchases × credit_days / year_days.
 * @customfunction CREDITNEED
 * @param annual_purchases The customer's purchases on credit per year.
 * @param credit_days Credit period in days.
 * @param [year_days] Days in a year. Default 365.
 * @returns The receivable balance.
 */
export function creditNeed(annual_purchases: any, credit_days: any, year_days?: any): number {
  return excel(() => creditNeedCore(num(annual_purchases, "annual_purchases"), num(credit_days, "credit_days"), optNum(year_days, "year_days", 365)));
}

/**
 * Credit period in days: industry average DSO × company correction factor × customer grade factor.
 * @customfunction CREDITDAYS
 * @param industry_dso Industry average days sales outstanding.
 * @param company_factor The company's correction factor.
 * @param grade_factor A number, or a grade text with this add-in's factors (the course text gives none): AAA 1.2, AA 1.1, A 1.0, B 0.8, C 0.
 * @returns The credit period in days.
 */
export function creditDays(industry_dso: any, company_factor: any, grade_factor: any): number {
  return excel(() => {
    const g = typeof grade_factor === "string" ? gradeText(grade_factor, "grade_factor") : num(grade_factor, "grade_factor");
    return creditDaysCore(num(industry_dso, "industry_dso"), num(company_factor, "company_factor"), g);
  });
}

/**
 * Annual cost of not taking a cash discount, from terms such as "2/10, n/30".
 * @customfunction DISCOUNTCOST
 * @param terms Credit terms: "2/10, n/30", "2/10 net 30", "6/10, 3/20, n/45" (full-width punctuation and upper-case N too).
 * @param [tier] Which discount tier, 1 (default) for the first.
 * @param [year_days] Days in a year. Default 365.
 * @param [compound] FALSE (default): simple d/(1−d) × year_days/(N−D); TRUE: (1 + d/(1−d))^(year_days/(N−D)) − 1.
 * @returns The annual cost as a fraction (0.3724 = 37.24%).
 */
export function discountCost(terms: any, tier?: any, year_days?: any, compound?: any): number {
  return excel(() => {
    if (typeof terms !== "string") throw valueError(`terms must be text such as "2/10, n/30"${isMissing(terms) ? "" : `, not ${String(terms)}`}`);
    return discountCostCore(terms, optNum(tier, "tier", 1), optNum(year_days, "year_days", 365), optBool(compound, "compound", false));
  });
}

/**
 * Days sales outstanding: receivables / credit_sales × days.
 * @customfunction DSO
 * @param receivables Receivables (average or closing balance).
 * @param credit_sales Credit sales of the period.
 * @param [days] Days in the period. Default 365.
 * @returns Days sales outstanding.
 */
export function dso(receivables: any, credit_sales: any, days?: any): number {
  return excel(() => dsoCore(num(receivables, "receivables"), num(credit_sales, "credit_sales"), optNum(days, "days", 365)));
}

/**
 * Opportunity cost of carrying receivables: annual credit sales ÷ year_days × collection days × variable-cost ratio × capital cost.
 * @customfunction RECEIVABLECOST
 * @param annual_credit_sales Credit sales per year.
 * @param collection_days Average collection period in days.
 * @param variable_cost_ratio Variable costs as a fraction of sales, 0..1.
 * @param capital_cost Cost of capital per year (10% = 0.1).
 * @param [year_days] Days in a year. Default 360, the textbooks' convention.
 * @returns The opportunity cost per year.
 */
export function receivableCost(annual_credit_sales: any, collection_days: any, variable_cost_ratio: any, capital_cost: any, year_days?: any): number {
  return excel(() => receivableCostCore(num(annual_credit_sales, "annual_credit_sales"), num(collection_days, "collection_days"), num(variable_cost_ratio, "variable_cost_ratio"), num(capital_cost, "capital_cost"), optNum(year_days, "year_days", 360)));
}

const POLICY_ARGUMENTS = ["sales", "variable_cost_ratio", "collection_days", "bad_debt_rate", "collection_cost", "capital_cost", "discount_share", "discount_rate", "year_days"] as const;

/**
 * Compares credit policies: contribution margin, opportunity cost of receivables, bad debts, collection cost, cash discounts and net benefit of each, and the best one.
 * @customfunction CREDITPOLICY
 * @param sales Credit sales per year of each policy: a row or column of k values (one value: the same for every policy).
 * @param variable_cost_ratio Variable costs as a fraction of sales, 0..1, per policy.
 * @param collection_days Average collection period in days, per policy.
 * @param bad_debt_rate Bad debts as a fraction of sales, 0..1, per policy.
 * @param collection_cost Collection cost per year, per policy.
 * @param capital_cost Cost of capital per year, per policy.
 * @param [discount_share] Share of sales paid early enough for the cash discount, 0..1, per policy. Default 0.
 * @param [discount_rate] The cash discount rate, 0..1, per policy. Default 0.
 * @param [year_days] Days in a year. Default 360.
 * @param [language] "zh" (default) or "en" for the labels.
 * @returns A table: a header row, six rows of figures per policy and a last row marking the best policy with ✓.
 */
export function creditPolicy(sales: any[][], variable_cost_ratio: any[][], collection_days: any[][], bad_debt_rate: any[][], collection_cost: any[][], capital_cost: any[][], discount_share?: any[][], discount_rate?: any[][], year_days?: any[][], language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const given = [sales, variable_cost_ratio, collection_days, bad_debt_rate, collection_cost, capital_cost, discount_share, discount_rate, year_days];
    const defaults = [undefined, undefined, undefined, undefined, undefined, undefined, 0, 0, 360];
    const lists = given.map((range, i) => {
      const name = POLICY_ARGUMENTS[i];
      if (defaults[i] !== undefined && optList(range, name) === undefined) return [defaults[i] as number];
      return numList(range, name);
    });
    // One value stands for every policy; the other lists must agree on k.
    const longest = lists.reduce((best, l, i) => (l.length > lists[best].length ? i : best), 0);
    const k = lists[longest].length;
    if (k === 0) throw valueError("sales is empty");
    lists.forEach((l, i) => {
      if (l.length !== 1 && l.length !== k) throw valueError(`${POLICY_ARGUMENTS[i]} has ${l.length} values but ${POLICY_ARGUMENTS[longest]} has ${k} (one value per policy, or one for all)`);
    });
    const at = (i: number, p: number) => lists[i][lists[i].length === 1 ? 0 : p];
    const policies: CreditPolicyInput[] = Array.from({ length: k }, (_, p) => ({
      sales: at(0, p),
      variableCostRatio: at(1, p),
      collectionDays: at(2, p),
      badDebtRate: at(3, p),
      collectionCost: at(4, p),
      capitalCost: at(5, p),
      discountShare: at(6, p),
      discountRate: at(7, p),
      yearDays: at(8, p),
    }));
    return table(creditPolicyTable(policies, lang));
  });
}

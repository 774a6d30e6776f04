/**
 * Customer credit (客户信用管理): the 5C score, credit grades, credit limit, the receivable
 * balance that terms create, the credit period of course text 003 (its grade factors are this
 * add-in's defaults: the text gives none) and days sales outstanding.
 *
 * Scores are computed in decimal too: a float sum of weights such as 0.1 + 0.2 + … can land a
 * hair below a grade boundary (89.99999999 instead of 90) and give the wrong grade.
 */
import { NumberColumn } from "./columns";
import { Cell, CrmError, divError, numError, valueError } from "./errors";
import { commonScale } from "./exact-sums";
import { Decimal, dec, toNumber } from "./money";

/** The five Cs in the order CRM.CREDITSCORE takes them, with their names for messages. */
export const FIVE_C = ["character", "capacity", "capital", "collateral", "conditions"] as const;

export const DEFAULT_SCALE_MAX = 5;

/**
 * A scorer for many rows with the same weights: `Σ wᵢ·xᵢ / Σ wᵢ / scaleMax × 100`, on 0..100.
 * Left-out weights are equal. Weights must be ≥ 0 (#NUM!) and not all 0 (#DIV/0!); scaleMax > 0
 * (#NUM!). The scorer throws #NUM! for a rating outside 0..scaleMax and #VALUE! for a row whose
 * length differs from the weights. `names` name the ratings in messages (default: the five Cs).
 */
export function creditScorer(weights?: readonly number[], scaleMax = DEFAULT_SCALE_MAX, names: readonly string[] = FIVE_C): (ratings: readonly number[]) => number {
  if (!(scaleMax > 0) || !Number.isFinite(scaleMax)) throw numError(`scale_max must be greater than 0 (got ${scaleMax})`);
  weights?.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0) throw numError(`weight ${i + 1}${names[i] ? ` (${names[i]})` : ""} must not be negative (got ${w})`);
  });
  const w = weights?.map((x) => dec(x));
  const weightSum = w ? w.reduce((a, b) => a.plus(b), new Decimal(0)) : undefined;
  if (weightSum?.isZero()) throw divError("the weights add up to 0");
  const max = dec(scaleMax);
  return (ratings) => {
    if (ratings.length === 0) throw valueError("no ratings to score");
    if (w && ratings.length !== w.length) throw valueError(`${ratings.length} ratings but ${w.length} weights`);
    let total = new Decimal(0);
    ratings.forEach((x, i) => {
      const name = names[i] ?? `rating ${i + 1}`;
      if (!Number.isFinite(x)) throw valueError(`${name} is not a number`);
      if (x < 0 || x > scaleMax) throw numError(`${name} rating ${x} is outside 0..${scaleMax} (scale_max)`);
      total = total.plus(w ? w[i].times(x) : x);
    });
    const mean = total.div(weightSum ?? ratings.length);
    return toNumber(mean.div(max).times(100));
  };
}

/** The exponents of 2 and 5 in a whole number, or undefined when it has another prime factor. */
function twosAndFives(q: number): [number, number] | undefined {
  let a = 0;
  let b = 0;
  while (q % 2 === 0) {
    q /= 2;
    a++;
  }
  while (q % 5 === 0) {
    q /= 5;
    b++;
  }
  return q === 1 ? [a, b] : undefined;
}

/**
 * Integer form of the score, when it gives exactly what the decimal scorer gives: with every
 * rating X/10^d, weight W/10^e and scale_max S/10^f exact, score = Σ W·X · 100·10^f / (ΣW · S ·
 * 10^d), one division of two whole numbers below 2^53, which is correctly rounded. The decimal
 * scorer's quotients are exact (so its result is the correctly rounded one too) when the divisor
 * has no prime factor but 2 and 5, few enough of them for 40 digits; otherwise undefined.
 */
function integerPlan(columns: readonly NumberColumn[], weights: readonly number[] | undefined, scaleMax: number): { w: Float64Array; scales: Float64Array; times: number; divisor: number } | undefined {
  const scaleOf = (values: ArrayLike<number>) => commonScale(values);
  const ws = weights ? scaleOf(weights) : 1;
  const ss = scaleOf([scaleMax]);
  if (ws === undefined || ss === undefined) return undefined;
  const w = Float64Array.from(weights ?? columns.map(() => 1), (x) => Math.round(x * ws));
  let wSum = 0;
  for (const x of w) wSum += x;
  const scales = new Float64Array(columns.length);
  let d = 1;
  for (let c = 0; c < columns.length; c++) {
    const s = scaleOf(columns[c].values);
    if (s === undefined) return undefined;
    scales[c] = s;
    d = Math.max(d, s);
  }
  scales.fill(d);
  const divisor = wSum * Math.round(scaleMax * ss) * d;
  // Ratings are at most scale_max, so numerators stay below divisor · 100.
  if (!(divisor * 100 < 2 ** 53) || !Number.isInteger(divisor) || divisor <= 0) return undefined;
  const exps = twosAndFives(divisor);
  if (!exps || Math.max(...exps) > 20) return undefined;
  return { w, scales, times: 100 * ss, divisor };
}

/**
 * CRM.CREDITSCORE on columns of ratings (each n rows, or one row that stands for every row): one
 * score or error per row, exactly what creditScorer gives row by row (weights and scale_max are
 * checked first, as there). Rows are scored in whole numbers when that is exact (see
 * integerPlan), by the decimal scorer otherwise; a row with a bad rating takes the decimal
 * scorer's way, which words its error. `columns.length` must match the weights.
 */
export function creditScores(columns: readonly NumberColumn[], weights?: readonly number[], scaleMax = DEFAULT_SCALE_MAX, names: readonly string[] = FIVE_C): NumberColumn {
  const score = creditScorer(weights, scaleMax, names);
  const n = columns.reduce((a, c) => (c.values.length !== 1 ? c.values.length : a), 1);
  const plan = weights === undefined || weights.length === columns.length ? integerPlan(columns, weights, scaleMax) : undefined;
  const values = new Float64Array(n);
  const errors = new Map<number, CrmError>();
  const k = columns.length;
  const perRow = (row: number): Cell<number> => {
    const ratings = columns.map((c) => {
      const i = c.values.length === 1 ? 0 : row;
      return c.errors.get(i) ?? c.values[i];
    });
    const bad = ratings.find((r): r is CrmError => r instanceof CrmError);
    if (bad) return bad;
    try {
      return score(ratings as number[]);
    } catch (e) {
      if (e instanceof CrmError) return e;
      throw e;
    }
  };
  for (let row = 0; row < n; row++) {
    let units = 0;
    let ok = plan !== undefined;
    for (let c = 0; c < k && ok; c++) {
      const col = columns[c];
      const i = col.values.length === 1 ? 0 : row;
      const x = col.values[i];
      if ((col.errors.size > 0 && col.errors.has(i)) || !(x >= 0 && x <= scaleMax)) ok = false;
      else units += (plan as NonNullable<typeof plan>).w[c] * Math.round(x * (plan as NonNullable<typeof plan>).scales[c]);
    }
    if (ok) {
      values[row] = (units * (plan as NonNullable<typeof plan>).times) / (plan as NonNullable<typeof plan>).divisor + 0;
      continue;
    }
    const r = perRow(row);
    if (r instanceof CrmError) errors.set(row, r);
    else values[row] = r;
  }
  return { values, errors };
}

/** The 5C score of one customer on 0..100 (see creditScorer for the rules). */
export function creditScore(ratings: readonly number[], weights?: readonly number[], scaleMax = DEFAULT_SCALE_MAX): number {
  return creditScorer(weights, scaleMax)(ratings);
}

/** A row of a grade table: scores at or above `min` (and below the next minimum) get `grade`. */
export interface GradeRule {
  readonly min: number;
  readonly grade: string;
}

/** Highest minimum first. */
export type GradeTable = readonly GradeRule[];

/** ≥ 90 AAA, ≥ 80 AA, ≥ 70 A, ≥ 60 B, else C. */
export const DEFAULT_GRADE_TABLE: GradeTable = [
  { min: 90, grade: "AAA" },
  { min: 80, grade: "AA" },
  { min: 70, grade: "A" },
  { min: 60, grade: "B" },
  { min: 0, grade: "C" },
];

/** How grades are compared: trimmed, full-width folded, case-insensitive ("ａａ " is "AA"). */
export function gradeKey(grade: string): string {
  return grade.normalize("NFKC").trim().toUpperCase();
}

/**
 * A grade table from (minimum score, grade) rows in any order. #VALUE! for no rows, a blank
 * grade or the same minimum twice; #NUM! for a minimum that is not a finite number.
 */
export function gradeTable(rows: readonly (readonly [number, string])[]): GradeTable {
  if (rows.length === 0) throw valueError("grade_table has no rows");
  const seen = new Set<number>();
  const table = rows.map(([min, grade], i) => {
    if (!Number.isFinite(min)) throw numError(`grade_table row ${i + 1}: the minimum score is not a finite number`);
    if (grade.trim() === "") throw valueError(`grade_table row ${i + 1}: the grade is blank`);
    if (seen.has(min)) throw valueError(`grade_table row ${i + 1}: the minimum score ${min} appears twice`);
    seen.add(min);
    return { min, grade: grade.trim() };
  });
  return table.sort((a, b) => b.min - a.min);
}

/**
 * The grade of a 0..100 score (#NUM! outside) by `table` (default DEFAULT_GRADE_TABLE, which
 * must be sorted highest minimum first as gradeTable returns it). A score below every minimum
 * of the table is #NUM!.
 */
export function gradeOf(score: number, table: GradeTable = DEFAULT_GRADE_TABLE, name = "score"): string {
  if (!Number.isFinite(score)) throw valueError(`${name} is not a number`);
  if (score < 0 || score > 100) throw numError(`${name} ${score} is outside 0..100`);
  for (const rule of table) if (score >= rule.min) return rule.grade;
  throw numError(`${name} ${score} is below the lowest minimum (${table[table.length - 1]?.min}) of the grade table`);
}

/**
 * CRM.CREDITGRADE on a column: codes[i] is the index in `table` of row i's rule, or −1 with the
 * row's error: its own (not a number) or gradeOf's (outside 0..100, below every minimum).
 */
export function gradeCodes(scores: NumberColumn, table: GradeTable = DEFAULT_GRADE_TABLE): { codes: Int32Array; errors: ReadonlyMap<number, CrmError> } {
  const v = scores.values;
  const n = v.length;
  const mins = Float64Array.from(table, (rule) => rule.min);
  const k = mins.length;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = v[i];
    let code = -1;
    if (s >= 0 && s <= 100) for (let j = 0; j < k; j++) if (s >= mins[j]) { code = j; break; }
    codes[i] = code;
  }
  const errors = new Map<number, CrmError>();
  for (const i of scores.errors.keys()) codes[i] = -1;
  for (let i = 0; i < n; i++) {
    if (codes[i] >= 0) continue;
    const own = scores.errors.get(i);
    if (own) errors.set(i, own);
    else {
      try {
        gradeOf(v[i], table);
      } catch (e) {
        if (!(e instanceof CrmError)) throw e;
        errors.set(i, e);
      }
    }
  }
  return { codes, errors };
}

/** A factor per grade (credit limit or credit period). */
export interface GradeFactor {
  readonly grade: string;
  readonly factor: number;
}

function byGrade(factors: Record<string, number>): readonly GradeFactor[] {
  return Object.entries(factors).map(([grade, factor]) => ({ grade, factor }));
}

/** Share of the limit a grade gets (CRM.CREDITLIMIT): AAA 1.0, AA 0.8, A 0.6, B 0.4, C 0. */
export const DEFAULT_LIMIT_FACTORS = byGrade({ AAA: 1, AA: 0.8, A: 0.6, B: 0.4, C: 0 });

/** Grade factor of the credit period (CRM.CREDITDAYS): AAA 1.2, AA 1.1, A 1.0, B 0.8, C 0. */
export const DEFAULT_DAYS_FACTORS = byGrade({ AAA: 1.2, AA: 1.1, A: 1, B: 0.8, C: 0 });

/**
 * A factor table from (grade, factor) rows in any order. `name` names the argument in messages.
 * #VALUE! for no rows, a blank grade or a grade listed twice; #NUM! for a negative factor.
 */
export function factorTable(rows: readonly (readonly [string, number])[], name = "grade_factors"): GradeFactor[] {
  if (rows.length === 0) throw valueError(`${name} has no rows`);
  const seen = new Set<string>();
  return rows.map(([grade, factor], i) => {
    const key = gradeKey(grade);
    if (key === "") throw valueError(`${name} row ${i + 1}: the grade is blank`);
    if (seen.has(key)) throw valueError(`${name} row ${i + 1}: grade "${grade.trim()}" appears twice`);
    seen.add(key);
    if (!Number.isFinite(factor) || factor < 0) throw numError(`${name} row ${i + 1}: the factor of "${grade.trim()}" must not be negative (got ${factor})`);
    return { grade: grade.trim(), factor };
  });
}

/** The factor of a grade; a grade the table does not list is #VALUE! naming it. */
export function factorOf(grade: string, factors: readonly GradeFactor[], name = "grade"): number {
  const key = gradeKey(grade);
  const found = factors.find((f) => gradeKey(f.grade) === key);
  if (!found) throw valueError(`${name} "${grade}" is not one of the grades ${factors.map((f) => f.grade).join(", ")}`);
  return found.factor;
}

function checkNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value)) throw valueError(`${name} is not a number`);
  if (value < 0) throw numError(`${name} must not be negative (got ${value})`);
}

/**
 * Credit limit `basis × percent × factor(grade)`. `grade` is a grade text, a 0..100 score
 * (graded with the default table, then looked up in `factors`), or left out (factor 1).
 * basis must be ≥ 0 and percent within 0..1 (10% = 0.1; a 10 typed for 10% is #NUM!).
 */
export function creditLimit(basis: number, percent = 0.1, grade?: string | number, factors: readonly GradeFactor[] = DEFAULT_LIMIT_FACTORS): number {
  checkNonNegative(basis, "basis_amount");
  checkNonNegative(percent, "percent");
  if (percent > 1) throw numError(`percent must be at most 100% (got ${percent}; 10% is 0.1)`);
  let factor = 1;
  if (typeof grade === "number") factor = factorOf(gradeOf(grade, DEFAULT_GRADE_TABLE, "grade: score"), factors, `grade (the grade of score ${grade})`);
  else if (grade !== undefined) factor = factorOf(grade, factors);
  return toNumber(dec(basis).times(percent).times(factor));
}

/** Receivable balance the terms create: annual purchases × credit days / year days (365). */
export function creditNeed(annualPurchases: number, creditDays: number, yearDays = 365): number {
  checkNonNegative(annualPurchases, "annual_purchases");
  checkNonNegative(creditDays, "credit_days");
  if (!(yearDays > 0)) throw numError(`year_days must be greater than 0 (got ${yearDays})`);
  return toNumber(dec(annualPurchases).times(creditDays).div(yearDays));
}

/**
 * Textbook credit period (信用期限): industry average DSO × company correction factor × customer
 * grade factor; the grade factor is a number or a grade text (DEFAULT_DAYS_FACTORS).
 */
export function creditDays(industryDso: number, companyFactor: number, gradeFactor: number | string, factors: readonly GradeFactor[] = DEFAULT_DAYS_FACTORS): number {
  checkNonNegative(industryDso, "industry_dso");
  checkNonNegative(companyFactor, "company_factor");
  const g = typeof gradeFactor === "string" ? factorOf(gradeFactor, factors, "grade_factor") : gradeFactor;
  checkNonNegative(g, "grade_factor");
  return toNumber(dec(industryDso).times(companyFactor).times(g));
}

/** Days sales outstanding (应收账款周转天数): receivables / credit sales × days (365). */
export function dso(receivables: number, creditSales: number, days = 365): number {
  checkNonNegative(receivables, "receivables");
  checkNonNegative(creditSales, "credit_sales");
  if (!(days > 0)) throw numError(`days must be greater than 0 (got ${days})`);
  if (creditSales === 0) throw divError("credit_sales is 0");
  return toNumber(dec(receivables).div(creditSales).times(days));
}

/**
 * CRM.RFMSCORE's population rule as standard SQL, for data that lives in a warehouse
 * (`crm sql rfm`). With n customers in the population, a value scores 1 + floor(bins · c / n),
 * c = customers strictly lower (recency: strictly higher); equal values get equal scores.
 *
 * In SQL: c is RANK() − 1 (RANK gives equal values the same rank, one more than the number of rows
 * before them in the window's order; ordering recency descending makes that the strictly higher
 * ones). floor(bins · c / n) is written without a division, as the count of k in 1..bins − 1 with
 * bins · c ≥ k · n (the score passes threshold k exactly then): integer division is spelt
 * differently in every engine (PostgreSQL's / truncates integers, DuckDB's / gives a double and
 * // divides, MySQL has DIV), while products and comparisons of whole numbers are the same
 * everywhere and exact.
 *
 * The population is the rows whose three values are present (not NULL) with recency and
 * frequency not negative, as RFMSCORE leaves other rows out; they stay in the result with NULL
 * scores (RFMSCORE gives them their own error). Nothing is sorted: the rows come in the engine's
 * order, so order the result by the id if the order matters.
 */
import { checkBins, DEFAULT_BINS } from "./rfm";
import { valueError } from "./errors";

export interface RfmSqlOptions {
  /** The table (or view), optionally schema-qualified: sales.customers. */
  table: string;
  /** Column of the customer id, kept in the result. */
  id: string;
  recency: string;
  frequency: string;
  monetary: string;
  bins?: number;
}

/** A standard SQL identifier in double quotes (an embedded quote doubled). */
export function quoteIdentifier(name: string): string {
  if (name.trim() === "") throw valueError("a column or table name is blank");
  return `"${name.replace(/"/g, '""')}"`;
}

/** A table name, each dot-separated part quoted: sales.customers → "sales"."customers". */
function quoteTable(name: string): string {
  return name.split(".").map(quoteIdentifier).join(".");
}

/** 1 + the number of thresholds k (1..bins − 1) with bins · c ≥ k · n. */
function scoreOf(c: string, bins: number): string {
  const steps = [];
  for (let k = 1; k < bins; k++) steps.push(`CASE WHEN ${bins} * ${c} >= ${k} * n THEN 1 ELSE 0 END`);
  return `1 + ${steps.join("\n      + ")}`;
}

/** The query: id, r_score, f_score, m_score, rfm_code (R·100 + F·10 + M) for every row of the table. */
export function rfmScoreSql(options: RfmSqlOptions): string {
  const bins = checkBins(options.bins ?? DEFAULT_BINS);
  const [id, r, f, m] = [options.id, options.recency, options.frequency, options.monetary].map(quoteIdentifier);
  const score = (c: string) => `CASE WHEN in_population = 1 THEN ${scoreOf(c, bins)} END`;
  return `-- RFM scores, CRM.RFMSCORE's population rule with ${bins} bins: score = 1 + floor(${bins} * c / n),
-- c = customers strictly lower (recency: strictly higher) = RANK() - 1, n = customers in the population.
WITH rows_in AS (
  SELECT ${id} AS id, ${r} AS r, ${f} AS f, ${m} AS m,
    CASE WHEN ${r} IS NOT NULL AND ${f} IS NOT NULL AND ${m} IS NOT NULL AND ${r} >= 0 AND ${f} >= 0 THEN 1 ELSE 0 END AS in_population
  FROM ${quoteTable(options.table)}
),
ranked AS (
  SELECT id, in_population,
    COUNT(*) OVER (PARTITION BY in_population) AS n,
    RANK() OVER (PARTITION BY in_population ORDER BY r DESC) - 1 AS c_r,
    RANK() OVER (PARTITION BY in_population ORDER BY f ASC) - 1 AS c_f,
    RANK() OVER (PARTITION BY in_population ORDER BY m ASC) - 1 AS c_m
  FROM rows_in
),
scored AS (
  SELECT id,
    ${score("c_r")} AS r_score,
    ${score("c_f")} AS f_score,
    ${score("c_m")} AS m_score
  FROM ranked
)
SELECT id, r_score, f_score, m_score, r_score * 100 + f_score * 10 + m_score AS rfm_code
FROM scored;
`;
}

/**
 * RFM functions (最近一次消费、消费频率、消费金额): scores, breakpoints, the per-customer table
 * built from transactions, and segment names. Thin wrappers: argument conversion, then core.
 */
import { valueError } from "../core/errors";
import { checkBins, DEFAULT_BINS, RfmBreakpoints, RfmColumns, rfmBreaks as breaksCore, rfmCode, RfmOutput, RfmScores, scoreRfm, scoreWithBreaks } from "../core/rfm";
import { RFM_TABLE_HEADER, rfmTable as tableCore } from "../core/rfm-table";
import { parseRules, Scheme, segmentCodes } from "../core/segments";
import { date, ExcelCell, excel, isMissing, language as languageArg, matrix, num, optBool, optNum, toExcelCell } from "./args";
import { cellsInPlace, numColumn, spillSingleCodes } from "./columns";

function scoreColumns(recency: unknown, frequency: unknown, monetary: unknown): RfmColumns {
  return { recency: numColumn(recency, "recency"), frequency: numColumn(frequency, "frequency"), monetary: numColumn(monetary, "monetary") };
}

/**
 * The spilled rows of RFMSCORE in one pass: a row's error, or its code, sum or three scores; rows
 * with the same result share one (frozen) row array, as a million customers have at most
 * bins³ different results.
 */
function scoreRows(scores: RfmScores, form: RfmOutput): ExcelCell[][] {
  const { r, f, m, errors } = scores;
  const n = r.length;
  if (n === 1 && errors.has(0)) throw errors.get(0);
  const shared: ExcelCell[][] = [];
  const out: ExcelCell[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (r[i] === 0) {
      // 0 is no score: the row has an error
      const e = toExcelCell(errors.get(i));
      out[i] = form === "scores" ? [e, e, e] : [e];
      continue;
    }
    const code = rfmCode(r[i], f[i], m[i]);
    let row = shared[code];
    if (row === undefined) {
      row = form === "code" ? [code] : form === "sum" ? [r[i] + f[i] + m[i]] : [r[i], f[i], m[i]];
      shared[code] = Object.freeze(row) as ExcelCell[];
    }
    out[i] = row;
  }
  return out;
}

function binsArg(value: unknown): number {
  return checkBins(optNum(value, "bins", DEFAULT_BINS));
}

/** 3 rows (recency, frequency, monetary) of bins − 1 thresholds; bins left out follows their count. */
function breakpointsArg(range: unknown, bins: unknown): RfmBreakpoints | undefined {
  if (isMissing(range)) return undefined;
  const rows = matrix(range, "breakpoints");
  if (rows.length === 1 && rows[0].length === 1 && isMissing(rows[0][0])) return undefined;
  if (rows.length !== 3) throw valueError(`breakpoints must have 3 rows (recency, frequency, monetary) as CRM.RFMBREAKS returns them, got ${rows.length}`);
  const names = ["recency", "frequency", "monetary"];
  const [r, f, m] = rows.map((row, i) => Float64Array.from(row, (c, j) => num(c, `breakpoints (${names[i]} threshold ${j + 1})`)));
  const k = r.length;
  if (!isMissing(bins)) {
    const b = binsArg(bins);
    if (b - 1 !== k) throw valueError(`breakpoints have ${k} thresholds per row but bins ${b} needs ${b - 1}`);
  }
  return { recency: r, frequency: f, monetary: m };
}

function outputArg(value: unknown): RfmOutput {
  if (isMissing(value)) return "code";
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (text === "code" || text === "sum" || text === "scores") return text;
  throw valueError(`output must be "code", "sum" or "scores", not ${typeof value === "string" ? `"${value}"` : String(value)}`);
}

/**
 * RFM scores: ranks each customer's recency, frequency and monetary value against all customers (or against breakpoints).
 * @customfunction RFMSCORE
 * @param recency Days since each customer's last purchase (lower is better), one customer a row.
 * @param frequency Number of purchases per customer (higher is better).
 * @param monetary Amount spent per customer (higher is better).
 * @param [bins] Number of score levels, 2 to 9. Default 5.
 * @param [breakpoints] 3 rows × (bins − 1) thresholds from CRM.RFMBREAKS; each customer is then scored alone (works on single cells).
 * @param [output] "code" (default): R·100 + F·10 + M; "sum": R + F + M; "scores": three columns R, F, M.
 * @returns One result per customer row.
 */
export function rfmScore(recency: any[][], frequency: any[][], monetary: any[][], bins?: any, breakpoints?: any[][], output?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const form = outputArg(output);
    const input = scoreColumns(recency, frequency, monetary);
    const breaks = breakpointsArg(breakpoints, bins);
    const scores = breaks ? scoreWithBreaks(input, breaks) : scoreRfm(input, binsArg(bins));
    return scoreRows(scores, form);
  });
}

/**
 * Score breakpoints: thresholds such that CRM.RFMSCORE with them gives exactly the population scores of these customers.
 * @customfunction RFMBREAKS
 * @param recency Days since each customer's last purchase, one customer a row.
 * @param frequency Number of purchases per customer.
 * @param monetary Amount spent per customer.
 * @param [bins] Number of score levels, 2 to 9. Default 5.
 * @returns 3 rows (recency, frequency, monetary) × (bins − 1) thresholds.
 */
export function rfmBreaks(recency: any[][], frequency: any[][], monetary: any[][], bins?: any): any[][] {
  return excel((): number[][] => {
    const b = binsArg(bins);
    const r = numColumn(recency, "recency");
    const f = numColumn(frequency, "frequency");
    const m = numColumn(monetary, "monetary");
    if (r.values.length === 1) throw valueError("recency, frequency and monetary are single cells: breakpoints need the whole population of customers");
    const input = { recency: r, frequency: f, monetary: m };
    // Thresholds summarise every row: one computed without a bad row (text, blank or a negative
    // recency or frequency) would look right and be wrong. The first bad row names the error.
    const breaks = breaksCore(input, b, true);
    return [Array.from(breaks.recency), Array.from(breaks.frequency), Array.from(breaks.monetary)];
  });
}

/**
 * From transactions to one row per customer: recency, frequency, monetary, first and last purchase.
 * @customfunction RFMTABLE
 * @param customer_ids Customer id of each transaction (number or text, kept exactly as given).
 * @param dates Date of each transaction (date cells or ISO text such as 2024-03-31).
 * @param amounts Amount of each transaction.
 * @param as_of The analysis date; recency = as_of − last purchase date, in days. No transaction may be after it.
 * @param [header] TRUE (default) adds a header row.
 * @param [language] "zh" (default) or "en" for the header.
 * @returns One row per customer in order of first appearance: id, recency, frequency, monetary, first date, last date.
 */
export function rfmTable(customer_ids: any[][], dates: any[][], amounts: any[][], as_of: any, header?: any, language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const withHeader = optBool(header, "header", true);
    const asOf = date(as_of, "as_of");
    const t = tableCore(cellsInPlace(customer_ids, "customer_ids"), cellsInPlace(dates, "dates"), cellsInPlace(amounts, "amounts"), asOf);
    const k = t.ids.length;
    const rows: ExcelCell[][] = new Array(k + (withHeader ? 1 : 0));
    let at = 0;
    if (withHeader) rows[at++] = [...RFM_TABLE_HEADER[lang]];
    // Every figure is finite but a monetary sum beyond the largest number.
    for (let g = 0; g < k; g++) {
      const money = t.monetary[g];
      rows[at++] = [t.ids[g], t.recency[g], t.frequency[g], Number.isFinite(money) ? money : toExcelCell(money), t.first[g], t.last[g]];
    }
    return rows;
  });
}

function schemeArg(range: unknown): Scheme {
  if (isMissing(range)) return "cn8";
  const rows = matrix(range, "scheme");
  if (rows.length === 1 && rows[0].length === 1) {
    const cell = rows[0][0];
    if (isMissing(cell)) return "cn8";
    const name = typeof cell === "string" ? cell.trim().toLowerCase() : "";
    if (name === "cn8" || name === "rf10") return name;
    throw valueError(`scheme must be "cn8", "rf10" or a range of rules, not ${typeof cell === "string" ? `"${cell}"` : String(cell)}`);
  }
  return parseRules(rows);
}

/**
 * Customer segment name from RFM scores: the common eight RFM classes (cn8; not in the course texts), the recency × frequency map (rf10) or your own rules.
 * @customfunction RFMSEGMENT
 * @param r_score Recency score of each customer, 1 to bins.
 * @param f_score Frequency score, 1 to bins.
 * @param m_score Monetary score, 1 to bins (ignored by rf10).
 * @param [scheme] "cn8" (default), "rf10", or a 7-column range of rules: name, R low, R high, F low, F high, M low, M high (first match wins).
 * @param [language] "zh" (default) or "en".
 * @param [bins] Number of score levels, 2 to 9. Default 5; rf10 needs 5.
 * @returns One segment name per customer row.
 */
export function rfmSegment(r_score: any[][], f_score: any[][], m_score: any[][], scheme?: any[][], language?: any, bins?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const b = binsArg(bins);
    const s = schemeArg(scheme);
    const r = numColumn(r_score, "r_score");
    const f = numColumn(f_score, "f_score");
    const m = s === "rf10" ? [] : numColumn(m_score, "m_score");
    const { names, codes, errors } = segmentCodes({ r, f, m }, s, lang, b);
    return spillSingleCodes(names, codes, errors);
  });
}

/**
 * Customer-base analysis (客户基础分析): the "buy till you die" models — BG/NBD, Pareto/NBD,
 * Gamma-Gamma spend and the sBG retention model — from a transaction log to who is still a
 * customer, what they will buy and what that is worth. Thin wrappers: argument conversion, then core.
 */
import { foldHistories, historyError } from "../core/btyd/customers";
import { fitBgnbd } from "../core/btyd/bgnbd";
import { expectedValue as expectedValueCore, fitGammaGamma, foldSpend } from "../core/btyd/gamma-gamma";
import { AliveCurves, checkHorizon, ConditionalPurchases, expectedPurchases as expectedCore, MAX_HORIZON, pAlive as pAliveCore, predictedClv, purchaseProbability } from "../core/btyd/models";
import { gammaGammaParams, modelParams, sbgParams } from "../core/btyd/params";
import { fitPnbd } from "../core/btyd/pnbd";
import { periodDays, REPEAT_SUMMARY_HEADER, repeatSummary as summaryCore } from "../core/btyd/repeat-summary";
import { fitSbg, sbgRetention as retentionCore, sbgSurvival as survivalCore } from "../core/btyd/sbg";
import { CrmError, numError, valueError } from "../core/errors";
import { NumberColumn } from "../core/columns";
import { numColumn, optCellsInPlace } from "./columns";
import { attempt, date, ExcelCell, excel, isMissing, language as languageArg, list, matrix, Matrix, num, numCells, numList, optBool, optList, optNum, table, toExcelCell } from "./args";

type Row = readonly (string | number | boolean)[];

/** A fit's spilled table: name, value. */
function fitTable(rows: readonly Row[]): ExcelCell[][] {
  return table(rows);
}

function penalizerArg(value: unknown): number {
  const p = optNum(value, "penalizer", 0);
  if (!(p >= 0)) throw numError(`penalizer must be ≥ 0, got ${p}`);
  return p;
}

function histories(x: unknown, tx: unknown, T: unknown, weights: unknown) {
  const w = optList(weights, "weights");
  return foldHistories(numCells(x, "x"), numCells(tx, "t_x"), numCells(T, "T"), w ? numCells([w], "weights") : undefined);
}

/**
 * Typed columns of one customer per row, all of one length (#VALUE! naming them otherwise). The
 * per-customer functions below loop over them themselves, one row at a time with no object,
 * closure or exception per row: a million customers cost their arithmetic and their result rows.
 */
function customerColumns(ranges: readonly unknown[], names: readonly string[]): NumberColumn[] {
  const cols = ranges.map((range, i) => numColumn(range, names[i]));
  const n = cols[0].values.length;
  cols.forEach((c, i) => {
    if (c.values.length !== n) throw valueError(`${names.join(", ")} must have the same number of rows (${names[0]} has ${n}, ${names[i]} has ${c.values.length})`);
  });
  return cols;
}

/** The row's own error in the first column that has one. */
function cellError(cols: readonly NumberColumn[], row: number): CrmError | undefined {
  for (let i = 0; i < cols.length; i++) {
    const e = cols[i].errors.size > 0 ? cols[i].errors.get(row) : undefined;
    if (e !== undefined) return e;
  }
  return undefined;
}

/** A customer's result row: the number, or its error cell (a single customer's error is the function's). */
function resultRow(value: number | CrmError, rows: number): ExcelCell[] {
  if (typeof value === "number") return [value - value === 0 ? value : toExcelCell(value)];
  if (rows === 1) throw value;
  return [toExcelCell(value)];
}

/** Runs fn for one row, its CrmError as the row's result. */
function attemptRow(fn: () => number): number | CrmError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
}

/** A result of the same shape as a number-or-range argument, each cell on its own. */
function sameShape(range: unknown, name: string, fn: (v: number) => number): ExcelCell[][] {
  const rows: Matrix = matrix(range, name);
  const single = rows.length === 1 && rows[0].length === 1;
  const out = rows.map((r, i) => r.map((c, j) => attempt(() => fn(num(c, single ? name : `${name} (row ${i + 1}, column ${j + 1})`)))));
  if (single && out[0][0] instanceof CrmError) throw out[0][0];
  return out.map((r) => r.map((c) => toExcelCell(c)));
}

/** mean_value below 0 is #NUM!. */
function meanValueError(m: number): CrmError | undefined {
  return m < 0 ? numError(`mean_value must be ≥ 0, got ${m}`) : undefined;
}

/** EXPECTEDVALUE's checks of one row, in its order: x a whole number ≥ 0, then mean_value ≥ 0. */
function spendError(x: number, m: number): CrmError | undefined {
  if (!Number.isInteger(x) || x < 0) return numError(`x must be a whole number ≥ 0, got ${x}`);
  return meanValueError(m);
}

function wholeNumber(v: number, name: string, min: number, max = Infinity): number {
  if (!Number.isInteger(v) || v < min || v > max) throw numError(`${name} must be a whole number ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, got ${v}`);
  return v;
}

/**
 * From transactions to one row per customer for the repeat-buying models: repeat purchases x, recency t_x and age T in periods.
 * @customfunction REPEATSUMMARY
 * @helpurl https://localhost:3000/help/en/REPEATSUMMARY.html
 * @param customer_ids Customer id of each transaction (number or text, kept exactly as given).
 * @param dates Date of each transaction (date cells or ISO text such as 2024-03-31); purchases of one customer on one date are one occasion.
 * @param as_of End of the calibration period: x, t_x and T count occasions up to this date.
 * @param [amounts] Amount of each transaction; adds the mean value of each customer's repeat occasions (0 when x = 0).
 * @param [period] Time unit of t_x and T: "day" (default), "week", or a number of days.
 * @param [holdout_end] End of a holdout period after as_of; adds the number of occasions in (as_of, holdout_end].
 * @param [header] TRUE (default) adds a header row.
 * @param [language] "zh" (default) or "en" for the header.
 * @returns One row per customer in order of first appearance: id, x, t_x, T, [mean repeat value], [holdout purchases].
 */
export function repeatSummary(customer_ids: any[][], dates: any[][], as_of: any, amounts?: any[][], period?: any, holdout_end?: any, header?: any, language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const withHeader = optBool(header, "header", true);
    const amountCells = optCellsInPlace(amounts, "amounts");
    const s = summaryCore({
      ids: list(customer_ids, "customer_ids"),
      dates: list(dates, "dates"),
      asOf: date(as_of, "as_of"),
      amounts: amountCells,
      periodDays: periodDays(period),
      holdoutEnd: isMissing(holdout_end) ? undefined : date(holdout_end, "holdout_end"),
    });
    const labels = REPEAT_SUMMARY_HEADER[lang];
    const head: string[] = [...labels.slice(0, 4), ...(s.meanValue ? [labels[4]] : []), ...(s.holdout ? [labels[5]] : [])];
    const rows: (string | number)[][] = withHeader ? [head] : [];
    for (let i = 0; i < s.ids.length; i++) {
      const row: (string | number)[] = [s.ids[i], s.x[i], s.tx[i], s.T[i]];
      if (s.meanValue) row.push(s.meanValue[i]);
      if (s.holdout) row.push(s.holdout[i]);
      rows.push(row);
    }
    return table(rows);
  });
}

/**
 * Fits the BG/NBD model of repeat buying by maximum likelihood: purchase rate and drop-out across customers.
 * @customfunction BGNBDFIT
 * @helpurl https://localhost:3000/help/en/BGNBDFIT.html
 * @param x Repeat purchases of each customer (from CRM.REPEATSUMMARY), one customer a row.
 * @param t_x Time of each customer's last purchase, counted from the first (recency), in periods.
 * @param T Time from each customer's first purchase to the end of the calibration period (age), in periods.
 * @param [weights] Customers per row, for grouped data. Default 1 each.
 * @param [penalizer] λ ≥ 0 adding λ·Σ(param²) to the mean negative log-likelihood, as in lifetimes. Default 0.
 * @returns A 2-column table: r, alpha, a, b, log_likelihood, customers, converged.
 */
export function bgnbdFit(x: any[][], t_x: any[][], T: any[][], weights?: any[][], penalizer?: any): any[][] {
  return excel(() => {
    const lambda = penalizerArg(penalizer);
    const f = fitBgnbd(histories(x, t_x, T, weights), lambda);
    const { r, alpha, a, b } = f.params;
    return fitTable([["r", r], ["alpha", alpha], ["a", a], ["b", b], ["log_likelihood", f.logLikelihood], ["customers", f.customers], ["converged", f.converged]]);
  });
}

/**
 * Fits the Pareto/NBD model of repeat buying by maximum likelihood: purchase rate and lifetime across customers.
 * @customfunction PNBDFIT
 * @helpurl https://localhost:3000/help/en/PNBDFIT.html
 * @param x Repeat purchases of each customer, one customer a row.
 * @param t_x Time of each customer's last purchase, counted from the first (recency), in periods.
 * @param T Time from each customer's first purchase to the end of the calibration period (age), in periods.
 * @param [weights] Customers per row, for grouped data. Default 1 each.
 * @param [penalizer] λ ≥ 0 adding λ·Σ(param²) to the mean negative log-likelihood, as in lifetimes. Default 0.
 * @returns A 2-column table: r, alpha, s, beta, log_likelihood, customers, converged.
 */
export function pnbdFit(x: any[][], t_x: any[][], T: any[][], weights?: any[][], penalizer?: any): any[][] {
  return excel(() => {
    const lambda = penalizerArg(penalizer);
    const f = fitPnbd(histories(x, t_x, T, weights), lambda);
    const { r, alpha, s, beta } = f.params;
    return fitTable([["r", r], ["alpha", alpha], ["s", s], ["beta", beta], ["log_likelihood", f.logLikelihood], ["customers", f.customers], ["converged", f.converged]]);
  });
}

/**
 * Probability that each customer is still active at the end of the calibration period (T).
 * @customfunction PALIVE
 * @helpurl https://localhost:3000/help/en/PALIVE.html
 * @param params The table CRM.BGNBDFIT or CRM.PNBDFIT spills, or 4 numbers r, alpha, a, b (BG/NBD).
 * @param x Repeat purchases of each customer, one customer a row.
 * @param t_x Recency of each customer, in periods.
 * @param T Age of each customer, in periods.
 * @returns One probability per customer row.
 */
export function pAlive(params: any[][], x: any[][], t_x: any[][], T: any[][]): any[][] {
  return excel(() => {
    const p = modelParams(matrix(params, "params"));
    const cols = customerColumns([x, t_x, T], ["x", "t_x", "T"]);
    const [xs, txs, Ts] = cols.map((c) => c.values);
    const n = xs.length;
    const out: ExcelCell[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = cellError(cols, i) ?? historyError(xs[i], txs[i], Ts[i], i + 1, n);
      out[i] = resultRow(e ?? pAliveCore(p, xs[i], txs[i], Ts[i]), n);
    }
    return out;
  });
}

/**
 * Expected purchases: of each customer in the next t periods, or (without x, t_x, T) of a customer just acquired in (0, t].
 * @customfunction EXPECTEDPURCHASES
 * @helpurl https://localhost:3000/help/en/EXPECTEDPURCHASES.html
 * @param params The table CRM.BGNBDFIT or CRM.PNBDFIT spills, or 4 numbers r, alpha, a, b (BG/NBD).
 * @param t Periods ahead, 0 to 1,200; without x, t_x, T it may be a range (a forecast curve).
 * @param [x] Repeat purchases of each customer, one customer a row.
 * @param [t_x] Recency of each customer, in periods.
 * @param [T] Age of each customer, in periods.
 * @returns With x, t_x, T: one expectation per customer row; without: one per value of t.
 */
export function expectedPurchases(params: any[][], t: any[][], x?: any[][], t_x?: any[][], T?: any[][]): any[][] {
  return excel(() => {
    const p = modelParams(matrix(params, "params"));
    const given = [x, t_x, T].filter((c) => !isMissing(c) && !(Array.isArray(c) && c.length === 1 && Array.isArray(c[0]) && c[0].length === 1 && isMissing(c[0][0])));
    if (given.length === 0) return sameShape(t, "t", (v) => expectedCore(p, checkHorizon(v, "t")));
    if (given.length !== 3) throw valueError("x, t_x and T go together: give all three (a customer's history) or none (a new customer)");
    const cells = list(t, "t");
    if (cells.length !== 1) throw valueError("t must be a single number when x, t_x and T are given");
    const horizon = checkHorizon(num(cells[0], "t"), "t");
    const cols = customerColumns([x, t_x, T], ["x", "t_x", "T"]);
    const [xs, txs, Ts] = cols.map((c) => c.values);
    const n = xs.length;
    const expected = new ConditionalPurchases(p, horizon);
    // A cell's own error comes first; ConditionalPurchases.column finds the impossible histories.
    const cellErrors = new Map<number, CrmError>();
    for (const c of cols) for (const i of c.errors.keys()) cellErrors.set(i, cellError(cols, i) as CrmError);
    let skip: Uint8Array | undefined;
    if (cellErrors.size > 0) {
      skip = new Uint8Array(n);
      for (const i of cellErrors.keys()) skip[i] = 1;
    }
    const { values, pairs, errors } = expected.column(xs, txs, Ts, skip);
    // Customers without repeat purchases expect what their age gives: their rows are shared per
    // (x, T) pair (frozen, as SpillRows shares rows), a third of a million fewer arrays.
    const newcomers: (ExcelCell[] | undefined)[] = [];
    const out: ExcelCell[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== v) out[i] = resultRow(cellErrors.get(i) ?? errors.get(i) ?? expected.errorOf(pairs[i]) ?? v, n);
      else if (xs[i] !== 0) out[i] = [v];
      else out[i] = newcomers[pairs[i]] ??= Object.freeze([v]) as ExcelCell[];
    }
    return out;
  });
}

/**
 * Probability that a customer just acquired makes exactly n repeat purchases in (0, t] (BG/NBD).
 * @customfunction PURCHASEPROB
 * @helpurl https://localhost:3000/help/en/PURCHASEPROB.html
 * @param params The table CRM.BGNBDFIT spills, or 4 numbers r, alpha, a, b.
 * @param t Length of the period, 0 to 1,200 periods.
 * @param n Number of purchases, a whole number ≥ 0, or a range of them.
 * @returns One probability per value of n.
 */
export function purchaseProb(params: any[][], t: any, n: any[][]): any[][] {
  return excel(() => {
    const p = modelParams(matrix(params, "params"));
    const horizon = checkHorizon(num(t, "t"), "t");
    return sameShape(n, "n", (k) => purchaseProbability(p, horizon, wholeNumber(k, "n", 0)));
  });
}

/**
 * Fits the Gamma-Gamma model of spend per purchase occasion on the customers with x > 0.
 * @customfunction GAMMAGAMMAFIT
 * @helpurl https://localhost:3000/help/en/GAMMAGAMMAFIT.html
 * @param x Repeat purchases of each customer, one customer a row; rows with x = 0 are left out.
 * @param mean_value Mean value of each customer's repeat purchases (> 0 when x > 0).
 * @returns A 2-column table: p, q, v, log_likelihood, customers, converged, corr_x_value.
 */
export function gammaGammaFit(x: any[][], mean_value: any[][]): any[][] {
  return excel(() => {
    const f = fitGammaGamma(foldSpend(numColumn(x, "x"), numColumn(mean_value, "mean_value")));
    const { p, q, v } = f.params;
    return fitTable([["p", p], ["q", q], ["v", v], ["log_likelihood", f.logLikelihood], ["customers", f.customers], ["converged", f.converged], ["corr_x_value", f.correlation]]);
  });
}

/**
 * Expected value of each customer's future purchase occasions under the Gamma-Gamma model.
 * @customfunction EXPECTEDVALUE
 * @helpurl https://localhost:3000/help/en/EXPECTEDVALUE.html
 * @param gg_params The table CRM.GAMMAGAMMAFIT spills, or 3 numbers p, q, v.
 * @param x Repeat purchases of each customer, one customer a row.
 * @param mean_value Mean value of each customer's repeat purchases (ignored when x = 0).
 * @returns One expected value per customer row.
 */
export function expectedValue(gg_params: any[][], x: any[][], mean_value: any[][]): any[][] {
  return excel(() => {
    const gg = gammaGammaParams(matrix(gg_params, "gg_params"));
    const cols = customerColumns([x, mean_value], ["x", "mean_value"]);
    const [xs, ms] = cols.map((c) => c.values);
    const n = xs.length;
    const out: ExcelCell[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = cellError(cols, i) ?? spendError(xs[i], ms[i]);
      out[i] = resultRow(e ?? attemptRow(() => expectedValueCore(gg, xs[i], ms[i])), n);
    }
    return out;
  });
}

/**
 * Predicted lifetime value of each customer over the next periods: expected purchases × expected value × margin, discounted.
 * @customfunction CLVPREDICT
 * @helpurl https://localhost:3000/help/en/CLVPREDICT.html
 * @param params The table CRM.BGNBDFIT or CRM.PNBDFIT spills, or 4 numbers r, alpha, a, b (BG/NBD).
 * @param gg_params The table CRM.GAMMAGAMMAFIT spills, or 3 numbers p, q, v.
 * @param x Repeat purchases of each customer, one customer a row.
 * @param t_x Recency of each customer, in periods.
 * @param T Age of each customer, in periods.
 * @param mean_value Mean value of each customer's repeat purchases.
 * @param horizon Number of periods ahead, a whole number from 1 to 1,200.
 * @param rate Discount rate per period (1% = 0.01), greater than −100%.
 * @param [margin] Profit margin as a fraction of value. Default 1.
 * @returns One predicted CLV per customer row.
 */
export function clvPredict(params: any[][], gg_params: any[][], x: any[][], t_x: any[][], T: any[][], mean_value: any[][], horizon: any, rate: any, margin?: any): any[][] {
  return excel(() => {
    const p = modelParams(matrix(params, "params"));
    const gg = gammaGammaParams(matrix(gg_params, "gg_params"));
    const h = wholeNumber(num(horizon, "horizon"), "horizon", 1, MAX_HORIZON);
    const d = num(rate, "rate");
    if (!(d > -1)) throw numError(`rate must be greater than −100%, got ${d}`);
    const m = optNum(margin, "margin", 1);
    const curves = new AliveCurves(p, h);
    const cols = customerColumns([x, t_x, T, mean_value], ["x", "t_x", "T", "mean_value"]);
    const [xs, txs, Ts, ms] = cols.map((c) => c.values);
    const n = xs.length;
    const out: ExcelCell[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = cellError(cols, i) ?? historyError(xs[i], txs[i], Ts[i], i + 1, n) ?? meanValueError(ms[i]);
      out[i] = resultRow(e ?? attemptRow(() => predictedClv(p, gg, curves, xs[i], txs[i], Ts[i], ms[i], h, d, m)), n);
    }
    return out;
  });
}

/**
 * Fits the shifted-beta-geometric (sBG) model of contractual retention to a cohort's survivor counts.
 * @customfunction SBGFIT
 * @helpurl https://localhost:3000/help/en/SBGFIT.html
 * @param survivors Customers still active at t = 0, 1, …, T: the cohort size first, counts that never rise.
 * @returns A 2-column table: alpha, beta, log_likelihood.
 */
export function sbgFit(survivors: any[][]): any[][] {
  return excel(() => {
    const f = fitSbg(numList(survivors, "survivors"));
    return fitTable([["alpha", f.params.alpha], ["beta", f.params.beta], ["log_likelihood", f.logLikelihood]]);
  });
}

/**
 * sBG survival S(t): the share of the cohort still active after t periods.
 * @customfunction SBGSURVIVAL
 * @helpurl https://localhost:3000/help/en/SBGSURVIVAL.html
 * @param params The table CRM.SBGFIT spills, or 2 numbers alpha, beta.
 * @param t Periods, 0 to 1,200: a number or a range.
 * @returns S(t) for each value of t, in the shape of t.
 */
export function sbgSurvival(params: any[][], t: any[][]): any[][] {
  return excel(() => {
    const p = sbgParams(matrix(params, "params"));
    return sameShape(t, "t", (v) => survivalCore(p, checkHorizon(v, "t")));
  });
}

/**
 * sBG retention rate r_t: the share of those active at t − 1 who renew at t.
 * @customfunction SBGRETENTION
 * @helpurl https://localhost:3000/help/en/SBGRETENTION.html
 * @param params The table CRM.SBGFIT spills, or 2 numbers alpha, beta.
 * @param t Period, 1 to 1,200: a number or a range.
 * @returns r_t for each value of t, in the shape of t.
 */
export function sbgRetention(params: any[][], t: any[][]): any[][] {
  return excel(() => {
    const p = sbgParams(matrix(params, "params"));
    return sameShape(t, "t", (v) => retentionCore(p, checkHorizon(v, "t", 1)));
  });
}

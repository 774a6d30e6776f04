/**
 * Receivables aging functions (账龄分析): days past due, bucket labels, the aging report per
 * customer and the bad-debt allowance. Thin wrappers: argument conversion, then core. The JSDoc
 * below is the Excel metadata (custom-functions-metadata reads it at build time).
 */
import { agingDays as agingDaysCore, agingTable as agingTableCore, AGING_LABELS, allowance as allowanceCore, bucketIndex, bucketLabels, checkEdges, DEFAULT_EDGES } from "../core/aging";
import { isBlankText } from "../core/columns";
import { valueError } from "../core/errors";
import { date, ExcelCell, excel, isMissing, language as languageArg, list, num, numList, optList, Scalar, toExcelCell } from "./args";
import { dateColumn, numbers, numColumn, spillCodes, SpillRows } from "./columns";

function edgesArg(range: unknown): readonly number[] {
  return optList(range, "edges") === undefined ? DEFAULT_EDGES : checkEdges(numList(range, "edges"));
}

/** Same number of rows in every list, or #VALUE! naming the one that differs. */
function sameLength(lists: readonly [string, ArrayLike<unknown>][]): void {
  const [first, a] = lists[0];
  for (const [name, b] of lists.slice(1)) if (b.length !== a.length) throw valueError(`${name} has ${b.length} rows but ${first} has ${a.length}`);
}

function customerId(value: Scalar, name: string): string | number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && !isBlankText(value)) return value;
  throw valueError(isMissing(value) ? `${name} is blank` : `${name} must be text or a number`);
}

/**
 * Days past due: as_of − due_date (negative = not yet due). A range of due dates spills one number per row.
 * @customfunction AGINGDAYS
 * @param due_date Due date: a date serial number or ISO text (2024-03-31); one cell or a range.
 * @param as_of The date to age at (a date or ISO text).
 * @returns Days past due per due date.
 */
export function agingDays(due_date: any[][], as_of: any): any[][] {
  return excel((): ExcelCell[][] => {
    const asOf = date(as_of, "as_of");
    const due = dateColumn(due_date, "due_date");
    // Days are a few hundred distinct numbers: one shared row each.
    const rows = new SpillRows();
    const out: ExcelCell[][] = new Array(due.values.length);
    for (let i = 0; i < out.length; i++) out[i] = rows.numberRow(agingDaysCore(due.values[i], asOf));
    for (const [i, error] of due.errors) out[i] = [toExcelCell(error)];
    return out;
  });
}

/**
 * Aging bucket label by days past due: 未到期, 1-30天, 31-60天, 61-90天, 90天以上 with the default edges {30,60,90}. A range of due dates spills one label per row.
 * @customfunction AGINGBUCKET
 * @param due_date Due date: a date serial number or ISO text; one cell or a range.
 * @param as_of The date to age at (a date or ISO text).
 * @param [edges] Upper day of each overdue bucket, whole numbers increasing. Default {30,60,90}.
 * @param [language] "zh" (default) or "en" (Current, 1-30, 31-60, 61-90, 90+).
 * @returns The bucket label per due date.
 */
export function agingBucket(due_date: any[][], as_of: any, edges?: any[][], language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const asOf = date(as_of, "as_of");
    const e = edgesArg(edges);
    const labels = bucketLabels(e, languageArg(language));
    const due = dateColumn(due_date, "due_date");
    const codes = new Int32Array(due.values.length);
    for (let i = 0; i < codes.length; i++) codes[i] = bucketIndex(agingDaysCore(due.values[i], asOf), e);
    for (const i of due.errors.keys()) codes[i] = -1;
    return spillCodes(labels, codes, due.errors);
  });
}

/**
 * Aging report: one row per customer (first-appearance order) with the open amount in each bucket and the row total, then a total row.
 * @customfunction AGINGTABLE
 * @param customer_ids Customer of each invoice line.
 * @param due_dates Due date of each line: date serial numbers or ISO text.
 * @param open_amounts Open (unpaid) amount of each line.
 * @param as_of The date to age at (a date or ISO text).
 * @param [edges] Upper day of each overdue bucket, whole numbers increasing. Default {30,60,90}.
 * @param [language] "zh" (default) or "en" for the header and total labels.
 * @returns A header row, one row per customer and a total row.
 */
export function agingTable(customer_ids: any[][], due_dates: any[][], open_amounts: any[][], as_of: any, edges?: any[][], language?: any): any[][] {
  return excel((): ExcelCell[][] => {
    const lang = languageArg(language);
    const asOf = date(as_of, "as_of");
    const e = edgesArg(edges);
    const idCells = list(customer_ids, "customer_ids");
    const dueCells = dateColumn(due_dates, "due_dates");
    const amountCells = numColumn(open_amounts, "open_amounts");
    sameLength([["customer_ids", idCells], ["due_dates", dueCells.values], ["open_amounts", amountCells.values]]);
    // The first bad line stops the report: a summary without it would be wrong unseen. Its
    // first bad cell (id, due date, amount) names the error, as the per-line conversions word it.
    let bad = idCells.findIndex((id) => !(typeof id === "number" ? Number.isFinite(id) : typeof id === "string" && !isBlankText(id)));
    if (bad < 0) bad = Infinity;
    for (const errors of [dueCells.errors, amountCells.errors]) for (const i of errors.keys()) bad = Math.min(bad, i);
    if (bad !== Infinity) {
      customerId(idCells[bad], `customer_ids value ${bad + 1}`);
      date(list(due_dates, "due_dates")[bad], `due_dates value ${bad + 1}`);
      num(list(open_amounts, "open_amounts")[bad], `open_amounts value ${bad + 1}`);
    }
    const report = agingTableCore(idCells as (string | number)[], dueCells.values, amountCells.values, asOf, e);
    const l = AGING_LABELS[lang];
    const k = report.rows.length;
    const out: ExcelCell[][] = new Array(k + 2);
    out[0] = [l.customer, ...bucketLabels(e, lang), l.total];
    const cellOf = (x: number): ExcelCell => (Number.isFinite(x) ? x : toExcelCell(x));
    for (let c = 0; c < k; c++) {
      const r = report.rows[c];
      out[c + 1] = [r.customer, ...r.buckets.map(cellOf), cellOf(r.total)];
    }
    out[k + 1] = [l.total, ...report.total.buckets.map(cellOf), cellOf(report.total.total)];
    return out;
  });
}

/**
 * Bad-debt allowance by aging (账龄分析法): the sum of each open amount times the rate of its bucket.
 * @customfunction ALLOWANCE
 * @param open_amounts Open amount of each line.
 * @param days_past_due Days past due of each line (negative or 0 = not yet due).
 * @param rates One rate per bucket, the first for not yet due: edges + 2 values.
 * @param [edges] Upper day of each overdue bucket, whole numbers increasing. Default {30,60,90}.
 * @returns The allowance.
 */
export function allowance(open_amounts: any[][], days_past_due: any[][], rates: any[][], edges?: any[][]): number {
  return excel(() => {
    const amounts = numbers(open_amounts, "open_amounts");
    const days = numbers(days_past_due, "days_past_due");
    sameLength([["open_amounts", amounts], ["days_past_due", days]]);
    return allowanceCore(amounts, days, numList(rates, "rates"), edgesArg(edges));
  });
}

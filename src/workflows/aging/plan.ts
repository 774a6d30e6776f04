/**
 * Receivables aging: days past due and bucket per invoice line (CRM.AGINGDAYS, CRM.AGINGBUCKET),
 * an aging report per customer (CRM.AGINGTABLE) with the share overdue, credit-limit flags and
 * DSO, the bad-debt allowance by bucket (CRM.ALLOWANCE) and a stacked chart of the largest
 * balances. The arithmetic is src/core/aging.ts and credit.ts.
 */
import { AGING_LABELS, DEFAULT_EDGES, agingDays, agingTable, allowanceByBucket, bucketIndex, bucketLabels, checkEdges } from "../../core/aging";
import { dso } from "../../core/credit";
import { exactSum } from "../../core/exact-sums";
import type { Language } from "../../core/labels";
import { dec, toNumber } from "../../core/money";
import { AGING_FIELDS } from "./fields";
import { COLUMN_HEADERS, OVER_LIMIT_FILL, SEGMENT_FILLS, SHEET_NAMES, text } from "../labels";
import { ColumnsPlan, Plan, PlanInput, emptyRows, goodRows, parameterLines, share } from "../plan";
import { SheetBuilder } from "../sheet-builder";
import type { Problem } from "../types";
import type { AgingOptions } from "./options";
import { type ParsedTable, problemMessage } from "../validate";

/** Customers in the chart of the largest balances. */
const CHART_CUSTOMERS = 15;

/** Default allowance rates: 1% not yet due, 2%, 5%, 10% for the overdue buckets, 30% beyond the last edge. */
export function defaultRates(edges: readonly number[]): number[] {
  if (edges.length === 3) return [0.01, 0.02, 0.05, 0.1, 0.3];
  const overdue = edges.length;
  return [0.01, ...Array.from({ length: overdue }, (_, i) => Math.round((0.02 + (0.1 * i) / Math.max(1, overdue - 1)) * 1000) / 1000), 0.3];
}

/**
 * Credit sales are a figure per customer (the year's sales on credit), which an invoice export
 * may repeat on every line of the customer or give on one line and leave blank on the others.
 * Adding the lines up would multiply it by the number of lines; so a customer's lines must agree
 * on one value, and when they do not, every line that gives one is a problem (rather than a
 * guess which is right). Blank lines are fine. Only rows without other problems take part, as
 * only they are used; the rows found here are marked bad in `table.ok`.
 */
export function salesProblems(table: ParsedTable, firstRow: number, salesColumn: string, language: Language): Problem[] {
  const col = table.numbers.sales;
  if (!col) return [];
  const lines = new Map<string | number, number[]>();
  for (let i = 0; i < table.rows; i++) {
    if (!table.ok[i] || Number.isNaN(col[i])) continue;
    const list = lines.get(table.ids[i]);
    if (list) list.push(i);
    else lines.set(table.ids[i], [i]);
  }
  const problems: Problem[] = [];
  const field = AGING_FIELDS.find((f) => f.id === "sales")!;
  for (const [customer, rows] of lines) {
    if (rows.every((i) => col[i] === col[rows[0]])) continue;
    const shown = rows.slice(0, 6).map((i) => (language === "zh" ? `第 ${firstRow + i} 行 ${col[i]}` : `row ${firstRow + i}: ${col[i]}`));
    if (rows.length > 6) shown.push("…");
    for (const i of rows) {
      table.ok[i] = 0;
      problems.push({
        row: firstRow + i,
        column: salesColumn,
        field: "sales",
        kind: "inconsistent",
        value: col[i],
        message: problemMessage("inconsistent", language, field.label[language], col[i], `${customer}`, shown.join(language === "zh" ? "；" : "; ")),
      });
    }
  }
  return problems;
}

/** Each customer's credit sales from its lines (which agree), NaN for a customer none of whose lines gives them. */
function customerSales(customers: readonly (string | number)[], ids: readonly (string | number)[], good: Int32Array, salesCol: Float64Array): Float64Array {
  const index = new Map<string | number, number>();
  customers.forEach((c, g) => index.set(c, g));
  const out = new Float64Array(customers.length).fill(NaN);
  for (let j = 0; j < good.length; j++) {
    const s = salesCol[good[j]];
    const g = index.get(ids[j]);
    if (g !== undefined && !Number.isNaN(s) && Number.isNaN(out[g])) out[g] = s;
  }
  return out;
}

/**
 * Each customer's name: the first its lines give (a customer without one is named by its id, so
 * that the chart, which labels customers by this column, still says who it is).
 */
function customerNames(customers: readonly (string | number)[], ids: readonly (string | number)[], good: Int32Array, names: readonly (string | null)[]): (string | number)[] {
  const found = new Map<string | number, string>();
  for (let j = 0; j < good.length; j++) {
    const name = names[good[j]];
    if (name !== null && !found.has(ids[j])) found.set(ids[j], name);
  }
  return customers.map((c) => found.get(c) ?? c);
}

/** Key figures written on the report with a format; the pane shows them with the same one. */
export const AGING_FIGURE_FORMATS = { dso: "0.0" } as const;

export function planAging(input: PlanInput<AgingOptions>): Plan {
  const { table, options, mapping } = input;
  const lang = options.language;
  const edges = checkEdges(options.edges ?? DEFAULT_EDGES);
  const rates = options.rates ?? defaultRates(edges);
  const labels = bucketLabels(edges, lang);
  const good = goodRows(table.ok);
  const k = good.length;
  const dues = table.numbers.dueDate!;
  const open = table.numbers.openAmount!;
  const ids: (string | number)[] = new Array(k);
  const d = new Array<number>(k);
  const a = new Array<number>(k);
  const days = new Array<number>(k);
  for (let j = 0; j < k; j++) {
    const i = good[j];
    ids[j] = table.ids[i];
    d[j] = dues[i];
    a[j] = open[i];
    days[j] = agingDays(dues[i], input.asOf);
  }

  const h = COLUMN_HEADERS.aging;
  const headers = [h.days[lang], h.bucket[lang]];
  const rows = emptyRows(table.rows, 2);
  for (let j = 0; j < k; j++) {
    rows[good[j]][0] = days[j];
    rows[good[j]][1] = labels[bucketIndex(days[j], edges)];
  }
  const bucketFills = labels.map((value, i) => ({ value, fill: SEGMENT_FILLS[[0, 2, 6, 3, 7, 9][Math.min(i, 5)]] }));
  const columns: ColumnsPlan = { headers, rows, formats: ["0", undefined], fills: [{ column: 1, fills: bucketFills }] };

  // Per customer: the core report, plus limits and sales where mapped.
  const report = agingTable(ids, d, a, input.asOf, edges);
  // Customers are grouped by their exact id, as CRM.AGINGTABLE groups them.
  const limits = new Map<string | number, number>();
  const limitCol = mapping.creditLimit !== undefined ? table.numbers.creditLimit : undefined;
  const salesCol = mapping.sales !== undefined ? table.numbers.sales : undefined;
  for (let j = 0; j < k; j++) {
    const key = ids[j];
    if (limitCol && !Number.isNaN(limitCol[good[j]]) && !limits.has(key)) limits.set(key, limitCol[good[j]]);
  }
  // One figure per customer (NaN when none of its lines gives it); salesProblems has made sure its lines agree.
  const sales = salesCol ? customerSales(report.rows.map((r) => r.customer), ids, good, salesCol) : undefined;
  const dsoDays = options.dsoDays ?? 365;
  const nameCol = mapping.customerName !== undefined ? table.texts?.customerName : undefined;
  const names = nameCol ? customerNames(report.rows.map((r) => r.customer), ids, good, nameCol) : undefined;
  /** Columns before the buckets: the customer, and its name when mapped (the chart's categories). */
  const lead = names ? 2 : 1;

  const money = "#,##0.00";
  const leadHeaders = names ? [AGING_LABELS[lang].customer, text("customerName", lang)] : [AGING_LABELS[lang].customer];
  const reportHeaders = [...leadHeaders, ...labels, AGING_LABELS[lang].total, text("shareOverdue", lang)];
  const formats: (string | undefined)[] = [...leadHeaders.map(() => undefined), ...labels.map(() => money), money, "0.0%"];
  if (limitCol) {
    reportHeaders.push(text("creditLimit", lang), text("overLimit", lang));
    formats.push(money, undefined);
  }
  if (sales) {
    reportHeaders.push(text("creditSales", lang), text("dso", lang));
    formats.push(money, "0.0");
  }
  let overLimit = 0;
  const body = report.rows.map((r, g) => {
    const total = r.total;
    const overdue = toNumber(dec(total).minus(r.buckets[0]));
    const row: (string | number | null)[] = [r.customer, ...(names ? [names[g]] : []), ...r.buckets, total, total > 0 ? share(overdue, total) : null];
    if (limitCol) {
      const limit = limits.get(r.customer);
      const over = limit !== undefined && total > limit;
      if (over) overLimit++;
      row.push(limit ?? null, over ? text("yes", lang) : null);
    }
    if (sales) row.push(Number.isNaN(sales[g]) ? null : sales[g], sales[g] > 0 && total >= 0 ? dso(total, sales[g], dsoDays) : null);
    return { row, total };
  });
  // Largest balances first (ties in order of first appearance), as a report is read.
  const sorted = body.map((b, i) => ({ ...b, i })).sort((x, y) => y.total - x.total || x.i - y.i).map((b) => b.row);
  const grand = report.total.total;
  const grandOverdue = toNumber(dec(grand).minus(report.total.buckets[0]));
  const totalRow: (string | number | null)[] = [AGING_LABELS[lang].total, ...(names ? [null] : []), ...report.total.buckets, grand, grand > 0 ? share(grandOverdue, grand) : null];
  if (limitCol) totalRow.push(null, overLimit);
  const figures: Record<string, number> = { customers: report.rows.length, lines: k, total: grand, overdue: grandOverdue, overLimit };
  // DSO over the customers whose sales are given: their balances against their sales, so a
  // customer without a sales figure neither inflates the receivables nor is counted as no sales.
  let covered: { customers: number; open: number; sales: number } | undefined;
  if (sales) {
    const withSales = report.rows.flatMap((_, g) => (Number.isNaN(sales[g]) ? [] : [g]));
    covered = {
      customers: withSales.length,
      open: toNumber(exactSum(withSales.map((g) => report.rows[g].total))),
      sales: toNumber(exactSum(withSales.map((g) => sales[g]))),
    };
    totalRow.push(covered.sales, covered.sales > 0 && covered.open >= 0 ? dso(covered.open, covered.sales, dsoDays) : null);
  }
  if (options.creditSales !== undefined) {
    if (options.creditSales > 0 && grand >= 0) figures.dso = dso(grand, options.creditSales, dsoDays);
  } else if (covered && covered.sales > 0 && covered.open >= 0) figures.dso = dso(covered.open, covered.sales, dsoDays);

  const b = new SheetBuilder("report", SHEET_NAMES.agingReport[lang]);
  b.title(text("agingTitle", lang));
  parameterLines(b, input, true);
  if (figures.dso !== undefined) b.formatted(text("dso", lang), figures.dso, AGING_FIGURE_FORMATS.dso);
  if (figures.dso !== undefined && options.creditSales === undefined && covered && covered.customers < report.rows.length) {
    b.line(text("dsoCoverage", lang), text("dsoCoverageOf", lang, { n: covered.customers, m: report.rows.length }));
  }
  b.blank();
  const area = b.table(reportHeaders, sorted, { formats, totalRow });
  if (limitCol) {
    const flagColumn = reportHeaders.length - (sales ? 3 : 1);
    b.fills.push({ area: { row: area.row + 1, column: flagColumn, rows: sorted.length, columns: 1 }, fills: [{ value: text("yes", lang), fill: OVER_LIMIT_FILL }] });
  }
  b.blank();
  b.title(text("allowanceTitle", lang));
  const allowance = allowanceByBucket(a, days, rates, edges);
  const allowanceBody = allowance.buckets.map((x, i) => [labels[i], x.amount, x.rate, x.allowance]);
  const allowanceFormats = [null, money, "0.0%", money];
  b.table([text("bucket", lang), text("amount", lang), text("rate", lang), text("allowance", lang)], allowanceBody, {
    formats: allowanceFormats,
    totalRow: [text("total", lang), grand, null, allowance.total],
  });
  figures.allowance = allowance.total;
  const top = Math.min(CHART_CUSTOMERS, sorted.length);
  if (top > 0) {
    b.charts.push({
      kind: "stackedColumn",
      title: text("agingChart", lang, { n: top }),
      name: "crm-aging-top",
      // Categories: the names when mapped (else the ids), the column just left of the buckets.
      source: { row: area.row, column: lead - 1, rows: top + 1, columns: labels.length + 1 },
      anchor: { row: 1, column: reportHeaders.length + 1 },
      width: 560,
    });
  }
  const summaryHeaders = [text("bucket", lang), text("amount", lang), text("rate", lang), text("allowance", lang)];
  return { columns, sheets: [b.build()], summary: { headers: summaryHeaders, rows: allowanceBody, formats: allowanceFormats }, figures, rowsWritten: k };
}


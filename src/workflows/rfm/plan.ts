/**
 * Segment customers (RFM). One row per customer: scores beside the rows. One row per
 * transaction: aggregated like CRM.RFMTABLE into a new customer sheet. Both: a summary sheet of
 * customers, revenue and shares per segment with a chart. All scoring, grouping and naming is
 * src/core's (rfm.ts, rfm-table.ts, segments.ts); this file only arranges it.
 */
import { CrmError } from "../../core/errors";
import { groupSums } from "../../core/exact-sums";
import type { Language } from "../../core/labels";
import { DEFAULT_BINS, rfmCode, scoreRfm } from "../../core/rfm";
import { RFM_TABLE_HEADER, rfmTable, type RfmTable } from "../../core/rfm-table";
import { CN8_SEGMENTS, RF10_SEGMENTS, checkScheme, segmentAll } from "../../core/segments";
import type { CellValue, ValueFill } from "../../workbook/types";
import { COLUMN_HEADERS, SEGMENT_FILLS, SHEET_NAMES, text } from "../labels";
import { ColumnsPlan, Plan, PlanInput, emptyRows, goodRows, parameterLines, share } from "../plan";
import { COUNT_FORMAT, SheetBuilder, SheetPlan } from "../sheet-builder";
import type { RfmOptions } from "./options";
import { RFM_TABLE_FORMATS, rfmTableRow } from "./customer-table";

/** The segment names of a scheme in its order (best first). */
export function segmentNames(scheme: "cn8" | "rf10", lang: Language): string[] {
  return scheme === "rf10" ? Object.values(RF10_SEGMENTS).map((l) => l[lang]) : CN8_SEGMENTS.map((s) => s.label[lang]);
}

export function segmentFills(scheme: "cn8" | "rf10", lang: Language): ValueFill[] {
  return segmentNames(scheme, lang).map((value, i) => ({ value, fill: SEGMENT_FILLS[i % SEGMENT_FILLS.length] }));
}

interface Scored {
  r: Int8Array;
  f: Int8Array;
  m: Int8Array;
  segments: string[];
}

function score(recency: Float64Array, frequency: Float64Array, monetary: Float64Array, options: RfmOptions): Scored {
  const bins = options.bins ?? DEFAULT_BINS;
  const scheme = options.scheme ?? "cn8";
  checkScheme(scheme, bins);
  const s = scoreRfm({ recency, frequency, monetary }, bins);
  const first = s.errors.values().next();
  if (!first.done) throw first.value;
  const names = segmentAll({ r: s.r, f: s.f, m: s.m }, scheme, options.language, bins);
  const segments = names.map((x) => {
    if (x instanceof CrmError) throw x;
    return x;
  });
  return { r: s.r, f: s.f, m: s.m, segments };
}

function summarySheet(input: PlanInput<RfmOptions>, scored: Scored, monetary: Float64Array): { sheet: SheetPlan; summary: Plan["summary"] } {
  const lang = input.options.language;
  const scheme = input.options.scheme ?? "cn8";
  const names = segmentNames(scheme, lang);
  const index = new Map(names.map((n, i) => [n, i]));
  const n = scored.segments.length;
  const groupOf = new Int32Array(n);
  const counts = new Array<number>(names.length).fill(0);
  for (let i = 0; i < n; i++) {
    const g = index.get(scored.segments[i]) ?? 0;
    groupOf[i] = g;
    counts[g]++;
  }
  const revenue = groupSums(monetary, groupOf, names.length);
  const total = groupSums(monetary, new Int32Array(n), 1)[0];
  const headers = [text("segment", lang), text("customers", lang), text("customerShare", lang), text("revenue", lang), text("revenueShare", lang)];
  const body = names.map((name, g) => [name, counts[g], share(counts[g], n), revenue[g], share(revenue[g], total)]);
  const b = new SheetBuilder("summary", SHEET_NAMES.rfmSummary[lang]);
  b.title(text("rfmTitle", lang));
  parameterLines(b, input, true);
  b.line(text("scheme", lang), scheme);
  b.count(text("bins", lang), input.options.bins ?? DEFAULT_BINS);
  b.blank();
  const formats = [null, COUNT_FORMAT, "0.0%", "#,##0.00", "0.0%"];
  const area = b.table(headers, body, { formats, totalRow: [text("total", lang), n, n ? 1 : 0, total, total ? 1 : 0] });
  b.fills.push({ area: { row: area.row + 1, column: 0, rows: names.length, columns: 1 }, fills: segmentFills(scheme, lang) });
  b.charts.push({ kind: "column", title: text("customersBySegment", lang), name: "crm-rfm-segments", source: { row: area.row, column: 0, rows: area.rows, columns: 2 }, anchor: { row: 1, column: 7 } });
  return { sheet: b.build(), summary: { headers, rows: body, formats } };
}

export function planRfm(input: PlanInput<RfmOptions>): Plan {
  return input.options.mode === "transactions" ? planTransactions(input) : planCustomers(input);
}

function planCustomers(input: PlanInput<RfmOptions>): Plan {
  const { table, mapping, options } = input;
  const lang = options.language;
  const good = goodRows(table.ok);
  const k = good.length;
  const pick = (field: "recency" | "lastDate" | "frequency" | "monetary") => {
    const col = table.numbers[field]!;
    const out = new Float64Array(k);
    for (let j = 0; j < k; j++) out[j] = col[good[j]];
    return out;
  };
  const fromDates = mapping.recency === undefined;
  let recency: Float64Array;
  if (fromDates) {
    recency = pick("lastDate");
    // Whole days between the dates, as CRM.RFMTABLE counts them.
    for (let j = 0; j < k; j++) recency[j] = Math.floor(input.asOf) - Math.floor(recency[j]);
  } else recency = pick("recency");
  const monetary = pick("monetary");
  const scored = score(recency, pick("frequency"), monetary, options);

  const h = COLUMN_HEADERS.rfm;
  const headers = [...(fromDates ? [h.recency[lang]] : []), h.r[lang], h.f[lang], h.m[lang], h.code[lang], h.segment[lang]];
  const offset = fromDates ? 1 : 0;
  const rows = emptyRows(table.rows, headers.length);
  for (let j = 0; j < k; j++) {
    const row = rows[good[j]];
    if (fromDates) row[0] = recency[j];
    row[offset] = scored.r[j];
    row[offset + 1] = scored.f[j];
    row[offset + 2] = scored.m[j];
    row[offset + 3] = rfmCode(scored.r[j], scored.f[j], scored.m[j]);
    row[offset + 4] = scored.segments[j];
  }
  const columns: ColumnsPlan = {
    headers,
    rows,
    formats: [...(fromDates ? ["0"] : []), "0", "0", "0", "0", undefined],
    fills: [{ column: offset + 4, fills: segmentFills(options.scheme ?? "cn8", lang) }],
  };
  const { sheet, summary } = summarySheet(input, scored, monetary);
  return { columns, sheets: [sheet], summary, figures: { customers: k }, rowsWritten: k };
}

function planTransactions(input: PlanInput<RfmOptions>): Plan {
  const { table } = input;
  const good = goodRows(table.ok);
  const dates = table.numbers.date!;
  const amounts = table.numbers.amount!;
  const ids: (string | number)[] = new Array(good.length);
  const d = new Float64Array(good.length);
  const a = new Float64Array(good.length);
  for (let j = 0; j < good.length; j++) {
    ids[j] = table.ids[good[j]];
    d[j] = dates[good[j]];
    a[j] = amounts[good[j]];
  }
  return planRfmTable(input, rfmTable(ids, d, a, input.asOf), good.length);
}

/**
 * The customer sheet and summary of transactions already grouped by CRM.RFMTABLE's rule: the
 * sheet's transactions (above) or a transactions file streamed through the core's RfmAccumulator
 * (`crm rfm orders.csv --rows transactions`), scored alike.
 */
export function planRfmTable(input: PlanInput<RfmOptions>, rt: RfmTable, transactions: number): Plan {
  const { options } = input;
  const lang = options.language;
  const scored = score(rt.recency, rt.frequency, rt.monetary, options);
  const h = COLUMN_HEADERS.rfm;
  const headers = [...RFM_TABLE_HEADER[lang], h.r[lang], h.f[lang], h.m[lang], h.code[lang], h.segment[lang]];
  const n = rt.ids.length;
  const body: CellValue[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    body[i] = [...rfmTableRow(rt, i), scored.r[i], scored.f[i], scored.m[i], rfmCode(scored.r[i], scored.f[i], scored.m[i]), scored.segments[i]];
  }
  const b = new SheetBuilder("customers", SHEET_NAMES.rfmCustomers[lang]);
  b.table(headers, body, { formats: [...RFM_TABLE_FORMATS, "0", "0", "0", "0", undefined] });
  b.fills.push({ area: { row: 1, column: 10, rows: n, columns: 1 }, fills: segmentFills(options.scheme ?? "cn8", lang) });
  const customers = b.build();
  const { sheet, summary } = summarySheet(input, scored, rt.monetary);
  return { sheets: [customers, sheet], summary, figures: { customers: n, transactions }, rowsWritten: n };
}

/**
 * Customer value: CLV per customer (CRM.CLV's model with the margin as the per-period amount and
 * a constant retention rate, or CRM.CLVPERPETUITY), or an existing value column; then the ABC
 * class and the pyramid tier (CRM.ABCCLASS, CRM.PYRAMID), and a summary with the Pareto curve.
 */
import { clv, clvPerpetuity } from "../../core/clv";
import { CrmError } from "../../core/errors";
import { groupSums, prefixSums } from "../../core/exact-sums";
import { dec, toNumber } from "../../core/money";
import { DEFAULT_PYRAMID_SHARES, PYRAMID_TIERS, abcClass, pyramidTiers } from "../../core/tiers";
import { ABC_FILLS, COLUMN_HEADERS, SHEET_NAMES, SEGMENT_FILLS, text } from "../labels";
import { ColumnsPlan, Plan, PlanInput, emptyRows, goodRows, parameterLines, share } from "../plan";
import { COUNT_FORMAT, SheetBuilder } from "../sheet-builder";
import type { Problem } from "../types";
import type { ParsedTable } from "../validate";
import { VALUE_DEFAULTS, type ValueOptions } from "./options";


/** Points of the Pareto curve: the top 5%, 10%, … 100% of customers. */
const PARETO_POINTS = 20;

/**
 * Rows the CLV model cannot value although each cell is valid: perpetuity needs retention below 1.
 * Returned as problems so the person sees them before anything is written.
 */
export function valueProblems(table: ParsedTable, options: ValueOptions, firstRow: number, retentionColumn: string | undefined): Problem[] {
  if ((options.periods ?? VALUE_DEFAULTS.periods) !== "perpetuity") return [];
  const col = table.numbers.retention;
  const problems: Problem[] = [];
  if (!col || table.numbers.margin === undefined) return problems;
  for (let i = 0; i < table.rows; i++) {
    if (table.ok[i] && col[i] >= 1) {
      table.ok[i] = 0;
      problems.push({
        row: firstRow + i,
        column: retentionColumn ?? "",
        field: "retention",
        kind: "outOfRange",
        value: col[i],
        message: options.language === "zh" ? `永续模型要求保留率小于 1（${col[i]}）` : `the perpetuity model needs a retention rate below 1 (${col[i]})`,
      });
    }
  }
  return problems;
}

/** CLV of each good row. The model is linear in the margin, so one core call per distinct (retention, rate) gives the factor. */
function clvValues(table: ParsedTable, good: Int32Array, options: ValueOptions): Float64Array {
  const margin = table.numbers.margin!;
  const retentionCol = table.numbers.retention;
  const rateCol = table.numbers.discount;
  const periods = options.periods ?? VALUE_DEFAULTS.periods;
  const timing = options.timing ?? VALUE_DEFAULTS.timing;
  const factors = new Map<string, number>();
  const out = new Float64Array(good.length);
  for (let j = 0; j < good.length; j++) {
    const i = good[j];
    const r = retentionCol ? retentionCol[i] : (options.retention ?? VALUE_DEFAULTS.retention);
    const d = rateCol ? rateCol[i] : (options.rate ?? VALUE_DEFAULTS.rate);
    const key = `${r}|${d}`;
    let factor = factors.get(key);
    if (factor === undefined) {
      factor = periods === "perpetuity" ? clvPerpetuity(1, r, d, 0, timing) : clv({ rate: d, periods, revenue: 1, retention: r, timing });
      factors.set(key, factor);
    }
    out[j] = toNumber(dec(margin[i]).times(factor));
  }
  return out;
}

export function planValue(input: PlanInput<ValueOptions>): Plan {
  const { table, mapping, options } = input;
  const lang = options.language;
  const good = goodRows(table.ok);
  const k = good.length;
  const fromMargin = mapping.margin !== undefined;
  let values: Float64Array;
  if (fromMargin) values = clvValues(table, good, options);
  else {
    values = new Float64Array(k);
    const col = table.numbers.value!;
    for (let j = 0; j < k; j++) values[j] = col[good[j]];
  }
  const classes = abcClass(values, options.aShare ?? 0.8, options.bShare ?? 0.95).map((c) => {
    if (c instanceof CrmError) throw c;
    return c;
  });
  const shares = options.pyramidShares ?? DEFAULT_PYRAMID_SHARES;
  const { tiers } = pyramidTiers(values, shares);

  const h = COLUMN_HEADERS.value;
  const headers = [...(fromMargin ? [h.clv[lang]] : []), h.abc[lang], h.tier[lang]];
  const o = fromMargin ? 1 : 0;
  const rows = emptyRows(table.rows, headers.length);
  for (let j = 0; j < k; j++) {
    const row = rows[good[j]];
    if (fromMargin) row[0] = values[j];
    row[o] = classes[j];
    row[o + 1] = PYRAMID_TIERS[tiers[j]].label[lang];
  }
  const columns: ColumnsPlan = {
    headers,
    rows,
    formats: [...(fromMargin ? ["#,##0.00"] : []), undefined, undefined],
    fills: [
      { column: o, fills: Object.entries(ABC_FILLS).map(([value, fill]) => ({ value, fill })) },
      { column: o + 1, fills: PYRAMID_TIERS.map((t, i) => ({ value: t.label[lang], fill: SEGMENT_FILLS[i] })) },
    ],
  };

  // Summary: ABC, pyramid, Pareto curve.
  const b = new SheetBuilder("summary", SHEET_NAMES.valueSummary[lang]);
  b.title(text("valueTitle", lang));
  parameterLines(b, input, false);
  const periods = options.periods ?? VALUE_DEFAULTS.periods;
  b.line(text("model", lang), !fromMargin ? text("fromColumn", lang) : periods === "perpetuity" ? text("perpetuity", lang) : text("periods", lang, { n: periods }));
  b.blank();
  const total = groupSums(values, new Int32Array(k), 1)[0];
  const group = (of: (j: number) => number, count: number) => {
    const groupOf = new Int32Array(k);
    const counts = new Array<number>(count).fill(0);
    for (let j = 0; j < k; j++) {
      groupOf[j] = of(j);
      counts[groupOf[j]]++;
    }
    return { counts, sums: groupSums(values, groupOf, count) };
  };
  const abcNames = ["A", "B", "C"];
  const abc = group((j) => abcNames.indexOf(classes[j]), 3);
  const headersAbc = [text("abcClass", lang), text("customers", lang), text("customerShare", lang), text("value", lang), text("valueShare", lang)];
  const abcBody = abcNames.map((c, g) => [c, abc.counts[g], share(abc.counts[g], k), abc.sums[g], share(abc.sums[g], total)]);
  const totalRow = [text("total", lang), k, k ? 1 : 0, total, total ? 1 : 0];
  const money = [null, COUNT_FORMAT, "0.0%", "#,##0.00", "0.0%"];
  b.table(headersAbc, abcBody, { formats: money, totalRow });
  b.blank();
  const pyr = group((j) => tiers[j], 4);
  const headersTier = [text("tier", lang), ...headersAbc.slice(1)];
  const tierBody = PYRAMID_TIERS.map((t, g) => [t.label[lang], pyr.counts[g], share(pyr.counts[g], k), pyr.sums[g], share(pyr.sums[g], total)]);
  b.table(headersTier, tierBody, { formats: money, totalRow });
  b.blank();

  // Pareto: customers by value, largest first; cumulative share of the positive value.
  const positive = Float64Array.from(values.filter((v) => v > 0)).sort().reverse();
  const prefix = prefixSums(positive);
  const pTotal = prefix.total;
  const paretoBody: (string | number)[][] = [];
  let previous = 0;
  const ofTotal = (units: ReturnType<typeof prefix.before>) => (pTotal.isZero() ? 0 : toNumber(units.div(pTotal)));
  for (let p = 1; p <= PARETO_POINTS; p++) {
    const covered = Math.min(Math.ceil((p * k) / PARETO_POINTS), positive.length);
    const band = ofTotal(prefix.before(covered).minus(prefix.before(previous)));
    paretoBody.push([`${(p * 100) / PARETO_POINTS}%`, band, ofTotal(prefix.before(covered))]);
    previous = covered;
  }
  const paretoHeaders = [text("topShare", lang), text("bandShare", lang), text("cumulativeShare", lang)];
  const area = b.table(paretoHeaders, paretoBody, { formats: [undefined, "0.0%", "0.0%"] });
  b.charts.push({ kind: "pareto", title: text("paretoTitle", lang), name: "crm-value-pareto", source: area, anchor: { row: 1, column: 7 } });
  const figures: Record<string, number> = { customers: k, total, A: abc.counts[0], B: abc.counts[1], C: abc.counts[2] };
  return { columns, sheets: [b.build()], summary: { headers: headersAbc, rows: abcBody, formats: money }, figures, rowsWritten: k };
}

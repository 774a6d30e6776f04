/**
 * Predict customer value: from a transaction log to the repeat-buying models, per customer and
 * summarised. The summary (x, t_x, T), the BG/NBD and Gamma-Gamma fits, P(alive), conditional
 * expectations and the predicted CLV are all src/core/btyd's (the same code CRM.REPEATSUMMARY,
 * CRM.BGNBDFIT, CRM.PALIVE, CRM.EXPECTEDPURCHASES, CRM.GAMMAGAMMAFIT, CRM.EXPECTEDVALUE and
 * CRM.CLVPREDICT call); this file only arranges them into sheets.
 */
import { fitBgnbd } from "../../core/btyd/bgnbd";
import { foldHistories } from "../../core/btyd/customers";
import { expectedValue, fitGammaGamma, foldSpend, type GammaGammaParams } from "../../core/btyd/gamma-gamma";
import { AliveCurves, conditionalPurchases, expectedPurchases, pAlive, predictedClv } from "../../core/btyd/models";
import type { ModelParams } from "../../core/btyd/params";
import { repeatSummary, type RepeatSummary } from "../../core/btyd/repeat-summary";
import { serialToIso } from "../../core/dates";
import type { Bilingual, Language } from "../../core/labels";
import { customerId, type CustomerId } from "../../core/transaction-rows";
import type { CellValue } from "../../workbook/types";
import { parameterLines, type Plan, type PlanInput, goodRows } from "../plan";
import { COUNT_FORMAT, SheetBuilder } from "../sheet-builder";
import type { ParsedTable } from "../validate";
import type { Problem } from "../types";
import { PREDICT_DEFAULTS, type PredictOptions } from "./options";

type Texts = Record<string, Bilingual>;

const T: Texts = {
  customersSheet: { zh: "客户价值预测", en: "Predicted value" },
  summarySheet: { zh: "预测模型汇总", en: "Prediction summary" },
  title: { zh: "客户价值预测（BG/NBD + Gamma-Gamma）", en: "Predicted customer value (BG/NBD + Gamma-Gamma)" },
  customer: { zh: "客户", en: "Customer" },
  x: { zh: "重复购买次数 x", en: "Repeat purchases x" },
  tx: { zh: "最近购买时点 t_x", en: "Recency t_x" },
  T: { zh: "观察期 T", en: "Age T" },
  alive: { zh: "仍活跃概率 P(alive)", en: "P(alive)" },
  expected: { zh: "预测期内预期购买次数", en: "Expected purchases in horizon" },
  value: { zh: "每次预期消费金额", en: "Expected value per purchase" },
  clv: { zh: "预测客户终生价值", en: "Predicted CLV" },
  period: { zh: "时间单位", en: "Period unit" },
  week: { zh: "周", en: "week" },
  day: { zh: "天", en: "day" },
  holdoutEnd: { zh: "验证期截止日", en: "Holdout end" },
  horizon: { zh: "预测期数", en: "Horizon (periods)" },
  rate: { zh: "每期折现率", en: "Discount rate per period" },
  margin: { zh: "利润率", en: "Margin" },
  customersCount: { zh: "客户数", en: "Customers" },
  bgnbd: { zh: "BG/NBD 模型（购买次数与流失）", en: "BG/NBD model (purchases and drop-out)" },
  gg: { zh: "Gamma-Gamma 模型（每次消费金额）", en: "Gamma-Gamma model (spend per purchase)" },
  parameter: { zh: "参数", en: "Parameter" },
  estimate: { zh: "估计值", en: "Estimate" },
  converged: { zh: "已收敛", en: "Converged" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  holdout: { zh: "验证期检验（按校准期重复购买次数）", en: "Holdout check (by calibration repeat purchases)" },
  frequency: { zh: "重复购买次数", en: "Repeat purchases" },
  actual: { zh: "实际平均购买次数", en: "Actual mean purchases" },
  predicted: { zh: "模型预测平均次数", en: "Predicted mean purchases" },
  tracking: { zh: "累计重复购买次数", en: "Cumulative repeat purchases" },
  periodNo: { zh: "期", en: "Period" },
  actualCum: { zh: "实际", en: "Actual" },
  modelCum: { zh: "模型", en: "Model" },
  notes: { zh: "说明", en: "Notes" },
  note1: {
    zh: "BG/NBD 假设：客户活跃时按各自固定的速率随机购买（泊松过程），每次购买后有一定概率永久流失；购买速率和流失概率在客户之间服从 Gamma 与 Beta 分布。",
    en: "BG/NBD assumes each customer buys at a steady random rate while active and may drop out for good after any purchase; rates and drop-out chances vary across customers (gamma and beta).",
  },
  note2: {
    zh: "Gamma-Gamma 假设：每位客户的每次消费金额围绕其平均值波动，且消费金额与购买频率无关。",
    en: "Gamma-Gamma assumes each customer's spend per purchase varies around their own mean, independent of how often they buy.",
  },
  note3: {
    zh: "何时不可信：促销、季节性或产品变化使购买节奏不稳定时；客户数很少或重复购买者很少时；订阅类（合同式）业务；消费金额与购买频率相关时（见 corr_x_value，绝对值大于 0.3 需谨慎）。",
    en: "Do not trust it when promotions, seasons or product changes make buying unsteady; with few customers or few repeat buyers; for subscriptions (contractual settings); or when spend is correlated with frequency (see corr_x_value; beware above 0.3 in absolute value).",
  },
  note4: {
    zh: "有验证期时，请比较下表中实际与预测的平均购买次数，以及累计购买曲线：差距大说明模型不适合这些数据。",
    en: "With a holdout, compare actual and predicted mean purchases below and the cumulative tracking curve: large gaps mean the model does not fit these data.",
  },
  noAmount: { zh: "未映射金额列：不计算每次消费金额与客户终生价值。", en: "No amount column mapped: no value per purchase and no CLV." },
  correlated: {
    zh: "注意：消费金额与购买次数的相关系数为 {corr}，Gamma-Gamma 的独立性假设可能不成立。",
    en: "Caution: spend and purchase count are correlated ({corr}); the Gamma-Gamma independence assumption may not hold.",
  },
  afterLimit: { zh: "{field} {value} 晚于{limit} {date}", en: "{field} {value} is after the {limit} {date}" },
  noSpend: {
    zh: "{n} 位重复购买者的重复购买金额合计为 0 或负数（赠品、退款），未参与 Gamma-Gamma 拟合；其预期消费金额仍按模型计算。",
    en: "{n} repeat buyers whose repeat purchases total 0 or less (free items, refunds) are left out of the Gamma-Gamma fit; their expected value is still computed from the model.",
  },
  unused: { zh: "校准期截止日之后的交易（未使用）", en: "Transactions after the calibration end (not used)" },
  limitHoldout: { zh: "验证期截止日", en: "holdout end" },
};

function t(key: keyof typeof T, lang: Language, vars: Record<string, string | number> = {}): string {
  return T[key][lang].replace(/\{(\w+)\}/g, (w, k: string) => (k in vars ? String(vars[k]) : w));
}

/** The sheet headers of the per-customer table (amount columns only with amounts). */
export function customerHeaders(lang: Language, withAmounts: boolean): string[] {
  return [t("customer", lang), t("x", lang), t("tx", lang), t("T", lang), t("alive", lang), t("expected", lang), ...(withAmounts ? [t("value", lang), t("clv", lang)] : [])];
}

/** Dates after the holdout end are problems naming their row. */
export function predictProblems(table: ParsedTable, options: PredictOptions, firstRow: number, dateColumn: string | undefined): Problem[] {
  const dates = table.numbers.date;
  if (!dates || options.holdoutEnd === undefined) return [];
  const lang = options.language;
  const limit = Math.floor(options.holdoutEnd);
  const limitName = t("limitHoldout", lang);
  const problems: Problem[] = [];
  for (let i = 0; i < table.rows; i++) {
    if (!table.ok[i] || !(Math.floor(dates[i]) > limit)) continue;
    table.ok[i] = 0;
    problems.push({ row: firstRow + i, column: dateColumn ?? "", field: "date", kind: "afterAsOf", value: dates[i], message: t("afterLimit", lang, { field: lang === "zh" ? "交易日期" : "Date", value: serialToIso(dates[i]), limit: limitName, date: serialToIso(limit) }) });
  }
  return problems;
}

const periodDaysOf = (o: PredictOptions) => ((o.period ?? PREDICT_DEFAULTS.period) === "day" ? 1 : 7);

/** Cumulative repeat occasions per period since the first purchase of anyone, actual and as the model expects them. */
function tracking(input: PlanInput<PredictOptions>, good: Int32Array, s: RepeatSummary, p: ModelParams, end: number): { period: number[]; actual: number[]; model: number[] } {
  const days = periodDaysOf(input.options);
  const asOf = Math.floor(input.asOf);
  const calibrated = new Set<CustomerId>(s.ids);
  const dates = input.table.numbers.date!;
  const occasions = new Map<CustomerId, Set<number>>();
  for (const i of good) {
    const id = customerId(input.table.ids[i], i + 1);
    if (!calibrated.has(id)) continue;
    let set = occasions.get(id);
    if (!set) occasions.set(id, (set = new Set()));
    set.add(Math.floor(dates[i]));
  }
  let start = Infinity;
  const firsts: number[] = [];
  for (const set of occasions.values()) {
    const first = Math.min(...set);
    firsts.push(first);
    if (first < start) start = first;
  }
  const periods = Math.max(1, Math.ceil((end - start) / days));
  const repeatAt = new Float64Array(periods + 1);
  for (const set of occasions.values()) {
    const first = Math.min(...set);
    for (const d of set) if (d !== first && d <= end) repeatAt[Math.min(periods, Math.max(1, Math.ceil((d - start) / days)))]++;
  }
  // Customers with the same first day share E[X(t)].
  const cohort = new Map<number, number>();
  for (const f of firsts) if (f <= asOf) cohort.set(f, (cohort.get(f) ?? 0) + 1);
  const out = { period: [] as number[], actual: [] as number[], model: [] as number[] };
  let cum = 0;
  for (let k = 1; k <= periods; k++) {
    cum += repeatAt[k];
    let m = 0;
    for (const [f, count] of cohort) {
      const age = k - (f - start) / days;
      if (age > 0) m += count * expectedPurchases(p, age);
    }
    out.period.push(k);
    out.actual.push(cum);
    out.model.push(m);
  }
  return out;
}

export function planPredict(input: PlanInput<PredictOptions>): Plan {
  const { table, options } = input;
  const lang = options.language;
  const days = periodDaysOf(options);
  const horizon = options.horizon ?? PREDICT_DEFAULTS.horizon;
  const rate = options.rate ?? PREDICT_DEFAULTS.rate;
  const margin = options.margin ?? PREDICT_DEFAULTS.margin;
  const withAmounts = table.numbers.amount !== undefined;
  // Without a holdout, transactions after the calibration end are left out (and counted).
  const limit = Math.floor(options.holdoutEnd ?? input.asOf);
  const all = goodRows(table.ok);
  const good = all.filter((i) => Math.floor(table.numbers.date![i]) <= limit);
  const pick = (col: Float64Array) => Float64Array.from(good, (i) => col[i]);
  const s = repeatSummary({
    ids: Array.from(good, (i) => table.ids[i]),
    dates: pick(table.numbers.date!),
    amounts: withAmounts ? pick(table.numbers.amount!) : undefined,
    asOf: input.asOf,
    periodDays: days,
    holdoutEnd: options.holdoutEnd,
  });
  const n = s.ids.length;
  const bg = fitBgnbd(foldHistories(Array.from(s.x), Array.from(s.tx), Array.from(s.T)));
  const p: ModelParams = { model: "bgnbd", ...bg.params };
  // Gamma-Gamma needs a positive mean spend: repeat buyers whose repeat occasions total 0 or less
  // (free items, refunds) are left out of its fit, as a lifetimes user filters them, and counted.
  const spendX = withAmounts ? Array.from(s.x, (x, i) => (s.meanValue![i] > 0 ? x : 0)) : [];
  const noSpend = withAmounts ? spendX.reduce((k, x, i) => k + (x === 0 && s.x[i] > 0 ? 1 : 0), 0) : 0;
  const gg = withAmounts ? fitGammaGamma(foldSpend(spendX, Array.from(s.meanValue!))) : undefined;
  const ggParams: GammaGammaParams | undefined = gg?.params;

  // Per customer.
  const curves = new AliveCurves(p, horizon);
  const body: CellValue[][] = new Array(n);
  let totalClv = 0;
  for (let i = 0; i < n; i++) {
    const [x, tx, T_] = [s.x[i], s.tx[i], s.T[i]];
    const row: CellValue[] = [s.ids[i], x, tx, T_, pAlive(p, x, tx, T_), conditionalPurchases(p, horizon, x, tx, T_)];
    if (ggParams) {
      const m = s.meanValue![i];
      const clv = predictedClv(p, ggParams, curves, x, tx, T_, m, horizon, rate, margin);
      totalClv += clv;
      row.push(expectedValue(ggParams, x, m), clv);
    }
    body[i] = row;
  }
  const c = new SheetBuilder("customers", T.customersSheet[lang]);
  c.table(customerHeaders(lang, withAmounts), body, { formats: [undefined, COUNT_FORMAT, "0.00", "0.00", "0.000", "0.000", "#,##0.00", "#,##0.00"].slice(0, withAmounts ? 8 : 6) });
  const customers = c.build();

  // Summary.
  const b = new SheetBuilder("summary", T.summarySheet[lang]);
  b.title(t("title", lang));
  parameterLines(b, input, true);
  b.line(t("period", lang), t(days === 1 ? "day" : "week", lang));
  if (options.holdoutEnd !== undefined) b.date(t("holdoutEnd", lang), options.holdoutEnd);
  b.line(t("horizon", lang), horizon);
  b.line(t("rate", lang), rate);
  b.line(t("margin", lang), margin);
  if (options.holdoutEnd === undefined) b.count(t("unused", lang), all.length - good.length);
  b.count(t("customersCount", lang), n);
  b.blank();
  const yesNo = (v: boolean) => t(v ? "yes" : "no", lang);
  b.line(t("bgnbd", lang));
  b.table([t("parameter", lang), t("estimate", lang)], [["r", bg.params.r], ["alpha", bg.params.alpha], ["a", bg.params.a], ["b", bg.params.b], ["log_likelihood", bg.logLikelihood], ["customers", bg.customers], ["converged", yesNo(bg.converged)]]);
  b.blank();
  if (gg) {
    b.line(t("gg", lang));
    b.table([t("parameter", lang), t("estimate", lang)], [["p", gg.params.p], ["q", gg.params.q], ["v", gg.params.v], ["log_likelihood", gg.logLikelihood], ["customers", gg.customers], ["converged", yesNo(gg.converged)], ["corr_x_value", gg.correlation]]);
    b.blank();
  }
  const figures: Record<string, number> = { customers: n, transactions: good.length, r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, logLikelihood: bg.logLikelihood };
  if (gg) Object.assign(figures, { p: gg.params.p, q: gg.params.q, v: gg.params.v, corrXValue: gg.correlation, clv: totalClv });
  if (options.holdoutEnd !== undefined && s.holdout) {
    const length = (Math.floor(options.holdoutEnd) - Math.floor(input.asOf)) / days;
    const groups = 8;
    const count = new Float64Array(groups);
    const actual = new Float64Array(groups);
    const predicted = new Float64Array(groups);
    for (let i = 0; i < n; i++) {
      const g = Math.min(groups - 1, s.x[i]);
      count[g]++;
      actual[g] += s.holdout[i];
      predicted[g] += conditionalPurchases(p, length, s.x[i], s.tx[i], s.T[i]);
    }
    const rows: CellValue[][] = [];
    for (let g = 0; g < groups; g++) rows.push([g === groups - 1 ? `${g}+` : g, count[g], count[g] ? actual[g] / count[g] : 0, count[g] ? predicted[g] / count[g] : 0]);
    b.line(t("holdout", lang));
    b.table([t("frequency", lang), t("customersCount", lang), t("actual", lang), t("predicted", lang)], rows, { formats: [undefined, COUNT_FORMAT, "0.000", "0.000"] });
    b.blank();
  }
  b.line(t("notes", lang));
  b.line(t("note1", lang));
  if (gg) b.line(t("note2", lang));
  if (noSpend > 0) b.line(t("noSpend", lang, { n: noSpend.toLocaleString("en-US") }));
  else b.line(t("noAmount", lang));
  b.line(t("note3", lang));
  if (options.holdoutEnd !== undefined) b.line(t("note4", lang));
  if (gg && Math.abs(gg.correlation) > 0.3) b.line(t("correlated", lang, { corr: gg.correlation.toFixed(2) }));
  b.blank();
  const track = tracking(input, good, s, p, Math.floor(options.holdoutEnd ?? input.asOf));
  b.line(t("tracking", lang));
  const area = b.table(
    [t("periodNo", lang), t("actualCum", lang), t("modelCum", lang)],
    track.period.map((k, i) => [k, track.actual[i], track.model[i]]),
    { formats: ["0", "0", "0.0"] },
  );
  b.charts.push({ kind: "line", title: t("tracking", lang), name: "crm-predict-tracking", source: area, anchor: { row: 1, column: 6 } });
  const summaryRows = [
    ["r", bg.params.r],
    ["alpha", bg.params.alpha],
    ["a", bg.params.a],
    ["b", bg.params.b],
    ["log_likelihood", bg.logLikelihood],
    ...(gg ? [["p", gg.params.p], ["q", gg.params.q], ["v", gg.params.v], ["corr_x_value", gg.correlation]] : []),
  ] as (string | number)[][];
  return { sheets: [customers, b.build()], summary: { headers: [t("parameter", lang), t("estimate", lang)], rows: summaryRows }, figures, rowsWritten: n };
}

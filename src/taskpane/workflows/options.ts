/**
 * The options forms keep what the person typed as text; this turns that text into the
 * workflows' option objects, or into messages naming the field. Text is forgiving about how
 * people type numbers: "10%", "0.1", full-width digits and Chinese commas all work.
 */
import { isoToSerial } from "../../core/dates";
import { Language } from "../../core/labels";
import { VALUE_DEFAULTS, defaultRates } from "../../workflows";
import type { AgingOptions, CreditOptions, RfmOptions, RfmSourceMode, ValueOptions, WorkflowId } from "../../workflows/types";
import { StringKey, t, tf } from "../i18n";

export interface OptionsForm {
  language: Language;
  // RFM
  mode: RfmSourceMode;
  asOf: string;
  bins: string;
  scheme: "cn8" | "rf10";
  // Customer value
  rate: string;
  retention: string;
  periods: string;
  perpetuity: boolean;
  timing: 0 | 1;
  aShare: string;
  bShare: string;
  pyramidShares: string;
  // Receivables aging
  edges: string;
  rates: string;
  creditSales: string;
  dsoDays: string;
  // Credit review
  weights: string;
  scaleMax: string;
  percent: string;
  industryDso: string;
  companyFactor: string;
}

/** ISO date text of a local calendar day (the date input's format). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const DEFAULT_EDGES = [30, 60, 90];

/** 0.1 → "10%", 0.005 → "0.5%" (no binary noise such as 0.30000000000000004). */
export function percentText(fraction: number): string {
  return `${+(fraction * 100).toPrecision(10)}%`;
}

function listText(values: readonly number[], format: (n: number) => string = String): string {
  return values.map(format).join(", ");
}

export function defaultForm(language: Language, asOf: string): OptionsForm {
  const periods = VALUE_DEFAULTS.periods;
  return {
    language,
    mode: "customers",
    asOf,
    bins: "5",
    scheme: "cn8",
    rate: percentText(VALUE_DEFAULTS.rate),
    retention: percentText(VALUE_DEFAULTS.retention),
    periods: periods === "perpetuity" ? "5" : String(periods),
    perpetuity: periods === "perpetuity",
    timing: VALUE_DEFAULTS.timing,
    aShare: "80%",
    bShare: "95%",
    pyramidShares: "1%, 4%, 15%, 80%",
    edges: listText(DEFAULT_EDGES),
    rates: listText(defaultRates(DEFAULT_EDGES), percentText),
    creditSales: "",
    dsoDays: "365",
    weights: "1, 1, 1, 1, 1",
    scaleMax: "5",
    percent: "10%",
    industryDso: "30",
    companyFactor: "1",
  };
}

/**
 * New bucket edges; when the allowance rates no longer fit them (one per bucket), the rates
 * become the defaults for the new edges rather than an error the person must fix first.
 */
export function withEdges(form: OptionsForm, edges: string): Partial<OptionsForm> {
  const list = parseList(edges);
  const rates = parseList(form.rates);
  if (!list || (rates && rates.length === list.length + 2)) return { edges };
  return { edges, rates: listText(defaultRates(list), percentText) };
}

export interface OptionError {
  field: keyof OptionsForm;
  message: string;
}

export type Built<T> = { ok: true; options: T } | { ok: false; errors: OptionError[] };

/** Full-width digits and punctuation (common in Chinese input) to their ASCII forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** A number as typed: "12", "-3.5", "10%" (→ 0.1). Undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const s = halfWidth(text).trim();
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  return m[2] ? n / 100 : n;
}

/** Numbers separated by commas (also "，", "、", ";" or spaces). Undefined when any part is not a number. */
export function parseList(text: string): number[] | undefined {
  const parts = halfWidth(text)
    .split(/[,;、\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    const n = parseNumber(p);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** Collects values and messages for one form; each reader returns undefined after recording an error. */
class Reader {
  readonly errors: OptionError[] = [];
  constructor(
    private readonly form: OptionsForm,
    private readonly ui: Language,
  ) {}

  private fail(field: keyof OptionsForm, key: StringKey, vars: Record<string, string | number> = {}): undefined {
    this.errors.push({ field, message: tf("invalidOption", this.ui, { field: t(field as StringKey, this.ui), message: tf(key, this.ui, vars) }) });
    return undefined;
  }

  number(field: keyof OptionsForm, min: number, max: number, options: { optional?: boolean; integer?: boolean } = {}): number | undefined {
    const text = String(this.form[field]);
    if (text.trim() === "" && options.optional) return undefined;
    const n = parseNumber(text);
    if (n === undefined || (options.integer && !Number.isInteger(n))) return this.fail(field, "optNotNumber");
    if (n < min || n > max) return this.fail(field, "optRange", { min, max });
    return n;
  }

  list(field: keyof OptionsForm, count: number | undefined, min: number, max: number): number[] | undefined {
    const list = parseList(String(this.form[field]));
    if (!list) return this.fail(field, "optNotList");
    if (count !== undefined && list.length !== count) return this.fail(field, "optListLength", { count });
    if (list.some((n) => n < min || n > max)) return this.fail(field, "optRange", { min, max });
    return list;
  }

  date(field: keyof OptionsForm): number | undefined {
    const serial = isoToSerial(String(this.form[field]));
    return serial === undefined ? this.fail(field, "optNotDate") : serial;
  }

  done<T>(options: T): Built<T> {
    return this.errors.length ? { ok: false, errors: this.errors } : { ok: true, options };
  }
}

export function rfmOptions(form: OptionsForm, ui: Language): Built<RfmOptions> {
  const r = new Reader(form, ui);
  const asOf = r.date("asOf");
  const bins = r.number("bins", 2, 9, { integer: true });
  return r.done<RfmOptions>({ language: form.language, mode: form.mode, asOf, bins, scheme: form.scheme });
}

export function valueOptions(form: OptionsForm, ui: Language): Built<ValueOptions> {
  const r = new Reader(form, ui);
  const rate = r.number("rate", -0.99, 10);
  const retention = r.number("retention", 0, 1);
  const periods = form.perpetuity ? "perpetuity" : r.number("periods", 1, 1000, { integer: true });
  const aShare = r.number("aShare", 0, 1);
  const bShare = r.number("bShare", 0, 1);
  const shares = r.list("pyramidShares", 4, 0, 1) as [number, number, number, number] | undefined;
  return r.done<ValueOptions>({ language: form.language, rate, retention, periods, timing: form.timing, aShare, bShare, pyramidShares: shares });
}

export function agingOptions(form: OptionsForm, ui: Language): Built<AgingOptions> {
  const r = new Reader(form, ui);
  const asOf = r.date("asOf");
  const edges = r.list("edges", undefined, 1, 100000);
  const rates = edges ? r.list("rates", edges.length + 2, 0, 1) : undefined;
  const creditSales = r.number("creditSales", 0, Number.MAX_SAFE_INTEGER, { optional: true });
  const dsoDays = r.number("dsoDays", 1, 3660, { integer: true });
  return r.done<AgingOptions>({ language: form.language, asOf, edges, rates, creditSales, dsoDays });
}

export function creditOptions(form: OptionsForm, ui: Language): Built<CreditOptions> {
  const r = new Reader(form, ui);
  const weights = r.list("weights", 5, 0, 1000) as CreditOptions["weights"];
  const scaleMax = r.number("scaleMax", 1, 100);
  const percent = r.number("percent", 0, 10);
  const industryDso = r.number("industryDso", 0, 3650);
  const companyFactor = r.number("companyFactor", 0, 100);
  return r.done<CreditOptions>({ language: form.language, weights, scaleMax, percent, industryDso, companyFactor });
}

export type AnyOptions = RfmOptions | ValueOptions | AgingOptions | CreditOptions;

export function buildOptions(workflow: WorkflowId, form: OptionsForm, ui: Language): Built<AnyOptions> {
  switch (workflow) {
    case "rfm":
      return rfmOptions(form, ui);
    case "value":
      return valueOptions(form, ui);
    case "aging":
      return agingOptions(form, ui);
    case "credit":
      return creditOptions(form, ui);
  }
}

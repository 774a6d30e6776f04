/** The receivables-aging workflow's options: the form the pane shows and how it becomes AgingOptions. */
import { DEFAULT_EDGES } from "../../core/aging";
import { listText, parseList, percentText, type OptionsDeclaration } from "../options";
import type { CommonOptions } from "../types";
import { defaultRates } from "./plan";

export interface AgingOptions extends CommonOptions {
  /** Excel serial; default today. */
  asOf?: number;
  /** Bucket edges in days, ascending; default [30, 60, 90]. */
  edges?: number[];
  /** Allowance rate per bucket (edges.length + 2, the first for not-yet-due); default textbook-like rates. */
  rates?: number[];
  /** Credit sales of the period, for the overall DSO. */
  creditSales?: number;
  /** Days in the DSO period; default 365. */
  dsoDays?: number;
}

/**
 * New bucket edges; when the allowance rates no longer fit them (one per bucket), the rates
 * become the defaults for the new edges rather than an error the person must fix first.
 */
export function withEdges(rates: string, edges: string): Record<string, string> {
  const list = parseList(edges);
  const typed = parseList(rates);
  if (!list || (typed && typed.length === list.length + 2)) return { edges };
  return { edges, rates: listText(defaultRates(list), percentText) };
}

export const AGING_OPTIONS: OptionsDeclaration<AgingOptions> = {
  // Lists (with their hint line) take whole rows, so the fields beside each other line up.
  controls: [
    { key: "asOf", kind: "date", label: { zh: "统计截止日", en: "As-of date" } },
    { key: "dsoDays", kind: "text", label: { zh: "DSO 期间天数", en: "Days in the DSO period" } },
    { key: "edges", kind: "text", wide: true, list: true, label: { zh: "账龄区间分界（天）", en: "Bucket edges (days)" } },
    { key: "rates", kind: "text", wide: true, list: true, label: { zh: "坏账计提比例（未到期起，每区间一个）", en: "Allowance rates (from not yet due, one per bucket)" } },
    { key: "creditSales", kind: "text", label: { zh: "期间赊销额（用于 DSO，可不填）", en: "Credit sales of the period (for DSO, optional)" } },
  ],
  defaults: (asOf) => ({ asOf, edges: listText(DEFAULT_EDGES), rates: listText(defaultRates(DEFAULT_EDGES), percentText), creditSales: "", dsoDays: "365" }),
  onChange: (form, key, value) => (key === "edges" ? withEdges(String(form.rates ?? ""), String(value)) : {}),
  build: (r) => {
    const asOf = r.date("asOf");
    const edges = r.list("edges", undefined, 1, 100000);
    const rates = edges ? r.list("rates", edges.length + 2, 0, 1) : undefined;
    const creditSales = r.number("creditSales", 0, Number.MAX_SAFE_INTEGER, { optional: true });
    const dsoDays = r.number("dsoDays", 1, 3660, { integer: true });
    return { asOf, edges, rates, creditSales, dsoDays };
  },
};

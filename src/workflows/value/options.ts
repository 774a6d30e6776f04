/** The customer-value workflow's options: the form the pane shows and how it becomes ValueOptions. */
import { type OptionsDeclaration, percentText } from "../options";
import type { CommonOptions } from "../types";

export interface ValueOptions extends CommonOptions {
  /** Discount rate per period when no discount column is mapped. Default 0.1. */
  rate?: number;
  /** Retention rate when no retention column is mapped. Default 0.8. */
  retention?: number;
  /** Periods of the horizon; "perpetuity" uses CRM.CLVPERPETUITY. Default 5. */
  periods?: number | "perpetuity";
  /** 0 = cash at period end (default), 1 = at start. */
  timing?: 0 | 1;
  aShare?: number;
  bShare?: number;
  /** Pyramid tier shares (four fractions summing to 1). */
  pyramidShares?: [number, number, number, number];
}

export const VALUE_DEFAULTS = { rate: 0.1, retention: 0.8, periods: 5 as number | "perpetuity", timing: 0 as 0 | 1 };

export const VALUE_OPTIONS: OptionsDeclaration<ValueOptions> = {
  controls: [
    { key: "rate", kind: "text", label: { zh: "折现率（每期）", en: "Discount rate per period" } },
    { key: "retention", kind: "text", label: { zh: "保留率（未对应列时）", en: "Retention (when no column)" } },
    { key: "periods", kind: "text", label: { zh: "期数", en: "Periods" } },
    { key: "perpetuity", kind: "check", label: { zh: "永续（无限期）", en: "Perpetuity (no end)" } },
    {
      key: "timing",
      kind: "choice",
      label: { zh: "现金流时点", en: "Cash timing" },
      choices: [
        { value: "0", label: { zh: "期末", en: "End of period" } },
        { value: "1", label: { zh: "期初", en: "Start of period" } },
      ],
    },
    { key: "aShare", kind: "text", label: { zh: "A 类累计占比", en: "A class share" } },
    { key: "bShare", kind: "text", label: { zh: "B 类累计占比", en: "B class share" } },
    { key: "pyramidShares", kind: "text", wide: true, list: true, label: { zh: "金字塔各层占比（VIP、主要、普通、小）", en: "Pyramid shares (VIP, major, ordinary, small)" } },
  ],
  defaults: () => {
    const periods = VALUE_DEFAULTS.periods;
    return {
      rate: percentText(VALUE_DEFAULTS.rate),
      retention: percentText(VALUE_DEFAULTS.retention),
      periods: periods === "perpetuity" ? "5" : String(periods),
      perpetuity: periods === "perpetuity",
      timing: String(VALUE_DEFAULTS.timing),
      aShare: "80%",
      bShare: "95%",
      pyramidShares: "1%, 4%, 15%, 80%",
    };
  },
  build: (r) => {
    const rate = r.number("rate", -0.99, 10);
    const retention = r.number("retention", 0, 1);
    const periods = r.checked("perpetuity") ? "perpetuity" : r.number("periods", 1, 1000, { integer: true });
    const aShare = r.number("aShare", 0, 1);
    const bShare = r.number("bShare", 0, 1);
    const pyramidShares = r.list("pyramidShares", 4, 0, 1) as ValueOptions["pyramidShares"];
    return { rate, retention, periods, timing: r.text("timing") === "1" ? 1 : 0, aShare, bShare, pyramidShares };
  },
};

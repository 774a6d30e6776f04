/** The customer-value prediction's options: the form the pane shows and how it becomes PredictOptions. */
import { MAX_HORIZON } from "../../core/btyd/models";
import type { OptionsDeclaration } from "../options";
import type { CommonOptions } from "../types";

export type PeriodUnit = "day" | "week";

export interface PredictOptions extends CommonOptions {
  /** The time unit of x, t_x, T, the horizon and the discount rate. Default week. */
  period?: PeriodUnit;
  /** End of the calibration period (Excel serial). Default: today. */
  asOf?: number;
  /** End of an optional holdout period after asOf (Excel serial): adds the holdout check. */
  holdoutEnd?: number;
  /** Periods ahead for expected purchases and CLV, 1..1,200. Default 52. */
  horizon?: number;
  /** Discount rate per period. Default 0.2% (about 10% a year in weeks). */
  rate?: number;
  /** Profit margin as a fraction of spend. Default 1. */
  margin?: number;
}

export const PREDICT_DEFAULTS = { period: "week" as PeriodUnit, horizon: 52, rate: 0.002, margin: 1 };

/** A discount rate per period that is about 10% a year in that unit. */
const RATE_OF_UNIT: Record<PeriodUnit, string> = { week: "0.2%", day: "0.03%" };

export const PREDICT_OPTIONS: OptionsDeclaration<PredictOptions> = {
  controls: [
    {
      key: "period",
      kind: "choice",
      label: { zh: "时间单位", en: "Period unit" },
      choices: [
        { value: "week", label: { zh: "周", en: "Week" } },
        { value: "day", label: { zh: "天", en: "Day" } },
      ],
    },
    { key: "asOf", kind: "date", label: { zh: "校准期截止日", en: "Calibration end (as of)" } },
    { key: "holdoutEnd", kind: "date", label: { zh: "验证期截止日（可选）", en: "Holdout end (optional)" } },
    { key: "horizon", kind: "text", label: { zh: "预测期数 (1–1200)", en: "Horizon (periods, 1–1200)" } },
    { key: "discount", kind: "text", label: { zh: "每期折现率", en: "Discount rate per period" } },
    { key: "margin", kind: "text", label: { zh: "利润率", en: "Margin" } },
  ],
  defaults: (asOf) => ({ period: "week", asOf, holdoutEnd: "", horizon: "52", discount: RATE_OF_UNIT.week, margin: "100%" }),
  // A new unit brings a rate of about the same yearly size.
  onChange: (_form, key, value): Record<string, string> => (key === "period" && (value === "day" || value === "week") ? { discount: RATE_OF_UNIT[value] } : {}),
  build: (r) => {
    const holdoutText = r.text("holdoutEnd").trim();
    return {
      period: r.text("period") === "day" ? "day" : "week",
      asOf: r.date("asOf"),
      holdoutEnd: holdoutText === "" ? undefined : r.date("holdoutEnd"),
      horizon: r.number("horizon", 1, MAX_HORIZON, { integer: true }),
      rate: r.number("discount", 0, 1),
      margin: r.number("margin", 0, 1),
    };
  },
};

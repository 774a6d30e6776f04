/** The RFM workflow's options: the form the pane shows and how it becomes RfmOptions. */
import type { OptionsDeclaration } from "../options";
import type { CommonOptions } from "../types";

/** RFM source: one row per customer, or one row per transaction (aggregated like CRM.RFMTABLE). */
export type RfmSourceMode = "customers" | "transactions";

export interface RfmOptions extends CommonOptions {
  mode: RfmSourceMode;
  /** Excel serial; needed for last-purchase dates and for transactions. Default: today. */
  asOf?: number;
  /** 2..9, default 5 (rf10 needs 5). */
  bins?: number;
  scheme?: "cn8" | "rf10";
}

export const RFM_OPTIONS: OptionsDeclaration<RfmOptions> = {
  controls: [
    { key: "asOf", kind: "date", label: { zh: "统计截止日", en: "As-of date" } },
    { key: "bins", kind: "text", label: { zh: "评分档数 (2–9)", en: "Score bins (2–9)" } },
    {
      key: "scheme",
      kind: "choice",
      label: { zh: "分群方案", en: "Segment scheme" },
      choices: [
        { value: "cn8", label: { zh: "八类客户 (cn8)", en: "Eight classes (cn8)" } },
        { value: "rf10", label: { zh: "RF 十类 (rf10)", en: "RF map, ten segments (rf10)" } },
      ],
    },
  ],
  defaults: (asOf) => ({ asOf, bins: "5", scheme: "cn8" }),
  // The RF map has five bins.
  onChange: (_form, key, value): Record<string, string> => (key === "scheme" && value === "rf10" ? { bins: "5" } : {}),
  build: (r) => ({ asOf: r.date("asOf"), bins: r.number("bins", 2, 9, { integer: true }), scheme: r.text("scheme") as "cn8" | "rf10" }),
};

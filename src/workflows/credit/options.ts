/** The credit-review workflow's options: the form the pane shows and how it becomes CreditOptions. */
import type { OptionsDeclaration } from "../options";
import type { CommonOptions } from "../types";

export interface CreditOptions extends CommonOptions {
  /** Weights of character, capacity, capital, collateral, conditions; default equal. */
  weights?: [number, number, number, number, number];
  /** Rating scale maximum; default 5. */
  scaleMax?: number;
  /** Share of the basis amount given as limit (CRM.CREDITLIMIT percent); default 0.1. */
  percent?: number;
  /** Industry average DSO and company factor for CRM.CREDITDAYS; defaults 30 and 1. */
  industryDso?: number;
  companyFactor?: number;
}

export const CREDIT_OPTIONS: OptionsDeclaration<CreditOptions> = {
  controls: [
    { key: "weights", kind: "text", wide: true, list: true, label: { zh: "5C 权重（品质、能力、资本、抵押、条件）", en: "5C weights (character, capacity, capital, collateral, conditions)" } },
    { key: "scaleMax", kind: "text", label: { zh: "评分满分", en: "Rating scale maximum" } },
    { key: "percent", kind: "text", label: { zh: "信用额度占基数比例", en: "Limit as share of the basis" } },
    { key: "industryDso", kind: "text", label: { zh: "行业平均 DSO（天）", en: "Industry average DSO (days)" } },
    { key: "companyFactor", kind: "text", label: { zh: "公司修正系数", en: "Company factor" } },
  ],
  defaults: () => ({ weights: "1, 1, 1, 1, 1", scaleMax: "5", percent: "10%", industryDso: "30", companyFactor: "1" }),
  build: (r) => ({
    weights: r.list("weights", 5, 0, 1000) as CreditOptions["weights"],
    scaleMax: r.number("scaleMax", 1, 100),
    percent: r.number("percent", 0, 10),
    industryDso: r.number("industryDso", 0, 3650),
    companyFactor: r.number("companyFactor", 0, 100),
  }),
};

/** Customer value, declared: its fields, which of them take part, its row checks, options and plan (plan.ts). */
import { field } from "../field-spec";
import { DEFAULT_COLUMNS_STYLE, oneRowPerCustomer, type WorkflowDefinition } from "../definition";
import { planValue, valueProblems } from "./plan";
import { VALUE_OPTIONS, type ValueOptions } from "./options";

export const VALUE: WorkflowDefinition<ValueOptions> = {
  id: "value",
  title: { zh: "客户价值", en: "Customer value" },
  hint: {
    zh: "按毛利、保留率和折现率计算每位客户的终生价值（CLV），并给出 ABC 分类、客户金字塔层级和帕累托曲线。",
    en: "Computes each customer's lifetime value (CLV) from margin, retention and discount rate, with ABC class, pyramid tier and a Pareto curve.",
  },
  modes: [
    oneRowPerCustomer([
      field({ id: "margin", kind: "number", required: false, oneOf: "value", label: { zh: "每期利润", en: "Margin per period" }, synonyms: ["每期利润", "年利润", "利润", "毛利", "毛利润", "边际贡献", "贡献毛益", "margin", "profit", "grossmargin", "annualmargin", "marginperperiod", "contribution"] }),
      field({ id: "value", kind: "number", required: false, oneOf: "value", label: { zh: "客户价值", en: "Customer value" }, synonyms: ["客户终生价值", "终生价值", "客户价值", "价值", "收入", "销售额", "营业额", "clv", "ltv", "value", "customervalue", "lifetimevalue", "revenue", "sales"] }),
      field({ id: "retention", kind: "rate", required: false, label: { zh: "保留率", en: "Retention rate" }, synonyms: ["保留率", "留存率", "客户保持率", "保持率", "客户保留率", "retention", "retentionrate"] }),
      field({ id: "discount", kind: "rate", required: false, label: { zh: "折现率", en: "Discount rate" }, synonyms: ["折现率", "贴现率", "资本成本", "discountrate", "discount", "rate"] }),
    ]),
  ],
  // A margin column wins over a value column; retention and discount only matter with a margin.
  activeFields: (fields, mapping) =>
    fields.filter((f) => {
      if (f.id === "value" && mapping.margin !== undefined) return false;
      if ((f.id === "retention" || f.id === "discount") && mapping.margin === undefined) return false;
      return true;
    }),
  rowChecks: ({ table, options, firstRow, columnOf }) => valueProblems(table, options, firstRow, columnOf("retention")),
  plan: planValue,
  headerPrefixes: ["CLV·"],
  columnsStyle: DEFAULT_COLUMNS_STYLE,
  options: VALUE_OPTIONS,
};

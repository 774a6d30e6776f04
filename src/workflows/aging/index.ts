/** Receivables aging, declared: its fields (fields.ts), the credit-sales check, options and plan (plan.ts). */
import { DEFAULT_COLUMNS_STYLE, type WorkflowDefinition } from "../definition";
import { AGING_FIELDS } from "./fields";
import { AGING_FIGURE_FORMATS, planAging, salesProblems } from "./plan";
import { AGING_OPTIONS, type AgingOptions } from "./options";

export const AGING: WorkflowDefinition<AgingOptions> = {
  id: "aging",
  title: { zh: "应收账龄", en: "Receivables aging" },
  hint: {
    zh: "按到期日计算逾期天数和账龄区间，生成按客户的账龄分析表、坏账准备和 DSO，并标出超出信用额度的客户。",
    en: "Writes days past due and the aging bucket per invoice, an aging report per customer with allowance and DSO, and flags customers over their credit limit.",
  },
  modes: [{ id: "lines", label: { zh: "每行一张发票", en: "One row per invoice line" }, oneRowPerCustomer: false, fields: AGING_FIELDS }],
  rowChecks: ({ table, mapping, firstRow, columnOf, options }) => (mapping.sales === undefined ? [] : salesProblems(table, firstRow, columnOf("sales") ?? "", options.language)),
  plan: planAging,
  headerPrefixes: ["账龄·", "Aging·"],
  columnsStyle: DEFAULT_COLUMNS_STYLE,
  options: AGING_OPTIONS,
  figureFormats: AGING_FIGURE_FORMATS,
};

/** Credit review, declared: the five Cs and the limit basis, the rating scale for validation, options and plan (plan.ts). */
import { field } from "../field-spec";
import { DEFAULT_COLUMNS_STYLE, oneRowPerCustomer, type WorkflowDefinition } from "../definition";
import { planCredit } from "./plan";
import { CREDIT_OPTIONS, type CreditOptions } from "./options";

export const CREDIT: WorkflowDefinition<CreditOptions> = {
  id: "credit",
  title: { zh: "信用评估", en: "Credit review" },
  hint: {
    zh: "按 5C 评分（品质、能力、资本、抵押、条件）计算信用分数、等级、建议信用额度和信用期限。",
    en: "Scores the five Cs (character, capacity, capital, collateral, conditions) and writes score, grade, suggested limit and credit days.",
  },
  modes: [
    oneRowPerCustomer([
      field({ id: "character", kind: "rating", label: { zh: "品格", en: "Character" }, synonyms: ["品格", "品质", "品德", "character"] }),
      field({ id: "capacity", kind: "rating", label: { zh: "能力", en: "Capacity" }, synonyms: ["能力", "偿付能力", "偿债能力", "还款能力", "capacity"] }),
      field({ id: "capital", kind: "rating", label: { zh: "资本", en: "Capital" }, synonyms: ["资本", "资本实力", "capital"] }),
      field({ id: "collateral", kind: "rating", label: { zh: "抵押", en: "Collateral" }, synonyms: ["抵押", "抵押品", "担保", "抵押担保", "collateral"] }),
      field({ id: "conditions", kind: "rating", label: { zh: "条件", en: "Conditions" }, synonyms: ["条件", "经营条件", "经营环境", "环境", "conditions", "condition"] }),
      field({ id: "basis", kind: "number", required: false, nonNegative: true, blankOk: true, label: { zh: "授信基数（营运资本/净资产）", en: "Limit basis (working capital / net worth)" }, synonyms: ["授信基数", "营运资本", "净营运资本", "营运资金", "净资产", "所有者权益", "清算价值", "basis", "networkingcapital", "workingcapital", "networth", "equity", "liquidationvalue"] }),
    ]),
  ],
  validation: { scaleMax: (options) => options.scaleMax },
  plan: planCredit,
  headerPrefixes: ["信用·", "Credit·"],
  columnsStyle: DEFAULT_COLUMNS_STYLE,
  options: CREDIT_OPTIONS,
};

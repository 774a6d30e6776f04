/** Predict customer value (BG/NBD + Gamma-Gamma), declared: its transaction fields, row checks, options and plan (plan.ts). */
import { CUSTOMER, field } from "../field-spec";
import { DEFAULT_COLUMNS_STYLE, type WorkflowDefinition } from "../definition";
import { planPredict, predictProblems } from "./plan";
import { PREDICT_OPTIONS, type PredictOptions } from "./options";

export const PREDICT: WorkflowDefinition<PredictOptions> = {
  id: "predict",
  title: { zh: "预测客户价值", en: "Predict customer value" },
  hint: {
    zh: "从交易记录拟合 BG/NBD 与 Gamma-Gamma 模型，预测每位客户仍活跃的概率、未来购买次数和客户终生价值，并给出验证期检验和跟踪图。",
    en: "Fits the BG/NBD and Gamma-Gamma models to a transaction log and predicts each customer's chance of being active, future purchases and lifetime value, with a holdout check and a tracking chart.",
  },
  modes: [
    {
      id: "transactions",
      label: { zh: "每行一笔交易", en: "One row per transaction" },
      oneRowPerCustomer: false,
      fields: [
        CUSTOMER,
        field({ id: "date", kind: "date", label: { zh: "交易日期", en: "Date" }, synonyms: ["交易日期", "消费日期", "购买日期", "订单日期", "下单日期", "日期", "date", "orderdate", "transactiondate", "purchasedate", "invoicedate"] }),
        field({ id: "amount", kind: "number", required: false, nonNegative: true, label: { zh: "金额", en: "Amount" }, synonyms: ["交易金额", "消费金额", "订单金额", "实付金额", "金额", "amount", "orderamount", "transactionamount", "value", "total", "sales"] }),
      ],
    },
  ],
  // Only a holdout end bounds the dates; without one, later transactions are left out of the calibration and counted on the summary.
  rowChecks: ({ table, options, firstRow, columnOf }) => predictProblems(table, options, firstRow, columnOf("date")),
  plan: planPredict,
  headerPrefixes: ["预测·", "Predict·"],
  columnsStyle: DEFAULT_COLUMNS_STYLE,
  options: PREDICT_OPTIONS,
  figures: {
    r: { zh: "BG/NBD r（购买率形状）", en: "BG/NBD r (purchase-rate shape)" },
    alpha: { zh: "BG/NBD α（购买率尺度）", en: "BG/NBD α (purchase-rate scale)" },
    a: { zh: "BG/NBD a（流失概率）", en: "BG/NBD a (dropout)" },
    b: { zh: "BG/NBD b（流失概率）", en: "BG/NBD b (dropout)" },
    logLikelihood: { zh: "对数似然", en: "Log-likelihood" },
    p: { zh: "Gamma-Gamma p", en: "Gamma-Gamma p" },
    q: { zh: "Gamma-Gamma q", en: "Gamma-Gamma q" },
    v: { zh: "Gamma-Gamma v", en: "Gamma-Gamma v" },
    corrXValue: { zh: "购买次数与客单价的相关系数", en: "Correlation of frequency and spend" },
    clv: { zh: "预测 CLV 合计", en: "Predicted CLV, total" },
  },
};

/**
 * Segment customers (RFM), declared: its two source layouts with their fields, the rules of
 * which mapped columns take part, its options, and the plan (plan.ts).
 */
import { CUSTOMER, field } from "../field-spec";
import { DEFAULT_COLUMNS_STYLE, oneRowPerCustomer, type WorkflowDefinition } from "../definition";
import { planRfm } from "./plan";
import { RFM_OPTIONS, type RfmOptions } from "./options";

export const RFM: WorkflowDefinition<RfmOptions> = {
  id: "rfm",
  title: { zh: "客户分群 (RFM)", en: "Segment customers (RFM)" },
  hint: {
    zh: "按最近消费、消费频率和消费金额为客户打分并分群，写入 R、F、M、RFM 代码和客户类别，并生成汇总表和图表。",
    en: "Scores customers on recency, frequency and monetary value, writes R, F, M, the RFM code and the segment, and adds a summary sheet with a chart.",
  },
  modeLabel: { zh: "数据形式", en: "Rows are" },
  modes: [
    oneRowPerCustomer([
      field({ id: "recency", kind: "number", required: false, nonNegative: true, oneOf: "recency", label: { zh: "最近消费天数", en: "Recency (days)" }, synonyms: ["最近消费天数", "最近购买天数", "距今天数", "最近一次消费天数", "最近一次购买天数", "未消费天数", "recency", "recencydays", "dayssincelastpurchase", "dayssincelastorder", "r"] }),
      field({ id: "lastDate", kind: "date", required: false, oneOf: "recency", notAfterAsOf: true, label: { zh: "最近购买日期", en: "Last purchase" }, synonyms: ["最近购买日期", "最近消费日期", "最后购买日期", "最后消费日期", "最近一次购买日期", "最近一次消费日期", "最近交易日期", "最后下单日期", "最近下单日期", "最后交易日期", "最近消费", "最近购买", "lastpurchase", "lastpurchasedate", "lastorderdate", "lastorder", "lastdate", "lastvisit"] }),
      field({ id: "frequency", kind: "number", nonNegative: true, label: { zh: "消费次数", en: "Frequency" }, synonyms: ["消费次数", "购买次数", "交易次数", "订单数", "订单次数", "下单次数", "订单数量", "频次", "频率", "消费频率", "购买频率", "frequency", "orders", "ordercount", "numberoforders", "purchases", "f"] }),
      field({ id: "monetary", kind: "number", nonNegative: true, label: { zh: "消费金额", en: "Monetary" }, synonyms: ["消费金额", "累计消费金额", "消费总额", "总消费金额", "购买金额", "总金额", "金额", "销售额", "monetary", "monetaryvalue", "amount", "totalamount", "totalspend", "spend", "revenue", "sales", "m"] }),
    ]),
    {
      id: "transactions",
      label: { zh: "每行一笔交易", en: "One row per transaction" },
      oneRowPerCustomer: false,
      fields: [
        CUSTOMER,
        field({ id: "date", kind: "date", notAfterAsOf: true, label: { zh: "交易日期", en: "Date" }, synonyms: ["交易日期", "消费日期", "购买日期", "订单日期", "下单日期", "日期", "date", "orderdate", "transactiondate", "purchasedate", "invoicedate"] }),
        field({ id: "amount", kind: "number", nonNegative: true, label: { zh: "金额", en: "Amount" }, synonyms: ["交易金额", "消费金额", "订单金额", "实付金额", "金额", "amount", "orderamount", "transactionamount", "value", "total"] }),
      ],
    },
  ],
  // Complete guesses first (customers before transactions); else per customer when the headers name a frequency or recency.
  chooseMode: ([customers, transactions]) => {
    if (customers.missing.length === 0) return customers;
    if (transactions.missing.length === 0) return transactions;
    const perCustomer = customers.mapping.frequency !== undefined || customers.mapping.recency !== undefined;
    return perCustomer || customers.missing.length <= transactions.missing.length ? customers : transactions;
  },
  // Recency given as days wins over a last-purchase date.
  activeFields: (fields, mapping) => fields.filter((f) => !(f.id === "lastDate" && mapping.recency !== undefined)),
  validation: { asOf: true },
  plan: planRfm,
  headerPrefixes: ["RFM·"],
  transactionsFile: { mode: "transactions" },
  columnsStyle: DEFAULT_COLUMNS_STYLE,
  options: RFM_OPTIONS,
};

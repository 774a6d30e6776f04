/** The columns the aging workflow reads: one row per invoice line. */
import { CUSTOMER, CUSTOMER_NAME, field } from "../field-spec";

export const AGING_FIELDS = [
  CUSTOMER,
  // Optional: the chart of the largest balances names customers by it.
  CUSTOMER_NAME,
  field({ id: "dueDate", kind: "date", label: { zh: "到期日", en: "Due date" }, synonyms: ["到期日", "到期日期", "应收到期日", "付款到期日", "还款日", "duedate", "due", "paymentdue", "paymentduedate"] }),
  // Negative open amounts are credit notes: they reduce the customer's balance (as CRM.AGINGTABLE takes them).
  field({ id: "openAmount", kind: "number", label: { zh: "未付金额", en: "Open amount" }, synonyms: ["未付金额", "未收金额", "未收款", "应收金额", "应收账款", "应收余额", "未结金额", "余额", "欠款", "openamount", "open", "outstanding", "balance", "amountdue", "receivable", "openbalance"] }),
  field({ id: "creditLimit", kind: "number", required: false, nonNegative: true, blankOk: true, label: { zh: "信用额度", en: "Credit limit" }, synonyms: ["信用额度", "授信额度", "信用限额", "额度", "creditlimit", "limit"] }),
  field({ id: "sales", kind: "number", required: false, nonNegative: true, blankOk: true, label: { zh: "赊销额", en: "Credit sales" }, synonyms: ["赊销额", "赊销金额", "信用销售额", "销售额", "creditsales", "sales"] }),
];

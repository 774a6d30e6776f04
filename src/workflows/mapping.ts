/**
 * Guessing which column holds which field from the header texts, in Chinese and English.
 * Headers are compared normalised (full-width folded, lower case, no spaces or punctuation):
 * first exact synonyms, then headers that contain a longer synonym ("客户编号(ID)" → customer).
 * Each column is used at most once; the add-in's own output columns are never guessed.
 */
import type { CellValue } from "../workbook/types";
import { fieldsOf, missingFields } from "./fields";
import { isOwnHeader } from "./labels";
import type { ColumnMapping, FieldId, MappingGuess, RfmSourceMode, WorkflowId } from "./types";

const SYNONYMS: Record<FieldId, string[]> = {
  customer: ["客户编号", "客户id", "客户号", "客户代码", "客户", "客户名称", "客户名", "顾客", "顾客编号", "会员", "会员编号", "会员号", "会员id", "用户id", "customerid", "customer", "customername", "customerno", "customernumber", "custid", "client", "clientid", "account", "accountid", "id"],
  recency: ["最近消费天数", "最近购买天数", "距今天数", "最近一次消费天数", "最近一次购买天数", "未消费天数", "recency", "recencydays", "dayssincelastpurchase", "dayssincelastorder", "r"],
  lastDate: ["最近购买日期", "最近消费日期", "最后购买日期", "最后消费日期", "最近一次购买日期", "最近一次消费日期", "最近交易日期", "最近消费", "最近购买", "lastpurchase", "lastpurchasedate", "lastorderdate", "lastorder", "lastdate", "lastvisit"],
  frequency: ["消费次数", "购买次数", "交易次数", "订单数", "订单次数", "频次", "频率", "消费频率", "购买频率", "frequency", "orders", "ordercount", "numberoforders", "purchases", "f"],
  monetary: ["消费金额", "累计消费金额", "消费总额", "总消费金额", "购买金额", "总金额", "金额", "销售额", "monetary", "monetaryvalue", "amount", "totalamount", "totalspend", "spend", "revenue", "sales", "m"],
  date: ["交易日期", "消费日期", "购买日期", "订单日期", "下单日期", "日期", "date", "orderdate", "transactiondate", "purchasedate", "invoicedate"],
  amount: ["交易金额", "消费金额", "订单金额", "实付金额", "金额", "amount", "orderamount", "transactionamount", "value", "total"],
  value: ["客户终生价值", "终生价值", "客户价值", "价值", "收入", "销售额", "营业额", "clv", "ltv", "value", "customervalue", "lifetimevalue", "revenue", "sales"],
  margin: ["每期利润", "年利润", "利润", "毛利", "毛利润", "边际贡献", "贡献毛益", "margin", "profit", "grossmargin", "annualmargin", "marginperperiod", "contribution"],
  retention: ["保留率", "留存率", "客户保持率", "保持率", "客户保留率", "retention", "retentionrate"],
  discount: ["折现率", "贴现率", "资本成本", "discountrate", "discount", "rate"],
  dueDate: ["到期日", "到期日期", "应收到期日", "付款到期日", "还款日", "duedate", "due", "paymentdue", "paymentduedate"],
  openAmount: ["未付金额", "未收金额", "未收款", "应收金额", "应收账款", "应收余额", "未结金额", "余额", "欠款", "openamount", "open", "outstanding", "balance", "amountdue", "receivable", "openbalance"],
  creditLimit: ["信用额度", "授信额度", "信用限额", "额度", "creditlimit", "limit"],
  sales: ["赊销额", "赊销金额", "信用销售额", "销售额", "creditsales", "sales"],
  character: ["品格", "品质", "品德", "character"],
  capacity: ["能力", "偿付能力", "偿债能力", "还款能力", "capacity"],
  capital: ["资本", "资本实力", "capital"],
  collateral: ["抵押", "抵押品", "担保", "抵押担保", "collateral"],
  conditions: ["条件", "经营条件", "经营环境", "环境", "conditions", "condition"],
  basis: ["授信基数", "营运资本", "净营运资本", "营运资金", "净资产", "所有者权益", "清算价值", "basis", "networkingcapital", "workingcapital", "networth", "equity", "liquidationvalue"],
};

/** Lower case, full-width folded, without spaces, punctuation and brackets. */
export function normaliseHeader(value: CellValue): string {
  if (value === null) return "";
  return String(value)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-–—.,:;'"`()[\]{}<>/\\|!?#*&%$@~^+=·、，。：；（）【】《》“”‘’]/g, "");
}

/** A synonym long enough to be matched inside a longer header. */
function containable(synonym: string): boolean {
  return /[^ -~]/.test(synonym) ? synonym.length >= 2 : synonym.length >= 4;
}

/** Columns for `fields` from the headers; `given` fields are kept and their columns not used again. */
function guessFor(headers: readonly CellValue[], fields: FieldId[], given: ColumnMapping = {}): ColumnMapping {
  const norm = headers.map((h) => (isOwnHeader(h) ? "" : normaliseHeader(h)));
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const id of fields) {
    const col = given[id];
    if (col !== undefined && Number.isInteger(col) && col >= 0 && col < headers.length && !used.has(col)) {
      mapping[id] = col;
      used.add(col);
    }
  }
  // Exact matches first for every field, so "消费金额" is not taken by a "contains 金额" rule.
  for (const pass of ["exact", "contains"] as const) {
    for (const id of fields) {
      if (mapping[id] !== undefined) continue;
      for (const synonym of SYNONYMS[id]) {
        if (pass === "contains" && !containable(synonym)) continue;
        const col = norm.findIndex((h, i) => !used.has(i) && h !== "" && (pass === "exact" ? h === synonym : h.includes(synonym)));
        if (col >= 0) {
          mapping[id] = col;
          used.add(col);
          break;
        }
      }
    }
  }
  return mapping;
}

function guessMode(headers: readonly CellValue[], workflow: WorkflowId, mode: RfmSourceMode | undefined, keep?: ColumnMapping): MappingGuess {
  const fields = fieldsOf(workflow, mode);
  const mapping = guessFor(
    headers,
    fields.map((f) => f.id),
    keep,
  );
  const missing = missingFields(fields, (id) => mapping[id] !== undefined);
  return mode ? { mapping, mode, missing } : { mapping, missing };
}

export interface GuessOptions {
  /**
   * RFM: guess for this source mode (the person chose "rows are customers" or "rows are
   * transactions") instead of choosing the mode from the headers.
   */
  rfmMode?: RfmSourceMode;
  /**
   * The mapping in use: its fields that the guessed workflow (and mode) also has are kept as they
   * are (the customer column the person picked survives a change of mode); the others are guessed
   * from the columns left.
   */
  keep?: ColumnMapping;
}

/**
 * The guessed mapping of a header row (or of a described source: its `headers`). For RFM also
 * the source mode: one row per customer when the headers name a frequency (or recency) column,
 * else one row per transaction; `options.rfmMode` fixes the mode instead.
 */
export function guessMapping(source: readonly CellValue[] | { readonly headers: readonly CellValue[] }, workflow: WorkflowId, options: GuessOptions = {}): MappingGuess {
  const headers = "headers" in source ? source.headers : source;
  const { rfmMode, keep } = options;
  if (workflow !== "rfm") return guessMode(headers, workflow, undefined, keep);
  if (rfmMode) return guessMode(headers, "rfm", rfmMode, keep);
  const customers = guessMode(headers, "rfm", "customers", keep);
  const transactions = guessMode(headers, "rfm", "transactions", keep);
  if (customers.missing.length === 0) return customers;
  if (transactions.missing.length === 0) return transactions;
  const perCustomer = customers.mapping.frequency !== undefined || customers.mapping.recency !== undefined;
  return perCustomer || customers.missing.length <= transactions.missing.length ? customers : transactions;
}

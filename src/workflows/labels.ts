/**
 * Names of everything the workflows write, in both languages. Output columns carry a prefix and
 * a middle dot ("RFM·R", "RFM·细分" / "RFM·Segment", "账龄·区间" / "Aging·Bucket"), so a person
 * sees at a glance which columns the add-in owns, and the mapping guess never mistakes them for
 * input. Segment and grade colours are light fills that keep black text readable.
 */
import { fillPlaceholders, type Bilingual, type Language } from "../core/labels";
import type { WorkflowId } from "./types";

type Labels = Record<string, Bilingual>;

export const COLUMN_HEADERS: Record<WorkflowId, Labels> = {
  rfm: {
    r: { zh: "RFM·R", en: "RFM·R" },
    f: { zh: "RFM·F", en: "RFM·F" },
    m: { zh: "RFM·M", en: "RFM·M" },
    code: { zh: "RFM·代码", en: "RFM·Code" },
    segment: { zh: "RFM·细分", en: "RFM·Segment" },
    recency: { zh: "RFM·最近消费天数", en: "RFM·Recency (days)" },
  },
  value: {
    clv: { zh: "CLV·客户终生价值", en: "CLV·Lifetime value" },
    abc: { zh: "CLV·ABC分类", en: "CLV·ABC class" },
    tier: { zh: "CLV·金字塔层级", en: "CLV·Pyramid tier" },
  },
  aging: {
    days: { zh: "账龄·逾期天数", en: "Aging·Days past due" },
    bucket: { zh: "账龄·区间", en: "Aging·Bucket" },
  },
  credit: {
    score: { zh: "信用·5C评分", en: "Credit·5C score" },
    grade: { zh: "信用·等级", en: "Credit·Grade" },
    limit: { zh: "信用·建议额度", en: "Credit·Suggested limit" },
    days: { zh: "信用·信用期限（天）", en: "Credit·Credit days" },
  },
};

export const SHEET_NAMES: Record<string, Bilingual> = {
  rfmSummary: { zh: "RFM汇总", en: "RFM summary" },
  rfmCustomers: { zh: "RFM客户", en: "RFM customers" },
  /** The customer table the pane writes from a transactions file. */
  fileCustomers: { zh: "客户汇总", en: "Customers (from file)" },
  valueSummary: { zh: "客户价值汇总", en: "Customer value summary" },
  agingReport: { zh: "账龄分析", en: "Aging report" },
  creditSummary: { zh: "信用评估汇总", en: "Credit review summary" },
};

export const TEXT: Labels = {
  rfmTitle: { zh: "RFM 客户细分汇总", en: "RFM segmentation summary" },
  valueTitle: { zh: "客户价值汇总", en: "Customer value summary" },
  agingTitle: { zh: "应收账款账龄分析", en: "Receivables aging report" },
  creditTitle: { zh: "客户信用评估汇总", en: "Credit review summary" },
  source: { zh: "数据来源", en: "Source" },
  asOf: { zh: "分析日期", en: "As of" },
  rows: { zh: "数据行数", en: "Rows" },
  skipped: { zh: "跳过的行", en: "Rows skipped" },
  leftOut: { zh: "未计入的行（合计、空行、重复标题、表尾）", en: "Rows left out (totals, blanks, repeated headers, notes)" },
  readFromText: { zh: "由文本读出的值", en: "Values read from text" },
  none: { zh: "无", en: "none" },
  segment: { zh: "细分", en: "Segment" },
  customers: { zh: "客户数", en: "Customers" },
  customerShare: { zh: "客户占比", en: "Share of customers" },
  revenue: { zh: "消费金额", en: "Revenue" },
  revenueShare: { zh: "金额占比", en: "Share of revenue" },
  total: { zh: "合计", en: "Total" },
  scheme: { zh: "细分方案", en: "Scheme" },
  bins: { zh: "分档数", en: "Bins" },
  abcClass: { zh: "ABC分类", en: "ABC class" },
  tier: { zh: "金字塔层级", en: "Pyramid tier" },
  value: { zh: "客户价值", en: "Value" },
  valueShare: { zh: "价值占比", en: "Share of value" },
  topShare: { zh: "客户累计占比", en: "Top share of customers" },
  cumulativeShare: { zh: "价值累计占比", en: "Cumulative share of value" },
  bandShare: { zh: "区段价值占比", en: "Share of value in band" },
  paretoTitle: { zh: "帕累托曲线", en: "Pareto curve" },
  customersBySegment: { zh: "各细分客户数", en: "Customers per segment" },
  agingChart: { zh: "前 {n} 名客户账龄结构", en: "Aging of the top {n} customers" },
  shareOverdue: { zh: "逾期占比", en: "Share overdue" },
  creditLimit: { zh: "信用额度", en: "Credit limit" },
  customerName: { zh: "客户名称", en: "Customer name" },
  overLimit: { zh: "超出额度", en: "Over limit" },
  yes: { zh: "是", en: "Yes" },
  dso: { zh: "应收账款周转天数", en: "DSO (days)" },
  creditSales: { zh: "赊销额", en: "Credit sales" },
  dsoCoverage: { zh: "周转天数的范围", en: "DSO covers" },
  dsoCoverageOf: { zh: "有赊销额的 {n} 个客户（共 {m} 个）", en: "the {n} customers with credit sales (of {m})" },
  bucket: { zh: "账龄区间", en: "Bucket" },
  amount: { zh: "金额", en: "Amount" },
  rate: { zh: "计提比例", en: "Rate" },
  allowance: { zh: "坏账准备", en: "Allowance" },
  allowanceTitle: { zh: "坏账准备（账龄分析法）", en: "Bad-debt allowance (aging method)" },
  grade: { zh: "信用等级", en: "Grade" },
  averageScore: { zh: "平均评分", en: "Average score" },
  suggestedLimit: { zh: "建议额度合计", en: "Suggested limits" },
  gradeChart: { zh: "各等级客户数", en: "Customers per grade" },
  model: { zh: "模型", en: "Model" },
  perpetuity: { zh: "永续（CRM.CLVPERPETUITY）", en: "Perpetuity (CRM.CLVPERPETUITY)" },
  periods: { zh: "{n} 期（CRM.CLV）", en: "{n} periods (CRM.CLV)" },
  fromColumn: { zh: "取自价值列", en: "From the value column" },
};

export function text(key: keyof typeof TEXT, lang: Language, vars: Record<string, string | number> = {}): string {
  return fillPlaceholders(TEXT[key][lang], vars);
}

/** Light fills for segments, in the order of the scheme's segments (best first). */
export const SEGMENT_FILLS = ["#C6EFCE", "#DDEBF7", "#FFF2CC", "#FCE4D6", "#E2EFDA", "#EDEDED", "#FFEB9C", "#F8CBAD", "#D9E1F2", "#FFC7CE"];

export const ABC_FILLS: Record<string, string> = { A: "#C6EFCE", B: "#FFEB9C", C: "#FCE4D6" };

export const GRADE_FILLS: Record<string, string> = { AAA: "#C6EFCE", AA: "#E2EFDA", A: "#DDEBF7", B: "#FFEB9C", C: "#FFC7CE" };

export const OVER_LIMIT_FILL = "#FFC7CE";

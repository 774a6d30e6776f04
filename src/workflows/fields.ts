/**
 * The columns each workflow reads, with what they must hold and their names in both languages.
 * Header synonyms for the mapping guess live in mapping.ts.
 */
import type { FieldId, FieldSpec, RfmSourceMode, WorkflowId } from "./types";

type Spec = Omit<FieldSpec, "required" | "nonNegative"> & Partial<Pick<FieldSpec, "required" | "nonNegative">>;

function field(spec: Spec): FieldSpec {
  return { required: true, nonNegative: false, ...spec };
}

const customer = field({ id: "customer", kind: "id", label: { zh: "客户编号", en: "Customer ID" } });

const FIELDS: Record<string, FieldSpec[]> = {
  "rfm:customers": [
    customer,
    field({ id: "recency", kind: "number", required: false, nonNegative: true, oneOf: "recency", label: { zh: "最近消费天数", en: "Recency (days)" } }),
    field({ id: "lastDate", kind: "date", required: false, oneOf: "recency", label: { zh: "最近购买日期", en: "Last purchase" } }),
    field({ id: "frequency", kind: "number", nonNegative: true, label: { zh: "消费次数", en: "Frequency" } }),
    field({ id: "monetary", kind: "number", nonNegative: true, label: { zh: "消费金额", en: "Monetary" } }),
  ],
  "rfm:transactions": [
    customer,
    field({ id: "date", kind: "date", label: { zh: "交易日期", en: "Date" } }),
    field({ id: "amount", kind: "number", nonNegative: true, label: { zh: "金额", en: "Amount" } }),
  ],
  value: [
    customer,
    field({ id: "margin", kind: "number", required: false, oneOf: "value", label: { zh: "每期利润", en: "Margin per period" } }),
    field({ id: "value", kind: "number", required: false, oneOf: "value", label: { zh: "客户价值", en: "Customer value" } }),
    field({ id: "retention", kind: "rate", required: false, label: { zh: "保留率", en: "Retention rate" } }),
    field({ id: "discount", kind: "rate", required: false, label: { zh: "折现率", en: "Discount rate" } }),
  ],
  aging: [
    customer,
    field({ id: "dueDate", kind: "date", label: { zh: "到期日", en: "Due date" } }),
    // Negative open amounts are credit notes: they reduce the customer's balance (as CRM.AGINGTABLE takes them).
    field({ id: "openAmount", kind: "number", label: { zh: "未付金额", en: "Open amount" } }),
    field({ id: "creditLimit", kind: "number", required: false, nonNegative: true, blankOk: true, label: { zh: "信用额度", en: "Credit limit" } }),
    field({ id: "sales", kind: "number", required: false, nonNegative: true, blankOk: true, label: { zh: "赊销额", en: "Credit sales" } }),
  ],
  credit: [
    customer,
    field({ id: "character", kind: "rating", label: { zh: "品格", en: "Character" } }),
    field({ id: "capacity", kind: "rating", label: { zh: "能力", en: "Capacity" } }),
    field({ id: "capital", kind: "rating", label: { zh: "资本", en: "Capital" } }),
    field({ id: "collateral", kind: "rating", label: { zh: "抵押", en: "Collateral" } }),
    field({ id: "conditions", kind: "rating", label: { zh: "条件", en: "Conditions" } }),
    field({ id: "basis", kind: "number", required: false, nonNegative: true, blankOk: true, label: { zh: "授信基数（营运资本/净资产）", en: "Limit basis (working capital / net worth)" } }),
  ],
};

/** The fields of a workflow (RFM: of its source mode, customers by default). */
export function fieldsOf(workflow: WorkflowId, mode: RfmSourceMode = "customers"): FieldSpec[] {
  return FIELDS[workflow === "rfm" ? `rfm:${mode}` : workflow].map((f) => ({ ...f, label: { ...f.label } }));
}

/** Whether one row per customer is expected (duplicate ids are problems). */
export function oneRowPerCustomer(workflow: WorkflowId, mode: RfmSourceMode = "customers"): boolean {
  return workflow === "value" || workflow === "credit" || (workflow === "rfm" && mode === "customers");
}

/** Required fields (and one-of groups, named by their first field) the mapping leaves out. */
export function missingFields(fields: readonly FieldSpec[], mapped: (id: FieldId) => boolean): FieldId[] {
  const missing: FieldId[] = [];
  const groups = new Map<string, FieldId[]>();
  for (const f of fields) {
    if (f.oneOf) groups.set(f.oneOf, [...(groups.get(f.oneOf) ?? []), f.id]);
    else if (f.required && !mapped(f.id)) missing.push(f.id);
  }
  for (const ids of groups.values()) if (!ids.some(mapped)) missing.push(ids[0]);
  return missing;
}

/**
 * Declaring the columns a workflow reads (src/workflows/<id>/index.ts), with what they must hold,
 * their names in both languages and the header texts that name them.
 */
import type { FieldId, FieldSpec } from "./types";

type Spec = Omit<FieldSpec, "required" | "nonNegative"> & Partial<Pick<FieldSpec, "required" | "nonNegative">>;

/** A field, required and allowing negative numbers unless it says otherwise. */
export function field(spec: Spec): FieldSpec {
  return { required: true, nonNegative: false, ...spec };
}

/** The customer id column every workflow reads. */
export const CUSTOMER = field({
  id: "customer",
  kind: "id",
  label: { zh: "客户编号", en: "Customer ID" },
  synonyms: ["客户编号", "客户id", "客户号", "客户代码", "客户", "客户名称", "客户名", "顾客", "顾客编号", "会员", "会员编号", "会员号", "会员id", "用户id", "customerid", "customer", "customername", "customerno", "customernumber", "custid", "client", "clientid", "account", "accountid", "id"],
});

/**
 * A customer's name beside its id (optional): charts label customers by it. A sheet whose only
 * customer column is a name maps it as the customer (CUSTOMER's synonyms come first).
 */
export const CUSTOMER_NAME = field({
  id: "customerName",
  kind: "text",
  required: false,
  blankOk: true,
  label: { zh: "客户名称", en: "Customer name" },
  synonyms: ["客户名称", "客户名", "客户姓名", "顾客名称", "顾客姓名", "会员名称", "会员姓名", "单位名称", "公司名称", "客户全称", "customername", "clientname", "accountname", "companyname"],
});

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

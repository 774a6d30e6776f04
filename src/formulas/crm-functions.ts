/**
 * CRM.* calls inside formulas: the arguments as Excel passes them to the custom function (left
 * out as null, ranges as blocks with blank cells ""), through the same wrappers Excel calls
 * (the explorer's registry), the outcome as a cell value or a spilled block.
 */
import { Environment, FormulaError, isBlock, Node, Scalar, Value } from "../explorer/formula";
import { FunctionMeta, invoke, Metadata } from "../explorer/registry";

const CRM_PREFIX = /^(CRM\.|_xldudf_CRM_)/i;

export const isCrmName = (name: string) => CRM_PREFIX.test(name);

/** The CRM ids called anywhere in a formula. */
export function crmCalls(formula: string): string[] {
  return [...formula.matchAll(/(?:CRM\.|_xldudf_CRM_)([A-Z0-9]+)\s*\(/gi)].map((m) => m[1].toUpperCase());
}

const err = (code: string, message: string) => new FormulaError(code, message);

function crmCall(meta: FunctionMeta, args: Node[], ev: (n: Node) => Value): Value {
  const values: (Scalar | Scalar[][] | null)[] = [];
  for (const a of args) {
    if (a.kind === "missing") {
      values.push(null);
      continue;
    }
    const v = ev(a);
    // Excel does not call a function with an error argument: the error is the result.
    const bad = (isBlock(v) ? v.flat() : [v]).find((c) => c instanceof FormulaError);
    if (bad) return bad;
    values.push(v as Scalar | Scalar[][]);
  }
  const o = invoke(meta, values);
  if (o.kind === "value") return o.value;
  if (o.kind === "error") return err(o.code, o.message);
  return o.rows.map((r) => r.map((c) => (typeof c === "object" ? err(c.code, c.message) : c)));
}

/** The handler of CRM.* names for a metadata (none known yet: #NAME?, as Excel shows before the add-in loads). */
export function crmFunction(metadata: Metadata | undefined): NonNullable<Environment["call"]> {
  const byId = new Map((metadata?.functions ?? []).map((f) => [f.id.toUpperCase(), f]));
  return (name, args, ev) => {
    const meta = byId.get(name.replace(CRM_PREFIX, "").toUpperCase());
    return meta ? crmCall(meta, args, ev) : err("#NAME?", `${name} is not a CRM function`);
  };
}

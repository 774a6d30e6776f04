/** A validation problem in the person's words, in the UI language. */
import { serialToIso } from "../../core/dates";
import { Language } from "../../core/labels";
import type { CellValue } from "../../workbook/types";
import type { FieldSpec, Problem, ProblemKind } from "../../workflows/types";
import { StringKey, tf } from "../i18n";

function valueText(value: CellValue, field: FieldSpec | undefined, kind: Problem["kind"]): string {
  if (value === null) return "";
  if (typeof value === "number" && (kind === "afterAsOf" || field?.kind === "date") && kind !== "notNumber") return serialToIso(value);
  return String(value);
}

/** The UI string of each kind the engine reports: a new kind without its text fails to compile here. */
export const PROBLEM_KIND_TEXT: Record<ProblemKind, StringKey> = {
  blank: "pk_blank",
  notNumber: "pk_notNumber",
  notDate: "pk_notDate",
  negative: "pk_negative",
  outOfRange: "pk_outOfRange",
  afterAsOf: "pk_afterAsOf",
  duplicateId: "pk_duplicateId",
  inconsistent: "pk_inconsistent",
  errorValue: "pk_errorValue",
  dateOrder: "pk_dateOrder",
  overflow: "pk_overflow",
};

export function problemText(problem: Problem, fields: readonly FieldSpec[], language: Language): string {
  const field = fields.find((f) => f.id === problem.field);
  const what = tf(PROBLEM_KIND_TEXT[problem.kind], language, { value: valueText(problem.value, field, problem.kind) });
  return tf("problemRow", language, { row: problem.row, column: problem.column, field: field ? field.label[language] : problem.field, what });
}

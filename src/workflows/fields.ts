/**
 * The columns each workflow reads, from its declaration (src/workflows/<id>/index.ts): per source
 * mode, with what they must hold, their names in both languages and their header synonyms.
 */
import { modeOf, workflowById } from "./registry";
import type { FieldSpec, SourceMode, WorkflowId } from "./types";

export { missingFields } from "./field-spec";

/** The fields of a workflow in a source mode (its first mode by default), as copies. */
export function fieldsOf(workflow: WorkflowId, mode?: SourceMode): FieldSpec[] {
  return modeOf(workflowById(workflow), mode).fields.map((f) => ({ ...f, label: { ...f.label } }));
}

/** Whether one row per customer is expected (duplicate ids are problems). */
export function oneRowPerCustomer(workflow: WorkflowId, mode?: SourceMode): boolean {
  return modeOf(workflowById(workflow), mode).oneRowPerCustomer;
}

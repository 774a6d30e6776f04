/**
 * THE list of workflows, in the order the pane shows them. Each is one folder
 * (src/workflows/<id>/: its declaration in index.ts, its plan, options and tests); adding a
 * workflow is that folder and one line here. The engine, the pane and the command line find
 * workflows only through this list.
 */
import { AGING } from "./aging";
import { CREDIT } from "./credit";
import type { WorkflowDefinition } from "./definition";
import { PREDICT } from "./predict";
import { RFM } from "./rfm";
import type { CommonOptions, WorkflowId } from "./types";
import { VALUE } from "./value";

export const WORKFLOW_DEFINITIONS: readonly WorkflowDefinition<CommonOptions>[] = [RFM, VALUE, PREDICT, AGING, CREDIT] as unknown as WorkflowDefinition<CommonOptions>[];

/** The declaration of a workflow; throws for an id no workflow has. */
export function workflowById(id: WorkflowId): WorkflowDefinition<CommonOptions> {
  const def = WORKFLOW_DEFINITIONS.find((d) => d.id === id);
  if (!def) throw new Error(`没有工作流“${id}” / No workflow "${id}"`);
  return def;
}

/** The declaration of a source mode (the workflow's first when not given or not its own). */
export function modeOf(def: WorkflowDefinition<CommonOptions>, mode?: string) {
  return def.modes.find((m) => m.id === mode) ?? def.modes[0];
}

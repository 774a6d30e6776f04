/** The workflow API for the task pane and the command line: the registry, the engine, the field lists and the mapping guess. */
export { createEngine, todaySerial, WorkflowError } from "./engine";
export { fieldsOf, missingFields, oneRowPerCustomer } from "./fields";
export { guessMapping, normaliseHeader } from "./mapping";
export type { GuessOptions } from "./mapping";
export { WORKFLOW_DEFINITIONS, modeOf, workflowById } from "./registry";
export type { WorkflowDefinition } from "./definition";
export { segmentNames } from "./rfm/plan";
export { defaultRates } from "./aging/plan";
export { VALUE_DEFAULTS } from "./value/options";
export * from "./types";

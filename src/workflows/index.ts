/** The workflow API for the task pane: the engine, the field lists and the mapping guess. */
export { createEngine, todaySerial, WorkflowError } from "./engine";
export { fieldsOf, oneRowPerCustomer } from "./fields";
export { guessMapping, normaliseHeader } from "./mapping";
export type { GuessOptions } from "./mapping";
export { segmentNames } from "./rfm";
export { defaultRates } from "./aging";
export { VALUE_DEFAULTS } from "./value";
export * from "./types";

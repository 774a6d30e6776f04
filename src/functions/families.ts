/**
 * THE list of custom-function families: one line per family, in the order the explorer and the
 * help index show them. A family `key` is its files: src/functions/<key>.ts (wrappers with the
 * JSDoc Excel reads), src/functions/<key>.zh-cn.json (Chinese metadata) and
 * src/help/content/<key>.json (help pages, explorer texts). The bundle entry (functions.ts), the
 * explorer's registry, the help (src/help) and the build (scripts/build/function-families.js,
 * which reads this file's `{ key: "…" }` entries) all take the families from here, so adding a
 * family is its files plus one line below.
 */
import * as clv from "./clv";
import * as rfm from "./rfm";
import * as tiers from "./tiers";
import * as credit from "./credit";
import * as aging from "./aging";
import * as customerBase from "./customer-base";

export interface FunctionFamily {
  /** File name of the family (see above). */
  key: string;
  /** The wrapper module: its exported functions are the @customfunction ids in capitals. */
  functions: Record<string, unknown>;
}

export const FUNCTION_FAMILIES: readonly FunctionFamily[] = [
  { key: "clv", functions: clv },
  { key: "rfm", functions: rfm },
  { key: "tiers", functions: tiers },
  { key: "credit", functions: credit },
  { key: "aging", functions: aging },
  { key: "customer-base", functions: customerBase },
];

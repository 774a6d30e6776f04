/**
 * The add-in's own output columns: their headers carry the workflow's prefix and a middle dot
 * ("RFM·R", "账龄·区间"), declared by each workflow. Such columns are output, never input.
 */
import { WORKFLOW_DEFINITIONS } from "./registry";
import type { CellValue } from "../workbook/types";

let prefixes: readonly string[] | undefined;

export function isOwnHeader(value: CellValue): boolean {
  prefixes ??= WORKFLOW_DEFINITIONS.flatMap((d) => d.headerPrefixes);
  return typeof value === "string" && prefixes.some((p) => value.startsWith(p));
}

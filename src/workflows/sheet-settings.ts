/**
 * What the add-in keeps in a source sheet's settings (WorkbookPort.getSheetSettings): the mapping
 * remembered per workflow (read-source.ts) and the marks of the output it wrote (output.ts).
 */
import type { JsonObject, OutputMark, RangeRef } from "../workbook/types";
import { sanitizeSettings } from "./settings-schema";
import type { ColumnMapping, FieldId, SourceMode, WorkflowId } from "./types";

export interface RememberedMapping {
  /** Field → header text (survives inserted columns), and the offsets as a fallback. */
  headers?: Partial<Record<FieldId, string>>;
  offsets: ColumnMapping;
  mode?: SourceMode;
}

export interface SheetSettings {
  mappings?: Partial<Record<WorkflowId, RememberedMapping>>;
  outputs?: Partial<Record<WorkflowId, OutputMark[]>>;
}

/** Settings as read from the workbook: parts that do not fit their schema are left out (settings-schema.ts). */
export function asSettings(json: JsonObject): SheetSettings {
  return sanitizeSettings(json) as unknown as SheetSettings;
}

export function asJson(settings: SheetSettings): JsonObject {
  return settings as unknown as JsonObject;
}

/** Which table on its sheet a source is: its header row's first cell. */
export function sourceKey(source: RangeRef): string {
  return `${source.row},${source.column}`;
}

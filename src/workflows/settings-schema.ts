/**
 * What a sheet's settings must look like before the engine uses them. They are read from the
 * workbook, where anything may have been edited or written by another version: valid JSON of
 * another shape (a text where a list of output marks is expected) used to throw a TypeError on
 * every run, forever, from a sheet the person cannot see. Here each remembered mapping and each
 * output mark is checked against its schema (ajv) and dropped alone when it does not fit, as if
 * it had never been written, so the run goes on and the next write repairs the store.
 */
import Ajv from "ajv";
import type { JsonObject } from "../workbook/types";

const ajv = new Ajv({ allErrors: false });
const int = { type: "integer", minimum: 0 } as const;

const validMapping = ajv.compile({
  type: "object",
  required: ["offsets"],
  properties: {
    offsets: { type: "object", additionalProperties: int },
    headers: { type: "object", additionalProperties: { type: "string" } },
    mode: { type: "string" },
  },
});

const validMark = ajv.compile({
  type: "object",
  required: ["owner", "kind", "sheet", "row", "column", "rows", "columns", "headers", "fingerprint", "writtenAt"],
  properties: {
    owner: { type: "string" },
    source: { type: "string" },
    kind: { enum: ["columns", "sheet"] },
    sheet: { type: "string", minLength: 1 },
    row: int,
    column: int,
    rows: int,
    columns: int,
    headers: { type: "array", items: { type: "string" } },
    sheetId: { type: "string" },
    fingerprint: { type: "string" },
    writtenAt: { type: "string" },
  },
});

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

/** The settings with every part that does not fit its schema left out (other keys kept as they are). */
export function sanitizeSettings(json: unknown): JsonObject {
  if (!isObject(json)) return {};
  const out: JsonObject = { ...(json as JsonObject) };
  delete out.mappings;
  delete out.outputs;
  if (isObject(json.mappings)) {
    const mappings: JsonObject = {};
    for (const [workflow, m] of Object.entries(json.mappings)) if (validMapping(m)) mappings[workflow] = m as unknown as JsonObject;
    out.mappings = mappings;
  }
  if (isObject(json.outputs)) {
    const outputs: JsonObject = {};
    for (const [workflow, marks] of Object.entries(json.outputs)) if (Array.isArray(marks)) outputs[workflow] = marks.filter((m) => validMark(m)) as unknown as JsonObject[];
    out.outputs = outputs;
  }
  return out;
}

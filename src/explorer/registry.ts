/**
 * The functions the explorer calls: the wrapper modules of src/functions, which the build
 * associates with their @customfunction ids for Excel, looked up here by the same ids. Calling
 * them the way Excel does (left-out arguments as null, a single value for a range parameter as a
 * 1×1 block, blank cells as "", a range given to a single-value parameter lifted cell by cell)
 * means the preview shows exactly what a cell in Excel would.
 */
import { errorCodeOf } from "../functions/excel-error";
import { FUNCTION_FAMILIES } from "../functions/families";
import { ArgumentValue, Scalar } from "./formula";

export interface ParameterMeta {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}

export interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: ParameterMeta[];
  result?: { type?: string; dimensionality?: string };
}

export interface Metadata {
  functions: FunctionMeta[];
}

type Wrapper = (...args: unknown[]) => unknown;

/** CLVSCHEDULE ↔ clvSchedule, AGING_DAYS ↔ agingDays: ids are the export names in capitals. */
const key = (name: string) => name.replace(/_/g, "").toLowerCase();

let index: Map<string, Wrapper> | undefined;

/** The wrapper Excel calls for an id, or undefined when no family exports it. */
export function wrapperFor(id: string): Wrapper | undefined {
  if (!index) {
    index = new Map();
    for (const family of FUNCTION_FAMILIES) {
      for (const [name, value] of Object.entries(family.functions)) if (typeof value === "function") index.set(key(name), value as Wrapper);
    }
  }
  return index.get(key(id));
}

/** An error cell: the Excel code and the message the function gave. */
export interface ErrorCell {
  code: string;
  message: string;
}

export type OutcomeCell = Scalar | ErrorCell;

export type Outcome = { kind: "value"; value: Scalar } | { kind: "table"; rows: OutcomeCell[][] } | ({ kind: "error" } & ErrorCell);

export function isErrorCell(c: unknown): c is ErrorCell {
  return typeof c === "object" && c !== null && typeof (c as ErrorCell).code === "string";
}

function errorCell(thrown: unknown): ErrorCell {
  const code = errorCodeOf(thrown);
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return code ? { code, message } : { code: "#VALUE!", message: `internal error: ${message}` };
}

function cellOf(v: unknown): OutcomeCell {
  if (v instanceof Error || errorCodeOf(v)) return errorCell(v);
  if (v === null || v === undefined) return "";
  return v as Scalar;
}

function outcomeOf(result: unknown): Outcome {
  // A 1×1 spill is one value in Excel's cell.
  const one = Array.isArray(result) && result.length === 1 && Array.isArray(result[0]) && result[0].length === 1;
  if (Array.isArray(result) && !one) return { kind: "table", rows: (result as unknown[][]).map((r) => (Array.isArray(r) ? r : [r]).map(cellOf)) };
  const c = cellOf(one ? (result as unknown[][])[0][0] : result);
  return isErrorCell(c) ? { kind: "error", ...c } : { kind: "value", value: c };
}

const isMatrix = (p: ParameterMeta | undefined) => p?.dimensionality === "matrix";
const isBlock = (v: ArgumentValue): v is Scalar[][] => Array.isArray(v);

/** The arguments Excel would pass: null for left out, [[x]] for one value given to a range parameter. */
function excelArguments(meta: FunctionMeta, args: readonly ArgumentValue[]): unknown[] {
  return meta.parameters.map((p, i) => {
    const v = args[i] ?? null;
    if (v === null) return null;
    if (isMatrix(p)) return isBlock(v) ? v : [[v]];
    return isBlock(v) && v.length === 1 && v[0].length === 1 ? v[0][0] : v;
  });
}

function callOnce(fn: Wrapper, args: unknown[]): unknown {
  try {
    return fn(...args);
  } catch (e) {
    return e;
  }
}

/**
 * Calls a function by its metadata. A range given to a single-value parameter is lifted as
 * Excel lifts it: one call per cell, the results spilled in the range's shape.
 */
export function invoke(meta: FunctionMeta, args: readonly ArgumentValue[]): Outcome {
  const fn = wrapperFor(meta.id);
  if (!fn) return { kind: "error", code: "#NAME?", message: `CRM.${meta.id} is not available here` };
  const excelArgs = excelArguments(meta, args);
  const lifted = meta.parameters.map((p, i) => !isMatrix(p) && Array.isArray(excelArgs[i]));
  if (!lifted.includes(true)) return settle(callOnce(fn, excelArgs));

  const blocks = excelArgs.filter((_, i) => lifted[i]) as Scalar[][][];
  const rows = Math.max(...blocks.map((b) => b.length));
  const cols = Math.max(...blocks.map((b) => b[0]?.length ?? 0));
  const at = (b: Scalar[][], r: number, c: number): unknown => (b.length === 1 ? b[0] : b[r])?.[b[0].length === 1 ? 0 : c];
  const out: OutcomeCell[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: OutcomeCell[] = [];
    for (let c = 0; c < cols; c++) {
      const cellArgs = excelArgs.map((a, i) => (lifted[i] ? at(a as Scalar[][], r, c) : a));
      const missing = cellArgs.some((a, i) => lifted[i] && a === undefined);
      const o = missing ? ({ kind: "error", code: "#N/A", message: "the ranges differ in size" } as Outcome) : settle(callOnce(fn, cellArgs));
      row.push(o.kind === "value" ? o.value : o.kind === "error" ? { code: o.code, message: o.message } : { code: "#VALUE!", message: "a table inside a lifted call" });
    }
    out.push(row);
  }
  return { kind: "table", rows: out };
}

function settle(result: unknown): Outcome {
  if (result && typeof (result as { then?: unknown }).then === "function") return { kind: "error", code: "#VALUE!", message: "asynchronous functions are not supported by the explorer" };
  return outcomeOf(result);
}

/**
 * What a workflow decided to write, before anything is written: columns beside the source rows
 * and whole sheets. Planning is pure (core calculations on parsed columns); the engine carries
 * the plan out through the workbook port.
 */
import type { Language } from "../core/labels";
import { dec, toNumber } from "../core/money";
import { rangeAddress } from "../workbook/address";
import type { Block, RangeRef, ValueFill } from "../workbook/types";
import { text } from "./labels";
import type { SheetBuilder, SheetPlan } from "./sheet-builder";
import type { ColumnMapping, LeftOutRow, Problem, SummaryTable } from "./types";
import type { ParsedTable } from "./validate";

export interface ColumnsPlan {
  headers: string[];
  /** One row per source data row, in order; rows left out (problems) are blank. */
  rows: Block;
  formats: (string | undefined)[];
  fills: { column: number; fills: ValueFill[] }[];
}

export interface Plan {
  columns?: ColumnsPlan;
  sheets: SheetPlan[];
  summary: SummaryTable;
  figures: Record<string, number>;
  /** Result rows written (customers or lines). */
  rowsWritten: number;
}

export interface PlanInput<O> {
  table: ParsedTable;
  options: O;
  mapping: ColumnMapping;
  source: RangeRef;
  /** Excel serial of the as-of date (today when not given). */
  asOf: number;
  /** Problems of the rows left out. */
  skipped: Problem[];
  /** Rows that are not customers (totals, blanks, repeated headers, notes), left out. */
  leftOut?: LeftOutRow[];
  /** Values read from text per field (label → count), for the summary. */
  readFromText?: { label: string; count: number }[];
  /** What the summary names as the source instead of the range (a transactions file's name). */
  sourceName?: string;
}

/** Indices of the rows without problems. */
export function goodRows(ok: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < ok.length; i++) n += ok[i];
  const out = new Int32Array(n);
  for (let i = 0, j = 0; i < ok.length; i++) if (ok[i]) out[j++] = i;
  return out;
}

/** part / whole exactly, as a number; 0 when the whole is 0. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : toNumber(dec(part).div(whole));
}

/** Source, as-of date and skipped rows: the lines every summary sheet starts with. */
export function parameterLines(b: SheetBuilder, input: PlanInput<{ language: Language }>, withAsOf: boolean): void {
  const lang = input.options.language;
  b.line(text("source", lang), input.sourceName ?? rangeAddress(input.source));
  if (withAsOf) b.date(text("asOf", lang), input.asOf);
  b.count(text("rows", lang), input.table.rows);
  const rows = [...new Set(input.skipped.map((p) => p.row))];
  const list = rows.length === 0 ? text("none", lang) : `${rows.length}: ${rows.slice(0, 50).join(", ")}${rows.length > 50 ? " …" : ""}`;
  b.line(text("skipped", lang), list);
  const leftOut = input.leftOut ?? [];
  if (leftOut.length > 0) b.line(text("leftOut", lang), `${leftOut.length}: ${leftOut.slice(0, 50).map((r) => (r.text ? `${r.row} ${r.text}` : String(r.row))).join(", ")}${leftOut.length > 50 ? " …" : ""}`);
  const read = input.readFromText ?? [];
  if (read.length > 0) b.line(text("readFromText", lang), read.map((r) => `${r.label} ${r.count}`).join(", "));
}

export function emptyRows(n: number, width: number): Block {
  const rows: Block = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = new Array(width).fill(null);
  return rows;
}

function firstNonFinite(block: Block): boolean {
  for (const row of block) for (const v of row) if (typeof v === "number" && !Number.isFinite(v)) return true;
  return false;
}

/**
 * The last guard before anything is written: a plan holding NaN or Infinity (a sum beyond
 * ±1.8E308 that validation did not foresee) is refused with a message, never written.
 */
export function nonFinitePart(plan: Plan): string | undefined {
  if (plan.columns && firstNonFinite(plan.columns.rows)) return "columns";
  for (const sheet of plan.sheets) if (firstNonFinite(sheet.block)) return sheet.baseName;
  if (firstNonFinite(plan.summary.rows as Block)) return "summary";
  for (const [name, v] of Object.entries(plan.figures)) if (!Number.isFinite(v)) return name;
  return undefined;
}

/**
 * The shape of an exported sheet around its customers: title rows above the header row, and
 * rows inside the table that are not customers: totals and subtotals (a 合计 / Total label, or
 * SUM/SUBTOTAL formulas over the column), blank separator rows, header rows repeated on every
 * printed page, group headings (a lone "华东区" / "North" in the first column) and notes below
 * the grand total ("制表人：…"). They are left out, each named, never
 * silently. Pure: the engine reads cells and formulas, this decides about them.
 */
import type { Language } from "../core/labels";
import { foldText } from "../core/text-values";
import { columnLetter } from "../workbook/address";
import { type Steps, stepsToEnd } from "../workbook/slices";
import type { Block, CellValue } from "../workbook/types";
import { guessMapping, normaliseHeader } from "./mapping";
import type { ColumnMapping, FieldSpec, SourceMode, WorkflowId } from "./types";

export type LeftOutKind = "total" | "blank" | "header" | "note" | "heading";

/** A row of the source that is not a customer (or transaction), left out of the run. */
export interface LeftOutRow {
  /** Sheet row number (1-based), as the person sees it. */
  row: number;
  kind: LeftOutKind;
  /** What the row says: its label ("合计"), its first text, or the formula that made it a total. */
  text: string;
}

/** How many rows at the top of a sheet are looked at for the header row. */
export const HEADER_SEARCH_ROWS = 12;

function blank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * The index (in `rows`, the top of the sheet's used range) of the header row: the row whose
 * texts name the most of the workflow's fields, among rows with two or more filled cells; ties go
 * to the upper row. 0 when no row names any field (the first row stays the header, as before).
 */
export function findHeaderRow(rows: Block, workflow: WorkflowId, mode?: SourceMode): number {
  let best = 0;
  let bestScore = 0;
  const last = Math.min(rows.length - 1, HEADER_SEARCH_ROWS);
  for (let i = 0; i < last; i++) {
    const row = rows[i];
    if (row.filter((v) => !blank(v)).length < 2) continue;
    // Numbers and dates are data, not headers.
    if (row.some((v) => typeof v === "number")) continue;
    const score = Object.keys(guessMapping(row, workflow, { mode }).mapping).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Labels of total and subtotal rows, compared normalised (no spaces or punctuation: "合 计：" is
 * 合计): the word alone, or a subtotal naming its group ("华东小计", "小计：华东", "Subtotal North",
 * "Grand total 2024"). "Total …" with more after it is not taken: it may be a customer's name.
 */
const TOTAL_LABEL = /^(?:总合计|合计|总计|小计|总额|共计|本页合计|本页小计|合计金额|grandtotal|subtotal|total|totals)$|^(?:小计|合计|总计|subtotal|grandtotal).+|.+(?:小计|合计|总计)$/;

/** Whether a cell's text is a total row's label. */
export function isTotalLabel(value: CellValue): boolean {
  // A cheap look first: this runs on every text cell of every row.
  return typeof value === "string" && value.length <= 30 && MAYBE_TOTAL.test(value) && TOTAL_LABEL.test(normaliseHeader(foldText(value)));
}
const MAYBE_TOTAL = /[合总小计额共tTＴｔ]/;

/**
 * Whether a formula adds up its own column (=SUM(C2:C201), =SUBTOTAL(9,C2:C50), =AGGREGATE(9,…)):
 * the number in that cell is a total, not a customer's figure.
 */
export function isColumnTotal(formula: string | null | undefined, column: number): boolean {
  if (!formula || !/^=\s*(?:SUM|SUBTOTAL|AGGREGATE)\s*\(/i.test(formula)) return false;
  const own = columnLetter(column);
  const refs = formula.toUpperCase().matchAll(/\$?([A-Z]{1,3})\$?\d+\s*:\s*\$?([A-Z]{1,3})\$?\d+/g);
  for (const [, from, to] of refs) if (from === own || to === own) return true;
  return false;
}

export interface ShapeContext {
  /** The header row's cells (for repeated headers). */
  header: readonly CellValue[];
  fields: readonly FieldSpec[];
  mapping: ColumnMapping;
  /** Sheet row number (1-based) of the first data row. */
  firstRow: number;
  /** 0-based sheet column of the source's first column (formulas name sheet columns). */
  firstColumn: number;
}

export interface Shape {
  /** 1 where the data row is not a customer (left out, see leftOut). */
  skip: Uint8Array;
  leftOut: LeftOutRow[];
}

function firstText(row: readonly CellValue[]): string {
  for (const v of row) if (typeof v === "string" && v.trim() !== "") return v.trim();
  return "";
}

/**
 * The data rows that are not customers. `formulas` (as WorkbookPort.readFormulas gives them, the
 * same rectangle as `data`) may be undefined when the port could not read them: then only labels,
 * blanks and repeated headers are recognised.
 */
export function rowsNotCustomers(data: Block, formulas: readonly (readonly (string | null)[])[] | undefined, ctx: ShapeContext): Shape {
  return stepsToEnd(shapeSteps(data, formulas, ctx));
}

/** Rows a step of shapeSteps looks at between two yields. */
const ROWS_PER_STEP = 1_024;

/** rowsNotCustomers as steps of ROWS_PER_STEP rows, for the page to run in slices (stepsInSlices). */
export function* shapeSteps(data: Block, formulas: readonly (readonly (string | null)[])[] | undefined, ctx: ShapeContext): Steps<Shape> {
  const n = data.length;
  const skip = new Uint8Array(n);
  const leftOut: LeftOutRow[] = [];
  const mapped = ctx.fields.map((f) => ({ field: f, col: ctx.mapping[f.id] })).filter((m): m is { field: FieldSpec; col: number } => m.col !== undefined);
  // Ids and names label a row; the figures are what a total or a note lacks.
  const valueCols = mapped.filter((m) => m.field.kind !== "id" && m.field.kind !== "text").map((m) => m.col);
  const headerNorm = ctx.header.map((h) => normaliseHeader(h));
  const headerCols = mapped.map((m) => m.col).filter((c) => headerNorm[c] !== "");
  // Totals first: notes are the rows without figures below the last of them.
  const totals: (string | undefined)[] = new Array(n);
  let lastTotal = -1;
  for (let i = 0; i < n; i++) {
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    const row = data[i];
    const label = row.find(isTotalLabel);
    const formulaRow = formulas?.[i];
    const summed = formulaRow ? valueCols.find((c) => isColumnTotal(formulaRow[c], ctx.firstColumn + c)) : undefined;
    if (label !== undefined || summed !== undefined) {
      totals[i] = typeof label === "string" ? label.trim() : (formulaRow?.[summed!] ?? "");
      lastTotal = i;
    }
  }
  for (let i = 0; i < n; i++) {
    if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
    const row = data[i];
    const leave = (kind: LeftOutKind, text: string) => {
      skip[i] = 1;
      leftOut.push({ row: ctx.firstRow + i, kind, text });
    };
    if (row.every(blank)) {
      leave("blank", "");
      continue;
    }
    if (totals[i] !== undefined) {
      leave("total", totals[i]!);
      continue;
    }
    // A repeated header holds text where the figures are.
    const same = valueCols.some((c) => typeof row[c] === "number") ? 0 : headerCols.filter((c) => normaliseHeader(row[c]) === headerNorm[c]).length;
    if (headerCols.length > 0 && same >= Math.max(1, Math.ceil(headerCols.length / 2)) && same >= Math.min(2, headerCols.length)) {
      leave("header", firstText(row));
      continue;
    }
    // Below a grand total, a row without any figure is a note (制表人, 打印时间, remarks).
    if (i > lastTotal && lastTotal >= 0 && valueCols.every((c) => blank(row[c]))) {
      leave("note", firstText(row));
      continue;
    }
    // A group heading ("North", "华东区"): one text in the first column, nothing else in the row.
    if (typeof row[0] === "string" && row.every((v, j) => j === 0 || blank(v))) {
      leave("heading", row[0].trim());
      continue;
    }
  }
  return { skip, leftOut };
}

const LEFT_OUT_TEXT: Record<LeftOutKind, Record<Language, (row: number, text: string) => string>> = {
  total: { zh: (r, t) => `第 ${r} 行“${t}”是合计行，未计入`, en: (r, t) => `row ${r} ${t} left out as a total row` },
  blank: { zh: (r) => `第 ${r} 行是空行，未计入`, en: (r) => `row ${r} left out as a blank row` },
  header: { zh: (r) => `第 ${r} 行是重复的标题行，未计入`, en: (r) => `row ${r} left out as a repeated header row` },
  note: { zh: (r, t) => `第 ${r} 行“${t}”是表尾说明，未计入`, en: (r, t) => `row ${r} ${t} left out as a note below the table` },
  heading: { zh: (r, t) => `第 ${r} 行“${t}”是分组标题，未计入`, en: (r, t) => `row ${r} ${t} left out as a group heading` },
};

/** "row 203 合计 left out as a total row" / "第 203 行“合计”是合计行，未计入". */
export function leftOutMessage(row: LeftOutRow, language: Language): string {
  return LEFT_OUT_TEXT[row.kind][language](row.row, row.text);
}

/** "rows 1–3 above the header left out (title)" for the title rows above a header found lower down. */
export function titleRowsMessage(headerRow: number, firstRow: number, language: Language): string {
  const range = headerRow - 1 === firstRow ? `${firstRow}` : `${firstRow}–${headerRow - 1}`;
  return language === "zh" ? `标题行在第 ${headerRow} 行；其上的第 ${range} 行（表头说明）未计入` : `header row found at row ${headerRow}; row${headerRow - 1 === firstRow ? "" : "s"} ${range} above it (titles) left out`;
}

/**
 * Validation of a source table before anything is written: every problem with its sheet row
 * number, column letter and kind, and the parsed columns of the rows that have none. Pure: the
 * engine reads the cells, this decides about them.
 */
import { isSerial, isoToSerial, serialToIso } from "../core/dates";
import type { Language } from "../core/labels";
import { columnLetter } from "../workbook/address";
import type { Block, CellValue } from "../workbook/types";
import type { ColumnMapping, FieldId, FieldSpec, Problem, ProblemKind, ValidationReport } from "./types";

export interface ValidationContext {
  fields: readonly FieldSpec[];
  mapping: ColumnMapping;
  /** Sheet row number (1-based) of the first data row. */
  firstRow: number;
  /** 0-based sheet column of the source's first column (for column letters). */
  firstColumn: number;
  /** Dates of purchases must not be after it (Excel serial). */
  asOf?: number;
  /** Ratings run 0..scaleMax (default 5). */
  scaleMax?: number;
  /** Duplicate customer ids are problems. */
  uniqueIds: boolean;
  language: Language;
}

/** Parsed columns, one entry per data row; entries of rows with problems are not to be used. */
export interface ParsedTable {
  rows: number;
  /** 1 where the row has no problem. */
  ok: Uint8Array;
  /** Customer ids as given (numbers or text). */
  ids: (string | number)[];
  /** Numbers, dates as serials, rates, ratings; NaN where a blank is allowed and given. */
  numbers: Partial<Record<FieldId, Float64Array>>;
}

export interface Validation {
  report: ValidationReport;
  table: ParsedTable;
}


const MESSAGES: Record<ProblemKind, Record<Language, (field: string, value: string, extra: string, more: string) => string>> = {
  blank: { zh: (f) => `${f}为空`, en: (f) => `${f} is blank` },
  notNumber: { zh: (f, v) => `${f}应为数字，而不是 ${v}`, en: (f, v) => `${f} must be a number, not ${v}` },
  notDate: { zh: (f, v) => `${f}应为日期，而不是 ${v}`, en: (f, v) => `${f} must be a date, not ${v}` },
  negative: { zh: (f, v) => `${f}不能为负数（${v}）`, en: (f, v) => `${f} must not be negative (${v})` },
  outOfRange: { zh: (f, v, x) => `${f} ${v} 超出范围 ${x}`, en: (f, v, x) => `${f} ${v} is outside ${x}` },
  afterAsOf: { zh: (f, v, x) => `${f} ${v} 晚于分析日期 ${x}`, en: (f, v, x) => `${f} ${v} is after the as-of date ${x}` },
  duplicateId: { zh: (f, v, x) => `${f} ${v} 重复（第 ${x} 行已出现）`, en: (f, v, x) => `${f} ${v} appears again (first in row ${x})` },
  errorValue: { zh: (f, v) => `${f}是错误值 ${v}，不是客户编号`, en: (f, v) => `${f} is the error value ${v}, not a customer id` },
  overflow: {
    zh: (f, v) => `${f} ${v} 过大：到此行的合计超出 Excel 能表示的最大数（±1.8E308）`,
    en: (f, v) => `${f} ${v} is too large: the sum up to this row is beyond the largest number Excel holds (±1.8E308)`,
  },
  inconsistent: {
    zh: (f, _v, x, y) => `客户 ${x} 各行的${f}不一致（${y}）：每个客户只能有一个数`,
    en: (f, _v, x, y) => `${f} differ between the lines of customer ${x} (${y}): a customer has one figure`,
  },
};

/** A problem's message: `extra` and `more` are what the kind names besides the field and value (first row, range, customer…). */
export function problemMessage(kind: ProblemKind, language: Language, field: string, value: CellValue, extra = "", more = ""): string {
  return MESSAGES[kind][language](field, show(value), extra, more);
}

function show(value: CellValue): string {
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** Excel's error values as both ports read them (text): never a customer id. */
const EXCEL_ERRORS = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|TIMEOUT!)$/i;

export function isExcelErrorText(value: CellValue): boolean {
  return typeof value === "string" && EXCEL_ERRORS.test(value.trim());
}

/**
 * Sums of a number column must stay finite: the amount that takes the running total of
 * magnitudes past the largest double is flagged on its own row (that total bounds every sum a
 * workflow forms from the column). Figures derived further (CLV = margin × factor) are guarded
 * again before writing (plan.nonFinitePart).
 */
export const SUMMABLE_LIMIT = Number.MAX_VALUE;

function asDate(value: CellValue): number | undefined {
  if (typeof value === "number") return isSerial(value) ? value : undefined;
  if (typeof value === "string") return isoToSerial(value);
  return undefined;
}

export function validateTable(block: Block, ctx: ValidationContext): Validation {
  const n = block.length;
  const lang = ctx.language;
  const ok = new Uint8Array(n).fill(1);
  const problems: Problem[] = [];
  const counts: Partial<Record<ProblemKind, number>> = {};
  const scaleMax = ctx.scaleMax ?? 5;
  const ids: (string | number)[] = new Array(n);
  const numbers: Partial<Record<FieldId, Float64Array>> = {};

  const add = (i: number, field: FieldSpec, col: number, kind: ProblemKind, value: CellValue, extra = "", shown = show(value)) => {
    ok[i] = 0;
    counts[kind] = (counts[kind] ?? 0) + 1;
    problems.push({
      row: ctx.firstRow + i,
      column: columnLetter(ctx.firstColumn + col),
      field: field.id,
      kind,
      value,
      message: MESSAGES[kind][lang](field.label[lang], shown, extra, ""),
    });
  };

  for (const field of ctx.fields) {
    const col = ctx.mapping[field.id];
    if (col === undefined) continue;
    if (field.kind === "id") {
      const seen = ctx.uniqueIds ? new Map<string, number>() : undefined;
      for (let i = 0; i < n; i++) {
        const v = block[i][col] ?? null;
        if (v === null || (typeof v === "string" && v.trim() === "")) {
          add(i, field, col, "blank", v);
          continue;
        }
        if (isExcelErrorText(v)) {
          add(i, field, col, "errorValue", v);
          continue;
        }
        const id = typeof v === "boolean" ? String(v).toUpperCase() : v;
        ids[i] = id;
        if (seen) {
          const key = typeof id === "number" ? String(id) : id.trim();
          const first = seen.get(key);
          if (first === undefined) seen.set(key, i);
          else add(i, field, col, "duplicateId", v, String(ctx.firstRow + first));
        }
      }
      continue;
    }
    const out = new Float64Array(n);
    numbers[field.id] = out;
    for (let i = 0; i < n; i++) {
      const v = block[i][col] ?? null;
      if (v === null || (typeof v === "string" && v.trim() === "")) {
        if (field.blankOk) out[i] = NaN;
        else add(i, field, col, "blank", v);
        continue;
      }
      if (field.kind === "date") {
        const d = asDate(v);
        if (d === undefined) add(i, field, col, "notDate", v);
        else if (ctx.asOf !== undefined && field.notAfterAsOf && d > ctx.asOf) add(i, field, col, "afterAsOf", v, serialToIso(ctx.asOf), serialToIso(d));
        else out[i] = d;
        continue;
      }
      if (typeof v !== "number" || !Number.isFinite(v)) {
        add(i, field, col, "notNumber", v);
        continue;
      }
      if (field.kind === "rate" && (v < 0 || v > 1)) add(i, field, col, "outOfRange", v, "0..1 (10% = 0.1)");
      else if (field.kind === "rating" && (v < 0 || v > scaleMax)) add(i, field, col, "outOfRange", v, `0..${scaleMax}`);
      else if (field.nonNegative && v < 0) add(i, field, col, "negative", v);
      else out[i] = v + 0;
    }
    if (field.kind === "number") {
      // The running total of magnitudes bounds every sum a workflow forms from this column.
      let magnitude = 0;
      for (let i = 0; i < n; i++) {
        if (!ok[i] || Number.isNaN(out[i])) continue;
        const next = magnitude + Math.abs(out[i]);
        if (next > SUMMABLE_LIMIT) add(i, field, col, "overflow", block[i][col] ?? null);
        else magnitude = next;
      }
    }
  }

  problems.sort((a, b) => a.row - b.row || a.column.length - b.column.length || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  const badRows: number[] = [];
  for (let i = 0; i < n; i++) if (!ok[i]) badRows.push(ctx.firstRow + i);
  return { report: { rows: n, problems, counts, badRows }, table: { rows: n, ok, ids, numbers } };
}

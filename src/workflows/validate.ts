/**
 * Validation of a source table before anything is written: every problem with its sheet row
 * number, column letter and kind, and the parsed columns of the rows that have none. Pure: the
 * engine reads the cells, this decides about them.
 */
import { serialToIso } from "../core/dates";
import { DayMonthOrder, decideDayMonthOrder, idKey, isErrorText, parseDateText, readDateCell, readNumberText } from "../core/text-values";
import type { Language } from "../core/labels";
import { columnLetter } from "../workbook/address";
import { type Steps, stepsToEnd } from "../workbook/slices";
import type { Block, CellValue } from "../workbook/types";
import type { ColumnMapping, DateOrderQuestion, FieldId, FieldSpec, IdVariant, Problem, ProblemKind, ValidationReport } from "./types";

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
  /** Rows that are not customers (source-shape): neither read nor problems. */
  skip?: Uint8Array;
  /** The person's answer for the day/month order of year-last dates, per date field. */
  dateOrders?: Partial<Record<FieldId, DayMonthOrder>>;
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
  /** Texts of the "text" fields, trimmed; null where blank or an error. */
  texts?: Partial<Record<FieldId, (string | null)[]>>;
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
  errorValue: { zh: (f, v) => `${f}是错误值 ${v}`, en: (f, v) => `${f} is an error value ${v}` },
  dateOrder: { zh: (f, v) => `${f} ${v} 的日月顺序不明：请为该列选择“日/月/年”或“月/日/年”`, en: (f, v) => `${f} ${v}: day/month order unclear; choose day-first or month-first for the column` },
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

/**
 * Sums of a number column must stay finite: the amount that takes the running total of
 * magnitudes past the largest double is flagged on its own row (that total bounds every sum a
 * workflow forms from the column). Figures derived further (CLV = margin × factor) are guarded
 * again before writing (plan.nonFinitePart).
 */
export const SUMMABLE_LIMIT = Number.MAX_VALUE;

export function validateTable(block: Block, ctx: ValidationContext): Validation {
  return stepsToEnd(validationSteps(block, ctx));
}

/** Rows a step of validationSteps reads between two yields. */
const ROWS_PER_STEP = 1_024;

/** validateTable as steps of ROWS_PER_STEP rows, for the page to run in slices (stepsInSlices). */
export function* validationSteps(block: Block, ctx: ValidationContext): Steps<Validation> {
  const n = block.length;
  const lang = ctx.language;
  const skip = ctx.skip;
  const ok = new Uint8Array(n).fill(1);
  if (skip) for (let i = 0; i < n; i++) if (skip[i]) ok[i] = 0;
  const problems: Problem[] = [];
  const counts: Partial<Record<ProblemKind, number>> = {};
  const scaleMax = ctx.scaleMax ?? 5;
  const ids: (string | number)[] = new Array(n);
  const numbers: Partial<Record<FieldId, Float64Array>> = {};
  const texts: Partial<Record<FieldId, (string | null)[]>> = {};
  const readFromText: Partial<Record<FieldId, number>> = {};
  const dateOrders: DateOrderQuestion[] = [];
  const idVariants: IdVariant[] = [];

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
  const isBlank = (v: CellValue) => v === null || (typeof v === "string" && v.trim() === "");
  const fromText = (field: FieldSpec) => (readFromText[field.id] = (readFromText[field.id] ?? 0) + 1);

  for (const field of ctx.fields) {
    const col = ctx.mapping[field.id];
    if (col === undefined) continue;
    if (field.kind === "id") {
      // Keyed folded: "C001 " and "Ｃ００１" are customer C001 (flagged); an error cell is never a customer.
      const seen = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
        if (skip?.[i]) continue;
        const v = block[i][col] ?? null;
        if (isBlank(v)) {
          add(i, field, col, "blank", v);
          continue;
        }
        if (isErrorText(v)) {
          add(i, field, col, "errorValue", v);
          continue;
        }
        const raw = typeof v === "boolean" ? String(v).toUpperCase() : (v as string | number);
        const key = idKey(raw);
        ids[i] = typeof raw === "number" ? raw : key;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, i);
          continue;
        }
        const firstValue = block[first][col] as string | number;
        if (firstValue !== raw && typeof raw === "string") idVariants.push({ row: ctx.firstRow + i, column: columnLetter(ctx.firstColumn + col), value: raw, sameAs: ctx.firstRow + first, sameAsValue: firstValue });
        if (ctx.uniqueIds) add(i, field, col, "duplicateId", v, String(ctx.firstRow + first));
      }
      continue;
    }
    if (field.kind === "text") {
      const out = new Array<string | null>(n).fill(null);
      for (let i = 0; i < n; i++) {
        const v = block[i][col] ?? null;
        if (skip?.[i] || isBlank(v) || isErrorText(v)) continue;
        out[i] = typeof v === "boolean" ? String(v).toUpperCase() : String(v).trim();
      }
      texts[field.id] = out;
      continue;
    }
    const out = new Float64Array(n);
    numbers[field.id] = out;
    let order: DayMonthOrder | undefined;
    let undecided = false;
    if (field.kind === "date") {
      order = ctx.dateOrders?.[field.id];
      if (!order) {
        const column: CellValue[] = [];
        for (let i = 0; i < n; i++) if (!skip?.[i]) column.push(block[i][col] ?? null);
        yield;
        const decision = decideDayMonthOrder(column);
        order = decision.order;
        undecided = decision.undecided;
        if (undecided) dateOrders.push({ field: field.id, column: columnLetter(ctx.firstColumn + col), examples: decision.examples, rows: 0 });
      }
    }
    for (let i = 0; i < n; i++) {
      if (i % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      if (skip?.[i]) continue;
      const v = block[i][col] ?? null;
      if (isBlank(v)) {
        if (field.blankOk) out[i] = NaN;
        else add(i, field, col, "blank", v);
        continue;
      }
      if (isErrorText(v)) {
        add(i, field, col, "errorValue", v);
        continue;
      }
      if (field.kind === "date") {
        const d = readDateCell(v, order);
        if (d && "undecided" in d) {
          // Without an answer, every year-last date of an undecided column waits for it.
          add(i, field, col, "dateOrder", v);
          dateOrders[dateOrders.length - 1].rows++;
        } else if (d === undefined) add(i, field, col, "notDate", v);
        else if (undecided && typeof v === "string" && parseDateText(v)?.kind === "dayMonth") {
          add(i, field, col, "dateOrder", v);
          dateOrders[dateOrders.length - 1].rows++;
        } else if (ctx.asOf !== undefined && field.notAfterAsOf && Math.floor(d.serial) > Math.floor(ctx.asOf)) add(i, field, col, "afterAsOf", v, serialToIso(ctx.asOf), serialToIso(d.serial));
        else {
          out[i] = d.serial;
          if (d.fromText) fromText(field);
        }
        continue;
      }
      let x: number;
      if (typeof v === "number") x = v;
      else if (typeof v === "string") {
        const read = readNumberText(v, { percent: field.kind === "rate" });
        if (read === undefined) {
          add(i, field, col, "notNumber", v);
          continue;
        }
        x = read;
      } else {
        add(i, field, col, "notNumber", v);
        continue;
      }
      if (!Number.isFinite(x)) {
        add(i, field, col, "notNumber", v);
        continue;
      }
      if (field.kind === "rate" && (x < 0 || x > 1)) add(i, field, col, "outOfRange", v, "0..1 (10% = 0.1)");
      else if (field.kind === "rating" && (x < 0 || x > scaleMax)) add(i, field, col, "outOfRange", v, `0..${scaleMax}`);
      else if (field.nonNegative && x < 0) add(i, field, col, "negative", v);
      else {
        out[i] = x + 0;
        if (typeof v === "string") fromText(field);
      }
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

  yield;
  problems.sort((a, b) => a.row - b.row || a.column.length - b.column.length || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  const badRows: number[] = [];
  for (let i = 0; i < n; i++) if (!ok[i] && !skip?.[i]) badRows.push(ctx.firstRow + i);
  const report: ValidationReport = { rows: n, problems, counts, badRows };
  if (Object.keys(readFromText).length > 0) report.readFromText = readFromText;
  if (dateOrders.length > 0) report.dateOrders = dateOrders;
  if (idVariants.length > 0) report.idVariants = idVariants;
  return { report, table: Object.keys(texts).length > 0 ? { rows: n, ok, ids, numbers, texts } : { rows: n, ok, ids, numbers } };
}

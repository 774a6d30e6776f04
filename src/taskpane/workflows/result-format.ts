/** How the pane shows result figures: whole numbers grouped, fractions as percentages where the name says share or rate. */
import { Language } from "../../core/labels";
import { formatValue } from "../../workbook/number-format";
import type { SummaryTable } from "../../workflows/types";

// Number.toLocaleString builds a new Intl.NumberFormat on every call (~0.3 ms each on a slowed-down
// page: a summary of a few hundred figures took 150 ms to render); one per locale and style is kept.
const formats = new Map<string, Intl.NumberFormat>();
/** The fraction digits (fewest, most) of each kind of figure. */
const DIGITS = { percent: [0, 1], whole: [0, 3], small: [0, 4], amount: [2, 2] } as const;
function numberFormat(locale: string, kind: keyof typeof DIGITS): Intl.NumberFormat {
  const key = `${locale} ${kind}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: DIGITS[kind][0], maximumFractionDigits: DIGITS[kind][1] })));
  return f;
}

const localeOf = (language: Language) => (language === "zh" ? "zh-CN" : "en-US");

/**
 * Builds the formats the figures use ahead of time. The first Intl.NumberFormat of a page loads
 * its locale's data: 65 ms of a slowed-down page's longest task when a run's summary first showed.
 */
export function prepareFigureFormats(language: Language): void {
  const locale = localeOf(language);
  for (const kind of Object.keys(DIGITS) as (keyof typeof DIGITS)[]) numberFormat(locale, kind).format(1.5);
}

export function formatFigure(value: number | string, language: Language, key = ""): string {
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value)) return String(value);
  const locale = localeOf(language);
  if (/share|rate|percent|ratio|占比|比例|率|%/i.test(key) && Math.abs(value) <= 1) return `${numberFormat(locale, "percent").format(value * 100)}%`;
  if (Number.isInteger(value)) return numberFormat(locale, "whole").format(value);
  return Math.abs(value) < 1 ? numberFormat(locale, "small").format(value) : numberFormat(locale, "amount").format(value);
}

/** A figure of the summary table as the summary sheet shows it (its number format), else as the pane shows figures. */
export function summaryCell(summary: SummaryTable, row: number, column: number, language: Language): string {
  const value = summary.rows[row][column];
  const format = summary.formats?.[column];
  return format && typeof value === "number" ? formatValue(value, format) : formatFigure(value, language, summary.headers[column]);
}

/** How the pane shows result figures: whole numbers grouped, fractions as percentages where the name says share or rate. */
import { Language } from "../../core/labels";
import { formatValue } from "../../workbook/number-format";
import type { SummaryTable } from "../../workflows/types";

export function formatFigure(value: number | string, language: Language, key = ""): string {
  if (typeof value !== "number") return value;
  if (!Number.isFinite(value)) return String(value);
  const locale = language === "zh" ? "zh-CN" : "en-US";
  if (/share|rate|percent|ratio|占比|比例|率|%/i.test(key) && Math.abs(value) <= 1) return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  if (Number.isInteger(value)) return value.toLocaleString(locale);
  return value.toLocaleString(locale, { minimumFractionDigits: Math.abs(value) < 1 ? 0 : 2, maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2 });
}

/** A figure of the summary table as the summary sheet shows it (its number format), else as the pane shows figures. */
export function summaryCell(summary: SummaryTable, row: number, column: number, language: Language): string {
  const value = summary.rows[row][column];
  const format = summary.formats?.[column];
  return format && typeof value === "number" ? formatValue(value, format) : formatFigure(value, language, summary.headers[column]);
}

/**
 * Display text of a cell for the preview grid: the handful of number formats the add-in writes
 * (and the common ones in people's files), not a full Excel format engine. Unknown formats fall
 * back to General.
 */
import { serialToIso } from "../core/dates";
import type { CellValue } from "./types";

function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-9 || abs >= 1e11)) return n.toExponential(5).replace(/\.?0+e/, "e");
  // Excel's General shows at most ~11 significant characters.
  return String(Number(n.toPrecision(10)));
}

function grouped(text: string): string {
  const [int, frac] = text.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  const withCommas = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + withCommas + (frac !== undefined ? `.${frac}` : "");
}

const DATE_FORMAT = /^(yyyy|yy)[-/.]m{1,2}[-/.]d{1,2}$|^m{1,2}\/d{1,2}\/yy(yy)?$|^yyyy"年"m"月"d"日"$/i;

export function formatValue(value: CellValue, numberFormat: string | undefined): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "#NUM!";
  const fmt = (numberFormat ?? "General").trim();
  if (fmt === "" || /^general$/i.test(fmt) || fmt === "@") return general(value);
  if (DATE_FORMAT.test(fmt) || /^yyyy-mm-dd/i.test(fmt)) return value >= 0 && value < 2_958_466 ? serialToIso(value) : general(value);
  const percent = /^0(?:\.(0+))?%$/.exec(fmt);
  if (percent) return `${(value * 100).toFixed(percent[1]?.length ?? 0)}%`;
  const fixed = /^(#,##)?0(?:\.(0+))?$/.exec(fmt);
  if (fixed) {
    const text = value.toFixed(fixed[2]?.length ?? 0);
    return fixed[1] ? grouped(text) : text;
  }
  return general(value);
}

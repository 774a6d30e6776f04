/**
 * Text that is plainly a number or a date, as sales and ERP systems export it: "12,269.43",
 * "¥1151.29", " 25 ", "１２３", "(1,234.00)", "1,234.00-" (SAP), "12%" where a rate is expected;
 * "2024/3/5", "2024-3-5", "2024.3.5", "2024年3月5日", "20240305", with or without a valid time.
 * Anything less plain stays unread (undefined): the caller reports it as a problem. Pure.
 *
 * Dates whose year comes last ("03/05/2024") may be day/month or month/day: one cell cannot say,
 * a column usually can (some day is over 12). decideDayMonthOrder looks at the whole column.
 */
import { MAX_SERIAL, isoToSerial } from "./dates";

export type DayMonthOrder = "dmy" | "mdy";

/** Full-width forms to ASCII (NFKC: "１２３" → "123", "￥" → "¥", U+3000 → space), no-break spaces to spaces, trimmed. */
export function foldText(text: string): string {
  return text.normalize("NFKC").replace(/[\u00a0\u2007\u202f]/g, " ").trim();
}

const CURRENCY_BEFORE = /^(?:¥|\$|US\$|RMB|CNY|USD)\s*/i;
const CURRENCY_AFTER = /\s*(?:元|RMB|CNY|USD)$/i;
const PLAIN = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?$|^\.\d+$/i;

/**
 * The number a text plainly is, or undefined. `percent`: "12%" reads as 0.12 (only where a rate
 * is expected; elsewhere a percent is not plainly the number the column wants).
 */
export function readNumberText(text: string, options: { percent?: boolean } = {}): number | undefined {
  let s = foldText(text);
  if (s === "") return undefined;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  const sign = () => {
    if (/^[-\u2212]/.test(s)) {
      if (negative) return false;
      negative = true;
      s = s.slice(1).trim();
    } else if (s.startsWith("+")) s = s.slice(1).trim();
    return true;
  };
  if (!sign()) return undefined;
  s = s.replace(CURRENCY_BEFORE, "");
  if (!sign()) return undefined;
  s = s.replace(CURRENCY_AFTER, "");
  // SAP and some ledgers put the minus after the amount.
  if (/[-\u2212]$/.test(s)) {
    if (negative) return undefined;
    negative = true;
    s = s.slice(0, -1).trim();
  }
  let percent = false;
  if (s.endsWith("%")) {
    if (!options.percent) return undefined;
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (!PLAIN.test(s)) return undefined;
  const digits = s.replace(/,/g, "");
  // "12.5" "e-2": the double nearest to the decimal 0.125, not 12.5 / 100 rounded twice.
  const value = Number(percent ? `${digits}e-2` : digits);
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value + 0;
}

/** What a date text says: a date, or a day and month in an order only the column can decide. */
export type DateText =
  | { kind: "date"; serial: number }
  | { kind: "dayMonth"; first: number; second: number; year: number; time: number };

const TIME = String.raw`(?:(?:\s+|T)(\d{1,2})(?::|时)(\d{2})(?:(?::|分)(\d{2})(?:\.\d+)?秒?)?分?(?:\s*([AaPp][Mm]))?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const CHINESE = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);

/** The day fraction of a time, or undefined when it is no time of day (25:00, 10:61, 13 PM). */
function timeOf(h?: string, m?: string, s?: string, ampm?: string): number | undefined {
  if (h === undefined) return 0;
  let hour = Number(h);
  const minute = Number(m);
  const second = Number(s ?? 0);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return (hour * 3600 + minute * 60 + second) / 86_400;
}

/** The serial of a calendar date (1900 or later), or undefined for an impossible one (2024-02-30). */
export function dateSerial(year: number, month: number, day: number): number | undefined {
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const serial = isoToSerial(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  return serial !== undefined && serial >= 1 && serial <= MAX_SERIAL ? serial : undefined;
}

function withTime(serial: number | undefined, time: number | undefined): number | undefined {
  return serial === undefined || time === undefined ? undefined : serial + time;
}

/** What a text says as a date (see DateText), or undefined when it is not plainly one. */
export function parseDateText(text: string): DateText | undefined {
  const s = foldText(text);
  let m = YEAR_FIRST.exec(s);
  if (m) return asDate(withTime(dateSerial(+m[1], +m[3], +m[4]), timeOf(m[5], m[6], m[7], m[8])));
  m = CHINESE.exec(s);
  if (m) return asDate(withTime(dateSerial(+m[1], +m[2], +m[3]), timeOf(m[4], m[5], m[6], m[7])));
  m = COMPACT.exec(s);
  if (m) return asDate(dateSerial(+m[1], +m[2], +m[3]));
  m = YEAR_LAST.exec(s);
  if (m) {
    const time = timeOf(m[5], m[6], m[7], m[8]);
    if (time === undefined) return undefined;
    return { kind: "dayMonth", first: +m[1], second: +m[3], year: +m[4], time };
  }
  // An Excel serial written as text: five digits (1927..2173) or more, never a bare year like "2024".
  if (/^\d{5,7}(?:\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial <= MAX_SERIAL) return { kind: "date", serial };
  }
  return undefined;
}

function asDate(serial: number | undefined): DateText | undefined {
  return serial === undefined ? undefined : { kind: "date", serial };
}

/** The serial of a day/month text in a given order, or undefined when that order makes it impossible. */
export function dayMonthSerial(d: Extract<DateText, { kind: "dayMonth" }>, order: DayMonthOrder): number | undefined {
  const [day, month] = order === "dmy" ? [d.first, d.second] : [d.second, d.first];
  return withTime(dateSerial(d.year, month, day), d.time);
}

/** Whether a day/month text reads the same in both orders (05/05/2024) or only one fits. */
function fits(d: Extract<DateText, { kind: "dayMonth" }>): { dmy: boolean; mdy: boolean } {
  return { dmy: dayMonthSerial(d, "dmy") !== undefined, mdy: dayMonthSerial(d, "mdy") !== undefined };
}

export interface OrderDecision {
  /** The order the column shows (some day over 12 in one place only), when it shows one. */
  order?: DayMonthOrder;
  /** Day/month texts that read differently in the two orders and the column does not decide: ask the person. */
  undecided: boolean;
  /** Day/month texts in the column (for the question: up to three of them). */
  examples: string[];
}

/**
 * The day/month order of a column's year-last dates: "13/05/2024" somewhere says day first,
 * "05/13/2024" month first; with neither the order is undecided when some text reads differently
 * in the two orders, and with both it is undecided too (once the person picks one, the texts
 * that do not fit it stay problems).
 */
export function decideDayMonthOrder(values: readonly unknown[]): OrderDecision {
  let dmyOnly = false;
  let mdyOnly = false;
  let differs = false;
  const examples: string[] = [];
  for (const v of values) {
    if (typeof v !== "string") continue;
    const d = parseDateText(v);
    if (!d || d.kind !== "dayMonth") continue;
    const f = fits(d);
    if (f.dmy && !f.mdy) dmyOnly = true;
    else if (f.mdy && !f.dmy) mdyOnly = true;
    else if (f.dmy && f.mdy && d.first !== d.second) {
      differs = true;
      if (examples.length < 3) examples.push(v.trim());
    }
  }
  if (dmyOnly !== mdyOnly) return { order: dmyOnly ? "dmy" : "mdy", undecided: false, examples };
  // Both orders shown: the column is mixed; the person says which one it is, the rest stay problems.
  return { undecided: differs || (dmyOnly && mdyOnly), examples };
}

/**
 * A date from a cell: a serial (a date cell), yyyymmdd as a number (20240305), or plain date text.
 * `order` reads year-last texts; without it they read only when both orders agree (05/05/2024).
 * `fromText` says the value was converted (text or yyyymmdd), for the per-column count.
 */
export function readDateCell(value: unknown, order?: DayMonthOrder): { serial: number; fromText: boolean } | { undecided: true } | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    if (value >= 0 && value <= MAX_SERIAL) return { serial: value, fromText: false };
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 99_991_231) {
      const serial = dateSerial(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
      return serial === undefined ? undefined : { serial, fromText: true };
    }
    return undefined;
  }
  if (typeof value !== "string") return undefined;
  const d = parseDateText(value);
  if (!d) return undefined;
  if (d.kind === "date") return { serial: d.serial, fromText: true };
  if (order) {
    const serial = dayMonthSerial(d, order);
    return serial === undefined ? undefined : { serial, fromText: true };
  }
  const f = fits(d);
  if (f.dmy && f.mdy && d.first !== d.second) return { undecided: true };
  const serial = dayMonthSerial(d, f.dmy ? "dmy" : "mdy");
  return serial === undefined ? undefined : { serial, fromText: true };
}

/** Excel's error values as cells read them ("#N/A", "#DIV/0!"…): never a customer, never a number. */
export function isErrorText(value: unknown): boolean {
  return typeof value === "string" && /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/.test(value.trim());
}

/** The key a customer id is compared by: full-width folded and trimmed ("Ｃ００１ " and "C001" are one customer). */
export function idKey(value: string | number): string {
  if (typeof value === "number") return String(value);
  return /^[!-~]+$/.test(value) ? value : foldText(value);
}

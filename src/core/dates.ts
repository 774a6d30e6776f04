/**
 * Excel date serial numbers (1900 date system): serial 1 is 1900-01-01, and Excel counts the
 * fictitious 1900-02-29, so from 1900-03-01 on serial = days since 1899-12-30.
 */
import { valueError } from "./errors";

const MS_PER_DAY = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** The largest date Excel shows: 9999-12-31. */
export const MAX_SERIAL = 2_958_465;
/** The first date of the 1900 date system, 1900-01-01; anything earlier is not an Excel date. */
export const MIN_SERIAL = 1;

/** Whether a number is a date serial Excel can show: 1900-01-01 up to the end of 9999-12-31. */
export function isSerial(value: number): boolean {
  return Number.isFinite(value) && value >= MIN_SERIAL && value < MAX_SERIAL + 1;
}

/** The serial number of an ISO date text (2024-03-31, optionally with a time), or undefined. */
export function isoToSerial(text: string): number | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  // Date.UTC rolls 2024-02-31 over into March; a date that rolls over is not a date.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  let serial = (ms - EPOCH_MS) / MS_PER_DAY;
  if (m[4] !== undefined) {
    const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    // 25:61 would silently roll into the next day: an impossible time is not a time.
    if (h > 23 || min > 59 || sec > 59) return undefined;
    serial += (h * 3600 + min * 60 + sec) / 86_400;
  }
  if (serial < 61) serial -= 1; // before 1900-03-01 Excel has no phantom leap day yet
  return isSerial(serial) ? serial : undefined;
}

/** ISO text (yyyy-mm-dd) of a serial number's date part. */
export function serialToIso(serial: number): string {
  let whole = Math.floor(serial);
  if (whole < 61) whole += 1;
  return new Date(EPOCH_MS + whole * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A serial as ISO text for messages: the date, and its time of day when it has one (2024-03-31 14:05, seconds when not whole minutes). */
export function serialToIsoDateTime(serial: number): string {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 0 || seconds === 86_400) return serialToIso(seconds === 0 ? serial : Math.floor(serial) + 1);
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}`;
  return `${serialToIso(serial)} ${seconds % 60 === 0 ? time : `${time}:${two(seconds % 60)}`}`;
}

/** The serial number of a JavaScript Date, read in UTC. */
export function dateToSerial(date: Date): number {
  const serial = (date.getTime() - EPOCH_MS) / MS_PER_DAY;
  return serial < 61 ? serial - 1 : serial;
}

/**
 * A date argument: a serial number or ISO text. `what` names the argument for the message.
 * Throws #VALUE! for anything else.
 */
export function toSerial(value: unknown, what: string): number {
  if (typeof value === "number" && Number.isFinite(value)) {
    if (!isSerial(value)) throw valueError(`${what}: ${value} is not a date serial number (${MIN_SERIAL} = 1900-01-01 .. ${MAX_SERIAL} = 9999-12-31)`);
    return value;
  }
  if (value === "" || value === null || value === undefined) throw valueError(`${what} is blank`);
  if (typeof value === "string") {
    const s = isoToSerial(value);
    if (s !== undefined) return s;
    if (ISO_DATE.test(value.trim())) throw valueError(`${what}: "${value}" is not a date: no such date or time (dates run from 1900-01-01 to 9999-12-31, times up to 23:59:59)`);
    throw valueError(`${what}: "${value}" is not a date (use a date cell or ISO text such as 2024-03-31)`);
  }
  if (value instanceof Date) return dateToSerial(value);
  throw valueError(`${what}: ${String(value)} is not a date`);
}

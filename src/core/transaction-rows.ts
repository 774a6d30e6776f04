/**
 * The rules for one transaction row, as CRM.RFMTABLE and every reader of transactions apply them
 * (REPEATSUMMARY, the accumulator files stream through, the predict workflow): a customer id, a
 * date not after as_of, an amount; each bad cell a #VALUE! naming its row.
 */
import { isBlankText } from "./columns";
import { isSerial, serialToIso, serialToIsoDateTime, toSerial } from "./dates";
import { valueError } from "./errors";

/** A customer id as given: a number or a non-blank text. */
export type CustomerId = number | string;

function describe(value: unknown): string {
  if (typeof value === "string") return `the text "${value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** A row's customer id, or a #VALUE! naming the row. */
export function customerId(value: unknown, row: number): CustomerId {
  if (typeof value === "number" && Number.isFinite(value)) return value + 0;
  if (typeof value === "string" && !isBlankText(value)) return value;
  if (value === null || value === undefined || typeof value === "string") throw valueError(`customer_ids row ${row} is blank`);
  throw valueError(`customer_ids row ${row}: ${describe(value)} is not a customer id`);
}

/** Parsed date texts of one call: transactions repeat the same few hundred days. */
export type DateTexts = Map<string, number>;

/**
 * A row's transaction date as a serial (its time of day kept), or a #VALUE! naming the row. A
 * transaction is after asOf when its day is ("a transaction dated after as_of"): an order at
 * 10:00 today is not after =TODAY(), nor one this morning after =NOW().
 */
export function transactionDate(value: unknown, row: number, asOf: number, texts: DateTexts): number {
  let serial: number | undefined;
  if (typeof value === "number" && isSerial(value)) serial = value;
  else if (typeof value === "string" && value !== "") {
    serial = texts.get(value);
    if (serial === undefined) texts.set(value, (serial = toSerial(value, `dates row ${row}`)));
  } else if (value === null || value === undefined || value === "") throw valueError(`dates row ${row} is blank`);
  else serial = toSerial(value, `dates row ${row}`);
  if (serial >= Math.floor(asOf) + 1) throw valueError(`dates row ${row}: the transaction date ${serialToIsoDateTime(serial)} is after as_of ${serialToIso(asOf)}`);
  return serial;
}

/** A row's amount, or a #VALUE! naming the row. */
export function amount(value: unknown, row: number): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value === null || value === undefined || value === "") throw valueError(`amounts row ${row} is blank`);
  throw valueError(`amounts row ${row} must be a number, not ${describe(value)}`);
}

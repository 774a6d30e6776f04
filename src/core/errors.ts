/**
 * Errors of the pure layer. Core code never touches Excel: it throws (or returns, per row) a
 * CrmError carrying the Excel error code the contract names, and the functions layer turns it
 * into an Excel error through a single adapter.
 */
export type ErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!" | "#N/A";

export class CrmError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "CrmError";
    this.code = code;
  }
}

/** Wrong type or shape of an argument. */
export function valueError(message: string): CrmError {
  return new CrmError("#VALUE!", message);
}

/** A number out of its allowed range. */
export function numError(message: string): CrmError {
  return new CrmError("#NUM!", message);
}

/**
 * A figure beyond the largest number Excel holds (±1.8E308): `what` names the argument whose
 * values are too large, so the person knows what to look at.
 */
export function overflowError(what: string): CrmError {
  return new CrmError("#NUM!", `${what}: the result is beyond the largest number Excel holds (±1.8E308)`);
}

/** The value when finite, else the overflow error naming `what`. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw overflowError(what);
  return value;
}

export function divError(message: string): CrmError {
  return new CrmError("#DIV/0!", message);
}

/** A per-row result: the value, or the error that row alone gets in a spilled result. */
export type Cell<T> = T | CrmError;

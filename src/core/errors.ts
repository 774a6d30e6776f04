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

export function divError(message: string): CrmError {
  return new CrmError("#DIV/0!", message);
}

/** A per-row result: the value, or the error that row alone gets in a spilled result. */
export type Cell<T> = T | CrmError;

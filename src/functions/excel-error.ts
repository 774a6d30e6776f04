/**
 * The one adapter between core errors and Excel error values. In Excel (and in fxeval) the
 * runtime provides CustomFunctions.Error; in the browser preview it does not, so an object with
 * the same `code` and `message` stands in and the task pane renders it as an error cell.
 */
import { CrmError, ErrorCode, valueError } from "../core/errors";

const ERROR_CODE_KEYS: Record<ErrorCode, string> = {
  "#VALUE!": "invalidValue",
  "#NUM!": "invalidNumber",
  "#DIV/0!": "divisionByZero",
  "#N/A": "notAvailable",
};

/** Stand-in for CustomFunctions.Error where the runtime has none (the preview, unit tests). */
export class ExcelErrorValue extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

interface CustomFunctionsRuntime {
  Error?: new (code: unknown, message?: string) => Error;
  ErrorCode?: Record<string, unknown>;
}

export function toExcelError(error: CrmError): Error {
  const runtime = (globalThis as unknown as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  const code = runtime?.ErrorCode?.[ERROR_CODE_KEYS[error.code]];
  if (runtime?.Error && code !== undefined) return new runtime.Error(code, error.message);
  return new ExcelErrorValue(error.code, error.message);
}

/** Anything thrown below a custom function, as an Excel error: no exception escapes to Excel. */
export function asExcelError(thrown: unknown): Error {
  if (thrown instanceof CrmError) return toExcelError(thrown);
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return toExcelError(valueError(`internal error: ${message}`));
}

/** The code of an Excel error value produced by this adapter (for tests and the task pane). */
export function errorCodeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("#") ? code : undefined;
}

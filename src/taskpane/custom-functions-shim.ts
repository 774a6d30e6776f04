/**
 * Outside Excel's runtime (the browser preview) there is no CustomFunctions object, yet the
 * function modules end with CustomFunctions.associate calls added at build time. This stand-in
 * lets them load there; in Excel the real object is present and this does nothing.
 * It must be imported before anything that imports src/functions.
 */
import { ExcelErrorValue } from "../functions/excel-error";

const root = globalThis as { CustomFunctions?: unknown };
if (typeof root.CustomFunctions === "undefined") {
  root.CustomFunctions = {
    associate: () => undefined,
    Error: ExcelErrorValue,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  };
}

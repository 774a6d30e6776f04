/**
 * Plain Excel functions (SUM, ROUND, COUNTIF, VLOOKUP, MAXIFS, …) from @formulajs/formulajs
 * (MIT), called the way Excel calls them: blank cells of a range as empty, an error argument as
 * the result, a one-cell reference as its value where the function wants one value, and a range
 * given to a one-value function (ABS(B5:B9-C5:C9) inside SUMPRODUCT) lifted cell by cell.
 * What is ours is only that calling convention; the functions are the library's.
 *
 * Why formulajs (chosen 2026-12, issue 13): MIT, offline, maintained (4.6.x), and every plain
 * function the exercise workbook uses comes out as LibreOffice computes it (test/unit/
 * exercises-libreoffice.test.ts). HyperFormula is GPL-3.0. fast-formula-parser's functions (MIT,
 * last release 1.0.19) lack MAX/MIN/SMALL/LARGE/MATCH/SUMIFS/MAXIFS and gave wrong results here
 * (COUNTIF over a mixed range, blank="" FALSE, INDEX of a row, no range arithmetic); only its
 * grammar is used (src/explorer/formula.ts). IronCalc
 * (MIT/Apache-2.0, wasm) cannot call JavaScript functions, so no CRM.*. @univerjs/engine-formula
 * (Apache-2.0, custom functions) needs Univer's whole runtime and did not install from the registry
 * (1.0.0 wants a missing @univerjs/protocol@1.0.0; 0.25.2 a missing @univerjs/rpc@0.25.2).
 */
import * as formulajs from "@formulajs/formulajs";
import { dateToSerial } from "../core/dates";
import { Cell, FormulaError, Value } from "../explorer/formula";
import { matchWildcards } from "./wildcards";

const isBlock = (v: Value | undefined): v is Cell[][] => Array.isArray(v);

type LibraryFunction = (...args: unknown[]) => unknown;

/** The argument positions that take a range (kept as a block even when it is one cell). */
const RANGE_ARGUMENTS: Record<string, (index: number) => boolean> = {
  COUNTIF: (i) => i === 0,
  COUNTIFS: (i) => i % 2 === 0,
  SUMIF: (i) => i !== 1,
  SUMIFS: (i) => i === 0 || i % 2 === 1,
  AVERAGEIF: (i) => i !== 1,
  AVERAGEIFS: (i) => i === 0 || i % 2 === 1,
  MAXIFS: (i) => i === 0 || i % 2 === 1,
  MINIFS: (i) => i === 0 || i % 2 === 1,
  INDEX: (i) => i === 0,
  VLOOKUP: (i) => i === 1,
  HLOOKUP: (i) => i === 1,
  MATCH: (i) => i === 1,
  LOOKUP: (i) => i >= 1,
  XLOOKUP: (i) => i === 1 || i === 2,
  SUMPRODUCT: () => true,
  LARGE: (i) => i === 0,
  SMALL: (i) => i === 0,
  RANK: (i) => i === 1,
  "RANK.EQ": (i) => i === 1,
  PERCENTILE: (i) => i === 0,
  QUARTILE: (i) => i === 0,
  MMULT: () => true,
  TRANSPOSE: () => true,
};

/** Functions of single values: given a range where one value goes, Excel computes cell by cell. */
const ONE_VALUE = new Set(["ABS", "ROUND", "ROUNDUP", "ROUNDDOWN", "INT", "TRUNC", "SQRT", "EXP", "LN", "LOG", "LOG10", "POWER", "MOD", "SIGN", "ISNUMBER", "ISTEXT", "ISBLANK", "LEN", "VALUE", "TEXT", "UPPER", "LOWER", "TRIM", "LEFT", "RIGHT", "MID", "YEAR", "MONTH", "DAY"]);

/**
 * Functions that read their ranges as lists of cells (row by row), whatever their shape: they get
 * each range as one row, since the library flattens an n-row range by joining rows one at a time
 * (quadratic: 100,000 rows took minutes); every range of a call is flattened alike, so SUMIFS's
 * ranges still line up cell for cell.
 */
const SHAPE_FREE = new Set(["SUM", "COUNT", "COUNTA", "COUNTBLANK", "AVERAGE", "AVERAGEA", "MAX", "MAXA", "MIN", "MINA", "PRODUCT", "SUMSQ", "MEDIAN", "STDEV", "STDEVP", "STDEV.S", "STDEV.P", "VAR", "VARP", "VAR.S", "VAR.P", "LARGE", "SMALL", "COUNTIF", "COUNTIFS", "SUMIF", "SUMIFS", "AVERAGEIF", "AVERAGEIFS", "MAXIFS", "MINIFS", "SUMPRODUCT", "AND", "OR", "RANK", "RANK.EQ", "PERCENTILE", "QUARTILE"]);

/**
 * Functions that count only the numbers of a range ("If an argument is an array or reference,
 * only numbers in that array or reference are counted"): the library's SUM, MAX… read a number
 * out of text ("800元" as 800), so their ranges reach them with text and TRUE/FALSE as blanks.
 * A text typed as an argument itself (SUM("3")) is still read as Excel does.
 */
const RANGE_NUMBERS_ONLY = new Set(["SUM", "AVERAGE", "MAX", "MIN", "PRODUCT", "SUMSQ", "MEDIAN", "STDEV", "STDEVP", "STDEV.S", "STDEV.P", "VAR", "VARP", "VAR.S", "VAR.P", "LARGE", "SMALL", "PERCENTILE", "PERCENTILE.INC", "PERCENTILE.EXC", "QUARTILE", "QUARTILE.INC", "QUARTILE.EXC", "MODE", "MODE.SNGL", "GEOMEAN", "HARMEAN"]);

/** Functions whose own business is error values: they see them instead of returning them. */
const SEE_ERRORS = new Set(["ISERROR", "ISERR", "ISNA", "ERROR.TYPE", "IFERROR", "IFNA"]);

/** Excel's numbers of the error values (ERROR.TYPE). */
const ERROR_TYPE: Record<string, number> = { "#NULL!": 1, "#DIV/0!": 2, "#VALUE!": 3, "#REF!": 4, "#NAME?": 5, "#NUM!": 6, "#N/A": 7, "#GETTING_DATA": 8 };

/**
 * The tests of an error value: the library's compare with its own error objects, which an error
 * of a formula is not (ISERROR(NA()) was FALSE).
 */
const ERROR_TESTS: Record<string, (c: Cell) => Cell> = {
  ISERROR: (c) => c instanceof FormulaError,
  ISERR: (c) => c instanceof FormulaError && c.code !== "#N/A",
  ISNA: (c) => c instanceof FormulaError && c.code === "#N/A",
  "ERROR.TYPE": (c) => (c instanceof FormulaError && ERROR_TYPE[c.code] !== undefined ? ERROR_TYPE[c.code] : new FormulaError("#N/A", "ERROR.TYPE of a value that is no error")),
};

/** The library function for a name: "ROUND", "NORM.DIST" (a nested export), "_xlfn.MAXIFS". */
export function libraryFunction(name: string): LibraryFunction | undefined {
  const path = name.replace(/^_xlfn\./i, "").toUpperCase().split(".");
  let at: unknown = formulajs;
  for (const part of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === "function" ? (at as LibraryFunction) : undefined;
}

const ERROR_CODES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"];

/** A library result as a cell: its Error objects as Excel errors, dates as serial numbers. */
function cellOf(name: string, v: unknown): Cell {
  if (v instanceof FormulaError) return v;
  if (v instanceof Error) {
    const code = ERROR_CODES.find((c) => c === v.message) ?? "#VALUE!";
    return new FormulaError(code, `${name}: ${code}`);
  }
  if (v instanceof Date) return dateToSerial(v);
  if (v === null || v === undefined) return 0;
  if (typeof v === "number") return Number.isFinite(v) ? v : new FormulaError("#NUM!", `${name}: the result is not a finite number`);
  if (typeof v === "string" || typeof v === "boolean") return v;
  return new FormulaError("#VALUE!", `${name}: an unexpected result`);
}

function resultOf(name: string, v: unknown): Value {
  if (Array.isArray(v)) {
    const rows = (v as unknown[]).map((r) => (Array.isArray(r) ? r : [r]).map((c) => cellOf(name, c)));
    return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows;
  }
  return cellOf(name, v);
}

/** A block as the library reads ranges: blank cells null (and every cell that is not a number or an error, for `numbersOnly`). */
const libraryBlock = (b: Cell[][], numbersOnly = false) => b.map((row) => row.map((c) => (c === "" || (numbersOnly && (typeof c === "string" || typeof c === "boolean")) ? null : c)));

function firstError(v: Value | undefined): FormulaError | undefined {
  if (v === undefined) return undefined;
  if (!isBlock(v)) return v instanceof FormulaError ? v : undefined;
  for (const row of v) for (const c of row) if (c instanceof FormulaError) return c;
  return undefined;
}

/**
 * Calls the Excel function `name` with evaluated arguments (undefined for one left out), or
 * undefined when the library has no such function.
 */
export function callExcelFunction(name: string, args: readonly (Value | undefined)[]): Value | undefined {
  const upper = name.replace(/^_xlfn\./i, "").toUpperCase();
  const test = ERROR_TESTS[upper];
  if (test) {
    if (args.length !== 1 || args[0] === undefined) return new FormulaError("#VALUE!", `${upper} takes one value`);
    const a = args[0];
    return isBlock(a) ? a.map((row) => row.map(test)) : test(a);
  }
  const fn = libraryFunction(upper);
  if (!fn) return undefined;
  args = matchWildcards(upper, args);
  const keepsRange = RANGE_ARGUMENTS[upper];
  if (!SEE_ERRORS.has(upper)) {
    // Excel's lookups and counts read past errors in ranges they only search; every function
    // here gets no error in a value it computes with, so the first such error is the result.
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const searchedRange = keepsRange?.(i) && isBlock(a) && upper !== "SUMPRODUCT";
      const e = searchedRange ? undefined : firstError(a);
      if (e) return e;
    }
  }
  const lift = ONE_VALUE.has(upper) && args.some((a) => isBlock(a) && (a.length > 1 || a[0].length > 1));
  if (lift) {
    // Broadcast: a one-row or one-column block or a single value stretches over the others.
    const blocks = args.filter((a): a is Cell[][] => isBlock(a));
    const rows = Math.max(...blocks.map((b) => b.length));
    const cols = Math.max(...blocks.map((b) => b[0]?.length ?? 0));
    const at = (a: Value | undefined, r: number, c: number): unknown => {
      if (!isBlock(a)) return a === "" ? null : a;
      const row = a.length === 1 ? a[0] : a[r];
      const v = row?.[row.length === 1 ? 0 : c];
      if (v === undefined) return new Error("#N/A");
      return v === "" ? null : v;
    };
    const cellsOf = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => args.map((a) => at(a, r, c))));
    return cellsOf.map((row) => row.map((cellArgs) => single(resultOf(upper, callSafely(fn, cellArgs)))));
  }
  const prepared = args.map((a, i) => {
    if (a === undefined) return undefined;
    if (!isBlock(a)) return a === "" ? null : a;
    if (!keepsRange?.(i) && a.length === 1 && a[0].length === 1) return a[0][0] === "" ? null : a[0][0];
    const numbersOnly = RANGE_NUMBERS_ONLY.has(upper);
    if (SHAPE_FREE.has(upper) && a.length > 1) return [libraryBlock(a, numbersOnly).flat()];
    return libraryBlock(a, numbersOnly);
  });
  // INDEX(one row, n) picks the row's n-th cell in Excel; the library wants the column given.
  if (upper === "INDEX" && prepared.length === 2 && Array.isArray(prepared[0]) && (prepared[0] as unknown[]).length === 1) prepared.splice(1, 1, 1, prepared[1]);
  return resultOf(upper, callSafely(fn, prepared));
}

function single(v: Value): Cell {
  return isBlock(v) ? (v[0]?.[0] ?? new FormulaError("#VALUE!", "an empty result")) : v;
}

function callSafely(fn: LibraryFunction, args: unknown[]): unknown {
  try {
    return fn(...args);
  } catch (e) {
    return e instanceof Error ? e : new Error("#VALUE!");
  }
}

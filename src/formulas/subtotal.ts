/**
 * SUBTOTAL and AGGREGATE as Excel and LibreOffice compute them. The library's SUBTOTAL passes its
 * range to SUM, AVERAGE… as they are, so a grand total over two subtotals counted them twice, and
 * it read numbers out of text ("800元" as 800): the export fixture's grand total came out 6092.8
 * where LibreOffice shows 1334.5 (issue 13). Here:
 *   - a cell of a referenced range whose formula calls SUBTOTAL or AGGREGATE is left out (the
 *     nested totals; AGGREGATE only with options 0–3);
 *   - text, TRUE/FALSE and blanks in a range are left out, except by COUNTA (code 3 / 103);
 *   - an error value in a range is the result, except for COUNT (which passes it) and COUNTA
 *     (which counts it), and AGGREGATE with options 2, 3, 6, 7 (ignore errors);
 *   - MODE.SNGL with no number repeating is #N/A (the library gives a number).
 * The computing itself (SUM, STDEV.S, PERCENTILE.INC…) stays the library's, given the numbers.
 * Hidden rows are not known to the preview: 101–111 compute as 1–11 (nothing is hidden).
 */
import { Cell, FormulaError, Node, Value, isBlock, single } from "../explorer/formula";
import { callExcelFunction } from "./excel-functions";

/** The functions by code: SUBTOTAL takes 1–11 (and 101–111), AGGREGATE 1–19. */
const BY_CODE: Record<number, string> = {
  1: "AVERAGE",
  2: "COUNT",
  3: "COUNTA",
  4: "MAX",
  5: "MIN",
  6: "PRODUCT",
  7: "STDEV.S",
  8: "STDEV.P",
  9: "SUM",
  10: "VAR.S",
  11: "VAR.P",
  12: "MEDIAN",
  13: "MODE.SNGL",
  14: "LARGE",
  15: "SMALL",
  16: "PERCENTILE.INC",
  17: "QUARTILE.INC",
  18: "PERCENTILE.EXC",
  19: "QUARTILE.EXC",
};

/** Whether a formula (parsed) calls SUBTOTAL or AGGREGATE anywhere: such a cell is a nested total. */
export function callsTotal(node: Node): boolean {
  switch (node.kind) {
    case "call": {
      const name = node.name.replace(/^_xlfn\./i, "").toUpperCase();
      return name === "SUBTOTAL" || name === "AGGREGATE" || node.args.some(callsTotal);
    }
    case "unary":
    case "percent":
      return callsTotal(node.operand);
    case "binary":
      return callsTotal(node.left) || callsTotal(node.right);
    default:
      return false;
  }
}

/** Whether the cell at (row, column) of `sheet` (undefined: the formula's own) holds a nested total. */
export type NestedTotal = (sheet: string | undefined, row: number, column: number) => boolean;

const err = (code: string, message: string) => new FormulaError(code, message);

function codeOf(v: Value): number | FormulaError {
  const c = single(v);
  if (c instanceof FormulaError) return c;
  const n = typeof c === "number" ? c : typeof c === "string" && c.trim() !== "" ? Number(c) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : err("#VALUE!", "the function number is not a number");
}

interface Gathered {
  numbers: number[];
  /** Cells COUNTA counts (not blank). */
  filled: number;
  error?: FormulaError;
}

/** The cells of the reference arguments, without nested totals (when `skipNested`). */
function gather(args: readonly Node[], ev: (n: Node) => Value, nested: NestedTotal | undefined, skipNested: boolean, skipErrors: boolean): Gathered {
  const out: Gathered = { numbers: [], filled: 0 };
  const take = (c: Cell) => {
    if (c instanceof FormulaError) {
      if (!skipErrors) out.error ??= c;
      if (!skipErrors) out.filled++;
      return;
    }
    if (c === "") return;
    out.filled++;
    if (typeof c === "number") out.numbers.push(c);
  };
  for (const a of args) {
    if (a.kind === "missing") continue;
    const v = ev(a);
    if (!isBlock(v)) {
      take(v);
      continue;
    }
    const from = a.kind === "ref" ? a.from : undefined;
    v.forEach((row, i) =>
      row.forEach((c, j) => {
        if (skipNested && from && nested?.(a.kind === "ref" ? a.sheet : undefined, from.row + i, from.column + j)) return;
        take(c);
      }),
    );
  }
  return out;
}

function compute(code: number, g: Gathered, extra: Value | undefined): Value {
  const name = BY_CODE[code];
  if (name === "COUNTA") return g.filled;
  if (name === "COUNT") return g.numbers.length;
  if (g.error) return g.error;
  if ((name === "AVERAGE" || name.startsWith("STDEV") || name.startsWith("VAR")) && g.numbers.length < (name.endsWith(".S") ? 2 : 1)) return err("#DIV/0!", `${name} of too few numbers`);
  if (name === "PRODUCT" && g.numbers.length === 0) return 0;
  // The library gives a value where no number repeats; Excel says #N/A.
  if (name === "MODE.SNGL" && new Set(g.numbers).size === g.numbers.length) return err("#N/A", "MODE.SNGL: no number repeats");
  const args: Value[] = [[g.numbers]];
  if (extra !== undefined) args.push(extra);
  return callExcelFunction(name, args) ?? err("#NAME?", `${name} is not a known function`);
}

/** SUBTOTAL(function_num, ref1, [ref2], …). */
export function subtotal(args: readonly Node[], ev: (n: Node) => Value, nested: NestedTotal | undefined): Value {
  if (args.length < 2) return err("#VALUE!", "SUBTOTAL needs a function number and a range");
  const code = codeOf(ev(args[0]));
  if (code instanceof FormulaError) return code;
  const base = code > 100 ? code - 100 : code;
  if (base < 1 || base > 11) return err("#VALUE!", `SUBTOTAL has no function number ${code}`);
  return compute(base, gather(args.slice(1), ev, nested, true, false), undefined);
}

/** AGGREGATE(function_num, options, ref1, [ref2], …); for 14–19 AGGREGATE(function_num, options, array, k). */
export function aggregate(args: readonly Node[], ev: (n: Node) => Value, nested: NestedTotal | undefined): Value {
  if (args.length < 3) return err("#VALUE!", "AGGREGATE needs a function number, options and a range");
  const code = codeOf(ev(args[0]));
  if (code instanceof FormulaError) return code;
  if (code < 1 || code > 19) return err("#VALUE!", `AGGREGATE has no function number ${code}`);
  const options = args[1].kind === "missing" ? 0 : codeOf(ev(args[1]));
  if (options instanceof FormulaError) return options;
  if (options < 0 || options > 7) return err("#VALUE!", `AGGREGATE has no option ${options}`);
  const skipNested = options <= 3;
  const skipErrors = options === 2 || options === 3 || options === 6 || options === 7;
  const refs = code >= 14 ? args.slice(2, 3) : args.slice(2);
  let extra: Value | undefined;
  if (code >= 14) {
    if (args.length < 4 || args[3].kind === "missing") return err("#VALUE!", `AGGREGATE ${code} needs its k`);
    extra = single(ev(args[3]));
    if (extra instanceof FormulaError) return extra;
  }
  return compute(code, gather(refs, ev, nested, skipNested, skipErrors), extra);
}

/**
 * A tiny spreadsheet for the exercise workbook: cells holding values or formulas, evaluated with
 * the explorer's formula reader, a handful of plain Excel functions (the ones the worked steps
 * use) and the CRM functions called through the same wrappers Excel calls. The generator uses it
 * to write every formula's cached result; the test uses it to recompute them from the file.
 */
import type ExcelJS from "exceljs";
import * as path from "path";
import { dateToSerial } from "../src/core/dates";
import { addressText, Cell, cellAddress, elementwise, Environment, evaluate, FormulaError, isBlock, Node, parseFormula, Scalar, single, Value } from "../src/explorer/formula";
import { FunctionMeta, invoke, Metadata } from "../src/explorer/registry";

/** What a cell holds: a constant (null = blank) or a formula; `array` spans a legacy array formula. */
export type CellDef = { value: Scalar | null } | { formula: string; array?: string };

export class Book {
  readonly sheets = new Map<string, Map<string, CellDef>>();

  sheet(name: string): Map<string, CellDef> {
    let s = this.sheets.get(name);
    if (!s) this.sheets.set(name, (s = new Map()));
    return s;
  }
}

const CRM_PREFIX = /^(CRM\.|_xldudf_CRM_)/i;

/** The CRM ids called anywhere in a formula. */
export function crmCalls(formula: string): string[] {
  return [...formula.matchAll(/(?:CRM\.|_xldudf_CRM_)([A-Z0-9]+)\s*\(/gi)].map((m) => m[1].toUpperCase());
}

type Fn = (args: Node[], ev: (n: Node) => Value) => Value;

const err = (code: string, message: string) => new FormulaError(code, message);

function cells(v: Value): Cell[] {
  return isBlock(v) ? v.flat() : [v];
}

/** The numbers among the arguments, as SUM sees them: text and blanks inside ranges are skipped. */
function numbers(args: Node[], ev: (n: Node) => Value): number[] | FormulaError {
  const out: number[] = [];
  for (const a of args) {
    const v = ev(a);
    for (const c of cells(v)) {
      if (c instanceof FormulaError) return c;
      if (typeof c === "number") out.push(c);
      else if (!isBlock(v) && typeof c === "boolean") out.push(c ? 1 : 0);
      else if (!isBlock(v) && typeof c === "string" && c !== "" && Number.isFinite(Number(c))) out.push(Number(c));
    }
  }
  return out;
}

function num(v: Value, what: string): number | FormulaError {
  const c = single(v);
  if (c instanceof FormulaError) return c;
  if (typeof c === "number") return c;
  if (typeof c === "boolean") return c ? 1 : 0;
  if (c === "") return 0;
  return Number.isFinite(Number(c)) ? Number(c) : err("#VALUE!", `${what}: "${c}" is not a number`);
}

function same(a: Cell, b: Cell): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** A COUNTIF criterion: ">5", "<=3", "<>x", "=x" or a plain value (equal). */
function criterion(c: Cell): (x: Cell) => boolean {
  if (typeof c === "string") {
    const m = /^(<>|<=|>=|<|>|=)(.*)$/s.exec(c);
    if (m) {
      const [, op, rest] = m;
      const n = rest.trim() !== "" && Number.isFinite(Number(rest)) ? Number(rest) : undefined;
      return (x) => {
        if (n !== undefined) {
          if (typeof x !== "number") return op === "<>";
          return op === "<" ? x < n : op === ">" ? x > n : op === "<=" ? x <= n : op === ">=" ? x >= n : op === "=" ? x === n : x !== n;
        }
        const eq = typeof x === "string" && x.toLowerCase() === rest.toLowerCase();
        return op === "<>" ? !eq : op === "=" ? eq : false;
      };
    }
  }
  return (x) => same(x, c);
}

/** Rows of (range, criterion) pairs: the cells of `target` whose row matches every criterion. */
function matching(pairs: [Value, Cell][], size: number): boolean[] {
  const flags = new Array<boolean>(size).fill(true);
  for (const [range, crit] of pairs) {
    const test = criterion(crit);
    cells(range).forEach((x, i) => {
      if (!test(x)) flags[i] = false;
    });
  }
  return flags;
}

function ifs(args: Node[], ev: (n: Node) => Value, sumFirst: boolean): Value {
  const values = sumFirst ? cells(ev(args[0])) : undefined;
  const rest = sumFirst ? args.slice(1) : args;
  const pairs: [Value, Cell][] = [];
  for (let i = 0; i + 1 < rest.length; i += 2) pairs.push([ev(rest[i]), single(ev(rest[i + 1]))]);
  const size = values?.length ?? cells(pairs[0][0]).length;
  const flags = matching(pairs, size);
  if (!values) return flags.filter(Boolean).length;
  return values.reduce<number>((s, v, i) => (flags[i] && typeof v === "number" ? s + v : s), 0);
}

/** MAXIFS / MINIFS: the largest or smallest of the first range where every criterion holds. */
function extremeIfs(args: Node[], ev: (n: Node) => Value, largest: boolean): Value {
  const values = cells(ev(args[0]));
  const pairs: [Value, Cell][] = [];
  for (let i = 1; i + 1 < args.length; i += 2) pairs.push([ev(args[i]), single(ev(args[i + 1]))]);
  const flags = matching(pairs, values.length);
  const picked = values.filter((v, i): v is number => flags[i] && typeof v === "number");
  return picked.length === 0 ? 0 : largest ? Math.max(...picked) : Math.min(...picked);
}

function extreme(args: Node[], ev: (n: Node) => Value, pick: (xs: number[]) => number): Value {
  const xs = numbers(args, ev);
  if (xs instanceof FormulaError) return xs;
  return xs.length === 0 ? 0 : pick(xs);
}

function kth(args: Node[], ev: (n: Node) => Value, largest: boolean): Value {
  const xs = numbers([args[0]], ev);
  const k = num(ev(args[1]), "k");
  if (xs instanceof FormulaError) return xs;
  if (k instanceof FormulaError) return k;
  const sorted = [...xs].sort((a, b) => (largest ? b - a : a - b));
  return k >= 1 && k <= sorted.length ? sorted[Math.floor(k) - 1] : err("#NUM!", "k is out of range");
}

function round(args: Node[], ev: (n: Node) => Value, mode: "half" | "up"): Value {
  const x = num(ev(args[0]), "number");
  const d = args[1] ? num(ev(args[1]), "digits") : 0;
  if (x instanceof FormulaError) return x;
  if (d instanceof FormulaError) return d;
  const f = Math.pow(10, d);
  // Excel rounds half away from zero; the tiny nudge undoes binary representation (2.675 → 2.68).
  const scaled = Math.abs(x) * f * (1 + Number.EPSILON * 4);
  const r = mode === "half" ? Math.round(scaled) : Math.ceil(Math.abs(x) * f - 1e-9);
  return (Math.sign(x) * r) / f;
}

function lookupIndex(needle: Cell, haystack: Cell[]): number {
  return haystack.findIndex((h) => same(h, needle));
}

/** The plain Excel functions the worked steps use. */
const EXCEL: Record<string, Fn> = {
  SUM: (args, ev) => {
    const xs = numbers(args, ev);
    return xs instanceof FormulaError ? xs : xs.reduce((a, b) => a + b, 0);
  },
  AVERAGE: (args, ev) => {
    const xs = numbers(args, ev);
    if (xs instanceof FormulaError) return xs;
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : err("#DIV/0!", "AVERAGE of nothing");
  },
  COUNT: (args, ev) => {
    const xs = numbers(args, ev);
    return xs instanceof FormulaError ? xs : xs.length;
  },
  MAX: (args, ev) => extreme(args, ev, (xs) => Math.max(...xs)),
  MIN: (args, ev) => extreme(args, ev, (xs) => Math.min(...xs)),
  MAXIFS: (args, ev) => extremeIfs(args, ev, true),
  MINIFS: (args, ev) => extremeIfs(args, ev, false),
  LARGE: (args, ev) => kth(args, ev, true),
  SMALL: (args, ev) => kth(args, ev, false),
  SUMPRODUCT: (args, ev) => {
    let product: Value = 1;
    for (const a of args) product = elementwise(product, ev(a), (x, y) => (x instanceof FormulaError ? x : y instanceof FormulaError ? y : (typeof x === "number" ? x : 0) * (typeof y === "number" ? y : 0)));
    const xs = cells(product);
    const bad = xs.find((c) => c instanceof FormulaError);
    return bad ?? xs.reduce<number>((s, c) => s + (c as number), 0);
  },
  COUNTIF: (args, ev) => ifs(args, ev, false),
  COUNTIFS: (args, ev) => ifs(args, ev, false),
  SUMIF: (args, ev) => ifs([args[2] ?? args[0], args[0], args[1]], ev, true),
  SUMIFS: (args, ev) => ifs(args, ev, true),
  ROUND: (args, ev) => round(args, ev, "half"),
  ROUNDUP: (args, ev) => round(args, ev, "up"),
  INT: (args, ev) => {
    const x = num(ev(args[0]), "number");
    return x instanceof FormulaError ? x : Math.floor(x);
  },
  // Element by element, so SUMPRODUCT(ABS(range − range)) compares whole tables.
  ABS: (args, ev) => {
    const v = ev(args[0]);
    const abs = (c: Cell): Cell => {
      const x = num(c, "number");
      return x instanceof FormulaError ? x : Math.abs(x);
    };
    return isBlock(v) ? v.map((row) => row.map(abs)) : abs(v);
  },
  IF: (args, ev) => {
    const c = single(ev(args[0]));
    if (c instanceof FormulaError) return c;
    const yes = typeof c === "string" ? c.toUpperCase() === "TRUE" : Boolean(c);
    const branch = yes ? args[1] : args[2];
    return branch === undefined || branch.kind === "missing" ? yes : ev(branch);
  },
  AND: (args, ev) => args.every((a) => cells(ev(a)).every((c) => c === true || (typeof c === "number" && c !== 0))),
  OR: (args, ev) => args.some((a) => cells(ev(a)).some((c) => c === true || (typeof c === "number" && c !== 0))),
  NOT: (args, ev) => !single(ev(args[0])),
  VLOOKUP: (args, ev) => {
    const needle = single(ev(args[0]));
    const table = ev(args[1]);
    const col = num(ev(args[2]), "col_index_num");
    if (!isBlock(table) || col instanceof FormulaError) return err("#VALUE!", "VLOOKUP needs a table and a column number");
    const exact = args[3] !== undefined && single(ev(args[3])) === false;
    if (!exact) return err("#VALUE!", "only exact VLOOKUP (FALSE) is supported here");
    const i = lookupIndex(needle, table.map((r) => r[0]));
    return i < 0 ? err("#N/A", `${String(needle)} is not in the table`) : table[i][col - 1];
  },
  MATCH: (args, ev) => {
    const i = lookupIndex(single(ev(args[0])), cells(ev(args[1])));
    return i < 0 ? err("#N/A", "no match") : i + 1;
  },
  INDEX: (args, ev) => {
    const table = ev(args[0]);
    const r = num(ev(args[1]), "row");
    const c = args[2] ? num(ev(args[2]), "column") : 1;
    if (r instanceof FormulaError) return r;
    if (c instanceof FormulaError) return c;
    if (!isBlock(table)) return table;
    // A one-row range indexed by one number picks a column, as in Excel.
    const [row, col] = table.length === 1 && !args[2] ? [1, r] : [r, c];
    return table[row - 1]?.[col - 1] ?? err("#REF!", "INDEX out of range");
  },
};

/** The development server the build links help pages to (webpack.config.js DEV_URL). */
const DEV_URL = "https://localhost:3000/";

/** The metadata of the CRM functions, read from the JSDoc of src/functions as the build does (helpUrl derived from the id). */
export async function sourceMetadata(root: string = path.resolve(__dirname, "..")): Promise<Metadata> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { functionFamilyFiles } = require(path.join(root, "scripts/build/function-families.js")) as { functionFamilyFiles(dir: string): string[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as { generateCustomFunctionsMetadata(input: string[], log?: boolean): Promise<{ metadataJson: string; errors: string[] }> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withHelpUrls } = require(path.join(root, "scripts/build/help-url.js")) as { withHelpUrls(m: Metadata, baseUrl: string): Metadata };
  const result = await generateCustomFunctionsMetadata(functionFamilyFiles(path.join(root, "src/functions")), false);
  if (result.errors.length) throw new Error(`custom-functions metadata: ${result.errors.join("; ")}`);
  return withHelpUrls(JSON.parse(result.metadataJson) as Metadata, DEV_URL);
}

/** A CRM call: arguments as Excel passes them, the outcome as a cell value or a spilled block. */
function crmCall(meta: FunctionMeta, args: Node[], ev: (n: Node) => Value): Value {
  const values: (Scalar | Scalar[][] | null)[] = [];
  for (const a of args) {
    if (a.kind === "missing") {
      values.push(null);
      continue;
    }
    const v = ev(a);
    // Excel does not call a function with an error argument: the error is the result.
    const bad = cells(v).find((c) => c instanceof FormulaError);
    if (bad) return bad;
    values.push(v as Scalar | Scalar[][]);
  }
  const o = invoke(meta, values);
  if (o.kind === "value") return o.value;
  if (o.kind === "error") return err(o.code, o.message);
  return o.rows.map((r) => r.map((c) => (typeof c === "object" ? err(c.code, c.message) : c)));
}

/** Function calls: CRM.* through the wrappers, the rest from the plain Excel functions above. */
function functions(metadata: Metadata): NonNullable<Environment["call"]> {
  const byId = new Map(metadata.functions.map((f) => [f.id.toUpperCase(), f]));
  return (name, args, ev) => {
    if (CRM_PREFIX.test(name)) {
      const meta = byId.get(name.replace(CRM_PREFIX, "").toUpperCase());
      return meta ? crmCall(meta, args, ev) : err("#NAME?", `${name} is not a CRM function`);
    }
    const fn = EXCEL[name.toUpperCase()];
    return fn ? fn(args, ev) : err("#NAME?", `${name} is not supported by the exercise evaluator`);
  };
}

/** A formula of constants, such as a help page's example =CRM.CLV(8%, 10, 1000). */
export function evaluateFormula(formula: string, metadata: Metadata): Value {
  return evaluate(parseFormula(formula), { call: functions(metadata) });
}

export interface Evaluation {
  /** Value of every formula cell and every cell an array formula spans, by "Sheet!A1". */
  results: Map<string, Cell>;
  /** The cells each formula cell reads directly (an array's cells count as its formula's cell). */
  reads: Map<string, Set<string>>;
}

const parseRange = (ref: string) => {
  const [a, b] = ref.split(":");
  const from = cellAddress(a)!;
  return { from, to: cellAddress(b ?? a)! };
};

/** Evaluates every formula of the book (dependencies first, cycles are errors). */
export function evaluateBook(book: Book, metadata: Metadata): Evaluation {
  const call = functions(metadata);
  const results = new Map<string, Cell>();
  const reads = new Map<string, Set<string>>();
  const busy = new Set<string>();
  /** Cells an array formula spans, pointing at the formula's own cell. */
  const arrayOwner = new Map<string, string>();
  for (const [sheetName, sheet] of book.sheets) {
    for (const [addr, def] of sheet) {
      if (!("formula" in def) || !def.array) continue;
      const { from, to } = parseRange(def.array);
      for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) arrayOwner.set(`${sheetName}!${addressText(r, c)}`, `${sheetName}!${addr}`);
    }
  }

  const valueAt = (sheetName: string, addr: string): Cell => {
    const key = `${sheetName}!${addr}`;
    const owner = arrayOwner.get(key);
    if (owner && owner !== key) {
      compute(owner);
      return results.get(key) ?? "";
    }
    const def = book.sheets.get(sheetName)?.get(addr);
    if (!def) return "";
    if ("value" in def) return def.value ?? "";
    compute(key);
    return results.get(key)!;
  };

  function compute(key: string): void {
    if (results.has(key)) return;
    const [sheetName, addr] = [key.slice(0, key.lastIndexOf("!")), key.slice(key.lastIndexOf("!") + 1)];
    const def = book.sheets.get(sheetName)!.get(addr) as { formula: string; array?: string };
    if (busy.has(key)) {
      results.set(key, err("#REF!", `circular reference at ${key}`));
      return;
    }
    busy.add(key);
    const read = new Set<string>();
    reads.set(key, read);
    const env: Environment = {
      call,
      range: (sheet: string | undefined, from: { row: number; column: number }, to: { row: number; column: number }): Cell[][] => {
        const s = sheet ?? sheetName;
        if (!book.sheets.has(s)) return [[err("#REF!", `no sheet ${s}`)]];
        const rows: Cell[][] = [];
        for (let r = from.row; r <= to.row; r++) {
          const row: Cell[] = [];
          for (let c = from.column; c <= to.column; c++) {
            const cell = `${s}!${addressText(r, c)}`;
            read.add(arrayOwner.get(cell) ?? cell);
            row.push(valueAt(s, addressText(r, c)));
          }
          rows.push(row);
        }
        return rows;
      },
    };
    let value: Value;
    try {
      value = evaluate(parseFormula(def.formula), env);
    } catch (e) {
      value = err("#NAME?", (e as Error).message);
    }
    busy.delete(key);
    if (def.array) {
      const { from, to } = parseRange(def.array);
      const block = isBlock(value) ? value : [[value]];
      for (let r = from.row; r <= to.row; r++) {
        for (let c = from.column; c <= to.column; c++) {
          const v = block[r - from.row]?.[c - from.column];
          results.set(`${sheetName}!${addressText(r, c)}`, v === undefined ? err("#N/A", "outside the array result") : v);
        }
      }
    } else {
      results.set(key, isBlock(value) ? (value.length === 1 && value[0].length === 1 ? value[0][0] : err("#VALUE!", "a spilled result in a single cell")) : value);
    }
  }

  for (const [sheetName, sheet] of book.sheets) for (const [addr, def] of sheet) if ("formula" in def) compute(`${sheetName}!${addr}`);
  return { results, reads };
}

/** A cell value of a workbook file as a plain cell (dates as serial numbers, error values as errors). */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    const o = v as { error?: string; richText?: { text: string }[]; text?: string };
    if (o.error) return err(o.error, "cached error");
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (typeof o.text === "string") return o.text;
  }
  return v as Scalar;
}

/** A workbook file as a book of values and formulas, plus the results it has cached. */
export function readBook(wb: ExcelJS.Workbook): { book: Book; cached: Map<string, Cell> } {
  const book = new Book();
  const cached = new Map<string, Cell>();
  for (const ws of wb.worksheets) {
    const sheet = book.sheet(ws.name);
    const arrayParts = new Set<string>();
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; shareType?: string; ref?: string } | null;
        if (v && typeof v === "object" && v.shareType === "array" && v.ref) {
          const { from, to } = parseRange(v.ref);
          for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) arrayParts.add(addressText(r, c));
        }
      }),
    );
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const addr = cell.address;
        if (cell.isMerged && cell.master.address !== addr) return;
        // cell.value drops falsy results (a cached 0 or FALSE); the model keeps them.
        if (cell.formula) {
          const m = cell.model as { formula: string; result?: unknown; shareType?: string; ref?: string };
          // The file's _xlfn. prefixes (MAXIFS, MINIFS) are how Excel stores newer functions, not names.
          const formula = m.formula.replace(/_xlfn\./gi, "");
          sheet.set(addr, m.shareType === "array" && m.ref ? { formula, array: m.ref } : { formula });
          cached.set(`${ws.name}!${addr}`, plain(m.result));
          return;
        }
        const v = plain(cell.value);
        if (arrayParts.has(addr)) cached.set(`${ws.name}!${addr}`, v);
        else if (v !== "" && !(v instanceof FormulaError)) sheet.set(addr, { value: v });
      }),
    );
  }
  return { book, cached };
}

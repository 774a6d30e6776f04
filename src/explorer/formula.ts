/**
 * Excel formula text for the whole add-in: what a student types into an explorer field ("8%",
 * "{1,2,3}", "1;2;3", "2/10, n/30") and whole formulas such as `=CRM.CLV(B3, B4, B5:B14, 8%)` in
 * the exercise workbook. The text is read by fast-formula-parser's grammar (MIT; its chevrotain
 * lexer and parser, not its evaluator) into a tree; `evaluate` computes the operators as Excel
 * does; cell references and functions are supplied by whoever evaluates, so the same reader
 * serves the task pane (no sheet) and the formula engine (src/formulas: a book, Excel and CRM
 * functions).
 */
import { lex, type LexToken } from "fast-formula-parser/grammar/lexing";
import { Parser as ExcelGrammar } from "fast-formula-parser/grammar/parsing";

/** A value as Excel passes it to a function: blank cells inside a range are "". */
export type Scalar = number | string | boolean;

/** An Excel error value inside an evaluation (e.g. a function's result or a bad operand). */
export class FormulaError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

export type Cell = Scalar | FormulaError;
/** A scalar, or a block of rows (a range or an array constant). */
export type Value = Cell | Cell[][];

export type Node =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "bool"; value: boolean }
  | { kind: "missing" }
  | { kind: "error"; code: string }
  | { kind: "array"; rows: Scalar[][] }
  | { kind: "ref"; sheet?: string; from: CellAddress; to?: CellAddress }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "unary"; op: "-" | "+"; operand: Node }
  | { kind: "percent"; operand: Node }
  | { kind: "binary"; op: BinaryOp; left: Node; right: Node };

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

/** 0-based row and column of a cell (A1 is 0, 0). */
export interface CellAddress {
  row: number;
  column: number;
}

export class FormulaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** The 0-based address of "B3" or "$B$3", or undefined when the text is not a cell. */
export function cellAddress(text: string): CellAddress | undefined {
  const m = CELL.exec(text);
  if (!m) return undefined;
  let column = 0;
  for (const c of m[1].toUpperCase()) column = column * 26 + (c.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || column > 16384) return undefined;
  return { row: row - 1, column: column - 1 };
}

/** "B3" for row 2, column 1 (0-based): the workbook layer's A1 addresses, so the explorer and the sheet agree. */
export { cellAddress as addressText } from "../workbook/address";
import { columnIndex } from "../workbook/address";

const COMPARISONS = ["=", "<>", "<", ">", "<=", ">="];
const BINARY_OPS: readonly string[] = ["+", "-", "*", "/", "^", "&", ...COMPARISONS];

/** Rows and columns of an Excel sheet: a whole column (B:B) or row (3:3) spans one of them. */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;

/**
 * Whether a reference spans whole columns or rows (B:B, 3:5): an evaluator reads such a
 * reference within the cells the sheet uses, and an edit anywhere in it counts as read.
 */
export function spansWholeLines(from: CellAddress, to: CellAddress): boolean {
  return (from.row === 0 && to.row === SHEET_ROWS - 1) || (from.column === 0 && to.column === SHEET_COLUMNS - 1);
}

/**
 * The bottom-right corner of a whole-line reference cut to the rows × columns from A1 a sheet
 * uses (never above or left of `from`, so an empty sheet reads one cell). Excel reads the blanks
 * beyond them too: sums, counts, lookups and matches come out the same without them (ROWS and
 * COUNTBLANK of a whole column would not).
 */
export function withinUsed(from: CellAddress, to: CellAddress, used: { rows: number; columns: number }): CellAddress {
  return { row: Math.min(to.row, Math.max(from.row, used.rows - 1)), column: Math.min(to.column, Math.max(from.column, used.columns - 1)) };
}

/**
 * A reference as the grammar passes it on: it sets `ref.sheet` itself on a sheet-qualified one.
 * `line` marks a column letter (the B of B:B) or row number that only a range may join.
 */
interface RefItem {
  ref: { sheet?: string; from: CellAddress; to?: CellAddress };
  line?: { kind: "column" | "row"; text: string };
}
/** What a grammar rule hands to the next: a finished node, or a reference a range or a sheet may still extend. */
type Parsed = Node | RefItem;

const isRefItem = (x: Parsed): x is RefItem => "ref" in x;
function nodeOf(x: Parsed | null): Node {
  if (x === null) return { kind: "missing" };
  if (!isRefItem(x)) return x;
  if (x.line) throw syntax(`"${x.line.text}" is not a cell reference or a known name`);
  return { kind: "ref", sheet: x.ref.sheet, from: x.ref.from, ...(x.ref.to ? { to: x.ref.to } : {}) };
}

/** A whole column (B of B:B) or row (3 of 3:3) as one side of a range, or undefined for a cell. */
function lineOf(x: Parsed): { kind: "column" | "row"; index: number } | undefined {
  if (isRefItem(x)) return x.line && { kind: x.line.kind, index: x.line.kind === "column" ? x.ref.from.column : x.ref.from.row };
  // The grammar reads the 3 of 3:5 as a number.
  if (x.kind === "number" && Number.isInteger(x.value) && x.value >= 1 && x.value <= SHEET_ROWS) return { kind: "row", index: x.value - 1 };
  return undefined;
}

const syntax = (message: string) => new FormulaSyntaxError(message);

function constantOf(x: Parsed): Scalar {
  const n = nodeOf(x);
  if (n.kind === "number" || n.kind === "string" || n.kind === "bool") return n.value;
  if (n.kind === "unary" && n.operand.kind === "number") return n.op === "-" ? -n.operand.value : n.operand.value;
  throw syntax("an array constant holds numbers, texts and TRUE/FALSE only");
}

/**
 * The grammar's actions: each builds a node of our tree where the library's own evaluator would
 * compute, so operators, references and functions are evaluated by `evaluate` below (Excel's
 * element-by-element arithmetic over ranges, case-blind text comparison, lazy IF: the library's
 * evaluator has none of these). The same pattern as the library's own DepParser.
 */
const actions = {
  applyPrefix: (prefixes: string[], value: Parsed): Node => prefixes.reduceRight<Node>((operand, op) => ({ kind: "unary", op: op as "-" | "+", operand }), nodeOf(value)),
  applyPostfix: (value: Parsed): Node => ({ kind: "percent", operand: nodeOf(value) }),
  applyInfix(left: Parsed, op: string, right: Parsed): Node {
    if (!BINARY_OPS.includes(op)) throw syntax(`unknown operator ${op}`);
    return { kind: "binary", op: op as BinaryOp, left: nodeOf(left), right: nodeOf(right) };
  },
  applyIntersect(): never {
    throw syntax("a space between two references (their intersection) is not supported");
  },
  applyUnion(): never {
    throw syntax("a list of references in parentheses (a union) is not supported");
  },
  applyRange(items: Parsed[]): RefItem {
    const lines = items.map(lineOf);
    if (lines.some((l) => l !== undefined)) {
      const kind = lines[0]?.kind;
      if (!kind || lines.some((l) => l?.kind !== kind)) throw syntax("a range joins two cells (B5:B14), two columns (B:D) or two rows (3:5)");
      const sheets = new Set(items.map((x) => (isRefItem(x) ? x.ref.sheet : undefined)).filter((s) => s !== undefined));
      if (sheets.size > 1) throw syntax("a range must lie on one sheet");
      const first = Math.min(...lines.map((l) => l!.index));
      const last = Math.max(...lines.map((l) => l!.index));
      const [from, to] = kind === "column" ? [{ row: 0, column: first }, { row: SHEET_ROWS - 1, column: last }] : [{ row: first, column: 0 }, { row: last, column: SHEET_COLUMNS - 1 }];
      return { ref: { sheet: [...sheets][0], from, to } };
    }
    const refs = items.map((x) => {
      if (!isRefItem(x)) throw syntax("a range must join two cell references, such as B5:B14");
      return x.ref;
    });
    const sheets = new Set(refs.map((r) => r.sheet).filter((s) => s !== undefined));
    if (sheets.size > 1) throw syntax("a range must lie on one sheet");
    const corners = refs.flatMap((r) => [r.from, r.to ?? r.from]);
    const rows = corners.map((c) => c.row);
    const columns = corners.map((c) => c.column);
    return { ref: { sheet: [...sheets][0], from: { row: Math.min(...rows), column: Math.min(...columns) }, to: { row: Math.max(...rows), column: Math.max(...columns) } } };
  },
  toArray(rows: Parsed[][]): Node {
    if (rows.some((r) => r.length !== rows[0].length)) throw syntax("the rows of an array constant must be of equal length");
    return { kind: "array", rows: rows.map((r) => r.map(constantOf)) };
  },
  toNumber: (image: string): Node => ({ kind: "number", value: Number(image) }),
  toString: (image: string): Node => ({ kind: "string", value: image.slice(1, -1).replace(/""/g, '"') }),
  // The library reads any spelling but "TRUE" as FALSE; Excel's TRUE is case-blind.
  toBoolean: (image: string): Node => ({ kind: "bool", value: image.toUpperCase() === "TRUE" }),
  toError: (image: string): Node => ({ kind: "error", code: image.toUpperCase() }),
  parseCellAddress(address: string): RefItem {
    const from = cellAddress(address);
    if (!from) throw syntax(`"${address}" is not a cell of a sheet`);
    return { ref: { from } };
  },
  parseCol(name: string): RefItem {
    const column = columnIndex(name.replace(/\$/g, ""));
    if (column >= SHEET_COLUMNS) throw syntax(`"${name}" is not a column of a sheet`);
    return { ref: { from: { row: 0, column } }, line: { kind: "column", text: name } };
  },
  isFormulaError: (x: Parsed) => !isRefItem(x) && x.kind === "error",
};

/**
 * How many commas open each call's argument list, in the order the grammar finishes the calls
 * (innermost first): the grammar skips such commas, so F(,1) would reach us as F(1).
 */
function leadingCommas(tokens: LexToken[]): number[] {
  const open: (number | undefined)[] = [];
  const done: number[] = [];
  tokens.forEach((t, i) => {
    const type = t.tokenType.name;
    if (type === "Function") {
      let n = 0;
      while (tokens[i + 1 + n]?.tokenType.name === "Comma") n++;
      open.push(n);
    } else if (type === "OpenParen") open.push(undefined);
    else if (type === "CloseParen") {
      const n = open.pop();
      if (n !== undefined) done.push(n);
    }
  });
  return done;
}

let pendingLeading: number[] = [];

const context = {
  callFunction(name: string, args: (Parsed | null)[]): Node {
    const leading = pendingLeading.shift() ?? 0;
    return { kind: "call", name, args: [...Array.from({ length: leading }, (): Node => ({ kind: "missing" })), ...args.map(nodeOf)] };
  },
  getVariable(name: string): never {
    throw syntax(`"${name}" is not a cell reference or a known name`);
  },
};

let grammar: ExcelGrammar | undefined;

/**
 * Numbers as Excel reads them and the library's lexer does not: ".5" (0.5) and an exponent
 * without a sign ("1e3", "2E5"). Rewritten outside quoted texts and sheet names, never inside a
 * name or a sheet prefix such as 1e3!A1.
 */
export function spellNumbers(body: string): string {
  const bare = (part: string) =>
    part
      .replace(/(^|[^A-Za-z0-9_.$\]])\.(\d)(?![A-Za-z0-9_.]*!)/g, "$10.$2")
      .replace(/(^|[^A-Za-z0-9_.$])(\d+(?:\.\d*)?)[eE](\d)(?![A-Za-z0-9_.]*!)/g, "$1$2e+$3");
  // Quoted texts ("…", "" inside) and sheet names ('…', '' inside) stay as typed.
  return body.replace(/("(?:[^"]|"")*"|'(?:[^']|'')*')|[^"']+/g, (part, quoted) => (quoted ? part : bare(part)));
}

/** Parses a formula (with or without the leading "=") with fast-formula-parser's Excel grammar. Throws FormulaSyntaxError. */
export function parseFormula(text: string): Node {
  const body = text.trim().replace(/^=/, "");
  if (body.trim() === "") throw syntax("the formula is empty");
  grammar ??= new ExcelGrammar(context, actions);
  let node: Parsed;
  try {
    const { tokens } = lex(spellNumbers(body));
    pendingLeading = leadingCommas(tokens);
    grammar.input = tokens;
    node = grammar.formulaWithBinaryOp() as Parsed;
  } catch (e) {
    if (e instanceof FormulaSyntaxError) throw new FormulaSyntaxError(`${e.message}: ${body}`);
    throw syntax(`${lastLine(e instanceof Error ? e.message : String(e))} in ${body}`);
  }
  if (grammar.errors.length > 0) throw syntax(`${lastLine(grammar.errors[0].message)} in ${body}`);
  try {
    return nodeOf(node);
  } catch (e) {
    throw e instanceof FormulaSyntaxError ? new FormulaSyntaxError(`${e.message}: ${body}`) : e;
  }
}

const lastLine = (message: string) => message.trim().split("\n").pop() ?? message;

/** What an evaluation needs from outside: cells and functions. */
export interface Environment {
  /** The cells of a reference, as a block (blank cells ""). */
  range?(sheet: string | undefined, from: CellAddress, to: CellAddress): Cell[][];
  /** A function call; `args` are unevaluated so functions such as IF can be lazy. */
  call?(name: string, args: Node[], evaluate: (node: Node) => Value, env: Environment): Value;
  /** Whether a cell holds a formula calling SUBTOTAL or AGGREGATE (which a SUBTOTAL over it leaves out); `sheet` undefined: the formula's own. */
  nestedTotal?(sheet: string | undefined, row: number, column: number): boolean;
}

export function isBlock(v: Value): v is Cell[][] {
  return Array.isArray(v);
}

const valueError = (message: string) => new FormulaError("#VALUE!", message);

/** One value where Excel wants one: a 1×1 block is its cell. */
export function single(v: Value): Cell {
  if (!isBlock(v)) return v;
  if (v.length === 1 && v[0].length === 1) return v[0][0];
  return valueError("a range where one value was expected");
}

function toNumber(c: Cell): number | FormulaError {
  if (c instanceof FormulaError) return c;
  if (typeof c === "number") return c;
  if (typeof c === "boolean") return c ? 1 : 0;
  if (c === "") return 0;
  const n = Number(c);
  return c.trim() !== "" && Number.isFinite(n) ? n : valueError(`"${c}" is not a number`);
}

function toText(c: Scalar): string {
  if (typeof c === "boolean") return c ? "TRUE" : "FALSE";
  return String(c);
}

function compare(a: Scalar, b: Scalar): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  // Excel orders numbers < text < logical values.
  const rank = (x: Scalar) => (typeof x === "number" ? 0 : typeof x === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return Number(a) - Number(b);
}

function applyBinary(op: BinaryOp, a: Cell, b: Cell): Cell {
  if (a instanceof FormulaError) return a;
  if (b instanceof FormulaError) return b;
  if (op === "&") return toText(a) + toText(b);
  if (COMPARISONS.includes(op)) {
    const d = compare(a === "" && typeof b === "number" ? 0 : a, b === "" && typeof a === "number" ? 0 : b);
    switch (op) {
      case "=":
        return d === 0;
      case "<>":
        return d !== 0;
      case "<":
        return d < 0;
      case ">":
        return d > 0;
      case "<=":
        return d <= 0;
      default:
        return d >= 0;
    }
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x instanceof FormulaError) return x;
  if (y instanceof FormulaError) return y;
  let r: number;
  switch (op) {
    case "+":
      r = x + y;
      break;
    case "-":
      r = x - y;
      break;
    case "*":
      r = x * y;
      break;
    case "/":
      if (y === 0) return new FormulaError("#DIV/0!", "division by zero");
      r = x / y;
      break;
    default:
      r = Math.pow(x, y);
  }
  return Number.isFinite(r) ? r : new FormulaError("#NUM!", "the result is not a finite number");
}

/** Element by element over blocks, a single value stretched over the other operand (Excel's broadcasting). */
export function elementwise(a: Value, b: Value, f: (x: Cell, y: Cell) => Cell): Value {
  if (!isBlock(a) && !isBlock(b)) return f(a, b);
  const A = isBlock(a) ? a : [[a]];
  const B = isBlock(b) ? b : [[b]];
  const rows = Math.max(A.length, B.length);
  const cols = Math.max(A[0]?.length ?? 0, B[0]?.length ?? 0);
  const pick = (m: Cell[][], r: number, c: number): Cell => {
    const row = m.length === 1 ? m[0] : m[r];
    if (!row) return new FormulaError("#N/A", "the ranges differ in size");
    const cell = row.length === 1 ? row[0] : row[c];
    return cell === undefined ? new FormulaError("#N/A", "the ranges differ in size") : cell;
  };
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(pick(A, r, c), pick(B, r, c))));
}

function map(v: Value, f: (x: Cell) => Cell): Value {
  return isBlock(v) ? v.map((row) => row.map(f)) : f(v);
}

/** Evaluates a parsed formula. Functions and references come from `env`. */
export function evaluate(node: Node, env: Environment = {}): Value {
  const ev = (n: Node): Value => evaluate(n, env);
  switch (node.kind) {
    case "number":
    case "string":
    case "bool":
      return node.value;
    case "missing":
      return "";
    case "error":
      return new FormulaError(node.code, `${node.code} written in the formula`);
    case "array":
      return node.rows.map((r) => [...r]);
    case "ref": {
      if (!env.range) return new FormulaError("#REF!", "cell references need a sheet");
      return env.range(node.sheet, node.from, node.to ?? node.from);
    }
    case "call":
      if (!env.call) return new FormulaError("#NAME?", `unknown function ${node.name}`);
      return env.call(node.name, node.args, ev, env);
    case "unary":
      return map(ev(node.operand), (c) => {
        const n = toNumber(c);
        return n instanceof FormulaError ? n : node.op === "-" ? -n : n;
      });
    case "percent":
      return map(ev(node.operand), (c) => {
        const n = toNumber(c);
        return n instanceof FormulaError ? n : n / 100;
      });
    case "binary":
      return elementwise(ev(node.left), ev(node.right), (x, y) => applyBinary(node.op, x, y));
  }
}

/** An explorer field's value: left out, one value, or a block (a list is one row or one column). */
export type ArgumentValue = null | Scalar | Scalar[][];

const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;

function numberLiteral(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER_LITERAL.test(t)) return undefined;
  return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/**
 * Reads what a person typed into an argument field, without surprises: a number (8%, -5, 1e3),
 * TRUE/FALSE, an array constant {1,2;3,4}, a list of numbers 1;2;3 (a column) or 1,2,3 (a row),
 * a "quoted text", a formula of constants after "=" (=1000*12), or else the text as typed
 * (so 2/10, n/30 and 2024-03-31 stay texts). Blank means the argument is left out. Cell
 * references (=B5:B14, ='My sheet'!A1) are read through `env`.
 */
export function parseArgument(text: string, env: Environment = {}): ArgumentValue {
  const t = text.trim();
  if (t === "") return null;
  const n = numberLiteral(t);
  if (n !== undefined) return n;
  if (/^(true|false)$/i.test(t)) return t.toUpperCase() === "TRUE";
  if (t.startsWith("{") || t.startsWith("=") || /^".*"$/s.test(t)) {
    const v = evaluate(parseFormula(t), env);
    if (isBlock(v)) {
      const err = v.flat().find((c) => c instanceof FormulaError) as FormulaError | undefined;
      if (err) throw new FormulaSyntaxError(err.message);
      return v as Scalar[][];
    }
    if (v instanceof FormulaError) throw new FormulaSyntaxError(v.message);
    return v;
  }
  for (const sep of [";", ","]) {
    if (!t.includes(sep)) continue;
    const parts = t.split(sep).map(numberLiteral);
    if (parts.every((p): p is number => p !== undefined)) return sep === ";" ? parts.map((p) => [p]) : [parts];
  }
  return t;
}

/** What a field holds, as it goes into a formula: 8% and =B5:B14 as typed, texts quoted, lists as {…}. */
export function argumentFormulaText(text: string): string {
  const t = text.trim();
  if (t === "" || numberLiteral(t) !== undefined || t.startsWith("{") || /^".*"$/s.test(t)) return t;
  if (t.startsWith("=")) return t.slice(1).trim();
  try {
    return argumentText(parseArgument(t));
  } catch {
    return scalarText(t);
  }
}

/**
 * `=CRM.CLV(8%, 10, B5:B14)` as its id and each argument's text, as typed (left-out arguments
 * ""), or undefined when the text is not one call of a CRM function.
 */
export function splitCrmCall(text: string): { id: string; args: string[] } | undefined {
  const m = /^\s*=?\s*(?:CRM\.|_xldudf_CRM_)([A-Za-z0-9]+)\s*\(([\s\S]*)\)\s*$/i.exec(text);
  if (!m) return undefined;
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of m[2]) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "(" || ch === "{")) depth++;
    if (!quoted && (ch === ")" || ch === "}")) depth--;
    if (depth < 0) return undefined;
    if (ch === "," && !quoted && depth === 0) {
      args.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (quoted || depth !== 0) return undefined;
  args.push(current.trim());
  return { id: m[1].toUpperCase(), args: args.length === 1 && args[0] === "" ? [] : args };
}

/** A formula's argument as an explorer field: constants as written, anything else (B5:B14, 1000*12) after "=". */
export function fieldText(argument: string): string {
  const t = argument.trim();
  if (t === "" || numberLiteral(t) !== undefined || /^(true|false)$/i.test(t) || t.startsWith("{") || /^"([^"]|"")*"$/.test(t)) return t;
  return `=${t}`;
}

/** The cell references in a formula, in order. */
export function referencesIn(node: Node): Extract<Node, { kind: "ref" }>[] {
  switch (node.kind) {
    case "ref":
      return [node];
    case "call":
      return node.args.flatMap(referencesIn);
    case "unary":
    case "percent":
      return referencesIn(node.operand);
    case "binary":
      return [...referencesIn(node.left), ...referencesIn(node.right)];
    default:
      return [];
  }
}

/** An argument as formula text: numbers as typed by Excel, texts quoted, blocks as array constants. */
export function argumentText(value: ArgumentValue): string {
  if (value === null) return "";
  if (Array.isArray(value)) return `{${value.map((r) => r.map((c) => scalarText(c)).join(",")).join(";")}}`;
  return scalarText(value);
}

function scalarText(c: Scalar): string {
  if (typeof c === "string") return `"${c.replace(/"/g, '""')}"`;
  if (typeof c === "boolean") return c ? "TRUE" : "FALSE";
  return String(c);
}

/** `=CRM.ID(a, b, , d)` with trailing left-out arguments dropped. */
export function formulaText(namespace: string, id: string, args: readonly string[]): string {
  const list = [...args];
  while (list.length > 0 && list[list.length - 1].trim() === "") list.pop();
  return `=${namespace}.${id}(${list.join(", ")})`;
}

/**
 * A small reader of Excel formula text: what a student types into an explorer field ("8%",
 * "{1,2,3}", "1;2;3", "2/10, n/30") and whole formulas such as
 * `=CRM.CLV(B3, B4, B5:B14, 8%)` in the exercise workbook. It parses to a tree and evaluates
 * operators; cell references and functions are supplied by whoever evaluates, so the same reader
 * serves the task pane (no sheet) and the exercise generator (a sheet and a few Excel functions).
 */

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

type Token =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "name"; v: string }
  | { t: "sheet"; v: string }
  | { t: "op"; v: string }
  | { t: "end" };

const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_$][A-Za-z0-9_.$]*/;
const QUOTED_SHEET = /^'((?:[^']|'')+)'!/;
const OPERATORS = ["<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%", "(", ")", ",", ";", "{", "}", ":"];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = NUMBER.exec(rest))) {
      tokens.push({ t: "num", v: Number(m[0]) });
      i += m[0].length;
    } else if (ch === '"') {
      let j = i + 1;
      let s = "";
      for (;;) {
        if (j >= text.length) throw new FormulaSyntaxError(`a text in quotes is not closed: ${text.slice(i)}`);
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j++];
      }
      tokens.push({ t: "str", v: s });
      i = j + 1;
    } else if ((m = QUOTED_SHEET.exec(rest))) {
      tokens.push({ t: "sheet", v: m[1].replace(/''/g, "'") });
      i += m[0].length;
    } else if ((m = NAME.exec(rest))) {
      if (text[i + m[0].length] === "!") {
        tokens.push({ t: "sheet", v: m[0] });
        i += m[0].length + 1;
      } else {
        tokens.push({ t: "name", v: m[0] });
        i += m[0].length;
      }
    } else {
      const op = OPERATORS.find((o) => rest.startsWith(o));
      if (!op) throw new FormulaSyntaxError(`unexpected "${ch}" in ${text}`);
      tokens.push({ t: "op", v: op });
      i += op.length;
    }
  }
  tokens.push({ t: "end" });
  return tokens;
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

const COMPARISONS = ["=", "<>", "<", ">", "<=", ">="];

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new FormulaSyntaxError(`expected "${v}" in ${this.text}`);
    this.pos++;
  }

  parseAll(): Node {
    const node = this.comparison();
    if (this.peek().t !== "end") throw new FormulaSyntaxError(`unexpected text after the formula in ${this.text}`);
    return node;
  }

  private binary(next: () => Node, ops: string[]): Node {
    let left = next();
    for (;;) {
      const t = this.peek();
      if (t.t !== "op" || !ops.includes(t.v)) return left;
      this.pos++;
      left = { kind: "binary", op: t.v as BinaryOp, left, right: next() };
    }
  }
  private comparison = (): Node => this.binary(this.concat, COMPARISONS);
  private concat = (): Node => this.binary(this.additive, ["&"]);
  private additive = (): Node => this.binary(this.multiplicative, ["+", "-"]);
  private multiplicative = (): Node => this.binary(this.power, ["*", "/"]);
  private power = (): Node => this.binary(this.percent, ["^"]);

  private percent = (): Node => {
    let node = this.unary();
    while (this.isOp("%")) {
      this.pos++;
      node = { kind: "percent", operand: node };
    }
    return node;
  };

  // Excel binds negation tighter than ^ and %: -2^2 is 4.
  private unary = (): Node => {
    if (this.isOp("-") || this.isOp("+")) {
      const op = (this.peek() as { v: "-" | "+" }).v;
      this.pos++;
      return { kind: "unary", op, operand: this.unary() };
    }
    return this.primary();
  };

  private primary(): Node {
    const t = this.peek();
    if (t.t === "num") {
      this.pos++;
      return { kind: "number", value: t.v };
    }
    if (t.t === "str") {
      this.pos++;
      return { kind: "string", value: t.v };
    }
    if (t.t === "sheet") {
      this.pos++;
      const ref = this.peek();
      if (ref.t !== "name") throw new FormulaSyntaxError(`a cell reference must follow ${t.v}! in ${this.text}`);
      return this.reference(t.v);
    }
    if (t.t === "name") {
      const next = this.tokens[this.pos + 1];
      if (next.t === "op" && next.v === "(") return this.call(t.v);
      const upper = t.v.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") {
        this.pos++;
        return { kind: "bool", value: upper === "TRUE" };
      }
      return this.reference(undefined);
    }
    if (this.isOp("(")) {
      this.pos++;
      const inner = this.comparison();
      this.expect(")");
      return inner;
    }
    if (this.isOp("{")) return this.array();
    throw new FormulaSyntaxError(`expected a value in ${this.text}`);
  }

  private reference(sheet: string | undefined): Node {
    const t = this.peek() as { v: string };
    const from = cellAddress(t.v);
    if (!from) throw new FormulaSyntaxError(`"${t.v}" is not a cell reference or a known name`);
    this.pos++;
    if (!this.isOp(":")) return { kind: "ref", sheet, from };
    this.pos++;
    const end = this.peek();
    const to = end.t === "name" ? cellAddress(end.v) : undefined;
    if (!to) throw new FormulaSyntaxError(`a range must end in a cell reference in ${this.text}`);
    this.pos++;
    return { kind: "ref", sheet, from: { row: Math.min(from.row, to.row), column: Math.min(from.column, to.column) }, to: { row: Math.max(from.row, to.row), column: Math.max(from.column, to.column) } };
  }

  private call(name: string): Node {
    this.pos += 2;
    const args: Node[] = [];
    if (this.isOp(")")) {
      this.pos++;
      return { kind: "call", name, args };
    }
    for (;;) {
      if (this.isOp(",") || this.isOp(")")) args.push({ kind: "missing" });
      else args.push(this.comparison());
      if (this.isOp(",")) {
        this.pos++;
        continue;
      }
      this.expect(")");
      return { kind: "call", name, args };
    }
  }

  private array(): Node {
    this.pos++;
    const rows: Scalar[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.constant());
      if (this.isOp(",")) {
        this.pos++;
      } else if (this.isOp(";")) {
        this.pos++;
        rows.push([]);
      } else {
        this.expect("}");
        break;
      }
    }
    if (rows.some((r) => r.length !== rows[0].length)) throw new FormulaSyntaxError(`the rows of an array constant must be of equal length: ${this.text}`);
    return { kind: "array", rows };
  }

  private constant(): Scalar {
    let sign = 1;
    while (this.isOp("-") || this.isOp("+")) {
      if (this.isOp("-")) sign = -sign;
      this.pos++;
    }
    const t = this.peek();
    this.pos++;
    if (t.t === "num") {
      let v = sign * t.v;
      if (this.isOp("%")) {
        this.pos++;
        v /= 100;
      }
      return v;
    }
    if (t.t === "str" && sign === 1) return t.v;
    if (t.t === "name" && sign === 1 && /^(true|false)$/i.test(t.v)) return t.v.toUpperCase() === "TRUE";
    throw new FormulaSyntaxError(`an array constant holds numbers, texts and TRUE/FALSE only: ${this.text}`);
  }
}

/** Parses a formula (with or without the leading "="). Throws FormulaSyntaxError. */
export function parseFormula(text: string): Node {
  const body = text.trim().replace(/^=/, "");
  if (body === "") throw new FormulaSyntaxError("the formula is empty");
  return new Parser(tokenize(body), body).parseAll();
}

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

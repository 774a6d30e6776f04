/**
 * The one formula engine of the add-in outside Excel: the preview's workbook, the exercise
 * generator, the explorer and the help examples all evaluate with it. A CalcBook holds cells
 * (constants or formulas, legacy array formulas spanning a range), computes every formula with
 * dependencies first, remembers which cells each formula read, and after an edit recomputes
 * exactly the formulas that depend on the edited cells, directly or through others.
 *
 * Formula text is read by fast-formula-parser's Excel grammar through src/explorer/formula.ts
 * (one grammar for the whole add-in; each formula text parsed once per book); plain Excel
 * functions are @formulajs/formulajs's (excel-functions.ts), CRM functions the wrappers Excel
 * calls (crm-functions.ts); SUBTOTAL/AGGREGATE (subtotal.ts) and the IF family (below) ours.
 */
import { addressText, Cell, CellAddress, cellAddress, Environment, evaluate, FormulaError, isBlock, Node, parseFormula, Scalar, single, spansWholeLines, Value, withinUsed } from "../explorer/formula";
import type { Metadata } from "../explorer/registry";
import { callExcelFunction } from "./excel-functions";
import { crmFunction, isCrmName } from "./crm-functions";
import { aggregate, callsTotal, subtotal } from "./subtotal";

/** What a cell holds: a constant (null = blank) or a formula; `array` spans a legacy array formula. */
export type CellDef = { value: Scalar | null } | { formula: string; array?: string };

const err = (code: string, message: string) => new FormulaError(code, message);

/** "Sheet!A1": how the engine names a cell. */
export const cellKey = (sheet: string, addr: string) => `${sheet}!${addr}`;

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf("!");
  return [key.slice(0, i), key.slice(i + 1)];
}

const parseRange = (ref: string) => {
  const [a, b] = ref.split(":");
  return { from: cellAddress(a)!, to: cellAddress(b ?? a)! };
};

function truthy(c: Cell): boolean | FormulaError {
  if (c instanceof FormulaError) return c;
  if (typeof c === "string") {
    if (/^(true|false)$/i.test(c)) return c.toUpperCase() === "TRUE";
    return c === "" ? false : err("#VALUE!", `"${c}" is not TRUE or FALSE`);
  }
  return Boolean(c);
}

/**
 * Excel's conditionals evaluate only the branch they take (the other may be an error or a long
 * computation); they are the grammar's control flow, not library functions.
 */
const CONTROL: Record<string, (args: Node[], ev: (n: Node) => Value) => Value> = {
  IF: (args, ev) => {
    const c = truthy(single(ev(args[0])));
    if (c instanceof FormulaError) return c;
    const branch = c ? args[1] : args[2];
    if (branch === undefined) return c;
    return branch.kind === "missing" ? 0 : ev(branch);
  },
  IFERROR: (args, ev) => {
    const v = ev(args[0]);
    const c = isBlock(v) ? v : single(v);
    return c instanceof FormulaError ? ev(args[1]) : v;
  },
  IFNA: (args, ev) => {
    const v = ev(args[0]);
    const c = isBlock(v) ? v : single(v);
    return c instanceof FormulaError && c.code === "#N/A" ? ev(args[1]) : v;
  },
};

/** Totals that leave out the nested totals of their ranges (subtotal.ts): they need to know which cells those are. */
const TOTALS: Record<string, typeof subtotal> = { SUBTOTAL: subtotal, AGGREGATE: aggregate, "_XLFN.AGGREGATE": aggregate };

/** Function calls: CRM.* through the wrappers Excel calls, the rest from the Excel function library. */
export function functionCalls(metadata: Metadata | undefined): NonNullable<Environment["call"]> {
  const crm = crmFunction(metadata);
  return (name, args, ev, env) => {
    if (isCrmName(name)) return crm(name, args, ev, env);
    const upper = name.toUpperCase();
    const control = CONTROL[upper];
    if (control) return control(args, ev);
    const total = TOTALS[upper];
    if (total) return total(args, ev, env?.nestedTotal?.bind(env));
    const values = args.map((a) => (a.kind === "missing" ? undefined : ev(a)));
    return callExcelFunction(name, values) ?? err("#NAME?", `${name} is not a known function`);
  };
}

/** A formula of constants, such as a help page's example =CRM.CLV(8%, 10, 1000). */
export function evaluateFormula(formula: string, metadata: Metadata | undefined, range?: Environment["range"]): Value {
  return evaluate(parseFormula(formula), { call: functionCalls(metadata), range });
}

/**
 * Cells the book does not hold itself: the preview keeps a file's constants in its ExcelJS
 * workbook and gives the engine only the formulas.
 */
export interface CellSource {
  /** The sheet's name as the workbook spells it, or undefined when there is no such sheet. */
  sheetName(name: string): string | undefined;
  /** A constant cell's value ("" for blank). */
  value(sheet: string, row: number, column: number): Cell;
  /** Rows × columns from A1 that hold the source's cells: where a whole column (B:B) is read. */
  extent?(sheet: string): { rows: number; columns: number };
}

/** A whole-column or whole-row reference a formula read, on the sheet as the book names it. */
interface LineRead {
  sheet: string;
  from: CellAddress;
  to: CellAddress;
}

/** A sheet of the book: its cells by A1 address. */
export type CalcSheet = Map<string, CellDef>;

export class CalcBook {
  readonly sheets = new Map<string, CalcSheet>();
  /** Value of every computed formula cell and every cell an array formula spans, by "Sheet!A1". */
  readonly results = new Map<string, Cell>();
  /** The cells each formula cell read when last computed (an array's cells count as its formula's cell). */
  readonly reads = new Map<string, Set<string>>();
  /**
   * The whole columns and rows each formula read (B:B): read within the cells in use, so a
   * cell filled later below them is in none of `reads`; an edit inside one recomputes it.
   */
  private readonly lineReads = new Map<string, LineRead[]>();
  private readonly arrayOwner = new Map<string, string>();
  private readonly busy = new Set<string>();
  private call: NonNullable<Environment["call"]>;

  constructor(
    metadata?: Metadata,
    private readonly source?: CellSource,
  ) {
    this.call = functionCalls(metadata);
  }

  /** Functions known from now on (the preview loads the CRM metadata after opening a file). */
  setMetadata(metadata: Metadata): void {
    this.call = functionCalls(metadata);
  }

  sheet(name: string): CalcSheet {
    let s = this.sheets.get(name);
    if (!s) this.sheets.set(name, (s = new Map()));
    return s;
  }

  /** Puts a cell without computing anything (building a book); call calculate() afterwards. */
  put(sheet: string, addr: string, def: CellDef): void {
    const s = this.sheet(sheet);
    const old = s.get(addr);
    if (old && "formula" in old && old.array) this.unspan(sheet, addr, old.array);
    s.set(addr, def);
    this.ownExtents.delete(sheet);
    if ("formula" in def && def.array) {
      const { from, to } = parseRange(def.array);
      for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) this.arrayOwner.set(cellKey(sheet, addressText(r, c)), cellKey(sheet, addr));
    }
  }

  private unspan(sheet: string, addr: string, range: string): void {
    const { from, to } = parseRange(range);
    for (let r = from.row; r <= to.row; r++) {
      for (let c = from.column; c <= to.column; c++) {
        const k = cellKey(sheet, addressText(r, c));
        this.arrayOwner.delete(k);
        this.results.delete(k);
      }
    }
    void addr;
  }

  /** The formula cell that computes `key`: an array formula's top-left cell for the cells it spans, else `key`. */
  formulaCellOf(key: string): string {
    return this.arrayOwner.get(key) ?? key;
  }

  /** The formulas of the book, as "Sheet!A1" keys. */
  formulaKeys(): string[] {
    const keys: string[] = [];
    for (const [sheetName, sheet] of this.sheets) for (const [addr, def] of sheet) if ("formula" in def) keys.push(cellKey(sheetName, addr));
    return keys;
  }

  /** Computes every formula that has no result yet (all of them on a fresh book). */
  calculate(): void {
    for (const key of this.formulaKeys()) this.compute(key);
  }

  /** A cell's current value: a constant, a computed result, "" for blank. */
  value(sheet: string, addr: string): Cell {
    const key = cellKey(sheet, addr);
    const owner = this.arrayOwner.get(key);
    if (owner && owner !== key) {
      this.compute(owner);
      return this.results.get(key) ?? "";
    }
    const def = this.sheets.get(sheet)?.get(addr);
    if (!def) {
      if (!this.source) return "";
      const at = cellAddress(addr)!;
      return this.source.value(sheet, at.row, at.column);
    }
    if ("value" in def) return def.value ?? "";
    this.compute(key);
    return this.results.get(key)!;
  }

  /**
   * Changes cells (null: removes the book's own content of a cell) and recomputes what depends on them. Returns the keys of every cell whose
   * value may have changed (the edited cells, the dependent formulas and the cells their arrays span).
   */
  edit(changes: readonly { sheet: string; addr: string; def: CellDef | null }[]): string[] {
    const edited = new Set<string>();
    for (const { sheet, addr, def } of changes) {
      const key = cellKey(sheet, addr);
      edited.add(key);
      this.results.delete(key);
      this.forgetReads(key);
      const old = this.sheets.get(sheet)?.get(addr);
      if (old && "formula" in old && old.array) {
        const { from, to } = parseRange(old.array);
        for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) edited.add(cellKey(sheet, addressText(r, c)));
        this.unspan(sheet, addr, old.array);
      }
      // null: the cell is left to the book's source (a constant the preview keeps in its workbook).
      if (def === null) {
        this.sheets.get(sheet)?.delete(addr);
        this.ownExtents.delete(sheet);
      }
      else this.put(sheet, addr, def);
    }
    return this.recalculateAfter(edited);
  }

  /**
   * Recomputes the formulas that depend on `edited` (cells whose content changed, in the book or
   * in its source) and returns every cell whose value may have changed, `edited` included.
   */
  recalculateAfter(edited: Set<string>): string[] {
    const dirty = this.dependentsOf(edited);
    for (const key of edited) if (this.isFormula(key)) dirty.add(key);
    for (const key of dirty) {
      this.results.delete(key);
      this.forgetReads(key);
      const def = this.def(key);
      if (def && "formula" in def && def.array) {
        const [sheet] = splitKey(key);
        const { from, to } = parseRange(def.array);
        for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) this.results.delete(cellKey(sheet, addressText(r, c)));
      }
    }
    for (const key of dirty) this.compute(key);
    const changed = new Set<string>([...edited, ...dirty]);
    for (const key of dirty) {
      const def = this.def(key);
      if (def && "formula" in def && def.array) {
        const [sheet] = splitKey(key);
        const { from, to } = parseRange(def.array);
        for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) changed.add(cellKey(sheet, addressText(r, c)));
      }
    }
    return [...changed];
  }

  private forgetReads(key: string): void {
    this.reads.delete(key);
    this.lineReads.delete(key);
  }

  /** Rows × columns from A1 that hold cells of a sheet: the source's and the book's own. */
  private extent(sheet: string): { rows: number; columns: number } {
    const own = this.ownExtent(sheet);
    const source = this.source?.extent?.(sheet) ?? { rows: 0, columns: 0 };
    return { rows: Math.max(own.rows, source.rows), columns: Math.max(own.columns, source.columns) };
  }

  /**
   * The book's own cells' extent per sheet, found once and kept until a cell of the sheet is put
   * or removed: every whole-column read of every computation asks for it, and the preview's book
   * may hold tens of thousands of formulas.
   */
  private readonly ownExtents = new Map<string, { rows: number; columns: number }>();

  private ownExtent(sheet: string): { rows: number; columns: number } {
    let out = this.ownExtents.get(sheet);
    if (!out) {
      out = { rows: 0, columns: 0 };
      for (const addr of this.sheets.get(sheet)?.keys() ?? []) {
        const a = cellAddress(addr)!;
        out.rows = Math.max(out.rows, a.row + 1);
        out.columns = Math.max(out.columns, a.column + 1);
      }
      this.ownExtents.set(sheet, out);
    }
    return out;
  }

  /** The formulas whose whole columns or rows hold `key`. */
  private lineReaders(key: string): string[] {
    const [sheet, addr] = splitKey(key);
    const at = cellAddress(addr);
    if (!at) return [];
    const out: string[] = [];
    for (const [formula, lines] of this.lineReads) {
      if (lines.some((l) => l.sheet === sheet && at.row >= l.from.row && at.row <= l.to.row && at.column >= l.from.column && at.column <= l.to.column)) out.push(formula);
    }
    return out;
  }

  private def(key: string): CellDef | undefined {
    const [sheet, addr] = splitKey(key);
    return this.sheets.get(sheet)?.get(addr);
  }

  /** Each formula text of the book parsed once (a recalculation after an edit reads no text again), or why it cannot be. */
  private readonly parsed = new Map<string, Node | Error>();

  private parse(formula: string): Node | Error {
    let node = this.parsed.get(formula);
    if (node === undefined) {
      try {
        node = parseFormula(formula);
      } catch (e) {
        node = e instanceof Error ? e : new Error(String(e));
      }
      this.parsed.set(formula, node);
    }
    return node;
  }

  /** Formula texts that call SUBTOTAL or AGGREGATE. */
  private readonly totalFormulas = new Map<string, boolean>();

  /** Whether the cell holds a formula calling SUBTOTAL or AGGREGATE. */
  private isTotal(key: string): boolean {
    const def = this.def(key);
    if (!def || !("formula" in def)) return false;
    let total = this.totalFormulas.get(def.formula);
    if (total === undefined) {
      const node = this.parse(def.formula);
      total = !(node instanceof Error) && callsTotal(node);
      this.totalFormulas.set(def.formula, total);
    }
    return total;
  }

  private isFormula(key: string): boolean {
    const def = this.def(key);
    return !!def && "formula" in def;
  }

  /** Every formula that reads one of `keys`, directly or through other formulas. */
  dependentsOf(keys: Iterable<string>): Set<string> {
    const readers = new Map<string, string[]>();
    for (const [formula, read] of this.reads) {
      for (const cell of read) {
        let list = readers.get(cell);
        if (!list) readers.set(cell, (list = []));
        list.push(formula);
      }
    }
    const out = new Set<string>();
    const queue = [...keys].map((k) => this.arrayOwner.get(k) ?? k);
    const reach = (f: string) => {
      if (out.has(f)) return;
      out.add(f);
      queue.push(f);
    };
    while (queue.length) {
      const k = queue.pop()!;
      for (const f of readers.get(k) ?? []) reach(f);
      if (this.lineReads.size > 0) for (const f of this.lineReaders(k)) reach(f);
    }
    return out;
  }

  private compute(key: string): void {
    if (this.results.has(key)) return;
    const [sheetName, addr] = splitKey(key);
    const def = this.sheets.get(sheetName)?.get(addr);
    if (!def || !("formula" in def)) return;
    if (this.busy.has(key)) {
      this.results.set(key, err("#REF!", `circular reference at ${key}`));
      return;
    }
    this.busy.add(key);
    const read = new Set<string>();
    this.reads.set(key, read);
    this.lineReads.delete(key);
    const sheetOf = (sheet: string | undefined) => {
      const s = sheet ?? sheetName;
      return this.source?.sheetName(s) ?? [...this.sheets.keys()].find((n) => n.toLowerCase() === s.toLowerCase());
    };
    const env: Environment = {
      call: this.call,
      nestedTotal: (sheet, row, column) => {
        const target = sheetOf(sheet);
        return target !== undefined && this.isTotal(this.formulaCellOf(cellKey(target, addressText(row, column))));
      },
      range: (sheet, from, to) => {
        const s = sheet ?? sheetName;
        const target = sheetOf(sheet);
        if (target === undefined) return [[err("#REF!", `no sheet ${s}`)]];
        if (spansWholeLines(from, to)) {
          let lines = this.lineReads.get(key);
          if (!lines) this.lineReads.set(key, (lines = []));
          lines.push({ sheet: target, from, to });
          to = withinUsed(from, to, this.extent(target));
        }
        const rows: Cell[][] = [];
        for (let r = from.row; r <= to.row; r++) {
          const row: Cell[] = [];
          for (let c = from.column; c <= to.column; c++) {
            const a = addressText(r, c);
            const cell = cellKey(target, a);
            read.add(this.arrayOwner.get(cell) ?? cell);
            row.push(this.value(target, a));
          }
          rows.push(row);
        }
        return rows;
      },
    };
    const node = this.parse(def.formula);
    let value: Value;
    try {
      // A formula Excel would not accept is shown as #NAME?, with the reason.
      value = node instanceof Error ? err("#NAME?", node.message) : evaluate(node, env);
    } catch (e) {
      value = err("#NAME?", (e as Error).message);
    }
    this.busy.delete(key);
    if (def.array) {
      const { from, to } = parseRange(def.array);
      const block = isBlock(value) ? value : [[value]];
      for (let r = from.row; r <= to.row; r++) {
        for (let c = from.column; c <= to.column; c++) {
          const v = block.length === 1 && block[0].length === 1 ? block[0][0] : block[r - from.row]?.[c - from.column];
          this.results.set(cellKey(sheetName, addressText(r, c)), v === undefined ? err("#N/A", "outside the array result") : v);
        }
      }
    } else {
      this.results.set(key, isBlock(value) ? (value.length === 1 && value[0].length === 1 ? value[0][0] : value[0]?.[0] ?? err("#VALUE!", "an empty result")) : value);
    }
  }
}

/**
 * The exercise workbook as a book of cells for the add-in's formula engine (src/formulas): the
 * generator builds it and writes every formula's cached result from the engine; the test reads
 * the committed file back into one and recomputes. No evaluator of its own lives here.
 */
import type ExcelJS from "exceljs";
import * as path from "path";
import { dateToSerial } from "../src/core/dates";
import { CalcBook, CellDef, evaluateFormula as evaluateWith } from "../src/formulas/calc-book";
import { crmCalls } from "../src/formulas/crm-functions";
import { shownFormula } from "../src/formulas/file-formula";
import { addressText, Cell, cellAddress, FormulaError, Scalar, Value } from "../src/explorer/formula";
import { Metadata } from "../src/explorer/registry";

export type { CellDef };
export { crmCalls };

/** The cells of the workbook by sheet (the generator's sheet-building API). */
export class Book {
  readonly sheets = new Map<string, Map<string, CellDef>>();

  sheet(name: string): Map<string, CellDef> {
    let s = this.sheets.get(name);
    if (!s) this.sheets.set(name, (s = new Map()));
    return s;
  }
}

const err = (code: string, message: string) => new FormulaError(code, message);

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

/** A formula of constants, such as a help page's example =CRM.CLV(8%, 10, 1000). */
export function evaluateFormula(formula: string, metadata: Metadata): Value {
  return evaluateWith(formula, metadata);
}

export interface Evaluation {
  /** Value of every formula cell and every cell an array formula spans, by "Sheet!A1". */
  results: Map<string, Cell>;
  /** The cells each formula cell reads directly (an array's cells count as its formula's cell). */
  reads: Map<string, Set<string>>;
}

/** The book in the formula engine, every formula computed (dependencies first, cycles are errors). */
export function calcBookOf(book: Book, metadata: Metadata): CalcBook {
  const calc = new CalcBook(metadata);
  for (const [sheetName, sheet] of book.sheets) for (const [addr, def] of sheet) calc.put(sheetName, addr, def);
  calc.calculate();
  return calc;
}

/** Evaluates every formula of the book. */
export function evaluateBook(book: Book, metadata: Metadata): Evaluation {
  const { results, reads } = calcBookOf(book, metadata);
  return { results, reads };
}

const parseRange = (ref: string) => {
  const [a, b] = ref.split(":");
  const from = cellAddress(a)!;
  return { from, to: cellAddress(b ?? a)! };
};

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
          const formula = shownFormula(m.formula);
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

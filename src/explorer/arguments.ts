/**
 * From what a person typed (or picked from the sheet) to the arguments a function gets: each field
 * read with parseArgument, cell references (=B5:B14, ='Sheet'!B5:B14) read through the workbook
 * port — Excel's own sheets in Excel, the in-memory workbook in the preview — and plain Excel
 * functions (=SUM(B5:B14)/12) computed by the formula engine (src/formulas).
 */
import type { Block, RangeRef, WorkbookPort } from "../workbook/types";
import { functionCalls } from "../formulas/calc-book";
import { addressText, ArgumentValue, Cell, FormulaSyntaxError, parseArgument, parseFormula, referencesIn, spansWholeLines, withinUsed } from "./formula";

/** Plain Excel functions inside a field (=SUM(B5:B14)*12), from the add-in's one formula engine. */
const excelFunctions = functionCalls(undefined);

export type FieldResult = { ok: true; value: ArgumentValue } | { ok: false; message: string };

/** ='Sheet name'!B5:B14 (one cell: ='Sheet name'!B5) for a picked range. */
export function referenceText(range: RangeRef): string {
  const from = addressText(range.row, range.column);
  const to = addressText(range.row + range.rows - 1, range.column + range.columns - 1);
  const sheet = /^[A-Za-z_][A-Za-z0-9_]*$/.test(range.sheet) ? range.sheet : `'${range.sheet.replace(/'/g, "''")}'`;
  return `=${sheet}!${from}${from === to ? "" : `:${to}`}`;
}

const blockKey = (sheet: string, r0: number, c0: number, r1: number, c1: number) => `${sheet}!${r0},${c0}:${r1},${c1}`;

/** Rows × columns from A1 that hold a sheet's cells. */
async function usedExtent(port: WorkbookPort, sheet: string): Promise<{ rows: number; columns: number }> {
  const used = await port.usedRange(sheet);
  return used ? { rows: used.row + used.rows, columns: used.column + used.columns } : { rows: 0, columns: 0 };
}

/** Reads one field; references need a port (the workbook) to be read. */
export async function resolveField(text: string, port?: WorkbookPort): Promise<FieldResult> {
  try {
    const t = text.trim();
    const blocks = new Map<string, Cell[][]>();
    let active = "";
    if (t.startsWith("=")) {
      const refs = referencesIn(parseFormula(t));
      if (refs.length && !port) return { ok: false, message: "cell references need an open workbook" };
      if (refs.length && port) active = await port.activeSheet();
      for (const ref of refs) {
        const to = ref.to ?? ref.from;
        const sheet = ref.sheet ?? active;
        // A whole column (B:B) is read within the cells the sheet uses, as the formula engine does.
        const end = spansWholeLines(ref.from, to) ? withinUsed(ref.from, to, await usedExtent(port!, sheet)) : to;
        const range: RangeRef = { sheet, row: ref.from.row, column: ref.from.column, rows: end.row - ref.from.row + 1, columns: end.column - ref.from.column + 1 };
        const block: Block = await port!.read(range);
        // Blank cells reach a function as "", as Excel passes them inside a range.
        blocks.set(blockKey(sheet, ref.from.row, ref.from.column, to.row, to.column), block.map((row) => row.map((c) => (c === null ? "" : c))));
      }
    }
    const value = parseArgument(t, { call: excelFunctions, range: (sheet, from, to) => blocks.get(blockKey(sheet ?? active, from.row, from.column, to.row, to.column)) ?? [[""]] });
    return { ok: true, value };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { ok: false, message: e.message };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

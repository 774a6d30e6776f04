/**
 * The exercise workbook's workings recompute the same in LibreOffice: LibreOffice knows no CRM
 * function, so the CRM answers are frozen to the values the generator cached for them (what Excel
 * with the add-in shows), then LibreOffice recalculates every plain formula of the file. Each must
 * come out as the generator's cached value, with no error, and every check cell as ✓: the plain
 * workings stand on their own in a second spreadsheet program.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { crmCalls, readBook } from "../../scripts/make-exercises.sheet";
import { addressText, Cell, cellAddress, FormulaError } from "../../src/explorer/formula";
import { describeWithLibreOffice, LoCell, LoWorkbook, openInLibreOffice } from "../support/libreoffice";

jest.setTimeout(300_000);

const FILE = path.resolve(__dirname, "../../assets/samples/exercises.xlsx");

/** The workbook with every CRM formula replaced by its cached result (array formulas: their master cell). */
async function withCrmAnswersFrozen(): Promise<{ bytes: Uint8Array; plain: Map<string, Cell>; frozen: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(FILE);
  const { book, cached } = readBook(wb);
  const plain = new Map<string, Cell>();
  let frozen = 0;
  for (const ws of wb.worksheets) {
    const sheet = book.sheets.get(ws.name)!;
    for (const [addr, def] of sheet) {
      if (!("formula" in def)) continue;
      const key = `${ws.name}!${addr}`;
      if (crmCalls(def.formula).length) {
        // Every cell the formula fills: the master cell, and the spilled parts of an array formula.
        const [from, to] = (def.array ?? `${addr}:${addr}`).split(":").map((a) => cellAddress(a)!);
        for (let r = from.row; r <= to.row; r++) {
          for (let c = from.column; c <= to.column; c++) {
            const at = addressText(r, c);
            const v = cached.get(`${ws.name}!${at}`);
            // An empty text result stays text (a formula =""), as in Excel: a reference to it reads "", not 0.
            ws.getCell(at).value = v instanceof FormulaError ? ({ error: v.code } as ExcelJS.CellErrorValue) : v === "" ? ({ formula: '""', result: "" } as ExcelJS.CellFormulaValue) : (v as ExcelJS.CellValue);
          }
        }
        frozen++;
      } else plain.set(key, cached.get(key)!);
    }
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return { bytes, plain, frozen };
}

function same(cached: Cell, lo: { v?: number | string; e?: string } | undefined): boolean {
  if (lo?.e) return false;
  const v = lo?.v ?? "";
  if (typeof cached === "number") return typeof v === "number" && Math.abs(v - cached) <= 1e-9 * Math.max(1, Math.abs(cached));
  if (typeof cached === "boolean") return v === (cached ? 1 : 0) || v === String(cached).toUpperCase();
  return v === cached;
}

describeWithLibreOffice("the exercise workbook's plain workings in LibreOffice", () => {
  let lo: LoWorkbook;
  let plain: Map<string, Cell>;
  let frozen: number;
  beforeAll(async () => {
    const prepared = await withCrmAnswersFrozen();
    ({ plain, frozen } = prepared);
    lo = await openInLibreOffice(prepared.bytes);
  });

  test("every plain formula recomputes to the generator's cached value", () => {
    expect(frozen).toBeGreaterThan(45);
    expect(plain.size).toBeGreaterThan(900);
    const cells = new Map<string, LoCell>(lo.sheets.flatMap((s) => Object.entries(s.cells).map(([addr, c]) => [`${s.name}!${addr}`, c] as [string, LoCell])));
    const wrong: string[] = [];
    for (const [key, cached] of plain) {
      const c = cells.get(key);
      // LibreOffice must have read it as a formula and recalculated it.
      if (!c?.f) wrong.push(`${key}: not a formula in LibreOffice`);
      else if (!same(cached, c)) wrong.push(`${key} ${c.f}: generator ${String(cached)}, LibreOffice ${c.e ?? JSON.stringify(c.v)}`);
    }
    expect(wrong).toEqual([]);
  });

  test("every check cell shows ✓ in LibreOffice, and no working calls a CRM function", () => {
    const checks = lo.sheets.flatMap((s) => Object.entries(s.cells).filter(([, c]) => /"✓"[;,]"✗"/.test(c.f ?? "")).map(([addr, c]) => [`${s.name}!${addr}`, c] as const));
    expect(checks.length).toBeGreaterThan(200);
    expect(checks.filter(([, c]) => c.v !== "✓").map(([k, c]) => `${k}: ${c.e ?? c.v}`)).toEqual([]);
    const crm = lo.sheets.flatMap((s) => Object.entries(s.cells).filter(([, c]) => /CRM\./i.test(c.f ?? "")).map(([addr]) => `${s.name}!${addr}`));
    expect(crm).toEqual([]);
  });
});

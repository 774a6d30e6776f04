/**
 * SUBTOTAL and AGGREGATE in the preview come out as LibreOffice computes them: every function
 * number (SUBTOTAL 1–11, 101–111; AGGREGATE 1–19 with each option 0–7) over ranges that hold a
 * number stored as text, an empty text, nested subtotals and an error, and the export fixture's totals
 * (issue 13: the preview showed 6092.8 for a grand total LibreOffice shows as 1334.5).
 */
import ExcelJS from "exceljs";
import { EXPORT_FIXTURES, exportXlsx } from "../support/exports";
import { addressText, cellAddress } from "../../src/explorer/formula";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { describeWithLibreOffice, LoWorkbook, openInLibreOffice } from "../support/libreoffice";

jest.setTimeout(300_000);

const SHEET = "Totals";
/**
 * Column A: two groups with their subtotals; column B: a nested total, an error, text. No TRUE:
 * LibreOffice has no logical cells (TRUE is 1 shown as TRUE) and counts it where Excel does not.
 */
const A: (string | number)[] = [10, "800元", 5, "=SUBTOTAL(9,A1:A3)", 2.5, 1, "=SUBTOTAL(9,A5:A6)", "", -4];
const B: (string | number)[] = [3, "=SUBTOTAL(9,B1)", "=1/0", 7, "x", 4, "=_xlfn.AGGREGATE(4,6,B1:B6)"];

function formulas(): Map<string, string> {
  const out = new Map<string, string>();
  let row = 0;
  for (const range of ["A1:A9", "B1:B7"]) {
    for (const c of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
      out.set(addressText(row, 3), `SUBTOTAL(${c},${range})`);
      out.set(addressText(row, 4), `SUBTOTAL(${c + 100},${range})`);
      row++;
    }
    for (let c = 1; c <= 19; c++) {
      for (let o = 0; o <= 7; o++) {
        const k = c === 14 || c === 15 ? ",2" : c >= 16 ? (c === 17 || c === 19 ? ",1" : ",0.4") : "";
        out.set(addressText(row, 5 + o), `_xlfn.AGGREGATE(${c},${o},${range}${k})`);
      }
      row++;
    }
    row++;
  }
  // Two ranges at once, and a range with nothing but text.
  out.set(addressText(row, 3), "SUBTOTAL(9,A1:A3,A5:A7)");
  out.set(addressText(row + 1, 3), "SUBTOTAL(1,A2)");
  return out;
}

async function book(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  const put = (addr: string, v: string | number | boolean) => {
    ws.getCell(addr).value = typeof v === "string" && v.startsWith("=") ? ({ formula: v.slice(1) } as ExcelJS.CellFormulaValue) : v;
  };
  A.forEach((v, i) => put(`A${i + 1}`, v));
  B.forEach((v, i) => put(`B${i + 1}`, v));
  for (const [addr, f] of formulas()) put(addr, `=${f}`);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function preview(bytes: Uint8Array): Promise<MemoryWorkbook> {
  const wb = await MemoryWorkbook.fromXlsx(bytes);
  await wb.useFunctions({ functions: [] });
  return wb;
}

describeWithLibreOffice("SUBTOTAL and AGGREGATE: the preview as LibreOffice", () => {
  let lo: LoWorkbook;
  let wb: MemoryWorkbook;
  beforeAll(async () => {
    const bytes = await book();
    [lo, wb] = await Promise.all([openInLibreOffice(bytes), preview(bytes)]);
  });

  test("every function number and option", () => {
    const cells = lo.sheets.find((s) => s.name === SHEET)!.cells;
    const wrong: string[] = [];
    let compared = 0;
    for (const [addr, f] of [...formulas(), ["A4", "SUBTOTAL(9,A1:A3)"], ["A7", "SUBTOTAL(9,A5:A6)"], ["B2", "SUBTOTAL(9,B1)"], ["B7", "_xlfn.AGGREGATE(4,6,B1:B6)"]] as [string, string][]) {
      const at = cellAddress(addr)!;
      const mine = wb.cellView(SHEET, at.row, at.column);
      const theirs = cells[addr];
      compared++;
      const mineError = typeof mine.value === "string" && mine.value.startsWith("#");
      if (theirs?.e !== undefined) {
        if (!mineError) wrong.push(`${addr} ${f}: preview ${JSON.stringify(mine.value)}, LibreOffice ${theirs.e}`);
      } else if (typeof theirs?.v !== "number" || typeof mine.value !== "number" || Math.abs(mine.value - theirs.v) > 1e-9 * Math.max(1, Math.abs(theirs.v))) {
        wrong.push(`${addr} ${f}: preview ${JSON.stringify(mine.value)}, LibreOffice ${JSON.stringify(theirs?.v)}`);
      }
    }
    expect(compared).toBeGreaterThan(350);
    expect(wrong).toEqual([]);
  });
});

describeWithLibreOffice("the zh export's totals: the preview as LibreOffice", () => {
  test("subtotals and grand totals of the frequency and amount columns", async () => {
    const fx = EXPORT_FIXTURES.find((f) => f.name === "rfm-customers-zh")!;
    const bytes = await exportXlsx(fx);
    const [lo, wb] = await Promise.all([openInLibreOffice(bytes), preview(bytes)]);
    const cells = lo.sheets.find((s) => s.name === fx.sheetName)!.cells;
    const addrs = ["D11", "E11", "D21", "E21", "D22", "E22"];
    const mine = addrs.map((a) => wb.cellView(fx.sheetName, cellAddress(a)!.row, cellAddress(a)!.column).value);
    expect(addrs.map((a) => cells[a]?.v)).toEqual(mine);
    expect(mine).toEqual([17, 1234.5, 23, 100, 40, 1334.5]);
  });
});

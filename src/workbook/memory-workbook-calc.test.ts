/**
 * The preview's workbook calculates: the exercise workbook opened in memory recomputes every
 * formula with the add-in's engine, and an edit of a given cell changes every answer that
 * depends on it while the checks stay ✓.
 */
import * as fs from "fs";
import * as path from "path";
import { sourceMetadata } from "../../scripts/make-exercises.sheet";
import { Metadata } from "../explorer/registry";
import { MemoryWorkbook } from "./memory-workbook";

const FILE = path.resolve(__dirname, "../../assets/samples/exercises.xlsx");
const CLV = "CLV模型 CLV models";

let metadata: Metadata;
beforeAll(async () => {
  metadata = await sourceMetadata();
}, 60_000);

async function opened(): Promise<MemoryWorkbook> {
  const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(FILE));
  await wb.useFunctions(metadata);
  return wb;
}

/** Column A's label row by its start, and the value in column `col` of it. */
function rowOf(wb: MemoryWorkbook, label: string): number {
  const { rows } = wb.dimensions(CLV);
  for (let r = 0; r < rows; r++) if (String(wb.cellView(CLV, r, 0).value ?? "").startsWith(label)) return r;
  throw new Error(`no row ${label}`);
}

// Each test opens and recalculates the 19-sheet exercise workbook: seconds on a loaded machine.
jest.setTimeout(30_000);

describe("the memory workbook recalculates", () => {
  const checks = (wb: MemoryWorkbook) => {
    const out: unknown[] = [];
    for (let r = 0; r < wb.dimensions(CLV).rows; r++) if (wb.cellFormula(CLV, r, 3)?.includes('"✓","✗"')) out.push(wb.cellView(CLV, r, 3).value);
    return out;
  };

  test("B8 (years n) 10 → 5: the CRM answers follow; the worked table lists 10 years, so its check turns ✗", async () => {
    const wb = await opened();
    expect(wb.cellView(CLV, 7, 1).value).toBe(10);
    const model1 = rowOf(wb, "模型一：只计收入");
    const model3 = rowOf(wb, "模型三：计服务成本");
    expect(wb.cellView(CLV, model1, 1).value).toBeCloseTo(6710.08, 2);
    expect(checks(wb).every((c) => c === "✓")).toBe(true);
    await wb.enterCell(CLV, 7, 1, { value: 5 });
    // 1000 × the annuity factor at 8 % over 5 years; model 3: 3000 − 500 + 900 × factor.
    expect(wb.cellView(CLV, model1, 1).value).toBeCloseTo(3992.71, 2);
    expect(wb.cellView(CLV, model3, 1).value).toBeCloseTo(2500 + 900 * 3.99271, 1);
    expect(wb.cellView(CLV, model1, 2).value).toBeCloseTo(6710.08, 2);
    expect(wb.cellView(CLV, model1, 3).value).toBe("✗");
    await wb.enterCell(CLV, 7, 1, { value: 10 });
    expect(checks(wb).every((c) => c === "✓")).toBe(true);
  });

  test("B10 (revenue per year) 1000 → 1200: answers and worked twins follow, every check stays ✓", async () => {
    const wb = await opened();
    expect(wb.cellView(CLV, 9, 1).value).toBe(1000);
    const model1 = rowOf(wb, "模型一：只计收入");
    await wb.enterCell(CLV, 9, 1, { value: 1200 });
    expect(wb.cellView(CLV, model1, 1).value).toBeCloseTo(6710.08 * 1.2, 1);
    expect(wb.cellView(CLV, model1, 2).value).toBeCloseTo(6710.08 * 1.2, 1);
    expect(checks(wb).length).toBeGreaterThan(2);
    expect(checks(wb).every((c) => c === "✓")).toBe(true);
  });

  test("a formula typed into a cell computes, shows in the formula bar and is kept for download", async () => {
    const wb = await opened();
    await wb.enterCell(CLV, 200, 1, { formula: "=CRM.CLV(8%,B8,1000)+MAXIFS(B8:B9,B8:B9,\">0\")" });
    expect(wb.cellView(CLV, 200, 1).value).toBeCloseTo(6710.08 + 10, 2);
    expect(wb.cellFormula(CLV, 200, 1)).toBe('=CRM.CLV(8%,B8,1000)+MAXIFS(B8:B9,B8:B9,">0")');
    await wb.enterCell(CLV, 7, 1, { value: 5 });
    expect(wb.cellView(CLV, 200, 1).value).toBeCloseTo(3992.71 + 5, 2);
    const again = await MemoryWorkbook.fromXlsx(await wb.toXlsx());
    expect(again.excel.getWorksheet(CLV)!.getCell("B201").formula).toBe('CRM.CLV(8%,B8,1000)+_xlfn.MAXIFS(B8:B9,B8:B9,">0")');
    expect(again.cellView(CLV, 200, 1).value).toBeCloseTo(3997.71, 2);
  });

  test("a formula replaced by a value: its dependents read the value", async () => {
    const wb = MemoryWorkbook.fromSheets({ S: [[1, 2]] });
    await wb.useFunctions(metadata);
    await wb.enterCell("S", 0, 2, { formula: "=A1+B1" });
    await wb.enterCell("S", 0, 3, { formula: "=C1*10" });
    expect(wb.cellView("S", 0, 3).value).toBe(30);
    await wb.enterCell("S", 0, 2, { value: 7 });
    expect(wb.cellView("S", 0, 3).value).toBe(70);
    expect(wb.cellFormula("S", 0, 2)).toBeUndefined();
    await wb.write("S", 0, 2, [[8]]);
    expect(wb.cellView("S", 0, 3).value).toBe(80);
  });
  test("a whole column: a value typed or written below its last row counts", async () => {
    const wb = MemoryWorkbook.fromSheets({ S: [[1], [2]] });
    await wb.useFunctions(metadata);
    await wb.enterCell("S", 0, 2, { formula: "=SUM(A:A)" });
    await wb.enterCell("S", 1, 2, { formula: "=COUNT($A:$A)+.5" });
    expect([wb.cellView("S", 0, 2).value, wb.cellView("S", 1, 2).value]).toEqual([3, 2.5]);
    await wb.enterCell("S", 9, 0, { value: 7 });
    await wb.write("S", 20, 0, [[1e3]]);
    expect([wb.cellView("S", 0, 2).value, wb.cellView("S", 1, 2).value]).toEqual([1010, 4.5]);
  });
});

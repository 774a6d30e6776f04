/**
 * Realistic export sheets, as Chinese and English sales/ERP systems write them, each with the
 * clean table it stands for. Traps: title rows above the header, an extra name column, numbers
 * as text (thousands separators, ¥ ￥ $ 元 RMB CNY, spaces, full-width digits, accounting and
 * SAP-style negatives, percents), dates as text (2024/3/5, 2024-3-5, 2024.3.5, 2024年3月5日,
 * 20240305, with a time, day-first 05/03/2024) and date cells, subtotal and total rows (labelled,
 * or only SUM/SUBTOTAL formulas), blank separator rows, repeated header rows, a note under the
 * total, #N/A cells, ids written with spaces or in full width.
 *
 * A workflow run on `sheet` (rows with problems skipped) must give what it gives on `clean`.
 */
import ExcelJS from "exceljs";
import { isoToSerial } from "../../src/core/dates";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block, CellValue } from "../../src/workbook/types";
import type { ColumnMapping, FieldId, ProblemKind, WorkflowId } from "../../src/workflows/types";
import { FakeExcel } from "./fake-excel";

/** A cell of an export: a value, a date cell, or a formula with the value Excel last calculated. */
export type ExportCell = CellValue | { date: string } | { formula: string; result: number };

export interface ExportFixture {
  name: string;
  workflow: WorkflowId;
  language: "zh" | "en";
  sheetName: string;
  rows: ExportCell[][];
  /** The same customers as a plain table (header first), as the add-in always could read it. */
  clean: Block;
  /** Sheet row number (1-based) of the header the add-in must find. */
  headerRow: number;
  /** The mapping the guess must give on the export (offsets in its source). */
  mapping: ColumnMapping;
  /** Rows left out, by kind, as sheet row numbers. */
  leftOut: Record<string, number[]>;
  /** Problems expected (kind → sheet rows); their rows are skipped. */
  problems: Partial<Record<ProblemKind, number[]>>;
  readFromText: Partial<Record<FieldId, number>>;
  options: Record<string, unknown>;
}

const d = (iso: string) => ({ date: iso });
const f = (formula: string, result: number) => ({ formula, result });
const serial = (iso: string) => isoToSerial(iso)!;

// ---- RFM, one row per customer (zh) ---------------------------------------------------------

const rfmClean: Block = [
  ["客户编号", "最近消费天数", "消费次数", "消费金额"],
  ["C001", 12, 8, 12269.43],
  ["C002", 25, 3, 1151.29],
  ["C003", 3, 12, 2000],
  ["C004", 90, 1, 500],
  ["C005", 45, 2, 800],
  ["C006", 7, 6, 1234.5],
  ["C007", 200, 1, 99.9],
  ["C008", 30, 4, 3500],
  ["C009", 60, 2, 640],
  ["C010", 15, 5, 2780],
  ["C011", 120, 1, 150],
  ["C012", 5, 9, 8800],
];

const rfmCustomersZh: ExportFixture = {
  name: "rfm-customers-zh",
  workflow: "rfm",
  language: "zh",
  sheetName: "客户汇总",
  rows: [
    ["2024年客户消费汇总表", null, null, null, null],
    ["导出时间：2024-03-31 10:15", null, null, null, "单位：元"],
    [null, null, null, null, null],
    ["客户编号", "客户名称", "最近消费天数", "消费次数", "消费金额"],
    ["C001", "华东机电", 12, 8, "12,269.43"],
    [" C002 ", "申城贸易", " 25 ", "3", "¥1151.29"],
    ["C003", "杭州百货", "３", "１２", "￥2,000.00"],
    ["C004", "苏州五金", 90, 1, "RMB 500"],
    ["C005", "宁波家电", 45, 2, "800元"],
    ["C006", "无锡电子", 7, 6, 1234.5],
    ["小计", null, null, f("=SUBTOTAL(9,D5:D10)", 32), f("=SUBTOTAL(9,E5:E10)", 17955.22)],
    [null, null, null, null, null],
    ["客户编号", "客户名称", "最近消费天数", "消费次数", "消费金额"],
    ["C007", "北方物流", 200, 1, "99.90"],
    ["#N/A", "未匹配客户", 10, 1, 100],
    ["C008", "京津建材", 30, 4, "CNY 3,500"],
    ["C009", "天津港务", 60, 2, " 640 "],
    ["C010", "河北钢铁", 15, 5, "2,780.00"],
    ["C011", "山东食品", 120, 1, "150 元"],
    ["C012", "青岛啤酒", 5, 9, "8,800"],
    ["小计", null, null, f("=SUBTOTAL(9,D14:D20)", 23), f("=SUBTOTAL(9,E14:E20)", 16069.9)],
    [null, null, null, f("=SUBTOTAL(9,D5:D21)", 55), f("=SUBTOTAL(9,E5:E21)", 34025.12)],
    ["制表人：张三", null, null, null, null],
  ],
  clean: rfmClean,
  headerRow: 4,
  mapping: { customer: 0, recency: 2, frequency: 3, monetary: 4 },
  leftOut: { total: [11, 21, 22], blank: [12], header: [13], note: [23] },
  problems: { errorValue: [15] },
  readFromText: { recency: 2, frequency: 2, monetary: 11 },
  options: { mode: "customers" },
};

// ---- RFM, one row per transaction (en), day-first dates --------------------------------------

const TX: [string, string, number][] = [
  ["C001", "2024-01-05", 1234.5],
  ["C002", "2024-01-13", 250],
  ["C001", "2024-02-20", 80],
  ["C003", "2024-03-01", 999.99],
  ["C002", "2024-03-05", 25],
  ["C004", "2023-11-30", 3000],
  ["C001", "2024-03-28", 410.1],
  ["C005", "2024-02-02", 75],
  ["C003", "2024-03-15", 120],
  ["C006", "2023-12-24", 640],
];

const rfmTransactionsEn: ExportFixture = {
  name: "rfm-transactions-en",
  workflow: "rfm",
  language: "en",
  sheetName: "Orders",
  rows: [
    ["Sales order lines", null, null, null],
    ["Exported 31/03/2024 by ERP", null, null, null],
    ["Order No", "Customer ID", "Order date", "Amount"],
    ["SO-1001", "C001", "05/01/2024", "$1,234.50"],
    ["SO-1002", "C002", "13/01/2024", " 250 "],
    ["SO-1003", "C001 ", d("2024-02-20"), "80.00"],
    ["SO-1004", "C003", "2024-3-1", "USD 999.99"],
    ["SO-1005", "Ｃ００２", 20240305, "25"],
    ["SO-1006", "C004", "2023/11/30 14:30", "3,000.00"],
    ["SO-1007", "C001", "28/03/2024", 410.1],
    ["SO-1008", "C005", "2024.2.2", "$75"],
    ["SO-1009", "C003", "2024年3月15日", "１２０"],
    ["SO-1010", "C006", "24/12/2023", "640"],
    ["SO-1011", "C007", "2024/2/30", 50],
    ["SO-1012", "C008", "02/03/2024", "(50.00)"],
    [null, "Total", null, f("=SUM(D4:D15)", 6834.59)],
  ],
  // SO-1006 has a time of day: the clean table keeps it (recency counts from the moment).
  clean: [["Customer ID", "Order date", "Amount"], ...TX.map(([c, iso, a]) => [c, serial(iso) + (iso === "2023-11-30" ? 14.5 / 24 : 0), a])],
  headerRow: 3,
  mapping: { customer: 1, date: 2, amount: 3 },
  leftOut: { total: [16] },
  problems: { notDate: [14], negative: [15] },
  readFromText: { date: 10, amount: 9 },
  options: { mode: "transactions", asOf: serial("2024-03-31") },
};

// ---- customer value (zh): a 合计 row of SUM formulas took 46% and class A ---------------------

const valueZh: ExportFixture = {
  name: "value-zh",
  workflow: "value",
  language: "zh",
  sheetName: "客户利润",
  rows: [
    ["客户利润与保留率（导出）", null, null, null],
    ["客户编号", "每期利润", "保留率", "折现率"],
    ["K01", "¥1,200.00", "80%", "10%"],
    ["K02", "￥800", "75%", "10%"],
    ["K03", "2,500.00元", "90%", "10%"],
    ["K04", " 300 ", "60%", "10%"],
    ["K05", "RMB 1,000", "0.85", "0.1"],
    ["K06", 450, 0.7, 0.1],
    ["合计", f("=SUM(B3:B8)", 6250), null, null],
  ],
  clean: [
    ["客户编号", "每期利润", "保留率", "折现率"],
    ["K01", 1200, 0.8, 0.1],
    ["K02", 800, 0.75, 0.1],
    ["K03", 2500, 0.9, 0.1],
    ["K04", 300, 0.6, 0.1],
    ["K05", 1000, 0.85, 0.1],
    ["K06", 450, 0.7, 0.1],
  ],
  headerRow: 2,
  mapping: { customer: 0, margin: 1, retention: 2, discount: 3 },
  leftOut: { total: [9] },
  problems: {},
  readFromText: { margin: 5, retention: 5, discount: 5 },
  options: { periods: 5 },
};

// ---- receivables aging (en): regions with subtotals, SAP minus, yyyymmdd ----------------------

const agingEn: ExportFixture = {
  name: "aging-en",
  workflow: "aging",
  language: "en",
  sheetName: "Open items",
  rows: [
    ["Open items by region", null, null, null, null],
    ["Customer", "Invoice", "Due date", "Open amount", "Credit limit"],
    ["North", null, null, null, null],
    ["A-100", "INV-1", 20240105, "1,234.00", "50,000"],
    ["A-100", "INV-2", "2024.3.20", "1,000.00-", "50,000"],
    ["B-200", "INV-3", d("2023-12-01"), "$3,000.00", "10,000"],
    ["Subtotal North", null, null, f("=SUBTOTAL(9,D4:D6)", 3234), null],
    ["South", null, null, null, null],
    ["C-300", "INV-4", "2024-2-29", "(200.00)", " 8,000 "],
    ["C-300", "INV-5", "2023/10/15", "4,500.00", "8,000"],
    ["D-400", "INV-6", "2024年4月30日", "750", null],
    [null, null, null, f("=SUBTOTAL(9,D9:D11)", 5050), null],
    ["Grand total", null, null, f("=SUBTOTAL(9,D4:D12)", 8284), null],
  ],
  clean: [
    ["Customer", "Due date", "Open amount", "Credit limit"],
    ["A-100", serial("2024-01-05"), 1234, 50000],
    ["A-100", serial("2024-03-20"), -1000, 50000],
    ["B-200", serial("2023-12-01"), 3000, 10000],
    ["C-300", serial("2024-02-29"), -200, 8000],
    ["C-300", serial("2023-10-15"), 4500, 8000],
    ["D-400", serial("2024-04-30"), 750, null],
  ],
  headerRow: 2,
  mapping: { customer: 0, dueDate: 2, openAmount: 3, creditLimit: 4 },
  leftOut: { heading: [3, 8], total: [7, 12, 13] },
  problems: {},
  readFromText: { dueDate: 5, openAmount: 6, creditLimit: 5 },
  options: { asOf: serial("2024-03-31") },
};

// ---- credit review (zh): full-width ratings, repeated header, #N/A ---------------------------

const creditZh: ExportFixture = {
  name: "credit-zh",
  workflow: "credit",
  language: "zh",
  sheetName: "授信评估",
  rows: [
    ["客户5C评分表", null, null, null, null, null, null],
    ["客户编号", "品格", "能力", "资本", "抵押", "条件", "净资产"],
    ["M01", "４", " 3 ", 5, 4, 3, "¥1,000,000"],
    ["M02", 5, 5, 4, 4, 5, "2,500,000元"],
    [null, null, null, null, null, null, null],
    ["客户编号", "品格", "能力", "资本", "抵押", "条件", "净资产"],
    ["M03", 2, 3, "#N/A", 2, 3, 300000],
    ["M04", 3, 3, 3, 3, 3, "RMB 800,000"],
    ["M05", "１", 2, 2, 1, 2, " 150,000 "],
  ],
  clean: [
    ["客户编号", "品格", "能力", "资本", "抵押", "条件", "净资产"],
    ["M01", 4, 3, 5, 4, 3, 1000000],
    ["M02", 5, 5, 4, 4, 5, 2500000],
    ["M04", 3, 3, 3, 3, 3, 800000],
    ["M05", 1, 2, 2, 1, 2, 150000],
  ],
  headerRow: 2,
  mapping: { customer: 0, character: 1, capacity: 2, capital: 3, collateral: 4, conditions: 5, basis: 6 },
  leftOut: { blank: [5], header: [6] },
  problems: { errorValue: [7] },
  readFromText: { character: 2, capacity: 1, basis: 4 },
  options: {},
};

export const EXPORT_FIXTURES: ExportFixture[] = [rfmCustomersZh, rfmTransactionsEn, valueZh, agingEn, creditZh];

/** Month-first dates that no day over 12 decides: the person is asked once for the column. */
export const UNDECIDED_DATES: Block = [
  ["Customer", "Date", "Amount"],
  ["A", "03/05/2024", 10],
  ["B", "04/06/2024", 20],
  ["A", "01/02/2024", 30],
];

function plain(cell: ExportCell): CellValue {
  if (cell !== null && typeof cell === "object") return "date" in cell ? serial(cell.date) : cell.result;
  return cell;
}

/** The values as the sheet shows them (formulas as their results, date cells as serials). */
export function exportValues(fx: ExportFixture): Block {
  const width = Math.max(...fx.rows.map((r) => r.length));
  return fx.rows.map((r) => Array.from({ length: width }, (_, j) => plain(r[j] ?? null)));
}

/** The export as an .xlsx file (date cells as dates, formulas with their cached results). */
export async function exportXlsx(fx: ExportFixture): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(fx.sheetName);
  fx.rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell === null) return;
      const c = ws.getCell(i + 1, j + 1);
      if (typeof cell === "object" && "date" in cell) {
        c.value = new Date(`${cell.date}T00:00:00Z`);
        c.numFmt = "yyyy-mm-dd";
      } else if (typeof cell === "object") c.value = { formula: cell.formula.slice(1), result: cell.result } as ExcelJS.CellFormulaValue;
      else c.value = cell;
    }),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function exportMemory(fx: ExportFixture): Promise<MemoryWorkbook> {
  return MemoryWorkbook.fromXlsx(await exportXlsx(fx));
}

/** The export in the fake Excel (formulas with their values, date cells as serials). */
export function exportFake(fx: ExportFixture): FakeExcel {
  const fake = new FakeExcel({ [fx.sheetName]: exportValues(fx) });
  fx.rows.forEach((row, i) =>
    row.forEach((cell, j) => {
      if (cell !== null && typeof cell === "object" && "formula" in cell) fake.setFormula(fx.sheetName, i, j, cell.formula, cell.result);
    }),
  );
  return fake;
}

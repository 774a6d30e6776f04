/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * "Open a transactions file…" in the RFM panel, in the preview (memory workbook) and in "Excel"
 * (the Office.js port over the fake): the file's customers land on a new sheet (RFMTABLE's
 * columns, dates and money formatted, ids that look like formulas kept as text), nothing of the
 * person's changes, and RFM then reads that sheet with its columns mapped and runs on it; Cancel
 * while the file is read, a bad row and missing columns leave the workbook as it was, with the
 * reason in the pane's language.
 */
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { App } from "../../src/taskpane/App";
import { Backend, defaultBackend, OpenedWorkbook } from "../../src/taskpane/backend";
import type { TaskControl } from "../../src/offload/runner";
import { isoToSerial } from "../../src/core/dates";
import { RFM_TABLE_HEADER, rfmTable } from "../../src/core/rfm-table";
import { ExcelWorkbook } from "../../src/workbook/excel-workbook";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { AbortedError, type Block, type CellValue } from "../../src/workbook/types";
import { FakeExcel } from "../support/fake-excel";
import { mount, until as untilShown } from "./mount";

jest.setTimeout(90_000);

const MINE: Block = [
  ["Note", "Value"],
  ["keep me", 42],
];

/** 3,000 transactions of 400 customers, among them ids Excel would take for formulas. */
function transactions() {
  const ids: string[] = [];
  const dates: string[] = [];
  const amounts: number[] = [];
  const odd = ["=1+1", "+86 10", "-5", "@x", "客户甲"];
  for (let i = 0; i < 3_000; i++) {
    const k = (i * 7919) % 400;
    ids.push(k < odd.length ? odd[k] : `C${k}`);
    dates.push(new Date(Date.UTC(2023, 0, 1) + ((i * 31) % 500) * 86_400_000).toISOString().slice(0, 10));
    amounts.push(((i * 104_729) % 90_000) / 100);
  }
  const csv = "Customer ID,Order date,Amount\n" + ids.map((id, i) => `"${id}",${dates[i]},${amounts[i]}`).join("\n") + "\n";
  return { ids, dates, amounts, csv };
}

const DATA = transactions();
/** The RFM form's as-of date (a sample's in the preview, else today): the file's recency counts to it. */
const formAsOf = () => isoToSerial([...panel().querySelectorAll("input")].map((i) => i.value).find((v) => /^\d{4}-\d\d-\d\d$/.test(v))!)!;

let container: HTMLDivElement;
// Reading and writing 3,000 transactions in jsdom takes a few seconds on a loaded machine.
const until = (done: () => boolean, what: string) => untilShown(done, what, 30_000);

const panel = () => container.querySelector('[data-workflow="rfm"]')!;
const outcome = () => panel()?.querySelector("[data-testid=transactions-file-outcome]")?.textContent ?? "";

async function render(element: React.JSX.Element) {
  container = await mount(element);
  await until(() => !!container.querySelector("#wf-tab-rfm"), "the workflow tabs");
  await act(async () => (container.querySelector("#wf-tab-rfm") as HTMLButtonElement).click());
  await until(() => !!panel()?.querySelector("[data-testid=transactions-file]"), "the RFM panel");
}

async function choose(content: string, name = "orders.csv") {
  const input = panel().querySelector<HTMLInputElement>('input[type=file][accept^=".csv"]')!;
  const file = new File([content], name, { type: "text/csv" });
  await act(async () => {
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function button(name: string): HTMLButtonElement {
  const found = [...panel().querySelectorAll("button")].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button ${name} in: ${panel().textContent}`);
  return found;
}

/** RFMTABLE of the transactions as the sheet holds it: header, then one row per customer. */
function expected(language: "zh" | "en"): CellValue[][] {
  const rt = rfmTable(DATA.ids, DATA.dates, DATA.amounts, formAsOf());
  return [[...RFM_TABLE_HEADER[language]], ...rt.ids.map((id, i) => [id, rt.recency[i], rt.frequency[i], rt.monetary[i], rt.first[i], rt.last[i]])];
}

function preview(book: MemoryWorkbook, fileCustomers: Backend["fileCustomers"] = defaultBackend.fileCustomers): Backend {
  return { ...defaultBackend, fetchBytes: async () => new ArrayBuffer(8), exists: async () => false, openXlsx: async () => book as unknown as OpenedWorkbook, fileCustomers };
}

async function cells(book: MemoryWorkbook, sheet: string): Promise<Block> {
  const used = await book.usedRange(sheet);
  return used ? book.read(used) : [];
}

test.each(["en", "zh"] as const)("preview (%s): a CSV's customers on a new sheet, the person's sheet untouched; RFM reads it mapped and runs", async (language) => {
  const book = MemoryWorkbook.fromSheets({ Mine: MINE });
  await render(<App host={{ kind: "preview" }} language={language} backend={preview(book)} />);
  await choose(DATA.csv);
  await until(() => outcome() !== "", "the outcome");
  const sheet = language === "zh" ? "客户汇总" : "Customers (from file)";
  expect(outcome()).toContain(language === "zh" ? `已从 orders.csv 读取 3,000 笔交易，400 位客户写入新工作表“${sheet}”` : `Read 3,000 transactions from orders.csv; 400 customers written to the new sheet “${sheet}”`);
  expect(book.sheetNames()).toEqual(["Mine", sheet]);
  expect(await cells(book, "Mine")).toEqual(MINE);
  expect(await cells(book, sheet)).toEqual(expected(language));
  expect(book.cellFormula(sheet, 1, 0)).toBeUndefined();
  expect(book.cellView(sheet, 1, 4).numberFormat).toBe("yyyy-mm-dd");
  expect(book.cellView(sheet, 1, 3).numberFormat).toBe("#,##0.00");
  expect(await book.activeSheet()).toBe(sheet);
  // RFM's source is now the new sheet, one row per customer, every field mapped.
  await until(() => (panel().querySelector("[data-testid=source-summary]")?.textContent ?? "").includes("401"), "the new sheet as the source");
  expect(panel().querySelector("[data-testid=source-summary]")?.textContent).toMatch(language === "zh" ? /400 行数据/ : /400 data rows/);
  await act(async () => button(language === "zh" ? "运行" : "Run").click());
  await until(() => /完成|Done/.test(panel().textContent ?? ""), "the RFM run");
  expect(book.sheetNames()).toContain(language === "zh" ? "RFM汇总" : "RFM summary");
  expect(await cells(book, "Mine")).toEqual(MINE);

  // A second file gets a sheet of its own, " (2)".
  await choose(DATA.csv);
  await until(() => outcome().includes(`${sheet} (2)`), "the second sheet");
  expect(book.sheetNames()).toContain(`${sheet} (2)`);
});

test("a bad row stops the file with its row and line; missing columns are named; nothing is written", async () => {
  const book = MemoryWorkbook.fromSheets({ Mine: MINE });
  await render(<App host={{ kind: "preview" }} language="en" backend={preview(book)} />);
  await choose("customer,date,amount\nA,2024-01-02,5\nB,2024-13-40,6\n", "bad.csv");
  await until(() => outcome() !== "", "the outcome");
  expect(outcome()).toMatch(/^bad\.csv has a bad row; nothing was written: dates row 2.*\(line 3 of the file\)/);
  await act(async () => button("Dismiss").click());
  await choose("who,when\nA,2024-01-02\n", "odd.csv");
  await until(() => outcome() !== "", "the outcome");
  expect(outcome()).toContain("odd.csv has no column for: Customer ID, Date, Amount (its columns: who, when). Nothing was written.");
  expect(book.sheetNames()).toEqual(["Mine"]);
  expect(await cells(book, "Mine")).toEqual(MINE);
});

test("dates that read both ways: the pane asks day or month first, then reads the file with the answer; exports' dates and amounts read (zh)", async () => {
  const book = MemoryWorkbook.fromSheets({ Mine: MINE });
  await render(<App host={{ kind: "preview" }} language="zh" backend={preview(book)} />);
  await choose('customer,date,amount\nA,03/05/2023,"1,234.50"\nB,20230307,¥12\nA,2023年3月9日,(2.50)\n', "erp.csv");
  await until(() => !!panel().querySelector("[data-testid=transactions-file-date-order]"), "the day/month question");
  expect(outcome()).toContain("erp.csv 的日期如 03/05/2023，看不出先写日还是先写月。请选择，文件将重新读取：");
  expect(book.sheetNames()).toEqual(["Mine"]);
  await act(async () => button("日/月/年").click());
  await until(() => outcome().includes("已从 erp.csv 读取 3 笔交易"), "the file read day-first");
  expect(panel().querySelector("[data-testid=transactions-file-date-order]")).toBeNull();
  const rows = await cells(book, "客户汇总");
  // A: 2023-05-03 (day first) and 2023-03-09, 1,234.50 − 2.50; B: 2023-03-07, ¥12
  expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5]])).toEqual([
    ["A", 2, 1232, isoToSerial("2023-03-09"), isoToSerial("2023-05-03")],
    ["B", 1, 12, isoToSerial("2023-03-07"), isoToSerial("2023-03-07")],
  ]);
});

test("columns the headers do not name: picked from the file's own, then the file is read with them (zh)", async () => {
  const book = MemoryWorkbook.fromSheets({ Mine: MINE });
  await render(<App host={{ kind: "preview" }} language="zh" backend={preview(book)} />);
  const csv = "who,when,paid\n" + DATA.ids.map((id, i) => `"${id}",${DATA.dates[i]},${DATA.amounts[i]}`).join("\n") + "\n";
  await choose(csv, "导出.csv");
  await until(() => !!panel().querySelector("[data-testid=transactions-file-columns]"), "the column picker");
  expect(outcome()).toContain("（文件的列：who、when、paid）");
  const picker = panel().querySelector("[data-testid=transactions-file-columns]")!;
  expect(picker.textContent).toContain("请为 导出.csv 选择列，然后重新读取：");
  const pick = async (label: string, header: string) => {
    const select = picker.querySelector<HTMLSelectElement>(`select[aria-label="${label}"]`)!;
    expect([...select.options].map((o) => o.value)).toEqual(["", "who", "when", "paid"]);
    await act(async () => {
      select.value = header;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
  };
  const labels = [...picker.querySelectorAll("select")].map((x) => x.getAttribute("aria-label"));
  expect(labels).toHaveLength(3);
  await pick(labels[0]!, "who");
  await pick(labels[1]!, "when");
  await pick(labels[2]!, "paid");
  await act(async () => button("按所选列读取").click());
  await until(() => outcome().includes("位客户写入新工作表"), "the customers written");
  expect(panel().querySelector("[data-testid=transactions-file-columns]")).toBeNull();
  expect(await cells(book, "客户汇总")).toEqual(expected("zh"));
  expect(await cells(book, "Mine")).toEqual(MINE);
});

test("more customers than a sheet holds: refused in the pane's language, with the command line to use, nothing written", async () => {
  const book = MemoryWorkbook.fromSheets({ Mine: MINE });
  const tooMany: Backend["fileCustomers"] = async () => ({ status: "tooManyCustomers", customers: 1_048_576, rows: 9_000_000 });
  await render(<App host={{ kind: "preview" }} language="zh" backend={preview(book, tooMany)} />);
  await choose("ignored", "all.parquet");
  await until(() => outcome() !== "", "the outcome");
  expect(outcome()).toContain("all.parquet 有 1,048,576 位客户，一张工作表最多容纳 1,048,575 位（另有标题行）：未写入任何内容。请改用命令行：crm rfm all.parquet --rows transactions -o 结果.csv");
  expect(book.sheetNames()).toEqual(["Mine"]);
});

test("Cancel while the file is read: its progress shows, then the workbook stays as it was", async () => {
  const book = MemoryWorkbook.fromSheets({ Mine: MINE });
  let control: TaskControl | undefined;
  const reading: Backend["fileCustomers"] = (_file, _asOf, c) => {
    control = c;
    c?.onProgress?.({ phase: "readFile", done: 40, total: 100, rows: 120_000, customers: 9_876 });
    return new Promise((_resolve, reject) => c?.signal?.addEventListener("abort", () => reject(new AbortedError())));
  };
  await render(<App host={{ kind: "preview" }} language="en" backend={preview(book, reading)} />);
  await choose(DATA.csv, "huge.csv");
  await until(() => !!panel().querySelector("[data-testid=file-progress]"), "the progress");
  const progress = panel().querySelector("[data-testid=file-progress]")!;
  expect(progress.textContent).toContain("Summing up huge.csv");
  expect(progress.textContent).toContain("Reading transactions: 40% · 120,000 transactions, 9,876 customers");
  // RFM waits while its source is about to change.
  expect(button("Read source").disabled).toBe(true);
  await act(async () => [...progress.querySelectorAll("button")].find((b) => b.textContent === "Cancel")!.click());
  await until(() => outcome() !== "", "the outcome");
  expect(control?.signal?.aborted).toBe(true);
  expect(outcome()).toContain("Cancelled; the workbook is as it was.");
  expect(panel().querySelector("[data-testid=file-progress]")).toBeNull();
  expect(book.sheetNames()).toEqual(["Mine"]);
  expect(await cells(book, "Mine")).toEqual(MINE);
  await until(() => !button("Open a transactions file…").disabled, "the file button enabled again");
});

test("Excel (Office.js port over the fake): the customers on a new sheet, ids as text, no formula, the person's sheet untouched", async () => {
  const excel = new FakeExcel({ Mine: MINE });
  const backend: Backend = { ...defaultBackend, excelWorkbook: () => new ExcelWorkbook(excel.run) };
  await render(<App host={{ kind: "excel", platform: "PC" }} language="zh" backend={backend} />);
  await choose(DATA.csv);
  await until(() => outcome() !== "", "the outcome");
  expect(outcome()).toContain("400 位客户写入新工作表“客户汇总”");
  expect(excel.sheetNames()).toEqual(["Mine", "客户汇总"]);
  expect(excel.values("Mine")).toEqual(MINE);
  expect(excel.values("客户汇总")).toEqual(expected("zh"));
  expect(excel.formulaCount()).toBe(0);
  expect(excel.numberFormatAt("客户汇总", 1, 5)).toBe("yyyy-mm-dd");
  await until(() => /400 行数据/.test(panel().querySelector("[data-testid=source-summary]")?.textContent ?? ""), "the new sheet as the source");
});

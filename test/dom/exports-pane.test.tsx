/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Real exports in the pane inside "Excel" (the App on the Office.js adapter over the fake): the
// day/month question answered with its buttons, a problem clicked selects its cell, the problem
// list copied, and Remove results takes the run's own output off and nothing else.
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { App } from "../../src/taskpane/App";
import { Backend, defaultBackend } from "../../src/taskpane/backend";
import { ExcelWorkbook } from "../../src/workbook/excel-workbook";
import { EXPORT_FIXTURES, UNDECIDED_DATES, exportFake } from "../support/exports";
import { FakeExcel } from "../support/fake-excel";
import { mount, until } from "./mount";

let container: HTMLDivElement;


function button(within: Element, name: string | RegExp): HTMLButtonElement {
  const found = [...within.querySelectorAll("button")].find((b) => (typeof name === "string" ? b.textContent === name : name.test(b.textContent ?? "")));
  if (!found) throw new Error(`no button ${String(name)} in: ${within.textContent}`);
  return found;
}

async function click(el: HTMLElement) {
  await act(async () => el.click());
}

async function openPane(excel: FakeExcel, language: "zh" | "en") {
  const backend: Backend = { ...defaultBackend, excelWorkbook: () => new ExcelWorkbook(excel.run) };
  container = await mount(<App host={{ kind: "excel", platform: "PC" }} language={language} backend={backend} />);
  await act(async () => (container.querySelector("#wf-tab-rfm") as HTMLButtonElement).click());
  return () => container.querySelector('[data-workflow="rfm"]')!;
}

test("a column of 03/05/2024 dates asks day or month first once; the answer reads them and the problems go", async () => {
  const excel = new FakeExcel({ Tx: UNDECIDED_DATES });
  const panel = await openPane(excel, "en");
  await until(() => /3 data rows/.test(panel()?.textContent ?? ""), "the source");
  await click(button(panel(), "Validate data"));
  const question = () => container.querySelector("[data-testid=date-order-date]");
  await until(() => !!question(), "the date question");
  expect(container.querySelectorAll("[data-testid^=date-order-]")).toHaveLength(1);
  expect(question()!.textContent).toContain("such as 03/05/2024, 04/06/2024, 01/02/2024");
  expect(question()!.textContent).toContain("(column B)");
  await click(button(question()!, "Month/day/year"));
  await until(() => !question() && /3 read from text|Date 3/.test(panel().textContent ?? ""), "the answer to be applied");
  expect(panel().querySelector("details[data-kind=dateOrder]")).toBeNull();
  await click(button(panel(), "Run"));
  await until(() => !!container.querySelector("[data-testid=result-rfm]"), "the result");
  // Three transactions of two customers: A and B.
  expect(excel.sheetNames()).toContain("RFM customers");
  const customers = excel.values("RFM customers");
  expect(customers.slice(1).map((r) => r[0])).toEqual(["A", "B"]);
  // Month-first: A's first purchase is 2 January 2024 and last 5 March 2024 (serials 45293 and 45356).
  expect(customers[1].slice(4, 6)).toEqual([45293, 45356]);
  expect(excel.values("Tx")).toEqual(UNDECIDED_DATES);
}, 60_000);

test("a problem clicked selects its cell in Excel; Copy puts the grouped list on the clipboard; Remove results takes the run's output off and nothing else", async () => {
  const fx = EXPORT_FIXTURES.find((f) => f.name === "rfm-customers-zh")!;
  const excel = exportFake(fx);
  const source = excel.values(fx.sheetName).map((r) => r.slice());
  const copied: string[] = [];
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
  const panel = await openPane(excel, "zh");
  await until(() => /标题在第 4 行/.test(panel()?.textContent ?? ""), "the header found");
  await click(button(panel(), "检查数据"));
  await until(() => !!panel().querySelector("details[data-kind=errorValue]"), "the problem groups");
  expect(panel().querySelector("details[data-kind=errorValue] summary")!.textContent).toBe("错误值（#N/A 等）（客户编号，A 列）: 1 行");

  // The #N/A id is in A15: clicking it selects that cell on the export's sheet.
  await click(panel().querySelector("details[data-kind=errorValue] li button") as HTMLButtonElement);
  await until(() => excel.selected !== null, "the selection");
  expect(excel.selected).toEqual({ sheet: fx.sheetName, row: 14, column: 0, rows: 1, columns: 1 });

  await click(button(panel(), "复制问题列表"));
  await until(() => copied.length === 1, "the copy");
  expect(copied[0]).toContain("错误值（#N/A 等）（客户编号，A 列）: 1 行");
  expect(copied[0]).toContain("A15");
  await until(() => /已复制/.test(panel().textContent ?? ""), "the copied note");

  await click(button(panel(), /跳过有问题的行/));
  await until(() => !!container.querySelector("[data-testid=result-rfm]"), "the result");
  const sheetsWithResult = excel.sheetNames();
  expect(sheetsWithResult).toContain("RFM汇总");
  expect(excel.values(fx.sheetName)[3].length).toBeGreaterThan(source[3].length);

  await click(button(panel(), "移除结果"));
  await until(() => !excel.sheetNames().includes("RFM汇总"), "the removal");
  // The export is as it was: its values, every column the run wrote blank again, no other sheet gone.
  const after = excel.values(fx.sheetName);
  expect(after.map((r) => r.slice(0, source[0].length))).toEqual(source);
  expect(after.every((r) => r.slice(source[0].length).every((v) => v === null || v === ""))).toBe(true);
  expect(excel.sheetNames()).toEqual(sheetsWithResult.filter((n) => n !== "RFM汇总"));
}, 60_000);

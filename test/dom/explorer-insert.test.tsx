/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The function explorer's "Insert into the selected cell" button on the workbook port's
// insertFormula: in Excel through the Office.js adapter over the counting fake, and on the
// preview's in-memory workbook (where the pane's computed value is kept, since nothing there
// calculates CRM functions).
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { ExplorerView } from "../../src/taskpane/explorer/Explorer";
import { invoke, type Metadata } from "../../src/explorer/registry";
import { ExcelWorkbook } from "../../src/workbook/excel-workbook";
import { FakeExcel } from "../support/fake-excel";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { WorkbookPort } from "../../src/workbook/types";
import { mount, until } from "./mount";

const METADATA: Metadata = {
  functions: [
    {
      id: "CLV",
      name: "CLV",
      description: "Customer lifetime value",
      parameters: [
        { name: "rate", type: "any" },
        { name: "periods", type: "any", optional: true },
        { name: "revenue", type: "any", dimensionality: "matrix", optional: true },
      ],
    },
  ],
};

let container: HTMLDivElement;


const button = (name: string) => [...container.querySelectorAll("button")].find((b) => b.textContent === name);

/** The explorer with =CRM.CLV(8%, 10, 1000) loaded through its paste box. */
async function explorerWith(port: WorkbookPort, inExcel: boolean): Promise<void> {
  container = await mount(<ExplorerView language="en" port={port} inExcel={inExcel} load={async () => METADATA} />);
  await until(() => !!container.querySelector("[data-testid=explorer-paste]"));
  const paste = container.querySelector("[data-testid=explorer-paste]") as HTMLInputElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(paste, "=CRM.CLV(8%, 10, 1000)");
    paste.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => button("Fill in")!.click());
  await until(() => (container.querySelector("[data-testid=explorer-formula]") as HTMLInputElement | null)?.value === "=CRM.CLV(8%, 10, 1000)");
}

test("in Excel the button appears with the Office.js workbook and puts the formula into the selected cell", async () => {
  const excel = new FakeExcel({ Sheet1: [["rate", 0.08]] });
  excel.selected = { sheet: "Sheet1", row: 4, column: 2, rows: 3, columns: 2 };
  await explorerWith(new ExcelWorkbook(excel.run), true);
  const insert = button("Insert into the selected cell");
  expect(insert).toBeDefined();
  await act(async () => insert!.click());
  await until(() => /Inserted/.test(container.textContent ?? ""));
  expect(excel.formulaAt("Sheet1", 4, 2)).toBe("=CRM.CLV(8%, 10, 1000)");
  expect(excel.formulaCount()).toBe(1);
});

test("with the in-memory workbook the same button writes the formula into the grid's selected cell", async () => {
  const wb = MemoryWorkbook.fromSheets({ Sheet1: [["rate", 0.08]] });
  wb.setSelection({ sheet: "Sheet1", row: 1, column: 1, rows: 1, columns: 1 });
  await explorerWith(wb, true);
  await act(async () => button("Insert into the selected cell")!.click());
  await until(() => /Inserted/.test(container.textContent ?? ""));
  expect(wb.excel.getWorksheet("Sheet1")!.getCell("B2").formula).toBe("CRM.CLV(8%, 10, 1000)");
  expect(wb.cellView("Sheet1", 1, 1).text).toBe("=CRM.CLV(8%, 10, 1000)");
});

test("in the preview the formula goes into the selected cell with the value the pane computed", async () => {
  const wb = MemoryWorkbook.fromSheets({ Sheet1: [["rate", 0.08]] });
  wb.setSelection({ sheet: "Sheet1", row: 1, column: 1, rows: 1, columns: 1 });
  await explorerWith(wb, false);
  const insert = button("Insert into the selected cell");
  expect(insert).toBeDefined();
  await act(async () => insert!.click());
  await until(() => /Inserted/.test(container.textContent ?? ""));
  const expected = invoke(METADATA.functions[0], [0.08, 10, 1000]);
  expect(expected.kind).toBe("value");
  expect(wb.excel.getWorksheet("Sheet1")!.getCell("B2").formula).toBe("CRM.CLV(8%, 10, 1000)");
  expect(wb.cellView("Sheet1", 1, 1).value).toBe(expected.kind === "value" ? expected.value : undefined);
});

test("with no cell selected the pane says so instead of failing quietly", async () => {
  const wb = MemoryWorkbook.fromSheets({ Sheet1: [["rate", 0.08]] });
  await explorerWith(wb, false);
  await act(async () => button("Insert into the selected cell")!.click());
  await until(() => /Select a cell/.test(container.textContent ?? ""));
  expect(container.textContent).not.toContain("Inserted");
});

/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// ExcelJS's dependencies ship ESM for the "browser" condition jsdom asks for; jest wants CommonJS.
/**
 * The function explorer in the preview: "Insert into the selected cell" puts the formula into
 * the grid's selected cell with the value computed in the pane (the in-memory workbook cannot
 * calculate CRM functions), and says so when no cell is selected.
 */
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { createRoot, Root } from "react-dom/client";
import { ExplorerView } from "../../src/taskpane/explorer/Explorer";
import { invoke, type Metadata } from "../../src/taskpane/explorer/registry";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";

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
let root: Root;
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
  if (!done()) throw new Error(`timed out; page says: ${container.textContent}`);
}

const button = (name: string) => [...container.querySelectorAll("button")].find((b) => b.textContent === name);

async function previewExplorer(wb: MemoryWorkbook): Promise<void> {
  container = document.createElement("div");
  document.body.appendChild(container);
  root = createRoot(container);
  await act(async () => root.render(<ExplorerView language="en" port={wb} inExcel={false} load={async () => METADATA} />));
  await until(() => !!container.querySelector("[data-testid=explorer-paste]"));
  const paste = container.querySelector("[data-testid=explorer-paste]") as HTMLInputElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(paste, "=CRM.CLV(8%, 10, 1000)");
    paste.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => button("Fill in")!.click());
  await until(() => (container.querySelector("[data-testid=explorer-formula]") as HTMLInputElement | null)?.value === "=CRM.CLV(8%, 10, 1000)");
}

test("in the preview the formula goes into the selected cell with the value the pane computed", async () => {
  const wb = MemoryWorkbook.fromSheets({ Sheet1: [["rate", 0.08]] });
  wb.setSelection({ sheet: "Sheet1", row: 1, column: 1, rows: 1, columns: 1 });
  await previewExplorer(wb);
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
  await previewExplorer(wb);
  await act(async () => button("Insert into the selected cell")!.click());
  await until(() => /Select a cell/.test(container.textContent ?? ""));
  expect(container.textContent).not.toContain("Inserted");
});

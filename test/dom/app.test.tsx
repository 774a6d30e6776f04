/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// ExcelJS's dependencies ship ESM for the "browser" condition jsdom asks for; jest wants CommonJS.
/**
 * The App in jsdom with the real engine on an in-memory workbook: in Excel the pane alone (Excel
 * is the grid), in the preview the pane beside the sample picker, grid and download.
 */
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { App } from "../../src/taskpane/App";
import { Backend, defaultBackend, OpenedWorkbook } from "../../src/taskpane/backend";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { mount, until } from "./mount";

// Opening the sample and switching the language twice takes seconds, not jest's default 5, on a loaded machine.
jest.setTimeout(30_000);


const SHEET = {
  Credit: [
    ["Customer ID", "Character", "Capacity", "Capital", "Collateral", "Conditions", "Net working capital"],
    ["B1", 4, 5, 4, 4, 5, 105000],
    ["B2", 2, 2, 3, 1, 2, 50000],
  ],
};

function backend(fetched: string[]): Backend {
  return {
    ...defaultBackend,
    excelWorkbook: () => MemoryWorkbook.fromSheets(SHEET),
    fetchBytes: async (url) => {
      fetched.push(url);
      const bytes = await MemoryWorkbook.fromSheets(SHEET).toXlsx();
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    openXlsx: (bytes) => MemoryWorkbook.fromXlsx(bytes) as Promise<OpenedWorkbook>,
    exists: async () => false,
  };
}

let container: HTMLDivElement;

async function render(element: React.JSX.Element, shown: () => boolean) {
  container = await mount(element);
  await until(shown, "the pane", 20_000);
}

const sourceRead = () => /data rows/.test(container.querySelector("[data-testid=source-summary]")?.textContent ?? "");
const buttons = () => [...container.querySelectorAll("button")].map((b) => b.textContent);

test("in Excel: the pane reads the active sheet, and shows no grid, picker or download", async () => {
  await render(<App host={{ kind: "excel", platform: "PC" }} language="en" backend={backend([])} />, sourceRead);
  expect(container.querySelector("main")?.getAttribute("data-host")).toBe("excel");
  expect(container.querySelector("[data-testid=source-summary]")?.textContent).toBe("Credit!A1:G3: 2 data rows (first row is the header)");
  expect(container.querySelector("[role=grid]")).toBeNull();
  expect(buttons()).not.toContain("Download workbook");
  expect(buttons()).toContain("Run");
});

test("in the preview: the default sample opens beside the pane, with its grid and the download button", async () => {
  const fetched: string[] = [];
  // The grid is drawn a frame after the pane (WorkbookView): wait for both.
  await render(<App host={{ kind: "preview" }} language="zh" backend={backend(fetched)} />, () => (sourceRead() || /行数据/.test(container.textContent ?? "")) && !!container.querySelector("[role=grid]"));
  expect(fetched).toEqual(["assets/samples/customers.xlsx"]);
  expect(container.querySelector("[role=grid]")?.getAttribute("aria-label")).toBe("工作表 Credit");
  expect(buttons()).toContain("下载工作簿");
  expect(container.querySelector("[data-testid=source-summary]")?.textContent).toBe("Credit!A1:G3：2 行数据（首行为标题）");
});

test("the language switch turns the pane, the page title and ?lang= to English and back, without reopening the workbook", async () => {
  const fetched: string[] = [];
  await render(<App host={{ kind: "preview" }} language="zh" backend={backend(fetched)} />, () => /行数据/.test(container.textContent ?? ""));
  expect(document.title).toBe("CRM 客户分析");
  expect(container.querySelector("h1")?.textContent).toBe("CRM 客户分析");
  const radio = (name: string) => [...container.querySelectorAll<HTMLInputElement>("[data-testid=language-switch] input[type=radio]")].find((r) => r.labels?.[0]?.textContent === name)!;
  expect(radio("中文").checked).toBe(true);
  await act(async () => radio("English").click());
  expect(container.querySelector("h1")?.textContent).toBe("CRM Analytics");
  expect(document.title).toBe("CRM Analytics");
  expect(document.documentElement.lang).toBe("en");
  expect(new URL(window.location.href).searchParams.get("lang")).toBe("en");
  expect(container.querySelector("[data-testid=source-summary]")?.textContent).toBe("Credit!A1:G3: 2 data rows (first row is the header)");
  expect(buttons()).toContain("Download workbook");
  await act(async () => radio("中文").click());
  expect(document.title).toBe("CRM 客户分析");
  expect(buttons()).toContain("下载工作簿");
  // The sample was fetched once: switching the language keeps the open workbook.
  expect(fetched).toEqual(["assets/samples/customers.xlsx"]);
});

/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
/**
 * Opening a file in the preview: a file past a preview limit says why in the pane's language
 * (the limit's own text, not a TypeError or both languages run together); while a file opens,
 * its phase and rows show with a Cancel that stops it and leaves the open workbook as it was.
 */
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { App } from "../../src/taskpane/App";
import { Backend, defaultBackend, OpenedWorkbook } from "../../src/taskpane/backend";
import type { TaskControl } from "../../src/offload/runner";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import { AbortedError } from "../../src/workbook/types";
import { PreviewLimitError, checkSheets } from "../../src/workbook/upload-limits";
import { gbkBytes } from "../support/gbk";
import { mount, until } from "./mount";

jest.setTimeout(90_000);

const SHEET = { Credit: [["Customer ID", "Character"], ["B1", 4]] };

let container: HTMLDivElement;

async function render(element: React.JSX.Element, shown: () => boolean) {
  container = await mount(element);
  await until(shown);
}
const waitFor = (shown: () => boolean) => until(shown);

const text = () => container.textContent ?? "";

/** Picks a file in the toolbar's "Open .xlsx file…" input, as a person choosing one does. */
async function chooseFile(name: string, content = new Uint8Array(8)): Promise<void> {
  const input = container.querySelector<HTMLInputElement>('input[type=file][accept^=".xlsx"]')!;
  const file = new File([content], name);
  Object.defineProperty(file, "arrayBuffer", { value: async () => content.slice().buffer });
  await act(async () => {
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
const bytes = async () => new ArrayBuffer(8);

function refusing(): Backend {
  const verdict = checkSheets([{ name: "Huge", lastRow: 10, lastColumn: 16_384, cells: 1 }]);
  if (verdict.ok) throw new Error("expected a refusal");
  return { ...defaultBackend, fetchBytes: bytes, exists: async () => false, openXlsx: async () => Promise.reject(new PreviewLimitError(verdict)) };
}

test.each([
  ["zh", "无法打开工作簿：工作表“Huge”用到第 16,384 列，预览最多显示 2,000 列：请删除远处的单元格或在 Excel 中打开", "uses 16,384 columns"],
  ["en", 'Could not open the workbook: Sheet "Huge" uses 16,384 columns; the preview shows up to 2,000: delete the far cells or open the file in Excel', "用到第"],
] as const)("a file past a preview limit says why, in %s only", async (language, shown, otherLanguage) => {
  await render(<App host={{ kind: "preview" }} language={language} backend={refusing()} />, () => text().includes(shown));
  expect(text()).toContain(shown);
  expect(text()).not.toContain(otherLanguage);
  expect(container.querySelector("[data-testid=file-progress]")).toBeNull();
});

test("while a file opens its phase and rows show with Cancel; Cancel stops it and the open workbook stays", async () => {
  let opens = 0;
  let control: TaskControl | undefined;
  const backend: Backend = {
    ...defaultBackend,
    fetchBytes: bytes,
    exists: async () => false,
    openXlsx: (_bytes, c) => {
      opens++;
      if (opens === 1) return Promise.resolve(MemoryWorkbook.fromSheets(SHEET) as OpenedWorkbook);
      control = c;
      c?.onProgress?.({ phase: "build", done: 40_000, total: 100_000 });
      return new Promise((_resolve, reject) => c?.signal?.addEventListener("abort", () => reject(new AbortedError())));
    },
  };
  await render(<App host={{ kind: "preview" }} language="en" backend={backend} />, () => !!container.querySelector("[role=grid]"));
  await chooseFile("big.xlsx");
  await waitFor(() => !!container.querySelector("[data-testid=file-progress]") && text().includes("40,000"));
  const progress = container.querySelector("[data-testid=file-progress]")!;
  expect(progress.textContent).toContain("Opening big.xlsx");
  expect(progress.textContent).toContain("Loading rows: 40,000 of 100,000");
  expect(progress.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow")).toBe("0.4");
  const cancel = [...progress.querySelectorAll("button")].find((b) => b.textContent === "Cancel")!;
  await act(async () => cancel.click());
  await waitFor(() => !container.querySelector("[data-testid=file-progress]"));
  expect(control?.signal?.aborted).toBe(true);
  expect(container.querySelector("[data-testid=file-progress]")).toBeNull();
  expect(text()).not.toContain("Could not open");
  // The workbook that was open is still the one shown.
  expect(container.querySelector("[role=grid]")?.getAttribute("aria-label")).toBe("Sheet Credit");
  expect(container.querySelector("[data-testid=open-file]")).toBeNull();
});

test("the page's first workbook opening shows its progress after a moment, without a Cancel (nothing to go back to)", async () => {
  const backend: Backend = {
    ...defaultBackend,
    fetchBytes: bytes,
    exists: async () => false,
    openXlsx: (_bytes, c) => {
      c?.onProgress?.({ phase: "build", done: 10_000, total: 100_000 });
      return new Promise(() => undefined);
    },
  };
  await render(<App host={{ kind: "preview" }} language="en" backend={backend} />, () => !!container.querySelector("[data-testid=file-progress]"));
  const progress = container.querySelector("[data-testid=file-progress]")!;
  expect(progress.textContent).toContain("Loading rows: 10,000 of 100,000");
  expect([...progress.querySelectorAll("button")].map((b) => b.textContent)).toEqual([]);
});

describe("the bar shows 300 ms after the task started, however late it is first drawn", () => {
  const bar = async (started: number) => {
    const { FileProgress, ProgressFeed } = await import("../../src/taskpane/preview/FileProgress");
    const { mount } = await import("./mount");
    return mount(<FileProgress language="en" task={{ kind: "open", name: "big.xlsx", started }} feed={new ProgressFeed()} />);
  };
  const wait = (ms: number) => act(async () => new Promise((r) => setTimeout(r, ms)));

  test("drawn 400 ms after the task started (a busy page held the transition back): at once", async () => {
    const container = await bar(performance.now() - 400);
    await wait(20);
    expect(container.querySelector("[data-testid=file-progress]")).not.toBeNull();
  });

  test("drawn as the task starts: not before the 300 ms, then shown", async () => {
    const container = await bar(performance.now());
    await wait(20);
    expect(container.querySelector("[data-testid=file-progress]")).toBeNull();
    await wait(320);
    expect(container.querySelector("[data-testid=file-progress]")).not.toBeNull();
  });
});

test("a workbook just opened: the old pane goes, then the new pane comes, then its grid, each drawn on its own", async () => {
  // What the page shows after each commit: is the pane there (its tabs), is the grid there, and which sheet.
  const seen: string[] = [];
  const look = () => {
    const pane = !!container.querySelector('[role=tablist][aria-label="Sections"]');
    const grid = container.querySelector("[role=grid]")?.getAttribute("aria-label") ?? "no grid";
    const state = `${pane ? "pane" : "no pane"} / ${grid}`;
    if (seen[seen.length - 1] !== state) seen.push(state);
  };
  const next = { Orders: [["Customer ID", "Amount"], ["B1", 4]] };
  let opens = 0;
  const backend: Backend = {
    ...defaultBackend,
    fetchBytes: bytes,
    exists: async () => false,
    openXlsx: async () => MemoryWorkbook.fromSheets(opens++ === 0 ? SHEET : next) as OpenedWorkbook,
  };
  await render(<App host={{ kind: "preview" }} language="en" backend={backend} />, () => !!container.querySelector("[role=grid]"));
  const observer = new MutationObserver(look);
  observer.observe(container, { childList: true, subtree: true, attributes: true });
  look();
  await chooseFile("next.xlsx");
  await waitFor(() => container.querySelector("[role=grid]")?.getAttribute("aria-label") === "Sheet Orders");
  observer.disconnect();
  expect(seen).toEqual(["pane / Sheet Credit", "no pane / no grid", "pane / no grid", "pane / Sheet Orders"]);
});

test("a .csv opens as one sheet named after the file (GBK or UTF-8), codes with leading zeros kept as text", async () => {
  let opens = 0;
  const backend: Backend = {
    ...defaultBackend,
    fetchBytes: bytes,
    exists: async () => false,
    openXlsx: async (data, control, name) => (opens++ === 0 ? (MemoryWorkbook.fromSheets(SHEET) as OpenedWorkbook) : defaultBackend.openXlsx(data, control, name)),
  };
  await render(<App host={{ kind: "preview" }} language="zh" backend={backend} />, () => !!container.querySelector("[role=grid]"));
  expect(container.querySelector('input[type=file][accept^=".xlsx"]')?.getAttribute("accept")).toContain(".csv");
  await chooseFile("应收账款.csv", gbkBytes("客户编号,到期日,未收金额\n007,2024/3/5,\"1,200.50\"\nK2,20240310,300\n"));
  await waitFor(() => container.querySelector("[role=grid]")?.getAttribute("aria-label") === "工作表 应收账款");
  const cells = () => [...container.querySelectorAll("[role=gridcell]")].map((c) => c.textContent);
  await waitFor(() => cells().includes("007"));
  expect(cells()).toEqual(expect.arrayContaining(["客户编号", "007", "2024/3/5", "1,200.50", "K2", "20240310", "300"]));
});

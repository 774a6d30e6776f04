/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// ExcelJS's dependencies ship ESM for the "browser" condition jsdom asks for; jest wants CommonJS.
/**
 * The preview grid as Excel draws a sheet: a merge is one cell (its text once, across its
 * columns and rows), and text runs on over the empty cells to its right.
 */
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { mount } from "./mount";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { PreviewWorkbook, RangeRef } from "../../src/workbook/types";
import { EXTRA_COLUMNS, EXTRA_ROWS, ROW_HEIGHT, SheetGrid } from "../../src/taskpane/preview/SheetGrid";

const STATEMENT = "假设客户与公司保持交易时间 n = 10 年，公司最初吸引每个客户的成本 C₀ = ¥500。 / A customer stays n = 10 years.";
const NOTE = "Blue cells hold the given data: change them and the answers follow.";

function book(): MemoryWorkbook {
  return MemoryWorkbook.fromSheets({
    练习: [
      ["Exercise 1", null, null, null],
      [STATEMENT, null, null, null],
      ["n", 10, "r", 0.08],
      ["Year", "Factor", null, null],
      [null, null, null, null],
      [null, null, null, null],
      [NOTE, null, "C7", null],
    ],
  });
}

let container: HTMLDivElement;

async function render(workbook: PreviewWorkbook, onSelect?: (range: RangeRef | null) => void, onEdit?: (row: number, column: number, text: string) => void) {
  container = await mount(
    <FluentProvider theme={webLightTheme}>
      <SheetGrid workbook={workbook} sheet="练习" version={workbook.version} language="en" onSelect={onSelect} onEdit={onEdit} />
    </FluentProvider>,
  );
}

const cell = (ref: string) => container.querySelector<HTMLElement>(`[role=gridcell][data-ref="${ref}"]`);
const px = (el: HTMLElement | null) => Number.parseFloat(el?.style.width ?? "NaN");
const columnWidth = (letter: string) => px([...container.querySelectorAll<HTMLElement>("[role=columnheader]")].find((h) => h.textContent === letter) ?? null);

test("a merge across columns shows its text once, in one cell as wide as its columns", async () => {
  const wb = book();
  wb.excel.getWorksheet("练习")!.mergeCells("A2:D2");
  const selected: (RangeRef | null)[] = [];
  await render(wb, (r) => selected.push(r));
  expect(cell("A2")?.textContent).toBe(STATEMENT);
  expect(cell("A2")?.getAttribute("aria-colspan")).toBe("4");
  for (const ref of ["B2", "C2", "D2"]) expect(cell(ref)).toBeNull();
  expect(container.textContent?.split(STATEMENT)).toHaveLength(2);
  expect(px(cell("A2"))).toBe(columnWidth("A") + columnWidth("B") + columnWidth("C") + columnWidth("D"));
  // The statement does not make column A as wide as itself.
  expect(columnWidth("A")).toBeLessThan(120);
  // Cells outside the merge are as before.
  expect(cell("B3")?.textContent).toBe("10");

  // Clicking the merge selects all of it, and the bar above the grid reads its whole text.
  await act(async () => cell("A2")!.click());
  expect(selected.at(-1)).toEqual({ sheet: "练习", row: 1, column: 0, rows: 1, columns: 4 });
  expect(container.querySelector("[data-testid=cell-readout]")?.textContent).toBe(`A2: ${STATEMENT}`);
});

test("a merge over rows is one cell as tall as its rows; the rows below draw nothing there", async () => {
  const wb = book();
  wb.excel.getWorksheet("练习")!.mergeCells("A4:B6");
  await render(wb);
  expect(cell("A4")?.textContent).toBe("Year");
  expect(cell("A4")?.style.height).toBe(`${3 * ROW_HEIGHT}px`);
  expect(cell("A4")?.getAttribute("aria-rowspan")).toBe("3");
  for (const ref of ["B4", "A5", "B5", "A6", "B6"]) expect(cell(ref)).toBeNull();
  expect(cell("C5")).not.toBeNull();
});

test("merges the workbook port reports are used when it has them", async () => {
  const wb = book();
  const withMerges = Object.assign(wb, { mergedAreas: (sheet: string): RangeRef[] => [{ sheet, row: 0, column: 0, rows: 1, columns: 3 }] });
  await render(withMerges);
  expect(cell("A1")?.getAttribute("aria-colspan")).toBe("3");
  expect(cell("B1")).toBeNull();
  expect(cell("D1")).not.toBeNull();
});

test("text runs on over empty cells to its right and stops at the next filled one", async () => {
  await render(book());
  const note = cell("A7")!;
  const span = note.querySelector("span");
  expect(span?.textContent).toBe(NOTE);
  // Room: column A and the empty B7, not C7 which holds text.
  expect(px(span)).toBe(columnWidth("A") + columnWidth("B") - 8);
  expect(cell("B7")).not.toBeNull();
  expect(cell("C7")?.textContent).toBe("C7");
  // Short text and numbers stay in their cell.
  expect(cell("A3")?.querySelector("span")).toBeNull();
  expect(cell("B3")?.querySelector("span")).toBeNull();
});

test("empty rows and columns go on past the used range, and a value can be typed there", async () => {
  const edits: [number, number, string][] = [];
  await render(book(), undefined, (row, column, text) => edits.push([row, column, text]));
  // 7 rows × 4 columns are used.
  expect(container.querySelector("[role=grid]")?.getAttribute("aria-rowcount")).toBe(String(7 + EXTRA_ROWS + 1));
  expect(container.querySelector("[role=grid]")?.getAttribute("aria-colcount")).toBe(String(4 + EXTRA_COLUMNS + 1));
  expect(container.querySelector("[data-testid=cell-readout]")?.textContent).toBe("7 rows × 4 columns");
  const beyond = cell("F9")!;
  expect(beyond.textContent).toBe("");
  await act(async () => beyond.dispatchEvent(new MouseEvent("dblclick", { bubbles: true })));
  const input = container.querySelector<HTMLInputElement>('input[aria-label="Edit cell F9"]')!;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, "42");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
  // Written once, though the input also loses the focus.
  expect(edits).toEqual([[8, 5, "42"]]);

  // Escape leaves the cell as it was.
  await act(async () => cell("A3")!.dispatchEvent(new MouseEvent("dblclick", { bubbles: true })));
  const again = container.querySelector<HTMLInputElement>('input[aria-label="Edit cell A3"]')!;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(again, "typed by mistake");
    again.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => again.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
  expect(edits).toEqual([[8, 5, "42"]]);
  expect(container.querySelector('input[aria-label="Edit cell A3"]')).toBeNull();
});

test("a column width set on the sheet (the add-in's output columns) is drawn as Excel draws it: 7 px a character and 5 px", async () => {
  const wb = book();
  await wb.formatAll([{ range: { sheet: "练习", row: 0, column: 1, rows: 1, columns: 1 }, format: { columnWidth: 14 } }]);
  await render(wb);
  expect(columnWidth("B")).toBe(14 * 7 + 5);
  // Columns without a width keep the grid's own, from their text.
  expect(columnWidth("C")).toBeGreaterThanOrEqual(64);
});

test("what is typed in the formula bar survives a new workbook version (rows arriving, a recalculation) and is entered by Enter", async () => {
  const edits: [number, number, string][] = [];
  const wb = book();
  let bump: () => void = () => undefined;
  function Harness() {
    const [version, setVersion] = React.useState(0);
    bump = () => setVersion((v) => v + 1);
    return (
      <FluentProvider theme={webLightTheme}>
        <SheetGrid workbook={wb} sheet="练习" version={version} language="en" onEdit={(row, column, text) => edits.push([row, column, text])} />
      </FluentProvider>
    );
  }
  container = await mount(<Harness />);
  await act(async () => cell("B3")!.click());
  const bar = container.querySelector<HTMLInputElement>('input[aria-label="Formula bar"]')!;
  expect(bar.value).toBe("10");
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(bar, "=B3*2");
    bar.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => bump());
  expect(bar.value).toBe("=B3*2");
  await act(async () => bar.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
  expect(edits).toEqual([[2, 1, "=B3*2"]]);
  // Once entered, the bar shows the cell again.
  expect(bar.value).toBe("10");
});

test("rows still on their way are marked busy, and only those", async () => {
  const wb = book();
  const pending = new Set([2, 4]);
  const seen = Object.assign(Object.create(wb) as PreviewWorkbook, { rowPending: (_sheet: string, row: number) => pending.has(row) });
  await render(seen);
  const busy = [...container.querySelectorAll<HTMLElement>('[role=row][aria-busy="true"]')].map((r) => r.getAttribute("aria-rowindex"));
  expect(busy).toEqual(["4", "6"]);
  // A workbook without the question (one in the page) never marks a row.
  await render(wb);
  expect(container.querySelectorAll("[role=row][aria-busy]")).toHaveLength(0);
});

test("a text that may not fit its cell is clipped with an ellipsis; one that fits is not clipped at all", async () => {
  const wb = MemoryWorkbook.fromSheets({ 练习: [["short", "x"], ["a text far too long for the width of its column, with a neighbour", "y"]] });
  wb.excel.getWorksheet("练习")!.getColumn(1).width = 10;
  await render(wb);
  const overflow = (ref: string) => getComputedStyle(cell(ref)!).overflow;
  expect(overflow("A2")).toBe("hidden");
  expect(getComputedStyle(cell("A2")!).textOverflow).toBe("ellipsis");
  expect(overflow("A1")).not.toBe("hidden");
  expect(overflow("B1")).not.toBe("hidden");
});

test("a sheet's first drawing shows its top rows; the rest of the screen follows a frame later", async () => {
  const rows = Array.from({ length: 60 }, (_, r) => [`row ${r + 1}`]);
  const wb = MemoryWorkbook.fromSheets({ 练习: rows });
  const drawnRows = () => container.querySelectorAll("[role=row][aria-rowindex]").length;
  container = document.createElement("div");
  document.body.appendChild(container);
  const { createRoot } = await import("react-dom/client");
  const root = createRoot(container);
  // The first commit alone, before any timer or frame has run.
  act(() =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <SheetGrid workbook={wb} sheet="练习" version={wb.version} language="en" />
      </FluentProvider>,
    ),
  );
  const first = drawnRows();
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  const later = drawnRows();
  await act(async () => root.unmount());
  container.remove();
  expect(first).toBeLessThanOrEqual(13); // the header row and 12
  expect(later).toBeGreaterThan(20); // a screenful (600 px in jsdom) and the overscan
});

/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The pane inside "Excel": the App on the Office.js workbook adapter over the counting fake of
// Excel's API, as a person clicks through a credit review.
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { App } from "../../src/taskpane/App";
import { Backend, defaultBackend } from "../../src/taskpane/backend";
import { ExcelWorkbook } from "../../src/workbook/excel-workbook";
import { FakeExcel } from "../support/fake-excel";
import { mount, until } from "./mount";

let container: HTMLDivElement;


function click(within: Element, name: string) {
  const button = [...within.querySelectorAll("button")].find((b) => b.textContent === name);
  if (!button) throw new Error(`no button ${name}`);
  return act(async () => button.click());
}

test("credit review in Excel writes its columns and summary sheet through Office.js", async () => {
  const excel = new FakeExcel({
    Credit: [
      ["Customer ID", "Character", "Capacity", "Capital", "Collateral", "Conditions", "Net working capital"],
      ["B0001", 4, 5, 4, 4, 5, 105000],
      ["B0002", 2, 2, 3, 1, 2, 50000],
    ],
  });
  const backend: Backend = { ...defaultBackend, excelWorkbook: () => new ExcelWorkbook(excel.run) };
  container = await mount(<App host={{ kind: "excel", platform: "PC" }} language="en" backend={backend} />);

  await act(async () => (container.querySelector("#wf-tab-credit") as HTMLButtonElement).click());
  const panel = () => container.querySelector('[data-workflow="credit"]');
  await until(() => /2 data rows/.test(panel()?.textContent ?? ""));
  await click(panel()!, "Run");
  await until(() => !!container.querySelector("[data-testid=result-credit]"));

  const sheet = excel.values("Credit");
  const col = (h: string) => sheet[0].indexOf(h);
  expect([col("Credit·5C score"), col("Credit·Grade"), col("Credit·Suggested limit"), col("Credit·Credit days")].every((c) => c > 6)).toBe(true);
  expect([sheet[1][col("Credit·5C score")], sheet[1][col("Credit·Grade")], sheet[1][col("Credit·Suggested limit")], sheet[1][col("Credit·Credit days")]]).toEqual([88, "AA", 8400, 33]);
  expect(excel.sheetNames()).toContain("Credit review summary");
  expect(excel.charts("Credit review summary").length).toBeGreaterThan(0);
  expect(container.querySelector("[role=grid]")).toBeNull();
  // A whole pane render and run in jsdom takes more than 5 s on a loaded 2-core machine.
}, 30_000);

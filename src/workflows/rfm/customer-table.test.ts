/**
 * The customer sheet written from a transactions file, over the fake Excel (its payload limits
 * enforced): a table too large for one request goes in blocks under Excel's ~5 MB per request with
 * calculation suspended, every value as RFMTABLE gave it (ids that look like formulas or numbers
 * stay text), dates and money formatted; a name already taken gets " (2)"; a cancel mid-write
 * takes the new sheet off again.
 */
import { RFM_TABLE_HEADER, type RfmTable } from "../../core/rfm-table";
import { ExcelWorkbook } from "../../workbook/excel-workbook";
import { AbortedError } from "../../workbook/types";
import { FakeExcel } from "../../../test/support/fake-excel";
import { customerTableSheet, writeCustomerSheet } from "./customer-table";

jest.setTimeout(120_000);

function table(n: number): RfmTable {
  const odd = ["=SUM(A1)", "+86 10 1234", "-5", "@x", "00123"];
  const f = (g: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => g(i));
  return {
    ids: Array.from({ length: n }, (_, i) => (i < odd.length ? odd[i] : `Customer-${String(i).padStart(8, "0")}-with-a-much-longer-id-than-most-shops-use`)),
    recency: f((i) => i % 700),
    frequency: f((i) => 1 + (i % 40)),
    monetary: f((i) => ((i * 7919) % 500_000) / 100),
    first: f((i) => 44_927 + (i % 300)),
    last: f((i) => 45_227 + (i % 300)),
  };
}

test("60,000 customers (~6 MB of values): blocks under the payload limit, exact values, formats, the person's sheet untouched", async () => {
  const excel = new FakeExcel({ Mine: [["a", 1]], 客户汇总: [["taken"]] });
  const rt = table(60_000);
  const { sheet, customers } = await writeCustomerSheet(new ExcelWorkbook(excel.run), rt, "zh");
  expect({ sheet, customers }).toEqual({ sheet: "客户汇总 (2)", customers: 60_000 });
  expect(excel.values(sheet)).toEqual(customerTableSheet(rt, "zh").block);
  expect(excel.values(sheet)[0]).toEqual([...RFM_TABLE_HEADER.zh]);
  expect(excel.values(sheet)[1][0]).toBe("=SUM(A1)");
  expect(excel.formulaCount()).toBe(0);
  expect(excel.stats.rejected).toBe(0);
  expect(excel.stats.maxRequestBytes).toBeLessThan(5_000_000);
  expect(excel.stats.requests.filter((r) => r.cellsWritten > 0).length).toBeGreaterThan(2);
  expect(excel.stats.writesWithCalculation).toBe(0);
  expect(excel.numberFormatAt(sheet, 5, 4)).toBe("yyyy-mm-dd");
  expect(excel.numberFormatAt(sheet, 5, 3)).toBe("#,##0.00");
  expect(excel.values("Mine")).toEqual([["a", 1]]);
  expect(excel.values("客户汇总")).toEqual([["taken"]]);
});

test("a cancel while the customers are written removes the new sheet", async () => {
  const excel = new FakeExcel({ Mine: [["a", 1]] });
  const controller = new AbortController();
  const pending = writeCustomerSheet(new ExcelWorkbook(excel.run), table(60_000), "en", { signal: controller.signal, onProgress: () => controller.abort() });
  await expect(pending).rejects.toBeInstanceOf(AbortedError);
  // (The add-in's hidden data sheet may appear: the settings of the removed sheet are cleared there.)
  expect(excel.sheetNames().filter((n) => excel.visibility(n) === "Visible")).toEqual(["Mine"]);
  expect(excel.values("Mine")).toEqual([["a", 1]]);
});

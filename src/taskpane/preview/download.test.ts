import { resultFileName } from "./download";

test("the downloaded result is named after the opened file, as .xlsx, never the opened name itself", () => {
  expect(resultFileName("customers.xlsx")).toBe("customers-results.xlsx");
  expect(resultFileName("应收账款.CSV")).toBe("应收账款-results.xlsx");
  expect(resultFileName("report.2024.xlsx")).toBe("report.2024-results.xlsx");
  expect(resultFileName(".xlsx")).toBe("workbook-results.xlsx");
});

/**
 * A messy sales-system export end to end in the browser preview: open the .xlsx, the pane finds
 * the header under the title rows, says which rows it left out (小计 / SUBTOTAL rows, blank,
 * repeated header, the note under the total) and what it read from text, groups the problems,
 * a click on a problem selects its cell in the grid, and the run scores the customers (and only
 * them) as the clean table.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { EXPORT_FIXTURES, exportXlsx } from "../support/exports";
import { BrowserSession, openSession, settledText } from "./harness";

let s: BrowserSession;
let page: Page;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-exports-"));

beforeAll(async () => {
  s = await openSession();
  page = s.page;
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  expect(s.pageErrors).toEqual([]);
});

async function cell(ref: string): Promise<string> {
  const box = page.getByRole("textbox", { name: "定位单元格" });
  await box.fill(ref);
  await box.press("Enter");
  return settledText(page, ref);
}

test("RFM on a messy zh export: header found, totals left out and named, problems grouped and clickable, customers scored", async () => {
  const fx = EXPORT_FIXTURES.find((f) => f.name === "rfm-customers-zh")!;
  const file = path.join(dir, "销售导出.xlsx");
  fs.writeFileSync(file, await exportXlsx(fx));
  await page.goto(`${s.server.url}/preview.html?sample=customers&lang=zh`);
  await page.getByTestId("source-summary").filter({ hasText: "行数据" }).first().waitFor({ timeout: 20000 });
  await page.getByLabel("选择要打开的 .xlsx 或 .csv 文件").setInputFiles(file);
  const p = page.getByRole("tabpanel", { name: "客户分群 (RFM)" });
  const summary = p.getByTestId("source-summary");
  await summary.filter({ hasText: "标题在第 4 行" }).waitFor({ timeout: 20000 });
  expect(await summary.textContent()).toBe("客户汇总!A4:E23：19 行数据（标题在第 4 行，其上 3 行表头说明未计入）");

  await p.getByRole("button", { name: "检查数据" }).click();
  const notes = p.getByTestId("source-notes");
  await notes.waitFor();
  const said = (await notes.textContent()) ?? "";
  for (const line of ["第 11 行“小计”是合计行，未计入", "第 12 行是空行，未计入", "第 13 行是重复的标题行，未计入", "第 22 行“=SUBTOTAL(9,D5:D21)”是合计行，未计入", "第 23 行“制表人：张三”是表尾说明，未计入", "由文本读出的值：最近消费天数 2，消费次数 2，消费金额 11"]) {
    expect(said).toContain(line);
  }
  const group = p.locator("details[data-kind=errorValue] summary");
  expect(await group.textContent()).toBe("错误值（#N/A 等）（客户编号，A 列）: 1 行");

  // A click on the problem selects its cell in the grid.
  await p.locator("details[data-kind=errorValue] li button").click();
  // The grid follows the workbook a frame after it changes (session.ts): wait for the selection to show.
  await page.locator('[role=grid] [data-ref="A15"][aria-selected="true"]').waitFor({ timeout: 10000 });
  expect(await page.locator('[role=grid] [role=gridcell][aria-selected="true"]').count()).toBe(1);

  await p.getByRole("button", { name: /跳过有问题的行/ }).click();
  await p.getByTestId("result-rfm").waitFor({ timeout: 30000 });
  await page.getByRole("tab", { name: "客户汇总" }).click();
  await page.screenshot({ path: path.join(os.tmpdir(), "crm-exports-rfm.png"), fullPage: false });
  // RFM code column I: customers scored, total rows left blank; the source cells as they were.
  expect(await cell("I5")).toBe("445");
  expect(await cell("I20")).toBe("555");
  expect(await cell("I11")).toBe("");
  expect(await cell("I22")).toBe("");
  expect(await cell("I15")).toBe("");
  expect(await cell("E5")).toBe("12,269.43");
  // The grand total is still the export's own formula, recalculated as Excel and LibreOffice do
  // (the subtotals and the amounts stored as text left out: 1234.5 + 100), once the engine has
  // loaded; not the exporter's cached 34025.12, nor the 6092.8 of a SUBTOTAL that counted them.
  await cell("E22");
  await page.locator('[role=grid] [data-ref="E22"]').filter({ hasText: /^1,?334\.5$/ }).waitFor({ timeout: 20000 });
  await page.locator('[role=grid] [data-ref="E22"]').click();
  expect(await page.getByRole("textbox", { name: "编辑栏" }).inputValue()).toBe("=SUBTOTAL(9,E5:E21)");
  expect(await cell("E11")).toMatch(/^1,?234\.5$/);
}, 90_000);

/**
 * The four workflows end to end in the browser preview (Debian Chromium): open a sample, run the
 * workflow from the task pane, check the written columns and the summary sheet in the grid, then
 * download the workbook and read it back with ExcelJS.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Locator, Page } from "playwright-core";
import { BrowserSession, openSession } from "./harness";

let s: BrowserSession;
let page: Page;
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "crm-downloads-"));

beforeAll(async () => {
  s = await openSession();
  page = s.page;
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});
afterEach(() => {
  expect(s.pageErrors).toEqual([]);
});

/** Opens the preview on a sample and waits until the pane has read the source. */
async function openSample(sample: string, lang = "en"): Promise<void> {
  await page.goto(`${s.server.url}/preview.html?sample=${sample}&lang=${lang}`);
  await page.getByTestId("source-summary").filter({ hasText: lang === "en" ? "data rows" : "行数据" }).first().waitFor({ timeout: 20000 });
}

function panel(name: string): Locator {
  return page.getByRole("tabpanel", { name });
}

async function openWorkflow(name: string): Promise<Locator> {
  await page.getByRole("tab", { name }).click();
  const p = panel(name);
  await p.getByTestId("source-summary").filter({ hasText: "data rows" }).waitFor();
  return p;
}

/** The grid's text of one cell (scrolls it into view with the "go to" box first). */
async function cell(ref: string): Promise<string> {
  await page.getByRole("textbox", { name: "Go to cell" }).fill(ref);
  await page.getByRole("textbox", { name: "Go to cell" }).press("Enter");
  const c = page.locator(`[role=grid] [data-ref="${ref}"]`);
  await c.waitFor();
  return (await c.textContent()) ?? "";
}

/** Header texts of sheet row 1 as the grid shows them. */
async function headerRow(): Promise<string[]> {
  await page.getByRole("textbox", { name: "Go to cell" }).fill("A1");
  await page.getByRole("textbox", { name: "Go to cell" }).press("Enter");
  return page.locator('[role=grid] [role=row][aria-rowindex="2"] [role=gridcell]').allTextContents();
}

async function activeSheet(): Promise<string> {
  return (await page.getByRole("grid").getAttribute("data-sheet")) ?? "";
}

async function showSheet(name: string): Promise<void> {
  await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name, exact: true }).click();
  await page.locator(`[role=grid][data-sheet="${name}"]`).waitFor();
}

async function download(): Promise<ExcelJS.Workbook> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
  const target = path.join(downloads, file.suggestedFilename());
  await file.saveAs(target);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(target);
  return wb;
}

function headersOf(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (c) => out.push(c.text));
  return out;
}

function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  const i = headersOf(ws).indexOf(header);
  if (i < 0) throw new Error(`no column ${header} on ${ws.name}: ${headersOf(ws).join(", ")}`);
  return i + 1;
}

test("the grid is virtualised: a 3,000-row sheet keeps few rows in the page and scrolls to any row", async () => {
  await openSample("customers");
  const rows = await page.locator("[role=grid] [role=row]").count();
  expect(rows).toBeLessThan(80);
  expect(await page.getByRole("grid").getAttribute("aria-rowcount")).toBe("3002");
  expect(await cell("A3001")).toBe("C03000");
  expect(await page.locator("[role=grid] [role=row]").count()).toBeLessThan(80);
});

test("RFM on the customer sample: problems by row, skip them, columns, summary sheet and chart, download", async () => {
  await openSample("customers");
  const p = await openWorkflow("Segment customers (RFM)");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  const problems = p.getByRole("list", { name: "Problems" });
  await problems.waitFor();
  const listed = await problems.locator("li").allTextContents();
  expect(listed.some((t) => t.startsWith("Row 13, column G"))).toBe(true);
  expect(listed.some((t) => t.startsWith("Row 59, column F"))).toBe(true);
  expect(listed.some((t) => t.startsWith("Row 242, column A"))).toBe(true);
  expect(listed.some((t) => t.startsWith("Row 1504, column G"))).toBe(true);
  await p.getByRole("button", { name: /^Skip \d+ bad rows and run$/ }).click();
  const result = p.getByTestId("result-rfm");
  await result.waitFor({ timeout: 30000 });

  await showSheet("客户");
  const headers = await headerRow();
  for (const h of ["RFM·R", "RFM·F", "RFM·M", "RFM·Code", "RFM·Segment"]) expect(headers).toContain(h);
  const segmentColumn = String.fromCharCode(65 + headers.indexOf("RFM·Segment"));
  expect(await cell(`${segmentColumn}2`)).not.toBe("");
  expect(await cell(`${segmentColumn}13`)).toBe(""); // a skipped row gets no result

  await result.getByRole("button", { name: /^Show summary sheet/ }).click();
  await page.locator('[role=grid][data-sheet="RFM summary"]').waitFor();
  await page.getByRole("img").first().waitFor();

  const wb = await download();
  const customers = wb.getWorksheet("客户")!;
  const seg = columnOf(customers, "RFM·Segment");
  const code = columnOf(customers, "RFM·Code");
  expect(customers.getCell(2, seg).text).not.toBe("");
  expect(customers.getCell(13, seg).text).toBe("");
  const codeText = String(customers.getCell(2, code).value);
  expect(codeText).toMatch(/^[1-5]{3}$/);
  const summary = wb.getWorksheet("RFM summary");
  expect(summary).toBeDefined();
});

test("RFM on transactions writes a customer sheet", async () => {
  await openSample("transactions");
  const p = await openWorkflow("Segment customers (RFM)");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByTestId("result-rfm").waitFor({ timeout: 30000 });
  const wb = await download();
  expect(wb.getWorksheet("RFM customers")).toBeDefined();
  expect(wb.getWorksheet("RFM summary")).toBeDefined();
});

test("customer value, receivables aging and credit review on their samples", async () => {
  await openSample("customers");
  let p = await openWorkflow("Customer value");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByRole("button", { name: /^Skip \d+ bad rows and run$/ }).click();
  await p.getByTestId("result-value").waitFor({ timeout: 30000 });
  let wb = await download();
  expect(headersOf(wb.getWorksheet("客户")!)).toEqual(expect.arrayContaining(["CLV·Lifetime value", "CLV·ABC class", "CLV·Pyramid tier"]));

  await openSample("invoices");
  p = await openWorkflow("Receivables aging");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByRole("button", { name: /^Skip \d+ bad rows and run$/ }).click();
  await p.getByTestId("result-aging").waitFor({ timeout: 30000 });
  expect(await activeSheet()).toBeTruthy();
  wb = await download();
  expect(headersOf(wb.getWorksheet("应收账款")!)).toEqual(expect.arrayContaining(["Aging·Days past due", "Aging·Bucket"]));
  expect(wb.getWorksheet("Aging report")).toBeDefined();

  await openSample("credit");
  p = await openWorkflow("Credit review");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByTestId("result-credit").waitFor({ timeout: 30000 });
  wb = await download();
  expect(headersOf(wb.getWorksheet("Credit")!)).toEqual(expect.arrayContaining(["Credit·5C score", "Credit·Grade", "Credit·Suggested limit", "Credit·Credit days"]));
});

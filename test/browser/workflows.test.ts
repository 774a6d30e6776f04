/**
 * The workflows end to end in the browser preview (Debian Chromium): open a sample, run the
 * workflow from the task pane, check the written columns and the summary sheet in the grid, then
 * download the workbook and read it back with ExcelJS.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Locator, Page } from "playwright-core";
import { BrowserSession, openSession, settledRowTexts, settledText } from "./harness";

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
  return page.getByRole("tabpanel", { name, exact: true });
}

// Exact names: "Customer value" is also part of "Predict customer value".
async function openWorkflow(name: string): Promise<Locator> {
  await page.getByRole("tab", { name, exact: true }).click();
  const p = panel(name);
  await p.getByTestId("source-summary").filter({ hasText: "data rows" }).waitFor();
  return p;
}

/** The grid's text of one cell (scrolls it into view with the "go to" box first). */
async function cell(ref: string): Promise<string> {
  await page.getByRole("textbox", { name: "Go to cell" }).fill(ref);
  await page.getByRole("textbox", { name: "Go to cell" }).press("Enter");
  return settledText(page, ref);
}

/** Header texts of sheet row 1 as the grid shows them. */
async function headerRow(): Promise<string[]> {
  await page.getByRole("textbox", { name: "Go to cell" }).fill("A1");
  await page.getByRole("textbox", { name: "Go to cell" }).press("Enter");
  return settledRowTexts(page, 2);
}

async function activeSheet(): Promise<string> {
  return (await page.getByRole("grid").getAttribute("data-sheet")) ?? "";
}

async function showSheet(name: string): Promise<void> {
  await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name, exact: true }).click();
  await page.locator(`[role=grid][data-sheet="${name}"]`).waitFor();
}

/** The same in another UI language (the tab list and the go-to box are named in it). */
async function showSheetIn(tabsName: string, name: string): Promise<void> {
  await page.getByRole("tablist", { name: tabsName }).getByRole("tab", { name, exact: true }).click();
  await page.locator(`[role=grid][data-sheet="${name}"]`).waitFor();
}

async function headerRowIn(goToName: string): Promise<string[]> {
  await page.getByRole("textbox", { name: goToName }).fill("A1");
  await page.getByRole("textbox", { name: goToName }).press("Enter");
  return settledRowTexts(page, 2);
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
  // The header row, 3,001 rows of the sheet and 20 empty ones past them, as Excel's grid goes on.
  expect(await page.getByRole("grid").getAttribute("aria-rowcount")).toBe("3022");
  expect(await cell("A3001")).toBe("C03000");
  expect(await page.locator("[role=grid] [role=row]").count()).toBeLessThan(80);
});

test("RFM on the customer sample: problems by row, skip them, columns, summary sheet and chart, download", async () => {
  await openSample("customers");
  const p = await openWorkflow("Segment customers (RFM)");
  // Found by its name as a person would say it: no other button's name contains "Run".
  await p.getByRole("button", { name: "Run" }).click();
  // Problems come grouped by kind and column ("Blank (Monetary, column G): 3 rows"); each row selects its cell.
  const problems = p.getByRole("group", { name: "Problems", exact: true });
  await problems.waitFor();
  expect((await problems.locator("summary").allTextContents()).every((t) => /\(.+, column [A-Z]+\): \d+ rows?$/.test(t))).toBe(true);
  const listed = await problems.locator("li").allTextContents();
  expect(listed.some((t) => t.startsWith("Row 13, column G"))).toBe(true);
  expect(listed.some((t) => t.startsWith("Row 59, column F"))).toBe(true);
  expect(listed.some((t) => t.startsWith("Row 242, column A"))).toBe(true);
  expect(listed.some((t) => t.startsWith("Row 1504, column G"))).toBe(true);
  await p.getByRole("button", { name: /^Skip the bad rows \(\d+\), compute the rest$/ }).click();
  const result = p.getByTestId("result-rfm");
  await result.waitFor({ timeout: 30000 });
  // The result replaces the warning; the rows it skipped are inside it, folded.
  expect(await p.getByText(/^Problems found/).count()).toBe(0);
  expect(await problems.count()).toBe(0);
  const skipped = result.getByRole("group", { name: "Skipped rows (4)", exact: true });
  expect(await skipped.isVisible()).toBe(false);
  await result.getByText("Skipped rows (4)").click();
  // Grouped by kind: the rows, in row order, are the same four.
  const rows = (await skipped.locator("li").allTextContents()).map((t) => Number(/^Row (\d+)/.exec(t)?.[1])).sort((x, y) => x - y);
  expect([...new Set(rows)]).toEqual([13, 59, 242, 1504]);

  await showSheet("客户");
  const headers = await headerRow();
  for (const h of ["RFM·R", "RFM·F", "RFM·M", "RFM·Code", "RFM·Segment"]) expect(headers).toContain(h);
  const letter = (h: string) => String.fromCharCode(65 + headers.indexOf(h));
  // C00001 last bought on 2024-10-23: 69 days before the samples' as-of date 2024-12-31.
  expect(await cell(`${letter("RFM·Recency (days)")}2`)).toBe("69");
  const gridSegment = await cell(`${letter("RFM·Segment")}2`);
  expect(gridSegment).not.toBe("");
  expect(await cell(`${letter("RFM·Segment")}13`)).toBe(""); // a skipped row gets no result

  await result.getByRole("button", { name: /^Show summary sheet/ }).click();
  await page.locator('[role=grid][data-sheet="RFM summary"]').waitFor();
  await page.getByRole("img", { name: "Customers per segment" }).waitFor();

  const wb = await download();
  const customers = wb.getWorksheet("客户")!;
  const seg = columnOf(customers, "RFM·Segment");
  const code = columnOf(customers, "RFM·Code");
  expect(customers.getCell(2, seg).text).toBe(gridSegment);
  expect(customers.getCell(2, columnOf(customers, "RFM·Recency (days)")).value).toBe(69);
  expect(customers.getCell(13, seg).text).toBe("");
  expect(String(customers.getCell(2, code).value)).toMatch(/^[1-5]{3}$/);
  // The summary counts every customer that was not skipped, once.
  const summary = wb.getWorksheet("RFM summary")!;
  const segments = new Set<string>();
  for (let r = 2; r <= customers.rowCount; r++) if (customers.getCell(r, seg).text) segments.add(customers.getCell(r, seg).text);
  let counted = 0;
  summary.eachRow((row) => {
    if (segments.has(row.getCell(1).text) && typeof row.getCell(2).value === "number") counted += row.getCell(2).value as number;
  });
  expect(counted).toBe(3000 - 4);
});

test("a rerun after the person edited the output asks first, then replaces it; the result re-opens with its chart", async () => {
  await openSample("credit");
  const p = await openWorkflow("Credit review");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByTestId("result-credit").waitFor({ timeout: 30000 });
  await showSheet("Credit");
  const headers = await headerRow();
  const grade = `${String.fromCharCode(65 + headers.indexOf("Credit·Grade"))}2`;
  const before = await cell(grade);
  await page.locator(`[role=grid] [data-ref="${grade}"]`).dblclick();
  await page.getByRole("textbox", { name: `Edit cell ${grade}` }).fill("edited");
  await page.getByRole("textbox", { name: `Edit cell ${grade}` }).press("Enter");
  expect(await cell(grade)).toBe("edited");

  await p.getByRole("button", { name: "Run", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "Replace edited results?" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Replace and run" }).click();
  await p.getByTestId("result-credit").filter({ hasText: "Earlier results replaced" }).waitFor({ timeout: 30000 });
  await showSheet("Credit");
  expect(await cell(grade)).toBe(before);

  // Download, open the file again in the preview: results, sheets and the chart spec survive.
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
  const saved = path.join(downloads, "credit-reopen.xlsx");
  await file.saveAs(saved);
  await page.getByLabel("Choose an .xlsx or .csv file to open").setInputFiles(saved);
  // The toolbar names the file now open (no sample is).
  expect(await page.getByTestId("open-file").textContent()).toBe("Open file: credit-reopen.xlsx");
  await page.getByRole("tab", { name: "Credit review summary" }).click();
  await page.getByRole("img", { name: "Customers per grade" }).waitFor();
});

test("the selected range is a source: select cells in the grid, then read the selection", async () => {
  await openSample("credit");
  const p = await openWorkflow("Credit review");
  await page.locator('[role=grid] [data-ref="A1"]').click();
  await page.locator('[role=grid] [data-ref="H6"]').click({ modifiers: ["Shift"] });
  await p.getByRole("radio", { name: "Selected range" }).check();
  await p.getByTestId("source-summary").filter({ hasText: "Credit!A1:H6: 5 data rows" }).waitFor();
  // A range typed into the go-to box selects it, as Excel's name box does.
  await page.getByRole("textbox", { name: "Go to cell" }).fill("A1:H101");
  await page.getByRole("textbox", { name: "Go to cell" }).press("Enter");
  await p.getByRole("button", { name: "Read source" }).click();
  await p.getByTestId("source-summary").filter({ hasText: "Credit!A1:H101: 100 data rows" }).waitFor();
});

test("a changed column mapping is remembered for the sheet, also in the downloaded file", async () => {
  await openSample("credit");
  const p = await openWorkflow("Credit review");
  const basis = p.getByRole("combobox", { name: "Limit basis (working capital / net worth)" });
  expect(await basis.textContent()).toContain("Column H: Net working capital");
  await basis.click();
  await page.getByRole("option", { name: "(not used)" }).click();
  await p.getByRole("button", { name: "Read source" }).click();
  await p.getByText("Using the column mapping remembered for this sheet.").waitFor();
  expect(await basis.textContent()).toContain("(not used)");

  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
  const saved = path.join(downloads, "credit-mapping.xlsx");
  await file.saveAs(saved);
  await openSample("invoices");
  await page.getByLabel("Choose an .xlsx or .csv file to open").setInputFiles(saved);
  await page.locator('[role=grid][data-sheet="Credit"]').waitFor();
  const again = await openWorkflow("Credit review");
  await again.getByText("Using the column mapping remembered for this sheet.").waitFor();
  expect(await again.getByRole("combobox", { name: "Limit basis (working capital / net worth)" }).textContent()).toContain("(not used)");
});

test("the sample picker opens another sample, and the Chinese UI runs a workflow with Chinese labels", async () => {
  await openSample("customers", "zh");
  await page.getByRole("combobox", { name: "示例工作簿" }).click();
  await page.getByRole("option", { name: "信用评估（5C）" }).click();
  await page.locator('[role=grid][data-sheet="Credit"]').waitFor();
  expect(page.url()).toContain("sample=credit");
  await page.getByRole("tab", { name: "信用评估" }).click();
  const p = page.getByRole("tabpanel", { name: "信用评估" });
  await p.getByTestId("source-summary").filter({ hasText: "行数据" }).waitFor();
  await p.getByRole("button", { name: "运行", exact: true }).click();
  await p.getByTestId("result-credit").waitFor({ timeout: 30000 });
  await showSheetIn("工作表", "Credit");
  expect(await headerRowIn("定位单元格")).toEqual(expect.arrayContaining(["信用·5C评分", "信用·等级", "信用·建议额度", "信用·信用期限（天）"]));
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
  await p.getByRole("button", { name: /^Skip the bad rows \(\d+\), compute the rest$/ }).click();
  await p.getByTestId("result-value").waitFor({ timeout: 30000 });
  await p.getByRole("button", { name: /^Show summary sheet/ }).click();
  await page.getByRole("img", { name: /Pareto/ }).first().waitFor();
  let wb = await download();
  const customers = wb.getWorksheet("客户")!;
  expect(headersOf(customers)).toEqual(expect.arrayContaining(["CLV·Lifetime value", "CLV·ABC class", "CLV·Pyramid tier"]));
  // C00001: margin 3,881.62 a year, retention 71 %, 10 % discount, 5 years, cash at year end.
  let clv = 0;
  for (let t = 1; t <= 5; t++) clv += (3881.62 * Math.pow(0.71, t)) / Math.pow(1.1, t);
  expect(customers.getCell(2, columnOf(customers, "CLV·Lifetime value")).value).toBeCloseTo(clv, 2);
  expect(["A", "B", "C"]).toContain(customers.getCell(2, columnOf(customers, "CLV·ABC class")).text);

  await openSample("invoices");
  p = await openWorkflow("Receivables aging");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByRole("button", { name: /^Skip the bad rows \(\d+\), compute the rest$/ }).click();
  await p.getByTestId("result-aging").waitFor({ timeout: 30000 });
  expect(await activeSheet()).toBeTruthy();
  await p.getByTestId("result-aging").locator("[data-figure=dso]").waitFor();
  // The pane shows DSO as the report sheet does (0.0), not with more decimals.
  expect(await p.getByTestId("result-aging").locator("[data-figure=dso]").textContent()).toMatch(/^\d+\.\d$/);
  wb = await download();
  const invoices = wb.getWorksheet("应收账款")!;
  expect(headersOf(invoices)).toEqual(expect.arrayContaining(["Aging·Days past due", "Aging·Bucket"]));
  // K0001's first invoice fell due on 2024-09-19: 103 days before 2024-12-31, in the 90+ bucket.
  expect(invoices.getCell(2, columnOf(invoices, "Aging·Days past due")).value).toBe(103);
  expect(invoices.getCell(2, columnOf(invoices, "Aging·Bucket")).text).toBe("90+");
  expect(invoices.getCell(23, columnOf(invoices, "Aging·Bucket")).text).toBe(""); // blank due date: skipped
  expect(wb.getWorksheet("Aging report")).toBeDefined();

  await openSample("credit");
  p = await openWorkflow("Credit review");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByTestId("result-credit").waitFor({ timeout: 30000 });
  // A look at another pane tab keeps the result.
  await page.getByRole("tablist", { name: "Sections" }).getByRole("tab", { name: "Function explorer" }).click();
  await page.getByRole("tablist", { name: "Sections" }).getByRole("tab", { name: "Workflows" }).click();
  await p.getByTestId("result-credit").waitFor();
  wb = await download();
  const credit = wb.getWorksheet("Credit")!;
  expect(headersOf(credit)).toEqual(expect.arrayContaining(["Credit·5C score", "Credit·Grade", "Credit·Suggested limit", "Credit·Credit days"]));
  // B0001 rated 4, 5, 4, 4, 5 with net working capital 105,000: score 88, AA, limit 105,000 × 10 % × 0.8, 30 days × 1.1.
  const at = (h: string) => credit.getCell(2, columnOf(credit, h)).value;
  expect([at("Credit·5C score"), at("Credit·Grade"), at("Credit·Suggested limit"), at("Credit·Credit days")]).toEqual([88, "AA", 8400, 33]);
});

test("at load nothing offers to cancel, and Run is one button by its name in either language", async () => {
  // Every button name the page shows while it opens the sample and reads its source.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { buttonsSeen: string[] }).buttonsSeen = []);
    new MutationObserver(() => {
      for (const b of document.querySelectorAll("button")) if (!seen.includes(b.textContent ?? "")) seen.push(b.textContent ?? "");
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  for (const [lang, run, cancel] of [
    ["en", "Run", "Cancel"],
    ["zh", "运行", "取消"],
  ]) {
    // The largest sample: its source takes a moment to read.
    await openSample("transactions", lang);
    const seen = await page.evaluate(() => (window as unknown as { buttonsSeen: string[] }).buttonsSeen);
    expect(seen.filter((name) => name.includes(cancel))).toEqual([]);
    expect(await page.getByRole("button", { name: cancel }).count()).toBe(0);
    expect(await page.getByRole("progressbar").count()).toBe(0);
    expect(await page.getByRole("tabpanel").getByRole("button", { name: run }).count()).toBe(1);
  }
});

test("a merged problem statement shows once, across its columns (textbook exercises)", async () => {
  await page.goto(`${s.server.url}/preview.html?sample=exercises&lang=en`);
  const statement = page.locator('[role=grid] [data-ref="A2"]');
  // The cell is drawn at once; its text comes with the sheet's first rows from the worker.
  await statement.filter({ hasText: /^蓝色单元格是已知数据/ }).waitFor({ timeout: 20000 });
  const text = (await statement.textContent()) ?? "";
  expect(text).toMatch(/^蓝色单元格是已知数据/);
  expect(await statement.getAttribute("aria-colspan")).toBe("8");
  for (const ref of ["B2", "C2", "H2"]) expect(await page.locator(`[role=grid] [data-ref="${ref}"]`).count()).toBe(0);
  expect(await page.locator("[role=grid] [role=gridcell]", { hasText: text }).count()).toBe(1);
  const box = await statement.boundingBox();
  const a = await page.locator("[role=grid] [role=columnheader]", { hasText: /^A$/ }).boundingBox();
  expect(box!.width).toBeGreaterThan(a!.width * 2);
  // Selecting it reads its whole text above the grid, as Excel's formula bar does.
  await statement.click();
  expect(await page.getByTestId("cell-readout").textContent()).toBe(`A2: ${text}`);
});

/** Elements of the pane that reach past the window's right edge (outside scrolling boxes, which clip them). */
async function stickingOut(): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (el: Element): boolean => {
      for (let a = el.parentElement; a && !a.matches("[data-pane-tab]"); a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    return [...document.querySelectorAll("[data-pane-tab]:not([hidden]) *")]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > width + 1 && !clipped(el))
      .map((el) => `${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").split(" ")[0]} "${(el.textContent ?? "").slice(0, 30)}"`);
  });
}

test("at a task pane's width (360 px) nothing in the pane sticks out to the right, before or after a run, nor in the explorer", async () => {
  await page.setViewportSize({ width: 360, height: 900 });
  try {
    for (const lang of ["zh", "en"]) {
      await openSample("invoices", lang);
      const name = lang === "zh" ? "应收账龄" : "Receivables aging";
      await page.getByRole("tab", { name }).click();
      const p = panel(name);
      await p.getByTestId("source-summary").filter({ hasText: lang === "zh" ? "行数据" : "data rows" }).waitFor();
      expect(await stickingOut()).toEqual([]);
      await p.getByRole("button", { name: lang === "zh" ? "运行" : "Run" }).click();
      await p.getByRole("button", { name: lang === "zh" ? /^跳过/ : /^Skip/ }).click();
      await p.getByTestId("result-aging").waitFor({ timeout: 30000 });
      expect(await stickingOut()).toEqual([]);
      await page.getByRole("tab", { name: lang === "zh" ? "函数助手" : "Function explorer" }).click();
      await page.getByTestId("explorer-function").waitFor({ timeout: 20000 });
      expect(await stickingOut()).toEqual([]);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 720 });
  }
});

test("predict customer value on the CDNOW sample: opens on the workflow with as-of 1997-09-30; with a holdout end the published fit", async () => {
  await openSample("cdnow");
  const p = panel("Predict customer value");
  await p.getByTestId("source-summary").filter({ hasText: "data rows" }).waitFor();
  await p.getByLabel("Holdout end (optional)").fill("1998-06-30");
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByTestId("result-predict").waitFor({ timeout: 60000 });
  const wb = await download();
  const customers = wb.getWorksheet("Predicted value")!;
  expect(customers.rowCount).toBe(2358);
  const summary = wb.getWorksheet("Prediction summary")!;
  const values = new Map<string, unknown>();
  // The first of each name: BG/NBD's table comes before Gamma-Gamma's (both have log_likelihood).
  summary.eachRow((row) => values.has(String(row.getCell(1).value)) || values.set(String(row.getCell(1).value), row.getCell(2).value));
  expect([values.get("r"), values.get("alpha"), values.get("a"), values.get("b")].map((v) => (v as number).toFixed(3))).toEqual(["0.243", "4.414", "0.793", "2.426"]);
  expect((values.get("log_likelihood") as number).toFixed(1)).toBe("-9582.4");
}, 120_000);

/**
 * The preview as a spreadsheet (Debian Chromium): the exercise workbook recalculates when a given
 * cell changes, the formula bar shows and edits formulas, the keyboard moves the selection, and
 * Ctrl+C copies a range as tab-separated text.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { describeWithLibreOffice, openInLibreOffice } from "../support/libreoffice";
import { BrowserSession, openSession, ROOT, settledCell, settledText } from "./harness";

jest.setTimeout(300_000);

let s: BrowserSession;
let page: Page;
const CLV = "CLV模型 CLV models";
const SHOTS = process.env.CRM_SCREENSHOTS;

beforeAll(async () => {
  s = await openSession();
  page = s.page;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.server.url });
});
afterAll(async () => {
  await s?.close();
});
afterEach(() => {
  expect(s.pageErrors).toEqual([]);
});

async function goTo(ref: string): Promise<void> {
  await page.getByRole("textbox", { name: "Go to cell" }).fill(ref);
  await page.getByRole("textbox", { name: "Go to cell" }).press("Enter");
  await settledCell(page, ref).waitFor();
}

const text = (ref: string) => settledText(page, ref);

/**
 * What `read` gives once it equals `expected`, or after `ms` what it gives then (for the
 * assertion to show): the grid's rows arrive from the worker that keeps the workbook, and the
 * results once it has calculated, a moment after the row itself is drawn.
 */
async function eventually<T>(read: () => Promise<T>, expected: T, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const got = await read();
    if (JSON.stringify(got) === JSON.stringify(expected) || Date.now() > until) return got;
    await page.waitForTimeout(100);
  }
}

/** The sheet row (1-based) whose column A label starts with `label`, read from the file itself. */
async function rowRef(label: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, "assets/samples/exercises.xlsx"));
  let found = 0;
  wb.getWorksheet(CLV)!.eachRow((row, n) => {
    if (!found && String(row.getCell(1).value ?? "").startsWith(label)) found = n;
  });
  if (!found) throw new Error(`no row labelled ${label}`);
  // Bring it into the grid's rendered rows.
  await goTo(`A${found}`);
  return found;
}

async function openExercises(): Promise<void> {
  await page.goto(`${s.server.url}/preview.html?sample=exercises&lang=en`);
  await page.locator(`[role=grid][data-sheet="${CLV}"]`).waitFor({ timeout: 30000 });
  // Calculation starts once the CRM functions' metadata has loaded; the rows come from the worker that keeps the workbook.
  await goTo("B8");
  await page.locator('[role=grid] [data-ref="B8"]').filter({ hasText: "10" }).waitFor({ timeout: 20000 });
}

test("editing B8 of the CLV sheet (years 10 → 5) recomputes every dependent answer and its check", async () => {
  await openExercises();
  const model1 = await rowRef("模型一：只计收入");
  const model3 = await rowRef("模型三：计服务成本");
  const answers = async () => ({ b1: await text(`B${model1}`), b3: await text(`B${model3}`), d1: await text(`D${model1}`), d3: await text(`D${model3}`) });
  const before = { b1: "6,710.08", b3: "8,539.07", d1: "✓", d3: "✓" };
  expect(await eventually(answers, before)).toEqual(before);

  await goTo("B8");
  await page.locator('[role=grid] [data-ref="B8"]').click();
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await goTo(`B${model1}`);
  await page.locator(`[role=grid] [data-ref="B${model1}"]`).filter({ hasText: "3,992.71" }).waitFor({ timeout: 10000 });
  await goTo("B8");
  expect(await text("B8")).toBe("5");
  await goTo(`B${model1}`);
  expect(await text(`B${model3}`)).toBe("6,093.44");
  // The worked-out twin sums a table that lists 10 years: it stays, so the checks turn ✗.
  expect(await text(`C${model1}`)).toBe("6,710.08");
  expect(await text(`D${model1}`)).toBe("✗");
  expect(await text(`D${model3}`)).toBe("✗");
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "edit-b8.png") });

  // Back to 10: every check is ✓ again. Then the revenue (B10) 1000 → 1200: answers and twins follow, ✓ stays.
  await goTo("B8");
  await page.locator('[role=grid] [data-ref="B8"]').click();
  await page.keyboard.type("10");
  await page.keyboard.press("Enter");
  await page.locator('[role=grid] [data-ref="B10"]').click();
  await page.keyboard.type("1200");
  await page.keyboard.press("Tab");
  await goTo(`B${model1}`);
  await page.locator(`[role=grid] [data-ref="B${model1}"]`).filter({ hasText: "8,052.10" }).waitFor({ timeout: 10000 });
  expect(await text(`C${model1}`)).toBe("8,052.10");
  expect(await text(`D${model1}`)).toBe("✓");
  expect(await text(`D${model3}`)).toBe("✓");
});

test("the formula bar shows the selected cell's formula and enters a new one; arrows, Tab and Enter move", async () => {
  await openExercises();
  const model1 = await rowRef("模型一：只计收入");
  await page.locator(`[role=grid] [data-ref="B${model1}"]`).click();
  const bar = page.getByRole("textbox", { name: "Formula bar" });
  expect(await bar.inputValue()).toBe("=CRM.CLV($B$9,$B$8,$B$10)");
  const readout = async () => ((await page.getByTestId("cell-readout").textContent()) ?? "").split(":")[0];
  await page.keyboard.press("ArrowRight");
  expect(await readout()).toBe(`C${model1}`);
  expect(await bar.inputValue()).toMatch(/^=/);
  await page.keyboard.press("ArrowUp");
  expect(await readout()).toBe(`C${model1 - 1}`);
  await page.keyboard.press("Enter");
  expect(await readout()).toBe(`C${model1}`);
  await page.keyboard.press("Tab");
  expect(await readout()).toBe(`D${model1}`);
  await page.keyboard.press("ArrowLeft");
  // Up one, down one (Enter), right one (Tab), left one: back on C.
  expect(await page.getByTestId("cell-readout").textContent()).toMatch(new RegExp(`^C${model1}: `));

  // A formula typed into the bar computes, and follows its inputs.
  await goTo("H8");
  await page.locator('[role=grid] [data-ref="H8"]').click();
  await bar.fill("=B8*2+MAXIFS(B8:B9,B8:B9,\">1\")");
  await bar.press("Enter");
  await page.locator('[role=grid] [data-ref="H8"]').filter({ hasText: "30" }).waitFor({ timeout: 10000 });
  await page.locator('[role=grid] [data-ref="B8"]').dblclick();
  await page.getByRole("textbox", { name: "Edit cell B8" }).fill("4");
  await page.getByRole("textbox", { name: "Edit cell B8" }).press("Enter");
  await page.locator('[role=grid] [data-ref="H8"]').filter({ hasText: "12" }).waitFor({ timeout: 10000 });
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "formula-bar.png") });
});

test("Ctrl+C copies the selected range as tab-separated text", async () => {
  await openExercises();
  await page.locator('[role=grid] [data-ref="A8"]').click();
  await page.locator('[role=grid] [data-ref="B9"]').click({ modifiers: ["Shift"] });
  await page.keyboard.press("Control+C");
  const column = async () => (await page.evaluate(() => navigator.clipboard.readText())).split("\n").map((l) => l.split("\t")[1]);
  expect(await eventually(column, ["10", "8%"])).toEqual(["10", "8%"]);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")[0].split("\t")[0]).toContain("Years n");
});


async function runOn(sample: string, workflow: string, id: string): Promise<void> {
  await page.goto(`${s.server.url}/preview.html?sample=${sample}&lang=en`);
  await page.getByTestId("source-summary").filter({ hasText: "data rows" }).first().waitFor({ timeout: 30000 });
  await page.getByRole("tab", { name: workflow }).click();
  const p = page.getByRole("tabpanel", { name: workflow });
  await p.getByTestId("source-summary").filter({ hasText: "data rows" }).waitFor();
  await p.getByRole("button", { name: "Run", exact: true }).click();
  await p.getByRole("button", { name: /^Skip the bad rows \(\d+\), compute the rest$/ }).click();
  await p.getByTestId(id).waitFor({ timeout: 60000 });
  await p.getByTestId(id).getByRole("button", { name: /^Show summary sheet/ }).click();
}

describeWithLibreOffice("downloaded results in LibreOffice", () => {
  test("a downloaded RFM result shows its chart in LibreOffice; the preview's chart labels every segment in full", async () => {
    await runOn("customers", "Segment customers (RFM)", "result-rfm");
    const chart = page.getByRole("img", { name: "Customers per segment" });
    await chart.waitFor();
    const labels = await chart.getByTestId("category-label").allTextContents();
    expect(labels.length).toBe(8);
    expect(labels.every((l) => !l.includes("…"))).toBe(true);
    expect(await chart.getByTestId("axis-title-y").textContent()).toBeTruthy();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "rfm-chart.png") });
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const saved = path.join(os.tmpdir(), `crm-rfm-${process.pid}.xlsx`);
    await file.saveAs(saved);
    const lo = await openInLibreOffice(saved);
    const summary = lo.sheets.find((sh) => sh.name === "RFM summary")!;
    expect(summary.charts).toBe(1);
    fs.rmSync(saved, { force: true });
  });

  test("the aging chart in the preview and in LibreOffice", async () => {
    await runOn("invoices", "Receivables aging", "result-aging");
    await page.getByRole("img", { name: /^Aging of the top/ }).first().waitFor();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "aging-chart.png") });
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download workbook" }).click()]);
    const saved = path.join(os.tmpdir(), `crm-aging-${process.pid}.xlsx`);
    await file.saveAs(saved);
    const lo = await openInLibreOffice(saved);
    expect(lo.sheets.find((sh) => sh.name === "Aging report")?.charts).toBe(1);
    fs.rmSync(saved, { force: true });
  });
});

/**
 * "Open a transactions file…" in the built preview (Debian Chromium, the real offload worker):
 * a generated 200,000-row CSV (en) and the same rows as Parquet (zh) are read in the worker with
 * progress, only their customers land on a new sheet beside the sample's, and RFM reads that sheet
 * as its source (one row per customer). Screenshots: /tmp/txpane-*.png.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { BrowserSession, openSession } from "./harness";
import { columnsOf, csvOf, parquetOf, strideTransactions } from "../support/transaction-files";

jest.setTimeout(180_000);

const ROWS = 200_000;
const CUSTOMERS = 40_000;

let s: BrowserSession;
let page: Page;
const workers: string[] = [];
const warnings: string[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-txfile-"));

beforeAll(async () => {
  s = await openSession();
  page = s.page;
  page.on("worker", (w) => workers.push(new URL(w.url()).pathname));
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sheetTabs = (label: string) => page.getByRole("tablist", { name: label }).getByRole("tab");

test.each([
  { lang: "en", kind: "csv", panel: "Segment customers (RFM)", input: "Choose a transactions file (.csv or .parquet)", sheets: "Sheets", sheet: "Customers (from file)", done: `${CUSTOMERS.toLocaleString("en-US")} customers written to the new sheet`, rows: `${CUSTOMERS} data rows` },
  { lang: "zh", kind: "parquet", panel: "客户分群 (RFM)", input: "选择交易文件（.csv 或 .parquet）", sheets: "工作表", sheet: "客户汇总", done: `${CUSTOMERS.toLocaleString("zh-CN")} 位客户写入新工作表`, rows: `${CUSTOMERS} 行数据` },
] as const)("$lang: a $kind of 200,000 transactions → its customers on a new sheet, RFM reads it", async (c) => {
  const t = strideTransactions(ROWS, { customers: CUSTOMERS, zhEvery: 9, days: 700 });
  const file = path.join(dir, `orders.${c.kind}`);
  if (c.kind === "csv") fs.writeFileSync(file, csvOf(columnsOf(t, ["Customer ID", "Order date", "Amount"])));
  else fs.writeFileSync(file, parquetOf(columnsOf(t, ["客户编号", "交易日期", "金额"]), 20_000));

  await page.goto(`${s.server.url}/preview.html?sample=customers&lang=${c.lang}`);
  const panel = page.getByRole("tabpanel", { name: c.panel, exact: true });
  await panel.getByTestId("source-summary").filter({ hasText: /\d/ }).waitFor({ timeout: 60_000 });
  const before = await sheetTabs(c.sheets).count();

  const started = Date.now();
  await panel.getByLabel(c.input).setInputFiles(file);
  // Progress shows after 300 ms: the reading (transactions and customers so far) or the writing.
  await panel.getByTestId("file-progress").waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `/tmp/txpane-${c.lang}-progress.png` });
  const outcome = panel.getByTestId("transactions-file-outcome");
  await outcome.filter({ hasText: c.done }).waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(await outcome.textContent()).toContain(ROWS.toLocaleString(c.lang === "zh" ? "zh-CN" : "en-US"));
  // One sheet more, the new one shown.
  expect(await sheetTabs(c.sheets).count()).toBe(before + 1);
  await page.getByRole("tablist", { name: c.sheets }).getByRole("tab", { name: c.sheet, selected: true }).waitFor({ timeout: 10_000 });
  await page.getByText(c.lang === "zh" ? `${CUSTOMERS + 1} 行 × 6 列` : `${CUSTOMERS + 1} rows × 6 columns`).waitFor({ timeout: 10_000 });
  await panel.getByTestId("source-summary").filter({ hasText: c.rows }).waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `/tmp/txpane-${c.lang}-done.png` });
  console.log(`${c.kind}: ${ROWS} transactions → ${CUSTOMERS} customers on a sheet in ${seconds.toFixed(1)} s`);

  expect(workers).toContain("/offload.worker.js");
  expect(warnings.filter((w) => /running inline/.test(w))).toEqual([]);
  expect(s.pageErrors).toEqual([]);
});

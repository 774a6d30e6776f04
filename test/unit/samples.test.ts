/**
 * The committed sample workbooks must be exactly what scripts/make-samples.mjs generates: this
 * regenerates them into a temporary folder and compares every cell (value and number format).
 * After changing the generator, run `node scripts/make-samples.mjs` and commit the files.
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLES = path.join(ROOT, "assets/samples");
const NAMES = ["customers", "transactions", "invoices", "credit", "cdnow"];

type Snapshot = { sheets: string[]; cells: string[] };

async function snapshot(file: string): Promise<Snapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value instanceof Date ? cell.value.toISOString() : JSON.stringify(cell.value);
        cells.push(`${ws.name}!R${r}C${c}=${v}|${cell.numFmt ?? ""}`);
      });
    });
  }
  return { sheets: wb.worksheets.map((w) => w.name), cells };
}

describe("sample workbooks", () => {
  let generated: string;
  beforeAll(() => {
    generated = fs.mkdtempSync(path.join(os.tmpdir(), "crm-samples-"));
    execFileSync(process.execPath, [path.join(ROOT, "scripts/make-samples.mjs"), "--out", generated], { stdio: "pipe" });
  }, 30000);
  afterAll(() => fs.rmSync(generated, { recursive: true, force: true }));

  test.each(NAMES)("%s.xlsx has the cells the generator makes", async (name) => {
    const [committed, fresh] = await Promise.all([snapshot(path.join(SAMPLES, `${name}.xlsx`)), snapshot(path.join(generated, `${name}.xlsx`))]);
    expect(committed.sheets).toEqual(fresh.sheets);
    expect(committed.cells.length).toBe(fresh.cells.length);
    const firstDiff = committed.cells.findIndex((c, i) => c !== fresh.cells[i]);
    expect(firstDiff === -1 ? null : { committed: committed.cells[firstDiff], generated: fresh.cells[firstDiff] }).toBeNull();
  });

  test("samples are a few thousand rows with a header row", async () => {
    const sizes: Record<string, number> = {};
    for (const name of NAMES) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(SAMPLES, `${name}.xlsx`));
      sizes[name] = wb.worksheets[0].rowCount - 1;
    }
    expect(sizes.customers).toBe(3000);
    expect(sizes.transactions).toBeGreaterThan(5000);
    expect(sizes.invoices).toBeGreaterThan(1500);
    expect(sizes.credit).toBe(600);
    expect(sizes.cdnow).toBe(6919);
  });

  test("customers.xlsx keeps its deliberate problems for the validation step", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(SAMPLES, "customers.xlsx"));
    const ws = wb.worksheets[0];
    expect(ws.getCell("G13").value).toBeNull();
    expect(ws.getCell("F59").value).toBe("待定");
    expect(ws.getCell("A242").value).toBe(ws.getCell("A241").value);
    expect(ws.getCell("G1504").value).toBe(-320.5);
  });
});

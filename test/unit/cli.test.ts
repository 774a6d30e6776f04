/**
 * The `crm` command line: the same cells as the pane's engine run on the in-memory workbook, the
 * CSV's shape, the --json summary, exit codes and usage errors; and bin/crm.js runs from the
 * checkout (compiling the TypeScript on the fly).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isoToSerial } from "../../src/core/dates";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block } from "../../src/workbook/types";
import { createEngine } from "../../src/workflows/engine";
import { buildOptions, defaultForm } from "../../src/workflows/options";
import { workflowById } from "../../src/workflows/registry";
import type { WorkflowRequest } from "../../src/workflows/types";
import { type CrmRun, runCrm } from "../support/cli";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLES = path.join(ROOT, "assets/samples");
const TODAY = "2024-12-31";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crm-cli-"));

function crm(...argv: string[]): Promise<CrmRun> {
  return runCrm(ROOT, TODAY, argv);
}

async function sheets(wb: MemoryWorkbook): Promise<Record<string, Block>> {
  const all: Record<string, Block> = {};
  for (const s of await wb.listSheets()) all[s.name] = s.used ? await wb.read({ sheet: s.name, row: 0, column: 0, rows: s.used.row + s.used.rows, columns: s.used.column + s.used.columns }) : [];
  return all;
}

/** What the task pane's Run does on the sample in the preview: the engine on the memory workbook, default options. */
async function paneRun(file: string, workflow: string, extra: { skipBadRows?: boolean } = {}) {
  const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.join(SAMPLES, file)));
  const engine = createEngine(wb, () => isoToSerial(TODAY)!);
  const info = await engine.describeSource("activeSheet", workflow);
  const def = workflowById(workflow);
  const built = buildOptions(def, defaultForm(def, "zh", TODAY), "zh", info.mode);
  if (!built.ok) throw new Error("default options");
  const request: WorkflowRequest = { workflow, source: info.range, mapping: info.mapping, options: { ...built.options, ...extra } };
  return { wb, info, result: await engine.run(request) };
}

describe("crm <workflow>", () => {
  test("crm rfm customers.xlsx -o out.xlsx writes the same cells as the pane's run; with bad rows both stop and write nothing", async () => {
    const pane = await paneRun("customers.xlsx", "rfm");
    expect(pane.result.status).toBe("invalid");
    const stopped = path.join(tmp, "stopped.xlsx");
    const plain = await crm("rfm", "assets/samples/customers.xlsx", "-o", stopped);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/4 problems in 4 rows; nothing was written/);
    expect(plain.stderr).toMatch(/row 13, column G/);
    expect(fs.existsSync(stopped)).toBe(false);

    const skipping = await paneRun("customers.xlsx", "rfm", { skipBadRows: true });
    expect(skipping.result.status).toBe("done");
    const out = path.join(tmp, "out.xlsx");
    const run = await crm("rfm", "assets/samples/customers.xlsx", "-o", out, "--skip-bad-rows");
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(run.stdout).toMatch(/3000 rows read, 2996 written, 4 left out/);
    const written = await MemoryWorkbook.fromXlsx(fs.readFileSync(out));
    const cells = await sheets(written);
    expect(Object.keys(cells)).toEqual(["客户", "RFM汇总"]);
    expect(cells).toEqual(await sheets(skipping.wb));
    // Formats and fills too, on the written columns.
    const header = cells["客户"][0];
    const segment = header.indexOf("RFM·细分");
    expect(segment).toBeGreaterThan(8);
    for (const row of [0, 1, 2, 500]) expect(written.cellView("客户", row, segment)).toEqual(skipping.wb.cellView("客户", row, segment));
  }, 60_000);

  test("-o out.csv: row, the customer id under its header, then the written columns under the pane's headers; one line per analysed row", async () => {
    const out = path.join(tmp, "out.csv");
    const run = await crm("rfm", "assets/samples/customers.xlsx", "-o", out, "--skip-bad-rows", "--lang", "en");
    expect(run.code).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text.startsWith("\uFEFFrow,")).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("row,客户编号,RFM·Recency (days),RFM·R,RFM·F,RFM·M,RFM·Code,RFM·Segment");
    expect(lines).toHaveLength(1 + 2996);
    expect(lines[1].split(",").slice(0, 2)).toEqual(["2", "C00001"]);
    // Rows left out are not lines; the others keep their sheet row numbers.
    const rows = lines.slice(1).map((l) => Number(l.split(",")[0]));
    expect(rows).not.toContain(13);
    expect(rows).toContain(14);
    const pane = await paneRun("customers.xlsx", "rfm", { skipBadRows: true });
    if (pane.result.status !== "done") throw new Error("pane run");
    const at = pane.result.outputs[0].range;
    const paneRow = await pane.wb.read({ sheet: "客户", row: 1, column: at.column, rows: 1, columns: at.columns });
    // The pane wrote Chinese labels; the numbers are the same.
    expect(lines[1].split(",").slice(2, 7).map(Number)).toEqual(paneRow[0].slice(0, 5));
  }, 60_000);

  test("--json: rows read and written, rows left out with their row numbers and kinds, notes, output, figures", async () => {
    const out = path.join(tmp, "credit.xlsx");
    const run = await crm("credit", "assets/samples/credit.xlsx", "-o", out, "--json", "--skip-bad-rows");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: "done", workflow: "credit", output: { path: out, format: "xlsx" }, mapping: { customer: expect.any(String) } });
    expect(summary.rowsRead).toBeGreaterThan(0);
    expect(summary.rowsWritten).toBe(summary.rowsRead - summary.leftOut.length);
    for (const l of summary.leftOut) expect(l).toEqual({ row: expect.any(Number), kinds: expect.arrayContaining([expect.any(String)]) });
    expect(summary.notes).toContain("mapping guessed from the headers");
    expect(summary.written.map((w: { kind: string }) => w.kind)).toEqual(["columns", "sheet"]);
    expect(Object.keys(summary.figures).length).toBeGreaterThan(0);

    const invalid = await crm("rfm", "assets/samples/customers.xlsx", "-o", path.join(tmp, "x.xlsx"), "--json");
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ status: "invalid", rowsRead: 3000, rowsWritten: 0, leftOut: [{ row: 13, kinds: ["blank"] }, { row: 59, kinds: ["notNumber"] }, { row: 242, kinds: ["duplicateId"] }, { row: 1504, kinds: ["negative"] }] });
  }, 60_000);

  test("flags reach the workflow as the pane's form would: --rows, --as-of, --bins, --scheme, --map", async () => {
    const out = path.join(tmp, "tx.xlsx");
    const run = await crm("rfm", "assets/samples/transactions.xlsx", "-o", out, "--rows", "transactions", "--as-of", "2024-12-31", "--bins", "5", "--scheme", "rf10", "--json", "--skip-bad-rows");
    expect(run.stderr).toBe("");
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: "done", mode: "transactions" });
    const csv = await crm("rfm", "assets/samples/transactions.xlsx", "-o", path.join(tmp, "tx.csv"), "--rows", "transactions", "--skip-bad-rows", "--json");
    expect(JSON.parse(csv.stdout).notes.join(" ")).toMatch(/no columns beside the rows/);

    const mapped = await crm("rfm", "assets/samples/customers.xlsx", "-o", path.join(tmp, "m.xlsx"), "--skip-bad-rows", "--json", "--map", "monetary=消费金额");
    expect(JSON.parse(mapped.stdout).mapping.monetary).toBe("消费金额");
  }, 60_000);

  test("--date-order answers the day/month question of a batch job: without it an undecided column stops (exit 1, the flag named, nothing written), even with --skip-bad-rows", async () => {
    const input = path.join(tmp, "orders-dmy.xlsx");
    const wb = MemoryWorkbook.fromSheets({ 订单: [["客户编号", "下单日期", "金额"], ["A", "03/05/2024", 10], ["B", "04/06/2024", 20], ["A", "01/02/2024", 30]] });
    fs.writeFileSync(input, await wb.toXlsx());
    const out = path.join(tmp, "orders-out.xlsx");
    for (const extra of [[], ["--skip-bad-rows"]]) {
      const stopped = await crm("rfm", input, "-o", out, "--rows", "transactions", "--json", ...extra);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain("--date-order dmy|mdy");
      expect(stopped.stderr).toContain('column B "下单日期" (3 rows, such as 03/05/2024, 04/06/2024, 01/02/2024): --date-order 下单日期=dmy or --date-order 下单日期=mdy');
      expect(JSON.parse(stopped.stdout)).toMatchObject({ status: "dateOrder", dateOrders: [{ field: "date", column: "B", rows: 3 }] });
      expect(fs.existsSync(out)).toBe(false);
    }
    // Month first for the column (named by its header); day first for every date column.
    const firstLast = async (...flag: string[]) => {
      const run = await crm("rfm", input, "-o", out, "--rows", "transactions", "--as-of", "2024-12-31", "--json", ...flag);
      expect([run.code, run.stderr]).toEqual([0, ""]);
      expect(JSON.parse(run.stdout).readFromText).toEqual({ date: 3 });
      const written = await sheets(await MemoryWorkbook.fromXlsx(fs.readFileSync(out)));
      const customers = Object.entries(written).find(([name]) => name.startsWith("RFM客户"))![1];
      fs.rmSync(out);
      return customers.slice(1).map((r) => [r[0], r[4], r[5]]);
    };
    const serial = (iso: string) => isoToSerial(iso)!;
    expect(await firstLast("--date-order", "下单日期=mdy")).toEqual([["A", serial("2024-01-02"), serial("2024-03-05")], ["B", serial("2024-04-06"), serial("2024-04-06")]]);
    expect(await firstLast("--date-order", "date=mdy")).toEqual([["A", serial("2024-01-02"), serial("2024-03-05")], ["B", serial("2024-04-06"), serial("2024-04-06")]]);
    expect(await firstLast("--date-order", "dmy")).toEqual([["A", serial("2024-02-01"), serial("2024-05-03")], ["B", serial("2024-06-04"), serial("2024-06-04")]]);
    // A mistake in the flag is a usage error.
    for (const bad of ["ymd", "金额=dmy"]) {
      const run = await crm("rfm", input, "-o", out, "--rows", "transactions", "--date-order", bad);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--date-order/);
    }
  }, 60_000);

  test.each([
    [[], /Usage: crm <command>/],
    [["nope", "a.xlsx"], /unknown command "nope"/],
    [["rfm"], /INPUT is missing/],
    [["rfm", "assets/samples/customers.xlsx"], /-o OUTPUT is missing/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "out.txt"], /OUTPUT must end in .xlsx or .csv/],
    [["rfm", "missing.xlsx", "-o", "out.xlsx"], /INPUT not found: missing.xlsx/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--rows", "lines"], /--rows is customers or transactions/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--bins", "12", "--lang", "en"], /Score bins \(2–9\): must be between 2 and 9/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--scheme", "x"], /--scheme is one of cn8, rf10/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--lang", "fr"], /--lang is zh or en/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--map", "price=消费金额"], /has no field "price"/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--map", "monetary=Nope"], /no column headed "Nope"/],
    [["rfm", "assets/samples/customers.xlsx", "-o", "o.xlsx", "--sheet", "Nope"], /has no sheet "Nope"/],
  ])("usage error %j: exit 2 with a clear message", async (argv, message) => {
    const run = await crm(...(argv as string[]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stdout).toBe("");
  });

  test("--help lists every command and the common flags; <command> --help its own flags", async () => {
    const help = await crm("--help");
    expect(help.code).toBe(0);
    for (const word of ["rfm", "value", "aging", "credit", "--sheet", "--rows", "--as-of", "--bins", "--scheme", "--lang", "--map", "--date-order", "--skip-bad-rows", "--json", "Exit codes"]) expect(help.stdout).toContain(word);
    const aging = await crm("aging", "--help");
    expect(aging.code).toBe(0);
    for (const flag of ["--edges", "--rates", "--dso-days", "--credit-sales", "--as-of"]) expect(aging.stdout).toContain(flag);
  });
});

describe("bin/crm.js", () => {
  test("runs from the checkout: --help exits 0; a run exits 0 with its JSON on stdout and nothing on stderr", () => {
    const help = spawnSync(process.execPath, [path.join(ROOT, "bin/crm.js"), "--help"], { cwd: ROOT, encoding: "utf8" });
    expect([help.status, help.stdout.includes("Commands:")]).toEqual([0, true]);
    const out = path.join(tmp, "bin.xlsx");
    const json = execFileSync(process.execPath, [path.join(ROOT, "bin/crm.js"), "aging", "assets/samples/invoices.xlsx", "-o", out, "--json", "--skip-bad-rows", "--as-of", TODAY], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(json)).toMatchObject({ status: "done", workflow: "aging" });
    expect(fs.existsSync(out)).toBe(true);
    const usage = spawnSync(process.execPath, [path.join(ROOT, "bin/crm.js"), "rfm"], { cwd: ROOT, encoding: "utf8" });
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringMatching(/INPUT is missing/)]);
  }, 120_000);
});

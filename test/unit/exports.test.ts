/**
 * Real exports through every workflow on both ports (the memory workbook from an .xlsx; Excel
 * over the fake): the header found below the titles, totals/blanks/repeated headers/headings/notes
 * left out and named, text read as numbers and dates, problems grouped, and the results exactly
 * those of the clean table. No source cell (value or formula) changes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { serialToIso } from "../../src/core/dates";
import { ExcelWorkbook } from "../../src/workbook/excel-workbook";
import type { Block, WorkbookPort } from "../../src/workbook/types";
import { createEngine } from "../../src/workflows/engine";
import { groupProblems } from "../../src/workflows/problem-groups";
import type { WorkflowRequest, WorkflowResult } from "../../src/workflows/types";
import { EXPORT_FIXTURES, ExportFixture, UNDECIDED_DATES, exportFake, exportMemory, exportXlsx } from "../support/exports";
import { runCrm } from "../support/cli";
import { AS_OF, book, done } from "../support/workflows";

type Done = Extract<WorkflowResult, { status: "done" }>;

async function onPort(fx: ExportFixture, kind: "memory" | "excel"): Promise<WorkbookPort> {
  return kind === "memory" ? exportMemory(fx) : new ExcelWorkbook(exportFake(fx).run);
}

function request(fx: ExportFixture, source: WorkflowRequest["source"], mapping: WorkflowRequest["mapping"], skip: boolean): WorkflowRequest {
  return { workflow: fx.workflow, source, mapping, options: { language: fx.language, skipBadRows: skip, ...fx.options } } as WorkflowRequest;
}

/** The output columns of a run, for the given sheet rows (1-based). */
async function columnsAt(port: WorkbookPort, result: Done, rows: number[]): Promise<Block> {
  const out = result.outputs.find((o) => o.kind === "columns");
  if (!out) return [];
  const block = await port.read(out.range);
  return rows.map((r) => block[r - 1 - out.range.row]);
}

async function cleanRun(fx: ExportFixture): Promise<{ result: Done; columns: Block }> {
  const { wb, engine } = book({ Clean: fx.clean });
  const info = await engine.describeSource({ sheet: "Clean" }, fx.workflow, fx.workflow === "rfm" ? { rfmMode: fx.options.mode as "customers" } : {});
  const result = await done(engine, request(fx, info.range, info.mapping, false));
  const rows = Array.from({ length: fx.clean.length - 1 }, (_, i) => i + 2);
  return { result, columns: await columnsAt(wb, result, rows) };
}

function byKind<T extends { kind: string; row: number }>(items: readonly T[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const it of items) {
    const rows = (out[it.kind] ??= []);
    if (!rows.includes(it.row)) rows.push(it.row);
  }
  return out;
}

describe.each(["memory", "excel"] as const)("real exports on the %s port", (portKind) => {
  test.each(EXPORT_FIXTURES.map((fx) => [fx.name, fx] as const))("%s: found, read, left out and scored as the clean table", async (_name, fx) => {
    const port = await onPort(fx, portKind);
    const engine = createEngine(port, () => AS_OF);
    const used = (await port.usedRange(fx.sheetName))!;
    const before = { values: await port.read(used), formulas: await port.readFormulas(used) };

    const info = await engine.describeSource({ sheet: fx.sheetName }, fx.workflow, fx.workflow === "rfm" ? { rfmMode: fx.options.mode as "customers" } : {});
    expect(info.range.row + 1).toBe(fx.headerRow);
    expect(info.titleRows).toBe(fx.headerRow - 1);
    expect(info.mapping).toEqual(fx.mapping);

    const report = await engine.validate(request(fx, info.range, info.mapping, false));
    expect(byKind(report.leftOut ?? [])).toEqual(fx.leftOut);
    expect(byKind(report.problems)).toEqual(fx.problems);
    expect(report.readFromText).toEqual(fx.readFromText);

    const result = await done(engine, request(fx, info.range, info.mapping, true));
    const clean = await cleanRun(fx);
    expect(result.summary).toEqual(clean.result.summary);
    expect(result.figures).toEqual(clean.result.figures);
    expect(result.rowsWritten).toBe(clean.result.rowsWritten);
    const skipped = new Set([...(report.leftOut ?? []).map((l) => l.row), ...report.badRows]);
    const customerRows: number[] = [];
    for (let r = fx.headerRow + 1; r <= info.range.row + info.range.rows; r++) if (!skipped.has(r)) customerRows.push(r);
    expect(customerRows).toHaveLength(fx.clean.length - 1);
    expect(await columnsAt(port, result, customerRows)).toEqual(clean.columns);
    // Left-out rows get no scores.
    const leftRows = (report.leftOut ?? []).map((l) => l.row);
    for (const row of await columnsAt(port, result, leftRows)) expect(row.every((v) => v === null)).toBe(true);

    // Nothing of the person's changed: every value and formula of the export is as it was.
    expect(await port.read(used)).toEqual(before.values);
    expect(await port.readFormulas(used)).toEqual(before.formulas);
  }, 30_000);
});

describe("exact results of the exports", () => {
  test("RFM customers (zh): the 合计/小计 rows are no customers; twelve customers scored as the clean table", async () => {
    const fx = EXPORT_FIXTURES[0];
    const port = await exportMemory(fx);
    const engine = createEngine(port, () => AS_OF);
    const info = await engine.describeSource({ sheet: fx.sheetName }, "rfm");
    const result = await done(engine, request(fx, info.range, info.mapping, true));
    expect(result.summary.rows.map((r) => [r[0], r[1]])).toEqual(EXACT.rfmSegments);
    const codes = await columnsAt(port, result, [5, 6, 7, 11, 16, 20, 21, 22]);
    expect(codes.map((r) => r[3])).toEqual(EXACT.rfmCodes);
    expect(result.leftOut!.map((l) => l.text)).toEqual(["小计", "", "客户编号", "小计", "=SUBTOTAL(9,D5:D21)", "制表人：张三"]);
  });

  test("customer value (zh): the 合计 row takes no share and no class", async () => {
    const fx = EXPORT_FIXTURES[2];
    const port = await exportMemory(fx);
    const engine = createEngine(port, () => AS_OF);
    const info = await engine.describeSource({ sheet: fx.sheetName }, "value");
    const result = await done(engine, request(fx, info.range, info.mapping, false));
    const cols = await columnsAt(port, result, [3, 4, 5, 6, 7, 8, 9]);
    expect(cols.map((r) => r[1])).toEqual(EXACT.valueClasses);
    expect(result.leftOut).toEqual([{ row: 9, kind: "total", text: "合计" }]);
  });

  test("problems are grouped by kind and column with counts", async () => {
    const fx = EXPORT_FIXTURES[1];
    const port = await exportMemory(fx);
    const engine = createEngine(port, () => AS_OF);
    const info = await engine.describeSource({ sheet: fx.sheetName }, "rfm", { rfmMode: "transactions" });
    const report = await engine.validate(request(fx, info.range, info.mapping, false));
    expect(groupProblems(report, "zh").map((g) => [g.title, g.rows.length, g.cells.map((c) => c.address)])).toEqual([
      ["日期无法识别（交易日期，C 列）", 1, ["C14"]],
      ["负数（金额，D 列）", 1, ["D15"]],
    ]);
    expect(report.idVariants!.map((v) => [v.row, v.value, v.sameAs])).toEqual([
      [6, "C001 ", 4],
      [8, "Ｃ００２", 5],
    ]);
  });

  test("a day/month order the column cannot decide is asked once; the answer reads the column", async () => {
    const { engine } = book({ Tx: UNDECIDED_DATES });
    const info = await engine.describeSource({ sheet: "Tx" }, "rfm", { rfmMode: "transactions" });
    const req = { workflow: "rfm", source: info.range, mapping: info.mapping, options: { language: "en", mode: "transactions", asOf: 45_500 } } as const;
    const report = await engine.validate(req);
    expect(report.dateOrders).toEqual([{ field: "date", column: "B", examples: ["03/05/2024", "04/06/2024", "01/02/2024"], rows: 3 }]);
    expect(report.counts).toEqual({ dateOrder: 3 });
    const answered = await engine.validate({ ...req, options: { ...req.options, dateOrders: { date: "mdy" } } });
    expect(answered.problems).toEqual([]);
    expect(answered.readFromText).toEqual({ date: 3 });
  });
});

/** Exact figures of the exports (the same as the clean tables'; written out so a change shows). */
const EXACT = {
  rfmSegments: [
    ["重要价值客户", 2],
    ["重要发展客户", 0],
    ["重要保持客户", 0],
    ["重要挽留客户", 2],
    ["一般价值客户", 2],
    ["一般发展客户", 0],
    ["一般保持客户", 0],
    ["一般挽留客户", 6],
  ],
  // rows 5, 6, 7 (C001–C003), 11 (小计), 16 (C008), 20 (C012), 21 (小计), 22 (SUBTOTAL formulas, no label)
  rfmCodes: [445, 333, 553, null, 334, 555, null, null],
  valueClasses: ["A", "B", "A", "C", "A", "B", null],
};

describe("real exports through the crm command line", () => {
  test.each(EXPORT_FIXTURES.map((fx) => [fx.name, fx] as const))("%s: --json gives the pane's figures, the rows that are not customers and the problem groups", async (_name, fx) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-exports-cli-"));
    const input = path.join(dir, `${fx.name}.xlsx`);
    fs.writeFileSync(input, await exportXlsx(fx));
    const before = fs.readFileSync(input);
    const asOf = fx.options.asOf !== undefined ? ["--as-of", serialToIso(fx.options.asOf as number)] : [];
    const mode = fx.workflow === "rfm" ? ["--rows", String(fx.options.mode)] : [];
    const run = await runCrm(dir, "2024-03-31", [fx.workflow, input, "-o", path.join(dir, "out.xlsx"), "--lang", fx.language, "--skip-bad-rows", "--json", ...asOf, ...mode]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    const clean = await cleanRun(fx);
    expect(json.figures).toEqual(clean.result.figures);
    expect(json.summary).toEqual(clean.result.summary);
    expect(json.headerRow).toBe(fx.headerRow);
    expect(byKind(json.rowsNotCustomers)).toEqual(fx.leftOut);
    expect(json.readFromText).toEqual(fx.readFromText);
    expect(json.problemGroups.map((g: { kind: string; rows: number[] }) => [g.kind, g.rows])).toEqual(Object.entries(fx.problems));
    // The input file is left as it was.
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});

/**
 * Counts and dates on every workflow's summary sheet are numbers and dates with formats (#,##0,
 * yyyy-mm-dd), never text: in the memory workbook as LibreOffice opens the downloaded file, and in
 * Excel (over the fake) as number formats of the same cells. The pane's summary table shows each
 * figure as the sheet does.
 */
import { serialToIso } from "../../src/core/dates";
import { summaryCell } from "../../src/taskpane/workflows/result-format";
import { ExcelWorkbook } from "../../src/workbook/excel-workbook";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block, WorkbookPort } from "../../src/workbook/types";
import { createEngine } from "../../src/workflows/engine";
import { text } from "../../src/workflows/labels";
import type { WorkflowRequest, WorkflowResult } from "../../src/workflows/types";
import { cdnowRequest, cdnowTransactions } from "../support/cdnow";
import { EXPORT_FIXTURES } from "../support/exports";
import { FakeExcel } from "../support/fake-excel";
import { LoSheet, LoWorkbook, describeWithLibreOffice, openInLibreOffice } from "../support/libreoffice";
import { AS_OF, cells, done } from "../support/workflows";

jest.setTimeout(300_000);

type Done = Extract<WorkflowResult, { status: "done" }>;

/** The clean tables of the export fixtures, one sheet each, and the CDNOW transactions for predict. */
function sheets(): Record<string, Block> {
  const out: Record<string, Block> = {};
  for (const fx of EXPORT_FIXTURES) out[fx.sheetName] = fx.clean;
  out.Data = cdnowTransactions();
  return out;
}

interface Run {
  name: string;
  language: "zh" | "en";
  result: Done;
  asOf?: number;
  holdoutEnd?: number;
}

/** Every workflow once on `port`: the five export fixtures (clean) and predict on CDNOW with a holdout. */
async function runAll(port: WorkbookPort): Promise<Run[]> {
  const engine = createEngine(port, () => AS_OF);
  const runs: Run[] = [];
  for (const fx of EXPORT_FIXTURES) {
    const info = await engine.describeSource({ sheet: fx.sheetName }, fx.workflow, fx.workflow === "rfm" ? { rfmMode: fx.options.mode as "customers" } : {});
    const request = { workflow: fx.workflow, source: info.range, mapping: info.mapping, options: { language: fx.language, ...fx.options } } as WorkflowRequest;
    const withAsOf = fx.workflow === "rfm" || fx.workflow === "aging";
    runs.push({ name: fx.name, language: fx.language, result: await done(engine, request), asOf: withAsOf ? ((fx.options.asOf as number | undefined) ?? AS_OF) : undefined });
  }
  const predict = cdnowRequest(cdnowTransactions().length, "en");
  const options = predict.options as unknown as { asOf: number; holdoutEnd: number };
  runs.push({ name: "predict-en", language: "en", result: await done(engine, predict), asOf: options.asOf, holdoutEnd: options.holdoutEnd });
  return runs;
}

/** 0-based row of the first line whose first cell is `label` (a parameter line), or of the table header. */
function rowOf(block: Block, first: unknown, second?: unknown): number {
  const row = block.findIndex((r) => r[0] === first && (second === undefined || r[1] === second));
  if (row < 0) throw new Error(`no row ${String(first)}`);
  return row;
}

function letter(column: number): string {
  return String.fromCharCode(65 + column);
}

/** The count and date cells of a run's summary sheet (A1 address → value), and the summary table's rows. */
async function expectedCells(port: WorkbookPort, run: Run): Promise<{ counts: Record<string, number>; dates: Record<string, number>; table: { row: number } }> {
  const sheet = run.result.summarySheet!;
  const block = await cells(port, sheet);
  const lang = run.language;
  const counts: Record<string, number> = { [`B${rowOf(block, text("rows", lang)) + 1}`]: run.result.rowsRead };
  const dates: Record<string, number> = {};
  if (run.asOf !== undefined) dates[`B${rowOf(block, text("asOf", lang)) + 1}`] = run.asOf;
  if (run.holdoutEnd !== undefined) {
    const row = block.findIndex((r) => r[1] === run.holdoutEnd);
    dates[`B${row + 1}`] = run.holdoutEnd;
    counts[`B${rowOf(block, "Customers") + 1}`] = run.result.figures.customers;
  }
  const { headers } = run.result.summary;
  return { counts, dates, table: { row: rowOf(block, headers[0], headers[1]) } };
}

describe("summary sheets on both ports: counts are numbers with #,##0, dates are date serials with yyyy-mm-dd", () => {
  test.each(["memory", "excel"] as const)("%s", async (kind) => {
    const fake = kind === "excel" ? new FakeExcel(sheets()) : undefined;
    const port: WorkbookPort = fake ? new ExcelWorkbook(fake.run) : MemoryWorkbook.fromSheets(sheets());
    const runs = await runAll(port);
    const formatAt = async (sheet: string, address: string) => {
      const row = Number(address.slice(1)) - 1;
      const column = address.charCodeAt(0) - 65;
      if (fake) return fake.numberFormatAt(sheet, row, column);
      return (port as MemoryWorkbook).cellView(sheet, row, column).numberFormat;
    };
    for (const run of runs) {
      const sheet = run.result.summarySheet!;
      const block = await cells(port, sheet);
      const { counts, dates } = await expectedCells(port, run);
      for (const [address, value] of Object.entries(counts)) {
        expect([run.name, address, block[Number(address.slice(1)) - 1][1], await formatAt(sheet, address)]).toEqual([run.name, address, value, "#,##0"]);
      }
      for (const [address, value] of Object.entries(dates)) {
        expect([run.name, address, block[Number(address.slice(1)) - 1][1], await formatAt(sheet, address)]).toEqual([run.name, address, value, "yyyy-mm-dd"]);
      }
    }
  });
});

describeWithLibreOffice("summary sheets as LibreOffice opens the downloaded workbook", () => {
  let wb: MemoryWorkbook;
  let runs: Run[];
  let lo: LoWorkbook;
  beforeAll(async () => {
    wb = MemoryWorkbook.fromSheets(sheets());
    runs = await runAll(wb);
    lo = await openInLibreOffice(await wb.toXlsx());
  });
  const loSheet = (name: string): LoSheet => lo.sheets.find((s) => s.name === name)!;

  test("counts show grouped (#,##0) and dates as yyyy-mm-dd, as numbers", async () => {
    let checked = 0;
    for (const run of runs) {
      const sheet = loSheet(run.result.summarySheet!);
      const { counts, dates } = await expectedCells(wb, run);
      for (const [address, value] of Object.entries(counts)) {
        expect([run.name, address, sheet.cells[address]]).toEqual([run.name, address, { v: value, s: value.toLocaleString("en-US"), nf: "#,##0" }]);
        checked++;
      }
      for (const [address, value] of Object.entries(dates)) {
        const cell = sheet.cells[address];
        expect([run.name, address, cell.v, cell.s, cell.nf?.toLowerCase()]).toEqual([run.name, address, value, serialToIso(value), "yyyy-mm-dd"]);
        checked++;
      }
    }
    // rows on all six; as-of on rfm ×2, aging, predict; holdout end and customers on predict.
    expect(checked).toBe(6 + 4 + 2);
  });

  // Predict's pane table lists model estimates (General on the sheet, rounded in the pane) from two tables of the sheet: not compared.
  test("the pane's summary table shows every figure as the sheet does (rfm, value, aging, credit)", async () => {
    let numbers = 0;
    for (const run of runs.filter((r) => r.result.summary.formats)) {
      const sheet = loSheet(run.result.summarySheet!);
      const { table } = await expectedCells(wb, run);
      const { summary } = run.result;
      summary.rows.forEach((row, r) =>
        row.forEach((value, c) => {
          const cell = sheet.cells[`${letter(c)}${table.row + 2 + r}`];
          const shown = typeof value === "number" ? cell.s : cell.v;
          expect([run.name, r, c, summaryCell(summary, r, c, run.language)]).toEqual([run.name, r, c, shown]);
          if (typeof value === "number") numbers++;
        }),
      );
    }
    expect(numbers).toBeGreaterThan(60);
  });

  test("the output columns keep their widths in the file: the segment column (重要价值客户) is 14 characters, RFM code 10, the scores 9", () => {
    const run = runs.find((r) => r.name === "rfm-customers-zh")!;
    const out = run.result.outputs.find((o) => o.kind === "columns")!;
    const widths = loSheet(out.sheet).widths.slice(out.range.column, out.range.column + out.range.columns);
    expect(widths).toHaveLength(5);
    // LibreOffice reads them in its own unit (1/100 mm; 2108, 2108, 2108, 2469, 3457 here): the scores narrowest, the segment 14/10 of the code.
    expect(widths[0]).toBe(widths[2]);
    expect(widths[0]).toBeLessThan(widths[3]);
    expect(widths[4] / widths[3]).toBeCloseTo(14 / 10, 1);
  });
});

/** Helpers for the workflow tests: a workbook from rows, a run that must finish, a sheet's cells. */
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block, WorkbookPort } from "../../src/workbook/types";
import { createEngine } from "../../src/workflows/engine";
import type { WorkflowEngine, WorkflowRequest, WorkflowResult } from "../../src/workflows/types";

export const AS_OF = 45_000; // 2023-03-15

/** Five customers, one row each: scores R,F,M = 444, 222, 555, 111, 223 (bins 5). */
export const CUSTOMERS: Block = [
  ["客户编号", "最近消费天数", "消费次数", "消费金额"],
  ["C1", 10, 5, 500],
  ["C2", 40, 2, 100],
  ["C3", 5, 9, 900],
  ["C4", 90, 1, 20],
  ["C5", 40, 2, 300],
];

export function book(sheets: Record<string, Block>): { wb: MemoryWorkbook; engine: WorkflowEngine } {
  const wb = MemoryWorkbook.fromSheets(sheets);
  return { wb, engine: createEngine(wb, () => AS_OF) };
}

export async function done(engine: WorkflowEngine, request: WorkflowRequest): Promise<Extract<WorkflowResult, { status: "done" }>> {
  const result = await engine.run(request);
  if (result.status !== "done") throw new Error(`expected done, got ${JSON.stringify(result).slice(0, 500)}`);
  return result;
}

/** Every cell of a sheet from A1 to its last used cell. */
export async function cells(port: WorkbookPort, sheet: string): Promise<Block> {
  const used = await port.usedRange(sheet);
  if (!used) return [];
  return port.read({ sheet, row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns });
}

/** The rows of a sheet from the one whose first cell is `first` up to the next blank first cell. */
export function tableAt(block: Block, first: string): Block {
  const start = block.findIndex((r) => r[0] === first);
  if (start < 0) throw new Error(`no row starting with ${first}`);
  const end = block.findIndex((r, i) => i > start && r[0] === null);
  return block.slice(start, end < 0 ? undefined : end).map((r) => {
    const row = r.slice();
    while (row.length && row[row.length - 1] === null) row.pop();
    return row;
  });
}

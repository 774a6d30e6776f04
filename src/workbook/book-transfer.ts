/**
 * An ExcelJS workbook taken apart into plain data and put back together, so it can cross to a
 * Web Worker and back (src/offload): the worker parses and writes .xlsx files, the page keeps
 * the workbook the grid reads synchronously. The model is ExcelJS's own (what its reader builds
 * and its writer reads), so nothing of the file is lost on the way; only the rows are split off,
 * because they are the bulk: the page builds them in slices that yield (Slicer), never in one
 * piece that would freeze it.
 */
import ExcelJS from "exceljs";
import { Slicer } from "./slices";
import { throwIfAborted } from "./types";

/** ExcelJS's row model (its typings do not export it): row number and cell models. */
export type RowModel = { number: number; cells: unknown[] } & Record<string, unknown>;

/** A workbook's model with each worksheet's rows split off into `rows`, keyed by worksheet id. */
export interface BookParts {
  skeleton: Record<string, unknown>;
  rows: { sheetId: number; rows: RowModel[] }[];
}

interface WorksheetInternals {
  id: number;
  _rows: (ExcelJS.Row | undefined)[];
}

interface SheetModel {
  id: number;
  rows: RowModel[];
  merges?: string[];
  mergeCells?: string[];
}

const internals = (ws: ExcelJS.Worksheet) => ws as unknown as WorksheetInternals;

/**
 * The workbook as parts. The skeleton is read with every sheet's rows set aside (ExcelJS's model
 * getter would otherwise build all row models at once); the row models are built in slices.
 */
export async function bookParts(wb: ExcelJS.Workbook, options: { slicer?: Slicer; signal?: AbortSignal } = {}): Promise<BookParts> {
  const saved = wb.worksheets.map((ws) => {
    const rows = internals(ws)._rows;
    internals(ws)._rows = [];
    return rows;
  });
  let skeleton: Record<string, unknown>;
  try {
    skeleton = { ...(wb.model as unknown as Record<string, unknown>) };
  } finally {
    wb.worksheets.forEach((ws, i) => (internals(ws)._rows = saved[i]));
  }
  // The getter lists every worksheet twice (worksheets and sheets): one copy is enough to carry.
  skeleton.sheets = (skeleton.worksheets as SheetModel[]).map((s) => ({ id: s.id }));
  const rows: BookParts["rows"] = [];
  for (const ws of wb.worksheets) {
    const models: RowModel[] = [];
    for (const row of internals(ws)._rows) {
      if (!row) continue;
      const model = (row as unknown as { model: RowModel | null }).model;
      if (model) models.push(model);
      if (options.slicer?.due) {
        await options.slicer.yield();
        throwIfAborted(options.signal);
      }
    }
    rows.push({ sheetId: internals(ws).id, rows: models });
  }
  return { skeleton, rows };
}

/**
 * The workbook back from its parts: the skeleton at once (small), then the rows in slices when a
 * slicer is given, then the merged areas (after the rows, as ExcelJS's own reader does: a merge
 * set first would be overwritten by the rows' cells). `onRows` reports rows built.
 */
export async function bookFromParts(parts: BookParts, options: { slicer?: Slicer; signal?: AbortSignal; onRows?: (done: number, total: number) => void } = {}): Promise<ExcelJS.Workbook> {
  const skeleton = parts.skeleton as { worksheets: SheetModel[] };
  const merges = new Map<number, string[]>();
  const worksheets = skeleton.worksheets.map((s) => {
    merges.set(s.id, s.merges ?? s.mergeCells ?? []);
    return { ...s, rows: [], mergeCells: [] };
  });
  const wb = new ExcelJS.Workbook();
  (wb as unknown as { model: unknown }).model = { ...skeleton, worksheets };
  const total = parts.rows.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  for (const { sheetId, rows } of parts.rows) {
    const ws = wb.getWorksheet(sheetId);
    if (!ws) continue;
    for (const model of rows) {
      (ws.getRow(model.number) as unknown as { model: RowModel }).model = model;
      done++;
      if (options.slicer?.due) {
        options.onRows?.(done, total);
        await options.slicer.yield();
        throwIfAborted(options.signal);
      }
    }
  }
  for (const ws of wb.worksheets) for (const range of merges.get(internals(ws).id) ?? []) (ws as unknown as { mergeCellsWithoutStyle(r: string): void }).mergeCellsWithoutStyle(range);
  options.onRows?.(total, total);
  return wb;
}

/**
 * The workbook port inside Excel, on Office.js. Every method is one Excel.run; large reads and
 * writes go in row blocks, one context.sync() per block, each request and response kept well
 * under Excel's 5 MB and 5-million-cell limits (blocks.ts). Reads size their blocks from the
 * bytes per row seen so far and halve a block that Excel still rejects as too large.
 *
 * Strings are written through guardText (text-guard.ts): a leading apostrophe whenever Excel
 * would otherwise read the text as a formula, number, date or boolean. The one formula the
 * add-in writes goes through insertFormula (range.formulas), never through values.
 *
 * Formats and charts are many small operations: formatAll and addCharts queue them and sync once
 * per payload budget rather than once per call. The add-in's data (store.ts) is keyed by
 * worksheet id, which Excel keeps when the person renames a sheet.
 */
import { BLOCK_BUDGET, rowBytes, splitByBudget, utf8Bytes } from "./blocks";
import { ExcelRun, RequestContextLike, WorksheetLike, isPayloadError } from "./excel-api";
import { checkFormula } from "./formula-guard";
import { columnWidthCharacters, columnWidthPoints } from "./native-charts";
import { uniqueSheetName } from "./sheet-names";
import {
  AddinStore,
  SheetKey,
  StoredChart,
  chartOn,
  chartSpecOf,
  decodeStore,
  deleteFromStore,
  emptyStore,
  encodeStore,
  findStoreSheet,
  getSettings,
  newStoreSheetName,
  putSettings,
  refreshNames,
} from "./store";
import { guardText } from "./text-guard";
import {
  AddedSheet,
  Block,
  CellValue,
  ChartSpec,
  FormatStep,
  IoOptions,
  JsonObject,
  RangeRef,
  SheetInfo,
  WorkbookPort,
  throwIfAborted,
} from "./types";

export interface ExcelWorkbookOptions {
  /** Bytes and cells per request we aim for (defaults: 2.5 MB, 1 M cells). */
  budget?: { payloadBytes: number; cells: number };
  /** Cells in the first read block, before the bytes per row are known. */
  firstReadCells?: number;
}

const CHART_TYPES: Record<ChartSpec["kind"], string> = {
  column: "ColumnClustered",
  stackedColumn: "ColumnStacked",
  pie: "Pie",
  line: "Line",
  pareto: "ColumnClustered",
};

/** Request bytes we count for one small operation (a property set, a conditional format), generously. */
const SMALL_OP_BYTES = 400;

/** The add-in's data as read in one Excel.run, with the workbook's sheets (ids and names) at that time. */
interface StoreState {
  data: AddinStore;
  rows: number;
  exists: boolean;
  /** The store sheet's name when it exists, else the name a new one gets. */
  storeName: string;
  /** Every sheet but the store. */
  sheets: { id: string; name: string }[];
}

function keyOf(state: StoreState, name: string): SheetKey {
  const sheet = state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  return sheet ? { name: sheet.name, id: sheet.id } : { name };
}

const liveIds = (state: StoreState) => new Set(state.sheets.map((s) => s.id));
const nameById = (state: StoreState) => (id: string) => state.sheets.find((s) => s.id === id)?.name;

function toCell(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

function toExcelValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  if (typeof v === "string") return guardText(v);
  return v;
}

export class ExcelWorkbook implements WorkbookPort {
  readonly kind = "excel" as const;
  private suspended = false;
  private readonly budget: { payloadBytes: number; cells: number };
  private readonly firstReadCells: number;

  constructor(
    private readonly run: ExcelRun,
    options: ExcelWorkbookOptions = {},
  ) {
    this.budget = options.budget ?? { ...BLOCK_BUDGET };
    this.firstReadCells = options.firstReadCells ?? 50_000;
  }

  /** The workbook Excel has open (inside the task pane, after Office.onReady). */
  static fromOffice(): ExcelWorkbook {
    // Through globalThis: this module is also compiled where office-js types are absent (the bench).
    const excel = (globalThis as unknown as { Excel?: { run: unknown } }).Excel;
    if (!excel) throw new Error("Office.js (Excel) is not loaded");
    return new ExcelWorkbook(excel.run as ExcelRun);
  }

  // ---- sheets -------------------------------------------------------------------------------

  private async allSheets(ctx: RequestContextLike): Promise<WorksheetLike[]> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/id,items/name,items/visibility,items/position");
    await ctx.sync();
    return sheets.items;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const visible = (await this.allSheets(ctx)).filter((s) => s.visibility === "Visible").sort((a, b) => a.position - b.position);
      const used = visible.map((s) => {
        const u = s.getUsedRangeOrNullObject(true);
        u.load("rowIndex,columnIndex,rowCount,columnCount");
        return u;
      });
      await ctx.sync();
      return visible.map((s, index) => ({
        name: s.name,
        id: s.id,
        index,
        used: used[index].isNullObject ? null : { sheet: s.name, row: used[index].rowIndex, column: used[index].columnIndex, rows: used[index].rowCount, columns: used[index].columnCount },
      }));
    });
  }

  async activeSheet(): Promise<string> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      await ctx.sync();
      return ws.name;
    });
  }

  async activateSheet(name: string): Promise<void> {
    await this.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(name).activate();
      await ctx.sync();
    });
  }

  async selection(): Promise<RangeRef | null> {
    return this.run(async (ctx) => {
      const range = ctx.workbook.getSelectedRange();
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      const ws = range.worksheet;
      ws.load("name");
      try {
        await ctx.sync();
      } catch {
        return null; // a chart or shape is selected, not cells
      }
      return { sheet: ws.name, row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount };
    });
  }

  async usedRange(sheet: string): Promise<RangeRef | null> {
    return this.run(async (ctx) => {
      const u = ctx.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
      u.load("rowIndex,columnIndex,rowCount,columnCount");
      await ctx.sync();
      return u.isNullObject ? null : { sheet, row: u.rowIndex, column: u.columnIndex, rows: u.rowCount, columns: u.columnCount };
    });
  }

  async addSheet(base: string): Promise<AddedSheet> {
    return this.run(async (ctx) => {
      const name = uniqueSheetName(base, (await this.allSheets(ctx)).map((s) => s.name));
      // Its id comes back with the request that adds it.
      const ws = ctx.workbook.worksheets.add(name);
      ws.load("id");
      await ctx.sync();
      return { name, id: ws.id };
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await this.run(async (ctx) => {
      const before = await this.readStore(ctx);
      const key = keyOf(before, name);
      ctx.workbook.worksheets.getItem(name).delete();
      await ctx.sync();
      deleteFromStore(before.data, key, liveIds(before));
      await this.writeStore(ctx, { ...before, sheets: before.sheets.filter((s) => s.id !== key.id) });
    });
  }

  // ---- values -------------------------------------------------------------------------------

  async read(range: RangeRef, options: IoOptions = {}): Promise<Block> {
    return this.readBlocks(range, "values", toCell, options);
  }

  /** range.formulas gives a formula cell's formula and every other cell's value: only the formulas are kept. */
  async readFormulas(range: RangeRef, options: IoOptions = {}): Promise<(string | null)[][]> {
    return this.readBlocks(range, "formulas", (v) => (typeof v === "string" && v.startsWith("=") ? v : null), options);
  }

  async columnWidths(sheet: string, column: number, count: number): Promise<(number | null)[]> {
    if (count <= 0) return [];
    return this.run(async (ctx) => {
      const formats = columnFormats(ctx.workbook.worksheets.getItem(sheet), column, count);
      await ctx.sync();
      return formats.map((f) => columnWidthCharacters(f.columnWidth));
    });
  }

  async select(range: RangeRef): Promise<void> {
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(range.sheet);
      ws.activate();
      ws.getRangeByIndexes(range.row, range.column, Math.max(1, range.rows), Math.max(1, range.columns)).select();
      await ctx.sync();
    });
  }

  /** A rectangle's values or formulas in row blocks sized to the cell and payload budgets. */
  private async readBlocks<T extends CellValue>(range: RangeRef, property: "values" | "formulas", cell: (v: unknown) => T, options: IoOptions): Promise<T[][]> {
    if (range.rows <= 0 || range.columns <= 0) return [];
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(range.sheet);
      const out: T[][] = new Array(range.rows);
      const maxRowsByCells = Math.max(1, Math.floor(this.budget.cells / range.columns));
      let rowsPerBlock = Math.min(maxRowsByCells, Math.max(1, Math.floor(this.firstReadCells / range.columns)));
      let bytesPerRow = 0;
      let start = 0;
      const widths = columnFormats(ws, range.column, options.onColumnWidths ? range.columns : 0);
      while (start < range.rows) {
        throwIfAborted(options.signal);
        const n = Math.min(rowsPerBlock, range.rows - start);
        const block = ws.getRangeByIndexes(range.row + start, range.column, n, range.columns);
        block.load(property);
        try {
          await ctx.sync();
          if (start === 0 && widths.length > 0) options.onColumnWidths?.(widths.map((f) => columnWidthCharacters(f.columnWidth)));
        } catch (e) {
          // Longer text further down than in the rows measured so far: halve and try again.
          if (isPayloadError(e) && n > 1) {
            rowsPerBlock = Math.max(1, Math.floor(n / 2));
            continue;
          }
          throw e;
        }
        const values = property === "values" ? block.values : block.formulas;
        // Measure a spread sample of rows; exact sizes would cost a pass over every cell.
        const step = Math.max(1, Math.floor(n / 500));
        for (let i = 0; i < n; i += step) bytesPerRow = Math.max(bytesPerRow, rowBytes(values[i] as CellValue[]));
        for (let i = 0; i < n; i++) {
          const src = values[i];
          const row: T[] = new Array(range.columns);
          for (let j = 0; j < range.columns; j++) row[j] = cell(src[j]);
          out[start + i] = row;
        }
        start += n;
        options.onProgress?.({ done: start, total: range.rows });
        // A 1.5 margin: the sample may have missed the longest rows.
        rowsPerBlock = Math.max(1, Math.min(maxRowsByCells, Math.floor(this.budget.payloadBytes / (bytesPerRow * 1.5))));
      }
      throwIfAborted(options.signal);
      return out;
    });
  }

  async write(sheet: string, row: number, column: number, values: Block, options: IoOptions = {}): Promise<void> {
    if (values.length === 0) return;
    const width = values[0].length;
    if (width === 0) return;
    const rows: (string | number | boolean)[][] = values.map((r) => {
      if (r.length !== width) throw new Error("write: every row must have the same number of cells");
      return r.map(toExcelValue);
    });
    const blocks = splitByBudget(rows as Block, this.budget);
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      // Loaded before the first block is written, in the same request.
      const widths = columnFormats(ws, column, options.onColumnWidths ? width : 0);
      for (const [s, e] of blocks) {
        throwIfAborted(options.signal);
        if (this.suspended) ctx.application.suspendApiCalculationUntilNextSync();
        ws.getRangeByIndexes(row + s, column, e - s, width).values = rows.slice(s, e);
        await ctx.sync();
        if (s === 0 && widths.length > 0) options.onColumnWidths?.(widths.map((f) => columnWidthCharacters(f.columnWidth)));
        options.onProgress?.({ done: e, total: rows.length });
      }
    });
  }

  async clear(range: RangeRef): Promise<void> {
    if (range.rows <= 0 || range.columns <= 0) return;
    await this.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(range.sheet).getRangeByIndexes(range.row, range.column, range.rows, range.columns);
      r.conditionalFormats.clearAll();
      r.clear("All");
      await ctx.sync();
    });
  }

  // ---- formats ------------------------------------------------------------------------------

  /**
   * Queues every step and syncs only when the next one would take the request over the budget:
   * the small operations of a whole run go in one request, a long column of number formats
   * (one entry per cell) in blocks like values.
   */
  /** Progress once, when Excel has them all (each request already gives the page its turn). */
  async formatAll(steps: readonly FormatStep[], options: IoOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const live = steps.filter((s) => s.range.rows > 0 && s.range.columns > 0 && (s.format !== undefined || (s.fills?.length ?? 0) > 0));
    const total = steps.reduce((n, s) => n + s.range.rows, 0);
    if (live.length === 0) return;
    await this.run(async (ctx) => {
      const sheets = new Map<string, WorksheetLike>();
      const sheetOf = (name: string) => {
        let ws = sheets.get(name);
        if (!ws) sheets.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
        return ws;
      };
      let bytes = 0;
      let cells = 0;
      const reserve = async (opBytes: number, opCells: number) => {
        if ((bytes > 0 || cells > 0) && (bytes + opBytes > this.budget.payloadBytes || cells + opCells > this.budget.cells)) {
          await ctx.sync();
          bytes = 0;
          cells = 0;
        }
        bytes += opBytes;
        cells += opCells;
      };
      for (const { range, format, fills } of live) {
        const ws = sheetOf(range.sheet);
        const whole = ws.getRangeByIndexes(range.row, range.column, range.rows, range.columns);
        if (format) {
          await reserve(SMALL_OP_BYTES, 0);
          if (format.bold !== undefined) whole.format.font.bold = format.bold;
          if (format.fill !== undefined) whole.format.fill.color = format.fill;
          if (format.columnWidth !== undefined) whole.format.columnWidth = columnWidthPoints(format.columnWidth ?? undefined);
          if (format.numberFormat !== undefined) {
            // numberFormat takes one entry per cell: sent in blocks like values.
            const rowOfFormats = new Array<string>(range.columns).fill(format.numberFormat);
            const perRow = rowBytes(rowOfFormats);
            const rows = new Array<string[]>(range.rows).fill(rowOfFormats);
            for (const [s, e] of splitByBudget(rows as Block, this.budget)) {
              await reserve(SMALL_OP_BYTES + perRow * (e - s), (e - s) * range.columns);
              ws.getRangeByIndexes(range.row + s, range.column, e - s, range.columns).numberFormat = rows.slice(s, e);
            }
          }
        }
        for (const f of fills ?? []) {
          await reserve(SMALL_OP_BYTES + utf8Bytes(f.value) * 2, 0);
          const cf = whole.conditionalFormats.add("CellValue");
          cf.cellValue.format.fill.color = f.fill;
          cf.cellValue.rule = { formula1: `="${f.value.replace(/"/g, '""')}"`, operator: "EqualTo" };
        }
      }
      await ctx.sync();
    });
    options.onProgress?.({ done: total, total });
  }

  // ---- formulas -----------------------------------------------------------------------------

  /** Into the top-left cell of the selection, through range.formulas (Excel calculates it). */
  async insertFormula(formula: string): Promise<void> {
    checkFormula(formula);
    await this.run(async (ctx) => {
      ctx.workbook.getSelectedRange().getCell(0, 0).formulas = [[formula]];
      await ctx.sync();
    });
  }

  // ---- charts -------------------------------------------------------------------------------

  /** The charts are queued, then travel with the first request of the store read; one store write records them all. */
  async addCharts(specs: readonly ChartSpec[]): Promise<void> {
    if (specs.length === 0) return;
    await this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      for (const spec of specs) {
        const ws = sheets.getItem(spec.sheet);
        const src = sheets.getItem(spec.source.sheet).getRangeByIndexes(spec.source.row, spec.source.column, spec.source.rows, spec.source.columns);
        const chart = ws.charts.add(CHART_TYPES[spec.kind], src, "Columns");
        chart.title.text = spec.title;
        if (spec.name) chart.name = spec.name;
        chart.setPosition(ws.getRangeByIndexes(spec.anchor.row, spec.anchor.column, 1, 1));
        chart.width = spec.width ?? 480;
        chart.height = spec.height ?? 288;
        if (spec.kind === "pareto") {
          // The last source column is the cumulative share: a line on its own axis.
          const line = chart.series.getItemAt(spec.source.columns - 2);
          line.chartType = "Line";
          line.axisGroup = "Secondary";
        }
      }
      const store = await this.readStore(ctx);
      for (const spec of specs) {
        const on = keyOf(store, spec.sheet);
        store.data.charts = store.data.charts.filter((c) => !(spec.name !== undefined && c.name === spec.name && chartOn(c, on)));
        const record: StoredChart = JSON.parse(JSON.stringify(spec)) as ChartSpec;
        const sourceId = keyOf(store, spec.source.sheet).id;
        if (on.id !== undefined) record.sheetId = on.id;
        if (sourceId !== undefined) record.sourceSheetId = sourceId;
        store.data.charts.push(record);
      }
      await this.writeStore(ctx, store);
    });
  }

  async listCharts(sheet: string): Promise<ChartSpec[]> {
    return this.run(async (ctx) => {
      const store = await this.readStore(ctx);
      const on = keyOf(store, sheet);
      return store.data.charts.filter((c) => chartOn(c, on)).map((c) => chartSpecOf(c, nameById(store)));
    });
  }

  // ---- settings -----------------------------------------------------------------------------

  /** Two requests: whether the data sheet exists, with every sheet's id and name (and whatever was queued before); then its cells. */
  private async readStore(ctx: RequestContextLike): Promise<StoreState> {
    const all = ctx.workbook.worksheets;
    all.load("items/id,items/name,items/visibility");
    await ctx.sync();
    // The store is the very hidden sheet with a store name: a person's CRM_AddinData (any case) is just a sheet.
    const found = findStoreSheet(all.items.map((s) => ({ name: s.name, veryHidden: s.visibility === "VeryHidden" })));
    const sheets = all.items.filter((s) => s.name !== found).map((s) => ({ id: s.id, name: s.name }));
    if (found === undefined) return { data: emptyStore(), rows: 0, exists: false, storeName: newStoreSheetName(all.items.map((s) => s.name)), sheets };
    const used = all.getItem(found).getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,rowCount,columnIndex");
    await ctx.sync();
    if (used.isNullObject || used.rowIndex !== 0 || used.columnIndex !== 0) return { data: emptyStore(), rows: 0, exists: true, storeName: found, sheets };
    const block = used.values.map((r) => [toCell(r[0])]);
    return { data: decodeStore(block), rows: used.rowCount, exists: true, storeName: found, sheets };
  }

  private async writeStore(ctx: RequestContextLike, store: StoreState): Promise<void> {
    const sheets = ctx.workbook.worksheets;
    let ws: WorksheetLike;
    if (store.exists) ws = sheets.getItem(store.storeName);
    else {
      ws = sheets.add(store.storeName);
      ws.visibility = "VeryHidden";
    }
    // Names as they are now, for a host without ids that opens the file later.
    refreshNames(store.data, nameById(store));
    const rows = encodeStore(store.data);
    ws.getRangeByIndexes(0, 0, rows.length, 1).values = rows.map((r) => [toExcelValue(r[0])]);
    if (store.rows > rows.length) ws.getRangeByIndexes(rows.length, 0, store.rows - rows.length, 1).clear("Contents");
    await ctx.sync();
  }

  async getSheetSettings(sheet: string): Promise<JsonObject> {
    return this.run(async (ctx) => {
      const store = await this.readStore(ctx);
      return getSettings(store.data, keyOf(store, sheet), liveIds(store)) ?? {};
    });
  }

  async setSheetSettings(sheet: string, settings: JsonObject): Promise<void> {
    await this.run(async (ctx) => {
      const store = await this.readStore(ctx);
      putSettings(store.data, keyOf(store, sheet), JSON.parse(JSON.stringify(settings)) as JsonObject, liveIds(store));
      await this.writeStore(ctx, store);
    });
  }

  // ---- calculation --------------------------------------------------------------------------

  /** Each write request then suspends recalculation until its sync (Excel recalculates after). */
  async suspendCalculation(): Promise<void> {
    this.suspended = true;
  }

  async resumeCalculation(): Promise<void> {
    this.suspended = false;
  }
}

/** The formats of `count` columns from `column`, their widths loaded with the next request. */
function columnFormats(ws: WorksheetLike, column: number, count: number) {
  const formats = Array.from({ length: count }, (_, j) => ws.getRangeByIndexes(0, column + j, 1, 1).format);
  for (const f of formats) f.load("columnWidth");
  return formats;
}

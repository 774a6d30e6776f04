/**
 * The in-memory workbook of the browser preview (and of tests and the bench): an ExcelJS
 * workbook as the document of record, so everything in the person's file (formulas, styles,
 * other sheets) is kept when the result is downloaded.
 *
 * Values go in and out as plain cells (dates as Excel serial numbers). Strings are stored as
 * strings: ExcelJS writes them as shared strings, never as formulas, so "=1+1" stays text. A
 * formula cell reads as its cached result (nothing calculates here); the only formula the add-in
 * writes is the one insertFormula puts into the selected cell.
 *
 * Charts: ExcelJS cannot write them. They are kept as ChartSpec records in the add-in's hidden
 * data sheet (see store.ts), which survives download and re-opening with this class, and the
 * preview draws them from the specs; toXlsx adds them to the package as real DrawingML charts
 * (native-charts.ts), so Excel and LibreOffice show them too.
 */
import ExcelJS from "exceljs";
import { CalcBook, cellKey } from "../formulas/calc-book";
import { fileFormula, shownFormula } from "../formulas/file-formula";
import { Cell, FormulaError, cellAddress as parseAddress } from "../explorer/formula";
import type { Metadata } from "../explorer/registry";
import { cellAddress as addressOf } from "./address";
import { checkFormula } from "./formula-guard";
import { uniqueSheetName } from "./sheet-names";
import { Limits, PREVIEW_LIMITS, PreviewLimitError, SheetFacts, checkDownload, checkSheets, checkXlsxBytes, escapeXmlText, needsXmlEscape } from "./upload-limits";
import { AddinStore, chartOn, findStoreSheet, newStoreSheetName, chartSpecOf, decodeStore, deleteFromStore, emptyStore, encodeStore, getSettings, putSettings, renameInStore } from "./store";
import { addNativeCharts, columnWidthPoints, NativeChart } from "./native-charts";
import { formatValue } from "./number-format";
import { Slicer, rowsPerCheck } from "./slices";
import {
  AddedSheet,
  Block,
  CellFormat,
  CellValue,
  CellView,
  ChartSpec,
  FormatStep,
  FunctionsMetadata,
  IoOptions,
  JsonObject,
  PreviewWorkbook,
  RangeRef,
  SheetInfo,
  ValueFill,
  throwIfAborted,
} from "./types";

const MS_PER_DAY = 86_400_000;
/** ExcelJS turns date-formatted cells into JS Dates with serial 25569 = 1970-01-01 (UTC). */
const UNIX_EPOCH_SERIAL = 25_569;

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}

function hexOf(argbColor: string | undefined): string | undefined {
  if (!argbColor || argbColor.length < 6) return undefined;
  return `#${argbColor.slice(-6).toUpperCase()}`;
}

/** A plain value from whatever ExcelJS holds in a cell. */
/** Used ranges and cell counts of every sheet, for the preview's limits. */
function sheetFacts(wb: ExcelJS.Workbook): SheetFacts[] {
  return wb.worksheets.map((ws) => {
    let cells = 0;
    let lastRow = 0;
    let lastColumn = 0;
    ws.eachRow((row, r) => {
      lastRow = r;
      row.eachCell((cell, c) => {
        cells++;
        if (c > lastColumn) lastColumn = c;
      });
    });
    return { name: ws.name, lastRow, lastColumn, cells };
  });
}

/** Escapes the texts .xlsx cannot hold as they are; returns the cells changed with their texts, to restore. */
function escapeTexts(wb: ExcelJS.Workbook): [ExcelJS.Cell, string][] {
  const changed: [ExcelJS.Cell, string][] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        if (typeof v === "string" && needsXmlEscape(v)) {
          changed.push([cell, v]);
          cell.value = escapeXmlText(v);
        }
      }),
    );
  }
  return changed;
}

export function plainValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return Math.round(v.getTime()) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  if (typeof v === "object") {
    const o = v as unknown as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) return plainValue(o.result as ExcelJS.CellValue);
    if ("error" in o) return String(o.error);
    if ("richText" in o && Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("") || null;
    if ("text" in o) {
      const t = o.text;
      if (typeof t === "string") return t;
      return plainValue(t as ExcelJS.CellValue);
    }
  }
  return null;
}

/**
 * A cell's plain value. A formula cell gives its cached result, read from `cell.result`: ExcelJS's
 * `cell.value` leaves out a falsy result (0, FALSE, ""), which would read as blank.
 */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Formula) return plainValue(cell.result as ExcelJS.CellValue);
  return plainValue(cell.value);
}

/** A constant cell as the formula engine reads it: blank "", error values as errors. */
function calcValue(cell: ExcelJS.Cell): Cell {
  const v = cell.value as unknown;
  if (v && typeof v === "object" && "error" in (v as object)) return new FormulaError(String((v as { error: string }).error), "an error value in the file");
  const plain = cellValue(cell);
  return plain === null ? "" : plain;
}

/** An engine result as ExcelJS stores a cached value. */
function storedResult(c: Cell): ExcelJS.CellValue {
  if (c instanceof FormulaError) return { error: c.code } as ExcelJS.CellErrorValue;
  return c === "" ? null : c;
}

/** A merge as ExcelJS models it: 1-based edges, inclusive. */
interface MergeModel {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** "A2:H2" (either corner first) as a merge model; undefined when it is not such a range. */
export function mergeModelOf(address: string): MergeModel | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) return undefined;
  const [c1, r1, c2, r2] = [columnNumber(m[1]), Number(m[2]), columnNumber(m[3]), Number(m[4])];
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

function fillsByValue(fills: readonly ValueFill[]): Map<string, ExcelJS.Fill> {
  return new Map(fills.map((f) => [f.value, { type: "pattern", pattern: "solid", fgColor: { argb: argb(f.fill) } } as ExcelJS.Fill]));
}

function isFormula(cell: ExcelJS.Cell): boolean {
  return cell.type === ExcelJS.ValueType.Formula;
}

/**
 * Parses an .xlsx file within the preview's limits (upload-limits.ts), refusing with a
 * PreviewLimitError saying why: before parsing for its size and what it unpacks to, after
 * parsing for its dimensions. Runs in a worker as well as on the page.
 */
export async function parseXlsx(data: ArrayBuffer | Uint8Array, partial?: Partial<Limits>): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const limits = { ...PREVIEW_LIMITS, ...partial };
  const before = checkXlsxBytes(bytes, limits);
  if (!before.ok) throw new PreviewLimitError(before);
  // ExcelJS's typings want a Node Buffer; in the browser it accepts any ArrayBuffer view.
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const after = checkSheets(sheetFacts(wb), limits);
  if (!after.ok) throw new PreviewLimitError(after);
  return wb;
}

export interface MemoryWorkbookOptions {
  /**
   * Longest stretch (ms) that read, write and formatAll work before they report progress and
   * yield to the event loop, so the page stays responsive; default SLICE_MS (0: at every look at
   * the clock, for tests).
   */
  sliceMs?: number;
  /** The preview's limits (default PREVIEW_LIMITS), for tests that reach them with little data. */
  limits?: Partial<Limits>;
}

/** For a change of no cell's value (a format, the active sheet, a new empty sheet, the hidden store's). */
const sameCells = (_sheet: string, before: RangeRef | null) => before;

/** What a write wrote: rows × columns at most, and whether any of its values was blank. */
interface Written {
  rows: number;
  columns: number;
  blank: boolean;
}

/**
 * The used range `before` with `written` at row, column of `sheet`; undefined when a value
 * written was blank (writing a blank may empty a cell at the range's edge).
 */
function grownBy(before: RangeRef | null, sheet: string, row: number, column: number, { rows: written, columns, blank }: Written): RangeRef | null | undefined {
  if (blank) return undefined;
  if (written === 0 || columns === 0) return before;
  if (!before) return { sheet, row, column, rows: written, columns };
  const top = Math.min(before.row, row);
  const left = Math.min(before.column, column);
  const bottom = Math.max(before.row + before.rows, row + written);
  const right = Math.max(before.column + before.columns, column + columns);
  return { sheet: before.sheet, row: top, column: left, rows: bottom - top, columns: right - left };
}

export class MemoryWorkbook implements PreviewWorkbook {
  readonly kind = "memory" as const;
  private _version = 0;
  private readonly listeners = new Set<() => void>();
  private store: AddinStore;
  /** The name of the add-in's store sheet, once there is one. */
  private storeName: string | undefined;
  private active: string;
  private selected: RangeRef | null = null;
  private asked: (RangeRef & { serial: number }) | null = null;
  private usedCache = new Map<string, { version: number; used: RangeRef | null }>();
  /** The formula engine over this workbook's formulas, once the CRM functions are known (useFunctions). */
  private calc?: CalcBook;
  /**
   * Each sheet's id (SheetInfo.id). Not ExcelJS's worksheet.id: ExcelJS gives a new sheet the
   * first free number, so a sheet the person adds after deleting one gets the deleted sheet's id.
   * These are never reused: a prefix drawn per opened workbook (marks in a file written in
   * another session never meet this session's ids) and a count.
   */
  private readonly ids = new WeakMap<ExcelJS.Worksheet, string>();
  private readonly idPrefix = `m${Math.random().toString(36).slice(2, 10)}`;
  private idsGiven = 0;

  private constructor(
    private readonly wb: ExcelJS.Workbook,
    private readonly options: MemoryWorkbookOptions = {},
  ) {
    // The store is the very hidden sheet with a store name, never a person's sheet of that name.
    this.storeName = findStoreSheet(wb.worksheets.map((ws) => ({ name: ws.name, veryHidden: ws.state === "veryHidden" })));
    const data = this.storeName === undefined ? undefined : this.findSheet(this.storeName);
    this.store = emptyStore();
    if (data) {
      const block: Block = [];
      data.eachRow((row) => block.push([plainValue(row.getCell(1).value)]));
      this.store = decodeStore(block);
    }
    const visible = this.visibleSheets();
    const tab = wb.views?.[0]?.activeTab ?? 0;
    const all = wb.worksheets;
    const activeWs = all[tab] && all[tab].state === "visible" ? all[tab] : visible[0];
    this.active = activeWs?.name ?? "";
  }

  /**
   * Opens an .xlsx file (ArrayBuffer from a file input or fetch, or a Node Buffer). A file past
   * the preview's limits (upload-limits.ts) is refused with a PreviewLimitError saying why:
   * before parsing for its size and what it unpacks to, after parsing for its dimensions.
   */
  static async fromXlsx(data: ArrayBuffer | Uint8Array, options?: MemoryWorkbookOptions): Promise<MemoryWorkbook> {
    return MemoryWorkbook.fromExcelJs(await parseXlsx(data, options?.limits), options);
  }

  /** The workbook over an ExcelJS workbook already parsed (within the limits). */
  static fromExcelJs(wb: ExcelJS.Workbook, options?: MemoryWorkbookOptions): MemoryWorkbook {
    const book = new MemoryWorkbook(wb, options);
    if (book.visibleSheets().length === 0) book.createSheet("Sheet1");
    return book;
  }

  /** A workbook with one empty sheet. */
  static empty(sheetName = "Sheet1"): MemoryWorkbook {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(sheetName);
    return new MemoryWorkbook(wb);
  }

  /** A workbook with the given sheets and values (tests, bench, samples). */
  static fromSheets(sheets: Record<string, Block>, options?: MemoryWorkbookOptions): MemoryWorkbook {
    const wb = new ExcelJS.Workbook();
    for (const name of Object.keys(sheets)) wb.addWorksheet(name);
    const book = new MemoryWorkbook(wb, options);
    for (const [name, block] of Object.entries(sheets)) book.writeRows(name, 0, 0, block, 0, block.length);
    return book;
  }

  /** The underlying ExcelJS workbook (for tests that inspect styles). */
  get excel(): ExcelJS.Workbook {
    return this.wb;
  }

  get version(): number {
    return this._version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A new version. `used` says each sheet's used range after the change, of its range before
   * (undefined: not known, found again when asked), where the change knows it: found again, it is
   * a scan of every row, and the grid asks after each change (~120 ms at 100,000 rows on a page
   * slowed down 6×; a workflow's run changes the workbook a dozen times). Kept only for ranges
   * found at the version just before.
   */
  private changed(used?: (sheet: string, before: RangeRef | null) => RangeRef | null | undefined): void {
    const since = this._version++;
    if (used) {
      for (const [sheet, cached] of this.usedCache) {
        if (cached.version !== since) continue;
        const next = used(sheet, cached.used);
        if (next !== undefined) this.usedCache.set(sheet, { version: this._version, used: next });
      }
    }
    for (const l of this.listeners) l();
  }

  // ---- sheets -------------------------------------------------------------------------------

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const lower = name.toLowerCase();
    return this.wb.worksheets.find((ws) => ws.name.toLowerCase() === lower);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.findSheet(name);
    if (!ws || this.isStore(ws)) throw new Error(`There is no sheet named "${name}"`);
    return ws;
  }

  private isStore(ws: ExcelJS.Worksheet): boolean {
    return this.storeName !== undefined && ws.name === this.storeName && ws.state === "veryHidden";
  }

  private visibleSheets(): ExcelJS.Worksheet[] {
    return this.wb.worksheets.filter((ws) => ws.state === "visible");
  }

  private createSheet(name: string): ExcelJS.Worksheet {
    const ws = this.wb.addWorksheet(name);
    if (!this.active) this.active = ws.name;
    return ws;
  }

  sheetNames(): string[] {
    return this.visibleSheets().map((ws) => ws.name);
  }

  private idOf(ws: ExcelJS.Worksheet): string {
    let id = this.ids.get(ws);
    if (id === undefined) this.ids.set(ws, (id = `${this.idPrefix}-${++this.idsGiven}`));
    return id;
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.visibleSheets().map((ws, index) => ({ name: ws.name, id: this.idOf(ws), index, used: this.used(ws.name) }));
  }

  /** The active sheet's name, synchronously (activeSheet() for the port). */
  get activeSheetName(): string {
    return this.active;
  }

  async activeSheet(): Promise<string> {
    return this.active;
  }

  async activateSheet(name: string): Promise<void> {
    this.active = this.sheet(name).name;
    this.changed(sameCells);
  }

  /** The preview grid reports the person's selection here. */
  setSelection(range: RangeRef | null): void {
    this.selected = range;
  }

  async selection(): Promise<RangeRef | null> {
    return this.selected && this.findSheet(this.selected.sheet) ? { ...this.selected } : null;
  }

  /**
   * Selects a rectangle on its sheet (a problem's cell from the task pane): the sheet becomes
   * active and the grid, told by `selectionAsked`, shows and outlines it.
   */
  async select(range: RangeRef): Promise<void> {
    const name = this.sheet(range.sheet).name;
    this.selected = { ...range, sheet: name };
    this.active = name;
    this.asked = { ...range, sheet: name, serial: (this.asked?.serial ?? 0) + 1 };
    this.changed(sameCells);
  }

  /** The last rectangle select() was asked for (serial grows with every call), for the grid to follow. */
  get selectionAsked(): (RangeRef & { serial: number }) | null {
    return this.asked;
  }

  async usedRange(sheet: string): Promise<RangeRef | null> {
    return this.used(sheet);
  }

  private used(name: string): RangeRef | null {
    const ws = this.sheet(name);
    const cached = this.usedCache.get(ws.name);
    if (cached && cached.version === this._version) return cached.used;
    // Per row only its first and last non-blank cells matter: look from each end (a row is
    // mostly full, so a cell or two each), not at every cell.
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    const filled = (row: ExcelJS.Row, col: number) => {
      const cell = row.findCell(col);
      return cell !== undefined && (cellValue(cell) !== null || isFormula(cell));
    };
    for (let r = 1, rows = ws.rowCount; r <= rows; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      const n = row.cellCount;
      let first = 0;
      for (let c = 1; c <= n && c < left + 1; c++) {
        if (filled(row, c)) {
          first = c;
          break;
        }
      }
      let last = 0;
      for (let c = n; c >= 1 && c > right + 1; c--) {
        if (filled(row, c)) {
          last = c;
          break;
        }
      }
      if (first === 0 && last === 0) {
        // Nothing left of `left` nor right of `right`: blank unless it has something in between.
        let any = false;
        for (let c = Math.max(1, left + 1); c <= Math.min(n, right + 1) && !any; c++) any = filled(row, c);
        if (!any) continue;
      }
      if (first > 0) left = Math.min(left, first - 1);
      if (last > 0) right = Math.max(right, last - 1);
      top = Math.min(top, r - 1);
      bottom = r - 1;
    }
    const used = bottom < 0 ? null : { sheet: ws.name, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
    this.usedCache.set(ws.name, { version: this._version, used });
    return used;
  }

  dimensions(sheet: string): { rows: number; columns: number } {
    const used = this.used(sheet);
    return used ? { rows: used.row + used.rows, columns: used.column + used.columns } : { rows: 0, columns: 0 };
  }

  async addSheet(base: string): Promise<AddedSheet> {
    const name = uniqueSheetName(base, this.wb.worksheets.map((ws) => ws.name));
    const ws = this.createSheet(name);
    this.changed(sameCells);
    return { name, id: this.idOf(ws) };
  }

  /** What the person does on a sheet tab (not a port method: the add-in never renames a sheet). */
  async renameSheet(from: string, to: string): Promise<string> {
    const ws = this.sheet(from);
    const name = uniqueSheetName(to, this.wb.worksheets.filter((w) => w !== ws).map((w) => w.name));
    const old = ws.name;
    ws.name = name;
    if (this.active === old) this.active = name;
    renameInStore(this.store, old, name);
    this.persistStore();
    this.changed();
    return name;
  }

  async deleteSheet(name: string): Promise<void> {
    const ws = this.sheet(name);
    if (this.visibleSheets().length <= 1) throw new Error("A workbook must keep at least one visible sheet");
    this.wb.removeWorksheet(ws.id);
    if (this.active === ws.name) this.active = this.visibleSheets()[0].name;
    deleteFromStore(this.store, { name: ws.name });
    this.persistStore();
    this.changed();
  }

  // ---- values -------------------------------------------------------------------------------

  private slicer(): Slicer {
    return new Slicer(this.options.sliceMs);
  }

  /** Reads in slices of rows: progress and a yield to the event loop after each, abort between them. */
  /** Formulas as Excel shows them ("=SUM(C2:C9)"; a shared formula as its cell's own translation), null elsewhere. */
  async readFormulas(range: RangeRef, options: IoOptions = {}): Promise<(string | null)[][]> {
    const ws = this.sheet(range.sheet);
    throwIfAborted(options.signal);
    const out: (string | null)[][] = new Array(range.rows);
    const slicer = this.slicer();
    const step = rowsPerCheck(range.columns);
    for (let i = 0; i < range.rows; i++) {
      const row = ws.findRow(range.row + i + 1);
      const cells: (string | null)[] = new Array(range.columns).fill(null);
      if (row) {
        for (let j = 0; j < range.columns; j++) {
          const cell = row.findCell(range.column + j + 1);
          if (cell && isFormula(cell) && cell.formula) cells[j] = `=${cell.formula}`;
        }
      }
      out[i] = cells;
      // In slices like read: 100,000 rows in one piece stopped a slowed-down page for ~600 ms.
      if ((i + 1) % step === 0 && i + 1 < range.rows && slicer.due) {
        await slicer.yield();
        throwIfAborted(options.signal);
      }
    }
    return out;
  }

  async read(range: RangeRef, options: IoOptions = {}): Promise<Block> {
    const ws = this.sheet(range.sheet);
    if (options.onColumnWidths) options.onColumnWidths(await this.columnWidths(range.sheet, range.column, range.columns));
    const out: Block = new Array(range.rows);
    const slicer = this.slicer();
    const step = rowsPerCheck(range.columns);
    throwIfAborted(options.signal);
    for (let start = 0; start < range.rows; start += step) {
      const end = Math.min(range.rows, start + step);
      for (let i = start; i < end; i++) {
        const row = ws.findRow(range.row + i + 1);
        const cells: CellValue[] = new Array(range.columns);
        for (let j = 0; j < range.columns; j++) {
          const cell = row?.findCell(range.column + j + 1);
          cells[j] = cell ? cellValue(cell) : null;
        }
        out[i] = cells;
      }
      if (end < range.rows && slicer.due) {
        options.onProgress?.({ done: end, total: range.rows });
        await slicer.yield();
        throwIfAborted(options.signal);
      }
    }
    options.onProgress?.({ done: range.rows, total: range.rows });
    return out;
  }

  /** Writes in slices of rows, like read; what was written stays written when it is aborted. */
  async write(sheet: string, row: number, column: number, values: Block, options: IoOptions = {}): Promise<void> {
    const name = this.sheet(sheet).name;
    if (options.onColumnWidths) options.onColumnWidths(await this.columnWidths(sheet, column, values[0]?.length ?? 0));
    const slicer = this.slicer();
    const step = rowsPerCheck(values[0]?.length ?? 1);
    throwIfAborted(options.signal);
    const written: Written = { rows: 0, columns: 0, blank: false };
    try {
      for (let start = 0; start < values.length; start += step) {
        const end = Math.min(values.length, start + step);
        this.writeRows(sheet, row, column, values, start, end, written);
        written.rows = end;
        if (end < values.length && slicer.due) {
          options.onProgress?.({ done: end, total: values.length });
          await slicer.yield();
          throwIfAborted(options.signal);
        }
      }
      options.onProgress?.({ done: values.length, total: values.length });
    } finally {
      const recalculated = this.recalculateRange(sheet, row, column, values.length, values[0]?.length ?? 0);
      // Cells given a value only add to the used range; a blank written or a formula's result
      // stored elsewhere might take from it, and leave it to be found again.
      this.changed(recalculated ? undefined : (s, before) => (s !== name ? before : grownBy(before, name, row, column, written)));
    }
  }

  /** Rows from..to of `values`, with its row 0 at sheet row `row`; `written` learns their width and whether a value was blank. */
  private writeRows(sheet: string, row: number, column: number, values: Block, from: number, to: number, written: Written = { rows: 0, columns: 0, blank: false }): void {
    const ws = this.sheet(sheet);
    for (let i = from; i < to; i++) {
      const r = ws.getRow(row + i + 1);
      const cells = values[i];
      if (cells.length > written.columns) written.columns = cells.length;
      for (let j = 0; j < cells.length; j++) {
        const v = cells[j];
        if (v === null || v === "") written.blank = true;
        // Strings are assigned as plain strings: ExcelJS only makes a formula of {formula: …}.
        r.getCell(column + j + 1).value = v === "" ? null : v;
      }
    }
  }

  async clear(range: RangeRef): Promise<void> {
    const ws = this.sheet(range.sheet);
    for (let i = 0; i < range.rows; i++) {
      const row = ws.findRow(range.row + i + 1);
      if (!row) continue;
      for (let j = 0; j < range.columns; j++) {
        const cell = row.findCell(range.column + j + 1);
        if (!cell) continue;
        cell.value = null;
        cell.style = {};
      }
    }
    this.changed();
  }

  // ---- formats ------------------------------------------------------------------------------

  /**
   * Steps in order, each over its rows in slices (progress in rows, a yield to the event loop
   * between slices, abort between them). Within a step every cell still gets the format before
   * the value fill, as one call each would do.
   */
  async formatAll(steps: readonly FormatStep[], options: IoOptions = {}): Promise<void> {
    if (steps.length === 0) return;
    const total = steps.reduce((n, s) => n + s.range.rows, 0);
    const slicer = this.slicer();
    let done = 0;
    throwIfAborted(options.signal);
    try {
      for (const { range, format, fills } of steps) {
        const byValue = fills?.length ? fillsByValue(fills) : undefined;
        if (format?.columnWidth !== undefined) this.setWidths(range, format.columnWidth);
        const step = rowsPerCheck(range.columns);
        for (let start = 0; start < range.rows; start += step) {
          const end = Math.min(range.rows, start + step);
          if (format) this.formatRows(range, format, start, end);
          if (byValue) this.fillRows(range, byValue, start, end);
          done += end - start;
          if (done < total && slicer.due) {
            options.onProgress?.({ done, total });
            await slicer.yield();
            throwIfAborted(options.signal);
          }
        }
      }
      options.onProgress?.({ done: total, total });
    } finally {
      this.changed(sameCells);
    }
  }

  /** Cell formats of rows from..to of the range (the column width is setWidths'). */
  private formatRows(range: RangeRef, format: CellFormat, from: number, to: number): void {
    const fill: ExcelJS.Fill | undefined = format.fill ? { type: "pattern", pattern: "solid", fgColor: { argb: argb(format.fill) } } : undefined;
    if (format.numberFormat !== undefined || format.bold !== undefined || fill) {
      const ws = this.sheet(range.sheet);
      for (let i = from; i < to; i++) {
        const row = ws.getRow(range.row + i + 1);
        for (let j = 0; j < range.columns; j++) {
          const cell = row.getCell(range.column + j + 1);
          if (format.numberFormat !== undefined) cell.numFmt = format.numberFormat;
          if (format.bold !== undefined) cell.font = { ...(cell.font ?? {}), bold: format.bold };
          if (fill) cell.fill = fill;
        }
      }
    }
  }

  private setWidths(range: RangeRef, width: number | null): void {
    const ws = this.sheet(range.sheet);
    for (let j = 0; j < range.columns; j++) ws.getColumn(range.column + j + 1).width = width ?? undefined!;
  }

  async columnWidths(sheet: string, column: number, count: number): Promise<(number | null)[]> {
    const ws = this.sheet(sheet);
    return Array.from({ length: Math.max(0, count) }, (_, j) => ws.getColumn(column + j + 1).width ?? null);
  }

  private fillRows(range: RangeRef, byValue: Map<string, ExcelJS.Fill>, from: number, to: number): void {
    const ws = this.sheet(range.sheet);
    for (let i = from; i < to; i++) {
      const row = ws.findRow(range.row + i + 1);
      if (!row) continue;
      for (let j = 0; j < range.columns; j++) {
        const cell = row.findCell(range.column + j + 1);
        const value = cell ? cellValue(cell) : null;
        const fill = typeof value === "string" ? byValue.get(value) : undefined;
        if (cell && fill) cell.fill = fill;
      }
    }
  }

  // ---- formulas -----------------------------------------------------------------------------

  /**
   * Into the top-left cell of the selection. Nothing calculates CRM functions here: the cell keeps
   * `cachedResult` when given, else it has no result (the grid shows the formula) and Excel
   * calculates the downloaded file when it opens it.
   */
  async insertFormula(formula: string, cachedResult?: CellValue): Promise<void> {
    checkFormula(formula);
    const at = await this.selection();
    if (!at) throw new Error("请先选中一个单元格 / Select a cell to insert the formula into");
    const cell = this.sheet(at.sheet).getRow(at.row + 1).getCell(at.column + 1);
    // ExcelJS keeps formulas without "="; a result given here survives even when falsy (0, FALSE).
    cell.value = cachedResult === undefined || cachedResult === null ? { formula: formula.slice(1) } : ({ formula: formula.slice(1), result: cachedResult } as ExcelJS.CellFormulaValue);
    this.wb.calcProperties = { ...(this.wb.calcProperties ?? {}), fullCalcOnLoad: true };
    this.changed();
  }

  storedColumnWidth(sheet: string, column: number): number | undefined {
    const ws = this.findSheet(sheet);
    return ws && !this.isStore(ws) ? ws.getColumn(column + 1).width : undefined;
  }

  cellView(sheet: string, row: number, column: number): CellView {
    const ws = this.findSheet(sheet);
    const cell = ws?.findRow(row + 1)?.findCell(column + 1);
    if (!cell) return { value: null, text: "" };
    const value = cellValue(cell);
    const numberFormat = cell.numFmt || undefined;
    const fillColor = cell.fill && cell.fill.type === "pattern" ? hexOf(cell.fill.fgColor?.argb) : undefined;
    const uncalculated = isFormula(cell) && cell.result === undefined;
    const view: CellView = { value, text: uncalculated ? `=${cell.formula}` : formatValue(value, numberFormat) };
    if (numberFormat) view.numberFormat = numberFormat;
    if (fillColor) view.fill = fillColor;
    if (cell.font?.bold) view.bold = true;
    return view;
  }

  mergedAreas(sheet: string): RangeRef[] {
    const ws = this.findSheet(sheet);
    if (!ws || this.isStore(ws) || !ws.hasMerges) return [];
    // ExcelJS keeps merges by top-left cell in `_merges`; its public `model.merges` rebuilds the
    // model of every row, so it is only the fallback.
    const kept = (ws as unknown as { _merges?: Record<string, { model?: MergeModel } | undefined> })._merges;
    const models = kept ? Object.values(kept).flatMap((m) => (m?.model ? [m.model] : [])) : ws.model.merges.flatMap((a) => mergeModelOf(a) ?? []);
    return models
      .map((m) => ({ sheet: ws.name, row: m.top - 1, column: m.left - 1, rows: m.bottom - m.top + 1, columns: m.right - m.left + 1 }))
      .filter((r) => r.rows * r.columns > 1)
      .sort((a, b) => a.row - b.row || a.column - b.column);
  }

  // ---- calculation --------------------------------------------------------------------------

  /**
   * Starts calculating, as a spreadsheet does, with the CRM functions of `metadata` (the
   * preview loads it after opening the file): every formula is computed once (the file's cached
   * results are replaced by the engine's), then an edit recomputes what depends on it.
   */
  async useFunctions(metadata: FunctionsMetadata | Metadata): Promise<void> {
    const calc = new CalcBook(metadata as Metadata, {
      sheetName: (name) => {
        const ws = this.findSheet(name);
        return ws && !this.isStore(ws) ? ws.name : undefined;
      },
      value: (sheet, row, column) => {
        const cell = this.findSheet(sheet)?.findRow(row + 1)?.findCell(column + 1);
        return cell ? calcValue(cell) : "";
      },
      extent: (sheet) => this.dimensions(sheet),
    });
    // The formulas of every sheet, found in slices: a 100,000-row sheet takes a few hundred ms to look through.
    const slicer = this.slicer();
    for (const ws of this.visibleSheets()) {
      for (let r = 1, rows = ws.rowCount; r <= rows; r++) {
        ws.findRow(r)?.eachCell((cell) => {
          if (!isFormula(cell)) return;
          const m = cell.model as { shareType?: string; ref?: string };
          const formula = cell.formula;
          if (!formula) return;
          calc.put(ws.name, cell.address, m.shareType === "array" && m.ref ? { formula, array: m.ref } : { formula });
        });
        if (r % 512 === 0 && slicer.due) await slicer.yield();
      }
    }
    this.calc = calc;
    calc.calculate();
    const results = calc.formulaKeys().flatMap((k) => this.spanOf(k));
    this.storeResults(results);
    this.changed(results.length === 0 ? sameCells : undefined);
  }

  /** Whether formulas calculate here (useFunctions was called). */
  get calculates(): boolean {
    return this.calc !== undefined;
  }

  /** The cells an array formula at `key` spans, or [key]. */
  private spanOf(key: string): string[] {
    const [sheet, addr] = [key.slice(0, key.lastIndexOf("!")), key.slice(key.lastIndexOf("!") + 1)];
    const def = this.calc?.sheets.get(sheet)?.get(addr);
    if (!def || !("formula" in def) || !def.array) return [key];
    const [a, b] = def.array.split(":");
    const from = parseAddress(a)!;
    const to = parseAddress(b ?? a)!;
    const keys: string[] = [];
    for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) keys.push(cellKey(sheet, addressOf(r, c)));
    return keys;
  }

  /** Writes the engine's results of `keys` into the ExcelJS cells (formula cells keep their formula). */
  private storeResults(keys: readonly string[]): void {
    const calc = this.calc;
    if (!calc) return;
    for (const key of keys) {
      const result = calc.results.get(key);
      if (result === undefined) continue;
      const i = key.lastIndexOf("!");
      const ws = this.findSheet(key.slice(0, i));
      if (!ws) continue;
      const cell = ws.getCell(key.slice(i + 1));
      const stored = storedResult(result);
      if (isFormula(cell)) {
        const m = cell.model as { formula?: string; shareType?: string; ref?: string };
        const formula = cell.formula;
        cell.value = (m.shareType === "array" && m.ref ? { formula, result: stored, shareType: "array", ref: m.ref } : { formula, result: stored }) as ExcelJS.CellFormulaValue;
      } else {
        // A cell an array formula spans holds its part of the result, as Excel stores it.
        cell.value = stored as ExcelJS.CellValue;
      }
    }
  }

  /** The formula of a cell as the formula bar shows it ("=SUM(B2:B9)"; "{=…}" for an array formula's cells), or undefined. */
  cellFormula(sheet: string, row: number, column: number): string | undefined {
    const ws = this.findSheet(sheet);
    if (!ws) return undefined;
    const key = cellKey(ws.name, addressOf(row, column));
    const owner = this.calc?.formulaCellOf(key) ?? key;
    const cell = ws.getCell(owner.slice(owner.lastIndexOf("!") + 1));
    if (!isFormula(cell) || !cell.formula) return undefined;
    const text = `=${shownFormula(cell.formula)}`;
    const m = cell.model as { shareType?: string };
    return m.shareType === "array" ? `{${text}}` : text;
  }

  /**
   * What the person typed into a cell (the grid or the formula bar): "=…" is a formula, anything
   * else a value as parseTyped reads it (the caller converts). Dependent formulas recompute.
   */
  async enterCell(sheet: string, row: number, column: number, input: { formula: string } | { value: CellValue }): Promise<void> {
    const ws = this.sheet(sheet);
    const cell = ws.getRow(row + 1).getCell(column + 1);
    const addr = cell.address;
    const key = cellKey(ws.name, addr);
    const owner = this.calc?.formulaCellOf(key);
    if (owner && owner !== key) throw new Error("不能只改数组公式的一部分 / You can't change part of an array");
    if ("formula" in input) {
      const formula = fileFormula(input.formula.replace(/^=/, ""));
      cell.value = { formula } as ExcelJS.CellFormulaValue;
      this.wb.calcProperties = { ...(this.wb.calcProperties ?? {}), fullCalcOnLoad: true };
    } else {
      cell.value = input.value === "" ? null : input.value;
    }
    if (this.calc) {
      const changed = this.calc.edit([{ sheet: ws.name, addr, def: "formula" in input ? { formula: cell.formula } : null }]);
      this.storeResults(changed.flatMap((k) => this.spanOf(k)));
    }
    this.changed();
  }

  /** After values were written: recompute the formulas that read them. */
  /** Whether it stored any result. */
  private recalculateRange(sheet: string, row: number, column: number, rows: number, columns: number): boolean {
    const calc = this.calc;
    if (!calc || calc.reads.size === 0) return false;
    const ws = this.sheet(sheet);
    const touched = new Set<string>();
    if (rows * columns <= 50_000) {
      for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) touched.add(cellKey(ws.name, addressOf(row + r, column + c)));
    } else {
      // A large write: every formula of the workbook recomputes (cheaper than naming each cell).
      for (const k of calc.formulaKeys()) touched.add(k);
    }
    const keys = calc.recalculateAfter(touched).flatMap((k) => this.spanOf(k));
    this.storeResults(keys);
    return keys.length > 0;
  }

  // ---- charts and settings ------------------------------------------------------------------

  async addCharts(specs: readonly ChartSpec[]): Promise<void> {
    if (specs.length === 0) return;
    for (const spec of specs) {
      this.sheet(spec.sheet);
      const copy: ChartSpec = JSON.parse(JSON.stringify(spec));
      this.store.charts = this.store.charts.filter((c) => !(spec.name !== undefined && c.name === spec.name && chartOn(c, { name: spec.sheet })));
      this.store.charts.push(copy);
    }
    this.persistStore();
    this.changed(sameCells);
  }

  async listCharts(sheet: string): Promise<ChartSpec[]> {
    return this.chartsOn(sheet);
  }

  chartsOn(sheet: string): ChartSpec[] {
    return this.store.charts.filter((c) => chartOn(c, { name: sheet })).map((c) => chartSpecOf(c));
  }

  async getSheetSettings(sheet: string): Promise<JsonObject> {
    const s = getSettings(this.store, { name: sheet });
    return s ? (JSON.parse(JSON.stringify(s)) as JsonObject) : {};
  }

  async setSheetSettings(sheet: string, settings: JsonObject): Promise<void> {
    putSettings(this.store, { name: sheet }, JSON.parse(JSON.stringify(settings)) as JsonObject);
    this.persistStore();
  }

  /** Rewrites the hidden data sheet from the store (small: a few chunks of JSON). */
  private persistStore(): void {
    let ws = this.storeName === undefined ? undefined : this.findSheet(this.storeName);
    if (!ws || !this.isStore(ws)) {
      this.storeName = newStoreSheetName(this.wb.worksheets.map((w) => w.name));
      ws = this.wb.addWorksheet(this.storeName);
      ws.state = "veryHidden";
    }
    const rows = encodeStore(this.store);
    this.usedCache.delete(ws.name);
    const last = ws.rowCount;
    for (let i = 0; i < Math.max(last, rows.length); i++) ws.getRow(i + 1).getCell(1).value = i < rows.length ? rows[i][0] : null;
  }

  async suspendCalculation(): Promise<void> {
    // Nothing recalculates in memory.
  }

  async resumeCalculation(): Promise<void> {}

  // ---- file ---------------------------------------------------------------------------------

  /**
   * The workbook as an .xlsx file. Past the download limit it throws a PreviewLimitError saying
   * why (instead of writing for half an hour). ExcelJS drops control characters when it writes
   * ("a\u0000b" became "ab") but decodes Excel's _xHHHH_ escapes when it reads: texts are
   * written escaped, so they read back unchanged here and in Excel.
   */
  async toXlsx(): Promise<Uint8Array> {
    this.prepareForFile();
    const cells = sheetFacts(this.wb).reduce((a, s) => a + s.cells, 0);
    const verdict = checkDownload(cells, { ...PREVIEW_LIMITS, ...this.options.limits });
    if (!verdict.ok) throw new PreviewLimitError(verdict);
    const escaped = escapeTexts(this.wb);
    let buffer: ArrayBuffer;
    try {
      buffer = (await this.wb.xlsx.writeBuffer()) as ArrayBuffer;
    } finally {
      for (const [cell, text] of escaped) cell.value = text;
    }
    return addNativeCharts(new Uint8Array(buffer), this.nativeCharts());
  }

  /** What the file holds besides the cells: the add-in's store and the active tab. */
  private prepareForFile(): void {
    this.persistStore();
    const all = this.wb.worksheets;
    const tab = all.findIndex((ws) => ws.name === this.active);
    this.wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(tab, 0), visibility: "visible" }];
  }

  /** The kept chart specs with what the chart writer needs from the sheets (see native-charts.ts). */
  private nativeCharts(): NativeChart[] {
    return this.visibleSheets().flatMap((ws) =>
      this.chartsOn(ws.name).map((spec) => ({
        spec,
        cells: (r: number, c: number) => this.cellView(spec.source.sheet, spec.source.row + r, spec.source.column + c),
        columnWidthPt: (c: number) => columnWidthPoints(ws.getColumn(c + 1).width),
        rowHeightPt: (r: number) => ws.findRow(r + 1)?.height ?? 15,
      })),
    );
  }
}

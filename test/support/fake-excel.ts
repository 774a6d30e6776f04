/**
 * A faithful fake of the part of the Office.js Excel API that ExcelWorkbook uses (excel-api.ts),
 * for tests and the bench. It behaves like Excel where it matters for correctness and speed:
 *
 * - Proxy objects queue their operations; nothing happens until context.sync(), which runs the
 *   queue in order. Reading a property that was not loaded and synced throws PropertyNotLoaded.
 * - Every sync is one request: its JSON payload is measured (UTF-8 bytes of the queued
 *   operations with their values) and so is the response (the loaded values). A request or a
 *   response above 5 MB fails with RequestPayloadSizeLimitExceeded /
 *   ResponsePayloadSizeLimitExceeded, a values read of more than 5 million cells with
 *   RangeExceedsLimit, as in Excel on the web.
 * - Worksheets have ids that stay the same when the sheet is renamed (renameSheet does what the
 *   person does on a sheet tab, outside any request).
 * - range.formulas takes formulas; the fake does not calculate, so a formula's value reads as 0.
 * - Strings written through range.values are parsed the way Excel parses typed input (the
 *   product's own rule, src/workbook/typed-input.ts): "=…" and "+x"/"-x"/"@x" that are not
 *   numbers become formulas, "00123" and "12%" numbers, "TRUE" a boolean, "2024-03-31" a date; a
 *   leading apostrophe keeps the rest as text. Null leaves a cell unchanged, "" clears it.
 * - Counters: syncs, per-request bytes and cells, whether calculation was suspended for writes.
 */
import { utf8Bytes } from "../../src/workbook/blocks";
import type { ChartLike, ExcelRun, RangeLike, RequestContextLike, WorksheetCollectionLike, WorksheetLike } from "../../src/workbook/excel-api";
import { parseTyped } from "../../src/workbook/typed-input";
import type { Block, CellValue, RangeRef } from "../../src/workbook/types";

export const FAKE_LIMITS = { maxPayloadBytes: 5_000_000, maxCellsPerRead: 5_000_000 };

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export interface RequestStat {
  ops: number;
  requestBytes: number;
  responseBytes: number;
  cellsRead: number;
  cellsWritten: number;
  /** suspendApiCalculationUntilNextSync was queued in this request. */
  calculationSuspended: boolean;
}

export interface FakeStats {
  syncs: number;
  runs: number;
  requests: RequestStat[];
  maxRequestBytes: number;
  maxResponseBytes: number;
  cellsRead: number;
  cellsWritten: number;
  /** Requests that wrote values while calculation was not suspended. */
  writesWithCalculation: number;
  /** Requests rejected for size. */
  rejected: number;
}

interface FakeChart {
  type: string;
  source: RangeRef;
  seriesBy: string;
  name: string;
  title: string;
  width: number;
  height: number;
  position?: string;
  series: Record<number, { chartType?: string; axisGroup?: string }>;
}

interface FakeConditionalFormat {
  range: RangeRef;
  fill: string;
  formula1: string;
  operator: string;
}

const KEY_STRIDE = 20_000;

class SheetModel {
  visibility = "Visible";
  rows: (CellValue[] | undefined)[] = [];
  formulas = new Map<number, string>();
  numberFormats = new Map<number, string>();
  fills = new Map<number, string>();
  bold = new Set<number>();
  columnWidths = new Map<number, number>();
  conditionalFormats: FakeConditionalFormat[] = [];
  charts: FakeChart[] = [];
  constructor(
    public name: string,
    readonly id: string,
  ) {}

  get(row: number, column: number): CellValue {
    const r = this.rows[row];
    const v = r ? r[column] : undefined;
    return v === undefined ? null : v;
  }

  set(row: number, column: number, value: CellValue): void {
    let r = this.rows[row];
    if (!r) r = this.rows[row] = [];
    r[column] = value;
  }

  used(): RangeRef | null {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (!r) continue;
      for (let j = 0; j < r.length; j++) {
        if (r[j] === null || r[j] === undefined) continue;
        if (top < 0) top = i;
        bottom = i;
        if (j < left) left = j;
        if (j > right) right = j;
      }
    }
    return top < 0 ? null : { sheet: this.name, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

const key = (row: number, column: number) => row * KEY_STRIDE + column;

interface Op {
  /** What travels in the request, for its size. */
  json: unknown;
  exec: (req: RequestStat) => void;
  /** Bytes of the response this op produces (set during exec). */
  responseBytes?: number;
}

function notLoaded(what: string): never {
  throw new FakeExcelError("PropertyNotLoaded", `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
}

function parseLoad(props: string | string[] | undefined): string[] {
  if (props === undefined) return [];
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim().replace(/^items\//, "")).filter(Boolean);
}

export class FakeExcel {
  readonly sheets: SheetModel[] = [];
  activeName: string;
  selected: RangeRef | null = null;
  readonly stats: FakeStats = emptyStats();
  limits = { ...FAKE_LIMITS };
  private sheetsMade = 0;

  constructor(sheets: Record<string, Block> = { Sheet1: [] }) {
    for (const [name, block] of Object.entries(sheets)) {
      const model = this.newSheet(name);
      block.forEach((row, i) => row.forEach((v, j) => v !== null && v !== "" && model.set(i, j, v)));
      this.sheets.push(model);
    }
    this.activeName = this.sheets[0]?.name ?? "";
  }

  /** A sheet model with a new id shaped like Excel's ("{00000001-0001-0000-0000-000000000000}"). */
  newSheet(name: string): SheetModel {
    const n = ++this.sheetsMade;
    return new SheetModel(name, `{${n.toString(16).toUpperCase().padStart(8, "0")}-0001-0000-0000-000000000000}`);
  }

  /** Renames a sheet as the person does on its tab in Excel: no request, the add-in is not told. */
  renameSheet(from: string, to: string): void {
    const m = this.model(from);
    if (this.sheets.some((s) => s !== m && s.name.toLowerCase() === to.toLowerCase())) throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${to}" already exists.`);
    if (this.activeName === m.name) this.activeName = to;
    if (this.selected?.sheet === m.name) this.selected = { ...this.selected, sheet: to };
    m.name = to;
  }

  sheetId(name: string): string {
    return this.model(name).id;
  }

  /** Excel.run for the fake. */
  readonly run: ExcelRun = async (batch) => {
    this.stats.runs++;
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    if (ctx.pending()) await ctx.sync();
    return result;
  };

  resetStats(): void {
    Object.assign(this.stats, emptyStats());
  }

  model(name: string): SheetModel {
    const lower = name.toLowerCase();
    const m = this.sheets.find((s) => s.name.toLowerCase() === lower);
    if (!m) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist (sheet "${name}").`);
    return m;
  }

  hasSheet(name: string): boolean {
    const lower = name.toLowerCase();
    return this.sheets.some((s) => s.name.toLowerCase() === lower);
  }

  // ---- inspection for tests ----------------------------------------------------------------

  values(sheet: string, range?: { row: number; column: number; rows: number; columns: number }): Block {
    const m = this.model(sheet);
    const r = range ?? m.used() ?? { row: 0, column: 0, rows: 0, columns: 0 };
    return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.columns }, (_, j) => m.get(r.row + i, r.column + j)));
  }

  /** A formula cell as a person's workbook holds it: the formula and its last calculated value. */
  setFormula(sheet: string, row: number, column: number, formula: string, value: CellValue): void {
    const m = this.model(sheet);
    m.formulas.set(key(row, column), formula);
    m.set(row, column, value);
  }

  formulaAt(sheet: string, row: number, column: number): string | undefined {
    return this.model(sheet).formulas.get(key(row, column));
  }

  formulaCount(): number {
    return this.sheets.reduce((n, s) => n + s.formulas.size, 0);
  }

  numberFormatAt(sheet: string, row: number, column: number): string | undefined {
    return this.model(sheet).numberFormats.get(key(row, column));
  }

  fillAt(sheet: string, row: number, column: number): string | undefined {
    return this.model(sheet).fills.get(key(row, column));
  }

  boldAt(sheet: string, row: number, column: number): boolean {
    return this.model(sheet).bold.has(key(row, column));
  }

  conditionalFormats(sheet: string): FakeConditionalFormat[] {
    return this.model(sheet).conditionalFormats;
  }

  charts(sheet: string): FakeChart[] {
    return this.model(sheet).charts;
  }

  visibility(sheet: string): string {
    return this.model(sheet).visibility;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
}

function emptyStats(): FakeStats {
  return { syncs: 0, runs: 0, requests: [], maxRequestBytes: 0, maxResponseBytes: 0, cellsRead: 0, cellsWritten: 0, writesWithCalculation: 0, rejected: 0 };
}

class FakeContext implements RequestContextLike {
  private queue: Op[] = [];
  readonly workbook: RequestContextLike["workbook"];
  readonly application: RequestContextLike["application"];
  /** Proxies whose null-ness becomes known at the next sync. */
  private afterSync: (() => void)[] = [];

  constructor(readonly excel: FakeExcel) {
    const worksheets = new FakeWorksheetCollection(this);
    this.workbook = {
      worksheets,
      getSelectedRange: () => {
        const range = new FakeRange(this, () => {
          const sel = this.excel.selected;
          if (!sel) throw new FakeExcelError("InvalidSelection", "There is no selection");
          return sel;
        });
        return range;
      },
    };
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.enqueue({ m: "suspendApiCalculationUntilNextSync" }, (req) => (req.calculationSuspended = true)),
    };
  }

  pending(): boolean {
    return this.queue.length > 0;
  }

  enqueue(json: unknown, exec: (req: RequestStat) => void): Op {
    const op: Op = { json, exec };
    this.queue.push(op);
    return op;
  }

  onSync(fn: () => void): void {
    this.afterSync.push(fn);
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const after = this.afterSync;
    this.queue = [];
    this.afterSync = [];
    const stats = this.excel.stats;
    stats.syncs++;
    const req: RequestStat = { ops: queue.length, requestBytes: 0, responseBytes: 0, cellsRead: 0, cellsWritten: 0, calculationSuspended: false };
    req.requestBytes = utf8Bytes(JSON.stringify(queue.map((o) => o.json)));
    stats.requests.push(req);
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, req.requestBytes);
    // Let the page's event loop run, as a real round trip would.
    await Promise.resolve();
    if (req.requestBytes > this.excel.limits.maxPayloadBytes) {
      stats.rejected++;
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `The request payload size (${req.requestBytes} bytes) has exceeded the limit.`);
    }
    for (const op of queue) {
      op.exec(req);
      req.responseBytes += op.responseBytes ?? 0;
    }
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, req.responseBytes);
    stats.cellsRead += req.cellsRead;
    stats.cellsWritten += req.cellsWritten;
    if (req.cellsWritten > 0 && !req.calculationSuspended) stats.writesWithCalculation++;
    if (req.responseBytes > this.excel.limits.maxPayloadBytes) {
      stats.rejected++;
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `The response payload size (${req.responseBytes} bytes) has exceeded the limit.`);
    }
    for (const fn of after) fn();
  }
}

/** A lazily resolved reference, fixed at the first op that uses it (as Excel resolves paths). */
class Lazy<T> {
  private value?: T;
  constructor(private readonly resolve: () => T) {}
  get(): T {
    if (this.value === undefined) this.value = this.resolve();
    return this.value;
  }
}

class FakeWorksheetCollection implements WorksheetCollectionLike {
  private loadedItems?: FakeWorksheet[];
  constructor(private readonly ctx: FakeContext) {}

  get items(): FakeWorksheet[] {
    return this.loadedItems ?? notLoaded("items");
  }

  load(props?: string | string[]): this {
    const fields = parseLoad(props);
    const op = this.ctx.enqueue({ m: "load", o: "worksheets", p: fields }, () => {
      const excel = this.ctx.excel;
      this.loadedItems = excel.sheets.map((s, position) => {
        const ws = new FakeWorksheet(this.ctx, () => s);
        ws.fill({ id: s.id, name: s.name, visibility: s.visibility, position });
        return ws;
      });
      op.responseBytes = utf8Bytes(JSON.stringify(excel.sheets.map((s) => ({ id: s.id, name: s.name, visibility: s.visibility }))));
    });
    return this;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.model(name), name);
  }

  getItemOrNullObject(name: string): FakeWorksheet & { readonly isNullObject: boolean } {
    const ws = new FakeWorksheet(this.ctx, () => this.ctx.excel.model(name), name);
    this.ctx.enqueue({ m: "getItemOrNullObject", n: name }, () => ws.setNull(!this.ctx.excel.hasSheet(name)));
    return ws;
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.model(this.ctx.excel.activeName));
  }

  add(name?: string): FakeWorksheet {
    const excel = this.ctx.excel;
    const holder: { model?: SheetModel } = {};
    this.ctx.enqueue({ m: "worksheets.add", n: name ?? null }, () => {
      let n = name;
      if (n === undefined) for (let i = 1; excel.hasSheet((n = `Sheet${i}`)); i++);
      if (excel.hasSheet(n!)) throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${n}" already exists.`);
      if (n!.length > 31 || /[[\]:*?/\\]/.test(n!)) throw new FakeExcelError("InvalidArgument", `"${n}" is not a valid sheet name.`);
      holder.model = excel.newSheet(n!);
      excel.sheets.push(holder.model);
    });
    return new FakeWorksheet(this.ctx, () => holder.model ?? notLoaded("worksheet"));
  }
}

class FakeWorksheet implements WorksheetLike {
  private readonly target: Lazy<SheetModel>;
  private loaded: Partial<Record<"id" | "name" | "visibility" | "position", string | number>> = {};
  private nullState?: boolean;
  readonly charts: WorksheetLike["charts"];

  constructor(
    private readonly ctx: FakeContext,
    resolve: () => SheetModel,
    private readonly label = "worksheet",
  ) {
    this.target = new Lazy(resolve);
    this.charts = {
      add: (type: string, sourceData: RangeLike, seriesBy = "Auto") => {
        const chart = new FakeChartProxy(ctx);
        const source = sourceData as FakeRange;
        ctx.enqueue({ m: "charts.add", t: type, s: seriesBy }, () => {
          const model = this.target.get();
          const src = source.resolved();
          const record: FakeChart = { type, source: src, seriesBy, name: `Chart ${model.charts.length + 1}`, title: "", width: 360, height: 216, series: {} };
          model.charts.push(record);
          chart.bind(record);
        });
        return chart;
      },
    };
  }

  fill(values: Partial<Record<"id" | "name" | "visibility" | "position", string | number>>): void {
    Object.assign(this.loaded, values);
  }

  setNull(isNull: boolean): void {
    this.nullState = isNull;
  }

  get isNullObject(): boolean {
    return this.nullState ?? notLoaded("isNullObject");
  }

  model(): SheetModel {
    return this.target.get();
  }

  load(props?: string | string[]): this {
    const fields = parseLoad(props);
    const op = this.ctx.enqueue({ m: "load", o: this.label, p: fields }, () => {
      if (this.nullState) return;
      const m = this.target.get();
      const position = this.ctx.excel.sheets.indexOf(m);
      this.fill({ id: m.id, name: m.name, visibility: m.visibility, position });
      op.responseBytes = utf8Bytes(JSON.stringify(this.loaded));
    });
    return this;
  }

  get id(): string {
    return (this.loaded.id as string) ?? notLoaded("id");
  }

  get name(): string {
    return (this.loaded.name as string) ?? notLoaded("name");
  }
  set name(value: string) {
    this.ctx.enqueue({ m: "set", p: "name", v: value }, () => {
      const m = this.target.get();
      if (this.ctx.excel.sheets.some((s) => s !== m && s.name.toLowerCase() === value.toLowerCase())) throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${value}" already exists.`);
      if (this.ctx.excel.activeName === m.name) this.ctx.excel.activeName = value;
      m.name = value;
    });
  }

  get position(): number {
    return (this.loaded.position as number) ?? notLoaded("position");
  }
  set position(_value: number) {
    throw new FakeExcelError("NotImplemented", "position is read-only in the fake");
  }

  get visibility(): string {
    return (this.loaded.visibility as string) ?? notLoaded("visibility");
  }
  set visibility(value: string) {
    this.ctx.enqueue({ m: "set", p: "visibility", v: value }, () => {
      this.target.get().visibility = value;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    if (rowCount < 1 || columnCount < 1) throw new FakeExcelError("InvalidArgument", "rowCount and columnCount must be at least 1");
    return new FakeRange(this.ctx, () => ({ sheet: this.target.get().name, row: startRow, column: startColumn, rows: rowCount, columns: columnCount }), this);
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    const range = new FakeRange(this.ctx, () => this.target.get().used() ?? { sheet: this.target.get().name, row: 0, column: 0, rows: 0, columns: 0 }, this);
    this.ctx.enqueue({ m: "getUsedRangeOrNullObject" }, () => range.setNull(this.target.get().used() === null));
    return range;
  }

  activate(): void {
    this.ctx.enqueue({ m: "activate" }, () => {
      this.ctx.excel.activeName = this.target.get().name;
    });
  }

  delete(): void {
    this.ctx.enqueue({ m: "delete" }, () => {
      const excel = this.ctx.excel;
      const m = this.target.get();
      if (excel.sheets.filter((s) => s.visibility === "Visible" && s !== m).length === 0) throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      excel.sheets.splice(excel.sheets.indexOf(m), 1);
      if (excel.activeName === m.name) excel.activeName = excel.sheets.find((s) => s.visibility === "Visible")!.name;
    });
  }
}

class FakeRange implements RangeLike {
  private readonly target: Lazy<RangeRef>;
  private loadedValues?: CellValue[][];
  private loadedFormulas?: unknown[][];
  private loadedProps: Partial<Record<"rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "address", number | string>> = {};
  private nullState?: boolean;
  readonly format: RangeLike["format"];
  readonly conditionalFormats: RangeLike["conditionalFormats"];
  private readonly sheetProxy?: FakeWorksheet;

  constructor(
    private readonly ctx: FakeContext,
    resolve: () => RangeRef,
    sheet?: FakeWorksheet,
  ) {
    this.target = new Lazy(resolve);
    this.sheetProxy = sheet;
    const cells = (fn: (m: SheetModel, k: number) => void) => this.eachCell(fn);
    const resolved = () => this.resolved();
    const fill = {
      set color(value: string) {
        ctx.enqueue({ m: "set", p: "format.fill.color", v: value }, () => cells((m, k) => m.fills.set(k, value)));
      },
      get color(): string {
        return notLoaded("format.fill.color");
      },
      clear() {
        ctx.enqueue({ m: "format.fill.clear" }, () => cells((m, k) => m.fills.delete(k)));
      },
    };
    const font = {
      set bold(value: boolean) {
        ctx.enqueue({ m: "set", p: "format.font.bold", v: value }, () => cells((m, k) => (value ? m.bold.add(k) : m.bold.delete(k))));
      },
      get bold(): boolean {
        return notLoaded("format.font.bold");
      },
    };
    let loadedWidth: number | undefined;
    this.format = {
      fill,
      font,
      load(props?: string | string[]) {
        const fields = parseLoad(props);
        ctx.enqueue({ m: "load", o: "format", p: fields }, () => {
          // As Excel: the width of the range's columns (the first one's), in points; 48 by default.
          const r = resolved();
          if (fields.includes("columnWidth")) loadedWidth = ctx.excel.model(r.sheet).columnWidths.get(r.column) ?? 48;
        });
        return this;
      },
      set columnWidth(value: number) {
        ctx.enqueue({ m: "set", p: "format.columnWidth", v: value }, () => {
          const r = resolved();
          const m = ctx.excel.model(r.sheet);
          for (let j = 0; j < r.columns; j++) m.columnWidths.set(r.column + j, value);
        });
      },
      get columnWidth(): number {
        return loadedWidth ?? notLoaded("format.columnWidth");
      },
    };
    this.conditionalFormats = {
      add: (type: "CellValue") => {
        const record: FakeConditionalFormat = { range: { sheet: "", row: 0, column: 0, rows: 0, columns: 0 }, fill: "", formula1: "", operator: "" };
        ctx.enqueue({ m: "conditionalFormats.add", t: type }, () => {
          record.range = this.resolved();
          ctx.excel.model(record.range.sheet).conditionalFormats.push(record);
        });
        return {
          cellValue: {
            format: {
              fill: {
                set color(value: string) {
                  ctx.enqueue({ m: "set", p: "cellValue.format.fill.color", v: value }, () => (record.fill = value));
                },
                get color(): string {
                  return notLoaded("color");
                },
              },
            },
            set rule(value: { formula1: string; operator: string }) {
              ctx.enqueue({ m: "set", p: "cellValue.rule", v: value }, () => {
                record.formula1 = value.formula1;
                record.operator = value.operator;
              });
            },
            get rule(): { formula1: string; operator: string } {
              return notLoaded("rule");
            },
          },
        };
      },
      clearAll: () => {
        ctx.enqueue({ m: "conditionalFormats.clearAll" }, () => {
          const r = this.resolved();
          const m = ctx.excel.model(r.sheet);
          m.conditionalFormats = m.conditionalFormats.filter((cf) => !overlaps(cf.range, r));
        });
      },
    };
  }

  resolved(): RangeRef {
    return this.target.get();
  }

  setNull(isNull: boolean): void {
    this.nullState = isNull;
  }

  get isNullObject(): boolean {
    return this.nullState ?? notLoaded("isNullObject");
  }

  get worksheet(): FakeWorksheet {
    return this.sheetProxy ?? new FakeWorksheet(this.ctx, () => this.ctx.excel.model(this.resolved().sheet));
  }

  private eachCell(fn: (m: SheetModel, k: number) => void): void {
    const r = this.resolved();
    const m = this.ctx.excel.model(r.sheet);
    for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) fn(m, key(r.row + i, r.column + j));
  }

  load(props?: string | string[]): this {
    const fields = parseLoad(props);
    const op = this.ctx.enqueue({ m: "load", o: "range", p: fields }, (req) => {
      if (this.nullState) return;
      const r = this.resolved();
      const excel = this.ctx.excel;
      this.loadedProps = { rowIndex: r.row, columnIndex: r.column, rowCount: r.rows, columnCount: r.columns, address: `${r.sheet}!R${r.row + 1}C${r.column + 1}` };
      let bytes = 0;
      if (fields.includes("values") || fields.length === 0) {
        const cells = r.rows * r.columns;
        if (cells > excel.limits.maxCellsPerRead) throw new FakeExcelError("RangeExceedsLimit", `Reading ${cells} cells exceeds the limit of ${excel.limits.maxCellsPerRead}.`);
        const m = excel.model(r.sheet);
        const values: CellValue[][] = new Array(r.rows);
        for (let i = 0; i < r.rows; i++) {
          const row: CellValue[] = new Array(r.columns);
          const src = m.rows[r.row + i];
          for (let j = 0; j < r.columns; j++) {
            const v = src ? src[r.column + j] : undefined;
            // Excel reports blank cells as "".
            row[j] = v === null || v === undefined ? "" : v;
          }
          values[i] = row;
        }
        this.loadedValues = values;
        req.cellsRead += cells;
        bytes += utf8Bytes(JSON.stringify(values));
      }
      if (fields.includes("formulas")) {
        const cells = r.rows * r.columns;
        if (cells > excel.limits.maxCellsPerRead) throw new FakeExcelError("RangeExceedsLimit", `Reading ${cells} cells exceeds the limit of ${excel.limits.maxCellsPerRead}.`);
        const m = excel.model(r.sheet);
        // As Excel: a formula cell gives its formula, any other cell its value ("" when blank).
        const formulas: unknown[][] = new Array(r.rows);
        for (let i = 0; i < r.rows; i++) {
          const row: unknown[] = new Array(r.columns);
          for (let j = 0; j < r.columns; j++) {
            const f = m.formulas.get(key(r.row + i, r.column + j));
            const v = m.rows[r.row + i]?.[r.column + j];
            row[j] = f ?? (v === null || v === undefined ? "" : v);
          }
          formulas[i] = row;
        }
        this.loadedFormulas = formulas;
        req.cellsRead += cells;
        bytes += utf8Bytes(JSON.stringify(formulas));
      }
      bytes += 100;
      op.responseBytes = bytes;
    });
    return this;
  }

  private prop(name: "rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "address"): never | number | string {
    const v = this.loadedProps[name];
    return v === undefined ? notLoaded(name) : v;
  }

  get rowIndex(): number {
    return this.prop("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.prop("columnIndex") as number;
  }
  get rowCount(): number {
    return this.prop("rowCount") as number;
  }
  get columnCount(): number {
    return this.prop("columnCount") as number;
  }
  get address(): string {
    return this.prop("address") as string;
  }

  get values(): CellValue[][] {
    return this.loadedValues ?? notLoaded("values");
  }
  set values(values: unknown[][]) {
    this.ctx.enqueue({ m: "set", p: "values", v: values }, (req) => {
      const r = this.resolved();
      checkShape(values, r, "values");
      const m = this.ctx.excel.model(r.sheet);
      for (let i = 0; i < r.rows; i++) {
        for (let j = 0; j < r.columns; j++) {
          const v = values[i][j];
          if (v === null || v === undefined) continue; // null leaves the cell as it is
          const k = key(r.row + i, r.column + j);
          m.formulas.delete(k);
          if (typeof v === "string") {
            const parsed = parseTyped(v);
            m.set(r.row + i, r.column + j, parsed.value);
            if (parsed.formula) m.formulas.set(k, parsed.formula);
          } else if (typeof v === "number" || typeof v === "boolean") {
            m.set(r.row + i, r.column + j, v);
          } else {
            throw new FakeExcelError("InvalidArgument", `Unsupported value ${JSON.stringify(v)} in values`);
          }
        }
      }
      req.cellsWritten += r.rows * r.columns;
    });
  }

  get formulas(): unknown[][] {
    return this.loadedFormulas ?? notLoaded("formulas");
  }

  select(): void {
    this.ctx.enqueue({ m: "select", o: "range" }, () => {
      const r = this.resolved();
      const excel = this.ctx.excel;
      excel.selected = { ...r };
      excel.activeName = excel.model(r.sheet).name;
    });
  }
  set formulas(formulas: unknown[][]) {
    this.ctx.enqueue({ m: "set", p: "formulas", v: formulas }, (req) => {
      const r = this.resolved();
      checkShape(formulas, r, "formulas");
      const m = this.ctx.excel.model(r.sheet);
      for (let i = 0; i < r.rows; i++) {
        for (let j = 0; j < r.columns; j++) {
          const v = formulas[i][j];
          if (v === null || v === undefined) continue;
          const k = key(r.row + i, r.column + j);
          m.formulas.delete(k);
          if (typeof v === "string" && v.startsWith("=")) {
            m.formulas.set(k, v);
            m.set(r.row + i, r.column + j, 0); // not calculated
          } else if (typeof v === "string") {
            m.set(r.row + i, r.column + j, parseTyped(v).value);
          } else if (typeof v === "number" || typeof v === "boolean") {
            m.set(r.row + i, r.column + j, v);
          } else {
            throw new FakeExcelError("InvalidArgument", `Unsupported value ${JSON.stringify(v)} in formulas`);
          }
        }
      }
      req.cellsWritten += r.rows * r.columns;
    });
  }

  /** The cell at (row, column) of this range, resolved when a request runs. */
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const r = this.resolved();
        if (row < 0 || column < 0 || row >= r.rows || column >= r.columns) throw new FakeExcelError("InvalidArgument", `getCell(${row}, ${column}) lies outside the range`);
        return { sheet: r.sheet, row: r.row + row, column: r.column + column, rows: 1, columns: 1 };
      },
      this.sheetProxy,
    );
  }

  get numberFormat(): unknown[][] {
    return notLoaded("numberFormat");
  }
  set numberFormat(formats: unknown[][]) {
    this.ctx.enqueue({ m: "set", p: "numberFormat", v: formats }, () => {
      const r = this.resolved();
      checkShape(formats, r, "numberFormat");
      const m = this.ctx.excel.model(r.sheet);
      for (let i = 0; i < r.rows; i++) for (let j = 0; j < r.columns; j++) if (formats[i][j] !== null) m.numberFormats.set(key(r.row + i, r.column + j), String(formats[i][j]));
    });
  }

  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.ctx.enqueue({ m: "clear", a: applyTo }, () => {
      const r = this.resolved();
      const m = this.ctx.excel.model(r.sheet);
      for (let i = 0; i < r.rows; i++) {
        for (let j = 0; j < r.columns; j++) {
          const k = key(r.row + i, r.column + j);
          if (applyTo !== "Formats") {
            const row = m.rows[r.row + i];
            if (row) row[r.column + j] = null;
            m.formulas.delete(k);
          }
          if (applyTo !== "Contents") {
            m.numberFormats.delete(k);
            m.fills.delete(k);
            m.bold.delete(k);
          }
        }
      }
      if (applyTo !== "Contents") m.conditionalFormats = m.conditionalFormats.filter((cf) => !overlaps(cf.range, r));
    });
  }
}

function checkShape(values: unknown[][], r: RangeRef, what: string): void {
  if (!Array.isArray(values) || values.length !== r.rows || values.some((row) => !Array.isArray(row) || row.length !== r.columns)) {
    throw new FakeExcelError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`);
  }
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.sheet === b.sheet && a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

class FakeChartProxy implements ChartLike {
  private record?: FakeChart;
  readonly title: { text: string };
  readonly series: ChartLike["series"];

  constructor(private readonly ctx: FakeContext) {
    const chart = () => this.chart();
    const seriesOf = (index: number) => this.seriesOf(index);
    this.title = {
      set text(value: string) {
        ctx.enqueue({ m: "set", p: "title.text", v: value }, () => (chart().title = value));
      },
      get text(): string {
        return notLoaded("title.text");
      },
    };
    this.series = {
      getItemAt: (index: number) => ({
        set chartType(value: string) {
          ctx.enqueue({ m: "set", p: "series.chartType", i: index, v: value }, () => seriesOf(index).chartType = value);
        },
        get chartType(): string {
          return notLoaded("chartType");
        },
        set axisGroup(value: string) {
          ctx.enqueue({ m: "set", p: "series.axisGroup", i: index, v: value }, () => seriesOf(index).axisGroup = value);
        },
        get axisGroup(): string {
          return notLoaded("axisGroup");
        },
      }),
    };
  }

  bind(record: FakeChart): void {
    this.record = record;
  }

  private chart(): FakeChart {
    return this.record ?? notLoaded("chart");
  }

  private seriesOf(index: number): { chartType?: string; axisGroup?: string } {
    const c = this.chart();
    const count = c.seriesBy === "Rows" ? c.source.rows - 1 : c.source.columns - 1;
    if (index < 0 || index >= count) throw new FakeExcelError("ItemNotFound", `The chart has no series ${index}.`);
    return (c.series[index] ??= {});
  }

  get name(): string {
    return notLoaded("name");
  }
  set name(value: string) {
    this.ctx.enqueue({ m: "set", p: "name", v: value }, () => (this.chart().name = value));
  }
  get width(): number {
    return notLoaded("width");
  }
  set width(value: number) {
    this.ctx.enqueue({ m: "set", p: "width", v: value }, () => (this.chart().width = value));
  }
  get height(): number {
    return notLoaded("height");
  }
  set height(value: number) {
    this.ctx.enqueue({ m: "set", p: "height", v: value }, () => (this.chart().height = value));
  }

  setPosition(startCell: RangeLike | string): void {
    this.ctx.enqueue({ m: "setPosition" }, () => {
      const c = this.chart();
      c.position = typeof startCell === "string" ? startCell : JSON.stringify((startCell as FakeRange).resolved());
    });
  }
}

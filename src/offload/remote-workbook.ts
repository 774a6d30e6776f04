/**
 * The preview's workbook as the page sees it when the workbook lives with the offload tasks
 * (books.ts): the port and the workflow engine forward their calls there; the grid's synchronous
 * questions are answered from the meta every answer brings and from the rows fetched for drawing
 * (a block at a time, kept until the workbook changes, and drawn as they were until the new ones
 * arrive). The page never holds more of the cells than it draws.
 */
import type { BookAnswer, BookMeta, BookWindow, SheetMeta } from "./books";
import type { TaskControl, TaskRunner } from "./runner";
import type { PreviewWorkbook, AddedSheet, Block, CellValue, CellView, ChartSpec, FormatStep, FunctionsMetadata, IoOptions, JsonObject, Progress, RangeRef, SheetInfo } from "../workbook/types";
import type { DescribeOptions, EditedOutput, RunControl, RunProgress, SourceChoice, SourceInfo, ValidationReport, WorkflowEngine, WorkflowId, WorkflowRequest, WorkflowResult, WrittenOutput } from "../workflows/types";
import type { ColumnMapping, SourceMode } from "../workflows/types";

/** Rows per fetched block: a screenful and then some. */
export const WINDOW_ROWS = 100;

const EMPTY: CellView = { value: null, text: "" };

/** The first row of the block a row is fetched in. */
const blockStart = (row: number) => row - (row % WINDOW_ROWS);
/** A block's key in RemoteWorkbook.blocks: its sheet and first row. */
const blockKey = (sheet: string, start: number) => `${sheet}\u0000${start}`;
const sheetOfBlock = (key: string) => key.slice(0, key.indexOf("\u0000"));

interface Fetched {
  window?: BookWindow;
  /** The workbook version a fetch under way asked at. */
  asking?: number;
}

export class RemoteWorkbook implements PreviewWorkbook {
  readonly kind = "memory" as const;
  private meta: BookMeta;
  private _version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly blocks = new Map<string, Fetched>();
  private notifyScheduled = false;
  private closed = false;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    private readonly runner: TaskRunner,
    readonly id: number,
    meta: BookMeta,
  ) {
    this.meta = meta;
  }

  static async open(runner: TaskRunner, bytes: ArrayBuffer, control?: TaskControl, name?: string): Promise<RemoteWorkbook> {
    const { id, meta } = await runner.run("bookOpen", { bytes, name }, control);
    return new RemoteWorkbook(runner, id, meta);
  }

  // ---- what the grid asks synchronously ------------------------------------------------------

  get version(): number {
    return this._version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sheetNames(): string[] {
    return this.meta.sheets.map((s) => s.name);
  }

  private sheetMeta(sheet: string): SheetMeta | undefined {
    const lower = sheet.toLowerCase();
    return this.meta.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  dimensions(sheet: string): { rows: number; columns: number } {
    const s = this.sheetMeta(sheet);
    return s ? { rows: s.rows, columns: s.columns } : { rows: 0, columns: 0 };
  }

  storedColumnWidth(sheet: string, column: number): number | undefined {
    return this.sheetMeta(sheet)?.widths[column] ?? undefined;
  }

  mergedAreas(sheet: string): RangeRef[] {
    return this.sheetMeta(sheet)?.merges ?? [];
  }

  chartsOn(sheet: string): ChartSpec[] {
    return this.sheetMeta(sheet)?.charts ?? [];
  }

  get selectionAsked(): (RangeRef & { serial: number }) | null {
    return this.meta.selectionAsked;
  }

  cellView(sheet: string, row: number, column: number): CellView {
    return this.cell(sheet, row, column, (w, r, c) => w.views[r]?.[c]) ?? EMPTY;
  }

  cellFormula(sheet: string, row: number, column: number): string | undefined {
    return this.cell(sheet, row, column, (w, r, c) => w.formulas[r]?.[c]) ?? undefined;
  }

  private cell<T>(sheet: string, row: number, column: number, pick: (w: BookWindow, r: number, c: number) => T | undefined): T | undefined {
    const s = this.sheetMeta(sheet);
    if (!s || row < 0 || column < 0 || row >= s.rows || column >= s.columns) return undefined;
    const start = blockStart(row);
    const fetched = this.fetch(s.name, start);
    return fetched.window ? pick(fetched.window, row - start, column) : undefined;
  }

  rowPending(sheet: string, row: number): boolean {
    const s = this.sheetMeta(sheet);
    if (!s || row < 0 || row >= s.rows) return false;
    return this.isStale(this.blocks.get(blockKey(s.name, blockStart(row))));
  }

  /** Whether a block has not arrived yet, or arrived before the workbook's last change. */
  private isStale(fetched: Fetched | undefined): boolean {
    return (fetched?.window?.version ?? -1) < this.meta.version;
  }

  /** The block at `start`, fetched (again) when it is missing or older than the workbook. */
  private fetch(sheet: string, start: number): Fetched {
    const key = blockKey(sheet, start);
    let fetched = this.blocks.get(key);
    if (!fetched) this.blocks.set(key, (fetched = {}));
    const current = this.meta.version;
    if (this.isStale(fetched) && fetched.asking !== current && !this.closed) {
      fetched.asking = current;
      const entry = fetched;
      this.inFlight++;
      this.runner
        .run("bookWindow", { id: this.id, sheet, row: start, rows: WINDOW_ROWS })
        .then(
          (window) => {
            if (this.blocks.get(key) !== entry || (entry.window && entry.window.version >= window.version)) return;
            entry.window = window;
            this.scheduleNotify();
          },
          () => {
            if (entry.asking === current) entry.asking = undefined;
          },
        )
        .finally(() => {
          if (--this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
        });
    }
    return fetched;
  }

  async loadRows(sheet: string, row: number, rows: number): Promise<void> {
    const s = this.sheetMeta(sheet);
    if (!s) return;
    const end = Math.min(s.rows, row + rows);
    for (let start = Math.max(0, blockStart(row)); start < end; start += WINDOW_ROWS) this.fetch(s.name, start);
    await this.whenFetched();
  }

  /** Once the rows asked for so far have arrived (tests; the grid just draws again when they do). */
  whenFetched(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  /** Arrivals in the same turn of the event loop become one change. */
  private scheduleNotify(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      this.changed();
    }, 0);
  }

  private changed(): void {
    this._version++;
    for (const l of this.listeners) l();
  }

  private take<T>(answer: BookAnswer<T>): T {
    if (answer.meta && answer.meta.version !== this.meta.version) {
      const names = new Set(answer.meta.sheets.map((s) => s.name));
      for (const key of this.blocks.keys()) if (!names.has(sheetOfBlock(key))) this.blocks.delete(key);
      this.meta = answer.meta;
      this.changed();
    }
    return answer.value;
  }

  // ---- calls forwarded ---------------------------------------------------------------------

  private async call<T>(method: string, args: unknown[], control?: TaskControl): Promise<T> {
    return this.take(await this.runner.run("bookCall", { id: this.id, method, args }, control)) as T;
  }

  /** A port call with IoOptions at `at`: its signal and progress cross, its column widths come back. */
  private async callWithIo<T>(method: string, args: unknown[], options: IoOptions | undefined): Promise<T> {
    const answer = await this.runner.run("bookCall", { id: this.id, method, args }, controlOf(options?.signal, (d) => options?.onProgress?.(d as Progress)));
    if (answer.columnWidths) options?.onColumnWidths?.(answer.columnWidths);
    return this.take(answer) as T;
  }

  /** The person's selection, known here first: the grid reports it, and the worker hears of it too (the engine's "selected range"). */
  private selected: RangeRef | null = null;

  setSelection(range: RangeRef | null): void {
    this.selected = range;
    void this.call("setSelection", [range]).catch(() => undefined);
  }

  async selection(): Promise<RangeRef | null> {
    const sheet = this.selected && this.sheetMeta(this.selected.sheet);
    return this.selected && sheet ? { ...this.selected, sheet: sheet.name } : null;
  }

  async select(range: RangeRef): Promise<void> {
    await this.call("select", [range]);
    this.selected = { ...range, sheet: this.sheetMeta(range.sheet)?.name ?? range.sheet };
  }

  async activeSheet(): Promise<string> {
    return this.meta.active;
  }

  listSheets = (): Promise<SheetInfo[]> => this.call("listSheets", []);
  activateSheet = (name: string): Promise<void> => this.call("activateSheet", [name]);
  usedRange = (sheet: string): Promise<RangeRef | null> => this.call("usedRange", [sheet]);
  readFormulas = (range: RangeRef, options?: IoOptions): Promise<(string | null)[][]> => this.callWithIo("readFormulas", [range], options);
  read = (range: RangeRef, options?: IoOptions): Promise<Block> => this.callWithIo("read", [range], options);
  write = (sheet: string, row: number, column: number, values: Block, options?: IoOptions): Promise<void> => this.callWithIo("write", [sheet, row, column, values], options);
  columnWidths = (sheet: string, column: number, count: number): Promise<(number | null)[]> => this.call("columnWidths", [sheet, column, count]);
  clear = (range: RangeRef): Promise<void> => this.call("clear", [range]);
  addSheet = (base: string): Promise<AddedSheet> => this.call("addSheet", [base]);
  deleteSheet = (name: string): Promise<void> => this.call("deleteSheet", [name]);
  formatAll = (steps: readonly FormatStep[], options?: IoOptions): Promise<void> => this.callWithIo("formatAll", [steps], options);
  addCharts = (specs: readonly ChartSpec[]): Promise<void> => this.call("addCharts", [specs]);
  listCharts = (sheet: string): Promise<ChartSpec[]> => this.call("listCharts", [sheet]);
  getSheetSettings = (sheet: string): Promise<JsonObject> => this.call("getSheetSettings", [sheet]);
  setSheetSettings = (sheet: string, settings: JsonObject): Promise<void> => this.call("setSheetSettings", [sheet, settings]);
  insertFormula = (formula: string, cachedResult?: CellValue): Promise<void> => this.call("insertFormula", cachedResult === undefined ? [formula] : [formula, cachedResult]);
  suspendCalculation = (): Promise<void> => this.call("suspendCalculation", []);
  resumeCalculation = (): Promise<void> => this.call("resumeCalculation", []);
  enterCell = (sheet: string, row: number, column: number, input: { formula: string } | { value: CellValue }): Promise<void> => this.call("enterCell", [sheet, row, column, input]);
  useFunctions = (metadata: FunctionsMetadata): Promise<void> => this.call("useFunctions", [metadata]);

  /** The .xlsx file for the download, written where the workbook is (progress and cancel through `control`). */
  save(control?: TaskControl): Promise<Blob> {
    return this.runner.run("bookSave", { id: this.id }, control);
  }

  async toXlsx(): Promise<Uint8Array> {
    return new Uint8Array(await (await this.save()).arrayBuffer());
  }

  /** Lets the workbook go where it is kept (another was opened). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.runner.run("bookClose", { id: this.id }).catch(() => undefined);
  }

  /** The workflow engine over this workbook, where the workbook is. */
  engine(): WorkflowEngine {
    return new RemoteEngine(this);
  }

  /** @internal for RemoteEngine */
  async callEngine<T>(method: string, args: unknown[], control?: RunControl): Promise<T> {
    const answer = await this.runner.run("bookEngine", { id: this.id, method, args }, controlOf(control?.signal, (d) => control?.onProgress?.(d as RunProgress)));
    return this.take(answer) as T;
  }
}

function controlOf(signal: AbortSignal | undefined, onDetail: (detail: unknown) => void): TaskControl {
  return { signal, onProgress: (p) => p.detail !== undefined && onDetail(p.detail) };
}

class RemoteEngine implements WorkflowEngine {
  constructor(readonly port: RemoteWorkbook) {}

  describeSource(choice: SourceChoice, workflow: WorkflowId, options?: DescribeOptions): Promise<SourceInfo> {
    return this.port.callEngine("describeSource", options === undefined ? [choice, workflow] : [choice, workflow, options]);
  }

  validate(request: WorkflowRequest, control?: RunControl): Promise<ValidationReport> {
    return this.port.callEngine("validate", [request], control);
  }

  editedOutputs(request: WorkflowRequest): Promise<EditedOutput[]> {
    return this.port.callEngine("editedOutputs", [request]);
  }

  run(request: WorkflowRequest, control?: RunControl): Promise<WorkflowResult> {
    return this.port.callEngine("run", [request], control);
  }

  removeResults(request: WorkflowRequest): Promise<WrittenOutput[]> {
    return this.port.callEngine("removeResults", [request]);
  }

  rememberMapping(sheet: string, workflow: WorkflowId, mapping: ColumnMapping, mode?: SourceMode): Promise<void> {
    return this.port.callEngine("rememberMapping", mode === undefined ? [sheet, workflow, mapping] : [sheet, workflow, mapping, mode]);
  }
}

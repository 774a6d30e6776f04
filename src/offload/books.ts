/**
 * The preview's open workbooks, kept where the offload tasks run (the pinned worker; inline, on
 * the page). The page holds none of a workbook's cells: it asks for the rows it draws
 * (bookWindow), forwards the port's calls and the workflow engine's (bookCall, bookEngine), and
 * gets back with every answer what the grid and tabs draw without asking (BookMeta). A 100,000-row
 * workbook on the page kept ~135 MB of ExcelJS objects there, whose garbage collection alone
 * stopped a slowed-down page for most of a second.
 */
import { MemoryWorkbook, parseXlsx } from "../workbook/memory-workbook";
import type { CellView, ChartSpec, IoOptions, Progress, RangeRef } from "../workbook/types";
import type { Limits } from "../workbook/upload-limits";
import { csvWorkbook, isZip } from "../workbook/csv-workbook";
import { cleanSheetName } from "../workbook/sheet-names";
import { createEngine } from "../workflows/engine";
import type { RunControl, RunProgress, WorkflowEngine } from "../workflows/types";
import type { TaskIo } from "./tasks";

/** Columns past the used range whose set widths travel in the meta (the grid draws a few empty ones). */
const WIDTH_COLUMNS_PAST = 8;

export interface SheetMeta {
  name: string;
  rows: number;
  columns: number;
  merges: RangeRef[];
  charts: ChartSpec[];
  /** Widths set on columns 0.. (characters; null: the default), to a few columns past the used range. */
  widths: (number | null)[];
}

/** What the page draws without asking: sheets, sizes, merges, charts, widths, active sheet, asked selection. */
export interface BookMeta {
  /** The workbook's own version: when it moves, rows the page fetched before are stale. */
  version: number;
  sheets: SheetMeta[];
  active: string;
  selectionAsked: (RangeRef & { serial: number }) | null;
}

/** Rows of a sheet as the grid draws them, with their formulas. */
export interface BookWindow {
  version: number;
  views: CellView[][];
  formulas: (string | null)[][];
}

/** An answer: the call's value, and the meta when the workbook changed since the page last heard. */
export interface BookAnswer<T = unknown> {
  value: T;
  meta?: BookMeta;
  /** Widths a port call reported through IoOptions.onColumnWidths, for the page to hand on. */
  columnWidths?: (number | null)[];
}

interface Held {
  book: MemoryWorkbook;
  engine?: WorkflowEngine;
  /** The version of the meta the page has. */
  told: number;
  /** Calls that change the workbook, one after another (a cancelled run may still be finishing). */
  queue: Promise<unknown>;
}

const books = new Map<number, Held>();
let nextBook = 1;

function held(id: number): Held {
  const h = books.get(id);
  if (!h) throw new Error(`the workbook is no longer open (${id})`);
  return h;
}

export function metaOf(book: MemoryWorkbook): BookMeta {
  const sheets = book.sheetNames().map((name): SheetMeta => {
    const { rows, columns } = book.dimensions(name);
    const widths: (number | null)[] = [];
    for (let c = 0; c < columns + WIDTH_COLUMNS_PAST; c++) widths.push(book.storedColumnWidth(name, c) ?? null);
    return { name, rows, columns, merges: book.mergedAreas(name), charts: book.chartsOn(name), widths };
  });
  return { version: book.version, sheets, active: book.activeSheetName, selectionAsked: book.selectionAsked };
}

function answer<T>(h: Held, value: T, columnWidths?: (number | null)[]): BookAnswer<T> {
  const out: BookAnswer<T> = { value };
  if (h.book.version !== h.told) {
    out.meta = metaOf(h.book);
    h.told = out.meta.version;
  }
  if (columnWidths) out.columnWidths = columnWidths;
  return out;
}

function queued<T>(h: Held, work: () => Promise<T>): Promise<T> {
  const next = h.queue.then(work, work);
  h.queue = next.catch(() => undefined);
  return next;
}

/** Progress of a port call or a run, as the task's progress (the page hands `detail` on). */
const portProgress = (io: TaskIo) => (p: Progress) => io.progress({ phase: "book", done: p.done, total: p.total, detail: p });
const runProgress = (io: TaskIo) => (p: RunProgress) => io.progress({ phase: "book", done: p.done, total: p.total, detail: p });

/** `name`: the file's, for a CSV's one sheet (a .csv file opens as Excel opens one: csv-workbook.ts). */
export async function openBook(bytes: ArrayBuffer, limits: Partial<Limits> | undefined, io: TaskIo, name?: string): Promise<{ id: number; meta: BookMeta }> {
  io.progress({ phase: "parse" });
  const head = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  const csv = !isZip(head) && name !== undefined && /\.csv$/i.test(name);
  const book = csv ? csvWorkbook(new Uint8Array(bytes), cleanSheetName(name.replace(/\.csv$/i, "")) || "Sheet1", limits ?? {}) : MemoryWorkbook.fromExcelJs(await parseXlsx(bytes, limits), { limits });
  const id = nextBook++;
  const meta = metaOf(book);
  books.set(id, { book, told: meta.version, queue: Promise.resolve() });
  return { id, meta };
}

export function closeBook(id: number): void {
  books.delete(id);
}

/** The port's and the preview's methods the page may call, and which of them take IoOptions last. */
const READS = new Set(["listSheets", "activeSheet", "selection", "usedRange", "columnWidths", "listCharts", "getSheetSettings"]);
const WRITES = new Set(["activateSheet", "select", "clear", "addSheet", "deleteSheet", "addCharts", "setSheetSettings", "insertFormula", "suspendCalculation", "resumeCalculation", "enterCell", "useFunctions"]);
const WITH_IO = new Map([
  ["read", 1],
  ["readFormulas", 1],
  ["write", 4],
  ["formatAll", 1],
]);
export type BookMethod = string;

export async function callBook(id: number, method: BookMethod, args: unknown[], io: TaskIo): Promise<BookAnswer> {
  const h = held(id);
  const book = h.book as unknown as Record<string, (...a: unknown[]) => unknown>;
  if (method === "setSelection") {
    h.book.setSelection(args[0] as RangeRef | null);
    return answer(h, undefined);
  }
  if (READS.has(method)) return answer(h, await book[method](...args));
  const ioAt = WITH_IO.get(method);
  if (ioAt === undefined && !WRITES.has(method)) throw new Error(`not a workbook method: ${method}`);
  let widths: (number | null)[] | undefined;
  const call = () => {
    const a = args.slice();
    if (ioAt !== undefined) {
      const options: IoOptions = { signal: io.signal, onProgress: portProgress(io), onColumnWidths: (w) => (widths = w) };
      a[ioAt] = options;
    }
    return Promise.resolve(book[method](...a));
  };
  // Reads of cells need not wait for writes in the queue: each is one pass over the cells as they are.
  const value = method === "read" || method === "readFormulas" ? await call() : await queued(h, call);
  return answer(h, value, widths);
}

const ENGINE_METHODS = new Set(["describeSource", "validate", "editedOutputs", "run", "removeResults", "rememberMapping"]);
/** The methods taking a RunControl second. */
const WITH_CONTROL = new Set(["validate", "run"]);

export async function callEngine(id: number, method: string, args: unknown[], io: TaskIo): Promise<BookAnswer> {
  const h = held(id);
  if (!ENGINE_METHODS.has(method)) throw new Error(`not an engine method: ${method}`);
  h.engine ??= createEngine(h.book);
  const engine = h.engine as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const a = args.slice();
  if (WITH_CONTROL.has(method)) a[1] = { signal: io.signal, onProgress: runProgress(io) } satisfies RunControl;
  const value = method === "describeSource" ? await engine[method](...a) : await queued(h, () => engine[method](...a));
  return answer(h, value);
}

/** Rows [row, row + rows) of a sheet, every column of its used range. */
export function bookWindow(id: number, sheet: string, row: number, rows: number): BookWindow {
  const { book } = held(id);
  const { rows: used, columns } = book.dimensions(sheet);
  const views: CellView[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = row; r < Math.min(used, row + rows); r++) {
    const v: CellView[] = [];
    const f: (string | null)[] = [];
    for (let c = 0; c < columns; c++) {
      v.push(book.cellView(sheet, r, c));
      f.push(book.cellFormula(sheet, r, c) ?? null);
    }
    views.push(v);
    formulas.push(f);
  }
  return { version: book.version, views, formulas };
}

export async function saveBook(id: number, io: TaskIo): Promise<Uint8Array> {
  const h = held(id);
  io.progress({ phase: "write" });
  return queued(h, () => h.book.toXlsx());
}

/**
 * The implementations the pane runs on, in one place so tests can hand the App fakes: the
 * Office.js workbook in Excel, the in-memory ExcelJS workbook in the preview, and the workflow
 * engine over either. The preview's workbook is kept in an offload worker (src/offload/books.ts)
 * with the engine that runs on it, and the page holds only what it draws; reading a transactions
 * file runs in a worker of its own. Inline (on the page) where the browser has no workers (jsdom,
 * node) or with ?worker=0 (the responsiveness bench's "main thread (before)" figures).
 */
import { ExcelWorkbook } from "../workbook/excel-workbook";
import type { FunctionsMetadata, PreviewWorkbook, RangeRef, WorkbookPort } from "../workbook/types";
import { cachedMetadata } from "../explorer/catalog";
import { createEngine, fieldsOf } from "../workflows";
import { PinnedWorkerRunner, type TaskControl, type TaskRunner, WorkerRunner, inlineRunner, plannerOf } from "../offload/runner";
import { RemoteWorkbook } from "../offload/remote-workbook";
import { xlsxFile } from "../workbook/xlsx-file";
import type { FieldsOf, WorkflowEngine } from "../workflows/types";
import type { ChosenColumns, FileCustomers } from "../workflows/rfm/file-customers";
import type { DayMonthOrder } from "../core/text-values";

/** The preview's workbook: the port, plus the grid telling it what the person selected. */
export interface OpenedWorkbook extends PreviewWorkbook {
  setSelection(range: RangeRef | null): void;
  /** Lets go of the workbook once another is open (where it is kept off the page). */
  close?(): void;
}

export interface Backend {
  excelWorkbook(): WorkbookPort;
  /** Opens an .xlsx within the preview's limits (a PreviewLimitError says why not). */
  /** An .xlsx, or (named .csv) a CSV as one sheet. */
  openXlsx(bytes: ArrayBuffer, control?: TaskControl, name?: string): Promise<OpenedWorkbook>;
  /** The workbook as an .xlsx file with its charts, for the download. */
  saveXlsx(workbook: OpenedWorkbook, control?: TaskControl): Promise<Blob>;
  createEngine(port: WorkbookPort): WorkflowEngine;
  /** A transactions file (CSV or Parquet, any size) read for its customers, in the offload worker. */
  fileCustomers(file: Blob, read: { asOf: number; columns?: ChosenColumns; dateOrder?: DayMonthOrder }, control?: TaskControl): Promise<FileCustomers>;
  fieldsOf: FieldsOf;
  fetchBytes(url: string): Promise<ArrayBuffer>;
  /** Whether a URL answers (optional samples). */
  exists(url: string): Promise<boolean>;
  /** The custom functions' metadata (functions.json), for the preview's formula engine. */
  functionsMetadata(): Promise<FunctionsMetadata>;
}

const workersRefused = (search: string) => typeof Worker !== "function" || new URLSearchParams(search).get("worker") === "0";
// A separate webpack entry beside taskpane.html and preview.html (see webpack.config.js).
const spawnOffload = () => new Worker("offload.worker.js");
const pageSearch = () => (typeof location === "undefined" ? "" : location.search);

/** The worker unless the page has none or asks for none (?worker=0). */
export function pageRunner(search = pageSearch()): TaskRunner {
  return workersRefused(search) ? inlineRunner : new WorkerRunner(spawnOffload);
}

/** Where the preview's open workbook is kept: one worker for all its calls (books.ts), else the page. */
export function bookRunner(search = pageSearch()): TaskRunner {
  return workersRefused(search) ? inlineRunner : new PinnedWorkerRunner(spawnOffload);
}

let runner: TaskRunner | undefined;
const tasks = () => (runner ??= pageRunner());
let booksRunner: TaskRunner | undefined;
const books = () => (booksRunner ??= bookRunner());

export const defaultBackend: Backend = {
  excelWorkbook: () => ExcelWorkbook.fromOffice(),
  openXlsx: (bytes, control, name) => RemoteWorkbook.open(books(), bytes, control, name),
  saveXlsx: async (workbook, control) => (workbook instanceof RemoteWorkbook ? workbook.save(control) : xlsxFile(await workbook.toXlsx())),
  createEngine: (port) => (port instanceof RemoteWorkbook ? port.engine() : createEngine(port, undefined, plannerOf(tasks()))),
  fileCustomers: (file, read, control) => tasks().run("fileCustomers", { file, ...read }, control),
  fieldsOf,
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    return response.arrayBuffer();
  },
  functionsMetadata: () => cachedMetadata("en"),
  exists: async (url) => {
    try {
      return (await fetch(url, { method: "HEAD" })).ok;
    } catch {
      return false;
    }
  },
};

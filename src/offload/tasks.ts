/**
 * The long work the page hands off, declared once: each task runs the same code on the page (the
 * inline runner: tests, node, a browser without workers) or in the offload worker. What cannot
 * cross to a worker as it is (an ExcelJS workbook) has a codec: encoded on the sending side,
 * decoded on the receiving one, each in slices where it runs on the page.
 */
import type ExcelJS from "exceljs";
import { type BookParts, bookFromParts, bookParts } from "../workbook/book-transfer";
import { MemoryWorkbook, parseXlsx } from "../workbook/memory-workbook";
import { Slicer } from "../workbook/slices";
import type { RangeRef } from "../workbook/types";
import type { Limits } from "../workbook/upload-limits";
import { AbortedError } from "../workbook/types";
import { Cancelled } from "../io/transaction-sink";
import { computePlan } from "../workflows/engine";
import type { Plan, PlanInput } from "../workflows/plan";
import type { CommonOptions, WorkflowId } from "../workflows/types";
import { type ChosenColumns, type FileCustomers, readFileCustomers } from "../workflows/rfm/file-customers";
import type { TaskProgress } from "./protocol";
import { type BookAnswer, type BookMeta, type BookWindow, bookWindow, callBook, callEngine, closeBook, openBook, saveBook } from "./books";

/** What a task (or a codec) sees of its caller. */
export interface TaskIo {
  progress(progress: TaskProgress): void;
  signal?: AbortSignal;
}

export interface Codec<T, W> {
  encode(value: T, io: TaskIo): Promise<W>;
  decode(wire: W, io: TaskIo): Promise<T>;
}

export interface TaskDefinition<I, O> {
  run(input: I, io: TaskIo): Promise<O>;
  /** How the input crosses to the worker (encoded on the page); absent: as it is. */
  input?: Codec<I, unknown>;
  /** How the result crosses back (decoded on the page); absent: as it is. */
  output?: Codec<O, unknown>;
}

/** Rows built on the page report progress as the "build" phase. */
const slicedOnPage = (io: TaskIo) => ({ slicer: new Slicer(), signal: io.signal, onRows: (done: number, total: number) => io.progress({ phase: "build", done, total }) });

const bookCodec: Codec<ExcelJS.Workbook, BookParts> = {
  encode: (wb, io) => bookParts(wb, { slicer: new Slicer(), signal: io.signal }),
  decode: (parts, io) => bookFromParts(parts, slicedOnPage(io)),
};

/**
 * An opened file: the workbook, and from the worker its sheets' used ranges (found there, so the
 * page does not look through every row in one piece when it first draws the grid).
 */
export interface OpenedBook {
  workbook: ExcelJS.Workbook;
  usedRanges?: Record<string, RangeRef | null>;
}

const openedCodec: Codec<OpenedBook, { parts: BookParts; usedRanges: Record<string, RangeRef | null> }> = {
  encode: async ({ workbook }, io) => {
    const usedRanges = MemoryWorkbook.fromExcelJs(workbook).usedRanges();
    return { parts: await bookCodec.encode(workbook, io), usedRanges };
  },
  decode: async ({ parts, usedRanges }, io) => ({ workbook: await bookCodec.decode(parts, io), usedRanges }),
};

export interface OpenInput {
  bytes: ArrayBuffer;
  limits?: Partial<Limits>;
}

export interface SaveInput {
  workbook: MemoryWorkbook;
  limits?: Partial<Limits>;
}

export interface FileCustomersInput {
  /** The chosen file: a File crosses to the worker as a handle, its bytes are read there in slices. */
  file: Blob;
  /** Analysis date (serial). */
  asOf: number;
  /** Columns the person chose, by header name. */
  columns?: ChosenColumns;
}

export interface PlanTaskInput {
  workflow: WorkflowId;
  input: PlanInput<CommonOptions>;
}

function task<I, O>(definition: TaskDefinition<I, O>): TaskDefinition<I, O> {
  return definition;
}

export interface BookCallInput {
  id: number;
  method: string;
  args: unknown[];
}

export const TASKS = {
  /** An .xlsx opened and kept where the tasks run (books.ts): the page gets its id and meta. */
  bookOpen: task<OpenInput, { id: number; meta: BookMeta }>({ run: ({ bytes, limits }, io) => openBook(bytes, limits, io) }),
  /** A call of the kept workbook's port (or preview) methods. */
  bookCall: task<BookCallInput, BookAnswer>({ run: ({ id, method, args }, io) => callBook(id, method, args, io) }),
  /** A call of the workflow engine over the kept workbook. */
  bookEngine: task<BookCallInput, BookAnswer>({ run: ({ id, method, args }, io) => callEngine(id, method, args, io) }),
  /** Rows of a kept workbook's sheet as the grid draws them. */
  bookWindow: task<{ id: number; sheet: string; row: number; rows: number }, BookWindow>({ run: async ({ id, sheet, row, rows }) => bookWindow(id, sheet, row, rows) }),
  /** The kept workbook as an .xlsx file with its native charts. */
  bookSave: task<{ id: number }, Uint8Array>({ run: ({ id }, io) => saveBook(id, io) }),
  /** Lets the kept workbook go. */
  bookClose: task<{ id: number }, void>({ run: async ({ id }) => closeBook(id) }),

  /** An uploaded or sample .xlsx parsed within the preview's limits. */
  open: task<OpenInput, OpenedBook>({
    run: async ({ bytes, limits }, io) => {
      io.progress({ phase: "parse" });
      return { workbook: await parseXlsx(bytes, limits) };
    },
    output: openedCodec,
  }),
  /** A workflow's pure calculation. */
  plan: task<PlanTaskInput, Plan>({
    run: async ({ workflow, input }, io) => {
      io.progress({ phase: "compute" });
      return computePlan(workflow, input);
    },
  }),
  /**
   * A transactions file (CSV or Parquet, larger than a sheet may hold) to one row per customer:
   * progress in the file's bytes (CSV) or rows (Parquet) read, with the transactions and
   * customers so far; the table comes back as typed columns (the ids as parts).
   */
  fileCustomers: task<FileCustomersInput, FileCustomers>({
    run: async ({ file, asOf, columns }, io) => {
      try {
        return await readFileCustomers(file, { asOf, columns, signal: io.signal, onProgress: (p) => io.progress({ phase: "readFile", done: p.read, total: p.total, rows: p.rows, customers: p.customers }) });
      } catch (e) {
        // The reader's own cancel, as every task's: an abort.
        throw e instanceof Cancelled ? new AbortedError() : e;
      }
    },
  }),
  /** The workbook as an .xlsx file with its native charts. */
  save: task<SaveInput, Uint8Array>({
    run: async ({ workbook }, io) => {
      io.progress({ phase: "write" });
      return workbook.toXlsx();
    },
    input: {
      encode: async ({ workbook, limits }, io) => {
        io.progress({ phase: "prepare" });
        return { parts: await workbook.toParts({ signal: io.signal }), limits };
      },
      decode: async (wire, io) => {
        const { parts, limits } = wire as { parts: BookParts; limits?: Partial<Limits> };
        return { workbook: MemoryWorkbook.fromExcelJs(await bookFromParts(parts, { signal: io.signal }), { limits }), limits };
      },
    },
  }),
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]["run"]>[0];
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]["run"]>>;

/**
 * The long work the page hands off, declared once: each task runs the same code on the page (the
 * inline runner: tests, node, a browser without workers) or in the offload worker. A value that
 * cannot cross to a worker as it is may have a codec: encoded on the sending side, decoded on the
 * receiving one. (The preview's workbook never crosses: it stays where it was opened, books.ts.)
 */
import type { DayMonthOrder } from "../core/text-values";
import type { Limits } from "../workbook/upload-limits";
import { AbortedError } from "../workbook/types";
import { Cancelled } from "../io/transaction-sink";
import { computePlan } from "../workflows/engine";
import type { Plan, PlanInput } from "../workflows/plan";
import type { CommonOptions, WorkflowId } from "../workflows/types";
import { type ChosenColumns, type FileCustomers, readFileCustomers } from "../workflows/rfm/file-customers";
import type { TaskProgress } from "./protocol";
import { type BookAnswer, type BookMeta, type BookWindow, bookWindow, callBook, callEngine, closeBook, openBook, saveBook } from "./books";
import { xlsxFile } from "../workbook/xlsx-file";

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

export interface OpenInput {
  bytes: ArrayBuffer;
  /** The file's name: a .csv opens as one sheet named after it. */
  name?: string;
  limits?: Partial<Limits>;
}

export interface FileCustomersInput {
  /** The chosen file: a File crosses to the worker as a handle, its bytes are read there in slices. */
  file: Blob;
  /** Analysis date (serial). */
  asOf: number;
  /** Columns the person chose, by header name. */
  columns?: ChosenColumns;
  /** Day or month first, once the person said. */
  dateOrder?: DayMonthOrder;
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
  bookOpen: task<OpenInput, { id: number; meta: BookMeta }>({ run: ({ bytes, limits, name }, io) => openBook(bytes, limits, io, name) }),
  /** A call of the kept workbook's port (or preview) methods. */
  bookCall: task<BookCallInput, BookAnswer>({ run: ({ id, method, args }, io) => callBook(id, method, args, io) }),
  /** A call of the workflow engine over the kept workbook. */
  bookEngine: task<BookCallInput, BookAnswer>({ run: ({ id, method, args }, io) => callEngine(id, method, args, io) }),
  /** Rows of a kept workbook's sheet as the grid draws them. */
  bookWindow: task<{ id: number; sheet: string; row: number; rows: number }, BookWindow>({ run: async ({ id, sheet, row, rows }) => bookWindow(id, sheet, row, rows) }),
  /**
   * The kept workbook as an .xlsx file with its native charts: a Blob made here, so that the page
   * only hands it to the browser (making a Blob of 3 MB was a 40 ms task of a slowed-down page).
   */
  bookSave: task<{ id: number }, Blob>({ run: async ({ id }, io) => xlsxFile(await saveBook(id, io)) }),
  /** Lets the kept workbook go. */
  bookClose: task<{ id: number }, void>({ run: async ({ id }) => closeBook(id) }),

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
    run: async ({ file, asOf, columns, dateOrder }, io) => {
      try {
        return await readFileCustomers(file, { asOf, columns, dateOrder, signal: io.signal, onProgress: (p) => io.progress({ phase: "readFile", done: p.read, total: p.total, rows: p.rows, customers: p.customers }) });
      } catch (e) {
        // The reader's own cancel, as every task's: an abort.
        throw e instanceof Cancelled ? new AbortedError() : e;
      }
    },
  }),
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]["run"]>[0];
export type TaskResult<K extends TaskName> = Awaited<ReturnType<(typeof TASKS)[K]["run"]>>;

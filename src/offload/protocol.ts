/**
 * The messages between the page and the offload worker (offload.worker.ts), written once for both
 * sides. A request names a task of tasks.ts; the worker answers with progress, then a result or an
 * error; the page may cancel. A large value (a 100,000-row block, a workbook's row models) never
 * travels as one message: structured cloning it would stop the receiving page for as long as the
 * work it replaces. Arrays longer than CHUNK are sent ahead as `part` messages of CHUNK items and
 * stand in the value as a marker (pack/unpack), so each message is a short task on either side.
 * The worker sends its parts a few at a time (PARTS_AHEAD), the next once the page acknowledges
 * one: parts posted all at once would queue ahead of the page's timers and input, and the page
 * would run nothing else until it had taken them all (seconds at 100,000 rows).
 */
import { AbortedError } from "../workbook/types";
import { PreviewLimitError, type Verdict } from "../workbook/upload-limits";
import { WorkflowError } from "../workflows/errors";

/** What a task reports while it works: its phase and, when countable, how far it got. */
export interface TaskProgress {
  phase: string;
  done?: number;
  total?: number;
  /** Reading a transactions file: the transactions and customers so far. */
  rows?: number;
  customers?: number;
  /** A workbook call's own progress (books.ts), handed on as it is. */
  detail?: unknown;
}

/** An error as it crosses: its class by name, and a limit's verdict so the page can word it. */
export interface ErrorData {
  name: string;
  message: string;
  verdict?: Extract<Verdict, { ok: false }>;
}

export type ToWorker =
  | { type: "request"; id: number; task: string; input: unknown }
  | { type: "part"; id: number; chunk: number; items: unknown[] }
  /** The page took one of the request's parts. */
  | { type: "ack"; id: number }
  | { type: "cancel"; id: number };

export type FromWorker =
  | { type: "progress"; id: number; progress: TaskProgress }
  | { type: "part"; id: number; chunk: number; items: unknown[] }
  | { type: "result"; id: number; result: unknown }
  | { type: "error"; id: number; error: ErrorData };

/**
 * Items per part: 250 of ExcelJS's row models (the heaviest items that cross) take ~5 ms to
 * clone, ~30 ms on a page slowed down 6× (1,000 took 115 ms there).
 */
export const CHUNK = 250;

/** Parts the worker has sent that the page has not acknowledged yet, at most. */
export const PARTS_AHEAD = 2;

const MARK = "__crmChunked";

/** Values that clone as they are (not walked): typed arrays and buffers as one copy of memory, a File or Blob as a handle to its bytes. */
function opaque(v: object): boolean {
  return ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date || (typeof Blob !== "undefined" && v instanceof Blob);
}
interface Marker {
  [MARK]: number;
  length: number;
}

function isMarker(v: unknown): v is Marker {
  return typeof v === "object" && v !== null && MARK in v;
}

/**
 * A copy of `value` whose arrays longer than CHUNK are replaced by markers, with those arrays
 * (numbered as the markers) to send as parts. Such an array's items are sent as they are, not
 * searched further. Typed arrays, Files and Blobs stay in place (see opaque).
 */
export function pack(value: unknown, chunk = CHUNK): { value: unknown; arrays: unknown[][] } {
  const arrays: unknown[][] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length > chunk) {
        arrays.push(v);
        return { [MARK]: arrays.length - 1, length: v.length } satisfies Marker;
      }
      return v.map(walk);
    }
    if (typeof v !== "object" || v === null || opaque(v)) return v;
    return mapEntries(v, walk);
  };
  return { value: walk(value), arrays };
}

/**
 * A plain object with the same keys and mapped values. A key "__proto__" (a cell's text, a sheet
 * name: anything a person typed) stays a key: assigned, it would set the copy's prototype instead.
 */
function mapEntries(v: object, map: (x: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "__proto__") Object.defineProperty(out, k, { value: map(x), enumerable: true, writable: true, configurable: true });
    else out[k] = map(x);
  }
  return out;
}

/** Collects parts as they arrive and puts a packed value back together. */
export class PartCollector {
  private readonly arrays = new Map<number, unknown[]>();

  add(chunk: number, items: unknown[]): void {
    const to = this.arrays.get(chunk);
    if (to) for (const item of items) to.push(item);
    else this.arrays.set(chunk, items.slice());
  }

  unpack(value: unknown): unknown {
    const walk = (v: unknown): unknown => {
      if (isMarker(v)) return this.arrays.get(v[MARK]) ?? [];
      if (Array.isArray(v)) return v.map(walk);
      if (typeof v !== "object" || v === null || opaque(v)) return v;
      return mapEntries(v, walk);
    };
    return walk(value);
  }
}

/** The parts of packed arrays, in CHUNK-item slices, in order. */
export function* partsOf(arrays: readonly unknown[][], chunk = CHUNK): Generator<{ chunk: number; items: unknown[] }> {
  for (let n = 0; n < arrays.length; n++) for (let i = 0; i < arrays[n].length; i += chunk) yield { chunk: n, items: arrays[n].slice(i, i + chunk) };
}

export function errorData(e: unknown): ErrorData {
  if (e instanceof PreviewLimitError) return { name: e.name, message: e.message, verdict: e.verdict };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

/** The error again on the page, of the class the task threw where the page tells classes apart. */
export function errorFrom(data: ErrorData): Error {
  if (data.verdict) return new PreviewLimitError(data.verdict);
  if (data.name === "AbortError") return new AbortedError(data.message);
  if (data.name === "WorkflowError") return new WorkflowError(data.message);
  const e = new Error(data.message);
  e.name = data.name;
  return e;
}

/**
 * Long work on the page's only thread, cut into slices. The in-memory workbook reads, writes and
 * formats a 100,000-row sheet through ExcelJS cell by cell; done in one go, the page would freeze
 * for a second or more (no progress bar, no Cancel). A Slicer says when the current slice has
 * run long enough; the caller then reports progress and yields to the event loop.
 */
import { throwIfAborted } from "./types";

/** Work between two yields: short enough for the page to keep up with input and paint. */
export const SLICE_MS = 30;

/** Cells done between two looks at the clock (a look is cheap, but not free per cell). */
const CELLS_PER_CHECK = 2_048;

/** Rows of `columns` cells to do between two looks at the clock. */
export function rowsPerCheck(columns: number): number {
  return Math.max(1, Math.floor(CELLS_PER_CHECK / Math.max(1, columns)));
}

/**
 * Lets the page paint, handle input and run its timers: a new task at normal priority
 * (scheduler.postTask "user-visible" where the browser has it, else setTimeout). Not
 * scheduler.yield: its continuation runs ahead of every task waiting at the same priority
 * (timers, the worker's messages, React's updates), so a loop of slices yielding with it starved
 * them for as long as the whole loop ran (seconds at 100,000 rows, though no task ran long).
 */
export function yieldToEventLoop(): Promise<void> {
  const resumed = () => {
    resumedAt = performance.now();
  };
  const scheduler = (globalThis as { scheduler?: { postTask?: (task: () => void, options?: { priority?: string }) => Promise<void> } }).scheduler;
  if (scheduler && typeof scheduler.postTask === "function") return scheduler.postTask(resumed, { priority: "user-visible" });
  return new Promise((resolve) =>
    setTimeout(() => {
      resumed();
      resolve();
    }, 0),
  );
}

/**
 * When the page's current task began, as far as the slices know: the last time a yield came back.
 * Every Slicer measures from it, so work of several slicers in one task (a write, then the
 * widths, then the grid's render) shares one budget instead of taking one each.
 */
let resumedAt = -Infinity;

export class Slicer {
  /** `sliceMs` 0 yields at every look at the clock (tests). */
  constructor(private readonly sliceMs = SLICE_MS) {}

  /**
   * Whether the current task has run its time. In a task that did not begin at a yield (an
   * event, a message) this is at once: the work yields first, then has a whole slice.
   */
  get due(): boolean {
    return performance.now() - resumedAt >= this.sliceMs;
  }

  async yield(): Promise<void> {
    await yieldToEventLoop();
  }
}

/**
 * Work written as a generator that yields every so often (a pure calculation over 100,000 rows):
 * run to its end at once (stepsToEnd), or in slices that yield to the event loop (stepsInSlices).
 */
export type Steps<T> = Generator<void, T, void>;

export function stepsToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function stepsInSlices<T>(steps: Steps<T>, options: { slicer?: Slicer; signal?: AbortSignal } = {}): Promise<T> {
  const slicer = options.slicer ?? new Slicer();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slicer.due) {
      await slicer.yield();
      throwIfAborted(options.signal);
    }
  }
}

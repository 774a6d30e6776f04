/**
 * Runs the tasks of tasks.ts: inline (on the calling thread) or in a Web Worker, behind one
 * interface, so the page, the tests and node use the same code. The worker runner keeps a worker
 * per task under way (a cancel terminates that one worker: whatever it was doing stops at once,
 * and it never wrote to the page's workbook) and one idle worker for the next task.
 */
import { AbortedError, throwIfAborted } from "../workbook/types";
import { Slicer } from "../workbook/slices";
import type { Planner } from "../workflows/engine";
import { type FromWorker, PartCollector, type TaskProgress, type ToWorker, errorFrom, pack, partsOf } from "./protocol";
import { TASKS, type TaskDefinition, type TaskInput, type TaskIo, type TaskName, type TaskResult } from "./tasks";

export interface TaskControl {
  signal?: AbortSignal;
  onProgress?: (progress: TaskProgress) => void;
}

export interface TaskRunner {
  /** "worker" when tasks run off the page's thread. */
  readonly where: "inline" | "worker";
  run<K extends TaskName>(task: K, input: TaskInput<K>, control?: TaskControl): Promise<TaskResult<K>>;
}

const definition = (task: TaskName) => TASKS[task] as unknown as TaskDefinition<unknown, unknown>;
const ioOf = (control: TaskControl): TaskIo => ({ progress: (p) => control.onProgress?.(p), signal: control.signal });

export const inlineRunner: TaskRunner = {
  where: "inline",
  async run(task, input, control = {}) {
    throwIfAborted(control.signal);
    const result = await definition(task).run(input, ioOf(control));
    throwIfAborted(control.signal);
    return result as never;
  },
};

/** What the runner needs of a Worker (a MessagePort in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (e: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: "error", listener: (e: Event) => void): void;
  removeEventListener(type: "message", listener: (e: MessageEvent<FromWorker>) => void): void;
  removeEventListener(type: "error", listener: (e: Event) => void): void;
  terminate(): void;
}

let nextId = 1;

/** The worker could not run at all (its script failed to load, a host forbids workers). */
class WorkerUnavailable extends Error {}

/**
 * A runner over workers: the input encoded, the task exchanged with the worker `take` gives, the
 * result decoded; `release` is told whether the task finished. A worker that cannot start leaves
 * this task and every later one to run inline.
 */
abstract class WorkerTasks implements TaskRunner {
  readonly where = "worker" as const;
  /** Set when a worker could not start: from then on tasks run inline. */
  private unavailable = false;

  protected abstract take(): WorkerLike;
  protected abstract release(worker: WorkerLike, finished: boolean): void;

  async run<K extends TaskName>(task: K, input: TaskInput<K>, control: TaskControl = {}): Promise<TaskResult<K>> {
    throwIfAborted(control.signal);
    if (this.unavailable) return inlineRunner.run(task, input, control);
    const def = definition(task);
    const io = ioOf(control);
    const wire = def.input ? await def.input.encode(input, io) : input;
    throwIfAborted(control.signal);
    const worker = this.take();
    let finished = false;
    try {
      let result: unknown;
      try {
        result = await exchange(worker, task, wire, control);
      } catch (e) {
        if (!(e instanceof WorkerUnavailable)) throw e;
        this.unavailable = true;
        console.warn(`${e.message}: running inline`);
        return inlineRunner.run(task, input, control);
      }
      finished = true;
      return (def.output ? await def.output.decode(result, io) : result) as TaskResult<K>;
    } finally {
      this.release(worker, finished);
    }
  }
}

/** A worker per task under way (a cancel terminates that one: whatever it did stops at once) and one idle for the next. */
export class WorkerRunner extends WorkerTasks {
  private idle: WorkerLike | undefined;

  constructor(private readonly spawn: () => WorkerLike) {
    super();
  }

  protected take(): WorkerLike {
    const worker = this.idle ?? this.spawn();
    this.idle = undefined;
    return worker;
  }

  protected release(worker: WorkerLike, finished: boolean): void {
    if (finished && !this.idle) this.idle = worker;
    else worker.terminate();
  }
}

/** Sends the request (large arrays ahead as parts, yielding between them) and waits for its answer. */
export function exchange(worker: WorkerLike, task: TaskName, wire: unknown, control: TaskControl): Promise<unknown> {
  const id = nextId++;
  return new Promise<unknown>((resolve, reject) => {
    const collector = new PartCollector();
    let done = false;
    let answered = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      control.signal?.removeEventListener("abort", onAbort);
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      f();
    };
    const onAbort = () =>
      finish(() => {
        worker.postMessage({ type: "cancel", id });
        reject(new AbortedError());
      });
    const onMessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.id !== id || done) return;
      answered = true;
      if (m.type === "progress") control.onProgress?.(m.progress);
      else if (m.type === "part") {
        collector.add(m.chunk, m.items);
        worker.postMessage({ type: "ack", id });
      }
      else if (m.type === "result") finish(() => resolve(collector.unpack(m.result)));
      else if (m.type === "error") finish(() => reject(errorFrom(m.error)));
    };
    // An error event is the worker failing as a whole (a task's own errors come as messages).
    const onError = (e: Event) => {
      const message = `offload worker: ${(e as ErrorEvent).message || "failed to start"}`;
      finish(() => reject(answered ? new Error(message) : new WorkerUnavailable(message)));
    };
    control.signal?.addEventListener("abort", onAbort);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    void (async () => {
      const { value, arrays } = pack(wire);
      const slicer = new Slicer();
      for (const part of partsOf(arrays)) {
        if (done) return;
        worker.postMessage({ type: "part", id, ...part });
        if (slicer.due) await slicer.yield();
      }
      if (done) return;
      // Bytes are copied, not transferred: a copy of a few MB is cheap, and the page keeps them
      // for running inline should the worker fail to start.
      worker.postMessage({ type: "request", id, task, input: value });
    })().catch((e) => finish(() => reject(e)));
  });
}

/**
 * One worker for every task, for tasks that keep state in it (the preview's open workbook, see
 * books.ts). Tasks run side by side in it; a cancel is a message (the task stops at its next
 * look at the signal), never a terminate, which would lose the workbook. Where no worker can
 * start, the tasks run inline, their state on the page.
 */
export class PinnedWorkerRunner extends WorkerTasks {
  private worker: WorkerLike | undefined;

  constructor(private readonly spawn: () => WorkerLike) {
    super();
  }

  protected take(): WorkerLike {
    return (this.worker ??= this.spawn());
  }

  protected release(): void {
    // The worker stays, with what it keeps, for every later task.
  }
}

/** A workflow planner over a runner: plans off the page when the runner is a worker's. */
export function plannerOf(runner: TaskRunner): Planner {
  return (workflow, input, signal) => runner.run("plan", { workflow, input }, { signal });
}

/**
 * The worker's side of the protocol: collects a request's parts, runs the task of tasks.ts and
 * answers (large arrays of the result ahead as parts, PARTS_AHEAD at a time: the next once the
 * page acknowledges one). A cancel aborts the task's signal (the page also terminates a worker
 * it no longer waits for).
 */
import { type FromWorker, PARTS_AHEAD, PartCollector, type ToWorker, errorData, pack, partsOf } from "./protocol";
import { TASKS, type TaskDefinition, type TaskIo, type TaskName } from "./tasks";

/** A request's parts on their way to the page: how many the page took, and who waits for one. */
class Acks {
  private taken = 0;
  private wake: (() => void) | undefined;

  add(): void {
    this.taken++;
    this.wake?.();
  }

  /** Until the page has taken `count` parts, or the task is cancelled. */
  async until(count: number, signal: AbortSignal): Promise<void> {
    while (this.taken < count && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        signal.addEventListener("abort", done);
      });
    }
  }
}

export interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (e: MessageEvent<ToWorker>) => void): void;
}

export function serve(scope: WorkerScope): void {
  const collectors = new Map<number, PartCollector>();
  const controllers = new Map<number, AbortController>();
  const acks = new Map<number, Acks>();
  const collector = (id: number) => collectors.get(id) ?? collectors.set(id, new PartCollector()).get(id)!;

  const run = async (id: number, task: TaskName, wire: unknown) => {
    const controller = new AbortController();
    controllers.set(id, controller);
    const io: TaskIo = { progress: (progress) => scope.postMessage({ type: "progress", id, progress }), signal: controller.signal };
    try {
      const def = TASKS[task] as unknown as TaskDefinition<unknown, unknown> | undefined;
      if (!def) throw new Error(`unknown task ${String(task)}`);
      const input = def.input ? await def.input.decode(wire, io) : wire;
      const result = await def.run(input, io);
      const out = def.output ? await def.output.encode(result, io) : result;
      const { value, arrays } = pack(out);
      const taken = new Acks();
      acks.set(id, taken);
      let sent = 0;
      for (const part of partsOf(arrays)) {
        await taken.until(sent - PARTS_AHEAD + 1, controller.signal);
        if (controller.signal.aborted) return;
        scope.postMessage({ type: "part", id, ...part });
        sent++;
      }
      scope.postMessage({ type: "result", id, result: value }, value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : []);
    } catch (e) {
      scope.postMessage({ type: "error", id, error: errorData(e) });
    } finally {
      controllers.delete(id);
      acks.delete(id);
    }
  };

  scope.addEventListener("message", (e: MessageEvent<ToWorker>) => {
    const m = e.data;
    if (m.type === "part") collector(m.id).add(m.chunk, m.items);
    else if (m.type === "ack") acks.get(m.id)?.add();
    else if (m.type === "cancel") controllers.get(m.id)?.abort();
    else if (m.type === "request") {
      const input = collector(m.id).unpack(m.input);
      collectors.delete(m.id);
      void run(m.id, m.task as TaskName, input);
    }
  });
}

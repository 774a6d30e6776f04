/**
 * A Worker for tests: a pair of pipes whose far end runs the offload worker's serve(), as
 * offload.worker.ts does, with messages cloned and delivered in later tasks as a Worker's are.
 */
import { type TaskRunner, type WorkerLike, inlineRunner } from "../../src/offload/runner";
import { serve, type WorkerScope } from "../../src/offload/serve";

/**
 * Structured cloning within the test's realm: jest runs tests in a VM context, and a Date cloned
 * by node's own structuredClone or MessagePort belongs to the outer realm (instanceof Date fails
 * there, never on a page, where the worker's messages arrive in the page's realm). Each message is
 * also put through the real structuredClone, so a value that cannot cross fails here as on a page.
 */
function realmClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(realmClone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (ArrayBuffer.isView(v)) return (v as unknown as Uint8Array).slice() as T;
  if (v instanceof ArrayBuffer) return v.slice(0) as T;
  if (v instanceof Blob) return v;
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = realmClone(x);
  return out as T;
}

type Listener = (e: MessageEvent) => void;

/** One direction of a channel: messages cloned and delivered in later tasks, as a Worker's are. */
function pipe(closed: () => boolean) {
  const listeners = new Set<Listener>();
  return {
    post(m: unknown) {
      structuredClone(m);
      const copy = realmClone(m);
      setTimeout(() => {
        if (!closed()) for (const l of [...listeners]) l({ data: copy } as MessageEvent);
      }, 0);
    },
    listeners,
  };
}

/** A Worker whose far end runs serve(), as offload.worker.ts does. */
export function channelWorker(log: { spawned: number; terminated: number } = { spawned: 0, terminated: 0 }): WorkerLike {
  let terminated = false;
  const toWorker = pipe(() => terminated);
  const toPage = pipe(() => terminated);
  serve({ postMessage: (m) => toPage.post(m), addEventListener: (_type: string, l: Listener) => toWorker.listeners.add(l) } as WorkerScope);
  log.spawned++;
  return {
    postMessage: (m: unknown) => toWorker.post(m),
    addEventListener: (type: string, l: Listener) => type === "message" && toPage.listeners.add(l),
    removeEventListener: (type: string, l: Listener) => type === "message" && toPage.listeners.delete(l),
    terminate: () => {
      log.terminated++;
      terminated = true;
    },
  } as unknown as WorkerLike;
}


export interface RunnerUnderTest {
  runner: TaskRunner;
  log: { spawned: number; terminated: number };
}

/** describe.each rows: the inline runner, and a worker runner of the given kind over channel workers. */
export function runnersUnderTest(name: string, over: (spawn: () => WorkerLike) => TaskRunner): [string, () => RunnerUnderTest][] {
  return [
    ["inline", () => ({ runner: inlineRunner, log: { spawned: 0, terminated: 0 } })],
    [
      name,
      () => {
        const log = { spawned: 0, terminated: 0 };
        return { runner: over(() => channelWorker(log)), log };
      },
    ],
  ];
}

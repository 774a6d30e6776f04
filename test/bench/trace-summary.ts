/**
 * What ran on the page's thread during its worst stall, read from a Chromium trace (categories
 * devtools.timeline + toplevel): the longest gap between two timers firing on the renderer's main
 * thread (what the bench's setTimeout heartbeat measures), the tasks in that gap by what they ran,
 * and the longest of them with their biggest pieces. For workflows-responsiveness (BENCH_TRACE).
 */
import * as fs from "fs";

export const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink.user_timing", "disabled-by-default-v8.cpu_profiler"];

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface TraceEvent {
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  ph: string;
  name: string;
  id?: string;
  args?: {
    name?: string;
    data?: {
      functionName?: string;
      url?: string;
      lineNumber?: number;
      type?: string;
      startTime?: number;
      cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: CallFrame }[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

/** The sampling profiler's samples on one thread: when, and which stack (innermost frame first). */
function samplesOf(events: TraceEvent[], pid: number, tid: number): { ts: number; stack: CallFrame[] }[] {
  const out: { ts: number; stack: CallFrame[] }[] = [];
  const profiles = events.filter((e) => e.name === "Profile" && e.pid === pid && e.tid === tid);
  for (const profile of profiles) {
    const nodes = new Map<number, { parent?: number; callFrame: CallFrame }>();
    let ts = profile.args?.data?.startTime ?? profile.ts;
    for (const chunk of events.filter((e) => e.name === "ProfileChunk" && e.id === profile.id && e.pid === pid)) {
      const data = chunk.args?.data;
      for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const samples = data?.cpuProfile?.samples ?? [];
      const deltas = data?.timeDeltas ?? [];
      for (let i = 0; i < samples.length; i++) {
        ts += deltas[i] ?? 0;
        const stack: CallFrame[] = [];
        for (let id: number | undefined = samples[i]; id !== undefined; id = nodes.get(id)?.parent) {
          const n = nodes.get(id);
          if (!n) break;
          stack.push(n.callFrame);
        }
        out.push({ ts, stack });
      }
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const frameName = (f: CallFrame) => `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;

/** The functions that were on the stack longest in [from, to) (inclusive time), as "name time". */
function hotFunctions(samples: { ts: number; stack: CallFrame[] }[], from: number, to: number): string[] {
  const time = new Map<string, number>();
  let prev: number | undefined;
  for (const s of samples) {
    if (s.ts < from || s.ts >= to) continue;
    const dt = prev === undefined ? 0 : Math.min(s.ts - prev, 10_000);
    prev = s.ts;
    const seen = new Set<string>();
    for (const f of s.stack) {
      // Names of one or two letters are a minified library's (React's): the bench's own code reads
      // best from a build without minifying (CRM_DIST=dist-prof, see the bench's header).
      if (!f.url || f.functionName.length <= 2) continue;
      const name = frameName(f);
      if (seen.has(name)) continue;
      seen.add(name);
      time.set(name, (time.get(name) ?? 0) + dt);
    }
  }
  return [...time.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, us]) => `${name} ${ms(us)}`);
}

interface Node {
  e: TraceEvent;
  children: Node[];
}

const ms = (us: number) => `${Math.round(us / 1000).toLocaleString("en-US")} ms`;

/** A readable name: a function call with its function and file, an event with its type. */
function label(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === "FunctionCall" && d) return `FunctionCall ${d.functionName || "(anonymous)"} ${(d.url ?? "").split("/").pop()}:${d.lineNumber ?? "?"}`;
  if (e.name === "EventDispatch" && d?.type) return `EventDispatch ${d.type}`;
  return e.name;
}

function isTask(e: TraceEvent): boolean {
  return e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask";
}

/** The main thread's complete events as trees (a task and what ran inside it). */
function trees(events: TraceEvent[]): Node[] {
  const sorted = events.filter((e) => e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const e of sorted) {
    const node: Node = { e, children: [] };
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= e.ts) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

/** Down through the wrappers: the chain of events each taking (nearly) all of its parent's time. */
function dominant(node: Node): Node[] {
  const chain = [node];
  for (let n = node; ; ) {
    const big = n.children.find((c) => (c.e.dur ?? 0) >= 0.9 * (n.e.dur ?? 0));
    if (!big) return chain;
    chain.push(big);
    n = big;
  }
}

const chainLabel = (chain: Node[]) => chain.slice(1).map((n) => label(n.e)).filter((l) => !isTask({ name: l } as TraceEvent)).join(" > ") || "(task)";

/** The biggest pieces of a task, two levels down, as "name time" (over `min` µs). */
function pieces(task: Node, min: number): string[] {
  const chain = dominant(task);
  const node = chain[chain.length - 1];
  const out: string[] = chain.length > 1 ? [chainLabel(chain)] : [];
  for (const c of node.children) {
    if ((c.e.dur ?? 0) < min) continue;
    const inner = c.children.filter((g) => (g.e.dur ?? 0) >= min).map((g) => `${label(g.e)} ${ms(g.e.dur ?? 0)}`);
    out.push(`${label(c.e)} ${ms(c.e.dur ?? 0)}${inner.length ? ` [${inner.slice(0, 4).join(", ")}]` : ""}`);
  }
  return out.slice(0, 5);
}

/** The summary lines of one trace file. */
export function summarizeTrace(file: string): string[] {
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const mains = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`);
  // From the bench's mark at the step's start: starting the trace stops the page for a while.
  const stepStart = events.find((e) => e.name === "bench-step")?.ts ?? 0;
  const timers = new Map<string, number[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === "TimerFire" && e.ts >= stepStart && mains.includes(key)) (timers.get(key) ?? timers.set(key, []).get(key)!).push(e.ts);
  }
  // The page's thread: the renderer main thread where the heartbeat fired.
  const [main, fires] = [...timers.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (!main || !fires || fires.length < 2) return ["trace: no timers fired on the page's thread"];
  fires.sort((a, b) => a - b);
  let from = fires[0];
  let to = fires[0];
  for (let i = 1; i < fires.length; i++) if (fires[i] - fires[i - 1] > to - from) [from, to] = [fires[i - 1], fires[i]];
  const roots = trees(events.filter((e) => `${e.pid}:${e.tid}` === main));
  const inGap = roots.filter((n) => isTask(n.e) && n.e.ts > from && n.e.ts < to);
  const busy = inGap.reduce((t, n) => t + (n.e.dur ?? 0), 0);
  const byKind = new Map<string, { n: number; us: number }>();
  for (const task of inGap) {
    const kind = chainLabel(dominant(task));
    const k = byKind.get(kind) ?? byKind.set(kind, { n: 0, us: 0 }).get(kind)!;
    k.n++;
    k.us += task.e.dur ?? 0;
  }
  const lines = [`worst gap between timers on the page's thread: ${ms(to - from)}, ${inGap.length} tasks in it (${ms(busy)} busy)`];
  for (const [kind, k] of [...byKind.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, 6)) lines.push(`  ${String(k.n).padStart(6)} tasks ${ms(k.us).padStart(10)}  ${kind}`);
  const longest = roots.filter((n) => isTask(n.e) && n.e.ts >= stepStart).sort((a, b) => (b.e.dur ?? 0) - (a.e.dur ?? 0)).slice(0, 4);
  const [pid, tid] = main.split(":").map(Number);
  const samples = samplesOf(events, pid, tid);
  const start = stepStart || events.reduce((t, e) => (e.ts > 0 && e.ts < t ? e.ts : t), Infinity);
  const describe = (what: string, task: Node) => {
    const at = task.e.ts;
    lines.push(`  ${what} ${ms(task.e.dur ?? 0)} at ${ms(at - start)}: ${pieces(task, 2_000).join("; ") || "(nothing over 2 ms inside)"}`);
    const hot = hotFunctions(samples, at, at + (task.e.dur ?? 0));
    if (hot.length) lines.push(`    on the stack: ${hot.join(", ")}`);
  };
  // The worst gap's own tasks, in order: what to split or shorten to close it.
  for (const task of inGap.filter((n) => (n.e.dur ?? 0) >= 10_000)) describe("in the gap:", task);
  for (const task of longest) describe("longest task", task);
  return lines;
}

if (require.main === module) for (const f of process.argv.slice(2)) console.log(`${f}\n${summarizeTrace(f).join("\n")}`);

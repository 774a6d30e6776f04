/** Small timing helpers shared by the benchmarks (npm run bench). */
export interface Timing {
  label: string;
  ms: number;
}

/**
 * A full collection before a timing, so that no run pays for the garbage of the one before, and a
 * pause for the collector's helper threads to finish their part of it (sweeping; on a loaded
 * two-core machine they otherwise run during the timing and took a third of a 30 ms run).
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
}

/** Best of `runs` wall-clock timings of fn, after one warm-up run. */
export function time<T>(label: string, fn: () => T, runs = 3): Timing & { result: T } {
  let result = fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { label, ms: best, result };
}

export function report(subject: Timing, baseline: Timing, note = ""): void {
  const ratio = baseline.ms / subject.ms;
  console.log(`${subject.label}: ${subject.ms.toFixed(1)} ms | baseline ${baseline.label}: ${baseline.ms.toFixed(1)} ms | ${ratio.toFixed(2)}× ${ratio >= 1 ? "faster" : "slower"}${note ? ` | ${note}` : ""}`);
}

export { rng } from "../support/random";

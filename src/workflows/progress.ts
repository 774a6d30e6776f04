/** One progress bar over a whole run: where each phase lies on it. */
import type { Phase, RunControl } from "./types";

const PHASES: Record<Phase, [number, number]> = {
  read: [0, 0.35],
  validate: [0.35, 0.45],
  compute: [0.45, 0.6],
  write: [0.6, 0.95],
  summary: [0.95, 1],
};

export function progress(control: RunControl | undefined, phase: Phase, done: number, total: number): void {
  const [from, to] = PHASES[phase];
  const part = total > 0 ? Math.min(1, done / total) : 1;
  control?.onProgress?.({ phase, fraction: from + (to - from) * part, done, total });
}

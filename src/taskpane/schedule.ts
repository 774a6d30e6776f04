import * as React from "react";

/**
 * Runs `work` when the page has nothing else to do (requestIdleCallback; a timer where there is
 * none, as in Safari and jsdom); returns what cancels it, for an effect's cleanup.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const handle = requestIdleCallback(() => work(), { timeout: 2_000 });
    return () => cancelIdleCallback(handle);
  }
  const timer = setTimeout(work, 200);
  return () => clearTimeout(timer);
}

/**
 * Runs `work` in a task after the next frame is painted (a timer started from requestAnimationFrame);
 * returns what cancels it. What one change shows in two places then costs two frames' layout
 * instead of one frame's of both.
 */
export function afterNextPaint(work: () => void): () => void {
  if (typeof requestAnimationFrame !== "function") {
    const timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(work, 0)));
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

const NOT_YET: unique symbol = Symbol("not painted yet");

/**
 * Whether a frame has been painted since `key` came (and, until then, `ready` held): false in the
 * commit that brings a new key, true in a transition after the next paint. What a view draws
 * for a key only once this is true comes a frame after the rest of that commit.
 */
export function usePaintedSince<K>(key: K, ready = true): boolean {
  const [painted, setPainted] = React.useState<K | typeof NOT_YET>(NOT_YET);
  React.useEffect(() => (ready ? afterNextPaint(() => React.startTransition(() => setPainted(key))) : undefined), [key, ready]);
  return painted === key;
}

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

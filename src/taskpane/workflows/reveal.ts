import * as React from "react";

/**
 * Scrolls a part of the panel into view when it appears: a run's result or the problems it
 * found show below the Run button, often below the fold of a task pane.
 */
export function useRevealOnMount<T extends HTMLElement>(block: ScrollLogicalPosition): React.RefObject<T> {
  const ref = React.useRef<T>(null);
  React.useEffect(() => {
    // In the next frame, whose layout the browser does anyway: scrolling here would force that
    // layout inside React's commit, one long task where there can be two shorter ones.
    // jsdom has no scrollIntoView.
    const frame = requestAnimationFrame(() => ref.current?.scrollIntoView?.({ block, behavior: "smooth" }));
    return () => cancelAnimationFrame(frame);
    // Only when it appears: a re-render must not pull the pane back while the person scrolls.
  }, [block]);
  return ref;
}

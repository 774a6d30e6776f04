import * as React from "react";
import { afterNextPaint } from "../schedule";

/**
 * Scrolls a part of the panel into view when it appears: a run's result or the problems it
 * found show below the Run button, often below the fold of a task pane.
 */
export function useRevealOnMount<T extends HTMLElement>(block: ScrollLogicalPosition): React.RefObject<T> {
  const ref = React.useRef<T>(null);
  React.useEffect(
    // Once the frame that shows it is painted: scrolling sooner forces its layout there and then
    // (inside React's commit, or in the frame's animation callbacks), one long task where there
    // can be two shorter ones; after the paint the layout is done and the scroll only scrolls.
    // jsdom has no scrollIntoView.
    () => afterNextPaint(() => ref.current?.scrollIntoView?.({ block, behavior: "smooth" })),
    // Only when it appears: a re-render must not pull the pane back while the person scrolls.
    [block],
  );
  return ref;
}

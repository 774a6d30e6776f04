import * as React from "react";

/**
 * The controller of the work a component started, aborted when the component goes away (a
 * closed panel must not keep reading a file or writing a sheet), and whether the component is
 * still mounted, so that a late answer sets no state.
 */
export function useAbortOnUnmount(): { abort: React.MutableRefObject<AbortController | null>; mounted: React.MutableRefObject<boolean> } {
  const abort = React.useRef<AbortController | null>(null);
  const mounted = React.useRef(true);
  React.useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      abort.current?.abort();
    };
  }, []);
  return { abort, mounted };
}

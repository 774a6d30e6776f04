import * as React from "react";
import { ProgressBar, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  // Fluent eases the bar's width over 0.3 s. A width cannot be animated off the page's thread: with
  // progress every few dozen milliseconds the page then drew a frame at every vsync for the whole
  // run (style, layout, paint: 25–150 ms each on a slowed-down machine), and a click on Cancel
  // waited behind them. A scaled full-width bar moves the same way on the compositor.
  bar: { transitionProperty: "transform", transformOrigin: "left center" },
});

/** Fluent's ProgressBar (indeterminate when `value` is undefined) whose fill moves without costing the page a frame per vsync. */
export function TaskProgressBar({ value, label }: { value: number | undefined; label: string }): React.JSX.Element {
  const styles = useStyles();
  const fraction = value === undefined ? undefined : Math.min(1, Math.max(0, value));
  const bar = fraction === undefined ? undefined : { className: styles.bar, style: { width: "100%", transform: `scaleX(${fraction})` } };
  return <ProgressBar value={fraction} max={1} aria-label={label} bar={bar} />;
}

import * as React from "react";
import { Field, ProgressBar, makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  // Fluent eases the bar's width over 0.3 s. A width cannot be animated off the page's thread: with
  // progress every few dozen milliseconds the page then drew a frame at every vsync for the whole
  // run (style, layout, paint: 25–150 ms each on a slowed-down machine), and a click on Cancel
  // waited behind them. A scaled full-width bar moves the same way on the compositor.
  bar: { transitionProperty: "transform", transformOrigin: "left center" },
  // The text under the bar changes with every progress report. One line of fixed size with strict
  // containment keeps a longer text from wrapping and moving what is below it, and lets the
  // browser lay out and paint only this line for it. (Traces of a run showed its layouts come
  // mostly from the grid's new cells, so this is steadiness, not a measured stall fix.) The full
  // text stays in its title.
  message: {
    contain: "strict",
    width: "100%",
    height: "16px", // the line height of Fluent's field message (lineHeightBase200)
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "ellipsis",
  },
});

/** Fluent's ProgressBar (indeterminate when `value` is undefined) whose fill moves without costing the page a frame per vsync. */
export function TaskProgressBar({ value, label }: { value: number | undefined; label: string }): React.JSX.Element {
  const styles = useStyles();
  const fraction = value === undefined ? undefined : Math.min(1, Math.max(0, value));
  const bar = fraction === undefined ? undefined : { className: styles.bar, style: { width: "100%", transform: `scaleX(${fraction})` } };
  return <ProgressBar value={fraction} max={1} aria-label={label} bar={bar} />;
}

/** A labelled TaskProgressBar with a one-line progress text under it, of fixed size whatever the text. */
export function ProgressField({ label, message, value, className }: { label: string; message: string; value: number | undefined; className?: string }): React.JSX.Element {
  const styles = useStyles();
  return (
    <Field className={className} label={label} validationMessage={{ children: message, className: styles.message, title: message }} validationState="none">
      <TaskProgressBar value={value} label={label} />
    </Field>
  );
}

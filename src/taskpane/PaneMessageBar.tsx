import * as React from "react";
import { MessageBar, type MessageBarProps } from "@fluentui/react-components";

/**
 * Fluent's MessageBar laid out for a narrow pane: always "multiline" (text wraps under its icon,
 * actions below). Fluent's default, "auto", draws a bar on one line, watches it with a
 * ResizeObserver and draws it again when it overflows: at the end of every run that was a second
 * style and layout pass in the frame that shows the results. In a task pane most messages wrap
 * anyway.
 */
export function PaneMessageBar(props: Omit<MessageBarProps, "layout">): React.JSX.Element {
  return <MessageBar {...props} layout="multiline" />;
}

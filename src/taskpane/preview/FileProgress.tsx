import * as React from "react";
import { Button, makeStyles, mergeClasses } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { TaskProgress } from "../../offload/protocol";
import { StringKey, t, tf } from "../i18n";
import { ProgressField } from "../TaskProgressBar";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "end" },
  field: { flexGrow: 1 },
});

export interface FileTask {
  kind: "open" | "download" | "transactions";
  /** The file being opened. */
  name?: string;
  /**
   * When the task started (performance.now()): the bar shows SHOW_PROGRESS_AFTER_MS after it,
   * not after the bar's first render, which a busy page may hold back (the task is set in a transition).
   */
  started: number;
}

/**
 * The latest progress of the task under way, outside React state: it changes every few
 * milliseconds, and only the bar should re-render then, not the page with its grid.
 */
export class ProgressFeed {
  private latest: TaskProgress | null = null;
  private readonly listeners = new Set<() => void>();

  readonly set = (progress: TaskProgress | null): void => {
    this.latest = progress;
    for (const l of this.listeners) l();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): TaskProgress | null => this.latest;
}

/** A task shorter than this shows no bar: a Cancel flashing for a sample that opens at once only startles. */
export const SHOW_PROGRESS_AFTER_MS = 300;

/** Opening or downloading under way: its phase, a bar (indeterminate until the rows are counted) and Cancel when there is something to go back to. */
export function FileProgress({ language, task, feed, onCancel, className }: { language: Language; task: FileTask; feed: ProgressFeed; onCancel?: () => void; className?: string }): React.JSX.Element | null {
  const styles = useStyles();
  const progress = React.useSyncExternalStore(feed.subscribe, feed.get);
  const [shown, setShown] = React.useState(false);
  React.useEffect(() => {
    const timer = setTimeout(() => setShown(true), Math.max(0, SHOW_PROGRESS_AFTER_MS - (performance.now() - task.started)));
    return () => clearTimeout(timer);
    // Once, when it appears: the task's start does not move.
  }, []);
  if (!shown) return null;
  const phase = progress ? t(`filePhase_${progress.phase}` as StringKey, language) : t("loading", language);
  const counted = progress?.total !== undefined && progress.done !== undefined && progress.total > 0;
  const n = (x: number) => x.toLocaleString(language === "zh" ? "zh-CN" : "en-US");
  // A file read counts bytes (or Parquet rows): shown as a share, with the transactions and customers so far.
  const label = !counted
    ? phase
    : progress.rows !== undefined
      ? tf("fileReadProgress", language, { phase, percent: Math.min(100, Math.floor((progress.done! / progress.total!) * 100)), rows: n(progress.rows), customers: n(progress.customers ?? 0) })
      : tf("progressText", language, { phase, done: n(progress.done!), total: n(progress.total!) });
  return (
    <div className={mergeClasses(styles.row, className)} data-testid="file-progress">
      <ProgressField className={styles.field} label={tf(`fileTask_${task.kind}`, language, { name: task.name ?? "" })} message={label} value={counted ? progress.done! / progress.total! : undefined} />
      {onCancel && (
        <Button size="small" onClick={onCancel}>
          {t("cancel", language)}
        </Button>
      )}
    </div>
  );
}

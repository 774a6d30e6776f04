import * as React from "react";
import { MessageBarBody, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { PaneMessageBar } from "./PaneMessageBar";
import { Language } from "../core/labels";
import { Backend, OpenedWorkbook } from "./backend";
import { HostInfo } from "./host";
import { t, tf } from "./i18n";
import { downloadFile, resultFileName } from "./preview/download";
import { FileProgress, FileTask, ProgressFeed } from "./preview/FileProgress";
import { PreviewLimitError } from "../workbook/upload-limits";
import { PreviewToolbar } from "./preview/PreviewToolbar";
import { OPTIONAL_SAMPLES, SAMPLE_NAMES, SAMPLE_WORKFLOW, SampleName, sampleAsOf, sampleFromSearch, sampleUrl } from "./preview/samples";
import { WorkbookView } from "./preview/WorkbookView";
import { usePaintedSince } from "./schedule";
import { PaneSession, SessionContext } from "./session";
import type { RangeRef } from "../workbook/types";

const useStyles = makeStyles({
  // The page is as tall as the window: the pane scrolls on its own and the grid fills the rest,
  // so only the grid's visible rows are drawn.
  layout: {
    display: "flex",
    gap: "12px",
    alignItems: "stretch",
    flexGrow: 1,
    minHeight: 0,
    "@media (max-width: 900px)": { flexDirection: "column", overflowY: "auto" },
  },
  // Contained (layout, paint): what changes in the pane is laid out and painted within it.
  pane: { width: "400px", flexShrink: 0, overflowY: "auto", paddingRight: "4px", contain: "layout paint", "@media (max-width: 900px)": { width: "auto", overflowY: "visible" } },
  book: { position: "relative", display: "flex", flexDirection: "column", gap: "8px", flexGrow: 1, minWidth: 0, minHeight: 0, "@media (max-width: 900px)": { height: "80vh", flexShrink: 0 } },
  // Over the foot of the grid, not above it: a bar that pushed the grid down made the page lay out
  // and paint the whole grid again in the frame it appeared (and again when it went).
  fileProgress: {
    position: "absolute",
    left: "12px",
    right: "12px",
    bottom: "12px",
    zIndex: 3,
    padding: "8px 12px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
});

/** Keeps ?sample= in step with the picker, so a reload opens the same sample. */
function rememberSampleInUrl(name: SampleName): void {
  // office.js (taskpane.html outside Office) replaces history.replaceState with null.
  if (typeof window.history?.replaceState !== "function") return;
  try {
    const url = new URL(window.location.href);
    url.searchParams.set("sample", name);
    window.history.replaceState(window.history.state, "", url.toString());
  } catch {
    // Some hosts forbid changing the URL; the picker still works.
  }
}

/** An error as the person reads it: a preview limit in their language, anything else as it is. */
export function errorText(e: unknown, language: Language): string {
  if (e instanceof PreviewLimitError) return e.verdict[language];
  return e instanceof Error ? e.message : String(e);
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === "AbortError";

interface Opened {
  workbook: OpenedWorkbook;
  /** File name shown and used for the download. */
  name: string;
  sample: SampleName | null;
  /** Changes with every opened workbook, so the pane starts afresh. */
  id: number;
}

export interface PreviewSessionProps {
  host: HostInfo;
  language: Language;
  backend: Backend;
  children: React.ReactNode;
}

/**
 * The browser preview: opens a sample (or the person's .xlsx) in memory, shows it as Excel
 * would, and runs the task pane against it.
 */
export function PreviewSession({ host, language, backend, children }: PreviewSessionProps): React.JSX.Element {
  const styles = useStyles();
  const [opened, setOpened] = React.useState<Opened | null>(null);
  const [busy, setBusy] = React.useState(true);
  const [error, setError] = React.useState<string | null>(null);
  const [samples, setSamples] = React.useState<SampleName[]>(SAMPLE_NAMES.filter((n) => !OPTIONAL_SAMPLES.includes(n)));
  const counter = React.useRef(0);
  // Switching the language must not reopen the workbook: the loader reads it from a ref.
  const languageNow = React.useRef(language);
  languageNow.current = language;

  // Opening and downloading run in the offload worker: the page shows their progress and can cancel them.
  const [task, setTask] = React.useState<FileTask | null>(null);
  const feed = React.useRef(new ProgressFeed()).current;
  const abort = React.useRef<AbortController | null>(null);
  const startTask = React.useCallback(
    (next: Omit<FileTask, "started">) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      feed.set(null);
      // Transitions, as the opened workbook below: the bar, the busy toolbar and the pane render in
      // slices that yield, not in the click's task (220 ms on a slowed-down page).
      const started = performance.now();
      React.startTransition(() => {
        setTask({ ...next, started });
        setBusy(true);
        setError(null);
      });
      return { signal: controller.signal, onProgress: feed.set };
    },
    [feed],
  );
  const endTask = React.useCallback((signal: AbortSignal) => {
    if (abort.current?.signal !== signal) return;
    abort.current = null;
    React.startTransition(() => {
      setTask(null);
      setBusy(false);
    });
  }, []);

  const open = React.useCallback(
    async (load: () => Promise<ArrayBuffer>, name: string, sample: SampleName | null) => {
      const control = startTask({ kind: "open", name });
      try {
        const workbook = await backend.openXlsx(await load(), control, name);
        if (control.signal.aborted) return;
        // A transition: React renders the new pane and grid in slices that yield, instead of
        // one task that froze a slowed-down page for half a second on a 100,000-row file.
        const id = ++counter.current;
        React.startTransition(() => setOpened({ workbook, name, sample, id }));
        // The preview calculates as a spreadsheet once it knows the CRM functions (functions.json);
        // without them the file's cached results stay, as Excel shows them before the add-in loads.
        void backend
          .functionsMetadata()
          .then((metadata) => workbook.useFunctions(metadata))
          .catch(() => undefined);
      } catch (e) {
        // A cancelled opening leaves the workbook that was open as it was.
        if (!isAbort(e)) setError(tf("loadFailed", languageNow.current, { message: errorText(e, languageNow.current) }));
      } finally {
        endTask(control.signal);
      }
    },
    [backend, startTask, endTask],
  );

  const openSample = React.useCallback(
    (name: SampleName) => {
      rememberSampleInUrl(name);
      return open(() => backend.fetchBytes(sampleUrl(name)), `${name}.xlsx`, name);
    },
    [backend, open],
  );

  React.useEffect(() => {
    void openSample(sampleFromSearch(window.location.search));
    for (const name of OPTIONAL_SAMPLES) void backend.exists(sampleUrl(name)).then((ok) => ok && setSamples((s) => (s.includes(name) ? s : [...s, name])));
  }, [backend, openSample]);

  // A workbook just opened gets its pane a frame after the old pane is taken down, and its grid a
  // frame after that (WorkbookView, once `ready`): taking down one pane, building the next and
  // drawing the grid were each a long commit and layout of a slowed-down page, and together the
  // longest stall of opening a file.
  const paneShown = usePaintedSince(opened?.id);

  // A workbook kept off the page is let go there once another replaces it (or the preview closes).
  React.useEffect(() => () => opened?.workbook.close?.(), [opened]);

  const download = async () => {
    if (!opened) return;
    const control = startTask({ kind: "download" });
    try {
      const file = await backend.saveXlsx(opened.workbook, control);
      if (!control.signal.aborted) downloadFile(file, resultFileName(opened.name));
    } catch (e) {
      if (!isAbort(e)) setError(tf("downloadFailed", languageNow.current, { message: errorText(e, languageNow.current) }));
    } finally {
      endTask(control.signal);
    }
  };

  // Stable, so that the workbook view (React.memo) does not re-render when only the toolbar's state changes.
  const onSelect = React.useCallback((range: RangeRef | null) => opened?.workbook.setSelection(range), [opened]);

  // One engine per opened workbook, kept when the language changes.
  const engine = React.useMemo(() => opened && backend.createEngine(opened.workbook), [opened, backend]);
  const session: PaneSession | null = React.useMemo(
    () =>
      opened &&
      engine && {
        host,
        language,
        port: opened.workbook,
        preview: opened.workbook,
        engine,
        fieldsOf: backend.fieldsOf,
        fileCustomers: backend.fileCustomers,
        defaultAsOf: opened.sample ? sampleAsOf(opened.sample) : undefined,
        startWorkflow: opened.sample ? SAMPLE_WORKFLOW[opened.sample] : undefined,
      },
    [opened, engine, host, language, backend],
  );

  return (
    <div className={styles.layout}>
      <div className={styles.pane}>
        {session && paneShown ? (
          <SessionContext.Provider value={session} key={opened?.id}>
            {children}
          </SessionContext.Provider>
        ) : (
          !session && busy && <Spinner size="small" label={t("loading", language)} />
        )}
      </div>
      <div className={styles.book}>
        <PreviewToolbar
          language={language}
          samples={samples}
          sample={opened?.sample ?? null}
          fileName={opened?.name}
          busy={busy}
          onSample={(name) => void openSample(name)}
          onFile={(file) => void open(() => file.arrayBuffer(), file.name, null)}
          onDownload={() => void download()}
        />
        {/* The first workbook of the page has nothing to go back to: its opening shows progress, no Cancel. */}
        {task && <FileProgress className={styles.fileProgress} language={language} task={task} feed={feed} onCancel={opened || task.kind === "download" ? () => abort.current?.abort() : undefined} />}
        {error && (
          <PaneMessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </PaneMessageBar>
        )}
        {opened && <WorkbookView key={opened.id} workbook={opened.workbook} language={language} onSelect={onSelect} ready={paneShown} />}
      </div>
    </div>
  );
}

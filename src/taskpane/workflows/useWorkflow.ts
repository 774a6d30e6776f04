/**
 * The state of one workflow panel: its source and mapping, the options form, and the run from
 * Validate/Run through progress, cancel, "skip bad rows", "replace edited output" to the result.
 * All reading, checking, computing and writing is the engine's; this only sequences the calls.
 */
import * as React from "react";
import type {
  ColumnMapping,
  EditedOutput,
  DayMonthOrder,
  FieldId,
  RunProgress,
  SourceChoice,
  SourceInfo,
  SourceMode,
  ValidationReport,
  WorkflowEngine,
  WorkflowId,
  WorkflowRequest,
  WorkflowResult,
  WrittenOutput,
} from "../../workflows/types";
import { Language } from "../../core/labels";
import { type FormValues, type OptionError, buildOptions, defaultForm, isoDay } from "../../workflows/options";
import { workflowById } from "../../workflows/registry";
import { tf } from "../i18n";
import { useAbortOnUnmount } from "../useAbortOnUnmount";

export type DoneResult = Extract<WorkflowResult, { status: "done" }>;

export type RunState =
  | { kind: "idle" }
  | { kind: "validating" }
  | { kind: "running"; progress: RunProgress | null }
  | { kind: "invalid"; report: ValidationReport }
  | { kind: "confirm"; edited: EditedOutput[]; skipBadRows: boolean }
  | { kind: "done"; result: DoneResult }
  | { kind: "cancelled" }
  /** "Keep them, don't run": the person's edited results stay, nothing ran. */
  | { kind: "kept" }
  /** Remove results: what was taken off the workbook. */
  | { kind: "removed"; removed: WrittenOutput[] }
  | { kind: "failed"; message: string };

export type SourceKind = "activeSheet" | "selection";

export interface WorkflowState {
  sourceKind: SourceKind;
  source: SourceInfo | null;
  sourceError: string | null;
  loadingSource: boolean;
  mapping: ColumnMapping;
  /** The source mode (the workflow's first unless it has several and the person chose another). */
  mode: SourceMode;
  form: FormValues;
  optionErrors: OptionError[];
  /** The last validation (from Validate, or a run that found problems). */
  report: ValidationReport | null;
  run: RunState;
  /** The person's answers: day/month order of year-last dates per date field (asked once per column). */
  dateOrders: Partial<Record<FieldId, DayMonthOrder>>;
}

/** How often progress may re-render the pane (a run can report thousands of times). */
const PROGRESS_INTERVAL_MS = 60;

function isAbort(e: unknown): boolean {
  return !!e && typeof e === "object" && (e as { name?: string }).name === "AbortError";
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A change to the workflow's state: the fields that change, or a function of the state that gives them. */
type Patch = Partial<WorkflowState> | ((s: WorkflowState) => Partial<WorkflowState>);

/** The state updater that applies a patch. */
function merged(patch: Patch): (s: WorkflowState) => WorkflowState {
  return (s) => ({ ...s, ...(typeof patch === "function" ? patch(s) : patch) });
}

export function useWorkflow(engine: WorkflowEngine, workflow: WorkflowId, ui: Language, defaultAsOf?: string) {
  const definition = workflowById(workflow);
  const [state, setState] = React.useState<WorkflowState>(() => ({
    sourceKind: "activeSheet",
    source: null,
    sourceError: null,
    loadingSource: false,
    mapping: {},
    mode: definition.modes[0].id,
    form: defaultForm(definition, ui, defaultAsOf ?? isoDay(new Date())),
    optionErrors: [],
    report: null,
    dateOrders: {},
    run: { kind: "idle" },
  }));
  const stateRef = React.useRef(state);
  stateRef.current = state;
  const { abort, mounted } = useAbortOnUnmount();

  // A transition: the panel (its Fluent dropdowns, a result's summary) renders in slices that
  // yield to the page, not in one task of 100-300 ms on a slowed-down page.
  const update = React.useCallback((patch: Patch) => {
    if (!mounted.current) return;
    React.startTransition(() => setState(merged(patch)));
  }, []);
  // What a person just chose or typed (a radio, a dropdown, an option's field): at once. A
  // controlled input whose new value waits for a transition shows the old one meanwhile, and a
  // click on a radio seemed not to take.
  const urgent = React.useCallback((patch: Patch) => {
    if (!mounted.current) return;
    setState(merged(patch));
  }, []);

  const readSource = React.useCallback(
    async (kind: SourceKind = stateRef.current.sourceKind) => {
      urgent({ sourceKind: kind, loadingSource: true, sourceError: null });
      try {
        const choice: SourceChoice = kind;
        const info = await engine.describeSource(choice, workflow);
        update((s) => ({
          source: info,
          mapping: info.mapping,
          mode: info.mode ?? s.mode,
          loadingSource: false,
          report: null,
          dateOrders: {},
          run: s.run.kind === "running" ? s.run : { kind: "idle" },
        }));
      } catch (e) {
        update({ source: null, loadingSource: false, sourceError: messageOf(e) });
      }
    },
    [engine, workflow, update, urgent],
  );

  const remember = React.useCallback(
    (mapping: ColumnMapping, mode: SourceMode) => {
      const source = stateRef.current.source;
      if (!source) return;
      // The engine keeps the mode only for a workflow that has several.
      engine.rememberMapping(source.range.sheet, workflow, mapping, mode).catch(() => undefined);
    },
    [engine, workflow],
  );

  const setField = React.useCallback(
    (field: FieldId, column: number | undefined) => {
      const mapping = { ...stateRef.current.mapping };
      if (column === undefined) delete mapping[field];
      else mapping[field] = column;
      urgent({ mapping, report: null });
      remember(mapping, stateRef.current.mode);
    },
    [remember, urgent],
  );

  const latestMode = React.useRef<SourceMode | undefined>(undefined);
  const setMode = React.useCallback(
    async (mode: SourceMode) => {
      latestMode.current = mode;
      urgent({ mode, report: null });
      // Source modes need other columns (RFM customers or transactions): take the mapping
      // remembered for this mode, else the engine's guess for it, rather than keeping the other's.
      try {
        const info = await engine.describeSource(stateRef.current.sourceKind, workflow, { mode });
        if (latestMode.current !== mode) return; // the person switched again meanwhile
        update({ source: info, mapping: info.mapping });
        remember(info.mapping, mode);
      } catch (e) {
        update({ sourceError: messageOf(e) });
      }
    },
    [engine, workflow, remember, update, urgent],
  );

  const setForm = React.useCallback((patch: Partial<FormValues>) => urgent((s) => ({ form: { ...s.form, ...patch } as FormValues, optionErrors: [] })), [urgent]);

  /** The request for the engine, or undefined (with the option errors shown) when the form is wrong. */
  const request = React.useCallback(
    (extra: { skipBadRows?: boolean; replaceEdited?: boolean } = {}): WorkflowRequest | undefined => {
      const s = stateRef.current;
      if (!s.source) return undefined;
      const built = buildOptions(definition, s.form, ui, s.mode);
      if (!built.ok) {
        update({ optionErrors: built.errors });
        return undefined;
      }
      const dateOrders = Object.keys(s.dateOrders).length > 0 ? { dateOrders: s.dateOrders } : {};
      return { workflow, source: s.source.range, mapping: s.mapping, options: { ...built.options, ...dateOrders, ...extra } };
    },
    [definition, workflow, ui, update],
  );

  const control = React.useCallback(() => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    let last = 0;
    const onProgress = (progress: RunProgress) => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && progress.fraction < 1) return;
      last = now;
      update((s) => (s.run.kind === "running" ? { run: { kind: "running", progress } } : {}));
    };
    return { signal: controller.signal, onProgress };
  }, [update]);

  const validate = React.useCallback(async () => {
    const req = request();
    if (!req) return;
    update({ run: { kind: "validating" }, report: null });
    try {
      const report = await engine.validate(req, control());
      update({ report, run: { kind: "idle" } });
    } catch (e) {
      update({ run: isAbort(e) ? { kind: "cancelled" } : { kind: "failed", message: messageOf(e) } });
    }
  }, [engine, request, control, update]);

  const run = React.useCallback(
    async (extra: { skipBadRows?: boolean; replaceEdited?: boolean } = {}) => {
      const req = request(extra);
      if (!req) return;
      update({ run: { kind: "running", progress: null } });
      try {
        const result = await engine.run(req, control());
        // The result lists the rows it skipped; the earlier problem report is done with.
        if (result.status === "done") update({ report: null, run: { kind: "done", result } });
        else if (result.status === "invalid") update({ report: result.report, run: { kind: "invalid", report: result.report } });
        else update({ run: { kind: "confirm", edited: result.edited, skipBadRows: !!extra.skipBadRows } });
      } catch (e) {
        update({ run: isAbort(e) ? { kind: "cancelled" } : { kind: "failed", message: tf("failed", ui, { message: messageOf(e) }) } });
      } finally {
        abort.current = null;
      }
    },
    [engine, request, control, update, ui],
  );

  const cancel = React.useCallback(() => abort.current?.abort(), []);
  const skipAndRun = React.useCallback(() => run({ skipBadRows: true }), [run]);
  const confirmReplace = React.useCallback(() => {
    const r = stateRef.current.run;
    return run({ replaceEdited: true, skipBadRows: r.kind === "confirm" ? r.skipBadRows : undefined });
  }, [run]);
  const dismiss = React.useCallback(() => update({ run: { kind: "idle" } }), [update]);
  const keepEdited = React.useCallback(() => update({ run: { kind: "kept" } }), [update]);
  const removeResults = React.useCallback(async () => {
    const req = request();
    if (!req) return;
    try {
      const removed = await engine.removeResults(req);
      update({ report: null, run: { kind: "removed", removed } });
    } catch (e) {
      update({ run: { kind: "failed", message: tf("failed", ui, { message: messageOf(e) }) } });
    }
  }, [engine, request, update, ui]);
  /** "Cancel" on the problem list: nothing runs, and the list goes away. */
  const clearProblems = React.useCallback(() => update({ run: { kind: "idle" }, report: null }), [update]);

  /** The person says how a date column is written: remembered for the source, and the data checked again. */
  const setDateOrder = React.useCallback(
    (field: FieldId, order: DayMonthOrder) => {
      urgent((s) => ({ dateOrders: { ...s.dateOrders, [field]: order } }));
      stateRef.current = { ...stateRef.current, dateOrders: { ...stateRef.current.dateOrders, [field]: order } };
      void validate();
    },
    [urgent, validate],
  );

  return { definition, state, readSource, setField, setMode, setForm, validate, run, cancel, skipAndRun, confirmReplace, dismiss, keepEdited, removeResults, clearProblems, setDateOrder };
}

export type WorkflowControls = ReturnType<typeof useWorkflow>;

/**
 * What every part of the task pane works with: the workbook (Excel or the preview's in-memory
 * one), the workflow engine on it, the UI language and the host. Tabs added to the pane (the
 * function explorer) get the same session.
 */
import * as React from "react";
import { afterNextPaint } from "./schedule";
import { Language } from "../core/labels";
import type { PreviewWorkbook, WorkbookPort } from "../workbook/types";
import type { FieldsOf, WorkflowEngine, WorkflowId } from "../workflows/types";
import type { Backend } from "./backend";
import { HostInfo } from "./host";

export interface PaneSession {
  host: HostInfo;
  language: Language;
  port: WorkbookPort;
  engine: WorkflowEngine;
  fieldsOf: FieldsOf;
  /** Reads a transactions file for its customers (the backend's, off the page's thread). */
  fileCustomers: Backend["fileCustomers"];
  /** The in-memory workbook in the preview (absent in Excel). */
  preview?: PreviewWorkbook;
  /** The date the open workbook's data are "as of" (the samples'), else undefined = today. */
  defaultAsOf?: string;
  /** The workflow the pane opens on (a sample's own: invoices → aging), else the first. */
  startWorkflow?: WorkflowId;
}

export const SessionContext = React.createContext<PaneSession | null>(null);

export function useSession(): PaneSession {
  const session = React.useContext(SessionContext);
  if (!session) throw new Error("task pane: no workbook session");
  return session;
}

/**
 * Re-renders on every change of the preview workbook (cells, sheets, active sheet), as a
 * transition: the grid and charts render in slices that yield to the page (an external store's
 * own hook, useSyncExternalStore, renders at once and in one piece). A frame later than the
 * change: a run's end shows its summary in the pane and its columns in the grid, and laid out in
 * one frame together they were the longest stall of a slowed-down page.
 */
export function useWorkbookVersion(workbook: PreviewWorkbook | undefined): number {
  const [version, setVersion] = React.useState(workbook?.version ?? 0);
  React.useEffect(() => {
    if (!workbook) return;
    let pending: (() => void) | undefined;
    const look = () => {
      pending?.();
      pending = afterNextPaint(() => React.startTransition(() => setVersion(workbook.version)));
    };
    look();
    const unsubscribe = workbook.subscribe(look);
    return () => {
      unsubscribe();
      pending?.();
    };
  }, [workbook]);
  return version;
}

/**
 * The preview's active sheet (undefined in Excel, whose sheet changes the pane is not told about).
 * Looked up after every change of the workbook, but the caller renders again only when it is
 * another sheet: a workflow's run changes the workbook a dozen times, and each render of a
 * workflow panel (its Fluent dropdowns) took 100-300 ms of a slowed-down page.
 */
export function useActiveSheet(workbook: PreviewWorkbook | undefined): string | undefined {
  const [active, setActive] = React.useState<string | undefined>(undefined);
  React.useEffect(() => {
    if (!workbook) return;
    let live = true;
    const look = () => void workbook.activeSheet().then((name) => live && setActive(name));
    look();
    const unsubscribe = workbook.subscribe(look);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [workbook]);
  return active;
}

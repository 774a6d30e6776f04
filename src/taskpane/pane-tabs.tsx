/**
 * The task pane's top-level tabs. Each section registers one entry here (the function explorer
 * of issue 6 adds its own); the pane shows a tab list when there is more than one.
 */
import * as React from "react";
import { Bilingual } from "../core/labels";
import { Explorer } from "./explorer/Explorer";
import { WorkflowsPane } from "./workflows/WorkflowsPane";

export interface PaneTab {
  id: string;
  label: Bilingual;
  render: () => React.JSX.Element;
}

export const PANE_TABS: PaneTab[] = [
  { id: "workflows", label: { zh: "分析流程", en: "Workflows" }, render: () => <WorkflowsPane /> },
  { id: "explorer", label: { zh: "函数助手", en: "Function explorer" }, render: () => <Explorer /> },
];

import * as React from "react";
import { Tab, TabList, makeStyles } from "@fluentui/react-components";
import { WORKFLOW_DEFINITIONS } from "../../workflows/registry";
import type { WorkflowId } from "../../workflows/types";
import { t } from "../i18n";
import { useSession } from "../session";
import { WorkflowPanel } from "./WorkflowPanel";

const useStyles = makeStyles({
  tabs: { flexWrap: "wrap" },
});

/**
 * The workflows of the registry as tabs. A panel is mounted when first opened and then kept (hidden), so
 * switching tabs does not lose a mapping, options or a result.
 */
export function WorkflowsPane(): React.JSX.Element {
  const styles = useStyles();
  const { language, startWorkflow } = useSession();
  const first = startWorkflow ?? WORKFLOW_DEFINITIONS[0].id;
  const [current, setCurrent] = React.useState<WorkflowId>(first);
  const [opened, setOpened] = React.useState<Set<WorkflowId>>(() => new Set([first]));
  const select = (id: WorkflowId) => {
    setCurrent(id);
    setOpened((s) => (s.has(id) ? s : new Set([...s, id])));
  };
  return (
    <div>
      <TabList className={styles.tabs} size="small" selectedValue={current} onTabSelect={(_, d) => select(d.value as WorkflowId)} aria-label={t("workflowTabs", language)}>
        {WORKFLOW_DEFINITIONS.map(({ id, title }) => (
          <Tab key={id} value={id} id={`wf-tab-${id}`}>
            {title[language]}
          </Tab>
        ))}
      </TabList>
      {WORKFLOW_DEFINITIONS.filter(({ id }) => opened.has(id)).map(({ id, title }) => (
        <div key={id} role="tabpanel" aria-labelledby={`wf-tab-${id}`} aria-label={title[language]} hidden={id !== current} data-workflow={id} style={{ paddingTop: "8px" }}>
          <WorkflowPanel workflow={id} />
        </div>
      ))}
    </div>
  );
}

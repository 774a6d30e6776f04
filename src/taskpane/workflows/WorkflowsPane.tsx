import * as React from "react";
import { Tab, TabList, makeStyles } from "@fluentui/react-components";
import type { WorkflowId } from "../../workflows/types";
import { StringKey, t } from "../i18n";
import { useSession } from "../session";
import { WorkflowPanel } from "./WorkflowPanel";

export const WORKFLOWS: readonly WorkflowId[] = ["rfm", "value", "aging", "credit"];

const useStyles = makeStyles({
  tabs: { flexWrap: "wrap" },
});

/**
 * The four workflows as tabs. A panel is mounted when first opened and then kept (hidden), so
 * switching tabs does not lose a mapping, options or a result.
 */
export function WorkflowsPane(): React.JSX.Element {
  const styles = useStyles();
  const { language } = useSession();
  const [current, setCurrent] = React.useState<WorkflowId>("rfm");
  const [opened, setOpened] = React.useState<Set<WorkflowId>>(() => new Set(["rfm"]));
  const select = (id: WorkflowId) => {
    setCurrent(id);
    setOpened((s) => (s.has(id) ? s : new Set([...s, id])));
  };
  return (
    <div>
      <TabList className={styles.tabs} size="small" selectedValue={current} onTabSelect={(_, d) => select(d.value as WorkflowId)} aria-label={t("workflowTabs", language)}>
        {WORKFLOWS.map((id) => (
          <Tab key={id} value={id} id={`wf-tab-${id}`}>
            {t(`wf_${id}` as StringKey, language)}
          </Tab>
        ))}
      </TabList>
      {WORKFLOWS.filter((id) => opened.has(id)).map((id) => (
        <div key={id} role="tabpanel" aria-labelledby={`wf-tab-${id}`} aria-label={t(`wf_${id}` as StringKey, language)} hidden={id !== current} data-workflow={id} style={{ paddingTop: "8px" }}>
          <WorkflowPanel workflow={id} />
        </div>
      ))}
    </div>
  );
}

import * as React from "react";
import { Tab, TabList, makeStyles } from "@fluentui/react-components";
import { t } from "./i18n";
import { PANE_TABS, PaneTab } from "./pane-tabs";
import { useSession } from "./session";

const useStyles = makeStyles({
  pane: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
});

/** The pane's sections (workflows, and the explorer once it is added) under one tab list. */
export function TaskPane({ tabs = PANE_TABS }: { tabs?: PaneTab[] }): React.JSX.Element {
  const styles = useStyles();
  const { language } = useSession();
  const [tab, setTab] = React.useState(tabs[0]?.id ?? "");
  // A tab is mounted when first opened and then kept (hidden), so a run's result survives a look at another tab.
  const [opened, setOpened] = React.useState<Set<string>>(() => new Set([tabs[0]?.id ?? ""]));
  const current = tabs.find((x) => x.id === tab) ?? tabs[0];
  const select = (id: string) => {
    setTab(id);
    setOpened((s) => (s.has(id) ? s : new Set([...s, id])));
  };
  return (
    <section className={styles.pane} aria-label={t("paneTabs", language)}>
      {tabs.length > 1 && (
        <TabList selectedValue={current?.id} onTabSelect={(_, d) => select(String(d.value))} aria-label={t("paneTabs", language)}>
          {tabs.map((x) => (
            <Tab key={x.id} value={x.id}>
              {x.label[language]}
            </Tab>
          ))}
        </TabList>
      )}
      {tabs
        .filter((x) => opened.has(x.id))
        .map((x) => (
          <div key={x.id} hidden={x.id !== current?.id} data-pane-tab={x.id}>
            {x.render()}
          </div>
        ))}
    </section>
  );
}

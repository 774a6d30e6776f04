import * as React from "react";
import { Tab, TabList } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import { t } from "../i18n";

/** The sheet tabs under the grid, as in Excel. */
export function SheetTabs({ sheets, active, onSelect, language }: { sheets: string[]; active: string; onSelect: (sheet: string) => void; language: Language }): React.JSX.Element {
  return (
    <TabList size="small" selectedValue={active} onTabSelect={(_, d) => onSelect(String(d.value))} aria-label={t("sheetTabs", language)} style={{ overflowX: "auto", flexWrap: "nowrap" }}>
      {sheets.map((name) => (
        <Tab key={name} value={name}>
          {name}
        </Tab>
      ))}
    </TabList>
  );
}

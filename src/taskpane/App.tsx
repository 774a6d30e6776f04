import * as React from "react";
import { Badge, Body1, FluentProvider, Title3, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { Language } from "../core/labels";
import { HostInfo } from "./host";
import { t } from "./i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px", minHeight: "100vh", boxSizing: "border-box" },
  header: { display: "flex", flexDirection: "column", gap: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: "8px" },
});

export interface AppProps {
  host: HostInfo;
  language: Language;
}

export function App({ host, language }: AppProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme} lang={language === "zh" ? "zh-CN" : "en"}>
      <main className={styles.root} aria-label={t("title", language)} data-host={host.kind}>
        <header className={styles.header}>
          <Title3 as="h1">{t("title", language)}</Title3>
          <Body1>{t("subtitle", language)}</Body1>
          <Badge appearance="tint" color={host.kind === "excel" ? "success" : "informative"} data-testid="host-badge">
            {host.kind === "excel" ? t("hostExcel", language) : t("hostPreview", language)}
          </Badge>
        </header>
      </main>
    </FluentProvider>
  );
}

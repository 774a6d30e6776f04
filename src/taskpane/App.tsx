import * as React from "react";
import { Badge, Body1, FluentProvider, Title3, makeStyles, mergeClasses, tokens, webLightTheme } from "@fluentui/react-components";
import { Language } from "../core/labels";
import { Backend, defaultBackend } from "./backend";
import { ExcelSession } from "./ExcelSession";
import { HostInfo } from "./host";
import { t } from "./i18n";
import { PreviewSession } from "./PreviewSession";
import { TaskPane } from "./TaskPane";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px", minHeight: "100vh", boxSizing: "border-box" },
  previewRoot: { height: "100vh", minHeight: "480px" },
  header: { display: "flex", flexDirection: "column", gap: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: "8px" },
  previewHeader: { flexDirection: "row", alignItems: "baseline", flexWrap: "wrap", columnGap: "12px" },
});

export interface AppProps {
  host: HostInfo;
  language: Language;
  /** The workbook and workflow implementations (tests hand in fakes). */
  backend?: Backend;
}

export function App({ host, language, backend = defaultBackend }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const inExcel = host.kind === "excel";
  return (
    <FluentProvider theme={webLightTheme} lang={language === "zh" ? "zh-CN" : "en"}>
      <main className={inExcel ? styles.root : mergeClasses(styles.root, styles.previewRoot)} aria-label={t("title", language)} data-host={host.kind}>
        <header className={inExcel ? styles.header : mergeClasses(styles.header, styles.previewHeader)}>
          <Title3 as="h1">{t("title", language)}</Title3>
          <Body1>{t("subtitle", language)}</Body1>
          <Badge appearance="tint" color={inExcel ? "success" : "informative"} data-testid="host-badge">
            {inExcel ? t("hostExcel", language) : t("hostPreview", language)}
          </Badge>
        </header>
        {inExcel ? (
          <ExcelSession host={host} language={language} backend={backend}>
            <TaskPane />
          </ExcelSession>
        ) : (
          <PreviewSession host={host} language={language} backend={backend}>
            <TaskPane />
          </PreviewSession>
        )}
      </main>
    </FluentProvider>
  );
}

import * as React from "react";
import { Badge, Body1, FluentProvider, Radio, RadioGroup, Title3, makeStyles, mergeClasses, tokens, webLightTheme } from "@fluentui/react-components";
import { Language } from "../core/labels";
import { Backend, defaultBackend } from "./backend";
import { ExcelSession } from "./ExcelSession";
import { HostInfo } from "./host";
import { LANGUAGE_NAMES, t } from "./i18n";
import { PreviewSession } from "./PreviewSession";
import { TaskPane } from "./TaskPane";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", padding: "12px", minHeight: "100vh", boxSizing: "border-box" },
  previewRoot: { height: "100vh", minHeight: "480px" },
  header: { display: "flex", flexDirection: "column", gap: "4px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: "8px" },
  previewHeader: { flexDirection: "row", alignItems: "baseline", flexWrap: "wrap", columnGap: "12px" },
  languages: { display: "flex", alignItems: "center", gap: "4px" },
});

/** The page follows the pane's language: its title, its lang attribute and ?lang= (so a reload keeps it). */
function usePageLanguage(language: Language): void {
  React.useEffect(() => {
    document.title = t("title", language);
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
    // office.js (taskpane.html outside Office) replaces history.replaceState with null.
    if (typeof window.history?.replaceState !== "function") return;
    try {
      const url = new URL(window.location.href);
      if (url.searchParams.get("lang") === language) return;
      url.searchParams.set("lang", language);
      window.history.replaceState(window.history.state, "", url.toString());
    } catch {
      // Some hosts forbid changing the URL; the switch still works.
    }
  }, [language]);
}

function LanguageSwitch({ language, onChange }: { language: Language; onChange: (l: Language) => void }): React.JSX.Element {
  const styles = useStyles();
  const label = t("languageSwitch", language);
  return (
    <div className={styles.languages}>
      <RadioGroup layout="horizontal" value={language} aria-label={label} data-testid="language-switch" onChange={(_, d) => onChange(d.value === "en" ? "en" : "zh")}>
        {(["zh", "en"] as const).map((l) => (
          <Radio key={l} value={l} label={LANGUAGE_NAMES[l]} lang={l === "zh" ? "zh-CN" : "en"} />
        ))}
      </RadioGroup>
    </div>
  );
}

export interface AppProps {
  host: HostInfo;
  /** The language the pane opens in; its switch changes it. */
  language: Language;
  /** The workbook and workflow implementations (tests hand in fakes). */
  backend?: Backend;
}

export function App({ host, language: initial, backend = defaultBackend }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const inExcel = host.kind === "excel";
  const [language, setLanguage] = React.useState<Language>(initial);
  usePageLanguage(language);
  return (
    <FluentProvider theme={webLightTheme} lang={language === "zh" ? "zh-CN" : "en"}>
      <main className={inExcel ? styles.root : mergeClasses(styles.root, styles.previewRoot)} aria-label={t("title", language)} data-host={host.kind}>
        <header className={inExcel ? styles.header : mergeClasses(styles.header, styles.previewHeader)}>
          <Title3 as="h1">{t("title", language)}</Title3>
          <Body1>{t("subtitle", language)}</Body1>
          <Badge appearance="tint" color={inExcel ? "success" : "informative"} data-testid="host-badge">
            {inExcel ? t("hostExcel", language) : t("hostPreview", language)}
          </Badge>
          <LanguageSwitch language={language} onChange={setLanguage} />
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

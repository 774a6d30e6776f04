import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { FieldSpec, Problem, ValidationReport } from "../../workflows/types";
import { t, tf } from "../i18n";
import { problemText } from "./problem-text";
import { useRevealOnMount } from "./reveal";

/** Problems listed at most; the rest are counted (a sheet can have thousands). */
const SHOWN = 200;

const useStyles = makeStyles({
  list: { maxHeight: "220px", overflowY: "auto", margin: "4px 0", paddingLeft: "20px", fontSize: tokens.fontSizeBase200 },
});

export interface ProblemListProps {
  language: Language;
  report: ValidationReport;
  fields: FieldSpec[];
  /** A run stopped on these problems (rather than the Validate button finding them). */
  stopped: boolean;
  /** Offer "skip the bad rows, compute the rest" / "dismiss". */
  offerSkip: boolean;
  onSkip: () => void;
  onCancel: () => void;
}

/** What validation found, with row numbers, and the choice to skip those rows or stop. */
export function ProblemList({ language, report, fields, stopped, offerSkip, onSkip, onCancel }: ProblemListProps): React.JSX.Element {
  const ref = useRevealOnMount<HTMLDivElement>("nearest");
  if (report.problems.length === 0) {
    return (
      <MessageBar ref={ref} intent="success">
        <MessageBarBody>{tf("noProblems", language, { rows: report.rows })}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <section ref={ref} aria-label={t("problemList", language)}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{tf("problemsFound", language, { count: report.problems.length, rows: report.badRows.length })}</MessageBarTitle>
          {stopped && t("invalidStopped", language)}
        </MessageBarBody>
        {offerSkip && (
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={onSkip}>
              {tf("skipAndRun", language, { rows: report.badRows.length })}
            </Button>
            <Button size="small" onClick={onCancel}>
              {t("dismiss", language)}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
      <ProblemItems language={language} problems={report.problems} fields={fields} label={t("problemList", language)} />
    </section>
  );
}

/** Problems as a list with row numbers (the first few hundred; the rest counted). */
export function ProblemItems({ language, problems, fields, label }: { language: Language; problems: readonly Problem[]; fields: FieldSpec[]; label: string }): React.JSX.Element {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {problems.slice(0, SHOWN).map((p, i) => (
        <li key={i} data-row={p.row}>
          {problemText(p, fields, language)}
        </li>
      ))}
      {problems.length > SHOWN && <li>{tf("problemMore", language, { count: problems.length - SHOWN })}</li>}
    </ul>
  );
}

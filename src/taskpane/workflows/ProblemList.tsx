import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { FieldSpec, ValidationReport } from "../../workflows/types";
import { t, tf } from "../i18n";
import { problemText } from "./problem-text";

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
  /** Offer "skip bad rows and run" / "cancel". */
  offerSkip: boolean;
  onSkip: () => void;
  onCancel: () => void;
}

/** What validation found, with row numbers, and the choice to skip those rows or stop. */
export function ProblemList({ language, report, fields, stopped, offerSkip, onSkip, onCancel }: ProblemListProps): React.JSX.Element {
  const styles = useStyles();
  if (report.problems.length === 0) {
    return (
      <MessageBar intent="success">
        <MessageBarBody>{tf("noProblems", language, { rows: report.rows })}</MessageBarBody>
      </MessageBar>
    );
  }
  const shown = report.problems.slice(0, SHOWN);
  return (
    <section aria-label={t("problemList", language)}>
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
              {t("cancelRun", language)}
            </Button>
          </MessageBarActions>
        )}
      </MessageBar>
      <ul className={styles.list} aria-label={t("problemList", language)}>
        {shown.map((p, i) => (
          <li key={i} data-row={p.row}>
            {problemText(p, fields, language)}
          </li>
        ))}
        {report.problems.length > SHOWN && <li>{tf("problemMore", language, { count: report.problems.length - SHOWN })}</li>}
      </ul>
    </section>
  );
}

import * as React from "react";
import { Button, makeStyles } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { RunProgress } from "../../workflows/types";
import { StringKey, t, tf } from "../i18n";
import { ProgressField } from "../TaskProgressBar";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

export interface RunSectionProps {
  language: Language;
  canRun: boolean;
  /** Something is under way (reading the source too): Validate and Run wait. */
  busy: boolean;
  /** A validation or run is under way: it can be cancelled. */
  cancellable: boolean;
  running: boolean;
  progress: RunProgress | null;
  onValidate: () => void;
  onRun: () => void;
  onCancel: () => void;
  /** Takes the workflow's own results off the workbook. */
  onRemove?: () => void;
}

/** Validate and Run, and while a run lasts its progress bar and Cancel. */
export function RunSection({ language, canRun, busy, cancellable, running, progress, onValidate, onRun, onCancel, onRemove }: RunSectionProps): React.JSX.Element {
  const styles = useStyles();
  // While busy, a button that could run stays focusable (aria-disabled): the Run just clicked keeps
  // the keyboard's place instead of dropping the focus to the page, and React does not have to
  // put it back after the commit (a forced style and layout in one long task on a slowed-down page).
  const state = { disabled: !canRun, disabledFocusable: canRun && busy };
  const label = progress ? tf("progressText", language, { phase: t(`phase_${progress.phase}` as StringKey, language), done: progress.done, total: progress.total }) : t("running", language);
  return (
    <div>
      <div className={styles.buttons}>
        <Button onClick={onValidate} {...state}>
          {t("validate", language)}
        </Button>
        <Button appearance="primary" onClick={onRun} {...state}>
          {t("run", language)}
        </Button>
        {cancellable && <Button onClick={onCancel}>{t("cancel", language)}</Button>}
        {onRemove && (
          <Button appearance="subtle" onClick={onRemove} {...state}>
            {t("removeResults", language)}
          </Button>
        )}
      </div>
      {running && (
        <ProgressField label={t("progress", language)} message={label} value={progress ? progress.fraction : undefined} />
      )}
    </div>
  );
}

import * as React from "react";
import { Body1, Button, Divider, MessageBarActions, MessageBarBody, makeStyles } from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import { columnIndex, rangeAddress } from "../../workbook/address";
import { missingFields } from "../../workflows/fields";
import type { FieldSpec, WorkflowId } from "../../workflows/types";
import { t, tf } from "../i18n";
import { useActiveSheet, useSession } from "../session";
import { ConfirmReplaceDialog } from "./ConfirmReplaceDialog";
import { MappingSection } from "./MappingSection";
import { OptionsSection } from "./OptionsSection";
import { ProblemList } from "./ProblemList";
import { ResultSummary } from "./ResultSummary";
import { prepareFigureFormats } from "./result-format";
import { whenIdle } from "../schedule";
import { RunSection } from "./RunSection";
import { useWorkflow } from "./useWorkflow";
import { SourceSection } from "./SourceSection";
import { type FileReadOptions, TransactionsFileSection } from "./TransactionsFileSection";
import { buildOptions, isoDay } from "../../workflows/options";
import { isoToSerial } from "../../core/dates";
import { workflowById } from "../../workflows/registry";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: "10px" },
});

/** One workflow: source → mapping → options → validate/run → problems, confirmation, result. */
export function WorkflowPanel({ workflow }: { workflow: WorkflowId }): React.JSX.Element {
  const styles = useStyles();
  const session = useSession();
  const { language, engine, port } = session;
  const wf = useWorkflow(engine, workflow, language, session.defaultAsOf);
  const { state } = wf;
  const { readSource } = wf;
  const activeSheet = useActiveSheet(session.preview);

  React.useEffect(() => {
    void readSource("activeSheet");
  }, [readSource]);
  // While the person chooses and before a result arrives, not in the commit that shows it.
  React.useEffect(() => whenIdle(() => prepareFigureFormats(language)), [language]);

  const fields: FieldSpec[] = React.useMemo(() => session.fieldsOf(workflow, state.mode), [session, workflow, state.mode]);
  const run = state.run;
  const cancellable = run.kind === "running" || run.kind === "validating";
  // While a transactions file is read and written, the workflow waits (its source is about to change).
  const [fileBusy, setFileBusy] = React.useState(false);
  const busy = cancellable || state.loadingSource || fileBusy;
  const missing = missingFields(fields, (id) => state.mapping[id] !== undefined);
  const canRun = !!state.source && state.source.rowCount > 0 && missing.length === 0;
  // A problem's cell, selected on the source sheet (the person fixes it there).
  const sourceSheet = state.source?.range.sheet;
  const selectCell = React.useCallback(
    (cell: { row: number; column: string }) => {
      if (sourceSheet) void port.select({ sheet: sourceSheet, row: cell.row - 1, column: columnIndex(cell.column), rows: 1, columns: 1 }).catch(() => undefined);
    },
    [port, sourceSheet],
  );

  const form = state.form;
  const fileOptions = React.useCallback((): FileReadOptions => {
    const built = buildOptions(wf.definition, form, language, "transactions");
    if (!built.ok) return { ok: false, message: built.errors.map((e) => e.message).join("; ") };
    return { ok: true, asOf: (built.options as { asOf?: number }).asOf ?? isoToSerial(isoDay(new Date()))!, labels: built.options.language };
  }, [wf.definition, form, language]);
  const onFileWritten = React.useCallback(() => readSource("activeSheet"), [readSource]);

  return (
    <div className={styles.panel}>
      <Body1>{wf.definition.hint[language]}</Body1>
      <SourceSection language={language} kind={state.sourceKind} source={state.source} error={state.sourceError} loading={state.loadingSource} disabled={busy} activeSheet={activeSheet} onRead={(k) => void wf.readSource(k)} />
      {/* The customer table it writes is RFM's one-row-per-customer source. */}
      {workflowById(workflow).transactionsFile && <TransactionsFileSection workflow={workflow} options={fileOptions} disabled={cancellable || state.loadingSource} onBusy={setFileBusy} onWritten={onFileWritten} />}
      {state.source && <MappingSection language={language} source={state.source} fields={fields} mapping={state.mapping} disabled={busy} onChange={wf.setField} />}
      <OptionsSection definition={wf.definition} language={language} form={state.form} mode={state.mode} errors={state.optionErrors} disabled={busy} onChange={wf.setForm} onMode={wf.setMode} />
      <Divider />
      <RunSection
        language={language}
        canRun={canRun}
        busy={busy}
        cancellable={cancellable}
        running={run.kind === "running"}
        progress={run.kind === "running" ? run.progress : null}
        onValidate={() => void wf.validate()}
        onRun={() => void wf.run()}
        onCancel={wf.cancel}
        onRemove={() => void wf.removeResults()}
      />
      {run.kind === "validating" && <Body1>{t("validating", language)}</Body1>}
      {/* After a run, its result (with the rows it skipped) replaces the problem list. */}
      {state.report && run.kind !== "running" && run.kind !== "done" && (
        <ProblemList
          language={language}
          report={state.report}
          fields={fields}
          stopped={run.kind === "invalid"}
          offerSkip={run.kind === "invalid" || run.kind === "idle"}
          onSkip={() => void wf.skipAndRun()}
          onCancel={wf.clearProblems}
          onSelectCell={selectCell}
          onDateOrder={wf.setDateOrder}
          titleRows={state.source?.titleRows}
          headerRow={state.source ? state.source.range.row + 1 : undefined}
        />
      )}
      {run.kind === "removed" && (
        <PaneMessageBar intent="info" data-testid="removed-results">
          <MessageBarBody>
            {run.removed.length === 0
              ? t("removedNothing", language)
              : tf("removedResults", language, { count: run.removed.length, list: run.removed.map((o) => (o.kind === "sheet" ? o.sheet : `${o.sheet}!${rangeAddress(o.range, false)}`)).join(language === "zh" ? "、" : ", ") })}
          </MessageBarBody>
        </PaneMessageBar>
      )}
      {run.kind === "kept" && (
        <PaneMessageBar intent="info" data-testid="kept-edited">
          <MessageBarBody>{t("keptEdited", language)}</MessageBarBody>
        </PaneMessageBar>
      )}
      {run.kind === "cancelled" && (
        <PaneMessageBar intent="info">
          <MessageBarBody>{t("cancelled", language)}</MessageBarBody>
        </PaneMessageBar>
      )}
      {run.kind === "failed" && (
        <PaneMessageBar intent="error">
          <MessageBarBody>{run.message}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={wf.dismiss}>
              {t("dismiss", language)}
            </Button>
          </MessageBarActions>
        </PaneMessageBar>
      )}
      {run.kind === "done" && <ResultSummary language={language} result={run.result} fields={fields} onShowSheet={(sheet) => void port.activateSheet(sheet)} onSelectCell={selectCell} />}
      <ConfirmReplaceDialog language={language} edited={run.kind === "confirm" ? run.edited : null} onReplace={() => void wf.confirmReplace()} onKeep={wf.keepEdited} />
    </div>
  );
}

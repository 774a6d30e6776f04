import * as React from "react";
import { Button, Caption1, MessageBarActions, MessageBarBody, Select, makeStyles } from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import type { Language } from "../../core/labels";
import type { DayMonthOrder } from "../../core/text-values";
import { modeOf, workflowById } from "../../workflows/registry";
import type { FieldSpec, WorkflowId } from "../../workflows/types";
import { writeCustomerSheet } from "../../workflows/rfm/customer-table";
import type { ChosenColumns, FileCustomers } from "../../workflows/rfm/file-customers";
import { FileButton } from "../FileButton";
import { FileProgress, type FileTask, ProgressFeed } from "../preview/FileProgress";
import { t, tf } from "../i18n";
import { useSession } from "../session";
import { useAbortOnUnmount } from "../useAbortOnUnmount";
import { fieldLabel } from "./MappingSection";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: "6px" },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  picker: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.3fr)", gap: "4px 8px", alignItems: "center" },
});

/** A file whose headers did not name every field: the person picks the columns and reads it again. */
interface Picking {
  file: File;
  headers: string[];
  columns: ChosenColumns;
}

/** A file whose year-last dates read both ways: the person says day or month first and it is read again. */
interface AskingOrder {
  file: File;
  columns?: ChosenColumns;
}

/** What the file is read with: the RFM form's as-of date and language of labels, or why the form is not usable. */
export type FileReadOptions = { ok: true; asOf: number; labels: Language } | { ok: false; message: string };

interface Outcome {
  intent: "success" | "error" | "warning" | "info";
  text: string;
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === "AbortError";
const number = (x: number, language: Language) => x.toLocaleString(language === "zh" ? "zh-CN" : "en-US");

/** A result of reading the file that writes nothing, in the pane's words. */
function refusal(got: Exclude<FileCustomers, { status: "done" }>, name: string, fields: readonly FieldSpec[], language: Language): string {
  if (got.status === "dayMonth") return tf("txFileDayMonth", language, { name, example: got.example });
  if (got.status === "invalid") return tf("txFileInvalid", language, { name, message: got.message });
  if (got.status === "tooManyCustomers") return tf("txFileTooMany", language, { name, customers: number(got.customers, language) });
  const names = got.missing.map((id) => fields.find((f) => f.id === id)?.label[language] ?? id);
  const sep = language === "zh" ? "、" : ", ";
  return tf("txFileUnmapped", language, { name, fields: names.join(sep), headers: got.headers.join(sep) });
}

export interface TransactionsFileSectionProps {
  /** The workflow whose declaration offers the file (its `transactionsFile`). */
  workflow: WorkflowId;
  options: () => FileReadOptions;
  disabled: boolean;
  /** Told when a file starts and stops being read and written. */
  onBusy?: (busy: boolean) => void;
  /** The customer sheet was written and activated: the workflow reads it as its source. */
  onWritten: (sheet: string) => Promise<void>;
}

/**
 * "Open a transactions file…": a CSV or Parquet file of transactions, however long (a sheet stops
 * at 1,048,576 rows), read in the offload worker and summed per customer by CRM.RFMTABLE's rule;
 * only the customers are written, to a new sheet, which RFM then reads (its headers are the
 * workflow's own field names). Progress with Cancel; a cancelled, failed or refused file leaves
 * the workbook as it was.
 */
export function TransactionsFileSection({ workflow, options, disabled, onBusy, onWritten }: TransactionsFileSectionProps): React.JSX.Element {
  const styles = useStyles();
  const { language, port, fileCustomers } = useSession();
  const feed = React.useRef(new ProgressFeed()).current;
  const { abort, mounted } = useAbortOnUnmount();
  const [task, setTask] = React.useState<FileTask | null>(null);
  const [outcome, setOutcome] = React.useState<Outcome | null>(null);
  const [picking, setPicking] = React.useState<Picking | null>(null);
  const [asking, setAsking] = React.useState<AskingOrder | null>(null);
  const definition = workflowById(workflow);
  const fields = modeOf(definition, definition.transactionsFile?.mode).fields;

  const read = async (file: File, columns?: ChosenColumns, dateOrder?: DayMonthOrder) => {
    const chosen = options();
    if (!chosen.ok) return setOutcome({ intent: "error", text: chosen.message });
    const controller = new AbortController();
    abort.current = controller;
    const { signal } = controller;
    feed.set(null);
    setTask({ kind: "transactions", name: file.name, started: performance.now() });
    setOutcome(null);
    setPicking(null);
    setAsking(null);
    onBusy?.(true);
    try {
      const got = await fileCustomers(file, { asOf: chosen.asOf, columns, dateOrder }, { signal, onProgress: feed.set });
      if (got.status !== "done") {
        if (!mounted.current) return;
        // Columns the headers do not name can be picked from the file's own, and the file read again.
        // The picker starts from the columns found or picked so far.
        if (got.status === "unmapped") setPicking({ file, headers: got.headers, columns: got.mapping });
        if (got.status === "dayMonth") setAsking({ file, columns });
        // A question, not a fault of the file: the answer is one click away.
        return setOutcome({ intent: got.status === "dayMonth" ? "warning" : "error", text: refusal(got, file.name, fields, language) });
      }
      const written = await writeCustomerSheet(port, got.table, chosen.labels, { signal, onProgress: (done, total) => feed.set({ phase: "writeSheet", done, total }) });
      await port.activateSheet(written.sheet).catch(() => undefined);
      if (!mounted.current) return;
      setOutcome({ intent: "success", text: tf("txFileDone", language, { name: file.name, rows: number(got.rows, language), customers: number(written.customers, language), sheet: written.sheet }) });
      await onWritten(written.sheet);
    } catch (e) {
      if (!mounted.current) return;
      if (isAbort(e)) setOutcome({ intent: "info", text: t("txFileCancelled", language) });
      else setOutcome({ intent: "error", text: tf("txFileFailed", language, { name: file.name, message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      if (abort.current === controller) abort.current = null;
      if (mounted.current) {
        setTask(null);
        onBusy?.(false);
      }
    }
  };

  return (
    <div className={styles.section} data-testid="transactions-file">
      <div className={styles.row}>
        <FileButton label={t("txFile", language)} inputLabel={t("txFileInput", language)} accept=".csv,.parquet,text/csv" disabled={disabled || task !== null} onFile={(file) => void read(file)} />
      </div>
      <Caption1>{t("txFileHint", language)}</Caption1>
      {task && <FileProgress language={language} task={task} feed={feed} onCancel={() => abort.current?.abort()} />}
      {outcome && (
        <PaneMessageBar intent={outcome.intent} data-testid="transactions-file-outcome">
          <MessageBarBody>{outcome.text}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setOutcome(null)}>
              {t("dismiss", language)}
            </Button>
          </MessageBarActions>
        </PaneMessageBar>
      )}
      {asking && !task && (
        <div className={styles.row} data-testid="transactions-file-date-order">
          {(["dmy", "mdy"] as const).map((order) => (
            <Button key={order} size="small" disabled={disabled} onClick={() => void read(asking.file, asking.columns, order)}>
              {t(order === "dmy" ? "dateOrderDmy" : "dateOrderMdy", language)}
            </Button>
          ))}
        </div>
      )}
      {picking && !task && (
        <div className={styles.section} data-testid="transactions-file-columns">
          <Caption1>{tf("txFilePick", language, { name: picking.file.name })}</Caption1>
          <div className={styles.picker}>
            {fields.map((f) => (
              <React.Fragment key={f.id}>
                <label htmlFor={`txfile-${f.id}`}>{fieldLabel(f, language)}</label>
                <Select
                  id={`txfile-${f.id}`}
                  size="small"
                  aria-label={f.label[language]}
                  value={picking.columns[f.id] ?? ""}
                  onChange={(_, d) => setPicking({ ...picking, columns: { ...picking.columns, [f.id]: d.value === "" ? undefined : d.value } })}
                >
                  <option value="">{t("notMapped", language)}</option>
                  {picking.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </Select>
              </React.Fragment>
            ))}
          </div>
          <div className={styles.row}>
            <Button size="small" appearance="primary" disabled={disabled} onClick={() => void read(picking.file, picking.columns)}>
              {t("txFileReadWith", language)}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

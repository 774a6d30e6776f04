import * as React from "react";
import { Button, Link, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import { Language } from "../../core/labels";
import { fieldLabel, groupProblems, problemsAsText } from "../../workflows/problem-groups";
import { leftOutMessage, titleRowsMessage } from "../../workflows/source-shape";
import type { DateOrderQuestion, DayMonthOrder, FieldId, FieldSpec, IdVariant, LeftOutRow, Problem, ValidationReport } from "../../workflows/types";
import { t, tf } from "../i18n";
import { problemText } from "./problem-text";
import { useRevealOnMount } from "./reveal";

/** Problems listed at most; the rest are counted (a sheet can have thousands). */
const SHOWN = 200;

const useStyles = makeStyles({
  list: { maxHeight: "220px", overflowY: "auto", margin: "4px 0", paddingLeft: "20px", fontSize: tokens.fontSizeBase200 },
  tools: { display: "flex", justifyContent: "flex-end", margin: "4px 0" },
  summary: { cursor: "pointer", fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
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
  onSelectCell?: SelectCell;
  onDateOrder?: (field: FieldId, order: DayMonthOrder) => void;
  titleRows?: number;
  headerRow?: number;
}

/** What validation found, with row numbers, and the choice to skip those rows or stop. */
export function ProblemList({ language, report, fields, stopped, offerSkip, onSkip, onCancel, onSelectCell, onDateOrder, titleRows, headerRow }: ProblemListProps): React.JSX.Element {
  const ref = useRevealOnMount<HTMLDivElement>("nearest");
  const notes = <SourceNotes language={language} notes={{ titleRows, headerRow, leftOut: report.leftOut, readFromText: report.readFromText, idVariants: report.idVariants }} />;
  if (report.problems.length === 0) {
    return (
      <div ref={ref}>
        {notes}
        <PaneMessageBar intent="success">
          <MessageBarBody>{tf("noProblems", language, { rows: report.rows - (report.leftOut?.length ?? 0) })}</MessageBarBody>
        </PaneMessageBar>
      </div>
    );
  }
  return (
    <section ref={ref} aria-label={t("problemList", language)}>
      {notes}
      {onDateOrder && <DateOrderQuestions language={language} questions={report.dateOrders ?? []} onAnswer={onDateOrder} />}
      <PaneMessageBar intent="warning">
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
      </PaneMessageBar>
      <ProblemItems language={language} problems={report.problems} fields={fields} label={t("problemList", language)} onSelectCell={onSelectCell} />
    </section>
  );
}

/** The cell of a problem, for the pane to select (Excel: range.select; preview: the grid). */
export type SelectCell = (cell: { row: number; column: string }) => void;

/** Problems grouped by kind and column with their counts; each cell selectable; the whole list copyable. */
export function ProblemItems({ language, problems, fields, label, onSelectCell }: { language: Language; problems: readonly Problem[]; fields: FieldSpec[]; label: string; onSelectCell?: SelectCell }): React.JSX.Element {
  const styles = useStyles();
  const groups = React.useMemo(() => groupProblems({ problems: [...problems] }, language, (p) => problemText(p, fields, language)), [problems, fields, language]);
  const [copied, setCopied] = React.useState(false);
  const copy = () => {
    void copyText(problemsAsText(groups)).then((ok) => setCopied(ok));
  };
  return (
    <div aria-label={label} role="group">
      <div className={styles.tools}>
        <Button size="small" onClick={copy}>
          {copied ? t("copiedProblems", language) : t("copyProblems", language)}
        </Button>
      </div>
      {groups.map((g) => (
        <details key={`${g.kind}|${g.field}|${g.column}`} open={groups.length <= 3} data-kind={g.kind}>
          <summary className={styles.summary}>{g.line}</summary>
          <ul className={styles.list} aria-label={g.title}>
            {g.cells.slice(0, SHOWN).map((c, i) => (
              <li key={i} data-row={c.row}>
                {onSelectCell ? (
                  <Link as="button" title={tf("selectProblemCell", language, { address: c.address })} onClick={() => onSelectCell(c)}>
                    {c.message}
                  </Link>
                ) : (
                  c.message
                )}
              </li>
            ))}
            {g.cells.length > SHOWN && <li>{tf("problemMore", language, { count: g.cells.length - SHOWN })}</li>}
          </ul>
        </details>
      ))}
    </div>
  );
}

/** The clipboard where the page may use it, else the old copy command on a hidden text area. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through: Office task panes may refuse the clipboard API
  }
  if (typeof document === "undefined") return false;
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand?.("copy") ?? false;
  area.remove();
  return ok;
}

/** Date columns the person is asked about once: day-first or month-first. */
export function DateOrderQuestions({ language, questions, onAnswer }: { language: Language; questions: readonly DateOrderQuestion[]; onAnswer: (field: FieldId, order: DayMonthOrder) => void }): React.JSX.Element | null {
  if (questions.length === 0) return null;
  return (
    <>
      {questions.map((q) => (
        <PaneMessageBar key={q.field} intent="warning" data-testid={`date-order-${q.field}`}>
          <MessageBarBody>{tf("dateOrderAsk", language, { field: fieldLabel(q.field, language), column: q.column, examples: q.examples.join(", "), rows: q.rows })}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => onAnswer(q.field, "dmy")}>
              {t("dateOrderDmy", language)}
            </Button>
            <Button size="small" onClick={() => onAnswer(q.field, "mdy")}>
              {t("dateOrderMdy", language)}
            </Button>
          </MessageBarActions>
        </PaneMessageBar>
      ))}
    </>
  );
}

const NOTES_SHOWN = 20;

/** How the sheet was read: the header row found, rows left out, values read from text, ids read as one. */
export function SourceNotes({ language, notes }: { language: Language; notes: { titleRows?: number; headerRow?: number; leftOut?: readonly LeftOutRow[]; readFromText?: Partial<Record<FieldId, number>>; idVariants?: readonly IdVariant[] } }): React.JSX.Element | null {
  const styles = useStyles();
  const leftOut = notes.leftOut ?? [];
  const read = Object.entries(notes.readFromText ?? {}).filter(([, n]) => (n ?? 0) > 0);
  const variants = notes.idVariants ?? [];
  const title = notes.titleRows && notes.headerRow ? titleRowsMessage(notes.headerRow, notes.headerRow - notes.titleRows, language) : undefined;
  if (!title && leftOut.length === 0 && read.length === 0 && variants.length === 0) return null;
  const sep = language === "zh" ? "，" : ", ";
  return (
    <section aria-label={t("sourceNotes", language)} data-testid="source-notes">
      <PaneMessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{t("sourceNotes", language)}</MessageBarTitle>
          <ul className={styles.list}>
            {title && <li>{title}</li>}
            {read.length > 0 && <li>{tf("readFromTextLine", language, { list: read.map(([id, n]) => `${fieldLabel(id as FieldId, language)} ${n}`).join(sep) })}</li>}
            {leftOut.length > 0 && (
              <li>
                {tf("leftOutCount", language, { count: leftOut.length })}
                <ul>
                  {leftOut.slice(0, NOTES_SHOWN).map((r) => (
                    <li key={r.row}>{leftOutMessage(r, language)}</li>
                  ))}
                  {leftOut.length > NOTES_SHOWN && <li>{tf("leftOutMore", language, { count: leftOut.length - NOTES_SHOWN })}</li>}
                </ul>
              </li>
            )}
            {variants.slice(0, NOTES_SHOWN).map((v) => (
              <li key={`v${v.row}`}>{tf("idVariantLine", language, { row: v.row, value: String(v.value), first: v.sameAs, firstValue: String(v.sameAsValue) })}</li>
            ))}
          </ul>
        </MessageBarBody>
      </PaneMessageBar>
    </section>
  );
}

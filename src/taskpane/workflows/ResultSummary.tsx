import * as React from "react";
import {
  Button,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import { Language } from "../../core/labels";
import { rangeAddress } from "../../workbook/address";
import { WORKFLOW_DEFINITIONS } from "../../workflows/registry";
import type { FieldSpec } from "../../workflows/types";
import { StringKey, t, tMaybe, tf } from "../i18n";
import { ProblemItems, SelectCell, SourceNotes } from "./ProblemList";
import { useRevealOnMount } from "./reveal";
import { formatValue } from "../../workbook/number-format";
import { formatFigure, summaryCell } from "./result-format";
import { DoneResult } from "./useWorkflow";

/** Rows of the summary table shown in the pane (the summary sheet has them all). */
const SHOWN_ROWS = 30;

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "6px" },
  tableWrap: { overflowX: "auto", maxHeight: "320px", overflowY: "auto" },
  // Columns as wide as their figures (Fluent's tables share the width equally and wrap names).
  table: { tableLayout: "auto" },
  // Figures never break; names break only between words ("重要价值客户" stays whole, "Important value" may wrap).
  figureCell: { whiteSpace: "nowrap" },
  nameCell: { wordBreak: "keep-all" },
  skipped: { fontSize: tokens.fontSizeBase200, "& > summary": { cursor: "pointer" } },
  figures: { display: "grid", gridTemplateColumns: "auto auto", gap: "2px 12px", margin: 0, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: "18px", fontSize: tokens.fontSizeBase200 },
  buttons: { display: "flex", flexWrap: "wrap", gap: "6px" },
});

/** What a finished run did: rows, where it wrote, the summary table and the key figures. */
export function ResultSummary({ language, result, fields, onShowSheet, onSelectCell }: { language: Language; result: DoneResult; fields: FieldSpec[]; onShowSheet: (sheet: string) => void; onSelectCell?: SelectCell }): React.JSX.Element {
  const styles = useStyles();
  const ref = useRevealOnMount<HTMLElement>("start");
  const skippedRows = new Set(result.skipped.map((p) => p.row)).size;
  // Chinese sentences follow each other without a space.
  const gap = language === "zh" ? "" : " ";
  const figures = Object.entries(result.figures);
  // A workflow may name its figures in its declaration; the pane's texts name the older ones.
  const definition = WORKFLOW_DEFINITIONS.find((d) => d.id === result.workflow);
  const figureNames = definition?.figures;
  const figureFormats = definition?.figureFormats;
  const sheets = [...new Set([result.summarySheet, ...result.outputs.filter((o) => o.kind === "sheet").map((o) => o.sheet)].filter((s): s is string => !!s))];
  return (
    <section ref={ref} className={styles.box} aria-label={t("resultTitle", language)} data-testid={`result-${result.workflow}`}>
      <PaneMessageBar intent="success">
        <MessageBarBody>
          {tf("resultDone", language, { read: result.rowsRead, written: result.rowsWritten, seconds: (result.elapsedMs / 1000).toFixed(1) })}
          {skippedRows > 0 && `${gap}${tf("resultSkipped", language, { rows: skippedRows })}`}
          {result.replaced.length > 0 && `${gap}${tf("resultReplaced", language, { count: result.replaced.length })}`}
        </MessageBarBody>
      </PaneMessageBar>
      <SourceNotes language={language} notes={{ leftOut: result.leftOut, readFromText: result.readFromText, idVariants: result.idVariants }} />
      {skippedRows > 0 && (
        <details className={styles.skipped}>
          <summary>{tf("skippedList", language, { rows: skippedRows })}</summary>
          <ProblemItems language={language} problems={result.skipped} fields={fields} label={tf("skippedList", language, { rows: skippedRows })} onSelectCell={onSelectCell} />
        </details>
      )}
      <div>
        <strong>{t("resultOutputs", language)}</strong>
        <ul className={styles.list}>
          {result.outputs.map((o, i) => (
            <li key={i}>{o.kind === "sheet" ? tf("outputSheet", language, { sheet: o.sheet }) : tf("outputColumns", language, { sheet: o.sheet, range: rangeAddress(o.range, false), headers: o.headers.join(", ") })}</li>
          ))}
        </ul>
      </div>
      {sheets.length > 0 && (
        <div className={styles.buttons}>
          {sheets.map((sheet) => (
            <Button key={sheet} size="small" onClick={() => onShowSheet(sheet)}>
              {sheet === result.summarySheet ? tf("showSummarySheet", language, { sheet }) : tf("showOutputSheet", language, { sheet })}
            </Button>
          ))}
        </div>
      )}
      {figures.length > 0 && (
        <div>
          <strong>{t("figures", language)}</strong>
          <dl className={styles.figures}>
            {figures.map(([key, value]) => (
              <React.Fragment key={key}>
                <dt>{figureNames?.[key]?.[language] ?? tMaybe(`fig_${result.workflow}_${key}`, language) ?? tMaybe(`fig_${key}`, language) ?? key}</dt>
                <dd style={{ margin: 0, textAlign: "right" }} data-figure={key}>
                  {figureFormats?.[key] && typeof value === "number" ? formatValue(value, figureFormats[key]) : formatFigure(value, language, key)}
                </dd>
              </React.Fragment>
            ))}
          </dl>
        </div>
      )}
      {result.summary.rows.length > 0 && (
        <div className={styles.tableWrap}>
          <Table size="extra-small" className={styles.table} aria-label={t("summaryTable" as StringKey, language)}>
            <TableHeader>
              <TableRow>
                {result.summary.headers.map((h, i) => (
                  <TableHeaderCell key={i} className={styles.nameCell}>
                    {h}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.summary.rows.slice(0, SHOWN_ROWS).map((row, r) => (
                <TableRow key={r}>
                  {row.map((v, c) => (
                    <TableCell key={c} className={typeof v === "number" ? styles.figureCell : styles.nameCell} style={{ textAlign: typeof v === "number" ? "right" : undefined }}>
                      {summaryCell(result.summary, r, c, language)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

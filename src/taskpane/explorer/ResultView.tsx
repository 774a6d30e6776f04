/** What a formula gives, shown as Excel would: a value, an error with its message, or a spilled table. */
import * as React from "react";
import { Field, MessageBarBody, MessageBarTitle, Table, TableBody, TableCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { PaneMessageBar } from "../PaneMessageBar";
import { Language } from "../../core/labels";
import { isErrorCell, Outcome, OutcomeCell } from "../../explorer/registry";
import { xt } from "./strings";

const useStyles = makeStyles({
  value: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontFamily: tokens.fontFamilyMonospace },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  // Columns as wide as their numbers, the whole table scrolling sideways in a narrow pane.
  table: { tableLayout: "auto", width: "auto", minWidth: "100%" },
  cell: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: "nowrap", paddingTop: "2px", paddingBottom: "2px" },
  number: { textAlign: "right" },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  header: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
});

/** Up to 10 significant digits, no grouping: 8539.073254, 0.3724489796, 400000. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** A table cell: at most 4 decimals (0.8333, 3917.8241), so a spilled table stays readable. */
export function cellText(c: OutcomeCell): string {
  if (isErrorCell(c)) return c.code;
  if (typeof c === "number") return Number.isInteger(c) ? String(c) : String(Number(c.toFixed(4)));
  if (typeof c === "boolean") return c ? "TRUE" : "FALSE";
  return c;
}

export function ResultView({ outcome, language }: { outcome: Outcome; language: Language }): React.JSX.Element {
  const styles = useStyles();
  if (outcome.kind === "error") {
    return (
      <PaneMessageBar intent="error" data-testid="explorer-error">
        <MessageBarBody>
          <MessageBarTitle>{outcome.code}</MessageBarTitle>
          {outcome.message}
        </MessageBarBody>
      </PaneMessageBar>
    );
  }
  if (outcome.kind === "value") {
    return (
      <Field label={xt("result", language)}>
        <Text className={styles.value} data-testid="explorer-result">
          {typeof outcome.value === "number" ? formatNumber(outcome.value) : cellText(outcome.value)}
        </Text>
      </Field>
    );
  }
  const columns = Math.max(0, ...outcome.rows.map((r) => r.length));
  // A first row of texts over a body with numbers is the table's header (CLVSCHEDULE, AGINGTABLE…).
  const headed = outcome.rows.length > 1 && outcome.rows[0].every((c) => typeof c === "string") && outcome.rows.slice(1).some((r) => r.some((c) => typeof c === "number"));
  return (
    <Field label={`${xt("result", language)} · ${xt("tableSize", language, { rows: outcome.rows.length, columns })}`}>
      <div className={styles.scroll}>
        <Table size="extra-small" className={styles.table} data-testid="explorer-table" aria-label={xt("result", language)}>
          <TableBody>
            {outcome.rows.map((row, r) => (
              <TableRow key={r} className={headed && r === 0 ? styles.header : undefined}>
                {row.map((c, k) => (
                  <TableCell key={k} className={`${styles.cell} ${typeof c === "number" ? styles.number : ""} ${isErrorCell(c) ? styles.error : ""}`} title={isErrorCell(c) ? c.message : undefined}>
                    {cellText(c)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Field>
  );
}

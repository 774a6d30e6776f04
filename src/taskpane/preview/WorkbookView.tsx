import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import type { ChartSpec, PreviewWorkbook, RangeRef } from "../../workbook/types";
import { t } from "../i18n";
import { parseTyped } from "../../workbook/typed-input";
import { useWorkbookVersion } from "../session";
import { usePaintedSince } from "../schedule";
import { ChartView, chartPixels } from "./ChartView";
import { SheetGrid } from "./SheetGrid";
import { SheetTabs } from "./SheetTabs";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0, minHeight: 0, flexGrow: 1, overflow: "hidden" },
  charts: { display: "flex", gap: "8px", overflowX: "auto", paddingBottom: "4px", flexGrow: 1, minHeight: 0 },
  // As tall as the tallest chart, but never more than about 40 % of the window: the grid keeps the rest.
  chartsBox: { flexShrink: 0, display: "flex", flexDirection: "column", gap: "2px", minHeight: "160px" },
  chartsTitle: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

/**
 * A person typed `text` into a cell: Excel's reading of it (typed-input.ts), a date with a date
 * format, a formula as a formula (the workbook calculates it and what depends on the cell); blanks clear the cell.
 */
async function enterText(workbook: PreviewWorkbook, sheet: string, row: number, column: number, text: string): Promise<void> {
  const typed = parseTyped(text.trim() === "" ? "" : text);
  await workbook.enterCell(sheet, row, column, typed.formula ? { formula: typed.formula } : { value: typed.value });
  if (typed.date) await workbook.formatAll([{ range: { sheet, row, column, rows: 1, columns: 1 }, format: { numberFormat: "yyyy-mm-dd" } }]);
}

/** Pixels the charts of a sheet need at full size: the tallest drawing, its legend, the title above. */
function chartsHeight(charts: readonly ChartSpec[]): number {
  return Math.max(...charts.map((c) => chartPixels(c).height)) + 70;
}

/**
 * The preview's stand-in for Excel's window: sheet tabs, the active sheet's grid and its charts.
 * Memoised: the toolbar's busy state and a task's progress change beside it, and re-rendering the
 * grid for them cost a slowed-down page a long task each time.
 */
export const WorkbookView = React.memo(function WorkbookView({
  workbook,
  language,
  onSelect,
  ready = true,
}: {
  workbook: PreviewWorkbook;
  language: Language;
  onSelect?: (range: RangeRef | null) => void;
  /** False while the page draws something else first (the pane of this workbook): the grid waits for it. */
  ready?: boolean;
}): React.JSX.Element {
  const styles = useStyles();
  const version = useWorkbookVersion(workbook);
  // A workbook just opened is drawn a frame after the pane beside it (once `ready`): laid out
  // together in one frame (the whole page is new) they were the longest stall of opening on a
  // slowed-down page.
  const drawn = usePaintedSince(workbook, ready);
  const sheets = workbook.sheetNames();
  const [active, setActive] = React.useState(sheets[0] ?? "");
  React.useEffect(() => {
    let live = true;
    void workbook.activeSheet().then((name) => live && setActive(name));
    return () => {
      live = false;
    };
  }, [workbook, version]);
  const sheet = sheets.includes(active) ? active : (sheets[0] ?? "");
  const charts = sheet ? workbook.chartsOn(sheet) : [];
  if (!drawn) return <section className={styles.view} aria-label={t("previewToolbar", language)} aria-busy />;
  return (
    <section className={styles.view} aria-label={t("previewToolbar", language)}>
      <SheetTabs sheets={sheets} active={sheet} onSelect={(name) => void workbook.activateSheet(name)} language={language} />
      {sheet && (
        <SheetGrid
          workbook={workbook}
          sheet={sheet}
          version={version}
          language={language}
          onSelect={onSelect}
          onEdit={(row, column, text) => void enterText(workbook, sheet, row, column, text).catch(() => undefined)}
        />
      )}
      {charts.length > 0 && (
        <section className={styles.chartsBox} style={{ height: `min(40vh, ${chartsHeight(charts)}px)` }} aria-label={t("charts", language)}>
          <div className={styles.chartsTitle}>{t("charts", language)}</div>
          <div className={styles.charts}>
            {charts.map((spec, i) => (
              <ChartView key={`${spec.name ?? spec.title}-${i}`} workbook={workbook} spec={spec} />
            ))}
          </div>
        </section>
      )}
    </section>
  );
});

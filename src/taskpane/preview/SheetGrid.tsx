import * as React from "react";
import { Button, Input, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { Language } from "../../core/labels";
import { cellAddress, columnLetter } from "../../workbook/address";
import type { PreviewWorkbook, RangeRef } from "../../workbook/types";
import { t, tf } from "../i18n";
import { parseRangeRef } from "./cell-ref";
import { textWidth } from "../../core/text-width";
import { columnWidths, storedColumnPx } from "./column-widths";
import { usePaintedSince } from "../schedule";
import { MergeIndex, mergedAreas } from "./merges";

export const ROW_HEIGHT = 24;
const ROW_HEADER_PX = 56;
/**
 * Rows drawn above and below the visible ones, so scrolling shows no gaps. Few: every row drawn is
 * styled, laid out and watched by Fluent's focus manager in each frame that changes the grid
 * (8 made a run's last frame 10-20 % longer on a slowed-down page).
 */
const OVERSCAN = 4;
/**
 * Rows a sheet's first drawing shows; the rest of the screen follows a frame later. Drawn at once,
 * a new sheet's every cell was styled and laid out in one frame: on a slowed-down page the longest
 * stall of opening a file.
 */
const FIRST_DRAW_ROWS = 12;
/** Cells' left and right padding. */
const CELL_PADDING_PX = 8;
/** Columns a text may run on over (a long note across a wide sheet would otherwise read the whole row). */
const MAX_SPILL_COLUMNS = 12;
/**
 * Whether a text of `units` (textWidth) may be wider than `room` pixels: measured generously (9 px
 * a Latin character, twice that for a wide one, where the 12 px font draws about 7 and 12), so a
 * cell left unclipped never runs over its neighbour.
 */
function mayOverflow(units: number, room: number): boolean {
  return units * 9 + CELL_PADDING_PX > room;
}

/** Empty rows and columns shown past the used range, as Excel's grid goes on: room to type or insert a formula. */
export const EXTRA_ROWS = 20;
export const EXTRA_COLUMNS = 5;
/** Rows whose text sets the column widths. */
const WIDTH_SAMPLE_ROWS = 60;

const useStyles = makeStyles({
  wrap: { display: "flex", flexDirection: "column", minHeight: 0, flexGrow: 1, gap: "4px" },
  bar: { display: "flex", gap: "6px", alignItems: "center", fontSize: tokens.fontSizeBase200 },
  // Like Excel's formula bar: a selected cell's whole text (a merged problem statement runs to a few lines).
  readout: { flexGrow: 1, minWidth: 0, maxHeight: "4em", overflowY: "auto", overflowWrap: "anywhere", lineHeight: "1.3", color: tokens.colorNeutralForeground2 },
  // Contained: drawing new rows lays out the grid alone, and a change in the pane leaves the grid as laid out.
  scroller: { position: "relative", overflow: "auto", flexGrow: 1, minHeight: "240px", contain: "strict", border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: "#fff", fontSize: "12px", outline: "none" },
  row: { position: "absolute", left: 0, display: "flex", height: `${ROW_HEIGHT}px` },
  header: { position: "sticky", top: 0, zIndex: 2, display: "flex", height: `${ROW_HEIGHT}px` },
  cell: {
    boxSizing: "border-box",
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    padding: "0 4px",
    borderRight: "1px solid #e1e1e1",
    borderBottom: "1px solid #e1e1e1",
    whiteSpace: "nowrap",
  },
  // Only on cells whose text may not fit (mayOverflow): every clipped cell is a clip of its own
  // for the compositor, and hundreds of them made each frame's layerizing the longest part of it.
  clipped: { overflow: "hidden", textOverflow: "ellipsis" },
  number: { textAlign: "right" },
  head: { backgroundColor: "#f3f3f3", color: "#444", textAlign: "center", fontWeight: 600 },
  rowHead: { position: "sticky", left: 0, zIndex: 1 },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-2px" },
  // A merge taller than a row reaches over the rows below, which draw nothing there.
  merged: { position: "relative", backgroundColor: "#fff" },
  // Text running on over empty cells to its right, as in Excel; clicks go to the cells beneath.
  spills: { overflow: "visible" },
  spill: { display: "block", position: "relative", overflow: "hidden", textOverflow: "ellipsis", pointerEvents: "none" },
  tallMerge: { whiteSpace: "normal", lineHeight: "16px", paddingTop: "3px", paddingBottom: "3px" },
  empty: { padding: "16px", color: tokens.colorNeutralForeground3 },
  formulaBar: { display: "flex", gap: "6px", alignItems: "center", fontSize: tokens.fontSizeBase200 },
  fx: { fontStyle: "italic", fontWeight: 600, color: tokens.colorNeutralForeground2, width: "90px", textAlign: "right", paddingRight: "4px" },
});

export interface SheetGridProps {
  workbook: PreviewWorkbook;
  sheet: string;
  /** The workbook's version: a change re-reads the cells. */
  version: number;
  language: Language;
  /** Tells the workbook which cells the person selected (the workflows' "selected range" source). */
  onSelect?: (range: RangeRef | null) => void;
  /** The person typed a new value or formula into a cell (typing, double-click or F2, or the formula bar; then Enter or Tab). */
  onEdit?: (row: number, column: number, text: string) => void;
}

type Pos = { row: number; column: number };
type Selection = { anchor: Pos; focus: Pos };

function selectionRange(sheet: string, s: Selection): RangeRef {
  const row = Math.min(s.anchor.row, s.focus.row);
  const column = Math.min(s.anchor.column, s.focus.column);
  return { sheet, row, column, rows: Math.abs(s.anchor.row - s.focus.row) + 1, columns: Math.abs(s.anchor.column - s.focus.column) + 1 };
}

function inRange(r: RangeRef, row: number, column: number): boolean {
  return row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;
}

/**
 * The active sheet as a grid. Only the rows in view (plus a few) are in the DOM, so a sheet of
 * a hundred thousand rows scrolls as smoothly as one of ten.
 */
export function SheetGrid({ workbook, sheet, version, language, onSelect, onEdit }: SheetGridProps): React.JSX.Element {
  const styles = useStyles();
  const scroller = React.useRef<HTMLDivElement>(null);
  const { rows, columns } = workbook.dimensions(sheet);
  const [scrollTop, setScrollTop] = React.useState(0);
  const [viewport, setViewport] = React.useState(600);
  const [selection, setSelection] = React.useState<Selection | null>(null);
  const merges = React.useMemo(
    () => new MergeIndex(mergedAreas(workbook, sheet)),
    // version: a run or an edit may change the sheet in place
    [workbook, sheet, version],
  );
  const select = React.useCallback(
    (next: Selection | null) => {
      setSelection(next);
      onSelect?.(next ? merges.grow(selectionRange(sheet, next)) : null);
    },
    [onSelect, sheet, merges],
  );
  // A selection takes in every merge it touches, as Excel's does.
  const range = selection ? merges.grow(selectionRange(sheet, selection)) : null;
  const [goTo, setGoTo] = React.useState("");
  const [editing, setEditing] = React.useState<{ row: number; column: number; text: string } | null>(null);
  /** What a cell holds as the person would type it again: its formula, or its value. */
  const entryText = (row: number, column: number) => {
    const formula = workbook.cellFormula(sheet, row, column);
    if (formula !== undefined) return formula;
    const view = row < rows && column < columns ? workbook.cellView(sheet, row, column) : null;
    return view?.value === null || view?.value === undefined ? "" : String(view.value);
  };
  const startEdit = (row: number, column: number, text = entryText(row, column)) => {
    if (!onEdit) return;
    setEditing({ row, column, text });
  };
  // Enter or Escape ends the edit, and the focus moving back to the grid then blurs the input:
  // that second end must neither write again nor (after Escape) write at all.
  const editingRef = React.useRef(editing);
  editingRef.current = editing;
  const finishEdit = (commit: boolean, move?: { rows: number; columns: number }) => {
    const current = editingRef.current;
    if (!current) return;
    editingRef.current = null;
    if (commit) onEdit?.(current.row, current.column, current.text);
    setEditing(null);
    scroller.current?.focus();
    if (move) moveTo({ row: current.row + move.rows, column: current.column + move.columns });
  };

  const shownColumns = columns + EXTRA_COLUMNS;
  const shownRows = rows + EXTRA_ROWS;
  const widths = React.useMemo(
    // A merge's text spreads over its columns, and a text with an empty cell to its right runs on
    // over it: neither widens its column (a sheet's title would make column A as wide as itself).
    // A width set on the column (the add-in's output, or the file's author) is shown as Excel draws it.
    () =>
      columnWidths(shownColumns, Math.min(rows, WIDTH_SAMPLE_ROWS), (r, c) => {
        if (merges.at(r, c)) return "";
        const view = workbook.cellView(sheet, r, c);
        const runsOn = typeof view.value === "string" && c + 1 < shownColumns && !merges.at(r, c + 1) && (c + 1 >= columns || workbook.cellView(sheet, r, c + 1).value === null);
        return runsOn ? "" : view.text;
      }).map((sampled, c) => {
        const stored = workbook.storedColumnWidth?.(sheet, c);
        return stored === undefined ? sampled : storedColumnPx(stored);
      }),
    // version: cells change in place, the workbook object stays the same
    [workbook, sheet, version, shownColumns, rows, merges],
  );
  const lefts = React.useMemo(() => widths.reduce<number[]>((acc, w, i) => (acc.push(i === 0 ? ROW_HEADER_PX : acc[i - 1] + widths[i - 1]), acc), []), [widths]);
  const totalWidth = ROW_HEADER_PX + widths.reduce((s, w) => s + w, 0);

  React.useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || 600);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new sheet starts at its top, with nothing selected (as Excel's selection, it belongs to the active sheet).
  const selectRef = React.useRef(select);
  selectRef.current = select;
  React.useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0, left: 0 });
    setScrollTop(0);
    selectRef.current(null);
  }, [sheet]);

  // The task pane asked for a cell (a problem's): select it and scroll it into the middle.
  const asked = workbook.selectionAsked;
  const askedSerial = asked && asked.sheet === sheet ? asked.serial : 0;
  React.useEffect(() => {
    const target = workbook.selectionAsked;
    if (!askedSerial || !target) return;
    const focus = { row: target.row + Math.max(1, target.rows) - 1, column: target.column + Math.max(1, target.columns) - 1 };
    setSelection({ anchor: { row: target.row, column: target.column }, focus });
    const el = scroller.current;
    if (!el) return;
    const top = Math.max(0, target.row * ROW_HEIGHT - el.clientHeight / 2);
    const left = Math.max(0, (lefts[Math.min(target.column, lefts.length - 1)] ?? 0) - ROW_HEADER_PX - 40);
    el.scrollTo?.({ top, left });
    el.scrollTop = top;
    el.scrollLeft = left;
    setScrollTop(top);
    // lefts: only its value when asked; a later change of widths does not move the view again.
  }, [askedSerial, workbook]);

  const wholeScreen = usePaintedSince(sheet);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const screenEnd = Math.min(shownRows, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const last = wholeScreen ? screenEnd : Math.min(screenEnd, first + FIRST_DRAW_ROWS);

  const jump = () => {
    const target = parseRangeRef(goTo);
    const el = scroller.current;
    if (!target || !el) return;
    select(target);
    // Scroll to the far corner of a range, as Excel's name box does.
    const ref = target.focus;
    const top = Math.max(0, ref.row * ROW_HEIGHT - el.clientHeight / 2);
    const left = Math.max(0, (lefts[Math.min(ref.column, lefts.length - 1)] ?? 0) - ROW_HEADER_PX - 40);
    el.scrollTo?.({ top, left });
    el.scrollTop = top;
    el.scrollLeft = left;
    setScrollTop(top);
  };

  // Keyboard: arrows move (Shift extends), Tab/Enter move right/down (Shift: back), typing starts an edit.
  const moveTo = (to: Pos, extend = false) => {
    const target = { row: Math.max(0, Math.min(shownRows - 1, to.row)), column: Math.max(0, Math.min(shownColumns - 1, to.column)) };
    select(extend && selection ? { anchor: selection.anchor, focus: target } : { anchor: target, focus: target });
    const el = scroller.current;
    // Not laid out (no height): nothing to scroll.
    if (!el || !el.clientHeight) return;
    const top = (target.row + 1) * ROW_HEIGHT;
    if (top < el.scrollTop + ROW_HEIGHT) el.scrollTop = Math.max(0, top - ROW_HEIGHT);
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
    const left = lefts[target.column] ?? 0;
    const right = left + (widths[target.column] ?? 0);
    if (left - ROW_HEADER_PX < el.scrollLeft) el.scrollLeft = Math.max(0, left - ROW_HEADER_PX);
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    setScrollTop(el.scrollTop);
  };
  const STEPS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, 1], Enter: [1, 0] };
  /** The selection as tab-separated text, one line per row, as Excel copies it. */
  const selectionText = (of = range): string => {
    if (!of) return "";
    const lines: string[] = [];
    for (let r = of.row; r < of.row + of.rows; r++) {
      const line: string[] = [];
      for (let c = of.column; c < of.column + of.columns; c++) line.push(r < rows && c < columns ? workbook.cellView(sheet, r, c).text : "");
      lines.push(line.join("\t"));
    }
    return lines.join("\n");
  };
  const onGridKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const focus = selection?.focus ?? { row: 0, column: 0 };
    if (e.key === "F2" && range) {
      e.preventDefault();
      startEdit(range.row, range.column);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "c") {
      // The copy event below fills the clipboard with the rows at hand; the async API, once every
      // row of the selection is (a workbook kept off the page fetches them), with all of them, and
      // covers hosts that send no copy event.
      const copied = range;
      void (async () => {
        if (copied) await workbook.loadRows?.(sheet, copied.row, copied.rows);
        await navigator.clipboard?.writeText?.(selectionText(copied));
      })().catch(() => undefined);
      return;
    }
    const step = STEPS[e.key];
    if (step) {
      e.preventDefault();
      if (!selection) return moveTo({ row: 0, column: 0 });
      const back = e.shiftKey && (e.key === "Tab" || e.key === "Enter") ? -1 : 1;
      moveTo({ row: focus.row + step[0] * back, column: focus.column + step[1] * back }, e.shiftKey && e.key.startsWith("Arrow"));
      return;
    }
    if ((e.key === "Delete" || e.key === "Backspace") && range && onEdit) {
      e.preventDefault();
      onEdit(range.row, range.column, "");
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && range && onEdit) {
      e.preventDefault();
      startEdit(range.row, range.column, e.key);
    }
  };

  // The formula bar: the selected cell's formula or value, editable; Enter enters it.
  const [barText, setBarText] = React.useState<string | null>(null);
  const barCell = selection ? merges.grow(selectionRange(sheet, { anchor: selection.anchor, focus: selection.anchor })) : null;
  const barValue = barText ?? (barCell ? entryText(barCell.row, barCell.column) : "");
  // Not on a new version: rows arriving from a workbook kept off the page, or a recalculation, must
  // not drop what the user is typing (barValue follows the version while nothing is typed).
  React.useEffect(() => setBarText(null), [selection?.anchor.row, selection?.anchor.column, sheet]);

  const rangeMerge = range ? merges.at(range.row, range.column) : undefined;
  const isOneMerge = !!range && !!rangeMerge && rangeMerge.row === range.row && rangeMerge.column === range.column && rangeMerge.rows === range.rows && rangeMerge.columns === range.columns;
  const single = range && ((range.rows === 1 && range.columns === 1) || isOneMerge) ? range : null;
  const selectedView = single && single.row < rows && single.column < columns ? workbook.cellView(sheet, single.row, single.column) : null;
  const readout = !range
    ? tf("gridSize", language, { rows, columns })
    : single
      ? `${cellAddress(single.row, single.column)}: ${selectedView?.text ?? ""}`
      : `${cellAddress(range.row, range.column)}:${cellAddress(range.row + range.rows - 1, range.column + range.columns - 1)}`;
  const cells: React.JSX.Element[] = [];
  const spanWidth = (column: number, count: number) => widths.slice(column, column + count).reduce((a, b) => a + b, 0);
  /** Pixels a cell's text may take: its own width, or more when it is text too long for it and the cells to its right are empty. */
  const spillRoom = (r: number, c: number, view: { value: unknown }, units: number) => {
    let room = widths[c];
    if (typeof view.value !== "string") return room;
    const needed = units * 7 + CELL_PADDING_PX;
    for (let next = c + 1; room < needed && next < Math.min(shownColumns, c + MAX_SPILL_COLUMNS); next++) {
      if (merges.at(r, next) || (next < columns && workbook.cellView(sheet, r, next).value !== null)) break;
      room += widths[next];
    }
    return room;
  };
  for (let r = merges.firstRow(first, last); r < last; r++) {
    const rowCells: React.JSX.Element[] = [];
    for (let c = 0, span = 1; c < shownColumns; c += span) {
      const merge = merges.at(r, c);
      // Columns this cell takes: a merge's, from here to its right edge.
      span = merge ? Math.min(merge.column + merge.columns, shownColumns) - c : 1;
      const width = span > 1 ? spanWidth(c, span) : widths[c];
      if (merge && (merge.row !== r || merge.column !== c)) {
        // Below a merge's top row: the merge's top-left cell shows it; here only its room is kept.
        rowCells.push(<div key={c} aria-hidden style={{ width, flexShrink: 0 }} />);
        continue;
      }
      const view = c < columns ? workbook.cellView(sheet, r, c) : { value: null, text: "" };
      const isSelected = !!range && inRange(range, r, c);
      // Measured once: how far the text may run on, and whether it needs clipping.
      const units = merge ? 0 : textWidth(view.text);
      const room = merge ? width : spillRoom(r, c, view, units);
      if (editing && editing.row === r && editing.column === c) {
        rowCells.push(
          <input
            key={c}
            autoFocus
            aria-label={tf("editCell", language, { ref: cellAddress(r, c) })}
            className={styles.cell}
            style={{ width, font: "inherit" }}
            value={editing.text}
            onChange={(e) => setEditing({ ...editing, text: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter") finishEdit(true, { rows: e.shiftKey ? -1 : 1, columns: 0 });
              if (e.key === "Tab") {
                e.preventDefault();
                finishEdit(true, { rows: 0, columns: e.shiftKey ? -1 : 1 });
              }
              if (e.key === "Escape") finishEdit(false);
            }}
            onBlur={() => finishEdit(true)}
          />,
        );
        continue;
      }
      rowCells.push(
        <div
          key={c}
          role="gridcell"
          aria-colindex={c + 2}
          aria-selected={isSelected}
          aria-colspan={merge ? merge.columns : undefined}
          aria-rowspan={merge ? merge.rows : undefined}
          data-ref={cellAddress(r, c)}
          title={view.text.length > 12 ? view.text : undefined}
          className={mergeClasses(
            styles.cell,
            typeof view.value === "number" && styles.number,
            merge && styles.merged,
            (merge || mayOverflow(units, room)) && styles.clipped,
            merge && merge.rows > 1 && styles.tallMerge,
            room > width && styles.spills,
            isSelected && styles.selected,
          )}
          style={{
            width,
            height: merge ? merge.rows * ROW_HEIGHT : undefined,
            backgroundColor: "fill" in view ? view.fill : undefined,
            fontWeight: "bold" in view && view.bold ? 600 : undefined,
          }}
          onDoubleClick={() => startEdit(r, c)}
          onClick={(e) => select(e.shiftKey && selection ? { anchor: selection.anchor, focus: { row: r, column: c } } : { anchor: { row: r, column: c }, focus: { row: r, column: c } })}
        >
          {room > width ? (
            <span className={styles.spill} style={{ width: room - CELL_PADDING_PX }}>
              {view.text}
            </span>
          ) : (
            view.text
          )}
        </div>,
      );
    }
    cells.push(
      <div key={r} role="row" aria-rowindex={r + 2} aria-busy={workbook.rowPending?.(sheet, r) || undefined} className={styles.row} style={{ top: (r + 1) * ROW_HEIGHT, width: totalWidth }}>
        <div role="rowheader" className={mergeClasses(styles.cell, styles.head, styles.rowHead)} style={{ width: ROW_HEADER_PX }}>
          {r + 1}
        </div>
        {rowCells}
      </div>,
    );
  }

  return (
    <div className={styles.wrap}>
      <div className={styles.bar}>
        <Input
          size="small"
          aria-label={t("goTo", language)}
          placeholder="A1"
          value={goTo}
          style={{ width: "90px" }}
          onChange={(_, d) => setGoTo(d.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") jump();
          }}
        />
        <Button size="small" onClick={jump}>
          {t("goToButton", language)}
        </Button>
        <span className={styles.readout} data-testid="cell-readout">
          {readout}
        </span>
      </div>
      <div className={styles.formulaBar}>
        <span className={styles.fx} aria-hidden>
          {barCell ? cellAddress(barCell.row, barCell.column) : ""} fx
        </span>
        <Input
          size="small"
          style={{ flexGrow: 1 }}
          aria-label={t("formulaBar", language)}
          data-testid="formula-bar"
          disabled={!barCell || !onEdit}
          value={barValue}
          onChange={(_, d) => setBarText(d.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && barCell && barText !== null) {
              onEdit?.(barCell.row, barCell.column, barText);
              setBarText(null);
              scroller.current?.focus();
            }
            if (e.key === "Escape") {
              setBarText(null);
              scroller.current?.focus();
            }
          }}
        />
      </div>
      <div
        ref={scroller}
        className={styles.scroller}
        role="grid"
        aria-label={tf("sheetGrid", language, { sheet })}
        aria-rowcount={shownRows + 1}
        aria-colcount={shownColumns + 1}
        data-sheet={sheet}
        // Fluent's focus manager (Tabster) would move the focus on Tab and Enter; in the grid they move the selection.
        data-tabster='{"focusable":{"ignoreKeydown":{"Tab":true,"Enter":true}}}'
        tabIndex={0}
        onKeyDown={onGridKey}
        onCopy={(e) => {
          if (!range || e.target !== e.currentTarget) return;
          e.clipboardData.setData("text/plain", selectionText());
          e.preventDefault();
        }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {rows === 0 ? (
          <div className={styles.empty}>{t("emptySheet", language)}</div>
        ) : (
          <div style={{ position: "relative", height: (shownRows + 1) * ROW_HEIGHT, width: totalWidth }}>
            <div role="row" aria-rowindex={1} className={styles.header} style={{ width: totalWidth }}>
              <div className={mergeClasses(styles.cell, styles.head, styles.rowHead)} style={{ width: ROW_HEADER_PX }} />
              {widths.map((w, c) => (
                <div key={c} role="columnheader" className={mergeClasses(styles.cell, styles.head)} style={{ width: w }}>
                  {columnLetter(c)}
                </div>
              ))}
            </div>
            {cells}
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * The workbook port: the one small interface through which the add-in reads and writes sheets.
 * Two implementations: ExcelWorkbook (Office.js, inside Excel) and MemoryWorkbook (an .xlsx held
 * in memory with ExcelJS, for the browser preview and tests). Workflows and the task pane only
 * ever talk to this interface, so both behave the same.
 *
 * Coordinates are 0-based (row 0 / column 0 is cell A1), as in Office.js getCell(row, column).
 * Row numbers shown to a person (validation problems) are 1-based and computed by the caller.
 */

/** A plain cell value. Blank cells read as null; dates are Excel serial numbers; error cells
 * read as their code text ("#N/A"), as Office.js reports them. */
export type CellValue = number | string | boolean | null;

/** Rows of cells, all rows of the same length. */
export type Block = CellValue[][];

/** A rectangle on one sheet. */
export interface RangeRef {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface SheetInfo {
  name: string;
  /**
   * The sheet's identity in this workbook, never given to another sheet: Excel's worksheet.id
   * (kept through a rename); in the memory workbook a token it gives each sheet it opens or adds
   * (for the time the workbook is open). How the add-in knows a sheet it added from a person's
   * sheet that happens to carry the same name.
   */
  id: string;
  /** Position among the visible sheets (tab order). */
  index: number;
  /** The smallest rectangle holding every non-blank cell, or null when the sheet is empty. */
  used: RangeRef | null;
}

/** A sheet the add-in added: the name it got and its id (SheetInfo.id). */
export interface AddedSheet {
  name: string;
  id: string;
}

export interface Progress {
  /** Rows done so far and the total, for a progress bar. */
  done: number;
  total: number;
}

export interface IoOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /**
   * Called with the widths the range's columns have before this call (characters, null: default),
   * so that a writer can put them back later. Excel loads them in the request of the first block it
   * reads or writes: no extra request.
   */
  onColumnWidths?: (widths: (number | null)[]) => void;
}

/** Formats applied to a rectangle; every field is optional. */
export interface CellFormat {
  /** Excel number format, e.g. "0", "0.00", "#,##0.00", "0.0%", "yyyy-mm-dd", "@". */
  numberFormat?: string;
  bold?: boolean;
  /** Background colour "#RRGGBB" for the whole rectangle. */
  fill?: string;
  /** Column width in characters (roughly), for every column of the rectangle; null: back to the sheet's default width. */
  columnWidth?: number | null;
}

/**
 * Colours cells of a one-column range by their text: a cell whose value equals `value` gets
 * `fill`. Excel implements it as conditional formats (a few rules, whatever the row count);
 * the memory workbook as static fills.
 */
export interface ValueFill {
  value: string;
  fill: string;
}

/**
 * One step of a batch of formats (WorkbookPort.formatAll): cell formats and/or value fills for a
 * rectangle. Steps apply in order, as one step per call would.
 */
export interface FormatStep {
  range: RangeRef;
  format?: CellFormat;
  fills?: readonly ValueFill[];
}

/** "pareto": columns of values plus the last source column (cumulative share) as a line on a secondary axis. */
export type ChartKind = "column" | "stackedColumn" | "pie" | "line" | "pareto";

/**
 * A chart over a source range whose first row holds the series names and whose first column
 * holds the categories. ExcelJS cannot write charts, so the memory workbook keeps this spec
 * (saved in its hidden data sheet, so it survives download and re-opening) for the preview to draw.
 */
export interface ChartSpec {
  /** Sheet the chart sits on. */
  sheet: string;
  kind: ChartKind;
  title: string;
  source: RangeRef;
  /** Top-left cell the chart is placed at. */
  anchor: { row: number; column: number };
  /** Size in points; defaults 480 × 288. */
  width?: number;
  height?: number;
  /** A name unique on its sheet, so a rerun can find it. */
  name?: string;
}

/** JSON data kept with the workbook (the add-in's settings per sheet). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * A region the add-in wrote and owns: columns beside the person's data or a whole sheet.
 * `fingerprint` is a hash of the values written, so a rerun can tell when the person edited them.
 */
export interface OutputMark {
  [key: string]: Json | undefined;
  /** Who wrote it, e.g. "rfm". */
  owner: string;
  /** Which source table it was computed from ("row,column" of its header's first cell), when the owner has several. */
  source?: string;
  kind: "columns" | "sheet";
  sheet: string;
  /** For "columns": header row, first column and size of the written block (header included). */
  row: number;
  column: number;
  rows: number;
  columns: number;
  /** For "columns": the header texts written, to find the block again if columns moved. */
  headers: string[];
  /**
   * For "sheet": the id of the sheet the add-in added (SheetInfo.id). Marks written before ids
   * were kept have none (see output.ts for how those are read).
   */
  sheetId?: string;
  fingerprint: string;
  /** ISO time of writing. */
  writtenAt: string;
}

export interface WorkbookPort {
  readonly kind: "excel" | "memory";

  /** Visible sheets in tab order (the add-in's hidden data sheet is never listed). */
  listSheets(): Promise<SheetInfo[]>;
  activeSheet(): Promise<string>;
  activateSheet(name: string): Promise<void>;
  /** The selected rectangle as it is (a single cell, whole columns…), or null when no cells are selected. */
  selection(): Promise<RangeRef | null>;
  /** The smallest rectangle holding every non-blank cell of a sheet (null when empty). */
  usedRange(sheet: string): Promise<RangeRef | null>;

  /**
   * The formulas of a rectangle ("=SUM(C2:C201)"), null for every cell that holds no formula;
   * in row blocks like read. Workflows use it to tell a row of SUM/SUBTOTAL formulas (a total
   * row) from a customer.
   */
  readFormulas(range: RangeRef, options?: IoOptions): Promise<(string | null)[][]>;
  /** Selects a rectangle and shows its sheet (a problem's cell, for the person to look at). */
  select(range: RangeRef): Promise<void>;
  /** Reads a rectangle in row blocks (progress after each block, abort between blocks; in memory, blocks of time that yield to the event loop). */
  read(range: RangeRef, options?: IoOptions): Promise<Block>;
  /**
   * Writes a block at (row, column) in row blocks. Strings are always stored as text: a string
   * such as "=1+1", "+86 10", "-5", "@x" or "00123" never becomes a formula or a number.
   */
  write(sheet: string, row: number, column: number, values: Block, options?: IoOptions): Promise<void>;
  /**
   * Widths of `count` columns from `column`, in characters as CellFormat.columnWidth takes them
   * (null: the sheet's default width), so that removing an output can put them back.
   */
  columnWidths(sheet: string, column: number, count: number): Promise<(number | null)[]>;
  /** Clears values and formats (including value fills) of a rectangle; column widths stay. */
  clear(range: RangeRef): Promise<void>;

  /** Adds a sheet named uniquely from `base` (Excel's rules: ≤ 31 chars, no []:*?/\) and returns the name it got and its id. */
  addSheet(base: string): Promise<AddedSheet>;
  deleteSheet(name: string): Promise<void>;

  /**
   * Many formats and value fills at once: in Excel as few requests as the payload budget allows;
   * in memory in slices (progress in rows formatted, a yield to the event loop and a look at the
   * signal between slices), so formatting 100,000 rows does not freeze the page.
   */
  formatAll(steps: readonly FormatStep[], options?: IoOptions): Promise<void>;

  /** Charts (in Excel, the charts travel with the request that reads the add-in's data). */
  addCharts(specs: readonly ChartSpec[]): Promise<void>;
  /** Charts on a sheet (memory: the kept specs; Excel: specs rebuilt from what can be read). */
  listCharts(sheet: string): Promise<ChartSpec[]>;

  /**
   * The add-in's settings for a sheet ({} when none), kept inside the workbook. Excel keys them
   * by the worksheet's id, so they stay with a sheet the person renames; the memory workbook
   * (which has no such id) by name, following its renameSheet (what the person does on a tab).
   */
  getSheetSettings(sheet: string): Promise<JsonObject>;
  setSheetSettings(sheet: string, settings: JsonObject): Promise<void>;

  /**
   * Puts a formula (text starting with "=", e.g. "=CRM.CLV(8%, 10, 1000)") into the top-left cell
   * of the selection; throws when no cell is selected. The only way the add-in writes a formula:
   * write() stores every string as text. `cachedResult`, when the caller already computed the
   * value, is kept as the cell's result by the memory workbook (which cannot calculate CRM
   * functions); Excel calculates the formula itself.
   */
  insertFormula(formula: string, cachedResult?: CellValue): Promise<void>;

  /** Suspends recalculation while the add-in writes (Excel); a no-op in memory. Always pair with resume. */
  suspendCalculation(): Promise<void>;
  resumeCalculation(): Promise<void>;
}

/** Thrown (as DOMException-like AbortError) when an AbortSignal fires between blocks. */
export class AbortedError extends Error {
  constructor(message = "cancelled") {
    super(message);
    this.name = "AbortError";
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}

/** What the preview grid shows for one cell. */
export interface CellView {
  value: CellValue;
  /** Value formatted with its number format, as the grid should display it (a formula with no result yet: its text). */
  text: string;
  fill?: string;
  bold?: boolean;
  numberFormat?: string;
}

/**
 * The in-memory workbook as the preview uses it (implemented by MemoryWorkbook in
 * src/workbook/memory-workbook.ts): the port plus synchronous access for a virtualised grid,
 * loading a .xlsx and saving one for download.
 *   const wb = await MemoryWorkbook.fromXlsx(arrayBuffer);  // or MemoryWorkbook.empty()
 *   const bytes = await wb.toXlsx();                          // Uint8Array for download
 */
export interface PreviewWorkbook extends WorkbookPort {
  readonly kind: "memory";
  /** Increases on every change, so the grid knows when to re-render. */
  readonly version: number;
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Visible sheet names in tab order (synchronous). */
  sheetNames(): string[];
  /** Rows × columns of the used area from A1 (0 × 0 when empty). */
  dimensions(sheet: string): { rows: number; columns: number };
  cellView(sheet: string, row: number, column: number): CellView;
  /**
   * Once rows [row, row + rows) of a sheet are ready for cellView: a workbook kept off the page
   * (the preview's, src/offload/remote-workbook.ts) fetches them; absent: they always are.
   */
  loadRows?(sheet: string, row: number, rows: number): Promise<void>;
  /**
   * Whether a row's cells are still on their way (or drawn as they were before the last change):
   * the grid marks such rows busy, so a reader (a screen reader, a test) knows the text may change.
   * Absent: rows are always ready.
   */
  rowPending?(sheet: string, row: number): boolean;
  /** The width set on a column, in characters (what the add-in or the file's author set), or undefined for the default. */
  storedColumnWidth?(sheet: string, column: number): number | undefined;
  /**
   * The merged areas of a sheet (each with more than one cell), top to bottom, left to right,
   * so the grid draws a merge as one cell; [] for a sheet without merges or that does not exist.
   */
  mergedAreas(sheet: string): RangeRef[];
  /** Charts kept for a sheet (ExcelJS cannot write real charts; see memory-workbook.ts). */
  chartsOn(sheet: string): ChartSpec[];
  /** The last rectangle select() was asked for (its serial grows with every call), for the grid to show and outline. */
  readonly selectionAsked: (RangeRef & { serial: number }) | null;
  toXlsx(): Promise<Uint8Array>;
  /** The formula of a cell as a formula bar shows it ("=SUM(B2:B9)", "{=…}" in an array formula), or undefined. */
  cellFormula(sheet: string, row: number, column: number): string | undefined;
  /** What the person entered into a cell: a formula ("=…") or a value; what depends on it recomputes. */
  enterCell(sheet: string, row: number, column: number, input: { formula: string } | { value: CellValue }): Promise<void>;
  /** Starts calculating with the CRM functions of the metadata (functions.json): every formula, then after each edit. */
  useFunctions(metadata: FunctionsMetadata): Promise<void>;
}

/** The custom functions' metadata as functions.json holds it (ids and parameters), for the preview's engine. */
export interface FunctionsMetadata {
  functions: { id: string; name: string; parameters: { name: string; dimensionality?: string; optional?: boolean; type?: string }[] }[];
}

/**
 * The subset of the Office.js Excel API that ExcelWorkbook uses, as structural types. The real
 * Excel objects satisfy them, and so does the counting fake (test/support/fake-excel.ts) the tests and the
 * bench run against, which keeps the fake honest: it cannot offer what Excel lacks.
 */

export interface ClientObject {
  load(properties?: string | string[]): unknown;
}

export interface RangeLike extends ClientObject {
  values: unknown[][];
  /** Only insertFormula sets formulas; every other write goes through values. */
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly address: string;
  readonly isNullObject: boolean;
  readonly worksheet: WorksheetLike;
  readonly format: ClientObject & {
    fill: { color: string; clear(): void };
    font: { bold: boolean };
    columnWidth: number;
  };
  readonly conditionalFormats: {
    add(type: "CellValue"): {
      cellValue: {
        format: { fill: { color: string } };
        rule: { formula1: string; formula2?: string; operator: string };
      };
    };
    clearAll(): void;
  };
  clear(applyTo?: "All" | "Formats" | "Contents"): void;
  getCell(row: number, column: number): RangeLike;
  select(): void;
}

export interface ChartLike {
  name: string;
  width: number;
  height: number;
  title: { text: string };
  setPosition(startCell: RangeLike | string, endCell?: RangeLike | string): void;
  readonly series: {
    getItemAt(index: number): { chartType: string; axisGroup: string };
    readonly count?: number;
  };
}

export interface WorksheetLike extends ClientObject {
  /** Stable while the sheet is renamed or moved. */
  readonly id: string;
  name: string;
  position: number;
  visibility: string;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeLike;
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeLike;
  activate(): void;
  delete(): void;
  readonly charts: {
    add(type: string, sourceData: RangeLike, seriesBy?: string): ChartLike;
  };
}

export interface WorksheetCollectionLike extends ClientObject {
  readonly items: WorksheetLike[];
  getItem(name: string): WorksheetLike;
  getItemOrNullObject(name: string): WorksheetLike & { readonly isNullObject: boolean };
  getActiveWorksheet(): WorksheetLike;
  add(name?: string): WorksheetLike;
}

export interface RequestContextLike {
  readonly workbook: {
    readonly worksheets: WorksheetCollectionLike;
    getSelectedRange(): RangeLike;
  };
  readonly application: {
    suspendApiCalculationUntilNextSync(): void;
  };
  sync(): Promise<void>;
}

/** Excel.run, narrowed to the one form we use. */
export type ExcelRun = <T>(batch: (context: RequestContextLike) => Promise<T>) => Promise<T>;

/** Error codes Excel reports for requests that are too large. */
export const PAYLOAD_ERROR_CODES = ["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"];

export function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && PAYLOAD_ERROR_CODES.includes(code);
}

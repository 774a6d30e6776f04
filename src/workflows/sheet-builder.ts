/**
 * Lays out a result sheet (title, parameter lines, tables, charts) as one block written from
 * A1, with the formats and charts placed relative to it.
 */
import type { Block, CellFormat, CellValue, ChartKind, ValueFill } from "../workbook/types";

export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface SheetPlan {
  /** Which output of the workflow it is ("summary", "customers", "report"). */
  key: string;
  baseName: string;
  block: Block;
  formats: { area: Area; format: CellFormat }[];
  fills: { area: Area; fills: ValueFill[] }[];
  charts: { kind: ChartKind; title: string; name: string; source: Area; anchor: { row: number; column: number }; width?: number; height?: number }[];
  /** Rows of free text (titles, parameter lines, notes) rather than tables: their last text may spill right (column-widths.ts). */
  freeLines?: number[];
}

/** How counts and dates are written on result sheets (numbers and date serials, never text). */
export const COUNT_FORMAT = "#,##0";
export const DATE_FORMAT = "yyyy-mm-dd";

export interface TableOptions {
  /** Number format per column (undefined or null: General). */
  formats?: (string | null | undefined)[];
  /** A last row in bold (a total row). */
  totalRow?: CellValue[];
}

export class SheetBuilder {
  private readonly rows: CellValue[][] = [];
  readonly formats: SheetPlan["formats"] = [];
  readonly fills: SheetPlan["fills"] = [];
  readonly charts: SheetPlan["charts"] = [];
  private readonly freeLines: number[] = [];
  private width = 1;

  constructor(
    private readonly key: string,
    private readonly baseName: string,
  ) {}

  get nextRow(): number {
    return this.rows.length;
  }

  line(...cells: CellValue[]): number {
    this.freeLines.push(this.rows.length);
    return this.tableRow(cells);
  }

  private tableRow(cells: CellValue[]): number {
    this.rows.push(cells);
    this.width = Math.max(this.width, cells.length);
    return this.rows.length - 1;
  }

  /** A label and a count, written as a number with COUNT_FORMAT. */
  count(label: string, n: number): number {
    return this.formatted(label, n, COUNT_FORMAT);
  }

  /** A label and a date (Excel serial), written as a date with DATE_FORMAT. */
  date(label: string, serial: number): number {
    return this.formatted(label, serial, DATE_FORMAT);
  }

  /** A label and a number written with its number format (the value itself is kept whole). */
  formatted(label: string, value: number, numberFormat: string): number {
    const row = this.line(label, value);
    this.formats.push({ area: { row, column: 1, rows: 1, columns: 1 }, format: { numberFormat } });
    return row;
  }

  title(text: string): void {
    const row = this.line(text);
    this.formats.push({ area: { row, column: 0, rows: 1, columns: 1 }, format: { bold: true } });
  }

  blank(): void {
    this.line();
  }

  /** A header row, body rows and an optional total row; returns the area of header + body (no total). */
  table(headers: string[], body: CellValue[][], options: TableOptions = {}): Area {
    const top = this.tableRow(headers);
    this.formats.push({ area: { row: top, column: 0, rows: 1, columns: headers.length }, format: { bold: true, fill: "#D9E1F2" } });
    for (const r of body) this.tableRow(r);
    let rows = body.length;
    if (options.totalRow) {
      const t = this.tableRow(options.totalRow);
      this.formats.push({ area: { row: t, column: 0, rows: 1, columns: headers.length }, format: { bold: true } });
      rows++;
    }
    options.formats?.forEach((f, c) => {
      if (f && rows > 0) this.formats.push({ area: { row: top + 1, column: c, rows, columns: 1 }, format: { numberFormat: f } });
    });
    return { row: top, column: 0, rows: body.length + 1, columns: headers.length };
  }

  build(): SheetPlan {
    const block: Block = this.rows.map((r) => {
      const full = r.slice();
      while (full.length < this.width) full.push(null);
      return full;
    });
    return { key: this.key, baseName: this.baseName, block, formats: this.formats, fills: this.fills, charts: this.charts, freeLines: this.freeLines };
  }
}

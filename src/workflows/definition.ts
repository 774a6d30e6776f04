/**
 * What a workflow is, declared once (src/workflows/<id>/index.ts) and listed in the registry
 * (registry.ts). The engine, the task pane and the command line read these declarations and never
 * name a workflow: like HyperFormula's plugins declaring `implementedFunctions`, where the
 * interpreter never names a function. Pure TypeScript: no React, no Office.
 */
import type { Bilingual } from "../core/labels";
import type { CellFormat } from "../workbook/types";
import { CUSTOMER } from "./field-spec";
import type { OptionsDeclaration } from "./options";
import type { Plan, PlanInput } from "./plan";
import type { RangeRef } from "../workbook/types";
import type { ColumnMapping, CommonOptions, FieldSpec, MappingGuess, Problem, SourceMode } from "./types";
import type { ParsedTable } from "./validate";

/** How the columns written beside the data look: their header row (widths are column-widths.ts', for every output). */
export interface ColumnsStyle {
  header: CellFormat;
}

/** The look every workflow has had: bold light-blue headers. */
export const DEFAULT_COLUMNS_STYLE: ColumnsStyle = {
  header: { bold: true, fill: "#D9E1F2" },
};

/** What row checks beyond the per-cell validation see. */
export interface RowCheckInput<O> {
  table: ParsedTable;
  options: O;
  mapping: ColumnMapping;
  source: RangeRef;
  /** Sheet row number of the first data row. */
  firstRow: number;
  /** The column letter of a mapped field, as the person sees it. */
  columnOf(field: string): string | undefined;
}

/** A source layout (RFM: rows are customers, or rows are transactions) with its own fields. */
export interface SourceModeDeclaration {
  id: SourceMode;
  label: Bilingual;
  fields: readonly FieldSpec[];
  /** Duplicate customer ids are problems (one row per customer). */
  oneRowPerCustomer: boolean;
}

/** The layout most workflows read: one row per customer, its id first, then the workflow's own fields. */
export function oneRowPerCustomer(fields: readonly FieldSpec[]): SourceModeDeclaration {
  return { id: "customers", label: { zh: "每行一位客户", en: "One row per customer" }, oneRowPerCustomer: true, fields: [CUSTOMER, ...fields] };
}

export interface WorkflowDefinition<O extends CommonOptions = CommonOptions> {
  id: string;
  /** Its tab and the line that explains it. */
  title: Bilingual;
  hint: Bilingual;
  /** The source layouts; the first is the default. One entry for a workflow with one layout. */
  modes: readonly SourceModeDeclaration[];
  /** The label of the choice between modes (shown when there are several). */
  modeLabel?: Bilingual;
  /** Which mode headers suggest, from the guess for each mode (default: the first without missing fields, else the fewest missing). */
  chooseMode?(guesses: readonly MappingGuess[]): MappingGuess;
  /** The mapped fields that take part (default: all mapped ones), e.g. recency wins over a last-purchase date. */
  activeFields?(fields: readonly FieldSpec[], mapping: ColumnMapping): FieldSpec[];
  /** Validation inputs: the as-of date is checked against dates of purchases; the rating scale. */
  validation?: { asOf?: boolean; scaleMax?(options: O): number | undefined };
  /** Problems of rows whose cells are each valid but not together; they mark those rows bad in `table.ok`. */
  rowChecks?(input: RowCheckInput<O>): Problem[];
  /** What it writes, computed from the parsed rows (pure). */
  plan(input: PlanInput<O>): Plan;
  /** Prefixes of its output headers ("RFM·"), both languages: such columns are never read as input. */
  headerPrefixes: readonly string[];
  columnsStyle: ColumnsStyle;
  /** Its options: defaults, the pane's form controls, and how typed text becomes the options. */
  options: OptionsDeclaration<O>;
  /** Names of the key figures of a result ("customers", "dso"…) for the pane and the command line. */
  figures?: Record<string, Bilingual>;
  /** Number formats of key figures that the summary sheet writes with a format ("dso": "0.0"): the pane shows them the same way. */
  figureFormats?: Record<string, string>;
  /**
   * The pane offers "Open a transactions file…": a CSV/Parquet file's customers (RFMTABLE's columns) become a
   * new sheet that this workflow then reads; `mode` is the layout whose fields the file's columns are guessed for.
   */
  transactionsFile?: { mode: SourceMode };
}

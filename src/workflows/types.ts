/**
 * The workflow API the task pane calls. A workflow reads a source table through the workbook
 * port, validates it, computes with src/core and writes its results beside the data or into new
 * sheets. Pure TypeScript: no React, no Office globals.
 *
 * Typical use from the pane:
 *   const engine = createEngine(port);
 *   const info = await engine.describeSource("selection", "rfm");   // headers + guessed or remembered mapping
 *   // The person switches RFM "rows are customers" ⇄ "rows are transactions": the mapping for that mode
 *   // (guessMapping from ./index; keeps the customer column they picked):
 *   mapping = guessMapping(info, "rfm", { rfmMode: mode, keep: mapping }).mapping;
 *   const report = await engine.validate(request, control);          // problems with row numbers
 *   let result = await engine.run(request, control);                 // status "done" | "invalid" | "confirmReplace"
 *   if (result.status === "confirmReplace") result = await engine.run({ ...request, options: { ...request.options, replaceEdited: true } }, control);
 */
import type { Bilingual, Language } from "../core/labels";
import type { DayMonthOrder } from "../core/text-values";
import type { Block, CellValue, ChartSpec, RangeRef, WorkbookPort } from "../workbook/types";
import type { LeftOutRow } from "./source-shape";

export type { DayMonthOrder } from "../core/text-values";
export type { LeftOutRow } from "./source-shape";

/** A workflow's id, as its declaration names it (src/workflows/registry.ts lists them). */
export type WorkflowId = string;

/** A column a workflow can use, as its declaration names it ("customer", "monetary", "dueDate"…). */
export type FieldId = string;

/** A source layout of a workflow, as its declaration names it (RFM: "customers" | "transactions"). */
export type SourceMode = string;

/**
 * What a column must hold: an id (any non-blank value), a number, a date, a rate (0..1), a 5C
 * rating, or a text that only labels (a customer's name: any value; blank or an error cell is no
 * text, and never a problem).
 */
export type FieldKind = "id" | "number" | "date" | "rate" | "rating" | "text";

export interface FieldSpec {
  id: FieldId;
  kind: FieldKind;
  /** Header texts that name the field, normalised (see normaliseHeader), for the mapping guess. */
  synonyms?: readonly string[];
  /** A date that must not lie after the as-of date (a purchase cannot be in the future). */
  notAfterAsOf?: boolean;
  /** Required for the workflow (in the chosen RFM source mode); some are "one of" (recency | lastDate). */
  required: boolean;
  /** Negative numbers are a problem ("negative" kind). */
  nonNegative: boolean;
  label: Bilingual;
  /** Fields with the same group name: at least one of them must be mapped (RFM: recency or lastDate). */
  oneOf?: string;
  /** A blank cell is allowed (an optional value left empty for that row), not a problem. */
  blankOk?: boolean;
}

/** Field → 0-based column offset inside the source range. Unmapped fields are absent. */
export type ColumnMapping = Partial<Record<FieldId, number>>;

export interface MappingGuess {
  mapping: ColumnMapping;
  /** For a workflow with several source modes (RFM): which one the headers suggest. */
  mode?: SourceMode;
  /** Required fields that no header matched. */
  missing: FieldId[];
}

/** Where the source table comes from; the first row of the range is the header row. */
export type SourceChoice = "selection" | "activeSheet" | { sheet: string } | RangeRef;

export interface SourceInfo {
  /** The whole table, header row included. */
  range: RangeRef;
  headers: string[];
  /** Data rows below the header. */
  rowCount: number;
  /** The first few data rows, for showing the mapping. */
  sample: Block;
  /** The mapping remembered for this sheet and workflow, else the guess. */
  mapping: ColumnMapping;
  /** The source mode, for a workflow that has several. */
  mode?: SourceMode;
  remembered: boolean;
  guess: MappingGuess;
  /** Rows above the header row (titles, export notes) that the table starts below: 0 when the header is the first used row. */
  titleRows?: number;
}

export type ProblemKind =
  | "blank" // a required cell is empty
  | "notNumber" // text (or TRUE/FALSE) in a number column
  | "notDate" // not a date serial nor ISO date text in a date column
  | "negative" // negative amount / frequency / recency
  | "outOfRange" // rate outside 0..1, rating outside 0..scale, …
  | "afterAsOf" // a purchase / invoice date after the as-of date
  | "duplicateId" // a customer id seen again where one row per customer is expected
  | "inconsistent" // a per-customer figure (aging: credit sales) that the customer's lines give differently
  | "errorValue" // an error cell (#N/A, #VALUE!…) where an id, number or date is needed
  | "dateOrder" // a year-last date (03/05/2024) whose day/month order the column does not decide
  | "overflow"; // amounts so large that their sum is beyond the largest number Excel holds

export interface Problem {
  /** Row number as the person sees it in Excel (1-based sheet row). */
  row: number;
  /** Column letter(s) as the person sees them, e.g. "C". */
  column: string;
  field: FieldId;
  kind: ProblemKind;
  value: CellValue;
  message: string;
}

export interface ValidationReport {
  rows: number;
  /** Every problem, in row order (the pane may show the first few hundred). */
  problems: Problem[];
  /** Problem counts per kind. */
  counts: Partial<Record<ProblemKind, number>>;
  /** Sheet row numbers of rows with at least one problem (they are skipped when skipBadRows is set). */
  badRows: number[];
  /** Rows that are not customers (totals, blank separators, repeated headers, notes): left out, not problems. */
  leftOut?: LeftOutRow[];
  /** Values read from text (or yyyymmdd numbers) per field: "¥1,151.29" → 1151.29, "2024年3月5日" → a date. */
  readFromText?: Partial<Record<FieldId, number>>;
  /** Date columns whose day/month order the person is asked for, once per column (options.dateOrders). */
  dateOrders?: DateOrderQuestion[];
  /** Ids written differently (surrounding spaces, full-width forms) but read as the same customer. */
  idVariants?: IdVariant[];
}

/** A date column of year-last dates ("03/05/2024") that reads differently day-first and month-first. */
export interface DateOrderQuestion {
  field: FieldId;
  /** Column letter(s). */
  column: string;
  /** A few of its texts, to show with the question. */
  examples: string[];
  /** Rows (sheet numbers) whose date waits for the answer. */
  rows: number;
}

export interface IdVariant {
  row: number;
  column: string;
  value: string | number;
  /** The first row of the same customer, and the id as written there. */
  sameAs: number;
  sameAsValue: string | number;
}

export interface CommonOptions {
  language: Language;
  /** Leave out rows with problems (listed in the result) instead of refusing to run. */
  skipBadRows?: boolean;
  /** The person agreed to replace the add-in's earlier output although it was edited. */
  replaceEdited?: boolean;
  /** The day/month order of year-last dates per date field, as the person answered (see ValidationReport.dateOrders). */
  dateOrders?: Partial<Record<FieldId, DayMonthOrder>>;
}

export type { RfmOptions, RfmSourceMode } from "./rfm/options";
export type { ValueOptions } from "./value/options";
export type { AgingOptions } from "./aging/options";
export type { CreditOptions } from "./credit/options";
export type { PredictOptions } from "./predict/options";

/** Options of some workflow: the common ones and that workflow's own (its declaration's option type). */
export type AnyOptions = CommonOptions & { [key: string]: unknown };

/** What the engine runs: a workflow on a source with a mapping and that workflow's options. */
export interface WorkflowRequest<O extends CommonOptions = AnyOptions> {
  workflow: WorkflowId;
  source: RangeRef;
  mapping: ColumnMapping;
  options: O;
}

export type Phase = "read" | "validate" | "compute" | "write" | "summary";

export interface RunProgress {
  phase: Phase;
  /** 0..1 over the whole run, for one progress bar. */
  fraction: number;
  done: number;
  total: number;
}

export interface RunControl {
  onProgress?: (progress: RunProgress) => void;
  /** Checked between blocks; a cancelled run throws AbortedError (name "AbortError"). */
  signal?: AbortSignal;
}

/** An earlier output of the add-in that the person changed since it was written. */
export interface EditedOutput {
  sheet: string;
  kind: "columns" | "sheet";
  headers: string[];
}

/** A small table for the pane to show (the same figures as the summary sheet). */
export interface SummaryTable {
  headers: string[];
  rows: (string | number)[][];
  /** The number format of each column on the summary sheet, so the pane shows the figures as the sheet does. */
  formats?: (string | null)[];
}

export interface WrittenOutput {
  /** Columns written beside the data (sheet, range incl. header) or a new sheet (whole used range). */
  sheet: string;
  range: RangeRef;
  headers: string[];
  kind: "columns" | "sheet";
}

export type WorkflowResult =
  | {
      status: "done";
      workflow: WorkflowId;
      rowsRead: number;
      rowsWritten: number;
      /** Rows left out because of problems (skipBadRows), with their problems. */
      skipped: Problem[];
      outputs: WrittenOutput[];
      summarySheet?: string;
      charts: ChartSpec[];
      summary: SummaryTable;
      /** Extra figures per workflow, e.g. { dso: 45.2, allowance: 1234.5, overLimit: 3 }. */
      figures: Record<string, number>;
      /** Earlier own output that was replaced. */
      replaced: WrittenOutput[];
      elapsedMs: number;
      /** Rows that are not customers, left out (as in ValidationReport). */
      leftOut?: LeftOutRow[];
      /** Values read from text per field (as in ValidationReport). */
      readFromText?: Partial<Record<FieldId, number>>;
      /** Ids written differently but read as one customer (as in ValidationReport). */
      idVariants?: IdVariant[];
      /** Rows above the header left out as titles. */
      titleRows?: number;
    }
  /** Validation found problems and skipBadRows was not set: nothing was written. */
  | { status: "invalid"; workflow: WorkflowId; report: ValidationReport }
  /** Earlier output was edited by the person and replaceEdited was not set: nothing was written. */
  | { status: "confirmReplace"; workflow: WorkflowId; edited: EditedOutput[] };

export interface WorkflowEngine {
  readonly port: WorkbookPort;
  /**
   * The source table for a choice, with the remembered or guessed mapping. For a workflow with
   * several source modes (RFM), `options.mode` asks for that mode: the mapping remembered for it,
   * else the guess for it (without it, the remembered mode or the one the headers suggest).
   */
  describeSource(choice: SourceChoice, workflow: WorkflowId, options?: DescribeOptions): Promise<SourceInfo>;
  /** Reads the source and lists its problems; writes nothing. */
  validate(request: WorkflowRequest, control?: RunControl): Promise<ValidationReport>;
  /** Earlier own outputs of this workflow for the source sheet that the person has edited. */
  editedOutputs(request: WorkflowRequest): Promise<EditedOutput[]>;
  /** Validates, computes and writes; remembers the mapping for the sheet on success. */
  run(request: WorkflowRequest, control?: RunControl): Promise<WorkflowResult>;
  /**
   * Takes this workflow's own output for the source off the workbook (columns with their formats,
   * result sheets with their charts; found by the add-in's marks) and returns what it removed.
   */
  removeResults(request: WorkflowRequest): Promise<WrittenOutput[]>;
  /** Remembers a mapping for a sheet and workflow without running. */
  rememberMapping(sheet: string, workflow: WorkflowId, mapping: ColumnMapping, mode?: SourceMode): Promise<void>;
}

export interface DescribeOptions {
  mode?: SourceMode;
  /** The earlier name of `mode`. */
  rfmMode?: SourceMode;
}

/**
 * Signature of the pure mapping guess (exported from src/workflows/mapping.ts and index.ts): from
 * header cells or a SourceInfo; for RFM `rfmMode` fixes the source mode, and `keep` keeps the
 * fields of a mapping in use that the mode also has (the person's customer column):
 *   guessMapping(info, "rfm", { rfmMode: "transactions", keep: mapping }).mapping
 */
export type GuessMapping = (
  source: readonly CellValue[] | { readonly headers: readonly CellValue[] },
  workflow: WorkflowId,
  options?: { mode?: SourceMode; rfmMode?: SourceMode; keep?: ColumnMapping },
) => MappingGuess;
/** Signature of the field list (exported from src/workflows/fields.ts). */
export type FieldsOf = (workflow: WorkflowId, mode?: SourceMode) => FieldSpec[];

/**
 * A transactions file (CSV or Parquet, src/io) as a workflow's source, for `crm rfm orders.csv`,
 * `crm predict orders.parquet` and the task pane's "Open a transactions file…": the file's
 * columns are guessed from its headers with the workflow's own field synonyms (the file is always
 * read as one row per transaction), and the mapped columns named as the readers take them.
 */
import type { TransactionColumns } from "../io/transaction-sink";
import type { WorkflowDefinition } from "./definition";
import { missingFields } from "./field-spec";
import { guessMapping } from "./mapping";
import { modeOf } from "./registry";
import type { ColumnMapping, CommonOptions, FieldId, FieldSpec } from "./types";

/** Excel's rows per sheet, less the header row: the most customers a sheet holds. */
export const SHEET_DATA_ROWS = 1_048_576 - 1;

export interface FileMapping {
  /** "transactions" for a workflow with several modes; undefined for one with a single mode. */
  mode: string | undefined;
  mapping: ColumnMapping;
  fields: readonly FieldSpec[];
}

/** The workflow's fields guessed among a transactions file's headers. */
export function guessFileMapping(def: WorkflowDefinition<CommonOptions>, headers: readonly string[]): FileMapping {
  const mode = def.modes.length > 1 ? "transactions" : undefined;
  const guess = guessMapping(headers, def.id, mode ? { mode } : {});
  return { mode, mapping: { ...guess.mapping }, fields: modeOf(def, mode).fields };
}

/** The required fields no column is mapped to. */
export function missingFileFields(m: FileMapping): FieldId[] {
  return missingFields(m.fields, (id) => m.mapping[id] !== undefined);
}

/** Puts a field on a column, taking that column off any other field (a column serves one field). */
export function mapField(mapping: ColumnMapping, field: FieldId, column: number): void {
  for (const [other, c] of Object.entries(mapping)) if (c === column && other !== field) delete mapping[other];
  mapping[field] = column;
}

/** Each mapped field's column by its header, as messages and the pane's column picker name them. */
export function mappedHeaders(headers: readonly string[], mapping: ColumnMapping): Partial<Record<FieldId, string>> {
  return Object.fromEntries(Object.entries(mapping).map(([f, c]) => [f, headers[c!]]));
}

/** The mapped columns by their header names, as the file readers take them. */
export function transactionColumns(headers: readonly string[], mapping: ColumnMapping): TransactionColumns {
  return { id: headers[mapping.customer!], date: headers[mapping.date!], ...(mapping.amount !== undefined ? { amount: headers[mapping.amount] } : {}) };
}

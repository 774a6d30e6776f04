/**
 * The implementations the pane runs on, in one place so tests can hand the App fakes: the
 * Office.js workbook in Excel, the in-memory ExcelJS workbook in the preview, and the workflow
 * engine over either.
 */
import { ExcelWorkbook } from "../workbook/excel-workbook";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import type { FunctionsMetadata, PreviewWorkbook, RangeRef, WorkbookPort } from "../workbook/types";
import { cachedMetadata } from "../explorer/catalog";
import { createEngine, fieldsOf } from "../workflows";
import type { FieldsOf, WorkflowEngine } from "../workflows/types";

/** The preview's workbook: the port, plus the grid telling it what the person selected. */
export interface OpenedWorkbook extends PreviewWorkbook {
  setSelection(range: RangeRef | null): void;
}

export interface Backend {
  excelWorkbook(): WorkbookPort;
  openXlsx(bytes: ArrayBuffer): Promise<OpenedWorkbook>;
  createEngine(port: WorkbookPort): WorkflowEngine;
  fieldsOf: FieldsOf;
  fetchBytes(url: string): Promise<ArrayBuffer>;
  /** Whether a URL answers (optional samples). */
  exists(url: string): Promise<boolean>;
  /** The custom functions' metadata (functions.json), for the preview's formula engine. */
  functionsMetadata(): Promise<FunctionsMetadata>;
}

export const defaultBackend: Backend = {
  excelWorkbook: () => ExcelWorkbook.fromOffice(),
  openXlsx: (bytes) => MemoryWorkbook.fromXlsx(bytes),
  createEngine,
  fieldsOf,
  fetchBytes: async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
    return response.arrayBuffer();
  },
  functionsMetadata: () => cachedMetadata("en"),
  exists: async (url) => {
    try {
      return (await fetch(url, { method: "HEAD" })).ok;
    } catch {
      return false;
    }
  },
};

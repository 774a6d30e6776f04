/**
 * The add-in's own data inside a workbook (sheet settings: remembered column mappings, marks of
 * its outputs; chart specs): JSON kept in a very hidden sheet, so it travels with the file in
 * Excel and in the preview's download alike. The JSON is cut into chunks below Excel's 32,767
 * characters per cell, one chunk per row of column A.
 *
 * Settings are keyed by the worksheet's stable id where the host has one (Excel's worksheet.id
 * survives a rename the person makes in Excel), else by the sheet's name (the memory workbook,
 * and files written before ids were used). For id keys the store also keeps the sheet's name as
 * last written, so a host without ids (the preview opening a file saved in Excel) still finds
 * them, and so does Excel if a file's ids were to change.
 */
import Ajv from "ajv";
import type { Block, ChartSpec, JsonObject } from "./types";

export const DATA_SHEET = "CRM_AddinData";
const CHUNK = 30_000;

/**
 * How the add-in knows its store from a person's sheet (issue 11: a user sheet named
 * CRM_AddinData was taken, overwritten and hidden from the list). The store is a sheet that is
 * very hidden (Excel's UI cannot make a sheet very hidden, only code can) and carries a store
 * name the add-in gives (CRM_AddinData, or CRM_AddinData_2… when a person's sheet holds that
 * name in any case). Its JSON starts with this marker; a store of the previous version (the same
 * JSON without the marker) is read too and gets the marker on the next write. A visible or
 * hidden sheet is never the store, whatever its name.
 */
export const STORE_MARKER = "crm-analytics-excel/addin-store";
const STORE_NAME = /^CRM_AddinData(?:_([2-9]|[1-9][0-9]+))?$/;

/** A sheet as the ports see it when looking for the store. */
export interface SheetVisibility {
  name: string;
  veryHidden: boolean;
}

/** The name of the add-in's store among the workbook's sheets, or undefined when there is none. */
export function findStoreSheet(sheets: readonly SheetVisibility[]): string | undefined {
  return sheets.find((s) => s.veryHidden && STORE_NAME.test(s.name))?.name;
}

/** A store name no sheet has (Excel's sheet names ignore case): where a new store is created. */
export function newStoreSheetName(names: readonly string[]): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  if (!taken.has(DATA_SHEET.toLowerCase())) return DATA_SHEET;
  for (let k = 2; ; k++) if (!taken.has(`${DATA_SHEET}_${k}`.toLowerCase())) return `${DATA_SHEET}_${k}`;
}

/** A chart spec as stored: Excel adds the ids of its sheets, to follow renames. */
export type StoredChart = ChartSpec & { sheetId?: string; sourceSheetId?: string };

export interface AddinStore {
  marker?: typeof STORE_MARKER;
  version: 1;
  sheets: Record<string, JsonObject>;
  /** For the keys of `sheets` that are worksheet ids: the sheet's name when last written. */
  names?: Record<string, string>;
  charts: StoredChart[];
}

/** A sheet as the store knows it: its name, and its stable id where the host has one. */
export interface SheetKey {
  name: string;
  id?: string;
}

/**
 * Keyed by sheet names, which are the person's: records without a prototype, so that a sheet
 * named "constructor" has no settings and one named "__proto__" gets its own.
 */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

const NO_NAMES: Readonly<Record<string, string>> = Object.freeze(record<string>());

export function emptyStore(): AddinStore {
  return { version: 1, sheets: record(), charts: [] };
}

export function encodeStore(store: AddinStore): Block {
  const { marker: _old, ...rest } = store;
  const text = JSON.stringify({ marker: STORE_MARKER, ...rest });
  const rows: Block = [];
  for (let i = 0; i < text.length; i += CHUNK) rows.push([text.slice(i, i + CHUNK)]);
  return rows.length ? rows : [["{}"]];
}

const ajv = new Ajv({ allErrors: false });
const object = { type: "object" } as const;
const int = { type: "integer", minimum: 0 } as const;
/** The frame of a store: what must hold before any part of it is used. */
const validFrame = ajv.compile({
  type: "object",
  required: ["version", "sheets", "charts"],
  properties: { marker: { const: STORE_MARKER }, version: { const: 1 }, sheets: object, names: object, charts: { type: "array" } },
});
/**
 * A chart's data is a small summary the add-in wrote (at most a few hundred points): a record
 * claiming more (1e9 rows hung the preview tab) is not a chart of ours and is dropped.
 */
const validRange = {
  type: "object",
  required: ["sheet", "row", "column", "rows", "columns"],
  properties: { sheet: { type: "string" }, row: { ...int, maximum: 1_048_575 }, column: { ...int, maximum: 16_383 }, rows: { ...int, maximum: 10_000 }, columns: { ...int, maximum: 100 } },
} as const;
const validChart = ajv.compile({
  type: "object",
  required: ["sheet", "kind", "title", "source", "anchor"],
  properties: {
    sheet: { type: "string" },
    kind: { type: "string" },
    title: { type: "string" },
    source: validRange,
    anchor: { type: "object", required: ["row", "column"], properties: { row: { ...int, maximum: 1_048_575 }, column: { ...int, maximum: 16_383 } } },
    width: { type: "number", exclusiveMinimum: 0, maximum: 10_000 },
    height: { type: "number", exclusiveMinimum: 0, maximum: 10_000 },
    name: { type: "string" },
    sheetId: { type: "string" },
    sourceSheetId: { type: "string" },
  },
});

/**
 * Reads the chunks back. Anything unreadable (bad JSON, or JSON of another shape: an edited
 * sheet) gives an empty store; within a valid frame, a sheet entry that is not an object, a name
 * that is not text or a chart of another shape is dropped alone, so one bad part does not take
 * the person's remembered mappings with it. What the settings hold is checked by their reader.
 */
export function decodeStore(block: Block): AddinStore {
  const text = block.map((r) => (typeof r[0] === "string" ? r[0] : "")).join("");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return emptyStore();
  }
  if (!validFrame(parsed)) return emptyStore();
  const frame = parsed as { sheets: Record<string, unknown>; names?: Record<string, unknown>; charts: unknown[] };
  const store = emptyStore();
  for (const [key, value] of Object.entries(frame.sheets)) if (value !== null && typeof value === "object" && !Array.isArray(value)) store.sheets[key] = value as JsonObject;
  if (frame.names) {
    const names = record<string>();
    for (const [key, value] of Object.entries(frame.names)) if (typeof value === "string" && key in store.sheets) names[key] = value;
    store.names = names;
  }
  store.charts = frame.charts.filter((c) => validChart(c)) as StoredChart[];
  return store;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The key of a sheet's settings, or undefined when it has none: its id; else its name (a name
 * key); else an id key whose last written name is the sheet's and whose id is not a sheet of the
 * workbook now (`liveIds`; absent for a host without ids). A live id never lends its settings to
 * another sheet of the same name, such as a new sheet named like one the person renamed.
 */
export function settingsKey(store: AddinStore, sheet: SheetKey, liveIds?: ReadonlySet<string>): string | undefined {
  const names = store.names ?? NO_NAMES;
  if (sheet.id !== undefined && store.sheets[sheet.id]) return sheet.id;
  if (store.sheets[sheet.name] && !(sheet.name in names)) return sheet.name;
  return Object.keys(names).find((k) => store.sheets[k] && same(names[k], sheet.name) && !liveIds?.has(k));
}

export function getSettings(store: AddinStore, sheet: SheetKey, liveIds?: ReadonlySet<string>): JsonObject | undefined {
  const key = settingsKey(store, sheet, liveIds);
  return key === undefined ? undefined : store.sheets[key];
}

/** Stores a sheet's settings under its id when it has one (moving them from a name key), else where they were found, else its name. */
export function putSettings(store: AddinStore, sheet: SheetKey, settings: JsonObject, liveIds?: ReadonlySet<string>): void {
  const found = settingsKey(store, sheet, liveIds);
  const key = sheet.id ?? found ?? sheet.name;
  if (found !== undefined && found !== key) removeKey(store, found);
  store.sheets[key] = settings;
  if (sheet.id !== undefined || (store.names && key in store.names)) (store.names ??= record())[key] = sheet.name;
}

function removeKey(store: AddinStore, key: string): void {
  delete store.sheets[key];
  if (store.names) delete store.names[key];
}

/** Whether a stored chart sits on the sheet (by id when both have one, else by name). */
export function chartOn(chart: StoredChart, sheet: SheetKey): boolean {
  if (chart.sheetId !== undefined && sheet.id !== undefined) return chart.sheetId === sheet.id;
  return same(chart.sheet, sheet.name);
}

/** The spec without the stored ids, with the sheets' current names where the ids tell them. */
export function chartSpecOf(chart: StoredChart, nameOf: (id: string) => string | undefined = () => undefined): ChartSpec {
  const { sheetId, sourceSheetId, ...spec } = JSON.parse(JSON.stringify(chart)) as StoredChart;
  const sheet = sheetId === undefined ? undefined : nameOf(sheetId);
  const source = sourceSheetId === undefined ? undefined : nameOf(sourceSheetId);
  if (sheet !== undefined) spec.sheet = sheet;
  if (source !== undefined) spec.source.sheet = source;
  return spec;
}

/** Keeps the store in step with a sheet renamed through the port. */
export function renameInStore(store: AddinStore, from: string, to: string): void {
  if (store.sheets[from] && !(from in (store.names ?? NO_NAMES))) {
    store.sheets[to] = store.sheets[from];
    delete store.sheets[from];
  }
  for (const [key, name] of Object.entries(store.names ?? NO_NAMES)) if (same(name, from)) store.names![key] = to;
  for (const c of store.charts) {
    if (same(c.sheet, from)) c.sheet = to;
    if (same(c.source.sheet, from)) c.source.sheet = to;
  }
}

/** After Excel's sheets were renamed by the person: the names kept beside ids, as they are now. */
export function refreshNames(store: AddinStore, nameOf: (id: string) => string | undefined): void {
  for (const key of Object.keys(store.names ?? NO_NAMES)) {
    const name = nameOf(key);
    if (name !== undefined) store.names![key] = name;
  }
  for (const c of store.charts) {
    const sheet = c.sheetId === undefined ? undefined : nameOf(c.sheetId);
    const source = c.sourceSheetId === undefined ? undefined : nameOf(c.sourceSheetId);
    if (sheet !== undefined) c.sheet = sheet;
    if (source !== undefined) c.source.sheet = source;
  }
}

export function deleteFromStore(store: AddinStore, sheet: SheetKey, liveIds?: ReadonlySet<string>): void {
  const key = settingsKey(store, sheet, liveIds);
  if (key !== undefined) removeKey(store, key);
  store.charts = store.charts.filter((c) => !chartOn(c, sheet));
}

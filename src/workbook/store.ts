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
import type { Block, ChartSpec, JsonObject } from "./types";

export const DATA_SHEET = "CRM_AddinData";
const CHUNK = 30_000;

/** A chart spec as stored: Excel adds the ids of its sheets, to follow renames. */
export type StoredChart = ChartSpec & { sheetId?: string; sourceSheetId?: string };

export interface AddinStore {
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

export function emptyStore(): AddinStore {
  return { version: 1, sheets: {}, charts: [] };
}

export function encodeStore(store: AddinStore): Block {
  const text = JSON.stringify(store);
  const rows: Block = [];
  for (let i = 0; i < text.length; i += CHUNK) rows.push([text.slice(i, i + CHUNK)]);
  return rows.length ? rows : [["{}"]];
}

/** Reads the chunks back; anything unreadable (an edited or foreign sheet) gives an empty store. */
export function decodeStore(block: Block): AddinStore {
  const text = block.map((r) => (typeof r[0] === "string" ? r[0] : "")).join("");
  try {
    const parsed = JSON.parse(text) as Partial<AddinStore>;
    if (parsed && parsed.version === 1 && typeof parsed.sheets === "object" && Array.isArray(parsed.charts)) {
      const store: AddinStore = { version: 1, sheets: parsed.sheets as Record<string, JsonObject>, charts: parsed.charts };
      if (parsed.names && typeof parsed.names === "object") store.names = parsed.names;
      return store;
    }
  } catch {
    // fall through
  }
  return emptyStore();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The key of a sheet's settings, or undefined when it has none: its id; else its name (a name
 * key); else an id key whose last written name is the sheet's and whose id is not a sheet of the
 * workbook now (`liveIds`; absent for a host without ids). A live id never lends its settings to
 * another sheet of the same name, such as a new sheet named like one the person renamed.
 */
export function settingsKey(store: AddinStore, sheet: SheetKey, liveIds?: ReadonlySet<string>): string | undefined {
  const names = store.names ?? {};
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
  if (sheet.id !== undefined || (store.names && key in store.names)) (store.names ??= {})[key] = sheet.name;
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
  if (store.sheets[from] && !(from in (store.names ?? {}))) {
    store.sheets[to] = store.sheets[from];
    delete store.sheets[from];
  }
  for (const [key, name] of Object.entries(store.names ?? {})) if (same(name, from)) store.names![key] = to;
  for (const c of store.charts) {
    if (same(c.sheet, from)) c.sheet = to;
    if (same(c.source.sheet, from)) c.source.sheet = to;
  }
}

/** After Excel's sheets were renamed by the person: the names kept beside ids, as they are now. */
export function refreshNames(store: AddinStore, nameOf: (id: string) => string | undefined): void {
  for (const key of Object.keys(store.names ?? {})) {
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

/**
 * The add-in's own data inside a workbook (sheet settings: remembered column mappings, marks of
 * its outputs; chart specs): JSON kept in a very hidden sheet, so it travels with the file in
 * Excel and in the preview's download alike. The JSON is cut into chunks below Excel's 32,767
 * characters per cell, one chunk per row of column A.
 */
import type { Block, ChartSpec, Json, JsonObject } from "./types";

export const DATA_SHEET = "CRM_AddinData";
const CHUNK = 30_000;

export interface AddinStore {
  version: 1;
  sheets: Record<string, JsonObject>;
  charts: ChartSpec[];
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
      return { version: 1, sheets: parsed.sheets as Record<string, JsonObject>, charts: parsed.charts };
    }
  } catch {
    // fall through
  }
  return emptyStore();
}

/** Keeps the store in step with a renamed sheet. */
export function renameInStore(store: AddinStore, from: string, to: string): void {
  if (store.sheets[from]) {
    store.sheets[to] = store.sheets[from];
    delete store.sheets[from];
  }
  for (const c of store.charts) {
    if (c.sheet === from) c.sheet = to;
    if (c.source.sheet === from) c.source.sheet = to;
  }
  for (const s of Object.values(store.sheets)) renameMarks(s, from, to);
}

export function deleteFromStore(store: AddinStore, name: string): void {
  delete store.sheets[name];
  store.charts = store.charts.filter((c) => c.sheet !== name);
}

function renameMarks(settings: JsonObject, from: string, to: string): void {
  const outputs = settings.outputs;
  if (!Array.isArray(outputs)) return;
  for (const o of outputs) {
    if (o && typeof o === "object" && !Array.isArray(o) && (o as Record<string, Json>).sheet === from) (o as Record<string, Json>).sheet = to;
  }
}

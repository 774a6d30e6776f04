/**
 * Guessing which column holds which field from the header texts, in Chinese and English.
 * Each field declares its synonyms (src/workflows/<id>/index.ts). Headers are compared normalised (full-width folded, lower case, no spaces or punctuation):
 * first exact synonyms, then headers that contain a longer synonym ("客户编号(ID)" → customer).
 * Each column is used at most once; the add-in's own output columns are never guessed.
 */
import type { CellValue } from "../workbook/types";
import type { SourceModeDeclaration } from "./definition";
import { missingFields } from "./field-spec";
import { isOwnHeader } from "./own-headers";
import { workflowById } from "./registry";
import type { ColumnMapping, FieldSpec, MappingGuess, SourceMode, WorkflowId } from "./types";

/** Lower case, full-width folded, without spaces, punctuation and brackets. */
export function normaliseHeader(value: CellValue): string {
  if (value === null) return "";
  return String(value)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-–—.,:;'"`()[\]{}<>/\\|!?#*&%$@~^+=·、，。：；（）【】《》“”‘’]/g, "");
}

/** A synonym long enough to be matched inside a longer header. */
function containable(synonym: string): boolean {
  return /[^ -~]/.test(synonym) ? synonym.length >= 2 : synonym.length >= 4;
}

/** Columns for `fields` from the headers; `given` fields are kept and their columns not used again. */
function guessFor(headers: readonly CellValue[], fields: readonly FieldSpec[], given: ColumnMapping = {}): ColumnMapping {
  const norm = headers.map((h) => (isOwnHeader(h) ? "" : normaliseHeader(h)));
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const { id } of fields) {
    const col = given[id];
    if (col !== undefined && Number.isInteger(col) && col >= 0 && col < headers.length && !used.has(col)) {
      mapping[id] = col;
      used.add(col);
    }
  }
  // Exact matches first for every field, so "消费金额" is not taken by a "contains 金额" rule.
  for (const pass of ["exact", "contains"] as const) {
    for (const { id, synonyms } of fields) {
      if (mapping[id] !== undefined) continue;
      for (const synonym of synonyms ?? []) {
        if (pass === "contains" && !containable(synonym)) continue;
        const col = norm.findIndex((h, i) => !used.has(i) && h !== "" && (pass === "exact" ? h === synonym : h.includes(synonym)));
        if (col >= 0) {
          mapping[id] = col;
          used.add(col);
          break;
        }
      }
    }
  }
  return mapping;
}

function guessMode(headers: readonly CellValue[], mode: SourceModeDeclaration, withMode: boolean, keep?: ColumnMapping): MappingGuess {
  const mapping = guessFor(headers, mode.fields, keep);
  const missing = missingFields(mode.fields, (id) => mapping[id] !== undefined);
  return withMode ? { mapping, mode: mode.id, missing } : { mapping, missing };
}

export interface GuessOptions {
  /**
   * A workflow with several source modes (RFM): guess for this mode (the person chose "rows are
   * customers" or "rows are transactions") instead of choosing the mode from the headers.
   */
  mode?: SourceMode;
  /** The earlier name of `mode`. */
  rfmMode?: SourceMode;
  /**
   * The mapping in use: its fields that the guessed workflow (and mode) also has are kept as they
   * are (the customer column the person picked survives a change of mode); the others are guessed
   * from the columns left.
   */
  keep?: ColumnMapping;
}

/**
 * The guessed mapping of a header row (or of a described source: its `headers`). For a workflow
 * with several source modes also the mode: the one its declaration chooses from the guesses for
 * each (RFM: one row per customer when the headers name a frequency or recency column, else one
 * row per transaction); `options.mode` fixes the mode instead.
 */
export function guessMapping(source: readonly CellValue[] | { readonly headers: readonly CellValue[] }, workflow: WorkflowId, options: GuessOptions = {}): MappingGuess {
  const headers = "headers" in source ? source.headers : source;
  const def = workflowById(workflow);
  const keep = options.keep;
  const asked = options.mode ?? options.rfmMode;
  if (def.modes.length === 1) return guessMode(headers, def.modes[0], false, keep);
  const fixed = def.modes.find((m) => m.id === asked);
  if (fixed) return guessMode(headers, fixed, true, keep);
  const guesses = def.modes.map((m) => guessMode(headers, m, true, keep));
  if (def.chooseMode) return def.chooseMode(guesses);
  return guesses.find((g) => g.missing.length === 0) ?? guesses.reduce((a, b) => (b.missing.length < a.missing.length ? b : a));
}

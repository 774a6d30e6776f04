/**
 * The explorer's list of functions: the metadata Excel reads (functions.json, or
 * functions.zh-cn.json for Chinese), grouped by family and joined with the help content (name,
 * explanation, examples), in the help's order; a function without help still appears, last.
 */
import { Bilingual, Language } from "../core/labels";
import { HELP_FAMILIES, HelpEntry } from "../help";
import { FunctionMeta, Metadata } from "./registry";

export interface FunctionInfo {
  meta: FunctionMeta;
  /** The help entry, when there is one. */
  help?: HelpEntry;
}

export interface FunctionGroup {
  key: string;
  title: Bilingual;
  functions: FunctionInfo[];
}

/** The metadata file for a language, relative to the page (preview.html or taskpane.html). */
export function metadataFile(lang: Language): string {
  return lang === "zh" ? "functions.zh-cn.json" : "functions.json";
}

/** The help page of a function, relative to the page. */
export function helpPage(id: string, lang: Language): string {
  return `help/${lang}/${id}.html`;
}

export function groupFunctions(metadata: Metadata): FunctionGroup[] {
  const byId = new Map(metadata.functions.map((f) => [f.id, f]));
  const placed = new Set<string>();
  const groups: FunctionGroup[] = [];
  for (const family of HELP_FAMILIES) {
    const functions = Object.keys(family.functions)
      .filter((id) => byId.has(id))
      .map((id) => {
        placed.add(id);
        return { meta: byId.get(id)!, help: family.functions[id] };
      });
    if (functions.length) groups.push({ key: family.key, title: family.title, functions });
  }
  const rest = metadata.functions.filter((f) => !placed.has(f.id)).map((meta) => ({ meta }));
  if (rest.length) groups.push({ key: "other", title: { zh: "其他", en: "Other" }, functions: rest });
  return groups;
}

/** Fetches the metadata for the language. */
export async function loadMetadata(lang: Language, fetcher: typeof fetch = fetch): Promise<Metadata> {
  const response = await fetcher(metadataFile(lang));
  if (!response.ok) throw new Error(`${metadataFile(lang)}: HTTP ${response.status}`);
  return (await response.json()) as Metadata;
}

const loaded = new Map<Language, Promise<Metadata>>();

/** loadMetadata once per language for the page's lifetime (the tab remounts the explorer); a failure is retried. */
export function cachedMetadata(lang: Language): Promise<Metadata> {
  let p = loaded.get(lang);
  if (!p) {
    p = loadMetadata(lang).catch((e: unknown) => {
      loaded.delete(lang);
      throw e;
    });
    loaded.set(lang, p);
  }
  return p;
}

/**
 * The help content (src/help/content/<family>.json) for the task pane: the function explorer shows
 * a function's name, explanation and examples from it. The build renders the same files into the
 * help pages (scripts/build/help-pages.js). One file per family of the family list
 * (src/functions/families.ts), found by its key; test/unit/help.test.ts checks every family has one.
 */
import { FUNCTION_FAMILIES } from "../functions/families";
import { Bilingual } from "../core/labels";

export interface HelpExample {
  formula: string;
  /** What the page shows as the result. */
  result: string;
  /** What the tests compare, when `result` is not a plain number, text or error code. */
  check?: unknown;
  en: string;
  zh: string;
}

export interface HelpError {
  code: string;
  /** A formula that gives this error (the tests evaluate it). */
  formula?: string;
  en: string;
  zh: string;
}

export interface HelpEntry {
  name: Bilingual;
  explain: Bilingual;
  formula: Bilingual;
  examples: HelpExample[];
  errors: HelpError[];
}

export interface HelpFamily {
  key: string;
  title: Bilingual;
  functions: Record<string, HelpEntry>;
}

interface HelpFile {
  family: Bilingual;
  functions: Record<string, unknown>;
}

/** A family's content file, or undefined when it has none (the help test names it). */
function contentOf(key: string): HelpFile | undefined {
  try {
    // A template require: webpack bundles every content file, jest reads the one asked for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`./content/${key}.json`) as HelpFile;
  } catch {
    return undefined;
  }
}

/** In the order of the family list, as the explorer lists them. */
export const HELP_FAMILIES: readonly HelpFamily[] = FUNCTION_FAMILIES.flatMap(({ key }) => {
  const data = contentOf(key);
  return data ? [{ key, title: data.family, functions: data.functions as Record<string, HelpEntry> }] : [];
});

/**
 * The help content (src/help/content/<family>.json) for the task pane: the function explorer shows
 * a function's name, explanation and examples from it. The build renders the same files into the
 * help pages (scripts/build/help-pages.js); test/unit/help.test.ts checks this list has them all.
 */
import aging from "./content/aging.json";
import clv from "./content/clv.json";
import credit from "./content/credit.json";
import rfm from "./content/rfm.json";
import tiers from "./content/tiers.json";
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

const family = (key: string, data: { family: Bilingual; functions: Record<string, unknown> }): HelpFamily => ({ key, title: data.family, functions: data.functions as Record<string, HelpEntry> });

/** In the order the explorer lists them. */
export const HELP_FAMILIES: readonly HelpFamily[] = [family("clv", clv), family("rfm", rfm), family("tiers", tiers), family("credit", credit), family("aging", aging)];

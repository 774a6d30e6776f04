/** Types of help-pages.js for the TypeScript tests. */
export interface Bilingual {
  en: string;
  zh: string;
}

export interface HelpExample {
  formula: string;
  /** What the page shows as the result. */
  result: string;
  /** What the test compares, when `result` is not a plain number, text or error code. */
  check?: unknown;
  en: string;
  zh: string;
}

export interface HelpError {
  code: string;
  /** A formula that gives this error. */
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

interface Fn {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: { name: string; description?: string; optional?: boolean }[];
}
interface Meta {
  functions: Fn[];
}

export function loadHelpContent(dir: string): HelpFamily[];
export function renderHelpPages(metadata: { en: Meta; zh: Meta }, families: HelpFamily[]): { pages: Record<string, string>; missing: string[] };
export function rebaseHelpUrls<M extends Meta>(metadata: M, from: string, to: string): M;
export class HelpPagesPlugin {
  constructor(options: { contentDir: string; devUrl?: string; prodUrl?: string });
}

/** Types of help-pages.js for the TypeScript tests. */
import type { HelpFamily } from "../../src/help";

export type { HelpEntry, HelpExample, HelpError, HelpFamily } from "../../src/help";

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

export function loadHelpContent(dir: string, keys?: string[]): HelpFamily[];
export function renderHelpPages(metadata: { en: Meta; zh: Meta }, families: HelpFamily[]): { pages: Record<string, string>; missing: string[] };
/** An index line's description without a leading repeat of the function's name. */
export function withoutRepeatedName(name: string, description: string | undefined): string;
export function rebaseHelpUrls<M extends Meta>(metadata: M, from: string, to: string): M;
export class HelpPagesPlugin {
  constructor(options: { contentDir: string; families?: string[]; devUrl?: string; prodUrl?: string });
}

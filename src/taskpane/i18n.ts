/**
 * Task-pane text in Chinese and English. The language follows Office's display language in
 * Excel; in the preview, ?lang=zh|en, else the browser's language.
 */
import { Language } from "../core/labels";

export function languageFromTag(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const t = tag.toLowerCase();
  if (t.startsWith("zh")) return "zh";
  if (t.startsWith("en")) return "en";
  return undefined;
}

/** ?lang= wins, then Office's display language, then the browser's; Chinese by default. */
export function resolveLanguage(search: string, officeLanguage?: string, browserLanguages: readonly string[] = []): Language {
  const fromQuery = languageFromTag(new URLSearchParams(search).get("lang"));
  if (fromQuery) return fromQuery;
  const fromOffice = languageFromTag(officeLanguage);
  if (fromOffice) return fromOffice;
  for (const tag of browserLanguages) {
    const l = languageFromTag(tag);
    if (l) return l;
  }
  return "zh";
}

const strings = {
  title: { zh: "CRM 客户分析", en: "CRM Analytics" },
  subtitle: { zh: "客户终生价值、RFM 分群、信用与应收账款", en: "Lifetime value, RFM segments, credit and receivables" },
  hostExcel: { zh: "运行于 Excel", en: "Running in Excel" },
  hostPreview: { zh: "预览模式（浏览器，无 Excel）", en: "Preview (browser, no Excel)" },
  loading: { zh: "正在加载…", en: "Loading…" },
  language: { zh: "语言", en: "Language" },
} as const;

export type StringKey = keyof typeof strings;

export function t(key: StringKey, lang: Language): string {
  return strings[key][lang];
}

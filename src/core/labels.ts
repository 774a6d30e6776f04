/** Label language: Chinese (the default, as in the textbooks) or English. */
export type Language = "zh" | "en";

/** A label in both languages. */
export type Bilingual = Readonly<Record<Language, string>>;

/** `{name}` placeholders filled in from vars; unknown placeholders stay as they are. The one filler for every text. */
export function fillPlaceholders(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Label language: Chinese (the default, as in the textbooks) or English. */
export type Language = "zh" | "en";

/** A label in both languages. */
export type Bilingual = Readonly<Record<Language, string>>;

export function pick(label: Bilingual, lang: Language): string {
  return label[lang];
}

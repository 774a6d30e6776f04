/** Excel's rules for sheet names: 1..31 characters, none of []:*?/\, not starting or ending with '. */

const MAX_LENGTH = 31;

export function cleanSheetName(base: string): string {
  let name = base.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim();
  name = name.replace(/^'+|'+$/g, "").trim();
  if (name === "") name = "Sheet";
  // History is a name Excel reserves.
  if (name.toLowerCase() === "history") name = `${name} 1`;
  return name.slice(0, MAX_LENGTH).trim();
}

/** `base`, or `base (2)`, `base (3)`… — the first not in `taken` (compared case-insensitively, as Excel does). */
export function uniqueSheetName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const clean = cleanSheetName(base);
  if (!used.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = clean.slice(0, MAX_LENGTH - suffix.length).trim() + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

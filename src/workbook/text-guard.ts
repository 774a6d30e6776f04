/**
 * Text the add-in writes must stay text. Excel turns a string written through range.values into a
 * formula when it starts with =, + or - (and @ in some versions), into a number ("00123", "1e3",
 * "12%"), a date ("2024-03-31", "3/4", "2024年3月") or a boolean ("TRUE"). A leading apostrophe
 * makes Excel keep the rest as text (the apostrophe is a hidden prefix, not part of the value), so
 * every string that is not plainly inert gets one. Plainly inert: starts with a letter (any
 * script), contains no digit and is not TRUE/FALSE — segment names, headers, grades.
 */

export function needsTextGuard(text: string): boolean {
  if (text === "") return false;
  if (!/^\p{L}/u.test(text)) return true;
  if (/\d/.test(text)) return true;
  return /^(true|false)$/i.test(text.trim());
}

/** The string to put into range.values so that Excel stores exactly `text` as text. */
export function guardText(text: string): string {
  return needsTextGuard(text) ? `'${text}` : text;
}

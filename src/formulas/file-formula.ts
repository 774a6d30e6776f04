/**
 * Formula text as an .xlsx file stores it and as a person reads it. Functions newer than Excel
 * 2007 are stored with the "_xlfn." prefix (MAXIFS is `_xlfn.MAXIFS` in the file); without it
 * Excel and LibreOffice read an unknown name and show #NAME?.
 */
const NEWER_FUNCTIONS = ["AGGREGATE", "MAXIFS", "MINIFS", "IFS", "SWITCH", "CONCAT", "TEXTJOIN", "XLOOKUP", "XMATCH", "IFNA", "DAYS", "ISOWEEKNUM", "STDEV.S", "STDEV.P", "VAR.S", "VAR.P", "MODE.SNGL", "PERCENTILE.INC", "PERCENTILE.EXC", "QUARTILE.INC", "QUARTILE.EXC", "RANK.EQ", "RANK.AVG", "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV", "CEILING.MATH", "FLOOR.MATH", "UNIQUE", "SORT", "SORTBY", "FILTER", "SEQUENCE", "LET"];

const NEWER = new RegExp(`(?<![A-Za-z0-9_.])(${NEWER_FUNCTIONS.map((n) => n.replace(/\./g, "\\.")).join("|")})\\s*\\(`, "gi");

/** Outside quoted texts only: "MAXIFS(" inside a string stays as written. */
function outsideQuotes(formula: string, f: (part: string) => string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : f(part)))
    .join("");
}

/** The formula as the file stores it (no leading "="): newer functions with their "_xlfn." prefix. */
export function fileFormula(formula: string): string {
  return outsideQuotes(formula, (part) => part.replace(NEWER, (_m, name: string) => `_xlfn.${name.toUpperCase()}(`));
}

/** The formula as a person reads it: without the file's "_xlfn." prefixes. */
export function shownFormula(formula: string): string {
  return outsideQuotes(formula, (part) => part.replace(/_xlfn\./gi, ""));
}

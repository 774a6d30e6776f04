/**
 * Wildcard criteria of Excel's criteria functions (COUNTIF(A:A, "c*"), SUMIFS(…, "<>*test*")):
 * `*` any run of characters, `?` one character, `~` before either (or itself) the character as
 * such, matched against a text cell's whole text, case-blind. The function library compares
 * criteria literally, so a criteria range with a wildcard criterion is matched here, turned into
 * 1 (matches) and 0 (does not), and the library gets criterion 1 for it: the sums, counts and
 * averages stay the library's.
 */
import { Cell, FormulaError, Value } from "../explorer/formula";

/** Per function, the (criteria range, criterion) argument positions of a call with `n` arguments. */
const CRITERIA_PAIRS: Record<string, (n: number) => [number, number][]> = {
  COUNTIF: () => [[0, 1]],
  SUMIF: () => [[0, 1]],
  AVERAGEIF: () => [[0, 1]],
  COUNTIFS: (n) => pairsFrom(0, n),
  SUMIFS: (n) => pairsFrom(1, n),
  AVERAGEIFS: (n) => pairsFrom(1, n),
  MAXIFS: (n) => pairsFrom(1, n),
  MINIFS: (n) => pairsFrom(1, n),
};

function pairsFrom(first: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = first; i + 1 < n; i += 2) out.push([i, i + 1]);
  return out;
}

/** A criterion with a wildcard (or an escaped one) as a test of one cell, or undefined when it has none. */
export function wildcardTest(criterion: Cell): ((c: Cell) => boolean) | undefined {
  if (typeof criterion !== "string") return undefined;
  const m = /^(=|<>)?([\s\S]*)$/.exec(criterion)!;
  const negate = m[1] === "<>";
  let source = "";
  let wild = false;
  const text = m[2];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    // An escaped * or ? is matched here too: the library would compare the ~ as well.
    if (ch === "~" && i + 1 < text.length && "*?~".includes(text[i + 1])) {
      source += escape(text[++i]);
      wild = true;
    } else if (ch === "*" || ch === "?") {
      source += ch === "*" ? "[\\s\\S]*" : "[\\s\\S]";
      wild = true;
    } else source += escape(ch);
  }
  if (!wild) return undefined;
  const pattern = new RegExp(`^${source}$`, "i");
  // Only text matches a pattern; a blank cell, a number or a logical value is one that does not.
  const matches = (c: Cell) => typeof c === "string" && c !== "" && pattern.test(c);
  return negate ? (c) => !(c instanceof FormulaError) && !matches(c) : matches;
}

const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The arguments with every wildcard criterion matched here (see above); the others as they were. */
export function matchWildcards(name: string, args: readonly (Value | undefined)[]): readonly (Value | undefined)[] {
  const pairs = CRITERIA_PAIRS[name]?.(args.length);
  // Every other function's arguments as they are: this runs for each call of every formula.
  if (!pairs) return args;
  const out = [...args];
  for (const [range, criterion] of pairs) {
    const block = out[range];
    const c = out[criterion];
    const test = c === undefined ? undefined : wildcardTest(Array.isArray(c) ? (c.length === 1 && c[0].length === 1 ? c[0][0] : "") : c);
    if (!test || !Array.isArray(block)) continue;
    out[range] = block.map((row) => row.map((cell) => (test(cell) ? 1 : 0)));
    out[criterion] = 1;
  }
  return out;
}

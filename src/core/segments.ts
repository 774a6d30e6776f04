/**
 * RFM segments (客户细分) from R, F, M scores: the common eight RFM classes (cn8; not in the course texts), the recency ×
 * frequency map (rf10), or the user's own rules. Label tables are exported so the task pane can
 * list and colour the segments in the same words the functions return.
 *
 * rf10's Chinese labels (the contract leaves them to us), used everywhere the scheme appears:
 * Champions 冠军客户, Loyal 忠诚客户, Potential Loyalist 潜在忠诚客户, New 新客户,
 * Promising 有潜力客户, Need Attention 需要关注客户, About to Sleep 即将沉睡客户,
 * At Risk 有风险客户, Can't Lose 不能失去的客户, Hibernating 沉睡客户.
 */
import { columnLength, isNumberColumn, NumberColumn, toNumberColumn } from "./columns";
import { Cell, CrmError, numError, valueError } from "./errors";
import { Bilingual, Language } from "./labels";
import { checkBins, DEFAULT_BINS } from "./rfm";

export type Cn8Key =
  | "importantValue"
  | "importantDevelopment"
  | "importantRetention"
  | "importantWinBack"
  | "generalValue"
  | "generalDevelopment"
  | "generalRetention"
  | "generalWinBack";

export interface Cn8Segment {
  key: Cn8Key;
  /** Whether R, F and M are high (score > (bins + 1) / 2). */
  r: boolean;
  f: boolean;
  m: boolean;
  label: Bilingual;
}

/** The eight classes in the contract's order (important before general). */
export const CN8_SEGMENTS: readonly Cn8Segment[] = [
  { key: "importantValue", r: true, f: true, m: true, label: { zh: "重要价值客户", en: "Important value" } },
  { key: "importantDevelopment", r: true, f: false, m: true, label: { zh: "重要发展客户", en: "Important development" } },
  { key: "importantRetention", r: false, f: true, m: true, label: { zh: "重要保持客户", en: "Important retention" } },
  { key: "importantWinBack", r: false, f: false, m: true, label: { zh: "重要挽留客户", en: "Important win-back" } },
  { key: "generalValue", r: true, f: true, m: false, label: { zh: "一般价值客户", en: "General value" } },
  { key: "generalDevelopment", r: true, f: false, m: false, label: { zh: "一般发展客户", en: "General development" } },
  { key: "generalRetention", r: false, f: true, m: false, label: { zh: "一般保持客户", en: "General retention" } },
  { key: "generalWinBack", r: false, f: false, m: false, label: { zh: "一般挽留客户", en: "General win-back" } },
];

// Indexed by the bits r·4 + f·2 + m (1 = high).
const CN8_BY_BITS: readonly Cn8Segment[] = (() => {
  const t: Cn8Segment[] = new Array(8);
  for (const s of CN8_SEGMENTS) t[(s.r ? 4 : 0) + (s.f ? 2 : 0) + (s.m ? 1 : 0)] = s;
  return t;
})();

export type Rf10Key = "champions" | "loyal" | "potentialLoyalist" | "new" | "promising" | "needAttention" | "aboutToSleep" | "atRisk" | "cantLose" | "hibernating";

/** The ten rf10 segments, best first. */
export const RF10_SEGMENTS: Readonly<Record<Rf10Key, Bilingual>> = {
  champions: { zh: "冠军客户", en: "Champions" },
  loyal: { zh: "忠诚客户", en: "Loyal" },
  potentialLoyalist: { zh: "潜在忠诚客户", en: "Potential Loyalist" },
  new: { zh: "新客户", en: "New" },
  promising: { zh: "有潜力客户", en: "Promising" },
  needAttention: { zh: "需要关注客户", en: "Need Attention" },
  aboutToSleep: { zh: "即将沉睡客户", en: "About to Sleep" },
  atRisk: { zh: "有风险客户", en: "At Risk" },
  cantLose: { zh: "不能失去的客户", en: "Can't Lose" },
  hibernating: { zh: "沉睡客户", en: "Hibernating" },
};

/** The contract's map: RF10_GRID[R − 1][F − 1]. */
export const RF10_GRID: readonly (readonly Rf10Key[])[] = [
  ["hibernating", "hibernating", "atRisk", "atRisk", "cantLose"],
  ["hibernating", "hibernating", "atRisk", "atRisk", "cantLose"],
  ["aboutToSleep", "aboutToSleep", "needAttention", "loyal", "loyal"],
  ["promising", "potentialLoyalist", "potentialLoyalist", "loyal", "loyal"],
  ["new", "potentialLoyalist", "potentialLoyalist", "champions", "champions"],
];

/** What a customer no rule matches is called. */
export const OTHERS: Bilingual = { zh: "其他", en: "Others" };

/** A user rule: bounds inclusive; the first rule that matches wins. */
export interface SegmentRule {
  name: string;
  r: readonly [number, number];
  f: readonly [number, number];
  m: readonly [number, number];
}

export type SchemeName = "cn8" | "rf10";
export type Scheme = SchemeName | readonly SegmentRule[];

/** High in cn8: a score above the middle, (bins + 1) / 2 (for 5 bins: 4 and 5). */
export function isHigh(score: number, bins: number = DEFAULT_BINS): boolean {
  return score > (bins + 1) / 2;
}

/** The cn8 class of a valid triple. */
export function cn8Segment(r: number, f: number, m: number, bins: number = DEFAULT_BINS): Cn8Segment {
  return CN8_BY_BITS[(isHigh(r, bins) ? 4 : 0) + (isHigh(f, bins) ? 2 : 0) + (isHigh(m, bins) ? 1 : 0)];
}

/** The rf10 segment of valid 5-point R and F scores. */
export function rf10Segment(r: number, f: number): Rf10Key {
  return RF10_GRID[r - 1][f - 1];
}

/** Which of the scores is not a whole number 1..bins: 0 none, 1 r, 2 f, 3 m. */
function badScore(r: number, f: number, m: number, bins: number): number {
  if (!(Number.isInteger(r) && r >= 1 && r <= bins)) return 1;
  if (!(Number.isInteger(f) && f >= 1 && f <= bins)) return 2;
  if (!(Number.isInteger(m) && m >= 1 && m <= bins)) return 3;
  return 0;
}

function scoreError(which: number, value: unknown, bins: number, at: (name: string) => string): CrmError {
  const name = at(["r_score", "f_score", "m_score"][which - 1]);
  if (typeof value !== "number") return valueError(`${name} must be a number`);
  return numError(`${name} must be a whole number from 1 to ${bins} (got ${value})`);
}

/** rf10 is defined on 5-point scores only. */
export function checkScheme(scheme: Scheme, bins: number): void {
  checkBins(bins);
  if (scheme === "rf10" && bins !== 5) throw numError(`scheme rf10 needs 5-point scores (bins 5), got bins ${bins}`);
}

/**
 * The names a scheme gives, indexed by segmentCode: cn8 by the bits r·4 + f·2 + m, rf10 in
 * RF10_SEGMENTS' order, rules in their order and then OTHERS.
 */
export function segmentNames(scheme: Scheme, lang: Language): readonly string[] {
  if (scheme === "cn8") return CN8_BY_BITS.map((s) => s.label[lang]);
  if (scheme === "rf10") return RF10_KEYS.map((k) => RF10_SEGMENTS[k][lang]);
  return [...scheme.map((rule) => rule.name), OTHERS[lang]];
}

const RF10_KEYS = Object.keys(RF10_SEGMENTS) as Rf10Key[];
const RF10_CODES: readonly (readonly number[])[] = RF10_GRID.map((row) => row.map((key) => RF10_KEYS.indexOf(key)));

/** The index into segmentNames of valid scores (checked by the caller). */
function segmentCode(r: number, f: number, m: number, scheme: Scheme, bins: number): number {
  if (scheme === "cn8") return (isHigh(r, bins) ? 4 : 0) + (isHigh(f, bins) ? 2 : 0) + (isHigh(m, bins) ? 1 : 0);
  if (scheme === "rf10") return RF10_CODES[r - 1][f - 1];
  for (let k = 0; k < scheme.length; k++) {
    const rule = scheme[k];
    if (r >= rule.r[0] && r <= rule.r[1] && f >= rule.f[0] && f <= rule.f[1] && m >= rule.m[0] && m <= rule.m[1]) return k;
  }
  return scheme.length;
}

/**
 * The segment name of one customer. Scores must be whole numbers 1..bins (#NUM! otherwise);
 * rf10 ignores m and needs bins 5.
 */
export function segmentOf(r: number, f: number, m: number, scheme: Scheme = "cn8", lang: Language = "zh", bins: number = DEFAULT_BINS): string {
  checkScheme(scheme, bins);
  const mm = scheme === "rf10" ? 1 : m;
  const bad = badScore(r, f, mm, bins);
  if (bad) throw scoreError(bad, [r, f, mm][bad - 1], bins, (name) => name);
  return segmentNames(scheme, lang)[segmentCode(r, f, mm, scheme, bins)];
}

/** Score columns, one customer per index (numbers or a row's own error; per-row cells or typed). */
export interface ScoreColumns {
  r: ArrayLike<Cell<number>> | NumberColumn;
  f: ArrayLike<Cell<number>> | NumberColumn;
  m: ArrayLike<Cell<number>> | NumberColumn;
}

/**
 * Segments of many customers as codes: names[codes[i]] is row i's segment (a million customers
 * share a handful of names), or, where codes[i] is −1, errors.get(i) is the row's error (its own
 * conversion error, or a score that is not a whole number 1..bins). Columns of different lengths
 * are #VALUE!; for rf10 the m column is ignored altogether (its length and values).
 */
export interface SegmentCodes {
  readonly names: readonly string[];
  readonly codes: Int32Array;
  readonly errors: ReadonlyMap<number, CrmError>;
}

export function segmentCodes(scores: ScoreColumns, scheme: Scheme = "cn8", lang: Language = "zh", bins: number = DEFAULT_BINS): SegmentCodes {
  checkScheme(scheme, bins);
  const n = columnLength(scores.r);
  const nf = columnLength(scores.f);
  const nm = columnLength(scores.m);
  const useM = scheme !== "rf10";
  if (nf !== n || (useM && nm !== n)) {
    throw valueError(`r_score, f_score${useM ? " and m_score" : ""} must have the same number of rows (got ${n}, ${nf}${useM ? ` and ${nm}` : ""})`);
  }
  // Per-row cells are read into columns too; a row with any bad cell is then named from its own cells.
  const placeholder = () => valueError("");
  const rc = toNumberColumn(scores.r, placeholder);
  const fc = toNumberColumn(scores.f, placeholder);
  const mc = useM ? toNumberColumn(scores.m, placeholder) : undefined;
  const codes = new Int32Array(n);
  const errors = new Map<number, CrmError>();
  const r = rc.values;
  const f = fc.values;
  const m = mc?.values;
  const anyErrors = rc.errors.size > 0 || fc.errors.size > 0 || (mc !== undefined && mc.errors.size > 0);
  for (let i = 0; i < n; i++) {
    let code: Cell<number>;
    if (anyErrors && (rc.errors.has(i) || fc.errors.has(i) || (mc !== undefined && mc.errors.has(i)))) {
      code = segmentCell(cellAt(scores.r, i), cellAt(scores.f, i), useM ? cellAt(scores.m, i) : 1, i, n, scheme, bins);
    } else {
      const rv = r[i];
      const fv = f[i];
      const mv = m ? m[i] : 1;
      code = badScore(rv, fv, mv, bins) ? segmentCell(rv, fv, mv, i, n, scheme, bins) : segmentCode(rv, fv, mv, scheme, bins);
    }
    if (code instanceof CrmError) {
      codes[i] = -1;
      errors.set(i, code);
    } else codes[i] = code;
  }
  return { names: segmentNames(scheme, lang), codes, errors };
}

/** CRM.RFMSEGMENT on columns: one name or error per row (segmentCodes, spelled out). */
export function segmentAll(scores: ScoreColumns, scheme: Scheme = "cn8", lang: Language = "zh", bins: number = DEFAULT_BINS): Cell<string>[] {
  const { names, codes, errors } = segmentCodes(scores, scheme, lang, bins);
  return Array.from(codes, (code, i) => (code < 0 ? (errors.get(i) as CrmError) : names[code]));
}

function cellAt(c: ArrayLike<Cell<number>> | NumberColumn, i: number): Cell<number> {
  return isNumberColumn(c) ? (c.errors.get(i) ?? c.values[i]) : c[i];
}

/** The code of one row's cells, or its error: a cell's own error first, then the first bad score. */
function segmentCell(r: Cell<number>, f: Cell<number>, m: Cell<number>, i: number, n: number, scheme: Scheme, bins: number): Cell<number> {
  if (r instanceof CrmError) return r;
  if (f instanceof CrmError) return f;
  if (m instanceof CrmError) return m;
  const bad = badScore(r, f, m, bins);
  return bad ? scoreError(bad, [r, f, m][bad - 1], bins, (name) => (n === 1 ? name : `${name} value ${i + 1}`)) : segmentCode(r, f, m, scheme, bins);
}

/**
 * User rules from a 7-column block (name, R low, R high, F low, F high, M low, M high). A first
 * row whose six bounds are all text is a header and is skipped. Blank or non-numeric bounds are
 * #VALUE!, a low bound above its high bound is #NUM! (it could never match), naming the rule.
 */
export function parseRules(rows: readonly (readonly unknown[])[]): SegmentRule[] {
  if (rows.length === 0 || rows[0].length !== 7) throw valueError(`scheme must be "cn8", "rf10" or a range of 7 columns (name, R low, R high, F low, F high, M low, M high)${rows.length ? `; got ${rows[0].length} columns` : ""}`);
  const isHeader = rows[0].slice(1).every((c) => typeof c === "string" && c.trim() !== "" && !Number.isFinite(Number(c)));
  const body = isHeader ? rows.slice(1) : rows;
  if (body.length === 0) throw valueError("scheme has a header but no rules");
  const dims = ["R", "F", "M"] as const;
  return body.map((row, i) => {
    const where = `scheme rule ${i + 1}`;
    const name = row[0];
    if (typeof name === "number" && Number.isFinite(name)) {
      // a numeric name is kept as its text
    } else if (typeof name !== "string" || name.trim() === "") throw valueError(`${where}: the name is blank`);
    const bounds = row.slice(1).map((c, j) => {
      if (typeof c !== "number" || !Number.isFinite(c)) throw valueError(`${where}: ${dims[j >> 1]} ${j % 2 ? "high" : "low"} must be a number`);
      return c;
    });
    for (let d = 0; d < 3; d++) {
      if (bounds[2 * d] > bounds[2 * d + 1]) throw numError(`${where}: ${dims[d]} low ${bounds[2 * d]} is above ${dims[d]} high ${bounds[2 * d + 1]}`);
    }
    return { name: String(name), r: [bounds[0], bounds[1]], f: [bounds[2], bounds[3]], m: [bounds[4], bounds[5]] };
  });
}

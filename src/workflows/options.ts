/**
 * A workflow's options as declared beside it: the form the pane shows (controls holding what the
 * person typed, as text), its defaults, and how that text becomes the workflow's option object or
 * messages naming the field. The pane renders the controls and the command line fills the same
 * form from its flags, so both read options alike. Text is forgiving about how people type
 * numbers: "10%", "0.1", full-width digits and Chinese commas all work.
 */
import { isoToSerial } from "../core/dates";
import { fillPlaceholders, type Bilingual, type Language } from "../core/labels";
import type { CommonOptions, SourceMode } from "./types";

/** What the person typed, per control key ("language" is the labels' language, every workflow has it). */
export type FormValues = Record<string, string | boolean> & { language: Language };

export type OptionControl =
  | { key: string; kind: "text" | "date"; label: Bilingual; /** A whole row of the form. */ wide?: boolean; /** "separated by commas" under it. */ list?: boolean }
  | { key: string; kind: "choice"; label: Bilingual; choices: readonly { value: string; label: Bilingual }[] }
  | { key: string; kind: "check"; label: Bilingual };

export interface OptionsDeclaration<O extends CommonOptions> {
  /** The form's controls in order (the labels' language is added after them). */
  controls: readonly OptionControl[];
  /** The form's text when nothing was typed; `asOf` is today's date (yyyy-mm-dd). */
  defaults(asOf: string): Record<string, string | boolean>;
  /** Other controls that follow a change (e.g. new bucket edges bring default rates). */
  onChange?(form: FormValues, key: string, value: string | boolean): Record<string, string | boolean>;
  /** The options from the form, read through `r` (which records what is wrong). */
  build(r: OptionReader, form: FormValues): Omit<O, keyof CommonOptions | "mode">;
}

export interface OptionError {
  field: string;
  message: string;
}

export type Built<T> = { ok: true; options: T } | { ok: false; errors: OptionError[] };

const MESSAGES = {
  invalidOption: { zh: "{field}：{message}", en: "{field}: {message}" },
  optNotNumber: { zh: "请输入数字", en: "enter a number" },
  optNotDate: { zh: "请输入日期", en: "enter a date" },
  optNotList: { zh: "请输入用逗号分隔的数字", en: "enter numbers separated by commas" },
  optListLength: { zh: "需要 {count} 个数字", en: "needs {count} numbers" },
  optRange: { zh: "应在 {min} 与 {max} 之间", en: "must be between {min} and {max}" },
} satisfies Record<string, Bilingual>;

/** ISO date text of a local calendar day (the date input's format). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** 0.1 → "10%", 0.005 → "0.5%" (no binary noise such as 0.30000000000000004). */
export function percentText(fraction: number): string {
  return `${+(fraction * 100).toPrecision(10)}%`;
}

export function listText(values: readonly number[], format: (n: number) => string = String): string {
  return values.map(format).join(", ");
}

/** Full-width digits and punctuation (common in Chinese input) to their ASCII forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** A number as typed: "12", "-3.5", "10%" (→ 0.1). Undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const s = halfWidth(text).trim();
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  return m[2] ? n / 100 : n;
}

/** Numbers separated by commas (also "，", "、", ";" or spaces). Undefined when any part is not a number. */
export function parseList(text: string): number[] | undefined {
  const parts = halfWidth(text)
    .split(/[,;、\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    const n = parseNumber(p);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** Reads a form's text as numbers, lists and dates; each reader returns undefined after recording an error. */
export class OptionReader {
  readonly errors: OptionError[] = [];
  constructor(
    private readonly form: FormValues,
    private readonly labels: Record<string, Bilingual>,
    private readonly ui: Language,
  ) {}

  private fail(field: string, key: keyof typeof MESSAGES, vars: Record<string, string | number> = {}): undefined {
    const name = this.labels[field]?.[this.ui] ?? field;
    const message = fillPlaceholders(MESSAGES[key][this.ui], vars);
    this.errors.push({ field, message: fillPlaceholders(MESSAGES.invalidOption[this.ui], { field: name, message }) });
    return undefined;
  }

  text(field: string): string {
    return String(this.form[field] ?? "");
  }

  checked(field: string): boolean {
    return this.form[field] === true;
  }

  number(field: string, min: number, max: number, options: { optional?: boolean; integer?: boolean } = {}): number | undefined {
    const text = this.text(field);
    if (text.trim() === "" && options.optional) return undefined;
    const n = parseNumber(text);
    if (n === undefined || (options.integer && !Number.isInteger(n))) return this.fail(field, "optNotNumber");
    if (n < min || n > max) return this.fail(field, "optRange", { min, max });
    return n;
  }

  list(field: string, count: number | undefined, min: number, max: number): number[] | undefined {
    const list = parseList(this.text(field));
    if (!list) return this.fail(field, "optNotList");
    if (count !== undefined && list.length !== count) return this.fail(field, "optListLength", { count });
    if (list.some((n) => n < min || n > max)) return this.fail(field, "optRange", { min, max });
    return list;
  }

  date(field: string): number | undefined {
    const serial = isoToSerial(this.text(field));
    return serial === undefined ? this.fail(field, "optNotDate") : serial;
  }
}

interface HasOptions<O extends CommonOptions> {
  options: OptionsDeclaration<O>;
  modes: readonly { id: SourceMode }[];
}

/** The form with every control at its default. */
export function defaultForm(def: HasOptions<CommonOptions>, language: Language, asOf: string): FormValues {
  return { ...def.options.defaults(asOf), language };
}

/** A change of one control, with whatever follows from it. */
export function changeForm(def: HasOptions<CommonOptions>, form: FormValues, key: string, value: string | boolean): Record<string, string | boolean> {
  return { [key]: value, ...(def.options.onChange?.(form, key, value) ?? {}) };
}

/**
 * The workflow's options from its form, or the messages naming each wrong field in the UI
 * language. A workflow with several source modes gets `mode` (the first mode by default).
 */
export function buildOptions<O extends CommonOptions>(def: HasOptions<O>, form: FormValues, ui: Language, mode?: SourceMode): Built<O> {
  const labels = Object.fromEntries(def.options.controls.map((c) => [c.key, c.label]));
  const r = new OptionReader(form, labels, ui);
  const own = def.options.build(r, form);
  if (r.errors.length) return { ok: false, errors: r.errors };
  const common = def.modes.length > 1 ? { language: form.language, mode: mode ?? def.modes[0].id } : { language: form.language };
  return { ok: true, options: { ...common, ...own } as unknown as O };
}

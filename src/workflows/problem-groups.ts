/**
 * Problems a person can work through: grouped by kind and column with their counts
 * ("日期无法识别（交易日期，C 列）: 12 行"), each with the cells to jump to, and the whole list as
 * text to copy (tab-separated, so it pastes into a sheet). The task pane and the command line's
 * --json show the same groups. Pure.
 */
import type { Bilingual, Language } from "../core/labels";
import { WORKFLOW_DEFINITIONS } from "./registry";
import type { FieldId, Problem, ProblemKind, ValidationReport } from "./types";

export const PROBLEM_GROUP_TITLE: Record<ProblemKind, Bilingual> = {
  blank: { zh: "为空", en: "Blank" },
  notNumber: { zh: "数字无法识别", en: "Not a number" },
  notDate: { zh: "日期无法识别", en: "Not a date" },
  negative: { zh: "负数", en: "Negative" },
  outOfRange: { zh: "超出范围", en: "Out of range" },
  afterAsOf: { zh: "晚于分析日期", en: "After the as-of date" },
  duplicateId: { zh: "客户编号重复", en: "Duplicate customer id" },
  inconsistent: { zh: "同一客户各行不一致", en: "Lines of a customer differ" },
  errorValue: { zh: "错误值（#N/A 等）", en: "Error value (#N/A…)" },
  dateOrder: { zh: "日月顺序待确认", en: "Day/month order to confirm" },
  overflow: { zh: "数额过大（合计超出 Excel 的最大数）", en: "Too large (the sum is beyond Excel's largest number)" },
};

export interface ProblemCell {
  row: number;
  column: string;
  /** "C14" */
  address: string;
  message: string;
}

export interface ProblemGroup {
  kind: ProblemKind;
  field: FieldId;
  column: string;
  /** "日期无法识别（交易日期，C 列）" / "Not a date (Date, column C)" */
  title: string;
  /** "日期无法识别（交易日期，C 列）: 12 行" / "Not a date (Date, column C): 12 rows" */
  line: string;
  /** Sheet rows, ascending, each once. */
  rows: number[];
  cells: ProblemCell[];
}

const LABELS = new Map<FieldId, Bilingual>();
for (const def of WORKFLOW_DEFINITIONS) for (const mode of def.modes) for (const f of mode.fields) if (!LABELS.has(f.id)) LABELS.set(f.id, f.label);

/** A field's name in a language (the same in every workflow that has it). */
export function fieldLabel(field: FieldId, language: Language): string {
  return LABELS.get(field)?.[language] ?? field;
}

/**
 * The problems of a report grouped by kind and column, in the order their first rows come.
 * `describe` words each cell's problem (the pane: in the UI language; default: the engine's message).
 */
export function groupProblems(report: Pick<ValidationReport, "problems">, language: Language, describe: (p: Problem) => string = (p) => p.message): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of report.problems) {
    const key = `${p.kind}|${p.field}|${p.column}`;
    let g = groups.get(key);
    if (!g) {
      const name = fieldLabel(p.field, language);
      const kind = PROBLEM_GROUP_TITLE[p.kind][language];
      const title = language === "zh" ? `${kind}（${name}，${p.column} 列）` : `${kind} (${name}, column ${p.column})`;
      g = { kind: p.kind, field: p.field, column: p.column, title, line: "", rows: [], cells: [] };
      groups.set(key, g);
    }
    g.cells.push({ row: p.row, column: p.column, address: `${p.column}${p.row}`, message: describe(p) });
    if (!g.rows.includes(p.row)) g.rows.push(p.row);
  }
  const out = [...groups.values()];
  for (const g of out) {
    g.rows.sort((a, b) => a - b);
    const n = g.rows.length;
    g.line = language === "zh" ? `${g.title}: ${n} 行` : `${g.title}: ${n} row${n === 1 ? "" : "s"}`;
  }
  return out;
}

/** The groups as text to copy: each group's line, then one tab-separated line per cell (address, message). */
export function problemsAsText(groups: readonly ProblemGroup[]): string {
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(g.line);
    for (const c of g.cells) lines.push(`${c.address}\t${c.message}`);
  }
  return lines.join("\n");
}

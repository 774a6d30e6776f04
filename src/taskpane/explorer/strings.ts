/** The function explorer's texts in Chinese and English. */
import { Language } from "../../core/labels";
import { fillPlaceholders } from "../../core/labels";

const strings = {
  tab: { zh: "函数助手", en: "Function explorer" },
  intro: {
    zh: "选择一个 CRM 函数，填入参数，即可看到结果或错误说明——与在 Excel 单元格中输入公式得到的完全相同。",
    en: "Pick a CRM function and fill in its arguments to see the result, or the error and why — exactly what the formula gives in an Excel cell.",
  },
  function: { zh: "函数", en: "Function" },
  loading: { zh: "正在读取函数列表…", en: "Loading the functions…" },
  loadFailed: { zh: "无法读取函数列表：{message}", en: "Could not load the functions: {message}" },
  examples: { zh: "示例（点击填入）", en: "Examples (click to fill in)" },
  optional: { zh: "可选", en: "optional" },
  required: { zh: "必填", en: "required" },
  inputHint: {
    zh: "可输入数字（8%）、文字、列表（{1,2,3} 或 1;2;3），或引用单元格（=B5:B14）。",
    en: "Type a number (8%), text, a list ({1,2,3} or 1;2;3) or a cell reference (=B5:B14).",
  },
  useSelection: { zh: "用选中的区域", en: "Use the selection" },
  noSelection: { zh: "请先在工作表中选中单元格。", en: "Select some cells in the sheet first." },
  calculate: { zh: "计算", en: "Calculate" },
  clear: { zh: "清空", en: "Clear" },
  result: { zh: "结果", en: "Result" },
  error: { zh: "错误", en: "Error" },
  formula: { zh: "公式", en: "Formula" },
  copy: { zh: "复制公式", en: "Copy formula" },
  copied: { zh: "已复制", en: "Copied" },
  insert: { zh: "插入到选中的单元格", en: "Insert into the selected cell" },
  inserted: { zh: "已插入", en: "Inserted" },
  help: { zh: "帮助：CRM.{id}", en: "Help: CRM.{id}" },
  allHelp: { zh: "全部函数的帮助", en: "Help on all functions" },
  pasteFormula: { zh: "或粘贴一个公式", en: "Or paste a formula" },
  pastePlaceholder: { zh: "=CRM.CLV(8%, 10, 1000)", en: "=CRM.CLV(8%, 10, 1000)" },
  load: { zh: "填入", en: "Fill in" },
  notCrm: { zh: "这不是 CRM 函数的公式：{formula}", en: "This is not a CRM function formula: {formula}" },
  tableSize: { zh: "{rows} 行 × {columns} 列", en: "{rows} rows × {columns} columns" },
} as const;

export type ExplorerString = keyof typeof strings;

export function xt(key: ExplorerString, lang: Language, vars: Record<string, string | number> = {}): string {
  return fillPlaceholders(strings[key][lang], vars);
}

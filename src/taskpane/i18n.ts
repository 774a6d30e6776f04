/**
 * Task-pane text in Chinese and English. The language follows Office's display language in
 * Excel; in the preview, ?lang=zh|en, else the browser's language.
 */
import { fillPlaceholders, Language } from "../core/labels";

export function languageFromTag(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const t = tag.toLowerCase();
  if (t.startsWith("zh")) return "zh";
  if (t.startsWith("en")) return "en";
  return undefined;
}

/** The language names on the pane's switch, each in its own language. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { zh: "中文", en: "English" };

/** ?lang= wins, then Office's display language, then the browser's; Chinese by default. */
export function resolveLanguage(search: string, officeLanguage?: string, browserLanguages: readonly string[] = []): Language {
  const fromQuery = languageFromTag(new URLSearchParams(search).get("lang"));
  if (fromQuery) return fromQuery;
  const fromOffice = languageFromTag(officeLanguage);
  if (fromOffice) return fromOffice;
  for (const tag of browserLanguages) {
    const l = languageFromTag(tag);
    if (l) return l;
  }
  return "zh";
}

const strings = {
  title: { zh: "CRM 客户分析", en: "CRM Analytics" },
  subtitle: { zh: "客户终生价值、RFM 分群、信用与应收账款", en: "Lifetime value, RFM segments, credit and receivables" },
  hostExcel: { zh: "运行于 Excel", en: "Running in Excel" },
  hostPreview: { zh: "预览模式（浏览器，无 Excel）", en: "Preview (browser, no Excel)" },
  loading: { zh: "正在加载…", en: "Loading…" },
  language: { zh: "语言", en: "Language" },
  /** The pane's own language switch: each language named in itself. */
  languageSwitch: { zh: "界面语言 Language", en: "Language 界面语言" },
  langZh: { zh: "中文", en: "Chinese" },
  langEn: { zh: "英文", en: "English" },
  paneTabs: { zh: "功能", en: "Sections" },
  loadFailed: { zh: "无法打开工作簿：{message}", en: "Could not open the workbook: {message}" },
  downloadFailed: { zh: "无法下载工作簿：{message}", en: "Could not download the workbook: {message}" },
  // Opening and downloading in the preview (the offload worker's phases)
  fileTask_open: { zh: "正在打开 {name}", en: "Opening {name}" },
  fileTask_download: { zh: "正在生成下载文件", en: "Preparing the download" },
  filePhase_parse: { zh: "读取文件", en: "Reading the file" },
  filePhase_build: { zh: "载入行", en: "Loading rows" },
  filePhase_prepare: { zh: "整理工作簿", en: "Gathering the workbook" },
  filePhase_write: { zh: "写入 .xlsx（含图表）", en: "Writing the .xlsx (with charts)" },
  fileTask_transactions: { zh: "正在汇总 {name}", en: "Summing up {name}" },
  filePhase_readFile: { zh: "读取交易", en: "Reading transactions" },
  filePhase_writeSheet: { zh: "写入客户", en: "Writing customers" },
  fileReadProgress: { zh: "{phase}：{percent}% · {rows} 笔交易，{customers} 位客户", en: "{phase}: {percent}% · {rows} transactions, {customers} customers" },

  // A transactions file larger than a sheet, summed per customer onto a new sheet (RFM's source section)
  txFile: { zh: "打开交易文件…", en: "Open a transactions file…" },
  txFileInput: { zh: "选择交易文件（.csv 或 .parquet）", en: "Choose a transactions file (.csv or .parquet)" },
  txFileHint: {
    zh: "CSV 或 Parquet，每行一笔交易，可多于工作表的 1,048,576 行：按客户汇总（同 CRM.RFMTABLE）后写入新工作表，交易本身不写入。",
    en: "CSV or Parquet, one row per transaction, may be longer than a sheet (1,048,576 rows): summed per customer (as CRM.RFMTABLE) onto a new sheet; the transactions themselves are not written.",
  },
  txFileDone: {
    zh: "已从 {name} 读取 {rows} 笔交易，{customers} 位客户写入新工作表“{sheet}”。RFM 已读取此表（每行一位客户），列已对应。",
    en: "Read {rows} transactions from {name}; {customers} customers written to the new sheet “{sheet}”. RFM now reads this sheet (one row per customer) with its columns mapped.",
  },
  txFileInvalid: { zh: "{name} 中有错误的行，未写入任何内容：{message}", en: "{name} has a bad row; nothing was written: {message}" },
  txFileUnmapped: { zh: "{name} 中找不到以下列：{fields}（文件的列：{headers}）。未写入任何内容。", en: "{name} has no column for: {fields} (its columns: {headers}). Nothing was written." },
  txFileDayMonth: {
    zh: "{name} 的日期如 {example}，看不出先写日还是先写月。请选择，文件将重新读取：",
    en: "The dates of {name}, such as {example}, may be day-first or month-first. Say which, and the file is read again:",
  },
  txFilePick: { zh: "请为 {name} 选择列，然后重新读取：", en: "Pick the columns of {name}, then read it again:" },
  txFileReadWith: { zh: "按所选列读取", en: "Read with these columns" },
  txFileTooMany: {
    zh: "{name} 有 {customers} 位客户，一张工作表最多容纳 1,048,575 位（另有标题行）：未写入任何内容。请改用命令行：crm rfm {name} --rows transactions -o 结果.csv",
    en: "{name} has {customers} customers; a sheet holds 1,048,575 at most (below its header): nothing was written. Use the command line instead: crm rfm {name} --rows transactions -o result.csv",
  },
  txFileFailed: { zh: "无法读取 {name}：{message}", en: "Could not read {name}: {message}" },
  txFileCancelled: { zh: "已取消；工作簿保持原样。", en: "Cancelled; the workbook is as it was." },

  // Preview: workbook, sample picker, grid
  previewToolbar: { zh: "预览工作簿", en: "Preview workbook" },
  sample: { zh: "示例工作簿", en: "Sample workbook" },
  sample_customers: { zh: "客户（每行一位客户）", en: "Customers (one row per customer)" },
  sample_transactions: { zh: "交易明细（每行一笔交易）", en: "Transactions (one row per sale)" },
  sample_invoices: { zh: "应收发票", en: "Open invoices" },
  sample_credit: { zh: "信用评估（5C）", en: "Credit review (5 C)" },
  sample_cdnow: { zh: "CDNOW 交易（预测客户价值）", en: "CDNOW transactions (predict value)" },
  sample_exercises: { zh: "教材练习", en: "Textbook exercises" },
  openFile: { zh: "打开 .xlsx/.csv 文件…", en: "Open .xlsx or .csv…" },
  openedFile: { zh: "已打开文件：{name}", en: "Open file: {name}" },
  noSample: { zh: "（已打开自己的文件）", en: "(your own file is open)" },
  openFileInput: { zh: "选择要打开的 .xlsx 或 .csv 文件", en: "Choose an .xlsx or .csv file to open" },
  download: { zh: "下载工作簿", en: "Download workbook" },
  sheetTabs: { zh: "工作表", en: "Sheets" },
  sheetGrid: { zh: "工作表 {sheet}", en: "Sheet {sheet}" },
  gridSize: { zh: "{rows} 行 × {columns} 列", en: "{rows} rows × {columns} columns" },
  goTo: { zh: "定位单元格", en: "Go to cell" },
  goToButton: { zh: "定位", en: "Go" },
  editCell: { zh: "编辑单元格 {ref}", en: "Edit cell {ref}" },
  formulaBar: { zh: "编辑栏", en: "Formula bar" },
  emptySheet: { zh: "此工作表为空", en: "This sheet is empty" },
  charts: { zh: "图表", en: "Charts" },

  // Workflows
  workflowTabs: { zh: "分析流程", en: "Workflows" },

  source: { zh: "数据源", en: "Source" },
  sourceActiveSheet: { zh: "当前工作表（已用区域）", en: "Active sheet (used range)" },
  sourceSelection: { zh: "所选区域", en: "Selected range" },
  readSource: { zh: "读取数据源", en: "Read source" },
  sourceSummary: { zh: "{range}：{rows} 行数据（首行为标题）", en: "{range}: {rows} data rows (first row is the header)" },
  sourceSummaryBelowTitles: { zh: "{range}：{rows} 行数据（标题在第 {header} 行，其上 {titles} 行表头说明未计入）", en: "{range}: {rows} data rows (header in row {header}; {titles} title rows above it left out)" },
  sourceNone: { zh: "尚未读取数据源。", en: "No source read yet." },
  sourceReading: { zh: "正在读取数据源…", en: "Reading the source…" },
  sourceOtherSheet: { zh: "现在显示的是工作表 {sheet}，数据源仍在 {source}。要分析显示的工作表，请点“读取数据源”。", en: "Sheet {sheet} is shown; the source is still on {source}. To use the sheet shown, click Read source." },
  sourceRemembered: { zh: "已使用此工作表上次保存的列对应。", en: "Using the column mapping remembered for this sheet." },
  sourceGuessed: { zh: "已根据标题猜测列对应，请核对。", en: "Columns were guessed from the headers; please check them." },

  mapping: { zh: "列对应", en: "Column mapping" },
  notMapped: { zh: "（不使用）", en: "(not used)" },
  requiredField: { zh: "必填", en: "required" },
  missingFields: { zh: "缺少必需的列：{fields}", en: "Required columns missing: {fields}" },
  column: { zh: "{letter} 列：{header}", en: "Column {letter}: {header}" },

  options: { zh: "选项", en: "Options" },
  labelLanguage: { zh: "结果标签语言", en: "Language of labels" },
  listHint: { zh: "用逗号分隔", en: "separated by commas" },

  validate: { zh: "检查数据", en: "Validate data" },
  validating: { zh: "正在检查…", en: "Validating…" },
  noProblems: { zh: "未发现问题：{rows} 行数据均可使用。", en: "No problems: all {rows} rows can be used." },
  problemsFound: { zh: "发现 {count} 个问题，涉及 {rows} 行。", en: "Problems found: {count} (rows affected: {rows})." },
  problemList: { zh: "问题列表", en: "Problems" },
  problemMore: { zh: "…另有 {count} 个问题未列出", en: "…and {count} more problems" },
  problemRow: { zh: "第 {row} 行，{column} 列（{field}）：{what}", en: "Row {row}, column {column} ({field}): {what}" },
  copyProblems: { zh: "复制问题列表", en: "Copy the list" },
  copiedProblems: { zh: "已复制", en: "Copied" },
  selectProblemCell: { zh: "选中单元格 {address}", en: "Select cell {address}" },
  dateOrderAsk: { zh: "{field}（{column} 列）的日期如 {examples}，看不出先写日还是先写月（{rows} 行）：", en: "The dates of {field} (column {column}), such as {examples}, may be day-first or month-first ({rows} rows):" },
  dateOrderDmy: { zh: "日/月/年", en: "Day/month/year" },
  dateOrderMdy: { zh: "月/日/年", en: "Month/day/year" },
  sourceNotes: { zh: "读取说明", en: "How the sheet was read" },
  leftOutCount: { zh: "未计入的行：{count} 行", en: "Rows left out: {count}" },
  leftOutMore: { zh: "…另有 {count} 行", en: "…and {count} more" },
  readFromTextLine: { zh: "由文本读出的值：{list}", en: "Values read from text: {list}" },
  idVariantLine: { zh: "第 {row} 行的“{value}”与第 {first} 行的“{firstValue}”视为同一客户", en: "row {row} “{value}” read as the same customer as row {first} “{firstValue}”" },
  pk_blank: { zh: "为空", en: "blank" },
  pk_notNumber: { zh: "不是数字（{value}）", en: "not a number ({value})" },
  pk_notDate: { zh: "不是日期（{value}）", en: "not a date ({value})" },
  pk_negative: { zh: "为负数（{value}）", en: "negative ({value})" },
  pk_outOfRange: { zh: "超出范围（{value}）", en: "out of range ({value})" },
  pk_afterAsOf: { zh: "晚于统计截止日（{value}）", en: "after the as-of date ({value})" },
  pk_duplicateId: { zh: "客户编号重复（{value}）", en: "duplicate customer id ({value})" },
  pk_inconsistent: { zh: "与该客户其他行不一致（{value}）", en: "differs from the customer's other lines ({value})" },
  pk_errorValue: { zh: "是错误值（{value}）", en: "an error value ({value})" },
  pk_dateOrder: { zh: "日月顺序不明（{value}）", en: "day/month order unclear ({value})" },
  pk_overflow: { zh: "数额过大，合计超出 Excel 能表示的最大数（{value}）", en: "too large: the sum is beyond the largest number Excel holds ({value})" },
  // Neither this nor the other buttons beside Run may contain the Run button's name ("运行" / "run"):
  // a search for the button by its name would find them too.
  skipAndRun: { zh: "跳过有问题的行（{rows} 行），计算其余行", en: "Skip the bad rows ({rows}), compute the rest" },
  invalidStopped: { zh: "数据有问题，未写入任何内容。可跳过有问题的行，或修改数据后重新运行。", en: "The data has problems; nothing was written. Skip the bad rows, or fix the data and run again." },

  run: { zh: "运行", en: "Run" },
  running: { zh: "正在运行…", en: "Running…" },
  cancel: { zh: "取消", en: "Cancel" },
  dismiss: { zh: "关闭", en: "Dismiss" },
  cancelled: { zh: "已取消。", en: "Cancelled." },
  failed: { zh: "运行失败：{message}", en: "The run failed: {message}" },
  progress: { zh: "进度", en: "Progress" },
  phase_read: { zh: "读取数据", en: "Reading" },
  phase_validate: { zh: "检查数据", en: "Validating" },
  phase_compute: { zh: "计算", en: "Computing" },
  phase_write: { zh: "写入结果", en: "Writing" },
  phase_summary: { zh: "生成汇总", en: "Summarising" },
  progressText: { zh: "{phase}：{done} / {total}", en: "{phase}: {done} of {total}" },

  confirmTitle: { zh: "替换已修改的结果？", en: "Replace edited results?" },
  confirmBody: { zh: "本加载项之前写入的以下结果已被修改。重新运行会替换它们，修改将丢失。", en: "You have edited these results the add-in wrote earlier. Running again replaces them and your edits are lost." },
  confirmReplace: { zh: "替换并运行", en: "Replace and run" },
  confirmKeep: { zh: "保留，不运行", en: "Keep them, don't run" },
  removeResults: { zh: "移除结果", en: "Remove results" },
  removedResults: { zh: "已移除本工作流写入的 {count} 项结果（{list}）；其他内容未改动。", en: "Removed this workflow's {count} results ({list}); nothing else was touched." },
  removedNothing: { zh: "没有本工作流写入的结果可移除。", en: "There are no results of this workflow to remove." },
  keptEdited: { zh: "已保留您修改过的结果，本次未运行，也未写入任何内容。", en: "Your edited results were kept: nothing ran and nothing was written." },
  editedColumns: { zh: "{sheet} 中的列：{headers}", en: "Columns on {sheet}: {headers}" },
  editedSheet: { zh: "工作表 {sheet}", en: "Sheet {sheet}" },

  resultTitle: { zh: "结果", en: "Result" },
  resultDone: { zh: "完成：读取 {read} 行，写入 {written} 行，用时 {seconds} 秒。", en: "Done. Rows read: {read}; rows written: {written}; time: {seconds} s." },
  resultSkipped: { zh: "跳过了 {rows} 行有问题的数据。", en: "Rows skipped for problems: {rows}." },
  skippedList: { zh: "跳过的行（{rows} 行）", en: "Skipped rows ({rows})" },
  resultOutputs: { zh: "写入位置", en: "Written to" },
  outputColumns: { zh: "{sheet}!{range}（新列：{headers}）", en: "{sheet}!{range} (new columns: {headers})" },
  outputSheet: { zh: "新工作表 {sheet}", en: "New sheet {sheet}" },
  resultReplaced: { zh: "已替换之前的 {count} 处结果。", en: "Earlier results replaced: {count}." },
  showSummarySheet: { zh: "查看汇总表 {sheet}", en: "Show summary sheet {sheet}" },
  showOutputSheet: { zh: "查看 {sheet}", en: "Show {sheet}" },
  summaryTable: { zh: "汇总", en: "Summary" },
  figures: { zh: "关键数字", en: "Key figures" },
  fig_dso: { zh: "应收账款周转天数 (DSO)", en: "Days sales outstanding (DSO)" },
  fig_allowance: { zh: "坏账准备", en: "Bad-debt allowance" },
  fig_overLimit: { zh: "超出信用额度的客户", en: "Customers over their limit" },
  fig_customers: { zh: "客户数", en: "Customers" },
  fig_transactions: { zh: "交易笔数", en: "Transactions" },
  fig_lines: { zh: "发票行数", en: "Invoice lines" },
  fig_total: { zh: "合计", en: "Total" },
  fig_overdue: { zh: "逾期金额", en: "Overdue" },
  fig_A: { zh: "A 类客户", en: "A customers" },
  fig_B: { zh: "B 类客户", en: "B customers" },
  fig_C: { zh: "C 类客户", en: "C customers" },
  // Credit grades A, B, C are not the value workflow's ABC classes.
  fig_credit_AAA: { zh: "AAA 级客户", en: "AAA customers" },
  fig_credit_AA: { zh: "AA 级客户", en: "AA customers" },
  fig_credit_A: { zh: "A 级客户", en: "Grade A customers" },
  fig_credit_B: { zh: "B 级客户", en: "Grade B customers" },
  fig_credit_C: { zh: "C 级客户", en: "Grade C customers" },
} as const;

export type StringKey = keyof typeof strings;

export function t(key: StringKey, lang: Language): string {
  return strings[key][lang];
}


/** A text with `{name}` placeholders filled in. */
export function tf(key: StringKey, lang: Language, vars: Record<string, string | number>): string {
  return fillPlaceholders(strings[key][lang], vars);
}

/** The text for a key built at run time (e.g. "wf_" + id), or undefined when there is none. */
export function tMaybe(key: string, lang: Language): string | undefined {
  return (strings as Record<string, Record<Language, string> | undefined>)[key]?.[lang];
}

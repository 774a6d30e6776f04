/**
 * `crm rfm orders.csv --rows transactions` and `crm predict orders.parquet`: a transactions file of
 * any size (CSV or Parquet, src/io/transactions-file.ts) instead of a sheet. The columns are
 * guessed from the file's headers with the workflow's own field synonyms and --map, the options
 * are the workflow's form (same flags, defaults and checks), and the plan is the workflow's: RFM
 * scores the customer table the core's RfmAccumulator streams out of the file (memory grows with
 * the customers); predict gives planPredict the file's transactions as compact columns. Only the
 * result sheets are written: OUTPUT.xlsx as the pane writes them (formats, charts), or
 * OUTPUT.csv with the customer table. The first bad row stops the run, named by its line (CSV) or
 * row (Parquet) of the file.
 */
import * as path from "path";
import { isoToSerial } from "../core/dates";
import { CrmError } from "../core/errors";
import { RfmAccumulator } from "../core/rfm-accumulator";
import type { Language } from "../core/labels";
import type { DayMonthOrder } from "../core/text-values";
import { nodeTransactionFile } from "../io/node-transaction-file";
import { TransactionTable } from "../io/transaction-table";
import { readTransactionsFile, transactionFileHeaders, type ReadProgress } from "../io/transactions-file";
import { dayMonthExample } from "../io/transactions-csv";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import type { Block, CellValue, ChartSpec, FormatStep } from "../workbook/types";
import type { WorkflowDefinition } from "../workflows/definition";
import { SHEET_DATA_ROWS, guessFileMapping, mappedHeaders, missingFileFields, transactionColumns } from "../workflows/file-source";
import { buildOptions, type FormValues } from "../workflows/options";
import { writeResultSheet } from "../workflows/output";
import type { Plan, PlanInput } from "../workflows/plan";
import { planPredict } from "../workflows/predict/plan";
import type { PredictOptions } from "../workflows/predict/options";
import { planRfmTable } from "../workflows/rfm/plan";
import type { RfmOptions } from "../workflows/rfm/options";
import type { ColumnMapping, CommonOptions, FieldId, SourceInfo } from "../workflows/types";
import type { FlagValues } from "./commands";
import { toCsv } from "./csv";
import { type CliIO, EXIT, StoppedError, UsageError } from "./usage";

/** Transaction files the workflows below read; anything else is a workbook. */
export const TRANSACTION_FILES = [".csv", ".parquet"];
/** The workflows that read transaction files. */
export const FILE_WORKFLOWS = ["rfm", "predict"];

export interface FileRun {
  def: WorkflowDefinition<CommonOptions>;
  input: string;
  inputPath: string;
  output: string;
  outputKind: string;
  values: FlagValues;
  form: FormValues;
  lang: Language;
  io: CliIO;
  applyMap: (def: WorkflowDefinition<CommonOptions>, info: SourceInfo, mapping: ColumnMapping, entries: readonly string[]) => void;
  /** --date-order's answers by date field (the file's one date column is the field "date"). */
  dateOrdersFrom: (def: WorkflowDefinition<CommonOptions>, info: SourceInfo, mapping: ColumnMapping, entries: readonly string[]) => Partial<Record<FieldId, DayMonthOrder>>;
}

/** Files from this size on show progress while they are read. */
export const PROGRESS_FROM_BYTES = 1 << 20;

/** Progress on stderr while a long file is read: a line that rewrites itself on a terminal, else one line per 10%. */
function fileProgress(io: CliIO, name: string, bytes: number, quiet: boolean): ((p: ReadProgress) => void) | undefined {
  if (quiet || bytes < PROGRESS_FROM_BYTES) return undefined;
  let shown = -1;
  return (p) => {
    if (!p.total) return;
    const percent = Math.min(100, Math.floor((p.read / p.total) * 100));
    const step = io.stderrIsTTY ? 1 : 10;
    if (Math.floor(percent / step) === Math.floor(shown / step)) return;
    shown = percent;
    const line = `reading ${name} ${percent}% · ${p.rows.toLocaleString("en")} transactions, ${p.customers.toLocaleString("en")} customers`;
    io.stderr(io.stderrIsTTY ? `\r${line}   ${percent >= 100 ? "\n" : ""}` : `${line}\n`);
  };
}

/** What a CSV cell shows: dates (cells with a yyyy format) as yyyy-mm-dd text. */
function csvBlock(plan: Plan): Block {
  const sheet = plan.sheets[0];
  const dateColumns = new Set<number>();
  for (const f of sheet.formats) if (f.format.numberFormat && /y{2,}/i.test(f.format.numberFormat)) for (let j = 0; j < f.area.columns; j++) dateColumns.add(f.area.column + j);
  if (dateColumns.size === 0) return sheet.block;
  const iso = (v: CellValue) => (typeof v === "number" ? new Date(Math.round((v - 25569) * 86_400_000)).toISOString().slice(0, 10) : v);
  return sheet.block.map((row, i) => (i === 0 ? row : row.map((v, j) => (dateColumns.has(j) ? iso(v) : v))));
}

async function workbookOf(plan: Plan): Promise<Uint8Array> {
  const placeholder = "crm-empty";
  const wb = MemoryWorkbook.empty(placeholder);
  const formats: FormatStep[] = [];
  const charts: ChartSpec[] = [];
  for (const s of plan.sheets) {
    const { name } = await wb.addSheet(s.baseName);
    const r = await writeResultSheet(wb, name, s, { onProgress: () => undefined });
    formats.push(...r.formats);
    charts.push(...r.charts);
  }
  await wb.deleteSheet(placeholder);
  await wb.formatAll(formats);
  await wb.addCharts(charts);
  return wb.toXlsx();
}

export async function runFileWorkflow(run: FileRun): Promise<number> {
  const { def, input, inputPath, output, outputKind, values, form, lang, io } = run;
  if (!FILE_WORKFLOWS.includes(def.id)) throw new UsageError(`${def.id} reads a workbook (.xlsx); transaction files (${TRANSACTION_FILES.join(", ")}) go to ${FILE_WORKFLOWS.join(" and ")}`);
  const modeFlag = values.rows as string | undefined;
  if (def.id === "rfm" && modeFlag === "customers") throw new UsageError(`a ${path.extname(inputPath)} file is read as one row per transaction (--rows transactions); a customer table goes in as .xlsx or .csv`);
  if (values.sheet !== undefined) throw new UsageError("--sheet is for workbooks; a transactions file has no sheets");
  const file = nodeTransactionFile(inputPath);
  let headers: string[];
  try {
    headers = await transactionFileHeaders(file);
  } catch (e) {
    throw new StoppedError(`cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const guess = guessFileMapping(def, headers);
  const { mode, mapping, fields } = guess;
  const info = { headers, mode } as unknown as SourceInfo;
  run.applyMap(def, info, mapping, (values.map as string[] | undefined) ?? []);
  const missing = missingFileFields(guess);
  const mapped = mappedHeaders(headers, mapping);
  if (missing.length) {
    const names = missing.map((id) => `${id} (${fields.find((f) => f.id === id)?.label.en})`).join(", ");
    throw new StoppedError(`no column found for ${names}: name it with --map field=Header`, { status: "unmapped", workflow: def.id, missing, mapping: mapped, headers });
  }
  const built = buildOptions(def, form, lang, mode);
  if (!built.ok) throw new UsageError(built.errors.map((e) => e.message).join("; "));
  const options = { ...built.options, skipBadRows: false, replaceEdited: false } as CommonOptions & { asOf?: number };
  const asOf = options.asOf ?? isoToSerial(io.today())!;
  const columns = transactionColumns(headers, mapping);
  const dateOrder = run.dateOrdersFrom(def, info, mapping, (values["date-order"] as string[] | undefined) ?? []).date;
  const onProgress = fileProgress(io, input, file.size, values.json === true);
  const base = { workflow: def.id, input, ...(mode ? { mode } : {}), mapping: mapped };
  const planInput = (rows: number): PlanInput<CommonOptions> => ({
    table: { rows, ok: new Uint8Array(0), ids: [], numbers: {} },
    mapping,
    source: { sheet: path.basename(inputPath), row: 0, column: 0, rows: rows + 1, columns: headers.length },
    sourceName: path.basename(inputPath),
    asOf,
    skipped: [],
    options,
  });

  let plan: Plan;
  let kind: string;
  let rowsRead: number;
  try {
    if (def.id === "rfm") {
      const acc = new RfmAccumulator(asOf);
      kind = await readTransactionsFile(file, acc, { columns, onProgress, dateOrder });
      rowsRead = acc.rows;
      plan = planRfmTable(planInput(acc.rows) as PlanInput<RfmOptions>, acc.result(), acc.rows);
    } else {
      const p = options as PredictOptions;
      const limit = p.holdoutEnd === undefined ? Infinity : Math.floor(p.holdoutEnd);
      const table = new TransactionTable(columns.amount !== undefined, limit, "holdout_end");
      kind = await readTransactionsFile(file, table, { columns, onProgress, dateOrder });
      rowsRead = table.rows;
      const c = table.columns();
      const input = planInput(c.rows);
      input.table = { rows: c.rows, ok: new Uint8Array(c.rows).fill(1), ids: c.ids, numbers: { date: c.dates, ...(c.amounts ? { amount: c.amounts } : {}) } };
      plan = planPredict(input as PlanInput<PredictOptions>);
    }
  } catch (e) {
    if (e instanceof CrmError) {
      const ask = !dateOrder && dayMonthExample(e.message) !== undefined ? "; run again with --date-order dmy (day first) or --date-order mdy (month first)" : "";
      throw new StoppedError(`${input}: ${e.message}; nothing was written${ask}`, { status: ask ? "dateOrder" : "invalid", ...base, code: e.code, message: e.message });
    }
    throw e;
  }

  const customers = plan.sheets[0].block.length - 1;
  const outPath = path.resolve(io.cwd, output);
  if (outputKind === ".xlsx" && customers > SHEET_DATA_ROWS) {
    throw new StoppedError(`${customers.toLocaleString("en")} customers do not fit on an Excel sheet (1,048,576 rows at most, with the header): write CSV instead, e.g. -o ${output.replace(/\.xlsx$/i, ".csv")}`, { status: "tooManyRows", ...base, customers });
  }
  if (outputKind === ".csv") await io.writeFile(outPath, toCsv(csvBlock(plan)));
  else await io.writeFile(outPath, await workbookOf(plan));
  const summary = {
    status: "done",
    ...base,
    format: kind,
    rowsRead,
    rowsWritten: plan.rowsWritten,
    output: { path: outPath, format: outputKind.slice(1), ...(outputKind === ".csv" ? { lines: customers } : {}) },
    sheets: plan.sheets.map((s) => s.baseName),
    figures: plan.figures,
    summary: plan.summary,
  };
  if (values.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    const figures = Object.entries(plan.figures).map(([k, v]) => `${def.figures?.[k]?.en ?? k} ${v}`).join(", ");
    io.stdout(`${def.title.en}: ${rowsRead} transactions read from ${input} (${kind}), ${plan.rowsWritten} customers written → ${output}${figures ? ` (${figures})` : ""}\n`);
  }
  return EXIT.done;
}

/**
 * A workflow as a subcommand: `crm <id> INPUT.xlsx -o OUTPUT(.xlsx|.csv) [flags]`. Its flags come
 * from the workflow's declaration (source mode, every option control as --kebab-case), so the
 * command line reads options exactly as the pane does (same form, same defaults, same checks),
 * and the run is the pane's: the same engine on the in-memory workbook, writing the same cells.
 */
import * as path from "path";
import { isoToSerial } from "../core/dates";
import type { Language } from "../core/labels";
import { rangeAddress } from "../workbook/address";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import type { Block, CellValue } from "../workbook/types";
import type { WorkflowDefinition } from "../workflows/definition";
import { createEngine } from "../workflows/engine";
import { missingFields } from "../workflows/field-spec";
import { mapField, mappedHeaders } from "../workflows/file-source";
import { guessMapping, normaliseHeader } from "../workflows/mapping";
import { nodeTransactionFile } from "../io/node-transaction-file";
import { transactionFileHeaders } from "../io/transactions-file";
import { type FormValues, buildOptions, defaultForm } from "../workflows/options";
import { groupProblems } from "../workflows/problem-groups";
import { modeOf } from "../workflows/registry";
import { leftOutMessage } from "../workflows/source-shape";
import type { ColumnMapping, CommonOptions, DateOrderQuestion, DayMonthOrder, FieldId, Problem, RunProgress, SourceInfo, ValidationReport, WorkflowRequest, WorkflowResult } from "../workflows/types";
import type { FlagSpec, FlagValues, Subcommand } from "./commands";
import { toCsv } from "./csv";
import { csvWorkbook } from "../workbook/csv-workbook";
import { cleanSheetName } from "../workbook/sheet-names";
import { FILE_WORKFLOWS, runFileWorkflow, TRANSACTION_FILES } from "./file-command";
import { type CliIO, EXIT, StoppedError, UsageError } from "./usage";

type Done = Extract<WorkflowResult, { status: "done" }>;

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Workbook readers by file extension (transaction files: file-command.ts); `name` is the file's, without its extension. */
const INPUTS: Record<string, (data: Uint8Array, name: string) => Promise<MemoryWorkbook>> = {
  ".xlsx": (data) => MemoryWorkbook.fromXlsx(data),
  // A CSV is a sheet for the workflows that read one (rfm when it is one row per customer): csv-workbook.ts.
  ".csv": async (data, name) => csvWorkbook(data, cleanSheetName(name) || "Sheet1"),
};

const OUTPUTS = [".xlsx", ".csv"];

/** Whether a CSV's headers make it one row per customer for the workflow (RFM's guess of its mode from a sheet's headers). */
async function csvOfCustomers(def: WorkflowDefinition<CommonOptions>, file: string): Promise<boolean> {
  if (def.modes.length < 2) return false;
  try {
    const headers = await transactionFileHeaders(nodeTransactionFile(file));
    return guessMapping(headers, def.id).mode === "customers";
  } catch {
    return false; // the streaming reader says what is wrong with the file
  }
}

/** The flags every workflow command has. */
function commonFlags(def: WorkflowDefinition<CommonOptions>): FlagSpec[] {
  const flags: FlagSpec[] = [
    { name: "output", short: "o", value: "OUTPUT", help: "where to write: OUTPUT.xlsx (the workbook with the results, as the task pane writes them) or OUTPUT.csv (one line per analysed row). Required." },
    { name: "sheet", value: "NAME", help: "the sheet holding the table (default: the workbook's active sheet)" },
  ];
  if (def.modes.length > 1) flags.push({ name: "rows", value: def.modes.map((m) => m.id).join("|"), help: `what a row is: ${def.modes.map((m) => `${m.id} (${m.label.en.toLowerCase()})`).join(", ")}; default: guessed from the headers` });
  flags.push(
    { name: "lang", value: "zh|en", help: "language of the labels written and of messages (default zh)" },
    { name: "map", value: "field=Header", multiple: true, help: `take a field from the column with that header (repeatable); fields: ${[...new Set(def.modes.flatMap((m) => m.fields.map((f) => f.id)))].join(", ")}` },
    { name: "date-order", value: "dmy|mdy|field=dmy", multiple: true, help: "how dates such as 03/05/2024 are written when a column cannot tell: dmy (day first) or mdy (month first), for every date column, or FIELD=dmy for one (FIELD: a date field or its column's header). Without it such a column stops the run" },
    { name: "skip-bad-rows", help: "leave out rows with problems (listed) instead of stopping" },
    { name: "replace-edited", help: "replace earlier output of the add-in in INPUT even when it was edited" },
    { name: "json", help: "print a summary as JSON on stdout" },
  );
  return flags;
}

/** One flag per option control of the declaration: --as-of, --bins, --scheme, … */
function optionFlags(def: WorkflowDefinition<CommonOptions>): FlagSpec[] {
  return def.options.controls.map((c) => {
    if (c.kind === "check") return { name: kebab(c.key), help: c.label.en };
    const value = c.kind === "date" ? "YYYY-MM-DD" : c.kind === "choice" ? c.choices.map((x) => x.value).join("|") : c.list ? "N,N,…" : "VALUE";
    return { name: kebab(c.key), value, help: c.label.en };
  });
}

export function workflowCommand(def: WorkflowDefinition<CommonOptions>): Subcommand {
  return {
    words: [def.id],
    summary: `${def.title.en} · ${def.title.zh}`,
    usage: `${FILE_WORKFLOWS.includes(def.id) ? "INPUT.xlsx|INPUT.csv|INPUT.parquet" : "INPUT.xlsx|INPUT.csv"} -o OUTPUT.xlsx|OUTPUT.csv`,
    flags: [...commonFlags(def), ...optionFlags(def)],
    run: (positionals, values, io) => runWorkflow(def, positionals, values, io),
  };
}

/** The column of a header: exactly as written, else compared normalised (spaces, case, full width). */
function headerColumn(headers: readonly string[], header: string): number {
  const exact = headers.indexOf(header);
  if (exact >= 0) return exact;
  const norm = normaliseHeader(header);
  return headers.findIndex((h) => normaliseHeader(h) === norm && norm !== "");
}

function applyMap(def: WorkflowDefinition<CommonOptions>, info: SourceInfo, mapping: ColumnMapping, entries: readonly string[]): void {
  const fields = modeOf(def, info.mode).fields;
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new UsageError(`--map takes field=Header, not "${entry}"`);
    const name = entry.slice(0, eq).trim();
    const header = entry.slice(eq + 1).trim();
    const field = fields.find((f) => f.id === name || f.id.toLowerCase() === name.toLowerCase() || f.label.en === name || f.label.zh === name);
    if (!field) throw new UsageError(`--map: ${def.id}${info.mode ? ` (${info.mode})` : ""} has no field "${name}"; its fields: ${fields.map((f) => f.id).join(", ")}`);
    const column = headerColumn(info.headers, header);
    if (column < 0) throw new UsageError(`--map: no column headed "${header}"; the headers are: ${info.headers.map((h) => JSON.stringify(h)).join(", ")}`);
    mapField(mapping, field.id, column);
  }
}

const ORDERS: readonly DayMonthOrder[] = ["dmy", "mdy"];

/**
 * --date-order answers the pane's day/month question: "dmy" for every date field of the mode, or
 * "FIELD=dmy" for one, the field named by its id, its label or the header of its column.
 */
function dateOrdersFrom(def: WorkflowDefinition<CommonOptions>, info: SourceInfo, mapping: ColumnMapping, entries: readonly string[]): Partial<Record<FieldId, DayMonthOrder>> {
  const dates = modeOf(def, info.mode).fields.filter((f) => f.kind === "date");
  const out: Partial<Record<FieldId, DayMonthOrder>> = {};
  for (const entry of entries) {
    const eq = entry.lastIndexOf("=");
    const order = entry.slice(eq + 1).trim().toLowerCase() as DayMonthOrder;
    if (!ORDERS.includes(order)) throw new UsageError(`--date-order takes dmy or mdy (or field=dmy), not "${entry}"`);
    if (eq < 0) {
      for (const f of dates) out[f.id] = order;
      continue;
    }
    const name = entry.slice(0, eq).trim();
    const column = headerColumn(info.headers, name);
    const field = dates.find((f) => f.id === name || f.id.toLowerCase() === name.toLowerCase() || f.label.en === name || f.label.zh === name || (column >= 0 && mapping[f.id] === column));
    if (!field) throw new UsageError(`--date-order: no date field or column "${name}"; the date fields: ${dates.map((f) => `${f.id}${mapping[f.id] !== undefined ? ` (${info.headers[mapping[f.id]!]})` : ""}`).join(", ")}`);
    out[field.id] = order;
  }
  return out;
}

/** The stop for date columns that cannot tell day from month: the columns, examples and the flag that answers. */
function dateOrderStop(questions: readonly DateOrderQuestion[], info: SourceInfo, mapping: ColumnMapping): string {
  const which = questions.map((q) => {
    const header = mapping[q.field] !== undefined ? info.headers[mapping[q.field]!] : q.field;
    return `  column ${q.column} "${header}" (${q.rows} rows, such as ${q.examples.join(", ")}): --date-order ${header}=dmy or --date-order ${header}=mdy`;
  });
  return `dates that may be day-first or month-first; say how they are written with --date-order dmy|mdy (every date column) or per column:\n${which.join("\n")}`;
}

/** The form the pane would hold, with the flags typed into it. */
function formFromFlags(def: WorkflowDefinition<CommonOptions>, values: FlagValues, lang: Language, today: string): FormValues {
  const form = defaultForm(def, lang, today);
  for (const c of def.options.controls) {
    const v = values[kebab(c.key)];
    if (v === undefined) continue;
    if (c.kind === "check") form[c.key] = v === true;
    else {
      const text = String(v);
      if (c.kind === "choice" && !c.choices.some((x) => x.value === text)) throw new UsageError(`--${kebab(c.key)} is one of ${c.choices.map((x) => x.value).join(", ")}, not "${text}"`);
      form[c.key] = text;
    }
  }
  return form;
}

function problemLine(p: Problem): string {
  return `  row ${p.row}, column ${p.column}: ${p.message}`;
}

/** How the sheet was read: header row below titles, rows that are not customers (with the sentence the pane shows), text read as values, ids read as one. */
function readNotes(r: Pick<ValidationReport, "leftOut" | "readFromText" | "idVariants" | "dateOrders">, info: SourceInfo, lang: Language) {
  return {
    ...(info.titleRows ? { headerRow: info.range.row + 1, titleRows: info.titleRows } : {}),
    rowsNotCustomers: (r.leftOut ?? []).map((l) => ({ ...l, message: leftOutMessage(l, lang) })),
    readFromText: r.readFromText ?? {},
    ...(r.idVariants ? { idVariants: r.idVariants } : {}),
    ...(r.dateOrders ? { dateOrders: r.dateOrders } : {}),
  };
}

/** Rows left out, each with the kinds of its problems. */
function leftOut(problems: readonly Problem[]): { row: number; kinds: string[] }[] {
  const rows = new Map<number, Set<string>>();
  for (const p of problems) (rows.get(p.row) ?? rows.set(p.row, new Set()).get(p.row)!).add(p.kind);
  return [...rows].map(([row, kinds]) => ({ row, kinds: [...kinds] }));
}

/** What a CSV cell shows: dates (cells with a date format) as yyyy-mm-dd, everything else as the value. */
function csvValue(wb: MemoryWorkbook, sheet: string, row: number, column: number): CellValue {
  const view = wb.cellView(sheet, row, column);
  if (typeof view.value === "number" && view.numberFormat && /y{2,}/i.test(view.numberFormat)) return view.text;
  return view.value;
}

/**
 * The CSV: one line per analysed source row — `row` (its sheet row number), the customer id under
 * the source's own header, then the columns written beside it under the headers the pane writes.
 * A workflow that writes no columns beside the rows (RFM from transactions) gives its result table
 * (the first result sheet) instead.
 */
async function csvRows(wb: MemoryWorkbook, request: WorkflowRequest, info: SourceInfo, result: Done): Promise<{ rows: Block; note?: string }> {
  const columns = result.outputs.find((o) => o.kind === "columns");
  if (!columns) {
    const sheet = result.outputs.find((o) => o.kind === "sheet");
    if (!sheet) return { rows: [] };
    const r = sheet.range;
    const rows: Block = [];
    for (let i = 0; i < r.rows; i++) rows.push(Array.from({ length: r.columns }, (_, j) => csvValue(wb, r.sheet, r.row + i, r.column + j)));
    return { rows, note: `${request.workflow} writes no columns beside the rows here: the CSV holds the sheet "${r.sheet}"` };
  }
  const { source, mapping } = request;
  const customer = mapping.customer!;
  const skipped = new Set(result.skipped.map((p) => p.row));
  const out: Block = [["row", info.headers[customer], ...columns.headers]];
  for (let i = 1; i < source.rows; i++) {
    const sheetRow = source.row + i + 1;
    if (skipped.has(sheetRow)) continue;
    const line: CellValue[] = [sheetRow, csvValue(wb, source.sheet, source.row + i, source.column + customer)];
    for (let j = 0; j < columns.headers.length; j++) line.push(csvValue(wb, source.sheet, source.row + i, columns.range.column + j));
    out.push(line);
  }
  return { rows: out };
}

function progressReporter(io: CliIO): ((p: RunProgress) => void) | undefined {
  if (!io.stderrIsTTY) return undefined;
  let last = -1;
  return (p) => {
    const percent = Math.floor(p.fraction * 100);
    if (percent === last) return;
    last = percent;
    io.stderr(`\r${p.phase} ${percent}%   ${percent >= 100 ? "\n" : ""}`);
  };
}

async function runWorkflow(def: WorkflowDefinition<CommonOptions>, positionals: string[], values: FlagValues, io: CliIO): Promise<number> {
  const [input, ...extra] = positionals;
  if (!input) throw new UsageError("INPUT is missing");
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const output = values.output as string | undefined;
  if (!output) throw new UsageError("-o OUTPUT is missing (OUTPUT.xlsx or OUTPUT.csv)");
  const outputKind = path.extname(output).toLowerCase();
  if (!OUTPUTS.includes(outputKind)) throw new UsageError(`OUTPUT must end in ${OUTPUTS.join(" or ")}, not "${output}"`);
  const lang = (values.lang as string | undefined) ?? "zh";
  if (lang !== "zh" && lang !== "en") throw new UsageError(`--lang is zh or en, not "${lang}"`);
  const rows = values.rows as string | undefined;
  if (rows !== undefined && !def.modes.some((m) => m.id === rows)) throw new UsageError(`--rows is ${def.modes.map((m) => m.id).join(" or ")}, not "${rows}"`);
  const inputPath = path.resolve(io.cwd, input);
  const extension = path.extname(inputPath).toLowerCase();
  if (!INPUTS[extension] && !TRANSACTION_FILES.includes(extension)) throw new UsageError(`INPUT must be ${[...new Set([...Object.keys(INPUTS), ...TRANSACTION_FILES])].join(", ")}: "${input}"`);
  if (!io.exists(inputPath)) throw new UsageError(`INPUT not found: ${input}`);
  // rfm and predict stream a CSV as a transactions file of any length, unless it is one row per
  // customer: --rows customers, or (without --rows) headers that say so, as a sheet's would.
  const streamed = TRANSACTION_FILES.includes(extension) && FILE_WORKFLOWS.includes(def.id) && rows !== "customers" && !(rows === undefined && extension === ".csv" && (await csvOfCustomers(def, inputPath)));
  const reader = streamed ? undefined : INPUTS[extension];
  const form = formFromFlags(def, values, lang, io.today());
  if (!reader) return runFileWorkflow({ def, input, inputPath, output, outputKind, values, form, lang, io, applyMap, dateOrdersFrom });

  let wb: MemoryWorkbook;
  try {
    wb = await reader(await io.readFile(inputPath), path.basename(inputPath, path.extname(inputPath)));
  } catch (e) {
    throw new StoppedError(`cannot read ${input}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const sheet = (values.sheet as string | undefined) ?? (await wb.activeSheet());
  if (!wb.sheetNames().includes(sheet)) throw new UsageError(`--sheet: ${input} has no sheet "${sheet}"; its sheets: ${wb.sheetNames().join(", ")}`);

  const today = isoToSerial(io.today())!;
  const engine = createEngine(wb, () => today);
  const info = await engine.describeSource({ sheet }, def.id, { mode: rows });
  const mapping: ColumnMapping = { ...info.mapping };
  applyMap(def, info, mapping, (values.map as string[] | undefined) ?? []);
  const fields = modeOf(def, info.mode).fields;
  const missing = missingFields(fields, (id) => mapping[id] !== undefined);
  const mapped = mappedHeaders(info.headers, mapping);
  if (missing.length) {
    const names = missing.map((id) => `${id} (${fields.find((f) => f.id === id)?.label.en})`).join(", ");
    throw new StoppedError(`no column found for ${names}: name it with --map field=Header`, { status: "unmapped", workflow: def.id, missing, mapping: mapped, headers: info.headers });
  }

  const built = buildOptions(def, form, lang, info.mode);
  if (!built.ok) throw new UsageError(built.errors.map((e) => e.message).join("; "));
  const dateOrders = dateOrdersFrom(def, info, mapping, (values["date-order"] as string[] | undefined) ?? []);
  const answered = Object.keys(dateOrders).length > 0 ? { dateOrders } : {};
  const request: WorkflowRequest = { workflow: def.id, source: info.range, mapping, options: { ...built.options, ...answered, skipBadRows: values["skip-bad-rows"] === true, replaceEdited: values["replace-edited"] === true } };
  const base = { workflow: def.id, input, sheet, source: rangeAddress(info.range), ...(info.mode ? { mode: info.mode } : {}), mapping: mapped };
  const dateOrderStopped = (questions: DateOrderQuestion[] | undefined) => (questions?.length ? new StoppedError(dateOrderStop(questions, info, mapping), { status: "dateOrder", ...base, dateOrders: questions }) : undefined);
  const result = await engine.run(request, { onProgress: progressReporter(io) }).catch(async (e: unknown) => {
    // A column of undecided dates can leave no row to analyse: the question is the reason to give.
    throw dateOrderStopped((await engine.validate(request).catch(() => undefined))?.dateOrders) ?? e;
  });

  // A batch job cannot be asked: unanswered day/month questions stop it (even with --skip-bad-rows, which would leave out every such row).
  const questions = result.status === "invalid" ? result.report.dateOrders : result.status === "done" && result.skipped.some((p) => p.kind === "dateOrder") ? (await engine.validate(request)).dateOrders : undefined;
  const stop = dateOrderStopped(questions);
  if (stop) throw stop;

  if (result.status === "invalid") {
    const { report } = result;
    const groups = groupProblems(report, lang);
    io.stderr(`crm: ${report.problems.length} problems in ${report.badRows.length} rows; nothing was written (--skip-bad-rows leaves those rows out):\n${groups.map((g) => `  ${g.line}`).join("\n")}\n${report.problems.slice(0, 20).map(problemLine).join("\n")}${report.problems.length > 20 ? "\n  …" : ""}\n`);
    throw new StoppedError("", { status: "invalid", ...base, rowsRead: report.rows, rowsWritten: 0, leftOut: leftOut(report.problems), problems: report.problems, counts: report.counts, problemGroups: groups, ...readNotes(report, info, lang) });
  }
  if (result.status === "confirmReplace") {
    const where = result.edited.map((e) => (e.kind === "sheet" ? `sheet "${e.sheet}"` : `columns ${e.headers.join(", ")} on "${e.sheet}"`)).join("; ");
    throw new StoppedError(`earlier output in ${input} was edited (${where}); --replace-edited replaces it`, { status: "confirmReplace", ...base, edited: result.edited });
  }

  const outPath = path.resolve(io.cwd, output);
  const notes: string[] = [info.remembered ? "mapping remembered in the workbook" : "mapping guessed from the headers"];
  if (result.replaced.length) notes.push(`replaced ${result.replaced.length} earlier outputs of the add-in`);
  let lines: number | undefined;
  if (outputKind === ".csv") {
    const csv = await csvRows(wb, request, info, result);
    if (csv.note) notes.push(csv.note);
    lines = Math.max(0, csv.rows.length - 1);
    await io.writeFile(outPath, toCsv(csv.rows));
  } else {
    await io.writeFile(outPath, await wb.toXlsx());
  }
  const summary = {
    status: "done",
    ...base,
    rowsRead: result.rowsRead,
    rowsWritten: result.rowsWritten,
    leftOut: leftOut(result.skipped),
    problems: result.skipped,
    problemGroups: groupProblems({ problems: result.skipped }, lang),
    ...readNotes(result, info, lang),
    notes,
    output: { path: outPath, format: outputKind.slice(1), ...(lines !== undefined ? { lines } : {}) },
    written: result.outputs.map((o) => ({ kind: o.kind, sheet: o.sheet, range: rangeAddress(o.range), headers: o.headers })),
    summarySheet: result.summarySheet,
    figures: result.figures,
    summary: result.summary,
  };
  if (values.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    const figures = Object.entries(result.figures).map(([k, v]) => `${def.figures?.[k]?.en ?? k} ${v}`).join(", ");
    io.stdout(`${def.title.en}: ${result.rowsRead} rows read, ${result.rowsWritten} written${result.skipped.length ? `, ${leftOut(result.skipped).length} left out` : ""} → ${output}${figures ? ` (${figures})` : ""}\n`);
  }
  return EXIT.done;
}


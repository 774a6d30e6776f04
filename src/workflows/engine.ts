/**
 * The workflow engine: reads the source through the workbook port, validates, asks core to
 * compute (through the planners), and writes the plan back — the same way in Excel and in the
 * preview.
 *
 * Safety rules it enforces:
 * - Nothing of the person's is overwritten: results go into new columns (right of the source,
 *   or right of everything used when those cells are not empty) or new sheets.
 * - The add-in remembers what it wrote (OutputMark with a fingerprint, in the source sheet's
 *   settings). A rerun replaces only that, and first reports it when the person edited it.
 *   Columns written beside the data are found on the source sheet whatever it is called now (the
 *   person may have renamed it); a result sheet the person renamed is theirs and left alone.
 * - Only values are written: text never becomes a formula (the workbook port guards it).
 * - Formats and charts go to the port in one batch each after the values (few Excel requests).
 * - Rows with problems are never dropped silently: without skipBadRows nothing is written;
 *   with it the skipped rows are listed in the result and on the summary sheet.
 * - Cancelling (AbortSignal) stops between blocks; output already written by that run is removed.
 */
import { dateToSerial } from "../core/dates";
import { CrmError } from "../core/errors";
import { columnLetter } from "../workbook/address";
import { yieldToEventLoop } from "../workbook/slices";
import type { Language } from "../core/labels";
import {
  AbortedError,
  Block,
  CellValue,
  ChartSpec,
  FormatStep,
  JsonObject,
  OutputMark,
  RangeRef,
  WorkbookPort,
  throwIfAborted,
} from "../workbook/types";
import { planAging, salesProblems } from "./aging";
import { planCredit } from "./credit";
import { fieldsOf, missingFields, oneRowPerCustomer } from "./fields";
import { fingerprintInSlices } from "./fingerprint";
import { isOwnHeader } from "./labels";
import { guessMapping, normaliseHeader } from "./mapping";
import type { Plan } from "./plan";
import { planRfm } from "./rfm";
import type { SheetPlan } from "./sheet-builder";
import type {
  ColumnMapping,
  DescribeOptions,
  EditedOutput,
  FieldId,
  FieldSpec,
  Phase,
  Problem,
  ProblemKind,
  RfmSourceMode,
  RunControl,
  SourceChoice,
  SourceInfo,
  ValidationReport,
  WorkflowEngine,
  WorkflowId,
  WorkflowRequest,
  WorkflowResult,
  WrittenOutput,
} from "./types";
import { ParsedTable, validateTable } from "./validate";
import { planValue, valueProblems } from "./value";

const SAMPLE_ROWS = 20;

/** Where each phase lies on the single progress bar. */
const PHASES: Record<Phase, [number, number]> = {
  read: [0, 0.35],
  validate: [0.35, 0.45],
  compute: [0.45, 0.6],
  write: [0.6, 0.95],
  summary: [0.95, 1],
};

/** Today's date in the person's time zone, as an Excel serial. */
export function todaySerial(now = new Date()): number {
  return dateToSerial(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/** An error the pane shows as it is; the message is in both languages. */
export class WorkflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkflowError";
  }
}

interface RememberedMapping {
  /** Field → header text (survives inserted columns), and the offsets as a fallback. */
  headers?: Partial<Record<FieldId, string>>;
  offsets: ColumnMapping;
  mode?: RfmSourceMode;
}

interface SheetSettings {
  mappings?: Partial<Record<WorkflowId, RememberedMapping>>;
  outputs?: Partial<Record<WorkflowId, OutputMark[]>>;
}

interface Prepared {
  data: Block;
  fields: FieldSpec[];
  report: ValidationReport;
  table: ParsedTable;
  asOf: number;
}

interface LocatedMark {
  mark: OutputMark;
  /** Where it is now (columns may have moved), or null when it is gone. */
  at: RangeRef | null;
  edited: boolean;
}

function progress(control: RunControl | undefined, phase: Phase, done: number, total: number): void {
  const [from, to] = PHASES[phase];
  const part = total > 0 ? Math.min(1, done / total) : 1;
  control?.onProgress?.({ phase, fraction: from + (to - from) * part, done, total });
}

function modeOf(request: WorkflowRequest): RfmSourceMode | undefined {
  return request.workflow === "rfm" ? request.options.mode : undefined;
}

/** The fields that take part: RFM recency wins over a last-purchase date; value: margin over a value column. */
function activeFields(request: WorkflowRequest): FieldSpec[] {
  const m = request.mapping;
  return fieldsOf(request.workflow, modeOf(request)).filter((f) => {
    if (m[f.id] === undefined) return false;
    if (f.id === "lastDate" && m.recency !== undefined) return false;
    if (f.id === "value" && m.margin !== undefined) return false;
    if ((f.id === "retention" || f.id === "discount") && m.margin === undefined) return false;
    return true;
  });
}

function summariseProblems(rows: number, problems: Problem[], firstRow: number, ok: Uint8Array): ValidationReport {
  problems.sort((a, b) => a.row - b.row || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  const counts: Partial<Record<ProblemKind, number>> = {};
  for (const p of problems) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  const badRows: number[] = [];
  for (let i = 0; i < ok.length; i++) if (!ok[i]) badRows.push(firstRow + i);
  return { rows, problems, counts, badRows };
}

/** Which table on its sheet a source is: its header row's first cell. */
function sourceKey(source: RangeRef): string {
  return `${source.row},${source.column}`;
}

function isAbort(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === "AbortError";
}

function asSettings(json: JsonObject): SheetSettings {
  return json as unknown as SheetSettings;
}

class Engine implements WorkflowEngine {
  /** The last source described per sheet, to remember mappings by header text. */
  private readonly described = new Map<string, SourceInfo>();

  constructor(
    readonly port: WorkbookPort,
    private readonly today: () => number,
  ) {}

  // ---- source -------------------------------------------------------------------------------

  private async resolve(choice: SourceChoice): Promise<RangeRef> {
    const port = this.port;
    const usedOf = async (sheet: string) => {
      const used = await port.usedRange(sheet);
      if (!used) throw new WorkflowError(`工作表“${sheet}”为空 / The sheet "${sheet}" is empty`);
      return used;
    };
    if (typeof choice === "object" && "row" in choice) return { ...choice };
    if (typeof choice === "object") return usedOf(choice.sheet);
    if (choice === "activeSheet") return usedOf(await port.activeSheet());
    const sel = await port.selection();
    if (!sel || sel.rows * sel.columns === 1) return usedOf(sel?.sheet ?? (await port.activeSheet()));
    const used = await usedOf(sel.sheet);
    // Whole columns or rows selected: only the part that holds data.
    const row = Math.max(sel.row, used.row);
    const column = Math.max(sel.column, used.column);
    const rows = Math.min(sel.row + sel.rows, used.row + used.rows) - row;
    const columns = Math.min(sel.column + sel.columns, used.column + used.columns) - column;
    if (rows <= 0 || columns <= 0) throw new WorkflowError("所选区域没有数据 / The selection holds no data");
    return { sheet: sel.sheet, row, column, rows, columns };
  }

  async describeSource(choice: SourceChoice, workflow: WorkflowId, options: DescribeOptions = {}): Promise<SourceInfo> {
    const range = await this.resolve(choice);
    const head = await this.port.read({ ...range, rows: Math.min(range.rows, SAMPLE_ROWS + 1) });
    let columns = range.columns;
    // The add-in's own columns right of the data are output, not source.
    while (columns > 1 && isOwnHeader(head[0][columns - 1])) columns--;
    const trimmed = { ...range, columns };
    const headerCells = head[0].slice(0, columns);
    if (range.rows < 2) throw new WorkflowError("需要一行标题和至少一行数据 / The table needs a header row and at least one data row");
    const headers = headerCells.map((h) => (h === null ? "" : String(h)));
    const rfmMode = workflow === "rfm" ? options.rfmMode : undefined;
    const guess = guessMapping(headerCells, workflow, { rfmMode });
    const settings = asSettings(await this.port.getSheetSettings(range.sheet));
    const remembered = settings.mappings?.[workflow];
    // A mapping remembered for the other RFM source mode does not fit the mode asked for.
    const fits = remembered !== undefined && (rfmMode === undefined || (remembered.mode ?? "customers") === rfmMode);
    const restored = remembered && fits ? this.restore(remembered, headers, workflow) : undefined;
    const info: SourceInfo = {
      range: trimmed,
      headers,
      rowCount: range.rows - 1,
      sample: head.slice(1).map((r) => r.slice(0, columns)),
      mapping: restored?.mapping ?? guess.mapping,
      remembered: restored !== undefined,
      guess,
    };
    const mode = rfmMode ?? restored?.mode ?? guess.mode;
    if (workflow === "rfm") info.mode = mode ?? "customers";
    this.described.set(range.sheet, info);
    return info;
  }

  /** A remembered mapping, by header text where the headers are still there, else by offset. */
  private restore(saved: RememberedMapping, headers: string[], workflow: WorkflowId): { mapping: ColumnMapping; mode?: RfmSourceMode } | undefined {
    const norm = headers.map((h) => normaliseHeader(h));
    const mapping: ColumnMapping = {};
    for (const [field, offset] of Object.entries(saved.offsets) as [FieldId, number][]) {
      const name = saved.headers?.[field];
      const byName = name !== undefined ? norm.indexOf(normaliseHeader(name)) : -1;
      if (byName >= 0) mapping[field] = byName;
      else if (name === undefined && offset < headers.length) mapping[field] = offset;
      else return undefined; // the table changed: guess afresh
    }
    const fields = fieldsOf(workflow, saved.mode);
    if (missingFields(fields, (id) => mapping[id] !== undefined).length > 0) return undefined;
    return { mapping, mode: saved.mode };
  }

  async rememberMapping(sheet: string, workflow: WorkflowId, mapping: ColumnMapping, mode?: RfmSourceMode): Promise<void> {
    const settings = asSettings(await this.port.getSheetSettings(sheet));
    settings.mappings = { ...(settings.mappings ?? {}), [workflow]: this.toRemembered(sheet, mapping, mode) };
    await this.port.setSheetSettings(sheet, settings as unknown as JsonObject);
  }

  private toRemembered(sheet: string, mapping: ColumnMapping, mode?: RfmSourceMode): RememberedMapping {
    const info = this.described.get(sheet);
    const saved: RememberedMapping = { offsets: { ...mapping } };
    if (mode) saved.mode = mode;
    if (info) {
      saved.headers = {};
      for (const [field, offset] of Object.entries(mapping) as [FieldId, number][]) {
        const h = info.headers[offset];
        if (h) saved.headers[field] = h;
      }
    }
    return JSON.parse(JSON.stringify(saved)) as RememberedMapping;
  }

  // ---- validation ---------------------------------------------------------------------------

  private checkMapping(request: WorkflowRequest): void {
    const fields = fieldsOf(request.workflow, modeOf(request));
    const missing = missingFields(fields, (id) => request.mapping[id] !== undefined);
    if (missing.length > 0) {
      const names = (lang: Language) => missing.map((id) => fields.find((f) => f.id === id)?.label[lang] ?? id);
      throw new WorkflowError(`缺少必需的列：${names("zh").join("、")} / Required columns are not mapped: ${names("en").join(", ")}`);
    }
    for (const [field, offset] of Object.entries(request.mapping)) {
      if (offset === undefined) continue;
      if (!Number.isInteger(offset) || offset < 0 || offset >= request.source.columns) throw new WorkflowError(`列映射“${field}”超出数据区域 / The mapping of "${field}" lies outside the source`);
    }
    if (request.source.rows < 2) throw new WorkflowError("需要一行标题和至少一行数据 / The table needs a header row and at least one data row");
  }

  private async prepare(request: WorkflowRequest, control?: RunControl): Promise<Prepared> {
    this.checkMapping(request);
    const { source } = request;
    const data = await this.port.read({ ...source, row: source.row + 1, rows: source.rows - 1 }, {
      signal: control?.signal,
      onProgress: (p) => progress(control, "read", p.done, p.total),
    });
    await yieldToEventLoop();
    throwIfAborted(control?.signal);
    const options = request.options;
    const asOf = "asOf" in options && options.asOf !== undefined ? options.asOf : this.today();
    const fields = activeFields(request);
    const firstRow = source.row + 2;
    const { report, table } = validateTable(data, {
      fields,
      mapping: request.mapping,
      firstRow,
      firstColumn: source.column,
      asOf: request.workflow === "rfm" ? asOf : undefined,
      scaleMax: request.workflow === "credit" ? request.options.scaleMax : undefined,
      uniqueIds: oneRowPerCustomer(request.workflow, modeOf(request)),
      language: options.language,
    });
    // Problems of rows whose cells are each valid, but not together (found on the rows still good).
    let extra: Problem[] = [];
    if (request.workflow === "value") {
      const col = request.mapping.retention;
      extra = valueProblems(table, request.options, firstRow, col === undefined ? undefined : columnLetter(source.column + col));
    } else if (request.workflow === "aging" && request.mapping.sales !== undefined) {
      extra = salesProblems(table, firstRow, columnLetter(source.column + request.mapping.sales), options.language);
    }
    const finalReport = extra.length ? summariseProblems(table.rows, [...report.problems, ...extra], firstRow, table.ok) : report;
    progress(control, "validate", 1, 1);
    return { data, fields, report: finalReport, table, asOf };
  }

  async validate(request: WorkflowRequest, control?: RunControl): Promise<ValidationReport> {
    return (await this.prepare(request, control)).report;
  }

  // ---- own outputs --------------------------------------------------------------------------

  /**
   * The earlier outputs of this workflow for this source table (a sheet may hold several tables:
   * running on one never replaces the output of another), and the sheet's other marks.
   */
  private async marksOf(request: WorkflowRequest): Promise<{ settings: SheetSettings; marks: OutputMark[]; others: OutputMark[] }> {
    const settings = asSettings(await this.port.getSheetSettings(request.source.sheet));
    const all = settings.outputs?.[request.workflow] ?? [];
    const key = sourceKey(request.source);
    return { settings, marks: all.filter((m) => (m.source ?? key) === key), others: all.filter((m) => (m.source ?? key) !== key) };
  }

  /** Where an earlier output is now; `sourceSheet` is the current name of the sheet whose settings hold the mark. */
  private async locate(mark: OutputMark, sourceSheet: string): Promise<LocatedMark> {
    const port = this.port;
    if (mark.kind === "sheet") {
      const sheets = await port.listSheets();
      const sheet = sheets.find((s) => s.name.toLowerCase() === mark.sheet.toLowerCase());
      if (!sheet) return { mark, at: null, edited: false };
      const at = { sheet: sheet.name, row: 0, column: 0, rows: mark.rows, columns: mark.columns };
      const used = sheet.used;
      const outside = used !== null && (used.row + used.rows > mark.rows || used.column + used.columns > mark.columns);
      const edited = outside || (await fingerprintInSlices(await port.read(at))) !== mark.fingerprint;
      return { mark, at, edited };
    }
    // Columns are always written on the source sheet, which may have been renamed since.
    const sheets = await port.listSheets();
    const sheet = sheets.find((s) => s.name.toLowerCase() === sourceSheet.toLowerCase());
    if (!sheet || !sheet.used) return { mark, at: null, edited: false };
    const headers = mark.headers;
    const matches = (row: CellValue[], c: number) => headers.every((h, j) => row[c + j] === h);
    let column = -1;
    const here = await port.read({ sheet: sheet.name, row: mark.row, column: mark.column, rows: 1, columns: mark.columns });
    if (matches(here[0], 0)) column = mark.column;
    else {
      // Columns inserted or deleted to the left: look for the headers along the header row.
      const used = sheet.used;
      const width = used.column + used.columns;
      const row = (await port.read({ sheet: sheet.name, row: mark.row, column: 0, rows: 1, columns: width }))[0];
      for (let c = 0; c + headers.length <= width && column < 0; c++) if (matches(row, c)) column = c;
    }
    if (column < 0) return { mark, at: null, edited: false };
    const at = { sheet: sheet.name, row: mark.row, column, rows: mark.rows, columns: mark.columns };
    return { mark, at, edited: (await fingerprintInSlices(await port.read(at))) !== mark.fingerprint };
  }

  private async locateAll(marks: OutputMark[], sourceSheet: string): Promise<LocatedMark[]> {
    const out: LocatedMark[] = [];
    for (const m of marks) out.push(await this.locate(m, sourceSheet));
    return out;
  }

  async editedOutputs(request: WorkflowRequest): Promise<EditedOutput[]> {
    const { marks } = await this.marksOf(request);
    return (await this.locateAll(marks, request.source.sheet)).filter((l) => l.at && l.edited).map((l) => ({ sheet: l.at!.sheet, kind: l.mark.kind, headers: l.mark.headers }));
  }

  // ---- run ----------------------------------------------------------------------------------

  async run(request: WorkflowRequest, control?: RunControl): Promise<WorkflowResult> {
    const started = performance.now();
    const prepared = await this.prepare(request, control);
    const { report, table } = prepared;
    const skipBadRows = request.options.skipBadRows === true;
    if (report.problems.length > 0 && !skipBadRows) return { status: "invalid", workflow: request.workflow, report };
    if (report.badRows.length === table.rows) throw new WorkflowError("没有可分析的数据行 / No rows are left to analyse");

    const { settings, marks, others } = await this.marksOf(request);
    const located = await this.locateAll(marks, request.source.sheet);
    const edited = located.filter((l) => l.at && l.edited);
    if (edited.length > 0 && request.options.replaceEdited !== true) {
      return { status: "confirmReplace", workflow: request.workflow, edited: edited.map((l) => ({ sheet: l.at!.sheet, kind: l.mark.kind, headers: l.mark.headers })) };
    }
    throwIfAborted(control?.signal);

    // Validating and computing run in one piece each: the page gets a turn between them.
    progress(control, "compute", 0, 1);
    await yieldToEventLoop();
    throwIfAborted(control?.signal);
    const plan = this.plan(request, prepared);
    progress(control, "compute", 1, 1);
    await yieldToEventLoop();
    throwIfAborted(control?.signal);

    const written = await this.write(request, plan, located, settings, others, control);
    progress(control, "summary", 1, 1);
    return {
      status: "done",
      workflow: request.workflow,
      rowsRead: table.rows,
      rowsWritten: plan.rowsWritten,
      skipped: report.problems,
      outputs: written.outputs,
      summarySheet: written.summarySheet,
      charts: written.charts,
      summary: plan.summary,
      figures: plan.figures,
      replaced: written.replaced,
      elapsedMs: performance.now() - started,
    };
  }

  /** Core refuses what it cannot compute (one customer to rank, rf10 without 5 bins…): the pane shows why. */
  private plan(request: WorkflowRequest, prepared: Prepared): Plan {
    try {
      return this.planOf(request, prepared);
    } catch (e) {
      if (e instanceof CrmError) throw new WorkflowError(`无法计算 / Cannot compute: ${e.message}`);
      throw e;
    }
  }

  private planOf(request: WorkflowRequest, prepared: Prepared): Plan {
    const base = { table: prepared.table, mapping: request.mapping, source: request.source, asOf: prepared.asOf, skipped: prepared.report.problems };
    switch (request.workflow) {
      case "rfm":
        return planRfm({ ...base, options: request.options });
      case "value":
        return planValue({ ...base, options: request.options });
      case "aging":
        return planAging({ ...base, options: request.options });
      case "credit":
        return planCredit({ ...base, options: request.options });
    }
  }

  /** The first column at or right of `preferred` where `width` columns over the source rows are empty. */
  private async place(source: RangeRef, preferred: number, width: number): Promise<number> {
    const used = await this.port.usedRange(source.sheet);
    if (!used) return preferred;
    const right = used.column + used.columns;
    const rowsOverlap = used.row < source.row + source.rows && source.row < used.row + used.rows;
    if (preferred >= right || !rowsOverlap || preferred + width <= used.column) return preferred;
    const cells = await this.port.read({ sheet: source.sheet, row: source.row, column: preferred, rows: source.rows, columns: width });
    if (cells.every((r) => r.every((v) => v === null))) return preferred;
    return right;
  }

  private async write(request: WorkflowRequest, plan: Plan, located: LocatedMark[], settings: SheetSettings, others: OutputMark[], control?: RunControl) {
    const port = this.port;
    const signal = control?.signal;
    const lang: Language = request.options.language;
    const { source } = request;
    const outputs: WrittenOutput[] = [];
    const marks: OutputMark[] = [];
    const charts: ChartSpec[] = [];
    const replaced: WrittenOutput[] = [];
    const createdSheets: string[] = [];
    const formats: FormatStep[] = [];
    let writtenColumns: RangeRef | undefined;
    let summarySheet: string | undefined;
    const totalRows = (plan.columns ? source.rows : 0) + plan.sheets.reduce((n, s) => n + s.block.length, 0);
    let rowsDone = 0;
    const onProgress = (p: { done: number }) => progress(control, "write", rowsDone + p.done, totalRows);
    const sourceId = sourceKey(source);
    progress(control, "write", 0, totalRows);

    await port.suspendCalculation();
    try {
      // Earlier own output goes first; its columns are reused when the new output has the same place.
      let previousColumn: number | undefined;
      for (const l of located) {
        if (!l.at) continue;
        if (l.mark.kind === "columns") {
          await port.clear(l.at);
          if (l.at.sheet === source.sheet && l.at.row === source.row) previousColumn = l.at.column;
        } else {
          await port.deleteSheet(l.at.sheet);
        }
        replaced.push({ sheet: l.at.sheet, range: l.at, headers: l.mark.headers, kind: l.mark.kind });
      }

      if (plan.columns) {
        const c = plan.columns;
        const width = c.headers.length;
        const column = await this.place(source, previousColumn ?? source.column + source.columns, width);
        const block: Block = [c.headers, ...c.rows];
        writtenColumns = { sheet: source.sheet, row: source.row, column, rows: block.length, columns: width };
        await port.write(source.sheet, source.row, column, block, { signal, onProgress });
        rowsDone += block.length;
        formats.push({ range: { ...writtenColumns, rows: 1 }, format: { bold: true, fill: "#D9E1F2" } });
        for (let j = 0; j < width; j++) {
          const numberFormat = c.formats[j];
          const range = { sheet: source.sheet, row: source.row + 1, column: column + j, rows: block.length - 1, columns: 1 };
          formats.push({ range: { ...range, row: source.row, rows: 1 }, format: { columnWidth: Math.max(10, Math.min(24, c.headers[j].length * 2)) } });
          if (numberFormat) formats.push({ range, format: { numberFormat } });
        }
        for (const f of c.fills) formats.push({ range: { sheet: source.sheet, row: source.row + 1, column: column + f.column, rows: block.length - 1, columns: 1 }, fills: f.fills });
        const mark: OutputMark = { owner: request.workflow, source: sourceId, kind: "columns", sheet: source.sheet, row: source.row, column, rows: block.length, columns: width, headers: c.headers, fingerprint: await fingerprintInSlices(block), writtenAt: new Date().toISOString() };
        marks.push(mark);
        outputs.push({ sheet: source.sheet, range: writtenColumns, headers: c.headers, kind: "columns" });
      }

      for (const s of plan.sheets) {
        throwIfAborted(signal);
        const name = await port.addSheet(s.baseName);
        createdSheets.push(name);
        const result = await this.writeSheet(name, s, { signal, onProgress });
        rowsDone += s.block.length;
        formats.push(...result.formats);
        charts.push(...result.charts);
        marks.push({ owner: request.workflow, source: sourceId, kind: "sheet", sheet: name, row: 0, column: 0, rows: s.block.length, columns: s.block[0]?.length ?? 0, headers: [], fingerprint: await fingerprintInSlices(s.block), writtenAt: new Date().toISOString() });
        outputs.push({ sheet: name, range: result.range, headers: [], kind: "sheet" });
        if (s.key === "summary" || s.key === "report") summarySheet = name;
      }
      summarySheet ??= createdSheets[0];

      throwIfAborted(signal);
      // Formatting every written row takes a while in memory: it reports progress and yields as it goes.
      await port.formatAll(formats, { signal, onProgress: (p) => progress(control, "summary", p.done, p.total) });
      await port.addCharts(charts);

      settings.outputs = { ...(settings.outputs ?? {}), [request.workflow]: [...others, ...marks] };
      settings.mappings = { ...(settings.mappings ?? {}), [request.workflow]: this.toRemembered(source.sheet, request.mapping, modeOf(request)) };
      await port.setSheetSettings(source.sheet, settings as unknown as JsonObject);
    } catch (e) {
      if (isAbort(e)) {
        // Leave no half-written output behind; the earlier output is already gone.
        if (writtenColumns) await port.clear(writtenColumns).catch(() => undefined);
        for (const name of createdSheets) await port.deleteSheet(name).catch(() => undefined);
        settings.outputs = { ...(settings.outputs ?? {}), [request.workflow]: others };
        await port.setSheetSettings(source.sheet, settings as unknown as JsonObject).catch(() => undefined);
        throw new AbortedError(lang === "zh" ? "已取消；本次写入的结果已移除" : "cancelled; the output of this run was removed");
      }
      throw e;
    } finally {
      await port.resumeCalculation();
    }
    return { outputs, marks, charts, replaced, summarySheet };
  }

  /** Writes a result sheet's values; its formats and charts are returned for the batch at the end. */
  private async writeSheet(name: string, s: SheetPlan, io: { signal?: AbortSignal; onProgress: (p: { done: number }) => void }) {
    const width = s.block[0]?.length ?? 0;
    const range = { sheet: name, row: 0, column: 0, rows: s.block.length, columns: width };
    if (width > 0) await this.port.write(name, 0, 0, s.block, io);
    const formats: FormatStep[] = s.formats.map((f) => ({ range: { sheet: name, ...f.area }, format: f.format }));
    if (width > 0) formats.push({ range: { sheet: name, row: 0, column: 0, rows: 1, columns: width }, format: { columnWidth: 16 } });
    for (const f of s.fills) formats.push({ range: { sheet: name, ...f.area }, fills: f.fills });
    const charts: ChartSpec[] = s.charts.map((c) => {
      const spec: ChartSpec = { sheet: name, kind: c.kind, title: c.title, name: c.name, source: { sheet: name, ...c.source }, anchor: c.anchor };
      if (c.width) spec.width = c.width;
      if (c.height) spec.height = c.height;
      return spec;
    });
    return { range, formats, charts };
  }
}

/** The engine over a workbook; `today` gives the default as-of date (an Excel serial). */
export function createEngine(port: WorkbookPort, today: () => number = () => todaySerial()): WorkflowEngine {
  return new Engine(port, today);
}


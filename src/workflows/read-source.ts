/**
 * Reading the source: which table a choice means (selection, sheet, range), its headers, sample
 * and mapping (remembered for the sheet, else guessed), and, for a run, its data rows read and
 * validated into parsed columns with every problem. Writes nothing but the remembered mapping.
 * The seam for how sources are read (header rows, total rows, numbers typed as text…).
 */
import type { Language } from "../core/labels";
import { columnLetter } from "../workbook/address";
import { stepsInSlices, yieldToEventLoop } from "../workbook/slices";
import { type Block, type RangeRef, type WorkbookPort, throwIfAborted } from "../workbook/types";
import type { WorkflowDefinition } from "./definition";
import { WorkflowError } from "./errors";
import { missingFields } from "./field-spec";
import { guessMapping, normaliseHeader } from "./mapping";
import { isOwnHeader } from "./own-headers";
import { progress } from "./progress";
import { HEADER_SEARCH_ROWS, findHeaderRow, shapeSteps } from "./source-shape";
import { modeOf, workflowById } from "./registry";
import { type RememberedMapping, asJson, asSettings } from "./sheet-settings";
import type {
  ColumnMapping,
  CommonOptions,
  DescribeOptions,
  FieldId,
  FieldSpec,
  Problem,
  ProblemKind,
  RunControl,
  SourceChoice,
  SourceInfo,
  SourceMode,
  ValidationReport,
  WorkflowId,
  WorkflowRequest,
} from "./types";
import { type ParsedTable, validationSteps } from "./validate";

const SAMPLE_ROWS = 20;

/** A source read and validated for a run. */
export interface PreparedSource {
  data: Block;
  fields: FieldSpec[];
  report: ValidationReport;
  table: ParsedTable;
  asOf: number;
}

/** The source mode a request names, for a workflow that has several (RFM's options.mode; its first mode when not named). */
export function requestMode(def: WorkflowDefinition<CommonOptions>, request: WorkflowRequest): SourceMode | undefined {
  return def.modes.length > 1 ? (request.options as { mode?: SourceMode }).mode : undefined;
}

function summariseProblems(rows: number, problems: Problem[], firstRow: number, ok: Uint8Array, skip: Uint8Array): ValidationReport {
  problems.sort((a, b) => a.row - b.row || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  const counts: Partial<Record<ProblemKind, number>> = {};
  for (const p of problems) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  const badRows: number[] = [];
  for (let i = 0; i < ok.length; i++) if (!ok[i] && !skip[i]) badRows.push(firstRow + i);
  return { rows, problems, counts, badRows };
}

export class SourceReader {
  /** The last source described per sheet, to remember mappings by header text. */
  private readonly described = new Map<string, SourceInfo>();

  constructor(
    readonly port: WorkbookPort,
    private readonly today: () => number,
  ) {}

  /** The rectangle a choice means: whole columns or rows selected give only the part that holds data. */
  async resolve(choice: SourceChoice): Promise<RangeRef> {
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
    const row = Math.max(sel.row, used.row);
    const column = Math.max(sel.column, used.column);
    const rows = Math.min(sel.row + sel.rows, used.row + used.rows) - row;
    const columns = Math.min(sel.column + sel.columns, used.column + used.columns) - column;
    if (rows <= 0 || columns <= 0) throw new WorkflowError("所选区域没有数据 / The selection holds no data");
    return { sheet: sel.sheet, row, column, rows, columns };
  }

  async describe(choice: SourceChoice, workflow: WorkflowId, options: DescribeOptions = {}): Promise<SourceInfo> {
    const def = workflowById(workflow);
    const several = def.modes.length > 1;
    const asked = several ? (options.mode ?? options.rfmMode) : undefined;
    const used = await this.resolve(choice);
    const top = await this.port.read({ ...used, rows: Math.min(used.rows, HEADER_SEARCH_ROWS + SAMPLE_ROWS + 1) });
    // Exports put titles above the header ("2024年销售明细", "导出时间…"): the table starts at its header row.
    const titleRows = typeof choice === "object" && "row" in choice ? 0 : findHeaderRow(top, workflow, asked);
    const range = { ...used, row: used.row + titleRows, rows: used.rows - titleRows };
    const head = top.slice(titleRows, titleRows + SAMPLE_ROWS + 1);
    let columns = range.columns;
    // The add-in's own columns right of the data are output, not source.
    while (columns > 1 && isOwnHeader(head[0][columns - 1])) columns--;
    const trimmed = { ...range, columns };
    const headerCells = head[0].slice(0, columns);
    if (range.rows < 2) throw new WorkflowError("需要一行标题和至少一行数据 / The table needs a header row and at least one data row");
    const headers = headerCells.map((h) => (h === null ? "" : String(h)));
    const guess = guessMapping(headerCells, workflow, { mode: asked });
    const settings = asSettings(await this.port.getSheetSettings(range.sheet));
    const remembered = settings.mappings?.[workflow];
    // A mapping remembered for another source mode does not fit the mode asked for.
    const fits = remembered !== undefined && (asked === undefined || modeOf(def, remembered.mode).id === asked);
    const restored = remembered && fits ? this.restore(def, remembered, headers) : undefined;
    const info: SourceInfo = {
      range: trimmed,
      headers,
      rowCount: range.rows - 1,
      sample: head.slice(1).map((r) => r.slice(0, columns)),
      mapping: restored?.mapping ?? guess.mapping,
      remembered: restored !== undefined,
      guess,
    };
    if (titleRows > 0) info.titleRows = titleRows;
    if (several) info.mode = asked ?? restored?.mode ?? guess.mode ?? def.modes[0].id;
    this.described.set(range.sheet, info);
    return info;
  }

  /** A remembered mapping, by header text where the headers are still there, else by offset. */
  private restore(def: WorkflowDefinition<CommonOptions>, saved: RememberedMapping, headers: string[]): { mapping: ColumnMapping; mode?: SourceMode } | undefined {
    const norm = headers.map((h) => normaliseHeader(h));
    const mapping: ColumnMapping = {};
    for (const [field, offset] of Object.entries(saved.offsets) as [FieldId, number][]) {
      const name = saved.headers?.[field];
      const byName = name !== undefined ? norm.indexOf(normaliseHeader(name)) : -1;
      if (byName >= 0) mapping[field] = byName;
      else if (name === undefined && offset < headers.length) mapping[field] = offset;
      else return undefined; // the table changed: guess afresh
    }
    if (missingFields(modeOf(def, saved.mode).fields, (id) => mapping[id] !== undefined).length > 0) return undefined;
    return { mapping, mode: saved.mode };
  }

  async rememberMapping(sheet: string, workflow: WorkflowId, mapping: ColumnMapping, mode?: SourceMode): Promise<void> {
    const settings = asSettings(await this.port.getSheetSettings(sheet));
    const def = workflowById(workflow);
    settings.mappings = { ...(settings.mappings ?? {}), [workflow]: this.toRemembered(sheet, mapping, def.modes.length > 1 ? mode : undefined) };
    await this.port.setSheetSettings(sheet, asJson(settings));
  }

  /** What to remember of a mapping: offsets, and header texts of the sheet as last described. */
  toRemembered(sheet: string, mapping: ColumnMapping, mode?: SourceMode): RememberedMapping {
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

  private checkMapping(def: WorkflowDefinition<CommonOptions>, request: WorkflowRequest): readonly FieldSpec[] {
    const fields = modeOf(def, requestMode(def, request)).fields;
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
    return fields;
  }

  /** Reads the data rows and validates them: the declaration's fields, validation inputs and row checks. */
  async read(request: WorkflowRequest, control?: RunControl): Promise<PreparedSource> {
    const def = workflowById(request.workflow);
    const modeFields = this.checkMapping(def, request);
    const { source, mapping } = request;
    // The header row comes with the data: repeated headers further down are compared with it.
    const whole = await this.port.read(source, {
      signal: control?.signal,
      onProgress: (p) => progress(control, "read", p.done, p.total),
    });
    const header = whole[0];
    const data = whole.slice(1);
    await yieldToEventLoop();
    throwIfAborted(control?.signal);
    // Formulas tell a row of SUM/SUBTOTAL cells (a total without a label) from a customer.
    const formulas = await this.port.readFormulas({ ...source, row: source.row + 1, rows: source.rows - 1 }, { signal: control?.signal });
    throwIfAborted(control?.signal);
    const options = request.options as CommonOptions & { asOf?: number };
    const asOf = options.asOf !== undefined ? options.asOf : this.today();
    const mapped = modeFields.filter((f) => mapping[f.id] !== undefined);
    const fields = def.activeFields ? def.activeFields(mapped, mapping) : mapped;
    const firstRow = source.row + 2;
    // Both in slices: in one piece they stopped a 100,000-row page for ~1 s when slowed down 6×.
    const sliced = { signal: control?.signal };
    const shape = await stepsInSlices(shapeSteps(data, formulas, { header, fields, mapping, firstRow, firstColumn: source.column }), sliced);
    const { report, table } = await stepsInSlices(validationSteps(data, {
      skip: shape.skip,
      dateOrders: options.dateOrders,
      fields,
      mapping,
      firstRow,
      firstColumn: source.column,
      asOf: def.validation?.asOf ? asOf : undefined,
      scaleMax: def.validation?.scaleMax?.(options),
      uniqueIds: modeOf(def, requestMode(def, request)).oneRowPerCustomer,
      language: options.language,
    }), sliced);
    // Problems of rows whose cells are each valid, but not together (found on the rows still good).
    const columnOf = (field: string) => (mapping[field] === undefined ? undefined : columnLetter(source.column + mapping[field]!));
    const extra = def.rowChecks?.({ table, options, mapping, source, firstRow, columnOf }) ?? [];
    const finalReport = extra.length ? { ...report, ...summariseProblems(table.rows, [...report.problems, ...extra], firstRow, table.ok, shape.skip) } : report;
    if (shape.leftOut.length > 0) finalReport.leftOut = shape.leftOut;
    progress(control, "validate", 1, 1);
    return { data, fields: [...fields], report: finalReport, table, asOf };
  }
}

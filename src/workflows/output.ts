/**
 * Writing and owning output. Results go into new columns (right of the source, or right of
 * everything used when those cells are not empty) or new sheets: nothing of the person's is
 * overwritten. What the add-in wrote is remembered as marks (OutputMark with a fingerprint, in
 * the source sheet's settings), so a rerun finds it again (columns on the source sheet whatever it
 * is called now; result sheets by the id of the sheet the add-in added, so a person's sheet that
 * carries an old output's name is never taken; a result sheet the person renamed is theirs), replaces only that, and first
 * reports it when the person edited it. Values go first, then formats and charts in one batch
 * each; a failed or cancelled write is undone: new output removed, previous output put back (write-journal.ts).
 */
import type { Language } from "../core/labels";
import { AbortedError, type Block, type CellValue, type ChartSpec, type FormatStep, type OutputMark, type RangeRef, type SheetInfo, type WorkbookPort, throwIfAborted } from "../workbook/types";
import type { WorkflowDefinition } from "./definition";
import { stepsInSlices } from "../workbook/slices";
import { blockWidthSteps } from "./column-widths";
import { WriteJournal } from "./write-journal";
import { fingerprintInSlices } from "./fingerprint";
import type { Plan } from "./plan";
import { progress } from "./progress";
import { type RememberedMapping, type SheetSettings, asJson, asSettings, sourceKey } from "./sheet-settings";
import type { SheetPlan } from "./sheet-builder";
import type { CommonOptions, EditedOutput, RunControl, WorkflowRequest, WrittenOutput } from "./types";

export interface LocatedMark {
  mark: OutputMark;
  /** Where it is now (columns may have moved), or null when it is gone. */
  at: RangeRef | null;
  edited: boolean;
}

/** The earlier outputs of a workflow for one source table, where they are now, and the sheet's settings. */
export interface OwnedOutput {
  settings: SheetSettings;
  located: LocatedMark[];
  /** Marks of the same workflow for other tables of the sheet (kept as they are). */
  others: OutputMark[];
}

export interface Written {
  outputs: WrittenOutput[];
  marks: OutputMark[];
  charts: ChartSpec[];
  replaced: WrittenOutput[];
  summarySheet?: string;
}

/** The person's widths of the columns an output took (none for marks written before widths were kept). */
function widthsOf(mark: OutputMark): (number | null)[] {
  const w = mark.widthsBefore;
  return Array.isArray(w) && w.length === mark.columns && w.every((x) => x === null || typeof x === "number") ? (w as (number | null)[]) : [];
}

/** Steps that put the person's widths back on the columns of an output. */
function widthsBack(mark: OutputMark, at: RangeRef): FormatStep[] {
  return widthsOf(mark).map((columnWidth, j) => ({ range: { sheet: at.sheet, row: at.row, column: at.column + j, rows: 1, columns: 1 }, format: { columnWidth } }));
}

/** Column widths of a result sheet: by its tables and parameter lines, where the last text of a free line spills right. */
function sheetWidths(s: SheetPlan, signal?: AbortSignal): Promise<number[]> {
  // A sheet has a few dozen format areas; the last one over a cell is what it shows.
  const numberFormats = s.formats.filter((f) => f.format.numberFormat !== undefined).reverse();
  const formatOf = (r: number, c: number) => numberFormats.find(({ area: a }) => r >= a.row && r < a.row + a.rows && c >= a.column && c < a.column + a.columns)?.format.numberFormat;
  const free = new Set(s.freeLines ?? []);
  return stepsInSlices(blockWidthSteps(s.block, { formatOf, spills: (r) => free.has(r) }), { signal });
}

function isAbort(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === "AbortError";
}

export function editedOf(located: readonly LocatedMark[]): EditedOutput[] {
  return located.filter((l) => l.at && l.edited).map((l) => ({ sheet: l.at!.sheet, kind: l.mark.kind, headers: l.mark.headers }));
}

export class OutputWriter {
  constructor(readonly port: WorkbookPort) {}

  /**
   * The earlier outputs of this workflow for this source table (a sheet may hold several tables:
   * running on one never replaces the output of another), located, and the sheet's other marks.
   */
  async owned(request: WorkflowRequest): Promise<OwnedOutput> {
    const settings = asSettings(await this.port.getSheetSettings(request.source.sheet));
    const all = settings.outputs?.[request.workflow] ?? [];
    const key = sourceKey(request.source);
    const marks = all.filter((m) => (m.source ?? key) === key);
    const located: LocatedMark[] = [];
    const sheets = marks.length > 0 ? await this.port.listSheets() : [];
    for (const m of marks) located.push(await this.locate(m, sheets, request.source.sheet, request.source.rows));
    return { settings, located, others: all.filter((m) => (m.source ?? key) !== key) };
  }

  /**
   * Takes this workflow's own output for the source table off the workbook: its columns beside
   * the data (values, formats, value fills) and its result sheets (with their charts), found by
   * the add-in's marks; nothing else. A result sheet the person renamed is theirs and stays.
   */
  async remove(request: WorkflowRequest): Promise<WrittenOutput[]> {
    const { settings, located, others } = await this.owned(request);
    const removed: WrittenOutput[] = [];
    for (const l of located) {
      if (!l.at) continue;
      if (l.mark.kind === "columns") {
        await this.port.clear(l.at);
        await this.port.formatAll(widthsBack(l.mark, l.at));
      } else await this.port.deleteSheet(l.at.sheet);
      removed.push({ sheet: l.at.sheet, range: l.at, headers: l.mark.headers, kind: l.mark.kind });
    }
    if (located.length > 0) {
      settings.outputs = { ...(settings.outputs ?? {}), [request.workflow]: others };
      await this.port.setSheetSettings(request.source.sheet, asJson(settings));
    }
    return removed;
  }

  /**
   * Where an earlier output is now; `sourceSheet` is the current name of the sheet whose settings
   * hold the mark. A result sheet is found by the id of the sheet the add-in added, never by its
   * name alone: a person's sheet that carries an old output's name is theirs. It is ours while it
   * keeps the name it was given (a sheet the person renamed is theirs too, as it always was).
   * A mark without an id (written before ids were kept), or whose id is no sheet of the workbook
   * now (a host that does not keep ids across sessions: the preview, a file opened elsewhere),
   * finds the sheet of its name only when that sheet holds exactly what was written: then the
   * content is the mark (nothing of the person's is in it, so replacing it loses nothing). Such
   * a sheet with edits is left alone, not offered for replacing: the new output goes beside it.
   */
  private async locate(mark: OutputMark, sheets: readonly SheetInfo[], sourceSheet: string, tableRows = 0): Promise<LocatedMark> {
    const port = this.port;
    const sameName = (s: SheetInfo, name: string) => s.name.toLowerCase() === name.toLowerCase();
    if (mark.kind === "sheet") {
      const byId = mark.sheetId === undefined ? undefined : sheets.find((s) => s.id === mark.sheetId);
      const vouched = byId !== undefined;
      const sheet = vouched ? (sameName(byId, mark.sheet) ? byId : undefined) : sheets.find((s) => sameName(s, mark.sheet));
      if (!sheet) return { mark, at: null, edited: false };
      const at = { sheet: sheet.name, row: 0, column: 0, rows: mark.rows, columns: mark.columns };
      const used = sheet.used;
      const outside = used !== null && (used.row + used.rows > mark.rows || used.column + used.columns > mark.columns);
      const edited = outside || (await fingerprintInSlices(await port.read(at))) !== mark.fingerprint;
      if (edited && !vouched) return { mark, at: null, edited: false };
      return { mark: vouched ? mark : { ...mark, sheetId: sheet.id }, at, edited };
    }
    // Columns are always written on the source sheet, which may have been renamed since.
    const sheet = sheets.find((s) => sameName(s, sourceSheet));
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
    const edited = (await fingerprintInSlices(await port.read(at))) !== mark.fingerprint;
    // Rows inserted inside the table in Excel push the output's last rows down: the output is as
    // tall as the table now, or a replace would leave the old last rows beside the new ones.
    return { mark, at: { ...at, rows: Math.max(mark.rows, tableRows) }, edited };
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

  /**
   * Replaces the earlier output with the plan's, marks what it wrote and remembers the mapping,
   * in the source sheet's settings. A failed or cancelled write leaves the workbook as it was.
   */
  async write(def: WorkflowDefinition<CommonOptions>, request: WorkflowRequest, plan: Plan, owned: OwnedOutput, remembered: RememberedMapping, control?: RunControl): Promise<Written> {
    const port = this.port;
    const { settings, located, others } = owned;
    const signal = control?.signal;
    const lang: Language = request.options.language;
    const style = def.columnsStyle;
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

    // Everything this run removes is kept and everything it creates recorded, so that any
    // failure or a cancel leaves the workbook as it was (write-journal.ts).
    const journal = new WriteJournal(port, source.sheet, asJson(settings));
    await port.suspendCalculation();
    try {
      // Earlier own output goes first; its columns are reused when the new output has the same place.
      let previousColumn: number | undefined;
      const oldSheets: { name: string; id?: string }[] = [];
      // The person's widths of columns an earlier output widened (column → width), put back or kept for the new output.
      const personsWidths = new Map<number, number | null>();
      for (const l of located) {
        if (!l.at) continue;
        if (l.mark.kind === "columns") {
          await journal.clearColumns(l.at);
          if (l.at.sheet === source.sheet) widthsOf(l.mark).forEach((w, j) => personsWidths.set(l.at!.column + j, w));
          formats.push(...widthsBack(l.mark, l.at));
          if (l.at.sheet === source.sheet && l.at.row === source.row) previousColumn = l.at.column;
        } else {
          oldSheets.push({ name: l.at.sheet, id: l.mark.sheetId });
        }
        replaced.push({ sheet: l.at.sheet, range: l.at, headers: l.mark.headers, kind: l.mark.kind });
      }
      // Last tab first: if a deletion fails, the ones already gone are put back at the end, where they were.
      if (oldSheets.length > 1) {
        const tabs = (await port.listSheets()).map((s) => s.name.toLowerCase());
        oldSheets.sort((a, b) => tabs.indexOf(b.name.toLowerCase()) - tabs.indexOf(a.name.toLowerCase()));
      }
      for (const old of oldSheets) await journal.deleteSheet(old.name, old.id);

      if (plan.columns) {
        const c = plan.columns;
        const width = c.headers.length;
        const column = await this.place(source, previousColumn ?? source.column + source.columns, width);
        const block: Block = [c.headers, ...c.rows];
        writtenColumns = { sheet: source.sheet, row: source.row, column, rows: block.length, columns: width };
        let widthsBefore: (number | null)[] = [];
        const onColumnWidths = (current: (number | null)[]) => {
          journal.keepWidths(source.sheet, column, current);
          widthsBefore = current.map((w, j) => (personsWidths.has(column + j) ? personsWidths.get(column + j)! : w));
        };
        journal.writingColumns(writtenColumns);
        await port.write(source.sheet, source.row, column, block, { signal, onProgress, onColumnWidths });
        rowsDone += block.length;
        formats.push({ range: { ...writtenColumns, rows: 1 }, format: { ...style.header } });
        // In slices: measuring 100,000 texts in one piece stopped a slowed-down page for ~250 ms.
        const widths = await stepsInSlices(blockWidthSteps(block, { formatOf: (r, j) => (r === 0 ? undefined : c.formats[j]) }), { signal });
        for (let j = 0; j < width; j++) {
          const numberFormat = c.formats[j];
          const range = { sheet: source.sheet, row: source.row + 1, column: column + j, rows: block.length - 1, columns: 1 };
          formats.push({ range: { ...range, row: source.row, rows: 1 }, format: { columnWidth: widths[j] } });
          if (numberFormat) formats.push({ range, format: { numberFormat } });
        }
        for (const f of c.fills) formats.push({ range: { sheet: source.sheet, row: source.row + 1, column: column + f.column, rows: block.length - 1, columns: 1 }, fills: f.fills });
        const mark: OutputMark = { owner: request.workflow, source: sourceId, kind: "columns", sheet: source.sheet, row: source.row, column, rows: block.length, columns: width, headers: c.headers, fingerprint: await fingerprintInSlices(block), writtenAt: new Date().toISOString(), widthsBefore };
        marks.push(mark);
        outputs.push({ sheet: source.sheet, range: writtenColumns, headers: c.headers, kind: "columns" });
      }

      for (const s of plan.sheets) {
        throwIfAborted(signal);
        const { name, id } = await journal.addSheet(s.baseName);
        createdSheets.push(name);
        const result = await writeResultSheet(port, name, s, { signal, onProgress });
        rowsDone += s.block.length;
        formats.push(...result.formats);
        charts.push(...result.charts);
        marks.push({ owner: request.workflow, source: sourceId, kind: "sheet", sheet: name, sheetId: id, row: 0, column: 0, rows: s.block.length, columns: s.block[0]?.length ?? 0, headers: [], fingerprint: await fingerprintInSlices(s.block), writtenAt: new Date().toISOString() });
        outputs.push({ sheet: name, range: result.range, headers: [], kind: "sheet" });
        if (s.key === "summary" || s.key === "report") summarySheet = name;
      }
      summarySheet ??= createdSheets[0];

      throwIfAborted(signal);
      // Formatting every written row takes a while in memory: it reports progress and yields as it goes.
      await port.formatAll(formats, { signal, onProgress: (p) => progress(control, "summary", p.done, p.total) });
      await port.addCharts(charts);

      settings.outputs = { ...(settings.outputs ?? {}), [request.workflow]: [...others, ...marks] };
      settings.mappings = { ...(settings.mappings ?? {}), [request.workflow]: remembered };
      await journal.setSettings(asJson(settings));
    } catch (e) {
      // Leave no half-written output behind, and put the previous output back.
      await journal.undo();
      if (isAbort(e)) throw new AbortedError(lang === "zh" ? "已取消；工作簿保持原样" : "cancelled; the workbook is as it was");
      throw e;
    } finally {
      await port.resumeCalculation();
    }
    return { outputs, marks, charts, replaced, summarySheet };
  }
}

/** Writes a result sheet's values; its formats (column widths included) and charts are returned for the batch at the end. */
export async function writeResultSheet(port: WorkbookPort, name: string, s: SheetPlan, io: { signal?: AbortSignal; onProgress: (p: { done: number }) => void }) {
  const width = s.block[0]?.length ?? 0;
  const range = { sheet: name, row: 0, column: 0, rows: s.block.length, columns: width };
  if (width > 0) await port.write(name, 0, 0, s.block, io);
  const formats: FormatStep[] = s.formats.map((f) => ({ range: { sheet: name, ...f.area }, format: f.format }));
  (await sheetWidths(s, io.signal)).forEach((columnWidth, column) => formats.push({ range: { sheet: name, row: 0, column, rows: 1, columns: 1 }, format: { columnWidth } }));
  for (const f of s.fills) formats.push({ range: { sheet: name, ...f.area }, fills: f.fills });
  const charts: ChartSpec[] = s.charts.map((c) => {
    const spec: ChartSpec = { sheet: name, kind: c.kind, title: c.title, name: c.name, source: { sheet: name, ...c.source }, anchor: c.anchor };
    if (c.width) spec.width = c.width;
    if (c.height) spec.height = c.height;
    return spec;
  });
  return { range, formats, charts };
}

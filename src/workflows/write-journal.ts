/**
 * A run either completes or leaves the workbook as it found it (issue 11 item 3). Before a run
 * removes anything of its previous output it keeps what it removes (values of own columns; the
 * values and charts of own sheets), and it records everything it creates as it creates it, so
 * that a failure at any write step (addSheet, write, formatAll, addCharts, setSheetSettings,
 * clear, deleteSheet…) or a cancel undoes the run: new output removed, previous output and the
 * sheet's settings put back. Kept apart from the engine's write order so that it moves with it.
 *
 * What is restored: cells, sheets (appended at the end, where output sheets live), charts,
 * settings and the widths of the columns the run wrote or cleared. Number formats and fills of restored previous output are not (the port cannot read
 * them); its values are exact.
 */
import type { AddedSheet, Block, ChartSpec, JsonObject, RangeRef, WorkbookPort } from "../workbook/types";

/** In settings as written by output.ts: every output mark of sheet `id` now names `to`. */
function renameMarkedSheet(settings: JsonObject, id: string, to: AddedSheet): void {
  const outputs = settings.outputs;
  if (outputs === null || typeof outputs !== "object" || Array.isArray(outputs)) return;
  for (const marks of Object.values(outputs)) {
    if (!Array.isArray(marks)) continue;
    for (const m of marks) {
      if (m === null || typeof m !== "object" || Array.isArray(m) || m.sheetId !== id) continue;
      m.sheetId = to.id;
      m.sheet = to.name;
    }
  }
}

interface KeptSheet {
  name: string;
  /** Its id, when known: the marks in the settings put back name the sheet restored in its place. */
  id?: string;
  block: Block;
  charts: ChartSpec[];
}

export class WriteJournal {
  private readonly created: string[] = [];
  private readonly written: RangeRef[] = [];
  private readonly keptColumns: { at: RangeRef; block: Block }[] = [];
  private readonly deleted: KeptSheet[] = [];
  /** Widths of columns before the run touched them ("sheet\u0000column" → width), the first one kept. */
  private readonly widths = new Map<string, { sheet: string; column: number; width: number | null }>();
  private settingsTouched = false;
  private readonly settingsBefore: JsonObject;

  constructor(
    private readonly port: WorkbookPort,
    private readonly settingsSheet: string,
    settings: JsonObject,
  ) {
    this.settingsBefore = JSON.parse(JSON.stringify(settings)) as JsonObject;
  }

  /** Clears previous own columns, keeping their values. */
  async clearColumns(at: RangeRef): Promise<void> {
    const block = await this.port.read(at, { onColumnWidths: (widths) => this.keepWidths(at.sheet, at.column, widths) });
    this.keptColumns.push({ at, block });
    await this.port.clear(at);
  }

  /** Deletes a previous own sheet, keeping its values and charts. */
  async deleteSheet(name: string, id?: string): Promise<void> {
    const used = await this.port.usedRange(name);
    const block = used ? await this.port.read({ sheet: name, row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns }) : [];
    const charts = await this.port.listCharts(name);
    await this.port.deleteSheet(name);
    // Kept once it is gone: a sheet that failed to go is still there, and must not come twice.
    this.deleted.push({ name, id, block, charts });
  }

  /** Before new columns are written there (a partial write is cleared on undo). */
  writingColumns(at: RangeRef): void {
    this.written.push(at);
  }

  /** Widths of columns as they were before the run changes them (only the first record of a column counts). */
  keepWidths(sheet: string, column: number, widths: readonly (number | null)[]): void {
    widths.forEach((width, j) => {
      const key = `${sheet}\u0000${column + j}`;
      if (!this.widths.has(key)) this.widths.set(key, { sheet, column: column + j, width });
    });
  }

  async addSheet(base: string): Promise<AddedSheet> {
    const added = await this.port.addSheet(base);
    this.created.push(added.name);
    return added;
  }

  async setSettings(settings: JsonObject): Promise<void> {
    this.settingsTouched = true;
    await this.port.setSheetSettings(this.settingsSheet, settings);
  }

  /**
   * Undoes the run, newest first; each step is attempted even when another fails (the workbook
   * may be half-broken: a failing host). Returns the steps that failed, for the message.
   */
  async undo(): Promise<string[]> {
    const failed: string[] = [];
    const attempt = async (what: string, step: () => Promise<unknown>) => {
      try {
        await step();
      } catch {
        failed.push(what);
      }
    };
    for (const name of [...this.created].reverse()) await attempt(`delete ${name}`, () => this.port.deleteSheet(name));
    for (const at of [...this.written].reverse()) await attempt(`clear ${at.sheet}`, () => this.port.clear(at));
    for (const { at, block } of [...this.keptColumns].reverse()) await attempt(`restore ${at.sheet}`, () => this.port.write(at.sheet, at.row, at.column, block));
    // Put back in the reverse order of deleting (the engine deletes the last tab first).
    const settings = this.settingsBefore;
    for (const kept of [...this.deleted].reverse()) {
      await attempt(`restore ${kept.name}`, async () => {
        const { name, id } = await this.port.addSheet(kept.name);
        // The sheet put back is a new sheet to the host: the marks that named the old one name it.
        if (kept.id !== undefined) renameMarkedSheet(settings, kept.id, { name, id });
        if (kept.block.length > 0) await this.port.write(name, 0, 0, kept.block);
        if (kept.charts.length > 0) await this.port.addCharts(kept.charts.map((c) => ({ ...c, sheet: name, source: { ...c.source, sheet: c.source.sheet === kept.name ? name : c.source.sheet } })));
      });
    }
    if (this.widths.size > 0) {
      const steps = [...this.widths.values()].map(({ sheet, column, width }) => ({ range: { sheet, row: 0, column, rows: 1, columns: 1 }, format: { columnWidth: width } }));
      await attempt("widths", () => this.port.formatAll(steps));
    }
    if (this.settingsTouched || this.deleted.some((k) => k.id !== undefined)) await attempt("settings", () => this.port.setSheetSettings(this.settingsSheet, settings));
    return failed;
  }
}

/**
 * The preview's workbook kept with the offload tasks (books.ts) and seen from the page
 * (RemoteWorkbook): inline and over a channel standing in for the pinned worker, the grid sees
 * every cell, formula, merge and chart the workbook has; a workflow run through the remote engine
 * writes what a run on the page writes, with its progress; an edit recalculates there and the
 * grid's rows follow; a cancel stops the call without losing the workbook; the page fetches only
 * the blocks of rows it draws.
 */
import * as fs from "fs";
import JSZip from "jszip";
import * as path from "path";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import { AbortedError, type Block, type FunctionsMetadata } from "../workbook/types";
import { createEngine } from "../workflows/engine";
import { PinnedWorkerRunner, type TaskRunner } from "./runner";
import { RemoteWorkbook, WINDOW_ROWS } from "./remote-workbook";
import { XLSX_TYPE } from "../workbook/xlsx-file";
import type { BookMeta } from "./books";
import { customers, rfm, RFM_AS_OF } from "../../test/support/rfm-customers";
import { runnersUnderTest } from "../../test/support/channel-worker";

jest.setTimeout(60_000);

const SAMPLES = path.join(__dirname, "../../assets/samples");
const AS_OF = RFM_AS_OF;
const metadata = JSON.parse(fs.readFileSync(path.join(__dirname, "../../dist/functions.json"), "utf8")) as FunctionsMetadata;

const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(SAMPLES, name))).buffer;

async function xlsxOf(sheets: Record<string, Block>): Promise<ArrayBuffer> {
  const bytes = await MemoryWorkbook.fromSheets(sheets).toXlsx();
  return bytes.slice().buffer;
}

/** What the grid would draw of a sheet: every cell's view and formula, once its rows have arrived. */
async function drawn(book: RemoteWorkbook | MemoryWorkbook, sheet: string, rows?: number) {
  const { rows: used, columns } = book.dimensions(sheet);
  const look = () => {
    const out: unknown[][] = [];
    for (let r = 0; r < Math.min(used, rows ?? used); r++) {
      const row: unknown[] = [];
      for (let c = 0; c < columns; c++) row.push([book.cellView(sheet, r, c), book.cellFormula(sheet, r, c) ?? null]);
      out.push(row);
    }
    return out;
  };
  look();
  if (book instanceof RemoteWorkbook) await book.whenFetched();
  return look();
}

describe.each(runnersUnderTest("pinned worker", (spawn) => new PinnedWorkerRunner(spawn)))("%s", (_where, make) => {
  test("the grid sees every sheet, cell, formula, merge, chart and column width of the exercise workbook", async () => {
    const { runner } = make();
    const remote = await RemoteWorkbook.open(runner, bytesOf("exercises.xlsx"));
    const direct = await MemoryWorkbook.fromXlsx(bytesOf("exercises.xlsx"));
    expect(remote.sheetNames()).toEqual(direct.sheetNames());
    expect(await remote.activeSheet()).toBe(await direct.activeSheet());
    for (const name of direct.sheetNames()) {
      expect(remote.dimensions(name)).toEqual(direct.dimensions(name));
      expect(remote.mergedAreas(name)).toEqual(direct.mergedAreas(name));
      expect(remote.chartsOn(name)).toEqual(direct.chartsOn(name));
      for (let c = 0; c < direct.dimensions(name).columns; c++) expect(remote.storedColumnWidth(name, c)).toEqual(direct.storedColumnWidth(name, c));
      expect(await drawn(remote, name)).toEqual(await drawn(direct, name));
    }
    expect(await remote.listSheets()).toHaveLength((await direct.listSheets()).length);
  });

  test("an RFM run through the remote engine writes what a run on the page writes, with its progress; the download has the same cells", async () => {
    const { runner } = make();
    const n = 2_345; // past the protocol's chunk: the written columns cross as parts
    const remote = await RemoteWorkbook.open(runner, await xlsxOf({ Data: customers(n) }));
    const local = await MemoryWorkbook.fromXlsx(await xlsxOf({ Data: customers(n) }));
    const phases = new Set<string>();
    let changes = 0;
    remote.subscribe(() => changes++);
    const engine = remote.engine();
    expect(engine.port).toBe(remote);
    const a = await engine.run(rfm(n), { onProgress: (p) => phases.add(p.phase) });
    const b = await createEngine(local, () => AS_OF).run(rfm(n));
    expect(a.status).toBe("done");
    expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });
    expect(phases.has("write")).toBe(true);
    expect(changes).toBeGreaterThan(0);
    expect(remote.sheetNames()).toEqual(local.sheetNames());
    for (const name of local.sheetNames()) {
      const used = await local.usedRange(name);
      expect(await remote.usedRange(name)).toEqual(used);
      if (used) expect(await remote.read(used)).toEqual(await local.read(used));
      expect(remote.chartsOn(name)).toEqual(local.chartsOn(name));
      expect(await drawn(remote, name, 150)).toEqual(await drawn(local, name, 150));
    }
    // The download is an .xlsx file made where the workbook is: the page only hands it on.
    const file = await remote.save();
    expect(file.type).toBe(XLSX_TYPE);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const saved = await MemoryWorkbook.fromXlsx(bytes);
    const data = (await saved.usedRange("Data"))!;
    expect(await saved.read(data)).toEqual(await local.read(data));
    // Its charts as native chart parts, as the page's own download writes them.
    const chartParts = async (file: Uint8Array) => Object.keys((await JSZip.loadAsync(file)).files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).sort();
    expect((await chartParts(bytes)).length).toBeGreaterThan(0);
    expect(await chartParts(bytes)).toEqual(await chartParts(await local.toXlsx()));
  });

  test("an edit recalculates where the workbook is, and the rows the grid draws follow", async () => {
    const { runner } = make();
    const remote = await RemoteWorkbook.open(runner, await xlsxOf({ S: [[10, 2], [null, null]] }));
    await remote.useFunctions(metadata);
    await remote.enterCell("S", 1, 0, { formula: "=A1*B1+CRM.CLV(0,1,100)" });
    expect(await drawn(remote, "S")).toEqual([
      [[{ value: 10, text: "10" }, null], [{ value: 2, text: "2" }, null]],
      [[expect.objectContaining({ value: 120 }), "=A1*B1+CRM.CLV(0,1,100)"], [{ value: null, text: "" }, null]],
    ]);
    // The selection the grid reports is the page's at once, and the worker's for what acts on it.
    remote.setSelection({ sheet: "s", row: 0, column: 1, rows: 1, columns: 1 });
    expect(await remote.selection()).toEqual({ sheet: "S", row: 0, column: 1, rows: 1, columns: 1 });
    await remote.insertFormula("=A1+1");
    expect((await drawn(remote, "S"))[0][1]).toEqual([expect.objectContaining({ text: "=A1+1" }), "=A1+1"]);
    await remote.enterCell("S", 0, 1, { value: 2 });
    const version = remote.version;
    await remote.enterCell("S", 0, 0, { value: 5 });
    expect(remote.version).toBeGreaterThan(version);
    expect((await drawn(remote, "S"))[1][0]).toEqual([expect.objectContaining({ value: 110 }), "=A1*B1+CRM.CLV(0,1,100)"]);
  });

  test("a row is pending until its block arrives, and again after a change until the new one does", async () => {
    const { runner } = make();
    const remote = await RemoteWorkbook.open(runner, await xlsxOf({ S: [[1], [2]] }));
    expect(remote.rowPending("S", 0)).toBe(true);
    expect(remote.cellView("S", 0, 0)).toEqual({ value: null, text: "" });
    await remote.whenFetched();
    expect(remote.rowPending("S", 0)).toBe(false);
    expect(remote.cellView("S", 1, 0).text).toBe("2");
    await remote.enterCell("S", 1, 0, { value: 3 });
    // Drawn as it was until the new block comes: the text may still change.
    expect(remote.rowPending("S", 1)).toBe(true);
    expect(remote.cellView("S", 1, 0).text).toBe("2");
    await remote.whenFetched();
    expect(remote.rowPending("S", 1)).toBe(false);
    expect(remote.cellView("S", 1, 0).text).toBe("3");
    // Past the used rows and on no sheet: nothing to wait for.
    expect(remote.rowPending("S", 5)).toBe(false);
    expect(remote.rowPending("Nope", 0)).toBe(false);
  });

  test("a cancelled run rejects as an abort, the worker is not terminated and the workbook stays usable", async () => {
    const { runner, log } = make();
    const n = 3_000;
    const remote = await RemoteWorkbook.open(runner, await xlsxOf({ Data: customers(n) }));
    const controller = new AbortController();
    const pending = remote.engine().run(rfm(n), { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(log.terminated).toBe(0);
    const again = await remote.engine().run(rfm(n));
    expect(again.status).toBe("done");
  });

  test("the page fetches only the blocks of rows it draws", async () => {
    const { runner } = make();
    const remote = await RemoteWorkbook.open(runner, await xlsxOf({ Data: customers(1_000) }));
    const asked: number[] = [];
    const counting: TaskRunner = {
      where: runner.where,
      run: (task, input, control) => {
        if (task === "bookWindow") asked.push((input as { row: number }).row);
        return runner.run(task, input, control);
      },
    };
    const seen = new RemoteWorkbook(counting, remote.id, (remote as unknown as { meta: BookMeta }).meta);
    for (let r = 0; r < 50; r++) seen.cellView("Data", r, 0);
    seen.cellView("Data", 450, 2);
    await seen.whenFetched();
    expect(asked.sort((x, y) => x - y)).toEqual([0, 4 * WINDOW_ROWS]);
    expect(seen.cellView("Data", 450, 0).value).toBe("C450");
    // A copy of rows not drawn yet loads them first (the grid's Ctrl+C).
    await seen.loadRows("Data", 520, 250);
    expect(asked.sort((x, y) => x - y)).toEqual([0, 4, 5, 6, 7].map((b) => b * WINDOW_ROWS));
    expect(seen.cellView("Data", 769, 0).value).toBe("C769");
  });
});

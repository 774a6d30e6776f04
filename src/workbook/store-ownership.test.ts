/**
 * Issue 11 items 2 and 8, on both ports: the add-in's store is recognised by what it wrote
 * (very hidden, a store name, its marker), never by a name alone; a person's sheet named
 * CRM_AddinData (any case) is left exactly as it is and stays in the sheet list; a store of the
 * previous version (no marker) is still read; valid JSON of the wrong shape is recovered from as
 * bad JSON is, without an exception on any later run.
 */
import ExcelJS from "exceljs";
import { ExcelWorkbook } from "./excel-workbook";
import { FakeExcel } from "../../test/support/fake-excel";
import { MemoryWorkbook } from "./memory-workbook";
import { DATA_SHEET, STORE_MARKER, decodeStore, encodeStore, findStoreSheet, newStoreSheetName } from "./store";
import type { Block, WorkbookPort } from "./types";
import { createEngine } from "../workflows/engine";
import type { WorkflowRequest } from "../workflows/types";

const DATA: Block = [
  ["客户编号", "最近消费天数", "消费次数", "消费金额"],
  ["C1", 10, 5, 500],
  ["C2", 40, 2, 100],
  ["C3", 5, 9, 900],
];
const USER_SHEET: Block = [
  ["my notes", 1],
  ["keep", 2],
  ["these", 3],
];
const RFM: WorkflowRequest = { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows: 4, columns: 4 }, mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, options: { language: "en", mode: "customers" } };

interface Subject {
  port: WorkbookPort;
  /** The cells of a sheet as stored (the person's view), by exact name. */
  cellsOf(name: string): Block;
  /** All sheet names with their visibility. */
  sheets(): { name: string; veryHidden: boolean }[];
}

/** A legacy (previous version) store: the same JSON without the marker, in column A of a very hidden sheet. */
function legacyStoreRows(settings: Record<string, unknown>): Block {
  return [[JSON.stringify({ version: 1, sheets: settings, charts: [] })]];
}

async function memoryWith(sheets: Record<string, Block>, veryHidden: string[] = []): Promise<Subject> {
  const wb = new ExcelJS.Workbook();
  for (const [name, block] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    block.forEach((row) => ws.addRow(row));
    if (veryHidden.includes(name)) ws.state = "veryHidden";
  }
  const port = await MemoryWorkbook.fromXlsx(await wb.xlsx.writeBuffer());
  return memorySubject(port);
}

function memorySubject(port: MemoryWorkbook): Subject {
  return {
    port,
    cellsOf: (name) => {
      const ws = port.excel.getWorksheet(name)!;
      const out: Block = [];
      ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === undefined ? null : (v as string | number)))));
      return out;
    },
    sheets: () => port.excel.worksheets.map((ws) => ({ name: ws.name, veryHidden: ws.state === "veryHidden" })),
  };
}

function fakeWith(sheets: Record<string, Block>, veryHidden: string[] = []): Subject {
  const fake = new FakeExcel(sheets);
  for (const name of veryHidden) fake.model(name).visibility = "VeryHidden";
  return {
    port: new ExcelWorkbook(fake.run),
    cellsOf: (name) => fake.values(name),
    sheets: () => fake.sheets.map((s) => ({ name: s.name, veryHidden: s.visibility === "VeryHidden" })),
  };
}

const makers: [string, (sheets: Record<string, Block>, veryHidden?: string[]) => Promise<Subject>][] = [
  ["memory", memoryWith],
  ["excel (fake)", async (sheets, veryHidden) => fakeWith(sheets, veryHidden)],
];

describe("store names and markers (pure)", () => {
  test("only a very hidden sheet with a store name is the store", () => {
    expect(findStoreSheet([{ name: "CRM_AddinData", veryHidden: false }])).toBeUndefined();
    expect(findStoreSheet([{ name: "crm_addindata", veryHidden: true }])).toBeUndefined();
    expect(findStoreSheet([{ name: "Data", veryHidden: true }])).toBeUndefined();
    expect(findStoreSheet([{ name: "CRM_AddinData", veryHidden: false }, { name: "CRM_AddinData_2", veryHidden: true }])).toBe("CRM_AddinData_2");
  });

  test("a new store takes a store name no sheet has, in any case", () => {
    expect(newStoreSheetName(["Data"])).toBe(DATA_SHEET);
    expect(newStoreSheetName(["crm_addindata", "CRM_ADDINDATA_2"])).toBe("CRM_AddinData_3");
  });

  test("the marker is written; a store without it (the previous version) is read", () => {
    expect(JSON.parse(encodeStore({ version: 1, sheets: {}, charts: [] })[0][0] as string).marker).toBe(STORE_MARKER);
    expect(decodeStore(legacyStoreRows({ Data: { x: 1 } })).sheets).toEqual({ Data: { x: 1 } });
  });

  test("valid JSON of the wrong shape is an empty store, or loses only its bad parts", () => {
    for (const text of ['"x"', "[]", "null", '{"version":1,"sheets":"x","charts":[]}', '{"version":1,"sheets":{},"charts":"x"}', '{"version":2,"sheets":{},"charts":[]}']) {
      expect(decodeStore([[text]])).toEqual({ version: 1, sheets: {}, charts: [] });
    }
    const mixed = decodeStore([[JSON.stringify({ version: 1, sheets: { A: { x: 1 }, B: "x", C: [1] }, names: { A: 5 }, charts: [{ sheet: "S", kind: "bar", title: "t", source: { sheet: "S", row: 0, column: 0, rows: 1e9, columns: "x" }, anchor: { row: 0, column: 0 } }, "x"] })]]);
    expect(mixed).toEqual({ version: 1, sheets: { A: { x: 1 } }, names: {}, charts: [] });
  });
});

describe.each(makers)("a person's sheet named CRM_AddinData: %s", (_name, make) => {
  test.each(["CRM_AddinData", "crm_addindata", "CRM_ADDINDATA"])("a visible sheet %s is listed, read and never touched by a run", async (userName) => {
    const s = await make({ Data: DATA, [userName]: USER_SHEET });
    expect((await s.port.listSheets()).map((x) => x.name)).toEqual(["Data", userName]);
    expect(await s.port.read({ sheet: userName, row: 0, column: 0, rows: 3, columns: 2 })).toEqual(USER_SHEET);
    const engine = createEngine(s.port, () => 45_000);
    const first = await engine.run(RFM);
    expect(first.status).toBe("done");
    const again = await engine.run(RFM);
    expect(again.status).toBe("done");
    expect(s.cellsOf(userName)).toEqual(USER_SHEET);
    expect((await s.port.listSheets()).map((x) => x.name)).toContain(userName);
    // The add-in keeps its own store beside it, under another store name, very hidden.
    const store = s.sheets().filter((x) => x.veryHidden);
    expect(store).toHaveLength(1);
    expect(store[0].name.toLowerCase()).not.toBe(userName.toLowerCase());
    // The mapping was remembered: the run's settings went to the add-in's store.
    expect(await s.port.getSheetSettings("Data")).toHaveProperty("outputs.rfm");
  });
});

describe.each(makers)("stores written before: %s", (_name, make) => {
  test("a store of the previous version (no marker) is found and keeps its settings", async () => {
    const s = await make({ Data: DATA, [DATA_SHEET]: legacyStoreRows({ Data: { mappings: { rfm: { offsets: { customer: 0, recency: 1, frequency: 2, monetary: 3 } } } } }) }, [DATA_SHEET]);
    expect((await s.port.listSheets()).map((x) => x.name)).toEqual(["Data"]);
    expect(await s.port.getSheetSettings("Data")).toEqual({ mappings: { rfm: { offsets: { customer: 0, recency: 1, frequency: 2, monetary: 3 } } } });
    await s.port.setSheetSettings("Data", { x: 1 });
    expect(JSON.parse(s.cellsOf(DATA_SHEET)[0][0] as string).marker).toBe(STORE_MARKER);
  });

  test.each([
    ["outputs is a text", { Data: { outputs: { rfm: "x" } } }],
    ["outputs is a text for every workflow", { Data: { outputs: "x", mappings: "y" } }],
    ["a mark of the wrong shape", { Data: { outputs: { rfm: [{ owner: "rfm", kind: "columns", sheet: 5 }] } } }],
    ["a mapping of the wrong shape", { Data: { mappings: { rfm: { offsets: "x" } } } }],
    ["settings are a list", { Data: [1, 2] }],
  ])("valid JSON of the wrong shape (%s): runs recover instead of throwing, every time", async (_what, settings) => {
    const s = await make({ Data: DATA, [DATA_SHEET]: legacyStoreRows(settings) }, [DATA_SHEET]);
    const engine = createEngine(s.port, () => 45_000);
    await expect(engine.describeSource({ sheet: "Data" }, "rfm")).resolves.toBeDefined();
    for (let k = 0; k < 2; k++) expect((await engine.run(RFM)).status).toBe("done");
  });
});

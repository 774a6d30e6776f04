/** The add-in's data: settings keyed by worksheet id where the host has one, by name otherwise. */
import { chartOn, chartSpecOf, decodeStore, deleteFromStore, emptyStore, encodeStore, getSettings, putSettings, refreshNames, renameInStore, settingsKey } from "./store";

const ID_A = "{00000001-0001-0000-0000-000000000000}";
const ID_B = "{00000002-0001-0000-0000-000000000000}";

describe("sheet names that are also names of object properties", () => {
  test('a sheet named "constructor" has no settings until some are written; one named "__proto__" keeps its own, through a save', () => {
    const store = emptyStore();
    expect(getSettings(store, { name: "constructor" })).toBeUndefined();
    expect(getSettings(store, { name: "toString" })).toBeUndefined();
    putSettings(store, { name: "__proto__" }, { x: 1 });
    putSettings(store, { name: "constructor" }, { x: 2 });
    expect(Object.keys(store.sheets)).toEqual(["__proto__", "constructor"]);
    const reopened = decodeStore(encodeStore(store));
    expect(getSettings(reopened, { name: "__proto__" })).toEqual({ x: 1 });
    expect(getSettings(reopened, { name: "constructor" })).toEqual({ x: 2 });
    expect(getSettings(reopened, { name: "hasOwnProperty" })).toBeUndefined();
  });
});

describe("settings by worksheet id", () => {
  test("Excel keys by id: the settings stay with a renamed sheet, not with its old name", () => {
    const store = emptyStore();
    putSettings(store, { name: "Data", id: ID_A }, { x: 1 });
    expect(Object.keys(store.sheets)).toEqual([ID_A]);
    expect(store.names).toEqual({ [ID_A]: "Data" });
    const live = new Set([ID_A, ID_B]);
    // The person renamed Data to 客户 and made a new sheet called Data.
    expect(getSettings(store, { name: "客户", id: ID_A }, live)).toEqual({ x: 1 });
    expect(getSettings(store, { name: "Data", id: ID_B }, live)).toBeUndefined();
  });

  test("a name key (preview, or a file from before ids) is found by Excel and moved to the id on the next write", () => {
    const store = emptyStore();
    putSettings(store, { name: "Data" }, { x: 1 });
    expect(store.sheets).toEqual({ Data: { x: 1 } });
    expect(store.names).toBeUndefined();
    const live = new Set([ID_A]);
    expect(getSettings(store, { name: "Data", id: ID_A }, live)).toEqual({ x: 1 });
    putSettings(store, { name: "Data", id: ID_A }, { x: 2 }, live);
    expect(store.sheets).toEqual({ [ID_A]: { x: 2 } });
  });

  test("a host without ids finds id keys by the name last written, and keeps writing them there", () => {
    const store = emptyStore();
    putSettings(store, { name: "Data", id: ID_A }, { x: 1 });
    const reopened = decodeStore(encodeStore(store));
    expect(getSettings(reopened, { name: "data" })).toEqual({ x: 1 });
    putSettings(reopened, { name: "Data" }, { x: 2 });
    expect(reopened.sheets).toEqual({ [ID_A]: { x: 2 } });
    renameInStore(reopened, "Data", "客户");
    expect(getSettings(reopened, { name: "客户" })).toEqual({ x: 2 });
    // …and Excel, whose ids did not change, still finds them by id.
    expect(getSettings(reopened, { name: "客户", id: ID_A }, new Set([ID_A]))).toEqual({ x: 2 });
  });

  test("an id that is no longer a sheet lends its settings by name; a live one never does", () => {
    const store = emptyStore();
    putSettings(store, { name: "Data", id: ID_A }, { x: 1 });
    expect(settingsKey(store, { name: "Data", id: ID_B }, new Set([ID_B]))).toBe(ID_A);
    expect(settingsKey(store, { name: "Data", id: ID_B }, new Set([ID_A, ID_B]))).toBeUndefined();
  });

  test("names beside ids follow renames made in Excel; deleting a sheet takes its settings and charts", () => {
    const store = emptyStore();
    putSettings(store, { name: "Data", id: ID_A }, { x: 1 });
    const chart = { sheet: "Data", kind: "pie" as const, title: "t", source: { sheet: "Data", row: 0, column: 0, rows: 2, columns: 2 }, anchor: { row: 0, column: 3 } };
    store.charts.push({ ...chart, sheetId: ID_A, sourceSheetId: ID_A });
    refreshNames(store, (id) => (id === ID_A ? "客户" : undefined));
    expect(store.names).toEqual({ [ID_A]: "客户" });
    expect(chartSpecOf(store.charts[0])).toEqual({ ...chart, sheet: "客户", source: { ...chart.source, sheet: "客户" } });
    expect(chartOn(store.charts[0], { name: "Data", id: ID_A })).toBe(true);
    expect(chartOn(store.charts[0], { name: "客户", id: ID_B })).toBe(false);
    deleteFromStore(store, { name: "客户", id: ID_A }, new Set([ID_A]));
    expect(store.sheets).toEqual({});
    expect(store.names).toEqual({});
    expect(store.charts).toEqual([]);
  });
});

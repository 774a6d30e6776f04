import type { RangeRef, WorkbookPort } from "../workbook/types";
import { referenceText, resolveField } from "./arguments";

/** Just enough of a workbook: the active sheet, its used range and reads of a fixed grid. */
function fakePort(cells: Record<string, (number | string | null)[][]>, active = "Data"): WorkbookPort {
  return {
    activeSheet: async () => active,
    usedRange: async (sheet: string) => {
      const grid = cells[sheet];
      return grid ? { sheet, row: 0, column: 0, rows: grid.length, columns: Math.max(...grid.map((r) => r.length)) } : null;
    },
    read: async (r: RangeRef) => {
      const grid = cells[r.sheet];
      if (!grid) throw new Error(`no sheet ${r.sheet}`);
      return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.columns }, (_, j) => grid[r.row + i]?.[r.column + j] ?? null));
    },
  } as unknown as WorkbookPort;
}

describe("explorer arguments", () => {
  const port = fakePort({ Data: [[8000, 0.9], [4500, 0.8], [null, 0.6]], "My sheet": [[42]] });

  test("constants need no workbook", async () => {
    expect(await resolveField("8%")).toEqual({ ok: true, value: 0.08 });
    expect(await resolveField("{1,2}")).toEqual({ ok: true, value: [[1, 2]] });
    expect(await resolveField("2/10, n/30")).toEqual({ ok: true, value: "2/10, n/30" });
    expect(await resolveField("")).toEqual({ ok: true, value: null });
  });

  test("references are read from the workbook, blanks as empty text", async () => {
    expect(await resolveField("=A1:A3", port)).toEqual({ ok: true, value: [[8000], [4500], [""]] });
    expect(await resolveField("='My sheet'!A1", port)).toEqual({ ok: true, value: [[42]] });
    expect(await resolveField("=B1:B2*100", port)).toEqual({ ok: true, value: [[90], [80]] });
  });

  test("a whole column is read within the sheet's used cells", async () => {
    expect(await resolveField("=SUM(A:A)", port)).toEqual({ ok: true, value: 12500 });
    expect(await resolveField("=COUNT(B:B)", port)).toEqual({ ok: true, value: 3 });
  });

  test("plain Excel functions compute in a field, with the formula engine's library", async () => {
    expect(await resolveField("=SUM(A1:A3)/10", port)).toEqual({ ok: true, value: 1250 });
    expect(await resolveField("=ROUND(AVERAGE(B1:B2),2)", port)).toEqual({ ok: true, value: 0.85 });
    expect(await resolveField("=NOSUCH(1)", port)).toEqual({ ok: false, message: expect.stringMatching(/NOSUCH/) });
  });

  test("problems are messages for the field, never exceptions", async () => {
    expect(await resolveField("=A1")).toEqual({ ok: false, message: expect.stringMatching(/workbook/) });
    expect(await resolveField("=Nowhere!A1", port)).toEqual({ ok: false, message: expect.stringMatching(/Nowhere/) });
    expect(await resolveField("={1,2", port)).toMatchObject({ ok: false });
  });

  test("a picked range as a reference", () => {
    expect(referenceText({ sheet: "Data", row: 4, column: 1, rows: 10, columns: 1 })).toBe("=Data!B5:B14");
    expect(referenceText({ sheet: "CLV模型 CLV models", row: 8, column: 1, rows: 1, columns: 1 })).toBe("='CLV模型 CLV models'!B9");
    expect(referenceText({ sheet: "it's", row: 0, column: 0, rows: 2, columns: 2 })).toBe("='it''s'!A1:B2");
  });
});

import fc from "fast-check";
import { CrmError } from "../core/errors";
import { dateCells, list, numCells } from "./args";
import { cellList, dateColumn, numbers, numColumn, spillColumn } from "./columns";

/** A cell as Excel passes it inside a range: numbers, text (ISO dates among them), booleans, blanks. */
const cellArb = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -10, max: 3_000_000 }),
  fc.constantFrom("", " ", "2024-03-31", "2024-02-30", "x", "12"),
  fc.boolean(),
);
/** A column (rows of one cell), a row (one row of cells) or a single cell. */
const rangeArb = fc.oneof(
  fc.array(cellArb, { minLength: 1, maxLength: 30 }).map((cells) => cells.map((c) => [c])),
  fc.array(cellArb, { minLength: 1, maxLength: 30 }).map((cells) => [cells]),
  cellArb,
);

function asCells(values: Float64Array, errors: ReadonlyMap<number, CrmError>): unknown[] {
  return Array.from(values, (v, i) => errors.get(i) ?? v);
}

describe("typed column conversions give what the per-cell conversions give", () => {
  test("numColumn ≡ numCells: same values, same errors with the same messages", () => {
    fc.assert(
      fc.property(rangeArb, (range) => {
        const col = numColumn(range, "values");
        expect(asCells(col.values, col.errors)).toEqual(numCells(range, "values"));
        expect([...col.errors.keys()]).toEqual([...col.errors.keys()].sort((a, b) => a - b));
      }),
    );
  });

  test("dateColumn ≡ dateCells (each distinct text read once)", () => {
    fc.assert(
      fc.property(rangeArb, (range) => {
        const col = dateColumn(range, "due_date");
        expect(asCells(col.values, col.errors)).toEqual(dateCells(range, "due_date"));
      }),
    );
  });

  test("cellList ≡ list; numbers throws the first bad cell's error", () => {
    fc.assert(fc.property(rangeArb, (range) => expect(cellList(range, "x")).toEqual(list(range, "x"))));
    expect(() => numbers([[1], ["a"], [""]], "amounts")).toThrow(/amounts value 2 must be a number, not the text "a"/);
    expect(() => cellList([[1, 2], [3, 4]], "x")).toThrow(/x must be a single row or column/);
  });

  test("spilled rows with the same value are one shared, frozen row; errors get their own", () => {
    const rows = spillColumn(["A", "B", "A", new CrmError("#NUM!", "bad"), 3, 3]);
    expect(rows[0]).toBe(rows[2]);
    expect(rows[4]).toBe(rows[5]);
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(["A", "B", "A", expect.objectContaining({ code: "#NUM!", message: "bad" }), 3, 3]);
  });
});

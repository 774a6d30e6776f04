import fc from "fast-check";
import { CrmError } from "../core/errors";
import { dateCells, list, numCells } from "./args";
import { ColumnRows, finiteNumbersInto, listOfCells } from "../core/columns";
import { cellsInPlace, dateColumn, optCellsInPlace, numbers, numColumn, spillCodes, spillColumn } from "./columns";

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

/** Ranges that start as a column and then are not one: a wider row, a bare cell (a flat list), an empty row. */
const brokenColumnArb = fc.tuple(fc.array(cellArb, { minLength: 1, maxLength: 10 }), fc.oneof(fc.array(cellArb, { minLength: 2, maxLength: 3 }), cellArb, fc.constant([])), fc.array(cellArb, { maxLength: 10 })).map(([a, odd, b]) => [...a.map((c) => [c]), odd, ...b.map((c) => [c])]);

/** What a conversion gives, or the message it throws. */
function outcome<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

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

  test("a column read in one pass: a row that is not one cell mid-way gives what the per-cell conversions give", () => {
    fc.assert(
      fc.property(brokenColumnArb, (range) => {
        expect(outcome(() => {
          const col = numColumn(range, "values");
          return asCells(col.values, col.errors);
        })).toEqual(outcome(() => numCells(range, "values")));
        expect(outcome(() => {
          const col = dateColumn(range, "due_date");
          return asCells(col.values, col.errors);
        })).toEqual(outcome(() => dateCells(range, "due_date")));
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

  test("list reads a column in one pass and gives what it gave in three (every shape, broken columns too); numbers throws the first bad cell's error", () => {
    // list as it was written before its one-pass column: the rule the fast path must keep.
    const threePasses = (range: unknown): unknown => {
      if (!Array.isArray(range)) return [range];
      if (range.length === 0) return [];
      if (!range.every(Array.isArray)) return range;
      if (range.length === 1) return range[0];
      if (range.every((r: unknown[]) => r.length === 1)) return range.map((r: unknown[]) => r[0]);
      return "throws";
    };
    const same = (range: unknown) => {
      let got: unknown = "throws";
      try {
        got = list(range, "x");
      } catch {
        // got stays "throws"
      }
      expect(got).toEqual(threePasses(range));
    };
    fc.assert(fc.property(rangeArb, same));
    fc.assert(fc.property(brokenColumnArb, same));
    expect(() => numbers([[1], ["a"], [""]], "amounts")).toThrow(/amounts value 2 must be a number, not the text "a"/);
    expect(() => list([[1, 2], [3, 4]], "x")).toThrow(/x must be a single row or column/);
  });

  test("cellsInPlace reads what list reads, a column where it is (no copy); a ragged column is #VALUE! when read", () => {
    const read = (range: unknown) => Array.from(listOfCells(cellsInPlace(range, "x")));
    fc.assert(fc.property(rangeArb, (range) => expect(read(range)).toEqual(list(range, "x"))));
    const column = [[1.5], ["a"], [""]];
    const cells = cellsInPlace(column, "amounts");
    expect(cells).toBeInstanceOf(ColumnRows);
    expect((cells as ColumnRows).rows).toBe(column);
    expect(() => read([[1], [2, 3], [4]])).toThrow(/x must be a single row or column/);
    expect(() => read([[1, 2], [3, 4]])).toThrow(/x must be a single row or column/);
  });

  test("optCellsInPlace: left out or one blank cell is undefined, as optList", () => {
    expect(optCellsInPlace(null, "amounts")).toBeUndefined();
    expect(optCellsInPlace([[""]], "amounts")).toBeUndefined();
    expect(optCellsInPlace([[5]], "amounts")).toEqual([5]);
    expect(optCellsInPlace([[""], [""]], "amounts")).toBeInstanceOf(ColumnRows);
  });

  test("finiteNumbersInto copies numbers up to the first cell that is not a finite one, from a column or a list", () => {
    for (const cells of [new ColumnRows([[1.5], [2], ["x"], [4]], "a"), [1.5, 2, "x", 4], new ColumnRows([[1.5], [2], [1, 2]], "a"), [1.5, 2, Infinity]]) {
      const into = new Float64Array(4);
      expect(finiteNumbersInto(cells, into)).toBe(2);
      expect(Array.from(into.subarray(0, 2))).toEqual([1.5, 2]);
    }
    expect(finiteNumbersInto(new ColumnRows([[1], [2]], "a"), new Float64Array(2))).toBe(2);
  });

  test("spilled rows with the same value are one shared, frozen row; errors get their own", () => {
    const rows = spillColumn(["A", "B", "A", new CrmError("#NUM!", "bad"), 3, 3]);
    expect(rows[0]).toBe(rows[2]);
    expect(rows[4]).toBe(rows[5]);
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(["A", "B", "A", expect.objectContaining({ code: "#NUM!", message: "bad" }), 3, 3]);
  });

  test("spillCodes ≡ spillColumn of the labels and errors the codes stand for", () => {
    const labels = ["低", "中", "高"];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 1, maxLength: 30 }), (list) => {
        const codes = Int32Array.from(list);
        const errors = new Map(list.flatMap((c, i) => (c < 0 ? [[i, new CrmError("#NUM!", `row ${i + 1}`)] as const] : [])));
        const rows = spillCodes(labels, codes, errors);
        expect(rows).toEqual(spillColumn(list.map((c, i) => (c < 0 ? (errors.get(i) as CrmError) : labels[c]))));
        list.forEach((c, i) => c >= 0 && expect(rows[i]).toBe(rows[list.indexOf(c)]));
      }),
    );
  });
});

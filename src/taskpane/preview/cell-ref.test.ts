import fc from "fast-check";
import { cellAddress } from "../../workbook/address";
import { parseCellRef, parseRangeRef } from "./cell-ref";

test("A1 references to 0-based row and column", () => {
  expect(parseCellRef("A1")).toEqual({ row: 0, column: 0 });
  expect(parseCellRef(" h1504 ")).toEqual({ row: 1503, column: 7 });
  expect(parseCellRef("$AA$10")).toEqual({ row: 9, column: 26 });
  expect(parseCellRef("A0")).toBeUndefined();
  expect(parseCellRef("1A")).toBeUndefined();
  expect(parseCellRef("")).toBeUndefined();
});

test("reads back every address the workbook layer writes", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 16383 }), (row, column) => {
      expect(parseCellRef(cellAddress(row, column))).toEqual({ row, column });
    }),
  );
});

test("ranges as anchor and focus", () => {
  expect(parseRangeRef("A1:H101")).toEqual({ anchor: { row: 0, column: 0 }, focus: { row: 100, column: 7 } });
  expect(parseRangeRef("c3")).toEqual({ anchor: { row: 2, column: 2 }, focus: { row: 2, column: 2 } });
  expect(parseRangeRef("A1:")).toBeUndefined();
  expect(parseRangeRef("A1:B2:C3")).toBeUndefined();
});

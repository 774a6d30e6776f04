/**
 * SUBTOTAL and AGGREGATE leave out the nested totals and the text of their ranges, as Excel and
 * LibreOffice do (issue 13: the export fixture's grand total showed 6092.8, LibreOffice 1334.5).
 * The same cells against LibreOffice: test/unit/subtotal-libreoffice.test.ts.
 */
import { EXPORT_FIXTURES, exportMemory } from "../../test/support/exports";
import { addressText, FormulaError } from "../explorer/formula";
import { CalcBook } from "./calc-book";

/** A column of cells from A1 down: numbers, texts, formulas ("=…"). */
function bookOf(cells: (string | number | null)[]): CalcBook {
  const book = new CalcBook();
  cells.forEach((c, i) => book.put("S", addressText(i, 0), typeof c === "string" && c.startsWith("=") ? { formula: c } : { value: c }));
  book.calculate();
  return book;
}

describe("SUBTOTAL", () => {
  // A1:A3 a group (with a number stored as text), A4 its subtotal, A5:A6 a group, A7 its subtotal.
  const cells = [10, "800元", 5, "=SUBTOTAL(9,A1:A3)", 2.5, 1, "=SUBTOTAL(9,A5:A6)"];

  test("a grand total over subtotals counts each number once and no text", () => {
    const book = bookOf([...cells, "=SUBTOTAL(9,A1:A7)", "=SUM(A1:A7)"]);
    expect(book.value("S", "A4")).toBe(15);
    expect(book.value("S", "A7")).toBe(3.5);
    expect(book.value("S", "A8")).toBe(18.5);
    // SUM is not a total: it adds the subtotals too (Excel: 37).
    expect(book.value("S", "A9")).toBe(37);
  });

  test("every function number, 1–11 and 101–111 alike", () => {
    const codes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const book = bookOf([...cells, ...codes.flatMap((c) => [`=SUBTOTAL(${c},A1:A7)`, `=SUBTOTAL(${c + 100},A1:A7)`])]);
    const got = codes.map((_, k) => [book.value("S", addressText(7 + 2 * k, 0)), book.value("S", addressText(8 + 2 * k, 0))]);
    // Numbers 10, 5, 2.5, 1 (the text and both subtotals left out); COUNTA counts the text too.
    const mean = 18.5 / 4;
    const ss = [10, 5, 2.5, 1].reduce((s, x) => s + (x - mean) ** 2, 0);
    const expected = [mean, 4, 5, 10, 1, 125, Math.sqrt(ss / 3), Math.sqrt(ss / 4), 18.5, ss / 3, ss / 4];
    got.forEach(([a, b], k) => {
      expect(a).toBeCloseTo(expected[k], 12);
      expect(b).toBeCloseTo(expected[k], 12);
    });
  });

  test("a cell whose formula uses SUBTOTAL anywhere is a nested total; an error in the range is the result", () => {
    const book = bookOf([4, "=SUBTOTAL(9,A1)*2", "=AGGREGATE(9,0,A1)", "=SUBTOTAL(9,A1:A3)", "=1/0", "=SUBTOTAL(9,A1:A5)", "=SUBTOTAL(2,A1:A5)"]);
    expect(book.value("S", "A2")).toBe(8);
    expect(book.value("S", "A4")).toBe(4);
    expect((book.value("S", "A6") as FormulaError).code).toBe("#DIV/0!");
    expect(book.value("S", "A7")).toBe(1);
  });

  test("AGGREGATE: options 0–3 leave out nested totals, 2/3/6/7 errors, 4 nothing", () => {
    const book = bookOf([3, "=SUBTOTAL(9,A1)", "=1/0", 7, "=AGGREGATE(9,6,A1:A4)", "=AGGREGATE(9,3,A1:A4)", "=AGGREGATE(9,4,A1:A4)", "=AGGREGATE(14,6,A1:A4,2)", "=AGGREGATE(12,3,A1:A4)"]);
    expect(book.value("S", "A5")).toBe(13);
    expect(book.value("S", "A6")).toBe(10);
    expect((book.value("S", "A7") as FormulaError).code).toBe("#DIV/0!");
    expect(book.value("S", "A8")).toBe(3);
    expect(book.value("S", "A9")).toBe(5);
  });
});

test("the zh export's totals in the preview: subtotals 1234.5 and 100, grand total 1334.5 (as LibreOffice), not 6092.8", async () => {
  const fx = EXPORT_FIXTURES.find((f) => f.name === "rfm-customers-zh")!;
  const wb = await exportMemory(fx);
  await wb.useFunctions({ functions: [] });
  const at = (addr: string) => wb.cellView(fx.sheetName, Number(addr.slice(1)) - 1, addr.charCodeAt(0) - 65).value;
  expect([at("E11"), at("E21"), at("E22")]).toEqual([1234.5, 100, 1334.5]);
  // Frequencies: 8, 1, 2, 6 (the texts "3" and "１２" left out) and 1, 1, 4, 2, 5, 1, 9.
  expect([at("D11"), at("D21"), at("D22")]).toEqual([17, 23, 40]);
});

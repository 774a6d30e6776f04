/**
 * Wildcard criteria as Excel matches them: whole text, case-blind, * ? and ~, text cells only;
 * every expected value is also what LibreOffice computes for the same cells in an .xlsx (which
 * it opens with Excel's wildcards on), except where LibreOffice matches a number as its text
 * (15 for "*" and "1*"): Excel's wildcards match text cells only.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describeWithLibreOffice, openInLibreOffice } from "../../test/support/libreoffice";
import { CalcBook } from "./calc-book";
import { wildcardTest } from "./wildcards";

const ROWS: [string, string | number | null, number][] = [
  ["A1", "c1", 10],
  ["A2", "C22", 20],
  ["A3", "x1", 30],
  ["A4", 15, 40],
  ["A5", null, 50],
  ["A6", "a*b", 60],
  ["A7", "ab", 70],
];

function sheet(): CalcBook {
  const b = new CalcBook();
  ROWS.forEach(([addr, v, amount], i) => {
    b.put("S", addr, { value: v });
    b.put("S", `B${i + 1}`, { value: amount });
  });
  return b;
}

const CASES: [string, number][] = [
  ['=COUNTIF(A1:A7,"c*")', 2],
  ['=COUNTIF(A1:A7,"C?")', 1],
  ['=COUNTIF(A1:A7,"*1")', 2],
  ['=COUNTIF(A1:A7,"*")', 5],
  ['=COUNTIF(A1:A7,"<>c*")', 5],
  ['=COUNTIF(A1:A7,"a~*b")', 1],
  ['=COUNTIF(A1:A7,"a*b")', 2],
  ['=COUNTIF(A:A,"1*")', 0],
  ['=SUMIF(A1:A7,"c*",B1:B7)', 30],
  ['=SUMIF(A:A,"=*2*",B:B)', 20],
  ['=AVERAGEIF(A1:A7,"?1",B1:B7)', 20],
  ['=COUNTIFS(A1:A7,"c*",B1:B7,">15")', 1],
  ['=SUMIFS(B1:B7,A1:A7,"*b",B1:B7,"<70")', 60],
  ['=_xlfn.MAXIFS(B1:B7,A1:A7,"c*")', 20],
  ['=COUNTIF(A1:A7,"c1")', 1],
  ['=COUNTIF(A1:A7,">5")', 1],
];

test.each(CASES)("%s", (formula, expected) => {
  const b = sheet();
  b.put("S", "D1", { formula: formula.slice(1) });
  b.calculate();
  expect(b.value("S", "D1")).toBe(expected);
});

test("a pattern without a wildcard leaves the criterion to the library", () => {
  expect(wildcardTest("abc")).toBeUndefined();
  expect(wildcardTest(">5")).toBeUndefined();
  expect(wildcardTest(3)).toBeUndefined();
});

test("property: a text matches the pattern made of itself with every character a ?, and * matches every non-blank text", () => {
  fc.assert(
    // A criterion's leading = or <> is its operator, not text to match.
    fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((t) => !/^(=|<>)/.test(t)), (text) => {
      // ? is one UTF-16 unit, as JavaScript counts a string's length.
      expect(wildcardTest("?".repeat(text.length))!(text)).toBe(true);
      expect(wildcardTest("*")!(text)).toBe(true);
      const literal = text.replace(/[~*?]/g, "~$&");
      expect(wildcardTest(`${literal}*`)!(text.toUpperCase() === text.toLowerCase() ? text : text.toUpperCase())).toBe(true);
    }),
  );
});

describeWithLibreOffice("LibreOffice computes the same", () => {
  test("every case, from an .xlsx", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ROWS.forEach(([, v, amount]) => ws.addRow([v, amount]));
    CASES.forEach(([formula], i) => (ws.getCell(`D${i + 1}`).value = { formula: formula.slice(1) }));
    const lo = await openInLibreOffice(new Uint8Array(await wb.xlsx.writeBuffer()));
    const cells = lo.sheets.find((x) => x.name === "S")!.cells;
    const numbersAsText = new Set(['=COUNTIF(A1:A7,"*")', '=COUNTIF(A:A,"1*")']);
    const got = CASES.map(([formula], i) => [formula, cells[`D${i + 1}`]?.v]);
    expect(got.filter(([f]) => !numbersAsText.has(f as string))).toEqual(CASES.filter(([f]) => !numbersAsText.has(f)));
    // LibreOffice counts the number 15 in both; Excel does not.
    expect(got.filter(([f]) => numbersAsText.has(f as string))).toEqual(CASES.filter(([f]) => numbersAsText.has(f)).map(([f, n]) => [f, n + 1]));
  }, 200_000);
});

/**
 * Wildcard criteria as Excel matches them (values checked in LibreOffice with wildcards enabled,
 * as an .xlsx opens there): whole text, case-blind, * ? and ~, text cells only.
 */
import fc from "fast-check";
import { CalcBook } from "./calc-book";
import { wildcardTest } from "./wildcards";

function sheet(): CalcBook {
  const b = new CalcBook();
  const rows: [string, string | number | null, number][] = [
    ["A1", "c1", 10],
    ["A2", "C22", 20],
    ["A3", "x1", 30],
    ["A4", 15, 40],
    ["A5", null, 50],
    ["A6", "a*b", 60],
    ["A7", "ab", 70],
  ];
  rows.forEach(([addr, v, amount], i) => {
    b.put("S", addr, { value: v });
    b.put("S", `B${i + 1}`, { value: amount });
  });
  return b;
}

test.each([
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
])("%s", (formula, expected) => {
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

import fc from "fast-check";
import { parseTyped, parseTypedNumber } from "./typed-input";
import { guardText } from "./text-guard";

describe("parseTyped: what Excel makes of typed text", () => {
  test("formulas: =…, and +x/-x/@x that are not numbers", () => {
    expect(parseTyped("=1+1").formula).toBe("=1+1");
    expect(parseTyped("+86 138").formula).toBe("=+86 138");
    expect(parseTyped("-5x").formula).toBe("=-5x");
    expect(parseTyped("@SUM(A1)").formula).toBe("=SUM(A1)");
  });

  test("numbers, percentages, booleans, dates; an apostrophe keeps text; '' is blank", () => {
    expect(parseTyped("00123").value).toBe(123);
    expect(parseTyped("12%").value).toBe(0.12);
    expect(parseTyped("1,234.5").value).toBe(1234.5);
    expect(parseTyped("-3.5").value).toBe(-3.5);
    expect(parseTyped("1e3").value).toBe(1000);
    expect(parseTyped("１２００").value).toBe(1200);
    expect(parseTyped("TRUE").value).toBe(true);
    expect(parseTyped("false").value).toBe(false);
    expect(parseTyped("2024-03-31")).toEqual({ value: 45_382, date: true });
    expect(parseTyped("2024/3/31")).toEqual({ value: 45_382, date: true });
    expect(parseTyped("2024年3月31日")).toEqual({ value: 45_382, date: true });
    expect(parseTyped("2024年3月")).toEqual({ value: 45_352, date: true });
    expect(parseTyped("'=1+1")).toEqual({ value: "=1+1" });
    expect(parseTyped("")).toEqual({ value: null });
    expect(parseTyped("重要价值客户")).toEqual({ value: "重要价值客户" });
    expect(parseTyped("2024-02-31")).toEqual({ value: "2024-02-31" });
  });

  test("not numbers: a lone dot, two dots, misplaced separators", () => {
    for (const t of [".", "1.2.3", "12,34", "1 000", "%", "e3"]) expect(parseTypedNumber(t)).toBeUndefined();
  });

  test("whatever the add-in writes through the text guard reads back as the same text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(text !== "");
        expect(parseTyped(guardText(text)).value).toBe(text);
      }),
    );
  });
});

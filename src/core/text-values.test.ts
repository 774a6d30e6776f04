/** Text that is plainly a number or a date, as exports write it; everything less plain stays unread. */
import fc from "fast-check";
import { isoToSerial } from "./dates";
import { decideDayMonthOrder, idKey, isErrorText, parseDateText, readDateCell, readNumberText } from "./text-values";

describe("readNumberText", () => {
  test.each([
    ["12,269.43", 12269.43],
    ["¥1151.29", 1151.29],
    ["￥1,151.29", 1151.29],
    [" 25 ", 25],
    ["\u3000２５\u3000", 25],
    ["１２，３４５．６", 12345.6],
    ["$12.50", 12.5],
    ["1,200元", 1200],
    ["1200 元", 1200],
    ["RMB 3,000", 3000],
    ["CNY1000", 1000],
    ["1000 CNY", 1000],
    ["(1,234.00)", -1234],
    ["（1,234.00）", -1234],
    ["-¥12", -12],
    ["¥-12", -12],
    ["1,234.00-", -1234],
    ["−5", -5],
    ["+7", 7],
    [".5", 0.5],
    ["1.5E+3", 1500],
    ["0", 0],
  ])("%j reads as %p", (text, value) => {
    expect(readNumberText(text)).toBe(value);
  });

  test.each(["", "  ", "abc", "12,34", "1,2345.6", "1.234,56", "--5", "(-5)", "(5)-", "12%", "¥$5", "5元元", "1 000", "1e", "Infinity", "NaN", "0x10", "12.3.4", "二十"])(
    "%j stays unread",
    (text) => {
      expect(readNumberText(text)).toBeUndefined();
    },
  );

  test("percent text only where a rate is expected, as the nearest double to the decimal", () => {
    expect(readNumberText("12%", { percent: true })).toBe(0.12);
    expect(readNumberText("12.5 %", { percent: true })).toBe(0.125);
    expect(readNumberText("７％", { percent: true })).toBe(0.07);
    expect(readNumberText("0.8", { percent: true })).toBe(0.8);
    expect(readNumberText("12%")).toBeUndefined();
  });

  test("property: a number written with thousands separators, currency and spaces reads back exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom("", "¥", "￥", "$", "RMB "), fc.boolean(), (whole, cents, cur, paren) => {
        const abs = Math.abs(whole);
        const text = `${abs.toLocaleString("en-US")}.${String(cents).padStart(2, "0")}`;
        const expected = Number(`${abs}.${String(cents).padStart(2, "0")}`);
        const negative = whole < 0;
        const shown = negative ? (paren ? `(${cur}${text})` : `-${cur}${text}`) : ` ${cur}${text} `;
        expect(readNumberText(shown)).toBe(negative ? -expected : expected);
      }),
    );
  });
});

describe("parseDateText / readDateCell", () => {
  const d = (iso: string) => isoToSerial(iso)!;

  test.each([
    ["2024/3/5", "2024-03-05"],
    ["2024-3-5", "2024-03-05"],
    ["2024.3.5", "2024-03-05"],
    ["2024年3月5日", "2024-03-05"],
    ["2024 年 3 月 5 日", "2024-03-05"],
    ["２０２４年３月５日", "2024-03-05"],
    ["20240305", "2024-03-05"],
    ["2023/1/1", "2023-01-01"],
    ["2023年7月4日", "2023-07-04"],
    ["2024.11.14", "2024-11-14"],
    ["2024-02-29", "2024-02-29"],
  ])("%j is %s", (text, iso) => {
    expect(readDateCell(text)).toEqual({ serial: d(iso), fromText: true });
  });

  test("with a valid time the time is kept; an impossible time or date stays unread", () => {
    expect(readDateCell("2024/3/5 14:30")).toEqual({ serial: d("2024-03-05") + (14 * 60 + 30) / 1440, fromText: true });
    expect(readDateCell("2024-03-05 08:00:30")).toEqual({ serial: d("2024-03-05") + (8 * 3600 + 30) / 86400, fromText: true });
    expect(readDateCell("2024年3月5日 9:05")).toEqual({ serial: d("2024-03-05") + (9 * 60 + 5) / 1440, fromText: true });
    expect(readDateCell("2024/3/5 2:00 PM")).toEqual({ serial: d("2024-03-05") + 14 / 24, fromText: true });
    for (const bad of ["2024/3/5 25:00", "2024/3/5 10:61", "2024/3/5 13:00 PM", "2024/2/30", "2023年2月29日", "20241301", "20240230", "1899/12/31", "2024/3", "3/5", "yesterday", "2024-3-5-1", "2024/3-5"]) {
      expect([bad, readDateCell(bad)]).toEqual([bad, undefined]);
    }
  });

  test("serials: date cells as they are; yyyymmdd numbers and five-digit serial text converted; a bare year is no date", () => {
    expect(readDateCell(45_000)).toEqual({ serial: 45_000, fromText: false });
    expect(readDateCell(20_240_305)).toEqual({ serial: d("2024-03-05"), fromText: true });
    expect(readDateCell(20_240_230)).toBeUndefined();
    expect(readDateCell("45000")).toEqual({ serial: 45_000, fromText: true });
    expect(readDateCell("2024")).toBeUndefined();
    expect(readDateCell(-1)).toBeUndefined();
    expect(readDateCell(true)).toBeUndefined();
  });

  test("year-last dates: read when only one order fits or both agree, else the column decides", () => {
    expect(readDateCell("13/05/2024")).toEqual({ serial: d("2024-05-13"), fromText: true });
    expect(readDateCell("05/13/2024")).toEqual({ serial: d("2024-05-13"), fromText: true });
    expect(readDateCell("05/05/2024")).toEqual({ serial: d("2024-05-05"), fromText: true });
    expect(readDateCell("03/05/2024")).toEqual({ undecided: true });
    expect(readDateCell("03/05/2024", "dmy")).toEqual({ serial: d("2024-05-03"), fromText: true });
    expect(readDateCell("03/05/2024", "mdy")).toEqual({ serial: d("2024-03-05"), fromText: true });
    expect(readDateCell("05/13/2024", "dmy")).toBeUndefined();
    expect(parseDateText("3.5.2024")).toEqual({ kind: "dayMonth", first: 3, second: 5, year: 2024, time: 0 });
  });

  test("decideDayMonthOrder: a day over 12 decides the column; none, or both orders, leave it to the person", () => {
    expect(decideDayMonthOrder(["03/05/2024", "13/05/2024", 45_000, null])).toEqual({ order: "dmy", undecided: false, examples: ["03/05/2024"] });
    expect(decideDayMonthOrder(["03/05/2024", "05/13/2024"])).toEqual({ order: "mdy", undecided: false, examples: ["03/05/2024"] });
    expect(decideDayMonthOrder(["03/05/2024", "04/06/2024", "01/02/2024", "02/03/2024"])).toEqual({ undecided: true, examples: ["03/05/2024", "04/06/2024", "01/02/2024"] });
    expect(decideDayMonthOrder(["13/05/2024", "05/13/2024"])).toEqual({ undecided: true, examples: [] });
    expect(decideDayMonthOrder(["05/05/2024", "2024/3/5"])).toEqual({ undecided: false, examples: [] });
  });
});

describe("ids and errors", () => {
  test("error values are recognised; text that merely starts with # is not one", () => {
    expect(["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", " #N/A "].every(isErrorText)).toBe(true);
    expect(["#1", "N/A", "#n/a!", 5, null].some(isErrorText)).toBe(false);
  });

  test("idKey folds surrounding spaces and full-width forms", () => {
    expect(idKey(" C001 ")).toBe("C001");
    expect(idKey("Ｃ００１")).toBe("C001");
    expect(idKey(1001)).toBe(idKey("1001"));
    expect(idKey("C 001")).not.toBe(idKey("C001"));
  });
});

import { CrmError } from "../core/errors";
import { column, excel, language, list, num, numCells, numList, optBool, optNum } from "./args";
import { ExcelErrorValue, errorCodeOf } from "./excel-error";

describe("Excel argument conversion", () => {
  test("numbers pass; text, blanks and booleans are #VALUE! naming the argument", () => {
    expect(num(3, "rate")).toBe(3);
    expect(() => num("3", "rate")).toThrow(/rate must be a number, not the text "3"/);
    expect(() => num(null, "rate")).toThrow(/rate is required/);
    expect(() => num(true, "rate")).toThrow(/rate must be a number, not TRUE/);
  });

  test("optional arguments left out (null) or blank take the default", () => {
    expect(optNum(null, "cost", 0)).toBe(0);
    expect(optNum("", "cost", 7)).toBe(7);
    expect(optNum(undefined, "cost")).toBeUndefined();
    expect(optBool(null, "header", true)).toBe(true);
    expect(optBool(0, "header", true)).toBe(false);
  });

  test("a row, a column, an array constant and a single cell are lists; a block is not", () => {
    expect(list([[1, 2, 3]], "x")).toEqual([1, 2, 3]);
    expect(list([[1], [2], [3]], "x")).toEqual([1, 2, 3]);
    expect(list([[5]], "x")).toEqual([5]);
    expect(list(5, "x")).toEqual([5]);
    expect(() => list([[1, 2], [3, 4]], "x")).toThrow(/x must be a single row or column \(got 2 rows × 2 columns\)/);
  });

  test("a bad cell in a list names its position", () => {
    expect(() => numList([[1, "", 3]], "revenue")).toThrow(/revenue value 2 is required/);
    const cells = numCells([[1], ["x"], [3]], "monetary");
    expect(cells[0]).toBe(1);
    expect(cells[1]).toBeInstanceOf(CrmError);
    expect(cells[2]).toBe(3);
  });

  test("language is zh by default, en on request, anything else #VALUE!", () => {
    expect(language(null)).toBe("zh");
    expect(language("EN")).toBe("en");
    expect(() => language("fr")).toThrow(CrmError);
  });

  test("errors leave a function as Excel error values, never as exceptions of another kind", () => {
    let thrown: unknown;
    try {
      excel(() => num("abc", "rate"));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ExcelErrorValue);
    expect(errorCodeOf(thrown)).toBe("#VALUE!");
    try {
      excel(() => {
        throw new TypeError("boom");
      });
    } catch (e) {
      thrown = e;
    }
    expect(errorCodeOf(thrown)).toBe("#VALUE!");
    expect((thrown as Error).message).toMatch(/internal error: boom/);
    expect(() => excel(() => NaN)).toThrow(ExcelErrorValue);
  });

  test("spilled cells: errors through the adapter, non-finite numbers as #NUM!", () => {
    const out = column([1, new CrmError("#NUM!", "bad"), Infinity]);
    expect(out[0][0]).toBe(1);
    expect(errorCodeOf(out[1][0])).toBe("#NUM!");
    expect(errorCodeOf(out[2][0])).toBe("#NUM!");
  });

  test("with the Excel runtime present, errors are CustomFunctions.Error objects", () => {
    class RuntimeError extends Error {
      constructor(public code: string, message?: string) {
        super(message);
      }
    }
    const g = globalThis as { CustomFunctions?: unknown };
    g.CustomFunctions = { Error: RuntimeError, ErrorCode: { invalidValue: "#VALUE!", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!", notAvailable: "#N/A" } };
    try {
      expect(() => excel(() => num("x", "rate"))).toThrow(RuntimeError);
    } finally {
      delete g.CustomFunctions;
    }
  });
});

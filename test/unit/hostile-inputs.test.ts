/**
 * Issue 11, function-level defects: each repro is a test (items 1, 4, 5, 6, 10). The functions
 * are called as Excel calls them (the wrappers of src/functions); a result is either a value or
 * an error value with a code and a message naming the argument.
 */
import { errorCodeOf } from "../../src/functions/excel-error";
import { clv, clvSchedule, clvSimple } from "../../src/functions/clv";
import { agingDays, agingTable } from "../../src/functions/aging";
import { rfmBreaks, rfmTable } from "../../src/functions/rfm";
import { abcClass, pyramid } from "../../src/functions/tiers";
import { creditLimit } from "../../src/functions/credit";
import { isoToSerial, toSerial } from "../../src/core/dates";
import { book, AS_OF } from "../support/workflows";
import type { WorkflowRequest } from "../../src/workflows/types";

/** The thrown error value of a call (code and message), or fails when the call returned. */
function thrown(call: () => unknown): { code: string | undefined; message: string } {
  try {
    call();
  } catch (e) {
    return { code: errorCodeOf(e), message: (e as Error).message };
  }
  throw new Error("expected an error value");
}

function timed<T>(call: () => T): { ms: number; value?: T; error?: { code: string | undefined; message: string } } {
  const t0 = performance.now();
  try {
    const value = call();
    return { ms: performance.now() - t0, value };
  } catch (e) {
    return { ms: performance.now() - t0, error: { code: errorCodeOf(e), message: (e as Error).message } };
  }
}

describe("1. count-like arguments are bounded; no call is slower than its data", () => {
  test.each([1e9, 4294967295, 2 ** 32, 1_000_000, 1201])("CRM.CLV(8%%, %d, 100) is #NUM! naming periods, at once", (periods) => {
    const r = timed(() => clv(0.08, periods, [[100]]));
    expect(r.error?.code).toBe("#NUM!");
    expect(r.error?.message).toMatch(/periods/);
    expect(r.error?.message).not.toMatch(/internal error|Invalid array length/);
    expect(r.ms).toBeLessThan(1000); // was out of memory after ~17 s
  });

  test("CLVSCHEDULE and CLVSIMPLE take the same bound", () => {
    expect(thrown(() => clvSchedule(0.08, 1e9, [[100]]))).toEqual({ code: "#NUM!", message: expect.stringMatching(/periods/) });
    expect(thrown(() => clvSimple(100, 1, 1e9))).toEqual({ code: "#NUM!", message: expect.stringMatching(/periods/) });
  });

  test("1,200 periods (a century of months) are fine and fast; the worked example still holds", () => {
    expect(Math.round(clv(0.08, 10, [[1000]]) * 100) / 100).toBe(6710.08);
    const r = timed(() => clv(0.08, 1200, [[100]]));
    expect(r.value).toBeCloseTo(1250, 6);
    expect(r.ms).toBeLessThan(1000);
  });

  test("a 200,000-cell revenue range answers at once (#NUM! naming periods: more than 1,200)", () => {
    const revenue = Array.from({ length: 200_000 }, (_, i) => [i % 100]);
    const r = timed(() => clv(0.08, null, revenue));
    expect(r.error?.code).toBe("#NUM!");
    expect(r.error?.message).toMatch(/periods/);
    expect(r.ms).toBeLessThan(2000); // was 11–14 s
    const given = timed(() => clv(0.08, 12, revenue));
    expect(given.error?.code).toBe("#VALUE!");
    expect(given.ms).toBeLessThan(2000);
  });
});

describe("4. ISO dates and times are validated; dates before 1900 are errors", () => {
  test.each(["2024-03-31 25:61", "2024-03-31 24:00", "2024-03-31 23:60", "2023-03-05 99:99:99", "2024-03-31 12:00:60", "1800-01-01", "1899-12-31"])("%s is not a date", (text) => {
    expect(isoToSerial(text)).toBeUndefined();
    expect(() => toSerial(text, "due_date")).toThrow(/due_date/);
  });

  test("valid times still read exactly", () => {
    expect(isoToSerial("2024-03-31 23:59:59")).toBeCloseTo(45382 + 86399 / 86400, 10);
    expect(isoToSerial("1900-01-01")).toBe(1);
  });

  test('CRM.AGINGDAYS("2024-03-31 25:61", 45000) is #VALUE! naming due_date, not −383', () => {
    const [[cell]] = agingDays([["2024-03-31 25:61"]], 45000);
    expect(errorCodeOf(cell)).toBe("#VALUE!");
    expect((cell as Error).message).toMatch(/due_date/);
  });

  test('CRM.RFMTABLE({"a"},{"1800-01-01"},{1},45000) is #VALUE! naming the row, not −36523', () => {
    const e = thrown(() => rfmTable([["a"]], [["1800-01-01"]], [[1]], 45000));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/dates row 1/);
  });

  test("serial numbers below 1 are not dates (0 and fractions of day 0)", () => {
    for (const s of [0, 0.5, -1]) expect(thrown(() => agingTable([["a"]], [[s]], [[1]], 45000)).message).toMatch(/due_dates value 1/);
    expect(thrown(() => agingDays([[45000]], 0)).message).toMatch(/as_of/);
  });

  test('in a workflow "2023-03-05 99:99:99" is a bad date on its own sheet row, not four days late', async () => {
    const data = [["客户", "日期", "金额"], ["a", "2023-03-01", 10], ["b", "2023-03-05 99:99:99", 20], ["c", "1800-01-01", 5], ["a", "2023-03-02", 10]];
    const { engine } = book({ T: data });
    const report = await engine.validate({ workflow: "rfm", source: { sheet: "T", row: 0, column: 0, rows: 5, columns: 3 }, mapping: { customer: 0, date: 1, amount: 2 }, options: { language: "en", mode: "transactions", asOf: AS_OF } } as WorkflowRequest);
    expect(report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [3, "B", "notDate"],
      [4, "B", "notDate"],
    ]);
  });
});

describe("5. overflow is an error naming the argument; NaN/Infinity never written", () => {
  test("RFMTABLE: two transactions of 9E307 for one customer → #NUM! naming amounts", () => {
    const e = thrown(() => rfmTable([["a"], ["a"]], [[45000], [45000]], [[9e307], [9e307]], 45001));
    expect(e).toEqual({ code: "#NUM!", message: expect.stringMatching(/^amounts.*largest number/) });
  });

  test("AGINGTABLE: two lines of 9E307 → #NUM! naming open_amounts", () => {
    const e = thrown(() => agingTable([["a"], ["b"]], [[45000], [45000]], [[9e307], [9e307]], 45001));
    expect(e).toEqual({ code: "#NUM!", message: expect.stringMatching(/^open_amounts/) });
  });

  test("CLV with a rate near −100% over many periods → #NUM! naming rate and periods", () => {
    const e = thrown(() => clv(-0.9999, 1200, [[1e10]]));
    expect(e.code).toBe("#NUM!");
    expect(e.message).toMatch(/rate, periods/);
  });

  const hugeCustomers = [["客户编号", "最近消费天数", "消费次数", "消费金额"], ["C1", 10, 5, 9e307], ["C2", 40, 2, 9e307], ["C3", 5, 9, 900]];

  test.each([
    ["rfm", hugeCustomers, { customer: 0, recency: 1, frequency: 2, monetary: 3 }, { mode: "customers" }, 3, "D"],
    ["value", [["客户", "客户价值"], ["C1", 1], ["C2", 9e307], ["C3", 9e307]], { customer: 0, value: 1 }, {}, 4, "B"],
    ["aging", [["客户", "到期日", "未付金额"], ["C1", 44900, 9e307], ["C2", 44900, 9e307], ["C3", 44990, 5]], { customer: 0, dueDate: 1, openAmount: 2 }, { asOf: AS_OF }, 3, "C"],
  ])("%s workflow: the row whose amount overflows the sum is a problem on its own sheet row", async (workflow, rows, mapping, extra, row, column) => {
    const data = rows as (string | number)[][];
    const { wb, engine } = book({ Data: data });
    const request = { workflow, source: { sheet: "Data", row: 0, column: 0, rows: data.length, columns: data[0].length }, mapping, options: { language: "en", ...extra } } as WorkflowRequest;
    const report = await engine.validate(request);
    expect(report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([[row, column, "overflow"]]);
    expect(report.problems[0].message).toMatch(/largest number/);
    // Skipping the row: the run completes and nothing non-finite is written anywhere.
    const result = await engine.run({ ...request, options: { ...request.options, skipBadRows: true } } as WorkflowRequest);
    expect(result.status).toBe("done");
    for (const name of wb.sheetNames()) {
      const used = await wb.usedRange(name);
      if (!used) continue;
      const block = await wb.read({ sheet: name, row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns });
      for (const r of block) for (const v of r) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe("6. an #N/A cell in the customer column is never a customer", () => {
  test.each(["rfm", "aging"])("%s workflow: error values in the id column are problems", async (workflow) => {
    const data =
      workflow === "rfm"
        ? [["客户", "日期", "金额"], ["a", 44990, 10], ["#N/A", 44991, 20], ["b", 44992, 5], ["#REF!", 44992, 5]]
        : [["客户", "到期日", "未付金额"], ["a", 44990, 10], ["#N/A", 44991, 20], ["b", 44992, 5], ["#REF!", 44992, 5]];
    const mapping = workflow === "rfm" ? { customer: 0, date: 1, amount: 2 } : { customer: 0, dueDate: 1, openAmount: 2 };
    const options = workflow === "rfm" ? { language: "en", mode: "transactions", asOf: AS_OF } : { language: "en", asOf: AS_OF };
    const { engine } = book({ Data: data });
    const report = await engine.validate({ workflow, source: { sheet: "Data", row: 0, column: 0, rows: 5, columns: 3 }, mapping, options } as WorkflowRequest);
    expect(report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [3, "A", "errorValue"],
      [5, "A", "errorValue"],
    ]);
    expect(report.problems[0].message).toMatch(/#N\/A/);
  });
});

describe("10. messages name the argument", () => {
  test("CREDITLIMIT: a score out of range given as grade names grade", () => {
    expect(thrown(() => creditLimit(5000000, 0.1, 150))).toEqual({ code: "#NUM!", message: expect.stringMatching(/^grade/) });
    expect(thrown(() => creditLimit(5000000, 0.1, "ZZ"))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/^grade/) });
  });

  test("ABCCLASS and PYRAMID on a single cell name values", () => {
    expect(thrown(() => abcClass([[5]]))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/^values is a single cell/) });
    expect(thrown(() => pyramid([[5]]))).toEqual({ code: "#VALUE!", message: expect.stringMatching(/^values is a single cell/) });
  });

  test("RFMBREAKS on single cells names recency, frequency and monetary", () => {
    expect(thrown(() => rfmBreaks([[1]], [[1]], [[1]])).message).toMatch(/^recency, frequency and monetary/);
  });

  test("RFMBREAKS: a negative recency or frequency row is an error like a text row", () => {
    const r = [[1], [2], [3]];
    expect(thrown(() => rfmBreaks([[1], [-2], [3]], r, r))).toEqual({ code: "#NUM!", message: expect.stringMatching(/recency value 2 must not be negative/) });
    expect(thrown(() => rfmBreaks(r, [[1], [-2], [3]], r))).toEqual({ code: "#NUM!", message: expect.stringMatching(/frequency value 2 must not be negative/) });
    expect(thrown(() => rfmBreaks([[1], ["a"], [3]], r, r)).message).toMatch(/recency value 2/);
  });

  test("overflow messages name the argument", () => {
    expect(thrown(() => clvSimple(1e300, 1e10, 1000)).message).toMatch(/^avg_order_value, orders_per_period and periods/);
  });
});

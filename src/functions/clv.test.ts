import fc from "fast-check";
import { errorCodeOf } from "./excel-error";
import { clv, clvPerpetuity, clvSchedule, clvSimple } from "./clv";

/** Whatever Excel can pass: numbers (incl. odd ones), text, booleans, blanks, left-out, ranges. */
const excelScalar = fc.oneof(fc.double(), fc.integer({ min: -5, max: 20 }), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.constant(""));
const excelRange = fc.oneof(excelScalar.map((x) => [[x]]), fc.array(fc.array(excelScalar, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), fc.constant(null));

function outcome(fn: () => unknown): "value" | "error" {
  try {
    const v = fn();
    const flat = Array.isArray(v) ? (v as unknown[][]).flat() : [v];
    for (const cell of flat) {
      if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
      else if (typeof cell === "object" && cell !== null) expect(errorCodeOf(cell)).toBeDefined();
    }
    return "value";
  } catch (e) {
    expect(errorCodeOf(e)).toMatch(/^#(VALUE!|NUM!|DIV\/0!|N\/A)$/);
    return "error";
  }
}

describe("CLV wrappers never throw anything but Excel errors and never return NaN/Infinity", () => {
  test("CRM.CLV and CRM.CLVSCHEDULE on arbitrary Excel values", () => {
    fc.assert(
      fc.property(excelScalar, excelScalar, excelRange, excelRange, excelScalar, excelScalar, excelRange, excelScalar, (a, b, c, d, e, f, g, h) => {
        outcome(() => clv(a, b, c as any, d as any, e, f, g as any, h));
        outcome(() => clvSchedule(a, b, c as any, d as any, e, f, g as any, h, "en"));
      }),
      { numRuns: 500 },
    );
  });

  test("CRM.CLVPERPETUITY and CRM.CLVSIMPLE on arbitrary Excel values", () => {
    fc.assert(
      fc.property(excelScalar, excelScalar, excelScalar, excelScalar, excelScalar, (a, b, c, d, e) => {
        outcome(() => clvPerpetuity(a, b, c, d, e));
        outcome(() => clvSimple(a, b, c, d, e));
      }),
      { numRuns: 500 },
    );
  });

  test("huge inputs overflow to #NUM!, not Infinity", () => {
    expect(outcome(() => clv(0, 1, [[1e308]], null as any, -1e308))).toBe("error");
  });
});

import fc from "fast-check";
import { deliveredOutput, deliveredValue } from "./delivered-value";

const failsWith = (code: string, message: RegExp) => expect.objectContaining({ code, message: expect.stringMatching(message) });

describe("deliveredValue: 顾客让渡价值 = 顾客总价值 − 顾客总成本", () => {
  test("product 100, service 50, personnel 30, image 20 against money 80, time 10, energy 5, psychic 5 → 100, ratio 2", () => {
    expect(deliveredValue([100, 50, 30, 20], [80, 10, 5, 5])).toBe(100);
    expect(deliveredValue([100, 50, 30, 20], [80, 10, 5, 5], "ratio")).toBe(2);
  });

  test("exact decimals", () => {
    expect(deliveredValue([0.1, 0.2], [0.3])).toBe(0);
    expect(deliveredValue([0.3], [0.1], "ratio")).toBe(3);
  });

  test("output names, also in Chinese", () => {
    expect(deliveredOutput(" Ratio ")).toBe("ratio");
    expect(deliveredOutput("差额")).toBe("difference");
    expect(deliveredOutput("比值")).toBe("ratio");
    expect(() => deliveredOutput("sum")).toThrow(failsWith("#VALUE!", /output must be "difference" or "ratio"/));
  });

  test("errors: cost 0 for a ratio is #DIV/0!; a negative part is #NUM!", () => {
    expect(() => deliveredValue([100], [0, 0], "ratio")).toThrow(failsWith("#DIV/0!", /costs add up to 0/));
    expect(() => deliveredValue([100, -5], [10])).toThrow(failsWith("#NUM!", /values value 2 must not be negative/));
  });

  test("property: difference = Σvalues − Σcosts and ratio × Σcosts = Σvalues", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 8 }), (v, c) => {
        const sv = v.reduce((a, b) => a + b, 0);
        const sc = c.reduce((a, b) => a + b, 0);
        expect(deliveredValue(v, c)).toBe(sv - sc);
        expect(deliveredValue(v, c, "ratio") * sc).toBeCloseTo(sv, 6);
      }),
    );
  });
});

import fc from "fast-check";
import { CrmError } from "./errors";
import { lifecycleStage, lifecycleStages } from "./lifecycle";

const failsWith = (code: string, message: RegExp) => expect.objectContaining({ code, message: expect.stringMatching(message) });

describe("lifecycleStage: 考察期、形成期、稳定期、退化期", () => {
  test.each([
    ["three periods of trial orders", [50, 80, 60], "exploration"],
    ["exploration counts from the first purchase", [0, 0, 0, 0, 50, 80, 60], "exploration"],
    ["growing fast", [10, 20, 40, 80, 160, 320], "buildup"],
    ["high and flat", [100, 100, 100, 100, 100, 100], "maturity"],
    ["within ±10% is flat", [100, 100, 100, 110, 110, 110], "maturity"],
    ["falling", [300, 300, 300, 200, 100, 50], "decline"],
    ["no purchase in the last 3 periods", [100, 200, 300, 0, 0, 0], "decline"],
    ["buying again after nothing is growth", [100, 0, 0, 0, 50, 50, 50], "buildup"],
    ["tenure 4: the last 3 periods against the first", [100, 100, 100, 100], "maturity"],
    ["tenure 5: the last 3 against the 2 before", [100, 50, 120, 120, 120], "buildup"],
    ["only the last 2·window periods count", [1000, 1000, 1000, 100, 100, 100, 100, 100, 100], "maturity"],
  ])("%s", (_name, amounts, stage) => {
    expect(lifecycleStage(amounts)).toBe(stage);
  });

  test("growth of exactly the tolerance is not growth (exact decimals)", () => {
    expect(lifecycleStage([0.1, 0.1, 0.1, 0.11, 0.11, 0.11])).toBe("maturity");
    expect(lifecycleStage([0.1, 0.1, 0.1, 0.09, 0.09, 0.09])).toBe("maturity");
    expect(lifecycleStage([0.1, 0.1, 0.1, 0.11, 0.11, 0.12])).toBe("buildup");
  });

  test("options: exploration length, window and tolerance", () => {
    expect(lifecycleStage([50, 80, 60], { explorePeriods: 2 })).toBe("buildup");
    expect(lifecycleStage([100, 100, 100, 100, 130, 130], { window: 2 })).toBe("buildup");
    expect(lifecycleStage([100, 100, 100, 110, 110, 110], { tolerance: 0.05 })).toBe("buildup");
  });

  test("no purchases is #N/A; negative amounts and bad options are #NUM!", () => {
    expect(() => lifecycleStage([0, 0, 0])).toThrow(failsWith("#N/A", /no purchases/));
    expect(() => lifecycleStage([10, -5, 0])).toThrow(failsWith("#NUM!", /period 2 must not be negative/));
    expect(() => lifecycleStage([10], { window: 0 })).toThrow(failsWith("#NUM!", /window/));
    expect(() => lifecycleStage([10], { explorePeriods: 1201 })).toThrow(failsWith("#NUM!", /explore_periods must be at most 1200/));
    expect(() => lifecycleStage([10], { tolerance: -0.1 })).toThrow(failsWith("#NUM!", /tolerance/));
  });

  test("rows: each its own label or error, in Chinese or English", () => {
    const bad = new CrmError("#VALUE!", "amounts row 2 period 1 must be a number");
    const out = lifecycleStages([[10, 20, 40, 80, 160, 320], bad, [0, 0]], {}, "en");
    expect(out[0]).toBe("Build-up");
    expect(out[1]).toBe(bad);
    expect(out[2]).toEqual(failsWith("#N/A", /no purchases/));
    expect(lifecycleStages([[5]])).toEqual(["考察期"]);
  });

  test("property: scaling every amount keeps the stage; leading empty periods do not matter", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 5 }), (xs, k, lead) => {
        fc.pre(xs.some((x) => x > 0));
        const stage = lifecycleStage(xs);
        expect(lifecycleStage(xs.map((x) => x * k))).toBe(stage);
        expect(lifecycleStage([...new Array(lead).fill(0), ...xs])).toBe(stage);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from "fast-check";
import { creditPolicyTable, evaluatePolicy, receivableCost } from "./receivables";

const failsWith = (code: string, message: RegExp) => expect.objectContaining({ code, message: expect.stringMatching(message) });

describe("receivableCost: opportunity cost of receivables", () => {
  test("3,600,000 of credit sales, 60 days, variable costs 60%, capital 10%, 360-day year → 36,000", () => {
    expect(receivableCost(3600000, 60, 0.6, 0.1)).toBe(36000);
    expect(receivableCost(3650000, 60, 0.6, 0.1, 365)).toBe(36000);
  });

  test("exact decimals: 1,000,000 over 30 of 360 days at 70% and 7% → 4083.33…", () => {
    expect(receivableCost(1000000, 30, 0.7, 0.07)).toBe(4083.3333333333335);
    expect(receivableCost(100, 36, 0.1, 0.1)).toBe(0.1);
  });

  test("errors name the argument", () => {
    expect(() => receivableCost(-1, 60, 0.6, 0.1)).toThrow(failsWith("#NUM!", /annual_credit_sales/));
    expect(() => receivableCost(1, -60, 0.6, 0.1)).toThrow(failsWith("#NUM!", /collection_days/));
    expect(() => receivableCost(1, 60, 1.6, 0.1)).toThrow(failsWith("#NUM!", /variable_cost_ratio/));
    expect(() => receivableCost(1, 60, 0.6, -0.1)).toThrow(failsWith("#NUM!", /capital_cost/));
    expect(() => receivableCost(1, 60, 0.6, 0.1, 0)).toThrow(failsWith("#NUM!", /year_days/));
  });
});

describe("creditPolicyTable: choosing a credit policy", () => {
  const policies = [
    { sales: 2400000, variableCostRatio: 0.65, collectionDays: 30, badDebtRate: 0.02, collectionCost: 24000, capitalCost: 0.1 },
    { sales: 2640000, variableCostRatio: 0.65, collectionDays: 60, badDebtRate: 0.03, collectionCost: 40000, capitalCost: 0.1 },
    { sales: 2800000, variableCostRatio: 0.65, collectionDays: 90, badDebtRate: 0.05, collectionCost: 56000, capitalCost: 0.1 },
  ];

  test("three policies: n/60 has the largest net benefit, 776,200", () => {
    expect(creditPolicyTable(policies)).toEqual([
      ["项目", "方案1", "方案2", "方案3"],
      ["边际贡献", 840000, 924000, 980000],
      ["应收账款机会成本", 13000, 28600, 45500],
      ["坏账损失", 48000, 79200, 140000],
      ["收账费用", 24000, 40000, 56000],
      ["现金折扣成本", 0, 0, 0],
      ["净收益", 755000, 776200, 738500],
      ["最优", "", "✓", ""],
    ]);
    expect(creditPolicyTable(policies, "en")[0]).toEqual(["Item", "Policy 1", "Policy 2", "Policy 3"]);
    expect(creditPolicyTable(policies, "en").map((r) => r[0])).toEqual(["Item", "Contribution margin", "Opportunity cost of receivables", "Bad debts", "Collection cost", "Cash discounts", "Net benefit", "Best"]);
  });

  test("cash discounts: half the sales take 2% off", () => {
    const r = evaluatePolicy({ ...policies[1], discountShare: 0.5, discountRate: 0.02 });
    expect(r.discounts).toBe(26400);
    expect(r.net).toBe(776200 - 26400);
  });

  test("a tie marks the first policy", () => {
    expect(creditPolicyTable([policies[0], policies[0]]).at(-1)).toEqual(["最优", "✓", ""]);
  });

  test("property: net benefit = the margin less the four costs; the ✓ is on a largest net benefit", () => {
    const policy = fc.record({
      sales: fc.integer({ min: 0, max: 10_000_000 }),
      variableCostRatio: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
      collectionDays: fc.integer({ min: 0, max: 365 }),
      badDebtRate: fc.integer({ min: 0, max: 100 }).map((x) => x / 1000),
      collectionCost: fc.integer({ min: 0, max: 100000 }),
      capitalCost: fc.integer({ min: 0, max: 30 }).map((x) => x / 100),
      discountShare: fc.integer({ min: 0, max: 100 }).map((x) => x / 100),
      discountRate: fc.integer({ min: 0, max: 5 }).map((x) => x / 100),
    });
    fc.assert(
      fc.property(fc.array(policy, { minLength: 1, maxLength: 5 }), (ps) => {
        const t = creditPolicyTable(ps);
        const net = t[6].slice(1) as number[];
        ps.forEach((_, i) => {
          const [c, o, b, k, d] = [1, 2, 3, 4, 5].map((r) => t[r][i + 1] as number);
          expect(net[i]).toBeCloseTo(c - o - b - k - d, 4);
        });
        const best = (t[7].slice(1) as string[]).indexOf("✓");
        expect(t[7].filter((x) => x === "✓")).toHaveLength(1);
        expect(net[best]).toBe(Math.max(...net));
        expect(net.indexOf(Math.max(...net))).toBe(best);
      }),
      { numRuns: 100 },
    );
  });

  test("a bad figure names its argument and, among several, its policy", () => {
    expect(() => creditPolicyTable([policies[0], { ...policies[1], badDebtRate: 1.5 }])).toThrow(failsWith("#NUM!", /policy 2: bad_debt_rate/));
    expect(() => creditPolicyTable([{ ...policies[0], discountShare: -0.1 }])).toThrow(failsWith("#NUM!", /^discount_share/));
  });
});

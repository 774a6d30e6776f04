import fc from "fast-check";
import { CrmError } from "./errors";
import { describe as describeTerms, discountCost, parseTerms } from "./terms";

/** Matches a thrown CrmError of this Excel code. */
const failsWith = (code: string) => expect.objectContaining({ code });

describe("parseTerms", () => {
  test.each([
    ["2/10, n/30", [{ discount: 0.02, days: 10 }], 30],
    ["2/10 net 30", [{ discount: 0.02, days: 10 }], 30],
    ["2/10 n/30", [{ discount: 0.02, days: 10 }], 30],
    ["2/10,n/30", [{ discount: 0.02, days: 10 }], 30],
    ["2/10, N/30", [{ discount: 0.02, days: 10 }], 30],
    ["2/10, Net 30", [{ discount: 0.02, days: 10 }], 30],
    ["2/10 NET/30", [{ discount: 0.02, days: 10 }], 30],
    ["  2 / 10 ,   n / 30  ", [{ discount: 0.02, days: 10 }], 30],
    ["2/10，n/30", [{ discount: 0.02, days: 10 }], 30],
    ["2／10，Ｎ／30", [{ discount: 0.02, days: 10 }], 30],
    ["２/１０，n/３０", [{ discount: 0.02, days: 10 }], 30],
    ["2/10\u3000n/30", [{ discount: 0.02, days: 10 }], 30],
    ["1.5/10, n/30", [{ discount: 0.015, days: 10 }], 30],
    ["2%/10, n/30", [{ discount: 0.02, days: 10 }], 30],
    ["6/10, 3/20, n/45", [{ discount: 0.06, days: 10 }, { discount: 0.03, days: 20 }], 45],
    ["3/10，2/20，N/30", [{ discount: 0.03, days: 10 }, { discount: 0.02, days: 20 }], 30],
    ["Net 30", [], 30],
    ["n/60", [], 60],
    // As the course text prints them: in parentheses, half- or full-width.
    ["(6/10,3/20,n/45)", [{ discount: 0.06, days: 10 }, { discount: 0.03, days: 20 }], 45],
    ["（6/10，3/20，n/45）", [{ discount: 0.06, days: 10 }, { discount: 0.03, days: 20 }], 45],
    [" ( 2/10, n/30 ) ", [{ discount: 0.02, days: 10 }], 30],
  ])("reads %j", (text, tiers, netDays) => {
    expect(parseTerms(text)).toEqual({ tiers, netDays });
  });

  test.each([
    ["", "#VALUE!"],
    ["   ", "#VALUE!"],
    ["2/10", "#VALUE!"],
    ["2/10,", "#VALUE!"],
    ["n/30, 2/10", "#VALUE!"],
    ["2/10 x/30", "#VALUE!"],
    ["2/10 n/30 days", "#VALUE!"],
    ["2/10 n/30 EOM", "#VALUE!"],
    ["2-10, n/30", "#VALUE!"],
    ["2/10n/30", "#VALUE!"],
    ["(2/10, n/30", "#VALUE!"],
    ["((2/10, n/30))", "#VALUE!"],
    ["()", "#VALUE!"],
    ["two/10, n/30", "#VALUE!"],
    ["2/10.5, n/30", "#VALUE!"],
    ["2/10; n/30", "#VALUE!"],
    ["2/30, n/30", "#VALUE!"], // discount days at the net days
    ["2/40, n/30", "#VALUE!"], // and beyond them
    ["3/20, 6/10, n/45", "#VALUE!"], // tiers not increasing in days
    ["3/10, 3/20, n/45", "#VALUE!"], // a later discount as large as an earlier one
    ["2/10, 3/20, n/45", "#VALUE!"],
    ["n/0", "#VALUE!"],
    ["0/10, n/30", "#NUM!"],
    ["100/10, n/30", "#NUM!"],
    ["150/10, n/30", "#NUM!"],
  ])("refuses %j with %s", (text, code) => {
    expect(() => parseTerms(text)).toThrow(failsWith(code));
  });

  test("the message quotes the text as written", () => {
    expect(() => parseTerms("2/10 x/30")).toThrow(/"2\/10 x\/30"/);
    expect(() => parseTerms("2/30, n/30")).toThrow(/terms "2\/30, n\/30".*fewer than the net days/);
  });

  test("property: canonical terms read back as written", () => {
    const terms = fc
      .uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 4 })
      .chain((days) => {
        const sorted = [...days].sort((a, b) => a - b);
        return fc.record({
          days: fc.constant(sorted),
          discounts: fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: sorted.length, maxLength: sorted.length }).map((ds) => ds.sort((a, b) => b - a).map((d) => d / 100)),
          extra: fc.integer({ min: 1, max: 400 }),
        });
      })
      .map(({ days, discounts, extra }) => ({ tiers: days.map((d, i) => ({ discount: discounts[i] / 100, days: d })), netDays: (days[days.length - 1] ?? 0) + extra }));
    fc.assert(
      fc.property(terms, (t) => {
        const parsed = parseTerms(describeTerms(t));
        expect(parsed.netDays).toBe(t.netDays);
        expect(parsed.tiers.map((x) => x.days)).toEqual(t.tiers.map((x) => x.days));
        parsed.tiers.forEach((x, i) => expect(x.discount).toBeCloseTo(t.tiers[i].discount, 12));
      }),
    );
  });

  test("property: any text is read or refused with a CrmError, never another exception", () => {
    const pieces = fc.constantFrom("2", "10", "/", "／", ",", "，", " ", "n", "N", "net", "%", ".", "x", "3", "0", "45", "100", "Ｎ", "２");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((p) => p.join(""))), (text) => {
        try {
          const t = parseTerms(text);
          expect(t.netDays).toBeGreaterThan(t.tiers[t.tiers.length - 1]?.days ?? -1);
        } catch (e) {
          expect(e).toBeInstanceOf(CrmError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("discountCost", () => {
  test('"2/10, n/30" costs 37.24% a year: 2/98 × 365/20', () => {
    expect(discountCost("2/10, n/30")).toBeCloseTo(0.3724, 4);
    expect(discountCost("2/10, n/30")).toBeCloseTo((2 / 98) * (365 / 20), 15);
  });

  test('"6/10, 3/20, n/45": tier 1 is 6/94 × 365/35, tier 2 is 3/97 × 365/25 (N = the net days)', () => {
    expect(discountCost("6/10, 3/20, n/45", 1)).toBeCloseTo(219 / 329, 15); // 0.6657
    expect(discountCost("6/10, 3/20, n/45", 2)).toBeCloseTo(219 / 485, 15); // 0.4515
    expect(discountCost("6/10, 3/20, n/45", 1)).toBeCloseTo(0.6657, 4);
    expect(discountCost("6/10, 3/20, n/45", 2)).toBeCloseTo(0.4515, 4);
  });

  test("year_days 360 and compound", () => {
    expect(discountCost("2/10, n/30", 1, 360)).toBeCloseTo((2 / 98) * 18, 15); // 0.3673
    expect(discountCost("2/10, n/30", 1, 365, true)).toBeCloseTo((100 / 98) ** (365 / 20) - 1, 12); // 0.4459
    expect(discountCost("2/10, n/30", 1, 365, true)).toBeCloseTo(0.4459, 4);
  });

  test("accepts parsed terms", () => {
    expect(discountCost(parseTerms("2/10 net 30"))).toBe(discountCost("2/10, n/30"));
  });

  test.each([
    [["2/10, n/30", 2], "#NUM!"],
    [["Net 30", 1], "#NUM!"],
    [["6/10, 3/20, n/45", 3], "#NUM!"],
    [["2/10, n/30", 0], "#NUM!"],
    [["2/10, n/30", 1.5], "#NUM!"],
    [["2/10, n/30", 1, 0], "#NUM!"],
    [["2/10, n/30", 1, -365], "#NUM!"],
    [["2/10, n/30", 1, 1e300, true], "#NUM!"],
    [["2/10 x/30"], "#VALUE!"],
  ] as [Parameters<typeof discountCost>, string][])("%j is %s", (args, code) => {
    expect(() => discountCost(...args)).toThrow(failsWith(code));
  });

  test("property: positive and finite; compound ≥ simple when the year holds at least one period", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom(360, 365), (bp, days, extra, year) => {
        const terms = { tiers: [{ discount: bp / 10000, days }], netDays: days + extra };
        const simple = discountCost(terms, 1, year);
        expect(simple).toBeGreaterThan(0);
        expect(Number.isFinite(simple)).toBe(true);
        let compound: number | undefined;
        try {
          compound = discountCost(terms, 1, year, true);
        } catch (e) {
          expect((e as CrmError).code).toBe("#NUM!"); // too large to show
        }
        if (compound !== undefined && year >= extra) expect(compound).toBeGreaterThanOrEqual(simple * (1 - 1e-12));
      }),
    );
  });
});

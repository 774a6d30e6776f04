import fc from "fast-check";
import { CrmError } from "./errors";
import { creditDays, creditLimit, creditNeed, creditScore, creditScorer, creditScores, DEFAULT_DAYS_FACTORS, DEFAULT_GRADE_TABLE, DEFAULT_LIMIT_FACTORS, dso, factorOf, factorTable, gradeOf, gradeTable } from "./credit";

/** Matches a thrown CrmError of this Excel code. */
const failsWith = (code: string) => expect.objectContaining({ code });

describe("creditScore (5C)", () => {
  test("equal weights: the mean rating on 0..100", () => {
    expect(creditScore([4, 5, 4, 3, 4])).toBe(80);
    expect(creditScore([5, 5, 5, 5, 5])).toBe(100);
    expect(creditScore([0, 0, 0, 0, 0])).toBe(0);
  });

  test("weights and scale_max: Σ wᵢ·xᵢ / Σ wᵢ / scale_max × 100", () => {
    // 0.3·9 + 0.25·8 + 0.2·7 + 0.15·6 + 0.1·5 = 7.5 → 75
    expect(creditScore([9, 8, 7, 6, 5], [0.3, 0.25, 0.2, 0.15, 0.1], 10)).toBe(75);
    // weights need not add up to 1
    expect(creditScore([9, 8, 7, 6, 5], [30, 25, 20, 15, 10], 10)).toBe(75);
  });

  test("decimal: weights of 0.1 and 0.2 put 4.5 everywhere exactly on 90, not a hair below", () => {
    expect(creditScore([4.5, 4.5, 4.5, 4.5, 4.5], [0.1, 0.2, 0.3, 0.2, 0.2])).toBe(90);
    expect(gradeOf(creditScore([4.5, 4.5, 4.5, 4.5, 4.5], [0.1, 0.2, 0.3, 0.2, 0.2]))).toBe("AAA");
  });

  test.each([
    [() => creditScore([6, 5, 5, 5, 5]), "#NUM!"],
    [() => creditScore([-1, 5, 5, 5, 5]), "#NUM!"],
    [() => creditScore([NaN, 5, 5, 5, 5]), "#VALUE!"],
    [() => creditScore([5, 5, 5, 5, 5], [1, 1, 1, 1]), "#VALUE!"],
    [() => creditScore([5, 5, 5, 5, 5], [1, -1, 1, 1, 1]), "#NUM!"],
    [() => creditScore([5, 5, 5, 5, 5], [0, 0, 0, 0, 0]), "#DIV/0!"],
    [() => creditScore([5, 5, 5, 5, 5], undefined, 0), "#NUM!"],
    [() => creditScore([]), "#VALUE!"],
  ])("error %#: %s", (fn, code) => {
    expect(fn).toThrow(failsWith(code));
  });

  test("messages name the C", () => {
    expect(() => creditScore([5, 5, 9, 5, 5])).toThrow(/capital rating 9 is outside 0\.\.5/);
  });

  const rating = fc.integer({ min: 0, max: 50 }).map((x) => x / 10);
  const ratings = fc.array(rating, { minLength: 5, maxLength: 5 });
  const weights = fc.array(fc.integer({ min: 0, max: 100 }).map((x) => x / 100), { minLength: 5, maxLength: 5 }).filter((w) => w.some((x) => x > 0));

  test("property: within 0..100, finite, and the order of the (rating, weight) pairs does not matter", () => {
    fc.assert(
      fc.property(ratings, weights, fc.integer({ min: 0, max: 4 }), (x, w, shift) => {
        const s = creditScore(x, w);
        expect(Number.isFinite(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
        const rot = <T>(a: T[]) => [...a.slice(shift), ...a.slice(0, shift)];
        expect(creditScorer(rot(w), 5, ["a", "b", "c", "d", "e"])(rot(x))).toBe(s);
      }),
    );
  });

  test("property: the same rating everywhere gives rating / scale_max × 100 whatever the weights", () => {
    fc.assert(fc.property(rating, weights, (r, w) => expect(creditScore([r, r, r, r, r], w)).toBe(Number(((r / 5) * 100).toFixed(10)))));
  });

  test("property: any numbers give a score or a CrmError", () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer({ min: -10, max: 10 }));
    fc.assert(
      fc.property(fc.array(anyNumber, { minLength: 0, maxLength: 6 }), fc.option(fc.array(anyNumber, { minLength: 5, maxLength: 5 }), { nil: undefined }), anyNumber, (x, w, max) => {
        try {
          expect(Number.isFinite(creditScore(x, w, max))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CrmError);
        }
      }),
    );
  });
});

describe("grades", () => {
  test.each([
    [100, "AAA"],
    [90, "AAA"],
    [89.99, "AA"],
    [80, "AA"],
    [79.5, "A"],
    [70, "A"],
    [60, "B"],
    [59.99, "C"],
    [0, "C"],
  ])("default table: %d → %s", (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });

  test("scores outside 0..100 are #NUM!", () => {
    expect(() => gradeOf(-1)).toThrow(failsWith("#NUM!"));
    expect(() => gradeOf(100.5)).toThrow(failsWith("#NUM!"));
    expect(() => gradeOf(NaN)).toThrow(failsWith("#VALUE!"));
  });

  test("a grade table in any row order", () => {
    const table = gradeTable([
      [60, "合格"],
      [85, "优秀"],
      [0, "不合格"],
      [75, "良好"],
    ]);
    expect(table.map((r) => r.min)).toEqual([85, 75, 60, 0]);
    expect([95, 85, 80, 60, 59].map((s) => gradeOf(s, table))).toEqual(["优秀", "优秀", "良好", "合格", "不合格"]);
  });

  test("a score below every minimum of a table is #NUM!; bad tables are refused", () => {
    const table = gradeTable([
      [90, "A"],
      [60, "B"],
    ]);
    expect(() => gradeOf(50, table)).toThrow(failsWith("#NUM!"));
    expect(() => gradeOf(50, table)).toThrow(/below the lowest minimum \(60\)/);
    expect(() => gradeTable([])).toThrow(failsWith("#VALUE!"));
    expect(() => gradeTable([[60, " "]])).toThrow(failsWith("#VALUE!"));
    expect(() => gradeTable([[60, "B"], [60, "C"]])).toThrow(failsWith("#VALUE!"));
    expect(() => gradeTable([[NaN, "B"]])).toThrow(failsWith("#NUM!"));
  });

  test("property: grades do not depend on the table's row order, and higher scores never get a lower grade", () => {
    const rank = new Map(DEFAULT_GRADE_TABLE.map((r, i) => [r.grade, i]));
    fc.assert(
      fc.property(fc.shuffledSubarray(DEFAULT_GRADE_TABLE.map((r) => [r.min, r.grade] as [number, string]), { minLength: 5 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (rows, a, b) => {
        const table = gradeTable(rows);
        expect(gradeOf(a, table)).toBe(gradeOf(a));
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank.get(gradeOf(hi))!).toBeLessThanOrEqual(rank.get(gradeOf(lo))!);
      }),
    );
  });
});

describe("factor tables", () => {
  test("defaults as the contract lists them", () => {
    expect(DEFAULT_LIMIT_FACTORS.map((f) => [f.grade, f.factor])).toEqual([["AAA", 1], ["AA", 0.8], ["A", 0.6], ["B", 0.4], ["C", 0]]);
    expect(DEFAULT_DAYS_FACTORS.map((f) => [f.grade, f.factor])).toEqual([["AAA", 1.2], ["AA", 1.1], ["A", 1], ["B", 0.8], ["C", 0]]);
  });

  test("grades compare trimmed, case-insensitively and full-width folded", () => {
    expect(factorOf(" aa ", DEFAULT_LIMIT_FACTORS)).toBe(0.8);
    expect(factorOf("ＡＡＡ", DEFAULT_LIMIT_FACTORS)).toBe(1);
  });

  test("an unknown grade is #VALUE! naming it", () => {
    expect(() => factorOf("D", DEFAULT_LIMIT_FACTORS)).toThrow(failsWith("#VALUE!"));
    expect(() => factorOf("D", DEFAULT_LIMIT_FACTORS)).toThrow(/grade "D" is not one of the grades AAA, AA, A, B, C/);
  });

  test("a factor table in any order; duplicates, blanks and negative factors refused", () => {
    const t = factorTable([
      ["B", 0.5],
      ["A", 1],
    ]);
    expect(factorOf("a", t)).toBe(1);
    expect(() => factorTable([["A", 1], ["a", 2]])).toThrow(failsWith("#VALUE!"));
    expect(() => factorTable([["", 1]])).toThrow(failsWith("#VALUE!"));
    expect(() => factorTable([["A", -1]])).toThrow(failsWith("#NUM!"));
    expect(() => factorTable([])).toThrow(failsWith("#VALUE!"));
  });
});

describe("creditLimit", () => {
  test("contract example: 5,000,000 × 10% × AA 0.8 = 400,000", () => {
    expect(creditLimit(5_000_000, 0.1, "AA")).toBe(400_000);
  });

  test("textbook: 10% of net working capital, adjusted by grade", () => {
    // net working capital = current assets 3,600,000 − current liabilities 1,850,000 = 1,750,000
    const nwc = 3_600_000 - 1_850_000;
    expect(creditLimit(nwc)).toBe(175_000);
    expect(creditLimit(nwc, 0.1, "AAA")).toBe(175_000);
    expect(creditLimit(nwc, 0.1, "A")).toBe(105_000);
    expect(creditLimit(nwc, 0.1, "B")).toBe(70_000);
    expect(creditLimit(nwc, 0.1, "C")).toBe(0);
  });

  test("a score is graded with the default table first", () => {
    expect(creditLimit(1_000_000, 0.1, 85)).toBe(80_000);
    expect(creditLimit(1_000_000, 0.1, 59)).toBe(0);
  });

  test("decimal: 0.1 × 0.7 of 1,234,567.89 to the cent", () => {
    expect(creditLimit(1_234_567.89, 0.1, "X", [{ grade: "X", factor: 0.7 }])).toBe(86_419.7523);
  });

  test.each([
    [() => creditLimit(-1), "#NUM!"],
    [() => creditLimit(1000, 10), "#NUM!"],
    [() => creditLimit(1000, -0.1), "#NUM!"],
    [() => creditLimit(1000, 0.1, "D"), "#VALUE!"],
    [() => creditLimit(1000, 0.1, 101), "#NUM!"],
    [() => creditLimit(1000, 0.1, 95, [{ grade: "AA", factor: 1 }]), "#VALUE!"],
  ])("error %#: %s", (fn, code) => {
    expect(fn).toThrow(failsWith(code));
  });
});

describe("creditNeed, creditDays, dso", () => {
  test("credit need: 3,650,000 a year on 45 days → 450,000", () => {
    expect(creditNeed(3_650_000, 45)).toBe(450_000);
    expect(creditNeed(3_600_000, 30, 360)).toBe(300_000);
  });

  test("credit period: industry DSO × company factor × grade factor", () => {
    expect(creditDays(45, 1.2, "AAA")).toBe(64.8);
    expect(creditDays(60, 0.9, "A")).toBe(54);
    expect(creditDays(50, 1.1, "aa")).toBe(60.5);
    expect(creditDays(50, 1, 0.95)).toBe(47.5);
    expect(creditDays(50, 1, "C")).toBe(0);
  });

  test("DSO: 600,000 receivables on 7,300,000 credit sales → 30 days", () => {
    expect(dso(600_000, 7_300_000)).toBe(30);
    expect(dso(600_000, 7_200_000, 360)).toBe(30);
  });

  test.each([
    [() => dso(1, 0), "#DIV/0!"],
    [() => dso(-1, 10), "#NUM!"],
    [() => dso(1, 10, 0), "#NUM!"],
    [() => creditNeed(-1, 30), "#NUM!"],
    [() => creditNeed(1, 30, 0), "#NUM!"],
    [() => creditDays(45, 1, "D"), "#VALUE!"],
    [() => creditDays(45, -1, "A"), "#NUM!"],
    [() => creditDays(45, 1, -0.5), "#NUM!"],
  ])("error %#: %s", (fn, code) => {
    expect(fn).toThrow(failsWith(code));
  });
});

describe("creditScores (CRM.CREDITSCORE on columns)", () => {
  const column = (cells: (number | CrmError)[]) => ({
    values: Float64Array.from(cells, (c) => (c instanceof CrmError ? 0 : c)),
    errors: new Map(cells.flatMap((c, i) => (c instanceof CrmError ? [[i, c] as const] : []))),
  });
  const perRow = (cols: (number | CrmError)[][], weights: readonly number[] | undefined, scaleMax: number) => {
    const score = creditScorer(weights, scaleMax);
    const n = Math.max(...cols.map((c) => c.length));
    return Array.from({ length: n }, (_, row) => {
      const ratings = cols.map((c) => c[c.length === 1 ? 0 : row]);
      const bad = ratings.find((r) => r instanceof CrmError);
      if (bad) return bad;
      try {
        return score(ratings as number[]);
      } catch (e) {
        return e;
      }
    });
  };

  test("property: exactly the decimal scorer's score or error on every row (integer path and fallback)", () => {
    const rating = fc.oneof(
      fc.integer({ min: 0, max: 20 }).map((x) => x / 2),
      fc.integer({ min: 0, max: 100 }).map((x) => x / 10),
      fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
      fc.double({ min: -1, max: 11, noNaN: true }),
      fc.constant(new CrmError("#VALUE!", "capacity value 2 must be a number")),
    );
    const weights = fc.option(
      fc.oneof(
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 5, maxLength: 5 }).filter((w) => w.some((x) => x > 0)),
        fc.constant([0.3, 0.2, 0.2, 0.2, 0.1]),
        fc.constant([0.1, 0.2, 0.3, 0.25, 0.15]),
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.array(rating, { minLength: 60, maxLength: 60 }), weights, fc.constantFrom(5, 10, 7.5, 4, 3), (n, single, pool, w, scaleMax) => {
        const cols = single.map((one, c) => Array.from({ length: one ? 1 : n }, (_, i) => pool[(c * 12 + i) % pool.length]));
        const got = creditScores(cols.map(column), w, scaleMax);
        const want = perRow(cols, w, scaleMax);
        expect(Array.from(got.values, (v, i) => got.errors.get(i) ?? v)).toEqual(want);
      }),
    );
  });

  test("a tenth-point scale: 4.5 everywhere with weights 0.1..0.3 is exactly 90", () => {
    const c = column([4.5, 4.5]);
    expect(Array.from(creditScores([c, c, c, c, c], [0.1, 0.2, 0.3, 0.25, 0.15]).values)).toEqual([90, 90]);
  });
});

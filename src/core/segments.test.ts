import fc from "fast-check";
import { CrmError } from "./errors";
import { toNumberColumn } from "./columns";
import { CN8_SEGMENTS, isHigh, OTHERS, parseRules, RF10_SEGMENTS, Scheme, segmentAll, segmentCodes, segmentOf, SegmentRule } from "./segments";

// The contract's cn8 table, row by row: R high?, F high?, M high? → zh, en.
const CN8_TABLE: [boolean, boolean, boolean, string, string][] = [
  [true, true, true, "重要价值客户", "Important value"],
  [true, false, true, "重要发展客户", "Important development"],
  [false, true, true, "重要保持客户", "Important retention"],
  [false, false, true, "重要挽留客户", "Important win-back"],
  [true, true, false, "一般价值客户", "General value"],
  [true, false, false, "一般发展客户", "General development"],
  [false, true, false, "一般保持客户", "General retention"],
  [false, false, false, "一般挽留客户", "General win-back"],
];

// The contract's rf10 map, rows R = 1..5, columns F = 1..5.
const RF10_TABLE = [
  ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose"],
  ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose"],
  ["About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"],
  ["Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Loyal"],
  ["New", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
];

describe("cn8", () => {
  test("all 125 score triples on 5 bins (4 and 5 are high)", () => {
    let checked = 0;
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          const row = CN8_TABLE.find(([hr, hf, hm]) => hr === r >= 4 && hf === f >= 4 && hm === m >= 4)!;
          expect(segmentOf(r, f, m)).toBe(row[3]);
          expect(segmentOf(r, f, m, "cn8", "en")).toBe(row[4]);
          checked++;
        }
      }
    }
    expect(checked).toBe(125);
  });

  test("high means above (bins + 1) / 2 for every bins", () => {
    expect([1, 2].map((s) => isHigh(s, 2))).toEqual([false, true]);
    expect([1, 2, 3].map((s) => isHigh(s, 3))).toEqual([false, false, true]);
    expect([1, 2, 3, 4].map((s) => isHigh(s, 4))).toEqual([false, false, true, true]);
    expect([5, 6].map((s) => isHigh(s, 9))).toEqual([false, true]);
    expect(segmentOf(3, 3, 3, "cn8", "zh", 4)).toBe("重要价值客户");
    expect(segmentOf(7, 2, 9, "cn8", "en", 9)).toBe("Important development");
  });

  test("the exported table is the contract's", () => {
    expect(CN8_SEGMENTS.map((s) => [s.r, s.f, s.m, s.label.zh, s.label.en])).toEqual(CN8_TABLE);
  });
});

describe("rf10", () => {
  test("all 25 R × F cells, M ignored", () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const en = RF10_TABLE[r - 1][f - 1];
        expect(segmentOf(r, f, 1, "rf10", "en")).toBe(en);
        expect(segmentOf(r, f, 99, "rf10", "en")).toBe(en);
        const zh = Object.values(RF10_SEGMENTS).find((l) => l.en === en)!.zh;
        expect(segmentOf(r, f, 3, "rf10")).toBe(zh);
      }
    }
  });

  test("Chinese labels", () => {
    expect(Object.values(RF10_SEGMENTS).map((l) => l.zh)).toEqual(["冠军客户", "忠诚客户", "潜在忠诚客户", "新客户", "有潜力客户", "需要关注客户", "即将沉睡客户", "有风险客户", "不能失去的客户", "沉睡客户"]);
    expect(segmentOf(5, 5, 1, "rf10")).toBe("冠军客户");
    expect(segmentOf(1, 5, 1, "rf10")).toBe("不能失去的客户");
  });

  test("needs bins 5", () => {
    expect(() => segmentOf(1, 1, 1, "rf10", "zh", 4)).toThrow(/rf10 needs 5-point scores/);
  });
});

describe("rules", () => {
  const rules: SegmentRule[] = [
    { name: "Best", r: [5, 5], f: [5, 5], m: [5, 5] },
    { name: "Active", r: [4, 5], f: [1, 5], m: [1, 5] },
    { name: "Big spenders", r: [1, 5], f: [1, 5], m: [5, 5] },
  ];

  test("the first matching rule wins; bounds are inclusive", () => {
    expect(segmentOf(5, 5, 5, rules)).toBe("Best");
    expect(segmentOf(4, 1, 5, rules)).toBe("Active");
    expect(segmentOf(3, 1, 5, rules)).toBe("Big spenders");
  });

  test("no match is Others / 其他", () => {
    expect(segmentOf(1, 1, 1, rules)).toBe("其他");
    expect(segmentOf(1, 1, 1, rules, "en")).toBe("Others");
    expect(OTHERS).toEqual({ zh: "其他", en: "Others" });
  });

  test("parsed from a 7-column range, with or without a header", () => {
    const body = [
      ["Best", 5, 5, 5, 5, 5, 5],
      [42, 1, 5, 1, 5, 1, 5],
    ];
    expect(parseRules(body)).toEqual([
      { name: "Best", r: [5, 5], f: [5, 5], m: [5, 5] },
      { name: "42", r: [1, 5], f: [1, 5], m: [1, 5] },
    ]);
    expect(parseRules([["Segment", "R low", "R high", "F low", "F high", "M low", "M high"], ...body])).toHaveLength(2);
  });

  test.each([
    ["6 columns", [["a", 1, 2, 3, 4, 5]], /7 columns/],
    ["blank name", [["", 1, 5, 1, 5, 1, 5]], /rule 1: the name is blank/],
    ["text bound", [["a", 1, 5, "x", 5, 1, 5]], /rule 1: F low must be a number/],
    ["blank bound", [["a", 1, 5, 1, "", 1, 5]], /rule 1: F high must be a number/],
    ["header only", [["Segment", "R low", "R high", "F low", "F high", "M low", "M high"]], /no rules/],
  ])("bad rules: %s → #VALUE!", (_name, rows, message) => {
    expect(() => parseRules(rows)).toThrow(message);
  });

  test("a low bound above its high bound is #NUM!", () => {
    try {
      parseRules([["a", 1, 5, 1, 5, 5, 1]]);
      throw new Error("no error");
    } catch (e) {
      expect((e as CrmError).code).toBe("#NUM!");
      expect((e as CrmError).message).toMatch(/M low 5 is above M high 1/);
    }
  });
});

describe("segmentAll", () => {
  test("a bad row gets its own error; scores outside 1..bins are #NUM!", () => {
    const out = segmentAll({ r: [5, 6, 0, 4.5, new CrmError("#VALUE!", "r_score value 5 must be a number")], f: [5, 1, 1, 1, 1], m: [5, 1, 1, 1, 1] });
    expect(out[0]).toBe("重要价值客户");
    expect((out[1] as CrmError).code).toBe("#NUM!");
    expect((out[1] as CrmError).message).toMatch(/r_score value 2 must be a whole number from 1 to 5 \(got 6\)/);
    expect((out[2] as CrmError).code).toBe("#NUM!");
    expect((out[3] as CrmError).code).toBe("#NUM!");
    expect((out[4] as CrmError).code).toBe("#VALUE!");
  });

  test("columns of different lengths are #VALUE!, except m for rf10", () => {
    expect(() => segmentAll({ r: [1, 2], f: [1, 2], m: [1] })).toThrow(/same number of rows/);
    expect(segmentAll({ r: [1, 2], f: [1, 2], m: [] }, "rf10", "en")).toEqual(["Hibernating", "Hibernating"]);
  });

  test("property: every valid triple gets one of the eight names; row order does not matter", () => {
    const score = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score, score), { minLength: 1, maxLength: 30 }), (rows) => {
        const out = segmentAll({ r: rows.map((x) => x[0]), f: rows.map((x) => x[1]), m: rows.map((x) => x[2]) });
        const names = CN8_SEGMENTS.map((s) => s.label.zh);
        out.forEach((name, i) => {
          expect(names).toContain(name);
          expect(name).toBe(segmentOf(...rows[i]));
        });
      }),
    );
  });

  test("property: segmentCodes on typed columns ≡ on per-row cells ≡ segmentOf row by row (or that row's error)", () => {
    const cell = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(2.5, NaN, Infinity), fc.constant(new CrmError("#VALUE!", "given")));
    const rules: SegmentRule[] = [{ name: "top", r: [4, 5], f: [4, 5], m: [1, 5] }, { name: "low", r: [1, 2], f: [1, 5], m: [1, 2] }];
    const schemes: Scheme[] = ["cn8", "rf10", rules];
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 30 }), fc.constantFrom(...schemes), fc.constantFrom("zh" as const, "en" as const), (rows, scheme, lang) => {
        const cells = { r: rows.map((x) => x[0]), f: rows.map((x) => x[1]), m: rows.map((x) => x[2]) };
        const typed = (c: (number | CrmError)[]) => toNumberColumn(c, () => new CrmError("#VALUE!", "not a number"));
        const fromCells = segmentCodes(cells, scheme, lang);
        const fromTyped = segmentCodes({ r: typed(cells.r), f: typed(cells.f), m: typed(cells.m) }, scheme, lang);
        expect(Array.from(fromCells.codes)).toEqual(Array.from(fromTyped.codes));
        expect(fromCells.names).toEqual(fromTyped.names);
        const named = segmentAll(cells, scheme, lang);
        rows.forEach(([r, f, m], i) => {
          const code = fromCells.codes[i];
          const one = (() => {
            if (r instanceof CrmError) return r;
            if (f instanceof CrmError) return f;
            if (scheme !== "rf10" && m instanceof CrmError) return m;
            try {
              return segmentOf(r, f, m as number, scheme, lang);
            } catch (e) {
              return e as CrmError;
            }
          })();
          if (one instanceof CrmError) {
            expect(code).toBe(-1);
            expect(fromCells.errors.get(i)?.code).toBe(one.code);
            expect(named[i]).toEqual(fromCells.errors.get(i));
          } else {
            expect(fromCells.names[code]).toBe(one);
            expect(named[i]).toBe(one);
          }
        });
      }),
    );
  });
});

import { fx, fxeval } from "./fxeval";

const col = (xs: unknown[]) => xs.map((x) => [x]);
// Worked by hand in src/core/rfm.test.ts: R 4,2,2,1,5; F 3,1,4,1,5; M 3,2,4,1,5.
const recency = col([10, 40, 40, 200, 5]);
const frequency = col([3, 1, 5, 1, 8]);
const monetary = col([300, 50, 800, 20, 1200]);

describe("RFM family through the built bundle (fxeval)", () => {
  test("CRM.RFMSCORE: population scores as code (default), sum and three columns", () => {
    const [code, sum, scores] = fxeval([
      { id: "RFMSCORE", args: [recency, frequency, monetary] },
      { id: "RFMSCORE", args: [recency, frequency, monetary, 5, null, "sum"] },
      { id: "RFMSCORE", args: [recency, frequency, monetary, null, null, "scores"] },
    ]);
    expect(code.value).toEqual(col([433, 212, 244, 111, 555]));
    expect(sum.value).toEqual(col([10, 5, 10, 3, 15]));
    expect(scores.value).toEqual([
      [4, 3, 3],
      [2, 1, 2],
      [2, 4, 4],
      [1, 1, 1],
      [5, 5, 5],
    ]);
  });

  test("CRM.RFMSCORE with 3 bins and ties: equal values, equal scores", () => {
    // recency 1: two customers are older, 1 + floor(3·2/4) = 2; frequency 9: 1 + floor(3·2/4) = 2
    expect(fx("RFMSCORE", col([7, 7, 1, 1]), col([2, 2, 9, 9]), col([5, 5, 5, 5]), 3).value).toEqual(col([111, 111, 221, 221]));
  });

  test("CRM.RFMSCORE: bad rows get their own error; the others are ranked among the valid rows", () => {
    const r = fx("RFMSCORE", col([10, null, 40, -1, 5]), col([3, 1, 5, 1, 8]), col([300, 50, "n/a", 20, 1200]));
    const rows = r.value as { error?: string; message?: string }[][];
    expect(rows[1][0]).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/recency value 2/) });
    expect(rows[2][0]).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/monetary value 3/) });
    expect(rows[3][0]).toMatchObject({ error: "#NUM!", message: expect.stringMatching(/recency value 4 must not be negative/) });
    // n = 2 valid rows (1 and 5): the better one has c = 1, 1 + floor(5·1/2) = 3
    expect([rows[0][0], rows[4][0]]).toEqual([111, 333]);
  });

  test("CRM.RFMBREAKS + CRM.RFMSCORE cell by cell reproduce the population scores", () => {
    const breaks = fx("RFMBREAKS", recency, frequency, monetary);
    expect(breaks.value).toEqual([
      [200, 40, 40, 10],
      [1, 1, 3, 5],
      [20, 50, 300, 800],
    ]);
    const alone = fxeval(recency.map((_, i) => ({ id: "RFMSCORE", args: [recency[i][0], frequency[i][0], monetary[i][0], null, breaks.value] })));
    expect(alone.map((o) => (o.value as number[][])[0][0])).toEqual([433, 212, 244, 111, 555]);
  });

  test("CRM.RFMBREAKS with 4 bins; CRM.RFMSCORE takes bins from the breakpoints", () => {
    const breaks = fx("RFMBREAKS", recency, frequency, monetary, 4).value as number[][];
    expect(breaks.map((row) => row.length)).toEqual([3, 3, 3]);
    const population = fx("RFMSCORE", recency, frequency, monetary, 4).value;
    expect(fx("RFMSCORE", recency, frequency, monetary, null, breaks).value).toEqual(population);
    expect(fx("RFMSCORE", recency, frequency, monetary, 4, breaks).value).toEqual(population);
  });

  test.each([
    ["ranges of different lengths", [col([1, 2]), col([1, 2, 3]), col([1, 2])], "#VALUE!", /same number of rows/],
    ["a single customer without breakpoints", [5, 8, 20], "#VALUE!", /single customer/],
    ["bins 10", [recency, frequency, monetary, 10], "#NUM!", /bins/],
    ["bins 1", [recency, frequency, monetary, 1], "#NUM!", /bins/],
    ["bins text", [recency, frequency, monetary, "five"], "#VALUE!", /bins/],
    ["output unknown", [recency, frequency, monetary, null, null, "total"], "#VALUE!", /output/],
    ["breakpoints of 2 rows", [5, 8, 20, null, [[1, 2, 3, 4], [1, 2, 3, 4]]], "#VALUE!", /breakpoints must have 3 rows/],
    ["breakpoints that do not fit bins", [5, 8, 20, 5, [[1, 2], [1, 2], [1, 2]]], "#VALUE!", /bins 5 needs 4/],
    ["breakpoints with text", [5, 8, 20, null, [[1, 2, 3, 4], [1, "x", 3, 4], [1, 2, 3, 4]]], "#VALUE!", /breakpoints \(frequency threshold 2\)/],
    ["a two-column block", [[[1, 2], [3, 4]], col([1, 2]), col([1, 2])], "#VALUE!", /recency must be a single row or column/],
    ["a single cell's bad value", [-5, 8, 20, null, [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]], "#NUM!", /recency must not be negative/],
  ])("CRM.RFMSCORE error: %s", (_name, args, code, message) => {
    const r = fx("RFMSCORE", ...args);
    expect(r.uncaught).toBeUndefined();
    expect(r.error).toBe(code);
    expect(r.message).toMatch(message);
  });

  test.each([
    ["a bad row (breakpoints summarise every row)", [col([1, null, 3]), col([1, 2, 3]), col([1, 2, 3])], "#VALUE!", /recency value 2/],
    ["a single cell", [1, 2, 3], "#VALUE!", /whole population/],
    ["bins 12", [recency, frequency, monetary, 12], "#NUM!", /bins/],
  ])("CRM.RFMBREAKS error: %s", (_name, args, code, message) => {
    const r = fx("RFMBREAKS", ...args);
    expect(r.error).toBe(code);
    expect(r.message).toMatch(message);
  });

  describe("CRM.RFMTABLE", () => {
    const ids = col(["C2", "C1", "C2", 1001, "C1"]);
    const dates = col(["2024-01-10", 45352, "2024-03-30", "2023-12-31", "2024-02-15"]); // 45352 = 2024-03-01
    const amounts = col([100, 20.5, 0.1, 999.99, 0.2]);

    test("one row per customer in order of first appearance, with a Chinese header", () => {
      expect(fx("RFMTABLE", ids, dates, amounts, "2024-03-31").value).toEqual([
        ["客户", "最近消费天数", "消费次数", "消费金额", "首次消费", "最近消费"],
        ["C2", 1, 2, 100.1, 45301, 45381],
        ["C1", 30, 2, 20.7, 45337, 45352],
        [1001, 91, 1, 999.99, 45291, 45291],
      ]);
    });

    test("English header, no header, as_of as a serial", () => {
      expect((fx("RFMTABLE", ids, dates, amounts, 45382, true, "en").value as unknown[][])[0]).toEqual(["Customer", "Recency (days)", "Frequency", "Monetary", "First purchase", "Last purchase"]);
      const bare = fx("RFMTABLE", ids, dates, amounts, 45382, false).value as unknown[][];
      expect(bare).toHaveLength(3);
      expect(bare[0][0]).toBe("C2");
    });

    test.each([
      ["a transaction after as_of", [ids, dates, amounts, "2024-03-29"], /dates row 3.*after as_of/],
      ["a blank id", [col(["a", null]), col([1, 1]), col([1, 1]), 10], /customer_ids row 2 is blank/],
      ["a text amount", [col(["a", "b"]), col([1, 1]), col([1, "ten"]), 10], /amounts row 2 must be a number/],
      ["a text date", [col(["a", "b"]), col(["2024-02-30", 1]), col([1, 1]), 10], /dates row 1: "2024-02-30" is not a date/],
      ["ranges of different lengths", [col(["a", "b"]), col([1]), col([1, 1]), 10], /same number of rows/],
      ["as_of not a date", [ids, dates, amounts, "tomorrow"], /as_of/],
    ])("%s is #VALUE! for the whole result", (_name, args, message) => {
      const r = fx("RFMTABLE", ...args);
      expect(r.error).toBe("#VALUE!");
      expect(r.message).toMatch(message);
    });
  });

  describe("CRM.RFMSEGMENT", () => {
    const cn8 = [
      ["重要价值客户", "Important value"],
      ["重要发展客户", "Important development"],
      ["重要保持客户", "Important retention"],
      ["重要挽留客户", "Important win-back"],
      ["一般价值客户", "General value"],
      ["一般发展客户", "General development"],
      ["一般保持客户", "General retention"],
      ["一般挽留客户", "General win-back"],
    ];
    // contract table order: HHH, HLH, LHH, LLH, HHL, HLL, LHL, LLL
    const cn8Row = (r: number, f: number, m: number) => cn8[(m >= 4 ? 0 : 4) + (r >= 4 ? 0 : 2) + (f >= 4 ? 0 : 1)];

    test("cn8: all 125 triples in one spilled call, Chinese by default and English", () => {
      const triples: number[][] = [];
      for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) triples.push([r, f, m]);
      const args = [col(triples.map((t) => t[0])), col(triples.map((t) => t[1])), col(triples.map((t) => t[2]))];
      const [zh, en] = fxeval([
        { id: "RFMSEGMENT", args },
        { id: "RFMSEGMENT", args: [...args, "cn8", "en"] },
      ]);
      expect(zh.value).toEqual(triples.map(([r, f, m]) => [cn8Row(r, f, m)[0]]));
      expect(en.value).toEqual(triples.map(([r, f, m]) => [cn8Row(r, f, m)[1]]));
    });

    test("rf10: all 25 R × F cells", () => {
      const grid = [
        ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose"],
        ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose"],
        ["About to Sleep", "About to Sleep", "Need Attention", "Loyal", "Loyal"],
        ["Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Loyal"],
        ["New", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
      ];
      const cells: number[][] = [];
      for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) cells.push([r, f]);
      const r = fx("RFMSEGMENT", col(cells.map((c) => c[0])), col(cells.map((c) => c[1])), 1, "rf10", "en");
      expect(r.value).toEqual(cells.map(([rr, ff]) => [grid[rr - 1][ff - 1]]));
      expect(fx("RFMSEGMENT", 5, 5, "ignored", "RF10").value).toEqual([["冠军客户"]]);
      expect(fx("RFMSEGMENT", 2, 1, 1, "rf10").value).toEqual([["沉睡客户"]]);
    });

    test("a rules range (with its header row): the first match wins, no match is Others / 其他", () => {
      const rules = [
        ["Segment", "R low", "R high", "F low", "F high", "M low", "M high"],
        ["Best", 5, 5, 5, 5, 5, 5],
        ["Active", 4, 5, 1, 5, 1, 5],
        ["Big spenders", 1, 5, 1, 5, 5, 5],
      ];
      const r = fx("RFMSEGMENT", col([5, 4, 3, 1]), col([5, 1, 1, 1]), col([5, 5, 5, 1]), rules);
      expect(r.value).toEqual(col(["Best", "Active", "Big spenders", "其他"]));
      expect(fx("RFMSEGMENT", 1, 1, 1, rules, "en").value).toEqual([["Others"]]);
    });

    test("a bad row gets its own error", () => {
      const rows = fx("RFMSEGMENT", col([5, 6, "x"]), col([5, 5, 5]), col([5, 5, 5])).value as unknown[][];
      expect(rows[0][0]).toBe("重要价值客户");
      expect(rows[1][0]).toMatchObject({ error: "#NUM!", message: expect.stringMatching(/r_score value 2/) });
      expect(rows[2][0]).toMatchObject({ error: "#VALUE!" });
    });

    test.each([
      ["a score above bins", [6, 1, 1], "#NUM!", /r_score must be a whole number from 1 to 5/],
      ["a score of 0 with bins 3", [1, 0, 1, null, null, 3], "#NUM!", /f_score/],
      ["a fractional score", [1, 1, 2.5], "#NUM!", /m_score/],
      ["rf10 with bins 4", [1, 1, 1, "rf10", null, 4], "#NUM!", /rf10 needs 5-point scores/],
      ["an unknown scheme", [1, 1, 1, "rfm8"], "#VALUE!", /scheme must be/],
      ["a rules range of 6 columns", [1, 1, 1, [["a", 1, 5, 1, 5, 1]]], "#VALUE!", /7 columns/],
      ["a rule with low above high", [1, 1, 1, [["a", 5, 1, 1, 5, 1, 5]]], "#NUM!", /R low 5 is above R high 1/],
      ["ranges of different lengths", [col([1, 2]), col([1]), col([1, 2])], "#VALUE!", /same number of rows/],
      ["language xx", [1, 1, 1, null, "xx"], "#VALUE!", /language/],
    ])("error: %s", (_name, args, code, message) => {
      const r = fx("RFMSEGMENT", ...args);
      expect(r.uncaught).toBeUndefined();
      expect(r.error).toBe(code);
      expect(r.message).toMatch(message);
    });
  });
});

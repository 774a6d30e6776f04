import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { DIST, fx, fxeval } from "./fxeval";

const col = (xs: unknown[]) => xs.map((x) => [x]);

describe("Value-tier family through the built bundle (fxeval)", () => {
  describe("CRM.ABCCLASS", () => {
    test("defaults 0.8 / 0.95; a customer with exactly 80% above it is B", () => {
      // ranked 500, 300, 100, 50, 30, 20 of 1000: shares above 0, .5, .8, .9, .95, .98
      expect(fx("ABCCLASS", col([100, 500, 20, 300, 50, 30])).value).toEqual(col(["B", "A", "C", "A", "B", "C"]));
    });

    test("exact decimal shares, ties in row order, zero and negative values C", () => {
      expect(fx("ABCCLASS", col([0.7, 0.1, 0.1, 0.1])).value).toEqual(col(["A", "A", "B", "B"]));
      expect(fx("ABCCLASS", col([10, 10, 10, 10]), 0.5, 0.75).value).toEqual(col(["A", "A", "B", "C"]));
      expect(fx("ABCCLASS", [[100, 0, -50, 100]], 0.5, 0.9).value).toEqual(col(["A", "C", "C", "B"]));
    });

    test("a bad row gets its own error", () => {
      // without the bad row: 100 of 110 is above the 10, 0.91 → B
      const rows = fx("ABCCLASS", col([100, "x", 10])).value as unknown[][];
      expect(rows[0][0]).toBe("A");
      expect(rows[1][0]).toMatchObject({ error: "#VALUE!", message: expect.stringMatching(/values value 2/) });
      expect(rows[2][0]).toBe("B");
    });

    test.each([
      ["a single cell", [100], "#VALUE!", /single cell/],
      ["a_share above 1", [col([1, 2]), 1.5], "#NUM!", /a_share/],
      ["a_share above b_share", [col([1, 2]), 0.9, 0.8], "#NUM!", /b_share/],
      ["b_share text", [col([1, 2]), 0.8, "x"], "#VALUE!", /b_share/],
    ])("error: %s", (_name, args, code, message) => {
      const r = fx("ABCCLASS", ...args);
      expect(r.error).toBe(code);
      expect(r.message).toMatch(message);
    });
  });

  describe("CRM.PYRAMID", () => {
    const values = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);

    test("100 customers: 1 VIP客户, 4 主要客户, 15 普通客户, 80 小客户 by rank", () => {
      const out = (fx("PYRAMID", col(values)).value as string[][]).map((r) => r[0]);
      const count = (label: string) => out.filter((x) => x === label).length;
      expect([count("VIP客户"), count("主要客户"), count("普通客户"), count("小客户")]).toEqual([1, 4, 15, 80]);
      expect(out[values.indexOf(99)]).toBe("VIP客户");
      expect(out[values.indexOf(96)]).toBe("主要客户");
    });

    test("English labels and own shares", () => {
      expect(fx("PYRAMID", col([4, 3, 2, 1]), [[0.25, 0.25, 0.25, 0.25]], "en").value).toEqual(col(["VIP", "Major", "Ordinary", "Small"]));
    });

    test.each([
      ["shares not adding up to 1", [col([1, 2]), [[0.1, 0.1, 0.1, 0.1]]], "#NUM!", /add up to 1/],
      ["three shares", [col([1, 2]), [[0.2, 0.3, 0.5]]], "#VALUE!", /4 fractions/],
      ["a single cell", [5], "#VALUE!", /single cell/],
    ])("error: %s", (_name, args, code, message) => {
      const r = fx("PYRAMID", ...args);
      expect(r.error).toBe(code);
      expect(r.message).toMatch(message);
    });
  });

  describe("CRM.VALUEMATRIX", () => {
    test("thresholds default to the means (250 and 25)", () => {
      const [zh, en] = fxeval([
        { id: "VALUEMATRIX", args: [col([100, 200, 300, 400]), col([10, 40, 20, 30])] },
        { id: "VALUEMATRIX", args: [col([100, 200, 300, 400]), col([10, 40, 20, 30]), null, null, "en"] },
      ]);
      expect(zh.value).toEqual(col(["观望型客户", "培养型客户", "维持型客户", "重要客户"]));
      expect(en.value).toEqual(col(["Reconsider", "Develop", "Maintain", "Key"]));
    });

    test("explicit thresholds; high means ≥", () => {
      expect(fx("VALUEMATRIX", col([100, 200, 300, 400]), col([10, 40, 20, 30]), 100, 40, "en").value).toEqual(col(["Maintain", "Key", "Maintain", "Maintain"]));
      expect(fx("VALUEMATRIX", 5, 7, 5, 6).value).toEqual([["重要客户"]]);
    });

    test.each([
      ["a single cell without thresholds", [5, 7], /current_threshold is needed/],
      ["ranges of different lengths", [col([1, 2]), col([1, 2, 3])], /same number of rows/],
      ["a text threshold", [col([1, 2]), col([1, 2]), "high"], /current_threshold/],
    ])("#VALUE!: %s", (_name, args, message) => {
      const r = fx("VALUEMATRIX", ...args);
      expect(r.error).toBe("#VALUE!");
      expect(r.message).toMatch(message);
    });
  });

  describe("CRM.RETENTION and CRM.CHURN", () => {
    test("(end − new) / start and 1 − that, exactly", () => {
      expect(fx("RETENTION", 100, 90, 20).value).toBe(0.7);
      expect(fx("CHURN", 100, 90, 20).value).toBe(0.3);
      expect(fx("RETENTION", 200, 200, 0).value).toBe(1);
    });

    test.each([
      ["start 0", [0, 5, 5], "#DIV/0!", /start_customers is 0/],
      ["new above end", [100, 10, 20], "#NUM!", /new_customers/],
      ["end − new above start", [100, 150, 20], "#NUM!", /cannot exceed start_customers/],
      ["text", [100, "ninety", 20], "#VALUE!", /end_customers/],
    ])("error: %s", (_name, args, code, message) => {
      for (const id of ["RETENTION", "CHURN"]) {
        const r = fx(id, ...args);
        expect(r.error).toBe(code);
        expect(r.message).toMatch(message);
      }
    });
  });

  describe("CRM.LOYALTYTYPE", () => {
    test("2 × 2 at the default threshold 0.5 (≥ is high)", () => {
      expect(fx("LOYALTYTYPE", col([0.5, 0.2, 0.8, 0.1]), col([0.5, 0.8, 0.2, 0.1])).value).toEqual(col(["超值忠诚", "激励忠诚", "潜在忠诚", "价格忠诚"]));
      expect(fx("LOYALTYTYPE", col([0.5, 0.2, 0.8, 0.1]), col([0.5, 0.8, 0.2, 0.1]), null, "en").value).toEqual(col(["True loyalty", "Incentive loyalty", "Latent loyalty", "Price loyalty"]));
      expect(fx("LOYALTYTYPE", 0.6, 0.6, 0.7, "en").value).toEqual([["Price loyalty"]]);
    });

    test("errors", () => {
      expect(fx("LOYALTYTYPE", 1.2, 0.5)).toMatchObject({ error: "#NUM!", message: expect.stringMatching(/attachment/) });
      expect(fx("LOYALTYTYPE", 0.5, 0.5, 2)).toMatchObject({ error: "#NUM!", message: expect.stringMatching(/threshold/) });
      const rows = fx("LOYALTYTYPE", col([0.5, "x"]), col([0.5, 0.5])).value as unknown[][];
      expect(rows[0][0]).toBe("超值忠诚");
      expect(rows[1][0]).toMatchObject({ error: "#VALUE!" });
    });
  });

  describe("CRM.CSI", () => {
    test("Σ wᵢ·sᵢ / Σ wᵢ / scale_max × 100", () => {
      expect(fx("CSI", [[8, 6, 9]], [[0.5, 0.3, 0.2]]).value).toBe(76);
      expect(fx("CSI", col([4, 5]), col([1, 1]), 5).value).toBe(90);
    });

    test.each([
      ["weights of another length", [[[8, 6]], [[1]]], "#VALUE!", /same number of values/],
      ["a score above scale_max", [[[8, 11]], [[1, 1]]], "#NUM!", /scores value 2/],
      ["a negative weight", [[[8, 6]], [[1, -1]]], "#NUM!", /weights value 2/],
      ["weights adding up to 0", [[[8, 6]], [[0, 0]]], "#DIV/0!", /weights add up to 0/],
      ["a blank score", [[[8, null]], [[1, 1]]], "#VALUE!", /scores value 2/],
    ])("error: %s", (_name, args, code, message) => {
      const r = fx("CSI", ...args);
      expect(r.error).toBe(code);
      expect(r.message).toMatch(message);
    });
  });
});

describe("no argument escapes as an exception or a non-finite number (seeded fuzz through fxeval)", () => {
  const ids = ["RFMSCORE", "RFMBREAKS", "RFMTABLE", "RFMSEGMENT", "ABCCLASS", "PYRAMID", "VALUEMATRIX", "RETENTION", "CHURN", "LOYALTYTYPE", "CSI"];
  const metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: { id: string; parameters: { dimensionality?: string; optional?: boolean }[] }[] };
  // Mostly plausible calls (columns of one length, mostly small numbers) so that value paths run
  // too, with junk mixed in: text, blanks, booleans, odd shapes.
  const junk = fc.constantFrom("", "x", "cn8", "rf10", "en", "2024-03-31", "scores", "sum", true);
  const number = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: -3, max: 12 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 100 }).map((x) => x / 100));
  const cell = fc.oneof({ weight: 18, arbitrary: number }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(null) });
  const scalar = fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: junk });
  const call = (params: { dimensionality?: string; optional?: boolean }[]) =>
    fc.integer({ min: 1, max: 6 }).chain((length) => {
      const column = fc.array(cell, { minLength: length, maxLength: length }).map((xs) => xs.map((x) => [x]));
      const block = fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 3 });
      const range = fc.oneof({ weight: 8, arbitrary: column }, { weight: 1, arbitrary: block }, { weight: 1, arbitrary: scalar });
      return fc.tuple(...params.map((p) => (p.dimensionality === "matrix" ? (p.optional ? fc.oneof({ weight: 1, arbitrary: range }, { weight: 3, arbitrary: fc.constant(null) }) : range) : p.optional ? fc.oneof({ weight: 1, arbitrary: scalar }, { weight: 2, arbitrary: fc.constant(null) }) : scalar)));
    });

  // One fxeval process for every call: each process start costs a few hundred milliseconds.
  const outcomes = fxeval(
    ids.flatMap((id) => {
      const params = metadata.functions.find((f) => f.id === id)!.parameters;
      return fc.sample(call(params), { numRuns: 60, seed: 3 }).map((args) => ({ id, args }));
    }),
  );

  test.each(ids)("%s", (id) => {
    const mine = outcomes.filter((o) => o.id === id);
    expect(mine).toHaveLength(60);
    for (const outcome of mine) {
      expect(outcome.uncaught).toBeUndefined();
      expect(outcome.harness).toBeUndefined();
      const cells = Array.isArray(outcome.value) ? (outcome.value as unknown[][]).flat() : [outcome.value];
      for (const c of cells) if (typeof c === "number") expect(Number.isFinite(c)).toBe(true);
      if (outcome.error) expect(outcome.error).toMatch(/^#(VALUE!|NUM!|DIV\/0!)$/);
    }
  });
});

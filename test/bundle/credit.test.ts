import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { DIST, fxeval } from "./fxeval";
import { Case, cellError, describeCases, error, rounded, value } from "./cases";

const cases: Case[] = [
  // CREDITSCORE
  { name: "CREDITSCORE one customer, equal weights", id: "CREDITSCORE", args: [4, 5, 4, 3, 4], check: value([[80]]) },
  { name: "CREDITSCORE weights on a 10-point scale", id: "CREDITSCORE", args: [9, 8, 7, 6, 5, [[0.3, 0.25, 0.2, 0.15, 0.1]], 10], check: value([[75]]) },
  {
    name: "CREDITSCORE spills n rows; a bad row gets its own error",
    id: "CREDITSCORE",
    args: [[[4], [5], [3]], [[5], [5], [3]], [[4], [5], ["x"]], [[3], [5], [3]], [[4], [6], [3]]],
    check: value([[80], [cellError("#NUM!", /conditions rating 6 is outside 0\.\.5/)], [cellError("#VALUE!", /capital value 3/)]]),
  },
  { name: "CREDITSCORE one cell stands for every row", id: "CREDITSCORE", args: [[[4], [5]], [[4], [5]], [[4], [5]], [[4], [5]], 3], check: value([[76], [92]]) },
  { name: "CREDITSCORE decimal: exactly 90 with weights 0.1..0.3", id: "CREDITSCORE", args: [4.5, 4.5, 4.5, 4.5, 4.5, [[0.1], [0.2], [0.3], [0.2], [0.2]]], check: value([[90]]) },
  { name: "CREDITSCORE ranges of other lengths", id: "CREDITSCORE", args: [[[4], [5]], [[4], [5], [3]], 4, 4, 4], check: error("#VALUE!", /capacity has 3 rows but character has 2/) },
  { name: "CREDITSCORE four weights", id: "CREDITSCORE", args: [4, 4, 4, 4, 4, [[1, 1, 1, 1]]], check: error("#VALUE!", /weights must have 5 values/) },
  { name: "CREDITSCORE weights all 0", id: "CREDITSCORE", args: [4, 4, 4, 4, 4, [[0, 0, 0, 0, 0]]], check: error("#DIV/0!", /weights add up to 0/) },
  { name: "CREDITSCORE negative weight", id: "CREDITSCORE", args: [4, 4, 4, 4, 4, [[1, -1, 1, 1, 1]]], check: error("#NUM!", /weight 2 \(capacity\)/) },
  { name: "CREDITSCORE scale_max 0", id: "CREDITSCORE", args: [4, 4, 4, 4, 4, null, 0], check: error("#NUM!", /scale_max/) },

  // CREDITGRADE
  { name: "CREDITGRADE default table spills", id: "CREDITGRADE", args: [[[95], [90], [85], [75], [65], [59.9], [0]]], check: value([["AAA"], ["AAA"], ["AA"], ["A"], ["B"], ["C"], ["C"]]) },
  {
    name: "CREDITGRADE bad rows get their own errors",
    id: "CREDITGRADE",
    args: [[[95], [101], ["x"], [null]]],
    check: value([["AAA"], [cellError("#NUM!", /score 101 is outside 0\.\.100/)], [cellError("#VALUE!", /score value 3/)], [cellError("#VALUE!", /score value 4 is required/)]]),
  },
  {
    name: "CREDITGRADE with a grade table in any row order",
    id: "CREDITGRADE",
    args: [[[92], [78], [61], [30]], [[60, "合格"], [90, "优秀"], [0, "不合格"], [75, "良好"]]],
    check: value([["优秀"], ["良好"], ["合格"], ["不合格"]]),
  },
  { name: "CREDITGRADE below the table's lowest minimum", id: "CREDITGRADE", args: [50, [[90, "A"], [60, "B"]]], check: value([[cellError("#NUM!", /below the lowest minimum \(60\)/)]]) },
  { name: "CREDITGRADE grade table of 3 columns", id: "CREDITGRADE", args: [50, [[90, "A", 1]]], check: error("#VALUE!", /grade_table must have 2 columns/) },
  { name: "CREDITGRADE grade table with text as minimum", id: "CREDITGRADE", args: [50, [["min", "grade"], [60, "B"]]], check: error("#VALUE!", /grade_table row 1 minimum score/) },
  { name: "CREDITGRADE grade table with a minimum twice", id: "CREDITGRADE", args: [50, [[60, "B"], [60, "C"]]], check: error("#VALUE!", /minimum score 60 appears twice/) },

  // CREDITLIMIT
  { name: "CREDITLIMIT contract example", id: "CREDITLIMIT", args: [5000000, 0.1, "AA"], check: value(400000) },
  { name: "CREDITLIMIT percent and grade left out", id: "CREDITLIMIT", args: [1750000], check: value(175000) },
  { name: "CREDITLIMIT with a score", id: "CREDITLIMIT", args: [1750000, 0.1, 75], check: value(105000) },
  { name: "CREDITLIMIT lower-case grade", id: "CREDITLIMIT", args: [1750000, 0.1, "b"], check: value(70000) },
  { name: "CREDITLIMIT grade factors in any order", id: "CREDITLIMIT", args: [1000000, 0.2, "二级", [["三级", 0.5], ["一级", 1], ["二级", 0.75]]], check: value(150000) },
  { name: "CREDITLIMIT unknown grade", id: "CREDITLIMIT", args: [1000000, 0.1, "D"], check: error("#VALUE!", /grade "D" is not one of the grades/) },
  { name: "CREDITLIMIT 10 typed for 10%", id: "CREDITLIMIT", args: [1000000, 10, "A"], check: error("#NUM!", /percent must be at most 100%/) },
  { name: "CREDITLIMIT negative basis", id: "CREDITLIMIT", args: [-1, 0.1], check: error("#NUM!", /basis_amount/) },
  { name: "CREDITLIMIT score above 100", id: "CREDITLIMIT", args: [1000, 0.1, 120], check: error("#NUM!", /score 120/) },
  { name: "CREDITLIMIT text basis", id: "CREDITLIMIT", args: ["a lot"], check: error("#VALUE!", /basis_amount must be a number/) },

  // CREDITNEED, CREDITDAYS, DSO
  { name: "CREDITNEED 3,650,000 on 45 days", id: "CREDITNEED", args: [3650000, 45], check: value(450000) },
  { name: "CREDITNEED 360-day year", id: "CREDITNEED", args: [3600000, 30, 360], check: value(300000) },
  { name: "CREDITNEED year_days 0", id: "CREDITNEED", args: [3600000, 30, 0], check: error("#NUM!", /year_days/) },
  { name: "CREDITDAYS with a grade text", id: "CREDITDAYS", args: [45, 1.2, "AAA"], check: value(64.8) },
  { name: "CREDITDAYS with a number", id: "CREDITDAYS", args: [50, 1, 0.95], check: value(47.5) },
  { name: "CREDITDAYS unknown grade", id: "CREDITDAYS", args: [45, 1, "E"], check: error("#VALUE!", /grade_factor "E"/) },
  { name: "CREDITDAYS negative factor", id: "CREDITDAYS", args: [45, -1, "A"], check: error("#NUM!", /company_factor/) },
  { name: "DSO 600,000 on 7,300,000", id: "DSO", args: [600000, 7300000], check: value(30) },
  { name: "DSO 360 days", id: "DSO", args: [600000, 7200000, 360], check: value(30) },
  { name: "DSO credit sales 0", id: "DSO", args: [600000, 0], check: error("#DIV/0!", /credit_sales is 0/) },

  // DISCOUNTCOST
  { name: "DISCOUNTCOST contract example 2/10, n/30", id: "DISCOUNTCOST", args: ["2/10, n/30"], check: rounded(0.3724, 4) },
  { name: "DISCOUNTCOST 2/10 net 30", id: "DISCOUNTCOST", args: ["2/10 net 30"], check: rounded(0.3724, 4) },
  { name: "DISCOUNTCOST full-width", id: "DISCOUNTCOST", args: ["2／10，Ｎ／30"], check: rounded(0.3724, 4) },
  { name: "DISCOUNTCOST three tiers, tier 1", id: "DISCOUNTCOST", args: ["6/10, 3/20, n/45"], check: rounded(0.6657, 4) },
  { name: "DISCOUNTCOST three tiers, tier 2", id: "DISCOUNTCOST", args: ["6/10, 3/20, n/45", 2], check: rounded(0.4515, 4) },
  { name: "DISCOUNTCOST 360-day year", id: "DISCOUNTCOST", args: ["2/10, n/30", 1, 360], check: rounded(0.3673, 4) },
  { name: "DISCOUNTCOST compound", id: "DISCOUNTCOST", args: ["2/10, n/30", null, null, true], check: rounded(0.4459, 4) },
  { name: "DISCOUNTCOST unreadable terms quoted", id: "DISCOUNTCOST", args: ["2/10 x/30"], check: error("#VALUE!", /terms "2\/10 x\/30" cannot be read/) },
  { name: "DISCOUNTCOST discount days at the net days", id: "DISCOUNTCOST", args: ["2/30, n/30"], check: error("#VALUE!", /fewer than the net days/) },
  { name: "DISCOUNTCOST tier beyond the tiers", id: "DISCOUNTCOST", args: ["6/10, 3/20, n/45", 3], check: error("#NUM!", /only 2 discount tiers/) },
  { name: "DISCOUNTCOST net terms have no tier", id: "DISCOUNTCOST", args: ["Net 30"], check: error("#NUM!", /no discount tier/) },
  { name: "DISCOUNTCOST discount of 100%", id: "DISCOUNTCOST", args: ["100/10, n/30"], check: error("#NUM!", /below 100%/) },
  { name: "DISCOUNTCOST a number for terms", id: "DISCOUNTCOST", args: [2], check: error("#VALUE!", /terms must be text/) },
  { name: "DISCOUNTCOST compound not TRUE/FALSE", id: "DISCOUNTCOST", args: ["2/10, n/30", 1, 365, "yes"], check: error("#VALUE!", /compound/) },
];

describeCases("credit functions through the built bundle (fxeval)", cases);

describe("the credit and receivables family through the bundle: any input gives a value or an Excel error", () => {
  const IDS = ["CREDITSCORE", "CREDITGRADE", "CREDITLIMIT", "CREDITNEED", "CREDITDAYS", "DISCOUNTCOST", "DSO", "AGINGDAYS", "AGINGBUCKET", "AGINGTABLE", "ALLOWANCE"];
  const meta = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as { functions: { id: string; parameters: { optional?: boolean; dimensionality?: string }[] }[] };
  const cell = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 3 },
    { arbitrary: fc.integer({ min: -200, max: 50000 }), weight: 3 },
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    { arbitrary: fc.constantFrom("", " ", "x", "AA", "aaa", "2/10, n/30", "6/10, 3/20, n/45", "2024-03-31", "2024-02-30", "en", "zh", "10%"), weight: 2 },
    fc.boolean(),
  );
  const range = fc.array(fc.array(fc.oneof({ arbitrary: cell, weight: 9 }, fc.constant(null)), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }).map((rows) => rows.map((r) => rows[0].map((_, j) => r[j] ?? null)));
  const calls = IDS.flatMap((id) => {
    const params = meta.functions.find((f) => f.id === id)!.parameters;
    const args = fc.tuple(...params.map((p) => {
      const value = p.dimensionality === "matrix" ? fc.oneof(cell, range) : cell;
      return p.optional ? fc.option(value, { nil: null }) : value;
    }));
    return fc.sample(args, { seed: 2024, numRuns: 150 }).map((a) => ({ id, args: a as unknown[] }));
  });

  test(`${calls.length} random calls: no exception escapes, no NaN or Infinity leaks`, () => {
    const outcomes = fxeval(calls);
    expect(outcomes).toHaveLength(calls.length);
    outcomes.forEach((r, i) => {
      const where = `${calls[i].id}(${JSON.stringify(calls[i].args)})`;
      expect(r.uncaught ? `${where}: ${r.message}` : undefined).toBeUndefined();
      expect(r.harness ? `${where}: ${r.message}` : undefined).toBeUndefined();
      const cells = Array.isArray(r.value) ? (r.value as unknown[][]).flat() : [r.value ?? r];
      for (const c of cells) expect((c as { message?: string })?.message === "non-finite number" ? where : undefined).toBeUndefined();
    });
  });
});

/**
 * The functions for the rest of the course texts through the built bundle, as Excel calls them:
 * DELIVEREDVALUE, RETENTIONIMPACT, RECEIVABLECOST, CREDITPOLICY, LIFECYCLESTAGE, CLVMIGRATION,
 * the ABCCLASS and PYRAMID labels and DISCOUNTCOST terms in parentheses: the contract's worked
 * examples and its errors.
 */
import { Case, cellError, describeCases, error, rounded, value } from "./cases";

const col = (xs: unknown[]) => xs.map((x) => [x]);
const P = [
  [0.8, 0.2],
  [0.3, 0.7],
];
const policies = {
  sales: [[2400000, 2640000, 2800000]],
  days: [[30, 60, 90]],
  bad: [[0.02, 0.03, 0.05]],
  collection: [[24000, 40000, 56000]],
};

const cases: Case[] = [
  // DELIVEREDVALUE
  { name: "DELIVEREDVALUE value − cost", id: "DELIVEREDVALUE", args: [[[100, 50, 30, 20]], [[80, 10, 5, 5]]], check: value(100) },
  { name: "DELIVEREDVALUE ratio", id: "DELIVEREDVALUE", args: [[[100, 50, 30, 20]], [[80, 10, 5, 5]], "ratio"], check: value(2) },
  { name: "DELIVEREDVALUE blanks count 0, any shape, exact decimals", id: "DELIVEREDVALUE", args: [[[0.1, ""], [0.2, null]], [[0.3]]], check: value(0) },
  { name: "DELIVEREDVALUE text in a range", id: "DELIVEREDVALUE", args: [[[100, "high"]], [[80]]], check: error("#VALUE!", /values value 2 must be a number/) },
  { name: "DELIVEREDVALUE unknown output", id: "DELIVEREDVALUE", args: [[[100]], [[80]], "sum"], check: error("#VALUE!", /output must be "difference" or "ratio"/) },
  { name: "DELIVEREDVALUE ratio with no cost", id: "DELIVEREDVALUE", args: [[[100]], [[0]], "ratio"], check: error("#DIV/0!", /costs add up to 0/) },
  { name: "DELIVEREDVALUE a negative cost", id: "DELIVEREDVALUE", args: [[[100]], [[80, -1]]], check: error("#NUM!", /costs value 2 must not be negative/) },

  // RETENTIONIMPACT
  { name: "RETENTIONIMPACT(100, 0.8, 0.1, 0.85) → 0.275", id: "RETENTIONIMPACT", args: [100, 0.8, 0.1, 0.85], check: value(0.275) },
  { name: "RETENTIONIMPACT timing 1", id: "RETENTIONIMPACT", args: [100, 0.8, 0.1, 0.85, 0, 1], check: rounded(0.2, 12) },
  { name: "RETENTIONIMPACT new_retention 1", id: "RETENTIONIMPACT", args: [100, 0.8, 0.1, 1], check: error("#NUM!", /new_retention must be at least 0 and below 1/) },
  { name: "RETENTIONIMPACT retention text", id: "RETENTIONIMPACT", args: [100, "80%", 0.1, 0.85], check: error("#VALUE!", /retention must be a number/) },
  { name: "RETENTIONIMPACT new_retention a blank cell", id: "RETENTIONIMPACT", args: [100, 0.8, 0.1, ""], check: error("#VALUE!", /new_retention is required/) },
  { name: "RETENTIONIMPACT CLV_old 0", id: "RETENTIONIMPACT", args: [100, 0.5, 0, 0.6, 100], check: error("#DIV/0!", /is 0/) },
  { name: "RETENTIONIMPACT timing 2", id: "RETENTIONIMPACT", args: [100, 0.8, 0.1, 0.85, 0, 2], check: error("#NUM!", /timing/) },

  // RECEIVABLECOST
  { name: "RECEIVABLECOST 3.6M, 60 days, 60%, 10% → 36000 (360-day year)", id: "RECEIVABLECOST", args: [3600000, 60, 0.6, 0.1], check: value(36000) },
  { name: "RECEIVABLECOST 365-day year", id: "RECEIVABLECOST", args: [3650000, 60, 0.6, 0.1, 365], check: value(36000) },
  { name: "RECEIVABLECOST variable-cost ratio above 1", id: "RECEIVABLECOST", args: [3600000, 60, 1.6, 0.1], check: error("#NUM!", /variable_cost_ratio/) },
  { name: "RECEIVABLECOST sales text", id: "RECEIVABLECOST", args: ["many", 60, 0.6, 0.1], check: error("#VALUE!", /annual_credit_sales must be a number/) },
  { name: "RECEIVABLECOST year_days 0", id: "RECEIVABLECOST", args: [3600000, 60, 0.6, 0.1, 0], check: error("#NUM!", /year_days/) },

  // CREDITPOLICY
  {
    name: "CREDITPOLICY three credit periods: 方案2 (n/60) is best",
    id: "CREDITPOLICY",
    args: [policies.sales, 0.65, policies.days, policies.bad, policies.collection, 0.1],
    check: value([
      ["项目", "方案1", "方案2", "方案3"],
      ["边际贡献", 840000, 924000, 980000],
      ["应收账款机会成本", 13000, 28600, 45500],
      ["坏账损失", 48000, 79200, 140000],
      ["收账费用", 24000, 40000, 56000],
      ["现金折扣成本", 0, 0, 0],
      ["净收益", 755000, 776200, 738500],
      ["最优", "", "✓", ""],
    ]),
  },
  {
    name: "CREDITPOLICY in a column, with a cash discount, in English",
    id: "CREDITPOLICY",
    args: [[[2640000], [2640000]], 0.65, [[60], [30]], [[0.03], [0.02]], [[40000], [30000]], 0.1, [[0], [0.5]], [[0], [0.02]], null, "en"],
    check: value([
      ["Item", "Policy 1", "Policy 2"],
      ["Contribution margin", 924000, 924000],
      ["Opportunity cost of receivables", 28600, 14300],
      ["Bad debts", 79200, 52800],
      ["Collection cost", 40000, 30000],
      ["Cash discounts", 0, 26400],
      ["Net benefit", 776200, 800500],
      ["Best", "", "✓"],
    ]),
  },
  { name: "CREDITPOLICY one policy", id: "CREDITPOLICY", args: [1000000, 0.6, 30, 0.01, 5000, 0.1], check: value([["项目", "方案1"], ["边际贡献", 400000], ["应收账款机会成本", 5000], ["坏账损失", 10000], ["收账费用", 5000], ["现金折扣成本", 0], ["净收益", 380000], ["最优", "✓"]]) },
  { name: "CREDITPOLICY lists of other lengths", id: "CREDITPOLICY", args: [policies.sales, 0.65, [[30, 60]], 0.02, 24000, 0.1], check: error("#VALUE!", /collection_days has 2 values but sales has 3/) },
  { name: "CREDITPOLICY a bad debt rate above 1 names its policy", id: "CREDITPOLICY", args: [[[2400000, 2640000]], 0.65, [[30, 60]], [[0.02, 1.5]], 24000, 0.1], check: error("#NUM!", /policy 2: bad_debt_rate/) },
  { name: "CREDITPOLICY a blank cell", id: "CREDITPOLICY", args: [[[2400000, ""]], 0.65, 30, 0.02, 24000, 0.1], check: error("#VALUE!", /sales value 2 is required/) },
  { name: "CREDITPOLICY language", id: "CREDITPOLICY", args: [1, 0.5, 30, 0, 0, 0.1, null, null, null, "fr"], check: error("#VALUE!", /language/) },

  // LIFECYCLESTAGE
  {
    name: "LIFECYCLESTAGE one customer a row",
    id: "LIFECYCLESTAGE",
    args: [[[10, 20, 40, 80, 160, 320], [100, 100, 100, 100, 100, 100], [300, 300, 300, 200, 100, 50], [50, 80, 60, 0, 0, 0], [0, 0, 0, 50, 80, 60]]],
    check: value(col(["形成期", "稳定期", "退化期", "退化期", "考察期"])),
  },
  { name: "LIFECYCLESTAGE English, blanks count 0", id: "LIFECYCLESTAGE", args: [[["", "", 50, 80, 60]], null, null, null, "en"], check: value([["Exploration"]]) },
  { name: "LIFECYCLESTAGE own window and tolerance", id: "LIFECYCLESTAGE", args: [[[100, 100, 100, 100, 130, 130]], 3, 2, 0.2], check: value([["形成期"]]) },
  {
    name: "LIFECYCLESTAGE a customer without purchases and a text cell get their own errors",
    id: "LIFECYCLESTAGE",
    args: [[[0, 0, 0], [10, "x", 30], [100, 100, 100]]],
    check: value([[cellError("#N/A", /no purchases/)], [cellError("#VALUE!", /amounts row 2 period 2 must be a number/)], ["考察期"]]),
  },
  { name: "LIFECYCLESTAGE a single row without purchases", id: "LIFECYCLESTAGE", args: [[[0, 0, 0]]], check: error("#N/A", /no purchases/) },
  { name: "LIFECYCLESTAGE window beyond 1200", id: "LIFECYCLESTAGE", args: [[[1, 2, 3]], 3, 1201], check: error("#NUM!", /window must be at most 1200/) },
  { name: "LIFECYCLESTAGE explore_periods 0", id: "LIFECYCLESTAGE", args: [[[1, 2, 3]], 0], check: error("#NUM!", /explore_periods must be a whole number/) },

  // CLVMIGRATION
  { name: "CLVMIGRATION active/lapsed, 10%, 3 periods → 209.62, 58.60", id: "CLVMIGRATION", args: [P, col([100, 0]), 0.1, 3], check: (r) => expect((r.value as number[][]).map(([x]) => Math.round(x * 100) / 100)).toEqual([209.62, 58.6]) },
  { name: "CLVMIGRATION start_state 1", id: "CLVMIGRATION", args: [P, [[100, 0]], 0.1, 3, 1], check: (r) => expect(Math.round((r.value as number[][])[0][0] * 100) / 100).toBe(209.62) },
  { name: "CLVMIGRATION identity matrix = CLV(8%, 10, 1000) = 6710.08", id: "CLVMIGRATION", args: [[[1, 0], [0, 1]], col([1000, 500]), 0.08, 10, 1], check: (r) => expect(Math.round((r.value as number[][])[0][0] * 100) / 100).toBe(6710.08) },
  { name: "CLVMIGRATION a row not adding up to 1", id: "CLVMIGRATION", args: [[[0.8, 0.2], [0.3, 0.6]], col([100, 0]), 0.1, 3], check: error("#NUM!", /transitions row 2 must add up to 1/) },
  { name: "CLVMIGRATION not square", id: "CLVMIGRATION", args: [[[0.8, 0.2]], col([100, 0]), 0.1, 3], check: error("#VALUE!", /square/) },
  { name: "CLVMIGRATION rewards of another length", id: "CLVMIGRATION", args: [P, col([100, 0, 5]), 0.1, 3], check: error("#VALUE!", /rewards has 3 values but transitions has 2 states/) },
  { name: "CLVMIGRATION periods 1201", id: "CLVMIGRATION", args: [P, col([100, 0]), 0.1, 1201], check: error("#NUM!", /periods must be at most 1200/) },
  { name: "CLVMIGRATION start_state 3 of 2", id: "CLVMIGRATION", args: [P, col([100, 0]), 0.1, 3, 3], check: error("#NUM!", /start_state must be a whole number from 1 to 2/) },
  { name: "CLVMIGRATION a blank probability", id: "CLVMIGRATION", args: [[[0.8, ""], [0.3, 0.7]], col([100, 0]), 0.1, 3], check: error("#VALUE!", /transitions row 1, column 2 is required/) },

  // ABCCLASS and PYRAMID labels
  { name: "ABCCLASS labels 关键/普通/小客户", id: "ABCCLASS", args: [col([500, 300, 120, 50, 20, 10]), null, null, [["关键客户", "普通客户", "小客户"]]], check: value(col(["关键客户", "关键客户", "普通客户", "普通客户", "小客户", "小客户"])) },
  { name: "ABCCLASS two labels", id: "ABCCLASS", args: [col([500, 300]), null, null, [["关键客户", "小客户"]]], check: error("#VALUE!", /labels must be 3 texts/) },
  { name: "ABCCLASS a blank label", id: "ABCCLASS", args: [col([500, 300]), null, null, [["关键客户", "", "小客户"]]], check: error("#VALUE!", /labels value 2 must be a text/) },
  {
    name: "PYRAMID labels 白金/黄金/青铜/铁质 win over language",
    id: "PYRAMID",
    args: [col([90, 80, 70, 60, 50, 40, 30, 20, 10, 5]), [[0.1, 0.2, 0.3, 0.4]], "en", [["白金", "黄金", "青铜", "铁质"]]],
    check: value(col(["白金", "黄金", "黄金", "青铜", "青铜", "青铜", "铁质", "铁质", "铁质", "铁质"])),
  },
  { name: "PYRAMID three labels", id: "PYRAMID", args: [col([90, 80]), null, null, [["白金", "黄金", "青铜"]]], check: error("#VALUE!", /labels must be 4 texts/) },
  { name: "PYRAMID five labels", id: "PYRAMID", args: [col([90, 80]), null, null, [["a", "b", "c", "d", "e"]]], check: error("#VALUE!", /labels must be 4 texts/) },

  // DISCOUNTCOST: terms as the course text prints them
  { name: 'DISCOUNTCOST "(6/10,3/20,n/45)" reads like "6/10, 3/20, n/45"', id: "DISCOUNTCOST", args: ["(6/10,3/20,n/45)"], check: rounded(0.6657, 4) },
  { name: "DISCOUNTCOST full-width （6/10，3/20，n/45） tier 2", id: "DISCOUNTCOST", args: ["（6/10，3/20，n/45）", 2], check: rounded(0.4515, 4) },
  { name: "DISCOUNTCOST an unclosed parenthesis", id: "DISCOUNTCOST", args: ["(2/10, n/30"], check: error("#VALUE!", /"\(2\/10, n\/30" cannot be read/) },
];

describeCases("More of the course texts through the built bundle (fxeval)", cases);

import { cents } from "./fxeval";
import { Case, cellError, describeCases, error, value } from "./cases";

const AS_OF = 45382; // 2024-03-31
// The worked example: six open invoices of three customers (ISO text and serials mixed, as sheets have them).
const ids = [["甲公司"], ["乙公司"], ["甲公司"], ["丙公司"], ["乙公司"], ["甲公司"]];
const dues = [["2024-04-15"], [45361], ["2024-02-20"], [45275], ["2024-01-20"], [45382]];
const amounts = [[12000], [8500.5], [6300.25], [4200.1], [3100.15], [1000]];
const days = [[-15], [21], [40], [107], [71], [0]];
const rates = [[0.01, 0.03, 0.05, 0.1, 0.3]];

/** Each total equals the sum of its parts to the cent. */
function checkTotals(rows: unknown[][]): void {
  const body = rows.slice(1) as number[][];
  for (const r of body) expect(cents((r.slice(1, -1) as number[]).reduce((a, b) => a + b, 0))).toBe(cents(r[r.length - 1]));
  const totalRow = body[body.length - 1];
  for (let k = 1; k < totalRow.length; k++) expect(cents(body.slice(0, -1).reduce((a, r) => a + r[k], 0))).toBe(cents(totalRow[k]));
}

const cases: Case[] = [
  // AGINGDAYS
  { name: "AGINGDAYS one cell", id: "AGINGDAYS", args: [45361, AS_OF], check: value([[21]]) },
  { name: "AGINGDAYS a range of serials and ISO text spills", id: "AGINGDAYS", args: [dues, "2024-03-31"], check: value(days) },
  { name: "AGINGDAYS bad rows get their own error", id: "AGINGDAYS", args: [[[45361], ["31/03/2024"], [null]], AS_OF], check: value([[21], [cellError("#VALUE!", /due_date value 2: "31\/03\/2024" is not a date/)], [cellError("#VALUE!", /due_date value 3 is blank/)]]) },
  { name: "AGINGDAYS as_of not a date", id: "AGINGDAYS", args: [45361, "today"], check: error("#VALUE!", /as_of: "today" is not a date/) },

  // AGINGBUCKET
  { name: "AGINGBUCKET default edges, Chinese", id: "AGINGBUCKET", args: [dues, AS_OF], check: value([["未到期"], ["1-30天"], ["31-60天"], ["90天以上"], ["61-90天"], ["未到期"]]) },
  { name: "AGINGBUCKET default edges, English", id: "AGINGBUCKET", args: [dues, AS_OF, null, "en"], check: value([["Current"], ["1-30"], ["31-60"], ["90+"], ["61-90"], ["Current"]]) },
  { name: "AGINGBUCKET custom edges {15,45}", id: "AGINGBUCKET", args: [dues, AS_OF, [[15, 45]]], check: value([["未到期"], ["16-45天"], ["16-45天"], ["45天以上"], ["45天以上"], ["未到期"]]) },
  { name: "AGINGBUCKET edges at the boundary", id: "AGINGBUCKET", args: [[[AS_OF - 30], [AS_OF - 31], [AS_OF - 90], [AS_OF - 91]], AS_OF, null, "en"], check: value([["1-30"], ["31-60"], ["61-90"], ["90+"]]) },
  { name: "AGINGBUCKET a bad row", id: "AGINGBUCKET", args: [[[45361], [true]], AS_OF], check: value([["1-30天"], [cellError("#VALUE!", /due_date value 2/)]]) },
  { name: "AGINGBUCKET edges not increasing", id: "AGINGBUCKET", args: [45361, AS_OF, [[60, 30]]], check: error("#VALUE!", /edges must increase/) },
  { name: "AGINGBUCKET edges not whole", id: "AGINGBUCKET", args: [45361, AS_OF, [[30.5, 60]]], check: error("#NUM!", /edges value 1 must be a whole number/) },
  { name: "AGINGBUCKET edge 0", id: "AGINGBUCKET", args: [45361, AS_OF, [[0, 30]]], check: error("#NUM!", /edges value 1/) },
  { name: "AGINGBUCKET unknown language", id: "AGINGBUCKET", args: [45361, AS_OF, null, "fr"], check: error("#VALUE!", /language/) },

  // AGINGTABLE
  {
    name: "AGINGTABLE the worked example, default edges",
    id: "AGINGTABLE",
    args: [ids, dues, amounts, AS_OF],
    check: value([
      ["客户", "未到期", "1-30天", "31-60天", "61-90天", "90天以上", "合计"],
      ["甲公司", 13000, 0, 6300.25, 0, 0, 19300.25],
      ["乙公司", 0, 8500.5, 0, 3100.15, 0, 11600.65],
      ["丙公司", 0, 0, 0, 0, 4200.1, 4200.1],
      ["合计", 13000, 8500.5, 6300.25, 3100.15, 4200.1, 35101],
    ]),
  },
  {
    name: "AGINGTABLE custom edges {15,45}, English",
    id: "AGINGTABLE",
    args: [ids, dues, amounts, "2024-03-31", [[15], [45]], "en"],
    check: value([
      ["Customer", "Current", "1-15", "16-45", "45+", "Total"],
      ["甲公司", 13000, 0, 6300.25, 0, 19300.25],
      ["乙公司", 0, 0, 8500.5, 3100.15, 11600.65],
      ["丙公司", 0, 0, 0, 4200.1, 4200.1],
      ["Total", 13000, 0, 14800.75, 7300.25, 35101],
    ]),
  },
  {
    name: "AGINGTABLE totals are decimal sums to the cent (0.1 + 0.2 = 0.3)",
    id: "AGINGTABLE",
    args: [[["A"], ["A"], ["B"]], [[AS_OF], [AS_OF], [AS_OF]], [[0.1], [0.2], [0.7]], AS_OF],
    check: (r) => {
      value([
        ["客户", "未到期", "1-30天", "31-60天", "61-90天", "90天以上", "合计"],
        ["A", 0.3, 0, 0, 0, 0, 0.3],
        ["B", 0.7, 0, 0, 0, 0, 0.7],
        ["合计", 1, 0, 0, 0, 0, 1],
      ])(r);
    },
  },
  { name: "AGINGTABLE many lines: totals equal the sum of their parts", id: "AGINGTABLE", args: manyLines(), check: (r) => checkTotals(r.value as unknown[][]) },
  { name: "AGINGTABLE a blank id", id: "AGINGTABLE", args: [[["A"], [null]], [[1], [1]], [[1], [1]], AS_OF], check: error("#VALUE!", /customer_ids value 2 is blank/) },
  { name: "AGINGTABLE a bad due date", id: "AGINGTABLE", args: [[["A"], ["B"]], [[1], ["soon"]], [[1], [1]], AS_OF], check: error("#VALUE!", /due_dates value 2/) },
  { name: "AGINGTABLE a text amount", id: "AGINGTABLE", args: [[["A"], ["B"]], [[1], [1]], [[1], ["n/a"]], AS_OF], check: error("#VALUE!", /open_amounts value 2/) },
  { name: "AGINGTABLE lists of other lengths", id: "AGINGTABLE", args: [[["A"], ["B"]], [[1]], [[1], [1]], AS_OF], check: error("#VALUE!", /due_dates has 1 rows but customer_ids has 2/) },
  { name: "AGINGTABLE a block of 2 columns", id: "AGINGTABLE", args: [[["A", "B"], ["C", "D"]], [[1], [1]], [[1], [1]], AS_OF], check: error("#VALUE!", /customer_ids must be a single row or column/) },

  // ALLOWANCE
  { name: "ALLOWANCE the worked example", id: "ALLOWANCE", args: [amounts, days, rates], check: value(2270.0725) },
  { name: "ALLOWANCE custom edges {15,45}", id: "ALLOWANCE", args: [amounts, days, [[0, 0.05, 0.2, 0.5]], [[15, 45]]], check: value(6610.275) },
  { name: "ALLOWANCE rates count does not match the edges", id: "ALLOWANCE", args: [amounts, days, [[0.01, 0.05]]], check: error("#VALUE!", /rates has 2 values but the 3 edges make 5 buckets/) },
  { name: "ALLOWANCE a rate above 100%", id: "ALLOWANCE", args: [amounts, days, [[0.01, 0.03, 0.05, 0.1, 3]]], check: error("#NUM!", /rates value 5/) },
  { name: "ALLOWANCE a blank amount", id: "ALLOWANCE", args: [[[1], [null]], [[1], [2]], rates], check: error("#VALUE!", /open_amounts value 2 is required/) },
  { name: "ALLOWANCE lists of other lengths", id: "ALLOWANCE", args: [[[1], [2]], [[1]], rates], check: error("#VALUE!", /days_past_due has 1 rows/) },
];

/** 300 lines of 7 customers with amounts in cents, deterministic. */
function manyLines(): unknown[] {
  const n = 300;
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647);
  const idCol: unknown[][] = [];
  const dueCol: unknown[][] = [];
  const amountCol: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    idCol.push([`C${next() % 7}`]);
    dueCol.push([AS_OF - 150 + (next() % 200)]);
    amountCol.push([(next() % 1000000) / 100]);
  }
  return [idCol, dueCol, amountCol, AS_OF];
}

describeCases("aging functions through the built bundle (fxeval)", cases);

/**
 * The SQL that `crm sql rfm` prints, run in DuckDB on the same customers as the core's
 * CRM.RFMSCORE rule: identical scores on every row, ties, bad rows and every bins.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { scoreRfm } from "./rfm";
import { quoteIdentifier, rfmScoreSql } from "./rfm-sql";

type Customer = { id: number; r: number | null; f: number | null; m: number | null };

async function scoresInDuckDb(customers: Customer[], bins: number): Promise<Map<number, number | null>> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  try {
    await c.run(`CREATE TABLE "my customers" ("Customer ID" INTEGER, "recency ""days""" DOUBLE, frequency DOUBLE, monetary DOUBLE)`);
    const literal = (x: number | null) => (x === null ? "NULL" : String(x));
    for (let i = 0; i < customers.length; i += 500) {
      const chunk = customers.slice(i, i + 500);
      await c.run(`INSERT INTO "my customers" VALUES ${chunk.map((x) => `(${x.id}, ${literal(x.r)}, ${literal(x.f)}, ${literal(x.m)})`).join(", ")}`);
    }
    const sql = rfmScoreSql({ table: "my customers", id: "Customer ID", recency: 'recency "days"', frequency: "frequency", monetary: "monetary", bins });
    const rows = (await c.runAndReadAll(sql)).getRowObjects();
    return new Map(rows.map((row) => [Number(row.id), row.rfm_code === null ? null : Number(row.rfm_code)]));
  } finally {
    c.closeSync();
  }
}

function coreCodes(customers: Customer[], bins: number): (number | null)[] {
  const cell = (x: number | null) => (x === null ? "" : x) as number;
  const s = scoreRfm({ recency: customers.map((x) => cell(x.r)), frequency: customers.map((x) => cell(x.f)), monetary: customers.map((x) => cell(x.m)) }, bins);
  return customers.map((_, i) => (s.errors.has(i) ? null : s.r[i] * 100 + s.f[i] * 10 + s.m[i]));
}

describe("crm sql rfm: the population rule as SQL window functions", () => {
  test("a worked example: ties score equal, the rows left out get NULL", async () => {
    const customers: Customer[] = [
      { id: 1, r: 10, f: 3, m: 300 },
      { id: 2, r: 10, f: 1, m: 50 },
      { id: 3, r: 40, f: 5, m: 1200 },
      { id: 4, r: 5, f: 8, m: 50 },
      { id: 5, r: -1, f: 2, m: 20 },
      { id: 6, r: 7, f: null, m: 20 },
    ];
    const got = await scoresInDuckDb(customers, 3);
    expect(customers.map((x) => got.get(x.id))).toEqual(coreCodes(customers, 3));
    expect([got.get(5), got.get(6)]).toEqual([null, null]);
  });

  test("property: identical codes to CRM.RFMSCORE for 2..9 bins, ties and bad rows", async () => {
    const value = (max: number) => fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: -1 }) });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 9 }), fc.array(fc.tuple(value(30), value(6), fc.integer({ min: 0, max: 500 }).map((x) => x / 4)), { minLength: 2, maxLength: 300 }), async (bins, rows) => {
        const customers = rows.map(([r, f, m], i) => ({ id: i + 1, r, f, m }));
        const got = await scoresInDuckDb(customers, bins);
        expect(customers.map((x) => got.get(x.id))).toEqual(coreCodes(customers, bins));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  test("10,000 customers with many ties: every code identical", async () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const customers = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, r: Math.floor(next() * 365), f: 1 + Math.floor(next() * 6), m: Math.round(next() * 100_000) / 100 }));
    const got = await scoresInDuckDb(customers, 5);
    expect(customers.map((x) => got.get(x.id))).toEqual(coreCodes(customers, 5));
  }, 60_000);

  test("identifiers are quoted (embedded quotes doubled); bins outside 2..9 are refused", () => {
    expect(quoteIdentifier('a "b"')).toBe('"a ""b"""');
    expect(rfmScoreSql({ table: "sales.customers", id: "id", recency: "r", frequency: "f", monetary: "m" })).toContain('FROM "sales"."customers"');
    expect(() => rfmScoreSql({ table: "t", id: "id", recency: "r", frequency: "f", monetary: "m", bins: 10 })).toThrow(/bins must be a whole number from 2 to 9/);
  });
});

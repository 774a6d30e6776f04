/**
 * `crm sql rfm`: the printed SQL, run in DuckDB on a table of customers, gives CRM.RFMSCORE's
 * codes (the core rule) row for row; --table is required and bins outside 2..9 are usage errors.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { scoreRfm } from "../../src/core/rfm";
import { type CrmRun, runCrm } from "../support/cli";

function crm(...argv: string[]): Promise<CrmRun> {
  return runCrm(process.cwd(), "2024-12-31", argv);
}

describe("crm sql rfm", () => {
  test("the printed SQL scores a DuckDB table exactly as CRM.RFMSCORE does", async () => {
    const run = await crm("sql", "rfm", "--table", "main.customers", "--id", "cust", "--recency", "days since", "--bins", "4");
    expect(run.code).toBe(0);
    const n = 2_000;
    let seed = 3;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: n }, (_, i) => ({ id: i + 1, r: Math.floor(next() * 200), f: 1 + Math.floor(next() * 5), m: Math.round(next() * 5000) / 4 }));
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`CREATE TABLE customers (cust INTEGER, "days since" DOUBLE, frequency DOUBLE, monetary DOUBLE)`);
    await c.run(`INSERT INTO customers VALUES ${rows.map((x) => `(${x.id}, ${x.r}, ${x.f}, ${x.m})`).join(",")}`);
    const got = new Map((await c.runAndReadAll(run.stdout)).getRowObjects().map((row) => [Number(row.id), Number(row.rfm_code)]));
    c.closeSync();
    const s = scoreRfm({ recency: rows.map((x) => x.r), frequency: rows.map((x) => x.f), monetary: rows.map((x) => x.m) }, 4);
    expect(rows.map((x) => got.get(x.id))).toEqual(rows.map((_, i) => s.r[i] * 100 + s.f[i] * 10 + s.m[i]));
  }, 60_000);

  test("usage errors: --table missing, bins outside 2..9; listed in crm --help", async () => {
    expect((await crm("sql", "rfm")).code).toBe(2);
    const bad = await crm("sql", "rfm", "--table", "t", "--bins", "12");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bins must be a whole number from 2 to 9/);
    expect((await crm("--help")).stdout).toMatch(/sql rfm/);
  });
});

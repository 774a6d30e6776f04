/**
 * Streaming a generated transactions file (200,000 rows, what CI affords) to the customer table:
 * identical to CRM.RFMTABLE's core on the same rows, exact totals, Chinese ids across chunk
 * boundaries, quoted fields, the first bad line named, cancel.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isoToSerial } from "../core/dates";
import { rfmTable } from "../core/rfm-table";
import { aggregateTransactionsCsv, Cancelled } from "./transactions-csv";

const AS_OF = 45382;
const columns = { id: "customer", date: "order date", amount: "amount" };
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-csv-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function generate(n: number) {
  let seed = 11;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const ids: string[] = [];
  const dates: string[] = [];
  const cents: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(next() * 20_000);
    ids.push(k % 7 === 0 ? `客户${k}` : `C${k}`);
    dates.push(new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 455) * 86_400_000).toISOString().slice(0, 10));
    cents.push(Math.floor(next() * 100_000) - 5_000);
  }
  return { ids, dates, cents };
}

describe("aggregateTransactionsCsv", () => {
  test("200,000 rows streamed: identical to rfmTable on the same rows, exact grand total", async () => {
    const { ids, dates, cents } = generate(200_000);
    const lines = ["order date,customer,amount,note"];
    for (let i = 0; i < ids.length; i++) lines.push(`${dates[i]},${ids[i]},${(cents[i] / 100).toFixed(2)},${i % 1000 === 0 ? '"a, quoted ""note"""' : "x"}`);
    const file = write("orders.csv", lines.join("\n") + "\n");
    const progress: number[] = [];
    const t = await aggregateTransactionsCsv(fs.createReadStream(file, { highWaterMark: 64 * 1024 }), { columns, asOf: AS_OF, onProgress: (p) => progress.push(p.rows) });
    const want = rfmTable(ids, dates, cents.map((c) => c / 100), AS_OF);
    expect(t).toEqual(want);
    const totalCents = cents.reduce((a, b) => a + b, 0);
    expect(Math.round(Array.from(t.monetary).reduce((a, b) => a + b, 0) * 100)).toBe(totalCents);
    expect(Array.from(t.frequency).reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(progress.at(-1)).toBe(200_000);
    expect(t.ids.some((id) => String(id).startsWith("客户"))).toBe(true);
  }, 60_000);

  test("the first bad line stops the reading, named by transaction and line", async () => {
    const file = write("bad.csv", "customer,order date,amount\nA,2024-01-02,3\nB,2024-01-03,n/a\n");
    await expect(aggregateTransactionsCsv(fs.createReadStream(file), { columns, asOf: AS_OF })).rejects.toThrow(/amounts row 2 must be a number, not the text "n\/a" \(line 3 of the file\)/);
    const missing = write("missing.csv", "id,date\n1,2024-01-01\n");
    await expect(aggregateTransactionsCsv(fs.createReadStream(missing), { columns, asOf: AS_OF })).rejects.toThrow(/no column "customer"/);
  });

  test("dates and amounts as exports write them: 20240305, 2024/3/5, 2024年3月5日, 1,234.50, ¥12, (2.50)", async () => {
    const text = 'customer,order date,amount\nA,20240305,"1,234.50"\nB,2024/3/7,¥12.00\nA,2024年3月9日,(2.50)\nB,45363.5,1e2\n';
    const t = await aggregateTransactionsCsv(text, { columns, asOf: AS_OF });
    expect(t.ids).toEqual(["A", "B"]);
    expect(Array.from(t.first)).toEqual([45356, 45358]);
    expect(Array.from(t.last)).toEqual([45360, 45363.5]);
    expect(Array.from(t.monetary)).toEqual([1232, 112]);
    // the same rows as RFMTABLE's ISO dates and plain numbers give the same table
    expect(t).toEqual(rfmTable(["A", "B", "A", "B"], ["2024-03-05", "2024-03-07", "2024-03-09", 45363.5], [1234.5, 12, -2.5, 100], AS_OF));
  });

  test("year-last dates need the date order when they read both ways; a day over 12 or an equal day and month does not", async () => {
    const both = "customer,order date,amount\nA,03/05/2024,1\n";
    await expect(aggregateTransactionsCsv(both, { columns, asOf: 46000 })).rejects.toThrow(/dates row 1: "03\/05\/2024" may be day-first or month-first.*\(line 2 of the file\)/);
    const dmy = await aggregateTransactionsCsv(both, { columns, asOf: 46000, dateOrder: "dmy" });
    const mdy = await aggregateTransactionsCsv(both, { columns, asOf: 46000, dateOrder: "mdy" });
    expect([dmy.first[0], mdy.first[0]]).toEqual([isoToSerial("2024-05-03"), isoToSerial("2024-03-05")]);
    const plain = await aggregateTransactionsCsv("customer,order date,amount\nA,25/03/2024,1\nA,05/05/2024,1\n", { columns, asOf: 46000 });
    expect([plain.first[0], plain.last[0]]).toEqual([isoToSerial("2024-03-25"), isoToSerial("2024-05-05")]);
    // an order that makes the text impossible is an error, not another day
    await expect(aggregateTransactionsCsv("customer,order date,amount\nA,25/03/2024,1\n", { columns, asOf: 46000, dateOrder: "mdy" })).rejects.toThrow(/dates row 1: "25\/03\/2024" is not a date/);
  });

  test("what is still not a date or an amount stops the reading; a date after as_of is named as a date", async () => {
    await expect(aggregateTransactionsCsv("customer,order date,amount\nA,20240230,1\n", { columns, asOf: AS_OF })).rejects.toThrow(/dates row 1: 20240230 is not a date serial number/);
    // an unquoted comma would shift the fields: a row longer than the header stops, unless the extra fields are empty
    await expect(aggregateTransactionsCsv("customer,order date,amount\nA,2024-03-05,7,\nA,2024-03-05,1.234,50\n", { columns, asOf: AS_OF })).rejects.toThrow(/row 2 has 4 fields where the header has 3: a comma inside a field that is not in quotes.*\(line 3 of the file\)/);
    await expect(aggregateTransactionsCsv("customer,order date,amount\nA,2024-03-05,\"1.234,50\"\n", { columns, asOf: AS_OF })).rejects.toThrow(/amounts row 1 must be a number, not the text "1.234,50"/);
    await expect(aggregateTransactionsCsv("customer,order date,amount\nA,2024-04-01 09:30,1\n", { columns, asOf: AS_OF })).rejects.toThrow(/the transaction date 2024-04-01 09:30 is after as_of 2024-03-31/);
  });

  test("ids stay text exactly as written; a cancelled read rejects with Cancelled", async () => {
    const t = await aggregateTransactionsCsv("customer,order date,amount\n1001,2024-03-01,1.10\n 1001,45352,2.20\n1001,2024-03-31,0.1\n", { columns, asOf: AS_OF });
    expect(t.ids).toEqual(["1001", " 1001"]);
    expect(Array.from(t.monetary)).toEqual([1.2, 2.2]);
    const controller = new AbortController();
    controller.abort();
    const file = write("any.csv", "customer,order date,amount\nA,2024-01-02,3\n");
    await expect(aggregateTransactionsCsv(fs.createReadStream(file), { columns, asOf: AS_OF, signal: controller.signal })).rejects.toBeInstanceOf(Cancelled);
  });
});

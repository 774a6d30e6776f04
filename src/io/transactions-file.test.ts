/**
 * Transaction files of both kinds to the customer table: Parquet written by hyparquet-writer (row
 * groups of 10,000; text, DATE and TIMESTAMP dates; DOUBLE and INT64 amounts; integer ids) and by
 * DuckDB (DECIMAL amounts, as warehouses export them), CSV and Parquet from the same rows equal to
 * CRM.RFMTABLE's core, the kind told by the first bytes, Blob sources (the browser's File), bad rows
 * named by their row of the file, cancel.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { rfmTable } from "../core/rfm-table";
import { isoToSerial } from "../core/dates";
import { gbkBytes } from "../../test/support/gbk";
import { aggregateTransactionsFile, blobTransactionFile, Cancelled, transactionFileHeaders, transactionFileKind } from "./transactions-file";
import { nodeTransactionFile } from "./node-transaction-file";

const AS_OF = 45382;
const columns = { id: "customer", date: "order date", amount: "amount" };
let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-file-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function generate(n: number) {
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const ids: string[] = [];
  const dates: string[] = [];
  const cents: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(next() * 5_000);
    ids.push(k % 5 === 0 ? `客户${k}` : `C${k}`);
    dates.push(new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 455) * 86_400_000).toISOString().slice(0, 10));
    cents.push(Math.floor(next() * 100_000) - 5_000);
  }
  return { ids, dates, cents };
}

function writeParquet(name: string, columnData: Parameters<typeof parquetWriteBuffer>[0]["columnData"]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: 10_000 })));
  return file;
}

async function duck(sql: string): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  await con.run(sql);
  con.closeSync();
}

describe("aggregateTransactionsFile", () => {
  const N = 100_000;
  const { ids, dates, cents } = generate(N);
  const amounts = cents.map((c) => c / 100);
  const want = rfmTable(ids, dates, amounts, AS_OF);

  test("Parquet (text dates, DOUBLE amounts, 10 row groups) and CSV of the same rows: both equal rfmTable", async () => {
    const pq = writeParquet("orders.parquet", [
      { name: "order", data: ids.map((_, i) => i), type: "INT32" },
      { name: "customer", data: ids, type: "STRING" },
      { name: "order date", data: dates, type: "STRING" },
      { name: "amount", data: amounts, type: "DOUBLE" },
    ]);
    const csv = path.join(dir, "orders.csv");
    fs.writeFileSync(csv, "customer,order date,amount\n" + ids.map((id, i) => `${id},${dates[i]},${amounts[i]}`).join("\n") + "\n");
    const seen: number[] = [];
    const p = await aggregateTransactionsFile(nodeTransactionFile(pq), { columns, asOf: AS_OF, onProgress: (x) => seen.push(x.read) });
    expect(p.kind).toBe("parquet");
    expect(p.rows).toBe(N);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * 10_000));
    const c = await aggregateTransactionsFile(nodeTransactionFile(csv), { columns, asOf: AS_OF });
    expect(c.kind).toBe("csv");
    const { kind: _k, rows: _r, ...table } = p;
    expect(table).toEqual(want);
    const { kind: _k2, rows: _r2, ...csvTable } = c;
    expect(csvTable).toEqual(want);
  }, 60_000);

  test("DATE and TIMESTAMP columns, BIGINT amounts and integer ids (DuckDB): serials and numbers as a sheet holds them", async () => {
    const n = 3000;
    const csv = path.join(dir, "typed.csv");
    fs.writeFileSync(csv, "customer,order date,cents\n" + ids.slice(0, n).map((id, i) => `${id.replace(/\D/g, "")},${dates[i]},${cents[i]}`).join("\n") + "\n");
    const file = path.join(dir, "typed.parquet");
    await duck(`COPY (SELECT customer::BIGINT AS customer, "order date"::DATE AS "order date", "order date"::TIMESTAMP + INTERVAL 810 MINUTE AS "paid at", cents::BIGINT AS amount FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1024)`);
    const numericIds = ids.slice(0, n).map((s) => Number(s.replace(/\D/g, "")));
    const serials = dates.slice(0, n).map((d) => isoToSerial(d)!);
    const t = await aggregateTransactionsFile(nodeTransactionFile(file), { columns, asOf: AS_OF });
    const { kind: _k, rows: _r, ...table } = t;
    expect(table).toEqual(rfmTable(numericIds, serials, cents.slice(0, n), AS_OF));
    expect(typeof t.ids[0]).toBe("number");
    const stamped = await aggregateTransactionsFile(nodeTransactionFile(file), { columns: { ...columns, date: "paid at" }, asOf: AS_OF });
    expect(Array.from(stamped.last)).toEqual(Array.from(t.last, (d) => d + 13.5 / 24));
  }, 60_000);

  test("a DuckDB export (DECIMAL(12,2) amounts, DATE) equals rfmTable on the same rows", async () => {
    const csv = path.join(dir, "duck.csv");
    const n = 20_000;
    fs.writeFileSync(csv, "customer,order date,amount\n" + ids.slice(0, n).map((id, i) => `${id},${dates[i]},${(cents[i] / 100).toFixed(2)}`).join("\n") + "\n");
    const out = path.join(dir, "duck.parquet");
    await duck(`COPY (SELECT customer::VARCHAR AS customer, "order date"::DATE AS "order date", amount::DECIMAL(12,2) AS amount FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${out}' (FORMAT parquet, ROW_GROUP_SIZE 4096)`);
    const t = await aggregateTransactionsFile(nodeTransactionFile(out), { columns, asOf: AS_OF });
    const { kind: _k, rows: _r, ...table } = t;
    expect(table).toEqual(rfmTable(ids.slice(0, n), dates.slice(0, n), amounts.slice(0, n), AS_OF));
  }, 60_000);

  test("Parquet dates as exports write them: INT32 and INT64 yyyymmdd (20240305), slashed text; text amounts with separators", async () => {
    const n = 2000;
    const compact = dates.slice(0, n).map((d) => Number(d.replace(/-/g, "")));
    const file = writeParquet("compact.parquet", [
      { name: "customer", data: ids.slice(0, n), type: "STRING" },
      { name: "order date", data: compact, type: "INT32" },
      { name: "booked", data: compact.map(BigInt), type: "INT64" },
      { name: "slashed", data: dates.slice(0, n).map((d) => d.replace(/-0?/g, "/")), type: "STRING" },
      { name: "amount", data: cents.slice(0, n).map((c) => (c / 100).toLocaleString("en", { minimumFractionDigits: 2 })), type: "STRING" },
    ]);
    const expected = rfmTable(ids.slice(0, n), dates.slice(0, n), amounts.slice(0, n), AS_OF);
    for (const date of ["order date", "booked", "slashed"]) {
      const { kind: _k, rows: _r, ...table } = await aggregateTransactionsFile(nodeTransactionFile(file), { columns: { ...columns, date }, asOf: AS_OF });
      expect(table).toEqual(expected);
    }
  });

  test("a GBK CSV (Excel's 'CSV (逗号分隔)' on Chinese Windows): Chinese headers and ids read, no two customers merged, from a file and a Blob", async () => {
    const n = 30_000;
    const names = ["张三", "李四", "王五", "赵六", "孙七"];
    const cn = ids.slice(0, n).map((id, i) => `${names[i % 5]}${id.replace(/\D/g, "")}`);
    const text = "客户,下单日期,实付金额\n" + cn.map((id, i) => `${id},${dates[i]},${amounts[i]}`).join("\n") + "\n";
    const file = path.join(dir, "gbk.csv");
    fs.writeFileSync(file, gbkBytes(text));
    const chinese = { id: "客户", date: "下单日期", amount: "实付金额" };
    expect(await transactionFileHeaders(nodeTransactionFile(file))).toEqual(["客户", "下单日期", "实付金额"]);
    const expected = rfmTable(cn, dates.slice(0, n), amounts.slice(0, n), AS_OF);
    for (const source of [nodeTransactionFile(file), new Blob([fs.readFileSync(file)])]) {
      const { kind: _k, rows: _r, ...table } = await aggregateTransactionsFile(source, { columns: chinese, asOf: AS_OF });
      expect(table).toEqual(expected);
    }
  }, 60_000);

  test("Excel's Unicode Text: UTF-16LE with its byte-order mark, tab-separated", async () => {
    const n = 5_000;
    const text = "客户\t下单日期\t实付金额\n" + ids.slice(0, n).map((id, i) => `${id}\t${dates[i]}\t${amounts[i]}`).join("\n") + "\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const file = path.join(dir, "unicode.csv");
    fs.writeFileSync(file, utf16);
    expect(await transactionFileHeaders(nodeTransactionFile(file))).toEqual(["客户", "下单日期", "实付金额"]);
    const { kind: _k, rows: _r, ...table } = await aggregateTransactionsFile(nodeTransactionFile(file), { columns: { id: "客户", date: "下单日期", amount: "实付金额" }, asOf: AS_OF });
    expect(table).toEqual(rfmTable(ids.slice(0, n), dates.slice(0, n), amounts.slice(0, n), AS_OF));
  });

  test("a UTF-8 CSV with invalid bytes past the first megabyte stops, rather than merging customers", async () => {
    const good = "customer,order date,amount\n" + Array.from({ length: 60_000 }, (_, i) => `客户${i},2024-01-02,1`).join("\n") + "\n";
    const bytes = Buffer.concat([Buffer.from(good), gbkBytes("张三,2024-01-03,2\n")]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const file = path.join(dir, "mixed.csv");
    fs.writeFileSync(file, bytes);
    for (const source of [nodeTransactionFile(file), new Blob([bytes])]) {
      await expect(aggregateTransactionsFile(source, { columns, asOf: AS_OF })).rejects.toThrow(/the file is not UTF-8 text past its first megabyte/);
    }
  });

  test("a Blob (the browser's File) of either kind; the kind comes from the first bytes, not the name", async () => {
    const pq = fs.readFileSync(writeParquet("small.parquet", [
      { name: "customer", data: ids.slice(0, 500), type: "STRING" },
      { name: "order date", data: dates.slice(0, 500), type: "STRING" },
      { name: "amount", data: amounts.slice(0, 500), type: "DOUBLE" },
    ]));
    const want500 = rfmTable(ids.slice(0, 500), dates.slice(0, 500), amounts.slice(0, 500), AS_OF);
    const blob = new Blob([pq]);
    expect(await transactionFileKind(blobTransactionFile(blob, "orders.csv"))).toBe("parquet");
    const fromBlob = await aggregateTransactionsFile(blob, { columns, asOf: AS_OF });
    expect(fromBlob.ids).toEqual(want500.ids);
    expect(fromBlob.monetary).toEqual(want500.monetary);
    // CSV from a Blob in 64 KB slices: Chinese ids straddling a slice boundary stay whole.
    const text = "customer,order date,amount\n" + ids.map((id, i) => `${id},${dates[i]},${amounts[i]}`).join("\n");
    const csv = await aggregateTransactionsFile(new Blob([text]), { columns, asOf: AS_OF });
    expect(csv.ids).toEqual(want.ids);
    expect(csv.monetary).toEqual(want.monetary);
  }, 60_000);

  test("the first bad row is named by its row of the Parquet file; a cancelled read rejects with Cancelled", async () => {
    const bad = amounts.slice(0, 25_000).map((x, i) => (i === 23_456 ? Number.NaN : x));
    const file = writeParquet("bad.parquet", [
      { name: "customer", data: ids.slice(0, 25_000), type: "STRING" },
      { name: "order date", data: dates.slice(0, 25_000), type: "STRING" },
      { name: "amount", data: bad, type: "DOUBLE" },
    ]);
    await expect(aggregateTransactionsFile(nodeTransactionFile(file), { columns, asOf: AS_OF })).rejects.toThrow(/amounts row 23457 must be a number, not NaN \(row 23457 of the file\)/);
    await expect(aggregateTransactionsFile(nodeTransactionFile(file), { columns: { ...columns, amount: "price" }, asOf: AS_OF })).rejects.toThrow(/no column "price" \(its columns: customer, order date, amount\)/);
    const controller = new AbortController();
    controller.abort();
    await expect(aggregateTransactionsFile(nodeTransactionFile(file), { columns, asOf: AS_OF, signal: controller.signal })).rejects.toBeInstanceOf(Cancelled);
  });
});

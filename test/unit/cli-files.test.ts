/**
 * `crm rfm orders.csv|.parquet --rows transactions` and `crm predict orders.csv|.parquet` on
 * generated transaction files (100,000 rows, what CI affords) and on the CDNOW sample: the
 * customers written equal the rfm workflow's customer sheet (and CRM.RFMTABLE's core) on the same
 * transactions held in a sheet, CSV and Parquet give the same cells, predict gives the predict
 * workflow's fit; the first bad row stops with its line; the flags that do not apply are refused.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isoToSerial, serialToIso } from "../../src/core/dates";
import { rfmTable } from "../../src/core/rfm-table";
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block } from "../../src/workbook/types";
import { createEngine } from "../../src/workflows/engine";
import { runCrm } from "../support/cli";
import { gbkBytes } from "../support/gbk";
import { columnsOf, csvOf, parquetOf } from "../support/transaction-files";
import { cdnowRequest, cdnowTransactions, expectCdnow, params } from "../support/cdnow";
import { cells, done } from "../support/workflows";

const TODAY = "2024-12-31";
const AS_OF = "2024-03-31";
let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "crm-files-"))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const crm = (...argv: string[]) => runCrm(tmp, TODAY, argv);

function generate(n: number) {
  let seed = 3;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const ids: string[] = [];
  const dates: string[] = [];
  const amounts: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.floor(next() * 30_000);
    ids.push(k % 9 === 0 ? `客户${k}` : `C${k}`);
    dates.push(serialToIso(isoToSerial("2022-06-01")! + Math.floor(next() * 660)));
    amounts.push(Math.floor(next() * 80_000) / 100);
  }
  return { ids, dates, amounts };
}

/** The first sheet of a written workbook (the customers). */
async function customersOf(file: string): Promise<Block> {
  const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(file));
  return cells(wb, wb.sheetNames()[0]);
}

describe("crm rfm on a transactions file", () => {
  const N = 100_000;
  const { ids, dates, amounts } = generate(N);
  let csv: string;
  let parquet: string;
  beforeAll(() => {
    csv = path.join(tmp, "orders.csv");
    const columns = [{ name: "订单号", data: ids.map((_, i) => `O${i}`) }, ...columnsOf({ ids, dates, amounts }, ["客户", "订单日期", "实付金额"])];
    fs.writeFileSync(csv, csvOf([...columns.slice(0, 3), { name: "实付金额", data: amounts.map((a) => a.toFixed(2)) }]));
    parquet = path.join(tmp, "orders.parquet");
    fs.writeFileSync(parquet, parquetOf(columns, 20_000));
  });

  test("100,000 transactions: the customer sheet is the rfm workflow's on the same rows in a sheet, from CSV and from Parquet", async () => {
    const r = await crm("rfm", csv, "--rows", "transactions", "--as-of", AS_OF, "-o", "out.xlsx", "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ status: "done", workflow: "rfm", mode: "transactions", format: "csv", rowsRead: N, mapping: { customer: "客户", date: "订单日期", amount: "实付金额" } });
    const got = await customersOf(path.join(tmp, "out.xlsx"));

    // The pane's run: the same transactions as cells of a sheet, transactions mode, same as-of.
    const block: Block = [["订单号", "客户", "订单日期", "实付金额"], ...ids.map((id, i) => [`O${i}`, id, isoToSerial(dates[i])!, amounts[i]])];
    const wb = MemoryWorkbook.fromSheets({ Orders: block });
    const asOf = isoToSerial(AS_OF)!;
    const result = await done(createEngine(wb, () => asOf), {
      workflow: "rfm",
      source: { sheet: "Orders", row: 0, column: 0, rows: N + 1, columns: 4 },
      mapping: { customer: 1, date: 2, amount: 3 },
      options: { language: "zh", mode: "transactions", asOf, bins: 5, scheme: "cn8" },
    } as never);
    const want = await cells(wb, result.outputs.find((o) => o.kind === "sheet")!.sheet);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
    const core = rfmTable(ids, dates, amounts, asOf);
    expect(got.slice(1).map((row) => row[0])).toEqual(core.ids);
    expect(got.slice(1).map((row) => row[3])).toEqual(Array.from(core.monetary));

    const p = await crm("rfm", parquet, "--as-of", AS_OF, "-o", "parquet.xlsx", "--json");
    expect([p.code, p.stderr]).toEqual([0, ""]);
    expect(JSON.parse(p.stdout)).toMatchObject({ format: "parquet", rowsRead: N });
    expect(await customersOf(path.join(tmp, "parquet.xlsx"))).toEqual(want);
    // Without --json a file of a few MB shows its progress on stderr, one line per 10%.
    const plain = await crm("rfm", "orders.csv", "--as-of", AS_OF, "-o", "plain.csv");
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/reading orders\.csv 100% · 100,000 transactions, \d\d,\d{3} customers\n$/);
    expect(plain.stderr.split("\n").length).toBeLessThan(14);
    expect(plain.stdout).toMatch(/100000 transactions read from orders\.csv \(csv\)/);
    const wbOut = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.join(tmp, "parquet.xlsx")));
    expect(wbOut.sheetNames()).toEqual(result.outputs.map((o) => o.sheet));
  }, 180_000);

  test("-o OUTPUT.csv: one line per customer, dates as yyyy-mm-dd; --map picks the columns", async () => {
    fs.writeFileSync(path.join(tmp, "odd.csv"), "who,when,paid\nA,2024-01-05,10.10\nB,2024-02-01,5\nA,2024-03-01,0.2\n");
    const r = await crm("rfm", "odd.csv", "--as-of", AS_OF, "--map", "customer=who", "--map", "date=when", "--map", "amount=paid", "-o", "odd.csv.out.csv", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(""); // a small file: no progress
    const lines = fs.readFileSync(path.join(tmp, "odd.csv.out.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Customer,Recency (days),Frequency,Monetary,First purchase,Last purchase,RFM·R,RFM·F,RFM·M,RFM·Code,RFM·Segment");
    expect(lines[1].split(",").slice(0, 6)).toEqual(["A", "30", "2", "10.3", "2024-01-05", "2024-03-01"]);
    expect(lines).toHaveLength(3);
    const unmapped = await crm("rfm", "odd.csv", "--as-of", AS_OF, "-o", "x.csv", "--json");
    expect(unmapped.code).toBe(1);
    expect(JSON.parse(unmapped.stdout)).toMatchObject({ status: "unmapped", headers: ["who", "when", "paid"] });
  });

  test("the first bad row stops the run with its line, nothing written; --sheet and a workbook workflow's Parquet are refused", async () => {
    fs.writeFileSync(path.join(tmp, "bad.csv"), "customer,date,amount\nA,2024-01-05,10\nB,2024-02-30,5\n");
    const r = await crm("rfm", "bad.csv", "--as-of", AS_OF, "-o", "bad.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv: dates row 2: "2024-02-30" is not a date.*\(line 3 of the file\); nothing was written/);
    expect(fs.existsSync(path.join(tmp, "bad.xlsx"))).toBe(false);
    expect((await crm("rfm", "bad.csv", "--sheet", "S", "-o", "x.xlsx")).code).toBe(2);
    fs.writeFileSync(path.join(tmp, "bad.parquet"), parquetOf([{ name: "customer", data: ["A"] }]));
    expect((await crm("aging", "bad.parquet", "-o", "x.xlsx")).stderr).toMatch(/aging reads a workbook/);
  });
});

describe("crm predict on a transactions file (CDNOW)", () => {
  test("CSV and Parquet of the CDNOW sample: the predict workflow's fit and customers", async () => {
    const data = cdnowTransactions(["customer", "date", "amount"]);
    const csv = path.join(tmp, "cdnow.csv");
    fs.writeFileSync(csv, data.map((r, i) => (i === 0 ? r.join(",") : `${r[0]},${serialToIso(r[1] as number)},${r[2]}`)).join("\n") + "\n");
    const pq = path.join(tmp, "cdnow.parquet");
    const body = data.slice(1);
    fs.writeFileSync(
      pq,
      parquetOf([
        { name: "customer", data: body.map((r) => r[0] as number), type: "INT32" },
        { name: "date", data: body.map((r) => serialToIso(r[1] as number)) },
        { name: "amount", data: body.map((r) => r[2] as number) },
      ]),
    );
    const flags = ["--as-of", "1997-09-30", "--holdout-end", "1998-06-30", "--period", "week", "--horizon", "52", "--discount", "0", "--margin", "100%"];

    const mem = MemoryWorkbook.fromSheets({ Data: data });
    const result = await done(createEngine(mem, () => isoToSerial(TODAY)!), cdnowRequest(data.length));
    const sheetNames = result.outputs.map((o) => o.sheet);
    const wantCustomers = await cells(mem, sheetNames[0]);
    const wantSummary = await cells(mem, sheetNames[1]);

    for (const input of [csv, pq]) {
      const r = await crm("predict", input, ...flags, "-o", `${input}.xlsx`, "--json");
      expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(JSON.parse(r.stdout).figures).toEqual(result.figures);
      const out = await MemoryWorkbook.fromXlsx(fs.readFileSync(`${input}.xlsx`));
      const customers = await cells(out, "客户价值预测");
      const summary = await cells(out, "预测模型汇总");
      if (input === pq) expectCdnow(customers, summary);
      for (const title of ["BG/NBD 模型（购买次数与流失）", "Gamma-Gamma 模型（每次消费金额）"]) expect(params(summary, title)).toEqual(params(wantSummary, title));
      // Same rows but the ids: a CSV's ids are text ("1"), Parquet's INT32 ids numbers, as the sheet's.
      const asText = (b: Block) => b.map((row) => [String(row[0]), ...row.slice(1)]);
      expect(input === pq ? customers : asText(customers)).toEqual(input === pq ? wantCustomers : asText(wantCustomers));
      // The summary's lines differ only where it names its source.
      const differing = summary.map((row, i) => (JSON.stringify(row) === JSON.stringify(wantSummary[i]) ? -1 : i)).filter((i) => i >= 0);
      expect(differing.map((i) => summary[i][0])).toEqual(["数据来源"]);
    }
  }, 180_000);

  test("the CDNOW log as shipped (yyyymmdd dates, zero-padded ids) made a CSV: read without converting, the same fit", async () => {
    const lines = fs.readFileSync(path.resolve(__dirname, "../../../shared/data/cdnow/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/);
    const csv = path.join(tmp, "cdnow-raw.csv");
    fs.writeFileSync(csv, "master,customer,date,cds,amount\n" + lines.map((l) => l.trim().split(/\s+/).join(",")).join("\n") + "\n");
    const flags = ["--as-of", "1997-09-30", "--holdout-end", "1998-06-30", "--period", "week", "--horizon", "52", "--discount", "0", "--margin", "100%"];
    const r = await crm("predict", csv, ...flags, "-o", "cdnow-raw.xlsx", "--json");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const data = cdnowTransactions();
    const result = await done(createEngine(MemoryWorkbook.fromSheets({ Data: data }), () => isoToSerial(TODAY)!), cdnowRequest(data.length));
    expect(JSON.parse(r.stdout).figures).toEqual(result.figures);
  }, 120_000);
});

describe("dates as exports write them", () => {
  test("03/05/2024 stops with the --date-order question; with it the file is read; 2024/3/5 and 20240305 need none", async () => {
    fs.writeFileSync(path.join(tmp, "erp.csv"), 'customer,date,amount\nA,03/01/2024,"1,000.00"\nB,2024/3/5,¥5\nA,20240310,(0.50)\n');
    const asked = await crm("rfm", "erp.csv", "--as-of", AS_OF, "-o", "erp.out.csv", "--json");
    expect(asked.code).toBe(1);
    expect(JSON.parse(asked.stdout)).toMatchObject({ status: "dateOrder", code: "#VALUE!" });
    const plain = await crm("rfm", "erp.csv", "--as-of", AS_OF, "-o", "erp.out.csv");
    expect(plain.stderr).toMatch(/erp\.csv: dates row 1: "03\/01\/2024" may be day-first or month-first.*; nothing was written; run again with --date-order dmy \(day first\) or --date-order mdy \(month first\)/);
    expect(fs.existsSync(path.join(tmp, "erp.out.csv"))).toBe(false);
    for (const [order, first] of [["dmy", "2024-01-03"], ["date=mdy", "2024-03-01"]]) {
      const r = await crm("rfm", "erp.csv", "--as-of", AS_OF, "--date-order", order, "-o", "erp.out.csv", "--lang", "en");
      expect([r.code, r.stderr]).toEqual([0, ""]);
      const rows = fs.readFileSync(path.join(tmp, "erp.out.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
      expect(rows.slice(1).map((l) => l.slice(0, 6))).toEqual([
        ["A", "21", "2", "999.5", first, "2024-03-10"],
        ["B", "26", "1", "5", "2024-03-05", "2024-03-05"],
      ]);
    }
    expect((await crm("rfm", "erp.csv", "--as-of", AS_OF, "--date-order", "ymd", "-o", "x.csv")).code).toBe(2);
  });

  test("a GBK CSV saved by Chinese Excel: its Chinese headers map, its customers stay apart", async () => {
    fs.writeFileSync(path.join(tmp, "gbk.csv"), gbkBytes("客户名称,订单日期,实付金额\n张三,2024/3/1,10\n李四,2024/3/2,20\n张三,2024/3/5,5\n"));
    const r = await crm("rfm", "gbk.csv", "--as-of", AS_OF, "-o", "gbk.out.csv", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).mapping).toEqual({ customer: "客户名称", date: "订单日期", amount: "实付金额" });
    const rows = fs.readFileSync(path.join(tmp, "gbk.out.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(",").slice(0, 4));
    expect(rows.slice(1)).toEqual([
      ["张三", "26", "2", "15"],
      ["李四", "29", "1", "20"],
    ]);
  });
});

describe("a CSV as a sheet: the workflows that read one row per line or per customer", () => {
  test("crm aging on an ERP's CSV (GBK, thousands separators, slashed and compact dates, a code with leading zeros) gives the xlsx's figures", async () => {
    const csv = "客户编号,客户名称,到期日,未收金额,信用额度\nK001,甲公司,2024-10-01,\"1,200.50\",5000\nK001,甲公司,2024/12/15,300,5000\nK002,乙公司,20241130,￥800,\n007,丙公司,2025-01-10,50.25,1000\n";
    fs.writeFileSync(path.join(tmp, "应收.csv"), gbkBytes(csv));
    const block: Block = [
      ["客户编号", "客户名称", "到期日", "未收金额", "信用额度"],
      ["K001", "甲公司", isoToSerial("2024-10-01")!, 1200.5, 5000],
      ["K001", "甲公司", isoToSerial("2024-12-15")!, 300, 5000],
      ["K002", "乙公司", isoToSerial("2024-11-30")!, 800, null],
      ["007", "丙公司", isoToSerial("2025-01-10")!, 50.25, 1000],
    ];
    fs.writeFileSync(path.join(tmp, "应收.xlsx"), await MemoryWorkbook.fromSheets({ 应收: block }).toXlsx());
    const fromCsv = await crm("aging", "应收.csv", "--as-of", "2024-12-31", "-o", "aging-csv.xlsx", "--json");
    const fromXlsx = await crm("aging", "应收.xlsx", "--as-of", "2024-12-31", "-o", "aging-xlsx.xlsx", "--json");
    expect([fromCsv.code, fromXlsx.code]).toEqual([0, 0]);
    const a = JSON.parse(fromCsv.stdout);
    expect(a.figures).toEqual(JSON.parse(fromXlsx.stdout).figures);
    expect(a.figures).toMatchObject({ customers: 3, lines: 4, total: 2350.75 });
    // the written workbook holds the CSV's sheet (named after the file) and the results; "007" kept as text
    const out = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.join(tmp, "aging-csv.xlsx")));
    expect(out.sheetNames()[0]).toBe("应收");
    expect((await cells(out, "应收"))[4][0]).toBe("007");
  });

  test("crm rfm reads a CSV of one row per customer as a sheet, by its headers or --rows customers; --rows transactions streams it", async () => {
    fs.writeFileSync(path.join(tmp, "customers.csv"), "客户编号,最近消费天数,消费次数,消费金额\nC1,5,10,1000\nC2,200,1,20\nC3,40,3,300\n");
    for (const flags of [["--rows", "customers"], []]) {
      const r = await crm("rfm", "customers.csv", ...flags, "-o", "cust.csv", "--lang", "en", "--json");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: "done", mode: "customers", rowsRead: 3, rowsWritten: 3 });
    }
    const streamed = await crm("rfm", "customers.csv", "--rows", "transactions", "-o", "cust2.csv", "--json");
    expect(streamed.code).toBe(1);
    expect(JSON.parse(streamed.stdout)).toMatchObject({ status: "unmapped" });
  });
});

#!/usr/bin/env node
// node scripts/make-samples.mjs [--out DIR]: writes the preview's sample workbooks
// (customers, transactions, invoices, credit, and cdnow from the shared CDNOW reference data) into assets/samples/ (or DIR). The data come from
// a seeded generator, so every run gives the same cells; test/unit/samples.test.ts regenerates
// them and compares with the committed files so the two cannot drift apart.
// A few rows of customers.xlsx and invoices.xlsx are wrong on purpose (blank, text in a number
// column, duplicate id, negative amount) so the workflows' validation step has something to show.
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** mulberry32: small, fast, and the same sequence on every platform. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Skewed towards small values, like real purchase counts and amounts. */
    skewed: (lo, hi, power = 2.5) => lo + (hi - lo) * Math.pow(next(), power),
  };
}

const ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
const ZH_GIVEN_1 = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华萍玲芬燕彬鹏辉".split("");
const ZH_GIVEN_2 = "秀英秀兰桂英建国建华志强海燕雪梅晓东子涵欣怡浩然梓轩雨萱宇轩思远佳怡俊杰文博嘉怡一鸣婉婷天宇晨曦立新丽娟春花振华红梅".match(/../g);
const ZH_CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆", "天津", "苏州", "长沙", "郑州", "青岛", "厦门", "宁波", "合肥", "济南", "昆明"];
const ZH_BRANDS = ["华联", "恒信", "鑫达", "瑞丰", "金桥", "宏远", "天成", "嘉禾", "东方", "汇通", "新锐", "永安", "博雅", "中盛", "立信", "佳美", "海川", "富源", "盛世", "安泰", "万和", "德润", "兴业", "同创"];
const ZH_TRADES = ["贸易", "科技", "电子", "食品", "家居", "服饰", "医药", "建材", "物流", "文化", "机械", "化工", "五金", "农业"];
const EN_FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Emily", "Mark", "Olivia", "Wei", "Mei", "Hiroshi", "Priya", "Carlos", "Sofia", "Ahmed", "Fatima", "Lukas", "Anna", "Noah", "Chloe"];
const EN_LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Chen", "Wang", "Tanaka", "Patel", "Müller"];
const EN_WORDS = ["Harbor", "Summit", "Northwind", "Bluebird", "Cedar", "Granite", "Silverline", "Maple", "Riverside", "Evergreen", "Pioneer", "Atlas", "Beacon", "Crescent", "Horizon", "Keystone", "Lakeside", "Meridian", "Oakridge", "Sterling"];
const EN_TRADES = ["Trading", "Supplies", "Foods", "Electronics", "Logistics", "Textiles", "Hardware", "Pharma", "Furniture", "Media"];
const EN_SUFFIX = ["Ltd", "Inc.", "Co.", "LLC", "Group", "& Sons"];

/** Distinct names: a repeat gets the next candidate, so every customer is told apart by name too. */
function uniqueNames(count, make) {
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    const name = make();
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

const zhPerson = (r) => () => r.pick(ZH_SURNAMES) + (r.next() < 0.35 ? r.pick(ZH_GIVEN_1) : r.pick(ZH_GIVEN_2));
const zhCompany = (r) => () => `${r.pick(ZH_CITIES)}${r.pick(ZH_BRANDS)}${r.pick(ZH_TRADES)}有限公司`;
const enPerson = (r) => () => `${r.pick(EN_FIRST)} ${r.pick(EN_LAST)}`;
const enCompany = (r) => () => `${r.pick(EN_WORDS)} ${r.pick(EN_TRADES)} ${r.pick(EN_SUFFIX)}`;

const DAY = 86400000;
/** A calendar date as a UTC midnight Date (ExcelJS writes it as that day's serial). */
const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const addDays = (date, days) => new Date(date.getTime() + days * DAY);
const cents = (x) => Math.round(x * 100) / 100;

/** The date the samples are "as of": purchases and invoices lie before it. */
export const SAMPLE_AS_OF = utc(2024, 12, 31);

function sheetWith(workbook, name, columns, rows) {
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  return ws;
}

function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CRM Analytics for Excel";
  // Fixed document dates keep the files byte-stable between runs.
  wb.created = utc(2025, 1, 1);
  wb.modified = utc(2025, 1, 1);
  return wb;
}

const DATE = "yyyy-mm-dd";
const MONEY = "#,##0.00";

/** One row per customer, Chinese headers and names: RFM (per customer) and customer value. */
function customers() {
  const r = rng(20240101);
  const n = 3000;
  const names = uniqueNames(n, zhPerson(r));
  const rows = names.map((name, i) => {
    const frequency = Math.max(1, Math.round(r.skewed(1, 40, 2.2)));
    const avgOrder = r.skewed(80, 2500, 1.8);
    const monetary = cents(frequency * avgOrder);
    const daysAgo = Math.round(r.skewed(0, 720, 1.6));
    const last = addDays(SAMPLE_AS_OF, -daysAgo);
    const first = addDays(last, -Math.round(r.skewed(0, 1400, 1.2)));
    const marginRate = 0.15 + r.next() * 0.3;
    const retention = Math.min(0.95, Math.max(0.3, 0.45 + frequency / 80 + (r.next() - 0.5) * 0.2 - daysAgo / 3000));
    return {
      id: `C${String(i + 1).padStart(5, "0")}`,
      name,
      city: r.pick(ZH_CITIES),
      first,
      last,
      frequency,
      monetary,
      margin: cents((monetary * marginRate * 365) / Math.max(365, (last - first) / DAY + 30)),
      retention: Math.round(retention * 100) / 100,
    };
  });
  // Deliberate problems for the validation step (row numbers are sheet rows: header is row 1).
  rows[11].monetary = null; // row 13: blank amount
  rows[57].frequency = "待定"; // row 59: text in a number column
  rows[240].id = rows[239].id; // row 242: duplicate customer id
  rows[1502].monetary = -320.5; // row 1504: negative amount
  const wb = newWorkbook();
  sheetWith(
    wb,
    "客户",
    [
      { header: "客户编号", key: "id", width: 10 },
      { header: "客户名称", key: "name", width: 10 },
      { header: "城市", key: "city", width: 8 },
      { header: "首次购买日期", key: "first", numFmt: DATE },
      { header: "最近购买日期", key: "last", numFmt: DATE },
      { header: "购买次数", key: "frequency", width: 10 },
      { header: "消费金额", key: "monetary", numFmt: MONEY },
      { header: "年毛利", key: "margin", numFmt: MONEY },
      { header: "保留率", key: "retention", numFmt: "0%", width: 8 },
    ],
    rows,
  );
  return wb;
}

/** One row per transaction, English headers and names: RFM from transactions. */
function transactions() {
  const r = rng(20240202);
  const customerCount = 1200;
  const names = uniqueNames(customerCount, enPerson(r));
  const start = utc(2023, 1, 1);
  const span = (SAMPLE_AS_OF - start) / DAY;
  const rows = [];
  names.forEach((name, i) => {
    const id = `T${String(i + 1).padStart(4, "0")}`;
    const count = Math.max(1, Math.round(r.skewed(1, 18, 2.4)));
    const basket = r.skewed(15, 600, 1.7);
    const lastDay = Math.round(span - r.skewed(0, span, 1.5));
    for (let k = 0; k < count; k++) {
      const day = Math.max(0, lastDay - Math.round(r.skewed(0, lastDay, 0.8)));
      rows.push({ id, name, date: addDays(start, k === 0 ? lastDay : day), amount: cents(basket * (0.5 + r.next())), channel: r.pick(["Store", "Online", "Phone"]) });
    }
  });
  // Real exports are in date order, not grouped by customer.
  rows.sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  rows.forEach((row, i) => (row.order = `SO-${String(100001 + i)}`));
  const wb = newWorkbook();
  sheetWith(
    wb,
    "Transactions",
    [
      { header: "Order No.", key: "order", width: 11 },
      { header: "Customer ID", key: "id", width: 11 },
      { header: "Customer", key: "name", width: 18 },
      { header: "Order date", key: "date", numFmt: DATE, width: 11 },
      { header: "Amount", key: "amount", numFmt: MONEY, width: 11 },
      { header: "Channel", key: "channel", width: 9 },
    ],
    rows,
  );
  return wb;
}

/** Open invoice lines, Chinese headers and company names: receivables aging. */
function invoices() {
  const r = rng(20240303);
  const customerCount = 320;
  const names = uniqueNames(customerCount, zhCompany(r));
  const customers = names.map((name, i) => {
    const sales = cents(r.skewed(200000, 6000000, 2));
    return { id: `K${String(i + 1).padStart(4, "0")}`, name, sales, limit: Math.round((sales * (0.15 + r.next() * 0.25)) / 10000) * 10000, lateness: r.next() };
  });
  const rows = [];
  let invoiceNo = 240001;
  for (const c of customers) {
    let first = true;
    const lines = r.int(3, 14);
    for (let k = 0; k < lines; k++) {
      const issued = addDays(SAMPLE_AS_OF, -r.int(5, 200));
      const terms = r.pick([30, 30, 45, 60, 90]);
      // Slow payers keep old invoices open longer.
      if (r.next() > 0.35 + c.lateness * 0.5 && issued < addDays(SAMPLE_AS_OF, -terms - 10)) continue;
      // The year's credit sales are a per-customer figure, given once on the customer's first line
      // (the aging workflow takes one figure per customer, so repeating it would also be fine).
      rows.push({ id: c.id, name: c.name, invoice: `INV${invoiceNo++}`, issued, due: addDays(issued, terms), open: cents(r.skewed(800, c.sales / 12, 2.2)), limit: c.limit, sales: first ? c.sales : null });
      first = false;
    }
  }
  // A blank due date (not on a customer's first line, which carries the year's sales).
  const blankDue = rows.findIndex((row, i) => i >= 20 && row.sales === null);
  rows[blankDue].due = null; // row 23
  rows[333].open = -1250; // row 335: a credit note (negative open amount)
  const wb = newWorkbook();
  sheetWith(
    wb,
    "应收账款",
    [
      { header: "客户编号", key: "id", width: 10 },
      { header: "客户名称", key: "name", width: 24 },
      { header: "发票号", key: "invoice", width: 11 },
      { header: "开票日期", key: "issued", numFmt: DATE, width: 11 },
      { header: "到期日", key: "due", numFmt: DATE, width: 11 },
      { header: "未收金额", key: "open", numFmt: MONEY, width: 12 },
      { header: "信用额度", key: "limit", numFmt: MONEY, width: 12 },
      { header: "年赊销额", key: "sales", numFmt: MONEY, width: 14 },
    ],
    rows,
  );
  return wb;
}

/** Five C ratings (1..5) and net working capital, English headers and company names: credit review. */
function credit() {
  const r = rng(20240404);
  const n = 600;
  const names = uniqueNames(n, enCompany(r));
  const rows = names.map((name, i) => {
    const quality = r.next();
    const rating = () => Math.min(5, Math.max(1, Math.round(1 + quality * 4 + (r.next() - 0.5) * 1.6)));
    return {
      id: `B${String(i + 1).padStart(4, "0")}`,
      name,
      character: rating(),
      capacity: rating(),
      capital: rating(),
      collateral: rating(),
      conditions: rating(),
      nwc: Math.round(r.skewed(100000, 20000000, 2.3) / 1000) * 1000,
    };
  });
  const wb = newWorkbook();
  sheetWith(
    wb,
    "Credit",
    [
      { header: "Customer ID", key: "id", width: 11 },
      { header: "Customer", key: "name", width: 28 },
      { header: "Character", key: "character", width: 10 },
      { header: "Capacity", key: "capacity", width: 10 },
      { header: "Capital", key: "capital", width: 10 },
      { header: "Collateral", key: "collateral", width: 10 },
      { header: "Conditions", key: "conditions", width: 10 },
      { header: "Net working capital", key: "nwc", numFmt: MONEY, width: 18 },
    ],
    rows,
  );
  return wb;
}


/**
 * The CDNOW sample (Fader, Hardie & Lee; ../shared/data/cdnow): 2,357 customers' CD purchases
 * 1997-01-01 … 1998-06-30, as a transaction sheet for predicting customer value (calibration to
 * 1997-09-30, holdout to 1998-06-30). Real data, not generated: read from the shared reference file.
 */
function cdnow(root) {
  const file = path.join(root, "../shared/data/cdnow/CDNOW_sample.txt");
  const rows = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    rows.push({ id: Number(f[1]), date: utc(Number(f[2].slice(0, 4)), Number(f[2].slice(4, 6)), Number(f[2].slice(6, 8))), cds: Number(f[3]), amount: Number(f[4]) });
  }
  const wb = newWorkbook();
  sheetWith(
    wb,
    "CDNOW",
    [
      { header: "Customer ID", key: "id", width: 11 },
      { header: "Date", key: "date", numFmt: DATE, width: 11 },
      { header: "CDs", key: "cds", width: 6 },
      { header: "Amount", key: "amount", numFmt: MONEY, width: 11 },
    ],
    rows,
  );
  return wb;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The sample workbooks by file name (without .xlsx), built in memory. */
export function buildSamples() {
  return { customers: customers(), transactions: transactions(), invoices: invoices(), credit: credit(), cdnow: cdnow(ROOT) };
}

async function main() {
  const args = process.argv.slice(2);
  const outArg = args.indexOf("--out");
  const out = outArg >= 0 ? path.resolve(args[outArg + 1]) : path.join(ROOT, "assets/samples");
  fs.mkdirSync(out, { recursive: true });
  for (const [name, wb] of Object.entries(buildSamples())) {
    const file = path.join(out, `${name}.xlsx`);
    await wb.xlsx.writeFile(file);
    const rows = wb.worksheets[0].rowCount - 1;
    console.log(`${path.relative(process.cwd(), file)}: ${rows} rows`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

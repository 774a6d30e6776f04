/** The CDNOW sample (../shared/data/cdnow) as sheet rows, and its published per-customer summary. */
import * as fs from "fs";
import * as path from "path";
import { isoToSerial } from "../../src/core/dates";
import type { Block } from "../../src/workbook/types";
import type { WorkflowRequest } from "../../src/workflows/types";
import { tableAt } from "./workflows";

const DIR = path.resolve(__dirname, "../../../shared/data/cdnow");

/** 客户 / 日期 / 金额 rows: customer id (1…2357), date serial, dollar amount. */
export function cdnowTransactions(headers: [string, string, string] = ["客户", "日期", "金额"]): Block {
  const rows: Block = [headers];
  for (const line of fs.readFileSync(path.join(DIR, "CDNOW_sample.txt"), "utf8").split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    rows.push([Number(f[1]), isoToSerial(`${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)}`)!, Number(f[4])]);
  }
  return rows;
}

/** ID, x, t_x, T as published (weeks, to 2 decimals). */
export function cdnowSummary(): number[][] {
  return fs
    .readFileSync(path.join(DIR, "cdnow_customers_summary.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map(Number));
}

const AS_OF = isoToSerial("1997-09-30")!;
const HOLDOUT = isoToSerial("1998-06-30")!;

export function cdnowRequest(rows: number, lang: "zh" | "en" = "zh"): WorkflowRequest {
  return {
    workflow: "predict",
    source: { sheet: "Data", row: 0, column: 0, rows, columns: 3 },
    mapping: { customer: 0, date: 1, amount: 2 },
    options: { language: lang, period: "week", asOf: AS_OF, holdoutEnd: HOLDOUT, horizon: 52, rate: 0, margin: 1 },
  };
}

/** The 2-column parameter table under a title line. */
export function params(summary: Block, title: string): Record<string, unknown> {
  const start = summary.findIndex((r) => r[0] === title);
  const out: Record<string, unknown> = {};
  for (let i = start + 2; i < summary.length && summary[i][0] !== null; i++) out[String(summary[i][0])] = summary[i][1];
  return out;
}

/** Checks the CDNOW cells every path must give. */
export function expectCdnow(customers: Block, summary: Block): void {
  const bg = params(summary, "BG/NBD 模型（购买次数与流失）");
  expect((bg.r as number).toFixed(3)).toBe("0.243");
  expect((bg.alpha as number).toFixed(3)).toBe("4.414");
  expect((bg.a as number).toFixed(3)).toBe("0.793");
  expect((bg.b as number).toFixed(3)).toBe("2.426");
  expect((bg.log_likelihood as number).toFixed(1)).toBe("-9582.4");
  expect(bg.customers).toBe(2357);
  expect(bg.converged).toBe("是");
  const gg = params(summary, "Gamma-Gamma 模型（每次消费金额）");
  expect(gg.customers).toBe(946);
  expect((gg.p as number).toFixed(2)).toBe("6.25");
  expect((gg.q as number).toFixed(2)).toBe("3.74");
  expect((gg.v as number).toFixed(2)).toBe("15.44");
  expect(typeof gg.corr_x_value).toBe("number");
  const published = cdnowSummary();
  expect(customers.length).toBe(published.length + 1);
  expect(customers[0]).toEqual(["客户", "重复购买次数 x", "最近购买时点 t_x", "观察期 T", "仍活跃概率 P(alive)", "预测期内预期购买次数", "每次预期消费金额", "预测客户终生价值"]);
  const byId = new Map(customers.slice(1).map((r) => [r[0], r]));
  for (const [id, x, tx, T] of published) {
    const row = byId.get(id)!;
    expect([id, row[1], Number((row[2] as number).toFixed(2)), Number((row[3] as number).toFixed(2))]).toEqual([id, x, tx, T]);
    for (const v of row.slice(4)) expect(Number.isFinite(v)).toBe(true);
  }
  const holdout = tableAt(summary, "重复购买次数");
  expect(holdout[0]).toEqual(["重复购买次数", "客户数", "实际平均购买次数", "模型预测平均次数"]);
  expect(holdout.map((r) => r[0])).toEqual(["重复购买次数", 0, 1, 2, 3, 4, 5, 6, "7+"]);
  expect(holdout.slice(1).reduce((s, r) => s + (r[1] as number), 0)).toBe(2357);
}


/**
 * The textbook exercise workbook (assets/samples/exercises.xlsx): one sheet per topic; each
 * exercise states the problem in Chinese and English, holds the given data in blue cells, answers
 * with a =CRM.… formula (column B), works the same answer out with plain Excel formulas (column C)
 * and checks that the two agree (column D). Every formula's cached result is written too, so the
 * file shows numbers before the add-in has calculated anything.
 *
 * Run `node scripts/make-exercises.mjs` after changing this file and commit the workbook;
 * test/unit/exercises.test.ts regenerates it and compares.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { isoToSerial } from "../src/core/dates";
import { addressText, Cell, cellAddress, FormulaError, Scalar } from "../src/explorer/formula";
import { Metadata } from "../src/explorer/registry";
import { fileFormula } from "../src/formulas/file-formula";
import { columnWidthPoints, type NativeChart } from "../src/workbook/native-charts";
import type { CellValue, ChartSpec } from "../src/workbook/types";
import { Book, CellDef, crmCalls, evaluateBook } from "./make-exercises.sheet";

export type Style = "title" | "note" | "heading" | "problem" | "label" | "given" | "header" | "crm" | "worked" | "check" | "formula" | "plain";

interface Placed {
  def: CellDef;
  style: Style;
  numFmt?: string;
}

/** A formula in a table cell (plain text is a value). */
interface F {
  f: string;
}
const f = (formula: string): F => ({ f: formula });

const MONEY = "#,##0.00";
const RATE = "0.00%";
const PCT = "0%";
const FACTOR = "0.0000";
const INT = "0";
const DATE = "yyyy-mm-dd";
const SCORE = "0.00";

/** Column widths in characters: A holds labels, B.. values. */
const WIDTHS = [40, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16];
/** Problem texts are merged across A..this column. */
const TEXT_SPAN = 7;

class SheetWriter {
  readonly cells = new Map<string, Placed>();
  readonly merges: string[] = [];
  readonly heights = new Map<number, number>();
  /** Charts over this sheet's cells, written into the file as native chart parts (exerciseCharts). */
  readonly charts: ChartSpec[] = [];
  /** The next row to write (1-based, as shown in Excel). */
  row = 1;

  constructor(readonly name: string) {}

  at(column: number, row = this.row): string {
    return addressText(row - 1, column);
  }

  put(addr: string, content: Scalar | F | null, style: Style, numFmt?: string): string {
    const def: CellDef = content !== null && typeof content === "object" ? { formula: content.f } : { value: content };
    this.cells.set(addr, { def, style, numFmt });
    return addr;
  }

  /** A line of text across the sheet, wrapped, tall enough for its length. */
  private wide(text: string, style: Style): void {
    const addr = this.at(0);
    this.put(addr, text, style);
    this.merges.push(`${addr}:${this.at(TEXT_SPAN)}`);
    const width = WIDTHS.slice(0, TEXT_SPAN + 1).reduce((a, b) => a + b, 0);
    const chars = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
    this.heights.set(this.row, Math.max(1, Math.ceil((chars * 1.1) / width)) * 15 + 3);
    this.row++;
  }

  title(zh: string, en: string): void {
    this.put(this.at(0), `${zh} · ${en}`, "title");
    this.heights.set(this.row, 24);
    this.row++;
    this.wide(
      "蓝色单元格是已知数据，可以修改；绿色单元格用 CRM 函数求答案，黄色单元格用普通 Excel 公式分步求同一答案，“核对”一栏检查两者是否一致（✓）。 / Blue cells hold the given data: change them and the answers follow. Green cells answer with a CRM function, yellow cells work the same answer out with plain Excel formulas, and the Check cells show ✓ when the two agree.",
      "note",
    );
    this.row++;
  }

  exercise(heading: string, zh: string, en: string): void {
    this.put(this.at(0), heading, "heading");
    this.row++;
    this.wide(zh, "problem");
    this.wide(en, "problem");
    this.row++;
  }

  note(text: string): void {
    this.wide(text, "note");
  }

  /** A given value in B with its label in A; returns the value's address (absolute, for formulas). */
  given(label: string, value: Scalar, numFmt?: string): string {
    this.put(this.at(0), label, "label");
    const addr = this.put(this.at(1), value, "given", numFmt);
    this.row++;
    return abs(addr);
  }

  /** A computed step in B (a plain formula) with its label; returns its address. */
  step(label: string, formula: string, numFmt?: string): string {
    this.put(this.at(0), label, "label");
    const addr = this.put(this.at(1), f(formula), "worked", numFmt);
    this.row++;
    return abs(addr);
  }

  /**
   * A table: a header row, then one row per item. `cell(i, row)` gives the cells of item i on
   * sheet row `row`; given values are blue, formulas yellow. Returns the first and last item rows.
   */
  table(headers: string[], count: number, cell: (i: number, row: number) => (Scalar | F | null)[], numFmts: (string | undefined)[] = [], from = 0): { first: number; last: number } {
    headers.forEach((h, c) => this.put(this.at(from + c), h, "header"));
    this.heights.set(this.row, 33);
    this.row++;
    const first = this.row;
    for (let i = 0; i < count; i++) {
      cell(i, this.row).forEach((v, c) => {
        if (v === null) return;
        const style: Style = typeof v === "object" ? "worked" : c === 0 ? "label" : "given";
        this.put(this.at(from + c), v, style, numFmts[c]);
      });
      this.row++;
    }
    return { first, last: this.row - 1 };
  }

  answerHeader(): void {
    this.table(["问题 / Question", "CRM 函数 / CRM function", "分步计算 / Worked out", "核对 / Check", "公式 / Formula"], 0, () => []);
  }

  /** An answer row: the CRM formula (B), the worked formula (C), their check (D) and the formula text (E). */
  answer(label: string, crm: string, worked: string, numFmt?: string): string {
    const r = this.row;
    this.put(this.at(0), label, "label");
    const b = this.put(this.at(1), f(crm), "crm", numFmt);
    const c = this.put(this.at(2), f(worked), "worked", numFmt);
    this.put(this.at(3), f(checkFormula(b, c, numFmt !== undefined)), "check");
    this.put(this.at(4), `=${rel(crm)}`, "formula");
    this.row = r + 1;
    return abs(b);
  }

  /** A legacy array formula over `rows` × `cols` cells from column `from` of the current row. */
  array(formula: string, rows: number, cols: number, numFmts: (string | undefined)[] = [], from = 0, firstRow = this.row): string {
    const top = this.at(from, firstRow);
    const range = `${top}:${this.at(from + cols - 1, firstRow + rows - 1)}`;
    this.cells.set(top, { def: { formula, array: range }, style: "crm", numFmt: numFmts[0] });
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (r === 0 && c === 0) continue;
        // Placeholders carry the style; they are array parts, not cells of their own.
        this.cells.set(this.at(from + c, firstRow + r), { def: { value: null }, style: "crm", numFmt: numFmts[c] });
      }
    }
    return range;
  }

  /** A CRM formula spilling down the rows of table `t`, over `cols` columns from column `from`. */
  spillIn(t: { first: number; last: number }, from: number, formula: string, cols = 1, numFmts: (string | undefined)[] = []): string {
    return this.array(formula, t.last - t.first + 1, cols, numFmts, from, t.first);
  }

  /** Shows the given columns of table `t` as check cells. */
  checks(t: { first: number; last: number }, ...columns: number[]): void {
    for (let row = t.first; row <= t.last; row++) for (const c of columns) this.cells.get(this.at(c, row))!.style = "check";
  }

  /** A row of formula texts under a table, one per spilled column. */
  formulas(...entries: [number, string][]): void {
    this.put(this.at(0), "公式 / Formulas", "label");
    for (const [c, formula] of entries) this.put(this.at(c), `=${rel(formula)}`, "formula");
    this.row++;
  }

  /** A check of a whole spilled block against its worked twin, cell by cell. */
  blockCheck(label: string, spilled: string, worked: string): void {
    this.put(this.at(0), label, "label");
    this.put(this.at(1), f(`IF(SUMPRODUCT(ABS(${spilled}-${worked}))<0.005,"✓","✗")`), "check");
    this.row++;
  }

  /** A spilled CRM table below a caption, with its formula text beside the caption. */
  spill(caption: string, formula: string, rows: number, cols: number, numFmts: (string | undefined)[] = []): { range: string; first: number } {
    this.put(this.at(0), caption, "heading");
    this.put(this.at(4), `=${rel(formula)}`, "formula");
    this.row++;
    const first = this.row;
    const range = this.array(formula, rows, cols, numFmts);
    this.row += rows;
    return { range, first };
  }

  gap(): void {
    this.row++;
  }
}

const CHECK_ALL = "核对（全部一致为 ✓）/ Check (✓ when every cell agrees)";
const abs = (addr: string) => addr.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
const rel = (addr: string) => addr.replace(/\$/g, "");

function checkFormula(a: string, b: string, numeric: boolean): string {
  return numeric ? `IF(ROUND(${rel(a)}-${rel(b)},2)=0,"✓","✗")` : `IF(${rel(a)}=${rel(b)},"✓","✗")`;
}

/** "B5:B14" for a column of table rows. */
const col = (column: number, first: number, last: number) => `${addressText(first - 1, column)}:${addressText(last - 1, column)}`;
const absCol = (column: number, first: number, last: number) => col(column, first, last).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");

// ───────────────────────────── topics ─────────────────────────────

function clvModels(): SheetWriter {
  const s = new SheetWriter("CLV模型 CLV models");
  s.title("客户终生价值模型", "Customer lifetime value models");

  s.exercise(
    "练习 1（第三章习题 3）· Exercise 1 (chapter 3, exercise 3)",
    "假设客户与公司保持交易时间 n = 10 年，公司最初吸引每个客户的成本 C₀ = ¥500，客户第一次购买的产品价格 P₀ = ¥3000，公司期望每年从每个客户处增加的收入 Iₙ = ¥1000，利率 r = 8%，每年的直接服务成本 Cs = ¥100。用模型一和模型三分别计算客户的终生价值。",
    "A customer stays n = 10 years. Attracting the customer cost C₀ = ¥500, the first purchase brought P₀ = ¥3000, each year adds revenue Iₙ = ¥1000 and costs Cs = ¥100 of direct service, and the interest rate is r = 8%. Compute the lifetime value with model 1 (revenue only) and model 3 (with service cost, acquisition cost and first purchase).",
  );
  const n = s.given("交易年数 n / Years n", 10, INT);
  const r = s.given("折现率 r / Discount rate r", 0.08, PCT);
  const income = s.given("每年收入 Iₙ / Revenue per year Iₙ", 1000, MONEY);
  const service = s.given("每年直接服务成本 Cs / Service cost per year Cs", 100, MONEY);
  const acquisition = s.given("获取成本 C₀ / Acquisition cost C₀", 500, MONEY);
  const first = s.given("首次购买 P₀ / First purchase P₀", 3000, MONEY);
  s.gap();
  s.note("逐年折现（表格列出 10 年）/ Year by year, discounted (the table lists 10 years)");
  const t = s.table(
    ["年 t / Year t", "折现系数 1/(1+r)^t / Discount factor", "收入现值 Iₙ×系数 / PV of revenue", "利润现值 (Iₙ−Cs)×系数 / PV of margin"],
    10,
    (i, row) => [i + 1, f(`1/(1+${r})^A${row}`), f(`${income}*B${row}`), f(`(${income}-${service})*B${row}`)],
    [INT, FACTOR, MONEY, MONEY],
  );
  s.put(s.at(0), "合计 / Total", "label");
  s.put(s.at(1), f(`SUM(${col(1, t.first, t.last)})`), "worked", FACTOR);
  const pvRevenue = s.put(s.at(2), f(`SUM(${col(2, t.first, t.last)})`), "worked", MONEY);
  const pvMargin = s.put(s.at(3), f(`SUM(${col(3, t.first, t.last)})`), "worked", MONEY);
  s.row++;
  s.gap();
  s.answerHeader();
  s.answer("模型一：只计收入 / Model 1: revenue only", `CRM.CLV(${r},${n},${income})`, pvRevenue, MONEY);
  const model3 = s.answer("模型三：计服务成本、获取成本与首次购买 / Model 3: service cost, acquisition cost, first purchase", `CRM.CLV(${r},${n},${income},${service},${acquisition},${first})`, `${first}-${acquisition}+${pvMargin}`, MONEY);
  s.note("来源说明：习题只说“用模型一和模型三”，课程文本没有给出这两个模型的定义；模型一 = 只计收入、模型三 = 计服务成本、获取成本与首次购买，是本工作簿（和 CRM.CLV 帮助）的理解。 / Sources: the exercise says “use model 1 and model 3” but the course texts never define the models; model 1 = revenue only and model 3 = with service cost, acquisition cost and first purchase is this workbook's (and CRM.CLV's help's) reading.");
  s.gap();
  const sched = s.spill("CRM.CLVSCHEDULE：模型三逐期计算 / Model 3 period by period", `CRM.CLVSCHEDULE(${r},${n},${income},${service},${acquisition},${first})`, 12, 8, [INT, MONEY, MONEY, MONEY, FACTOR, FACTOR, MONEY, MONEY]);
  const lastCell = addressText(sched.first + 10, 7);
  s.answerHeader();
  s.answer("逐期表最后一格等于模型三 / The table's last cell equals model 3", lastCell, rel(model3), MONEY);
  s.gap();

  s.exercise(
    "练习 2（第三章习题 4）· Exercise 2 (chapter 3, exercise 4)",
    "客户 A、客户 B 与公司保持交易时间均为 10 年，公司期望每年从客户 A 处增加的收入为 Ina = ¥500，从客户 B 处增加的收入为 Inb = ¥550，但每年用于客户 A 的直接服务成本为 Csa = ¥200，用于客户 B 的为 Csb = ¥300，利率 8%（原题没有给出利率，这里沿用习题 3 的 8%，是本工作簿的假设）。用模型一和模型三计算客户 A 和客户 B 的终生价值，并分析两种模型的适用性。",
    "Customers A and B both stay 10 years at 8% (the exercise gives no rate: 8% is taken from exercise 3, this workbook's assumption). Each year A adds revenue Ina = ¥500 and B adds Inb = ¥550, but A's direct service costs Csa = ¥200 a year and B's Csb = ¥300. Compute both lifetime values with model 1 and model 3, and say which model suits which question.",
  );
  const n2 = s.given("交易年数 n / Years n", 10, INT);
  const r2 = s.given("折现率 r / Discount rate r", 0.08, PCT);
  const inA = s.given("客户 A 每年收入 / A's revenue per year", 500, MONEY);
  const inB = s.given("客户 B 每年收入 / B's revenue per year", 550, MONEY);
  const csA = s.given("客户 A 每年服务成本 / A's service cost per year", 200, MONEY);
  const csB = s.given("客户 B 每年服务成本 / B's service cost per year", 300, MONEY);
  const annuity = s.step("年金现值系数 (1−(1+r)^−n)/r / Annuity factor", `(1-(1+${r2})^-${n2})/${r2}`, FACTOR);
  s.gap();
  s.answerHeader();
  const a1 = s.answer("客户 A，模型一 / A, model 1", `CRM.CLV(${r2},${n2},${inA})`, `${inA}*${annuity}`, MONEY);
  const b1 = s.answer("客户 B，模型一 / B, model 1", `CRM.CLV(${r2},${n2},${inB})`, `${inB}*${annuity}`, MONEY);
  const a3 = s.answer("客户 A，模型三（扣服务成本）/ A, model 3 (net of service cost)", `CRM.CLV(${r2},${n2},${inA},${csA})`, `(${inA}-${csA})*${annuity}`, MONEY);
  const b3 = s.answer("客户 B，模型三（扣服务成本）/ B, model 3 (net of service cost)", `CRM.CLV(${r2},${n2},${inB},${csB})`, `(${inB}-${csB})*${annuity}`, MONEY);
  s.step("模型一下价值更高 / Worth more under model 1", `IF(${rel(a1)}>${rel(b1)},"A","B")`);
  s.step("模型三下价值更高 / Worth more under model 3", `IF(${rel(a3)}>${rel(b3)},"A","B")`);
  s.note("排名反转：模型一只看收入，适合比较服务成本相近的客户；模型三扣除服务成本，反映客户真正带来的价值。 / The ranking flips: model 1 looks at revenue only and suits customers with similar service costs; model 3 subtracts the cost of serving each customer and shows what each really brings.");
  s.gap();

  s.exercise(
    "练习 3（简易模型，课程文本 004）· Exercise 3 (the simple model, course text 004)",
    "某客户平均每次购买 ¥200，每年购买 4 次，预计保持 5 年，获取成本 ¥300。按课程文本 004 的公式“CLV = 平均每次购买金额 × 购买频率 × 平均客户生命周期 − 获取成本”计算。再按 25% 的毛利率求利润口径的变体（利润率是本插件增加的参数，文本的公式中没有）。",
    "A customer spends ¥200 a purchase, buys 4 times a year and is expected to stay 5 years; acquiring the customer cost ¥300. Use course text 004's formula CLV = average purchase value × purchase frequency × average customer lifespan − acquisition cost. Then work out a profit variant with a 25% gross margin (the margin is this add-in's addition; the text's formula has none).",
  );
  const avg = s.given("平均购买额 / Average purchase", 200, MONEY);
  const freq = s.given("每年购买次数 / Purchases per year", 4, INT);
  const life = s.given("生命周期（年）/ Lifespan (years)", 5, INT);
  const ac = s.given("获取成本 / Acquisition cost", 300, MONEY);
  const margin = s.given("毛利率（变体）/ Margin (variant)", 0.25, PCT);
  s.gap();
  s.answerHeader();
  s.answer("文本 004 的公式 / Text 004's formula", `CRM.CLVSIMPLE(${avg},${freq},${life},,${ac})`, `${avg}*${freq}*${life}-${ac}`, MONEY);
  s.answer("变体：乘以毛利率 / Variant: times the margin", `CRM.CLVSIMPLE(${avg},${freq},${life},${margin},${ac})`, `${avg}*${freq}*${life}*${margin}-${ac}`, MONEY);
  return s;
}

function retentionClv(): SheetWriter {
  const s = new SheetWriter("留存与CLV Retention CLV");
  s.title("按留存率加权的客户终生价值", "Retention-weighted lifetime value");

  s.exercise(
    "练习 1（四年留存例题）· Exercise 1 (the four-year retention example)",
    "一家电服务商跟踪使用其服务设施的客户。提供服务的初始成本是 5 000 元，第一年的收入是 8 000 元，第二年 4 500 元，第三年 5 000 元，第四年 5 200 元，折现率 20%。这四年中保留客户的可能性分别为 0.9、0.8、0.6 和 0.3，提供服务的费用分别是 1 000、1 200、1 300 和 1 400 元。计算客户终生价值（现金流在每年年末；再按年初计算一次）。这四个概率有两种理解，见本题最后。",
    "A home-appliance service company follows the customers of its service. Setting up the service costs ¥5,000; revenue is ¥8,000 in year 1, ¥4,500 in year 2, ¥5,000 in year 3 and ¥5,200 in year 4, at a discount rate of 20%. The probability that the customer is still with the company is 0.9, 0.8, 0.6 and 0.3 in those years, and serving the customer costs ¥1,000, ¥1,200, ¥1,300 and ¥1,400. Compute the lifetime value (cash at the end of each year; then again with cash at the start). The four probabilities can be read two ways: see the end of this exercise.",
  );
  const r = s.given("折现率 / Discount rate", 0.2, PCT);
  const ac = s.given("初始成本（获取成本）/ Initial (acquisition) cost", 5000, MONEY);
  const p0 = s.given("首次购买 / First purchase", 0, MONEY);
  s.gap();
  const revenue = [8000, 4500, 5000, 5200];
  const cost = [1000, 1200, 1300, 1400];
  const keep = [0.9, 0.8, 0.6, 0.3];
  const t = s.table(
    ["年 t / Year t", "收入 / Revenue", "服务费用 / Cost", "保留概率 / Retention", "利润 / Margin", "年末折现系数 / End-of-year factor", "现值（年末）/ PV (end)", "年初折现系数 / Start-of-year factor", "现值（年初）/ PV (start)"],
    4,
    (i, row) => [i + 1, revenue[i], cost[i], keep[i], f(`B${row}-C${row}`), f(`1/(1+${r})^A${row}`), f(`D${row}*E${row}*F${row}`), f(`1/(1+${r})^(A${row}-1)`), f(`D${row}*E${row}*H${row}`)],
    [INT, MONEY, MONEY, SCORE, MONEY, FACTOR, MONEY, FACTOR, MONEY],
  );
  s.put(s.at(0), "合计 / Total", "label");
  const pvEnd = s.put(s.at(6), f(`SUM(${col(6, t.first, t.last)})`), "worked", MONEY);
  const pvStart = s.put(s.at(8), f(`SUM(${col(8, t.first, t.last)})`), "worked", MONEY);
  s.row++;
  const rev = absCol(1, t.first, t.last);
  const cst = absCol(2, t.first, t.last);
  const ret = absCol(3, t.first, t.last);
  s.gap();
  s.answerHeader();
  const end = s.answer("年末现金流 / Cash at the end of each year", `CRM.CLV(${r},,${rev},${cst},${ac},${p0},${ret})`, `${p0}-${ac}+${pvEnd}`, MONEY);
  s.answer("年初现金流 / Cash at the start of each year", `CRM.CLV(${r},,${rev},${cst},${ac},${p0},${ret},1)`, `${p0}-${ac}+${pvStart}`, MONEY);
  s.gap();
  const sched = s.spill("CRM.CLVSCHEDULE：逐年计算（英文表头）/ Year by year (English headers)", `CRM.CLVSCHEDULE(${r},,${rev},${cst},${ac},${p0},${ret},0,"en")`, 6, 8, [INT, MONEY, MONEY, MONEY, SCORE, FACTOR, MONEY, MONEY]);
  s.answerHeader();
  s.answer("逐年表最后一格等于年末答案 / The table's last cell equals the end-of-year answer", addressText(sched.first + 4, 7), rel(end), MONEY);
  s.gap();
  s.note("两种理解 / Two readings. CRM.CLV 把留存区域当作第 t 年客户仍在的概率（存活概率）原样使用，上面的 3917.82 即按此理解。若 0.9、0.8、0.6、0.3 是逐年保持率（第 t 年留下的客户占第 t−1 年的比例），存活概率是它们的连乘积 0.9、0.72、0.432、0.1296，客户终生价值为 3062.50：把连乘积交给 CRM.CLV。 / CRM.CLV takes a retention range as the probability that the customer is still there in year t (survival), as given: the 3917.82 above is that reading. If 0.9, 0.8, 0.6 and 0.3 are year-to-year retention rates (the share of year t−1's customers kept in year t), survival is their running product 0.9, 0.72, 0.432, 0.1296 and the lifetime value is 3062.50: give CRM.CLV the running product.");
  const yy = s.table(["年 t / Year t", "逐年保持率 / Year-to-year retention", "存活概率（连乘）/ Survival (running product)", "现值（年末）/ PV (end)"], 4, (i, row) => [f(`A${t.first + i}`), f(`D${t.first + i}`), f(i === 0 ? `B${row}` : `C${row - 1}*B${row}`), f(`C${row}*E${t.first + i}*F${t.first + i}`)], [INT, SCORE, FACTOR, MONEY]);
  s.answerHeader();
  s.answer("逐年保持率的理解 / The year-to-year reading", `CRM.CLV(${r},,${rev},${cst},${ac},${p0},${absCol(2, yy.first, yy.last)})`, `${p0}-${ac}+SUM(${col(3, yy.first, yy.last)})`, MONEY);
  s.gap();

  s.exercise(
    "练习 2（无限期、固定留存率）· Exercise 2 (infinite horizon, constant retention)",
    "客户每年带来利润 ¥100，每年留存率 80%，折现率 10%，不计获取成本。求无限期的客户终生价值：利润在每年年末（m·r/(1+d−r)）与在每年年初（m·(1+d)/(1+d−r)）两种情形。",
    "A customer brings a margin of ¥100 a year; 80% of customers stay each year and the discount rate is 10%, with no acquisition cost. Find the lifetime value over an infinite horizon with the margin at the end of each year (m·r/(1+d−r)) and at the start (m·(1+d)/(1+d−r)).",
  );
  const m = s.given("每年利润 m / Margin per year m", 100, MONEY);
  const keepRate = s.given("留存率 r / Retention rate r", 0.8, PCT);
  const d = s.given("折现率 d / Discount rate d", 0.1, PCT);
  s.gap();
  s.answerHeader();
  s.answer("年末 / End of year", `CRM.CLVPERPETUITY(${m},${keepRate},${d})`, `${m}*${keepRate}/(1+${d}-${keepRate})`, MONEY);
  s.answer("年初 / Start of year", `CRM.CLVPERPETUITY(${m},${keepRate},${d},0,1)`, `${m}*(1+${d})/(1+${d}-${keepRate})`, MONEY);
  s.gap();

  s.exercise(
    "练习 3（客户保持率与流失率）· Exercise 3 (retention and churn rates)",
    "某企业年初有客户 1 000 位，年末有 950 位，其中 150 位是本年新增的。求客户保持率和流失率；保持率就是上面各题所用的留存率。",
    "A company starts the year with 1,000 customers and ends it with 950, of whom 150 are new this year. Find the retention and churn rates; the retention rate is what the exercises above use.",
  );
  const start = s.given("年初客户数 / Customers at the start", 1000, INT);
  const endCount = s.given("年末客户数 / Customers at the end", 950, INT);
  const fresh = s.given("本年新增客户 / New customers", 150, INT);
  s.gap();
  s.answerHeader();
  const kept = s.answer("客户保持率 / Retention rate", `CRM.RETENTION(${start},${endCount},${fresh})`, `(${endCount}-${fresh})/${start}`, PCT);
  s.answer("客户流失率 / Churn rate", `CRM.CHURN(${start},${endCount},${fresh})`, `1-${rel(kept)}`, PCT);
  return s;
}

function rfmScoring(): SheetWriter {
  const s = new SheetWriter("RFM评分与分群 RFM");
  s.title("RFM 评分与客户分群", "RFM scores and segments");

  s.exercise(
    "练习 1（RFM 评分）· Exercise 1 (RFM scores)",
    "下表是 10 位客户的最近一次消费距今天数（R，越少越好）、消费次数（F）和消费金额（M）。按 5 级为每位客户评分：F、M 分 = 1 + INT(5 × 值比它低的客户数 ÷ 客户数)；R 分 = 1 + INT(5 × 天数比它多的客户数 ÷ 客户数)。再写出 RFM 代码 R×100 + F×10 + M。",
    "Below are 10 customers' recency (days since the last purchase, fewer is better), frequency and monetary value. Score each on 5 levels: F or M score = 1 + INT(5 × customers with a lower value ÷ customers); R score = 1 + INT(5 × customers with more days ÷ customers). Then write the RFM code R×100 + F×10 + M.",
  );
  const bins = s.given("评分等级数 bins / Score levels", 5, INT);
  s.gap();
  const ids = ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10"];
  const recency = [12, 45, 3, 120, 30, 8, 60, 200, 15, 90];
  const frequency = [9, 4, 15, 1, 6, 11, 3, 2, 7, 5];
  const monetary = [3200, 900, 5600, 150, 1800, 4100, 700, 300, 2500, 1200];
  const n = ids.length;
  const R = (first: number, last: number) => absCol(1, first, last);
  const t = s.table(
    ["客户 / Customer", "R 天数 / Recency (days)", "F 次数 / Frequency", "M 金额 / Monetary", "CRM R", "CRM F", "CRM M", "分步 R / Worked R", "分步 F / Worked F", "分步 M / Worked M", "核对 / Check", "CRM 代码 / CRM code", "分步代码 / Worked code", "核对 / Check"],
    n,
    (i, row) => [
      ids[i],
      recency[i],
      frequency[i],
      monetary[i],
      null,
      null,
      null,
      f(`1+INT(${bins}*COUNTIF(${R(row - i, row - i + n - 1)},">"&B${row})/COUNT(${R(row - i, row - i + n - 1)}))`),
      f(`1+INT(${bins}*COUNTIF(${absCol(2, row - i, row - i + n - 1)},"<"&C${row})/COUNT(${absCol(2, row - i, row - i + n - 1)}))`),
      f(`1+INT(${bins}*COUNTIF(${absCol(3, row - i, row - i + n - 1)},"<"&D${row})/COUNT(${absCol(3, row - i, row - i + n - 1)}))`),
      f(`IF(AND(E${row}=H${row},F${row}=I${row},G${row}=J${row}),"✓","✗")`),
      null,
      f(`H${row}*100+I${row}*10+J${row}`),
      f(checkFormula(`L${row}`, `M${row}`, true)),
    ],
    [undefined, INT, INT, MONEY, INT, INT, INT, INT, INT, INT, undefined, INT, INT],
  );
  const rfm = [1, 2, 3].map((c) => col(c, t.first, t.last)).join(",");
  const scoresFormula = `CRM.RFMSCORE(${rfm},${bins},,"scores")`;
  const codeFormula = `CRM.RFMSCORE(${rfm},${bins})`;
  s.spillIn(t, 4, scoresFormula, 3, [INT, INT, INT]);
  s.spillIn(t, 11, codeFormula, 1, [INT]);
  s.checks(t, 10, 13);
  s.formulas([4, scoresFormula], [11, codeFormula]);
  s.gap();

  s.exercise(
    "练习 2（八类客户）· Exercise 2 (the eight classes)",
    "按教材的客户价值八分类，把练习 1 中每位客户归入一类：分数大于 (bins+1)/2（5 级时为 4、5 分）为“高”，否则为“低”，再按下表对应。",
    "Put each customer of exercise 1 into one of the textbook's eight classes: a score above (bins+1)/2 (4 or 5 on 5 levels) is high, else low; then look the pattern up in the table below.",
  );
  const classes: [string, string][] = [
    ["R高F高M高", "重要价值客户"],
    ["R高F低M高", "重要发展客户"],
    ["R低F高M高", "重要保持客户"],
    ["R低F低M高", "重要挽留客户"],
    ["R高F高M低", "一般价值客户"],
    ["R高F低M低", "一般发展客户"],
    ["R低F高M低", "一般保持客户"],
    ["R低F低M低", "一般挽留客户"],
  ];
  const ct = s.table(["高低组合 / Pattern", "客户类别 / Class"], classes.length, (i) => [...classes[i]]);
  const classTable = `$A$${ct.first}:$B$${ct.last}`;
  s.gap();
  const high = (cell: string, letter: string) => `IF(${cell}>(${bins}+1)/2,"${letter}高","${letter}低")`;
  const seg = s.table(["客户 / Customer", "CRM 类别 / CRM class", "高低组合 / Pattern", "分步类别 / Worked class", "核对 / Check"], n, (i, row) => {
    const src = t.first + i;
    return [f(`A${src}`), null, f(`${high(`E${src}`, "R")}&${high(`F${src}`, "F")}&${high(`G${src}`, "M")}`), f(`VLOOKUP(C${row},${classTable},2,FALSE)`), f(checkFormula(`B${row}`, `D${row}`, false))];
  });
  const segFormula = `CRM.RFMSEGMENT(${[4, 5, 6].map((c) => col(c, t.first, t.last)).join(",")})`;
  s.spillIn(seg, 1, segFormula);
  s.checks(seg, 4);
  s.formulas([1, segFormula]);
  s.gap();

  s.exercise(
    "练习 3（R×F 十类图）· Exercise 3 (the recency × frequency map)",
    "另一种常用的分群只看 R 和 F：按下面的 5×5 图（行为 R 分，列为 F 分）给练习 1 中的客户分群。",
    "Another common segmentation looks at R and F only: segment the customers of exercise 1 with the 5×5 map below (rows R score, columns F score).",
  );
  const grid = [
    ["沉睡客户", "沉睡客户", "有风险客户", "有风险客户", "不能失去的客户"],
    ["沉睡客户", "沉睡客户", "有风险客户", "有风险客户", "不能失去的客户"],
    ["即将沉睡客户", "即将沉睡客户", "需要关注客户", "忠诚客户", "忠诚客户"],
    ["有潜力客户", "潜在忠诚客户", "潜在忠诚客户", "忠诚客户", "忠诚客户"],
    ["新客户", "潜在忠诚客户", "潜在忠诚客户", "冠军客户", "冠军客户"],
  ];
  const g = s.table(["R \\ F", "F=1", "F=2", "F=3", "F=4", "F=5"], 5, (i) => [`R=${i + 1}`, ...grid[i]]);
  const gridRange = `$B$${g.first}:$F$${g.last}`;
  s.gap();
  const rf = s.table(["客户 / Customer", "CRM 分群 / CRM segment", "分步分群 / Worked segment", "核对 / Check"], n, (i, row) => {
    const src = t.first + i;
    return [f(`A${src}`), null, f(`INDEX(${gridRange},E${src},F${src})`), f(checkFormula(`B${row}`, `C${row}`, false))];
  });
  const rf10Formula = `CRM.RFMSEGMENT(${[4, 5, 6].map((c) => col(c, t.first, t.last)).join(",")},"rf10")`;
  s.spillIn(rf, 1, rf10Formula);
  s.checks(rf, 3);
  s.formulas([1, rf10Formula]);
  s.gap();

  s.exercise(
    "练习 4（评分分界点与新客户）· Exercise 4 (breakpoints and a new customer)",
    "求练习 1 的评分分界点：F、M 的第 k 个分界点是第 m 小的值，R 的是第 m 大的值，m = ROUNDUP(k × 客户数 ÷ 5, 0)。再用分界点为一位新客户评分：最近消费 50 天、消费 3 次、金额 2000 元。",
    "Find the score breakpoints of exercise 1: the k-th threshold of F or M is the m-th smallest value, of R the m-th largest, m = ROUNDUP(k × customers ÷ 5, 0). Then score a new customer against them: last purchase 50 days ago, 3 purchases, 2000 spent.",
  );
  s.put(s.at(0), "CRM.RFMBREAKS（5 级：每行 4 个）/ 5 levels: 4 a row", "heading");
  s.put(s.at(5), `=${rel(`CRM.RFMBREAKS(${rfm},${bins})`)}`, "formula");
  s.row++;
  const breaksRow = s.row;
  s.put(s.at(0, breaksRow), "R", "label");
  s.put(s.at(0, breaksRow + 1), "F", "label");
  s.put(s.at(0, breaksRow + 2), "M", "label");
  const breaks = s.array(`CRM.RFMBREAKS(${rfm},${bins})`, 3, 4, [INT, INT, INT, INT], 1, breaksRow);
  s.row += 3;
  const wk = s.table(["分步 / Worked", "k=1", "k=2", "k=3", "k=4"], 3, (i) => {
    const pick = i === 0 ? "LARGE" : "SMALL";
    const data = absCol(i + 1, t.first, t.last);
    return [["R", "F", "M"][i], ...[1, 2, 3, 4].map((k) => f(`${pick}(${data},ROUNDUP(${k}*COUNT(${data})/${bins},0))`))];
  }, [undefined, INT, INT, INT, INT]);
  s.blockCheck(CHECK_ALL, rel(breaks), `B${wk.first}:E${wk.last}`);
  s.gap();
  const nr = s.given("新客户 R 天数 / New customer's recency", 50, INT);
  const nf = s.given("新客户 F 次数 / New customer's frequency", 3, INT);
  const nm = s.given("新客户 M 金额 / New customer's monetary", 2000, MONEY);
  const br = (i: number) => `$B$${breaksRow + i}:$E$${breaksRow + i}`;
  const wr = s.step("分步 R 分 = 1 + 比它大的 R 分界点数 / Worked R", `1+COUNTIF(${br(0)},">"&${nr})`, INT);
  const wf = s.step("分步 F 分 = 1 + 比它小的 F 分界点数 / Worked F", `1+COUNTIF(${br(1)},"<"&${nf})`, INT);
  const wm = s.step("分步 M 分 = 1 + 比它小的 M 分界点数 / Worked M", `1+COUNTIF(${br(2)},"<"&${nm})`, INT);
  s.gap();
  s.answerHeader();
  s.answer("新客户的 RFM 代码 / The new customer's RFM code", `CRM.RFMSCORE(${nr},${nf},${nm},${bins},${breaks})`, `${wr}*100+${wf}*10+${wm}`, INT);
  s.gap();

  s.exercise(
    "练习 5（由交易记录得到 R、F、M）· Exercise 5 (R, F and M from transactions)",
    "下表是 8 笔交易。以 2024-12-31 为分析日期，求每位客户的最近消费天数、消费次数、消费金额和首次、最近消费日期。",
    "Below are 8 transactions. As of 2024-12-31, find each customer's recency (days), frequency, monetary value and first and last purchase dates.",
  );
  const asOf = s.given("分析日期 / As of", isoToSerial("2024-12-31")!, DATE);
  const tx: [string, string, number][] = [
    ["C01", "2024-12-10", 320],
    ["C02", "2024-11-02", 150],
    ["C01", "2024-12-28", 180],
    ["C03", "2024-08-15", 600],
    ["C02", "2024-12-05", 90],
    ["C01", "2024-10-20", 240],
    ["C04", "2024-12-30", 75],
    ["C03", "2024-09-30", 410],
  ];
  const tt = s.table(["客户 / Customer", "日期 / Date", "金额 / Amount"], tx.length, (i) => [tx[i][0], isoToSerial(tx[i][1])!, tx[i][2]], [undefined, DATE, MONEY]);
  s.gap();
  const tableFormula = `CRM.RFMTABLE(${[0, 1, 2].map((c) => col(c, tt.first, tt.last)).join(",")},${asOf})`;
  const spill = s.spill("CRM.RFMTABLE：每位客户一行 / One row per customer", tableFormula, 5, 6, [undefined, INT, INT, MONEY, DATE, DATE]);
  const [tid, tdate, tamt] = [0, 1, 2].map((c) => absCol(c, tt.first, tt.last));
  const w = s.table(["分步 / Worked", "最近消费天数", "消费次数", "消费金额", "首次消费", "最近消费"], 4, (i, row) => [
    ["C01", "C02", "C03", "C04"][i],
    f(`${asOf}-MAXIFS(${tdate},${tid},A${row})`),
    f(`COUNTIF(${tid},A${row})`),
    f(`SUMIF(${tid},A${row},${tamt})`),
    f(`MINIFS(${tdate},${tid},A${row})`),
    f(`MAXIFS(${tdate},${tid},A${row})`),
  ], [undefined, INT, INT, MONEY, DATE, DATE]);
  s.blockCheck(CHECK_ALL, `B${spill.first + 1}:F${spill.first + 4}`, `B${w.first}:F${w.last}`);
  return s;
}

function abcPyramid(): SheetWriter {
  const s = new SheetWriter("ABC与金字塔 ABC pyramid");
  s.title("ABC 分类与客户金字塔", "ABC analysis and the customer pyramid");
  s.exercise(
    "练习 1（ABC 分类）· Exercise 1 (ABC analysis)",
    "10 位客户的年销售额见下表。按销售额从大到小排列，排在某客户前面的客户合计占总额的比例低于 80% 的为 A 类，低于 95% 的为 B 类，其余为 C 类。",
    "The table gives 10 customers' annual sales. Rank them from largest to smallest: a customer is A while the customers ranked above it hold less than 80% of the total, B while less than 95%, else C.",
  );
  const a = s.given("A 类界限 / A share", 0.8, PCT);
  const b = s.given("B 类界限 / B share", 0.95, PCT);
  s.gap();
  const names = ["华联贸易", "恒信电子", "鑫达食品", "瑞丰家居", "金桥物流", "宏远建材", "天成科技", "嘉禾服饰", "东方医药", "汇通五金"];
  const sales = [800, 4200, 150, 1100, 50, 2600, 300, 450, 100, 250];
  const t = s.table(["客户 / Customer", "销售额 / Sales", "CRM 类别 / CRM class", "前面客户占比 / Share above", "分步类别 / Worked class", "核对 / Check"], names.length, (i, row) => {
    const all = absCol(1, row - i, row - i + names.length - 1);
    return [names[i], sales[i], null, f(`SUMIF(${all},">"&B${row})/SUM(${all})`), f(`IF(D${row}<${a},"A",IF(D${row}<${b},"B","C"))`), f(checkFormula(`C${row}`, `E${row}`, false))];
  }, [undefined, MONEY, undefined, RATE]);
  const values = col(1, t.first, t.last);
  const abcFormula = `CRM.ABCCLASS(${values},${a},${b})`;
  s.spillIn(t, 2, abcFormula);
  s.checks(t, 5);
  s.formulas([2, abcFormula]);
  s.gap();

  s.exercise(
    "练习 2（客户金字塔）· Exercise 2 (the customer pyramid)",
    "把练习 1 的客户按销售额排名放进客户金字塔。CRM.PYRAMID 的默认比例是 VIP 客户 1%、主要客户 4%、普通客户 15%、小客户 80%——这是本插件的选择（常见的划分），课程文本介绍了客户金字塔但没有给出比例；它适合成百上千位客户，这里只有 10 位客户，改用 10%、20%、30%、40%。排第 k 名的客户属于累计比例首次达到 k ÷ 客户数的那一层。",
    "Place the customers of exercise 1 in the customer pyramid by sales rank. CRM.PYRAMID's default shares (VIP 1%, major 4%, ordinary 15%, small 80%) are this add-in's choice, a common split: the course texts describe the pyramid but give no shares. They suit hundreds of customers; with only 10 we use 10%, 20%, 30% and 40%. The customer ranked k-th is in the first tier whose cumulative share reaches k ÷ customers.",
  );
  s.put(s.at(0), "各层比例 / Tier shares", "label");
  const tiers = ["VIP客户", "主要客户", "普通客户", "小客户"];
  const shares = [0.1, 0.2, 0.3, 0.4];
  shares.forEach((x, i) => s.put(s.at(i + 1), x, "given", PCT));
  const shareRow = s.row;
  s.row++;
  tiers.forEach((x, i) => s.put(s.at(i + 1), x, "label"));
  s.row++;
  s.gap();
  const cum = (k: number) => Array.from({ length: k }, (_, i) => `$${addressText(0, i + 1).replace(/\d+/, "")}$${shareRow}`).join("+");
  const p = s.table(["客户 / Customer", "CRM 层级 / CRM tier", "排名 k / Rank k", "k ÷ 客户数 / k ÷ n", "分步层级 / Worked tier", "核对 / Check"], names.length, (i, row) => {
    const src = t.first + i;
    return [
      f(`A${src}`),
      null,
      f(`COUNTIF(${absCol(1, t.first, t.last)},">"&B${src})+1`),
      f(`C${row}/COUNT(${absCol(1, t.first, t.last)})`),
      f(`IF(D${row}<=${cum(1)},"${tiers[0]}",IF(D${row}<=${cum(2)},"${tiers[1]}",IF(D${row}<=${cum(3)},"${tiers[2]}","${tiers[3]}")))`),
      f(checkFormula(`B${row}`, `E${row}`, false)),
    ];
  }, [undefined, undefined, INT, PCT]);
  const pyramidFormula = `CRM.PYRAMID(${values},$B$${shareRow}:$E$${shareRow})`;
  s.spillIn(p, 1, pyramidFormula);
  s.checks(p, 5);
  s.formulas([1, pyramidFormula]);
  s.gap();

  s.exercise(
    "练习 3（自己的层级名称）· Exercise 3 (your own tier names)",
    "课程文本 002 提到电信公司按话费把客户分为白金客户、黄金客户、青铜客户、铁质客户；文本 003 的 ABC 分析把客户分为关键客户、普通客户和小客户。用 labels 参数给练习 1、2 的客户换上这些名称。",
    "Course text 002 mentions telecom companies dividing customers by spending into platinum, gold, bronze and iron customers; text 003's ABC analysis speaks of key, ordinary and small customers. Give the customers of exercises 1 and 2 these names with the labels argument.",
  );
  const tierNames = ["白金", "黄金", "青铜", "铁质"];
  const classNames = ["关键客户", "普通客户", "小客户"];
  s.put(s.at(0), "金字塔层级名称 / Tier names", "label");
  tierNames.forEach((x, i) => s.put(s.at(i + 1), x, "given"));
  const tierRow = s.row++;
  s.put(s.at(0), "ABC 类别名称 / Class names", "label");
  classNames.forEach((x, i) => s.put(s.at(i + 1), x, "given"));
  const classRow = s.row++;
  s.gap();
  const tierLabels = `$B$${tierRow}:$E$${tierRow}`;
  const classLabels = `$B$${classRow}:$D$${classRow}`;
  const l = s.table(["客户 / Customer", "CRM 层级 / CRM tier", "分步层级 / Worked tier", "核对 / Check", "CRM 类别 / CRM class", "分步类别 / Worked class", "核对 / Check"], names.length, (i, row) => [
    f(`A${t.first + i}`),
    null,
    f(`INDEX(${tierLabels},MATCH(E${p.first + i},$B$${shareRow + 1}:$E$${shareRow + 1},0))`),
    f(checkFormula(`B${row}`, `C${row}`, false)),
    null,
    f(`INDEX(${classLabels},MATCH(E${t.first + i},{"A","B","C"},0))`),
    f(checkFormula(`E${row}`, `F${row}`, false)),
  ]);
  const tierFormula = `CRM.PYRAMID(${values},$B$${shareRow}:$E$${shareRow},,${tierLabels})`;
  const classFormula = `CRM.ABCCLASS(${values},${a},${b},${classLabels})`;
  s.spillIn(l, 1, tierFormula);
  s.spillIn(l, 4, classFormula);
  s.checks(l, 3, 6);
  s.formulas([1, tierFormula], [4, classFormula]);
  return s;
}

function valueMatrix(): SheetWriter {
  const s = new SheetWriter("价值矩阵与忠诚 Value loyalty");
  s.title("客户价值矩阵、忠诚类型与满意度", "Customer value matrix, loyalty types and satisfaction");
  s.exercise(
    "练习 1（客户价值矩阵）· Exercise 1 (the customer value matrix)",
    "8 位客户的当前价值和潜在价值见下表（万元）。以两列的平均值为界（不低于平均值为“高”），把客户分入价值矩阵的四个象限：重要客户、维持型客户、培养型客户、观望型客户。",
    "The table gives 8 customers' current and potential value (in ¥10,000). With the means of the two columns as thresholds (at or above the mean is high), place each customer in a quadrant of the value matrix: key, maintain, develop or reconsider.",
  );
  const names = ["华联贸易", "恒信电子", "鑫达食品", "瑞丰家居", "金桥物流", "宏远建材", "天成科技", "嘉禾服饰"];
  const current = [120, 95, 30, 15, 80, 20, 60, 10];
  const potential = [90, 20, 85, 10, 40, 70, 75, 25];
  const t = s.table(["客户 / Customer", "当前价值 / Current value", "潜在价值 / Potential value", "CRM 象限 / CRM quadrant", "分步象限 / Worked quadrant", "核对 / Check"], names.length, (i, row) => {
    const [cur, pot] = [absCol(1, row - i, row - i + names.length - 1), absCol(2, row - i, row - i + names.length - 1)];
    const hc = `B${row}>=AVERAGE(${cur})`;
    const hp = `C${row}>=AVERAGE(${pot})`;
    return [names[i], current[i], potential[i], null, f(`IF(AND(${hc},${hp}),"重要客户",IF(${hc},"维持型客户",IF(${hp},"培养型客户","观望型客户")))`), f(checkFormula(`D${row}`, `E${row}`, false))];
  }, [undefined, MONEY, MONEY]);
  const vmFormula = `CRM.VALUEMATRIX(${col(1, t.first, t.last)},${col(2, t.first, t.last)})`;
  s.spillIn(t, 3, vmFormula);
  s.checks(t, 5);
  s.formulas([3, vmFormula]);
  s.gap();

  s.exercise(
    "练习 2（忠诚类型）· Exercise 2 (loyalty types)",
    "按依恋程度和重复购买程度（0–1 分，≥ 0.5 为高）判断四位客户的忠诚类型：都高为超值忠诚，依恋低而重复购买高为激励忠诚，依恋高而重复购买低为潜在忠诚，都低为价格忠诚。",
    "Judge four customers' loyalty type from attachment and repeat purchase (0–1, high at 0.5 or more): both high is true loyalty, low attachment with high repeat purchase incentive loyalty, high attachment with low repeat purchase latent loyalty, both low price loyalty.",
  );
  const thr = s.given("“高”的界限 / High from", 0.5, SCORE);
  s.gap();
  const att = [0.9, 0.3, 0.8, 0.2];
  const rep = [0.8, 0.9, 0.3, 0.1];
  const l = s.table(["客户 / Customer", "依恋程度 / Attachment", "重复购买 / Repeat purchase", "CRM 类型 / CRM type", "分步类型 / Worked type", "核对 / Check"], 4, (i, row) => {
    const [ha, hr] = [`B${row}>=${thr}`, `C${row}>=${thr}`];
    return [names[i], att[i], rep[i], null, f(`IF(AND(${ha},${hr}),"超值忠诚",IF(${hr},"激励忠诚",IF(${ha},"潜在忠诚","价格忠诚")))`), f(checkFormula(`D${row}`, `E${row}`, false))];
  }, [undefined, SCORE, SCORE]);
  const loyaltyFormula = `CRM.LOYALTYTYPE(${col(1, l.first, l.last)},${col(2, l.first, l.last)},${thr})`;
  s.spillIn(l, 3, loyaltyFormula);
  s.checks(l, 5);
  s.formulas([3, loyaltyFormula]);
  s.gap();

  s.exercise(
    "练习 3（客户满意度指数）· Exercise 3 (customer satisfaction index)",
    "一次满意度调查中，五个项目的平均得分（10 分制）和权重见下表。求客户满意度指数（0–100）。",
    "A satisfaction survey gives the average score (out of 10) and weight of five items below. Find the customer satisfaction index (0–100).",
  );
  const items = ["产品质量 Product quality", "服务态度 Service", "价格 Price", "交货速度 Delivery", "售后服务 After-sales"];
  const scores = [8, 9, 6, 7, 8];
  const weights = [0.3, 0.25, 0.2, 0.15, 0.1];
  const c = s.table(["项目 / Item", "得分 / Score", "权重 / Weight"], 5, (i) => [items[i], scores[i], weights[i]], [undefined, SCORE, PCT]);
  const top = s.given("满分 / Top of the scale", 10, INT);
  s.gap();
  s.answerHeader();
  const [sc, wt] = [absCol(1, c.first, c.last), absCol(2, c.first, c.last)];
  s.answer("满意度指数 / Satisfaction index", `CRM.CSI(${sc},${wt},${top})`, `SUMPRODUCT(${sc},${wt})/SUM(${wt})/${top}*100`, SCORE);
  return s;
}

function creditScoring(): SheetWriter {
  const s = new SheetWriter("5C信用 5C credit");
  s.title("5C 信用评分与信用额度", "5C credit score and credit limit");

  s.exercise(
    "练习 1（5C 评分）· Exercise 1 (the 5C score)",
    "信用部门按 1–5 分为一位客户的品质、能力、资本、担保品和环境五项打分：4、5、3、4、3，权重分别为 30%、25%、20%、15%、10%。求该客户的 5C 信用评分（0–100）和信用等级（≥90 AAA，≥80 AA，≥70 A，≥60 B，其余 C）。",
    "The credit department rates a customer from 1 to 5 on character, capacity, capital, collateral and conditions: 4, 5, 3, 4, 3, weighted 30%, 25%, 20%, 15% and 10%. Find the customer's 5C score (0–100) and grade (≥90 AAA, ≥80 AA, ≥70 A, ≥60 B, else C).",
  );
  const names = ["品质 Character", "能力 Capacity", "资本 Capital", "担保品 Collateral", "环境 Conditions"];
  const scores = [4, 5, 3, 4, 3];
  const weights = [0.3, 0.25, 0.2, 0.15, 0.1];
  const t = s.table(["5C 要素 / Factor", "评分 / Rating", "权重 / Weight"], 5, (i) => [names[i], scores[i], weights[i]], [undefined, INT, PCT]);
  const rating = (i: number) => `$B$${t.first + i}`;
  const ratings = absCol(1, t.first, t.last);
  const w = absCol(2, t.first, t.last);
  const top = s.given("评分满分 / Top of the scale", 5, INT);
  s.gap();
  s.note("等级表 / Grade table");
  const g = s.table(["最低分 / Minimum score", "等级 / Grade", "额度系数 / Limit factor"], 5, (i) => [[90, 80, 70, 60, 0][i], ["AAA", "AA", "A", "B", "C"][i], [1, 0.8, 0.6, 0.4, 0][i]], [INT, undefined, SCORE], 0);
  const factors = `$B$${g.first}:$C$${g.last}`;
  s.gap();
  s.answerHeader();
  const score = s.answer("5C 信用评分 / 5C score", `CRM.CREDITSCORE(${[0, 1, 2, 3, 4].map(rating).join(",")},${w},${top})`, `SUMPRODUCT(${ratings},${w})/SUM(${w})/${top}*100`, SCORE);
  const grade = s.answer(
    "信用等级 / Grade",
    `CRM.CREDITGRADE(${rel(score)})`,
    `IF(${rel(score)}>=$A$${g.first},$B$${g.first},IF(${rel(score)}>=$A$${g.first + 1},$B$${g.first + 1},IF(${rel(score)}>=$A$${g.first + 2},$B$${g.first + 2},IF(${rel(score)}>=$A$${g.first + 3},$B$${g.first + 3},$B$${g.last}))))`,
  );
  s.note("CRM.CREDITGRADE 的第二个参数可以是自己的等级表（最低分、等级两列），如下行。 / CRM.CREDITGRADE takes your own grade table (minimum score, grade) as its second argument, as in the next row.");
  s.answer("用本表等级表评级 / Graded with this sheet's table", `CRM.CREDITGRADE(${rel(score)},$A$${g.first}:$B$${g.last})`, rel(grade));
  s.gap();

  s.exercise(
    "练习 2（信用额度）· Exercise 2 (credit limit)",
    "按“客户营运资金净额的一定比例”确定信用额度：该客户营运资金净额 ¥5 000 000，基本比例 10%，再乘以信用等级对应的额度系数（AAA 1.0，AA 0.8，A 0.6，B 0.4，C 0；这组系数是本插件的默认值，课程文本没有给出）。求练习 1 中客户的信用额度，以及同一客户若为 AA 级时的额度。",
    "Set the credit limit as a share of the customer's net working capital: ¥5,000,000 at a base share of 10%, times the factor of the customer's grade (AAA 1.0, AA 0.8, A 0.6, B 0.4, C 0: this add-in's default factors, not given in the course texts). Find the limit of the customer in exercise 1, and the limit if the same customer were graded AA.",
  );
  const basis = s.given("营运资金净额 / Net working capital", 5000000, MONEY);
  const pct = s.given("基本比例 / Base share", 0.1, PCT);
  const aa = s.given("另一等级 / Another grade", "AA", undefined);
  s.gap();
  s.answerHeader();
  s.answer("按练习 1 的等级 / With exercise 1's grade", `CRM.CREDITLIMIT(${basis},${pct},${rel(grade)})`, `${basis}*${pct}*VLOOKUP(${rel(grade)},${factors},2,FALSE)`, MONEY);
  s.answer("直接用评分（按默认等级表评级）/ With the score (graded by the default table)", `CRM.CREDITLIMIT(${basis},${pct},${rel(score)})`, `${basis}*${pct}*VLOOKUP(${rel(grade)},${factors},2,FALSE)`, MONEY);
  s.answer("AA 级 / Graded AA", `CRM.CREDITLIMIT(${basis},${pct},${aa})`, `${basis}*${pct}*VLOOKUP(${aa},${factors},2,FALSE)`, MONEY);
  s.gap();

  s.exercise(
    "练习 3（多位客户）· Exercise 3 (several customers)",
    "五位客户的 5C 评分如下（1–5 分，权重相同）。用一条公式求出全部客户的评分和等级。",
    "Five customers are rated below (1–5, equal weights). Score and grade them all with one formula each.",
  );
  const customers = ["华联贸易", "恒信电子", "鑫达食品", "瑞丰家居", "金桥物流"];
  const five = [
    [5, 5, 4, 5, 4],
    [4, 3, 4, 3, 3],
    [3, 3, 2, 2, 3],
    [2, 3, 2, 1, 2],
    [5, 4, 5, 4, 5],
  ];
  const m = s.table(
    ["客户 / Customer", "品质 / Character", "能力 / Capacity", "资本 / Capital", "担保品 / Collateral", "环境 / Conditions", "CRM 评分 / CRM score", "分步评分 / Worked score", "核对 / Check"],
    5,
    (i, row) => [customers[i], ...five[i], null, f(`AVERAGE(B${row}:F${row})/${top}*100`), f(checkFormula(`G${row}`, `H${row}`, true))],
    [undefined, INT, INT, INT, INT, INT, SCORE, SCORE],
  );
  const scoreFormula = `CRM.CREDITSCORE(${[1, 2, 3, 4, 5].map((c) => col(c, m.first, m.last)).join(",")},,${top})`;
  const scoreRange = s.spillIn(m, 6, scoreFormula, 1, [SCORE]);
  s.checks(m, 8);
  s.formulas([6, scoreFormula]);
  const gr = s.table(["客户 / Customer", "CRM 等级 / CRM grade", "分步等级 / Worked grade", "核对 / Check"], 5, (i, row) => {
    const sc = `G${m.first + i}`;
    return [f(`A${m.first + i}`), null, f(`IF(${sc}>=90,"AAA",IF(${sc}>=80,"AA",IF(${sc}>=70,"A",IF(${sc}>=60,"B","C"))))`), f(checkFormula(`B${row}`, `C${row}`, false))];
  });
  s.spillIn(gr, 1, `CRM.CREDITGRADE(${rel(scoreRange)})`);
  s.checks(gr, 3);
  s.formulas([1, `CRM.CREDITGRADE(${scoreRange})`]);
  return s;
}

function creditTerms(): SheetWriter {
  const s = new SheetWriter("信用期与折扣 Terms");
  s.title("信用期限与现金折扣", "Credit period and cash discounts");

  s.exercise(
    "练习 1（信用期限）· Exercise 1 (credit period)",
    "客户信用期限 = 行业平均 DSO × 企业修正系数 × 客户信用等级系数。行业平均 DSO 为 45 天，企业资金较紧、修正系数取 0.9，客户等级为 AA（系数 1.1；AAA 1.2，A 1.0，B 0.8，C 0——课程文本 003 只给出公式，这组等级系数是本插件的默认值）。求该客户的信用期限，以及此信用期下年赊购额 ¥1 200 000 所形成的应收账款占用。",
    "Credit period = industry average DSO × company correction factor × customer grade factor. The industry's average DSO is 45 days, the company is short of cash (factor 0.9) and the customer is graded AA (factor 1.1; AAA 1.2, A 1.0, B 0.8, C 0 — course text 003 gives the formula only: these grade factors are this add-in's defaults). Find the customer's credit period, and the receivable balance that ¥1,200,000 of credit purchases a year create on those terms.",
  );
  const industry = s.given("行业平均 DSO（天）/ Industry average DSO (days)", 45, INT);
  const company = s.given("企业修正系数 / Company correction factor", 0.9, SCORE);
  const grade = s.given("客户信用等级 / Customer grade", "AA");
  const g = s.table(["等级 / Grade", "等级系数 / Grade factor"], 5, (i) => [["AAA", "AA", "A", "B", "C"][i], [1.2, 1.1, 1, 0.8, 0][i]], [undefined, SCORE]);
  const gradeFactors = `$A$${g.first}:$B$${g.last}`;
  const purchases = s.given("年赊购额 / Credit purchases per year", 1200000, MONEY);
  const yearDays = s.given("一年天数 / Days in a year", 365, INT);
  s.gap();
  s.answerHeader();
  const days = s.answer("信用期限（天）/ Credit period (days)", `CRM.CREDITDAYS(${industry},${company},${grade})`, `${industry}*${company}*VLOOKUP(${grade},${gradeFactors},2,FALSE)`, SCORE);
  s.answer("应收账款占用 / Receivable balance", `CRM.CREDITNEED(${purchases},${rel(days)},${yearDays})`, `${purchases}*${rel(days)}/${yearDays}`, MONEY);
  s.gap();

  s.exercise(
    "练习 2（放弃现金折扣的成本）· Exercise 2 (the cost of not taking a cash discount)",
    "供应商的信用条件为“2/10, n/30”：10 天内付款可享 2% 折扣，否则 30 天内付全款。放弃折扣相当于借款 20 天，求其年化成本（单利 d/(1−d) × 365/(N−D)，以及复利 (1+d/(1−d))^(365/(N−D)) − 1）。",
    "A supplier sells on “2/10, n/30”: 2% off when paid within 10 days, else the full amount within 30. Not taking the discount is borrowing for 20 days: find its annual cost, simple d/(1−d) × 365/(N−D) and compound (1+d/(1−d))^(365/(N−D)) − 1.",
  );
  const terms = s.given("信用条件 / Terms", "2/10, n/30");
  const dd = s.given("折扣率 d / Discount d", 0.02, PCT);
  const dD = s.given("折扣期 D（天）/ Discount days D", 10, INT);
  const dN = s.given("信用期 N（天）/ Net days N", 30, INT);
  s.gap();
  s.answerHeader();
  s.answer("单利年化成本 / Simple annual cost", `CRM.DISCOUNTCOST(${terms})`, `${dd}/(1-${dd})*${yearDays}/(${dN}-${dD})`, RATE);
  s.answer("复利年化成本 / Compound annual cost", `CRM.DISCOUNTCOST(${terms},1,${yearDays},TRUE)`, `(1+${dd}/(1-${dd}))^(${yearDays}/(${dN}-${dD}))-1`, RATE);
  s.gap();

  s.exercise(
    "练习 3（多档现金折扣）· Exercise 3 (several discount tiers)",
    "信用条件为课程文本 003 中的“(6/10,3/20,n/45)”（括号照原文写，CRM.DISCOUNTCOST 可以直接读）：10 天内付款折扣 6%，20 天内折扣 3%，45 天内付全款。分别求放弃第一档和第二档折扣（拖到第 45 天付款）的年化成本。",
    "The terms are course text 003's “(6/10,3/20,n/45)” (written with the text's parentheses, which CRM.DISCOUNTCOST reads): 6% off within 10 days, 3% off within 20 days, the full amount within 45. Find the annual cost of passing up the first tier and the second tier (paying on day 45 instead).",
  );
  const terms3 = s.given("信用条件 / Terms", "(6/10,3/20,n/45)");
  const tiers = s.table(["档 / Tier", "折扣率 d / Discount d", "折扣期 D / Discount days D", "信用期 N / Net days N", "分步年化成本 / Worked annual cost"], 2, (i, row) => [i + 1, [0.06, 0.03][i], [10, 20][i], 45, f(`B${row}/(1-B${row})*${yearDays}/(D${row}-C${row})`)], [INT, PCT, INT, INT, RATE]);
  s.gap();
  s.answerHeader();
  s.answer("放弃第一档 / Passing up tier 1", `CRM.DISCOUNTCOST(${terms3},1)`, `E${tiers.first}`, RATE);
  s.answer("放弃第二档 / Passing up tier 2", `CRM.DISCOUNTCOST(${terms3},2)`, `E${tiers.first + 1}`, RATE);
  return s;
}

function daysSalesOutstanding(): SheetWriter {
  const s = new SheetWriter("DSO 收账天数");
  s.title("应收账款周转天数 DSO", "Days sales outstanding (DSO)");
  s.exercise(
    "练习 1 · Exercise 1",
    "DSO（销售变现天数）表示把赊销收入转化为现金平均所需的天数：DSO = 应收账款 ÷ 赊销额 × 天数。某企业年末应收账款 ¥600 000，全年赊销额 ¥4 380 000；第四季度末应收账款 ¥300 000，该季度赊销额 ¥900 000（90 天）。分别求全年和第四季度的 DSO。",
    "DSO is the average number of days it takes to turn credit sales into cash: DSO = receivables ÷ credit sales × days. A company ends the year with ¥600,000 of receivables on ¥4,380,000 of credit sales; at the end of the fourth quarter it has ¥300,000 of receivables on ¥900,000 of the quarter's credit sales (90 days). Find the DSO of the year and of the quarter.",
  );
  const rec = s.given("年末应收账款 / Receivables at year end", 600000, MONEY);
  const sales = s.given("全年赊销额 / Credit sales of the year", 4380000, MONEY);
  const recQ = s.given("季末应收账款 / Receivables at quarter end", 300000, MONEY);
  const salesQ = s.given("季度赊销额 / Credit sales of the quarter", 900000, MONEY);
  const q = s.given("季度天数 / Days in the quarter", 90, INT);
  s.gap();
  s.answerHeader();
  const year = s.answer("全年 DSO（天）/ DSO of the year (days)", `CRM.DSO(${rec},${sales})`, `${rec}/${sales}*365`, SCORE);
  s.answer("第四季度 DSO（天）/ DSO of the quarter (days)", `CRM.DSO(${recQ},${salesQ},${q})`, `${recQ}/${salesQ}*${q}`, SCORE);
  s.step("信用期限为 45 天时，全年平均逾期天数 / Days beyond 45-day terms", `${rel(year)}-45`, SCORE);
  return s;
}

function agingAllowance(): SheetWriter {
  const s = new SheetWriter("账龄与坏账 Aging");
  s.title("应收账款账龄分析与坏账准备", "Receivables aging and bad-debt allowance");
  s.exercise(
    "练习 1（账龄分析）· Exercise 1 (aging)",
    "截至 2024-12-31，三家客户共有 8 笔未收款项（见下表）。求每笔款项的逾期天数和账龄区间（未到期、1-30 天、31-60 天、61-90 天、90 天以上），并按客户编制账龄分析表。",
    "On 2024-12-31 three customers owe 8 open invoices (below). Find each invoice's days past due and aging bucket (current, 1-30, 31-60, 61-90, 90+), and build the aging report by customer.",
  );
  const asOf = s.given("分析日期 / As of", isoToSerial("2024-12-31")!, DATE);
  s.gap();
  const lines: [string, string, number][] = [
    ["华联贸易", "2025-01-15", 12000],
    ["恒信电子", "2024-12-20", 8500],
    ["华联贸易", "2024-11-20", 6400],
    ["鑫达食品", "2024-10-25", 15000],
    ["恒信电子", "2024-09-30", 4200],
    ["鑫达食品", "2024-08-15", 9800],
    ["华联贸易", "2024-12-31", 3000],
    ["鑫达食品", "2025-02-10", 7600],
  ];
  const t = s.table(
    ["客户 / Customer", "到期日 / Due date", "未收金额 / Open amount", "CRM 逾期天数 / CRM days", "分步天数 / Worked days", "核对 / Check", "CRM 账龄 / CRM bucket", "分步账龄 / Worked bucket", "核对 / Check"],
    lines.length,
    (i, row) => [
      lines[i][0],
      isoToSerial(lines[i][1])!,
      lines[i][2],
      null,
      f(`${asOf}-B${row}`),
      f(checkFormula(`D${row}`, `E${row}`, true)),
      null,
      f(`IF(E${row}<=0,"未到期",IF(E${row}<=30,"1-30天",IF(E${row}<=60,"31-60天",IF(E${row}<=90,"61-90天","90天以上"))))`),
      f(checkFormula(`G${row}`, `H${row}`, false)),
    ],
    [undefined, DATE, MONEY, INT, INT],
  );
  const ids = col(0, t.first, t.last);
  const dues = col(1, t.first, t.last);
  const amounts = col(2, t.first, t.last);
  s.spillIn(t, 3, `CRM.AGINGDAYS(${dues},${asOf})`, 1, [INT]);
  s.spillIn(t, 6, `CRM.AGINGBUCKET(${dues},${asOf})`);
  s.checks(t, 5, 8);
  s.formulas([3, `CRM.AGINGDAYS(${dues},${asOf})`], [6, `CRM.AGINGBUCKET(${dues},${asOf})`]);
  s.gap();
  const buckets = ["未到期", "1-30天", "31-60天", "61-90天", "90天以上"];
  const report = s.spill("CRM.AGINGTABLE：账龄分析表 / The aging report", `CRM.AGINGTABLE(${ids},${dues},${amounts},${asOf})`, 5, 7, [undefined, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY]);
  s.note("分步：用 SUMIFS 按客户和账龄汇总（下表），再与上表逐格核对。 / Worked: SUMIFS by customer and bucket (below), checked cell by cell against the table above.");
  const customers = ["华联贸易", "恒信电子", "鑫达食品"];
  const hdr = ["客户", ...buckets, "合计"];
  const bucketCol = absCol(7, t.first, t.last);
  const w = s.table(
    hdr,
    4,
    (i, row) =>
      i < 3
        ? [customers[i], ...buckets.map((_, k) => f(`SUMIFS(${absCol(2, t.first, t.last)},${absCol(0, t.first, t.last)},$A${row},${bucketCol},${addressText(row - 2 - i, k + 1)})`)), f(`SUM(B${row}:F${row})`)]
        : ["合计", ...buckets.map((_, k) => f(`SUM(${col(k + 1, row - 3, row - 1)})`)), f(`SUM(B${row}:F${row})`)],
    [undefined, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY],
  );
  s.blockCheck(CHECK_ALL, `${addressText(report.first, 1)}:${addressText(report.first + 3, 6)}`, `${addressText(w.first - 1, 1)}:${addressText(w.last - 1, 6)}`);
  s.gap();

  s.exercise(
    "练习 2（账龄分析法计提坏账准备）· Exercise 2 (allowance by aging)",
    "按账龄分析法计提坏账准备：未到期 1%，1-30 天 3%，31-60 天 10%，61-90 天 30%，90 天以上 50%。求练习 1 中全部款项应计提的坏账准备。",
    "Provide for bad debts by aging: 1% of current amounts, 3% of 1-30 days, 10% of 31-60, 30% of 61-90 and 50% beyond 90 days. Find the allowance for all the invoices of exercise 1.",
  );
  const rates = s.table(
    ["账龄 / Bucket", "计提比例 / Rate", "金额 / Amount", "坏账准备 / Allowance"],
    5,
    (i, row) => [buckets[i], [0.01, 0.03, 0.1, 0.3, 0.5][i], f(`SUMIF(${bucketCol},A${row},${absCol(2, t.first, t.last)})`), f(`B${row}*C${row}`)],
    [undefined, PCT, MONEY, MONEY],
  );
  s.put(s.at(0), "合计 / Total", "label");
  const total = s.put(s.at(3), f(`SUM(${col(3, rates.first, rates.last)})`), "worked", MONEY);
  s.row++;
  s.gap();
  s.answerHeader();
  s.answer("坏账准备 / Allowance", `CRM.ALLOWANCE(${amounts},${col(3, t.first, t.last)},${col(1, rates.first, rates.last)})`, total, MONEY);
  return s;
}

// ───────────────────────────── more of the course texts (issue 14) ─────────────────────────────

/** Marks formula cells of a table as CRM answers (green), e.g. a CRM call in each row. */
function crmStyle(s: SheetWriter, t: { first: number; last: number }, ...columns: number[]): void {
  for (let row = t.first; row <= t.last; row++) for (const c of columns) s.cells.get(s.at(c, row))!.style = "crm";
}

/** Column letters of a 0-based column index. */
const letter = (c: number) => addressText(0, c).replace(/\d+$/, "");

function deliveredValueSheet(): SheetWriter {
  const s = new SheetWriter("让渡价值 Delivered value");
  s.title("顾客让渡价值", "Customer delivered value");
  s.exercise(
    "练习 1（两家供应商）· Exercise 1 (two suppliers)",
    "顾客让渡价值 = 顾客总价值 − 顾客总成本（科特勒；课程文本 000、001、002）。某顾客比较甲、乙两家供应商（下表为顾客的评估，单位：元）。分别求两家的顾客让渡价值及“总价值 ÷ 总成本”，并说明顾客会选哪家。表中数字为本练习自拟，文本只给出概念和组成部分。",
    "Customer delivered value = total customer value − total customer cost (Kotler; course texts 000, 001, 002). A customer compares suppliers A and B (the customer's own appraisal below, in ¥). Find each supplier's delivered value and value ÷ cost, and say which the customer chooses. The figures are this exercise's own; the texts give the concept and its parts only.",
  );
  const parts = ["产品价值 Product value", "服务价值 Service value", "人员价值 Personnel value", "形象价值 Image value", "货币成本 Money cost", "时间成本 Time cost", "精力成本 Energy cost", "精神成本 Psychic cost"];
  const a = [120, 40, 20, 20, 100, 15, 10, 5];
  const b = [100, 60, 30, 25, 110, 10, 5, 5];
  const t = s.table(["组成部分 / Part", "供应商甲 / Supplier A", "供应商乙 / Supplier B"], parts.length, (i) => [parts[i], a[i], b[i]], [undefined, MONEY, MONEY]);
  const values = (c: number) => absCol(c, t.first, t.first + 3);
  const costs = (c: number) => absCol(c, t.first + 4, t.last);
  s.gap();
  s.answerHeader();
  const va = s.answer("甲的顾客让渡价值 / A's delivered value", `CRM.DELIVEREDVALUE(${values(1)},${costs(1)})`, `SUM(${values(1)})-SUM(${costs(1)})`, MONEY);
  const vb = s.answer("乙的顾客让渡价值 / B's delivered value", `CRM.DELIVEREDVALUE(${values(2)},${costs(2)})`, `SUM(${values(2)})-SUM(${costs(2)})`, MONEY);
  s.answer("甲：总价值 ÷ 总成本 / A: value ÷ cost", `CRM.DELIVEREDVALUE(${values(1)},${costs(1)},"ratio")`, `SUM(${values(1)})/SUM(${costs(1)})`, FACTOR);
  s.answer("乙：总价值 ÷ 总成本 / B: value ÷ cost", `CRM.DELIVEREDVALUE(${values(2)},${costs(2)},"ratio")`, `SUM(${values(2)})/SUM(${costs(2)})`, FACTOR);
  s.step("顾客选择 / The customer chooses", `IF(${rel(vb)}>${rel(va)},"乙 B","甲 A")`);
  s.note("乙的价格（货币成本）更高，但服务、人员和形象价值更高，时间和精力成本更低，让渡价值更大：顾客看的是让渡价值，不只是价格。 / B's price (money cost) is higher, but its service, personnel and image value are higher and its time and energy costs lower, so its delivered value is larger: customers weigh delivered value, not price alone.");
  return s;
}

function retentionImpactSheet(): SheetWriter {
  const s = new SheetWriter("留存影响 Retention impact");
  s.title("留存率提高对客户终生价值的影响", "What more retention is worth");
  s.exercise(
    "练习 1 · Exercise 1",
    "课程文本引用“客户保持率提高 5%，利润增加 25%–85%”。某客户每年带来利润 ¥100，留存率 80%，折现率 10%（无限期、利润在年末：CLV = m·r/(1+d−r)）。留存率提高到 85% 时，客户终生价值增加百分之几？",
    "The course texts quote “5% more retention, 25–85% more profit”. A customer brings a margin of ¥100 a year at 80% retention and a 10% discount rate (infinite horizon, margins at year end: CLV = m·r/(1+d−r)). By what share does the lifetime value rise when retention reaches 85%?",
  );
  const m = s.given("每年利润 m / Margin per year m", 100, MONEY);
  const r = s.given("现在的留存率 r / Retention now r", 0.8, PCT);
  const d = s.given("折现率 d / Discount rate d", 0.1, PCT);
  const r2 = s.given("新的留存率 / New retention", 0.85, PCT);
  const before = s.step("原客户终生价值 m·r/(1+d−r) / CLV now", `${m}*${r}/(1+${d}-${r})`, MONEY);
  const after = s.step("新客户终生价值 / CLV at the new retention", `${m}*${r2}/(1+${d}-${r2})`, MONEY);
  s.gap();
  s.answerHeader();
  s.answer("客户终生价值的相对变化 / Relative change of the CLV", `CRM.RETENTIONIMPACT(${m},${r},${d},${r2})`, `${after}/${before}-1`, RATE);
  s.gap();
  s.exercise(
    "练习 2（不同起点各提高 5 个百分点）· Exercise 2 (five points more from different levels)",
    "同一客户（每年利润 ¥100，折现率 10%），留存率从 50%、60%、70%、80%、90% 各提高 5 个百分点，客户终生价值各增加多少？",
    "The same customer (¥100 a year, 10%): retention rises by five points from 50%, 60%, 70%, 80% and 90%. How much more is the customer worth in each case?",
  );
  const t = s.table(
    ["现在的留存率 / Retention now", "新的留存率 / New retention", "CRM 变化 / CRM change", "原 CLV / CLV now", "新 CLV / New CLV", "分步变化 / Worked change", "核对 / Check"],
    5,
    (i, row) => [[0.5, 0.6, 0.7, 0.8, 0.9][i], f(`A${row}+0.05`), f(`CRM.RETENTIONIMPACT(${m},A${row},${d},B${row})`), f(`${m}*A${row}/(1+${d}-A${row})`), f(`${m}*B${row}/(1+${d}-B${row})`), f(`E${row}/D${row}-1`), f(checkFormula(`C${row}`, `F${row}`, true))],
    [PCT, PCT, RATE, MONEY, MONEY, RATE],
  );
  crmStyle(s, t, 2);
  s.checks(t, 6);
  s.note("留存率越高，同样提高 5 个百分点带来的价值增幅越大（这里约 20%–41%）。文本中的 25%–85% 是关于企业利润的引述（Reichheld），并非由本模型算出；这里算的是单个客户在无限期模型中的终生价值。 / The higher retention already is, the more five more points are worth (about 20%–41% here). The texts' 25–85% is a quotation about company profit (Reichheld), not derived from this model; what is computed here is one customer's lifetime value in the infinite-horizon model.");
  return s;
}

function receivableCostSheet(): SheetWriter {
  const s = new SheetWriter("应收账款成本 Receivable cost");
  s.title("应收账款的机会成本", "Opportunity cost of receivables");
  s.exercise(
    "练习 1 · Exercise 1",
    "应收账款的成本包括机会成本、管理费用（收账费用）和坏账成本（课程文本 003）。某企业年赊销额 ¥3 600 000，平均收账天数 60 天，变动成本率 60%，资金成本率 10%，一年按 360 天计。求应收账款的机会成本（文本未给公式，这里用财务管理教材的常用公式：日赊销额 × 收账天数 × 变动成本率 × 资金成本率）。",
    "The costs of receivables are the opportunity cost, the collection (administration) cost and bad debts (course text 003). A company sells ¥3,600,000 a year on credit, collects in 60 days on average, has variable costs of 60% of sales and a 10% cost of capital, with a 360-day year. Find the opportunity cost of its receivables (the text gives no formula; this is the usual one of financial management: daily credit sales × collection days × variable-cost ratio × cost of capital).",
  );
  const sales = s.given("年赊销额 / Credit sales per year", 3600000, MONEY);
  const days = s.given("平均收账天数 / Collection days", 60, INT);
  const vcr = s.given("变动成本率 / Variable-cost ratio", 0.6, PCT);
  const cc = s.given("资金成本率 / Cost of capital", 0.1, PCT);
  const year = s.given("一年天数 / Days in a year", 360, INT);
  const daily = s.step("日赊销额 / Credit sales per day", `${sales}/${year}`, MONEY);
  const balance = s.step("应收账款平均余额 / Average receivables", `${daily}*${days}`, MONEY);
  const tied = s.step("应收账款占用资金（变动成本部分）/ Money tied up (variable-cost part)", `${balance}*${vcr}`, MONEY);
  s.gap();
  s.answerHeader();
  s.answer("应收账款机会成本 / Opportunity cost", `CRM.RECEIVABLECOST(${sales},${days},${vcr},${cc})`, `${tied}*${cc}`, MONEY);
  s.answer("一年按 365 天 / With a 365-day year", `CRM.RECEIVABLECOST(${sales},${days},${vcr},${cc},365)`, `${sales}/365*${days}*${vcr}*${cc}`, MONEY);
  return s;
}

function creditPolicySheet(): SheetWriter {
  const s = new SheetWriter("信用政策 Credit policy");
  s.title("信用政策决策", "Choosing a credit policy");
  s.exercise(
    "练习 1（三个方案）· Exercise 1 (three policies)",
    "某企业考虑三个信用政策：方案1 “n/30”；方案2 “n/60”，销售额增加 10%；方案3 “2/10, n/60”，销售额同方案2，一半客户在 10 天内付款享受 2% 折扣，平均收账期缩短为 35 天。变动成本率 65%，资金成本率 10%，一年 360 天，各方案的坏账损失率和收账费用见下表。哪个方案的净收益最大？（数字为本练习自拟；文本 003 只列出了信用政策的内容和应收账款的成本。）",
    "A company weighs three credit policies: 1 “n/30”; 2 “n/60”, with 10% more sales; 3 “2/10, n/60”, with the sales of policy 2, half the customers paying within 10 days for the 2% discount and collection down to 35 days on average. Variable costs are 65% of sales, the cost of capital 10%, the year 360 days; bad-debt rates and collection costs are in the table. Which policy has the largest net benefit? (The figures are this exercise's own; text 003 lists what a credit policy covers and what receivables cost.)",
  );
  const items = ["年赊销额 / Credit sales", "变动成本率 / Variable-cost ratio", "平均收账天数 / Collection days", "坏账损失率 / Bad-debt rate", "收账费用 / Collection cost", "资金成本率 / Cost of capital", "享受折扣的销售比例 / Share taking the discount", "现金折扣率 / Cash discount"];
  const data = [
    [2400000, 2640000, 2640000],
    [0.65, 0.65, 0.65],
    [30, 60, 35],
    [0.02, 0.03, 0.02],
    [24000, 40000, 30000],
    [0.1, 0.1, 0.1],
    [0, 0, 0.5],
    [0, 0, 0.02],
  ];
  const fmts = [MONEY, PCT, INT, PCT, MONEY, PCT, PCT, PCT];
  const g = s.table(["项目 / Item", "方案1 n/30", "方案2 n/60", "方案3 2/10, n/60"], items.length, (i) => [items[i], ...data[i]]);
  for (let i = 0; i < items.length; i++) for (let c = 1; c <= 3; c++) s.cells.get(s.at(c, g.first + i))!.numFmt = fmts[i];
  const year = s.given("一年天数 / Days in a year", 360, INT);
  const row = (i: number) => `$B$${g.first + i}:$D$${g.first + i}`;
  s.gap();
  const formula = `CRM.CREDITPOLICY(${[0, 1, 2, 3, 4, 5, 6, 7].map(row).join(",")},${year})`;
  const spill = s.spill("CRM.CREDITPOLICY：方案比较表 / The comparison", formula, 8, 4, [undefined, MONEY, MONEY, MONEY]);
  s.note("分步：逐项用普通公式计算（下表），再与上表逐格核对。 / Worked: each figure with a plain formula (below), checked cell by cell against the table above.");
  const at = (i: number, c: number) => `${letter(c)}$${g.first + i}`;
  const lines: [string, (c: number) => string][] = [
    ["边际贡献 = 销售额 × (1 − 变动成本率)", (c) => `${at(0, c)}*(1-${at(1, c)})`],
    ["机会成本 = 销售额 ÷ 360 × 天数 × 变动成本率 × 资金成本率", (c) => `${at(0, c)}/${year}*${at(2, c)}*${at(1, c)}*${at(5, c)}`],
    ["坏账损失 = 销售额 × 坏账损失率", (c) => `${at(0, c)}*${at(3, c)}`],
    ["收账费用", (c) => `${at(4, c)}`],
    ["现金折扣成本 = 销售额 × 比例 × 折扣率", (c) => `${at(0, c)}*${at(6, c)}*${at(7, c)}`],
  ];
  const w = s.table(["分步 / Worked", "方案1", "方案2", "方案3"], 6, (i, r) => (i < 5 ? [lines[i][0], ...[1, 2, 3].map((c) => f(lines[i][1](c)))] : ["净收益 = 边际贡献 − 四项成本", ...[1, 2, 3].map((c) => f(`${letter(c)}${r - 5}-SUM(${letter(c)}${r - 4}:${letter(c)}${r - 1})`))]), [undefined, MONEY, MONEY, MONEY]);
  s.blockCheck(CHECK_ALL, `${addressText(spill.first, 1)}:${addressText(spill.first + 5, 3)}`, `B${w.first}:D${w.last}`);
  const net = `$B$${w.last}:$D$${w.last}`;
  s.answerHeader();
  for (let c = 1; c <= 3; c++) {
    const worked = `IF(AND(${letter(c)}${w.last}=MAX(${net}),COUNTIF(${c === 1 ? `B${w.last}:B${w.last}` : `$B$${w.last}:${letter(c - 1)}${w.last}`},MAX(${net}))=${c === 1 ? 1 : 0}),"✓","")`;
    s.answer(`方案${c} 是否最优 / Is policy ${c} best?`, addressText(spill.first + 6, c), worked);
  }
  s.note("方案3 的现金折扣要花 ¥26 400，但收账期缩短使机会成本和坏账都下降，收账费用也减少，净收益最大。 / Policy 3's discount costs ¥26,400, but the shorter collection period lowers the opportunity cost, bad debts and collection cost: its net benefit is the largest.");
  return s;
}

function lifecycleSheet(): SheetWriter {
  const s = new SheetWriter("生命周期 Lifecycle");
  s.title("客户关系生命周期：四阶段与四种模式", "The relationship lifecycle: four stages, four patterns");
  s.exercise(
    "练习 1（四种模式）· Exercise 1 (the four patterns)",
    "课程文本把客户关系分为考察期、形成期、稳定期、退化期四个阶段，并列出四种生命周期模式：早期流产型、中途夭折型、提前退出型、长久保持型。下表是四位客户 16 期的交易额曲线（本练习自拟），用 CRM.LIFECYCLESTAGE 求每一期结束时所处的阶段。文本没有给出判定规则，本插件的规则是：从首次购买起前 3 期为考察期；之后比较最近 3 期与其前 3 期（不足 3 期时取已有各期）的平均交易额：增长超过 10% 为形成期，下降超过 10% 或最近 3 期无交易为退化期，其余为稳定期。",
    "The course texts divide a relationship into four stages (exploration, build-up, maturity, decline) and name four lifecycle patterns: aborted early (早期流产型), dying mid-way (中途夭折型), leaving early (提前退出型) and kept long (长久保持型). Below are four customers' transaction curves over 16 periods (this exercise's own figures). Find with CRM.LIFECYCLESTAGE the stage at the end of every period. The texts give no rule; the add-in's rule: the first 3 periods from the first purchase are exploration; after that the mean of the last 3 periods is compared with the mean of the 3 before them (fewer when there are fewer): growth above 10% is build-up, a fall below −10% or no purchase in the last 3 periods decline, else maturity.",
  );
  const explore = s.given("考察期期数 / Exploration periods", 3, INT);
  const tol = s.given("容差 / Tolerance", 0.1, PCT);
  s.note("各曲线都从第 1 期开始购买，所以第 t 期末的存续期就是 t；分步公式按此写出比较的各期。 / Every curve starts buying in period 1, so the tenure at the end of period t is t; the worked formulas pick the compared periods accordingly.");
  s.gap();
  const patterns: [string, number[]][] = [
    ["早期流产型 Aborted early", [20, 25, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    ["中途夭折型 Dying mid-way", [20, 30, 40, 70, 110, 150, 90, 40, 0, 0, 0, 0, 0, 0, 0, 0]],
    ["提前退出型 Leaving early", [20, 30, 40, 70, 110, 150, 180, 185, 180, 185, 182, 180, 100, 40, 0, 0]],
    ["长久保持型 Kept long", [20, 30, 40, 70, 110, 150, 180, 185, 180, 185, 182, 180, 185, 183, 180, 185]],
  ];
  const periods = 16;
  const header = ["期 / Period", ...Array.from({ length: periods }, (_, i) => `${i + 1}`)];
  const curveRows: number[] = [];
  for (const [name, amounts] of patterns) {
    s.put(s.at(0), name, "heading");
    s.row++;
    const t = s.table(header, 4, (i, row) => {
      const data = row - i; // the amounts' row
      if (i === 0) return ["交易额 / Amount", ...amounts];
      if (i === 1) return ["CRM 阶段 / CRM stage", ...amounts.map((_, k) => f(`CRM.LIFECYCLESTAGE($B${data}:${letter(k + 1)}${data},${explore},3,${tol})`))];
      if (i === 2) {
        return [
          "分步阶段 / Worked stage",
          ...amounts.map((_, k) => {
            // Period t = k + 1 is in column k + 1; windows as the function takes them (window 3).
            const t1 = k + 1;
            if (t1 === 1) return f(`IF(${t1}<=${explore},"考察期","")`);
            const rl = Math.min(3, t1 - 1);
            const el = Math.min(3, t1 - rl);
            const cols = (from: number, to: number) => `${letter(from)}${data}:${letter(to)}${data}`;
            const recent = cols(t1 - rl + 1, t1);
            const earlier = cols(t1 - rl - el + 1, t1 - rl);
            const last3 = cols(Math.max(1, t1 - 2), t1);
            const growth = `(AVERAGE(${recent})/AVERAGE(${earlier})-1)`;
            return f(`IF(${t1}<=${explore},"考察期",IF(SUM(${last3})=0,"退化期",IF(AVERAGE(${earlier})=0,"形成期",IF(${growth}>${tol},"形成期",IF(${growth}<-${tol},"退化期","稳定期")))))`);
          }),
        ];
      }
      return ["核对 / Check", ...amounts.map((_, k) => f(checkFormula(`${letter(k + 1)}${row - 2}`, `${letter(k + 1)}${row - 1}`, false)))];
    }, [undefined, ...amounts.map(() => INT)]);
    for (let k = 1; k <= periods; k++) {
      s.cells.get(s.at(k, t.first + 1))!.style = "crm";
      s.cells.get(s.at(k, t.first + 3))!.style = "check";
    }
    curveRows.push(t.first);
    s.gap();
  }
  // The four curves side by side (one period a row, one pattern a column) and drawn as a line chart.
  s.put(s.at(0), "四种模式的曲线 / The four patterns as curves", "heading");
  s.row++;
  const curves = s.table(
    ["期 / Period", ...patterns.map(([name]) => name)],
    periods,
    (k) => [k + 1, ...patterns.map((_, i) => f(`${letter(k + 1)}${curveRows[i]}`))],
    [INT, ...patterns.map(() => INT)],
  );
  s.charts.push({
    sheet: s.name,
    kind: "line",
    title: "客户关系生命周期的四种模式 / The four lifecycle patterns",
    source: { sheet: s.name, row: curves.first - 2, column: 0, rows: periods + 1, columns: patterns.length + 1 },
    anchor: { row: curves.first - 2, column: patterns.length + 2 },
    // As tall as the table beside it (a 33 pt header and 16 rows of 15 pt), so the notes below stay clear.
    width: 560,
    height: 270,
    name: "lifecycle-patterns",
  });
  s.gap();
  s.note("读法：早期流产型在考察期之后即退化；中途夭折型在形成期后直接退化，没有稳定期；提前退出型进入稳定期但很快退化；长久保持型长期处于稳定期。阶段比曲线的拐点晚一两期出现，因为规则比较的是 3 期的平均值。上面的折线图画出了四条曲线。 / Reading: aborted early declines right after exploration; dying mid-way declines straight after build-up, never reaching maturity; leaving early reaches maturity but soon declines; kept long stays in maturity. The stages follow the curves' turns a period or two late, because the rule compares 3-period means. The line chart above draws the four curves.");
  s.gap();
  s.exercise(
    "练习 2（一次求出全部客户）· Exercise 2 (all customers at once)",
    "把四条曲线当作四位客户（每行一位客户、每列一期），用一条 CRM.LIFECYCLESTAGE 公式求出第 16 期末的阶段，并与练习 1 最后一期的分步结果核对。",
    "Take the four curves as four customers (one a row, one period a column) and find the stage at the end of period 16 with one CRM.LIFECYCLESTAGE formula; check it against the last worked stage of exercise 1.",
  );
  const last = letter(periods);
  // The four amount rows are not adjacent: a block of references to them, laid out one customer a row.
  const block = s.table(["客户 / Customer", ...Array.from({ length: periods }, (_, i) => `${i + 1}`)], 4, (i) => [patterns[i][0], ...Array.from({ length: periods }, (_, k) => f(`${letter(k + 1)}${curveRows[i]}`))], [undefined, ...Array.from({ length: periods }, () => INT)]);
  s.gap();
  const stageFormula = `CRM.LIFECYCLESTAGE(B${block.first}:${last}${block.last},${explore},3,${tol})`;
  const st = s.table(["客户 / Customer", "CRM 阶段 / CRM stage", "分步阶段（练习 1）/ Worked (exercise 1)", "核对 / Check"], 4, (i, row) => [f(`A${block.first + i}`), null, f(`${last}${curveRows[i] + 2}`), f(checkFormula(`B${row}`, `C${row}`, false))]);
  s.spillIn(st, 1, stageFormula);
  s.checks(st, 3);
  s.formulas([1, stageFormula]);
  return s;
}

function migrationSheet(): SheetWriter {
  const s = new SheetWriter("客户转移 Migration");
  s.title("客户转移模型（马尔可夫链）", "The customer migration model (Markov chain)");
  s.exercise(
    "练习 1 · Exercise 1",
    "课程文本 004 介绍了 Dwyer 的客户转移模型（适用于暂时流失、还会回来的客户）。按 Pfeifer 与 Carraway 的马尔可夫链写法：客户每期处于三个状态之一——1 本期购买、2 上期购买、3 两期以上未购买；下表是下一期转到各状态的概率（本练习自拟）。本期购买的客户带来利润 ¥100，其他状态为 0；折现率 10%，计算 5 期，利润在期末。分别求从三个状态开始的客户价值。",
    "Course text 004 introduces Dwyer's customer migration model (for customers who lapse and may come back). Written as Pfeifer and Carraway's Markov chain: each period a customer is in one of three states — 1 bought this period, 2 bought last period, 3 no purchase for two periods or more; the table gives the probabilities of each state next period (this exercise's own figures). A customer buying this period brings ¥100 of margin, the other states nothing; the discount rate is 10% over 5 periods with margins at period end. Find the value of a customer starting in each state.",
  );
  const P = [
    [0.6, 0.4, 0],
    [0.3, 0, 0.7],
    [0.1, 0, 0.9],
  ];
  const names = ["1 本期购买 Bought now", "2 上期购买 Bought last period", "3 流失 Lapsed"];
  const m = s.table(["从 \\ 到 / From \\ to", "状态 1", "状态 2", "状态 3", "本期收益 / Reward"], 3, (i) => [names[i], ...P[i], [100, 0, 0][i]], [undefined, SCORE, SCORE, SCORE, MONEY]);
  const transitions = `$B$${m.first}:$D$${m.last}`;
  const rewards = `$E$${m.first}:$E$${m.last}`;
  const rate = s.given("折现率 / Discount rate", 0.1, PCT);
  const n = 5;
  const periods = s.given("期数 / Periods", n, INT);
  s.gap();
  const worked: string[] = [];
  for (let start = 0; start < 3; start++) {
    s.put(s.at(0), `从状态 ${start + 1} 开始：各期处于各状态的概率 / Starting in state ${start + 1}: the chance of each state`, "heading");
    s.row++;
    const t = s.table(["期 t / Period t", "状态 1", "状态 2", "状态 3", "期望收益现值 / PV of expected reward"], n, (i, row) => {
      const dist =
        i === 0
          ? [0, 1, 2].map((j) => (j === start ? 1 : 0))
          : [0, 1, 2].map((j) => f(`B${row - 1}*$${letter(j + 1)}$${m.first}+C${row - 1}*$${letter(j + 1)}$${m.first + 1}+D${row - 1}*$${letter(j + 1)}$${m.first + 2}`));
      return [i, ...dist, f(`(B${row}*$E$${m.first}+C${row}*$E$${m.first + 1}+D${row}*$E$${m.first + 2})/(1+${rate})^(A${row}+1)`)];
    }, [INT, SCORE, SCORE, SCORE, MONEY]);
    s.put(s.at(0), "合计 / Total", "label");
    worked.push(s.put(s.at(4), f(`SUM(${col(4, t.first, t.last)})`), "worked", MONEY));
    s.row++;
    s.gap();
  }
  s.answerHeader();
  worked.forEach((w, i) => s.answer(`从状态 ${i + 1} 开始的客户价值 / Value starting in state ${i + 1}`, `CRM.CLVMIGRATION(${transitions},${rewards},${rate},${periods},${i + 1})`, w, MONEY));
  s.gap();
  const spill = s.spill("省略 start_state：每个状态一个值 / start_state left out: one value per state", `CRM.CLVMIGRATION(${transitions},${rewards},${rate},${periods})`, 3, 1, [MONEY]);
  const wk = s.table(["分步 / Worked"], 3, (i) => [f(worked[i])], [MONEY]);
  s.blockCheck(CHECK_ALL, `A${spill.first}:A${spill.first + 2}`, `A${wk.first}:A${wk.last}`);
  s.gap();
  s.exercise(
    "练习 2（没有转移时）· Exercise 2 (when nobody moves)",
    "若转移矩阵为单位矩阵（客户永远停在原状态），从状态 1 开始的客户价值就是每期 ¥100、5 期、10% 的普通客户终生价值。验证之。",
    "With the identity matrix (customers never leave their state), the value starting in state 1 is the plain lifetime value of ¥100 a period for 5 periods at 10%. Check it.",
  );
  const id = s.table(["单位矩阵 / Identity", "状态 1", "状态 2", "状态 3"], 3, (i) => [names[i], ...[0, 1, 2].map((j) => (i === j ? 1 : 0))], [undefined, INT, INT, INT]);
  s.gap();
  s.answerHeader();
  s.answer("单位矩阵下从状态 1 开始 / Identity, starting in state 1", `CRM.CLVMIGRATION($B$${id.first}:$D$${id.last},${rewards},${rate},${periods},1)`, `$E$${m.first}*(1-(1+${rate})^-${periods})/${rate}`, MONEY);
  s.answer("同一值用 CRM.CLV / The same with CRM.CLV", `CRM.CLV(${rate},${periods},$E$${m.first})`, `$E$${m.first}*(1-(1+${rate})^-${periods})/${rate}`, MONEY);
  return s;
}

function clvPartsSheet(): SheetWriter {
  const s = new SheetWriter("CLV分解 CLV parts");
  s.title("客户终生价值的构成", "What a customer's lifetime value is made of");
  s.exercise(
    "练习 1（CLV = CLV1 + … + CLV6）· Exercise 1",
    "课程文本 001：CLV = CLV1 + CLV2 + CLV3 + CLV4 + CLV5 + CLV6，其中 CLV1 为初期购买的收益，CLV2 为重复购买及提高支出份额的收益，CLV3 为交叉销售的收益，CLV4 为长期配合使服务成本降低等带来的收益，CLV5 为推荐带来的收益，CLV6 为忠诚客户对价格敏感性降低带来的收益。某客户的各项收益见下表（本练习自拟；初期购买在第 0 年），折现率 10%。用普通公式求 CLV1 … CLV6 的现值和 CLV，并用 CRM.CLV 核对。",
    "Course text 001: CLV = CLV1 + … + CLV6, where CLV1 is the profit of the first purchase, CLV2 of repeat purchases and a larger share of wallet, CLV3 of cross-selling, CLV4 of lower service cost in a long relationship, CLV5 of referrals and CLV6 of loyal customers' lower price sensitivity. One customer's figures are below (this exercise's own; the first purchase in year 0), at 10%. Work out the present value of CLV1 … CLV6 and the CLV with plain formulas, and check with CRM.CLV.",
  );
  const rate = s.given("折现率 / Discount rate", 0.1, PCT);
  const clv1 = s.given("CLV1 初期购买收益（第 0 年）/ First purchase (year 0)", 500, MONEY);
  s.gap();
  const streams = [
    [300, 400, 500, 550, 600],
    [0, 100, 150, 200, 200],
    [0, 50, 80, 100, 100],
    [0, 80, 120, 150, 150],
    [0, 30, 60, 80, 100],
  ];
  const t = s.table(
    ["年 t / Year t", "CLV2 重复购买 / Repeat", "CLV3 交叉销售 / Cross-selling", "CLV4 成本降低 / Lower cost", "CLV5 推荐 / Referrals", "CLV6 价格敏感性降低 / Price premium", "合计 / Total", "折现系数 / Discount factor"],
    5,
    (i, row) => [i + 1, ...streams.map((x) => x[i]), f(`SUM(B${row}:F${row})`), f(`1/(1+${rate})^A${row}`)],
    [INT, MONEY, MONEY, MONEY, MONEY, MONEY, MONEY, FACTOR],
  );
  const factors = absCol(7, t.first, t.last);
  s.put(s.at(0), "现值 / Present value", "label");
  const pv = [1, 2, 3, 4, 5].map((c) => s.put(s.at(c), f(`SUMPRODUCT(${col(c, t.first, t.last)},${factors})`), "worked", MONEY));
  s.row++;
  s.gap();
  const sum = s.step("CLV = CLV1 + CLV2 + … + CLV6", `${clv1}+${pv.join("+")}`, MONEY);
  s.gap();
  s.answerHeader();
  s.answer("客户终生价值 / Lifetime value", `CRM.CLV(${rate},,${absCol(6, t.first, t.last)},,,${clv1})`, sum, MONEY);
  s.gap();

  s.exercise(
    "练习 2（CLV = CLR1 + CLR2 + CLR3 + CLR4 − Ca − Cp − Cs − Cm）· Exercise 2",
    "课程文本 001 按生命周期阶段写出 CLV = CLR1 + CLR2 + CLR3 + CLR4 − Ca − Cp − Cs − Cm：CLR1…CLR4 是考察期、形成期、稳定期、退化期的收益（现值）。文本只给出符号；这里把 Ca 理解为获取成本、Cp 为促销成本、Cs 为服务成本、Cm 为维系成本（本练习的理解）。某客户 8 年的数据见下表（自拟），折现率 10%，获取成本在第 0 年。用普通公式求各阶段收益和各项成本的现值及 CLV，并用 CRM.CLV 核对。",
    "Course text 001 writes CLV by lifecycle stage: CLV = CLR1 + CLR2 + CLR3 + CLR4 − Ca − Cp − Cs − Cm, CLR1…CLR4 being the (present value of the) returns of the exploration, build-up, maturity and decline stages. The text gives the symbols only; here Ca is read as the acquisition cost, Cp the promotion cost, Cs the service cost and Cm the retention (maintenance) cost (this exercise's reading). One customer's 8 years are below (own figures), at 10%, the acquisition cost in year 0. Work out each stage's returns, each cost and the CLV with plain formulas, and check with CRM.CLV.",
  );
  const rate2 = s.given("折现率 / Discount rate", 0.1, PCT);
  const ca = s.given("Ca 获取成本（第 0 年）/ Acquisition cost (year 0)", 800, MONEY);
  s.gap();
  const stages = ["考察期", "考察期", "形成期", "形成期", "稳定期", "稳定期", "稳定期", "退化期"];
  const revenue = [200, 300, 600, 900, 1200, 1250, 1200, 600];
  const cp = [100, 100, 80, 60, 50, 50, 50, 30];
  const cs = [50, 60, 80, 100, 120, 120, 120, 80];
  const cm = [0, 0, 40, 60, 80, 80, 80, 100];
  const y = s.table(
    ["年 t / Year t", "阶段 / Stage", "收益 / Returns", "Cp 促销 / Promotion", "Cs 服务 / Service", "Cm 维系 / Retention", "成本合计 / Costs", "折现系数 / Discount factor", "收益现值 / PV of returns"],
    8,
    (i, row) => [i + 1, stages[i], revenue[i], cp[i], cs[i], cm[i], f(`SUM(D${row}:F${row})`), f(`1/(1+${rate2})^A${row}`), f(`C${row}*H${row}`)],
    [INT, undefined, MONEY, MONEY, MONEY, MONEY, MONEY, FACTOR, MONEY],
  );
  const stageCol = absCol(1, y.first, y.last);
  const pvCol = absCol(8, y.first, y.last);
  const yf = absCol(7, y.first, y.last);
  s.gap();
  const clr = ["考察期", "形成期", "稳定期", "退化期"].map((st, i) => s.step(`CLR${i + 1}（${st}收益现值）/ CLR${i + 1}`, `SUMIF(${stageCol},"${st}",${pvCol})`, MONEY));
  const costPv = [3, 4, 5].map((c, i) => s.step(`${["Cp", "Cs", "Cm"][i]} 现值 / PV of ${["Cp", "Cs", "Cm"][i]}`, `SUMPRODUCT(${absCol(c, y.first, y.last)},${yf})`, MONEY));
  const total = s.step("CLV = CLR1 + CLR2 + CLR3 + CLR4 − Ca − Cp − Cs − Cm", `${clr.join("+")}-${ca}-${costPv.join("-")}`, MONEY);
  s.gap();
  s.answerHeader();
  s.answer("客户终生价值 / Lifetime value", `CRM.CLV(${rate2},,${absCol(2, y.first, y.last)},${absCol(6, y.first, y.last)},${ca})`, total, MONEY);
  return s;
}

function relationshipTypeSheet(): SheetWriter {
  const s = new SheetWriter("关系类型 Relationship types");
  s.title("按客户数量和边际利润选择客户关系类型", "Choosing the relationship type by customer count and margin");
  s.exercise(
    "练习 1（查表）· Exercise 1 (a lookup)",
    "课程文本 003 列出科特勒的五种客户关系类型（基本型、被动型、负责型、能动型、伙伴型），并按“客户数量”和“边际利润水平”选择关系类型，但文本中没有那张图。下表按科特勒《营销管理》的原表给出（客户多、利润低 → 基本型 … 客户少、利润高 → 伙伴型）。本练习的分档界限为自拟：客户数 ≥ 1000 为“多”、≥ 100 为“中”、其余为“少”；边际利润率 ≥ 30% 为“高”、≥ 10% 为“中”、其余为“低”。求各业务应采用的关系类型：用 INDEX/MATCH 查表，再用 IF 公式分步核对。",
    "Course text 003 lists Kotler's five relationship types (basic, reactive, accountable, proactive, partnership) and chooses among them by the number of customers and the margin level, but the figure itself is not in the text. The grid below is Kotler's (Marketing Management): many customers and a low margin → basic … few customers and a high margin → partnership. This exercise's own cut-offs: 1000 customers or more is many, 100 or more medium, else few; a margin of 30% or more is high, 10% or more medium, else low. Find each business's relationship type with INDEX/MATCH, and check it with IF formulas.",
  );
  const grid = [
    ["负责型", "能动型", "伙伴型"],
    ["被动型", "负责型", "能动型"],
    ["基本型", "被动型", "负责型"],
  ];
  const g = s.table(["边际利润 \\ 客户数量 / Margin \\ customers", "多 / Many", "中 / Medium", "少 / Few"], 3, (i) => [["高 / High", "中 / Medium", "低 / Low"][i], ...grid[i]]);
  const gridRange = `$B$${g.first}:$D$${g.last}`;
  const countLevels = `$B$${g.first - 1}:$D$${g.first - 1}`;
  const marginLevels = `$A$${g.first}:$A$${g.last}`;
  s.note("科特勒的五种类型：基本型（卖出后不再联系）、被动型（鼓励客户有问题时联系）、负责型（售后主动询问意见）、能动型（不断提供改进建议和新产品信息）、伙伴型（与客户协同、帮助客户成功）。 / Kotler's five types: basic (no contact after the sale), reactive (customers are encouraged to call with problems), accountable (the seller calls to ask), proactive (the seller keeps offering improvements and news), partnership (working with the customer for its success).");
  s.gap();
  const businesses: [string, number, number][] = [
    ["日用品零售 Retail", 50000, 0.05],
    ["家电 Appliances", 8000, 0.2],
    ["办公设备 Office equipment", 600, 0.18],
    ["工业软件 Industrial software", 120, 0.4],
    ["飞机发动机 Aero engines", 12, 0.35],
    ["原材料 Raw materials", 40, 0.06],
  ];
  const t = s.table(
    ["业务 / Business", "客户数量 / Customers", "边际利润率 / Margin", "数量档 / Count level", "利润档 / Margin level", "查表 INDEX/MATCH / Lookup", "分步 IF / Worked with IF", "核对 / Check"],
    businesses.length,
    (i, row) => {
      const count = `IF(B${row}>=1000,"多 / Many",IF(B${row}>=100,"中 / Medium","少 / Few"))`;
      const margin = `IF(C${row}>=0.3,"高 / High",IF(C${row}>=0.1,"中 / Medium","低 / Low"))`;
      const hiC = `B${row}>=1000`;
      const midC = `B${row}>=100`;
      const hiM = `C${row}>=0.3`;
      const midM = `C${row}>=0.1`;
      const worked = `IF(${hiM},IF(${hiC},"负责型",IF(${midC},"能动型","伙伴型")),IF(${midM},IF(${hiC},"被动型",IF(${midC},"负责型","能动型")),IF(${hiC},"基本型",IF(${midC},"被动型","负责型"))))`;
      return [businesses[i][0], businesses[i][1], businesses[i][2], f(count), f(margin), f(`INDEX(${gridRange},MATCH(E${row},${marginLevels},0),MATCH(D${row},${countLevels},0))`), f(worked), f(checkFormula(`F${row}`, `G${row}`, false))];
    },
    [undefined, INT, PCT],
  );
  s.checks(t, 7);
  s.note("这里没有 CRM 函数：关系类型的选择是查表，两种普通公式的结果应一致（✓）。 / No CRM function here: choosing the type is a lookup, and the two plain workings must agree (✓).");
  return s;
}

// ─────────────────────── customer-base analysis (issue 12) ───────────────────────

/** CDNOW's 2,357 customers (weeks, calibration to 1997-09-30) with equal (x, t_x, T) folded: x, t_x, T, customers. */
function cdnowGroups(): number[][] {
  const file = path.resolve(__dirname, "../../shared/data/cdnow/cdnow_customers_summary.csv");
  const counts = new Map<string, number[]>();
  for (const line of fs.readFileSync(file, "utf8").trim().split("\n").slice(1)) {
    const [, x, tx, T] = line.split(",").map(Number);
    const key = `${x} ${tx} ${T}`;
    const row = counts.get(key) ?? [x, tx, T, 0];
    row[3]++;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

function bgnbdCdnow(): SheetWriter {
  const s = new SheetWriter("BG-NBD CDNOW");
  s.title("BG/NBD 模型：CDNOW 样本", "The BG/NBD model on the CDNOW sample");
  s.exercise(
    "练习 1（最大似然拟合）· Exercise 1 (maximum-likelihood fit)",
    "CDNOW 样本的 2 357 位客户在 1997 年第一季度首次购买，观察到 1997-09-30（39 周）。下表把 x（重复购买次数）、t_x（最近一次购买的时点）、T（观察期）都相同的客户合为一行，最后一列是人数。用 CRM.BGNBDFIT 拟合 BG/NBD 模型；再像 Hardie 的电子表格笔记那样，用 GAMMALN、LN、EXP 等普通公式逐行算出每位客户的对数似然，加权求和，核对它等于拟合结果的 log_likelihood（发表值：r 0.243、α 4.414、a 0.793、b 2.426，对数似然 −9 582.4）。",
    "The CDNOW sample's 2,357 customers made their first purchase in the first quarter of 1997 and are observed to 1997-09-30 (39 weeks). The table puts customers with equal x (repeat purchases), t_x (time of the last purchase) and T (age) on one row, with their number in the last column. Fit the BG/NBD model with CRM.BGNBDFIT; then, as Hardie's spreadsheet notes do, work out each row's log-likelihood with plain formulas (GAMMALN, LN, EXP), add them up weighted and check that the total is the fit's log_likelihood (published: r 0.243, α 4.414, a 0.793, b 2.426, log-likelihood −9,582.4).",
  );
  const groups = cdnowGroups();
  // The fit spills beside the data's header, the plain-formula parameters read it.
  const fitTop = s.row;
  s.put(s.at(0), "CRM.BGNBDFIT", "heading");
  s.row++;
  const dataFirst = fitTop + 14;
  const dataLast = dataFirst + groups.length - 1;
  const range = (c: number) => absCol(c, dataFirst, dataLast);
  s.array(`CRM.BGNBDFIT(${range(0)},${range(1)},${range(2)},${range(3)})`, 7, 2, [undefined, FACTOR]);
  s.put(s.at(4, fitTop), `=CRM.BGNBDFIT(${rel(range(0))},${rel(range(1))},${rel(range(2))},${rel(range(3))})`, "formula");
  const value = (i: number) => abs(addressText(fitTop + i, 1));
  const [r, alpha, a, b, ll] = [0, 1, 2, 3, 4].map(value);
  s.row = fitTop + 11;
  s.note("下表黄色各列：A1 = ln Γ(r+x) − ln Γ(r) + r ln α；A2 = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)；A3 = −(r+x) ln(α+T)；A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)（x > 0）；ln L = A1 + A2 + ln(e^A3 + e^A4)。 / Yellow columns: A1 = ln Γ(r+x) − ln Γ(r) + r ln α; A2 = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x); A3 = −(r+x) ln(α+T); A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x) (x > 0); ln L = A1 + A2 + ln(e^A3 + e^A4).");
  s.row = dataFirst - 1;
  const t = s.table(
    ["x", "t_x", "T", "人数 / Customers", "A1", "A2", "A3", "A4", "ln L", "人数 × ln L / Customers × ln L"],
    groups.length,
    (i, row) => [
      groups[i][0],
      groups[i][1],
      groups[i][2],
      groups[i][3],
      f(`GAMMALN(${r}+A${row})-GAMMALN(${r})+${r}*LN(${alpha})`),
      f(`GAMMALN(${a}+${b})+GAMMALN(${b}+A${row})-GAMMALN(${b})-GAMMALN(${a}+${b}+A${row})`),
      f(`-(${r}+A${row})*LN(${alpha}+C${row})`),
      f(`IF(A${row}>0,LN(${a})-LN(${b}+A${row}-1)-(${r}+A${row})*LN(${alpha}+B${row}),0)`),
      f(`E${row}+F${row}+LN(EXP(G${row})+IF(A${row}>0,EXP(H${row}),0))`),
      f(`D${row}*I${row}`),
    ],
    [INT, SCORE, SCORE, INT, FACTOR, FACTOR, FACTOR, FACTOR, FACTOR, FACTOR],
    0,
  );
  if (t.first !== dataFirst || t.last !== dataLast) throw new Error("BG/NBD sheet: the data moved");
  const endRow = s.row;
  s.row = fitTop + 1;
  // Answers beside the fit (columns G..K of the rows the fit spills over).
  const put = (row: number, label: string, crm: string, worked: string, fmt: string) => {
    s.put(s.at(6, row), label, "label");
    const bCell = s.put(s.at(7, row), f(crm), "crm", fmt);
    const cCell = s.put(s.at(8, row), f(worked), "worked", fmt);
    s.put(s.at(9, row), f(checkFormula(bCell, cCell, true)), "check");
    s.put(s.at(10, row), `=${rel(crm)}`, "formula");
  };
  s.put(s.at(6, fitTop), "问题 / Question", "header");
  s.put(s.at(7, fitTop), "CRM 函数 / CRM function", "header");
  s.put(s.at(8, fitTop), "分步计算 / Worked out", "header");
  s.put(s.at(9, fitTop), "核对 / Check", "header");
  put(fitTop + 1, "对数似然 / Log-likelihood", `${ll}`, `SUM(${absCol(9, t.first, t.last)})`, MONEY);
  put(fitTop + 2, "客户数 / Customers", `${value(5)}`, `SUM(${absCol(3, t.first, t.last)})`, INT);
  put(fitTop + 3, "客户 1 的 P(alive)（x=2, t_x=30.43, T=38.86）/ Customer 1's P(alive)", `CRM.PALIVE(${abs(addressText(fitTop, 0))}:${abs(addressText(fitTop + 6, 1))},2,30.43,38.86)`, `1/(1+${a}/(${b}+2-1)*((${alpha}+38.86)/(${alpha}+30.43))^(${r}+2))`, FACTOR);
  const fitRange = `${abs(addressText(fitTop, 0))}:${abs(addressText(fitTop + 6, 1))}`;
  const ranges = `${range(0)},${range(1)},${range(2)},${range(3)}`;
  // Published figures and plain workings where a closed form needs no 2F1.
  const published = (row: number, label: string, crm: string, value: number, fmt: string) => {
    s.put(s.at(6, row), label, "label");
    const bCell = s.put(s.at(7, row), f(crm), "crm", fmt);
    const cCell = s.put(s.at(8, row), value, "given", fmt);
    s.put(s.at(9, row), f(checkFormula(bCell, cCell, true)), "check");
    s.put(s.at(10, row), `=${rel(crm)}`, "formula");
  };
  published(fitTop + 4, "客户 1 未来 39 周的预期购买次数（发表值 1.226）/ Customer 1's expected purchases in 39 weeks (published 1.226)", `ROUND(CRM.EXPECTEDPURCHASES(${fitRange},39,2,30.43,38.86),3)`, 1.226, FACTOR);
  put(fitTop + 5, "新客户 39 周内不再购买的概率 (α/(α+39))^r / A new customer's P(no repeat purchase in 39 weeks)", `CRM.PURCHASEPROB(${fitRange},39,0)`, `(${alpha}/(${alpha}+39))^${r}`, FACTOR);
  published(fitTop + 6, "Pareto/NBD 对数似然（发表值 −9 595.0）/ Pareto/NBD log-likelihood (published −9,595.0)", `ROUND(INDEX(CRM.PNBDFIT(${ranges}),5,2),0)`, -9595, MONEY);
  const gg = "{6.25,3.74,15.44}";
  put(fitTop + 7, "客户 1 每次购买的期望金额（Gamma-Gamma，p 6.25、q 3.74、v 15.44；x 2、平均 22.35）/ Customer 1's expected value per purchase", `CRM.EXPECTEDVALUE(${gg},2,22.35)`, `6.25*(15.44+2*22.35)/(6.25*2+3.74-1)`, MONEY);
  put(fitTop + 8, "客户 1 下一周的预测价值 = 预期购买 × 期望金额 / Customer 1's value next week = purchases × value", `CRM.CLVPREDICT(${fitRange},${gg},2,30.43,38.86,22.35,1,0)`, `CRM.EXPECTEDPURCHASES(${fitRange},1,2,30.43,38.86)*${abs(addressText(fitTop + 6, 7))}`, MONEY);
  // Customer 1's transactions in CDNOW_sample.txt: the summary of the first row above.
  const log = "{\"0001\";\"0001\";\"0001\";\"0001\"},{\"1997-01-01\";\"1997-01-18\";\"1997-08-02\";\"1997-12-12\"}";
  put(fitTop + 9, "客户 1 的 t_x（交易记录 1997-01-01…1997-12-12，截止 1997-09-30，按周）/ Customer 1's t_x from the log", `INDEX(CRM.REPEATSUMMARY(${log},"1997-09-30",{29.33;29.73;14.96;26.48},"week","1998-06-30",FALSE),1,3)`, `(35644-35431)/7`, SCORE);
  put(fitTop + 10, "Gamma-Gamma 拟合的客户数（只计 x > 0）/ Customers in a Gamma-Gamma fit (x > 0 only)", `INDEX(CRM.GAMMAGAMMAFIT({0;1;2;2;3;4;5;6},{0;80;12;150;30;20;45;9}),5,2)`, `COUNTIF({0;1;2;2;3;4;5;6},">0")`, INT);
  s.row = endRow;
  return s;
}

const SBG_YEARS = 12;
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

function sbgRetentionSheet(): SheetWriter {
  const s = new SheetWriter("sBG 留存 Retention");
  s.title("契约情境下的留存预测（sBG 模型）", "Projecting contractual retention (the sBG model)");
  s.exercise(
    "练习 1（拟合与预测）· Exercise 1 (fit and projection)",
    "Fader 与 Hardie（2007）给出两个客户队列各 1 000 人在 12 年里每年仍续约的人数：“普通”（regular）与“高端”（high end）。只用前 7 年（t = 0…7）拟合 sBG 模型（CRM.SBGFIT），再预测第 1…12 年的存活人数，与实际人数比较；用普通公式按 S(t) = S(t−1)·(β+t−1)/(α+β+t−1) 逐年计算，核对 CRM.SBGSURVIVAL。",
    "Fader & Hardie (2007) give, for two cohorts of 1,000 customers each, how many still renew in each of 12 years: 'regular' and 'high end'. Fit the sBG model (CRM.SBGFIT) on the first 7 years only (t = 0…7), project the survivors of years 1…12 and compare them with the actual counts; work S(t) = S(t−1)·(β+t−1)/(α+β+t−1) out year by year with plain formulas and check CRM.SBGSURVIVAL.",
  );
  const t = s.table(
    ["年 t / Year t", "普通：实际 / Regular: actual", "高端：实际 / High end: actual", "普通：S(t) 分步 / Regular: S(t) worked", "高端：S(t) 分步 / High end: S(t) worked", "普通：预测人数 / Regular: projected", "高端：预测人数 / High end: projected", "核对 / Check", "核对 / Check"],
    SBG_YEARS + 1,
    (i, row) => [i, REGULAR[i], HIGH_END[i], null, null, null, null, f(checkFormula(`F${row}`, `${REGULAR[0]}*D${row}`, true)), f(checkFormula(`G${row}`, `${HIGH_END[0]}*E${row}`, true))],
    [INT, INT, INT, FACTOR, FACTOR, INT, INT],
  );
  const fitsRow = s.row + 1;
  s.row = fitsRow;
  s.put(s.at(0), "CRM.SBGFIT（第 0–7 年）/ on years 0–7", "heading");
  s.put(s.at(1), "普通 / Regular", "header");
  s.put(s.at(3), "高端 / High end", "header");
  s.row++;
  const fitRow = s.row;
  const regular = s.array(`CRM.SBGFIT(${absCol(1, t.first, t.first + 7)})`, 3, 2, [undefined, FACTOR], 1, fitRow);
  const high = s.array(`CRM.SBGFIT(${absCol(2, t.first, t.first + 7)})`, 3, 2, [undefined, FACTOR], 3, fitRow);
  s.put(s.at(5, fitRow), `=CRM.SBGFIT(${rel(col(1, t.first, t.first + 7))})`, "formula");
  const ra = abs(addressText(fitRow - 1, 2));
  const rb = abs(addressText(fitRow, 2));
  const ha = abs(addressText(fitRow - 1, 4));
  const hb = abs(addressText(fitRow, 4));
  const regularFit = regular.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  const highFit = high.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  // Fill the worked and projected columns now that the fits' cells are known.
  for (let i = 0; i <= SBG_YEARS; i++) {
    const row = t.first + i;
    const prev = row - 1;
    s.put(s.at(3, row), f(i === 0 ? "1" : `D${prev}*(${rb}+A${row}-1)/(${ra}+${rb}+A${row}-1)`), "worked", FACTOR);
    s.put(s.at(4, row), f(i === 0 ? "1" : `E${prev}*(${hb}+A${row}-1)/(${ha}+${hb}+A${row}-1)`), "worked", FACTOR);
  }
  s.spillIn(t, 5, `${REGULAR[0]}*CRM.SBGSURVIVAL(${regularFit},${absCol(0, t.first, t.last)})`, 1, [INT]);
  s.spillIn(t, 6, `${HIGH_END[0]}*CRM.SBGSURVIVAL(${highFit},${absCol(0, t.first, t.last)})`, 1, [INT]);
  s.checks(t, 7, 8);
  s.row = fitRow + 4;
  s.answerHeader();
  s.answer("普通队列 α / Regular α (0.704)", `INDEX(${regularFit},1,2)`, `ROUND(${ra},3)`, FACTOR);
  s.answer("高端队列 β / High end β (3.806)", `INDEX(${highFit},2,2)`, `ROUND(${hb},3)`, FACTOR);
  s.answer("普通：第 12 年存活率 / Regular: S(12)", `CRM.SBGSURVIVAL(${regularFit},12)`, `${abs(addressText(t.last - 1, 3))}`, FACTOR);
  s.answer("高端：第 12 年留存率 r_12 / High end: r_12", `CRM.SBGRETENTION(${highFit},12)`, `${abs(addressText(t.last - 1, 4))}/${abs(addressText(t.last - 2, 4))}`, FACTOR);
  s.gap();

  s.exercise(
    "练习 2（留存率进入 CLV）· Exercise 2 (the retention feeds CLV)",
    "每位续约客户每年带来利润 ¥100，折现率 10%。用 sBG 预测的存活率作为 CRM.CLV 的留存率区域，求一位新客户未来 12 年的客户终生价值（两个队列各一）；再用 SUMPRODUCT 按 Σ S(t)·m/(1+d)^t 核对。",
    "Each renewing customer brings a margin of ¥100 a year at a discount rate of 10%. Use the sBG survival as CRM.CLV's retention range to find a new customer's lifetime value over the next 12 years (for each cohort); check it with SUMPRODUCT as Σ S(t)·m/(1+d)^t.",
  );
  const m = s.given("每年利润 m / Margin per year m", 100, MONEY);
  const d = s.given("折现率 d / Discount rate d", 0.1, PCT);
  s.gap();
  const survRow = s.row;
  s.put(s.at(0), "普通：S(1…12) / Regular: S(1…12)", "label");
  const years = `{${Array.from({ length: SBG_YEARS }, (_, i) => i + 1).join(",")}}`;
  const regS = s.array(`CRM.SBGSURVIVAL(${regularFit},${years})`, 1, SBG_YEARS, Array(SBG_YEARS).fill(FACTOR), 1, survRow);
  s.row++;
  s.put(s.at(0), "高端：S(1…12) / High end: S(1…12)", "label");
  const highS = s.array(`CRM.SBGSURVIVAL(${highFit},${years})`, 1, SBG_YEARS, Array(SBG_YEARS).fill(FACTOR), 1, survRow + 1);
  s.row++;
  s.put(s.at(0), "年 t / Year t", "label");
  for (let i = 1; i <= SBG_YEARS; i++) s.put(s.at(i), i, "given", INT);
  const yearsRow = `$B$${s.row}:$${addressText(s.row - 1, SBG_YEARS).replace(/\d+$/, "")}$${s.row}`;
  s.row++;
  s.gap();
  const absRange = (rng: string) => rng.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  s.answerHeader();
  s.answer("普通队列的 12 年 CLV / Regular: 12-year CLV", `CRM.CLV(${d},${SBG_YEARS},${m},,,,${absRange(regS)})`, `SUMPRODUCT(${absRange(regS)},${m}/(1+${d})^${yearsRow})`, MONEY);
  s.answer("高端队列的 12 年 CLV / High end: 12-year CLV", `CRM.CLV(${d},${SBG_YEARS},${m},,,,${absRange(highS)})`, `SUMPRODUCT(${absRange(highS)},${m}/(1+${d})^${yearsRow})`, MONEY);
  return s;
}

/** The topic sheets, in tab order. */
const TOPICS: (() => SheetWriter)[] = [
  clvModels,
  retentionClv,
  rfmScoring,
  abcPyramid,
  valueMatrix,
  creditScoring,
  creditTerms,
  daysSalesOutstanding,
  agingAllowance,
  // More of the course texts (issue 14)
  clvPartsSheet,
  retentionImpactSheet,
  migrationSheet,
  lifecycleSheet,
  deliveredValueSheet,
  relationshipTypeSheet,
  receivableCostSheet,
  creditPolicySheet,
  // Customer-base analysis (issue 12)
  bgnbdCdnow,
  sbgRetentionSheet,
];

export interface Exercises {
  book: Book;
  sheets: SheetWriter[];
  results: Map<string, Cell>;
}

/** Builds every topic and evaluates it; throws when a check fails or a formula gives an error. */
export function buildExercises(metadata: Metadata): Exercises {
  const book = new Book();
  const sheets = TOPICS.map((build) => build());
  for (const s of sheets) {
    const sheet = book.sheet(s.name);
    for (const [addr, placed] of s.cells) {
      // Array parts belong to their formula's cell; the book holds only what a file would.
      if ("value" in placed.def && placed.def.value === null) continue;
      sheet.set(addr, placed.def);
    }
  }
  const { results } = evaluateBook(book, metadata);
  const problems: string[] = [];
  const known = new Set(metadata.functions.map((fn) => fn.id));
  for (const [sheetName, sheet] of book.sheets) {
    for (const [addr, def] of sheet) {
      if (!("formula" in def)) continue;
      for (const id of crmCalls(def.formula)) if (!known.has(id)) problems.push(`${sheetName}!${addr}: CRM.${id} does not exist`);
    }
  }
  for (const [key, v] of results) {
    if (v instanceof FormulaError) problems.push(`${key}: ${v.code} ${v.message}`);
    if (v === "✗") problems.push(`${key}: the CRM answer and the worked answer differ`);
  }
  if (problems.length) throw new Error(`exercise workbook:\n${problems.join("\n")}`);
  return { book, sheets, results };
}

const FILLS: Partial<Record<Style, string>> = { given: "FFDDEBF7", header: "FFF2F2F2", crm: "FFE2EFDA", worked: "FFFFF2CC", heading: "FFFCE4D6" };

function styleCell(cell: ExcelJS.Cell, style: Style, numFmt: string | undefined): void {
  if (numFmt) cell.numFmt = numFmt;
  const fill = FILLS[style];
  if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  if (style === "title") cell.font = { bold: true, size: 14 };
  if (style === "heading" || style === "header" || style === "crm") cell.font = { bold: true };
  if (style === "formula" || style === "note") cell.font = { italic: true, color: { argb: "FF595959" } };
  if (style === "check") cell.alignment = { horizontal: "center" };
  if (style === "problem" || style === "note" || style === "header" || style === "label") cell.alignment = { wrapText: true, vertical: "top" };
}

/** The sheets' charts, for addNativeCharts: their source cells as computed, the sheets' column widths and row heights. */
export function exerciseCharts(ex: Exercises): NativeChart[] {
  const out: NativeChart[] = [];
  for (const s of ex.sheets) {
    for (const spec of s.charts) {
      const cells = (r: number, c: number) => {
        const addr = addressText(spec.source.row + r, spec.source.column + c);
        const placed = s.cells.get(addr);
        const def = placed?.def;
        const computed = def && "formula" in def ? ex.results.get(`${s.name}!${addr}`) : def?.value;
        const value = computed instanceof FormulaError || computed === undefined ? null : (computed as CellValue);
        return { value, text: value === null ? "" : String(value), numberFormat: placed?.numFmt };
      };
      out.push({ spec, cells, columnWidthPt: (c) => columnWidthPoints(WIDTHS[c]), rowHeightPt: (r) => s.heights.get(r + 1) ?? 15 });
    }
  }
  return out;
}

/** The ExcelJS workbook: values, formulas with their cached results, styles, widths and merges. */
export function toWorkbook(ex: Exercises): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CRM Analytics for Excel";
  wb.created = new Date(Date.UTC(2025, 0, 1));
  wb.modified = new Date(Date.UTC(2025, 0, 1));
  for (const s of ex.sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ showGridLines: true }] });
    ws.columns = WIDTHS.map((width) => ({ width }));
    const cached = (addr: string) => {
      const v = ex.results.get(`${s.name}!${addr}`);
      return v instanceof FormulaError ? ({ error: v.code } as ExcelJS.CellErrorValue) : v;
    };
    for (const [addr, placed] of s.cells) {
      const cell = ws.getCell(addr);
      const def = placed.def;
      if ("formula" in def && def.array) {
        // A legacy array formula: the formula on its first cell, the cached results on every cell.
        const [from, to] = def.array.split(":").map((a) => cellAddress(a)!);
        for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) ws.getCell(addressText(r, c)).value = cached(addressText(r, c)) as ExcelJS.CellValue;
        cell.value = { formula: fileFormula(def.formula), result: cached(addr), shareType: "array", ref: def.array } as ExcelJS.CellFormulaValue;
      } else if ("formula" in def) {
        cell.value = { formula: fileFormula(def.formula), result: cached(addr) } as ExcelJS.CellFormulaValue;
      } else if (def.value !== null && cell.value === null) {
        cell.value = def.value;
      }
      styleCell(cell, placed.style, placed.numFmt);
    }
    for (const m of s.merges) ws.mergeCells(m);
    for (const [row, height] of s.heights) ws.getRow(row).height = height;
  }
  return wb;
}

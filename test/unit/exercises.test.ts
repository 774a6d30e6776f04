/**
 * The textbook exercise workbook: the committed file is exactly what scripts/make-exercises.ts
 * generates, every formula's cached result is what the formula computes (CRM functions through
 * the wrappers Excel calls, plain formulas through a small evaluator), every CRM answer agrees
 * with its worked-out twin, and the textbook's answers are there.
 * After changing the generator or a function: `node scripts/make-exercises.mjs`, then commit.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { buildExercises, toWorkbook } from "../../scripts/make-exercises";
import { Book, crmCalls, evaluateBook, readBook, sourceMetadata } from "../../scripts/make-exercises.sheet";
import { Cell, FormulaError } from "../../src/explorer/formula";
import { Metadata } from "../../src/explorer/registry";

const FILE = path.resolve(__dirname, "../../assets/samples/exercises.xlsx");

// Reading the metadata and 17 sheets of formulas takes seconds on a loaded machine.
jest.setTimeout(60_000);

/** Every non-empty cell as text: value or formula with cached result, and number format. */
function snapshot(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    out.push(`sheet ${ws.name}`);
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        // cell.value drops a formula's falsy cached result (0, FALSE); the model keeps it.
        const { formula, result, shareType, ref } = cell.model as { formula?: string; result?: unknown; shareType?: string; ref?: string };
        const v = formula ? JSON.stringify({ formula, result, shareType, ref }) : cell.value instanceof Date ? cell.value.toISOString() : JSON.stringify(cell.value);
        out.push(`${ws.name}!${cell.address}=${v}|${cell.numFmt ?? ""}`);
      }),
    );
    out.push(`merges ${JSON.stringify(Object.keys((ws as unknown as { _merges: object })._merges).sort())}`);
  }
  return out;
}

function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (a instanceof FormulaError || b instanceof FormulaError) return a instanceof FormulaError && b instanceof FormulaError && a.code === b.code;
  return a === b;
}

const cents = (x: number) => Math.round(x * 100) / 100;

describe("exercise workbook (assets/samples/exercises.xlsx)", () => {
  let metadata: Metadata;
  let committed: ExcelJS.Workbook;
  let book: Book;
  let cached: Map<string, Cell>;

  beforeAll(async () => {
    metadata = await sourceMetadata();
    committed = new ExcelJS.Workbook();
    await committed.xlsx.readFile(FILE);
    ({ book, cached } = readBook(committed));
    // Reading the workbook's 11 sheets and the metadata takes seconds on a loaded machine.
  }, 60_000);

  test("the committed file is what the generator makes (run node scripts/make-exercises.mjs after a change)", async () => {
    const fresh = new ExcelJS.Workbook();
    await fresh.xlsx.load(await toWorkbook(buildExercises(metadata)).xlsx.writeBuffer());
    const [a, b] = [snapshot(committed), snapshot(fresh)];
    const firstDiff = a.findIndex((line, i) => line !== b[i]);
    expect(firstDiff === -1 && a.length === b.length ? null : { committed: a[firstDiff], generated: b[firstDiff] }).toBeNull();
  });

  test("one sheet per topic, in order", () => {
    expect(committed.worksheets.map((w) => w.name)).toEqual([
      "CLV模型 CLV models",
      "留存与CLV Retention CLV",
      "RFM评分与分群 RFM",
      "ABC与金字塔 ABC pyramid",
      "价值矩阵与忠诚 Value loyalty",
      "5C信用 5C credit",
      "信用期与折扣 Terms",
      "DSO 收账天数",
      "账龄与坏账 Aging",
      "CLV分解 CLV parts",
      "留存影响 Retention impact",
      "客户转移 Migration",
      "生命周期 Lifecycle",
      "让渡价值 Delivered value",
      "关系类型 Relationship types",
      "应收账款成本 Receivable cost",
      "信用政策 Credit policy",
      "BG-NBD CDNOW",
      "sBG 留存 Retention",
    ]);
  });

  test("every cached result is what its formula computes from the file's cells", () => {
    const { results } = evaluateBook(book, metadata);
    const wrong: string[] = [];
    for (const [key, value] of cached) if (!sameValue(value, results.get(key))) wrong.push(`${key}: file ${String(value)}, computed ${String(results.get(key))}`);
    expect(wrong).toEqual([]);
    expect(cached.size).toBeGreaterThan(150);
  });

  test("every CRM answer agrees with its worked-out twin, and every CRM formula is checked", () => {
    const { results, reads } = evaluateBook(book, metadata);
    const checks: string[] = [];
    const crm = new Set<string>();
    for (const [sheetName, sheet] of book.sheets) {
      for (const [addr, def] of sheet) {
        if (!("formula" in def)) continue;
        if (def.formula.includes('"✓","✗"')) checks.push(`${sheetName}!${addr}`);
        if (crmCalls(def.formula).length) crm.add(`${sheetName}!${addr}`);
      }
    }
    expect(checks.filter((k) => results.get(k) !== "✓")).toEqual([]);
    // Everything a check depends on, directly or through other formulas.
    const seen = new Set<string>();
    const visit = (k: string) => {
      if (seen.has(k)) return;
      seen.add(k);
      for (const r of reads.get(k) ?? []) visit(r);
    };
    checks.forEach(visit);
    expect([...crm].filter((k) => !seen.has(k))).toEqual([]);
    expect(crm.size).toBeGreaterThanOrEqual(45);
  });

  test("every CRM function is used in some exercise", () => {
    const used = new Set<string>();
    for (const sheet of book.sheets.values()) for (const def of sheet.values()) if ("formula" in def) crmCalls(def.formula).forEach((id) => used.add(id));
    expect(metadata.functions.map((f) => f.id).filter((id) => !used.has(id))).toEqual([]);
  });

  test("the textbook's answers are in the file, to the cent", () => {
    const answers = new Set<number>();
    for (const [key, v] of cached) {
      const [sheetName, addr] = [key.slice(0, key.lastIndexOf("!")), key.slice(key.lastIndexOf("!") + 1)];
      const def = book.sheets.get(sheetName)?.get(addr);
      if (typeof v === "number" && def && "formula" in def && crmCalls(def.formula).length) answers.add(cents(v));
    }
    // Text 004's simple CLV without margin (3700) and with the 25% margin variant (700); the four-year
    // example read as survival (3917.82) and as year-to-year retention (3062.50); RETENTIONIMPACT's 0.275.
    for (const expected of [6710.08, 8539.07, 3355.04, 3690.54, 2013.02, 1677.52, 3700, 700, 3917.82, 3062.5, 5701.39, 266.67, 366.67, 0.8, 0.2, 324, 77, 79, 300000, 400000, 44.55, 0.37, 0.67, 0.45, 50, 30, 12621, 0.28, 36000, 223.7, 70, 85]) {
      expect(answers.has(expected) ? expected : `${expected} missing`).toBe(expected);
    }
    const discount = [...cached.entries()].find(([k]) => k.startsWith("信用期与折扣") && typeof cached.get(k) === "number" && Math.abs((cached.get(k) as number) - 0.3724) < 0.0001);
    expect(discount).toBeDefined();
  });
});

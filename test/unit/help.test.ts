/**
 * Help pages: every CRM function has help content in Chinese and English whose examples and
 * errors are what the function really gives, its JSDoc links the page (@helpurl), the pages
 * document every argument, and the build (dist/, or CRM_DIST) holds both pages of every function
 * in functions.json with functions.zh-cn.json linking the Chinese one.
 */
import * as fs from "fs";
import * as path from "path";
import { HelpEntry, HelpFamily, loadHelpContent, rebaseHelpUrls, renderHelpPages, withoutRepeatedName } from "../../scripts/build/help-pages";
import { evaluateFormula, sourceMetadata } from "../../scripts/make-exercises.sheet";
import { HELP_FAMILIES } from "../../src/help";
import { Cell, FormulaError, isBlock, Value } from "../../src/explorer/formula";
import { Metadata } from "../../src/explorer/registry";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.resolve(ROOT, process.env.CRM_DIST ?? "dist");
const CONTENT = path.join(ROOT, "src/help/content");
const DEV_URL = "https://localhost:3000/";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const zhPlugin = require("../../scripts/build/zh-metadata-plugin.js") as {
  translateMetadata(m: Metadata, t: unknown): { metadata: Metadata };
  loadTranslations(dir: string): unknown;
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Whether a computed value matches what a help example promises. */
function matches(actual: Value, expected: unknown): boolean {
  if (typeof expected === "number") {
    const decimals = (String(expected).split(".")[1] ?? "").length;
    const v = isBlock(actual) && actual.length === 1 && actual[0].length === 1 ? actual[0][0] : actual;
    return typeof v === "number" && Math.abs(v - expected) <= 0.5 * Math.pow(10, -decimals) + 1e-9;
  }
  if (Array.isArray(expected)) {
    return isBlock(actual) && actual.length === expected.length && expected.every((row: unknown[], r) => row.length === actual[r].length && row.every((e, c) => matches(actual[r][c], e)));
  }
  if (expected && typeof expected === "object") {
    const { rows, columns, last } = expected as { rows: number; columns: number; last: number };
    return isBlock(actual) && actual.length === rows && actual.every((r) => r.length === columns) && matches(actual[rows - 1][columns - 1], last);
  }
  if (typeof expected === "string" && /^#[A-Z/0!?]+$/.test(expected)) return actual instanceof FormulaError && actual.code === expected;
  return actual === expected;
}

/** What an example's result text means, unless it says so in `check`. */
function expectedOf(example: HelpEntry["examples"][number]): unknown {
  if (example.check !== undefined) return example.check;
  return /^-?\d+(\.\d+)?$/.test(example.result) ? Number(example.result) : example.result;
}

const show = (v: Value | Cell): string => (v instanceof FormulaError ? `${v.code} ${v.message}` : JSON.stringify(v));

describe("help content and pages", () => {
  let metadata: Metadata;
  let zh: Metadata;
  let families: HelpFamily[];
  let content: Map<string, HelpEntry>;

  beforeAll(async () => {
    metadata = await sourceMetadata(ROOT);
    zh = zhPlugin.translateMetadata(metadata, zhPlugin.loadTranslations(path.join(ROOT, "src/functions"))).metadata;
    families = loadHelpContent(CONTENT);
    content = new Map(families.flatMap((f) => Object.entries(f.functions)));
  });

  test("every function has help in both languages: name, explanation, formula, examples and errors", () => {
    const gaps: string[] = [];
    for (const fn of metadata.functions) {
      const h = content.get(fn.id);
      if (!h) {
        gaps.push(`${fn.id}: no help content in src/help/content/`);
        continue;
      }
      for (const lang of ["en", "zh"] as const) {
        for (const part of ["name", "explain", "formula"] as const) if (!(h[part]?.[lang]?.trim().length > 1)) gaps.push(`${fn.id}.${part}.${lang}`);
        h.examples.forEach((e, i) => !e[lang]?.trim() && gaps.push(`${fn.id} example ${i + 1} (${lang})`));
        h.errors.forEach((e) => !e[lang]?.trim() && gaps.push(`${fn.id} ${e.code} (${lang})`));
      }
      if (h.examples.length === 0) gaps.push(`${fn.id}: no example`);
      if (h.errors.length === 0) gaps.push(`${fn.id}: no error`);
      if (!/[\u4e00-\u9fff]/.test(h.explain.zh)) gaps.push(`${fn.id}: the Chinese explanation is not Chinese`);
    }
    expect(gaps).toEqual([]);
  });

  test("the task pane's list of help families is every content file", () => {
    expect(HELP_FAMILIES.map((f) => f.key).sort()).toEqual(families.map((f) => f.key).sort());
    for (const f of HELP_FAMILIES) expect(Object.keys(f.functions)).toEqual(Object.keys(families.find((x) => x.key === f.key)!.functions));
  });

  test("help content only for functions that exist", () => {
    const ids = new Set(metadata.functions.map((f) => f.id));
    expect([...content.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  test("every function's JSDoc links its English help page, and the Chinese metadata the Chinese one", () => {
    expect(metadata.functions.filter((f) => f.helpUrl !== `${DEV_URL}help/en/${f.id}.html`).map((f) => `${f.id}: ${f.helpUrl ?? "no @helpurl"}`)).toEqual([]);
    expect(zh.functions.filter((f) => f.helpUrl !== `${DEV_URL}help/zh/${f.id}.html`).map((f) => f.id)).toEqual([]);
  });

  test("every example gives the result its page shows, through the wrappers Excel calls", () => {
    const wrong: string[] = [];
    for (const [id, h] of content) {
      for (const e of h.examples) {
        const v = evaluateFormula(e.formula, metadata);
        if (!e.formula.toUpperCase().includes(`CRM.${id}(`)) wrong.push(`${id}: example ${e.formula} does not call CRM.${id}`);
        if (!matches(v, expectedOf(e))) wrong.push(`${e.formula}: page says ${e.result}, function gives ${show(v)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("every documented error is the error the function gives, with a message", () => {
    const wrong: string[] = [];
    for (const [id, h] of content) {
      for (const e of h.errors) {
        if (!e.formula) continue;
        const v = evaluateFormula(e.formula, metadata);
        if (!e.formula.toUpperCase().includes(`CRM.${id}(`)) wrong.push(`${id}: ${e.formula} does not call CRM.${id}`);
        // A bad row of a spilled result gets its own error cell; the others are computed.
        const cells = isBlock(v) ? v.flat() : [v];
        if (!cells.some((c) => c instanceof FormulaError && c.code === e.code && c.message.length > 5)) wrong.push(`${e.formula}: page says ${e.code}, function gives ${show(v)}`);
      }
    }
    expect(wrong).toEqual([]);
    const withFormula = [...content.values()].flatMap((h) => h.errors).filter((e) => e.formula).length;
    expect(withFormula).toBeGreaterThanOrEqual(content.size);
  });

  test("each page documents every argument with its description, in its language", () => {
    const { pages, missing } = renderHelpPages({ en: metadata, zh }, families);
    expect(missing).toEqual([]);
    for (const [lang, meta] of [
      ["en", metadata],
      ["zh", zh],
    ] as const) {
      expect(pages[`help/${lang}/index.html`]).toContain(`<html lang="${lang === "zh" ? "zh-CN" : "en"}">`);
      for (const fn of meta.functions) {
        const html = pages[`help/${lang}/${fn.id}.html`];
        expect(html).toContain(`<h1>CRM.${fn.id}`);
        expect(pages[`help/${lang}/index.html`]).toContain(`href="${fn.id}.html"`);
        for (const p of fn.parameters) {
          expect(html).toContain(`id="arg-${p.name}"`);
          expect(html).toContain(esc(p.description ?? "--missing--"));
        }
      }
    }
  });

  test("the index names each function once: a description starting with the function's name drops that lead", () => {
    expect(withoutRepeatedName("ABC 分类", "客户 ABC 分类：按价值从大到小排序。")).toBe("按价值从大到小排序。");
    expect(withoutRepeatedName("账龄分析法坏账准备", "坏账准备（账龄分析法）：各笔未收金额之和。")).toBe("各笔未收金额之和。");
    expect(withoutRepeatedName("Customer lifetime value", "Customer lifetime value: first purchase − acquisition cost.")).toBe("First purchase − acquisition cost.");
    expect(withoutRepeatedName("Days past due", "Days past due: as_of − due_date.")).toBe("as_of − due_date.");
    expect(withoutRepeatedName("Loyalty type", "Loyalty type from attachment and repeat purchase.")).toBe("From attachment and repeat purchase.");
    // Not a repeat: kept whole.
    expect(withoutRepeatedName("信用占用额", "信用条件形成的应收账款余额：年赊购额 × 信用天数 / 全年天数。")).toBe("信用条件形成的应收账款余额：年赊购额 × 信用天数 / 全年天数。");
    const { pages } = renderHelpPages({ en: metadata, zh }, families);
    for (const lang of ["en", "zh"] as const) {
      const lines = [...pages[`help/${lang}/index.html`].matchAll(/<li><a href="[A-Z]+\.html"><code>CRM\.[A-Z]+<\/code><\/a> · ([^<—]+) — ([^<]*)<\/li>/g)];
      expect(lines.length).toBe(metadata.functions.length);
      for (const [, name, description] of lines) expect(description.startsWith(name.trim()) ? `${lang}: "${name.trim()}" repeated in "${description}"` : "").toBe("");
    }
  });

  test("the Chinese metadata names every parameter in Chinese, so Excel's tooltip and the explorer show them", () => {
    const clv = zh.functions.find((f) => f.id === "CLV")!;
    expect(clv.parameters.map((p) => p.name)).toEqual(["折现率", "期数", "收入", "成本", "获取成本", "首次购买", "留存率", "现金流时点"]);
    expect(zh.functions.flatMap((f) => f.parameters.filter((p) => !/[\u4e00-\u9fff]/.test(p.name)).map((p) => `${f.id}.${p.name}`))).toEqual([]);
    // Same order, types and optionality as the English metadata.
    zh.functions.forEach((f, i) => expect(f.parameters.map((p) => [p.type, p.optional, p.dimensionality])).toEqual(metadata.functions[i].parameters.map((p) => [p.type, p.optional, p.dimensionality])));
  });

  test("a production build served elsewhere moves helpUrl there", () => {
    const moved = rebaseHelpUrls(metadata, DEV_URL, "https://crm.example.com/addin/");
    expect(moved.functions.map((f) => f.helpUrl)).toEqual(metadata.functions.map((f) => `https://crm.example.com/addin/help/en/${f.id}.html`));
  });
});

describe(`the build in ${path.relative(ROOT, DIST) || "."}`, () => {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DIST, f), "utf8")) as Metadata;

  test("functions.json links every function's help page and both pages exist with every argument", () => {
    if (!fs.existsSync(path.join(DIST, "functions.json"))) throw new Error(`no build in ${DIST}: run npm run build (or set CRM_DIST)`);
    const en = read("functions.json");
    const zh = read("functions.zh-cn.json");
    for (const [lang, meta] of [
      ["en", en],
      ["zh", zh],
    ] as const) {
      for (const fn of meta.functions) {
        expect(fn.helpUrl).toMatch(new RegExp(`/help/${lang}/${fn.id}\\.html$`));
        const file = path.join(DIST, "help", lang, `${fn.id}.html`);
        expect(fs.existsSync(file) ? fn.id : `${file} missing`).toBe(fn.id);
        const html = fs.readFileSync(file, "utf8");
        // The production build minifies HTML: attribute quotes may be gone.
        for (const p of fn.parameters) expect(html).toMatch(new RegExp(`id="?arg-${p.name}[" >]`));
      }
    }
  });

  test("the help indexes and the exercise workbook are served with the add-in", () => {
    for (const f of ["help/en/index.html", "help/zh/index.html", "help/index.html", "assets/samples/exercises.xlsx"]) expect(fs.existsSync(path.join(DIST, f)) ? f : `${f} missing`).toBe(f);
  });
});

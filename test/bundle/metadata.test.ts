/**
 * The built metadata Excel reads: every contract function is present with the contract's
 * parameter order, and functions.zh-cn.json has the same functions in Simplified Chinese.
 */
import * as fs from "fs";
import * as path from "path";
import { DIST, ROOT } from "./fxeval";

interface Param {
  name: string;
  description?: string;
  optional?: boolean;
  dimensionality?: string;
  type?: string;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Param[];
  result?: { dimensionality?: string; type?: string; description?: string };
}
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DIST, f), "utf8")) as { functions: Fn[] };
const en = read("functions.json").functions;
const zh = read("functions.zh-cn.json").functions;
const HAN = /[\u4e00-\u9fff]/;
/** A Chinese parameter name as Excel shows it in the formula tooltip: Chinese, maybe with Latin letters (DSO, A类), no spaces or separators. */
const CHINESE_NAME = /^(?=.*[\u4e00-\u9fff])[\u4e00-\u9fffA-Za-z0-9_]+$/;

/**
 * `### CRM.NAME(a, b, [c])` headings of the contract, with their parameter names in order; a
 * heading may name several functions (`### CRM.A(x) · CRM.B(x)`).
 */
function contractSignatures(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(ROOT, "../shared/CONTRACT.md"), "utf8");
  const out = new Map<string, string[]>();
  for (const heading of text.matchAll(/^### (CRM\..*)$/gm)) {
    for (const m of heading[1].matchAll(/CRM\.([A-Z]+)\(([^)]*)\)/g)) {
      out.set(m[1], m[2].split(",").map((p) => p.replace(/[[\]\s]/g, "")).filter(Boolean));
    }
  }
  return out;
}

/**
 * What the contract has that is not built yet, each with the open issue that builds it. This list
 * only shrinks: a name in it that is built fails the tests below, so an issue that lands must take
 * its names out.
 */
const NOT_BUILT_YET: { functions: readonly string[]; parameters: Readonly<Record<string, readonly string[]>> } = {
  functions: [
  ],
  parameters: {},
};

describe("functions.json and functions.zh-cn.json", () => {
  test("ids are unique, upper case, and equal the names Excel shows", () => {
    const ids = en.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of en) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9]*$/);
      expect(f.name).toBe(f.id);
    }
  });

  test("every function of the contract is built and registered, but those not built yet", () => {
    const built = new Set(en.map((f) => f.id));
    const contract = [...contractSignatures().keys()];
    expect(contract.filter((id) => !built.has(id))).toEqual(contract.filter((id) => NOT_BUILT_YET.functions.includes(id)));
    // The list names only contract functions that are still missing.
    expect(NOT_BUILT_YET.functions.filter((id) => built.has(id) || !contract.includes(id))).toEqual([]);
  });

  test("every built function has the contract's parameters in the contract's order, but those not built yet", () => {
    const contract = contractSignatures();
    for (const f of en) {
      const expected = contract.get(f.id);
      expect(expected ? f.id : `${f.id} is not in the contract`).toBe(f.id);
      const pending = NOT_BUILT_YET.parameters[f.id] ?? [];
      for (const p of pending) expect(`${f.id}.${p} ${expected!.includes(p) ? "is in the contract" : "is not in the contract"}`).toBe(`${f.id}.${p} is in the contract`);
      for (const p of pending) expect(f.parameters.some((q) => q.name === p) ? `${f.id}.${p} is built: take it off NOT_BUILT_YET` : p).toBe(p);
      expect([f.id, ...f.parameters.map((p) => p.name)]).toEqual([f.id, ...expected!.filter((p) => !pending.includes(p))]);
    }
  });

  test("every function and parameter has an English description", () => {
    for (const f of en) {
      expect(f.description?.length ?? 0).toBeGreaterThan(10);
      for (const p of f.parameters) expect(`${f.id}.${p.name}: ${p.description ?? ""}`.length).toBeGreaterThan(`${f.id}.${p.name}: `.length + 3);
    }
  });

  test("the Chinese metadata has the same functions, names, parameters and types, described in Chinese", () => {
    expect(zh.map((f) => f.id)).toEqual(en.map((f) => f.id));
    zh.forEach((z, i) => {
      const e = en[i];
      expect(z.name).toBe(e.name);
      expect([z.result?.type, z.result?.dimensionality]).toEqual([e.result?.type, e.result?.dimensionality]);
      // Same count, order, types, optionality and dimensionality; only the names are Chinese.
      expect(z.parameters.map((p) => [p.type, p.optional, p.dimensionality])).toEqual(e.parameters.map((p) => [p.type, p.optional, p.dimensionality]));
      expect(HAN.test(z.description ?? "") ? z.id : `${z.id} has no Chinese description`).toBe(z.id);
      z.parameters.forEach((p, k) => {
        const english = `${z.id}.${e.parameters[k].name}`;
        expect(HAN.test(p.description ?? "") ? english : `${english} has no Chinese description`).toBe(english);
        expect(CHINESE_NAME.test(p.name) ? english : `${english} has no Chinese name (got "${p.name}")`).toBe(english);
      });
      expect(new Set(z.parameters.map((p) => p.name)).size).toBe(z.parameters.length);
    });
  });
});

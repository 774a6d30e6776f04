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
  result?: { dimensionality?: string };
}
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(DIST, f), "utf8")) as { functions: Fn[] };
const en = read("functions.json").functions;
const zh = read("functions.zh-cn.json").functions;
const HAN = /[\u4e00-\u9fff]/;

/** `### CRM.NAME(a, b, [c])` headings of the contract, with their parameter names in order. */
function contractSignatures(): Map<string, string[]> {
  const text = fs.readFileSync(path.join(ROOT, "../shared/CONTRACT.md"), "utf8");
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/^### CRM\.([A-Z]+)\(([^)]*)\)/gm)) {
    out.set(m[1], m[2].split(",").map((p) => p.replace(/[[\]\s]/g, "")).filter(Boolean));
  }
  return out;
}

describe("functions.json and functions.zh-cn.json", () => {
  test("ids are unique, upper case, and equal the names Excel shows", () => {
    const ids = en.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of en) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9]*$/);
      expect(f.name).toBe(f.id);
    }
  });

  test("every function of the contract is built and registered", () => {
    const built = new Set(en.map((f) => f.id));
    expect([...contractSignatures().keys()].filter((id) => !built.has(id))).toEqual([]);
  });

  test("every built function has the contract's parameters in the contract's order", () => {
    const contract = contractSignatures();
    for (const f of en) {
      const expected = contract.get(f.id);
      expect(expected ? f.id : `${f.id} is not in the contract`).toBe(f.id);
      expect([f.id, ...f.parameters.map((p) => p.name)]).toEqual([f.id, ...expected!]);
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
      expect(z.parameters.map((p) => [p.name, p.type, p.optional, p.dimensionality])).toEqual(e.parameters.map((p) => [p.name, p.type, p.optional, p.dimensionality]));
      expect(HAN.test(z.description ?? "") ? z.id : `${z.id} has no Chinese description`).toBe(z.id);
      for (const p of z.parameters) expect(HAN.test(p.description ?? "") ? p.name : `${z.id}.${p.name} has no Chinese description`).toBe(p.name);
    });
  });
});

/* Derives functions.zh-cn.json from the generated functions.json: same ids, function names,
 * parameters (order, types, optionality, dimensionality) and types, with the descriptions and the
 * parameter names replaced by the Simplified Chinese ones kept beside each family
 * (src/functions/<family>.zh-cn.json, the families of src/functions/families.ts; parameters are
 * { "name": "折现率", "description": "…" }). The manifest points Excel at it with a zh-CN override. */
const fs = require("fs");
const path = require("path");
const { sources, WebpackError } = require("webpack");

/** The translations of every family: `source` is the list of .zh-cn.json files, or a folder holding them. */
function loadTranslations(source) {
  const files = Array.isArray(source) ? source : fs.readdirSync(source).filter((n) => n.endsWith(".zh-cn.json")).sort().map((f) => path.join(source, f));
  const all = {};
  for (const f of files) if (fs.existsSync(f)) Object.assign(all, JSON.parse(fs.readFileSync(f, "utf8")));
  return all;
}

/** Returns the translated metadata and the list of what had no translation. */
function translateMetadata(metadata, translations) {
  const missing = [];
  const functions = metadata.functions.map((english) => {
    // The Chinese metadata opens the Chinese help page.
    const fn = english.helpUrl ? { ...english, helpUrl: english.helpUrl.replace("/help/en/", "/help/zh/") } : english;
    const t = translations[fn.id];
    if (!t) {
      missing.push(fn.id);
      return fn;
    }
    const out = { ...fn, description: t.description || fn.description };
    if (!t.description) missing.push(`${fn.id}: description`);
    if (fn.result && t.result) out.result = { ...fn.result, description: t.result };
    out.parameters = (fn.parameters || []).map((p) => {
      // { name, description }: the Chinese name Excel shows in the formula tooltip, and its
      // description (a plain string is a description alone, the name staying English).
      const entry = t.parameters && t.parameters[p.name];
      const { name, description } = typeof entry === "string" ? { description: entry } : entry || {};
      if (!description) missing.push(`${fn.id}.${p.name}`);
      if (!name) missing.push(`${fn.id}.${p.name}: Chinese name`);
      return { ...p, ...(name ? { name } : {}), ...(description ? { description } : {}) };
    });
    return out;
  });
  return { metadata: { ...metadata, functions }, missing };
}

class ZhMetadataPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ZhMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ZhMetadataPlugin", stage: compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, (assets) => {
        const source = assets[this.options.input];
        if (!source) return;
        const { metadata, missing } = translateMetadata(JSON.parse(source.source().toString()), loadTranslations(this.options.translations));
        if (missing.length) compilation.warnings.push(new WebpackError(`functions.zh-cn.json: no Chinese text for ${missing.join(", ")}`));
        compilation.emitAsset(this.options.output, new sources.RawSource(JSON.stringify(metadata, null, 2)));
      });
    });
  }
}

module.exports = { ZhMetadataPlugin, translateMetadata, loadTranslations };

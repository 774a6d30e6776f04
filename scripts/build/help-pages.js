/* Help pages for every CRM function, in English and Simplified Chinese: dist/help/{en,zh}/<ID>.html
 * plus an index per language. What a function computes, its formula, examples and errors are kept
 * as data beside the functions (src/help/content/<family>.json); names, arguments and their
 * descriptions come from the generated metadata (functions.json, functions.zh-cn.json), so a page
 * documents exactly the arguments Excel shows. Excel's "Help on this function" opens the page
 * through each function's helpUrl (derived from its id by help-url.js). */
const fs = require("fs");
const path = require("path");
const { sources, WebpackError } = require("webpack");

const LANGS = ["en", "zh"];

const TEXT = {
  en: {
    lang: "en",
    index: "CRM functions",
    intro: "Custom functions of CRM Analytics for Excel. Type them into a cell as =CRM.NAME(…).",
    syntax: "Syntax",
    formula: "Formula",
    args: "Arguments",
    arg: "Argument",
    required: "required",
    optional: "optional",
    description: "Description",
    examples: "Examples",
    result: "Result",
    errors: "Errors",
    when: "When",
    seeAlso: "Same family",
    other: "中文",
    all: "All functions",
    noErrors: "Every error is an Excel error value with a message that names the argument; hover over the cell to read it.",
  },
  zh: {
    lang: "zh-CN",
    index: "CRM 函数",
    intro: "CRM 客户分析加载项的自定义函数。在单元格中输入 =CRM.函数名(…) 使用。",
    syntax: "语法",
    formula: "公式",
    args: "参数",
    arg: "参数",
    required: "必填",
    optional: "可选",
    description: "说明",
    examples: "示例",
    result: "结果",
    errors: "错误",
    when: "何时出现",
    seeAlso: "同类函数",
    other: "English",
    all: "全部函数",
    noErrors: "每个错误都是 Excel 错误值，并附有指明出错参数的说明；将鼠标悬停在单元格上即可看到。",
  },
};

const CSS = `body{font-family:"Segoe UI","Microsoft YaHei","PingFang SC",system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.25rem 3rem;line-height:1.55;color:#1f1f1f}
h1{font-size:1.6rem;margin:.6rem 0 .2rem}h1 small{display:block;font-size:1rem;font-weight:400;color:#555}h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
nav{display:flex;gap:1rem;font-size:.9rem}a{color:#0f6cbd}code,pre{font-family:Consolas,"Courier New",monospace;background:#f5f5f5;border-radius:4px}code{padding:.05rem .3rem}pre{padding:.6rem .8rem;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f5}
.opt{color:#666;font-size:.85em}.err{color:#b10e1c;font-weight:600}ul.fns{list-style:none;padding:0}ul.fns li{margin:.25rem 0}`;

function esc(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The help content { family: {en, zh}, functions: { ID: {...} } } of the families `keys` (the
 * order of src/functions/families.ts), or of every src/help/content/*.json file by name.
 */
function loadHelpContent(dir, keys) {
  const families = [];
  const files = keys ? keys.map((k) => `${k}.json`).filter((f) => fs.existsSync(path.join(dir, f))) : fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  for (const file of files) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    families.push({ key: path.basename(file, ".json"), title: data.family, functions: data.functions });
  }
  return families;
}

function page(lang, title, body, otherHref) {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<nav><a href="index.html">${esc(t.all)}</a><a href="${esc(otherHref)}" hreflang="${lang === "en" ? "zh-CN" : "en"}">${esc(t.other)}</a></nav>
${body}
</body>
</html>
`;
}

function syntax(fn) {
  const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=CRM.${fn.name}(${args.join(", ")})`;
}

/** One function's page. `fn` is its metadata in this language; `help` its content entry. */
function renderFunctionPage(lang, fn, help, family) {
  const t = TEXT[lang];
  const name = help ? help.name[lang] : "";
  const rows = fn.parameters
    .map((p) => `<tr id="arg-${esc(p.name)}"><td><code>${esc(p.name)}</code><br><span class="opt">${p.optional ? t.optional : t.required}</span></td><td>${esc(p.description || "")}</td></tr>`)
    .join("\n");
  const parts = [`<h1>CRM.${esc(fn.name)}<small>${esc(name)}</small></h1>`, `<p>${esc(fn.description || "")}</p>`];
  if (help && help.explain) parts.push(`<p>${esc(help.explain[lang])}</p>`);
  parts.push(`<h2>${t.syntax}</h2>`, `<pre>${esc(syntax(fn))}</pre>`);
  if (help && help.formula) parts.push(`<h2>${t.formula}</h2>`, `<pre>${esc(help.formula[lang] || help.formula)}</pre>`);
  parts.push(`<h2>${t.args}</h2>`, `<table><thead><tr><th>${t.arg}</th><th>${t.description}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`);
  if (help && help.examples && help.examples.length) {
    const ex = help.examples.map((e) => `<tr><td><code>${esc(e.formula)}</code></td><td>${esc(e.result)}</td><td>${esc(e[lang] || "")}</td></tr>`).join("\n");
    parts.push(`<h2>${t.examples}</h2>`, `<table><thead><tr><th>${t.formula}</th><th>${t.result}</th><th>${t.description}</th></tr></thead><tbody>\n${ex}\n</tbody></table>`);
  }
  parts.push(`<h2>${t.errors}</h2>`, `<p>${esc(t.noErrors)}</p>`);
  if (help && help.errors && help.errors.length) {
    const er = help.errors.map((e) => `<tr><td class="err">${esc(e.code)}</td><td>${esc(e[lang])}</td></tr>`).join("\n");
    parts.push(`<table><thead><tr><th>${t.errors}</th><th>${t.when}</th></tr></thead><tbody>\n${er}\n</tbody></table>`);
  }
  if (family) {
    const others = Object.keys(family.functions).filter((id) => id !== fn.id);
    if (others.length) parts.push(`<h2>${t.seeAlso}: ${esc(family.title[lang])}</h2>`, `<ul class="fns">${others.map((id) => `<li><a href="${id}.html">CRM.${id}</a> · ${esc(family.functions[id].name[lang])}</li>`).join("")}</ul>`);
  }
  return page(lang, `CRM.${fn.name} · ${name}`, parts.join("\n"), `../${lang === "en" ? "zh" : "en"}/${fn.id}.html`);
}

/** Letters and digits of a text, lower case, without parenthesised parts: what two names share. */
function nameChars(text, keepParenthesised = false) {
  const t = keepParenthesised ? text : text.replace(/[（(][^）)]*[）)]/g, "");
  return [...t.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "")];
}

/** The share of letters two names have in common, with or without their parenthesised parts. */
function overlap(a, b) {
  return Math.max(
    ...[false, true].map((keep) => {
      const x = nameChars(a, keep);
      const y = new Set(nameChars(b, keep));
      return x.length ? x.filter((ch) => y.has(ch)).length / Math.max(x.length, y.size) : 0;
    }),
  );
}

/**
 * The index line's description without a leading repeat of the function's name: "客户 ABC 分类：按价值…"
 * after "ABC 分类" reads "按价值…". The lead (up to the first colon) is a repeat when it and the
 * name mostly share their letters, or when the description simply starts with the name.
 */
function withoutRepeatedName(name, description) {
  if (!description || !name) return description || "";
  const m = /^([^：:]{1,40})(：|: )\s*(.+)$/su.exec(description);
  let rest;
  if (m && overlap(m[1], name) >= 0.6) rest = m[3];
  // "Loyalty type from attachment …" after "Loyalty type": "From attachment …".
  else if (description.toLowerCase().startsWith(`${name.toLowerCase()} `)) rest = description.slice(name.length + 1);
  else return description;
  // "the sum of…" → "The sum of…", but an argument name (as_of, basis_amount) stays as written.
  return /^[a-z]+(?![\w])/.test(rest) && !/^\S*_/.test(rest) ? rest[0].toUpperCase() + rest.slice(1) : rest;
}

function renderIndex(lang, metadata, families) {
  const t = TEXT[lang];
  const byId = new Map(metadata.functions.map((f) => [f.id, f]));
  const listed = new Set();
  const sections = families.map((fam) => {
    const items = Object.keys(fam.functions)
      .filter((id) => byId.has(id))
      .map((id) => {
        listed.add(id);
        const name = fam.functions[id].name[lang];
        return `<li><a href="${id}.html"><code>CRM.${id}</code></a> · ${esc(name)} — ${esc(withoutRepeatedName(name, byId.get(id).description))}</li>`;
      });
    return items.length ? `<h2>${esc(fam.title[lang])}</h2><ul class="fns">${items.join("\n")}</ul>` : "";
  });
  const rest = metadata.functions.filter((f) => !listed.has(f.id)).map((f) => `<li><a href="${f.id}.html"><code>CRM.${f.id}</code></a> — ${esc(f.description || "")}</li>`);
  if (rest.length) sections.push(`<ul class="fns">${rest.join("\n")}</ul>`);
  return page(lang, t.index, `<h1>${t.index}</h1><p>${esc(t.intro)}</p>${sections.join("\n")}`, `../${lang === "en" ? "zh" : "en"}/index.html`);
}

/**
 * All help pages as { "help/en/CLV.html": html, … }, and the ids that have no help content.
 * `metadata` is { en, zh }: functions.json and functions.zh-cn.json.
 */
function renderHelpPages(metadata, families) {
  const pages = {};
  const content = new Map();
  for (const fam of families) for (const id of Object.keys(fam.functions)) content.set(id, { help: fam.functions[id], family: fam });
  const missing = metadata.en.functions.filter((f) => !content.has(f.id)).map((f) => f.id);
  for (const lang of LANGS) {
    for (const fn of metadata[lang].functions) {
      const c = content.get(fn.id);
      pages[`help/${lang}/${fn.id}.html`] = renderFunctionPage(lang, fn, c && c.help, c && c.family);
    }
    pages[`help/${lang}/index.html`] = renderIndex(lang, metadata[lang], families);
  }
  pages["help/index.html"] = `<!doctype html><html><head><meta charset="utf-8"><title>CRM help</title><script>location.replace((navigator.language||"").toLowerCase().startsWith("zh")?"zh/index.html":"en/index.html")</script></head><body><a href="zh/index.html">中文</a> · <a href="en/index.html">English</a></body></html>\n`;
  return { pages, missing };
}

/** The metadata with helpUrl moved from the development server to where the add-in is served. */
function rebaseHelpUrls(metadata, from, to) {
  const functions = metadata.functions.map((f) => (f.helpUrl && f.helpUrl.startsWith(from) ? { ...f, helpUrl: to + f.helpUrl.slice(from.length) } : f));
  return { ...metadata, functions };
}

class HelpPagesPlugin {
  /**
   * options: { contentDir, families (keys, in order), devUrl, prodUrl } (+ metadata file names).
   * helpUrl names the development server, as the manifest does; a production build serving
   * elsewhere moves helpUrl to prodUrl, as webpack.config.js moves the manifest's URLs.
   */
  constructor(options) {
    this.options = { metadata: "functions.json", zhMetadata: "functions.zh-cn.json", ...options };
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("HelpPagesPlugin", (compilation) => {
      compilation.contextDependencies.add(this.options.contentDir);
      // After ZhMetadataPlugin (stage ADDITIONAL) has derived functions.zh-cn.json.
      compilation.hooks.processAssets.tap({ name: "HelpPagesPlugin", stage: compilation.PROCESS_ASSETS_STAGE_DERIVED }, (assets) => {
        const en = assets[this.options.metadata];
        const zh = assets[this.options.zhMetadata];
        if (!en || !zh) return;
        const metadata = { en: JSON.parse(en.source().toString()), zh: JSON.parse(zh.source().toString()) };
        const { pages, missing } = renderHelpPages(metadata, loadHelpContent(this.options.contentDir, this.options.families));
        if (missing.length) compilation.warnings.push(new WebpackError(`help pages: no help content for ${missing.join(", ")} (src/help/content/*.json)`));
        const noUrl = metadata.en.functions.filter((f) => !f.helpUrl).map((f) => f.id);
        if (noUrl.length) compilation.warnings.push(new WebpackError(`help pages: no helpUrl for ${noUrl.join(", ")}`));
        for (const [file, html] of Object.entries(pages)) compilation.emitAsset(file, new sources.RawSource(html));
        const { devUrl, prodUrl } = this.options;
        if (devUrl && prodUrl && devUrl !== prodUrl) {
          for (const [file, m] of [[this.options.metadata, metadata.en], [this.options.zhMetadata, metadata.zh]]) {
            compilation.updateAsset(file, new sources.RawSource(JSON.stringify(rebaseHelpUrls(m, devUrl, prodUrl), null, 2)));
          }
        }
      });
    });
  }
}

module.exports = { HelpPagesPlugin, renderHelpPages, loadHelpContent, rebaseHelpUrls, withoutRepeatedName };

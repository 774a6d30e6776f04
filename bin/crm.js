#!/usr/bin/env node
/* crm: the command line of CRM Analytics (src/cli). It runs the TypeScript sources as they are in
 * the checkout, so there is no build step to forget: each module of src/ is compiled on first use
 * with the project's own TypeScript (transpile only, no type check) and the JavaScript is cached
 * in node_modules/.cache/crm-cli, keyed by the source's content, so later runs start fast and an
 * edited source is compiled again. Everything else (ExcelJS, decimal.js) is plain npm JavaScript. */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const src = path.join(root, "src") + path.sep;
const cacheDir = path.join(root, "node_modules", ".cache", "crm-cli");
let ts;

function compile(source, filename) {
  ts ??= require("typescript");
  const key = crypto.createHash("sha1").update(ts.version).update("\0").update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // not compiled yet
  }
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, resolveJsonModule: true, jsx: ts.JsxEmit.ReactJSX },
  });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(`${cached}.${process.pid}`, outputText);
    fs.renameSync(`${cached}.${process.pid}`, cached);
  } catch {
    // a read-only checkout still runs, only slower
  }
  return outputText;
}

const plain = require.extensions[".js"];
require.extensions[".ts"] = function (module, filename) {
  if (!filename.startsWith(src)) return plain(module, filename);
  module._compile(compile(fs.readFileSync(filename, "utf8"), filename), filename);
};

const { runFromProcess } = require(path.join(root, "src/cli/main.ts"));
runFromProcess();

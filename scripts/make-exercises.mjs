#!/usr/bin/env node
// node scripts/make-exercises.mjs [--out FILE]: writes the textbook exercise workbook
// (assets/samples/exercises.xlsx, or FILE) from scripts/make-exercises.ts. The TypeScript sources
// (the generator, the CRM wrappers and core) are compiled on the fly, module by module, with the
// project's TypeScript; test/unit/exercises.test.ts regenerates the workbook and compares.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(outputText, filename);
};

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, "assets/samples/exercises.xlsx");

const { sourceMetadata } = require("./make-exercises.sheet.ts");
const { buildExercises, exerciseCharts, toWorkbook } = require("./make-exercises.ts");
const { addNativeCharts } = require("../src/workbook/native-charts.ts");

const exercises = buildExercises(await sourceMetadata(root));
fs.mkdirSync(path.dirname(out), { recursive: true });
// ExcelJS writes no charts: the sheets' charts are added to the package it wrote as native chart parts.
const written = new Uint8Array(await toWorkbook(exercises).xlsx.writeBuffer());
fs.writeFileSync(out, await addNativeCharts(written, exerciseCharts(exercises)));
const formulas = [...exercises.book.sheets.values()].reduce((n, s) => n + [...s.values()].filter((d) => "formula" in d).length, 0);
const charts = exercises.sheets.reduce((n, s) => n + s.charts.length, 0);
console.log(`wrote ${path.relative(process.cwd(), out)}: ${exercises.sheets.length} sheets, ${formulas} formulas, ${charts} chart(s), every check ✓`);

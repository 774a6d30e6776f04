import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly", process: "readonly", globalThis: "readonly", window: "readonly", document: "readonly",
        Office: "readonly", Excel: "readonly", CustomFunctions: "readonly", setTimeout: "readonly", performance: "readonly",
        URL: "readonly", Buffer: "readonly", __dirname: "readonly", require: "readonly", module: "writable",
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Node build scripts and configs are CommonJS or plain ESM run by Node.
    files: ["scripts/**/*.js", "scripts/**/*.mjs", "bin/**/*.js", "*.config.js", "*.config.mjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The pure layer must stay free of Office, DOM and React so it runs anywhere (fxeval, workers, tests).
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "window", "document", "Office", "Excel", "CustomFunctions", "navigator"],
      "no-restricted-imports": ["error", { patterns: ["react", "react-dom", "@fluentui/*", "@microsoft/office-js", "../functions/*", "../workbook/*", "../taskpane/*"] }],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "window", "document", "Office", "Excel", "navigator"],
      "no-restricted-imports": ["error", { patterns: ["react", "react-dom", "@fluentui/*", "../workbook/*", "../taskpane/*"] }],
    },
  },
  {
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    rules: { "no-restricted-globals": ["error", "Excel"] },
  },
);

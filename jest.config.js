/** Three projects: unit (core, functions, workbook, task pane logic), bundle (the built dist/ through fxeval), browser (Playwright on the preview). */
const tsJest = ["ts-jest", { tsconfig: { module: "CommonJS", moduleResolution: "Node", jsx: "react-jsx", isolatedModules: true } }];
const common = {
  transform: { "^.+\\.tsx?$": tsJest },
  moduleFileExtensions: ["ts", "tsx", "js", "mjs", "json"],
};
module.exports = {
  projects: [
    { ...common, displayName: "unit", testEnvironment: "node", testMatch: ["<rootDir>/src/**/*.test.ts", "<rootDir>/test/unit/**/*.test.ts"] },
    { ...common, displayName: "dom", testEnvironment: "jsdom", testMatch: ["<rootDir>/src/**/*.test.tsx", "<rootDir>/test/dom/**/*.test.tsx"] },
    { ...common, displayName: "bundle", testEnvironment: "node", testMatch: ["<rootDir>/test/bundle/**/*.test.ts"] },
    { ...common, displayName: "browser", testEnvironment: "node", testMatch: ["<rootDir>/test/browser/**/*.test.ts"], setupFilesAfterEnv: ["<rootDir>/test/browser/setup.ts"] },
  ],
};

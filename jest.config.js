/** Three projects: unit (core, functions, workbook, task pane logic), bundle (the built dist/ through fxeval), browser (Playwright on the preview). */
const tsJest = ["ts-jest", { tsconfig: { module: "CommonJS", moduleResolution: "Node", jsx: "react-jsx", isolatedModules: true } }];
// hyparquet and hyparquet-writer ship only ES modules: ts-jest turns them into CommonJS for Jest (Node and webpack load them as they are).
const esmPackages = ["hyparquet", "hyparquet-writer"];
const tsJestJs = ["ts-jest", { tsconfig: { module: "CommonJS", moduleResolution: "Node", allowJs: true, isolatedModules: true } }];
const common = {
  transform: { "^.+\\.tsx?$": tsJest, [`node_modules/(${esmPackages.join("|")})/.+\\.js$`]: tsJestJs },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join("|")})/)`],
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

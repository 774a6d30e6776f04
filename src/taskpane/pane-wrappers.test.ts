/**
 * The pane's progress bars and message bars go through TaskProgressBar and PaneMessageBar: Fluent's
 * own animate a width (ProgressBar) or lay themselves out twice (MessageBar's "auto" layout), each
 * a frame of style and layout on the page's thread that a slowed-down machine felt (see the two
 * wrappers). A new bar that imports Fluent's directly would bring that back unnoticed.
 */
import * as fs from "fs";
import * as path from "path";

const WRAPPERS: Record<string, string> = { ProgressBar: "TaskProgressBar.tsx", MessageBar: "PaneMessageBar.tsx" };

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("the pane's Fluent bars", () => {
  const files = sources(__dirname);
  it.each(Object.entries(WRAPPERS))("only %s's wrapper (%s) uses Fluent's component", (component, wrapper) => {
    const users = files.filter((f) => {
      const imports = [...fs.readFileSync(f, "utf8").matchAll(/import\s*\{([^}]*)\}\s*from\s*"@fluentui\/react-components"/g)];
      return imports.some((m) => m[1].split(",").some((name) => name.trim().replace(/^type\s+/, "") === component));
    });
    expect(users.map((f) => path.relative(__dirname, f))).toEqual([wrapper]);
  });
});

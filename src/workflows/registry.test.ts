/**
 * The registry and the declarations: every workflow is declared whole, and the code that runs
 * workflows (engine, source reading, output, the pane) never names one.
 */
import * as fs from "fs";
import * as path from "path";
import { normaliseHeader } from "./mapping";
import { defaultForm } from "./options";
import { WORKFLOW_DEFINITIONS, workflowById } from "./registry";

const ROOT = path.resolve(__dirname, "../..");

describe("workflow registry", () => {
  test("ids are unique and each is found by its id", () => {
    const ids = WORKFLOW_DEFINITIONS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(workflowById(id).id).toBe(id);
    expect(() => workflowById("nope")).toThrow(/nope/);
  });

  test.each(WORKFLOW_DEFINITIONS.map((d) => [d.id, d] as const))("%s is declared whole", (_id, def) => {
    expect(def.title.zh && def.title.en && def.hint.zh && def.hint.en).toBeTruthy();
    expect(def.modes.length).toBeGreaterThan(0);
    if (def.modes.length > 1) expect(def.modeLabel).toBeDefined();
    for (const mode of def.modes) {
      expect(mode.fields[0].id).toBe("customer");
      const ids = mode.fields.map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Synonyms are compared normalised: they must be written that way.
      for (const f of mode.fields) for (const s of f.synonyms ?? []) expect([f.id, s]).toEqual([f.id, normaliseHeader(s)]);
    }
    const keys = def.options.controls.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    const form = defaultForm(def, "zh", "2024-12-31");
    for (const key of keys) expect([key, form[key]]).not.toEqual([key, undefined]);
    expect(def.headerPrefixes.every((p) => p.endsWith("·"))).toBe(true);
  });

  test("the engine, source reading, output and the pane never name a workflow", () => {
    const files = [
      "src/workflows/engine.ts",
      "src/workflows/read-source.ts",
      "src/workflows/output.ts",
      "src/workflows/fields.ts",
      "src/workflows/mapping.ts",
      "src/workflows/options.ts",
      "src/workflows/validate.ts",
      "src/taskpane/workflows/OptionsSection.tsx",
      "src/taskpane/workflows/WorkflowsPane.tsx",
      "src/taskpane/workflows/WorkflowPanel.tsx",
      "src/taskpane/workflows/TransactionsFileSection.tsx",
      "src/taskpane/workflows/useWorkflow.ts",
    ];
    const ids = WORKFLOW_DEFINITIONS.map((d) => d.id);
    const named: string[] = [];
    for (const file of files) {
      const code = fs.readFileSync(path.join(ROOT, file), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const id of ids) if (code.includes(`"${id}"`) || code.includes(`'${id}'`)) named.push(`${file}: "${id}"`);
    }
    expect(named).toEqual([]);
  });
});

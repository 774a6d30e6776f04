import * as path from "path";
import { sourceMetadata } from "../../scripts/make-exercises.sheet";
import { FunctionMeta, invoke, Metadata, wrapperFor } from "./registry";

const ROOT = path.resolve(__dirname, "../..");

describe("explorer registry", () => {
  let metadata: Metadata;
  const meta = (id: string): FunctionMeta => metadata.functions.find((f) => f.id === id)!;
  beforeAll(async () => {
    metadata = await sourceMetadata(ROOT);
  });

  test("every @customfunction id reaches exactly the export the build associates with it", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { functionFamilyFiles } = require(path.join(ROOT, "scripts/build/function-families.js")) as { functionFamilyFiles(dir: string): string[] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as { generateCustomFunctionsMetadata(i: string[], log?: boolean): Promise<{ associate: { id: string; functionName: string; sourceFileName: string }[] }> };
    const { associate } = await generateCustomFunctionsMetadata(functionFamilyFiles(path.join(ROOT, "src/functions")), false);
    expect(associate.length).toBe(metadata.functions.length);
    for (const a of associate) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const family = require(path.resolve(ROOT, a.sourceFileName)) as Record<string, unknown>;
      expect([a.id, wrapperFor(a.id)]).toEqual([a.id, family[a.functionName]]);
    }
  });

  test("values, errors with their messages, and spilled tables, as Excel would show them", () => {
    const clv = invoke(meta("CLV"), [0.08, 10, 1000, 100, 500, 3000]);
    expect(clv.kind === "value" && Math.round((clv.value as number) * 100) / 100).toBe(8539.07);
    expect(invoke(meta("CLV"), [0.08, 2.5, 1000])).toEqual({ kind: "error", code: "#NUM!", message: expect.stringMatching(/periods/) });
    expect(invoke(meta("CLV"), [0.08, 10])).toEqual({ kind: "error", code: "#VALUE!", message: expect.stringMatching(/revenue/) });
    const schedule = invoke(meta("CLVSCHEDULE"), [0.2, null, [[8000, 4500, 5000, 5200]], [[1000, 1200, 1300, 1400]], 5000, 0, [[0.9, 0.8, 0.6, 0.3]]]);
    expect(schedule.kind).toBe("table");
    if (schedule.kind === "table") {
      expect(schedule.rows).toHaveLength(6);
      expect(Math.round((schedule.rows[5][7] as number) * 100) / 100).toBe(3917.82);
    }
  });

  test("one value given to a range parameter arrives as a 1×1 range; a 1×1 spill is one value", () => {
    const four = invoke(meta("CLV"), [0.2, null, [[8000, 4500, 5000, 5200]], [[1000, 1200, 1300, 1400]], 5000, 0, [[0.9, 0.8, 0.6, 0.3]]]);
    expect(four.kind === "value" && Math.round((four.value as number) * 100) / 100).toBe(3917.82);
    expect(invoke(meta("CLV"), [0.08, null, 1000])).toEqual({ kind: "value", value: expect.closeTo(925.93, 2) });
  });

  test("a range given to a single-value parameter is lifted cell by cell, as Excel lifts it", () => {
    const lifted = invoke(meta("CLVPERPETUITY"), [100, [[0.5], [0.8], [1.5]], 0.1]);
    expect(lifted.kind).toBe("table");
    if (lifted.kind === "table") {
      expect(lifted.rows.map((r) => (typeof r[0] === "number" ? Math.round(r[0] * 100) / 100 : (r[0] as { code: string }).code))).toEqual([83.33, 266.67, "#NUM!"]);
    }
  });

  test("an unknown id is #NAME?", () => {
    expect(invoke({ id: "NOPE", name: "NOPE", parameters: [] }, [])).toMatchObject({ kind: "error", code: "#NAME?" });
  });
});

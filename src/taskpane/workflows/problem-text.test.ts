import type { FieldSpec, Problem } from "../../workflows/types";
import { PROBLEM_KIND_TEXT, problemText } from "./problem-text";
import { t } from "../i18n";

const SALES: FieldSpec = { id: "sales", kind: "number", required: false, nonNegative: true, label: { zh: "年赊销额", en: "Credit sales" } } as FieldSpec;

describe("problem texts", () => {
  test("every kind the engine reports has a text in both languages", () => {
    for (const key of Object.values(PROBLEM_KIND_TEXT)) {
      expect(t(key, "zh")).toMatch(/\S/);
      expect(t(key, "en")).toMatch(/\S/);
    }
  });

  test("a customer's lines that disagree on sales are named with their row", () => {
    const problem = { row: 7, column: "H", field: "sales", kind: "inconsistent", value: 120000, message: "" } as Problem;
    expect(problemText(problem, [SALES], "en")).toMatch(/7.*H.*Credit sales.*differs from the customer's other lines \(120000\)/);
    expect(problemText(problem, [SALES], "zh")).toMatch(/7.*H.*年赊销额.*与该客户其他行不一致（120000）/);
  });
});

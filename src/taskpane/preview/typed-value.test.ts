import { typedValue } from "./typed-value";

test("typed text becomes a blank, a number, a boolean or stays text", () => {
  expect(typedValue("  ")).toBeNull();
  expect(typedValue("1200.5")).toBe(1200.5);
  expect(typedValue("15%")).toBeCloseTo(0.15, 12);
  expect(typedValue("true")).toBe(true);
  expect(typedValue("=1+1")).toBe("=1+1");
  expect(typedValue("重要价值客户")).toBe("重要价值客户");
});

import { cents, fx, fxeval } from "./fxeval";

describe("CLV family through the built bundle (fxeval)", () => {
  test.each([
    ["Model 1, revenue only", [0.08, 10, 1000], 6710.08],
    ["Model 3, cost, acquisition and first purchase", [0.08, 10, 1000, 100, 500, 3000], 8539.07],
    ["customer A, revenue only", [0.08, 10, 500], 3355.04],
    ["customer B, revenue only", [0.08, 10, 550], 3690.54],
    ["customer A, net of service cost", [0.08, 10, 500, 200], 2013.02],
    ["customer B, net of service cost", [0.08, 10, 550, 300], 1677.52],
    ["four years with retention", [0.2, null, [[8000, 4500, 5000, 5200]], [[1000, 1200, 1300, 1400]], 5000, 0, [[0.9, 0.8, 0.6, 0.3]]], 3917.82],
    ["four years with retention, timing 1", [0.2, null, [[8000, 4500, 5000, 5200]], [[1000, 1200, 1300, 1400]], 5000, 0, [[0.9, 0.8, 0.6, 0.3]], 1], 5701.39],
  ])("CRM.CLV %s", (_name, args, expected) => {
    const r = fx("CLV", ...args);
    expect(r.error).toBeUndefined();
    expect(cents(r.value)).toBe(expected);
  });

  test("CRM.CLVPERPETUITY(100, 0.8, 0.1) → 266.67", () => {
    expect(cents(fx("CLVPERPETUITY", 100, 0.8, 0.1).value)).toBe(266.67);
  });

  test("a single revenue cell with periods left out is one period", () => {
    expect(cents(fx("CLV", 0.08, null, 1000).value)).toBe(925.93);
  });

  test("CRM.CLVSIMPLE multiplies and subtracts", () => {
    expect(fx("CLVSIMPLE", 200, 4, 5, 0.25, 300).value).toBe(700);
  });

  test("CRM.CLVSCHEDULE: header, n rows, total row ending in CRM.CLV", () => {
    const args = [0.2, null, [[8000, 4500, 5000, 5200]], [[1000, 1200, 1300, 1400]], 5000, 0, [[0.9, 0.8, 0.6, 0.3]]];
    const [schedule, value] = fxeval([
      { id: "CLVSCHEDULE", args },
      { id: "CLV", args },
    ]);
    const rows = schedule.value as unknown[][];
    expect(rows).toHaveLength(6);
    expect(rows[0][0]).toBe("期数");
    expect(rows[5][0]).toBe("合计");
    expect(rows[5][7]).toBeCloseTo(value.value as number, 9);
    expect(rows.slice(1, 5).map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect((fx("CLVSCHEDULE", 0.08, 2, 1000, null, null, null, null, null, "en").value as unknown[][])[0][0]).toBe("Period");
  });

  test.each([
    ["rate text", ["abc", 10, 1000], "#VALUE!", /rate/],
    ["rate ≤ −100%", [-1, 10, 1000], "#NUM!", /rate/],
    ["periods not whole", [0.08, 2.5, 1000], "#NUM!", /periods/],
    ["periods zero", [0.08, 0, 1000], "#NUM!", /periods/],
    ["revenue missing", [0.08, 10], "#VALUE!", /revenue/],
    ["range length differs from periods", [0.08, 5, [[1, 2, 3]]], "#VALUE!", /revenue/],
    ["blank inside revenue", [0.08, null, [[1, null, 3]]], "#VALUE!", /revenue value 2/],
    ["retention above 1", [0.08, 10, 1000, null, null, null, 1.2], "#NUM!", /retention/],
    ["timing 2", [0.08, 10, 1000, null, null, null, null, 2], "#NUM!", /timing/],
    ["cost of another length", [0.08, 3, 1000, [[1, 2]]], "#VALUE!", /cost/],
  ])("CRM.CLV error: %s", (_name, args, code, message) => {
    const r = fx("CLV", ...args);
    expect(r.uncaught).toBeUndefined();
    expect(r.error).toBe(code);
    expect(r.message).toMatch(message);
  });
});

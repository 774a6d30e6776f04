import fc from "fast-check";
import { isoToSerial } from "../dates";
import { ColumnRows } from "../columns";
import { repeatSummary } from "./repeat-summary";

const d = (iso: string) => isoToSerial(iso)!;

describe("repeatSummary", () => {
  test("worked example: occasions are dates, amounts of one date are summed, weeks", () => {
    const s = repeatSummary({
      ids: ["A", "A", "B", "A", "A"],
      dates: ["2024-01-01", "2024-01-15", "2024-01-08", "2024-02-12", "2024-02-12"],
      amounts: [10, 20, 5, 15, 25],
      asOf: d("2024-03-04"),
      periodDays: 7,
    });
    expect(s.ids).toEqual(["A", "B"]);
    expect(Array.from(s.x)).toEqual([2, 0]);
    expect(Array.from(s.tx)).toEqual([6, 0]);
    expect(Array.from(s.T)).toEqual([9, 8]);
    expect(Array.from(s.meanValue!)).toEqual([30, 0]); // (20 + (15 + 25)) / 2
  });

  test("amounts as a column read in place give the same; a bad amount is named in row order, after its row's id and date", () => {
    const base = { ids: ["A", "A", "B", "A", "A"], dates: ["2024-01-01", "2024-01-15", "2024-01-08", "2024-02-12", "2024-02-12"], asOf: d("2024-03-04"), periodDays: 7 };
    const amounts = [10, 20, 5, 15, 25];
    expect(repeatSummary({ ...base, amounts: new ColumnRows(amounts.map((a) => [a]), "amounts") })).toEqual(repeatSummary({ ...base, amounts }));
    const column = (cells: unknown[]) => new ColumnRows(cells.map((c) => [c]), "amounts");
    expect(() => repeatSummary({ ...base, amounts: column([10, 20, 5, "x", 25]) })).toThrow(/amounts row 4 must be a number, not the text "x"/);
    expect(() => repeatSummary({ ...base, ids: ["A", "A", "B", "", "A"], amounts: column([10, 20, 5, "x", 25]) })).toThrow(/customer_ids row 4 is blank/);
    expect(() => repeatSummary({ ...base, dates: [...base.dates.slice(0, 4), "x"], amounts: column([10, 20, 5, "", 25]) })).toThrow(/amounts row 4 is blank/);
    expect(() => repeatSummary({ ...base, amounts: new ColumnRows([[10], [20], [5, 6], [15], [25]], "amounts") })).toThrow(/amounts must be a single row or column/);
  });

  test("holdout purchases are counted after as_of and not in x; a customer first seen in the holdout is left out", () => {
    const s = repeatSummary({ ids: [1, 1, 1, 2], dates: [d("2024-01-01"), d("2024-02-01"), d("2024-03-10"), d("2024-03-10")], asOf: d("2024-02-29"), holdoutEnd: d("2024-03-31") });
    expect(s.ids).toEqual([1]);
    expect(Array.from(s.x)).toEqual([1]);
    expect(Array.from(s.holdout!)).toEqual([1]);
  });

  test("errors name the row: a date after holdout_end, a blank id", () => {
    expect(() => repeatSummary({ ids: ["A", "A"], dates: ["2024-01-01", "2024-05-01"], asOf: d("2024-03-01"), holdoutEnd: d("2024-04-01") })).toThrow(/dates row 2: 2024-05-01 is after holdout_end 2024-04-01/);
    expect(() => repeatSummary({ ids: ["A", " "], dates: ["2024-01-01", "2024-01-02"], asOf: d("2024-03-01") })).toThrow(/customer_ids row 2/);
  });

  test("property: 0 ≤ t_x ≤ T, x is at most the number of rows − 1, and x = 0 exactly when t_x = 0", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 90 })), { minLength: 1, maxLength: 60 }), (rows) => {
        const asOf = d("2024-04-01");
        const s = repeatSummary({ ids: rows.map((r) => r[0]), dates: rows.map((r) => d("2024-01-01") + r[1]), asOf });
        s.ids.forEach((id, i) => {
          const mine = rows.filter((r) => r[0] === id);
          expect(s.x[i]).toBe(new Set(mine.map((r) => r[1])).size - 1);
          expect(s.tx[i]).toBeGreaterThanOrEqual(0);
          expect(s.tx[i]).toBeLessThanOrEqual(s.T[i]);
          expect(s.x[i] === 0).toBe(s.tx[i] === 0);
        });
      }),
    );
  });
  test("property: equals the rule written plainly (occasions as a set of customer and day; cents summed per occasion; holdout counted apart)", () => {
    const asOf = d("2024-03-01");
    const holdoutEnd = d("2024-04-30");
    const row = fc.tuple(fc.constantFrom("A", "b", "B", "客户", 7, 70), fc.integer({ min: 0, max: 119 }), fc.integer({ min: -500, max: 100_000 }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), fc.constantFrom(1, 7, 30), (rows, periodDays) => {
        const s = repeatSummary({ ids: rows.map((r) => r[0]), dates: rows.map((r) => d("2024-01-01") + r[1]), amounts: rows.map((r) => r[2] / 100), asOf, periodDays, holdoutEnd });
        const ids = [...new Set(rows.map((r) => r[0]))].filter((id) => rows.some((r) => r[0] === id && d("2024-01-01") + r[1] <= asOf));
        expect(s.ids).toEqual(ids);
        ids.forEach((id, i) => {
          const mine = rows.filter((r) => r[0] === id).map((r) => ({ day: d("2024-01-01") + r[1], cents: r[2] }));
          const days = [...new Set(mine.filter((m) => m.day <= asOf).map((m) => m.day))].sort((a, b) => a - b);
          const repeatCents = mine.filter((m) => m.day <= asOf && m.day !== days[0]).reduce((t, m) => t + m.cents, 0);
          expect(s.x[i]).toBe(days.length - 1);
          expect(s.tx[i]).toBe((days[days.length - 1] - days[0]) / periodDays);
          expect(s.T[i]).toBe((asOf - days[0]) / periodDays);
          expect(s.meanValue![i]).toBe(days.length > 1 ? repeatCents / 100 / (days.length - 1) : 0);
          expect(s.holdout![i]).toBe(new Set(mine.filter((m) => m.day > asOf).map((m) => m.day)).size);
        });
      }),
    );
  });
});

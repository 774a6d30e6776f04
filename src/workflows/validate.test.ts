/** Validation kinds, with sheet row numbers and column letters. */
import fc from "fast-check";
import { fieldsOf } from "./fields";
import { validateTable } from "./validate";

describe("validateTable", () => {
  const base = { firstRow: 5, firstColumn: 2, language: "en" as const };

  test("dates: serials and ISO text are dates; text is not; purchases after the as-of date are problems", () => {
    const { report, table } = validateTable(
      [
        ["A", "2023-03-01", 1, 10],
        ["B", 45_001, 1, 10],
        ["C", "yesterday", 1, 10],
        ["D", true, 1, 10],
        // a purchase later on the as-of day is not after it
        ["E", "2023-03-15 18:30", 1, 10],
      ],
      { ...base, fields: fieldsOf("rfm").filter((f) => f.id !== "recency"), mapping: { customer: 0, lastDate: 1, frequency: 2, monetary: 3 }, asOf: 45_000, uniqueIds: true },
    );
    expect(report.problems.map((p) => [p.row, p.column, p.kind, p.message])).toEqual([
      [6, "D", "afterAsOf", "Last purchase 2023-03-16 is after the as-of date 2023-03-15"],
      [7, "D", "notDate", 'Last purchase must be a date, not "yesterday"'],
      [8, "D", "notDate", "Last purchase must be a date, not TRUE"],
    ]);
    expect(table.numbers.lastDate![0]).toBe(44_986);
    expect(Array.from(table.ok)).toEqual([1, 0, 0, 0, 1]);
    expect(table.numbers.lastDate![4]).toBe(45_000 + 18.5 / 24);
  });

  test("rates outside 0..1, blanks allowed where the field says so, text in number columns", () => {
    const { report, table } = validateTable(
      [
        ["A", 100, 0.8, null],
        ["B", 100, 80, 0.1],
        ["C", "约1000", 0.5, 0.1],
        ["D", null, 0.5, 0.1],
      ],
      { ...base, language: "zh", fields: fieldsOf("value").filter((f) => f.id !== "value"), mapping: { customer: 0, margin: 1, retention: 2, discount: 3 }, uniqueIds: true },
    );
    expect(report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [5, "F", "blank"],
      [6, "E", "outOfRange"],
      [7, "D", "notNumber"],
      [8, "D", "blank"],
    ]);
    expect(report.problems[1].message).toBe("保留率 80 超出范围 0..1 (10% = 0.1)");
    const aging = validateTable([["A", 45_000, -5, null]], { ...base, fields: fieldsOf("aging"), mapping: { customer: 0, dueDate: 1, openAmount: 2, creditLimit: 3 }, uniqueIds: false });
    expect(aging.report.problems).toEqual([]);
    expect(Number.isNaN(aging.table.numbers.creditLimit![0])).toBe(true);
    void table;
  });

  test("duplicate ids only where one row per customer is expected; ids compare trimmed, 1001 and \"1001\" alike", () => {
    const rows = [["1001", 1, 1, 1], [1001, 1, 1, 1], [" 1001 ", 1, 1, 1]];
    const ctx = { ...base, fields: fieldsOf("rfm"), mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 } };
    expect(validateTable(rows, { ...ctx, uniqueIds: true }).report.problems.map((p) => [p.row, p.kind])).toEqual([
      [6, "duplicateId"],
      [7, "duplicateId"],
    ]);
    expect(validateTable(rows, { ...ctx, uniqueIds: false }).report.problems).toEqual([]);
  });

  test("property: any cells give a report, never an exception; ok rows hold finite numbers", () => {
    const cell = fc.oneof(fc.constant(null), fc.double(), fc.string({ maxLength: 5 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 20 }), (rows) => {
        const { report, table } = validateTable(rows, { ...base, fields: fieldsOf("rfm"), mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, uniqueIds: true });
        expect(report.badRows.length + Array.from(table.ok).filter((x) => x).length).toBe(rows.length);
        table.ok.forEach((ok, i) => {
          if (ok) for (const f of ["recency", "frequency", "monetary"] as const) expect(Number.isFinite(table.numbers[f]![i])).toBe(true);
        });
      }),
    );
  });

  test("text that is plainly a number or a date is read and counted per column; error cells and unclear day/month orders are problems", () => {
    const fields = fieldsOf("rfm", "transactions");
    const { report, table } = validateTable(
      [
        ["C1", "2024/3/5", "¥1,151.29"],
        [" C1 ", "2024年7月4日", " 25 "],
        ["Ｃ１", 45_000, "(12.00)"],
        ["#N/A", "2024.11.14", 10],
        ["C2", "#VALUE!", 10],
        ["C3", "03/05/2024", 10],
        ["C4", "2024-02-30", "12%"],
      ],
      { ...base, fields, mapping: { customer: 0, date: 1, amount: 2 }, uniqueIds: false },
    );
    expect(report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [7, "E", "negative"],
      [8, "C", "errorValue"],
      [9, "D", "errorValue"],
      [10, "D", "dateOrder"],
      [11, "D", "notDate"],
      [11, "E", "notNumber"],
    ]);
    expect(report.readFromText).toEqual({ date: 3, amount: 2 });
    expect(report.dateOrders).toEqual([{ field: "date", column: "D", examples: ["03/05/2024"], rows: 1 }]);
    expect(report.idVariants).toEqual([
      { row: 6, column: "C", value: " C1 ", sameAs: 5, sameAsValue: "C1" },
      { row: 7, column: "C", value: "Ｃ１", sameAs: 5, sameAsValue: "C1" },
    ]);
    expect(table.ids.slice(0, 3)).toEqual(["C1", "C1", "C1"]);
    expect(Array.from(table.numbers.amount!.slice(0, 2))).toEqual([1151.29, 25]);
    const answered = validateTable([["C3", "03/05/2024", 10]], { ...base, fields, mapping: { customer: 0, date: 1, amount: 2 }, uniqueIds: false, dateOrders: { date: "dmy" } });
    expect(answered.report.problems).toEqual([]);
    expect(answered.table.numbers.date![0]).toBe(45_415); // 2024-05-03
  });

  test("rows left out by the source shape are neither read nor problems", () => {
    const { report, table } = validateTable(
      [
        ["C1", 1, 2, 3],
        ["合计", null, "x", 3],
      ],
      { ...base, fields: fieldsOf("rfm"), mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, uniqueIds: true, skip: Uint8Array.of(0, 1) },
    );
    expect(report.problems).toEqual([]);
    expect(report.badRows).toEqual([]);
    expect(Array.from(table.ok)).toEqual([1, 0]);
  });
});

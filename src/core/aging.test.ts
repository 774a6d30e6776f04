import fc from "fast-check";
import { agingDays, agingTable, allowance, allowanceByBucket, bucketIndex, bucketLabels, checkEdges, DEFAULT_EDGES } from "./aging";
import { isoToSerial } from "./dates";
import { Decimal } from "./money";

/** Matches a thrown CrmError of this Excel code. */
const failsWith = (code: string) => expect.objectContaining({ code });

const serial = (iso: string) => isoToSerial(iso)!;
const AS_OF = serial("2024-03-31");

// The worked example: six open invoices of three customers, aged at 2024-03-31.
const invoices: [string, string, number][] = [
  ["甲公司", "2024-04-15", 12000], // not yet due
  ["乙公司", "2024-03-10", 8500.5], // 21 days
  ["甲公司", "2024-02-20", 6300.25], // 40 days
  ["丙公司", "2023-12-15", 4200.1], // 107 days
  ["乙公司", "2024-01-20", 3100.15], // 71 days
  ["甲公司", "2024-03-31", 1000], // due today: not overdue
];
const ids = invoices.map((r) => r[0]);
const dues = invoices.map((r) => serial(r[1]));
const amounts = invoices.map((r) => r[2]);

describe("agingDays", () => {
  test("as_of − due date; negative when not yet due", () => {
    expect(dues.map((d) => agingDays(d, AS_OF))).toEqual([-15, 21, 40, 107, 71, 0]);
  });

  test("calendar days: the time of day does not count", () => {
    expect(agingDays(serial("2024-03-30T23:00"), serial("2024-03-31T01:00"))).toBe(1);
    expect(agingDays(serial("2024-03-30T01:00"), serial("2024-03-31T23:00"))).toBe(1);
  });
});

describe("buckets", () => {
  test.each([
    [-5, 0],
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [60, 2],
    [61, 3],
    [90, 3],
    [91, 4],
    [10000, 4],
  ])("default edges: %d days → bucket %d", (days, k) => {
    expect(bucketIndex(days, DEFAULT_EDGES)).toBe(k);
  });

  test("labels with the default edges, both languages", () => {
    expect(bucketLabels(DEFAULT_EDGES)).toEqual(["未到期", "1-30天", "31-60天", "61-90天", "90天以上"]);
    expect(bucketLabels(DEFAULT_EDGES, "en")).toEqual(["Current", "1-30", "31-60", "61-90", "90+"]);
  });

  test("custom edges {15, 45}", () => {
    expect(bucketLabels([15, 45])).toEqual(["未到期", "1-15天", "16-45天", "45天以上"]);
    expect(bucketLabels([15, 45], "en")).toEqual(["Current", "1-15", "16-45", "45+"]);
    expect([0, 1, 15, 16, 45, 46].map((d) => bucketIndex(d, [15, 45]))).toEqual([0, 1, 1, 2, 2, 3]);
  });

  test("a one-day bucket is labelled by its day", () => {
    expect(bucketLabels([1, 7], "zh")).toEqual(["未到期", "1天", "2-7天", "7天以上"]);
    expect(bucketLabels([1, 7], "en")).toEqual(["Current", "1", "2-7", "7+"]);
  });

  test.each([
    [[], "#VALUE!"],
    [[30, 30], "#VALUE!"],
    [[60, 30], "#VALUE!"],
    [[0, 30], "#NUM!"],
    [[-30], "#NUM!"],
    [[30.5], "#NUM!"],
    [[NaN], "#VALUE!"],
  ])("edges %j are %s", (edges, code) => {
    expect(() => checkEdges(edges)).toThrow(failsWith(code));
  });

  test("property: the bucket never decreases as the days grow", () => {
    const edges = fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }).map((e) => e.sort((a, b) => a - b));
    fc.assert(
      fc.property(edges, fc.integer({ min: -500, max: 1000 }), fc.integer({ min: 0, max: 500 }), (e, d, more) => {
        const k = bucketIndex(d, e);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(e.length + 1);
        expect(bucketIndex(d + more, e)).toBeGreaterThanOrEqual(k);
        expect(bucketLabels(e)).toHaveLength(e.length + 2);
      }),
    );
  });
});

describe("agingTable", () => {
  test("the worked example, default edges", () => {
    const report = agingTable(ids, dues, amounts, AS_OF);
    expect(report.rows.map((r) => [r.customer, ...r.buckets, r.total, r.lines])).toEqual([
      ["甲公司", 13000, 0, 6300.25, 0, 0, 19300.25, 3],
      ["乙公司", 0, 8500.5, 0, 3100.15, 0, 11600.65, 2],
      ["丙公司", 0, 0, 0, 0, 4200.1, 4200.1, 1],
    ]);
    expect([...report.total.buckets, report.total.total, report.total.lines]).toEqual([13000, 8500.5, 6300.25, 3100.15, 4200.1, 35101, 6]);
  });

  test("the worked example, custom edges {15, 45}", () => {
    const report = agingTable(ids, dues, amounts, AS_OF, [15, 45]);
    expect(report.rows.map((r) => r.buckets)).toEqual([
      [13000, 0, 6300.25, 0],
      [0, 0, 8500.5, 3100.15],
      [0, 0, 0, 4200.1],
    ]);
    expect(report.total.buckets).toEqual([13000, 0, 14800.75, 7300.25]);
  });

  test("sums are exact decimal sums: 0.1 + 0.2 is 0.3", () => {
    const report = agingTable(["A", "A", "B"], [1, 1, 1], [0.1, 0.2, 0.7], 10);
    expect(report.rows.map((r) => r.total)).toEqual([0.3, 0.7]);
    expect(report.total.total).toBe(1);
  });

  test("ids are grouped exactly as given, like CRM.RFMTABLE: 1001 and \"1001\" differ, so do \"A\" and \" A\"", () => {
    const report = agingTable([1001, "A", "1001", "A", " A", 1001], [1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6], 10);
    expect(report.rows.map((r) => [r.customer, r.total, r.lines])).toEqual([
      [1001, 7, 2],
      ["A", 6, 2],
      ["1001", 3, 1],
      [" A", 5, 1],
    ]);
  });

  test("negative amounts (credit notes) net within their bucket", () => {
    const report = agingTable(["A", "A"], [1, 1], [100.1, -30.05], 20);
    expect(report.rows[0].buckets[1]).toBe(70.05);
  });

  test.each([
    [() => agingTable(["A", " "], [1, 1], [1, 1], 10), "#VALUE!", /customer_ids value 2 is blank/],
    [() => agingTable(["A", NaN], [1, 1], [1, 1], 10), "#VALUE!", /customer_ids value 2 is blank/],
    [() => agingTable(["A", "B"], [1, NaN], [1, 1], 10), "#VALUE!", /due_dates value 2/],
    [() => agingTable(["A", "B"], [1, 1], [1, Infinity], 10), "#VALUE!", /open_amounts value 2/],
    [() => agingTable(["A", "B"], [1], [1, 1], 10), "#VALUE!", /due_dates has 1 rows but customer_ids has 2/],
    [() => agingTable(["A"], [1], [1], NaN), "#VALUE!", /as_of/],
    [() => agingTable(["A"], [1], [1], 10, [30, 20]), "#VALUE!", /edges/],
  ])("error %#", (fn, code, message) => {
    expect(fn).toThrow(failsWith(code));
    expect(fn).toThrow(message);
  });

  const lineOf = (amount: fc.Arbitrary<number>) => fc.record({ id: fc.constantFrom("A", "B", "C", 7, "甲"), due: fc.integer({ min: 45000, max: 45500 }), amount });
  const cents = fc.integer({ min: -1e8, max: 1e10 }).map((c) => c / 100);
  // Whole cents only take the one-pass sums in whole units; other amounts may have no common scale (the exact decimal sums).
  test.each([
    ["whole cents", lineOf(cents)],
    ["cents and any other amounts", lineOf(fc.oneof(cents, fc.double({ min: -1e6, max: 1e6, noNaN: true })))],
  ])("property (%s): every figure is the exact sum of its lines, totals equal their parts to the cent, row order only reorders customers", (_, line) => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 60 }), fc.integer({ min: 45000, max: 45600 }), (lines, asOf) => {
        const edges = DEFAULT_EDGES;
        const report = agingTable(
          lines.map((l) => l.id),
          lines.map((l) => l.due),
          lines.map((l) => l.amount),
          asOf,
        );
        const exact = (pick: (l: (typeof lines)[number]) => boolean) => lines.filter(pick).reduce((a, l) => a.plus(l.amount), new Decimal(0)).toNumber();
        const bucketOf = (l: (typeof lines)[number]) => bucketIndex(asOf - l.due, edges);
        const toTheCent = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.005);
        const sum = (xs: readonly number[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toNumber();
        for (const r of report.rows) {
          r.buckets.forEach((b, k) => expect(b).toBe(exact((l) => l.id === r.customer && bucketOf(l) === k)));
          expect(r.total).toBe(exact((l) => l.id === r.customer));
          toTheCent(r.total, sum(r.buckets));
        }
        report.total.buckets.forEach((b, k) => {
          expect(b).toBe(exact((l) => bucketOf(l) === k));
          toTheCent(b, sum(report.rows.map((r) => r.buckets[k])));
        });
        expect(report.total.total).toBe(exact(() => true));
        toTheCent(report.total.total, sum(report.total.buckets));
        expect(report.total.lines).toBe(lines.length);

        const reversed = [...lines].reverse();
        const again = agingTable(
          reversed.map((l) => l.id),
          reversed.map((l) => l.due),
          reversed.map((l) => l.amount),
          asOf,
        );
        const byCustomer = (r: typeof report) => new Map(r.rows.map((row) => [row.customer, row.buckets]));
        expect(byCustomer(again)).toEqual(byCustomer(report));
      }),
    );
  });
});

describe("allowance", () => {
  const rates = [0.01, 0.03, 0.05, 0.1, 0.3];
  const days = dues.map((d) => agingDays(d, AS_OF));

  test("the worked example: 13000×1% + 8500.50×3% + 6300.25×5% + 3100.15×10% + 4200.10×30% = 2270.0725", () => {
    expect(allowance(amounts, days, rates)).toBe(2270.0725);
    const detail = allowanceByBucket(amounts, days, rates);
    expect(detail.buckets.map((b) => [b.amount, b.rate, b.allowance])).toEqual([
      [13000, 0.01, 130],
      [8500.5, 0.03, 255.015],
      [6300.25, 0.05, 315.0125],
      [3100.15, 0.1, 310.015],
      [4200.1, 0.3, 1260.03],
    ]);
  });

  test("custom edges take edges + 2 rates", () => {
    expect(allowance(amounts, days, [0, 0.05, 0.2, 0.5], [15, 45])).toBe(6610.275); // 14800.75 × 20% + 7300.25 × 50%
  });

  test.each([
    [() => allowance([1], [1], [0.1, 0.2]), "#VALUE!", /rates has 2 values but the 3 edges make 5 buckets/],
    [() => allowance([1], [1], [0, 0.1, 0.2, 0.3, 1.5]), "#NUM!", /rates value 5/],
    [() => allowance([1, 2], [1], rates), "#VALUE!", /days_past_due has 1 rows/],
    [() => allowance([1, NaN], [1, 2], rates), "#VALUE!", /open_amounts value 2/],
  ])("error %#", (fn, code, message) => {
    expect(fn).toThrow(failsWith(code));
    expect(fn).toThrow(message);
  });

  test("property: equals Σ amount × rate line by line in decimal", () => {
    const lineArb = fc.tuple(fc.integer({ min: -1e7, max: 1e9 }).map((c) => c / 100), fc.integer({ min: -100, max: 400 }));
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 50 }), fc.array(fc.integer({ min: 0, max: 100 }).map((p) => p / 100), { minLength: 5, maxLength: 5 }), (lines, r) => {
        const expected = lines.reduce((a, [amount, d]) => a.plus(new Decimal(amount).times(r[bucketIndex(d, DEFAULT_EDGES)])), new Decimal(0));
        expect(allowance(lines.map((l) => l[0]), lines.map((l) => l[1]), r)).toBe(expected.toNumber());
      }),
    );
  });
});

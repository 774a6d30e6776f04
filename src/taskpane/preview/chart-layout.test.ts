import fc from "fast-check";
import { chartData, layoutCartesian, layoutPie, niceMax, tickFractions } from "./chart-layout";

const table = [
  ["Segment", "Customers", "Revenue"],
  ["A", 10, 500],
  ["B", 30, "x"],
];
const cells = (r: number, c: number) => ({ value: table[r][c] as string | number, text: String(table[r][c]) });

test("series come from columns, categories from the first column; text counts as 0", () => {
  expect(chartData(cells, 3, 3)).toEqual({
    categories: ["A", "B"],
    series: [
      { name: "Customers", values: [10, 30] },
      { name: "Revenue", values: [500, 0] },
    ],
  });
});

test("niceMax rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
  expect([0, -3, 0.7, 1, 3, 24, 26, 480, 1e6 + 1, 5e-324].map(niceMax)).toEqual([1, 1, 1, 1, 5, 25, 50, 500, 2e6, 1]);
});

test("stacked bars of one category sit on each other and reach the total", () => {
  const data = { categories: ["x"], series: [{ name: "a", values: [30] }, { name: "b", values: [20] }] };
  const plot = layoutCartesian("stackedColumn", data, 400, 300);
  const [a, b] = plot.rects;
  expect(plot.yMax).toBe(50);
  expect(b.y + b.height).toBeCloseTo(a.y, 9);
  expect(b.y).toBeCloseTo(plot.area.y, 9);
});

test("a Pareto chart draws the last series as a line on a 0..1 axis", () => {
  const data = { categories: ["1", "2"], series: [{ name: "v", values: [80, 20] }, { name: "cum", values: [0.8, 1] }] };
  const plot = layoutCartesian("pareto", data, 400, 300);
  expect(plot.rects).toHaveLength(2);
  expect(plot.y2Max).toBe(1);
  expect(plot.lines[0].points[1][1]).toBeCloseTo(plot.area.y, 9);
});

test("pie shares add up to 1 and every geometry number is finite", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e9, noNaN: true }), { maxLength: 30 }), (values) => {
      const data = { categories: values.map(String), series: [{ name: "s", values }] };
      const slices = layoutPie(data, 100, 100, 80);
      if (slices.length) expect(slices.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 9);
      for (const kind of ["column", "stackedColumn", "line", "pareto"] as const) {
        const plot = layoutCartesian(kind, data, 480, 288);
        for (const r of plot.rects) expect([r.x, r.y, r.width, r.height].every(Number.isFinite)).toBe(true);
      }
    }),
  );
});

test("gridlines fall on round numbers: fifths of 2.5 and 5 (times a power of ten), quarters of 1 and 2", () => {
  const steps = (max: number) => tickFractions(max).map((f) => +(f * max).toPrecision(6));
  expect(steps(2.5e6)).toEqual([0, 500000, 1e6, 1.5e6, 2e6, 2.5e6]);
  expect(steps(500)).toEqual([0, 100, 200, 300, 400, 500]);
  expect(steps(1000)).toEqual([0, 250, 500, 750, 1000]);
  expect(steps(0.5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  expect(steps(2)).toEqual([0, 0.5, 1, 1.5, 2]);
  fc.assert(
    fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (v) => {
      const f = tickFractions(niceMax(v));
      expect(f[0]).toBe(0);
      expect(f.at(-1)).toBe(1);
    }),
  );
});

/**
 * Native charts in the downloaded workbook: every kept chart spec becomes a real chart part, which
 * LibreOffice (headless, test/support/libreoffice.ts) opens and counts; the file opens again in
 * the preview with its specs and charts once, not twice; an RFM result on the customers sample
 * shows its chart in LibreOffice.
 */
import JSZip from "jszip";
import * as fs from "fs";
import * as path from "path";
import { describeWithLibreOffice, openInLibreOffice } from "../../test/support/libreoffice";
import { createEngine } from "../workflows/engine";
import { MemoryWorkbook } from "./memory-workbook";
import { chartXml, columnWidthPoints } from "./native-charts";
import type { ChartKind, ChartSpec } from "./types";

jest.setTimeout(240_000);

const SEGMENTS = [
  ["细分 Segment", "客户数 Customers", "金额占比 Share"],
  ["重要价值客户 Important value", 12, 0.42],
  ["重要发展客户 Important development", 7, 0.63],
  ["重要保持客户 Important retention", 5, 0.8],
  ["重要挽留客户 Important win-back", 4, 0.9],
  ["一般价值客户", 3, 0.95],
  ["一般发展客户", 2, 0.98],
  ["一般保持客户", 1, 0.99],
  ["一般挽留客户", 1, 1],
];

const KINDS: ChartKind[] = ["column", "stackedColumn", "pie", "line", "pareto"];

function chartBook(): MemoryWorkbook {
  return MemoryWorkbook.fromSheets({ "Summary 汇总": SEGMENTS, Other: [["x"]] });
}

async function withCharts(): Promise<MemoryWorkbook> {
  const wb = chartBook();
  const specs: ChartSpec[] = KINDS.map((kind, i) => ({
    sheet: "Summary 汇总",
    kind,
    title: `${kind} 图`,
    name: `chart-${kind}`,
    source: { sheet: "Summary 汇总", row: 0, column: 0, rows: 9, columns: kind === "pareto" || kind === "stackedColumn" ? 3 : 2 },
    anchor: { row: 1 + i * 20, column: 5 },
  }));
  await wb.addCharts(specs);
  return wb;
}

test("column widths in characters as points, one rule for the preview's download, the exercise workbook and Excel: 7 px a character plus 5 px, 0.75 pt a pixel", () => {
  expect(columnWidthPoints()).toBeCloseTo(48, 1); // Excel's default 8.43 characters: 64 px
  expect(columnWidthPoints(16)).toBe(87.75); // 117 px
  expect(columnWidthPoints(40)).toBe(213.75); // 285 px
});

test("a chart part names its ranges, labels every category, titles both axes and caches the figures", () => {
  const wb = chartBook();
  const xml = chartXml({
    spec: { sheet: "Summary 汇总", kind: "column", title: "各细分客户数", source: { sheet: "Summary 汇总", row: 0, column: 0, rows: 9, columns: 2 }, anchor: { row: 1, column: 5 } },
    cells: (r, c) => wb.cellView("Summary 汇总", r, c),
    columnWidthPt: () => 48,
    rowHeightPt: () => 15,
  });
  expect(xml).toContain("<c:f>'Summary 汇总'!$A$2:$A$9</c:f>");
  expect(xml).toContain("<c:f>'Summary 汇总'!$B$2:$B$9</c:f>");
  expect(xml).toContain('<c:tickLblSkip val="1"/>');
  // Long category names are turned, not cut.
  expect(xml).toContain('rot="-2700000"');
  expect(xml).toContain("<a:t>细分 Segment</a:t>");
  expect(xml).toContain("<a:t>客户数 Customers</a:t>");
  expect(xml).toContain('<c:pt idx="0"><c:v>重要价值客户 Important value</c:v></c:pt>');
  expect(xml).toContain('<c:pt idx="0"><c:v>12</c:v></c:pt>');
});

test("the package has a drawing per sheet with charts, a part per chart, their relationships and content types", async () => {
  const bytes = await (await withCharts()).toXlsx();
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files);
  expect(names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(5);
  expect(names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(1);
  const types = await zip.file("[Content_Types].xml")!.async("string");
  expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(5);
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  expect(sheet).toMatch(/<drawing r:id="rId\d+"\/>/);
  // Opened again in the preview: the specs are there, and downloading again writes each chart once.
  const again = await MemoryWorkbook.fromXlsx(bytes);
  expect(again.chartsOn("Summary 汇总").map((c) => c.kind)).toEqual(KINDS);
  const twice = await JSZip.loadAsync(await again.toXlsx());
  expect(Object.keys(twice.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(5);
});

describeWithLibreOffice("LibreOffice shows the downloaded charts", () => {
  test("five kinds of chart on one sheet, none on the other; opened again and downloaded again, still five", async () => {
    const first = await (await withCharts()).toXlsx();
    const again = await (await MemoryWorkbook.fromXlsx(first)).toXlsx();
    const lo = await openInLibreOffice(again);
    const counts = Object.fromEntries(lo.sheets.filter((s) => s.visible).map((s) => [s.name, s.charts]));
    expect(counts).toEqual({ "Summary 汇总": 5, Other: 0 });
  });

  test("an RFM result on the customers sample, downloaded, has its segment chart", async () => {
    const wb = await MemoryWorkbook.fromXlsx(fs.readFileSync(path.resolve(__dirname, "../../assets/samples/customers.xlsx")));
    const engine = createEngine(wb, () => 45_657);
    const described = await engine.describeSource("activeSheet", "rfm");
    const result = await engine.run({ workflow: "rfm", source: described.range, mapping: described.mapping, options: { language: "en", mode: "customers", asOf: 45_657, bins: 5, scheme: "cn8", skipBadRows: true } } as never);
    expect(result.status === "done" ? "done" : JSON.stringify(result).slice(0, 600)).toBe("done");
    const charts = wb.chartsOn((result as { summarySheet: string }).summarySheet);
    expect(charts.length).toBeGreaterThan(0);
    const lo = await openInLibreOffice(await wb.toXlsx());
    const summary = lo.sheets.find((s) => s.name === (result as { summarySheet: string }).summarySheet)!;
    expect(summary.charts).toBe(charts.length);
    fs.mkdirSync("/tmp/crm-charts", { recursive: true });
    fs.writeFileSync("/tmp/crm-charts/rfm-result.xlsx", await wb.toXlsx());
  });
});

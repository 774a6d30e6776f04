/**
 * What calculating and native charts cost the preview on 100,000 rows: starting the formula
 * engine on a sheet without formulas (useFunctions looks through the cells once, in slices that
 * yield: its longest stretch without an event-loop turn is printed), and the
 * download with a chart (the package ExcelJS wrote is opened again to add the chart parts;
 * unchanged entries keep their compressed bytes) against the download without.
 */
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block } from "../../src/workbook/types";
import { rng } from "./harness";

const N = 100_000;

async function main(): Promise<void> {
  const random = rng(3);
  const block: Block = [["客户编号", "最近消费天数", "消费次数", "消费金额"], ...Array.from({ length: N }, (_, i) => [`C${i + 1}`, Math.floor(random() * 720), 1 + Math.floor(random() * 40), Math.round(random() * 5_000_000) / 100])];
  const wb = MemoryWorkbook.fromSheets({ Data: block, Summary: [["Segment", "Customers"], ["A", 3], ["B", 5], ["C", 2]] });
  // The longest stretch without a turn of the event loop, measured with a setImmediate chain.
  let longest = 0;
  let last = performance.now();
  let watching = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (watching) setImmediate(tick);
  };
  setImmediate(tick);
  let t = performance.now();
  await wb.useFunctions({ functions: [] });
  watching = false;
  console.log(`useFunctions on ${N.toLocaleString("en")} rows × 4 (no formulas): ${(performance.now() - t).toFixed(0)} ms, longest stretch without an event-loop turn ${longest.toFixed(0)} ms (was one synchronous stretch of ~330-425 ms)`);
  t = performance.now();
  await wb.enterCell("Summary", 5, 1, { formula: "=SUM(B2:B4)+COUNT(Data!B2:B100001)" });
  console.log(`a formula over ${N.toLocaleString("en")} cells entered and computed: ${(performance.now() - t).toFixed(0)} ms, value ${String(wb.cellView("Summary", 5, 1).value)}`);
  t = performance.now();
  const plain = await wb.toXlsx();
  const withoutChart = performance.now() - t;
  await wb.addCharts([{ sheet: "Summary", kind: "column", title: "Customers", source: { sheet: "Summary", row: 0, column: 0, rows: 4, columns: 2 }, anchor: { row: 1, column: 4 } }]);
  t = performance.now();
  const charted = await wb.toXlsx();
  const withChart = performance.now() - t;
  console.log(`download: ${withoutChart.toFixed(0)} ms without a chart (${(plain.length / 1e6).toFixed(1)} MB), ${withChart.toFixed(0)} ms with one native chart (${(charted.length / 1e6).toFixed(1)} MB): ×${(withChart / withoutChart).toFixed(2)}`);
}

void main();

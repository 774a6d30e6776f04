/**
 * Does the page stay responsive while a workflow runs on 100,000 rows in the preview? The page
 * has one thread: while the engine and the in-memory workbook compute without giving the event
 * loop a turn, no input is handled and nothing is painted (no progress bar, no Cancel). This
 * prints, per workflow, the run's time and its longest stretch without a turn of the event loop
 * (measured with a setImmediate chain, as a browser would run its tasks), with the phase it ended
 * in. Aim: no stretch over ~100 ms in the write and summary phases (formatting), where the
 * in-memory workbook works in slices that yield; the compute phase is one pure calculation.
 */
import { MemoryWorkbook } from "../../src/workbook/memory-workbook";
import type { Block } from "../../src/workbook/types";
import { createEngine } from "../../src/workflows/engine";
import type { Phase, WorkflowRequest } from "../../src/workflows/types";
import { rng } from "./harness";

const AS_OF = 45_657; // 2024-12-31
const N = 100_000;

function cases(n: number): [string, Block, WorkflowRequest][] {
  const random = rng(9);
  const id = (i: number) => `C${String(i + 1).padStart(7, "0")}`;
  const source = (columns: number) => ({ sheet: "Data", row: 0, column: 0, rows: n + 1, columns });
  return [
    [
      "RFM (customers: 5 columns + summary)",
      [["客户编号", "最近消费天数", "消费次数", "消费金额"], ...Array.from({ length: n }, (_, i) => [id(i), Math.floor(random() * 720), 1 + Math.floor(random() * 40), Math.round(random() * 5_000_000) / 100])],
      { workflow: "rfm", source: source(4), mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, options: { language: "zh", mode: "customers", bins: 5, scheme: "cn8", asOf: AS_OF } },
    ],
    [
      "customer value",
      [["客户", "年利润", "保留率"], ...Array.from({ length: n }, (_, i) => [id(i), Math.round(random() * 1_000_000) / 100, Math.round(random() * 100) / 100])],
      { workflow: "value", source: source(3), mapping: { customer: 0, margin: 1, retention: 2 }, options: { language: "zh", rate: 0.1, periods: 5 } },
    ],
    [
      "receivables aging (20,000 customers)",
      [["客户", "到期日", "未付金额", "信用额度"], ...Array.from({ length: n }, (_, i) => [id(i % 20_000), AS_OF - 120 + Math.floor(random() * 180), Math.round(random() * 500_000) / 100, 10_000])],
      { workflow: "aging", source: source(4), mapping: { customer: 0, dueDate: 1, openAmount: 2, creditLimit: 3 }, options: { language: "zh", asOf: AS_OF } },
    ],
    [
      "credit review",
      [["客户", "品格", "能力", "资本", "抵押", "条件", "净资产"], ...Array.from({ length: n }, (_, i) => [id(i), ...Array.from({ length: 5 }, () => 1 + Math.floor(random() * 5)), Math.round(random() * 1e8) / 100])],
      { workflow: "credit", source: source(7), mapping: { customer: 0, character: 1, capacity: 2, capital: 3, collateral: 4, conditions: 5, basis: 6 }, options: { language: "zh" } },
    ],
  ];
}

interface Stretch {
  ms: number;
  phase: Phase | "start";
}

async function measure(wb: MemoryWorkbook, request: WorkflowRequest): Promise<{ ms: number; longest: Stretch; byPhase: Map<string, number> }> {
  (globalThis as { gc?: () => void }).gc?.();
  let phase: Phase | "start" = "start";
  const byPhase = new Map<string, number>();
  let longest: Stretch = { ms: 0, phase };
  let stop = false;
  const t0 = performance.now();
  let last = t0;
  const tick = () => {
    const now = performance.now();
    const gap = now - last;
    if (gap > longest.ms) longest = { ms: gap, phase };
    byPhase.set(phase, Math.max(byPhase.get(phase) ?? 0, gap));
    last = now;
    if (!stop) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await createEngine(wb, () => AS_OF).run(request, { onProgress: (p) => (phase = p.phase) });
  const ms = performance.now() - t0;
  stop = true;
  if (result.status !== "done") throw new Error(`run ended with ${result.status}`);
  return { ms, longest, byPhase };
}

async function main(): Promise<void> {
  console.log(`longest stretch without an event-loop turn during a run on ${N.toLocaleString("en")} rows in memory (the phase named is the last one reported before the stretch ended)`);
  for (const [label, rows, request] of cases(N)) {
    const wb = MemoryWorkbook.fromSheets({ Data: rows });
    const { ms, longest, byPhase } = await measure(wb, request);
    const phases = (["read", "validate", "compute", "write", "summary"] as const).filter((p) => byPhase.has(p)).map((p) => `${p} ${Math.round(byPhase.get(p)!)}`);
    console.log(`memory, ${label}: run ${ms.toFixed(0)} ms, longest stretch ${longest.ms.toFixed(0)} ms (in ${longest.phase}); longest per phase (ms): ${phases.join(", ")}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/** A "Data" sheet of n customers (RFM's Chinese headers) and the RFM request over it, for tests of the offload paths. */
import type { Block } from "../../src/workbook/types";
import type { WorkflowRequest } from "../../src/workflows/types";

export const RFM_AS_OF = 45_657;

export function customers(n: number): Block {
  return [["客户编号", "最近消费天数", "消费次数", "消费金额"], ...Array.from({ length: n }, (_, i) => [`C${i + 1}`, (i * 37) % 700, 1 + ((i * 13) % 40), ((i * 7919) % 500_000) / 100])];
}

export const rfm = (n: number): WorkflowRequest => ({
  workflow: "rfm",
  source: { sheet: "Data", row: 0, column: 0, rows: n + 1, columns: 4 },
  mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 },
  options: { language: "zh", mode: "customers", bins: 5, scheme: "cn8", asOf: RFM_AS_OF },
});

/**
 * The offload protocol and its two runners: large arrays cross as parts and come back whole; the
 * worker runner (over a MessageChannel standing in for a Worker, with the worker's own serve())
 * gives exactly what the inline runner gives for planning (the preview's kept workbook has its own
 * tests, remote-workbook.test.ts); a limit's error
 * keeps its class and verdict; a cancel rejects at once and terminates that worker only; a worker
 * that cannot start leaves the tasks to run inline. A transactions file (a Blob, CSV or Parquet)
 * read for its customers gives CRM.RFMTABLE's table either way, a bad row its message.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import { AbortedError, type Block } from "../workbook/types";
import { PreviewLimitError } from "../workbook/upload-limits";
import { createEngine } from "../workflows/engine";
import { yieldToEventLoop } from "../workbook/slices";
import { CHUNK, type FromWorker, PARTS_AHEAD, PartCollector, type ToWorker, pack, partsOf } from "./protocol";
import { type TaskRunner, WorkerRunner, type WorkerLike, inlineRunner, plannerOf } from "./runner";
import { serve, type WorkerScope } from "./serve";
import { customers, rfm, RFM_AS_OF } from "../../test/support/rfm-customers";
import { channelWorker, runnersUnderTest } from "../../test/support/channel-worker";
import { openBook } from "./books";
import { columnsOf, csvOf, parquetOf, strideTransactions } from "../../test/support/transaction-files";
import { rfmTable } from "../core/rfm-table";
import { aggregateTransactionsFile } from "../io/transactions-file";

jest.setTimeout(60_000);

const SAMPLES = path.join(__dirname, "../../assets/samples");
const AS_OF = RFM_AS_OF;

async function everyCell(wb: MemoryWorkbook): Promise<Record<string, Block>> {
  const out: Record<string, Block> = {};
  for (const s of await wb.listSheets()) out[s.name] = s.used ? await wb.read(s.used) : [];
  return out;
}

describe("pack and parts", () => {
  test("a value with arrays past the chunk size comes back equal from its parts, each part at most a chunk", () => {
    const value = { rows: Array.from({ length: 2_500 }, (_, i) => [i, `r${i}`]), nested: [{ ids: Array.from({ length: 1_001 }, (_, i) => i) }], small: [1, 2], typed: new Float64Array([1.5, 2]) };
    const { value: packed, arrays } = pack(value);
    expect(arrays).toHaveLength(2);
    expect(JSON.stringify(packed).length).toBeLessThan(300);
    const collector = new PartCollector();
    const parts = [...partsOf(arrays)];
    const sizes = (n: number) => [...Array.from({ length: Math.floor(n / CHUNK) }, () => CHUNK), ...(n % CHUNK ? [n % CHUNK] : [])];
    expect(parts.map((p) => p.items.length)).toEqual([...sizes(2_500), ...sizes(1_001)]);
    for (const p of parts) collector.add(p.chunk, structuredClone(p.items));
    expect(collector.unpack(packed)).toEqual(value);
  });

  test("a key named __proto__ (text a person typed) stays a key, and no prototype is set", () => {
    const value = { ["__proto__"]: [1, 2, 3], sheet: { ["__proto__"]: "x" } };
    // A computed key makes an own property "__proto__", as JSON.parse and structured cloning do.
    const { value: packed, arrays } = pack(value, 2);
    const collector = new PartCollector();
    for (const p of partsOf(arrays, 2)) collector.add(p.chunk, p.items);
    const back = collector.unpack(structuredClone(packed)) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(["__proto__", "sheet"]);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual([1, 2, 3]);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  test("property: any JSON value survives pack → parts → unpack", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 4 }), (value, chunk) => {
        const { value: packed, arrays } = pack(value, chunk);
        const collector = new PartCollector();
        for (const p of partsOf(arrays, chunk)) collector.add(p.chunk, p.items);
        expect(collector.unpack(packed)).toEqual(value);
      }),
    );
  });
});

describe.each(runnersUnderTest("worker", (spawn) => new WorkerRunner(spawn)))("%s runner", (_where, make) => {
  test("a file past a limit is refused with the limit's own error and verdict", async () => {
    const { runner } = make();
    const bytes = fs.readFileSync(path.join(SAMPLES, "customers.xlsx"));
    const error = await runner.run("bookOpen", { bytes: new Uint8Array(bytes).buffer, limits: { cells: 10 } }).catch((e) => e);
    expect(error).toBeInstanceOf(PreviewLimitError);
    expect((error as PreviewLimitError).verdict.reason).toBe("cells");
    expect((error as PreviewLimitError).verdict.zh).toMatch(/个单元格/);
  });

  test("an RFM run planned by the runner writes exactly what the page's own planner writes", async () => {
    const { runner } = make();
    const n = 2_345; // past CHUNK: the ids, the written columns and the row models cross as parts
    const ours = MemoryWorkbook.fromSheets({ Data: customers(n) });
    const theirs = MemoryWorkbook.fromSheets({ Data: customers(n) });
    const a = await createEngine(ours, () => AS_OF, plannerOf(runner)).run(rfm(n));
    const b = await createEngine(theirs, () => AS_OF).run(rfm(n));
    expect(a.status).toBe("done");
    expect({ ...a, elapsedMs: 0 }).toEqual({ ...b, elapsedMs: 0 });
    expect(await everyCell(ours)).toEqual(await everyCell(theirs));

  });

  test("a workflow error raised in the plan keeps its class and message", async () => {
    const { runner } = make();
    const wb = MemoryWorkbook.fromSheets({ Data: customers(1) });
    const result = createEngine(wb, () => AS_OF, plannerOf(runner)).run(rfm(1));
    await expect(result).rejects.toMatchObject({ name: "WorkflowError", message: expect.stringMatching(/无法计算 \/ Cannot compute/) });
  });

  test("a cancelled task rejects as an abort", async () => {
    const { runner, log } = make();
    const controller = new AbortController();
    const bytes = fs.readFileSync(path.join(SAMPLES, "cdnow.xlsx"));
    const pending = runner.run("bookOpen", { bytes: new Uint8Array(bytes).buffer }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    if (runner.where === "worker") expect(log.terminated).toBe(1);
  });
});

/** Transactions past CHUNK customers (the ids cross as parts), with Chinese ids and a header RFM's field names know. */
function transactions(n: number) {
  const t = strideTransactions(n, { customers: 2_500, zhEvery: 7, days: 600 });
  const csv = new Blob([csvOf(columnsOf(t, ["客户编号", "订单日期", "金额"]))]);
  const parquet = new Blob([parquetOf(columnsOf(t, ["Customer ID", "Order date", "Amount"]), 2_000)]);
  return { ...t, csv, parquet };
}

describe.each<[string, () => TaskRunner]>([
  ["inline", () => inlineRunner],
  ["worker", () => new WorkerRunner(() => channelWorker({ spawned: 0, terminated: 0 }))],
])("fileCustomers, %s runner", (_where, make) => {
  const n = 9_000;
  const data = transactions(n);
  const want = rfmTable(data.ids, data.dates, data.amounts, AS_OF);

  test.each(["csv", "parquet"] as const)("a %s Blob gives RFMTABLE's customers, as aggregateTransactionsFile reads it directly, with progress", async (kind) => {
    const file = data[kind];
    const seen: { rows?: number; customers?: number }[] = [];
    const got = await make().run("fileCustomers", { file, asOf: AS_OF }, { onProgress: (p) => p.phase === "readFile" && seen.push(p) });
    if (got.status !== "done") throw new Error(JSON.stringify(got));
    expect(got.kind).toBe(kind);
    expect(got.rows).toBe(n);
    expect(got.table).toEqual(want);
    const direct = await aggregateTransactionsFile(file, { asOf: AS_OF, columns: got.columns });
    expect(got.table.ids).toEqual(direct.ids);
    expect(got.table.monetary).toEqual(direct.monetary);
    expect(seen.length).toBeGreaterThan(kind === "parquet" ? 3 : 0);
    expect(seen.at(-1)).toMatchObject({ rows: n, customers: want.ids.length });
  });

  test("the first bad row comes back as its message naming the row and the line; missing columns as the fields", async () => {
    const bad = new Blob(["customer,date,amount\nA,2024-01-02,5\nB,2024-13-40,6\n"]);
    const got = await make().run("fileCustomers", { file: bad, asOf: AS_OF });
    expect(got).toMatchObject({ status: "invalid", message: expect.stringMatching(/dates row 2.*line 3 of the file/) });
    const unmapped = await make().run("fileCustomers", { file: new Blob(["who,when\nA,2024-01-02\n"]), asOf: AS_OF });
    expect(unmapped).toMatchObject({ status: "unmapped", missing: expect.arrayContaining(["amount"]), headers: ["who", "when"] });
  });

  test("columns the person picked stand for the fields the headers did not name; a header the file lacks picks nothing", async () => {
    const file = new Blob(["who,when,paid\nA,2024-01-02,5\nB,2024-02-01,6.5\nA,2024-03-01,1\n"]);
    const got = await make().run("fileCustomers", { file, asOf: AS_OF, columns: { customer: "who", date: "when", amount: "paid" } });
    if (got.status !== "done") throw new Error(JSON.stringify(got));
    expect(got.table).toEqual(rfmTable(["A", "B", "A"], ["2024-01-02", "2024-02-01", "2024-03-01"], [5, 6.5, 1], AS_OF));
    const partly = await make().run("fileCustomers", { file, asOf: AS_OF, columns: { customer: "who", date: "nosuch" } });
    // What was found or picked comes back by header, for the pane's picker to start from.
    expect(partly).toMatchObject({ status: "unmapped", missing: expect.arrayContaining(["date", "amount"]), mapping: { customer: "who" } });
    // A column serves one field: picking it for another takes it off the first, as crm --map does.
    const moved = await make().run("fileCustomers", { file, asOf: AS_OF, columns: { customer: "who", date: "who" } });
    expect(moved).toMatchObject({ status: "unmapped", mapping: { date: "who" } });
    expect((moved as { mapping: object }).mapping).not.toHaveProperty("customer");
  });

  test("a cancel while the file is read rejects as an abort", async () => {
    const controller = new AbortController();
    const pending = make().run("fileCustomers", { file: data.parquet, asOf: AS_OF }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

test("the worker sends its answer's parts at most PARTS_AHEAD ahead of the page's acknowledgements, each at most CHUNK items", async () => {
  const sent: FromWorker[] = [];
  let deliver: (m: ToWorker) => void = () => undefined;
  serve({ postMessage: (m) => sent.push(m), addEventListener: (_type: string, l: (e: MessageEvent<ToWorker>) => void) => (deliver = (m) => l({ data: m } as MessageEvent<ToWorker>)) } as WorkerScope);
  const wb = MemoryWorkbook.fromSheets({ Data: customers(3_000) });
  // A workbook kept where serve() runs (this realm), then 3,001 of its rows read back.
  const { id } = await openBook((await wb.toXlsx()).slice().buffer, undefined, { progress: () => undefined });
  const range = { sheet: "Data", row: 0, column: 0, rows: 3_001, columns: 4 };
  deliver({ type: "request", id: 7, task: "bookCall", input: { id, method: "read", args: [range] } });
  const parts = () => sent.filter((m) => m.type === "part");
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 5));
  };
  await settle();
  // Unacknowledged, the worker waits after PARTS_AHEAD parts (a flood would queue ahead of the page's timers).
  expect(parts()).toHaveLength(PARTS_AHEAD);
  deliver({ type: "ack", id: 7 });
  await settle();
  expect(parts()).toHaveLength(PARTS_AHEAD + 1);
  while (!sent.some((m) => m.type === "result")) {
    deliver({ type: "ack", id: 7 });
    await new Promise((r) => setTimeout(r, 0));
  }
  expect(parts().length).toBeGreaterThan(3_000 / CHUNK);
  for (const p of parts()) expect((p as { items: unknown[] }).items.length).toBeLessThanOrEqual(CHUNK);
});

test("slices yield with scheduler.postTask where there is one, never scheduler.yield (whose continuations run ahead of the page's timers)", async () => {
  const scheduler = { yield: jest.fn(() => Promise.resolve()), postTask: jest.fn((task: () => void) => Promise.resolve(task())) };
  (globalThis as { scheduler?: unknown }).scheduler = scheduler;
  try {
    await yieldToEventLoop();
    expect(scheduler.postTask).toHaveBeenCalledWith(expect.any(Function), { priority: "user-visible" });
    expect(scheduler.yield).not.toHaveBeenCalled();
  } finally {
    delete (globalThis as { scheduler?: unknown }).scheduler;
  }
});

test("the worker runner terminates only the cancelled task's worker and starts a fresh one for the next task", async () => {
  const log = { spawned: 0, terminated: 0 };
  const runner = new WorkerRunner(() => channelWorker(log));
  const bytes = () => new Uint8Array(fs.readFileSync(path.join(SAMPLES, "customers.xlsx"))).buffer;
  await runner.run("bookOpen", { bytes: bytes() });
  expect(log).toEqual({ spawned: 1, terminated: 0 });
  const controller = new AbortController();
  await expect(runner.run("bookOpen", { bytes: bytes() }, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toBeInstanceOf(AbortedError);
  expect(log).toEqual({ spawned: 1, terminated: 1 });
  await runner.run("bookOpen", { bytes: bytes() });
  expect(log).toEqual({ spawned: 2, terminated: 1 });
});

test("a worker that fails to start leaves the task, and every later one, to run inline", async () => {
  let spawned = 0;
  const failing = (): WorkerLike => {
    spawned++;
    let onError: ((e: Event) => void) | undefined;
    return {
      postMessage: () => setTimeout(() => onError?.({ message: "script 404" } as unknown as Event), 0),
      addEventListener: (type: string, l: (e: Event) => void) => {
        if (type === "error") onError = l;
      },
      removeEventListener: () => undefined,
      terminate: () => undefined,
    } as unknown as WorkerLike;
  };
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const runner = new WorkerRunner(failing);
  const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, "customers.xlsx"))).buffer;
  const { meta } = await runner.run("bookOpen", { bytes });
  expect(meta.sheets.length).toBeGreaterThan(0);
  await runner.run("bookOpen", { bytes });
  expect(spawned).toBe(1);
  expect(warn).toHaveBeenCalledWith(expect.stringMatching(/script 404: running inline/));
  warn.mockRestore();
});

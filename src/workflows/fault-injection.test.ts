/**
 * Issue 11 item 3: a run either completes or leaves the workbook exactly as it found it. Every
 * workflow, on both ports (the memory workbook and Excel over the counting fake), first run and
 * rerun: an error injected at each write step of the port (addSheet, write, clear, deleteSheet,
 * formatAll, addCharts, setSheetSettings), and a cancel at each step. After each, the workbook's
 * full snapshot (visible sheets in order, every cell, charts, every sheet's settings) is either
 * the snapshot of a clean run or the one from before the run.
 */
import { ExcelWorkbook } from "../workbook/excel-workbook";
import { FakeExcel } from "../../test/support/fake-excel";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import type { Block, Json, WorkbookPort } from "../workbook/types";
import { createEngine } from "./engine";
import type { WorkflowRequest } from "./types";

const AS_OF = 45_000;
const WRITE_STEPS = ["addSheet", "write", "clear", "deleteSheet", "formatAll", "addCharts", "setSheetSettings"] as const;
type Step = (typeof WRITE_STEPS)[number];

const CASES: { name: string; data: Block; request: WorkflowRequest }[] = [
  {
    name: "rfm (customers)",
    data: [["客户编号", "最近消费天数", "消费次数", "消费金额"], ["C1", 10, 5, 500], ["C2", 40, 2, 100], ["C3", 5, 9, 900], ["C4", 90, 1, 20], ["C5", 40, 2, 300]],
    request: { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows: 6, columns: 4 }, mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, options: { language: "zh", mode: "customers" } },
  },
  {
    name: "rfm (transactions)",
    data: [["客户", "日期", "金额"], ["a", 44990, 10], ["b", 44991, 20], ["a", 44995, 5], ["c", 44992, 7], ["b", 44999, 9]],
    request: { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows: 6, columns: 3 }, mapping: { customer: 0, date: 1, amount: 2 }, options: { language: "en", mode: "transactions", asOf: AS_OF } },
  },
  {
    name: "value",
    data: [["客户", "每期利润", "保留率"], ["A", 100, 0.8], ["B", 50, 0.7], ["C", 300, 0.9], ["D", 10, 0.5]],
    request: { workflow: "value", source: { sheet: "Data", row: 0, column: 0, rows: 5, columns: 3 }, mapping: { customer: 0, margin: 1, retention: 2 }, options: { language: "zh" } },
  },
  {
    name: "aging",
    data: [["客户", "到期日", "未付金额", "信用额度"], ["A", 44900, 100, 1000], ["B", 44990, 50, 100], ["A", 44800, 30, 1000], ["C", 45010, 80, 500]],
    request: { workflow: "aging", source: { sheet: "Data", row: 0, column: 0, rows: 5, columns: 4 }, mapping: { customer: 0, dueDate: 1, openAmount: 2, creditLimit: 3 }, options: { language: "zh", asOf: AS_OF } },
  },
  {
    name: "credit",
    data: [["客户", "品格", "能力", "资本", "抵押", "条件", "基数"], ["A", 5, 4, 4, 3, 5, 100000], ["B", 2, 3, 2, 1, 3, 50000], ["C", 4, 4, 5, 4, 4, 80000]],
    request: { workflow: "credit", source: { sheet: "Data", row: 0, column: 0, rows: 4, columns: 7 }, mapping: { customer: 0, character: 1, capacity: 2, capital: 3, collateral: 4, conditions: 5, basis: 6 }, options: { language: "en" } },
  },
];

const PORTS: [string, (sheets: Record<string, Block>) => WorkbookPort][] = [
  ["memory", (sheets) => MemoryWorkbook.fromSheets(sheets)],
  ["excel (fake)", (sheets) => new ExcelWorkbook(new FakeExcel(sheets).run)],
];

/**
 * What a person (or a later run) can see of the workbook; writing times are not compared, and a
 * mark's sheet id as the sheet it names now ("no sheet" when none has it): the ids themselves
 * differ from run to run, the sheet a mark points at must not.
 */
async function snapshot(port: WorkbookPort): Promise<Json> {
  const sheets: Json[] = [];
  const listed = await port.listSheets();
  const sheetOfId = (id: unknown) => listed.find((s) => s.id === id)?.name ?? "no sheet";
  for (const s of listed) {
    const used = await port.usedRange(s.name);
    const cells = used ? await port.read({ sheet: s.name, row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns }) : [];
    const charts = (await port.listCharts(s.name)).map((c) => ({ kind: c.kind, title: c.title, source: { ...c.source } }));
    const settings = JSON.parse(JSON.stringify(await port.getSheetSettings(s.name), (k, v) => (k === "writtenAt" ? undefined : k === "sheetId" ? `id of ${sheetOfId(v)}` : v)));
    sheets.push({ name: s.name, cells, charts, settings } as unknown as Json);
  }
  return sheets;
}

type Fault = { kind: "error" | "cancel"; at: number };

/** The port with its write steps counted; the `at`-th step fails (or the run is cancelled as it starts). */
function faulty(port: WorkbookPort, fault: Fault | undefined, controller: AbortController): { port: WorkbookPort; steps: Step[] } {
  const steps: Step[] = [];
  const wrapped = new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (!(WRITE_STEPS as readonly string[]).includes(prop as string)) return value.bind(target);
      return async (...args: unknown[]) => {
        const index = steps.push(prop as Step) - 1;
        if (fault && index === fault.at) {
          if (fault.kind === "error") throw new Error(`injected failure at ${String(prop)} (step ${index})`);
          controller.abort();
        }
        return value.apply(target, args);
      };
    },
  });
  return { port: wrapped, steps };
}

describe.each(PORTS)("fault injection on %s", (_portName, makePort) => {
  describe.each(CASES)("$name", ({ data, request }) => {
    /** A workbook as the person has it before the run (after one clean run for a rerun). */
    async function prepared(rerun: boolean): Promise<WorkbookPort> {
      const port = makePort({ Data: data });
      if (rerun) expect((await createEngine(port, () => AS_OF).run(request)).status).toBe("done");
      return port;
    }

    for (const rerun of [false, true]) {
      test(`${rerun ? "rerun" : "first run"}: an error or a cancel at every write step leaves the workbook complete or as it was`, async () => {
        // The clean run: its steps and the complete result.
        const clean = await prepared(rerun);
        const counted = faulty(clean, undefined, new AbortController());
        expect((await createEngine(counted.port, () => AS_OF).run(request)).status).toBe("done");
        const complete = await snapshot(clean);
        const steps = counted.steps;
        expect(steps.length).toBeGreaterThan(2);
        if (rerun) expect(steps).toContain("deleteSheet");

        for (const kind of ["error", "cancel"] as const) {
          for (let at = 0; at < steps.length; at++) {
            const port = await prepared(rerun);
            const before = await snapshot(port);
            const controller = new AbortController();
            const f = faulty(port, { kind, at }, controller);
            const where = `${kind} at step ${at} (${steps[at]})`;
            let outcome: string;
            try {
              outcome = (await createEngine(f.port, () => AS_OF).run(request, { signal: controller.signal })).status;
            } catch (e) {
              outcome = (e as Error).name;
            }
            const after = await snapshot(port);
            if (outcome === "done") expect({ where, after }).toEqual({ where, after: complete });
            else expect({ where, after }).toEqual({ where, after: before });
            if (kind === "error") expect({ where, outcome }).toEqual({ where, outcome: "Error" });
            // And the next clean run completes as a clean run does (no second copy beside leftovers).
            expect((await createEngine(port, () => AS_OF).run(request)).status).toBe("done");
            expect({ where, next: await snapshot(port) }).toEqual({ where, next: complete });
          }
        }
      }, 120_000);
    }
  });
});

describe.each(PORTS)("output found by the add-in's own marks (%s)", (_portName, makePort) => {
  test("a row inserted inside the table: replace leaves no old row of results behind", async () => {
    const { data, request } = CASES[0];
    const port = makePort({ Data: data });
    const engine = createEngine(port, () => AS_OF);
    expect((await engine.run(request)).status).toBe("done");
    // What Excel does on inserting a sheet row at row 3: everything from there moves down one.
    const used = (await port.usedRange("Data"))!;
    const width = used.column + used.columns;
    const below = await port.read({ sheet: "Data", row: 2, column: 0, rows: used.rows - 2, columns: width });
    await port.write("Data", 3, 0, below);
    await port.write("Data", 2, 0, [["C9", 20, 3, 400, ...new Array(width - 4).fill(null)]]);
    const grown = { ...request, source: { ...request.source, rows: request.source.rows + 1 } } as WorkflowRequest;
    const asked = await engine.run(grown);
    expect(asked.status).toBe("confirmReplace");
    expect((await engine.run({ ...grown, options: { ...grown.options, replaceEdited: true } } as WorkflowRequest)).status).toBe("done");
    // The output is the table's height again: nothing below it, and no second set of columns.
    const after = (await port.usedRange("Data"))!;
    expect(after.rows).toBe(grown.source.rows);
    expect(after.column + after.columns).toBe(width);
  });
});

describe.each(PORTS)("a person's sheet with an old output's name is theirs (%s)", (_portName, makePort) => {
  const { data, request } = CASES[0];
  const replace = { ...request, options: { ...request.options, replaceEdited: true } } as WorkflowRequest;
  const theirs: Block = [["我的笔记", "金额"], ["拜访 C1", 1200], ["拜访 C3", 80.5]];

  async function ranOnce() {
    const port = makePort({ Data: data });
    const engine = createEngine(port, () => AS_OF);
    expect((await engine.run(request)).status).toBe("done");
    return { port, engine };
  }

  test("summary deleted, the person makes their own sheet of that name: a rerun with replace leaves it alone and writes the summary beside", async () => {
    const { port, engine } = await ranOnce();
    const summary = await cellsOf(port, "RFM汇总");
    await port.deleteSheet("RFM汇总");
    expect((await port.addSheet("RFM汇总")).name).toBe("RFM汇总");
    await port.write("RFM汇总", 0, 0, theirs);
    expect(await engine.editedOutputs(request)).toEqual([]);
    const again = await engine.run(replace);
    expect(again.status).toBe("done");
    if (again.status !== "done") return;
    expect(again.replaced.map((r) => r.kind)).toEqual(["columns"]);
    expect(again.summarySheet).toBe("RFM汇总 (2)");
    expect(await cellsOf(port, "RFM汇总")).toEqual(theirs);
    expect(await cellsOf(port, "RFM汇总 (2)")).toEqual(summary);
    // And the next rerun replaces its own summary, still not theirs.
    const third = await engine.run(request);
    expect(third.status === "done" && third.replaced.map((r) => [r.kind, r.sheet])).toEqual([
      ["columns", "Data"],
      ["sheet", "RFM汇总 (2)"],
    ]);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Data", "RFM汇总", "RFM汇总 (2)"]);
    expect(await cellsOf(port, "RFM汇总")).toEqual(theirs);
  });

  /** The settings as a version before sheet ids wrote them. */
  async function withoutIds(port: WorkbookPort): Promise<void> {
    const settings = JSON.parse(JSON.stringify(await port.getSheetSettings("Data"), (k, v) => (k === "sheetId" ? undefined : v)));
    await port.setSheetSettings("Data", settings);
  }

  test("a mark written before ids: its sheet is found by name while it holds exactly what was written", async () => {
    const { port, engine } = await ranOnce();
    await withoutIds(port);
    const again = await engine.run(request);
    expect(again.status === "done" && again.replaced.map((r) => [r.kind, r.sheet])).toEqual([
      ["columns", "Data"],
      ["sheet", "RFM汇总"],
    ]);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Data", "RFM汇总"]);
  });

  test("a mark written before ids whose sheet of that name holds other cells: not offered, not deleted, the summary goes beside", async () => {
    const { port, engine } = await ranOnce();
    await withoutIds(port);
    await port.deleteSheet("RFM汇总");
    await port.addSheet("RFM汇总");
    await port.write("RFM汇总", 0, 0, theirs);
    expect(await engine.editedOutputs(request)).toEqual([]);
    const again = await engine.run(replace);
    expect(again.status === "done" && again.summarySheet).toBe("RFM汇总 (2)");
    expect(await cellsOf(port, "RFM汇总")).toEqual(theirs);
  });
});

async function cellsOf(port: WorkbookPort, sheet: string): Promise<Block> {
  const used = await port.usedRange(sheet);
  return used ? port.read({ sheet, row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns }) : [];
}

/**
 * The engine's safety rules: validation before writing, skipping bad rows visibly, never
 * overwriting the person's cells, rerun replacing only own output (asking when edited),
 * remembered mappings, progress and cancellation.
 */
import fc from "fast-check";
import { ExcelWorkbook } from "../workbook/excel-workbook";
import { MemoryWorkbook } from "../workbook/memory-workbook";
import type { WorkbookPort } from "../workbook/types";
import { FakeExcel } from "../../test/support/fake-excel";
import { createEngine } from "./engine";
import { AS_OF, CUSTOMERS as DATA, book, cells, done } from "../../test/support/workflows";
import type { RunProgress, WorkflowRequest } from "./types";


const RFM: WorkflowRequest = {
  workflow: "rfm",
  source: { sheet: "Data", row: 0, column: 0, rows: 6, columns: 4 },
  mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 },
  options: { language: "zh", mode: "customers" },
};

function withOptions(extra: Record<string, unknown>): WorkflowRequest {
  return { ...RFM, options: { ...RFM.options, ...extra } } as WorkflowRequest;
}

describe("validation before writing", () => {
  const BAD = [DATA[0], ["C1", 10, 5, 500], [null, 40, 2, 100], ["C3", "five", 9, 900], ["C4", 90, -1, 20], ["C1", 40, 2, 300], ["C6", 3, 3, "=3"]];
  const request = { ...RFM, source: { ...RFM.source, rows: 7 } };

  test("problems with row numbers, columns and kinds; nothing is written", async () => {
    const { wb, engine } = book({ Data: BAD });
    const report = await engine.validate(request);
    expect(report.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [3, "A", "blank"],
      [4, "B", "notNumber"],
      [5, "C", "negative"],
      [6, "A", "duplicateId"],
      [7, "D", "notNumber"],
    ]);
    expect(report.problems[3].message).toBe("客户编号 \"C1\" 重复（第 2 行已出现）");
    expect(report.counts).toEqual({ blank: 1, notNumber: 2, negative: 1, duplicateId: 1 });
    expect(report.badRows).toEqual([3, 4, 5, 6, 7]);
    const result = await engine.run(request);
    expect(result.status).toBe("invalid");
    expect(await cells(wb, "Data")).toEqual(BAD);
    expect(wb.sheetNames()).toEqual(["Data"]);
  });

  test("when skipping leaves too little to compute, the run stops with core's reason", async () => {
    const { wb, engine } = book({ Data: BAD });
    // Only C1 is left: one customer cannot be ranked, and the run says so instead of writing.
    await expect(engine.run({ ...request, options: { ...request.options, skipBadRows: true } } as WorkflowRequest)).rejects.toThrow(/Cannot compute: a single customer cannot be ranked/);
    expect(wb.sheetNames()).toEqual(["Data"]);
  });
});

describe("validation before writing (population of two)", () => {
  test("skipped rows get blank output cells; the summary lists them", async () => {
    const rows = [DATA[0], ["C1", 10, 5, 500], ["C2", "x", 2, 100], ["C3", 5, 9, 900]];
    const { wb, engine } = book({ Data: rows });
    const result = await done(engine, { ...RFM, source: { ...RFM.source, rows: 4 }, options: { ...RFM.options, skipBadRows: true } } as WorkflowRequest);
    expect(result.rowsWritten).toBe(2);
    const out = await wb.read({ sheet: "Data", row: 1, column: 4, rows: 3, columns: 5 });
    expect(out[1]).toEqual([null, null, null, null, null]);
    expect(out[0][4]).toBeTruthy();
    const summary = await cells(wb, "RFM汇总");
    expect(summary.find((r) => r[0] === "跳过的行")?.[1]).toBe("1: 3");
  });
});

describe("nothing of the person's is overwritten", () => {
  test("cells right of the source are occupied: the output goes right of everything used", async () => {
    const rows = DATA.map((r, i) => [...r, null, i === 2 ? "note" : null]);
    const { wb, engine } = book({ Data: rows });
    const result = await done(engine, RFM);
    expect(result.outputs[0].range).toEqual({ sheet: "Data", row: 0, column: 6, rows: 6, columns: 5 });
    expect((await wb.read({ sheet: "Data", row: 2, column: 5, rows: 1, columns: 1 }))[0][0]).toBe("note");
    expect((await wb.read({ sheet: "Data", row: 0, column: 6, rows: 1, columns: 1 }))[0][0]).toBe("RFM·R");
  });

  test("a sheet with the summary's name gets a new name, not replaced", async () => {
    const { wb, engine } = book({ Data: DATA, RFM汇总: [["mine"]] });
    const result = await done(engine, RFM);
    expect(result.summarySheet).toBe("RFM汇总 (2)");
    expect(await cells(wb, "RFM汇总")).toEqual([["mine"]]);
  });
});

describe("running again", () => {
  test("replaces only the add-in's own columns and sheets", async () => {
    const { wb, engine } = book({ Data: DATA });
    await done(engine, RFM);
    const first = await cells(wb, "Data");
    const again = await done(engine, withOptions({ language: "en" }));
    expect(again.replaced.map((r) => [r.kind, r.sheet])).toEqual([
      ["columns", "Data"],
      ["sheet", "RFM汇总"],
    ]);
    expect(wb.sheetNames()).toEqual(["Data", "RFM summary"]);
    const second = await cells(wb, "Data");
    expect(second[0].slice(4)).toEqual(["RFM·R", "RFM·F", "RFM·M", "RFM·Code", "RFM·Segment"]);
    expect(second.slice(1)).toEqual(first.slice(1).map((r) => [...r.slice(0, 8), r[8] === "重要价值客户" ? "Important value" : "General win-back"]));
  });

  test("asks before replacing output the person edited, then replaces it when told to", async () => {
    const { wb, engine } = book({ Data: DATA });
    await done(engine, RFM);
    await wb.write("Data", 3, 8, [["我的备注"]]);
    expect(await engine.editedOutputs(RFM)).toEqual([{ sheet: "Data", kind: "columns", headers: ["RFM·R", "RFM·F", "RFM·M", "RFM·代码", "RFM·细分"] }]);
    const asked = await engine.run(RFM);
    expect(asked).toEqual({ status: "confirmReplace", workflow: "rfm", edited: [{ sheet: "Data", kind: "columns", headers: ["RFM·R", "RFM·F", "RFM·M", "RFM·代码", "RFM·细分"] }] });
    expect((await wb.read({ sheet: "Data", row: 3, column: 8, rows: 1, columns: 1 }))[0][0]).toBe("我的备注");
    await done(engine, withOptions({ replaceEdited: true }));
    expect((await wb.read({ sheet: "Data", row: 3, column: 8, rows: 1, columns: 1 }))[0][0]).toBe("重要价值客户");
  });

  test("an edited summary sheet is reported too", async () => {
    const { wb, engine } = book({ Data: DATA });
    await done(engine, RFM);
    await wb.write("RFM汇总", 30, 0, [["added by me"]]);
    expect(await engine.editedOutputs(RFM)).toEqual([{ sheet: "RFM汇总", kind: "sheet", headers: [] }]);
  });

  test("output the person deleted or renamed away is left alone", async () => {
    const { wb, engine } = book({ Data: DATA });
    await done(engine, RFM);
    await wb.renameSheet("RFM汇总", "My copy");
    await wb.clear({ sheet: "Data", row: 0, column: 4, rows: 6, columns: 5 });
    const result = await done(engine, RFM);
    expect(result.replaced).toEqual([]);
    expect(wb.sheetNames()).toEqual(["Data", "My copy", "RFM汇总"]);
  });

  test("a renamed data sheet keeps its output: the rerun replaces the columns beside the data, adds none", async () => {
    const { wb, engine } = book({ Data: DATA });
    await done(engine, RFM);
    await wb.renameSheet("Data", "客户");
    const renamed = { ...RFM, source: { ...RFM.source, sheet: "客户" } };
    expect((await engine.describeSource({ sheet: "客户" }, "rfm")).remembered).toBe(true);
    const again = await done(engine, renamed);
    expect(again.replaced.map((r) => [r.kind, r.sheet, r.range.column])).toEqual([
      ["columns", "客户", 4],
      ["sheet", "RFM汇总", 0],
    ]);
    expect((await cells(wb, "客户"))[0]).toEqual(["客户编号", "最近消费天数", "消费次数", "消费金额", "RFM·R", "RFM·F", "RFM·M", "RFM·代码", "RFM·细分"]);
    expect(wb.sheetNames()).toEqual(["客户", "RFM汇总"]);
  });
});

describe("two tables on one sheet", () => {
  test("running on one table never replaces the other's output", async () => {
    const { wb, engine } = book({ Data: [...DATA, [], [], [], ...DATA] });
    const second = { ...RFM, source: { ...RFM.source, row: 9 } };
    await done(engine, RFM);
    await done(engine, second);
    expect(wb.sheetNames()).toEqual(["Data", "RFM汇总", "RFM汇总 (2)"]);
    const again = await done(engine, RFM);
    expect(again.replaced.map((r) => [r.sheet, r.range.row])).toEqual([
      ["Data", 0],
      ["RFM汇总", 0],
    ]);
    const all = await cells(wb, "Data");
    expect(all[0][8]).toBe("RFM·细分");
    expect(all[9][8]).toBe("RFM·细分");
    expect(all[10][8]).toBe("重要价值客户");
    expect(wb.sheetNames()).toEqual(["Data", "RFM汇总 (2)", "RFM汇总"]);
  });
});

describe("source and mapping", () => {
  test("describeSource guesses, trims the add-in's own columns and remembers the mapping per sheet", async () => {
    const { engine } = book({ Data: [["备注", "消费金额", "客户编号", "消费次数", "最近消费天数"], ["x", 1, "C1", 1, 1], ["y", 2, "C2", 2, 2]] });
    const info = await engine.describeSource("activeSheet", "rfm");
    expect(info.mapping).toEqual({ customer: 2, recency: 4, frequency: 3, monetary: 1 });
    expect(info.remembered).toBe(false);
    expect(info.mode).toBe("customers");
    // The person corrects nothing; after a run the table has own columns to its right.
    await done(engine, { workflow: "rfm", source: info.range, mapping: info.mapping, options: { language: "zh", mode: "customers" } });
    const again = await engine.describeSource("activeSheet", "rfm");
    expect(again.range.columns).toBe(5);
    expect(again.remembered).toBe(true);
    expect(again.mapping).toEqual(info.mapping);
    // A mapping changed by the person is remembered by header text.
    await engine.rememberMapping("Data", "rfm", { customer: 0, recency: 4, frequency: 3, monetary: 1 }, "customers");
    expect((await engine.describeSource("activeSheet", "rfm")).mapping).toEqual({ customer: 0, recency: 4, frequency: 3, monetary: 1 });
  });

  test("describeSource for a chosen RFM source mode: the mapping remembered for that mode, else the guess for it", async () => {
    const { engine } = book({ Data: [["客户编号", "交易日期", "金额"], ["C1", 44990, 10], ["C1", 44995, 20]] });
    const guessed = await engine.describeSource("activeSheet", "rfm");
    expect([guessed.mode, guessed.mapping]).toEqual(["transactions", { customer: 0, date: 1, amount: 2 }]);
    // "Rows are customers": the customers guess, not the transactions mapping.
    const asCustomers = await engine.describeSource("activeSheet", "rfm", { rfmMode: "customers" });
    expect([asCustomers.mode, asCustomers.mapping, asCustomers.remembered]).toEqual(["customers", { customer: 0, monetary: 2 }, false]);
    expect(asCustomers.guess.missing).toEqual(["frequency", "recency"]);
    // Remembered for customers, it is what that mode gets; the other mode still gets its guess.
    await engine.rememberMapping("Data", "rfm", { customer: 0, recency: 1, frequency: 2, monetary: 2 }, "customers");
    const again = await engine.describeSource("activeSheet", "rfm", { rfmMode: "customers" });
    expect([again.mode, again.mapping, again.remembered]).toEqual(["customers", { customer: 0, recency: 1, frequency: 2, monetary: 2 }, true]);
    const other = await engine.describeSource("activeSheet", "rfm", { rfmMode: "transactions" });
    expect([other.mode, other.mapping, other.remembered]).toEqual(["transactions", { customer: 0, date: 1, amount: 2 }, false]);
    // Without a mode: the remembered one.
    expect((await engine.describeSource("activeSheet", "rfm")).mode).toBe("customers");
  });

  test("a whole-column selection is cut to the rows that hold data", async () => {
    const { wb, engine } = book({ Data: DATA });
    wb.setSelection({ sheet: "Data", row: 0, column: 0, rows: 1_048_576, columns: 4 });
    const info = await engine.describeSource("selection", "rfm");
    expect(info.range).toEqual({ sheet: "Data", row: 0, column: 0, rows: 6, columns: 4 });
    expect(info.rowCount).toBe(5);
    expect(info.sample[0]).toEqual(["C1", 10, 5, 500]);
  });

  test("a required column left unmapped is refused before anything is read", async () => {
    const { engine } = book({ Data: DATA });
    await expect(engine.run({ ...RFM, mapping: { customer: 0, recency: 1 } })).rejects.toThrow(/消费次数.*Frequency/);
  });
});

describe("progress and cancellation", () => {
  test("progress rises to 1 through the phases", async () => {
    const { engine } = book({ Data: DATA });
    const seen: RunProgress[] = [];
    await engine.run(RFM, { onProgress: (p) => seen.push(p) });
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(["read", "validate", "compute", "write", "summary"]));
  });

  test("on a large sheet the page gets turns while the results are written and formatted, with progress in each phase", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => [`C${i}`, i % 97, 1 + (i % 13), (i * 7919) % 10_000]);
    const wb = MemoryWorkbook.fromSheets({ Data: [DATA[0], ...rows] }, { sliceMs: 0 });
    const engine = createEngine(wb, () => AS_OF);
    const seen: RunProgress[] = [];
    // A task the page queued while the formats were being applied (input, a paint) runs before they are all done.
    let queuedRan = -1;
    let queued = false;
    const result = await engine.run(
      { ...RFM, source: { ...RFM.source, rows: rows.length + 1 } },
      {
        onProgress: (p) => {
          seen.push(p);
          if (p.phase === "summary" && !queued) {
            queued = true;
            setTimeout(() => (queuedRan = seen.length), 0);
          }
        },
      },
    );
    expect(result.status).toBe("done");
    const summary = seen.filter((p) => p.phase === "summary");
    expect(summary.length).toBeGreaterThan(3);
    expect(seen.filter((p) => p.phase === "write").length).toBeGreaterThan(3);
    expect(queuedRan).toBeGreaterThan(0);
    expect(queuedRan).toBeLessThan(seen.length);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  test("cancelled while formatting: AbortError, and no output of the run is left", async () => {
    const wb = MemoryWorkbook.fromSheets({ Data: DATA }, { sliceMs: 0 });
    const engine = createEngine(wb, () => AS_OF);
    const controller = new AbortController();
    const run = engine.run(RFM, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "summary" && p.fraction < 1) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(await cells(wb, "Data")).toEqual(DATA);
    expect(wb.sheetNames()).toEqual(["Data"]);
  });

  test("cancelled while writing: AbortError, and no output of the run is left", async () => {
    const { wb, engine } = book({ Data: DATA });
    const controller = new AbortController();
    const run = engine.run(RFM, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === "write") controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(await cells(wb, "Data")).toEqual(DATA);
    expect(wb.sheetNames()).toEqual(["Data"]);
    // And a later run is not asked about output that no longer exists.
    expect((await engine.run(RFM)).status).toBe("done");
  });

  test("cancelled before starting: nothing is read or written", async () => {
    const { wb, engine } = book({ Data: DATA });
    const controller = new AbortController();
    controller.abort();
    await expect(engine.run(RFM, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(wb.sheetNames()).toEqual(["Data"]);
  });
});

describe("properties", () => {
  test("any cells in the source: validate and run never throw anything but a WorkflowError/CrmError, and never write NaN", async () => {
    const cell = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.string({ maxLength: 4 }), fc.boolean(), fc.constantFrom("2023-01-05", "=1+1", "C1"));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell, cell), { minLength: 1, maxLength: 12 }), async (rows) => {
        const { wb, engine } = book({ Data: [DATA[0], ...rows.map((r) => [...r])] });
        const request = { ...RFM, source: { ...RFM.source, rows: rows.length + 1 }, options: { ...RFM.options, skipBadRows: true, asOf: AS_OF } } as WorkflowRequest;
        try {
          const result = await engine.run(request);
          if (result.status === "done") {
            const out = await cells(wb, "Data");
            for (const r of out) for (const v of r) expect(typeof v === "number" ? Number.isFinite(v) : true).toBe(true);
          }
        } catch (e) {
          expect(["WorkflowError", "CrmError"]).toContain((e as Error).name);
        }
      }),
      { numRuns: 60 },
    );
  });

  test("row order does not change a customer's scores", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 500 })), { minLength: 2, maxLength: 15 }), fc.integer(), async (values, seed) => {
        const rows = values.map((v, i) => [`C${i}`, ...v]);
        const shuffled = [...rows].sort((a, b) => (((a[0] as string).length * 31 + seed) % 7) - (((b[0] as string).length * 17 + seed) % 5) || 0).reverse();
        const codes = async (body: (string | number)[][]) => {
          const { wb, engine } = book({ Data: [DATA[0], ...body] });
          await done(engine, { ...RFM, source: { ...RFM.source, rows: body.length + 1 } });
          const out = await wb.read({ sheet: "Data", row: 1, column: 0, rows: body.length, columns: 8 });
          return new Map(out.map((r) => [r[0], r[7]]));
        };
        expect(await codes(shuffled)).toEqual(await codes(rows));
      }),
      { numRuns: 25 },
    );
  });
});

describe("remove results", () => {
  test("takes the workflow's own columns and sheets off (memory and Excel over the fake), and nothing else", async () => {
    for (const kind of ["memory", "excel"] as const) {
      const sheets = { Data: DATA, Notes: [["mine"]] };
      const fake = new FakeExcel(sheets);
      const port: WorkbookPort = kind === "memory" ? book(sheets).wb : new ExcelWorkbook(fake.run);
      const engine = createEngine(port, () => AS_OF);
      const request: WorkflowRequest = { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows: 6, columns: 4 }, mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, options: { language: "en", mode: "customers" } };
      await done(engine, request);
      await done(engine, { ...request, workflow: "value", mapping: { customer: 0, value: 3 }, options: { language: "en" } });
      const before = (await port.listSheets()).map((s) => s.name);
      const removed = await engine.removeResults(request);
      expect(removed.map((r) => r.kind)).toEqual(["columns", "sheet"]);
      // RFM's five columns are gone; customer value's three columns beside them stay.
      const data = await cells(port, "Data");
      expect(data[0].slice(0, 4)).toEqual(DATA[0]);
      expect(data[0].slice(4, 9)).toEqual([null, null, null, null, null]);
      expect(data[0].slice(9)).toEqual(["CLV·ABC class", "CLV·Pyramid tier"]);
      expect(data.slice(1).map((r) => r.slice(0, 4))).toEqual(DATA.slice(1));
      expect((await port.listSheets()).map((s) => s.name)).toEqual(before.filter((n) => n !== "RFM summary"));
      expect(await cells(port, "Notes")).toEqual([["mine"]]);
      expect(await engine.removeResults(request)).toEqual([]);
    }
  });
});

describe("column widths", () => {
  test("columns beside the data are as wide as their longest header or label; Remove results puts the person's widths back (memory and Excel over the fake)", async () => {
    for (const kind of ["memory", "excel"] as const) {
      const sheets = { Data: DATA };
      const fake = new FakeExcel(sheets);
      const port: WorkbookPort = kind === "memory" ? book(sheets).wb : new ExcelWorkbook(fake.run);
      const engine = createEngine(port, () => AS_OF);
      // The person's own widths: B (their data) and E, H (where the output will go).
      const widen = (column: number, columnWidth: number) => ({ range: { sheet: "Data", row: 0, column, rows: 1, columns: 1 }, format: { columnWidth } });
      await port.formatAll([widen(1, 30), widen(4, 20), widen(7, 5)]);
      const before = await port.columnWidths("Data", 0, 10);
      const request: WorkflowRequest = { workflow: "rfm", source: { sheet: "Data", row: 0, column: 0, rows: 6, columns: 4 }, mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 }, options: { language: "zh", mode: "customers" } };
      await done(engine, request);
      const data = await cells(port, "Data");
      // E..I: R, F, M, RFM code, segment; the segment column holds 重要价值客户 (12 wide) and is 14 characters wide.
      expect(data.map((r) => r[8])).toContain("重要价值客户");
      const written = (await port.columnWidths("Data", 4, 5)).map((w) => Math.round(w! * 100) / 100);
      expect(written).toEqual([9, 9, 9, 10, 14]);
      // A rerun keeps the person's widths to put back, not the add-in's.
      await done(engine, request);
      await engine.removeResults(request);
      const after = (await port.columnWidths("Data", 0, 10)).map((w) => (w === null ? null : Math.round(w * 100) / 100));
      expect(after).toEqual(before.map((w) => (w === null ? null : Math.round(w * 100) / 100)));
      expect(after[1]).toBe(30);
      expect(after[4]).toBe(20);
      expect(after[7]).toBe(5);
    }
  });
});

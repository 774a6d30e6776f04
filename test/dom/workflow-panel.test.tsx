/**
 * The workflow panel in jsdom against a scripted engine: the steps a person goes through
 * (source and mapping shown, options checked, problems listed with row numbers, skip bad rows,
 * confirm replacing edited output, progress and cancel, result summary).
 */
import "./jsdom-setup";
import * as React from "react";
import { act } from "react";
import { mount as mountElement } from "./mount";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { PreviewWorkbook, WorkbookPort } from "../../src/workbook/types";
import type { FieldSpec, RunControl, SourceInfo, ValidationReport, WorkflowEngine, WorkflowRequest, WorkflowResult } from "../../src/workflows/types";
import { PaneSession, SessionContext } from "../../src/taskpane/session";
import { WorkflowPanel } from "../../src/taskpane/workflows/WorkflowPanel";


const FIELDS: FieldSpec[] = [
  { id: "customer", kind: "id", required: true, nonNegative: false, label: { zh: "客户", en: "Customer" } },
  { id: "lastDate", kind: "date", required: false, nonNegative: false, label: { zh: "最近购买日期", en: "Last purchase" } },
  { id: "frequency", kind: "number", required: true, nonNegative: true, label: { zh: "消费次数", en: "Frequency" } },
  { id: "monetary", kind: "number", required: true, nonNegative: true, label: { zh: "消费金额", en: "Monetary" } },
];

const SOURCE: SourceInfo = {
  range: { sheet: "客户", row: 0, column: 0, rows: 4, columns: 4 },
  headers: ["客户编号", "最近购买日期", "购买次数", "消费金额"],
  rowCount: 3,
  sample: [],
  mapping: { customer: 0, lastDate: 1, frequency: 2, monetary: 3 },
  mode: "customers",
  remembered: false,
  guess: { mapping: { customer: 0, lastDate: 1, frequency: 2, monetary: 3 }, mode: "customers", missing: [] },
};

const REPORT: ValidationReport = {
  rows: 3,
  problems: [
    { row: 3, column: "D", field: "monetary", kind: "blank", value: null, message: "blank" },
    { row: 4, column: "C", field: "frequency", kind: "notNumber", value: "待定", message: "text" },
  ],
  counts: { blank: 1, notNumber: 1 },
  badRows: [3, 4],
};

const DONE: WorkflowResult = {
  status: "done",
  workflow: "rfm",
  rowsRead: 3,
  rowsWritten: 1,
  skipped: REPORT.problems,
  outputs: [{ kind: "columns", sheet: "客户", range: { sheet: "客户", row: 0, column: 4, rows: 4, columns: 5 }, headers: ["R", "F", "M", "RFM", "Segment"] }],
  summarySheet: "RFM summary",
  charts: [],
  summary: { headers: ["Segment", "Customers", "Revenue share"], rows: [["Important value", 1, 0.25]] },
  figures: { customers: 1 },
  replaced: [],
  elapsedMs: 1234,
};

type Script = (request: WorkflowRequest, control?: RunControl) => Promise<WorkflowResult>;

function fakeEngine(script: Script) {
  const runs: WorkflowRequest[] = [];
  const remembered: unknown[] = [];
  const engine: WorkflowEngine = {
    port: {} as WorkbookPort,
    describeSource: async () => SOURCE,
    validate: async () => REPORT,
    editedOutputs: async () => [],
    removeResults: async () => [],
    run: async (request, control) => {
      runs.push(request);
      return script(request, control);
    },
    rememberMapping: async (...args) => {
      remembered.push(args);
    },
  };
  return { engine, runs, remembered };
}

let container: HTMLDivElement;
const activated: string[] = [];

async function mount(engine: WorkflowEngine, language: "en" | "zh" = "en", preview?: PreviewWorkbook) {
  const session: PaneSession = {
    preview,
    host: { kind: "preview" },
    language,
    engine,
    fieldsOf: () => FIELDS,
    fileCustomers: () => Promise.reject(new Error("no files in these tests")),
    port: { activateSheet: async (name: string) => void activated.push(name) } as unknown as WorkbookPort,
    defaultAsOf: "2024-12-31",
  };
  container = await mountElement(
    <FluentProvider theme={webLightTheme}>
      <SessionContext.Provider value={session}>
        <WorkflowPanel workflow="rfm" />
      </SessionContext.Provider>
    </FluentProvider>,
  );
}

afterEach(() => {
  // Fluent's portals (menus, dialogs) stay in the body after the tree is gone
  document.body.innerHTML = "";
  activated.length = 0;
});

function button(name: string | RegExp): HTMLButtonElement {
  const all = [...document.querySelectorAll("button")] as HTMLButtonElement[];
  const found = all.find((b) => (typeof name === "string" ? b.textContent?.trim() === name : name.test(b.textContent ?? "")));
  if (!found) throw new Error(`no button ${name}; buttons: ${all.map((b) => b.textContent).join(" | ")}`);
  return found;
}

async function click(name: string | RegExp) {
  await act(async () => {
    button(name).click();
  });
}

const text = () => document.body.textContent ?? "";

test("shows the source and the guessed mapping", async () => {
  await mount(fakeEngine(async () => DONE).engine);
  expect(container.querySelector("[data-testid=source-summary]")?.textContent).toBe("客户!A1:D4: 3 data rows (first row is the header)");
  expect(text()).toContain("Columns were guessed from the headers");
  const monetary = container.querySelector("[data-field=monetary]");
  expect(monetary?.textContent).toContain("Column D: 消费金额");
});

test("a run that finds problems lists them by row; skip, confirm replacing, then the summary", async () => {
  const { engine, runs } = fakeEngine(async (req) => {
    if (!req.options.skipBadRows) return { status: "invalid", workflow: "rfm", report: REPORT };
    if (!req.options.replaceEdited) return { status: "confirmReplace", workflow: "rfm", edited: [{ sheet: "客户", kind: "columns", headers: ["Segment"] }] };
    return DONE;
  });
  await mount(engine);
  await click("Run");
  expect(runs[0]).toMatchObject({ workflow: "rfm", source: SOURCE.range, mapping: SOURCE.mapping, options: { mode: "customers", bins: 5, scheme: "cn8", language: "en", asOf: 45657 } });
  expect(text()).toContain("Problems found: 2 (rows affected: 2).");
  expect(text()).toContain("Row 3, column D (Monetary): blank");
  expect(text()).toContain("Row 4, column C (Frequency): not a number (待定)");

  await click("Skip the bad rows (2), compute the rest");
  expect(runs[1].options).toMatchObject({ skipBadRows: true });
  expect(text()).toContain("Replace edited results?");
  expect(text()).toContain("Columns on 客户: Segment");

  await click("Replace and run");
  expect(runs[2].options).toMatchObject({ skipBadRows: true, replaceEdited: true });
  expect(text()).toContain("Done. Rows read: 3; rows written: 1; time: 1.2 s.");
  expect(text()).toContain("Rows skipped for problems: 2.");
  // The result is what the person sees now: no warning above it, the skipped rows folded inside it.
  expect(text()).not.toContain("Problems found");
  expect(container.querySelector("section[aria-label=Problems]")).toBeNull();
  const skipped = container.querySelector("[data-testid=result-rfm] details");
  expect(skipped?.hasAttribute("open")).toBe(false);
  expect(skipped?.querySelector("summary")?.textContent).toBe("Skipped rows (2)");
  expect([...skipped!.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Row 3, column D (Monetary): blank", "Row 4, column C (Frequency): not a number (待定)"]);
  expect(skipped!.querySelectorAll("summary")[1]?.textContent).toBe("Blank (Monetary, column D): 1 row");
  expect(text()).toContain("客户!E1:I4");
  expect(container.querySelector("[data-testid=result-rfm] table")?.textContent).toContain("25%");

  await click("Show summary sheet RFM summary");
  expect(activated).toEqual(["RFM summary"]);
});

test("Validate lists the problems and offers to skip them; Dismiss clears the list", async () => {
  const { engine, runs } = fakeEngine(async () => DONE);
  await mount(engine);
  await click("Validate data");
  expect(text()).toContain("Row 3, column D (Monetary): blank");
  expect(text()).not.toContain("nothing was written");
  await click("Dismiss");
  expect(text()).not.toContain("Problems found");
  await click("Validate data");
  await click("Skip the bad rows (2), compute the rest");
  expect(runs[0].options).toMatchObject({ skipBadRows: true });
  expect(text()).toContain("Done.");
});

test("keeping edited output runs nothing more", async () => {
  const { engine, runs } = fakeEngine(async () => ({ status: "confirmReplace", workflow: "rfm", edited: [{ sheet: "RFM summary", kind: "sheet", headers: [] }] }));
  await mount(engine);
  await click("Run");
  expect(text()).toContain("Sheet RFM summary");
  await click("Keep them, don't run");
  expect(runs).toHaveLength(1);
  expect(text()).not.toContain("Replace edited results?");
});

test("progress shows while running and Cancel stops the run", async () => {
  const { engine } = fakeEngine(
    (_req, control) =>
      new Promise((_resolve, reject) => {
        control?.onProgress?.({ phase: "write", fraction: 0.5, done: 50, total: 100 });
        control?.signal?.addEventListener("abort", () => reject(Object.assign(new Error("cancelled"), { name: "AbortError" })));
      }),
  );
  await mount(engine);
  await click("Run");
  expect(container.querySelector("[role=progressbar]")).not.toBeNull();
  expect(text()).toContain("Writing: 50 of 100");
  await click("Cancel");
  expect(text()).toContain("Cancelled.");
  expect(container.querySelector("[role=progressbar]")).toBeNull();
});

test("wrong options are named and nothing runs", async () => {
  const { engine, runs } = fakeEngine(async () => DONE);
  await mount(engine);
  const bins = [...container.querySelectorAll("label")].find((l) => l.textContent === "Score bins (2–9)");
  const input = document.getElementById(bins!.htmlFor) as HTMLInputElement;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    setter.call(input, "12");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await click("Run");
  expect(runs).toHaveLength(0);
  expect(text()).toContain("Score bins (2–9): must be between 2 and 9");
});

/** Buttons a search by accessible name finds as Playwright's getByRole does (case-insensitive substring). */
function buttonsNamedLike(name: string): string[] {
  return ([...document.querySelectorAll("button")] as HTMLButtonElement[])
    .map((b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim())
    .filter((n) => n.toLowerCase().includes(name.toLowerCase()));
}

test.each([
  ["en", "Run", "Cancel"],
  ["zh", "运行", "取消"],
] as const)("%s: the Run button's name is found once, also beside the problems and while running; Cancel is one word", async (language, run, cancel) => {
  let finish: () => void = () => undefined;
  const { engine } = fakeEngine(async (req, control) => {
    if (!req.options.skipBadRows) return { status: "invalid", workflow: "rfm", report: REPORT };
    return new Promise((resolve, reject) => {
      finish = () => resolve(DONE);
      control?.signal?.addEventListener("abort", () => reject(Object.assign(new Error("cancelled"), { name: "AbortError" })));
    });
  });
  await mount(engine, language);
  await click(run);
  expect(container.querySelector("section[aria-label=" + (language === "en" ? "Problems" : "问题列表") + "]")).not.toBeNull();
  expect(buttonsNamedLike(run)).toEqual([run]);
  await click(language === "en" ? /^Skip the bad rows/ : /^跳过有问题的行/);
  expect(container.querySelector("[role=progressbar]")).not.toBeNull();
  expect(buttonsNamedLike(run)).toEqual([run]);
  expect(buttonsNamedLike(cancel)).toEqual([cancel]);
  // Run waits, but keeps the focus it had when clicked: aria-disabled, not disabled.
  expect(button(run).disabled).toBe(false);
  expect(button(run).getAttribute("aria-disabled")).toBe("true");
  await act(async () => finish());
  expect(buttonsNamedLike(run)).toEqual([run]);
  expect(buttonsNamedLike(cancel)).toEqual([]);
});

test("while the source is read at first, nothing offers to cancel and nothing shows progress", async () => {
  let described: (info: SourceInfo) => void = () => undefined;
  const { engine } = fakeEngine(async () => DONE);
  engine.describeSource = () => new Promise((resolve) => (described = resolve));
  await mount(engine);
  expect(container.querySelector("[data-testid=source-summary]")?.textContent).toBe("Reading the source…");
  expect(buttonsNamedLike("Cancel")).toEqual([]);
  expect(container.querySelector(".fui-ProgressBar")).toBeNull();
  expect(button("Run").disabled).toBe(true);
  await act(async () => described(SOURCE));
  expect(buttonsNamedLike("Cancel")).toEqual([]);
  expect(container.querySelector("[role=progressbar]")).toBeNull();
  expect(button("Run").disabled).toBe(false);
});

test("in the preview, when another sheet is shown than the source's, the pane says so", async () => {
  const listeners = new Set<() => void>();
  let active = "客户";
  const preview = {
    version: 0,
    subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    activeSheet: async () => active,
  } as unknown as PreviewWorkbook;
  await mount(fakeEngine(async () => DONE).engine, "en", preview);
  expect(container.querySelector("[data-testid=source-other-sheet]")).toBeNull();
  await act(async () => {
    active = "RFM summary";
    (preview as { version: number }).version++;
    listeners.forEach((l) => l());
  });
  expect(container.querySelector("[data-testid=source-other-sheet]")?.textContent).toBe("Sheet RFM summary is shown; the source is still on 客户. To use the sheet shown, click Read source.");
});

test("switching RFM rows from customers to transactions asks the engine for that mode's mapping", async () => {
  const asked: unknown[] = [];
  const TRANSACTIONS: SourceInfo = { ...SOURCE, mode: "transactions", mapping: { customer: 0, date: 1, amount: 3 } as SourceInfo["mapping"] };
  const { engine, remembered } = fakeEngine(async () => DONE);
  engine.describeSource = async (_choice, _workflow, options) => {
    asked.push(options?.mode ?? options?.rfmMode);
    return (options?.mode ?? options?.rfmMode) === "transactions" ? TRANSACTIONS : SOURCE;
  };
  await mount(engine);
  const combo = container.querySelector("[aria-label='Rows are']") as HTMLElement;
  await act(async () => combo.click());
  const option = [...document.querySelectorAll("[role=option]")].find((o) => o.textContent === "One row per transaction") as HTMLElement;
  await act(async () => option.click());
  expect(asked).toEqual([undefined, "transactions"]);
  expect(remembered.at(-1)).toEqual(["客户", "rfm", TRANSACTIONS.mapping, "transactions"]);
  // Opening a Fluent dropdown in jsdom takes seconds on a loaded 2-core machine.
}, 30_000);

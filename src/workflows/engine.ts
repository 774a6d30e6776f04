/**
 * The workflow engine: a short run over the workflow's declaration (registry.ts) — read and
 * validate the source (read-source.ts), ask the declaration to plan with src/core, and write the
 * plan while owning the output (output.ts) — the same way in Excel, in the preview and on the
 * command line. It never names a workflow.
 *
 * Rules: rows with problems are never dropped silently (without skipBadRows nothing is written;
 * with it the skipped rows are listed in the result and on the summary sheet); output the person
 * edited is replaced only when they agree (replaceEdited); only values are written (text never
 * becomes a formula: the workbook port guards it); cancelling (AbortSignal) stops between blocks
 * and removes what the run wrote.
 */
import { dateToSerial } from "../core/dates";
import { CrmError } from "../core/errors";
import { yieldToEventLoop } from "../workbook/slices";
import { type WorkbookPort, throwIfAborted } from "../workbook/types";
import { WorkflowError } from "./errors";
import { OutputWriter, editedOf } from "./output";
import { nonFinitePart, type Plan, type PlanInput } from "./plan";
import { progress } from "./progress";
import { type PreparedSource, SourceReader, requestMode } from "./read-source";
import { workflowById } from "./registry";
import type { ColumnMapping, CommonOptions, DescribeOptions, EditedOutput, RunControl, SourceChoice, SourceInfo, SourceMode, ValidationReport, WorkflowEngine, WorkflowId, WorkflowRequest, WorkflowResult, WrittenOutput } from "./types";

export { WorkflowError } from "./errors";

/** Today's date in the person's time zone, as an Excel serial. */
export function todaySerial(now = new Date()): number {
  return dateToSerial(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/** The plan's input from what was read: the same for every workflow. */
function planInputOf(request: WorkflowRequest, prepared: PreparedSource): PlanInput<CommonOptions> {
  const { report } = prepared;
  const readFromText = Object.entries(report.readFromText ?? {}).map(([id, count]) => ({ label: prepared.fields.find((f) => f.id === id)?.label[request.options.language] ?? id, count: count ?? 0 }));
  return { table: prepared.table, mapping: request.mapping, source: request.source, asOf: prepared.asOf, skipped: report.problems, leftOut: report.leftOut, readFromText, options: request.options };
}

/**
 * A workflow's pure calculation, named by its id so it can run wherever the plan is made (on the
 * page or in the offload worker, see src/offload). Core refuses what it cannot compute (one
 * customer to rank, rf10 without 5 bins…): the pane shows why.
 */
export function computePlan(workflow: WorkflowId, input: PlanInput<CommonOptions>): Plan {
  try {
    const plan = workflowById(workflow).plan(input);
    const bad = nonFinitePart(plan);
    if (bad !== undefined) throw new WorkflowError(`无法计算：结果超出 Excel 能表示的最大数（${bad}）/ Cannot compute: a result is beyond the largest number Excel holds (${bad}); look for amounts that are too large`);
    return plan;
  } catch (e) {
    if (e instanceof CrmError) throw new WorkflowError(`无法计算 / Cannot compute: ${e.message}`);
    throw e;
  }
}

/** Where plans are computed: on the page by default; the pane passes one that uses a worker. */
export type Planner = (workflow: WorkflowId, input: PlanInput<CommonOptions>, signal?: AbortSignal) => Promise<Plan>;

export const inlinePlanner: Planner = async (workflow, input) => computePlan(workflow, input);

class Engine implements WorkflowEngine {
  private readonly source: SourceReader;
  private readonly output: OutputWriter;

  constructor(
    readonly port: WorkbookPort,
    today: () => number,
    private readonly planner: Planner,
  ) {
    this.source = new SourceReader(port, today);
    this.output = new OutputWriter(port);
  }

  describeSource(choice: SourceChoice, workflow: WorkflowId, options?: DescribeOptions): Promise<SourceInfo> {
    return this.source.describe(choice, workflow, options);
  }

  rememberMapping(sheet: string, workflow: WorkflowId, mapping: ColumnMapping, mode?: SourceMode): Promise<void> {
    return this.source.rememberMapping(sheet, workflow, mapping, mode);
  }

  async validate(request: WorkflowRequest, control?: RunControl): Promise<ValidationReport> {
    return (await this.source.read(request, control)).report;
  }

  removeResults(request: WorkflowRequest): Promise<WrittenOutput[]> {
    return this.output.remove(request);
  }

  async editedOutputs(request: WorkflowRequest): Promise<EditedOutput[]> {
    return editedOf((await this.output.owned(request)).located);
  }

  async run(request: WorkflowRequest, control?: RunControl): Promise<WorkflowResult> {
    const started = performance.now();
    const def = workflowById(request.workflow);
    const prepared = await this.source.read(request, control);
    const { report, table } = prepared;
    if (report.problems.length > 0 && request.options.skipBadRows !== true) return { status: "invalid", workflow: request.workflow, report };
    if (!table.ok.some((v) => v === 1)) throw new WorkflowError("没有可分析的数据行 / No rows are left to analyse");

    const owned = await this.output.owned(request);
    const edited = editedOf(owned.located);
    if (edited.length > 0 && request.options.replaceEdited !== true) return { status: "confirmReplace", workflow: request.workflow, edited };
    throwIfAborted(control?.signal);

    // Validating and computing run in one piece each: the page gets a turn between them.
    progress(control, "compute", 0, 1);
    await yieldToEventLoop();
    throwIfAborted(control?.signal);
    const plan = await this.planner(request.workflow, planInputOf(request, prepared), control?.signal);
    progress(control, "compute", 1, 1);
    await yieldToEventLoop();
    throwIfAborted(control?.signal);

    const remembered = this.source.toRemembered(request.source.sheet, request.mapping, requestMode(def, request));
    const written = await this.output.write(def, request, plan, owned, remembered, control);
    progress(control, "summary", 1, 1);
    return {
      status: "done",
      workflow: request.workflow,
      rowsRead: table.rows,
      rowsWritten: plan.rowsWritten,
      skipped: report.problems,
      outputs: written.outputs,
      summarySheet: written.summarySheet,
      charts: written.charts,
      summary: plan.summary,
      figures: plan.figures,
      replaced: written.replaced,
      elapsedMs: performance.now() - started,
      ...(report.leftOut ? { leftOut: report.leftOut } : {}),
      ...(report.readFromText ? { readFromText: report.readFromText } : {}),
      ...(report.idVariants ? { idVariants: report.idVariants } : {}),
    };
  }
}

/** The engine over a workbook; `today` gives the default as-of date (an Excel serial). */
export function createEngine(port: WorkbookPort, today: () => number = () => todaySerial(), planner: Planner = inlinePlanner): WorkflowEngine {
  return new Engine(port, today, planner);
}

/**
 * `crm`: the command line (bin/crm.js runs it). Finds the subcommand by its words in the one
 * table (commands.ts), parses exactly its flags (node:util parseArgs, strict), runs it and ends
 * with 0 when done, 1 when problems stopped the run (nothing written), 2 for a usage error, each
 * with a message on stderr. `crm --help` and `crm <command> --help` print what the table declares.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { WorkflowError } from "../workflows/errors";
import { isoDay } from "../workflows/options";
import { type FlagSpec, SUBCOMMANDS, type Subcommand } from "./commands";
import { type CliIO, EXIT, StoppedError, UsageError } from "./usage";

function flagText(f: FlagSpec): string {
  const name = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.value ? ` ${f.value}` : ""}`;
  return `  ${name.padEnd(34)} ${f.help}${f.multiple ? " (repeatable)" : ""}`;
}

function commandHelp(c: Subcommand): string {
  return [`Usage: crm ${c.words.join(" ")} ${c.usage} [flags]`, "", c.summary, "", "Flags:", ...c.flags.map(flagText), "  -h, --help                         this help", ""].join("\n");
}

export function helpText(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.words.join(" ").length));
  return [
    "crm: CRM Analytics on the command line. Runs the task pane's workflows on a workbook and writes",
    "the results as the pane does (OUTPUT.xlsx), or one line per analysed row (OUTPUT.csv).",
    "",
    "Usage: crm <command> INPUT.xlsx|INPUT.csv -o OUTPUT.xlsx|OUTPUT.csv [flags]   (a CSV is read as one sheet)",
    "       crm rfm|predict ORDERS.csv|ORDERS.parquet -o OUTPUT.xlsx|OUTPUT.csv [flags]   (a transactions file of any size, streamed)",
    "",
    "Commands:",
    ...SUBCOMMANDS.map((c) => `  ${c.words.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    "Common flags (crm <command> --help lists every flag of a command):",
    "  -o, --output OUTPUT        OUTPUT.xlsx: the workbook with the results; OUTPUT.csv: row, customer id, result columns",
    "      --sheet NAME           the sheet holding the table (default: the active sheet)",
    "      --rows customers|transactions   RFM: what a row is (default: guessed from the headers)",
    "      --as-of YYYY-MM-DD     the as-of date (default: today)",
    "      --bins N               RFM score bins, 2–9 (default 5)",
    "      --scheme cn8|rf10      RFM segment scheme (default cn8)",
    "      --lang zh|en           language of the labels written and of messages (default zh)",
    "      --map field=Header     take a field from the column with that header (repeatable)",
    "      --date-order dmy|mdy   dates such as 03/05/2024 are day-first or month-first (every date column,",
    "                             or FIELD=dmy for one, FIELD a date field or its header; repeatable)",
    "      --skip-bad-rows        leave out rows with problems (listed) instead of stopping",
    "      --json                 print a summary as JSON on stdout (rows, rows left out, notes, output, figures)",
    "",
    "Exit codes: 0 done; 1 problems stopped the run (nothing written); 2 usage error.",
    "Progress goes to stderr when it is a terminal.",
    "",
    "Example: npx crm rfm assets/samples/customers.xlsx -o /tmp/out.xlsx --json",
    "",
  ].join("\n");
}

/** The command named by the leading words (the longest match), and the arguments after them. */
function findCommand(argv: readonly string[]): { command: Subcommand; rest: string[] } | undefined {
  const byLength = [...SUBCOMMANDS].sort((a, b) => b.words.length - a.words.length);
  for (const c of byLength) if (c.words.every((w, i) => argv[i] === w)) return { command: c, rest: argv.slice(c.words.length) };
  return undefined;
}

/** Runs `crm` with these arguments (without "node crm"); returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    (argv.length === 0 ? io.stderr : io.stdout)(helpText());
    return argv.length === 0 ? EXIT.usage : EXIT.done;
  }
  const found = findCommand(argv);
  try {
    if (!found) throw new UsageError(`unknown command "${argv[0]}"; commands: ${SUBCOMMANDS.map((c) => c.words.join(" ")).join(", ")}`);
    const { command, rest } = found;
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout(commandHelp(command));
      return EXIT.done;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      const options = Object.fromEntries(command.flags.map((f) => [f.name, { type: f.value ? ("string" as const) : ("boolean" as const), ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) }]));
      parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, "") : String(e));
    }
    return await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | string[] | undefined>, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`crm: ${e.message}\n${found ? `Run "crm ${found.command.words.join(" ")} --help" for its flags.` : 'Run "crm --help".'}\n`);
      return EXIT.usage;
    }
    const json = argv.includes("--json");
    if (e instanceof StoppedError || e instanceof WorkflowError) {
      if (e.message) io.stderr(`crm: ${e.message}\n`);
      if (json) io.stdout(`${JSON.stringify(e instanceof StoppedError && e.summary ? e.summary : { status: "failed", message: e.message }, null, 2)}\n`);
      return EXIT.stopped;
    }
    io.stderr(`crm: ${e instanceof Error ? e.message : String(e)}\n`);
    if (json) io.stdout(`${JSON.stringify({ status: "failed", message: e instanceof Error ? e.message : String(e) }, null, 2)}\n`);
    return EXIT.stopped;
  }
}

/** The process's streams and files. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    readFile: async (p) => new Uint8Array(await fs.promises.readFile(p)),
    writeFile: async (p, data) => {
      await fs.promises.mkdir(path.dirname(p), { recursive: true });
      await fs.promises.writeFile(p, data);
    },
    exists: (p) => fs.existsSync(p),
    today: () => isoDay(new Date()),
  };
}

export function runFromProcess(): void {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`crm: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = EXIT.stopped;
    },
  );
}

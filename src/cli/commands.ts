/**
 * The subcommands of `crm`, declared in one table: each names its words ("rfm"; later "predict",
 * "sql rfm"), its usage line, its flags and how it runs. main.ts finds a command by its words,
 * parses exactly its flags and prints help from the same declarations. Every workflow of the
 * registry is a subcommand (workflow-command.ts); other commands add a line to SUBCOMMANDS.
 */
import { WORKFLOW_DEFINITIONS } from "../workflows/registry";
import type { CliIO } from "./usage";
import { sqlRfmCommand } from "./sql-command";
import { workflowCommand } from "./workflow-command";

export interface FlagSpec {
  /** Long name without dashes ("as-of"). */
  name: string;
  short?: string;
  /** The value's placeholder ("YYYY-MM-DD"); a flag without one is a switch. */
  value?: string;
  /** May be given more than once (--map). */
  multiple?: boolean;
  help: string;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface Subcommand {
  /** The words that name it: ["rfm"], ["sql", "rfm"]. */
  words: readonly string[];
  summary: string;
  /** Arguments after the words, for the usage line ("INPUT.xlsx -o OUTPUT"). */
  usage: string;
  flags: readonly FlagSpec[];
  run(positionals: string[], values: FlagValues, io: CliIO): Promise<number>;
}

export const SUBCOMMANDS: readonly Subcommand[] = [...WORKFLOW_DEFINITIONS.map(workflowCommand), sqlRfmCommand];

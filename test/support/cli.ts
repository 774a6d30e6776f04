/** `crm` run in the test's process on real files: its exit code and what it printed. */
import * as fs from "fs";
import { main } from "../../src/cli/main";
import type { CliIO } from "../../src/cli/usage";

export interface CrmRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `crm argv…` with relative paths from `cwd`, today as `today` (yyyy-mm-dd), stderr not a terminal. */
export async function runCrm(cwd: string, today: string, argv: readonly string[]): Promise<CrmRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTTY: false,
    cwd,
    readFile: async (p) => new Uint8Array(fs.readFileSync(p)),
    writeFile: async (p, data) => fs.writeFileSync(p, data),
    exists: (p) => fs.existsSync(p),
    today: () => today,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

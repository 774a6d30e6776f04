/** What the command line reports and how it ends: exit codes, usage errors, the output streams. */

export const EXIT = { done: 0, stopped: 1, usage: 2 } as const;

/** A mistake in the command (unknown subcommand or flag, missing or bad argument): exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A run that problems stopped before anything was written: exit 1. */
export class StoppedError extends Error {
  constructor(
    message: string,
    /** What --json prints for it. */
    readonly summary?: unknown,
  ) {
    super(message);
    this.name = "StoppedError";
  }
}

/** Where the command line reads and writes: the process, or a test. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress is shown only on a terminal. */
  stderrIsTTY: boolean;
  cwd: string;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string): Promise<void>;
  exists(path: string): boolean;
  /** Today as yyyy-mm-dd (the default as-of date). */
  today(): string;
}

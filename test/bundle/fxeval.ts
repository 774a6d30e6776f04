/**
 * Runs calls through ../shared/tools/fxeval.mjs against the built bundle, exactly as Excel
 * would call the functions (bare context, CustomFunctions.associate, functions.json shapes).
 * The bundle directory is dist/ unless CRM_DIST names another build.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");
export const DIST = path.resolve(ROOT, process.env.CRM_DIST ?? "dist");
export const FXEVAL = path.resolve(ROOT, "../shared/tools/fxeval.mjs");

export interface Call {
  id: string;
  args: unknown[];
}

export interface Outcome {
  id: string;
  value?: unknown;
  error?: string;
  message?: string;
  uncaught?: boolean;
  harness?: boolean;
}

export function bundleIsBuilt(): boolean {
  return fs.existsSync(path.join(DIST, "functions.js")) && fs.existsSync(path.join(DIST, "functions.json"));
}

/** Evaluates every call in one fxeval process. */
export function fxeval(calls: Call[]): Outcome[] {
  if (!fs.existsSync(FXEVAL)) throw new Error(`fxeval not found at ${FXEVAL}`);
  if (!bundleIsBuilt()) throw new Error(`no build in ${DIST}: run npm run build first`);
  const out = execFileSync(process.execPath, [FXEVAL, "--dist", DIST, "--calls", "-"], { input: JSON.stringify(calls), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Outcome);
}

/** One call. */
export function fx(id: string, ...args: unknown[]): Outcome {
  return fxeval([{ id, args }])[0];
}

/** Rounds to cents for comparisons "to the cent". */
export function cents(x: unknown): number {
  return Math.round((x as number) * 100) / 100;
}

/**
 * Reading a model's parameters back from a sheet: either the 2-column table a fit spills (its
 * name column says which model) or a bare range of numbers (4: BG/NBD r, α, a, b; 3: Gamma-Gamma
 * p, q, v; 2: sBG α, β), so a fit's output can be passed on by reference or retyped by hand.
 */
import { numError, valueError } from "../errors";
import { BgNbdParams } from "./bgnbd";
import { GammaGammaParams } from "./gamma-gamma";
import { ParetoNbdParams } from "./pnbd";
import { SbgParams } from "./sbg";

export type ModelParams = ({ model: "bgnbd" } & BgNbdParams) | ({ model: "pnbd" } & ParetoNbdParams);

type Cells = readonly (readonly unknown[])[];

/** What the fits spill: parameter names in order (then log_likelihood, customers, …). */
export const FIT_NAMES = {
  bgnbd: ["r", "alpha", "a", "b"],
  pnbd: ["r", "alpha", "s", "beta"],
  gg: ["p", "q", "v"],
  sbg: ["alpha", "beta"],
} as const;

type Kind = keyof typeof FIT_NAMES;

/** Name → value of a 2-column table whose first column is text, or undefined for a bare range. */
function namedValues(cells: Cells, what: string): Map<string, unknown> | undefined {
  if (!cells.every((row) => row.length === 2 && typeof row[0] === "string" && row[0].trim() !== "")) return undefined;
  const named = new Map<string, unknown>();
  for (const [name, value] of cells) {
    const key = (name as string).trim().toLowerCase();
    if (named.has(key)) throw valueError(`${what}: the name ${key} appears twice`);
    named.set(key, value);
  }
  return named;
}

function positive(value: unknown, label: string, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw valueError(`${what}: ${label} must be a number`);
  if (!(value > 0)) throw numError(`${what}: ${label} must be > 0, got ${value}`);
  return value;
}

/** The parameters of one of `kinds`, named from a fit table or given bare (bare numbers: the first kind whose count matches). */
function read(cells: Cells, what: string, kinds: readonly Kind[]): { kind: Kind; values: number[] } {
  const named = namedValues(cells, what);
  if (named) {
    // Pareto/NBD before sBG: its names include sBG's alpha and beta.
    const ordered = [...kinds].sort((a, b) => FIT_NAMES[b].length - FIT_NAMES[a].length);
    const kind = ordered.find((k) => FIT_NAMES[k].every((n) => named.has(n)));
    if (!kind) throw valueError(`${what}: the table names no ${kinds.map((k) => FIT_NAMES[k].join(", ")).join(" or ")}`);
    return { kind, values: FIT_NAMES[kind].map((n) => positive(named.get(n), n, what)) };
  }
  const flat = cells.flat();
  const kind = kinds.find((k) => FIT_NAMES[k].length === flat.length);
  if (!kind) throw valueError(`${what} must be a fit's table or ${kinds.map((k) => `${FIT_NAMES[k].length} numbers (${FIT_NAMES[k].join(", ")})`).join(" or ")}, got ${flat.length} cells`);
  return { kind, values: flat.map((v, i) => positive(v, FIT_NAMES[kind][i], what)) };
}

export function modelParams(cells: Cells, what = "params"): ModelParams {
  const { kind, values } = read(cells, what, ["bgnbd", "pnbd"]);
  if (kind === "pnbd") return { model: "pnbd", r: values[0], alpha: values[1], s: values[2], beta: values[3] };
  return { model: "bgnbd", r: values[0], alpha: values[1], a: values[2], b: values[3] };
}

export function gammaGammaParams(cells: Cells, what = "gg_params"): GammaGammaParams {
  const [p, q, v] = read(cells, what, ["gg"]).values;
  return { p, q, v };
}

export function sbgParams(cells: Cells, what = "params"): SbgParams {
  const [alpha, beta] = read(cells, what, ["sbg"]).values;
  return { alpha, beta };
}

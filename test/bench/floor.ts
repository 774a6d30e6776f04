/**
 * The floor of the function path (functions.bench.ts): what the cheapest possible function with a
 * function's argument and result shape costs through the same path, in the bundle's own node:vm
 * context with the built-ins bound as the bundle binds them (scripts/build/lexical-builtins-plugin.js).
 * It checks and reads every column argument (rows of one cell, as Excel passes a range) into a
 * typed array in one pass, computes nothing, and returns a result of the function's shape:
 *   labels  N×1 text: one shared frozen row in every row (the cheapest N×1 result there is);
 *   numbers N×1 numbers: a new row per value (values in general all differ: a function whose
 *           values repeat may share rows and come in under this floor);
 *   table   R×W: R new rows of W cells (grouping, sorting, summing not counted);
 *   scalar  one number.
 * Where the floor alone is above half of pandas' time, the 0.5 target cannot be met from
 * Excel-shaped arguments: Excel hands a JS array per cell, pandas starts from contiguous float64.
 */
import { BundleFunction, runInBundleContext } from "./bundle";

const SOURCE = String.raw`(function (Array, Float64Array, Object) {
  function read(range) {
    const n = range.length;
    if (typeof range[0][0] === "string") return readText(range);
    const values = new Float64Array(n);
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const row = range[i];
      if (!Array.isArray(row) || row.length !== 1) throw new Error("not a column");
      const x = row[0];
      if (typeof x === "number" && x - x === 0) values[i] = x;
      else bad++;
    }
    return values;
  }
  function readText(range) {
    const n = range.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = range[i];
      if (!Array.isArray(row) || row.length !== 1) throw new Error("not a column");
      out[i] = row[0];
    }
    return out;
  }
  function columns(args) {
    const out = [];
    for (const a of args) if (Array.isArray(a) && a.length > 1) out.push(read(a));
    return out;
  }
  const LABEL = Object.freeze(["label"]);
  return {
    labels(args) {
      const n = columns(args)[0].length;
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = LABEL;
      return out;
    },
    numbers(args) {
      const cols = columns(args);
      const v = cols.find((c) => c instanceof Float64Array);
      const n = v.length;
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = [v[i]];
      return out;
    },
    table(args, rows, width) {
      columns(args);
      const out = new Array(rows);
      for (let g = 0; g < rows; g++) {
        const row = new Array(width);
        for (let c = 0; c < width; c++) row[c] = g;
        out[g] = row;
      }
      return out;
    },
    scalar(args) {
      return columns(args).length;
    },
  };
}).call(this, Array, Float64Array, Object)`;

interface Floors {
  labels(args: unknown[]): unknown[][];
  numbers(args: unknown[]): unknown[][];
  table(args: unknown[], rows: number, width: number): unknown[][];
  scalar(args: unknown[]): number;
}

let floors: Floors | undefined;

/** The floor function of `result`'s shape (an N×1 column of `rows` input rows, a table, or a scalar), and its name. */
export function floorFor(result: unknown, rows: number): { shape: string; fn: BundleFunction } {
  floors ??= runInBundleContext(SOURCE) as Floors;
  const f = floors;
  if (!Array.isArray(result)) return { shape: "scalar", fn: (...args) => f.scalar(args) };
  const r = result as unknown[][];
  const width = r[r.length - 1].length;
  if (width === 1 && r.length === rows) {
    const text = r.some((row) => typeof row[0] === "string");
    return text ? { shape: "labels", fn: (...args) => f.labels(args) } : { shape: "numbers", fn: (...args) => f.numbers(args) };
  }
  return { shape: `table ${r.length}×${width}`, fn: (...args) => f.table(args, r.length, width) };
}

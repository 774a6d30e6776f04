/**
 * A fingerprint of the values the add-in wrote, to tell on a rerun whether the person edited
 * them. Numbers are compared at 12 significant digits: Excel keeps 15, and a value read back
 * may differ from the double written in the last digits without anyone having touched it.
 *
 * The hash is kept in workbooks (OutputMark.fingerprint), so it must never change: two 32-bit
 * FNV-1a-like hashes over each cell's canonical text ("" blank, "n<number>", "T"/"F", "s<text>"),
 * 0x1f after each cell, 0x1e after each row. It runs over every cell of a 100,000-row result at
 * the end of a run, so it hashes the text without building it where it can, in one loop.
 */
import { Slicer } from "../workbook/slices";
import type { Block, CellValue } from "../workbook/types";

const N = 0x6e; // "n"
const S = 0x73; // "s"
const T = 0x54; // "T"
const F = 0x46; // "F"
const CELL_END = 0x1f;
const ROW_END = 0x1e;
const PRIME = 0x01000193;

/** The canonical text of a number: at 12 significant digits, without trailing zeros. */
function numberText(v: number): string {
  // Whole numbers below 10^12 have at most 12 digits: toPrecision(12) keeps them as they are.
  if (Number.isInteger(v) && v > -1e12 && v < 1e12) return String(v);
  // A fraction whose shortest text has at most 12 digits (money, shares, days) is already there:
  // rounding its exact value to 12 digits gives that text back.
  const text = String(v);
  if (text.length <= 13 && text.includes(".") && !text.includes("e")) return text;
  return String(Number(v.toPrecision(12)));
}

/** The canonical text of a cell, as hashed (kept for reference and tests). */
export function canonical(v: CellValue): string {
  if (v === null || v === "") return "";
  if (typeof v === "number") return `n${numberText(v)}`;
  if (typeof v === "boolean") return v ? "T" : "F";
  return `s${v}`;
}

/** Two 32-bit FNV-1a hashes (different seeds) over the canonical cells, fed rows at a time. */
export class Fingerprinter {
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193 ^ 0x5bd1e995;

  /** Adds rows from..to of a block. */
  add(block: Block, from = 0, to = block.length): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let r = from; r < to; r++) {
      const row = block[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        let text: string | undefined;
        if (typeof v === "string") {
          if (v !== "") {
            h1 = Math.imul(h1 ^ S, PRIME);
            h2 = Math.imul(h2 ^ S, PRIME) ^ (h2 >>> 15);
            text = v;
          }
        } else if (typeof v === "number") {
          h1 = Math.imul(h1 ^ N, PRIME);
          h2 = Math.imul(h2 ^ N, PRIME) ^ (h2 >>> 15);
          text = numberText(v);
        } else if (typeof v === "boolean") {
          const code = v ? T : F;
          h1 = Math.imul(h1 ^ code, PRIME);
          h2 = Math.imul(h2 ^ code, PRIME) ^ (h2 >>> 15);
        } else if (v !== null) {
          // Not a cell value (a hole in a row): hashed as its text, as it always was.
          h1 = Math.imul(h1 ^ S, PRIME);
          h2 = Math.imul(h2 ^ S, PRIME) ^ (h2 >>> 15);
          text = String(v);
        }
        if (text !== undefined) {
          for (let i = 0; i < text.length; i++) {
            const code = text.charCodeAt(i);
            h1 = Math.imul(h1 ^ code, PRIME);
            h2 = Math.imul(h2 ^ code, PRIME) ^ (h2 >>> 15);
          }
        }
        h1 = Math.imul(h1 ^ CELL_END, PRIME);
        h2 = Math.imul(h2 ^ CELL_END, PRIME) ^ (h2 >>> 15);
      }
      h1 = Math.imul(h1 ^ ROW_END, PRIME);
      h2 = Math.imul(h2 ^ ROW_END, PRIME) ^ (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** 16 hex digits. */
  digest(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, "0") + (this.h2 >>> 0).toString(16).padStart(8, "0");
  }
}

export function fingerprint(block: Block): string {
  return new Fingerprinter().add(block).digest();
}

/** Rows hashed between two looks at the clock. */
const ROWS_PER_CHECK = 2_000;

/** The same fingerprint, computed in slices with a yield to the event loop between them (100,000-row results). */
export async function fingerprintInSlices(block: Block, slicer = new Slicer()): Promise<string> {
  const f = new Fingerprinter();
  for (let start = 0; start < block.length; start += ROWS_PER_CHECK) {
    f.add(block, start, Math.min(block.length, start + ROWS_PER_CHECK));
    if (start + ROWS_PER_CHECK < block.length && slicer.due) await slicer.yield();
  }
  return f.digest();
}

/**
 * A fingerprint of the values the add-in wrote, to tell on a rerun whether the person edited
 * them. Numbers are compared at 12 significant digits: Excel keeps 15, and a value read back
 * may differ from the double written in the last digits without anyone having touched it.
 */
import type { Block, CellValue } from "../workbook/types";

function canonical(v: CellValue): string {
  if (v === null || v === "") return "";
  if (typeof v === "number") return `n${Number(v.toPrecision(12))}`;
  if (typeof v === "boolean") return v ? "T" : "F";
  return `s${v}`;
}

/** Two 32-bit FNV-1a hashes (different seeds) over the canonical cells, as 16 hex digits. */
export function fingerprint(block: Block): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const mix = (code: number) => {
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x01000193) ^ (h2 >>> 15);
  };
  for (const row of block) {
    for (const cell of row) {
      const text = canonical(cell);
      for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
      mix(0x1f);
    }
    mix(0x1e);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

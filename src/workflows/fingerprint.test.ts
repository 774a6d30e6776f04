/** The fingerprint of written output: stable (it is kept in workbooks) and blind to float noise. */
import fc from "fast-check";
import type { Block, CellValue } from "../workbook/types";
import { Slicer } from "../workbook/slices";
import { Fingerprinter, canonical, fingerprint, fingerprintInSlices } from "./fingerprint";

/** The first implementation, character by character over each cell's canonical text: the definition. */
function reference(block: Block): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const mix = (code: number) => {
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x01000193) ^ (h2 >>> 15);
  };
  const text = (v: CellValue) => {
    if (v === null || v === "") return "";
    if (typeof v === "number") return `n${Number(v.toPrecision(12))}`;
    if (typeof v === "boolean") return v ? "T" : "F";
    return `s${v}`;
  };
  for (const row of block) {
    for (const cell of row) {
      const t = text(cell);
      for (let i = 0; i < t.length; i++) mix(t.charCodeAt(i));
      mix(0x1f);
    }
    mix(0x1e);
  }
  return (h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0");
}

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.boolean(),
  fc.integer({ min: -2_000_000, max: 2_000_000 }),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e9, max: 1e9 }).chain((i) => fc.constantFrom(i / 10, i / 100, i / 1000, i / 7, i / 1e6)),
  fc.constantFrom(0, -0, 1e12 - 1, 1e12, -1e12, 123456789012345, 1234567890123, 0.1 + 0.2, 1 / 3, 1e21, 5e-324, Infinity, 1e-7, -0.000001, 12345678901.5, 1234567890.12, 123456789012.5),
  fc.string(),
  fc.constantFrom("重要价值客户", "=1+1", "n5", "s"),
);

describe("fingerprint", () => {
  test("the same hash as its definition for any block (hashes kept in workbooks stay valid)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), (block) => expect(fingerprint(block)).toBe(reference(block))),
      { numRuns: 500 },
    );
  });

  test("known values", () => {
    // Computed by the first implementation.
    expect(fingerprint([])).toBe("811c9dc55ad1e806");
    expect(fingerprint([["RFM·R", "RFM·细分"], [5, "重要价值客户"], [null, true]])).toBe("8ba8b8ddb6e1a974");
    expect(canonical(0.1 + 0.2)).toBe("n0.3");
    expect(canonical(-0)).toBe("n0");
    expect(canonical(123456789012345)).toBe("n123456789012000");
  });

  test("a number read back with noise past 12 digits is not an edit; a changed value is", () => {
    const written = [[1 / 3, 2.675, 1000]];
    expect(fingerprint([[0.33333333333333, 2.6750000000001, 1000]])).toBe(fingerprint(written));
    expect(fingerprint([[1 / 3, 2.675, 1001]])).not.toBe(fingerprint(written));
    expect(fingerprint([[1 / 3, 2.675, "1000"]])).not.toBe(fingerprint(written));
  });

  test("fed in parts or in slices that yield to the event loop, the same fingerprint", async () => {
    const block: Block = Array.from({ length: 4_500 }, (_, i) => [`C${i}`, i / 7, i % 3 === 0 ? null : i]);
    const whole = fingerprint(block);
    expect(new Fingerprinter().add(block, 0, 1234).add(block, 1234, 4000).add(block, 4000).digest()).toBe(whole);
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      expect(await fingerprintInSlices(block, new Slicer(0))).toBe(whole);
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(0);
  });
});

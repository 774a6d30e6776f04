import fc from "fast-check";
import { sortPositive } from "./positive-sort";

describe("sortPositive", () => {
  const positive = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
  const same = (values: number[]) => {
    const expected = Float64Array.from(values).sort();
    expect(Array.from(sortPositive(Float64Array.from(values)))).toEqual(Array.from(expected));
  };

  test("gives the native sort's order on any positive doubles, small and radix-sized, with many ties", () => {
    const tied = fc.array(fc.integer({ min: 1, max: 20 }).map((c) => c / 4), { minLength: 0, maxLength: 5000 });
    fc.assert(fc.property(fc.array(positive, { maxLength: 5000 }), same), { numRuns: 60 });
    fc.assert(fc.property(tied, same), { numRuns: 60 });
  });

  test("a subarray view is sorted in place", () => {
    const buffer = Float64Array.from({ length: 6000 }, (_, i) => ((i * 7919) % 1000) + 0.5);
    const view = buffer.subarray(1000, 5000);
    const expected = Array.from(view).sort((a, b) => a - b);
    sortPositive(view);
    expect(Array.from(view)).toEqual(expected);
    expect(buffer[0]).toBe(0.5);
  });
});

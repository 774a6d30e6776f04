import fc from "fast-check";
import { CustomerIndex } from "./customer-index";

describe("CustomerIndex", () => {
  test('numbers in order of first appearance; exact ids: case, spaces, 1001 and "1001" apart', () => {
    const index = new CustomerIndex();
    const ids = ["A", "a", "A ", 1001, "1001", "A", 1001, "客户甲", "", -0, 0];
    expect(ids.map((id) => index.indexOf(id))).toEqual([0, 1, 2, 3, 4, 0, 3, 5, 6, 7, 7]);
    expect(index.ids).toEqual(["A", "a", "A ", 1001, "1001", "客户甲", "", -0]);
    expect(index.size).toBe(8);
  });

  test("property: the same numbering as a Map, through many growths and colliding hashes", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -50, max: 50 }), fc.constantFrom("Aa", "BB", "C000001", "C000010")), { maxLength: 3_000 }), (ids) => {
        const index = new CustomerIndex();
        const map = new Map<string | number, number>();
        for (const id of ids) {
          if (!map.has(id)) map.set(id, map.size);
          expect(index.indexOf(id)).toBe(map.get(id));
        }
        expect(index.ids).toEqual([...map.keys()]);
      }),
    );
  });

  test("property: texts around the ten code units kept in a slot, any UTF-16 units (high bits, lone surrogates)", () => {
    const near = fc.oneof(fc.string({ minLength: 8, maxLength: 13, unit: "binary" }), fc.string({ minLength: 9, maxLength: 12, unit: fc.constantFrom("a", "\uffff", "\u8000", "\ud800", "0") }));
    fc.assert(
      fc.property(fc.array(near, { maxLength: 400 }), (ids) => {
        const index = new CustomerIndex();
        const map = new Map<string, number>();
        for (const id of [...ids, ...ids.map((x) => x.slice(0, -1)), ...ids]) {
          if (!map.has(id)) map.set(id, map.size);
          expect(index.indexOf(id)).toBe(map.get(id));
        }
        expect(index.ids).toEqual([...map.keys()]);
      }),
    );
  });

  test("long texts: kept whole (a length beyond 65,535 code units), told apart by their last character", () => {
    const index = new CustomerIndex();
    const long = "x".repeat(70_000);
    expect([long, `${long}y`, `${long}z`, "x".repeat(70_000 - 65_536), `${long}y`, long].map((id) => index.indexOf(id))).toEqual([0, 1, 2, 3, 1, 0]);
  });

  test("200,000 distinct texts keep their numbers", () => {
    const index = new CustomerIndex();
    for (let i = 0; i < 200_000; i++) index.indexOf(`C${i}`);
    for (let i = 0; i < 200_000; i += 997) expect(index.indexOf(`C${i}`)).toBe(i);
    expect(index.size).toBe(200_000);
  });
});

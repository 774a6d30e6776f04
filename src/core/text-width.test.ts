import fc from "fast-check";
import { textWidth } from "./text-width";

test("Latin counts once, Chinese and full-width forms twice", () => {
  expect(textWidth("")).toBe(0);
  expect(textWidth("C00001")).toBe(6);
  expect(textWidth("重要价值客户")).toBe(12);
  expect(textWidth("RFM·Segment")).toBe(11);
  expect(textWidth("ＡＢ，한글")).toBe(10);
  // Outside the Basic Multilingual Plane: once, whether the pair is whole or a lone half.
  expect(textWidth("𠀀a")).toBe(2);
  expect(textWidth("\ud840a")).toBe(2);
});

test("the same as measuring each character against the wide ranges (the rule it replaced)", () => {
  const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
  const byRule = (text: string) => {
    let units = 0;
    for (const ch of text) units += WIDE.test(ch) ? 2 : 1;
    return units;
  };
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.string({ unit: fc.constantFrom("a", "客", "\ud840", "\udc00", "Ａ", "·"), maxLength: 30 })), (text) => {
      expect(textWidth(text)).toBe(byRule(text));
    }),
    { numRuns: 2000 },
  );
});

import fc from "fast-check";
import { formatFigure } from "./result-format";

test("figures: grouped whole numbers, two decimals for money, percentages for shares and rates", () => {
  expect(formatFigure(2996, "en")).toBe("2,996");
  expect(formatFigure(10999258.391, "en", "Revenue")).toBe("10,999,258.39");
  expect(formatFigure(0.2846, "en", "Share of revenue")).toBe("28.5%");
  expect(formatFigure(0.05, "zh", "计提比例")).toBe("5%");
  expect(formatFigure(0.1234, "en", "dso")).toBe("0.1234");
  expect(formatFigure("AA", "en", "Grade")).toBe("AA");
  expect(formatFigure(Number.NaN, "en")).toBe("NaN");
});

test("property: the kept formats give what toLocaleString gives, for every kind of figure and both languages", () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true, min: -1e12, max: 1e12 })), fc.constantFrom<"zh" | "en">("zh", "en"), fc.constantFrom("", "Share of revenue", "客户数"), (value, language, key) => {
      const locale = language === "zh" ? "zh-CN" : "en-US";
      const plain =
        /share|rate|percent|ratio|占比|比例|率|%/i.test(key) && Math.abs(value) <= 1
          ? `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`
          : Number.isInteger(value)
            ? value.toLocaleString(locale)
            : value.toLocaleString(locale, { minimumFractionDigits: Math.abs(value) < 1 ? 0 : 2, maximumFractionDigits: Math.abs(value) < 1 ? 4 : 2 });
      expect(formatFigure(value, language, key)).toBe(plain);
    }),
  );
});

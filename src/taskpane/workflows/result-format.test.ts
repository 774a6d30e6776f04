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

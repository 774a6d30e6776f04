import fc from "fast-check";
import { textWidth } from "../core/text-width";
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, blockWidths, fitWidth } from "./column-widths";

describe("column widths of written output", () => {
  test("Chinese characters count twice: 重要价值客户 needs 12 + 2, the header 客户分群 alone 8 + 2", () => {
    expect(textWidth("重要价值客户")).toBe(12);
    expect(textWidth("Champions")).toBe(9);
    expect(blockWidths([["客户分群"], ["重要价值客户"], [null], ["一般发展客户"]], { formatOf: () => undefined })).toEqual([14]);
    expect(blockWidths([["客户分群"]], { formatOf: () => undefined })).toEqual([10]);
  });

  test("figures are measured as their number format shows them", () => {
    const block = [["Revenue", "Customers"], [1234567.891, 2996], [5, 12]];
    const formats = ["#,##0.00", "#,##0"];
    // "1,234,567.89" is 12 wide; "Customers" 9, "2,996" 5.
    expect(blockWidths(block, { formatOf: (r, c) => (r === 0 ? undefined : formats[c]) })).toEqual([14, 11]);
  });

  test("the last text of a free line spills right and widens nothing; numbers never spill", () => {
    const block = [["RFM segmentation summary, a long title line", null], ["Skipped rows", "3: 5, 7, 9, 11, 13, 15, 17, 19, 21"], ["Rows", 1234567]];
    const widths = blockWidths(block, { formatOf: (r, c) => (r === 2 && c === 1 ? "#,##0" : undefined), spills: () => true });
    expect(widths).toEqual([fitWidth(textWidth("Skipped rows")), fitWidth("1,234,567".length)]);
  });

  test("beyond the rows measured one by one, a column's smallest and largest numbers still set its width", () => {
    const block: (string | number)[][] = [["n"]];
    for (let i = 0; i < 5000; i++) block.push([i === 4321 ? -98765432.1 : 1]);
    expect(blockWidths(block, { formatOf: () => "#,##0.00" })).toEqual([fitWidth("-98,765,432.10".length)]);
  });

  test("every width is within the bounds and fits the longest text up to the maximum", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constant(null)), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 20 }), (rows) => {
        const widths = blockWidths(rows, { formatOf: () => undefined });
        widths.forEach((w, c) => {
          expect(w).toBeGreaterThanOrEqual(MIN_COLUMN_WIDTH);
          expect(w).toBeLessThanOrEqual(MAX_COLUMN_WIDTH);
          const longest = Math.max(0, ...rows.map((r) => (typeof r[c] === "string" ? textWidth(r[c] as string) : 0)));
          expect(w).toBe(fitWidth(longest));
        });
      }),
    );
  });
});

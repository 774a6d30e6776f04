import fc from "fast-check";
import { gbkBytes } from "../../test/support/gbk";
import { csvBlock, csvCell, csvWorkbook } from "./csv-workbook";

describe("a CSV as a sheet", () => {
  test("fields plainly numbers become numbers; codes, long digit strings and everything else stay text", () => {
    expect(["12", "-3.5", "+4", "0", "0.25", ".5", "1e3", "45382"].map(csvCell)).toEqual([12, -3.5, 4, 0, 0.25, 0.5, 1000, 45382]);
    expect(["007", "0012.5", "1234567890123456", "6222020200112233445", "1,234.50", "￥800", "2024-03-05", "20240305x", "TRUE", " 5", "=1+1"].map(csvCell)).toEqual([
      "007",
      "0012.5",
      "1234567890123456",
      "6222020200112233445",
      "1,234.50",
      "￥800",
      "2024-03-05",
      "20240305x",
      "TRUE",
      " 5",
      "=1+1",
    ]);
    expect(csvCell("")).toBeNull();
  });

  test("property: a number a field becomes is the field's own value", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("0", "1", "9", ".", "-", "e", "+") }), (field) => {
      const cell = csvCell(field);
      if (typeof cell === "number") expect(cell).toBe(Number(field));
      else if (field !== "") expect(cell).toBe(field);
    }));
  });

  test("UTF-8 with a byte-order mark, GBK, quoted fields with commas and line breaks, ragged and empty lines", () => {
    const text = '\uFEFF客户,金额,备注\nA,"1,200.50","第一行\n第二行"\n\nB,5\n';
    const utf8 = csvBlock(new TextEncoder().encode(text));
    expect(utf8).toEqual([
      ["客户", "金额", "备注"],
      ["A", "1,200.50", "第一行\n第二行"],
      ["B", 5],
    ]);
    expect(csvBlock(gbkBytes(text.slice(1)))).toEqual(utf8);
    // Excel's "Unicode Text": UTF-16LE with its byte-order mark, tab-separated
    const tabbed = '客户\t金额\t备注\nA\t1,200.50\t"第一行\n第二行"\nB\t5\n';
    expect(csvBlock(Uint8Array.from([0xff, 0xfe, ...Buffer.from(tabbed, "utf16le")]))).toEqual(utf8);
  });

  test("the workbook has one sheet of the file's name holding the cells", async () => {
    const wb = csvWorkbook(new TextEncoder().encode("id,n\n007,3\n"), "应收");
    expect(wb.sheetNames()).toEqual(["应收"]);
    expect(await wb.read({ sheet: "应收", row: 0, column: 0, rows: 2, columns: 2 })).toEqual([
      ["id", "n"],
      ["007", 3],
    ]);
  });

  test("within the preview's limits: a wide row anywhere in the file counts, not only among the first", () => {
    const lines = ["a,b", ...Array.from({ length: 1500 }, (_, i) => (i === 1400 ? "1,2,3,4,5" : "1,2"))].join("\n");
    expect(() => csvWorkbook(new TextEncoder().encode(lines), "S", { columns: 3 })).toThrow(/uses 5 columns/);
    expect(csvWorkbook(new TextEncoder().encode(lines), "S", { columns: 5 }).sheetNames()).toEqual(["S"]);
  });
});

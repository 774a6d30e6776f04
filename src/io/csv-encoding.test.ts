import { gbkBytes } from "../../test/support/gbk";
import { csvEncoding } from "./csv-encoding";

describe("csvEncoding", () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  test("UTF-8 with or without a byte-order mark; GBK (Excel's Chinese CSV) as GB18030", () => {
    expect(csvEncoding(utf8("客户,日期,金额\nC1,2024-03-01,5\n"))).toBe("utf-8");
    expect(csvEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("客户\n")]))).toBe("utf-8");
    expect(csvEncoding(utf8("customer,date\nA,2024-03-01\n"))).toBe("utf-8");
    const gbk = gbkBytes("客户,日期,金额\n张三,2024-03-01,5\n");
    expect(csvEncoding(gbk)).toBe("gb18030");
    expect(new TextDecoder("gb18030").decode(gbk)).toBe("客户,日期,金额\n张三,2024-03-01,5\n");
  });

  test("UTF-16 by its byte-order mark (Excel's Unicode Text)", () => {
    expect(csvEncoding(Uint8Array.from([0xff, 0xfe, 0x2e, 0x5b]))).toBe("utf-16le");
    expect(csvEncoding(Uint8Array.from([0xfe, 0xff, 0x5b, 0x2e]))).toBe("utf-16be");
  });

  test("a UTF-8 character cut at the end of the head is still UTF-8", () => {
    const bytes = utf8("A,客");
    expect(csvEncoding(bytes.subarray(0, bytes.length - 1))).toBe("utf-8");
  });
});

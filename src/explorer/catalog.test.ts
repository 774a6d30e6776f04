import { groupFunctions, helpPage, metadataFile } from "./catalog";
import { FunctionMeta } from "./registry";

const fn = (id: string): FunctionMeta => ({ id, name: id, parameters: [] });

describe("explorer catalog", () => {
  test("functions grouped by family in the help's order, with their help; unknown ones last", () => {
    const groups = groupFunctions({ functions: [fn("DSO"), fn("NEWTHING"), fn("CLVSIMPLE"), fn("CLV")] });
    expect(groups.map((g) => [g.key, g.functions.map((f) => f.meta.id)])).toEqual([
      ["clv", ["CLV", "CLVSIMPLE"]],
      ["credit", ["DSO"]],
      ["other", ["NEWTHING"]],
    ]);
    expect(groups[0].functions[0].help?.name.zh).toBe("客户终生价值");
    expect(groups[2].functions[0].help).toBeUndefined();
  });

  test("files by language", () => {
    expect(metadataFile("zh")).toBe("functions.zh-cn.json");
    expect(metadataFile("en")).toBe("functions.json");
    expect(helpPage("CLV", "zh")).toBe("help/zh/CLV.html");
  });
});

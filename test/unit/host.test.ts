import { detectHost } from "../../src/taskpane/host";
import { languageFromTag, resolveLanguage } from "../../src/taskpane/i18n";

describe("host detection", () => {
  test("no office.js → preview", async () => {
    expect(await detectHost(undefined)).toEqual({ kind: "preview" });
  });

  test("office.js outside Office (onReady gives host null) → preview", async () => {
    const office = { onReady: async () => ({ host: null, platform: null }), HostType: { Excel: "Excel" } };
    expect((await detectHost(office)).kind).toBe("preview");
  });

  test("Excel → excel, with platform and display language", async () => {
    const office = { onReady: async () => ({ host: "Excel", platform: "PC" }), HostType: { Excel: "Excel" }, context: { displayLanguage: "zh-CN" } };
    expect(await detectHost(office)).toEqual({ kind: "excel", platform: "PC", displayLanguage: "zh-CN" });
  });

  test("an onReady that never settles falls back to the preview after the timeout", async () => {
    const office = { onReady: () => new Promise<never>(() => undefined) };
    expect((await detectHost(office, 20)).kind).toBe("preview");
  });

  test("another Office host (Word) is not Excel", async () => {
    const office = { onReady: async () => ({ host: "Word", platform: "PC" }), HostType: { Excel: "Excel" } };
    expect((await detectHost(office)).kind).toBe("preview");
  });
});

describe("UI language", () => {
  test("?lang wins, then Office's display language, then the browser's, else Chinese", () => {
    expect(resolveLanguage("?lang=en", "zh-CN", ["zh-CN"])).toBe("en");
    expect(resolveLanguage("", "en-US", ["zh-CN"])).toBe("en");
    expect(resolveLanguage("", undefined, ["fr-FR", "en-GB"])).toBe("en");
    expect(resolveLanguage("?lang=xx", undefined, ["de"])).toBe("zh");
    expect(languageFromTag("zh-TW")).toBe("zh");
  });
});

/**
 * Offline checks of manifest.xml (the online validator needs the network): well-formed XML,
 * every resid resolves, one shared runtime URL for Runtime, Page and FunctionFile, the CRM
 * namespace, the zh-CN metadata override, and icons that exist at the sizes named.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

const ROOT = path.resolve(__dirname, "../..");
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true, isArray: (name) => ["Image", "Url", "String", "Override", "Control", "Set", "Runtime", "ExtensionPoint", "Host", "AppDomain"].includes(name) });
const doc = parser.parse(xml).OfficeApp;
const overrides = doc.VersionOverrides;
const host = overrides.Hosts.Host[0];
const resources = overrides.Resources;

function ids(list: { "@id": string }[] | undefined): string[] {
  return (list ?? []).map((x) => x["@id"]);
}
const urls = new Map<string, { "@DefaultValue": string; Override?: { "@Locale": string; "@Value": string }[] }>(resources.Urls.Url.map((u: any) => [u["@id"], u]));
const images = new Map<string, string>(resources.Images.Image.map((i: any) => [i["@id"], i["@DefaultValue"]]));
const shortStrings = new Map<string, any>(resources.ShortStrings.String.map((s: any) => [s["@id"], s]));
const longStrings = new Map<string, any>(resources.LongStrings.String.map((s: any) => [s["@id"], s]));
const allIds = new Set([...urls.keys(), ...images.keys(), ...shortStrings.keys(), ...longStrings.keys()]);

/** Every resid="…" used anywhere in the manifest. */
const usedResids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  expect(b.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe("manifest.xml (offline validation)", () => {
  test("is well-formed XML of a task pane add-in for Excel", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc["@type"]).toBe("TaskPaneApp");
    expect(doc.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(String(doc.Version)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(doc.Hosts.Host.map((h: any) => h["@Name"])).toEqual(["Workbook"]);
    expect(host["@type"]).toBe("Workbook");
    expect(doc.Permissions).toBe("ReadWriteDocument");
  });

  test("every resid names a resource, and resource ids are unique", () => {
    const declared = [...ids(resources.Urls.Url), ...ids(resources.Images.Image), ...ids(resources.ShortStrings.String), ...ids(resources.LongStrings.String)];
    expect(new Set(declared).size).toBe(declared.length);
    for (const r of usedResids) expect(allIds.has(r) ? r : `missing resource ${r}`).toBe(r);
    for (const r of usedResids) expect(r.length).toBeLessThanOrEqual(32);
  });

  test("one shared runtime: Runtime, custom-functions Page and FunctionFile all use Taskpane.Url", () => {
    expect(host.Runtimes.Runtime).toHaveLength(1);
    expect(host.Runtimes.Runtime[0]["@resid"]).toBe("Taskpane.Url");
    expect(host.Runtimes.Runtime[0]["@lifetime"]).toBe("long");
    const cf = host.AllFormFactors.ExtensionPoint.find((e: any) => e["@type"] === "CustomFunctions");
    expect(cf.Page.SourceLocation["@resid"]).toBe("Taskpane.Url");
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe("Taskpane.Url");
    expect(urls.get("Taskpane.Url")!["@DefaultValue"]).toMatch(/\/taskpane\.html$/);
    const sets = doc.Requirements.Sets.Set.map((s: any) => `${s["@Name"]} ${s["@MinVersion"]}`);
    expect(sets).toContain("SharedRuntime 1.1");
  });

  test("custom functions: namespace CRM, script and metadata URLs, zh-CN metadata override", () => {
    const cf = host.AllFormFactors.ExtensionPoint.find((e: any) => e["@type"] === "CustomFunctions");
    expect(shortStrings.get(cf.Namespace["@resid"])["@DefaultValue"]).toBe("CRM");
    expect(urls.get(cf.Script.SourceLocation["@resid"])!["@DefaultValue"]).toMatch(/\/functions\.js$/);
    const meta = urls.get(cf.Metadata.SourceLocation["@resid"])!;
    expect(meta["@DefaultValue"]).toMatch(/\/functions\.json$/);
    expect(meta.Override?.find((o) => o["@Locale"] === "zh-CN")?.["@Value"]).toMatch(/\/functions\.zh-cn\.json$/);
  });

  test("a ribbon button on the Home tab opens the task pane", () => {
    const surface = host.DesktopFormFactor.ExtensionPoint.find((e: any) => e["@type"] === "PrimaryCommandSurface");
    const button = surface.OfficeTab.Group.Control[0];
    expect(surface.OfficeTab["@id"]).toBe("TabHome");
    expect(button["@type"]).toBe("Button");
    expect(button.Action["@type"]).toBe("ShowTaskpane");
    expect(button.Action.SourceLocation["@resid"]).toBe("Taskpane.Url");
  });

  test("all URLs are HTTPS on the add-in's origin, listed in AppDomains", () => {
    const origin = doc.AppDomains.AppDomain[0];
    const all = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(all.length).toBeGreaterThan(5);
    for (const u of all) expect(u.startsWith(`${origin}/`) ? "ok" : u).toBe("ok");
    expect(origin).toMatch(/^https:\/\//);
  });

  test("icons exist in assets/ at the sizes the manifest names", () => {
    const iconFile = (url: string) => path.join(ROOT, new URL(url).pathname);
    for (const img of resources.Images.Image) {
      const size = Number(String(img["@id"]).match(/(\d+)x\1/)![1]);
      expect(pngSize(iconFile(img["@DefaultValue"]))).toEqual([size, size]);
    }
    expect(pngSize(iconFile(doc.IconUrl["@DefaultValue"]))).toEqual([32, 32]);
    expect(pngSize(iconFile(doc.HighResolutionIconUrl["@DefaultValue"]))).toEqual([64, 64]);
  });

  test("Chinese display name and ribbon labels", () => {
    expect(doc.DisplayName.Override[0]["@Locale"]).toBe("zh-CN");
    expect(shortStrings.get("TaskpaneButton.Label").Override[0]["@Value"]).toMatch(/[\u4e00-\u9fff]/);
  });
});

/**
 * Where the task pane runs: inside Excel (Office.js with an Excel host) or the browser preview
 * (office.js absent, or present but Office.onReady reports no host).
 */
export type HostKind = "excel" | "preview";

export interface HostInfo {
  kind: HostKind;
  /** Office's platform (PC, Mac, OfficeOnline…) when in Excel. */
  platform?: string;
  /** Office's display language, e.g. zh-CN, when in Excel. */
  displayLanguage?: string;
}

interface OfficeLike {
  onReady: () => Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel?: unknown };
  context?: { displayLanguage?: string };
}

/** Detects the host; gives up on Office after `timeoutMs` (office.js can hang outside Office). */
export async function detectHost(office: OfficeLike | undefined = (globalThis as { Office?: OfficeLike }).Office, timeoutMs = 3000): Promise<HostInfo> {
  if (!office || typeof office.onReady !== "function") return { kind: "preview" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  const info = await Promise.race([office.onReady().catch(() => null), timeout]);
  clearTimeout(timer);
  if (!info || !info.host || info.host !== (office.HostType?.Excel ?? "Excel")) return { kind: "preview" };
  return { kind: "excel", platform: String(info.platform ?? ""), displayLanguage: office.context?.displayLanguage };
}

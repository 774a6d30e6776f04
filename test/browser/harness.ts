/**
 * Browser tests: a static HTTP server for the built dist/ (CRM_DIST picks another build) on a free
 * loopback port, and Debian's Chromium driven by playwright-core. office.js is served from the
 * npm package for pages that ask the CDN for it, since the CDN cannot be reached offline.
 */
import { Browser, BrowserContext, Page } from "playwright-core";
import { DIST, ROOT, StaticServer, chromiumPath, launch, routeOfficeJs, serveStatic } from "./chromium";

export { DIST, ROOT, chromiumPath, launch, serveStatic };
export type { StaticServer };

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  server: StaticServer;
  /** Errors the page threw or logged, to assert none happened. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A served dist/, a browser and a page whose office.js requests are answered from node_modules. */
export async function openSession(options: { locale?: string } = {}): Promise<BrowserSession> {
  const server = await serveStatic();
  const browser = await launch();
  const context = await browser.newContext({ locale: options.locale ?? "en-US", acceptDownloads: true });
  await routeOfficeJs(context);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return {
    browser,
    context,
    page,
    server,
    pageErrors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * `describe` for browser suites: without Chromium on a developer's machine the suite is skipped
 * with a note (install Debian's chromium, or set CHROMIUM_PATH); under CI it always runs, so a
 * missing browser fails loudly instead of passing quietly.
 */
export const describeBrowser: jest.Describe = (() => {
  if (chromiumPath() || process.env.CI) return describe;
  console.warn("Browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).");
  return describe.skip;
})();

/**
 * A grid cell once its row has arrived: the preview's rows come from the worker that keeps the
 * workbook, and a row drawn before they do (or as it was before a change) is marked aria-busy.
 */
export function settledCell(page: Page, ref: string) {
  return page.locator(`[role=grid] [role=row]:not([aria-busy="true"]) [data-ref="${ref}"]`);
}

/** The text of a grid cell once its row has arrived. */
export async function settledText(page: Page, ref: string): Promise<string> {
  const c = settledCell(page, ref);
  await c.waitFor();
  return (await c.textContent()) ?? "";
}

/** The cells' texts of one grid row (aria-rowindex: the sheet row + 1) once it has arrived. */
export async function settledRowTexts(page: Page, ariaRowIndex: number): Promise<string[]> {
  const row = page.locator(`[role=grid] [role=row][aria-rowindex="${ariaRowIndex}"]:not([aria-busy="true"])`);
  await row.waitFor();
  return row.locator("[role=gridcell]").allTextContents();
}

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

/**
 * Debian's Chromium and a static server for the built dist/, without jest: the browser tests'
 * harness (harness.ts) and the benches that drive the preview (workflows-responsiveness) share it.
 */
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as path from "path";
import { Browser, BrowserContext, chromium } from "playwright-core";

/**
 * The project's folder: the nearest one up with a package.json. Not a fixed "../..", since the
 * benches run this file compiled into node_modules/.cache/crm-bench/test/browser, where "../.."
 * would serve a dist/ that does not exist (every page a 404).
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "../..");
  }
}

export const ROOT = projectRoot(__dirname);
export const DIST = path.resolve(ROOT, process.env.CRM_DIST ?? "dist");
export const OFFICE_JS_DIR = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".css": "text/css; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
};

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  return candidates.find((p) => fs.existsSync(p));
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 at a free port. */
export function serveStatic(dir: string = DIST): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.join(dir, path.normalize(urlPath === "/" ? "/preview.html" : urlPath));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** Launches headless Chromium the way this machine allows (no sandbox as root, no background network). */
export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}


/** Answers a context's requests for the office.js CDN from node_modules: the CDN cannot be reached offline. */
export async function routeOfficeJs(context: BrowserContext): Promise<void> {
  await context.route(`${OFFICE_CDN}**`, async (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop() ?? "office.js";
    const file = path.join(OFFICE_JS_DIR, name);
    if (fs.existsSync(file)) await route.fulfill({ path: file, contentType: "text/javascript" });
    else await route.fulfill({ status: 404, body: "" });
  });
}

#!/usr/bin/env node
// npm start: run the add-in where it can run.
// - Excel desktop installed (Windows, macOS): build, serve over HTTPS with the Office dev
//   certificates and sideload manifest.xml into Excel (office-addin-debugging).
// - Otherwise (Linux, no Excel): serve the browser preview over plain HTTP and print its URL.
// Flags: --preview (always the preview), --excel (sideload even if Excel was not detected),
//        --web --document <URL> (sideload into Excel on the web for that workbook), --port N.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Where Excel desktop is installed, or undefined. */
export function findExcel(platform = process.platform) {
  if (platform === "darwin") {
    const app = "/Applications/Microsoft Excel.app";
    return fs.existsSync(app) ? app : undefined;
  }
  if (platform === "win32") {
    const q = spawnSync("reg", ["query", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe", "/ve"], { encoding: "utf8" });
    const m = q.status === 0 && /REG_SZ\s+(.+)/.exec(q.stdout);
    if (m) return m[1].trim();
    const dirs = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"]].filter(Boolean);
    for (const d of dirs) for (const v of ["root\\Office16", "Office16"]) {
      const exe = path.join(d, "Microsoft Office", v, "EXCEL.EXE");
      if (fs.existsSync(exe)) return exe;
    }
  }
  return undefined;
}

function freePort(start) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(freePort(start + 1)));
    srv.listen(start, "localhost", () => srv.close(() => resolve(start)));
  });
}

function run(cmd, cmdArgs, env = {}) {
  const bin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${cmd}.cmd` : cmd);
  const child = spawn(bin, cmdArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env }, shell: process.platform === "win32" });
  child.on("exit", (code) => process.exit(code ?? 0));
}

async function startPreview(reason) {
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const configFactory = require(path.join(root, "webpack.config.js"));
  const port = await freePort(Number(option("--port") ?? 3000));
  const config = await configFactory({}, { mode: "development" });
  config.devServer = { ...config.devServer, server: { type: "http" }, port };
  const compiler = webpack(config);
  const url = `http://localhost:${port}/preview.html`;
  let announced = false;
  compiler.hooks.done.tap("announce", (stats) => {
    if (announced) return;
    announced = true;
    if (stats.hasErrors()) console.error("\nThe build has errors (above); the preview may not work.");
    console.log(`\n${reason}`);
    console.log(`Serving the preview over plain HTTP (no Excel, no certificates needed):\n\n    ${url}\n`);
    console.log(`Open it in a browser. Samples: ${url}?sample=customers | transactions | invoices | credit | exercises; language: &lang=zh or &lang=en.`);
    console.log("Custom functions (=CRM.…) need Excel; the preview runs them in its function explorer. Ctrl+C stops the server.");
  });
  const server = new WebpackDevServer(config.devServer, compiler);
  await server.start();
}

function startExcel(target) {
  const manifest = path.join(root, "manifest.xml");
  const debugArgs = ["start", manifest, target, "--dev-server", "npm run dev-server", "--dev-server-port", "3000"];
  if (target === "web") {
    const doc = option("--document");
    if (!doc) {
      console.error("npm start -- --web needs --document <URL of a workbook in OneDrive/SharePoint>.");
      process.exit(2);
    }
    debugArgs.push("--document", doc);
  }
  console.log(`Sideloading manifest.xml into Excel ${target} (HTTPS on https://localhost:3000 with the Office dev certificates).`);
  run("office-addin-debugging", debugArgs, { ADDIN_HTTPS: "1" });
}

const excel = findExcel();
if (flag("--web")) startExcel("web");
else if (flag("--preview")) await startPreview("Preview requested (--preview).");
else if (excel || flag("--excel")) startExcel("desktop");
else await startPreview(`Excel desktop is not installed on this machine (${os.platform()}), so the add-in cannot be sideloaded here.`);

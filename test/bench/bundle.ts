/**
 * The built custom functions (dist/functions.js) loaded the way ../shared/tools/fxeval.mjs loads
 * them: a bare node:vm context with the standard built-ins and a CustomFunctions object, every id
 * of dist/functions.json registered through CustomFunctions.associate. The benchmarks call the
 * registered functions directly, in this process, with arguments shaped as Excel passes them.
 * The bundle directory is dist/ (run from the repository root) unless CRM_DIST names another.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

export type BundleFunction = (...args: unknown[]) => unknown;

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
  gettingData: "#GETTING_DATA",
  connect: "#CONNECT!",
  busy: "#BUSY!",
};

class CFError extends Error {
  code: string;
  constructor(code?: string, message?: string) {
    super(message ?? "");
    this.code = code ?? ErrorCode.invalidValue;
  }
}

let bundleContext: vm.Context | undefined;

/**
 * Evaluates `code` in the context the bundle was loaded into (loadBundle first): code timed
 * beside the bundle's functions then pays what they pay for its built-ins and its arguments.
 */
export function runInBundleContext(code: string): unknown {
  if (!bundleContext) throw new Error("loadBundle first");
  return vm.runInContext(code, bundleContext);
}

/** The registered functions by upper-case id; throws when the build is missing or incomplete. */
export function loadBundle(dist = path.resolve(process.env.CRM_DIST ?? "dist")): Map<string, BundleFunction> {
  const metaPath = path.join(dist, "functions.json");
  const codePath = path.join(dist, "functions.js");
  for (const p of [metaPath, codePath]) if (!fs.existsSync(p)) throw new Error(`${p} is missing: run npm run build first`);
  const meta = JSON.parse(fs.readFileSync(metaPath, "utf8")) as { functions: { id: string }[] };
  const registered = new Map<string, BundleFunction>();
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    performance,
    TextEncoder,
    TextDecoder,
    structuredClone,
    URL,
    URLSearchParams,
    crypto: globalThis.crypto,
    CustomFunctions: {
      associate(idOrMap: string | Record<string, BundleFunction>, fn?: BundleFunction) {
        if (typeof idOrMap === "object") for (const [k, v] of Object.entries(idOrMap)) registered.set(k.toUpperCase(), v);
        else registered.set(String(idOrMap).toUpperCase(), fn as BundleFunction);
      },
      Error: CFError,
      ErrorCode,
    },
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  bundleContext = vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(codePath, "utf8"), bundleContext, { filename: codePath });
  const missing = meta.functions.map((f) => f.id.toUpperCase()).filter((id) => !registered.has(id));
  if (missing.length) throw new Error(`not registered: ${missing.join(", ")}`);
  return registered;
}

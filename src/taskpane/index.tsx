// The shim must come first: it lets the function modules load outside Excel's runtime.
import "./custom-functions-shim";
import "../functions/functions";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { detectHost } from "./host";
import { resolveLanguage } from "./i18n";

async function main(): Promise<void> {
  const host = await detectHost();
  const language = resolveLanguage(window.location.search, host.displayLanguage, navigator.languages ?? [navigator.language]);
  const container = document.getElementById("root");
  if (!container) throw new Error("task pane: #root is missing");
  createRoot(container).render(<App host={host} language={language} />);
}

void main();

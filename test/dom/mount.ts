/**
 * One mounted React tree per test, the way the dom tests all need it: a fresh container in the
 * document, rendered inside act(), unmounted and removed after the test; and a wait for what the
 * page should come to show, which fails with the page's text instead of a bare timeout.
 */
import "./jsdom-setup";
import type * as React from "react";
import { act } from "react";
import { createRoot, Root } from "react-dom/client";

let mounted: { container: HTMLDivElement; root: Root } | undefined;

afterEach(async () => {
  if (!mounted) return;
  const { container, root } = mounted;
  mounted = undefined;
  await act(async () => root.unmount());
  container.remove();
});

/** Renders `element` into a new container (the test's page) and returns it. */
export async function mount(element: React.JSX.Element): Promise<HTMLDivElement> {
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  mounted = { container, root };
  await act(async () => root.render(element));
  return container;
}

/** Lets React and timers run until `done()` holds; throws naming `what` and the page's text after `timeoutMs`. */
export async function until(done: () => boolean, what = "the page", timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done() && Date.now() < end) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
  if (!done()) throw new Error(`timed out waiting for ${what}; page says: ${mounted?.container.textContent ?? "(nothing mounted)"}`);
}

/** Imported first by the jsdom tests: React's act() environment and what Fluent UI needs from a browser that jsdom lacks. */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has no layout: Fluent's message bar only needs ResizeObserver to exist.
class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResizeObserver;

// jest's jsdom lacks TextDecoder, which every browser and Excel webview has (the preview reads zip
// entry names with it before opening a file).
// eslint-disable-next-line @typescript-eslint/no-require-imports
(globalThis as { TextDecoder?: unknown }).TextDecoder ??= require("util").TextDecoder;

export {};

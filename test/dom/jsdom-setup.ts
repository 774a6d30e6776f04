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
// Nor TextEncoder, which the Parquet reader (hyparquet) needs as it loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(globalThis as { TextEncoder?: unknown }).TextEncoder ??= require("util").TextEncoder;

// jsdom's Blob lacks arrayBuffer(), which every browser has (a transactions file is read in slices with it).
if (typeof Blob !== "undefined" && typeof Blob.prototype.arrayBuffer !== "function") {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

export {};

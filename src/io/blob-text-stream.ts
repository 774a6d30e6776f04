/**
 * A File or Blob as the minimal Node-style readable stream papaparse streams from (readable,
 * read, on/removeListener, pause/resume), emitting text decoded from byte slices with one
 * streaming TextDecoder. papaparse's own File reader decodes each slice on its own, which splits a
 * Chinese character that straddles two slices into two replacement characters; this does not.
 * Works wherever Blob.arrayBuffer and TextDecoder exist (browsers, Web Workers, Node ≥ 18).
 * nodeTextStream does the same for a Node byte stream (a file on disk), in the file's encoding.
 * A decoding error (a fatal decoder meeting invalid bytes) is the stream's error, as `onError` words it.
 */
type Listener = (arg?: unknown) => void;

export interface TextStream {
  readonly readable: true;
  read(): null;
  on(event: string, fn: Listener): TextStream;
  removeListener(event: string, fn: Listener): TextStream;
  pause(): void;
  resume(): void;
}

type Emit = (event: string, arg?: unknown) => void;

/**
 * The stream papaparse sees, over a source of text: `start` begins the flow (papaparse subscribes
 * to data, end and error in that order, so once it listens for errors), `pause` and `resume`
 * pass its back-pressure on. The source reports through the returned `emit`.
 */
function textStream(source: { start(): void; pause(): void; resume(): void }): { stream: TextStream; emit: Emit } {
  const listeners = new Map<string, Set<Listener>>();
  const emit: Emit = (event, arg) => listeners.get(event)?.forEach((fn) => fn(arg));
  const stream: TextStream = {
    readable: true,
    read: () => null,
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      if (event === "error") queueMicrotask(() => source.start());
      return stream;
    },
    removeListener(event, fn) {
      listeners.get(event)?.delete(fn);
      return stream;
    },
    pause: () => source.pause(),
    resume: () => source.resume(),
  };
  return { stream, emit };
}

export function blobTextStream(blob: Blob, sliceBytes: number, decoder = new TextDecoder("utf-8"), onError: (e: unknown) => unknown = (e) => e): TextStream {
  let offset = 0;
  let paused = false;
  let pumping = false;
  let ended = false;

  async function pump(): Promise<void> {
    if (pumping || ended) return;
    pumping = true;
    try {
      while (!paused && offset < blob.size) {
        const end = Math.min(blob.size, offset + sliceBytes);
        const bytes = new Uint8Array(await blob.slice(offset, end).arrayBuffer());
        offset = end;
        const text = decoder.decode(bytes, { stream: offset < blob.size });
        if (text) emit("data", text);
      }
      if (offset >= blob.size && !paused) {
        ended = true;
        const rest = decoder.decode();
        if (rest) emit("data", rest);
        emit("end");
      }
    } catch (e) {
      emit("error", onError(e));
    } finally {
      pumping = false;
    }
  }

  const { stream, emit } = textStream({
    start: () => void pump(),
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      void pump();
    },
  });
  return stream;
}

/** A Node readable of bytes as a TextStream decoded with `decoder` (see blobTextStream). */
export function nodeTextStream(bytes: NodeJS.ReadableStream, decoder: TextDecoder, onError: (e: unknown) => unknown = (e) => e): TextStream {
  const { stream, emit } = textStream({ start: () => bytes.resume(), pause: () => bytes.pause(), resume: () => bytes.resume() });
  let failed = false;
  const decode = (chunk?: Uint8Array): string | undefined => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch (e) {
      failed = true;
      emit("error", onError(e));
      return undefined;
    }
  };
  bytes.on("data", (chunk: Uint8Array | string) => {
    if (failed) return;
    const text = decode(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    if (text) emit("data", text);
  });
  bytes.on("end", () => {
    if (failed) return;
    const rest = decode();
    if (rest) emit("data", rest);
    if (!failed) emit("end");
  });
  bytes.on("error", (e: unknown) => emit("error", e));
  bytes.pause();
  return stream;
}

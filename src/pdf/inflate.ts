import { inflateSync } from "node:zlib";

/**
 * A stand-in for DecompressionStream("deflate") with only what pdf.js uses of it (a writer that takes the bytes
 * and closes, a readable iterated with `for await`), inflating in one synchronous call when the input ends.
 * pdf.js inflates every content stream and font through DecompressionStream; Node's pipes each one through an
 * asynchronous zlib stream and web streams, whose machinery costs more than the inflating on the small streams
 * of a report. Other formats throw, as an unsupported format does, and pdf.js then decodes them itself; so does
 * a stream zlib rejects (the iteration throws, and pdf.js falls back to its own, more forgiving, decoder).
 */
export class InflateAtOnce {
  readonly writable: { getWriter(): InflateWriter };
  readonly readable: AsyncIterable<Uint8Array>;
  constructor(format: string) {
    if (format !== "deflate") throw new TypeError(`unsupported compression format: ${format}`);
    const chunks: Uint8Array[] = [];
    let closed!: () => void;
    const ended = new Promise<void>((resolve) => (closed = resolve));
    const writer: InflateWriter = {
      ready: Promise.resolve(),
      write: async (chunk) => void chunks.push(chunk),
      close: async () => closed(),
    };
    this.writable = { getWriter: () => writer };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await ended;
        yield inflateSync(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      },
    };
  }
}

interface InflateWriter {
  ready: Promise<void>;
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Installs it for pdf.js (the thread's only user of DecompressionStream). */
export function useInflateAtOnce(): void {
  (globalThis as { DecompressionStream: unknown }).DecompressionStream = InflateAtOnce;
}
